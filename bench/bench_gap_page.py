"""Benchmark: marketing-vs-sales page rerun time (Streamlit AppTest, no browser).

Loads the gap bench's synthetic dataset (:mod:`bench.bench_gap`: leads with
stage dates, sources, owners and budgets, activities, opportunities) into an
AppTest session and times, per size, the first load (cleaning ledger, lead
scores, both lenses) and the median of ``--runs`` reruns of three kinds: a
plain rerun (memo hit), the quadrant list switched between people and
companies, and an SLA change (the hand-off and findings recomputed). No
target is stated for this page; the funnel and scoring pages' ≤ 1 s at 100k
is the bar. Peak memory is the tracemalloc peak of one SLA rerun.

Usage: ``.venv/bin/python -m bench.bench_gap_page [--sizes 10000,100000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time

from abm.ui.state import widget_key
from bench.bench_gap import AS_OF, synthetic_dataset
from bench.common import emit, median_run, page_figures, timed, traced_peak_mib
from tests.support.apptest import app_session


def main() -> None:
    """Print one row per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = max(args.runs, 3)
    figures = []
    print(f"{'leads':>9} {'first s':>8} {'rerun s':>8} {'view s':>8} {'sla s':>8} {'peak MiB':>8}")
    for n in (int(s) for s in args.sizes.split(",")):
        ds, _ = synthetic_dataset(n)
        t0 = time.perf_counter()
        at = app_session("pages/4_Gap.py", ds, token=f"bench-{n}", as_of=AS_OF)
        first = time.perf_counter() - t0
        rerun = statistics.median(timed(at.run) for _ in range(runs))
        views = (["accounts", "leads"] * runs)[:runs]
        view = median_run(
            at,
            [
                lambda a, v=v: a.segmented_control(key=widget_key("gap", "q_view")).set_value(v)
                for v in views
            ],
        )
        sla = median_run(
            at,
            [
                lambda a, d=d: a.number_input(key=widget_key("gap", "sla")).set_value(d)
                for d in (3, 5, 10, 14, 21)[:runs]
            ],
        )
        peak = traced_peak_mib(
            lambda at=at: at.number_input(key=widget_key("gap", "sla")).set_value(7).run()
        )
        if at.exception:
            raise RuntimeError("gap page raised during the benchmark")
        print(f"{n:>9,} {first:>8.2f} {rerun:>8.3f} {view:>8.3f} {sla:>8.3f} {peak:>8.1f}")
        reruns = {"rerun": rerun, "quadrant view": view, "SLA change": sla}
        figures += page_figures(
            "gap page", "first load (cleaning + scores + both lenses)", n, first, reruns, runs, peak
        )
    emit(figures)


if __name__ == "__main__":
    main()
