"""Benchmark: lead scoring precompute and rescoring on synthetic data.

Times, at 10k / 100k / 1M leads (about 12 activities per lead):

* ``activity table`` — :func:`abm.engine.table.build_activity_table` (each
  activity's lead, kind and result, on the engine); once per dataset, kept by the app;
* ``precompute``  — :func:`build_features` from that table (titles, industries,
  regions, activity kinds, lead linking); done once per dataset, cached by the page;
* ``half-life``   — :func:`decayed_counts` after the half-life slider moves;
* ``weight``      — :func:`rescore` after a weight slider moves (target:
  ≤ 200 ms median at 1M leads);
* ``prediction rows`` — :func:`learning_set` + :func:`counts_at` (every lead
  at creation + 30 days, activities cut there), redone when the task,
  prediction time or half-life changes;
* ``backtest``    — :func:`rescore_rows` + :func:`backtest` (deciles, cells,
  AUC) on those rows after a weight change.

Each figure is the median of ``--runs`` runs (≥ 3); peak memory is the
tracemalloc peak of one extra run of that step. Usage::

    python -m bench.bench_scoring                 # 10k, 100k, 1M
    python -m bench.bench_scoring --sizes 10000   # quick
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import pandas as pd

from abm.engine.table import build_activity_table
from abm.scoring import (
    ScoringModel,
    backtest,
    build_features,
    counts_at,
    decayed_counts,
    lead_outcomes,
    learning_set,
    rescore,
    rescore_rows,
)
from abm.scoring.synthetic import make_leads_and_activities
from bench.common import Figure, emit, median_seconds, traced_peak_mib

AS_OF = pd.Timestamp("2026-01-01")


def _time(fn: Callable[[int], Any], runs: int) -> tuple[float, float, Any]:
    """Return (median seconds, peak MiB, last result) of ``fn(run_index)``."""
    t, out = median_seconds(fn, runs)
    return t, traced_peak_mib(lambda: fn(runs)), out


def bench(n: int, runs: int) -> list[dict[str, Any]]:
    """Run every step at ``n`` leads and return one row per step."""
    leads, acts = make_leads_and_activities(n, activities_per_lead=12, seed=0)
    base = ScoringModel()
    rows_: list[dict[str, Any]] = []

    # the dataset's activity table, built once per dataset as the app does (on the engine)
    t, mem, table = _time(lambda i: build_activity_table(leads, acts), runs)
    rows_.append(
        {
            "leads": n,
            "activities": len(acts),
            "step": "activity table",
            "median_ms": t * 1e3,
            "peak_mib": mem,
        }
    )
    t, mem, feats = _time(lambda i: build_features(leads, as_of=AS_OF, table=table), runs)
    rows_.append(
        {
            "leads": n,
            "activities": len(acts),
            "step": "precompute",
            "median_ms": t * 1e3,
            "peak_mib": mem,
        }
    )

    half_lives = [14.0, 30.0, 60.0, 90.0, 45.0]
    t, mem, counts = _time(lambda i: decayed_counts(feats, half_lives[i % len(half_lives)]), runs)
    rows_.append(
        {
            "leads": n,
            "activities": len(acts),
            "step": "half-life",
            "median_ms": t * 1e3,
            "peak_mib": mem,
        }
    )

    counts = decayed_counts(feats, base.half_life_days)
    models = [
        base.with_points("seniority", "manager", 12 + i).with_points(
            "activity", "pricing_page", 10 + i
        )
        for i in range(runs + 1)
    ]
    t, mem, _ = _time(lambda i: rescore(feats, models[i], counts), runs)
    rows_.append(
        {
            "leads": n,
            "activities": len(acts),
            "step": "weight",
            "median_ms": t * 1e3,
            "peak_mib": mem,
        }
    )

    def row(step: str, t: float, mem: float) -> dict[str, Any]:
        return {
            "leads": n,
            "activities": len(acts),
            "step": step,
            "median_ms": t * 1e3,
            "peak_mib": mem,
        }

    def rows_at_cut(i: int) -> tuple[Any, Any]:
        out = lead_outcomes(leads, None, as_of=AS_OF)
        rows = learning_set(feats, leads, out, task="converted", prediction_days=30)
        return rows, counts_at(feats, base.half_life_days, rows)

    t, mem, (rows, rcounts) = _time(rows_at_cut, runs)
    rows_.append(row("prediction rows", t, mem))

    def judged(i: int) -> Any:
        return backtest(rescore_rows(feats, models[i], rows.lead, rcounts), rows.y)

    t, mem, _ = _time(judged, runs)
    rows_.append(row("backtest", t, mem))
    return rows_


_STEPS = {
    "activity table": "activity table on the engine (lead, kind, result), once per dataset",
    "precompute": "features from the activity table (titles, industries, linking), once per dataset",
    "half-life": "decayed counts after a half-life change",
    "weight": "rescore after a weight change",
    "prediction rows": "leads at their prediction time, activities cut there",
    "backtest": "back-test at the prediction time after a weight change",
}


def main(argv: list[str] | None = None) -> pd.DataFrame:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    runs = max(3, args.runs)
    rows = [r for n in args.sizes for r in bench(n, runs)]
    table = pd.DataFrame(rows)
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.1f}"))
    emit(
        Figure(
            "scoring",
            _STEPS[r["step"]],
            r["leads"],
            r["median_ms"] / 1e3,
            runs,
            r["peak_mib"],
            target="≤ 200 ms at 1M" if r["step"] == "weight" else "",
            met=r["median_ms"] <= 200 if r["step"] == "weight" and r["leads"] >= 1e6 else None,
        )
        for r in rows
    )
    return table


if __name__ == "__main__":
    main()
