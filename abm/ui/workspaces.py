"""Workspaces that persist (#18): the session's side of :class:`abm.workspace.store.WorkspaceStore`.

Where: team mode keeps workspaces in the administrator's store file
(``store`` of :class:`abm.workspace.config.TeamConfig`); the local mode
(``make run``) in ``$MORI_HOME/mori-store.duckdb`` (default ``~/.mori``).
``MORI_PERSIST=0`` turns persistence off (a kiosk, the test servers).

What happens on each run (:func:`sync`, called by
:func:`abm.ui.shell.page_setup` right after sign-in is checked):

* a fresh session opens the user's last workspace (local mode: the first
  one, or a default workspace created on first use) with its settings and
  its latest snapshot — the stored cleaned data, not recomputed;
* a link's ``?ws=`` (checked by :mod:`abm.ui.auth`), ``?snap=`` and
  ``?view=`` open that workspace, snapshot and shared view once;
* a load of data (:func:`loaded`) is stored as a new snapshot once it is
  cleaned (a big upload is cleaned in a worker: the run after it finishes
  stores it); a corrected mapping or new cleaning rules store it again;
* settings are stored with every change (:func:`settings_changed`, called by
  :func:`abm.ui.state.set_workspace`), audited by section name.

The bundled demo is never stored unless asked (:func:`save_demo`): while it
is shown the workspace is *detached* and changes stay in the session. A
viewer's changes stay in their session too. A store file that cannot be used
(corrupt, foreign, newer) is said once, translated, and nothing half-loaded:
the session goes on without persistence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from abm.errors import MoriError
from abm.ui import auth, state
from abm.ui.workspace_store import (
    ENV_HOME,
    ENV_PERSIST,
    broken,
    enabled,
    now,
    settings_of,
    snapshots,
    store,
    store_path,
    who,
    workspaces,
)
from abm.workspace.access import OWNER
from abm.workspace.snapshot import Snapshot
from abm.workspace.store import new_id

__all__ = [
    "CLEANING_SECTIONS",
    "ENV_HOME",
    "ENV_PERSIST",
    "before_load",
    "detach",
    "enabled",
    "ensure_parts",
    "exported",
    "loaded",
    "now",
    "open_snapshot",
    "open_workspace",
    "settings_changed",
    "shown_activity_table",
    "shown_name",
    "snapshots",
    "store",
    "store_path",
    "sync",
    "who",
    "workspaces",
]

_LOG = logging.getLogger(__name__)
_SS = st.session_state
#: Sections that decide the cleaned data: a snapshot's stored cleaning is used as is only
#: when these equal the workspace's.
CLEANING_SECTIONS = ("matching", "exclusion_rules", "review_decisions")
_broken = broken


def _cleaning(ws: Any) -> tuple[Any, ...]:
    return tuple(
        ws.section(name) and sorted(ws.section(name).items()) for name in CLEANING_SECTIONS
    )


# --- opening ---------------------------------------------------------------------------------


def shown_name(name: str) -> str:
    """A workspace's name as shown: the default name Mori gave it (マイワークスペース /
    My workspace) in the language on screen, any other name as its owner wrote it."""
    from abm.i18n import LANGS, t
    from abm.ui.shell import tr

    if name in {t("workspace.default_name", lang) for lang in LANGS}:
        return tr("workspace.default_name")
    return name


def open_workspace(workspace_id: str, snapshot_id: str | None = None) -> None:
    """Load a workspace into the session: its settings and a snapshot (default: its latest)."""
    s = store()
    settings = s.settings(workspace_id)
    for key in (state.K_WS_DETACHED, state.K_WS_OVERRIDE, state.K_WS_PENDING, state.K_WS_STORED,
                state.K_WS_SNAPSHOT, state.K_WS_PARTS, state.K_WS_SHARE):  # fmt: skip
        _SS.pop(key, None)
    _SS[state.K_WS_SETTINGS_SAVED] = settings
    state.set_workspace(settings)
    _SS[state.K_WS_OPENED] = workspace_id
    listed = snapshots(workspace_id)
    target = snapshot_id or (listed[0].snapshot_id if listed else None)
    if target is not None:
        open_snapshot(workspace_id, target)
    else:
        _SS[state.K_PARTS] = []
        state.set_dataset(None)
    if auth.can_edit():
        s.touch(who(), workspace_id, at=now())


def open_snapshot(workspace_id: str, snapshot_id: str) -> None:
    """Show a stored snapshot: its data as loaded and, if cleaned the same way, as cleaned.

    Raises
    ------
    MoriError
        The snapshot cannot be read: nothing of it is installed.
    """
    snap = store().load_snapshot(workspace_id, snapshot_id)
    _SS[state.K_PARTS] = []
    state.set_dataset(snap.loaded, label=snap.label)
    _SS[state.K_WS_PARTS] = (workspace_id, snapshot_id)
    if _cleaning(snap.settings) == _cleaning(state.get_workspace()):
        state.install_prepared(snap.prepared)  # no recomputing: the stored cleaning
    _SS[state.K_WS_SNAPSHOT] = snapshot_id
    _SS[state.K_WS_STORED] = (state.dataset_token(), _cleaning(snap.settings))
    from abm.pipeline import RULES_VERSION

    earlier = snap.rules != RULES_VERSION and not snap.demo  # the demo is built, not read
    _SS[state.K_WS_OLD_RULES] = (state.dataset_token(), snap.rules or "") if earlier else None
    _SS.setdefault(state.K_WS_HISTORY, {})["table"] = (snap.prepared.dataset, snap.activity_table)
    _SS[state.K_LOAD_ERRORS] = []
    _SS.pop(state.K_WS_PENDING, None)


def shown_activity_table(dataset: Any) -> Any:
    """The stored activity table of the snapshot shown, if ``dataset`` is its cleaned data."""
    found = _SS.get(state.K_WS_HISTORY, {}).get("table")
    return found[1] if found and found[0] is dataset else None


def ensure_parts() -> None:
    """Read back the files of a reopened snapshot (the data page edits their mappings)."""
    pending = _SS.get(state.K_WS_PARTS)
    if not pending or _SS.get(state.K_PARTS):
        return
    _SS.pop(state.K_WS_PARTS, None)
    try:
        _SS[state.K_PARTS] = list(store().load_parts(*pending))
    except MoriError as err:
        _broken(err)


def _auto_open() -> tuple[str, str] | None:
    """The workspace a fresh session lands in (see the module docstring)."""
    s = store()
    email = auth.user_email()
    last = s.last_opened(who())
    if email is not None:  # team mode: only a workspace the user is still a member of
        role = auth.members().role_of(last, email) if last else None
        return (last, role) if last and role else None
    if last is None:
        listing = workspaces()
        if listing:
            last = listing[0].workspace_id
        else:
            from abm.ui.shell import tr

            last = s.create(new_id("w"), tr("workspace.default_name"), by=who(), at=now())
            last = last.workspace_id
    return last, OWNER


def sync(page: str) -> None:
    """Open, reopen and store what this run needs (see the module docstring)."""
    if not enabled() or _SS.get(state.K_WS_BROKEN):
        return
    try:
        _sync(page)
    except MoriError as err:
        _broken(err)


def _refuse() -> None:
    """The workspace is gone or unknown: the same answer as for a non-member, then stop."""
    from abm.ui.shell import tr

    for key in (state.K_OPEN_WORKSPACE, state.K_ROLE, state.K_WS_OPENED, state.K_WS_SNAPSHOT):
        _SS.pop(key, None)
    _SS[state.K_PARTS] = []
    state.set_dataset(None)
    st.error(tr("auth.workspace_refused"), icon=":material/block:")
    st.page_link("app.py", label=tr("auth.go_home"), icon=":material/home:")
    st.stop()


def _sync(page: str) -> None:
    found = auth.current_workspace()
    if found is None and not _SS.get(state.K_WS_AUTO):
        _SS[state.K_WS_AUTO] = True
        found = _auto_open()
        if found is not None:
            _SS[state.K_OPEN_WORKSPACE], _SS[state.K_ROLE] = found
    if found is None:
        return
    ws_id = found[0]
    if ws_id not in {w.workspace_id for w in workspaces()}:
        if auth.user_email() is None:
            _refuse()
        store().create(ws_id, ws_id, by=who(), at=now())  # a member's workspace with no entry
    snap, view = st.query_params.get(state.Q_SNAPSHOT), st.query_params.get(state.Q_VIEW)
    link = (ws_id, snap, view)
    fresh_link = (snap or view) and _SS.get(state.K_WS_LINK) != link
    if _SS.get(state.K_WS_OPENED) != ws_id:
        open_workspace(ws_id, snap if fresh_link and snap in _ids(ws_id) else None)
    elif fresh_link and snap and snap != _SS.get(state.K_WS_SNAPSHOT) and snap in _ids(ws_id):
        open_snapshot(ws_id, snap)
    else:
        _refresh_settings(ws_id)
    if fresh_link:
        _SS[state.K_WS_LINK] = link
        if view:
            from abm.ui.views import workspace_share

            workspace_share.apply_view(ws_id, view, page)
    _store_pending()


def _sections_changed(before: Any, after: Any) -> list[str]:
    """The settings sections that differ between two :class:`abm.settings.Workspace`."""
    return sorted(
        name
        for name in {*before.sections, *after.sections}
        if before.section(name) != after.section(name)
    )


def _with_changes(onto: Any, baseline: Any, changed: Any) -> Any:
    """``onto`` with the sections in which ``changed`` differs from ``baseline`` taken
    from ``changed`` (one session's edits laid over another's settings)."""
    for name in _sections_changed(baseline, changed):
        onto = onto.with_section(name, changed.section(name))
    return onto


def _refresh_settings(ws_id: str) -> None:
    """Another session stored this workspace's settings since this one read or saved them:
    show theirs from this run on, keeping only a viewer's own changes of other sections
    (QA-J: Ken's saved weight stayed invisible to Alice, whose next save put hers back
    over it without a word)."""
    baseline = _SS.get(state.K_WS_SETTINGS_SAVED)
    if baseline is None or auth.user_email() is None:  # team mode: members share workspaces
        return
    try:
        stored = settings_of(ws_id)
    except MoriError:  # the store being written this moment: the next run looks again
        return
    if stored == baseline:
        return
    merged = _with_changes(state.get_workspace(), baseline, stored)
    _SS[state.K_WS_SETTINGS_SAVED] = merged if merged == stored else stored
    state.set_workspace(merged)  # (nothing to store: the session now holds what is stored)
    from abm.ui.shell import tr

    st.toast(tr("workspace.settings_refreshed"), icon=":material/sync:")


def _ids(workspace_id: str) -> set[str]:
    return {s.snapshot_id for s in snapshots(workspace_id)}


# --- storing ---------------------------------------------------------------------------------


def _attached() -> str | None:
    """The open workspace when this session may store into it, else ``None``."""
    if not enabled() or _SS.get(state.K_WS_BROKEN) or _SS.get(state.K_WS_DETACHED):
        return None
    if _SS.get(state.K_WS_OVERRIDE) or not auth.can_edit():
        return None
    ws_id = _SS.get(state.K_WS_OPENED)
    return ws_id if ws_id and ws_id == _SS.get(state.K_OPEN_WORKSPACE) else None


def settings_changed() -> None:
    """Store the session's settings in the open workspace (when they changed).

    Only the sections this session changed are written, onto what the store holds now: a
    co-owner's change of another section since this session read the settings is kept,
    and this session then shows it too.
    """
    ws_id = _attached()
    settings = state.get_workspace()
    baseline = _SS.get(state.K_WS_SETTINGS_SAVED)
    if ws_id is None or baseline is settings:
        return
    try:
        stored = store().settings(ws_id)
        merged = settings
        if baseline is not None and stored != baseline:
            merged = _with_changes(stored, baseline, settings)
        store().save_settings(ws_id, merged, by=who(), at=now())
    except MoriError as err:
        _broken(err)
        return
    _SS[state.K_WS_SETTINGS_SAVED] = merged
    if merged is not settings:
        _SS[state.K_WORKSPACE] = merged  # another's section, shown here from now on


def detach() -> None:
    """The bundled demo is about to be shown: nothing of it is stored."""
    if enabled():
        _SS[state.K_WS_DETACHED] = True


def before_load() -> None:
    """A user's own data is about to be loaded: back to the workspace's own settings."""
    if not _SS.pop(state.K_WS_DETACHED, None):
        return
    ws_id = _attached()
    if ws_id is not None:
        settings = store().settings(ws_id)
        _SS[state.K_WS_SETTINGS_SAVED] = settings
        state.set_workspace(settings)


def loaded(mode: str) -> None:
    """Data was loaded (``"new"``) or rebuilt (``"replace"``): store it once it is cleaned."""
    if _attached() is not None and state.dataset_token():
        _SS[state.K_WS_PENDING] = (state.dataset_token(), mode)


def save_demo() -> None:
    """Store the demo shown now as a snapshot (the user asked), with the settings in force."""
    _SS.pop(state.K_WS_DETACHED, None)
    settings_changed()
    loaded("new")


def _store_pending() -> None:
    """Store the data waiting to be stored (or restore the open one cleaned anew)."""
    ws_id, token = _attached(), state.dataset_token()
    pending = _SS.get(state.K_WS_PENDING)
    if ws_id is None or token is None:
        return
    stored = _SS.get(state.K_WS_STORED)
    mode = None
    if pending and pending[0] == token:
        mode = pending[1] if _SS.get(state.K_WS_SNAPSHOT) else "new"
        prepared = state.prepared_if_ready()
    elif pending:
        _SS.pop(state.K_WS_PENDING, None)
        return
    elif stored and stored[0] == token and stored[1] != _cleaning(state.get_workspace()):
        listed = snapshots(ws_id)
        if not listed or listed[0].snapshot_id != _SS.get(state.K_WS_SNAPSHOT):
            return  # an older snapshot keeps the cleaning it was stored with
        mode, prepared = "replace", state.cached_prepared()
    if mode is None or prepared is None:
        return
    _save(ws_id, mode, prepared)


def _save(ws_id: str, mode: str, prepared: Any) -> None:
    from abm.ui.shell import tr

    attempt = (state.dataset_token(), _cleaning(state.get_workspace()))
    if _SS.get(state.K_WS_SAVE_FAILED) == attempt:
        return  # refused once already: said then, not tried again on every run

    ensure_parts()  # a reopened snapshot stored again keeps its files as read
    ds = state.get_dataset()
    snap_id = _SS.get(state.K_WS_SNAPSHOT) if mode == "replace" else new_id("s")
    snap = Snapshot(
        loaded=ds,
        prepared=prepared,
        parts=tuple(_SS.get(state.K_PARTS, [])),
        settings=state.get_workspace(),
        label=state.data_label(),
        as_of=state.as_of_default(ds).date,
        demo=(state.dataset_token() or "").startswith(state.SHARED),
        # stored again in its place, the data is still what the earlier rules read
        rules=state.old_rules() if mode == "replace" else None,
    )
    try:
        with st.spinner(tr("workspace.saving")):
            store().save_snapshot(
                ws_id, snap_id, snap, by=who(), at=now(), replaces=mode == "replace"
            )
    except MoriError:
        raise  # the store cannot be used: said once by sync
    except Exception as exc:  # its text may quote a value: the type name only
        _LOG.error("snapshot not stored: %s", type(exc).__name__)
        _SS.pop(state.K_WS_PENDING, None)  # not tried again on every run
        _SS[state.K_WS_SAVE_FAILED] = attempt
        st.error(tr("workspace.err.not_saved"), icon=":material/error:")
        return
    _SS[state.K_WS_SNAPSHOT] = snap_id
    _SS[state.K_WS_STORED] = (state.dataset_token(), _cleaning(snap.settings))
    _SS.pop(state.K_WS_PENDING, None)
    _SS.pop(state.K_WS_PARTS, None)
    if mode == "new":
        st.toast(tr("workspace.saved_toast", label=snap.label or "—"), icon=":material/save:")


def export_audit(file: str, rows: int | None = None) -> Callable[[], None]:
    """What :func:`exported` would write, bound now (on the script thread) to run later.

    For a download built on click (a deferred ``st.download_button``), which
    must not rerun the page: a rerun draws the button again under a new file
    id, and a click whose request arrives after it finds no file
    (``MediaFileStorageError``, seen once by QA-L). The returned function runs
    off the script thread, so it reads nothing from the session.
    """
    ws_id = _SS.get(state.K_WS_OPENED)
    if not enabled() or not ws_id or _SS.get(state.K_WS_BROKEN):
        return lambda: None
    by = who()
    detail: dict[str, Any] = {"file": file}
    if rows is not None:
        detail["rows"] = int(rows)

    def write() -> None:
        try:
            store().log(ws_id, "data.exported", by=by, at=now(), **detail)
        except MoriError as err:
            _LOG.error("audit not written: %s", err.key)
        except Exception as exc:  # an export never fails for its audit line; the type only
            _LOG.error("audit not written: %s", type(exc).__name__)

    return write


def exported(file: str, rows: int | None = None) -> None:
    """A download was made (a callback): the audit list says who exported which file."""
    export_audit(file, rows)()
