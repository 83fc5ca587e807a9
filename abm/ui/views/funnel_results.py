"""Funnel page sections: KPI row, the waterfall, benchmarks, and the detail tabs.

Each function draws one part from the reach computed in :func:`compute`
(memoised per session by model, stage map, strictness and as-of; the
segment mask by filters).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from abm import funnel as fn
from abm.core.channels import channel_written
from abm.core.dates import first_day
from abm.core.format import fmt_list
from abm.export import readable, to_csv_bytes, translate_codes
from abm.funnel.charts import cohort_figure, funnel_figure, period_figure, velocity_figure
from abm.funnel.display import (
    benchmark_view,
    format_delta,
    format_kpi,
    method_message,
    source_label,
    stalled_view,
)
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import auth
from abm.ui.shell import DATA_PAGE, lang, md, tr
from abm.ui.state import (
    K_FUNNEL_ACCOUNTS,
    K_FUNNEL_CLICKED,
    K_FUNNEL_KEPT,
    K_FUNNEL_SCROLL,
    K_FUNNEL_TABS,
    session_memo,
    set_workspace_section,
    widget_key,
)
from abm.ui.views.accounts_links import selected_account, story_link
from abm.ui.views.funnel_controls import Inputs
from abm.ui.widgets import (
    chart,
    editor,
    field_columns,
    field_label,
    keep_unshown,
    percent_column,
    percents,
    selectbox,
    table,
)

__all__ = [
    "SHOW_ROWS",
    "STALLED_COLUMNS",
    "TABS",
    "TABS_KEY",
    "account_view",
    "cohort",
    "compute",
    "details",
    "kpi_label",
    "kpi_row",
    "method_notes",
    "stalled_csv",
    "waterfall",
]

#: Rows drawn in a table; downloads carry every row.
SHOW_ROWS = 1000
#: Columns a list of leads starts with (the first stays in view while the rest scroll).
RECORD_FIRST = ("company", "full_name", "title", "department", "current_stage", "owner")
TABS = ("cohorts", "velocity", "stalled", "breakdown", "records", "period", "stage_map")
TABS_KEY = K_FUNNEL_TABS
_BREAKDOWN = widget_key("funnel", "breakdown")
_RECORDS_STAGE = widget_key("funnel", "records.stage")
_RECORDS_MODE = widget_key("funnel", "records.mode")
#: Choices made inside a detail tab: kept while the tab is closed (lazy tabs do
#: not run their widgets, and Streamlit forgets a widget that did not run).
TAB_CHOICES = {
    "breakdown": (_BREAKDOWN,),
    "records": (_RECORDS_STAGE, _RECORDS_MODE),
}


def compute(
    leads: pd.DataFrame, opps: pd.DataFrame | None, inp: Inputs, as_of: pd.Timestamp
) -> tuple[fn.Reach, fn.Reach]:
    """``(reach of every lead, reach of the filtered segment)``; a lead's linked deals
    count (:func:`abm.funnel.compute_reach`)."""
    reach_all = session_memo(
        "funnel.reach",
        (inp.model, inp.stage_map, inp.strict, as_of),
        lambda: fn.compute_reach(
            leads,
            inp.model,
            as_of=as_of,
            stage_map=inp.stage_map,
            strict=inp.strict,
            opportunities=opps,
        ),
    )
    if not inp.filtered:
        return reach_all, reach_all
    seg = session_memo("funnel.segment", inp.filters, lambda: fn.segment_mask(leads, inp.filters))
    return reach_all, reach_all.subset(seg[reach_all.rows])


def method_notes(reach_all: fn.Reach, lang: str, shown: fn.Reach | None = None) -> None:
    """How stages were read (dates or current stage), leads a deal placed among those
    ``shown``, and leads after the as-of date."""
    kind, text = method_message(reach_all, lang, shown)
    if reach_all.n and kind == "info":
        st.info(text, icon=":material/info:")
    elif reach_all.n:
        st.caption(text)
    if reach_all.excluded_future:
        n = reach_all.excluded_future
        st.caption(tr("funnel.method.future_one" if n == 1 else "funnel.method.future", n=n))


def _window_key(segment: fn.Reach, inp: Inputs) -> tuple:
    """What names a window of the segment: the segment is :func:`compute`'s for these inputs
    (the dataset and the cleaning settings are part of every memo key)."""
    return (inp.model, inp.stage_map, inp.strict, segment.as_of, inp.filters, inp.start, inp.end)


def cohort(segment: fn.Reach, inp: Inputs) -> fn.Reach:
    """The segment's leads created in the window ``[inp.start, inp.end]``, once per inputs."""
    return session_memo(
        "funnel.cohort",
        _window_key(segment, inp),
        lambda: segment.created_between(inp.start, inp.end),
    )


def _begins_after(rows: pd.DataFrame | None, day: pd.Timestamp) -> bool:
    """Whether every row (deal, lead) was created after ``day`` (the first day of the
    previous window): a file that starts later says nothing, or only part, of that window
    (QA-G read "+200 deals" against one). The whole file, not a filtered segment."""
    first = first_day(None if rows is None else rows.get("created_at"))
    return first is not None and first > pd.Timestamp(day).normalize()


def kpi_row(
    segment: fn.Reach, leads: pd.DataFrame, opps: pd.DataFrame | None, inp: Inputs, lang: str
) -> None:
    """Eight KPIs for the window, each against the previous window of the same length."""
    p_start, p_end = fn.previous_period(inp.start, inp.end)
    # the previous window's deals as they stood as long after it as this one's now
    then = segment.as_of - (inp.end.normalize() - p_end)

    def figures() -> tuple[dict, dict, dict, int]:
        segment_opps, loose = opps, 0
        if opps is not None and inp.filtered:
            segment_opps = fn.opportunities_for_leads(opps, leads.iloc[segment.rows])
            loose = fn.unlinked_opportunities(opps, leads)
        kpi = fn.funnel_kpis(segment, segment_opps, start=inp.start, end=inp.end)
        prev = fn.funnel_kpis(segment, segment_opps, start=p_start, end=p_end, deals_as_of=then)
        if not segment.dated_leads or _begins_after(leads, p_start):  # nothing to compare:
            # no creation dates, or leads created only after the earlier window began (QA-H:
            # "+655 leads" against a year before the export)
            prev = {**prev, **dict.fromkeys(("leads", "mql", "sal", "sql"), float("nan"))}
        if _begins_after(opps, p_start):  # the deals' file does not cover that window
            prev = {**prev, **dict.fromkeys(fn.KPI_KEYS[4:], float("nan"))}
        sources = fn.kpi_sources(segment, leads.iloc[segment.rows], segment_opps, kpi)
        return kpi, prev, sources, loose

    kpi, prev, sources, loose = session_memo("funnel.kpis", _window_key(segment, inp), figures)
    if opps is not None and inp.filtered and loose == len(opps):
        st.caption(tr("funnel.filter_opps_unlinked"))
    elif loose:
        key = (
            "funnel.filter_opps_some_unlinked_one"
            if loose == 1
            else "funnel.filter_opps_some_unlinked"
        )
        st.caption(tr(key, n=loose))
    help_text = tr("funnel.kpi.help", start=p_start.date(), end=p_end.date())
    if opps is not None:  # deal figures from the file, read one window earlier
        help_text += " " + tr("funnel.kpi.help_deals", then=then.date())
    deals = sources["won"].table == "opportunities"
    # each row says what it counts: the tiles' labels stay short enough for 1280 px
    headings = ("funnel.kpi.row_leads", "funnel.kpi.row_deals" if deals else None)
    for heading, row in zip(headings, (fn.KPI_KEYS[:4], fn.KPI_KEYS[4:]), strict=True):
        if heading is not None:
            st.markdown(f"**{tr(heading)}**")
        for col, key in zip(st.columns(4), row, strict=True):
            col.metric(
                kpi_label(key, sources[key]),
                format_kpi(key, kpi[key], lang),
                format_delta(key, kpi[key], prev[key], lang),
                help=_kpi_help(sources[key], help_text),
                border=True,
            )
    reason = sources["win_rate"].reason
    if reason is not None:  # "—" is explained on the page, not only in the help
        st.caption(tr(_WIN_RATE_WHY[reason]))
    if opps is not None:  # two sources on one screen: say which number comes from where
        st.caption(tr("funnel.kpi.sources"))


#: Where a KPI's number comes from, and why the win rate is "—".
_KPI_FROM = {"leads": "funnel.kpi.from_leads", "opportunities": "funnel.kpi.from_opportunities"}
_WIN_RATE_WHY = {
    "no_closed": "funnel.kpi.why.no_closed",
    "lost_unknown": "funnel.kpi.why.lost_unknown",
}
#: File names listed in a KPI's help before "…".
_SHOWN_FILES = 3
#: Without an opportunity file the deal tiles count the window's leads at Opportunity and
#: Won (as the waterfall does): named as leads, not as deals.
_LEAD_LABEL = {
    "opportunities": "funnel.kpi.lead.opportunities",
    "won": "funnel.kpi.lead.won",
    "win_rate": "funnel.kpi.lead.win_rate",
}


def kpi_label(key: str, source: fn.KpiSource) -> str:
    """A KPI tile's label: deals when counted from the opportunity file (created in the
    window), leads when the lead files count it — never a word the waterfall uses for
    another number (QA-N: 「受注（全商談）123」 beside the waterfall's 受注 48).

    Parameters
    ----------
    key : str
        One of :data:`abm.funnel.KPI_KEYS`.
    source : abm.funnel.KpiSource
        Where it was counted (:func:`abm.funnel.kpi_sources`).

    Returns
    -------
    str
    """
    if source.table == "leads" and key in _LEAD_LABEL:
        return tr(_LEAD_LABEL[key])
    return tr(K.FUNNEL_KPI[key])


def _kpi_help(source: fn.KpiSource, base: str) -> str:
    """Help of one KPI: the files it counts, the comparison, and why a value is missing."""
    names = ", ".join(md(f) for f in source.files[:_SHOWN_FILES])
    if len(source.files) > _SHOWN_FILES:
        names += ", …"
    parts = [tr(_KPI_FROM[source.table], files=names or "—"), base]
    if source.reason is not None:
        parts.append(tr(_WIN_RATE_WHY[source.reason]))
    return "  \n".join(parts)


def account_view(
    cohort: fn.Reach,
    leads: pd.DataFrame,
    opps: pd.DataFrame | None,
    model: fn.FunnelModel,
    lang: str,
    *,
    accounts: pd.DataFrame | None = None,
) -> None:
    """The account waterfall: companies, not people (target → engaged → MQA → …).

    Accounts go by the accounts page's names (the accounts file, else 名寄せ's);
    a selected row links to that account's story."""
    with st.container(border=True):
        st.subheader(tr("funnel.section.accounts"))
        st.caption(tr("funnel.account.caption"))
        mqa_min = st.number_input(
            tr("funnel.account.mqa_min"), 1, 20, 1, key=widget_key("funnel", "mqa_min")
        )
        mqa_stage = "mql" if "mql" in model.keys else model.keys[1]
        acc = fn.account_reach(
            cohort,
            leads,
            opps,
            accounts=accounts,
            mqa_stage=mqa_stage,
            mqa_min_leads=int(mqa_min),
        )
        wf = fn.account_waterfall(acc)
        wf["label"] = [tr(K.ACCOUNT_STAGE[s]) for s in wf["stage"]]
        chart(funnel_figure(wf, lang), key=widget_key("funnel", "account_chart"))
        skipped = int(acc.attrs.get("deals_not_counted", 0))
        if skipped:  # in-order counting: a deal of an account that never was an MQA
            key = (
                "funnel.account.deals_not_counted_one"
                if skipped == 1
                else "funnel.account.deals_not_counted"
            )
            st.caption(tr(key, n=skipped))
        frame = acc.reset_index()[["account_name", *acc.columns.drop("account_name"), "account_id"]]
        frame["account_name"] = frame["account_name"].fillna(tr("funnel.account.unnamed"))
        event = table(
            frame,
            key=K_FUNNEL_ACCOUNTS,
            on_select="rerun",
            selection_mode="single-row",
            column_order=["account_name", *acc.columns.drop("account_name")],
            column_config={
                "account_name": st.column_config.TextColumn(tr("funnel.account.name"), pinned=True),
                "leads": tr("funnel.col.leads"),
                "mqa_leads": tr("funnel.account.mqa_leads"),
                **{s: tr(K.ACCOUNT_STAGE[s]) for s in fn.ACCOUNT_STAGES},
            },
        )
        picked = selected_account(event, frame["account_id"], acc["account_name"])
        if picked is not None:
            story_link(*picked)
        else:
            st.caption(tr("funnel.account.pick_hint"))


def _open_stage_map() -> None:
    st.session_state[TABS_KEY] = tr("funnel.section.stage_map")


def empty_notes(gaps: pd.DataFrame, labels: dict[str, str]) -> None:
    """Say why a stage counts no lead, and link to where that is fixed (stage map, data page)."""
    empty = gaps[gaps["cause"] != ""]
    if empty.empty:
        return
    for row in empty.itertuples():  # one line per model stage, never per lead
        st.warning(
            tr(
                K.EMPTY_CAUSE[row.cause],
                stage=labels[row.stage],
                previous=labels.get(row.previous, ""),
                seen=int(row.seen),
            ),
            icon=":material/help:",
        )
    left, right = st.columns(2)
    left.button(
        tr("funnel.empty.open_map"),
        icon=":material/table_edit:",
        on_click=_open_stage_map,
        key=widget_key("funnel", "empty.open_map"),
    )
    if (empty["cause"] == "unmapped").any():
        with right:
            st.page_link(DATA_PAGE, label=tr("funnel.empty.go_data"), icon=":material/upload_file:")


def waterfall(
    cohort: fn.Reach, leads: pd.DataFrame, inp: Inputs, labels: dict[str, str], lang: str
) -> None:
    """The lead waterfall (click a stage to list its leads) beside benchmarks and the stage
    table; a stage that counts no lead says why (nothing mapped, out of order…)."""
    stages = fn.stage_counts(cohort, lang)
    gaps = fn.empty_stages(cohort, leads, inp.stage_map)
    stages["note"] = [t(K.EMPTY_NOTE[c], lang) if c else "" for c in gaps["cause"]]
    left, right = st.columns(2)  # halves: the reference table's four columns fit at 1280 px
    with left, st.container(border=True):
        st.subheader(tr("funnel.section.funnel"))
        event = chart(
            funnel_figure(stages, lang),
            key=widget_key("funnel", "chart"),
            on_select="rerun",
            selection_mode="points",
        )
        st.caption(tr("funnel.chart.select_hint"))
        implied = cohort.implied()
        if implied:  # counted from later stages only: their conversions say nothing
            st.caption(tr("funnel.implied", stages=fmt_list((labels[k] for k in implied), lang)))
        points = getattr(getattr(event, "selection", None), "points", None) or []
        clicked = _clicked_stage(points, stages)
        if clicked and clicked != st.session_state.get(K_FUNNEL_CLICKED):  # a new click only
            st.session_state[_RECORDS_STAGE] = clicked
            st.session_state[TABS_KEY] = tr("funnel.section.records")  # show that stage's leads
            st.session_state[K_FUNNEL_SCROLL] = True  # …where the reader's eyes are
        st.session_state[K_FUNNEL_CLICKED] = clicked
    with right, st.container(border=True):
        st.subheader(tr("funnel.section.bench"))
        st.caption(tr("funnel.bench.caption"))
        bench = fn.compare_benchmarks(cohort)
        if len(bench):
            view = benchmark_view(bench, labels, lang)
            step, rate = tr("funnel.bench.step"), tr("funnel.bench.rate")
            table(
                percents(view, [rate]),
                column_config={
                    step: st.column_config.TextColumn(step, pinned=True),
                    rate: percent_column(rate),
                },
            )
        else:
            st.caption(tr("funnel.bench.none"))
        number = st.column_config.NumberColumn
        shown = ["label", "count", "next_rate", "cumulative_rate", "drop_off", "note"]
        table(
            percents(stages, ["next_rate", "cumulative_rate"])[
                [c for c in shown if c != "note" or (gaps["cause"] != "").any()]
            ],
            column_config={
                "label": st.column_config.TextColumn(tr("funnel.col.stage"), pinned=True),
                "count": number(tr("funnel.col.count"), format="localized"),
                "note": st.column_config.TextColumn(tr("funnel.col.note"), width="large"),
                "next_rate": percent_column(tr("funnel.col.next_rate")),
                "cumulative_rate": percent_column(tr("funnel.col.cumulative_rate")),
                "drop_off": number(tr("funnel.col.drop_off"), format="localized"),
            },
            key=widget_key("funnel", "table"),
        )
    empty_notes(gaps, labels)


def _sla_key(generic: str) -> str:
    """Key of the SLA input of one generic stage (the stage-map tab writes, the stalled tab reads)."""
    return widget_key("funnel", f"sla.{generic}")


def _download(label: str, frame: pd.DataFrame, name: str, key: str) -> None:
    """A CSV download; ``label`` names what it holds (two lists on the page: QA-N)."""
    st.download_button(label, lambda df=frame: to_csv_bytes(df)[0], name, "text/csv", key=key)


#: The stalled list's own columns (not fields of a lead), named on screen and in its CSV
#: alike (QA-N: the CSV said entered_at, days_in_stage, sla_days in both languages, and
#: "stage" read as the deals' フェーズ).
STALLED_COLUMNS = {
    "stage": "funnel.col.stage",
    "entered_at": "funnel.col.entered",
    "days_in_stage": "funnel.col.days_in_stage",
    "sla_days": "funnel.col.sla",
}


def stalled_csv(view_df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The stalled leads as their CSV holds them: every column named in ``lang``.

    Parameters
    ----------
    view_df : pandas.DataFrame
        Output of :func:`abm.funnel.display.stalled_view`.
    lang : str
        ``"ja"`` or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        The lead's fields as every export names them (:func:`abm.export.readable`), then
        the stage, the day it was entered, the days in it and its SLA as the table names them.
    """
    named = {c: t(k, lang) for c, k in STALLED_COLUMNS.items() if c in view_df.columns}
    return readable(view_df.rename(columns=named), lang)


def _cohorts(cohort: fn.Reach, labels: dict[str, str], lang: str) -> None:
    if not cohort.dated_leads:  # no creation month to group by: say so, not an empty chart
        st.info(tr("funnel.cohorts_no_dates"), icon=":material/info:")
        return
    rates = fn.cohort_table(cohort, rates=True)
    chart(
        cohort_figure(rates, [labels[k] for k in rates.columns], lang),
        key=widget_key("funnel", "cohorts"),
    )


def _deal_cycle(
    segment: fn.Reach, leads: pd.DataFrame, opps: pd.DataFrame | None, inp: Inputs
) -> None:
    """Days from a deal's creation to its close, won and lost (the window's deals, the
    filter's leads' when filtered, as the KPI row counts them)."""
    if opps is None:
        return

    def compute() -> pd.DataFrame:
        mine = opps
        if inp.filtered:
            mine = fn.opportunities_for_leads(opps, leads.iloc[segment.rows])
        return fn.deal_cycle(mine, as_of=segment.as_of, start=inp.start, end=inp.end)

    cycle = session_memo("funnel.deal_cycle", _window_key(segment, inp), compute)
    st.subheader(tr("funnel.cycle.title"), anchor=False)
    if not len(cycle):
        st.caption(tr("funnel.cycle.none"))
        return
    number = st.column_config.NumberColumn
    shown = cycle.rename(index={"won": tr("funnel.cycle.won"), "lost": tr("funnel.cycle.lost")})
    table(
        shown.reset_index(names="outcome"),
        column_config={
            "outcome": tr("funnel.cycle.outcome"),
            "deals": number(tr("funnel.cycle.deals"), format="%d"),
            "p50": number(tr("funnel.col.median"), format="%.0f"),
            "p75": number(tr("funnel.col.p75"), format="%.0f"),
            "p90": number(tr("funnel.col.p90"), format="%.0f"),
        },
    )
    st.caption(tr("funnel.cycle.caption"))


def _velocity(cohort: fn.Reach, labels: dict[str, str], lang: str) -> None:
    days = fn.transition_days(cohort)
    if sum(len(d) for d in days.values()) == 0:
        st.info(tr("funnel.velocity.none"), icon=":material/info:")
        return
    chart(velocity_figure(days, labels, lang), key=widget_key("funnel", "velocity"))
    vel = fn.stage_velocity(cohort)
    vel["from_stage"] = vel["from_stage"].map(labels)
    vel["to_stage"] = vel["to_stage"].map(labels)
    number = st.column_config.NumberColumn
    table(
        vel[["from_stage", "to_stage", "leads", "p50", "p75", "p90"]],
        column_config={
            "from_stage": tr("funnel.col.from"),
            "to_stage": tr("funnel.col.stage"),
            "leads": tr("funnel.col.leads"),
            "p50": number(tr("funnel.col.median"), format="%.1f"),
            "p75": number(tr("funnel.col.p75"), format="%.1f"),
            "p90": number(tr("funnel.col.p90"), format="%.1f"),
        },
    )


def _stalled(
    cohort: fn.Reach, leads: pd.DataFrame, labels: dict[str, str], sla: dict[str, int]
) -> None:
    stalled = fn.stalled_leads(cohort, sla)
    st.caption(tr("funnel.stalled.caption", n=len(stalled)))
    if not len(stalled):
        return
    view_df = stalled_view(stalled, leads, labels)
    shown = view_df.head(SHOW_ROWS)
    first = [c for c in ("company", "full_name", "stage", "days_in_stage") if c in shown.columns]
    table(
        shown,
        column_order=[*first, *(c for c in shown.columns if c not in first)],
        column_config={
            **field_columns(shown, lang()),
            "company": st.column_config.TextColumn(field_label("company", lang()), pinned=True),
            **{c: tr(k) for c, k in STALLED_COLUMNS.items()},
            "entered_at": st.column_config.DateColumn(tr(STALLED_COLUMNS["entered_at"])),
        },
    )
    _download(
        tr("funnel.stalled.download"),
        stalled_csv(view_df, lang()),
        "stalled.csv",
        widget_key("funnel", "stalled_dl"),
    )


def _breakdown(
    cohort: fn.Reach, leads: pd.DataFrame, inp: Inputs, labels: dict[str, str], lang: str
) -> None:
    dims = [d for d, _ in inp.filters]
    if not dims:
        st.caption(tr("funnel.breakdown.none"))
        return
    by = selectbox(
        tr("funnel.breakdown.by"),
        dims,
        format_func=lambda d: t(K.FUNNEL_DIM[d], lang),
        key=_BREAKDOWN,
    )
    bd = fn.breakdown(cohort, leads, by, top=50).reset_index()
    extra = {}
    if by == "lead_source":  # one row per channel: its label, and what the exports wrote
        # the column read once per dataset; the cohort's spellings counted from its codes
        written = channel_written(leads[by], rows=cohort.rows) if by in leads.columns else {}
        bd.insert(1, "written_as", [fmt_list(written.get(v, ()), lang) for v in bd[by]])
        bd[by] = [source_label(v, lang) for v in bd[by]]
        extra["written_as"] = st.column_config.TextColumn(
            tr("funnel.breakdown.written_as"), help=tr("funnel.breakdown.written_help")
        )
    table(
        bd,
        column_config={
            by: st.column_config.TextColumn(tr(K.FUNNEL_DIM[by]), pinned=True),
            **extra,
            **{k: labels[k] for k in inp.model.keys},
            "overall_rate": st.column_config.ProgressColumn(
                tr("funnel.col.overall"), min_value=0.0, max_value=1.0, format="percent"
            ),
        },
    )


#: Brings the open records tab to the top of the window, below Streamlit's header (after a
#: bar click: the tabs sit below the fold on a projector). Runs once where it is drawn; the
#: label is our own text.
_SCROLL_JS = (
    "<script>(()=>{const want=%s;let n=0;const go=()=>{const tab=[...document.querySelectorAll("
    '\'[data-testid="stTabs"] [role="tab"][aria-selected="true"]\')]'
    ".find(b=>b.innerText.trim()===want);if(tab){const box=tab.closest('[data-testid=\"stTabs\"]');"
    "box.style.scrollMarginTop='5rem';box.scrollIntoView({block:'start'});return true}"
    "return false};"
    "const i=setInterval(()=>{if(go()||++n>50)clearInterval(i)},100)})()</script>"
)


def _records(
    cohort: fn.Reach,
    leads: pd.DataFrame,
    model: fn.FunnelModel,
    labels: dict[str, str],
    lang: str,
    *,
    scroll: bool = False,
) -> None:
    if scroll:
        st.html(_SCROLL_JS % json.dumps(tr("funnel.section.records")), unsafe_allow_javascript=True)
    r1, r2 = st.columns(2)
    if st.session_state.get(_RECORDS_STAGE) not in model.keys:
        st.session_state[_RECORDS_STAGE] = model.keys[-1]
    stage = selectbox(
        tr("funnel.records.stage"),
        list(model.keys),
        where=r1,
        format_func=labels.get,
        key=_RECORDS_STAGE,
    )
    mode = r2.segmented_control(
        tr("funnel.records.mode"),
        ["reached", "current", "dropped"],
        default="reached",
        required=True,
        format_func=lambda m: t(K.RECORDS_MODE[m], lang),
        key=_RECORDS_MODE,
    )
    rec = fn.records(cohort, leads, stage, mode=mode)
    st.caption(
        tr("funnel.records.count_one" if len(rec) == 1 else "funnel.records.count", n=len(rec))
    )
    shown = translate_codes(rec.head(SHOW_ROWS), lang)
    first = [c for c in RECORD_FIRST if c in shown.columns]
    config = field_columns(shown, lang)
    if first:
        config[first[0]] = st.column_config.TextColumn(config[first[0]]["label"], pinned=True)
    table(  # who first (company, name, title), the rest scrolls beside them
        shown,
        key=widget_key("funnel", "records.table"),
        column_order=[*first, *(c for c in shown.columns if c not in first)],
        column_config=config,
    )
    _download(
        tr("funnel.records.download", stage=labels[stage], mode=t(K.RECORDS_MODE[mode], lang)),
        readable(rec, lang),
        f"funnel_{stage}_{mode}.csv",
        widget_key("funnel", "records.download"),
    )


def _stage_map(inp: Inputs, sla: dict[str, int], lang: str) -> None:
    st.caption(tr("funnel.map.caption"))
    if not inp.status_cols:
        st.info(tr("funnel.map.none"), icon=":material/info:")
    else:
        select = st.column_config.SelectboxColumn
        editor(
            inp.map_table,
            disabled=["value", "leads", "suggested"],
            column_config={
                "value": st.column_config.TextColumn(tr("funnel.map.value")),
                "leads": st.column_config.NumberColumn(tr("funnel.map.leads"), format="localized"),
                "stage": select(
                    tr("funnel.map.stage"),
                    options=["", *fn.GENERIC_STAGES],
                    format_func=lambda g: fn.generic_label(g, lang) if g else "—",
                ),
                "detour": select(
                    tr("funnel.map.detour"),
                    options=["", *fn.DETOURS],
                    format_func=lambda d: t(K.DETOUR[d], lang) if d else "—",
                ),
                "suggested": st.column_config.ProgressColumn(
                    tr("funnel.map.suggested"), min_value=0.0, max_value=1.0, format="percent"
                ),
            },
            key=inp.editor_key,
        )
    model = inp.model
    st.markdown(f"**{tr('funnel.map.sla')}**")
    sla_cols = st.columns(max(len(model.stages) - 1, 1))
    for col, s in zip(sla_cols, model.stages[:-1], strict=False):
        col.number_input(
            s.label(lang),
            0,
            3650,
            inp.saved.sla().get(s.generic, 30),
            key=_sla_key(s.generic),
        )
    if st.button(tr("funnel.map.save"), type="primary", key=widget_key("funnel", "save")):
        cfg = fn.FunnelConfig(
            model=model, stage_map=inp.stage_map, sla_days=tuple(sla.items()), strict=inp.strict
        )
        set_workspace_section("stage_map", cfg.to_dict())
        st.session_state.pop(inp.editor_key, None)
        auth.say_saved("funnel.map.saved")


def _period(segment: fn.Reach, labels: dict[str, str], lang: str) -> None:
    period = fn.period_view(segment)
    chart(
        period_figure(period, [labels[k] for k in period.columns], lang),
        key=widget_key("funnel", "period_chart"),
    )


def details(
    cohort: fn.Reach,
    segment: fn.Reach,
    leads: pd.DataFrame,
    inp: Inputs,
    labels: dict[str, str],
    lang: str,
    opps: pd.DataFrame | None = None,
) -> None:
    """The detail tabs: cohorts, velocity (and the deals' cycle), stalled, breakdown,
    records, periods, stage map."""
    sla = {g: int(st.session_state.get(_sla_key(g), d)) for g, d in inp.saved.sla().items()}
    # Lazy tabs: only the open one is computed. The stage-map editor always
    # runs, so unsaved edits survive a look at another tab.
    tabs = dict(
        zip(
            TABS,
            st.tabs([tr(K.FUNNEL_SECTION[k]) for k in TABS], key=TABS_KEY, on_change="rerun"),
            strict=True,
        )
    )
    draw = {
        "cohorts": lambda: _cohorts(cohort, labels, lang),
        "velocity": lambda: (
            _velocity(cohort, labels, lang),
            _deal_cycle(segment, leads, opps, inp),
        ),
        "stalled": lambda: _stalled(cohort, leads, labels, sla),
        "breakdown": lambda: _breakdown(cohort, leads, inp, labels, lang),
        "records": lambda: _records(cohort, leads, inp.model, labels, lang, scroll=scroll),
        "period": lambda: _period(segment, labels, lang),
        "stage_map": lambda: _stage_map(inp, sla, lang),
    }
    scroll = bool(st.session_state.pop(K_FUNNEL_SCROLL, False))
    shown: set[str] = set()
    for name, tab in tabs.items():
        if tab.open or name == "stage_map":
            with tab:
                draw[name]()
            shown.update(TAB_CHOICES.get(name, ()))
    kept = st.session_state.setdefault(K_FUNNEL_KEPT, {})
    kept.update({key: st.session_state[key] for key in shown if key in st.session_state})
    keep_unshown(kept, shown)  # a closed tab's choices wait for it to open again


def _clicked_stage(points: list[dict[str, Any]], stages: pd.DataFrame) -> str | None:
    """The stage key of a clicked funnel bar, by its position (the axis label carries the
    stage's numbers beside its name); None without a click."""
    if not points:
        return None
    at = points[0].get("point_index")
    at = points[0].get("point_number") if at is None else at
    if not isinstance(at, int) or not 0 <= at < len(stages):
        return None
    return str(stages["stage"].iloc[at])
