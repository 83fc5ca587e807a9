"""Links to an account's story from any list of accounts (accounts table, funnel, gap page).

The link carries the account id in the query string (``?account=<id>``) and
is an ``st.page_link``: the browser stays in the same session, so the loaded
data and every choice made on other pages are still there when the story
opens, and the address can be bookmarked or shared with the id in it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from abm.ui.shell import md, tr
from abm.ui.state import Q_ACCOUNT

__all__ = ["STORY_PAGE", "selected_account", "story_link"]

#: The account-story page script.
STORY_PAGE = "pages/8_Account.py"


def story_link(account_id: str, name: str | None, *, key: str | None = None) -> None:
    """A link that opens the story of ``account_id`` (labelled with its name)."""
    label = tr("account.open", name=md(name if name else account_id))  # an uploaded name
    st.page_link(
        STORY_PAGE,
        label=label,
        icon=":material/auto_stories:",
        query_params={Q_ACCOUNT: str(account_id)},
        help=tr("account.open_help"),
    )


def selected_account(
    event: object, ids: Sequence[object] | pd.Series, names: Sequence[object] | pd.Series
) -> tuple[str, str | None] | None:
    """``(account id, name)`` of the row selected in a dataframe event, if any.

    Parameters
    ----------
    event : object
        What ``st.dataframe(..., on_select="rerun")`` returned.
    ids, names : sequence
        Account ids and names aligned with the rows given to the dataframe.
    """
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    if not rows or rows[0] >= len(ids):
        return None
    account_id = list(ids)[rows[0]]
    name = list(names)[rows[0]]
    if account_id is None or pd.isna(account_id):
        return None
    return str(account_id), None if name is None or pd.isna(name) else str(name)
