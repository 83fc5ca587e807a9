"""The open workspace's members, in the sidebar (team mode, #18).

Every member sees who else is in the workspace and with which role; owners
add people by e-mail (as owner or viewer), change a role and remove someone —
in two steps: the remove button asks (naming the member and what follows) and
only its confirm button removes; cancel leaves the member in.
The rules themselves (only owners, the last owner stays) live in the store
(:class:`abm.workspace.members.DuckDBMembers`): a refused change shows its
translated message and changes nothing. An address typed here is never
echoed in a message.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.i18n import t
from abm.ui import state
from abm.workspace.access import OWNER, ROLES, VIEWER, Members, can_edit

__all__ = ["members_panel"]


def _role_label(role: str, current: str) -> str:
    return t("auth.role.owner" if role == OWNER else "auth.role.viewer", current)


def _apply(change: Callable[[], None]) -> None:
    """Run one membership change; keep its refusal to show on the next run. Nothing from a
    tab whose login was signed out elsewhere (a callback runs before the page's check)."""
    from abm.ui import auth

    if auth.login_ended():
        return
    try:
        change()
    except MoriError as err:
        st.session_state[state.K_MEMBERS_FLASH] = err
    else:
        st.session_state.pop(state.K_MEMBERS_FLASH, None)


def _ask(workspace_id: str, member: str) -> None:
    """The first step of a removal: remember whom to ask about."""
    st.session_state[state.K_MEMBERS_REMOVING] = (workspace_id, member)


def _forget_asked() -> None:
    st.session_state.pop(state.K_MEMBERS_REMOVING, None)


def _remove(change: Callable[[], None]) -> None:
    """The confirmed removal."""
    _forget_asked()
    _apply(change)


def _confirm_removal(
    store: Members, workspace_id: str, member: str, email: str, current: str
) -> None:
    """Ask whether to remove ``member`` (named, with what follows) above confirm and cancel."""
    from abm.ui.shell import md

    st.warning(
        t("auth.member_remove_ask", current, email=md(member)), icon=":material/person_remove:"
    )
    yes, no = st.columns(2)
    yes.button(
        t("auth.member_remove_confirm", current),
        type="primary",
        key=state.widget_key("auth", "remove_confirm"),
        on_click=_remove,
        args=(lambda: store.remove(workspace_id, member, removed_by=email),),
    )
    no.button(
        t("auth.member_remove_cancel", current),
        key=state.widget_key("auth", "remove_cancel"),
        on_click=_forget_asked,
    )


def members_panel(store: Members, workspace_id: str, email: str, role: str, current: str) -> None:
    """The members of ``workspace_id`` for ``email`` (whose ``role`` was checked on this run).

    Parameters
    ----------
    store : Members
    workspace_id : str
    email : str
        The signed-in user.
    role : str
        Their role in the workspace.
    current : str
        The session language.
    """
    from abm.ui.shell import md, msg

    owner = can_edit(role)
    now = pd.Timestamp.now(tz="UTC")
    box = state.widget_key("auth", "members_box")  # keyed: stays open as the sidebar changes
    with st.expander(t("auth.members", current), icon=":material/group:", key=box):
        flash = st.session_state.pop(state.K_MEMBERS_FLASH, None)
        if flash is not None:
            st.error(msg(flash), icon=":material/error:")
        try:
            people = store.members_of(workspace_id)
        except MoriError as err:
            st.error(msg(err), icon=":material/error:")
            return
        asked = st.session_state.get(state.K_MEMBERS_REMOVING)
        if not owner or asked not in {(workspace_id, m.email) for m in people}:
            _forget_asked()  # gone meanwhile, another workspace, or no longer an owner
            asked = None
        for i, member in enumerate(people):
            text = t(
                "auth.member_row",
                current,
                email=md(member.email),
                role=_role_label(member.role, current),
            )
            if not owner or member.email == email:
                st.caption(text)
                continue
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.caption(text)
            right.button(
                "",
                icon=":material/person_remove:",
                help=t("auth.member_remove", current),
                key=state.widget_key("auth", f"remove.{i}"),
                on_click=_ask,
                args=(workspace_id, member.email),
            )
            if asked == (workspace_id, member.email):
                _confirm_removal(store, workspace_id, member.email, email, current)
        if not owner:
            return
        with st.form(
            key=state.widget_key("auth", "add_member"), clear_on_submit=True, border=False
        ):
            typed = st.text_input(
                t("auth.member_email", current), key=state.widget_key("auth", "member_email")
            )
            chosen = st.segmented_control(
                t("auth.member_role", current),
                options=list(ROLES),
                default=VIEWER,
                format_func=lambda r: _role_label(r, current),
                key=state.widget_key("auth", "member_role"),
            )
            if st.form_submit_button(t("auth.member_add", current), icon=":material/person_add:"):
                _apply(
                    lambda: store.add(
                        workspace_id, typed, chosen or VIEWER, added_by=email, added_at=now
                    )
                )
                st.rerun()
