"""Scoring page: suggested weights — learned on the back-test's rows, previewed before applying.

The suggestion learns the task the page is checking, at the same prediction
times, from the feature families the task allows (opportunity facts never
for "which lead converts"). Before anything is applied the section shows
its cross-validated AUC next to the current model's (same outcome, leads and
period as the back-test), the points it would set, and who would enter and
leave MQL — its thresholds keep today's MQL count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from abm import scoring as sc
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.report import category_label
from abm.ui import widgets
from abm.ui.shell import msg, tr
from abm.ui.state import dataset_token
from abm.ui.views.scoring_backtest import Judged
from abm.ui.views.scoring_controls import K_SUGGEST, push, wk
from abm.ui.views.scoring_results import Run, change_table

__all__ = ["section"]


def _identity(run: Run, judged: Judged, families: tuple[str, ...]) -> tuple:
    """What a stored suggestion was computed for (it is shown only for the same)."""
    m = run.model
    return (
        dataset_token(),
        run.as_of,
        judged.task,
        m.prediction,
        m.prediction_days,
        m.horizon_days,
        m.half_life_days,
        families,
    )


def _families(task: str, lang: str) -> tuple[str, ...]:
    allowed = sc.TASK_FAMILIES[task]
    chosen = st.pills(
        tr("scoring.families"),
        list(allowed),
        selection_mode="multi",
        default=list(allowed),
        format_func=lambda f: t(K.FAMILY[f], lang),
        key=wk(f"families.{task}"),
    )
    if "opportunity" not in allowed:
        st.caption(tr("scoring.families_refused"))
    return tuple(f for f in sc.FAMILIES if f in (chosen or ()))


def section(run: Run, judged: Judged | None, lang: str) -> None:
    """Suggested weights on request; what they change before the apply button."""
    with st.container(border=True):
        st.subheader(tr("scoring.suggest"))
        if judged is None:
            st.caption(tr("scoring.backtest_needs"))
            return
        st.caption(tr("scoring.suggest_help"))
        families = _families(judged.task, lang)
        ident = _identity(run, judged, families)
        if st.button(
            tr("scoring.suggest_run"),
            icon=":material/auto_fix_high:",
            key=wk("suggest_run"),
            disabled=not families,
        ):
            with st.spinner(tr("scoring.suggest_running")):
                try:  # the back-test's rows and counts: the same definition
                    res = sc.suggest_weights(
                        run.leads, run.features, judged.rows, current=run.model,
                        counts=judged.counts, deals=run.deals, families=families, random_state=0,
                    )  # fmt: skip
                    st.session_state[K_SUGGEST] = (ident, res)
                except MoriError as err:
                    st.session_state.pop(K_SUGGEST, None)
                    st.warning(msg(err))
        got = st.session_state.get(K_SUGGEST)
        if got and got[0] == ident:
            _result(run, judged, got[1], lang)


def _result(run: Run, judged: Judged, res: sc.Suggestion, lang: str) -> None:
    current = f"{res.auc_current:.3f}"  # the current weights' mean over the folds: not the
    overall = judged.result.auc  # back-test's AUC of all its rows at once (QA-I: 0.548, 0.547)
    st.metric(
        tr("scoring.auc_suggested"),
        f"{res.auc_suggested:.3f}",
        delta=tr(
            "scoring.auc_delta",
            delta=f"{res.auc_suggested - res.auc_current:+.3f}",
            current=current,
        ),
        help=tr("scoring.auc_suggested_help", current=current),
    )
    st.caption(
        tr(
            "scoring.suggest_on",
            folds=len(res.folds),
            current=current,
            overall="—" if np.isnan(overall) else f"{overall:.3f}",
        )
    )
    if res.auc_suggested <= res.auc_current:  # learned, yet no better on unseen deals
        st.warning(
            tr(
                "scoring.suggest_not_better",
                suggested=f"{res.auc_suggested:.3f}",
                current=f"{res.auc_current:.3f}",
            ),
            icon=":material/warning:",
        )
    if res.few_positives:
        st.warning(
            tr("scoring.warn.few_positives", positives=res.positives, needed=sc.MIN_POSITIVES)
        )
    new = res.model
    counts = (  # a suggestion keeps the half-life: the page's counts serve it
        run.counts
        if new.half_life_days == run.model.half_life_days
        else sc.decayed_counts(run.features, new.half_life_days)
    )
    scores = sc.rescore(run.features, new, counts, deal=run.deal_now)
    st.markdown(f"**{tr('scoring.preview')}**")
    change_table(
        run,
        lang,
        base=(run.model, run.counts, run.scores),
        new=(new, counts, scores),
        labels=("scoring.preview.entered", "scoring.preview.left", "scoring.preview.accounts"),
        key=wk("preview_table"),
    )
    st.caption(
        tr(
            "scoring.preview_thresholds",
            fit=f"{new.fit_threshold:g}",
            eng=f"{new.engagement_threshold:g}",
            before=f"{int(run.scores.is_mql.sum()):,}",
            after=f"{int(scores.is_mql.sum()):,}",
        )
    )
    st.button(
        tr("scoring.apply_suggested"),
        on_click=push,  # marked as fitted on these rows: every session's back-test knows
        args=(sc.mark_fitted(new, judged.rows, res.auc_suggested),),
        icon=":material/check:",
        type="primary" if res.auc_suggested > res.auc_current else "secondary",
        key=wk("apply_suggested"),
    )
    with st.expander(tr("scoring.suggested_points")):
        widgets.table(_points_view(res.coefficients, lang))
    excluded = res.columns[~res.columns["used"]]
    with st.expander(tr("scoring.excluded", count=len(excluded))):
        widgets.table(
            pd.DataFrame(
                {  # Mori's fields by their names, not their internal ones
                    tr("scoring.column"): [
                        widgets.field_label(c, lang) for c in excluded["column"]
                    ],
                    tr("scoring.reason"): [tr(K.LEAK[r]) for r in excluded["reason"]],
                }
            )
        )


def _points_view(coefs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The suggested points, translated (rules with too few rows say so)."""
    names = [
        f"{t(K.DIMENSION[d], lang)}: {category_label(d, c, lang)}"
        if d not in ("free_mail", "competitor", "prior_win")
        else f"{t(K.DIMENSION[d], lang)}: {t(K.CATEGORY[c], lang)}"
        for d, c in zip(coefs["table"], coefs["category"], strict=True)
    ]
    return pd.DataFrame(
        {
            tr("scoring.family"): [t(K.FAMILY[f], lang) for f in coefs["family"]],
            tr("scoring.rule"): names,
            tr("scoring.points"): coefs["points"].to_numpy(),
            tr("scoring.cap"): coefs["cap"].to_numpy(),
            tr("scoring.support"): coefs["support"].to_numpy(),
            tr("scoring.learned"): np.where(
                coefs["status"] == "learned", "", tr("scoring.few_rows")
            ),
        }
    )
