"""funnel page (placeholder until its issue lands): guard, then a note."""

import streamlit as st

from abm.ui import page_setup, require_data, tr

page_setup("funnel")
st.title(tr("nav.funnel"))
require_data()
st.info(tr("page.coming_soon"), icon=":material/construction:")
