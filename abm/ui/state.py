"""Session-state keys and accessors: the only place that names them.

Everything here lives in ``st.session_state`` — per browser session — so one
user's upload is never visible to another session (``st.cache_data`` is
process-global and is never used for uploaded data). The one exception is
data that belongs to nobody: the bundled, fictional demo is installed with a
*shared* token, and its cleaning and analyses (with the demo's own cleaning
settings) are computed once per process (:func:`get_prepared`,
:data:`SHARED_SLOTS`), so twenty people opening the demo link in a meeting do
not clean and score the same files twenty times.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import threading
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from abm.dataset import AsOfDefault, Dataset
from abm.settings import Workspace

T = TypeVar("T")

K_LANG = "mori.lang"
K_DATASET = "mori.dataset"
K_TOKEN = "mori.dataset_token"
K_WORKSPACE = "mori.workspace"
K_MEMO = "mori.memo"
#: The workspace's currency changed on the Data page: build the data again (amounts in
#: another currency are converted against it, :mod:`abm.ui.views.currency`).
K_MONEY_REBUILD = "mori.money_rebuild"
K_AS_OF = "mori.as_of"
K_DATA_LABEL = "mori.data_label"
K_CLEANING = "mori.cleaning_settings"
K_CLEAN_FALLBACK = "mori.cleaning_fallback"
K_SETTINGS_PROBLEMS = "mori.settings_problems"
K_LATEST = "mori.latest_date"
#: Accounts page: the tier-capacity inputs, Tier 1 to Tier 3 (#19).
K_ACCOUNTS_CAPACITY = ("accounts.cap1", "accounts.cap2", "accounts.cap3")
#: Accounts page: the ranked table (its selected row opens that account's story).
K_ACCOUNTS_TABLE = "accounts.table"
#: Funnel page: the account view's table (its selected row opens that account's story).
K_FUNNEL_ACCOUNTS = "funnel.accounts_table"
#: Account-story page: the account shown (the ``?account=`` query parameter picks it).
K_STORY_ACCOUNT = "account.pick"
#: Query-string parameter carrying an account id to the account-story page.
Q_ACCOUNT = "account"
#: Accounts page: the settings in force on its last run (the account story reads them,
#: so its counts are the ranked table's even before the settings are saved).
K_ACCOUNTS_SETTINGS = "accounts._settings"

# --- Session keys. This module is the only place that spells one (a test,
# tests/unit/test_session_keys.py, reads every other module to prove it):
# app-wide keys and each page's own state are the K_* constants; a widget's
# key is built by widget_key(area, name), which views and tests call alike; a
# widget key another module reads (a page, the sidebar, a bench) also gets a
# K_* constant so the two places cannot drift apart.

#: Loaded files, ``[(RawTable, ColumnMapping)]`` (the data page edits their mappings).
K_PARTS = "mori.parts"
#: Files refused at the last load, ``[(file, message key, params)]``.
K_LOAD_ERRORS = "mori.load_errors"
#: Saved column mappings the last load could not use, ``[MoriError]``.
K_SKIPPED_MAPPINGS = "mori.skipped_mappings"
#: Worker jobs of the session, ``{job name: Job}`` (:mod:`abm.ui.jobs`).
K_JOBS = "mori.jobs"
#: Sidebar widgets: the language switch and the as-of date (copied to K_LANG / K_AS_OF).
K_W_LANG = "_w.lang"
K_W_AS_OF = "_w.as_of"
#: Presentation mode (projector), app-wide so it survives page changes: the choice, its
#: sidebar switch (copied to it, like the language), the exit button of the presentation
#: bar, and whether the last run presented (the sidebar unfolds once presenting ends).
K_PRESENTATION = "mori.presentation"
K_W_PRESENTATION = "_w.presentation"
K_W_PRESENTATION_EXIT = "_w.presentation_exit"
#: The presentation bar's container (its CSS class ``st-key-…`` keeps it in view).
K_PRESENTATION_BAR = "mori_presentation_bar"
K_PRESENTED = "mori._presented"
#: Team mode (#18, abm.ui.auth): the signed-in identity, the workspace open in this session
#: and the user's role in it (checked again on every run), and the query-string parameter
#: of a link to a workspace (``?ws=<id>``).
K_USER = "mori.user"
#: ``(login key, when this session bound it)``: a sign-out in another tab of the same
#: login ends this session too (:func:`abm.ui.auth.gate`).
K_LOGIN = "mori.login"
#: When this server session began (kept when a session is forgotten): a session begun after
#: a sign-out is a new sign-in, even if the provider gave the same claims.
K_BORN = "mori.born"
K_OPEN_WORKSPACE = "mori.open_workspace"
K_ROLE = "mori.role"
#: Team mode: a refused membership change, shown once in the members panel (abm.ui.members),
#: and the removal asked for and not yet confirmed: ``(workspace id, member's address)``.
K_MEMBERS_FLASH = "mori.members_flash"
K_MEMBERS_REMOVING = "mori.members_removing"
Q_WORKSPACE = "ws"
#: Persistent workspaces (#18, abm.ui.workspaces): the workspace whose settings and data
#: this session loaded, the snapshot shown, ``(dataset token, cleaning sections)`` stored as
#: that snapshot, a load waiting to be stored ``(token, "new" | "replace")``, the settings
#: object last stored, whether the bundled demo is shown (nothing is stored then), whether
#: the last-opened workspace was looked up, the link ``(ws, snap, view)`` last applied, a
#: shared view's settings shown without storing them, cleaned snapshots loaded for
#: comparisons, a snapshot whose files as read are still in the store, the share link last
#: made, and a store file that could not be used (its message).
K_WS_OPENED = "mori.ws.opened"
K_WS_SNAPSHOT = "mori.ws.snapshot"
K_WS_STORED = "mori.ws.stored"
K_WS_PENDING = "mori.ws.pending"
K_WS_SETTINGS_SAVED = "mori.ws.settings_saved"
K_WS_DETACHED = "mori.ws.detached"
K_WS_AUTO = "mori.ws.auto"
K_WS_LINK = "mori.ws.link"
K_WS_OVERRIDE = "mori.ws.override"
K_WS_HISTORY = "mori.ws.history"
K_WS_PARTS = "mori.ws.parts"
K_WS_SHARE = "mori.ws.share"
K_WS_BROKEN = "mori.ws.broken"
#: ``(dataset token, cleaning)`` of a snapshot the store refused: not tried again each run.
K_WS_SAVE_FAILED = "mori.ws.save_failed"
#: A reopened snapshot read and cleaned by earlier rules: ``(dataset token, its version)``.
K_WS_OLD_RULES = "mori.ws.old_rules"
#: Workspace page: a message kept for the run after an action (``(kind, text)``).
K_WS_FLASH = "mori.ws.flash"
#: Query-string parameters of a shared link: the snapshot and the stored view (``?view=``).
Q_SNAPSHOT = "snap"
Q_VIEW = "view"
#: Upload areas: the file ids of the batch last read, per area (``home``, ``data``).
K_LAST_UPLOAD = "mori.last_upload"
#: Data page: file id of the settings file last applied.
K_DATA_WS_LAST = "data.ws_last"
#: Data page: the edited mappings waiting for "re-read anyway" (they would lose rows).
K_DATA_PENDING = "data.pending_reread"
#: The re-read confirmed by "re-read anyway" (set by its callback, done by the next run).
K_DATA_GO = "data.pending_go"
#: Cleaning page: file id of the review-decisions file last applied.
K_CLEANING_LOADED = "cleaning.loaded"
#: Cleaning page: the "saved" message of a rules or threshold save, shown by the run the
#: save starts (the page runs again so the sidebar counts the data cleaned by them).
K_CLEANING_FLASH = "cleaning.flash"
#: Cleaning page: file id and row count of the official registry last read.
K_REGISTRY_LOADED = "cleaning.registry_loaded"
K_REGISTRY_ROWS = "cleaning.registry_rows"
#: Funnel page: the chart bar last clicked, and widget values of closed tabs.
K_FUNNEL_CLICKED = "funnel._clicked"
#: Funnel page: a bar was just clicked, so the records tab scrolls into view once.
K_FUNNEL_SCROLL = "funnel._scroll"
K_FUNNEL_KEPT = "funnel.kept"
#: Gap page: filter values kept across pages (``{widget key: value, "token": …}``).
K_GAP_STORE = "gap.store"
#: Scoring page: the model being edited, a one-time message, the last suggestion.
K_SCORING_MODEL = "scoring.model"
#: The workspace the session's working scoring model was set in (``K_WS_OPENED`` then).
K_SCORING_MODEL_OWNER = "scoring.model_owner"
#: The model code this session last wrote into the page's address (``?m=``): opening the
#: page again reads a link's code, never the one the session wrote itself.
K_SCORING_LINK = "scoring.link_written"
K_SCORING_FLASH = "scoring.flash"
K_SCORING_SUGGESTION = "scoring.suggestion"
#: The administrator's data source (#17, abm.ui.sources): what was opened, its row counts,
#: whether it was reopened from the store, what went wrong, the key of the server's
#: preparation this session waits for (``preparing``) or, shown the data as last prepared
#: meanwhile (``shown``, with the ``cleaning`` key it was shown for and the server's
#: outcome number then, ``since``), the newer preparation it is offered once ready
#: (``newer``; ``newer_failed`` when the server could not make it); and whether this
#: session has tried
#: to open it (an upload or a failure is not retried on every run; a wait for the server's
#: preparation is, once, when it ends: abm.ui.warmup.server_done).
K_SOURCE = "mori.source"
K_SOURCE_TRIED = "mori.source_tried"
#: The page the last run drew, and whether this run entered it from another page (or
#: started the session): widgets of a page that was left lose their state in Streamlit.
K_PAGE = "mori.page"
K_PAGE_ENTERED = "mori.page_entered"
#: Values of a page's kept widgets as it was left:
#: ``{widget key: ((dataset token, scope), value)}`` (:func:`keep_widget`).
K_KEPT = "mori.kept_widgets"
#: Whether this session's first run has looked for a demo request (``--demo``, ``?demo=1``):
#: the demo is loaded on that run only, never into a workspace emptied later.
K_DEMO_TRIED = "mori.demo_tried"
#: The cleaning settings a reopened source was installed with (:data:`SOURCE`): its
#: analyses are shared while the session keeps them
K_SOURCE_CLEANING = "mori.source_cleaning"
#: Memo names (session_memo) other modules fill: the cleaned dataset, its activity table.
M_PREPARED = "pipeline.prepared"
M_ACTIVITY_TABLE = "engine.activity_table"

#: Areas that own widget keys: the first part of every widget key.
WIDGET_AREAS: tuple[str, ...] = (
    "home", "data", "cleaning", "funnel", "gap", "scoring", "accounts", "abm_fit", "account",
    "jobs", "auth", "workspace", "sidebar",
)  # fmt: skip


def widget_key(area: str, name: str) -> str:
    """The key of widget ``name`` on ``area``'s page: ``"<area>.<name>"``.

    Parameters
    ----------
    area : str
        One of :data:`WIDGET_AREAS` (the page, or ``jobs`` for the job panel).
    name : str
        The widget's name within the area; may itself hold dots
        (``"filter.lead_source"``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For an unknown area or an empty name: a typo would otherwise give a
        widget a key nothing else reads.
    """
    if area not in WIDGET_AREAS:
        raise ValueError(f"unknown widget area: {area!r}")
    if not name or name.startswith("."):
        raise ValueError("a widget key needs a name")
    return f"{area}.{name}"


#: Funnel page: the section tabs, and the cohort window (reset when the as-of date moves).
K_FUNNEL_TABS = widget_key("funnel", "tabs")
K_FUNNEL_WINDOW = widget_key("funnel", "window")
#: Scoring page: the section tabs; prefix of the weight form's keys (abm.scoring.form).
K_SCORING_TABS = widget_key("scoring", "tabs")
K_SCORING_FORM = widget_key("scoring", "w.")


def upload_seen(area: str, signature: tuple[str, ...]) -> bool:
    """Whether ``area``'s upload box last read exactly these file ids."""
    return st.session_state.get(K_LAST_UPLOAD, {}).get(area) == signature


def mark_upload(area: str, signature: tuple[str, ...]) -> None:
    """Remember that ``area``'s upload box read these file ids."""
    st.session_state[K_LAST_UPLOAD] = {**st.session_state.get(K_LAST_UPLOAD, {}), area: signature}


#: Results kept per memo name (so moving a slider back and forth is instant).
MEMO_DEPTH = 4
#: Token prefix of bundled, non-personal datasets (the demo) shared by sessions.
SHARED = "shared:"
#: Memo slots whose results depend on nothing but the dataset and their key (analyses of
#: the data): on the demo with its own cleaning settings they are computed once per
#: process, not once per session (the fifth person opening the demo's scoring page waits
#: for nothing; keys hold only slider values and filters). Workspace slots (history,
#: members…) are never shared: they read stored data of a workspace.
SHARED_SLOTS = (
    "abm_fit.", "account.", "accounts.", "cleaning.", "data.", "engine.activity_table",
    "funnel.", "gap.", "scoring.",
)  # fmt: skip
#: Token prefix of a configured source's stored preparation, reopened (``source:<key>``,
#: the key naming the source's data and the cleaning settings: abm.engine.prepared). Every
#: session that reopens it with the same settings reads the same read-only frames and shares
#: the analyses of :data:`SHARED_SLOTS`, as sessions on the demo do. The administrator's
#: source is the server's data, not a user's upload; a session that changes its cleaning
#: settings computes for itself from then on.
SOURCE = "source:"
#: Results kept per memo name for all sessions on a shared dataset.
SHARED_MEMO_DEPTH = 16
_shared_memo: dict[str, list[tuple[Hashable, Any]]] = {}
_shared_lock = threading.Lock()


def get_dataset() -> Dataset | None:
    """Return the session's dataset, or ``None`` before anything is loaded.

    A session with nothing loaded opens the administrator's configured data
    source once (:func:`abm.ui.sources.open_configured`; nothing happens when
    none is configured) — again once the server's preparation of it, which the
    session waited for, has ended (:func:`abm.ui.warmup.server_done`).
    """
    ds = st.session_state.get(K_DATASET)
    if ds is None and st.session_state.get(K_SOURCE_TRIED) and K_SOURCE in st.session_state:
        from abm.ui import warmup

        if warmup.server_done():  # the server's preparation it waited for: open it now
            st.session_state.pop(K_SOURCE_TRIED, None)
    if ds is None and not st.session_state.get(K_SOURCE_TRIED):
        st.session_state[K_SOURCE_TRIED] = True
        from abm.ui import sources

        try:
            sources.open_configured()
        except BaseException:  # a rerun or stop while it waited: the next run opens it
            st.session_state.pop(K_SOURCE_TRIED, None)
            raise
        ds = st.session_state.get(K_DATASET)
    return ds


def set_dataset(
    dataset: Dataset | None,
    *,
    label: str = "",
    shared: str | None = None,
    source_key: str | None = None,
) -> None:
    """Install ``dataset`` for this session and invalidate derived results.

    Parameters
    ----------
    dataset : Dataset or None
    label : str
        Shown in the sidebar ("demo" or the file names).
    shared : str, optional
        Name of bundled data that contains nobody's personal data (``"demo"``):
        its cleaning is then cached for the whole process. Never for uploads.
    source_key : str, optional
        The key of the administrator's source's stored preparation this
        dataset was reopened from (:func:`abm.engine.prepared.snapshot_key`):
        its analyses are shared with the sessions that reopen the same key
        (:data:`SOURCE`) while this session keeps its cleaning settings.
    """
    if shared not in (None, "demo"):
        raise ValueError("only the bundled demo is shared between sessions")
    st.session_state[K_DATASET] = dataset
    source = st.session_state.get(K_SOURCE)
    if source and (source.get("newer") or source.get("newer_failed")):
        # other data (an upload, the newer preparation) or none replaces what was shown
        # while the server prepared the newer one: nothing left to offer
        source = {**source, "newer": None, "shown": None, "newer_failed": None, "since": 0}
        st.session_state[K_SOURCE] = source
    if dataset is not None and source and source.get("preparing"):  # it waits no more
        st.session_state[K_SOURCE] = {**source, "preparing": None}
    fresh = SHARED + shared if shared else uuid.uuid4().hex
    if source_key and not shared:
        fresh = SOURCE + source_key
        st.session_state[K_SOURCE_CLEANING] = cleaning_settings()
    else:
        st.session_state.pop(K_SOURCE_CLEANING, None)
    st.session_state[K_TOKEN] = fresh if dataset is not None else None
    st.session_state[K_DATA_LABEL] = label
    st.session_state[K_MEMO] = {}
    st.session_state.pop(K_AS_OF, None)


def enter_page(page: str) -> None:
    """Note the page this run draws (:func:`abm.ui.shell.page_setup`, first thing)."""
    st.session_state[K_PAGE_ENTERED] = st.session_state.get(K_PAGE) != page
    st.session_state[K_PAGE] = page


def page_entered() -> bool:
    """Whether this run entered its page from another page (or is the session's first)."""
    return bool(st.session_state.get(K_PAGE_ENTERED, True))


def keep_widget(key: str, default: object, *, scope: Hashable = None, lazy: bool = False) -> None:
    """Give widget ``key`` its value before it runs: the one it had when its page was last
    left (same dataset, same ``scope``), else ``default``.

    Streamlit drops the state of a page's widgets when another page runs, and may bring
    back a value set long before; so on entering the page the kept value is written
    whatever the key holds, and on other runs only a missing key is filled — or the
    default when the dataset or ``scope`` changed since the value was kept (an as-of date
    moved on the page itself). Call
    :func:`note_widget` after the widget ran. The widget itself is drawn without a
    default (``default=``/``value=``): its value comes from here. With ``lazy``,
    ``default`` is a function called only when its value is needed (a default that costs).
    """
    tag = (dataset_token(), scope)
    kept = st.session_state.setdefault(K_KEPT, {}).get(key)
    moved = kept is not None and kept[0] != tag  # another dataset or scope (as-of date) since
    if page_entered() or moved or key not in st.session_state:
        if kept is None or moved:
            st.session_state[key] = default() if lazy else default
        else:
            st.session_state[key] = kept[1]


def note_widget(key: str, *, scope: Hashable = None) -> None:
    """Remember widget ``key``'s value for :func:`keep_widget` (after it ran)."""
    if key in st.session_state:
        tag = (dataset_token(), scope)
        st.session_state.setdefault(K_KEPT, {})[key] = (tag, st.session_state[key])


#: Widgets whose value is a shown text, not an option's code: given again, it would name
#: no tab in the other language.
_NOT_CARRIED = frozenset({K_FUNNEL_TABS, K_SCORING_TABS})


def _carried(value: object) -> bool:
    """A value :func:`carry_choices` gives again: text or a number (a choice's code, typed
    text, a slider), or a non-empty list of them. Not a switch (a button's value is one),
    nor an empty list (a multi-file uploader with no file holds one, and an uploader's value
    cannot be set: review)."""
    plain = (str, int, float)
    if isinstance(value, bool):
        return False
    if isinstance(value, plain):
        return True
    return (
        isinstance(value, list | tuple)
        and len(value) > 0
        and all(isinstance(v, plain) and not isinstance(v, bool) for v in value)
    )


def carry_choices() -> None:
    """Give every page widget holding text its value again, as set by the app: for a
    language switch (its callback), before the next run draws the widgets.

    Streamlit keeps a choice widget's value as the option's shown text (its
    ``format_func``), so in the other language none of a multiselect's choices matched and
    it came back empty — the Accounts page's tier filter then showed no account and
    exported 0 rows, its required roles none (QA-N) — and a single choice went back to its
    default (the Gap page's fiscal month, a number shown as 4月 / month 4). A value set by
    the app is read as the option itself. Only text, numbers and lists of them are given
    again (:func:`_carried`): a button, an upload or a table editor cannot be set.
    """
    areas = tuple(f"{a}." for a in WIDGET_AREAS)
    for key in list(st.session_state.keys()):
        if not isinstance(key, str) or not key.startswith(areas) or key in _NOT_CARRIED:
            continue
        try:
            value = st.session_state[key]
        except (KeyError, AttributeError):  # pragma: no cover - a widget gone mid-loop
            continue
        if _carried(value):
            st.session_state[key] = value


def dataset_token() -> str | None:
    """Opaque identity of the current dataset.

    A new random token on every load of uploaded files; ``"shared:demo"`` for
    the bundled demo (the same files for everyone).
    """
    return st.session_state.get(K_TOKEN)


def data_label() -> str:
    """Short description of what is loaded ("demo" or file names); the demo's in the
    language shown now, whichever language it was loaded in."""
    from abm.i18n import LANGS, t

    label = st.session_state.get(K_DATA_LABEL, "")
    if label and label in {t("demo.label", lang) for lang in LANGS}:
        return t("demo.label", st.session_state.get(K_LANG, "ja"))
    return label


def get_workspace() -> Workspace:
    """Return the session's workspace settings (empty on first use)."""
    ws = st.session_state.get(K_WORKSPACE)
    if ws is None:
        ws = Workspace()
        st.session_state[K_WORKSPACE] = ws
    return ws


def working_scoring_model() -> Any:
    """The scoring model being edited on the scoring page in the open workspace (None when
    none, or when it was set in another workspace: its sliders are not this one's)."""
    found = st.session_state.get(K_SCORING_MODEL)
    if found is None or st.session_state.get(K_SCORING_MODEL_OWNER) != st.session_state.get(
        K_WS_OPENED
    ):
        return None
    return found


def set_workspace(ws: Workspace) -> None:
    """Replace the whole workspace (after loading a settings file).

    The sections the file could not apply (``ws.problems``) are kept for
    :func:`settings_problems` until another file is loaded.
    """
    before = st.session_state.get(K_WORKSPACE)
    if before is None or before.section("scoring_model") != ws.section("scoring_model"):
        # the sliders show the new settings' model, not one moved under the old ones
        st.session_state.pop(K_SCORING_MODEL, None)
    st.session_state[K_WORKSPACE] = ws
    st.session_state[K_MEMO] = {}
    st.session_state[K_SETTINGS_PROBLEMS] = ws.problems
    _settings_changed()


def settings_problems() -> tuple[Any, ...]:
    """``MoriError`` per section the last loaded settings file could not apply."""
    return tuple(st.session_state.get(K_SETTINGS_PROBLEMS, ()))


def set_workspace_section(name: str, value: dict[str, Any] | None) -> None:
    """Store one section of the workspace settings."""
    st.session_state[K_WORKSPACE] = get_workspace().with_section(name, value)
    _settings_changed()


def _settings_changed() -> None:
    """Save the settings in the open workspace (#18; nothing when none is open or stored)."""
    from abm.ui import workspaces

    workspaces.settings_changed()


def session_memo(name: str, key: Hashable, fn: Callable[[], T]) -> T:
    """Compute ``fn()`` once per (dataset, ``key``) in this session.

    Parameters
    ----------
    name : str
        Memo slot, e.g. ``"funnel.reach"``.
    key : Hashable
        Everything the result depends on besides the data (configs,
        filters, ``as_of``). The dataset identity and the cleaning settings
        (which decide the cleaned leads) are added automatically.
    fn : callable
        Zero-argument function producing the result.

    Returns
    -------
    object
        The cached or freshly computed result.
    """
    found, value = _memo_lookup(name, key)
    if found:
        return value
    full_key = _full_key(key)
    value = fn()
    _memo_store(name, full_key, value)
    return value


def memo_put(name: str, key: Hashable, value: Any) -> None:
    """Put ``value`` in :func:`session_memo`'s slot ``name`` for ``key`` (a result computed
    elsewhere: a reopened dataset and its activity table)."""
    _memo_store(name, _full_key(key), value)


def _memo_store(name: str, full_key: Hashable, value: Any, *, share: bool = True) -> None:
    memo: dict[str, list[tuple[Hashable, Any]]] = st.session_state.setdefault(K_MEMO, {})
    _remember(memo.setdefault(name, []), full_key, value, MEMO_DEPTH)
    if share and _shareable(name):
        with _shared_lock:
            _remember(_shared_memo.setdefault(name, []), full_key, value, SHARED_MEMO_DEPTH)


def forget_shared() -> None:
    """Drop the analyses this process keeps for every session (as a restart does)."""
    with _shared_lock:
        _shared_memo.clear()


def _remember(slot: list[tuple[Hashable, Any]], key: Hashable, value: Any, depth: int) -> None:
    """Put ``(key, value)`` first in ``slot`` (dropping an older entry of ``key``), keep ``depth``."""
    slot[:] = [(key, value), *((k, v) for k, v in slot if k != key)][:depth]


def _shareable(name: str) -> bool:
    """Whether slot ``name`` is shared by every session: an analysis of the bundled demo
    cleaned with its own settings (as :func:`get_prepared` shares its cleaning), or of the
    administrator's source reopened with the settings it was stored with (:data:`SOURCE`),
    so no rule, decision or data a user typed or uploaded afterwards is ever part of a
    process-wide memo."""
    if not name.startswith(SHARED_SLOTS):
        return False
    token = dataset_token() or ""
    if token.startswith(SHARED):
        return cleaning_settings() == _demo_cleaning()
    if token.startswith(SOURCE):  # not a cleaning that fell back to the defaults
        settings = cleaning_settings()
        fell_back = st.session_state.get(K_CLEAN_FALLBACK) == (token, settings)
        return settings == st.session_state.get(K_SOURCE_CLEANING) and not fell_back
    return False


def _full_key(key: Hashable) -> Hashable:
    # Every analysis reads the cleaned dataset, so the cleaning settings are part
    # of every key: saving a rule or a review decision must not serve stale results.
    # So is the currency money is written in: a memo may hold texts (an export's headers
    # and reasons), and shared ones are read by sessions of other workspaces.
    from abm.core.format import currency

    return (dataset_token(), cleaning_settings(), currency(), key)


def memo_lookup(name: str, key: Hashable) -> tuple[bool, Any]:
    """``(True, value)`` if :func:`session_memo` holds ``name`` for ``key`` (computes nothing)."""
    return _memo_lookup(name, key)


def _memo_lookup(name: str, key: Hashable) -> tuple[bool, Any]:
    """``(True, value)`` if :func:`session_memo` holds ``name`` for ``key``, else ``(False, None)``."""
    full_key = _full_key(key)
    for k, v in st.session_state.get(K_MEMO, {}).get(name, []):
        if k == full_key:
            return True, v
    if _shareable(name):
        with _shared_lock:
            found = [v for k, v in _shared_memo.get(name, ()) if k == full_key]
        if found:  # kept in this session too; the shared slot already holds it
            _memo_store(name, full_key, found[0], share=False)
            return True, found[0]
    return False, None


def _within_cores(config: Any) -> Any:
    """``config`` with at most as many matcher threads as this machine has cores.

    The settings file may ask for up to ``abm.resolve.MAX_WORKERS`` (more is
    refused at load); the app never runs more threads than cores.
    """
    cores = max(1, os.cpu_count() or 1)
    if config.workers <= cores:
        return config
    return dataclasses.replace(config, workers=cores)


def _cleaning() -> tuple[tuple[Any, Any, Any], tuple[Any, ...]]:
    """Parsed cleaning settings and a ``MoriError`` per invalid section.

    Parsed once per workspace object (workspaces are immutable), because the
    settings are part of every memo key and are read many times per rerun.
    Whatever a section holds, its defaults are used instead of failing.
    """
    ws = get_workspace()
    cached = st.session_state.get(K_CLEANING)
    if cached is not None and cached[0] is ws:
        return cached[1], cached[2]
    settings, problems = parse_cleaning(ws)
    st.session_state[K_CLEANING] = (ws, settings, problems)
    return settings, problems


def parse_cleaning(ws: Workspace) -> tuple[tuple[Any, Any, Any], tuple[Any, ...]]:
    """``((ResolveConfig, ExclusionRules, ReviewDecisions), problems)`` of a workspace:
    each invalid section's defaults and a ``MoriError`` for it; the matcher's threads
    capped at this machine's cores. Needs no session (:func:`abm.ui.warmup.warm_up`)."""
    from abm.errors import MoriError
    from abm.resolve import ExclusionRules, ResolveConfig, ReviewDecisions

    out: list[Any] = []
    problems: list[MoriError] = []
    for cls, name in (
        (ResolveConfig, "matching"),
        (ExclusionRules, "exclusion_rules"),
        (ReviewDecisions, "review_decisions"),
    ):
        try:
            out.append(cls.from_dict(ws.section(name), section=name))
        except MoriError as err:
            out.append(cls())
            problems.append(err)
        except Exception:  # defence in depth: one section never breaks every page
            out.append(cls())
            problems.append(MoriError("config.err.section_invalid", section=name, key="-"))
    return (_within_cores(out[0]), out[1], out[2]), tuple(problems)


def cleaning_settings() -> tuple[Any, Any, Any]:
    """``(ResolveConfig, ExclusionRules, ReviewDecisions)`` from the workspace.

    An invalid saved section falls back to the defaults (the cleaning page
    reports it, see :func:`cleaning_problems`); analyses never stop on a
    settings problem.
    """
    return _cleaning()[0]


def cleaning_problems() -> tuple[Any, ...]:
    """``MoriError`` per invalid cleaning section, and one if cleaning with the
    saved settings failed and the defaults were used (may be empty)."""
    from abm.errors import MoriError

    fell_back = st.session_state.get(K_CLEAN_FALLBACK) == (dataset_token(), cleaning_settings())
    extra = (MoriError("resolve.err.cleaning_fallback"),) if fell_back else ()
    return _cleaning()[1] + extra


def _prepare_or_defaults(dataset: Dataset, settings: tuple[Any, Any, Any]) -> Any:
    """:func:`abm.pipeline.prepare` with the saved settings, else with the defaults.

    A failure caused by the saved settings must not break every page: it is
    noted for :func:`cleaning_problems` and the data is cleaned with the
    defaults. A failure with the defaults too is the data's and is raised.
    """
    from abm.pipeline import prepare_or_defaults

    config, rules, decisions = settings
    prepared, fell_back = prepare_or_defaults(
        dataset, config=config, rules=rules, decisions=decisions, defaults=_defaults()
    )
    return _noted(prepared, fell_back, settings)


def _defaults() -> tuple[Any, Any, Any]:
    from abm.resolve import ExclusionRules, ResolveConfig, ReviewDecisions

    return (_within_cores(ResolveConfig()), ExclusionRules(), ReviewDecisions())


def _noted(prepared: Any, fell_back: bool, settings: tuple[Any, Any, Any]) -> Any:
    """Remember that the saved settings failed (for :func:`cleaning_problems`)."""
    if fell_back:
        st.session_state[K_CLEAN_FALLBACK] = (dataset_token(), settings)
    else:  # a configured source just cleaned: stored, so the next opening reopens it
        from abm.ui import sources

        sources.after_prepare(prepared)
    return prepared


def _clean_job() -> tuple[Hashable, tuple[Any, ...], dict[str, Any]]:
    """Key, arguments and keyword arguments of the session's cleaning job."""
    from abm.pipeline import prepare_or_defaults

    settings = cleaning_settings()
    config, rules, decisions = settings
    kwargs = dict(config=config, rules=rules, decisions=decisions, defaults=_defaults())
    return _full_key(settings), (prepare_or_defaults, get_dataset()), kwargs


def get_prepared() -> Any:
    """The session's :class:`abm.pipeline.Prepared` (cleaned data + ledger)."""
    dataset = get_dataset()
    if dataset is None:
        raise RuntimeError("no dataset loaded")
    settings = cleaning_settings()
    token = dataset_token() or ""
    if token.startswith(SHARED) and settings == _demo_cleaning():
        # the bundled demo with its own settings: cleaned once for every session
        return session_memo("pipeline.prepared", settings, lambda: _shared_prepared(token, dataset))
    from abm.ui import jobs

    if len(dataset.leads) < jobs.min_rows():
        return session_memo(
            "pipeline.prepared", settings, lambda: _prepare_or_defaults(dataset, settings)
        )
    found, value = _memo_lookup("pipeline.prepared", settings)
    if found:
        return value
    # A big upload is cleaned in a worker process (other sessions stay fast);
    # this page shows its progress and a cancel button meanwhile.
    from abm.ui.shell import tr

    full_key, args, kwargs = _clean_job()
    prepared, fell_back = jobs.run(
        "clean", full_key, *args, title=tr("jobs.title.clean"), tr=tr, **kwargs
    )
    _memo_store("pipeline.prepared", full_key, _noted(prepared, fell_back, settings))
    st.rerun()  # the sidebar, drawn before the wait, shows the cleaned counts too


def cached_prepared() -> Any:
    """The session's :class:`abm.pipeline.Prepared` for the current settings if already
    computed, else ``None`` (starts nothing)."""
    if get_dataset() is None:
        return None
    found, value = _memo_lookup("pipeline.prepared", cleaning_settings())
    return value if found else None


def cleaned_rules() -> Any:
    """The exclusion rules the current data was cleaned with, their lists completed from the
    people (:attr:`abm.resolve.CleanResult.rules`), else ``None`` (not cleaned yet, or a
    store from before they were kept)."""
    prepared = cached_prepared()
    return None if prepared is None else getattr(prepared.clean, "rules", None)


def install_prepared(prepared: Any) -> None:
    """Use ``prepared`` as the cleaned data for the current settings (a reopened snapshot, #18)."""
    _memo_store("pipeline.prepared", _full_key(cleaning_settings()), prepared)


def prepared_if_ready() -> Any:
    """The session's :class:`abm.pipeline.Prepared` if it needs no waiting, else ``None``.

    Small datasets are cleaned inline (fast). A big one is cleaned in a worker
    started here, right after the upload, whatever page is open: the sidebar
    reports its progress (:func:`cleaning_job`), a page that needs the data
    waits for the same job (:func:`get_prepared`), and the result is collected
    by whichever asks first once it is done.
    """
    from abm.ui import jobs

    dataset = get_dataset()
    if dataset is None:
        return None
    if (dataset_token() or "").startswith(SHARED) or len(dataset.leads) < jobs.min_rows():
        return get_prepared()
    settings = cleaning_settings()
    found, value = _memo_lookup("pipeline.prepared", settings)
    if found:
        return value
    full_key, args, kwargs = _clean_job()
    job = jobs.ensure("clean", full_key, *args, **kwargs)
    if not job.poll() or job.outcome[0] != "ok":
        return None
    prepared, fell_back = jobs.collect("clean")
    _memo_store("pipeline.prepared", full_key, _noted(prepared, fell_back, settings))
    return prepared


def cleaning_job() -> Any:
    """The session's running cleaning job (:class:`abm.ui.jobs.Job`), if any."""
    from abm.ui import jobs

    return jobs.current("clean")


@functools.cache
def _demo_cleaning() -> tuple[Any, Any, Any]:
    """The cleaning settings the demo ships with (``data/demo_settings.json``)."""
    from abm.demo import demo_workspace
    from abm.resolve import ExclusionRules, ResolveConfig, ReviewDecisions

    ws = demo_workspace()
    return (
        _within_cores(ResolveConfig.from_dict(ws.section("matching"))),
        ExclusionRules.from_dict(ws.section("exclusion_rules")),
        ReviewDecisions.from_dict(ws.section("review_decisions")),
    )


def prepare_shared_demo(dataset: Dataset) -> Any:
    """Clean the bundled demo (``dataset``, as :func:`abm.ui.loading.warm_demo` builds it)
    with its own settings into the process-wide cache its sessions read, ahead of them."""
    return _shared_prepared(SHARED + "demo", dataset)


@st.cache_resource(max_entries=1, show_spinner=False)
def _shared_prepared(token: str, _dataset: Dataset) -> Any:
    """:func:`abm.pipeline.prepare` of the bundled demo with its own settings, once per process.

    Only the demo's shipped settings use this cache, so nothing a user typed or
    uploaded (their rules, decisions, data) is ever part of a process-wide
    cache: a session with other settings cleans the demo for itself. The
    dataset is not hashed (``_dataset``): a shared token names the same files.
    """
    from abm.pipeline import prepare

    config, rules, decisions = _demo_cleaning()
    return prepare(_dataset, config=config, rules=rules, decisions=decisions)


#: Events dated more than this many days after today are not used for the
#: default as-of date (a Salesforce task's due date may lie a few months ahead).
AS_OF_HORIZON_DAYS = 366


def as_of_default(dataset: Dataset) -> AsOfDefault:
    """:meth:`Dataset.as_of_default` up to today + :data:`AS_OF_HORIZON_DAYS` (closed deals'
    close dates up to today), once per dataset.

    The sidebar asks on every rerun; scanning every date column each time
    cost a few milliseconds a rerun per session.
    """
    cached = st.session_state.get(K_LATEST)
    if cached is not None and cached[0] is dataset:
        return cached[1]
    horizon, today = as_of_horizon(), pd.Timestamp(dt.date.today())
    if dataset is st.session_state.get(K_DATASET):  # shared with the sessions on the same data
        value = session_memo(
            "data.as_of_default",
            (horizon, today),
            lambda: dataset.as_of_default(horizon=horizon, today=today),
        )
    else:
        value = dataset.as_of_default(horizon=horizon, today=today)
    st.session_state[K_LATEST] = (dataset, value)
    return value


def closed_after_as_of(dataset: Dataset, as_of: pd.Timestamp) -> tuple[int, pd.Timestamp | None]:
    """Deals won or lost after ``as_of`` (by today), open on it
    (:func:`abm.core.opportunities.closed_after`); once per dataset and day in a session."""
    frame = dataset.opportunities
    if frame is None or not len(frame) or "close_date" not in frame.columns:
        return 0, None
    from abm.core.opportunities import closed_after
    from abm.ui.loading import phase_vocabulary

    today = pd.Timestamp(dt.date.today())
    words = phase_vocabulary()  # the workspace's, as every page reads the deals

    def count() -> tuple[int, pd.Timestamp | None]:
        return closed_after(frame, as_of, until=today, vocabulary=words)

    if dataset is st.session_state.get(K_DATASET):
        return session_memo("data.closed_after", (as_of.normalize(), today, words), count)
    return count()


def as_of_horizon() -> pd.Timestamp:
    """The last day whose dates count for the default as-of date. Needs no session.

    Returns
    -------
    pandas.Timestamp
        Today + :data:`AS_OF_HORIZON_DAYS`.
    """
    return pd.Timestamp(dt.date.today()) + pd.Timedelta(days=AS_OF_HORIZON_DAYS)


def latest_date(dataset: Dataset) -> pd.Timestamp | None:
    """The default as-of date of ``dataset``, outlying dates left out (see :func:`as_of_default`)."""
    return as_of_default(dataset).date


def old_rules() -> str | None:
    """The rules version of the snapshot shown, when earlier than today's
    (:data:`abm.pipeline.RULES_VERSION`): ``""`` for a snapshot stored before snapshots
    said; ``None`` when the data shown was read and cleaned by today's rules."""
    found = st.session_state.get(K_WS_OLD_RULES)
    if not found or found[0] != dataset_token():
        return None
    return found[1]
