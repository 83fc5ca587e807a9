"""Lead scoring: fit × engagement sliders, the task, one back-test, suggested weights, share link."""

import streamlit as st

from abm.ui import get_as_of, get_dataset, page_setup, require_data, tr
from abm.ui.sources import source_notice
from abm.ui.views import scoring_backtest as backtest
from abm.ui.views import scoring_controls as controls
from abm.ui.views import scoring_lead as lead
from abm.ui.views import scoring_results as results
from abm.ui.views import scoring_share as share
from abm.ui.views import scoring_suggest as suggest

lang = page_setup("scoring")
st.title(tr("nav.scoring"))
st.caption(tr("scoring.intro"))
baseline = controls.start()  # a share link sets the model even before any data
if get_dataset() is None:
    if not source_notice():  # the server preparing the configured source: its progress
        share.no_data(lang, baseline)
    st.stop()
ds = require_data()
as_of = get_as_of()

left, right = st.columns([1, 2], gap="large")
with left:
    model = controls.controls(lang, baseline)
run = results.compute(ds, model, baseline, as_of)
with right:
    results.kpis(run)
    task = results.task(run, lang, lambda options: backtest.default_task(run, options))
    judged = backtest.judge(run, task) if task else None
    results.matrix(run, judged.result if judged else None, lang)
    results.distributions(run, lang)
    backtest.section(run, judged, lang)
    suggest.section(run, judged, lang)
    lead.section(run, lang)
    results.changes(run, lang)
    with st.container(border=True):
        share.model_file(model)
        results.download_scores(run)
