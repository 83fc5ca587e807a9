"""Benchmark 名寄せ on real Japanese company names (EDINET) against plain normalisation, naive fuzzy and Splink.

Usage::

    .venv/bin/python -m bench.bench_realnames [--runs 3] [--seed 16] [--methods plain_norm,mori]

Data: ``tests/support/realnames/companies.csv`` (4,025 real companies: official name,
reading, official English name) and ``variants.generate`` (2–4 labelled lead
records per company, written independently of the matcher; see
``tests/support/realnames/README.md``). Every method runs in this process on the same
records; times are the median of ``--runs`` runs of the matching call.

Methods: ``plain_norm`` (NFKC, lower case, legal forms and punctuation
removed; records joined on that name, on a corporate e-mail domain or on a
valid corporate number; connected components), ``naive_fuzzy`` (the same
links plus ``fuzz.ratio >= 90`` between normalised names, transitive union,
no guards), ``splink`` (as in ``bench/bench_resolve.py``, when installed) and
``mori`` (:func:`abm.resolve.resolve_accounts`, default settings) and
``mori_registry`` (the same with ``companies.csv`` supplied as the official
registry, :func:`abm.resolve.read_registry`).

Quality: pairwise precision / recall / F1 over all record pairs; recall per
variant class (a true pair counts for a class when either record is of that
class) and per e-mail kind; false merges between look-alike companies
(``tests/support/realnames/lookalikes.csv``: record pairs and company pairs put
together). Targets (issue #16): precision ≥ 0.995, recall ≥ 0.97, no class
below recall 0.90.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import Figure, emit, median_seconds, traced_peak_mib  # noqa: E402
from tests.support.realnames.build import valid_corporate_number  # noqa: E402
from tests.support.realnames.score import (  # noqa: E402
    lookalike_merges,
    pair_scores,
    plain_key,
)
from tests.support.realnames.variants import CLASSES, generate  # noqa: E402

DATA = ROOT / "tests" / "support" / "realnames"
TARGET = "P ≥ 0.995, R ≥ 0.97, every class R ≥ 0.90"
#: Common Japanese free-mail and carrier domains (a public list, not the generator's).
FREE_MAIL = frozenset(
    [
        "gmail.com",
        "yahoo.co.jp",
        "ymail.ne.jp",
        "outlook.jp",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.jp",
        "live.jp",
        "icloud.com",
        "me.com",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "au.com",
        "softbank.ne.jp",
        "i.softbank.jp",
        "nifty.com",
        "biglobe.ne.jp",
        "ocn.ne.jp",
        "so-net.ne.jp",
        "excite.co.jp",
    ]
)


def _components(n: int, edges: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    r = np.concatenate([e[0] for e in edges] + [np.arange(n)])
    c = np.concatenate([e[1] for e in edges] + [np.arange(n)])
    graph = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _links(leads: pd.DataFrame, key: pd.Series) -> list[tuple[np.ndarray, np.ndarray]]:
    """Star edges from each record to the first record sharing its key, domain or number."""
    dom = leads["email"].fillna("").str.lower().str.rsplit("@", n=1).str[-1]
    dom = dom.where(leads["email"].notna() & ~dom.isin(FREE_MAIL), "")
    num = leads["corporate_number"].fillna("")
    num = num.where(num.map(valid_corporate_number), "")
    edges = []
    for col in (key, dom, num):
        codes = pd.factorize(col)[0]
        keep = col.to_numpy() != ""
        first = pd.Series(np.arange(len(col))).groupby(codes).transform("first").to_numpy()
        edges.append((np.arange(len(col))[keep], first[keep]))
    return edges


def run_plain(leads: pd.DataFrame) -> np.ndarray:
    """Plain normalisation: same normalised name, corporate domain or valid corporate number."""
    return _components(len(leads), _links(leads, plain_key(leads["company"])))


def run_naive_fuzzy(leads: pd.DataFrame) -> np.ndarray:
    """Plain normalisation's links plus ``fuzz.ratio >= 90`` between names, transitive union."""
    from rapidfuzz import fuzz, process

    key = plain_key(leads["company"])
    codes, uniq = pd.factorize(key)
    names = [str(u) for u in uniq]
    m = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=90, workers=2, dtype=np.uint8)
    a, b = np.nonzero(m)
    first = pd.Series(np.arange(len(key))).groupby(codes).transform("first").to_numpy()
    rep = np.full(len(names), -1)
    rep[codes] = first
    return _components(len(leads), [*_links(leads, key), (rep[a], rep[b])])


def run_mori(leads: pd.DataFrame) -> np.ndarray:
    """Mori's 名寄せ with default settings."""
    from abm.resolve import resolve_accounts

    return pd.factorize(resolve_accounts(leads)["account_id"])[0]


def run_mori_registry(leads: pd.DataFrame) -> np.ndarray:
    """Mori with the EDINET subset (``companies.csv``) supplied as the official registry.

    The registry covers every company of the benchmark, as the National Tax
    Agency's bulk download covers every Japanese company; it is read through
    :func:`abm.resolve.read_registry` like a file a user uploads.
    """
    from abm.resolve import read_registry, resolve_accounts

    registry = read_registry((DATA / "companies.csv").read_bytes(), file="companies.csv")
    return pd.factorize(resolve_accounts(leads, registry=registry)["account_id"])[0]


def run_splink(leads: pd.DataFrame) -> np.ndarray:
    """The Splink peer configured as in ``bench/bench_resolve.py``."""
    from bench.bench_resolve import run_splink as splink_peer

    return splink_peer(leads)


METHODS = {
    "plain_norm": run_plain,
    "naive_fuzzy": run_naive_fuzzy,
    "splink": run_splink,
    "mori": run_mori,
    "mori_registry": run_mori_registry,
}


def load(seed: int = 16) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(companies, lookalikes, records)`` for one variant seed; ``records`` has ``half``."""
    companies = pd.read_csv(DATA / "companies.csv", dtype=str, keep_default_na=False)
    pairs = pd.read_csv(DATA / "lookalikes.csv", dtype=str, keep_default_na=False)
    records = generate(companies, pairs, seed=seed)
    half = halves(companies, pairs)
    records["half"] = records["true_corporate_number"].map(half).astype("string")
    return companies, pairs, records


def halves(companies: pd.DataFrame, pairs: pd.DataFrame) -> pd.Series:
    """``"dev"`` or ``"heldout"`` per corporate number: a deterministic split by hash.

    Thresholds, word maps and rules are tuned on the development half only;
    the targets are judged on the held-out half. Companies linked by
    ``lookalikes.csv`` (directly or through a chain) stay in one half, so that
    every look-alike pair is tested where both companies are: the half of a
    group is decided by the BLAKE2b hash of its smallest corporate number
    (low bit of the first byte: 0 development, 1 held out).
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    nums = companies["corporate_number"].to_numpy()
    pos = pd.Series(np.arange(len(nums)), index=nums)
    a = pos.reindex(pairs["corporate_number_a"]).dropna().to_numpy(dtype=np.int64)
    b = pos.reindex(pairs["corporate_number_b"]).dropna().to_numpy(dtype=np.int64)
    n = len(nums)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    comp = connected_components(graph, directed=False)[1]
    smallest = pd.Series(nums).groupby(comp).transform("min").to_numpy()
    bit = [hashlib.blake2b(s.encode("ascii"), digest_size=8).digest()[0] & 1 for s in smallest]
    return pd.Series(np.where(np.array(bit) == 0, "dev", "heldout"), index=nums, name="half")


def _missed(records: pd.DataFrame, pred: np.ndarray, per_class: int) -> list[str]:
    """A few records of each class not put with their company's official record."""
    official = records["variant"].eq("official").to_numpy()
    home = pd.Series(pred[official], index=records["true_corporate_number"].to_numpy()[official])
    home = home[~home.index.duplicated()]
    names = pd.Series(records["company"].to_numpy()[official], index=home.index)
    names = names[~names.index.duplicated()]
    truth = records["true_corporate_number"].to_numpy()
    miss = pred != home.reindex(truth).to_numpy()
    lines = []
    for cls in CLASSES[1:]:
        rows = records[miss & records["variant"].eq(cls).to_numpy()].head(per_class)
        lines += [
            f"  {cls:<11} {r.company!r} ≠ {names[r.true_corporate_number]!r} ({r.email_kind})"
            for r in rows.itertuples()
        ]
    return lines


def _false_merges(records: pd.DataFrame, pred: np.ndarray, limit: int) -> list[str]:
    """A few accounts that hold records of two companies, their names side by side."""
    f = pd.DataFrame(
        {"p": pred, "t": records["true_corporate_number"].to_numpy(), "c": records["company"]}
    )
    mixed = f[f["p"].to_numpy() >= 0].groupby("p")["t"].nunique()  # -1: no account
    lines = ["  false merges (development half):"] if (mixed > 1).any() else []
    for p in mixed[mixed > 1].index[:limit]:
        names = f[f["p"].eq(p).to_numpy()].drop_duplicates("t")["c"].tolist()
        lines.append("    " + " | ".join(map(repr, names)))
    return lines


def _evaluate(
    method: str, records: pd.DataFrame, pairs: pd.DataFrame, runs: int
) -> tuple[dict, pd.DataFrame, np.ndarray]:
    """Run one method on one half's records: ``(scores row, look-alike merges, prediction)``."""
    leads = records[["lead_id", "company", "email", "corporate_number"]].reset_index(drop=True)
    truth = records["true_corporate_number"].to_numpy()
    fn = METHODS[method]
    seconds, pred = median_seconds(lambda _i: fn(leads), runs)
    pred = np.asarray(pred)
    peak = None if method == "splink" else traced_peak_mib(lambda: fn(leads))
    q = pair_scores(pred, truth, records["variant"].to_numpy())
    q.update(
        {
            k.replace("recall:", "mail:"): v
            for k, v in pair_scores(pred, truth, records["email_kind"].to_numpy()).items()
            if k.startswith("recall:")
        }
    )
    worst = min(q.get(f"recall:{c}", 1.0) for c in CLASSES)
    met = q["precision"] >= 0.995 and q["recall"] >= 0.97 and worst >= 0.90
    lm = lookalike_merges(pred, truth, pairs)
    ident = lm["merged"].get("identical", 0)
    row = {
        "method": method,
        **q,
        "min_class": worst,
        "seconds": seconds,
        "peak_mib": peak,
        "met": bool(met and ident == 0),
    }
    return row, lm, pred


def main(argv: list[str] | None = None) -> None:
    """Run the methods on each half, print the tables, emit Mori's held-out figure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=16, help="variant generator seed")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument(
        "--halves",
        default="dev,heldout",
        help="dev (tuning), heldout (judging the targets), all; comma-separated",
    )
    ap.add_argument(
        "--examples",
        type=int,
        default=3,
        help="missed records per class and false merges shown (Mori, development half only)",
    )
    args = ap.parse_args(argv)
    companies, pairs, records = load(args.seed)
    print(
        f"{len(companies)} companies, {len(records)} records (seed {args.seed}); "
        f"classes {records['variant'].value_counts().to_dict()}; "
        f"e-mail {records['email_kind'].value_counts().to_dict()}; "
        f"variants redrawn for spelling another company's name: {records.attrs['collisions']}; "
        f"halves {records['half'].value_counts().to_dict()} records"
    )
    rows, merges, figures, missed = [], {}, [], {}
    for half in args.halves.split(","):
        part = records if half == "all" else records[records["half"].eq(half).to_numpy()]
        part = part.reset_index(drop=True)
        for method in args.methods.split(","):
            if method == "splink" and not _has("splink"):
                print("splink not installed: peer skipped (pip install 'mori-abm[bench]')")
                continue
            row, lm, pred = _evaluate(method, part, pairs, args.runs)
            rows.append({"half": half, **row})
            merges[(half, method)] = lm
            if method not in ("mori", "mori_registry"):
                continue
            if method == "mori" and half == "dev":  # never show held-out records
                missed[half] = _missed(part, pred, args.examples)
                missed[half] += _false_merges(part, pred, args.examples)
            if half in ("heldout", "all"):
                how = "" if method == "mori" else ", with the registry"
                figures.append(
                    Figure(
                        "名寄せ",
                        f"resolve_accounts on real names (bench/realnames, {half} half{how})",
                        len(part),
                        row["seconds"],
                        args.runs,
                        row["peak_mib"],
                        target=TARGET,
                        met=row["met"],
                        note=(
                            f"P {row['precision']:.4f} R {row['recall']:.4f} "
                            f"min class {row['min_class']:.2f}"
                        ),
                    )
                )
    table = pd.DataFrame(rows).set_index(["half", "method"])
    head = ["precision", "recall", "f1", "fp", "fn", "seconds", "peak_mib", "met"]
    print(f"\nPairwise quality, median of {args.runs} runs (target {TARGET}):")
    print(_fmt(table[head]))
    print("\nRecall per variant class (a pair counts when either record is of the class):")
    print(
        _fmt(
            table[[f"recall:{c}" for c in CLASSES] + ["min_class"]].rename(
                columns=lambda c: c.removeprefix("recall:")
            )
        )
    )
    print("\nRecall per e-mail kind of either record:")
    print(_fmt(table[[c for c in table.columns if c.startswith("mail:")]]))
    print("\nLook-alike companies put together (pairs merged / pairs, record pairs):")
    looks = pd.DataFrame(
        {
            f"{h}:{m}": {
                r.Index: f"{r.merged}/{r.pairs} ({int(r.record_pairs)})" for r in lm.itertuples()
            }
            for (h, m), lm in merges.items()
        }
    ).fillna("0/0 (0)")
    print(looks.to_string())
    for half, lines in missed.items():
        verdict = "met" if table.loc[(half, "mori"), "met"] else "NOT met"
        print(f"\nMori, {half} half: target {verdict}. Records not put with their company:")
        print("\n".join(lines))
    emit(figures)


def _fmt(frame: pd.DataFrame) -> str:
    out = frame.copy().astype(object)
    for col in out.columns:
        if col in ("fp", "fn"):
            out[col] = frame[col].map(lambda v: f"{v:,.0f}")
        elif col == "seconds":
            out[col] = frame[col].map(lambda v: f"{v:.2f}")
        elif col == "peak_mib":
            out[col] = frame[col].map(lambda v: "" if v is None or pd.isna(v) else f"{v:.0f}")
        elif col != "met":
            out[col] = frame[col].map(lambda v: f"{v:.4f}")
    return out.to_string()


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    main()
