"""Benchmark 名寄せ quality and speed against exact match, simple normalisation and Splink.

Usage::

    .venv/bin/python bench/bench_resolve.py --sizes 20000,100000 --runs 3
    .venv/bin/python bench/bench_resolve.py --sizes 1000000 --runs 3 --splink-max 100000

Data: :mod:`tests.support.namegen` (labelled; the true company of every row is known).
Every method runs in a fresh process (spawn) so peak RSS is measured per run;
peak RSS includes the Python interpreter, pandas and the input frame. Times
are the median of ``--runs`` runs and cover only the matching call (imports
done before the clock starts).

Methods: ``exact`` (raw company text), ``simple_norm`` (NFKC, lower case,
common legal forms and punctuation removed), ``naive_fuzzy`` (``fuzz.ratio >=
90`` on simple-normalised names with transitive union, no guards), ``splink``
and ``mori`` (:func:`abm.resolve.resolve_accounts`, default settings).

Quality: pairwise precision / recall / F1 over all pairs of rows (a pair is
positive when both rows belong to one company), B-cubed F1 and the adjusted
Rand index (cluster-level).

Splink (bench-only optional dependency: ``pip install splink duckdb``) runs
on DuckDB, configured on name + domain: one record per distinct (company
text, email domain) with the simple-normalised name and the registrable email
domain (free-mail domains blanked), comparisons Jaro-Winkler on the name
(0.95/0.88) and exact domain, blocking on name, domain and the first two
characters of the name; λ from deterministic rules, u by random sampling
(1e7 pairs), m by EM on two blocking passes; clusters = connected components
at match probability 0.5 (predictions kept from 0.3).

Results on this 2-core machine shared with other jobs (splink 5.0.0, duckdb
2.0.0, namegen seed 7; median of 3 runs, Splink at 1M: 1 run)::

     rows      method  precision  recall      f1  bcubed_f1     ari  seconds  peak_mb
    20000       exact     1.0000  0.0471  0.0900     0.2913  0.0884     0.02      154
    20000 simple_norm     1.0000  0.5121  0.6773     0.8168  0.6730     0.03      220
    20000 naive_fuzzy     0.9989  0.5699  0.7258     0.8352  0.7219     0.31      220
    20000      splink     1.0000  0.2740  0.4302     0.5972  0.4254     1.24      354
    20000        mori     1.0000  0.9872  0.9935     0.9878  0.9934     0.34      221
   100000       exact     0.9999  0.0712  0.1329     0.2988  0.1322     0.01      267
   100000 simple_norm     0.9999  0.7339  0.8465     0.8452  0.8458     0.14      276
   100000 naive_fuzzy     0.8900  0.7464  0.8119     0.8486  0.8110     7.32      668
   100000      splink     0.9893  0.8636  0.9222     0.9116  0.9218     3.71      511
   100000        mori     1.0000  0.9835  0.9917     0.9875  0.9916     1.61      310
  1000000       exact     1.0000  0.0990  0.1801     0.3005  0.1799     0.24      680
  1000000 simple_norm     1.0000  0.7523  0.8586     0.8483  0.8585     1.81      680
  1000000      splink     0.9833  0.9536  0.9683     0.9152  0.9682    70.28     5159
  1000000        mori     0.9998  0.9779  0.9887     0.9852  0.9887    17.96     1013
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import resource
import statistics
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import Figure, emit  # noqa: E402
from tests.support.namegen import generate  # noqa: E402

_SIMPLE = re.compile(
    r"株式会社|有限会社|合同会社|\(株\)|\(有\)|co\.?,?\s*ltd\.?|inc\.?|corporation|corp\.?|k\.k\."
)
_PUNCT = re.compile(r"[\s\.,・･\-'’()]")


def simple_norm(names: pd.Series) -> pd.Series:
    """NFKC, lower case, common legal forms and punctuation removed."""

    def one(s: str) -> str:
        s = unicodedata.normalize("NFKC", s).lower()
        return _PUNCT.sub("", _SIMPLE.sub("", s))

    codes, uniq = pd.factorize(names)
    out = np.array([one(u) for u in uniq] + [""], dtype=object)
    return pd.Series(out[codes], index=names.index)


def run_exact(leads: pd.DataFrame) -> np.ndarray:
    return pd.factorize(leads["company"].fillna(""))[0]


def run_simple(leads: pd.DataFrame) -> np.ndarray:
    return pd.factorize(simple_norm(leads["company"].fillna("")))[0]


def run_naive_fuzzy(leads: pd.DataFrame) -> np.ndarray:
    """``fuzz.ratio >= 90`` on simple-normalised names plus transitive union (no guards)."""
    from rapidfuzz import fuzz, process
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    codes, uniq = pd.factorize(simple_norm(leads["company"].fillna("")))
    names = [str(u) for u in uniq]
    if len(names) > 40_000:
        raise RuntimeError("naive all-pairs scoring skipped above 40k distinct names")
    m = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=90, workers=2, dtype=np.uint8)
    r, c = np.nonzero(m)
    n = len(names)
    graph = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(n, n))
    comp = connected_components(graph, directed=False)[1]
    return comp[codes]


def run_mori(leads: pd.DataFrame) -> np.ndarray:
    from abm.resolve import resolve_accounts

    return pd.factorize(resolve_accounts(leads)["account_id"])[0]


def run_splink(leads: pd.DataFrame) -> np.ndarray:
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from abm.resolve.normalise import email_domain, is_free_mail, org_domain

    logging.getLogger("splink").setLevel(logging.ERROR)
    name = simple_norm(leads["company"].fillna(""))
    dom = org_domain(email_domain(leads["email"]))
    dom = dom.where(~is_free_mail(dom).to_numpy(dtype=bool))
    rec = pd.DataFrame({"name": name.replace("", None), "domain": dom.astype(object)})
    rec = rec.astype(object).where(rec.notna(), None)
    # Exact duplicate records (same spelling, same domain) are scored once.
    codes, _ = pd.factorize(leads["company"].fillna("") + "\x1f" + rec["domain"].fillna(""))
    distinct = rec.groupby(codes, sort=True).first().reset_index(names="unique_id")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88]),
            cl.ExactMatch("domain"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("domain"),
            block_on("substr(name, 1, 2)"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(DuckDBAPI().register(distinct), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("domain"), block_on("name")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("domain"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("substr(name, 1, 2)")
    )
    pred = linker.inference.predict(threshold_match_probability=0.3)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.5)
    cdf = clusters.as_pandas_dataframe()
    cmap = pd.Series(cdf["cluster_id"].to_numpy(), index=cdf["unique_id"].to_numpy())
    return pd.factorize(cmap.reindex(codes).to_numpy())[0]


METHODS = {
    "exact": run_exact,
    "simple_norm": run_simple,
    "naive_fuzzy": run_naive_fuzzy,
    "splink": run_splink,
    "mori": run_mori,
}


_IMPORTS = {
    "mori": ("abm.resolve",),
    "naive_fuzzy": ("rapidfuzz", "scipy.sparse.csgraph"),
    "splink": ("abm.resolve", "splink", "splink.comparison_library", "duckdb"),
}


def _child(method: str, path: str) -> tuple[float, float, np.ndarray]:
    import importlib

    for mod in _IMPORTS.get(method, ()):  # imports are not part of the timing
        importlib.import_module(mod)
    leads = pd.read_parquet(path).astype("string")
    t0 = time.perf_counter()
    labels = METHODS[method](leads)
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return elapsed, peak_mb, np.asarray(labels)


def quality(pred: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    """Pairwise P/R/F1, B-cubed F1 and ARI."""
    from sklearn.metrics import adjusted_rand_score

    df = pd.DataFrame({"p": pred, "t": truth})
    cell = df.groupby(["p", "t"]).size()
    p_size = df.groupby("p").size()
    t_size = df.groupby("t").size()

    def c2(x: np.ndarray) -> float:
        x = x.astype(np.float64)
        return float((x * (x - 1) / 2).sum())

    tp, pp, tt = c2(cell.to_numpy()), c2(p_size.to_numpy()), c2(t_size.to_numpy())
    prec = tp / pp if pp else 1.0
    rec = tp / tt if tt else 1.0
    n = len(df)
    cv = cell.to_numpy(dtype=np.float64)
    ps = p_size.reindex(cell.index.get_level_values(0)).to_numpy(dtype=np.float64)
    ts = t_size.reindex(cell.index.get_level_values(1)).to_numpy(dtype=np.float64)
    bp, br = float((cv * cv / ps).sum() / n), float((cv * cv / ts).sum() / n)
    return {
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "bcubed_f1": 2 * bp * br / (bp + br),
        "ari": float(adjusted_rand_score(truth, pred)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument(
        "--splink-max", type=int, default=200_000, help="skip Splink above this many rows"
    )
    ap.add_argument("--naive-max", type=int, default=100_000, help="skip naive fuzzy above this")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    ctx = mp.get_context("spawn")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        leads, truth = generate(size, seed=args.seed)
        path = f"/tmp/bench_resolve_{size}_{args.seed}.parquet"
        leads.to_parquet(path)
        for method in args.methods.split(","):
            if method == "splink" and (size > args.splink_max or not _has("splink")):
                continue
            if method == "naive_fuzzy" and size > args.naive_max:
                continue
            times, peaks, labels = [], [], None
            for _ in range(args.runs):
                with ctx.Pool(1, maxtasksperchild=1) as pool:
                    el, pk, labels = pool.apply(_child, (method, path))
                times.append(el)
                peaks.append(pk)
            q = quality(labels, truth.to_numpy())
            rows.append(
                {
                    "rows": size,
                    "method": method,
                    **q,
                    "seconds": statistics.median(times),
                    "peak_mb": max(peaks),
                }
            )
            print(
                f"  done {method} @ {size}: {statistics.median(times):.2f}s",
                file=sys.stderr,
                flush=True,
            )
    emit(
        Figure(
            "名寄せ",
            "resolve_accounts on labelled names (bench/namegen)",
            r["rows"],
            r["seconds"],
            args.runs,
            r["peak_mb"],
            memory="rss",
            target="≤ 10 s at 100k; ≤ 60 s and ≤ 4 GiB at 1M",
            met=(
                r["seconds"] <= 10
                if r["rows"] == 100_000
                else (r["seconds"] <= 60 and r["peak_mb"] <= 4096)
                if r["rows"] >= 1_000_000
                else None
            ),
            note=f"P {r['precision']:.4f} R {r['recall']:.4f}",
        )
        for r in rows
        if r["method"] == "mori"
    )
    table = pd.DataFrame(rows)
    try:
        import splink

        print(f"splink {splink.__version__} (DuckDB backend)")
    except ImportError:
        print("splink not installed: peer skipped")
    print(f"median of {args.runs} runs; peak RSS per run (whole process); namegen seed {args.seed}")
    fmt = {
        "precision": "{:.4f}",
        "recall": "{:.4f}",
        "f1": "{:.4f}",
        "bcubed_f1": "{:.4f}",
        "ari": "{:.4f}",
        "seconds": "{:.2f}",
        "peak_mb": "{:.0f}",
    }
    for col, f in fmt.items():
        table[col] = table[col].map(f.format)
    print(table.to_markdown(index=False) if _has("tabulate") else table.to_string(index=False))


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    main()
