"""Lead scoring: fit × engagement sliders, matrix, back-test, suggested weights, share link."""

import json
import re
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from abm import scoring as sc
from abm.errors import MoriError
from abm.export import to_csv_bytes
from abm.i18n import t
from abm.scoring.charts import decile_figure, distribution_figure, matrix_figure, matrix_legend
from abm.scoring.form import FIT_TABLES, SCALARS, model_from_form, model_to_form
from abm.scoring.report import category_label, reason_label, what_changed
from abm.scoring.vocab import account_key
from abm.ui import (
    dataset_token,
    get_as_of,
    get_workspace,
    msg,
    page_setup,
    require_data,
    session_memo,
    set_workspace_section,
    tr,
)

lang = page_setup("scoring")
st.title(tr("nav.scoring"))
st.caption(tr("scoring.intro"))
ds = require_data()
as_of = get_as_of()
leads = ds.leads
acts = ds.activities if ds.has("activities") else None

K_MODEL, K_FLASH, K_SUGGEST = "scoring.model", "scoring.flash", "scoring.suggestion"
W = "scoring.w."
RANGES = {"activity": (-100, 100), "cap": (0, 200)}


def _baseline() -> sc.ScoringModel:
    saved = get_workspace().section("scoring_model")
    try:
        return sc.ScoringModel.from_dict(saved) if saved else sc.ScoringModel()
    except MoriError as err:
        st.session_state[K_FLASH] = ("error", msg(err))
        return sc.ScoringModel()


def _push(model: sc.ScoringModel) -> None:
    """Make ``model`` current: the widgets show it on the next run."""
    st.session_state[K_MODEL] = model
    st.session_state.update(model_to_form(model, W))


def _pull(previous: sc.ScoringModel) -> sc.ScoringModel:
    """Build the model from the widgets (keeping ``previous`` if they are inconsistent)."""
    try:
        return model_from_form(st.session_state, previous, W, file=tr("scoring.sliders"))
    except MoriError as err:
        st.error(msg(err), icon=":material/error:")
        return previous


def _on_upload() -> None:
    up = st.session_state.get("scoring.upload")
    if up is None:
        return
    name = re.sub(r"[^\w.\- ]", "_", up.name)[:80]  # shown in a message: no markdown
    try:
        data = json.loads(up.getvalue().decode("utf-8-sig"))
        _push(sc.ScoringModel.from_dict(data, file=name))
        st.session_state[K_FLASH] = ("success", t("scoring.loaded", lang))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        st.session_state[K_FLASH] = (
            "error",
            t("scoring.err.bad_model", lang, file=name, column="JSON"),
        )
    except MoriError as err:
        st.session_state[K_FLASH] = ("error", msg(err))


def _save_baseline(model: sc.ScoringModel) -> None:
    set_workspace_section("scoring_model", model.to_dict())
    st.session_state[K_FLASH] = ("success", t("scoring.saved", lang))


# ---- model state: share link on first visit, else the saved baseline ---------
baseline = _baseline()
if K_MODEL not in st.session_state:
    start = baseline
    code = st.query_params.get("m")
    if code:
        try:
            start = sc.decode_model(code)
        except MoriError as err:
            st.session_state[K_FLASH] = ("warning", msg(err))
    _push(start)
for k, v in model_to_form(st.session_state[K_MODEL], W).items():
    st.session_state.setdefault(k, v)  # widgets forgotten after visiting another page
if K_FLASH in st.session_state:
    kind, msg = st.session_state.pop(K_FLASH)
    getattr(st, kind)(msg)


shown: set[str] = set()  # widget keys rendered in this run (open tabs and expanders)


def _slider(
    key: str, label: str, lo: float, hi: float, step: float = 1.0, help: str | None = None
) -> None:
    shown.add(key)
    v = float(st.session_state[key])
    st.slider(
        label,
        min_value=float(min(lo, v)),
        max_value=float(max(hi, v)),
        step=float(step),
        format="%.0f",
        key=key,
        help=help,
    )


# ---- controls -----------------------------------------------------------------
left, right = st.columns([1, 2], gap="large")
with left, st.container(border=True):
    st.subheader(tr("scoring.sliders"))
    # Lazy tabs and expanders: only the open ones run, so a rerun builds a
    # handful of sliders instead of ~60 (the closed ones keep their values in
    # the model, restored into session state at the top of every run).
    tab_fit, tab_eng, tab_rules = st.tabs(
        [tr("scoring.tab.fit"), tr("scoring.tab.engagement"), tr("scoring.tab.rules")],
        key="scoring.tabs",
        on_change="rerun",
    )
    prev = st.session_state[K_MODEL]
    if tab_fit.open:
        with tab_fit:
            for table in FIT_TABLES:
                with st.expander(
                    tr(f"scoring.dim.{table}"),
                    expanded=table == "seniority",
                    key=f"scoring.open.{table}",
                    on_change="rerun",
                ) as box:
                    if box.open:
                        for cat in prev.points(table):
                            _slider(f"{W}{table}.{cat}", category_label(table, cat, lang), -50, 50)
            with st.expander(
                tr("scoring.penalties"), key="scoring.open.penalties", on_change="rerun"
            ) as box:
                if box.open:
                    _slider(W + "free_mail", tr("scoring.dim.free_mail"), *SCALARS["free_mail"][1:])
                    _slider(
                        W + "competitor", tr("scoring.dim.competitor"), *SCALARS["competitor"][1:]
                    )
                    shown.add(W + "competitors")
                    st.text_area(
                        tr("scoring.competitors"),
                        key=W + "competitors",
                        help=tr("scoring.competitors_help"),
                    )
    if tab_eng.open:
        with tab_eng:
            st.caption(tr("scoring.engagement_help"))
            for cat in prev.points("activity"):
                c1, c2 = st.columns([3, 2])
                with c1:
                    _slider(
                        f"{W}activity.{cat}",
                        category_label("activity", cat, lang),
                        *RANGES["activity"],
                    )
                with c2:
                    _slider(f"{W}cap.{cat}", tr("scoring.cap"), *RANGES["cap"])
    if tab_rules.open:
        with tab_rules:
            _slider(
                W + "half_life",
                tr("scoring.half_life"),
                *SCALARS["half_life"][1:],
                help=tr("scoring.half_life_help"),
            )
            _slider(W + "fit_threshold", tr("scoring.fit_threshold"), *SCALARS["fit_threshold"][1:])
            _slider(
                W + "engagement_threshold",
                tr("scoring.engagement_threshold"),
                *SCALARS["engagement_threshold"][1:],
            )
            shown.update(k for k in model_to_form(prev, W) if "_cut" in k or "letter" in k)
            st.segmented_control(
                tr("scoring.letter_axis"),
                ["fit", "engagement"],
                format_func=lambda k, lang=lang: t(f"scoring.axis.{k}", lang),
                key=W + "letter_axis",
                required=True,
            )
            letter_is_fit = st.session_state[W + "letter_axis"] == "fit"
            for axis in ("fit", "engagement"):
                cols = st.columns(3)
                for i, col in enumerate(cols):
                    label = ("ABC" if (axis == "fit") == letter_is_fit else "123")[i]
                    col.number_input(
                        f"{tr(f'scoring.axis.{axis}')} {label} ≥",
                        key=f"{W}{axis}_cut{i}",
                        step=5.0,
                    )
    model = _pull(prev)
    st.session_state[K_MODEL] = model
    # Streamlit forgets the state of widgets that did not run (closed tabs) and
    # can resurrect a stale value: pin theirs to the model for the next run.
    for k, v in model_to_form(model, W).items():
        if k not in shown:
            st.session_state[k] = v
    st.button(
        tr("scoring.reset"),
        on_click=_push,
        args=(sc.ScoringModel(),),
        icon=":material/restart_alt:",
        key="scoring.reset",
        width="stretch",
    )
    st.button(
        tr("scoring.revert"),
        on_click=_push,
        args=(baseline,),
        icon=":material/undo:",
        key="scoring.revert",
        width="stretch",
    )

# ---- scores (features cached per dataset and as-of; counts per half-life) ----
feats = session_memo(
    "scoring.features", (as_of,), lambda: sc.build_features(leads, acts, as_of=as_of)
)
counts = session_memo(
    "scoring.counts",
    (as_of, model.half_life_days),
    lambda: sc.decayed_counts(feats, model.half_life_days),
)
scores = sc.rescore(feats, model, counts)
base_counts = session_memo(
    "scoring.base_counts",
    (as_of, baseline.half_life_days),
    lambda: sc.decayed_counts(feats, baseline.half_life_days),
)
base_scores = session_memo(
    "scoring.base_scores", (as_of, baseline), lambda: sc.rescore(feats, baseline, base_counts)
)
outcomes = [o for o, c in sc.OUTCOMES.items() if c in leads and leads[c].notna().any()]

with right:
    n_mql, n_base = int(scores.is_mql.sum()), int(base_scores.is_mql.sum())
    with st.container(border=True):
        k1, k2, k3, k4 = st.columns(4)
        k1.metric(
            tr("scoring.mql_count"),
            f"{n_mql:,}",
            delta=f"{n_mql - n_base:+,}" if n_mql != n_base else None,
        )
        k2.metric(tr("scoring.mql_share"), f"{n_mql / max(feats.n, 1):.1%}")
        k3.metric(tr("scoring.leads"), f"{feats.n:,}")
        k4.metric(tr("scoring.linked_activities"), f"{feats.counts['linked']:,}")
        if feats.counts["unlinked"]:
            st.caption(tr("scoring.unlinked", count=f"{feats.counts['unlinked']:,}"))

    outcome = None
    if outcomes:
        outcome = st.segmented_control(
            tr("scoring.outcome"),
            outcomes,
            format_func=lambda o, lang=lang: t(f"scoring.outcome.{o}", lang),
            default=outcomes[0],
            required=True,
            key="scoring.outcome",
        )
    y = (
        session_memo("scoring.y", outcome, lambda: sc.outcome_of(leads, outcome)[0])
        if outcome
        else None
    )
    bt = sc.backtest(scores, y) if y is not None else None

    with st.container(border=True):
        st.subheader(tr("scoring.matrix"))
        st.plotly_chart(
            matrix_figure(scores, model, lang, bt.cells if bt else None), key="scoring.matrix_fig"
        )
        st.caption(matrix_legend(model, lang))
    with st.container(border=True):
        d1, d2 = st.columns(2)
        d1.plotly_chart(
            distribution_figure(scores.fit, model.fit_threshold, tr("scoring.axis.fit"), lang),
            key="scoring.fit_dist",
        )
        d2.plotly_chart(
            distribution_figure(
                scores.engagement, model.engagement_threshold, tr("scoring.axis.engagement"), lang
            ),
            key="scoring.eng_dist",
        )

    with st.container(border=True):
        st.subheader(tr("scoring.backtest"))
        if bt is None:
            st.info(tr("scoring.no_outcome"), icon=":material/info:")
        else:
            m1, m2, m3, m4 = st.columns(4)
            m1.metric(
                tr("scoring.auc"),
                "—" if np.isnan(bt.auc) else f"{bt.auc:.3f}",
                help=tr("scoring.auc_help"),
            )
            m2.metric(
                tr("scoring.precision"), "—" if np.isnan(bt.precision) else f"{bt.precision:.1%}"
            )
            m3.metric(tr("scoring.recall"), "—" if np.isnan(bt.recall) else f"{bt.recall:.1%}")
            m4.metric(tr("scoring.lift"), "—" if np.isnan(bt.mql_lift) else f"{bt.mql_lift:.2f}×")
            st.plotly_chart(decile_figure(bt.deciles, bt.base_rate, lang), key="scoring.decile_fig")
            st.caption(tr("scoring.backtest_now"))
            panel = session_memo(
                "scoring.panel",
                (as_of, outcome, model.half_life_days),
                lambda: sc.build_panel(
                    feats,
                    sc.outcome_of(leads, outcome)[1],
                    leads["created_at"].to_numpy("datetime64[ns]")
                    if "created_at" in leads
                    else None,
                    half_life_days=model.half_life_days,
                    max_rows=200_000,
                ),
            )
            if panel.y.any():
                sb = sc.backtest_snapshots(feats, model, panel)
                st.markdown(f"**{tr('scoring.snapshots', months=len(panel.dates), horizon=90)}**")
                n1, n2, n3, n4 = st.columns(4)
                n1.metric(tr("scoring.auc"), "—" if np.isnan(sb.auc) else f"{sb.auc:.3f}")
                n2.metric(
                    tr("scoring.precision"),
                    "—" if np.isnan(sb.precision) else f"{sb.precision:.1%}",
                )
                n3.metric(tr("scoring.recall"), "—" if np.isnan(sb.recall) else f"{sb.recall:.1%}")
                n4.metric(tr("scoring.snapshot_rows"), f"{sb.rows:,}")

            cap_col, sug_col = st.columns([1, 2])
            months = sc.history_months(leads)
            st.session_state.setdefault("scoring.capacity", max(1, round(n_mql / months)))
            capacity = cap_col.number_input(
                tr("scoring.capacity"), min_value=1, step=10, key="scoring.capacity"
            )
            ts = sc.suggest_thresholds(scores, y, capacity_per_month=capacity, months=months)
            sug_col.write(
                tr(
                    "scoring.capacity_result",
                    fit=f"{ts.fit_threshold:g}",
                    eng=f"{ts.engagement_threshold:.0f}",
                    per_month=f"{ts.mql_per_month:,.0f}",
                    precision=f"{ts.precision:.1%}",
                    recall=f"{ts.recall:.1%}",
                )
            )
            if not ts.fits_capacity:
                sug_col.warning(tr("scoring.capacity_exceeded"))
            new_t = replace(
                model,
                fit_threshold=round(ts.fit_threshold),
                engagement_threshold=round(ts.engagement_threshold),
            )
            sug_col.button(
                tr("scoring.apply_thresholds"),
                on_click=_push,
                args=(new_t,),
                key="scoring.apply_thresholds",
            )

    with st.container(border=True):
        st.subheader(tr("scoring.suggest"))
        st.caption(tr("scoring.suggest_help", horizon=90))
        if outcome is None:
            st.info(tr("scoring.no_outcome"), icon=":material/info:")
        elif st.button(
            tr("scoring.suggest_run"), icon=":material/auto_fix_high:", key="scoring.suggest_run"
        ):
            with st.spinner(tr("scoring.suggest_running")):
                try:
                    res = sc.suggest_weights(
                        leads, feats, current=model, outcome=outcome, random_state=0
                    )
                    st.session_state[K_SUGGEST] = (dataset_token(), as_of, outcome, res)
                except MoriError as err:
                    st.session_state.pop(K_SUGGEST, None)
                    st.warning(msg(err))
        got = st.session_state.get(K_SUGGEST)
        if got and got[:3] == (dataset_token(), as_of, outcome):
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
                    tr(
                        "scoring.warn.few_positives",
                        positives=res.positives,
                        needed=sc.MIN_POSITIVES,
                    )
                )
            st.caption(tr("scoring.rows", rows=f"{res.rows:,}", leads=f"{res.leads:,}"))
            if not res.activity_cutoff:
                st.caption(tr("scoring.no_cutoff"))
            st.button(
                tr("scoring.apply_suggested"),
                on_click=_push,
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
                            tr("scoring.reason"): [
                                tr(f"scoring.leak.{r}") for r in excluded["reason"]
                            ],
                        }
                    ),
                    hide_index=True,
                )

    with st.container(border=True):
        st.subheader(tr("scoring.changed"))
        ch = what_changed(
            leads,
            feats,
            base=baseline,
            new=model,
            base_counts=base_counts,
            new_counts=counts,
            base_scores=base_scores,
            new_scores=scores,
            accounts=session_memo(
                "scoring.accounts", (), lambda: account_key(leads).to_numpy(dtype=object)
            ),
        )
        c1, c2, c3 = st.columns(3)
        c1.metric(tr("scoring.entered"), f"{int((ch['change'] == 'entered').sum()):,}")
        c2.metric(tr("scoring.left"), f"{int((ch['change'] == 'left').sum()):,}")
        c3.metric(tr("scoring.accounts_changed"), f"{ch['account'].nunique():,}")
        if len(ch):
            shown = ch.head(500)
            view = pd.DataFrame(
                {
                    tr("scoring.change"): [tr(f"scoring.change.{c}") for c in shown["change"]],
                    **{
                        tr(f"scoring.col.{c}"): leads.loc[shown.index, c].to_numpy()
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
        else:
            st.caption(tr("scoring.no_change"))

    with st.container(border=True):
        st.subheader(tr("scoring.model_file"))
        f1, f2 = st.columns(2)
        f1.download_button(
            tr("scoring.download"),
            data=json.dumps(model.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
            file_name="mori-scoring-model.json",
            mime="application/json",
            icon=":material/download:",
            key="scoring.download",
        )
        f1.button(
            tr("scoring.save_baseline"),
            on_click=_save_baseline,
            args=(model,),
            icon=":material/save:",
            key="scoring.save",
            help=tr("scoring.save_help"),
        )
        f2.file_uploader(
            tr("scoring.upload"), type=["json"], key="scoring.upload", on_change=_on_upload
        )
        code = sc.encode_model(model)
        if code:
            st.query_params["m"] = code
        elif "m" in st.query_params:
            del st.query_params["m"]
        base_url = (st.context.url or "").split("?")[0]
        st.caption(tr("scoring.share_help"))
        st.code(f"{base_url}?m={code}" if code else base_url or "?", language=None)

        def _scores_csv(model: sc.ScoringModel = model, counts: np.ndarray = counts) -> bytes:
            ids = leads[[c for c in ("lead_id", "company", "title") if c in leads]]
            return to_csv_bytes(pd.concat([ids, sc.scores_frame(feats, model, counts)], axis=1))[0]

        st.download_button(
            tr("scoring.download_scores"),
            data=_scores_csv,
            file_name="mori-lead-scores.csv",
            mime="text/csv",
            icon=":material/table:",
            key="scoring.download_scores",
        )
