"""Shared widgets: tables and charts as every page draws them, the presentation-mode
filter line, translated issue tables, lazy-tab widget state.

:func:`table` and :func:`editor` are ``st.dataframe`` / ``st.data_editor`` with
Mori's defaults (a missing cell reads "—", never Streamlit's "None"; no
index); :func:`field_columns` names canonical columns in the reader's
language; :func:`chart` draws a plotly figure with larger fonts while
presenting.
"""

from __future__ import annotations

import numbers
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from abm.core.format import CURRENCIES, NA_TEXT, currency
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui.shell import lang, md, presentation_slot, presenting, tr

#: Base chart font while presenting (a projector at the back of a meeting room).
PRESENT_FONT = 20
#: Base chart font otherwise (plotly's default is 12).
CHART_FONT = 13


def table(data: Any, **kwargs: Any) -> Any:
    """``st.dataframe`` with Mori's defaults: no index, missing cells read "—".

    Parameters
    ----------
    data
        What ``st.dataframe`` takes.
    **kwargs
        Passed on (``column_config``, ``key``, ``on_select``…); ``hide_index``
        and ``placeholder`` may be overridden.

    Returns
    -------
    object
        What ``st.dataframe`` returns (the selection state with ``on_select``); None for
        a frame without rows, which is said in the reader's language instead.
    """
    frame = getattr(data, "data", data)  # a Styler's frame
    if isinstance(frame, pd.DataFrame) and frame.empty:  # not Streamlit's English "empty"
        st.caption(tr("widgets.table_empty"))
        return None
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("placeholder", NA_TEXT)
    return st.dataframe(data, **kwargs)


def editor(data: Any, **kwargs: Any) -> Any:
    """``st.data_editor`` with the defaults of :func:`table`; returns the edited data."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("placeholder", NA_TEXT)
    return st.data_editor(data, **kwargs)


def percents(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A copy with shares (0–1) in ``columns`` as percents (0–100) for :func:`percent_column`."""
    out = frame.copy()
    for col in columns:
        out[col] = pd.to_numeric(out[col], errors="coerce") * 100
    return out


def percent_column(label: str, **kwargs: Any) -> Any:
    """A column of percents (0–100, from :func:`percents`) read as whole numbers: ``21%``.

    Streamlit's own ``"percent"`` format writes two decimals (``20.88%``), more
    than a projector needs or a reader takes in.
    """
    return st.column_config.NumberColumn(label, format="%.0f%%", **kwargs)


def money_unit(lang: str) -> tuple[float, str, str]:
    """How a money column reads in a narrow table: ``(divisor, unit, printf format)``.

    Japanese tables count in 万円 (``14,890`` under 進行中の商談額（万円）), English
    ones in millions of yen (``148.9`` under "Open pipeline (¥M)"): the column
    stays numeric (sortable) and is a third as wide as ``148,900,000円``. In the
    workspace's currency: 万ドル / $M for dollars.
    """
    m = CURRENCIES[currency()]
    return (1e4, f"万{m.ja}", "%,d") if lang != "en" else (1e6, f"{m.symbol}M", "%,.1f")


def selectbox(label: str, options: Any, *, where: Any = None, **kwargs: Any) -> Any:
    """``st.selectbox`` with a translated placeholder (never Streamlit's "Choose an option").

    ``where`` is the container to draw in (a column…); default: the current one.
    """
    kwargs.setdefault("placeholder", tr("widgets.choose_one"))
    return (where or st).selectbox(label, options, **kwargs)


def multiselect(label: str, options: Any, *, where: Any = None, **kwargs: Any) -> Any:
    """``st.multiselect`` with a translated placeholder; in Japanese without Streamlit's
    English "Select all" entry (an empty choice already means all where a page filters)."""
    kwargs.setdefault("placeholder", tr("widgets.choose_many"))
    if lang() != "en":
        kwargs.setdefault("select_all", False)
    return (where or st).multiselect(label, options, **kwargs)


def field_label(name: str, lang: str) -> str:
    """A canonical column's name in ``lang`` (``company`` → 会社名); other names as they are."""
    key = K.FIELD.get(str(name))
    return t(key, lang) if key else str(name)


def field_columns(frame: pd.DataFrame, lang: str, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """``column_config`` naming each column of ``frame`` the reader's way.

    Canonical columns get their translated name (:data:`abm.i18n.keys.FIELD`);
    dates show as dates (times only where there are some); other columns keep
    their name (an uploaded file's own header). Columns in ``skip`` are left to
    the caller's config.
    """
    skipped = set(skip)
    out: dict[str, Any] = {}
    for name in frame.columns:
        if name in skipped:
            continue
        label = field_label(str(name), lang)
        s = frame[name]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            times = s.dropna()
            timed = len(times) > 0 and bool((times != times.dt.normalize()).any())
            fmt = "YYYY-MM-DD HH:mm" if timed else "YYYY-MM-DD"
            out[str(name)] = st.column_config.DatetimeColumn(label, format=fmt)
        else:
            out[str(name)] = st.column_config.Column(label)
    return out


def chart_font() -> int:
    """The base font size of a chart on this run (larger while presenting)."""
    return PRESENT_FONT if presenting() else CHART_FONT


def _enlarged(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` with presentation-size text (explicit sizes scaled up too)."""
    big = go.Figure(fig)
    scale = PRESENT_FONT / CHART_FONT
    big.update_layout(
        font={"size": PRESENT_FONT},
        legend={"font": {"size": PRESENT_FONT - 2}},
        hoverlabel={"font": {"size": PRESENT_FONT - 2}},
    )
    for note in big.layout.annotations or ():
        if note.font and note.font.size:
            note.font.size = round(note.font.size * scale)
    if big.layout.height:
        big.layout.height = round(big.layout.height * 1.15)
    return big


def chart(fig: go.Figure, *, key: str, **kwargs: Any) -> Any:
    """Draw a plotly figure: larger text while presenting, no English tool bar in Japanese.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Not modified (presentation draws an enlarged copy).
    key : str
        The widget key (from :func:`abm.ui.state.widget_key`).
    **kwargs
        Passed on to ``st.plotly_chart`` (``on_select``, ``selection_mode``…).

    Returns
    -------
    object
        What ``st.plotly_chart`` returns.
    """
    shown = _enlarged(fig) if presenting() else fig
    config = {"displaylogo": False}
    if presenting() or lang() != "en":  # plotly's tool tips are English only
        config["displayModeBar"] = False
    return st.plotly_chart(shown, key=key, config=config, **kwargs)


def filters_line(parts: Sequence[str]) -> bool:
    """While presenting, sum the page's filters up in the presentation bar's one line.

    Parameters
    ----------
    parts : sequence of str
        Translated pieces (``"期間 2025-10-01〜2026-09-30"``…); uploaded values in
        them are escaped here.

    Returns
    -------
    bool
        Whether the line was drawn (``False`` outside presentation mode).
    """
    found = presentation_slot()
    if found is None:
        return False
    slot, base = found
    present_line(slot, [*base, *parts])
    return True


def present_line(slot: Any, parts: Sequence[str]) -> None:
    """Write the presentation bar's line — the as-of date, the period, the filters — in
    ``slot`` as body text: a caption's small grey type could not be read from the back of a
    room on a projector (QA-N). Only presentation mode has the bar; normal mode is unchanged.

    Parameters
    ----------
    slot
        The bar's ``st.empty`` (:func:`abm.ui.shell.presentation_slot`).
    parts : sequence of str
        Translated pieces, joined with " · " (uploaded values escaped here).
    """
    slot.markdown(" · ".join(md(p) for p in parts if p))


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


def _line(value: object) -> object:
    """A row number as a whole number (an issue table with gaps holds them as floats:
    QA saw ``234.0行目``)."""
    value = _num(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _thousands(value: object) -> object:
    """A count written with thousands separators (``50,215``); anything else as it is."""
    value = _num(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != int(value):
        return value
    return f"{int(value):,}"


def issue_messages(issues: pd.DataFrame) -> pd.DataFrame:
    """Turn ingestion / validation issue tables into translated messages.

    Accepts both shapes: ingestion (``file, row, column, check, count,
    message_key``) and :func:`abm.schema.validate` (``table, column, check,
    severity, rows, first_row``). Never shows a cell value: only the
    positions and counts the issue tables carry. Amounts signed in one currency (dollars,
    euros, pounds) are not said once the workspace counts in it: what the message asks is
    done (amounts in several signs, or a column of currency codes, are still said).
    """
    from abm.ingest.read import KEPT_COLUMN  # (ingest's imports are heavy: not at start-up)

    rows = []
    for rec in issues.to_dict("records"):
        if _counted_in(rec.get("message_key")):
            continue  # "another sign than yen … choose the amounts' currency": chosen (QA-I)
        if "message_key" in rec:
            params = {
                "file": _num(rec.get("file")),
                "row": _line(rec.get("row")),
                "column": _num(rec.get("column")),
                "count": _thousands(rec.get("count")),
                "kept": _num(rec.get(KEPT_COLUMN)),  # duplicate_mapping: the column read instead
            }
            where = str(params["file"])
            key = str(rec["message_key"])
        else:
            params = {
                "table": tr(K.TABLE[str(rec["table"])]),
                "column": " | ".join(
                    field_label(c, lang()) for c in str(_num(rec.get("column"))).split(" | ")
                ),
                "count": _thousands(rec.get("rows")),
                "row": _line(rec.get("first_row")),
            }
            file = _num(rec.get("file"))
            where = str(file) if file else params["table"]
            key = K.SCHEMA_CHECK[str(rec["check"])]
        rows.append({"where": where, "message": tr(key, **params)})
    return pd.DataFrame(rows, columns=["where", "message"])


#: The message of amounts signed the way each currency is written (``$`` for every dollar).
_SIGNED_IN = {
    "USD": "ingest.issue.foreign_currency_dollar",
    "TWD": "ingest.issue.foreign_currency_dollar",
    "SGD": "ingest.issue.foreign_currency_dollar",
    "AUD": "ingest.issue.foreign_currency_dollar",
    "EUR": "ingest.issue.foreign_currency_euro",
    "GBP": "ingest.issue.foreign_currency_pound",
}


def _counted_in(key: object) -> bool:
    """Whether an issue says amounts are signed in the currency the workspace counts in."""
    return key is not None and key == _SIGNED_IN.get(currency())


def show_issues(issues: pd.DataFrame) -> None:
    """Render an issue table as translated messages."""
    show_messages(issue_messages(issues))


#: Most messages written out in full (a longer list is a table whose cells may be cut).
MESSAGES_IN_FULL = 40


def show_messages(messages: pd.DataFrame) -> None:
    """Render ``where, message`` rows (from :func:`issue_messages`): written out in full,
    each under its place (QA: long messages were cut at a table column's edge); a longer
    list as a table."""
    if 0 < len(messages) <= MESSAGES_IN_FULL:
        lines = [
            f"- **{md(str(w))}**  \n  {md(str(m))}" if str(w).strip() else f"- {md(str(m))}"
            for w, m in zip(messages["where"], messages["message"], strict=True)
        ]
        st.markdown("\n".join(lines))
        return
    table(
        messages,
        width="stretch",
        column_config={
            "where": st.column_config.TextColumn(tr("issues.where")),
            "message": st.column_config.TextColumn(tr("issues.message"), width="large"),
        },
    )
