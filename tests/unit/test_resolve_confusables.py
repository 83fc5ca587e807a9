"""Confusable folding (issue #20): the data table and fold_confusables, golden and properties."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.resolve.confusables import FOLD, build_table
from abm.resolve.normalise import fold_confusables, normalise_company, org_domain

#: Look-alike -> what a reader sees (golden, from UTS #39 with this module's rules).
GOLDEN = {
    "а": "a",  # CYRILLIC SMALL LETTER A
    "А": "a",  # CYRILLIC CAPITAL LETTER A
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "х": "x",
    "у": "y",
    "і": "i",  # CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    "ј": "j",
    "ӏ": "l",  # CYRILLIC SMALL LETTER PALOCHKA
    "Ι": "i",  # GREEK CAPITAL IOTA: an I, lower-cased as ASCII I is
    "ο": "o",  # GREEK SMALL OMICRON
    "α": "a",
    "ν": "v",
    "ρ": "p",
    "Ꭺ": "a",  # CHEROKEE LETTER GO
    "ɡ": "g",  # LATIN SMALL LETTER SCRIPT G
    "ɑ": "a",
    "ꓲ": "l",  # LISU LETTER I
    "−": "-",  # MINUS SIGN
    "–": "-",  # EN DASH
}


@pytest.mark.parametrize(("char", "ascii"), sorted(GOLDEN.items()))
def test_golden_look_alikes(char: str, ascii: str) -> None:
    assert FOLD[ord(char)] == ascii


def test_table_shape() -> None:
    assert len(FOLD) > 500
    assert all(chr(cp).isascii() is False for cp in FOLD)
    assert all(v.isascii() and v == v.lower() and v for v in FOLD.values())
    kept = [cp for cp in FOLD if 0x2E80 <= cp <= 0x9FFF or 0xFF00 <= cp <= 0xFFEF]
    assert not kept, "Japanese scripts and full-width forms are never folded"


def test_build_table_rules_on_sample_lines() -> None:
    lines = [
        "# comment",
        "0430 ;\t0061 ;\tMA\t# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A",
        "0049 ;\t006C ;\tMA\t# ( I → l ) ASCII is never a source",
        "0399 ;\t006C ;\tMA\t# ( Ι → l ) GREEK CAPITAL LETTER IOTA → l",
        "217F ;\t006D ;\tMA\t# ( ⅿ → m ) NFKC already folds it",
        "3007 ;\t004F ;\tMA\t# ( 〇 → O ) IDEOGRAPHIC NUMBER ZERO: Japanese, kept",
        "0271 ;\t0072 006E ;\tMA\t# ( ɱ → rn ) the prototype of m is rn",
        "0434 ;\t1D05 ;\tMA\t# ( д → ᴅ ) not ASCII: dropped",
        "05C0 ;\t006C ;\tMA\t# Hebrew paseq, no category Lu",
    ]
    assert build_table(lines) == {"Ι": "i", "а": "a", "ɱ": "m", "׀": "l"}


def test_fold_domains_golden() -> None:
    s = pd.Series(
        [
            "exаmple.com",  # Cyrillic а
            "ЕХАМРLЕ.СОМ",  # Cyrillic capitals
            "xn--80ak6aa92e.com",  # аррӏе.com in punycode
            "https://www.xn--80ak6aa92e.com/login",
            "example。co。jp",
            "ＥＸＡＭＰＬＥ．ｃｏｍ",
            "example.com",
            "Example.COM",
            None,
        ],
        dtype="string",
    )
    out = fold_confusables(s, domains=True)
    assert out.iloc[:6].tolist() == [
        "example.com",
        "example.com",
        "apple.com",
        "https://www.apple.com/login",
        "example.co.jp",
        "example.com",
    ]
    assert out.iloc[6:8].tolist() == ["example.com", "Example.COM"]  # ASCII untouched
    assert out.isna().iloc[8]
    assert org_domain(out).iloc[:6].tolist() == [
        "example.com",
        "example.com",
        "apple.com",
        "apple.com",
        "example.co.jp",
        "example.com",
    ]


def test_fold_names_leaves_japanese_alone() -> None:
    names = pd.Series(
        ["株式会社サカタのタネ", "Sаkata Inc.", "ＳＯＮＹ", "〇〇商事"], dtype="string"
    )
    keys = fold_confusables(normalise_company(names))
    assert keys.tolist()[1:] == ["sakata", "sony", "〇〇商事"]
    assert keys.iloc[0] == normalise_company(names).iloc[0]


def test_bad_punycode_is_left_as_written() -> None:
    s = pd.Series(["xn--zz.com", "xn--" + "a" * 80 + ".com"], dtype="string")
    assert fold_confusables(s, domains=True).tolist() == s.tolist()


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_without_punycode_is_never_changed(text: str) -> None:
    s = pd.Series([text.replace("xn--", "")], dtype="string")
    assert fold_confusables(s, domains=True).iloc[0] == s.iloc[0]
    assert fold_confusables(s).iloc[0] == s.iloc[0]


@given(st.text(max_size=40))
def test_folding_is_idempotent_and_leaves_nothing_foldable(text: str) -> None:
    s = pd.Series([text], dtype="string")
    once = fold_confusables(s, domains=True)
    assert fold_confusables(once, domains=True).iloc[0] == once.iloc[0]
    folded = once.iloc[0]
    if not text.isascii():
        assert not any(ord(c) in FOLD for c in folded)
        assert unicodedata.is_normalized("NFKC", folded) or "xn--" in text.lower()


@pytest.mark.timeout(60)
def test_pathological_inputs_stay_linear() -> None:
    s = pd.Series(["xn--" * 20_000, "а" * 30_000, "-" * 30_000 + "xn--a"], dtype="string")
    out = fold_confusables(s, domains=True)
    assert out.iloc[1] == "a" * 30_000
