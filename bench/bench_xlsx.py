"""Benchmark reading an Excel lead list: calamine for plain sheets against openpyxl.

A workbook like a Salesforce or MA lead list saved from Excel (14 columns of
text, numbers and dates, Japanese headers) is written with openpyxl for each
size; then ``read_table`` reads it the way Mori does (calamine for a plain
sheet, :mod:`abm.ingest.xlsx_fast`) and the openpyxl way (the fast path
refused), each the median of ``--runs`` runs.

Usage::

    .venv/bin/python -m bench.bench_xlsx --sizes 10000,100000 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import io

import numpy as np

from bench.common import Figure, emit, median_seconds

HEADER = [
    "リードID", "メールアドレス", "会社名", "氏名", "役職", "部署", "電話番号", "都道府県",
    "業種", "従業員数", "作成日", "最終アクセス日", "ステータス", "スコア",
]  # fmt: skip


def make_workbook(n: int, seed: int = 1) -> bytes:
    """An ``n``-row lead list as ``.xlsx`` bytes."""
    from openpyxl import Workbook

    rng = np.random.default_rng(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Leads")
    ws.append(HEADER)
    start = dt.datetime(2025, 1, 1, 9, 0)
    employees = rng.integers(10, 5000, n)
    score = rng.integers(0, 200, n)
    for i in range(n):
        ws.append(
            [
                f"L{i}", f"user{i}@c{i % 20000}.co.jp", f"株式会社テスト{i % 20000}",
                "山田 太郎", "部長", "営業部", "03-1234-5678", "東京都", "製造業",
                int(employees[i]), start + dt.timedelta(hours=i % 8760), dt.date(2025, 6, 1),
                "MQL", int(score[i]),
            ]
        )  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    from abm.ingest import read_table, xlsx_fast

    fast_book = xlsx_fast.fast_book
    figures = []
    print(f"{'rows':>9} {'MB':>6} {'mori s':>8} {'openpyxl s':>11} {'×':>6}")
    for n in (int(x) for x in args.sizes.split(",")):
        data = make_workbook(n)
        mori, raw = median_seconds(lambda _, d=data: read_table(d, "leads.xlsx"), args.runs)
        assert len(raw.frame) == n
        xlsx_fast.fast_book = lambda *a, **k: None  # the openpyxl way
        try:
            slow, _ = median_seconds(lambda _, d=data: read_table(d, "leads.xlsx"), args.runs)
        finally:
            xlsx_fast.fast_book = fast_book
        print(f"{n:>9} {len(data) / 1e6:>6.1f} {mori:>8.2f} {slow:>11.2f} {slow / mori:>6.1f}")
        figures.append(
            Figure(
                "ingest",
                "read an .xlsx lead list (14 columns)",
                n,
                mori,
                args.runs,
                note=f"openpyxl {slow:.1f} s ({slow / mori:.0f}× slower)",
            )
        )
    emit(figures)


if __name__ == "__main__":
    main()
