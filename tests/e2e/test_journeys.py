"""Upload and export journeys, as a user does them in a real browser."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd

from abm.demo import DEMO_DIR
from abm.i18n import t
from abm.ingest import build_dataset, read_table, suggest_mapping
from abm.pipeline import prepare
from tests.e2e.conftest import ARTIFACTS, assert_no_error, go, shot, upload, wait_idle

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def test_upload_journey_cp932_bownow_plus_opportunities(server, page):
    files = ["bownow_leads.csv", "salesforce_opportunities.csv"]
    payload = [(name, (DEMO_DIR / name).read_bytes()) for name in files]
    page.goto(server.url)
    wait_idle(page)
    go(page, "nav.data", "ja")
    upload(page, payload)
    # the suggested mapping is shown per file: vendor, encoding, header line
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "bownow_leads.csv" in body and "cp932" in body and "bownow" in body
    assert "salesforce_opportunities.csv" in body
    assert_no_error(page, "data page after upload")
    shot(page, "upload-data-page")

    # what the funnel must show, computed the way a notebook user would
    parts = []
    for name, data in payload:
        raw = read_table(data, name)
        parts.append((raw, suggest_mapping(raw)))
    cleaned = prepare(build_dataset(parts))
    kept = len(cleaned.dataset.leads)

    go(page, "nav.cleaning", "ja")
    assert_no_error(page, "cleaning")
    shot(page, "upload-cleaning")

    go(page, "nav.funnel", "ja")
    assert_no_error(page, "funnel")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert f"{kept:,}" in sidebar, "sidebar shows the people analysed after cleaning"
    shot(page, "upload-funnel")


def test_export_journey_targets_csv_xlsx_and_meeting_report(server, page):
    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    page.get_by_test_id("stMetric").first.wait_for()
    go(page, "nav.accounts", "ja")
    assert_no_error(page, "accounts")

    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile("^CSVをダウンロード")).first.click()
    csv_bytes = Path(dl.value.path()).read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM so Japanese Excel opens it"
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert len(rows) > 10
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")) or cell.startswith("'"), cell
    wait_idle(page)  # the download's audit callback reruns the page: click the next button after

    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile("^Excelをダウンロード")).first.click()
    wb = openpyxl.load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells), "no formula cells"
    xlsx_rows = ws.max_row - 1
    assert xlsx_rows == len(rows) - 1, "CSV and xlsx carry the same rows"
    frame = pd.read_csv(io.BytesIO(csv_bytes), encoding="utf-8-sig", dtype=str)
    first_col = [str(c.value) for c in ws["A"]][1:]
    assert first_col[:5] == frame.iloc[:5, 0].tolist()
    shot(page, "export-accounts")

    go(page, "nav.gap", "ja")
    with page.expect_download() as dl:
        page.get_by_role("button", name=t("gap.report.download", "ja")).first.click()
    html = Path(dl.value.path()).read_text(encoding="utf-8")
    assert "<html" in html.lower()
    visible = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert not EMAIL.search(visible), "the meeting report carries no e-mail address"
    report = page.context.new_page()
    report.set_content(html)
    report.wait_for_timeout(500)
    report.screenshot(
        path=str(ARTIFACTS / "screenshots" / "export-meeting-report.png"), full_page=True
    )
    report.close()
