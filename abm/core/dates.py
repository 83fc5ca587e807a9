"""The as-of day: what "up to the as-of date" means for a timestamp, once for every area.

The as-of date is a day. An event counts up to it when it happened on that day or
before — at any time of that day, as the funnel counts stage dates by day: a visit at
14:00 on the as-of day is in, one at 00:00 the next day is not. Timestamps are
compared with :func:`day_end`, never with the as-of date's midnight.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

__all__ = ["day_end", "default_window", "first_day", "on_or_before", "window_from"]


def day_end(as_of: pd.Timestamp | str) -> pd.Timestamp:
    """The first instant after the as-of day: ``ts`` counts when ``ts < day_end(as_of)``.

    Parameters
    ----------
    as_of : pandas.Timestamp or str
        The as-of date (a time of day, if any, is ignored).

    Returns
    -------
    pandas.Timestamp
        Midnight of the next day.

    Examples
    --------
    >>> day_end(pd.Timestamp("2025-12-15"))
    Timestamp('2025-12-16 00:00:00')
    """
    return pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)


def on_or_before(values: pd.Series, as_of: pd.Timestamp | str) -> np.ndarray:
    """Whether each value is a date on the as-of day or before (missing or unparseable: false).

    Parameters
    ----------
    values : pandas.Series
        Dates or timestamps (text is parsed; what does not parse is no date).
    as_of : pandas.Timestamp or str
        The as-of date.

    Returns
    -------
    numpy.ndarray
        ``bool``, aligned with ``values``.
    """
    ts = pd.to_datetime(values, errors="coerce", format="mixed")
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        ts = ts.dt.tz_localize(None)  # the wall-clock day, as the export shows it
    return (ts < day_end(as_of)).fillna(False).to_numpy(dtype=bool)


def first_day(
    created: pd.Series | None, as_of: pd.Timestamp | str | None = None
) -> pd.Timestamp | None:
    """The first day of ``created`` (the day as written: a zone is dropped), counting only
    those on or before ``as_of`` when given; None when there is none.

    Parameters
    ----------
    created : pandas.Series or None
        Creation dates (leads, deals).
    as_of : pandas.Timestamp or str, optional

    Returns
    -------
    pandas.Timestamp or None
        Midnight of that day.
    """
    if created is None or not created.notna().any():
        return None
    values = pd.to_datetime(created, errors="coerce")
    if getattr(values.dt, "tz", None) is not None:  # the day as written, zone dropped
        values = values.dt.tz_localize(None)
    first = (values if as_of is None else values[on_or_before(values, _day(as_of))]).min()
    return None if pd.isna(first) else pd.Timestamp(first).normalize()


def default_window(created: pd.Series | None, as_of: pd.Timestamp | str) -> tuple[dt.date, dt.date]:
    """The period the Funnel and the Gap open on: the year up to the as-of day, from the
    first lead's day when the data starts later (one definition: QA-H read 2025/12/01 on
    the Funnel and 2025-11-01 on the Gap for the same October).

    Parameters
    ----------
    created : pandas.Series or None
        The leads' creation dates.
    as_of : pandas.Timestamp or str

    Returns
    -------
    (datetime.date, datetime.date)
        First and last day, both counted.
    """
    return window_from(first_day(created, as_of), as_of)


def window_from(first: pd.Timestamp | None, as_of: pd.Timestamp | str) -> tuple[dt.date, dt.date]:
    """:func:`default_window` from the first day already found (:func:`first_day`)."""
    day = _day(as_of)
    a_year = day - pd.Timedelta(days=364)
    start = a_year if first is None else max(first, a_year)
    return min(start, day).date(), day.date()


def _day(as_of: pd.Timestamp | str) -> pd.Timestamp:
    """The as-of day's midnight as written (a zone dropped)."""
    day = pd.Timestamp(as_of)
    return (day.tz_localize(None) if day.tzinfo is not None else day).normalize()
