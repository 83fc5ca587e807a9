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
    return pos[_best(-run.scores.total[pos], PICK_ROWS)]


def _best(key: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` smallest ``key`` values, in a stable sort's order (ties by
    position): the first ``k`` of ``np.argsort(key, kind="stable")`` without sorting all."""
    if len(key) <= k:
        return np.argsort(key, kind="stable")
    kth = np.partition(key, k - 1)[k - 1]
    if np.isnan(kth):  # fewer than k numbers: the sort puts NaN last
        return np.argsort(key, kind="stable")[:k]
    sel = np.flatnonzero(key <= kth)  # every tie of the k-th value, in position order
    return sel[np.argsort(key[sel], kind="stable")[:k]]


def _labels(run: Run, offer: np.ndarray) -> dict[int, str]:
    """The picker's label of each offered lead: company · title (score), read once per
    column for every offered lead (the picker formats each option on every rerun)."""
    leads = run.leads
    cols = [
        leads[c].iloc[offer].astype("string").to_numpy(dtype=object, na_value=None)
        for c in ("company", "title")
        if c in leads.columns
    ]
    unnamed = tr("scoring.lead_unnamed")
    total = run.scores.total[offer]  # a property: the sum of every lead's parts
    out = {}
    for i, pos in enumerate(offer.tolist()):
        who = " · ".join(str(col[i]) for col in cols if col[i] is not None) or unnamed
        out[pos] = f"{who} ({total[i]:.0f})"
    return out


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
        labels = _labels(run, offer)
        pos = int(
            widgets.selectbox(
                tr("scoring.lead_pick"),
                offer.tolist(),
                format_func=labels.__getitem__,
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
