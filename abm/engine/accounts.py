"""Opportunity state and the account roll-up's inputs as Ibis expressions.

:func:`opportunity_state` is :func:`abm.core.opportunities.state_at` — flags
win over phases, days not instants, a won deal without a close date is
closed — with the phase words looked up in Python once per distinct phase
(:func:`phase_lookup`) and joined back. :func:`rollup_inputs` gives, per
account, what :func:`abm.accounts.rollup_accounts` sums from the large tables
(contacts, MQLs, activities weighed by kind, last activity, sales touches, open pipeline,
wins, customer flags); the slider-dependent parts (decayed engagement,
engaged contacts, tiers) stay in pandas on the compact tables.

Accounts are the ``account_id`` :func:`abm.pipeline.prepare` wrote on the rows
(名寄せ's account, ``crm:`` or ``co:``; missing for a lead that names no company, which
no account counts): the engine never re-links.
"""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

from abm.core.activities import ENGAGEMENT_WEIGHTS
from abm.core.dates import day_end
from abm.core.opportunities import phase_named
from abm.core.phases import PhaseVocabulary
from abm.engine._cols import as_date, as_ts, col, day_of, flag, has, ident, text, without
from abm.engine.activity import NO_LIFE_KIND_CODES, SALES_KIND_CODES

__all__ = ["opportunity_outcome", "opportunity_state", "phase_lookup", "rollup_inputs"]


def phase_lookup(stages: pd.Series, vocabulary: PhaseVocabulary | None = None) -> pd.DataFrame:
    """What each distinct phase says, as a small table an engine joins on.

    Parameters
    ----------
    stages : pandas.Series
        The phases (any repeats, missing values).
    vocabulary : PhaseVocabulary, optional
        Phase words (defaults when omitted).

    Returns
    -------
    pandas.DataFrame
        One row per distinct phase: ``stage``, ``said`` (``won``/``lost``/``open``/NA)
        and ``named`` (it names a phase: :func:`abm.core.opportunities.phase_named`).
    """
    distinct = pd.Series(stages, dtype="string").dropna().drop_duplicates().reset_index(drop=True)
    said = (vocabulary or PhaseVocabulary()).outcomes(distinct)
    named = phase_named(distinct.to_frame("stage"))
    return pd.DataFrame({"stage": distinct, "said": said.astype("string"), "named": named})


def opportunity_outcome(opps: Any, phases: Any) -> Any:
    """``opps`` with ``_outcome``: the export's ``outcome`` where given, else the core rule.

    The rule of :func:`abm.core.opportunities.outcomes`, as an expression (parity-tested).

    Parameters
    ----------
    opps : ibis.Table
        Opportunities on the engine.
    phases : ibis.Table
        :func:`phase_lookup`'s table registered in the engine.

    Returns
    -------
    ibis.Table
        ``opps`` with ``_outcome`` (``won``/``lost``/``open``).
    """
    if has(opps, "stage"):
        lk = phases.rename(_ph_stage="stage", _said="said", _named="named")
        opps = without(opps.left_join(lk, opps.stage.cast("string") == lk._ph_stage), "_ph_stage")
        said = opps._said
        named = opps._named.fill_null(False)
    else:
        said = ibis.null().cast("string")
        named = ibis.literal(False)
    won = col(opps, "is_won", "boolean").cast("boolean")
    closed = col(opps, "is_closed", "boolean").cast("boolean")
    w_true, w_false = won.fill_null(False), (~won).fill_null(False)
    c_true, c_false = closed.fill_null(False), (~closed).fill_null(False)
    said_won, said_lost = (said == "won").fill_null(False), (said == "lost").fill_null(False)
    said_open = (said == "open").fill_null(False)
    derived = ibis.cases(
        (w_true, "won"),
        (c_true & w_false, "lost"),
        (c_true & said_won, "won"),
        (c_true, "lost"),
        (c_false, "open"),
        (w_false & said_open, "open"),  # is_won false, closed unknown, phase open
        (w_false & said.isnull() & named, "open"),  # … or a phase Mori does not know
        (w_false, "lost"),
        (said_won, "won"),
        (said_lost, "lost"),
        else_="open",
    )
    given = text(opps, "outcome")
    return opps.mutate(_outcome=given.fill_null(derived))


def opportunity_state(opps: Any, phases: Any, *, as_of: pd.Timestamp) -> Any:
    """``opps`` with ``exists``, ``open``, ``won``, ``lost`` (booleans) on the as-of day."""
    t = opportunity_outcome(opps, phases)
    day = as_date(as_of)
    created, closing = day_of(t, "created_at"), day_of(t, "close_date")
    exists = created.isnull() | (created <= day)
    closed_by = closing.isnull() | (closing <= day)
    won = exists & closed_by & (t._outcome == "won")
    lost = exists & closed_by & (t._outcome == "lost")
    return t.mutate(exists=exists, won=won, lost=lost, open=exists & ~won & ~lost)


def _kind_weight(kind: Any) -> Any:
    """An expression of each kind code's weight in engagement
    (:data:`abm.core.activities.ENGAGEMENT_WEIGHTS`; kinds worth nothing give 0).

    Parameters
    ----------
    kind : ibis.Value
        Kind codes (positions in :data:`abm.core.activities.ACTIVITY_KINDS`).

    Returns
    -------
    ibis.Value
        ``float64``.
    """
    worth = [(int(k), float(w)) for k, w in enumerate(ENGAGEMENT_WEIGHTS) if w]
    return ibis.cases(*((kind == k, w) for k, w in worth), else_=0.0).cast("float64")


def _lead_side(leads: Any, counts: Any, as_of: pd.Timestamp) -> Any:
    end = as_ts(day_end(as_of))  # the whole as-of day counts
    created = col(leads, "created_at", "timestamp").cast("timestamp")
    kept = leads.filter(created.isnull() | (created < end))

    def dated(c: str) -> Any:
        return (col(kept, c, "timestamp").cast("timestamp") < end).fill_null(False)

    per_lead = counts.group_by("lead_row").aggregate(
        # each kind weighed as scoring weighs it (the tool's own doings: 0)
        _raw=(counts.n.cast("float64") * _kind_weight(counts.kind)).sum(),
        _last=counts.last_at.max(where=~counts.kind.isin(NO_LIFE_KIND_CODES)),
        _touch=counts.kind.isin(SALES_KIND_CODES).any(),
    )
    k = kept.mutate(
        account_id=ident(kept, "account_id"),
        _mql=dated("mql_at"),
        _dated_touch=dated("sal_at") | dated("sql_at") | dated("opportunity_at"),
        _won=dated("won_at"),
    )
    k = k.left_join(per_lead, "lead_row")
    k = k.filter(k.account_id.notnull())
    return k.group_by("account_id").aggregate(
        contacts=k.count(),
        mql_count=k._mql.cast("int64").sum(),
        engagement_sum=k._raw.fill_null(0.0).sum().cast("float64"),
        last_activity_at=k._last.max(),
        _l_touch=(k._touch.fill_null(False) | k._dated_touch).any(),
        _l_customer=k._won.any(),
    )


def rollup_inputs(
    leads: Any,
    counts: Any,
    *,
    opportunities: Any = None,
    accounts: Any = None,
    phases: Any = None,
    as_of: pd.Timestamp,
    touches: Any = None,
) -> Any:
    """Per-account inputs of the roll-up, from the large tables.

    Parameters
    ----------
    leads : ibis.Table
        Prepared leads with ``lead_row`` and ``account_id``.
    counts : ibis.Table
        :func:`abm.engine.activity.engagement_counts` against the leads created
        by ``as_of`` (an empty table when there is no activity log).
    opportunities, accounts : ibis.Table, optional
    phases : ibis.Table, optional
        :func:`phase_lookup`'s table (needed with opportunities).
    as_of : pandas.Timestamp
    touches : ibis.Table, optional
        :func:`abm.engine.activity.account_touches`: activities linked to an account
        alone date its last activity and mark it sales-touched.

    Returns
    -------
    ibis.Table
        ``account_id``, ``contacts``, ``mql_count``, ``engagement_sum``,
        ``last_activity_at``, ``sales_touched``, ``open_pipeline``,
        ``open_opportunities``, ``won_revenue``, ``is_customer`` — one row per
        account any table names (as :func:`abm.accounts.rollup_accounts`).
    """
    sides = [_lead_side(leads, counts, as_of)]
    if opportunities is not None:
        o = opportunity_state(opportunities, phases, as_of=as_of)
        amount = col(o, "amount", "float64").cast("float64").fill_null(0.0)
        o = o.mutate(account_id=ident(o, "account_id"), _amount=amount)
        o = o.filter(o.account_id.notnull())
        sides.append(
            o.group_by("account_id").aggregate(
                open_pipeline=o.open.ifelse(o._amount, 0.0).sum(),
                open_opportunities=o.open.cast("int64").sum(),
                won_revenue=o.won.ifelse(o._amount, 0.0).sum(),
                _o_customer=o.won.any(),
                _o_touch=o.exists.any(),
            )
        )
    if accounts is not None:
        a = accounts.mutate(
            account_id=ident(accounts, "account_id"), _c=flag(accounts, "is_customer")
        )
        a = a.filter(a.account_id.notnull())
        sides.append(a.group_by("account_id").aggregate(_a_customer=a._c.any()))
    ids = ibis.union(*[s.select("account_id") for s in sides], distinct=True)
    if touches is not None:  # they date accounts other tables name; they make none
        sides.append(touches)
    out = ids
    for s in sides:
        out = out.left_join(s, "account_id")
        out = without(out, *[c for c in out.columns if c.endswith("_right")])

    def get(name: str, dtype: str, default: Any) -> Any:
        return out[name].fill_null(default) if name in out.columns else ibis.literal(default, dtype)

    touched = (
        get("_l_touch", "boolean", False)
        | get("_o_touch", "boolean", False)
        | get("_x_touch", "boolean", False)
    )
    last = out.last_activity_at if "last_activity_at" in out.columns else None
    if "_x_last" in out.columns:
        x = out._x_last  # NULL on either side: the other (greatest of NULL is NULL somewhere)
        last = x if last is None else ibis.greatest(ibis.coalesce(last, x), ibis.coalesce(x, last))
    customer = (
        get("_l_customer", "boolean", False)
        | get("_o_customer", "boolean", False)
        | get("_a_customer", "boolean", False)
    )
    return out.select(
        "account_id",
        contacts=get("contacts", "int64", 0),
        mql_count=get("mql_count", "int64", 0),
        engagement_sum=get("engagement_sum", "float64", 0.0),
        last_activity_at=last,
        sales_touched=touched,
        open_pipeline=get("open_pipeline", "float64", 0.0),
        open_opportunities=get("open_opportunities", "int64", 0),
        won_revenue=get("won_revenue", "float64", 0.0),
        is_customer=customer,
    )
