"""Benchmark: scoring page rerun time (Streamlit AppTest, no browser).

Loads synthetic leads and activities (:mod:`abm.scoring.synthetic`, about 12
activities per lead) into an AppTest session and times, per size, the first
load and the median of ``--runs`` page reruns of three kinds: a plain rerun
(memo hit), a weight slider move on the fit tab (rescore, back-tests, "what
changed") and a half-life move on the rules tab (decayed counts and
snapshots recomputed). Target: ≤ 1 s at 100k leads. Peak memory is the
tracemalloc peak of one weight-slider rerun.

Usage: ``.venv/bin/python -m bench.bench_scoring_page [--sizes 10000,100000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd

from abm.dataset import Dataset
from abm.i18n import t
from abm.scoring.synthetic import make_leads_and_activities
from abm.ui.state import K_SCORING_TABS, widget_key
from bench.common import emit, median_run, page_figures, timed, traced_peak_mib
from tests.support.apptest import app_session

AS_OF = pd.Timestamp("2026-01-01")
SLIDER = widget_key("scoring", "w.seniority.staff")  # fit tab, open by default


def _session(n: int):
    leads, acts = make_leads_and_activities(n, seed=0)
    ds = Dataset(leads=leads, activities=acts)
    return app_session("pages/5_Scoring.py", ds, token=f"bench-{n}", as_of=AS_OF)


def main() -> None:
    """Print one row per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = max(args.runs, 3)
    figures = []
    print(
        f"{'leads':>9} {'first s':>8} {'rerun s':>8} {'weight s':>9} {'half-life s':>12} {'peak MiB':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        at = _session(n)
        first = time.perf_counter() - t0
        rerun = statistics.median(timed(at.run) for _ in range(runs))
        weight = median_run(
            at,
            [lambda a, v=v: a.slider(key=SLIDER).set_value(float(v)) for v in range(3, 3 + runs)],
        )
        peak = traced_peak_mib(lambda at=at: at.slider(key=SLIDER).set_value(20.0).run())
        at.session_state[K_SCORING_TABS] = t("scoring.tab.rules", "ja")  # tabs run lazily
        at.run()
        half = median_run(
            at,
            [
                lambda a, v=v: a.slider(key=widget_key("scoring", "w.half_life")).set_value(
                    float(v)
                )
                for v in (14, 45, 60, 90, 120)[:runs]
            ],
        )
        if at.exception:
            raise RuntimeError("scoring page raised during the benchmark")
        print(f"{n:>9,} {first:>8.2f} {rerun:>8.3f} {weight:>9.3f} {half:>12.3f} {peak:>8.1f}")
        reruns = {"rerun": rerun, "weight slider": weight, "half-life slider": half}
        figures += page_figures(
            "scoring page", "first load (cleaning + features)", n, first, reruns, runs, peak,
            target="≤ 1 s at 100k",
        )  # fmt: skip
    emit(figures)


if __name__ == "__main__":
    main()
