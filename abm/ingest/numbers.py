"""Parse number cells (already trimmed, capped and NFKC-normalised by :mod:`abm.ingest.cells`).

``¥ 円 $ , 名 人 社 件 %`` and spaces are dropped; ``兆 億 万 千 百万`` multiply
(``1億2000万`` → 120,000,000, ``1,200万円`` → 12,000,000, ``500千円`` → 500,000);
``△``/``▲``/``-`` and accounting brackets ``(1,200)`` mean minus (two of them,
``△-300``, are not a number); ranges ``100～299名`` give the midpoint;
``以上 以下 未満 超 約`` are dropped. Digits are ASCII ``[0-9]`` after NFKC
(full-width digits become ASCII there; other scripts' digits are not read).

Linear time by construction: the drop list is alternatives of fixed strings
(O(1) per position), the range and 万/億 patterns are anchored with named
groups (pandas runs them in pyarrow's RE2), and ``pd.to_numeric`` never calls
``int()`` on a digit run (a long run becomes infinity, flagged by the caller).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["MAX_MAGNITUDE", "parse_numbers"]

#: Smallest size of a number that can't be right in any numeric column.
MAX_MAGNITUDE = 1e15

# After NFKC and lower-casing: units, separators and hedges dropped from numbers.
# Alternatives of fixed strings only, so each position costs O(1); whitespace is
# a plain space by now (cells.prepare), and without ``\s`` pandas runs this in
# pyarrow (RE2) instead of Python's re, value by value.
_NUM_DROP = r"[ ,¥$€円名人社件個回%]|jpy|yen|以上|以下|未満|超|約|程度|ほど|強|弱"
_SIGNS = ("△", "▲", "-", "−", "+")
_NUM = r"[0-9]+(?:\.[0-9]+)?"
# Named groups only: pandas then runs them in pyarrow (RE2, linear time).
_KANJI = (
    rf"^(?:(?P<cho>{_NUM})兆)?(?:(?P<oku>{_NUM})億)?(?:(?P<man>{_NUM})(?P<manmul>千|百)?万)?"
    rf"(?:(?P<sen>{_NUM})千)?(?P<rest>{_NUM})?$"
)
_RANGE = rf"^(?P<lo>{_NUM})[~〜\-–—](?P<hi>{_NUM})$"


def parse_numbers(t: pd.Series) -> pd.Series:
    """Numbers of prepared distinct text.

    Parameters
    ----------
    t : pandas.Series
        Text from :func:`abm.ingest.cells.prepare` (missing = nothing to parse).

    Returns
    -------
    pandas.Series
        ``float64``: NaN where the text is not a number; ``±inf`` and huge
        values are returned as read, for the caller to flag.
    """
    paren = (t.str.startswith("(") & t.str.endswith(")")).fillna(False)
    if paren.any():
        t = t.where(~paren, t.str.slice(1, -1).str.strip())
    sign = t.str.startswith(_SIGNS).fillna(False)
    neg = paren ^ (sign & ~t.str.startswith("+").fillna(False))
    if sign.any():
        t = t.where(~sign, t.str.slice(1).str.strip())
        # a second sign (``△-300``, ``(-300)``) is not a number anyone wrote
        t = t.where(~(t.str.startswith(_SIGNS).fillna(False) | (paren & sign)))
    t = t.str.lower().str.replace(_NUM_DROP, "", regex=True)
    out = pd.to_numeric(t, errors="coerce").astype("float64")
    todo = out.isna() & t.notna() & (t != "")
    if todo.any():
        rng = t[todo].str.extract(_RANGE)
        mid = (rng["lo"].astype("float64") + rng["hi"].astype("float64")) / 2
        out = out.fillna(mid.reindex(out.index))
        todo = out.isna() & t.str.contains(r"[兆億万千]", regex=True).fillna(False)
    if todo.any():
        k = t[todo].str.extract(_KANJI)
        num = k[["cho", "oku", "man", "sen", "rest"]].astype("float64")
        mul = k["manmul"].map({"千": 1e3, "百": 1e2}).astype("float64").fillna(1.0)
        val = (
            num["cho"].fillna(0) * 1e12
            + num["oku"].fillna(0) * 1e8
            + num["man"].fillna(0) * mul * 1e4
            + num["sen"].fillna(0) * 1e3
            + num["rest"].fillna(0)
        )
        val = val.where(num.notna().any(axis=1))
        out = out.fillna(val.reindex(out.index))
    return out.where(~neg, -out)
