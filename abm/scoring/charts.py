"""Plotly figures for the scoring page: matrix heatmap, distributions, deciles.

Figures are built from aggregates (4×4 counts, 40-bin histograms, 10
deciles), never from per-lead points, so they stay light at a million leads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from abm.core.format import fmt_count, fmt_pct
from abm.i18n import t
from abm.plot import figure, hline, title, vline
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
    text = [[fmt_count(counts[i, j], lang) for j in range(4)] for i in range(4)]
    if cells is not None:
        rate = cells["rate"].to_numpy(dtype=float).reshape(4, 4)
        label = t("scoring.conv_short", lang)
        text = [
            [
                text[i][j]
                + (
                    ""
                    if np.isnan(rate[i, j])
                    else f"<br>{label} {fmt_pct(rate[i, j], lang, digits=1)}"
                )
                for j in range(4)
            ]
            for i in range(4)
        ]
    fit_axis, eng_axis = t("scoring.axis.fit", lang), t("scoring.axis.engagement", lang)
    rows, cols = (fit_axis, eng_axis) if model.letter_axis == "fit" else (eng_axis, fit_axis)
    best = t("scoring.best", lang)
    return figure(
        [
            {
                "type": "heatmap",
                "z": counts,
                "x": list("1234"),
                "y": list("ABCD"),
                "text": text,
                "texttemplate": "%{text}",
                "colorscale": "Blues",
                "colorbar": {"title": title(t("scoring.leads", lang))},
                "hovertemplate": "%{y}%{x}: %{z:,}<extra></extra>",
            }
        ],
        {
            "yaxis": {
                "title": title(f"{rows} (A = {best})"),
                "autorange": "reversed",
                "type": "category",
            },
            "xaxis": {"title": title(f"{cols} (1 = {best})"), "type": "category", "side": "top"},
            "height": 360,
            "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        },
    )


def distribution_figure(
    values: np.ndarray, threshold: float, title_text: str, lang: str = "ja", bins: int = 40
) -> go.Figure:
    """Histogram (pre-binned) of one score with its MQL threshold marked."""
    v = np.asarray(values, dtype=float)
    if len(v) == 0 or np.nanmin(v) == np.nanmax(v):
        lo = float(np.nanmin(v)) if len(v) else 0.0
        edges = np.array([lo - 0.5, lo + 0.5])
    else:
        edges = np.histogram_bin_edges(v, bins=bins)
    hist, edges = np.histogram(v, bins=edges)
    return figure(
        [
            {
                "type": "bar",
                "x": (edges[:-1] + edges[1:]) / 2,
                "y": hist,
                "width": np.diff(edges),
                "marker": {"color": "#4c78a8"},
            }
        ],
        {
            "title": title(title_text),
            "height": 260,
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "xaxis": {"title": title(t("scoring.points", lang))},
            "yaxis": {"title": title(t("scoring.leads", lang))},
            "bargap": 0,
        },
        lines=[vline(threshold, t("scoring.threshold", lang), dash="dash", color="#e45756")],
    )


def decile_figure(deciles: pd.DataFrame, base_rate: float, lang: str = "ja") -> go.Figure:
    """Conversion rate by score decile (1 = top 10%) against the base rate."""
    return figure(
        [
            {
                "type": "bar",
                "x": deciles["decile"].astype(str).tolist(),
                "y": deciles["rate"].to_numpy(dtype=float),
                "text": [fmt_pct(r, lang, digits=1) for r in deciles["rate"]],
                "marker": {"color": "#54a24b"},
                "hovertemplate": "%{x}: %{y:.1%}<extra></extra>",
            }
        ],
        {
            "height": 300,
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
            "xaxis": {"title": title(t("scoring.decile", lang)), "type": "category"},
            "yaxis": {"title": title(t("scoring.conversion", lang)), "tickformat": ".0%"},
            # the base rate named above the plot, not on its line: at the right end the
            # label sat on the tenth bar (QA-F, 1280 px)
            "annotations": [
                {
                    "x": 0, "y": 1, "xref": "paper", "yref": "paper", "xanchor": "left",
                    "yanchor": "bottom", "showarrow": False,
                    "text": f"┈ {t('scoring.base_rate', lang)} {fmt_pct(base_rate, lang, digits=1)}",
                }
            ],
        },
        lines=[hline(base_rate, dash="dot")],
    )  # fmt: skip
