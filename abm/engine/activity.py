"""Activities → compact engagement tables, written once as Ibis expressions.

The activity log is the largest table (hundreds of millions of rows at a large
enterprise). The engine reduces it once to **counts per lead × kind × time
bucket** (a day, or a week); everything interactive — a half-life slider,
kind weights, engaged contacts — re-weights that compact table in pandas
(:func:`lead_engagement_from_counts`) without touching the log again.

Kinds come from :mod:`abm.core.activities`, the one vocabulary every page uses.
The rules are Python regular expressions, so they run once per *distinct*
``(type, url, origin)`` (:func:`classify_kinds`: a few thousand values, not a
hundred million rows) and the codes are joined back inside the engine
(:func:`with_kinds`). Missing text and ``""`` classify alike, so the join keys
are the values with NULL as ``""``.

An activity belongs to the lead whose ``lead_id`` it carries:
:func:`abm.pipeline.prepare` wrote the linked person's id on every activity it
linked (by id, id list, Salesforce id, e-mail or name + account), so the
engine joins on that id only. Rows without a person are counted
(:func:`unmatched_activities`), never silently dropped.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from abm.core.activities import (
    ACTIVITY_KINDS,
    ENGAGEMENT_WEIGHTS,
    NOT_A_SIGN_OF_LIFE,
    SALES_KINDS,
    activity_kind_codes,
)
from abm.core.dates import day_end
from abm.engine._cols import as_ts, col, has, ident, text, without

__all__ = [
    "BUCKETS",
    "KIND_KEYS",
    "KIND_WEIGHTS",
    "NO_LIFE_KIND_CODES",
    "OTHER_KIND_CODE",
    "SALES_KIND_CODES",
    "SALES_KIND_MASK",
    "SIGN_OF_LIFE",
    "account_engagement_counts",
    "account_touches",
    "classify_kinds",
    "engagement_counts",
    "kind_keys",
    "lead_engagement_from_counts",
    "lead_keys",
    "unmatched_activities",
    "with_kinds",
    "with_lead_row",
]

#: Time buckets of the compact table: Ibis ``truncate`` units.
BUCKETS: dict[str, str] = {"day": "D", "week": "W"}
#: Columns of the distinct-kind table (:func:`classify_kinds`).
KIND_KEYS: tuple[str, ...] = ("k_type", "k_url", "k_origin")
_NS_PER_DAY = 86_400 * 10**9
#: Per kind code: whether the kind is a sales touch (:data:`abm.core.activities.SALES_KINDS`).
SALES_KIND_MASK: np.ndarray = np.array([k in SALES_KINDS for k in ACTIVITY_KINDS])
#: Per kind code: its weight in engagement (:data:`abm.core.activities.ENGAGEMENT_WEIGHTS`).
KIND_WEIGHTS: np.ndarray = np.array(ENGAGEMENT_WEIGHTS, dtype=np.float64)
#: Per kind code: whether it dates a person's last activity
#: (:data:`abm.core.activities.NOT_A_SIGN_OF_LIFE` does not).
SIGN_OF_LIFE: np.ndarray = np.array([k not in NOT_A_SIGN_OF_LIFE for k in ACTIVITY_KINDS])
#: The codes of the sales-touch kinds, for the expressions (``kind.isin(SALES_KIND_CODES)``).
SALES_KIND_CODES: list[int] = [int(i) for i in np.flatnonzero(SALES_KIND_MASK)]
#: The code of kind ``other`` (the tool's own doings: an e-mail sent, a list joined): no
#: engagement (:mod:`abm.accounts.engagement`).
OTHER_KIND_CODE: int = ACTIVITY_KINDS.index("other")
#: The codes of the kinds that never date a person's last activity
#: (:data:`abm.core.activities.NOT_A_SIGN_OF_LIFE`).
NO_LIFE_KIND_CODES: list[int] = [int(i) for i in np.flatnonzero(~SIGN_OF_LIFE)]


def _keys(activities: Any) -> dict[str, Any]:
    return {
        k: col(activities, c, "string").cast("string").fill_null("")
        for k, c in zip(KIND_KEYS, ("activity_type", "url", "origin"), strict=True)
    }


def kind_keys(activities: Any) -> Any:
    """Distinct ``(type, url, origin)`` of the log, NULL as ``""`` (columns :data:`KIND_KEYS`)."""
    return activities.select(**_keys(activities)).distinct()


def classify_kinds(distinct: pd.DataFrame) -> pd.DataFrame:
    """Kind code of each distinct ``(type, url, origin)`` (:func:`abm.core.activities.activity_kind_codes`).

    Parameters
    ----------
    distinct : pandas.DataFrame
        Output of :func:`kind_keys` (not modified).

    Returns
    -------
    pandas.DataFrame
        :data:`KIND_KEYS` and ``kind`` (int8 code into
        :data:`abm.core.activities.ACTIVITY_KINDS`).
    """
    keys = {k: distinct[k].astype("string") for k in KIND_KEYS}
    codes = activity_kind_codes(keys["k_type"], keys["k_url"], keys["k_origin"])
    return pd.DataFrame({**keys, "kind": codes.astype(np.int8)})


def with_kinds(activities: Any, kinds: Any) -> Any:
    """The activities with their ``kind`` code, joined from the classified distinct keys."""
    keyed = activities.mutate(**_keys(activities))
    cond = [keyed[k] == kinds[k] for k in KIND_KEYS]
    joined = keyed.left_join(kinds, cond)
    drop = [c for c in joined.columns if c in KIND_KEYS or c.endswith("_right")]
    return without(joined, *drop)


def lead_keys(leads: Any) -> Any:
    """``lead_id`` (trimmed) → ``lead_row``: the first lead row carrying each id."""
    keyed = leads.select(lead_id=text(leads, "lead_id"), lead_row=leads.lead_row)
    keyed = keyed.filter(keyed.lead_id.notnull())
    return keyed.group_by("lead_id").aggregate(lead_row=keyed.lead_row.min())


def with_lead_row(t: Any, leads: Any) -> Any:
    """``t`` with ``_k_row``: the lead row of each row's ``lead_id`` (:func:`lead_keys`), NULL if none.

    The id is matched as written first, and trimmed only on the rows that
    missed: an id equal to a trimmed key has no space to trim, so the result
    is the trimmed match's, but the engine trims a few rows instead of every
    row of the log (a text function is most of a join's cost on DuckDB).

    Parameters
    ----------
    t : ibis.Table
        Rows with ``lead_id`` (every row is NULL when the column is absent).
    leads : ibis.Table
        Leads with ``lead_id`` and ``lead_row``.

    Returns
    -------
    ibis.Table
        ``t``'s columns and ``_k_row`` (int64).
    """
    import ibis

    if not has(t, "lead_id"):
        return t.mutate(_k_row=ibis.null().cast("int64"))
    keys = lead_keys(leads)
    exact = keys.rename(_k_id1="lead_id", _k_row1="lead_row")
    j = t.left_join(exact, t.lead_id.cast("string") == exact._k_id1)
    missed = j._k_row1.isnull() & j.lead_id.notnull()
    j = j.mutate(_k_lid2=missed.ifelse(text(j, "lead_id"), ibis.null().cast("string")))
    trimmed = keys.rename(_k_id2="lead_id", _k_row2="lead_row")
    j = j.left_join(trimmed, j._k_lid2 == trimmed._k_id2)
    j = j.mutate(_k_row=j._k_row1.fill_null(j._k_row2).cast("int64"))
    return without(j, "_k_id1", "_k_row1", "_k_lid2", "_k_id2", "_k_row2")


def _in_time(activities: Any, as_of: pd.Timestamp) -> Any:
    ts = activities.timestamp.cast("timestamp")
    return activities.filter(ts.notnull() & (ts < as_ts(day_end(as_of))))  # the whole as-of day


def engagement_counts(
    activities: Any, leads: Any, *, as_of: pd.Timestamp, bucket: str = "day"
) -> Any:
    """Counts per ``lead_row`` × ``kind`` × bucket of the activities up to ``as_of``.

    Parameters
    ----------
    activities : ibis.Table
        Activities with ``kind`` (:func:`with_kinds`), ``lead_id`` and ``timestamp``.
    leads : ibis.Table
        Leads with ``lead_id`` and ``lead_row``.
    as_of : pandas.Timestamp
        Activities after this instant are left out (as :func:`abm.accounts.engagement.lead_engagement`).
    bucket : {"day", "week"}
        Bucket of ``bucket_start`` (weeks start on Monday).

    Returns
    -------
    ibis.Table
        ``lead_row`` (int64), ``kind`` (int8), ``bucket_start`` (date), ``n``
        (int64), ``last_at`` (latest timestamp in the group).
    """
    acts = _in_time(activities, as_of)
    acts = with_lead_row(acts.mutate(_ts=acts.timestamp.cast("timestamp")), leads)
    j = acts.filter(acts._k_row.notnull())
    j = j.mutate(lead_row=j._k_row)
    j = j.mutate(bucket_start=j._ts.truncate(BUCKETS[bucket]).date())
    return j.group_by(["lead_row", "kind", "bucket_start"]).aggregate(
        n=j.count(), last_at=j._ts.max()
    )


def unmatched_activities(activities: Any, leads: Any, *, as_of: pd.Timestamp) -> Any:
    """Number of activities up to ``as_of`` whose ``lead_id`` names none of ``leads`` (a scalar)."""
    acts = _in_time(activities, as_of)
    acts = with_lead_row(acts, leads)
    return acts.filter(acts._k_row.isnull()).count()


def account_engagement_counts(counts: Any, leads: Any) -> Any:
    """The compact table rolled up to ``account_id`` × ``kind`` × bucket (leads' accounts)."""
    acc = leads.select(lead_row=leads.lead_row, account_id=ident(leads, "account_id"))
    j = counts.join(acc, "lead_row")
    j = j.filter(j.account_id.notnull())
    return j.group_by(["account_id", "kind", "bucket_start"]).aggregate(
        n=j.n.sum(), contacts=j.lead_row.nunique(), last_at=j.last_at.max()
    )


def lead_engagement_from_counts(
    counts: pd.DataFrame,
    n_leads: int,
    *,
    as_of: pd.Timestamp,
    half_life_days: float,
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Per-lead engagement from the compact table: what a slider re-weights, in pandas.

    Each bucket counts ``n`` (times its kind's weight) and decays by its age
    ``(as_of − bucket_start)`` in days: at day buckets this is
    :func:`abm.accounts.engagement.lead_engagement` with each activity at the
    start of its day.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of :func:`engagement_counts` (not modified).
    n_leads : int
        Rows of the result (``lead_row`` in ``range(n_leads)``).
    as_of : pandas.Timestamp
    half_life_days : float
    weights : dict, optional
        Kind name → weight (missing kinds weigh 0); when omitted each kind weighs as the
        roll-up weighs it (:data:`abm.core.activities.ENGAGEMENT_WEIGHTS`).

    Returns
    -------
    pandas.DataFrame
        ``raw``, ``decayed`` (float64), ``last_at`` (datetime64[ns]),
        ``sales_touch`` (bool), one row per lead.
    """
    rows = counts["lead_row"].to_numpy(dtype=np.int64)
    kind = counts["kind"].to_numpy(dtype=np.int64)
    n = counts["n"].to_numpy(dtype=np.float64)
    if weights is None:
        n = n * KIND_WEIGHTS[kind]
    else:
        table = np.array([float(weights.get(k, 0.0)) for k in ACTIVITY_KINDS])
        n = n * table[kind]
    start = pd.to_datetime(counts["bucket_start"]).to_numpy(dtype="datetime64[ns]").view(np.int64)
    age = (pd.Timestamp(as_of).value - start) / _NS_PER_DAY
    decay = np.exp2(-np.clip(age, 0.0, None) / max(half_life_days, 1e-9))
    nat = np.iinfo(np.int64).min
    last = np.full(n_leads, nat, dtype=np.int64)
    if len(rows):
        ts = pd.to_datetime(counts["last_at"]).to_numpy(dtype="datetime64[ns]").view(np.int64)
        did = SIGN_OF_LIFE[kind]  # the last thing the person did, not the tool
        np.maximum.at(last, rows[did], ts[did])
    touch = np.zeros(n_leads, dtype=bool)
    touch[rows[SALES_KIND_MASK[kind]]] = True
    return pd.DataFrame(
        {
            "raw": np.bincount(rows, weights=n, minlength=n_leads),
            "decayed": np.bincount(rows, weights=n * decay, minlength=n_leads),
            "last_at": last.view("datetime64[ns]"),
            "sales_touch": touch,
        }
    )


def account_touches(activities: Any, *, as_of: pd.Timestamp) -> Any:
    """Per account, the activities linked to it alone (``link_rule`` ``account``: a call to
    someone not among the leads) up to ``as_of``: ``_x_last`` (the latest) and
    ``_x_touch`` (one is a sales touch). They date the account's last activity and mark it
    sales-touched, as the account story shows them (QA-F); no person's engagement counts
    them.

    Parameters
    ----------
    activities : ibis.Table
        Prepared activities with ``kind``, ``link_rule`` and ``account_id``.
    as_of : pandas.Timestamp

    Returns
    -------
    ibis.Table or None
        ``account_id``, ``_x_last``, ``_x_touch``; None when the activities carry no
        ``link_rule`` or ``account_id``.
    """
    if not {"link_rule", "account_id", "kind"} <= set(activities.columns):
        return None
    acts = _in_time(activities, as_of)
    acts = acts.filter((acts.link_rule.cast("string") == "account") & acts.account_id.notnull())
    return acts.group_by(acts.account_id.cast("string").name("account_id")).aggregate(
        _x_last=acts.timestamp.cast("timestamp").max(),
        _x_touch=acts.kind.isin(SALES_KIND_CODES).any(),
    )
