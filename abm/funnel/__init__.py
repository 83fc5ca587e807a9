"""Demand Waterfall: configurable funnel models, stage maps, reach, metrics, account view.

Typical use::

    from abm.funnel import get_model, suggest_stage_map, compute_reach, stage_counts

    model = get_model("classic")
    smap = suggest_stage_map(leads["current_stage"], model)
    reach = compute_reach(leads, model, as_of=as_of, stage_map=smap, opportunities=opps)
    stage_counts(reach.created_between(start, end))
"""

from abm.funnel.accounts import ACCOUNT_STAGES, account_names, account_reach, account_waterfall
from abm.funnel.benchmarks import BENCHMARK_BANDS, compare_benchmarks
from abm.funnel.breakdown import (
    BREAKDOWNS,
    SIZE_BANDS,
    breakdown,
    dimension_options,
    dimension_values,
    records,
    restore_choices,
    segment_mask,
    size_band,
)
from abm.funnel.empty import EMPTY_CAUSES, empty_stages
from abm.funnel.metrics import (
    cohort_table,
    period_view,
    stage_counts,
    stage_velocity,
    stalled_leads,
    transition_days,
)
from abm.funnel.models import (
    DETOURS,
    GENERIC_STAGES,
    MODELS,
    FunnelModel,
    Stage,
    custom_model,
    generic_label,
    get_model,
)
from abm.funnel.pipeline import (
    KPI_KEYS,
    KpiSource,
    PipelineSummary,
    deal_cycle,
    funnel_kpis,
    kpi_sources,
    lost_observable,
    opportunities_for_leads,
    pipeline_summary,
    previous_period,
    unlinked_opportunities,
)
from abm.funnel.reach import NO_DATE, Reach, compute_reach, to_days
from abm.funnel.stagemap import (
    DEFAULT_SLA_DAYS,
    FunnelConfig,
    StageMap,
    complete_stage_map,
    stage_map_from_table,
    stage_map_table,
    suggest_stage_map,
    suggest_value,
)
from abm.funnel.vocab import VOCABULARY, normalise_value

__all__ = [
    "ACCOUNT_STAGES",
    "BENCHMARK_BANDS",
    "BREAKDOWNS",
    "DEFAULT_SLA_DAYS",
    "DETOURS",
    "EMPTY_CAUSES",
    "GENERIC_STAGES",
    "KPI_KEYS",
    "MODELS",
    "NO_DATE",
    "SIZE_BANDS",
    "VOCABULARY",
    "FunnelConfig",
    "FunnelModel",
    "KpiSource",
    "PipelineSummary",
    "Reach",
    "Stage",
    "StageMap",
    "account_names",
    "account_reach",
    "account_waterfall",
    "breakdown",
    "cohort_table",
    "compare_benchmarks",
    "complete_stage_map",
    "compute_reach",
    "custom_model",
    "deal_cycle",
    "dimension_options",
    "dimension_values",
    "empty_stages",
    "funnel_kpis",
    "generic_label",
    "get_model",
    "kpi_sources",
    "lost_observable",
    "normalise_value",
    "opportunities_for_leads",
    "period_view",
    "pipeline_summary",
    "previous_period",
    "records",
    "restore_choices",
    "segment_mask",
    "size_band",
    "stage_counts",
    "stage_map_from_table",
    "stage_map_table",
    "stage_velocity",
    "stalled_leads",
    "suggest_stage_map",
    "suggest_value",
    "to_days",
    "transition_days",
    "unlinked_opportunities",
]
