"""Run every benchmark in ``bench/`` one after another and collect the tables.

Usage: ``python -m bench.run_all [--quick]``. Each benchmark runs in its own
process (so peak memory is its own) and prints its table; the combined
output is also written to ``bench/out/latest.md`` for the README's
performance section. ``--quick`` uses small sizes for a smoke run.

Not part of ``make test``: benchmarks are measured, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

#: (module, full-size arguments, quick arguments)
BENCHES: tuple[tuple[str, list[str], list[str]], ...] = (
    (
        "bench.bench_ingest",
        ["--sizes", "10000,100000,1000000"],
        ["--sizes", "10000", "--runs", "1"],
    ),
    (
        "bench.bench_resolve",
        ["--sizes", "10000,100000,1000000"],
        ["--sizes", "10000", "--runs", "1"],
    ),
    (
        "bench.bench_funnel",
        ["--sizes", "10000,100000,1000000"],
        ["--sizes", "10000", "--runs", "1"],
    ),
    ("bench.bench_funnel_page", ["--sizes", "10000,100000"], ["--sizes", "10000", "--runs", "1"]),
    (
        "bench.bench_scoring",
        ["--sizes", "10000", "100000", "1000000"],
        ["--sizes", "10000", "--runs", "1"],
    ),
    ("bench.bench_scoring_page", ["--sizes", "10000,100000"], ["--sizes", "10000", "--runs", "1"]),
    ("bench.bench_accounts", [], ["--leads", "20000", "--accounts", "4000", "--runs", "1"]),
    ("bench.bench_gap", ["--sizes", "10000,100000,1000000"], ["--sizes", "10000", "--runs", "1"]),
)


def machine() -> str:
    """One line describing the machine the figures come from."""
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks and print/write their tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, one run")
    ap.add_argument("--only", default="", help="comma-separated module names")
    args = ap.parse_args(argv)
    only = {m for m in args.only.split(",") if m}
    lines = [f"Machine: {machine()}", f"Date: {time.strftime('%Y-%m-%d')}", ""]
    for module, full, quick in BENCHES:
        if only and module not in only and module.split(".")[-1] not in only:
            continue
        cmd = [sys.executable, "-m", module, *(quick if args.quick else full)]
        print(f"## {module}", flush=True)
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
        body = proc.stdout.rstrip() if proc.returncode == 0 else f"FAILED ({proc.returncode})"
        print(body, f"\n({took:.0f} s)\n", flush=True)
        lines += [f"## {module}", "", "```", body, "```", ""]
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
