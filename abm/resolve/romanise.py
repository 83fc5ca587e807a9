"""Readings and romaji of Japanese text, for matching across scripts.

``株式会社三共``, ``SANKYO CO.,LTD.`` and the domain ``sankyo.co.jp`` name one
company in three scripts. This module gives the pieces the per-name keys of
:mod:`abm.resolve.namekeys` are built from:

* :func:`read_kana`: the katakana reading of Japanese text (katakana
  directly; kanji through a dictionary-backed reader, SudachiPy with
  SudachiDict core), cached per distinct text;
* :func:`kana_to_romaji`: Hepburn romaji of katakana;
* :func:`fold_romaji`: the everyday variants of romaji made equal: Hepburn
  and Kunrei syllables (shi/si, chi/ti, tsu/tu, fu/hu, ji/zi, sha/sya…),
  long vowels (``ou``/``oo``/``oh``/``o``, ``uu``/``u``, a doubled vowel for
  ``ー``), double consonants, ``m``/``n`` before b/m/p.

Without SudachiPy installed, text with kanji has no reading and everything
else still works.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "Rule",
    "apply_rules",
    "fold_romaji",
    "kana_to_romaji",
    "read_kana",
    "reader_name",
    "readings_of",
]

_MONO = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン"
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォヮ",
        ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so",
         "ta", "chi", "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he",
         "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa",
         "i", "e", "o", "n", "ga", "gi", "gu", "ge", "go", "za", "ji", "zu", "ze", "zo", "da",
         "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "vu",
         "a", "i", "u", "e", "o", "wa"],
        strict=True,
    )
)  # fmt: skip
#: Two-kana syllables of loanwords (``ティ`` is ``ti``, not ``tei``).
_PAIRS = {
    "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du", "デュ": "dyu", "テュ": "tyu",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu", "ウィ": "wi",
    "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo",
    "シェ": "she", "ジェ": "je", "チェ": "che", "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse",
    "ツォ": "tso", "イェ": "ye", "クァ": "kwa", "グァ": "gwa",
}  # fmt: skip
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}

#: Hepburn variant folding, applied in order to lower-case Latin text. The third item
#: lists texts one of which a match must contain (``None``: no such text): a fold whose
#: texts are all absent cannot change the name, and its regex is not run at all.
_FOLD_RULES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    (r"[^a-z0-9]", "", None),
    (r"sy(?=[aueo])", "sh", ("sy",)),  # Kunrei sya/syu/syo
    (r"(?:ty|cy)(?=[aueo])", "ch", ("ty", "cy")),
    (r"(?:zy|jy|dy)(?=[aueo])", "j", ("zy", "jy", "dy")),
    (r"si", "shi", ("si",)),
    (r"ti", "chi", ("ti",)),
    (r"tu", "tsu", ("tu",)),
    (r"(?<![sc])hu", "fu", ("hu",)),
    (r"(?:zi|di)", "ji", ("zi", "di")),
    (r"(?:du|dzu)", "zu", ("du", "dzu")),
    (r"shh", "sh", ("shh",)),
    (r"tch", "ch", ("tch",)),
    (r"oh(?![aiueo])", "o", ("oh",)),  # long vowels: oh / ou / oo / uu / doubled vowels
    (r"ou", "o", ("ou",)),
    (r"([aiueo])\1+", r"\1", ("aa", "ii", "uu", "ee", "oo")),
    (r"([bcdfghjklmpqrstvwxz])\1+", r"\1", None),  # double consonants (sokuon)
    (r"m(?=[bmp])", "n", ("mb", "mm", "mp")),
    (r"nihon", "nippon", ("nihon",)),
    (r"nipon", "nippon", ("nipon",)),
)  # fmt: skip
#: A rewrite rule: pattern, replacement, needles (:func:`apply_rules`).
Rule = tuple[re.Pattern[str], str, tuple[str, ...] | None]
_FOLDS: tuple[Rule, ...] = tuple((re.compile(p), r, needles) for p, r, needles in _FOLD_RULES)


def apply_rules(text: str, rules: tuple[Rule, ...]) -> str:
    """Rewrite rules applied in order; a rule is skipped when none of its needles is in the text.

    Parameters
    ----------
    text : str
    rules : tuple
        ``(pattern, replacement, needles)``: ``needles`` is text one of which any match
        must contain (``None``: always applied).

    Returns
    -------
    str
    """
    for pattern, repl, needles in rules:
        if needles is None:
            text = pattern.sub(repl, text)
            continue
        for needle in needles:  # a plain loop: cheaper than any() over a generator
            if needle in text:
                text = pattern.sub(repl, text)
                break
    return text


@functools.lru_cache(maxsize=262_144)
def fold_romaji(text: str) -> str:
    """Fold the everyday variants of romaji to one spelling (for comparison only).

    Parameters
    ----------
    text : str
        Latin text (any case, spaces and punctuation allowed).

    Returns
    -------
    str
        Lower-case letters and digits.

    Examples
    --------
    ``Tōkyō``, ``Toukyou``, ``Tohkyoh`` and ``TOKYO`` all give ``tokyo``;
    ``Shimbun`` and ``sinbun`` give ``shinbun``.
    """
    s = text.lower()
    if not s.isascii():  # accents off (ō → o); ASCII text has none
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    for _ in range(4):  # a fold may make another's pattern (``ouh`` → ``oh`` → ``o``)
        before = s
        s = apply_rules(s, _FOLDS)
        if s == before:
            break
    return s


@functools.lru_cache(maxsize=262_144)
def kana_to_romaji(kana: str) -> str | None:
    """Hepburn romaji of a katakana string (``ー`` dropped), or ``None`` if it has other characters.

    ``ッ`` doubles the next consonant, ``ン`` is ``n``; small ``ァ``… after a
    kana form loanword syllables (``ティ`` → ``ti``). The result is not folded.
    """
    out: list[str] = []
    i, n = 0, len(kana)
    geminate = False
    while i < n:
        c = kana[i]
        two = kana[i : i + 2]
        if c == "ー":
            i += 1
            continue
        if c == "ッ":
            geminate = True
            i += 1
            continue
        if two in _PAIRS:
            syl, i = _PAIRS[two], i + 2
        elif len(two) == 2 and two[1] in _YOON and _MONO.get(c, "").endswith("i") and c != "イ":
            stem = _MONO[c][:-1]
            syl, i = (stem if stem in ("sh", "ch", "j") else stem + "y") + _YOON[two[1]], i + 2
        elif c in _MONO:
            syl, i = _MONO[c], i + 1
        elif c in _YOON:
            syl, i = "y" + _YOON[c], i + 1
        else:
            return None
        if geminate:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl if syl[0] not in "aiueon" else syl
            geminate = False
        out.append(syl)
    return "".join(out)


# --- the dictionary-backed reader -------------------------------------------------------

_KANA_ONLY = re.compile(r"[ァ-ヴー]+")
#: Hiragana (ぁ..ゖ) → katakana: the dictionary writes some readings in hiragana.
_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


@functools.cache
def _dictionary():
    try:
        from sudachipy import Dictionary
    except ImportError:  # optional: kana and Latin names still get keys
        return None
    try:
        return Dictionary(dict="core")
    except Exception:  # a dictionary that does not load is the same as none
        return None


@functools.cache
def _tokenizer():
    d = _dictionary()
    if d is None:
        return None
    from sudachipy import SplitMode

    return d.tokenizer(SplitMode.C)


def reader_name() -> str:
    """Which reader gives kanji readings: ``"sudachipy+sudachidict-core"`` or ``"none"``."""
    return "sudachipy+sudachidict-core" if _tokenizer() is not None else "none"


@functools.lru_cache(maxsize=262_144)
def readings_of(text: str) -> frozenset[str]:
    """Every katakana reading the dictionary lists for the exact entry ``text``.

    ``北`` gives ホク, ホッ, キタ…; a text that is no entry (or no dictionary
    installed) gives none. Unlike :func:`read_kana`, which reads a whole name
    the one preferred way, this lists the other ways one word may be read.
    """
    d = _dictionary()
    if d is None or not text:
        return frozenset()
    out = set()
    for m in d.lookup(text):
        r = m.reading_form().translate(_TO_KATAKANA)
        if _KANA_ONLY.fullmatch(r):
            out.add(r)
    return frozenset(out)


@functools.lru_cache(maxsize=262_144)
def read_kana(text: str) -> str | None:
    """Katakana reading of Japanese text, or ``None`` when it cannot be read.

    Katakana comes back as it is; text with kanji is read by the dictionary
    (cached per distinct text). A reading the dictionary does not know (it
    returns the kanji themselves) is ``None``.
    """
    if not text:
        return ""
    if _KANA_ONLY.fullmatch(text):
        return text
    tok = _tokenizer()
    if tok is None:
        return None
    reading = "".join(m.reading_form() for m in tok.tokenize(text)).translate(_TO_KATAKANA)
    return reading if _KANA_ONLY.fullmatch(reading) else None
