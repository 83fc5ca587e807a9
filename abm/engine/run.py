"""Running the expressions on an engine: the steps a page (later) calls.

Each function takes an :class:`~abm.engine.backends.Engine` and the
:class:`EngineTables` of a dataset, runs the small Python steps (kind and
phase vocabularies on distinct values, the stage map) and the engine
expressions, and returns compact pandas frames — per lead, per account or
per period — for the interactive layer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from abm.core.channels import channel_lookup
from abm.core.dates import day_end
from abm.core.phases import PhaseVocabulary
from abm.dataset import Dataset
from abm.engine import accounts as acc_expr
from abm.engine import activity as act_expr
from abm.engine import gap as gap_expr
from abm.engine import reach as reach_expr
from abm.engine._cols import as_ts
from abm.engine.backends import Engine
from abm.funnel.models import FunnelModel
from abm.funnel.stagemap import StageMap
from abm.schema import DERIVED, TABLES

__all__ = [
    "EngineReach",
    "EngineTables",
    "account_inputs",
    "classify_activities",
    "engagement",
    "marketing_aggregates",
    "register_dataset",
    "stage_reach",
]

#: Columns :func:`abm.pipeline.prepare` adds that the expressions read.
_PREPARED = ("account_id", "account_name", *DERIVED)


@dataclass(frozen=True)
class EngineTables:
    """A dataset's tables inside an engine (Ibis tables; ``None`` when not loaded).

    ``leads`` carries ``lead_row``: the lead's position in the dataset (0-based).
    ``activities`` carries ``kind`` after :func:`classify_activities`.
    """

    leads: Any
    activities: Any = None
    opportunities: Any = None
    accounts: Any = None
    prefix: str = "mori"


def _canonical(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    names = [*TABLES[table].names, *_PREPARED]
    keep = [c for c in frame.columns if c in names]
    return frame[keep]


def register_dataset(engine: Engine, dataset: Dataset, *, prefix: str = "mori") -> EngineTables:
    """Put a (prepared) dataset's canonical columns in the engine as ``<prefix>_<table>``."""
    leads = _canonical(dataset.leads, "leads").assign(
        lead_row=np.arange(len(dataset.leads), dtype=np.int64)
    )
    out: dict[str, Any] = {"leads": engine.register(f"{prefix}_leads", leads)}
    for name in ("activities", "opportunities", "accounts"):
        frame = getattr(dataset, name)
        if frame is not None:
            out[name] = engine.register(f"{prefix}_{name}", _canonical(frame, name))
    return EngineTables(**out, prefix=prefix)


def classify_activities(engine: Engine, tables: EngineTables) -> EngineTables:
    """Activities with their ``kind``: distinct keys classified in Python, joined in the engine."""
    if tables.activities is None or "kind" in tables.activities.columns:
        return tables
    distinct = engine.execute(act_expr.kind_keys(tables.activities), step="activity kinds")
    kinds = engine.register(f"{tables.prefix}_kinds", act_expr.classify_kinds(distinct))
    return replace(tables, activities=act_expr.with_kinds(tables.activities, kinds))


def engagement(
    engine: Engine, tables: EngineTables, *, as_of: pd.Timestamp, bucket: str = "day"
) -> pd.DataFrame:
    """The compact table (:func:`abm.engine.activity.engagement_counts`) as pandas.

    ``attrs["unmatched"]`` counts activities up to ``as_of`` with no lead.
    """
    tables = classify_activities(engine, tables)
    if tables.activities is None:
        return pd.DataFrame(columns=["lead_row", "kind", "bucket_start", "n", "last_at"])
    expr = act_expr.engagement_counts(tables.activities, tables.leads, as_of=as_of, bucket=bucket)
    out = engine.execute(expr, step="activities by lead, kind and day")
    unmatched = act_expr.unmatched_activities(tables.activities, tables.leads, as_of=as_of)
    out.attrs["unmatched"] = int(engine.scalar(unmatched, step="activities without a lead"))
    return out


@dataclass(frozen=True)
class EngineReach:
    """Stage reach from the engine: per lead, totals and monthly cohorts."""

    per_lead: pd.DataFrame
    totals: pd.Series
    cohorts: pd.DataFrame
    present: tuple[bool, ...]
    excluded_future: int

    def counts(self) -> np.ndarray:
        """Leads counted at each stage (as :meth:`abm.funnel.Reach.counts`)."""
        k = len(self.present)
        return np.array([int(self.totals[f"r{j}"]) for j in range(k)], dtype=np.int64)


def stage_reach(
    engine: Engine,
    tables: EngineTables,
    model: FunnelModel,
    *,
    as_of: pd.Timestamp,
    stage_map: StageMap | None = None,
    strict: bool = True,
    per_lead: bool = True,
    period: str = "M",
    vocabulary: PhaseVocabulary | None = None,
) -> EngineReach:
    """Stage reach of the leads (:func:`abm.funnel.compute_reach`'s rule, the leads' linked
    opportunities included) on the engine."""
    inputs = reach_expr.reach_inputs(
        engine.execute, tables.leads, model, as_of=as_of, stage_map=stage_map
    )
    lookup = engine.register(f"{tables.prefix}_status", inputs.status)
    deals = None
    if tables.opportunities is not None:
        phases = _phases(engine, tables, vocabulary)
        deals = reach_expr.deal_table(tables.opportunities, tables.leads, phases, as_of=as_of)
    expr = reach_expr.reach_table(
        tables.leads, lookup, model, inputs, as_of=as_of, strict=strict, deals=deals
    )
    k = len(model.stages)
    # one run of the reach table for its three readers (compiling it is most of a small run)
    with engine.cached(expr, step="stage reach") as table:
        totals = engine.execute(reach_expr.reach_counts(table, k), step="stage reach").iloc[0]
        cohorts = engine.execute(
            reach_expr.cohort_counts(table, k, period=period), step="stage reach by cohort"
        )
        rows = (
            engine.execute(table.order_by("lead_row"), step="reach per lead") if per_lead else None
        )
    n_all = int(engine.scalar(tables.leads.count(), step="count leads"))
    return EngineReach(
        per_lead=rows if rows is not None else pd.DataFrame(),
        totals=totals,
        cohorts=cohorts,
        present=inputs.present,
        excluded_future=n_all - int(totals["n"]),
    )


def _phases(engine: Engine, tables: EngineTables, vocabulary: PhaseVocabulary | None) -> Any:
    opps = tables.opportunities
    stages = pd.Series(dtype="string")
    if "stage" in opps.columns:
        distinct = opps.select(stage=opps.stage.cast("string")).distinct()
        stages = engine.execute(distinct, step="opportunity phases")["stage"]
    return engine.register(f"{tables.prefix}_phases", acc_expr.phase_lookup(stages, vocabulary))


def _channels(engine: Engine, tables: EngineTables) -> Any:
    """The lead sources' channels (:func:`abm.core.channels.channel_lookup`) in the engine:
    the distinct sources read from it, looked up in Python, registered back."""
    sources = pd.Series(dtype="string")
    if "lead_source" in tables.leads.columns:
        distinct = engine.execute(gap_expr.source_values(tables.leads), step="lead sources")
        sources = distinct["source"]
    return engine.register(f"{tables.prefix}_channels", channel_lookup(sources))


def account_inputs(
    engine: Engine,
    tables: EngineTables,
    *,
    as_of: pd.Timestamp,
    vocabulary: PhaseVocabulary | None = None,
) -> pd.DataFrame:
    """Per-account roll-up inputs (:func:`abm.engine.accounts.rollup_inputs`), sorted by account."""
    tables = classify_activities(engine, tables)
    created = (
        tables.leads.created_at.cast("timestamp") if "created_at" in tables.leads.columns else None
    )
    kept = tables.leads
    if created is not None:
        kept = kept.filter(created.isnull() | (created < as_ts(day_end(as_of))))
    if tables.activities is not None:
        counts = act_expr.engagement_counts(tables.activities, kept, as_of=as_of)
    else:
        counts = engine.register(
            f"{tables.prefix}_nocounts",
            pd.DataFrame({"lead_row": pd.Series(dtype="int64"), "kind": pd.Series(dtype="int8"),
                          "n": pd.Series(dtype="int64"),
                          "last_at": pd.Series(dtype="datetime64[us]")}),
        )  # fmt: skip
    phases = _phases(engine, tables, vocabulary) if tables.opportunities is not None else None
    expr = acc_expr.rollup_inputs(
        kept,
        counts,
        opportunities=tables.opportunities,
        accounts=tables.accounts,
        phases=phases,
        as_of=as_of,
        touches=(
            act_expr.account_touches(tables.activities, as_of=as_of)
            if tables.activities is not None
            else None
        ),
    )
    out = engine.execute(expr.order_by("account_id"), step="account roll-up inputs")
    return out.reset_index(drop=True)


def marketing_aggregates(
    engine: Engine,
    tables: EngineTables,
    *,
    as_of: pd.Timestamp,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    period: str = "M",
) -> dict[str, Any]:
    """The marketing lens's sums: ``leads``, ``volume``, ``web_visits``, ``page_views``,
    ``web_activities`` (as :class:`abm.gap.lenses.MarketingLens` holds them)."""
    cohort = gap_expr.cohort(tables.leads, as_of=as_of, start=start, end=end)
    channels = _channels(engine, tables)
    volume = engine.execute(
        gap_expr.lead_volume(cohort, channels, period=period), step="lead volume"
    )
    totals = engine.execute(gap_expr.ma_totals(cohort), step="web totals").iloc[0]
    n = int(engine.scalar(cohort.count(), step="cohort"))
    out: dict[str, Any] = {"leads": n, "volume": gap_expr.volume_frame(volume, period=period)}
    for c in ("web_visits", "page_views"):
        has_any = c in tables.leads.columns and int(totals[f"{c}_n"]) > 0
        out[c] = float(totals[f"{c}_sum"]) if has_any else float("nan")
    out["web_activities"] = None
    if tables.activities is not None:
        tables = classify_activities(engine, tables)
        expr = gap_expr.web_activities(
            tables.activities, tables.leads, as_of=as_of, start=start, end=end
        )
        out["web_activities"] = int(engine.scalar(expr, step="web visits"))
    return out
