"""Presentation mode is one app-wide switch: every page folds the sidebar away (projector),
the choice survives page changes, and ending it brings the sidebar back."""

from __future__ import annotations

from abm.i18n import t
from abm.ui import state
from tests.e2e.conftest import assert_no_error, click_and_wait, shot, wait_idle

LANG = "en"
_SIDEBAR_RIGHT = (
    "(() => { const e = document.querySelector('[data-testid=\"stSidebar\"]');"
    " return e ? e.getBoundingClientRect().right : 0; })()"
)


def _folded(page) -> None:
    page.wait_for_function(_SIDEBAR_RIGHT + " <= 0")


def test_presentation_mode_follows_the_presenter_across_pages(server, page_en):
    page = page_en
    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.bounding_box()["width"] > 100
    sidebar.get_by_text(t("shell.presentation", LANG), exact=True).click()
    wait_idle(page)
    _folded(page)
    for nav in ("nav.gap", "nav.funnel"):
        # the presentation bar's page menu: the sidebar never has to unfold
        page.get_by_role("button", name=t("shell.present_pages", LANG)).click()
        click_and_wait(
            page, page.get_by_test_id("stPopoverBody").get_by_role("link", name=t(nav, LANG)).first
        )
        page.get_by_role(
            "heading", name=t("gap.title" if nav == "nav.gap" else nav, LANG)
        ).wait_for()
        _folded(page)
        assert_no_error(page, nav)
        # the bar's line is body text (QA-N: a caption was small and grey on a projector)
        bar = page.locator(f".st-key-{state.K_PRESENTATION_BAR}")
        line = bar.get_by_test_id("stMarkdownContainer").first.inner_text()
        assert t("shell.presenting", LANG) in line and "As of" in line
        size = bar.get_by_test_id("stMarkdownContainer").first.evaluate(
            "e => parseFloat(getComputedStyle(e.querySelector('p')).fontSize)"
        )
        assert size >= 16, size
    shot(page, "presentation-funnel")
    # the bar stays in view while a long page scrolls: the way out is always one click away
    end = page.get_by_role("button", name=t("shell.presentation_exit", LANG))
    top = end.bounding_box()["y"]
    page.get_by_test_id("stMain").evaluate("e => e.scrollTo(0, e.scrollHeight)")
    page.wait_for_function("document.querySelector('[data-testid=\"stMain\"]').scrollTop > 600")
    box = end.bounding_box()
    assert 0 <= box["y"] <= top + 5, (top, box)
    shot(page, "presentation-funnel-scrolled")
    page.get_by_role("button", name=t("shell.presentation_exit", LANG)).click()
    wait_idle(page)
    page.wait_for_function(_SIDEBAR_RIGHT + " > 100")
    assert page.get_by_role("button", name=t("shell.presentation_exit", LANG)).count() == 0
