"""Convert text cells to schema dtypes, vectorised, reporting every failure.

Each converter parses the *distinct* values of a column with pandas string
methods and ``pd.to_datetime(format=...)`` on the whole set, then maps the
result back with the factorize codes, so 100k rows with a few thousand
distinct values cost a few thousand parses. Every value first passes the
guards of :mod:`abm.ingest.cells` (trimmed, capped at
:data:`~abm.ingest.cells.MAX_VALUE_CHARS` before any pattern runs, NFKC), so
parsing is linear in the input and no cell can raise. A cell that had text
but gives no value becomes missing and is *reported* by the caller, never
silently, under one of three reasons (:class:`Converted`): unparseable, too
long, or a value that can't be right.

Rules worth knowing
-------------------
* Numbers: see :mod:`abm.ingest.numbers` (``1,200万円``, ``△300``, ``100～299名``…).
* Values that can't be right are flagged, not used: a number that is not finite
  (``Infinity``, ``1e305`` in a 百万円 column), whose size is at least
  :data:`MAX_MAGNITUDE` (1,000兆: more yen than Japan's GDP, more than any count
  or score; past 2**53 a float cannot even hold whole numbers exactly) or below
  the column's ``min_value`` in :mod:`abm.schema`. That minimum is the per-field
  rule: sizes and counts (employees, revenue, page views…), deal amounts and
  probabilities are 0 or more, so ``-500`` or ``△1200`` there is flagged; a
  vendor score may be negative (Pardot scores can be) and is kept.
* Dates: see :mod:`abm.ingest.dates`.
* Booleans: TRUE/FALSE, 1/0, yes/no, y/n, はい/いいえ, 済/未, ○/×, ✓, あり/なし, 有/無; in an
  opt-out column its states too (配信停止/配信中, 購読解除, unsubscribed/subscribed).
* Domains: a URL, an e-mail address or a host becomes a bare lower-case domain;
  a result with spaces, ``@`` or other characters no host has is unparseable.
* Typed cells (a database's columns, :mod:`abm.engine.reading`): a timestamp
  column converted to dates and an integer column converted to numbers skip
  the text and give what their text would have given — the same values, the
  same range rule (dates from 1900 to before 2200), the same flags (a number
  below the column's minimum or too large). Anything else typed is read as
  its text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.i18n import keys as K
from abm.ingest.cells import MAX_URL_CHARS, distinct, expand, expand_mask, prepare
from abm.ingest.dates import DATE_MAX, DATE_MIN, parse_dates
from abm.ingest.numbers import MAX_MAGNITUDE, parse_numbers

__all__ = [
    "FALSE_WORDS",
    "MAX_MAGNITUDE",
    "OPT_OUT_WORDS",
    "TRUE_WORDS",
    "Converted",
    "convert",
    "convert_cells",
    "to_bool",
    "to_datetime",
    "to_domain",
    "to_number",
    "to_text",
]

TRUE_WORDS: frozenset[str] = frozenset(
    {
        "true", "t", "1", "yes", "y", "on", "はい", "済", "済み", "済み。", "○", "〇", "◯", "●",
        "✓", "✔", "☑", "レ", "あり", "有", "有り", "対象",
    }
)  # fmt: skip
FALSE_WORDS: frozenset[str] = frozenset(
    {
        "false", "f", "0", "no", "n", "off", "いいえ", "未", "未済", "×", "✕", "✗", "☐", "なし",
        "無", "無し", "対象外",
    }
)  # fmt: skip
_BOOL_MAP = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}
#: An opt-out column's own words (SATORI, BowNow, Japanese CRMs write the state, not yes/no):
#: ``True`` — the person asked for no more mail —, ``False`` — still receiving it. Read for
#: that column only (:func:`convert_cells` ``opt_out``): 解除 or 停止 in a customer or won
#: column would mean something else (a contract ended).
OPT_OUT_WORDS: dict[str, bool] = {
    **dict.fromkeys(
        ("配信停止", "配信停止中", "配信停止済", "配信停止済み", "停止", "停止中", "停止済み",
         "配信解除", "配信解除済み", "購読解除", "購読停止", "解除", "解除済み", "拒否", "配信拒否",
         "unsubscribed", "opted out", "opted-out", "opt-out", "optout"),
        True,
    ),
    **dict.fromkeys(
        ("配信中", "配信可", "購読中", "subscribed", "opted in", "opted-in", "opt-in"), False
    ),
}  # fmt: skip
_OPT_OUT_MAP = {**_BOOL_MAP, **OPT_OUT_WORDS}

# A host name holds letters (any script), digits, dots, hyphens, underscores.
_NOT_HOST = r"[^\w.\-]"


@dataclass(frozen=True, eq=False)
class Converted:
    """One converted column and why each cell that gave no value failed.

    The three masks are disjoint; a missing or blank cell is in none of them.

    Attributes
    ----------
    values : pandas.Series
        Typed values (schema dtype), missing where a cell failed.
    unparseable : pandas.Series
        Text that is not a value of the kind (``"abc"`` as a number, ``2024/13/45``).
    too_long : pandas.Series
        Longer than the cap once trimmed; not looked at (e.g. a run of 30k spaces
        inside a date).
    implausible : pandas.Series
        Parsed, but can't be right: not finite, too large, or below the column's
        minimum (a negative employee count).
    kind : str
        The schema kind converted to (``"text"`` for a plain string column).
    day_first : bool
        Slash dates were read day-first (dates only).
    foreign : pandas.Series or None
        Amounts written with another currency's sign (``$1,000``, ``USD 5k``): read as
        the number, not converted, and said (money only).
    zoned : pandas.Series or None
        Times written with their zone (``…Z``, ``+00:00``), read on Japan's clock and
        said (dates only).
    foreign_sign : str or None
        ``"dollar"``, ``"euro"`` or ``"pound"`` when the foreign amounts all carry that
        one sign (its message key says so), else ``None``.
    """

    values: pd.Series
    unparseable: pd.Series
    too_long: pd.Series
    implausible: pd.Series
    kind: str
    day_first: bool = False
    foreign: pd.Series | None = None
    zoned: pd.Series | None = None
    foreign_sign: str | None = None

    @property
    def bad(self) -> pd.Series:
        """Every cell that had text but gave no value."""
        return self.unparseable | self.too_long | self.implausible

    def issues(self, file: str, column: str, rows: np.ndarray) -> list[tuple]:
        """Issue records (``file, row, column, check, count, message_key``), no values.

        Parameters
        ----------
        file, column : str
            Names for the report.
        rows : numpy.ndarray
            The file line of each cell (positions match ``values``).
        """
        out: list[tuple] = []
        for check, mask, keys in (
            ("unparseable", self.unparseable, K.UNPARSEABLE),
            ("too_long", self.too_long, {self.kind: "ingest.issue.too_long_value"}),
            ("implausible", self.implausible, K.IMPLAUSIBLE),
        ):
            m = mask.to_numpy(dtype=bool)
            if m.any():
                at = int(rows[int(np.argmax(m))])
                out.append((file, at, column, check, int(m.sum()), keys[self.kind]))
        if self.day_first:
            out.append((file, None, column, "day_first", 1, "ingest.issue.day_first"))
        # one sign (the dollar's…): the page says nothing once the workspace counts in it
        foreign_key = _SIGN_KEYS.get(self.foreign_sign, "ingest.issue.foreign_currency")
        for check, mask, key in (
            ("foreign_currency", self.foreign, foreign_key),
            ("zoned_times", self.zoned, "ingest.issue.zoned_times"),
        ):
            f = mask.to_numpy(dtype=bool) if mask is not None else None
            if f is not None and f.any():
                at = int(rows[int(np.argmax(f))])
                out.append((file, at, column, check, int(f.sum()), key))
        return out


def _result(
    s: pd.Series,
    codes: np.ndarray,
    parsed: pd.Series,
    values: pd.Series,
    *,
    kind: str,
    too_long: np.ndarray,
    blank: np.ndarray,
    implausible: np.ndarray | None = None,
    day_first: bool = False,
) -> Converted:
    """Row-level result (``values``) from per-distinct-value outcomes (``parsed``…)."""
    implausible = np.zeros(len(blank), dtype=bool) if implausible is None else implausible
    gave_none = parsed.isna().to_numpy(dtype=bool)
    unparseable = gave_none & ~blank & ~too_long & ~implausible
    return Converted(
        values=values,
        unparseable=expand_mask(codes, unparseable, s.index),
        too_long=expand_mask(codes, too_long, s.index),
        implausible=expand_mask(codes, implausible, s.index),
        kind=kind,
        day_first=day_first,
    )


def _text_cells(s: pd.Series) -> Converted:
    try:
        out = s.astype("string")
    except (UnicodeEncodeError, UnicodeDecodeError):  # a lone surrogate (notebook input)
        codes, u = distinct(s)
        out = expand(codes, u, s.index, "string")
    out = out.str.strip()
    empty = out == ""
    if empty.any():
        out = out.mask(empty)
    none = pd.Series(False, index=s.index)
    invalid = s.notna() & out.isna() & ~empty.fillna(False)
    return Converted(out, invalid.astype(bool), none, none, "text")


def to_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Strip surrounding spaces; blank → missing.

    Fails only for text that is not valid Unicode (a lone surrogate).
    """
    c = _text_cells(s)
    return c.values, c.bad


def _domain_cells(s: pd.Series) -> Converted:
    codes, u = distinct(s)
    t, too_long, blank = prepare(u, MAX_URL_CHARS)
    # anchored prefixes, then plain splits: no pattern can re-scan a run
    t = t.str.lower().str.replace(r"^[a-z][a-z0-9+.\-]*://", "", regex=True)
    t = t.str.replace(r"^[^/@]*@", "", regex=True)
    for sep in "/?#":
        if t.str.contains(sep, regex=False).any():
            t = t.str.partition(sep)[0]
    if t.str.contains(":", regex=False).any():  # a port: the digits after the last colon
        parts = t.str.rpartition(":")
        port = parts[2]
        has_port = t.str.contains(":", regex=False) & port.str.isdigit() & port.str.isascii()
        t = t.where(~has_port.fillna(False), parts[0])
    t = t.str.replace(r"^www[0-9]*\.", "", regex=True).str.strip(".")
    t = t.where((t != "") & ~t.str.contains(_NOT_HOST, regex=True).fillna(False))
    out = expand(codes, t, s.index, "string")
    return _result(s, codes, t, out, kind="string", too_long=too_long, blank=blank)


def to_domain(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Reduce a URL, an e-mail or a host to a bare lower-case domain.

    ``https://www.Example.co.jp/about`` → ``example.co.jp``; ``a@b.jp`` → ``b.jp``.
    """
    c = _domain_cells(s)
    return c.values, c.bad


def _judged(
    val: pd.Series, kind: str, *, scale: float, min_value: float | None
) -> tuple[pd.Series, np.ndarray]:
    """Numbers scaled, rounded for ``int``, and the implausible ones (not finite, too large,
    under ``min_value``) blanked: the one rule for parsed text and typed columns alike."""
    with np.errstate(over="ignore", invalid="ignore"):
        val = val * scale
        if kind == "int":
            val = val.round()
        wrong = ~np.isfinite(val) | (val.abs() >= MAX_MAGNITUDE)
        if min_value is not None:
            wrong |= val < min_value
    implausible = (val.notna() & wrong).to_numpy(dtype=bool)
    return val.where(~implausible), implausible


#: Another currency's sign or code in a prepared (NFKC) amount (matched ignoring case).
_FOREIGN = r"[$€£]|usd|eur|gbp"
#: Each sign's family (one family among an amount column's foreign cells is named).
_SIGNS = (("dollar", r"\$|usd"), ("euro", r"€|eur"), ("pound", r"£|gbp"))
#: The message of amounts in one sign family.
_SIGN_KEYS = {
    "dollar": "ingest.issue.foreign_currency_dollar",
    "euro": "ingest.issue.foreign_currency_euro",
    "pound": "ingest.issue.foreign_currency_pound",
}


def _number_cells(s: pd.Series, kind: str, *, scale: float, min_value: float | None) -> Converted:
    codes, u = distinct(s)
    t, too_long, blank = prepare(u)
    parsed, implausible = _judged(parse_numbers(t), kind, scale=scale, min_value=min_value)
    out = expand(codes, parsed, s.index, "Int64" if kind == "int" else "Float64")
    got = _result(
        s, codes, parsed, out, kind=kind, too_long=too_long, blank=blank, implausible=implausible
    )
    if kind != "money":
        return got
    sign = t.str.contains(_FOREIGN, case=False, regex=True).fillna(False).to_numpy(dtype=bool)
    foreign = sign & parsed.notna().to_numpy(dtype=bool)
    signs = {
        name
        for name, pattern in _SIGNS
        if foreign.any() and t[foreign].str.contains(pattern, case=False, regex=True).any()
    }
    return dataclasses.replace(
        got,
        foreign=expand_mask(codes, foreign, s.index),
        foreign_sign=signs.pop() if len(signs) == 1 else None,
    )


def to_number(
    s: pd.Series, kind: str = "float", *, scale: float = 1.0, min_value: float | None = None
) -> tuple[pd.Series, pd.Series]:
    """Parse numbers written the Japanese or English way.

    Parameters
    ----------
    s : pandas.Series
        Text cells.
    kind : {"int", "float", "money"}
        ``int`` rounds to whole numbers (``Int64``); the others give ``Float64``.
    scale : float
        Multiplier from a unit in the header (``売上高（百万円）`` → 1e6).
    min_value : float, optional
        Smallest value that can be right (the schema column's ``min_value``).

    Returns
    -------
    (pandas.Series, pandas.Series)
        Parsed values and the mask of cells that gave no value (unparseable,
        too long, or a value that can't be right — see :class:`Converted`).
    """
    c = _number_cells(s, kind, scale=scale, min_value=min_value)
    return c.values, c.bad


def _bool_cells(s: pd.Series, *, opt_out: bool = False) -> Converted:
    codes, u = distinct(s)
    t, too_long, blank = prepare(u)
    parsed = t.str.casefold().map(_OPT_OUT_MAP if opt_out else _BOOL_MAP).astype("boolean")
    out = expand(codes, parsed, s.index, "boolean")
    return _result(s, codes, parsed, out, kind="bool", too_long=too_long, blank=blank)


def to_bool(s: pd.Series, *, opt_out: bool = False) -> tuple[pd.Series, pd.Series]:
    """Parse yes/no cells (see the module docstring for the vocabulary); ``opt_out``: an
    opt-out column, whose states (配信停止, 配信中…) read too (:data:`OPT_OUT_WORDS`)."""
    c = _bool_cells(s, opt_out=opt_out)
    return c.values, c.bad


def _date_cells(s: pd.Series) -> Converted:
    codes, u = distinct(s)
    t, too_long, blank = prepare(u)
    parsed, day_first, zoned = parse_dates(t)
    arr = parsed.astype("datetime64[ns]").to_numpy()
    values = np.where(
        codes >= 0,
        arr[np.clip(codes, 0, None)] if arr.size else np.datetime64("NaT"),
        np.datetime64("NaT"),
    )
    out = pd.Series(values.astype("datetime64[ns]"), index=s.index)
    got = _result(
        s, codes, parsed, out, kind="datetime", too_long=too_long, blank=blank, day_first=day_first
    )
    if not zoned.any():
        return got
    return dataclasses.replace(got, zoned=expand_mask(codes, zoned, s.index))


def to_datetime(s: pd.Series) -> tuple[pd.Series, pd.Series, bool]:
    """Parse dates and times (``datetime64[ns]``, naive wall-clock time).

    See :mod:`abm.ingest.dates` for the formats.

    Returns
    -------
    (pandas.Series, pandas.Series, bool)
        Parsed values, the mask of cells that gave no value, and whether
        slash dates were read day-first.
    """
    c = _date_cells(s)
    return c.values, c.bad, c.day_first


def _typed_date_cells(s: pd.Series) -> Converted:
    """Dates of a timestamp column: what its ISO text gives, without the text."""
    arr = s.to_numpy()
    lo, hi = (np.datetime64(d.isoformat()).astype(arr.dtype) for d in (DATE_MIN, DATE_MAX))
    ok = (arr >= lo) & (arr < hi)  # compared in the column's own unit; NaT: False
    missing = s.isna().to_numpy(dtype=bool)
    values = np.where(ok, arr, np.datetime64("NaT")).astype("datetime64[ns]")
    none = pd.Series(False, index=s.index)
    unparseable = pd.Series(~ok & ~missing, index=s.index)
    return Converted(pd.Series(values, index=s.index), unparseable, none, none, "datetime")


def _typed_number_cells(
    s: pd.Series, kind: str, *, scale: float, min_value: float | None
) -> Converted:
    """Numbers of an integer column: what its text gives (scaled, rounded, flagged)."""
    val = pd.Series(s.astype("Float64").to_numpy(dtype="float64", na_value=np.nan), index=s.index)
    parsed, implausible = _judged(val, kind, scale=scale, min_value=min_value)
    out = pd.Series(pd.array(parsed, dtype="Int64" if kind == "int" else "Float64"),
                    index=s.index)  # fmt: skip
    none = pd.Series(False, index=s.index)
    return Converted(out, none, none, pd.Series(implausible, index=s.index), kind)


def _typed(s: pd.Series, kind: str) -> bool:
    """Whether ``s`` is a typed column :func:`convert_cells` converts without its text."""
    if kind == "datetime":
        return pd.api.types.is_datetime64_dtype(s.dtype)  # naive: no zone
    if kind in ("int", "float", "money"):
        return pd.api.types.is_integer_dtype(s.dtype)
    return False


def convert_cells(
    s: pd.Series,
    kind: str,
    *,
    scale: float = 1.0,
    domain: bool = False,
    min_value: float | None = None,
    opt_out: bool = False,
) -> Converted:
    """Convert one text column to a schema kind, saying why each failed cell failed.

    Parameters
    ----------
    s : pandas.Series
        Text cells (missing = NA); a timestamp or integer column converted to
        dates or numbers is read typed (the module docstring).
    kind : {"string", "int", "float", "money", "datetime", "bool"}
    scale : float
        Header-unit multiplier for numbers.
    domain : bool
        For strings: reduce to a bare domain (see :func:`to_domain`).
    min_value : float, optional
        For numbers: smallest value that can be right (``abm.schema`` column
        ``min_value``); smaller ones are flagged as implausible.
    opt_out : bool
        For yes/no: an opt-out column, whose states read too (:data:`OPT_OUT_WORDS`).

    Returns
    -------
    Converted
        Values plus the unparseable / too-long / implausible masks. Never raises
        for any cell value.
    """
    if _typed(s, kind):
        if kind == "datetime":
            return _typed_date_cells(s)
        return _typed_number_cells(s, kind, scale=scale, min_value=min_value)
    if kind == "string":
        if domain:
            return _domain_cells(s)
        return _text_cells(s)
    if kind in ("int", "float", "money"):
        return _number_cells(s, kind, scale=scale, min_value=min_value)
    if kind == "datetime":
        return _date_cells(s)
    if kind == "bool":
        return _bool_cells(s, opt_out=opt_out)
    raise ValueError(f"unknown kind: {kind}")


def convert(
    s: pd.Series,
    kind: str,
    *,
    scale: float = 1.0,
    domain: bool = False,
    min_value: float | None = None,
) -> tuple[pd.Series, pd.Series, bool]:
    """Convert one text column to a schema kind (see :func:`convert_cells`).

    Returns
    -------
    (pandas.Series, pandas.Series, bool)
        Typed values, mask of cells that gave no value, day-first flag (dates only).
    """
    c = convert_cells(s, kind, scale=scale, domain=domain, min_value=min_value)
    return c.values, c.bad, c.day_first
