"""Mori home: what it does, upload, demo data, data status."""

import streamlit as st

from abm.i18n import keys as K
from abm.ui import DATA_PAGE, PAGES, get_dataset, page_setup, tr
from abm.ui.loading import upload_box
from abm.ui.warmup import server_progress

#: file row counts (before cleaning): named apart from the leads a page analyses
ROW_LABELS = {
    "leads": "home.rows.leads",
    "activities": "home.rows.activities",
    "opportunities": "home.rows.opportunities",
    "accounts": "home.rows.accounts",
}

page_setup("home")

# with `make run`'s --demo or a link's ?demo=1, page_setup has loaded the demo
# A scoring share link opened on the home page (`/?demo=1&m=…`) opens the scoring page with it.
if st.query_params.get("m"):
    st.switch_page("pages/5_Scoring.py", query_params=st.query_params.to_dict())

st.title(tr("home.title"))
st.write(tr("home.tagline"))
cols = st.columns(2)
for i, key in enumerate(
    ("home.what.funnel", "home.what.gap", "home.what.scoring", "home.what.accounts")
):
    cols[i % 2].markdown("- " + tr(key))

upload_box("home", title=tr("home.start"), primary_demo=True)

ds = get_dataset()
with st.container(border=True):
    st.subheader(tr("home.status"))
    if ds is None:
        if not server_progress():  # the server preparing the configured source, or nothing
            st.caption(tr("home.status_none"))
    else:
        metric_cols = st.columns(4)
        for col, (table, rows) in zip(metric_cols, ds.row_counts().items(), strict=False):
            col.metric(tr(ROW_LABELS[table]), f"{rows:,}", border=True)
        for src in ds.sources:
            st.text(
                tr(
                    "home.file_row",
                    file=src.file,
                    table=tr(K.TABLE[src.table]),
                    vendor=tr(K.VENDOR[src.vendor]) if src.vendor in K.VENDOR else src.vendor,
                    encoding=src.encoding,
                    rows=src.rows,
                    quality=src.mapping_quality,
                )
            )
        st.page_link(DATA_PAGE, label=tr("home.review_mapping"), icon=":material/table_edit:")

if ds is not None:
    st.subheader(tr("home.next"))
    link_cols = st.columns(3)
    for i, (path, label_key, icon) in enumerate(PAGES[2:]):
        with link_cols[i % 3]:
            st.page_link(path, label=tr(label_key), icon=icon)
