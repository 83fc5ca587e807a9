"""Per-lead engagement for the roll-up when the caller has no engagement score.

Each activity on or before ``as_of`` counts its kind's weight
(:data:`abm.core.activities.ENGAGEMENT_WEIGHTS`: the scoring model's default points over a
page view's — a page view 1, a pricing page 5, a webinar 10, a demo request 25; kinds
scoring takes points away for, a careers page or an unsubscribe, 0) in ``raw``, and that
weight times ``0.5 ** (age_days / half_life_days)`` in ``decayed`` (never above ``raw``).
So an account is engaged by what its people did, weighed as scoring weighs it (QA-S: twenty
people at a customer reading pages outranked four at a prospect on the pricing page who
asked for a demo). The tool's own doings (an e-mail sent, delivered or bounced, a list
joined, a score changed: kind ``other``, :data:`abm.core.activities.NOT_ENGAGEMENT`) and
e-mail opens (a mail client may fetch the image itself) weigh nothing and never date the
person's last activity (:data:`abm.core.activities.NOT_A_SIGN_OF_LIFE`: the "nothing new
happened" and stalled-pipeline notes read it); a sales touch weighs nothing either but
dates it. Without an activities table the MA tool's ``web_visits`` and ``conversions``
weigh as page views and form fills, and the leads' own ``last_activity_at`` stands for at
least one page view. A lead with visits or form fills but no last-activity date (BowNow's
CSV has none; a HubSpot view may leave the column out) counts them in full, undecayed: the
export's period is what the user chose, and the same person must not be engaged in one
tool's export and not in another's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.activities import ACTIVITY_KINDS, ENGAGEMENT_WEIGHTS
from abm.core.dates import day_end
from abm.engine.activity import KIND_WEIGHTS, SALES_KIND_MASK, SIGN_OF_LIFE
from abm.engine.table import ActivityTable, build_activity_table

__all__ = ["LeadEngagement", "lead_engagement"]

_NS_PER_DAY = 86_400 * 10**9
#: What a visit and a form fill counted by the MA tool weigh (no activity log).
_VISIT, _FORM = (ENGAGEMENT_WEIGHTS[ACTIVITY_KINDS.index(k)] for k in ("page_view", "form"))


@dataclass(frozen=True)
class LeadEngagement:
    """Per-lead engagement arrays aligned with the leads frame."""

    raw: np.ndarray
    decayed: np.ndarray
    #: Last activity per lead as int64 nanoseconds (``NaT`` as int64 min).
    last_ns: np.ndarray
    #: Whether the lead had a sales touch up to ``as_of``
    #: (:func:`abm.core.activities.is_sales_touch`, the rule every page uses).
    sales_touch: np.ndarray
    #: Activities up to ``as_of`` that matched no lead (counted, never silently dropped).
    unmatched_activities: int


def _age_weight(ts_ns: np.ndarray, as_of: pd.Timestamp, half_life_days: float) -> np.ndarray:
    age = (as_of.value - ts_ns) / _NS_PER_DAY
    return np.exp2(-np.clip(age, 0.0, None) / max(half_life_days, 1e-9))


def _ns(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    ts = pd.to_datetime(series, errors="coerce").astype("datetime64[ns]")
    valid = ts.notna().to_numpy()
    return ts.to_numpy().view(np.int64), valid


def _from_table(
    table: ActivityTable, n: int, as_of: pd.Timestamp, half_life_days: float
) -> LeadEngagement:
    """Weigh and decay the table's activities up to ``as_of`` (the table points into the leads)."""
    nat = np.iinfo(np.int64).min
    ts, valid = table.at.view(np.int64), ~np.isnat(table.at)
    pos = table.lead
    in_time = valid & (ts < day_end(as_of).value)  # the whole as-of day
    unmatched = int((in_time & (pos < 0)).sum())
    keep = in_time & (pos >= 0)
    pos_k, ts_k = pos[keep], ts[keep]
    kind_k = table.kind[keep]
    weight = KIND_WEIGHTS[kind_k]
    worth = weight > 0  # a sales touch, an e-mail open, the tool's doings: worth nothing
    pos_w, weight = pos_k[worth], weight[worth]
    raw = np.bincount(pos_w, weights=weight, minlength=n)
    decayed = np.bincount(
        pos_w, weights=weight * _age_weight(ts_k[worth], as_of, half_life_days), minlength=n
    )
    life = SIGN_OF_LIFE[kind_k]  # not the tool's doings, not an e-mail open
    last = np.full(n, nat, dtype=np.int64)
    np.maximum.at(last, pos_k[life], ts_k[life])  # the last thing the person did
    sales = np.zeros(n, dtype=bool)
    sales[pos_k[SALES_KIND_MASK[kind_k]]] = True
    return LeadEngagement(raw, decayed, last, sales, unmatched)


def lead_engagement(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    *,
    as_of: pd.Timestamp,
    half_life_days: float,
    table: ActivityTable | None = None,
) -> LeadEngagement:
    """Weigh and decay each lead's activities up to ``as_of``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (already restricted to ``as_of``).
    activities : pandas.DataFrame or None
        Canonical activities; ``None`` uses the leads' own activity columns.
        Read through the engine (:func:`abm.engine.table.build_activity_table`)
        unless ``table`` is given.
    as_of : pandas.Timestamp
        Reference date; later activities are ignored.
    half_life_days : float
        Days after which an activity counts half.
    table : ActivityTable, optional
        The dataset's activity table (built once per dataset); its leads may
        be a superset of ``leads`` (by index label). An empty table means no
        activity log, as ``activities=None``.

    Returns
    -------
    LeadEngagement
    """
    n = len(leads)
    nat = np.iinfo(np.int64).min
    if table is None and activities is not None and len(activities):
        table = build_activity_table(leads, activities)
    if table is not None and len(table):
        return _from_table(table.for_leads(leads), n, as_of, half_life_days)
    last = np.full(n, nat, dtype=np.int64)
    weights = {"web_visits": _VISIT, "conversions": _FORM}  # as the activity log weighs them
    total = sum(
        (
            pd.to_numeric(leads[c], errors="coerce").fillna(0).to_numpy(float) * w
            for c, w in weights.items()
            if c in leads.columns
        ),
        np.zeros(n),
    )
    raw, decayed = total.copy(), total.copy()  # undated counts: in full
    if "last_activity_at" in leads.columns:
        ts, valid = _ns(leads["last_activity_at"])
        ok = valid & (ts < day_end(as_of).value)
        count = np.maximum(_VISIT, total)  # a last activity is at least a page view
        raw = np.where(ok, count, np.where(valid, 0.0, total))  # dated after as_of: not yet
        decayed = np.where(ok, count * _age_weight(ts, as_of, half_life_days), raw)
        last = np.where(ok, ts, nat)
    return LeadEngagement(raw, decayed, last, np.zeros(n, dtype=bool), 0)
