"""Labelled benchmark generator for 名寄せ: leads with the true company of each row.

Realistic variants of Japanese and English company names: 前株/後株,
(株)/（株）/㈱, 有限会社/(有)/㈲, full-/half-width letters and kana, U+3000
spaces, English names (Co., Ltd. / Inc. / K.K. / Corporation), typos, branch
names, similar-but-different companies (三和電機 / 三和商事 / 大和電機: cores and
generic words are reused across companies), identical names of different
companies (different domains and corporate numbers), companies with a second
domain, a group portal shared by unrelated companies, free mail and missing
emails, valid and invalid corporate numbers.

Usage: ``generate(n_rows, seed=0) -> (leads, truth)`` where ``truth`` is a
Series of true company ids aligned with ``leads``.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

KANJI = list(
    "三大山田中村東西南北日本富士太平洋光明星新和栄昭平成令旭朝陽月川河野原林森松竹梅桜菊"
    "青赤白黒金銀銅鉄石岩高低長短丸角広狭安全信誠正義豊福寿吉祥丸共同協力総合国際"
    "千万百十一二五八九龍虎鶴亀鳳凰尾張三河伊勢近江播磨筑紫越後信濃甲斐相模武蔵"
)
KATA = list(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
)
ROMA = ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta",
        "chi", "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho", "ma",
        "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "n"]  # fmt: skip
GENERIC = [("電機", "Electric"), ("商事", "Trading"), ("工業", "Industries"), ("システム", "Systems"),
           ("ソリューションズ", "Solutions"), ("産業", "Industry"), ("建設", "Construction"),
           ("製作所", "Works"), ("化学", "Chemical"), ("情報システム", "Information Systems"),
           ("精機", "Seiki"), ("物産", "Bussan"), ("", ""), ("", ""), ("", ""), ("テクノロジー", "Technology"),
           ("食品", "Foods"), ("運輸", "Transport"), ("不動産", "Real Estate"), ("電子", "Electronics")]  # fmt: skip
BRANCH = [
    " 大阪支店",
    "　東京本社",
    " 名古屋営業所",
    "福岡支店",
    " 札幌支社",
    "横浜営業所",
    " 本社",
]
FREE = ["gmail.com", "yahoo.co.jp", "outlook.jp", "icloud.com", "docomo.ne.jp", "ezweb.ne.jp",
        "softbank.ne.jp", "nifty.com", "hotmail.co.jp", "biglobe.ne.jp"]  # fmt: skip
_WEIGHTS = np.array([1 if i % 2 else 2 for i in range(12, 0, -1)])


def corp_number(rng: np.random.Generator) -> str:
    base = rng.integers(0, 10, 12)
    return str(9 - int(base @ _WEIGHTS) % 9) + "".join(map(str, base))


def _core(rng: np.random.Generator, romaji: dict[str, str]) -> tuple[str, str]:
    if rng.random() < 0.55:
        n = int(rng.choice([2, 2, 2, 3, 4]))
        chars = list(rng.choice(KANJI, n))
        for c in chars:
            romaji.setdefault(c, "".join(rng.choice(ROMA, 2)))
        return "".join(chars), "".join(romaji[c] for c in chars)
    n = int(rng.integers(3, 7))
    idx = rng.integers(0, len(KATA), n)
    return "".join(KATA[i] for i in idx), "".join(ROMA[i % len(ROMA)] for i in idx)


def _companies(n: int, rng: np.random.Generator) -> pd.DataFrame:
    romaji: dict[str, str] = {}
    cores = [_core(rng, romaji) for _ in range(max(4, int(n * 0.45)))]
    rows, seen = [], set()
    portal_members = set(rng.choice(n, max(3, n // 400), replace=False).tolist())
    for cid in range(n):
        for _ in range(20):
            core, rom = cores[int(rng.integers(0, len(cores)))]
            gen, gen_en = GENERIC[int(rng.integers(0, len(GENERIC)))]
            if (core, gen) not in seen or rng.random() < 0.02:  # ~2% identical names
                break
        seen.add((core, gen))
        form = "有限会社" if rng.random() < 0.12 else "株式会社"
        dom = f"{rom}{'-' + gen_en.lower().replace(' ', '') if gen_en else ''}{cid % 97}"
        domain = "portal-group.jp" if cid in portal_members else f"{dom}.co.jp"
        rows.append({
            "cid": cid, "core": core, "gen": gen, "form": form, "domain": domain,
            "domain2": f"{dom}.com" if rng.random() < 0.05 else None,
            "en": f"{rom.capitalize()} {gen_en}".strip() if rng.random() < 0.3 else None,
            "corp": corp_number(rng),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _width(s: str, rng: np.random.Generator) -> str:
    r = rng.random()
    if r < 0.12:  # full-width ASCII
        return "".join(
            chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("　" if c == " " else c) for c in s
        )
    if r < 0.2:  # half-width kana
        return "".join(_HALF.get(c, c) for c in s)
    return s


_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}


def _typo(s: str, rng: np.random.Generator) -> str:
    if len(s) < 2:
        return s
    i = int(rng.integers(0, len(s)))
    r = rng.random()
    pool = KATA if s[i] in KATA else KANJI
    if r < 0.4:
        return s[:i] + s[i + 1 :]
    if r < 0.7:
        return s[:i] + str(rng.choice(pool)) + s[i:]
    return s[:i] + str(rng.choice(pool)) + s[i + 1 :]


def _variant(c: dict, rng: np.random.Generator) -> str:
    if isinstance(c["en"], str) and rng.random() < 0.25:
        suffix = rng.choice(
            [" Co., Ltd.", " Co.,Ltd.", " Inc.", " K.K.", " Corporation", " CO., LTD.", ""]
        )
        name = c["en"] + suffix
        return name.upper() if rng.random() < 0.2 else name
    name = c["core"] + c["gen"]
    if rng.random() < 0.04:
        name = _typo(c["core"], rng) + c["gen"]
    if c["form"] == "株式会社":
        forms = [
            "株式会社{}",
            "{}株式会社",
            "(株){}",
            "（株）{}",
            "㈱{}",
            "{}㈱",
            "{}(株)",
            "株式会社 {}",
            "株式会社\u3000{}",
            "{}",
        ]
    else:
        forms = ["有限会社{}", "{}有限会社", "(有){}", "㈲{}", "{}(有)", "{}"]
    name = forms[int(rng.integers(0, len(forms)))].format(name)
    if rng.random() < 0.08:
        name += BRANCH[int(rng.integers(0, len(BRANCH)))]
    return _width(name, rng)


def generate(
    n_rows: int, *, seed: int = 0, rows_per_company: float = 8.0
) -> tuple[pd.DataFrame, pd.Series]:
    """Return ``(leads, truth)``: canonical leads and the true company id per row."""
    rng = np.random.default_rng(seed)
    n_comp = max(10, int(n_rows / rows_per_company))
    comp = _companies(n_comp, rng)
    weights = rng.pareto(1.2, n_comp) + 1
    cid = rng.choice(n_comp, n_rows, p=weights / weights.sum())
    recs = comp.to_dict("records")
    names, emails, corps = [], [], []
    kinds = rng.random(n_rows)
    for i, c in enumerate(cid):
        rec = recs[c]
        names.append(_variant(rec, rng))
        if kinds[i] < 0.65:
            dom = (
                rec["domain2"]
                if isinstance(rec["domain2"], str) and rng.random() < 0.3
                else rec["domain"]
            )
            emails.append(f"u{i}@{'mail.' if rng.random() < 0.05 else ''}{dom}")
        elif kinds[i] < 0.85:
            emails.append(f"u{i}@{FREE[int(rng.integers(0, len(FREE)))]}")
        else:
            emails.append(None)
        r = rng.random()
        corps.append(
            rec["corp"]
            if r < 0.12
            else ((str(int(rec["corp"][0]) % 9 + 1) + rec["corp"][1:]) if r < 0.13 else None)
        )
    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(n_rows)],
            "company": names,
            "email": emails,
            "corporate_number": corps,
        },
        dtype="string",
    )
    return leads, pd.Series(cid, name="company_id")
