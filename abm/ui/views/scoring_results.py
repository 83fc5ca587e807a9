"""Scoring page, right column: scores, matrix, back-tests, suggestions, what changed.

:func:`compute` does the per-rerun work (features per dataset and as-of,
decayed counts per half-life, a rescore per slider move, all memoised per
session); the other functions each draw one bordered section from its result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from abm import scoring as sc
from abm.core.format import fmt_pct
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.export import to_csv_bytes
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.charts import decile_figure, distribution_figure, matrix_figure, matrix_legend
from abm.scoring.report import reason_label, what_changed
from abm.scoring.vocab import account_key
from abm.ui.shell import msg, tr
from abm.ui.state import dataset_token, session_memo
from abm.ui.views.scoring_controls import K_SUGGEST, push

__all__ = [
    "Run",
    "backtest",
    "changes",
    "compute",
    "distributions",
    "download_scores",
    "kpis",
    "matrix",
    "outcome",
    "suggestion",
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

    @property
    def n_mql(self) -> int:
        """MQLs under the model."""
        return int(self.scores.is_mql.sum())


def compute(ds: Dataset, model: sc.ScoringModel, baseline: sc.ScoringModel, as_of: Any) -> Run:
    """Score the cleaned leads with ``model`` and ``baseline`` (memoised per session)."""
    leads = ds.leads
    acts = ds.activities if ds.has("activities") else None
    feats = session_memo(
        "scoring.features", (as_of,), lambda: sc.build_features(leads, acts, as_of=as_of)
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
        "scoring.base_scores", (as_of, baseline), lambda: sc.rescore(feats, baseline, base_counts)
    )
    return Run(
        leads=leads,
        as_of=as_of,
        model=model,
        baseline=baseline,
        features=feats,
        counts=counts,
        scores=sc.rescore(feats, model, counts),
        base_counts=base_counts,
        base_scores=base_scores,
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
        )
        k2.metric(tr("scoring.mql_share"), _pct(n_mql / max(feats.n, 1)))
        k3.metric(tr("scoring.leads"), f"{feats.n:,}")
        k4.metric(tr("scoring.linked_activities"), f"{feats.counts['linked']:,}")
        if feats.counts["unlinked"]:
            st.caption(tr("scoring.unlinked", count=f"{feats.counts['unlinked']:,}"))


def outcome(run: Run, lang: str) -> tuple[str | None, np.ndarray | None, sc.Backtest | None]:
    """The outcome picker; return ``(outcome, reached per lead, back-test)`` (``None`` without history)."""
    leads = run.leads
    options = [o for o, c in sc.OUTCOMES.items() if c in leads and leads[c].notna().any()]
    if not options:
        return None, None, None
    chosen = st.segmented_control(
        tr("scoring.outcome"),
        options,
        format_func=lambda o: t(K.OUTCOME[o], lang),
        default=options[0],
        required=True,
        key="scoring.outcome",
    )
    y = session_memo("scoring.y", chosen, lambda: sc.outcome_of(leads, chosen)[0])
    return chosen, y, sc.backtest(run.scores, y)


def matrix(run: Run, bt: sc.Backtest | None, lang: str) -> None:
    """The fit × engagement matrix with conversion per cell, and its legend."""
    with st.container(border=True):
        st.subheader(tr("scoring.matrix"))
        st.plotly_chart(
            matrix_figure(run.scores, run.model, lang, bt.cells if bt else None),
            key="scoring.matrix_fig",
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
            col.plotly_chart(
                distribution_figure(values, threshold, tr(K.AXIS[axis]), lang),
                key="scoring.fit_dist" if axis == "fit" else "scoring.eng_dist",
            )


def _pct(v: float) -> str:
    return fmt_pct(v, digits=1)


def backtest(
    run: Run, chosen: str | None, y: np.ndarray | None, bt: sc.Backtest | None, lang: str
) -> None:
    """Back-test today's scores, monthly snapshots, and thresholds for sales' capacity."""
    leads = run.leads
    with st.container(border=True):
        st.subheader(tr("scoring.backtest"))
        if bt is None or y is None:
            st.info(tr("scoring.no_outcome"), icon=":material/info:")
            return
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(
            tr("scoring.auc"),
            "—" if np.isnan(bt.auc) else f"{bt.auc:.3f}",
            help=tr("scoring.auc_help"),
        )
        m2.metric(tr("scoring.precision"), _pct(bt.precision))
        m3.metric(tr("scoring.recall"), _pct(bt.recall))
        m4.metric(tr("scoring.lift"), "—" if np.isnan(bt.mql_lift) else f"{bt.mql_lift:.2f}×")
        st.plotly_chart(decile_figure(bt.deciles, bt.base_rate, lang), key="scoring.decile_fig")
        st.caption(tr("scoring.backtest_now"))
        model, feats = run.model, run.features
        panel = session_memo(
            "scoring.panel",
            (run.as_of, chosen, model.half_life_days),
            lambda: sc.build_panel(
                feats,
                sc.outcome_of(leads, chosen)[1],
                leads["created_at"].to_numpy("datetime64[ns]") if "created_at" in leads else None,
                half_life_days=model.half_life_days,
                max_rows=200_000,
            ),
        )
        if panel.y.any():
            sb = sc.backtest_snapshots(feats, model, panel)
            st.markdown(f"**{tr('scoring.snapshots', months=len(panel.dates), horizon=90)}**")
            n1, n2, n3, n4 = st.columns(4)
            n1.metric(tr("scoring.snap.auc"), "—" if np.isnan(sb.auc) else f"{sb.auc:.3f}")
            n2.metric(tr("scoring.snap.precision"), _pct(sb.precision))
            n3.metric(tr("scoring.snap.recall"), _pct(sb.recall))
            n4.metric(tr("scoring.snapshot_rows"), f"{sb.rows:,}")
        _capacity(run, y)


def _capacity(run: Run, y: np.ndarray) -> None:
    cap_col, sug_col = st.columns([1, 2])
    months = sc.history_months(run.leads)
    st.session_state.setdefault("scoring.capacity", max(1, round(run.n_mql / months)))
    capacity = cap_col.number_input(
        tr("scoring.capacity"), min_value=1, step=10, key="scoring.capacity"
    )
    ts = sc.suggest_thresholds(run.scores, y, capacity_per_month=capacity, months=months)
    sug_col.write(
        tr(
            "scoring.capacity_result",
            fit=f"{ts.fit_threshold:g}",
            eng=f"{ts.engagement_threshold:.0f}",
            per_month=f"{ts.mql_per_month:,.0f}",
            precision=_pct(ts.precision),
            recall=_pct(ts.recall),
        )
    )
    if not ts.fits_capacity:
        sug_col.warning(tr("scoring.capacity_exceeded"))
    new_t = replace(
        run.model,
        fit_threshold=round(ts.fit_threshold),
        engagement_threshold=round(ts.engagement_threshold),
    )
    sug_col.button(
        tr("scoring.apply_thresholds"), on_click=push, args=(new_t,), key="scoring.apply_thresholds"
    )


def suggestion(run: Run, chosen: str | None) -> None:
    """Suggested weights (grouped-CV logistic regression on snapshots), on request."""
    with st.container(border=True):
        st.subheader(tr("scoring.suggest"))
        st.caption(tr("scoring.suggest_help", horizon=90))
        if chosen is None:
            st.info(tr("scoring.no_outcome"), icon=":material/info:")
        elif st.button(
            tr("scoring.suggest_run"), icon=":material/auto_fix_high:", key="scoring.suggest_run"
        ):
            with st.spinner(tr("scoring.suggest_running")):
                try:
                    res = sc.suggest_weights(
                        run.leads, run.features, current=run.model, outcome=chosen, random_state=0
                    )
                    st.session_state[K_SUGGEST] = (dataset_token(), run.as_of, chosen, res)
                except MoriError as err:
                    st.session_state.pop(K_SUGGEST, None)
                    st.warning(msg(err))
        got = st.session_state.get(K_SUGGEST)
        if not got or got[:3] != (dataset_token(), run.as_of, chosen):
            return
        res = got[3]
        s1, s2, s3 = st.columns(3)
        s1.metric(
            tr("scoring.auc_suggested"),
            f"{res.auc_suggested:.3f}",
            delta=f"{res.auc_suggested - res.auc_current:+.3f}",
        )
        s2.metric(tr("scoring.auc_current"), f"{res.auc_current:.3f}")
        s3.metric(tr("scoring.positives"), f"{res.positives:,}")
        if res.few_positives:
            st.warning(
                tr("scoring.warn.few_positives", positives=res.positives, needed=sc.MIN_POSITIVES)
            )
        st.caption(tr("scoring.rows", rows=f"{res.rows:,}", leads=f"{res.leads:,}"))
        if not res.activity_cutoff:
            st.caption(tr("scoring.no_cutoff"))
        st.button(
            tr("scoring.apply_suggested"),
            on_click=push,
            args=(res.model,),
            icon=":material/check:",
            key="scoring.apply_suggested",
        )
        excluded = res.columns[~res.columns["used"]]
        with st.expander(tr("scoring.excluded", count=len(excluded))):
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("scoring.column"): excluded["column"],
                        tr("scoring.reason"): [tr(K.LEAK[r]) for r in excluded["reason"]],
                    }
                ),
                hide_index=True,
            )


def changes(run: Run, lang: str) -> None:
    """The leads that enter or leave MQL against the saved model, and why."""
    leads = run.leads
    with st.container(border=True):
        st.subheader(tr("scoring.changed"))
        ch = what_changed(
            leads,
            run.features,
            base=run.baseline,
            new=run.model,
            base_counts=run.base_counts,
            new_counts=run.counts,
            base_scores=run.base_scores,
            new_scores=run.scores,
            accounts=session_memo(
                "scoring.accounts", (), lambda: account_key(leads).to_numpy(dtype=object)
            ),
        )
        c1, c2, c3 = st.columns(3)
        c1.metric(tr("scoring.entered"), f"{int((ch['change'] == 'entered').sum()):,}")
        c2.metric(tr("scoring.left"), f"{int((ch['change'] == 'left').sum()):,}")
        c3.metric(tr("scoring.accounts_changed"), f"{ch['account'].nunique():,}")
        if not len(ch):
            st.caption(tr("scoring.no_change"))
            return
        shown = ch.head(CHANGED_ROWS)
        view = pd.DataFrame(
            {
                tr("scoring.change"): [tr(K.CHANGE[c]) for c in shown["change"]],
                **{
                    tr(K.SCORING_COLUMN[c]): leads.loc[shown.index, c].to_numpy()
                    for c in ("company", "title")
                    if c in leads
                },
                tr("scoring.fit_before_after"): [
                    f"{a:.0f} → {b:.0f}"
                    for a, b in zip(shown["fit_before"], shown["fit_after"], strict=True)
                ],
                tr("scoring.eng_before_after"): [
                    f"{a:.0f} → {b:.0f}"
                    for a, b in zip(
                        shown["engagement_before"], shown["engagement_after"], strict=True
                    )
                ],
                tr("scoring.reason"): [reason_label(r, lang) for r in shown["reason"]],
                tr("scoring.reason_points"): shown["reason_points"].round(1).to_numpy(),
            }
        )
        st.dataframe(view, hide_index=True, key="scoring.changed_table")


def download_scores(run: Run) -> None:
    """Every lead's fit, engagement, grade, MQL flag and reasons as CSV (built on click)."""
    leads, feats, model, counts = run.leads, run.features, run.model, run.counts

    def _csv() -> bytes:
        ids = leads[[c for c in ("lead_id", "company", "title") if c in leads]]
        return to_csv_bytes(pd.concat([ids, sc.scores_frame(feats, model, counts)], axis=1))[0]

    st.download_button(
        tr("scoring.download_scores"),
        data=_csv,
        file_name="mori-lead-scores.csv",
        mime="text/csv",
        icon=":material/table:",
        key="scoring.download_scores",
    )
