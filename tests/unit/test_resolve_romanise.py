"""Readings, romaji and the word map (abm.resolve.romanise, abm.resolve.wordmap): golden tables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.resolve import wordmap
from abm.resolve.namekeys import name_keys
from abm.resolve.romanise import fold_romaji, kana_to_romaji, read_kana

# (katakana, Hepburn romaji as written, folded)
KANA = [
    ("サンキョウ", "sankyou", "sankyo"),
    ("ヒガシマル", "higashimaru", "higashimaru"),
    ("チュウキョウギンコウ", "chuukyouginkou", "chukyoginko"),
    ("ニッポン", "nippon", "nippon"),
    ("シンブン", "shinbun", "shinbun"),
    ("ジェイエイシー", "jeieishi", "jeieishi"),
    ("ティーケーシー", "tikeshi", "chikeshi"),
    ("ヴィーナス", "vinasu", "vinasu"),
    ("キャノン", "kyanon", "kyanon"),
    ("マッチ", "matchi", "machi"),
]


@pytest.mark.parametrize(("kana", "romaji", "folded"), KANA)
def test_katakana_to_hepburn_romaji(kana, romaji, folded):
    assert kana_to_romaji(kana) == romaji
    assert fold_romaji(romaji) == folded


def test_non_katakana_has_no_romaji():
    assert kana_to_romaji("三共") is None


# spellings people use for one name -> one folded form
VARIANTS = [
    (["Tōkyō", "Toukyou", "Tohkyoh", "TOKYO", "tookyoo"], "tokyo"),
    (["shimbun", "sinbun", "Shinbun"], "shinbun"),
    (["Tsutsumi", "tutumi"], "tsutsumi"),
    (["Fuji", "huzi", "FUJI"], "fuji"),
    (["Chuo", "tyuo", "chuuou", "Chūō"], "chuo"),
    (["Sha", "sya"], "sha"),
    (["Nihon", "Nippon", "nipon"], "nippon"),
    (["Ito-Yokado", "itoyokado", "ITO YOKADO"], "itoyokado"),
]


@pytest.mark.parametrize(("spellings", "folded"), VARIANTS)
def test_hepburn_variants_fold_to_one_spelling(spellings, folded):
    assert {fold_romaji(s) for s in spellings} == {folded}


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'", max_size=30))
def test_fold_is_idempotent_and_plain(text):
    once = fold_romaji(text)
    assert fold_romaji(once) == once
    assert once == "" or (once.isalnum() and once.isascii())


# (normalised name, roman key, concept key): Japanese names and the Latin names that must meet them
KEYS = [
    ("三共", "sankyo", "sankyo"),
    ("sankyo", "sankyo", "sankyo"),
    ("楽天銀行", "rakutenginko", "rakutenbank"),
    ("rakuten bank", "rakutenbank", "rakutenbank"),
    ("中京銀行", "chukyoginko", "chukyobank"),
    ("chukyo ginko", "chukyoginko", "chukyobank"),
    ("the chukyo bank", "thechukyobank", "chukyobank"),
    ("オキナワフィナンシャルグループ", "okinawafinansharugurupu", "okinawafinancialgroup"),
    ("okinawa financial group", "okinawafinancialgrop", "okinawafinancialgroup"),
    ("ジェイエイシーリクルートメント", "jeieishirikurutomento", "jacrecruitment"),
    ("jac recruitment", "jacrecruitment", "jacrecruitment"),
    ("東洋テック", "toyoteku", "toyotech"),
    ("toyo tec", "toyotec", "toyotech"),
    ("関西電力", "kansaidenryoku", "kansaielectricpower"),
    ("kansai electric power", "kansaielectricpower", "kansaielectricpower"),
]


@pytest.mark.parametrize(("name", "roman", "concept"), KEYS)
def test_name_keys_golden(name, roman, concept):
    keys = name_keys(name)
    assert (keys.roman, keys.concept) == (roman, concept)


def test_generic_words_are_set_apart_from_the_core():
    keys = name_keys("ウシオ電機")
    assert (keys.core, keys.generic, keys.reading) == ("ushio", "electric", "ウシオデンキ")
    assert name_keys("ushio").core == "ushio"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("toko electrical construction", "toko"),
        ("symbio pharmaceuticals", "symbio"),
        ("kids star", "kidsstar"),
        ("fuji nihon", "fujinihon"),
        ("the hanshin diesel works", "hanshindiesel"),
        ("m a research institute ホールディングス", "ma"),
        ("東光電気工事", None),
        ("lineヤフー", None),
    ],
)
def test_written_key_is_the_latin_distinctive_words_as_typed(name, written):
    assert name_keys(name).written == written


def test_unreadable_names_get_no_key():
    assert name_keys("〓〓").roman is None


def test_kanji_are_read_by_the_dictionary():
    assert read_kana("三共") == "サンキョウ"
    assert read_kana("ヒガシマル") == "ヒガシマル"  # katakana comes back as it is


# (Japanese word, English forms that mean it) from the word map, both directions
WORD_MAP = [
    ("ホールディングス", "holdings"),
    ("グループ", "group"),
    ("電力", "electric power"),
    ("銀行", "bank"),
    ("日本", "japan"),
    ("日本", "nippon"),
    ("日本", "nihon"),
    ("フィナンシャル", "financial"),
    ("証券", "securities"),
    ("不動産", "real estate"),
    ("地所", "estate"),
    ("エステート", "estate"),
    ("建設", "construction"),
    ("工務店", "builders"),
    ("照明", "lighting"),
    ("高速道路", "expressway"),
    ("テレビ", "tv"),
    ("海運", "marine"),
    ("海上", "kaijo"),
    ("保証", "guarantee"),
    ("研究所", "institute"),
    ("観光", "tourist"),
    ("ツーリスト", "tourist"),
    ("ゴルフ", "golfing"),
    ("化粧品", "cosmetics"),
    ("取引所", "exchange"),
]


@pytest.mark.parametrize(("ja", "en"), WORD_MAP)
def test_word_map_meets_in_the_middle(ja, en):
    assert name_keys(ja).concept == name_keys(en).concept


def test_word_map_is_well_formed_data():
    seen = {}
    for forms, reading, english in wordmap.WORDS:
        assert forms and english, forms
        assert kana_to_romaji(reading), reading  # every reading is plain katakana
        assert all(e == e.lower() for e in english)
        for f in forms:
            assert f not in seen, f"{f} listed twice"
            seen[f] = english[0]
    assert set(wordmap.LETTER_NAMES.values()) == set("abcdefghijklmnopqrstuvwxyz")


def test_a_fold_that_makes_another_fold_is_applied_again():
    # ouh → oh → o: folding once more changes nothing (hypothesis found "ouh")
    assert fold_romaji("ouh") == fold_romaji("oh") == "o"


@given(st.text(alphabet="aiueoshtyczjdmbnpkgfrwvl0- ", max_size=16))
def test_a_fold_is_skipped_only_where_it_cannot_match(text):
    """``fold_romaji`` runs a fold's regex only when one of its listed texts is present: where
    none is, the regex must leave the text as it is (the list is data; a wrong one would
    silently skip a fold)."""
    from abm.resolve.romanise import _FOLDS

    for pattern, repl, needles in _FOLDS:
        if needles is not None and not any(n in text for n in needles):
            assert pattern.sub(repl, text) == text, pattern.pattern
