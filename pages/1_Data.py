"""Data & mapping: upload, see how each file was read, correct the mapping."""

import streamlit as st

from abm.ui import get_dataset, page_setup, tr
from abm.ui.loading import parts, upload_box
from abm.ui.views import currency
from abm.ui.views import data as view
from abm.ui.warmup import waiting_for_server

page_setup("data")
st.title(tr("nav.data"))
st.caption(tr("data.intro"))

upload_box("data")
view.source()
current = parts()
ds = get_dataset()
if not current and ds is None:
    if not waiting_for_server():  # the source box shows the server's preparation
        st.info(tr("guard.no_data"), icon=":material/info:")
    st.stop()

if current:  # a reopened source has no files as read: "read the data source again" brings them
    edited, changed = view.mapping_editors(current)
    view.apply_button(edited, changed)
if ds is not None:
    currency.choice(ds)
    view.quality(ds)
    view.links(ds)
    view.phases(ds)
    view.preview(ds)
view.workspace_file()
