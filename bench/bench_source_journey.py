"""Benchmark: the browser journey on a configured DuckDB source, at a million leads.

Runs ``tests/e2e/test_source_journey.py`` (a real ``streamlit run`` and
Chromium) with ``MORI_E2E_SOURCE_LEADS`` set, and turns the timings it writes
to ``test-artifacts/source-journey-<n>.json`` into ``make bench`` rows: the
funnel page on the first opening (read + clean + aggregate + store) and on a
reopening, the scoring page, and the time from a slider move to a changed MQL
count. ``make test`` runs the same journey at 5,000 leads.

Usage: ``.venv/bin/python -m bench.bench_source_journey [--leads 1000000]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.common import Figure, emit

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the journey once and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    args = ap.parse_args()
    env = {**os.environ, "MORI_E2E_SOURCE_LEADS": str(args.leads)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
           "tests/e2e/test_source_journey.py"]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    path = ROOT / "test-artifacts" / f"source-journey-{args.leads}.json"
    got = json.loads(path.read_text("utf-8")) if path.exists() else {}
    print(json.dumps(got, indent=2))
    if done.returncode != 0:
        raise SystemExit(f"the browser journey failed (exit {done.returncode})")
    n = args.leads
    big = n >= 1_000_000
    rows = [
        ("first_funnel_s", "browser: funnel page, first opening (read + clean + store)",
         "≤ 15 s at 1M", 15.0),
        ("reopen_funnel_s", "browser: funnel page, reopening the stored source",
         "≤ 5 s at 1M", 5.0),
        ("scoring_page_s", "browser: scoring page after reopening", "", None),
        ("slider_response_s", "browser: scoring slider → MQL count changed", "", None),
    ]  # fmt: skip
    emit(
        Figure("source", step, n, float(got[key]), 1, None, "rss", target,
               (float(got[key]) <= limit) if (big and limit) else None)
        for key, step, target, limit in rows
        if key in got
    )  # fmt: skip


if __name__ == "__main__":
    main()
