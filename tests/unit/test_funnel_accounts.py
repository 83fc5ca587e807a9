"""Account-level waterfall (hand-computed)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.keys import company_key
from abm.dataset import Dataset
from abm.funnel import account_reach, account_waterfall, compute_reach, get_model
from abm.pipeline import link_tables
from tests.unit.test_funnel_reach import AS_OF, dated_leads

COMPANIES = [
    "株式会社アルファ",
    "アルファ（株）",
    "ベータ株式会社",
    "Gamma Co., Ltd.",
    "gamma",
    "デルタ",
    "ベータ",
    "イプシロン",
]


def leads() -> pd.DataFrame:
    df = dated_leads()
    df["company"] = pd.array(COMPANIES, dtype="string")
    return df


def test_company_key():
    got = company_key(pd.Series([*COMPANIES, None, "  ", "ＡＢＣ Inc."], dtype="string"))
    assert got.tolist()[:8] == [
        "アルファ",
        "アルファ",
        "ベータ",
        "gamma",
        "gamma",
        "デルタ",
        "ベータ",
        "イプシロン",
    ]
    assert got.isna().tolist()[8:10] == [True, True]
    assert got.iloc[10] == "abc"


def test_accounts_are_the_prepared_account_ids_with_their_names():
    df = leads()
    df["account_id"] = pd.array(["A1", "A1", "B", "G", "G", "D", "B", "E"], dtype="string")
    df["account_name"] = pd.array(
        ["アルファ", None, "ベータ", "Gamma", "", "デルタ", "ベータ", "E"]
    )
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    acc = account_reach(r, df)
    assert acc.index.name == "account_id"
    assert sorted(acc.index) == ["A1", "B", "D", "G"]  # one key scheme: no id: / co: prefixes
    assert acc.loc["A1", "account_name"] == "アルファ" and acc.loc["A1", "leads"] == 2


def test_account_waterfall_counts_companies_not_people():
    df = leads()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    acc = account_reach(r, df)
    # Accounts (L8 excluded by as_of): アルファ {L1, L2}, ベータ {L3, L7}, gamma {L4, L5}, デルタ {L6}
    assert sorted(acc.index) == ["co:gamma", "co:アルファ", "co:デルタ", "co:ベータ"]
    assert acc.loc["co:アルファ", "leads"] == 2
    assert acc.loc["co:アルファ", "mqa_leads"] == 2
    # MQA (≥1 MQL): アルファ (L1, L2), ベータ (L3), gamma (L4); デルタ's L6 never passed MQL.
    # Opportunity and won: アルファ only.
    w = account_waterfall(acc)
    assert w["stage"].tolist() == ["engaged", "mqa", "opportunity", "won"]
    assert w["count"].tolist() == [4, 3, 1, 1]
    np.testing.assert_allclose(w["next_rate"][1:], [3 / 4, 1 / 3, 1.0])
    np.testing.assert_allclose(w["cumulative_rate"], [1.0, 3 / 4, 1 / 4, 1 / 4])
    # Lead level would say 2 opportunities out of 7 inquiries; accounts say 1 of 4.
    two = account_reach(r, df, mqa_min_leads=2)
    assert two["mqa"].sum() == 1  # only アルファ has two MQLs


def test_opportunities_mark_accounts():
    df = leads()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    opps = pd.DataFrame(
        {
            "company": pd.array(["ベータ", "Gamma Corporation"], dtype="string"),
            "created_at": pd.to_datetime(["2026-03-01", "2026-04-10"]),  # second is after as_of
            "is_won": pd.array([False, True], dtype="boolean"),
            "close_date": pd.to_datetime(["2026-05-01", "2026-04-20"]),
        }
    )
    acc = account_reach(r, df, opps)
    assert acc["opportunity"].sum() == 2  # アルファ (leads) + ベータ (opportunity row)
    assert bool(acc.loc["co:ベータ", "opportunity"]) is True
    assert bool(acc.loc["co:gamma", "opportunity"]) is False
    assert acc["won"].sum() == 1


def test_cohort_subset_and_opportunity_linked_by_lead_id():
    df = leads()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    feb = r.created_between(pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-28"))
    # Feb cohort: L4 (gamma), L5 (gamma), L6 (デルタ), L7 (ベータ)
    opps = pd.DataFrame(
        {
            "lead_id": pd.array(["L6", "L1"], dtype="string"),  # L1's account is not in the cohort
            "created_at": pd.to_datetime(["2026-03-01", "2026-03-01"]),
            "is_won": pd.array([True, True], dtype="boolean"),
            "is_closed": pd.array([True, True], dtype="boolean"),
            "close_date": pd.to_datetime(["2026-03-20", "2026-03-20"]),
        }
    )
    linked = link_tables(Dataset(leads=df, opportunities=opps))  # as abm.pipeline.prepare links
    df, opps = linked.leads, linked.opportunities
    assert opps["account_id"].tolist() == ["co:デルタ", "co:アルファ"]
    acc = account_reach(feb, df, opps, mqa_min_leads=1)
    assert sorted(acc.index) == ["co:gamma", "co:デルタ", "co:ベータ"]
    assert acc["leads"].to_dict() == {"co:gamma": 2, "co:デルタ": 1, "co:ベータ": 1}
    # MQA: gamma (L4 MQL). デルタ's opportunity is won, but in a strict reach an
    # account must be an MQA first, so it stops at engaged.
    assert acc["mqa"].sum() == 1
    assert acc["opportunity"].sum() == 0
    assert acc.attrs["deals_not_counted"] == 1  # said on the page (QA: 28 of 31 shown)
    loose = compute_reach(df, get_model("classic"), as_of=AS_OF, strict=False)
    acc2 = account_reach(
        loose.created_between(pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-28")), df, opps
    )
    assert bool(acc2.loc["co:デルタ", "won"]) and bool(acc2.loc["co:デルタ", "opportunity"])
    assert acc2["won"].sum() == 1 and acc2.attrs["deals_not_counted"] == 0
