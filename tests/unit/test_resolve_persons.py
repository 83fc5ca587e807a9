"""Person de-duplication and the survivorship rule."""

from __future__ import annotations

import pandas as pd

from abm.resolve import dedupe_persons, merge_persons


def leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "email": pd.array(
                [
                    "Taro@A.co.jp",
                    "ｔａｒｏ＠ａ．ｃｏ．ｊｐ",
                    " taro@a.co.jp",
                    None,
                    None,
                    "hana@b.co.jp",
                ],
                dtype="string",
            ),
            "phone": pd.array(["03-1111", None, None, "x", "y", None], dtype="string"),
            "title": pd.array(["課長", "部長", None, None, None, "担当"], dtype="string"),
            "created_at": pd.to_datetime(
                ["2024-01-01", "2024-03-01", "2024-02-01", "2024-01-01", "2024-01-01", "2024-01-01"]
            ),
            "unsubscribed": pd.array([True, False, False, False, False, False], dtype="boolean"),
        },
        index=[10, 11, 12, 13, 14, 15],
    )


def test_same_email_case_and_width_insensitive_is_one_person() -> None:
    out = dedupe_persons(leads())
    assert out["person_id"].nunique() == 4  # taro, two without email, hana
    assert out.loc[[10, 11, 12], "person_id"].nunique() == 1
    assert out.loc[13, "person_id"] != out.loc[14, "person_id"]


def test_latest_row_survives_and_others_point_to_it() -> None:
    out = dedupe_persons(leads())
    assert out["is_survivor"].tolist() == [False, True, False, True, True, True]
    assert out.loc[10, "merged_into"] == "11"
    assert out.loc[12, "merged_into"] == "11"
    assert pd.isna(out.loc[11, "merged_into"])


def test_survivorship_latest_non_empty_value_wins() -> None:
    persons = merge_persons(leads())
    taro = persons.loc[11]
    assert taro["title"] == "部長"  # latest (2024-03-01)
    assert taro["phone"] == "03-1111"  # only non-empty value, kept
    assert bool(taro["unsubscribed"]) is True  # any row opted out
    assert taro["merged_rows"] == 3
    assert taro["created_at"] == pd.Timestamp("2024-01-01")  # first seen, not last exported
    assert len(persons) == 4
    assert list(persons.index) == [11, 13, 14, 15]


def test_input_not_mutated() -> None:
    df = leads()
    before = df.copy()
    merge_persons(df)
    pd.testing.assert_frame_equal(df, before)


def test_one_crm_record_in_two_exports_is_one_person_email_or_not() -> None:
    """The same contact id and name: one person (last month's and this month's report);
    an id alone (two tools numbering from 1) or a name alone is not enough."""
    frame = pd.DataFrame(
        {
            "lead_id": pd.array(["003A", "003A", "003B", "003B", "7", "7", None, None], dtype="string"),
            "full_name": pd.array(
                ["森 恵", "森　恵", "山田 太郎", "山田 太郎", "佐藤 一", "鈴木 二", "田中 三", "田中 三"],
                dtype="string",
            ),
            "email": pd.array([None, None, None, "taro@b.co.jp", None, None, None, None], dtype="string"),
            "created_at": pd.to_datetime(["2025-03-01"] * 8),
        }
    )  # fmt: skip
    out = dedupe_persons(frame)
    assert out["person_id"].nunique() == 6
    assert out.loc[0, "person_id"] == out.loc[1, "person_id"]  # full-width space: same name
    assert out.loc[2, "person_id"] == out.loc[3, "person_id"]  # one row has the e-mail
    assert out.loc[4, "person_id"] != out.loc[5, "person_id"]  # same id, another person
    assert out.loc[6, "person_id"] != out.loc[7, "person_id"]  # a name alone
    assert out["merged_by"].dropna().tolist() == ["record_id", "record_id"]
    assert out.loc[[0, 2], "merged_into"].tolist() == ["1", "3"]  # the later row survives
    same_mail = dedupe_persons(leads())
    assert same_mail.loc[[10, 12], "merged_by"].tolist() == ["email", "email"]
