"""Text helpers for the demo generator: 法人番号, width conversion, name variants."""

from __future__ import annotations

import numpy as np

from data.vocab import BRANCHES

_FULL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー・"
_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ･"
_VOICED = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ"
_VOICED_BASE = "カキクケコサシスセソタチツテトハヒフヘホ"
_SEMI = "パピプペポ"
_SEMI_BASE = "ハヒフヘホ"

HALF_KANA: dict[str, str] = dict(zip(_FULL, _HALF, strict=True))
HALF_KANA.update({v: HALF_KANA[b] + "ﾞ" for v, b in zip(_VOICED, _VOICED_BASE, strict=True)})
HALF_KANA.update({v: HALF_KANA[b] + "ﾟ" for v, b in zip(_SEMI, _SEMI_BASE, strict=True)})
HALF_KANA["ヴ"] = "ｳﾞ"

#: Look-alike replacements used for 1-character typos.
TYPO_SWAPS = {
    "電": "雷", "機": "器", "工": "エ", "業": "薬", "和": "話", "邦": "方",
    "シ": "ツ", "ソ": "ン", "ス": "ズ", "ト": "ド", "リ": "り", "ク": "ケ", "商": "尚",
    "事": "亊", "進": "新", "栄": "英", "光": "広", "北": "比", "大": "太",
}  # fmt: skip


def corporate_number(base12: str) -> str:
    """Return the 13-digit 法人番号 for a 12-digit base number.

    Parameters
    ----------
    base12 : str
        Twelve digits.

    Returns
    -------
    str
        Check digit followed by ``base12``. Check digit =
        9 − (Σ P_i·Q_i mod 9), P_i the i-th digit from the right, Q_i = 1 for
        odd i and 2 for even i.
    """
    total = sum(int(d) * (1 if i % 2 else 2) for i, d in enumerate(reversed(base12), start=1))
    return f"{9 - total % 9}{base12}"


def is_valid_corporate_number(number: str) -> bool:
    """Whether ``number`` is 13 digits with a valid leading check digit."""
    return len(number) == 13 and number.isdigit() and corporate_number(number[1:]) == number


def to_fullwidth(text: str) -> str:
    """Convert ASCII letters, digits and symbols to full width (space → U+3000)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == " ":
            out.append("\u3000")
        elif 0x21 <= code <= 0x7E:
            out.append(chr(code + 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def to_halfwidth_kana(text: str) -> str:
    """Convert full-width katakana to half-width katakana (other chars kept)."""
    return "".join(HALF_KANA.get(ch, ch) for ch in text)


def has_katakana(text: str) -> bool:
    """Whether ``text`` holds a katakana character that has a half-width form."""
    return any(ch in HALF_KANA for ch in text)


def typo(text: str, rng: np.random.Generator) -> str:
    """Return ``text`` with one character replaced by a look-alike or dropped."""
    idx = [i for i, ch in enumerate(text) if ch in TYPO_SWAPS and TYPO_SWAPS[ch] != ch]
    if idx:
        i = idx[int(rng.integers(len(idx)))]
        return text[:i] + TYPO_SWAPS[text[i]] + text[i + 1 :]
    i = int(rng.integers(1, max(len(text) - 1, 2)))
    return text[:i] + text[i + 1 :]


def company_variant(
    core: str, form: str, front: bool, en_name: str, rng: np.random.Generator
) -> tuple[str, str]:
    """Spell a company name the way a person typed it into a form.

    Parameters
    ----------
    core : str
        Name without the legal form (e.g. ``"大和電機"``).
    form : str
        Legal form (``"株式会社"``, ``"有限会社"``, ``"合同会社"`` or ``""``).
    front : bool
        Whether the official name puts the legal form first (前株).
    en_name : str
        English name (may be empty).
    rng : numpy.random.Generator
        Random source.

    Returns
    -------
    tuple of str
        ``(spelling, variant kind)``.
    """
    official = f"{form}{core}" if front else f"{core}{form}"
    abbrev = {
        "株式会社": ["(株)", "（株）", "㈱"],
        "有限会社": ["(有)", "㈲"],
        "合同会社": ["(同)"],
    }
    u = float(rng.random())
    name, kind = official, "official"
    if not form or u < 0.46:
        pass
    elif u < 0.56:
        name, kind = (f"{core}{form}" if front else f"{form}{core}"), "form_swapped"
    elif u < 0.73:
        ab = abbrev[form][int(rng.integers(len(abbrev[form])))]
        name, kind = (f"{ab}{core}" if front else f"{core}{ab}"), "abbreviated"
    elif u < 0.80:
        name, kind = core, "no_form"
    elif u < 0.85:
        sep = "\u3000" if rng.random() < 0.6 else " "
        name, kind = (f"{form}{sep}{core}" if front else f"{core}{sep}{form}"), "spaced"
    elif u < 0.88:
        if en_name:
            name, kind = en_name, "english"
    elif u < 0.91:
        if has_katakana(core):
            name, kind = to_halfwidth_kana(official), "halfwidth_kana"
    elif u < 0.94:
        if any(c.isascii() and c.isalnum() for c in core):
            name, kind = to_fullwidth(official), "fullwidth"
        elif en_name:
            name, kind = to_fullwidth(en_name), "fullwidth_english"
    elif u < 0.97:
        name, kind = typo(official, rng), "typo"
    else:
        branch = BRANCHES[int(rng.integers(len(BRANCHES)))]
        sep = " " if rng.random() < 0.5 else "\u3000"
        name, kind = f"{official}{sep}{branch}", "branch"
    return name, kind
