"""Opportunity state at an as-of date: the one rule every page uses.

An opportunity's *outcome* is what the export says happened in the end —
``won``, ``lost`` or ``open`` — from its flags, else its phase
(:func:`outcomes`). Its *state at as_of* is what was true on that day
(:func:`state_at`):

* it **exists** when it was created on or before the as-of day (no creation
  date: it exists);
* it is **closed** on the as-of day when its outcome is won or lost and its
  close date is on or before that day — days, not instants: a deal closed at
  15:00 on the as-of day is closed that day; a won or lost deal without a
  close date is closed;
* **won** / **lost** = closed with that outcome; **open** = exists and not
  closed (a deal that closes after the as-of day was still open then).

Flags win over phases: ``is_won`` true means won (a won deal is closed, even
when ``is_closed`` says false or is missing); ``is_closed`` true with
``is_won`` false means lost; ``is_closed`` true with ``is_won`` unknown takes
the phase's word (won if the phase says so, else lost); ``is_closed`` false
means open. Without usable flags the phase decides
(:class:`abm.core.phases.PhaseVocabulary`); an unknown or missing phase is open.

A *person's deals* (:func:`person_deals`) are the opportunities linked to that person
(``link_rule`` a person rule, :data:`abm.core.keys.PERSON_RULES`) that exist on the
as-of day: the funnel counts their person as having reached 商談化 (受注 when one is won),
and scoring's back-test reads the same first deal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.keys import deal_person_pairs
from abm.core.phases import PhaseVocabulary
from abm.core.text import normalise_value

__all__ = [
    "OpportunityState",
    "PersonDeals",
    "closed_after",
    "closed_outcome",
    "outcome_sources",
    "outcomes",
    "outcomes_and_sources",
    "person_deals",
    "phase_named",
    "state_at",
]


def _flag(frame: pd.DataFrame, col: str) -> pd.Series:
    """A nullable boolean column (all NA when absent)."""
    if col not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="boolean")
    return frame[col].astype("boolean")


def phase_named(opportunities: pd.DataFrame) -> np.ndarray:
    """Rows whose ``stage`` names a phase, as a bool array: something is left of it once
    normalised for lookup (:func:`abm.core.text.normalise_value`; ``-`` or ``()`` name none).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        With or without a ``stage`` column.

    Returns
    -------
    numpy.ndarray
        bool ``(n,)``; all false without a ``stage`` column.
    """
    if "stage" not in opportunities.columns:
        return np.zeros(len(opportunities), dtype=bool)
    codes, uniques = pd.factorize(opportunities["stage"].astype("string"), use_na_sentinel=True)
    named = np.array([normalise_value(u) != "" for u in uniques.tolist()] + [False], dtype=bool)
    return named[codes]


def _outcome_and_source(
    opportunities: pd.DataFrame, vocabulary: PhaseVocabulary | None
) -> tuple[np.ndarray, np.ndarray]:
    won, closed = _flag(opportunities, "is_won"), _flag(opportunities, "is_closed")
    if "stage" in opportunities.columns:
        said = (vocabulary or PhaseVocabulary()).outcomes(opportunities["stage"])
    else:
        said = pd.Series(pd.NA, index=opportunities.index, dtype="string")
    said_v = said.fillna("").to_numpy(dtype=object)
    w_true = won.fillna(False).to_numpy(dtype=bool)
    w_false = (~won).fillna(False).to_numpy(dtype=bool)
    c_true = closed.fillna(False).to_numpy(dtype=bool)
    c_false = (~closed).fillna(False).to_numpy(dtype=bool)
    phase_won, phase_lost = said_v == "won", said_v == "lost"
    conditions = [
        w_true,
        c_true & w_false,
        c_true & phase_won,
        c_true,
        c_false,
        w_false,
        phase_won,
        phase_lost,
    ]
    outcome = np.select(
        conditions, ["won", "lost", "won", "lost", "open", "lost", "won", "lost"], default="open"
    )
    source = np.select(
        conditions,
        ["flags", "flags", "phase", "flags", "flags", "flags", "phase", "phase"],
        default=np.where(said_v == "open", "phase", "unknown"),
    )
    # is_won false with no closed flag: a known loss unless the phase says open. An
    # unchecked 受注 box does not close a deal whose phase Mori does not know (a CRM's own
    # stage names): that deal stays open, counted as unknown so the load report asks.
    no_closed = w_false & ~c_true & ~c_false
    reopen = no_closed & (said_v == "open")
    outcome[reopen], source[reopen] = "open", "phase"
    unread = no_closed & (said_v == "")
    if unread.any():
        unread &= phase_named(opportunities)
        outcome[unread], source[unread] = "open", "unknown"
    return outcome.astype(object), source.astype(object)


def outcomes(opportunities: pd.DataFrame, vocabulary: PhaseVocabulary | None = None) -> pd.Series:
    """Final outcome of each opportunity: ``"won"``, ``"lost"`` or ``"open"``.

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities (``is_won``, ``is_closed``, ``stage``; any may
        be absent). Not modified.
    vocabulary : PhaseVocabulary, optional
        Phase words (defaults when omitted).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index.
    """
    outcome, _ = _outcome_and_source(opportunities, vocabulary)
    return pd.Series(outcome, index=opportunities.index, dtype="string")


def outcome_sources(
    opportunities: pd.DataFrame, vocabulary: PhaseVocabulary | None = None
) -> pd.Series:
    """Where each outcome came from: ``"flags"``, ``"phase"`` or ``"unknown"`` (open by default).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index.
    """
    _, source = _outcome_and_source(opportunities, vocabulary)
    return pd.Series(source, index=opportunities.index, dtype="string")


def outcomes_and_sources(
    opportunities: pd.DataFrame, vocabulary: PhaseVocabulary | None = None
) -> tuple[pd.Series, pd.Series]:
    """:func:`outcomes` and :func:`outcome_sources` from one reading of the flags and phases.

    Returns
    -------
    (pandas.Series, pandas.Series)
        Outcome and source, ``string`` dtype, same index.
    """
    outcome, source = _outcome_and_source(opportunities, vocabulary)
    index = opportunities.index
    return pd.Series(outcome, index=index, dtype="string"), pd.Series(
        source, index=index, dtype="string"
    )


@dataclass(frozen=True)
class OpportunityState:
    """Boolean arrays aligned with the opportunities frame (see the module docstring)."""

    exists: np.ndarray
    open: np.ndarray
    won: np.ndarray
    lost: np.ndarray

    @property
    def closed(self) -> np.ndarray:
        """Won or lost by the as-of day."""
        return self.won | self.lost


def _when(frame: pd.DataFrame, col: str) -> pd.Series | None:
    if col not in frame.columns:
        return None
    return pd.to_datetime(frame[col], errors="coerce")


def _day(frame: pd.DataFrame, col: str) -> pd.Series | None:
    when = _when(frame, col)
    return None if when is None else when.dt.normalize()


def _outcome_array(opportunities: pd.DataFrame, vocabulary: PhaseVocabulary | None) -> np.ndarray:
    """Each deal's outcome: the ``outcome`` column written at load, derived where missing."""
    if "outcome" not in opportunities.columns:
        return _outcome_and_source(opportunities, vocabulary)[0]
    given = opportunities["outcome"].astype("string")
    missing = given.isna().to_numpy(dtype=bool)
    if not missing.any():
        return given.to_numpy(dtype=object)
    derived, _ = _outcome_and_source(opportunities, vocabulary)  # rows added after load
    return np.where(missing, derived, given.to_numpy(dtype=object))


def closed_outcome(
    opportunities: pd.DataFrame, vocabulary: PhaseVocabulary | None = None
) -> np.ndarray:
    """Deals whose outcome is won or lost (the ``outcome`` column written at load, derived
    where missing), whatever their close date.

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities.
    vocabulary : PhaseVocabulary, optional
        Phase words, where a deal's outcome must be derived.

    Returns
    -------
    numpy.ndarray
        bool ``(n,)``.
    """
    return np.isin(_outcome_array(opportunities, vocabulary), ["won", "lost"])


def state_at(
    opportunities: pd.DataFrame,
    as_of: pd.Timestamp,
    *,
    vocabulary: PhaseVocabulary | None = None,
) -> OpportunityState:
    """State of each opportunity on the as-of day (inclusive).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities; the ``outcome`` column (from
        :func:`outcomes`, written at load by :func:`abm.ingest.build_batch`
        with the workspace's phases) is used where present; rows without it
        are derived here.
    as_of : pandas.Timestamp
        The as-of day; its time of day is ignored.
    vocabulary : PhaseVocabulary, optional
        Phase words, when the outcome must be derived.

    Returns
    -------
    OpportunityState
    """
    day = pd.Timestamp(as_of).normalize()
    n = len(opportunities)
    outcome = _outcome_array(opportunities, vocabulary)
    created = _day(opportunities, "created_at")
    exists = np.ones(n, bool) if created is None else ~(created > day).fillna(False).to_numpy(bool)
    closing = _day(opportunities, "close_date")
    closed_by = (
        np.ones(n, bool) if closing is None else ~(closing > day).fillna(False).to_numpy(bool)
    )
    won = exists & closed_by & (outcome == "won")
    lost = exists & closed_by & (outcome == "lost")
    return OpportunityState(exists=exists, open=exists & ~won & ~lost, won=won, lost=lost)


def closed_after(
    opportunities: pd.DataFrame,
    as_of: pd.Timestamp,
    *,
    until: pd.Timestamp,
    vocabulary: PhaseVocabulary | None = None,
) -> tuple[int, pd.Timestamp | None]:
    """Deals won or lost after the as-of day (up to ``until``), which are open on it.

    The default as-of date counts closed deals' close dates up to today
    (:meth:`abm.dataset.Dataset.as_of_default`), so this finds deals only for a day the user
    chose before the last of them; such a user is told how many and until when.

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities (``outcome``, ``close_date``, optional ``created_at``).
    as_of : pandas.Timestamp
        The as-of day.
    until : pandas.Timestamp
        The last close date that counts (today: a later one is a typo or a plan).
    vocabulary : PhaseVocabulary, optional
        Phase words, where a deal's outcome must be derived (as :func:`state_at`).

    Returns
    -------
    (int, pandas.Timestamp or None)
        How many deals existed by the as-of day and closed (won or lost) after it, and the
        last of their close dates.
    """
    closing = _day(opportunities, "close_date")
    if closing is None or not len(opportunities):
        return 0, None
    day = pd.Timestamp(as_of).normalize()
    outcome = _outcome_array(opportunities, vocabulary)
    created = _day(opportunities, "created_at")
    late = (closing > day) & (closing <= pd.Timestamp(until).normalize())
    if created is not None:
        late &= ~(created > day)
    late = late.fillna(False).to_numpy(dtype=bool) & np.isin(outcome, ["won", "lost"])
    if not late.any():
        return 0, None
    return int(late.sum()), pd.Timestamp(closing[late].max())


_NAT = np.datetime64("NaT", "ns")


@dataclass(frozen=True)
class PersonDeals:
    """Each lead's linked opportunities on the as-of day (see :func:`person_deals`).

    An opportunity reaches each person it names: its contact, and every contact of a deal
    associated with several (:func:`abm.core.keys.person_pairs`), one pair each — but not
    the members of its buying committee only a contact-role report adds
    (:func:`abm.core.keys.deal_person_pairs`): they did not become the deal.

    Attributes
    ----------
    rows : numpy.ndarray
        ``int64`` per pair: the opportunity's row (ascending).
    positions : numpy.ndarray
        ``int64`` per pair: the person's position in the leads.
    state : OpportunityState
        Each opportunity's state on the as-of day.
    opened : numpy.ndarray
        bool per lead: a linked opportunity exists on the as-of day.
    opened_at : numpy.ndarray
        ``datetime64[ns]`` per lead: the earliest creation of those (NaT when none is
        dated), as the file wrote it (time of day kept).
    won : numpy.ndarray
        bool per lead: a linked opportunity is won by the as-of day.
    won_at : numpy.ndarray
        ``datetime64[ns]`` per lead: the earliest close of the won ones (NaT when none
        is dated).
    lost : numpy.ndarray
        bool per lead: its linked opportunities are all lost by the as-of day.
    """

    rows: np.ndarray
    positions: np.ndarray
    state: OpportunityState
    opened: np.ndarray
    opened_at: np.ndarray
    won: np.ndarray
    won_at: np.ndarray
    lost: np.ndarray

    @property
    def used(self) -> np.ndarray:
        """bool per pair: its opportunity exists on the as-of day."""
        return self.state.exists[self.rows]

    @property
    def linked(self) -> np.ndarray:
        """bool per opportunity: it reaches a person."""
        out = np.zeros(len(self.state.exists), dtype=bool)
        out[self.rows] = True
        return out


def _first_per_person(
    pos: np.ndarray, days: pd.Series | None, rows: np.ndarray, n: int
) -> np.ndarray:
    """The earliest of ``days`` over ``rows``, per person position."""
    out = np.full(n, _NAT)
    if days is None or not rows.any():
        return out
    values = days.to_numpy(dtype="datetime64[ns]")
    dated = rows & ~np.isnat(values)
    if dated.any():
        first = pd.Series(values[dated]).groupby(pos[dated]).min()
        out[first.index.to_numpy()] = first.to_numpy(dtype="datetime64[ns]")
    return out


def person_deals(
    leads: pd.DataFrame,
    opportunities: pd.DataFrame,
    as_of: pd.Timestamp,
    *,
    vocabulary: PhaseVocabulary | None = None,
) -> PersonDeals:
    """Which leads have a linked opportunity on the as-of day, and which a won one.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical (prepared) leads.
    opportunities : pandas.DataFrame
        Canonical opportunities, linked to people by :func:`abm.pipeline.prepare`
        (``lead_id``, ``link_rule``); a frame never prepared links by ``lead_id``, else
        e-mail. An opportunity linked only to a company is nobody's.
    as_of : pandas.Timestamp
        The as-of day (:func:`state_at`).
    vocabulary : PhaseVocabulary, optional
        Phase words, where an outcome must be derived.

    Returns
    -------
    PersonDeals
        Arrays aligned with ``leads``.
    """
    n = len(leads)
    rows, pos = deal_person_pairs(opportunities, leads)  # not a deal's buying committee
    state = state_at(opportunities, as_of, vocabulary=vocabulary)
    used = state.exists[rows]
    won_pair = used & state.won[rows]
    opened, won = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    opened[pos[used]] = True
    won[pos[won_pair]] = True
    alive = np.zeros(n, dtype=bool)  # an open or won deal
    alive[pos[used & ~state.lost[rows]]] = True
    created, closed = _when(opportunities, "created_at"), _when(opportunities, "close_date")
    return PersonDeals(
        rows=rows,
        positions=pos,
        state=state,
        opened=opened,
        opened_at=_first_per_person(pos, None if created is None else created.iloc[rows], used, n),
        won=won,
        won_at=_first_per_person(pos, None if closed is None else closed.iloc[rows], won_pair, n),
        lost=opened & ~alive,
    )
