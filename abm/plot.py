"""Build plotly figures from plain specs, in one validated step.

Plotly's incremental API (``update_layout(xaxis_title=...)``, ``add_vline``,
``update_xaxes``) parses magic-underscore paths and re-dispatches layout
changes on every call: a histogram with a threshold line cost ~8 ms that way
against ~1 ms built from one dict (``bench`` on the scoring page, where four
figures are rebuilt on every slider move). Chart modules describe a figure as
data with these helpers and call :func:`figure` once.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from abm.core.format import fmt_month, month_ticks, yen_axis

__all__ = [
    "figure", "hline", "money_axis", "month_axis", "month_labels", "title", "vline", "wrap_label",
]  # fmt: skip


def title(text: str) -> dict[str, str]:
    """A plotly ``title`` object."""
    return {"text": text}


def month_axis(months: pd.Series | pd.Index, lang: str = "ja", *, most: int = 12) -> dict[str, Any]:
    """Axis settings labelling months the readers' way (``2024年10月`` / ``Oct 2024``).

    Built on :func:`abm.core.format.month_ticks`; at most ``most`` ticks, evenly
    thinned, so a long history stays legible. The year is written on the first
    tick and where it changes; the others name the month only (``2025年10月``,
    ``12月``, ``2026年2月``…), so twelve labels fit a half-width chart on a
    projector without overlapping.

    Parameters
    ----------
    months : pandas.Series or pandas.Index
        Month starts (timestamps or monthly periods) plotted on the axis.
    lang : {"ja", "en"}
    most : int
        Largest number of labelled ticks.

    Returns
    -------
    dict
        ``{"type": "date", "tickvals": [...], "ticktext": [...]}``.
    """
    if isinstance(months, pd.PeriodIndex):
        months = months.to_timestamp()
    ticks = month_ticks(months, lang)
    step = max(1, -(-len(ticks["tickvals"]) // max(most, 1)))
    vals = ticks["tickvals"][::step]
    text, year = [], None
    for value, full in zip(vals, ticks["ticktext"][::step], strict=True):
        stamp = pd.Timestamp(value)
        text.append(full if stamp.year != year else _month_only(stamp, lang))
        year = stamp.year
    return {"type": "date", "tickvals": vals, "ticktext": text}


def _month_only(stamp: pd.Timestamp, lang: str) -> str:
    """``12月`` / ``Dec``: a month whose year an earlier tick already gave."""
    return f"{stamp.month}月" if lang != "en" else fmt_month(stamp, "en").split()[0]


def wrap_label(text: str, *, width: int = 6) -> str:
    """A category label on two lines when long: before a bracket (``Tier 1<br>（1:1）``) or
    after a ``・`` (``大学・<br>研究機関``), so bars keep level labels in a half-width chart.

    Plotly turns labels that collide by 30–90°; two short lines read better on a projector.
    Labels of ``width`` characters or fewer are left alone.
    """
    if len(text) <= width or "<br>" in text:
        return text
    for sep in ("（", " ("):
        if sep in text:
            head, _, tail = text.partition(sep)
            return f"{head}<br>{sep.strip()}{tail}"
    if "・" in text:
        head, _, tail = text.partition("・")
        return f"{head}・<br>{tail}"
    return text


def month_labels(periods: pd.Index, lang: str = "ja") -> list[str]:
    """Category labels for monthly periods: ``2024年10月`` / ``Oct 2024``."""
    return [fmt_month(p.to_timestamp() if isinstance(p, pd.Period) else p, lang) for p in periods]


def money_axis(values: pd.Series, lang: str = "ja") -> dict[str, Any]:
    """Axis settings labelling yen compactly (``1億円`` / ``¥100M``), from
    :func:`abm.core.format.yen_axis`: never plotly's ``¥3B`` in Japanese."""
    return {"tickmode": "array", **yen_axis(values, lang)}


def _line(
    across: str, at: float, text: str, line: dict[str, Any], anchor: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A line spanning the plot at ``at`` on axis ``across`` ("x" or "y") and its label."""
    along = "y" if across == "x" else "x"
    shape = {
        "type": "line",
        f"{across}0": at,
        f"{across}1": at,
        f"{across}ref": across,
        f"{along}0": 0,
        f"{along}1": 1,
        f"{along}ref": f"{along} domain",
        "line": line,
    }
    note = None
    if text:
        note = {
            "text": text,
            "showarrow": False,
            across: at,
            f"{across}ref": across,
            along: 1,
            f"{along}ref": f"{along} domain",
            **anchor,
        }
    return shape, note


def vline(x: float, text: str = "", **line: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A vertical line across the plot at ``x`` and its label (top right), as plotly's
    ``add_vline(x, annotation_text=text, line_*=...)`` draws them.

    Returns
    -------
    tuple
        ``(shape, annotation)``; the annotation is ``None`` without ``text``.
    """
    return _line("x", x, text, line, {"xanchor": "left", "yanchor": "top"})


def hline(y: float, text: str = "", **line: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A horizontal line across the plot at ``y`` and its label (right, above),
    as plotly's ``add_hline(y, annotation_text=text, line_*=...)`` draws them.

    Returns
    -------
    tuple
        ``(shape, annotation)``; the annotation is ``None`` without ``text``.
    """
    return _line("y", y, text, line, {"xanchor": "right", "yanchor": "bottom"})


def figure(
    data: list[dict[str, Any]],
    layout: dict[str, Any],
    *,
    lines: list[tuple[dict[str, Any], dict[str, Any] | None]] = (),
) -> go.Figure:
    """Validate ``data`` traces and ``layout`` into a figure, adding ``lines``.

    Parameters
    ----------
    data : list of dict
        Traces, each with its ``type`` (``"bar"``, ``"heatmap"``…).
    layout : dict
        Layout in nested form (``{"xaxis": {"title": {"text": ...}}}``).
    lines : list of tuple
        :func:`vline` / :func:`hline` results.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    layout = dict(layout)
    if lines:
        layout["shapes"] = [*layout.get("shapes", []), *(s for s, _ in lines)]
        notes = [n for _, n in lines if n is not None]
        if notes:
            layout["annotations"] = [*layout.get("annotations", []), *notes]
    return go.Figure({"data": data, "layout": layout})
