"""Loading data into the session: demo data and uploads.

The raw tables and their mappings are kept in session state so the data page
can show and correct the mapping and rebuild the dataset without a re-upload.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import streamlit as st

from abm.errors import MoriError
from abm.ui import state
from abm.ui.shell import tr


def saved_mappings() -> list[Any]:
    """Column mappings saved in the workspace, as ``ColumnMapping`` objects.

    A saved mapping that fails validation is skipped, never blocking an upload
    or the demo; :func:`upload_box` says which one and why (it is dropped
    when the mappings are saved again).
    """
    out, skipped = parse_mappings(state.get_workspace())
    st.session_state[state.K_SKIPPED_MAPPINGS] = skipped
    return out


def parse_mappings(ws: Any) -> tuple[list[Any], list[MoriError]]:
    """The valid saved column mappings of a workspace, and a ``MoriError`` per skipped one
    (naming it: ``mappings[2].columns``). Needs no session."""
    from abm.ingest import ColumnMapping

    section = ws.section("column_mappings") or {}
    items = section.get("mappings", []) if isinstance(section, dict) else None
    out, skipped = [], []
    if not isinstance(items, list):
        skipped.append(MoriError("config.err.not_list", section="column_mappings", key="mappings"))
        items = []
    for i, item in enumerate(items):
        try:
            out.append(ColumnMapping.from_dict(item, section="column_mappings"))
        except MoriError as err:
            inner = str(err.params.get("key", "-"))
            where = f"mappings[{i + 1}]" + ("" if inner == "-" else f".{inner}")
            skipped.append(MoriError(err.key, **{**err.params, "key": where}))
    return out, skipped


def remember_mappings(mappings: Sequence[Any]) -> None:
    """Save mappings the user applied in the workspace (newest first, one per signature).

    Only confirmed mappings are saved: a suggestion saved at upload would be re-applied to
    every later export of that layout, so a better reading of a later version (a report
    type recognised, a column preferred) would never reach the workspace.
    """
    seen: set[str] = set()
    merged = []
    applied = [dataclasses.replace(m, confirmed=True) for m in mappings]
    for m in [*applied, *saved_mappings()]:
        if m.signature in seen:
            continue
        seen.add(m.signature)
        merged.append(m.to_dict())
    state.set_workspace_section("column_mappings", {"mappings": merged[:50]})


def phase_vocabulary(ws: Any = None) -> Any:
    """The phase words of ``ws`` (default: the session's workspace; section ``phases``);
    the defaults when absent or invalid.

    Opportunities' won / lost / open are derived with them at every load and
    rebuild (:func:`abm.ingest.build_batch`).
    """
    from abm.core.phases import PhaseVocabulary

    ws = state.get_workspace() if ws is None else ws
    try:
        return PhaseVocabulary.from_dict(ws.section("phases"), section="phases")
    except MoriError:
        return PhaseVocabulary()


def exchange_rates(ws: Any = None) -> Any:
    """The currency and exchange rates of ``ws`` (default: the session's workspace; section
    ``general``) as :class:`abm.core.money.ExchangeRates`; yen and no rates when absent or
    invalid. Amounts in other currencies are converted with them at every load and rebuild."""
    from abm.core.money import ExchangeRates
    from abm.gap.settings import GeneralSettings

    ws = state.get_workspace() if ws is None else ws
    try:
        general = GeneralSettings.from_dict(ws.section("general") or {}, section="general")
    except MoriError:
        return ExchangeRates()
    return ExchangeRates(general.currency, tuple(general.exchange_rates))


def parts() -> list[tuple[Any, Any]]:
    """The session's ``(RawTable, ColumnMapping)`` pairs (a reopened snapshot's read back now)."""
    from abm.ui import workspaces

    workspaces.ensure_parts()
    return list(st.session_state.get(state.K_PARTS, []))


def load_errors() -> list[tuple[str, str, dict[str, object]]]:
    """Files refused at the last load, as ``(file, message key, params)``."""
    return list(st.session_state.get(state.K_LOAD_ERRORS, []))


def _install(new_parts: Sequence[tuple[Any, Any]], dataset: Any, *, label: str) -> None:
    st.session_state[state.K_PARTS] = list(new_parts)
    state.set_dataset(dataset, label=label)


def rebuild(new_parts: Sequence[tuple[Any, Any]], *, label: str) -> MoriError | None:
    """Build the dataset from ``new_parts`` and install it in the session.

    All or nothing: used when a mapping is edited, so a file that can no
    longer be built keeps the previous dataset (and the file) in place. The
    open snapshot is stored again in its place (the same load, mapped anew),
    or beside it when earlier rules made it (:func:`abm.ui.state.old_rules`: it
    keeps the numbers it showed).

    Returns
    -------
    MoriError or None
        The first file's error when a part cannot be converted or combined
        (e.g. an edited mapping names an unknown field), naming the file;
        the previous dataset is then kept. Unexpected exceptions never
        reach the page: they become ``ingest.err.convert_failed``.
    """
    from abm.ingest import build_batch

    if not new_parts:
        _install([], None, label=label)
        return None
    result = build_batch(list(new_parts), phases=phase_vocabulary(), rates=exchange_rates())
    if result.errors:
        return result.errors[0][1]
    earlier = state.old_rules() is not None  # asked before the new data replaces it
    _install(result.parts, result.dataset, label=label)
    _stored("new" if earlier else "replace")
    return None


def _stored(mode: str) -> None:
    """Store the data just installed as a snapshot of the open workspace, once cleaned (#18)."""
    from abm.ui import workspaces

    workspaces.loaded(mode)


def ingest(files: Sequence[tuple[str, bytes]], *, label: str | None = None) -> int:
    """Read files, suggest (or re-apply saved) mappings, build the dataset.

    File by file (:func:`abm.ingest.read_uploads`): a file that fails at any
    step is reported with a translated message naming it, and the other
    files load. A big batch (:func:`abm.ui.jobs.min_bytes`) is read in a
    worker process with progress and a cancel button, so other sessions of
    the server stay responsive; a cancelled read keeps the data loaded before.

    Returns
    -------
    int
        Number of files that were refused (their messages are kept for the UI).
    """
    from abm.ingest import read_uploads
    from abm.ui import jobs, workspaces

    workspaces.before_load()  # after the demo: the workspace's own settings again
    saved = saved_mappings()
    phases, rates = phase_vocabulary(), exchange_rates()
    if sum(len(data) for _, data in files) < jobs.min_bytes():
        result = read_uploads(files, saved=saved, phases=phases, rates=rates)
    else:
        key = (tuple((name, len(data), hash(data)) for name, data in files), phases, rates)
        result = jobs.run(
            "read", key, read_uploads, list(files), saved=saved, phases=phases, rates=rates,
            title=tr("jobs.title.read"), tr=tr,
        )  # fmt: skip
    if result.parts:
        _install(
            result.parts,
            result.dataset,
            label=label or ", ".join(raw.file for raw, _ in result.parts),
        )
        # only mappings the user applied are remembered (the Data page): a suggestion
        # saved here would override the better reading of a later version for good
        remember_mappings([])  # the saved list rewritten clean (a broken entry dropped)
        _stored("new")
    refused = [(n, err.key, dict(err.params)) for n, err in result.refused]
    if refused and not result.parts and st.session_state.get(state.K_DATASET) is not None:
        # nothing of this upload loaded: every page still shows the data loaded before — said
        # beside the refusals, with its name (QA: the pages went on as if the upload had worked)
        refused.append(("", _KEPT_PREVIOUS, {}))  # named when drawn, in the language shown
    st.session_state[state.K_LOAD_ERRORS] = refused
    return len(result.refused)


#: The load-error entry that is no refusal: the data loaded before is still what is shown.
_KEPT_PREVIOUS = "home.kept_previous"


@st.cache_resource(max_entries=1, show_spinner=False)
def _demo() -> tuple[list[tuple[Any, Any]], Any]:
    """The bundled demo read, mapped and built into a dataset, once per process.

    The demo is fictional and the same for everyone, so sessions share these
    (immutable) tables; uploads never go through here. Returns ``(parts,
    dataset)``; a ``MoriError`` (a packaging bug) is raised, not cached.
    """
    from abm.demo import demo_files
    from abm.ingest import build_dataset, read_table, suggest_mapping

    parts = []
    for name, data in demo_files():
        raw = read_table(data, name)
        parts.append((raw, suggest_mapping(raw)))
    return parts, build_dataset(parts)


def warm_demo() -> None:
    """Read, build and clean the bundled demo before any session asks for it
    (:mod:`abm.ui.launch`): the process-wide caches every demo session shares."""
    _, dataset = _demo()
    state.prepare_shared_demo(dataset)


def load_demo_into_session() -> None:
    """Load the bundled demo data into this session.

    The demo's own column mappings are used (not the workspace's saved ones),
    and its cleaning is shared by every session showing the demo.
    """
    from abm.demo import demo_workspace
    from abm.ui import workspaces

    workspaces.detach()  # the demo is not stored in the workspace unless asked (#18)
    with st.spinner(tr("home.demo")):
        ws = state.get_workspace()
        for name in ("exclusion_rules",):  # the demo client's lists, unless the user has their own
            if ws.section(name) is None:
                ws = ws.with_section(name, demo_workspace().section(name))
        state.set_workspace(ws)
        try:
            parts, dataset = _demo()
        except MoriError as err:  # a packaging bug, never a user error
            st.session_state[state.K_LOAD_ERRORS] = [("", err.key, dict(err.params))]
            return
        st.session_state[state.K_PARTS] = list(parts)
        state.set_dataset(dataset, label=tr("demo.label"), shared="demo")
        st.session_state[state.K_LOAD_ERRORS] = []


def upload_box(prefix: str, *, title: str | None = None, primary_demo: bool = False) -> None:
    """The upload area: several exports at once, or the demo data.

    Used by the home and data pages (``prefix``: ``home`` or ``data``, the
    area of its widget keys, :func:`abm.ui.state.widget_key`). A batch is read once: it is re-read only when
    Streamlit's file ids change (a changed export with the same name is new).
    Refused files are listed with translated messages that never show a value.
    A viewer of a shared workspace (:func:`abm.ui.auth.can_edit`) gets a note instead.
    """
    from abm.ui import auth
    from abm.ui.shell import md, tr_md

    if not auth.can_edit():
        auth.view_only_notice()
        return

    with st.container(border=True):
        if title:
            st.subheader(title)
        up_col, demo_col = st.columns([3, 1])
        uploads = up_col.file_uploader(
            tr("home.upload"),
            type=["csv", "tsv", "txt", "xlsx", "xls"],
            accept_multiple_files=True,
            help=tr("home.upload_help"),
            key=state.widget_key(prefix, "uploads"),
        )
        demo_col.write("")
        if demo_col.button(
            tr("home.demo"),
            help=tr("home.demo_help"),
            type="primary" if primary_demo else "secondary",
            key=state.widget_key(prefix, "demo"),
        ):
            load_demo_into_session()
            st.toast(tr("home.loaded_demo"))
    if uploads:
        signature = tuple(f.file_id for f in uploads)
        if not state.upload_seen(prefix, signature):
            ingest([(f.name, f.getvalue()) for f in uploads])  # may wait for a worker
            state.mark_upload(prefix, signature)
            st.rerun()  # the sidebar and every section drawn above show the new data
    for name, key, params in load_errors():
        if key == _KEPT_PREVIOUS:
            st.info(tr_md(_KEPT_PREVIOUS, label=state.data_label()), icon=":material/info:")
            continue
        text = tr_md(key, **params)
        if name and "file" not in params:  # e.g. a saved mapping that no longer fits
            text = f"{md(name)}: {text}"
        st.error(text, icon=":material/error:")
    skipped = st.session_state.get(state.K_SKIPPED_MAPPINGS, [])
    if skipped:  # until the next load
        st.warning(tr("settings.mappings_skipped"), icon=":material/warning:")
        for err in skipped:
            st.warning(tr_md(err.key, **dict(err.params)), icon=":material/warning:")
