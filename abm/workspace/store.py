"""Persistent workspaces in the embedded store file: one per client or team (#18).

The tables live beside the snapshots of :mod:`abm.engine.store` and the
members of :mod:`abm.workspace.members` in the one DuckDB file; every row
carries ``workspace_id``, so deleting a workspace (:meth:`WorkspaceStore.delete`)
reaches all of it::

    mori_workspaces(workspace_id, name, created_by, created_at, settings,
                    settings_at, settings_by)     -- the settings JSON, current
    mori_snapshot_info(workspace_id, snapshot_id, saved_by, description)
    mori_audit(workspace_id, happened_at, seq, who, action, detail)
    mori_views(workspace_id, view_id, page, snapshot_id, state, created_by, created_at)
    mori_recent(user_key, workspace_id, opened_at)  -- the last workspace each user opened

A snapshot's data is :func:`abm.engine.store.save`'s (the cleaned dataset,
the data as loaded, the ledger and the files as read, see
:mod:`abm.workspace.snapshot`); its description (file names, row counts,
the data's as-of date) is ``mori_snapshot_info``. The audit list holds who
did what with file names, counts and section names — :data:`DETAIL_KEYS`
are the only details it accepts, so no cell value can reach it.

Pure like the rest of :mod:`abm`: the caller passes ``at`` (its clock) and
``by`` (who). Every call opens the file and closes it again.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from abm.engine import purge
from abm.errors import MoriError
from abm.settings import Workspace
from abm.workspace.store_base import ACTIONS, DETAIL_KEYS, check_id
from abm.workspace.store_records import Records, new_id
from abm.workspace.store_snapshots import Snapshots
from abm.workspace.store_sql import DDL, columns, utc
from abm.workspace.store_types import SnapshotInfo, View, WorkspaceInfo

__all__ = [
    "ACTIONS",
    "DETAIL_KEYS",
    "SnapshotInfo",
    "View",
    "WorkspaceInfo",
    "WorkspaceStore",
    "new_id",
]

_MAX_NAME = 100


def _name(value: object) -> str:
    text = " ".join(str(value or "").split())
    if not text or len(text) > _MAX_NAME:
        raise MoriError("workspace.err.name", max=_MAX_NAME)
    return text


class WorkspaceStore(Snapshots, Records):
    """The workspaces kept in the store file at ``path`` (created by the first change).

    Reading a file that does not exist yet finds nothing and creates nothing.
    A corrupt or foreign file, or one written by a newer Mori, raises
    ``engine.store.err.*`` and nothing is read or changed.
    """

    # --- workspaces --------------------------------------------------------------------------

    def create(self, workspace_id: str, name: str, *, by: str, at: pd.Timestamp) -> WorkspaceInfo:
        """Create a workspace (empty settings, no snapshot).

        Raises
        ------
        MoriError
            ``workspace.err.id`` / ``workspace.err.name`` (malformed),
            ``workspace.err.exists`` (the id is taken).
        """
        ws, title = check_id(workspace_id), _name(name)

        def run(con: Any) -> None:
            if con.execute(DDL.exists, [ws]).fetchone()[0]:
                raise MoriError("workspace.err.exists")
            con.execute(
                "INSERT INTO mori_workspaces (workspace_id, name, created_by, created_at, settings,"
                " settings_at, settings_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [ws, title, by, utc(at), Workspace().to_json(), utc(at), by],
            )
            self._log(con, ws, "workspace.created", by, at, {"name": title})

        self._write(run)
        return WorkspaceInfo(ws, title, by, pd.Timestamp(utc(at)), 0, None)

    def list(self) -> list[WorkspaceInfo]:
        """Every workspace, by name then id."""

        def run(con: Any, have: set[str]) -> list[WorkspaceInfo]:
            if "mori_workspaces" not in have:
                return []
            have_cols = columns(con, "mori_workspaces")
            cols = {c: f"w.{c}" if c in have_cols else "NULL" for c in ("created_by", "created_at")}
            rows = con.execute(DDL.listing.format(**cols)).fetchall()
            return [WorkspaceInfo.from_row(r) for r in rows]

        return self._read(run, [])

    def get(self, workspace_id: str) -> WorkspaceInfo | None:
        """One workspace, or ``None`` when there is no such workspace."""
        return next((w for w in self.list() if w.workspace_id == workspace_id), None)

    def rename(self, workspace_id: str, name: str, *, by: str, at: pd.Timestamp) -> None:
        """Give a workspace a new name."""
        ws, title = check_id(workspace_id), _name(name)

        def run(con: Any) -> None:
            if not con.execute(DDL.exists, [ws]).fetchone()[0]:
                raise MoriError("workspace.err.missing")
            con.execute("UPDATE mori_workspaces SET name = ? WHERE workspace_id = ?", [title, ws])
            self._log(con, ws, "workspace.renamed", by, at, {"name": title})

        self._write(run)

    def delete(self, workspace_id: str) -> dict[str, int]:
        """Delete the workspace and everything stored for it; rows removed per table.

        Its snapshots (data, aggregates, files as read), settings, members,
        audit list, views and "last opened" marks go in one transaction, then
        the file is rewritten (:func:`abm.engine.purge.delete_workspace`).
        """
        return purge.delete_workspace(self.file, workspace_id=check_id(workspace_id))

    # --- settings ----------------------------------------------------------------------------

    def settings(self, workspace_id: str) -> Workspace:
        """The workspace's current settings (empty when none were saved)."""

        def run(con: Any, have: set[str]) -> str | None:
            if "mori_workspaces" not in have or "settings" not in columns(con, "mori_workspaces"):
                return None
            row = con.execute(
                "SELECT settings FROM mori_workspaces WHERE workspace_id = ?", [workspace_id]
            ).fetchone()
            return row[0] if row else None

        text = self._read(run, None)
        return Workspace.from_json(text, file=self.file.name) if text else Workspace()

    def save_settings(
        self, workspace_id: str, settings: Workspace, *, by: str, at: pd.Timestamp
    ) -> tuple[str, ...]:
        """Store the workspace's settings; the sections that changed (audited by name)."""
        ws = check_id(workspace_id)

        def run(con: Any) -> tuple[str, ...]:
            row = con.execute(
                "SELECT settings FROM mori_workspaces WHERE workspace_id = ?", [ws]
            ).fetchone()
            if row is None:
                raise MoriError("workspace.err.missing")
            before = json.loads(row[0] or "{}").get("sections", {})
            after = json.loads(settings.to_json())["sections"]
            changed = tuple(sorted(k for k in {*before, *after} if before.get(k) != after.get(k)))
            if changed:
                con.execute(
                    "UPDATE mori_workspaces SET settings = ?, settings_at = ?, settings_by = ? "
                    "WHERE workspace_id = ?",
                    [settings.to_json(), utc(at), by, ws],
                )
                self._log(con, ws, "settings.changed", by, at, {"sections": list(changed)})
            return changed

        return self._write(run)
