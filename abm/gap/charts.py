"""Plotly figures of the gap view (used by the page and the meeting report).

User-provided labels (sources, reasons) are HTML-escaped: plotly renders a
subset of HTML (links, bold) inside labels.
"""

from __future__ import annotations

import html
import unicodedata

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from abm.core.format import fmt_count, fmt_pct
from abm.funnel.display import source_label
from abm.gap.lenses import FIT_LETTERS
from abm.i18n import keys as K
from abm.i18n import t
from abm.plot import month_axis

__all__ = ["fit_mix_figure", "quadrant_figure", "reasons_figure", "volume_figure"]


def _layout(fig: go.Figure, title: str, font_size: int, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": font_size + 2}},
        font={"size": font_size},
        height=height,
        margin={"l": 10, "r": 10, "t": 40 + 2 * font_size, "b": 10},
        legend={"font": {"size": max(int(font_size * 0.8), 10)}},
        template="plotly_white",
    )
    return fig


def _wrap(label: str) -> str:
    """Break a quadrant label into short lines so it fits a cell."""
    for sep, rep in ((" / ", " /<br>"), ("／", "／<br>"), (" (", "<br>("), ("（", "<br>（")):
        label = label.replace(sep, rep)
    return label


def _months(labels: pd.Index) -> pd.DatetimeIndex | None:
    """The month starts of monthly period labels, else ``None`` (weeks, quarters)."""
    try:
        periods = pd.PeriodIndex(labels.astype(str), freq="M")
    except (ValueError, TypeError):
        return None
    return (
        periods.to_timestamp()
        if all(str(p) == str(x) for p, x in zip(periods, labels, strict=True))
        else None
    )


def _width(text: str) -> int:
    """Display width: a wide (kana, kanji, full-width) character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def volume_figure(
    volume: pd.DataFrame, lang: str = "ja", *, font_size: int = 13, top: int = 6
) -> go.Figure:
    """Stacked bars: leads by creation period and lead source (``top`` sources + other);
    a channel reads as its label in ``lang``, another source as written."""
    fig = go.Figure()
    unknown = t("gap.src.unknown", lang)
    order = volume.sum(axis=0).sort_values(ascending=False, kind="stable").index.tolist()
    shown = volume[order[:top]]
    if len(order) > top:
        shown = shown.assign(**{"\0other": volume[order[top:]].sum(axis=1)})
    months = _months(shown.index)
    x = months.tolist() if months is not None else shown.index.astype(str).tolist()
    for src in shown.columns:
        name = (
            unknown
            if src == "(unknown)"
            else t("gap.src.other", lang)
            if src == "\0other"
            else html.escape(source_label(src, lang))
        )
        fig.add_bar(x=x, y=shown[src].tolist(), name=name)
    # the legend above the bars, under the title: below them it covered the month labels once
    # they turned, beside them it took a third of a half-width chart
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
    )
    if months is not None:  # months: the year written only where it changes (abm.plot);
        # six ticks at most: the chart is half the page wide, and a projector's 1280 px
        # leave no room for a year-bearing label beside each of twelve
        fig.update_xaxes(**month_axis(months, lang, most=6), automargin=True)
    else:
        fig.update_xaxes(type="category", automargin=True)
    fig = _layout(fig, t("gap.m.volume", lang), font_size, 420 + 8 * font_size)
    # two sources to a legend row in a half-width chart, one when a name is long (a channel's
    # label: "Advertising (display, other)"): the legend grew over the title
    names = [tr.name or "" for tr in fig.data]
    per_row = 2 if max((_width(n) for n in names), default=0) <= 24 else 1
    rows = -(-len(shown.columns) // per_row)
    fig.update_layout(
        title={"yref": "container", "y": 0.99, "yanchor": "top"},
        margin={"t": 30 + 2 * font_size + int(rows * 1.7 * font_size)},
    )
    return fig


def fit_mix_figure(mix: pd.Series, lang: str = "ja", *, font_size: int = 13) -> go.Figure:
    """Bars: leads per fit grade (A best)."""
    vals = mix.reindex(list(FIT_LETTERS), fill_value=0)
    fig = go.Figure(
        go.Bar(
            x=list(FIT_LETTERS),
            y=vals.tolist(),
            text=[fmt_count(v, lang) for v in vals.tolist()],
            textposition="auto",
            marker_color=["#1b7837", "#7fbf7b", "#d9f0d3", "#bbbbbb"],
        )
    )
    return _layout(fig, t("gap.s.fit_mix", lang), font_size, 320 + 4 * font_size)


def quadrant_figure(quadrant: pd.DataFrame, lang: str = "ja", *, font_size: int = 13) -> go.Figure:
    """2×2 heatmap: engagement (x: cold, hot) × fit (y: cold, hot), lead counts."""
    q = quadrant
    # rows: fit cold (bottom), fit hot (top); columns: engagement cold, hot
    keys = [["both_cold", "marketing_hot"], ["sales_hot", "both_hot"]]
    z = np.array([[float(q.loc[k, "leads"]) for k in row] for row in keys])
    text = [
        [
            t(
                "gap.q.cell_one" if q.loc[k, "leads"] == 1 else "gap.q.cell",
                lang,
                n=fmt_count(q.loc[k, "leads"], lang),
                rate=fmt_pct(q.loc[k, "opportunity_rate"], lang),
            )
            + "<br><b>"
            + _wrap(t(K.QUADRANT[k], lang))
            + "</b>"
            for k in row
        ]
        for row in keys
    ]
    hot, cold = t("gap.q.hot", lang), t("gap.q.cold", lang)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[cold, hot],
            y=[cold, hot],
            text=text,
            texttemplate="%{text}",
            textfont={"size": font_size},
            colorscale="Blues",
            showscale=False,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(title_text=t("gap.q.axis_engagement", lang), side="bottom")
    fig.update_yaxes(title_text=t("gap.q.axis_fit", lang))
    return _layout(fig, t("gap.q.title", lang), font_size, 380 + 8 * font_size)


def reasons_figure(
    reasons: pd.DataFrame, lang: str = "ja", *, font_size: int = 13, top: int = 8
) -> go.Figure:
    """Horizontal bars: rejection reasons, most frequent on top."""
    r = reasons.head(top).iloc[::-1]
    unknown = t("gap.src.unknown", lang)
    labels = [unknown if v == "(unknown)" else html.escape(str(v)) for v in r["reason"]]
    fig = go.Figure(go.Bar(x=r["leads"].tolist(), y=labels, orientation="h"))
    return _layout(fig, t("gap.h.reasons", lang), font_size, 200 + 28 * max(len(r), 1))
