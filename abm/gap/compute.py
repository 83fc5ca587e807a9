"""One call for the whole gap view: lenses, hand-off, quadrant, sources, findings.

:func:`compute_gap` is what the page and the meeting report use; a notebook
gets the same numbers. Per-lead scores come from the scoring package
(:func:`abm.scoring.score.score_leads`) and stage counts from the funnel's
reach (:func:`abm.funnel.compute_reach`) — nothing is recomputed differently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from abm.dataset import Dataset
from abm.engine.table import ActivityTable
from abm.funnel import FunnelConfig, Reach, complete_stage_map, compute_reach
from abm.gap.handoff import Handoff, handoff_metrics
from abm.gap.lenses import MarketingLens, SalesLens, marketing_lens, sales_lens
from abm.gap.quadrant import quadrant_labels, quadrant_summary
from abm.gap.settings import GapSettings
from abm.gap.sources import source_truth_table
from abm.scoring.model import ScoringModel

__all__ = ["GapResult", "compute_gap", "lead_scores", "reach_for"]


@dataclass(frozen=True, eq=False)
class GapResult:
    """Everything the gap page and the meeting report show.

    Attributes
    ----------
    as_of, start, end : pandas.Timestamp or None
        As-of date and the creation window.
    settings : GapSettings
    model : ScoringModel
    funnel : FunnelConfig
    marketing : MarketingLens
    sales : SalesLens
    handoff : Handoff
    quadrant : pandas.DataFrame
        :func:`abm.gap.quadrant.quadrant_summary` over the window's leads.
    labels : pandas.Series
        Quadrant per lead of the window (index of ``leads``).
    scores : pandas.DataFrame
        ``fit_score`` / ``engagement_score`` of the window's leads.
    sources : pandas.DataFrame
        :func:`abm.gap.sources.source_truth_table`; its acceptance (``sal_rate``) is
        NaN when the hand-off's is not measured (:attr:`Handoff.acceptance_measured`).
    """

    as_of: pd.Timestamp
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    settings: GapSettings
    model: ScoringModel
    funnel: FunnelConfig
    marketing: MarketingLens
    sales: SalesLens
    handoff: Handoff
    quadrant: pd.DataFrame
    labels: pd.Series
    scores: pd.DataFrame
    sources: pd.DataFrame


def reach_for(
    leads: pd.DataFrame,
    funnel: FunnelConfig,
    as_of: pd.Timestamp,
    opportunities: pd.DataFrame | None = None,
) -> Reach:
    """The funnel's reach under a funnel config, exactly as the funnel page computes it.

    The saved stage map is completed with suggestions for status values it
    does not cover (:func:`abm.funnel.complete_stage_map`).

    Parameters
    ----------
    leads : pandas.DataFrame
        Prepared leads.
    funnel : FunnelConfig
        Model, stage map and strictness.
    as_of : pandas.Timestamp
        The as-of day.
    opportunities : pandas.DataFrame, optional
        Prepared opportunities: the leads' linked deals count as the funnel page counts
        them.

    Returns
    -------
    Reach
    """
    cols = [c for c in ("current_stage", "lead_status") if c in leads.columns]
    values = pd.concat([leads[c] for c in cols]) if cols else pd.Series(dtype="string")
    smap = complete_stage_map(funnel.stage_map, values)
    return compute_reach(
        leads,
        funnel.model,
        as_of=as_of,
        stage_map=smap,
        strict=funnel.strict,
        opportunities=opportunities,
    )


def lead_scores(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    model: ScoringModel,
    *,
    as_of: pd.Timestamp,
    table: ActivityTable | None = None,
) -> pd.DataFrame:
    """``fit_score`` and ``engagement_score`` per lead, from the scoring package.

    ``table`` is the dataset's activity table (:mod:`abm.engine.table`), when
    the caller keeps one; otherwise it is built from ``activities``.
    """
    from abm.scoring.score import score_leads

    scored = score_leads(leads, activities, model, as_of=as_of, table=table)
    return scored[["fit_score", "engagement_score"]]


def _day(ts: pd.Timestamp | None) -> pd.Timestamp | None:
    """``ts`` at midnight (``None`` stays ``None``)."""
    return None if ts is None else pd.Timestamp(ts).normalize()


def compute_gap(
    dataset: Dataset,
    *,
    as_of: pd.Timestamp,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    settings: GapSettings | None = None,
    model: ScoringModel | None = None,
    funnel: FunnelConfig | None = None,
    scores: pd.DataFrame | None = None,
) -> GapResult:
    """Compute the gap view for leads created in ``[start, end]`` at ``as_of``.

    Parameters
    ----------
    dataset : Dataset
    as_of : pandas.Timestamp
    start, end : pandas.Timestamp, optional
        Creation window (inclusive days); open-ended when omitted.
    settings : GapSettings, optional
    model : ScoringModel, optional
        Scoring model (thresholds of the quadrant, grade cuts).
    funnel : FunnelConfig, optional
        Funnel model and stage map (workspace ``"stage_map"``).
    scores : pandas.DataFrame, optional
        Precomputed ``fit_score`` / ``engagement_score`` aligned with
        ``dataset.leads`` (computed with ``model`` when omitted).

    Returns
    -------
    GapResult
    """
    settings = settings or GapSettings()
    model = model or ScoringModel()
    funnel = funnel or FunnelConfig()
    leads, acts, opps = dataset.leads, dataset.activities, dataset.opportunities
    as_of = pd.Timestamp(as_of).normalize()
    reach = reach_for(leads, funnel, as_of, opps)
    if scores is None:
        scores = lead_scores(leads, acts, model, as_of=as_of)
    cohort = reach.created_between(start, end)
    c_scores = scores.iloc[cohort.rows]
    labels = quadrant_labels(
        c_scores,
        fit_threshold=model.fit_threshold,
        engagement_threshold=model.engagement_threshold,
    )
    window = {"start": start, "end": end}
    s = settings
    handoff = handoff_metrics(
        leads, reach, acts, **window, sla_days=s.sla_days, small_company=s.small_company
    )
    sources = source_truth_table(leads, reach, opps, by=s.group_by, **window, costs=s.cost_map())
    if not handoff.acceptance_measured:  # MQL/SAL counted from later stages: 100 % says nothing
        sources = sources.assign(sal_rate=float("nan"))  # (QA-I: "—" on the tile, 100 % here)
    return GapResult(
        as_of=as_of,
        start=_day(start),
        end=_day(end),
        settings=settings,
        model=model,
        funnel=funnel,
        marketing=marketing_lens(leads, reach, scores, model, acts, **window, period=s.period),
        sales=sales_lens(
            leads,
            reach,
            scores,
            model,
            opps,
            dataset.accounts,
            **window,
            fiscal_start_month=s.fiscal_start_month,
        ),
        handoff=handoff,
        quadrant=quadrant_summary(labels, cohort),
        labels=labels,
        scores=c_scores,
        sources=sources,
    )
