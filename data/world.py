"""Accounts of the fictional demo world (companies, universities, competitors, partners)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from data import vocab as V
from data.text import corporate_number, has_katakana

#: Number of accounts per segment (sums to 400).
SEGMENT_SIZES = {"large": 60, "mid": 140, "smb": 151, "univ": 32, "competitor": 9, "partner": 8}
#: Fixed names that must exist (confusable on purpose): (core, suffix index, segment, prefecture).
FORCED = [
    ("三和", "電機", "large", "大阪府"),
    ("三和", "商事", "mid", "東京都"),
    ("大和", "電機", "mid", "愛知県"),
    ("東邦", "システム", "mid", "東京都"),
    ("東邦", "システム", "smb", "福岡県"),
]


@dataclass
class Account:
    """One account of the demo world (truth; exports derive from it)."""

    company_id: str
    segment: str
    core: str
    form: str
    front: bool
    en_name: str
    en_public: bool
    domain: str
    corp_no: str
    industry: str
    employees: int
    revenue_m: int
    prefecture: str
    area_code: str
    owner: str
    is_customer: bool = False

    @property
    def official(self) -> str:
        """Official Japanese name (legal form before or after the core name)."""
        return f"{self.form}{self.core}" if self.front else f"{self.core}{self.form}"


def _loguniform(rng: np.random.Generator, low: float, high: float) -> float:
    return float(np.exp(rng.uniform(np.log(low), np.log(high))))


def _size(rng: np.random.Generator, segment: str) -> tuple[int, int]:
    """Employees and revenue (百万円) for a segment."""
    emp_band, rev_per_emp = {
        "large": ((1000, 50000), (1.5e7, 6e7)),
        "mid": ((300, 1000), (1.2e7, 5e7)),
        "smb": ((5, 300), (0.8e7, 3e7)),
        "univ": ((150, 3000), (1.0e7, 2e7)),
        "competitor": ((50, 800), (1.5e7, 4e7)),
        "partner": ((100, 3000), (1.5e7, 4e7)),
    }[segment]
    emp = round(_loguniform(rng, *emp_band))
    rev = emp * _loguniform(rng, *rev_per_emp)
    if segment == "large":
        rev = min(max(rev, 1e10), 2e12)
    return emp, max(round(rev / 1e6), 1)


def _english(pre: str, suf: tuple[str, str, str, str], rng: np.random.Generator) -> str:
    kanji, romaji, english, _ = suf
    word = english if has_katakana(kanji) or romaji == "hd" else romaji
    style = float(rng.random())
    if style < 0.4:
        return f"{pre.upper()} {word.replace('-', ' ').upper()} CO., LTD."
    ending = "Co., Ltd." if style < 0.7 else ("Corporation" if style < 0.85 else "Inc.")
    return f"{pre.capitalize()} {english} {ending}"


def _pick_prefecture(rng: np.random.Generator, segment: str) -> tuple[str, str]:
    w = np.array([p[2] for p in V.PREFECTURES], dtype=float)
    if segment in ("large", "competitor", "partner"):
        w[0] *= 3
    i = int(rng.choice(len(w), p=w / w.sum()))
    return V.PREFECTURES[i][0], V.PREFECTURES[i][1]


def build_accounts(rng: np.random.Generator) -> list[Account]:
    """Create the 400 accounts of the demo world.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source (the only one; no wall clock).

    Returns
    -------
    list of Account
        Ordered by ``company_id``.
    """
    suffix_by_kanji = {s[0]: s for s in V.SUFFIXES}
    pre_romaji = dict(V.PREFIXES)
    used_cores: dict[str, int] = {}
    used_domains: dict[str, int] = {}
    used_numbers: dict[str, int] = {}
    accounts: list[Account] = []
    industries = [s[3] for s in V.SUFFIXES if s[3]]

    def new_number() -> str:
        while True:
            base = "".join(str(d) for d in rng.integers(0, 10, 12))
            if base[0] != "0" and base not in used_numbers:
                used_numbers[base] = 1
                return corporate_number(base)

    def unique_domain(candidates: list[str]) -> str:
        for dom in candidates:
            if dom not in used_domains:
                used_domains[dom] = 1
                return dom
        raise RuntimeError("no free domain")  # pragma: no cover

    def company(segment: str, pre: str, suf_kanji: str, pref: tuple[str, str] | None) -> None:
        suf = suffix_by_kanji[suf_kanji]
        core = pre + suf_kanji
        used_cores[core] = used_cores.get(core, 0) + 1
        r = pre_romaji[pre]
        form, front = "株式会社", bool(rng.random() < 0.4)
        if segment == "smb" and rng.random() < 0.15:
            form = "有限会社" if rng.random() < 0.65 else "合同会社"
        tld = ".co.jp" if rng.random() < 0.8 else (".jp" if rng.random() < 0.6 else ".com")
        sr = suf[1]
        domain = unique_domain([f"{r}-{sr}{tld}", f"{r}{sr}{tld}", f"{r}-{sr[:3]}.jp"])
        emp, rev = _size(rng, segment)
        industry = suf[3] or industries[int(rng.integers(len(industries)))]
        pref = pref or _pick_prefecture(rng, segment)
        en_public = bool(rng.random() < {"large": 0.8, "mid": 0.5}.get(segment, 0.15))
        accounts.append(
            Account(f"C{len(accounts) + 1:04d}", segment, core, form, front,
                    _english(r, suf, rng), en_public, domain, new_number(), industry,
                    emp, rev, pref[0], pref[1], V.OWNERS[int(rng.integers(len(V.OWNERS)))])
        )  # fmt: skip

    area = {p[0]: p[1] for p in V.PREFECTURES}
    for pre, suf_kanji, segment, pref in FORCED:
        company(segment, pre, suf_kanji, (pref, area[pref]))
    remaining = dict(SEGMENT_SIZES)
    for _, _, segment, _ in FORCED:
        remaining[segment] -= 1
    for segment in ("large", "mid", "smb"):
        while remaining[segment] > 0:
            pre = V.PREFIXES[int(rng.integers(len(V.PREFIXES)))][0]
            suf = V.SUFFIXES[int(rng.integers(len(V.SUFFIXES)))][0]
            if suf == "ホールディングス" and segment == "smb":
                continue
            core = pre + suf
            if core in used_cores or any(f in core for f in V.FORBIDDEN):
                continue
            company(segment, pre, suf, None)
            remaining[segment] -= 1
    _add_universities(rng, accounts, new_number, unique_domain)
    for segment, table in (("competitor", V.COMPETITORS), ("partner", V.PARTNERS)):
        for name, en, domain in table:
            front = name.startswith("株式会社")
            core = name.removeprefix("株式会社").removesuffix("株式会社")
            emp, rev = _size(rng, segment)
            pref = _pick_prefecture(rng, segment)
            accounts.append(
                Account(f"C{len(accounts) + 1:04d}", segment, core, "株式会社", front, en,
                        True, unique_domain([domain]), new_number(), "情報通信業", emp, rev,
                        pref[0], pref[1], V.OWNERS[int(rng.integers(len(V.OWNERS)))])
            )  # fmt: skip
    return accounts


def _add_universities(rng, accounts, new_number, unique_domain) -> None:
    """Append the 32 universities / 学校法人 (``.ac.jp`` domains)."""
    combos = [(p, k) for k in range(len(V.UNI_KINDS)) for p in range(len(V.UNI_PREFIXES))]
    order = rng.permutation(len(combos))[: SEGMENT_SIZES["univ"]]
    for j in sorted(int(o) for o in order):
        p, k = combos[j]
        kanji, romaji = V.UNI_PREFIXES[p]
        name_pat, dom_pat = V.UNI_KINDS[k]
        name = name_pat.format(p=kanji)
        en = {0: "University", 1: "Institute of Technology", 2: "Medical University",
              3: "Gakuen"}[k]  # fmt: skip
        emp, rev = _size(rng, "univ")
        pref = _pick_prefecture(rng, "univ")
        accounts.append(
            Account(f"C{len(accounts) + 1:04d}", "univ", name, "", True,
                    f"{romaji.capitalize()} {en}", False, unique_domain([dom_pat.format(r=romaji)]),
                    new_number(), "教育・学習支援業", emp, rev, pref[0], pref[1],
                    V.OWNERS[int(rng.integers(len(V.OWNERS)))])
        )  # fmt: skip
