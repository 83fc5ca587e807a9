"""Numbers and dates as people read them, per language — one formatter each.

Japanese readers count money in 万 and 億 (``33.8億円``, ``250万円``), dates as
``2024年10月``, people in 名 and companies in 社; English readers get
``¥3.38B``, ``Oct 2024``. Every page, chart, report and export formats
through here, so the same quantity never reads differently in two places.
Unknown values (None, NaN, NA, ±inf) read ``—``.

Money is in the workspace's currency (:data:`CURRENCIES`; yen unless the user
chose another): ``$321K`` / ``32.1万ドル`` for dollars. Formatting never converts:
deals a currency column puts in another currency are converted once, when the
data is built (:mod:`abm.core.money`). The UI sets it for each run
(:func:`set_currency`); library code that formats money outside a page reads
yen unless told otherwise (:func:`use_currency`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd

__all__ = [
    "CURRENCIES",
    "NA_TEXT",
    "Currency",
    "currency",
    "currency_unit",
    "fmt_count",
    "fmt_days",
    "fmt_list",
    "fmt_month",
    "fmt_pct",
    "fmt_yen",
    "fmt_yen_short",
    "money_size",
    "month_ticks",
    "set_currency",
    "sized_defaults",
    "use_currency",
    "yen_axis",
    "yen_column_format",
]

#: How an unknown value reads, in every language.
NA_TEXT = "—"


@dataclass(frozen=True)
class Currency:
    """How one currency's amounts read: ``symbol`` before the number in English,
    ``ja`` after it in Japanese (``円``, ``ドル``), with 万/億/兆 in front of it.

    ``size`` scales the defaults written in yen (revenue bands, a large account's
    revenue) to a round amount of about the same worth: ``0.01`` for a dollar-sized
    currency (10億円 → 10M). A default's scale, not an exchange rate: amounts are never
    converted."""

    symbol: str
    ja: str
    size: float = 1.0


#: The currencies a workspace may count in (ISO 4217 code -> how it reads). Data, not
#: code: add one freely.
CURRENCIES: Mapping[str, Currency] = {
    "JPY": Currency("¥", "円"),
    "USD": Currency("$", "ドル", 0.01),
    "EUR": Currency("€", "ユーロ", 0.01),
    "GBP": Currency("£", "ポンド", 0.01),
    "CNY": Currency("CN¥", "元", 0.05),
    "KRW": Currency("₩", "ウォン", 10.0),
    "TWD": Currency("NT$", "台湾ドル", 0.3),
    "SGD": Currency("S$", "シンガポールドル", 0.015),
    "AUD": Currency("A$", "豪ドル", 0.015),
}
_CURRENCY: ContextVar[str] = ContextVar("mori_currency", default="JPY")


def currency() -> str:
    """The currency money is formatted in on this run (ISO code; ``"JPY"`` by default)."""
    return _CURRENCY.get()


def set_currency(code: object) -> None:
    """Format money in ``code`` from now on in this context (a page run); an unknown
    code reads yen."""
    _CURRENCY.set(code if isinstance(code, str) and code in CURRENCIES else "JPY")


@contextmanager
def use_currency(code: str) -> Iterator[None]:
    """Format money in ``code`` inside the ``with`` block (a report, a test)."""
    token = _CURRENCY.set(code if code in CURRENCIES else "JPY")
    try:
        yield
    finally:
        _CURRENCY.reset(token)


def money_size(code: str | None = None) -> float:
    """How the yen-written defaults scale in ``code`` (this run's currency by default):
    :attr:`Currency.size`."""
    return CURRENCIES.get(code or currency(), CURRENCIES["JPY"]).size


def sized_defaults(size: float, edges: tuple[float, ...]) -> tuple[float, ...]:
    """Yen-written default amounts ``edges`` in a currency of ``size`` (six significant
    digits: ``1e9 * 0.015`` is ``1.5e7``, not ``15000000.000000002``)."""
    return tuple(float(f"{e * size:.6g}") for e in edges)


def currency_unit(lang: str = "ja") -> str:
    """The currency's name in a column header or label: ``円`` / ``JPY``, ``ドル`` / ``USD``."""
    code = currency()
    return CURRENCIES[code].ja if lang == "ja" else code


def _money() -> Currency:
    return CURRENCIES[currency()]


_JA_UNITS = (("兆", 1e12), ("億", 1e8), ("万", 1e4))
_EN_UNITS = (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3))
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_list(items: Iterable[str], lang: str = "ja") -> str:
    """Words listed in ``lang``: ``部長、課長`` / ``head, manager``.

    Examples
    --------
    >>> fmt_list(["MQL", "SAL"], "ja"), fmt_list(["MQL", "SAL"], "en")
    ('MQL、SAL', 'MQL, SAL')
    """
    return ("、" if lang != "en" else ", ").join(items)


def _number(x: object) -> float | None:
    if x is None or x is pd.NA:
        return None
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def fmt_count(x: object, lang: str = "ja", *, unit: str = "") -> str:
    """``1234`` → ``"1,234"``; ``unit`` ``"people"``/``"companies"`` adds 名/社 (ja) or nothing.

    Examples
    --------
    >>> fmt_count(1234, "ja", unit="companies"), fmt_count(None)
    ('1,234社', '—')
    """
    v = _number(x)
    if v is None:
        return NA_TEXT
    suffix = {"people": "名", "companies": "社"}.get(unit, "") if lang == "ja" else ""
    return f"{v:,.0f}{suffix}"


def fmt_pct(x: object, lang: str = "ja", *, digits: int = 0) -> str:
    """``0.384`` → ``"38%"`` (``digits`` decimals)."""
    v = _number(x)
    return NA_TEXT if v is None else f"{v:.{digits}%}"


def fmt_yen(x: object, lang: str = "ja") -> str:
    """Exact money in the run's currency: ``"1,200,000円"`` / ``"¥1,200,000"`` (``"$3,450"``)."""
    v = _number(x)
    if v is None:
        return NA_TEXT
    m = _money()
    return f"{v:,.0f}{m.ja}" if lang == "ja" else f"{m.symbol}{v:,.0f}"


def yen_column_format(lang: str = "ja") -> str:
    """:func:`fmt_yen` as a printf format for a table column that stays numeric
    (Streamlit's ``NumberColumn(format=...)``): ``"%,d円"`` / ``"¥%,d"``."""
    m = _money()
    return f"%,d{m.ja}" if lang == "ja" else f"{m.symbol}%,d"


def fmt_yen_short(x: object, lang: str = "ja") -> str:
    """Compact yen for tiles and tables: ``"33.8億円"`` / ``"¥3.38B"`` (3 significant digits).

    Examples
    --------
    >>> fmt_yen_short(3_380_000_000), fmt_yen_short(3_380_000_000, "en")
    ('33.8億円', '¥3.38B')
    >>> fmt_yen_short(2_500_000), fmt_yen_short(9_800)
    ('250万円', '9,800円')
    """
    v = _number(x)
    if v is None:
        return NA_TEXT
    sign = "-" if v < 0 else ""
    a = abs(v)
    m = _money()
    units = tuple((k + m.ja, d) for k, d in _JA_UNITS) if lang == "ja" else _EN_UNITS
    # rounded in the amount's own unit, then named in the unit the rounded amount reaches
    # (¥999.95M rounds to ¥1,000M: it is ¥1B)
    div = next((d for _, d in units if a >= d), 1.0)
    amount = _three_digits(a, div) * Decimal(repr(div)) if div > 1 else _whole(a)
    for unit, div in units:
        if amount >= Decimal(repr(div)):
            q = _three_digits(float(amount), div)
            text = f"{int(q):,}" if q >= 1000 else format(q.normalize(), "f")
            return f"{sign}{text}{unit}" if lang == "ja" else f"{sign}{m.symbol}{text}{unit}"
    return f"{sign}{int(amount):,}{m.ja}" if lang == "ja" else f"{sign}{m.symbol}{int(amount):,}"


def _whole(amount: float) -> Decimal:
    """Whole yen, halves up."""
    return Decimal(repr(float(amount))).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _three_digits(amount: float, unit: float) -> Decimal:
    """``amount / unit`` to three significant digits (whole units from 1,000), halves up
    on the exact yen — so 271,500,000 yen is 2.72億円 and ¥272M alike (QA-H: binary
    floats made it 2.71億円 beside ¥272M)."""
    with localcontext() as ctx:
        ctx.prec = 400  # whole units of any finite float (1e308 yen is a bad cell, not a crash)
        q = Decimal(repr(float(amount))) / Decimal(repr(float(unit)))
        step = Decimal(1) if q >= 1000 else Decimal(1).scaleb(q.adjusted() - 2)
        return q.quantize(step, rounding=ROUND_HALF_UP)


def fmt_days(x: object, lang: str = "ja") -> str:
    """Days: ``"2.5日"`` / ``"2.5 d"``."""
    v = _number(x)
    if v is None:
        return NA_TEXT
    return f"{v:g}日" if lang == "ja" else f"{v:g} d"


def fmt_month(ts: object, lang: str = "ja") -> str:
    """A month: ``"2024年10月"`` / ``"Oct 2024"``."""
    if ts is None or ts is pd.NA:
        return NA_TEXT
    t = pd.Timestamp(ts)  # type: ignore[arg-type]
    if pd.isna(t):
        return NA_TEXT
    return f"{t.year}年{t.month}月" if lang == "ja" else f"{_EN_MONTHS[t.month - 1]} {t.year}"


def month_ticks(months: pd.Series | pd.Index, lang: str = "ja") -> dict[str, list[object]]:
    """Plotly axis settings that label each month in ``months`` the readers' way.

    Returns
    -------
    dict
        ``{"tickvals": [...], "ticktext": [...]}`` for ``fig.update_xaxes``.
    """
    vals = pd.Series(pd.to_datetime(pd.Series(months), errors="coerce")).dropna().drop_duplicates()
    vals = vals.sort_values()
    return {"tickvals": vals.tolist(), "ticktext": [fmt_month(v, lang) for v in vals]}


def yen_axis(values: pd.Series, lang: str = "ja", *, ticks: int = 5) -> dict[str, list[object]]:
    """Plotly axis settings labelling money ticks compactly (``1億円``, ``¥100M``).

    Returns
    -------
    dict
        ``{"tickvals": [...], "ticktext": [...]}`` spanning ``0 … max(values)``.
    """
    top = _number(pd.to_numeric(pd.Series(values), errors="coerce").max()) or 0.0
    if top <= 0:
        return {"tickvals": [0], "ticktext": [fmt_yen_short(0, lang)]}
    raw = top / ticks
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    vals = [i * step for i in range(int(top // step) + 2)]
    return {"tickvals": vals, "ticktext": [fmt_yen_short(v, lang) for v in vals]}
