"""The demand funnel of the demo world: sources, campaigns, stage dates, statuses.

Conversion probabilities are logistic in fit (segment, department, title),
engagement and lead source; each stage's intercept is solved so that the
eventual rate hits the target below. Stage dates after the reference date are
dropped (recent leads have not progressed yet), so observed rates are a bit lower.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from data import vocab as V
from data.people import SEG_FIT, Person
from data.world import Account

#: Eventual next-step conversion targets.
TARGETS = {"mql": 0.215, "sal": 0.57, "sql": 0.62, "opp": 0.82, "won": 0.24}
STAGES = ["mql", "sal", "sql", "opp"]


def campaigns() -> list[tuple[str, str, dt.date]]:
    """All campaigns: ``(name, lead source, date)`` (dates inside the window)."""
    out = [
        ("2024秋_クラウドEXPO東京", "展示会", dt.date(2024, 10, 23)),
        ("2025春_DX総合展", "展示会", dt.date(2025, 4, 16)),
        ("2025秋_データ活用EXPO大阪", "展示会", dt.date(2025, 10, 8)),
        ("2026春_DX総合展", "展示会", dt.date(2026, 4, 15)),
        ("2026夏_AI・データ展", "展示会", dt.date(2026, 7, 8)),
    ]
    topics = [
        "データ基盤入門",
        "DWH移行",
        "生成AIとデータ",
        "BI活用",
        "データガバナンス",
        "事例紹介",
    ]
    for i in range(12):
        d = V.START + dt.timedelta(days=44 + 60 * i)
        out.append((f"ウェビナー_{topics[i % 6]}_{d:%Y-%m}", "ウェビナー", d))
    for i in range(6):
        d = V.START + dt.timedelta(days=100 + 110 * i)
        out.append((f"セミナー_データ活用実践_{d:%Y-%m}", "セミナー", d))
    wps = ["データ活用実態調査", "DWH比較ガイド", "生成AI時代のデータ基盤", "データ統合チェックリスト",
           "ROI試算シート"]  # fmt: skip
    for i, w in enumerate(wps):
        out.append((f"WP_{w}", "資料ダウンロード", V.START + dt.timedelta(days=150 * i)))
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _solve_intercept(logits: np.ndarray, target: float) -> float:
    """Intercept b such that mean(sigmoid(b + logits)) == target (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if _sigmoid(mid + logits).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _created(rng: np.random.Generator, source: str, cams) -> tuple[dt.datetime, str]:
    """Creation timestamp and campaign for a lead from ``source``."""
    span = (V.REF - V.START).days
    day = V.START + dt.timedelta(days=int(span * float(rng.random()) ** 0.8))
    campaign = ""
    events = [c for c in cams if c[1] == source]
    if source in ("展示会", "ウェビナー", "セミナー"):
        name, _, d = events[int(rng.integers(len(events)))]
        day, campaign = d + dt.timedelta(days=int(rng.integers(0, 4))), name
    elif source == "資料ダウンロード":
        released = [c for c in events if c[2] <= day]
        campaign = released[int(rng.integers(len(released)))][0]
    elif source == "広告":
        campaign = f"リスティング広告_{day.year}Q{(day.month - 1) // 3 + 1}"
    elif source == "紹介" and rng.random() < 0.5:
        campaign = "パートナー紹介"
    day = min(day, V.REF)
    secs = int(rng.integers(9 * 3600, 19 * 3600))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=secs), campaign


def run_funnel(rng: np.random.Generator, people: list[Person], accounts: list[Account]) -> None:
    """Fill source, campaign, created date, stage dates, status and owner in place.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    people : list of Person
        Contacts; updated in place.
    accounts : list of Account
        Accounts (for owners).
    """
    by_id = {a.company_id: a for a in accounts}
    cams = campaigns()
    src_names = [s[0] for s in V.LEAD_SOURCES]
    src_w = [s[1] for s in V.LEAD_SOURCES]
    src_eff = {s[0]: s[2] for s in V.LEAD_SOURCES}
    for p in people:
        p.engage = float(rng.normal())
        p.source = src_names[int(rng.choice(len(src_names), p=np.array(src_w) / sum(src_w)))]
        if p.segment == "univ" and p.source == "展示会" and rng.random() < 0.5:
            p.source = "セミナー"
        p.created, p.campaign = _created(rng, p.source, cams)
        p.unsubscribed = bool(rng.random() < 0.03)
        p.bounced = bool(not p.unsubscribed and rng.random() < 0.012 and p.email)
    live = [p for p in people if not p.is_test]
    # account-level intent (budget, timing): shared by colleagues, clusters the wins
    intent_of = {a.company_id: float(rng.normal()) for a in accounts}
    intent = np.array([intent_of.get(p.company_id, 0.0) for p in live])
    fit = np.array([SEG_FIT[p.segment] for p in live])
    sen = np.array([p.seniority for p in live])
    rel = np.array([p.dept_rel for p in live])
    eng = np.array([p.engage for p in live])
    free = np.array([p.email_kind == "free" for p in live], dtype=float)
    student = np.array([p.is_student for p in live], dtype=float)
    comp = np.array([p.segment in ("competitor", "partner") for p in live], dtype=float)
    src = np.array([src_eff[p.source] for p in live])
    logits = {
        "mql": 1.2 * fit
        + 0.8 * rel
        + 0.6 * sen
        + 1.1 * eng
        - 1.0 * free
        - 2.5 * student
        + src
        + 0.3 * intent,
        "sal": 1.6 * fit + 0.8 * sen + 0.4 * eng - 1.5 * free - 4 * student - 4 * comp,
        "sql": 1.4 * fit + 1.0 * sen + 0.8 * rel + 0.3 * eng - 1.0 * free - 3 * comp + 0.6 * intent,
        "opp": 0.8 * fit + 0.5 * sen + 0.3 * intent,
        "won": 1.0 * fit + 0.8 * sen + 0.8 * rel + 0.3 * eng - 1.0 * free + 2.2 * intent,
    }
    reached = np.ones(len(live), dtype=bool)
    outcome = {}
    for stage in [*STAGES, "won"]:
        lg = logits[stage][reached]
        b = _solve_intercept(lg, TARGETS[stage])
        hit = rng.random(len(lg)) < _sigmoid(b + lg)
        nxt = np.zeros(len(live), dtype=bool)
        nxt[np.flatnonzero(reached)[hit]] = True
        if stage == "won":
            outcome = {i: bool(nxt[i]) for i in np.flatnonzero(reached)}
        else:
            reached = nxt
            for i in np.flatnonzero(nxt):
                live[i].stages[stage] = V.REF  # placeholder, dated below
    for i, p in enumerate(live):
        _date_stages(rng, p, outcome.get(i), by_id.get(p.company_id))
        _status(rng, p, by_id.get(p.company_id))


def _date_stages(rng, p: Person, won: bool | None, acc: Account | None) -> None:
    """Give realistic, increasing dates to the stages reached; drop future ones."""
    delays = {
        "mql": lambda: int(np.clip(rng.lognormal(np.log(16), 0.7), 5, 60)),
        "sal": lambda: int(rng.integers(1, 15)),
        "sql": lambda: int(rng.integers(3, 31)),
        "opp": lambda: int(rng.integers(2, 22)),
    }
    d = p.created.date()
    dated: dict[str, dt.date] = {}
    for stage in STAGES:
        if stage not in p.stages:
            break
        d = d + dt.timedelta(days=delays[stage]())
        if d > V.REF:
            break
        dated[stage] = d
    if "opp" in dated and won is not None:
        long = acc is not None and acc.segment == "large"
        d = dated["opp"] + dt.timedelta(
            days=int(rng.integers(60 if long else 30, 241 if long else 151))
        )
        if d <= V.REF:
            dated["won" if won else "lost"] = d
    p.stages = dated


def _status(rng, p: Person, acc: Account | None) -> None:
    """BowNow status, rejection reason and owner consistent with the stage dates."""
    s = p.stages
    if "mql" in s and "sal" not in s:
        recent = (V.REF - s["mql"]).days < 10
        if not recent and rng.random() < 0.5:
            if p.segment in ("competitor", "partner"):
                p.reject_reason = "競合利用中" if p.segment == "competitor" else "規模が小さい"
            elif p.segment in ("smb", "univ"):
                p.reject_reason = V.REJECT_REASONS[
                    int(rng.choice(5, p=[0.25, 0.1, 0.05, 0.5, 0.1]))
                ]
            elif p.email_kind == "free":
                p.reject_reason = "連絡つかず"
            else:
                p.reject_reason = V.REJECT_REASONS[
                    int(rng.choice(5, p=[0.3, 0.35, 0.15, 0.05, 0.15]))
                ]
    if "won" in s:
        p.status = "受注"
    elif "lost" in s:
        p.status = "失注"
    elif "opp" in s:
        p.status = "案件化"
    elif "sal" in s:
        p.status = "アポ獲得"
    elif "mql" in s:
        if p.segment in ("competitor", "partner") or p.reject_reason in (
            "競合利用中",
            "規模が小さい",
        ):
            p.status = "対象外"
        else:
            p.status = "準顕在" if p.reject_reason else "顕在化"
    elif (p.is_student or p.segment in ("competitor", "partner")) and rng.random() < 0.35:
        p.status = "対象外"
    else:
        p.status = "準顕在" if p.engage > 0.4 else "潜在"
    unfollowed = "mql" in s and "sal" not in s
    if acc is not None and ("sal" in s or (not unfollowed and rng.random() < 0.15)):
        p.owner = acc.owner
