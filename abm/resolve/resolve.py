"""名寄せ: one account per real company, every merge explained.

Pipeline (named stages, as in Splink/recordlinkage): rows → distinct evidence
keys (:mod:`abm.resolve.keys`) → blocked fuzzy candidate pairs
(:mod:`abm.resolve.block`) → guarded clustering (:mod:`abm.resolve.cluster`)
→ review decisions (:mod:`abm.resolve.review`) → map back to rows.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Annotated, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.config import Config, Spec
from abm.core.keys import company_key
from abm.errors import MoriError
from abm.progress import Progress, ProgressFn
from abm.resolve import vocab
from abm.resolve.cluster import cluster_keys
from abm.resolve.keys import build_keys
from abm.resolve.normalise import without_site
from abm.resolve.registry import match_registry
from abm.resolve.review import ReviewDecisions, apply_decisions

__all__ = [
    "ID_EVIDENCE",
    "MATCH_RULES",
    "MAX_WORKERS",
    "REVIEW_REASONS",
    "Resolution",
    "ResolveConfig",
    "account_ids",
    "resolve",
    "resolve_accounts",
    "review_queue",
    "spelling_formality",
]

#: Values of ``match_rule``, strongest evidence first.
MATCH_RULES: tuple[str, ...] = (
    "manual",
    "corporate_number",
    "email_domain",
    "exact_name",
    "reading_name",
    "domain_name",
    "fuzzy_name",
    "singleton",
    "crm_account",
    "no_company",
)

#: Why a pair is in the review queue: ``ambiguous_name`` (an exact name carried
#: by several companies), ``ambiguous_reading`` (an English or romaji name that
#: matches several companies), ``weak_score``, ``short_name``,
#: ``digit_conflict``, ``distinct_character`` (a different kanji, kana or Latin
#: letter stands in the name), ``generic_word_conflict``,
#: ``legal_form_conflict``, ``ambiguous_match`` (another company scores as high).
REVIEW_REASONS: tuple[str, ...] = (
    "ambiguous_name", "ambiguous_reading", "weak_score", "short_name", "digit_conflict",
    "distinct_character", "generic_word_conflict", "legal_form_conflict", "ambiguous_match",
)  # fmt: skip

ACCOUNT_COLUMNS = (
    "account_id", "account_name", "leads", "names", "domain", "domains",
    "corporate_number", "weakest_rule", "min_confidence",
)  # fmt: skip

#: Most RapidFuzz threads a settings file may ask for; a larger number is refused
#: (``workers: 1000`` started 1,021 threads). The app also never runs more than
#: the machine's cores: :mod:`abm.ui.state` lowers the count to ``os.cpu_count()``.
MAX_WORKERS = 32

_Percent = Annotated[float, Spec(min=0, max=100)]

REVIEW_COLUMNS = (
    "key_a", "key_b", "company_a", "company_b", "reading_a", "reading_b", "domain_a", "domain_b",
    "corporate_number_a", "corporate_number_b", "rows_a", "rows_b",
    "account_a", "account_b", "score", "reason",
)  # fmt: skip


@dataclass(frozen=True)
class ResolveConfig(Config):
    """Settings of the matcher.

    Parameters
    ----------
    threshold : float
        Lowest ``fuzz.ratio`` (0–100) of two core names for an automatic
        fuzzy merge. Higher merges less.
    review_threshold : float
        Lowest score for a pair to be shown for review.
    min_core_len : int
        Core names shorter than this never merge on a fuzzy score.
    margin : float
        A fuzzy merge needs its best account to beat every other by more
        than this many points.
    shared_domain_min_names, shared_domain_top_share
        A domain used by at least this many distinct names, none of which
        holds this share of its rows, is a shared (ISP/portal) domain and not
        evidence.
    use_domain, use_corporate_number : bool
        Use email/website domains and corporate numbers as evidence.
    extra_free_mail : tuple of str
        Additional free-mail domains.
    workers : int
        Threads for RapidFuzz (1 to :data:`MAX_WORKERS`), and processes that share the
        distinct names' normalisation and readings at a large load (where the process
        may fork: :func:`abm.core.parallel.map_split`).
    """

    threshold: _Percent = 88.0
    review_threshold: _Percent = 80.0
    min_core_len: Annotated[int, Spec(min=0, max=100)] = 4
    margin: _Percent = 2.0
    shared_domain_min_names: Annotated[int, Spec(min=1, max=1_000_000)] = 5
    shared_domain_top_share: Annotated[float, Spec(min=0, max=1)] = 0.5
    use_domain: bool = True
    use_corporate_number: bool = True
    extra_free_mail: tuple[Annotated[str, Spec(max_len=253)], ...] = ()
    workers: Annotated[int, Spec(min=1, max=MAX_WORKERS)] = 2

    SECTION = "matching"

    def __post_init__(self) -> None:
        # domains compare lower-case (build_keys matches them as given)
        lowered = tuple(d.lower() for d in self.extra_free_mail)
        if lowered != self.extra_free_mail:
            object.__setattr__(self, "extra_free_mail", lowered)


def no_named() -> pd.DataFrame:
    """No other file's name joined an account (:attr:`Resolution.named`, empty)."""
    return pd.DataFrame(
        {"company": pd.Series(dtype="string"), "account_id": pd.Series(dtype="string")}
    )


@dataclass(frozen=True)
class Resolution:
    """Result of :func:`resolve`.

    Attributes
    ----------
    leads : pandas.DataFrame
        Input rows (same index) plus ``account_id, account_name, match_rule,
        match_confidence, corporate_number_valid, resolve_key``.
    accounts : pandas.DataFrame
        One row per account: ``account_id, account_name, leads`` (rows),
        ``names`` (distinct spellings of the company, as written), ``domain`` (main evidence
        domain), ``domains`` (how many), ``corporate_number``,
        ``weakest_rule``, ``min_confidence``.
    review : pandas.DataFrame
        Pairs to review with evidence side by side (:data:`REVIEW_COLUMNS`).
    named : pandas.DataFrame
        The names other files gave (``named`` of :func:`resolve`) that joined a lead's
        account: ``company`` (as given), ``account_id``.
    """

    leads: pd.DataFrame
    accounts: pd.DataFrame
    review: pd.DataFrame
    named: pd.DataFrame = field(default_factory=no_named)


def _explain_anchors(lab: np.ndarray, rule: np.ndarray, conf: np.ndarray) -> None:
    """A key marked singleton whose account holds other keys takes the rule of
    the strongest other key (the evidence that joined them), in place."""
    rank = pd.Series([MATCH_RULES.index(r) for r in rule])
    single = rank.to_numpy() == MATCH_RULES.index("singleton")
    multi = np.bincount(lab)[lab] > 1
    fix = single & multi
    if not fix.any():
        return
    best = rank[~single].groupby(lab[~single]).min()
    bconf = pd.Series(conf[~single]).groupby(lab[~single]).max()
    tgt = lab[fix]
    rule[fix] = [MATCH_RULES[i] for i in best.reindex(tgt).to_numpy()]
    conf[fix] = bconf.reindex(tgt).to_numpy()


def _hash(text: str) -> str:
    return "acc_" + hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


#: The evidence an account's id is made of, most durable first (:func:`account_ids`): a
#: valid corporate number, a corporate e-mail or web domain, a CRM account id, the
#: normalised name. ``key`` (the account's own largest evidence key, which no other
#: account holds) is the last resort of an account whose every other evidence names
#: another account's id already.
ID_EVIDENCE: tuple[str, ...] = ("corp", "dom", "crm", "name", "key")


def _crm_column(leads: pd.DataFrame) -> np.ndarray | None:
    """Each row's CRM account id (``crm_account_id``, stripped; ``None`` when blank)."""
    if "crm_account_id" not in leads.columns:
        return None
    crm = leads["crm_account_id"].astype("string").str.strip().replace("", pd.NA)
    return crm.to_numpy(dtype=object, na_value=None)


def _sorted_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` in the values' sorted order (-1: missing) and the
    distinct values: a hash factorisation, then Arrow sorts the distinct strings (numpy's
    sort of Python strings took seconds at a million keys)."""
    codes, uniq = pd.factorize(pd.Series(values, dtype=object))
    uniq = np.asarray(uniq, dtype=object)
    order = pc.sort_indices(pa.array([str(u) for u in uniq.tolist()], pa.large_string()))
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[order.to_numpy()] = np.arange(len(uniq))
    out = np.where(codes >= 0, np.append(rank, -1)[codes], -1)
    sorted_uniq = np.empty(len(uniq), dtype=object)
    sorted_uniq[rank] = uniq
    return out, sorted_uniq


def _top_per_account(labs: np.ndarray, values: np.ndarray, rows: np.ndarray) -> pd.DataFrame:
    """Per account, the value most rows carry (ties: the smallest): ``lab, value, w``.

    Integer codes throughout (the values factorised in sorted order, so the smallest
    value is the smallest code): a million keys' strings are never sorted as objects."""
    codes, uniq = _sorted_codes(values)
    ok = codes >= 0
    f = pd.DataFrame({"lab": np.asarray(labs)[ok], "code": codes[ok], "w": np.asarray(rows)[ok]})
    f = f.groupby(["lab", "code"], sort=False, as_index=False)["w"].sum()
    f = f.sort_values(["lab", "w", "code"], ascending=[True, False, True], kind="stable")
    f = f.drop_duplicates("lab")
    return pd.DataFrame(
        {
            "lab": f["lab"].to_numpy(dtype=np.int64),
            "value": np.asarray(uniq, dtype=object)[f["code"].to_numpy()],
            "w": f["w"].to_numpy(dtype=np.int64),
        }
    )


def account_ids(
    keys: pd.DataFrame,
    lab: np.ndarray,
    row_lab: np.ndarray,
    crm: np.ndarray | None = None,
) -> np.ndarray:
    """Each account's id, from its most durable evidence (:data:`ID_EVIDENCE`).

    QA-R: the id was a hash of the key most rows carried, so a new contact typing another
    spelling (菱和電機 2 → 4 people) or a rename (株式会社豊橋精密工業 → 株式会社ニューテック豊橋,
    same domain, same people) gave the company another id next month: 13 of 450 accounts,
    a bookmarked account page opened another company. The id is now made of, in order:
    the valid corporate number its rows carry; else its corporate e-mail or web domain
    (free mail and shared domains are no evidence already: :func:`abm.resolve.keys.build_keys`);
    else the CRM account id its rows carry; else its normalised name (legal form, width
    and spacing folded: the key 名寄せ compares). Within a kind the value most rows carry
    wins, ties to the smallest value, so the id never depends on row order.

    Two accounts may name one value (two companies of one name, one domain a review
    decision split): the account with most rows carrying it keeps it (then the most rows
    in all, then the smallest own key); the other takes its next evidence, at last its
    own largest key (``key``), which no other account holds.

    Parameters
    ----------
    keys : pandas.DataFrame
        :func:`abm.resolve.keys.build_keys`' keys (``norm, dom, corp, form, dkey, rows``).
    lab : numpy.ndarray
        The account (0..n-1) of each key.
    row_lab : numpy.ndarray
        The account of each row (-1: none), for ``crm``.
    crm : numpy.ndarray, optional
        Each row's CRM account id (``None`` where blank).

    Returns
    -------
    numpy.ndarray
        ``acc_`` + 12 hex digits per account (object).
    """
    n = int(lab.max()) + 1 if len(lab) else 0
    if not n:
        return np.array([], dtype=object)
    rows = keys["rows"].to_numpy(dtype=np.int64)
    full = (keys["dkey"] + "|" + keys["corp"].fillna("") + "|" + keys["form"].astype(str)).to_numpy(
        dtype=object
    )

    def col(name: str) -> np.ndarray:
        return keys[name].to_numpy(dtype=object, na_value=None)

    found = {
        "corp": _top_per_account(lab, col("corp"), rows),
        "dom": _top_per_account(lab, col("dom"), rows),
        "name": _top_per_account(lab, col("norm"), rows),
        "key": _top_per_account(lab, full, rows),  # keys are disjoint: never shared
    }
    if crm is not None:
        on = (row_lab >= 0) & pd.notna(crm)
        found["crm"] = _top_per_account(row_lab[on], crm[on], np.ones(int(on.sum()), np.int64))
    total = np.bincount(lab, weights=rows, minlength=n)
    own = found["key"].set_index("lab")["value"].reindex(np.arange(n)).to_numpy(dtype=object)
    own_rank = _sorted_codes(own)[0]  # unique per account
    cand = pd.concat(
        [f.assign(rank=ID_EVIDENCE.index(kind), value=kind + "|" + f["value"].astype(str))
         for kind, f in found.items() if len(f)],
        ignore_index=True,
    )  # fmt: skip
    cand = cand.sort_values(["lab", "rank"], kind="stable", ignore_index=True)
    c_lab = cand["lab"].to_numpy(dtype=np.int64)
    c_w = cand["w"].to_numpy(dtype=np.int64)
    c_pos = cand.groupby("lab").cumcount().to_numpy(dtype=np.int64)
    c_code, c_values = pd.factorize(cand["value"])
    chosen = np.full(n, -1, dtype=np.int64)  # a code of c_values
    step = np.zeros(n, dtype=np.int64)
    taken = np.zeros(len(c_values), dtype=bool)
    for _ in ID_EVIDENCE:
        pending = chosen < 0
        if not pending.any():
            break
        prop = np.flatnonzero(pending[c_lab] & (c_pos == step[c_lab]))
        free = prop[~taken[c_code[prop]]]
        pl = c_lab[free]
        # per value: most rows carrying it, then most rows in all, then the smallest own key
        order = np.lexsort((own_rank[pl], -total[pl], -c_w[free], c_code[free]))
        first = np.unique(c_code[free][order], return_index=True)[1]
        won = free[order[first]]
        chosen[c_lab[won]] = c_code[won]
        taken[c_code[won]] = True
        step[c_lab[prop]] += 1  # the others try their next evidence
    values = np.asarray(c_values, dtype=object)
    out = np.where(chosen >= 0, values[np.maximum(chosen, 0)], None)
    left = chosen < 0  # never: an account's own key is no other's
    out[left] = ["key|" + str(v) for v in own[left]]
    return np.array([_hash(v) for v in out], dtype=object)


def resolve(
    leads: pd.DataFrame,
    *,
    config: ResolveConfig = ResolveConfig(),
    decisions: ReviewDecisions | None = None,
    progress: ProgressFn | None = None,
    registry: pd.DataFrame | None = None,
    analysis: pd.DataFrame | None = None,
    named: pd.Series | None = None,
) -> Resolution:
    """Resolve leads to accounts; see :func:`resolve_accounts`.

    ``progress`` hears the steps ``match_keys`` and ``match_names``
    (:mod:`abm.progress`). ``registry`` (:func:`abm.resolve.read_registry`)
    is matched first (:func:`abm.resolve.match_registry`): its numbers become
    evidence and its columns are kept on the leads. Leads that already carry
    the registry columns are used as they are. ``analysis``: the company names'
    analysis when already made (:func:`abm.resolve.normalise.analyse_distinct`).
    ``named``: company names other files give (an opportunity's account name) where no
    lead's name is spelled alike; they are matched beside the leads' names, each as one
    record with its name alone, and :attr:`Resolution.named` says which account each joined
    (``Nordwind Japan K.K.`` → the leads' ノルトヴィント・ジャパン). They add no rows, never
    choose an account's id or name, and a group of such names alone is no account: the
    leads are resolved first, alone, and the names matched in a second pass
    (:func:`_match_named`) that changes nothing of the leads' result.

    Returns
    -------
    Resolution
    """
    if "company" not in leads.columns and "email" not in leads.columns:
        raise MoriError("resolve.err.no_company", column="company")
    if registry is not None:
        leads = match_registry(leads, registry)
    report = Progress(progress)
    with report.step("match_keys", len(leads)):
        row_key, keys, ev = _keys(leads, config, analysis)
    if len(keys):
        with report.step("match_names", len(keys)) as tick:
            lab, rule, conf, pairs = _cluster(keys, config, tick)
        lab = apply_decisions(keys["dkey"], lab, rule, conf, decisions or ReviewDecisions())
        lab = pd.factorize(lab)[0]
        _explain_anchors(lab, rule, conf)
    else:
        lab, rule, conf = np.array([], np.int64), np.array([], object), np.array([])
        pairs = pd.DataFrame({"a": [], "b": [], "score": [], "reason": []})

    # Account ids from the account's most durable evidence (:func:`account_ids`); names
    # from the commonest spelling, its legal-form notations, widths and spaces pooled
    # (:func:`_display_names`).
    n_acc = int(lab.max()) + 1 if len(lab) else 0
    has = row_key >= 0
    row_lab = np.where(has, lab[np.maximum(row_key, 0)] if len(lab) else -1, -1)
    acc_ids = account_ids(keys, lab, row_lab, _crm_column(leads))
    comp = ev["company_code"].to_numpy()
    weight = (
        leads["merged_rows"].to_numpy(dtype=np.float64, na_value=1.0)
        if "merged_rows" in leads.columns
        else np.ones(len(leads))
    )  # a person stands for the rows merged into it
    counts = pd.DataFrame({"lab": row_lab, "c": comp, "w": weight})[has & (comp >= 0)]
    counts = counts.groupby(["lab", "c"], sort=False)["w"].sum().reset_index()
    spelled = ev.attrs["companies"].to_numpy(dtype=object)
    top = _display_names(
        counts["lab"].to_numpy(), spelled[counts["c"].to_numpy()], counts["w"].to_numpy()
    )
    acc_names = np.full(n_acc, None, dtype=object)
    acc_names[top.index.to_numpy()] = top.to_numpy(dtype=object)

    out = leads.copy()
    idx = np.maximum(row_lab, 0)
    no_key = ~has
    aid = acc_ids[idx] if n_acc else np.full(len(leads), None, dtype=object)
    aid = np.asarray(aid, dtype=object).copy()
    aid[no_key] = None  # no company, corporate domain or number: no account to invent
    names_out = acc_names[idx] if n_acc else np.full(len(leads), None, dtype=object)
    names_out = np.asarray(names_out, dtype=object).copy()
    names_out[no_key] = None
    kr = np.maximum(row_key, 0)
    rules_out = np.where(has, rule[kr] if len(rule) else "singleton", "no_company").astype(object)
    conf_out = np.where(has, conf[kr] if len(conf) else 1.0, np.nan).astype(float)
    by_crm = _crm_accounts(leads, no_key, aid, names_out)
    if by_crm is not None:
        rows, ids, names = by_crm
        aid[rows], names_out[rows] = ids, names
        rules_out[rows], conf_out[rows] = "crm_account", 1.0
    out["account_id"] = pd.array(aid, dtype="string")
    out["account_name"] = pd.array(names_out, dtype="string")
    out["match_rule"] = pd.array(rules_out, dtype="string")
    out["match_confidence"] = conf_out
    out["corporate_number_valid"] = ev["corp_valid"]
    dk = np.append(keys["dkey"].to_numpy(dtype=object), None)
    out["resolve_key"] = pd.array(dk[np.where(has, row_key, -1)], dtype="string")

    accounts = (
        _accounts(
            keys,
            lab,
            rule,
            conf,
            acc_ids,
            acc_names,
            counts.groupby("lab").size().reindex(np.arange(n_acc), fill_value=0),
        )
        if n_acc
        else pd.DataFrame({c: pd.Series(dtype="string") for c in ACCOUNT_COLUMNS})
    )
    if by_crm is not None:
        accounts = _with_crm_accounts(accounts, by_crm[1])
    review = _review(keys, pairs, lab, acc_ids, decisions or ReviewDecisions())
    found = _match_named(leads, named, config, analysis, row_lab, acc_ids) if n_acc else None
    return Resolution(leads=out, accounts=accounts, review=review, named=_or_none(found))


#: Most names of other files matched beside the leads (:func:`_match_named`), and most leads.
NAMED_MAX, NAMED_MAX_LEAD_ROWS = 20_000, 300_000
#: The lead columns :func:`abm.resolve.keys.build_keys` reads.
_KEY_COLUMNS = (
    "company", "email", "domain", "corporate_number", "registry_corporate_number",
    "registry_shared",
)  # fmt: skip


def _with_named(leads: pd.DataFrame, named: pd.Series | None) -> pd.DataFrame:
    """The leads' evidence columns with one row per name of ``named`` below them."""
    if named is None or not len(named):
        return leads
    names = pd.Series(pd.unique(pd.Series(named, dtype="string").dropna()), dtype="string")
    if "company" in leads.columns:  # a name some lead spells alike is that lead's already
        names = names[~company_key(names).isin(company_key(leads["company"])).to_numpy()]
    if not len(names):
        return leads
    cols = [c for c in _KEY_COLUMNS if c in leads.columns]
    extra = pd.DataFrame({"company": names.to_numpy()})
    return pd.concat([leads[cols], extra], ignore_index=True)


_ABBREVIATED = re.compile(r"[㈱㈲㈾]|[（(][株有合資][)）]")
_FULL_FORM = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社")


_RE_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _formal(text: str) -> float:
    """How formally one spelling (NFKC, stripped) is written: :func:`spelling_formality`."""
    spaces = 0 if text.isascii() else text.count(" ") + text.count("\u3000")  # Latin has words
    shouted = text.isupper() and len(_RE_LATIN_LETTER.findall(text)) > 3
    return (
        bool(_FULL_FORM.search(text))
        - bool(_ABBREVIATED.search(text))
        - 0.1 * spaces
        - 0.05 * shouted
    )


def spelling_formality(names: np.ndarray) -> np.ndarray:
    """How formally each spelling is written (higher: more formal), to choose an account's
    name among spellings equally common: the legal form in full (株式会社, not ㈱ or (株)),
    no spaces inside a Japanese name (QA: ㈱相模精機 and 株式会社 桜井金属工業 went to a CRM
    export beside 株式会社相模精機), and Latin letters in their own case rather than all
    capitals (QA-I: ``ACME LOGISTICS, LLC`` beside ``Acme Logistics LLC``)."""
    return np.array(
        [_formal(" ".join(unicodedata.normalize("NFKC", str(n)).split())) for n in names.tolist()],
        dtype=np.float64,
    )


#: A bracketed legal form (after NFKC: ``㈱`` and ``（株）`` are ``(株)``) and the legal form
#: it abbreviates. ``(合)`` is left as written: it is 合同会社 to some and 合資会社 to others.
_SPELLED_OUT: dict[str, str] = {
    "株": "株式会社", "有": "有限会社", "同": "合同会社", "資": "合資会社", "名": "合名会社",
    "一社": "一般社団法人", "一財": "一般財団法人", "公社": "公益社団法人", "公財": "公益財団法人",
    "社": "社団法人", "財": "財団法人", "学": "学校法人", "医": "医療法人", "福": "社会福祉法人",
    "宗": "宗教法人", "特非": "特定非営利活動法人", "独": "独立行政法人",
}  # fmt: skip
_RE_BRACKETED = re.compile(r"\(\s*(" + "|".join(_SPELLED_OUT) + r")\s*\)")
_RE_OLD_FORM = re.compile(r"(株式|有限|合同|合資|合名|相互)會社")
_LEGAL_FORMS = sorted((*vocab.JA_LEGAL_FORMS, "NPO法人"), key=len, reverse=True)
_RE_LEGAL = re.compile("|".join(re.escape(f) for f in _LEGAL_FORMS))
#: How a department, plant, branch or office written after the company's name ends
#: (``栗田工業株式会社 生産本部``, ``株式会社岡本工作機械製作所 名古屋工場``).
_UNIT_ENDINGS = (
    "部", "課", "室", "係", "班", "局", "部門", "グループ", "チーム", "センター", "工場",
    "製作所", "研究所", "営業所", "事業所", "出張所", "事務所", "支店", "本店", "支社", "本社",
    "オフィス", "拠点", "ユニット",
)  # fmt: skip
#: The site words that make a trailing word a site even where no legal form shows the
#: name ended before it (``三和電機 大阪支店``).
#: Not 製作所, 研究所 or センター: words that end many companies' own names (村田 製作所
#: typed with a space is 株式会社村田製作所, not a plant of 株式会社村田: review).
_SITE_ENDINGS = ("工場", "営業所", "事業所", "出張所", "支店", "支社")
_RE_UNIT = re.compile("(?:" + "|".join(_UNIT_ENDINGS) + ")$")
_RE_SITE = re.compile(".(?:" + "|".join(_SITE_ENDINGS) + ")$")
#: Words that end with a legal form: the name ended there (``栗田工業株式会社 生産本部``).
_RE_LEGAL_LAST = re.compile("(?:" + _RE_LEGAL.pattern + ")$")
#: After a legal form written after the name, a unit typed on without a space
#: (``栗田工業株式会社生産本部``).
_RE_GLUED_UNIT = re.compile(
    "^(.+?(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS) + "))([^ ]+)$"
)
#: A space beside a Japanese legal form: a 商号 is written without one (``株式会社 TPR`` →
#: ``株式会社TPR``, ``日東工器 株式会社`` → ``日東工器株式会社``). A space between two words
#: of the name stays, one half-width space (``オムロン ヘルスケア株式会社``,
#: ``Stanley Electric Co., Ltd.``).
_RE_SPACE = re.compile(" ?(" + _RE_LEGAL.pattern + ") ?")
_RE_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")


def _without_unit(words: list[str]) -> list[str]:
    """``words`` (a name split at its spaces) without the department, plant or branch
    written after the company's name: a last word ending like one (:data:`_UNIT_ENDINGS`),
    with no legal form in it, after words that end with a legal form and hold a name —
    or a site (``大阪支店``, ``名古屋工場``: :data:`_SITE_ENDINGS`) after a name. A space typed
    inside a name (``株式会社 村田 製作所``, ``三和 電機製作所``) cuts nothing."""
    for _ in range(3):  # 栗田工業株式会社 東京支社 営業部
        if len(words) < 2 or _RE_LEGAL.search(words[-1]) or not _RE_UNIT.search(words[-1]):
            break
        rest = "".join(words[:-1])
        named = _RE_LEGAL.sub("", rest) != ""
        if not named or not (_RE_LEGAL_LAST.search(rest) or _RE_SITE.search(words[-1])):
            break
        words = words[:-1]
    return words


def _clean_spelling(name: str) -> tuple[str, str, bool, float]:
    """How one spelling of a company is shown: ``(shown, pool, japanese, formality)``.

    ``shown``: NFKC (widths), without an honorific or a site part after the name
    (:func:`abm.resolve.normalise.without_site`), a bracketed legal form spelled out where it stands
    (``YKK(株)``/``YKK㈱``/``YKK（株）`` → ``YKK株式会社``, ``(株)デンカ`` → ``株式会社デンカ``),
    no space beside a Japanese legal form (:data:`_RE_SPACE`), and a department, plant
    or branch after the name dropped (:func:`_without_unit`). ``pool``: ``shown`` without
    spaces or case, what the spellings of one name share. ``japanese``: written in kana or
    kanji. ``formality``: :func:`spelling_formality` of ``shown``.
    """
    text = without_site(name)  # 大洋ホテルズ様, 山陽精機（工場）: the company's name (QA-Q)
    written = text
    if "(" in text:
        text = _RE_BRACKETED.sub(lambda m: _SPELLED_OUT[m[1]], text)
    if "會" in text:
        text = _RE_OLD_FORM.sub(r"\1会社", text)
    if _RE_UNIT.search(text):
        if " " in text:
            text = " ".join(_without_unit(text.split(" ")))
        glued = _RE_GLUED_UNIT.match(text)  # 後株, the unit typed on: 栗田工業株式会社生産本部
        if (
            glued
            and _RE_UNIT.search(glued[2])
            and not _RE_LEGAL.search(glued[2])
            and _RE_LEGAL.sub("", glued[1])  # a name before the legal form
        ):
            text = glued[1]
    shown = (_RE_SPACE.sub(r"\1", text) if " " in text else text) or written
    pool = shown.replace(" ", "").casefold()
    japanese = bool(_RE_JAPANESE.search(shown))
    return shown, pool, japanese, _formal(shown)


def _display_names(labs: np.ndarray, spellings: np.ndarray, weights: np.ndarray) -> pd.Series:
    """Each account's name from the spellings its leads wrote (QA-M: ``YKK(株)`` for a
    company most people wrote YKK株式会社, YKK　株式会社, YKK㈱ or YKK（株）).

    Spellings are pooled by what they are once shown alike (:func:`_clean_spelling`:
    legal-form notation, width, spaces, case, a department or plant after the name); the
    name is the pool with the most rows, shown as its commonest member is. A Japanese
    spelling is preferred to a Latin one when the account has both (``スタンレー電気株式会社``
    before ``Stanley Electric Co., Ltd.``: the 商号 sales import into a Japanese CRM). Ties
    go to the most formal (:func:`spelling_formality`), then to the spelling met first.

    Parameters
    ----------
    labs : numpy.ndarray
        The account (label) of each spelling.
    spellings : numpy.ndarray
        A company name as written, once per ``(label, spelling)``.
    weights : numpy.ndarray
        Its rows.

    Returns
    -------
    pandas.Series
        The name (``str``), indexed by label.
    """
    cleaned = [_clean_spelling(str(s)) for s in spellings.tolist()]
    shown = np.array([c[0] for c in cleaned], dtype=object)
    labs = np.asarray(labs, dtype=np.int64)
    lone = np.bincount(labs, minlength=1)[labs] == 1 if len(labs) else np.zeros(0, dtype=bool)
    out = pd.Series(shown[lone], index=labs[lone], dtype=object)  # one spelling: as shown
    many = np.flatnonzero(~lone)
    if not len(many):
        return out
    rows = pd.DataFrame(
        {
            "lab": labs[many],
            "pool": pd.factorize(np.array([cleaned[i][1] for i in many], dtype=object))[0],
            "shown": pd.factorize(shown[many])[0],
            "ja": np.array([cleaned[i][2] for i in many], dtype=bool),
            "formal": np.array([cleaned[i][3] for i in many], dtype=np.float64),
            "w": np.asarray(weights, dtype=np.float64)[many],
            "at": many,  # the first spelling met stands for its form
        }
    )
    forms = rows.groupby(["lab", "pool", "shown"], sort=False).agg(
        w=("w", "sum"), ja=("ja", "first"), formal=("formal", "first"), at=("at", "first")
    )
    forms = forms.reset_index()
    forms["pooled"] = forms.groupby(["lab", "pool"], sort=False)["w"].transform("sum")
    # each pool as its commonest member shows it, the most formal on a tie
    pools = forms.sort_values(["w", "formal"], ascending=False, kind="stable")
    pools = pools.drop_duplicates(["lab", "pool"])
    any_ja = pools.groupby("lab", sort=False)["ja"].transform("any").to_numpy(dtype=bool)
    pools = pools[pools["ja"].to_numpy(dtype=bool) | ~any_ja]
    pools = pools.sort_values(["pooled", "formal"], ascending=False, kind="stable")
    top = pools.drop_duplicates("lab")
    chosen = pd.Series(shown[top["at"].to_numpy()], index=top["lab"].to_numpy(), dtype=object)
    return pd.concat([out, chosen])


def _keys(
    frame: pd.DataFrame, config: ResolveConfig, analysis: pd.DataFrame | None
) -> tuple[np.ndarray, pd.DataFrame, pd.DataFrame]:
    """:func:`abm.resolve.keys.build_keys` with the matcher's settings."""
    return build_keys(
        frame,
        use_domain=config.use_domain,
        use_corporate_number=config.use_corporate_number,
        shared_domain_min_names=config.shared_domain_min_names,
        shared_domain_top_share=config.shared_domain_top_share,
        extra_free_mail=frozenset(config.extra_free_mail),
        workers=config.workers,
        analysis=analysis,
    )


def _cluster(keys: pd.DataFrame, config: ResolveConfig, progress: Any = None) -> tuple:
    """:func:`abm.resolve.cluster.cluster_keys` with the matcher's settings."""
    return cluster_keys(
        keys, threshold=config.threshold, review_threshold=config.review_threshold,
        min_core_len=config.min_core_len, margin=config.margin, workers=config.workers,
        progress=progress,
    )  # fmt: skip


def _or_none(found: pd.DataFrame | None) -> pd.DataFrame:
    return no_named() if found is None else found


def _match_named(
    leads: pd.DataFrame,
    named: pd.Series | None,
    config: ResolveConfig,
    analysis: pd.DataFrame | None,
    row_lab: np.ndarray,
    acc_ids: np.ndarray,
) -> pd.DataFrame | None:
    """Which account each name of ``named`` is (None: none given, none left, or too many).

    A second pass, after the leads' own: the leads' keys and the names together, each
    name one record with its name alone. A name joins the account of the leads its group
    holds when they are all of one account of the first pass; a group spanning two of
    them, or none, says nothing. The leads' result is the first pass's, whatever the names
    (they never split, join or send to review any lead). Skipped above
    :data:`NAMED_MAX` names or :data:`NAMED_MAX_LEAD_ROWS` leads (the pass costs about
    the leads' own 名寄せ again).
    """
    n = len(leads)
    if named is None or not len(named) or n > NAMED_MAX_LEAD_ROWS:
        return None
    basis = _with_named(leads, named)  # the names no lead spells alike, once each
    if len(basis) == n or len(basis) - n > NAMED_MAX:
        return None
    row_key, keys, _ = _keys(basis, config, analysis)
    lab = _cluster(keys, config)[0]
    group = np.append(lab, -1)
    lead_group = group[row_key[:n]]
    ok = (lead_group >= 0) & (row_lab >= 0)
    pairs = pd.DataFrame({"g": lead_group[ok], "a": row_lab[ok]}).drop_duplicates()
    one = pairs.groupby("g")["a"].agg(["nunique", "first"])
    one = one[one["nunique"] == 1]["first"]
    name_group = group[row_key[n:]]
    account = pd.Series(name_group).map(one).to_numpy(dtype=float, na_value=np.nan)
    hit = ~np.isnan(account)
    out = pd.DataFrame(
        {
            "company": basis["company"].iloc[n:].to_numpy(dtype=object)[hit],
            "account_id": acc_ids[account[hit].astype(np.int64)],
        }
    )
    return out.astype({"company": "string", "account_id": "string"})


def _crm_accounts(
    leads: pd.DataFrame, no_key: np.ndarray, aid: np.ndarray, names: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Accounts of the rows with no company evidence but a CRM account id (``crm_account_id``,
    a Salesforce contact's ``AccountId``): the account most of that id's other people are
    at, else ``crm:<id>`` — the key :func:`abm.pipeline.attach_accounts` gives an
    opportunity of that CRM account, so the deal and its contacts meet. ``None`` when no
    such row."""
    if "crm_account_id" not in leads.columns or not no_key.any():
        return None
    crm = (
        leads["crm_account_id"]
        .astype("string")
        .str.strip()
        .replace("", pd.NA)
        .to_numpy(dtype=object, na_value=None)
    )
    rows = np.flatnonzero(no_key & pd.notna(crm))
    if not len(rows):
        return None
    known = pd.DataFrame({"crm": crm, "aid": aid, "name": names})[~no_key].dropna(
        subset=["crm", "aid"]
    )
    top = known.value_counts(["crm", "aid"], sort=True).reset_index().drop_duplicates("crm")
    top = top.set_index("crm")
    name = known.drop_duplicates("aid").set_index("aid")["name"]
    ids = top["aid"].reindex(crm[rows]).to_numpy(dtype=object, na_value=None)
    own = pd.isna(ids)
    ids[own] = np.array(["crm:" + str(c) for c in crm[rows][own]], dtype=object)
    named = name.reindex(ids).to_numpy(dtype=object, na_value=None)
    return rows, ids, named


def _with_crm_accounts(accounts: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """The accounts table with the rows :func:`_crm_accounts` placed: counted in the account
    they joined (whose weakest rule may now be ``crm_account``), and one row per
    ``crm:<id>`` account, of which nothing but the id is known."""
    counts = pd.Series(ids, dtype="string").value_counts()
    out = accounts.copy()
    joined = out["account_id"].isin(counts.index).to_numpy(dtype=bool)
    if joined.any():
        ids_joined = out.loc[joined, "account_id"]
        out.loc[joined, "leads"] = out.loc[joined, "leads"].astype(
            "int64"
        ).to_numpy() + counts.reindex(ids_joined).to_numpy(dtype=np.int64)
        strength = {r: i for i, r in enumerate(MATCH_RULES)}
        crm = strength["crm_account"]
        weaker = [
            r if strength.get(r, -1) >= crm else "crm_account"
            for r in out.loc[joined, "weakest_rule"]
        ]
        out.loc[joined, "weakest_rule"] = weaker
    own = counts[~counts.index.isin(out["account_id"])]
    if not len(own):
        return out
    rows = pd.DataFrame(
        {
            "account_id": pd.array(own.index, dtype="string"),
            "account_name": pd.array([None] * len(own), dtype="string"),
            "leads": own.to_numpy(dtype=np.int64),
            "names": np.zeros(len(own), dtype=np.int64),
            "domain": pd.array([None] * len(own), dtype="string"),
            "domains": np.zeros(len(own), dtype=np.int64),
            "corporate_number": pd.array([None] * len(own), dtype="string"),
            "weakest_rule": pd.array(["crm_account"] * len(own), dtype="string"),
            "min_confidence": np.ones(len(own)),
        }
    )
    if out.empty:
        return rows
    return pd.concat([out, rows], ignore_index=True)


def _accounts(keys, lab, rule, conf, acc_ids, acc_names, spellings: pd.Series) -> pd.DataFrame:
    """One row per account; ``names``: the company spellings its leads wrote, as written
    (QA-F: 太平洋リース written five ways read 1, the spellings left once normalised)."""
    strength = {r: i for i, r in enumerate(MATCH_RULES)}
    k = keys.assign(lab=lab, rule_rank=[strength[r] for r in rule], conf=conf)
    g = k.groupby("lab", sort=True)
    top_dom = (
        k.dropna(subset=["dom"])
        .groupby(["lab", "dom"], sort=False)["rows"]
        .sum()
        .sort_values(ascending=False, kind="stable")
        .reset_index()
        .drop_duplicates("lab")
        .set_index("lab")["dom"]
    )
    n = len(acc_ids)
    acc = pd.DataFrame(
        {
            "account_id": acc_ids,
            "account_name": acc_names,
            "leads": g["rows"].sum().to_numpy(),
            "names": spellings.to_numpy(dtype=np.int64),
            "domain": top_dom.reindex(np.arange(n)).to_numpy(),
            "domains": g["dom"].nunique().to_numpy(),
            "corporate_number": g["corp"].first().to_numpy(),
            "weakest_rule": [MATCH_RULES[i] for i in g["rule_rank"].max().to_numpy()],
            "min_confidence": g["conf"].min().to_numpy(),
        }
    )
    return acc.astype(
        {
            "account_id": "string",
            "account_name": "string",
            "domain": "string",
            "corporate_number": "string",
            "weakest_rule": "string",
        }
    )


def _review(keys, pairs, lab, acc_ids, decisions: ReviewDecisions) -> pd.DataFrame:
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in REVIEW_COLUMNS})
    a, b = pairs["a"].to_numpy(dtype=np.int64), pairs["b"].to_numpy(dtype=np.int64)
    reading = keys["reading"].to_numpy(dtype=object, na_value=None)
    out = pd.DataFrame(
        {
            "key_a": keys["dkey"].to_numpy()[a], "key_b": keys["dkey"].to_numpy()[b],
            "company_a": keys["sample"].to_numpy()[a], "company_b": keys["sample"].to_numpy()[b],
            "reading_a": reading[a], "reading_b": reading[b],
            "domain_a": keys["dom"].to_numpy()[a], "domain_b": keys["dom"].to_numpy()[b],
            "corporate_number_a": keys["corp"].to_numpy()[a], "corporate_number_b": keys["corp"].to_numpy()[b],
            "rows_a": keys["rows"].to_numpy()[a], "rows_b": keys["rows"].to_numpy()[b],
            "account_a": acc_ids[lab[a]], "account_b": acc_ids[lab[b]],
            "score": pairs["score"].to_numpy(dtype=float).round(1), "reason": pairs["reason"].to_numpy(),
        }
    )  # fmt: skip
    done = decisions.pairs()
    if done:
        joined = {k for a, x, y in decisions.decisions if a != "split" for k in (x, y)}
        mask = [
            frozenset((x, y)) not in done and x not in joined and y not in joined
            for x, y in zip(out["key_a"], out["key_b"], strict=True)
        ]
        out = out[np.array(mask, dtype=bool)]
    out = out[out["account_a"] != out["account_b"]]
    out = out.sort_values(["score", "rows_a"], ascending=False, kind="stable", ignore_index=True)
    return out.astype(
        {c: "string" for c in REVIEW_COLUMNS if c not in ("rows_a", "rows_b", "score")}
    )


def resolve_accounts(
    leads: pd.DataFrame,
    *,
    config: ResolveConfig = ResolveConfig(),
    decisions: ReviewDecisions | None = None,
    registry: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Attach every lead to an account (名寄せ).

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads: ``company`` required; ``email``, ``corporate_number``
        and ``domain`` used when present. Not modified.
    config : ResolveConfig
        Matcher settings.
    decisions : ReviewDecisions, optional
        Review decisions to re-apply.
    registry : pandas.DataFrame, optional
        An official registry (:func:`abm.resolve.read_registry`): matched leads
        get its corporate number, official name, reading and English name
        (``registry_*`` columns) and matching uses them.

    Returns
    -------
    pandas.DataFrame
        Same rows, same index, plus ``account_id`` (equal ids = same
        company), ``account_name`` (the commonest spelling, its legal-form notations,
        widths and spaces pooled, shown cleanly: :func:`_display_names`), ``match_rule``
        (one of :data:`MATCH_RULES`: the evidence that joined the row's key
        to its account), ``match_confidence`` (0–1; ≥ 0.9 strong, fuzzy
        matches ≤ 0.85), ``corporate_number_valid`` (NA when absent) and
        ``resolve_key`` (``normalised name|evidence domain``: the stable key
        review decisions use; NA for rows with no name and no evidence).
    """
    return resolve(leads, config=config, decisions=decisions, registry=registry).leads


def review_queue(
    leads: pd.DataFrame,
    *,
    config: ResolveConfig = ResolveConfig(),
    decisions: ReviewDecisions | None = None,
) -> pd.DataFrame:
    """Return the weak/ambiguous pairs to review, evidence side by side.

    Columns :data:`REVIEW_COLUMNS` (``reading_a``/``reading_b``: the katakana
    reading of a Japanese name); ``reason`` is one of :data:`REVIEW_REASONS`. Pairs with a decision, and pairs involving a key
    already confirmed or merged by a decision, are left out.
    """
    return resolve(leads, config=config, decisions=decisions).review
