"""Persistent workspaces in a real browser (#18), local mode with a temporary MORI_HOME.

One journey, as a marketing manager would live it across two meetings:

1. upload April's exports (a HubSpot contacts export, a Japanese Salesforce
   report, an activity log); a fresh browser lands in the workspace with them;
   upload May's exports of the same people — two dated snapshots;
2. open "since last meeting" on the gap page: its numbers equal
   :func:`abm.history.compare` on the two exports read and cleaned separately
   with the library; the meeting report carries the same numbers;
3. save a setting, stop the server, start it again: the workspace, both
   snapshots and the setting are there, without re-uploading;
4. share the funnel page with another model and strictness: the link opened in
   a fresh browser shows the same model, strictness and numbers;
5. delete the workspace after typing its name: no row of it in the store, no
   byte of its data in any file under MORI_HOME.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

from abm.history import HistorySettings, Side, compare
from abm.i18n import keys as K
from abm.i18n import t
from abm.ingest import read_uploads
from abm.pipeline import prepare
from abm.resolve import ExclusionRules
from abm.workspace.store import WorkspaceStore
from tests.e2e.conftest import (
    Server,
    _page,
    assert_no_error,
    click_and_wait,
    delete_workspace,
    go,
    runs_seen,
    shot,
    upload,
    wait_idle,
)
from tests.support.months import monthly_exports

LANG = "en"
APRIL, MAY = "2026-04-30", "2026-05-31"


@pytest.fixture(scope="module")
def exports():
    return monthly_exports((APRIL, MAY), n_people=300, seed=5)


def _share_link(page, button) -> str:
    """Click *Create the link* and return the link the sidebar shows.

    Under load a CI run now and then never showed it (three times in about forty-five runs,
    at this click only, box open, button there, no error). The retry's warning in a green run
    said ``runs 4 -> 4``: the click, made as soon as the box had been opened, started no
    script run at all: the browser lost it, the app never saw it. So the click now waits for
    the opened box to settle; a click still lost is tried once more with a warning that says
    what was seen (runs started before and after, the button's state), and a link that
    comes after neither click fails with the same facts and a shot.
    """
    import warnings

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    code = _sidebar(page).get_by_test_id("stCode").first
    seen: list[str] = []
    for attempt, wait_s in ((1, 60), (2, 120)):
        if attempt > 1 and not button.is_visible():  # the box folded: open it again
            _sidebar(page).get_by_text(t("workspace.share", LANG)).first.click()
        before = -1
        try:
            # the box has just been opened: let its content finish drawing first (a click
            # made while the frontend still mounts the button can fall between two nodes)
            button.wait_for()
            wait_idle(page)
            before = runs_seen(page)
            click_and_wait(page, button)
            code.wait_for(timeout=wait_s * 1000)
        except (PlaywrightTimeout, AssertionError):  # AssertionError: wait_idle's hang guard
            visible = button.is_visible()
            enabled = visible and button.is_enabled(timeout=5_000)
            seen.append(
                f"click {attempt}: runs {before} -> {runs_seen(page)}, button visible "
                f"{visible}, enabled {enabled}"
            )
            shot(page, f"retry-workspace-share-link-{attempt}")
            continue
        if seen:
            warnings.warn(f"share link came only after a second click ({seen[0]})", stacklevel=2)
        return code.inner_text().strip()
    shot(page, "FAILED-workspace-share-link")
    said = _sidebar(page).inner_text()[-800:]
    raise AssertionError(f"no share link in the sidebar ({'; '.join(seen)}); it shows: {said}")


def _server(home: Path, name: str) -> Server:
    env = {**os.environ, "MORI_PERSIST": "1", "MORI_HOME": str(home)}
    return Server(name=name, env=env)


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _upload(page, files) -> None:
    upload(page, files)
    page.get_by_test_id("stMetric").first.wait_for()


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def _model_button(page, model: str):
    """The funnel model's option in its segmented control."""
    return page.get_by_role("radio", name=t(K.FUNNEL_MODEL[model], LANG)).first


def _expected(exports) -> object:
    sides = []
    for day in (APRIL, MAY):
        ds = prepare(read_uploads(exports[day]).dataset).dataset
        sides.append(Side(ds, ds.as_of_default().date))
    return compare(*sides, HistorySettings(exclusions=ExclusionRules()), lang=LANG)


def _open_history(page) -> None:
    page.get_by_text(t("workspace.history.title", LANG)).first.click()
    wait_idle(page)
    page.get_by_test_id("stMetric").filter(
        has_text=t("workspace.history.new_mql", LANG)
    ).first.wait_for()


def _report_metric(html: str, metric: str) -> str:
    found = re.search(rf'data-metric="{re.escape(metric)}"><div class="l">[^<]*</div>'
                      rf'<div class="v">([^<]*)</div>', html)  # fmt: skip
    assert found, metric
    return found.group(1)


def test_two_meetings_restart_share_and_delete(browser, exports, tmp_path):
    home = tmp_path / "mori-home"
    expected = _expected(exports)
    srv = _server(home, "workspace-1")
    try:
        ctx, page = _page(browser, "en-US", 120_000)
        page.goto(srv.url)
        wait_idle(page)
        _upload(page, exports[APRIL])
        assert "hubspot_contacts_20260430" in _sidebar(page).inner_text()
        ctx.close()
        ctx, page = _page(browser, "en-US", 120_000)  # a fresh browser: April is there
        page.goto(srv.url)
        wait_idle(page)
        assert "hubspot_contacts_20260430" in _sidebar(page).inner_text()
        _upload(page, exports[MAY])
        assert "hubspot_contacts_20260531" in _sidebar(page).inner_text()
        assert_no_error(page, "after two uploads")

        # since last meeting, on the gap page, against the library
        go(page, "nav.gap", LANG)
        _open_history(page)
        m, d, s = expected.mqls, expected.deals, expected.sla
        shown = {
            "workspace.history.new_mql": len(m.new),
            "workspace.history.fell_back": len(m.fell_back),
            "workspace.history.sla_resolved": len(s.resolved),
            "workspace.history.deals_created": d.created,
            "workspace.history.deals_won": d.won,
            "workspace.history.deals_lost": d.lost,
        }
        for key, value in shown.items():
            assert _metric(page, t(key, LANG)) == f"{value:,}", key
        sla_label = t("workspace.history.sla_new", LANG, days=s.sla_days)
        assert _metric(page, sla_label) == f"{len(s.new):,}"
        shot(page, "workspace-since-last-meeting")
        with page.expect_download() as dl:
            page.get_by_role("button", name=t("gap.report.download", LANG)).click()
        report = Path(dl.value.path()).read_text(encoding="utf-8")
        assert _report_metric(report, "history.new_mql") == f"{len(m.new):,}"
        assert _report_metric(report, "history.fell_back") == f"{len(m.fell_back):,}"
        assert _report_metric(report, "history.sla_new") == f"{len(s.new):,}"
        assert _report_metric(report, "history.deals_won").startswith(f"{d.won:,} /")
        assert _report_metric(report, "history.tier_up") == f"{expected.tiers.up:,}"
        assert "@" not in report.split('id="since-last-meeting"')[1].split("</div></div>")[0]

        # the targets built on click: the file arrives and the audit list says so
        go(page, "nav.accounts", LANG)
        with page.expect_download() as dl:
            label = t("accounts.page.download_xlsx", LANG, rows=0).split(" (")[0]  # Download Excel
            page.get_by_role("button", name=re.compile("^" + re.escape(label))).first.click()
        assert Path(dl.value.path()).read_bytes()[:2] == b"PK", "an xlsx workbook"
        wait_idle(page)

        # a setting, saved with the change
        go(page, "nav.scoring", LANG)
        page.get_by_role("button", name=t("scoring.save_baseline", LANG)).click()
        wait_idle(page)
        ctx.close()
    finally:
        srv.stop()

    stored = WorkspaceStore(home / "mori-store.duckdb")  # the server is down: read the file
    ((ws_id, _),) = [(w.workspace_id, w.name) for w in stored.list()]
    assert [x.label.split(",")[0] for x in stored.snapshots(ws_id)] == [
        "hubspot_contacts_20260531.csv", "hubspot_contacts_20260430.csv"
    ]  # fmt: skip
    assert stored.settings(ws_id).section("scoring_model") is not None
    exported = stored.audit(ws_id)
    exported = exported[exported["action"] == "data.exported"]["detail"].tolist()
    assert any(str(d.get("file", "")).endswith(".xlsx") for d in exported), exported
    srv = _server(home, "workspace-2")  # stop and start: everything is still there
    try:
        ctx, page = _page(browser, "en-US", 120_000)
        page.goto(srv.url)
        wait_idle(page)
        assert "hubspot_contacts_20260531" in _sidebar(page).inner_text()
        page.get_by_test_id("stMetric").first.wait_for()  # the data, without re-uploading
        go(page, "nav.workspace", LANG)
        page.get_by_test_id("stSelectbox").filter(
            has_text=t("workspace.pick_snapshot", LANG)
        ).first.click()
        options = " ".join(page.get_by_role("option").all_inner_texts())
        assert "hubspot_contacts_20260430.csv" in options, options
        assert "hubspot_contacts_20260531.csv" in options, options
        page.keyboard.press("Escape")
        shot(page, "workspace-page-after-restart")

        # a shared link: another model and strictness, opened in a fresh browser
        go(page, "nav.funnel", LANG)
        # each change waits for the run it starts: a click that reaches a busy server while
        # the previous run is still to start can be lost (a run waited 120 s for the link)
        click_and_wait(page, _model_button(page, "sd2012"))
        click_and_wait(page, page.get_by_text(t("funnel.strict", LANG)).first)  # its label
        numbers = [v.inner_text() for v in page.get_by_test_id("stMetricValue").all()[:8]]
        _sidebar(page).get_by_text(t("workspace.share", LANG)).first.click()
        link = _share_link(
            page, _sidebar(page).get_by_role("button", name=t("workspace.share_make", LANG))
        )
        shot(page, "workspace-share-link")  # the box open, the link in it
        assert "/Funnel?" in link and "view=" in link and "snap=" in link, link
        other_ctx, other = _page(browser, "en-US", 120_000)
        other.goto(link)
        wait_idle(other)
        other.get_by_test_id("stMetric").first.wait_for()
        assert _model_button(other, "sd2012").get_attribute("aria-checked") == "true"
        assert not other.get_by_role("switch", name=t("funnel.strict", LANG)).is_checked()
        assert [v.inner_text() for v in other.get_by_test_id("stMetricValue").all()[:8]] == numbers
        assert_no_error(other, "shared link")
        shot(other, "workspace-shared-link")
        other_ctx.close()

        delete_workspace(page, LANG)  # its name typed first
        ctx.close()
    finally:
        srv.stop()

    con = duckdb.connect(str(home / "mori-store.duckdb"), read_only=True)
    try:
        tagged = [r[0] for r in con.execute(
            "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'workspace_id'"
        ).fetchall()]  # fmt: skip
        left = {x: con.execute(f'SELECT count(*) FROM "{x}" WHERE workspace_id = ?', [ws_id])
                .fetchone()[0] for x in tagged}  # fmt: skip
        snapshots = con.execute("SELECT count(*) FROM mori_snapshots").fetchone()[0]
    finally:
        con.close()
    assert len(tagged) > 10 and set(left.values()) == {0}, left
    assert snapshots == 0  # the default workspace made after the deletion is empty
    emails = [b for day in (APRIL, MAY) for n, b in exports[day] if n.startswith("hubspot")]
    canary = emails[0].decode().splitlines()[1].split(",")[3]  # the first person's address
    assert "@" in canary
    for path in home.rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes(), path
