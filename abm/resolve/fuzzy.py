"""Stage 4 of 名寄せ: fuzzy names and typing slips for keys still alone.

A key with no evidence and no exact match is attached to its single best
match when either

* its **core** name (generic words removed) scores at least the threshold
  with ``fuzz.ratio``, the generic words, digits and legal forms agree, both
  cores are long enough, no other account comes within the margin, and no
  *different* character stands in the name (a different kanji, kana, digit
  or Latin letter: 野村/村田, ヤマト/ヤマウ, OMT/MIT are vetoed), or
* its whole name is **one typing slip** from the other
  (:func:`abm.resolve.typos.slip`: ``ー``/small kana/濁点 only, ヴァ for バ, two
  neighbours swapped, one kana or one kanji of a long name dropped, or a
  homophone kanji), digits and legal forms agreeing and the match unique, or
* the names are two kana slips or one kanji apart and one key's e-mail or web domain
  spells the other key's name, not its own (``domain_spelling``: ``オカム`` of
  okamura.co.jp and ``オカムラ``), by romaji, translated words or, for longer names, sound
  (match rule ``domain_name``).

A key whose corporate number or domain links to no other key is matched on its
name too, its evidence vetoing a target with another number or a domain that
disagrees; it attaches to a group with evidence, or to a group without any whose best
match it is (or that has none of its own: 新橋演場 with a number only it carries and
新橋演舞場, whose own two slips leave it undecided). A key alone attaches to
another key alone only when each is the other's best match; an attached key never becomes a target in the same pass, so weak
edges form stars around an anchor and never chain; of two groups that choose each other
only one moves (:func:`_one_way`). Every pair considered but
not merged is returned for review with its reason.

Only names whose cores carry the same digits are considered at all: the digit
veto would refuse any other pair, so names that differ only by digits
(``会社123``/``会社124``, numbered funds or branches) are never scored against each
other and do not fill the review queue.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from abm.core.parallel import map_split
from abm.resolve.across import evidence_conflict
from abm.resolve.block import candidate_pairs, name_digit_codes, neighbour_pairs
from abm.resolve.normalise import digit_signature
from abm.resolve.phonetic import english_sounds, loose
from abm.resolve.typos import skeleton, slip
from abm.resolve.vocab import HOLDINGS_TOKEN

__all__ = ["FuzzyParams", "FuzzyResult", "fuzzy_candidates", "match_fuzzy", "pair_text"]

#: Fuzzy candidates kept per name (best scores first): enough for the best
#: match, the margin over the runner-up and a short review list, not the
#: thousands of neighbours of names that differ only by digits.
MAX_PAIRS_PER_NAME = 10
#: Lowest ``fuzz.ratio`` between name skeletons for a pair to be checked for a slip.
SLIP_CUTOFF = 60.0
#: Confidence of a merge on one typing slip.
SLIP_CONFIDENCE = 0.8
_VETO = ("kanji", "latin", "digits")
#: Skeletons up to this long are also paired one deletion apart (block.neighbour_pairs).
NEIGHBOUR_LEN = 6
#: Fewest letters of a domain stem that may speak for two names a slip apart (:func:`_domain_spells`).
MIN_SPELLED = 4
#: Fewest characters of a name's sound key (:mod:`abm.resolve.phonetic`) a domain may say.
MIN_SPELLED_SOUNDS = 5
#: Cores shorter than this may not differ by one kana (ヤマト/ヤマウ are two companies).
SHORT_KANA = 5


@dataclass(frozen=True)
class FuzzyParams:
    """Settings of the fuzzy stage (from :class:`abm.resolve.ResolveConfig`)."""

    threshold: float
    review_threshold: float
    min_core_len: int
    margin: float
    workers: int


@dataclass(frozen=True)
class FuzzyResult:
    """New labels, the rule and confidence of the keys that ``moved``, review pairs."""

    lab: np.ndarray
    rule: np.ndarray
    conf: np.ndarray
    moved: np.ndarray
    review: pd.DataFrame


def _either(a: str, b: str) -> tuple[bool, str]:
    """:func:`abm.resolve.typos.slip` of ``a`` typed for ``b`` or ``b`` typed for ``a``:
    the shorter is the one that may miss a character (cached per pair, either order)."""
    return _slip((a, b) if (len(a), a) <= (len(b), b) else (b, a))


@functools.lru_cache(maxsize=262_144)
def _slip(pair: tuple[str, str]) -> tuple[bool, str]:
    return slip(*pair)


def _slips(pairs: list[tuple[str, str]]) -> list[tuple[bool, str]]:
    """:func:`_either` of each pair (a part :func:`abm.core.parallel.map_split` may fork)."""
    return [_either(a, b) for a, b in pairs]


def _domain_spells(
    keys: pd.DataFrame, qk: np.ndarray, ck: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Those of ``rows`` (pairs of keys with Japanese names) where one key's domain stem
    spells the other key's name and not its own: evidence that two names a slip or two
    apart are one company's (``オカム`` of okamura.co.jp and ``オカムラ``; ``西銀行`` of
    saikyobank.co.jp and ``西京銀行``) where the names alone are too short or differ by a
    kanji. A name that is the other plus two characters or more at its start or end is
    another company (:func:`_word_added`), whatever the domain says.

    A stem of :data:`MIN_SPELLED` letters or more spells a name when it is the name's
    romaji key (``okamura`` / オカムラ) or its translated words (``saikyobank`` /
    西京銀行), or, for a name of :data:`MIN_SPELLED_SOUNDS` sounds or more, says its
    sounds (``smaregi`` / スマレジ); a shorter sound key folds too much (``wills.jp``
    sounds like ウィズ as much as like its own ウィルズ, and tells nothing). A stem's sounds
    are worked out only where they may equal the key (the same first letter, ``c`` said
    ``k`` or ``s``, lengths at most three apart): a million leads pair ~0.3 M names.
    """
    stem = keys["stem"].to_numpy(dtype=object, na_value=None)
    latin = keys["latin"].to_numpy(dtype=bool)
    rows = rows[~latin[qk[rows]] & ~latin[ck[rows]]]
    # one key with a domain, the other without: two domains were compared by the evidence
    # stages (one domain: one group; two that disagree: two companies)
    with_q = pd.notna(stem[qk[rows]])
    alone = with_q ^ pd.notna(stem[ck[rows]])
    rows, with_q = rows[alone], with_q[alone]
    if not len(rows):
        return rows
    own = np.where(with_q, qk[rows], ck[rows])  # the key whose domain may speak
    other = np.where(with_q, ck[rows], qk[rows])
    used = np.unique(np.concatenate([own, other]))
    sub = keys.iloc[used]
    said = sub["sounds"].str.split("|").str[0]
    cols = {
        "stem": sub["stem"].where(sub["stem"].str.len() >= MIN_SPELLED),
        "roman": sub["roman"],
        "said": said.where(said.str.len() >= MIN_SPELLED_SOUNDS),
        "concept": sub["concept"],
    }
    # every value as one integer code (-1 missing), its first letter and its length, per key
    both = pd.concat(list(cols.values()), ignore_index=True).astype("string")
    codes, values = pd.factorize(both)
    if not len(values):  # no stem long enough, no name read: nothing spells anything
        return rows[:0]
    values = pd.Series(values, dtype="string")
    head_v = values.str[:1].str.lower().fillna("").map(lambda c: ord(c) if c else 0)
    size_v = values.str.len().to_numpy(dtype=np.int64)
    head_v = head_v.to_numpy(dtype=np.int64)
    code = {}
    for i, name in enumerate(cols):
        code[name] = np.full(len(keys), -1, dtype=np.int64)
        code[name][used] = codes[i * len(used) : (i + 1) * len(used)]
    # first letter and length: only the stem and the sound key are compared by them
    head = {n: np.where(code[n] >= 0, head_v[np.maximum(code[n], 0)], 0) for n in ("stem", "said")}
    size = {n: np.where(code[n] >= 0, size_v[np.maximum(code[n], 0)], 0) for n in ("stem", "said")}
    text = values.to_numpy(dtype=object)
    sound_of: dict[int, str] = {}  # per distinct stem, only where it may say a name

    def spells(own: np.ndarray, other: np.ndarray) -> np.ndarray:
        s, d = code["stem"][own], code["said"][other]
        out = (s >= 0) & ((s == code["roman"][other]) | (s == code["concept"][other]))
        s0, d0 = head["stem"][own], head["said"][other]
        first = (s0 == d0) | ((s0 == ord("c")) & np.isin(d0, (ord("k"), ord("s"))))
        near = np.abs(size["stem"][own] - size["said"][other]) <= 3
        for i in np.flatnonzero((s >= 0) & (d >= 0) & first & near & ~out).tolist():
            if s[i] not in sound_of:
                sound_of[s[i]] = loose(english_sounds(text[s[i]]))
            out[i] = sound_of[s[i]] == text[d[i]]
        return out

    rows = rows[spells(own, other) & ~spells(own, own)]
    norm = keys["norm"].to_numpy(dtype=object, na_value=None)
    return rows[
        [not _word_added(norm[a], norm[b]) for a, b in zip(qk[rows], ck[rows], strict=True)]
    ]


def _word_added(a: object, b: object) -> bool:
    """One name is the other with two characters or more added at its start or end
    (skeletons compared): another company of the group (デンソー / デンソーテン, the parent's
    domain on the subsidiary's record), not a slip."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    short, long_ = sorted((skeleton(a), skeleton(b)), key=len)
    return len(long_) - len(short) >= 2 and (long_.startswith(short) or long_.endswith(short))


def label_forms(forms: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Legal-form bits seen in each label (OR over its keys)."""
    n = int(lab.max()) + 1 if len(lab) else 0
    out = np.zeros(n, dtype=np.int64)
    for bit in (1, 2, 4):
        out |= np.where(np.bincount(lab, weights=(forms & bit) > 0, minlength=n) > 0, bit, 0)
    return out


def forms_clash(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Both sides name a Japanese legal form and they share none (株式会社 vs 有限会社)."""
    return (a > 0) & (b > 0) & ((a & b) == 0)


def fuzzy_candidates(
    names: pd.DataFrame,
    params: FuzzyParams,
    *,
    progress: Callable[[int], None] | None = None,
    slips_only: np.ndarray | None = None,
) -> pd.DataFrame:
    """Candidate pairs ``q, c`` (name positions) for the alone names of ``names``.

    Core names scored at the review threshold, plus whole-name skeletons
    (:func:`abm.resolve.typos.skeleton`) scored at :data:`SLIP_CUTOFF`, so
    that short names one slip apart (ゴメリ/コメリ) are found too, plus
    skeletons one deletion apart (:func:`abm.resolve.block.neighbour_pairs`:
    a slip at either end of a short name, コクヨ/コヨク). Names marked in
    ``slips_only`` (keys with evidence of their own) are looked up by skeleton
    only: one search less for the many companies known by one record.
    """
    query = names["alone"].to_numpy()
    # only names whose cores carry the same digits are compared: the digit veto
    # (match_fuzzy's dig_eq, on the same cores) refuses every other pair
    digits = name_digit_codes(names["core"])
    by_core = candidate_pairs(
        query if slips_only is None else query & ~slips_only, names["core"], min_len=2, score_cutoff=params.review_threshold,
        workers=params.workers, max_per_query=MAX_PAIRS_PER_NAME, progress=progress,
        digit_codes=digits,
    )  # fmt: skip
    skel = pd.Series([skeleton(str(n)) for n in names.index.tolist()], dtype=object)
    by_slip = candidate_pairs(
        query, skel, min_len=3, score_cutoff=SLIP_CUTOFF, workers=params.workers,
        max_per_query=MAX_PAIRS_PER_NAME, digit_codes=digits,
    )  # fmt: skip
    # a slip breaks both two-character blocks only in a short name
    near = neighbour_pairs(query, skel.where(skel.str.len() <= NEIGHBOUR_LEN))
    both = pd.concat([by_core[["q", "c"]], by_slip[["q", "c"]], near], ignore_index=True)
    return both.drop_duplicates(ignore_index=True)


def pair_text(
    keys: pd.DataFrame, names: pd.DataFrame, pairs: pd.DataFrame, params: FuzzyParams
) -> pd.DataFrame:
    """What the names of each candidate pair say, whatever the groups: scores, slips, vetoes.

    Depends only on the keys' text, so :func:`match_fuzzy`'s second pass over a subset
    of the pairs reuses it (a million leads: ~0.9 M pairs, the slip check ~40 µs each).

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys (:func:`abm.resolve.keys.build_keys`).
    names : pandas.DataFrame
        One row per distinct normalised name, with ``rep`` (its key with most rows).
    pairs : pandas.DataFrame
        ``q, c`` name positions from :func:`fuzzy_candidates`.
    params : FuzzyParams

    Returns
    -------
    pandas.DataFrame
        One row per pair, same order: ``qk, ck`` (the two keys), ``score`` (core names,
        the holding-company word apart), ``full`` (whole names), ``sig_eq``, ``dig_eq``,
        ``len_ok``, ``head_ok``, ``slip`` (a typing slip, or names a domain says are one
        company's: ``spelled``), ``kana_marks`` (a slip that changes no letter)
        and ``veto`` (a different character stands in the name).
    """
    rep = names["rep"].to_numpy()
    qk, ck = rep[pairs["q"].to_numpy()], rep[pairs["c"].to_numpy()]
    sig = keys["signature"].fillna("").to_numpy(dtype=object)
    normv = keys["norm"].fillna("").to_numpy(dtype=object)
    # text work only for the keys in a pair (a million keys, a few thousand pairs)
    used = np.unique(np.concatenate([qk, ck]))
    core_u = pd.Series(keys["core"].fillna("").to_numpy(dtype=object)[used], dtype=object)

    def per_key(values: np.ndarray, fill: object) -> np.ndarray:
        out = np.full(len(keys), fill, dtype=np.asarray(values).dtype)
        out[used] = values
        return out

    digits = per_key(digit_signature(core_u), "")
    core_len = per_key(core_u.str.len().to_numpy(dtype=np.int64), 0)
    is_latin = per_key(core_u.map(str.isascii).to_numpy(dtype=bool), False)
    first = per_key(core_u.str[:1].to_numpy(dtype=object), "")
    w = params.workers
    # The holding-company word is scored apart: shared, it would make two different
    # names alike (オンワード/ワールドホールディングス); it must be on both sides or neither.
    held = per_key(core_u.str.contains(HOLDINGS_TOKEN, regex=False).to_numpy(dtype=bool), False)
    core_nh = per_key(
        core_u.str.replace(HOLDINGS_TOKEN, "", regex=False).to_numpy(dtype=object), ""
    )
    score = process.cpdist(
        core_nh[qk].tolist(), core_nh[ck].tolist(), scorer=fuzz.ratio, workers=w
    )  # fmt: skip
    score = np.where(held[qk] == held[ck], score, 0.0)
    full = process.cpdist(normv[qk].tolist(), normv[ck].tolist(), scorer=fuzz.ratio, workers=w)
    # A slip reads one way (the typed name misses a character): try both. Only pairs
    # whose skeletons are two edits apart at most can be slips; the others need a
    # reason only when they score high enough to merge or to be reviewed.
    na, nb = normv[qk].tolist(), normv[ck].tolist()
    skel = per_key(np.array([skeleton(x) for x in normv[used]], dtype=object), "")
    apart = process.cpdist(
        skel[qk].tolist(), skel[ck].tolist(), scorer=Levenshtein.distance, workers=w
    )  # fmt: skip
    rt = params.review_threshold
    need = (np.asarray(apart) <= 2) | (np.asarray(score) >= rt) | (np.asarray(full) >= rt)
    slip_ok = np.zeros(len(qk), dtype=bool)
    why = np.full(len(qk), "distance", dtype=object)
    todo = np.flatnonzero(need)
    said = map_split(_slips, [(na[i], nb[i]) for i in todo.tolist()], workers=w)
    if said:
        slip_ok[todo] = [ok for ok, _ in said]
        why[todo] = [reason for _, reason in said]
    # one key's e-mail or web domain spells the other's name: two kana slips at most, or
    # one kanji (never a digit or a Latin letter)
    near = np.asarray(apart)
    loose_kana = (near <= 2) & ~slip_ok & np.isin(why, ("kana", "distance"))
    spelled = _domain_spells(
        keys, qk, ck, np.flatnonzero(loose_kana | (near <= 1) & (why == "kanji"))
    )
    slip_ok[spelled] = True
    why[spelled] = "domain_spelling"
    # a different kana vetoes a short distinctive name (ヤマト/ヤマウ), not a long one
    bare = per_key(pd.Series(core_nh[used], dtype=object).str.len().to_numpy(dtype=np.int64), 0)
    short = np.minimum(bare[qk], bare[ck]) < SHORT_KANA
    return pd.DataFrame(
        {
            "qk": qk, "ck": ck, "score": np.asarray(score, dtype=float), "full": full,
            "sig_eq": sig[qk] == sig[ck], "dig_eq": digits[qk] == digits[ck],
            "len_ok": (core_len[qk] >= params.min_core_len) & (core_len[ck] >= params.min_core_len),
            # Latin names: the distinctive word comes first, so it must start alike.
            "head_ok": ~is_latin[qk] | (first[qk] == first[ck]),
            "slip": slip_ok, "kana_marks": why == "kana_marks", "spelled": why == "domain_spelling",
            "homophone": why == "homophone",
            "veto": np.isin(why, _VETO) | ((why == "kana") & short),
        }
    )  # fmt: skip


def _one_way(
    att: pd.DataFrame, src: np.ndarray, target_anchored: np.ndarray, big: np.ndarray
) -> pd.DataFrame:
    """Attachments without cycles or chains: of two groups that each choose the other
    (瀧上工業 and its homophone 瀧上興業, each the other's one slip), only one moves — the
    one without evidence into the group with it, else the smaller (``big``: the query
    key has more rows than its target, or as many and a greater name) — and a group that
    moves is no target (its label is gone once it moves: both would stay apart).
    """
    tlab = att["tlab"].to_numpy()
    moving = pd.Series(np.arange(len(att)), index=src)
    moving = moving[~moving.index.duplicated()]  # a group moves once (remap keeps one)
    back = moving.reindex(tlab).to_numpy()  # the row where this row's target moves
    pair = ~np.isnan(back)
    back_i = np.where(pair, back, 0).astype(np.int64)
    cycle = pair & (tlab[back_i] == src)
    # in a cycle keep the row into evidence (when the other row's target has none), else
    # the row of the smaller query (the first of the two when neither or both are larger)
    order = np.where(big == big[back_i], np.arange(len(att)) < back_i, ~big)
    keep = (
        ~cycle
        | (target_anchored & ~target_anchored[back_i])
        | ((target_anchored == target_anchored[back_i]) & order)
    )
    att = att[keep]
    return att[~np.isin(att["tlab"].to_numpy(), src[keep])]


def _one_evidence(
    att: pd.DataFrame,
    keys: pd.DataFrame,
    lab: np.ndarray,
    anchored: np.ndarray,
    target_anchored: np.ndarray,
) -> pd.DataFrame:
    """Of the keys with evidence that would join one group without any in the same pass,
    those whose evidence disagrees (two domains, two numbers) do not all join it: the best
    ranked does, the others stay apart (a target with no evidence cannot veto them, and two
    companies' spellings of one name would become one account)."""
    q_lab = lab[att["qk"].to_numpy()]
    loose = anchored[att["qk"].to_numpy()] & ~target_anchored
    shared = pd.Series(att["tlab"].to_numpy()[loose]).duplicated(keep=False).to_numpy()
    if not shared.any():
        return att
    drop = np.zeros(len(att), dtype=bool)
    rows = np.flatnonzero(loose)[shared]
    for _, group in pd.Series(rows).groupby(att["tlab"].to_numpy()[rows]):
        order = sorted(group.tolist(), key=lambda i: -float(att["rank"].iloc[i]))
        kept = [order[0]]
        sound = att["homophone"].to_numpy(dtype=bool) if "homophone" in att else None
        for i in order[1:]:
            both = pd.DataFrame({"lab": [q_lab[i]] * len(kept), "lab_t": q_lab[kept]})
            # a homophone on either side needs a shared domain (review: 三和電器 and 三和電機
            # both joined a third spelling without one, 三和電気)
            strict = sound is not None and bool(sound[[i, *kept]].any())
            if evidence_conflict(keys, lab, both, strict=strict).any():
                drop[i] = True
            else:
                kept.append(i)
    return att[~drop]


def match_fuzzy(
    keys: pd.DataFrame,
    names: pd.DataFrame,
    pairs: pd.DataFrame,
    lab: np.ndarray,
    anchored: np.ndarray,
    params: FuzzyParams,
    text: pd.DataFrame,
) -> FuzzyResult:
    """Attach alone names to their best fuzzy or one-slip match; see the module docstring.

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys (:func:`abm.resolve.keys.build_keys`).
    names : pandas.DataFrame
        One row per distinct normalised name (index): ``rep`` (its key with
        most rows), ``n_lab`` (labels carrying it), ``alone``, ``core``.
    pairs : pandas.DataFrame
        ``q, c`` name positions from :func:`fuzzy_candidates`.
    lab : numpy.ndarray
        Label of each key (not modified).
    anchored : numpy.ndarray of bool
        Keys with evidence (a domain or a corporate number).
    params : FuzzyParams
    text : pandas.DataFrame
        :func:`pair_text` of these pairs (same order): computed once by the caller, whose
        second pass over a subset of the pairs passes the matching rows.

    Returns
    -------
    FuzzyResult
    """
    qk, ck = text["qk"].to_numpy(), text["ck"].to_numpy()
    normv = keys["norm"].fillna("").to_numpy(dtype=object)
    rt = params.review_threshold
    forms = keys["form"].to_numpy(dtype=np.int64)
    p = text.reset_index(drop=True).assign(
        q=pairs["q"].to_numpy(), c=pairs["c"].to_numpy(), tlab=lab[ck],
        c_amb=names["n_lab"].to_numpy()[pairs["c"].to_numpy()] > 1,
        form_ok=~forms_clash(forms[qk], label_forms(forms, lab)[lab[ck]]),
    )  # fmt: skip
    # A query with evidence of its own (a number or domain nobody else carries) never
    # joins a group that carries another number or a domain that disagrees.
    ev_ok = np.ones(len(p), dtype=bool)
    q_anch = np.flatnonzero(anchored[qk])
    if len(q_anch):
        both = pd.DataFrame({"lab": lab[qk[q_anch]], "lab_t": lab[ck[q_anch]]})
        ev_ok[q_anch] = ~evidence_conflict(keys, lab, both)
        # another kanji of the same sound (三和電器 / 三和電機) with domains of their own
        # that only extend one another (sanwa-denki-ind / sanwa-denki): two companies
        # (QA-K); a kana slip's domain may extend the other's (wakita-group / wakita)
        sound = q_anch[p["homophone"].to_numpy()[q_anch]]
        if len(sound):
            pair = pd.DataFrame({"lab": lab[qk[sound]], "lab_t": lab[ck[sound]]})
            ev_ok[sound] &= ~evidence_conflict(keys, lab, pair, strict=True)
    p["ev_ok"] = ev_ok
    guards = p["dig_eq"] & ~p["c_amb"] & p["form_ok"] & p["ev_ok"]
    by_score = (p["score"] >= params.threshold) & p["sig_eq"] & p["len_ok"] & p["head_ok"]
    p["auto"] = guards & ((by_score & ~p["veto"]) | p["slip"])
    # A slip counts as a perfect score: it beats any near neighbour of the margin. A
    # slip that changes no letter (ー, small kana, 濁点) ranks above a swap or a drop.
    level = np.where(p["kana_marks"], 102.0, 101.0)
    p["rank"] = np.where(p["slip"], level + p["full"] / 1000.0, p["score"])
    auto = p[p["auto"]].sort_values(["q", "rank"], ascending=[True, False], kind="stable")
    best = auto.drop_duplicates("q").set_index("q")
    second = auto[auto["tlab"].to_numpy() != best.loc[auto["q"], "tlab"].to_numpy()]
    second = second.groupby("q")["rank"].max().reindex(best.index).fillna(-1)
    margin = np.where(best["slip"], 0.0, params.margin)
    best = best[(second < best["rank"] - margin) & ~(best["slip"] & (second >= best["rank"] // 1))]
    t_anch = pd.Series(anchored, dtype=bool).groupby(lab).any()
    target_anchored = t_anch.reindex(best["tlab"]).to_numpy()
    # Alone-to-alone: the smaller joins the larger when that one's best match is the
    # smaller or it has none of its own (a slip reads one way: オプイム misses a kana of
    # オプティム, not the reverse); never along a chain.
    best_c = best["c"]
    theirs = best_c.reindex(best_c.to_numpy()).to_numpy()
    mutual = (theirs == best_c.index.to_numpy()) | pd.isna(theirs)
    rows = keys["rows"].to_numpy()
    q_big = (rows[best["qk"]] > rows[best["ck"]]) | (
        (rows[best["qk"]] == rows[best["ck"]]) & (normv[best["qk"]] > normv[best["ck"]])
    )
    # A query with evidence of its own (cluster._isolated) attaches to a group with
    # evidence, or to one without whose best match it is, and stays where it is when
    # another query attaches to it (no chains); of two such keys that are each other's
    # best match, the smaller joins the larger.
    q_ev = anchored[best["qk"].to_numpy()]
    each = theirs == best_c.index.to_numpy()
    att = best[(target_anchored & ~(q_ev & each & q_big)) | (mutual & ~q_big)]
    q_ev = anchored[att["qk"].to_numpy()]
    att = att[~(q_ev & np.isin(lab[att["qk"].to_numpy()], att["tlab"].to_numpy()))]
    att = _one_way(
        att,
        lab[att["qk"].to_numpy()],
        t_anch.reindex(att["tlab"]).to_numpy(),
        pd.Series(q_big, index=best.index).reindex(att.index).to_numpy(),
    )
    att = _one_evidence(att, keys, lab, anchored, t_anch.reindex(att["tlab"]).to_numpy())
    # Move the whole group of the query (its spellings without evidence), not one key.
    src = lab[att["qk"].to_numpy()]
    remap = np.arange(int(lab.max()) + 1)
    remap[src] = att["tlab"].to_numpy()
    conf_of = np.zeros(len(remap))
    conf_of[src] = np.where(
        att["slip"], SLIP_CONFIDENCE, np.round(0.85 * att["score"].to_numpy() / 100.0, 3)
    )
    moved = remap[lab] != lab
    rule_of = np.full(len(remap), "fuzzy_name", dtype=object)
    rule_of[src] = np.where(att["spelled"], "domain_name", "fuzzy_name")  # said by a domain
    rule = rule_of[lab]
    conf = conf_of[lab]
    # two numbers or two domains that disagree: two companies, nothing to review
    cand = p[((p["sig_eq"] & (p["score"] >= rt)) | (p["full"] >= rt) | p["slip"]) & p["ev_ok"]]
    reason = np.select(
        [
            cand["c_amb"],
            ~cand["dig_eq"],
            cand["veto"] & ~cand["slip"],
            ~cand["form_ok"],
            ~cand["len_ok"] & ~cand["slip"],
            ~cand["sig_eq"] & ~cand["slip"],
            ((cand["score"] < params.threshold) | ~cand["head_ok"]) & ~cand["slip"],
        ],
        [
            "ambiguous_name",
            "digit_conflict",
            "distinct_character",
            "legal_form_conflict",
            "short_name",
            "generic_word_conflict",
            "weak_score",
        ],
        default="ambiguous_match",
    )
    review = pd.DataFrame(
        {"a": cand["qk"], "b": cand["ck"], "score": cand["score"], "reason": reason}
    )
    return FuzzyResult(remap[lab], rule, conf, moved, review)
