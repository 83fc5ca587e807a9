"""Scoring journey: move a slider → the MQL count changes → save the model
JSON → move it again → load the JSON back → the same numbers as when saved."""

from __future__ import annotations

import time
from pathlib import Path

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, go, shot, upload, wait_idle

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
    for _ in range(times):  # as a held key: no wait for the page between presses
        page.keyboard.press(key)
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
    go(page, "nav.scoring", LANG)
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

    upload(
        page,
        [("model.json", model_json)],
        uploader=page.get_by_test_id("stFileUploader").filter(has_text=t("scoring.upload", LANG)),
        mime="application/json",
    )
    assert _mql(page) == saved
    assert_no_error(page, "scoring after reload")
    shot(page, "scoring-after-reload")


def _thumb(page, label: str) -> str:
    """The value a slider shows."""
    slider = page.get_by_test_id("stSlider").filter(has_text=label).first
    return slider.get_by_test_id("stSliderThumbValue").inner_text().strip()


def _share_link(page) -> str:
    """The share link the page prints (``…/Scoring?demo=1&m=…``)."""
    block = page.get_by_test_id("stCode").filter(has_text="m=").first
    block.wait_for()
    return block.inner_text().strip()


def _fresh(browser):
    """A new browser context: no cookies, no Streamlit session, nothing loaded."""
    from tests.e2e.conftest import _page

    return _page(browser, "en-US", 90_000)


def test_a_share_link_opens_the_shared_weights_in_a_fresh_browser(server, browser, page_en):
    """Tune on the demo, copy the link, open it elsewhere: same weights, same MQLs; without
    the demo in the link: the shared weights and a guard that keeps them through loading."""
    page = page_en
    page.goto(server.url + "/Scoring?demo=1")
    wait_idle(page)
    page.get_by_test_id("stMetric").first.wait_for()
    page.get_by_role("tab", name=t("scoring.tab.rules", LANG)).click()
    wait_idle(page)
    label = t("scoring.engagement_threshold", LANG)
    tuned = _nudge(page, label, "ArrowLeft", 10)
    threshold = _thumb(page, label)
    link = _share_link(page)
    assert "/Scoring?" in link and "demo=1" in link and "m=" in link, link
    assert_no_error(page, "scoring before sharing")

    ctx, other = _fresh(browser)
    try:
        other.goto(link)
        wait_idle(other)
        other.get_by_test_id("stMetric").first.wait_for()
        assert _mql(other) == tuned
        other.get_by_role("tab", name=t("scoring.tab.rules", LANG)).click()
        wait_idle(other)
        assert _thumb(other, label) == threshold
        assert_no_error(other, "shared link with the demo")
        shot(other, "scoring-share-link")
    finally:
        ctx.close()

    ctx, bare = _fresh(browser)
    try:
        bare.goto(link.replace("demo=1&", ""))
        wait_idle(bare)
        bare.get_by_text(t("scoring.no_data", LANG)).first.wait_for()
        bare.get_by_role("tab", name=t("scoring.tab.rules", LANG)).click()
        wait_idle(bare)
        assert _thumb(bare, label) == threshold
        shot(bare, "scoring-share-link-no-data")
        bare.get_by_role("button", name=t("home.demo", LANG)).first.click()
        wait_idle(bare)
        bare.get_by_test_id("stMetric").first.wait_for()
        assert _mql(bare) == tuned  # the shared weights survived loading the data
        assert_no_error(bare, "shared link after loading the demo")
    finally:
        ctx.close()

    ctx, home = _fresh(browser)
    try:  # the same link written against the home page (`/?demo=1&m=…`) lands on scoring
        home.goto(link.replace("/Scoring?", "/?"))
        wait_idle(home)
        home.get_by_test_id("stMetric").first.wait_for()
        assert "/Scoring" in home.url
        assert _mql(home) == tuned
        assert_no_error(home, "home-page share link")
    finally:
        ctx.close()
