"""Demand Waterfall: funnel, conversion, velocity, cohorts, stalled leads, account view."""

import pandas as pd
import streamlit as st

from abm import funnel as fn
from abm.errors import MoriError
from abm.export import to_csv_bytes
from abm.funnel.charts import cohort_figure, funnel_figure, period_figure, velocity_figure
from abm.funnel.display import (
    apply_map_edits,
    benchmark_view,
    format_delta,
    format_kpi,
    method_message,
    stalled_view,
    table_signature,
)
from abm.i18n import t
from abm.ui import (
    get_as_of,
    get_workspace,
    page_setup,
    require_data,
    session_memo,
    set_workspace_section,
    tr,
)

lang = page_setup("funnel")
st.title(tr("nav.funnel"))
st.caption(tr("funnel.intro"))
ds = require_data()
as_of = get_as_of()
leads = ds.leads
opps = ds.opportunities if ds.has("opportunities") else None

# ---- saved settings ------------------------------------------------------
try:
    saved = fn.FunnelConfig.from_dict(get_workspace().section("stage_map") or {})
except MoriError as err:
    st.warning(tr(err.key), icon=":material/warning:")
    saved = fn.FunnelConfig()
status_cols = [c for c in ("current_stage", "lead_status") if c in leads.columns]
status_values = (
    pd.concat([leads[c] for c in status_cols]) if status_cols else pd.Series(dtype="string")
)
base_map = session_memo(
    "funnel.base_map",
    saved.stage_map,
    lambda: fn.complete_stage_map(saved.stage_map, status_values),
)

# ---- controls --------------------------------------------------------------
MODEL_KEYS = [*fn.MODELS, "custom"]
SHOW_ROWS = 1000  # rows drawn in a table; downloads carry every row
with st.container(border=True):
    c_model = st.container()
    c_view, c_strict = st.columns([3, 1])
    model_key = c_model.segmented_control(
        tr("funnel.model"),
        MODEL_KEYS,
        default=saved.model.key if saved.model.key in MODEL_KEYS else "classic",
        format_func=lambda k, lang=lang: t(f"funnel.model.{k}", lang),
        required=True,
        help=tr("funnel.model_help"),
        key="funnel.model",
    )
    view = c_view.segmented_control(
        tr("funnel.view"),
        ["leads", "accounts"],
        default="leads",
        format_func=lambda k, lang=lang: t(f"funnel.view.{k}", lang),
        required=True,
        key="funnel.view",
    )
    strict = c_strict.toggle(
        tr("funnel.strict"), value=saved.strict, help=tr("funnel.strict_help"), key="funnel.strict"
    )
    if model_key == "custom":
        default_custom = (
            list(saved.model.keys)
            if saved.model.key == "custom"
            else list(fn.get_model("classic").keys)
        )
        chosen = st.multiselect(
            tr("funnel.custom_stages"),
            list(fn.GENERIC_STAGES),
            default=default_custom,
            format_func=lambda g, lang=lang: fn.generic_label(g, lang),
            help=tr("funnel.custom_stages_help"),
            key="funnel.custom_stages",
        )
        if len(chosen) < 2:
            st.warning(tr("funnel.custom_need_two"), icon=":material/warning:")
            st.stop()
        model = fn.custom_model(chosen)
    else:
        model = fn.get_model(model_key)

# ---- stage map editor state (applied before computing) ---------------------
map_table = fn.stage_map_table(status_values, base_map)
# edits are kept by row position: key the editor by the rows it shows
editor_key = f"funnel.map_editor.{table_signature(map_table['value'])}"
edited = apply_map_edits(map_table, st.session_state.get(editor_key))
stage_map = base_map if edited is None else fn.stage_map_from_table(edited)

# ---- sidebar filters ---------------------------------------------------------
created = (
    leads["created_at"] if "created_at" in leads.columns else pd.Series(dtype="datetime64[ns]")
)
first_day = created[created <= as_of].min() if created.notna().any() else as_of
first_day = as_of if pd.isna(first_day) else first_day.normalize()
lo_day, hi_day = min(first_day, as_of - pd.Timedelta(days=364)).date(), as_of.date()
stored = st.session_state.get("funnel.window")
if stored and any(d < lo_day or d > hi_day for d in stored):  # as-of moved: reset the window
    del st.session_state["funnel.window"]
with st.sidebar:
    st.subheader(tr("funnel.filters"))
    window = st.date_input(
        tr("funnel.period"),
        value=(max(first_day, as_of - pd.Timedelta(days=364)).date(), hi_day),
        min_value=lo_day,
        max_value=hi_day,
        help=tr("funnel.period_help"),
        key="funnel.window",
    )
    filters = []
    for dim in fn.BREAKDOWNS:
        if ("employees" if dim == "size_band" else dim) not in leads.columns:
            continue
        options = session_memo(
            f"funnel.options.{dim}",
            dim,
            lambda d=dim: sorted(fn.dimension_values(leads, d).unique()),
        )
        picked = st.multiselect(
            tr(f"funnel.dim.{dim}"),
            options,
            default=[],
            key=f"funnel.filter.{dim}",
            placeholder=tr("funnel.filter_all"),
        )
        filters.append((dim, tuple(picked)))
window = tuple(window) if isinstance(window, list | tuple) else (window,)
start = pd.Timestamp(window[0])
end = pd.Timestamp(window[-1]) if len(window) > 1 else as_of
filters = tuple(filters)

# ---- compute -----------------------------------------------------------------
reach_all = session_memo(
    "funnel.reach",
    (model, stage_map, strict, as_of),
    lambda: fn.compute_reach(leads, model, as_of=as_of, stage_map=stage_map, strict=strict),
)
seg = session_memo("funnel.segment", filters, lambda: fn.segment_mask(leads, filters))
segment = reach_all.subset(seg[reach_all.rows]) if any(v for _, v in filters) else reach_all
cohort = segment.created_between(start, end)

kind, text = method_message(reach_all, lang)
if reach_all.n and kind == "info":
    st.info(text, icon=":material/info:")
elif reach_all.n:
    st.caption(text)
if reach_all.excluded_future:
    st.caption(tr("funnel.method.future", n=reach_all.excluded_future))

# ---- KPI row -------------------------------------------------------------------
p_start, p_end = fn.previous_period(start, end)
filtered = any(v for _, v in filters)
segment_opps = (
    fn.opportunities_for_leads(opps, leads.iloc[segment.rows])
    if opps is not None and filtered
    else opps
)
if filtered and opps is not None and not fn.can_link_opportunities(opps, leads):
    st.caption(tr("funnel.filter_opps_unlinked"))
kpi = fn.funnel_kpis(segment, segment_opps, start=start, end=end)
prev = fn.funnel_kpis(segment, segment_opps, start=p_start, end=p_end)
help_text = tr("funnel.kpi.help", start=p_start.date(), end=p_end.date())


for row in (fn.KPI_KEYS[:4], fn.KPI_KEYS[4:]):
    for col, key in zip(st.columns(4), row, strict=True):
        col.metric(
            tr(f"funnel.kpi.{key}"),
            format_kpi(key, kpi[key], lang),
            format_delta(key, kpi[key], prev[key], lang),
            help=help_text,
            border=True,
        )

if cohort.n == 0:
    st.info(tr("funnel.no_leads"), icon=":material/info:")
    st.stop()

labels = {s.key: s.label(lang) for s in model.stages}
sla_live = {g: int(st.session_state.get(f"funnel.sla.{g}", d)) for g, d in saved.sla().items()}
# ---- funnel (lead or account view) ---------------------------------------------
if view == "accounts":
    with st.container(border=True):
        st.subheader(tr("funnel.section.accounts"))
        st.caption(tr("funnel.account.caption"))
        mqa_min = st.number_input(tr("funnel.account.mqa_min"), 1, 20, 1, key="funnel.mqa_min")
        mqa_stage = "mql" if "mql" in model.keys else model.keys[1]
        acc = fn.account_reach(cohort, leads, opps, mqa_stage=mqa_stage, mqa_min_leads=int(mqa_min))
        wf = fn.account_waterfall(acc)
        wf["label"] = [tr(f"funnel.account.{s}") for s in wf["stage"]]
        st.plotly_chart(funnel_figure(wf, lang), key="funnel.account_chart")
        st.dataframe(
            acc.reset_index(),
            hide_index=True,
            column_config={
                "account_key": tr("funnel.account.key"),
                "leads": tr("funnel.col.leads"),
                "mqa_leads": tr("funnel.account.mqa_leads"),
                **{s: tr(f"funnel.account.{s}") for s in fn.ACCOUNT_STAGES},
            },
        )
    st.stop()

table = fn.stage_counts(cohort, lang)
left, right = st.columns([3, 2])
with left, st.container(border=True):
    st.subheader(tr("funnel.section.funnel"))
    event = st.plotly_chart(
        funnel_figure(table, lang), key="funnel.chart", on_select="rerun", selection_mode="points"
    )
    st.caption(tr("funnel.chart.select_hint"))
    points = getattr(getattr(event, "selection", None), "points", None) or []
    clicked = {v: k for k, v in labels.items()}.get(str(points[0].get("y"))) if points else None
    if clicked and clicked != st.session_state.get("funnel._clicked"):  # a new click only
        st.session_state["funnel.records.stage"] = clicked
    st.session_state["funnel._clicked"] = clicked
with right, st.container(border=True):
    st.subheader(tr("funnel.section.bench"))
    st.caption(tr("funnel.bench.caption"))
    bench = fn.compare_benchmarks(cohort)
    if len(bench):
        st.dataframe(
            benchmark_view(bench, labels, lang),
            hide_index=True,
            column_config={
                tr("funnel.bench.rate"): st.column_config.NumberColumn(format="percent")
            },
        )
    else:
        st.caption(tr("funnel.bench.none"))
    st.dataframe(
        table[["label", "count", "next_rate", "cumulative_rate", "drop_off"]],
        hide_index=True,
        column_config={
            "label": tr("funnel.col.stage"),
            "count": st.column_config.NumberColumn(tr("funnel.col.count"), format="localized"),
            "next_rate": st.column_config.NumberColumn(
                tr("funnel.col.next_rate"), format="percent"
            ),
            "cumulative_rate": st.column_config.NumberColumn(
                tr("funnel.col.cumulative_rate"), format="percent"
            ),
            "drop_off": st.column_config.NumberColumn(
                tr("funnel.col.drop_off"), format="localized"
            ),
        },
        key="funnel.table",
    )

tabs = st.tabs(
    [
        tr(f"funnel.section.{k}")
        for k in ("cohorts", "velocity", "stalled", "breakdown", "records", "period", "stage_map")
    ]
)
with tabs[0]:
    rates = fn.cohort_table(cohort, rates=True)
    st.plotly_chart(
        cohort_figure(rates, [labels[k] for k in rates.columns], lang), key="funnel.cohorts"
    )
with tabs[1]:
    days = fn.transition_days(cohort)
    if sum(len(d) for d in days.values()) == 0:
        st.info(tr("funnel.velocity.none"), icon=":material/info:")
    else:
        st.plotly_chart(velocity_figure(days, labels, lang), key="funnel.velocity")
        vel = fn.stage_velocity(cohort)
        vel["from_stage"] = vel["from_stage"].map(labels)
        vel["to_stage"] = vel["to_stage"].map(labels)
        st.dataframe(
            vel[["from_stage", "to_stage", "leads", "p50", "p75", "p90"]],
            hide_index=True,
            column_config={
                "from_stage": tr("funnel.col.from"),
                "to_stage": tr("funnel.col.stage"),
                "leads": tr("funnel.col.leads"),
                "p50": st.column_config.NumberColumn(tr("funnel.col.median"), format="%.1f"),
                "p75": st.column_config.NumberColumn(tr("funnel.col.p75"), format="%.1f"),
                "p90": st.column_config.NumberColumn(tr("funnel.col.p90"), format="%.1f"),
            },
        )
with tabs[2]:
    stalled = fn.stalled_leads(cohort, sla_live)
    st.caption(tr("funnel.stalled.caption", n=len(stalled)))
    if len(stalled):
        view_df = stalled_view(stalled, leads, labels)
        st.dataframe(
            view_df.head(SHOW_ROWS),
            hide_index=True,
            column_config={
                "stage": tr("funnel.col.stage"),
                "entered_at": st.column_config.DateColumn(tr("funnel.col.entered")),
                "days_in_stage": tr("funnel.col.days_in_stage"),
                "sla_days": tr("funnel.col.sla"),
            },
        )
        st.download_button(
            tr("funnel.records.download"),
            lambda df=view_df: to_csv_bytes(df)[0],
            "stalled.csv",
            "text/csv",
            key="funnel.stalled_dl",
        )
with tabs[3]:
    dims = [d for d, _ in filters]
    if not dims:
        st.caption(tr("funnel.breakdown.none"))
    else:
        by = st.selectbox(
            tr("funnel.breakdown.by"),
            dims,
            format_func=lambda d, lang=lang: t(f"funnel.dim.{d}", lang),
            key="funnel.breakdown",
        )
        bd = fn.breakdown(cohort, leads, by, top=50).reset_index()
        st.dataframe(
            bd,
            hide_index=True,
            column_config={
                by: tr(f"funnel.dim.{by}"),
                **{k: labels[k] for k in model.keys},
                "overall_rate": st.column_config.ProgressColumn(
                    tr("funnel.col.overall"), min_value=0.0, max_value=1.0, format="percent"
                ),
            },
        )
with tabs[4]:
    r1, r2 = st.columns(2)
    if st.session_state.get("funnel.records.stage") not in model.keys:
        st.session_state["funnel.records.stage"] = model.keys[-1]
    rec_stage = r1.selectbox(
        tr("funnel.records.stage"),
        list(model.keys),
        format_func=labels.get,
        key="funnel.records.stage",
    )
    mode = r2.segmented_control(
        tr("funnel.records.mode"),
        ["reached", "current", "dropped"],
        default="reached",
        required=True,
        format_func=lambda m, lang=lang: t(f"funnel.records.mode.{m}", lang),
        key="funnel.records.mode",
    )
    rec = fn.records(cohort, leads, rec_stage, mode=mode)
    st.caption(tr("funnel.records.count", n=len(rec)))
    st.dataframe(rec.head(SHOW_ROWS), hide_index=True, key="funnel.records.table")
    st.download_button(
        tr("funnel.records.download"),
        lambda df=rec: to_csv_bytes(df)[0],
        f"funnel_{rec_stage}_{mode}.csv",
        "text/csv",
        key="funnel.records.download",
    )
with tabs[5]:
    period = fn.period_view(segment)
    st.plotly_chart(
        period_figure(period, [labels[k] for k in period.columns], lang), key="funnel.period_chart"
    )
with tabs[6]:
    st.caption(tr("funnel.map.caption"))
    if not status_cols:
        st.info(tr("funnel.map.none"), icon=":material/info:")
    else:
        st.data_editor(
            map_table,
            hide_index=True,
            disabled=["value", "leads", "suggested"],
            column_config={
                "value": st.column_config.TextColumn(tr("funnel.map.value")),
                "leads": st.column_config.NumberColumn(tr("funnel.map.leads"), format="localized"),
                "stage": st.column_config.SelectboxColumn(
                    tr("funnel.map.stage"),
                    options=["", *fn.GENERIC_STAGES],
                    format_func=lambda g, lang=lang: fn.generic_label(g, lang) if g else "—",
                ),
                "detour": st.column_config.SelectboxColumn(
                    tr("funnel.map.detour"),
                    options=["", *fn.DETOURS],
                    format_func=lambda d, lang=lang: t(f"funnel.detour.{d}", lang) if d else "—",
                ),
                "suggested": st.column_config.ProgressColumn(
                    tr("funnel.map.suggested"), min_value=0.0, max_value=1.0, format="percent"
                ),
            },
            key=editor_key,
        )
    st.markdown(f"**{tr('funnel.map.sla')}**")
    sla_cols = st.columns(max(len(model.stages) - 1, 1))
    for col, s in zip(sla_cols, model.stages[:-1], strict=False):
        col.number_input(
            s.label(lang), 0, 3650, saved.sla().get(s.generic, 30), key=f"funnel.sla.{s.generic}"
        )
    if st.button(tr("funnel.map.save"), type="primary", key="funnel.save"):
        cfg = fn.FunnelConfig(
            model=model, stage_map=stage_map, sla_days=tuple(sla_live.items()), strict=strict
        )
        set_workspace_section("stage_map", cfg.to_dict())
        st.session_state.pop(editor_key, None)
        st.success(tr("funnel.map.saved"), icon=":material/check_circle:")
