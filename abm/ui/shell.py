"""Page chrome: page config, translated sidebar navigation, language, presentation mode, guard.

Presentation mode (for a projector) is one app-wide choice kept in session
state, so it survives page changes: while it is on, every page folds the
sidebar away, charts get larger fonts (:func:`abm.ui.widgets.chart`) and a
one-line bar at the top summarises the page's filters
(:func:`abm.ui.widgets.filters_line`) next to a button that ends it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import threading

import pandas as pd
import streamlit as st

from abm.dataset import Dataset
from abm.errors import MoriError
from abm.i18n import LANGS, normalise_lang, t
from abm.i18n import keys as K
from abm.ui import state

#: (script path, label key, icon) — the custom, translated navigation.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("app.py", "nav.home", ":material/home:"),
    ("pages/1_Data.py", "nav.data", ":material/upload_file:"),
    ("pages/2_Cleaning.py", "nav.cleaning", ":material/cleaning_services:"),
    ("pages/3_Funnel.py", "nav.funnel", ":material/filter_alt:"),
    ("pages/4_Gap.py", "nav.gap", ":material/compare_arrows:"),
    ("pages/5_Scoring.py", "nav.scoring", ":material/tune:"),
    ("pages/6_Accounts.py", "nav.accounts", ":material/apartment:"),
    ("pages/7_ABM_Fit.py", "nav.abm_fit", ":material/verified:"),
    ("pages/8_Account.py", "nav.account", ":material/auto_stories:"),
    ("pages/9_Workspace.py", "nav.workspace", ":material/inventory_2:"),
)
DATA_PAGE = "pages/1_Data.py"
CLEANING_PAGE = "pages/2_Cleaning.py"


def lang() -> str:
    """The session's language: chosen in the sidebar, else the browser's."""
    if state.K_LANG not in st.session_state:
        try:
            locale = st.context.locale
        except Exception:  # outside a browser session (AppTest, bare mode)
            locale = None
        st.session_state[state.K_LANG] = normalise_lang(locale)
    return st.session_state[state.K_LANG]


def tr(key: str, /, **params: object) -> str:
    """Translate ``key`` into the session's language."""
    return t(key, lang(), **params)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$])")


def md(text: object) -> str:
    """Escape a value for Streamlit Markdown so it shows as plain text.

    Uploaded values (file names, header cells, company names) must never be
    interpreted as links, emphasis, colour directives or HTML.
    """
    return re.sub(r"[\r\n\u2028\u2029]", " ", _MD_SPECIAL.sub(r"\\\1", str(text)))


def tr_md(key: str, /, **params: object) -> str:
    """Like :func:`tr`, for Markdown sinks: string parameters are escaped."""
    return tr(key, **{k: md(v) if isinstance(v, str) else v for k, v in params.items()})


def msg(err: MoriError) -> str:
    """A user-facing error, translated, safe for Markdown sinks (st.error…)."""
    return tr_md(err.key, **dict(err.params))


def _on_lang() -> None:
    st.session_state[state.K_LANG] = st.session_state[state.K_W_LANG]
    state.carry_choices()  # the choices made, whatever the options are called now (QA-N)


def presenting() -> bool:
    """Whether presentation mode is on (readable before any widget is drawn)."""
    return bool(st.session_state.get(state.K_PRESENTATION, False))


def sidebar_state() -> str | None:
    """The sidebar for this run: folded while presenting, unfolded once when presenting ends.

    ``None`` (leave it as the user has it) otherwise. Call once per run:
    :func:`page_setup` does.
    """
    now, before = presenting(), bool(st.session_state.get(state.K_PRESENTED, False))
    st.session_state[state.K_PRESENTED] = now
    if now:
        return "collapsed"
    return "expanded" if before else None


def _on_presentation() -> None:
    st.session_state[state.K_PRESENTATION] = bool(st.session_state[state.K_W_PRESENTATION])


def _stop_presenting() -> None:
    st.session_state[state.K_PRESENTATION] = False


#: The current run's presentation bar (the thread running this session's script).
_RUN = threading.local()


def presentation_slot() -> tuple[object, list[str]] | None:
    """The one-line summary slot of this run's presentation bar and its base parts.

    ``None`` when not presenting (or before :func:`page_setup`).
    """
    return getattr(_RUN, "bar", None)


def _presentation_bar(current: str) -> None:
    """The bar at the top of a presenting page: what is shown (as of, data) and the way out."""
    # wide enough for "Pages" and "End" with the sidebar open too (QA-H: "Pa…"); in a
    # container the page's CSS keeps at the top while the page scrolls (_style)
    bar = st.container(key=state.K_PRESENTATION_BAR)
    left, pages, leave = bar.columns([4, 1, 1], vertical_alignment="center")
    parts = [t("shell.presenting", current)]
    if state.get_dataset() is not None:
        parts.append(t("shell.present_as_of", current, as_of=get_as_of().strftime("%Y-%m-%d")))
    slot = left.empty()
    slot.markdown(
        " · ".join(md(p) for p in parts if p)
    )  # body text, as widgets.present_line (QA-N)
    _RUN.bar = (slot, parts)
    # the pages, without unfolding the sidebar (Streamlit folds it only when asked anew)
    with pages.popover(t("shell.present_pages", current), icon=":material/menu:", width="stretch"):
        for path, label_key, icon in PAGES:
            st.page_link(path, label=t(label_key, current), icon=icon)
    leave.button(
        t("shell.presentation_exit", current),
        icon=":material/close_fullscreen:",
        on_click=_stop_presenting,
        key=state.K_W_PRESENTATION_EXIT,
        width="stretch",
    )


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal (for ``content:``): quotes and backslashes escaped,
    no line breaks, nothing that could close the style block."""
    flat = " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + flat.replace("<", "\\3C ").replace(">", "\\3E ") + '"'


#: Upload hints by the files an uploader takes (matched on its ``accept`` attribute).
_UPLOAD_KINDS = (
    ('[accept*=".xlsx"]', "shell.upload.kinds_data"),
    ('[accept*=".zip"]', "shell.upload.kinds_zip"),
    ('[accept*=".json"]', "shell.upload.kinds_json"),
)


def _style(current: str) -> str:
    """The app's own CSS for this run.

    Streamlit's file uploader writes "Upload" and "500MB per file", and a
    searchable list filtered down to nothing "No results", in English whatever
    the language; in Japanese these texts are hidden and ours shown in their
    place (the button keeps its role; the limit is the server's).
    In presentation mode the page starts higher: a 720-pixel projector needs
    every line.
    """
    rules = []
    if current != "en":
        mb = int(st.get_option("server.maxUploadSize"))
        zone = '[data-testid="stFileUploaderDropzone"]'
        hint = '[data-testid="stFileUploaderDropzoneInstructions"]'
        rules += [
            f'{zone} button [data-testid="stMarkdownContainer"] p{{display:none}}',
            f'{zone} button [data-testid="stMarkdownContainer"]::after'
            f"{{content:{_css_text(t('shell.upload.button', current))}}}",
            f"{hint} span{{display:none}}",
            f"{hint} > div::after{{content:{_css_text(t('shell.upload.limit', current, mb=mb))}}}",
            # while files are dragged over the zone, its English overlay text is replaced too
            # (the overlay alone holds a span: the list of files chosen, which follows the
            # input when no file is dragged, must not get the text — QA-G saw it over a chip)
            f"{zone} > input + div:not([data-testid]) > span{{display:none}}",
            f"{zone} > input + div:not([data-testid]):has(> span)::after"
            f"{{content:{_css_text(t('shell.upload.drop', current))}}}",
        ]
        # a list filtered down to nothing says so in the reader's language
        empty = '[role="listbox"][data-empty="true"]'
        rules += [
            f'{empty} [role="option"] > span{{display:none}}',
            f"{empty}::after{{content:{_css_text(t('shell.no_match', current))};display:block;"
            "padding:0.5rem;text-align:center;opacity:0.7;font-size:0.875rem}",
        ]
        for selector, key in _UPLOAD_KINDS:
            text = t("shell.upload.limit_kinds", current, kinds=t(key, current), mb=mb)
            rules.append(
                f'[data-testid="stFileUploader"]:has(input{selector}) {hint} > div::after'
                f"{{content:{_css_text(text)}}}"
            )
    if presenting():
        rules.append('[data-testid="stMainBlockContainer"]{padding-top:4rem}')
        # the bar (the way out, the pages, the as-of) stays in view below Streamlit's
        # header while a long page scrolls on the projector
        rules.append(
            # (on the wrapper Streamlit puts around the container: a sticky element stays
            # within its parent)
            f'[data-testid="stLayoutWrapper"]:has(> .st-key-{state.K_PRESENTATION_BAR})'
            "{position:sticky;top:3.75rem;z-index:999;"
            "background:var(--st-background-color, #fff);padding:0.25rem 0;"
            "border-bottom:1px solid rgba(49,51,63,0.15)}"
        )
    return "<style>" + "\n".join(rules) + "</style>"


def _on_as_of() -> None:
    value = st.session_state.get(state.K_W_AS_OF)
    if value is not None:
        st.session_state[state.K_AS_OF] = pd.Timestamp(value)


def _sidebar() -> None:
    current = lang()
    with st.sidebar:
        st.session_state[state.K_W_LANG] = current
        st.segmented_control(
            t("shell.language", current),
            options=list(LANGS),
            format_func=lambda code: {"ja": "日本語", "en": "English"}[code],
            key=state.K_W_LANG,
            on_change=_on_lang,
            required=True,
        )
        st.session_state[state.K_W_PRESENTATION] = presenting()
        st.toggle(
            t("shell.presentation", current),
            key=state.K_W_PRESENTATION,
            on_change=_on_presentation,
            help=t("shell.presentation_help", current),
        )
        for path, label_key, icon in PAGES:
            st.page_link(path, label=t(label_key, current), icon=icon)
        ds = state.get_dataset()
        from abm.ui.warmup import server_note

        server_note()  # on every page: the server's preparation, waited for or newer data
        if ds is not None:
            st.divider()
            found = state.as_of_default(ds)
            default = found.date or pd.Timestamp(dt.date.today())
            as_of = st.session_state.get(state.K_AS_OF, default)
            st.session_state[state.K_W_AS_OF] = as_of.date()
            st.date_input(
                t("shell.as_of", current),
                key=state.K_W_AS_OF,
                on_change=_on_as_of,
                help=t("shell.as_of_help", current),
            )
            if found.ignored:
                st.caption(t("shell.as_of_outliers", current, count=found.ignored))
            late, last = (
                state.closed_after_as_of(ds, pd.Timestamp(as_of))
                if found.date is not None and pd.Timestamp(as_of) >= found.date
                else (0, None)
            )  # a safety net: the default already counts deals closed by today
            if late:  # (a day chosen before it is a look back: nothing to say)
                st.caption(
                    t("shell.closed_after", current, count=late, date=last.strftime("%Y-%m-%d"))
                )
            counts = ds.row_counts()
            prepared = state.prepared_if_ready()
            job = state.cleaning_job() if prepared is None else None
            stopped = job is not None and job.poll() and job.outcome[0] != "ok"
            analysed = (
                t("shell.cleaning_stopped" if stopped else "shell.cleaning_running", current)
                if prepared is None
                else t(
                    "shell.analysed",
                    current,
                    kept=prepared.clean.summary.get("kept", 0),
                    accounts=prepared.clean.summary.get("accounts", 0),
                )
            )
            st.caption(
                t("shell.loaded", current, label=md(state.data_label()) or "—")
                + "  \n"
                + " · ".join(f"{t(K.TABLE[k], current)} {v:,}" for k, v in counts.items())
                + "  \n"
                + analysed
            )
            if state.old_rules() is not None:
                st.caption(t("shell.old_rules", current), help=t("shell.old_rules_help", current))
            if job is not None and not stopped:
                _cleaning_progress()


@st.fragment(run_every=1.0)
def _cleaning_progress() -> None:
    """The sidebar's view of a big upload being cleaned in a worker, refreshed every second.

    When the work is over the whole page reruns: the result is collected and
    every section shows the cleaned data.
    """
    from abm.ui import jobs

    job = state.cleaning_job()
    if job is None or job.poll():
        st.rerun()
    frac, text = jobs.label(job, tr)
    st.progress(frac, text=text)


def page_setup(page: str, *, layout: str = "wide", sidebar: str | None = None) -> str:
    """Set up a page: config, translated sidebar navigation, language.

    Parameters
    ----------
    page : str
        Page id (``"home"``, ``"data"``, ``"funnel"``…), used for the title.
    layout : str
        Streamlit layout.
    sidebar : str, optional
        ``"collapsed"`` or ``"expanded"``; by default :func:`sidebar_state`
        (folded while presenting, else as the user has it).

    Returns
    -------
    str
        The session language, ``"ja"`` or ``"en"``.
    """
    state.enter_page(page)
    current = lang()
    fold = sidebar if sidebar is not None else sidebar_state()
    st.set_page_config(
        page_title=f"Mori · {t(K.NAV[page], current)}",
        page_icon=":material/phishing:",
        layout=layout,  # type: ignore[arg-type]
        initial_sidebar_state=fold,  # type: ignore[arg-type]
    )
    from abm.ui import auth  # team mode (#18): nothing below is drawn for a refused user

    auth.gate(current)
    from abm.ui import workspaces  # persistent workspaces (#18): open, reopen, store
    from abm.ui.views.workspace_sidebar import sidebar as workspace_sidebar

    workspaces.sync(page)
    from abm.ui.views import currency

    currency.apply()  # money on every page in the workspace's currency
    _demo_if_asked()
    _sidebar()
    auth.account_box(lang())
    workspace_sidebar(page)
    current = lang()
    st.html(_style(current))
    _RUN.bar = None
    if presenting():
        _presentation_bar(current)
    return current


def _demo_if_asked() -> None:
    """A session that starts with no data on a server or link that asks for the demo gets
    it, on whichever page it opens first (a bookmarked page too, not only the home page),
    before the sidebar says what is loaded. Only on the session's first run: a workspace
    created or emptied later stays empty (and attached), and a demo that fails to load is
    not tried again on every run."""
    if st.session_state.get(state.K_DEMO_TRIED):
        return
    st.session_state[state.K_DEMO_TRIED] = True
    asked = "--demo" in sys.argv or st.query_params.get("demo") == "1"  # make run; a link
    if asked and state.get_dataset() is None:
        from abm.ui.warmup import waiting_for_server

        if not waiting_for_server():  # it gets the source, not the demo, once that is ready
            from abm.ui.loading import load_demo_into_session

            load_demo_into_session()


def require_loaded() -> Dataset:
    """Return the dataset as loaded, or show a guard linking to the data page and stop."""
    ds = state.get_dataset()
    if ds is None:
        from abm.ui.sources import source_notice  # a configured source that failed to open

        if source_notice():  # the server is preparing it: its progress, then the page
            st.stop()
        with st.container(border=True):
            st.info(tr("guard.no_data"), icon=":material/info:")
            st.page_link(DATA_PAGE, label=tr("guard.go_data"), icon=":material/upload_file:")
        st.stop()
    return ds


def require_data() -> Dataset:
    """Return the cleaned dataset every analysis uses, or guard and stop.

    Leads are the kept persons after de-duplication, 営業対象外 exclusions
    and 名寄せ (with ``account_id``); see :func:`abm.pipeline.prepare`. When
    cleaning excluded every lead loaded, the page says so (with the way to
    the cleaning page) and stops.
    """
    loaded = require_loaded()
    cleaned = state.get_prepared().dataset
    if loaded.has("leads") and not cleaned.has("leads"):  # not "no lead matches the filters"
        with st.container(border=True):
            st.warning(tr("guard.all_excluded", n=len(loaded.leads)), icon=":material/block:")
            st.page_link(CLEANING_PAGE, label=tr("guard.go_cleaning"), icon=":material/rule:")
        st.stop()
    return cleaned


def get_as_of() -> pd.Timestamp:
    """The as-of date chosen in the sidebar (default: latest event in data)."""
    value = st.session_state.get(state.K_AS_OF)
    if value is not None:
        return pd.Timestamp(value)
    ds = state.get_dataset()
    latest = state.latest_date(ds) if ds is not None else None
    return latest if latest is not None else pd.Timestamp(dt.date.today())
