"""The meeting report printed to PDF from the browser (#19): clean A4 pages.

The report of the bundled demo (with two company lists) is opened in headless Chromium,
measured under print media — the page no wider than an A4 sheet's printable width, no chart
or table wider than its box, no plotly tool bar — then printed with ``page.pdf()`` as the
browser's "print to PDF" does. The PDF must be A4, several pages; each page is turned into
a PNG with poppler's ``pdftoppm`` (test-artifacts/screenshots/meeting-report-print-*.png)
for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from abm.gap import compute_gap, lead_scores
from abm.report import meeting_report_html
from abm.scoring.model import ScoringModel
from tests.e2e.conftest import ARTIFACTS
from tests.support.worlds import demo_world

#: 210 mm less two 10 mm margins, at 96 px per inch.
A4_PRINTABLE_PX = (210 - 20) / 25.4 * 96

_MEASURE = """() => {
  const body = document.body.getBoundingClientRect().width;
  const wide = [];
  for (const el of document.querySelectorAll('.plotly-graph-div, table')) {
    const box = el.closest('.col') || el.closest('.box') || document.body;
    const inner = box.clientWidth - parseFloat(getComputedStyle(box).paddingLeft)
      - parseFloat(getComputedStyle(box).paddingRight);
    const svg = el.querySelector('svg.main-svg');
    const width = svg ? svg.width.baseVal.value : el.scrollWidth;
    if (width > inner + 1) wide.push([el.tagName, Math.round(width), Math.round(inner)]);
  }
  return {body, wide, modebars: document.querySelectorAll('.modebar').length,
          charts: document.querySelectorAll('.plotly-graph-div .main-svg').length};
}"""


def _pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


@pytest.fixture(scope="module", params=["ja", "en"])
def report_html(request) -> str:
    """The demo's report in each language (QA: the English one's last column, long money
    figures, ran off the A4 sheet while the Japanese one fitted)."""
    from abm.pipeline import prepare

    world = demo_world()
    ds = prepare(world.dataset).dataset
    as_of = world.as_of
    scores = lead_scores(ds.leads, ds.activities, ScoringModel(), as_of=as_of)
    result = compute_gap(
        ds, as_of=as_of, start=as_of - pd.Timedelta(days=364), end=as_of, scores=scores
    )
    return meeting_report_html(
        result, lang=request.param, leads=ds.leads, include_companies=("sales_hot", "both_hot")
    )


def test_the_report_prints_on_clean_a4_pages(browser, report_html, tmp_path):
    if _pdftoppm() is None:
        pytest.fail("pdftoppm not found: apt-get install poppler-utils (.ci/run installs it)")
    source = tmp_path / "meeting.html"
    source.write_text(report_html, encoding="utf-8")
    pdf = tmp_path / "meeting.pdf"
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = ctx.new_page()
        page.goto(source.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.plotly-graph-div .main-svg').length >= 4",
            timeout=120_000,
        )
        page.emulate_media(media="print")
        page.wait_for_timeout(500)
        found = page.evaluate(_MEASURE)
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        ctx.close()
    assert found["body"] <= A4_PRINTABLE_PX, found["body"]  # the page fits the sheet
    assert found["wide"] == [], found["wide"]  # no chart or table cut at its box's edge
    assert found["modebars"] == 0  # no interactive chrome on paper
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])
    size = next(ln for ln in info.stdout.splitlines() if ln.startswith("Page size:"))
    assert "A4" in size, size
    assert 3 <= pages <= 8, pages  # sections on their own pages, none split into dozens
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("meeting-report-print-*.png"):
        old.unlink()
    subprocess.run(
        [_pdftoppm(), "-png", "-r", "80", str(pdf), str(out / "meeting-report-print")], check=True
    )
    assert len(list(out.glob("meeting-report-print-*.png"))) == pages
