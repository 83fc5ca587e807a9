"""Which offline readers turn real company names into readings and romaji well? (a note for #16).

Usage (in a scratch environment, not the project's: none of these is a
dependency of Mori)::

    python -m venv /tmp/rom && /tmp/rom/bin/pip install pandas rapidfuzz pykakasi \\
        cutlet fugashi unidic-lite sudachipy sudachidict-small sudachidict-core janome
    PYTHONPATH=. /tmp/rom/bin/python -m tests.support.realnames.romanisers [--n 200]

For ``--n`` companies of ``companies.csv`` (seeded draw) each reader gets the
official name without its legal form. ``reading`` = its katakana reading
equals the registry's furigana (both without spaces, ``ー`` and ``・``, small
kana written large, as the registry often does); ``romaji`` = its romaji
equals the official English name where that name *is* the romaji of the
furigana (long vowels and spaces ignored; 大成建設 / TAISEI ... counts, NH
Foods does not); ``ratio`` = mean ``fuzz.ratio`` of the romaji against the
English name (all names). Time per name after the reader is loaded.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from tests.support.realnames.noise import english_core, reading_core, split_form
from tests.support.realnames.romaji import to_romaji

_SMALL = str.maketrans("ァィゥェォッャュョヮ", "アイウエオツヤユヨワ")


def _kata(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in s)
    return re.sub(r"[\s・ー]", "", s).translate(_SMALL)


def _flat(s: str) -> str:
    s = re.sub(r"[^a-z]", "", s.lower())
    return re.sub(r"(o)u|(o)o|(u)u|(o)h(?![aiueo])", r"\1\2\3\4", s)


def readers() -> dict[str, Callable[[], Callable[[str], tuple[str, str]]]]:
    """Name → loader returning ``text -> (katakana reading, romaji)``."""

    def pykakasi_():
        import pykakasi

        kks = pykakasi.kakasi()
        return lambda t: (
            "".join(p["kana"] for p in kks.convert(t)),
            " ".join(p["hepburn"] for p in kks.convert(t)),
        )

    def cutlet_():
        import cutlet

        katsu = cutlet.Cutlet()
        return lambda t: (
            "".join((w.feature.kana or w.surface) for w in katsu.tagger(t)),
            katsu.romaji(t),
        )

    def sudachi(dic: str):
        def load():
            from sudachipy import Dictionary

            tok = Dictionary(dict=dic).create()

            def read(t):
                r = "".join(m.reading_form() for m in tok.tokenize(t))
                return r, to_romaji(_kata(r)) or ""

            return read

        return load

    def janome_():
        from janome.tokenizer import Tokenizer

        tok = Tokenizer()

        def read(t):
            r = "".join(x.reading if x.reading != "*" else x.surface for x in tok.tokenize(t))
            return r, to_romaji(_kata(r)) or ""

        return read

    return {
        "pykakasi": pykakasi_,
        "cutlet+unidic-lite": cutlet_,
        "sudachipy+small": sudachi("small"),
        "sudachipy+core": sudachi("core"),
        "janome": janome_,
    }


def main(argv: list[str] | None = None) -> None:
    """Print one row per reader that imports here."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args(argv)
    comp = pd.read_csv(Path(__file__).with_name("companies.csv"), dtype=str, keep_default_na=False)
    comp = comp[comp["english_name"].ne("")].sample(args.n, random_state=args.seed)
    names = [unicodedata.normalize("NFKC", split_form(n)[0]) for n in comp["name"]]
    furigana = [_kata(reading_core(r)) for r in comp["reading"]]
    english = [english_core(e) for e in comp["english_name"]]
    is_romaji = [
        _flat(to_romaji(f) or "#") == _flat(e) for f, e in zip(furigana, english, strict=True)
    ]
    from rapidfuzz import fuzz

    print(
        f"{args.n} names; {sum(is_romaji)} have an English name that is the romaji of the furigana"
    )
    for label, load in readers().items():
        try:
            t0 = time.perf_counter()
            read = load()
            read(names[0])
            init = time.perf_counter() - t0
        except Exception as exc:  # a reader that does not load is reported, not fatal
            print(f"{label:<20} not available: {type(exc).__name__}: {exc}")
            continue
        times, out = [], []
        for n in names:
            t0 = time.perf_counter()
            out.append(read(n))
            times.append(time.perf_counter() - t0)
        reading_ok = statistics.mean(_kata(r) == f for (r, _), f in zip(out, furigana, strict=True))
        roman_ok = [
            _flat(r) == _flat(e)
            for (_, r), e, ok in zip(out, english, is_romaji, strict=True)
            if ok
        ]
        ratio = statistics.mean(
            fuzz.ratio(r.lower(), e.lower()) for (_, r), e in zip(out, english, strict=True)
        )
        print(
            f"{label:<20} reading {reading_ok:6.1%}  romaji {statistics.mean(roman_ok):6.1%}  "
            f"ratio {ratio:5.1f}  {statistics.median(times) * 1e3:6.2f} ms/name (load {init:.1f} s)"
        )


if __name__ == "__main__":
    main()
