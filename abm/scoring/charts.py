"""Plotly figures for the scoring page: matrix heatmap, distributions, deciles.

Figures are built from aggregates (4×4 counts, 40-bin histograms, 10
deciles), never from per-lead points, so they stay light at a million leads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from abm.i18n import t
from abm.scoring.model import ScoringModel
from abm.scoring.score import Scores

__all__ = ["decile_figure", "distribution_figure", "matrix_figure", "matrix_legend"]


def _fmt(v: float) -> str:
    return f"{v:g}"


def matrix_legend(model: ScoringModel, lang: str = "ja") -> str:
    """One line saying which axis is the letter and what each band means."""
    fc, ec = model.fit_cuts, model.engagement_cuts
    fit_axis, eng_axis = t("scoring.axis.fit", lang), t("scoring.axis.engagement", lang)
    if model.letter_axis == "fit":
        letters, digits, lc, dc = fit_axis, eng_axis, fc, ec
    else:
        letters, digits, lc, dc = eng_axis, fit_axis, ec, fc
    lpart = (
        ", ".join(f"{s} ≥ {_fmt(c)}" for s, c in zip("ABC", lc, strict=True))
        + f", D < {_fmt(lc[2])}"
    )
    dpart = (
        ", ".join(f"{s} ≥ {_fmt(c)}" for s, c in zip("123", dc, strict=True))
        + f", 4 < {_fmt(dc[2])}"
    )
    return t("scoring.legend", lang, letters=letters, lbands=lpart, digits=digits, dbands=dpart)


def matrix_figure(
    scores: Scores, model: ScoringModel, lang: str = "ja", cells: pd.DataFrame | None = None
) -> go.Figure:
    """4×4 heatmap of lead counts, with historical conversion per cell when known.

    Parameters
    ----------
    scores : Scores
    model : ScoringModel
        For the axis titles (which axis is the letter).
    lang : str
    cells : pandas.DataFrame, optional
        :attr:`Backtest.cells` (``grade``, ``leads``, ``rate``) to print the
        conversion rate in each cell.
    """
    counts = np.bincount(scores.cell, minlength=16).reshape(4, 4)
    text = [[f"{counts[i, j]:,}" for j in range(4)] for i in range(4)]
    if cells is not None:
        rate = cells["rate"].to_numpy(dtype=float).reshape(4, 4)
        label = t("scoring.conv_short", lang)
        text = [
            [
                text[i][j] + ("" if np.isnan(rate[i, j]) else f"<br>{label} {rate[i, j]:.1%}")
                for j in range(4)
            ]
            for i in range(4)
        ]
    fit_axis, eng_axis = t("scoring.axis.fit", lang), t("scoring.axis.engagement", lang)
    rows, cols = (fit_axis, eng_axis) if model.letter_axis == "fit" else (eng_axis, fit_axis)
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=list("1234"),
            y=list("ABCD"),
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            colorbar={"title": t("scoring.leads", lang)},
            hovertemplate="%{y}%{x}: %{z:,}<extra></extra>",
        )
    )
    fig.update_yaxes(
        title=f"{rows} (A = {t('scoring.best', lang)})", autorange="reversed", type="category"
    )
    fig.update_xaxes(title=f"{cols} (1 = {t('scoring.best', lang)})", type="category", side="top")
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return fig


def distribution_figure(
    values: np.ndarray, threshold: float, title: str, lang: str = "ja", bins: int = 40
) -> go.Figure:
    """Histogram (pre-binned) of one score with its MQL threshold marked."""
    v = np.asarray(values, dtype=float)
    if len(v) == 0 or np.nanmin(v) == np.nanmax(v):
        lo = float(np.nanmin(v)) if len(v) else 0.0
        edges = np.array([lo - 0.5, lo + 0.5])
    else:
        edges = np.histogram_bin_edges(v, bins=bins)
    hist, edges = np.histogram(v, bins=edges)
    fig = go.Figure(
        go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=hist, width=np.diff(edges), marker_color="#4c78a8")
    )
    fig.add_vline(
        x=threshold,
        line_dash="dash",
        line_color="#e45756",
        annotation_text=t("scoring.threshold", lang),
    )
    fig.update_layout(
        title=title,
        height=260,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis_title=t("scoring.points", lang),
        yaxis_title=t("scoring.leads", lang),
        bargap=0,
    )
    return fig


def decile_figure(deciles: pd.DataFrame, base_rate: float, lang: str = "ja") -> go.Figure:
    """Conversion rate by score decile (1 = top 10%) against the base rate."""
    fig = go.Figure(
        go.Bar(
            x=deciles["decile"].astype(str),
            y=deciles["rate"],
            text=[f"{r:.1%}" for r in deciles["rate"]],
            marker_color="#54a24b",
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        )
    )
    fig.add_hline(y=base_rate, line_dash="dot", annotation_text=t("scoring.base_rate", lang))
    fig.update_layout(
        height=300,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title=t("scoring.decile", lang),
        xaxis_type="category",
        yaxis_title=t("scoring.conversion", lang),
        yaxis_tickformat=".0%",
    )
    return fig
