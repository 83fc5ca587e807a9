"""Plotly figures for the accounts and ABM-fit pages (pure: frames in, figures out)."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from abm.accounts.coverage import role_column
from abm.accounts.fit import AbmFitResult
from abm.core.format import fmt_count, fmt_yen_short
from abm.core.titles import ROLES
from abm.i18n import keys as K
from abm.i18n import t
from abm.plot import money_axis, wrap_label

__all__ = ["band_figure", "coverage_heatmap", "indicator_figure", "tier_figure"]

_STATUS_COLOURS = {"good": "#2e7d32", "partial": "#f9a825", "poor": "#c62828", "unknown": "#9e9e9e"}
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def coverage_heatmap(
    scored: pd.DataFrame, lang: str = "ja", *, roles: tuple[str, ...] = ROLES, top: int = 30
) -> go.Figure:
    """Accounts × roles heatmap (1 = role covered) for the first ``top`` rows.

    Parameters
    ----------
    scored : pandas.DataFrame
        Rows of :func:`~abm.accounts.tiers.score_accounts` in display order.
    lang : {"ja", "en"}
    roles : tuple of str
        Roles to show (columns).
    top : int
        Number of accounts (rows).
    """
    part = scored.head(top)
    names = part["account_name"].astype("string").fillna(part["account_id"].astype("string"))
    # plotly renders <b>, <a href>, <br> in tick labels and hovers: escape company names
    labels = [f"{i + 1}. {html.escape(str(n))}" for i, n in enumerate(names.tolist())]
    z = np.column_stack([part[role_column(r)].to_numpy(dtype=bool) for r in roles]).astype(int)
    yes, no = t("accounts.chart.covered", lang), t("accounts.chart.missing", lang)
    text = [[yes if v else no for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[t(K.ROLE[r], lang) for r in roles],
            y=labels,
            text=text,
            texttemplate="%{text}",
            colorscale=[[0.0, "#eeeeee"], [1.0, "#1565c0"]],
            zmin=0,
            zmax=1,
            showscale=False,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(margin=_MARGIN, height=80 + 24 * max(len(labels), 1))
    return fig


def tier_figure(scored: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Bar chart: accounts per tier."""
    from abm.accounts.tiers import TIERS

    counts = scored["tier"].astype("string").value_counts().reindex(list(TIERS), fill_value=0)
    fig = go.Figure(
        go.Bar(
            x=[wrap_label(t(K.TIER[k], lang)) for k in TIERS],
            y=counts.to_numpy().tolist(),
            text=[fmt_count(v, lang, unit="companies") for v in counts],
            textposition="auto",
            marker_color=["#1565c0", "#42a5f5", "#90caf9", "#bdbdbd"],
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    )
    fig.update_layout(margin=_MARGIN, height=260, yaxis_title=t("accounts.chart.accounts", lang))
    return fig


def band_figure(result: AbmFitResult, lang: str = "ja") -> go.Figure:
    """Won revenue and open pipeline by size band (large, mid, SMB, university, unknown).

    The money axis and hovers read ``1億円`` / ``¥100M`` (:mod:`abm.core.format`).
    """
    bands = result.bands
    x = [wrap_label(t(K.FIT_BAND[b], lang)) for b in bands["band"]]
    series = (("accounts.chart.won", "won_revenue"), ("accounts.chart.pipeline", "open_pipeline"))
    fig = go.Figure(
        [
            go.Bar(
                name=t(key, lang),
                x=x,
                y=bands[col].tolist(),
                customdata=[fmt_yen_short(v, lang) for v in bands[col]],
                hovertemplate="%{x}: %{customdata}<extra></extra>",
            )
            for key, col in series
        ]
    )
    both = pd.concat([bands["won_revenue"], bands["open_pipeline"]])
    fig.update_yaxes(**money_axis(both, lang))
    fig.update_layout(barmode="group", margin=_MARGIN, height=320)
    return fig


def indicator_figure(result: AbmFitResult, lang: str = "ja") -> go.Figure:
    """Each indicator as a share of its 'good' threshold (100% = good), coloured by status."""
    rows = [i for i in result.indicators if i.value is not None and not np.isnan(i.value)]
    ratio = []
    for i in rows:
        if i.higher_is_better:
            ratio.append(min(i.value / i.good, 2.0) if i.good else 0.0)
        else:
            ratio.append(min((1 - i.value) / (1 - i.good), 2.0) if i.good < 1 else 0.0)
    fig = go.Figure(
        go.Bar(
            x=ratio,
            y=[t(i.label_key, lang) for i in rows],
            orientation="h",
            marker_color=[_STATUS_COLOURS[i.status] for i in rows],
            text=[t(K.FIT_STATUS[i.status], lang) for i in rows],
            textposition="auto",
            hovertemplate="%{y}: %{x:.0%}<extra></extra>",
        )
    )
    fig.add_vline(x=1.0, line_dash="dash", line_color="#616161")
    fig.update_xaxes(  # a little room past 200% so its label is not cut at the edge
        tickformat=".0%",
        tickvals=[0, 0.5, 1, 1.5, 2],
        title=t("accounts.chart.of_good", lang),
        range=[0, 2.12],
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin=_MARGIN, height=80 + 45 * max(len(rows), 1))
    return fig
