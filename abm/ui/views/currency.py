"""The currency of the exports' amounts (workspace section ``general``): a choice on the Data page."""

from __future__ import annotations

import streamlit as st

from abm.core.format import CURRENCIES, set_currency
from abm.ui import widgets
from abm.ui.shell import tr
from abm.ui.state import get_workspace, set_workspace_section, widget_key

_KEY = widget_key("data", "currency")


def saved() -> str:
    """The workspace's currency (``"JPY"`` unless the user chose another)."""
    code = (get_workspace().section("general") or {}).get("currency")
    return code if code in CURRENCIES else "JPY"


def apply() -> None:
    """Format money in the workspace's currency on this run (every page, before drawing)."""
    set_currency(saved())


def _on_change() -> None:
    code = st.session_state.get(_KEY)
    if code in CURRENCIES and code != saved():
        general = get_workspace().section("general") or {}
        set_workspace_section("general", {**general, "currency": code})
        set_currency(code)


def choice() -> None:
    """The selectbox: which currency the amounts are in (nothing is converted)."""
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
