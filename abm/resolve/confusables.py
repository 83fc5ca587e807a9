"""Characters that pass for ASCII letters, digits, ``-`` and ``.`` — folded to them.

A Cyrillic ``а`` (U+0430) or a Greek ``ο`` (U+03BF) in a domain or a company
name looks exactly like the Latin letter, so ``exаmple.com`` escapes a rule
written for ``example.com``. NFKC folds full-width and mathematical forms but
not other scripts; this table does, for the characters that matter here.

The data is generated from Unicode's ``confusables.txt`` (UTS #39, the
*skeleton* mapping) by :func:`build_table`; :data:`FOLD` is used with
``str.translate`` (linear time, no regular expression). Only entries whose
source is not ASCII and whose target, after NFKC and lower-casing, is made of
``a-z 0-9 - .`` are kept, so ASCII text is never changed; Japanese scripts
(kana, CJK, full-width forms) are never folded. Two differences from the
skeleton, whose prototypes are not always the letter a person sees: the
look-alikes of ``m`` (prototype ``rn``) fold to ``m``, and a capital that
UTS #39 folds to ``l`` (Ι, І, Ӏ…) folds to ``i``, as an ASCII ``I`` lower-cases.

Regenerate after a Unicode release with
``python -m abm.resolve.confusables confusables.txt > new_table.txt`` and
paste the printed ``_BY_TARGET`` below; the golden tests say what must hold.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable

__all__ = ["FOLD", "UNICODE_VERSION", "build_table", "render"]

#: Version and date of the ``confusables.txt`` the table was generated from.
UNICODE_VERSION = "17.0.0 (2025-07-22)"

_TARGET = re.compile(r"[a-z0-9.\-]+")
#: Blocks never folded: kana, CJK symbols and ideographs, full/half-width forms.
_KEEP = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def build_table(lines: Iterable[str]) -> dict[str, str]:
    """Build the fold table from the lines of ``confusables.txt``.

    Parameters
    ----------
    lines : iterable of str
        ``SOURCE ; TARGET ; MA # comment`` lines (hex code points).

    Returns
    -------
    dict of str to str
        Source character -> ASCII text, for the entries described in the
        module docstring, sorted by code point.
    """
    out: dict[str, str] = {}
    for line in lines:
        fields = [f.strip() for f in line.split("#", 1)[0].split(";")]
        if len(fields) < 2 or len(fields[0].split()) != 1:
            continue
        src = chr(int(fields[0], 16))
        cp = ord(src)
        if src.isascii() or any(lo <= cp <= hi for lo, hi in _KEEP):
            continue
        if unicodedata.normalize("NFKC", src) != src:  # NFKC, applied first, handles it
            continue
        target = "".join(chr(int(c, 16)) for c in fields[1].split())
        text = unicodedata.normalize("NFKC", target).lower()
        if not _TARGET.fullmatch(text):
            continue
        if text == "rn":
            text = "m"
        elif text == "l" and unicodedata.category(src) == "Lu":
            text = "i"
        out[src] = text
    return dict(sorted(out.items()))


def render(table: dict[str, str], version: str, date: str) -> str:
    """Python source of ``_BY_TARGET`` for ``table`` (escaped, one target a line)."""
    groups: dict[str, list[str]] = {}
    for src, text in table.items():
        groups.setdefault(text, []).append(src)
    lines = [f"# generated from confusables.txt {version} ({date}) by build_table"]
    lines.append("_BY_TARGET: dict[str, str] = {")
    for text in sorted(groups):
        escapes = [
            f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in groups[text]
        ]
        lines.append(f'    "{text}": (')
        row = ""
        for esc in escapes:
            if len(row) + len(esc) > 84:
                lines.append(f'        "{row}"')
                row = ""
            row += esc
        lines.append(f'        "{row}"')
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines)


# BEGIN GENERATED
# generated from confusables.txt 17.0.0 (2025-07-22) by build_table
_BY_TARGET: dict[str, str] = {
    "-": ("\u02d7\u06d4\u2010\u2012\u2013\u2043\u2212\u2796\u2cba\u2cbb"),
    "-.": ("\ua4fe"),
    ".": ("\u0660\u06f0\u0701\u0702\ua4f8\ua60e\U00010a50\U0001d16d"),
    "..": ("\ua4fa"),
    "10": ("\u23e8"),
    "2": ("\u01a7\u03e8\u14bf\ua644\ua6ef\ua75a\U0001ccf2"),
    "3": (
        "\u01b7\u021c\u0417\u04e0\u0969\u0ae9\u2c9c\u2cc4\u2ccc\ua76a\ua7ab\U000118ca"
        "\U00016f3b\U0001ccf3\U0001d206"
    ),
    "4": ("\u13ce\U000118af\U0001ccf4"),
    "5": ("\u01bc\U000118bb\U0001ccf5"),
    "6": ("\u03ec\u0431\u13ee\u2cd2\u2cd3\u2cdc\U000118d5\U0001ccf6"),
    "7": ("\U000104d2\U000118c6\U0001ccf7\U0001d212"),
    "8": ("\u0222\u0223\u09ea\u0a6a\u0b03\U0001031a\U0001ccf8\U0001e8cb"),
    "9": ("\u09ed\u0a67\u0b68\u0d6d\u2cca\u2ccb\ua76e\U000118ac\U000118cc\U000118d6\U0001ccf9"),
    "a": ("\u0251\u0391\u03b1\u0410\u0430\u13aa\u15c5\u237a\ua4ee\U000102a0\U00016f40\U0001ccd6"),
    "aa": ("\ua732\ua733"),
    "ae": ("\u00c6\u00e6\u04d4\u04d5"),
    "ao": ("\ua734\ua735"),
    "ar": ("\U0001f707"),
    "au": ("\ua736\ua737"),
    "av": ("\ua738\ua739\ua73a\ua73b"),
    "ay": ("\ua73c\ua73d"),
    "b": (
        "\u0184\u0392\u0412\u042c\u13cf\u13f4\u1472\u15af\u15f7\u2c82\ua4d0\ua7b4\U00010282"
        "\U000102a1\U00010301\U00016eb6\U0001ccd7"
    ),
    "bl": ("\u042b"),
    "c": (
        "\u0421\u0441\u1004\u105a\u13df\u1d04\u2ca4\u2ca5\ua4da\uabaf\U000102a2\U00010302"
        "\U00010415\U0001043d\U0001051c\U000118e9\U000118f2\U0001ccd8\U0001f74c"
    ),
    "d": ("\u0501\u13a0\u13e7\u146f\u15de\u15ea\ua4d2\ua4d3\U0001ccd9"),
    "dz": ("\u02a3"),
    "e": (
        "\u0395\u0415\u0435\u04bd\u13ac\u212e\u22ff\u2d39\ua4f0\uab32\U00010286\U000118a6"
        "\U000118ae\U0001ccda"
    ),
    "f": (
        "\u0192\u03dc\u0584\u15b4\u1e9d\ua4dd\ua798\ua799\uab35\U00010287\U000102a5\U00010525"
        "\U000118a2\U000118c2\U0001ccdb\U0001d213"
    ),
    "g": ("\u018d\u0261\u050c\u0581\u13c0\u13f3\u1d83\ua4d6\U0001ccdc"),
    "h": ("\u0397\u041d\u04bb\u0570\u13bb\u13c2\u157c\u2c8e\ua4e7\U000102cf\U0001ccdd"),
    "i": (
        "\u0131\u0196\u0269\u026a\u0399\u03b9\u0406\u0456\u04c0\u0582\u13a5\u13de\u2373\u2c92"
        "\u2c93\u2cd0\ua647\uab75\U0001041b\U000118a3\U000118b2\U000118c3"
    ),
    "j": ("\u037f\u03f3\u0408\u0458\u13ab\u148d\ua4d9\ua7b2\U0001ccdf"),
    "k": ("\u039a\u041a\u13e6\u16d5\u2c94\ua4d7\U00010518\U0001cce0"),
    "l": (
        "\u01c0\u04cf\u05c0\u05d5\u05df\u0627\u0661\u06f1\u07ca\u14aa\u16c1\u2223\u23fd\u2d4f"
        "\ua4e1\ua4f2\U0001028a\U00010309\U00010320\U00010526\U00011dda\U00011de1\U00016eaa"
        "\U00016f16\U00016f28\U0001ccde\U0001cce1\U0001ccf1\U0001d22a\U0001e8c7"
    ),
    "ll": ("\u01c1\u05f0\u2016\u2225"),
    "lo": ("\u042e"),
    "ls": ("\u02aa"),
    "lt": ("\u20b6"),
    "lz": ("\u02ab"),
    "m": (
        "\u039c\u03fa\u041c\u13b7\u15f0\u16d6\u2c98\ua4df\U000102b0\U00010311\U00011700"
        "\U000118e3\U0001cce2"
    ),
    "mb": ("\U0001f76b"),
    "n": ("\u039d\u0578\u057c\u2c9a\ua4e0\U00010513\U0001cce3"),
    "o": (
        "\u039f\u03bf\u03c3\u03ed\u041e\u043e\u0555\u0585\u05e1\u0647\u0665\u06be\u06c1\u06d5"
        "\u06f5\u07c0\u0966\u09e6\u0a66\u0ae6\u0b20\u0b66\u0be6\u0c02\u0c66\u0c82\u0ce6\u0d02"
        "\u0d20\u0d66\u0d82\u0e50\u0ed0\u101d\u1040\u10ff\u12d0\u17e0\u1d0f\u1d11\u2c9e\u2c9f"
        "\u2d54\ua4f3\uab3d\U00010292\U000102ab\U00010404\U0001042c\U000104c2\U000104ea"
        "\U00010516\U000114d0\U000118b5\U000118c8\U000118d7\U000118e0\U00011de0\U0001cce4"
        "\U0001ccf0"
    ),
    "oe": ("\u0152\u0153"),
    "oo": ("\u221e\ua698\ua699\ua74e\ua74f"),
    "p": (
        "\u00fe\u01bf\u03a1\u03c1\u03f8\u0420\u0440\u13e2\u146d\u2374\u2ca2\u2ca3\u2cce\u2ccf"
        "\ua4d1\U00010295\U0001cce5"
    ),
    "q": ("\u051b\u0563\u0566\u2d55\U0001cce6"),
    "qe": ("\U0001f700"),
    "r": (
        "\u01a6\u0433\u13a1\u13d2\u1587\u1d26\u2c85\ua4e3\uab47\uab48\uab81\U000104b4"
        "\U00016f35\U0001cce7\U0001d216"
    ),
    "s": (
        "\u01bd\u0405\u0455\u054f\u0d1f\u13d5\u13da\ua4e2\ua731\uabaa\U00010296\U00010420"
        "\U00010448\U000118c1\U00016f3a\U0001cce8"
    ),
    "sss": ("\U0001f75c"),
    "t": (
        "\u03a4\u0422\u13a2\u22a4\u27d9\u2ca6\ua4d4\U00010297\U000102b1\U00010315\U000118bc"
        "\U00016f0a\U0001cce9\U0001f768"
    ),
    "t3": ("\ua728"),
    "tf": ("\ua777"),
    "ts": ("\u02a6"),
    "u": (
        "\u028b\u03c5\u054d\u057d\u1200\u144c\u1d1c\u222a\u22c3\ua4f4\ua79f\uab4e\uab52"
        "\U000104ce\U000104f6\U000118b8\U000118d8\U00016f42\U0001ccea"
    ),
    "ue": ("\u1d6b"),
    "uo": ("\uab63"),
    "v": (
        "\u03bd\u0474\u0475\u05d8\u0667\u06f7\u13d9\u142f\u1d20\u2228\u22c1\u2d38\ua4e6\ua6df"
        "\uaba9\U0001051d\U00011706\U000118a0\U000118c0\U00016f08\U0001cceb\U0001d20d"
    ),
    "vb": ("\U0001f76c"),
    "w": (
        "\u026f\u0448\u0461\u051c\u051d\u0561\u13b3\u13d4\u1d21\u2cbd\ua4ea\uab83\U0001170a"
        "\U0001170e\U0001170f\U000118e6\U000118ef\U0001ccec"
    ),
    "x": (
        "\u00d7\u03a7\u0425\u0445\u1541\u157d\u166d\u166e\u16b7\u2573\u292b\u292c\u2a2f\u2cac"
        "\u2d5d\ua4eb\ua7b3\U00010290\U000102b4\U00010317\U00010322\U00010527\U000118ec"
        "\U0001cced"
    ),
    "y": (
        "\u0263\u028f\u03a5\u03b3\u0423\u0443\u04ae\u04af\u10e7\u13a9\u13bd\u1d8c\u1eff\u2ca8"
        "\u2ca9\ua4ec\uab5a\U000102b2\U000118a4\U000118dc\U00016f43\U0001ccee"
    ),
    "z": ("\u0396\u13c3\u1d22\ua4dc\uab93\U000102f5\U000118a9\U000118c4\U000118e5\U0001ccef"),
}
# END GENERATED

#: ``str.translate`` table: code point -> ASCII text.
FOLD: dict[int, str] = {ord(c): text for text, chars in _BY_TARGET.items() for c in chars}


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    with open(sys.argv[1], encoding="utf-8-sig") as fh:
        print(render(build_table(fh), "VERSION", "DATE"))
