"""Numbers and bands: golden table, and the lower-bound rule as properties."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.ingest.cells import prepare
from abm.ingest.numbers import number_bands, parse_numbers


def _bands(values: list[str]) -> tuple[list[float], list[bool]]:
    t, _, _ = prepare(pd.Series(values, dtype="str"))
    v, b = number_bands(t)
    return v.tolist(), b.tolist()


#: text -> (number, was a band). A band reads as its lower bound.
BANDS: list[tuple[str, float, bool]] = [
    ("2000+", 2000, True),  # HubSpot
    ("10,001+", 10001, True),  # LinkedIn-style picklist
    ("1-10", 1, True),
    ("1001-5000", 1001, True),
    ("5,000 to 9,999", 5000, True),
    ("2,000名以上", 2000, True),
    ("1,000〜1,999名", 1000, True),
    ("300～999人", 300, True),  # full-width tilde
    ("従業員数 300～999人", 300, True),  # a label before the band
    ("100名未満", 0, True),  # upper bound only: the lower bound is 0
    ("～99名", 0, True),
    ("under 10", 0, True),
    ("1000 or more", 1000, True),
    ("over 1000", 1000, True),
    ("10億円以上", 1e9, True),
    ("100億円以上", 1e10, True),
    ("10億〜50億円", 1e9, True),
    ("10〜50億円", 1e9, True),  # the unit of the upper end applies to both
    ("1億円未満", 0, True),
    ("$1M - $5M", 1e6, True),
    ("1,200万円", 12_000_000, False),
    ("1億2000万", 120_000_000, False),
    ("約50名", 50, False),  # a hedge is not a band
    ("1,000名強", 1000, False),
    ("5m", 5e6, False),
    ("1.5E+07", 15_000_000, False),
    ("△300", -300, False),
    ("+5", 5, False),
    ("\\1,200,000", 1_200_000, False),  # ¥ as a CP932 CSV from Excel reads it back
    ("￥1,200,000", 1_200_000, False),
    ("5,000,000円（税抜）", 5_000_000, False),
    ("550万円(税込)", 5_500_000, False),
    ("1,000円 税別", 1_000, False),
    # a dash after a written yen amount closes it (QA: ¥24,000,000- read as nothing)
    ("￥24,000,000-", 24_000_000, False),
    ("24,000,000円-", 24_000_000, False),
    ("¥24,000,000.-", 24_000_000, False),
    ("\\1,200,000－", 1_200_000, False),
    ("¥-1,200", -1_200, False),
]


@pytest.mark.parametrize(("text", "value", "band"), BANDS)
def test_band_golden(text: str, value: float, band: bool) -> None:
    v, b = _bands([text])
    assert v[0] == pytest.approx(value)
    assert b[0] is band


@pytest.mark.parametrize(
    "text", ["500-100", "abc", "--", "1-", "to 5", "10〜", "1,2,3万x", "12a", "1,200-", "¥-"]
)  # 1,200- without a yen sign: SAP's minus, not read as a plus
def test_not_numbers(text: str) -> None:
    v, b = _bands([text])
    assert pd.isna(v[0]) and b[0] is False


@given(
    st.integers(0, 10**9), st.integers(0, 10**9), st.sampled_from(["〜", "～", "-", " to ", "~"])
)
def test_a_closed_band_reads_its_lower_bound(a: int, b: int, sep: str) -> None:
    lo, hi = min(a, b), max(a, b)
    v, band = _bands([f"{lo:,}{sep}{hi:,}名"])
    assert v == [lo] and band == [True]


@given(st.integers(0, 10**9), st.sampled_from(["+", "名以上", "以上", " or more", "人超"]))
def test_an_open_band_reads_its_bound(n: int, word: str) -> None:
    v, band = _bands([f"{n:,}{word}"])
    assert v == [n] and band == [True]


@given(st.lists(st.integers(0, 10**6), min_size=2, max_size=6, unique=True))
def test_band_order_is_kept(edges: list[int]) -> None:
    """Adjacent picklist bands keep their order, the open top band last."""
    edges = sorted(edges)
    labels = [f"{lo}-{hi - 1}" for lo, hi in itertools.pairwise(edges) if hi - 1 >= lo]
    labels.append(f"{edges[-1]}+")
    v, band = _bands(labels)
    assert v == sorted(v) and all(band)


def test_parse_numbers_is_the_value_of_number_bands() -> None:
    t, _, _ = prepare(pd.Series([text for text, _, _ in BANDS], dtype="str"))
    assert parse_numbers(t).tolist() == number_bands(t)[0].tolist()


def test_yen_amounts_of_a_cp932_csv_saved_by_excel_are_read() -> None:
    """Excel's "CSV (カンマ区切り)" writes a ¥-formatted cell as byte 0x5C in CP932."""
    from abm.ingest import load_files

    text = '商談名,取引先名,フェーズ,金額,完了予定日\n案件A,株式会社北斗,受注,"@1,200,000",2024/05/31\n'
    data = text.encode("cp932").replace(b"@", b"\x5c")  # what Excel writes for ¥
    dataset, errors = load_files([("商談.csv", data)])
    assert not errors
    assert dataset.opportunities["amount"].tolist() == [1_200_000]


def test_an_amount_in_another_currency_is_read_and_said():
    """A deal's ``$1,000`` is in dollars, not yen: without an exchange rate it stays out of
    the sums (:mod:`abm.core.money`) and the load report says so, naming the column and the
    first line; yen amounts say nothing."""
    from abm.ingest import load_files

    text = '商談名,フェーズ,金額\nA,受注,"$1,000"\nB,提案,"€2,000"\nC,提案,"¥3,000"\n'
    dataset, errors = load_files([("opps.csv", text.encode("utf-8"))])
    assert not errors
    opps = dataset.opportunities
    assert opps["currency"].tolist() == ["USD", "EUR", "JPY"]
    assert opps["amount"].isna().tolist() == [True, True, False]
    said = dataset.sources[0].issues.set_index("check").loc["amounts_no_rate"]
    assert (said["count"], said["row"], said["column"]) == (2, 2, "金額")
