"""What a file implies without holding it (abm.ingest.derive), through apply_mapping."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.ingest import apply_mapping, read_table, suggest_mapping
from abm.ingest.derive import salesforce_id15


def _load(text: str, **kw):
    raw = read_table(text.encode("utf-8"), "f.csv")
    m = suggest_mapping(raw, **kw)
    return apply_mapping(raw, m)


#: 15-character ids and their case-safe 18-character form (Salesforce's checksum).
IDS = [
    ("0035g0000OHq1el", "0035g0000OHq1elAQB"),
    ("0015g00007dnXB9", "0015g00007dnXB9AAM"),
    ("00Q5g0000A1aOlD", "00Q5g0000A1aOlDEQU"),
    ("0065g0000AwrLBC", "0065g0000AwrLBCAQ2"),
]


@pytest.mark.parametrize(("short", "long"), IDS)
def test_an_18_character_id_is_its_15_character_id(short: str, long: str) -> None:
    assert salesforce_id15(pd.Series([long, short, long.lower()[:15] + long[15:]])).tolist() == [
        short,
        short,
        long.lower()[:15] + long[15:],  # another case pattern: the checksum no longer holds
    ]
    assert salesforce_id15(pd.Series([long[:15] + long[15:].lower()])).tolist() == [short]


def test_an_18_character_id_with_a_wrong_checksum_is_left_alone() -> None:
    bad = "0035g0000OHq1elAAA"
    assert salesforce_id15(pd.Series([bad, pd.NA], dtype="string")).tolist() == [bad, pd.NA]


def test_other_tools_ids_are_shortened_only_when_every_one_is_a_salesforce_id() -> None:
    longs = pd.Series([long for _, long in IDS])
    assert salesforce_id15(longs, salesforce=False).tolist() == [s for s, _ in IDS]
    mixed = pd.concat([longs, pd.Series(["ABCDEFGHIJKLMNOPQR"])], ignore_index=True)
    assert salesforce_id15(mixed, salesforce=False).tolist() == mixed.tolist()


@given(st.text(alphabet="abcXYZ0129", min_size=15, max_size=15))
def test_the_checksum_round_trips(short: str) -> None:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    suffix = "".join(
        alphabet[sum(1 << i for i, c in enumerate(short[k : k + 5]) if c.isupper())]
        for k in (0, 5, 10)
    )
    assert salesforce_id15(pd.Series([short + suffix])).tolist() == [short]


def test_full_name_from_family_and_given_name() -> None:
    frame, issues = _load("姓,名,会社名\n田中,太郎,A社\n,花子,B社\nSato,Ken,C\n,,D\n")
    assert frame["full_name"].tolist()[:3] == ["田中 太郎", "花子", "Ken Sato"]
    assert pd.isna(frame["full_name"].iloc[3])
    assert issues.set_index("check").loc["full_name_built", "count"] == 3


def test_a_mapped_full_name_wins_and_only_gaps_are_filled() -> None:
    frame, _ = _load("氏名,姓,名,会社名\n田中 太郎,田中,太郎,A\n,佐藤,花子,B\n")
    assert frame["full_name"].tolist() == ["田中 太郎", "佐藤 花子"]


def test_bands_keep_their_text_and_plain_numbers_do_not() -> None:
    frame, issues = _load('会社名,従業員数,売上高\nA,"1,000〜1,999名",10億円以上\nB,250,5億\nC,,\n')
    assert frame["employees"].tolist()[:2] == [1000, 250]
    assert frame["employees_band"].tolist()[0] == "1,000〜1,999名"
    assert frame["employees_band"].isna().tolist() == [False, True, True]
    assert frame["annual_revenue"].tolist()[:2] == [1e9, 5e8]
    assert frame["annual_revenue_band"].tolist()[0] == "10億円以上"
    assert set(issues["check"]) == {"band_lower_bound"}


def test_a_file_without_bands_gets_no_band_column() -> None:
    frame, issues = _load("会社名,従業員数\nA,300\n")
    assert "employees_band" not in frame.columns and issues.empty


def test_probability_fractions_become_percent_and_percent_stays() -> None:
    head = "商談名,フェーズ,金額,確度\n"
    frame, issues = _load(head + "A,提案,100,0.2\nB,受注,100,1\n")
    assert frame["probability"].tolist() == [20.0, 100.0]
    assert "probability_fraction" in set(issues["check"])
    frame, issues = _load(head + "A,提案,100,20\nB,受注,100,100\n")
    assert frame["probability"].tolist() == [20.0, 100.0] and issues.empty
    frame, _ = _load(head + "A,提案,100,0\nB,受注,100,1\n")  # 0 and 1 only: percent, as written
    assert frame["probability"].tolist() == [0.0, 1.0]


def test_origin_fills_only_where_the_file_has_none() -> None:
    raw = read_table(
        "日時,行動種別,メールアドレス,origin\n2024/1/1,電話,a@b.jp,marketing\n2024/1/2,電話,a@b.jp,\n".encode(),
        "a.csv",
    )
    m = replace(suggest_mapping(raw), origin="sales")
    frame, _ = apply_mapping(raw, m)
    assert frame["origin"].tolist() == ["marketing", "sales"]


def test_derived_frames_keep_canonical_order_and_lineage_last() -> None:
    frame, _ = _load("名,姓,会社名,従業員数\n太郎,田中,A,2000+\n")
    cols = list(frame.columns)
    assert cols[-2:] == ["source_file", "source_row"]
    assert cols.index("full_name") < cols.index("last_name") < cols.index("employees_band")
