"""Account story: one account's people, activities, opportunities, score history and tier reasons."""

import streamlit as st

from abm.ui import get_as_of, page_setup, require_data, tr
from abm.ui.views import account_story as view

lang = page_setup("account")
st.title(tr("nav.account"))
st.caption(tr("account.intro"))
ds = require_data()
as_of = get_as_of()

ranked, cfg = view.scored(ds, as_of)
account_id = view.pick(ranked, lang)
if account_id is None:
    st.stop()
story = view.compute(ds, ranked, cfg, account_id, as_of)
view.header(story, cfg, lang)
view.people(story, lang)
view.timeline(story, lang)
view.opportunities(story, lang)
view.history(story, lang)
