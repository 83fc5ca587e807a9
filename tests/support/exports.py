"""Synthetic tool exports for tests and benches: big, deterministic, in the tool's own shape.

:func:`make_export` writes a BowNow-like lead export (three title rows,
Japanese headers, 万円 amounts, Japanese dates, CP932) of any size; the
ingestion bench times reading it, the busy-server bench uploads it, and the
nothing-is-lost test checks every row of it is accounted for.
:func:`catalogue_generator` is the third-party export catalogue's own script
(``tests/fixtures/exports/make_catalogue.py``), loaded once: its companies, people
and ``build()`` are what the catalogue tests compare Mori's reading with.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

__all__ = ["CATALOGUE", "HEADERS", "catalogue_generator", "make_export"]

#: The third-party export catalogue: files, ``catalogue.json`` and the script writing them.
CATALOGUE = Path(__file__).resolve().parents[1] / "fixtures" / "exports"

HEADERS = [
    "リードID", "会社名", "氏名", "メールアドレス", "部署", "役職", "電話番号", "郵便番号", "都道府県",
    "業種", "従業員数", "売上高（百万円）", "予算", "ステータス", "最終アクセス日", "作成日", "PV数",
    "セッション数", "CV数", "リードソース", "キャンペーン", "担当営業", "MQL化日", "受注日", "法人番号",
    "会社URL", "メール配信停止",
]  # fmt: skip


@cache
def catalogue_generator() -> ModuleType:
    """The catalogue's ``make_catalogue.py`` as a module (run once per process, writes nothing).

    Returns
    -------
    types.ModuleType
        ``COMPANIES``, the people, ``build()`` and ``expectations()`` of the script.
    """
    spec = importlib.util.spec_from_file_location(
        "mori_make_catalogue", CATALOGUE / "make_catalogue.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


def make_export(n: int, seed: int = 0) -> bytes:
    """Return a CP932 BowNow-like export with ``n`` leads."""
    rng = np.random.default_rng(seed)
    comp = np.array([f"株式会社サンプル{i:05d}" for i in range(max(n // 4, 1))], dtype=object)
    ci = rng.integers(0, comp.size, n)
    last = np.array(
        ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"],
        dtype=object,
    )
    first = np.array(["太郎", "花子", "一郎", "美咲", "健太", "陽子"], dtype=object)
    idx = np.arange(n)
    base = np.datetime64("2023-01-01T00:00")
    created = base + rng.integers(0, 600 * 24 * 60, n).astype("timedelta64[m]")
    last_access = created + rng.integers(0, 90 * 24 * 60, n).astype("timedelta64[m]")
    mql = created + rng.integers(1, 60, n).astype("timedelta64[D]")
    won = mql + rng.integers(10, 120, n).astype("timedelta64[D]")
    c = pd.Series(created).dt
    la = pd.Series(last_access)
    frame = pd.DataFrame(
        {
            "リードID": [f"L{i:08d}" for i in idx],
            "会社名": comp[ci],
            "氏名": last[rng.integers(0, last.size, n)]
            + " "
            + first[rng.integers(0, first.size, n)],
            "メールアドレス": [f"user{i}@sample{j}.co.jp" for i, j in zip(idx, ci, strict=True)],
            "部署": rng.choice(["情報システム部", "営業部", "経営企画部", "マーケティング部"], n),
            "役職": rng.choice(["部長", "課長", "主任", "担当", ""], n),
            "電話番号": [
                f"0{rng.integers(3, 9)}-{i % 10000:04d}-{(i * 7) % 10000:04d}" for i in idx
            ],
            "郵便番号": [f"{(i * 13) % 1000:03d}-{i % 10000:04d}" for i in idx],
            "都道府県": rng.choice(["東京都", "大阪府", "愛知県", "福岡県", "北海道"], n),
            "業種": rng.choice(["情報通信業", "製造業", "卸売業", "サービス業"], n),
            "従業員数": rng.choice(["50名", "１００名", "300", "1,000名", "5000"], n),
            "売上高（百万円）": rng.choice(["120", "1,500", "30,000", ""], n),
            "予算": rng.choice(["500万円", "1,200万円", "3千万円", "1億2000万", ""], n),
            "ステータス": rng.choice(["潜在", "準顕在", "顕在化", "アポ獲得", "受注"], n),
            "最終アクセス日": la.dt.strftime("%Y/%m/%d %H:%M"),
            "作成日": c.year.astype(str)
            + "年"
            + c.month.astype(str)
            + "月"
            + c.day.astype(str)
            + "日",
            "PV数": rng.integers(0, 500, n).astype(str),
            "セッション数": rng.integers(0, 80, n).astype(str),
            "CV数": rng.integers(0, 5, n).astype(str),
            "リードソース": rng.choice(["展示会", "Web問い合わせ", "資料DL", "セミナー"], n),
            "キャンペーン": rng.choice(["2024春セミナー", "ホワイトペーパーA", "展示会X", ""], n),
            "担当営業": rng.choice(["山田", "佐々木", "井上", ""], n),
            "MQL化日": np.where(rng.random(n) < 0.4, pd.Series(mql).dt.strftime("%Y/%m/%d"), ""),
            "受注日": np.where(rng.random(n) < 0.05, pd.Series(won).dt.strftime("%Y-%m-%d"), ""),
            "法人番号": [f"{(i * 7919) % 10**13:013d}" for i in ci],
            "会社URL": [f"https://www.sample{j}.co.jp/" for j in ci],
            "メール配信停止": rng.choice(["", "○", "×"], n),
        },
        columns=HEADERS,
    )
    buf = io.StringIO()
    buf.write("検索条件: ステータス=すべて, 業種=すべて\r\n出力日時: 2024/06/01 09:00\r\n\r\n")
    frame.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue().encode("cp932")
