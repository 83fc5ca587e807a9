"""Presentation mode on the gap page folds the sidebar away (projector) and brings it back."""

from __future__ import annotations

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, shot, wait_idle

LANG = "en"


def test_presentation_mode_collapses_and_restores_the_sidebar(server, page_en):
    page = page_en
    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name=t("nav.gap", LANG)).first.click()
    wait_idle(page)
    assert sidebar.bounding_box()["width"] > 100
    toggle = page.get_by_text(t("gap.presentation", LANG))
    toggle.click()
    wait_idle(page)
    page.wait_for_function(
        "document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().right <= 0"
    )
    assert_no_error(page, "presentation mode")
    shot(page, "gap-presentation")
    toggle.click()
    wait_idle(page)
    page.wait_for_function(
        "document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().width > 100"
    )
