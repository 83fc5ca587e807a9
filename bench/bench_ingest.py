"""Benchmark ingestion on a BowNow-like CP932 lead export.

For each size, a synthetic export (three title rows, Japanese headers, 万円
amounts, Japanese dates, CP932) is written to a temp dir; then, in a fresh
subprocess per size (so peak RSS is per size), it times

* ``mori``: ``read_table`` + ``suggest_mapping`` + ``apply_mapping`` + ``schema.validate``;
* ``baseline``: ``bytes.decode("cp932")`` → re-encode UTF-8 → ``pandas.read_csv(engine="pyarrow")``
  from the header line (pyarrow only reads UTF-8; default type inference).

Prints the median of ``--runs`` runs, Mori's peak resident memory (``VmHWM`` of
the subprocess, read before the baseline runs) and the peak right after the
file was read into the subprocess (imports + the raw bytes).

Usage::

    .venv/bin/python -m bench.bench_ingest --sizes 10000,100000 --runs 3
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import Figure, emit
from tests.support.exports import make_export


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    ``VmHWM`` from ``/proc/self/status`` belongs to this process image only;
    ``ru_maxrss`` (the fallback off Linux) can carry the parent's peak across
    ``fork``/``exec``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(path: str, runs: int) -> None:
    from abm.ingest import apply_mapping, read_table, suggest_mapping
    from abm.schema import validate

    data = Path(path).read_bytes()
    base_rss = _peak_rss_mb()
    mori, base = [], []
    table = ""
    for _ in range(runs):
        t0 = time.perf_counter()
        raw = read_table(data, "bownow.csv")
        m = suggest_mapping(raw)
        frame, _ = apply_mapping(raw, m)
        validate(frame, m.table)
        mori.append(time.perf_counter() - t0)
        table = m.table
        del raw, frame
    # The peak only grows: read it before the baseline runs to get Mori's peak.
    mori_rss = _peak_rss_mb()
    for _ in range(runs):
        t0 = time.perf_counter()
        text = data.decode("cp932")
        body = text[text.index("リードID") :].encode("utf-8")
        pd.read_csv(io.BytesIO(body), engine="pyarrow")
        base.append(time.perf_counter() - t0)
        del text, body
    out = {
        "mori": statistics.median(mori),
        "base": statistics.median(base),
        "rss_mb": mori_rss,
        "input_rss_mb": base_rss,
        "table": table,
    }
    print(json.dumps(out))


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child, args.runs)
        return
    figures = []
    cols = ("rows", "MB", "mori s", "baseline s", "ratio", "peak RSS MiB", "loaded MiB")
    print(" ".join(f"{c:>11}" for c in cols))
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            path = Path(tmp) / f"bownow_{n}.csv"
            path.write_bytes(make_export(n))
            out = subprocess.run(
                [sys.executable, "-m", "bench.bench_ingest", "--child", str(path), "--runs", str(args.runs)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            mb = path.stat().st_size / 1e6
            ratio = r["mori"] / r["base"]
            cells = (f"{n}", f"{mb:.1f}", f"{r['mori']:.2f}", f"{r['base']:.2f}", f"{ratio:.1f}")
            cells += (f"{r['rss_mb']:.0f}", f"{r['input_rss_mb']:.0f}")
            print(" ".join(f"{c:>11}" for c in cells))
            path.unlink()
            figures.append(
                Figure(
                    "ingest",
                    "read + map + validate a CP932 BowNow export (title rows)",
                    n,
                    r["mori"],
                    args.runs,
                    r["rss_mb"],
                    memory="rss",
                    target="≤ 3 s and ≤ 3× pyarrow at 100k; 1M works",
                    met=(r["mori"] <= 3 and ratio <= 3) if n == 100_000 else None,
                    note=f"{ratio:.1f}× pyarrow",
                )
            )
    emit(figures)


if __name__ == "__main__":
    main()
