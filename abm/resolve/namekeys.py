"""Comparison keys of one company name, in every script (:func:`name_keys`).

``株式会社三共``, ``SANKYO CO.,LTD.``, ``Sankyo`` name one company; so do
``セコム`` and ``SECOM``, ``岩手銀行`` and ``The Bank of Iwate``. Each distinct
normalised name gets these keys, all plain lower-case Latin text:

``roman``
    The name as it sounds: Japanese text through its reading
    (:func:`abm.resolve.romanise.read_kana`), then Hepburn romaji; Latin text
    as written. Folded by :func:`abm.resolve.romanise.fold_romaji`.
``concept``
    The name as it is *translated*: words of :data:`abm.resolve.wordmap.WORDS`
    become their English concept in either script (``銀行``, ``バンク``,
    ``ginko`` and ``bank`` are all ``bank``), letters spelled in katakana
    become letters (``ジェイエイシー`` → ``jac``), the rest is romanised.
``core`` / ``generic``
    The concept key without the generic concepts (what tells the company
    apart), and those concepts.
``sounds``
    How the distinctive words sound (:mod:`abm.resolve.phonetic`): English
    words by English spelling rules, katakana by loanword rules, kanji by
    their reading; word-map words left out (they are compared as concepts),
    then ``|`` and the place concepts (``japan``), which English puts anywhere
    (``LITE-ON JAPAN`` / ``日本ライトン``).
``spoken``
    How the whole name sounds, every word as written (no translation):
    ``Innotech`` / ``イノテック``, ``Oncolys BioPharma`` / ``オンコリスバイオファーマ``.
``sounds_sg`` / ``spoken_sg``
    The same with each plural English word said in the singular, which katakana
    often writes (``Global Security Experts`` / グローバルセキュリティエキスパート);
    ``None`` when no word of the name is plural.
``written``
    A Latin name's words as typed, generic words of the word map and stopwords
    left out (``Toko Electrical Construction`` → ``toko``): what an e-mail
    domain spells (``toko.co.jp``). ``None`` for a name with Japanese text.

Keys are cached per distinct name (a million leads hold far fewer distinct
names). A key is ``None`` when part of the name cannot be read.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from abm.resolve import phonetic, vocab, wordmap
from abm.resolve.romanise import fold_romaji, kana_to_romaji, read_kana
from abm.resolve.typos import OLD_FORMS

__all__ = ["NameKeys", "name_keys"]


class NameKeys(NamedTuple):
    """Comparison keys of one name (see the module docstring); ``None`` when not readable."""

    roman: str | None
    concept: str | None
    core: str | None
    generic: str
    reading: str | None
    sounds: str | None = None
    spoken: str | None = None
    sounds_sg: str | None = None
    spoken_sg: str | None = None
    written: str | None = None


def _phrases() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, ...], str], int, int]:
    ja: dict[str, tuple[str, str]] = {}
    en: dict[tuple[str, ...], str] = {}
    for forms, reading, english in wordmap.WORDS:
        concept = english[0].replace(" ", "")
        for f in forms:
            ja.setdefault(f, (concept, reading))
        for e in english:
            words = tuple(fold_romaji(w) for w in e.split() if w not in wordmap.STOPWORDS)
            if words:
                en.setdefault(words, concept)
        roman = kana_to_romaji(reading)
        if roman:
            en.setdefault((fold_romaji(roman),), concept)
    return ja, en, max(map(len, ja)), max(map(len, en))


_JA_WORDS, _EN_WORDS, _JA_MAX, _EN_MAX = _phrases()
_LETTERS = sorted(wordmap.LETTER_NAMES, key=len, reverse=True)
_RUNS = re.compile(r"[a-z0-9]+|[^\sa-z0-9]+")
_KATAKANA_RUNS = re.compile(r"[ァ-ヴー]+|[^ァ-ヴー]+")
#: A Latin word without a vowel is read letter by letter (``NCS`` is エヌシーエス), and
#: so is one of two letters unless it is an English word (``IR``, ``AI``; not ``Do``).
_RE_INITIALS = re.compile(r"[b-df-hj-np-tv-xz]+|[a-z]{1,2}")
_SHORT_WORDS = frozenset(
    {"a", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
     "no", "of", "on", "or", "so", "to", "up", "us", "we"}
)  # fmt: skip
_LETTER_KANA = {latin: kana for kana, latin in reversed(wordmap.LETTER_NAMES.items())}
_OLD = str.maketrans(OLD_FORMS)
_PLACES = wordmap.PLACE_CONCEPTS


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


def _sizes_by_first() -> dict[str, tuple[int, ...]]:
    """Lengths of the word-map words starting with each character, longest first."""
    sizes: dict[str, set[int]] = {}
    for w in _JA_WORDS:
        sizes.setdefault(w[0], set()).add(len(w))
    return {c: tuple(sorted(v, reverse=True)) for c, v in sizes.items()}


_JA_SIZES = _sizes_by_first()


def _segments(run: str) -> list[tuple[str | None, str]]:
    """Split a Japanese run into word-map words ``(concept, text)`` and the rest ``(None, text)``.

    The longest word-map word at each position (only lengths some word starting with that
    character has are tried)."""
    out: list[tuple[str | None, str]] = []
    rest, i = "", 0
    while i < len(run):
        for size in _JA_SIZES.get(run[i], ()):
            if size > len(run) - i:
                continue
            hit = _JA_WORDS.get(run[i : i + size])
            if hit is not None:
                if rest:
                    out.append((None, rest))
                    rest = ""
                out.append((hit[0], run[i : i + size]))
                i += size
                break
        else:
            rest += run[i]
            i += 1
    if rest:
        out.append((None, rest))
    return out


#: A plural English word (``experts``, ``sciences``, ``technologies``; not ``plus``,
#: ``business``, ``atlas``): katakana often writes the singular (エキスパート).
_RE_PLURAL = re.compile(r"[a-z]{2,}[^aiousy\d]s")


def _singular(word: str) -> str | None:
    """The singular of a plural-looking Latin word (``None`` when it does not look plural)."""
    if not _RE_PLURAL.fullmatch(word):
        return None
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _letter_sounds(word: str) -> str:
    """Sounds of a word read letter by letter, as katakana spells the letters."""
    return "".join(phonetic.katakana_sounds(kana_to_romaji(_LETTER_KANA[c]) or "") for c in word)


@functools.lru_cache(maxsize=262_144)
def _word_sounds(word: str) -> str:
    """Sounds of one Latin word: English spelling rules, or its letters when it has no vowel."""
    spelled = (
        _RE_INITIALS.fullmatch(word)
        and word not in _SHORT_WORDS
        and word not in phonetic.ENGLISH_WORDS
    )
    return _letter_sounds(word) if spelled else phonetic.english_sounds(word)


@functools.lru_cache(maxsize=262_144)
def _japanese_sounds(text: str) -> str | None:
    """Sounds of Japanese text: katakana runs as loanwords, other runs (kanji)
    through their reading's romaji."""
    out = []
    for run in _KATAKANA_RUNS.findall(text):
        kana = read_kana(run)
        romaji = kana_to_romaji(kana) if kana is not None else None
        if romaji is None:
            return None
        out.append(phonetic.katakana_sounds(romaji) if kana == run else romaji)
    return "".join(out)


class _Keys:
    """The keys of one name as its runs are read (see :func:`name_keys`)."""

    def __init__(self) -> None:
        self.roman: list[str] = []
        self.concept: list[str] = []
        self.core: list[str] = []
        self.generic: list[str] = []
        self.readings: list[str] = []
        self.sounds: list[str] = []
        self.places: list[str] = []
        self.spoken: list[str] = []
        # the same with each plural Latin word said in the singular (``sounds_sg``)
        self.sounds_sg: list[str] = []
        self.spoken_sg: list[str] = []
        self.written: list[str] = []
        self.japanese_text = False
        self.ok = True

    def word(self, concept: str, sound: str) -> None:
        """A word-map word: its concept; ``sound`` is how it was said (a place is
        said by its concept: 日本 is nippon, nihon or japan)."""
        self.concept.append(concept)
        if concept:
            said = phonetic.english_sounds(concept) if concept in _PLACES else sound
            self.spoken.append(said)
            self.spoken_sg.append(said)
        if concept in wordmap.GENERIC_CONCEPTS:
            self.generic.append(concept)
        elif concept in _PLACES:
            self.core.append(concept)
            self.places.append(concept)
        elif concept:
            self.core.append(concept)
            self.sounds.append(phonetic.english_sounds(concept))
            self.sounds_sg.append(self.sounds[-1])

    def other(self, folded: str, sound: str, singular: str | None = None) -> None:
        """A word outside the word map: romanised ``folded``, said as ``sound``
        (``singular``: as said without its plural ending)."""
        self.concept.append(folded)
        self.core.append(folded)
        self.sounds.append(sound)
        self.spoken.append(sound)
        self.sounds_sg.append(singular or sound)
        self.spoken_sg.append(singular or sound)

    def latin(self, words: list[str]) -> None:
        """A run of Latin words: multi-word phrases of the word map first."""
        self.roman.extend(fold_romaji(w) for w in words)
        words = [w for w in words if fold_romaji(w) not in wordmap.STOPWORDS]
        folded = [fold_romaji(w) for w in words]
        i = 0
        while i < len(folded):
            for size in range(min(_EN_MAX, len(folded) - i), 0, -1):
                concept = _EN_WORDS.get(tuple(folded[i : i + size]))
                if concept is not None:
                    self.word(concept, "".join(map(_word_sounds, words[i : i + size])))
                    if concept and concept not in wordmap.GENERIC_CONCEPTS:
                        self.written.extend(words[i : i + size])
                    i += size
                    break
            else:
                stem = _singular(words[i])
                self.other(folded[i], _word_sounds(words[i]), stem and _word_sounds(stem))
                self.written.append(words[i])
                i += 1

    def japanese(self, run: str) -> None:
        """A run of Japanese text (kana, kanji); old kanji forms read as the everyday ones."""
        # the holding-company word is one token in every script (normalise.HOLDINGS_TOKEN)
        self.japanese_text |= run != vocab.HOLDINGS_TOKEN
        run = run.translate(_OLD)
        whole = read_kana(run)
        if whole is None:
            self.ok = False
        else:
            self.readings.append(whole)
            self.roman.append(fold_romaji(kana_to_romaji(whole) or ""))
        for concept, text in _segments(run):
            if concept is not None:
                self.word(concept, _japanese_sounds(text) or "")
                continue
            kana = read_kana(text)
            letters = _letters(text) if kana == text else None
            romaji = letters or (kana_to_romaji(kana) if kana is not None else None)
            if romaji is None:
                self.ok = False
                continue
            self.other(fold_romaji(romaji), _japanese_sounds(text) or "")

    def result(self) -> NameKeys:
        if not self.ok:
            return NameKeys(None, None, None, "", None)
        sounds = phonetic.loose("".join(self.sounds))
        spoken = phonetic.loose("".join(self.spoken))
        places = "+".join(sorted(set(self.places)))
        sounds_sg = phonetic.loose("".join(self.sounds_sg))
        spoken_sg = phonetic.loose("".join(self.spoken_sg))
        return NameKeys(
            "".join(self.roman) or None,
            "".join(self.concept) or None,
            "".join(self.core) or None,
            "+".join(sorted(set(self.generic))),
            "".join(self.readings) or None,
            f"{sounds}|{places}" if sounds else None,
            spoken or None,
            f"{sounds_sg}|{places}" if sounds_sg and sounds_sg != sounds else None,
            spoken_sg if spoken_sg and spoken_sg != spoken else None,
            None if self.japanese_text else "".join(self.written) or None,
        )


def _letter_runs(runs: list[str]) -> list[str]:
    """Letter names written apart (``ピー・シー・エー``, ``テー・オー・ダブリュー``) joined into one
    run, read as the letters they spell (``pca``); other runs as they are."""
    out: list[str] = []
    apart: list[str] = []
    for run in [*runs, ""]:
        if run in wordmap.LETTER_NAMES:
            apart.append(run)
            continue
        if len(apart) > 1:
            out.append("".join(apart))
        else:
            out.extend(apart)
        apart = []
        if run:
            out.append(run)
    return out


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
        ``roman``, ``concept``, ``core``, ``generic`` (concepts sorted and
        joined by ``+``), ``reading`` (the katakana reading of the Japanese
        part, ``None`` if there is none), ``sounds``, ``spoken``, ``sounds_sg`` and
        ``spoken_sg`` and ``written``: see the module docstring. Letter names written apart
        (``ピー シー エー``) are read together, as the letters they spell. Every key
        is ``None`` when part of the name cannot be read.
    """
    keys = _Keys()
    latin: list[str] = []
    for run in _letter_runs(_RUNS.findall(spaced)):
        if run.isascii():
            latin.append(run)
            continue
        if latin:
            keys.latin(latin)
            latin = []
        keys.japanese(run)
    if latin:
        keys.latin(latin)
    return keys.result()
