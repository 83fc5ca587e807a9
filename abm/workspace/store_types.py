"""What the workspace store returns: small frozen records (:mod:`abm.workspace.store`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["SnapshotInfo", "View", "WorkspaceInfo", "snapshot_info"]


def _ts(value: Any) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value)


@dataclass(frozen=True)
class WorkspaceInfo:
    """A workspace: its id and name, who created it and when, how many snapshots it holds."""

    workspace_id: str
    name: str
    created_by: str | None
    created_at: pd.Timestamp | None
    snapshots: int
    last_saved: pd.Timestamp | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> WorkspaceInfo:
        """From a row of the listing query."""
        ws, name, by, at, n, last = row
        return cls(ws, name, by, _ts(at), int(n or 0), _ts(last))


@dataclass(frozen=True)
class SnapshotInfo:
    """One stored load of data, as a listing shows it (names and counts, never values).

    Attributes
    ----------
    files : tuple of (str, str, int)
        ``(file, table, rows)`` of each file of the load.
    rows : dict
        Rows per canonical table as loaded.
    as_of : pandas.Timestamp or None
        The data's own as-of date (its latest event).
    kept, accounts : int
        People and accounts after cleaning.
    description : dict
        Everything :func:`abm.workspace.snapshot.encode` described.
    """

    workspace_id: str
    snapshot_id: str
    label: str
    saved_at: pd.Timestamp | None
    saved_by: str | None
    as_of: pd.Timestamp | None
    files: tuple[tuple[str, str, int], ...]
    rows: dict[str, int]
    kept: int
    accounts: int
    demo: bool
    description: dict[str, Any] = field(repr=False, compare=False)


def snapshot_info(
    workspace_id: str,
    snapshot_id: str,
    label: str | None,
    saved_at: Any,
    saved_by: str | None,
    description: dict[str, Any],
) -> SnapshotInfo:
    """A :class:`SnapshotInfo` from a stored description."""
    sources = description.get("sources", [])
    rows: dict[str, int] = {}
    for s in sources:
        rows[s["table"]] = rows.get(s["table"], 0) + int(s["rows"])
    summary = description.get("summary", {})
    as_of = description.get("as_of")
    return SnapshotInfo(
        workspace_id=workspace_id,
        snapshot_id=snapshot_id,
        label=label or "",
        saved_at=_ts(saved_at),
        saved_by=saved_by,
        as_of=None if as_of is None else pd.Timestamp(as_of),
        files=tuple((s["file"], s["table"], int(s["rows"])) for s in sources),
        rows=rows,
        kept=int(summary.get("kept", 0)),
        accounts=int(summary.get("accounts", 0)),
        demo=bool(description.get("demo", False)),
        description=description,
    )


@dataclass(frozen=True)
class View:
    """A stored view of a page: what its filters, model and weights were, on which snapshot."""

    workspace_id: str
    view_id: str
    page: str
    snapshot_id: str | None
    state: dict[str, Any]
    created_by: str | None
    created_at: pd.Timestamp | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> View:
        """From a row of ``mori_views``."""
        ws, view_id, page, snap, state, by, at = row
        return cls(ws, view_id, page, snap, json.loads(state or "{}"), by, _ts(at))
