"""Benchmark matching leads to an official registry the size of a prefecture's or the nation's.

Usage::

    .venv/bin/python -m bench.bench_registry [--sizes 100000,1000000] [--leads 100000] [--runs 3]

The National Tax Agency's bulk download holds about five million companies (Tokyo alone
about a million). :func:`abm.resolve.match_registry` reads every registry name's
normalised form, skeleton and furigana, then looks up the leads' names — exactly, by
English name and romaji, by skeleton, and last as one typing slip of a registry name.
This script builds a registry of generated names (kanji words, katakana words, generic
business words, legal forms, furigana) with :func:`numpy.random.default_rng`, and leads
drawn from it: half spelt as registered, a fifth with one character dropped, a tenth
with a small-kana or long-vowel slip, the rest names the registry does not carry. It
times ``match_registry`` (median of ``--runs``), reports peak RSS and how many leads
each key matched. Nothing is asserted: ``make test`` checks behaviour.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import Figure, emit, median_seconds  # noqa: E402

_KANJI = list(
    "東西南北中央大小山川田村松本井上野原島森林木水金石岡高橋長谷藤光明和平安新日本国際"
    "三共一二八九十千万富士宮岐阜静岩手福岩佐賀熊沖縄北海道青森秋羽黒白赤緑紫星空海浜港"
)
_KANA = list(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
)
_GENERIC = ["工業", "商事", "建設", "電機", "産業", "興業", "物流", "製作所", "化成", "精機", ""]
_FORMS = ["株式会社{}", "{}株式会社", "有限会社{}", "{}合同会社"]


def _names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` company names: a kanji or katakana word, a generic word, a legal form."""
    out = []
    kanji_len = rng.integers(2, 5, n)
    kana_len = rng.integers(3, 8, n)
    is_kana = rng.random(n) < 0.4
    gen = rng.integers(0, len(_GENERIC), n)
    form = rng.integers(0, len(_FORMS), n)
    picks_k = rng.integers(0, len(_KANJI), (n, 4))
    picks_a = rng.integers(0, len(_KANA), (n, 7))
    for i in range(n):
        if is_kana[i]:
            core = "".join(_KANA[j] for j in picks_a[i, : kana_len[i]])
        else:
            core = "".join(_KANJI[j] for j in picks_k[i, : kanji_len[i]])
        out.append(_FORMS[form[i]].format(core + _GENERIC[gen[i]]))
    return out


def registry(n: int, seed: int = 7) -> pd.DataFrame:
    """A registry frame (:data:`abm.resolve.registry.REGISTRY_COLUMNS`) of ``n`` companies."""
    from abm.resolve.corpnum import check_digit

    rng = np.random.default_rng(seed)
    body = [f"{x:012d}" for x in rng.choice(10**12, size=n, replace=False)]
    names = _names(rng, n)
    readings = ["".join(rng.choice(_KANA, size=6)) for _ in range(n)]
    return pd.DataFrame(
        {
            "corporate_number": [f"{check_digit(b)}{b}" for b in body],
            "name": names,
            "reading": readings,
            "english_name": "",
        },
        dtype="string",
    )


def leads(reg: pd.DataFrame, n: int, seed: int = 8) -> pd.DataFrame:
    """``n`` leads' company names drawn from ``reg``, some mistyped, some unknown."""
    rng = np.random.default_rng(seed)
    pick = reg["name"].to_numpy(dtype=object)[rng.integers(0, len(reg), n)]
    kind = rng.random(n)
    out = []
    for name, k in zip(pick.tolist(), kind.tolist(), strict=True):
        if k < 0.5:
            out.append(name)
        elif k < 0.7:  # one character of the name dropped (never the first)
            core = name.replace("株式会社", "").replace("有限会社", "").replace("合同会社", "")
            i = int(rng.integers(1, len(core))) if len(core) > 1 else 0
            out.append(core[:i] + core[i + 1 :] if i else core)
        elif k < 0.8:
            out.append(name.replace("ア", "ァ").replace("ー", ""))
        else:
            out.append(_names(rng, 1)[0])
    return pd.DataFrame({"company": pd.array(out, dtype="string")})


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Time ``match_registry`` for each registry size and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000", help="registry sizes")
    ap.add_argument("--leads", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    from abm.resolve import match_registry

    rows, figures = [], []
    for size in (int(s) for s in args.sizes.split(",")):
        reg = registry(size)
        people = leads(reg, args.leads)
        seconds, out = median_seconds(lambda _i, p=people, r=reg: match_registry(p, r), args.runs)
        kinds = out["registry_match"].value_counts().to_dict()
        rows.append(
            {
                "registry": size,
                "leads": args.leads,
                "seconds": round(seconds, 2),
                "peak_rss_mib": round(_rss_mib()),
                **{k: kinds.get(k, 0) for k in ("name", "skeleton", "drop", "homophone")},
                "unmatched": int(out["registry_match"].isna().sum()),
            }
        )
        figures.append(
            Figure(
                "名寄せ",
                f"match_registry against a registry of {size:,} companies",
                args.leads,
                seconds,
                args.runs,
                _rss_mib(),
                memory="rss",
                note=f"{kinds.get('drop', 0):,} by a dropped character",
            )
        )
    print(f"\nmatch_registry, median of {args.runs} runs (peak RSS of the process so far):")
    print(pd.DataFrame(rows).to_string(index=False))
    emit(figures)


if __name__ == "__main__":
    main()
