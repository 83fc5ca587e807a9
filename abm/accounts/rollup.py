"""Account roll-up: one row per account from leads, activities, opportunities, accounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated

import numpy as np
import pandas as pd

from abm.accounts._sections import (
    account_codes,
    created_by,
    deals_section,
    firmographics_section,
    people_section,
)
from abm.accounts.coverage import committee_coverage
from abm.accounts.firmographics import firmographic_fit
from abm.core.activities import is_sales_touch
from abm.core.config import Config, Invalid, Spec
from abm.core.dates import day_end
from abm.core.format import sized_defaults
from abm.core.titles import DEFAULT_REQUIRED_ROLES, ROLES
from abm.engine.table import ActivityTable

__all__ = [
    "ENGAGEMENT_METHODS",
    "RollupSettings",
    "account_touches",
    "firmographic_fit",
    "rollup_accounts",
]


#: Account engagement methods (see :class:`RollupSettings`).
ENGAGEMENT_METHODS: tuple[str, ...] = ("sum", "decayed", "breadth")

#: Output columns before the role flags and after the committee coverage, in order.
_HEAD = (
    "account_name", "domain", "industry", "employees", "annual_revenue", "fit",
    "contacts", "engaged_contacts", "departments",
)  # fmt: skip
_TAIL = (
    "engagement", "engagement_sum", "engagement_decayed", "last_activity_at", "sales_touched",
    "open_pipeline", "open_opportunities", "opportunities", "won_revenue", "is_customer",
    "mql_count",
)  # fmt: skip


_Bands = Annotated[tuple[float, ...], Spec(order="ascending", min=0, max_len=20)]
_BandPoints = Annotated[tuple[float, ...], Spec(min=0, max=100, max_len=21)]


#: Default revenue band edges, in yen (:meth:`RollupSettings.in_currency`).
_REVENUE_BANDS = (1e9, 1e10, 1e11)


@dataclass(frozen=True)
class RollupSettings(Config):
    """How leads roll up into accounts.

    Parameters
    ----------
    engagement_method : {"sum", "decayed", "breadth"}
        ``sum``: activities, each weighing its kind's weight
        (:data:`abm.core.activities.ENGAGEMENT_WEIGHTS`: a page view 1, a demo request 25),
        or the caller's engagement scores, summed;
        ``decayed``: each activity's weight times its half-life decay;
        ``breadth``: decayed sum × (1 + ``breadth_bonus`` × (engaged contacts − 1)).
    half_life_days : float
        Half-life of an activity's weight.
    engaged_min : float
        A lead is engaged when its decayed engagement (or caller's
        ``engagement_score``) reaches this value (0.5 = one page view within
        one half-life; an e-mail open or a sales touch alone weighs nothing).
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
    revenue_bands: _Bands = _REVENUE_BANDS
    revenue_points: _BandPoints = (10.0, 40.0, 75.0, 100.0)
    target_industries: tuple[str, ...] = ()
    off_target_factor: Annotated[float, Spec(min=0, max=1)] = 0.5

    SECTION = "tier_rules"

    def in_currency(self, size: float) -> RollupSettings:
        """These settings with revenue bands in a currency of ``size``
        (:func:`abm.core.format.money_size`) where they are the default (yen) bands (as
        :func:`abm.scoring.in_currency`: other bands are kept; the points stay in order).
        Amounts are never converted."""
        mine = sized_defaults(size, _REVENUE_BANDS)
        if self.revenue_bands == mine or self.revenue_bands != _REVENUE_BANDS:
            return self
        return replace(self, revenue_bands=mine)

    def _check(self) -> None:
        """One more point value than band edges."""
        if len(self.employee_points) != len(self.employee_bands) + 1:
            raise Invalid("employee_points")
        if len(self.revenue_points) != len(self.revenue_bands) + 1:
            raise Invalid("revenue_points")


def account_touches(
    activities: pd.DataFrame | None, keys: Sequence[str], as_of: pd.Timestamp
) -> tuple[np.ndarray, np.ndarray]:
    """The activities linked to an account alone (``link_rule`` ``account``: a call to
    someone not among the leads), up to the as-of day: per account of ``keys``, the latest
    one's time and whether one is a sales touch. They date the account's last activity and
    mark it sales-touched, as its story shows them (QA-F: the story listed them while the
    table said nobody was touched); no person's engagement counts them.

    Parameters
    ----------
    activities : pandas.DataFrame or None
        Prepared activities (``link_rule``, ``account_id``, ``timestamp``).
    keys : sequence of str
        The roll-up's accounts, in order.
    as_of : pandas.Timestamp

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``datetime64[ns]`` (NaT: none) and ``bool``, aligned with ``keys``.
    """
    n = len(keys)
    last = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    touched = np.zeros(n, dtype=bool)
    need = {"link_rule", "account_id", "timestamp"}
    if activities is None or not len(activities) or not need <= set(activities.columns):
        return last, touched
    alone = (activities["link_rule"].astype("string") == "account").fillna(False).to_numpy(bool)
    if not alone.any():
        return last, touched
    acts = activities[alone]
    at = pd.Index(pd.array(list(keys), dtype="string")).get_indexer(
        acts["account_id"].astype("string")
    )
    ts = pd.to_datetime(acts["timestamp"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    ok = (at >= 0) & (ts < day_end(as_of).to_datetime64())  # NaT compares false
    ticks = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(ticks, at[ok], ts[ok].view(np.int64))
    last = ticks.view("datetime64[ns]")
    sales = is_sales_touch(acts)
    touched[at[ok & sales]] = True
    return last, touched


def rollup_accounts(
    leads: pd.DataFrame,
    *,
    activities: pd.DataFrame | None = None,
    opportunities: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    as_of: pd.Timestamp,
    settings: RollupSettings = RollupSettings(),
    table: ActivityTable | None = None,
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
    table : ActivityTable, optional
        The dataset's activity table (:mod:`abm.engine.table`, built once per
        dataset): the activities as the engine read them. Built from
        ``activities`` when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per account: ``account_id, account_name, domain, industry, employees,
        annual_revenue, fit, contacts, engaged_contacts, departments,
        role_<role>…, roles_covered, coverage, missing_roles, engagement,
        engagement_sum, engagement_decayed, last_activity_at, sales_touched,
        open_pipeline, open_opportunities, opportunities, won_revenue,
        is_customer, mql_count`` (``opportunities``: created by ``as_of``,
        open or closed). ``attrs`` holds ``unassigned_leads`` (no company),
        ``unmatched_activities`` and ``unlinked_opportunities``.
    """
    if settings.engagement_method not in ENGAGEMENT_METHODS:
        raise ValueError(f"unknown engagement method: {settings.engagement_method}")
    as_of = pd.Timestamp(as_of)
    leads = created_by(leads, as_of)
    codes = account_codes(leads, accounts, opportunities)
    people, roles, unmatched = people_section(
        leads, activities, codes.leads, codes.n, as_of=as_of, settings=settings, table=table
    )
    firm = firmographics_section(leads, accounts, opportunities, codes, settings=settings)
    deals, unlinked = deals_section(opportunities, codes.opportunities, codes.n, as_of=as_of)
    sections = (people, firm, deals)
    cols = {k: v for s in sections for k, v in s.columns.items()}
    last, touched = account_touches(activities, codes.keys, as_of)
    cols["last_activity_at"] = pd.Series(
        np.fmax(cols["last_activity_at"].to_numpy(dtype="datetime64[ns]"), last)
    )
    cols["sales_touched"] = np.logical_or.reduce([s.touched for s in sections] + [touched])
    cols["is_customer"] = np.logical_or.reduce([s.customer for s in sections])
    out = pd.DataFrame(
        {"account_id": pd.array(codes.keys, dtype="string"), **{c: cols[c] for c in _HEAD}}
    )
    out = pd.concat([out, roles, committee_coverage(roles, settings.required_roles)], axis=1)
    out = out.assign(**{c: cols[c] for c in _TAIL})
    out.attrs.update(
        unassigned_leads=int((codes.leads < 0).sum()),
        unmatched_activities=unmatched,
        unlinked_opportunities=unlinked,
    )
    return out
