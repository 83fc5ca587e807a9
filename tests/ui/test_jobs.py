"""Long work in a worker process (abm/ui/jobs.py): result, progress, cancel, failures.

The worker functions live at module level so the fork server can import them.
"""

from __future__ import annotations

import os
import sys
import time
import types

import pandas as pd
import pytest

from abm.ui import jobs, state
from abm.ui.state import widget_key
from tests.ui.conftest import open_page


def slow_steps(n: int, *, progress) -> int:
    """Reports a step, then sleeps far longer than any test waits (until cancelled)."""
    progress("match_names", 3, n)
    time.sleep(600)
    return n


def quick(n: int, *, progress) -> dict:
    progress("persons", n, n)
    return {"rows": n, "frame": pd.DataFrame({"a": range(n)})}


def leaky_failure(*, progress) -> None:
    raise ValueError("taro@example.jp 090-1234-5678")  # a value in a message


def main_file(*, progress) -> str | None:
    """The file of the worker's main module (a page the worker would have run)."""
    return getattr(sys.modules.get("__main__"), "__file__", None)


def pids(values: list[int]) -> list[int]:
    return [os.getpid() for _ in values]


def shared_out(*, progress) -> dict:
    """Per-name work as 名寄せ shares it out at a large load (abm.core.parallel)."""
    from abm.core.parallel import map_split

    return {"me": os.getpid(), "parts": map_split(pids, list(range(8)), workers=2, min_items=1)}


def _wait(job: jobs.Job, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s  # only stops a hang
    while not job.poll():
        if time.monotonic() > deadline:
            pytest.fail("worker hung")
        time.sleep(0.05)


def test_result_comes_back_from_the_worker():
    job = jobs.start("t", "k", quick, 5)
    _wait(job)
    assert job.outcome[0] == "ok"
    assert job.outcome[1]["rows"] == 5
    assert job.outcome[1]["frame"]["a"].tolist() == [0, 1, 2, 3, 4]
    assert job.proc.pid != os.getpid()


def test_the_worker_shares_per_name_work_with_a_forked_child():
    # the worker is daemonic: multiprocessing would refuse it children; map_split forks itself
    job = jobs.start("t", "k", shared_out)
    _wait(job)
    assert job.outcome[0] == "ok", job.outcome
    got = job.outcome[1]
    assert got["parts"][0::2] == [got["me"]] * 4  # every other value in the worker
    assert len(set(got["parts"][1::2])) == 1 and got["me"] not in got["parts"][1::2]


def test_progress_is_visible_and_cancel_stops_the_process():
    job = jobs.start("t", "k", slow_steps, 10)
    deadline = time.monotonic() + 120  # only stops a hang
    while job.progress()[0] is None:
        if time.monotonic() > deadline:
            pytest.fail("no progress reported")
        time.sleep(0.05)
    assert job.progress() == ("match_names", 3, 10)
    assert not job.poll()
    job.cancel()
    assert job.outcome == ("cancelled",)
    assert not job.proc.is_alive()


def test_a_failure_crosses_back_as_its_type_name_only():
    job = jobs.start("t", "k", leaky_failure)
    _wait(job)
    assert job.outcome == ("mori", "jobs.err.failed", {"kind": "ValueError"})
    assert "taro" not in repr(job.outcome)


def test_a_worker_does_not_run_the_page_that_started_it(tmp_path, monkeypatch):
    # Streamlit installs the running page as __main__; multiprocessing re-runs the
    # parent's __main__ in each child. A worker that ran the page opened the
    # administrator's source itself and started a cleaning worker of its own (#17).
    ran = tmp_path / "ran"
    page = tmp_path / "page.py"
    page.write_text(f"from pathlib import Path\nPath({str(ran)!r}).write_text('page')\n")
    script = types.ModuleType("__main__")
    script.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", script)
    job = jobs.start("t", "k", main_file)
    assert sys.modules["__main__"] is script  # the page's own run goes on unchanged
    _wait(job)
    assert job.outcome[0] == "ok", job.outcome
    assert job.outcome[1] != str(page)
    assert not ran.exists()


def test_worker_threshold_from_the_environment(monkeypatch):
    monkeypatch.setenv("MORI_WORKER_MIN_ROWS", "0")
    assert jobs.min_rows() == 0 and jobs.min_bytes() == 0
    monkeypatch.setenv("MORI_WORKER_MIN_ROWS", "x")
    assert jobs.min_rows() == jobs.WORKER_MIN_ROWS


@pytest.mark.parametrize("page", ["pages/3_Funnel.py", "pages/2_Cleaning.py"])
def test_a_page_cleans_in_a_worker_with_the_same_numbers(monkeypatch, demo_session_state, page):
    _parts, dataset = demo_session_state
    inline = open_page(page, dataset, token="inline")
    inline.run()
    assert not inline.exception
    monkeypatch.setenv("MORI_WORKER_MIN_ROWS", "0")
    worker = open_page(page, dataset, token="worker")
    worker.run()
    assert not worker.exception
    assert [m.value for m in worker.metric] == [m.value for m in inline.metric]
    assert worker.sidebar.caption[0].value == inline.sidebar.caption[0].value
    assert state.K_JOBS not in worker.session_state or not worker.session_state[state.K_JOBS]


def test_mori_error_keeps_its_parameters_across_processes():
    import pickle

    from abm.errors import MoriError

    err = pickle.loads(pickle.dumps(MoriError("ingest.err.empty_file", file="a.csv")))
    assert (err.key, dict(err.params)) == ("ingest.err.empty_file", {"file": "a.csv"})


def test_an_upload_is_read_in_a_worker_and_a_bad_file_is_reported(monkeypatch):
    from tests.ui.conftest import new_app

    monkeypatch.setenv("MORI_WORKER_MIN_ROWS", "0")
    head = "会社名,氏名,メールアドレス,作成日\n"
    rows = "".join(
        f"株式会社テスト{i},山田 {i},u{i}@t{i}.example.jp,2026/05/0{1 + i % 9}\n" for i in range(30)
    )
    at = new_app()
    at.run()
    at.file_uploader(key=widget_key("home", "uploads")).set_value(
        [("leads.csv", (head + rows).encode("cp932"), "text/csv"), ("empty.csv", b"", "text/csv")]
    )
    at.run()
    assert not at.exception
    assert at.session_state[state.K_DATASET] is not None
    assert len(at.session_state[state.K_DATASET].leads) == 30
    assert [e[0] for e in at.session_state[state.K_LOAD_ERRORS]] == ["empty.csv"]
    assert any("empty" in e.value for e in at.error)  # the message names the file (escaped)
    assert "30" in at.sidebar.caption[0].value  # the sidebar shows the new data at once


def test_a_big_upload_starts_cleaning_on_any_page_and_the_sidebar_collects_it(monkeypatch):
    from abm.i18n import t
    from tests.ui.conftest import new_app

    monkeypatch.setenv("MORI_WORKER_MIN_ROWS", "0")
    head = "会社名,氏名,メールアドレス,作成日\n"
    rows = "".join(
        f"株式会社さくら工業{i % 7},山田 {i},u{i}@sakura{i % 7}.co.jp,2026/05/01\n"
        for i in range(40)
    )
    at = new_app()
    at.run()
    at.file_uploader(key=widget_key("home", "uploads")).set_value(
        ("leads.csv", (head + rows).encode(), "text/csv")
    )
    at.run()
    assert not at.exception
    done = t("shell.analysed", "ja", kept=40, accounts=7)
    deadline = time.monotonic() + 120  # only stops a hang
    while done not in at.sidebar.caption[0].value:
        if time.monotonic() > deadline:
            pytest.fail(at.sidebar.caption[0].value)
        time.sleep(0.2)
        at.run()
    assert not at.exception
    assert not at.session_state[state.K_JOBS]  # collected
