"""The workspace store's records: the audit list, shared views, the last workspace opened.

Mixed into :class:`abm.workspace.store.WorkspaceStore`.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from abm.workspace.store_base import StoreFile, check_id
from abm.workspace.store_sql import DDL, utc
from abm.workspace.store_types import View

__all__ = ["Records", "new_id"]


def new_id(prefix: str = "w") -> str:
    """A new random id (``w…`` workspace, ``s…`` snapshot, ``v…`` view): URL-safe, unguessable."""
    import secrets

    return prefix + secrets.token_hex(6)


class Records(StoreFile):
    """Audit list, views and "last opened" marks of the workspaces."""

    # --- audit, views, last opened -------------------------------------------------------------

    def log(
        self, workspace_id: str, action: str, *, by: str, at: pd.Timestamp, **detail: Any
    ) -> None:
        """Add a row to the audit list (``detail``: only :data:`DETAIL_KEYS`)."""
        ws = check_id(workspace_id)
        self._write(lambda con: self._log(con, ws, action, by, at, detail))

    def audit(self, workspace_id: str, *, limit: int = 1000) -> pd.DataFrame:
        """The audit list, newest first: ``at, who, action, detail`` (a dict)."""

        def run(con: Any, have: set[str]) -> pd.DataFrame:
            if "mori_audit" not in have:
                return _no_audit()
            rows = con.execute(DDL.audit, [workspace_id, int(limit)]).fetchall()
            return pd.DataFrame(
                [(pd.Timestamp(a), w, act, json.loads(d)) for a, w, act, d in rows],
                columns=["at", "who", "action", "detail"],
            )

        return self._read(run, _no_audit())

    def save_view(
        self, workspace_id: str, page: str, state: dict[str, Any], *, snapshot_id: str | None,
        by: str, at: pd.Timestamp,
    ) -> str:  # fmt: skip
        """Store what a page shows (its filters, model, weights); the new view's id."""
        ws, view_id = check_id(workspace_id), new_id("v")

        def run(con: Any) -> None:
            con.execute(
                "INSERT INTO mori_views VALUES (?, ?, ?, ?, ?, ?, ?)",
                [ws, view_id, page, snapshot_id, json.dumps(state, ensure_ascii=False), by,
                 utc(at)],
            )  # fmt: skip
            self._log(con, ws, "view.shared", by, at, {"page": page, "snapshot_id": snapshot_id})

        self._write(run)
        return view_id

    def view(self, workspace_id: str, view_id: str) -> View | None:
        """A stored view of this workspace (``None`` for an unknown id or another workspace's)."""

        def run(con: Any, have: set[str]) -> View | None:
            if "mori_views" not in have:
                return None
            row = con.execute(DDL.view, [workspace_id, view_id]).fetchone()
            return None if row is None else View.from_row(row)

        return self._read(run, None)

    def touch(self, user: str, workspace_id: str, *, at: pd.Timestamp) -> None:
        """Remember that ``user`` opened the workspace (the next visit lands there)."""
        ws = check_id(workspace_id)
        self._write(
            lambda con: con.execute(
                "INSERT OR REPLACE INTO mori_recent VALUES (?, ?, ?)", [user, ws, utc(at)]
            )
        )

    def last_opened(self, user: str) -> str | None:
        """The workspace ``user`` opened last, if it still exists."""

        def run(con: Any, have: set[str]) -> str | None:
            if not {"mori_recent", "mori_workspaces"} <= have:
                return None
            row = con.execute(DDL.recent, [user]).fetchone()
            return row[0] if row else None

        return self._read(run, None)


def _no_audit() -> pd.DataFrame:
    return pd.DataFrame({"at": [], "who": [], "action": [], "detail": []})
