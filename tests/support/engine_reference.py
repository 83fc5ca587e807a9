"""Pandas references for what the engine computes in the product (parity tests only).

The product reads activities through the engine once per dataset
(:func:`abm.engine.table.build_activity_table`); these are the pandas loops it
replaced, kept word for word as the referee: each activity's lead by
:func:`abm.core.keys.lead_positions`, its kind by
:func:`abm.core.activities.activity_kind_codes`, a sales touch's result by
:func:`abm.core.activities.activity_results`, then the counts and decay.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.activities import (
    ACTIVITY_KINDS,
    DEFAULT_ACTIVITY_POINTS,
    RESULTS,
    SALES_KINDS,
    activity_kind_codes,
    activity_results,
    is_sales_touch,
)
from abm.core.keys import lead_positions

_DAY_NS = 86_400 * 10**9
_SALES = np.array([k in SALES_KINDS for k in ACTIVITY_KINDS])


def result_codes(acts: pd.DataFrame, kind: np.ndarray) -> np.ndarray:
    """Result code of each sales touch (-1: not a sales touch, or no result said)."""
    if "result" not in acts.columns or not len(acts):
        return np.full(len(acts), -1, dtype=np.int8)
    codes, uniques = pd.factorize(activity_results(acts["result"]), use_na_sentinel=True)
    table = np.array([RESULTS.index(u) for u in uniques] + [-1], dtype=np.int8)
    return np.where(_SALES[kind], table[codes], -1).astype(np.int8)


def next_midnight(as_of: pd.Timestamp) -> pd.Timestamp:
    """Events count up to the as-of date at any time of that day: before the next midnight."""
    return as_of.normalize() + pd.Timedelta(days=1)


def scoring_links(leads: pd.DataFrame, acts: pd.DataFrame | None, as_of: pd.Timestamp) -> dict:
    """What :func:`abm.scoring.build_features` linked in pandas: ``act_*`` arrays and counts."""
    empty = np.zeros(0, dtype=np.int32)
    if acts is None or len(acts) == 0:
        counts = {"linked": 0, "unlinked": 0, "after_as_of": 0, "no_timestamp": 0}
        return {
            "act_lead": empty,
            "act_kind": empty.astype(np.int8),
            "act_age": empty.astype(np.float32),
            "act_result": empty.astype(np.int8),
            "counts": counts,
        }
    pos = lead_positions(acts, leads)
    ts = pd.to_datetime(acts["timestamp"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    no_ts = np.isnat(ts)
    age_ns = as_of.to_datetime64().astype("datetime64[ns]").astype(np.int64) - ts.astype(np.int64)
    age = (np.clip(age_ns, 0, None) / _DAY_NS).astype(np.float32)
    future = ~no_ts & (ts >= next_midnight(as_of).to_datetime64())  # the whole as-of day counts
    ok = (pos >= 0) & ~no_ts & ~future
    kind = activity_kind_codes(acts["activity_type"], acts.get("url"), acts.get("origin"))
    result = result_codes(acts, kind)
    counts = {
        "linked": int(ok.sum()),
        "unlinked": int(((pos < 0) & ~no_ts & ~future).sum()),
        "after_as_of": int(future.sum()),
        "no_timestamp": int(no_ts.sum()),
    }
    return {
        "act_lead": pos[ok].astype(np.int32),
        "act_kind": kind[ok],
        "act_age": age[ok],
        "act_result": result[ok],
        "counts": counts,
    }


def lead_engagement(
    leads: pd.DataFrame, activities: pd.DataFrame, *, as_of: pd.Timestamp, half_life_days: float
) -> dict[str, np.ndarray | int]:
    """The accounts' per-lead engagement from an activity log, in pandas: every activity the
    person did weighs its kind's default points over a page view's (none below 0; kind
    ``other``, the tool's own doings, and sales touches weigh nothing), and the last of them
    that is neither the tool's doing nor an e-mail open is the person's last activity."""
    n = len(leads)
    ts_s = pd.to_datetime(activities["timestamp"], errors="coerce").astype("datetime64[ns]")
    valid = ts_s.notna().to_numpy()
    ts = ts_s.to_numpy().view(np.int64)
    pos = lead_positions(activities, leads)
    in_time = valid & (ts < next_midnight(as_of).value)
    keep = in_time & (pos >= 0)
    pos_k, ts_k = pos[keep], ts[keep]
    kinds = activity_kind_codes(
        activities["activity_type"], activities.get("url"), activities.get("origin")
    )
    life = np.array([k not in ("other", "email_open") for k in ACTIVITY_KINDS])
    did = life[kinds[keep]]
    points = [max(DEFAULT_ACTIVITY_POINTS.get(k, 0.0), 0.0) for k in ACTIVITY_KINDS]
    kind_w = np.array(points) / DEFAULT_ACTIVITY_POINTS["page_view"]
    w = kind_w[kinds[keep]]
    worth = w > 0
    age = (as_of.value - ts_k[worth]) / _DAY_NS
    decay = np.exp2(-np.clip(age, 0.0, None) / max(half_life_days, 1e-9))
    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, pos_k[did], ts_k[did])
    sales = np.zeros(n, dtype=bool)
    sales[pos_k[is_sales_touch(activities)[keep]]] = True
    return {
        "raw": np.bincount(pos_k[worth], weights=w[worth], minlength=n),
        "decayed": np.bincount(pos_k[worth], weights=w[worth] * decay, minlength=n),
        "last_ns": last,
        "sales_touch": sales,
        "unmatched": int((in_time & (pos < 0)).sum()),
    }
