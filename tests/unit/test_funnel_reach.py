"""Reach matrix: dates vs current stage, strict vs any order, as_of, skips (hand-computed)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.funnel import (
    compute_reach,
    custom_model,
    get_model,
    stage_counts,
    suggest_stage_map,
)

AS_OF = pd.Timestamp("2026-03-31")
DATE_COLS = [
    "created_at",
    "inquiry_at",
    "mql_at",
    "sal_at",
    "sql_at",
    "opportunity_at",
    "won_at",
    "lost_at",
]


def dated_leads() -> pd.DataFrame:
    """Eight leads with stage dates (classic model). See each row's comment."""
    rows = [
        # full journey, won
        (
            "L1",
            "2026-01-05",
            "2026-01-05",
            "2026-01-10",
            "2026-01-12",
            "2026-01-20",
            "2026-02-01",
            "2026-03-01",
            None,
        ),
        # up to opportunity, then lost
        (
            "L2",
            "2026-01-10",
            "2026-01-10",
            "2026-01-20",
            "2026-01-25",
            "2026-02-10",
            "2026-02-20",
            None,
            "2026-03-10",
        ),
        ("L3", "2026-01-15", "2026-01-15", "2026-02-01", "2026-02-03", None, None, None, None),
        ("L4", "2026-02-01", "2026-02-01", "2026-02-05", None, None, None, None, None),
        ("L5", "2026-02-10", "2026-02-10", None, None, None, None, None, None),
        # jumps straight to SQL: skipped MQL and SAL
        ("L6", "2026-02-15", "2026-02-15", None, None, "2026-02-20", None, None, None),
        # MQL date after as_of: not reached yet
        ("L7", "2026-02-20", "2026-02-20", "2026-04-15", None, None, None, None, None),
        # created after as_of: excluded
        ("L8", "2026-04-05", "2026-04-05", None, None, None, None, None, None),
    ]
    df = pd.DataFrame(rows, columns=["lead_id", *DATE_COLS])
    for c in DATE_COLS:
        df[c] = pd.to_datetime(df[c])
    return df


def test_strict_counts_by_dates():
    df = dated_leads()
    before = df.copy()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    pd.testing.assert_frame_equal(df, before)  # input untouched
    assert r.method == "dates"
    assert r.excluded_future == 1
    assert r.skipped == 1  # L6
    assert r.n == 7
    # inquiry L1-L7; MQL L1-L4 (L7's date is after as_of); SAL L1-L3;
    # SQL L1,L2 (L6 did not pass MQL/SAL: not counted in a strict funnel).
    assert r.counts().tolist() == [7, 4, 3, 2, 2, 1]
    assert r.date_stages == ("inquiry", "mql", "sal", "sql", "opportunity", "won")


def test_any_order_counts_every_stage_reached():
    r = compute_reach(dated_leads(), get_model("classic"), as_of=AS_OF, strict=False)
    assert r.counts().tolist() == [7, 4, 3, 3, 2, 1]  # L6 now counts at SQL


def test_as_of_excludes_future_rows_and_dates():
    r = compute_reach(dated_leads(), get_model("classic"), as_of=pd.Timestamp("2026-01-31"))
    # Leads created by Jan 31: L1-L3. MQL by Jan 31: L1 (01-10), L2 (01-20).
    # SAL: L1 (01-12), L2 (01-25). SQL: L1 (01-20). Nothing later.
    assert r.n == 3
    assert r.excluded_future == 5
    assert r.counts().tolist() == [3, 2, 2, 1, 0, 0]
    assert r.detour[:, 0].sum() == 0  # L2's lost_at (03-10) is after as_of


def test_strict_requires_order_of_dates():
    df = dated_leads().iloc[[0]].copy()
    df["sal_at"] = pd.Timestamp("2026-01-08")  # SAL before MQL (01-10)
    strict = compute_reach(df, get_model("classic"), as_of=AS_OF)
    assert strict.counts().tolist() == [1, 1, 0, 0, 0, 0]
    assert strict.out_of_order == 1
    loose = compute_reach(df, get_model("classic"), as_of=AS_OF, strict=False)
    assert loose.counts().tolist() == [1, 1, 1, 1, 1, 1]


STATUS = [
    "潜在",
    "顕在化",
    "アポ獲得",
    "案件化",
    "受注",
    "失注",
    "対象外",
    None,
    "Marketing Qualified Lead",
]


def status_leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": [f"S{i}" for i in range(len(STATUS))],
            "current_stage": pd.array(STATUS, dtype="string"),
            "created_at": pd.to_datetime(["2026-01-01"] * len(STATUS)),
        }
    )


def test_current_stage_method_infers_highest_stage():
    df = status_leads()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    assert r.method == "current_stage"
    assert r.skipped == 0
    # 潜在→Inquiry, 顕在化→MQL, アポ獲得→SAL, 案件化→Opp, 受注→Won, 失注→Opp+lost,
    # 対象外→disqualified (Inquiry only), missing→Inquiry, MQL→MQL.
    # MQL+: 顕在化, アポ獲得, 案件化, 受注, 失注, MQL = 6; SAL+: 4; SQL+: 3; Opp: 3; Won: 1.
    assert r.counts().tolist() == [9, 6, 4, 3, 3, 1]
    assert r.detour.sum(axis=0).tolist() == [1, 0, 1]  # lost, recycled, disqualified


def test_model_switch_changes_stages():
    df = status_leads()
    r = compute_reach(df, get_model("the_model"), as_of=AS_OF)
    # The Model adds MAL between Inquiry and MQL: everyone at MQL or beyond passed MAL.
    assert r.model.keys == ("inquiry", "mal", "mql", "sal", "sql", "opportunity", "won")
    assert r.counts().tolist() == [9, 6, 6, 4, 3, 3, 1]
    r2 = compute_reach(df, get_model("the_model_sal_after_sql"), as_of=AS_OF)
    # SAL after SQL: アポ獲得 (SAL) now sits above SQL, so it implies SQL too.
    # SQL+: アポ獲得, 案件化, 受注, 失注 = 4; SAL+: the same 4; Opp+: 3; Won: 1.
    assert r2.counts().tolist() == [9, 6, 6, 4, 4, 3, 1]


def test_dates_without_a_column_for_a_stage_are_backfilled():
    # The Model needs MAL but the data has no mal_at: passing MQL implies MAL.
    r = compute_reach(dated_leads(), get_model("the_model"), as_of=AS_OF)
    # MAL: L1-L4 (reached MQL+) and L6 (reached SQL) = 5; then as classic.
    assert r.counts().tolist() == [7, 5, 4, 3, 2, 2, 1]
    assert "mal" not in r.date_stages


def test_optional_feeder_stage_is_not_a_skip():
    df = dated_leads()
    df["aql_at"] = pd.to_datetime(["2026-01-07", None, None, None, None, None, None, None])
    r = compute_reach(df, get_model("sd2012"), as_of=AS_OF)
    # AQL is optional: only L1 has it; L2-L4 reach MQL without it and are not skips.
    assert r.counts().tolist() == [7, 1, 4, 3, 2, 2, 1]
    assert r.skipped == 1  # still only L6
    table = stage_counts(r)
    # MQL's next-step rate is against Inquiry (the previous required stage): 4/7.
    assert table.loc[table.stage == "mql", "next_rate"].item() == pytest.approx(4 / 7)
    assert table.loc[table.stage == "aql", "next_rate"].item() == pytest.approx(1 / 7)


def test_custom_model_order():
    model = custom_model(["inquiry", "sal", "won"], labels={"sal": ("アポ", "Meeting")})
    r = compute_reach(dated_leads(), model, as_of=AS_OF)
    assert r.counts().tolist() == [7, 3, 1]
    assert model.stages[1].label("ja") == "アポ"


def test_suggested_map_is_used_when_none_given():
    df = status_leads()
    smap = suggest_stage_map(df["current_stage"], get_model("classic"))
    a = compute_reach(df, get_model("classic"), as_of=AS_OF, stage_map=smap)
    b = compute_reach(df, get_model("classic"), as_of=AS_OF)
    np.testing.assert_array_equal(a.reached, b.reached)


def test_subset_and_cohort():
    r = compute_reach(dated_leads(), get_model("classic"), as_of=AS_OF)
    jan = r.created_between(pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-31"))
    assert jan.counts().tolist() == [3, 3, 3, 2, 2, 1]
    feb = r.created_between(pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-28"))
    assert feb.counts().tolist() == [4, 1, 0, 0, 0, 0]
    assert feb.skipped == 1 and jan.skipped == 0


def test_empty_frame():
    r = compute_reach(dated_leads().iloc[0:0], get_model("classic"), as_of=AS_OF)
    assert r.n == 0
    assert r.counts().tolist() == [0] * 6
    assert stage_counts(r)["count"].tolist() == [0] * 6


_day = st.one_of(st.none(), st.integers(0, 120))
_BASE = pd.Timestamp("2026-01-01")


def _day_leads(rows: list[tuple[int | None, ...]], cols: list[str]) -> pd.DataFrame:
    """Leads whose stage dates are ``rows`` (days after :data:`_BASE`, ``None``: no date),
    created when they enquired."""
    data = {
        c: pd.to_datetime([None if r[i] is None else _BASE + pd.Timedelta(days=r[i]) for r in rows])
        for i, c in enumerate(cols)
    }
    data["created_at"] = data["inquiry_at"]
    return pd.DataFrame(data)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(*([_day] * 6)), min_size=1, max_size=40),
    st.sampled_from(["classic", "sd2012", "the_model", "the_model_sal_after_sql"]),
    st.integers(0, 130),
)
def test_strict_counts_never_increase_down_the_funnel(rows, model_key, as_of_offset):
    cols = ["inquiry_at", "aql_at", "mql_at", "sal_at", "sql_at", "won_at"]
    model = get_model(model_key)
    r = compute_reach(_day_leads(rows, cols), model, as_of=_BASE + pd.Timedelta(days=as_of_offset))
    counts = r.counts()
    required = [c for c, s in zip(counts, model.stages, strict=True) if not s.optional]
    assert all(a >= b for a, b in itertools.pairwise(required))
    # an optional feeder stage never exceeds the required stage before it
    last_required = 0
    for j, s in enumerate(model.stages):
        if s.optional:
            assert counts[j] <= counts[last_required]
        else:
            last_required = j


def test_a_window_holding_every_lead_is_the_reach_itself():
    leads = dated_leads()
    r = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    assert r.created_between(None, None) is r
    assert r.created_between(pd.Timestamp("2025-01-01"), None) is r
    undated = pd.concat([leads, leads.iloc[[0]].assign(lead_id="L9", created_at=pd.NaT)])
    u = compute_reach(undated, get_model("classic"), as_of=AS_OF)
    assert u.created_between(None, None) is u
    # an end date leaves the undated lead out: a real subset then
    closed = u.created_between(None, AS_OF)
    assert closed is not u and closed.n == u.n - 1


@settings(max_examples=40)
@given(
    st.lists(st.tuples(*([_day] * 6)), min_size=1, max_size=40),
    st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_a_subset_holds_the_values_of_its_rows(rows, keep):
    """The subset of a reach (stored a stage at a time) holds exactly the rows' values."""
    cols = ["inquiry_at", "mql_at", "sal_at", "sql_at", "opportunity_at", "won_at"]
    leads = _day_leads(rows, cols)
    model = get_model("classic")
    r = compute_reach(leads, model, as_of=_BASE + pd.Timedelta(days=130))
    mask = np.array(keep[: r.n], dtype=bool)
    sub = r.subset(mask)
    for name in ("reached", "seen", "days", "detour"):
        np.testing.assert_array_equal(getattr(sub, name), getattr(r, name)[mask])
    np.testing.assert_array_equal(sub.counts(), r.reached[mask].sum(axis=0))
    np.testing.assert_array_equal(sub.rows, r.rows[mask])
