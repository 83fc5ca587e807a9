"""Benchmark: the gap view (lenses, hand-off, quadrant, sources, findings) and the report.

Synthetic canonical leads (from :mod:`bench.bench_funnel`, plus rejection
reasons, owners, budget, campaigns), activities (3 per lead, a third of them
sales calls), opportunities (one per 20 leads) and random fit/engagement
scores. Per size, the median of ``--runs`` runs of:

* ``gap``      – :func:`abm.gap.compute_gap` with precomputed scores over the
  last 12 months (the page's recompute when a filter changes),
* ``findings`` – :func:`abm.gap.generate_findings`,
* ``report``   – :func:`abm.report.meeting_report_html` (size in MB).

Peak memory is the tracemalloc peak of one ``gap`` run.

Usage: ``.venv/bin/python -m bench.bench_gap [--sizes 10000,100000,1000000] [--runs 3]``
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from abm.dataset import Dataset
from abm.gap import compute_gap, generate_findings
from abm.report import meeting_report_html
from bench.bench_funnel import AS_OF, synthetic_leads
from bench.common import Figure, emit, median_seconds, traced_peak_mib

START = AS_OF - pd.Timedelta(days=364)


def synthetic_dataset(n: int, seed: int = 1) -> tuple[Dataset, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    leads = synthetic_leads(n)
    reasons = np.array([None, "予算なし", "時期尚早", "規模が小さい", "競合利用中"], dtype=object)
    leads["rejection_reason"] = pd.array(
        np.where(rng.random(n) < 0.1, rng.choice(reasons[1:], n), None), dtype="string"
    )
    leads["owner"] = pd.array(
        np.where(rng.random(n) < 0.7, rng.choice(["rep1", "rep2", "rep3"], n), None),
        dtype="string",
    )
    leads["budget"] = pd.array(rng.choice(["あり", "なし", "未定", None], n), dtype="string")
    leads["campaign"] = pd.array(rng.choice([f"c{i}" for i in range(40)], n), dtype="string")
    m = 3 * n
    lead_pos = rng.integers(0, n, m)
    acts = pd.DataFrame(
        {
            "lead_id": leads["lead_id"].to_numpy()[lead_pos],
            "timestamp": (
                leads["created_at"].to_numpy()[lead_pos]
                + rng.integers(0, 120, m).astype("timedelta64[D]")
            ),
            "activity_type": pd.array(
                rng.choice(["Page View", "電話", "Email Click", "フォーム"], m), dtype="string"
            ),
        }
    )
    acts["lead_id"] = acts["lead_id"].astype("string")
    k = max(n // 20, 1)
    opp_pos = rng.integers(0, n, k)
    created = leads["created_at"].to_numpy()[opp_pos] + rng.integers(0, 60, k).astype(
        "timedelta64[D]"
    )
    closed = rng.random(k) < 0.5
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array([f"O{i}" for i in range(k)], dtype="string"),
            "lead_id": leads["lead_id"].to_numpy()[opp_pos],
            "amount": pd.array(rng.integers(1, 100, k) * 100_000.0, dtype="Float64"),
            "created_at": created,
            "close_date": created + rng.integers(10, 200, k).astype("timedelta64[D]"),
            "is_closed": pd.array(closed, dtype="boolean"),
            "is_won": pd.array(closed & (rng.random(k) < 0.4), dtype="boolean"),
        }
    )
    opps["lead_id"] = opps["lead_id"].astype("string")
    scores = pd.DataFrame(
        {
            "fit_score": pd.array(rng.normal(40, 20, n), dtype="Float64"),
            "engagement_score": pd.array(rng.exponential(25, n), dtype="Float64"),
        },
        index=leads.index,
    )
    return Dataset(leads=leads, activities=acts, opportunities=opps), scores


def _time(fn, runs: int) -> tuple[float, object]:
    return median_seconds(lambda _i: fn(), runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = max(args.runs, 3)
    figures = []
    print(
        f"{'leads':>9} {'gap s':>8} {'findings s':>11} {'report s':>9} {'report MB':>10} {'peak MiB':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        ds, scores = synthetic_dataset(n)

        def gap(ds=ds, scores=scores):
            return compute_gap(ds, as_of=AS_OF, start=START, end=AS_OF, scores=scores)

        t_gap, result = _time(gap, runs)
        t_find, findings = _time(lambda r=result: generate_findings(r), runs)
        t_rep, doc = _time(
            lambda r=result, f=findings: meeting_report_html(r, lang="ja", findings=f), runs
        )
        peak = traced_peak_mib(gap)
        size = len(doc.encode("utf-8")) / 2**20
        print(f"{n:>9,} {t_gap:>8.3f} {t_find:>11.4f} {t_rep:>9.3f} {size:>10.2f} {peak:>8.0f}")
        figures += [
            Figure(
                "gap", "both lenses, hand-off, quadrant, sources (recompute)", n, t_gap, runs, peak
            ),
            Figure("gap", "findings", n, t_find, runs),
            Figure("gap", "one-page meeting report (HTML)", n, t_rep, runs, note=f"{size:.1f} MiB"),
        ]
    emit(figures)


if __name__ == "__main__":
    main()
