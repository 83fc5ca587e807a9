"""Bounded loopback load test: 20 sessions on the demo data moving a scoring slider.

A real ``streamlit run app.py`` with the repository's config; each session
speaks the browser's websocket protocol (:mod:`bench.load`): it loads the
demo with ``?demo=1``, opens the scoring page and its rules tab, then moves
the MQL engagement-threshold slider every 1–3 s (uniform think time), five
moves a round, three rounds. A rerun is timed from the widget change to
``script_finished``.

What must hold (issue #8): p95 rerun ≤ 1 s; the server's resident memory
grows ≤ 5 % between the last two rounds; every move is answered without an
exception or error element, and each session's share link carries the value
*it* sent (no cross-talk). The whole run is bounded (``deadline_s``, pytest
timeout) and stops by itself. The figures land in ``test-artifacts/load.md``.
"""

from __future__ import annotations

import pytest

from bench.load import run_load_blocking, streamlit_server
from tests.e2e.conftest import ARTIFACTS

SESSIONS, ROUNDS, MOVES = 20, 3, 5


@pytest.mark.timeout(420)
def test_twenty_sessions_moving_a_scoring_slider():
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server(log_path=ARTIFACTS / "streamlit-load.log") as (url, proc):
        report = run_load_blocking(
            url,
            proc.pid,
            sessions=SESSIONS,
            rounds=ROUNDS,
            moves=MOVES,
            think=(1.0, 3.0),
            seed=8,
            deadline_s=360,
        )
    (ARTIFACTS / "load.md").write_text(report.table() + "\n", encoding="utf-8")
    assert len(report.reruns) == SESSIONS * ROUNDS * MOVES
    assert report.p95 <= 1.0, report.table()
    assert report.growth_last <= 0.05, report.table()
