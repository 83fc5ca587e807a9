"""Prediction time per lead: the moment a score is asked for, and nothing after it.

A score is used at some moment — a few weeks after a lead arrives, or at
each monthly review — and is judged by what followed. :func:`learning_set`
fixes that moment per lead (its *prediction time*, or *cut*) and the label
that follows it; back-test, suggested weights and the quality benchmark all
read the same rows, and every feature is computed as of each row's cut:

* activities strictly before the cut, decayed to it (:func:`counts_at`);
* opportunity facts known by the cut (:mod:`abm.scoring.deals`);
* fit fields, which describe who the lead is (the leakage audit of
  :mod:`abm.scoring.leakage` refuses every column written later).

Modes (:attr:`ScoringModel.prediction`):

``created``
    one row per lead at its creation + ``prediction_days`` (of the lead for
    ``converted``; of its deal for ``won_vs_lost``);
``monthly``
    one row per lead and monthly snapshot while it is undecided.

Leads that cannot be judged are left out and counted by reason (never
silently): ``no_created`` (no creation date), ``undated_outcome`` (an
opportunity without a date: before or after the cut is unknown),
``decided_before`` (converted or closed at or before the cut: nothing left to
predict), ``too_recent`` (the horizon after the cut is not over on the as-of
day), ``undecided`` (``won_vs_lost``: the deal is still open).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from abm.scoring.features import LeadFeatures, decayed_counts
from abm.scoring.model import ENGAGEMENT_KINDS
from abm.scoring.tasks import TASKS, LeadOutcomes

__all__ = ["EXCLUSIONS", "LearningSet", "counts_at", "first_activity", "learning_set"]

#: Reasons a lead is left out of a learning set (see the module docstring).
EXCLUSIONS: tuple[str, ...] = (
    "no_created",
    "undated_outcome",
    "decided_before",
    "too_recent",
    "undecided",
    "before_log",
)
_DAY = np.timedelta64(86_400 * 10**9, "ns")
_NAT = np.datetime64("NaT", "ns")
#: Snapshot rows kept at most in monthly mode before sampling.
MAX_ROWS = 2_000_000


@dataclass(frozen=True, eq=False)
class LearningSet:
    """Rows (lead, prediction time) with the label that followed.

    Attributes
    ----------
    task, mode : str
        :data:`~abm.scoring.tasks.TASKS` and ``"created"`` / ``"monthly"``.
    prediction_days, horizon_days : float
    as_of : pandas.Timestamp
    lead : numpy.ndarray of int64
        Lead position of each row.
    cut : numpy.ndarray of datetime64[ns]
        Each row's prediction time.
    snapshot : numpy.ndarray of int16
        Snapshot number (0 = latest; always 0 in ``created`` mode).
    y : numpy.ndarray of bool
        Positive outcome after the cut (converted within the horizon; won).
    scope : int
        Leads the task is about (every lead; leads with a deal).
    excluded : dict of str to int
        Leads left out per reason (:data:`EXCLUSIONS`).
    log_start : pandas.Timestamp or None
        The first activity in the log (``None`` without one): rows whose prediction time
        is before it are left out (``before_log``) — their engagement is 0 by construction.
    """

    task: str
    mode: str
    prediction_days: float
    horizon_days: float
    as_of: pd.Timestamp
    lead: np.ndarray
    cut: np.ndarray
    snapshot: np.ndarray
    y: np.ndarray
    scope: int
    excluded: dict[str, int] = field(default_factory=dict)
    log_start: pd.Timestamp | None = None

    @property
    def rows(self) -> int:
        """Rows (one per lead in ``created`` mode)."""
        return len(self.y)

    @functools.cached_property
    def leads(self) -> int:
        """Distinct leads (counted once: the page reads it on every rerun)."""
        return int(np.count_nonzero(np.bincount(self.lead))) if len(self.lead) else 0

    @property
    def positives(self) -> int:
        """Rows with the positive outcome."""
        return int(self.y.sum())

    @property
    def period(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """First and last prediction time (``None`` when empty)."""
        if not len(self.cut):
            return None, None
        return pd.Timestamp(self.cut.min()), pd.Timestamp(self.cut.max())

    def cut_age(self) -> np.ndarray:
        """Days from each row's cut to ``as_of`` (>= 0)."""
        as_of = np.datetime64(self.as_of.to_datetime64(), "ns")
        return ((as_of - self.cut) / _DAY).astype(np.float64)

    def take(self, rows: np.ndarray) -> LearningSet:
        """The learning set restricted to ``rows`` (positions or a boolean mask)."""
        return LearningSet(
            self.task, self.mode, self.prediction_days, self.horizon_days, self.as_of,
            self.lead[rows], self.cut[rows], self.snapshot[rows], self.y[rows], self.scope,
            dict(self.excluded), self.log_start,
        )  # fmt: skip


def _span(days: float) -> np.timedelta64:
    """``days`` as a nanosecond timedelta (to the second)."""
    return np.timedelta64(round(days * 86_400), "s").astype("timedelta64[ns]")


def _created(leads: pd.DataFrame) -> np.ndarray:
    if "created_at" not in leads.columns:
        return np.full(len(leads), _NAT)
    return pd.to_datetime(leads["created_at"], errors="coerce").to_numpy("datetime64[ns]")


def _count(mask: np.ndarray) -> int:
    return int(np.count_nonzero(mask))


def _by_creation(
    start: np.ndarray, decided: np.ndarray, undated: np.ndarray, inside: np.ndarray, *,
    days: float, horizon: float | None, as_of: np.datetime64,
) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:  # fmt: skip
    """Rows cut at ``start + days``; returns (kept mask, cut, exclusions)."""
    cut = start + _span(days)
    no_start = inside & np.isnat(start)
    bad = inside & ~no_start & undated
    before = inside & ~no_start & ~bad & ~np.isnat(decided) & (decided <= cut)
    end = cut if horizon is None else cut + _span(horizon)
    recent = inside & ~no_start & ~bad & ~before & (end > as_of)
    keep = inside & ~no_start & ~bad & ~before & ~recent
    excluded = {
        "no_created": _count(no_start),
        "undated_outcome": _count(bad),
        "decided_before": _count(before),
        "too_recent": _count(recent),
    }
    return keep, cut, excluded


def learning_set(
    features: LeadFeatures,
    leads: pd.DataFrame,
    outcomes: LeadOutcomes,
    *,
    task: str = "converted",
    mode: str = "created",
    prediction_days: float = 30.0,
    horizon_days: float = 90.0,
    step_days: float = 30.0,
    max_snapshots: int = 12,
    max_rows: int | None = None,
    random_state: int = 0,
) -> LearningSet:
    """Place every lead at its prediction time and label what followed.

    Parameters
    ----------
    features : LeadFeatures
        Of ``leads`` (its ``as_of`` is the end of history).
    leads : pandas.DataFrame
        Canonical leads (``created_at``).
    outcomes : LeadOutcomes
        :func:`~abm.scoring.tasks.lead_outcomes` of the same leads and as-of day.
    task : {"converted", "won_vs_lost"}
    mode : {"created", "monthly"}
    prediction_days : float
        ``created`` mode: days after creation (of the lead; of the deal).
    horizon_days : float
        ``converted``: the opportunity must come within this many days after the cut.
    step_days, max_snapshots : float, int
        ``monthly`` mode: spacing and number of snapshots.
    max_rows : int, optional
        Keep a uniform random sample of this many rows (both classes alike).
    random_state : int
        Seed of that sample.

    Returns
    -------
    LearningSet
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}")
    as_of = np.datetime64(features.as_of.to_datetime64(), "ns")
    n = features.n
    conv = task == "converted"
    if conv:
        inside = np.ones(n, dtype=bool)
        start, decided = _created(leads), outcomes.opportunity_at
        undated = outcomes.converted & np.isnat(decided)
        undecided = np.zeros(n, dtype=bool)
    else:
        inside = outcomes.won | outcomes.lost
        start, decided = outcomes.deal_created, outcomes.decided_at
        undated = np.zeros(n, dtype=bool)
        undecided = outcomes.converted & ~inside
    horizon = horizon_days if conv else None
    if mode == "created":
        keep, cut, excluded = _by_creation(
            start, decided, undated, inside, days=prediction_days, horizon=horizon, as_of=as_of
        )
        lead = np.flatnonzero(keep)
        cut = cut[lead]
        snap = np.zeros(len(lead), dtype=np.int16)
    else:
        lead, cut, snap, excluded = _monthly(
            start, decided, undated, inside, as_of=as_of, horizon=horizon,
            step_days=step_days, max_snapshots=max_snapshots, n=n,
        )  # fmt: skip
    excluded["undecided"] = _count(undecided)
    log_start = first_activity(features)
    excluded["before_log"] = 0
    if log_start is not None:  # QA-S: cut in 2023 against a log from 2025-06: engagement 0
        early = cut < np.datetime64(log_start.to_datetime64(), "ns")
        if early.any():
            kept = np.unique(lead[~early])
            excluded["before_log"] = len(np.setdiff1d(np.unique(lead[early]), kept))
            lead, cut, snap = lead[~early], cut[~early], snap[~early]
    d = decided[lead]
    if conv:
        end = cut + _span(horizon_days)
        y = ~np.isnat(d) & (d > cut) & (d <= end)
    else:
        y = outcomes.won[lead]
    out = LearningSet(
        task, mode, float(prediction_days), float(horizon_days), features.as_of,
        lead.astype(np.int64), cut, snap, y, _count(inside), excluded, log_start,
    )  # fmt: skip
    if max_rows is not None and out.rows > max_rows:
        rng = np.random.default_rng(random_state)
        out = out.take(np.sort(rng.choice(out.rows, max_rows, replace=False)))
    return out


def first_activity(features: LeadFeatures) -> pd.Timestamp | None:
    """The first activity in the log of ``features`` (linked to a lead; ``None`` when none).

    Parameters
    ----------
    features : LeadFeatures

    Returns
    -------
    pandas.Timestamp or None
    """
    if not len(features.act_age):
        return None
    oldest = float(np.max(features.act_age))
    # ages are float32 days (seconds apart at a year and a half): to the minute before the
    # day, or an as-of with a time of day dates a log starting at midnight a day early
    at = features.as_of - pd.Timedelta(seconds=round(oldest * 86_400))
    return at.round("min").floor("D")


def _monthly(
    start: np.ndarray, decided: np.ndarray, undated: np.ndarray, inside: np.ndarray, *,
    as_of: np.datetime64, horizon: float | None, step_days: float, max_snapshots: int, n: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, int]]:  # fmt: skip
    """Rows (lead, snapshot) while each lead is undecided; latest snapshot first."""
    valid = inside & ~undated
    first = start[valid & ~np.isnat(start)]
    oldest = first.min() if len(first) else None
    latest = as_of - _span(horizon or 0)
    k_max = max(1, min(max_snapshots, MAX_ROWS // max(n, 1)))
    leads, cuts, snaps = [], [], []
    for k in range(k_max):
        t = latest - _span(k * step_days)
        if oldest is not None and t < oldest:
            break
        # started on a day before the snapshot's (a date alone is not "before" it: nothing
        # of that day — its activities, its deal — is known at the cut)
        alive = valid & (np.isnat(start) | (start < t)) & (np.isnat(decided) | (decided > t))
        rows = np.flatnonzero(alive)
        leads.append(rows)
        cuts.append(np.full(len(rows), t, dtype="datetime64[ns]"))
        snaps.append(np.full(len(rows), k, dtype=np.int16))
    excluded = {"no_created": 0, "undated_outcome": _count(inside & undated)}
    excluded |= {"decided_before": 0, "too_recent": 0}
    if not leads:
        return np.zeros(0, np.int64), np.zeros(0, "datetime64[ns]"), np.zeros(0, np.int16), excluded
    return np.concatenate(leads), np.concatenate(cuts), np.concatenate(snaps), excluded


def counts_at(features: LeadFeatures, half_life_days: float, rows: LearningSet) -> np.ndarray:
    """Decayed engagement counts of each row as of its cut, shape ``(rows, kinds)``.

    Only activities strictly before a row's cut count, each aged from the cut
    (:func:`~abm.scoring.features.decayed_counts` with ``cutoff_age``): an
    activity after the prediction time never reaches a feature.

    Returns
    -------
    numpy.ndarray of float32
        Fortran-ordered, aligned with ``rows``.
    """
    ages = rows.cut_age()
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    for k in np.unique(rows.snapshot):
        sel = np.flatnonzero(rows.snapshot == k)
        cutoff = np.full(features.n, np.inf, dtype=np.float64)  # leads outside: nothing counts
        cutoff[rows.lead[sel]] = ages[sel]
        parts.append((sel, decayed_counts(features, half_life_days, cutoff_age=cutoff)))
    out = np.zeros((rows.rows, len(ENGAGEMENT_KINDS)), dtype=np.float32, order="F")
    for sel, c in parts:
        out[sel] = c[rows.lead[sel]]
    return out
