"""Cleaning: 名寄せ (one account per company) and 営業対象外, every row accounted for."""

import json
from dataclasses import replace

import pandas as pd
import plotly.express as px
import streamlit as st

from abm.errors import MoriError
from abm.export import to_csv_bytes
from abm.i18n import t
from abm.resolve import (
    MATCH_RULES,
    REASONS,
    ResolveConfig,
    ReviewDecisions,
    clean_leads,
)
from abm.ui import (
    cleaning_problems,
    cleaning_settings,
    get_prepared,
    page_setup,
    require_loaded,
    session_memo,
    set_workspace_section,
    tr,
)

lang = page_setup("cleaning")
st.title(tr("nav.cleaning"))
st.caption(tr("resolve.page.intro"))
ds = require_loaded()  # the data as loaded: this page builds the cleaned view
leads = ds.leads
if "company" not in leads.columns:
    st.warning(tr("resolve.page.no_company"), icon=":material/warning:")
    st.stop()

SHOW_ROWS = 1000
DEFAULT = ResolveConfig()

# ---- saved settings (an invalid section is reported, defaults are used) -------
for key in cleaning_problems():
    st.warning(tr(key), icon=":material/warning:")
saved_config, saved_rules, decisions = cleaning_settings()


def _save_decisions(d: ReviewDecisions) -> None:
    set_workspace_section("review_decisions", d.to_dict())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.splitlines() if x.strip())


# ---- controls -----------------------------------------------------------------
with st.container(border=True):
    c_thr, c_save = st.columns([4, 1], vertical_alignment="bottom")
    threshold = c_thr.slider(
        tr("resolve.page.threshold"),
        min_value=80,
        max_value=100,
        value=int(saved_config.threshold),
        step=1,
        help=tr("resolve.page.threshold_help"),
        key="cleaning.threshold",
    )
    with st.expander(tr("resolve.rules.title")):
        c1, c2 = st.columns(2)
        lists = {}
        for i, field in enumerate(
            (
                "competitor_names",
                "competitor_domains",
                "partner_names",
                "partner_domains",
                "customer_names",
                "customer_domains",
            )
        ):
            lists[field] = _lines(
                (c1 if i % 2 == 0 else c2).text_area(
                    tr(f"resolve.rules.{field}"),
                    value="\n".join(getattr(saved_rules, field)),
                    height=90,
                    key=f"cleaning.{field}",
                )
            )
        toggles = {}
        cols = st.columns(4)
        for i, (field, reason) in enumerate(
            (
                ("competitors", "competitor"),
                ("partners", "partner"),
                ("customers", "customer"),
                ("students", "student"),
                ("free_mail", "free_mail"),
                ("test", "test"),
                ("unsubscribed", "unsubscribed"),
                ("bounced", "bounced"),
            )
        ):
            toggles[field] = cols[i % 4].toggle(
                tr(f"resolve.reason.{reason}"),
                value=getattr(saved_rules, field),
                key=f"cleaning.rule.{field}",
            )
        free_all = st.toggle(
            tr("resolve.rules.free_mail_all"),
            value=saved_rules.free_mail_all,
            key="cleaning.rule.free_mail_all",
        )
        rules = replace(saved_rules, **lists, **toggles, free_mail_all=free_all)
        if st.button(tr("resolve.rules.save"), key="cleaning.save_rules"):
            set_workspace_section("exclusion_rules", rules.to_dict())
            saved_rules = rules
            st.success(tr("resolve.rules.saved"), icon=":material/check:")

config = replace(
    saved_config,
    threshold=float(threshold),
    review_threshold=min(saved_config.review_threshold, float(threshold)),
)
if c_save.button(tr("resolve.page.save_threshold"), key="cleaning.save_threshold"):
    set_workspace_section("matching", config.to_dict())
    saved_config = config
if config == saved_config and rules == saved_rules:
    result = get_prepared().clean  # the ledger every analysis page uses
else:  # a preview of unsaved settings
    st.info(tr("resolve.page.preview"), icon=":material/visibility:")
    result = session_memo(
        "cleaning.result",
        (config, rules, decisions),
        lambda: clean_leads(leads, config=config, rules=rules, decisions=decisions),
    )
base_accounts = session_memo(
    "cleaning.base_accounts",
    (rules, decisions),
    lambda: clean_leads(leads, config=DEFAULT, rules=rules, decisions=decisions).summary[
        "accounts"
    ],
)
s = result.summary

# ---- KPIs -----------------------------------------------------------------------
with st.container(border=True):
    k = st.columns(5)
    k[0].metric(tr("resolve.kpi.leads_in"), f"{s['rows_in']:,}")
    k[1].metric(tr("resolve.kpi.persons"), f"{s['persons']:,}")
    k[2].metric(
        tr("resolve.kpi.accounts"),
        f"{s['accounts']:,}",
        delta=s["accounts"] - base_accounts if threshold != DEFAULT.threshold else None,
        delta_color="off",
    )
    k[3].metric(tr("resolve.kpi.review"), f"{s['review']:,}")
    k[4].metric(tr("resolve.kpi.excluded"), f"{s['excluded']:,}")
    st.caption(tr("resolve.ledger", **{x: s[x] for x in ("rows_in", "kept", "merged", "excluded")}))
    st.caption(
        tr(
            "resolve.page.sensitivity",
            threshold=threshold,
            accounts=s["accounts"],
            delta=s["accounts"] - base_accounts,
            base_threshold=int(DEFAULT.threshold),
        )
    )
    st.caption(tr("resolve.survivorship"))

tab_rules, tab_ex, tab_review, tab_acc, tab_dl = st.tabs(
    [
        tr("resolve.tab.rules"),
        tr("resolve.tab.exclusions"),
        tr("resolve.tab.review"),
        tr("resolve.tab.accounts"),
        tr("resolve.tab.downloads"),
    ]
)


def _share_table(counts: dict[str, int], prefix: str, label: str) -> pd.DataFrame:
    total = max(sum(counts.values()), 1)
    return pd.DataFrame(
        {
            label: [t(f"{prefix}.{k}", lang) for k in counts],
            tr("resolve.col.rows"): list(counts.values()),
            tr("resolve.col.share"): [v / total for v in counts.values()],
        }
    )


with tab_rules, st.container(border=True):
    table = _share_table(
        {r: s["kept_by_rule"][r] for r in MATCH_RULES}, "resolve.rule", tr("resolve.col.rule")
    )
    fig = px.bar(table, x=tr("resolve.col.rows"), y=tr("resolve.col.rule"), orientation="h")
    st.plotly_chart(fig, key="cleaning.rules_chart")
    st.dataframe(
        table,
        hide_index=True,
        column_config={tr("resolve.col.share"): st.column_config.NumberColumn(format="percent")},
    )

with tab_ex, st.container(border=True):
    table = _share_table(
        {r: s["excluded_by_reason"][r] for r in REASONS}, "resolve.reason", tr("resolve.col.reason")
    )
    fig = px.bar(table, x=tr("resolve.col.rows"), y=tr("resolve.col.reason"), orientation="h")
    st.plotly_chart(fig, key="cleaning.reasons_chart")
    st.dataframe(
        table,
        hide_index=True,
        column_config={tr("resolve.col.share"): st.column_config.NumberColumn(format="percent")},
    )

with tab_review, st.container(border=True):
    st.caption(tr("resolve.review.help"))
    st.caption(tr("resolve.review.count", count=len(decisions.decisions)))
    queue = result.review
    if queue.empty:
        st.info(tr("resolve.review.empty"), icon=":material/check:")
    else:
        shown = queue.head(SHOW_ROWS).assign(decision="")
        edited = st.data_editor(
            shown,
            hide_index=True,
            disabled=[c for c in shown.columns if c != "decision"],
            column_config={
                "decision": st.column_config.SelectboxColumn(
                    tr("resolve.col.decision"), options=["", "confirm", "split"]
                ),
                "reason": st.column_config.TextColumn(),
            },
            key=f"cleaning.review_editor.{len(decisions.decisions)}",
        )
        if len(queue) > SHOW_ROWS:
            st.caption(tr("resolve.shown_rows", shown=SHOW_ROWS, total=len(queue)))
        if st.button(tr("resolve.review.apply"), key="cleaning.apply", type="primary"):
            chosen = edited[edited["decision"].isin(["confirm", "split"])]
            new = decisions
            for _, row in chosen.iterrows():
                new = new.add(str(row["decision"]), str(row["key_a"]), str(row["key_b"]))
            _save_decisions(new)
            st.success(tr("resolve.review.applied", count=len(chosen)), icon=":material/check:")
            st.rerun()
    if decisions.decisions and st.button(tr("resolve.review.clear"), key="cleaning.clear"):
        _save_decisions(ReviewDecisions())
        st.rerun()

with tab_acc, st.container(border=True):
    acc = result.accounts.sort_values("leads", ascending=False, kind="stable")
    st.dataframe(acc.head(SHOW_ROWS), hide_index=True)
    if len(acc) > SHOW_ROWS:
        st.caption(tr("resolve.shown_rows", shown=SHOW_ROWS, total=len(acc)))
    if len(acc):
        with st.expander(tr("resolve.fix.title")):
            ids = acc["account_id"].head(SHOW_ROWS).tolist()
            names = dict(zip(acc["account_id"], acc["account_name"].fillna("—"), strict=True))
            chosen = st.selectbox(
                tr("resolve.fix.account"),
                ids,
                format_func=lambda a: f"{names.get(a)} ({a})",
                key="cleaning.fix_account",
            )
            in_acc = result.kept.loc[result.kept["account_id"] == chosen, "resolve_key"].dropna()
            # main key: one with an evidence domain first, then the most rows
            ranked = sorted(
                in_acc.value_counts().items(),
                key=lambda kv: (not str(kv[0]).endswith("|"), kv[1]),
                reverse=True,
            )
            main_key = str(ranked[0][0]) if ranked else None
            to_split = st.multiselect(
                tr("resolve.fix.split_keys"),
                [str(k) for k, _ in ranked[1:]],
                key="cleaning.fix_split",
            )
            if st.button(
                tr("resolve.fix.split"), key="cleaning.fix_split_btn", disabled=not to_split
            ):
                new = decisions
                for key in to_split:
                    new = new.add("split", main_key, key)
                _save_decisions(new)
                st.rerun()
            other = st.selectbox(
                tr("resolve.fix.merge_with"),
                [a for a in ids if a != chosen],
                format_func=lambda a: f"{names.get(a)} ({a})",
                key="cleaning.fix_other",
            )
            other_keys = result.kept.loc[result.kept["account_id"] == other, "resolve_key"].dropna()
            if st.button(
                tr("resolve.fix.merge"),
                key="cleaning.fix_merge_btn",
                disabled=not (main_key and len(other_keys)),
            ):
                _save_decisions(
                    decisions.add("merge", main_key, str(other_keys.value_counts().index[0]))
                )
                st.rerun()

with tab_dl, st.container(border=True):
    c1, c2 = st.columns(2)
    for i, (name, frame) in enumerate(
        (
            ("kept", result.kept),
            ("merged", result.merged),
            ("excluded", result.excluded),
            ("accounts", result.accounts),
        )
    ):
        data = session_memo(
            f"cleaning.csv.{name}",
            (config, rules, decisions),
            lambda frame=frame: to_csv_bytes(frame)[0],
        )
        (c1 if i % 2 == 0 else c2).download_button(
            tr(f"resolve.download.{name}"),
            data=data,
            file_name=f"mori_{name}.csv",
            mime="text/csv",
            key=f"cleaning.download.{name}",
        )
    st.divider()
    st.download_button(
        tr("resolve.decisions.download"),
        data=json.dumps(decisions.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
        file_name="mori_review_decisions.json",
        mime="application/json",
        key="cleaning.decisions_download",
    )
    upload = st.file_uploader(
        tr("resolve.decisions.upload"), type=["json"], key="cleaning.decisions_upload"
    )
    if upload is not None and st.session_state.get("cleaning.loaded") != upload.file_id:
        try:
            loaded = ReviewDecisions.from_dict(json.loads(upload.getvalue().decode("utf-8-sig")))
        except (MoriError, ValueError, UnicodeDecodeError):
            st.error(tr("resolve.err.bad_decisions"), icon=":material/error:")
        else:
            st.session_state["cleaning.loaded"] = upload.file_id
            _save_decisions(loaded)
            st.success(
                tr("resolve.decisions.loaded", count=len(loaded.decisions)), icon=":material/check:"
            )
            st.rerun()
