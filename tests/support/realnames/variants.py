"""Lead records for real companies, spelled the ways people type them, each labelled.

Written from how Japanese company names are typed into forms and CRMs, not
from the matcher (``abm.resolve`` was not read or imported while writing
this). Every record carries the true company (``true_corporate_number``)
and one variant class:

``official``
    The registered name as EDINET prints it (every company has one).
``english``
    The official English name with the noise people add: the legal form
    swapped or dropped (``Co., Ltd.`` / ``Inc.`` / ``Corporation`` /
    ``K.K.``), upper or lower case, punctuation lost, ``&`` / ``and``; always
    with free mail or no e-mail (brief class a).
``romaji``
    The registered reading in romaji (Hepburn variants, see
    :mod:`tests.support.realnames.romaji`), with a common kanji suffix split off
    (``Taisei Kensetsu``) and katakana suffix words in English
    (``… Holdings``); free mail or none (class a).
``kana_typo``
    One or two slips in a katakana run: small/large kana, ``ー`` dropped or
    doubled, ヴ/ブ, 濁点/半濁点, two kana transposed, a kana dropped, half-width
    kana (class b).
``kanji_typo``
    An IME homophone (工業/興業, 化学/科学, 保険/保健 …), an old/new or variant
    glyph (淺/浅, 髙/高, 﨑/崎 …) or, in a long name, one kanji dropped (class c).
``legal_form``
    前株/後株 swapped, ``(株)`` ``（株）`` ``㈱``, garbled (``株式社会``,
    ``式株会社``, ``（）株``; 12 % of 株式会社 names), the form dropped, spaces
    (U+3000 too), full/half width (class d).
``lookalike``
    A lightly noised spelling of a company that has a look-alike (a real
    different company 1–2 characters away, or with the same name): these
    must not merge with the other one (class f).

E-mail (class e) is an attribute of every record: ``corporate`` (a domain
made from the English name, unique per company), ``free`` or ``none``; a
valid corporate number is on about 19 % of records and a mistyped one
(wrong check digit) on about 1 %. Records of companies whose name is
identical to another company's always carry the corporate number or the
corporate domain (nothing else could tell them apart).

A variant that would spell exactly another company's name (official,
English or romaji key) is drawn again, then replaced by a ``legal_form``
record; :func:`generate` counts these in ``frame.attrs["collisions"]``.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from tests.support.realnames import noise
from tests.support.realnames.romaji import random_style, to_romaji

CLASSES = ("official", "english", "romaji", "kana_typo", "kanji_typo", "legal_form", "lookalike")
FREE_MAIL = ("gmail.com", "yahoo.co.jp", "outlook.jp", "icloud.com", "docomo.ne.jp",
             "ezweb.ne.jp", "softbank.ne.jp", "nifty.com", "hotmail.co.jp", "biglobe.ne.jp")  # fmt: skip
#: Relative weights of the variant classes a company's extra records are drawn from.
WEIGHTS = {"english": 0.18, "romaji": 0.10, "kana_typo": 0.15, "kanji_typo": 0.12,
           "legal_form": 0.45}  # fmt: skip
_PAIR_COLUMNS = ["corporate_number_a", "corporate_number_b", "kind"]
_KEY_DROP = re.compile(
    r"株式会社|有限会社|合同会社|\(株\)|\(有\)|\(同\)|"
    r"\b(co|ltd|inc|corporation|corp|limited|company|k\.?k|the|kabushiki|kaisha|incorporated)\b"
)


def name_key(name: str) -> str:
    """What makes two spellings the same name for the collision guard (not a matcher)."""
    s = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[^0-9a-z\u3040-\u30ff\u4e00-\u9fff々]", "", _KEY_DROP.sub(" ", s))


def _domains(companies: pd.DataFrame, rng: np.random.Generator) -> list[str]:
    taken: set[str] = set()
    out = []
    for en, reading in zip(companies["english_name"], companies["reading"], strict=True):
        words = noise.english_core(en).lower().replace("&", " ").split() if en else []
        words = [re.sub(r"[^a-z0-9]", "", w) for w in words]
        words = [w for w in words if w] or [to_romaji(noise.reading_core(reading)) or "corp"]
        stems = [words[0], "".join(words), "-".join(words)]
        first = int(rng.integers(0, 3))
        tld = str(rng.choice([".co.jp", ".com", ".jp"], p=[0.7, 0.15, 0.15]))
        tries = [s[:30] + tld for s in [stems[first], *stems]]
        tries += [f"{stems[1][:30]}-{k}{tld}" for k in range(2, 100)]
        dom = next(d for d in tries if d not in taken)
        taken.add(dom)
        out.append(dom)
    return out


def _variant(kind: str, c: dict, rng: np.random.Generator) -> str | None:
    if kind == "english":
        return noise.english(c["english_name"], rng) if c["english_name"] else None
    if kind == "romaji":
        return noise.romaji(c["name"], c["reading"], random_style(rng), rng)
    if kind == "kana_typo":
        return noise.kana_typo(c["name"], rng)
    if kind == "kanji_typo":
        return noise.kanji_typo(c["name"], rng)
    if kind == "legal_form":
        return noise.legal_form(c["name"], rng)
    if kind == "lookalike":
        return noise.legal_form(c["name"], rng, garble=False)
    return c["name"]


def generate(
    companies: pd.DataFrame,
    lookalikes: pd.DataFrame | None = None,
    *,
    seed: int = 16,
    records: tuple[int, int] = (2, 4),
) -> pd.DataFrame:
    """Labelled lead records: 2–4 per company (one ``official``), shuffled.

    Parameters
    ----------
    companies : pandas.DataFrame
        ``companies.csv`` (``corporate_number``, ``name``, ``reading``,
        ``english_name``; strings, empty when absent).
    lookalikes : pandas.DataFrame, optional
        ``lookalikes.csv``; its companies get a ``lookalike`` record, and those
        with an ``identical`` partner the corporate number on records without
        a corporate domain.
    seed : int
        Everything is drawn from ``numpy.random.default_rng(seed)``.
    records : (int, int)
        Fewest and most records per company.

    Returns
    -------
    pandas.DataFrame
        ``lead_id, company, email, corporate_number`` (what a matcher sees) and
        ``true_corporate_number, variant, email_kind`` (the labels); all
        strings. ``attrs["collisions"]`` counts variants redrawn because they
        spelled another company's name.
    """
    rng = np.random.default_rng(seed)
    comp = companies.fillna("").astype(str).reset_index(drop=True)
    pairs = lookalikes if lookalikes is not None else pd.DataFrame(columns=_PAIR_COLUMNS)
    look = set(pairs["corporate_number_a"]) | set(pairs["corporate_number_b"])
    twins: dict[str, set[str]] = {}
    for a, b in pairs.loc[pairs["kind"].eq("identical"), _PAIR_COLUMNS[:2]].itertuples(index=False):
        twins.setdefault(a, {a}).add(b)
        twins.setdefault(b, {b}).add(a)
    owners: dict[str, set[str]] = {}
    for num, name, en, reading in comp[
        ["corporate_number", "name", "english_name", "reading"]
    ].itertuples(index=False):
        for key in (
            name_key(name),
            name_key(en),
            name_key(to_romaji(noise.reading_core(reading)) or ""),
        ):
            if key:
                owners.setdefault(key, set()).add(num)
    domains = _domains(comp, rng)
    kinds = list(WEIGHTS)
    weights = np.array(list(WEIGHTS.values()))
    scratch = np.random.default_rng(0)  # only to ask which classes apply to a name
    rows, collisions = [], 0
    for c, dom in zip(comp.to_dict("records"), domains, strict=True):
        num = c["corporate_number"]
        mine = twins.get(num, {num})
        n = int(rng.integers(records[0], records[1] + 1))
        plan = ["official"] + (["lookalike"] if num in look else [])
        ok = np.array([_variant(k, c, scratch) is not None for k in kinds])
        p = weights * ok
        plan += list(rng.choice(kinds, size=max(0, n - len(plan)), p=p / p.sum()))
        for kind in plan:
            name = None
            for _ in range(4):
                cand = _variant(kind, c, rng)
                if cand is None:
                    break
                if kind == "official" or owners.get(name_key(cand), mine) <= mine:
                    name = cand
                    break
                collisions += 1
            if name is None:
                kind, name = "legal_form", noise.legal_form(c["name"], rng)
            rows.append((name, kind, num, dom, num in twins))
    n_rows = len(rows)
    order = rng.permutation(n_rows)
    mail_draw, corp_draw = rng.random(n_rows), rng.random(n_rows)
    free = rng.integers(0, len(FREE_MAIL), n_rows)
    out = []
    for i, j in enumerate(order):
        name, kind, num, dom, twin = rows[j]
        m = mail_draw[i]
        if kind in ("english", "romaji"):
            email_kind = "free" if m < 0.6 else "none"
        elif kind == "official":
            email_kind = "corporate" if m < 0.65 else ("free" if m < 0.82 else "none")
        else:
            email_kind = "corporate" if m < 0.5 else ("free" if m < 0.75 else "none")
        email = {"corporate": f"u{i}@{dom}", "none": None}.get(
            email_kind, f"u{i}@{FREE_MAIL[int(free[i])]}"
        )
        r = corp_draw[i]
        corp = num if r < 0.19 or (twin and email_kind != "corporate") else None
        if corp is None and r < 0.20:
            corp = noise.mistype_number(num, rng)
        out.append((f"R{i:05d}", name, email, corp, num, kind, email_kind))
    frame = pd.DataFrame(
        out,
        columns=[
            "lead_id",
            "company",
            "email",
            "corporate_number",
            "true_corporate_number",
            "variant",
            "email_kind",
        ],
        dtype="string",
    )
    frame.attrs["collisions"] = collisions
    return frame
