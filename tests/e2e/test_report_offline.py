"""The meeting report opens offline in headless Chromium and its charts draw."""

from __future__ import annotations

from abm.gap.compute import compute_gap
from abm.report import meeting_report_html
from tests.e2e.conftest import ARTIFACTS
from tests.unit.test_gap_data import AS_OF, END, START, make_dataset, make_scores


def test_renders_offline_in_headless_chromium(browser, tmp_path):
    """Open the report from disk with every network request refused; charts still draw."""
    result = compute_gap(make_dataset(), as_of=AS_OF, start=START, end=END, scores=make_scores())
    report = tmp_path / "meeting.html"
    report.write_text(meeting_report_html(result, lang="ja"), encoding="utf-8")
    requested: list[str] = []
    errors: list[str] = []
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def refuse(route):
            if not route.request.url.startswith("file://"):
                requested.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", refuse)
        page.goto(report.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.plotly-graph-div .main-svg').length >= 4",
            timeout=120_000,
        )
        page.wait_for_timeout(500)
        drawn = page.locator(".plotly-graph-div .main-svg").count()
        title = page.title()
        out = ARTIFACTS / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / "meeting_report.png"), full_page=True)
    finally:
        ctx.close()
    assert requested == []  # nothing leaves the machine
    assert errors == []
    assert title == "マーケ・営業 合同会議レポート"
    assert drawn >= 4  # volume, fit mix, reasons, quadrant (plotly draws 1+ svg per chart)
