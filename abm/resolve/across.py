"""Stage 3b of 名寄せ: link names across scripts (``SANKYO CO.,LTD.`` ↔ ``株式会社三共``).

After the exact stages, a group of keys whose names are all written in Latin
letters (an English or romaji spelling, usually with free mail or no e-mail)
is linked to the one other group that it matches. So is a group with a Japanese
name beside its Latin one (joined by a corporate number) when it has no domain of its
own and none of its Japanese names says the Latin name — by its romaji or translated
words only (``roman`` / ``concept``): ``FUJITA KANKO`` beside a misspelt 藤観光 joins
藤田観光, ``TOSOH`` beside 東ソー stays. The ways to match
(:func:`abm.resolve.namekeys.name_keys`) come in two tiers; a group takes
its best tier:

full keys (``reading_name``, ``domain_name``)
    its romaji (``roman``) or its translated words (``concept``) equal those
    of a Japanese name of the other group, or its romanised name or its letters
    as typed equal the stem of the other group's e-mail or web domain
    (``sankyo`` ↔ ``sankyo.co.jp``, ``MARUFUJI SHEET PILING`` ↔
    ``marufujisheetpiling.co.jp``) without being only the start of that group's name;
partial keys (``reading_name``, ``domain_name``)
    the distinctive words as typed spell the other group's domain stem and the
    generic words agree (``dcore``: ``symbio pharmaceuticals`` ↔ シンバイオ製薬 at
    ``symbio.co.jp``), or
    the distinctive words agree (``core``: same concepts, the generic words
    not contradicting each other), or they *sound* alike
    (:mod:`abm.resolve.phonetic`: ``sounds`` — the distinctive words, the
    generic concepts equal — or ``spoken`` — the whole name): the consonant
    skeletons are equal and the loose spellings score at least
    :data:`MIN_SOUND_RATIO` (``SECOM`` ↔ セコム, ``Top Culture`` ↔
    トップカルチャー).

A link needs exactly one candidate group whose evidence does not conflict
(a different valid corporate number, or domains that share no stem, veto it: a stem that
only extends the other's is another company's across scripts, ``Futaba Corporation``
at futaba.com is not フタバ産業 at futabaind.co.jp) — or,
among sound matches, one that beats every other by :data:`SOUND_MARGIN`. A group
found only by its domain is contested by another that sounds like the query, unless
the domain's group sounds more alike by that margin. A
name that matches several companies (``TOHO`` ↔ 東宝 / トーホー) is not linked
and goes to review as ``ambiguous_reading``. A Latin name written with a
Japanese legal form (``ＴＯＷＡ株式会社``) is a registered name, not a
translation: only a full key links it, and never to a group whose registered name is
in Japanese script (``ＤＡＩＫＥＮ株式会社`` / ``株式会社ダイケン``: two registrations).
Among full keys, a name spelled exactly as one group's name is read wins over groups
that only translate to the same words, unless another group's domain claims it too
(``Fuji Nihon``: フジ日本, not ``ＦＵＪＩジャパン``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from abm.resolve.block import neighbour_pairs
from abm.resolve.keys import stems_agree
from abm.resolve.phonetic import english_sounds, loose, skeleton
from abm.resolve.readmatch import reading_candidates
from abm.resolve.wordmap import GENERIC_ALIASES as ALIASES
from abm.resolve.wordmap import STRUCTURE_CONCEPTS as STRUCTURE

__all__ = ["CONFIDENCE", "Across", "evidence_conflict", "link_across", "way_table"]

#: Confidence of each way of matching across scripts.
CONFIDENCE = {
    "roman": 0.85, "concept": 0.85, "domain": 0.8, "core": 0.8, "dcore": 0.75, "sound": 0.75,
    "spoken": 0.75, "reading": 0.75,
}  # fmt: skip
#: Tier of each way: a group is linked by its best tier only (full keys, then
#: partial keys).
TIER = {
    "roman": 0, "concept": 0, "domain": 0, "core": 1, "dcore": 1, "sound": 1, "spoken": 1,
    "reading": 1,
}  # fmt: skip
#: Shortest key that may match (a full romanised name / a distinctive core / a domain stem).
MIN_KEY, MIN_CORE = 3, 4
#: Fewest consonants in the skeleton of a sound key (``sounds`` / ``spoken``); a
#: shorter one (``ZOOM`` / ズーム) must be spelled exactly alike, down to the vowels.
MIN_SKELETON = {"sound": 3, "spoken": 3}
SHORT_SKELETON = 2
#: Lowest ``fuzz.ratio`` between the loose spellings of a sound match.
MIN_SOUND_RATIO = 70.0
#: Skeletons this long may also match one consonant apart, the loose spellings
#: scoring at least ``NEAR_RATIO``.
NEAR_SKELETON, NEAR_RATIO = 6, 80.0
#: A Latin name that leaves out generic words of the Japanese name must sound this alike.
RELAXED_RATIO = 95.0
#: A name made only of generic words must sound this alike said whole.
WHOLE_RATIO = 85.0
#: A sound match with several candidates takes the best when it leads by this much.
SOUND_MARGIN = 6.0
_FULL = ("roman", "concept")
#: Ways that match a name to a domain (``domain_name``): the whole name, or its distinctive words.
_DOMAIN = ("domain", "dcore")
_EMPTY = pd.DataFrame(
    {"a": np.array([], np.int64), "b": np.array([], np.int64), "score": [], "reason": []}
)


@dataclass(frozen=True)
class Across:
    """Result of :func:`link_across`: new labels, rules, confidences and review pairs."""

    lab: np.ndarray
    rule: np.ndarray
    conf: np.ndarray
    review: pd.DataFrame


def _objects(values: pd.Series) -> np.ndarray:
    """The values as Python objects (``pd.NA`` kept), for a loop: iterating an Arrow-backed
    column builds each value through Arrow, ~3x slower than one conversion."""
    return values.to_numpy(dtype=object)


def _sets(values: pd.Series, lab: np.ndarray) -> dict[int, frozenset[str]]:
    """The distinct non-missing values of each group (a plain loop: iterating a pandas
    groupby cost ~0.1 ms a group, 13 s at a million leads)."""
    v = values.to_numpy(dtype=object, na_value=None)
    has = np.flatnonzero(pd.notna(v))
    found: dict[int, set[str]] = {}
    for g, x in zip(lab[has].tolist(), v[has].tolist(), strict=True):
        found.setdefault(g, set()).add(x)
    return {g: frozenset(s) for g, s in found.items()}


def _sound_values(way: str, keys: pd.DataFrame, sg: str = "") -> tuple[np.ndarray, np.ndarray]:
    """Blocking value (skeleton, for ``sound`` with the place concepts) and loose
    spelling of each key, for one sound way (text work once per distinct value);
    ``sg="_sg"``: of the names said with plural words in the singular."""
    codes, uniq = pd.factorize(keys[("sounds" if way == "sound" else "spoken") + sg])
    value = np.full(len(uniq) + 1, None, dtype=object)
    spell = np.full(len(uniq) + 1, None, dtype=object)
    for i, x in enumerate(uniq.tolist()):
        form, _, places = x.partition("|")
        skel = skeleton(form)
        if len(skel) >= SHORT_SKELETON:
            value[i] = f"{skel}|{places}" if way == "sound" else skel
            spell[i] = form
    return value[codes], spell[codes]


def way_table(keys: pd.DataFrame) -> pd.DataFrame:
    """One row per (key, way, value) of every named key: what :func:`link_across` joins on.

    Columns ``k`` (key position), ``lat`` (Latin name), ``way``, ``value``
    (the blocking value), ``gen`` (generic concepts), ``spell`` (the loose
    spelling of a sound way) and ``inner`` (that of the distinctive words).
    Computed once and shared by both passes of :func:`link_across`.
    """
    rows = np.flatnonzero(keys["norm"].notna().to_numpy())
    k = keys.iloc[rows]
    base = {"k": rows, "lat": keys["latin"].to_numpy(dtype=bool)[rows]}
    gen = k["lgeneric"].fillna("").to_numpy(dtype=object)
    parts = []
    for way in _FULL:
        v = k[way].to_numpy(dtype=object, na_value=None)
        parts.append(pd.DataFrame({**base, "way": way, "value": v, "gen": "", "spell": None}))
    core = k["lcore"].to_numpy(dtype=object, na_value=None)
    parts.append(pd.DataFrame({**base, "way": "core", "value": core, "gen": gen, "spell": None}))

    def sounds(sg: str) -> list[pd.DataFrame]:
        return [
            pd.DataFrame({**base, "way": way, "value": value, "gen": gen, "spell": spell})
            for way in ("sound", "spoken")
            for value, spell in [_sound_values(way, k, sg)]
        ]

    out = _with_inner([*parts, *sounds("")], k["sounds"])
    # a plural English word may be written in the singular (Experts / エキスパート)
    if k["sounds_sg"].notna().any() or k["spoken_sg"].notna().any():
        out = pd.concat([out, _with_inner(sounds("_sg"), k["sounds_sg"].fillna(k["sounds"]))])
    least = np.where(out["way"].eq("core"), MIN_CORE, MIN_KEY)
    return out[out["value"].str.len().to_numpy() >= least].reset_index(drop=True)


def _with_inner(parts: list[pd.DataFrame], sounds: pd.Series) -> pd.DataFrame:
    """``parts`` (one row per key each) stacked, rows without a value dropped, with the
    loose spelling of each key's distinctive words (``inner``) from ``sounds``."""
    inner = np.array(
        [x.partition("|")[0] if isinstance(x, str) else None for x in _objects(sounds)],
        dtype=object,
    )
    out = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    out["inner"] = np.tile(inner, len(parts))[out.index.to_numpy()]
    return out


def _generic_ok(cand: pd.DataFrame) -> np.ndarray:
    """The generic words of a Latin name and of the Japanese name it may spell agree:
    equal, or the Latin name leaves some out — English names drop 工業 or 電機
    (``USHIO INC.`` / ``ウシオ電機``, ``Kissei Pharmaceutical`` / キッセイ薬品工業) —
    but never a holding or group word, and never when both names are Latin.
    :data:`abm.resolve.wordmap.GENERIC_ALIASES` are read as one (works / 工業)."""
    gen, gen_t = cand["gen"].to_numpy(dtype=object), cand["gen_t"].to_numpy(dtype=object)
    out = gen == gen_t
    lat_t = cand["lat_t"].to_numpy(dtype=bool)
    for i in np.flatnonzero(~out & ~lat_t):
        sx, sy = _generic_set(gen[i]), _generic_set(gen_t[i])
        out[i] = sx <= sy and not (sy - sx) & STRUCTURE
    return out


@functools.lru_cache(maxsize=65_536)
def _generic_set(text: str) -> frozenset[str]:
    return frozenset(ALIASES.get(w, w) for w in text.split("+") if w)


def _near(q: pd.DataFrame, t: pd.DataFrame) -> pd.DataFrame:
    """Sound candidates whose skeletons are one consonant apart (``COSMOC`` /
    コスモス, ``PARKERIZING`` / パーカライジング): long skeletons only, same places."""
    parts = []
    for way in ("sound", "spoken"):
        qs, ts = q[q["way"].eq(way).to_numpy()], t[t["way"].eq(way).to_numpy()]
        if qs.empty or ts.empty:
            continue
        both = pd.concat([qs["value"], ts["value"]], ignore_index=True).to_numpy(dtype=object)
        skel = pd.Series([str(v).partition("|")[0] for v in both], dtype=object)
        skel = skel.where(skel.str.len().to_numpy() >= NEAR_SKELETON)
        query = np.arange(len(both)) < len(qs)
        pairs = neighbour_pairs(query, skel)
        pairs = pairs[pairs["c"].to_numpy() >= len(qs)]
        a = qs.iloc[pairs["q"].to_numpy()].reset_index(drop=True)
        b = ts.iloc[pairs["c"].to_numpy() - len(qs)].reset_index(drop=True)
        b = b.drop(columns=["way"]).add_suffix("_t")
        pair = pd.concat([a, b], axis=1)
        values = zip(_objects(pair["value"]), _objects(pair["value_t"]), strict=True)
        places = [str(x).partition("|")[2] == str(y).partition("|")[2] for x, y in values]
        parts.append(pair[np.array(places, dtype=bool)].drop(columns=["value_t"]))
    return pd.concat(parts, ignore_index=True) if parts else q.iloc[:0].assign(near=True)


def _by_name(q: pd.DataFrame, t: pd.DataFrame) -> pd.DataFrame:
    """Candidate (query key, target key) pairs by name, with a ``score`` (100 when exact)."""
    cand = q.merge(t, on=["way", "value"], suffixes=("", "_t")).assign(near=False)
    near = _near(q, t)
    if len(near):
        cand = pd.concat([cand, near.assign(near=True)], ignore_index=True)
    cand = cand[cand["lab"].to_numpy() != cand["lab_t"].to_numpy()]
    ok = np.ones(len(cand), dtype=bool)
    partial = cand["way"].isin(["core", "sound"]).to_numpy()
    ok[partial] = _generic_ok(cand[partial])
    # a Latin name that leaves generic words out must sound all but exactly alike
    relaxed = partial & (cand["gen"].to_numpy() != cand["gen_t"].to_numpy())
    score = np.full(len(cand), 100.0)
    sound = cand["way"].isin(["sound", "spoken"]).to_numpy()
    # a sound is heard against a Japanese name: two Latin names are the fuzzy stage's
    ok &= ~(sound & cand["lat_t"].to_numpy(dtype=bool))
    if sound.any():
        score[sound] = _ratio(cand["spell"].to_numpy()[sound], cand["spell_t"].to_numpy()[sound])
    # Said whole, a name with generic words must also agree on its distinctive words:
    # shared words only make different names sound alike (ＭＩＴ / ヤマトホールディングス).
    # A name of generic words only (TRADE WORKS) must sound alike throughout.
    spoken = cand["way"].eq("spoken").to_numpy() & cand["gen"].ne("").to_numpy()
    if spoken.any():
        inner = _ratio(cand["inner"].to_numpy()[spoken], cand["inner_t"].to_numpy()[spoken])
        bare = pd.isna(cand["inner"].to_numpy()[spoken])
        inner = np.where(bare, np.where(score[spoken] >= WHOLE_RATIO, 100.0, 0.0), inner)
        score[spoken] = np.minimum(score[spoken], inner)
    # a short skeleton (two consonants) says little: the spellings must be equal
    skel_len = np.array(
        [len(str(v).partition("|")[0]) for v in _objects(cand["value"])], dtype=np.int64
    )
    short = sound & (skel_len < _min_skeleton(cand))
    ok &= ~short | (score >= 100.0)
    ok &= ~(relaxed & sound) | (score >= RELAXED_RATIO)
    ok &= ~cand["near"].to_numpy(dtype=bool) | (score >= NEAR_RATIO)
    return cand.assign(score=score)[ok & (score >= MIN_SOUND_RATIO)]


def _min_skeleton(cand: pd.DataFrame) -> np.ndarray:
    return cand["way"].map(MIN_SKELETON).fillna(0).to_numpy()


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``fuzz.ratio`` of aligned strings (0 where either is missing)."""
    a = [x if isinstance(x, str) else "" for x in a]
    b = [x if isinstance(x, str) else "" for x in b]
    out = np.asarray(process.cpdist(a, b, scorer=fuzz.ratio), dtype=float)
    return np.where([bool(x and y) for x, y in zip(a, b, strict=True)], out, 0.0)


def _agree(a: frozenset[str], b: frozenset[str], *, strict: bool = False) -> bool:
    """Domain stems agree: none on one side, or they agree (:func:`stems_agree`; with
    ``strict``, one is shared)."""
    return not a or not b or (bool(a & b) if strict else stems_agree(a, b))


def _by_domain(
    keys: pd.DataFrame, lab: np.ndarray, q: pd.DataFrame, t: pd.DataFrame
) -> pd.DataFrame:
    """Candidate pairs whose query name spells the stem of the target group's domain.

    A stem that only starts the distinctive words of a name of its own group
    (``towa.co.jp`` of 東和ハイシステム, ``secom.co.jp`` of セコム上信越: by letters or by
    sound) is not enough: a query spelling only the stem may be another company
    with that short name. A stem that is those words (``takei.com`` of 武井工業所) is.
    """
    stems = pd.DataFrame({"stem": keys["stem"], "lab_t": lab, "k_t": np.arange(len(keys))})
    stems = stems[keys["stem"].notna().to_numpy()].drop_duplicates(["stem", "lab_t"])
    full = q[q["way"].isin(_FULL).to_numpy()]  # a domain must spell the whole name
    full = pd.concat([full, _as_written(keys, q)], ignore_index=True)
    dom = full.merge(stems, left_on="value", right_on="stem").assign(way="domain", score=100.0)
    dom = pd.concat([dom, _written_core(keys, q, t, stems)], ignore_index=True)
    dom = dom.drop_duplicates(["k", "lab_t"])  # the whole name (first) before its core
    dom = dom[(dom["lab"] != dom["lab_t"]) & (dom["value"].str.len() >= MIN_CORE)]
    if dom.empty:
        return dom
    names = t[t["way"].eq("core").to_numpy()].groupby("lab")["value"].agg(list).to_dict()
    inner = t.dropna(subset=["inner"]).drop_duplicates(["lab", "inner"])
    said = {g: [skeleton(x) for x in v] for g, v in inner.groupby("lab")["inner"]}
    short = []
    for s, g in zip(dom["stem"].tolist(), dom["lab_t"].tolist(), strict=True):
        sk = skeleton(loose(english_sounds(s)))
        short.append(
            any(len(v) > len(s) and v.startswith(s) for v in names.get(g, ()))
            or any(len(v) > len(sk) and v.startswith(sk) for v in said.get(g, ()))
        )
    return dom[~np.array(short, dtype=bool)]


def _as_written(keys: pd.DataFrame, q: pd.DataFrame) -> pd.DataFrame:
    """The Latin query names as written (letters and digits, legal form dropped, a leading
    ``the`` too), beside their full keys: a domain is typed, not said — ``MARUFUJI SHEET
    PILING`` is ``marufujisheetpiling.co.jp``, while its ``roman`` key respells it the way
    a Japanese name is read (``marufujishetpiling``)."""
    first, at = _latin_queries(q)
    norm = keys["norm"].to_numpy(dtype=object, na_value=None)[at]
    sample = keys["sample"].to_numpy(dtype=object, na_value=None)[at]
    written = np.array(
        [
            x[3:] if _the(s) and x.startswith("the") and len(x) >= 3 + MIN_CORE else x
            for x, s in zip(norm, sample, strict=True)
        ],
        dtype=object,
    )
    return first.assign(way="written", value=written).dropna(subset=["value"])


def _written_core(
    keys: pd.DataFrame, q: pd.DataFrame, t: pd.DataFrame, stems: pd.DataFrame
) -> pd.DataFrame:
    """Partial-key domain candidates (``dcore``): the distinctive words of a Latin name as
    typed spell the stem of the other group's domain, and the generic words agree as for
    ``core`` (:func:`_generic_ok`): ``symbio pharmaceuticals`` ↔ シンバイオ製薬 at
    ``symbio.co.jp``. A name with no generic word is a full key (``domain``)."""
    first, at = _latin_queries(q)
    gen = keys["lgeneric"].fillna("").to_numpy(dtype=object)[at]
    written = keys["written"].to_numpy(dtype=object, na_value=None)[at]
    first = first.assign(way="dcore", value=written, gen=gen, score=100.0)
    placed = _without_place(first, _places(keys, at))
    first = first[(gen != "") & pd.notna(written)]
    cand = first.merge(stems, left_on="value", right_on="stem")
    if len(placed):
        placed = placed.merge(stems, left_on="value", right_on="stem")
        cand = pd.concat([cand, placed], ignore_index=True)
    if cand.empty:
        return cand
    target = t[t["way"].eq("core").to_numpy()][["lab", "k", "gen", "lat"]]
    if len(placed):  # read without its place word: compare with the place beside the words
        near = _places(keys, target["k"].to_numpy())
        gen_p = [_with_word(g, p) for g, p in zip(target["gen"], near, strict=True)]
        target = target.assign(gen_p=gen_p)
    target = target.drop(columns="k").drop_duplicates()
    target = target.rename(columns={"lab": "lab_t", "gen": "gen_t", "lat": "lat_t"})
    pair = cand.merge(target, on="lab_t")
    if len(placed):
        placed_rows = pair["placed"].fillna(False).to_numpy(dtype=bool)
        pair["gen_t"] = np.where(placed_rows, pair["gen_p"], pair["gen_t"])
        pair = pair.drop(columns=["gen_p", "placed"])
    pair = pair[_generic_ok(pair)]
    return pair.drop(columns=["gen_t", "lat_t"]).drop_duplicates(["k", "lab_t"])


def _places(keys: pd.DataFrame, at: np.ndarray) -> np.ndarray:
    """The place concepts (``japan``) of the keys at positions ``at``, as their ``sounds``
    key carries them after ``|``."""
    sounds = keys["sounds"].to_numpy(dtype=object, na_value=None)[at]
    return np.array(
        [x.partition("|")[2] if isinstance(x, str) else "" for x in sounds], dtype=object
    )


def _with_word(gen: str, word: str) -> str:
    """Generic concepts ``gen`` (``+``-joined) with ``word`` among them."""
    return "+".join(sorted({w for w in (*gen.split("+"), word) if w}))


def _without_place(first: pd.DataFrame, places: np.ndarray) -> pd.DataFrame:
    """Latin queries ending in their one place word, read without it (``Nordwind Japan`` spells
    ``nordwind.co.jp`` of ノルトヴィント・ジャパン): the place counts as a generic word, so the
    other group's name must carry it too (a parent's domain is not a subsidiary's)."""
    written = first["value"].to_numpy(dtype=object)
    keep = np.array(
        [
            bool(p) and "+" not in p and isinstance(w, str) and w.endswith(p)
            and len(w) - len(p) >= MIN_CORE
            for w, p in zip(written, places, strict=True)
        ],
        dtype=bool,
    )  # fmt: skip
    if not keep.any():
        return first.iloc[:0].assign(placed=pd.Series(dtype=bool))
    sub = first[keep]
    place = places[keep]
    return sub.assign(
        value=[w[: len(w) - len(p)] for w, p in zip(sub["value"], place, strict=True)],
        gen=[_with_word(g, p) for g, p in zip(sub["gen"], place, strict=True)],
        placed=True,
    )


def _latin_queries(q: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """One way-table row per Latin query key, and those keys' positions."""
    first = q[q["lat"].to_numpy(dtype=bool)].drop_duplicates("k")
    return first, first["k"].to_numpy()


def _the(name: object) -> bool:
    """The name starts with the English article (``The Hanshin Diesel Works``)."""
    return isinstance(name, str) and name.strip()[:4].lower() == "the "


def _explained(
    keys: pd.DataFrame, lab: np.ndarray, q: pd.DataFrame, ways: pd.DataFrame, mixed: np.ndarray
) -> np.ndarray:
    """Per group: one of its Latin names is said by a Japanese name of its own group, in any
    way :func:`link_across` compares names by their keys (read, translated, by its
    distinctive words or its sound: ``TOSOH`` beside 東ソー on one corporate number has
    nothing to look for elsewhere; a reading the dictionary does not give first is asked
    later, :func:`_read_at_home`). Only the groups of ``mixed`` are looked at.

    A group whose Japanese names do not say its Latin name (``FUJITA KANKO`` beside the
    misspelt 藤観光 on one number) may look for the group that does (藤田観光).
    """
    n = int(lab.max()) + 1 if len(lab) else 0
    out = np.zeros(n, dtype=bool)
    asked = q[mixed[q["lab"].to_numpy()]]
    if asked.empty:
        return out
    wk = ways["k"].to_numpy()
    named = keys["norm"].notna().to_numpy() & ~keys["latin"].to_numpy(dtype=bool)
    named &= mixed[lab]
    own = ways[named[wk]]
    own = own.assign(lab=lab[own["k"].to_numpy()])[["lab", "way", "value"]].drop_duplicates()
    said = asked.merge(own, on=["lab", "way", "value"])
    out[said["lab"].to_numpy(dtype=np.int64)] = True
    return out


def _read_at_home(keys: pd.DataFrame, lab: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Of ``groups`` (each with a Latin and a Japanese name, about to move), those whose Latin
    name is a reading of their own Japanese name that the dictionary does not give first
    (``DAIMATSU`` beside 大松産業): said after all, they stay. Asked only of the few groups
    that found somewhere to go."""
    inside = np.isin(lab, groups) & keys["norm"].notna().to_numpy()
    latin = keys["latin"].to_numpy(dtype=bool)
    read = reading_candidates(
        keys, lab, np.flatnonzero(inside & latin), np.flatnonzero(inside & ~latin)
    )
    home = read["lab"].to_numpy() == read["lab_t"].to_numpy()
    return np.unique(read["lab"].to_numpy()[home])


def _two_registrations(keys: pd.DataFrame, lab: np.ndarray, ok: pd.DataFrame) -> np.ndarray:
    """Candidates between a Latin name written with a Japanese legal form
    (``ＤＡＩＫＥＮ株式会社``: the name a company registered in letters) and a group whose
    registered name is in Japanese script (``株式会社ダイケン``): two registrations, two
    companies, however alike they read."""
    n = int(lab.max()) + 1 if len(lab) else 0
    formal = keys["form"].to_numpy() > 0
    latin = keys["latin"].to_numpy(dtype=bool)
    named = keys["norm"].notna().to_numpy()
    in_latin = np.bincount(lab, weights=formal & latin & named, minlength=n) > 0
    in_japanese = np.bincount(lab, weights=formal & ~latin & named, minlength=n) > 0
    g, h = ok["lab"].to_numpy(dtype=np.int64), ok["lab_t"].to_numpy(dtype=np.int64)
    return in_latin[g] & in_japanese[h]


def evidence_conflict(
    keys: pd.DataFrame, lab: np.ndarray, pairs: pd.DataFrame, *, strict: bool = False
) -> np.ndarray:
    """Pairs of groups whose evidence conflicts: two corporate numbers, or domains that disagree.

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys with ``corp`` and ``stem``.
    lab : numpy.ndarray
        Group of each key.
    pairs : pandas.DataFrame
        ``lab, lab_t``: the two groups of each pair.
    strict : bool
        Domain stems agree only when one is shared: a stem that extends the other
        (``sanwadenkiind`` of sanwa-denki-ind.co.jp and ``sanwadenki``) is another
        company's for a match on the name alone (QA-K: 三和電器 and 三和電機, one kanji
        apart). Without it a stem may extend the other (a group company's domain).

    Returns
    -------
    numpy.ndarray of bool
        One per pair: ``True`` when the two groups carry different corporate
        numbers or domain stems that disagree (:func:`stems_agree`).
    """
    inside = np.isin(lab, np.union1d(pairs["lab"].to_numpy(), pairs["lab_t"].to_numpy()))
    corps = _sets(keys["corp"][inside], lab[inside])
    stem_sets = _sets(keys["stem"][inside], lab[inside])
    g_all, h_all = pairs["lab"].to_numpy(dtype=np.int64), pairs["lab_t"].to_numpy(dtype=np.int64)
    out = np.zeros(len(g_all), dtype=bool)
    if not len(g_all):
        return out
    # only two groups that both carry a number, or both a stem, can disagree
    size = int(max(g_all.max(), h_all.max(), lab.max() if len(lab) else 0)) + 1
    has_corp, has_stem = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    has_corp[list(corps)] = True
    has_stem[list(stem_sets)] = True
    both = (has_corp[g_all] & has_corp[h_all]) | (has_stem[g_all] & has_stem[h_all])
    none: frozenset[str] = frozenset()
    seen: dict[tuple[int, int], bool] = {}
    for i, g, h in zip(
        np.flatnonzero(both).tolist(), g_all[both].tolist(), h_all[both].tolist(), strict=True
    ):
        hit = seen.get((g, h))
        if hit is None:
            hit = seen[(g, h)] = bool(
                corps.get(g, none) and corps.get(h, none) and not corps[g] & corps[h]
            ) or not _agree(stem_sets.get(g, none), stem_sets.get(h, none), strict=strict)
        out[i] = hit
    return out


def _drop_bare_domains(ok: pd.DataFrame) -> pd.DataFrame:
    """A domain whose group's names the query matches in no way yields to a group whose
    name it spells or sounds like (:data:`WHOLE_RATIO`): ``AOHATA`` goes to アヲハタ,
    not to the misspelt アタヲ that carries ``aohata.co.jp`` (the name is the stronger
    evidence)."""
    by_name = ok[~ok["way"].isin(_DOMAIN).to_numpy()]
    named = set(zip(by_name["lab"].tolist(), by_name["lab_t"].tolist(), strict=True))
    full = set(by_name.loc[by_name["score"].to_numpy() >= WHOLE_RATIO, "lab"].tolist())
    bare = np.array(
        [
            w in _DOMAIN and g in full and (g, h) not in named
            for w, g, h in zip(
                ok["way"].tolist(), ok["lab"].tolist(), ok["lab_t"].tolist(), strict=True
            )
        ],
        dtype=bool,
    )
    return ok[~bare]


def _literal(ok: pd.DataFrame, claims: pd.DataFrame | None = None) -> pd.Series:
    """The target of each query group of the full-key tier that is the only group whose name
    it spells as it is read, when no other group is found by a domain: ``Fuji Nihon`` is
    フジ日本 (at fujinihon.co.jp), not ``FUJIジャパン``, which only translates to the same
    words. A domain is no such spelling (``daido.co.jp`` may abbreviate another name).
    ``claims``: the ``lab, lab_t`` of every domain candidate, also those filtered out of
    ``ok`` (a group that may link by whole names only); ``ok``'s own when not given.

    Returns
    -------
    pandas.Series
        ``lab_t`` indexed by the query group (``lab``), for the groups the rule decides.
    """
    full = ok[ok["tier"].to_numpy() == 0]
    spelt = full[full["way"].eq("roman").to_numpy()][["lab", "lab_t"]].drop_duplicates()
    one = spelt.drop_duplicates("lab", keep=False)  # a single group spelled
    if claims is None:  # else every domain candidate, those dropped since included
        claims = full[full["way"].isin(_DOMAIN).to_numpy()][["lab", "lab_t"]]
    other = claims.drop_duplicates().merge(one, on="lab", suffixes=("", "_r"))
    other = other[other["lab_t"].to_numpy() != other["lab_t_r"].to_numpy()]
    one = one[~one["lab"].isin(other["lab"]).to_numpy()]
    return one.set_index("lab")["lab_t"]


def _in_cycles(moves: pd.DataFrame) -> np.ndarray:
    """Moves on a cycle (A chose B and B chose A, or longer): groups with a Latin name their
    Japanese names do not say may choose each other. None of them moves, rather than their
    labels turning round while a group that followed one lands in another company."""
    target = dict(zip(moves.index.tolist(), moves["lab_t"].tolist(), strict=True))
    cyclic: set[int] = set()
    for g in target:
        path: list[int] = []
        x = g
        while x in target and x not in path and x not in cyclic:
            path.append(x)
            x = target[x]
        if x in path:
            cyclic.update(path[path.index(x) :])
    return moves.index.isin(list(cyclic))


def _choose(
    ok: pd.DataFrame, claims: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(moves, ambiguous)``: per query group its one target (best tier; among sound
    matches the best by :data:`SOUND_MARGIN`; among full keys the one spelled as read,
    :func:`_literal`), and the candidates of the others.

    A domain is often an abbreviation that a company of a longer name holds too
    (``jtec.co.jp`` of ジェイテックコーポレーション): a group found only by a domain
    whose name sounds like another group's (:data:`WHOLE_RATIO`) is ambiguous.
    """
    ok = _drop_bare_domains(ok)
    best_tier = ok.groupby("lab")["tier"].transform("min").to_numpy()
    by_domain = ok[ok["way"].eq("domain").to_numpy() & (best_tier == 0)][["lab", "lab_t"]]
    exact = ok[(ok["tier"].to_numpy() == 1) & (ok["score"].to_numpy() >= WHOLE_RATIO)]
    rival = exact.merge(by_domain.drop_duplicates(), on="lab", suffixes=("", "_d"))
    rival = rival[rival["lab_t"].to_numpy() != rival["lab_t_d"].to_numpy()]
    full = ok[ok["tier"].to_numpy() == 0]
    named = full[full["way"].ne("domain").to_numpy()][["lab", "lab_t"]].drop_duplicates()
    # not found by this query's name (another query's name says nothing of this one)
    found = pd.MultiIndex.from_frame(named)
    only_domain = ~pd.MultiIndex.from_arrays([rival["lab"], rival["lab_t_d"]]).isin(found)
    # ... unless the domain's group also sounds like the query, clearly better than the rival
    best = exact[~exact["way"].isin(_DOMAIN).to_numpy()].groupby(["lab", "lab_t"])["score"].max()
    said = best.reindex(pd.MultiIndex.from_arrays([rival["lab"], rival["lab_t_d"]]))
    clear = said.fillna(-np.inf).to_numpy() >= rival["score"].to_numpy() + SOUND_MARGIN
    contested = rival.loc[only_domain & ~clear, ["lab", "lab_t"]]
    ok = ok[best_tier == ok["tier"].to_numpy()]
    ok = pd.concat([ok, contested.merge(exact, on=["lab", "lab_t"])], ignore_index=True)
    # a whole name that sounds alike (``spoken``) beats distinctive words alone
    # (``ORIX`` is オリックス, not オリックス銀行): the margin of a sound match
    whole = ok["way"].eq("spoken").to_numpy() & (ok["score"].to_numpy() >= WHOLE_RATIO)
    ok = ok.assign(bonus=np.where(whole, SOUND_MARGIN, 0.0))
    per = ok.groupby(["lab", "lab_t"], sort=False).agg(score=("score", "max"), b=("bonus", "max"))
    per = per.assign(score=per["score"] + per["b"]).drop(columns="b").reset_index()
    per = per.sort_values(["lab", "score"], ascending=[True, False], kind="stable")
    first = per.drop_duplicates("lab").set_index("lab")
    second = per[per.duplicated("lab")].drop_duplicates("lab").set_index("lab")["score"]
    lead = first["score"] - second.reindex(first.index).fillna(-np.inf)
    tier = ok.groupby("lab")["tier"].min().reindex(first.index)
    literal = _literal(ok, claims)
    first.loc[literal.index, "lab_t"] = literal.to_numpy()
    chosen = first.index[
        (lead == np.inf) | ((tier == 1) & (lead >= SOUND_MARGIN)) | first.index.isin(literal.index)
    ]
    best = ok.merge(first.loc[chosen, ["lab_t"]].reset_index(), on=["lab", "lab_t"])
    best = best.assign(c=best["way"].map(CONFIDENCE).to_numpy(dtype=float))
    moves = best.sort_values("c", ascending=False, kind="stable").drop_duplicates("lab")
    amb = ok[~ok["lab"].isin(chosen).to_numpy()].drop_duplicates(["lab", "lab_t"])
    return moves.set_index("lab"), amb


def link_across(
    keys: pd.DataFrame,
    lab: np.ndarray,
    rule: np.ndarray,
    conf: np.ndarray,
    *,
    use: np.ndarray,
    ways: pd.DataFrame | None = None,
    targets: np.ndarray | None = None,
) -> Across:
    """Link Latin-only groups (and groups whose Japanese names do not say their Latin
    name, see the module docstring) to the one group they match across scripts.

    Parameters
    ----------
    keys : pandas.DataFrame
        Keys from :func:`abm.resolve.keys.build_keys` (``roman, concept,
        lcore, lgeneric, sounds, spoken, written, latin, corp, stem, norm, sample, form,
        rows``).
    lab, rule, conf : numpy.ndarray
        Label, match rule and confidence of every key (not modified).
    use : numpy.ndarray of bool
        Keys that may be moved (keys already joined by a review decision or
        other strong evidence may still be targets).
    ways : pandas.DataFrame, optional
        :func:`way_table` of ``keys`` (computed when not given).
    targets : numpy.ndarray of bool, optional
        Keys that may be targets (all Japanese-named keys when not given).

    Returns
    -------
    Across
        Copies of ``lab``, ``rule``, ``conf`` with the links applied, and
        review pairs (``a, b, score, reason``) for names that match several
        groups.
    """
    lab, rule, conf = lab.copy(), rule.copy(), conf.copy()
    named = keys["norm"].notna().to_numpy()
    latin = keys["latin"].to_numpy(dtype=bool) & named
    n = int(lab.max()) + 1 if len(lab) else 0
    has_ja = np.bincount(lab, weights=named & ~latin, minlength=n) > 0
    has_latin = np.bincount(lab, weights=latin, minlength=n) > 0
    can_move = np.bincount(lab, weights=~use, minlength=n) == 0
    query_g = has_latin & can_move
    q_rows = np.flatnonzero(latin & query_g[lab])
    if not len(q_rows):
        return Across(lab, rule, conf, _EMPTY)
    ways = way_table(keys) if ways is None else ways
    wk = ways["k"].to_numpy()
    q = ways[np.isin(wk, q_rows)].assign(lab=lab[wk[np.isin(wk, q_rows)]])
    t_rows = np.flatnonzero(named & has_ja[lab] & (True if targets is None else targets))
    t = ways[np.isin(wk, t_rows)].assign(lab=lab[wk[np.isin(wk, t_rows)]])
    # a group that also has a Japanese name looks only for a Latin name that name does not say
    # (by its romaji or translated words only: below, such a group links by them alone)
    # (a group with a domain of its own is left to be found: by a domain its other half
    # spells, and any other domain would veto the link)
    stemmed = np.bincount(lab, weights=keys["stem"].notna().to_numpy(), minlength=n) > 0
    ask = ~has_ja | (~stemmed & ~_explained(keys, lab, q, ways, has_ja & ~stemmed & query_g))
    mixed = has_ja[q["lab"].to_numpy()]
    whole = q[ask[q["lab"].to_numpy()] & mixed & q["way"].isin(_FULL).to_numpy()]
    whole = whole.drop_duplicates(["lab", "way", "value"])  # one key of a group says it
    q = pd.concat([q[~mixed], whole])
    q_rows = q_rows[ask[lab[q_rows]]]
    if not len(q_rows):
        return Across(lab, rule, conf, _EMPTY)
    cols = ["lab", "k", "way", "lab_t", "k_t", "score"]
    cand = pd.concat([_by_name(q, t)[cols], _by_domain(keys, lab, q, t)[cols]], ignore_index=True)
    # Latin-only groups that matched nothing else
    rest = q_rows[~np.isin(lab[q_rows], cand["lab"].to_numpy()) & ~has_ja[lab[q_rows]]]
    cand = pd.concat([cand, reading_candidates(keys, lab, rest, t_rows)], ignore_index=True)
    if cand.empty:
        return Across(lab, rule, conf, _EMPTY)
    pairs = cand[["lab", "lab_t"]].drop_duplicates()
    # a name read or translated is a match on the name alone: two domains must share a stem.
    # One that only extends the other is another company's (QA-M: ``Futaba Corporation`` at
    # futaba.com is not フタバ産業 at futabaind.co.jp — its name has no 産業, its domain no ind)
    conflict = evidence_conflict(keys, lab, pairs, strict=True)
    ok = cand.merge(pairs[~conflict], on=["lab", "lab_t"])
    ok = ok[~_two_registrations(keys, lab, ok)]
    moving = np.unique(ok["lab"].to_numpy())
    moving = moving[has_ja[moving]]
    if len(moving):
        ok = ok[~ok["lab"].isin(_read_at_home(keys, lab, moving)).to_numpy()]
    ok = ok.assign(tier=ok["way"].map(TIER).to_numpy(dtype=np.int8))
    claims = ok[ok["way"].isin(_DOMAIN).to_numpy()][["lab", "lab_t"]].drop_duplicates()
    formal = np.bincount(lab, weights=keys["form"].to_numpy() > 0, minlength=n) > 0
    formal |= has_ja  # a group that also has a Japanese name: by romaji or translation only
    ok = ok[ok["way"].isin(_FULL).to_numpy() | ~formal[ok["lab"].to_numpy()]]
    if ok.empty:
        return Across(lab, rule, conf, _EMPTY)
    moves, amb = _choose(ok, claims)
    moves = moves[~_in_cycles(moves)]
    remap = np.arange(n)
    remap[moves.index.to_numpy()] = moves["lab_t"].to_numpy()
    for _ in range(3):  # a target that moved itself (domain of another Latin group): follow it
        remap = remap[remap]
    moved = remap[lab] != lab
    by_name = ~moves["way"].isin(_DOMAIN).reindex(lab[moved]).to_numpy(dtype=bool)
    rule[moved] = np.where(by_name, "reading_name", "domain_name")
    conf[moved] = moves["c"].reindex(lab[moved]).to_numpy(dtype=float)
    review = pd.DataFrame(
        {
            "a": amb["k"].to_numpy(dtype=np.int64),
            "b": amb["k_t"].to_numpy(dtype=np.int64),
            "score": 100.0,
            "reason": "ambiguous_reading",
        }
    )
    return Across(remap[lab], rule, conf, review if len(review) else _EMPTY)
