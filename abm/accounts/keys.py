"""Account keys: use 名寄せ's ``account_id`` when present, else 名寄せ's name key.

The fallback is :func:`abm.resolve.normalise_company` (exact match after
normalisation, no fuzzy step), so a key never disagrees with 名寄せ on one name.
"""

from __future__ import annotations

import pandas as pd

from abm.resolve.normalise import normalise_company

__all__ = ["account_keys", "company_key"]


def company_key(companies: pd.Series) -> pd.Series:
    """Return the fallback account key for each company name (名寄せ's exact-match key).

    Parameters
    ----------
    companies : pandas.Series
        Company names as entered.

    Returns
    -------
    pandas.Series
        ``string`` keys aligned with ``companies``; missing or empty names
        give ``NA``. The same key :func:`abm.resolve.normalise_company` gives.
    """
    return normalise_company(companies.astype("string"))


def account_keys(leads: pd.DataFrame) -> pd.Series:
    """Return each lead's account key: ``account_id`` if present, else the company key.

    When ``account_id`` exists but is missing on some rows, those rows fall
    back to the company key, so nothing changes once 名寄せ is in place.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads, optionally with ``account_id`` (from 名寄せ).

    Returns
    -------
    pandas.Series
        ``string`` keys aligned with ``leads``.
    """

    def fallback(frame: pd.DataFrame) -> pd.Series:
        if "company" in frame.columns:
            return company_key(frame["company"])
        return pd.Series(pd.NA, index=frame.index, dtype="string")

    if "account_id" not in leads.columns:
        return fallback(leads)
    ids = leads["account_id"].astype("string")
    missing = (ids.isna() | (ids == "")).to_numpy(dtype=bool)
    if not missing.any():
        return ids
    return ids.mask(missing, fallback(leads.loc[missing]).reindex(leads.index))
