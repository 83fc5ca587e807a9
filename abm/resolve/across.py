"""Stage 3b of 名寄せ: link names across scripts (``SANKYO CO.,LTD.`` ↔ ``株式会社三共``).

After the exact stages, a group of keys whose names are all written in Latin
letters (an English or romaji spelling, usually with free mail or no e-mail)
is linked to the one other group that it matches by

``reading_name``
    its romaji or its translated words equal those of a Japanese name of the
    other group (:func:`abm.resolve.romanise.name_keys`: ``roman`` /
    ``concept``, or the distinctive ``lcore`` when the generic words do not
    contradict each other and holding-company words agree);
``domain_name``
    its romanised name equals the stem of the other group's e-mail or web
    domain (``sankyo`` ↔ ``sankyo.co.jp``).

A link needs exactly one candidate group whose evidence does not conflict
(a different valid corporate number, or domains that disagree, veto it); a
name that matches several companies (``TOHO`` ↔ 東宝 / トーホー) is not linked
and goes to review as ``ambiguous_reading``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.resolve.wordmap import STRUCTURE_CONCEPTS as STRUCTURE

__all__ = ["CONFIDENCE", "Across", "link_across"]

#: Confidence of each way of matching across scripts.
CONFIDENCE = {"roman": 0.85, "concept": 0.85, "core": 0.8, "domain": 0.8}
#: Shortest key that may match (a full romanised name / a distinctive core / a domain stem).
MIN_KEY, MIN_CORE = 3, 4


@dataclass(frozen=True)
class Across:
    """Result of :func:`link_across`: new labels, rules, confidences and review pairs."""

    lab: np.ndarray
    rule: np.ndarray
    conf: np.ndarray
    review: pd.DataFrame


def _sets(values: pd.Series, lab: np.ndarray) -> dict[int, frozenset[str]]:
    f = pd.DataFrame({"lab": lab, "v": values.to_numpy(dtype=object, na_value=None)}).dropna()
    return {int(g): frozenset(v) for g, v in f.groupby("lab")["v"]}


def _long(keys: pd.DataFrame, rows: np.ndarray, lab: np.ndarray) -> pd.DataFrame:
    """One row per (key, way, value) for the named keys ``rows``."""
    k = keys.iloc[rows]
    base = {"lab": lab[rows], "k": rows, "lat": keys["latin"].to_numpy(dtype=bool)[rows]}
    parts = []
    for way, col in (("roman", "roman"), ("concept", "concept")):
        v = k[col].to_numpy(dtype=object, na_value=None)
        parts.append(pd.DataFrame({**base, "way": way, "value": v, "gen": ""}))
    core = k["lcore"].to_numpy(dtype=object, na_value=None)
    gen = k["lgeneric"].fillna("").to_numpy(dtype=object)
    parts.append(pd.DataFrame({**base, "way": "core", "value": core, "gen": gen}))
    out = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    least = np.where(out["way"].eq("core"), MIN_CORE, MIN_KEY)
    return out[out["value"].str.len().to_numpy() >= least]


def _core_ok(cand: pd.DataFrame) -> np.ndarray:
    """Distinctive cores may match when the generic words agree, or when the Latin name
    names none and the Japanese one some (``USHIO INC.`` / ``ウシオ電機``) but no group word."""
    out = []
    rows = zip(cand["gen"].tolist(), cand["gen_t"].tolist(), cand["lat_t"].tolist(), strict=True)
    for x, y, lat_t in rows:
        sy = set(y.split("+")) - {""}
        out.append(x == y or (not x and bool(sy) and not lat_t and not sy & STRUCTURE))
    return np.array(out, dtype=bool)


def _agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Domain stems agree: none on one side, one shared, or one extends the other by a word."""
    if not a or not b or a & b:
        return True
    return any(_extends(x, y) or _extends(y, x) for x in a for y in b)


def _extends(x: str, y: str) -> bool:
    return len(y) >= 4 and x.startswith(y) and not x[len(y) :].isdigit()


def _abbreviates(dom: pd.DataFrame, t: pd.DataFrame) -> np.ndarray:
    """The stem is a proper prefix of a name of its own group (``towa.co.jp`` of 東和ハイシステム):
    a query spelling only the stem may be another company with that short name."""
    names = t[t["way"].ne("core").to_numpy()].groupby("lab")["value"].agg(list).to_dict()
    return np.array(
        [
            any(len(v) > len(s) and v.startswith(s) for v in names.get(g, ()))
            for s, g in zip(dom["stem"].tolist(), dom["lab_t"].tolist(), strict=True)
        ],
        dtype=bool,
    )


def link_across(
    keys: pd.DataFrame, lab: np.ndarray, rule: np.ndarray, conf: np.ndarray, *, use: np.ndarray
) -> Across:
    """Link Latin-only groups to the one group they match across scripts.

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys from :func:`abm.resolve.keys.build_keys` (``roman, concept,
        lcore, lgeneric, latin, corp, stem, norm, rows``).
    lab, rule, conf : numpy.ndarray
        Label, match rule and confidence of every key (not modified).
    use : numpy.ndarray of bool
        Keys that may be moved (keys already joined by a review decision or
        other strong evidence may still be targets).

    Returns
    -------
    Across
        Copies of ``lab``, ``rule``, ``conf`` with the links applied, and
        review pairs (``a, b, score, reason``) for names that match several
        groups.
    """
    lab, rule, conf = lab.copy(), rule.copy(), conf.copy()
    empty = pd.DataFrame(
        {"a": np.array([], np.int64), "b": np.array([], np.int64), "score": [], "reason": []}
    )
    named = keys["norm"].notna().to_numpy()
    latin = keys["latin"].to_numpy(dtype=bool) & named
    n = int(lab.max()) + 1 if len(lab) else 0
    has_ja = np.bincount(lab, weights=named & ~latin, minlength=n) > 0
    has_latin = np.bincount(lab, weights=latin, minlength=n) > 0
    can_move = np.bincount(lab, weights=~use, minlength=n) == 0
    query_g = has_latin & ~has_ja & can_move
    q_rows = np.flatnonzero(latin & query_g[lab])
    t_rows = np.flatnonzero(named & has_ja[lab])
    if not len(q_rows):
        return Across(lab, rule, conf, empty)
    q = _long(keys, q_rows, lab)
    t = _long(keys, t_rows, lab)
    cand = q.merge(t, on=["way", "value"], suffixes=("", "_t"))
    cand = cand[cand["lab"].to_numpy() != cand["lab_t"].to_numpy()]
    core = cand["way"].eq("core").to_numpy()
    if core.any():
        ok = np.ones(len(cand), dtype=bool)
        ok[core] = _core_ok(cand[core])
        cand = cand[ok]
    # e-mail / web domains of other groups whose stem spells the name
    cols = ["lab", "k", "way", "lab_t", "k_t"]
    stems = pd.DataFrame({"stem": keys["stem"], "lab_t": lab, "k_t": np.arange(len(keys))})
    stems = stems[keys["stem"].notna().to_numpy()].drop_duplicates(["stem", "lab_t"])
    full = q[q["way"].ne("core").to_numpy()]  # a domain must spell the whole name
    dom = full.merge(stems, left_on="value", right_on="stem").assign(way="domain")
    dom = dom[(dom["lab"] != dom["lab_t"]) & (dom["value"].str.len() >= MIN_CORE)]
    dom = dom[~_abbreviates(dom, t)]
    cand = pd.concat([cand[cols], dom[cols]], ignore_index=True)
    if cand.empty:
        return Across(lab, rule, conf, empty)
    corps, stem_sets = _sets(keys["corp"], lab), _sets(keys["stem"], lab)
    none: frozenset[str] = frozenset()
    pairs = cand[["lab", "lab_t"]].drop_duplicates()
    veto = np.array(
        [
            bool(corps.get(g, none) and corps.get(h, none) and not corps[g] & corps[h])
            or not _agree(stem_sets.get(g, none), stem_sets.get(h, none))
            for g, h in zip(pairs["lab"].tolist(), pairs["lab_t"].tolist(), strict=True)
        ],
        dtype=bool,
    )
    ok = cand.merge(pairs[~veto], on=["lab", "lab_t"])
    # the best tier decides: a full key (romaji, translated words, domain) before a core
    ok = ok.assign(tier=ok["way"].eq("core").to_numpy(dtype=np.int8))
    ok = ok[ok["tier"].to_numpy() == ok.groupby("lab")["tier"].transform("min").to_numpy()]
    n_t = ok.groupby("lab")["lab_t"].nunique()
    many = ok["lab"].map(n_t).to_numpy() > 1
    one = ok[~many].assign(c=lambda f: f["way"].map(CONFIDENCE).to_numpy(dtype=float))
    moves = one.sort_values("c", ascending=False, kind="stable").drop_duplicates("lab")
    moves = moves.set_index("lab")
    remap = np.arange(n)
    remap[moves.index.to_numpy()] = moves["lab_t"].to_numpy()
    for _ in range(3):  # a target that moved itself (domain of another Latin group): follow it
        remap = remap[remap]
    moved = remap[lab] != lab
    by_name = moves["way"].ne("domain").reindex(lab[moved]).to_numpy(dtype=bool)
    rule[moved] = np.where(by_name, "reading_name", "domain_name")
    conf[moved] = moves["c"].reindex(lab[moved]).to_numpy(dtype=float)
    lab = remap[lab]
    amb = ok[many].drop_duplicates(["lab", "lab_t"])
    review = pd.DataFrame(
        {
            "a": amb["k"].to_numpy(dtype=np.int64),
            "b": amb["k_t"].to_numpy(dtype=np.int64),
            "score": 100.0,
            "reason": "ambiguous_reading",
        }
    )
    return Across(lab, rule, conf, review if len(review) else empty)
