"""Hand-off metrics on the hand-built dataset (expected numbers from its docstring)."""

from __future__ import annotations

import math

import pandas as pd

from abm.funnel import compute_reach, funnel_kpis, get_model
from abm.gap.handoff import handoff_metrics
from tests.unit.test_gap_data import (
    AS_OF,
    END,
    START,
    make_activities,
    make_leads,
    make_opportunities,
)


def _handoff(activities=True, **kw):
    leads = make_leads()
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    acts = make_activities() if activities else None
    return handoff_metrics(leads, reach, acts, start=START, end=END, **kw), reach, leads


def test_counts_and_rates():
    h, _, _ = _handoff()
    # MQLs L1..L7; accepted L1, L2; rejected L3, L4 (disqualified) and L5 (reason)
    assert (h.mql, h.accepted, h.rejected, h.pending) == (7, 2, 3, 2)
    assert math.isclose(h.acceptance_rate, 2 / 7)
    assert math.isclose(h.rejection_rate, 3 / 7)


def test_matches_the_funnel_kpis():
    h, reach, _ = _handoff()
    k = funnel_kpis(reach, make_opportunities(), start=START, end=END)
    assert (h.mql, h.accepted) == (k["mql"], k["sal"])


def test_reasons_and_small_companies():
    h, _, _ = _handoff()
    assert h.reasons["reason"].tolist() == ["規模が小さい", "予算なし"]
    assert h.reasons["leads"].tolist() == [2, 1]
    assert h.reasons["share"].round(4).tolist() == [0.6667, 0.3333]
    # rejected: 20, 30 and 300 employees -> 2 of 3 under 50
    assert (h.rejected_small, h.rejected_sized) == (2, 3)
    assert math.isclose(h.rejected_small_share, 2 / 3)


def test_first_touch_and_sla():
    h, _, _ = _handoff()
    # touches: L1 2d (SAL), L2 14d (SAL), L3 2d, L4 2d (disqualified), L6 2d (電話 by e-mail;
    # the 架電 before its MQL date is ignored); L5 rejected without a date; L7 untouched
    assert h.touched == 5
    assert h.median_days_to_touch == 2.0
    assert h.never_followed_up == 1
    assert h.unassigned == 3
    # measurable: L1 L2 L3 L4 L6 (dated) + L7 (never followed); breaches L2 (14d) and L7 (45d)
    assert (h.sla_measurable, h.sla_breaches) == (6, 2)
    assert math.isclose(h.sla_breach_rate, 2 / 6)
    assert h.uses_activities
    t = h.table
    assert t.index.tolist() == [0, 1, 2, 3, 4, 5, 6]
    assert t["days_to_touch"].tolist() == [2, 14, 2, 2, pd.NA, 2, pd.NA]
    assert t["sla_breach"].tolist() == [False, True, False, False, False, False, True]
    assert t["first_touch_at"].iloc[5] == pd.Timestamp("2026-04-14")


def test_without_activities_and_sla_setting():
    h, _, _ = _handoff(activities=False, sla_days=1)
    # L6 is no longer touched: never followed (2 with L7), breaches: every dated touch of 2d+ and the untouched
    assert not h.uses_activities
    assert h.never_followed_up == 2
    assert h.touched == 4
    assert (h.sla_measurable, h.sla_breaches) == (6, 6)


def test_empty_window():
    leads = make_leads()
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    h = handoff_metrics(
        leads, reach, None, start=pd.Timestamp("2020-01-01"), end=pd.Timestamp("2020-01-31")
    )
    assert (h.mql, h.accepted, h.never_followed_up) == (0, 0, 0)
    assert math.isnan(h.acceptance_rate) and math.isnan(h.median_days_to_touch)
    assert h.reasons.empty


def test_sales_touch_after_as_of_is_ignored():
    leads = make_leads()
    acts = make_activities()
    acts.loc[2, "timestamp"] = pd.Timestamp("2026-07-01")  # L6's call moves after as_of
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    h = handoff_metrics(leads, reach, acts, start=START, end=END)
    assert h.never_followed_up == 2  # L6 and L7
    assert h.touched == 4


def test_a_visit_is_a_sales_touch_only_in_a_sales_activity_report():
    """訪問 is a web visit in an MA log and a rep's visit in a CRM report: ``origin`` decides."""
    leads = make_leads()
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    acts = make_activities()
    acts.loc[2, "activity_type"] = "訪問"  # L6's only touch after its MQL date
    h = handoff_metrics(leads, reach, acts, start=START, end=END)
    assert h.touched == 4 and h.never_followed_up == 2  # a web visit is no follow-up
    acts["origin"] = pd.array([None, None, "sales", None, None], dtype="string")
    h = handoff_metrics(leads, reach, acts, start=START, end=END)
    assert h.touched == 5 and h.never_followed_up == 1
    assert h.table["first_touch_at"].iloc[5] == pd.Timestamp("2026-04-14")


def _undated_mqls() -> tuple[pd.DataFrame, object]:
    """L1–L7 are MQLs by their current stage, with no stage date (QA-K's HubSpot contacts:
    a lifecycle stage, no MQL date); the sales activities still date some touches."""
    from abm.funnel import suggest_stage_map

    stages = ["mql_at", "sal_at", "opportunity_at", "won_at", "disqualified_at"]
    leads = make_leads().drop(columns=stages)
    leads["current_stage"] = pd.array(["MQL"] * 7 + ["リード"] * 4, dtype="string")
    reach = compute_reach(
        leads,
        get_model("classic"),
        as_of=AS_OF,
        stage_map=suggest_stage_map(leads["current_stage"]),
    )
    return leads, reach


def test_without_an_mql_date_the_sla_breaches_are_unknown_not_zero():
    # QA-N: 「初回対応までの日数 —」 beside 「SLA超過（7日） 0」: no MQL has a date, so no
    # first touch can be timed and no breach counted; the breaches are "—" like the days
    from abm.gap.handoff import follow_up_figure, sla_figure

    leads, reach = _undated_mqls()
    h = handoff_metrics(leads, reach, make_activities(), start=START, end=END)
    assert h.mql == 7 and h.follow_up_measured
    assert math.isnan(h.median_days_to_touch)
    assert (h.sla_measurable, h.sla_breaches) == (0, 0) and math.isnan(h.sla_breach_rate)
    assert not h.sla_measured
    assert sla_figure(h, "0") == "—"
    assert follow_up_figure(h, "3") == "3"  # never followed up: still known
    assert math.isnan(_handoff_values(h)["handoff.sla_breaches"])  # history: unknown, not 0
    h_dated, _, _ = _handoff()
    assert h_dated.sla_measured and sla_figure(h_dated, "2") == "2"
    assert _handoff_values(h_dated)["handoff.sla_breaches"] == 2.0


def _handoff_values(h) -> dict[str, float]:
    """metric_values' hand-off ids for ``h`` (the rest of a GapResult computed as usual)."""
    from dataclasses import replace

    from abm.gap.compute import compute_gap
    from abm.gap.findings import metric_values
    from tests.unit.test_gap_data import make_dataset

    result = compute_gap(make_dataset(), as_of=AS_OF, start=START, end=END)
    values = metric_values(replace(result, handoff=h))
    return {k: v for k, v in values.items() if k.startswith("handoff.")}
