"""Uploaded values are never rendered as HTML: hostile cells show as text on
every page, no dialog fires and no injected element appears."""

from __future__ import annotations

import csv
import io

from abm.ui.shell import PAGES
from tests.e2e.conftest import assert_no_error, go, shot, upload, wait_idle

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "[click](javascript:alert(3))",
    "**bold** <b>b</b> ![x](x) :red[red]",
    '=HYPERLINK("http://evil.example","x")',
]


def hostile_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["会社名", "氏名", "メールアドレス", "役職", "部署", "ステータス", "作成日"])
    for i in range(40):
        p = PAYLOADS[i % len(PAYLOADS)]
        w.writerow([p, p, f"user{i}@corp{i % 7}.example.jp", p, p, "顕在化", "2026/05/01"])
    return buf.getvalue().encode("utf-8")


def test_hostile_cells_render_as_text(server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    wait_idle(page)
    upload(page, [("hostile.csv", hostile_csv())])
    page.get_by_test_id("stMetric").first.wait_for()
    for path, label_key, _icon in PAGES:
        go(page, label_key, "ja")
        assert_no_error(page, path)
        assert page.locator('img[src="x"]').count() == 0, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
        scripts = page.evaluate(
            "() => [...document.scripts].filter(s => (s.textContent || '').includes('alert(')).length"
        )
        assert scripts == 0, path
        _assert_no_table_download(page, path)
        shot(page, f"xss-{path.split('/')[-1].removesuffix('.py')}")
    assert dialogs == []


def _assert_no_table_download(page, where: str) -> None:
    """Streamlit's own table toolbar offers no CSV download (it would write formulas).

    The toolbar appears on hover; its other buttons (search, full screen) are
    still there, so the check sees a real toolbar.
    """
    tables = page.get_by_test_id("stDataFrame")
    for i in range(min(tables.count(), 3)):
        table = tables.nth(i)
        if not table.is_visible():
            continue
        table.hover()
        toolbar = page.get_by_test_id("stElementToolbar").filter(has=page.locator("button"))
        toolbar.first.wait_for(state="attached")
        labels = " ".join(
            b.get_attribute("aria-label") or b.inner_text()
            for b in page.get_by_test_id("stElementToolbar").locator("button").all()
        )
        assert "Download as CSV" not in labels, where
