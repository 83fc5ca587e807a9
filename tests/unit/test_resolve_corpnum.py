"""法人番号 check digit: 9 − (Σ P_i·Q_i mod 9), P_i from the right, Q_i = 1 (odd i) / 2 (even i)."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.resolve import is_valid_corporate_number
from abm.resolve.corpnum import check_digit, clean_corporate_number


@pytest.mark.parametrize(
    ("base", "digit"),
    [
        ("000000000001", 8),  # P1 = 1, Q1 = 1 -> 9 - 1
        ("000000000010", 7),  # P2 = 1, Q2 = 2 -> 9 - 2
        ("000000000000", 9),  # sum 0 -> 9
        ("999999999999", 9),  # 6*9*1 + 6*9*2 = 162 = 0 mod 9 -> 9
        ("000012050002", 7),  # National Tax Agency: 7000012050002
        ("180301018771", 1),  # Toyota Motor: 1180301018771
    ],
)
def test_check_digit(base: str, digit: int) -> None:
    assert check_digit(base) == digit


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("7000012050002", True),
        ("1180301018771", True),
        ("８０００００００００００１", True),  # full-width digits
        ("7000-0120-50002", True),  # hyphens
        ("7000012050002.0", True),  # read from Excel as a float
        ("6000012050002", False),  # wrong check digit
        ("1180301018772", False),
        ("700001205000", False),  # 12 digits
        ("70000120500021", False),  # 14 digits
        ("A000012050002", False),
    ],
)
def test_is_valid_corporate_number(value: str, valid: bool) -> None:
    assert bool(is_valid_corporate_number(pd.Series([value], dtype="string")).iloc[0]) is valid


def test_missing_is_na_not_false() -> None:
    out = is_valid_corporate_number(
        pd.Series([None, "", "7000012050002"], dtype="string", index=[5, 6, 7])
    )
    assert out.isna().tolist() == [True, True, False]
    assert list(out.index) == [5, 6, 7]


def test_clean_corporate_number() -> None:
    s = pd.Series(["７０００ ０１２０ ５０００２", "123", None], dtype="string")
    assert clean_corporate_number(s).fillna("-").tolist() == ["7000012050002", "-", "-"]
