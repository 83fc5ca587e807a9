"""The currency of the exports' amounts and the exchange rates of deals in other currencies
(workspace section ``general``): choices on the Data page.

A deal whose currency column names another currency than the workspace's is converted at
the rate the user gives here, else its amount is left out of every sum
(:mod:`abm.core.money`); changing the currency or a rate builds the data again.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from abm.core.format import CURRENCIES, set_currency
from abm.dataset import Dataset
from abm.ui import widgets
from abm.ui.loading import exchange_rates, parts, rebuild
from abm.ui.shell import msg, tr
from abm.ui.state import (
    K_MONEY_REBUILD,
    data_label,
    get_workspace,
    set_workspace_section,
    widget_key,
)

_KEY = widget_key("data", "currency")
#: Largest rate a user may type (one unit of a currency in the workspace's).
MAX_RATE = 1e6


def saved() -> str:
    """The workspace's currency (``"JPY"`` unless the user chose another)."""
    code = (get_workspace().section("general") or {}).get("currency")
    return code if code in CURRENCIES else "JPY"


def saved_rates() -> dict[str, float]:
    """The workspace's exchange rates (ISO code -> units of its currency), as the data is
    built with them (:func:`abm.ui.loading.exchange_rates`)."""
    return {str(c): float(r) for c, r in exchange_rates().rates if r > 0}


def apply() -> None:
    """Format money in the workspace's currency on this run (every page, before drawing)."""
    set_currency(saved())


def _on_change() -> None:
    code = st.session_state.get(_KEY)
    if code in CURRENCIES and code != saved():
        general = get_workspace().section("general") or {}
        # the rates were worth so much of the old currency: asked again, not reused (a euro
        # at 160 yen must not become 160 dollars)
        set_workspace_section("general", {**general, "currency": code, "exchange_rates": {}})
        set_currency(code)
        st.session_state[K_MONEY_REBUILD] = True  # amounts in another currency: anew


def _foreign(ds: Dataset) -> pd.Series:
    """Deals per currency other than the workspace's (ISO code -> deals with an amount)."""
    opps = ds.opportunities
    if opps is None or "currency" not in opps.columns:
        return pd.Series(dtype="int64")
    codes = opps["currency"].astype("string")
    own = saved()
    # the amount as read is gone for a deal without a rate: count every deal in the currency
    counted = codes[codes.notna() & (codes != own)]
    return counted.value_counts().sort_index()


def _has_codes(ds: Dataset) -> bool:
    """Whether any deal names its currency (so the workspace's currency decides its amount)."""
    opps = ds.opportunities
    return opps is not None and "currency" in opps.columns and bool(opps["currency"].notna().any())


def _rebuild() -> None:
    err = rebuild(parts(), label=data_label())
    if err is None:
        st.rerun()
    st.error(msg(err), icon=":material/error:")


def rates(ds: Dataset) -> None:
    """The exchange rates of the currencies the deals are in besides the workspace's: one
    number each (units of the workspace's currency for one unit), applied with a button."""
    found = _foreign(ds)
    if found.empty:
        return
    own = saved()
    have = saved_rates()
    missing = [c for c in found.index if c not in have]
    with st.expander(tr("data.rates"), expanded=bool(missing), icon=":material/currency_exchange:"):
        st.caption(tr("data.rates_help", currency=own))
        if missing:
            st.warning(
                tr("data.rates_missing", codes=", ".join(missing)), icon=":material/warning:"
            )
        typed: dict[str, float] = {}
        cols = st.columns(min(len(found), 4))
        for i, (code, n) in enumerate(found.items()):
            typed[str(code)] = cols[i % len(cols)].number_input(
                tr("data.rate_of", code=str(code), currency=own, n=int(n)),
                min_value=0.0,
                max_value=MAX_RATE,
                value=float(have.get(str(code), 0.0)),
                step=0.01,
                format="%.4f",
                key=widget_key("data", f"rate.{code}"),
                help=tr("data.rate_help"),
            )
        changed = {c: r for c, r in typed.items() if r != have.get(c, 0.0)}
        if st.button(
            tr("data.rates_apply"),
            type="primary",
            disabled=not changed,
            key=widget_key("data", "rates_apply"),
        ):
            new = {**have, **{c: r for c, r in typed.items() if r > 0}}
            new = {c: r for c, r in new.items() if typed.get(c, r) > 0}
            general = get_workspace().section("general") or {}
            set_workspace_section("general", {**general, "exchange_rates": new})
            _rebuild()


def choice(ds: Dataset | None = None) -> None:
    """The selectbox: which currency the amounts are in; then the rates of deals in others."""
    st.session_state[_KEY] = saved()
    widgets.selectbox(  # (a translated placeholder, not Streamlit's "Choose an option")
        tr("data.currency"),
        options=list(CURRENCIES),
        format_func=lambda code: f"{code} ({CURRENCIES[code].symbol})",
        key=_KEY,
        on_change=_on_change,
        help=tr("data.currency_help"),
        where=st.columns([1, 2])[0],  # a short choice: a third of the page
    )
    if st.session_state.pop(K_MONEY_REBUILD, False) and ds is not None and _has_codes(ds):
        _rebuild()  # each deal's currency against the new one: converted, or left out, anew
    if ds is not None:
        rates(ds)
