"""QA-N, in a real browser: switching the language back and forth keeps the choices made.

Streamlit keeps a choice widget's value as the option's shown text; with translated option
labels the Accounts page's tier filter came back empty after JA → EN → JA (no account
shown, 0-row exports, coverage "—"), which AppTest does not reproduce (it hands the widget
its value, not the browser's text).
"""

from __future__ import annotations

import re

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, click_and_wait, go, shot, wait_idle

ROWS = re.compile(r"\((\d[\d,]*) rows\)|（(\d[\d,]*)行）")


def _rows(page, lang: str) -> int:
    label = t("accounts.page.download_csv", lang, rows=0).split("(")[0].split("（")[0]
    text = page.get_by_role("button", name=re.compile("^" + re.escape(label))).first.inner_text()
    found = ROWS.search(text)
    assert found, text
    return int((found.group(1) or found.group(2)).replace(",", ""))


def _switch(page, to: str) -> None:
    name = {"ja": "日本語", "en": "English"}[to]
    target = page.get_by_test_id("stSidebar").get_by_text(name, exact=True).first
    click_and_wait(page, target)


def test_switching_languages_keeps_the_accounts_filters(server, page):
    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    page.get_by_test_id("stMetric").first.wait_for()
    go(page, "nav.accounts", "ja")
    assert_no_error(page, "accounts")
    first = _rows(page, "ja")
    assert first > 0
    for lang in ("en", "ja", "en", "ja"):
        _switch(page, lang)
        assert_no_error(page, f"accounts in {lang}")
        assert _rows(page, lang) == first, lang  # the same tiers shown, the same export
        sidebar = page.get_by_test_id("stSidebar").inner_text()
        assert t("accounts.tier.tier_1", lang) in sidebar, lang  # the tier filter's chips
    shot(page, "language-switch-accounts")
