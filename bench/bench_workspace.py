"""Persistent workspaces (#18): reopening a stored workspace, and comparing two snapshots.

Two monthly exports of one generated world (:mod:`tests.support.months`: a
HubSpot contacts export, a Japanese Salesforce report and an activity log)
are read and cleaned as the app does, then stored as two snapshots of one
workspace in a temporary store file. Timed, median of ``--runs``:

* **store a snapshot** — what follows an upload once it is cleaned;
* **reopen the workspace** — what a fresh session does: the settings, the
  list of snapshots, the latest snapshot's data as loaded and as cleaned with
  its ledger (nothing recomputed); target ≤ 2 s at 100k leads;
* **compare two snapshots** — what opening "since last meeting" does: the
  shown snapshot is in memory, the other is read from the store (cleaned data
  only), then :func:`abm.history.compare` (funnel, MQLs, deals, SLA, tiers);
  target ≤ 2 s at 100k leads. The comparison alone is reported beside it.

Usage: ``python -m bench.bench_workspace [--leads 100000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import Figure, emit, traced_peak_mib

DAYS = ("2026-04-30", "2026-05-31")
AT = pd.Timestamp("2026-06-01 09:00")
TARGET = "≤ 2 s at 100k"


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def build(n_leads: int, folder: Path):
    """The store with two snapshots of ``n_leads`` people; also the seconds each save took."""
    from abm.ingest import read_uploads
    from abm.pipeline import prepare
    from abm.settings import Workspace
    from abm.workspace.snapshot import Snapshot
    from abm.workspace.store import WorkspaceStore
    from tests.support.months import build_world, export_day

    world = build_world(n_leads, seed=11)
    store = WorkspaceStore(folder / "mori-store.duckdb")
    store.create("wbench", "bench", by="bench", at=AT)
    saves = []
    for i, day in enumerate(DAYS):
        read = read_uploads(export_day(world, day))
        snap = Snapshot(read.dataset, prepare(read.dataset), tuple(read.parts), Workspace(),
                        day, read.dataset.as_of_default().date)  # fmt: skip
        t0 = time.perf_counter()
        store.save_snapshot("wbench", f"s{i}", snap, by="bench", at=AT + pd.Timedelta(days=i))
        saves.append(time.perf_counter() - t0)
    return store, saves


def figures(n_leads: int, runs: int) -> list[Figure]:
    """Save, reopen and compare at ``n_leads`` leads."""
    from abm.history import Side, compare

    with tempfile.TemporaryDirectory(dir=os.environ.get("MORI_BENCH_TMP")) as tmp:
        store, saves = build(n_leads, Path(tmp))
        size = store.file.stat().st_size / 2**20
        infos = {s.snapshot_id: s for s in store.snapshots("wbench")}

        def reopen():
            store.settings("wbench")
            latest = store.snapshots("wbench")[0]
            return store.load_snapshot("wbench", latest.snapshot_id)

        shown = reopen()
        after = Side(shown.prepared.dataset, infos["s1"].as_of, activity_table=shown.activity_table)

        def before() -> Side:
            dataset, _, table = store.load_cleaned("wbench", "s0")
            return Side(dataset, infos["s0"].as_of, activity_table=table)

        first = before()
        t_reopen = _median(reopen, runs)
        t_compare = _median(lambda: compare(before(), after), runs)
        t_alone = _median(lambda: compare(first, after), runs)
        peak = traced_peak_mib(lambda: compare(before(), after))
        n = len(shown.loaded.leads)
    note = f"{n:,} leads in the latest, file {size:.0f} MiB"
    return [
        Figure("workspace", "store a snapshot (after cleaning)", n_leads,
               statistics.median(saves), len(saves), note=note),
        Figure("workspace", "reopen a stored workspace", n_leads, t_reopen, runs, target=TARGET,
               met=t_reopen <= 2 if n_leads == 100_000 else None, note=note),
        Figure("workspace", "compare two snapshots (one read from the store)", n_leads,
               t_compare, runs, peak, target=TARGET,
               met=t_compare <= 2 if n_leads == 100_000 else None),
        Figure("workspace", "compare two snapshots (both in memory)", n_leads, t_alone, runs),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, nargs="+", default=[100_000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    out: list[Figure] = []
    for n in args.leads:
        out += figures(n, args.runs)
    print("| step | leads | seconds | runs | peak | target | met | note |")
    print("|---|---|---|---|---|---|---|---|")
    for f in out:
        peak = f"{f.peak_mib:.0f} MiB" if f.peak_mib else ""
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        print(f"| {f.step} | {f.leads:,} | {f.seconds:.2f} | {f.runs} | {peak} | {f.target} "
              f"| {met} | {f.note} |")  # fmt: skip
    emit(out)


if __name__ == "__main__":
    main()
