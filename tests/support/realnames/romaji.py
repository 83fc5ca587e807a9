"""Katakana readings to romaji the way people type them (Hepburn and its everyday variants).

Written for the benchmark, independently of ``abm``: the registry's reading
(``ミツイマツシマ``) becomes ``mitsuimatsushima`` in one of several spellings a
person might use: Hepburn or Kunrei syllables (shi/si, chi/ti, tsu/tu,
fu/hu, ji/zi, sha/sya), long vowels written ``ou`` / ``o`` / ``oh`` / ``oo``
(``トウヨウ`` → ``touyou``, ``toyo``, ``tohyoh``), ``ー`` dropped or doubled,
syllabic n before b/m/p as ``n`` or ``m`` (``shinbun`` / ``shimbun``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_KANA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲ"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォ"
)
_SYLLABLES = ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se",
              "so", "ta", "chi", "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi",
              "fu", "he", "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri",
              "ru", "re", "ro", "wa", "i", "e", "o", "ga", "gi", "gu", "ge", "go", "za", "ji",
              "zu", "ze", "zo", "da", "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo",
              "pa", "pi", "pu", "pe", "po", "vu", "a", "i", "u", "e", "o"]  # fmt: skip
_BASE = dict(zip(_KANA, _SYLLABLES, strict=True))
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_FOREIGN = {
    "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve",
    "ヴォ": "vo", "シェ": "she", "ジェ": "je", "チェ": "che", "トゥ": "tu", "ドゥ": "du",
    "デュ": "dyu", "テュ": "tyu", "フュ": "fyu", "イェ": "ye", "ツァ": "tsa",
}  # fmt: skip
_KUNREI = {
    "shi": "si", "chi": "ti", "tsu": "tu", "fu": "hu", "ji": "zi",
    "sha": "sya", "shu": "syu", "sho": "syo", "cha": "tya", "chu": "tyu", "cho": "tyo",
    "ja": "zya", "ju": "zyu", "jo": "zyo",
}  # fmt: skip
#: Katakana a romaji spelling cannot be made of (the rest of the name is checked by the caller).
KANA = set(_BASE) | set(_YOON) | {"ッ", "ン", "ー"}


@dataclass(frozen=True)
class Style:
    """One person's way of writing romaji.

    Attributes
    ----------
    kunrei : bool
        ``si`` / ``tu`` / ``zi`` … instead of ``shi`` / ``tsu`` / ``ji``.
    long_o : {"ou", "o", "oh", "oo"}
        How ``オウ`` / ``オオ`` (and ``ウウ`` as ``u``/``uu``) are written.
    bar : {"drop", "double"}
        What ``ー`` becomes (``コーポ`` → ``kopo`` / ``koopo``).
    m_before_bmp : bool
        ``shimbun`` rather than ``shinbun``.
    """

    kunrei: bool = False
    long_o: str = "o"
    bar: str = "drop"
    m_before_bmp: bool = False


def random_style(rng: np.random.Generator) -> Style:
    """A style drawn the way spellings vary in practice (Hepburn without macrons most often)."""
    return Style(
        kunrei=bool(rng.random() < 0.15),
        long_o=str(rng.choice(["o", "ou", "oh", "oo"], p=[0.5, 0.3, 0.12, 0.08])),
        bar=str(rng.choice(["drop", "double"], p=[0.7, 0.3])),
        m_before_bmp=bool(rng.random() < 0.3),
    )


def syllables(kana: str) -> list[str] | None:
    """Hepburn syllables of a katakana string, ``ッ`` as ``"Q"``, ``ン`` as ``"N"``, ``ー`` as ``"-"``.

    Returns ``None`` when a character is not katakana this module knows.
    """
    out: list[str] = []
    i = 0
    while i < len(kana):
        two = kana[i : i + 2]
        c = kana[i]
        if two in _FOREIGN:
            out.append(_FOREIGN[two])
            i += 2
            continue
        if len(two) == 2 and two[1] in _YOON and c in _BASE and _BASE[c].endswith("i"):
            stem = _BASE[c][:-1]
            stem = stem if stem in ("sh", "ch", "j") else stem + "y"
            out.append(stem + _YOON[two[1]])
            i += 2
            continue
        if c in _BASE:
            out.append(_BASE[c])
        elif c in _YOON:
            out.append("y" + _YOON[c])
        elif c == "ッ":
            out.append("Q")
        elif c == "ン":
            out.append("N")
        elif c == "ー":
            out.append("-")
        else:
            return None
        i += 1
    return out


def to_romaji(kana: str, style: Style = Style()) -> str | None:
    """Romaji of a katakana string in ``style`` (lower case), or ``None`` if it has other characters."""
    syl = syllables(kana)
    if syl is None:
        return None
    if style.kunrei:
        syl = [_KUNREI.get(s, s) for s in syl]
    text = ""
    for k, s in enumerate(syl):
        nxt = syl[k + 1] if k + 1 < len(syl) else ""
        if s == "Q":
            text += ("t" if nxt.startswith("ch") else nxt[:1]) if nxt[:1].isalpha() else ""
        elif s == "N":
            if style.m_before_bmp and nxt[:1] in ("b", "m", "p"):
                text += "m"
            else:
                text += "n"
        elif s == "-":
            text += text[-1:] if style.bar == "double" and text[-1:] in "aiueo" else ""
        elif s in ("u", "o") and text.endswith("o") and (k == 0 or syl[k - 1] not in ("Q", "N")):
            text += {"ou": s, "o": "", "oh": "h", "oo": "o"}[style.long_o]
        elif s == "u" and text.endswith("u") and k > 0:
            text += "u" if style.long_o in ("ou", "oo") else ""
        else:
            text += s
    return text
