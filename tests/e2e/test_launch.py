"""``make run``'s launcher (abm.ui.launch): the demo server a consultant starts, in a browser.

The launcher imports the app's stack, then builds and cleans the demo on a thread while
Streamlit starts; the first session — here on a bookmarked page, not the home page —
finds the demo loaded and its numbers drawn, and the server log holds no warm-up failure.
"""

from __future__ import annotations

import os
import tempfile

import pytest

from abm.i18n import t
from tests.e2e.conftest import Server, assert_no_error, shot, wait_idle


@pytest.fixture(scope="module")
def launched():
    env = {**os.environ, "HOME": tempfile.mkdtemp(prefix="mori-launch-"), "MORI_PERSIST": "0"}
    srv = Server(extra_args=["--", "--demo"], name="launch", env=env, launch=True)
    yield srv
    srv.stop()


def test_the_launcher_serves_the_demo_ready_on_any_page(launched, page):
    page.goto(launched.url + "/Funnel")
    page.get_by_test_id("stMetric").first.wait_for()
    wait_idle(page)
    assert_no_error(page, "funnel (launcher)")
    sidebar = page.get_by_test_id("stSidebar")
    assert t("demo.label", "ja") in sidebar.inner_text()
    assert page.get_by_test_id("stPlotlyChart").count() >= 1
    shot(page, "launch-funnel")
    log = launched.log_path.read_text(encoding="utf-8", errors="replace")
    assert "warm-up stopped" not in log and "Traceback" not in log
