"""Marketing versus sales: both lenses, the hand-off, where they disagree, the meeting report."""

import datetime as dt

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.export import to_csv_bytes
from abm.funnel import FunnelConfig
from abm.gap import (
    LIST_COLUMNS,
    QUADRANTS,
    GapSettings,
    compute_gap,
    finding_basis,
    generate_findings,
    lead_scores,
    quadrant_accounts,
    quadrant_members,
)
from abm.gap.charts import fit_mix_figure, quadrant_figure, reasons_figure, volume_figure
from abm.gap.display import (
    fmt_count,
    fmt_days,
    fmt_pct,
    fmt_yen,
    fmt_yen_short,
    quadrant_table,
    source_table,
)
from abm.gap.settings import GROUP_BY
from abm.i18n import t
from abm.report import meeting_report_html
from abm.scoring.model import ScoringModel
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

lang = page_setup("gap")
ds = require_data()
as_of = get_as_of()
ws = get_workspace()

# ---- saved settings ----------------------------------------------------------
general = ws.section("general") or {}
try:
    saved = GapSettings.from_dict(general.get("gap"))
except MoriError as err:
    st.warning(msg(err), icon=":material/warning:")
    saved = GapSettings()
try:
    model = ScoringModel.from_dict(ws.section("scoring_model") or {})
except MoriError as err:
    st.warning(msg(err), icon=":material/warning:")
    model = ScoringModel()
try:
    funnel = FunnelConfig.from_dict(ws.section("stage_map") or {})
except MoriError as err:  # a hand-edited settings file: say so, use the defaults
    st.warning(msg(err), icon=":material/warning:")
    funnel = FunnelConfig()

# Filter values survive presentation mode (hidden widgets lose their state);
# they start afresh when another dataset is loaded.
STORE = st.session_state.setdefault("gap.store", {})
if STORE.get("token") != dataset_token():
    STORE.clear()
    STORE["token"] = dataset_token()
    for _key in ("gap.period", "gap.fiscal_start", "gap.sla", "gap.group_by", "gap.freq"):
        st.session_state.pop(_key, None)


def _restore(key: str, default: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = STORE.get(key, default)


def _keep(key: str, value: object) -> object:
    STORE[key] = value
    return value


head, toggle = st.columns([4, 1], vertical_alignment="bottom")
head.title(tr("gap.title"))
presentation = toggle.toggle(
    tr("gap.presentation"), key="gap.presentation", help=tr("gap.presentation_help")
)
font = 22 if presentation else 13

default_period = (as_of.date() - dt.timedelta(days=364), as_of.date())
for key, default in (
    ("gap.period", default_period),
    ("gap.fiscal_start", saved.fiscal_start_month),
    ("gap.sla", saved.sla_days),
    ("gap.group_by", saved.group_by),
    ("gap.freq", saved.period),
):
    _restore(key, default)
costs = dict(STORE.get("gap.costs", saved.cost_map()))

if not presentation:
    st.caption(tr("gap.caption"))
    with st.expander(tr("gap.filters"), expanded=False, icon=":material/tune:"):
        c1, c2, c3, c4, c5 = st.columns([3, 1, 1, 2, 2])
        _keep("gap.period", c1.date_input(tr("gap.period"), key="gap.period"))
        _keep(
            "gap.fiscal_start",
            c2.selectbox(
                tr("gap.fiscal_start"),
                list(range(1, 13)),
                format_func=lambda m: t("gap.month", lang, m=m),
                key="gap.fiscal_start",
            ),
        )
        _keep("gap.sla", c3.number_input(tr("gap.sla_days"), 0, 365, step=1, key="gap.sla"))
        _keep(
            "gap.group_by",
            c4.segmented_control(
                tr("gap.group_by"),
                list(GROUP_BY),
                format_func=lambda g: t(f"gap.src.{g}", lang),
                required=True,
                key="gap.group_by",
            ),
        )
        _keep(
            "gap.freq",
            c5.segmented_control(
                tr("gap.volume_period"),
                ["W", "M", "Q"],
                format_func=lambda f: t(f"gap.freq.{f}", lang),
                required=True,
                key="gap.freq",
            ),
        )
        by = st.session_state["gap.group_by"]
        values = (
            ds.leads[by].dropna().astype("string").value_counts().head(50).index.tolist()
            if by in ds.leads.columns
            else []
        )
        editor = st.data_editor(
            pd.DataFrame(
                {
                    tr(f"gap.src.{by}"): values,
                    tr("gap.src.cost"): [costs.get(v) for v in values],
                }
            ),
            column_config={
                tr("gap.src.cost"): st.column_config.NumberColumn(min_value=0, format="%d")
            },
            disabled=[tr(f"gap.src.{by}")],
            hide_index=True,
            key=f"gap.costs.{by}",
        )
        st.caption(tr("gap.costs_help"))
        for name, cost in zip(editor.iloc[:, 0], editor.iloc[:, 1], strict=True):
            if pd.notna(cost):
                costs[str(name)] = float(cost)
            else:
                costs.pop(str(name), None)
        STORE["gap.costs"] = costs

period = st.session_state["gap.period"]
start = pd.Timestamp(period[0]) if len(period) > 0 else None
end = pd.Timestamp(period[1]) if len(period) > 1 else start
settings = GapSettings(
    fiscal_start_month=int(st.session_state["gap.fiscal_start"]),
    sla_days=int(st.session_state["gap.sla"]),
    group_by=st.session_state["gap.group_by"],
    costs=tuple(sorted(costs.items())),
    period=st.session_state["gap.freq"],
    small_company=saved.small_company,
)
save = not presentation and settings != saved
if save and st.button(tr("gap.save_settings"), key="gap.save", icon=":material/save:"):
    set_workspace_section("general", {**general, "gap": settings.to_dict()})
    st.toast(tr("gap.saved"))

st.caption(
    tr(
        "gap.report.period",
        start=start.strftime("%Y-%m-%d") if start is not None else tr("gap.report.open_start"),
        end=end.strftime("%Y-%m-%d") if end is not None else tr("gap.report.open_start"),
    )
    + " · "
    + tr("gap.report.as_of", as_of=as_of.strftime("%Y-%m-%d"))
)

# ---- compute -------------------------------------------------------------------
scores = session_memo(
    "gap.scores",
    (as_of, model),
    lambda: lead_scores(ds.leads, ds.activities, model, as_of=as_of),
)
result = session_memo(
    "gap.result",
    (as_of, start, end, settings, model, funnel),
    lambda: compute_gap(
        ds,
        as_of=as_of,
        start=start,
        end=end,
        settings=settings,
        model=model,
        funnel=funnel,
        scores=scores,
    ),
)
findings = generate_findings(result)
m, s, h = result.marketing, result.sales, result.handoff
if m.leads == 0:
    st.info(tr("gap.no_leads"), icon=":material/info:")

# ---- findings --------------------------------------------------------------------
with st.container(border=True):
    st.subheader(tr("gap.findings"), anchor=False)
    for f in findings:
        st.text(f"• {f.text(lang)}\n    ↳ {finding_basis(f, lang)}")

# ---- two lenses and the hand-off strip between them ------------------------------
col_m, col_h, col_s = st.columns([4, 3, 4])
with col_m.container(border=True):
    st.subheader(tr("gap.lens.marketing"), anchor=False)
    a, b = st.columns(2)
    a.metric(tr("gap.m.leads"), fmt_count(m.leads, lang))
    b.metric(tr("gap.m.mql"), fmt_count(m.mql, lang))
    web = m.web_visits if pd.notna(m.web_visits) else m.web_activities
    a.metric(tr("gap.m.web_visits"), fmt_count(web, lang))
    b.metric(tr("gap.m.engagement"), fmt_count(m.engagement_mean, lang))
    a.metric(tr("gap.m.nurture"), fmt_count(m.nurture_pool, lang), help=tr("gap.m.nurture_help"))
    b.metric(tr("gap.m.engaged"), fmt_count(m.engaged, lang))
    st.plotly_chart(volume_figure(m.volume, lang, font_size=font), key="gap.volume")

with col_h.container(border=True):
    st.subheader(tr("gap.h.title"), anchor=False)
    st.metric(tr("gap.h.mql"), fmt_count(h.mql, lang))
    st.metric(tr("gap.h.acceptance"), fmt_pct(h.acceptance_rate, lang))
    st.metric(tr("gap.h.rejection"), fmt_pct(h.rejection_rate, lang))
    st.metric(tr("gap.h.touch_days"), fmt_days(h.median_days_to_touch, lang))
    st.metric(tr("gap.h.never"), fmt_count(h.never_followed_up, lang))
    st.metric(tr("gap.h.sla", days=h.sla_days), fmt_count(h.sla_breaches, lang))
    if h.unassigned is not None:
        st.metric(tr("gap.h.unassigned"), fmt_count(h.unassigned, lang))
    if not h.uses_activities:
        st.caption(tr("gap.h.no_activities"))
    if h.never_followed_up:
        with st.popover(tr("gap.h.never_list"), icon=":material/list:"):
            rows = h.table.index[~h.table["followed_up"].to_numpy(dtype=bool)]
            cols = [c for c in LIST_COLUMNS if c in ds.leads.columns]
            never = ds.leads.loc[rows, cols].join(h.table.loc[rows, ["mql_at"]])
            st.dataframe(never.head(1000), hide_index=True, key="gap.never_list")
            st.download_button(
                tr("gap.q.download"),
                data=lambda: to_csv_bytes(never)[0],
                file_name="mori_mql_never_followed_up.csv",
                mime="text/csv",
                on_click="ignore",
                icon=":material/download:",
                key="gap.never_download",
            )

with col_s.container(border=True):
    st.subheader(tr("gap.lens.sales"), anchor=False)
    a, b = st.columns(2)
    a.metric(tr("gap.s.target_share"), fmt_pct(s.target_share, lang))
    b.metric(tr("gap.s.high_fit_share"), fmt_pct(s.high_fit_share, lang))
    a.metric(
        tr("gap.s.pipeline"),
        fmt_yen_short(s.pipeline_value, lang),
        help=fmt_yen(s.pipeline_value, lang),
    )
    b.metric(tr("gap.s.budget"), fmt_pct(s.budget_share, lang))
    fy, q = s.quarter
    quarter_help = tr("gap.s.closable_help", quarter=tr("gap.s.quarter", fy=fy, q=q))
    a.metric(tr("gap.s.closable"), fmt_count(s.closable, lang), help=quarter_help)
    b.metric(
        tr("gap.s.closable_value"),
        fmt_yen_short(s.closable_value, lang),
        help=f"{fmt_yen(s.closable_value, lang)} · {quarter_help}",
    )
    st.plotly_chart(fit_mix_figure(s.fit_mix, lang, font_size=font), key="gap.fit_mix")

if len(h.reasons):
    with st.container(border=True):
        st.plotly_chart(reasons_figure(h.reasons, lang, font_size=font), key="gap.reasons")

# ---- the disagreement quadrant ---------------------------------------------------
with st.container(border=True):
    left, right = st.columns([3, 2])
    left.plotly_chart(quadrant_figure(result.quadrant, lang, font_size=font), key="gap.quadrant")
    with right:
        st.dataframe(quadrant_table(result.quadrant, lang, as_text=True), key="gap.q_table")
        pick = st.selectbox(
            tr("gap.q.pick"),
            list(QUADRANTS),
            index=QUADRANTS.index("sales_hot"),
            format_func=lambda k: t(f"gap.q.{k}", lang),
            key="gap.q_pick",
        )
        view = st.segmented_control(
            tr("gap.q.view"),
            ["leads", "accounts"],
            default="leads",
            format_func=lambda v: t(f"gap.q.view_{v}", lang),
            required=True,
            key="gap.q_view",
        )
    if view == "accounts":
        behind = quadrant_accounts(ds.leads, result.labels, result.scores, pick)
    else:
        behind = quadrant_members(ds.leads, result.labels, result.scores, pick)
    st.dataframe(behind.head(1000), hide_index=True, key="gap.q_list")
    st.download_button(
        tr("gap.q.download"),
        data=lambda: to_csv_bytes(behind)[0],
        file_name=f"mori_quadrant_{pick}_{view}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="gap.q_download",
    )

# ---- source truth table ------------------------------------------------------------
with st.container(border=True):
    st.subheader(tr("gap.src.title"), anchor=False)
    st.dataframe(source_table(result.sources, lang, as_text=True), key="gap.sources")

# ---- meeting report ------------------------------------------------------------------
with st.container(border=True):
    lists = st.multiselect(
        tr("gap.report.include_lists"),
        list(QUADRANTS),
        format_func=lambda k: t(f"gap.q.{k}", lang),
        key="gap.report_lists",
    )
    leads = ds.leads
    st.download_button(
        tr("gap.report.download"),
        data=lambda: meeting_report_html(
            result, lang=lang, findings=findings, leads=leads, include_companies=tuple(lists)
        ).encode("utf-8"),
        file_name=f"mori_meeting_report_{as_of:%Y%m%d}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/description:",
        type="primary",
        key="gap.report",
    )
    st.caption(tr("gap.scoring_note", fit=model.fit_threshold, eng=model.engagement_threshold))
