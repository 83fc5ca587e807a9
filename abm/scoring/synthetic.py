"""Synthetic leads and activities with a known conversion signal.

For benchmarks and tests: the probability of becoming an opportunity rises
with seniority, target industries, company size, pricing-page views and demo
requests, so a model that learns from history must beat random weights.
Strings are categoricals so a million leads with twelve million activities
fit in memory and are generated in seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["make_leads_and_activities"]

_INDUSTRIES = [
    "製造業",
    "情報通信業",
    "Software",
    "卸売業、小売業",
    "金融業",
    "建設業",
    "Healthcare",
    "サービス業",
    "教育",
    None,
]
_TITLES = [
    "代表取締役",
    "取締役",
    "執行役員",
    "本部長",
    "部長",
    "次長",
    "課長",
    "係長",
    "主任",
    "担当",
    "CEO",
    "VP Sales",
    "Director",
    "Manager",
    "Engineer",
    "学生",
    None,
]
_SENIOR = {"代表取締役", "取締役", "執行役員", "本部長", "部長", "CEO", "VP Sales", "Director"}
_DEPTS = [
    "情報システム部",
    "経営企画部",
    "営業部",
    "マーケティング部",
    "経理部",
    "購買部",
    "人事部",
    "Engineering",
    None,
]
_PREFS = ["東京都", "大阪府", "愛知県", "福岡県", "北海道", "神奈川県", "Singapore", None]
_TYPES = [
    "ページ閲覧",
    "Page View",
    "料金ページ閲覧",
    "資料ダウンロード",
    "ウェビナー参加",
    "展示会来場",
    "メールクリック",
    "Email Click",
    "フォーム送信",
    "デモ依頼",
    "採用ページ閲覧",
    "配信停止",
    "メール開封",
]
_TYPE_P = np.array([30, 20, 5, 6, 3, 2, 8, 6, 3, 1, 2, 1, 13], dtype=float)
_FREE = ["gmail.com", "yahoo.co.jp"]


def make_leads_and_activities(
    n_leads: int, *, activities_per_lead: float = 12.0, as_of: str = "2026-01-01", seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(leads, activities)`` canonical frames with a known signal.

    Parameters
    ----------
    n_leads : int
    activities_per_lead : float
        Mean activities per lead (Poisson).
    as_of : str
        Latest possible date; history spans two years before it.
    seed : int
        Random seed.

    Returns
    -------
    tuple of pandas.DataFrame
        Leads carry ``opportunity_at`` (the outcome) and ``account_id``.
    """
    rng = np.random.default_rng(seed)
    end = pd.Timestamp(as_of).to_datetime64().astype("datetime64[s]").astype(np.int64)
    span = 730 * 86400
    n_acc = max(1, n_leads // 4)
    acc = rng.integers(0, n_acc, n_leads)
    acc_ind = rng.integers(0, len(_INDUSTRIES), n_acc)
    acc_emp = np.round(np.exp(rng.normal(5.5, 1.6, n_acc))).astype(np.int64)
    acc_rev = acc_emp * 2e7 * np.exp(rng.normal(0, 0.5, n_acc))
    acc_pref = rng.integers(0, len(_PREFS), n_acc)
    title = rng.integers(0, len(_TITLES), n_leads)
    free = rng.random(n_leads) < 0.12
    ids = pd.Series(np.arange(n_leads)).map("L{:07d}".format)
    domain = pd.Series(acc).map("c{:06d}.co.jp".format)
    email = ids.str.lower() + "@" + domain.where(~free, pd.Series(np.array(_FREE)[acc % 2]))
    created = end - rng.integers(30 * 86400, span, n_leads)
    cat = pd.Categorical.from_codes
    leads = pd.DataFrame(
        {
            "lead_id": ids.astype("str"),
            "account_id": pd.Series(acc).map("A{:06d}".format).astype("str"),
            "company": pd.Series(acc).map("株式会社サンプル{:06d}".format).astype("str"),
            "email": email.astype("str"),
            "title": cat(title, categories=[t or "" for t in _TITLES]),
            "department": cat(
                rng.integers(0, len(_DEPTS), n_leads), categories=[d or "" for d in _DEPTS]
            ),
            "industry": cat(acc_ind[acc], categories=[i or "" for i in _INDUSTRIES]),
            "employees": pd.array(acc_emp[acc], dtype="Int64"),
            "annual_revenue": pd.array(acc_rev[acc], dtype="Float64"),
            "prefecture": cat(acc_pref[acc], categories=[p or "" for p in _PREFS]),
            "created_at": pd.to_datetime(created, unit="s").astype("datetime64[ns]"),
        }
    )
    per = rng.poisson(activities_per_lead, n_leads)
    lead_of = np.repeat(np.arange(n_leads), per)
    n_act = len(lead_of)
    kind = rng.choice(len(_TYPES), n_act, p=_TYPE_P / _TYPE_P.sum())
    ts = created[lead_of] + (rng.random(n_act) * (end - created[lead_of])).astype(np.int64)
    acts = pd.DataFrame(
        {
            "lead_id": cat(lead_of, categories=leads["lead_id"].to_numpy()),
            "timestamp": pd.to_datetime(ts, unit="s").astype("datetime64[ns]"),
            "activity_type": cat(kind, categories=_TYPES),
        }
    )
    pricing = np.bincount(lead_of, weights=(kind == 2), minlength=n_leads)
    demo = np.bincount(lead_of, weights=(kind == 9), minlength=n_leads)
    senior = np.isin(np.array([t or "" for t in _TITLES])[title], list(_SENIOR))
    target_ind = np.isin(acc_ind[acc], [0, 1, 2])
    logit = (
        -3.6 + 1.2 * senior + 0.9 * target_ind + 0.6 * (acc_emp[acc] >= 300)
        + 0.8 * np.log1p(pricing) + 1.5 * (demo > 0) - 1.0 * free
    )  # fmt: skip
    won = rng.random(n_leads) < 1 / (1 + np.exp(-logit))
    opp = np.minimum(created + rng.integers(7 * 86400, 200 * 86400, n_leads), end)
    leads["opportunity_at"] = (
        pd.Series(pd.to_datetime(opp, unit="s")).where(won).astype("datetime64[ns]")
    )
    return leads, acts
