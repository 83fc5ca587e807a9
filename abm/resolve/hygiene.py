"""営業対象外 (non-target) rules: flag rows that are not sales targets, with reasons.

Each rule can be switched off; the own-company (``internal``), competitor, partner and
customer lists are the user's own (names compared after :func:`normalise_company`,
domains as registrable domains), both after folding look-alike characters
(:func:`~abm.resolve.normalise.fold_confusables`: a Cyrillic ``а`` in a
competitor's domain is an ``a``, an ``xn--`` label is read as a browser shows it). A
listed company domain also lists the company names most of the company addresses writing
them belong to it: that company's people on free mail who write one are its people too (a
domain typed alone left them behind as accounts of their own); a listed name lists the
company domains most of whose people write it (QA-M: ``MISUMI Group Inc.`` at the domain
of the excluded ミスミ rows was ranked as a target) — a listed name's people being those
writing it, or it with a region or group word, or its katakana (:mod:`abm.resolve.listed`:
QA-P's ``PTC Japan``, ``AVEVA Group``, ``ヘキサゴン・メトロロジー`` at hexagon.com). A stray row — a customer's person
typing a competitor's name, or the reverse — lists nothing. Reason codes, in priority
order, are :data:`REASONS`.

One rule set, two tables: :func:`apply_exclusions` judges persons (leads)
and the rows of the accounts file alike. Rules about a person (student, free
mail, opt-out, bounce, a test address) only apply to leads; an account row
is judged on its company and domain (test, competitor, partner, customer)
and, having no person, on being a school (``school``): a school that is a customer,
or where kept people work (a ``contacts`` count above 0 — its 事務局長 or 課長, kept
as leads by the person rules, are buyers), is not excluded (QA-K: a 学校法人's six
staff were kept and counted while its account could never be a target). "Student" is decided
from the person (:func:`abm.resolve.students.student_status`), never from a
school corporation's name: a person at a school with no evidence either way
is kept and sent to review (``review_reason`` ``school_corporation``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from abm.core.arrow import arrow_strings, strings
from abm.core.config import Config
from abm.core.keys import name_key, person_name_keys
from abm.resolve import vocab
from abm.resolve.listed import listed_rows
from abm.resolve.normalise import (
    email_domain,
    fold_confusables,
    normalise_company,
    normalise_email,
    org_domain,
)
from abm.resolve.students import is_school, student_status
from abm.schema import text_column

__all__ = [
    "LISTS",
    "REASONS",
    "REASONS_BY_TABLE",
    "REVIEW_REASONS",
    "TABLES",
    "ExclusionRules",
    "apply_exclusions",
    "learn_lists",
    "people_at",
]

#: Reason codes, highest priority first (the first one found is the row's reason).
REASONS: tuple[str, ...] = (
    "test",
    "internal",
    "competitor",
    "partner",
    "customer",
    "student",
    "school",
    "free_mail",
    "unsubscribed",
    "bounced",
)

#: Why a kept person is sent to review instead of being judged by a rule.
REVIEW_REASONS: tuple[str, ...] = ("school_corporation",)

#: Tables :func:`apply_exclusions` judges.
TABLES: tuple[str, ...] = ("leads", "accounts")

#: Reasons judged on each table, in :data:`REASONS` order (the others never hit it).
REASONS_BY_TABLE: dict[str, tuple[str, ...]] = {
    "leads": tuple(r for r in REASONS if r != "school"),
    "accounts": ("test", "internal", "competitor", "partner", "customer", "school"),
}


@dataclass(frozen=True)
class ExclusionRules(Config):
    """User-configurable 営業対象外 rules (workspace section ``exclusion_rules``).

    Parameters
    ----------
    own_names, own_domains, competitor_names, competitor_domains, partner_names,
    partner_domains, customer_names, customer_domains : tuple of str
        The user's lists. Names match after normalisation (legal forms,
        width and spaces ignored); domains match the registrable domain of
        the email or website. ``own_*`` are the user's own company and its
        group companies: their staff filling in their own forms (社内・自社)
        are not prospects.
    internal, competitors, partners, customers, free_mail, students, schools, test,
    unsubscribed, bounced : bool
        Switch each rule on or off. ``customers`` and ``unsubscribed`` are off by
        default: an e-mail opt-out (配信停止) is a choice about e-mail, not a sign the
        person buys nothing (QA-M: 20 opted-out people were on deals, 7 on won ones).
        ``students`` excludes persons who are students by their own title,
        department, self-description or address (and sends persons at a
        school with no such evidence to review); ``schools`` excludes rows
        of the accounts file that are schools or universities, neither
        customers nor where kept people work (a school on its own is not an
        ABM target; its deals still count; its staff kept as leads make it a
        possible one, as the person rules say they are buyers).
    free_mail_all : bool
        If True every free-mail address is excluded; by default only
        free-mail addresses whose company is blank, says "individual"
        (個人, なし, フリーランス…) or is the person's own name are.
    extra_free_mail : tuple of str
        More free-mail domains.
    """

    own_names: tuple[str, ...] = ()
    own_domains: tuple[str, ...] = ()
    competitor_names: tuple[str, ...] = ()
    competitor_domains: tuple[str, ...] = ()
    partner_names: tuple[str, ...] = ()
    partner_domains: tuple[str, ...] = ()
    customer_names: tuple[str, ...] = ()
    customer_domains: tuple[str, ...] = ()
    internal: bool = True
    competitors: bool = True
    partners: bool = True
    customers: bool = False
    free_mail: bool = True
    free_mail_all: bool = False
    students: bool = True
    schools: bool = True
    test: bool = True
    unsubscribed: bool = False
    bounced: bool = True
    extra_free_mail: tuple[str, ...] = ()

    SECTION = "exclusion_rules"


def _flag(leads: pd.DataFrame, name: str) -> np.ndarray:
    if name not in leads.columns:
        return np.zeros(len(leads), dtype=bool)
    return leads[name].astype("boolean").fillna(False).to_numpy(dtype=bool, copy=True)


def _with_people(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose ``contacts`` (kept people at that account) is above 0; none without it."""
    if "contacts" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    people = pd.to_numeric(frame["contacts"], errors="coerce").fillna(0)
    return people.to_numpy(dtype=float) > 0


def _norm_set(values: tuple[str, ...], *, fold: bool = False) -> frozenset[str]:
    return _norm_set_of(tuple(values), fold)


@functools.lru_cache(maxsize=64)
def _norm_set_of(values: tuple[str, ...], fold: bool) -> frozenset[str]:
    """A list's company keys, once per list (the rules repeat on every clean)."""
    keys = normalise_company(pd.Series(list(values), dtype="string"))
    return frozenset((fold_confusables(keys) if fold else keys).dropna())


def _own_name(leads: pd.DataFrame, company: pd.Series) -> np.ndarray:
    """Rows whose company is the person's own name, as a name key (:func:`name_key`:
    spaces, dots and case aside; either order of family and given names): 高橋直樹 typed
    as the company of 高橋 直樹 at icloud.com (QA-L's 113 individuals became one-person
    companies, some pooled across people)."""
    firm = name_key(company)
    out = np.zeros(len(leads), dtype=bool)
    for name in person_name_keys(leads):
        out |= ((firm == name) & (name.str.len() >= 2)).fillna(False).to_numpy(dtype=bool)
    return out


def _domains(values: pd.Series) -> pd.Series:
    """Registrable domains, compared after folding look-alike characters."""
    return org_domain(fold_confusables(values, domains=True))


def _dom_set(values: tuple[str, ...]) -> frozenset[str]:
    return _dom_set_of(tuple(values))


@functools.lru_cache(maxsize=64)
def _dom_set_of(values: tuple[str, ...]) -> frozenset[str]:
    """A list's registrable domains, once per list."""
    return frozenset(_domains(pd.Series(list(values), dtype="string")).dropna())


def people_at(
    rows: pd.DataFrame, persons: pd.DataFrame, *, norm: pd.Series | None = None
) -> np.ndarray:
    """How many of ``persons`` work at each row of the accounts file, before 名寄せ.

    A person works at a row whose company key (:func:`normalise_company`, look-alike
    characters folded) is the person's, or whose website's registrable domain is the
    person's e-mail domain — the evidence 名寄せ joins them on. The ``contacts`` the
    ``school`` rule reads on the accounts file (:func:`apply_exclusions`).

    Parameters
    ----------
    rows : pandas.DataFrame
        Canonical accounts (``company``, ``domain`` when present). Not modified.
    persons : pandas.DataFrame
        Kept persons (``company``, ``email`` when present). Not modified.
    norm : pandas.Series, optional
        :func:`normalise_company` of ``persons``' companies when already computed.

    Returns
    -------
    numpy.ndarray
        ``int64`` aligned with ``rows``.
    """
    if not len(rows) or not len(persons):
        return np.zeros(len(rows), dtype=np.int64)
    theirs = normalise_company(text_column(persons, "company")) if norm is None else norm
    keys = fold_confusables(theirs.astype("string"))
    mail = _domains(email_domain(normalise_email(text_column(persons, "email"))))
    by_key = keys.dropna().value_counts()
    by_dom = mail.dropna().value_counts()
    row_key = fold_confusables(normalise_company(text_column(rows, "company")))
    row_dom = _domains(text_column(rows, "domain"))
    n_key = row_key.map(by_key).fillna(0).to_numpy(dtype=np.int64)
    n_dom = row_dom.map(by_dom).fillna(0).to_numpy(dtype=np.int64)
    return np.maximum(n_key, n_dom)  # a person found both ways is counted once


def _any_in(columns: list[pd.Series], values: frozenset[str] | set[str]) -> np.ndarray:
    """Rows where any of ``columns`` is one of ``values``."""
    out = np.zeros(len(columns[0]), dtype=bool)
    for col in columns:
        out |= col.isin(values).fillna(False).to_numpy(dtype=bool, copy=True)
    return out


def _mostly(
    columns: list[pd.Series],
    hit: np.ndarray,
    *,
    skip: frozenset[str] | set[str],
    among: np.ndarray | None = None,
) -> set[str]:
    """The values of ``columns`` that most of the rows carrying them (of those
    ``among``, when given) are ``hit`` rows, ``skip`` aside: a listed company's own
    domains, or the names its own addresses write — not a customer's domain that one
    stray row of a listed name used, nor a customer's name that a listed company's person
    typed (the customer's own addresses outnumber it)."""
    out: set[str] = set()
    for col in columns:
        valued = col.notna().to_numpy(dtype=bool)
        if not (hit & valued).any():
            continue
        counted = valued if among is None else valued & (among | hit)
        all_counts = col[counted].value_counts()
        hit_counts = col[hit & valued].value_counts()
        share = hit_counts / all_counts.reindex(hit_counts.index)
        enough = (share > 0.5) & (hit_counts >= _LEARN_MIN_ROWS)
        out |= {str(v) for v in share[enough].index if v not in skip}
    return out


#: Texts written where a company name goes that name no company: never learned as one.
_PLACEHOLDERS: tuple[str, ...] = (
    "不明", "未記入", "未入力", "未定", "その他", "なし", "無し", "学生", "無所属", "自営",
    "-", "--", "―", "ー", "n/a", "na", "none", "unknown", "other", "student", "self",
)  # fmt: skip
#: How many rows of a listed company must carry a value before the list learns it.
_LEARN_MIN_ROWS = 2

#: The lists that learn (names field, domains field), in :data:`REASONS` order.
LISTS: tuple[tuple[str, str], ...] = (
    ("own_names", "own_domains"),
    ("competitor_names", "competitor_domains"),
    ("partner_names", "partner_domains"),
    ("customer_names", "customer_domains"),
)


@dataclass(frozen=True)
class _Keys:
    """The company keys of a set of rows, for the lists to learn from."""

    folded: pd.Series
    doms: list[pd.Series]
    free_mail: np.ndarray
    free_domains: frozenset[str]
    raw: pd.Series

    @classmethod
    def of(
        cls,
        folded: pd.Series,
        mail_dom: pd.Series,
        web_dom: pd.Series,
        rules: ExclusionRules,
        raw: pd.Series,
    ) -> _Keys:
        """The keys of rows with these folded company keys (``raw``: as written) and e-mail
        / web domains."""
        free_domains = frozenset(vocab.FREE_MAIL_DOMAINS | set(rules.extra_free_mail))
        free = mail_dom.isin(free_domains).fillna(False).to_numpy(dtype=bool, copy=True)
        return cls(folded, [mail_dom, web_dom], free, free_domains, raw)

    def named(self, listed: set[str]) -> tuple[set[str], np.ndarray]:
        """Rows that are a listed company's by name (:mod:`abm.resolve.listed`): ``listed``
        with the company keys that are a listed one (``PTC Japan``, ``AVEVA Group``,
        ``ヘキサゴングループ``), and the rows named so (with those at the domain that is the
        listed name: ``ヘキサゴン・メトロロジー`` at hexagon.com)."""
        more, at_home = listed_rows(self.folded, self.raw, self.doms, listed)
        listed = listed | more
        by_name = self.folded.isin(listed).fillna(False).to_numpy(dtype=bool, copy=True)
        return listed, by_name | at_home

    @staticmethod
    def as_listed(names: tuple[str, ...], domains: tuple[str, ...]) -> tuple[set[str], set[str]]:
        """A list's company keys and registrable domains, as typed."""
        return set(_norm_set(names, fold=True)), set(_dom_set(domains))

    def expand(self, names: tuple[str, ...], domains: tuple[str, ...]) -> tuple[set[str], set[str]]:
        """A list's keys and domains with what these rows teach (module docstring): the
        company names that are a listed one (:meth:`named`), the company domains most of
        whose rows write a listed name, then the names most of the company addresses
        writing them belong to a listed domain — each carried by at least
        :data:`_LEARN_MIN_ROWS` of the list's rows, never a placeholder (不明, 学生…)."""
        listed, ds, _ = self.expand_rows(names, domains)
        return listed, ds

    def expand_rows(
        self, names: tuple[str, ...], domains: tuple[str, ...]
    ) -> tuple[set[str], set[str], np.ndarray]:
        """:meth:`expand`, and the rows the list names (:meth:`named`)."""
        listed, ds = self.as_listed(names, domains)
        listed, by_name = self.named(listed)
        if by_name.any():
            ds |= _mostly(self.doms, by_name, skip=self.free_domains)
        own = _any_in(self.doms, ds) & ~_any_in(self.doms, self.free_domains)
        if own.any():  # weighed against the other company addresses writing them
            corporate = self.doms[0].notna().to_numpy(dtype=bool) & ~self.free_mail
            skip = _not_a_name() | {""}
            learned = _mostly([self.folded], own, skip=skip, among=corporate)
            if learned - listed:
                listed |= learned
                by_name |= self.folded.isin(learned).fillna(False).to_numpy(dtype=bool)
        return listed, ds, by_name


@functools.lru_cache(maxsize=1)
def _placeholder_people() -> frozenset[str]:
    """:data:`abm.resolve.vocab.PLACEHOLDER_PEOPLE` as name keys, in either order."""
    names = list(vocab.PLACEHOLDER_PEOPLE)
    flipped = [" ".join(reversed(n.split())) for n in names]
    return frozenset(name_key(pd.Series(names + flipped, dtype="string")).dropna())


@functools.lru_cache(maxsize=1)
def _not_a_name() -> frozenset[str]:
    words = (*vocab.INDIVIDUAL_NAMES, *vocab.TEST_NAMES, *_PLACEHOLDERS)
    return _norm_set(words, fold=True) | frozenset(w.casefold() for w in words)


def learn_lists(
    leads: pd.DataFrame, rules: ExclusionRules | None = None, *, norm: pd.Series | None = None
) -> ExclusionRules:
    """``rules`` with each list completed from the people, once for every table.

    The people teach the lists (module docstring); the accounts file, the deals' company
    names and the accounts' roll-up are then judged by what they taught — an own company
    or competitor typed by domain alone came back as a target through its deal or its row
    of the accounts file (review).

    Parameters
    ----------
    leads : pandas.DataFrame
        The people (``company``, ``email``, ``domain``), one row per person.
    rules : ExclusionRules, optional
    norm : pandas.Series, optional
        :func:`normalise_company` of ``company``, when already computed.

    Returns
    -------
    ExclusionRules
        With the learned company keys and domains added to each list (to be applied with
        ``learn=False``).
    """
    rules = rules or ExclusionRules()
    company = normalise_company(text_column(leads, "company")) if norm is None else norm
    keys = _Keys.of(
        fold_confusables(company.astype("string")),
        _domains(email_domain(normalise_email(text_column(leads, "email")))),
        _domains(text_column(leads, "domain")),
        rules,
        text_column(leads, "company"),
    )
    more: dict[str, tuple[str, ...]] = {}
    for names_field, domains_field in LISTS:
        names, domains = getattr(rules, names_field), getattr(rules, domains_field)
        listed, ds = keys.expand(names, domains)
        more[names_field] = tuple(dict.fromkeys((*names, *sorted(listed - set(names)))))
        more[domains_field] = tuple(dict.fromkeys((*domains, *sorted(ds - set(domains)))))
    return replace(rules, **more)


def apply_exclusions(
    leads: pd.DataFrame,
    rules: ExclusionRules | None = None,
    *,
    table: str = "leads",
    norm: pd.Series | None = None,
    learn: bool = True,
) -> pd.DataFrame:
    """Flag 営業対象外 rows of the leads or of the accounts file.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (one row per person), or canonical accounts when
        ``table="accounts"``. Not modified.
    rules : ExclusionRules, optional
        Defaults to :class:`ExclusionRules()`.
    table : {"leads", "accounts"}
        Which rules apply (see the module docstring): person rules on leads,
        company rules and ``school`` (not for customers: ``is_customer``, nor
        where kept people work: ``contacts`` > 0) on account rows.
    norm : pandas.Series, optional
        :func:`normalise_company` of each row's ``company`` when already computed
        (:func:`abm.resolve.clean.clean_leads` shares 名寄せ's analysis of the names),
        aligned with ``leads`` (same index).
    learn : bool
        Whether the lists learn from these rows (module docstring; default). ``False``
        for rules :func:`learn_lists` already completed from the people, so that the
        accounts file and the roll-up are judged by what the people taught.

    Returns
    -------
    pandas.DataFrame
        Same rows and index plus ``excluded`` (bool), ``exclusion_reason``
        (the first matching code of :data:`REASONS`, NA when kept),
        ``exclusion_reasons`` (all matching codes joined by ``;``) and
        ``review_reason`` (a code of :data:`REVIEW_REASONS` for a kept
        person a rule could not decide, else NA).
    """
    if table not in TABLES:
        raise ValueError(f"unknown table: {table}")
    rules = rules or ExclusionRules()
    n = len(leads)
    company_raw = text_column(leads, "company")
    if norm is not None and not norm.index.equals(leads.index):
        raise ValueError("norm must be aligned with the rows (same index)")
    company = normalise_company(company_raw) if norm is None else norm.astype("string")
    email = normalise_email(text_column(leads, "email"))
    mail_dom = _domains(email_domain(email))
    web_dom = _domains(text_column(leads, "domain"))
    folded = fold_confusables(company)
    local = strings(  # what comes before the first "@"
        pc.list_element(pc.split_pattern(arrow_strings(email), "@", max_splits=1), 0), email.index
    )
    doms = [mail_dom, web_dom]

    keys = _Keys.of(folded, mail_dom, web_dom, rules, company_raw)

    def by_list(names: tuple[str, ...], domains: tuple[str, ...]) -> np.ndarray:
        if learn:
            _, ds, by_name = keys.expand_rows(names, domains)
        else:
            listed, ds = keys.as_listed(names, domains)
            _, by_name = keys.named(listed)
        return by_name | _any_in(doms, ds)

    test_names = _norm_set(vocab.TEST_NAMES) | set(vocab.TEST_NAMES)
    is_test = company.isin(test_names).fillna(False).to_numpy(dtype=bool, copy=True)
    is_test |= (
        company_raw.str.contains("ダミー|テスト用|dummy", case=False, regex=True)
        .fillna(False)
        .to_numpy(dtype=bool, copy=True)
    )
    local_re = rf"^(?:{'|'.join(vocab.TEST_LOCAL_PREFIXES)})(?:[._+\-]?\d*)$"
    is_test |= local.str.match(local_re).fillna(False).to_numpy(dtype=bool, copy=True)
    for d in doms if table == "accounts" else doms[:1]:
        is_test |= d.isin(vocab.TEST_DOMAINS).fillna(False).to_numpy(dtype=bool, copy=True)
    if table == "leads":  # Mickey Mouse, John Doe (a person rule)
        for name in person_name_keys(leads):
            is_test |= name.isin(_placeholder_people()).fillna(False).to_numpy(dtype=bool)

    applies = REASONS_BY_TABLE[table]
    off = np.zeros(n, dtype=bool)
    status = student_status(leads) if table == "leads" else pd.Series(pd.NA, index=leads.index)
    is_student = (status == "student").fillna(False).to_numpy(dtype=bool, copy=True)
    is_school_row = (
        is_school(leads) & ~_flag(leads, "is_customer") & ~_with_people(leads)
        if "school" in applies
        else off
    )

    free = keys.free_mail
    individual = company.isna().to_numpy() | company.isin(
        _norm_set(vocab.INDIVIDUAL_NAMES) | set(vocab.INDIVIDUAL_NAMES)
    ).fillna(False).to_numpy(dtype=bool, copy=True)
    if table == "leads" and free.any():  # a company that is the person's own name (QA-L)
        individual |= _own_name(leads, company_raw) & free
    if "crm_account_id" in leads.columns:  # a CRM contact filed under an account is not private
        crm = leads["crm_account_id"].astype("string").str.strip().fillna("")
        individual &= (crm == "").to_numpy(dtype=bool)
    is_free = free if rules.free_mail_all else free & individual

    hits = {
        "test": is_test if rules.test else off,
        "internal": by_list(rules.own_names, rules.own_domains) if rules.internal else off,
        "competitor": by_list(rules.competitor_names, rules.competitor_domains)
        if rules.competitors
        else off,
        "partner": by_list(rules.partner_names, rules.partner_domains) if rules.partners else off,
        "customer": by_list(rules.customer_names, rules.customer_domains)
        if rules.customers
        else off,
        "student": is_student if rules.students else off,
        "school": is_school_row if rules.schools else off,
        "free_mail": is_free if rules.free_mail else off,
        "unsubscribed": _flag(leads, "unsubscribed") if rules.unsubscribed else off,
        "bounced": _flag(leads, "bounced") if rules.bounced else off,
    }
    hits = {code: hit if code in applies else off for code, hit in hits.items()}
    reason = np.full(n, None, dtype=object)
    every = np.full(n, "", dtype=object)
    for code in reversed(REASONS):
        reason[hits[code]] = code
    for code in REASONS:
        every = np.where(hits[code], np.where(every == "", code, every + ";" + code), every)
    excluded = reason != None  # noqa: E711 (element-wise)
    undecided = (status == "undecided").fillna(False).to_numpy(dtype=bool, copy=True)
    review = np.where(undecided & ~excluded & rules.students, "school_corporation", None)
    out = leads.copy()
    out["excluded"] = excluded
    out["exclusion_reason"] = pd.array(reason, dtype="string")
    out["exclusion_reasons"] = pd.array(np.where(every == "", None, every), dtype="string")
    out["review_reason"] = pd.array(review, dtype="string")
    return out
