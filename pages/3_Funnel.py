"""Demand Waterfall: funnel, conversion, velocity, cohorts, stalled leads, account view."""

import streamlit as st

from abm.ui import get_as_of, page_setup, require_data, tr
from abm.ui.views import funnel_controls as controls
from abm.ui.views import funnel_results as results
from abm.ui.views import history as since

lang = page_setup("funnel")
st.title(tr("nav.funnel"))
st.caption(tr("funnel.intro"))
ds = require_data()
as_of = get_as_of()
leads = ds.leads
opps = ds.opportunities if ds.has("opportunities") else None

inp = controls.inputs(leads, as_of, lang)
reach_all, segment = results.compute(leads, opps, inp, as_of)
cohort = results.cohort(segment, inp)
results.method_notes(reach_all, lang, shown=cohort)
results.kpi_row(segment, leads, opps, inp, lang)
since.section("funnel", since.for_funnel(inp), lang)  # since last meeting (#18)
if cohort.n == 0:
    st.info(tr("funnel.no_leads"), icon=":material/info:")
    st.stop()
if inp.view == "accounts":
    accounts = ds.accounts if ds.has("accounts") else None
    results.account_view(cohort, leads, opps, inp.model, lang, accounts=accounts)
    st.stop()
labels = {s.key: s.label(lang) for s in inp.model.stages}
results.waterfall(cohort, leads, inp, labels, lang)
results.details(cohort, segment, leads, inp, labels, lang, opps)
