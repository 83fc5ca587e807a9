"""Per-name work shared out to forked processes (abm.core.parallel): same result, in order.

The forking path runs in a fresh interpreter (a subprocess): a pytest worker has threads of
its own, and :func:`abm.core.parallel.can_fork` refuses to fork a process with threads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from abm.core import parallel

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_parts_run_in_other_processes_and_come_back_in_order():
    out = _run(
        "import json, os\n"
        "from abm.core.parallel import map_split, can_fork\n"
        "from tests.unit.test_core_parallel import tag\n"
        "got = map_split(tag, list(range(10)), workers=3, min_items=1)\n"
        "print(json.dumps({'fork': can_fork(), 'got': got, 'me': os.getpid()}))\n"
    )
    assert out["fork"] is True  # a fresh interpreter on Linux, no other thread
    assert [v for v, _ in out["got"]] == list(range(10))
    pids = [p for _, p in out["got"]]
    # three parts, every third value: the first here, the others in forked children
    # (a child that finished its part may take the next one)
    assert set(pids[0::3]) == {out["me"]}
    assert out["me"] not in pids[1::3] + pids[2::3]
    assert len(set(pids[1::3])) == 1 and len(set(pids[2::3])) == 1


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
    out = _run(
        "import json, os\n"
        "from abm.core.parallel import map_split\n"
        "from tests.unit.test_core_parallel import tag_here_only\n"
        "got = map_split(tag_here_only, list(range(9)), workers=3, min_items=1)\n"
        "print(json.dumps({'got': got, 'me': os.getpid()}))\n"
    )
    assert out["got"] == [[v, out["me"]] for v in range(9)]


def tag_here_only(values: list[int]) -> list[tuple[int, int]]:
    import os

    if os.getpid() != PARENT:  # a child fails (as one killed or out of memory would)
        raise RuntimeError("a child's failure, not shown")
    return tag(values)


PARENT = __import__("os").getpid()


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
