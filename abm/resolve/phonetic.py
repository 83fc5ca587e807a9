"""How a name sounds: English spellings and katakana loanwords on one key.

``SECOM`` is セコム, ``UNITED ARROWS`` is ユナイテッドアローズ, ``Top Culture``
is トップカルチャー: the English spelling and the katakana write one sound in
two systems. Katakana's romaji (``sekomu``, ``yunaiteddoarozu``) adds a vowel
after most consonants and drops English ``r`` after a vowel, while English
spells one sound many ways (``c``/``k``/``s``, ``ph``, ``-tion``). This module
brings both to a *loose* form (:func:`loose`) and to its consonant *skeleton*
(:func:`skeleton`):

* English words go through :data:`ENGLISH_SPELLING`, ordered rules from
  English spelling to the sounds katakana writes (``ph`` → ``f``, ``-tion``
  → ``shon``, ``c`` before e/i/y → ``s``, a final silent ``e``, ``er`` → ``a``
  as in センター …);
* katakana romaji goes through :data:`KATAKANA_SOUNDS` (the vowel katakana
  adds after a consonant is dropped where English has none: ``sekomu`` →
  ``sekom``);
* both then go through :data:`COMMON_SOUNDS` (``l``/``r``, ``v``/``b``,
  ``sh``/``s``, ``z``/``s``, long vowels, double letters).

These are general rules of how English loanwords are written in katakana,
tested on ordinary words, not on company names. The skeleton is a blocking
key (exact equality); the loose forms are compared with a similarity score by
:mod:`abm.resolve.across`.
"""

from __future__ import annotations

import functools
import re

from abm.resolve.romanise import apply_rules

__all__ = [
    "COMMON_SOUNDS",
    "ENGLISH_SPELLING",
    "ENGLISH_WORDS",
    "KATAKANA_SOUNDS",
    "NEEDLES",
    "english_sounds",
    "katakana_sounds",
    "loose",
    "skeleton",
]

_V = "aiueo"
_C = "bcdfghjklmnpqrstvwxyz"

#: English spelling → katakana sounds, applied in order to one lower-case word.
ENGLISH_SPELLING: tuple[tuple[str, str], ...] = (
    (r"[^a-z0-9]", ""),
    (r"ph", "f"),  # photo フォト
    # tech テック, chrome クローム, chemical ケミカル, school スクール
    (r"(?<=te)ch|ch(?=[rl])|^ch(?=em)|(?<=s)ch", "k"),
    (r"tch", "ch"),  # patch パッチ
    # edge エッジ, bridge ブリッジ (jj: the e stays silent, the i short); not headgear ヘッドギア
    (r"dg(?=e(?![aiueo]))", "jj"),
    (r"ck", "k"),  # rock ロック
    (r"gh(?![aiueo])", ""),  # light ライト
    (r"^wh", "w"),
    (r"^woo", "uu"),  # wood ウッド, wool ウール (uu: a vowel, not the u of hub)
    (r"ang(?=es?$)", "enj"),  # change チェンジ, range レンジ, orange オレンジ
    (r"^kn", "n"),  # knit ニット
    (r"^wr", "r"),
    (r"^rh", "r"),  # rhythm リズム
    (r"(?<=[aiueor])si(?=on)", "j"),  # vision ビジョン, version バージョン
    (r"(?:ti|ssi|si)(?=on)", "sh"),  # station ステーション, mission ミッション
    (r"(?<=[aiueo])ti(?=a)", "shi"),  # initiative イニシアティブ
    (r"ive$", "ib"),  # creative クリエイティブ
    (r"ds(?=$|w)", "z"),  # seeds シーズ, goods グッズ, kidswear キッズウェア; not hudson ハドソン
    (r"i?ew(?![aiueo])", "yuu"),  # new ニュー, view ビュー, news ニュース
    (r"ture$|ture(?=[^aiueo])", "char"),  # culture カルチャー
    (r"^u(?=[bcdfgklmnprstvz][aeiou])", "yu"),  # unit ユニット, union ユニオン
    (r"qu", "ku"),  # quest クエスト
    (r"q", "k"),
    (r"x", "ks"),  # mix ミックス
    (r"c(?=[eiy])", "s"),  # center センター
    (r"c(?!h)", "k"),  # cloud クラウド
    (r"g(?=[eiy])", "j"),  # digital デジタル (romaji giken keeps its skeleton: g and j fold)
    (r"th", "s"),  # think シンク
    (r"a[iy]", "ei"),  # mail メール, day デー
    (rf"a(?=[{_C}]e$)", "ei"),  # base ベース, gate ゲート (a silent final e)
    (rf"(?<![aiueo])i(?=[{_C}]e$)", "ai"),  # side サイド, line ライン
    (rf"(?<=[{_C}])e$", ""),  # the silent e itself
    (rf"(?<![aiueo])u(?=[{_C}]{{2}}|[{_C}]$)", "a"),  # culture カルチャー, hub ハブ, sun サン
    (rf"ee|ea(?=[{_C}])|ie$", "i"),  # green グリーン, lead リード
    (r"oo", "u"),  # good グッド, food フード
    (r"oa", "o"),  # road ロード
    (r"au", "o"),  # auto オート
    (r"ou", "au"),  # out アウト, cloud クラウド
    (rf"ow(?=[{_C}]|$)", "o"),  # arrows アローズ, show ショー
    (r"ey$", "i"),  # key キー
    # an r before a final y opens its syllable: library ライブラリー, factory ファクトリー,
    # battery バッテリー, laboratory ラボラトリー, luxury ラグジュアリー
    (r"(?<=[aiueo])ry$", "ri"),
    (
        rf"(?:er|ar|ir|ur)(?=[{_C}]|$)|(?<=w)or(?=[{_C}])",
        "a",
    ),  # center センター, card カード, first ファースト, work ワーク
    (rf"or(?=[{_C}]|$)", "o"),  # port ポート
    (rf"(?<=[{_C}])y$", "i"),  # happy ハッピー
)

#: Common English words that no spelling rule says right → the romaji of the katakana
#: Japanese writes them with (read by :data:`KATAKANA_SOUNDS`): numbers, titles, short words.
ENGLISH_WORDS: dict[str, str] = {
    "one": "wan",  # ワン
    "two": "tsu",  # ツー
    "three": "suri",  # スリー
    "four": "fo",  # フォー
    "eight": "eito",  # エイト
    "mr": "misuta",  # ミスター
    "you": "yu",  # ユー
    "your": "yua",  # ユア
    "eye": "ai",  # アイ
}

#: Katakana romaji (Hepburn, ``ー`` dropped) → sounds, applied to one katakana word.
KATAKANA_SOUNDS: tuple[tuple[str, str], ...] = (
    # the vowel katakana adds after a closing consonant: セコム sekomu → sekom,
    # グッド guddo → gud, クエスト kuesuto → kuest
    # (u after a consonant; o after t/d, as loanwords add them)
    (r"(?<=[a-z][bgkmprz])u(?=[bcdfghjkmprstwz]|$)|(?<=[a-z][td])o(?=[bcdfghjkmprstwz]|$)", ""),
    (r"(?<=ts)u(?=[bcdfghjkmprstwz]|$)", ""),
    (r"(?<=ch)i$", ""),  # パッチ patchi
    (r"(?<=[a-z]s)u(?=[bcdfghjkmprtwz]|$)", ""),  # スト suto
    (r"^su(?=[bcdfghjkmnprtwz])", "s"),  # スター suta, スマート sumato
    (r"(?<=^[kbpgf])u(?=r)|(?<=^[dt])o(?=r)", ""),  # クラウド kuraudo, ドリーム dorimu
)

#: Applied to both after the above: one symbol per sound katakana tells apart.
COMMON_SOUNDS: tuple[tuple[str, str], ...] = (
    (r"t?ch", "C"),
    (r"sh", "s"),
    (r"t?ts", "T"),
    (r"z", "s"),
    (r"j", "J"),
    (r"l", "r"),
    (r"(?<=[aiueo])r+(?=[bcdfghjkmnpqrstvwxz]|$)", ""),  # r closing a syllable: カード, アルプス
    (r"v", "b"),
    (r"y", "i"),
    (r"w(?![aiueo])", ""),
    (r"h(?![aiueo])", ""),
    (r"m(?=[bp])", "n"),
    (r"ou|oo", "o"),
    (r"ei", "e"),
    (r"(.)\1+", r"\1"),
)

#: Text one of which a rule's match must contain (a rule whose text has none is skipped:
#: most of :data:`COMMON_SOUNDS` finds nothing in a given name). Checked by a unit test.
NEEDLES: dict[str, tuple[str, ...]] = {
    r"t?ch": ("ch",),
    r"sh": ("sh",),
    r"t?ts": ("ts",),
    r"z": ("z",),
    r"j": ("j",),
    r"l": ("l",),
    r"(?<=[aiueo])r+(?=[bcdfghjkmnpqrstvwxz]|$)": ("r",),
    r"v": ("v",),
    r"y": ("y",),
    r"w(?![aiueo])": ("w",),
    r"h(?![aiueo])": ("h",),
    r"m(?=[bp])": ("mb", "mp"),
    r"ou|oo": ("ou", "oo"),
    r"ei": ("ei",),
}

_COMPILED = {
    name: tuple((re.compile(p), r, NEEDLES.get(p)) for p, r in rules)
    for name, rules in (
        ("en", ENGLISH_SPELLING),
        ("ka", KATAKANA_SOUNDS),
        ("co", COMMON_SOUNDS),
    )
}
_VOWELS = re.compile(f"[{_V}]+")
_DOUBLE = re.compile(r"(.)\1+")


def _apply(text: str, rules: str) -> str:
    return apply_rules(text, _COMPILED[rules])


@functools.lru_cache(maxsize=262_144)
def english_sounds(word: str) -> str:
    """The sounds of one English (or romaji) word, before :data:`COMMON_SOUNDS`.

    Examples
    --------
    ``center`` → ``senta``, ``culture`` → ``kalcha``, ``station`` → ``stashon``;
    a word of :data:`ENGLISH_WORDS` as listed (``one`` → ``wan``).
    """
    word = word.lower()
    said = ENGLISH_WORDS.get(word)
    return katakana_sounds(said) if said else _apply(word, "en")


@functools.lru_cache(maxsize=262_144)
def katakana_sounds(romaji: str) -> str:
    """The sounds of one katakana word's Hepburn romaji, before :data:`COMMON_SOUNDS`.

    Examples
    --------
    ``senta`` (センター) stays; ``kuesuto`` (クエスト) → ``kuest``.
    """
    return _apply(romaji, "ka")


@functools.lru_cache(maxsize=262_144)
def loose(sounds: str) -> str:
    """One comparable spelling of a sequence of sounds (:data:`COMMON_SOUNDS` applied).

    Parameters
    ----------
    sounds : str
        The concatenated output of :func:`english_sounds` /
        :func:`katakana_sounds` (or a kanji reading's romaji).

    Returns
    -------
    str
        Lower-case vowels and consonant symbols (``C`` ch, ``J`` j, ``T`` ts).
    """
    return _apply(sounds, "co")


#: Consonants the skeleton does not tell apart: voiced and voiceless (a reading's
#: rendaku, 鬼怒川 kinugawa / kinukawa) and ``g``/``j`` (digital デジタル, giken 技研).
_SKELETON_FOLD = str.maketrans("gJdb", "kktp")


@functools.lru_cache(maxsize=262_144)
def skeleton(loose_form: str) -> str:
    """The consonants of a :func:`loose` form, doubles collapsed (a blocking key).

    ``sekom`` (セコム) and ``sekom`` (SECOM) give ``skm``; voiced consonants
    count as voiceless and ``g`` as ``j`` (:data:`_SKELETON_FOLD`).
    """
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", loose_form).translate(_SKELETON_FOLD))
