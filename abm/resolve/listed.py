"""Company names that *are* a company listed by name (the 営業対象外 lists).

A user lists ``PTC``; the people write ``PTC Japan株式会社``, ``AVEVA Group``,
``ヘキサゴン・メトロロジー株式会社`` (QA-P: 20 competitor people kept and ranked as
targets). A company key (:func:`~abm.resolve.normalise.normalise_company`, legal forms
already gone) is a listed company's when:

* it is the listed key with region or group words around it
  (:data:`abm.resolve.vocab.LISTED_NAME_SUFFIXES` after it, ``日本`` before it:
  ``ptc`` + ``japan``, ``aveva`` + ``group``, ``日本`` + ``オラクル``);
* or, that aside, it is written in katakana and sounds like a Latin listed name
  (the 名寄せ's sound keys, :func:`abm.resolve.namekeys.name_keys` and
  :func:`abm.resolve.phonetic.skeleton`, with the same thresholds as
  :mod:`abm.resolve.across`): ``ヘキサゴングループ`` is ``Hexagon Group``;
* or the name starts with the listed name (a whole word, or its katakana sound) and
  the row's e-mail or web domain is the listed name itself (``hexagon.com``):
  ``ヘキサゴン・メトロロジー`` at hexagon.com, not ``Hexagon Foods`` at its own domain.

A listed name of three letters or fewer (``PTC``) matches only as a whole word: not
``SPTC Logistics``, not ``PTCI``. Other words after a name (``Hexagon Foods``) make
another company.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from abm.resolve import vocab
from abm.resolve.across import MIN_SKELETON, MIN_SOUND_RATIO
from abm.resolve.namekeys import name_keys
from abm.resolve.normalise import analyse_names, normalise_company
from abm.resolve.phonetic import skeleton

__all__ = ["SHORT_NAME", "listed_rows"]

#: A listed name this short (in letters) matches only as a whole word.
SHORT_NAME = 3

_KATAKANA = re.compile(r"[ァ-ヺー]+")
_ASCII_KEY = re.compile(r"[0-9a-z]+")


@functools.lru_cache(maxsize=1)
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The region/group words as company keys, longest first (prefixes, suffixes)."""

    def keys(words: tuple[str, ...]) -> tuple[str, ...]:
        found = normalise_company(pd.Series(list(words), dtype="string")).dropna()
        return tuple(sorted(set(found), key=len, reverse=True))

    return keys(vocab.LISTED_NAME_PREFIXES), keys(vocab.LISTED_NAME_SUFFIXES)


def _bases(key: str) -> list[str]:
    """``key`` and what is left of it with region/group words taken off either end."""
    prefixes, suffixes = _affixes()
    out, todo = [key], [key]
    while todo:
        k = todo.pop()
        for p in prefixes:
            if k.startswith(p) and len(k) > len(p) and k[len(p) :] not in out:
                out.append(k[len(p) :])
                todo.append(k[len(p) :])
        for s in suffixes:
            if k.endswith(s) and len(k) > len(s) and k[: -len(s)] not in out:
                out.append(k[: -len(s)])
                todo.append(k[: -len(s)])
    return out


def _whole_word(raw: str, key: str) -> bool:
    """``key`` (ASCII) is a whole word of the name as written."""
    text = unicodedata.normalize("NFKC", raw).casefold()
    return re.search(rf"(?<![0-9a-z]){re.escape(key)}(?![0-9a-z])", text) is not None


def _spoken(text: str) -> str | None:
    """How a name (its spaced form) is said, whole (:func:`name_keys`'s ``spoken``)."""
    return name_keys(text).spoken


def _sounds_alike(a: str | None, b: str | None) -> bool:
    """Two spoken forms are one name: the same consonants (at least as many as a sound
    match of 名寄せ needs) and loose spellings as alike as it asks, or the same spelling."""
    if not a or not b:
        return False
    if a == b:
        return True
    sk = skeleton(a)
    return (
        sk == skeleton(b)
        and len(sk) >= MIN_SKELETON["spoken"]
        and fuzz.ratio(a, b) >= MIN_SOUND_RATIO
    )


@functools.lru_cache(maxsize=64)
def _listed(keys: tuple[str, ...]) -> tuple[frozenset[str], dict[str, str]]:
    """The listed keys, and how each Latin one is said (its words spaced as analysed)."""
    latin = [k for k in keys if _ASCII_KEY.fullmatch(k)]
    spoken: dict[str, str] = {}
    if latin:
        spaced = analyse_names(pd.Series(latin, dtype="string"))["spaced"]
        for k, s in zip(latin, spaced.tolist(), strict=True):
            said = _spoken(s) if isinstance(s, str) else None
            if said:
                spoken[k] = said
    return frozenset(keys), spoken


def _spaced_of(names: tuple[str, ...]) -> dict[str, str]:
    """The spaced analysed form of each raw name (:func:`analyse_names`)."""
    spaced = analyse_names(pd.Series(list(names), dtype="string"))["spaced"]
    return {n: s for n, s in zip(names, spaced.tolist(), strict=True) if isinstance(s, str)}


def _key_matches(key: str, raw: str, listed: frozenset[str], spoken: dict[str, str]) -> bool:
    """Whether a company key (one of its raw spellings: ``raw``) is a listed company's."""
    for base in _bases(key)[1:]:  # the key itself: the plain list look-up
        if base in listed:
            return (
                len(base) > SHORT_NAME or not _ASCII_KEY.fullmatch(base) or (_whole_word(raw, base))
            )
        if spoken and _KATAKANA.fullmatch(base):
            said = _spoken(base)
            if any(_sounds_alike(said, s) for s in spoken.values()):
                return True
    if spoken and _KATAKANA.fullmatch(key):
        said = _spoken(key)
        return any(_sounds_alike(said, s) for s in spoken.values())
    return False


def _starts_with(spaced: str, key: str, said: str | None) -> bool:
    """The name (spaced) starts with the listed ``key``: as a whole Latin word, or its
    first katakana word sounds like it."""
    if re.match(rf"{re.escape(key)}(?![0-9a-z])", spaced):
        return True
    first = _KATAKANA.match(spaced)
    return first is not None and _sounds_alike(_spoken(first.group()), said)


def listed_rows(
    keys: pd.Series,
    raw: pd.Series,
    domains: list[pd.Series],
    listed_keys: frozenset[str] | set[str],
) -> tuple[set[str], np.ndarray]:
    """The company keys that are a listed company's, and the rows that are by their domain.

    Parameters
    ----------
    keys : pandas.Series
        Each row's company key (:func:`normalise_company`, look-alikes folded).
    raw : pandas.Series
        Each row's company as written (same index).
    domains : list of pandas.Series
        Each row's registrable e-mail and web domains.
    listed_keys : set of str
        The list's company keys.

    Returns
    -------
    (set of str, numpy.ndarray)
        Keys of companies that are listed ones (beyond the listed keys themselves), to be
        listed too; and a bool mask of rows whose name starts with a listed name and whose
        domain is that name (``ヘキサゴン・メトロロジー`` at hexagon.com), for the list to
        learn the domain from.
    """
    rows = np.zeros(len(keys), dtype=bool)
    if not listed_keys or not len(keys):
        return set(), rows
    listed, spoken = _listed(tuple(sorted(listed_keys)))
    present = keys.notna().to_numpy(dtype=bool)
    if not present.any():
        return set(), rows
    frame = pd.DataFrame({"k": keys[present].astype(str), "r": raw[present].fillna("")})
    firsts = frame.drop_duplicates("k")
    starts = tuple(listed) + (_affixes()[0] if listed else ())
    candidates = firsts["k"].str.startswith(starts) | firsts["k"].str.fullmatch(
        r"(?:日本)?[ァ-ヺー]+"
    ).fillna(False)
    found = {
        k
        for k, r in firsts.loc[candidates.to_numpy(dtype=bool), ["k", "r"]].itertuples(index=False)
        if k not in listed and _key_matches(k, r, listed, spoken)
    }
    # a name that starts with a listed one, at the domain that is the listed name
    latin = {k for k in listed if _ASCII_KEY.fullmatch(k)}
    if latin:
        at = np.zeros(len(keys), dtype=bool)
        label = {}
        for dom in domains:
            lab = dom.astype("string").str.split(".", n=1).str[0]
            hit = lab.isin(latin).fillna(False).to_numpy(dtype=bool)
            at |= hit
            for i in np.flatnonzero(hit & present):
                label.setdefault(int(i), set()).add(str(lab.iloc[i]))
        at &= present
        if at.any():
            names = tuple(dict.fromkeys(raw[at].fillna("").tolist()))
            spaced = _spaced_of(names)
            raw_v = raw.fillna("").to_numpy(dtype=object)
            for i in np.flatnonzero(at):
                s = spaced.get(raw_v[i])
                if s is not None and any(
                    _starts_with(s, lab, spoken.get(lab)) for lab in label.get(int(i), ())
                ):
                    rows[i] = True
    return found, rows
