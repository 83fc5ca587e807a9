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

from abm.core.keys import CONTACT_SEPARATOR, PERSON_RULES
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


def deal_table(opportunities: Any, leads: Any, phases: Any, *, as_of: pd.Timestamp) -> Any:
    """Per lead with a linked deal on the as-of day (:func:`abm.core.opportunities.person_deals`).

    A deal is linked to the person whose ``lead_id`` it carries (exact, else trimmed),
    and to each one its ``contact_ids`` lists (:func:`abm.core.keys.person_pairs`), but
    not to one its ``committee_ids`` lists (:func:`abm.core.keys.deal_person_pairs`),
    ``link_rule`` a person rule where the column exists: the engine reads prepared data,
    on which :func:`abm.pipeline.prepare` wrote every linked person's id (a frame never
    prepared, linked by e-mail only, is linked by pandas' reference and not here).

    Parameters
    ----------
    opportunities, leads : ibis.Table
        Opportunities; leads with ``lead_id`` and ``lead_row``.
    phases : ibis.Table
        :func:`abm.engine.accounts.phase_lookup`'s table registered in the engine.
    as_of : pandas.Timestamp
        The as-of day.

    Returns
    -------
    ibis.Table
        ``lead_row``, ``_dwonf`` (a deal is won), ``_dlost`` (every deal is lost),
        ``_dopen`` (earliest creation day) and ``_dwon`` (earliest close day of a won one).
    """
    t = opportunity_state(opportunities, phases, as_of=as_of)
    if has(t, "link_rule"):
        t = t.filter(t.link_rule.cast("string").isin(list(PERSON_RULES)))
    if has(t, "contact_ids"):  # a deal associated with several people reaches each of them
        listed = t.filter(t.contact_ids.notnull())
        each = listed.contact_ids.cast("string").split(CONTACT_SEPARATOR).unnest()
        t = t.union(listed.mutate(lead_id=each.cast(t.lead_id.type())), distinct=False)
    if has(t, "committee_ids"):  # but not its buying committee (a contact-role report's)
        committee = t.committee_ids.cast("string").split(CONTACT_SEPARATOR)
        on = committee.contains(t.lead_id.cast("string").strip())
        t = t.filter(t.committee_ids.isnull() | ~on.fill_null(False))
    t = with_lead_row(t, leads)
    t = t.filter(t._k_row.notnull() & t.exists)
    null_day = ibis.null().cast("date")
    opened = ibis.ifelse(t.exists, day_of(t, "created_at"), null_day)  # a column, dated or not
    closing = ibis.ifelse(t.won, day_of(t, "close_date"), null_day)
    g = t.group_by(lead_row=t._k_row).aggregate(
        _dwonf=t.won.any(), _dalive=(~t.lost).any(), _dopen=opened.min(), _dwon=closing.min()
    )
    return g.select("lead_row", "_dwonf", "_dopen", "_dwon", _dlost=~g._dalive)


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
    t = t.mutate(_has=has_dates, _d0=t._d0.fill_null(t._created))
    t = _with_deals(t, deals, model)
    j_opp, j_won = deal_stages(model)
    deal_flag = {j: f for j, f in ((j_opp, "_dg_opp"), (j_won, "_dg_won")) if j >= 0}
    later = ibis.literal(False)
    for j in range(k - 1, 0, -1):  # one column per stage, so each refers to the last by name
        s = model.stages[j]
        inferred = (t._pos == j) if s.optional else (ibis.greatest(t._pos, t._lift) >= j)
        if j in deal_flag:
            inferred = inferred | t[deal_flag[j]]
        if present[j]:
            dated = t[f"_d{j}"].notnull()
            if j in deal_flag:  # a deal's stage, even when the deal has no date
                dated = dated | t[deal_flag[j]]
            seen = ibis.ifelse(t._has, dated, inferred)
        elif s.optional:
            seen = inferred
        else:
            seen = inferred | (t._has & later)
        t = t.mutate(**{f"_s{j}": seen})
        if not s.optional:
            t = t.mutate(**{f"_l{j}": later | t[f"_s{j}"]})
            later = t[f"_l{j}"]
    t = t.mutate(_s0=ibis.literal(True))
    by_dates = t._has | (ibis.literal(bool(later_cols)) & (ibis.greatest(t._pos, t._lift) <= 0))
    dets = {f"det_{d}": t[f"_sdet_{d}"] | _dated(t, f"{d}_at", as_of).notnull() for d in DETOURS}
    dets["det_lost"] = dets["det_lost"] | t._dlost
    if deal_stages(model)[1] >= 0:  # counted at 受注, not also among its record's exits
        dets = {name: flag & ~t._dg_won for name, flag in dets.items()}
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
    counted = ibis.literal(False)  # at its deal's stage (strict mode: not after a skip)
    for j in deal_flag:
        counted = counted | ((t._dtop == j) & t[f"r{j}"])
    t = t.mutate(skip=(skip & t._has), out_of_order=ooo, by_deal=t.by_deal & counted)
    keep = ["lead_row", "_created", "by_dates", *(f"r{j}" for j in range(k)), "skip",
            "out_of_order", *(f"det_{d}" for d in DETOURS), "by_deal"]  # fmt: skip
    return t.select(*keep).rename(created="_created")


def _with_deals(t: Any, deals: Any, model: FunnelModel) -> Any:
    """``t`` with its linked deals (:func:`abm.funnel.compute_reach`'s ``_with_deals``):
    ``_dg_opp`` / ``_dg_won`` (a deal places it at that stage), ``_dtop`` (the highest,
    -1: none), ``by_deal`` (above its own record), ``_dlost`` (its deals all lost and
    its own record short of won), ``_lift`` (a lead without dates of its own reads its
    deals as a status that high) and the deal days where the deal adds the stage, no
    earlier than the lead's previous stage."""
    j_opp, j_won = deal_stages(model)
    if deals is None or max(j_opp, j_won) < 0:
        no, none = ibis.literal(False), ibis.literal(-1, type="int64")
        return t.mutate(_dg_opp=no, _dg_won=no, _dtop=none, by_deal=no, _dlost=no, _lift=none)
    d = deals.rename(_dl_row="lead_row")
    t = t.left_join(d, t.lead_row == d._dl_row)
    t = t.mutate(
        _dg_opp=t._dl_row.notnull(), _dg_won=t._dwonf.fill_null(False),
        _dlost=t._dlost.fill_null(False),
    )  # fmt: skip
    t = without(t, "_dl_row", "_dwonf")
    top = ibis.literal(-1, type="int64")
    for j, flag in ((j_opp, "_dg_opp"), (j_won, "_dg_won")):
        if j >= 0:
            top = t[flag].ifelse(ibis.greatest(top, ibis.literal(j, type="int64")), top)
    own_top = ibis.literal(-1, type="int64")
    for j in range(len(model.stages)):
        own_top = t[f"_d{j}"].notnull().ifelse(ibis.literal(j, type="int64"), own_top)
    own = ibis.greatest(t._pos, own_top)  # the highest stage its status or dates say
    lost = t._dlost & (own < j_won) if j_won >= 0 else t._dlost
    t = t.mutate(
        _dtop=top, by_deal=top > own, _own=own, _dlost=lost,
        _lift=t._has.ifelse(ibis.literal(-1, type="int64"), top),
    )  # fmt: skip
    prev = model.previous_required()
    for j, flag, day in ((j_opp, "_dg_opp", "_dopen"), (j_won, "_dg_won", "_dwon")):
        if j < 0:
            continue  # one stage at a time: the won day reads the opportunity day written
        dd = t[day]
        if prev[j] >= 0:
            before = t[f"_d{prev[j]}"]
            dd = (dd.notnull() & before.notnull() & (dd < before)).ifelse(before, dd)
        t = t.mutate(**{f"_d{j}": (t[flag] & (t._own < j)).ifelse(dd, t[f"_d{j}"])})
    return without(t, "_dopen", "_dwon", "_own")


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
