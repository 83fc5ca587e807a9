"""abm.core.opportunities.closed_after: deals won or lost after the as-of day are open on it."""

from __future__ import annotations

import pandas as pd

from abm.core.opportunities import closed_after, state_at


def _deals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "created_at": pd.to_datetime(
                ["2026-01-05", "2026-01-05", "2026-02-01", "2026-06-01", "2026-01-05", None]
            ),
            "close_date": pd.to_datetime(
                ["2026-02-01", "2026-04-10", "2026-03-15", "2026-07-01", "2026-05-01", "2026-03-01"]
            ),
            "outcome": ["won", "won", "lost", "won", "open", "lost"],
        }
    )


def test_won_and_lost_after_the_day_counted_with_the_last_close_date():
    deals = _deals()
    n, last = closed_after(deals, pd.Timestamp("2026-02-15"), until=pd.Timestamp("2026-12-01"))
    # won 4/10, lost 3/15, lost 3/01 (no creation date: it existed); not the deal created
    # after the day, not the open one's planned close
    assert (n, last) == (3, pd.Timestamp("2026-04-10"))
    # they are exactly the deals open on the day that are closed later
    state = state_at(deals, pd.Timestamp("2026-02-15"))
    later = state_at(deals, pd.Timestamp("2026-04-30"))
    assert int((state.open & later.closed).sum()) == n


def test_close_dates_after_until_are_not_counted_and_nothing_is_said_without_dates():
    deals = _deals()
    n, last = closed_after(deals, pd.Timestamp("2026-02-15"), until=pd.Timestamp("2026-03-31"))
    assert (n, last) == (2, pd.Timestamp("2026-03-15"))
    assert closed_after(deals.drop(columns="close_date"), pd.Timestamp("2026-02-15"),
                        until=pd.Timestamp("2026-12-01")) == (0, None)  # fmt: skip
    assert closed_after(
        deals.iloc[:0], pd.Timestamp("2026-02-15"), until=pd.Timestamp("2026-12-01")
    ) == (0, None)
