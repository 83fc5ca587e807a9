"""Target accounts: ranked roll-up with tiers and reasons, coverage, action lists, export."""

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from abm import accounts as acc
from abm.accounts.charts import coverage_heatmap, tier_figure
from abm.errors import MoriError
from abm.export import (
    hubspot_company_import,
    mori_target_list,
    salesforce_account_import,
    to_csv_bytes,
    to_xlsx_bytes,
)
from abm.i18n import t
from abm.ui import (
    get_as_of,
    get_workspace,
    msg,
    page_setup,
    require_data,
    session_memo,
    set_workspace_section,
    tr,
)

lang = page_setup("accounts")
st.title(tr("nav.accounts"))
st.caption(tr("accounts.page.intro"))
ds = require_data()
as_of = get_as_of()
try:
    saved_rules, saved_rollup, saved_actions = acc.load_section(
        get_workspace().section("tier_rules")
    )
except MoriError as err:  # a hand-edited settings file: say so, use the defaults
    st.error(msg(err), icon=":material/error:")
    saved_rules, saved_rollup, saved_actions = acc.load_section(None)


# require_data() gives the cleaned leads: 名寄せ's account_id is always there
# (match_rule says it came from matching rather than from the file).
leads = ds.leads
key_source = "resolved" if "match_rule" in leads.columns else "existing"
st.caption(tr(f"accounts.page.key_{key_source}"))

# ---- settings: roll-up, tier sliders (instant), save --------------------------
with st.expander(tr("accounts.page.settings"), icon=":material/tune:"):
    c1, c2, c3 = st.columns(3)
    method = c1.segmented_control(
        tr("accounts.page.method"),
        list(acc.ENGAGEMENT_METHODS),
        default=saved_rollup.engagement_method,
        format_func=lambda k: t(f"accounts.method.{k}", lang),
        required=True,
        key="accounts.method",
    )
    half_life = c2.slider(
        tr("accounts.page.half_life"),
        7,
        180,
        int(saved_rollup.half_life_days),
        key="accounts.half_life",
    )
    required = c3.multiselect(
        tr("accounts.page.required_roles"),
        list(acc.ROLES),
        default=list(saved_rollup.required_roles),
        format_func=lambda r: t(f"accounts.role.{r}", lang),
        key="accounts.required_roles",
    )
    st.markdown(f"**{tr('accounts.page.weights')}**")
    w = st.columns(4)
    weights = [
        w[i].slider(
            tr(f"accounts.page.w_{k}"),
            0.0,
            1.0,
            float(getattr(saved_rules, f"weight_{k}")),
            0.05,
            key=f"accounts.w_{k}",
        )
        for i, k in enumerate(("fit", "engagement", "coverage", "pipeline"))
    ]
    st.markdown(f"**{tr('accounts.page.thresholds')}**")
    th = st.columns(3)
    t1 = th[0].slider(
        tr("accounts.page.tier1_score"), 0, 100, int(saved_rules.tier1_score), key="accounts.t1"
    )
    t2 = th[1].slider(
        tr("accounts.page.tier2_score"), 0, 100, int(saved_rules.tier2_score), key="accounts.t2"
    )
    t3 = th[2].slider(
        tr("accounts.page.tier3_score"), 0, 100, int(saved_rules.tier3_score), key="accounts.t3"
    )
    g = st.columns(3)
    f1 = g[0].slider(
        tr("accounts.page.tier1_fit"), 0, 100, int(saved_rules.tier1_fit), key="accounts.f1"
    )
    f2 = g[1].slider(
        tr("accounts.page.tier2_fit"), 0, 100, int(saved_rules.tier2_fit), key="accounts.f2"
    )
    c1min = g[2].slider(
        tr("accounts.page.tier1_coverage"),
        0,
        100,
        int(saved_rules.tier1_coverage * 100),
        10,
        key="accounts.c1",
    )
    rules = acc.TierRules(
        *weights, float(t1), float(t2), float(t3), float(f1), float(f2), c1min / 100
    )
    roll_cfg = replace(
        saved_rollup,
        engagement_method=method,
        half_life_days=float(half_life),
        required_roles=tuple(r for r in acc.ROLES if r in required),
    )
    if st.button(tr("accounts.page.save"), icon=":material/save:", key="accounts.save"):
        set_workspace_section("tier_rules", acc.section_dict(rules, roll_cfg, saved_actions))
        st.success(tr("accounts.page.saved"), icon=":material/check:")

rollup = session_memo(
    "accounts.rollup",
    (roll_cfg, as_of),
    lambda: acc.rollup_accounts(
        leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        as_of=as_of,
        settings=roll_cfg,
    ),
)
scored = session_memo(
    "accounts.scored", (roll_cfg, rules, as_of), lambda: acc.score_accounts(rollup, rules)
)
info = rollup.attrs
if info.get("unmatched_activities") or info.get("unassigned_leads"):
    st.caption(
        tr(
            "accounts.page.unlinked",
            activities=info.get("unmatched_activities", 0),
            leads=info.get("unassigned_leads", 0),
        )
    )

# ---- filters -------------------------------------------------------------------
with st.sidebar:
    st.subheader(tr("accounts.page.filters"))
    tiers = st.multiselect(
        tr("accounts.page.tiers"),
        list(acc.TIERS),
        default=list(acc.TIERS[:3]),
        format_func=lambda k: t(f"accounts.tier.{k}", lang),
        key="accounts.filter.tiers",
    )
    industries = sorted(scored["industry"].dropna().astype(str).unique().tolist())
    industry = st.multiselect(
        tr("accounts.page.industry"), industries, key="accounts.filter.industry"
    )
    min_fit = st.slider(tr("accounts.page.min_fit"), 0, 100, 0, key="accounts.filter.min_fit")
    customers = st.segmented_control(
        tr("accounts.page.customers"),
        ["all", "prospects", "customers"],
        default="all",
        format_func=lambda k: t(f"accounts.page.customers.{k}", lang),
        required=True,
        key="accounts.filter.customers",
    )
mask = scored["tier"].astype("string").isin(tiers).to_numpy(dtype=bool).copy()
if industry:
    mask &= scored["industry"].astype("string").isin(industry).fillna(False).to_numpy(dtype=bool)
mask &= scored["fit"].fillna(0).to_numpy(dtype=float) >= min_fit
if customers != "all":
    mask &= scored["is_customer"].to_numpy(dtype=bool) == (customers == "customers")
view = scored.loc[mask]

# ---- KPIs ----------------------------------------------------------------------
k = st.columns(5)
counts = scored["tier"].astype("string").value_counts()
for col, (label, value) in zip(
    k,
    [
        (tr("accounts.kpi.accounts"), f"{len(scored):,}"),
        (t("accounts.tier.tier_1", lang), f"{int(counts.get('tier_1', 0)):,}"),
        (t("accounts.tier.tier_2", lang), f"{int(counts.get('tier_2', 0)):,}"),
        (t("accounts.tier.tier_3", lang), f"{int(counts.get('tier_3', 0)):,}"),
        (tr("accounts.kpi.coverage"), f"{view['coverage'].mean():.0%}" if len(view) else "—"),
    ],
    strict=True,
):
    with col.container(border=True):
        st.metric(label, value)

# ---- ranked table ----------------------------------------------------------------
SHOW = 500
with st.container(border=True):
    st.subheader(tr("accounts.page.ranked", shown=min(len(view), SHOW), total=len(view)))
    top = view.head(SHOW)
    table = pd.DataFrame(
        {
            "rank": top["rank"],
            "account": top["account_name"].fillna(top["account_id"]),
            "tier": top["tier"].astype("string").map(lambda k: t(f"accounts.tier.{k}", lang)),
            "score": top["score"].round(1),
            "fit": top["fit"],
            "engaged": top["engaged_contacts"],
            "contacts": top["contacts"],
            "coverage": top["coverage"],
            "missing": top["missing_roles"]
            .astype(str)
            .map(lambda m: "、".join(t(f"accounts.role.{r}", lang) for r in m.split("|") if r)),
            "pipeline": top["open_pipeline"],
            "why": acc.reasons_text(top, lang, rules),
            "why_not": acc.reasons_text(top, lang, rules, which="why_not"),
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        key="accounts.table",
        column_config={
            "rank": st.column_config.NumberColumn("#", width="small"),
            "account": tr("accounts.col.account"),
            "tier": tr("accounts.col.tier"),
            "score": st.column_config.ProgressColumn(
                tr("accounts.col.score"), min_value=0, max_value=100, format="%.0f"
            ),
            "fit": st.column_config.NumberColumn(tr("accounts.col.fit"), format="%.0f"),
            "engaged": tr("accounts.col.engaged"),
            "contacts": tr("accounts.col.contacts"),
            "coverage": st.column_config.ProgressColumn(
                tr("accounts.col.coverage"), min_value=0, max_value=1, format="percent"
            ),
            "missing": tr("accounts.col.missing"),
            "pipeline": st.column_config.NumberColumn(tr("accounts.col.pipeline"), format="¥%d"),
            "why": tr("accounts.col.why"),
            "why_not": tr("accounts.col.why_not"),
        },
    )

left, right = st.columns([3, 2])
with left.container(border=True):
    st.subheader(tr("accounts.page.heatmap"))
    roles_shown = roll_cfg.required_roles or acc.ROLES
    if len(view):
        st.plotly_chart(coverage_heatmap(view, lang, roles=roles_shown), key="accounts.heatmap")
    else:
        st.info(tr("accounts.page.empty"), icon=":material/info:")
with right.container(border=True):
    st.subheader(tr("accounts.page.tier_chart"))
    st.plotly_chart(tier_figure(scored, lang), key="accounts.tiers")

# ---- action lists ----------------------------------------------------------------
lists = session_memo(
    "accounts.actions",
    (roll_cfg, rules, saved_actions, as_of),
    lambda: acc.action_lists(scored, as_of=as_of, settings=saved_actions),
)
with st.container(border=True):
    st.subheader(tr("accounts.page.actions"))
    tabs = st.tabs(
        [f"{t(f'accounts.action.{key}', lang)} ({len(lists[key]):,})" for key in acc.ACTION_LISTS]
    )
    for tab, key in zip(tabs, acc.ACTION_LISTS, strict=True):
        with tab:
            st.caption(tr(f"accounts.action.{key}.help"))
            part = lists[key].head(200)
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("accounts.col.account"): part["account_name"].fillna(part["account_id"]),
                        tr("accounts.col.tier"): part["tier"]
                        .astype("string")
                        .map(lambda k: t(f"accounts.tier.{k}", lang)),
                        tr("accounts.col.fit"): part["fit"],
                        tr("accounts.col.engaged"): part["engaged_contacts"],
                        tr("accounts.col.pipeline"): part["open_pipeline"],
                        tr("accounts.col.last_activity"): part["last_activity_at"].dt.date,
                    }
                ),
                hide_index=True,
                key=f"accounts.action_table.{key}",
            )

# ---- export ------------------------------------------------------------------------
with st.container(border=True):
    st.subheader(tr("accounts.page.export"))
    e1, e2 = st.columns(2)
    preset = e1.segmented_control(
        tr("accounts.page.preset"),
        ["mori", "hubspot", "salesforce"],
        default="mori",
        format_func=lambda k: t(f"accounts.preset.{k}", lang),
        required=True,
        key="accounts.preset",
    )
    encoding = e2.segmented_control(
        tr("accounts.page.encoding"),
        ["utf-8-sig", "cp932"],
        default="utf-8-sig",
        format_func=lambda k: t(f"accounts.encoding.{k}", lang),
        required=True,
        key="accounts.encoding",
    )
    if preset == "hubspot":
        out = hubspot_company_import(view)
    elif preset == "salesforce":
        out = salesforce_account_import(view)
    else:
        out = mori_target_list(view)
    export_key = (roll_cfg, rules, preset, tuple(tiers), tuple(industry), min_fit, customers, as_of)
    csv, problems = session_memo(
        "accounts.csv", (*export_key, encoding), lambda: to_csv_bytes(out, encoding=encoding)
    )
    d1, d2 = st.columns(2)
    d1.download_button(
        tr("accounts.page.download_csv", rows=len(out)),
        csv,
        file_name=f"mori_targets_{preset}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="accounts.download_csv",
    )
    d2.download_button(
        tr("accounts.page.download_xlsx", rows=len(out)),
        partial(to_xlsx_bytes, out, sheet="targets"),  # built on click, off the script thread
        file_name=f"mori_targets_{preset}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="accounts.download_xlsx",
    )
    st.caption(tr("accounts.page.export_safe"))
    if problems:
        st.warning(tr("accounts.page.unencodable", count=len(problems)), icon=":material/warning:")
        st.dataframe(
            pd.DataFrame([vars(p) for p in problems]).rename(
                columns={
                    "row": tr("accounts.col.row"),
                    "column": tr("accounts.col.column"),
                    "char": tr("accounts.col.char"),
                    "codepoint": tr("accounts.col.codepoint"),
                }
            ),
            hide_index=True,
            key="accounts.unencodable",
        )
