"""Opportunity facts as known at a prediction time: stage reached, deal age, an earlier win.

Inputs for "which opportunity will be won" (:data:`~abm.scoring.tasks.TASK_FAMILIES`);
never for "which lead will convert", where they are the outcome. Each fact
is read from dated records only, so a row's facts depend on nothing after
its cut:

* **stage reached** — the furthest of ``mql_at``, ``sal_at``, ``sql_at``
  before the cut, or ``opportunity`` when one of the lead's opportunities
  (or its ``opportunity_at``) was created on a day before the cut's day. An export's *current*
  phase is never read: it is written at the close, after every cut;
* **deal age** — days from the lead's latest such opportunity to the cut;
* **prior win** — the lead's account won a deal that closed before the cut.

:func:`deal_history` indexes the dated records once per dataset;
:func:`deal_facts` answers for any rows with a few ``searchsorted`` calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.keys import account_key, deal_person_pairs
from abm.core.opportunities import state_at
from abm.scoring.model import DEAL_AGES, DEAL_STAGES, ScoringModel

__all__ = ["DealFacts", "DealHistory", "deal_facts", "deal_history", "deal_points"]

_NEVER = np.iinfo(np.int64).max
_DAY_NS = 86_400 * 10**9
_AGE_EDGES = np.array([30, 90, 180])


@dataclass(frozen=True, eq=False)
class DealHistory:
    """Dated opportunity records of one dataset, indexed for :func:`deal_facts`."""

    stage_ns: np.ndarray  # (leads, 3): mql, sal, sql dates as int64 ns (never: max)
    opp_key: np.ndarray  # sorted lead * span + day of each opportunity's creation
    span: int
    day0: int
    lead_account: np.ndarray  # account code per lead
    first_win_ns: np.ndarray  # per account code: first won close (never: max)


@dataclass(frozen=True, eq=False)
class DealFacts:
    """Per-row opportunity facts (codes into :data:`DEAL_STAGES`, :data:`DEAL_AGES`)."""

    stage: np.ndarray
    age: np.ndarray
    prior_win: np.ndarray


def _ns(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), _NEVER, dtype=np.int64)
    d = pd.to_datetime(frame[col], errors="coerce").to_numpy("datetime64[ns]")
    return np.where(np.isnat(d), _NEVER, d.astype(np.int64))


def deal_history(
    leads: pd.DataFrame, opportunities: pd.DataFrame | None, *, as_of: pd.Timestamp
) -> DealHistory:
    """Index the leads' stage dates and the opportunities' dated facts.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical (prepared) leads: stage dates, ``account_id``.
    opportunities : pandas.DataFrame, optional
        Canonical opportunities linked to people and accounts
        (:func:`abm.pipeline.prepare`); won as of ``as_of`` by the one rule
        (:func:`abm.core.opportunities.state_at`).
    as_of : pandas.Timestamp

    Returns
    -------
    DealHistory
    """
    n = len(leads)
    stage = np.column_stack([_ns(leads, c) for c in ("mql_at", "sal_at", "sql_at")])
    opp_day = _ns(leads, "opportunity_at")
    owners = [np.arange(n)[opp_day < _NEVER]]
    days = [opp_day[opp_day < _NEVER]]
    acc_codes, acc_names = pd.factorize(account_key(leads).astype("string"), use_na_sentinel=True)
    first_win = np.full(len(acc_names) + 1, _NEVER, dtype=np.int64)
    if opportunities is not None and len(opportunities):
        # the leads that became the deal, as the funnel counts them: not its buying committee
        rows, pos = deal_person_pairs(opportunities, leads)
        created = _ns(opportunities, "created_at")[rows]
        ok = created < _NEVER
        owners.append(pos[ok])
        days.append(created[ok])
        won = state_at(opportunities, as_of).won
        closed = _ns(opportunities, "close_date")
        acc = pd.Index(acc_names).get_indexer(account_key(opportunities).astype("string"))
        hit = won & (closed < _NEVER) & (acc >= 0)
        if hit.any():
            np.minimum.at(first_win, acc[hit], closed[hit])
    owner = np.concatenate(owners).astype(np.int64)
    day = np.concatenate(days) // _DAY_NS
    day0 = int(day.min()) - 1 if len(day) else 0
    span = int(day.max()) - day0 + 2 if len(day) else 2
    key = np.sort(owner * span + (day - day0))
    lead_acc = np.where(acc_codes >= 0, acc_codes, len(acc_names)).astype(np.int64)
    return DealHistory(stage, key, span, day0, lead_acc, first_win)


def deal_facts(history: DealHistory, lead: np.ndarray, cut: np.ndarray) -> DealFacts:
    """Opportunity facts of each row (``lead`` position, ``cut`` datetime64) as of its cut."""
    cut_ns = np.asarray(cut, dtype="datetime64[ns]").astype(np.int64)
    reached = history.stage_ns[lead] < cut_ns[:, None]
    stage = np.where(reached.any(axis=1), 3 - np.argmax(reached[:, ::-1], axis=1), 0)
    cut_day = cut_ns // _DAY_NS - history.day0
    # the latest opportunity created on a day before the cut's (a date alone is not "before")
    key = lead * history.span + np.clip(cut_day - 1, 0, history.span - 1)
    i = np.searchsorted(history.opp_key, key, side="right") - 1
    found = np.zeros(len(lead), dtype=bool)
    age_days = np.zeros(len(lead), dtype=np.int64)
    if len(history.opp_key):
        j = np.clip(i, 0, None)
        prev = history.opp_key[j]
        found = (i >= 0) & (prev // history.span == lead)
        age_days = cut_day - prev % history.span
    stage = np.where(found, DEAL_STAGES.index("stage_opportunity"), stage).astype(np.int8)
    age = np.where(found, 1 + np.searchsorted(_AGE_EDGES, age_days, side="right"), 0)
    prior = history.first_win_ns[history.lead_account[lead]] < cut_ns
    return DealFacts(stage=stage, age=age.astype(np.int8), prior_win=prior)


def deal_points(facts: DealFacts | None, model: ScoringModel, n: int) -> np.ndarray:
    """Each row's opportunity-fact points under ``model`` (zeros without facts)."""
    if facts is None:
        return np.zeros(n, dtype=np.float32)
    stage = np.array([model.points("deal_stage")[c] for c in DEAL_STAGES], dtype=np.float32)
    age = np.array([model.points("deal_age")[c] for c in DEAL_AGES], dtype=np.float32)
    return (
        stage[facts.stage] + age[facts.age] + np.float32(model.prior_win_points) * facts.prior_win
    )
