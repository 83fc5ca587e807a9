"""Two real browser sessions upload different files under the same name and
never see each other's data (AppTest cannot prove this: one session id)."""

from __future__ import annotations

from tests.e2e.conftest import click_and_wait, upload, wait_idle


def _leads_csv(marker: str, rows: int) -> bytes:
    lines = ["会社名,氏名,メールアドレス,役職"]
    lines += [
        f"{marker}商事{i},{marker} 太郎{i},{marker.lower()}{i}@{marker.lower()}.example.jp,部長"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _upload(page, url: str, data: bytes) -> None:
    page.goto(url)
    wait_idle(page)
    upload(page, [("leads.csv", data)])
    page.get_by_test_id("stMetric").first.wait_for()


def test_same_file_name_two_sessions(server, browser):
    ctx_a = browser.new_context(locale="ja-JP")
    ctx_b = browser.new_context(locale="ja-JP")
    try:
        a, b = ctx_a.new_page(), ctx_b.new_page()
        _upload(a, server.url, _leads_csv("Alpha", 11))
        _upload(b, server.url, _leads_csv("Bravo", 23))
        # rerun session A after B uploaded (client-side navigation keeps the session)
        sidebar = a.locator('[data-testid="stSidebar"]')
        click_and_wait(a, sidebar.get_by_role("link").nth(1))
        click_and_wait(a, sidebar.get_by_role("link").nth(0))
        for pg, mine, other, n in ((a, "Alpha", "Bravo", 11), (b, "Bravo", "Alpha", 23)):
            # the loaded-rows metric shows this session's own count
            metric = pg.get_by_test_id("stMetricValue").first.inner_text()
            assert metric.replace(",", "") == str(n), (mine, metric)
            click_and_wait(pg, pg.locator('[data-testid="stSidebar"]').get_by_role("link").nth(1))
            body = pg.locator('[data-testid="stMain"]').inner_text()
            assert f"{n:,}" in body and f"{23 if n == 11 else 11:,}" not in body, mine
            assert other not in body
    finally:
        ctx_a.close()
        ctx_b.close()
