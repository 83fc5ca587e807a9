"""Account-level waterfall (Demand-Unit thinking): engaged → MQA → opportunity → won.

Five inquiries from one company are one engaged account, not five chances.
Leads and opportunities are grouped by the ``account_id`` that
:func:`abm.pipeline.prepare` wrote (:func:`abm.core.keys.account_key`: 名寄せ's
account; an opportunity of a company with no lead has ``crm:<id>`` or
``co:<company>``), the same accounts every other page shows, under the same
names as the accounts page (:func:`account_names`): the accounts file's company
first, else 名寄せ's name of the leads, else an opportunity's company — never
the bare id.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from abm.core.keys import account_key
from abm.core.opportunities import state_at
from abm.funnel.reach import Reach

__all__ = ["ACCOUNT_STAGES", "account_names", "account_reach", "account_waterfall"]

#: Account stages in order.
ACCOUNT_STAGES: tuple[str, ...] = ("engaged", "mqa", "opportunity", "won")


def _deal_marks(
    opportunities: pd.DataFrame | None, accounts: pd.Index, as_of: pd.Timestamp
) -> tuple[np.ndarray, np.ndarray]:
    """Accounts (positions in ``accounts``) with an opportunity at ``as_of``, and with a win.

    An opportunity counts once created by ``as_of``; a win once closed-won by
    then (:func:`abm.core.opportunities.state_at`). Opportunities of accounts
    without a lead in the reach are not counted here.
    """
    opp = np.zeros(len(accounts), dtype=bool)
    won = np.zeros(len(accounts), dtype=bool)
    if opportunities is None or not len(opportunities):
        return opp, won
    state = state_at(opportunities, as_of)
    pos = accounts.get_indexer(account_key(opportunities).to_numpy(dtype=object, na_value=None))
    hit = pos >= 0
    opp[pos[hit & state.exists]] = True
    won[pos[hit & state.won]] = True
    return opp, won


def _first_by_key(frame: pd.DataFrame | None, column: str) -> pd.Series:
    """First non-missing ``column`` value per account key of ``frame`` (empty when absent)."""
    if frame is None or column not in frame.columns or not len(frame):
        return pd.Series(dtype="string")
    values = frame[column].astype("string")
    keys = account_key(frame)
    ok = (values.notna() & keys.notna()).to_numpy(dtype=bool)
    return values[ok].groupby(keys[ok].to_numpy(dtype=object), sort=False).first()


def account_names(
    keys: pd.Index | pd.Series,
    leads: pd.DataFrame,
    *,
    accounts: pd.DataFrame | None = None,
    opportunities: pd.DataFrame | None = None,
) -> pd.Series:
    """The name each account goes by on every page, for the account ids ``keys``.

    The order of :func:`abm.accounts.rollup_accounts`: the accounts file's
    ``company``, else the leads' ``account_name`` (名寄せ), else their
    ``company``, else an opportunity's ``company``.

    Returns
    -------
    pandas.Series
        ``string`` names indexed by ``keys`` (NA when nothing names the account).
    """
    index = pd.Index(keys, dtype=object)
    out = pd.Series(pd.NA, index=index, dtype="string")
    for frame, column in (
        (accounts, "company"),
        (leads, "account_name"),
        (leads, "company"),
        (opportunities, "company"),
    ):
        out = out.fillna(_first_by_key(frame, column).reindex(index))
    return out


def account_reach(
    reach: Reach,
    leads: pd.DataFrame,
    opportunities: pd.DataFrame | None = None,
    *,
    accounts: pd.DataFrame | None = None,
    mqa_stage: str = "mql",
    mqa_min_leads: int = 1,
    opportunity_stage: str = "opportunity",
    won_stage: str = "won",
) -> pd.DataFrame:
    """Per account, which account stages it reached at ``reach.as_of``.

    Parameters
    ----------
    reach : Reach
        Lead reach computed from ``leads``.
    leads : pandas.DataFrame
        Leads with their ``account_id`` (:func:`abm.pipeline.prepare`).
    opportunities : pandas.DataFrame, optional
        Opportunities with their ``account_id`` (:func:`abm.pipeline.prepare`):
        those created up to ``as_of`` make their account an opportunity;
        closed-won ones (close date up to ``as_of``) a win.
    accounts : pandas.DataFrame, optional
        The accounts file (with ``account_id``): its company names come first.
    mqa_stage : str
        Lead stage key whose leads qualify an account.
    mqa_min_leads : int
        Leads at ``mqa_stage`` or beyond needed for an MQA.
    opportunity_stage, won_stage : str
        Lead stage keys that also mark the account (ignored if absent).

    Returns
    -------
    pandas.DataFrame
        Index ``account_id``; columns ``account_name`` (:func:`account_names`,
        as the accounts page names it), ``leads``, ``mqa_leads`` and booleans
        ``engaged, mqa, opportunity, won``. Engaged: at least one lead not
        disqualified. In a strict reach each stage also requires the previous
        one (an account's deal counts once it is an MQA: ``attrs["deals_not_counted"]``
        says how many accounts with a deal are not counted at opportunity); won always
        implies opportunity.
    """
    keys = account_key(leads).iloc[reach.rows].reset_index(drop=True)
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    ok = codes >= 0
    size = len(uniques)
    c = codes[ok]

    def any_by(mask: np.ndarray) -> np.ndarray:
        return np.bincount(c, weights=mask[ok], minlength=size) > 0

    def col(key: str) -> np.ndarray:
        if key in reach.model.keys:
            return reach.reached[:, reach.model.index(key)]
        return np.zeros(reach.n, dtype=bool)

    n_leads = np.bincount(c, minlength=size)
    mqa_leads = np.bincount(c, weights=col(mqa_stage)[ok], minlength=size).astype(np.int64)
    engaged = any_by(~reach.detour[:, 2])
    mqa = mqa_leads >= mqa_min_leads
    deal_opp, deal_won = _deal_marks(opportunities, pd.Index(uniques), reach.as_of)
    won = any_by(col(won_stage)) | deal_won
    opp = any_by(col(opportunity_stage)) | deal_opp | won
    if reach.strict:
        mqa &= engaged
        opp &= mqa
        won &= opp
    out = pd.DataFrame(
        {
            "account_name": account_names(
                pd.Index(np.asarray(uniques, dtype=object)),
                leads,
                accounts=accounts,
                opportunities=opportunities,
            ).to_numpy(),
            "leads": n_leads,
            "mqa_leads": mqa_leads,
            "engaged": engaged,
            "mqa": mqa,
            "opportunity": opp,
            "won": won,
        },
        index=pd.Index(np.asarray(uniques, dtype=object), name="account_id"),
    )
    # in a strict reach an account's deal counts once the account is an MQA: say how many not
    out.attrs["deals_not_counted"] = int(((deal_opp | deal_won) & ~opp).sum())
    return out


def account_waterfall(
    accounts: pd.DataFrame, stages: Sequence[str] = ACCOUNT_STAGES
) -> pd.DataFrame:
    """Counts and conversion of an :func:`account_reach` table.

    Returns
    -------
    pandas.DataFrame
        Columns ``stage, count, next_rate, cumulative_rate, drop_off``.
    """
    counts = np.array([int(accounts[s].sum()) for s in stages], dtype=np.int64)
    prev = np.concatenate([[0], counts[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        next_rate = np.where(prev > 0, counts / np.maximum(prev, 1), np.nan)
        cum = np.where(counts[0] > 0, counts / max(counts[0], 1), np.nan)
    next_rate[0] = np.nan
    drop = prev - counts
    drop[0] = 0
    return pd.DataFrame(
        {
            "stage": list(stages),
            "count": counts,
            "next_rate": next_rate,
            "cumulative_rate": cum,
            "drop_off": drop,
        }
    )
