"""Workspace: its snapshots and audit list; create, rename, delete (#18)."""

import streamlit as st

from abm.ui import page_setup, tr
from abm.ui.views import workspace as view

page_setup("workspace")
st.title(tr("workspace.title"))
st.caption(tr("workspace.intro"))
view.flash()
info = view.current()  # stops when persistence is off or no workspace is open
view.name(info)
view.snapshots(info.workspace_id)
view.audit(info.workspace_id)
view.create()
view.danger(info)
