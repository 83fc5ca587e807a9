"""The two lenses on the same leads: marketing's and sales'.

Marketing values behaviour, lead count, web access and seeds for the future;
sales values the company, lead quality, budget and deals closable this term.
Both lenses take the same cohort (leads created in ``[start, end]``, as the
funnel counts them) and the same per-lead scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.activities import activity_kind_of
from abm.core.keys import account_key, of_people_not_analysed
from abm.funnel import NO_DATE, Reach, pipeline_summary
from abm.gap._common import UNKNOWN, group_text, number, rate, stage_index
from abm.gap.budget import budget_signal
from abm.gap.fiscal import closable_this_quarter, quarter_bounds, quarter_of
from abm.scoring.model import ScoringModel

__all__ = [
    "FIT_LETTERS",
    "WEB_KINDS",
    "MarketingLens",
    "SalesLens",
    "budget_signal",
    "fit_letters",
    "marketing_lens",
    "sales_lens",
]

#: Fit grades, best first (bands from the scoring model's ``fit_cuts``).
FIT_LETTERS: tuple[str, ...] = ("A", "B", "C", "D")
#: Activity kinds that are web visits.
WEB_KINDS: frozenset[str] = frozenset({"page_view", "pricing_page", "careers_page"})


@dataclass(frozen=True, eq=False)
class MarketingLens:
    """Marketing's view of the cohort.

    Attributes
    ----------
    leads, mql : int
        Leads created in the window and, of them, the funnel's MQLs.
    volume : pandas.DataFrame
        Leads by creation period (rows, ``period`` label) and ``lead_source`` by channel
        (columns: :func:`abm.core.channels.channel_keys`, missing -> ``"(unknown)"``).
    engagement_mean : float
        Mean engagement score of the cohort (NaN without leads).
    engaged : int
        Leads at or above the lowest engagement cut of the scoring model.
    nurture_pool : int
        Engaged leads not yet sales-ready: not an MQL in the funnel, not
        disqualified or lost.
    web_visits, page_views : float
        Sums of the MA tool's ``web_visits`` / ``page_views`` columns (NaN
        when absent).
    web_activities : int or None
        Web visits in the activity log within the window (``None`` without one): those
        of the people analysed and of visitors linked to nobody, not those of people the
        cleaning excluded (:func:`abm.core.keys.of_people_not_analysed`).
    undated : int
        Leads with no creation date that a closed window leaves out (QA-E: 15 Salesforce
        contacts left "Leads in period" without a word).
    engagement_measured : bool
        Whether an activity log gives the engagement score anything to count: without one
        every lead scores 0, and the engagement figures and findings say nothing (QA-R).
    """

    leads: int
    mql: int
    volume: pd.DataFrame
    engagement_mean: float
    engaged: int
    nurture_pool: int
    web_visits: float
    page_views: float
    web_activities: int | None
    undated: int = 0
    engagement_measured: bool = True


@dataclass(frozen=True, eq=False)
class SalesLens:
    """Sales' view of the same cohort.

    Attributes
    ----------
    leads : int
    target_leads : int or None
        Leads at target accounts (``None`` without an accounts table with
        ``is_target``).
    high_fit : int
        Leads with fit at or above the scoring model's ``fit_threshold``.
    fit_mix : pandas.Series
        Leads per fit grade :data:`FIT_LETTERS`.
    budget_yes, budget_no, budget_known : int or None
        Budget signal (``None`` when leads have no ``budget`` column).
    pipeline_value, weighted_value, won_value, win_rate : float
        From :func:`abm.funnel.pipeline_summary` (NaN without opportunities).
    closable, closable_value : int, float
        Open opportunities with a close date in the current fiscal quarter.
    quarter : tuple of (int, int)
        ``(fiscal_year, quarter)`` of ``as_of``.
    quarter_months : tuple of (int, int)
        The calendar months the quarter runs from and to (``(4, 6)``: April–June), so
        that "FY2026 Q1" never has to be guessed with another fiscal year in mind.
    """

    leads: int
    target_leads: int | None
    high_fit: int
    fit_mix: pd.Series
    budget_yes: int | None
    budget_no: int | None
    budget_known: int | None
    pipeline_value: float
    weighted_value: float
    won_value: float
    win_rate: float
    closable: int
    closable_value: float
    quarter: tuple[int, int]
    quarter_months: tuple[int, int]

    @property
    def target_share(self) -> float:
        """Share of leads at target accounts (NaN when unknown)."""
        return float("nan") if self.target_leads is None else rate(self.target_leads, self.leads)

    @property
    def high_fit_share(self) -> float:
        """Share of leads with a high fit score."""
        return rate(self.high_fit, self.leads)

    @property
    def budget_share(self) -> float:
        """Share of leads with a positive budget signal (NaN without a column)."""
        return float("nan") if self.budget_yes is None else rate(self.budget_yes, self.leads)


def fit_letters(fit: pd.Series | np.ndarray, model: ScoringModel) -> np.ndarray:
    """Fit grade letter per lead from the model's ``fit_cuts`` (missing -> D)."""
    x = np.asarray(pd.to_numeric(pd.Series(fit), errors="coerce"), dtype=np.float64)
    x = np.nan_to_num(x, nan=-np.inf)
    c = model.fit_cuts
    band = (x < c[0]).astype(np.int8) + (x < c[1]) + (x < c[2])
    return np.array(FIT_LETTERS, dtype=object)[band]


def _volume(leads: pd.DataFrame, rows: np.ndarray, period: str) -> pd.DataFrame:
    """Leads of ``rows`` by creation period and lead-source channel."""
    if "created_at" not in leads.columns or len(rows) == 0:
        return pd.DataFrame(index=pd.Index([], name="period", dtype="string"))
    created = leads["created_at"].iloc[rows]
    ok = created.notna().to_numpy(dtype=bool)
    per = created[ok].dt.to_period(period).astype("string")
    src = group_text(leads, "lead_source", rows).fillna(UNKNOWN)[ok]
    out = pd.crosstab(per.to_numpy(dtype=object), src.to_numpy(dtype=object))
    out.index = pd.Index(out.index.astype("string"), name="period")
    out.columns = pd.Index(out.columns.astype("string"), name="lead_source")
    return out.sort_index().astype(np.int64)


def marketing_lens(
    leads: pd.DataFrame,
    reach: Reach,
    scores: pd.DataFrame,
    model: ScoringModel,
    activities: pd.DataFrame | None = None,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    period: str = "M",
) -> MarketingLens:
    """Compute the marketing lens for leads created in ``[start, end]``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads ``reach`` was computed from.
    reach : Reach
    scores : pandas.DataFrame
        ``engagement_score`` per lead, aligned with ``leads``.
    model : ScoringModel
        Gives the lowest engagement cut ("engaged").
    activities : pandas.DataFrame, optional
    start, end : pandas.Timestamp, optional
    period : {"W", "M", "Q"}

    Returns
    -------
    MarketingLens
    """
    cohort = reach.created_between(start, end)
    sub = leads.iloc[cohort.rows]
    eng = number(scores.iloc[cohort.rows], "engagement_score")
    j_mql = stage_index(reach, "mql")
    is_mql = cohort.reached[:, j_mql] if j_mql is not None else np.zeros(cohort.n, bool)
    engaged = np.nan_to_num(eng, nan=-np.inf) >= model.engagement_cuts[-1]
    dropped = cohort.detour[:, 0] | cohort.detour[:, 2]
    web_acts = None
    if activities is not None and "timestamp" in activities.columns:
        types = (  # an activity file mapped without its type: every row of unknown kind
            activities["activity_type"]
            if "activity_type" in activities.columns
            else pd.Series(pd.NA, index=activities.index, dtype="string")
        )
        kind = (
            activity_kind_of(types, activities.get("url"), activities.get("origin"))
            if len(activities)
            else None
        )
        ts = activities["timestamp"].dt.normalize()
        ok = (ts <= reach.as_of.normalize()).fillna(False)
        if start is not None:
            ok &= (ts >= pd.Timestamp(start).normalize()).fillna(False)
        if end is not None:
            ok &= (ts <= pd.Timestamp(end).normalize()).fillna(False)
        web = kind.isin(WEB_KINDS) if kind is not None else ok & False
        # kept people's visits and unknown visitors', never an excluded person's
        ok &= ~of_people_not_analysed(activities, leads)
        web_acts = int((ok & web).sum())

    def total(col: str) -> float:
        v = number(sub, col)
        return float(np.nansum(v)) if col in sub.columns and (~np.isnan(v)).any() else float("nan")

    return MarketingLens(
        leads=cohort.n,
        mql=int(is_mql.sum()),
        volume=_volume(leads, cohort.rows, period),
        engagement_mean=float(np.nanmean(eng)) if (~np.isnan(eng)).any() else float("nan"),
        engaged=int(engaged.sum()),
        nurture_pool=int((engaged & ~is_mql & ~dropped).sum()),
        web_visits=total("web_visits"),
        page_views=total("page_views"),
        web_activities=web_acts,
        undated=int(((reach.created == NO_DATE) & ~reach.created_mask(start, end)).sum())
        if reach.dated_leads
        else 0,
        engagement_measured=activities is not None and len(activities) > 0,
    )


def _target_flags(sub: pd.DataFrame, accounts: pd.DataFrame | None) -> np.ndarray | None:
    if accounts is None or "is_target" not in accounts.columns or "company" not in sub.columns:
        return None
    target = accounts["is_target"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    if not target.any() or "company" not in accounts.columns:
        return np.zeros(len(sub), dtype=bool)
    # both carry 名寄せ's account (abm.pipeline.prepare): spelling variants agree
    ids = set(account_key(accounts)[target].dropna().tolist())
    return account_key(sub).isin(ids).fillna(False).to_numpy(dtype=bool)


def sales_lens(
    leads: pd.DataFrame,
    reach: Reach,
    scores: pd.DataFrame,
    model: ScoringModel,
    opportunities: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    fiscal_start_month: int = 4,
) -> SalesLens:
    """Compute the sales lens for leads created in ``[start, end]``.

    Parameters
    ----------
    leads, reach, scores, model
        As for :func:`marketing_lens` (``fit_score`` is used).
    opportunities : pandas.DataFrame, optional
        Pipeline figures come from opportunities created in the window; the
        closable count from all open ones closing this fiscal quarter.
    accounts : pandas.DataFrame, optional
        Target accounts (``is_target``) matched by normalised company name.
    start, end : pandas.Timestamp, optional
    fiscal_start_month : int

    Returns
    -------
    SalesLens
    """
    cohort = reach.created_between(start, end)
    sub = leads.iloc[cohort.rows]
    fit = number(scores.iloc[cohort.rows], "fit_score")
    letters = pd.Series(fit_letters(fit, model), dtype="string")
    mix = letters.value_counts().reindex(list(FIT_LETTERS), fill_value=0).astype(np.int64)
    mix.index.name = "fit_grade"
    targets = _target_flags(sub, accounts)
    b_yes = b_no = b_known = None
    if "budget" in sub.columns:
        sig = budget_signal(sub["budget"])
        b_yes, b_no = int((sig == "yes").sum()), int((sig == "no").sum())
        b_known = b_yes + b_no
    nan = float("nan")
    pipe, weighted, won_v, win = nan, nan, nan, nan
    closable, closable_v = 0, 0.0
    if opportunities is not None and len(opportunities):
        p = pipeline_summary(opportunities, as_of=reach.as_of, start=start, end=end)
        pipe, weighted, won_v, win = p.pipeline_value, p.weighted_value, p.won_value, p.win_rate
        mask = closable_this_quarter(
            opportunities, as_of=reach.as_of, start_month=fiscal_start_month
        )
        closable = int(mask.sum())
        closable_v = float(np.nansum(number(opportunities, "amount")[mask]))
    return SalesLens(
        leads=cohort.n,
        target_leads=None if targets is None else int(targets.sum()),
        high_fit=int((np.nan_to_num(fit, nan=-np.inf) >= model.fit_threshold).sum()),
        fit_mix=mix,
        budget_yes=b_yes,
        budget_no=b_no,
        budget_known=b_known,
        pipeline_value=pipe,
        weighted_value=weighted,
        won_value=won_v,
        win_rate=win,
        closable=closable,
        closable_value=closable_v,
        quarter=quarter_of(reach.as_of, fiscal_start_month),
        quarter_months=_months(quarter_bounds(reach.as_of, fiscal_start_month)),
    )


def _months(bounds: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[int, int]:
    return bounds[0].month, bounds[1].month
