"""Stage 3 of 名寄せ: cluster keys into accounts, with guards.

Order of evidence, strongest first:

1. **Strong components**: keys sharing a valid corporate number or an
   evidence domain are joined (connected components of the key–number–domain
   graph; a domain carrying two numbers was already disqualified).
2. **Exact name between evidence groups**: joined only when their evidence
   does not conflict (different numbers, or domains whose stems differ, veto
   it: identical names, different companies); when the groups carrying a name
   show two companies (two numbers, two stems that disagree), none joins
   another by that name. A stem that extends another
   (``daiwa-unyu-global.com`` vs ``daiwa-unyu.co.jp``) does not conflict;
   different Japanese legal forms (株式会社 X vs 有限会社 X) do.
3. **Exact name for keys without evidence** (free mail, no email): attached
   only when exactly one evidence group carries that name and the legal forms
   do not clash; otherwise the key stays alone and goes to review. Names that
   differ only by ``ー``, small kana, 濁点 or old kanji forms count as one when
   three distinctive characters remain (:func:`_slip_free`).
4. **Fuzzy core name** for keys still alone: attached to their single best
   match when the score passes the threshold, the generic words and digits
   agree, both cores are long enough and no other account scores within the
   margin, their Japanese legal forms do not clash (株式会社 vs 有限会社) and
   Latin names start with the same letter. A key alone attaches to another key alone only when each is the
   other's best match. An attached key never becomes a target in the same
   pass, so weak edges form stars around an anchor and never chain.

Every pair that was considered but not merged, and every ambiguous exact name,
is returned for review.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from abm.resolve.across import link_across, way_table
from abm.resolve.fuzzy import (
    FuzzyParams,
    forms_clash,
    fuzzy_candidates,
    label_forms,
    match_fuzzy,
    pair_text,
)
from abm.resolve.keys import stems_agree
from abm.resolve.typos import distinctive

__all__ = ["cluster_keys", "split_numbers"]

#: Fewest distinctive characters (:func:`abm.resolve.typos.distinctive`) of a skeleton that
#: stands for its name in the exact stages of keys without evidence.
SLIP_FREE_MIN = 3


def _strong(keys: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    k = len(keys)
    corp, _ = pd.factorize(keys["corp"])
    dom, _ = pd.factorize(keys["dom"])
    nc = int(corp.max()) + 1 if len(corp) else 0
    src = np.concatenate([np.flatnonzero(corp >= 0), np.flatnonzero(dom >= 0)])
    dst = np.concatenate([k + corp[corp >= 0], k + nc + dom[dom >= 0]])
    n = k + nc + (int(dom.max()) + 1 if len(dom) else 0)
    graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    lab = pd.factorize(comp[:k])[0].astype(np.int64)
    size = np.bincount(lab)[lab]
    corp_cnt = np.bincount(corp[corp >= 0], minlength=max(nc, 1))
    corp_n = np.where(corp >= 0, corp_cnt[np.maximum(corp, 0)], 0)
    rule = np.full(k, "singleton", dtype=object)
    conf = np.ones(k)
    multi_rows = keys["rows"].to_numpy() > 1
    by_dom = (dom >= 0) & ((size > 1) | multi_rows)
    rule[by_dom], conf[by_dom] = "email_domain", 0.95
    by_corp = (corp >= 0) & (((size > 1) & (corp_n > 1)) | ((size == 1) & multi_rows & (dom < 0)))
    rule[by_corp], conf[by_corp] = "corporate_number", 1.0
    bare_multi = (corp < 0) & (dom < 0) & multi_rows
    rule[bare_multi], conf[bare_multi] = "exact_name", 0.9
    return lab, rule, conf, (corp >= 0) | (dom >= 0)


def _contested(corps: list[set[str]], stems: list[set[str]]) -> bool:
    """The groups carrying one name show two companies: two corporate numbers, or two
    domains that disagree (``株式会社アルファ`` of Nagoya and of Tokyo)."""
    if len(set().union(*corps)) > 1:
        return True
    every = sorted(set().union(*stems))
    return any(not stems_agree({x}, {y}) for i, x in enumerate(every) for y in every[i + 1 :])


def _merge_exact(
    keys: pd.DataFrame, lab: np.ndarray, anchored: np.ndarray, rule, conf
) -> np.ndarray:
    """Join evidence groups sharing a name unless their evidence conflicts.

    Names count as one when typing slips are all that tell them apart (ー, small
    kana, 濁点, old kanji forms: ``ホンダファイナンス`` / ``ﾎﾝﾀﾞﾌｧｲﾅﾝｰｽ``): the evidence
    rules below still keep two companies of one name apart.
    """
    nl = pd.DataFrame({"norm": keys["skel"], "lab": lab})[
        anchored & keys["norm"].notna().to_numpy()
    ]
    nl = nl.drop_duplicates()
    multi = nl[nl["norm"].duplicated(keep=False)]
    if multi.empty:
        return lab
    labs = np.unique(multi["lab"].to_numpy())
    inside = np.isin(lab, labs)
    sub = keys.loc[inside, ["corp", "stem", "rows", "form", "shared"]].assign(lab=lab[inside])
    by_registry = set(sub.loc[sub["shared"].to_numpy(dtype=bool), "lab"].tolist())
    fv = sub["form"].to_numpy(dtype=np.int64)
    fb = (
        pd.DataFrame({f"b{b}": (fv & b) > 0 for b in (1, 2, 4)})
        .groupby(sub["lab"].to_numpy())
        .max()
    )
    bits = fb["b1"].to_numpy() * 1 + fb["b2"].to_numpy() * 2 + fb["b4"].to_numpy() * 4
    forms = dict(zip(fb.index.tolist(), bits.tolist(), strict=True))
    corps: dict[int, set[str]] = {int(g): set() for g in labs}
    stems: dict[int, set[str]] = {int(g): set() for g in labs}
    for col, store in (("corp", corps), ("stem", stems)):
        pairs = sub[["lab", col]].dropna().drop_duplicates()
        for g, v in zip(pairs["lab"].tolist(), pairs[col].tolist(), strict=True):
            store[g].add(v)
    size = sub.groupby("lab")["rows"].sum().to_dict()
    parent = {int(g): int(g) for g in labs}

    def find(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    multi = multi.sort_values("norm", kind="stable")
    norms, mlabs = multi["norm"].tolist(), multi["lab"].tolist()
    groups: dict[str, list[int]] = {}
    for nm, g in zip(norms, mlabs, strict=True):
        groups.setdefault(nm, []).append(int(g))
    for glabs in groups.values():
        gl = sorted(glabs, key=lambda g: -size[g])
        contested = _contested([corps[g] for g in gl], [stems[g] for g in gl]) or any(
            g in by_registry for g in gl
        )
        for other in gl[1:]:
            a, b = find(gl[0]), find(other)
            if a == b:
                continue
            if corps[a] and corps[b] and corps[a] != corps[b]:
                continue
            if stems[a] and stems[b] and not stems_agree(stems[a], stems[b]):
                continue
            if forms[a] and forms[b] and not forms[a] & forms[b]:
                continue  # 株式会社 X and 有限会社 X on different domains
            if contested:
                # two companies carry the name: a group with only a domain stem may
                # be either (``hikaritsushin.com`` when the other 光通信 has
                # ``hikaritsushin.co.jp``), a group with only a number too
                continue
            if size[b] > size[a]:
                a, b = b, a
            parent[b] = a
            corps[a] |= corps[b]
            stems[a] |= stems[b]
            size[a] += size[b]
            forms[a] |= forms[b]
    remap = np.arange(int(lab.max()) + 1)
    for g in labs:
        remap[g] = find(g)
    absorbed = remap[lab] != lab  # joined another group through an exact name
    weaker = absorbed & (conf > 0.9)
    rule[weaker], conf[weaker] = "exact_name", 0.9
    return remap[lab]


def _slip_free(keys: pd.DataFrame) -> pd.Series:
    """Each key's name as the exact stages compare it: its skeleton (``ー``, small kana,
    濁点 and old kanji forms aside: :func:`abm.resolve.typos.skeleton`) when that keeps at
    least :data:`SLIP_FREE_MIN` characters beside generic words, else the name itself:
    ``井村屋グルプ`` is ``井村屋グループ``, while ``ハブ`` and ``ハーブ`` stay two names here
    (the fuzzy stage may still join them as a typing slip when the match is unique)."""
    skel = keys["skel"].to_numpy(dtype=object, na_value=None)
    codes, uniq = pd.factorize(pd.Series(skel, dtype=object))
    long = np.array([distinctive(str(u)) >= SLIP_FREE_MIN for u in uniq.tolist()] + [False])
    return keys["norm"].where(~long[codes], keys["skel"])


def _join_slips(
    keys: pd.DataFrame,
    lab: np.ndarray,
    skip: np.ndarray,
    rule: np.ndarray,
    conf: np.ndarray,
    names: pd.Series,
) -> np.ndarray:
    """After :func:`_merge_bare`: join the groups of keys without evidence whose names are one
    once typing slips that change no letter are set aside (``names``: :func:`_slip_free`),
    when those keys write at most one legal form between them (a clash stays as the exact
    stage left it, its review pairs included)."""
    b = pd.DataFrame({"name": names, "form": keys["form"].astype(np.int64)})
    b = b.assign(k=np.arange(len(keys)), rows=keys["rows"].to_numpy())[~skip]
    b = b.dropna(subset=["name"]).sort_values("rows", ascending=False, kind="stable")
    nz = b[b["form"] > 0].groupby("name")["form"].nunique()
    b = b[b["name"].map(nz).fillna(0).to_numpy() <= 1]
    if b.empty:
        return lab
    head = b.groupby("name", sort=False)["k"].transform("first").to_numpy()
    moved = b["k"].to_numpy()[lab[b["k"].to_numpy()] != lab[head]]
    lab = lab.copy()
    lab[b["k"].to_numpy()] = lab[head]
    size = np.bincount(lab, minlength=int(lab.max()) + 1)
    joined = moved[size[lab[moved]] > 1]
    rule[joined], conf[joined] = "exact_name", 0.9
    return lab


def _per_name(nl: pd.DataFrame, rows: np.ndarray) -> tuple[pd.DataFrame, pd.Series]:
    """The evidence groups (``rows`` of ``nl``) carrying each name, most rows first, and how
    many carry it."""
    anch = nl[rows].sort_values("rows", ascending=False, kind="stable")
    per_name = anch.drop_duplicates(["norm", "lab"])
    return per_name, per_name.groupby("norm")["lab"].nunique()


def _merge_bare(
    keys: pd.DataFrame, lab: np.ndarray, skip: np.ndarray, rule: np.ndarray, conf: np.ndarray
) -> tuple[np.ndarray, pd.DataFrame]:
    """Join keys without evidence that share a name, unless legal forms clash.

    ``株式会社X`` and ``X`` (no form) join; ``株式会社X`` and ``有限会社X`` do
    not, and a bare ``X`` between them stays alone and goes to review.
    """
    b = pd.DataFrame(
        {"norm": keys["norm"], "form": keys["form"].astype(np.int64), "k": np.arange(len(keys))}
    )[~skip]
    b = b.assign(rows=keys["rows"].to_numpy()[~skip]).sort_values(
        "rows", ascending=False, kind="stable"
    )
    nz = b[b["form"] > 0].groupby("norm")["form"].nunique()
    n_forms = b["norm"].map(nz).fillna(0).to_numpy()
    lab = lab.copy()
    simple = b[n_forms <= 1]
    head = simple.groupby("norm", sort=False)["k"].transform("first").to_numpy()
    lab[simple["k"].to_numpy()] = lab[head]
    multi = b[(n_forms > 1) & (b["form"] > 0).to_numpy()]
    head = multi.groupby(["norm", "form"], sort=False)["k"].transform("first").to_numpy()
    lab[multi["k"].to_numpy()] = lab[head]
    joined = np.concatenate([simple["k"].to_numpy(), multi["k"].to_numpy()])
    size = (
        np.bincount(lab[joined], minlength=int(lab.max()) + 1)[lab[joined]]
        if len(joined)
        else joined
    )
    grouped = joined[size > 1]
    rule[grouped], conf[grouped] = "exact_name", 0.9
    lone = b[(n_forms > 1) & (b["form"] == 0).to_numpy()]
    heads = multi.drop_duplicates(["norm", "form"])[["norm", "k"]]
    pairs = lone.merge(heads, on="norm", suffixes=("", "_c"))
    review = pd.DataFrame(
        {"a": pairs["k"], "b": pairs["k_c"], "score": 100.0, "reason": "ambiguous_name"}
    )
    return lab, review


def cluster_keys(
    keys: pd.DataFrame,
    *,
    threshold: float,
    review_threshold: float,
    min_core_len: int,
    margin: float,
    workers: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.DataFrame]:
    """Cluster keys; return ``(label, rule, confidence, review pairs)``.

    The review frame has columns ``a, b`` (key positions), ``score`` and
    ``reason``. ``progress(k)`` hears how many of the keys are done.
    """
    lab, rule, conf, anchored = _strong(keys)
    strong = lab.copy()
    lab = _merge_exact(keys, lab, anchored, rule, conf)
    norm = keys["norm"]
    has_name = norm.notna().to_numpy()
    skip = anchored & has_name | ~has_name
    lab, form_review = _merge_bare(keys, lab, skip, rule, conf)
    slip_free = _slip_free(keys)
    lab = _join_slips(keys, lab, skip, rule, conf, slip_free)

    # Exact name for keys without evidence (typing slips that change no letter aside).
    nl = pd.DataFrame({"norm": norm, "lab": lab, "k": np.arange(len(keys)), "rows": keys["rows"]})
    # the name as typed first; its slip-free form only when no evidence group carries it
    # (サンデン of sanden.co.jp is not made ambiguous by サンテン of santen.co.jp)
    typed = nl.assign(norm="=" + nl["norm"])
    slips = nl.assign(norm="~" + slip_free)
    exact = _per_name(typed, anchored & has_name)[1]
    by_norm = typed["norm"].map(exact).fillna(0).to_numpy() > 0
    per_name, n_labs = _per_name(pd.concat([typed, slips]), np.tile(anchored & has_name, 2))
    sl = typed.where(pd.Series(by_norm, index=nl.index), slips, axis=0)
    bare = sl[~anchored & has_name]
    count = bare["norm"].map(n_labs).fillna(0).to_numpy()
    one = bare[count == 1]
    first = per_name.drop_duplicates("norm").set_index("norm")
    t_lab = one["norm"].map(first["lab"]).to_numpy(dtype=np.int64)
    forms = keys["form"].to_numpy(dtype=np.int64)
    clash = forms_clash(forms[one["k"].to_numpy()], label_forms(forms, lab)[t_lab])
    lab[one["k"].to_numpy()[~clash]] = t_lab[~clash]
    rule[one["k"].to_numpy()[~clash]], conf[one["k"].to_numpy()[~clash]] = "exact_name", 0.9
    amb = bare[count > 1].merge(per_name[["norm", "k"]], on="norm", suffixes=("", "_c"))
    reviews = [
        form_review,
        pd.DataFrame({"a": amb["k"], "b": amb["k_c"], "score": 100.0, "reason": "ambiguous_name"}),
        pd.DataFrame(
            {
                "a": one["k"].to_numpy()[clash],
                "b": one["norm"].map(first["k"]).to_numpy(dtype=np.int64)[clash],
                "score": 100.0,
                "reason": "legal_form_conflict",
            }
        ),
    ]

    # English and romaji spellings to the one company they spell.
    ways = way_table(keys)
    across = link_across(keys, lab, rule, conf, use=np.ones(len(keys), dtype=bool), ways=ways)
    moved = across.lab != lab
    lab, rule, conf = across.lab, across.rule, across.conf
    reviews.append(across.review)

    # Fuzzy names for keys still alone.
    alone = np.zeros(len(keys), dtype=bool)
    alone[bare["k"].to_numpy()[count == 0]] = True
    alone |= _isolated(keys, lab, anchored & has_name)
    alone &= ~moved
    names = _names(keys, nl, lab, alone, has_name)
    params = FuzzyParams(threshold, review_threshold, min_core_len, margin, workers)
    tick = None if progress is None else _scaled(progress, len(names), len(keys))
    slips_only = anchored[names["rep"].to_numpy()]
    pairs = fuzzy_candidates(names, params, progress=tick, slips_only=slips_only)
    if len(pairs):
        before = lab
        text = pair_text(keys, names, pairs, params)  # once: the second pass reuses it
        fuzzy = match_fuzzy(keys, names, pairs, lab, anchored, params, text)
        lab, rule, conf = fuzzy.lab, np.where(fuzzy.moved, fuzzy.rule, rule), conf.copy()
        conf[fuzzy.moved] = fuzzy.conf[fuzzy.moved]
        reviews.append(fuzzy.review)
        # A key whose best matches were a company and its misspelling (two groups
        # then, joined by the pass above) may now see one: a second pass for the keys
        # still alone with a candidate whose group changed.
        alone &= ~fuzzy.moved
        names = _names(keys, nl, lab, alone, has_name)
        rep_c = names["rep"].to_numpy()[pairs["c"].to_numpy()]
        touched = np.unique(pairs["q"].to_numpy()[lab[rep_c] != before[rep_c]])
        q_pos = pairs["q"].to_numpy()
        retake = np.isin(q_pos, touched) & names["alone"].to_numpy()[q_pos]
        again = pairs[retake]
        if len(again):
            second = match_fuzzy(keys, names, again, lab, anchored, params, text[retake])
            lab, rule = second.lab, np.where(second.moved, second.rule, rule)
            conf[second.moved] = second.conf[second.moved]
            reviews.append(second.review)
            fuzzy_moved = fuzzy.moved | second.moved
        else:
            fuzzy_moved = fuzzy.moved
        # Typing slips joined: a Latin name that matched a company and its misspelling
        # (two groups in the first pass) may now match one.
        amb = across.review
        a_k, b_k = amb["a"].to_numpy(dtype=np.int64), amb["b"].to_numpy(dtype=np.int64)
        n_before = pd.Series(across.lab[b_k]).groupby(a_k).nunique()
        n_after = pd.Series(lab[b_k]).groupby(a_k).nunique()
        retry = n_before.index[(n_after < n_before).to_numpy()].to_numpy()
        if len(retry):
            use = np.isin(lab, lab[retry]) & ~fuzzy_moved & ~moved
            again = link_across(
                keys, lab, rule, conf, use=use, ways=ways, targets=np.isin(lab, lab[b_k])
            )
            lab, rule, conf = again.lab, again.rule, again.conf
            reviews.append(again.review)
    lab = split_numbers(keys, lab, strong)
    review = pd.concat(reviews, ignore_index=True)
    review = review[lab[review["a"].to_numpy()] != lab[review["b"].to_numpy()]]
    lo = np.minimum(review["a"], review["b"])
    hi = np.maximum(review["a"], review["b"])
    review = review.assign(a=lo, b=hi).drop_duplicates(["a", "b"], ignore_index=True)
    return pd.factorize(lab)[0].astype(np.int64), rule, conf, review


def split_numbers(keys: pd.DataFrame, lab: np.ndarray, strong: np.ndarray) -> np.ndarray:
    """Split every group that holds two valid corporate numbers: a hard veto.

    Each stage refuses to join groups whose numbers differ, but weaker links
    taken one at a time could still chain two numbers together. Such a group
    is cut back into its number-bearing evidence groups (``strong``: the
    components of shared numbers and domains); each of its other keys goes with
    the one evidence group that carries its name (``skel``), else all of them
    stay together in a group of their own.

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys with ``corp`` (valid numbers only) and ``skel``.
    lab : numpy.ndarray
        Group of each key after clustering.
    strong : numpy.ndarray
        Group of each key by shared numbers and domains alone.

    Returns
    -------
    numpy.ndarray
        ``lab``, or a copy with the groups split.
    """
    corp = keys["corp"].to_numpy(dtype=object, na_value=None)
    has = np.flatnonzero(pd.notna(corp))
    if not len(has):
        return lab
    per = pd.DataFrame({"lab": lab[has], "corp": corp[has]}).groupby("lab")["corp"].nunique()
    bad = per.index[per.to_numpy() > 1].to_numpy()
    if not len(bad):
        return lab
    lab = lab.copy()
    skel = keys["skel"].to_numpy(dtype=object, na_value=None)
    nxt = int(lab.max()) + 1
    for g in bad:
        members = np.flatnonzero(lab == g)
        numbered = {int(strong[k]) for k in members if corp[k] is not None}
        new = {c: nxt + i for i, c in enumerate(sorted(numbered))}
        nxt += len(new)
        owner: dict[object, set[int]] = {}
        for k in members:
            if int(strong[k]) in new and skel[k] is not None:
                owner.setdefault(skel[k], set()).add(new[int(strong[k])])
        rest = nxt
        nxt += 1
        for k in members:
            if int(strong[k]) in new:
                lab[k] = new[int(strong[k])]
            else:
                home = owner.get(skel[k], set())
                lab[k] = next(iter(home)) if len(home) == 1 else rest
    return lab


def _isolated(keys: pd.DataFrame, lab: np.ndarray, anchored: np.ndarray) -> np.ndarray:
    """Keys with evidence that joined nothing: alone in their group, their name (as typing
    slips leave it, ``skel``) carried by no other key.

    A corporate number or a domain that no other key carries links to nothing;
    such a key is matched on its name like a key without evidence (``河西工`` with
    a number only it carries, for 河西工業 on a domain), its evidence then only
    vetoing a target that carries another number or domain
    (:func:`abm.resolve.across.evidence_conflict`).
    """
    size = np.bincount(lab)[lab]
    skel = keys["skel"]
    unique = ~skel.duplicated(keep=False).to_numpy() & skel.notna().to_numpy()
    return anchored & (size == 1) & unique


def _names(
    keys: pd.DataFrame, nl: pd.DataFrame, lab: np.ndarray, alone: np.ndarray, has_name: np.ndarray
) -> pd.DataFrame:
    """One row per distinct name (same order for the same keys): its key with most rows
    (``rep``), how many labels carry it, its first label, whether all its keys are alone."""
    kn = nl.assign(lab=lab)[has_name].assign(alone=alone[has_name])
    kn = kn.sort_values("rows", ascending=False, kind="stable")
    names = kn.groupby("norm", sort=False).agg(
        rep=("k", "first"), n_lab=("lab", "nunique"), lab=("lab", "first"), alone=("alone", "all")
    )
    names["core"] = keys["core"].to_numpy()[names["rep"].to_numpy()]
    return names


def _scaled(progress: Callable[[int], None], names: int, keys: int) -> Callable[[int], None]:
    """Names done -> keys done (the fuzzy stage walks names; the step counts keys)."""
    return lambda done: progress(int(keys * done / max(names, 1)))
