"""Source truth table on the hand-built dataset."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from abm.funnel import compute_reach, get_model, pipeline_summary
from abm.gap.sources import SOURCE_COLUMNS, opportunity_groups, source_truth_table
from tests.unit.test_gap_data import AS_OF, END, START, make_leads, make_opportunities


def _table(**kw):
    leads = make_leads()
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    return source_truth_table(
        leads, reach, kw.pop("opps", make_opportunities()), start=START, end=END, **kw
    )


def test_opportunity_groups():
    # O2 has no source: it takes L2's (seminar); O5 keeps its own; by channel
    g = opportunity_groups(make_opportunities(), make_leads())
    assert g.tolist() == ["webinar", "webinar", "ad", "website", "webinar", "website"]


def test_table_by_source_with_costs():
    t = _table(costs={"seminar": 600_000, "web": 200_000})
    assert list(t.columns) == list(SOURCE_COLUMNS)
    assert t.index.tolist() == ["website", "webinar", "ad", "(unknown)"]
    assert t["leads"].tolist() == [4, 2, 2, 1]
    assert t["mql"].tolist() == [4, 2, 1, 0]
    assert t["sal"].tolist() == [0, 2, 0, 0]
    # seminar: O1 won 1M, O2 open 2M, O5 lost; ad: O3 open 3M; web: O4 before, O6 after the window
    assert t["opportunities"].tolist() == [0, 3, 1, 0]
    assert t["pipeline"].tolist() == [0.0, 2e6, 3e6, 0.0]
    assert t["won"].tolist() == [0, 1, 0, 0]
    assert t["won_revenue"].tolist() == [0.0, 1e6, 0.0, 0.0]
    assert t.loc["webinar", "cost_per_lead"] == 300_000
    assert t.loc["webinar", "cost_per_opportunity"] == 200_000
    assert t.loc["webinar", "cost_per_won"] == 600_000
    assert t.loc["website", "cost_per_mql"] == 50_000
    assert math.isnan(t.loc["website", "cost_per_sal"])
    assert math.isnan(t.loc["ad", "cost"])
    assert t["sal_rate"].tolist()[:3] == [0.0, 1.0, 0.0]


def test_totals_match_the_funnel_pipeline():
    t = _table()
    p = pipeline_summary(make_opportunities(), as_of=AS_OF, start=START, end=END)
    assert t["opportunities"].sum() == p.opportunities
    assert t["pipeline"].sum() == p.pipeline_value
    assert t["won_revenue"].sum() == p.won_value


def test_cost_column_wins_over_user_costs():
    leads = make_leads()
    leads["cost"] = pd.array([100.0] * 11, dtype="Float64")
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    t = source_truth_table(leads, reach, None, start=START, end=END, costs={"web": 1.0})
    assert t.loc["website", "cost"] == 400.0
    assert t.loc["website", "cost_per_mql"] == 100.0


def test_without_opportunities_uses_funnel_stages():
    t = _table(opps=None)
    assert t.loc["webinar", "opportunities"] == 2  # L1, L2 reached Opportunity
    assert t.loc["webinar", "won"] == 1
    assert np.isnan(t["pipeline"]).all()


def test_by_campaign():
    t = _table(by="campaign")
    # spring: L1..L4 (4 leads, MQL 4, SAL 2); summer in window: L5..L9
    assert t.loc["spring", "leads"] == 4 and t.loc["summer", "leads"] == 5
    assert t.loc["spring", "sal"] == 2
    # O1 (L1) and O2 (L2) are spring; O3, O4, O6 have no lead -> unknown; O5's lead L10 is summer
    assert t.loc["spring", "opportunities"] == 2
    assert t.loc["(unknown)", "opportunities"] == 1
    assert t.loc["summer", "opportunities"] == 1


def test_costs_are_kept_per_grouping_and_an_old_flat_dict_is_split_by_the_data():
    from abm.gap.sources import read_costs

    nested = {"lead_source": {"webinar": 1.0}, "campaign": {"ウェビナー": 2.0}}
    assert read_costs(nested) == nested
    flat = {"ウェビナー": 3.0, "2024春展示会": 5.0, "web": 7.0, "展示会": 9.0}
    got = read_costs(flat, campaigns=["ウェビナー", "2024春展示会", "展示会"], sources=["展示会"])
    # a campaign of the data is a campaign cost; 展示会 is also a source as written: both
    assert got == {
        "campaign": {"ウェビナー": 3.0, "2024春展示会": 5.0, "展示会": 9.0},
        "lead_source": {"web": 7.0, "展示会": 9.0},
    }
    assert read_costs(None) == {"lead_source": {}, "campaign": {}}


def test_settings_keep_costs_per_grouping_and_read_old_files():
    from abm.gap.settings import GapSettings

    s = GapSettings(source_costs=(("webinar", 1.0),), campaign_costs=(("ウェビナー", 2.0),))
    back = GapSettings.from_dict(s.to_dict())
    assert back.cost_map("lead_source") == {"webinar": 1.0}
    assert back.cost_map("campaign") == {"ウェビナー": 2.0}
    old = GapSettings.from_dict({"group_by": "campaign", "costs": {"ウェビナー": 3.0}})
    assert old.cost_map() == {"ウェビナー": 3.0}  # an old file reads as it did
    assert old.costs_by_group() == {"lead_source": {}, "campaign": {}}


def _two_lists():
    """Leads by the MA tool's source, deals by the CRM's own picklist (QA-R): D1 linked by
    e-mail, D2 by lead id, D3 linked to no lead, D4 linked to a company only (its file's
    lead id is nobody's), D5 linked to a lead with no source."""
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["A", "B", "C"], dtype="string"),
            "email": pd.array(["a@x.co.jp", "b@y.co.jp", "c@z.co.jp"], dtype="string"),
            "lead_source": pd.array(["ORGANIC_SEARCH", "展示会", None], dtype="string"),
            "created_at": pd.to_datetime(["2026-04-02", "2026-04-03", "2026-04-04"]),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array(["D1", "D2", "D3", "D4", "D5"], dtype="string"),
            "lead_id": pd.array([None, "B", None, "A", "C"], dtype="string"),
            "email": pd.array(["A@X.co.jp", None, None, None, None], dtype="string"),
            "link_rule": pd.array(["email", "id", "none", "account", "id"], dtype="string"),
            "lead_source": pd.array(["既存顧客", "Web", "紹介", "電話", "Web"], dtype="string"),
            "amount": pd.array([1e6, 2e6, 3e6, 4e6, 5e6], dtype="Float64"),
            "stage": pd.array(["提案"] * 5, dtype="string"),
            "is_closed": pd.array([False] * 5, dtype="boolean"),
            "is_won": pd.array([False] * 5, dtype="boolean"),
            "created_at": pd.to_datetime(["2026-04-10"] * 5),
            "close_date": pd.to_datetime(["2026-07-31"] * 5),
        }
    )
    return leads, opps


def test_a_deal_linked_to_a_lead_counts_under_the_lead_s_source():
    leads, opps = _two_lists()
    g = opportunity_groups(opps, leads)
    # D1/D2: the lead's channel, not the deal's 既存顧客 / Web; D3, D4: their own (紹介, 電話);
    # D5: its lead has no source, as that lead is counted
    assert g.tolist() == ["organic_search", "event", "referral", "phone", "(unknown)"]
    assert opportunity_groups(opps, leads, by="campaign").tolist() == ["(unknown)"] * 5


def test_the_table_s_marketing_sources_get_their_deals():
    leads, opps = _two_lists()
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    t = source_truth_table(leads, reach, opps)
    assert t.loc["organic_search", ["leads", "opportunities"]].tolist() == [1, 1]
    assert t.loc["event", ["leads", "opportunities"]].tolist() == [1, 1]
    assert t.loc["(unknown)", ["leads", "opportunities"]].tolist() == [1, 1]
    assert "既存顧客" not in t.index and "website" not in t.index
    assert t["opportunities"].sum() == 5  # every deal counted once


def test_the_caption_says_which_source_a_deal_counts_under():
    from abm.gap.display import deals_note

    t = _table()
    assert "linked to no lead counts under its own lead source" in deals_note(t, "en")
    assert "紐づくリード" in deals_note(t, "ja")
    by_campaign = _table(by="campaign")
    assert "campaign of the lead" in deals_note(by_campaign, "en")
    assert "キャンペーン" in deals_note(by_campaign, "ja")
