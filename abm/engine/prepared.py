"""A configured source, once prepared, kept in the embedded store and reopened.

Preparing a large source is the slow part of opening it (名寄せ of a million
leads takes minutes); reading the same data again would repeat it. So the
app keeps what it prepared — the data as loaded and as cleaned, the cleaning
ledger (:mod:`abm.workspace.snapshot`'s layout, shared with workspaces) and
the activity table (:mod:`abm.engine.table`) — in a DuckDB file
(:mod:`abm.engine.store`), under a key naming the source's content and the
settings that cleaned it (:func:`snapshot_key`). The next opening with the
same key is a reopen: nothing is read from the source but its row counts.

Pure: the caller gives the clock (``saved_at``) and the paths.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from abm.engine import store
from abm.engine.table import ActivityTable
from abm.errors import MoriError

__all__ = [
    "WORKSPACE", "Reopened", "load_prepared", "newest", "save_prepared", "snapshot_key",
]  # fmt: skip

#: The store's workspace id of prepared sources (apart from any user workspace).
WORKSPACE = "mori-source"
#: How many preparations of sources are kept (older ones are deleted on save).
KEEP = 4
_TABLE, _DESCRIPTION = "activity_table", "source_description"


def snapshot_key(fingerprint: str, settings: Any) -> str:
    """The key of a preparation: the source's :func:`~abm.engine.reading.fingerprint`
    and everything that decided the cleaning (JSON-able ``settings``)."""
    text = json.dumps([fingerprint, settings], sort_keys=True, default=str, ensure_ascii=False)
    return "p" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:30]


@dataclass(frozen=True)
class Reopened:
    """A stored preparation as reopened."""

    snapshot: Any  # abm.workspace.snapshot.Snapshot
    table: ActivityTable
    saved_at: pd.Timestamp


def save_prepared(
    path: str | Path,
    key: str,
    snapshot: Any,
    table: ActivityTable,
    *,
    saved_at: pd.Timestamp,
) -> None:
    """Store a prepared source under ``key`` (replaced if present; the oldest beyond
    :data:`KEEP` are deleted).

    Parameters
    ----------
    path : str or pathlib.Path
        The store file (created when absent).
    key : str
        :func:`snapshot_key`.
    snapshot : abm.workspace.snapshot.Snapshot
        The data as loaded and as prepared (no files as read: the source is
        read again when they are needed).
    table : ActivityTable
        The prepared dataset's activity table.
    saved_at : pandas.Timestamp
    """
    from abm.engine import purge
    from abm.workspace.snapshot import encode

    # the table given is the one stored (encode would otherwise build it again)
    dataset, aggregates, description = encode(replace(snapshot, activity_table=table))
    aggregates = {
        **aggregates,
        _DESCRIPTION: pd.DataFrame({"json": [json.dumps(description, default=str)]}),
    }
    store.save(path, dataset, workspace_id=WORKSPACE, snapshot_id=key, settings=snapshot.settings,
               saved_at=saved_at, aggregates=aggregates, label=snapshot.label)  # fmt: skip
    older = store.list_snapshots(path, workspace_id=WORKSPACE)["snapshot_id"].tolist()[KEEP:]
    for old in older:
        purge.delete_snapshot(path, workspace_id=WORKSPACE, snapshot_id=old)


def newest(path: str | Path) -> tuple[str, Any] | None:
    """The key of the preparation stored last in ``path`` (the one whose preparation
    finished last) and the workspace settings that made it; ``None`` when there is no
    store or nothing in it.

    Raises
    ------
    MoriError
        ``engine.store.err.*`` when the file is not a store, newer or damaged.
    """
    from abm.settings import Workspace

    p = Path(path)
    if not p.is_file():
        return None
    listed = store.list_snapshots(p, workspace_id=WORKSPACE)
    if listed.empty:
        return None
    top = listed.iloc[0]
    return str(top["snapshot_id"]), Workspace.from_json(str(top["settings"]), file=p.name)


def load_prepared(path: str | Path, key: str) -> Reopened | None:
    """The preparation stored under ``key``, or ``None`` when there is none (or no store yet).

    Raises
    ------
    MoriError
        ``engine.store.err.*`` when the file is not a store, newer or damaged:
        nothing is returned half-loaded.
    """
    from abm.workspace.snapshot import decode

    p = Path(path)
    if not p.is_file():
        return None
    if key not in set(store.list_snapshots(p, workspace_id=WORKSPACE)["snapshot_id"]):
        return None
    stored = store.load(p, workspace_id=WORKSPACE, snapshot_id=key)
    aggregates = dict(stored.aggregates)
    if _TABLE not in aggregates or _DESCRIPTION not in aggregates:
        raise MoriError("engine.store.err.damaged", file=p.name, table=_TABLE)
    description = json.loads(str(aggregates.pop(_DESCRIPTION)["json"].iloc[0]))
    frame = aggregates.pop(_TABLE)
    snapshot = decode(stored.dataset, aggregates, description, stored.settings)
    ds = snapshot.prepared.dataset
    try:
        table = ActivityTable.from_frame(frame, ds.leads, ds.activities)
    except ValueError:
        raise MoriError("engine.store.err.damaged", file=p.name, table=_TABLE) from None
    saved = stored.saved_at if stored.saved_at is not None else pd.Timestamp(0)
    return Reopened(snapshot, table, pd.Timestamp(saved))
