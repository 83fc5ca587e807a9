"""The embedded store: a prepared dataset and the settings that produced it, in one DuckDB file.

Reopening a workspace reads the cleaned tables (名寄せ applied, rows linked)
and the aggregates built from them instead of recomputing. Layout, versioned
by :data:`SCHEMA_VERSION` in ``mori_meta`` and built for more than one
workspace and snapshot (workspaces, history and audit will share the file):

* ``mori_meta(key, value)`` — ``format`` (:data:`FORMAT`) and ``schema_version``;
* ``mori_snapshots(workspace_id, snapshot_id, label, saved_at, settings,
  tables)`` — one row per stored snapshot: the workspace settings as their
  JSON file (:meth:`abm.settings.Workspace.to_json`) and, per table, its
  columns, pandas dtypes and row count;
* ``mori_<table>`` per canonical table and ``mori_agg_<name>`` per aggregate,
  each row tagged with ``workspace_id`` and ``snapshot_id``;
* ``mori_dict(workspace_id, snapshot_id, tbl, col, code, value)`` — since
  version 2, a text column of many rows and few distinct values (an activity
  log's kinds, files, lead ids) is stored as integer codes (column
  ``<name>#code``) and its distinct values once here: written and read back
  as integers through Arrow, ten million activities are not ten million
  strings each way. Version 1 snapshots read as before.

A snapshot is written in one transaction and its row in ``mori_snapshots``
comes last, so a failed save leaves nothing; a file that is not a DuckDB
database, a DuckDB file that is not a Mori store, a newer schema or a snapshot
whose row counts do not match give a :class:`~abm.errors.MoriError` and
nothing is returned half-loaded. ``saved_at`` is the caller's (no clock here).

Every connection to a file holds this process's lock on it until it is
closed (:func:`file_lock`): DuckDB refuses a read-only and a read-write
connection to one file side by side in one process, and the app's sessions
are threads. Deleting a workspace or a snapshot, and rewriting the file so
that no freed page keeps a byte of it, is :mod:`abm.engine.purge`.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from abm.dataset import Dataset
from abm.errors import MoriError
from abm.settings import Workspace

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "StoredDataset",
    "file_lock",
    "list_snapshots",
    "load",
    "save",
    "write_in_transaction",
]

#: Marker of a Mori store in ``mori_meta``.
FORMAT = "mori-store"
#: Layout version written (and the newest readable).
SCHEMA_VERSION = 2
#: Suffix of a coded text column's codes (:data:`SCHEMA_VERSION` 2).
CODE = "#code"
#: Text columns of at least this many rows, with at most this share of distinct values, are coded.
_CODE_ROWS, _CODE_SHARE = 1000, 0.5
_TABLES = ("leads", "activities", "opportunities", "accounts")
_KEYS = ("workspace_id", "snapshot_id")


@dataclass(frozen=True)
class StoredDataset:
    """A snapshot as reopened: the prepared dataset, its settings and aggregates."""

    dataset: Dataset
    settings: Workspace
    aggregates: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    workspace_id: str = ""
    snapshot_id: str = ""
    label: str = ""
    saved_at: pd.Timestamp | None = None


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def file_lock(path: str | Path) -> threading.RLock:
    """This process's lock on the store file at ``path`` (one per real path).

    :func:`_connect` holds it for the life of each connection; hold it
    yourself around several calls that must not interleave with another
    thread's (a read-modify-write, :func:`compact`).
    """
    key = os.path.realpath(path)
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.RLock())


class _Connection:
    """A DuckDB connection that releases its file's lock when closed."""

    def __init__(self, con: Any, lock: threading.RLock) -> None:
        self._con, self._lock = con, lock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def close(self) -> None:
        lock, self._lock = self._lock, None
        try:
            self._con.close()
        finally:
            if lock is not None:
                lock.release()


def _connect(path: Path, *, read_only: bool) -> Any:
    import duckdb

    lock = file_lock(path)
    lock.acquire()
    try:
        return _Connection(duckdb.connect(str(path), read_only=read_only), lock)
    except duckdb.Error as exc:
        lock.release()
        text = str(exc).lower()
        if "lock" in text:
            raise MoriError("engine.store.err.locked", file=path.name) from None
        raise MoriError("engine.store.err.corrupt", file=path.name) from None
    except BaseException:
        lock.release()
        raise


def _init(con: Any, file: str) -> None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "mori_meta" not in tables:
        if tables:
            raise MoriError("engine.store.err.foreign", file=file)
        con.execute("CREATE TABLE mori_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute(
            "INSERT INTO mori_meta VALUES ('format', ?), ('schema_version', ?)",
            [FORMAT, str(SCHEMA_VERSION)],
        )
        con.execute(
            "CREATE TABLE mori_snapshots (workspace_id VARCHAR, snapshot_id VARCHAR, "
            "label VARCHAR, saved_at TIMESTAMP, settings VARCHAR, tables VARCHAR, "
            "PRIMARY KEY (workspace_id, snapshot_id))"
        )
    _check(con, file)


def write_in_transaction(
    path: Path,
    fn: Callable[[Any], Any],
    *,
    tables: Callable[[Any], None] | None = None,
    create: bool = True,
) -> Any:
    """Run ``fn(con)`` on the store file inside one transaction; return its result.

    The file is opened read-write under its lock and initialised (or checked as
    Mori's); ``tables(con)`` creates a module's own tables first. Any error rolls
    the transaction back and is raised again; the connection is always closed.

    Parameters
    ----------
    path : pathlib.Path
        The store file.
    fn : callable
        The writes, given the connection.
    tables : callable, optional
        Creates the caller's tables if missing (outside the transaction).
    create : bool
        Make a new or empty file a Mori store; ``False`` only checks it is one
        (deleting from a store never creates it).

    Returns
    -------
    Any
        What ``fn`` returned.
    """
    con = _connect(path, read_only=False)
    try:
        (_init if create else _check)(con, path.name)
        if tables is not None:
            tables(con)
        con.execute("BEGIN TRANSACTION")
        try:
            out = fn(con)
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):  # a failed COMMIT has ended it already
                con.execute("ROLLBACK")
            raise
        return out
    finally:
        con.close()


def _check(con: Any, file: str) -> None:
    try:
        meta = dict(con.execute("SELECT key, value FROM mori_meta").fetchall())
    except Exception:
        raise MoriError("engine.store.err.foreign", file=file) from None
    if meta.get("format") != FORMAT:
        raise MoriError("engine.store.err.foreign", file=file)
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise MoriError("engine.store.err.foreign", file=file) from None
    if version > SCHEMA_VERSION:
        raise MoriError(
            "engine.store.err.newer", file=file, version=version, supported=SCHEMA_VERSION
        )


def _dict_table(con: Any) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS mori_dict (workspace_id VARCHAR, snapshot_id VARCHAR, "
        "tbl VARCHAR, col VARCHAR, code INTEGER, value VARCHAR)"
    )


def _coded(arrow: Any, frame: pd.DataFrame) -> tuple[Any, list[tuple[str, Any]]]:
    """``arrow`` with its repetitive text columns as codes, and each coded column's values
    (``(name, table of code and value)``) for ``mori_dict``."""
    import pyarrow as pa

    coded: list[tuple[str, Any]] = []
    if len(frame) < _CODE_ROWS:
        return arrow, coded
    for i, name in enumerate(arrow.column_names):
        kind = arrow.schema.field(i).type
        text = pa.types.is_string(kind) or pa.types.is_large_string(kind)
        if not text or not isinstance(frame.dtypes.iloc[i], pd.StringDtype):
            continue
        enc = arrow.column(i).combine_chunks().dictionary_encode()
        if len(enc.dictionary) > _CODE_SHARE * len(frame):
            continue
        values = pa.table({"code": pa.array(range(len(enc.dictionary)), pa.int32()),
                           "value": enc.dictionary.cast(pa.large_string())})  # fmt: skip
        arrow = arrow.set_column(i, name + CODE, enc.indices.cast(pa.int32()))
        coded.append((name, values))
    return arrow, coded


@dataclass(frozen=True)
class _Incoming:
    """A frame as it will be stored: its Arrow table (text columns coded) and their values."""

    table: str
    frame: pd.DataFrame
    arrow: Any
    coded: list[tuple[str, Any]]


def _incoming(table: str, frame: pd.DataFrame) -> _Incoming:
    from abm.engine.backends import to_arrow

    arrow = to_arrow(frame)
    coded: list[tuple[str, Any]] = []
    if not frame.columns.has_duplicates and not any(str(c).endswith(CODE) for c in frame.columns):
        arrow, coded = _coded(arrow, frame)
    return _Incoming(table, frame, arrow, coded)


def _widen(con: Any, incoming: _Incoming) -> None:
    """Create ``incoming.table`` or add the columns it lacks — before any row of the
    transaction is deleted or written: DuckDB refuses at COMMIT to alter a table the same
    transaction changed (QA-G: a file re-read with another kind, saved over its snapshot)."""
    con.register("mori_incoming", incoming.arrow)
    try:
        table = _q(incoming.table)
        try:
            have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        except Exception:
            con.execute(
                f"CREATE TABLE {table} AS SELECT ''::VARCHAR AS workspace_id, "
                f"''::VARCHAR AS snapshot_id, * FROM mori_incoming LIMIT 0"
            )
            return
        types = dict(
            con.execute("SELECT column_name, column_type FROM (DESCRIBE mori_incoming)").fetchall()
        )
        for c in incoming.arrow.column_names:
            if c not in have:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {_q(c)} {types[c]}")
    finally:
        con.unregister("mori_incoming")


def _write(con: Any, incoming: _Incoming, ids: tuple[str, str]) -> dict[str, Any]:
    """Append a frame to its table (made wide enough by :func:`_widen`), its coded columns'
    values to ``mori_dict``."""
    for i, (name, values) in enumerate(incoming.coded):
        if i == 0:
            _dict_table(con)
        con.register("mori_dict_incoming", values)
        con.execute(
            "INSERT INTO mori_dict SELECT ?, ?, ?, ?, code, value FROM mori_dict_incoming",
            [*ids, incoming.table, name],
        )
        con.unregister("mori_dict_incoming")
    names = list(incoming.arrow.column_names)
    con.register("mori_incoming", incoming.arrow)
    cols = ", ".join(_q(c) for c in names)
    con.execute(
        f"INSERT INTO {_q(incoming.table)} (workspace_id, snapshot_id{', ' if cols else ''}{cols}) "
        f"SELECT ?, ?{', ' if cols else ''}{cols} FROM mori_incoming",
        list(ids),
    )
    con.unregister("mori_incoming")
    frame = incoming.frame
    spec = {"columns": list(frame.columns), "dtypes": [str(d) for d in frame.dtypes],
            "rows": len(frame)}  # fmt: skip
    if incoming.coded:
        spec["coded"] = [name for name, _ in incoming.coded]
    return spec


def save(
    path: str | Path,
    dataset: Dataset,
    *,
    workspace_id: str,
    snapshot_id: str,
    settings: Workspace,
    saved_at: pd.Timestamp,
    aggregates: Mapping[str, pd.DataFrame] | None = None,
    label: str = "",
) -> None:
    """Store a prepared dataset as snapshot ``(workspace_id, snapshot_id)`` (replaced if present).

    Parameters
    ----------
    path : str or pathlib.Path
        The DuckDB file (created when absent).
    dataset : Dataset
        Prepared (:func:`abm.pipeline.prepare`); frames are not modified.
    workspace_id, snapshot_id : str
    settings : Workspace
        The workspace settings that produced the dataset.
    saved_at : pandas.Timestamp
        When (the caller's clock).
    aggregates : mapping, optional
        Name (letters, digits, ``_``) → frame built from the dataset (the
        compact engagement table…).
    label : str
        A name for the snapshot (file names of the load, a month).
    """
    ids = (workspace_id, snapshot_id)
    staged = {name: _incoming(_table_of(name), frame) for name, frame in dataset.tables().items()}
    staged |= {
        f"agg:{name}": _incoming(_table_of(f"agg:{name}"), frame)
        for name, frame in (aggregates or {}).items()
    }

    def writes(con: Any) -> None:
        for name in aggregates or {}:
            if not name.replace("_", "").isalnum() or not name.isascii():
                raise ValueError(f"invalid aggregate name: {name!r}")  # a programming error
        for incoming in staged.values():  # every table's new columns first (see _widen)
            _widen(con, incoming)
        _delete(con, ids)
        con.execute(  # coded columns: a reader of version 1 must refuse the file
            "UPDATE mori_meta SET value = ? WHERE key = 'schema_version' AND value = '1'",
            [str(SCHEMA_VERSION)],
        )
        meta = {key: _write(con, incoming, ids) for key, incoming in staged.items()}
        con.execute(
            "INSERT INTO mori_snapshots VALUES (?, ?, ?, ?, ?, ?)",
            [*ids, label, pd.Timestamp(saved_at).to_pydatetime(), settings.to_json(),
             json.dumps(meta)],
        )  # fmt: skip

    write_in_transaction(Path(path), writes)


def _table_of(key: str) -> str:
    """The table of a snapshot's entry: ``mori_<table>``, or ``mori_agg_<name>`` for ``agg:``."""
    return f"mori_agg_{key[4:]}" if key.startswith("agg:") else f"mori_{key}"


def _side_by_side(fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """``fn`` over ``items`` on threads, one per core, results in order: for DuckDB scans and
    Arrow decoding, which run outside the GIL."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(len(items), os.cpu_count() or 1))) as pool:
        return list(pool.map(fn, items))


def _delete(con: Any, ids: tuple[str, str]) -> None:
    row = con.execute(
        "SELECT tables FROM mori_snapshots WHERE workspace_id = ? AND snapshot_id = ?", list(ids)
    ).fetchone()
    if row is None:
        return
    for key in json.loads(row[0]):
        con.execute(
            f"DELETE FROM {_q(_table_of(key))} WHERE workspace_id = ? AND snapshot_id = ?",
            list(ids),
        )
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "mori_dict" in have:
        con.execute("DELETE FROM mori_dict WHERE workspace_id = ? AND snapshot_id = ?", list(ids))
    con.execute("DELETE FROM mori_snapshots WHERE workspace_id = ? AND snapshot_id = ?", list(ids))


def _read(
    con: Any, table: str, spec: dict[str, Any], ids: tuple[str, str], file: str
) -> pd.DataFrame:
    coded = set(spec.get("coded", []))
    cols = ", ".join(
        f"{_q(c + CODE)} AS {_q(c)}" if c in coded else _q(c) for c in spec["columns"]
    ) or "1 AS _none"  # fmt: skip
    try:  # on a cursor of its own: tables are read side by side (_read_all)
        cur = con.cursor()
        try:
            where, params = " WHERE workspace_id = ? AND snapshot_id = ?", list(ids)
            if _only(cur, table, spec["rows"], ids):
                where, params = "", []
            arrow = cur.execute(f"SELECT {cols} FROM {_q(table)}{where}", params).to_arrow_table()
        finally:
            cur.close()
        if coded:
            arrow = _decoded(con, arrow, table, coded, ids)
    except Exception:
        raise MoriError("engine.store.err.damaged", file=file, table=table) from None
    if arrow.num_rows != spec["rows"]:
        raise MoriError("engine.store.err.damaged", file=file, table=table)
    frame = arrow.to_pandas() if spec["columns"] else pd.DataFrame(index=range(spec["rows"]))
    try:
        return frame.astype(dict(zip(spec["columns"], spec["dtypes"], strict=True)))
    except (TypeError, ValueError):
        raise MoriError("engine.store.err.damaged", file=file, table=table) from None


def _only(con: Any, table: str, rows: int, ids: tuple[str, str]) -> bool:
    """Whether ``table`` holds this snapshot's rows and nothing else (a store's usual first
    snapshot): then it is read without the filter, which compares two text columns on every
    row (10M activities: 0.4-0.8 s of a 0.7-1.3 s read). Both checks are cheap: the row count
    is metadata, and the search for another snapshot's row skips every block whose column
    statistics hold only this snapshot's ids."""
    if con.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()[0] != rows:
        return False
    other = con.execute(
        f"SELECT count(*) FROM {_q(table)} "
        "WHERE workspace_id IS DISTINCT FROM ? OR snapshot_id IS DISTINCT FROM ?",
        list(ids),
    ).fetchone()[0]
    return other == 0


def _decoded(con: Any, arrow: Any, table: str, coded: set[str], ids: tuple[str, str]) -> Any:
    """``arrow`` with its coded columns back as text (their values from ``mori_dict``).

    The columns are decoded side by side, one per core, each with its own
    values read on its own cursor (DuckDB's scan and Arrow's ``take`` release
    the GIL): one query sorting every coded column's values together cost as
    much as the decoding itself at ten million activities.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def decode(name: str) -> Any:
        cur = con.cursor()
        try:
            values = cur.execute(
                "SELECT code, value FROM mori_dict WHERE workspace_id = ? AND snapshot_id = ? "
                "AND tbl = ? AND col = ? ORDER BY code",
                [*ids, table, name],
            ).to_arrow_table()
        finally:
            cur.close()
        if not np.array_equal(values.column("code").to_numpy(), np.arange(values.num_rows)):
            raise ValueError("codes out of order")  # damaged: caught by the caller
        text = values.column("value").combine_chunks().cast(pa.large_string())
        codes = arrow.column(arrow.column_names.index(name))
        if len(text) == 1 and codes.null_count == 0 and _all_zero(codes):  # one value, every row
            return _repeated(text, len(codes))  # (a code other than 0 is a damaged store)
        return pc.take(text, codes, memory_pool=_pool())  # null → null

    names = sorted(coded)
    for name, column in zip(names, _side_by_side(decode, names), strict=True):
        arrow = arrow.set_column(arrow.column_names.index(name), name, column)
    return arrow


def _all_zero(codes: Any) -> bool:
    import pyarrow.compute as pc

    if not len(codes):
        return True
    low_high = pc.min_max(codes)
    return low_high["min"].as_py() == 0 and low_high["max"].as_py() == 0


def _pool() -> Any:
    """The memory pool decoded columns are written to: jemalloc where pyarrow has it.

    Decoding writes a gigabyte of new text at ten million activities, most of it into
    memory the process never touched. The six activity columns' takes into fresh memory,
    single-threaded: 1.1-2.7 s with pyarrow's default pool (mimalloc), 1.1-1.5 s with
    jemalloc, 1.0-1.1 s with the system allocator (five runs each); jemalloc is the one
    pyarrow builds carry alongside. The funnel page's reopening at 1M (AppTest, three
    sessions a run): 5.0-5.6 s before either change, 4.7-5.2 s with :func:`_repeated`,
    3.6-4.2 s with this pool as well.
    Elsewhere (smaller buffers, reused) mimalloc stays faster.
    """
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return pa.default_memory_pool()


#: Rows of the one chunk a column holding a single value is made of (:func:`_repeated`).
_REPEAT_ROWS = 1 << 20


def _repeated(value: Any, rows: int) -> Any:
    """``rows`` copies of the one-element array ``value``: one chunk of at most
    :data:`_REPEAT_ROWS` rows, repeated, so ten million rows of a file name hold one
    chunk's memory (a table's ``source_file``, an activity log's single ``link_rule``).

    Writing 10M copies of a value allocated ~0.35 GB that the machine had to fault in
    page by page; pandas keeps the chunks as they are (``string`` dtype, no copy).
    """
    import numpy as np
    import pyarrow as pa

    base = value.take(pa.array(np.zeros(min(rows, _REPEAT_ROWS), dtype=np.int64)))
    whole, rest = divmod(rows, len(base)) if len(base) else (0, 0)
    return pa.chunked_array([base] * whole + ([base.slice(0, rest)] if rest else []), base.type)


def _read_all(
    con: Any, specs: Mapping[str, dict[str, Any]], ids: tuple[str, str], file: str
) -> dict[str, pd.DataFrame]:
    """Every table of ``specs`` (key → spec), read side by side, one cursor per core.

    A large table's read is mostly DuckDB's scan and Arrow's decoding, both
    outside the GIL: with the largest tables started first, a million leads and
    their ten million activities are read together rather than one after the other.
    """

    def size(key: str) -> int:
        rows = specs[key].get("rows") if isinstance(specs[key], dict) else None
        return rows if isinstance(rows, int) else 0  # a damaged spec fails in its read

    order = sorted(specs, key=lambda k: -size(k))
    frames = _side_by_side(lambda key: _read(con, _table_of(key), specs[key], ids, file), order)
    read = dict(zip(order, frames, strict=True))
    return {key: read[key] for key in specs}


def load(
    path: str | Path,
    *,
    workspace_id: str,
    snapshot_id: str | None = None,
    aggregates: Collection[str] | None = None,
) -> StoredDataset:
    """Reopen a stored snapshot (the latest saved for the workspace when ``snapshot_id`` is None).

    Parameters
    ----------
    aggregates : collection of str, optional
        Names of the aggregates to read (default: all); the tables of the
        dataset are always read.

    Raises
    ------
    MoriError
        ``engine.store.err.*``: not a DuckDB file, not a Mori store, a newer
        schema, no such snapshot, or a damaged one. Nothing is returned then.
    """
    p = Path(path)
    if not p.exists():
        raise MoriError("engine.store.err.no_snapshot", file=p.name)
    con = _connect(p, read_only=True)
    try:
        _check(con, p.name)
        query = "SELECT snapshot_id, label, saved_at, settings, tables FROM mori_snapshots "
        query += "WHERE workspace_id = ?" + (" AND snapshot_id = ?" if snapshot_id else "")
        params = [workspace_id] + ([snapshot_id] if snapshot_id else [])
        row = con.execute(query + " ORDER BY saved_at DESC LIMIT 1", params).fetchone()
        if row is None:
            raise MoriError("engine.store.err.no_snapshot", file=p.name)
        snap, label, saved_at, settings_json, tables_json = row
        ids = (workspace_id, snap)
        meta = json.loads(tables_json)
        wanted = {
            key: spec
            for key, spec in meta.items()
            if not key.startswith("agg:") or aggregates is None or key[4:] in aggregates
        }
        frames = _read_all(con, wanted, ids, p.name)
    finally:
        con.close()
    settings = Workspace.from_json(settings_json, file=p.name)
    dataset = Dataset(**{k: v for k, v in frames.items() if k in _TABLES})
    aggregates = {k[4:]: v for k, v in frames.items() if k.startswith("agg:")}
    return StoredDataset(
        dataset, settings, aggregates, workspace_id, snap, label, pd.Timestamp(saved_at)
    )


def list_snapshots(path: str | Path, *, workspace_id: str) -> pd.DataFrame:
    """The workspace's stored snapshots: ``snapshot_id``, ``label``, ``saved_at`` and
    ``settings`` (the workspace settings' JSON), newest first."""
    p = Path(path)
    con = _connect(p, read_only=True)
    try:
        _check(con, p.name)
        return con.execute(
            "SELECT snapshot_id, label, saved_at, settings FROM mori_snapshots "
            "WHERE workspace_id = ? "
            "ORDER BY saved_at DESC",
            [workspace_id],
        ).df()
    finally:
        con.close()
