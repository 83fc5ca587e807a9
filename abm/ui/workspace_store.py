"""Where persistent workspaces live, and what is cheap to ask of them on every run (#18).

The store file (:func:`store_path`), who acts and when (:func:`who`,
:func:`now`), and the workspace and snapshot listings read again only when
the file changed (every session asks on every run). :mod:`abm.ui.workspaces`
opens and stores; this module only says where and what is there.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.settings import Workspace
from abm.ui import auth, state
from abm.workspace.store import SnapshotInfo, WorkspaceInfo, WorkspaceStore

__all__ = [
    "ENV_HOME",
    "ENV_PERSIST",
    "STORE_FILE",
    "broken",
    "enabled",
    "now",
    "settings_of",
    "snapshots",
    "store",
    "store_path",
    "who",
    "workspaces",
]

_LOG = logging.getLogger(__name__)
ENV_HOME = "MORI_HOME"
ENV_PERSIST = "MORI_PERSIST"
STORE_FILE = "mori-store.duckdb"


def enabled() -> bool:
    """Whether workspaces are stored on this server (``MORI_PERSIST`` is not 0/off/false/no)."""
    return os.environ.get(ENV_PERSIST, "1").strip().lower() not in ("0", "off", "false", "no")


def store_path() -> Path:
    """The store file: the team configuration's, else ``$MORI_HOME/mori-store.duckdb``."""
    if auth.team_mode():
        return Path(auth.team_config().store)
    home = os.environ.get(ENV_HOME, "").strip()
    return (Path(home).expanduser() if home else Path.home() / ".mori") / STORE_FILE


def store() -> WorkspaceStore:
    """The workspace store of this server."""
    return WorkspaceStore(store_path())


def who() -> str:
    """Who acts, for the audit list: the signed-in address, else ``local``."""
    return auth.user_email() or "local"


def now() -> pd.Timestamp:
    """This server's clock (UTC); the store keeps naive UTC times."""
    return pd.Timestamp.now(tz="UTC")


def _signature(path: Path) -> tuple[int, ...] | None:
    out: list[int] = []
    for p in (path, Path(str(path) + ".wal")):
        try:
            info = p.stat()
            out += [info.st_mtime_ns, info.st_size, info.st_ino]
        except OSError:
            out += [0, 0, 0]
    return tuple(out) if out[0] else None


_LISTING: dict[str, tuple[tuple[int, ...] | None, list[WorkspaceInfo]]] = {}


def workspaces() -> list[WorkspaceInfo]:
    """Every workspace of the store (read again only when the file changed)."""
    path = store_path()
    sig = _signature(path)
    cached = _LISTING.get(str(path))
    if cached is None or cached[0] != sig or sig is None:
        cached = _LISTING[str(path)] = (sig, store().list())
    return list(cached[1])


def snapshots(workspace_id: str) -> list[SnapshotInfo]:
    """The workspace's snapshots, newest first (memoised per store-file state)."""
    key = ("ws.snapshots", str(store_path()), workspace_id, _signature(store_path()))
    memo = st.session_state.setdefault(state.K_WS_HISTORY, {})
    if memo.get("listing", (None,))[0] != key:
        memo["listing"] = (key, store().snapshots(workspace_id))
    return list(memo["listing"][1])


def settings_of(workspace_id: str) -> Workspace:
    """The workspace's stored settings (read again only when the store file changed: each
    run compares them with the session's, :func:`abm.ui.workspaces.sync`)."""
    key = ("ws.settings", str(store_path()), workspace_id, _signature(store_path()))
    memo = st.session_state.setdefault(state.K_WS_HISTORY, {})
    if memo.get("settings", (None,))[0] != key:
        memo["settings"] = (key, store().settings(workspace_id))
    return memo["settings"][1]


def broken(err: MoriError) -> None:
    """Say once that the store cannot be used; the session goes on without it."""
    from abm.ui.shell import msg, tr

    if st.session_state.get(state.K_WS_BROKEN) != err.key:
        _LOG.error("workspace store unusable: %s", err.key)
    st.session_state[state.K_WS_BROKEN] = err.key
    st.error(tr("workspace.err.store", reason=msg(err)), icon=":material/error:")
