"""How names sound (abm.resolve.phonetic, abm.resolve.namekeys): golden tables on ordinary words."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from abm.resolve import phonetic
from abm.resolve.across import MIN_SOUND_RATIO
from abm.resolve.namekeys import name_keys
from abm.resolve.normalise import analyse_names
from abm.resolve.phonetic import english_sounds, katakana_sounds, loose, skeleton
from abm.resolve.romanise import kana_to_romaji


def _english(text: str) -> str:
    return loose("".join(english_sounds(w) for w in text.split()))


def _katakana(text: str) -> str:
    return loose("".join(katakana_sounds(kana_to_romaji(w) or "") for w in text.split()))


# ordinary English words and the katakana Japanese writes them with
LOANWORDS = [
    ("center", "センター"), ("culture", "カルチャー"), ("cloud", "クラウド"), ("quest", "クエスト"),
    ("innovation", "イノベーション"), ("station", "ステーション"), ("mission", "ミッション"),
    ("world", "ワールド"), ("digital", "デジタル"), ("base", "ベース"), ("gate", "ゲート"),
    ("side", "サイド"), ("line", "ライン"), ("green", "グリーン"), ("food", "フード"),
    ("road", "ロード"), ("auto", "オート"), ("out", "アウト"), ("show", "ショー"), ("mail", "メール"),
    ("key", "キー"), ("card", "カード"), ("first", "ファースト"), ("port", "ポート"),
    ("happy", "ハッピー"), ("hub", "ハブ"), ("sun", "サン"), ("mix", "ミックス"), ("photo", "フォト"),
    ("light", "ライト"), ("knit", "ニット"), ("think", "シンク"), ("leader", "リーダー"),
    ("dream", "ドリーム"), ("create", "クリエイト"), ("partners", "パートナーズ"), ("retail", "リテール"),
    ("system", "システム"), ("network", "ネットワーク"), ("solution", "ソリューション"),
    ("mobile", "モバイル"), ("express", "エクスプレス"), ("trade", "トレード"), ("patch", "パッチ"),
    ("good", "グッド"), ("arrows", "アローズ"), ("all about", "オール アバウト"), ("ride on", "ライド オン"),
    ("point", "ポイント"), ("frontier", "フロンティア"), ("nature", "ネイチャー"), ("plus", "プラス"),
    ("edge", "エッジ"), ("bridge", "ブリッジ"), ("judge", "ジャッジ"), ("knowledge", "ナレッジ"),
    ("vision", "ビジョン"), ("version", "バージョン"), ("television", "テレビジョン"),
    ("kidswear", "キッズウェア"), ("friends", "フレンズ"), ("new", "ニュー"), ("view", "ビュー"),
    ("news", "ニュース"), ("library", "ライブラリー"), ("summary", "サマリー"),
    ("factory", "ファクトリー"), ("laboratory", "ラボラトリー"), ("battery", "バッテリー"),
    ("history", "ヒストリー"), ("memory", "メモリー"), ("category", "カテゴリー"),
    ("gallery", "ギャラリー"), ("delivery", "デリバリー"),
    ("one", "ワン"), ("two", "ツー"), ("eight", "エイト"), ("mr", "ミスター"),
    ("wood", "ウッド"), ("wool", "ウール"), ("change", "チェンジ"), ("range", "レンジ"),
    ("orange", "オレンジ"),
    # and the rules above leave these as they were
    ("hudson", "ハドソン"), ("goldsmith", "ゴールドスミス"), ("landscape", "ランドスケープ"),
]  # fmt: skip


@pytest.mark.parametrize(("english", "katakana"), LOANWORDS)
def test_a_loanword_sounds_like_its_english_spelling(english, katakana):
    a, b = _english(english), _katakana(katakana)
    assert skeleton(a) == skeleton(b), (a, b)
    assert fuzz.ratio(a, b) >= MIN_SOUND_RATIO, (a, b)


# different words: the skeletons differ or the loose spellings are too far apart
DIFFERENT = [
    ("card", "コード"), ("cloud", "クロス"), ("base", "バス"), ("light", "ロード"), ("mobile", "モール"),
    ("green", "グループ"), ("secom", "サカモト"), ("united", "ユニーク"), ("hub", "ホープ"), ("sun", "ソーン"),
]  # fmt: skip


@pytest.mark.parametrize(("english", "katakana"), DIFFERENT)
def test_different_words_do_not_sound_alike(english, katakana):
    a, b = _english(english), _katakana(katakana)
    assert skeleton(a) != skeleton(b) or fuzz.ratio(a, b) < MIN_SOUND_RATIO, (a, b)


def test_skeleton_ignores_vowels_voicing_and_g_or_j():
    assert skeleton(_english("secom")) == skeleton(_katakana("セコム")) == "skm"
    assert skeleton(loose("kinugawa")) == skeleton(loose("kinukawa"))  # rendaku
    assert skeleton(loose("giken")) == skeleton(loose("jiken"))


def test_rules_are_plain_data():
    for rules in (phonetic.ENGLISH_SPELLING, phonetic.KATAKANA_SOUNDS, phonetic.COMMON_SOUNDS):
        for pattern, repl in rules:
            re.compile(pattern)
            assert isinstance(repl, str)


def test_every_needle_names_a_rule():
    patterns = {p for rules in (phonetic.KATAKANA_SOUNDS, phonetic.COMMON_SOUNDS) for p, _ in rules}
    assert set(phonetic.NEEDLES) <= patterns


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzCJT0123456789", max_size=12))
def test_a_rule_matches_only_text_holding_one_of_its_needles(text):
    # a needle is a necessary condition: skipping a rule whose needles are absent changes nothing
    for pattern, needles in phonetic.NEEDLES.items():
        if re.search(pattern, text):
            assert any(n in text for n in needles), (pattern, text)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 -'&", max_size=30))
def test_loose_and_skeleton_are_plain_and_stable(text):
    form = loose("".join(english_sounds(w) for w in text.split()))
    assert re.fullmatch(r"[a-z0-9CJT]*", form), form
    skel = skeleton(form)
    assert not re.search(r"[aiueo]", skel)
    assert skeleton(skel) == skel


# (name, name): spellings of one company in two scripts whose names sound alike
NAMES = [
    ("secom", "セコム"),
    ("united arrows", "ユナイテッドアローズ"),
    ("top culture", "トップカルチャー"),
    ("area quest", "エリアクエスト"),
    ("lite on japan", "日本ライトン"),  # a place word anywhere
    ("sato tekko", "佐藤鉄工"),  # romaji of a kanji reading
    ("kids star", "キッズスター"),
    ("sockets", "ソケッツ"),
    ("rheon automatic machinery", "レオン自動機"),  # rh is r; 自動機 is a word of the map
]


@pytest.mark.parametrize(("latin", "japanese"), NAMES)
def test_name_sounds_meet_across_scripts(latin, japanese):
    a, b = name_keys(latin).sounds, name_keys(japanese).sounds
    form_a, _, places_a = a.partition("|")
    form_b, _, places_b = b.partition("|")
    assert skeleton(form_a) == skeleton(form_b) and places_a == places_b, (a, b)
    assert fuzz.ratio(form_a, form_b) >= MIN_SOUND_RATIO


def test_a_plural_word_also_sounds_like_its_singular():
    # katakana often writes the singular: エキスパート for experts, サイエンス for sciences
    for plural, singular in (("experts", "エキスパート"), ("biosciences", "バイオサイエンス")):
        a, b = name_keys(plural).spoken_sg, name_keys(singular).spoken
        assert skeleton(a) == skeleton(b) and fuzz.ratio(a, b) >= MIN_SOUND_RATIO, (a, b)
    # the plural as written does not sound like エキスパート
    assert skeleton(name_keys("experts").spoken) != skeleton(name_keys("エキスパート").spoken)
    assert name_keys("technologies").sounds_sg == name_keys("technology").sounds
    assert name_keys("global experts").spoken_sg == name_keys("global expert").spoken
    # words that only end in s have no singular
    for word in ("plus", "business", "atlas", "bus", "campus", "arts99"):
        assert name_keys(word).sounds_sg is None, word
    # Japanese names have no plural
    assert name_keys("エキスパーツ").sounds_sg is None


def test_letter_names_written_apart_spell_their_letters():
    # ピー・シー・エー (the dots become spaces) is PCA, as ピーシーエー is
    assert name_keys("ピー シー エー").concept == name_keys("pca").concept == "pca"
    assert name_keys("テー オー ダブリュー").concept == "tow"  # テー: the older name of T
    # as the normaliser leaves a name written with ・ between the letters
    spaced = analyse_names(pd.Series(["ピー・シー・エー株式会社"]))["spaced"].iloc[0]
    assert name_keys(spaced).concept == "pca"
    # one letter name alone is a word
    assert name_keys("ピー 工業").concept != name_keys("p 工業").concept


def test_a_word_without_vowels_is_read_letter_by_letter():
    # NCS is エヌシーエス, not "nix"
    assert name_keys("ncs").sounds == name_keys("エヌシーエス").sounds
    assert skeleton(name_keys("ncs").sounds) != skeleton(name_keys("ニックス").sounds)


def test_spoken_says_the_whole_name_without_translating():
    # the word map cuts イノテック into イノ + テック (tech); said whole, both are inotech
    assert name_keys("innotech").spoken == name_keys("イノテック").spoken
    assert name_keys("イノテック").sounds.startswith("ino|")


def test_two_letters_are_read_as_letters_unless_a_word():
    assert name_keys("ir japan").sounds == name_keys("アイアールジャパン").sounds
    assert name_keys("ai").sounds == name_keys("エーアイ").sounds
    assert name_keys("media do").sounds != name_keys("media ディーオー").sounds  # Do is a word


def test_place_words_are_said_by_their_concept_and_old_kanji_as_new():
    # 日本 is said nippon or nihon, the English name says japan
    assert skeleton(name_keys("japan u pica").spoken) == skeleton(name_keys("日本ユピカ").spoken)
    # 製鐵 is the old form of 製鉄 (steel)
    assert name_keys("大阪製鐵").concept == name_keys("osaka steel").concept
