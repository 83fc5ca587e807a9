"""Latin names read as other readings of kanji names (abm.resolve.readmatch)."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.resolve import resolve, resolve_accounts
from abm.resolve.readmatch import reading_pairs, reads_as
from abm.resolve.romanise import readings_of

# (concept key of a Latin name, Japanese name, reads as it)
READS = [
    ("hokokubank", "北國銀行", True),  # 北國 is キタグニ to the reader, ホッコク as a company
    ("daimatsuindustries", "大松産業", True),  # 大松 オオマツ / ダイマツ
    ("daieirealestate", "大栄不動産", True),  # 栄 alone has no エイ: the entry 大栄 has
    ("kurimototekosho", "栗本鉄工所", True),  # romaji glued, 鉄工所 read as a word
    ("hodogayakagakuindustries", "保土谷化学工業", True),  # kagaku glued; 工業 as its concept
    ("shinminamiaichi", "新南愛知", True),
    ("harimakasei", "ハリマ化成", True),  # kana as written
    ("kitakunibank", "南國銀行", False),  # every character must be read
    ("daitoko", "大東港運", False),  # and every letter
    ("hokoku", "北國銀行", False),  # a word-map word is read too
]


@pytest.mark.parametrize(("latin", "name", "expected"), READS)
def test_a_latin_name_reads_a_kanji_name_only_letter_for_letter(latin, name, expected):
    assert reads_as(latin, name) is expected


def test_the_dictionary_lists_every_reading_of_an_entry():
    assert {"ホク", "ホッ", "キタ"} <= readings_of("北")
    assert readings_of("") == frozenset()


def test_reading_pairs_return_key_positions():
    queries = pd.DataFrame(
        {"k": [0, 1, 2, 3], "concept": ["hokokubank", "hokokubank", "hoko", "hokoku"]}
    )
    targets = pd.DataFrame(
        {"k": [10, 11, 12, 13], "norm": ["北國銀行", "北国 銀行", "南国銀行", "ホッコク"]}
    )
    got = reading_pairs(queries, targets)
    # old forms read as the everyday ones; a kana name is not read (it has one reading);
    # a Latin name shorter than MIN_LATIN finds nothing; the whole name must be read
    assert sorted(zip(got["k"], got["k_t"], strict=True)) == [(0, 10), (0, 11), (1, 10), (1, 11)]


def test_romaji_and_english_names_join_a_kanji_name_read_another_way():
    out = resolve_accounts(
        pd.DataFrame(
            {
                "company": ["株式会社　北國銀行", "HOKKOKU BANK LTD.", "大松産業株式会社",
                            "DAIMATSU SANGYOU CO.,LTD.", "栗本鐵工所", "KURIMOTOTEKKOSYO"],
                "email": [None, "a@gmail.com", None, None, "b@kurimoto.co.jp", None],
            },
            dtype="string",
        )
    )  # fmt: skip
    for i in (0, 2, 4):
        assert out["account_id"].iloc[i] == out["account_id"].iloc[i + 1]
        assert out["match_rule"].iloc[i + 1] == "reading_name"
    assert out["account_id"].nunique() == 3


def test_a_latin_name_that_reads_two_kanji_names_goes_to_review():
    # 大松産業 and 代松産業 both read ダイマツサンギョウ another way: neither is chosen
    res = resolve(
        pd.DataFrame(
            {
                "company": ["DAIMATSU SANGYOU", "大松産業株式会社", "代松産業株式会社"],
                "email": [None, "a@x.co.jp", "b@y.co.jp"],
            },
            dtype="string",
        )
    )
    ids = res.leads["account_id"]
    assert ids.iloc[0] not in (ids.iloc[1], ids.iloc[2])
    assert "ambiguous_reading" in set(res.review["reason"])
