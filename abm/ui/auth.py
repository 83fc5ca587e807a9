"""Team mode in the app: sign-in, the allow-list, workspace roles, sign-out (#18).

``make run`` is the single-user local mode: no sign-in, the one user owns
everything and :func:`can_edit` is always true. ``make serve`` sets
``MORI_TEAM_CONFIG`` (the administrator's allow-list,
:class:`abm.workspace.config.TeamConfig`) and Streamlit's ``[auth]`` secrets;
then :func:`gate`, called by :func:`abm.ui.shell.page_setup` on every run of
every page before anything else is drawn, lets a page render only for a
signed-in, allowed user whose login has not expired. Otherwise the page is a
sign-in (or refusal) screen and nothing else — no navigation, no workspace
name. The configuration file is re-read when it changes, so removing someone
from the allow-list takes effect at their next click.

Signing out ends the login everywhere this browser used it: the other tabs hold their own
server sessions, which still know the user; each run checks that their login was not
signed out since they began (:func:`_signed_out_elsewhere`), so a shared computer's next
user finds nothing open in a forgotten tab.

A workspace is opened by a link (``?ws=<id>``) or from the sidebar's list of
the user's workspaces. Its role is checked again on every run; a workspace the
user is not a member of gets one refusal, the same whether it exists or not.

``make serve`` checks the configuration before starting (:mod:`abm.ui.serve`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.i18n import t
from abm.ui import state
from abm.workspace import access
from abm.workspace.access import (
    ALLOWED,
    EXPIRED,
    NO_EMAIL,
    OWNER,
    SIGNED_OUT,
    UNVERIFIED,
    Identity,
    LocalMembers,
    Members,
)
from abm.workspace.config import TeamConfig, load_team_config
from abm.workspace.members import DuckDBMembers

__all__ = [
    "AUTH_KEYS",
    "LOOPBACK",
    "MIN_SECRET",
    "NOT_CONFIGURED",
    "TEAM_ENV",
    "account_box",
    "can_edit",
    "current_workspace",
    "gate",
    "guarded",
    "login_ended",
    "members",
    "missing_auth_keys",
    "saved_text",
    "say_saved",
    "team_config",
    "team_mode",
    "user_email",
    "view_only_notice",
]

_LOG = logging.getLogger(__name__)

#: Environment variable naming the team configuration file; set, the app runs in team mode.
TEAM_ENV = "MORI_TEAM_CONFIG"
#: What ``[auth]`` must hold for Streamlit's default OIDC provider.
AUTH_KEYS: tuple[str, ...] = (
    "redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url",
)  # fmt: skip
#: Shortest ``cookie_secret`` accepted (it signs the identity cookie).
MIN_SECRET = 32
#: Host names of this machine (``make serve`` binds to one; plain http is fine on them).
LOOPBACK = ("localhost", "127.0.0.1", "::1", "[::1]")

_CONFIG: dict[str, tuple[tuple[int, int] | None, TeamConfig | MoriError]] = {}
_CONFIG_LOCK = threading.Lock()
#: Logins signed out on this server: login key -> when. Kept 31 days (a login lasts
#: ``max_session_seconds`` at most, 30 days at the very most: pruned beyond that). One
#: process's memory: several server processes behind one address do not share it.
_ENDED: dict[str, pd.Timestamp] = {}
_ENDED_LOCK = threading.Lock()
_ENDED_KEEP = pd.Timedelta(days=31)


def _login_key(claims: Mapping[str, Any]) -> str:
    """One login's key: a digest of its ID token's claims (``iat``, ``exp``, ``nonce``…),
    the same in every tab that shares the browser's identity cookie, another for the next
    login."""
    text = json.dumps(dict(claims), sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _end_login(key: str, at: pd.Timestamp) -> None:
    with _ENDED_LOCK:
        for old in [k for k, when in _ENDED.items() if at - when > _ENDED_KEEP]:
            del _ENDED[old]
        _ENDED[key] = at


def login_ended() -> bool:
    """Whether this session's login was signed out (in another tab) since it began.

    Checked where a click acts before the page runs (a button's callback, a deferred
    download), not only by :func:`gate`: Streamlit runs callbacks before the script.
    """
    login = st.session_state.get(state.K_LOGIN)
    return login is not None and team_mode() and _signed_out_elsewhere(login[0])


def guarded(fn: Callable[[], bytes]) -> Callable[[], bytes]:
    """``fn`` for a deferred download (run when clicked, apart from any page run): nothing
    once the login has ended in another tab, and money in the currency of the run that drew
    the button."""
    from abm.core.format import currency, use_currency

    login = st.session_state.get(state.K_LOGIN)
    code = currency()

    def run() -> bytes:
        if login is not None and team_mode() and _ended_after(*login):
            return b""
        with use_currency(code):
            return fn()

    return run


def _signed_out_elsewhere(key: str) -> bool:
    """Whether this session's login was signed out (in another tab) after it began: a
    session bound after the sign-out is a new sign-in, even with the same claims."""
    bound = st.session_state.get(state.K_LOGIN)
    began = (
        bound[1] if bound is not None and bound[0] == key else st.session_state.get(state.K_BORN)
    )
    return _ended_after(key, began)


def _ended_after(key: str, began: pd.Timestamp | None) -> bool:
    """Whether login ``key`` was signed out at or after ``began`` (``None``: at any time)."""
    with _ENDED_LOCK:
        ended = _ENDED.get(key)
    return ended is not None and (began is None or bool(began <= ended))


def team_mode() -> bool:
    """Whether this server runs in team mode (``MORI_TEAM_CONFIG`` is set)."""
    return bool(os.environ.get(TEAM_ENV))


def team_config() -> TeamConfig:
    """The team configuration, re-read whenever the file changes.

    Raises
    ------
    MoriError
        When the file is missing or invalid: team mode then lets nobody in.
    """
    path = os.environ.get(TEAM_ENV, "")
    try:
        info = os.stat(path)
        signature: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except OSError:
        signature = None
    with _CONFIG_LOCK:
        cached = _CONFIG.get(path)
        if cached is None or cached[0] != signature:
            try:
                found: TeamConfig | MoriError = load_team_config(path)
            except MoriError as err:
                _LOG.error("team configuration refused, nobody can sign in: %s", err)
                found = err
            cached = _CONFIG[path] = (signature, found)
    if isinstance(cached[1], MoriError):
        raise cached[1]
    return cached[1]


def missing_auth_keys(section: Mapping[str, Any] | None) -> list[str]:
    """The keys of :data:`AUTH_KEYS` absent or empty in an ``[auth]`` section."""
    section = section or {}
    return [k for k in AUTH_KEYS if not str(section.get(k) or "").strip()]


def _auth_section() -> Mapping[str, Any] | None:
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        section = st.secrets.get("auth")
    except Exception:  # no secrets file, or an unreadable one: not configured
        return None
    return section if isinstance(section, Mapping) else None


def members() -> Members:
    """Where memberships are kept: the store file in team mode, nobody in local mode."""
    if team_mode():
        return DuckDBMembers(team_config().store)
    return LocalMembers()


def _tr(key: str, current: str, **params: object) -> str:
    from abm.ui.shell import md

    return t(key, current, **{k: md(v) if isinstance(v, str) else v for k, v in params.items()})


#: On the sign-in screen: remember the link that was opened (a page, a workspace, a share
#: link) in this tab's ``sessionStorage``; Streamlit's sign-in always returns to the home page.
_KEEP_LINK = (
    "<script>(()=>{try{const l=window.location,k='mori.after_sign_in';"
    "if(!l.pathname.endsWith('/')||l.search){sessionStorage.setItem(k,l.pathname+l.search)}"
    "else{sessionStorage.removeItem(k)}}catch(e){}})()</script>"
)
#: On the first page after signing in: open that link (same site only), once.
_FOLLOW_LINK = (
    "<script>(()=>{try{const l=window.location,k='mori.after_sign_in',"
    "to=sessionStorage.getItem(k);sessionStorage.removeItem(k);"
    "if(to&&to.startsWith('/')&&!to.startsWith('//')&&to!==l.pathname+l.search)"
    "{l.replace(to)}}catch(e){}})()</script>"
)


def _sign_in_button(current: str) -> None:
    if st.button(
        t("auth.sign_in.button", current),
        type="primary",
        icon=":material/login:",
        key=state.widget_key("auth", "sign_in"),
    ):
        st.login()


def _other_account_button(current: str) -> None:
    """Sign out of the refused account, so that another one can sign in."""
    if st.button(
        t("auth.other_account", current),
        icon=":material/switch_account:",
        key=state.widget_key("auth", "other_account"),
    ):
        st.logout()


#: :func:`_screen` for a server whose team mode is incomplete (no ``[auth]``, invalid file).
NOT_CONFIGURED = "not_configured"


def _screen(current: str, verdict: str, identity: Identity | None = None) -> None:
    """The whole page for anyone not let in: a message and one button, then stop."""
    st.title(t("auth.sign_in.title", current))
    with st.container(border=True):
        if verdict == SIGNED_OUT:
            st.write(t("auth.sign_in.body", current))
            _sign_in_button(current)
            st.html(_KEEP_LINK, unsafe_allow_javascript=True)
        elif verdict == EXPIRED:
            st.warning(t("auth.expired", current), icon=":material/timer_off:")
            _sign_in_button(current)
            st.html(_KEEP_LINK, unsafe_allow_javascript=True)
        elif verdict == NO_EMAIL:
            st.error(t("auth.no_email", current), icon=":material/block:")
            _other_account_button(current)
        elif verdict == UNVERIFIED:
            st.error(t("auth.unverified", current), icon=":material/block:")
            _other_account_button(current)
        elif verdict == NOT_CONFIGURED:
            st.error(t("auth.not_configured", current), icon=":material/block:")
        else:  # NOT_LISTED: the user's own address, so they see which account they used
            email = identity.email if identity else ""
            st.error(_tr("auth.not_listed", current, email=email), icon=":material/block:")
            _other_account_button(current)
    st.stop()


def _forget_session() -> None:
    """Drop everything this session holds (data, settings, workspace), keeping the language
    (and when the session began)."""
    keep = {k: st.session_state[k] for k in (state.K_LANG, state.K_BORN) if k in st.session_state}
    st.session_state.clear()
    st.session_state.update(keep)


def _bind(identity: Identity, key: str) -> None:
    """Remember who this session belongs to, and by which login; a different person starts
    from nothing."""
    before = st.session_state.get(state.K_USER)
    if before is not None and before.email != identity.email:
        _forget_session()
    if before is None:  # just signed in: follow the link opened before signing in
        st.html(_FOLLOW_LINK, unsafe_allow_javascript=True)
    st.session_state[state.K_USER] = identity
    login = st.session_state.get(state.K_LOGIN)
    if login is None or login[0] != key:
        st.session_state[state.K_LOGIN] = (key, pd.Timestamp.now(tz="UTC"))


def _open_workspace(current: str, email: str | None) -> None:
    """Open the workspace of ``?ws=`` (or keep the one open) if the user is a member."""
    requested = st.query_params.get(state.Q_WORKSPACE)
    wanted = requested or st.session_state.get(state.K_OPEN_WORKSPACE)
    st.session_state[state.K_ROLE] = None
    if not wanted:
        st.session_state.pop(state.K_OPEN_WORKSPACE, None)
        return
    if email is None:  # local mode: the one user owns everything
        st.session_state[state.K_OPEN_WORKSPACE] = wanted
        st.session_state[state.K_ROLE] = OWNER
        return
    try:
        role = members().role_of(wanted, email)
    except MoriError as err:  # a broken store opens nothing
        _LOG.error("membership store unreadable: %s", err)
        role = None
    if role is None:  # not a member, no such workspace, or the store failed: one answer
        st.session_state.pop(state.K_OPEN_WORKSPACE, None)
        account_box(current)
        st.error(t("auth.workspace_refused", current), icon=":material/block:")
        st.page_link("app.py", label=t("auth.go_home", current), icon=":material/home:")
        st.stop()
    st.session_state[state.K_OPEN_WORKSPACE] = wanted
    st.session_state[state.K_ROLE] = role
    if requested != wanted:  # the address keeps it: a reload or a shared page address opens it
        st.query_params[state.Q_WORKSPACE] = wanted


def gate(current: str) -> None:
    """Let the page render only for a signed-in, allowed user; else draw the screen and stop.

    Local mode only opens a ``?ws=`` workspace (as its owner). Called by
    :func:`abm.ui.shell.page_setup` before anything else is drawn.
    """
    if not team_mode():
        st.session_state.pop(state.K_USER, None)
        _open_workspace(current, None)
        return
    try:
        config = team_config()
    except MoriError:
        config = None
    if config is None or missing_auth_keys(_auth_section()):
        _screen(current, NOT_CONFIGURED)
        return
    st.session_state.setdefault(state.K_BORN, pd.Timestamp.now(tz="UTC"))
    admission = access.admit(st.user.to_dict(), config, now=pd.Timestamp.now(tz="UTC"))
    if admission.verdict != ALLOWED or admission.identity is None:
        if st.session_state.get(state.K_USER) is not None:
            _forget_session()  # expired or no longer listed: nothing of theirs stays on screen
        _screen(current, admission.verdict, admission.identity)
        return
    key = _login_key(st.user.to_dict())
    if _signed_out_elsewhere(key):
        _forget_session()  # signed out in another tab: nothing of theirs stays here either
        _screen(current, SIGNED_OUT)
        return
    _bind(admission.identity, key)
    _open_workspace(current, admission.identity.email)


def user_email() -> str | None:
    """The signed-in user's address (team mode, after :func:`gate`); ``None`` in local mode."""
    who = st.session_state.get(state.K_USER)
    return who.email if who is not None else None


def current_workspace() -> tuple[str, str] | None:
    """``(workspace_id, role)`` of the workspace open in this session, checked on this run."""
    ws = st.session_state.get(state.K_OPEN_WORKSPACE)
    role = st.session_state.get(state.K_ROLE)
    return (ws, role) if ws and role else None


def can_edit() -> bool:
    """Whether this session may upload data and change settings.

    True in local mode and when no shared workspace is open (the user's own,
    unshared session); in an open workspace, only for its owners.
    """
    if not team_mode():
        return True
    if login_ended():  # a callback of a tab whose login was signed out elsewhere
        return False
    if not st.session_state.get(state.K_OPEN_WORKSPACE):
        return True
    return access.can_edit(st.session_state.get(state.K_ROLE))


def say_saved(key: str, *, toast: bool = False) -> None:
    """After a save button: ``key``'s "saved" message — or, for a viewer (whose changes stay
    in their session), that nothing was saved for the team (QA-J: a viewer was told
    「モデルをワークスペースに保存しました。」 for a change nobody else would see)."""
    from abm.ui.shell import tr

    if not can_edit():
        st.info(tr("auth.kept_in_session"), icon=":material/visibility:")
    elif toast:
        st.toast(tr(key))
    else:
        st.success(tr(key), icon=":material/check:")


def saved_text(key: str, current: str) -> tuple[str, str]:
    """``(kind, text)`` of :func:`say_saved` for a message shown on the next run (a flash)."""
    return (
        ("info", t("auth.kept_in_session", current))
        if not can_edit()
        else ("success", t(key, current))
    )


def view_only_notice() -> None:
    """What a viewer sees where an owner has an upload or a save control."""
    from abm.ui.shell import tr

    st.info(tr("auth.view_only"), icon=":material/visibility:")


def account_box(current: str) -> None:
    """Sidebar (team mode): who is signed in, their workspaces, and sign-out."""
    email = user_email()
    if email is None:
        return
    open_ws = st.session_state.get(state.K_OPEN_WORKSPACE)
    with st.sidebar:
        st.divider()
        st.caption(t("auth.workspaces", current))
        try:
            mine = members().workspaces_of(email)
        except MoriError as err:
            _LOG.error("membership store unreadable: %s", err)
            mine = []
        if not mine:
            st.caption(t("auth.no_workspaces", current))
        for ws_id, name, role in mine:
            role_label = t("auth.role.owner" if role == OWNER else "auth.role.viewer", current)
            st.page_link(
                "app.py",
                label=_tr("auth.workspace_label", current, name=name, role=role_label),
                icon=":material/check_circle:" if ws_id == open_ws else ":material/folder_shared:",
                query_params={state.Q_WORKSPACE: ws_id},
            )
        role = st.session_state.get(state.K_ROLE)
        if open_ws and role and not access.can_edit(role):  # on every page, beside the controls
            st.caption(t("auth.view_only_short", current), help=t("auth.view_only", current))
        if open_ws and role:
            from abm.ui.members import members_panel

            members_panel(members(), open_ws, email, role, current)
        st.caption(_tr("auth.signed_in_as", current, email=email))
        if st.button(
            t("auth.sign_out", current),
            icon=":material/logout:",
            key=state.widget_key("auth", "sign_out"),
        ):
            login = st.session_state.get(state.K_LOGIN)
            if login is not None:  # the other tabs of this login end at their next click
                _end_login(login[0], pd.Timestamp.now(tz="UTC"))
            _forget_session()
            st.logout()
            st.stop()  # the browser is on its way out: draw nothing more
