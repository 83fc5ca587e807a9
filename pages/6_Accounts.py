"""Target accounts: ranked roll-up with tiers and reasons, coverage, action lists, export."""

import streamlit as st

from abm.i18n import keys as K
from abm.ui import get_as_of, page_setup, require_data, tr
from abm.ui.views import abm_fit
from abm.ui.views import accounts_controls as controls
from abm.ui.views import accounts_results as results
from abm.ui.views import history as since

lang = page_setup("accounts")
st.title(tr("nav.accounts"))
st.caption(tr("accounts.page.intro"))
ds = require_data()
as_of = get_as_of()
# require_data() gives the cleaned leads: 名寄せ's account_id is always there
# (match_rule says it came from matching rather than from the file).
key_source = "resolved" if "match_rule" in ds.leads.columns else "existing"
st.caption(tr(K.KEY_SOURCE[key_source]))

poor_fit = abm_fit.saved_result(ds, as_of).verdict == "poor"  # the ABM-fit page's verdict
cfg = controls.settings(lang, poor_fit=poor_fit, industries=controls.data_industries(ds))
scored = results.compute(ds, cfg, as_of)
flt = controls.filters(scored, lang)
view = scored.loc[flt.mask(scored)]
results.kpis(scored, view, cfg, lang, poor_fit=poor_fit)
results.ranked(view, cfg, lang)
results.charts(scored, view, cfg, lang)
results.actions(scored, cfg, as_of, lang)
results.export(view, cfg, flt, as_of, lang)
since.section("accounts", since.for_accounts(cfg), lang)  # since last meeting (#18)
