"""QA-N: switching the language kept every choice a user made.

Streamlit keeps a choice widget's value as the option's *shown* text; a translated
``format_func`` shows other texts in the other language, so a multiselect came back
empty (the Accounts page's tier filter: no account shown, 0-row exports; its required
roles: coverage "—") and a single choice went back to its default. AppTest hands a widget
its value, not the browser's text, so it does not reproduce that loss (the browser test
``tests/e2e/test_language_switch.py`` does): here, that the values given again on a switch
(:func:`abm.ui.state.carry_choices`) keep every kind of choice as it was.
"""

from __future__ import annotations

import pytest

from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import PAGE_FILES, new_app, open_page
from tests.ui.test_page_accounts import AS_OF, _dataset

ACCOUNTS = "pages/6_Accounts.py"


def _switch(at, lang: str):
    at.segmented_control(key=state.K_W_LANG).set_value(lang).run()
    assert not at.exception
    return at


def test_a_language_switch_keeps_the_accounts_pages_choices():
    at = open_page(ACCOUNTS, _dataset(), lang="ja", token="lang-switch", as_of=AS_OF)
    assert not at.exception
    tiers = widget_key("accounts", "filter.tiers")
    roles = widget_key("accounts", "required_roles")
    customers = widget_key("accounts", "filter.customers")
    at.multiselect(key=tiers).set_value(["tier_1", "tier_2"]).run()
    at.segmented_control(key=customers).set_value("prospects").run()
    chosen_roles = list(at.multiselect(key=roles).value)
    assert chosen_roles  # the saved default roles
    for lang in ("en", "ja", "en"):
        _switch(at, lang)
        assert list(at.multiselect(key=tiers).value) == ["tier_1", "tier_2"], lang
        assert list(at.multiselect(key=roles).value) == chosen_roles, lang
        assert at.segmented_control(key=customers).value == "prospects", lang


@pytest.mark.parametrize("page", ["app.py", *(f"pages/{p}" for p in PAGE_FILES)])
def test_every_page_survives_a_language_switch_with_data(page):
    """Review: a multi-file uploader with no file holds ``[]``; given again it made
    Streamlit refuse the next run (an uploader's value cannot be set) on Home and Data."""
    at = open_page(page, _dataset(), lang="ja", token=f"switch-{page}", as_of=AS_OF)
    assert not at.exception
    for lang in ("en", "ja"):
        _switch(at, lang)


def test_home_without_data_survives_a_language_switch():
    at = new_app()
    at.run()
    assert not at.exception
    for lang in ("en", "ja"):
        _switch(at, lang)
