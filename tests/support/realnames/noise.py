"""The spelling rules behind :mod:`tests.support.realnames.variants`: one function per kind of slip.

Each function takes an official name (or English name / reading) and a
``numpy.random.Generator`` and returns one spelling, or ``None`` when the
rule does not apply to that name (no katakana to mistype, no kanji with a
common homophone, …). Written from how people type company names, without
reading ``abm/resolve``.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from tests.support.realnames.romaji import KANA, Style, to_romaji

_FORM = "株式会社|有限会社|合同会社|合資会社|合名会社"
_SPLIT = re.compile(rf"^\s*({_FORM})?[\s\u3000]*(.*?)[\s\u3000]*({_FORM})?\s*$")
_ABBR = {"株式会社": "株", "有限会社": "有", "合同会社": "同", "合資会社": "資", "合名会社": "名"}
_CIRCLED = {"株": "㈱", "有": "㈲", "資": "㈾", "名": "㈴"}
_GARBLED = ("株式社会", "式株会社", "株式会", "株式界社", "（）株")
_EN_FORM = re.compile(
    r"[\s,.]*\b(co\.?\s*,?\s*ltd\.?|company,?\s*limited|co\.?\s*,?\s*limited|kabushiki\s+kaisha|"
    r"kaisha|corporation|incorporated|inc\.?|corp\.?|limited|ltd\.?|k\.\s*k\.?|co\.?|company)\s*$",
    re.IGNORECASE,
)
_EN_SUFFIX = (" Co., Ltd.", " Co.,Ltd.", " CO.,LTD.", " Co. Ltd.", " Inc.", " Inc",
              " Corporation", " Corp.", " K.K.", " Ltd.", "")  # fmt: skip
_READ_FORM = re.compile(
    r"^(カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)[ガカ]イシ[ャヤ]|"
    r"(カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)([ガカ]イシ[ャヤ])?$"
)
#: Katakana words at the end of a name that people write in English in a romaji spelling.
KANA_WORDS = (("フィナンシャルグループ", "Financial Group"), ("ホールディングス", "Holdings"),
              ("グループ", "Group"), ("コーポレーション", "Corporation"))  # fmt: skip
#: Kanji words at the end of a name, with their reading, split off as a word in romaji.
KANJI_WORDS = (("製作所", "セイサクショ"), ("不動産", "フドウサン"), ("自動車", "ジドウシャ"),
               ("工務店", "コウムテン"), ("建設", "ケンセツ"), ("工業", "コウギョウ"),
               ("興業", "コウギョウ"), ("銀行", "ギンコウ"), ("産業", "サンギョウ"), ("商事", "ショウジ"),
               ("電機", "デンキ"), ("電気", "デンキ"), ("化学", "カガク"), ("製薬", "セイヤク"),
               ("証券", "ショウケン"), ("鉄道", "テツドウ"), ("電力", "デンリョク"), ("物産", "ブッサン"),
               ("運輸", "ウンユ"), ("倉庫", "ソウコ"), ("食品", "ショクヒン"), ("精機", "セイキ"),
               ("商会", "ショウカイ"), ("製菓", "セイカ"), ("海運", "カイウン"), ("通信", "ツウシン"),
               ("紡績", "ボウセキ"), ("製紙", "セイシ"), ("電工", "デンコウ"), ("開発", "カイハツ"),
               ("印刷", "インサツ"), ("薬品", "ヤクヒン"), ("交通", "コウツウ"), ("組", "グミ"))  # fmt: skip
#: Words an IME offers for the same reading (both directions are used).
HOMOPHONES = (("工業", "興業"), ("化学", "科学"), ("保険", "保健"), ("共同", "協同"), ("協和", "共和"),
              ("総合", "綜合"), ("製紙", "製糸"), ("鉄工", "鉄鋼"), ("製鋼", "精鋼"), ("精工", "精巧"),
              ("電機", "電気"), ("電気", "電器"), ("機械", "器械"), ("製作所", "制作所"), ("技研", "技建"),
              ("通商", "通称"), ("興産", "工産"), ("製菓", "製果"), ("医療", "衣料"), ("工機", "工器"),
              ("計器", "計機"), ("光学", "工学"))  # fmt: skip
#: Old, variant and everyday forms of the same kanji (淺沼組 is typed 浅沼組).
VARIANT_GLYPHS = ("髙高", "﨑崎", "嵜崎", "邊辺", "邉辺", "澤沢", "廣広", "濱浜", "國国", "櫻桜", "藝芸",
                  "錢銭", "淺浅", "壽寿", "德徳", "圓円", "龍竜", "眞真", "鐵鉄", "關関", "曾曽", "條条",
                  "來来", "惠恵", "榮栄", "增増", "齋斎", "齊斉", "藏蔵", "豐豊", "應応", "學学", "會会",
                  "實実", "寳宝", "舘館", "槇槙", "冨富", "ヶケ")  # fmt: skip
_GLYPH = {a: b for a, b in VARIANT_GLYPHS} | {b: a for a, b in reversed(VARIANT_GLYPHS)}
_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}
_SMALL = dict(zip("ッャュョァィゥェォ", "ツヤユヨアイウエオ", strict=True))
_KATA_RUN = re.compile(r"[ァ-ヴー]{3,}")


def split_form(name: str) -> tuple[str, str, str]:
    """``(core, form, position)`` of an official name: ``("三共", "株式会社", "front")``."""
    m = _SPLIT.match(name)
    front, core, back = m.group(1), m.group(2), m.group(3)
    if front:
        return core, front, "front"
    if back:
        return core, back, "back"
    return core, "", ""


def _join(core: str, form: str, pos: str) -> str:
    return "" if not core else (form + core if pos == "front" else core + form)


def halfwidth_kana(s: str) -> str:
    """Full-width katakana to half-width (``ガ`` → ``ｶﾞ``), the rest unchanged."""
    out = []
    for c in s:
        if c in _HALF:
            out.append(_HALF[c])
            continue
        d = unicodedata.normalize("NFD", c)
        if len(d) == 2 and d[0] in _HALF and d[1] in "\u3099\u309a":
            out.append(_HALF[d[0]] + ("ﾞ" if d[1] == "\u3099" else "ﾟ"))
        else:
            out.append({"ー": "ｰ", "ヴ": "ｳﾞ"}.get(c, c))
    return "".join(out)


def width_flip(s: str) -> str:
    """ASCII to full width, or full-width ASCII back to ASCII (whichever the name has)."""
    if re.search(r"[！-～]", s):
        return "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in s)
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def legal_form(name: str, rng: np.random.Generator, *, garble: bool = True) -> str:
    """The name with its legal form moved, abbreviated, garbled or dropped, and/or spacing/width noise."""
    core, form, _ = split_form(name)
    out = name
    for _ in range(6):
        if form:
            a = _ABBR[form]
            forms = [
                (form, "front"), (form, "back"), (form + " ", "front"), (form + "\u3000", "front"),
                (" " + form, "back"), (f"({a})", "front"), (f"（{a}）", "front"), (f"({a})", "back"),
                (f"（{a}）", "back"), ("", "front"),
            ]  # fmt: skip
            if a in _CIRCLED:
                forms += [(_CIRCLED[a], "front"), (_CIRCLED[a], "back")]
            if garble and form == "株式会社" and rng.random() < 0.12:
                forms = [(g, str(rng.choice(["front", "back"]))) for g in _GARBLED]
            f, p = forms[int(rng.integers(0, len(forms)))]
            out = _join(core, f, p)
        r = rng.random()
        if r < 0.2 or not form:
            out = (
                width_flip(out)
                if re.search(r"[!-~！-～]", out)
                else out.replace(core, _space(core, rng))
            )
        elif r < 0.3:
            out = out.replace(core, _space(core, rng))
        if out != name and out.strip():
            return out
    return core + "\u3000" if core else name + " "


def _space(core: str, rng: np.random.Generator) -> str:
    """A space (ASCII or U+3000) where the script changes, or between two characters."""
    cuts = [i for i in range(1, len(core)) if _script(core[i]) != _script(core[i - 1])]
    i = cuts[int(rng.integers(0, len(cuts)))] if cuts else max(1, len(core) // 2)
    return core[:i] + str(rng.choice([" ", "\u3000"])) + core[i:]


def _script(c: str) -> str:
    if "ァ" <= c <= "ヺ" or c == "ー":
        return "kata"
    if "ぁ" <= c <= "ゖ":
        return "hira"
    return "latin" if c.isascii() or "！" <= c <= "～" else "kanji"


def kana_typo(name: str, rng: np.random.Generator) -> str | None:
    """One or two slips inside a katakana run of 3+ kana, sometimes typed in half-width kana."""
    core, form, pos = split_form(name)
    runs = list(_KATA_RUN.finditer(core))
    if not runs:
        return None
    m = runs[int(rng.integers(0, len(runs)))]
    run = m.group()
    for _ in range(1 + int(rng.random() < 0.3)):
        run = _kana_slip(run, rng)
    if run == m.group() or rng.random() < 0.25:
        run = halfwidth_kana(run)
    return _join(core[: m.start()] + run + core[m.end() :], form, pos)


def _kana_slip(run: str, rng: np.random.Generator) -> str:
    ops = ["transpose", "drop", "bar_insert"]
    if any(c in _SMALL for c in run):
        ops.append("small_large")
    if "ー" in run:
        ops += ["bar_drop", "bar_double"]
    if any(unicodedata.normalize("NFD", c) != c for c in run) or re.search("[カ-トハ-ホ]", run):
        ops.append("dakuten")
    if "ヴ" in run or "バ" in run:
        ops.append("vu")
    op = ops[int(rng.integers(0, len(ops)))]
    idx = list(range(len(run)))
    if op == "small_large":
        i = next(i for i in rng.permutation(idx) if run[i] in _SMALL)
        return run[:i] + _SMALL[run[i]] + run[i + 1 :]
    if op == "bar_drop":
        i = next(i for i in rng.permutation(idx) if run[i] == "ー")
        return run[:i] + run[i + 1 :]
    if op == "bar_double":
        i = run.index("ー")
        return run[:i] + "ー" + run[i:]
    if op == "bar_insert":
        i = int(rng.integers(1, len(run)))
        return run if run[i - 1] == "ー" or run[i] in _SMALL else run[:i] + "ー" + run[i:]
    if op == "vu":
        return run.replace("ヴ", "ブ", 1) if "ヴ" in run else run.replace("バ", "ヴァ", 1)
    if op == "dakuten":
        i = next(i for i in rng.permutation(idx) if _voice(run[i]) != run[i])
        return run[:i] + _voice(run[i]) + run[i + 1 :]
    if op == "transpose" and len(run) >= 3:
        i = int(rng.integers(0, len(run) - 1))
        return run[:i] + run[i + 1] + run[i] + run[i + 2 :] if run[i] != run[i + 1] else run
    if op == "drop" and len(run) >= 4:
        i = int(rng.integers(1, len(run)))
        return run[:i] + run[i + 1 :]
    return run


def _voice(c: str) -> str:
    d = unicodedata.normalize("NFD", c)
    if len(d) == 2:  # voiced or semi-voiced: take the mark off, or switch バ/パ
        if d[0] in "ハヒフヘホ" and d[1] == "\u3099":
            return unicodedata.normalize("NFC", d[0] + "\u309a")
        return d[0]
    if c in "カキクケコサシスセソタチツテトハヒフヘホ":
        return unicodedata.normalize("NFC", c + "\u3099")
    return c


def kanji_typo(name: str, rng: np.random.Generator) -> str | None:
    """An IME homophone, a variant glyph, or (4+ kanji) one kanji dropped; ``None`` if none applies."""
    core, form, pos = split_form(name)
    options = []
    for a, b in HOMOPHONES:
        if a in core:
            options.append(core.replace(a, b, 1))
        if b in core:
            options.append(core.replace(b, a, 1))
    for i, c in enumerate(core):
        between_kanji = (
            0 < i < len(core) - 1 and _script(core[i - 1]) == _script(core[i + 1]) == "kanji"
        )
        if c in _GLYPH and (c not in "ヶケ" or between_kanji):
            options.append(core[:i] + _GLYPH[c] + core[i + 1 :])
    kanji = [i for i, c in enumerate(core) if _script(c) == "kanji"]
    if len(kanji) >= 4:
        i = kanji[int(rng.integers(1, len(kanji)))]
        options.append(core[:i] + core[i + 1 :])
    if not options:
        return None
    return _join(options[int(rng.integers(0, len(options)))], form, pos)


def english_core(en: str) -> str:
    """The English name without its legal form(s) and a leading ``The``."""
    s = re.sub(r"\s+", " ", en).strip()
    while True:
        t = _EN_FORM.sub("", s).strip(" ,.")
        if t == s or not t:
            break
        s = t
    return re.sub(r"^the\s+", "", s, flags=re.IGNORECASE)


def english(en: str, rng: np.random.Generator) -> str:
    """The official English name as people type it: legal form, case and punctuation varied."""
    core = english_core(en)
    name = en if rng.random() < 0.35 else core + str(rng.choice(_EN_SUFFIX))
    if rng.random() < 0.15:
        name = re.sub(r"[,.]", "", name)
    if rng.random() < 0.1:
        name = name.replace("&", "and") if "&" in name else name.replace(" and ", " & ")
    r = rng.random()
    if r < 0.25:
        name = name.upper()
    elif r < 0.4:
        name = name.lower()
    elif r < 0.55:
        name = name.title()
    return re.sub(r"\s+", " ", name).strip()


def reading_core(reading: str) -> str:
    """The registered reading without spaces and its legal form (カブシキガイシャ …)."""
    return _READ_FORM.sub("", re.sub(r"[\s\u3000・]", "", reading))


def romaji(name: str, reading: str, style: Style, rng: np.random.Generator) -> str | None:
    """The reading in romaji, or ``None`` for names people would not romanise from the reading.

    Skipped: names with Latin letters or katakana loanwords (their English
    spelling is the ``english`` class), and readings written with full-size
    ヤユヨ where small ones are meant (``シヨウ`` for ``ショウ``), which make
    wrong romaji.
    """
    core = unicodedata.normalize("NFKC", split_form(name)[0]).replace(" ", "")
    rcore = reading_core(reading)
    if not rcore or set(rcore) - KANA or re.search(r"[A-Za-z0-9]", core):
        return None
    if re.search("[キシチニヒミリギジビピ][ヤユヨ]", rcore) and not re.search("[ャュョ]", rcore):
        return None
    tail = ""
    for kana, en in KANA_WORDS:
        if core.endswith(kana) and rcore.endswith(kana) and len(core) > len(kana):
            core, rcore, tail = core[: -len(kana)], rcore[: -len(kana)], en
            break
    if re.search("[ァ-ヴー]{2,}", core):
        return None
    words = [rcore]
    for kanji, kana in KANJI_WORDS:
        if core.endswith(kanji) and rcore.endswith(kana) and len(rcore) > len(kana):
            words = [rcore[: -len(kana)], kana]
            break
    roman = [to_romaji(w, style) for w in words]
    if any(not w for w in roman):
        return None
    case = rng.random()
    fix = str.title if case < 0.5 else (str.upper if case < 0.8 else str.lower)
    text = str(rng.choice([" ", "", "-"], p=[0.6, 0.25, 0.15])).join(fix(w) for w in roman)
    suffix = str(rng.choice(["", " Co., Ltd.", " K.K.", " Inc.", " Corporation", " Co.,Ltd."],
                            p=[0.45, 0.2, 0.1, 0.1, 0.1, 0.05]))  # fmt: skip
    return " ".join(x for x in (text, fix(tail) if tail else "", fix(suffix.strip())) if x)


def mistype_number(num: str, rng: np.random.Generator) -> str:
    """The corporate number with one base digit changed so that its check digit fails."""
    from tests.support.realnames.build import valid_corporate_number

    while True:
        i = int(rng.integers(1, 13))
        d = str((int(num[i]) + int(rng.integers(1, 9))) % 10)
        out = num[:i] + d + num[i + 1 :]
        if not valid_corporate_number(out):
            return out
