"""Attach activities, opportunities and accounts rows to the leads' account keys.

Linking order (first that matches wins):

* activities → lead by ``lead_id``, else by case-folded ``email``;
* accounts → ``account_id`` when it is one of the leads' keys, else the
  account key of leads with the same company, else its own ``account_id``,
  else its company key (an account with no leads: whitespace);
* opportunities → the lead's key by ``lead_id`` or ``email``, else the CRM
  ``account_id`` (a leads' key or an uploaded account), else the company
  (through the leads', then the accounts' companies).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.accounts.keys import company_key

__all__ = ["account_rows_keys", "activity_lead_positions", "opportunity_keys"]


def _arrow(series: pd.Series) -> pa.ChunkedArray | pa.Array:
    return pa.array(series.astype("string"), type=pa.large_string(), from_pandas=True)


def _positions(ids: pd.Series, targets: pd.Series | None) -> np.ndarray:
    """Position of each target in ``ids`` (first occurrence), -1 when absent (Arrow hash lookup)."""
    if targets is None:
        return np.full(0, -1, dtype=np.int64)
    if len(ids) == 0 or len(targets) == 0:
        return np.full(len(targets), -1, dtype=np.int64)
    hit = pc.index_in(_arrow(targets), value_set=_arrow(ids), skip_nulls=True)
    return hit.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _member(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """Whether each of ``values`` is one of ``keys`` (missing is never a member)."""
    return _positions(keys, values) >= 0


def _lower(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.casefold()


def _lead_positions(frame: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    pos = np.full(len(frame), -1, dtype=np.int64)
    if "lead_id" in frame.columns and "lead_id" in leads.columns:
        pos = _positions(leads["lead_id"], frame["lead_id"])
    if "email" in frame.columns and "email" in leads.columns and (pos < 0).any():
        by_mail = _positions(_lower(leads["email"]), _lower(frame["email"]))
        pos = np.where(pos >= 0, pos, by_mail)
    return pos


def activity_lead_positions(activities: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    """Return, for each activity, the position of its lead in ``leads`` (-1 if none).

    Parameters
    ----------
    activities, leads : pandas.DataFrame
        Canonical activities and leads.

    Returns
    -------
    numpy.ndarray
        ``int64`` positions aligned with ``activities``.
    """
    return _lead_positions(activities, leads)


def _company_map(frame: pd.DataFrame, keys: pd.Series) -> pd.Series:
    """Company key -> the first account key carrying that company in ``frame``."""
    if "company" not in frame.columns:
        return pd.Series(dtype="string")
    codes, uniq = pd.factorize(frame["company"].astype("string"), use_na_sentinel=True)
    ok = codes >= 0
    _, first = np.unique(codes[ok], return_index=True)  # first row of each distinct name
    rows = np.flatnonzero(ok)[first]
    ck = company_key(pd.Series(uniq[codes[rows]], dtype="string"))
    pairs = pd.DataFrame({"ck": ck.to_numpy(), "key": keys.iloc[rows].to_numpy()}).dropna()
    pairs = pairs.drop_duplicates("ck", keep="first")
    return pd.Series(pairs["key"].to_numpy(), index=pairs["ck"].to_numpy(), dtype="string")


def _via_company(frame: pd.DataFrame, cmap: pd.Series, *, own: bool = True) -> pd.Series:
    """Map each row's company key through ``cmap``; unmapped rows keep their own key if ``own``."""
    if "company" not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    ck = company_key(frame["company"])
    mapped = pd.Series(
        cmap.reindex(ck.to_numpy(dtype=object, na_value=None)).to_numpy(),
        index=frame.index,
        dtype="string",
    )
    return mapped.fillna(ck) if own else mapped


def account_rows_keys(
    accounts: pd.DataFrame, leads: pd.DataFrame, lead_key: pd.Series, *, by_name: bool = True
) -> pd.Series:
    """Return the account key of each row of the accounts table.

    Parameters
    ----------
    accounts, leads : pandas.DataFrame
        Canonical accounts and leads.
    lead_key : pandas.Series
        Account key of each lead (:func:`abm.accounts.account_keys`).
    by_name : bool
        Give an account row whose id no lead carries the key of leads with
        the same company name. ``False`` when 名寄せ already linked the tables
        (:func:`abm.pipeline.prepare`): it compared the names itself, and
        kept apart on purpose what a name alone would join.

    Returns
    -------
    pandas.Series
        ``string`` keys aligned with ``accounts``.
    """
    if "account_id" not in accounts.columns:
        return _via_company(accounts, _company_map(leads, lead_key))
    ids = accounts["account_id"].astype("string")
    known = _member(ids, lead_key)
    if known.all():
        return ids
    # Not a leads' key: same company as some leads, else its own CRM id, else its company.
    out = ids.where(known)
    if by_name:
        rest = accounts.loc[~known]
        by_company = _via_company(rest, _company_map(leads, lead_key), own=False)
        out = out.fillna(by_company.reindex(accounts.index))
    out = out.fillna(ids)
    todo = out.isna().to_numpy()
    if todo.any():
        own = _via_company(accounts.loc[todo], pd.Series(dtype="string"))
        out = out.fillna(own.reindex(accounts.index))
    return out


def opportunity_keys(
    opportunities: pd.DataFrame,
    leads: pd.DataFrame,
    lead_key: pd.Series,
    accounts: pd.DataFrame | None = None,
    account_key: pd.Series | None = None,
    *,
    by_name: bool = True,
) -> pd.Series:
    """Return the account key of each opportunity.

    Parameters
    ----------
    opportunities, leads : pandas.DataFrame
        Canonical opportunities and leads.
    lead_key : pandas.Series
        Account key of each lead.
    accounts : pandas.DataFrame, optional
        Canonical accounts (to resolve the CRM ``account_id``).
    account_key : pandas.Series, optional
        Keys of ``accounts`` rows (:func:`account_rows_keys`).
    by_name : bool
        Link an opportunity that nothing else links by its company name (see
        :func:`account_rows_keys`).

    Returns
    -------
    pandas.Series
        ``string`` keys aligned with ``opportunities`` (``NA`` when nothing links).
    """
    pos = _lead_positions(opportunities, leads)
    keys_arr = lead_key.to_numpy(dtype=object, na_value=None)
    via_lead = np.where(pos >= 0, keys_arr[np.clip(pos, 0, None)] if len(keys_arr) else None, None)
    out = pd.Series(via_lead, index=opportunities.index, dtype="string")
    if "account_id" in opportunities.columns:
        ids = opportunities["account_id"].astype("string")
        direct = ids.where(_member(ids, lead_key))
        if accounts is not None and account_key is not None and "account_id" in accounts.columns:
            apos = _positions(accounts["account_id"], ids)
            akeys = account_key.to_numpy(dtype=object, na_value=None)
            via_acc = np.where(
                apos >= 0, akeys[np.clip(apos, 0, None)] if len(akeys) else None, None
            )
            direct = direct.fillna(pd.Series(via_acc, index=opportunities.index, dtype="string"))
        out = out.fillna(direct)
    todo = out.isna().to_numpy()
    if todo.any() and by_name:
        rest = opportunities.loc[todo]
        cmap = _company_map(leads, lead_key)
        if accounts is not None and account_key is not None:
            extra = _company_map(accounts, account_key)
            cmap = pd.concat([cmap, extra[~extra.index.isin(cmap.index)]])
        out = out.fillna(_via_company(rest, cmap).reindex(opportunities.index))
    if "account_id" in opportunities.columns:
        out = out.fillna(opportunities["account_id"].astype("string"))
    return out
