"""A configured source read as an upload's files: one path from there on.

:func:`read_parts` turns each table of a :class:`~abm.engine.sources.SourceConfig`
(a Parquet/CSV folder, a DuckDB file, a warehouse table) into what reading an
uploaded export gives — a :class:`~abm.ingest.RawTable` of text cells and its
:class:`~abm.ingest.ColumnMapping` — so the rest is the upload's code:
:func:`abm.ingest.build_batch` parses values with the same rules (Japanese
dates, 万円, phases), links rows to people and reports issues, then
:func:`abm.pipeline.prepare` cleans, and the Data page can correct a mapping.
The engine reads the source in place; only the mapped columns come to Python
when a mapping is configured. A mapped column the database already types the
way its canonical column wants — a timestamp or a date read as dates, an
integer read as a number — comes typed through Arrow (no text to write and
parse again: ten million activity instants are not ten million strings), and
:func:`abm.ingest.convert.convert_cells` gives it exactly what its text would
have given. Every other column is cast to text, as an upload's cells are.

:func:`fingerprint` names what the source holds now (its settings, files'
sizes and times, row counts) without reading it, so a stored preparation of
the same data can be reopened instead (:mod:`abm.engine.store`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from abm.engine.backends import Engine
from abm.engine.sources import SourceConfig, raw_table
from abm.errors import MoriError
from abm.ingest.mapping import ColumnMapping, suggest_mapping
from abm.ingest.read import RawTable
from abm.schema import TABLES

__all__ = ["MAX_COLUMNS", "fingerprint", "read_parts", "source_label"]

#: Columns read from a table without a configured mapping (a wide warehouse table).
MAX_COLUMNS = 300


def source_label(config: SourceConfig, table: str) -> str:
    """How a source table is named on screen: ``"<table>: <file pattern or table name>"``."""
    return f"{table}: {dict(config.tables)[table]}"


def _typed_kinds(mapping: ColumnMapping | None, table: str) -> dict[str, str]:
    """Raw column → ``"datetime"`` or ``"number"`` for the mapped columns that may come typed."""
    if mapping is None or table not in TABLES:
        return {}
    spec, out = TABLES[table], {}
    for raw, canon in mapping.columns:
        if canon is None or canon not in spec.names:
            continue
        kind = spec.column(canon).kind
        if kind == "datetime":
            out[raw] = "datetime"
        elif kind in ("int", "float", "money"):
            out[raw] = "number"
    return out


def _column(col: Any, want: str | None) -> Any:
    """The engine expression reading one column: typed when it already is, else text."""
    dtype = col.type()
    if want == "datetime":
        if dtype.is_date():
            return col.cast("timestamp"), "datetime"  # midnight, as 'YYYY-MM-DD' reads
        if dtype.is_timestamp() and dtype.timezone is None and (dtype.scale or 6) <= 6:
            return col, "datetime"
    if want == "number" and dtype.is_integer() and not dtype.is_uint64():
        return col.cast("int64"), "number"
    return col.cast("string"), None


def _text_frame(
    engine: Engine, raw: Any, cols: list[str], table: str, typed: dict[str, str] | None = None
) -> pd.DataFrame:
    """The columns as an upload's cells: text, or typed where ``typed`` asks and they are."""
    exprs, kinds = {}, []
    for i, c in enumerate(cols):
        exprs[f"c{i}"], kind = _column(raw[c], (typed or {}).get(c))
        kinds.append(kind)
    got = engine.arrow(raw.select(**exprs), step="read " + table)
    data = {}
    for i, kind in enumerate(kinds):
        arrow = got.column(i)
        if kind == "number":
            data[i] = pd.Series(pd.Int64Dtype().__from_arrow__(arrow))
        elif kind == "datetime":
            data[i] = pd.Series(arrow.to_pandas())
        else:
            data[i] = pd.Series(arrow.to_pandas()).astype("str")
    frame = pd.DataFrame(data) if data else pd.DataFrame(index=range(got.num_rows))
    frame = frame.set_axis(cols, axis=1)
    frame.index = pd.Index(range(1, len(frame) + 1), dtype="int64")  # the row, 1-based
    return frame


def read_parts(
    engine: Engine, config: SourceConfig, *, saved: Sequence[ColumnMapping] = ()
) -> list[tuple[RawTable, ColumnMapping]]:
    """Each table of the source as an uploaded file and its mapping.

    Parameters
    ----------
    engine : Engine
    config : SourceConfig
    saved : sequence of ColumnMapping
        Mappings the user confirmed before (the workspace's), for tables the
        configuration does not map.

    Returns
    -------
    list of (RawTable, ColumnMapping)
        For :func:`abm.ingest.build_batch`. ``RawTable.file`` is
        :func:`source_label`; rows are numbered from 1.

    Raises
    ------
    MoriError
        ``engine.source.err.*`` (a path or file missing, a mapped column
        missing) and ``engine.err.*`` (a table missing, engine failures).
    """
    mappings = {m.table: m for m in config.mappings}
    kind = config.format if config.kind == "folder" else config.kind
    parts = []
    for table, _ in config.tables:
        raw = raw_table(engine, config, table)
        mapping = mappings.get(table)
        if mapping is not None:
            cols = [r for r, _ in mapping.columns]
            for r in cols:
                if r not in raw.columns:
                    raise MoriError("engine.source.err.column_missing", table=table, column=r)
        else:
            cols = list(raw.columns)[:MAX_COLUMNS]
        file = source_label(config, table)
        frame = _text_frame(engine, raw, cols, table, _typed_kinds(mapping, table))
        text = RawTable(file, frame, kind, None, 0, first_data_row=1)
        if mapping is None:
            mapping = suggest_mapping(text, table=table, saved=saved)
        parts.append((text, mapping))
    return parts


def fingerprint(engine: Engine, config: SourceConfig) -> str:
    """A digest of what the source holds now: settings, files (size, time) and row counts.

    Counting is a metadata read for Parquet and DuckDB and one ``COUNT(*)``
    per table in a warehouse; nothing else is read.
    """
    facts: list[Any] = [
        {k: v for k, v in config.to_dict().items() if k not in SourceConfig.SERVER_ONLY}
    ]
    if config.kind == "duckdb" and Path(config.path).is_file():
        stat = Path(config.path).stat()
        facts.append([stat.st_size, stat.st_mtime_ns])
    for table, where in config.tables:
        if config.kind == "folder":
            for f in sorted(Path(config.path).glob(where)):
                stat = f.stat()
                facts.append([f.name, stat.st_size, stat.st_mtime_ns])
        count = raw_table(engine, config, table).count()
        facts.append([table, int(engine.scalar(count, step="count " + table))])
    text = json.dumps(facts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
