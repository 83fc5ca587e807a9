"""Dataset: the default as-of date ignores outlying dates and says how many (issue #20)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.dataset import OUTLIER_GAP_DAYS, AsOfDefault, Dataset


def _ds(*dates: str | None, activities: list[str] | None = None, close: str | None = None):
    leads = pd.DataFrame({"created_at": pd.to_datetime(pd.Series(dates, dtype=object))})
    acts = (
        None
        if activities is None
        else pd.DataFrame({"timestamp": pd.to_datetime(pd.Series(activities))})
    )
    opps = (
        None
        if close is None
        else pd.DataFrame(
            {"created_at": pd.to_datetime(["2024-01-01"]), "close_date": pd.to_datetime([close])}
        )
    )
    return Dataset(leads=leads, activities=acts, opportunities=opps)


def test_a_single_far_future_date_is_not_the_default() -> None:
    ds = _ds(*(f"2024-03-{d:02d}" for d in range(1, 29)), "2199-01-01")
    assert ds.as_of_default() == AsOfDefault(pd.Timestamp("2024-03-28"), 1)
    assert ds.latest_date() == pd.Timestamp("2024-03-28")


def test_time_of_day_is_dropped_and_all_tables_count() -> None:
    ds = _ds("2024-01-01", activities=["2024-05-06 23:59:59", "2024-05-01 08:00:00"])
    assert ds.as_of_default() == AsOfDefault(pd.Timestamp("2024-05-06"), 0)


def test_close_dates_are_plans_not_events() -> None:
    assert _ds("2024-01-05", close="2031-01-01").latest_date() == pd.Timestamp("2024-01-05")


def _deals(**columns: list) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    for col in ("created_at", "close_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def test_a_closed_deals_close_date_is_a_fact_up_to_today() -> None:
    """Deals won or lost after the last activity are closed on the default day (QA-P: 63
    deals closed 1-4 December counted as open pipeline, the log ending 30 November);
    an open deal's close date is a plan, and a close date after today is not a fact."""
    leads = pd.DataFrame({"created_at": pd.to_datetime(["2026-11-30"])})
    deals = _deals(
        created_at=["2026-10-01"] * 4,
        close_date=["2026-12-04", "2026-12-02", "2026-12-20", "2027-03-01"],
        outcome=["won", "lost", "open", "won"],
    )
    ds = Dataset(leads=leads, opportunities=deals)
    today = pd.Timestamp("2026-12-07")
    assert ds.as_of_default(today=today) == AsOfDefault(pd.Timestamp("2026-12-04"), 0)
    assert ds.latest_date(today=today) == pd.Timestamp("2026-12-04")
    assert ds.last_closed(until=pd.Timestamp("2026-12-03")) == pd.Timestamp("2026-12-02")
    # never later than today; without ``today`` the horizon bounds them
    assert ds.as_of_default(today=pd.Timestamp("2026-12-01")).date == pd.Timestamp("2026-11-30")
    horizon = pd.Timestamp("2026-12-31")
    assert ds.as_of_default(horizon=horizon).date == pd.Timestamp("2026-12-04")


def test_a_closed_deal_read_from_its_phase_counts_and_an_earlier_close_moves_nothing() -> None:
    leads = pd.DataFrame({"created_at": pd.to_datetime(["2025-05-31"])})
    deals = _deals(
        created_at=["2025-01-01"] * 3,
        close_date=["2025-06-10", "2025-06-20", "2025-04-01"],
        stage=["Closed Lost", "Negotiation/Review", "Closed Won"],
    )
    today = pd.Timestamp("2025-07-01")
    ds = Dataset(leads=leads, opportunities=deals)
    assert ds.as_of_default(today=today).date == pd.Timestamp("2025-06-10")
    earlier = Dataset(leads=leads, opportunities=deals.iloc[[1, 2]])
    assert earlier.as_of_default(today=today).date == pd.Timestamp("2025-05-31")


def test_no_dates_gives_none() -> None:
    assert _ds(None, None).as_of_default() == AsOfDefault(None, 0)
    assert Dataset(leads=pd.DataFrame({"email": ["a@b.jp"]})).latest_date() is None


def test_a_large_tail_after_a_pause_is_data_not_outliers() -> None:
    # 40 % of the data after a three-year pause: kept (a tail of typos is small)
    dates = ["2019-06-01"] * 60 + ["2023-06-01"] * 40
    assert _ds(*dates).as_of_default() == AsOfDefault(pd.Timestamp("2023-06-01"), 0)


def test_a_dense_recent_tail_is_kept() -> None:
    days = pd.date_range("2020-01-01", "2024-12-31", freq="7D").strftime("%Y-%m-%d")
    assert _ds(*days).latest_date() == pd.Timestamp(days[-1])


def test_the_earliest_gap_with_a_small_tail_is_cut() -> None:
    dates = ["2024-01-01"] * 100 + ["2040-01-01", "2040-01-02", "2150-01-01"]
    assert _ds(*dates).as_of_default() == AsOfDefault(pd.Timestamp("2024-01-01"), 3)


def test_horizon_leaves_out_future_events_unless_every_date_is_after_it() -> None:
    ds = _ds("2024-01-01", "2024-06-01", "2025-03-01")
    horizon = pd.Timestamp("2024-12-31")
    assert ds.as_of_default(horizon=horizon) == AsOfDefault(pd.Timestamp("2024-06-01"), 1)
    only_future = _ds("2030-01-01", "2030-02-01")
    assert only_future.as_of_default(horizon=horizon).date == pd.Timestamp("2030-02-01")


def test_tz_aware_and_microsecond_columns() -> None:
    tz = pd.Series(pd.to_datetime(["2024-05-06 23:30"])).dt.tz_localize("Asia/Tokyo")
    us = pd.Series(pd.to_datetime(["2024-05-01"])).astype("datetime64[us]")
    ds = Dataset(leads=pd.DataFrame({"created_at": us, "mql_at": tz}))
    assert ds.latest_date() == pd.Timestamp("2024-05-06")  # the wall-clock day


@given(
    st.lists(st.integers(min_value=0, max_value=3000), min_size=1, max_size=60),
    st.integers(min_value=0, max_value=60_000),
)
def test_default_is_a_data_date_and_ignored_dates_are_after_it(offsets, far) -> None:
    base = pd.Timestamp("2020-01-01")
    days = [base + pd.Timedelta(days=o) for o in offsets]
    ds = _ds(*(d.strftime("%Y-%m-%d") for d in [*days, base + pd.Timedelta(days=far)]))
    found = ds.as_of_default()
    all_days = pd.Series([*days, base + pd.Timedelta(days=far)])
    assert found.date in set(all_days)
    assert found.ignored == int((all_days > found.date).sum())
    assert found.ignored <= max(1, int(0.05 * len(all_days)))
    if found.ignored:  # only ever cut after a wide gap
        below = all_days[all_days <= found.date].max()
        above = all_days[all_days > found.date].min()
        assert (above - below).days > OUTLIER_GAP_DAYS


@pytest.mark.timeout(120)
def test_many_cells_are_counted_by_day_without_a_loop_over_rows() -> None:
    # not a timing test: 2M cells in two columns give the same answer as a plain max
    rng = np.random.default_rng(0)
    base = np.datetime64("2024-01-01", "ns")
    a = base + rng.integers(0, 600 * 86_400, 1_000_000).astype("timedelta64[s]")
    ds = Dataset(leads=pd.DataFrame({"created_at": a, "mql_at": a[::-1]}))
    assert ds.latest_date() == pd.Timestamp(a.max()).normalize()


def test_day_counts_are_counted_once_and_forgotten_by_a_replace() -> None:
    """A dataset counts its date cells once; counts given for it are used as they are; a
    dataset built from it with other tables counts its own."""
    from dataclasses import replace

    ds = _ds("2024-01-01", "2024-01-01", "2024-03-05")
    first = ds.day_counts()
    assert ds.day_counts() is first  # once
    _first_day, days, counts = first
    assert counts.tolist() == [2, 1] and (days[1] - days[0]) == 64
    later = replace(ds, leads=ds.leads.assign(created_at=pd.to_datetime(["2025-01-01"] * 3)))
    assert later.as_of_default().date == pd.Timestamp("2025-01-01")  # its own counts
    stored = Dataset(leads=ds.leads).with_day_counts(first)
    assert stored.day_counts() is first
    assert stored.as_of_default() == ds.as_of_default()
    assert Dataset(leads=ds.leads.iloc[0:0]).with_day_counts(None).as_of_default().date is None
