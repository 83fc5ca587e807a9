"""Stage reached per lead: the reach matrix, computed once per model and as-of.

Three sources of truth:

* **dates** — canonical stage-date columns (``inquiry_at`` … ``won_at``, e.g.
  HubSpot "Date entered …"). A stage counts as reached when its date is on or
  before ``as_of``. A lead with at least one date after the first stage is
  placed from its dates; a stage of the model with no date column at all
  (e.g. MAL in exports that lack ``mal_at``) is passed when a later required
  stage is reached.
* **current stage** — a lead without such dates is placed at the highest
  stage implied by ``current_stage`` / ``lead_status`` through the
  :class:`~abm.funnel.stagemap.StageMap`; every required stage below it counts
  as reached (optional feeder stages only when the lead sits in them).
* **linked deals** — a lead with an opportunity linked to it (by id, e-mail or name
  within its account: :func:`abm.core.opportunities.person_deals`) that exists on
  ``as_of`` has reached the model's opportunity stage (商談化), and its won stage
  (受注) when one of those deals is won by then; a lead whose deals are all lost
  takes the lost detour (unless its own record says won), and a lead with a won deal
  takes none: it is counted at 受注, not also among the exits its record gives (a
  対象外 or 失注 status, an exit date — even one after the win). A deal associated with several
  contacts places each of them. A lead placed from its
  status (no stage dates of its own) reads a deal as a current stage that high (the
  required stages before it passed); a lead with stage dates of its own gets the deal's
  stages as one more dated stage (with a deal and no MQL date it skipped MQL, which
  strict mode does not count past). Where the deal adds the stage, its day there is the
  deal's creation (won: its close), no earlier than the lead's previous stage (a contact
  who joins a running deal; a deal logged after it closed). A deal never takes a stage
  away (a property test checks it on random small worlds). :attr:`Reach.by_deal` marks
  the leads counted at a deal's stage their own record does not reach. The model's
  first stage is every lead's: a deal adds nothing there.

:attr:`Reach.method` is ``"dates"`` when every lead was placed from dates (or
its status says no more than its dates), ``"current_stage"`` when none was,
``"mixed"`` otherwise; :attr:`Reach.skipped` counts date-placed leads that
reached a later required stage without an earlier one.

Every lead in the table has reached the first stage (being a lead *is* the
first stage); its date is the first stage's column or else ``created_at``.
Leads created after ``as_of`` are excluded (and counted).

All work is column-wise numpy; dates are stored as int64 day numbers since
1970-01-01 with :data:`NO_DATE` for "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.opportunities import person_deals
from abm.core.phases import PhaseVocabulary
from abm.funnel.models import DETOURS, FunnelModel
from abm.funnel.stagemap import StageMap, suggest_stage_map
from abm.funnel.vocab import normalise_value

__all__ = ["NO_DATE", "Reach", "compute_reach", "deal_stages", "to_days"]

#: Sentinel day number for "no date".
NO_DATE = np.iinfo(np.int64).min

_STATUS_COLUMNS = ("current_stage", "lead_status")


def to_days(values: pd.Series | pd.DatetimeIndex | np.ndarray) -> np.ndarray:
    """Convert datetimes to int64 day numbers (:data:`NO_DATE` for NaT)."""
    if isinstance(values, pd.Series) and not pd.api.types.is_datetime64_dtype(values.dtype):
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_localize(None)
        else:  # not canonical (text dates): parse, unparseable → no date
            values = pd.to_datetime(values, errors="coerce")
    arr = np.asarray(values, dtype="datetime64[ns]").astype("datetime64[D]")
    return arr.astype(np.int64)


def _day(ts: pd.Timestamp) -> int:
    return int(np.datetime64(pd.Timestamp(ts).normalize().to_datetime64(), "D").astype(np.int64))


@dataclass(frozen=True, eq=False)
class Reach:
    """The reach matrix of a set of leads under one model.

    Attributes
    ----------
    model : FunnelModel
    as_of : pandas.Timestamp
    strict : bool
        Whether :attr:`reached` was computed in strict (in-order) mode.
    rows : numpy.ndarray
        int64 positions (``iloc``) of the kept leads in the input frame.
    reached : numpy.ndarray
        bool ``(n, k)``: lead counted at stage (after strict/any-order rule).
    seen : numpy.ndarray
        bool ``(n, k)``: lead reached stage in any order (before the strict rule).
    days : numpy.ndarray
        int64 ``(n, k)`` day numbers of stage entry, :data:`NO_DATE` if unknown.
    created : numpy.ndarray
        int64 ``(n,)`` creation day (:data:`NO_DATE` if unknown).
    detour : numpy.ndarray
        bool ``(n, 3)`` for :data:`DETOURS` (lost, recycled, disqualified).
    by_dates : numpy.ndarray
        bool ``(n,)``: lead placed from stage dates (else from current stage).
    method : str
        ``"dates"``, ``"current_stage"`` or ``"mixed"``.
    skipped : int
        Leads with a later required stage but not an earlier one (dates only).
    out_of_order : int
        Leads with a stage date earlier than the previous required stage's date.
    excluded_future : int
        Leads created after ``as_of`` (not in the matrix).
    date_stages : tuple of str
        Stages whose date column holds at least one date up to ``as_of``.
    by_deal : numpy.ndarray
        bool ``(n,)``: the lead is counted at a linked opportunity's stage that its own
        status and dates do not reach (all false when no opportunities were given).
    dated_leads : bool
        Some lead given to :func:`compute_reach` has a creation date (those created after
        ``as_of`` included); else no creation window applies (:meth:`created_mask`). Decided
        over the whole input, so neither a filtered segment nor a moved as-of day switches
        the window off.
    evidenced : tuple of str or None
        Stages some lead is placed at by evidence of that stage itself: a date in its
        column, a current status mapped to it, or a linked deal at it (the first stage
        always). Any other stage is *implied*: counted only because a later required stage
        was reached (:meth:`implied`). None: not known (every stage counts as evidenced).
    """

    model: FunnelModel
    as_of: pd.Timestamp
    strict: bool
    rows: np.ndarray
    reached: np.ndarray
    seen: np.ndarray
    days: np.ndarray
    created: np.ndarray
    detour: np.ndarray
    by_dates: np.ndarray
    method: str
    skipped: int
    out_of_order: int
    excluded_future: int
    date_stages: tuple[str, ...] = ()
    by_deal: np.ndarray | None = None
    dated_leads: bool = True
    evidenced: tuple[str, ...] | None = None

    @property
    def n(self) -> int:
        """Number of leads in the matrix."""
        return int(self.rows.shape[0])

    @property
    def as_of_day(self) -> int:
        """``as_of`` as a day number."""
        return _day(self.as_of)

    def counts(self) -> np.ndarray:
        """Leads counted at each stage (column sums of :attr:`reached`)."""
        return self.reached.sum(axis=0).astype(np.int64)

    def subset(self, mask: np.ndarray) -> Reach:
        """Return the reach restricted to leads where ``mask`` is true.

        ``skipped`` and ``out_of_order`` are recomputed for the subset.
        """
        mask = np.asarray(mask, dtype=bool)
        seen = _stage_rows(self.seen, mask)
        days = _stage_rows(self.days, mask)
        return Reach(
            model=self.model,
            as_of=self.as_of,
            strict=self.strict,
            rows=self.rows[mask],
            reached=_stage_rows(self.reached, mask),
            seen=seen,
            days=days,
            created=self.created[mask],
            detour=_stage_rows(self.detour, mask),
            by_dates=self.by_dates[mask],
            method=self.method,
            skipped=_count_skips(self.model, seen, self.by_dates[mask]),
            out_of_order=_count_out_of_order(self.model, seen, days),
            excluded_future=self.excluded_future,
            date_stages=self.date_stages,
            by_deal=None if self.by_deal is None else self.by_deal[mask],
            dated_leads=self.dated_leads,
            evidenced=self.evidenced,
        )

    def implied(self) -> tuple[str, ...]:
        """Required stage keys counting leads only from later stages (no date, status or deal
        of their own): their conversions say nothing (a HubSpot export without SAL: SAL = SQL,
        100%)."""
        if self.evidenced is None:
            return ()
        counted = self.seen.sum(axis=0)
        return tuple(
            k
            for j, (k, stage) in enumerate(zip(self.model.keys, self.model.stages, strict=True))
            if k not in self.evidenced and not stage.optional and counted[j] > 0
        )  # an optional stage is never passed by a later one; a stage counting no lead is said
        # otherwise (abm.funnel.empty_stages)

    @property
    def from_deals(self) -> int:
        """Leads a linked opportunity placed higher than their own record (:attr:`by_deal`)."""
        return 0 if self.by_deal is None else int(self.by_deal.sum())

    def created_mask(self, start: pd.Timestamp | None, end: pd.Timestamp | None) -> np.ndarray:
        """Which leads were created in ``[start, end]``.

        Parameters
        ----------
        start, end : pandas.Timestamp or None
            Inclusive days; ``None`` leaves that side open (an open end keeps
            the undated leads, a closed one leaves them out). When no lead has a
            creation date (a lead list exported without one) no window applies:
            every lead is kept.

        Returns
        -------
        numpy.ndarray
            bool ``(n,)``.
        """
        mask = np.ones(self.n, dtype=bool)
        if not self.dated_leads:
            return mask
        if start is not None:
            mask &= self.created >= _day(start)
        if end is not None:
            mask &= (self.created <= _day(end)) & (self.created != NO_DATE)
        return mask

    def created_between(self, start: pd.Timestamp | None, end: pd.Timestamp | None) -> Reach:
        """Cohort of leads created in ``[start, end]`` (inclusive days): this reach itself
        when that is every lead."""
        mask = self.created_mask(start, end)
        return self if mask.all() else self.subset(mask)


def _stage_rows(matrix: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The rows of a ``(n, k)`` matrix where ``mask`` is true, stored a stage (column) at a
    time as :func:`compute_reach` builds them: the pages read one stage at a time, which in
    row order touches every row's every stage (about ten times slower at a million leads)."""
    return np.asfortranarray(matrix[mask])


def _count_skips(model: FunnelModel, seen: np.ndarray, by_dates: np.ndarray) -> int:
    req = [j for j, s in enumerate(model.stages) if not s.optional]
    if len(req) < 2 or seen.shape[0] == 0:
        return 0
    r = seen[:, req]
    later = np.logical_or.accumulate(r[:, ::-1], axis=1)[:, ::-1]
    skip = (~r[:, :-1] & later[:, 1:]).any(axis=1) & by_dates
    return int(skip.sum())


def _count_out_of_order(model: FunnelModel, seen: np.ndarray, days: np.ndarray) -> int:
    bad = np.zeros(seen.shape[0], dtype=bool)
    for j, p in enumerate(model.previous_required()):
        if p < 0:
            continue
        both = (days[:, j] != NO_DATE) & (days[:, p] != NO_DATE)
        bad |= both & (days[:, j] < days[:, p])
    return int(bad.sum())


def _status_positions(
    leads: pd.DataFrame, model: FunnelModel, stage_map: StageMap
) -> tuple[np.ndarray, np.ndarray]:
    """Highest model position implied by status columns, and detour codes."""
    n = len(leads)
    pos = np.full(n, -1, dtype=np.int64)
    det = np.zeros((n, len(DETOURS)), dtype=bool, order="F")
    table = stage_map.project(model)
    for col in _STATUS_COLUMNS:
        if col not in leads.columns:
            continue
        codes, uniques = pd.factorize(leads[col], use_na_sentinel=True)
        if len(uniques) == 0:
            continue
        hits = [table.get(normalise_value(u), (-1, "")) for u in uniques]
        upos = np.array([h[0] for h in hits] + [-1], dtype=np.int64)
        pos = np.maximum(pos, upos[codes])
        for d, name in enumerate(DETOURS):
            udet = np.array([h[1] == name for h in hits] + [False], dtype=bool)
            det[:, d] |= udet[codes]
    return pos, det


def _created_rows(leads: pd.DataFrame, as_day: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """Positions of leads created on or before ``as_day`` (or undated), their creation day,
    and whether any lead at all has a creation date."""
    if "created_at" in leads.columns:
        created_all = to_days(leads["created_at"])
        keep = created_all <= as_day  # NO_DATE is the smallest int64: kept
    else:
        created_all = np.full(len(leads), NO_DATE, dtype=np.int64)
        keep = np.ones(len(leads), dtype=bool)
    rows = np.flatnonzero(keep).astype(np.int64)
    return rows, created_all[rows], bool((created_all != NO_DATE).any())


def _stage_days(
    sub: pd.DataFrame, model: FunnelModel, as_day: int
) -> tuple[np.ndarray, np.ndarray]:
    """Day each lead entered each stage (dates after ``as_day`` ignored), and which
    stages have at least one date."""
    n, k = len(sub), len(model.stages)
    days = np.full((n, k), NO_DATE, dtype=np.int64, order="F")  # read a stage at a time
    present = np.zeros(k, dtype=bool)
    for j, col in enumerate(model.date_columns):
        if col in sub.columns:
            d = to_days(sub[col])
            d[d > as_day] = NO_DATE
            days[:, j] = d
            present[j] = bool((d != NO_DATE).any())
    return days, present


def _suggested_map(sub: pd.DataFrame) -> StageMap:
    """Stage map suggested from the leads' status values."""
    values = pd.concat(
        [sub[c] for c in _STATUS_COLUMNS if c in sub.columns] or [pd.Series(dtype="string")]
    )
    return suggest_stage_map(values)


def _seen(
    model: FunnelModel,
    days: np.ndarray,
    present: np.ndarray,
    has_dates: np.ndarray,
    pos: np.ndarray,
    lift: np.ndarray,
    deal_at: dict[int, np.ndarray],
) -> np.ndarray:
    """Stages each lead reached in any order, from its dates or its current stage.

    A lead with dates is placed from them; otherwise the current stage (``pos``)
    decides (optional stages only when the lead sits in them), its required stages up to
    ``lift`` too (its deals, read as a status). A linked deal adds its stage in both
    cases (``deal_at``: stage position -> bool per lead). A required stage without any
    date column is passed when a later required stage is.
    """
    n, k = days.shape
    seen = np.zeros((n, k), dtype=bool, order="F")
    later = np.zeros(n, dtype=bool)  # a later required stage was seen
    top = np.maximum(pos, lift)
    for j in range(k - 1, 0, -1):
        s = model.stages[j]
        inferred = (pos == j) if s.optional else (top >= j)
        deal = deal_at.get(j)
        if deal is not None:
            inferred = inferred | deal
        if present[j]:
            dated = days[:, j] != NO_DATE
            if deal is not None:  # a deal's stage, even when the deal has no date
                dated |= deal
            seen[:, j] = np.where(has_dates, dated, inferred)
        elif s.optional:
            seen[:, j] = inferred
        else:  # no dates for this stage: passing a later stage implies it
            seen[:, j] = inferred | (has_dates & later)
        if not s.optional:
            later |= seen[:, j]
    seen[:, 0] = True
    return seen


def _detour_dates(sub: pd.DataFrame, as_day: int) -> np.ndarray:
    """bool ``(n, 3)``: a :data:`DETOURS` date on or before ``as_day``."""
    det = np.zeros((len(sub), len(DETOURS)), dtype=bool, order="F")
    for d, name in enumerate(DETOURS):
        col = f"{name}_at"
        if col in sub.columns:
            dd = to_days(sub[col])
            det[:, d] = (dd != NO_DATE) & (dd <= as_day)
    return det


def _strict_reached(model: FunnelModel, seen: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Counted only after the previous required stage, and entered no earlier (if both dated)."""
    reached = seen.copy(order="K")
    prev = model.previous_required()
    for j in range(1, len(model.stages)):
        p = prev[j]
        unknown = (days[:, j] == NO_DATE) | (days[:, p] == NO_DATE)
        reached[:, j] = seen[:, j] & reached[:, p] & (unknown | (days[:, j] >= days[:, p]))
    return reached


def deal_stages(model: FunnelModel) -> tuple[int, int]:
    """Where a linked deal places a lead in ``model``.

    Parameters
    ----------
    model : FunnelModel

    Returns
    -------
    (int, int)
        Positions of the model's required opportunity and won stages, ``-1`` for none
        (and for the first stage, which every lead has reached).
    """
    found = {"opportunity": -1, "won": -1}
    for j, s in enumerate(model.stages):
        if j and not s.optional and s.generic in found:
            found[s.generic] = j
    return found["opportunity"], found["won"]


@dataclass(frozen=True)
class _LeadDeals:
    """The kept leads' linked deals: the stage each places them at (``deal_at``), the
    highest of those (``top``, ``-1``: none), whether that is above their own record
    (``above``) and whether their deals are all lost (``lost``)."""

    deal_at: dict[int, np.ndarray]
    top: np.ndarray
    above: np.ndarray
    lost: np.ndarray


def _with_deals(
    model: FunnelModel,
    leads: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    rows: np.ndarray,
    days: np.ndarray,
    pos: np.ndarray,
    as_of: pd.Timestamp,
    vocabulary: PhaseVocabulary | None,
) -> _LeadDeals:
    """The kept leads' linked deals; writes the deal's day (first creation; a won deal's
    close; never before the lead's previous stage's day) at the opportunity / won stage
    of the leads whose own status and dates do not reach that stage (``days`` is changed
    in place)."""
    n = rows.shape[0]
    nobody = np.zeros(n, dtype=bool)
    none = _LeadDeals({}, np.full(n, -1, dtype=np.int64), nobody, nobody)
    j_opp, j_won = deal_stages(model)
    if opportunities is None or not len(opportunities) or not n or max(j_opp, j_won) < 0:
        return none
    deals = person_deals(leads, opportunities, as_of, vocabulary=vocabulary)
    if not deals.opened.any():
        return none
    own_top = np.where(days != NO_DATE, np.arange(days.shape[1]), -1).max(axis=1, initial=-1)
    own = np.maximum(pos, own_top)  # the highest stage its status or its dates say
    deal_at: dict[int, np.ndarray] = {}
    top = np.full(n, -1, dtype=np.int64)
    prev = model.previous_required()
    for j, has, at in ((j_opp, deals.opened, deals.opened_at), (j_won, deals.won, deals.won_at)):
        if j < 0:
            continue
        mine = has[rows]
        deal_at[j] = mine
        top = np.where(mine, np.maximum(top, j), top)
        # the deal's day only where the deal adds the stage (a day the lead's own record
        # leaves unknown there stays unknown), and no earlier than the lead's previous
        # stage: a contact who joins a running deal, a deal logged after it closed
        adds = mine & (own < j)
        d = to_days(at[rows])
        before = days[:, prev[j]] if prev[j] >= 0 else np.full(n, NO_DATE, dtype=np.int64)
        d = np.where((d != NO_DATE) & (before != NO_DATE) & (d < before), before, d)
        days[:, j] = np.where(adds, d, days[:, j])
    above = top > own
    lost = deals.lost[rows]
    if j_won >= 0:  # a customer by its own record is not lost for a lost upsell
        lost = lost & (own < j_won)
    return _LeadDeals(deal_at, top, above, lost)


def compute_reach(
    leads: pd.DataFrame,
    model: FunnelModel,
    *,
    as_of: pd.Timestamp,
    stage_map: StageMap | None = None,
    strict: bool = True,
    opportunities: pd.DataFrame | None = None,
    vocabulary: PhaseVocabulary | None = None,
) -> Reach:
    """Compute the reach matrix of ``leads`` under ``model`` at ``as_of``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (any subset of columns; not modified).
    model : FunnelModel
        The waterfall.
    as_of : pandas.Timestamp
        Dates after this day are ignored; leads created after it are excluded.
    stage_map : StageMap, optional
        Mapping of ``current_stage`` / ``lead_status`` values; suggested from
        the data when omitted.
    strict : bool
        Strict: a lead counts at a stage only if it also counts at the previous
        required stage and entered it no earlier (when both dates are known).
        Any-order: a lead counts at every stage it reached.
    opportunities : pandas.DataFrame, optional
        Canonical opportunities linked to the leads (:func:`abm.pipeline.prepare`): a
        lead's linked deals place it at the opportunity / won stage (see the module).
    vocabulary : PhaseVocabulary, optional
        Phase words, where a deal's outcome must be derived.

    Returns
    -------
    Reach
    """
    as_day = _day(as_of)
    n_all = len(leads)
    rows, created, dated_leads = _created_rows(leads, as_day)
    sub = leads.iloc[rows] if len(rows) != n_all else leads
    n = len(rows)
    days, present = _stage_days(sub, model, as_day)
    later_cols = present.copy()
    later_cols[0] = False
    has_dates = (
        (days[:, later_cols] != NO_DATE).any(axis=1)
        if later_cols.any()
        else np.zeros(n, dtype=bool)
    )
    first = days[:, 0]
    days[:, 0] = np.where(first == NO_DATE, created, first)
    pos, det = _status_positions(
        sub, model, _suggested_map(sub) if stage_map is None else stage_map
    )
    deals = _with_deals(
        model, leads, opportunities, rows, days, pos, pd.Timestamp(as_of), vocabulary
    )
    # a lead placed from its status reads a deal as a status that high
    lift = np.where(has_dates, -1, deals.top)
    seen = _seen(model, days, present, has_dates, pos, lift, deals.deal_at)
    # Placed from the current stage only when it says more than the dates do.
    by_dates = has_dates | (later_cols.any() & (np.maximum(pos, lift) <= 0))
    det |= _detour_dates(sub, as_day)
    det[:, DETOURS.index("lost")] |= deals.lost
    j_won = deal_stages(model)[1]
    if j_won in deals.deal_at:  # counted at 受注, not also among its record's exits
        det[deals.deal_at[j_won]] = False  # (a 対象外 or 失注 status, an exit date)
    reached = _strict_reached(model, seen, days) if strict else seen.copy(order="K")
    # counted at its deal's stage (strict mode does not count a lead that skipped)
    by_deal = deals.above & reached[np.arange(n), np.maximum(deals.top, 0)]
    n_dates = int(by_dates.sum())
    method = "dates" if n_dates == n and n else "current_stage" if n_dates == 0 else "mixed"
    return Reach(
        model=model,
        as_of=pd.Timestamp(as_of),
        strict=strict,
        rows=rows,
        reached=reached,
        seen=seen,
        days=days,
        created=created,
        detour=det,
        by_dates=by_dates,
        method=method,
        skipped=_count_skips(model, seen, has_dates),
        out_of_order=_count_out_of_order(model, seen, days),
        excluded_future=int(n_all - n),
        date_stages=tuple(key for key, p in zip(model.keys, present, strict=True) if p),
        by_deal=by_deal,
        dated_leads=dated_leads,
        evidenced=tuple(
            key
            for j, key in enumerate(model.keys)
            if j == 0
            or present[j]
            or bool((pos == j).any())
            or (j in deals.deal_at and bool(deals.deal_at[j].any()))
        ),
    )
