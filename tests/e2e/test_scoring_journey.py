"""Scoring journey: move a slider → the MQL count changes → save the model
JSON → move it again → load the JSON back → the same numbers as when saved."""

from __future__ import annotations

import time
from pathlib import Path

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, shot, wait_idle

LANG = "en"


def _mql(page) -> int:
    box = page.get_by_test_id("stMetric").filter(has_text=t("scoring.mql_count", LANG)).first
    return int(box.get_by_test_id("stMetricValue").inner_text().replace(",", ""))


def _nudge(page, label: str, key: str, times: int) -> int:
    """Press ``key`` on the slider ``times`` times; return the MQL count once it changed.

    The slider commits its value after a short debounce, so "idle" alone can be
    read before the rerun starts: wait for the thumb to move, then for the MQL
    metric to leave its old value (failing after 180 s if it never does: only a hang).
    """
    before = _mql(page)
    slider = page.get_by_test_id("stSlider").filter(has_text=label).first
    thumb = slider.get_by_role("slider")
    shown = slider.get_by_test_id("stSliderThumbValue")
    start = shown.inner_text()
    thumb.focus()
    for _ in range(times):
        thumb.press(key)
    assert shown.inner_text() != start, "slider did not move"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        wait_idle(page)
        now = _mql(page)
        if now != before:
            return now
        time.sleep(0.3)
    return _mql(page)


def test_slider_save_reload(server, page_en):
    page = page_en
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
    saved = _nudge(page, label, "ArrowLeft", 10)  # lower the engagement bar: more MQLs
    assert saved > before, (before, saved)
    assert_no_error(page, "scoring after slider")
    shot(page, "scoring-after-slider")

    with page.expect_download() as dl:
        page.get_by_role("button", name=t("scoring.download", LANG)).click()
    model_json = Path(dl.value.path()).read_bytes()

    assert _nudge(page, label, "ArrowRight", 25) < saved  # raise it well above: fewer MQLs

    page.get_by_test_id("stFileUploader").filter(has_text=t("scoring.upload", LANG)).locator(
        'input[type="file"]'
    ).set_input_files(
        files=[{"name": "model.json", "mimeType": "application/json", "buffer": model_json}]
    )
    wait_idle(page)
    assert _mql(page) == saved
    assert_no_error(page, "scoring after reload")
    shot(page, "scoring-after-reload")
