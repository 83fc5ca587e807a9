"""ABM fit: does account-based marketing suit this business? Verdict, evidence, next steps."""

import streamlit as st

from abm.ui import get_as_of, page_setup, require_data, tr
from abm.ui.views import abm_fit as view

lang = page_setup("abm_fit")
st.title(tr("nav.abm_fit"))
st.caption(tr("accounts.fitpage.intro"))
ds = require_data()  # cleaned: 名寄せ account_id is always present
as_of = get_as_of()

fit, roll_cfg = view.settings()
result = view.compute(ds, fit, roll_cfg, as_of)
view.verdict(result)
view.evidence(result, lang)
view.next_steps(result)
