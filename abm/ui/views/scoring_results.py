"""Scoring page, right column: scores, the task, matrix, distributions, what changed.

:func:`compute` does the per-rerun work (features, outcomes and opportunity
history per dataset and as-of, decayed counts per half-life, a rescore per
slider move, all memoised per session); the other functions each draw one
bordered section from its result. The back-test, the suggestion and a lead's
breakdown have their own modules (``scoring_backtest``, ``scoring_suggest``,
``scoring_lead``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from abm import scoring as sc
from abm.accounts import created_by
from abm.core.format import fmt_pct
from abm.dataset import Dataset
from abm.export import readable, to_csv_bytes
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.charts import distribution_figure, matrix_figure, matrix_legend
from abm.scoring.report import readable_scores, reason_label, what_changed
from abm.scoring.vocab import account_key
from abm.ui import widgets
from abm.ui.shell import lang, tr
from abm.ui.sources import activity_table
from abm.ui.state import keep_widget, note_widget, session_memo
from abm.ui.views.scoring_controls import wk

__all__ = [
    "Run",
    "accounts_of",
    "change_table",
    "changes",
    "compute",
    "distributions",
    "download_scores",
    "kpis",
    "matrix",
    "task",
]

#: Leads listed in the "what changed" table (the counts cover all of them).
CHANGED_ROWS = 500


@dataclass(frozen=True)
class Run:
    """What one rerun scored: the model and its baseline on the session's leads."""

    leads: pd.DataFrame
    as_of: pd.Timestamp
    model: sc.ScoringModel
    baseline: sc.ScoringModel
    features: sc.LeadFeatures
    counts: np.ndarray
    scores: sc.Scores
    base_counts: np.ndarray
    base_scores: sc.Scores
    outcomes: sc.LeadOutcomes
    deals: sc.DealHistory
    deal_now: sc.DealFacts
    opportunities: int

    @property
    def n_mql(self) -> int:
        """MQLs under the model."""
        return int(self.scores.is_mql.sum())


def compute(ds: Dataset, model: sc.ScoringModel, baseline: sc.ScoringModel, as_of: Any) -> Run:
    """Score the cleaned leads that exist on the as-of day (created by then, or undated) with
    ``model`` and ``baseline`` (memoised per session): a lead created later is not scored,
    as the Funnel and the Accounts pages do not count it."""
    leads = session_memo("scoring.leads", (as_of,), lambda: created_by(ds.leads, as_of))
    opps = ds.opportunities if ds.has("opportunities") else None
    table = activity_table(ds)  # the activity log read once per dataset, on the engine
    feats = session_memo(
        "scoring.features", (as_of,), lambda: sc.build_features(leads, as_of=as_of, table=table)
    )
    outcomes = session_memo(
        "scoring.outcomes", (as_of,), lambda: sc.lead_outcomes(leads, opps, as_of=as_of)
    )
    deals = session_memo(
        "scoring.deals", (as_of,), lambda: sc.deal_history(leads, opps, as_of=as_of)
    )
    deal_now = session_memo(
        "scoring.deal_now",
        (as_of,),
        lambda: sc.deal_facts(
            deals, np.arange(feats.n), np.full(feats.n, np.datetime64(as_of, "ns"))
        ),
    )
    counts = session_memo(
        "scoring.counts",
        (as_of, model.half_life_days),
        lambda: sc.decayed_counts(feats, model.half_life_days),
    )
    base_counts = session_memo(
        "scoring.base_counts",
        (as_of, baseline.half_life_days),
        lambda: sc.decayed_counts(feats, baseline.half_life_days),
    )
    base_scores = session_memo(
        "scoring.base_scores",
        (as_of, baseline),
        lambda: sc.rescore(feats, baseline, base_counts, deal=deal_now),
    )
    return Run(
        leads=leads,
        as_of=as_of,
        model=model,
        baseline=baseline,
        features=feats,
        counts=counts,
        scores=sc.rescore(feats, model, counts, deal=deal_now),
        base_counts=base_counts,
        base_scores=base_scores,
        outcomes=outcomes,
        deals=deals,
        deal_now=deal_now,
        opportunities=0 if opps is None else len(opps),
    )


def kpis(run: Run) -> None:
    """MQLs (and the change against the saved model), share, leads, activities scored."""
    n_mql, n_base = run.n_mql, int(run.base_scores.is_mql.sum())
    feats = run.features
    with st.container(border=True):
        k1, k2, k3, k4 = st.columns(4)
        k1.metric(
            tr("scoring.mql_count"),
            f"{n_mql:,}",
            delta=f"{n_mql - n_base:+,}" if n_mql != n_base else None,
            help=tr("scoring.mql_count_help"),
        )
        k2.metric(tr("scoring.mql_share"), fmt_pct(n_mql / max(feats.n, 1), digits=1))
        k3.metric(tr("scoring.leads"), f"{feats.n:,}")
        k4.metric(tr("scoring.linked_activities"), f"{feats.counts['linked']:,}")
        widgets.filters_line(  # presenting: the thresholds the MQL count rests on, in one line
            [
                tr(
                    "scoring.line.thresholds",
                    fit=f"{run.model.fit_threshold:g}",
                    eng=f"{run.model.engagement_threshold:g}",
                )
            ]
        )
        if feats.counts["unlinked"]:
            st.caption(tr("scoring.unlinked", count=f"{feats.counts['unlinked']:,}"))
        if (
            feats.counts["linked"]
            and not (run.scores.engagement > 0).any()
            and _only_sales_touches(feats)
        ):
            # QA-K: only a sales activity report (calls, visits): engagement 0 everywhere,
            # score MQLs 0, and nothing said why
            totals = [
                c
                for c in ("web_visits", "conversions", "page_views")
                if c in run.leads and run.leads[c].notna().any()
            ]
            st.info(
                tr("scoring.no_engagement", count=f"{feats.counts['linked']:,}")
                + (" " + tr("scoring.no_engagement_totals") if totals else ""),
                icon=":material/info:",
            )


def _only_sales_touches(feats: sc.LeadFeatures) -> bool:
    """Whether every activity scored is a sales touch (the message about them is right
    only then: e-mail opens or unknown kinds score 0 by default too — review)."""
    from abm.core.activities import ACTIVITY_KINDS, SALES_KINDS

    kinds = np.asarray(feats.act_kind)
    if not len(kinds):
        return False
    sales = np.array([k in SALES_KINDS for k in ACTIVITY_KINDS])
    return bool(sales[kinds].all())


def task(run: Run, lang: str, default: Callable[[list[str]], str] | None = None) -> str | None:
    """The task picker (what the score predicts); ``None`` with a message when nothing can be checked.

    ``default(options)`` picks the task the page opens on (the first option without it);
    the user's choice is kept across pages.

    A task is offered when some leads reached its outcome and some did not:
    from linked opportunities (won / lost from flags or phase) or the leads'
    stage dates. Without one the message says which data is missing — never
    "no opportunity data" when opportunities were loaded.
    """
    options = list(run.outcomes.available())
    if not options:
        src = run.outcomes.sources
        if run.opportunities and not src.get("linked"):
            message = "scoring.no_linked"
        elif run.opportunities or src.get("from_stage_dates"):
            message = "scoring.one_class"
        else:
            message = "scoring.no_outcome"
        st.info(tr(message, opportunities=f"{run.opportunities:,}"), icon=":material/info:")
        return None
    pick = (lambda: default(options)) if default else (lambda: options[0])
    keep_widget(wk("task"), pick, lazy=True)  # kept across pages; the default costs
    if st.session_state.get(wk("task")) not in options:
        st.session_state[wk("task")] = options[0]
    chosen = st.segmented_control(
        tr("scoring.task"),
        options,
        format_func=lambda o: t(K.TASK[o], lang),
        required=True,
        key=wk("task"),
        help=tr("scoring.task_help"),
    )
    note_widget(wk("task"))
    return str(chosen)


def matrix(run: Run, bt: sc.Backtest | None, lang: str) -> None:
    """The fit × engagement matrix with conversion per cell, and its legend."""
    with st.container(border=True):
        st.subheader(tr("scoring.matrix"))
        widgets.chart(
            matrix_figure(run.scores, run.model, lang, bt.cells if bt else None),
            key=wk("matrix_fig"),
        )
        st.caption(matrix_legend(run.model, lang))


def distributions(run: Run, lang: str) -> None:
    """Fit and engagement histograms with their MQL thresholds."""
    with st.container(border=True):
        d1, d2 = st.columns(2)
        for col, axis, values, threshold in (
            (d1, "fit", run.scores.fit, run.model.fit_threshold),
            (d2, "engagement", run.scores.engagement, run.model.engagement_threshold),
        ):
            with col:
                widgets.chart(
                    distribution_figure(values, threshold, tr(K.AXIS[axis]), lang),
                    key=wk("fit_dist" if axis == "fit" else "eng_dist"),
                )


def accounts_of(run: Run) -> np.ndarray:
    """Each lead's account key, once per dataset (the "what changed" tables name accounts)."""
    leads = run.leads
    return session_memo("scoring.accounts", (), lambda: account_key(leads).to_numpy(dtype=object))


def change_table(
    run: Run,
    lang: str,
    *,
    base: tuple[sc.ScoringModel, np.ndarray, sc.Scores],
    new: tuple[sc.ScoringModel, np.ndarray, sc.Scores],
    labels: tuple[str, str, str],
    key: str,
) -> int:
    """Leads entering and leaving MQL from ``base`` to ``new``, and why.

    ``base`` and ``new`` are ``(model, decayed counts, scores)``; ``labels``
    the keys of the entered / left / accounts metrics (each comparison names
    its own quantity). Returns the number of changed leads.
    """
    leads = run.leads
    ch = what_changed(
        leads,
        run.features,
        base=base[0],
        new=new[0],
        base_counts=base[1],
        new_counts=new[1],
        base_scores=base[2],
        new_scores=new[2],
        accounts=accounts_of(run),
    )
    c1, c2, c3 = st.columns(3)
    c1.metric(tr(labels[0]), f"{int((ch['change'] == 'entered').sum()):,}")
    c2.metric(tr(labels[1]), f"{int((ch['change'] == 'left').sum()):,}")
    c3.metric(tr(labels[2]), f"{ch['account'].nunique():,}")
    if not len(ch):
        return 0
    shown = ch.head(CHANGED_ROWS)
    pos = run.features.index.get_indexer(shown.index)
    view = pd.DataFrame(
        {
            tr("scoring.change"): [tr(K.CHANGE[c]) for c in shown["change"]],
            **{
                tr(K.SCORING_COLUMN[c]): leads[c].iloc[pos].to_numpy()  # the shown rows only
                for c in ("company", "title")
                if c in leads
            },
            tr("scoring.fit_before_after"): [
                f"{a:.0f} → {b:.0f}"
                for a, b in zip(shown["fit_before"], shown["fit_after"], strict=True)
            ],
            tr("scoring.eng_before_after"): [
                f"{a:.0f} → {b:.0f}"
                for a, b in zip(shown["engagement_before"], shown["engagement_after"], strict=True)
            ],
            tr("scoring.reason"): [reason_label(r, lang) for r in shown["reason"]],
            tr("scoring.reason_points"): shown["reason_points"].round(1).to_numpy(),
        }
    )
    widgets.table(view, key=key)
    return len(ch)


def changes(run: Run, lang: str) -> None:
    """The leads that enter or leave MQL against the saved model, and why."""
    with st.container(border=True):
        st.subheader(tr("scoring.changed"))
        n = change_table(
            run,
            lang,
            base=(run.baseline, run.base_counts, run.base_scores),
            new=(run.model, run.counts, run.scores),
            labels=("scoring.entered", "scoring.left", "scoring.accounts_changed"),
            key=wk("changed_table"),
        )
        if not n:
            st.caption(tr("scoring.no_change"))


#: The lead columns the scores CSV starts with.
_SCORE_IDS = ("lead_id", "full_name", "email", "company", "department", "title", "owner")


def download_scores(run: Run) -> None:
    """Every lead's fit, engagement, grade, MQL flag and reasons as CSV (built on click)."""
    leads, feats, model, counts, deal = run.leads, run.features, run.model, run.counts, run.deal_now

    language = lang()

    def _csv() -> bytes:
        # who the lead is, so sales can act on the list (QA: a lead id and a company only)
        ids = leads[[c for c in _SCORE_IDS if c in leads]]
        frame = readable_scores(sc.scores_frame(feats, model, counts, deal=deal), language)
        return to_csv_bytes(pd.concat([readable(ids, language), frame], axis=1))[0]

    st.download_button(
        tr("scoring.download_scores"),
        data=_csv,
        file_name="mori-lead-scores.csv",
        mime="text/csv",
        icon=":material/table:",
        key=wk("download_scores"),
    )
