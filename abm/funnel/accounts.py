"""Account-level waterfall (Demand-Unit thinking): engaged → MQA → opportunity → won.

Five inquiries from one company are one engaged account, not five chances.
Leads are grouped by ``account_id`` (written by 名寄せ) when the column exists;
leads without one — or every lead when the column is absent — fall back to a
simple normalised ``company`` key (NFKC, case-folded, legal forms such as
株式会社/(株)/Co., Ltd. and spaces removed).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from abm.core.opportunities import state_at
from abm.funnel.reach import Reach
from abm.resolve.normalise import normalise_company as resolve_company

__all__ = [
    "ACCOUNT_STAGES",
    "account_keys",
    "account_reach",
    "account_waterfall",
    "normalise_company",
]

#: Account stages in order.
ACCOUNT_STAGES: tuple[str, ...] = ("engaged", "mqa", "opportunity", "won")


def normalise_company(company: pd.Series) -> pd.Series:
    """Company key when no ``account_id`` is known: 名寄せ's exact-match key.

    The same normaliser as :func:`abm.resolve.normalise_company` (legal forms
    before or after the name, (株)/㈱, full- and half-width, spaces, English
    forms), so a fallback key never disagrees with 名寄せ on one name.

    Parameters
    ----------
    company : pandas.Series
        Company names as entered.

    Returns
    -------
    pandas.Series
        ``string`` dtype, named ``account_key``; ``NA`` for missing or empty names.
    """
    return resolve_company(company.astype("string")).rename("account_key")


def account_keys(leads: pd.DataFrame) -> pd.Series:
    """Account key per lead: ``account_id`` when present, else ``"co:" + normalised company``.

    Returns
    -------
    pandas.Series
        string dtype, ``NA`` when neither is known.
    """
    if "company" in leads.columns:
        key = "co:" + normalise_company(leads["company"])
    else:
        key = pd.Series(pd.NA, index=leads.index, dtype="string")
    if "account_id" in leads.columns:
        aid = leads["account_id"].astype("string")
        key = ("id:" + aid).fillna(key)
    return key.rename("account_key")


def _opportunity_keys(
    opportunities: pd.DataFrame, leads: pd.DataFrame, lead_keys: pd.Series
) -> pd.Series:
    """Account key per opportunity: by account_id, else via its lead, else company."""
    n = len(opportunities)
    key = pd.Series(pd.NA, index=opportunities.index, dtype="string")
    if "company" in opportunities.columns:
        key = "co:" + normalise_company(opportunities["company"])
    for col in ("email", "lead_id"):
        if col in opportunities.columns and col in leads.columns:
            lookup = pd.Series(lead_keys.to_numpy(), index=leads[col].astype("string"))
            lookup = lookup[lookup.index.notna() & lookup.notna()]
            lookup = lookup[~lookup.index.duplicated()]
            via = opportunities[col].astype("string").map(lookup)
            key = pd.Series(via.to_numpy(), index=opportunities.index, dtype="string").fillna(key)
    if "account_id" in opportunities.columns:
        key = ("id:" + opportunities["account_id"].astype("string")).fillna(key)
    return key if n else key.astype("string")


def account_reach(
    reach: Reach,
    leads: pd.DataFrame,
    opportunities: pd.DataFrame | None = None,
    *,
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
    opportunities : pandas.DataFrame, optional
        Opportunities created up to ``as_of`` make their account an
        opportunity; closed-won ones (close date up to ``as_of``) a win.
    mqa_stage : str
        Lead stage key whose leads qualify an account.
    mqa_min_leads : int
        Leads at ``mqa_stage`` or beyond needed for an MQA.
    opportunity_stage, won_stage : str
        Lead stage keys that also mark the account (ignored if absent).

    Returns
    -------
    pandas.DataFrame
        Index ``account_key``; columns ``leads``, ``mqa_leads`` and booleans
        ``engaged, mqa, opportunity, won``. Engaged: at least one lead not
        disqualified. In a strict reach each stage also requires the previous
        one; won always implies opportunity.
    """
    all_keys = account_keys(leads)
    keys = all_keys.iloc[reach.rows].reset_index(drop=True)
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
    opp = any_by(col(opportunity_stage))
    won = any_by(col(won_stage))
    if opportunities is not None and len(opportunities):
        okey = _opportunity_keys(opportunities, leads, all_keys)
        state = state_at(opportunities, reach.as_of)
        live, is_won = state.exists, state.won
        pos = pd.Index(uniques).get_indexer(okey.to_numpy(dtype=object, na_value=None))
        hit = pos >= 0
        opp[pos[hit & live]] = True
        won[pos[hit & is_won]] = True
    opp |= won
    if reach.strict:
        mqa &= engaged
        opp &= mqa
        won &= opp
    return pd.DataFrame(
        {
            "leads": n_leads,
            "mqa_leads": mqa_leads,
            "engaged": engaged,
            "mqa": mqa,
            "opportunity": opp,
            "won": won,
        },
        index=pd.Index(np.asarray(uniques, dtype=object), name="account_key"),
    )


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
