"""Lead scoring: fit × engagement sliders, matrix, back-test, suggested weights, share link."""

import streamlit as st

from abm.ui import get_as_of, page_setup, require_data, tr
from abm.ui.views import scoring_controls as controls
from abm.ui.views import scoring_results as results

lang = page_setup("scoring")
st.title(tr("nav.scoring"))
st.caption(tr("scoring.intro"))
ds = require_data()
as_of = get_as_of()

baseline = controls.start()
left, right = st.columns([1, 2], gap="large")
with left:
    model = controls.controls(lang, baseline)
run = results.compute(ds, model, baseline, as_of)
with right:
    results.kpis(run)
    outcome, y, bt = results.outcome(run, lang)
    results.matrix(run, bt, lang)
    results.distributions(run, lang)
    results.backtest(run, outcome, y, bt, lang)
    results.suggestion(run, outcome)
    results.changes(run, lang)
    with st.container(border=True):
        controls.model_file(model)
        results.download_scores(run)
