"""Funnel metrics on a hand-built frame; every number below is worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abm.funnel import (
    breakdown,
    cohort_table,
    compute_reach,
    funnel_kpis,
    get_model,
    period_view,
    pipeline_summary,
    previous_period,
    records,
    size_band,
    stage_counts,
    stage_velocity,
    stalled_leads,
    transition_days,
)
from tests.unit.test_funnel_reach import AS_OF, dated_leads

T = pd.Timestamp


def leads() -> pd.DataFrame:
    df = dated_leads()
    df["lead_source"] = pd.array(
        ["web", "web", "event", "web", "event", None, "web", "web"], dtype="string"
    )
    df["employees"] = pd.array([10, 120, 120, 5000, None, 50, 49, 10], dtype="Int64")
    return df


@pytest.fixture
def reach():
    return compute_reach(leads(), get_model("classic"), as_of=AS_OF)


def test_stage_counts_rates_and_drop_off(reach):
    t = stage_counts(reach, lang="en")
    assert t["stage"].tolist() == ["inquiry", "mql", "sal", "sql", "opportunity", "won"]
    assert t["label"].tolist() == ["Inquiry", "MQL", "SAL", "SQL", "Opportunity", "Won"]
    assert t["count"].tolist() == [7, 4, 3, 2, 2, 1]
    # next-step: 4/7, 3/4, 2/3, 2/2, 1/2
    assert np.isnan(t["next_rate"][0])
    np.testing.assert_allclose(t["next_rate"][1:], [4 / 7, 3 / 4, 2 / 3, 1.0, 1 / 2])
    np.testing.assert_allclose(t["cumulative_rate"], [1.0, 4 / 7, 3 / 7, 2 / 7, 2 / 7, 1 / 7])
    assert t["drop_off"].tolist() == [0, 3, 1, 1, 0, 1]


def test_velocity_median_and_percentiles(reach):
    v = stage_velocity(reach, percentiles=(50, 75))
    # Inquiry→MQL days: L1 5 (01-05→01-10), L2 10, L3 17 (01-15→02-01), L4 4 → 4,5,10,17
    # median (5+10)/2 = 7.5; p75 = 10 + 0.25*(17-10) = 11.75; mean 36/4 = 9
    row = v.set_index("to_stage").loc["mql"]
    assert (row["from_stage"], row["leads"]) == ("inquiry", 4)
    assert (row["p50"], row["p75"], row["mean"]) == (7.5, 11.75, 9.0)
    # MQL→SAL: L1 2, L2 5, L3 2 → median 2; SAL→SQL: 8, 16 → 12;
    # SQL→Opp: 12, 10 → 11; Opp→Won: L1 02-01→03-01 = 28.
    assert v["p50"].tolist() == [7.5, 2.0, 12.0, 11.0, 28.0]
    assert v["leads"].tolist() == [4, 3, 2, 2, 1]
    assert sorted(transition_days(reach)["sal"].tolist()) == [2, 2, 5]


def test_stalled_respects_sla_and_as_of(reach):
    s = stalled_leads(reach, {"inquiry": 45, "mql": 7, "sal": 60})
    # L3 in SAL since 02-03: 56 days ≤ 60. L4 in MQL since 02-05: 54 > 7.
    # L5 in Inquiry since 02-10: 49 > 45. L6 (strict: Inquiry) 44, L7 39: ≤ 45.
    # L1 won, L2 lost: never stalled.
    assert s["row"].tolist() == [3, 4]
    assert s["stage"].tolist() == ["mql", "inquiry"]
    assert s["days_in_stage"].tolist() == [54, 49]
    assert s["sla_days"].tolist() == [7, 45]
    assert s["entered_at"].tolist() == [T("2026-02-05"), T("2026-02-10")]


def test_cohort_table_by_creation_month(reach):
    c = cohort_table(reach)
    assert [str(p) for p in c.index] == ["2026-01", "2026-02"]
    # Jan: L1, L2, L3; Feb: L4, L5, L6, L7 (strict counts)
    assert c.loc[pd.Period("2026-01", "M")].tolist() == [3, 3, 3, 2, 2, 1]
    assert c.loc[pd.Period("2026-02", "M")].tolist() == [4, 1, 0, 0, 0, 0]
    r = cohort_table(reach, rates=True)
    np.testing.assert_allclose(r.iloc[0], [1, 1, 1, 2 / 3, 2 / 3, 1 / 3])
    np.testing.assert_allclose(r.iloc[1], [1, 1 / 4, 0, 0, 0, 0])


def test_period_view_counts_entries_per_month(reach):
    p = period_view(reach)
    assert [str(m) for m in p.index] == ["2026-01", "2026-02", "2026-03"]
    assert p["inquiry"].tolist() == [3, 4, 0]
    assert p["mql"].tolist() == [2, 2, 0]  # L1, L2 | L3, L4 (L7's is after as_of)
    assert p["sal"].tolist() == [2, 1, 0]
    assert p["sql"].tolist() == [1, 2, 0]  # L1 | L2, L6 (entries, any order)
    assert p["opportunity"].tolist() == [0, 2, 0]
    assert p["won"].tolist() == [0, 0, 1]


def test_breakdown_by_source_and_size(reach):
    b = breakdown(reach, leads(), "lead_source")
    assert b.index.tolist() == ["website", "event", "(unknown)"]  # by channel
    assert b.loc["website"].iloc[:6].tolist() == [4, 3, 2, 2, 2, 1]  # L1, L2, L4, L7
    assert b.loc["event"].iloc[:6].tolist() == [2, 1, 1, 0, 0, 0]  # L3, L5
    assert b.loc["(unknown)"].iloc[:6].tolist() == [1, 0, 0, 0, 0, 0]  # L6
    assert b["overall_rate"].tolist() == [0.25, 0.0, 0.0]
    s = breakdown(reach, leads(), "size_band")
    # 1-49: L1 (10), L7 (49); 50-99: L6; 100-299: L2, L3; 5000+: L4; unknown: L5
    assert s.index.tolist() == ["1-49", "50-99", "100-299", "5000+", "(unknown)"]
    assert s["inquiry"].tolist() == [2, 1, 2, 1, 1]
    assert s["won"].tolist() == [1, 0, 0, 0, 0]


def test_size_band_bounds():
    s = size_band(
        pd.Series([0, 49, 50, 99, 100, 299, 300, 999, 1000, 4999, 5000, None], dtype="Int64")
    )
    assert s.astype(str).tolist() == [
        "1-49", "1-49", "50-99", "50-99", "100-299", "100-299",
        "300-999", "300-999", "1000-4999", "1000-4999", "5000+", "(unknown)",
    ]  # fmt: skip


def test_records_behind_a_number(reach):
    df = leads()
    assert records(reach, df, "sal")["lead_id"].tolist() == ["L1", "L2", "L3"]
    assert records(reach, df, "sal", mode="current")["lead_id"].tolist() == ["L3"]
    assert records(reach, df, "mql", mode="dropped")["lead_id"].tolist() == ["L5", "L6", "L7"]


def opportunities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "opportunity_id": ["O1", "O2", "O3", "O4", "O5"],
            "amount": pd.array([1_000_000, 500_000, 2_000_000, 300_000, 400_000], dtype="Float64"),
            "probability": pd.array([100, 0, 50, 10, 80], dtype="Float64"),
            "created_at": pd.to_datetime(
                ["2026-02-01", "2026-02-20", "2026-03-01", "2026-04-10", "2026-01-20"]
            ),
            "close_date": pd.to_datetime(
                ["2026-03-01", "2026-03-10", "2026-04-30", "2026-05-01", "2026-04-05"]
            ),
            "is_won": pd.array([True, False, None, None, True], dtype="boolean"),
            "is_closed": pd.array([True, True, False, False, True], dtype="boolean"),
        }
    )


def test_pipeline_summary():
    p = pipeline_summary(opportunities(), as_of=AS_OF)
    # O4 created after as_of is ignored; O5 closes after as_of so is still open.
    assert (p.opportunities, p.open, p.won, p.lost) == (4, 2, 1, 1)
    assert p.win_rate == 0.5
    assert p.pipeline_value == 2_400_000  # O3 + O5
    assert p.weighted_value == 1_320_000  # 2,000,000×0.5 + 400,000×0.8
    assert p.won_value == 1_000_000


def test_kpis_and_previous_period(reach):
    start, end = T("2026-02-01"), T("2026-02-28")
    assert previous_period(start, end) == (T("2026-01-04"), T("2026-01-31"))
    k = funnel_kpis(reach, None, start=start, end=end)
    assert (k["leads"], k["mql"], k["sal"], k["sql"], k["opportunities"], k["won"]) == (
        4,
        1,
        0,
        0,
        0,
        0,
    )
    assert np.isnan(k["win_rate"]) and np.isnan(k["pipeline_value"])
    jan = funnel_kpis(reach, None, start=T("2026-01-01"), end=T("2026-01-31"))
    # Jan cohort L1-L3: won L1, lost L2 → win rate 1/2
    assert (jan["leads"], jan["mql"], jan["opportunities"], jan["won"], jan["win_rate"]) == (
        3,
        3,
        2,
        1,
        0.5,
    )
    k2 = funnel_kpis(reach, opportunities(), start=start, end=end)
    # Opportunities created in Feb: O1 (won) and O2 (lost); nothing open.
    assert (k2["opportunities"], k2["won"], k2["win_rate"], k2["pipeline_value"]) == (
        2,
        1,
        0.5,
        0.0,
    )


def test_benchmark_bands_compare_same_cohort(reach):
    from abm.funnel import compare_benchmarks

    b = compare_benchmarks(reach)
    # counts 7, 4, 3, 2, 2, 1: Inquiry→MQL 4/7, MQL→SAL 3/4, SAL→SQL 2/3, SQL→Won 1/2
    assert list(zip(b.from_stage, b.to_stage, strict=True)) == [
        ("inquiry", "mql"),
        ("mql", "sal"),
        ("sal", "sql"),
        ("sql", "won"),
    ]
    np.testing.assert_allclose(b["rate"], [4 / 7, 3 / 4, 2 / 3, 1 / 2])
    assert b["position"].tolist() == ["above", "above", "within", "above"]
    assert (b["low"].tolist(), b["high"].tolist()) == (
        [0.10, 0.40, 0.50, 0.20],
        [0.25, 0.60, 0.70, 0.30],
    )


def test_charts_carry_the_numbers(reach):
    from abm.funnel.charts import cohort_figure, funnel_figure, velocity_figure

    fig = funnel_figure(stage_counts(reach, "en"), "en")
    assert list(fig.data[0].x) == [7, 4, 3, 2, 2, 1]
    # the numbers beside the stage's name, where the axis makes room (never cut at the edge)
    assert fig.data[0].y[1] == "<b>MQL</b>  4<br>next 57% · cum. 57%"
    assert fig.data[0].textinfo == "none" and fig.layout.yaxis.automargin
    heat = cohort_figure(cohort_table(reach, rates=True), ["I", "M", "SA", "SQ", "O", "W"], "en")
    assert list(heat.data[0].y) == ["Jan 2026", "Feb 2026"]
    ja = cohort_figure(cohort_table(reach, rates=True), ["I", "M", "SA", "SQ", "O", "W"], "ja")
    assert list(ja.data[0].y) == ["2026年1月", "2026年2月"]  # never "2026-01" / "Jan 2026"
    box = velocity_figure(transition_days(reach), {"mql": "MQL"}, "en")
    assert box.data[0].median[0] == 7.5  # Inquiry→MQL: 4, 5, 10, 17


def test_every_dynamic_translation_key_exists():
    from abm.funnel import ACCOUNT_STAGES, BREAKDOWNS, DETOURS, KPI_KEYS, MODELS
    from abm.i18n import catalog

    known = catalog()
    keys = [
        *(f"funnel.model.{k}" for k in [*MODELS, "custom"]),
        *(f"funnel.dim.{k}" for k in BREAKDOWNS),
        *(f"funnel.kpi.{k}" for k in KPI_KEYS),
        *(f"funnel.account.{k}" for k in ACCOUNT_STAGES),
        *(f"funnel.detour.{k}" for k in DETOURS),
        *(f"funnel.records.mode.{k}" for k in ("reached", "current", "dropped")),
        *(f"funnel.bench.{k}" for k in ("below", "within", "above")),
        *(f"funnel.view.{k}" for k in ("leads", "accounts")),
    ]
    assert [k for k in keys if k not in known] == []


def test_opportunities_for_a_segment_of_leads():
    from abm.funnel import opportunities_for_leads

    opps = opportunities()
    opps["lead_id"] = pd.array(["L1", None, "L3", "L9", None], dtype="string")
    opps["email"] = pd.array([None, "B@X.JP ", None, None, "c@x.jp"], dtype="string")
    seg = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2"], dtype="string"),
            "email": pd.array(["a@x.jp", "b@x.jp"], dtype="string"),
        }
    )
    # O1 by lead id, O2 by e-mail (case and spaces ignored); O3/O4/O5 belong to other leads
    assert opportunities_for_leads(opps, seg)["opportunity_id"].tolist() == ["O1", "O2"]
    unlinked = opportunities()  # no lead_id/email: cannot be linked, returned whole
    assert len(opportunities_for_leads(unlinked, seg)) == 5


def test_opportunities_without_a_person_link_by_account():
    """A Salesforce opportunity report names the account, not the lead: a segment
    owns the opportunities of its leads' accounts (名寄せ account_id), but not
    the opportunity of a person outside it."""
    from abm.funnel import opportunities_for_leads, unlinked_opportunities

    opps = opportunities()
    opps["account_id"] = pd.array(["A1", "A2", "A1", "A3", None], dtype="string")
    opps["lead_id"] = pd.array([None, None, "L9", None, None], dtype="string")
    seg = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2"], dtype="string"),
            "account_id": pd.array(["A1", "A3"], dtype="string"),
        }
    )
    # O1 (A1) and O4 (A3) by account; O3 is L9's (outside the segment) though in A1
    assert opportunities_for_leads(opps, seg)["opportunity_id"].tolist() == ["O1", "O4"]
    assert unlinked_opportunities(opps, seg) == 1  # O5: no lead, no account
    # after cleaning every table has an account_id column, possibly empty: no values, no link
    empty = opportunities().assign(account_id=pd.array([None] * 5, dtype="string"))
    assert unlinked_opportunities(empty, seg) == 5
    assert len(opportunities_for_leads(empty, seg)) == 5  # returned whole, the page says so


@pytest.mark.parametrize("by", ["lead_source", "size_band", "industry", "campaign"])
def test_the_filter_options_are_the_values_of_the_dimension(by):
    """The funnel's filter lists every value a lead has on the dimension (``(unknown)`` for a
    lead with none), read from the distinct values only."""
    from abm.funnel import dimension_options, dimension_values

    leads = pd.DataFrame(
        {
            "lead_source": pd.array(["web", None, "event", "web", "広告"], dtype="string"),
            "employees": pd.array([10, None, 4000, 120, 99999], dtype="Int64"),
            "industry": pd.array(["製造", "製造", "IT", "IT", "IT"], dtype="string"),
        }
    )
    assert dimension_options(leads, by) == sorted(dimension_values(leads, by).unique())


@pytest.mark.parametrize("by", ["lead_source", "size_band", "industry", "campaign"])
@pytest.mark.parametrize(
    "allowed", [("web",), ("(unknown)",), ("web", "(unknown)"), ("1-49", "5000+"), ("IT",)]
)
def test_a_filter_keeps_the_leads_whose_value_it_lists(by, allowed):
    """The mask is membership of each lead's dimension value, whatever the column's dtype
    (text, object, categorical with unused categories, numbers)."""
    from abm.funnel import dimension_options, dimension_values, segment_mask

    leads = pd.DataFrame(
        {
            "lead_source": pd.array(["web", None, "event", "web", "(unknown)"], dtype="string"),
            "employees": pd.array([10, None, 4000, 120, 99999], dtype="Int64"),
            "industry": pd.array(["製造", None, "IT", "IT", "IT"], dtype="string"),
        }
    )
    variants = {
        "text": leads,
        "object": leads.astype(object),
        "category": leads.assign(
            lead_source=pd.Categorical(leads["lead_source"], categories=["web", "event", "ads"]),
            industry=pd.Categorical(leads["industry"]),
        ),
        "numbers as text": leads.assign(employees=["10", None, "4000", "120", "x"]),
    }
    for name, frame in variants.items():
        want = dimension_values(frame, by).isin(list(allowed)).to_numpy(dtype=bool)
        got = segment_mask(frame, ((by, allowed),))
        np.testing.assert_array_equal(got, want, err_msg=name)
        assert dimension_options(frame, by) == sorted(dimension_values(frame, by).unique()), name
    assert dimension_options(leads.iloc[0:0], by) == []
