"""Marketing and sales lenses on the hand-built dataset."""

from __future__ import annotations

import math

import pandas as pd

from abm.funnel import compute_reach, get_model
from abm.gap.budget import budget_signal
from abm.gap.lenses import fit_letters, marketing_lens, sales_lens
from abm.scoring.model import ScoringModel
from tests.unit.test_gap_data import (
    AS_OF,
    END,
    START,
    make_accounts,
    make_activities,
    make_leads,
    make_opportunities,
    make_scores,
)

MODEL = ScoringModel()  # fit threshold 40, engagement cuts (60, 30, 10), fit cuts (60, 40, 20)


def _reach():
    leads = make_leads()
    return leads, compute_reach(leads, get_model("classic"), as_of=AS_OF)


def test_marketing_lens():
    leads, reach = _reach()
    m = marketing_lens(leads, reach, make_scores(), MODEL, make_activities(), start=START, end=END)
    assert (m.leads, m.mql) == (9, 7)
    assert math.isclose(m.engagement_mean, 257 / 9)
    # engaged (>= 10): L1..L6 and L9; nurture: engaged, not MQL, not dropped -> L9
    assert (m.engaged, m.nurture_pool) == (7, 1)
    assert m.web_visits == 35.0
    assert math.isnan(m.page_views)
    # page views on 04-02 (L1) and 04-13 (L6); the 06-01 one is after the window
    assert m.web_activities == 2
    assert m.volume.index.tolist() == ["2026-04", "2026-05"]
    assert m.volume.to_dict() == {
        "(unknown)": {"2026-04": 0, "2026-05": 1},
        "ad": {"2026-04": 2, "2026-05": 0},
        "webinar": {"2026-04": 2, "2026-05": 0},  # seminar: a channel
        "website": {"2026-04": 4, "2026-05": 0},  # web
    }


def test_marketing_lens_with_activities_mapped_without_their_type():
    # an activity file applied with its type unmapped (the Data page warns, and lets it):
    # its rows are of unknown kind, never a KeyError; a URL still makes a web visit
    leads, reach = _reach()
    acts = make_activities()
    untyped = acts.drop(columns=["activity_type"])
    m = marketing_lens(leads, reach, make_scores(), MODEL, untyped, start=START, end=END)
    full = marketing_lens(leads, reach, make_scores(), MODEL, acts, start=START, end=END)
    assert (m.leads, m.mql) == (full.leads, full.mql)
    assert m.web_activities is not None and m.web_activities <= full.web_activities


def test_marketing_lens_without_activities_and_weekly():
    leads, reach = _reach()
    m = marketing_lens(leads, reach, make_scores(), MODEL, None, start=START, end=END, period="Q")
    assert m.web_activities is None
    assert m.volume.index.tolist() == ["2026Q2"]
    assert int(m.volume.to_numpy().sum()) == 9


def test_sales_lens():
    leads, reach = _reach()
    s = sales_lens(
        leads,
        reach,
        make_scores(),
        MODEL,
        make_opportunities(),
        make_accounts(),
        start=START,
        end=END,
        fiscal_start_month=4,
    )
    # target accounts Alpha (as "Alpha株式会社") and Theta -> L1, L8
    assert s.target_leads == 2 and math.isclose(s.target_share, 2 / 9)
    # fit >= 40: L1 70, L2 45, L7 50, L8 65
    assert s.high_fit == 4 and math.isclose(s.high_fit_share, 4 / 9)
    assert s.fit_mix.to_dict() == {"A": 2, "B": 2, "C": 2, "D": 3}
    # budget: あり, 500万円 -> yes; なし -> no; 未定 -> unknown
    assert (s.budget_yes, s.budget_no, s.budget_known) == (2, 1, 3)
    assert math.isclose(s.budget_share, 2 / 9)
    # opportunities created in the window: O1 won 1M, O2 open 2M, O3 open 3M, O5 lost
    assert (s.pipeline_value, s.won_value, s.win_rate) == (5e6, 1e6, 0.5)
    assert (s.closable, s.closable_value, s.quarter) == (2, 2.5e6, (2026, 1))


def test_sales_lens_without_optional_tables():
    leads, reach = _reach()
    s = sales_lens(leads.drop(columns="budget"), reach, make_scores(), MODEL, start=START, end=END)
    assert s.target_leads is None and math.isnan(s.target_share)
    assert s.budget_yes is None and math.isnan(s.budget_share)
    assert math.isnan(s.pipeline_value)
    assert (s.closable, s.closable_value) == (0, 0.0)


def test_budget_signal():
    values = pd.Series(
        [
            "あり",
            "なし",
            "予算なし",
            "未定",
            "",
            None,
            "500万円",
            " None ",
            "TBD",
            "確保済",
            "0",
            "ー",
        ],
        dtype="string",
    )
    assert budget_signal(values).tolist() == [
        "yes",
        "no",
        "no",
        "unknown",
        "unknown",
        "unknown",
        "yes",
        "no",
        "unknown",
        "yes",
        "no",
        "unknown",
    ]


def test_fit_letters():
    fit = pd.Series([60, 59.9, 40, 20, 19, None], dtype="Float64")
    assert fit_letters(fit, MODEL).tolist() == ["A", "B", "B", "C", "D", "D"]


def test_target_share_uses_resolved_account_ids_when_present():
    from abm.gap.lenses import _target_flags

    leads = pd.DataFrame(
        {
            "company": pd.array(["株式会社アクメ", "ACME K.K.", "ベータ"], dtype="string"),
            "account_id": pd.array(["A1", "A1", "A2"], dtype="string"),
        }
    )
    accounts = pd.DataFrame(
        {
            "company": pd.array(["アクメ"], dtype="string"),
            "account_id": pd.array(["A1"], dtype="string"),
            "is_target": pd.array([True], dtype="boolean"),
        }
    )
    assert _target_flags(leads, accounts).tolist() == [True, True, False]
    # never linked (no ids on either side): the company key cannot join the English spelling
    unlinked = accounts.drop(columns="account_id")
    assert _target_flags(leads.drop(columns="account_id"), unlinked).tolist() == [
        True,
        False,
        False,
    ]


def test_leads_without_a_creation_date_left_out_of_the_period_are_counted():
    """QA-E: 15 Salesforce contacts without a creation date left "Leads in period" without a
    word; the lens counts them for the page's note (no window keeps them)."""
    leads = make_leads()
    leads.loc[leads.index[:2], "created_at"] = pd.NaT
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    m = marketing_lens(leads, reach, make_scores(), MODEL, None, start=START, end=END)
    assert m.undated == 2
    assert (
        marketing_lens(leads, reach, make_scores(), MODEL, None, start=None, end=None).undated == 0
    )
