"""Small helpers shared by the gap modules (private)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.channels import lead_channels
from abm.core.keys import lead_positions
from abm.funnel import NO_DATE, Reach, to_days

#: Label of a missing group value (same as the funnel's breakdowns).
UNKNOWN = "(unknown)"


def rate(num: float, den: float) -> float:
    """``num / den`` or NaN when ``den`` is 0."""
    return float(num) / float(den) if den else float("nan")


def stage_index(reach: Reach, generic: str) -> int | None:
    """Position of the model stage standing exactly for ``generic`` (None if absent)."""
    for j, s in enumerate(reach.model.stages):
        if s.generic == generic:
            return j
    return None


def text(frame: pd.DataFrame, col: str) -> pd.Series:
    """Column as trimmed ``string`` (missing/blank -> NA); all-NA when absent."""
    if col not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    s = frame[col].astype("string").str.strip()
    return s.mask(s == "")


def group_text(frame: pd.DataFrame, by: str, rows: np.ndarray | None = None) -> pd.Series:
    """Group value of each row (of ``rows`` only, when given) for a grouping ``by``:
    ``lead_source`` by channel (:func:`abm.core.channels.lead_channels`: the column is
    read once, whatever tables and reruns ask), anything else as :func:`text`."""
    if by == "lead_source" and by in frame.columns:
        values = lead_channels(frame[by])
    else:
        values = text(frame, by)
    return values if rows is None else values.iloc[rows]


def number(frame: pd.DataFrame, col: str) -> np.ndarray:
    """Column as float64 with NaN for missing; all-NaN when absent."""
    if col not in frame.columns:
        return np.full(len(frame), np.nan)
    return (
        pd.to_numeric(frame[col], errors="coerce")
        .astype("Float64")
        .to_numpy(dtype=np.float64, na_value=np.nan)
    )


def day_column(frame: pd.DataFrame, col: str, as_of_day: int) -> np.ndarray:
    """Datetime column as day numbers, dates after ``as_of`` -> NO_DATE."""
    if col not in frame.columns:
        return np.full(len(frame), NO_DATE, dtype=np.int64)
    d = to_days(frame[col])
    d[d > as_of_day] = NO_DATE
    return d


def link_activities(leads: pd.DataFrame, activities: pd.DataFrame) -> np.ndarray:
    """Position (``iloc``) in ``leads`` of each activity's lead, ``-1`` if unlinked.

    The one lookup of :func:`abm.core.keys.lead_positions`: ``lead_id``, then
    the e-mail key; the first lead carrying a key wins.
    """
    return lead_positions(activities, leads)
