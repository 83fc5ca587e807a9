"""Guards every cell value passes before a parser looks at it.

The parsers of :mod:`abm.ingest.convert` and :mod:`abm.ingest.dates` never
see a cell as the user wrote it:

1. :func:`distinct` reduces a column to its distinct values. Text that
   cannot be held as UTF-8 (a lone surrogate handed in from a notebook)
   becomes missing there, so it is counted as unparseable, never raised.
2. :func:`prepare` trims them (plain ``str.strip``, linear), turns
   whitespace-only cells into missing (a blank cell, as for text columns),
   refuses cells still longer than the cap *before any pattern runs*, refuses
   control characters, drops invisible zero-width characters and
   NFKC-normalises the rest (checking the cap again: NFKC can lengthen).

Every pattern that runs afterwards is anchored or made of bounded pieces and
sees at most the cap, so one hostile cell costs microseconds however it is
built (a run of 100k spaces, 5,000 digits, ``年年年…``), and nothing a cell
holds can raise. The caps are far above any real value: the longest date we
read (``2024年12月31日 23時59分59秒 (火)``, an ISO time stamp with nanoseconds
and offset) is under 40 characters, the longest amount (``約1億2,345万6,789円以上``)
about 20.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "MAX_URL_CHARS",
    "MAX_VALUE_CHARS",
    "distinct",
    "expand",
    "expand_mask",
    "nfkc",
    "prepare",
]

#: Longest trimmed cell a number, date or yes/no parser looks at; longer cells
#: are reported as "too long" and left blank.
MAX_VALUE_CHARS = 100
#: Longest trimmed cell the domain parser looks at (a URL with a long query).
MAX_URL_CHARS = 2_048

# C0/C1 control characters other than tab, LF and CR: never part of a value.
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
# Invisible characters pasted with a value: zero-width space/joiners, word
# joiner, BOM. NFKC keeps them, so they are dropped explicitly.
_INVISIBLE = "[\u200b-\u200d\u2060\ufeff]"
# Tab, line breaks and line/paragraph separators become a plain space.
_ODD_SPACE = "[\t\n\r\u2028\u2029]"


def _unprintable(t: pd.Series) -> np.ndarray:
    """Values holding any character that is not printable (one pass in pyarrow)."""
    ok = pc.utf8_is_printable(pa.array(t.array, type=pa.large_string()))
    return ~ok.fill_null(True).to_numpy(zero_copy_only=False)


def nfkc(s: pd.Series) -> pd.Series:
    """NFKC-normalise text, skipping plain ASCII values (already normal form).

    Normalisation runs value by value in Python; most exports' dates and
    numbers are ASCII, so this halves the cost of parsing them.
    """
    plain = s.str.isascii().to_numpy(dtype=bool, na_value=True)
    if plain.all():
        return s
    out = s.copy()
    out[~plain] = s[~plain].str.normalize("NFKC")
    return out


def _text(values: object) -> pd.Series:
    """Distinct values as a ``str`` series; values UTF-8 cannot hold become missing."""
    try:
        return pd.Series(values, dtype="str")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    # Rare path (a lone surrogate): one look per *distinct* value, never per row.
    held: list[str | None] = []
    for v in np.asarray(values, dtype=object):
        if not isinstance(v, str):
            held.append(None if pd.isna(v) else str(v))
            continue
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            held.append(None)
        else:
            held.append(v)
    return pd.Series(held, dtype="str")


def distinct(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Factorise a column: codes per row (``-1`` = missing) and the distinct values.

    Returns
    -------
    (numpy.ndarray, pandas.Series)
        Codes and the distinct values as ``str`` (a value that is not valid
        Unicode, e.g. a lone surrogate, is missing there).
    """
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    values = uniques.array if isinstance(uniques, pd.Index) else uniques
    return codes, _text(values)


def expand(codes: np.ndarray, parsed: pd.Series, index: pd.Index, dtype: str) -> pd.Series:
    """Map per-distinct-value results back to the rows (code ``-1`` → missing)."""
    arr = pd.array(parsed, dtype=dtype)
    return pd.Series(arr.take(codes, allow_fill=True), index=index, dtype=dtype)


def expand_mask(codes: np.ndarray, mask: pd.Series | np.ndarray, index: pd.Index) -> pd.Series:
    """Map a per-distinct-value boolean mask back to the rows (missing → ``False``)."""
    m = np.asarray(mask, dtype=bool)
    if m.size == 0:
        return pd.Series(False, index=index)
    return pd.Series(np.where(codes >= 0, m[np.clip(codes, 0, None)], False), index=index)


def prepare(u: pd.Series, cap: int = MAX_VALUE_CHARS) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Trim, cap, clean and NFKC-normalise distinct cell values.

    Parameters
    ----------
    u : pandas.Series
        Distinct values (``str`` dtype) from :func:`distinct`.
    cap : int
        Longest trimmed value looked at (:data:`MAX_VALUE_CHARS`).

    Returns
    -------
    (pandas.Series, numpy.ndarray, numpy.ndarray)
        The text to parse — missing for blank, over-long, control-character
        and non-Unicode values — the boolean mask of the over-long ones
        (reported apart: "too long" tells the user more than "not a date")
        and the mask of blank ones (whitespace only: missing, not a failure).
    """
    t = u.str.strip()
    blank = (t == "").to_numpy(dtype=bool, na_value=False)
    too_long = (t.str.len() > cap).to_numpy(dtype=bool, na_value=False)
    bad = too_long | blank
    odd = _unprintable(t) & ~bad  # controls, tabs, line breaks, zero-width: rare
    if odd.any():
        idx = np.flatnonzero(odd)
        sub = t.iloc[idx]
        bad[idx[sub.str.contains(_CONTROL, regex=True).to_numpy(dtype=bool, na_value=False)]] = True
        sub = sub.str.replace(_INVISIBLE, "", regex=True).str.replace(_ODD_SPACE, " ", regex=True)
        t = t.copy()
        t.iloc[idx] = sub
    if bad.any():
        t = t.where(~bad)
    t = nfkc(t).str.strip()
    longer = (t.str.len() > cap).to_numpy(dtype=bool, na_value=False)
    if longer.any():
        too_long |= longer
        t = t.where(~longer)
    emptied = (t == "").to_numpy(dtype=bool, na_value=False)  # only invisible characters
    return t.where(~emptied), too_long, blank | emptied
