"""The sections of the account roll-up and the per-account reductions they share.

:func:`abm.accounts.rollup.rollup_accounts` groups every table by the
``account_id`` :mod:`abm.pipeline` linked it to (:func:`account_codes`), then
each section adds its columns: :func:`people_section` (contacts, departments,
roles, engagement, MQLs), :func:`firmographics_section` (name, size, fit) and
:func:`deals_section` (open pipeline, won revenue). All reductions are
``bincount`` / ``ufunc.at`` over integer account codes (no per-row Python).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from abm.accounts.coverage import lead_roles, role_column
from abm.accounts.engagement import lead_engagement
from abm.accounts.firmographics import firmographic_fit
from abm.core.dates import on_or_before
from abm.core.keys import account_key, email_domain
from abm.core.opportunities import state_at
from abm.core.titles import (
    DEPARTMENT_RULES,
    DEPARTMENTS,
    ROLES,
    classify_codes,
)
from abm.core.titles import fold_text as normalise_text
from abm.engine.table import ActivityTable

if TYPE_CHECKING:
    from abm.accounts.rollup import RollupSettings

__all__ = [
    "AccountCodes",
    "Section",
    "account_codes",
    "created_by",
    "deals_section",
    "firmographics_section",
    "people_section",
]


def _first(codes: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """First non-missing value per code (object array, None when none)."""
    out = np.full(n, None, dtype=object)
    rows = np.flatnonzero(values.notna().to_numpy() & (codes >= 0))
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, codes[rows], rows)  # first occurrence per code, no sort
    sel = first[first < np.iinfo(np.int64).max]
    out[codes[sel]] = values.iloc[sel].to_numpy(dtype=object)
    return out


def _mail_domains(leads: pd.DataFrame, codes: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """``domain`` with each missing one filled by the company domain most of the account's
    people carry: 名寄せ's evidence domain of their key (``resolve_key``: organisation level,
    free mail, ISPs, shared hosts and a domain many companies use already left out), else
    their e-mails' organisation domain without free mail. QA: an account whose leads had
    no website left the CRM export's domain blank though 名寄せ had matched its people by
    that very domain. Only the people of accounts without a domain are read."""
    missing = np.fromiter((d is None for d in domain), dtype=bool, count=len(domain))
    if not missing.any():
        return domain
    rows = np.flatnonzero((codes >= 0) & missing[np.maximum(codes, 0)])
    if not len(rows):
        return domain
    dom = None
    if "resolve_key" in leads.columns:
        key = leads["resolve_key"].iloc[rows].astype("string")
        dom = key.str.extract(r"\|(.+)$", expand=False)  # NA for a key without a domain
        if not dom.notna().any():  # none here (名寄せ without domains): the e-mails
            dom = None
    if dom is None and "email" in leads.columns:
        from abm.resolve.normalise import is_free_mail, org_domain

        dom = org_domain(email_domain(leads["email"].iloc[rows]))
        dom = dom.mask(is_free_mail(dom).fillna(True).to_numpy(dtype=bool))
    if dom is None:
        return domain
    ok = dom.notna().to_numpy(dtype=bool)
    if not ok.any():
        return domain
    pairs = pd.DataFrame({"code": codes[rows[ok]], "domain": dom.to_numpy(dtype=object)[ok]})
    counts = pairs.value_counts(sort=False).reset_index(name="rows")
    top = counts.sort_values(["rows", "domain"], ascending=[False, True], kind="stable")
    top = top.drop_duplicates("code")
    out = domain.copy()
    out[top["code"].to_numpy(dtype=np.int64)] = top["domain"].to_numpy(dtype=object)
    return out


def _fmax(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Largest non-NaN value per code (NaN when none)."""
    out = np.full(n, np.nan)
    ok = ~np.isnan(values) & (codes >= 0)
    np.fmax.at(out, codes[ok], values[ok])
    return out


def _num(frame: pd.DataFrame | None, col: str) -> np.ndarray:
    """``col`` as float64 (unparseable or missing column: NaN)."""
    if frame is None or col not in frame.columns:
        return np.full(0 if frame is None else len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").astype("float64").to_numpy(na_value=np.nan)


def _dated(frame: pd.DataFrame, col: str, as_of: pd.Timestamp) -> np.ndarray:
    """Whether ``col`` holds a date on or before the as-of day."""
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return on_or_before(frame[col], as_of)


def _flag(frame: pd.DataFrame, col: str) -> np.ndarray:
    """``col`` as bool (missing value or column: false)."""
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[col].astype("boolean").fillna(False).to_numpy(dtype=bool)


def _count(codes: np.ndarray, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Rows (or sum of ``weights``) per code; rows without an account (-1) are skipped."""
    ok = codes >= 0
    w = None if weights is None else weights[ok]
    return np.bincount(codes[ok], weights=w, minlength=n)


@dataclass(frozen=True)
class AccountCodes:
    """Account code (position in ``keys``, -1 for none) of each row of each table."""

    keys: pd.Index
    leads: np.ndarray
    accounts: np.ndarray
    opportunities: np.ndarray

    @property
    def n(self) -> int:
        """Number of accounts."""
        return len(self.keys)


@dataclass(frozen=True)
class Section:
    """Columns one section of the roll-up produces, and the flags it contributes.

    ``customer`` and ``sales_touched`` are or-ed over the sections: an account
    is a customer if its leads, its accounts row or its opportunities say so.
    """

    columns: dict[str, Any]
    customer: np.ndarray
    touched: np.ndarray


def account_codes(
    leads: pd.DataFrame, accounts: pd.DataFrame | None, opportunities: pd.DataFrame | None
) -> AccountCodes:
    """One account code per row of every table, from the ``account_id`` abm.pipeline linked.

    Nothing is re-linked here; all tables share one factorisation.
    """
    lead_key = account_key(leads)
    acc_key = None if accounts is None else account_key(accounts)
    opp_key = None if opportunities is None else account_key(opportunities)
    parts = [lead_key] + [k for k in (acc_key, opp_key) if k is not None]
    codes, uniques = pd.factorize(pd.concat(parts, ignore_index=True), use_na_sentinel=True)
    n_l = len(leads)
    n_a = 0 if acc_key is None else len(acc_key)
    return AccountCodes(uniques, codes[:n_l], codes[n_l : n_l + n_a], codes[n_l + n_a :])


def _engagement(
    eng: Any, leads: pd.DataFrame, lc: np.ndarray, n: int, settings: RollupSettings
) -> dict[str, np.ndarray]:
    """Engaged contacts and the three engagement measures per account.

    ``eng`` is the leads' :func:`~abm.accounts.engagement.lead_engagement`; the
    caller's ``engagement_score`` replaces its raw and decayed engagement when
    the leads carry it.
    """
    if "engagement_score" in leads.columns:
        score = np.nan_to_num(_num(leads, "engagement_score"), nan=0.0)
        raw, decayed = score, score
    else:
        raw, decayed = eng.raw, eng.decayed
    engaged = _count(lc, n, (decayed >= settings.engaged_min).astype(float)).astype(np.int64)
    e_sum, e_dec = _count(lc, n, raw), _count(lc, n, decayed)
    if settings.engagement_method == "sum":
        engagement = e_sum
    elif settings.engagement_method == "decayed":
        engagement = e_dec
    else:
        engagement = e_dec * (1.0 + settings.breadth_bonus * np.maximum(engaged - 1, 0))
    return {
        "engaged_contacts": engaged,
        "engagement": engagement,
        "engagement_sum": e_sum,
        "engagement_decayed": e_dec,
    }


def _departments(leads: pd.DataFrame, lc: np.ndarray, n: int) -> np.ndarray:
    """Distinct departments per account: each person's department family
    (:data:`abm.core.titles.DEPARTMENT_RULES`: 情報システム部 and IT推進部 are one, IT),
    a department no rule knows by its text (after :func:`fold_text`), and without a
    department column or value the family the title names (``IT Manager``), as scoring and
    the buying-committee roles read it (QA-E: a Marketo or Salesforce contacts export has
    no department column, and every account counted 0). Integer codes throughout: a
    family is its code, a text no rule knows comes after the families."""
    m = len(leads)
    n_fam = len(DEPARTMENTS)
    no_family = np.array([d in (_OTHER, _UNKNOWN) for d in DEPARTMENTS])
    key = np.full(m, -1, dtype=np.int64)
    width = n_fam
    if "department" in leads.columns:
        dept = leads["department"].astype("string")
        fam = classify_codes(dept, DEPARTMENT_RULES, DEPARTMENTS).astype(np.int64)
        key = np.where(no_family[fam], -1, fam)
        codes, uniq = pd.factorize(dept)  # a department no rule knows: its own text, once
        folded = pd.factorize(pd.Series([normalise_text(str(u)) for u in uniq.tolist()]))[0]
        text = np.where(codes >= 0, np.append(folded, -1)[codes], -1)
        own = (fam == DEPARTMENTS.index(_OTHER)) & (text >= 0)
        key = np.where(own, n_fam + text, key)
        width = n_fam + (int(folded.max(initial=-1)) + 1)
    if "title" in leads.columns:
        fam_t = classify_codes(leads["title"].astype("string"), DEPARTMENT_RULES, DEPARTMENTS)
        fam_t = fam_t.astype(np.int64)
        key = np.where((key < 0) & ~no_family[fam_t], fam_t, key)
    ok = (key >= 0) & (lc >= 0)
    pairs = np.unique(lc[ok].astype(np.int64) * width + key[ok])
    return np.bincount(pairs // width, minlength=n).astype(np.int64)


_OTHER, _UNKNOWN = "other", "unknown"


def _roles(leads: pd.DataFrame, lc: np.ndarray, n: int) -> pd.DataFrame:
    """``role_<role>`` per account: whether any of its leads holds the role — by its title
    and department or by the role its CRM records (:func:`abm.accounts.coverage.lead_roles`)."""
    role_flags = lead_roles(leads).roles
    return pd.DataFrame(
        {role_column(r): _count(lc, n, role_flags[r].to_numpy(float)) > 0 for r in ROLES}
    )


def people_section(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    lc: np.ndarray,
    n: int,
    *,
    as_of: pd.Timestamp,
    settings: RollupSettings,
    table: ActivityTable | None = None,
) -> tuple[Section, pd.DataFrame, int]:
    """People section: contacts, departments, roles, engagement, MQLs.

    Engagement comes from the dataset's activity ``table`` when given (the
    engine's reading of the log), else from ``activities`` read the same way.

    Returns
    -------
    tuple
        The section (a lead with a later stage date or a sales touch marks the
        account sales-touched; a won lead makes it a customer), the role
        flags, and the activities no lead could be found for.
    """
    eng = lead_engagement(
        leads, activities, as_of=as_of, half_life_days=settings.half_life_days, table=table
    )
    columns = _engagement(eng, leads, lc, n, settings)
    columns["contacts"] = _count(lc, n).astype(np.int64)
    columns["departments"] = _departments(leads, lc, n)
    mql = _flag(leads, "is_mql") if "is_mql" in leads.columns else _dated(leads, "mql_at", as_of)
    columns["mql_count"] = _count(lc, n, mql.astype(float)).astype(np.int64)
    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, lc[lc >= 0], eng.last_ns[lc >= 0])
    columns["last_activity_at"] = pd.Series(last.view("datetime64[ns]"))  # int64 min is NaT
    touched = _count(lc, n, eng.sales_touch.astype(float)) > 0
    for col in ("sal_at", "sql_at", "opportunity_at"):
        touched |= _count(lc, n, _dated(leads, col, as_of).astype(float)) > 0
    customer = _count(lc, n, _dated(leads, "won_at", as_of).astype(float)) > 0
    return Section(columns, customer, touched), _roles(leads, lc, n), eng.unmatched_activities


def firmographics_section(
    leads: pd.DataFrame,
    accounts: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    codes: AccountCodes,
    *,
    settings: RollupSettings,
) -> Section:
    """Firmographics section: name, domain, industry, size and fit per account.

    The accounts table comes first; what it lacks is inferred from the leads
    (names also from the opportunities). ``fit`` falls back to the mean of
    the leads' ``fit_score`` where the firmographics give none. An accounts
    row flagged ``is_customer`` makes the account a customer.
    """
    lc, ac, oc, n = codes.leads, codes.accounts, codes.opportunities, codes.n
    employees, revenue = (
        _fmax(lc, _num(leads, "employees"), n),
        _fmax(lc, _num(leads, "annual_revenue"), n),
    )
    industry = _first(lc, leads["industry"], n) if "industry" in leads.columns else np.full(n, None)
    names = np.full(n, None)
    for col in ("account_name", "company"):  # 名寄せ's name, else a company spelling
        if col in leads.columns:
            val = _first(lc, leads[col], n)
            names = np.where(names == None, val, names)  # noqa: E711
    domain = _first(lc, leads["domain"], n) if "domain" in leads.columns else np.full(n, None)
    if opportunities is not None and "company" in opportunities.columns:
        val = _first(oc, opportunities["company"], n)
        names = np.where(names == None, val, names)  # noqa: E711
    customer = np.zeros(n, dtype=bool)
    if accounts is not None:
        a_emp, a_rev = (
            _fmax(ac, _num(accounts, "employees"), n),
            _fmax(ac, _num(accounts, "annual_revenue"), n),
        )
        employees = np.where(np.isnan(a_emp), employees, a_emp)
        revenue = np.where(np.isnan(a_rev), revenue, a_rev)
        for col, target in (("industry", industry), ("company", names), ("domain", domain)):
            if col in accounts.columns:
                val = _first(ac, accounts[col], n)
                np.copyto(target, val, where=val != None)  # noqa: E711
        customer = _count(ac, n, _flag(accounts, "is_customer").astype(float)) > 0
    domain = _mail_domains(leads, lc, domain)  # no website given: the people's e-mails
    industry_s = pd.Series(industry, dtype="string")
    fit = firmographic_fit(employees, revenue, industry_s, settings)
    if "fit_score" in leads.columns:
        f_sum = _count(lc, n, np.nan_to_num(_num(leads, "fit_score"), nan=0.0))
        f_n = _count(lc, n, (~np.isnan(_num(leads, "fit_score"))).astype(float))
        lead_fit = np.divide(f_sum, f_n, out=np.full(n, np.nan), where=f_n > 0)
        fit = np.where(np.isnan(fit), np.clip(lead_fit, 0, 100), fit)
    columns = {
        "account_name": pd.array(names, dtype="string"),
        "domain": pd.array(domain, dtype="string"),
        "industry": industry_s.array,
        "employees": pd.array(employees, dtype="Float64").round().astype("Int64"),
        "annual_revenue": pd.array(revenue, dtype="Float64"),
        "fit": pd.array(fit, dtype="Float64"),
    }
    return Section(columns, customer, np.zeros(n, dtype=bool))


def deals_section(
    opportunities: pd.DataFrame | None, oc: np.ndarray, n: int, *, as_of: pd.Timestamp
) -> tuple[Section, int]:
    """Opportunities section: open pipeline and won revenue at ``as_of``.

    State comes from :func:`abm.core.opportunities.state_at`. A won deal makes
    the account a customer; any opportunity that exists at ``as_of`` marks it
    sales-touched. Also returns the number of opportunities with no account.
    """
    if opportunities is None:
        columns = {
            "open_pipeline": np.zeros(n),
            "open_opportunities": np.zeros(n, dtype=np.int64),
            "opportunities": np.zeros(n, dtype=np.int64),
            "won_revenue": np.zeros(n),
        }
        return Section(columns, np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)), 0
    amount = np.nan_to_num(_num(opportunities, "amount"), nan=0.0)
    state = state_at(opportunities, as_of)
    columns = {
        "open_pipeline": _count(oc, n, amount * state.open),
        "open_opportunities": _count(oc, n, state.open.astype(float)).astype(np.int64),
        "opportunities": _count(oc, n, state.exists.astype(float)).astype(np.int64),
        "won_revenue": _count(oc, n, amount * state.won),
    }
    customer = _count(oc, n, state.won.astype(float)) > 0
    touched = _count(oc, n, state.exists.astype(float)) > 0
    return Section(columns, customer, touched), int((oc < 0).sum())


def created_by(leads: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Leads created on or before ``as_of`` (or with no creation date).

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (``created_at`` optional: without it every lead exists).
    as_of : pandas.Timestamp

    Returns
    -------
    pandas.DataFrame
        The leads that exist on the as-of day, index kept.
    """
    if "created_at" not in leads.columns:
        return leads
    created = pd.to_datetime(leads["created_at"], errors="coerce")
    return leads.loc[(created.isna().to_numpy() | on_or_before(created, as_of))]
