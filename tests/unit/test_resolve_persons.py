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


def _cards() -> pd.DataFrame:
    """Leads from an MA tool and business cards without e-mail at the same companies."""
    return pd.DataFrame(
        {
            "full_name": pd.array(
                ["山田 太郎", "山田　太郎", "ヤマダ タロウ", "佐藤 花子", "佐藤花子", "佐藤 花子",
                 "鈴木 一郎", "鈴木 一郎", "田中 二郎", "田中 二郎", "高橋 三郎", None],
                dtype="string",
            ),
            "company": pd.array(
                ["株式会社アルファ", "㈱アルファ", "株式会社アルファ", "ベータ株式会社",
                 "ベータ（株）", "ベータ株式会社", "ガンマ株式会社", "デルタ株式会社",
                 "イプシロン株式会社", "イプシロン株式会社", None, "ゼータ株式会社"],
                dtype="string",
            ),
            "email": pd.array(
                ["taro@alpha.co.jp", None, None, "hanako@beta.co.jp", None, "h.sato@beta.co.jp",
                 None, None, None, None, None, None],
                dtype="string",
            ),
            "created_at": pd.to_datetime(["2025-01-01"] * 6 + ["2025-02-01"] * 6),
        }
    )  # fmt: skip


def test_a_card_without_email_is_the_person_of_that_name_at_that_company() -> None:
    """A business card (no e-mail) joins the one person of its full name at its company —
    width, spaces and legal-form spelling aside; a reading, another company, two people with
    different addresses of that name, or a name without a company are never enough."""
    out = dedupe_persons(_cards())
    pid = out["person_id"]
    assert pid[0] == pid[1]  # 山田　太郎 at ㈱アルファ: 山田 太郎 of 株式会社アルファ
    assert pid[2] != pid[0]  # a reading is another name
    assert len({pid[3], pid[4], pid[5]}) == 3  # two 佐藤 花子 with addresses: which one?
    assert pid[6] != pid[7]  # the same name at two companies
    assert pid[8] == pid[9]  # two cards of one name at one company, no e-mail at all
    assert pid[10] != pid[11]  # no company / no name
    assert out["person_id"].nunique() == 10
    # a tie of dates: the later row survives, the lead's e-mail filling its blank
    assert out.loc[0, "merged_into"] == "1"
    assert out.loc[[0, 8], "merged_by"].tolist() == ["name_company", "name_company"]
    persons = merge_persons(out)
    assert persons.loc[1, "email"] == "taro@alpha.co.jp"
    assert persons.loc[1, "merged_rows"] == 2
    assert len(persons) == 10


def test_the_cleaning_merges_a_card_and_says_why() -> None:
    """Through the cleaning: the card is merged (not lost), with its reason, into the person
    名寄せ then puts at the company; every input row is kept, merged or excluded."""
    from abm.resolve import ResolveConfig, clean_leads

    res = clean_leads(_cards(), config=ResolveConfig())
    assert len(res.kept) + len(res.merged) + len(res.excluded) == len(_cards())
    assert res.merged.loc[0, "merged_by"] == "name_company"
    assert res.merged.loc[0, "merged_into"] == "1"
    assert res.kept.loc[1, "email"] == "taro@alpha.co.jp"


def test_a_surname_alone_is_not_a_full_name() -> None:
    """Review: Salesforce requires no first name; two 佐藤 without e-mail at one company are
    not one person, nor a 佐藤 and an e-mail lead 佐藤 花子 there."""
    frame = pd.DataFrame(
        {
            "last_name": pd.array(["佐藤", "佐藤", "佐藤", "鈴木"], dtype="string"),
            "first_name": pd.array([None, "", "花子", None], dtype="string"),
            "full_name": pd.array([None, None, None, "鈴木　一郎"], dtype="string"),
            "company": pd.array(["アルファ株式会社"] * 3 + ["ベータ株式会社"], dtype="string"),
            "email": pd.array([None, None, "hanako@alpha.co.jp", None], dtype="string"),
        }
    )
    out = dedupe_persons(frame)
    assert out["person_id"].nunique() == 4
    two = pd.concat([frame, frame.iloc[[3]]], ignore_index=True)  # a full name in two parts
    assert dedupe_persons(two)["person_id"].nunique() == 4
