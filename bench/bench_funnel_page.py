"""Benchmark: funnel page rerun time (Streamlit AppTest, no browser).

Loads synthetic canonical leads (see :mod:`bench.bench_funnel`) into an
AppTest session and times, per size, the first load (cleaning ledger,
名寄せ, reach) and the median of ``--runs`` page reruns of three kinds: a
plain rerun (memo hit), a model switch (reach recomputed) and a segment
filter change. Target: rerun ≤ 1 s at 100k leads. Peak memory is the
tracemalloc peak of one model-switch rerun (the script runs in-process).

Usage: ``.venv/bin/python -m bench.bench_funnel_page [--sizes 10000,100000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import time

from abm.dataset import Dataset
from abm.ui.state import widget_key
from bench.bench_funnel import AS_OF, synthetic_leads
from bench.common import emit, median_run, page_figures, timed, traced_peak_mib
from tests.support.apptest import app_session


def _session(n: int):
    ds = Dataset(leads=synthetic_leads(n))
    return app_session("pages/3_Funnel.py", ds, token=f"bench-{n}", as_of=AS_OF)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = max(args.runs, 3)
    figures = []
    print(
        f"{'leads':>9} {'first s':>8} {'rerun s':>8} {'model switch s':>15} {'filter s':>9} {'peak MiB':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        at = _session(n)
        first = time.perf_counter() - t0
        rerun = statistics.median(timed(at.run) for _ in range(runs))
        models = ["the_model", "sd2012", "the_model_sal_after_sql", "classic"]
        switch = median_run(
            at,
            [
                lambda a, m=m: a.segmented_control(key=widget_key("funnel", "model")).set_value(m)
                for m in models[:runs]
            ],
        )
        sources = [["web"], ["event"], ["ads"], []]
        filt = median_run(
            at,
            [
                lambda a, v=v: a.multiselect(
                    key=widget_key("funnel", "filter.lead_source")
                ).set_value(v)
                for v in sources[:runs]
            ],
        )
        peak = traced_peak_mib(
            lambda at=at: (
                at.segmented_control(key=widget_key("funnel", "model")).set_value("the_model").run()
            )
        )
        if at.exception:
            raise RuntimeError("funnel page raised during the benchmark")
        print(f"{n:>9,} {first:>8.2f} {rerun:>8.3f} {switch:>15.3f} {filt:>9.3f} {peak:>8.1f}")
        reruns = {"rerun": rerun, "model switch": switch, "filter": filt}
        figures += page_figures(
            "funnel page", "first load (cleaning + 名寄せ + reach)", n, first, reruns, runs, peak,
            target="rerun ≤ 1 s at 100k",
        )  # fmt: skip
    emit(figures)


if __name__ == "__main__":
    main()
