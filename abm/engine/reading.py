"""A configured source read as an upload's files: one path from there on.

:func:`read_parts` turns each table of a :class:`~abm.engine.sources.SourceConfig`
(a Parquet/CSV folder, a DuckDB file, a warehouse table) into what reading an
uploaded export gives — a :class:`~abm.ingest.RawTable` of text cells and its
:class:`~abm.ingest.ColumnMapping` — so the rest is the upload's code:
:func:`abm.ingest.build_batch` parses values with the same rules (Japanese
dates, 万円, phases), links rows to people and reports issues, then
:func:`abm.pipeline.prepare` cleans, and the Data page can correct a mapping.
The engine reads the source in place and casts every column to text; only the
mapped columns come to Python when a mapping is configured.

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

__all__ = ["MAX_COLUMNS", "fingerprint", "read_parts", "source_label"]

#: Columns read from a table without a configured mapping (a wide warehouse table).
MAX_COLUMNS = 300


def source_label(config: SourceConfig, table: str) -> str:
    """How a source table is named on screen: ``"<table>: <file pattern or table name>"``."""
    return f"{table}: {dict(config.tables)[table]}"


def _text_frame(engine: Engine, raw: Any, cols: list[str], table: str) -> pd.DataFrame:
    expr = raw.select(**{f"c{i}": raw[c].cast("string") for i, c in enumerate(cols)})
    got = engine.arrow(expr, step="read " + table).to_pandas()
    frame = got.set_axis(cols, axis=1).astype("str")
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
        text = RawTable(file, _text_frame(engine, raw, cols, table), kind, None, 0,
                        first_data_row=1)  # fmt: skip
        if mapping is None:
            mapping = suggest_mapping(text, table=table, saved=saved)
        parts.append((text, mapping))
    return parts


def fingerprint(engine: Engine, config: SourceConfig) -> str:
    """A digest of what the source holds now: settings, files (size, time) and row counts.

    Counting is a metadata read for Parquet and DuckDB and one ``COUNT(*)``
    per table in a warehouse; nothing else is read.
    """
    facts: list[Any] = [config.to_dict()]
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
