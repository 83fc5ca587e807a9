"""Golden tables: every number, money, date and yes/no format → expected value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.ingest.convert import (
    convert,
    convert_cells,
    to_bool,
    to_datetime,
    to_domain,
    to_number,
    to_text,
)
from abm.ingest.load import header_scale


def _s(values: list[str | None]) -> pd.Series:
    return pd.Series(values, dtype="str")


NUMBERS = [
    ("1200", 1200.0),
    ("1,200", 1200.0),
    ("１，２００", 1200.0),
    ("３００名", 300.0),
    ("300人", 300.0),
    ("¥1,500", 1500.0),
    ("￥1,500", 1500.0),
    ("1,500円", 1500.0),
    ("1,200万円", 12_000_000.0),
    ("1200万", 12_000_000.0),
    ("1億2000万", 120_000_000.0),
    ("1億2千万円", 120_000_000.0),
    ("3億円", 300_000_000.0),
    ("1兆2000億円", 1_200_000_000_000.0),
    ("3.5億", 350_000_000.0),
    ("5千万", 50_000_000.0),
    ("500千円", 500_000.0),
    ("2万5000", 25_000.0),
    ("△300", -300.0),
    ("▲1,000", -1000.0),
    ("-42", -42.0),
    ("1.5E+07", 15_000_000.0),
    ("80%", 80.0),
    (" 12 ", 12.0),
    ("100～299名", 100.0),  # a band reads as its lower bound (abm.ingest.numbers)
    ("1,000名以上", 1000.0),
    ("約50名", 50.0),
    ("0.25", 0.25),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_number_formats(text: str, value: float) -> None:
    out, bad = to_number(_s([text]), "money")
    assert out.dtype == "Float64"
    assert out.iloc[0] == pytest.approx(value)
    assert not bad.iloc[0]


def test_int_kind_rounds_and_uses_nullable_ints() -> None:
    out, bad = to_number(_s(["３００名", "1,000", "2.6", None]), "int")
    assert out.dtype == "Int64"
    assert out.tolist()[:3] == [300, 1000, 3]
    assert pd.isna(out.iloc[3])
    assert not bad.any()


@pytest.mark.parametrize("text", ["abc", "12a", "一二三", "1,2,3万x", "--"])
def test_unparseable_numbers_are_flagged_not_blanked_silently(text: str) -> None:
    out, bad = to_number(_s(["5", text, None]), "float")
    assert out.iloc[0] == 5
    assert pd.isna(out.iloc[1]) and bool(bad.iloc[1])
    assert not bad.iloc[2]  # an empty cell is missing, not a failure


def test_header_unit_scales_money() -> None:
    out, _ = to_number(_s(["1,200", "50"]), "money", scale=header_scale("売上高（百万円）"))
    assert out.tolist() == [1_200_000_000.0, 50_000_000.0]


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("売上高（百万円）", 1e6),
        ("売上高(百万円)", 1e6),
        ("年商（億円）", 1e8),
        ("予算（千円）", 1e3),
        ("金額（万円）", 1e4),
        ("金額（円）", 1.0),
        ("売上高千円", 1e3),
        ("Annual Revenue", 1.0),
        ("金額", 1.0),
    ],
)
def test_header_scale(header: str, scale: float) -> None:
    assert header_scale(header) == scale


DATES = [
    ("2024/01/05", "2024-01-05"),
    ("2024-01-05", "2024-01-05"),
    ("2024/1/5", "2024-01-05"),
    ("2024年1月5日", "2024-01-05"),
    ("２０２４年１月５日", "2024-01-05"),
    ("2024/1/5 9:03", "2024-01-05 09:03"),
    ("2024/01/05 09:03:07", "2024-01-05 09:03:07"),
    ("2024年1月5日 9時3分", "2024-01-05 09:03"),
    ("2024-01-05T09:03:00", "2024-01-05 09:03"),
    # a time with its zone is read on Japan's clock (Data Loader writes UTC: QA, a lead
    # created at 08:00 in Tokyo counted on the day before)
    ("2024-01-05T00:03:00Z", "2024-01-05 09:03"),
    ("2024-01-04T23:30:00.000Z", "2024-01-05 08:30"),
    ("2024-01-05 00:03 UTC", "2024-01-05 09:03"),
    ("2024-01-05T09:03:00.500+09:00", "2024-01-05 09:03:00.500"),
    ("2024-01-05T09:03:00+0900", "2024-01-05 09:03"),
    ("2024-01-04T19:03:00-05:00", "2024-01-05 09:03"),
    ("2024-01-05 09:03 JST", "2024-01-05 09:03"),
    ("2024/01/05 14:00-15:30", "2024-01-05 14:00"),  # a time range, not a zone
    ("2024/01/05 09:00-10:00", "2024-01-05 09:00"),
    ("2024-01-05 14:00:00-15:30", "2024-01-05 14:00"),  # no zone is 15:30 from UTC
    ("2024-01-05 00:03:00+00", "2024-01-05 09:03"),  # whole hours (PostgreSQL)
    ("2024-01-05 09:03:00+09", "2024-01-05 09:03"),
    ("2024-01-05 09:03", "2024-01-05 09:03"),
    ("45296", "2024-01-05"),
    ("45296.5", "2024-01-05 12:00"),
    ("令和6年1月5日", "2024-01-05"),
    ("平成31年4月30日", "2019-04-30"),
    ("2024.01.05", "2024-01-05"),
    ("2024/01/05 (金)", "2024-01-05"),
    ("20240105", "2024-01-05"),
    ("Jan 5, 2024", "2024-01-05"),
    ("Jan 5, 2024 9:03 PM", "2024-01-05 21:03"),
    ("05-Jan-2024", "2024-01-05"),
]


@pytest.mark.parametrize(("text", "iso"), DATES)
def test_date_formats(text: str, iso: str) -> None:
    out, bad, day_first = to_datetime(_s([text]))
    assert out.dtype == "datetime64[ns]"
    assert out.iloc[0] == pd.Timestamp(iso)
    assert not bad.iloc[0]
    assert not day_first


def test_us_slash_dates_are_month_first_by_default() -> None:
    out, bad, day_first = to_datetime(_s(["01/05/2024", "12/31/2024", "3/4/2024 14:05"]))
    assert out.tolist() == [
        pd.Timestamp("2024-01-05"),
        pd.Timestamp("2024-12-31"),
        pd.Timestamp("2024-03-04 14:05"),
    ]
    assert not day_first and not bad.any()


def test_slash_dates_are_day_first_when_the_column_proves_it() -> None:
    out, bad, day_first = to_datetime(_s(["01/05/2024", "31/12/2024"]))
    assert day_first
    assert out.tolist() == [pd.Timestamp("2024-05-01"), pd.Timestamp("2024-12-31")]
    assert not bad.any()


def test_a_mixed_slash_column_stays_month_first_and_reports_the_rest() -> None:
    # 13/01 suggests day-first but 01/13 contradicts it: the default
    # (month-first) applies to the whole column and 13/01 is reported.
    out, bad, day_first = to_datetime(_s(["13/01/2024", "01/13/2024"]))
    assert not day_first
    assert out.iloc[1] == pd.Timestamp("2024-01-13")
    assert bad.tolist() == [True, False]


@pytest.mark.parametrize("text", ["not a date", "2024/13/45", "99999", "0001-01-01", "2024年"])
def test_unparseable_dates_are_flagged(text: str) -> None:
    out, bad, _ = to_datetime(_s(["2024/01/05", text, None]))
    assert out.iloc[0] == pd.Timestamp("2024-01-05")
    assert pd.isna(out.iloc[1]) and bool(bad.iloc[1])
    assert not bad.iloc[2]


def test_dates_of_many_distinct_values() -> None:
    base = pd.Timestamp("2024-01-01")
    stamps = [base + pd.Timedelta(minutes=7 * i) for i in range(5000)]
    text = _s([t.strftime("%Y/%m/%d %H:%M") for t in stamps])
    out, bad, _ = to_datetime(text)
    assert out.tolist() == stamps
    assert not bad.any()


BOOLS = [
    ("TRUE", True), ("true", True), ("1", True), ("yes", True), ("Y", True), ("はい", True),
    ("済", True), ("○", True), ("〇", True), ("✓", True), ("✔", True), ("あり", True), ("ＴＲＵＥ", True),
    ("FALSE", False), ("false", False), ("0", False), ("no", False), ("いいえ", False), ("未", False),
    ("×", False), ("なし", False), ("N", False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value"), BOOLS)
def test_bool_formats(text: str, value: bool) -> None:
    out, bad = to_bool(_s([text]))
    assert out.dtype == "boolean"
    assert bool(out.iloc[0]) is value
    assert not bad.iloc[0]


def test_unparseable_bool_is_flagged() -> None:
    out, bad = to_bool(_s(["maybe", None]))
    assert pd.isna(out.iloc[0]) and bool(bad.iloc[0])
    assert pd.isna(out.iloc[1]) and not bad.iloc[1]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("https://www.Example.co.jp/about", "example.co.jp"),
        ("http://example.com:8080/?q=1", "example.com"),
        ("www.example.jp", "example.jp"),
        ("ＷＷＷ．ＥＸＡＭＰＬＥ．ＣＯＭ", "example.com"),
        ("taro@example.ac.jp", "example.ac.jp"),
        ("example.co.jp", "example.co.jp"),
    ],
)
def test_domain(text: str, domain: str) -> None:
    out, bad = to_domain(_s([text]))
    assert out.iloc[0] == domain
    assert not bad.iloc[0]


def test_text_keeps_leading_zeros_and_na_words() -> None:
    out, bad = to_text(_s([" 0312345678 ", "NA", "None", "null", "", None]))
    assert out.tolist()[:4] == ["0312345678", "NA", "None", "null"]
    assert out.iloc[4:].isna().all()
    assert not bad.any()


def test_convert_dispatch_and_index_preserved() -> None:
    s = pd.Series(["1", "x", None], index=[10, 11, 12], dtype="str")
    out, bad, _ = convert(s, "int")
    assert list(out.index) == [10, 11, 12]
    assert bad.tolist() == [False, True, False]
    with pytest.raises(ValueError):
        convert(s, "nope")


def test_100k_rows_convert_vectorised_quickly() -> None:
    # Not a timing test: checks that many rows with few distinct values are
    # parsed once per distinct value (results equal, order preserved).
    values = np.array(["1,200万円", "３００名", "", "abc"], dtype=object)[np.arange(100_000) % 4]
    s = pd.Series(values, dtype="str").mask(lambda x: x == "")
    out, bad = to_number(s, "money")
    assert out.iloc[:4].tolist()[:2] == [12_000_000.0, 300.0]
    assert int(bad.sum()) == 25_000
    assert int(out.isna().sum()) == 50_000


@pytest.mark.parametrize(
    "text", ["\u3000株式会社A", "株式会社A\u3000", "\t株式会社A ", "株式会社A"]
)
def test_text_strips_ascii_and_ideographic_spaces(text: str) -> None:
    out, _ = to_text(_s([text, "株式会社B"]))
    assert out.tolist() == ["株式会社A", "株式会社B"]


@settings(max_examples=200)
@given(st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=30))
def test_nfkc_skipping_ascii_equals_full_normalisation(values):
    from abm.ingest.cells import nfkc

    s = pd.Series(values, dtype="str")
    pd.testing.assert_series_equal(nfkc(s), s.str.normalize("NFKC"))


# --- issue #20: flagged values, reasons, formats the hardening must keep ---

MORE_DATES = [
    ("2024年1月5日(金) 10:00", "2024-01-05 10:00"),
    ("2024/01/05（金）", "2024-01-05"),
    ("2024/01/05 (Fri) 09:03", "2024-01-05 09:03"),
    ("R6.1.5", "2024-01-05"),
    ("r6/1/5", "2024-01-05"),
    ("H31.4.30", "2019-04-30"),
    ("平成元年1月8日", "1989-01-08"),
    ("令和 6年1月5日", "2024-01-05"),
    ("2024/01/05\t09:03", "2024-01-05 09:03"),
    ("\u200b2024/01/05", "2024-01-05"),
    ("2024-01-05 09:03 JST", "2024-01-05 09:03"),
]


@pytest.mark.parametrize(("text", "iso"), MORE_DATES)
def test_more_date_formats(text: str, iso: str) -> None:
    out, bad, _ = to_datetime(_s([text]))
    assert out.iloc[0] == pd.Timestamp(iso)
    assert not bad.iloc[0]


@pytest.mark.parametrize("text", ["令和0年1月5日", "令和100年1月5日", "X6.1.5", "2024/01/05\x00"])
def test_impossible_era_years_and_control_characters_are_not_dates(text: str) -> None:
    out, bad, _ = to_datetime(_s([text]))
    assert pd.isna(out.iloc[0]) and bool(bad.iloc[0])


# (text, kind, scale, min_value) -> the cell is flagged as a value that can't be right
IMPLAUSIBLE = [
    ("-500", "int", 1.0, 0.0),
    ("△1200", "int", 1.0, 0.0),
    ("▲1,200名", "int", 1.0, 0.0),
    ("−3", "int", 1.0, 0.0),
    ("(1,200)", "money", 1.0, 0.0),
    ("-5", "money", 1e6, 0.0),
    ("1e305", "money", 1e6, 0.0),
    ("1e308", "money", 1.0, 0.0),
    ("Infinity", "float", 1.0, None),
    ("-inf", "float", 1.0, None),
    ("1e15", "int", 1.0, 0.0),
    ("１０００兆", "money", 1.0, 0.0),
    ("9" * 99, "float", 1.0, None),
    ("1兆" * 1, "money", 1e4, 0.0),
]


@pytest.mark.parametrize(("text", "kind", "scale", "low"), IMPLAUSIBLE)
def test_values_that_cant_be_right_are_flagged_not_used(text, kind, scale, low) -> None:
    c = convert_cells(_s(["10", text, None]), kind, scale=scale, min_value=low)
    assert c.values.iloc[0] == 10 * scale
    assert pd.isna(c.values.iloc[1])
    assert c.implausible.tolist() == [False, True, False]
    assert not c.unparseable.any() and not c.too_long.any()
    assert c.bad.tolist() == [False, True, False]


def test_negative_score_is_kept_where_the_schema_allows_it() -> None:
    # a vendor score has no minimum (Pardot scores can be negative)
    c = convert_cells(_s(["-15", "△3"]), "float", min_value=None)
    assert c.values.tolist() == [-15.0, -3.0]
    assert not c.bad.any()


def test_double_signs_are_not_numbers() -> None:
    c = convert_cells(_s(["△-300", "(-300)", "--3", "+5"]), "float")
    assert c.unparseable.tolist() == [True, True, True, False]
    assert c.values.iloc[3] == 5


def test_nan_text_is_unparseable_not_a_value() -> None:
    c = convert_cells(_s(["NaN", "nan"]), "float")
    assert c.values.isna().all() and c.unparseable.all()


def test_issue_records_name_file_row_column_and_count_only() -> None:
    s = _s(["5", "abc", "-1", "x" * 500, None, "△2"])
    c = convert_cells(s, "int", min_value=0)
    rows = np.array([10, 11, 12, 13, 14, 15])
    issues = c.issues("f.csv", "従業員数", rows)
    assert issues == [
        ("f.csv", 11, "従業員数", "unparseable", 1, "ingest.issue.unparseable_int"),
        ("f.csv", 13, "従業員数", "too_long", 1, "ingest.issue.too_long_value"),
        ("f.csv", 12, "従業員数", "implausible", 2, "ingest.issue.implausible_int"),
    ]


def test_whitespace_only_cells_are_blank_not_failures() -> None:
    for kind in ("int", "money", "datetime", "bool"):
        c = convert_cells(_s(["   ", "\u3000\t", " " * 50_000]), kind)
        assert c.values.isna().all()
        assert not c.bad.any(), kind


@pytest.mark.parametrize(
    "text", ["exa mple.com", "a@b@c.jp", "http://a.jp,b.jp", "https://", "例え .jp"]
)
def test_text_no_host_can_be_is_not_a_domain(text: str) -> None:
    out, bad = to_domain(_s([text]))
    assert pd.isna(out.iloc[0]) and bool(bad.iloc[0])


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("HTTP://Example.co.jp:8443/a/b?c#d", "example.co.jp"),
        ("www2.example.jp", "example.jp"),
        ("user@mail.example.jp", "mail.example.jp"),
        ("example.jp#top", "example.jp"),
        ("例え.jp", "例え.jp"),
    ],
)
def test_more_domains(text: str, domain: str) -> None:
    out, bad = to_domain(_s([text]))
    assert out.iloc[0] == domain and not bad.iloc[0]


def test_convert_passes_min_value_through() -> None:
    out, bad, _ = convert(_s(["-1", "2"]), "int", min_value=0)
    assert pd.isna(out.iloc[0]) and out.iloc[1] == 2
    assert bad.tolist() == [True, False]


def test_times_with_their_zone_are_read_in_japan_and_said():
    """A Data Loader export writes UTC: the load report says the times were moved to
    Japan's clock, which column and from which line (never a value)."""
    from abm.ingest import load_files

    text = "Id,LastName,Company,Email,CreatedDate\n"
    text += "00Q1,山田,北斗,a@hokuto.co.jp,2024-03-31T16:30:00.000Z\n"
    text += "00Q2,佐藤,北斗,b@hokuto.co.jp,2024-04-01\n"
    text += "00Q3,鈴木,北斗,c@hokuto.co.jp,2024-04-01T01:00:00.000Z\n"
    ds, errors = load_files([("Lead.csv", text.encode())])
    assert not errors
    days = ds.leads["created_at"].dt.strftime("%Y-%m-%d %H:%M").tolist()
    assert days == ["2024-04-01 01:30", "2024-04-01 00:00", "2024-04-01 10:00"]
    said = ds.sources[0].issues.set_index("check").loc["zoned_times"]
    assert (said["column"], said["row"], said["count"]) == ("CreatedDate", 2, 2)


def test_a_sentinel_date_beside_zoned_times_is_not_a_date_and_loads():
    """``9999-12-31`` (a "no end" value) in a column of UTC times: shifting it to Japan time
    overflowed and refused the whole file; it is simply not a date."""
    out, bad, _ = to_datetime(_s(["2024-01-05T00:03:00Z", "9999-12-31", "0001-01-01T00:00:00Z"]))
    assert out.iloc[0] == pd.Timestamp("2024-01-05 09:03")
    assert out.iloc[1:].isna().all() and bad.tolist() == [False, True, True]


@pytest.mark.parametrize(
    ("cell", "want"),
    [("配信停止", True), ("配信停止中", True), ("購読解除", True), ("解除済み", True),
     ("Unsubscribed", True), ("Opt-Out", True), ("配信中", False), ("購読中", False),
     ("Subscribed", False), ("opt-in", False)],
)  # fmt: skip
def test_an_opt_out_column_written_as_its_state_reads_as_yes_or_no(cell, want):
    # QA-O: SATORI's メール配信停止 column says 配信停止, not yes — 209 opted-out people were
    # read as blank and could land in a target list
    values, bad = to_bool(pd.Series([cell], dtype="string"), opt_out=True)
    assert values.tolist() == [want] and not bad.any()
    # words of that column only: 解除 / 停止 in a customer or won column mean a contract ended
    assert to_bool(pd.Series([cell], dtype="string"))[0].isna().all()


def test_a_satori_opt_out_column_flags_the_opted_out_people():
    from abm.ingest import apply_mapping, read_table, suggest_mapping

    csv = "メールアドレス,会社名,メール配信停止\na@x.example.jp,株式会社エー,配信停止\nb@y.example.jp,株式会社ビー,\n"
    raw = read_table(csv.encode("cp932"), "satori_customers.csv")
    leads = apply_mapping(raw, suggest_mapping(raw, table="leads"))[0]
    assert leads["unsubscribed"].tolist() == [True, pd.NA]
