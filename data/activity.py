"""Web, e-mail and event activities (one row per action, keyed by e-mail)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from data import vocab as V
from data.people import Person

#: Type weights: background noise, the burst before MQL, the burst before an opportunity.
BASE_W = {"ページ閲覧": 55, "メールクリック": 25, "料金ページ閲覧": 3, "資料ダウンロード": 4,
          "ウェビナー参加": 2, "展示会来場": 0.5, "フォーム送信": 0.7, "デモ依頼": 0.2,
          "採用ページ閲覧": 2}  # fmt: skip
MQL_W = {"ページ閲覧": 27, "料金ページ閲覧": 25, "資料ダウンロード": 20, "ウェビナー参加": 10,
         "フォーム送信": 10, "デモ依頼": 8}  # fmt: skip
OPP_W = {"ページ閲覧": 40, "料金ページ閲覧": 30, "デモ依頼": 15, "資料ダウンロード": 15}
SOURCE_TYPE = {"展示会": "展示会来場", "ウェビナー": "ウェビナー参加", "セミナー": "フォーム送信",
               "資料ダウンロード": "資料ダウンロード", "Web問い合わせ": "フォーム送信"}  # fmt: skip
#: Activity row: (email, timestamp, type, channel, url, campaign).
Row = tuple[str, dt.datetime, str, str, str, str]


def _ts(rng: np.random.Generator, lo: dt.datetime, hi: dt.datetime) -> dt.datetime:
    """Random time between ``lo`` and ``hi`` (clipped to the window), business hours."""
    start = dt.datetime.combine(V.START, dt.time())
    end = dt.datetime.combine(V.REF, dt.time(23, 59))
    lo, hi = max(lo, start), min(max(hi, lo), end)
    day = lo.date() + dt.timedelta(days=int(rng.integers(0, (hi.date() - lo.date()).days + 1)))
    sec = int(rng.normal(14 * 3600, 3 * 3600)) % 86400
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=sec)


def _pick(rng: np.random.Generator, weights: dict[str, float], n: int) -> list[str]:
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    return [keys[int(i)] for i in rng.choice(len(keys), size=n, p=w / w.sum())]


def _url(rng: np.random.Generator, kind: str, when: dt.datetime) -> tuple[str, str]:
    """URL path and campaign for an activity type."""
    if kind == "ページ閲覧":
        return V.PAGE_PATHS[int(rng.integers(len(V.PAGE_PATHS)))], ""
    if kind == "メールクリック":
        return f"/lp/newsletter-{when:%Y%m}?utm_medium=email", f"メルマガ_{when:%Y-%m}"
    if kind == "資料ダウンロード":
        return f"/download/whitepaper-{int(rng.integers(1, 6))}", ""
    if kind == "ウェビナー参加":
        return f"/seminar/{when:%Y%m}", ""
    fixed = {"料金ページ閲覧": "/pricing", "フォーム送信": "/contact", "デモ依頼": "/demo",
             "配信停止": "/unsubscribe", "展示会来場": ""}  # fmt: skip
    if kind == "採用ページ閲覧":
        return ("/careers" if rng.random() < 0.6 else "/careers/new-graduate"), ""
    return fixed[kind], ""


def build_activities(rng: np.random.Generator, people: list[Person]) -> list[Row]:
    """Create ~50,000 activities; converting leads are busier and more valuable.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    people : list of Person
        Contacts after the funnel run.

    Returns
    -------
    list of Row
        Sorted by timestamp then e-mail.
    """
    rows: list[Row] = []
    who = [p for p in people if p.email]
    day = dt.timedelta(days=1)

    def emit(p: Person, kind: str, when: dt.datetime, campaign: str = "") -> None:
        url, cam = _url(rng, kind, when)
        channel = V.ACTIVITY_TYPES[kind][0]
        rows.append((p.email.lower(), when, kind, channel, url, campaign or cam))

    for p in who:  # the action that created the lead, then the bursts
        if p.source in SOURCE_TYPE:
            emit(p, SOURCE_TYPE[p.source], p.created, p.campaign)
        if "mql" in p.stages:
            mql = dt.datetime.combine(p.stages["mql"], dt.time(23, 0))
            for k in _pick(rng, MQL_W, 4 + int(rng.poisson(4))):
                emit(p, k, _ts(rng, max(p.created, mql - 20 * day), mql))
        if "sal" in p.stages:
            end = dt.datetime.combine(p.stages.get("opp", p.stages.get("sql", p.stages["sal"])),
                                      dt.time(23, 0))  # fmt: skip
            start = dt.datetime.combine(p.stages["sal"], dt.time())
            for k in _pick(rng, OPP_W, 2 + int(rng.poisson(3))):
                emit(p, k, _ts(rng, start, end))
        if p.unsubscribed:
            emit(p, "配信停止", _ts(rng, p.created, p.created + 300 * day))
    weights = np.array([np.exp(0.8 * p.engage) * (4.0 if p.is_test else 1.0) for p in who])
    lam = weights * max(N_BASE_TARGET - len(rows), 0) / weights.sum()
    for p, n in zip(who, rng.poisson(lam), strict=True):
        w = dict(BASE_W)
        if p.is_student:
            w["採用ページ閲覧"] = 30
        if p.bounced or p.unsubscribed:
            w["メールクリック"] = 0
        for k in _pick(rng, w, int(n)):
            emit(p, k, _ts(rng, p.created - 20 * day, p.created + 400 * day))
    for i in range(25):  # visitors identified by e-mail but absent from every lead file
        email = f"visitor{i + 1:03d}@{V.FREE_MAIL[i % len(V.FREE_MAIL)]}"
        for k in _pick(rng, BASE_W, 1 + int(rng.poisson(2))):
            start = dt.datetime.combine(V.START, dt.time())
            rows.append((email, _ts(rng, start, start + 720 * day), k,
                         V.ACTIVITY_TYPES[k][0], *_url(rng, k, start)))  # fmt: skip
    rows.sort(key=lambda r: (r[1], r[0], r[2]))
    return rows


N_BASE_TARGET = 50_000
