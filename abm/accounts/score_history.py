"""An account's score over time: the scoring model's current scores of its people, month by month.

"Where activities allow": the first point is the month of the account's first
activity (at most ``months`` back); without activities there is no history.
The model is today's, applied to the past — a history of the account's
behaviour under the rules now in force, not of the scores shown at the time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from abm.core.dates import on_or_before
from abm.engine.table import ActivityTable, build_activity_table

if TYPE_CHECKING:
    from abm.scoring import ScoringModel

__all__ = ["HISTORY_COLUMNS", "score_history"]

#: Columns of :func:`score_history`.
HISTORY_COLUMNS: tuple[str, ...] = (
    "date",
    "people",
    "engagement_max",
    "engagement_mean",
    "score_mql",
)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float) for c in HISTORY_COLUMNS})


def score_history(
    people: pd.DataFrame,
    activities: pd.DataFrame | None,
    *,
    as_of: pd.Timestamp,
    model: ScoringModel,
    months: int = 12,
    table: ActivityTable | None = None,
) -> pd.DataFrame:
    """The scoring model's current scores of ``people`` at the end of each month.

    Parameters
    ----------
    people : pandas.DataFrame
        The account's leads.
    activities : pandas.DataFrame or None
        Their activities (others are ignored).
    as_of : pandas.Timestamp
        The last point; earlier points are month ends.
    model : abm.scoring.ScoringModel
        The model as it is now: history is today's rules applied to the past,
        not the scores people were shown then.
    months : int
        Most points; fewer when the first activity is more recent.
    table : ActivityTable, optional
        ``activities`` as the engine read them, pointed at ``people``
        (:mod:`abm.engine.table`); read once here when omitted.

    Returns
    -------
    pandas.DataFrame
        ``date, people`` (created by then), ``engagement_max`` and
        ``engagement_mean`` (the model's engagement score of the account's
        people: fit barely moves month to month, engagement is the story)
        and ``score_mql`` (people the model calls MQL — a score-MQL, not the
        funnel's status-MQL). Empty without activities.
    """
    from abm.scoring import score_leads  # scoring is heavy; only the story needs it here

    if months < 1 or activities is None or not len(activities) or not len(people):
        return _empty()
    ts = pd.to_datetime(activities["timestamp"], errors="coerce")
    ts = ts[on_or_before(ts, as_of)]
    if not len(ts) or ts.isna().all():
        return _empty()
    first = max(ts.min().normalize(), as_of.normalize() - pd.DateOffset(months=months - 1))
    ends = pd.date_range(first, as_of, freq="ME")
    past = [d for d in ends if d < as_of.normalize()]
    points = [*past[max(len(past) - (months - 1), 0) :], as_of]
    created = (
        pd.to_datetime(people.get("created_at"), errors="coerce")
        if "created_at" in people
        else None
    )
    if table is None:
        table = build_activity_table(people, activities)
    rows = []
    for day in points:  # one scoring per month: a dozen small frames, never one per lead
        there = (
            people
            if created is None
            else people[created.isna().to_numpy() | on_or_before(created, day)]
        )
        if not len(there):
            rows.append((day, 0, np.nan, np.nan, 0))
            continue
        s = score_leads(there, activities, model, as_of=day, table=table)
        eng = s["engagement_score"].astype("Float64").astype(float)
        mql = int(s["is_mql"].astype("boolean").fillna(False).sum())
        rows.append((day, len(there), eng.max(), eng.mean(), mql))
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
