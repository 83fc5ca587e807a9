"""The workspace store's tables and queries (:mod:`abm.workspace.store`).

``mori_workspaces`` may already exist with only ``(workspace_id, name)``
(a team administrator can create it by hand, and the members store reads
names from it): missing columns are added, nothing is dropped.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pandas as pd

__all__ = ["DDL", "columns", "ensure_tables", "tables", "utc"]

_CREATE = (
    "CREATE TABLE IF NOT EXISTS mori_workspaces (workspace_id VARCHAR PRIMARY KEY, name VARCHAR)",
    "CREATE TABLE IF NOT EXISTS mori_snapshot_info (workspace_id VARCHAR NOT NULL, "
    "snapshot_id VARCHAR NOT NULL, saved_by VARCHAR, description VARCHAR, "
    "PRIMARY KEY (workspace_id, snapshot_id))",
    "CREATE TABLE IF NOT EXISTS mori_audit (workspace_id VARCHAR NOT NULL, happened_at TIMESTAMP, "
    "seq BIGINT, who VARCHAR, action VARCHAR, detail VARCHAR)",
    "CREATE TABLE IF NOT EXISTS mori_views (workspace_id VARCHAR NOT NULL, view_id VARCHAR NOT NULL,"
    " page VARCHAR, snapshot_id VARCHAR, state VARCHAR, created_by VARCHAR, created_at TIMESTAMP, "
    "PRIMARY KEY (workspace_id, view_id))",
    "CREATE TABLE IF NOT EXISTS mori_recent (user_key VARCHAR PRIMARY KEY, workspace_id VARCHAR, "
    "opened_at TIMESTAMP)",
)
_WORKSPACE_COLUMNS = (
    ("created_by", "VARCHAR"),
    ("created_at", "TIMESTAMP"),
    ("settings", "VARCHAR"),
    ("settings_at", "TIMESTAMP"),
    ("settings_by", "VARCHAR"),
)

DDL = SimpleNamespace(
    exists="SELECT count(*) FROM mori_workspaces WHERE workspace_id = ?",
    listing=(
        "SELECT w.workspace_id, coalesce(w.name, w.workspace_id), {created_by}, {created_at}, "
        "(SELECT count(*) FROM mori_snapshots s WHERE s.workspace_id = w.workspace_id), "
        "(SELECT max(saved_at) FROM mori_snapshots s WHERE s.workspace_id = w.workspace_id) "
        "FROM mori_workspaces w ORDER BY 2, 1"
    ),
    snapshots=(
        "SELECT s.snapshot_id, s.label, s.saved_at, i.saved_by, i.description "
        "FROM mori_snapshots s JOIN mori_snapshot_info i "
        "ON i.workspace_id = s.workspace_id AND i.snapshot_id = s.snapshot_id "
        "WHERE s.workspace_id = ? ORDER BY s.saved_at DESC, s.snapshot_id DESC"
    ),
    audit=(
        "SELECT happened_at, who, action, detail FROM mori_audit WHERE workspace_id = ? "
        "ORDER BY happened_at DESC, seq DESC LIMIT ?"
    ),
    view=(
        "SELECT workspace_id, view_id, page, snapshot_id, state, created_by, created_at "
        "FROM mori_views WHERE workspace_id = ? AND view_id = ?"
    ),
    recent=(
        "SELECT r.workspace_id FROM mori_recent r JOIN mori_workspaces w "
        "ON w.workspace_id = r.workspace_id WHERE r.user_key = ?"
    ),
)


def tables(con: Any) -> set[str]:
    """Names of the tables in the store file."""
    return {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    }


def columns(con: Any, table: str) -> set[str]:
    """Column names of ``table`` (a table made by hand may lack some of ours)."""
    return {r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()}


def ensure_tables(con: Any) -> None:
    """Create the workspace tables that are missing and the columns an older table lacks."""
    for sql in _CREATE:
        con.execute(sql)
    for name, kind in _WORKSPACE_COLUMNS:
        con.execute(f"ALTER TABLE mori_workspaces ADD COLUMN IF NOT EXISTS {name} {kind}")


def utc(at: pd.Timestamp) -> Any:
    """``at`` as a naive UTC ``datetime`` (how the store keeps every time)."""
    ts = pd.Timestamp(at)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime()
