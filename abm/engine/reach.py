"""Stage reach and cohort counts as Ibis expressions: :mod:`abm.funnel.reach`'s rule, once.

The rule (see :mod:`abm.funnel.reach`): leads created after ``as_of`` are out;
a lead with a stage date beyond the first is placed from its dates, else from
its current stage through the stage map; a required stage with no date column
at all is passed when a later required one is; strict mode counts a stage
only after the previous required one, entered no earlier.

Two facts depend on the data as a whole and are read first, in one small
query each (:func:`reach_inputs`): which stage-date columns hold a date up to
``as_of`` (``present``), and the distinct status values, which the stage map
projects onto the model in Python (the vocabulary is Python, run once per
distinct value) and the engine joins back. The per-lead expression
(:func:`reach_table`) then holds only column arithmetic; :func:`reach_counts`
and :func:`cohort_counts` reduce it.

A lead's linked deals (:func:`deal_table`: :func:`abm.core.opportunities.person_deals`'
rule, opportunities joined on the ``lead_id`` :func:`abm.pipeline.prepare` wrote) place it
at the opportunity / won stage, as :func:`abm.funnel.compute_reach` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import pandas as pd

from abm.core.keys import PERSON_RULES
from abm.engine._cols import as_date, day_of, has, without
from abm.engine.accounts import opportunity_state
from abm.engine.activity import with_lead_row
from abm.funnel.models import DETOURS, FunnelModel
from abm.funnel.reach import deal_stages
from abm.funnel.stagemap import StageMap, suggest_stage_map
from abm.funnel.vocab import normalise_value

__all__ = [
    "STATUS_COLUMNS",
    "ReachInputs",
    "cohort_counts",
    "deal_table",
    "kept_leads",
    "reach_counts",
    "reach_inputs",
    "reach_table",
    "status_lookup",
]

#: Lead columns the stage map reads.
STATUS_COLUMNS: tuple[str, ...] = ("current_stage", "lead_status")


@dataclass(frozen=True)
class ReachInputs:
    """What :func:`reach_table` needs from a first look at the data.

    Attributes
    ----------
    present : tuple of bool
        Per model stage: its date column holds a date on or before ``as_of``.
    status : pandas.DataFrame
        ``value``, ``pos`` (model position, -1 unknown) and one bool column per
        :data:`~abm.funnel.models.DETOURS` (``det_lost``…), one row per
        distinct status value.
    """

    present: tuple[bool, ...]
    status: pd.DataFrame


def kept_leads(leads: Any, as_of: pd.Timestamp) -> Any:
    """Leads created on or before the as-of day, or undated."""
    created = day_of(leads, "created_at")
    return leads.filter(created.isnull() | (created <= as_date(as_of)))


def _dated(t: Any, column: str, as_of: pd.Timestamp) -> Any:
    d = day_of(t, column)
    return ibis.ifelse(d <= as_date(as_of), d, ibis.null().cast("date"))


def status_lookup(
    values: pd.Series, model: FunnelModel, stage_map: StageMap | None
) -> pd.DataFrame:
    """Model position and detours of each distinct status value (see :class:`ReachInputs`).

    ``stage_map`` ``None`` suggests one from the values, as
    :func:`abm.funnel.compute_reach` does.
    """
    distinct = pd.Series(values, dtype="string").dropna().drop_duplicates()
    smap = suggest_stage_map(distinct) if stage_map is None else stage_map
    table = smap.project(model)
    hits = [table.get(normalise_value(v), (-1, "")) for v in distinct.tolist()]
    out = pd.DataFrame(
        {"value": distinct.to_numpy(dtype=object), "pos": [h[0] for h in hits]}
    ).astype({"value": "string", "pos": "int64"})
    for name in DETOURS:
        out[f"det_{name}"] = [h[1] == name for h in hits]
    return out


def reach_inputs(
    execute: Any,
    leads: Any,
    model: FunnelModel,
    *,
    as_of: pd.Timestamp,
    stage_map: StageMap | None = None,
) -> ReachInputs:
    """Read ``present`` and the status table (two small queries through ``execute``).

    Parameters
    ----------
    execute : callable
        ``execute(expr, step=...) -> pandas.DataFrame`` (:meth:`abm.engine.Engine.execute`).
    leads : ibis.Table
    model : FunnelModel
    as_of : pandas.Timestamp
    stage_map : StageMap, optional
    """
    kept = kept_leads(leads, as_of)
    probes = {
        f"p{j}": _dated(kept, c, as_of).count()
        for j, c in enumerate(model.date_columns)
        if has(kept, c)
    }
    present = [False] * len(model.stages)
    if probes:
        row = execute(kept.aggregate(**probes), step="stage dates").iloc[0]
        present = [bool(f"p{j}" in probes and int(row[f"p{j}"]) > 0) for j in range(len(present))]
    cols = [c for c in STATUS_COLUMNS if has(kept, c)]
    values = pd.Series(dtype="string")
    if cols:
        parts = [kept.select(value=kept[c].cast("string")) for c in cols]
        union = ibis.union(*parts, distinct=True) if len(parts) > 1 else parts[0].distinct()
        values = execute(union, step="stage values")["value"]
    return ReachInputs(tuple(present), status_lookup(values, model, stage_map))


def _status(t: Any, lookup: Any) -> Any:
    """Join the lookup once per status column: ``_pos`` (max) and ``_sdet_*`` flags (or)."""
    t = t.mutate(
        _pos=ibis.literal(-1, type="int64"), **{f"_sdet_{d}": ibis.literal(False) for d in DETOURS}
    )
    for i, c in enumerate(STATUS_COLUMNS):
        if not has(t, c):
            continue
        names = {f"v{i}": "value", f"pos{i}": "pos", **{f"d{i}_{d}": f"det_{d}" for d in DETOURS}}
        lk = lookup.view().rename(**names)
        t = t.left_join(lk, t[c].cast("string") == lk[f"v{i}"])
        t = t.mutate(
            _pos=ibis.greatest(t._pos, t[f"pos{i}"].fill_null(-1)),
            **{f"_sdet_{d}": t[f"_sdet_{d}"] | t[f"d{i}_{d}"].fill_null(False) for d in DETOURS},
        )
        t = without(t, *names)
    return t


def deal_table(
    opportunities: Any, leads: Any, phases: Any, model: FunnelModel, *, as_of: Any
) -> Any:
    """Per lead with a linked deal on the as-of day: ``lead_row``, ``_dpos`` (the stage its
    deals place it at), ``_dopen`` (earliest creation day) and ``_dwon`` (earliest close day
    of a won one).

    :func:`abm.core.opportunities.person_deals` with :func:`abm.funnel.compute_reach`'s
    stage rule: a deal linked to a person (``link_rule`` a person rule where the column
    exists) through the ``lead_id`` it carries.

    Parameters
    ----------
    opportunities, leads : ibis.Table
        Opportunities; leads with ``lead_id`` and ``lead_row``.
    phases : ibis.Table
        :func:`abm.engine.accounts.phase_lookup`'s table registered in the engine.
    model : FunnelModel
    as_of : pandas.Timestamp
    """
    j_opp, j_won = deal_stages(model)
    t = opportunity_state(opportunities, phases, as_of=as_of)
    if has(t, "link_rule"):
        t = t.filter(t.link_rule.cast("string").isin(list(PERSON_RULES)))
    t = with_lead_row(t, leads)
    t = t.filter(t._k_row.notnull() & t.exists)
    closing = ibis.ifelse(t.won, day_of(t, "close_date"), ibis.null().cast("date"))
    g = t.group_by(lead_row=t._k_row).aggregate(
        _anywon=t.won.any(), _dopen=day_of(t, "created_at").min(), _dwon=closing.min()
    )
    on_won = max(j_won, j_opp) if j_won >= 0 else j_opp
    return g.select(
        "lead_row",
        _dpos=ibis.ifelse(g._anywon, on_won, j_opp).cast("int64"),
        _dopen=g._dopen,
        _dwon=g._dwon,
    )


def reach_table(
    leads: Any,
    lookup: Any,
    model: FunnelModel,
    inputs: ReachInputs,
    *,
    as_of: pd.Timestamp,
    strict: bool = True,
    deals: Any = None,
) -> Any:
    """Per-lead reach: ``lead_row``, ``created``, ``by_dates``, ``r0…`` (reached), ``skip``,
    ``out_of_order``, ``det_lost`` / ``det_recycled`` / ``det_disqualified`` and ``by_deal``.

    ``lookup`` is :attr:`ReachInputs.status` registered in the engine, ``deals``
    :func:`deal_table`'s (optional); the columns equal :func:`abm.funnel.compute_reach`'s
    ``rows``, ``created``, ``by_dates``, ``reached``, ``detour`` and ``by_deal``.
    """
    k, present = len(model.stages), inputs.present
    t = _status(kept_leads(leads, as_of), lookup)
    null_date = ibis.null().cast("date")
    days = {
        f"_d{j}": _dated(t, c, as_of) if has(t, c) else null_date
        for j, c in enumerate(model.date_columns)
    }
    t = t.mutate(_created=day_of(t, "created_at"), **days)
    later_cols = [j for j in range(1, k) if present[j]]
    has_dates = ibis.literal(False)
    for j in later_cols:
        has_dates = has_dates | t[f"_d{j}"].notnull()
    t = t.mutate(_has=has_dates)
    t = _with_deals(t, deals, model)
    if later_cols:  # an export with stage dates: a deal is one more dated stage
        t = t.mutate(_has=t._has | (t._dpos >= 0))
    later = ibis.literal(False)
    for j in range(k - 1, 0, -1):  # one column per stage, so each refers to the last by name
        s = model.stages[j]
        inferred = (t._pos == j) if s.optional else (t._pos >= j)
        if present[j]:
            dated = t[f"_d{j}"].notnull()
            if j in deal_stages(model):  # a deal's stage, even when the deal has no date
                dated = dated | (t._dpos >= j)
            seen = ibis.ifelse(t._has, dated, inferred)
        elif s.optional:
            seen = inferred
        else:
            seen = inferred | (t._has & later)
        t = t.mutate(**{f"_s{j}": seen})
        if not s.optional:
            t = t.mutate(**{f"_l{j}": later | t[f"_s{j}"]})
            later = t[f"_l{j}"]
    t = t.mutate(_s0=ibis.literal(True), _d0=t._d0.fill_null(t._created))
    by_dates = t._has | (ibis.literal(bool(later_cols)) & (t._pos <= 0))
    dets = {f"det_{d}": t[f"_sdet_{d}"] | _dated(t, f"{d}_at", as_of).notnull() for d in DETOURS}
    t = t.mutate(by_dates=by_dates, **dets, r0=t._s0)
    prev = model.previous_required()
    for j in range(1, k):
        if not strict:
            t = t.mutate(**{f"r{j}": t[f"_s{j}"]})
            continue
        p = prev[j]
        dj, dp = t[f"_d{j}"], t[f"_d{p}"]
        ok = dj.isnull() | dp.isnull() | (dj >= dp)
        t = t.mutate(**{f"r{j}": t[f"_s{j}"] & t[f"r{p}"] & ok})
    req = [j for j, s in enumerate(model.stages) if not s.optional]
    skip = ibis.literal(False)
    for i in range(len(req) - 1):
        after = ibis.literal(False)
        for m in req[i + 1 :]:
            after = after | t[f"_s{m}"]
        skip = skip | (~t[f"_s{req[i]}"] & after)
    ooo = ibis.literal(False)
    for j, p in enumerate(prev):
        if p >= 0:
            dj, dp = t[f"_d{j}"], t[f"_d{p}"]
            ooo = ooo | (dj.notnull() & dp.notnull() & (dj < dp)).fill_null(False)
    counted = ibis.literal(False)
    for j in {j for j in deal_stages(model) if j >= 0}:
        counted = counted | ((t._dpos == j) & t[f"r{j}"])
    t = t.mutate(skip=(skip & t._has), out_of_order=ooo, by_deal=t.by_deal & counted)
    keep = ["lead_row", "_created", "by_dates", *(f"r{j}" for j in range(k)), "skip",
            "out_of_order", *(f"det_{d}" for d in DETOURS), "by_deal"]  # fmt: skip
    return t.select(*keep).rename(created="_created")


def _with_deals(t: Any, deals: Any, model: FunnelModel) -> Any:
    """``t`` with ``_dpos`` (-1: no deal), ``by_deal``, ``_pos`` raised to it and the
    opportunity / won days its own dates leave unknown filled with the deals'."""
    if deals is None:
        return t.mutate(_dpos=ibis.literal(-1, type="int64"), by_deal=ibis.literal(False))
    k = len(model.stages)
    d = deals.rename(_dl_row="lead_row")
    t = t.left_join(d, t.lead_row == d._dl_row)
    t = without(t, "_dl_row")
    t = t.mutate(_dpos=t._dpos.fill_null(-1))
    own_top = ibis.literal(-1, type="int64")
    for j in range(k):
        own_top = t[f"_d{j}"].notnull().ifelse(ibis.literal(j, type="int64"), own_top)
    j_opp, j_won = deal_stages(model)
    filled = {
        f"_d{j}": t[f"_d{j}"].fill_null(t[c])
        for j, c in ((j_opp, "_dopen"), (j_won, "_dwon"))
        if j >= 0
    }
    t = t.mutate(
        by_deal=t._dpos > ibis.greatest(t._pos, own_top),
        _pos=ibis.greatest(t._pos, t._dpos),
        **filled,
    )
    return without(t, "_dopen", "_dwon")


def reach_counts(per_lead: Any, k: int) -> Any:
    """One row: ``n``, ``n_dates``, ``skipped``, ``out_of_order``, ``from_deals`` and ``r0…``
    (leads per stage)."""
    sums = {f"r{j}": per_lead[f"r{j}"].cast("int64").sum() for j in range(k)}
    return per_lead.aggregate(
        n=per_lead.count(),
        n_dates=per_lead.by_dates.cast("int64").sum(),
        skipped=per_lead.skip.cast("int64").sum(),
        out_of_order=per_lead.out_of_order.cast("int64").sum(),
        from_deals=per_lead.by_deal.cast("int64").sum(),
        **sums,
    )


def cohort_counts(per_lead: Any, k: int, *, period: str = "M") -> Any:
    """Leads per stage by creation period: ``cohort`` (period start, date), ``n``, ``r0…``.

    Undated leads belong to no cohort (as :meth:`abm.funnel.Reach.created_between`).
    """
    unit = {"M": "M", "Q": "Q", "W": "W", "Y": "Y"}[period]
    dated = per_lead.filter(per_lead.created.notnull())
    dated = dated.mutate(cohort=dated.created.truncate(unit))
    sums = {f"r{j}": dated[f"r{j}"].cast("int64").sum() for j in range(k)}
    return dated.group_by("cohort").aggregate(n=dated.count(), **sums).order_by("cohort")
