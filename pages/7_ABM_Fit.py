"""ABM fit: does account-based marketing suit this business? Verdict, evidence, next steps."""

from dataclasses import replace

import streamlit as st

from abm import accounts as acc
from abm.accounts.charts import band_figure, indicator_figure
from abm.errors import MoriError
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

lang = page_setup("abm_fit")
st.title(tr("nav.abm_fit"))
st.caption(tr("accounts.fitpage.intro"))
ds = require_data()
as_of = get_as_of()
try:
    saved = acc.AbmFitSettings.from_dict(get_workspace().section("abm_fit"))
    _, roll_cfg, _ = acc.load_section(get_workspace().section("tier_rules"))
except MoriError as err:  # a hand-edited settings file: say so, use the defaults
    st.error(msg(err), icon=":material/error:")
    saved, roll_cfg = acc.AbmFitSettings(), acc.RollupSettings()


leads = ds.leads  # cleaned: 名寄せ account_id is always present

# ---- thresholds (settings section "abm_fit") --------------------------------------
with st.expander(tr("accounts.fitpage.settings"), icon=":material/tune:"):
    c = st.columns(3)
    large_emp = c[0].number_input(
        tr("accounts.fitpage.large_employees"),
        10,
        100_000,
        int(saved.large_employees),
        50,
        key="abm_fit.large_employees",
    )
    large_rev = c[1].number_input(
        tr("accounts.fitpage.large_revenue"),
        1,
        100_000,
        int(saved.large_revenue / 1e8),
        10,
        key="abm_fit.large_revenue",
    )
    smb_emp = c[2].number_input(
        tr("accounts.fitpage.smb_employees"),
        1,
        10_000,
        int(saved.smb_employees),
        10,
        key="abm_fit.smb_employees",
    )
    d = st.columns(3)
    share_good = d[0].slider(
        tr("accounts.fitpage.large_share_good"),
        0,
        100,
        int(saved.large_share_good * 100),
        5,
        key="abm_fit.share_good",
    )
    contacts_good = d[1].slider(
        tr("accounts.fitpage.contacts_good"),
        1.0,
        10.0,
        float(saved.contacts_good),
        0.5,
        key="abm_fit.contacts_good",
    )
    small_poor = d[2].slider(
        tr("accounts.fitpage.small_share_poor"),
        0,
        100,
        int(saved.small_share_poor * 100),
        5,
        key="abm_fit.small_poor",
    )
    settings = replace(
        saved,
        large_employees=float(large_emp),
        large_revenue=float(large_rev) * 1e8,
        smb_employees=float(smb_emp),
        large_share_good=share_good / 100,
        contacts_good=float(contacts_good),
        small_share_poor=small_poor / 100,
    )
    if st.button(tr("accounts.page.save"), icon=":material/save:", key="abm_fit.save"):
        set_workspace_section("abm_fit", settings.to_dict())
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
result = session_memo(
    "abm_fit.result",
    (roll_cfg, settings, as_of),
    lambda: acc.diagnose_abm_fit(rollup, opportunities=ds.opportunities, settings=settings),
)

# ---- verdict card -------------------------------------------------------------------
VERDICT_BOX = {"good": st.success, "partial": st.warning, "poor": st.error, "insufficient": st.info}
VERDICT_ICON = {
    "good": ":material/check_circle:",
    "partial": ":material/adjust:",
    "poor": ":material/cancel:",
    "insufficient": ":material/help:",
}
with st.container(border=True):
    st.subheader(tr("accounts.fitpage.verdict"))
    VERDICT_BOX[result.verdict](
        tr(f"accounts.fit.verdict.{result.verdict}"), icon=VERDICT_ICON[result.verdict]
    )
    known = sum(i.status != "unknown" for i in result.indicators)
    st.caption(
        tr(
            "accounts.fitpage.basis",
            known=known,
            total=len(result.indicators),
            score=f"{result.score:.0%}" if result.score is not None else "—",
        )
    )

# ---- indicators -----------------------------------------------------------------------
FORMATS = {
    "large_won_share": "{:.0%}",
    "large_pipeline_share": "{:.0%}",
    "median_contacts": "{:.1f}",
    "median_departments": "{:.1f}",
    "deal_spread": "{:.1f}×",
    "small_buyer_share": "{:.0%}",
}
with st.container(border=True):
    st.subheader(tr("accounts.fitpage.indicators"))
    cols = st.columns(3)
    for n, ind in enumerate(result.indicators):
        fmt = FORMATS[ind.key]
        with cols[n % 3].container(border=True):
            value = "—" if ind.value is None else fmt.format(ind.value)
            st.metric(t(f"accounts.fit.ind.{ind.key}", lang), value)
            st.caption(
                tr(
                    "accounts.fitpage.indicator_note",
                    status=t(f"accounts.fit.status.{ind.status}", lang),
                    good=fmt.format(ind.good),
                    poor=fmt.format(ind.poor),
                    n=ind.population,
                )
            )
left, right = st.columns(2)
with left.container(border=True):
    st.subheader(tr("accounts.fitpage.chart_indicators"))
    st.plotly_chart(indicator_figure(result, lang), key="abm_fit.indicators")
with right.container(border=True):
    st.subheader(tr("accounts.fitpage.chart_bands"))
    st.plotly_chart(band_figure(result, lang), key="abm_fit.bands")

# ---- what to do next ------------------------------------------------------------------
with st.container(border=True):
    st.subheader(tr("accounts.fitpage.next"))
    for step in result.next_steps:
        st.markdown(f"- {tr(step)}")  # catalog text only, never uploaded values
    st.page_link("pages/6_Accounts.py", label=tr("nav.accounts"), icon=":material/apartment:")
