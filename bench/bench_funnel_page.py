"""Benchmark: funnel page rerun time (Streamlit AppTest, no browser).

Loads synthetic canonical leads (see :mod:`bench.bench_funnel`) into an
AppTest session and times, per size, the median of ``--runs`` page reruns of
three kinds: a plain rerun (memo hit), a model switch (reach recomputed) and
a segment filter change. Target: ≤ 1 s at 100k leads. Peak memory is the
tracemalloc peak of one model-switch rerun (the script runs in-process).

Usage: ``.venv/bin/python -m bench.bench_funnel_page [--sizes 10000,100000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from streamlit.testing.v1 import AppTest

from abm.dataset import Dataset
from bench.bench_funnel import AS_OF, synthetic_leads

ROOT = Path(__file__).resolve().parents[1]


def _session(n: int) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["mori.lang"] = "ja"
    at.run()
    at.session_state["mori.dataset"] = Dataset(leads=synthetic_leads(n))
    at.session_state["mori.dataset_token"] = f"bench-{n}"
    at.session_state["mori.memo"] = {}
    at.session_state["mori.as_of"] = AS_OF
    at.switch_page("pages/3_Funnel.py")
    at.run()
    if at.exception:
        raise RuntimeError("funnel page raised during the benchmark")
    return at


def _timed(action) -> float:
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(
        f"{'leads':>9} {'first s':>8} {'rerun s':>8} {'model switch s':>15} {'filter s':>9} {'peak MB':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        at = _session(n)
        first = time.perf_counter() - t0
        rerun = statistics.median(_timed(at.run) for _ in range(args.runs))
        models = ["the_model", "sd2012", "the_model_sal_after_sql", "classic"]
        switch = statistics.median(
            _timed(lambda m=m, at=at: at.segmented_control(key="funnel.model").set_value(m).run())
            for m in models[: max(args.runs, 3)]
        )
        sources = [["web"], ["event"], ["ads"], []]
        filt = statistics.median(
            _timed(
                lambda v=v, at=at: (
                    at.multiselect(key="funnel.filter.lead_source").set_value(v).run()
                )
            )
            for v in sources[: max(args.runs, 3)]
        )
        tracemalloc.start()
        at.segmented_control(key="funnel.model").set_value("the_model").run()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        if at.exception:
            raise RuntimeError("funnel page raised during the benchmark")
        print(f"{n:>9,} {first:>8.2f} {rerun:>8.3f} {switch:>15.3f} {filt:>9.3f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
