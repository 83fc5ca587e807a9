"""Why a stage of the funnel shows nothing: unmapped, out of order, or after an empty stage.

A stage count of 0 next to a full MQL count looks like a finding ("nobody
became AQL") when it is usually a mapping gap: no status value of the data is
mapped to the stage and no date column holds it. Two other causes look the
same and are told apart, because they need another fix:

``unmapped``
    Nothing names the stage: no date column with a date up to ``as_of``
    (``<generic>_at``) and no status value of the data mapped to it in the
    stage map. Fix: map a status value (stage-map editor) or a date column
    (data page).
``out_of_order``
    Leads reached the stage, but in strict counting none did so on or after
    the previous required stage (its dates come first: SAL dated before SQL
    in a model that puts SAL after SQL). Fix: the model's order, or count in
    any order.
``after_empty``
    Leads reached the stage, but the previous required stage counts none, so
    strict counting stops there. Fix: the earlier stage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.funnel.reach import Reach
from abm.funnel.stagemap import StageMap, distinct_text
from abm.funnel.vocab import normalise_value

__all__ = ["EMPTY_CAUSES", "STATUS_COLUMNS", "empty_stages"]

#: Why a stage counts no lead (``""``: it counts some).
EMPTY_CAUSES: tuple[str, ...] = ("unmapped", "out_of_order", "after_empty")
#: The lead columns a stage map reads.
STATUS_COLUMNS: tuple[str, ...] = ("current_stage", "lead_status")


def _mapped_values(leads: pd.DataFrame, reach: Reach, stage_map: StageMap) -> np.ndarray:
    """Distinct status values of the data placed exactly at each model stage."""
    table = stage_map.project(reach.model)
    out = np.zeros(len(reach.model.stages), dtype=np.int64)
    seen: set[str] = set()
    for col in STATUS_COLUMNS:
        if col not in leads.columns:
            continue
        for value in distinct_text(leads[col]):
            norm = normalise_value(value)
            if norm in seen:
                continue
            seen.add(norm)
            pos = table.get(norm, (-1, ""))[0]
            if pos >= 0:
                out[pos] += 1
    return out


def empty_stages(reach: Reach, leads: pd.DataFrame, stage_map: StageMap) -> pd.DataFrame:
    """What feeds each stage of ``reach``, and why a stage with no lead has none.

    Parameters
    ----------
    reach : Reach
        The reach shown (a cohort of :func:`~abm.funnel.reach.compute_reach`).
    leads : pandas.DataFrame
        The leads ``reach`` was computed from (for their status values).
    stage_map : StageMap
        The map ``reach`` was computed with.

    Returns
    -------
    pandas.DataFrame
        One row per model stage in order: ``stage``, ``count`` (leads
        counted), ``seen`` (leads that reached it in any order),
        ``dated`` (its date column holds a date up to ``as_of``; a date
        column with later dates only is mapped, not dated),
        ``mapped_values`` (distinct status values of the data placed at it),
        ``previous`` (key of the previous required stage, ``""`` for the
        first) and ``cause`` (one of :data:`EMPTY_CAUSES` when ``count`` is
        0, else ``""``). The first stage is every lead: never empty for a
        reason other than having no lead at all (cause ``""``).
    """
    model = reach.model
    counts = reach.counts()
    seen = reach.seen.sum(axis=0).astype(np.int64)
    dated = np.array([k in reach.date_stages for k in model.keys], dtype=bool)
    column = np.array([s.date_column in leads.columns for s in model.stages], dtype=bool)
    mapped = _mapped_values(leads, reach, stage_map)
    previous, last = [], ""
    for s in model.stages:
        previous.append(last)
        if not s.optional:
            last = s.key
    pos = {k: i for i, k in enumerate(model.keys)}
    cause = []
    for j in range(len(model.keys)):
        if j == 0 or counts[j] > 0:
            cause.append("")
        elif seen[j] == 0 and not (dated[j] or column[j]) and mapped[j] == 0:
            cause.append("unmapped")
        elif seen[j] > 0 and previous[j] and counts[pos[previous[j]]] == 0:
            cause.append("after_empty")
        elif seen[j] > 0:
            cause.append("out_of_order")
        else:  # named by the data, but no lead of this cohort is there
            cause.append("")
    return pd.DataFrame(
        {
            "stage": list(model.keys),
            "count": counts,
            "seen": seen,
            "dated": dated,
            "mapped_values": mapped,
            "previous": previous,
            "cause": cause,
        }
    )
