"""The app starts and the home page renders in a real browser."""

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, shot, wait_idle


def test_home_renders(server, page):
    page.goto(server.url)
    wait_idle(page)
    page.get_by_text(t("home.title", "ja")).first.wait_for()
    assert_no_error(page, "home")
    shot(page, "home-empty")
