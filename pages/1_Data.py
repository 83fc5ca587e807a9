"""Data & mapping: upload, see how each file was read, correct the mapping."""

import streamlit as st

from abm.ui import get_dataset, page_setup, tr
from abm.ui.loading import parts, upload_box
from abm.ui.views import data as view

page_setup("data")
st.title(tr("nav.data"))
st.caption(tr("data.intro"))

upload_box("data")
current = parts()
if not current:
    st.info(tr("guard.no_data"), icon=":material/info:")
    st.stop()

edited, changed = view.mapping_editors(current)
view.apply_button(edited, changed)
ds = get_dataset()
if ds is not None:
    view.quality(ds)
    view.links(ds)
    view.phases(ds)
    view.preview(ds)
view.workspace_file()
