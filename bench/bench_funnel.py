"""Benchmark: Demand Waterfall recompute (reach matrix + funnel + cohort table).

Builds synthetic canonical leads (stage-date columns, current stage, source,
employees) of 10k / 100k / 1M rows and times, per size, the median of
``--runs`` recomputes of:

* ``reach``   – :func:`abm.funnel.compute_reach` (dates + current stage),
* ``funnel``  – reach + :func:`stage_counts` + :func:`cohort_table`
  (the target: ≤ 1 s median at 1M),
* ``extras``  – velocity, stalled, period view and a breakdown on that reach,
* ``deals``   – the reach with the leads' linked opportunities (one per five leads,
  seven in ten linked to a person; :func:`abm.core.opportunities.person_deals`).

Peak memory is the tracemalloc peak of one funnel recompute.

Usage: ``.venv/bin/python -m bench.bench_funnel [--sizes 10000,100000,1000000] [--runs 3]``
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from abm.funnel import (
    breakdown,
    cohort_table,
    compute_reach,
    get_model,
    period_view,
    stage_counts,
    stage_velocity,
    stalled_leads,
    suggest_stage_map,
)
from bench.common import Figure, emit, median_seconds, traced_peak_mib

AS_OF = pd.Timestamp("2026-06-30")
STAGES = ("inquiry_at", "mql_at", "sal_at", "sql_at", "opportunity_at", "won_at")
STATUS = np.array(
    ["潜在", "顕在化", "アポ獲得", "訪問済", "案件化", "受注", "失注", "対象外"], dtype=object
)


def synthetic_leads(n: int, seed: int = 0) -> pd.DataFrame:
    """Canonical leads with stage dates that progress with decreasing probability."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01")
    created = start + rng.integers(0, 900, n).astype("timedelta64[D]")
    data: dict[str, object] = {
        "lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string"),
        "company": pd.array(
            rng.choice([f"会社{i}" for i in range(max(n // 5, 1))], n), dtype="string"
        ),
        "created_at": created.astype("datetime64[ns]"),
    }
    alive = np.ones(n, dtype=bool)
    when = created.copy()
    level = np.zeros(n, dtype=np.int64)
    for j, (col, p) in enumerate(zip(STAGES, (1.0, 0.2, 0.55, 0.6, 0.8, 0.25), strict=True)):
        alive &= rng.random(n) < p
        when = when + rng.integers(0, 30, n).astype("timedelta64[D]") * (j > 0)
        data[col] = np.where(alive, when, np.datetime64("NaT")).astype("datetime64[ns]")
        level[alive] = j
    data["lost_at"] = np.where(rng.random(n) < 0.05, when, np.datetime64("NaT")).astype(
        "datetime64[ns]"
    )
    data["current_stage"] = pd.array(STATUS[np.minimum(level, 5)], dtype="string")
    data["lead_source"] = pd.array(
        rng.choice(["web", "event", "ads", "partner"], n), dtype="string"
    )
    data["employees"] = pd.array(rng.integers(1, 10000, n), dtype="Int64")
    return pd.DataFrame(data)


def synthetic_opportunities(leads: pd.DataFrame, seed: int = 1) -> pd.DataFrame:
    """One opportunity per five leads, as :func:`abm.pipeline.prepare` leaves them: seven
    in ten linked to a person (``id`` / ``email``), the rest to a company only."""
    rng = np.random.default_rng(seed)
    n = max(len(leads) // 5, 1)
    who = leads["lead_id"].to_numpy(dtype=object)[rng.integers(0, len(leads), n)]
    rule = rng.choice(np.array(["id", "email", "account"], dtype=object), n, p=(0.4, 0.3, 0.3))
    created = np.datetime64("2024-02-01") + rng.integers(0, 900, n).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "opportunity_id": pd.array([f"O{i}" for i in range(n)], dtype="string"),
            "lead_id": pd.array(np.where(rule == "account", None, who), dtype="string"),
            "link_rule": pd.array(rule, dtype="string"),
            "stage": pd.array(rng.choice(["提案", "受注", "失注"], n), dtype="string"),
            "outcome": pd.array(rng.choice(["open", "won", "lost"], n), dtype="string"),
            "created_at": created.astype("datetime64[ns]"),
            "close_date": (created + rng.integers(10, 120, n).astype("timedelta64[D]")).astype(
                "datetime64[ns]"
            ),
        }
    )


def _time(fn, runs: int) -> float:
    return median_seconds(lambda _i: fn(), runs)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = max(args.runs, 3)
    model = get_model("classic")
    figures = []
    print(
        f"{'leads':>9} {'reach s':>9} {'funnel+cohort s':>16} {'extras s':>9} "
        f"{'+deals s':>9} {'peak MiB':>8}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        leads = synthetic_leads(n)
        smap = suggest_stage_map(leads["current_stage"], model)

        def reach(leads=leads, smap=smap):
            return compute_reach(leads, model, as_of=AS_OF, stage_map=smap)

        def funnel(reach=reach):
            r = reach()
            return stage_counts(r), cohort_table(r)

        r = reach()

        def extras(r=r, leads=leads):
            stage_velocity(r)
            stalled_leads(r, {"inquiry": 30, "mql": 7, "sal": 14, "sql": 30, "opportunity": 90})
            period_view(r)
            breakdown(r, leads, "lead_source")

        t_reach = _time(reach, runs)
        t_funnel = _time(funnel, runs)
        t_extras = _time(extras, runs)
        opps = synthetic_opportunities(leads)

        def with_deals(leads=leads, smap=smap, opps=opps):
            return compute_reach(leads, model, as_of=AS_OF, stage_map=smap, opportunities=opps)

        t_deals = _time(with_deals, runs)
        peak = traced_peak_mib(funnel)
        print(
            f"{n:>9,} {t_reach:>9.3f} {t_funnel:>16.3f} {t_extras:>9.3f} {t_deals:>9.3f} "
            f"{peak:>8.1f}"
        )
        figures += [
            Figure(
                "funnel",
                "reach + stage counts + cohorts (recompute)",
                n,
                t_funnel,
                runs,
                peak,
                target="≤ 1 s at 1M",
                met=t_funnel <= 1.0 if n >= 1_000_000 else None,
            ),
            Figure("funnel", "velocity, stalled, periods, breakdown", n, t_extras, runs),
            Figure(
                "funnel", "reach with the leads' linked deals (n/5 opportunities)", n, t_deals, runs
            ),
        ]
    emit(figures)


if __name__ == "__main__":
    main()
