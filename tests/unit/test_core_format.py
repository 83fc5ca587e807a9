"""One formatter per quantity and language (abm.core.format)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from abm.core.format import (
    fmt_count,
    fmt_days,
    fmt_month,
    fmt_pct,
    fmt_yen,
    fmt_yen_short,
    month_ticks,
    yen_axis,
)


@pytest.mark.parametrize(
    ("value", "ja", "en"),
    [
        (3_380_000_000, "33.8億円", "¥3.38B"),
        (148_900_000, "1.49億円", "¥149M"),
        (2_500_000, "250万円", "¥2.5M"),
        (9_800, "9,800円", "¥9.8K"),
        (999, "999円", "¥999"),
        (0, "0円", "¥0"),
        (-2_500_000, "-250万円", "-¥2.5M"),
        (1.5e13, "15兆円", "¥15T"),
        (4.02e10, "402億円", "¥40.2B"),
        # halves up on the exact yen, alike in both languages (QA-H: 2.71億円 beside ¥272M)
        (271_500_000, "2.72億円", "¥272M"),
        (27_150_000, "2,715万円", "¥27.2M"),
        # rounded into the next unit reads as it (¥1,000M / 1e+03 before)
        (999_950_000, "10億円", "¥1B"),
        (99_999_999, "1億円", "¥100M"),
        (9_999.5, "1万円", "¥10K"),  # below the smallest unit too
        (999.6, "1,000円", "¥1K"),
        (
            1e40,
            "10,000,000,000,000,000,000,000,000,000兆円",
            "¥10,000,000,000,000,000,000,000,000,000T",
        ),
        (None, "—", "—"),
        (float("nan"), "—", "—"),
        (float("inf"), "—", "—"),
        (pd.NA, "—", "—"),
    ],
)
def test_compact_yen(value, ja, en):
    assert fmt_yen_short(value, "ja") == ja
    assert fmt_yen_short(value, "en") == en


def test_other_formats():
    assert fmt_yen(1_200_000, "ja") == "1,200,000円"
    assert fmt_yen(1_200_000, "en") == "¥1,200,000"
    assert fmt_count(1234, "ja", unit="people") == "1,234名"
    assert fmt_count(1234, "en", unit="people") == "1,234"
    assert fmt_pct(0.384) == "38%" and fmt_pct(0.384, digits=1) == "38.4%"
    assert fmt_pct(math.nan) == "—"
    assert fmt_days(2.5, "ja") == "2.5日" and fmt_days(2.5, "en") == "2.5 d"
    assert fmt_month(pd.Timestamp("2024-10-05"), "ja") == "2024年10月"
    assert fmt_month(pd.Timestamp("2024-10-05"), "en") == "Oct 2024"
    assert fmt_month(pd.NaT) == "—"


def test_axes():
    ticks = month_ticks(pd.Series(pd.to_datetime(["2024-11-01", "2024-10-01", "2024-10-01"])))
    assert ticks["ticktext"] == ["2024年10月", "2024年11月"]
    axis = yen_axis(pd.Series([0, 3.1e9]), "ja")
    assert axis["ticktext"][:3] == ["0円", "10億円", "20億円"]
    assert axis["tickvals"][-1] >= 3.1e9
    assert yen_axis(pd.Series([], dtype=float))["tickvals"] == [0]


def test_yen_column_format_is_fmt_yen_for_tables():
    from abm.core.format import yen_column_format

    assert yen_column_format("ja") == "%,d円" and yen_column_format("en") == "¥%,d"


@pytest.mark.parametrize(
    ("code", "en", "ja", "exact_en", "exact_ja"),
    [
        ("USD", "$321K", "32.1万ドル", "$3,450", "3,450ドル"),
        ("EUR", "€321K", "32.1万ユーロ", "€3,450", "3,450ユーロ"),
        ("GBP", "£321K", "32.1万ポンド", "£3,450", "3,450ポンド"),
        ("JPY", "¥321K", "32.1万円", "¥3,450", "3,450円"),
    ],
)
def test_money_reads_in_the_workspaces_currency(code, en, ja, exact_en, exact_ja):
    from abm.core.format import currency_unit, use_currency, yen_column_format

    with use_currency(code):
        assert fmt_yen_short(321_400, "en") == en and fmt_yen_short(321_400, "ja") == ja
        assert fmt_yen(3450, "en") == exact_en and fmt_yen(3450, "ja") == exact_ja
        assert yen_column_format("en").startswith(en[0]) and yen_column_format("ja").endswith(
            ja.removeprefix("32.1万")
        )
        assert currency_unit("en") == code
        assert yen_axis(pd.Series([0, 3e5]), "en")["ticktext"][1].startswith(en[0])
    assert fmt_yen(3450, "en") == "¥3,450"  # the block's currency ends with it


def test_an_unknown_currency_reads_yen():
    from abm.core.format import currency, set_currency, use_currency

    with use_currency("XYZ"):
        assert currency() == "JPY" and fmt_yen(1, "ja") == "1円"
    with use_currency("USD"):
        set_currency(None)
        assert currency() == "JPY"
