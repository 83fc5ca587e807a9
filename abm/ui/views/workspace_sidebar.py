"""The sidebar's part of persistent workspaces (#18): the picker, the snapshot shown, sharing.

In local mode a picker lists the workspaces of this computer; in team mode
:func:`abm.ui.auth.account_box` lists the user's own. Below it: which
snapshot is shown (or that the demo is not stored), a way back when a shared
view's settings are shown, and "Share this view".
"""

from __future__ import annotations

import streamlit as st

from abm.errors import MoriError
from abm.ui import auth, state, workspaces
from abm.ui.shell import md, tr
from abm.ui.views.workspace_share import share_box
from abm.workspace.access import OWNER

__all__ = ["PICK_KEY", "sidebar"]

#: The workspace picker (local mode).
PICK_KEY = state.widget_key("workspace", "pick")


def _on_pick() -> None:
    picked = st.session_state.get(PICK_KEY)
    if picked and picked != st.session_state.get(state.K_OPEN_WORKSPACE):
        st.session_state[state.K_OPEN_WORKSPACE] = picked
        st.session_state[state.K_ROLE] = OWNER
        for q in (state.Q_WORKSPACE, state.Q_SNAPSHOT, state.Q_VIEW):
            if q in st.query_params:
                del st.query_params[q]


def _back_to_saved() -> None:
    """Leave a shared view's settings: the workspace's own settings again."""
    st.session_state.pop(state.K_WS_OVERRIDE, None)
    ws_id = st.session_state.get(state.K_WS_OPENED)
    if ws_id:
        settings = workspaces.store().settings(ws_id)
        st.session_state[state.K_WS_SETTINGS_SAVED] = settings
        state.set_workspace(settings)


def _picker() -> None:
    listing = workspaces.workspaces()
    names = {w.workspace_id: workspaces.shown_name(w.name) for w in listing}
    current = st.session_state.get(state.K_OPEN_WORKSPACE)
    if current not in names:
        return
    st.session_state[PICK_KEY] = current
    st.selectbox(
        tr("workspace.picker"),
        list(names),
        format_func=lambda w: names.get(w, w),
        key=PICK_KEY,
        on_change=_on_pick,
        help=tr("workspace.picker_help"),
    )


def _snapshot_line() -> None:
    ws_id = st.session_state.get(state.K_WS_OPENED)
    snap = st.session_state.get(state.K_WS_SNAPSHOT)
    if st.session_state.get(state.K_WS_DETACHED) and state.get_dataset() is not None:
        st.caption(tr("workspace.not_saved_demo"))
    elif ws_id and snap:
        found = [s for s in workspaces.snapshots(ws_id) if s.snapshot_id == snap]
        if found:
            info = found[0]
            as_of = info.as_of.strftime("%Y-%m-%d") if info.as_of is not None else "—"
            st.caption(tr("workspace.snapshot_line", label=md(info.label or "—"), as_of=as_of))


def sidebar(page: str) -> None:
    """Draw the workspace part of the sidebar for ``page`` (nothing when persistence is off)."""
    if not workspaces.enabled() or st.session_state.get(state.K_WS_BROKEN):
        return
    with st.sidebar:
        st.divider()
        try:
            if not auth.team_mode():
                _picker()
            _snapshot_line()
        except MoriError:
            return
        if st.session_state.get(state.K_WS_OVERRIDE):
            st.info(tr("workspace.view_settings"), icon=":material/visibility:")
            st.button(
                tr("workspace.view_settings_reset"),
                on_click=_back_to_saved,
                key=state.widget_key("workspace", "back_to_saved"),
            )
        share_box(page)
