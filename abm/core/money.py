"""Deals in several currencies: each amount in the workspace's currency, or left out of sums.

A CRM with several currencies exports each deal's own amount beside its currency
(Salesforce's ``Amount Currency``, HubSpot's ``Currency``) unless the report asks for the
converted amount (``Amount (converted)``, which :mod:`abm.ingest.aliases` prefers). Added
up as they are, 3.6M dollars read as 3.6M yen (QA-P: 42 deals in USD beside yen, the
pipeline off by 2.6 billion yen). So an amount in another currency than the workspace's
(:func:`abm.core.format.currency`) is multiplied by the rate the user gave for it
(:class:`ExchangeRates`, the workspace section ``general``), and without a rate it is left
out of every sum — the deal itself is kept and counted — and the load report says so.

The currency words are data (:data:`CURRENCY_WORDS`): ISO codes, signs and the Japanese
names a CRM or a person writes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "CURRENCY_WORDS",
    "NOT_A_CURRENCY",
    "ExchangeRates",
    "currency_codes",
    "currency_pattern",
    "in_workspace_currency",
]

#: ISO 4217 code -> the other ways exports write it (compared in NFKC lower case).
CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "JPY": ("¥", "円", "yen", "日本円", "jp¥"),
    "USD": ("$", "us$", "usd$", "ドル", "米ドル", "dollar", "dollars", "us dollar", "米国ドル"),
    "EUR": ("€", "ユーロ", "euro", "euros"),
    "GBP": ("£", "ポンド", "英ポンド", "pound", "pounds sterling"),
    "CNY": ("rmb", "人民元", "元", "cn¥", "yuan"),
    "KRW": ("₩", "ウォン", "won"),
    "TWD": ("nt$", "台湾ドル", "新台湾ドル"),
    "SGD": ("s$", "シンガポールドル"),
    "AUD": ("a$", "豪ドル", "オーストラリアドル"),
    "HKD": ("hk$", "香港ドル"),
    "THB": ("฿", "バーツ", "タイバーツ"),
}
_LOOKUP = {
    **{code.casefold(): code for code in CURRENCY_WORDS},
    **{w.casefold(): code for code, words in CURRENCY_WORDS.items() for w in words},
}
#: Longest text read as a currency (a cell longer is no currency: kept as written, cut).
_MAX = 20


#: Cells that say no currency (a placeholder): read as blank, not as a code to give a rate.
NOT_A_CURRENCY = frozenset(
    {
        "n/a",
        "na",
        "none",
        "null",
        "nil",
        "なし",
        "無し",
        "不明",
        "未定",
        "-",
        "--",
        "ー",
        "—",
        "―",
        "?",
    }
)
_CODE_LIKE = re.compile(r"[a-z$€£¥₩฿円元ドルユーロポンドウォンバーツ]")


def _code(text: str) -> str | None:
    key = unicodedata.normalize("NFKC", text).strip().casefold()
    if not key or key in NOT_A_CURRENCY or not _CODE_LIKE.search(key):
        return None
    found = _LOOKUP.get(key)
    if found is not None:
        return found
    return key[:_MAX].upper()  # a code no list names (e.g. "INR"): as written, upper case


def currency_codes(values: pd.Series) -> pd.Series:
    """Each cell's currency as an ISO code (``"USD"`` for ``$``, ``ドル``, ``usd``).

    Parameters
    ----------
    values : pandas.Series
        A currency column as read.

    Returns
    -------
    pandas.Series
        ``string`` dtype, aligned; a code no list names is kept upper case as written,
        blank cells are ``<NA>``.

    Examples
    --------
    >>> currency_codes(pd.Series(["USD", "円", "$", None, " eur "])).tolist()
    ['USD', 'JPY', 'USD', <NA>, 'EUR']
    """
    text = values.astype("string")
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    said = np.array([*(_code(str(u)) for u in uniques), None], dtype=object)
    return pd.Series(said[codes], index=values.index, dtype="string")


def currency_pattern() -> str:
    """A regular expression (one group, case-insensitive) that finds a currency written in
    text — an ISO code or one of :data:`CURRENCY_WORDS`, the longest first (``us$`` before
    ``$``) — for an amount cell that says its own (``USD 45,000``, ``50万円``).

    Examples
    --------
    >>> import re
    >>> re.search(currency_pattern(), "usd 45,000")[1], re.search(currency_pattern(), "50万円")[1]
    ('usd', '円')
    """
    words = {c.casefold() for c in CURRENCY_WORDS} | {
        w for ws in CURRENCY_WORDS.values() for w in ws
    }
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "(?i)(" + "|".join(re.escape(w) for w in ordered) + ")"


@dataclass(frozen=True)
class ExchangeRates:
    """How amounts in other currencies become the workspace's.

    Parameters
    ----------
    currency : str
        The workspace's currency (ISO code): amounts in it stay as they are.
    rates : tuple of (str, float)
        ``(code, rate)``: one unit of ``code`` is ``rate`` units of ``currency``
        (``("USD", 150.0)`` in a yen workspace). A rate of 0 or below is no rate.
    """

    currency: str = "JPY"
    rates: tuple[tuple[str, float], ...] = ()

    def rate(self, code: str) -> float | None:
        """The rate of ``code`` into the workspace's currency (1 for its own, ``None`` if none)."""
        if code == self.currency:
            return 1.0
        found = dict(self.rates).get(code)
        return float(found) if found is not None and found > 0 else None


def in_workspace_currency(
    amounts: pd.Series, codes: pd.Series, rates: ExchangeRates | None
) -> tuple[pd.Series, dict[str, int], dict[str, int]]:
    """The amounts in the workspace's currency.

    Parameters
    ----------
    amounts : pandas.Series
        Each deal's own amount (numbers; NA when unknown).
    codes : pandas.Series
        Each deal's currency (:func:`currency_codes`; NA: the workspace's currency).
    rates : ExchangeRates or None
        The rates (``None``: yen, no rates).

    Returns
    -------
    (pandas.Series, dict, dict)
        The amounts (NA where a currency has no rate), and per currency the number of
        amounts converted and of amounts left out for want of a rate.

    Examples
    --------
    >>> a = pd.Series([100.0, 2.0, 3.0, 5.0], dtype="Float64")
    >>> c = pd.Series(["JPY", "USD", "EUR", None], dtype="string")
    >>> out, done, missing = in_workspace_currency(a, c, ExchangeRates("JPY", (("USD", 150.0),)))
    >>> out.tolist(), done, missing
    ([100.0, 300.0, <NA>, 5.0], {'USD': 1}, {'EUR': 1})
    """
    rates = rates or ExchangeRates()
    valued = amounts.notna().to_numpy(dtype=bool)
    codes = codes.astype("string")
    foreign = (codes.notna() & (codes != rates.currency)).fillna(False).to_numpy(dtype=bool)
    foreign &= valued
    if not foreign.any():
        return amounts, {}, {}
    factor = np.ones(len(amounts), dtype=np.float64)
    left = np.zeros(len(amounts), dtype=bool)
    done: dict[str, int] = {}
    missing: dict[str, int] = {}
    at = codes.fillna("").to_numpy(dtype=object)
    for code in sorted({str(c) for c in at[foreign]}):
        rows = foreign & (at == code)
        rate = rates.rate(code)
        if rate is None:
            left |= rows
            missing[code] = int(rows.sum())
        else:
            factor[rows] = rate
            done[code] = int(rows.sum())
    out = (amounts * factor).where(~left)  # the amount's own dtype; NA where left out
    return out, done, missing
