"""Plotly figures for the funnel page (pure: frames in, figures out)."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from abm.core.format import fmt_count, fmt_pct
from abm.i18n import t
from abm.plot import month_axis, month_labels

__all__ = ["cohort_figure", "funnel_figure", "period_figure", "velocity_figure"]


def funnel_figure(table: pd.DataFrame, lang: str = "ja", *, label_col: str = "label") -> go.Figure:
    """Funnel of a :func:`~abm.funnel.metrics.stage_counts` (or account waterfall) table.

    Each bar shows its count, the next-step rate and the cumulative rate.
    """
    nxt, cum = t("funnel.chart.next", lang), t("funnel.chart.cum", lang)
    # each stage's numbers beside its name (the axis makes room for them): text beside a
    # narrow bar was cut at the plot's edge in a half-width column or on a projector
    labels = [
        f"<b>{html.escape(str(v))}</b>  {fmt_count(c, lang)}<br>"
        f"{nxt} {fmt_pct(n, lang)} · {cum} {fmt_pct(cu, lang)}"
        for v, c, n, cu in zip(
            table[label_col],
            table["count"],
            table["next_rate"],
            table["cumulative_rate"],
            strict=True,
        )
    ]
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=table["count"].astype("int64").tolist(),
            textinfo="none",
            customdata=[str(v) for v in table[label_col]],
            hovertemplate="%{customdata}: %{x:,}<extra></extra>",
        )
    )
    fig.update_yaxes(automargin=True)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=60 + 55 * len(table))
    return fig


def cohort_figure(rates: pd.DataFrame, labels: list[str], lang: str = "ja") -> go.Figure:
    """Heatmap of a cohort table of rates (rows: creation month, columns: stages).

    Months read ``2024年10月`` / ``Oct 2024`` (:func:`abm.plot.month_labels`).
    """
    z = rates.to_numpy(dtype=np.float64)
    text = [[fmt_pct(v, lang) for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=month_labels(rates.index, lang),
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0.0,
            zmax=1.0,
            colorbar={"title": t("funnel.chart.rate", lang), "tickformat": ".0%"},
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(title=t("funnel.chart.cohort", lang), autorange="reversed", type="category")
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=max(260, 28 * len(rates) + 80)
    )
    return fig


def velocity_figure(
    days: dict[str, np.ndarray], labels: dict[str, str], lang: str = "ja"
) -> go.Figure:
    """Box plots of days from the previous stage, drawn from precomputed quartiles.

    Only summary statistics are sent to the browser, so the figure stays small
    whatever the number of leads.
    """
    fig = go.Figure()
    for key, d in days.items():
        if len(d) == 0:
            continue
        q1, med, q3, p5, p95 = np.percentile(d, [25, 50, 75, 5, 95])
        fig.add_trace(
            go.Box(
                name=labels.get(key, key),
                x=[labels.get(key, key)],
                q1=[q1],
                median=[med],
                q3=[q3],
                lowerfence=[p5],
                upperfence=[p95],
                mean=[float(np.mean(d))],
                showlegend=False,
            )
        )
    fig.update_yaxes(title=t("funnel.chart.days", lang), rangemode="tozero")
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=320)
    return fig


def period_figure(period: pd.DataFrame, labels: list[str], lang: str = "ja") -> go.Figure:
    """Lines of stage entries per month (month ticks in the reader's language)."""
    fig = go.Figure()
    months = pd.PeriodIndex(period.index, freq="M").to_timestamp()
    x = months.tolist()
    for col, label in zip(period.columns, labels, strict=True):
        fig.add_trace(go.Scatter(x=x, y=period[col].tolist(), mode="lines+markers", name=label))
    fig.update_xaxes(**month_axis(months, lang))
    fig.update_yaxes(title=t("funnel.chart.entries", lang), rangemode="tozero")
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=320)
    return fig
