"""Funnel metrics from a :class:`~abm.funnel.reach.Reach`: volume, conversion, velocity.

Every function reads the reach matrix (computed once for an ``as_of``) and
does column sums or per-column percentiles; nothing loops over leads.

Conversion conventions: *next-step* conversion of a stage is its count over
the count of the previous required stage (an optional feeder stage such as
AQL is compared with the stage before it, and the stage after it skips it);
*cumulative* conversion is the count over the first stage's count; *drop-off*
is previous count minus count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from abm.funnel.reach import NO_DATE, Reach

__all__ = [
    "cohort_table",
    "period_view",
    "stage_counts",
    "stage_velocity",
    "stalled_leads",
    "transition_days",
]


def _rate(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num = num.astype(np.float64)
    den = den.astype(np.float64)
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def stage_counts(reach: Reach, lang: str = "ja") -> pd.DataFrame:
    """Volume and conversion per stage.

    Parameters
    ----------
    reach : Reach
        Typically a cohort (:meth:`Reach.created_between`).
    lang : {"ja", "en"}
        Language of the ``label`` column.

    Returns
    -------
    pandas.DataFrame
        One row per stage in order, columns ``stage, label, optional, count,
        next_rate, cumulative_rate, drop_off``. Rates are floats in [0, 1]
        (NaN for the first stage's next-step rate or a zero denominator).
    """
    counts = reach.counts()
    prev = reach.model.previous_required()
    prev_counts = np.array([counts[p] if p >= 0 else 0 for p in prev], dtype=np.int64)
    next_rate = _rate(counts, prev_counts)
    next_rate[0] = np.nan
    first = np.full(counts.shape, counts[0] if len(counts) else 0)
    drop = prev_counts - counts
    drop[0] = 0
    return pd.DataFrame(
        {
            "stage": list(reach.model.keys),
            "label": [s.label(lang) for s in reach.model.stages],
            "optional": [s.optional for s in reach.model.stages],
            "count": counts,
            "next_rate": next_rate,
            "cumulative_rate": _rate(counts, first),
            "drop_off": drop,
        }
    )


def transition_days(reach: Reach) -> dict[str, np.ndarray]:
    """Days from the previous required stage to each stage, per lead.

    Only leads counted at both stages with both dates known and in order.

    Returns
    -------
    dict
        ``{stage key: int64 array of day differences}`` (first stage omitted).
    """
    out: dict[str, np.ndarray] = {}
    for j, p in enumerate(reach.model.previous_required()):
        if p < 0:
            continue
        a, b = reach.days[:, p], reach.days[:, j]
        ok = reach.reached[:, j] & reach.reached[:, p] & (a != NO_DATE) & (b != NO_DATE) & (b >= a)
        out[reach.model.keys[j]] = (b[ok] - a[ok]).astype(np.int64)
    return out


def stage_velocity(reach: Reach, percentiles: Sequence[float] = (50, 75, 90)) -> pd.DataFrame:
    """Median and percentile days between consecutive stages.

    Parameters
    ----------
    reach : Reach
    percentiles : sequence of float
        Percentiles in [0, 100] (linear interpolation, as :func:`numpy.percentile`).

    Returns
    -------
    pandas.DataFrame
        Columns ``from_stage, to_stage, leads, mean`` and ``p50, p75…``; NaN
        where no lead has both dates.
    """
    prev = reach.model.previous_required()
    rows = []
    for key, diffs in transition_days(reach).items():
        j = reach.model.index(key)
        row: dict[str, object] = {
            "from_stage": reach.model.keys[prev[j]],
            "to_stage": key,
            "leads": len(diffs),
        }
        row["mean"] = float(diffs.mean()) if len(diffs) else np.nan
        qs = np.percentile(diffs, percentiles) if len(diffs) else [np.nan] * len(percentiles)
        for q, v in zip(percentiles, qs, strict=True):
            row[f"p{q:g}"] = float(v)
        rows.append(row)
    cols = ["from_stage", "to_stage", "leads", "mean", *(f"p{q:g}" for q in percentiles)]
    return pd.DataFrame(rows, columns=cols)


def stalled_leads(reach: Reach, sla_days: Mapping[str, int]) -> pd.DataFrame:
    """Leads sitting in their current stage longer than its SLA at ``as_of``.

    A lead's current stage is the last stage it is counted at. Leads at the
    final stage, leads on a detour (lost, recycled, disqualified) and leads
    whose entry date into the current stage is unknown are never stalled.

    Parameters
    ----------
    reach : Reach
    sla_days : mapping
        Days allowed per generic stage key; stages absent are never stalled.

    Returns
    -------
    pandas.DataFrame
        Columns ``row`` (position in the leads frame), ``stage``,
        ``entered_at``, ``days_in_stage``, ``sla_days``; longest wait first.
    """
    k = len(reach.model.stages)
    if reach.n == 0:
        return pd.DataFrame(columns=["row", "stage", "entered_at", "days_in_stage", "sla_days"])
    last = k - 1 - np.argmax(reach.reached[:, ::-1], axis=1)
    entered = reach.days[np.arange(reach.n), last]
    sla = np.array([sla_days.get(s.generic, -1) for s in reach.model.stages], dtype=np.int64)
    limit = sla[last]
    waited = reach.as_of_day - entered
    ok = (last < k - 1) & ~reach.detour.any(axis=1) & (entered != NO_DATE) & (limit >= 0)
    ok &= reach.reached[np.arange(reach.n), last] & (waited > limit)
    idx = np.flatnonzero(ok)
    out = pd.DataFrame(
        {
            "row": reach.rows[idx],
            "stage": np.asarray(reach.model.keys, dtype=object)[last[idx]],
            "entered_at": pd.to_datetime(entered[idx], unit="D"),
            "days_in_stage": waited[idx].astype(np.int64),
            "sla_days": limit[idx],
        }
    )
    return out.sort_values("days_in_stage", ascending=False, kind="stable").reset_index(drop=True)


def _month_codes(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 for day numbers (NO_DATE stays NO_DATE)."""
    out = np.full(days.shape, NO_DATE, dtype=np.int64)
    ok = days != NO_DATE
    out[ok] = days[ok].astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return out


def _month_index(codes: np.ndarray) -> pd.PeriodIndex:
    return pd.PeriodIndex(pd.to_datetime(codes.astype("datetime64[M]")), freq="M")


def cohort_table(reach: Reach, *, rates: bool = False) -> pd.DataFrame:
    """Cohorts by creation month: how many of each month's leads reached each stage.

    Parameters
    ----------
    reach : Reach
    rates : bool
        Return each stage count divided by the cohort's first-stage count.

    Returns
    -------
    pandas.DataFrame
        Index ``cohort`` (monthly :class:`pandas.Period`, only months with
        leads), one column per stage key. Leads without a creation date are
        left out.
    """
    months = _month_codes(reach.created)
    ok = months != NO_DATE
    if not ok.any():
        return pd.DataFrame(
            columns=list(reach.model.keys), index=pd.PeriodIndex([], freq="M", name="cohort")
        )
    m = months[ok]
    lo = int(m.min())
    size = int(m.max()) - lo + 1
    rel = m - lo
    data = {
        key: np.bincount(rel, weights=reach.reached[ok, j], minlength=size).astype(np.int64)
        for j, key in enumerate(reach.model.keys)
    }
    frame = pd.DataFrame(data, index=_month_index(np.arange(lo, lo + size)))
    frame.index.name = "cohort"
    frame = frame[frame[reach.model.keys[0]] > 0]
    if rates:
        first = frame[reach.model.keys[0]].to_numpy()
        frame = frame.apply(lambda c: pd.Series(_rate(c.to_numpy(), first), index=c.index))
    return frame


def period_view(reach: Reach) -> pd.DataFrame:
    """Stage entries per calendar month (by stage date, any order).

    Leads placed from their current stage have no dates beyond the first
    stage and so only appear in the first column.

    Returns
    -------
    pandas.DataFrame
        Index ``month`` (monthly Period covering every entry), one column per
        stage key with the number of leads entering that stage that month.
    """
    months = _month_codes(np.where(reach.seen, reach.days, NO_DATE))
    ok = months != NO_DATE
    if not ok.any():
        return pd.DataFrame(
            columns=list(reach.model.keys), index=pd.PeriodIndex([], freq="M", name="month")
        )
    lo, hi = int(months[ok].min()), int(months[ok].max())
    size = hi - lo + 1
    data = {
        key: np.bincount(months[ok[:, j], j] - lo, minlength=size).astype(np.int64)
        for j, key in enumerate(reach.model.keys)
    }
    frame = pd.DataFrame(data, index=_month_index(np.arange(lo, hi + 1)))
    frame.index.name = "month"
    return frame
