"""Small helpers shared by the gap modules (private)."""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def _key(s: pd.Series, lower: bool) -> pd.Series:
    s = s.astype("string").str.strip()
    s = s.str.lower() if lower else s
    return s.mask(s == "")


def link_activities(leads: pd.DataFrame, activities: pd.DataFrame) -> np.ndarray:
    """Position (``iloc``) in ``leads`` of each activity's lead, ``-1`` if unlinked.

    Linked by ``lead_id`` first, then (for the rest) by e-mail, case-insensitive.
    When a key repeats in ``leads`` the first lead carrying it wins. One
    ``factorize`` over both key columns; no per-row Python.
    """
    pos = np.full(len(activities), -1, dtype=np.int64)
    n = len(leads)
    for col, lower in (("lead_id", False), ("email", True)):
        if col not in leads.columns or col not in activities.columns:
            continue
        todo = np.flatnonzero(pos < 0)
        if len(todo) == 0:
            break
        acts = activities[col].iloc[todo] if len(todo) < len(activities) else activities[col]
        both = pd.concat([_key(leads[col], lower), _key(acts, lower)], ignore_index=True)
        codes, uniques = pd.factorize(both, use_na_sentinel=True)
        if len(uniques) == 0:
            continue
        lc, ac = codes[:n], codes[n:]
        first = np.full(len(uniques), -1, dtype=np.int64)
        rows = np.flatnonzero(lc >= 0)[::-1]  # reversed: the first occurrence is written last
        first[lc[rows]] = rows
        pos[todo] = np.where(ac >= 0, first[np.maximum(ac, 0)], -1)
    return pos
