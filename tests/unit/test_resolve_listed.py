"""A company listed by name matches the names that *are* that company (QA-P).

The tester listed PTC, Autodesk, AVEVA, Hexagon and Aspen Technology as competitors;
``PTC Japan株式会社`` at ptc.com (``PTC Inc.`` at the same domain was excluded), ``AVEVA
Group`` and ``ヘキサゴン・メトロロジー株式会社`` at hexagon.com were kept and ranked as
targets: a listed name matched only its exact key, and picked up a domain only when most
of that domain's rows wrote it (ptc.com: 2 of 7).
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.resolve import ExclusionRules, vocab
from abm.resolve.hygiene import apply_exclusions, learn_lists
from abm.resolve.listed import listed_rows
from abm.resolve.normalise import normalise_company

COMPETITORS = ExclusionRules(
    competitor_names=("PTC", "Autodesk", "AVEVA", "Hexagon", "Aspen Technology")
)


def _people(rows: list[tuple[str, str]]) -> pd.DataFrame:
    company, email = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "company": pd.array(list(company), dtype="string"),
            "email": pd.array(list(email), dtype="string"),
        }
    )


def _reasons(people: pd.DataFrame, rules: ExclusionRules = COMPETITORS) -> list[str]:
    return apply_exclusions(people, rules)["exclusion_reason"].fillna("-").tolist()


def test_the_testers_competitors_are_excluded_with_their_domains() -> None:
    people = _people(
        [("PTC Japan株式会社", f"p{i}@ptc.com") for i in range(5)]
        + [("PTC Inc.", "a@ptc.com"), ("PTC Inc.", "b@ptc.com")]
        + [("AVEVA Group", f"v{i}@aveva.com") for i in range(4)]
        + [("ヘキサゴン・メトロロジー株式会社", f"h{i}@hexagon.com") for i in range(3)]
        + [("Aspen Technology, Inc.", "x@aspentech.com"), ("Aspen Technology, Inc.", "y@aspentech.com")]
        + [("トヨタ自動車株式会社", "t@toyota.co.jp"), ("トヨタ自動車株式会社", "u@toyota.co.jp")]
    )  # fmt: skip
    assert _reasons(people) == ["competitor"] * 16 + ["-", "-"]
    learned = learn_lists(people, COMPETITORS)
    assert {"ptc.com", "aveva.com", "hexagon.com", "aspentech.com"} <= set(
        learned.competitor_domains
    )
    assert "toyota.co.jp" not in learned.competitor_domains
    # the accounts file and the deals are judged by what the people taught
    rows = _people(
        [("PTC Japan株式会社", ""), ("ヘキサゴン・メトロロジー株式会社", ""), ("トヨタ自動車", "")]
    )
    out = apply_exclusions(rows, learned, table="accounts", learn=False)
    assert out["exclusion_reason"].fillna("-").tolist() == ["competitor", "competitor", "-"]


@pytest.mark.parametrize(
    ("company", "email"),
    [
        ("PTC Japan", "a@gmail.com"),  # the name alone says it, wherever the address
        ("PTCジャパン株式会社", "a@example-mail.jp"),
        ("AVEVA Group plc", "a@aveva-partner.jp"),
        ("Autodesk Asia Pacific", "a@yahoo.co.jp"),
        ("オートデスク株式会社", "a@gmail.com"),  # the katakana spelling of a listed name
        ("ヘキサゴングループ", "a@gmail.com"),
        ("アヴェバ・ジャパン", "a@gmail.com"),
        ("Hexagon Foods", "a@hexagon.com"),  # at the listed company's own domain
    ],
)
def test_a_region_group_or_katakana_spelling_is_the_listed_company(company, email) -> None:
    assert _reasons(_people([(company, email)])) == ["competitor"]


@pytest.mark.parametrize(
    ("company", "email"),
    [
        ("SPTC Logistics", "a@sptc.co.jp"),  # a short name matches whole words only
        ("PTCI", "a@ptci.jp"),
        ("PTCJapan", "a@ptcj.jp"),
        ("Hexagon Foods", "a@hexagonfoods.co.jp"),  # another company: not its domain
        ("ヘキサゴン・メトロロジー株式会社", "a@hexagon-metro.jp"),  # nor here
        ("ヘキサゴナル工業", "a@hexagonal.co.jp"),
        ("Aspen Foods", "a@aspenfoods.com"),
        ("日本電気株式会社", "a@nec.com"),
    ],
)
def test_another_company_starting_alike_is_kept(company, email) -> None:
    assert _reasons(_people([(company, email)])) == ["-"]


def test_katakana_of_a_listed_name_is_read_with_the_prefix_nihon() -> None:
    rules = ExclusionRules(competitor_names=("Oracle",))
    people = _people([("日本オラクル株式会社", "a@gmail.com"), ("オラクルフーズ", "b@gmail.com")])
    assert _reasons(people, rules) == ["competitor", "-"]


def test_rows_at_the_listed_names_domain_are_found_without_the_list_learning() -> None:
    people = _people(
        [
            ("ヘキサゴン・メトロロジー株式会社", "a@hexagon.com"),
            ("Hexagon Foods", "b@hexagonfoods.jp"),
        ]
    )
    keys = normalise_company(people["company"])
    more, rows = listed_rows(
        keys, people["company"], [people["email"].str.split("@").str[1]], {"hexagon"}
    )
    assert more == set() and rows.tolist() == [True, False]


def test_region_and_group_words_golden() -> None:
    assert vocab.LISTED_NAME_SUFFIXES == (
        "Japan", "Nippon", "Nihon", "ジャパン", "日本", "Group", "グループ", "Holdings",
        "ホールディングス", "International", "Intl", "インターナショナル", "Asia", "アジア", "APAC",
        "Asia Pacific", "アジアパシフィック", "Pacific", "パシフィック", "Global", "グローバル",
        "Worldwide", "K.K.",
    )  # fmt: skip
    assert vocab.LISTED_NAME_PREFIXES == ("日本",)
    keys = normalise_company(pd.Series(list(vocab.LISTED_NAME_SUFFIXES), dtype="string"))
    assert keys.notna().all()  # each is a key a company name can end with
