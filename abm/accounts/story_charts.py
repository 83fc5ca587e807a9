"""Figures of the account story (pure: frames in, figures out).

* :func:`timeline_figure` — activities per month, marketing / sales / other
  stacked, with the account's opportunities marked where they were created
  and where they closed won or lost;
* :func:`history_figure` — the scoring model's engagement score of the
  account's people by month (highest and mean) over the number of score-MQLs.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from abm.accounts.story import ACTIVITY_GROUPS, AccountStory
from abm.i18n import keys as K
from abm.i18n import t
from abm.plot import figure, month_axis, title

__all__ = ["history_figure", "timeline_figure"]

_COLOURS = {"marketing": "#1565c0", "sales": "#ef6c00", "other": "#9e9e9e"}
_EVENT_COLOURS = {"created": "#6a1b9a", "won": "#2e7d32", "lost": "#c62828"}
_MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def _month(ts: pd.Series) -> pd.Series:
    return pd.to_datetime(ts, errors="coerce").dt.to_period("M").dt.to_timestamp()


def timeline_figure(story: AccountStory, lang: str = "ja") -> go.Figure:
    """Monthly activities by group, with opportunity events above the bars.

    Parameters
    ----------
    story : AccountStory
    lang : {"ja", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
    """
    acts = story.timeline.assign(month=_month(story.timeline["timestamp"]))
    counts = (
        acts.groupby(["month", "group"]).size().unstack("group", fill_value=0)
        if len(acts)
        else pd.DataFrame()
    )
    data = []
    for group in ACTIVITY_GROUPS:
        if group not in counts.columns:
            continue
        name = t(K.STORY_GROUP[group], lang)
        data.append(
            {
                "type": "bar",
                "x": counts.index.tolist(),
                "y": counts[group].tolist(),
                "name": name,
                "marker": {"color": _COLOURS[group]},
                "hovertemplate": f"%{{x|%Y-%m}} · {html.escape(name)}: %{{y:,}}<extra></extra>",
            }
        )
    opps = story.opportunities
    top = float(counts.sum(axis=1).max()) if len(counts) else 1.0
    months = list(counts.index)
    for event, when in (("created", "created_at"), ("won", "close_date"), ("lost", "close_date")):
        part = opps if event == "created" else opps[opps["state"] == event]
        day = _month(part[when]).dropna() if len(part) else pd.Series(dtype="datetime64[ns]")
        if not len(day):
            continue
        months += day.tolist()
        label = t(K.STORY_EVENT[event], lang)
        names = part.loc[day.index, "opportunity_name"].fillna("").astype(str).map(html.escape)
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": day.tolist(),
                "y": [top * 1.08] * len(day),
                "name": label,
                "marker": {"symbol": "diamond", "size": 12, "color": _EVENT_COLOURS[event]},
                "text": names.tolist(),
                "hovertemplate": f"{html.escape(label)}: %{{text}}<extra></extra>",
            }
        )
    layout = {
        "barmode": "stack",
        "margin": _MARGIN,
        "height": 320,
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": month_axis(pd.Series(months), lang) if months else {},
        "yaxis": {"title": title(t("account.chart.activities", lang)), "rangemode": "tozero"},
    }
    return figure(data, layout)


def history_figure(history: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Engagement score (highest and mean) by month, over the number of score-MQLs.

    Parameters
    ----------
    history : pandas.DataFrame
        :func:`~abm.accounts.score_history.score_history`.
    lang : {"ja", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
    """
    mql = t("account.chart.score_mql", lang)
    data = [
        {
            "type": "bar",
            "x": history["date"].tolist(),
            "y": history["score_mql"].tolist(),
            "name": mql,
            "yaxis": "y2",
            "marker": {"color": "#c5cae9"},
            "hovertemplate": f"%{{x|%Y-%m-%d}} · {html.escape(mql)}: %{{y:,}}<extra></extra>",
        }
    ]
    for col, dash in (("engagement_max", "solid"), ("engagement_mean", "dot")):
        name = t(K.STORY_HISTORY[col], lang)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": history["date"].tolist(),
                "y": history[col].round(1).tolist(),
                "name": name,
                "line": {"color": "#1565c0", "dash": dash},
                "hovertemplate": f"%{{x|%Y-%m-%d}} · {html.escape(name)}: %{{y:.1f}}<extra></extra>",
            }
        )
    layout = {
        "margin": _MARGIN,
        "height": 300,
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": month_axis(history["date"], lang),
        "yaxis": {"title": title(t("account.chart.engagement", lang)), "rangemode": "tozero"},
        "yaxis2": {
            "title": title(mql),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "dtick": max(1, -(-int(history["score_mql"].max() or 0) // 5)),  # whole people
            "tickformat": ",d",
        },
    }
    return figure(data, layout)
