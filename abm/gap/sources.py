"""The source truth table: what marketing reports next to what sales gets.

Per lead source (or campaign): leads, MQLs (what marketing reports) next to
SALs, opportunities, open pipeline and won revenue (what sales gets), with
cost per outcome when costs are known — a ``cost`` column on the leads or
user-entered costs per value.

Lead counts are the funnel's cohort counts (leads created in the window, as
counted by its :class:`~abm.funnel.Reach`); opportunity figures come from
:func:`abm.funnel.pipeline_summary` per group, so totals match the funnel page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from abm.core.channels import RENAMED_CHANNELS, channel_keys, renamed_channel
from abm.core.keys import person_positions
from abm.funnel import Reach, pipeline_summary
from abm.gap._common import UNKNOWN, group_text, number, stage_index, text

__all__ = [
    "SOURCE_COLUMNS",
    "cost_groups",
    "group_values",
    "opportunity_groups",
    "read_costs",
    "renamed_costs",
    "source_truth_table",
]

#: Columns of :func:`source_truth_table`, in display order.
SOURCE_COLUMNS: tuple[str, ...] = (
    "leads",
    "mql",
    "sal",
    "sal_rate",
    "opportunities",
    "pipeline",
    "won",
    "won_revenue",
    "cost",
    "cost_per_lead",
    "cost_per_mql",
    "cost_per_sal",
    "cost_per_opportunity",
    "cost_per_won",
)


def group_values(leads: pd.DataFrame, by: str) -> pd.Series:
    """Group value of each lead for :func:`source_truth_table` (missing stays missing).

    ``lead_source`` by channel (:func:`abm.core.channels.channel_keys`), ``campaign`` as
    written (trimmed).
    """
    return group_text(leads, by)


def opportunity_groups(
    opportunities: pd.DataFrame, leads: pd.DataFrame, by: str = "lead_source"
) -> pd.Series:
    """Group value of each opportunity, as its lead is grouped.

    A deal linked to a person (:func:`abm.core.keys.person_positions`: ``lead_id``, then
    e-mail; a deal :func:`abm.pipeline.prepare` linked to a company only is nobody's)
    counts under that lead's group — for ``lead_source`` the lead's channel
    (:func:`abm.core.channels.lead_channels`), as the leads are counted, ``"(unknown)"``
    when the lead has none. Only a deal linked to no lead falls back to its own
    ``lead_source`` (by channel, :func:`abm.core.channels.channel_keys`: the CRM's ``Web``
    and the MA tool's ``Webサイト`` are one group): the opportunity report's source
    picklist (既存顧客, 電話…) is another list than the MA tool's 元のソース, so grouping
    linked deals by it left every marketing source with no deal. ``campaign`` comes from
    the lead only. Unknown -> ``"(unknown)"``.
    """
    pos = person_positions(opportunities, leads) if len(leads) else np.full(len(opportunities), -1)
    linked = pos >= 0
    lead_val = group_text(leads, by).fillna(UNKNOWN).to_numpy(dtype=object)
    if by == "lead_source":
        group = channel_keys(text(opportunities, by)).to_numpy(dtype=object, na_value=None)
    else:
        group = np.full(len(opportunities), None, dtype=object)
    group[linked] = lead_val[pos[linked]]
    return pd.Series(group, index=opportunities.index, dtype="string").fillna(UNKNOWN)


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.divide(a, b, out=np.full(len(a), np.nan), where=b > 0)


#: Count columns of :func:`source_truth_table` (the others are float).
_COUNTS = ("leads", "mql", "sal", "opportunities", "won")


def _cohort_counts(
    leads: pd.DataFrame,
    reach: Reach,
    by: str,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Leads, MQLs and SALs per group of the cohort (and ``cost`` from a lead column).

    Also returns the cohort's ``opportunities`` and ``won`` counted from the
    funnel stages, used when there is no opportunity table.
    """
    cohort = reach.created_between(start, end)
    sub = leads.iloc[cohort.rows]
    group = group_text(leads, by, cohort.rows).fillna(UNKNOWN).to_numpy(dtype=object)
    codes, uniques = pd.factorize(group)
    names = list(uniques)
    j = {g: stage_index(reach, g) for g in ("mql", "sal", "opportunity", "won")}

    def count(stage: str) -> np.ndarray:
        if j[stage] is None:
            return np.zeros(len(names), dtype=np.int64)
        return np.bincount(codes, weights=cohort.reached[:, j[stage]], minlength=len(names))

    data: dict[str, np.ndarray] = {
        "leads": np.bincount(codes, minlength=len(names)),
        "mql": count("mql"),
        "sal": count("sal"),
    }
    lead_cost = number(sub, "cost")
    if bool((~np.isnan(lead_cost)).any()):
        data["cost"] = np.bincount(codes, weights=np.nan_to_num(lead_cost), minlength=len(names))
    frame = pd.DataFrame(data, index=pd.Index(names, name=by, dtype=object))
    return frame, {"opportunities": count("opportunity"), "won": count("won")}


def _opportunity_figures(
    opportunities: pd.DataFrame,
    leads: pd.DataFrame,
    by: str,
    as_of: pd.Timestamp,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
) -> pd.DataFrame:
    """``opportunities, pipeline, won, won_revenue`` per group with at least one opportunity.

    Each group's figures are :func:`abm.funnel.pipeline_summary` of its
    opportunities (see :func:`opportunity_groups`), so totals match the funnel page.
    """
    og = opportunity_groups(opportunities, leads, by)
    rows = []
    for value in pd.unique(og.to_numpy(dtype=object)):
        p = pipeline_summary(
            opportunities[(og == value).to_numpy(dtype=bool)], as_of=as_of, start=start, end=end
        )
        rows.append((value, p.opportunities, p.pipeline_value, p.won, p.won_value))
    opp = pd.DataFrame(
        rows, columns=[by, "opportunities", "pipeline", "won", "won_revenue"]
    ).set_index(by)
    return opp[(opp["opportunities"] > 0)]


def cost_groups(costs: Mapping[str, float] | None, by: str) -> dict[str, float]:
    """User-entered costs per group of ``by``: lead-source costs summed per channel.

    A cost entered for ``展示会`` and one for ``Trade Show`` (before sources were grouped
    by channel, or from a saved workspace) are both the events' cost; a cost entered for
    a channel's key stays that channel's.
    """
    items = [(str(k), float(v)) for k, v in (costs or {}).items()]
    if by != "lead_source" or not items:
        return dict(items)
    groups = channel_keys(pd.Series([k for k, _ in items], dtype="string"))
    out: dict[str, float] = {}
    for (key, value), group in zip(items, groups, strict=True):
        name = key if group is pd.NA else str(group)
        out[name] = out.get(name, 0.0) + value
    return out


def read_costs(
    stored: object,
    campaigns: Iterable[str] = (),
    sources: Iterable[str] = (),
) -> dict[str, dict[str, float]]:
    """User-entered costs per grouping, ``{"lead_source": {...}, "campaign": {...}}``.

    Costs are kept per grouping: a campaign named ウェビナー and the lead-source channel
    ウェビナー (``webinar``) are two costs. ``stored`` in that shape is copied. An old flat
    ``{value: amount}`` (a workspace file's or a shared view's from before, one dict for
    both groupings) is split by the data: a key that is one of the data's
    ``campaigns`` is a campaign cost, any other a lead-source cost. A key that is both a
    campaign and a lead source as the data writes it (``sources``, not by channel) is
    both, as the one dict served whichever grouping was shown; a campaign named ウェビナー
    is never the webinar channel's cost because the sources include セミナー. A lead-source
    cost saved under a channel key renamed since (``email``) is read under today's key
    (:func:`renamed_costs`, by ``sources``).

    Parameters
    ----------
    stored : object
        Per-grouping dicts, a flat dict, or anything else (no costs).
    campaigns : iterable of str
        The data's campaign names (trimmed).
    sources : iterable of str
        The data's lead sources as written (trimmed); also tell a renamed channel's old
        key from a source written so (:func:`renamed_costs`).

    Returns
    -------
    dict
        ``{"lead_source": {value: amount}, "campaign": {value: amount}}``.
    """
    out: dict[str, dict[str, float]] = {"lead_source": {}, "campaign": {}}
    if not isinstance(stored, Mapping):
        return out
    sources = list(sources)
    if stored and all(k in out and isinstance(v, Mapping) for k, v in stored.items()):
        for group, values in stored.items():
            out[str(group)] = {str(k): float(v) for k, v in values.items()}
        out["lead_source"] = renamed_costs(out["lead_source"], sources)
        return out
    flat = {str(k): float(v) for k, v in stored.items() if not isinstance(v, Mapping)}
    if not flat:
        return out
    in_campaigns = set(campaigns)
    in_sources = set(sources)
    for key, value in flat.items():
        is_campaign = key.strip() in in_campaigns
        if is_campaign:
            out["campaign"][key] = value
        if not is_campaign or key.strip() in in_sources:
            out["lead_source"][key] = value
    out["lead_source"] = renamed_costs(out["lead_source"], sources)
    return out


def renamed_costs(costs: Mapping[str, float], sources: Iterable[str] = ()) -> dict[str, float]:
    """Lead-source costs with a renamed channel's old key read as today's
    (:data:`abm.core.channels.RENAMED_CHANNELS`: a cost saved under ``email`` is the
    ``email_marketing`` channel's).

    The old key is kept as it is when the data has a lead source written exactly so (a
    bare ``email`` is shown as written now: that row's cost); a cost already saved under
    the new key is kept over the old one's.

    Parameters
    ----------
    costs : mapping of str to float
        Lead-source costs as stored.
    sources : iterable of str
        The data's lead sources as written (trimmed).

    Returns
    -------
    dict
        ``{key: amount}``, keys renamed.
    """
    if not any(k in RENAMED_CHANNELS for k in costs):
        return dict(costs)
    groups = set(channel_keys(pd.Series(list(sources), dtype="string")).dropna())
    out = {k: v for k, v in costs.items() if k not in RENAMED_CHANNELS}
    for key, value in costs.items():
        if key in RENAMED_CHANNELS:
            out.setdefault(renamed_channel(key, groups), value)
    return out


def _with_rates(
    frame: pd.DataFrame, costs: Mapping[str, float] | None, by: str = "lead_source"
) -> pd.DataFrame:
    """``frame`` with the SAL rate and cost per outcome (``costs`` fill a missing ``cost``)."""
    if "cost" not in frame.columns:
        cmap = cost_groups(costs, by)
        frame = frame.assign(cost=[cmap.get(str(v), np.nan) for v in frame.index])
    cost = frame["cost"].to_numpy(dtype=np.float64)
    return frame.assign(
        sal_rate=_div(frame["sal"], frame["mql"]),
        cost_per_lead=_div(cost, frame["leads"]),
        cost_per_mql=_div(cost, frame["mql"]),
        cost_per_sal=_div(cost, frame["sal"]),
        cost_per_opportunity=_div(cost, frame["opportunities"]),
        cost_per_won=_div(cost, frame["won"]),
    )


def source_truth_table(
    leads: pd.DataFrame,
    reach: Reach,
    opportunities: pd.DataFrame | None = None,
    *,
    by: str = "lead_source",
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    costs: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Build the source truth table for leads created in ``[start, end]``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads ``reach`` was computed from.
    reach : Reach
    opportunities : pandas.DataFrame, optional
        Canonical opportunities; without them, opportunities and won count
        from the funnel stages and pipeline/won revenue are NaN.
    by : {"lead_source", "campaign"}
        ``lead_source`` groups by channel (:func:`abm.core.channels.channel_keys`): one
        row per channel whatever language or tool wrote it, a source no channel knows
        as written. ``campaign`` groups by the name as written.
    start, end : pandas.Timestamp, optional
        Window (inclusive days) for lead and opportunity creation.
    costs : mapping, optional
        User-entered cost per group value (yen; lead-source costs summed per channel,
        :func:`cost_groups`). Ignored when leads carry a numeric ``cost`` column, which
        is summed per group instead.

    Returns
    -------
    pandas.DataFrame
        Index: group values (largest lead count first); columns
        :data:`SOURCE_COLUMNS`. Costs are NaN where unknown.
    """
    frame, funnel_counts = _cohort_counts(leads, reach, by, start, end)
    if opportunities is not None and len(opportunities):
        opp = _opportunity_figures(opportunities, leads, by, reach.as_of, start, end)
        frame = frame.join(opp, how="outer")
        frame[["pipeline", "won_revenue"]] = frame[["pipeline", "won_revenue"]].fillna(0.0)
    else:
        frame = frame.assign(**funnel_counts, pipeline=np.nan, won_revenue=np.nan)
    frame = frame.assign(**{col: frame[col].fillna(0).astype(np.int64) for col in _COUNTS})
    frame = _with_rates(frame, costs, by)
    frame = frame.sort_values(["leads", "opportunities"], ascending=False, kind="stable")
    frame = frame[list(SOURCE_COLUMNS)].astype(
        {c: "float64" for c in SOURCE_COLUMNS if c not in _COUNTS}
    )
    frame.index = frame.index.astype("string")
    frame.index.name = by
    return frame
