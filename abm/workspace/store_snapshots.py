"""The workspace store's snapshots: each load of data, stored and reopened (#18).

Mixed into :class:`abm.workspace.store.WorkspaceStore`; see
:mod:`abm.workspace.snapshot` for what a snapshot holds.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pandas as pd

from abm.dataset import Dataset
from abm.engine import purge
from abm.engine import store as engine
from abm.errors import MoriError
from abm.workspace.snapshot import (
    ACTIVITY_TABLE,
    Snapshot,
    activity_table,
    aggregate_names,
    cleaned,
    decode,
    decode_parts,
    encode,
    left_out_names,
    source_rows,
)
from abm.workspace.store_base import StoreFile, check_id
from abm.workspace.store_sql import DDL, utc
from abm.workspace.store_types import SnapshotInfo, snapshot_info

__all__ = ["Snapshots"]


class Snapshots(StoreFile):
    """Snapshots of a workspace: save, list, reopen, delete."""

    # --- snapshots ---------------------------------------------------------------------------

    def save_snapshot(
        self,
        workspace_id: str,
        snapshot_id: str,
        snap: Snapshot,
        *,
        by: str,
        at: pd.Timestamp,
        replaces: bool = False,
    ) -> SnapshotInfo:
        """Store one load of data as snapshot ``snapshot_id`` (replaced if present).

        ``replaces`` says, in the audit list, that the same load was stored
        again (a corrected mapping, new cleaning rules) rather than new data.
        """
        ws, snap_id = check_id(workspace_id), check_id(snapshot_id)
        if self.get(ws) is None:
            raise MoriError("workspace.err.missing")
        dataset, aggregates, description = encode(snap)
        engine.save(self.file, dataset, workspace_id=ws, snapshot_id=snap_id,
                    settings=snap.settings, saved_at=utc(at), aggregates=aggregates,
                    label=snap.label)  # fmt: skip
        files = source_rows(description["sources"])
        action = "snapshot.replaced" if replaces else "snapshot.saved"

        def run(con: Any) -> None:
            con.execute(
                "INSERT OR REPLACE INTO mori_snapshot_info VALUES (?, ?, ?, ?)",
                [ws, snap_id, by, json.dumps(description, ensure_ascii=False, default=str)],
            )
            detail = {"snapshot_id": snap_id, "label": snap.label, "files": files}
            self._log(con, ws, action, by, at, detail)

        try:
            self._write(run)
        except BaseException:
            purge.delete_snapshot(self.file, workspace_id=ws, snapshot_id=snap_id)
            if replaces:  # its data is gone: no entry may list it (it would not reopen)
                with contextlib.suppress(Exception):
                    self._write(lambda con: _forget(con, ws, snap_id))
            raise
        return snapshot_info(ws, snap_id, snap.label, utc(at), by, description)

    def snapshots(self, workspace_id: str) -> list[SnapshotInfo]:
        """The workspace's snapshots, newest first."""

        def run(con: Any, have: set[str]) -> list[SnapshotInfo]:
            if "mori_snapshot_info" not in have:
                return []
            rows = con.execute(DDL.snapshots, [workspace_id]).fetchall()
            return [
                snapshot_info(workspace_id, s, label, at, who, json.loads(desc))
                for s, label, at, who, desc in rows
            ]

        return self._read(run, [])

    def _description(self, workspace_id: str, snapshot_id: str) -> dict[str, Any]:
        found = [s for s in self.snapshots(workspace_id) if s.snapshot_id == snapshot_id]
        if not found:
            raise MoriError("engine.store.err.no_snapshot", file=self.file.name)
        return found[0].description

    def load_snapshot(
        self, workspace_id: str, snapshot_id: str, *, parts: bool = False
    ) -> Snapshot:
        """Reopen a snapshot: the data as loaded and as cleaned, the ledger, the settings.

        The files as read come too when ``parts`` is true (the data page
        asks for them with :meth:`load_parts` only when it needs them).

        Raises
        ------
        MoriError
            ``engine.store.err.*``: no such snapshot, a damaged one, a bad
            file. Nothing is returned half-loaded.
        """
        description = self._description(workspace_id, snapshot_id)
        wanted = [*aggregate_names(description, parts=parts), ACTIVITY_TABLE]
        stored = engine.load(self.file, workspace_id=workspace_id, snapshot_id=snapshot_id,
                             aggregates=wanted)  # fmt: skip
        missing = [k for k in wanted if k not in stored.aggregates and k != ACTIVITY_TABLE]
        if missing:
            raise MoriError("engine.store.err.damaged", file=self.file.name, table=missing[0])
        return decode(stored.dataset, dict(stored.aggregates), description, stored.settings)

    def load_cleaned(
        self, workspace_id: str, snapshot_id: str
    ) -> tuple[Dataset, SnapshotInfo, Any]:
        """What a comparison reads: a snapshot's cleaned dataset, its description and its
        activity table (``None`` when none was stored)."""
        found = [x for x in self.snapshots(workspace_id) if x.snapshot_id == snapshot_id]
        if not found:
            raise MoriError("engine.store.err.no_snapshot", file=self.file.name)
        stored = engine.load(self.file, workspace_id=workspace_id, snapshot_id=snapshot_id,
                             aggregates=(ACTIVITY_TABLE,))  # fmt: skip
        dataset = cleaned(stored.dataset, found[0].description)
        return dataset, found[0], activity_table(dict(stored.aggregates), dataset)

    def load_parts(self, workspace_id: str, snapshot_id: str) -> tuple[tuple[Any, Any], ...]:
        """The files of a snapshot as read, with their mappings."""
        description = self._description(workspace_id, snapshot_id)
        wanted = [f"raw_{i}" for i in range(len(description.get("parts", [])))]
        wanted += left_out_names(description)  # the read's footers and totals come back
        stored = engine.load(self.file, workspace_id=workspace_id, snapshot_id=snapshot_id,
                             aggregates=wanted)  # fmt: skip
        return decode_parts(dict(stored.aggregates), description)

    def delete_snapshot(
        self, workspace_id: str, snapshot_id: str, *, by: str, at: pd.Timestamp
    ) -> None:
        """Delete one snapshot (its data leaves the file: it is rewritten)."""
        ws, snap_id = check_id(workspace_id), check_id(snapshot_id)
        info = [s for s in self.snapshots(ws) if s.snapshot_id == snap_id]
        purge.delete_snapshot(self.file, workspace_id=ws, snapshot_id=snap_id)

        def run(con: Any) -> None:
            _forget(con, ws, snap_id)
            label = info[0].label if info else ""
            self._log(con, ws, "snapshot.deleted", by, at, {"snapshot_id": snap_id, "label": label})

        self._write(run)
        purge.compact(self.file)


def _forget(con: Any, ws: str, snap_id: str) -> None:
    """Remove a snapshot's entry and the views of it (its data is purged apart)."""
    con.execute(
        "DELETE FROM mori_snapshot_info WHERE workspace_id = ? AND snapshot_id = ?", [ws, snap_id]
    )
    con.execute("DELETE FROM mori_views WHERE workspace_id = ? AND snapshot_id = ?", [ws, snap_id])
