"""The benchmark's yardsticks: the plain-normalisation baseline key and pairwise scores.

:func:`plain_key` is the baseline every 名寄せ method is compared with (NFKC,
lower case, legal forms and punctuation removed); :func:`pair_scores` and
:func:`lookalike_merges` score a clustering against the true companies.
Used by ``bench/bench_realnames.py`` and tested in
``tests/unit/test_realnames_bench.py``.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = ["lookalike_merges", "pair_scores", "plain_key"]

_FORMS = re.compile(
    r"株式会社|有限会社|合同会社|\(株\)|\(有\)|\(同\)|㈱|㈲|"
    r"\b(co\.?,?\s*ltd\.?|inc\.?|corporation|corp\.?|k\.k\.|limited|ltd\.?)"
)
_PUNCT = re.compile(r"[\s\.,・･\-'’()&]")


def plain_key(names: pd.Series) -> pd.Series:
    """NFKC, lower case, common legal forms and punctuation removed (once per distinct name)."""
    codes, uniq = pd.factorize(names.fillna(""))

    def one(s: str) -> str:
        s = unicodedata.normalize("NFKC", s).lower()
        return _PUNCT.sub("", _FORMS.sub("", s))

    out = np.array([one(u) for u in uniq] + [""], dtype=object)
    return pd.Series(out[codes], index=names.index)


def _c2(x: np.ndarray) -> float:
    """Record pairs within groups of sizes ``x``."""
    x = np.asarray(x, dtype=np.float64)
    return float((x * (x - 1) / 2).sum())


def pair_scores(
    pred: np.ndarray,
    truth: np.ndarray,
    groups: np.ndarray | None = None,
) -> dict[str, float]:
    """Pairwise precision, recall and F1, and recall per group label.

    Parameters
    ----------
    pred, truth : array-like
        Cluster label of each record, predicted and true; a negative integer predicted
        label (a record given no account, ``pd.factorize`` of a missing id) is a cluster
        of one.
    groups : array-like, optional
        A label per record (variant class, e-mail kind). ``recall[g]`` is the
        share of true pairs with at least one record labelled ``g`` that are
        predicted together.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1``, ``tp``, ``fp`` (pairs predicted
        together that are not), ``fn``, and ``recall:<g>`` for each group.
    """
    pred = np.asarray(pred).copy()
    if np.issubdtype(pred.dtype, np.integer):  # no account (no company name): each alone
        alone = np.flatnonzero(pred < 0)
        pred[alone] = pred.max(initial=0) + 1 + np.arange(len(alone))
    df = pd.DataFrame({"p": pred, "t": np.asarray(truth)})
    cell = df.groupby(["t", "p"]).size()
    tp = _c2(cell.to_numpy())
    pp = _c2(df.groupby("p").size().to_numpy())
    tt = _c2(df.groupby("t").size().to_numpy())
    prec = tp / pp if pp else 1.0
    rec = tp / tt if tt else 1.0
    out = {
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "tp": tp,
        "fp": pp - tp,
        "fn": tt - tp,
    }
    if groups is not None:
        df["g"] = np.asarray(groups)
        n_t, n_c = df.groupby("t").size(), df.groupby(["t", "p"]).size()
        for g in pd.unique(df["g"]):
            in_g = df["g"].eq(g)
            g_t = in_g.groupby(df["t"]).sum().reindex(n_t.index)
            g_c = in_g.groupby([df["t"], df["p"]]).sum().reindex(n_c.index)
            true_g = _c2(n_t.to_numpy()) - _c2((n_t - g_t).to_numpy())
            found_g = _c2(n_c.to_numpy()) - _c2((n_c - g_c).to_numpy())
            out[f"recall:{g}"] = found_g / true_g if true_g else 1.0
    return out


def lookalike_merges(pred: np.ndarray, truth: np.ndarray, pairs: pd.DataFrame) -> pd.DataFrame:
    """Per look-alike kind: record pairs and company pairs wrongly put together.

    ``pairs`` has ``corporate_number_a``, ``corporate_number_b`` and ``kind``;
    ``truth`` holds corporate numbers.
    """
    cells = pd.DataFrame({"t": truth, "p": pred}).value_counts().rename("n").reset_index()
    a = pairs.reset_index(drop=True).reset_index(names="pair")
    left = a.merge(cells, left_on="corporate_number_a", right_on="t")
    both = left.merge(
        cells, left_on=["corporate_number_b", "p"], right_on=["t", "p"], suffixes=("_a", "_b")
    )
    both["records"] = both["n_a"] * both["n_b"]
    per_pair = both.groupby("pair")["records"].sum()
    a["records"] = per_pair.reindex(a["pair"]).fillna(0).to_numpy()
    return a.groupby("kind").agg(
        pairs=("pair", "size"),
        merged=("records", lambda r: int((r > 0).sum())),
        record_pairs=("records", "sum"),
    )
