"""Scoring page: one lead's full breakdown — every rule that gave or took its points.

Pick a lead (the highest scores first, or search by company or lead id) and
see each fit dimension with the lead's category and points, each engagement
kind it has with its decayed count and points (cap applied), and its
opportunity facts; the points of each axis add up to its score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from abm import scoring as sc
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.report import category_label
from abm.ui import widgets
from abm.ui.shell import tr
from abm.ui.views.scoring_controls import wk
from abm.ui.views.scoring_results import Run

__all__ = ["candidates", "section"]

#: Leads offered in the picker (the highest totals among those matching the search).
PICK_ROWS = 200


def candidates(run: Run, query: str) -> np.ndarray:
    """Positions of the leads to offer: matching ``query`` (company or lead id), best first."""
    leads = run.leads
    keep = np.ones(len(leads), dtype=bool)
    text = query.strip().casefold()
    if text:
        keep = np.zeros(len(leads), dtype=bool)
        for col in ("company", "lead_id"):
            if col in leads.columns:
                hit = leads[col].astype("string").str.casefold().str.contains(text, regex=False)
                keep |= hit.fillna(False).to_numpy(dtype=bool)
    pos = np.flatnonzero(keep)
    order = np.argsort(-run.scores.total[pos], kind="stable")[:PICK_ROWS]
    return pos[order]


def _label(run: Run, pos: int) -> str:
    leads = run.leads
    parts = [
        str(leads[c].iloc[pos])
        for c in ("company", "title")
        if c in leads.columns and pd.notna(leads[c].iloc[pos])
    ]
    who = " · ".join(parts) or tr("scoring.lead_unnamed")
    return f"{who} ({run.scores.total[pos]:.0f})"


def _rule(dimension: str, category: str, lang: str) -> str:
    if dimension in ("free_mail", "competitor", "prior_win"):
        return f"{t(K.DIMENSION[dimension], lang)}: {t(K.CATEGORY[category], lang)}"
    return f"{t(K.DIMENSION[dimension], lang)}: {category_label(dimension, category, lang)}"


def section(run: Run, lang: str) -> None:
    """The lead picker and the picked lead's every rule with its points."""
    with st.container(border=True):
        st.subheader(tr("scoring.lead"))
        query = st.text_input(tr("scoring.lead_search"), key=wk("lead_query"))
        offer = candidates(run, query)
        if not len(offer):
            st.caption(tr("scoring.lead_none"))
            return
        if st.session_state.get(wk("lead_pick")) not in set(offer.tolist()):
            st.session_state[wk("lead_pick")] = int(offer[0])
        pos = int(
            widgets.selectbox(
                tr("scoring.lead_pick"),
                offer.tolist(),
                format_func=lambda p: _label(run, p),
                key=wk("lead_pick"),
            )
        )
        table = sc.breakdown(run.features, run.model, run.counts, pos, deal=run.deal_now)
        s = run.scores
        # the engagement column is wider: its label is the longest at 1280 px
        c1, c2, c3, c4 = st.columns([1, 1.4, 1, 1])
        about = tr("scoring.lead_metric_help")
        c1.metric(tr("scoring.lead_fit"), f"{s.fit[pos]:.0f}", help=about)
        c2.metric(tr("scoring.lead_engagement"), f"{s.engagement[pos]:.1f}", help=about)
        c3.metric(
            tr("scoring.lead_deal"), f"{0.0 if s.deal is None else s.deal[pos]:.0f}", help=about
        )
        grade = str(s.grades()[pos])
        c4.metric(  # MQL as a badge under the grade: "B1 · MQL" did not fit the tile
            tr("scoring.lead_grade"),
            grade,
            delta="MQL" if s.is_mql[pos] else None,
            delta_color="off",
            delta_arrow="off",
            help=about,
        )
        view = pd.DataFrame(
            {
                tr("scoring.lead_axis"): [t(K.BREAKDOWN_AXIS[a], lang) for a in table["axis"]],
                tr("scoring.rule"): [
                    _rule(d, c, lang)
                    for d, c in zip(table["dimension"], table["category"], strict=True)
                ],
                tr("scoring.lead_count"): [
                    "" if np.isnan(v) else f"{v:,.2f}" for v in table["count"]
                ],
                tr("scoring.points"): table["points"].round(1).to_numpy(),
            }
        )
        widgets.table(
            view,
            key=wk("lead_table"),
            column_config={  # the axis stays in view if a long rule pushes the points aside
                tr("scoring.lead_axis"): st.column_config.TextColumn(
                    tr("scoring.lead_axis"), pinned=True
                )
            },
        )
        st.caption(tr("scoring.lead_sum"))
