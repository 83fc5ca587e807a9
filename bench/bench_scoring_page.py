"""Benchmark: scoring page rerun time (Streamlit AppTest, no browser).

Loads synthetic leads and activities (:mod:`abm.scoring.synthetic`, about 12
activities per lead) into an AppTest session and times, per size, the median
of ``--runs`` page reruns of three kinds: a plain rerun (memo hit), a weight
slider move (rescore, back-tests, "what changed") and a half-life move
(decayed counts and snapshots recomputed). Target: ≤ 1 s at 100k leads. Peak
memory is the tracemalloc peak of one weight-slider rerun.

Usage: ``.venv/bin/python -m bench.bench_scoring_page [--sizes 10000,100000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from abm.dataset import Dataset
from abm.scoring.synthetic import make_leads_and_activities

ROOT = Path(__file__).resolve().parents[1]
AS_OF = pd.Timestamp("2026-01-01")
SLIDER = "scoring.w.seniority.staff"


def _session(n: int) -> AppTest:
    leads, acts = make_leads_and_activities(n, seed=0)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["mori.lang"] = "ja"
    at.run()
    at.session_state["mori.dataset"] = Dataset(leads=leads, activities=acts)
    at.session_state["mori.dataset_token"] = f"bench-{n}"
    at.session_state["mori.memo"] = {}
    at.session_state["mori.as_of"] = AS_OF
    at.switch_page("pages/5_Scoring.py")
    at.run()
    if at.exception:
        raise RuntimeError("scoring page raised during the benchmark")
    return at


def _timed(action: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def main() -> None:
    """Print one row per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = max(args.runs, 3)
    print(
        f"{'leads':>9} {'first s':>8} {'rerun s':>8} {'weight s':>9} {'half-life s':>12} {'peak MB':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        at = _session(n)
        first = time.perf_counter() - t0
        rerun = statistics.median(_timed(at.run) for _ in range(runs))

        weight = statistics.median(
            _timed(lambda v=v, at=at: at.slider(key=SLIDER).set_value(float(v)).run())
            for v in range(3, 3 + runs)
        )
        half = statistics.median(
            _timed(
                lambda v=v, at=at: at.slider(key="scoring.w.half_life").set_value(float(v)).run()
            )
            for v in (14, 45, 60, 90, 120)[:runs]
        )
        tracemalloc.start()
        at.slider(key=SLIDER).set_value(20.0).run()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        if at.exception:
            raise RuntimeError("scoring page raised during the benchmark")
        print(f"{n:>9,} {first:>8.2f} {rerun:>8.3f} {weight:>9.3f} {half:>12.3f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
