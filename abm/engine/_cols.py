"""Small Ibis helpers every expression module shares (absent columns, days, flags)."""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

__all__ = [
    "as_date",
    "as_ts",
    "col",
    "day_of",
    "flag",
    "has",
    "ident",
    "present",
    "text",
    "trim",
    "without",
]


def has(t: Any, name: str) -> bool:
    """Whether table ``t`` has column ``name``."""
    return name in t.columns


def col(t: Any, name: str, dtype: str) -> Any:
    """Column ``name`` of ``t``, or a typed NULL when the table lacks it."""
    return t[name] if has(t, name) else ibis.null().cast(dtype)


#: Leading or trailing whitespace, ideographic space included (as Python's ``str.strip``
#: does for the text Mori reads). A regular expression, not Ibis's ``strip``: on
#: Spark that compiles to ``TRIM(' \t\n\r\v\f' FROM …)``, and Spark SQL reads
#: ``\v`` and ``\f`` as the letters v and f, so ``"acc_1f"`` lost its ``f``. The line
#: separators U+0085, U+2028 and U+2029 are listed too: Python strips them, and Java's ``$``
#: matches before a final one, so without them a second trim could shorten an id again.
_EDGES = r"^[\s\x{3000}\x{85}\x{2028}\x{2029}]+|[\s\x{3000}\x{85}\x{2028}\x{2029}]+$"


def trim(v: Any) -> Any:
    """A string expression without leading or trailing whitespace."""
    return v.re_replace(_EDGES, "")


def text(t: Any, name: str) -> Any:
    """A text column with surrounding whitespace removed and blanks as NULL."""
    if not has(t, name):
        return ibis.null().cast("string")
    return trim(t[name].cast("string")).nullif("")  # the trim written (and run) once


def ident(t: Any, name: str) -> Any:
    """An id column as written, blank as NULL (as :func:`abm.core.keys.account_key`)."""
    if not has(t, name):
        return ibis.null().cast("string")
    v = t[name].cast("string")
    return (trim(v) == "").ifelse(ibis.null().cast("string"), v)


def day_of(t: Any, name: str) -> Any:
    """The calendar day of a timestamp column (NULL when absent or missing)."""
    return t[name].cast("timestamp").date() if has(t, name) else ibis.null().cast("date")


def as_date(ts: pd.Timestamp) -> Any:
    """A day literal (time of day dropped)."""
    return ibis.literal(pd.Timestamp(ts).normalize().date(), type="date")


def as_ts(ts: pd.Timestamp) -> Any:
    """An instant literal (naive, as canonical timestamps)."""
    return ibis.literal(pd.Timestamp(ts).to_pydatetime(), type="timestamp")


def flag(t: Any, name: str) -> Any:
    """A boolean column with NULL as false (false when absent)."""
    return t[name].cast("boolean").fill_null(False) if has(t, name) else ibis.literal(False)


def present(t: Any, name: str) -> Any:
    """``name`` is not NULL (false when the column is absent)."""
    return t[name].notnull() if has(t, name) else ibis.literal(False)


def without(t: Any, *names: str) -> Any:
    """``t`` without columns ``names``, as an explicit projection.

    (Ibis's ``drop`` writes ``EXCLUDE (…)`` in set order, so the SQL would
    change from run to run and some warehouses lack the clause.)
    """
    gone = set(names)
    return t.select(*[c for c in t.columns if c not in gone])
