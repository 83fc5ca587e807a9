"""Hand-off metrics: what happens to MQLs once marketing passes them to sales.

The cohort is the funnel's: leads created in ``[start, end]``, counted at
MQL and SAL by the funnel's :class:`~abm.funnel.Reach` (so the numbers match
the funnel page). For each MQL:

* **accepted** — counted at SAL;
* **rejected** — not accepted and either recycled/disqualified or carrying a
  ``rejection_reason``;
* **first sales touch** — the earliest of: a later stage's date, a
  recycled/disqualified/lost date, or a sales activity (call, meeting…, see
  :func:`abm.core.activities.is_sales_touch`), on or after the MQL date;
* **never followed up** — neither accepted, rejected nor touched;
* **SLA breach** — the MQL date is known and the first touch came more than
  ``sla_days`` later, or the MQL was never followed up and ``as_of`` is more
  than ``sla_days`` after the MQL date. MQLs followed up without a known
  date are not measurable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.activities import is_sales_touch
from abm.funnel import NO_DATE, Reach
from abm.gap._common import (
    UNKNOWN,
    day_column,
    link_activities,
    number,
    rate,
    stage_index,
    text,
)

__all__ = ["Handoff", "acceptance_figure", "follow_up_figure", "handoff_metrics", "sla_figure"]

_DETOUR_COLUMNS = ("recycled_at", "disqualified_at", "lost_at")


@dataclass(frozen=True, eq=False)
class Handoff:
    """Hand-off figures for one cohort.

    Attributes
    ----------
    mql, accepted, rejected, pending : int
        MQLs; of them accepted (SAL), rejected, and neither.
    acceptance_rate, rejection_rate : float
        ``accepted / mql`` and ``rejected / mql`` (NaN without MQLs).
    reasons : pandas.DataFrame
        ``reason, leads, share`` of rejected MQLs (missing reason ->
        ``"(unknown)"``), most frequent first.
    rejected_small, rejected_sized : int
        Rejected MQLs at companies under ``small_company`` employees, and
        rejected MQLs whose employee count is known.
    small_company : int
    touched : int
        MQLs with a known first-touch date.
    median_days_to_touch : float
        Median days MQL -> first touch over MQLs with both dates (NaN if none).
    never_followed_up : int
    unassigned : int or None
        MQLs without an owner (``None`` when leads have no owner column).
    sla_days, sla_measurable, sla_breaches : int
        The SLA, MQLs it can be checked for (known MQL date and either a
        dated touch or no follow-up at all), and breaches among them.
    sla_breach_rate : float
    uses_activities : bool
        Whether sales activities were available to date first touches.
    table : pandas.DataFrame
        One row per MQL (index of ``leads``): ``mql_at, first_touch_at,
        days_to_touch, accepted, rejected, followed_up, sla_breach``.
    implied : tuple of str
        Of the MQL and SAL stages, those with no data of their own (counted from later
        stages only: :meth:`abm.funnel.reach.Reach.implied`): the acceptance rate then
        says nothing about sales accepting MQLs.
    """

    mql: int
    accepted: int
    rejected: int
    pending: int
    acceptance_rate: float
    rejection_rate: float
    reasons: pd.DataFrame
    rejected_small: int
    rejected_sized: int
    small_company: int
    touched: int
    median_days_to_touch: float
    never_followed_up: int
    unassigned: int | None
    sla_days: int
    sla_measurable: int
    sla_breaches: int
    sla_breach_rate: float
    uses_activities: bool
    table: pd.DataFrame
    implied: tuple[str, ...] = ()

    @property
    def follow_up_measured(self) -> bool:
        """Whether the data says how sales followed MQLs up: a sales activity, or MQL and SAL
        with dates or statuses of their own. Without either, the MQLs "never followed up"
        are only those that went no further (QA-E), and so are the SLA breaches: the page,
        the report and the findings leave them out."""
        return self.uses_activities or not self.implied

    @property
    def sla_measured(self) -> bool:
        """Whether the SLA breaches are known: sales' follow-up is measured
        (:attr:`follow_up_measured`) and some MQL can be checked against the SLA
        (``sla_measurable``: a known MQL date, and a dated first touch or no follow-up).
        Without one, "0 breaches" would be a count of nothing — QA-N: 「初回対応までの日数 —」
        beside 「SLA超過（7日） 0」 for MQLs with no MQL date."""
        return self.follow_up_measured and self.sla_measurable > 0

    @property
    def acceptance_measured(self) -> bool:
        """Whether MQL and SAL have data of their own (dates or statuses): counted from
        later stages only, acceptance and rejection rates measure nothing (QA-H: 100 % and
        0 % on tiles beside a finding that said so)."""
        return not self.implied

    @property
    def rejected_small_share(self) -> float:
        """Share of rejected MQLs (with a known size) at small companies."""
        return rate(self.rejected_small, self.rejected_sized)


def _first_activity_touch(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    rows: np.ndarray,
    mql_day: np.ndarray,
    as_day: int,
) -> tuple[np.ndarray, bool]:
    """Earliest sales-activity day in ``[MQL day, as_of]`` per lead (NO_DATE if none)."""
    n = len(rows)
    out = np.full(n, NO_DATE, dtype=np.int64)
    if activities is None or len(activities) == 0 or "timestamp" not in activities.columns:
        return out, False
    sales = is_sales_touch(activities)
    if not sales.any():
        return out, False
    acts = activities[sales]
    pos = link_activities(leads, acts)
    day = day_column(acts, "timestamp", as_day)
    # map lead position -> cohort row
    where = np.full(len(leads), -1, dtype=np.int64)
    where[rows] = np.arange(n)
    r = np.where(pos >= 0, where[np.maximum(pos, 0)], -1)
    ok = (r >= 0) & (day != NO_DATE)
    r, day = r[ok], day[ok]
    ok = (mql_day[r] == NO_DATE) | (day >= mql_day[r])
    r, day = r[ok], day[ok]
    big = np.iinfo(np.int64).max
    best = np.full(n, big, dtype=np.int64)
    np.minimum.at(best, r, day)
    out = np.where(best == big, NO_DATE, best)
    return out, True


@dataclass(frozen=True, eq=False)
class _Mqls:
    """The cohort's MQLs: positions in ``leads``, their rows, dates and outcome so far."""

    rows: np.ndarray
    sub: pd.DataFrame
    mql_day: np.ndarray
    later_days: tuple[np.ndarray, ...]
    accepted: np.ndarray
    rejected: np.ndarray
    reason: pd.Series


@dataclass(frozen=True, eq=False)
class _Sla:
    """Days MQL -> first touch (where both are known) and the SLA check."""

    both: np.ndarray
    delta: np.ndarray
    measurable: np.ndarray
    breach: np.ndarray


def _mqls(
    leads: pd.DataFrame, reach: Reach, start: pd.Timestamp | None, end: pd.Timestamp | None
) -> _Mqls:
    """MQLs of leads created in ``[start, end]``, accepted (SAL) or rejected."""
    j_mql, j_sal = stage_index(reach, "mql"), stage_index(reach, "sal")
    cohort = reach.created_between(start, end)
    is_mql = np.zeros(cohort.n, dtype=bool) if j_mql is None else cohort.reached[:, j_mql]
    rows = cohort.rows[is_mql]
    sub = leads.iloc[rows]
    n = len(rows)
    mql_day = cohort.days[is_mql, j_mql] if j_mql is not None else np.zeros(0, np.int64)
    later: tuple[np.ndarray, ...] = ()
    if j_mql is not None:
        later = tuple(cohort.days[is_mql, j] for j in range(j_mql + 1, len(reach.model.stages)))
    accepted = cohort.reached[is_mql, j_sal] if j_sal is not None else np.zeros(n, bool)
    detour = cohort.detour[is_mql]
    reason = text(sub, "rejection_reason")
    rejected = ~accepted & (detour[:, 1] | detour[:, 2] | reason.notna().to_numpy(dtype=bool))
    return _Mqls(rows, sub, mql_day, later, accepted, rejected, reason)


def _first_touch(
    leads: pd.DataFrame, activities: pd.DataFrame | None, m: _Mqls, as_day: int
) -> tuple[np.ndarray, bool]:
    """First touch day per MQL (:data:`NO_DATE` if none) and whether activities dated any.

    The earliest of a later stage's date, a detour date and a sales activity,
    on or after the MQL date.
    """
    big = np.iinfo(np.int64).max
    touch = np.full(len(m.rows), big, dtype=np.int64)
    candidates = [*m.later_days, *(day_column(m.sub, c, as_day) for c in _DETOUR_COLUMNS)]
    act_day, uses_acts = _first_activity_touch(leads, activities, m.rows, m.mql_day, as_day)
    candidates.append(act_day)
    for d in candidates:
        ok = (d != NO_DATE) & ((m.mql_day == NO_DATE) | (d >= m.mql_day))
        touch = np.where(ok & (d < touch), d, touch)
    return np.where(touch != big, touch, NO_DATE), uses_acts


def _sla(
    mql_day: np.ndarray, touch: np.ndarray, followed: np.ndarray, as_day: int, sla_days: int
) -> _Sla:
    """Days to first touch and SLA breaches (see the module docstring)."""
    has_touch = touch != NO_DATE
    known = mql_day != NO_DATE
    both = known & has_touch
    delta = np.where(both, touch - np.where(known, mql_day, 0), -1)
    waited = np.where(known, as_day - np.where(known, mql_day, 0), -1)
    # followed up without a date (e.g. accepted per current stage): not measurable
    measurable = known & (has_touch | ~followed)
    breach = measurable & ((both & (delta > sla_days)) | (~followed & (waited > sla_days)))
    return _Sla(both, delta, measurable, breach)


def _reasons(reason: pd.Series, rejected: np.ndarray) -> pd.DataFrame:
    """``reason, leads, share`` of rejected MQLs, most frequent first."""
    reasons = reason[rejected].fillna(UNKNOWN).value_counts(sort=True)
    n_rej = int(rejected.sum())
    return pd.DataFrame(
        {
            "reason": reasons.index.astype("string"),
            "leads": reasons.to_numpy(dtype=np.int64),
            "share": reasons.to_numpy(dtype=np.float64) / n_rej if n_rej else np.zeros(0),
        }
    )


def _table(m: _Mqls, touch: np.ndarray, followed: np.ndarray, sla: _Sla) -> pd.DataFrame:
    """One row per MQL (index of ``leads``), see :attr:`Handoff.table`."""
    index = m.sub.index

    def _ts(d: np.ndarray) -> pd.Series:
        vals = np.where(d == NO_DATE, np.iinfo(np.int64).min, d)
        ts = pd.to_datetime(vals.astype("datetime64[D]").astype("datetime64[ns]"))
        return pd.Series(ts, index=index).where(d != NO_DATE)

    table = pd.DataFrame(
        {
            "mql_at": _ts(m.mql_day),
            "first_touch_at": _ts(touch),
            "days_to_touch": pd.array(np.where(sla.both, sla.delta, 0), dtype="Int64"),
            "accepted": m.accepted,
            "rejected": m.rejected,
            "followed_up": followed,
            "sla_breach": sla.breach,
        },
        index=index,
    )
    table.loc[~sla.both, "days_to_touch"] = pd.NA
    return table


def handoff_metrics(
    leads: pd.DataFrame,
    reach: Reach,
    activities: pd.DataFrame | None = None,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    sla_days: int = 7,
    small_company: int = 50,
) -> Handoff:
    """Compute the hand-off metrics of leads created in ``[start, end]``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads ``reach`` was computed from (not modified).
    reach : Reach
        The funnel's reach (its ``as_of`` is the as-of date).
    activities : pandas.DataFrame, optional
        Canonical activities; sales touches date the first follow-up.
    start, end : pandas.Timestamp, optional
        Creation window (inclusive days).
    sla_days : int
        Days sales has to touch an MQL.
    small_company : int
        Employee count under which a company is small (for the rejection split).

    Returns
    -------
    Handoff
    """
    m = _mqls(leads, reach, start, end)
    as_day = reach.as_of_day
    touch, uses_acts = _first_touch(leads, activities, m, as_day)
    has_touch = touch != NO_DATE
    followed = m.accepted | m.rejected | has_touch
    sla = _sla(m.mql_day, touch, followed, as_day, sla_days)
    emp = number(m.sub, "employees")
    sized = m.rejected & ~np.isnan(emp)
    small = sized & (emp < small_company)
    unassigned = None
    if "owner" in m.sub.columns:
        unassigned = int(text(m.sub, "owner").isna().sum())
    n, n_acc, n_rej = len(m.rows), int(m.accepted.sum()), int(m.rejected.sum())
    return Handoff(
        mql=n,
        accepted=n_acc,
        rejected=n_rej,
        pending=n - n_acc - n_rej,
        acceptance_rate=rate(n_acc, n),
        rejection_rate=rate(n_rej, n),
        reasons=_reasons(m.reason, m.rejected),
        rejected_small=int(small.sum()),
        rejected_sized=int(sized.sum()),
        small_company=small_company,
        touched=int(has_touch.sum()),
        median_days_to_touch=(
            float(np.median(sla.delta[sla.both])) if sla.both.any() else float("nan")
        ),
        never_followed_up=int((~followed).sum()),
        unassigned=unassigned,
        sla_days=sla_days,
        sla_measurable=int(sla.measurable.sum()),
        sla_breaches=int(sla.breach.sum()),
        sla_breach_rate=rate(int(sla.breach.sum()), int(sla.measurable.sum())),
        uses_activities=uses_acts,
        table=_table(m, touch, followed, sla),
        implied=tuple(
            k
            for k in reach.implied()
            if reach.model.stages[reach.model.index(k)].generic in ("mql", "sal")
        ),
    )


def follow_up_figure(h: Handoff, value: str) -> str:
    """A figure of sales' follow-up as written, or "—" when the data cannot tell
    (:attr:`Handoff.follow_up_measured`): the Gap page's tiles and the meeting report.

    Parameters
    ----------
    h : Handoff
    value : str
        The figure, formatted.

    Returns
    -------
    str
    """
    return value if h.follow_up_measured else "—"


def sla_figure(h: Handoff, value: str) -> str:
    """:func:`follow_up_figure` for the SLA breaches: "—" also when no MQL can be checked
    against the SLA (:attr:`Handoff.sla_measured`), as the days to first touch are then.

    Parameters
    ----------
    h : Handoff
    value : str
        The breaches, formatted.

    Returns
    -------
    str
    """
    return value if h.sla_measured else "—"


def acceptance_figure(h: Handoff, value: str) -> str:
    """:func:`follow_up_figure` for acceptance and rejection (:attr:`Handoff.acceptance_measured`)."""
    return value if h.acceptance_measured else "—"
