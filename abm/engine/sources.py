"""Sources besides uploads: a folder of Parquet/CSV files, a DuckDB file, a warehouse table.

A source is chosen in configuration (:class:`SourceConfig`, written by an
administrator like the engine settings) and read *in place* by the engine: no
file goes through the browser, nothing is copied into Python. Each table's
columns are mapped onto the canonical ones with the same
:class:`~abm.ingest.mapping.ColumnMapping` an upload uses (raw header →
canonical column); a table without a mapping must already use canonical
names. :func:`open_source` returns the tables ready for the expressions and a
report of which source is in use and how many rows sit behind each table (for
the Data page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import ibis
import pandas as pd

from abm.core.config import Config, Invalid, Spec
from abm.engine.backends import DuckDBEngine, Engine
from abm.engine.run import EngineTables
from abm.errors import MoriError
from abm.ingest.mapping import ColumnMapping
from abm.schema import TABLES

__all__ = [
    "SOURCE_KINDS",
    "OpenSource",
    "SourceConfig",
    "attach",
    "open_source",
    "raw_table",
    "source_tables",
]

#: Kinds of source (uploads are the default and need no configuration).
SOURCE_KINDS: tuple[str, ...] = ("folder", "duckdb", "warehouse")
_FORMATS = ("parquet", "csv")
#: Ibis type of each canonical dtype kind (:data:`abm.schema.DTYPES`).
_TYPES = {"string": "string", "int": "int64", "float": "float64", "money": "float64",
          "datetime": "timestamp", "bool": "boolean"}  # fmt: skip


@dataclass(frozen=True)
class SourceConfig(Config):
    """Where the data sits when it is not uploaded.

    Parameters
    ----------
    kind : {"folder", "duckdb", "warehouse"}
    path : str
        ``folder``: the folder; ``duckdb``: the database file.
    format : {"parquet", "csv"}
        ``folder``: the files' format.
    tables : tuple of (str, str)
        Canonical table → file pattern inside the folder (``"leads/*.parquet"``)
        or table name (``duckdb``, ``warehouse``). ``leads`` is required.
    database : str
        ``warehouse``: the database/schema of the tables (``""``: the connection's default).
    mappings : tuple of ColumnMapping
        At most one per canonical table (raw column → canonical column); a
        table without one is mapped as an upload would be
        (:func:`abm.ingest.suggest_mapping`).
    store : str
        A DuckDB file where the app keeps the source once prepared (名寄せ
        applied, activity table built), so the next opening is a reopen;
        ``""``: prepared anew at every opening.
    prepare_ahead : bool
        With ``store``: a server started by :mod:`abm.ui.launch` prepares the
        source when it starts (and after a change ``refresh_minutes`` notices)
        instead of leaving it to the first session that opens it.
    refresh_minutes : int
        How often (minutes) such a server looks whether the source changed and,
        if so, prepares it ahead; ``0``: only when it starts.
    """

    kind: Annotated[str, Spec(choices=SOURCE_KINDS)]
    path: Annotated[str, Spec(max_len=4096)] = ""
    format: Annotated[str, Spec(choices=_FORMATS)] = "parquet"
    tables: Annotated[
        tuple[tuple[str, str], ...], Spec(table=True, keys=tuple(TABLES), max_len=4)
    ] = ()
    database: Annotated[str, Spec(max_len=400)] = ""
    mappings: Annotated[tuple[ColumnMapping, ...], Spec(max_len=4)] = ()
    store: Annotated[str, Spec(max_len=4096)] = ""
    prepare_ahead: bool = True
    refresh_minutes: Annotated[int, Spec(min=0, max=10_080)] = 0

    SECTION = "source"
    #: What decides how the server works, not what the source holds (left out of its
    #: fingerprint: :func:`abm.engine.reading.fingerprint`).
    SERVER_ONLY = ("prepare_ahead", "refresh_minutes")

    def _check(self) -> None:
        """Leads are named; one mapping per table; a path for files."""
        if "leads" not in dict(self.tables):
            raise Invalid("tables")
        if len({m.table for m in self.mappings}) != len(self.mappings):
            raise Invalid("mappings")
        if any(m.table not in dict(self.tables) for m in self.mappings):
            raise Invalid("mappings")
        if self.kind in ("folder", "duckdb") and not self.path:
            raise Invalid("path")


@dataclass(frozen=True)
class OpenSource:
    """A source opened on an engine: canonical tables and the Data page's report."""

    tables: EngineTables
    report: pd.DataFrame


def _raw_table(engine: Engine, config: SourceConfig, table: str, where: str) -> Any:
    name = f"mori_src_{table}"
    if config.kind == "folder":
        folder = Path(config.path)
        if not folder.is_dir():
            raise MoriError("engine.source.err.path_missing", path=folder.name or config.path)
        if not sorted(folder.glob(where)):
            raise MoriError("engine.source.err.no_files", table=table, pattern=where)
        reader = engine.con.read_parquet if config.format == "parquet" else engine.con.read_csv
        with engine.guard("read " + table):
            return reader(str(folder / where), table_name=name)
    if config.kind == "duckdb":
        return engine.table(where, database=("mori_src", "main"))
    return engine.table(where, database=config.database or None)


def _canonical(raw: Any, table: str, mapping: ColumnMapping | None) -> Any:
    spec = TABLES[table]
    if mapping is None:
        pairs = [(c, c) for c in raw.columns if c in spec.names]
    else:
        pairs = [(r, c) for r, c in mapping.columns if c is not None]
        for r, _ in pairs:
            if r not in raw.columns:
                raise MoriError("engine.source.err.column_missing", table=table, column=r)
    mapped = {c for _, c in pairs}
    for c in spec.required:
        if c not in mapped:
            raise MoriError("engine.source.err.required", table=table, column=c)
    return raw.select(**{c: raw[r].cast(_TYPES[spec.column(c).kind]) for r, c in pairs})


def attach(engine: Engine, config: SourceConfig) -> None:
    """Make a DuckDB-file source readable on ``engine`` (read only; nothing for other kinds)."""
    if config.kind != "duckdb":
        return
    if not isinstance(engine, DuckDBEngine):
        raise MoriError("engine.source.err.no_source")
    db = Path(config.path)
    if not db.is_file():
        raise MoriError("engine.source.err.path_missing", path=db.name)
    if "mori_src" not in engine.con.list_catalogs():
        with engine.guard("open " + db.name):
            engine.con.attach(str(db), name="mori_src", read_only=True)


def raw_table(engine: Engine, config: SourceConfig, table: str) -> Any:
    """Canonical table ``table`` of the source as it sits there (its own columns), on ``engine``."""
    attach(engine, config)
    return _raw_table(engine, config, table, dict(config.tables)[table])


def source_tables(engine: Engine, config: SourceConfig) -> EngineTables:
    """The source's tables on ``engine``, in canonical columns (leads with ``lead_row``)."""
    attach(engine, config)
    mappings = {m.table: m for m in config.mappings}
    out: dict[str, Any] = {}
    for table, where in config.tables:
        out[table] = _canonical(
            _raw_table(engine, config, table, where), table, mappings.get(table)
        )
    leads = out.pop("leads")
    out["leads"] = leads.mutate(lead_row=ibis.row_number().cast("int64"))
    return EngineTables(**out, prefix="mori_src")


def open_source(engine: Engine, config: SourceConfig | None) -> OpenSource:
    """Open the configured source and count the rows behind each table.

    Returns
    -------
    OpenSource
        ``report`` has one row per table: ``table``, ``kind``, ``location``
        (file pattern or table name), ``rows``.

    Raises
    ------
    MoriError
        ``engine.source.err.*`` (no source, folder or file missing, no files,
        a mapped column missing, a required column unmapped) and
        ``engine.err.*`` (table missing, engine failures).
    """
    if config is None:
        raise MoriError("engine.source.err.no_source")
    tables = source_tables(engine, config)
    rows = []
    for table, where in config.tables:
        expr = getattr(tables, table)
        n = int(engine.scalar(expr.count(), step="count " + table))
        rows.append({"table": table, "kind": config.kind, "location": where, "rows": n})
    return OpenSource(tables, pd.DataFrame(rows).astype({"rows": "int64"}))
