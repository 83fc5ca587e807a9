"""Per-name work shared out to forked processes (abm.core.parallel): same result, in order.

The forking path runs in a fresh interpreter (a subprocess): a pytest worker has threads of
its own, and :func:`abm.core.parallel.can_fork` refuses to fork a process with threads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from abm.core import parallel

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, *, stderr: list[str] | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    if stderr is not None:
        stderr.append(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_parts_run_in_a_forked_child_and_come_back_in_order():
    out = _run(
        "import json, os\n"
        "from abm.core.parallel import map_split, can_fork\n"
        "from tests.unit.test_core_parallel import tag\n"
        "got = map_split(tag, list(range(10)), workers=2, min_items=1)\n"
        "print(json.dumps({'fork': can_fork(), 'got': got, 'me': os.getpid()}))\n"
    )
    assert out["fork"] is True  # a fresh interpreter on Linux, no other thread
    assert [v for v, _ in out["got"]] == list(range(10))
    pids = [p for _, p in out["got"]]
    # two parts, every other value: the first here, the second in a forked child
    assert set(pids[0::2]) == {out["me"]}
    assert len(set(pids[1::2])) == 1 and out["me"] not in pids[1::2]


def test_no_more_parts_than_the_cpus_this_process_may_use():
    out = _run(
        "import json, os\n"
        "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
        "from abm.core.parallel import map_split\n"
        "from tests.unit.test_core_parallel import tag\n"
        "got = map_split(tag, list(range(6)), workers=4, min_items=1)\n"
        "print(json.dumps({'got': got, 'me': os.getpid()}))\n"
    )
    assert out["got"] == [[v, out["me"]] for v in range(6)]  # one CPU: one piece, here


def test_a_child_that_cannot_start_leaves_its_part_to_this_process():
    out = _run(
        "import json, os\n"
        "def no_fork():\n"
        "    raise OSError('no memory for a child')\n"
        "os.fork = no_fork\n"
        "from abm.core.parallel import map_split\n"
        "from tests.unit.test_core_parallel import tag\n"
        "got = map_split(tag, list(range(6)), workers=2, min_items=1)\n"
        "print(json.dumps({'got': got, 'me': os.getpid(), 'fds': len(os.listdir('/proc/self/fd'))}))\n"
    )
    assert out["got"] == [[v, out["me"]] for v in range(6)]


def test_a_killed_worker_leaves_no_child_behind(tmp_path):
    # a cancelled cleaning job is killed with a signal: its forked child must not run on
    marker = tmp_path / "child.pid"
    code = (
        "import os, sys, time\n"
        "from abm.core.parallel import map_split\n"
        "from tests.unit.test_core_parallel import slow\n"
        f"map_split(slow, [{str(marker)!r}] * 4, workers=2, min_items=1)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120  # only stops a hang
        while not marker.exists() or not marker.read_text():
            assert proc.poll() is None, "the worker ended before its child started"
            if time.monotonic() > deadline:
                pytest.fail("no child started")
            time.sleep(0.05)
        child = int(marker.read_text())
        proc.kill()
        proc.wait()
        while _alive(child):
            if time.monotonic() > deadline:
                pytest.fail("the child outlived its worker")
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def slow(paths: list[str]) -> list[None]:
    """The child writes its pid where the test looks, then works far longer than any test waits."""
    if os.getpid() != PARENT:
        Path(paths[0]).write_text(str(os.getpid()))
    time.sleep(600)
    return [None for _ in paths]


def test_a_daemonic_worker_shares_out_too():
    # the app cleans in a daemonic process, which multiprocessing forbids to have children
    out = _run(
        "import json, multiprocessing as mp\n"
        "from tests.unit.test_core_parallel import in_daemon\n"
        "if __name__ == '__main__':\n"
        "    q = mp.get_context('fork').Queue()\n"
        "    p = mp.get_context('fork').Process(target=in_daemon, args=(q,), daemon=True)\n"
        "    p.start(); got = q.get(timeout=120); p.join()\n"
        "    print(json.dumps(got))\n"
    )
    assert out["daemon"] is True
    assert [v for v, _ in out["got"]] == list(range(8))
    assert len({p for _, p in out["got"]}) == 2


def in_daemon(q) -> None:
    import multiprocessing as mp

    from abm.core.parallel import map_split

    q.put(
        {
            "daemon": mp.current_process().daemon,
            "got": map_split(tag, list(range(8)), workers=2, min_items=1),
        }
    )


def test_a_part_whose_child_fails_is_computed_here():
    err: list[str] = []
    out = _run(
        "import json, os\n"
        "from abm.core.parallel import map_split\n"
        "from tests.unit.test_core_parallel import tag_here_only\n"
        "got = map_split(tag_here_only, list(range(9)), workers=2, min_items=1)\n"
        "print(json.dumps({'got': got, 'me': os.getpid()}))\n",
        stderr=err,
    )
    assert out["got"] == [[v, out["me"]] for v in range(9)]
    assert "Traceback" not in err[0] and "failure" not in err[0]  # nothing of it is shown


def tag_here_only(values: list[int]) -> list[tuple[int, int]]:
    import os

    if os.getpid() != PARENT:  # a child fails (as one killed or out of memory would)
        raise RuntimeError("a child's failure, not shown")
    return tag(values)


PARENT = os.getpid()


def tag(values: list[int]) -> list[tuple[int, int]]:
    import os

    return [(v, os.getpid()) for v in values]


def test_below_the_threshold_or_one_worker_it_runs_here():
    assert parallel.map_split(tag, [1, 2, 3], workers=2) == tag([1, 2, 3])
    assert parallel.map_split(tag, list(range(5)), workers=1, min_items=1) == tag(list(range(5)))
    assert parallel.map_split(tag, [], workers=2, min_items=0) == []


def test_a_process_with_another_thread_never_forks():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not parallel.can_fork()
        assert parallel.map_split(tag, list(range(6)), workers=2, min_items=1) == tag(
            list(range(6))
        )
    finally:
        stop.set()
        other.join()


def test_names_read_in_two_processes_equal_one():
    # the per-name steps of 名寄せ: normalisation (analyse_names) and readings (name_keys)
    out = _run(
        "import json\n"
        "import pandas as pd\n"
        "from abm.core import parallel\n"
        "from abm.resolve.keys import build_keys\n"
        "from tests.support.namegen import generate\n"
        "g = generate(6000, seed=5)\n"
        "leads = g[0] if isinstance(g, tuple) else g\n"
        "parallel.MIN_ITEMS = 10\n"
        "one = build_keys(leads, workers=1)\n"
        "two = build_keys(leads, workers=2)\n"
        "same = bool((one[0] == two[0]).all()) and one[1].equals(two[1]) and one[2].equals(two[2])\n"
        "print(json.dumps({'same': same, 'keys': len(one[1]), 'fork': parallel.can_fork()}))\n"
    )
    assert out["fork"] is True  # the two-process path really ran
    assert out["keys"] > 1000  # enough names that each part holds many
    assert out["same"]


def test_typing_slips_checked_in_two_processes_equal_one():
    # the candidate pairs' slip check of 名寄せ (abm.resolve.fuzzy.pair_text)
    out = _run(
        "import json\n"
        "from abm.core.parallel import map_split, can_fork\n"
        "from abm.resolve.fuzzy import _slips\n"
        "names = ['クオルテック', 'ｸｵﾙｯｸ', '巴コーポレーション', '巴コーポーレション', 'ハリマ化成',\n"
        "         'ハマリ化成', '野村ホールディングス', '村田ホールディングス', '八洲電機', '八洲電気']\n"
        "pairs = [(a, b) for a in names for b in names if a < b]\n"
        "split = map_split(_slips, pairs, workers=2, min_items=1)\n"
        "print(json.dumps({'fork': can_fork(), 'same': split == _slips(pairs), 'n': len(pairs),\n"
        "                  'slips': sum(ok for ok, _ in split)}))\n"
    )
    assert out["fork"] is True and out["n"] == 45
    assert out["same"] and out["slips"] >= 3  # both halves said the same of every pair
