"""From a Tier-1 row of the accounts table to its account story (#19 item 4), in a real browser.

Demo loaded → target-accounts page → the first ranked row (Tier 1) is read
from the table and selected → the link under the table opens the account
story in the same session, with the account id in the address → the story's
people, opportunities, open pipeline and won revenue are the row's. The
screenshot is saved (test-artifacts/screenshots/account-story-*.png).
"""

from __future__ import annotations

import re

from abm.core.format import fmt_yen_short
from abm.i18n import keys as K
from abm.i18n import t
from tests.e2e.conftest import assert_no_error, go, shot, wait_idle

LANG = "ja"


def _ranked_grid(page):
    """The ranked-accounts table (the one with an opportunities column).

    The grid draws on a canvas; its cells are also in a hidden accessible table
    (``[role=columnheader]``, ``[role=gridcell]``), which is what is read here.
    """
    header = t("accounts.col.opportunities", LANG)
    grid = page.get_by_test_id("stDataFrame").filter(
        has=page.locator("[role=columnheader]", has_text=re.compile(f"^{header}$"))
    )
    grid.first.wait_for()
    return grid.first


def _first_row(grid) -> dict[str, str]:
    """The first data row as ``{column header: cell text}`` (the grid's accessible table)."""
    headers = [h.text_content().strip() for h in grid.locator("[role=columnheader]").all()]
    row = grid.locator("[role=row]").nth(1)
    cells = [c.text_content().strip() for c in row.locator("[role=gridcell]").all()]
    return dict(zip(headers[-len(cells) :], cells, strict=True))


def _number(text: str) -> int:
    return int(re.sub(r"[^0-9]", "", text) or "0")


def _metric(page, label_key: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=t(label_key, LANG))
    return box.first.get_by_test_id("stMetricValue").inner_text().strip()


def test_a_tier1_row_opens_its_story_with_the_same_counts(server, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    go(page, "nav.accounts", LANG)
    grid = _ranked_grid(page)
    row = _first_row(grid)
    name = row[t("accounts.col.account", LANG)]
    assert row[t("accounts.col.tier", LANG)] == t("accounts.tier.tier_1", LANG)
    people = _number(row[t("accounts.col.contacts", LANG)])
    opps = _number(row[t("accounts.col.opportunities", LANG)])
    # the table counts money in 万円 (narrow columns); the story's tiles read 1.49億円
    pipeline = _number(row[t("accounts.col.pipeline_unit", LANG, unit="万円")]) * 10_000
    won = _number(row[t("accounts.col.won_unit", LANG, unit="万円")]) * 10_000
    assert people > 0

    # select the row: its checkbox sits in the grid's first column, first data row
    canvas = grid.locator("canvas").first.bounding_box()
    page.mouse.click(canvas["x"] + 16, canvas["y"] + 35 + 17)  # header 35 px, row 35 px
    wait_idle(page)
    link = page.get_by_role("link", name=t("account.open", LANG, name=name))
    link.wait_for()
    shot(page, "account-story-ja-accounts-row-selected")
    link.click()
    wait_idle(page)
    page.get_by_role("heading", name=t("nav.account", LANG)).wait_for()
    assert re.search(r"[?&]account=acc_[0-9a-f]+", page.url), page.url
    assert_no_error(page, "account story")

    assert _metric(page, "account.kpi.tier") == t(K.TIER_SHORT["tier_1"], LANG)
    assert _number(_metric(page, "account.kpi.people")) == people
    assert _number(_metric(page, "account.kpi.opportunities")) == opps
    assert _metric(page, "account.kpi.pipeline") == fmt_yen_short(pipeline, LANG)
    assert _metric(page, "account.kpi.won") == fmt_yen_short(won, LANG)
    assert page.get_by_role("heading", name=name).count() == 1
    for section in ("tier", "people", "timeline", "opportunities", "history"):
        page.get_by_text(t(f"account.section.{section}", LANG), exact=True).first.wait_for()
    assert page.get_by_test_id("stPlotlyChart").count() == 2  # timeline and score history
    shot(page, "account-story-ja")
