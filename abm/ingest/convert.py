"""Convert text cells to schema dtypes, vectorised, reporting every failure.

Each converter parses the *distinct* values of a column with pandas string
methods and ``pd.to_datetime(format=...)`` on the whole set, then maps the
result back with the factorize codes, so 100k rows with a few thousand
distinct values cost a few thousand parses. A converter returns the typed
series and a boolean mask of cells that had text but could not be parsed:
those become missing and are *reported* by the caller, never silently.

Rules worth knowing
-------------------
* Numbers: NFKC first (full-width digits, ``，``, ``￥``); ``¥ 円 $ , 名 人 社 件 %``
  and spaces are dropped; ``億 万 千 百万`` multiply (``1億2000万`` → 120,000,000,
  ``1,200万円`` → 12,000,000, ``500千円`` → 500,000); ``△``/``▲`` mean minus;
  ranges ``100～299名`` give the midpoint; ``以上 以下 未満 超 約`` are dropped.
* Dates: ISO 8601 (with ``T``/time/fraction; a time-zone suffix is dropped and
  the wall-clock time kept), ``2024/1/5``, ``2024/01/05 9:03``, ``2024年1月5日``
  (+ time, ``時分``), Japanese eras (``令和6年``), ``2024.01.05``, Excel serials
  (20000–80000, origin 1899-12-30) and slash dates ``01/05/2024``. Slash dates
  are read month-first (US) unless, in that column, a first part is over 12 and
  no second part is — then the whole column is read day-first (reported).
* Booleans: TRUE/FALSE, 1/0, yes/no, y/n, はい/いいえ, 済/未, ○/×, ✓, あり/なし, 有/無.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "FALSE_WORDS",
    "TRUE_WORDS",
    "convert",
    "to_bool",
    "to_datetime",
    "to_domain",
    "to_number",
    "to_text",
]

TRUE_WORDS: frozenset[str] = frozenset(
    {
        "true",
        "t",
        "1",
        "yes",
        "y",
        "on",
        "はい",
        "済",
        "済み",
        "済み。",
        "○",
        "〇",
        "◯",
        "●",
        "✓",
        "✔",
        "☑",
        "レ",
        "あり",
        "有",
        "有り",
        "対象",
    }
)
FALSE_WORDS: frozenset[str] = frozenset(
    {
        "false",
        "f",
        "0",
        "no",
        "n",
        "off",
        "いいえ",
        "未",
        "未済",
        "×",
        "✕",
        "✗",
        "☐",
        "なし",
        "無",
        "無し",
        "対象外",
    }
)
_BOOL_MAP = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}

# Patterns are plain strings so pandas hands them to pyarrow (RE2, vectorised).
_NUM_DROP = r"(?i)[\s,¥$€円名人社件個回%]|jpy|yen|以上|以下|未満|超|約|程度|ほど|強|弱"
_KANJI = (
    r"^(?:(?P<oku>\d+(?:\.\d+)?)億)?(?:(?P<man>\d+(?:\.\d+)?)(?P<manmul>千|百)?万)?"
    r"(?:(?P<sen>\d+(?:\.\d+)?)千)?(?P<rest>\d+(?:\.\d+)?)?$"
)
_RANGE = r"^(\d+(?:\.\d+)?)[~〜\-–—](\d+(?:\.\d+)?)$"

_WEEKDAY = r"\s*[\(（](?:[月火水木金土日]|[A-Za-z]{3})[\)）]"
_TZ = r"(\d)(?: ?(?:Z|z|UTC|GMT|JST)|[+-]\d{2}:?\d{2})$"
_ERA = re.compile(r"^(令和|平成|昭和|r|h|s)\s*(\d+|元)(?:年|[./-])")
_ERA_START = ("令和", "平成", "昭和", "R", "H", "S", "r", "h", "s")
_ERA_BASE = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988, "昭和": 1925, "s": 1925}
_SLASH = r"^(\d{1,2})/(\d{1,2})/(\d{4})"

_YMD = (
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H時%M分",
    "%Y年%m月%d日%H時%M分",
    "%Y年%m月%d日 %H時%M分%S秒",
    "%Y.%m.%d",
    "%Y.%m.%d %H:%M",
    "%Y%m%d",
    "%Y年%m月",
    "%Y/%m",
    "%Y-%m",
    "%b %d, %Y",
    "%b %d, %Y %I:%M %p",
    "%d %b %Y",
    "%d-%b-%Y",
    "%B %d, %Y",
)
_MDY = (
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
)
_DMY = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
_MIN, _MAX = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-01-01")


def _nfkc(s: pd.Series) -> pd.Series:
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


def _distinct(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    values = uniques.array if isinstance(uniques, pd.Index) else uniques
    return codes, pd.Series(values, dtype="str")


def _expand(codes: np.ndarray, parsed: pd.Series, index: pd.Index, dtype: str) -> pd.Series:
    arr = pd.array(parsed, dtype=dtype)
    return pd.Series(arr.take(codes, allow_fill=True), index=index, dtype=dtype)


def _failed(s: pd.Series, out: pd.Series) -> pd.Series:
    return s.notna() & out.isna()


def to_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Strip surrounding spaces; blank → missing. Never fails."""
    out = s.astype("string").str.strip()
    empty = out == ""
    if empty.any():
        out = out.mask(empty)
    return out, pd.Series(False, index=s.index)


def to_domain(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Reduce a URL, an e-mail or a host to a bare lower-case domain.

    ``https://www.Example.co.jp/about`` → ``example.co.jp``; ``a@b.jp`` → ``b.jp``.
    """
    codes, u = _distinct(s)
    t = _nfkc(u).str.strip().str.lower()
    t = t.str.replace(r"^[a-z][a-z0-9+.\-]*://", "", regex=True)
    t = t.str.replace(r"^[^/@]*@", "", regex=True)
    t = t.str.replace(r"[/?#].*$", "", regex=True).str.replace(r":\d+$", "", regex=True)
    t = t.str.replace(r"^www\d*\.", "", regex=True).str.strip(".")
    out = _expand(codes, t.mask(t == ""), s.index, "string")
    return out, _failed(s, out)


def _parse_numbers(u: pd.Series) -> pd.Series:
    t = _nfkc(u).str.strip()
    neg = t.str.match(r"^[△▲\-−]")
    t = t.str.replace(r"^[△▲\-−]", "", regex=True).str.replace(_NUM_DROP, "", regex=True)
    t = t.str.replace(r"^\((.*)\)$", r"\1", regex=True)
    out = pd.to_numeric(t, errors="coerce").astype("float64")
    todo = out.isna() & t.notna() & (t != "")
    if todo.any():
        rng = t[todo].str.extract(_RANGE)
        mid = (rng[0].astype("float64") + rng[1].astype("float64")) / 2
        out = out.fillna(mid.reindex(out.index))
        todo = out.isna() & t.str.contains(r"[億万千]", regex=True).fillna(False)
    if todo.any():
        k = t[todo].str.extract(_KANJI)
        num = k[["oku", "man", "sen", "rest"]].astype("float64")
        mul = k["manmul"].map({"千": 1e3, "百": 1e2}).astype("float64").fillna(1.0)
        val = (
            num["oku"].fillna(0) * 1e8
            + num["man"].fillna(0) * mul * 1e4
            + num["sen"].fillna(0) * 1e3
            + num["rest"].fillna(0)
        )
        val = val.where(num.notna().any(axis=1))
        out = out.fillna(val.reindex(out.index))
    out = out.where(~neg.fillna(False), -out)
    return out.where(np.isfinite(out))


def to_number(
    s: pd.Series, kind: str = "float", *, scale: float = 1.0
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

    Returns
    -------
    (pandas.Series, pandas.Series)
        Parsed values and the mask of cells that could not be parsed.
    """
    codes, u = _distinct(s)
    parsed = _parse_numbers(u) * scale
    if kind == "int":
        parsed = parsed.round().where(parsed.abs() < 9.2e18)
        out = _expand(codes, parsed, s.index, "Int64")
    else:
        out = _expand(codes, parsed, s.index, "Float64")
    return out, _failed(s, out)


def to_bool(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse yes/no cells (see the module docstring for the vocabulary)."""
    codes, u = _distinct(s)
    key = _nfkc(u).str.strip().str.casefold()
    parsed = key.map(_BOOL_MAP).astype("boolean")
    out = _expand(codes, parsed, s.index, "boolean")
    return out, _failed(s, out)


def _era(m: re.Match[str]) -> str:
    year = 1 if m.group(2) == "元" else int(m.group(2))
    return f"{_ERA_BASE[m.group(1).lower()] + year}年"


def _parse_dates(u: pd.Series) -> tuple[pd.Series, bool]:
    t = _nfkc(u).str.strip()
    if t.str.contains("(", regex=False).any():
        t = t.str.replace(_WEEKDAY, "", regex=True)
    t = t.str.replace(_TZ, r"\1", regex=True)
    if (t.str.contains("  ", regex=False) | t.str.contains("\t", regex=False)).any():
        t = t.str.replace(r"\s+", " ", regex=True)
    if t.str.startswith(_ERA_START).any() and t.str.match(_ERA).any():
        t = t.str.replace(_ERA, _era, regex=True)
        t = t.str.replace(r"^(\d{4})年(\d{1,2})[./-](\d{1,2})$", r"\1年\2月\3日", regex=True)
    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[us]")
    serial = t.str.fullmatch(r"\d{5}(?:\.\d+)?").fillna(False)
    if serial.any():
        num = pd.to_numeric(t[serial], errors="coerce")
        num = num[(num >= 20000) & (num <= 80000)]
        out[num.index] = pd.Timestamp("1899-12-30") + pd.to_timedelta(num, unit="D")
    slash = t.str.match(_SLASH).fillna(False)
    day_first = False
    if slash.any():
        parts = t[slash].str.extract(_SLASH)
        first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[1])
        day_first = bool((first > 12).any() and not (second > 12).any())
    formats = ("ISO8601", *_YMD, *(_DMY if day_first else _MDY))
    rem = out.isna() & t.notna() & (t != "")
    # Learn which formats the column uses on a small sample, then run only
    # those on every distinct value; leftovers still get every format.
    sample = t[rem].iloc[:64]
    useful: list[str] = []
    for fmt in formats:
        if sample.empty:
            break
        hit = pd.to_datetime(sample, format=fmt, errors="coerce").notna()
        if hit.any():
            useful.append(fmt)
            sample = sample[~hit]
    for fmt in (*useful, *(f for f in formats if f not in useful)):
        if not rem.any():
            break
        p = pd.to_datetime(t[rem], format=fmt, errors="coerce")
        ok = p.notna()
        if ok.any():
            out[ok[ok].index] = p[ok].astype("datetime64[us]")
            rem = rem & ~ok.reindex(rem.index, fill_value=False)
    out = out.where((out >= _MIN) & (out < _MAX))
    return out, day_first


def to_datetime(s: pd.Series) -> tuple[pd.Series, pd.Series, bool]:
    """Parse dates and times (``datetime64[ns]``, naive wall-clock time).

    Returns
    -------
    (pandas.Series, pandas.Series, bool)
        Parsed values, the mask of unparseable cells, and whether slash dates
        were read day-first.
    """
    codes, u = _distinct(s)
    parsed, day_first = _parse_dates(u)
    arr = parsed.astype("datetime64[ns]").to_numpy()
    values = np.where(
        codes >= 0,
        arr[np.clip(codes, 0, None)] if arr.size else np.datetime64("NaT"),
        np.datetime64("NaT"),
    )
    out = pd.Series(values.astype("datetime64[ns]"), index=s.index)
    return out, _failed(s, out), day_first


def convert(
    s: pd.Series, kind: str, *, scale: float = 1.0, domain: bool = False
) -> tuple[pd.Series, pd.Series, bool]:
    """Convert one text column to a schema kind.

    Parameters
    ----------
    s : pandas.Series
        Text cells (missing = NA).
    kind : {"string", "int", "float", "money", "datetime", "bool"}
    scale : float
        Header-unit multiplier for numbers.
    domain : bool
        For strings: reduce to a bare domain (see :func:`to_domain`).

    Returns
    -------
    (pandas.Series, pandas.Series, bool)
        Typed values, mask of unparseable cells, day-first flag (dates only).
    """
    if kind == "string":
        out, bad = to_domain(s) if domain else to_text(s)
        return out, bad, False
    if kind in ("int", "float", "money"):
        out, bad = to_number(s, kind, scale=scale)
        return out, bad, False
    if kind == "datetime":
        return to_datetime(s)
    if kind == "bool":
        out, bad = to_bool(s)
        return out, bad, False
    raise ValueError(f"unknown kind: {kind}")
