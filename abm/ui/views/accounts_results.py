"""Accounts page sections: KPIs, the ranked table with reasons, coverage and tier
charts, the joint-meeting action lists, and the CRM-ready export."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from abm import accounts as acc
from abm.accounts.charts import coverage_heatmap, tier_figure
from abm.core.format import fmt_list, fmt_pct
from abm.dataset import Dataset
from abm.export import (
    hubspot_company_import,
    mori_target_list,
    salesforce_account_import,
    target_list,
    to_csv_bytes,
    to_xlsx_bytes,
)
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import workspaces
from abm.ui.shell import tr
from abm.ui.sources import activity_table
from abm.ui.state import (
    K_ACCOUNTS_TABLE,
    cleaned_rules,
    cleaning_settings,
    get_prepared,
    session_memo,
    widget_key,
)
from abm.ui.views.accounts_controls import Filters, Settings, capacity_note
from abm.ui.views.accounts_links import selected_account, story_link
from abm.ui.widgets import chart, money_unit, table

__all__ = [
    "actions", "charts", "compute", "export", "fill_text", "kpis", "ranked", "ranked_title",
    "rollup", "scored",
]  # fmt: skip

#: Accounts drawn in the ranked table; the export carries every filtered one.
SHOW = 500
#: Export layouts: the readable list first (the reader's language), then Mori's codes and
#: the CRM imports (English columns, as their import wizards map them).
PRESETS = {
    "list": target_list,
    "mori": mori_target_list,
    "hubspot": hubspot_company_import,
    "salesforce": salesforce_account_import,
}


def rollup(ds: Dataset, settings: acc.RollupSettings, as_of: pd.Timestamp) -> pd.DataFrame:
    """The cleaned leads rolled up per 名寄せ account (memoised; shared with the ABM-fit page)."""
    table = activity_table(ds)  # the activity log read once per dataset, on the engine
    return session_memo(
        "accounts.rollup",
        (settings, as_of),
        lambda: acc.rollup_accounts(
            ds.leads,
            activities=ds.activities,
            opportunities=ds.opportunities,
            accounts=ds.accounts,
            as_of=as_of,
            settings=settings,
            table=table,
        ),
    )


def scored(ds: Dataset, cfg: Settings, as_of: pd.Timestamp) -> pd.DataFrame:
    """Every account scored into tiers (memoised; the account story reads the same memo)."""
    rolled = rollup(ds, cfg.rollup, as_of)
    # the rules the data was cleaned with, lists as the people completed them: never a target
    exclusions = cleaned_rules() or cleaning_settings()[1]
    return session_memo(
        "accounts.scored",
        (cfg.rollup, cfg.rules, exclusions, as_of),
        lambda: acc.score_accounts(rolled, cfg.rules, exclusions=exclusions),
    )


def compute(ds: Dataset, cfg: Settings, as_of: pd.Timestamp) -> pd.DataFrame:
    """Roll the cleaned leads up per 名寄せ account and score them into tiers (memoised),
    saying how many activities and leads the roll-up could not place."""
    rolled = rollup(ds, cfg.rollup, as_of)
    info = rolled.attrs
    if info.get("unmatched_activities") or info.get("unassigned_leads"):
        st.caption(
            tr(
                "accounts.page.unlinked",
                activities=info.get("unmatched_activities", 0),
                leads=info.get("unassigned_leads", 0),
            )
        )
    return scored(ds, cfg, as_of)


def _tier(series: pd.Series, lang: str) -> pd.Series:
    return series.astype("string").map(lambda k: t(K.TIER[k], lang))


def kpis(
    scored: pd.DataFrame, view: pd.DataFrame, cfg: Settings, lang: str, *, poor_fit: bool = False
) -> None:
    """Accounts, accounts per tier (against its capacity and the ABM-fit advice, unless ABM is
    a poor fit), not a target, and mean coverage shown."""
    counts = scored["tier"].astype("string").value_counts()
    excluded = int(scored["excluded"].sum())
    values = [
        (tr("accounts.kpi.accounts"), f"{len(scored):,}", None),
        *(
            (  # "Tier 1" on the tile, "Tier 1（1:1）" and its capacity in the help
                t(K.TIER_SHORT[k], lang),
                f"{int(counts.get(k, 0)):,}",
                tr(
                    "accounts.kpi.tier_help",
                    tier=t(K.TIER[k], lang),
                    capacity=cfg.rules.capacity(k),
                    status=capacity_note(k, cfg.rules.capacity(k), lang),
                )
                if not poor_fit
                else tr(
                    "accounts.kpi.tier_help_poor",
                    tier=t(K.TIER[k], lang),
                    capacity=cfg.rules.capacity(k),
                ),
            )
            for k in ("tier_1", "tier_2", "tier_3")
        ),
        (
            t(K.TIER_SHORT["none"], lang),
            f"{int(counts.get('none', 0)):,}",
            tr("accounts.kpi.none_help", excluded=excluded),
        ),
        (
            tr("accounts.kpi.coverage"),
            fmt_pct(view["coverage"].mean() if len(view) else None),
            tr("accounts.kpi.coverage_help"),
        ),
    ]
    for col, (label, value, help_text) in zip(st.columns(len(values)), values, strict=True):
        col.metric(label, value, help=help_text, border=True)
    st.caption(fill_text(acc.tier_fill(scored, cfg.rules), lang))
    summary = get_prepared().clean.summary
    dropped = int(summary.get("account_rows_excluded", 0))
    if dropped:  # account rows the cleaning excluded never reach the roll-up: say how many
        st.caption(tr("accounts.page.excluded_rows", count=dropped))
    with_people = int((scored["contacts"] > 0).sum())
    sidebar = int(summary.get("accounts", 0))
    if with_people != len(scored) or with_people != sidebar:  # reconcile with the sidebar
        st.caption(
            tr(
                # an earlier as-of date: fewer accounts had people then than the sidebar's
                "accounts.page.reconcile"
                if with_people == sidebar
                else "accounts.page.reconcile_as_of",
                total=len(scored),
                with_people=with_people,
                without=len(scored) - with_people,
                sidebar=sidebar,
            )
        )


def fill_text(fill: pd.DataFrame, lang: str) -> str:
    """One line per tier: its places, and the accounts it was offered as placed + moved down.

    Parameters
    ----------
    fill : pandas.DataFrame
        Output of :func:`abm.accounts.tier_fill`.
    lang : str
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Markdown lines (Tier 1's counts every account meeting its minimums; a lower tier's
        those no higher tier took; Tier 3's overflow goes to no tier).
    """
    lines = []
    for row in fill.to_dict("records"):
        values = {
            **{k: row[k] for k in ("placed", "capacity", "qualified", "moved_down")},
            "tier": t(K.TIER[row["tier"]], lang),
            "below": t(
                "accounts.page.fill_none"
                if row["tier"] == "tier_3"
                else "accounts.page.fill_below",
                lang,
            ),
        }
        first = row["tier"] == "tier_1"
        lines.append(
            t("accounts.page.fill", lang, **values)
            if first
            else t("accounts.page.fill_lower", lang, **values)
        )
    return "  \n".join(lines)


def ranked_title(view: pd.DataFrame) -> str:
    """The ranked table's title: how many accounts the filters keep (and how many of them are
    drawn), and what the ranks count — the accounts that can be targets (``rank_of``: every
    account the 営業対象外 rules leave), the number the reasons and the account story give
    ("rank 1 of 434"). QA-K: the title said "top 374 of 374" (the filtered rows) beside
    reasons counting 434."""
    if not len(view):
        return tr("accounts.page.ranked_none")
    rank_of = int(view["rank_of"].iloc[0])  # one number for every row of a scoring
    if len(view) > SHOW:
        return tr("accounts.page.ranked_top", shown=SHOW, total=len(view), rank_of=rank_of)
    return tr("accounts.page.ranked", total=len(view), rank_of=rank_of)


def ranked(view: pd.DataFrame, cfg: Settings, lang: str) -> None:
    """The ranked accounts with tier, score, coverage, missing roles, and why (not)."""
    with st.container(border=True):
        st.subheader(ranked_title(view))
        top = view.head(SHOW)
        roles = top["missing_roles"].astype(str)
        divisor, unit, money = money_unit(lang)
        frame = pd.DataFrame(
            {
                # an excluded account has no rank (it is not among the rank_of targetable
                # ones the title and the reasons count), as its story says
                "rank": top["rank"].astype("Int64").mask(top["excluded"].to_numpy(dtype=bool)),
                "account": top["account_name"].fillna(top["account_id"]),
                "id": top["account_id"],
                "tier": _tier(top["tier"], lang),
                "score": top["score"].round(1),
                # who is missing right after the tier: the first thing a sales lead asks
                "missing": roles.map(
                    lambda m: fmt_list((t(K.ROLE[r], lang) for r in m.split("|") if r), lang)
                ),
                # what the account story repeats first, then what the score is made of
                "contacts": top["contacts"],
                "opportunities": top["opportunities"],
                "pipeline": top["open_pipeline"] / divisor,
                "won": top["won_revenue"] / divisor,
                "fit": top["fit"],
                "engaged": top["engaged_contacts"],
                "coverage": top["coverage"],
                "why": acc.reasons_text(top, lang, cfg.rules),
                "why_not": acc.reasons_text(top, lang, cfg.rules, which="why_not"),
            }
        )
        cc = st.column_config
        event = table(
            frame,
            key=K_ACCOUNTS_TABLE,
            on_select="rerun",
            selection_mode="single-row",
            column_order=[c for c in frame.columns if c != "id"],
            column_config={
                "rank": cc.NumberColumn("#", width=40, pinned=True),
                "account": cc.TextColumn(tr("accounts.col.account"), pinned=True),
                "tier": tr("accounts.col.tier"),
                "score": cc.ProgressColumn(
                    tr("accounts.col.score"), min_value=0, max_value=100, format="%.0f"
                ),
                "fit": cc.NumberColumn(tr("accounts.col.fit"), format="%.0f"),
                "engaged": tr("accounts.col.engaged"),
                "contacts": tr("accounts.col.contacts"),
                "coverage": cc.ProgressColumn(
                    tr("accounts.col.coverage"), min_value=0, max_value=1, format="percent"
                ),
                "missing": tr("accounts.col.missing"),
                "opportunities": cc.NumberColumn(tr("accounts.col.opportunities")),
                "pipeline": cc.NumberColumn(
                    tr("accounts.col.pipeline_unit", unit=unit),
                    format=money,
                    help=tr("accounts.col.pipeline"),
                ),
                "won": cc.NumberColumn(tr("accounts.col.won_unit", unit=unit), format=money),
                "why": cc.TextColumn(tr("accounts.col.why"), width="large"),
                "why_not": cc.TextColumn(tr("accounts.col.why_not"), width="large"),
            },
        )
        picked = selected_account(event, frame["id"], top["account_name"])
        if picked is not None:
            story_link(*picked)
        else:
            st.caption(tr("accounts.page.pick_hint"))


def charts(scored: pd.DataFrame, view: pd.DataFrame, cfg: Settings, lang: str) -> None:
    """Buying-committee coverage heatmap (accounts shown) beside accounts per tier."""
    left, right = st.columns([3, 2])
    with left.container(border=True):
        st.subheader(tr("accounts.page.heatmap"))
        roles_shown = cfg.rollup.required_roles or acc.ROLES
        if len(view):
            chart(
                coverage_heatmap(view, lang, roles=roles_shown),
                key=widget_key("accounts", "heatmap"),
            )
        else:
            st.info(tr("accounts.page.empty"), icon=":material/info:")
    with right.container(border=True):
        st.subheader(tr("accounts.page.tier_chart"))
        chart(tier_figure(scored, lang), key=widget_key("accounts", "tiers"))


def actions(scored: pd.DataFrame, cfg: Settings, as_of: pd.Timestamp, lang: str) -> None:
    """The queues for a joint meeting (qualified without a sales touch, whitespace…)."""
    lists = session_memo(
        "accounts.actions",
        (cfg.rollup, cfg.rules, cfg.actions, as_of),
        lambda: acc.action_lists(scored, as_of=as_of, settings=cfg.actions),
    )
    with st.container(border=True):
        st.subheader(tr("accounts.page.actions"))
        tabs = st.tabs(
            [f"{t(K.ACTION[key], lang)} ({len(lists[key]):,})" for key in acc.ACTION_LISTS]
        )
        for tab, key in zip(tabs, acc.ACTION_LISTS, strict=True):
            with tab:
                st.caption(tr(K.ACTION_HELP[key]))
                part = lists[key].head(200)
                divisor, unit, money = money_unit(lang)
                pipeline = tr("accounts.col.pipeline_unit", unit=unit)
                table(
                    pd.DataFrame(
                        {
                            tr("accounts.col.account"): part["account_name"].fillna(
                                part["account_id"]
                            ),
                            tr("accounts.col.tier"): _tier(part["tier"], lang),
                            tr("accounts.col.fit"): part["fit"],
                            tr("accounts.col.engaged"): part["engaged_contacts"],
                            pipeline: part["open_pipeline"] / divisor,
                            tr("accounts.col.last_activity"): part["last_activity_at"].dt.date,
                        }
                    ),
                    key=widget_key("accounts", f"action_table.{key}"),
                    column_config={
                        tr("accounts.col.account"): st.column_config.TextColumn(
                            tr("accounts.col.account"), pinned=True
                        ),
                        pipeline: st.column_config.NumberColumn(pipeline, format=money),
                    },
                )


def _audited(build: Callable[[], bytes], audit: Callable[[], None]) -> bytes:
    """A file built on click, and the audit line that says it was exported."""
    data = build()
    audit()  # never raises (workspaces.export_audit)
    return data


def export(view: pd.DataFrame, cfg: Settings, flt: Filters, as_of: pd.Timestamp, lang: str) -> None:
    """The target list as Mori / HubSpot / Salesforce import files, CSV or xlsx."""
    with st.container(border=True):
        st.subheader(tr("accounts.page.export"))
        # the presets a row of their own: four long names did not fit half the page (QA)
        preset = st.segmented_control(
            tr("accounts.page.preset"),
            list(PRESETS),
            default="list",
            help=tr("accounts.page.preset_help"),
            format_func=lambda k: t(K.EXPORT_PRESET[k], lang),
            required=True,
            key=widget_key("accounts", "preset"),
        )
        if preset == "hubspot":  # HubSpot's importer reads UTF-8 (the file is, whatever)
            encoding = "utf-8-sig"
            st.caption(tr("accounts.page.hubspot_utf8"))
        else:
            encoding = st.segmented_control(
                tr("accounts.page.encoding"),
                ["utf-8-sig", "cp932"],
                default="utf-8-sig",
                format_func=lambda k: t(K.ENCODING[k], lang),
                required=True,
                key=widget_key("accounts", "encoding"),
            )
        out = session_memo(  # the readable list writes every reason: once per choice
            "accounts.export",
            (cfg.rollup, cfg.rules, preset, flt, as_of, lang),
            lambda: (
                target_list(view, lang, cfg.rules) if preset == "list" else PRESETS[preset](view)
            ),
        )
        csv, problems = session_memo(
            "accounts.csv",
            (cfg.rollup, cfg.rules, preset, flt, as_of, encoding, lang),
            lambda: to_csv_bytes(out, encoding=encoding),
        )
        d1, d2 = st.columns(2)
        d1.download_button(
            tr("accounts.page.download_csv", rows=len(out)),
            csv,
            file_name=f"mori_targets_{preset}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click=workspaces.exported,  # the workspace's audit list (#18)
            args=(f"mori_targets_{preset}.csv", len(out)),
            key=widget_key("accounts", "download_csv"),
        )
        d2.download_button(
            tr("accounts.page.download_xlsx", rows=len(out)),
            # built on click, off the script thread; no rerun, which would replace the file
            # before a slow click's request reaches it (MediaFileStorageError, QA-L)
            partial(
                _audited,
                partial(to_xlsx_bytes, out, sheet="targets"),
                workspaces.export_audit(f"mori_targets_{preset}.xlsx", len(out)),
            ),
            file_name=f"mori_targets_{preset}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key=widget_key("accounts", "download_xlsx"),
        )
        st.caption(tr("accounts.page.export_safe"))
        if problems:
            st.warning(
                tr("accounts.page.unencodable", count=len(problems)), icon=":material/warning:"
            )
            table(
                pd.DataFrame([vars(p) for p in problems]).rename(
                    columns={
                        "row": tr("accounts.col.row"),
                        "column": tr("accounts.col.column"),
                        "char": tr("accounts.col.char"),
                        "codepoint": tr("accounts.col.codepoint"),
                    }
                ),
                key=widget_key("accounts", "unencodable"),
            )
