"""Browser journey on a configured DuckDB source: the funnel opens, a scoring slider responds.

An administrator's file (``MORI_CONFIG``) points a real ``streamlit run`` at a
company database generated inside DuckDB at test time
(:func:`tests.support.crm_source.write_crm`: Japanese headers, ten activities
per lead). The first browser session opens the funnel page (the source is
read, cleaned and aggregated; a background thread stores it), the Data page shows
the rows behind each table and, by itself once it is done, that the preparation is
stored, and a second session — reopening the stored preparation — opens
the funnel and moves the scoring page's MQL bar until the count changes. Then the
server is restarted as ``make run`` starts it (:mod:`abm.ui.launch`), and the first
session after the restart opens the funnel on the reopened preparation. Last, new rows
arrive in the database while the server is down: started again, the server prepares the
changed source ahead (``prepare_ahead``) and the first session reopens that preparation
with the new rows, not cleaning anything itself.

Size: ``MORI_E2E_SOURCE_LEADS`` leads (5,000 in ``make test``, about 30 s;
``make bench`` runs it at 1,000,000). Below the product's worker threshold
(:data:`abm.ui.jobs.WORKER_MIN_ROWS`) the server gets a lower
``MORI_WORKER_MIN_ROWS``, so the source is always cleaned in a worker process
as a big one is. The timings land in ``test-artifacts/source-journey-<n>.json``;
nothing here asserts on them. ``MORI_E2E_HANG_S`` shortens the waits that only
stop a hang (1,800 s: a million leads are cleaned for minutes the first time).
"""

from __future__ import annotations

import json
import os
import time

import duckdb

from abm.i18n import t
from abm.ui.jobs import WORKER_MIN_ROWS
from tests.e2e.conftest import ARTIFACTS, Server, assert_no_error, go, shot, wait_idle
from tests.e2e.test_scoring_journey import LANG, _mql, _nudge
from tests.support.crm_source import source_section, write_crm

#: Waits stop a hang only: a million leads are cleaned for minutes the first time.
HANG_S = int(os.environ.get("MORI_E2E_HANG_S", "1800"))


def _context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(HANG_S * 1000)
    return ctx, page


def _open_funnel(page, url: str) -> float:
    """Open the funnel page; seconds until its first chart is drawn and the page is idle.

    A page that says no lead matches (every lead cleaned away) has no chart:
    that is a failure now, not a wait until :data:`HANG_S`.
    """
    t0 = time.monotonic()
    page.goto(url + "/Funnel")
    chart = page.get_by_test_id("stPlotlyChart").first
    empty = page.get_by_text(t("funnel.no_leads", LANG)).first
    chart.or_(empty).wait_for(timeout=HANG_S * 1000)
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert chart.is_visible(), f"no chart: no lead to analyse ({sidebar!r})"
    wait_idle(page, timeout_s=HANG_S)
    return time.monotonic() - t0


def test_funnel_and_scoring_on_a_duckdb_source(browser, tmp_path):
    n = int(os.environ.get("MORI_E2E_SOURCE_LEADS", "5000"))
    db = tmp_path / "crm.duckdb"
    rows = write_crm(db, n)
    admin = tmp_path / "mori.toml"
    engine = f'[engine]\nmemory_limit = "4GB"\ntemp_directory = "{tmp_path / "spill"}"\n\n'
    admin.write_text(engine + source_section(db, store=tmp_path / "prepared.duckdb"), "utf-8")
    env = {**os.environ, "MORI_CONFIG": str(admin)}
    if n < WORKER_MIN_ROWS:  # a small source is cleaned in a worker too, as a big one is
        env["MORI_WORKER_MIN_ROWS"] = str(n // 2)
    srv = Server(name=f"source-{n}", env=env)
    figures: dict[str, float | int] = {"leads": n, **{f"{k}_rows": v for k, v in rows.items()}}
    try:
        ctx, page = _context(browser)
        figures["first_funnel_s"] = _open_funnel(page, srv.url)
        assert_no_error(page, "funnel, first opening")
        shot(page, f"source-funnel-first-{n}")
        go(page, "nav.data", LANG, timeout_s=HANG_S)  # the same session: the one storing
        title = page.get_by_role("heading", name=t("engine.ui.title", LANG))
        box = page.get_by_test_id("stVerticalBlock").filter(has=title).last  # the innermost
        box.get_by_role("table").first.wait_for()  # the rows behind each table
        text = box.inner_text()
        assert t("engine.source.kind.duckdb", LANG) in text
        assert f"{rows['activities']:,}" in text, f"the rows behind the activity table: {text}"
        # stored by a background thread: the box says so once it is done, by itself
        box.get_by_text(t("engine.ui.stored", LANG)).wait_for(timeout=HANG_S * 1000)
        shot(page, f"source-data-stored-{n}")
        assert_no_error(page, "data page")
        ctx.close()

        ctx, page = _context(browser)  # a new session: the stored preparation is reopened
        figures["reopen_funnel_s"] = _open_funnel(page, srv.url)
        assert_no_error(page, "funnel, reopened")
        t0 = time.monotonic()
        go(page, "nav.scoring", LANG, timeout_s=HANG_S)
        page.get_by_test_id("stMetric").first.wait_for()
        figures["scoring_page_s"] = time.monotonic() - t0
        before = _mql(page)
        page.get_by_role("tab", name=t("scoring.tab.rules", LANG)).click()
        wait_idle(page, timeout_s=HANG_S)
        t0 = time.monotonic()
        after = _nudge(page, t("scoring.engagement_threshold", LANG), "ArrowLeft", 10)
        figures["slider_response_s"] = time.monotonic() - t0
        assert after > before, (before, after)  # a lower engagement bar: more MQLs
        assert_no_error(page, "scoring after the slider")
        shot(page, f"source-scoring-{n}")
        ctx.close()

        # a restart as `make run` / `make serve` do it (abm.ui.launch): the stored
        # preparation is read while the server starts, and the first session reopens it
        srv.stop()
        srv = Server(name=f"source-{n}-restart", env=env, launch=True)
        ctx, page = _context(browser)
        figures["restart_funnel_s"] = _open_funnel(page, srv.url)
        assert_no_error(page, "funnel, after a restart")
        go(page, "nav.data", LANG, timeout_s=HANG_S)
        said = max(t("engine.ui.reopened", LANG, when="\0").split("\0"), key=len).strip()
        page.get_by_text(said).first.wait_for(timeout=120_000)  # reopened, not prepared again
        assert_no_error(page, "data page after a restart")
        log = srv.log_path.read_text(encoding="utf-8", errors="replace")
        assert "warm-up" not in log, "the launcher did not read the stored preparation"
        ctx.close()

        # new rows arrive in the company's database while the server is down: the launcher
        # prepares the changed source ahead (prepare_ahead); the first session after the
        # start never cleans it itself: coming early, it opens the data as last prepared
        # at once and is offered the newer data once the server has it; coming later, it
        # reopens the newer data
        srv.stop()
        con = duckdb.connect(str(db))
        con.execute("INSERT INTO crm_leads SELECT * FROM crm_leads LIMIT 11")
        con.close()
        t0 = time.monotonic()
        srv = Server(name=f"source-{n}-ahead", env=env, launch=True)
        ctx, page = _context(browser)
        figures["ahead_funnel_s"] = _open_funnel(page, srv.url)
        figures["ahead_start_to_funnel_s"] = time.monotonic() - t0
        assert_no_error(page, "funnel, prepared ahead")
        preparing = t("engine.ui.newer_short", LANG, percent=0).split("（")[0].split("(")[0]
        sidebar = page.get_by_test_id("stSidebar").inner_text()
        if preparing.strip() in sidebar or t("engine.ui.newer_ready", LANG) in sidebar:
            newer = page.get_by_role("button", name=t("engine.ui.newer_open", LANG))
            newer.wait_for(timeout=300_000)  # the server's preparation is done: offered
            figures["ahead_newer_offered_s"] = time.monotonic() - t0
            newer.click()
            wait_idle(page, timeout_s=HANG_S)
            assert_no_error(page, "funnel, the newer data opened")
        go(page, "nav.data", LANG, timeout_s=HANG_S)
        page.get_by_text(said).first.wait_for(timeout=120_000)  # the server's preparation
        title = page.get_by_role("heading", name=t("engine.ui.title", LANG))
        box = page.get_by_test_id("stVerticalBlock").filter(has=title).last
        assert f"{rows['leads'] + 11:,}" in box.inner_text(), "the new rows are not there"
        assert_no_error(page, "data page, prepared ahead")
        log = srv.log_path.read_text(encoding="utf-8", errors="replace")
        assert "ahead" not in log and "warm-up" not in log, "the source was not prepared ahead"
        ctx.close()
    finally:
        srv.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / f"source-journey-{n}.json"
        out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
