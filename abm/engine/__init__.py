"""The engine: heavy aggregations written once as Ibis expressions, run where the data is.

Embedded DuckDB is the default for everything (uploads included); Spark or a
warehouse (Snowflake, BigQuery, Postgres) when an administrator configures
one. The expressions (:mod:`~abm.engine.activity`, :mod:`~abm.engine.reach`,
:mod:`~abm.engine.accounts`, :mod:`~abm.engine.gap`) reduce the large tables
to compact per-lead, per-account and per-period frames; sliders, scores and
charts keep working on those in pandas. The pandas functions of
:mod:`abm.funnel`, :mod:`abm.gap` and :mod:`abm.accounts` are the reference
the engine's results are tested against.

Sources besides uploads live in :mod:`~abm.engine.sources`; a prepared
dataset is stored and reopened with :mod:`~abm.engine.store`.
"""

from abm.engine.backends import DuckDBEngine, Engine, SparkEngine, WarehouseEngine, connect
from abm.engine.config import BACKENDS, WAREHOUSES, EngineConfig, load_engine_config
from abm.engine.run import (
    EngineReach,
    EngineTables,
    account_inputs,
    classify_activities,
    engagement,
    marketing_aggregates,
    register_dataset,
    stage_reach,
)

__all__ = [
    "BACKENDS",
    "WAREHOUSES",
    "DuckDBEngine",
    "Engine",
    "EngineConfig",
    "EngineReach",
    "EngineTables",
    "SparkEngine",
    "WarehouseEngine",
    "account_inputs",
    "classify_activities",
    "connect",
    "engagement",
    "load_engine_config",
    "marketing_aggregates",
    "register_dataset",
    "stage_reach",
]
