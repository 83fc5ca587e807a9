"""Parse number cells (already trimmed, capped and NFKC-normalised by :mod:`abm.ingest.cells`).

``¥ 円 $ € £ , 名 人 社 件 %``, ``jpy usd eur gbp`` and spaces are dropped; ``兆 億 万 千 百万`` multiply
(``1億2000万`` → 120,000,000, ``1,200万円`` → 12,000,000, ``500千円`` → 500,000),
as do ``k m b`` (``$5M`` → 5,000,000); ``△``/``▲``/``-`` and accounting
brackets ``(1,200)`` mean minus (two of them, ``△-300``, are not a number);
``約 程度 強 弱`` are hedges and dropped; a dash after a yen amount closes it
(``¥24,000,000-``, ``24,000,000円-``: not a minus, unlike SAP's ``1,200-``). Digits are ASCII ``[0-9]`` after NFKC
(full-width digits become ASCII there; other scripts' digits are not read).

Bands
-----
Forms and CRM picklists often hold a size class instead of a count:
``1,000〜1,999名``, ``2,000名以上``, ``10億円以上``, ``1-10``, ``10,001+``,
``1001-5000``, ``5,000 to 9,999``, ``従業員数 300～999人``, ``100名未満``.
A band is read as its **lower bound** (``1,000〜1,999名`` → 1,000, ``2000+`` →
2,000, ``100名未満`` → 0), and :func:`number_bands` says which cells were
bands so the caller keeps the original text beside the number. Why the lower
bound rather than the midpoint or the geometric mean:

* it is the only value an open band (``2000+``, ``以上``) has, so closed and
  open bands follow one rule and stay in order (with midpoints,
  ``1,000〜1,999`` → 1,500 but the next band ``2,000+`` → 2,000);
* size rules are written at band edges (``従業員 1,000名以上``, the funnel's
  size bands 300-999 / 1000-4999 are lower-bound inclusive), so a band
  satisfies such a rule exactly when every company in it does;
* it never overstates a company: a fit score built on it errs on the safe side.

A band given by its upper bound only (``100名未満``, ``under 10``, ``~99``) has
lower bound 0. A range whose ends are reversed (``500-100``) is not a number.

Linear time by construction: the drop lists are alternatives of fixed strings
(O(1) per position), the range, suffix and 万/億 patterns are anchored with
named groups (pandas runs them in pyarrow's RE2), and ``pd.to_numeric`` never
calls ``int()`` on a digit run (a long run becomes infinity, flagged by the caller).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MAX_MAGNITUDE", "number_bands", "parse_numbers"]

#: Smallest size of a number that can't be right in any numeric column.
MAX_MAGNITUDE = 1e15

# A label written before the value in some forms (``従業員数 300～999人``).
_LABEL = (
    r"^(?:従業員数|従業員|社員数|社員|売上高|売上|年商|number of employees|employees|"
    r"employee count|company size|annual revenue|revenue)[: ]*"
)
# Band words (before spaces are dropped: some hold a space).
_LOWER_ONLY = (
    r"以上|超|\+$|or more|and above|and over|or above|^over |^more than|^greater than|^at least"
)
_UPPER_ONLY = (
    r"未満|以下|^under|^less than|^below|^up to|or less|or fewer|and below|and under|^[~〜]"
)
_BAND_WORDS = (
    r"or more|and above|and over|or above|^over |^more than|^greater than|^at least|^under|"
    r"^less than|^below|^up to|or less|or fewer|and below|and under|employees|people|persons|"
    r"以上|以下|未満|超|\+$|^[~〜]"
)
# After NFKC and lower-casing: units, separators and hedges dropped from numbers.
# Alternatives of fixed strings only, so each position costs O(1); whitespace is
# a plain space by now (cells.prepare), and without ``\s`` pandas runs this in
# pyarrow (RE2) instead of Python's re, value by value.
# ``\`` is the yen sign of a CP932 file: Excel's "CSV (カンマ区切り)" writes ¥1,200,000 as byte
# 0x5C, which reads back as a backslash.
_NUM_DROP = (
    r"[ ,¥$€£円名人社件個回%\\]|jpy|yen|usd|eur|gbp|約|程度|ほど|強|弱|"
    # a tax note after an amount (5,000,000円（税抜）); a bare bracket stays (accounting minus)
    r"\(税抜き?\)|\(税込み?\)|\(税別\)|税抜き?|税込み?|税別"
)
_SIGNS = ("△", "▲", "-", "−", "+")
#: A yen sign or 円 in an amount, and the dash that closes a written yen amount.
_YEN_MARK = r"^[¥\\]|円"
_CLOSING = r"(?:\.?[-−―ー])$"
_NUM = r"[0-9]+(?:\.[0-9]+)?"
_UNIT = r"(?:[兆億万千百]|thousand|million|billion|mn|bn|k|m|b)"
# Named groups only: pandas then runs them in pyarrow (RE2, linear time).
_KANJI = (
    rf"^(?:(?P<cho>{_NUM})兆)?(?:(?P<oku>{_NUM})億)?(?:(?P<man>{_NUM})(?P<manmul>千|百)?万)?"
    rf"(?:(?P<sen>{_NUM})千)?(?P<rest>{_NUM})?$"
)
_SUFFIX = rf"^(?P<n>{_NUM})(?P<s>thousand|million|billion|mn|bn|k|m|b)$"
_SUFFIX_MUL = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_RANGE = rf"^(?P<lo>{_NUM}{_UNIT}*)(?:~|〜|-|–|—|to|から)(?P<hi>{_NUM}{_UNIT}*)$"
_TRAILING_UNIT = rf"(?P<u>{_UNIT}+)$"


def _flag(t: pd.Series, pattern: str) -> pd.Series:
    return t.str.contains(pattern, regex=True).fillna(False).astype(bool)


def _scalar(t: pd.Series) -> pd.Series:
    """One number without a range: plain, ``1億2000万`` or ``5m`` (NaN otherwise)."""
    out = pd.to_numeric(t, errors="coerce").astype("float64")
    todo = out.isna() & t.notna() & (t != "")
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
        out = out.fillna(val.where(num.notna().any(axis=1)).reindex(out.index))
        todo = out.isna() & t.notna() & (t != "")
    if todo.any():
        s = t[todo].str.extract(_SUFFIX)
        val = s["n"].astype("float64") * s["s"].map(_SUFFIX_MUL).astype("float64")
        out = out.fillna(val.reindex(out.index))
    return out


def _range_low(t: pd.Series) -> pd.Series:
    """Lower bound of ``lo〜hi`` (``10〜50億`` reads ``10億``); NaN if not a range."""
    rng = t.str.extract(_RANGE)
    lo, hi = rng["lo"], rng["hi"]
    if lo.notna().any():
        unit = hi.str.extract(_TRAILING_UNIT)["u"]
        bare = lo.notna() & ~lo.str.contains(_UNIT, regex=True).fillna(True) & unit.notna()
        lo = lo.where(~bare, lo + unit)
    low, high = _scalar(lo), _scalar(hi)
    return low.where(low <= high)


def number_bands(t: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers of prepared distinct text, and which of them were bands.

    Parameters
    ----------
    t : pandas.Series
        Text from :func:`abm.ingest.cells.prepare` (missing = nothing to parse).

    Returns
    -------
    (pandas.Series, pandas.Series)
        ``float64`` values — NaN where the text is not a number, a band's lower
        bound (see the module docstring), ``±inf`` and huge values as read for
        the caller to flag — and a boolean mask of the cells that were bands
        (``1,000〜1,999名``, ``2000+``, ``100名未満``) and gave a value.
    """
    t = t.astype("str")
    # ``¥24,000,000-``: a dash after a yen amount closes it (止め), it is not a minus
    # (an amount without a yen sign keeps its trailing dash: SAP writes minus there)
    closed = (t.str.contains(_YEN_MARK, regex=True) & t.str.contains(_CLOSING, regex=True)).fillna(
        False
    )
    if closed.any():
        t = t.where(~closed, t.str.replace(_CLOSING, "", regex=True))
    paren = (t.str.startswith("(") & t.str.endswith(")")).fillna(False)
    if paren.any():
        t = t.where(~paren, t.str.slice(1, -1).str.strip())
    sign = t.str.startswith(_SIGNS).fillna(False)
    neg = paren ^ (sign & ~t.str.startswith("+").fillna(False))
    if sign.any():
        t = t.where(~sign, t.str.slice(1).str.strip())
        # a second sign (``△-300``, ``(-300)``) is not a number anyone wrote
        t = t.where(~(t.str.startswith(_SIGNS).fillna(False) | (paren & sign)))
    t = t.str.lower().str.replace(_LABEL, "", regex=True)
    lower_only, upper_only = _flag(t, _LOWER_ONLY), _flag(t, _UPPER_ONLY)
    worded = lower_only | upper_only
    if worded.any():
        t = t.where(~worded, t.str.replace(_BAND_WORDS, "", regex=True))
    t = t.str.replace(_NUM_DROP, "", regex=True)
    out = pd.to_numeric(t, errors="coerce").astype("float64")
    ranged = pd.Series(False, index=t.index)
    todo = out.isna() & t.notna() & (t != "")
    if todo.any():
        low = _range_low(t[todo]).reindex(out.index)
        ranged = low.notna()
        out = out.fillna(low)
        todo = out.isna() & t.notna() & (t != "")
    if todo.any():
        out = out.fillna(_scalar(t[todo]).reindex(out.index))
    with np.errstate(invalid="ignore"):
        out = out.where(~neg, -out)
    got = out.notna()
    band = got & (ranged | worded) & ~neg
    upper = got & upper_only & ~ranged & ~neg
    out = out.where(~upper, 0.0)
    return out, band.astype(bool)


def parse_numbers(t: pd.Series) -> pd.Series:
    """Numbers of prepared distinct text (a band gives its lower bound).

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
    return number_bands(t)[0]
