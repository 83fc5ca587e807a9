"""Account keys: use 名寄せ's ``account_id`` when present, else a simple company key.

The fallback is deliberately small (it is not 名寄せ): NFKC, case-folded,
spaces removed and the common legal-form marks 株式会社 / (株) / ㈱ stripped.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = ["account_keys", "company_key"]

_LEGAL = re.compile(r"株式会社|\(株\)|（株）|㈱")


def _one(value: str) -> str:
    if value.isascii():
        return "".join(value.casefold().split())
    text = unicodedata.normalize("NFKC", value)  # ㈱ -> (株), （株） -> (株)
    text = _LEGAL.sub("", text).casefold()
    return "".join(text.split())


def company_key(companies: pd.Series) -> pd.Series:
    """Return the fallback account key for each company name.

    Parameters
    ----------
    companies : pandas.Series
        Company names as entered.

    Returns
    -------
    pandas.Series
        ``string`` keys aligned with ``companies``; missing or empty names
        give ``NA``.
    """
    codes, uniques = pd.factorize(companies.astype("string"), use_na_sentinel=True)
    keys = np.array([_one(str(u)) for u in uniques.tolist()] + [""], dtype=object)
    out = pd.Series(keys[codes], index=companies.index, dtype="string")
    return out.mask(out == "")


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
