"""Clicking a bar of the waterfall opens that stage's leads in the Records tab, in view.

At 1280×720 (a projector) the detail tabs sit below the fold: the click brings them to
the top of the window (#19: "record clicks scroll to the records").
"""

from __future__ import annotations

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, go, shot, wait_idle

LANG = "en"


def test_a_bar_click_lists_that_stages_leads(server, page_en):
    page = page_en
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    go(page, "nav.funnel", LANG)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator("g.point path")
    assert bars.count() == 6  # Inquiry … Won (classic model)
    box = bars.nth(3).bounding_box()  # SQL
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    records = t("funnel.section.records", LANG)
    tab = page.get_by_role("tab", name=records, selected=True)
    tab.wait_for()
    page.wait_for_function(  # scrolled: the open tab is inside the window
        "(name) => { const head = document.querySelector('[data-testid=stHeader]');"
        " const top = head ? head.getBoundingClientRect().bottom : 0;"
        " return [...document.querySelectorAll('[role=tab][aria-selected=true]')]"
        ".some(b => b.innerText.trim() === name && b.getBoundingClientRect().top >= top"
        " && b.getBoundingClientRect().bottom <= window.innerHeight) }",
        arg=records,
        timeout=30_000,
    )
    stage = page.get_by_test_id("stSelectbox").filter(has_text=t("funnel.records.stage", LANG))
    assert stage.first.get_by_role("combobox").input_value() == "SQL"
    assert_no_error(page, "funnel after a bar click")
    shot(page, "funnel-bar-click")
