"""The as-of day: an event at any time of that day counts, in every area (QA: the newest
day's activities were left out of scoring and the accounts, and the story called them
"after the as-of day")."""

from __future__ import annotations

import pandas as pd

from abm.accounts.engagement import lead_engagement
from abm.core.dates import day_end, on_or_before
from abm.scoring import build_features

AS_OF = pd.Timestamp("2025-12-15")


def test_day_end_and_on_or_before() -> None:
    assert day_end(AS_OF) == pd.Timestamp("2025-12-16")
    assert day_end(pd.Timestamp("2025-12-15 18:30")) == pd.Timestamp("2025-12-16")
    values = pd.Series(["2025-12-15 23:59:59", "2025-12-16 00:00:00", "2025-12-01", None, "x"])
    assert on_or_before(values, AS_OF).tolist() == [True, False, True, False, False]
    aware = pd.Series(pd.to_datetime(["2025-12-15 23:00"]).tz_localize("Asia/Tokyo"))
    assert on_or_before(aware, AS_OF).tolist() == [True]  # the day the export shows


def _world() -> tuple[pd.DataFrame, pd.DataFrame]:
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2"], dtype="string"),
            "email": pd.array(["a@x.co.jp", "b@x.co.jp"], dtype="string"),
            "company": pd.array(["株式会社エックス", "株式会社エックス"], dtype="string"),
            "created_at": pd.to_datetime(["2025-11-01 00:00", "2025-12-15 09:00"]),
        }
    )
    acts = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L1", "L2", "L2"], dtype="string"),
            "timestamp": pd.to_datetime(
                ["2025-12-01 10:00", "2025-12-15 14:00", "2025-12-15 23:59", "2025-12-16 00:00"]
            ),
            "activity_type": pd.array(["ページ閲覧"] * 4, dtype="string"),
        }
    )
    return leads, acts


def test_scoring_and_the_accounts_count_the_whole_as_of_day() -> None:
    leads, acts = _world()
    counts = build_features(leads, acts, as_of=AS_OF).counts
    assert counts["linked"] == 3 and counts["after_as_of"] == 1
    eng = lead_engagement(leads, acts, as_of=AS_OF, half_life_days=30)
    assert eng.raw.tolist() == [2.0, 1.0]
    assert eng.decayed[1] == 1.0  # later that day: age 0, full weight


def test_the_funnel_and_the_gap_open_on_one_window():
    """QA-H: the Funnel read 2025/12/01 and the Gap 2025-11-01 for the same October."""
    import datetime as dt

    from abm.core.dates import default_window

    as_of = pd.Timestamp("2026-10-31")
    late = pd.Series(pd.to_datetime(["2025-12-01 09:30", "2026-05-01 00:00", "2026-11-15 00:00"]))
    assert default_window(late, as_of) == (dt.date(2025, 12, 1), dt.date(2026, 10, 31))
    early = pd.Series(pd.to_datetime(["2020-01-01", "2026-05-01"]))
    assert default_window(early, as_of) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    assert default_window(None, as_of) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    after = pd.Series(pd.to_datetime(["2026-11-15"]))  # every lead after the as-of day
    assert default_window(after, as_of) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    aware = pd.Series(pd.to_datetime(["2026-01-05 10:00"])).dt.tz_localize("Asia/Tokyo")
    zoned = pd.Timestamp("2026-10-31", tz="Asia/Tokyo")
    assert default_window(aware, zoned) == (dt.date(2026, 1, 5), dt.date(2026, 10, 31))
