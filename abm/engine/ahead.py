"""A configured source prepared end to end, outside any session.

A session that opens a configured source with no stored preparation reads it
and cleans it (at a million leads, a minute and a half of 名寄せ and linking on
two cores) while its user watches a progress bar. A server that knows its
source prepares it *ahead*: when it starts and when it notices the source
changed, it runs :func:`prepare_source` in a worker process, keeps the result
for every session and stores it, so the first user reopens what is ready
(:mod:`abm.ui.warmup`).

:func:`prepare_source` does exactly what that session would do — the source
read as an upload's files with the workspace's saved mappings and phase words
(:func:`abm.engine.reading.read_parts`, :func:`abm.ingest.build_batch`), the
cleaning with the workspace's settings (:func:`abm.pipeline.prepare`) and the
activity table on the embedded engine — so its result is stored under the
same key the session computes. Pure: no Streamlit, no clock, no store writes
(the caller keeps and stores the result, as it does a session's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from abm.engine.config import EngineConfig
from abm.engine.sources import SourceConfig
from abm.engine.table import ActivityTable
from abm.progress import Progress, ProgressFn

if TYPE_CHECKING:
    from abm.core.money import ExchangeRates
    from abm.core.phases import PhaseVocabulary
    from abm.dataset import Dataset
    from abm.ingest.mapping import ColumnMapping
    from abm.pipeline import Prepared
    from abm.resolve import ExclusionRules, ResolveConfig, ReviewDecisions

__all__ = ["PreparedSource", "prepare_source"]


@dataclass(frozen=True)
class PreparedSource:
    """What :func:`prepare_source` made: the data as loaded and as prepared.

    Attributes
    ----------
    loaded : abm.dataset.Dataset
        The source's tables as an upload's files would give them.
    prepared : abm.pipeline.Prepared
        Cleaned (persons, 営業対象外, 名寄せ) and linked.
    table : ActivityTable
        The prepared dataset's activity table.
    as_of : pandas.Timestamp or None
        The data's default as-of date (:meth:`abm.dataset.Dataset.as_of_default`).
    refused : tuple of (str, str, dict)
        Per table the reading refused: its name, the message key and parameters.
    """

    loaded: Dataset
    prepared: Prepared
    table: ActivityTable
    as_of: pd.Timestamp | None
    refused: tuple[tuple[str, str, dict[str, Any]], ...] = ()


def prepare_source(
    source_engine: EngineConfig,
    table_engine: EngineConfig,
    source: SourceConfig,
    *,
    cleaning: tuple[ResolveConfig, ExclusionRules, ReviewDecisions],
    mappings: Sequence[ColumnMapping] = (),
    phases: PhaseVocabulary | None = None,
    rates: ExchangeRates | None = None,
    horizon: pd.Timestamp | None = None,
    today: pd.Timestamp | None = None,
    progress: ProgressFn | None = None,
) -> PreparedSource | None:
    """Read, clean and link a configured source, and build its activity table.

    Parameters
    ----------
    source_engine : EngineConfig
        The engine the source is read on (the administrator's).
    table_engine : EngineConfig
        The embedded engine the activity table is built on.
    source : SourceConfig
        The administrator's source: its tables, mappings and engine-side location.
    cleaning : (ResolveConfig, ExclusionRules, ReviewDecisions)
        The workspace's cleaning settings (:func:`abm.pipeline.prepare`).
    mappings : sequence of ColumnMapping
        The workspace's saved mappings, for tables the configuration does not map.
    phases : PhaseVocabulary, optional
        The workspace's phase words.
    rates : ExchangeRates, optional
        The workspace's currency and exchange rates (:mod:`abm.core.money`).
    horizon : pandas.Timestamp, optional
        Dates after it are not used for the default as-of date.
    today : pandas.Timestamp, optional
        Closed deals' close dates up to it count for the default as-of date
        (``horizon`` when omitted; :meth:`abm.dataset.Dataset.as_of_default`).
    progress : callable, optional
        ``progress(step, done, total)``: ``read`` (tables), the cleaning's steps,
        then ``table`` (the activity table, counted in activity rows).

    Returns
    -------
    PreparedSource or None
        ``None`` when no table of the source could be read (the session that
        opens it reports why).

    Raises
    ------
    MoriError
        What reading the source raises (engine unreachable, a table or column
        missing, the memory limit).
    """
    import abm.engine as E
    from abm.engine.reading import read_parts
    from abm.engine.table import build_activity_table
    from abm.ingest import build_batch
    from abm.pipeline import prepare

    report = Progress(progress)
    with report.step("read", len(source.tables)):
        engine = E.connect(source_engine)
        try:
            parts = read_parts(engine, source, saved=mappings)
        finally:
            engine.close()
        result = build_batch(parts, phases=phases, rates=rates)
    if not result.parts:
        return None
    config, rules, decisions = cleaning
    ready = prepare(
        result.dataset, config=config, rules=rules, decisions=decisions, progress=progress
    )
    acts = ready.dataset.activities
    with report.step("table", 0 if acts is None else len(acts)):
        table = build_activity_table(
            ready.dataset.leads, ready.dataset.activities, config=table_engine
        )
    refused = tuple((name, err.key, dict(err.params)) for name, err in result.errors)
    as_of = result.dataset.as_of_default(horizon=horizon, today=today).date
    return PreparedSource(result.dataset, ready, table, as_of, refused)
