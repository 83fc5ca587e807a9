"""Data & mapping: upload, see how each file was read, correct the mapping."""

import dataclasses

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.schema import TABLES, validate
from abm.settings import Workspace
from abm.ui import get_dataset, get_workspace, msg, page_setup, set_workspace, tr, tr_md
from abm.ui.loading import (
    parts,
    rebuild,
    remember_mappings,
    upload_box,
)
from abm.ui.widgets import issue_messages, show_issues, show_messages

page_setup("data")
st.title(tr("nav.data"))
st.caption(tr("data.intro"))

upload_box("data")

current = parts()
if not current:
    st.info(tr("guard.no_data"), icon=":material/info:")
    st.stop()

table_names = list(TABLES)
edited = []
changed = False
for i, (raw, mapping) in enumerate(current):
    label = tr_md(
        "data.file_header",
        file=raw.file,
        table=tr("table." + mapping.table),
        vendor=mapping.vendor,
        encoding=raw.encoding,
        rows=len(raw.frame),
        header_row=raw.header_row,
    )
    with st.expander(label, expanded=len(current) == 1):
        table = st.selectbox(
            tr("data.table"),
            table_names,
            index=table_names.index(mapping.table),
            format_func=lambda n: tr("table." + n),
            key=f"data.table.{i}",
        )
        conf = dict(mapping.confidence)
        target = dict(mapping.columns)
        spec = TABLES[table]
        grid = pd.DataFrame(
            {
                "raw": list(raw.frame.columns),
                "canonical": [
                    (target.get(c) or "") if table == mapping.table else ""
                    for c in raw.frame.columns
                ],
                "confidence": [
                    conf.get(c, 0.0) if table == mapping.table else 0.0 for c in raw.frame.columns
                ],
            }
        )
        options = ["", *spec.names]
        view = st.data_editor(
            grid,
            column_config={
                "raw": st.column_config.TextColumn(tr("data.col_raw"), disabled=True),
                "canonical": st.column_config.SelectboxColumn(
                    tr("data.col_canonical"), options=options, help=tr("data.col_canonical_help")
                ),
                "confidence": st.column_config.ProgressColumn(
                    tr("data.col_confidence"), min_value=0.0, max_value=1.0, format="percent"
                ),
            },
            hide_index=True,
            width="stretch",
            key=f"data.grid.{i}",
        )
        new_cols = tuple(
            (r, (c or None)) for r, c in zip(view["raw"], view["canonical"], strict=True)
        )
        new_conf = tuple(
            (r, 1.0 if (c or None) != target.get(r) or table != mapping.table else conf.get(r, 0.0))
            for r, c in zip(view["raw"], view["canonical"], strict=True)
        )
        new_mapping = dataclasses.replace(
            mapping, table=table, columns=new_cols, confidence=new_conf
        )
        if new_mapping != mapping:
            changed = True
        edited.append((raw, new_mapping))
        missing = [c for c in spec.required if c not in {v for _, v in new_cols if v}]
        if missing:
            st.warning(
                tr("data.missing_required", columns=", ".join(missing)), icon=":material/warning:"
            )
        if raw.issues is not None and len(raw.issues):
            st.caption(tr("data.read_issues"))
            show_issues(raw.issues)

if st.button(tr("data.apply"), type="primary", disabled=not changed, key="data.apply"):
    dupes = []
    for raw, m in edited:
        targets = [v for _, v in m.columns if v]
        dupes += [(raw.file, v) for v in set(targets) if targets.count(v) > 1]
    if dupes:
        for file, col in dupes:
            st.error(tr_md("data.duplicate_target", file=file, column=col), icon=":material/error:")
    else:
        err = rebuild(edited, label=", ".join(raw.file for raw, _ in edited))
        if err is None:
            remember_mappings([m for _, m in edited])
            st.rerun()
        st.error(msg(err), icon=":material/error:")

ds = get_dataset()
if ds is not None:
    st.subheader(tr("data.quality"))
    issue_frames = [
        issue_messages(src.issues)
        for src in ds.sources
        if src.issues is not None and len(src.issues)
    ]
    issue_frames += [issue_messages(validate(frame, name)) for name, frame in ds.tables().items()]
    issue_frames = [f for f in issue_frames if len(f)]
    if issue_frames:
        show_messages(pd.concat(issue_frames, ignore_index=True))
    else:
        st.success(tr("data.no_issues"), icon=":material/check_circle:")
    st.subheader(tr("data.preview"))
    tabs = st.tabs([f"{tr('table.' + n)} ({len(f):,})" for n, f in ds.tables().items()])
    for tab, frame in zip(tabs, ds.tables().values(), strict=True):
        tab.dataframe(frame.head(200), hide_index=True, width="stretch")

with st.container(border=True):
    st.subheader(tr("data.workspace"))
    st.caption(tr("data.workspace_help"))
    ws_col1, ws_col2 = st.columns(2)
    ws_col1.download_button(
        tr("data.workspace_download"),
        data=get_workspace().to_json().encode("utf-8"),
        file_name="mori-workspace.json",
        mime="application/json",
        key="data.ws_download",
    )
    ws_file = ws_col2.file_uploader(
        tr("data.workspace_upload"), type=["json"], key="data.ws_upload"
    )
    if ws_file is not None and st.session_state.get("data.ws_last") != (ws_file.name, ws_file.size):
        try:
            set_workspace(Workspace.from_json(ws_file.getvalue(), file=ws_file.name))
            st.session_state["data.ws_last"] = (ws_file.name, ws_file.size)
            st.success(
                tr_md("data.workspace_loaded", file=ws_file.name), icon=":material/check_circle:"
            )
        except MoriError as err:
            st.error(msg(err), icon=":material/error:")
