"""Parse date cells (already trimmed, capped and NFKC-normalised by :mod:`abm.ingest.cells`).

Formats: ISO 8601 (with ``T``/time/fraction; a time written with its zone —
``Z``, ``UTC``, ``GMT``, ``+00:00``, ``-05:00`` — is read as Japan's wall-clock
time (:data:`BUSINESS_UTC_OFFSET`): Salesforce's Data Loader and Marketo's bulk
extracts write UTC, and a lead created at 08:00 in Tokyo is 23:00 the day before
in UTC), ``2024/1/5``, ``2024/01/05 9:03``, ``2024年1月5日``
(+ time, ``時分``), Japanese eras (``令和6年``, ``R6.1.5``, ``平成元年``),
``2024.01.05``, Excel serials (20000–80000, origin 1899-12-30) and slash dates
``01/05/2024``. A weekday in brackets (``(金)``, ``(Fri)``) is ignored. Slash
dates are read month-first (US) unless, in that column, a first part is over
12 and no second part is — then the whole column is read day-first (reported).
Dates before 1900 or from 2200 on are not dates anyone meant.

Linear time by construction: every pattern is anchored or made of bounded
pieces (no quantifier can re-scan a run), digits are ``[0-9]`` (Python's
``\\d`` also matches other scripts' digits, which ``int()`` would then read),
and an era year has at most two digits, so no ``int()`` ever sees a long run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["BUSINESS_UTC_OFFSET", "DATE_MAX", "DATE_MIN", "ZONED", "parse_dates"]

#: The wall clock dates are read in when a cell names its zone: Japan (UTC+9, no DST).
BUSINESS_UTC_OFFSET = pd.Timedelta(hours=9)

#: Earliest and (exclusive) latest date read; anything else is unparseable.
DATE_MIN, DATE_MAX = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-01-01")

# A bracketed weekday is a fixed 3 or 5 characters: no run around it is matched
# (the old ``\s*(...)`` re-scanned a run of spaces from every position).
_WEEKDAY = r"\((?:[月火水木金土日]|[A-Za-z]{3})\)"
_TZ = r"(?:[0-9])(?: ?(?:Z|z|UTC|GMT|JST)|[+-][0-9]{2}:?[0-9]{2})$"
_TZ_CUT = r"([0-9])(?: ?(?:Z|z|UTC|GMT|JST)|[+-][0-9]{2}:?[0-9]{2})$"
#: An offset of whole hours after a time with seconds (PostgreSQL's ``09:03:00+09``).
_TZ_HOURS = r"(:[0-9]{2})[+-][0-9]{2}$"
_TZ_HOURS_ANY = r":[0-9]{2}[+-][0-9]{2}$"
#: A time written with its zone, at the end of the cell: a zone's name after a digit, or an
#: offset (at most ±14:00) after an ISO ``T`` time or a time with seconds — ``14:00-15:30``
#: is a hand-kept list's time range, not 14:00 at UTC−15:30 (its end is dropped, unshifted).
ZONED = (
    r"(?:[0-9] ?(?:Z|z|UTC|GMT|JST)|(?:T[0-9]{2}:[0-9]{2}|[0-9]{2}:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]{1,9})?)[+-](?:0[0-9]|1[0-4])(?::?[0-9]{2})?)$"
)
#: The zone of a zoned cell: a name, or a signed offset (hours, minutes).
_TZ_PARTS = r"(?:(?P<name>Z|z|UTC|GMT|JST)|(?P<sign>[+-])(?P<h>[0-9]{2})(?::?(?P<m>[0-9]{2}))?)$"
_ERA = r"^(?P<era>令和|平成|昭和|[RHSrhs]) ?(?P<year>[0-9]{1,2}|元)(?:年|[./-])(?P<rest>.*)$"
_ERA_START = ("令和", "平成", "昭和", "R", "H", "S", "r", "h", "s")
_ERA_BASE = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988, "昭和": 1925, "s": 1925}
_ERA_MD = r"^(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})[./-](?P<d>[0-9]{1,2})$"
_SERIAL = r"[0-9]{5}(?:\.[0-9]{1,12})?"
_SLASH = r"^(?P<first>[0-9]{1,2})/(?P<second>[0-9]{1,2})/(?P<year>[0-9]{4})"

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


def _shift(t: pd.Series, zoned: pd.Series) -> pd.Series:
    """What to add to each zoned cell's wall clock to read it in Japan (NaT: no zone)."""
    parts = t[zoned].str.extract(_TZ_PARTS)
    minutes = pd.to_numeric(parts["h"]) * 60 + pd.to_numeric(parts["m"]).fillna(0)
    offset = minutes.where(parts["sign"] != "-", -minutes)
    offset = offset.where(parts["name"].isna(), parts["name"].map({"JST": 540}).fillna(0))
    shift = BUSINESS_UTC_OFFSET - pd.to_timedelta(offset.astype("float64"), unit="min")
    return shift.reindex(t.index)


def _normalise(t: pd.Series) -> tuple[pd.Series, pd.Series | None]:
    """Drop weekdays and time zones, collapse spaces, write eras as Western years.

    Returns the text and, when some cells named their zone, what to add to each such
    cell's time to read it in Japan (NaT elsewhere; ``None`` when no cell did)."""
    if t.str.contains("(", regex=False).any():
        t = t.str.replace(_WEEKDAY, " ", regex=True).str.strip()
    if t.str.contains("  ", regex=False).any():  # tabs and breaks are spaces by now
        # a run then nothing: each run is consumed once, never re-scanned
        t = t.str.replace(" +", " ", regex=True)
    named = t.str.contains(ZONED, regex=True).fillna(False).astype(bool)
    shift = _shift(t, named) if named.any() else None
    # every zone-like tail is dropped (a time range's end too), only a real zone shifts
    hours = t.str.contains(_TZ_HOURS_ANY, regex=True).fillna(False).astype(bool)
    if hours.any():
        t = t.where(~hours, t[hours].str.replace(_TZ_HOURS, r"\1", regex=True))
    zoned = t.str.contains(_TZ, regex=True).fillna(False).astype(bool)
    if zoned.all():  # one zone for the whole column (an API export): no mask needed
        t = t.str.replace(_TZ_CUT, r"\1", regex=True)
    elif zoned.any():
        t = t.where(~zoned, t[zoned].str.replace(_TZ_CUT, r"\1", regex=True))
    era = t.str.startswith(_ERA_START).fillna(False)
    if era.any():
        parts = t[era].str.extract(_ERA)
        hit = parts["era"].notna()
        if hit.any():
            p = parts[hit]
            year = pd.to_numeric(p["year"].replace("元", "1")).astype("int64")
            base = p["era"].str.lower().map(_ERA_BASE).astype("int64")
            ok = year >= 1
            western = (base + year).astype("str") + "年" + p["rest"]
            t = t.copy()
            t[western.index] = western.where(ok)
            md = t[western.index].str.extract(_ERA_MD)  # R6.1.5 → 2024年1.5 → 2024年1月5日
            md = md[md["y"].notna()]
            if len(md):
                t[md.index] = md["y"] + "年" + md["m"] + "月" + md["d"] + "日"
        # an era word whose year is not 1–2 digits (``令和<5000 digits>年``) stays
        # as it is and is reported as not a date
    return t, shift


def parse_dates(t: pd.Series) -> tuple[pd.Series, bool, np.ndarray]:
    """Parse prepared distinct date text.

    Parameters
    ----------
    t : pandas.Series
        Text from :func:`abm.ingest.cells.prepare` (missing = nothing to parse).

    Returns
    -------
    (pandas.Series, bool, numpy.ndarray)
        ``datetime64[us]`` values (NaT where not a date or out of range), whether
        slash dates were read day-first, and which dates named their zone and were
        moved to Japan's clock (bool, aligned with ``t``).
    """
    t, shift = _normalise(t)
    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[us]")
    serial = t.str.fullmatch(_SERIAL).fillna(False)
    if serial.any():
        num = pd.to_numeric(t[serial], errors="coerce")
        num = num[(num >= 20000) & (num <= 80000)]
        out[num.index] = pd.Timestamp("1899-12-30") + pd.to_timedelta(num, unit="D")
    slash = t.str.match(_SLASH).fillna(False)
    day_first = False
    if slash.any():
        parts = t[slash].str.extract(_SLASH)
        first, second = pd.to_numeric(parts["first"]), pd.to_numeric(parts["second"])
        day_first = bool((first > 12).any() and not (second > 12).any())
    formats = ("ISO8601", *_YMD, *(_DMY if day_first else _MDY))
    rem = out.isna() & t.notna()
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
    out = out.where((out >= DATE_MIN) & (out < DATE_MAX))  # before any sum can overflow
    if shift is None:
        return out, day_first, np.zeros(len(out), dtype=bool)
    # a time given with its zone, read on Japan's clock
    moved = out + shift.fillna(pd.Timedelta(0)).astype("timedelta64[us]")
    out = moved.astype("datetime64[us]").where((moved >= DATE_MIN) & (moved < DATE_MAX))
    return out, day_first, (shift.notna() & out.notna()).to_numpy(dtype=bool)
