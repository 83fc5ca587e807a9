"""What a score predicts: two named tasks, and each lead's outcome for them.

* ``converted`` — *which lead will become an opportunity*: a lead is positive
  when its first opportunity is created within ``horizon_days`` after its
  prediction time. Opportunity facts are refused as inputs (they *are* the
  outcome).
* ``won_vs_lost`` — *which opportunity will be won*: among leads whose deal
  was decided (won or lost by ``as_of``), won against lost — never won
  against everybody else. Opportunity facts known at the prediction time
  (stage reached, deal age, an earlier win at the account) are legitimate.

Outcomes come from every file that says them, through the one rule of
:mod:`abm.core.opportunities`: opportunities linked to a person
(:func:`abm.core.opportunities.person_deals`, the funnel's rule too), won / lost from
their flags else their phase (a phase-only report counts), state on the as-of day;
then the leads' own stage dates (``opportunity_at``, ``won_at``, ``lost_at``) for
leads no linked opportunity speaks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from abm.core.opportunities import person_deals
from abm.core.phases import PhaseVocabulary

__all__ = [
    "FAMILIES",
    "TASKS",
    "TASK_FAMILIES",
    "LeadOutcomes",
    "lead_outcomes",
]

#: Named tasks, in the order the page offers them.
TASKS: tuple[str, ...] = ("converted", "won_vs_lost")
#: Feature families: fit fields, marketing activity, sales activity, opportunity facts.
FAMILIES: tuple[str, ...] = ("fit", "marketing", "sales", "opportunity")
#: Families each task may learn from (opportunity facts only where they precede the outcome).
TASK_FAMILIES: dict[str, tuple[str, ...]] = {
    "converted": ("fit", "marketing", "sales"),
    "won_vs_lost": FAMILIES,
}
_NAT = np.datetime64("NaT", "ns")


@dataclass(frozen=True, eq=False)
class LeadOutcomes:
    """Each lead's outcomes on the as-of day (positional arrays).

    Attributes
    ----------
    opportunity_at : numpy.ndarray of datetime64[ns]
        When the lead's first opportunity was created (``NaT``: none known,
        or its date is unknown — see ``converted``).
    converted : numpy.ndarray of bool
        The lead had an opportunity by ``as_of`` (dated or not).
    deal_created, decided_at : numpy.ndarray of datetime64[ns]
        Creation and close date of the lead's deciding deal: its first
        opportunity that was won or lost by ``as_of``.
    won, lost : numpy.ndarray of bool
        That deal was won / lost (exclusive; both false: no decided deal).
    sources : dict of str to int
        ``opportunities`` (rows existing on the as-of day), ``linked`` (of
        those, linked to a lead), ``unlinked`` (not linked to a person: they
        cannot be anybody's outcome), ``from_opportunities`` and
        ``from_stage_dates`` (leads whose outcome each source gave).
    """

    opportunity_at: np.ndarray
    converted: np.ndarray
    deal_created: np.ndarray
    decided_at: np.ndarray
    won: np.ndarray
    lost: np.ndarray
    sources: dict[str, int] = field(default_factory=dict)

    def positives(self, task: str) -> int:
        """Leads that reached the task's positive outcome by ``as_of`` (any date)."""
        return int((self.converted if task == "converted" else self.won).sum())

    def negatives(self, task: str) -> int:
        """Leads on the task's negative side by ``as_of`` (not converted; lost)."""
        return int((~self.converted if task == "converted" else self.lost).sum())

    def available(self) -> tuple[str, ...]:
        """Tasks with at least one positive and one negative lead."""
        return tuple(t for t in TASKS if self.positives(t) and self.negatives(t))


def _dates(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), _NAT)
    return pd.to_datetime(frame[col], errors="coerce").to_numpy(dtype="datetime64[ns]")


def _late(dates: np.ndarray) -> np.ndarray:
    """Sort keys of ``dates`` with NaT last."""
    return np.where(np.isnat(dates), np.iinfo(np.int64).max, dates.astype(np.int64))


def _not_after(dates: np.ndarray, as_of: np.datetime64) -> np.ndarray:
    """``dates`` with those after the as-of day set to NaT (not yet happened)."""
    day_end = as_of + np.timedelta64(1, "D")
    return np.where(~np.isnat(dates) & (dates >= day_end), _NAT, dates)


def _from_opportunities(
    leads: pd.DataFrame,
    opps: pd.DataFrame,
    as_of: pd.Timestamp,
    vocabulary: PhaseVocabulary | None,
) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    n = len(leads)
    deals = person_deals(leads, opps, as_of, vocabulary=vocabulary)
    # per pair (an opportunity and one of its people): a deal with several contacts counts
    # for each of them
    at, pos, state = deals.rows, deals.positions, deals.state
    created = _dates(opps, "created_at")[at]
    closed_on = _dates(opps, "close_date")[at]
    out = {"opportunity_at": deals.opened_at, "converted": deals.opened}
    closed = np.flatnonzero(deals.used & state.closed[at])
    order = np.lexsort((_late(closed_on[closed]), _late(created[closed]), pos[closed]))
    rows = closed[order]
    keep = rows[np.r_[True, pos[rows][1:] != pos[rows][:-1]]] if len(rows) else rows
    won, lost = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    deal_created, decided = np.full(n, _NAT), np.full(n, _NAT)
    won[pos[keep]] = state.won[at[keep]]
    lost[pos[keep]] = state.lost[at[keep]]
    deal_created[pos[keep]] = created[keep]
    decided[pos[keep]] = closed_on[keep]
    out.update(won=won, lost=lost, deal_created=deal_created, decided_at=decided)
    linked = deals.linked
    counts = {
        "opportunities": int(state.exists.sum()),
        "linked": int((state.exists & linked).sum()),
        "unlinked": int((state.exists & ~linked).sum()),
    }
    return out, counts


def lead_outcomes(
    leads: pd.DataFrame,
    opportunities: pd.DataFrame | None = None,
    *,
    as_of: pd.Timestamp,
    vocabulary: PhaseVocabulary | None = None,
) -> LeadOutcomes:
    """Each lead's outcomes on the as-of day, from opportunities and stage dates.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical (prepared) leads; their stage dates ``opportunity_at``,
        ``won_at``, ``lost_at`` are used where present.
    opportunities : pandas.DataFrame, optional
        Canonical opportunities, linked to people (``lead_id``, ``link_rule``
        from :func:`abm.pipeline.prepare`); ``outcome`` where loaded, else
        flags, else phase (:func:`abm.core.opportunities.state_at`).
    as_of : pandas.Timestamp
        Nothing after this day is an outcome.
    vocabulary : PhaseVocabulary, optional
        Phase words when an outcome must be derived here.

    Returns
    -------
    LeadOutcomes
        A lead's first opportunity is the earlier of its linked opportunities'
        creation and its ``opportunity_at``; its deciding deal is its first
        linked opportunity decided by ``as_of``, else ``won_at`` (won) or
        ``opportunity_at`` with ``lost_at`` (lost).
    """
    n = len(leads)
    day = np.datetime64(pd.Timestamp(as_of).normalize().to_datetime64(), "ns")
    first, has = np.full(n, _NAT), np.zeros(n, dtype=bool)
    won, lost = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    deal_created, decided = np.full(n, _NAT), np.full(n, _NAT)
    counts = {"opportunities": 0, "linked": 0, "unlinked": 0}
    if opportunities is not None and len(opportunities) and n:
        got, counts = _from_opportunities(leads, opportunities, as_of, vocabulary)
        first, has = got["opportunity_at"], got["converted"]
        won, lost = got["won"], got["lost"]
        deal_created, decided = got["deal_created"], got["decided_at"]
    from_opps = int((has | won | lost).sum())
    opp_at = _not_after(_dates(leads, "opportunity_at"), day)
    won_at = _not_after(_dates(leads, "won_at"), day)
    lost_at = _not_after(_dates(leads, "lost_at"), day)
    stage_first = np.where(np.isnat(opp_at), won_at, opp_at)  # a won lead was an opportunity
    stage_said = ~np.isnat(stage_first)
    earlier = ~np.isnat(stage_first) & (np.isnat(first) | (stage_first < first))
    first = np.where(earlier, stage_first, first)
    undecided = ~won & ~lost
    stage_won = undecided & ~np.isnat(won_at)
    stage_lost = undecided & ~stage_won & ~np.isnat(lost_at) & ~np.isnat(opp_at)
    won, lost = won | stage_won, lost | stage_lost
    stage_deal = stage_won | stage_lost
    deal_created = np.where(stage_deal, opp_at, deal_created)
    decided = np.where(stage_won, won_at, np.where(stage_lost, lost_at, decided))
    from_stage = int(((stage_said & ~has) | stage_deal).sum())
    counts = {**counts, "from_opportunities": from_opps, "from_stage_dates": from_stage}
    return LeadOutcomes(
        opportunity_at=first,
        converted=has | stage_said,
        deal_created=deal_created,
        decided_at=decided,
        won=won,
        lost=lost,
        sources=counts,
    )
