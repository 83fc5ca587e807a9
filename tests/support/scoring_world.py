"""Generated CRM worlds with a known conversion rule, for judging lead scoring from outside.

Written without Mori's scoring code (numpy and pandas only), so a model that
scores well here has learned the world, not its own assumptions. Each lead
carries what real exports carry — a job title, an industry and a size band
as text, marketing activity from an MA log and sales touches from a CRM
activity report (種別 電話 / 訪問 / 商談 with 結果 アポ獲得 / 接続 / 不在 / 拒否),
all timestamped — and converts to an opportunity within ``horizon_days``
after its prediction time (creation + ``prediction_days``) with probability
``sigmoid(intercept + Σ β·x + noise)``, where every ``x`` is measured on what
happened *before* the prediction time and ``β`` is :data:`TRUTH`.

Activity also happens after the prediction time — more of it for leads that
convert, and sales meetings around the opportunity itself — so a scorer that
looks past the cut would look better than it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["GROUPS", "TRUTH", "ScoringWorld", "make_world"]

#: Latent groups of the categorical fields, with the texts an export shows for each.
GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "seniority": {
        "exec": ("代表取締役", "代表取締役社長", "CEO", "取締役", "執行役員"),
        "manager": ("部長", "本部長", "課長", "Director", "Marketing Manager"),
        "staff": ("担当", "主任", "係長", "スタッフ", "Engineer"),
        "student": ("学生", "インターン"),
    },
    "industry": {
        "manufacturing": ("製造業", "電気機器メーカー", "Manufacturing"),
        "software": ("情報通信業", "ソフトウェア", "Software"),
        "finance": ("金融業", "銀行", "保険業"),
        "retail": ("卸売業、小売業", "小売", "Retail"),
        "education": ("教育、学習支援業", "学校", "Education"),
    },
    "size": {  # employee bands as the tools write them; the lower bound is the number
        "large": ("1,000〜4,999名", "5,000名以上"),
        "mid": ("300〜999名",),
        "small": ("50〜299名",),
        "micro": ("1〜49名",),
    },
}
_SIZE_LOW = {"1,000〜4,999名": 1000, "5,000名以上": 5000, "300〜999名": 300,
             "50〜299名": 50, "1〜49名": 1}  # fmt: skip
_REFERENCE = {"seniority": "staff", "industry": "finance", "size": "small"}

#: Known coefficients (logit scale). Categorical ones are relative to the
#: reference group (staff, finance, 50–299); activity ones multiply
#: ``log1p(recency-weighted count before the cut)`` (half-life 10 days), a
#: form Mori's ramps only approximate.
TRUTH: dict[str, float] = {
    "seniority:exec": 1.0,
    "seniority:manager": 0.5,
    "seniority:student": -1.5,
    "industry:manufacturing": 0.6,
    "industry:software": 0.5,
    "industry:retail": -0.4,
    "industry:education": -0.9,
    "size:large": 0.6,
    "size:mid": 0.3,
    "size:micro": -0.5,
    "act:pricing": 0.7,
    "act:download": 0.4,
    "act:webinar": 0.5,
    "act:demo": 1.4,
    "act:careers": -0.8,
    "act:unsubscribe": -1.2,
    "sales:meeting": 0.8,
    "sales:visit": 0.5,
    "call:appointment": 1.0,
    "call:connected": 0.3,
    "call:no_answer": -0.3,
    "call:refused": -1.0,
}
#: Activity texts of each latent kind (MA log / CRM activity report).
_KINDS: dict[str, tuple[str, str, float]] = {  # kind -> (type text, origin, weight among kinds)
    "act:page": ("ページ閲覧", "marketing", 30.0),
    "act:pricing": ("料金ページ閲覧", "marketing", 5.0),
    "act:download": ("資料ダウンロード", "marketing", 6.0),
    "act:webinar": ("ウェビナー参加", "marketing", 3.0),
    "act:demo": ("デモ依頼", "marketing", 1.0),
    "act:open": ("メール開封", "marketing", 12.0),
    "act:careers": ("採用ページ閲覧", "marketing", 2.0),
    "act:unsubscribe": ("配信停止", "marketing", 0.6),
    "sales:meeting": ("商談", "sales", 1.0),
    "sales:visit": ("訪問", "sales", 1.0),
    "sales:call": ("電話", "sales", 6.0),
}
_CALL_RESULTS = {"call:appointment": "アポ獲得", "call:connected": "接続",
                 "call:no_answer": "不在", "call:refused": "拒否"}  # fmt: skip
_HALF_LIFE = 10.0
_DAY = 86_400


@dataclass(frozen=True)
class ScoringWorld:
    """A generated world: canonical tables, as-of date, and the truth behind them.

    Attributes
    ----------
    leads, activities, opportunities : pandas.DataFrame
        Canonical tables (as :mod:`abm.ingest` would map the exports):
        leads with title / industry / employees (+ band) text; activities with
        ``email``, ``timestamp``, ``activity_type``, ``origin``, ``result``;
        opportunities with ``email``, Japanese ``stage`` (受注 / 失注 / 提案),
        ``created_at``, ``close_date``.
    as_of : pandas.Timestamp
    truth : pandas.DataFrame
        Per lead: ``group_<field>`` latent groups, ``cut`` (prediction time),
        ``eligible`` (window complete and not converted before the cut),
        ``logit`` (without the unobserved noise), ``converted`` (within the horizon).
    """

    leads: pd.DataFrame
    activities: pd.DataFrame
    opportunities: pd.DataFrame
    as_of: pd.Timestamp
    truth: pd.DataFrame


def _pick(rng: np.random.Generator, options: tuple[str, ...], size: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), size)]


def _groups(rng, field, n, p):
    names = list(GROUPS[field])
    g = rng.choice(len(names), n, p=np.asarray(p) / np.sum(p))
    return np.asarray(names, dtype=object)[g]


def make_world(
    n_leads: int,
    *,
    seed: int = 0,
    prediction_days: float = 30.0,
    horizon_days: float = 90.0,
    noise: float = 1.0,
    intercept: float = -3.2,
    as_of: str = "2026-03-31",
) -> ScoringWorld:
    """Generate a world of ``n_leads`` leads (about 4 per account).

    Parameters
    ----------
    n_leads : int
    seed : int
    prediction_days, horizon_days : float
        The prediction time (creation + days) and the conversion window after it.
    noise : float
        Standard deviation of an unobserved logit term (bounds any model's AUC).
    intercept : float
        Logit intercept (sets the conversion rate).
    as_of : str
        End of history; leads are created over the two years before it.

    Returns
    -------
    ScoringWorld
    """
    rng = np.random.default_rng(seed)
    end = int(pd.Timestamp(as_of).timestamp())
    n_acc = max(1, n_leads // 4)
    acc = rng.integers(0, n_acc, n_leads)
    acc_ind = _groups(rng, "industry", n_acc, [3, 3, 2, 2, 1])[acc]
    acc_size = _groups(rng, "size", n_acc, [2, 2, 3, 2])[acc]
    sen = _groups(rng, "seniority", n_leads, [2, 3, 5, 0.6])
    created = end - rng.integers(5 * _DAY, 730 * _DAY, n_leads)
    cut = created + int(prediction_days * _DAY)

    title = np.array([_pick(rng, GROUPS["seniority"][g], 1)[0] for g in sen], dtype=object)
    industry = np.array([_pick(rng, GROUPS["industry"][g], 1)[0] for g in acc_ind], dtype=object)
    band = np.array([_pick(rng, GROUPS["size"][g], 1)[0] for g in acc_size], dtype=object)
    domain = pd.Series(acc).map("c{:06d}.example.co.jp".format).to_numpy()
    email = np.array([f"p{i:07d}@{d}" for i, d in enumerate(domain)], dtype=object)

    # propensity to engage: engaged leads do more of everything (a confounder scoring must handle)
    engaged = rng.gamma(2.0, 0.5, n_leads)
    logit = np.full(n_leads, intercept)
    for field, groups in (("seniority", sen), ("industry", acc_ind), ("size", acc_size)):
        for g in GROUPS[field]:
            logit += TRUTH.get(f"{field}:{g}", 0.0) * (groups == g)

    # activity before the cut: per kind, Poisson counts, timestamps uniform in [created, cut)
    rows = []
    before = {}
    for kind, (_text, _origin, weight) in _KINDS.items():
        lam = engaged * weight * prediction_days / 30.0 * 0.35
        if kind.startswith("sales:"):
            lam = lam * (0.3 + (sen != "student"))
        k = rng.poisson(lam)
        lead = np.repeat(np.arange(n_leads), k)
        ts = created[lead] + (rng.random(len(lead)) * (cut[lead] - created[lead])).astype(np.int64)
        rows.append((lead, ts, kind))
        age = (cut[lead] - ts) / _DAY
        before[kind] = np.bincount(lead, weights=0.5 ** (age / _HALF_LIFE), minlength=n_leads)
    # call results: each call before the cut gets one result, likelier good for senior buyers
    call_lead, call_ts, _ = rows[-1]
    p_res = np.array([0.15, 0.35, 0.35, 0.15])
    res_idx = rng.choice(4, len(call_lead), p=p_res)
    res_names = list(_CALL_RESULTS)
    for i, name in enumerate(res_names):
        m = res_idx == i
        age = (cut[call_lead[m]] - call_ts[m]) / _DAY
        before[name] = np.bincount(
            call_lead[m], weights=0.5 ** (age / _HALF_LIFE), minlength=n_leads
        )
    for name, beta in TRUTH.items():
        if name in before:
            logit += beta * np.log1p(before[name])
    hidden = rng.normal(0.0, noise, n_leads)
    p = 1.0 / (1.0 + np.exp(-(logit + hidden)))
    converts = rng.random(n_leads) < p
    early = ~converts & (rng.random(n_leads) < 0.03)  # converted before the cut: not predictable
    opp_at = np.where(
        converts,
        cut + rng.integers(_DAY, int(horizon_days * _DAY), n_leads),
        np.where(early, created + rng.integers(_DAY, int(prediction_days * _DAY), n_leads), -1),
    )
    later = ~converts & ~early & (rng.random(n_leads) < 0.05)  # after the window: a negative
    opp_at = np.where(
        later, cut + int(horizon_days * _DAY) + rng.integers(_DAY, 200 * _DAY, n_leads), opp_at
    )
    opp_at = np.where(opp_at > end, -1, opp_at)

    # activity after the cut (never a feature): more for converters, meetings around the deal
    post = []
    for kind, (_, _, weight) in _KINDS.items():
        lam = engaged * weight * 0.35 * (1 + 3 * converts)
        k = rng.poisson(lam)
        lead = np.repeat(np.arange(n_leads), k)
        ts = cut[lead] + rng.integers(1, 120 * _DAY, len(lead))
        post.append((lead, ts, kind))
    conv = np.flatnonzero(opp_at > 0)
    post.append((conv, opp_at[conv] + _DAY, "sales:meeting"))

    acts = _activities(rows, post, res_idx, res_names, email, end, rng)
    leads = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i:07d}" for i in range(n_leads)], dtype="string"),
            "email": pd.array(email, dtype="string"),
            "company": pd.array([f"株式会社サンプル{a:06d}" for a in acc], dtype="string"),
            "account_id": pd.array([f"A{a:06d}" for a in acc], dtype="string"),
            "title": pd.array(title, dtype="string"),
            "industry": pd.array(industry, dtype="string"),
            "employees": pd.array([_SIZE_LOW[b] for b in band], dtype="Int64"),
            "employees_band": pd.array(band, dtype="string"),
            "created_at": pd.to_datetime(created, unit="s"),
        }
    )
    opps = _opportunities(opp_at, email, acc, sen, rng, end)
    window_end = cut + int(horizon_days * _DAY)
    eligible = (window_end <= end) & ~((opp_at > 0) & (opp_at <= cut))
    truth = pd.DataFrame(
        {
            "group_seniority": sen,
            "group_industry": acc_ind,
            "group_size": acc_size,
            "cut": pd.to_datetime(cut, unit="s"),
            "eligible": eligible,
            "logit": logit,
            "converted": (opp_at > cut) & (opp_at <= window_end),
        }
    )
    return ScoringWorld(leads, acts, opps, pd.Timestamp(as_of), truth)


def _activities(rows, post, res_idx, res_names, email, end, rng) -> pd.DataFrame:
    leads, stamps, kinds, results = [], [], [], []
    call_done = False
    for lead, ts, kind in [*rows, *post]:
        leads.append(lead)
        stamps.append(ts)
        kinds.append(np.full(len(lead), kind, dtype=object))
        if kind == "sales:call" and not call_done:
            results.append(np.array([_CALL_RESULTS[res_names[i]] for i in res_idx], dtype=object))
            call_done = True
        elif kind == "sales:call":
            results.append(_pick(rng, tuple(_CALL_RESULTS.values()), len(lead)))
        else:
            results.append(np.full(len(lead), None, dtype=object))
    lead = np.concatenate(leads)
    ts = np.concatenate(stamps)
    kind = np.concatenate(kinds)
    keep = ts <= end
    lead, ts, kind = lead[keep], ts[keep], kind[keep]
    result = np.concatenate(results)[keep]
    text = np.array([_KINDS[k][0] for k in kind], dtype=object)
    origin = np.array([_KINDS[k][1] for k in kind], dtype=object)
    return pd.DataFrame(
        {
            "email": pd.array(email[lead], dtype="string"),
            "timestamp": pd.to_datetime(ts, unit="s"),
            "activity_type": pd.array(text, dtype="string"),
            "origin": pd.array(origin, dtype="string"),
            "result": pd.array(result, dtype="string"),
        }
    )


def _opportunities(opp_at, email, acc, sen, rng, end) -> pd.DataFrame:
    rows = np.flatnonzero(opp_at > 0)
    close = opp_at[rows] + rng.integers(20 * _DAY, 150 * _DAY, len(rows))
    p_win = np.where(sen[rows] == "exec", 0.5, np.where(sen[rows] == "manager", 0.35, 0.2))
    won = rng.random(len(rows)) < p_win
    decided = close <= end
    stage = np.where(decided, np.where(won, "受注", "失注"), "提案")
    return pd.DataFrame(
        {
            "opportunity_id": pd.array([f"O{i:07d}" for i in rows], dtype="string"),
            "email": pd.array(email[rows], dtype="string"),
            "company": pd.array([f"株式会社サンプル{a:06d}" for a in acc[rows]], dtype="string"),
            "stage": pd.array(stage, dtype="string"),
            "created_at": pd.to_datetime(opp_at[rows], unit="s"),
            "close_date": pd.to_datetime(close, unit="s"),
        }
    )
