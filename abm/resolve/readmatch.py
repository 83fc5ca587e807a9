"""Latin spellings of kanji read another way (``HOKKOKU BANK`` ↔ ``北國銀行``).

The reader (:func:`abm.resolve.romanise.read_kana`) gives one reading per
name, the one a dictionary prefers: 北國 is キタグニ, 大松 is オオマツ. A
company name is often read otherwise (ホッコク, ダイマツ), and its English or
romaji spelling says which. :func:`reads_as` asks whether a Latin name is *one
of the readings* of a Japanese name: the name is cut into dictionary entries
(SudachiDict: every reading of each entry of one to three characters, so a
kanji's on and kun readings, 北 ホク / ホッ / キタ), kana runs and word-map
words (which read as their concept, 銀行 as ``bank``), and some cut must spell
the Latin name exactly (Hepburn variants folded, :func:`fold_romaji`).

:func:`reading_pairs` finds, for Latin names that match nothing else, the
Japanese names they read as. The search follows the names, not the readings:
it appends to a name's start only a piece (a character, a two-character
dictionary entry, a kana pair, a word-map word) that spells the next letters
and keeps it only while some name starts that way (a sorted list), so each
Latin name costs a few steps per letter whatever the number of names. A Latin
name must read the whole name, generic words included (``HOKKOKU BANK`` reads
銀行 as ``bank``; it does not read 北國銀行 as ``hokkoku``).
"""

from __future__ import annotations

import bisect
import functools
import re

import numpy as np
import pandas as pd

from abm.resolve import wordmap
from abm.resolve.romanise import fold_romaji, kana_to_romaji, readings_of
from abm.resolve.typos import OLD_FORMS

__all__ = ["MIN_LATIN", "reading_candidates", "reading_pairs", "reads_as", "spellings"]

#: Shortest folded Latin name (concepts included) that may be read into a kanji name.
MIN_LATIN = 5
#: Longest dictionary entry / kana chunk tried at one position.
_MAX_PIECE = 4
_OLD = str.maketrans(OLD_FORMS)
_KANA = re.compile(r"[ァ-ヴー]+")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆]")


def _word_concepts() -> tuple[dict[str, frozenset[str]], int]:
    """Each word-map form read as its concept or as its romaji (``kagaku`` glued to a name)."""
    words: dict[str, frozenset[str]] = {}
    for forms, reading, english in wordmap.WORDS:
        said = {english[0].replace(" ", ""), fold_romaji(kana_to_romaji(reading) or "")}
        for f in forms:
            words.setdefault(f, frozenset(said))
    return words, max(map(len, words))


_WORDS, _WORDS_MAX = _word_concepts()


@functools.lru_cache(maxsize=262_144)
def spellings(piece: str) -> frozenset[str]:
    """Folded romaji of every reading of ``piece``: kana as written, kanji through the dictionary.

    Parameters
    ----------
    piece : str
        Normalised Japanese text (katakana, kanji, ASCII letters and digits).

    Returns
    -------
    frozenset of str
        Empty when the dictionary does not know ``piece``.
    """
    if piece.isascii():
        return frozenset({fold_romaji(piece)}) if piece.isalnum() else frozenset()
    if _KANA.fullmatch(piece):
        roman = kana_to_romaji(piece)
        return frozenset({fold_romaji(roman)}) if roman is not None else frozenset()
    out = set()
    for kana in readings_of(piece):
        roman = kana_to_romaji(kana)
        if roman:
            out.add(fold_romaji(roman))
    return frozenset(out)


def _steps(name: str, i: int) -> list[tuple[int, frozenset[str]]]:
    """What may be read at position ``i``: ``(end, spellings)`` of each piece starting there."""
    out = []
    for size in range(min(_WORDS_MAX, len(name) - i), 0, -1):
        said = _WORDS.get(name[i : i + size])
        if said is not None:
            out.append((i + size, said))
    for end in range(i + 1, min(len(name), i + _MAX_PIECE) + 1):
        s = spellings(name[i:end])
        if s:
            out.append((end, s))
    return out


@functools.lru_cache(maxsize=262_144)
def reads_as(latin: str, name: str) -> bool:
    """Whether the folded Latin name ``latin`` spells some reading of the Japanese ``name``.

    Parameters
    ----------
    latin : str
        A concept key (:func:`abm.resolve.namekeys.name_keys`: word-map words as
        their concepts, the rest folded romaji), e.g. ``hokokubank``.
    name : str
        A normalised Japanese name without spaces, e.g. ``北國銀行``.

    Returns
    -------
    bool
        ``True`` when a cut of ``name`` into dictionary entries, kana chunks and
        word-map words spells ``latin`` exactly, letter for letter.

    Examples
    --------
    ``reads_as("hokokubank", "北國銀行")`` and ``reads_as("daimatsuindustries",
    "大松産業")`` are true; ``reads_as("kitakunibank", "南國銀行")`` is not.
    """
    seen = {(0, 0)}
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        if i == len(name):
            if j == len(latin):
                return True
            continue
        for end, spelled in _steps(name, i):
            for s in spelled:
                if latin.startswith(s, j) and (end, j + len(s)) not in seen:
                    seen.add((end, j + len(s)))
                    todo.append((end, j + len(s)))
    return False


#: Kana read with the kana before them or not at all in folded romaji (ッ doubles a
#: consonant, ー and a vowel after its like lengthen one: コウ is ``ko``).
_SILENT = ("ッ", "ー", "ウ", "オ", "イ")
_SMALL = "ャュョァィゥェォ"


@functools.cache
def _kana_pairs() -> dict[str, frozenset[str]]:
    """Spellings of every kana followed by a small kana (キャ ``kya``, ティ ``ti``)."""
    out: dict[str, set[str]] = {}
    for c in range(ord("ア"), ord("ヴ") + 1):
        for small in _SMALL:
            roman = kana_to_romaji(chr(c) + small)
            if roman:
                out.setdefault(fold_romaji(roman), set()).add(chr(c) + small)
    return {k: frozenset(v) for k, v in out.items()}


def _pieces(names: list[str]) -> dict[str, set[str]]:
    """Spelling → the pieces of ``names`` that spell it: characters, two-character
    dictionary entries with a kanji (栄 alone is さかえ, 大栄 is だいえい), kana pairs,
    word-map words."""
    chars = set("".join(names))
    pairs = {n[i : i + 2] for n in names for i in range(len(n) - 1)}
    chars |= {x for x in pairs if _KANJI.search(x)}
    rev: dict[str, set[str]] = {}
    for ch in chars:
        for sp in spellings(ch):
            rev.setdefault(sp, set()).add(ch)
    for sp, pair in _kana_pairs().items():
        rev.setdefault(sp, set()).update(pair)
    for form, said in _WORDS.items():
        for sp in said:
            rev.setdefault(sp, set()).add(form)
    rev.pop("", None)
    return rev


class _Names:
    """Sorted names: is ``p`` the start of one, is it one."""

    def __init__(self, names: list[str]) -> None:
        self.sorted = sorted(set(names))
        self.whole = set(self.sorted)

    def starts(self, p: str) -> bool:
        i = bisect.bisect_left(self.sorted, p)
        return i < len(self.sorted) and self.sorted[i].startswith(p)


def _search(latin: str, names: _Names, rev: dict[str, set[str]], longest: int) -> list[str]:
    """Names whose characters can be cut into pieces spelling ``latin`` (a superset:
    :func:`reads_as` decides). Each step appends a piece that spells the next letters
    and keeps only what starts a name, so the search follows the names, not all readings."""
    out, seen, todo = [], {("", 0)}, [("", 0)]
    while todo:
        p, j = todo.pop()
        if j == len(latin) and p in names.whole:
            out.append(p)
        steps = [(x, j) for x in _SILENT if p]
        for m in range(1, min(longest, len(latin) - j) + 1):
            steps += [(x, j + m) for x in rev.get(latin[j : j + m], ())]
        for x, j2 in steps:
            p2 = p + x
            if (p2, j2) not in seen and names.starts(p2):
                seen.add((p2, j2))
                todo.append((p2, j2))
    return out


def reading_pairs(queries: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Pairs (Latin key, Japanese key) where the Latin name reads the Japanese one.

    Parameters
    ----------
    queries : pandas.DataFrame
        Latin keys: ``k`` (key position), ``concept`` (concept key).
    targets : pandas.DataFrame
        Japanese keys: ``k``, ``norm`` (normalised name). Only names
        with a kanji are read (kana names are compared by their one reading).

    Returns
    -------
    pandas.DataFrame
        ``k``, ``k_t``: one row per query key and target key that it reads as
        (:func:`reads_as`).
    """
    empty = pd.DataFrame({"k": np.array([], np.int64), "k_t": np.array([], np.int64)})
    q = queries.dropna(subset=["concept"])
    q = q[q["concept"].str.len().to_numpy() >= MIN_LATIN]
    if q.empty or targets.empty:
        return empty
    norms = targets["norm"].fillna("").str.replace(" ", "", regex=False).str.translate(_OLD)
    t = targets.assign(norm=norms)[norms.str.contains(_KANJI).to_numpy()]
    if t.empty:
        return empty
    names = _Names(t["norm"].tolist())
    rev = _pieces(names.sorted)
    longest = max(map(len, rev))
    found = [
        (latin, name)
        for latin in set(q["concept"].tolist())
        for name in _search(latin, names, rev, longest)
        if reads_as(latin, name)
    ]
    if not found:
        return empty
    hits = pd.DataFrame(found, columns=["concept", "norm"])
    out = q[["k", "concept"]].merge(hits, on="concept")
    out = out.merge(t[["k", "norm"]].rename(columns={"k": "k_t"}), on="norm")
    return out[["k", "k_t"]].astype(np.int64).reset_index(drop=True)


def reading_candidates(
    keys: pd.DataFrame, lab: np.ndarray, rows: np.ndarray, targets: np.ndarray
) -> pd.DataFrame:
    """Cross-script candidates (:mod:`abm.resolve.across`) of way ``"reading"``.

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys with ``concept`` and ``norm`` (:func:`abm.resolve.keys.build_keys`).
    lab : numpy.ndarray
        Group label of every key.
    rows, targets : numpy.ndarray
        Positions of the Latin keys to read and of the Japanese keys they may read.

    Returns
    -------
    pandas.DataFrame
        ``lab, k, way, lab_t, k_t, score`` (score 100: a reading is spelled exactly).
    """

    def side(at: np.ndarray, text: str) -> pd.DataFrame:
        return pd.DataFrame({"k": at, text: keys[text].to_numpy(dtype=object)[at]})

    pairs = reading_pairs(side(rows, "concept"), side(targets, "norm"))
    k, k_t = pairs["k"].to_numpy(), pairs["k_t"].to_numpy()
    return pd.DataFrame(
        {"lab": lab[k], "k": k, "way": "reading", "lab_t": lab[k_t], "k_t": k_t, "score": 100.0}
    )
