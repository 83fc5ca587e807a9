"""Background writes to a store file (abm.ui.storing): one per file and key, outcomes kept."""

from __future__ import annotations

import threading

from abm.errors import MoriError
from abm.ui import storing


def test_a_write_runs_in_the_background_once_per_file_and_key(tmp_path):
    release, calls, failed = threading.Event(), [], []
    store = tmp_path / "s.duckdb"

    def write():
        calls.append(1)
        assert release.wait(240)

    try:
        assert storing.start(store, "k", write, on_failure=lambda: failed.append(1))
        assert storing.running(store, "k")
        assert storing.outcome(store, "k") is False  # not done yet
        # the same data again while it is written: not a second thread
        assert not storing.start(store, "k", write, on_failure=lambda: failed.append(1))
        assert not storing.wait_all(0.05)  # the time runs out: False, not a hang
    finally:
        release.set()
    assert storing.wait_all(240)
    assert calls == [1] and failed == []
    assert not storing.running(store, "k") and storing.outcome(store, "k") is None


def test_a_failed_write_is_a_message_and_calls_back(tmp_path, caplog):
    failed = []
    store = tmp_path / "s.duckdb"

    def secret():
        raise ValueError("株式会社カナリア taro@canary.example")

    def known():
        raise MoriError("engine.store.err.locked", file="s.duckdb")

    storing.start(store, "a", secret, on_failure=lambda: failed.append("a"))
    storing.start(store, "b", known, on_failure=lambda: failed.append("b"))
    assert storing.wait_all(240)
    assert storing.outcome(store, "a") == ("engine.store.err.failed", {"file": "s.duckdb"})
    assert storing.outcome(store, "b") == ("engine.store.err.locked", {"file": "s.duckdb"})
    assert sorted(failed) == ["a", "b"]
    assert "カナリア" not in caplog.text and "canary" not in caplog.text
    assert "ValueError" in caplog.text
