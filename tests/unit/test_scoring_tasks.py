"""Each lead's outcomes for the two named tasks, from phase-derived opportunities and stage dates."""

import numpy as np
import pandas as pd

from abm.scoring import TASKS, lead_outcomes

AS_OF = pd.Timestamp("2025-06-30")
D = pd.Timestamp


def _leads(**extra):
    base = {
        "lead_id": pd.array(["L1", "L2", "L3", "L4", "L5"], dtype="string"),
        "company": pd.array(["A", "B", "C", "D", "E"], dtype="string"),
        "created_at": pd.to_datetime(["2025-01-01"] * 5),
    }
    return pd.DataFrame({**base, **extra})


def _opps(rows):
    cols = ["lead_id", "link_rule", "stage", "created_at", "close_date"]
    frame = pd.DataFrame(rows, columns=cols)
    for c in ("lead_id", "link_rule", "stage"):
        frame[c] = frame[c].astype("string")
    for c in ("created_at", "close_date"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


def test_a_phase_only_report_gives_won_and_lost():
    """No is_won / is_closed columns: 受注 / 失注 / 成立 / 不成立 decide, through the one rule."""
    opps = _opps(
        [
            ("L1", "email", "受注", "2025-02-01", "2025-03-01"),
            ("L2", "email", "失注", "2025-02-10", "2025-04-01"),
            ("L3", "name_account", "成立", "2025-03-01", "2025-05-01"),
            ("L4", "id", "提案", "2025-03-05", "2025-09-01"),  # open
        ]
    )
    out = lead_outcomes(_leads(), opps, as_of=AS_OF)
    assert out.converted.tolist() == [True, True, True, True, False]
    assert out.won.tolist() == [True, False, True, False, False]
    assert out.lost.tolist() == [False, True, False, False, False]
    assert out.opportunity_at[0] == np.datetime64("2025-02-01")
    assert out.decided_at[1] == np.datetime64("2025-04-01")
    assert out.deal_created[2] == np.datetime64("2025-03-01")
    assert np.isnat(out.decided_at[3])  # still open
    assert out.available() == TASKS
    assert out.positives("won_vs_lost") == 2 and out.negatives("won_vs_lost") == 1
    assert out.sources["linked"] == 4 and out.sources["from_opportunities"] == 4


def test_only_person_links_are_anyones_outcome_and_later_deals_do_not_exist_yet():
    opps = _opps(
        [
            ("L1", "account", "受注", "2025-02-01", "2025-03-01"),  # only the company is known
            ("L2", "email", "受注", "2025-08-01", "2025-08-20"),  # created after as_of
            ("L3", "email", "受注", "2025-05-01", "2025-07-15"),  # closes after as_of: open then
        ]
    )
    out = lead_outcomes(_leads(), opps, as_of=AS_OF)
    assert out.converted.tolist() == [False, False, True, False, False]
    assert not out.won.any()  # L3's deal was still open on the as-of day
    assert out.sources == {
        "opportunities": 2, "linked": 1, "unlinked": 1,
        "from_opportunities": 1, "from_stage_dates": 0,
    }  # fmt: skip


def test_a_lead_is_decided_by_its_first_closed_deal_and_first_opportunity_counts():
    opps = _opps(
        [
            ("L1", "email", "失注", "2025-01-20", "2025-02-20"),
            ("L1", "email", "受注", "2025-03-01", "2025-04-01"),
            ("L1", "email", "提案", "2025-01-10", None),
        ]
    )
    out = lead_outcomes(_leads(), opps, as_of=AS_OF)
    assert out.opportunity_at[0] == np.datetime64("2025-01-10")
    assert (out.won[0], out.lost[0]) == (False, True)  # the first decided deal was lost
    assert out.deal_created[0] == np.datetime64("2025-01-20")


def test_stage_dates_speak_for_leads_no_opportunity_speaks_for():
    leads = _leads(
        opportunity_at=pd.to_datetime(["2025-02-01", None, "2025-03-01", None, "2025-08-01"]),
        won_at=pd.to_datetime([None, "2025-04-01", None, None, None]),
        lost_at=pd.to_datetime([None, None, "2025-05-01", "2025-05-01", None]),
    )
    out = lead_outcomes(leads, None, as_of=AS_OF)
    # L2 won without an opportunity date: it was an opportunity; L4 lost as a lead, not a deal;
    # L5's opportunity is after the as-of day
    assert out.converted.tolist() == [True, True, True, False, False]
    assert out.won.tolist() == [False, True, False, False, False]
    assert out.lost.tolist() == [False, False, True, False, False]
    assert out.opportunity_at[1] == np.datetime64("2025-04-01")
    assert out.sources["from_stage_dates"] == 3
    # a linked opportunity's earlier date wins over the lead's own
    opps = _opps([("L1", "email", "提案", "2025-01-15", None)])
    both = lead_outcomes(leads, opps, as_of=AS_OF)
    assert both.opportunity_at[0] == np.datetime64("2025-01-15")


def test_flags_win_over_phase_and_no_data_means_no_task():
    opps = _opps([("L1", "email", "提案", "2025-02-01", "2025-03-01")]).assign(
        is_won=pd.array([True], dtype="boolean")
    )
    assert lead_outcomes(_leads(), opps, as_of=AS_OF).won[0]
    none = lead_outcomes(_leads(), None, as_of=AS_OF)
    assert none.available() == () and not none.converted.any()
