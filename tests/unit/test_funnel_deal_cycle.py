"""The deals' cycle: days from creation to close (QA-K: no page gave the sales cycle)."""

from __future__ import annotations

import pandas as pd


def test_deal_cycle_counts_days_from_creation_to_close_of_deals_closed_by_the_as_of():
    from abm.funnel import deal_cycle

    opps = pd.DataFrame(
        {
            "created_at": pd.to_datetime(
                ["2025-01-01", "2025-02-01", "2025-03-01", "2025-03-01", "2025-05-01", None]
            ),
            "close_date": pd.to_datetime(
                ["2025-07-01", "2025-03-01", "2025-04-01", "2026-01-01", "2025-04-01", "2025-06-01"]
            ),
            "stage": ["受注", "失注", "受注", "受注", "受注", "受注"],
        }
    )
    got = deal_cycle(opps, as_of=pd.Timestamp("2025-12-31"))
    # won: 181 and 31 days; the one closing after the as-of is still open; a close before
    # its creation and a deal without a creation date give no cycle
    assert got.loc["won", "deals"] == 2 and got.loc["won", "p50"] == 106.0
    assert got.loc["lost", "deals"] == 1 and got.loc["lost", "p50"] == 28.0
    window = deal_cycle(opps, as_of=pd.Timestamp("2025-12-31"), start=pd.Timestamp("2025-02-15"))
    assert list(window.index) == ["won"] and window.loc["won", "deals"] == 1
    assert deal_cycle(opps.drop(columns="close_date"), as_of=pd.Timestamp("2025-12-31")).empty
