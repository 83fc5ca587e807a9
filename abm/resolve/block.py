"""Stage 2 of 名寄せ: blocking and fuzzy scoring of core names.

Candidate pairs are drawn only inside blocks (same first two or same last two
characters of the core name), then scored with RapidFuzz's ``ratio`` (an
InDel similarity; never ``partial_ratio``/``WRatio``, which score substrings
as 100 and are far slower). Small blocks are enumerated in NumPy and scored
element-wise with ``process.cpdist``; large blocks use ``process.cdist``.
Both use ``score_cutoff`` and ``workers``.

Memory stays bounded whatever the data: a huge block (say 200,000 names
that differ only by digits, ``会社123456``) is split by a longer prefix or
suffix until it is small enough to compare all its pairs, and a large block
is scored in row chunks of at most :data:`_CHUNK_CELLS` cells (one row at
a time when a block has more names than that).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from abm.resolve.normalise import digit_signature

__all__ = ["candidate_pairs", "name_digit_codes", "neighbour_pairs"]

#: Blocks whose query × choice product exceeds this are scored with cdist.
_BIG_BLOCK = 250_000
#: Blocks larger than this (query × choice) are split by one more character.
_REFINE_CELLS = 25_000_000
#: Most cells of one cdist call (float32: 32 MB).
_CHUNK_CELLS = 8_000_000
#: Longest block key tried when splitting a huge block.
_MAX_KEY = 12


def _cross(qb: np.ndarray, cb: np.ndarray, big: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Enumerate (query, choice) positions sharing a block id; return big block ids too."""
    q_order = np.argsort(qb, kind="stable")
    c_order = np.argsort(cb, kind="stable")
    qs, cs = qb[q_order], cb[c_order]
    blocks, c_start, c_count = np.unique(cs, return_index=True, return_counts=True)
    pos = np.searchsorted(blocks, qs)
    pos_ok = pos < len(blocks)
    pos_ok[pos_ok] = blocks[pos[pos_ok]] == qs[pos_ok]
    n_c = np.where(pos_ok, c_count[np.minimum(pos, len(blocks) - 1)], 0)
    q_count = np.bincount(pos[pos_ok], minlength=len(blocks))
    big_blocks = np.flatnonzero(q_count * c_count > big)
    small = pos_ok & ~np.isin(pos, big_blocks)
    n_c = np.where(small, n_c, 0)
    total = int(n_c.sum())
    q_idx = np.repeat(q_order, n_c)
    starts = np.repeat(np.cumsum(n_c) - n_c, n_c)
    c_first = np.repeat(c_start[np.minimum(pos, len(blocks) - 1)], n_c)
    c_idx = c_order[c_first + (np.arange(total) - starts)]
    return q_idx, c_idx, blocks[big_blocks]


def _top(
    qi: np.ndarray, ci: np.ndarray, sc: np.ndarray, k: int | None, digits: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep each query's ``k`` best pairs (all when ``k`` is None).

    Pairs whose names carry the same digits come first, then by score: a
    typo duplicate of ``会社123`` must not lose its place to ``会社124``,
    ``会社125`` … which score as high but can never merge (digit veto).
    ``digits`` holds an integer code per name (equal codes, equal digits).

    The three sort keys are packed into one 64-bit key (query, clash, score
    reversed through its float bits) and sorted once, stably: the same order
    as ``lexsort`` on the three, ties kept in input order, at a third of the time
    (this step handles every pair above the cutoff: millions at 100k leads).
    """
    if k is None or not len(qi):
        return qi, ci, sc
    n = len(qi)
    clash = digits[qi] != digits[ci] if digits is not None else np.zeros(n, dtype=bool)
    # scores are ≥ 0 (callers keep those ≥ a cutoff in 0–100), so their float32 bits sort
    # as the scores do (+ 0.0 turns a -0.0 into 0.0); reversed: best first
    bits = (np.asarray(sc, dtype=np.float32) + np.float32(0)).view(np.uint32)
    worse = np.uint32(0xFFFFFFFF) - bits
    if int(qi.max()) < (1 << 30):
        key = (qi.astype(np.int64) << 33) | (clash.astype(np.int64) << 32)
        key |= worse.astype(np.int64)
        order = np.argsort(key, kind="stable")
    else:
        order = np.lexsort((worse, clash, qi))
    qi, ci, sc = qi[order], ci[order], sc[order]
    starts = np.flatnonzero(np.r_[True, qi[1:] != qi[:-1]])
    rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    keep = rank < k
    return qi[keep], ci[keep], sc[keep]


def _groups(codes: np.ndarray) -> dict[int, np.ndarray]:
    """Positions of each distinct code (one sort, not one scan per code)."""
    order = np.argsort(codes, kind="stable")
    uniq, starts = np.unique(codes[order], return_index=True)
    return dict(zip(uniq.tolist(), np.split(order, starts[1:]), strict=True))


@dataclass
class _Scorer:
    """Scores candidate pairs of name positions and collects those above the cutoff."""

    core: np.ndarray
    cutoff: float
    workers: int
    top: int | None
    digits: np.ndarray | None
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)

    def _add(self, qi: np.ndarray, ci: np.ndarray, sc: np.ndarray) -> None:
        keep = (sc >= self.cutoff) & (qi != ci)
        self.parts.append(_top(qi[keep], ci[keep], sc[keep], self.top, self.digits))

    def pairs(self, qi: np.ndarray, ci: np.ndarray) -> None:
        """Score the listed (query, choice) pairs element-wise (small blocks)."""
        other = qi != ci  # a name alone in its block is listed with itself only
        qi, ci = qi[other], ci[other]
        if len(qi):
            sc = process.cpdist(
                self.core[qi].tolist(), self.core[ci].tolist(), scorer=fuzz.ratio,
                score_cutoff=self.cutoff, workers=self.workers, dtype=np.float32,
            )  # fmt: skip
            self._add(qi, ci, sc)

    def block(self, bq: np.ndarray, bc: np.ndarray, *, suffix: bool, key_len: int = 2) -> None:
        """Score every pair of one block, splitting it first if it is huge."""
        while len(bq) * len(bc) > _REFINE_CELLS and key_len < _MAX_KEY:
            key_len += 1
            names = self.core[np.concatenate([bq, bc])]
            codes, _ = pd.factorize(
                pd.Series([x[-key_len:] if suffix else x[:key_len] for x in names], dtype=object)
            )
            if codes.min() == codes.max():  # one more character splits nothing: go on
                continue
            # Pairs across the parts are not compared: the price of bounded work on
            # a block this big (the other key — prefix or suffix — still pairs them).
            q_codes, c_codes = codes[: len(bq)], codes[len(bq) :]
            for code in np.intersect1d(q_codes, c_codes):
                self.block(bq[q_codes == code], bc[c_codes == code], suffix=suffix, key_len=key_len)
            return
        choices = self.core[bc].tolist()
        step = max(1, _CHUNK_CELLS // max(len(bc), 1))
        for lo in range(0, len(bq), step):
            rows = bq[lo : lo + step]
            m = process.cdist(
                self.core[rows].tolist(), choices, scorer=fuzz.ratio,
                score_cutoff=self.cutoff, workers=self.workers, dtype=np.float32,
            )  # fmt: skip
            r, k = np.nonzero(m >= self.cutoff)
            self._add(rows[r], bc[k], m[r, k])


def name_digit_codes(texts: pd.Series) -> np.ndarray:
    """An integer code per text, equal for texts whose digits agree
    (:func:`abm.resolve.normalise.digit_signature`; a missing text has none): the
    ``digit_codes`` of :func:`candidate_pairs`."""
    return pd.factorize(digit_signature(texts.fillna("").astype(object)))[0]


def candidate_pairs(
    query: np.ndarray,
    cores: pd.Series,
    *,
    min_len: int,
    score_cutoff: float,
    workers: int = 2,
    max_per_query: int | None = None,
    progress: Callable[[int], None] | None = None,
    digit_codes: np.ndarray | None = None,
) -> pd.DataFrame:
    """Score blocked pairs between query names and all names.

    Parameters
    ----------
    query : numpy.ndarray of bool
        Which names are queries (only pairs with a query on the left are made).
    cores : pandas.Series
        Core name of every name (position = name id).
    min_len : int
        Cores shorter than this are not compared (too short to be reliable).
    score_cutoff : float
        Lowest ``fuzz.ratio`` kept (0–100).
    workers : int
        Threads for RapidFuzz.
    max_per_query : int, optional
        Keep only each query's best pairs, same-digit names first (per block
        key, then overall). Names that differ only by digits (``会社123`` …
        ``会社124``) otherwise give every name thousands of near neighbours:
        millions of pairs nobody reviews, and most of the 名寄せ time at 1M leads.
    progress : callable, optional
        ``progress(done)`` with the number of names whose blocks are scored
        (two passes, prefix then suffix blocks: each counts half).
    digit_codes : numpy.ndarray, optional
        An integer code per name, equal for names whose digits agree (the
        digits the matcher's veto compares). Given, only names with the same
        code are compared: a pair whose digits differ can never merge, and
        names that differ only by digits (``会社123``, ``会社124`` … or
        numbered funds and branches) no longer make blocks of thousands.

    Returns
    -------
    pandas.DataFrame
        Columns ``q, c, score`` (name positions, ``q != c``), unique pairs.
    """
    core = cores.fillna("").to_numpy(dtype=object)
    lens = np.fromiter((len(x) for x in core), dtype=np.int64, count=len(core))
    usable = lens >= min_len
    q_ids = np.flatnonzero(query & usable)
    c_ids = np.flatnonzero(usable)
    empty = pd.DataFrame({"q": np.array([], np.int64), "c": np.array([], np.int64), "score": []})
    if not len(q_ids) or not len(c_ids):
        return empty
    digits = digit_codes
    if digits is None and max_per_query is not None:
        digits = name_digit_codes(pd.Series(core, dtype=object))
    scorer = _Scorer(core, score_cutoff, workers, max_per_query, digits)
    tell = progress or (lambda done: None)
    half = len(core) / 2
    for n_pass, (suffix, take) in enumerate(((False, lambda s: s[:2]), (True, lambda s: s[-2:]))):
        codes, _ = pd.factorize(pd.Series([take(x) for x in core[c_ids]], dtype=object))
        block = np.full(len(core), -1, dtype=np.int64)
        block[c_ids] = codes
        if digit_codes is not None:  # one block per key and digits
            block[c_ids] = (
                codes.astype(np.int64) * (int(digit_codes.max()) + 1) + digit_codes[c_ids]
            )
        qi, ci, big = _cross(block[q_ids], block[c_ids], _BIG_BLOCK)
        scorer.pairs(q_ids[qi], c_ids[ci])
        in_big = np.isin(block[c_ids], big)
        done = int(len(c_ids) - in_big.sum())
        tell(int(half * n_pass + half * done / len(c_ids)))
        for b in big:
            members = c_ids[block[c_ids] == b]
            scorer.block(q_ids[block[q_ids] == b], members, suffix=suffix)
            done += len(members)
            tell(int(half * n_pass + half * done / len(c_ids)))
    if not scorer.parts:
        return empty
    parts = scorer.parts
    out = pd.DataFrame(
        {
            "q": np.concatenate([p[0] for p in parts]),
            "c": np.concatenate([p[1] for p in parts]),
            "score": np.concatenate([p[2] for p in parts]).astype(np.float64),
        }
    )
    out = out.drop_duplicates(["q", "c"], ignore_index=True)
    if max_per_query is not None:
        q, c, sc = _top(
            out["q"].to_numpy(), out["c"].to_numpy(), out["score"].to_numpy(), max_per_query, digits
        )
        out = pd.DataFrame({"q": q, "c": c, "score": sc})
    return out


#: Deletion keys shared by more names than this are dropped (they say nothing).
MAX_NEIGHBOURS = 50
#: Longest text whose deletion neighbourhood is listed.
MAX_NEIGHBOUR_LEN = 30


@functools.lru_cache(maxsize=262_144)
def _deletions(text: str) -> tuple[str, ...]:
    """The text and every text one non-digit character shorter (cached per text)."""
    out = {text} | {text[:j] + text[j + 1 :] for j in range(len(text)) if not text[j].isdigit()}
    return tuple(out)


def neighbour_pairs(query: np.ndarray, texts: pd.Series) -> pd.DataFrame:
    """Pairs of texts equal or one deletion apart on either side (SymSpell-style blocking).

    Prefix and suffix blocks miss a slip in the first or last two characters
    of a short name (``コクヨ``/``コヨク``, ``シンカ``/``ンシカ``); here each text is
    keyed by itself and by every text one non-digit character shorter, so two
    texts one insertion, deletion, substitution or neighbour swap apart share
    a key. Digits are never deleted (names that differ by digits never merge).
    Keys shared by more than :data:`MAX_NEIGHBOURS` texts are dropped.

    Parameters
    ----------
    query : numpy.ndarray of bool
        Which texts are queries (pairs have a query on the left).
    texts : pandas.Series
        One text per position (missing or longer than
        :data:`MAX_NEIGHBOUR_LEN` texts get no pairs).

    Returns
    -------
    pandas.DataFrame
        ``q, c`` positions, ``q != c``, each pair once.
    """
    pos: list[int] = []
    key: list[str] = []
    for i, t in enumerate(texts.to_numpy(dtype=object)):
        if not isinstance(t, str) or not 2 <= len(t) <= MAX_NEIGHBOUR_LEN:
            continue
        variants = _deletions(t)
        pos.extend([i] * len(variants))
        key.extend(variants)
    empty = pd.DataFrame({"q": np.array([], np.int64), "c": np.array([], np.int64)})
    if not pos:
        return empty
    f = pd.DataFrame({"p": np.array(pos, dtype=np.int64), "k": pd.factorize(pd.Series(key))[0]})
    size = f.groupby("k")["p"].transform("size").to_numpy()
    f = f[(size > 1) & (size <= MAX_NEIGHBOURS)]
    q = f[query[f["p"].to_numpy()]]
    out = q.merge(f, on="k", suffixes=("_q", "_c"))
    out = out[out["p_q"].to_numpy() != out["p_c"].to_numpy()]
    out = out.rename(columns={"p_q": "q", "p_c": "c"})[["q", "c"]]
    return out.drop_duplicates(ignore_index=True)
