"""法人番号 (Japanese corporate number) validation.

A corporate number has 13 digits; the leftmost is a check digit over the
12-digit base: ``9 - (Σ P_i·Q_i mod 9)`` where ``P_i`` is the i-th digit of
the base counted from the right and ``Q_i`` is 1 for odd ``i`` and 2 for even
``i`` (National Tax Agency specification). Invalid numbers are flagged and
never used as evidence.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from abm.resolve.normalise import _by_unique

__all__ = ["check_digit", "clean_corporate_number", "is_valid_corporate_number"]

#: Weights Q_i for the base digits read left to right (i = 12 … 1).
_WEIGHTS = np.array([1 if i % 2 else 2 for i in range(12, 0, -1)], dtype=np.int64)


def check_digit(base: str) -> int:
    """Return the check digit for a 12-digit base (digits only)."""
    digits = np.frombuffer(base.encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    return int(9 - int(digits @ _WEIGHTS) % 9)


def clean_corporate_number(values: pd.Series) -> pd.Series:
    """NFKC, drop separators (spaces, hyphens) and keep 13-digit strings.

    Returns
    -------
    pandas.Series
        ``string``; NA where the value is missing or not 13 digits.
    """

    def one(text: str) -> str:
        s = unicodedata.normalize("NFKC", text).strip()
        if s.endswith(".0"):  # a number read from Excel as float
            s = s[:-2]
        for ch in " -‐‑–—−ー_,":
            s = s.replace(ch, "")
        return s if len(s) == 13 and s.isascii() and s.isdigit() else ""

    return _by_unique(values.astype("string"), one)


def is_valid_corporate_number(values: pd.Series) -> pd.Series:
    """Whether each value is a 13-digit corporate number with a correct check digit.

    Parameters
    ----------
    values : pandas.Series
        Corporate numbers as entered (full-width digits and hyphens allowed).

    Returns
    -------
    pandas.Series
        ``boolean``, same index: True valid, False present but invalid,
        NA missing.
    """
    raw = values.astype("string")
    clean = clean_corporate_number(raw)
    ok = clean.notna().to_numpy()
    out = np.zeros(len(values), dtype=bool)
    if ok.any():
        arr = clean[ok].to_numpy(dtype=str).astype("S13")
        digits = np.frombuffer(arr.tobytes(), dtype=np.uint8).reshape(-1, 13).astype(np.int64) - 48
        expected = 9 - (digits[:, 1:] @ _WEIGHTS) % 9
        out[ok] = digits[:, 0] == expected
    res = pd.Series(out, index=values.index, dtype="boolean", name=values.name)
    blank = raw.isna() | (raw.str.strip() == "")
    return res.mask(blank.fillna(True).to_numpy(dtype=bool), pd.NA)
