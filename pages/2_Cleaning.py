"""Cleaning: 名寄せ (one account per company) and 営業対象外, every row accounted for."""

import streamlit as st

from abm.i18n import keys as K
from abm.ui import page_setup, require_loaded, tr
from abm.ui.views import cleaning_controls as controls
from abm.ui.views import cleaning_results as results

lang = page_setup("cleaning")
st.title(tr("nav.cleaning"))
st.caption(tr("resolve.page.intro"))
ds = require_loaded()  # the data as loaded: this page builds the cleaned view
if "company" not in ds.leads.columns:
    st.warning(tr("resolve.page.no_company"), icon=":material/warning:")
    st.stop()

choice = controls.controls()
result, base_accounts = results.compute(ds, choice)
results.kpis(result, base_accounts, choice.config.threshold)
by_rule, by_reason = results.rules_and_reasons(result)
tabs = st.tabs(
    [tr(K.CLEANING_TAB[k]) for k in ("rules", "exclusions", "review", "accounts", "downloads")]
)
with tabs[0]:
    results.shares(by_rule, K.MATCH_RULE, tr("resolve.col.rule"), "cleaning.rules_chart", lang)
with tabs[1]:
    results.shares(
        by_reason, K.EXCLUSION_REASON, tr("resolve.col.reason"), "cleaning.reasons_chart", lang
    )
    results.excluded_accounts(result, lang)
with tabs[2]:
    results.review(result, choice.decisions)
with tabs[3]:
    results.accounts(result, choice.decisions)
with tabs[4]:
    results.downloads(result, choice.decisions)
