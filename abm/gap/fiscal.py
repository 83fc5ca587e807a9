"""Fiscal quarters with a configurable fiscal-year start month.

Fiscal years are named by the calendar year they start in (the Japanese
年度 convention): with an April start, April 2025 – March 2026 is FY2025, so
2026-03-31 is FY2025 Q4 and 2026-04-01 is FY2026 Q1. With a January start
the fiscal year is the calendar year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.opportunities import state_at
from abm.i18n import t

__all__ = [
    "closable_this_quarter",
    "fiscal_quarter",
    "quarter_bounds",
    "quarter_of",
    "quarter_text",
]

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _check(start_month: int) -> int:
    m = int(start_month)
    if not 1 <= m <= 12:
        raise ValueError("start_month must be 1..12")
    return m


def fiscal_quarter(dates: pd.Series, start_month: int = 4) -> pd.DataFrame:
    """Fiscal year and quarter of each date.

    Parameters
    ----------
    dates : pandas.Series
        Datetimes (missing allowed).
    start_month : int
        First month of the fiscal year (1–12).

    Returns
    -------
    pandas.DataFrame
        Same index; ``fiscal_year`` and ``quarter`` (``Int64``, missing for
        missing dates) and ``label`` (``"FY2025 Q4"``).
    """
    m0 = _check(start_month)
    d = pd.to_datetime(dates, errors="coerce")
    month = d.dt.month.astype("Int64")
    year = d.dt.year.astype("Int64")
    shifted = (month - m0) % 12
    quarter = shifted // 3 + 1
    fy = year - (month < m0).astype("Int64")
    label = ("FY" + fy.astype("string") + " Q" + quarter.astype("string")).astype("string")
    return pd.DataFrame({"fiscal_year": fy, "quarter": quarter, "label": label}, index=dates.index)


def quarter_of(date: pd.Timestamp, start_month: int = 4) -> tuple[int, int]:
    """``(fiscal_year, quarter)`` of one date."""
    m0 = _check(start_month)
    ts = pd.Timestamp(date)
    return ts.year - (ts.month < m0), (ts.month - m0) % 12 // 3 + 1


def quarter_bounds(as_of: pd.Timestamp, start_month: int = 4) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the fiscal quarter containing ``as_of``.

    Returns
    -------
    tuple of pandas.Timestamp
        ``(start, end)``, both midnight; ``end`` is the quarter's last day.
    """
    m0 = _check(start_month)
    ts = pd.Timestamp(as_of).normalize()
    offset = (ts.month - m0) % 3  # months since the quarter began
    start = pd.Timestamp(ts.year, ts.month, 1) - pd.DateOffset(months=offset)
    end = start + pd.DateOffset(months=3) - pd.Timedelta(days=1)
    return start, pd.Timestamp(end)


def closable_this_quarter(
    opportunities: pd.DataFrame, *, as_of: pd.Timestamp, start_month: int = 4
) -> np.ndarray:
    """Open opportunities whose close date lies in the current fiscal quarter.

    "Current" is the quarter of ``as_of``. Open at ``as_of`` as
    :func:`abm.core.opportunities.state_at` says. Close dates already past
    in the quarter still count (the deal is late but closable this term).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities.
    as_of : pandas.Timestamp
    start_month : int

    Returns
    -------
    numpy.ndarray of bool
        One flag per row.
    """
    n = len(opportunities)
    if "close_date" not in opportunities.columns or n == 0:
        return np.zeros(n, dtype=bool)
    q0, q1 = quarter_bounds(as_of, start_month)
    close = opportunities["close_date"].dt.normalize()
    inside = ((close >= q0) & (close <= q1)).fillna(False).to_numpy(dtype=bool)
    return inside & state_at(opportunities, as_of).open


def quarter_text(quarter: tuple[int, int], months: tuple[int, int], lang: str = "ja") -> str:
    """A fiscal quarter with the months it runs through, as a reader of either fiscal year
    reads it: ``"FY2026 第1四半期（4〜6月）"`` / ``"FY2026 Q1 (Apr–Jun)"``.

    Examples
    --------
    >>> quarter_text((2026, 1), (4, 6), "en"), quarter_text((2025, 4), (11, 1), "ja")
    ('FY2026 Q1 (Apr–Jun)', 'FY2025 第4四半期（11〜翌1月）')
    """
    first, last = months
    if lang == "ja":
        span = f"{first}〜{'翌' if last < first else ''}{last}月"
    else:
        span = f"{_EN_MONTHS[first - 1]}–{_EN_MONTHS[last - 1]}"
    return t("gap.s.quarter", lang, fy=quarter[0], q=quarter[1], months=span)
