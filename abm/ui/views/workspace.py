"""The workspace page (#18): its snapshots and audit list; create, rename, delete.

Every change is an owner's (:func:`abm.ui.auth.can_edit`); a viewer sees the
lists. Members are managed in the sidebar's panel (:mod:`abm.ui.members`). Deleting the workspace asks for its name, then removes everything
stored for it in one action (:meth:`abm.workspace.store.WorkspaceStore.delete`)
and forgets it in this session.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.i18n import keys as K
from abm.settings import Workspace
from abm.ui import auth, state, workspaces
from abm.ui.shell import md, msg, tr
from abm.ui.widgets import table
from abm.workspace.access import OWNER
from abm.workspace.store import WorkspaceInfo, new_id

__all__ = ["audit", "create", "current", "danger", "flash", "name", "snapshots"]

_SS = st.session_state


def _wk(name: str) -> str:
    return state.widget_key("workspace", name)


def _flash(kind: str, text: str) -> None:
    _SS[state.K_WS_FLASH] = (kind, text)


def flash() -> None:
    """The message an action left for this run."""
    found = _SS.pop(state.K_WS_FLASH, None)
    if found:
        getattr(st, found[0])(found[1])


def current() -> WorkspaceInfo:
    """The open workspace; else says why there is none (and offers to create one) and stops."""
    if not workspaces.enabled():
        st.info(tr("workspace.persistence_off"), icon=":material/info:")
        st.stop()
    ws_id = _SS.get(state.K_WS_OPENED)
    found = [w for w in workspaces.workspaces() if w.workspace_id == ws_id]
    if not found:
        if not _SS.get(state.K_WS_BROKEN):
            st.info(tr("workspace.none_open"), icon=":material/info:")
            create()
        st.stop()
    return found[0]


def _open(ws_id: str) -> None:
    _SS[state.K_OPEN_WORKSPACE] = ws_id
    _SS[state.K_ROLE] = OWNER
    for q in (state.Q_WORKSPACE, state.Q_SNAPSHOT, state.Q_VIEW):
        if q in st.query_params:
            del st.query_params[q]


def create() -> None:
    """A new workspace: its name, then it is created and opened (its creator owns it)."""
    with st.expander(tr("workspace.create"), icon=":material/add:", key=_wk("create_box")):
        title = st.text_input(tr("workspace.name"), key=_wk("new_name"), max_chars=100)
        if st.button(tr("workspace.create_button"), key=_wk("create"), type="primary"):
            try:
                info = workspaces.store().create(new_id("w"), title, by=workspaces.who(),
                                                 at=workspaces.now())  # fmt: skip
                email = auth.user_email()
                if email is not None:
                    auth.members().add(info.workspace_id, email, OWNER, added_by=email,
                                       added_at=workspaces.now())  # fmt: skip
            except MoriError as err:
                st.error(msg(err), icon=":material/error:")
                return
            _open(info.workspace_id)
            _flash("success", tr("workspace.created", name=md(info.name)))
            st.rerun()


def name(info: WorkspaceInfo) -> None:
    """The workspace's name (an owner renames it)."""
    st.subheader(md(workspaces.shown_name(info.name)))
    if not auth.can_edit():
        return
    with st.expander(tr("workspace.rename"), icon=":material/edit:", key=_wk("rename_box")):
        title = st.text_input(
            tr("workspace.name"), value=workspaces.shown_name(info.name), key=_wk("rename_name")
        )
        if st.button(tr("workspace.rename"), key=_wk("rename")):
            try:
                workspaces.store().rename(info.workspace_id, title, by=workspaces.who(),
                                          at=workspaces.now())  # fmt: skip
            except MoriError as err:
                st.error(msg(err), icon=":material/error:")
                return
            _flash("success", tr("workspace.renamed"))
            st.rerun()


def _files(info) -> str:
    return ", ".join(tr("workspace.file_rows", file=f, rows=f"{n:,}") for f, _, n in info.files)


def _when(ts: pd.Timestamp | None) -> str:
    return "—" if ts is None else ts.strftime("%Y-%m-%d %H:%M")


def snapshots(ws_id: str) -> None:
    """The snapshots (dated loads of data): open one, delete one, or store the demo."""
    listed = workspaces.snapshots(ws_id)
    shown = _SS.get(state.K_WS_SNAPSHOT)
    with st.container(border=True):
        st.subheader(tr("workspace.snapshots"))
        if not listed:
            st.caption(tr("workspace.snapshots_none"))
        else:
            frame = pd.DataFrame(
                {
                    tr("workspace.col.open"): [
                        "●" if s.snapshot_id == shown else "" for s in listed
                    ],
                    tr("workspace.col.label"): [s.label for s in listed],
                    tr("workspace.col.as_of"): [
                        s.as_of.strftime("%Y-%m-%d") if s.as_of is not None else "—" for s in listed
                    ],
                    tr("workspace.col.saved_at"): [_when(s.saved_at) for s in listed],
                    tr("workspace.col.saved_by"): [_who(s.saved_by) for s in listed],
                    tr("workspace.col.files"): [_files(s) for s in listed],
                    tr("workspace.col.people"): [f"{s.kept:,}" for s in listed],
                }
            )
            table(frame, key=_wk("snapshots"))
            labels = {s.snapshot_id: f"{s.label} · {_when(s.saved_at)}" for s in listed}
            pick = st.selectbox(tr("workspace.pick_snapshot"), list(labels),
                                format_func=labels.get, key=_wk("snapshot_pick"))  # fmt: skip
            c1, c2 = st.columns(2)
            if c1.button(tr("workspace.open_snapshot"), key=_wk("open_snapshot"),
                         icon=":material/folder_open:"):  # fmt: skip
                _act(lambda: workspaces.open_snapshot(ws_id, pick),
                     tr("workspace.opened_snapshot", label=md(labels[pick])))  # fmt: skip
            if auth.can_edit():
                with c2.popover(tr("workspace.delete_snapshot"), icon=":material/delete:"):
                    if st.button(tr("workspace.delete_snapshot"), key=_wk("delete_snapshot"),
                                 type="primary"):  # fmt: skip
                        _act(
                            lambda: _delete_snapshot(ws_id, pick), tr("workspace.snapshot_deleted")
                        )
        demo = (state.dataset_token() or "").startswith(state.SHARED)
        if demo and _SS.get(state.K_WS_DETACHED) and auth.can_edit():
            st.caption(tr("workspace.not_saved_demo"))
            if st.button(tr("workspace.save_demo"), key=_wk("save_demo"), icon=":material/save:"):
                workspaces.save_demo()
                st.rerun()


def _act(fn, done: str) -> None:
    try:
        fn()
    except MoriError as err:
        st.error(msg(err), icon=":material/error:")
        return
    _flash("success", done)
    st.rerun()


def _delete_snapshot(ws_id: str, snap_id: str) -> None:
    workspaces.store().delete_snapshot(ws_id, snap_id, by=workspaces.who(), at=workspaces.now())
    if _SS.get(state.K_WS_SNAPSHOT) == snap_id:
        workspaces.open_workspace(ws_id)  # its latest remaining snapshot, or nothing


def _who(value: str | None) -> str:
    return tr("workspace.local_user") if value in (None, "local") else str(value)


def _detail(detail: dict) -> str:
    """An audit row's details in words: names and counts only (that is all it holds)."""
    parts = []
    for f in detail.get("files", []):
        parts.append(tr("workspace.file_rows", file=f["file"], rows=f"{int(f['rows']):,}"))
    if "file" in detail:
        parts.append(
            tr("workspace.file_rows", file=detail["file"], rows=f"{detail.get('rows', 0):,}")
        )
    for key in ("sections", "page", "label", "name", "member", "role"):
        value = detail.get(key)
        if value:
            parts.append(", ".join(value) if isinstance(value, list) else str(value))
    return " · ".join(parts)


def audit(ws_id: str) -> None:
    """Who loaded, exported or changed what (names and counts, never a value)."""
    rows = workspaces.store().audit(ws_id)
    with st.container(border=True):
        st.subheader(tr("workspace.audit"))
        st.caption(tr("workspace.audit_help"))
        frame = pd.DataFrame(
            {
                tr("workspace.audit.col.at"): [_when(pd.Timestamp(a)) for a in rows["at"]],
                tr("workspace.audit.col.who"): [_who(w) for w in rows["who"]],
                tr("workspace.audit.col.action"): [
                    tr(K.WORKSPACE_ACTION[a]) if a in K.WORKSPACE_ACTION else a
                    for a in rows["action"]
                ],
                tr("workspace.audit.col.detail"): [_detail(d) for d in rows["detail"]],
            }
        )
        table(frame, key=_wk("audit"))


def danger(info: WorkspaceInfo) -> None:
    """Delete the workspace and everything stored for it, once its name is typed."""
    if not auth.can_edit():
        return
    box = _wk("danger_box")  # keyed (as every box with a button): open while the page changes
    with st.expander(tr("workspace.danger"), icon=":material/delete_forever:", key=box):
        st.caption(tr("workspace.intro"))
        typed = st.text_input(
            tr("workspace.delete_confirm", name=md(workspaces.shown_name(info.name))),
            key=_wk("confirm"),
        )
        if st.button(tr("workspace.delete_button"), key=_wk("delete"), type="primary"):
            if " ".join(typed.split()) not in {info.name, workspaces.shown_name(info.name)}:
                st.error(tr("workspace.delete_mismatch"), icon=":material/error:")
                return
            try:
                removed = workspaces.store().delete(info.workspace_id)
            except MoriError as err:
                st.error(msg(err), icon=":material/error:")
                return
            _forget()
            _flash("success", tr("workspace.deleted", rows=f"{sum(removed.values()):,}"))
            st.rerun()


def _forget() -> None:
    """This session forgets the deleted workspace: its data, settings and links."""
    for key in (state.K_OPEN_WORKSPACE, state.K_ROLE, state.K_WS_OPENED, state.K_WS_SNAPSHOT,
                state.K_WS_STORED, state.K_WS_PENDING, state.K_WS_PARTS, state.K_WS_SHARE,
                state.K_WS_HISTORY, state.K_WS_OVERRIDE, state.K_WS_LINK, state.K_WS_AUTO):  # fmt: skip
        _SS.pop(key, None)
    for q in (state.Q_WORKSPACE, state.Q_SNAPSHOT, state.Q_VIEW):
        if q in st.query_params:
            del st.query_params[q]
    _SS[state.K_PARTS] = []
    state.set_dataset(None)
    _SS[state.K_WS_SETTINGS_SAVED] = Workspace()
    state.set_workspace(_SS[state.K_WS_SETTINGS_SAVED])
