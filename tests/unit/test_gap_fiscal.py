"""Fiscal quarters: boundaries with an April and a January start, closable deals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abm.gap.fiscal import closable_this_quarter, fiscal_quarter, quarter_bounds, quarter_of
from tests.unit.test_gap_data import AS_OF, make_opportunities


def _dates(*values: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)), dtype="datetime64[ns]")


def test_april_start_boundaries():
    q = fiscal_quarter(_dates("2026-03-31", "2026-04-01", "2026-06-30", "2026-07-01", None), 4)
    assert q["fiscal_year"].tolist()[:4] == [2025, 2026, 2026, 2026]
    assert q["quarter"].tolist()[:4] == [4, 1, 1, 2]
    assert q["label"].tolist()[:4] == ["FY2025 Q4", "FY2026 Q1", "FY2026 Q1", "FY2026 Q2"]
    assert q["fiscal_year"].isna().tolist() == [False] * 4 + [True]


def test_april_start_other_quarters():
    q = fiscal_quarter(_dates("2026-09-30", "2026-10-01", "2026-12-31", "2027-01-01"), 4)
    assert list(zip(q["fiscal_year"], q["quarter"], strict=True)) == [
        (2026, 2),
        (2026, 3),
        (2026, 3),
        (2026, 4),
    ]


def test_january_start_is_calendar_year():
    q = fiscal_quarter(_dates("2026-03-31", "2026-04-01", "2026-12-31", "2027-01-01"), 1)
    assert q["fiscal_year"].tolist() == [2026, 2026, 2026, 2027]
    assert q["quarter"].tolist() == [1, 2, 4, 1]


@pytest.mark.parametrize(
    ("day", "start_month", "expected"),
    [
        ("2026-03-31", 4, ("2026-01-01", "2026-03-31", (2025, 4))),
        ("2026-04-01", 4, ("2026-04-01", "2026-06-30", (2026, 1))),
        ("2026-06-30", 4, ("2026-04-01", "2026-06-30", (2026, 1))),
        ("2026-07-01", 4, ("2026-07-01", "2026-09-30", (2026, 2))),
        ("2026-05-15", 1, ("2026-04-01", "2026-06-30", (2026, 2))),
        ("2026-02-28", 10, ("2026-01-01", "2026-03-31", (2025, 2))),
    ],
)
def test_quarter_bounds(day, start_month, expected):
    q0, q1 = quarter_bounds(pd.Timestamp(day), start_month)
    assert (q0, q1) == (pd.Timestamp(expected[0]), pd.Timestamp(expected[1]))
    assert quarter_of(pd.Timestamp(day), start_month) == expected[2]


def test_bad_start_month():
    with pytest.raises(ValueError):
        quarter_bounds(pd.Timestamp("2026-01-01"), 13)


def test_closable_this_quarter():
    # FY2026 Q1 = 04-01..06-30: O2 (open, 06-20) and O4 (open, 06-01, created earlier);
    # O1/O5 are closed, O3 closes in Q2, O6 is created after as_of.
    mask = closable_this_quarter(make_opportunities(), as_of=AS_OF, start_month=4)
    assert mask.tolist() == [False, True, False, True, False, False]


def test_closable_january_start_and_no_close_date():
    opp = make_opportunities()
    # January start: Q2 = 04-01..06-30 as well -> same answer
    assert closable_this_quarter(opp, as_of=AS_OF, start_month=1).sum() == 2
    # as of 2026-07-01 (Q2 of an April year): only O3 (07-15) is open and due
    mask = closable_this_quarter(opp, as_of=pd.Timestamp("2026-07-01"), start_month=4)
    assert np.flatnonzero(mask).tolist() == [2]
    assert closable_this_quarter(opp.drop(columns="close_date"), as_of=AS_OF).sum() == 0


@pytest.mark.parametrize(
    ("as_of", "start", "en", "ja"),
    [
        ("2026-05-21", 4, "FY2026 Q1 (Apr–Jun)", "FY2026 第1四半期（4〜6月）"),
        ("2026-05-21", 1, "FY2026 Q2 (Apr–Jun)", "FY2026 第2四半期（4〜6月）"),
        ("2026-01-10", 11, "FY2025 Q1 (Nov–Jan)", "FY2025 第1四半期（11〜翌1月）"),
    ],
)
def test_a_quarter_says_the_months_it_runs_through(as_of, start, en, ja):
    from abm.gap.fiscal import quarter_bounds, quarter_text

    first, last = quarter_bounds(pd.Timestamp(as_of), start)
    quarter = quarter_of(pd.Timestamp(as_of), start)
    assert quarter_text(quarter, (first.month, last.month), "en") == en
    assert quarter_text(quarter, (first.month, last.month), "ja") == ja
