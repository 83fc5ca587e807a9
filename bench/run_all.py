"""Run every benchmark in ``bench/`` and print one table of their figures.

Usage: ``python -m bench.run_all [--quick] [--only name,name]``. Each
benchmark runs in its own process (so its peak memory is its own), prints
its detailed table, and hands its headline figures back through
:data:`bench.common.ENV`; the figures are then printed as one table (a row
per step, a column per size: median of ≥ 3 runs · peak memory, target, met).
Everything is also written to ``bench/out/latest.md`` for the README's
performance section, and the figures to ``bench/out/figures.jsonl``: with
``--only``, the other benchmarks' figures are kept from the last run, so the
table stays whole. ``--quick`` uses small sizes for a smoke run.

Not part of ``make test``: benchmarks are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench.common import ENV, Figure, read, table

OUT = Path(__file__).resolve().parent / "out"
SIZES = "10000,100000,1000000"
#: Methods of the real-name 名寄せ benchmark in the full run (Splink when installed: add it).
REALNAMES = "plain_norm,naive_fuzzy,mori,mori_registry"

#: (module, full-size arguments, quick arguments)
BENCHES: tuple[tuple[str, list[str], list[str]], ...] = (
    ("bench.bench_ingest", ["--sizes", SIZES], ["--sizes", "10000"]),
    ("bench.bench_xlsx", [], ["--sizes", "10000", "--runs", "1"]),
    ("bench.bench_linking", [], ["--leads", "10000", "--activities", "100000", "--runs", "1"]),
    ("bench.bench_resolve", ["--sizes", SIZES], ["--sizes", "10000", "--methods", "mori"]),
    (
        "bench.bench_realnames",
        ["--runs", "3", "--methods", REALNAMES],
        ["--runs", "1", "--methods", "mori"],
    ),
    (
        "bench.bench_registry",
        ["--sizes", "100000,1000000", "--leads", "100000"],
        ["--sizes", "20000", "--leads", "2000", "--runs", "1"],
    ),
    ("bench.bench_funnel", ["--sizes", SIZES], ["--sizes", "10000"]),
    ("bench.bench_funnel_page", ["--sizes", SIZES], ["--sizes", "10000"]),
    ("bench.bench_scoring", ["--sizes", *SIZES.split(",")], ["--sizes", "10000", "--runs", "3"]),
    ("bench.bench_scoring_page", ["--sizes", SIZES], ["--sizes", "10000"]),
    (
        "bench.bench_scoring_quality",
        ["--leads", "20000", "--seeds", "1,2,3"],
        ["--leads", "5000", "--seeds", "1", "--boot", "100"],
    ),
    ("bench.bench_accounts", ["--sizes", SIZES], ["--sizes", "10000"]),
    ("bench.bench_gap", ["--sizes", SIZES], ["--sizes", "10000"]),
    ("bench.bench_gap_page", ["--sizes", SIZES], ["--sizes", "10000"]),
    ("bench.bench_engine", [], ["--quick", "--skip-spark"]),
    ("bench.bench_source", ["--sizes", "100000,1000000"], ["--sizes", "20000", "--skip-steps"]),
    ("bench.bench_source_journey", ["--leads", "1000000"], ["--leads", "20000"]),
    ("bench.bench_ahead", ["--leads", "1000000"], ["--leads", "20000", "--margin", "5"]),
    ("bench.bench_workspace", [], ["--leads", "5000"]),
    ("bench.load", [], ["--sessions", "4", "--rounds", "2", "--moves", "3"]),
    ("bench.bench_hostile", [], ["--runs", "1"]),
    ("bench.bench_busy_server", [], ["--rows", "20000", "--runs", "1"]),
)


def machine() -> str:
    """One line describing the machine the figures come from."""
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = " (" + line.split(":", 1)[1].strip() + ")"
                break
    except OSError:
        pass
    return (
        f"{platform.machine()}{cpu}, {os.cpu_count()} cores{mem}, "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, print the one table, write ``bench/out/latest.md``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    ap.add_argument("--only", default="", help="comma-separated module names")
    args = ap.parse_args(argv)
    only = {m for m in args.only.split(",") if m}
    details: list[str] = []
    figures: list[tuple[str, Figure]] = []
    failed = []
    ran: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for module, full, quick in BENCHES:
            if only and module not in only and module.split(".")[-1] not in only:
                continue
            sink = str(Path(tmp) / f"{module}.jsonl")
            cmd = [sys.executable, "-m", module, *(quick if args.quick else full)]
            print(f"## {module}", flush=True)
            started = time.perf_counter()
            proc = subprocess.run(
                cmd, capture_output=True, text=True, check=False, env={**os.environ, ENV: sink}
            )
            took = time.perf_counter() - started
            body = proc.stdout.rstrip() if proc.returncode == 0 else f"FAILED ({proc.returncode})"
            if proc.returncode != 0:
                failed.append(module)
            print(body, f"\n({took:.0f} s)\n", flush=True)
            details += [f"### {module} ({took:.0f} s)", "", "```", body, "```", ""]
            figures += [(module, f) for f in read(sink)]
            ran.add(module)
    store = OUT / "figures.jsonl"
    if only and not args.quick and store.exists():  # keep the others' last figures
        kept = []
        for line in store.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            module = row.pop("module")
            if module not in ran:
                kept.append((module, Figure(**row)))
        figures = kept + figures
        order = [m for m, _, _ in BENCHES]
        figures.sort(key=lambda mf: order.index(mf[0]) if mf[0] in order else len(order))
    one = table(f for _, f in figures)
    head = [
        f"Machine: {machine()}",
        f"Date: {time.strftime('%Y-%m-%d')}" + (" (--quick)" if args.quick else ""),
        "",
        "Each cell: median of ≥ 3 runs (load rows: the p95 of every rerun, or the slowest",
        "session) · peak memory (traced allocations of the step, or RSS = peak resident",
        "memory of the process), ✓/✗ where the target applies.",
        "",
        one,
        "",
    ]
    if failed:
        head += [f"FAILED: {', '.join(failed)}", ""]
    print("\n".join(head))
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.md").write_text("\n".join([*head, "## Details", "", *details]), encoding="utf-8")
    if not args.quick:
        store.write_text(
            "".join(
                json.dumps({"module": m, **asdict(f)}, ensure_ascii=False) + "\n"
                for m, f in figures
            ),
            encoding="utf-8",
        )
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
