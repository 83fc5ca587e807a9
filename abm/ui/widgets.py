"""Shared widgets: translated issue tables, download buttons, lazy-tab widget state."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd
import streamlit as st

from abm.i18n import keys as K
from abm.ui.shell import tr


def keep_unshown(values: Mapping[str, object], shown: Collection[str]) -> None:
    """Pin the values of widgets that did not run this time (closed lazy tabs/expanders).

    Streamlit forgets the state of a widget that did not run and can later
    resurrect a stale value for its key; writing the current value back as
    plain session state makes the widget show it when its tab opens again.

    Parameters
    ----------
    values : Mapping
        Widget key -> the value it should keep.
    shown : Collection
        Keys of the widgets that ran in this rerun (left alone: Streamlit
        refuses a write to a widget that already ran).
    """
    for key, value in values.items():
        if key not in shown:
            st.session_state[key] = value


def _num(value: object) -> object:
    return (
        ""
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA
        else value
    )


def issue_messages(issues: pd.DataFrame) -> pd.DataFrame:
    """Turn ingestion / validation issue tables into translated messages.

    Accepts both shapes: ingestion (``file, row, column, check, count,
    message_key``) and :func:`abm.schema.validate` (``table, column, check,
    severity, rows, first_row``). Never shows a cell value: only the
    positions and counts the issue tables carry.
    """
    rows = []
    for rec in issues.to_dict("records"):
        if "message_key" in rec:
            params = {
                "file": _num(rec.get("file")),
                "row": _num(rec.get("row")),
                "column": _num(rec.get("column")),
                "count": _num(rec.get("count")),
            }
            where = str(params["file"])
            key = str(rec["message_key"])
        else:
            params = {
                "table": tr(K.TABLE[str(rec["table"])]),
                "column": _num(rec.get("column")),
                "count": _num(rec.get("rows")),
                "row": _num(rec.get("first_row")),
            }
            where = params["table"]
            key = K.SCHEMA_CHECK[str(rec["check"])]
        rows.append({"where": where, "message": tr(key, **params)})
    return pd.DataFrame(rows, columns=["where", "message"])


def show_issues(issues: pd.DataFrame) -> None:
    """Render an issue table as translated messages."""
    show_messages(issue_messages(issues))


def show_messages(messages: pd.DataFrame) -> None:
    """Render ``where, message`` rows (from :func:`issue_messages`)."""
    st.dataframe(
        messages,
        hide_index=True,
        width="stretch",
        column_config={
            "where": st.column_config.TextColumn(tr("issues.where")),
            "message": st.column_config.TextColumn(tr("issues.message"), width="large"),
        },
    )
