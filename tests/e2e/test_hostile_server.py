"""A hostile batch of uploads never stalls or breaks the server (issue #20).

One browser session uploads the whole hostile catalogue at once
(tests/support/hostile.py: whitespace-date attack, shared-strings bomb,
huge dimensions, a cell at XFD1048576, a lying zip header, pasted exports, a
corrupt and an empty file). Meanwhile a second session, speaking the
websocket protocol, keeps moving a scoring slider on the demo and a third
party polls the health check. Asserted: every health check and every rerun
is answered without an error element; the uploading session shows one
translated message per refused file, no exception, and loads the rest.
Timeouts are generous: they only stop a hang.
"""

from __future__ import annotations

import asyncio
import random
import threading
import urllib.request

from abm.i18n import t
from tests.e2e.conftest import assert_no_error, go, shot, upload, wait_idle
from tests.support.hostile import catalogue
from tests.support.protocol import Person, Session

REFUSED = {
    "shared_strings_bomb.xlsx",
    "huge_dimension.xlsx",
    "cell_at_xfd1048576.xlsx",
    "lying_zip_header.xlsx",
    "corrupt.xlsx",
    "empty.csv",
}


def _other_session(url: str, stop: threading.Event, answered: list[float], errors: list) -> None:
    async def body() -> None:
        async with Session(url, locale="en-US") as session:
            person = Person(session, random.Random(5))
            await person.open()
            while not stop.is_set():
                answered.append(await person.move())
                await asyncio.sleep(0.2)

    try:
        asyncio.run(body())
    except Exception as exc:  # reported by the test, not swallowed
        errors.append(repr(exc))


def _health(url: str, stop: threading.Event, codes: list[int]) -> None:
    while not stop.is_set():
        with urllib.request.urlopen(url + "/_stcore/health", timeout=120) as r:
            codes.append(r.status)
        stop.wait(0.2)


def test_hostile_uploads_never_stall_the_server(server, page):
    stop = threading.Event()
    answered: list[float] = []
    errors: list[str] = []
    codes: list[int] = []
    other = threading.Thread(target=_other_session, args=(server.url, stop, answered, errors))
    health = threading.Thread(target=_health, args=(server.url, stop, codes))
    other.start()
    health.start()
    try:
        page.goto(server.url)
        wait_idle(page)
        upload(page, list(catalogue()), mime="application/octet-stream")
        page.get_by_test_id("stSidebar").get_by_text(
            t("table.leads", "ja"), exact=False
        ).first.wait_for()
        moves_before = len(answered)
        while len(answered) < moves_before + 3 and not errors:  # the server still serves others
            page.wait_for_timeout(200)
    finally:
        stop.set()
        other.join(timeout=180)
        health.join(timeout=180)
    assert errors == []
    assert codes and set(codes) == {200}
    assert len(answered) >= 3
    exc = page.locator('[data-testid="stException"]').count()
    assert exc == 0
    alerts = " ".join(page.get_by_test_id("stAlertContentError").all_inner_texts())
    for name in REFUSED:
        assert name in alerts, name
    shot(page, "hostile-batch")
    go(page, "nav.funnel", "ja")
    assert_no_error(page, "funnel after a hostile batch")
