"""Data & mapping page: how each file was read, its column mapping (editable),
the data-quality messages, a preview, and the workspace settings file."""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from abm.core.format import fmt_list
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.export import to_csv_bytes
from abm.i18n import keys as K
from abm.i18n import t
from abm.ingest.derive import implied_columns
from abm.ingest.leftout import LEFT_OUT_CHECKS, rows_left_out
from abm.ingest.linkage import outcome_summary, phase_summary
from abm.pipeline import FIRMOGRAPHICS, LINK_RULES, leads_for_cleaning, link_summary
from abm.schema import TABLES, validate
from abm.settings import Workspace
from abm.ui import auth
from abm.ui.auth import can_edit
from abm.ui.loading import parts, phase_vocabulary, rebuild, remember_mappings
from abm.ui.shell import lang, msg, tr, tr_md
from abm.ui.state import (
    K_DATA_GO,
    K_DATA_PENDING,
    K_DATA_WS_LAST,
    data_label,
    dataset_token,
    get_dataset,
    get_workspace,
    old_rules,
    prepared_if_ready,
    session_memo,
    set_workspace,
    set_workspace_section,
    settings_problems,
    widget_key,
)
from abm.ui.widgets import (
    editor,
    field_columns,
    field_label,
    issue_messages,
    selectbox,
    show_issues,
    show_messages,
)
from abm.ui.widgets import table as widget_table

__all__ = [
    "apply_button",
    "links",
    "mapping_editors",
    "phases",
    "preview",
    "quality",
    "workspace_file",
]

#: Rows of each table shown in the preview.
PREVIEW_ROWS = 200


def _editor(i: int, raw: Any, mapping: Any, expanded: bool) -> Any:
    """One file's expander: table choice and the raw → canonical column grid.

    Its widgets are keyed by the load (the dataset token, new on every upload
    and re-read) and the file's place in it: a newly uploaded file never
    inherits another file's table kind or mapping edits.
    """
    ident = f"{dataset_token() or 'none'}.{i}"
    table_names = list(TABLES)
    label = tr_md(
        "data.file_header",
        file=raw.file,
        table=tr(K.TABLE[mapping.table]),
        vendor=tr(K.VENDOR[mapping.vendor]) if mapping.vendor in K.VENDOR else mapping.vendor,
        encoding=raw.encoding,
        rows=len(raw.frame),
        header_row=raw.header_row,
    )
    kind_key = widget_key("data", f"file_kind.{ident}")
    if st.session_state.get(kind_key) not in table_names:
        # the kind as read, set through the state only: a default beside a value the session
        # keeps (a language switch) made Streamlit warn on every upload (QA-P)
        st.session_state[kind_key] = mapping.table
    with st.expander(label, expanded=expanded):
        table = selectbox(
            tr("data.table"),
            table_names,
            format_func=lambda n: tr(K.TABLE[n]),
            key=kind_key,
        )
        # another kind chosen: the columns as Mori reads them for that kind, not blanks
        base = mapping if table == mapping.table else _suggested(raw, table)
        conf, target = dict(base.confidence), dict(base.columns)
        spec = TABLES[table]
        columns = list(raw.frame.columns)
        grid = pd.DataFrame(
            {
                "raw": columns,
                "canonical": [target.get(c) or "" for c in columns],
                "confidence": [conf.get(c, 0.0) for c in columns],
            }
        )
        current = lang()
        view = editor(
            grid,
            column_config={
                "raw": st.column_config.TextColumn(tr("data.col_raw"), disabled=True),
                # Mori's fields by their names (会社名, 氏名), never internal ones (company)
                "canonical": st.column_config.SelectboxColumn(
                    tr("data.col_canonical"),
                    options=["", *spec.names],
                    format_func=lambda c: field_label(c, current) if c else tr("data.unused"),
                    help=tr("data.col_canonical_help"),
                ),
                "confidence": st.column_config.ProgressColumn(
                    tr("data.col_confidence"), min_value=0.0, max_value=1.0, format="percent"
                ),
            },
            width="stretch",
            key=widget_key("data", f"grid.{ident}.{table}"),  # a kind's own edits
        )
        pairs = list(zip(view["raw"], view["canonical"], strict=True))
        new_cols = tuple((r, (c or None)) for r, c in pairs)
        new_conf = tuple(
            (r, 1.0 if (c or None) != target.get(r) else conf.get(r, 0.0)) for r, c in pairs
        )
        new_mapping = dataclasses.replace(base, table=table, columns=new_cols, confidence=new_conf)
        given = {v for _, v in new_cols if v} | implied_columns(raw, new_mapping)
        missing = [c for c in spec.required if c not in given]
        if missing:
            names = fmt_list((field_label(c, lang()) for c in missing), lang())
            st.warning(tr("data.missing_required", columns=names), icon=":material/warning:")
        if raw.issues is not None and len(raw.issues):
            st.caption(tr("data.read_issues"))
            show_issues(raw.issues)
    return new_mapping


def _suggested(raw: Any, table: str) -> Any:
    """The mapping Mori suggests for ``raw`` read as ``table``, a mapping the user applied for
    that layout and kind first (memoised per file and kind)."""
    from abm.ingest import suggest_mapping
    from abm.ui.loading import saved_mappings

    name = f"data.suggested.{id(raw)}.{table}"
    return session_memo(
        name,
        (raw.file, table),
        lambda: suggest_mapping(raw, table=table, saved=saved_mappings()),
    )


def mapping_editors(current: list[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], bool]:
    """One editor per file; return the edited ``(raw, mapping)`` pairs and whether any changed."""
    edited = [
        (raw, _editor(i, raw, mapping, expanded=len(current) == 1))
        for i, (raw, mapping) in enumerate(current)
    ]
    changed = any(new != old for (_, new), (_, old) in zip(edited, current, strict=True))
    return edited, changed


def _losses(edited: list[tuple[Any, Any]]) -> list[tuple[str, int, int]]:
    """``(table, rows now, rows after)`` for every table the edited mappings would shrink."""
    from abm.ingest import build_batch

    now = get_dataset()
    before = now.row_counts() if now is not None else {}
    result = build_batch(list(edited))
    after = result.dataset.row_counts() if result.dataset is not None and result.parts else {}
    return [(t, n, after.get(t, 0)) for t, n in before.items() if after.get(t, 0) < n]


def apply_button(edited: list[tuple[Any, Any]], changed: bool) -> None:
    """Rebuild the dataset with the edited mappings (refusing two columns on one field).

    A re-read that would leave fewer rows in any table (a lead export read as
    companies, a mapping that blanks the key column) is not applied at once:
    the page says what would be lost, table by table, and asks again.
    """
    if not can_edit():  # a viewer of a shared workspace changes no mapping (#18)
        return
    go_now = st.session_state.pop(K_DATA_GO, None)
    if go_now is not None:  # confirmed by its callback, whatever this run's grids say
        _reread(go_now[2], go_now[3])  # what was asked about, re-suggestions included
        return
    pending = st.session_state.get(K_DATA_PENDING)
    signature = tuple(m for _, m in edited)
    if pending is not None and pending[0] == signature:
        for table, n, m in pending[1]:
            st.warning(
                tr("data.reread_loses", table=tr(K.TABLE[table]), before=n, after=m),
                icon=":material/warning:",
            )
        go, back = st.columns(2)
        # a callback: it runs whatever the next run draws (QA-L: with the grids edited, the
        # click's run did not draw this button again, and the re-read was lost)
        go.button(
            tr("data.reread_anyway"),
            key=widget_key("data", "reread_anyway"),
            on_click=_confirm,
            args=(pending,),
        )
        if back.button(tr("data.reread_cancel"), key=widget_key("data", "reread_cancel")):
            st.session_state.pop(K_DATA_PENDING, None)
            st.rerun()
        return
    earlier = old_rules()
    if earlier is not None:
        version = earlier or tr("data.old_rules_unknown")
        st.info(tr("data.old_rules", version=version), icon=":material/history:")
    if not st.button(
        tr("data.apply"),
        type="primary",
        disabled=not changed and earlier is None,
        key=widget_key("data", "apply"),
    ):
        return
    stored = {id(raw): mapping for raw, mapping in parts()}
    confirmed = [m for raw, m in edited if stored.get(id(raw)) != m]  # the user's edits
    if earlier is not None:  # today's suggestions for every file the user did not edit
        edited = _suggested_again(edited, stored)
    dupes = []
    for raw, m in edited:
        targets = [v for _, v in m.columns if v]
        dupes += [(raw.file, v) for v in set(targets) if targets.count(v) > 1]
    if dupes:
        for file, col in dupes:
            st.error(
                tr_md("data.duplicate_target", file=file, column=field_label(col, lang())),
                icon=":material/error:",
            )
        return
    lost = _losses(edited)
    if lost:
        st.session_state[K_DATA_PENDING] = (signature, lost, edited, confirmed)
        st.rerun()
    _reread(edited, confirmed)


def _confirm(pending: tuple) -> None:
    """``re-read anyway``: the re-read asked about is done by the next run."""
    st.session_state.pop(K_DATA_PENDING, None)
    st.session_state[K_DATA_GO] = pending


def _suggested_again(
    edited: list[tuple[Any, Any]], stored: dict[int, Any]
) -> list[tuple[Any, Any]]:
    """The edited files with each mapping the user left as stored (``stored``: by the raw
    table's identity) suggested again by today's rules — a report type recognised since, a
    column preferred; a mapping the user applied and saved still wins (a suggestion saved at
    an upload gives way where today's rules recognise the report)."""
    from abm.ingest import suggest_mapping
    from abm.ui.loading import saved_mappings

    saved = saved_mappings()
    return [
        (raw, suggest_mapping(raw, saved=saved) if stored.get(id(raw)) == mapping else mapping)
        for raw, mapping in edited
    ]


def _reread(edited: list[tuple[Any, Any]], confirmed: list[Any]) -> None:
    """Rebuild with ``edited``; remember only the mappings the user edited (``confirmed``)."""
    err = rebuild(edited, label=", ".join(raw.file for raw, _ in edited))
    if err is None:
        remember_mappings(confirmed)
        st.rerun()
    st.error(msg(err), icon=":material/error:")


def _as_cleaned(ds: Dataset, name: str) -> pd.DataFrame:
    """Table ``name`` as the cleaning will read it: a contact naming no company takes its
    account's from the accounts file (QA: "company blank in 69 rows" for a Salesforce
    Contact.csv whose companies Account.csv gives)."""
    frame = ds.tables()[name]
    if name == "leads" and "account_id" in frame.columns:
        return leads_for_cleaning(ds).rename(columns={"crm_account_id": "account_id"})
    return frame


def _given_elsewhere(ds: Dataset, name: str, checks: pd.DataFrame) -> pd.DataFrame:
    """The checks without "empty in every row" for a company fact of the leads that the
    cleaned leads hold, taken from the accounts file (QA-G's revenue "all blank" beside a
    companies export with a revenue for every company). Said until the cleaning shows it."""
    prepared = prepared_if_ready()
    if name != "leads" or ds.accounts is None or prepared is None or not len(checks):
        return checks
    cleaned = prepared.dataset.leads
    given = {c for c in FIRMOGRAPHICS if c in cleaned.columns and cleaned[c].notna().any()}
    told = (checks["check"] == "all_missing") & checks["column"].isin(given)
    return checks[~told.to_numpy(dtype=bool)]


def quality(ds: Dataset) -> None:
    """Reading issues and schema checks of every table, translated (never a value)."""
    st.subheader(tr("data.quality"))
    frames = [
        issue_messages(src.issues)
        for src in ds.sources
        if src.issues is not None and len(src.issues)
    ]
    frames += [
        issue_messages(
            _given_elsewhere(
                ds,
                name,
                session_memo(
                    f"data.validate.{name}", (), lambda n=name: validate(_as_cleaned(ds, n), n)
                ),
            )
        )
        for name in ds.tables()
    ]
    frames = [f for f in frames if len(f)]
    if frames:
        show_messages(pd.concat(frames, ignore_index=True))
    else:
        st.success(tr("data.no_issues"), icon=":material/check_circle:")
    left_out(ds)


def _left_out_csv(ds: Dataset, language: str) -> bytes:
    labels = {c: t(k, language) for c, k in K.LEFT_OUT_COLUMN.items()}
    reasons = {c: t(K.LEFT_OUT_CHECK[c], language) for c in LEFT_OUT_CHECKS}
    return to_csv_bytes(rows_left_out(ds.sources, labels=labels, reasons=reasons))[0]


def left_out(ds: Dataset) -> None:
    """The rows read but not loaded (a report's notes and totals, tasks not done…), with
    why, as a CSV: nothing a file held is lost without the user seeing it."""
    count = sum(len(s.left_out) for s in ds.sources)
    if not count:
        return
    st.caption(tr("data.left_out.caption", count=f"{count:,}"))
    st.download_button(
        tr("data.left_out.download", count=f"{count:,}"),
        data=auth.guarded(partial(_left_out_csv, ds, lang())),
        file_name="mori_rows_not_loaded.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=widget_key("data", "left_out"),
    )


_LINK_COLUMNS = {
    "file": "data.links.file",
    "table": "data.links.table",
    "rows": "data.links.rows",
    "id": "data.links.id",
    "email": "data.links.email",
    "name_account": "data.links.name_account",
    "account": "data.links.account",
    "pending": "data.links.pending",
    "none": "data.links.none",
}


def links(ds: Dataset) -> None:
    """How each activity and opportunity file links to people and accounts (rates per rule)."""
    prepared = prepared_if_ready()  # after 名寄せ when it is ready, else as linked at load
    table = link_summary(prepared.dataset if prepared is not None else ds)
    if table.empty:
        return
    with st.container(border=True):
        st.subheader(tr("data.links"))
        st.caption(tr("data.links_after" if prepared is not None else "data.links_at_load"))
        shown = table.assign(
            table=[tr(K.TABLE[n]) for n in table["table"]],
            person_rate=table["person_rate"] * 100,  # whole percents: "100%", not "99.88%"
            account_rate=table["account_rate"] * 100,
        )
        rate = {"min_value": 0.0, "max_value": 100.0, "format": "%.0f%%"}
        cc = st.column_config
        widget_table(  # the file stays in view while the counts per rule scroll
            shown[["file", "table", "rows", "person_rate", "account_rate", *LINK_RULES]],
            width="stretch",
            column_config={
                **{c: cc.NumberColumn(tr(k), format="localized") for c, k in _LINK_COLUMNS.items()},
                "file": cc.TextColumn(tr("data.links.file"), pinned=True),
                "table": cc.TextColumn(tr("data.links.table")),
                "person_rate": cc.ProgressColumn(tr("data.links.person_rate"), **rate),
                "account_rate": cc.ProgressColumn(tr("data.links.account_rate"), **rate),
            },
        )
        for file in table.loc[table["account_rate"] == 0, "file"]:  # not even a company
            st.warning(tr_md("data.links.nothing", file=file), icon=":material/link_off:")


_OUTCOME_LABELS = {
    "won": "data.phase.won",
    "lost": "data.phase.lost",
    "open": "data.phase.open",
    "unknown": "data.phase.unknown",
}
_OUTCOME_COLUMNS = {
    "file": "data.outcome.file",
    "won_flags": "data.outcome.won_flags",
    "won_phase": "data.outcome.won_phase",
    "lost_flags": "data.outcome.lost_flags",
    "lost_phase": "data.outcome.lost_phase",
    "open_flags": "data.outcome.open_flags",
    "open_phase": "data.outcome.open_phase",
    "open_unknown": "data.outcome.open_unknown",
}


def phases(ds: Dataset) -> None:
    """Won / lost / open per opportunity file, and the editable meaning of each phase."""
    table = phase_summary(ds.sources)
    counts = outcome_summary(ds.sources)
    if counts.empty:
        return
    with st.container(border=True):
        st.subheader(tr("data.phases"))
        st.caption(tr("data.phases_help"))
        widget_table(
            counts,
            width="stretch",
            column_config={
                **{
                    c: st.column_config.NumberColumn(tr(k), format="localized")
                    for c, k in _OUTCOME_COLUMNS.items()
                },
                "file": st.column_config.TextColumn(tr("data.outcome.file"), pinned=True),
            },
        )
        if table.empty:
            return
        unknown_rows = int(counts["open_unknown"].sum())  # rows whose phase had to decide
        n = int((table["outcome"] == "unknown").sum())
        if unknown_rows and n:
            st.warning(tr("data.phases_unknown", n=n, rows=unknown_rows), icon=":material/help:")
        elif unknown_rows:  # rows without a phase only: no phase to classify
            st.info(tr("data.phases_blank", rows=unknown_rows), icon=":material/help:")
        edited = editor(
            table[["phase", "rows", "files", "outcome"]],
            column_config={
                "phase": st.column_config.TextColumn(tr("data.phase.phase"), disabled=True),
                "rows": st.column_config.NumberColumn(tr("data.phase.rows"), disabled=True),
                "files": st.column_config.NumberColumn(tr("data.phase.files"), disabled=True),
                "outcome": st.column_config.SelectboxColumn(
                    tr("data.phase.outcome"),
                    options=list(_OUTCOME_LABELS),
                    format_func=lambda o: tr(_OUTCOME_LABELS[o]),
                    required=True,
                ),
            },
            width="stretch",
            key=widget_key(
                "data", f"phases.{dataset_token()}"
            ),  # a new dataset starts from its own table
        )
        changes = [
            (str(p), str(new))
            for p, old, new in zip(table["phase"], table["outcome"], edited["outcome"], strict=True)
            if new != old
        ]
        if any(p.endswith("…") for p in table["phase"]):
            st.caption(tr("data.phases_cut"))
        if st.button(
            tr("data.phases_apply"),
            type="primary",
            disabled=not changes,
            key=widget_key("data", "phases_apply"),
        ):
            vocabulary = phase_vocabulary().with_outcomes(changes)
            set_workspace_section("phases", vocabulary.to_dict())
            err = rebuild(parts(), label=data_label())
            if err is None:
                st.rerun()
            st.error(msg(err), icon=":material/error:")


#: Columns a preview starts with, per table (the first one stays in view while scrolling).
PREVIEW_FIRST = {
    "leads": ("company", "full_name", "title", "email"),
    "activities": ("timestamp", "activity_type", "email", "lead_id"),
    "opportunities": ("opportunity_name", "company", "stage", "amount"),
    "accounts": ("company", "domain", "industry", "employees"),
}


def preview(ds: Dataset) -> None:
    """The first rows of each canonical table, named in the reader's language: the
    identifying columns first, the first of them pinned while the rest scroll."""
    st.subheader(tr("data.preview"))
    tabs = st.tabs([f"{tr(K.TABLE[n])} ({len(f):,})" for n, f in ds.tables().items()])
    for tab, (name, frame) in zip(tabs, ds.tables().items(), strict=True):
        first = [c for c in PREVIEW_FIRST.get(name, ()) if c in frame.columns]
        head = frame.head(PREVIEW_ROWS)
        config = field_columns(head, lang())
        if first:
            config[first[0]] = st.column_config.Column(field_label(first[0], lang()), pinned=True)
        with tab:
            widget_table(
                head,
                width="stretch",
                column_order=[*first, *(c for c in head.columns if c not in first)],
                column_config=config,
            )


def source() -> None:
    """Which data source is in use (an upload, or the administrator's folder, DuckDB file or
    warehouse) and how many rows sit behind each table (:func:`abm.ui.sources.source_box`)."""
    from abm.ui.sources import source_box

    source_box()


def workspace_file() -> None:
    """Download the workspace settings (mapping, rules, models…) or load one."""
    with st.container(border=True):
        st.subheader(tr("data.workspace"))
        st.caption(tr("data.workspace_help"))
        ws_col1, ws_col2 = st.columns(2)
        ws_col1.download_button(
            tr("data.workspace_download"),
            data=get_workspace().to_json().encode("utf-8"),
            file_name="mori-workspace.json",
            mime="application/json",
            key=widget_key("data", "ws_download"),
        )
        ws_file = (  # a viewer of a shared workspace loads no settings (#18)
            ws_col2.file_uploader(
                tr("data.workspace_upload"), type=["json"], key=widget_key("data", "ws_upload")
            )
            if can_edit()
            else None
        )
        # a file is read once: Streamlit's file id changes when another one is chosen
        if ws_file is not None and st.session_state.get(K_DATA_WS_LAST) != ws_file.file_id:
            try:
                ws = Workspace.from_json(ws_file.getvalue(), file=ws_file.name)
            except MoriError as err:
                st.error(msg(err), icon=":material/error:")
            else:
                set_workspace(ws)
                st.session_state[K_DATA_WS_LAST] = ws_file.file_id
                if not ws.problems:
                    st.success(
                        tr_md("data.workspace_loaded", file=ws_file.name),
                        icon=":material/check_circle:",
                    )
        refused = settings_problems()  # shown until another file is loaded
        if refused:
            st.warning(
                tr_md("settings.partial", file=str(refused[0].params.get("file", ""))),
                icon=":material/warning:",
            )
            for err in refused:
                st.warning(msg(err), icon=":material/warning:")
