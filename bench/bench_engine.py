"""Benchmark: the engine's activity aggregation at scale, Spark beside DuckDB, the store's reopen.

Run: ``.venv/bin/python -m bench.bench_engine [--quick] [--skip-spark] [--big-leads N --big-acts N]``.

* **DuckDB, 10M leads × 100M activities** (``memory_limit`` 4 GB, 2 threads, a
  spill folder): the data is generated inside DuckDB (no CSV) into a database
  file; the aggregation — distinct kinds classified in Python, the compact
  table per lead × kind × day written inside the engine, the activities
  without a lead counted — runs in a fresh process, so its peak RSS is its own.
  Run once (it takes minutes); target ≤ 120 s and ≤ 6 GB RSS (issue #17).
* **1M leads × 10M activities** on DuckDB and on Spark ``local[2]`` (median of 3).
* **Store and reopen** a prepared-like dataset of 1M leads (median of 3; target reopen ≤ 5 s).

Prints a table and hands the figures to :func:`bench.common.emit`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import Figure, emit

AS_OF = pd.Timestamp("2025-06-30")
_TYPES = ["ページ閲覧", "資料ダウンロード", "メール開封", "Email Click", "ウェビナー参加", "電話",
          "商談", "訪問", "Visited Web Page", "デモ依頼", "フォーム送信", "Call"]  # fmt: skip
_URLS = ["/pricing", "/careers", "/blog/a", "/blog/b", "/demo", "/doc.pdf", "/", ""]


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def generate_sql(n_leads: int, n_acts: int) -> list[str]:
    """DuckDB statements creating ``mori_leads`` and ``mori_activities`` (no file involved)."""
    days = 540
    return [
        f"""CREATE OR REPLACE TABLE mori_leads AS SELECT
              'L' || lpad(i::VARCHAR, 9, '0') AS lead_id, i::BIGINT AS lead_row,
              'A' || (hash(i) % {max(n_leads // 8, 1)})::VARCHAR AS account_id,
              TIMESTAMP '2024-01-01' + to_days((hash(i * 7) % {days})::INTEGER) AS created_at
            FROM range({n_leads}) t(i)""",
        f"""CREATE OR REPLACE TABLE mori_activities AS SELECT
              'L' || lpad((hash(i) % {n_leads + n_leads // 50})::VARCHAR, 9, '0') AS lead_id,
              TIMESTAMP '2024-01-01' + to_seconds((hash(i * 3) % {days * 86400})::BIGINT)
                AS timestamp,
              {_sql_list(_TYPES)}[1 + (hash(i * 5) % {len(_TYPES)})::INTEGER] AS activity_type,
              {_sql_list(_URLS)}[1 + (hash(i * 11) % {len(_URLS)})::INTEGER] AS url,
              ['sales', 'marketing', NULL][1 + (hash(i * 13) % 3)::INTEGER] AS origin
            FROM range({n_acts}) t(i)""",
    ]


def _aggregate(engine, tables) -> int:
    import abm.engine as E
    from abm.engine import activity as A

    tables = E.classify_activities(engine, tables)
    expr = A.engagement_counts(tables.activities, tables.leads, as_of=AS_OF)
    out = engine.materialize(expr, "mori_engagement", step="activities by lead, kind and day")
    unmatched = engine.scalar(
        A.unmatched_activities(tables.activities, tables.leads, as_of=AS_OF), step="unmatched"
    )
    rows = int(engine.scalar(out.count(), step="count"))
    return rows + 0 * int(unmatched)


def child_duckdb(db: str, spill: str) -> dict:
    """One aggregation on an existing database file (run in its own process)."""
    import abm.engine as E

    cfg = E.EngineConfig(database=db, memory_limit="4GB", threads=2, temp_directory=spill)
    engine = E.connect(cfg)
    tables = E.EngineTables(
        leads=engine.table("mori_leads"), activities=engine.table("mori_activities")
    )
    t0 = time.perf_counter()
    rows = _aggregate(engine, tables)
    took = time.perf_counter() - t0
    engine.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": took, "peak_mib": peak_mib, "rows": rows}


def duckdb_figure(n_leads: int, n_acts: int, runs: int, folder: Path) -> tuple[Figure, float]:
    """Generate in a database file, then time the aggregation in fresh processes."""
    import duckdb

    db = folder / f"bench_{n_leads}_{n_acts}.duckdb"
    t0 = time.perf_counter()
    con = duckdb.connect(str(db), config={"memory_limit": "4GB", "threads": 2,
                                          "temp_directory": str(folder / "spill")})  # fmt: skip
    for stmt in generate_sql(n_leads, n_acts):
        con.execute(stmt)
    con.close()
    generated = time.perf_counter() - t0
    results = []
    for _ in range(runs):
        cmd = [
            sys.executable,
            "-m",
            "bench.bench_engine",
            "--child",
            str(db),
            str(folder / "spill"),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    db.unlink()
    secs = statistics.median(r["seconds"] for r in results)
    peak = max(r["peak_mib"] for r in results)
    big = n_leads >= 10_000_000
    fig = Figure(
        "engine", "activity aggregation · DuckDB 4 GB, 2 threads", n_leads, secs, runs, peak,
        memory="rss", target="≤ 120 s, ≤ 6 GB RSS at 10M × 100M",
        met=(secs <= 120 and peak <= 6 * 1024) if big else None,
        note=f"{n_acts / 1e6:.0f}M activities → {results[-1]['rows']:,} rows",
    )  # fmt: skip
    return fig, generated


def spark_figure(n_leads: int, n_acts: int, runs: int) -> Figure:
    """The same aggregation on Spark local[2], data generated inside Spark."""
    import abm.engine as E

    cfg = E.EngineConfig(backend="spark", spark_conf=(("spark.driver.memory", "4g"),))
    engine = E.connect(cfg)
    session = engine.con._session
    t = {"types": _sql_list(_TYPES).replace("[", "array(").replace("]", ")"),
         "urls": _sql_list(_URLS).replace("[", "array(").replace("]", ")")}  # fmt: skip
    session.sql(
        f"""SELECT concat('L', lpad(CAST(id AS STRING), 9, '0')) AS lead_id, id AS lead_row,
        concat('A', CAST(pmod(hash(id), {max(n_leads // 8, 1)}) AS STRING)) AS account_id,
        timestamp_seconds(1704067200 + pmod(hash(id * 7), 540) * 86400) AS created_at
        FROM range({n_leads})"""
    ).cache().createOrReplaceTempView("mori_leads")
    session.sql(
        f"""SELECT concat('L', lpad(CAST(pmod(hash(id), {n_leads + n_leads // 50}) AS STRING),
        9, '0')) AS lead_id,
        timestamp_seconds(1704067200 + pmod(hash(id * 3), {540 * 86400})) AS timestamp,
        element_at({t["types"]}, 1 + pmod(hash(id * 5), {len(_TYPES)})) AS activity_type,
        element_at({t["urls"]}, 1 + pmod(hash(id * 11), {len(_URLS)})) AS url,
        element_at(array('sales', 'marketing', NULL), 1 + pmod(hash(id * 13), 3)) AS origin
        FROM range({n_acts})"""
    ).cache().createOrReplaceTempView("mori_activities")
    session.sql("SELECT count(*) FROM mori_activities").collect()  # fill the cache
    tables = E.EngineTables(
        leads=engine.table("mori_leads"), activities=engine.table("mori_activities")
    )
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        _aggregate(engine, tables)
        times.append(time.perf_counter() - t0)
    engine.close()
    return Figure(
        "engine", "activity aggregation · Spark local[2]", n_leads, statistics.median(times),
        runs, note=f"{n_acts / 1e6:.0f}M activities",
    )  # fmt: skip


def store_figures(n_leads: int, runs: int, folder: Path) -> list[Figure]:
    """Save and reopen a prepared-like dataset of ``n_leads`` leads (6 activities each)."""
    from abm.engine import store
    from abm.settings import Workspace
    from tests.unit.test_engine_parity import synthetic_dataset

    ds = synthetic_dataset(n_leads, seed=3)
    path = folder / "store.duckdb"
    saves, opens = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        store.save(path, ds, workspace_id="bench", snapshot_id=f"s{i}", settings=Workspace(),
                   saved_at=AS_OF + pd.Timedelta(days=i))  # fmt: skip
        saves.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        got = store.load(path, workspace_id="bench")
        opens.append(time.perf_counter() - t0)
        assert len(got.dataset.leads) == n_leads
    size = path.stat().st_size / 2**20
    path.unlink()
    note = f"{len(ds.activities) / 1e6:.0f}M activities, file {size:.0f} MiB"
    return [
        Figure("engine", "store a prepared dataset", n_leads, statistics.median(saves), runs,
               note=note),
        Figure("engine", "reopen a stored dataset", n_leads, statistics.median(opens), runs,
               target="≤ 5 s at 1M", met=statistics.median(opens) <= 5 if n_leads == 1_000_000
               else None, note=note),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Run the engine benchmark and print its table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100k × 1M and a 10k store")
    ap.add_argument("--skip-spark", action="store_true")
    ap.add_argument("--skip-big", action="store_true", help="leave out 10M × 100M")
    ap.add_argument("--big-leads", type=int, default=10_000_000)
    ap.add_argument("--big-acts", type=int, default=100_000_000)
    ap.add_argument("--child", nargs=2, metavar=("DB", "SPILL"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child_duckdb(*args.child)))
        return
    mid = (100_000, 1_000_000) if args.quick else (1_000_000, 10_000_000)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("MORI_BENCH_TMP")) as tmp:
        folder = Path(tmp)
        if not (args.quick or args.skip_big):
            fig, gen = duckdb_figure(args.big_leads, args.big_acts, 1, folder)
            figures.append(fig)
            print(f"(generated {args.big_acts:,} activities inside DuckDB in {gen:.0f} s)")
        figures.append(duckdb_figure(*mid, 3, folder)[0])
        if not args.skip_spark:
            figures.append(spark_figure(*mid, 3))
        figures += store_figures(10_000 if args.quick else 1_000_000, 3, folder)
    print("| step | leads | seconds | runs | peak | target | met | note |")
    print("|---|---|---|---|---|---|---|---|")
    for f in figures:
        peak = f"{f.peak_mib / 1024:.2f} GiB RSS" if f.peak_mib else ""
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        print(f"| {f.step} | {f.leads:,} | {f.seconds:.2f} | {f.runs} | {peak} | {f.target} | "
              f"{met} | {f.note} |")  # fmt: skip
    emit(figures)


if __name__ == "__main__":
    main()
