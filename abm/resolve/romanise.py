"""Readings and romaji of company names, for matching across scripts.

``株式会社三共``, ``SANKYO CO.,LTD.`` and the domain ``sankyo.co.jp`` name one
company in three scripts. Each distinct name gets two comparison keys
(:func:`name_keys`), both plain lower-case Latin letters and digits:

``roman``
    The name as it sounds: Japanese text through its reading (katakana
    directly; kanji through a dictionary-backed reader, SudachiPy with
    SudachiDict core), then Hepburn romaji; Latin text as written.
``concept``
    The name as it is *translated*: words of :data:`abm.resolve.wordmap.WORDS`
    become their English concept in either script (``銀行``, ``バンク``,
    ``ginko`` and ``bank`` are all ``bank``), letters spelled in katakana
    become letters (``ジェイエイシー`` → ``jac``), the rest is romanised.

Both keys go through :func:`fold_romaji`, which makes the everyday variants of
romaji equal: Hepburn and Kunrei syllables (shi/si, chi/ti, tsu/tu, fu/hu,
ji/zi, sha/sya…), long vowels (``ou``/``oo``/``oh``/``o``, ``uu``/``u``, a
doubled vowel for ``ー``), double consonants, ``m``/``n`` before b/m/p.

Readings are cached per distinct text (a million leads hold far fewer
distinct names). Without SudachiPy installed, names with kanji get no key and
everything else still works.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from abm.resolve import wordmap

__all__ = ["NameKeys", "fold_romaji", "kana_to_romaji", "name_keys", "read_kana", "reader_name"]

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

#: Hepburn variant folding, applied in order to lower-case Latin text.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"[^a-z0-9]", ""),
        (r"sy(?=[aueo])", "sh"),  # Kunrei sya/syu/syo
        (r"(?:ty|cy)(?=[aueo])", "ch"),
        (r"(?:zy|jy|dy)(?=[aueo])", "j"),
        (r"si", "shi"),
        (r"ti", "chi"),
        (r"tu", "tsu"),
        (r"(?<![sc])hu", "fu"),
        (r"(?:zi|di)", "ji"),
        (r"(?:du|dzu)", "zu"),
        (r"shh", "sh"),
        (r"tch", "ch"),
        (r"oh(?![aiueo])", "o"),  # long vowels: oh / ou / oo / uu / doubled vowels
        (r"ou", "o"),
        (r"([aiueo])\1+", r"\1"),
        (r"([bcdfghjklmpqrstvwxz])\1+", r"\1"),  # double consonants (sokuon)
        (r"m(?=[bmp])", "n"),
        (r"nihon", "nippon"),
        (r"nipon", "nippon"),
    )
)


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
    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    for pattern, repl in _FOLDS:
        s = pattern.sub(repl, s)
    return s


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


@functools.cache
def _tokenizer():
    try:
        from sudachipy import Dictionary, SplitMode
    except ImportError:  # optional: kana and Latin names still get keys
        return None
    try:
        tok = Dictionary(dict="core").tokenizer(SplitMode.C)
    except Exception:  # a dictionary that does not load is the same as none
        return None
    return tok


def reader_name() -> str:
    """Which reader gives kanji readings: ``"sudachipy+sudachidict-core"`` or ``"none"``."""
    return "sudachipy+sudachidict-core" if _tokenizer() is not None else "none"


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
    reading = "".join(m.reading_form() for m in tok.tokenize(text))
    reading = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in reading)
    return reading if _KANA_ONLY.fullmatch(reading) else None


# --- per-name keys -----------------------------------------------------------------------


class NameKeys(NamedTuple):
    """Comparison keys of one name (see the module docstring); ``None`` when not readable."""

    roman: str | None
    concept: str | None
    core: str | None
    generic: str
    reading: str | None


def _phrases() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, ...], str], int, int]:
    ja: dict[str, tuple[str, str]] = {}
    en: dict[tuple[str, ...], str] = {}
    for forms, reading, english in wordmap.WORDS:
        concept = english[0].replace(" ", "")
        for f in forms:
            ja.setdefault(f, (concept, reading))
        for e in english:
            if e:
                en.setdefault(tuple(fold_romaji(w) for w in e.split()), concept)
        roman = kana_to_romaji(reading)
        if roman:
            en.setdefault((fold_romaji(roman),), concept)
    return ja, en, max(map(len, ja)), max(map(len, en))


_JA_WORDS, _EN_WORDS, _JA_MAX, _EN_MAX = _phrases()
_LETTERS = sorted(wordmap.LETTER_NAMES, key=len, reverse=True)
_RUNS = re.compile(r"[a-z0-9]+|[^\sa-z0-9]+")


def _letters(kana: str) -> str | None:
    """``ジェイエイシー`` → ``jac`` when the run is only letter names (two or more)."""
    out, i = [], 0
    while i < len(kana):
        for name in _LETTERS:
            if kana.startswith(name, i):
                out.append(wordmap.LETTER_NAMES[name])
                i += len(name)
                break
        else:
            return None
    return "".join(out) if len(out) >= 2 else None


def _segments(run: str) -> list[tuple[str | None, str]]:
    """Split a Japanese run into word-map words ``(concept, reading)`` and the rest ``(None, text)``."""
    out: list[tuple[str | None, str]] = []
    rest, i = "", 0
    while i < len(run):
        for size in range(min(_JA_MAX, len(run) - i), 0, -1):
            hit = _JA_WORDS.get(run[i : i + size])
            if hit is not None:
                if rest:
                    out.append((None, rest))
                    rest = ""
                out.append(hit)
                i += size
                break
        else:
            rest += run[i]
            i += 1
    if rest:
        out.append((None, rest))
    return out


def _latin_words(words: list[str]) -> tuple[list[str], list[str]]:
    """``(concept tokens, generic concepts)`` of a run of Latin words."""
    folded = [f for f in (fold_romaji(w) for w in words) if f not in wordmap.STOPWORDS]
    out, generic, i = [], [], 0
    while i < len(folded):
        for size in range(min(_EN_MAX, len(folded) - i), 0, -1):
            concept = _EN_WORDS.get(tuple(folded[i : i + size]))
            if concept is not None:
                out.append(concept)
                if concept in wordmap.GENERIC_CONCEPTS:
                    generic.append(concept)
                i += size
                break
        else:
            out.append(folded[i])
            i += 1
    return out, generic


@functools.lru_cache(maxsize=262_144)
def name_keys(spaced: str) -> NameKeys:
    """Comparison keys of one normalised name (NFKC, lower case, katakana, legal form removed).

    Parameters
    ----------
    spaced : str
        The name as :func:`abm.resolve.normalise.analyse_names` leaves it,
        spaces kept (they separate Latin words).

    Returns
    -------
    NameKeys
        ``roman`` and ``concept`` keys; ``core``: the concept key without
        generic concepts (what tells the company apart); ``generic``: those
        concepts sorted and joined by ``+``; ``reading``: the katakana reading
        of the Japanese part (``None`` if there is none or it cannot be read).
        A key is ``None`` when part of the name cannot be read.
    """
    roman: list[str] = []
    concept: list[str] = []
    core: list[str] = []
    generic: list[str] = []
    readings: list[str] = []
    ok = True
    latin: list[str] = []

    def flush_latin() -> None:
        if latin:
            c, g = _latin_words(latin)
            roman.extend(fold_romaji(w) for w in latin)
            concept.extend(c)
            core.extend(x for x in c if x not in wordmap.GENERIC_CONCEPTS)
            generic.extend(g)
            latin.clear()

    for run in _RUNS.findall(spaced):
        if run.isascii():
            latin.append(run)
            continue
        flush_latin()
        whole = read_kana(run)
        if whole is None:
            ok = False
        else:
            readings.append(whole)
            roman.append(fold_romaji(kana_to_romaji(whole) or ""))
        for word, text in _segments(run):
            if word is not None:
                concept.append(word)
                if word in wordmap.GENERIC_CONCEPTS:
                    generic.append(word)
                elif word:
                    core.append(word)
                continue
            kana = read_kana(text)
            letters = _letters(text) if kana == text else None
            romaji = letters or (kana_to_romaji(kana) if kana is not None else None)
            if romaji is None:
                ok = False
                continue
            concept.append(fold_romaji(romaji))
            core.append(fold_romaji(romaji))
    flush_latin()
    if not ok:
        return NameKeys(None, None, None, "", None)
    return NameKeys(
        "".join(roman) or None,
        "".join(concept) or None,
        "".join(core) or None,
        "+".join(sorted(set(generic))),
        "".join(readings) or None,
    )
