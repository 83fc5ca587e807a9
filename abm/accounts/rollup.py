"""Account roll-up: one row per account from leads, activities, opportunities, accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd

from abm.accounts.coverage import committee_coverage, role_column
from abm.accounts.engagement import lead_engagement
from abm.accounts.firmographics import firmographic_fit
from abm.core.config import Config, Invalid, Spec
from abm.core.keys import account_key
from abm.core.opportunities import state_at
from abm.core.titles import DEFAULT_REQUIRED_ROLES, ROLES, classify_roles
from abm.core.titles import fold_text as normalise_text

__all__ = ["ENGAGEMENT_METHODS", "RollupSettings", "firmographic_fit", "rollup_accounts"]


#: Account engagement methods (see :class:`RollupSettings`).
ENGAGEMENT_METHODS: tuple[str, ...] = ("sum", "decayed", "breadth")


_Bands = Annotated[tuple[float, ...], Spec(order="ascending", min=0, max_len=20)]
_BandPoints = Annotated[tuple[float, ...], Spec(min=0, max=100, max_len=21)]


@dataclass(frozen=True)
class RollupSettings(Config):
    """How leads roll up into accounts.

    Parameters
    ----------
    engagement_method : {"sum", "decayed", "breadth"}
        ``sum``: activities (or caller's engagement scores) summed;
        ``decayed``: each activity weighted by its half-life decay;
        ``breadth``: decayed sum × (1 + ``breadth_bonus`` × (engaged contacts − 1)).
    half_life_days : float
        Half-life of an activity's weight.
    engaged_min : float
        A lead is engaged when its decayed engagement (or caller's
        ``engagement_score``) reaches this value (0.5 = one activity within
        one half-life).
    breadth_bonus : float
        Extra weight per additional engaged contact for ``breadth``.
    required_roles : tuple of str
        Buying-committee roles required for full coverage.
    employee_bands, employee_points : tuple of float
        Fit points for employees below each band edge and above the last.
    revenue_bands, revenue_points : tuple of float
        Same for annual revenue in yen.
    target_industries : tuple of str
        If not empty, accounts whose industry contains none of these words get
        their fit multiplied by ``off_target_factor``.
    off_target_factor : float
        Fit multiplier outside the target industries.
    """

    engagement_method: Annotated[str, Spec(choices=ENGAGEMENT_METHODS)] = "decayed"
    half_life_days: Annotated[float, Spec(min=1, max=3650)] = 30.0
    engaged_min: Annotated[float, Spec(min=0, max=1_000_000)] = 0.5
    breadth_bonus: Annotated[float, Spec(min=0, max=100)] = 0.5
    required_roles: Annotated[tuple[str, ...], Spec(choices=ROLES, unique=True)] = (
        DEFAULT_REQUIRED_ROLES
    )
    employee_bands: _Bands = (50.0, 100.0, 300.0, 1000.0)
    employee_points: _BandPoints = (10.0, 25.0, 50.0, 75.0, 100.0)
    revenue_bands: _Bands = (1e9, 1e10, 1e11)
    revenue_points: _BandPoints = (10.0, 40.0, 75.0, 100.0)
    target_industries: tuple[str, ...] = ()
    off_target_factor: Annotated[float, Spec(min=0, max=1)] = 0.5

    SECTION = "tier_rules"

    def _check(self) -> None:
        """One more point value than band edges."""
        if len(self.employee_points) != len(self.employee_bands) + 1:
            raise Invalid("employee_points")
        if len(self.revenue_points) != len(self.revenue_bands) + 1:
            raise Invalid("revenue_points")


def _first(codes: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """First non-missing value per code (object array, None when none)."""
    out = np.full(n, None, dtype=object)
    rows = np.flatnonzero(values.notna().to_numpy() & (codes >= 0))
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, codes[rows], rows)  # first occurrence per code, no sort
    sel = first[first < np.iinfo(np.int64).max]
    out[codes[sel]] = values.iloc[sel].to_numpy(dtype=object)
    return out


def _fmax(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, np.nan)
    ok = ~np.isnan(values) & (codes >= 0)
    np.fmax.at(out, codes[ok], values[ok])
    return out


def _num(frame: pd.DataFrame | None, col: str) -> np.ndarray:
    if frame is None or col not in frame.columns:
        return np.full(0 if frame is None else len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").astype("float64").to_numpy(na_value=np.nan)


def _dated(frame: pd.DataFrame, col: str, as_of: pd.Timestamp) -> np.ndarray:
    """Whether ``col`` holds a date on or before ``as_of``."""
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    ts = pd.to_datetime(frame[col], errors="coerce")
    return (ts <= as_of).fillna(False).to_numpy(dtype=bool)


def _flag(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[col].astype("boolean").fillna(False).to_numpy(dtype=bool)


def _count(codes: np.ndarray, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    ok = codes >= 0
    w = None if weights is None else weights[ok]
    return np.bincount(codes[ok], weights=w, minlength=n)


def rollup_accounts(
    leads: pd.DataFrame,
    *,
    activities: pd.DataFrame | None = None,
    opportunities: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    as_of: pd.Timestamp,
    settings: RollupSettings = RollupSettings(),
) -> pd.DataFrame:
    """Roll leads, activities, opportunities and accounts up to one row per account.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads, linked by :func:`abm.pipeline.prepare` (or
        :func:`abm.pipeline.link_tables`): each table is grouped by its
        ``account_id`` (:func:`abm.core.keys.account_key`; a frame that was
        never linked falls back to ``co:<company>``). Uses ``account_name``
        and the optional caller columns ``fit_score``, ``engagement_score``
        and ``is_mql``.
    activities, opportunities, accounts : pandas.DataFrame, optional
        Canonical tables. Accounts without leads still get a row (whitespace).
    as_of : pandas.Timestamp
        Reference date: leads created, activities, opportunities created and
        deals closed after it are ignored.
    settings : RollupSettings

    Returns
    -------
    pandas.DataFrame
        One row per account: ``account_id, account_name, domain, industry, employees,
        annual_revenue, fit, contacts, engaged_contacts, departments,
        role_<role>…, roles_covered, coverage, missing_roles, engagement,
        engagement_sum, engagement_decayed, last_activity_at, sales_touched,
        open_pipeline, open_opportunities, won_revenue, is_customer,
        mql_count``. ``attrs`` holds ``unassigned_leads`` (no company),
        ``unmatched_activities`` and ``unlinked_opportunities``.
    """
    if settings.engagement_method not in ENGAGEMENT_METHODS:
        raise ValueError(f"unknown engagement method: {settings.engagement_method}")
    as_of = pd.Timestamp(as_of)
    if "created_at" in leads.columns:
        created = pd.to_datetime(leads["created_at"], errors="coerce")
        leads = leads.loc[(created.isna() | (created <= as_of)).to_numpy()]
    # every table carries the account abm.pipeline linked it to: nothing is re-linked here
    lead_key = account_key(leads)
    acc_key = None if accounts is None else account_key(accounts)
    opp_key = None if opportunities is None else account_key(opportunities)
    parts = [lead_key] + [k for k in (acc_key, opp_key) if k is not None]
    codes, uniques = pd.factorize(pd.concat(parts, ignore_index=True), use_na_sentinel=True)
    n = len(uniques)
    n_l = len(leads)
    lc = codes[:n_l]
    ac = codes[n_l : n_l + (0 if acc_key is None else len(acc_key))]
    oc = codes[n_l + len(ac) :]

    # --- people: contacts, departments, roles, engagement, MQLs
    contacts = _count(lc, n).astype(np.int64)
    eng = lead_engagement(leads, activities, as_of=as_of, half_life_days=settings.half_life_days)
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
    if "department" in leads.columns:
        dcodes, duniq = pd.factorize(leads["department"].astype("string"))
        norm = pd.factorize(
            pd.Series([normalise_text(str(u)) for u in duniq.tolist()], dtype="str")
        )[0]
        dnorm = np.where(dcodes >= 0, np.append(norm, -1)[dcodes], -1)
        ok = (dnorm >= 0) & (lc >= 0)
        pairs = np.unique(lc[ok].astype(np.int64) * (len(duniq) + 1) + dnorm[ok])
        departments = np.bincount(pairs // (len(duniq) + 1), minlength=n).astype(np.int64)
    else:
        departments = np.zeros(n, dtype=np.int64)
    titles = leads["title"] if "title" in leads.columns else pd.Series(pd.NA, index=leads.index)
    dept = leads["department"] if "department" in leads.columns else None
    role_flags = classify_roles(titles, dept)
    roles = pd.DataFrame(
        {role_column(r): _count(lc, n, role_flags[r].to_numpy(float)) > 0 for r in ROLES}
    )
    mql = _flag(leads, "is_mql") if "is_mql" in leads.columns else _dated(leads, "mql_at", as_of)
    mql_count = _count(lc, n, mql.astype(float)).astype(np.int64)
    nat = np.iinfo(np.int64).min
    last = np.full(n, nat, dtype=np.int64)
    np.maximum.at(last, lc[lc >= 0], eng.last_ns[lc >= 0])
    touched = _count(lc, n, eng.sales_touch.astype(float)) > 0
    for col in ("sal_at", "sql_at", "opportunity_at"):
        touched |= _count(lc, n, _dated(leads, col, as_of).astype(float)) > 0
    customer = _count(lc, n, _dated(leads, "won_at", as_of).astype(float)) > 0

    # --- firmographics: accounts table first, else inferred from leads
    employees, revenue = (
        _fmax(lc, _num(leads, "employees"), n),
        _fmax(lc, _num(leads, "annual_revenue"), n),
    )
    industry = _first(lc, leads["industry"], n) if "industry" in leads.columns else np.full(n, None)
    name_src = "account_name" if "account_name" in leads.columns else "company"
    names = _first(lc, leads[name_src], n) if name_src in leads.columns else np.full(n, None)
    domain = _first(lc, leads["domain"], n) if "domain" in leads.columns else np.full(n, None)
    if opportunities is not None and "company" in opportunities.columns:
        val = _first(oc, opportunities["company"], n)
        names = np.where(names == None, val, names)  # noqa: E711
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
        customer |= _count(ac, n, _flag(accounts, "is_customer").astype(float)) > 0
    industry_s = pd.Series(industry, dtype="string")
    fit = firmographic_fit(employees, revenue, industry_s, settings)
    if "fit_score" in leads.columns:
        f_sum = _count(lc, n, np.nan_to_num(_num(leads, "fit_score"), nan=0.0))
        f_n = _count(lc, n, (~np.isnan(_num(leads, "fit_score"))).astype(float))
        lead_fit = np.divide(f_sum, f_n, out=np.full(n, np.nan), where=f_n > 0)
        fit = np.where(np.isnan(fit), np.clip(lead_fit, 0, 100), fit)

    # --- opportunities: open pipeline and won revenue at as_of
    open_pipe = np.zeros(n)
    open_n = np.zeros(n, dtype=np.int64)
    won = np.zeros(n)
    unlinked = 0
    if opportunities is not None:
        o = opportunities
        amount = np.nan_to_num(_num(o, "amount"), nan=0.0)
        state = state_at(o, as_of)
        exists, is_won, is_open = state.exists, state.won, state.open
        won = _count(oc, n, amount * is_won)
        open_pipe = _count(oc, n, amount * is_open)
        open_n = _count(oc, n, is_open.astype(float)).astype(np.int64)
        customer |= _count(oc, n, is_won.astype(float)) > 0
        touched |= _count(oc, n, exists.astype(float)) > 0
        unlinked = int((oc < 0).sum())

    out = pd.DataFrame(
        {
            "account_id": pd.array(uniques, dtype="string"),
            "account_name": pd.array(names, dtype="string"),
            "domain": pd.array(domain, dtype="string"),
            "industry": industry_s.array,
            "employees": pd.array(employees, dtype="Float64").round().astype("Int64"),
            "annual_revenue": pd.array(revenue, dtype="Float64"),
            "fit": pd.array(fit, dtype="Float64"),
            "contacts": contacts,
            "engaged_contacts": engaged,
            "departments": departments,
        }
    )
    out = pd.concat([out, roles, committee_coverage(roles, settings.required_roles)], axis=1)
    last_ts = pd.Series(last.view("datetime64[ns]"))  # int64 min is NaT
    out = out.assign(
        engagement=engagement,
        engagement_sum=e_sum,
        engagement_decayed=e_dec,
        last_activity_at=last_ts,
        sales_touched=touched,
        open_pipeline=open_pipe,
        open_opportunities=open_n,
        won_revenue=won,
        is_customer=customer,
        mql_count=mql_count,
    )
    out.attrs.update(
        unassigned_leads=int((lc < 0).sum()),
        unmatched_activities=eng.unmatched_activities,
        unlinked_opportunities=unlinked,
    )
    return out
