"""Monthly snapshots of history: what each lead looked like *before* it converted.

Scoring everyone as of today compares converters frozen at their best moment
(or inflated by the deal's own activity) with non-converters long gone cold.
The honest question is the one a score answers in production: *given what we
knew on date T, who converted within the next H days?* :func:`build_panel`
takes snapshots every ``step_days`` going back from ``as_of - horizon_days``;
at each one a lead that exists and has not yet converted becomes a row, with
its activities decayed to T (nothing after T counts) and the label "reached
the outcome in (T, T + H]".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.scoring.features import LeadFeatures, decayed_counts

__all__ = ["Panel", "build_panel"]

_DAY_NS = 86_400 * 10**9
#: Panel rows kept at most (snapshots are dropped beyond it).
MAX_ROWS = 2_000_000


@dataclass(frozen=True, eq=False)
class Panel:
    """Stacked snapshot rows.

    Attributes
    ----------
    lead : numpy.ndarray of int
        Lead position of each row.
    counts : numpy.ndarray, shape (rows, kinds)
        Decayed activity counts at the row's snapshot date.
    y : numpy.ndarray of bool
        Reached the outcome within the horizon after the snapshot.
    snapshot : numpy.ndarray of int
        Snapshot number (0 = latest).
    dates : tuple of pandas.Timestamp
        Snapshot dates.
    """

    lead: np.ndarray
    counts: np.ndarray
    y: np.ndarray
    snapshot: np.ndarray
    dates: tuple[pd.Timestamp, ...]

    @property
    def positive_leads(self) -> int:
        """Distinct leads that are positive in at least one snapshot."""
        return len(np.unique(self.lead[self.y]))


def build_panel(
    features: LeadFeatures,
    outcome_at: np.ndarray,
    created_at: np.ndarray | None,
    *,
    half_life_days: float,
    horizon_days: float = 90.0,
    step_days: float = 30.0,
    max_snapshots: int = 12,
    max_rows: int | None = None,
    random_state: int = 0,
) -> Panel:
    """Stack snapshot rows of leads not yet converted at each snapshot date.

    Parameters
    ----------
    features : LeadFeatures
    outcome_at : numpy.ndarray of datetime64
        When each lead reached the outcome (``NaT``: never).
    created_at : numpy.ndarray of datetime64, optional
        Lead creation dates; a lead joins from its creation (``NaT``: always).
    half_life_days : float
        Decay of activities to each snapshot date.
    horizon_days, step_days : float
        Outcome window after a snapshot; spacing of snapshots.
    max_snapshots : int
        Most snapshots taken (fewer when the panel would exceed ``MAX_ROWS``).
    max_rows : int, optional
        Keep a uniform random sample of this many rows (both classes alike,
        so rates and AUC stay unbiased); for a page that rescores on every
        slider move.
    random_state : int
        Seed of that sample.

    Returns
    -------
    Panel
    """
    n = features.n
    as_of = features.as_of.to_datetime64().astype("datetime64[ns]").astype(np.int64)
    out_ns = np.asarray(outcome_at, dtype="datetime64[ns]").astype(np.int64)
    out_nat = np.isnat(np.asarray(outcome_at, dtype="datetime64[ns]"))
    if created_at is None:
        made = np.full(n, np.iinfo(np.int64).min)
    else:
        c = np.asarray(created_at, dtype="datetime64[ns]")
        made = np.where(np.isnat(c), np.iinfo(np.int64).min, c.astype(np.int64))
    first = (
        made[made > np.iinfo(np.int64).min].min() if (made > np.iinfo(np.int64).min).any() else None
    )
    k_max = max(1, min(max_snapshots, MAX_ROWS // max(n, 1)))
    leads, counts, ys, snaps, dates = [], [], [], [], []
    for k in range(k_max):
        t = as_of - int((horizon_days + k * step_days) * _DAY_NS)
        if first is not None and t < first:
            break
        alive = (made <= t) & (out_nat | (out_ns > t))
        rows = np.flatnonzero(alive)
        if len(rows) == 0:
            continue
        age = np.full(n, (as_of - t) / _DAY_NS, dtype=np.float64)
        c_k = decayed_counts(features, half_life_days, cutoff_age=age)[rows]
        y_k = ~out_nat[rows] & (out_ns[rows] <= t + int(horizon_days * _DAY_NS))
        leads.append(rows)
        counts.append(c_k)
        ys.append(y_k)
        snaps.append(np.full(len(rows), k, dtype=np.int16))
        dates.append(pd.Timestamp(t))
    if not leads:
        k = decayed_counts(features, half_life_days).shape[1]
        return Panel(
            np.zeros(0, np.int64),
            np.zeros((0, k), np.float32),
            np.zeros(0, bool),
            np.zeros(0, np.int16),
            (),
        )
    lead, cnt, y, snap = (np.concatenate(x) for x in (leads, counts, ys, snaps))
    cnt = np.asfortranarray(cnt)  # per-kind columns contiguous, as rescoring reads them
    if max_rows is not None and len(y) > max_rows:
        keep = np.sort(np.random.default_rng(random_state).choice(len(y), max_rows, replace=False))
        lead, cnt, y, snap = lead[keep], np.asfortranarray(cnt[keep]), y[keep], snap[keep]
    return Panel(lead=lead, counts=cnt, y=y, snapshot=snap, dates=tuple(dates))
