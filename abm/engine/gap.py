"""The gap page's lens aggregates as Ibis expressions (see :mod:`abm.gap.lenses`).

The marketing lens reads, for the cohort of leads created in ``[start, end]``
(as the funnel counts them: created on or before ``as_of``, by day), the lead
volume per creation period and lead-source channel (the distinct sources looked up in
Python, :func:`abm.core.channels.channel_lookup`, and joined back: :func:`source_values`),
the MA tool's web-visit and
page-view totals, and the web visits in the activity log within the window.
Those are sums over the large tables; the per-lead scores, fit letters and
nurture pool stay in pandas on the compact per-lead tables.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from abm.core.activities import ACTIVITY_KINDS
from abm.core.keys import PERSON_RULES
from abm.engine._cols import as_date, col, day_of, has, text
from abm.engine.activity import with_lead_row
from abm.engine.reach import kept_leads
from abm.gap._common import UNKNOWN
from abm.gap.lenses import WEB_KINDS

__all__ = [
    "cohort",
    "lead_volume",
    "ma_totals",
    "source_values",
    "volume_frame",
    "web_activities",
]

_UNITS = {"W": "W", "M": "M", "Q": "Q"}
_WEB = sorted(ACTIVITY_KINDS.index(k) for k in WEB_KINDS)


def cohort(
    leads: Any, *, as_of: pd.Timestamp, start: pd.Timestamp | None, end: pd.Timestamp | None
) -> Any:
    """Leads created in ``[start, end]`` (days), among those created by ``as_of`` or undated;
    every lead when no lead has a creation date (:meth:`abm.funnel.Reach.created_mask`)."""
    t = kept_leads(leads, as_of)
    if not has(t, "created_at") or (start is None and end is None):
        return t
    created = day_of(t, "created_at")
    # no lead at all (after the as-of day included) has a creation date: no window applies
    every = leads.view()  # a view: not read as the filtered table's own column
    undated = ~day_of(every, "created_at").notnull().any()
    if start is not None:
        t = t.filter(undated | (created >= as_date(start)))
    if end is not None:
        t = t.filter(undated | (created.notnull() & (created <= as_date(end))))
    return t


def source_values(leads: Any) -> Any:
    """The distinct lead sources, trimmed, blank as NULL (column ``source``): what
    :func:`abm.core.channels.channel_lookup` reads to build :func:`lead_volume`'s table."""
    return leads.select(source=text(leads, "lead_source")).distinct()


def lead_volume(cohort_leads: Any, channels: Any, *, period: str = "M") -> Any:
    """Leads per creation period and lead source: ``period_start`` (date), ``lead_source``, ``leads``.

    Sources are grouped by channel, as the lens groups them
    (:func:`abm.core.channels.channel_keys`): ``channels`` is
    :func:`abm.core.channels.channel_lookup`'s table of the sources
    (:func:`source_values`), registered in the engine. Undated leads are left out (as the
    lens's volume table); a missing or blank source reads ``(unknown)``.
    """
    t = cohort_leads.filter(col(cohort_leads, "created_at", "timestamp").notnull())
    source = has(t, "lead_source")
    t = t.select(  # the two columns the count reads: a join carries no more
        period_start=t.created_at.cast("timestamp").truncate(_UNITS[period]).date(),
        _k_source=text(t, "lead_source"),
    )
    if source:
        lk = channels.select(_k_value=channels.source, _k_channel=channels.channel)
        t = t.left_join(lk, t._k_source == lk._k_value)
        group = t._k_channel
    else:
        group = t._k_source
    t = t.mutate(lead_source=group.cast("string").fill_null(UNKNOWN))
    return t.group_by(["period_start", "lead_source"]).aggregate(leads=t.count())


def volume_frame(volume: pd.DataFrame, *, period: str = "M") -> pd.DataFrame:
    """:func:`lead_volume`'s rows as the lens's crosstab (periods × sources, labels as pandas')."""
    if volume.empty:
        return pd.DataFrame(index=pd.Index([], name="period", dtype="string"))
    label = pd.to_datetime(volume["period_start"]).dt.to_period(period).astype("string")
    frame = volume.assign(period=label.to_numpy(dtype=object))
    out = frame.pivot_table(
        index="period", columns="lead_source", values="leads", aggfunc="sum", fill_value=0
    )
    out.index = pd.Index(out.index.astype("string"), name="period")
    out.columns = pd.Index(out.columns.astype("string"), name="lead_source")
    return out.sort_index().astype("int64")


def ma_totals(cohort_leads: Any) -> Any:
    """One row: sums and non-missing counts of ``web_visits`` and ``page_views``."""
    out = {}
    for c in ("web_visits", "page_views"):
        if not has(cohort_leads, c):  # a literal has no sum: the column is absent, none known
            out[f"{c}_sum"] = cohort_leads.count().cast("float64").nullif(cohort_leads.count())
            out[f"{c}_n"] = cohort_leads.count() * 0
            continue
        v = col(cohort_leads, c, "float64").cast("float64")
        out[f"{c}_sum"] = v.sum()
        out[f"{c}_n"] = v.count()
    return cohort_leads.aggregate(**out)


def web_activities(
    activities: Any,
    leads: Any = None,
    *,
    as_of: pd.Timestamp,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> Any:
    """Web visits (:data:`abm.gap.lenses.WEB_KINDS`) logged in the window, up to the as-of day.

    With ``leads`` (the cleaned leads, with ``lead_id`` and ``lead_row``), a visit linked to
    a person who is not among them — an excluded person's — is left out; a kept person's
    and one linked to nobody count (:func:`abm.core.keys.of_people_not_analysed`).
    """
    day = day_of(activities, "timestamp")
    ok = day <= as_date(as_of)
    if start is not None:
        ok = ok & (day >= as_date(start))
    if end is not None:
        ok = ok & (day <= as_date(end))
    t = activities.filter(ok & activities.kind.isin(_WEB))
    if leads is None or not has(t, "lead_id"):
        return t.count()
    t = with_lead_row(t, leads)
    names = text(t, "lead_id").notnull()
    if has(t, "link_rule"):
        names = names & t.link_rule.cast("string").isin(list(PERSON_RULES)).fill_null(False)
    return t.filter(~(names & t._k_row.isnull())).count()
