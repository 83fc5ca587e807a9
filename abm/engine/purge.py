"""Deleting from the embedded store so that nothing of it remains (#18 data governance).

A DuckDB ``DELETE`` frees pages but does not wipe them: the bytes of deleted
rows stay in the file until the pages are reused. :func:`delete_workspace`
removes every row tagged with a workspace (data, aggregates, snapshots,
settings, members, audit, views — every table with a ``workspace_id``
column) in one transaction and then :func:`compact` rewrites the file with
only its live rows. :func:`delete_snapshot` removes one snapshot's rows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from abm.engine.store import _check, _connect, _delete, _q, file_lock, write_in_transaction

__all__ = ["compact", "delete_snapshot", "delete_workspace"]


def _tagged_tables(con: Any) -> list[str]:
    """Every table of the file with a ``workspace_id`` column (data, snapshots, members…)."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_columns() WHERE column_name = 'workspace_id' "
        "AND database_name = current_database() ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def delete_snapshot(path: str | Path, *, workspace_id: str, snapshot_id: str) -> bool:
    """Delete one stored snapshot (its rows in every table); whether it existed.

    The freed pages are not rewritten: call :func:`compact` when nothing of it
    may remain in the file.
    """
    p = Path(path)
    if not p.exists():
        return False
    ids = (workspace_id, snapshot_id)

    def delete(con: Any) -> bool:
        found = con.execute(
            "SELECT count(*) FROM mori_snapshots WHERE workspace_id = ? AND snapshot_id = ?",
            list(ids),
        ).fetchone()[0]
        _delete(con, ids)
        return bool(found)

    return write_in_transaction(p, delete, create=False)


def delete_workspace(path: str | Path, *, workspace_id: str) -> dict[str, int]:
    """Delete every row tagged with ``workspace_id``, in every table, then :func:`compact`.

    One transaction: either every table loses the workspace's rows or none
    does. Tables left empty by it are kept (another workspace may write them).

    Returns
    -------
    dict
        Rows removed per table (tables that held none are left out).
    """
    p = Path(path)
    if not p.exists():
        return {}
    removed: dict[str, int] = {}
    with file_lock(p):
        con = _connect(p, read_only=False)
        try:
            _check(con, p.name)
            con.execute("BEGIN TRANSACTION")
            try:
                for table in _tagged_tables(con):
                    n = con.execute(
                        f"SELECT count(*) FROM {_q(table)} WHERE workspace_id = ?", [workspace_id]
                    ).fetchone()[0]
                    if n:
                        con.execute(
                            f"DELETE FROM {_q(table)} WHERE workspace_id = ?", [workspace_id]
                        )
                        removed[table] = int(n)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.close()
        compact(p)
    return removed


def compact(path: str | Path) -> None:
    """Rewrite the store file with only its live rows (deleted rows' bytes are gone after).

    DuckDB reuses freed pages but does not wipe them; a copy of the database
    into a new file (tables, constraints, rows) replaces the old one
    atomically, and the old write-ahead log goes with it. Holds the file's
    lock throughout, so no other thread of this process sees it half-done.
    """
    p = Path(path)
    if not p.exists():
        return
    fresh = p.with_name(p.name + ".compact")
    with file_lock(p):
        for leftover in (fresh, Path(str(fresh) + ".wal")):
            leftover.unlink(missing_ok=True)
        con = _connect(p, read_only=False)
        try:
            _check(con, p.name)
            con.execute("CHECKPOINT")
            name = con.execute("SELECT current_database()").fetchone()[0]
            con.execute(f"ATTACH {_literal(str(fresh))} AS mori_compact")
            try:
                con.execute(f"COPY FROM DATABASE {_q(name)} TO mori_compact")
            finally:
                con.execute("DETACH mori_compact")
        finally:
            con.close()
        with open(fresh, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(fresh, p)
        Path(str(p) + ".wal").unlink(missing_ok=True)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
