"""Gap page sections: findings, the two lenses and the hand-off, the quadrant,
the source truth table and the one-page meeting report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from abm.core.format import fmt_count, fmt_days, fmt_pct, fmt_yen, fmt_yen_short
from abm.dataset import Dataset
from abm.export import readable, to_csv_bytes
from abm.gap import (
    LIST_COLUMNS,
    QUADRANTS,
    Finding,
    GapResult,
    compute_gap,
    finding_basis,
    generate_findings,
    lead_scores,
    quadrant_accounts,
    quadrant_members,
)
from abm.gap.charts import fit_mix_figure, quadrant_figure, reasons_figure, volume_figure
from abm.gap.display import deals_note, quadrant_table, source_table, web_visits_kpi
from abm.gap.fiscal import quarter_text
from abm.gap.handoff import acceptance_figure, follow_up_figure, sla_figure
from abm.i18n import keys as K
from abm.i18n import t
from abm.report import meeting_report_html
from abm.ui import auth, workspaces
from abm.ui.shell import tr
from abm.ui.sources import activity_table
from abm.ui.state import session_memo, widget_key
from abm.ui.views import history
from abm.ui.views.accounts_links import selected_account, story_link
from abm.ui.views.gap_controls import Inputs
from abm.ui.widgets import chart, field_columns, field_label, multiselect, selectbox, table

__all__ = ["compute", "findings", "lenses", "quadrant", "report", "sources"]

#: Rows drawn in a list; downloads carry every row.
SHOW_ROWS = 1000


def compute(ds: Dataset, inp: Inputs, as_of: pd.Timestamp) -> GapResult:
    """Both lenses on the same cleaned data (memoised per settings, model and window)."""
    scores = session_memo(
        "gap.scores",
        (as_of, inp.model),
        lambda: lead_scores(
            ds.leads, ds.activities, inp.model, as_of=as_of, table=activity_table(ds)
        ),
    )
    return session_memo(
        "gap.result",
        (as_of, inp.start, inp.end, inp.settings, inp.model, inp.funnel),
        lambda: compute_gap(
            ds,
            as_of=as_of,
            start=inp.start,
            end=inp.end,
            settings=inp.settings,
            model=inp.model,
            funnel=inp.funnel,
            scores=scores,
        ),
    )


def _figure(
    name: str,
    build: Callable[..., Any],
    data: pd.Series | pd.DataFrame,
    lang: str,
    font: int,
) -> Any:
    """``build(data, lang, font_size=font)``, built once per content, language and font size.

    Building a figure costs more than the rest of a rerun (plotly's template alone is most
    of it), and the four figures' tables are small (a dozen months, four quadrants), so
    they are keyed by what they hold: a plain rerun, a list picked or an SLA changed (which
    moves only the hand-off) draws the figures it already has.
    """
    values = pd.util.hash_pandas_object(data, index=True).to_numpy().tobytes()
    names = tuple(map(str, data.columns)) if isinstance(data, pd.DataFrame) else (data.name,)
    key = (values, names, lang, font)
    return session_memo(f"gap.figure.{name}", key, lambda: build(data, lang, font_size=font))


def findings(result: GapResult, lang: str) -> list[Finding]:
    """Where the lenses disagree, each with the numbers it rests on; return them."""
    found = generate_findings(result)
    if result.marketing.leads == 0:
        st.info(tr("gap.no_leads"), icon=":material/info:")
    with st.container(border=True):
        st.subheader(tr("gap.findings"), anchor=False)
        for f in found:
            st.text(f"• {f.text(lang)}\n    ↳ {finding_basis(f, lang)}")
    return found


#: Who a listed person is, in a downloaded list only (the screen may be a projector's).
_CONTACT = ("full_name", "email", "owner")


def _contactable(people: pd.DataFrame, leads: pd.DataFrame) -> pd.DataFrame:
    """``people`` (rows of ``leads``) with their name, e-mail and owner after the company,
    so sales can act on a downloaded list (QA: a lead id and a company only)."""
    extra = [c for c in _CONTACT if c in leads.columns and c not in people.columns]
    if not extra:
        return people
    out = people.join(leads[extra].reindex(people.index))  # one row per listed person
    first = [c for c in ("lead_id", "company", *extra) if c in out.columns]
    return out[[*first, *(c for c in out.columns if c not in first)]]


def _download(frame: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        tr("gap.q.download"),
        data=auth.guarded(lambda: to_csv_bytes(frame)[0]),
        file_name=name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=key,
    )


def _marketing(result: GapResult, font: int, lang: str) -> None:
    m = result.marketing
    st.subheader(tr("gap.lens.marketing"), anchor=False)
    a, b = st.columns(2)
    a.metric(tr("gap.m.leads"), fmt_count(m.leads, lang))
    b.metric(tr("gap.m.mql"), fmt_count(m.mql, lang))
    web, web_help = web_visits_kpi(m, lang)
    a.metric(tr("gap.m.web_visits"), web, help=web_help)
    measured = m.engagement_measured  # else every score is 0: "—", and why
    said = tr("gap.m.unmeasured_help")
    b.metric(
        tr("gap.m.engagement"),
        fmt_count(m.engagement_mean if measured else None, lang),
        help=None if measured else said,
    )
    a.metric(
        tr("gap.m.nurture"),
        fmt_count(m.nurture_pool if measured else None, lang),
        help=tr("gap.m.nurture_help") if measured else said,
    )
    b.metric(
        tr("gap.m.engaged"),
        fmt_count(m.engaged if measured else None, lang),
        help=None if measured else said,
    )
    if m.undated:
        key = "gap.m.undated_one" if m.undated == 1 else "gap.m.undated"
        st.caption(tr(key, count=m.undated))
    fig = _figure("volume", volume_figure, m.volume, lang, font)
    chart(fig, key=widget_key("gap", "volume"))


def _handoff(ds: Dataset, result: GapResult, lang: str) -> None:
    """The hand-off between the lenses: a row of its measures (four to a row, so each
    label and value fits at 1280 px), the never-followed-up list."""
    h = result.handoff
    st.subheader(tr("gap.h.title"), anchor=False)
    items = [
        (tr("gap.h.mql"), fmt_count(h.mql, lang), tr("gap.h.mql_help")),  # not score MQLs
        (tr("gap.h.acceptance"), acceptance_figure(h, fmt_pct(h.acceptance_rate, lang)), None),
        (tr("gap.h.rejection"), acceptance_figure(h, fmt_pct(h.rejection_rate, lang)), None),
        (tr("gap.h.touch_days"), fmt_days(h.median_days_to_touch, lang), tr("gap.h.touch_help")),
        (tr("gap.h.never"), follow_up_figure(h, fmt_count(h.never_followed_up, lang)), None),
        (
            tr("gap.h.sla_one" if h.sla_days == 1 else "gap.h.sla", days=h.sla_days),
            sla_figure(h, fmt_count(h.sla_breaches, lang)),
            None,
        ),
    ]
    if h.unassigned is not None:
        items.append((tr("gap.h.unassigned"), fmt_count(h.unassigned, lang), None))
    for start in range(0, len(items), 4):
        row = items[start : start + 4]
        for col, (label, value, help_text) in zip(st.columns(4), row, strict=False):
            col.metric(label, value, help=help_text)
    if not h.uses_activities:
        st.caption(tr("gap.h.no_activities"))
    if h.mql and h.follow_up_measured and not h.sla_measured:  # say why the SLA reads "—"
        st.caption(tr("gap.h.sla_unknown", days=h.sla_days))
    if h.never_followed_up and h.follow_up_measured:
        with st.popover(tr("gap.h.never_list"), icon=":material/list:"):
            rows = h.table.index[~h.table["followed_up"].to_numpy(dtype=bool)]
            cols = [c for c in LIST_COLUMNS if c in ds.leads.columns]
            never = ds.leads.loc[rows, cols].join(h.table.loc[rows, ["mql_at"]])
            _lead_list(never.head(SHOW_ROWS), widget_key("gap", "never_list"), lang)
            _download(
                readable(_contactable(never, ds.leads), lang, digits=1),
                "mori_mql_never_followed_up.csv",
                widget_key("gap", "never_download"),
            )


def _sales(result: GapResult, font: int, lang: str) -> None:
    s = result.sales
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
    quarter_help = tr(
        "gap.s.closable_help", quarter=quarter_text(s.quarter, s.quarter_months, lang)
    )
    a.metric(tr("gap.s.closable"), fmt_count(s.closable, lang), help=quarter_help)
    b.metric(
        tr("gap.s.closable_value"),
        fmt_yen_short(s.closable_value, lang),
        help=f"{fmt_yen(s.closable_value, lang)} · {quarter_help}",
    )
    fig = _figure("fit_mix", fit_mix_figure, s.fit_mix, lang, font)
    chart(fig, key=widget_key("gap", "fit_mix"))


def lenses(ds: Dataset, result: GapResult, font: int, lang: str) -> None:
    """Marketing's lens beside sales' lens (halves: two measures to a row fit at 1280 px),
    then the hand-off between them and the rejection reasons."""
    col_m, col_s = st.columns(2)
    with col_m.container(border=True):
        _marketing(result, font, lang)
    with col_s.container(border=True):
        _sales(result, font, lang)
    with st.container(border=True):
        _handoff(ds, result, lang)
    if len(result.handoff.reasons):
        with st.container(border=True):
            fig = _figure("reasons", reasons_figure, result.handoff.reasons, lang, font)
            chart(fig, key=widget_key("gap", "reasons"))


def quadrant(ds: Dataset, result: GapResult, font: int, lang: str) -> None:
    """The disagreement quadrant (fit × engagement) and the people or companies behind a cell."""
    with st.container(border=True):
        left, right = st.columns(2)
        with left:
            fig = _figure("quadrant", quadrant_figure, result.quadrant, lang, font)
            chart(fig, key=widget_key("gap", "quadrant"))
        with right:  # which quadrant's people (or companies) to list below
            pick = selectbox(
                tr("gap.q.pick"),
                list(QUADRANTS),
                index=QUADRANTS.index("sales_hot"),
                format_func=lambda k: t(K.QUADRANT[k], lang),
                key=widget_key("gap", "q_pick"),
            )
            view = st.segmented_control(
                tr("gap.q.view"),
                ["leads", "accounts"],
                default="leads",
                format_func=lambda v: t(K.QUADRANT_VIEW[v], lang),
                required=True,
                key=widget_key("gap", "q_view"),
            )
        _quadrant_table(result, lang)  # full width: the quadrant names need it at 1280 px
        members = quadrant_accounts if view == "accounts" else quadrant_members
        behind = members(ds.leads, result.labels, result.scores, pick)
        if view == "accounts":  # a selected company opens its account story
            shown = behind.head(SHOW_ROWS)
            event = table(
                shown,
                key=widget_key("gap", "q_accounts"),
                on_select="rerun",
                selection_mode="single-row",
                column_order=[c for c in shown.columns if c != "account_id"],
                column_config={
                    **field_columns(shown, lang),
                    "company": st.column_config.TextColumn(
                        field_label("company", lang), pinned=True
                    ),
                    "leads": st.column_config.NumberColumn(tr("gap.q.leads")),
                    "fit_score": st.column_config.NumberColumn(tr("gap.q.axis_fit"), format="%.0f"),
                    "engagement_score": st.column_config.NumberColumn(
                        tr("gap.q.axis_engagement"), format="%.0f"
                    ),
                },
            )
            picked = selected_account(event, shown["account_id"], shown["company"])
            if picked is not None:
                story_link(*picked)
        else:
            _lead_list(behind.head(SHOW_ROWS), widget_key("gap", "q_list"), lang)
        _download(
            readable(
                behind if view == "accounts" else _contactable(behind, ds.leads), lang, digits=1
            ),
            f"mori_quadrant_{pick}_{view}.csv",
            widget_key("gap", "q_download"),
        )


#: Columns a list of people starts with (the first stays in view while the rest scroll).
_LIST_FIRST = ("company", "full_name", "title", "department")


def _lead_list(frame: pd.DataFrame, key: str, lang: str) -> None:
    """People behind a number: who first (company pinned), fields by name, — when unknown."""
    first = [c for c in _LIST_FIRST if c in frame.columns]
    config = field_columns(frame, lang)
    if first:
        config[first[0]] = st.column_config.TextColumn(field_label(first[0], lang), pinned=True)
    for score in ("fit_score", "engagement_score"):
        if score in frame.columns:
            config[score] = st.column_config.NumberColumn(field_label(score, lang), format="%.0f")
    table(
        frame,
        key=key,
        column_order=[*first, *(c for c in frame.columns if c not in first)],
        column_config=config,
    )


def _quadrant_table(result: GapResult, lang: str) -> None:
    """The four quadrants with their leads, share and rates (the quadrant named first)."""
    frame = quadrant_table(result.quadrant, lang, as_text=True)
    name = frame.index.name or tr("gap.q.quadrant")
    table(
        frame.rename_axis(name).reset_index(),
        key=widget_key("gap", "q_table"),
        column_config={name: st.column_config.TextColumn(name, pinned=True)},
    )


def sources(result: GapResult, lang: str) -> None:
    """Per source: leads, MQLs, opportunities, won, cost per result."""
    with st.container(border=True):
        st.subheader(tr("gap.src.title"), anchor=False)
        frame = source_table(result.sources, lang, as_text=True)
        name = frame.index.name or ""
        st.caption(deals_note(result.sources, lang))
        table(
            frame.reset_index(),
            key=widget_key("gap", "sources"),
            column_config={name: st.column_config.TextColumn(name, pinned=True)} if name else None,
        )


def report(
    ds: Dataset, result: GapResult, found: list, inp: Inputs, as_of: pd.Timestamp, lang: str
) -> None:
    """The one-page meeting report (offline HTML), optionally with quadrant company lists."""
    with st.container(border=True):
        lists = multiselect(
            tr("gap.report.include_lists"),
            list(QUADRANTS),
            format_func=lambda k: t(K.QUADRANT[k], lang),
            key=widget_key("gap", "report_lists"),
        )
        leads = ds.leads
        since = history.for_report(history.for_gap(inp), lang)  # since last meeting (#18)
        name = f"mori_meeting_report_{as_of:%Y%m%d}.html"
        st.download_button(
            tr("gap.report.download"),
            data=auth.guarded(  # at the click: in this run's currency, not after a sign-out
                lambda: meeting_report_html(
                    result,
                    lang=lang,
                    findings=found,
                    leads=leads,
                    include_companies=tuple(lists),
                    history=since(),
                ).encode("utf-8")
            ),
            file_name=name,
            mime="text/html",
            on_click=workspaces.exported,
            args=(name,),
            icon=":material/description:",
            type="primary",
            key=widget_key("gap", "report"),
        )
        model = inp.model
        st.caption(tr("gap.scoring_note", fit=model.fit_threshold, eng=model.engagement_threshold))
