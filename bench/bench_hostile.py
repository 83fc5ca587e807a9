"""Hostile files: the server CPU and peak memory each one costs (issue #20).

Every file of the hostile catalogue (:func:`tests.support.hostile.catalogue`)
plus scaled-up versions just under 10 MB (the whitespace-date CSV grown to
~9.5 MB; a CSV whose every cell is 32,000 characters) goes through what the
app does with an upload — :func:`abm.ingest.read_uploads`, then
:func:`abm.pipeline.prepare` when anything loaded — in a fresh process, so
its CPU seconds (user + system) and peak resident memory are its own. The
median of ``--runs`` runs is reported; the worst file is the headline row.

Target: ≤ 5 s of CPU and ≤ 500 MiB for any file under 10 MB.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics

from bench.common import Figure, emit
from tests.support.hostile import catalogue, hostile_csv

LIMIT_BYTES = 10_000_000


def _scaled() -> list[tuple[str, bytes]]:
    csv, _ = hostile_csv()
    head, *rows = csv.decode("utf-8").splitlines()
    attack = [r for r in rows if "     " in r]
    grown = [head, *rows]
    while len("\n".join(grown).encode()) < 9_500_000:
        grown += attack
    wide = ["会社名,氏名,メールアドレス,作成日,部署"]
    for i in range(60):
        cell = "あ" * 10_000  # 30 KB of UTF-8 per cell, under Excel's 32,767 characters
        wide.append(f"{cell},{cell},u{i}@example.jp,{cell},{cell}")
    return [
        ("whitespace_dates_9.5MB.csv", ("\n".join(grown) + "\n").encode()),
        ("long_cells.csv", ("\n".join(wide) + "\n").encode()),
    ]


def _child(name: str, data: bytes, out: mp.Queue) -> None:
    from abm.ingest import read_uploads
    from abm.pipeline import prepare

    before = resource.getrusage(resource.RUSAGE_SELF)
    result = read_uploads([(name, data)])
    if result.dataset is not None:
        prepare(result.dataset)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    refused = ",".join(err.key.rsplit(".", 1)[-1] for _, err in result.refused) or "loaded"
    out.put((cpu, after.ru_maxrss / 1024, refused))


def measure(name: str, data: bytes, runs: int) -> tuple[float, float, str]:
    """Median CPU seconds, peak RSS (MiB) and the outcome of ``runs`` fresh processes."""
    ctx = mp.get_context("spawn")
    got = []
    for _ in range(runs):
        q = ctx.Queue()
        p = ctx.Process(target=_child, args=(name, data, q))
        p.start()
        got.append(q.get(timeout=600))
        p.join()
    cpu = statistics.median(g[0] for g in got)
    rss = max(g[1] for g in got)
    return cpu, rss, got[-1][2]


def main(argv: list[str] | None = None) -> None:
    """Measure every hostile file, print the table, emit the worst file's row."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    for name, data in [*catalogue(), *_scaled()]:
        assert len(data) < LIMIT_BYTES, name
        cpu, rss, outcome = measure(name, data, args.runs)
        rows.append((name, len(data), cpu, rss, outcome))
    print("| file | MB | CPU s (median) | peak RSS MiB | outcome |")
    print("|---|---|---|---|---|")
    for name, size, cpu, rss, outcome in rows:
        print(f"| {name} | {size / 1e6:.2f} | {cpu:.2f} | {rss:.0f} | {outcome} |")
    worst_cpu = max(rows, key=lambda r: r[2])
    worst_rss = max(rows, key=lambda r: r[3])
    met = worst_cpu[2] <= 5.0 and worst_rss[3] <= 500
    emit(
        [
            Figure(
                "hostile files",
                "worst file under 10 MB: server CPU s · peak RSS (fresh process)",
                0,
                worst_cpu[2],
                args.runs,
                worst_rss[3],
                memory="rss",
                target="≤ 5 s CPU and ≤ 500 MiB",
                met=met,
                note=f"{worst_cpu[0]}; {len(rows)} files",
            )
        ]
    )


if __name__ == "__main__":
    main()
