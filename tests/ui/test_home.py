"""Home page and the guard on every page (AppTest)."""

from __future__ import annotations

import pytest

from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import PAGE_FILES, new_app


def _all_text(at) -> str:
    parts = (
        [m.value for m in at.markdown] + [m.value for m in at.title] + [i.value for i in at.info]
    )
    return "\n".join(str(p) for p in parts)


def test_home_renders_in_japanese_by_default():
    at = new_app().run()
    assert not at.exception
    assert at.title[0].value == t("home.title", "ja")
    assert at.button(key=widget_key("home", "demo")).label == t("home.demo", "ja")


def test_language_switch_translates_the_page():
    at = new_app().run()
    assert not at.exception
    at.session_state[state.K_LANG] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == t("home.title", "en")


#: Pages that work without data: the data page (where the guard leads) and the workspace page.
NO_GUARD = ("1_", "9_")


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_guards_without_data(page):
    at = new_app().run()
    at.switch_page(f"pages/{page}")
    at.run()
    assert not at.exception
    if page.startswith(NO_GUARD):
        return  # the data page is the guard's destination; the workspace page needs no data
    assert any(_guard(page, "ja") in i.value for i in at.info), page


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_guard_in_english(page):
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.switch_page(f"pages/{page}")
    at.run()
    assert not at.exception
    if not page.startswith(NO_GUARD):
        assert any(_guard(page, "en") in i.value for i in at.info), page


def _guard(page: str, lang: str) -> str:
    """The guard's text: the scoring page's keeps a shared model through loading."""
    return t("scoring.no_data" if page.startswith("5_") else "guard.no_data", lang)


def test_demo_button_loads_data_and_the_demo_clients_exclusion_lists():
    at = new_app().run()
    at.button(key=widget_key("home", "demo")).click().run()
    assert not at.exception
    ds = at.session_state[state.K_DATASET]
    assert len(ds.leads) > 3000 and ds.has("activities") and ds.has("opportunities")
    rules = at.session_state[state.K_WORKSPACE].section("exclusion_rules")
    assert len(rules["competitor_names"]) == 9
    assert [m.value for m in at.metric][:1] == [f"{len(ds.leads):,}"]


def test_the_demo_is_named_in_the_language_shown_after_a_switch():
    # the label is stored when the demo loads (in Japanese here); the sidebar says it in
    # the language the user switches to
    at = new_app().run()
    at.button(key=widget_key("home", "demo")).click().run()
    at.session_state[state.K_LANG] = "en"
    at.run()
    assert not at.exception
    said = "\n".join(str(m.value) for m in [*at.sidebar.markdown, *at.sidebar.caption])
    said = said.replace("\\", "")  # markdown escapes the parentheses
    assert t("demo.label", "en") in said and t("demo.label", "ja") not in said
