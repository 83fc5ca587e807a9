"""One database API, backends as small subclasses (the Splink model).

:class:`Engine` is what every expression runner talks to: get a table,
register a pandas frame, execute or materialise an Ibis expression, compile it
to SQL. The subclasses only say how to connect and how to register a frame:

* :class:`DuckDBEngine` — embedded, the default for everything (uploads
  included): in memory or a database file, ``memory_limit``, a spill folder,
  ``threads`` as the caller passes them;
* :class:`SparkEngine` — a ``SparkSession`` from configuration (``local[2]``
  in tests), or one the caller already has;
* :class:`WarehouseEngine` — Snowflake, BigQuery or Postgres through Ibis,
  with the parameters an administrator put in a secrets file.

Every driver failure leaves as a translated ``engine.err.*``
:class:`~abm.errors.MoriError` (:func:`abm.engine.errors.translated`).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any, ClassVar

import pandas as pd
import pyarrow as pa

from abm.engine.config import WAREHOUSES, EngineConfig, read_secrets
from abm.engine.errors import translated
from abm.errors import MoriError

__all__ = [
    "DuckDBEngine", "Engine", "SparkEngine", "WarehouseEngine", "connect", "preload", "to_arrow",
]  # fmt: skip

#: The optional extra that brings each backend's driver.
_EXTRAS = {
    "spark": "spark",
    "snowflake": "snowflake",
    "bigquery": "bigquery",
    "postgres": "postgres",
}


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    """A canonical frame as Arrow: nullable dtypes kept, timestamps in microseconds.

    Microseconds are what Spark and the warehouses store; the frame is not modified.
    """
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = []
    for f in table.schema:
        if pa.types.is_timestamp(f.type):
            fields.append(pa.field(f.name, pa.timestamp("us")))
        elif pa.types.is_null(f.type):  # an all-missing object column: text
            fields.append(pa.field(f.name, pa.large_string()))
        else:
            fields.append(f)
    return table.cast(pa.schema(fields), safe=False)


class Engine:
    """A connected engine: Ibis tables in, pandas frames of results out.

    Parameters
    ----------
    con : ibis backend
        The Ibis connection.
    config : EngineConfig
    """

    name: ClassVar[str] = ""
    #: sqlglot dialect of :meth:`compile`.
    dialect: ClassVar[str] = ""

    def __init__(self, con: Any, config: EngineConfig) -> None:
        self.con = con
        self.config = config

    def guard(self, step: str) -> Any:
        """Context manager translating driver failures during ``step``."""
        return translated(step, backend=self.name, memory_limit=self.config.memory_limit)

    def has_table(self, name: str, *, database: str | None = None) -> bool:
        """Whether the engine holds a table or view called ``name``."""
        with self.guard("list tables"):
            return name in self.con.list_tables(database=database)

    def table(self, name: str, *, database: str | None = None) -> Any:
        """The Ibis table ``name`` (``engine.err.table_missing`` when absent)."""
        if not self.has_table(name, database=database):
            raise MoriError("engine.err.table_missing", table=name, backend=self.name)
        with self.guard("open table"):
            return self.con.table(name, database=database)

    def register(self, name: str, frame: pd.DataFrame) -> Any:
        """Put a pandas frame in the engine as table ``name`` (replaced if present)."""
        with self.guard("register " + name):
            return self.con.create_table(name, to_arrow(frame), overwrite=True, temp=True)

    def execute(self, expr: Any, *, step: str) -> pd.DataFrame:
        """Run ``expr`` and return its rows as a pandas frame."""
        with self.guard(step):
            return expr.to_pandas()

    def arrow(self, expr: Any, *, step: str) -> pa.Table:
        """Run ``expr`` and return its rows as an Arrow table (no pandas conversion)."""
        with self.guard(step):
            return expr.to_pyarrow()

    def forget(self, name: str) -> None:
        """Drop a frame :meth:`register` put in."""
        with self.guard("forget " + name):
            self.con.drop_table(name, force=True)

    def scalar(self, expr: Any, *, step: str) -> Any:
        """Run a scalar expression (a count, a maximum)."""
        with self.guard(step):
            return expr.execute()

    def materialize(self, expr: Any, name: str, *, step: str) -> Any:
        """Run ``expr`` into a table ``name`` inside the engine (nothing comes to Python)."""
        with self.guard(step):
            return self.con.create_table(name, expr, overwrite=True)

    @contextlib.contextmanager
    def cached(self, expr: Any, *, step: str) -> Iterator[Any]:
        """``expr`` computed once inside the engine for the queries of a ``with`` block.

        Several results read one expression (stage reach: totals, cohorts, per
        lead): each query then compiles and runs only its own part over the
        cached rows (a DuckDB temporary table, a persisted Spark frame), not the
        whole expression again. Released when the block ends.
        """
        with self.guard(step):
            table = expr.cache()
        try:
            yield table
        finally:
            with self.guard(step):
                table.release()

    def compile(self, expr: Any) -> str:
        """The SQL this engine would run for ``expr``."""
        import ibis

        return ibis.to_sql(expr, dialect=self.dialect)

    def close(self) -> None:
        """Disconnect (a Spark session passed in by the caller stays running)."""
        self.con.disconnect()


def preload() -> None:
    """Import the embedded engine's modules ahead of its first connection.

    Ibis' DuckDB backend takes ~0.6 s to import, most of it Ibis importing every SQL
    dialect's compiler; an app can do it while it waits for something else (a cleaning
    worker). Meant for a thread of a process that has imported :mod:`abm.engine` already
    (the app's pages do, first thing): it then imports only Ibis' backend, which nothing
    of ours imports back. A failed import is left for :func:`connect` to report.
    """
    import importlib

    try:
        importlib.import_module("ibis.backends.duckdb")
    except Exception:  # reported, translated, by the connection itself
        return


class DuckDBEngine(Engine):
    """Embedded DuckDB: in memory or a file, out of core past ``memory_limit``."""

    name = "duckdb"
    dialect = "duckdb"

    def __init__(self, con: Any, config: EngineConfig) -> None:
        super().__init__(con, config)
        self._compiled: dict[Any, str] = {}

    @classmethod
    def open(cls, config: EngineConfig) -> DuckDBEngine:
        """Connect with the configured limits (a file is created when absent)."""
        import ibis

        settings: dict[str, Any] = {}
        if config.memory_limit:
            settings["memory_limit"] = config.memory_limit
        if config.temp_directory:
            settings["temp_directory"] = config.temp_directory
        if config.threads:
            settings["threads"] = config.threads
        with translated("connect", backend=cls.name, memory_limit=config.memory_limit):
            return cls(ibis.duckdb.connect(config.database, **settings), config)

    def register(self, name: str, frame: pd.DataFrame) -> Any:
        """A view over the frame's Arrow data (replaced if present): nothing is copied into DuckDB."""
        with self.guard("register " + name):
            self.con.con.register(name, to_arrow(frame))
            return self.con.table(name)

    def forget(self, name: str) -> None:
        """Drop a frame :meth:`register` put in (its Arrow data is released)."""
        with self.guard("forget " + name):
            self.con.con.unregister(name)

    def arrow(self, expr: Any, *, step: str) -> pa.Table:
        """Run ``expr`` into Arrow; the SQL of an expression seen before is not compiled again.

        (Compiling is most of the time of a small query: the activity table of
        a few hundred rows is built many times over in tests and notebooks.)
        """
        from ibis.backends.duckdb.converter import DuckDBPyArrowData

        with self.guard(step):
            op = expr.op()
            sql = self._compiled.get(op)
            if sql is None:
                sql = self.con.compile(expr)
                if len(self._compiled) >= 256:
                    self._compiled.clear()
                self._compiled[op] = sql
            table = self.con.con.sql(sql).to_arrow_table()
            return expr.__pyarrow_result__(table, data_mapper=DuckDBPyArrowData)


class SparkEngine(Engine):
    """PySpark through Ibis; frames are registered as temporary views."""

    name = "spark"
    dialect = "spark"

    def __init__(self, con: Any, config: EngineConfig, *, owned: bool = False) -> None:
        super().__init__(con, config)
        self._owned = owned

    @classmethod
    def open(cls, config: EngineConfig, session: Any = None) -> SparkEngine:
        """Use ``session``, or start one from ``config`` (``engine.err.java_missing`` without Java)."""
        try:
            import ibis
            from pyspark.sql import SparkSession
        except ImportError:
            raise MoriError("engine.err.backend_missing", backend=cls.name, extra="spark") from None
        owned = session is None
        if session is None:
            if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
                raise MoriError("engine.err.java_missing")
            builder = SparkSession.builder.master(config.spark_master).appName("mori")
            defaults = {
                "spark.ui.enabled": "false",
                "spark.sql.session.timeZone": "UTC",
                "spark.sql.shuffle.partitions": "4",
                # results come back to pandas (every execute and to_pyarrow: Ibis reads them
                # through toPandas) and Ibis's in-memory tables go in as Arrow batches, not row
                # by row through pickle (Spark's default); where Arrow cannot carry a schema,
                # Spark falls back before converting
                "spark.sql.execution.arrow.pyspark.enabled": "true",
                "spark.sql.execution.arrow.pyspark.fallback.enabled": "true",
                "spark.sql.warehouse.dir": os.path.join(tempfile.gettempdir(), "mori-spark"),
            }
            for key, value in {**defaults, **dict(config.spark_conf)}.items():
                builder = builder.config(key, value)
            with translated("start Spark", backend=cls.name):
                try:
                    session = builder.getOrCreate()
                except Exception as exc:
                    if "JAVA_GATEWAY" in str(getattr(exc, "getErrorClass", lambda: "")() or ""):
                        raise MoriError("engine.err.java_missing") from exc
                    raise
        with translated("connect", backend=cls.name):
            return cls(ibis.pyspark.connect(session), config, owned=owned)

    def register(self, name: str, frame: pd.DataFrame) -> Any:
        """A temporary view over the frame, built from Arrow by Spark itself.

        (Ibis's in-memory tables reach Spark through pandas, where a missing
        text becomes the string ``"NaN"``; Arrow keeps NULL a NULL.)
        """
        with self.guard("register " + name):
            session = self.con._session
            data = to_arrow(frame)
            try:
                sdf = session.createDataFrame(data)  # pyspark >= 4.0 takes Arrow tables
            except TypeError:  # pyspark 3.5: a pandas frame with None for missing values
                pdf = data.to_pandas(types_mapper=None).astype(object)
                sdf = session.createDataFrame(pdf.where(pdf.notna(), None))
            sdf.createOrReplaceTempView(name)
            return self.con.table(name)

    def forget(self, name: str) -> None:
        """Drop a temporary view :meth:`register` made."""
        with self.guard("forget " + name):
            self.con._session.catalog.dropTempView(name)

    def materialize(self, expr: Any, name: str, *, step: str) -> Any:
        """A cached temporary view of ``expr``."""
        with self.guard(step):
            self.con.create_view(name, expr, overwrite=True)
            return self.con.table(name)

    def close(self) -> None:
        """Stop the session only when this engine started it."""
        if self._owned:
            self.con.disconnect()


class WarehouseEngine(Engine):
    """Snowflake, BigQuery or Postgres through Ibis (parameters from the secrets file)."""

    name = "warehouse"

    def __init__(self, con: Any, config: EngineConfig) -> None:
        super().__init__(con, config)
        self.name = config.backend  # type: ignore[misc]
        self.dialect = config.backend  # type: ignore[misc]

    @classmethod
    def open(cls, config: EngineConfig) -> WarehouseEngine:
        """Connect with the secrets file's ``[connections.<connection>]`` parameters."""
        params = read_secrets(config)
        missing = MoriError(
            "engine.err.backend_missing", backend=config.backend, extra=_EXTRAS[config.backend]
        )
        try:
            module = importlib.import_module(f"ibis.backends.{config.backend}")
        except ImportError:
            raise missing from None
        with translated("connect", backend=config.backend):
            try:
                return cls(module.Backend().connect(**params), config)
            except ImportError:  # the driver is imported on connect
                raise missing from None


def connect(config: EngineConfig | None = None, *, spark_session: Any = None) -> Engine:
    """Connect the configured engine (embedded DuckDB in memory by default).

    Parameters
    ----------
    config : EngineConfig, optional
    spark_session : pyspark.sql.SparkSession, optional
        An existing session for ``backend="spark"`` (left running on close).

    Returns
    -------
    Engine

    Raises
    ------
    MoriError
        ``engine.err.*``: driver not installed, Java missing, unreachable.
    """
    config = config or EngineConfig()
    if config.backend == "duckdb":
        return DuckDBEngine.open(config)
    if config.backend == "spark":
        return SparkEngine.open(config, spark_session)
    if config.backend in WAREHOUSES:
        return WarehouseEngine.open(config)
    raise ValueError(f"unknown backend: {config.backend}")  # EngineConfig refuses it first
