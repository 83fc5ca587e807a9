"""Draw ``companies.csv`` and ``lookalikes.csv`` from the EDINET code list (run once, offline).

Usage::

    .venv/bin/python -m tests.support.realnames.build --edinet EdinetcodeDlInfo.csv \\
        --localgov localgovjp-utf8.csv [--n 4000] [--seed 16]

``--edinet`` is the EDINET code list as the FSA publishes it (cp932, one
line of download metadata, then the header ``ＥＤＩＮＥＴコード, 提出者種別, …,
提出者法人番号``); ``--localgov`` is the CC0 list of Japanese municipalities
(``pid,pref,cid,city,…``) used only to name the prefecture of each address.
See ``README.md`` beside this file for where both came from and their
licences. The output is deterministic for a given input and seed.

Selection: domestic filers (``内国法人・組合``, including those not obliged to file
annual reports) with an official English name
and a 13-digit corporate number whose check digit is valid, one row per
corporate number; ``--n`` of them drawn with ``numpy.random.default_rng(seed)``;
every group of companies whose legal-form-stripped names are identical
(different corporate numbers) and one of which has an English name is added
whole, with or without English names, so that the look-alike class has its
identical names. Look-alike pairs are then found inside the subset.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
#: Columns of ``companies.csv``.
COLUMNS = [
    "corporate_number",
    "edinet_code",
    "name",
    "reading",
    "english_name",
    "prefecture",
    "prefecture_from",
]
_WEIGHTS = [2 if i % 2 else 1 for i in range(12)]  # from the rightmost of the 12 base digits
_FORMS = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社")


def check_digit(base12: str) -> int:
    """Check digit of a corporate number (法人番号) from its 12 base digits.

    The published rule: ``9 - (Σ Pn × Qn mod 9)`` where Pn is the n-th digit
    counted from the right of the base and Qn is 1 for odd n, 2 for even n.
    """
    digits = [int(c) for c in reversed(base12)]
    return 9 - sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 9


def valid_corporate_number(s: str) -> bool:
    """True when ``s`` is 13 ASCII digits whose leading check digit is right."""
    return bool(re.fullmatch(r"\d{13}", s)) and int(s[0]) == check_digit(s[1:])


def core_name(name: str) -> str:
    """NFKC, no spaces, legal forms removed: the key look-alikes are found on."""
    s = unicodedata.normalize("NFKC", name)
    return _FORMS.sub("", re.sub(r"\s+", "", s))


def read_edinet(path: Path) -> pd.DataFrame:
    """The EDINET code list as a frame of strings (header on the second line)."""
    text = path.read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    head, body = rows[1], rows[2:]
    return pd.DataFrame([r + [""] * (len(head) - len(r)) for r in body], columns=head).map(
        str.strip
    )


def _municipalities(path: Path) -> dict[str, set[str]]:
    table = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    out: dict[str, set[str]] = defaultdict(set)
    for pref, city in zip(table["pref"], table["city"], strict=True):
        out[city.replace(" ", "")].add(pref)
    return out


def prefectures(frame: pd.DataFrame, localgov: Path) -> tuple[pd.Series, pd.Series]:
    """Prefecture of each filer's address (所在地) and how it was found.

    EDINET's 所在地 starts at the municipality (``港区…``, ``前橋市…``,
    ``上川郡東神楽町…``). The longest municipality name that starts the address
    names the prefecture (a bare ward ``○○区`` is one of Tokyo's special
    wards; designated-city wards carry their city). When several prefectures
    have a municipality of that name (府中市, 伊達市) or none matches, the
    registry office in the corporate number decides: its first two digits
    name a legal affairs bureau, mapped to the prefecture most of the
    unambiguous addresses with that code are in. ``how`` says which rule
    applied: ``address``, ``address+registry`` or ``registry``.
    """
    munis = _municipalities(localgov)
    prefs = {p for ps in munis.values() for p in ps}
    names = sorted(munis, key=len, reverse=True)

    def candidates(addr: str) -> set[str]:
        a = unicodedata.normalize("NFKC", addr).replace(" ", "")
        for p in prefs:
            if a.startswith(p):
                return {p}
        for text in (a, re.sub(r"^[^市区町村]{1,6}?郡", "", a)):
            for n in names:
                if text.startswith(n):
                    return set(munis[n])
        return set()

    cands = frame["所在地"].map(candidates)
    office = frame["提出者法人番号"].str[1:3]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for o, c in zip(office, cands, strict=True):
        if len(c) == 1:
            votes[o][next(iter(c))] += 1
    by_office = {o: v.most_common(1)[0][0] for o, v in votes.items()}
    pref, how = [], []
    for o, c in zip(office, cands, strict=True):
        if len(c) == 1:
            pref.append(next(iter(c)))
            how.append("address")
        elif by_office.get(o) in c:
            pref.append(by_office[o])
            how.append("address+registry")
        else:
            pref.append(by_office.get(o, ""))
            how.append("registry")
    return pd.Series(pref, index=frame.index), pd.Series(how, index=frame.index)


def lookalike_pairs(companies: pd.DataFrame) -> pd.DataFrame:
    """Pairs of distinct companies whose names are identical, 1–2 edits apart, or the same in English.

    ``near`` pairs: Levenshtein distance 1 or 2 and ``fuzz.ratio ≥ 80`` on the
    NFKC, space- and legal-form-stripped names (``野村ホールディングス`` /
    ``村田ホールディングス``); ``identical`` pairs: the same stripped name with
    different corporate numbers; ``same_english`` pairs: different Japanese
    names whose English names are the same once legal forms, case and
    punctuation are dropped (``株式会社進和`` / ``信和株式会社``, both ``Shinwa Co.,
    Ltd.``).
    """
    from rapidfuzz import distance, fuzz, process

    cores = companies["name"].map(core_name).tolist()
    nums = companies["corporate_number"].tolist()
    dist = process.cdist(
        cores, cores, scorer=distance.Levenshtein.distance, score_cutoff=2, dtype=np.int32
    )
    rows = []
    for i, j in zip(*np.nonzero((dist >= 0) & (dist <= 2)), strict=True):
        if i >= j or nums[i] == nums[j]:
            continue
        d = int(dist[i, j])
        if d == 0:
            kind = "identical"
        elif fuzz.ratio(cores[i], cores[j]) >= 80:
            kind = "near"
        else:
            continue
        rows.append(
            {
                "corporate_number_a": nums[i],
                "corporate_number_b": nums[j],
                "name_a": companies["name"].iat[i],
                "name_b": companies["name"].iat[j],
                "edits": d,
                "kind": kind,
            }
        )
    from tests.support.realnames.noise import english_core

    en = companies["english_name"].map(lambda e: re.sub(r"[^0-9a-z]", "", english_core(e).lower()))
    done = {(r["corporate_number_a"], r["corporate_number_b"]) for r in rows}
    for key, idx in en.groupby(en).indices.items():
        if not key:
            continue
        for x in idx:
            for y in idx:
                a, b = nums[x], nums[y]
                if a < b and (a, b) not in done and (b, a) not in done:
                    rows.append(
                        {
                            "corporate_number_a": a,
                            "corporate_number_b": b,
                            "name_a": companies["name"].iat[x],
                            "name_b": companies["name"].iat[y],
                            "edits": int(distance.Levenshtein.distance(cores[x], cores[y])),
                            "kind": "same_english",
                        }
                    )
    return pd.DataFrame(rows).sort_values(["kind", "corporate_number_a", "corporate_number_b"])


def build(
    edinet: Path, localgov: Path, *, n: int = 4000, seed: int = 16
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(companies, lookalikes)`` drawn from the two source files (see the module doc)."""
    raw = read_edinet(edinet)
    dom = raw[raw["提出者種別"].str.startswith("内国法人・組合")]
    dom = dom[dom["提出者法人番号"].map(valid_corporate_number) & dom["提出者名（ヨミ）"].ne("")]
    dom = dom.drop_duplicates("提出者法人番号", keep="first")
    pref, how = prefectures(dom, localgov)
    frame = pd.DataFrame(
        {
            "corporate_number": dom["提出者法人番号"],
            "edinet_code": dom["ＥＤＩＮＥＴコード"],
            "name": dom["提出者名"],
            "reading": dom["提出者名（ヨミ）"],
            "english_name": dom["提出者名（英字）"],
            "prefecture": pref,
            "prefecture_from": how,
        }
    ).reset_index(drop=True)
    with_en = frame.index[frame["english_name"].ne("")].to_numpy()
    rng = np.random.default_rng(seed)
    drawn = set(rng.choice(with_en, size=min(n, len(with_en)), replace=False).tolist())
    cores = frame["name"].map(core_name)
    groups = frame.groupby(cores).indices
    for idx in groups.values():
        if len(idx) > 1 and frame["english_name"].iloc[idx].ne("").any():
            drawn.update(int(i) for i in idx)
    companies = frame.loc[sorted(drawn)].sort_values("corporate_number").reset_index(drop=True)
    return companies, lookalike_pairs(companies)


def main(argv: list[str] | None = None) -> None:
    """Write ``companies.csv`` and ``lookalikes.csv`` beside this file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edinet", type=Path, required=True)
    ap.add_argument("--localgov", type=Path, required=True)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args(argv)
    companies, pairs = build(args.edinet, args.localgov, n=args.n, seed=args.seed)
    companies.to_csv(HERE / "companies.csv", index=False, encoding="utf-8", lineterminator="\n")
    pairs.to_csv(HERE / "lookalikes.csv", index=False, encoding="utf-8", lineterminator="\n")
    print(
        f"{len(companies)} companies ({companies['english_name'].eq('').sum()} without English), "
        f"{len(pairs)} look-alike pairs ({pairs['kind'].eq('identical').sum()} identical); "
        f"prefecture from {companies['prefecture_from'].value_counts().to_dict()}"
    )


if __name__ == "__main__":
    main()
