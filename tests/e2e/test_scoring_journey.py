"""Scoring journey: move a slider → the MQL count changes → save the model
JSON → move it again → load the JSON back → the same numbers as when saved."""

from __future__ import annotations

from pathlib import Path

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, shot, wait_idle

LANG = "en"


def _mql(page) -> int:
    box = page.get_by_test_id("stMetric").filter(has_text=t("scoring.mql_count", LANG)).first
    return int(box.get_by_test_id("stMetricValue").inner_text().replace(",", ""))


def _nudge(page, label: str, key: str, times: int) -> None:
    slider = page.get_by_test_id("stSlider").filter(has_text=label).first
    thumb = slider.get_by_role("slider")
    thumb.focus()
    for _ in range(times):
        thumb.press(key)
    wait_idle(page)


def test_slider_save_reload(server, browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(server.url + "/?demo=1")
        wait_idle(page)
        page.get_by_test_id("stMetric").first.wait_for()
        page.locator('[data-testid="stSidebar"]').get_by_role(
            "link", name=t("nav.scoring", LANG)
        ).first.click()
        wait_idle(page)
        before = _mql(page)
        page.get_by_role("tab", name=t("scoring.tab.rules", LANG)).click()
        label = t("scoring.engagement_threshold", LANG)
        _nudge(page, label, "ArrowLeft", 10)  # lower the engagement bar: more MQLs
        saved = _mql(page)
        assert saved > before, (before, saved)
        assert_no_error(page, "scoring after slider")
        shot(page, "scoring-after-slider")

        with page.expect_download() as dl:
            page.get_by_role("button", name=t("scoring.download", LANG)).click()
        model_json = Path(dl.value.path()).read_bytes()

        _nudge(page, label, "ArrowRight", 25)  # raise it well above: fewer MQLs
        assert _mql(page) < saved

        page.get_by_test_id("stFileUploader").filter(has_text=t("scoring.upload", LANG)).locator(
            'input[type="file"]'
        ).set_input_files(
            files=[{"name": "model.json", "mimeType": "application/json", "buffer": model_json}]
        )
        wait_idle(page)
        assert _mql(page) == saved
        assert_no_error(page, "scoring after reload")
        shot(page, "scoring-after-reload")
    finally:
        ctx.close()
