"""Demo journey: open the app → load demo data → every page, in Japanese and
English, renders without an error element and shows its key numbers."""

from __future__ import annotations

import pytest

from abm.i18n import t
from abm.ui.shell import PAGES
from tests.e2e.conftest import assert_no_error, shot, wait_idle


def _go(page, label: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=label).first.click()
    wait_idle(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_demo_journey_every_page(server, browser, lang):
    ctx = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="ja-JP" if lang == "ja" else "en-US"
    )
    page = ctx.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(server.url)
        wait_idle(page)
        page.get_by_text(t("home.title", lang)).first.wait_for()
        page.get_by_role("button", name=t("home.demo", lang)).click()
        wait_idle(page)
        # key numbers visible on the home status: the lead count metric
        page.get_by_test_id("stMetric").first.wait_for()
        assert_no_error(page, f"home/{lang}")
        shot(page, f"demo-{lang}-home")
        for path, label_key, _icon in PAGES[1:]:
            _go(page, t(label_key, lang))
            page.get_by_role("heading").first.wait_for()
            assert_no_error(page, f"{path}/{lang}")
            assert page.get_by_text(t("guard.no_data", lang)).count() == 0, path
            shot(page, f"demo-{lang}-{path.split('/')[-1].removesuffix('.py')}")
    finally:
        ctx.close()
