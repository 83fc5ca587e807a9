"""Cleaning page sections: the ledger KPIs, match rules, exclusions, the review
queue, per-account fixes and the downloads of every group of rows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import partial

import pandas as pd
import plotly.express as px
import streamlit as st

from abm.core.safejson import parse_json
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.export import readable, to_csv_bytes, translate_codes
from abm.i18n import keys as K
from abm.i18n import t
from abm.resolve import (
    MATCH_RULES,
    CleanResult,
    ResolveConfig,
    ReviewDecisions,
)
from abm.resolve.hygiene import REASONS_BY_TABLE
from abm.settings import MAX_BYTES
from abm.ui import auth
from abm.ui.shell import lang, msg, tr
from abm.ui.state import K_CLEANING_LOADED, get_prepared, session_memo, widget_key
from abm.ui.views import cleaning_review
from abm.ui.views.cleaning_controls import Choice, save_decisions
from abm.ui.widgets import chart, field_columns, multiselect, selectbox, table

__all__ = [
    "accounts",
    "compute",
    "downloads",
    "excluded_accounts",
    "kpis",
    "review",
    "rules_and_reasons",
    "shares",
]

#: Rows drawn in a table; downloads carry every row.
SHOW_ROWS = 1000
DEFAULT = ResolveConfig()


def compute(ds: Dataset, choice: Choice) -> tuple[CleanResult, int]:
    """The ledger for the settings on screen, and the accounts at the default threshold.

    A preview is cleaned as every page's data is (:func:`abm.pipeline.clean_dataset`:
    the other files' company names, the CRM's account names), so previewing the saved
    settings shows what the pages read."""
    from abm.pipeline import clean_dataset

    if choice.saved:
        result = get_prepared().clean  # the ledger every analysis page uses
    else:  # a preview of unsaved settings
        st.info(tr("resolve.page.preview"), icon=":material/visibility:")
        result = session_memo(
            "cleaning.result",
            (choice.config, choice.rules, choice.decisions),
            lambda: clean_dataset(
                ds, config=choice.config, rules=choice.rules, decisions=choice.decisions
            ),
        )
    if choice.config == DEFAULT:
        return result, int(result.summary["accounts"])
    base = session_memo(
        "cleaning.base_accounts",
        (choice.rules, choice.decisions),
        lambda: clean_dataset(
            ds, config=DEFAULT, rules=choice.rules, decisions=choice.decisions, names=False
        ).summary["accounts"],
    )
    return result, int(base)


def kpis(result: CleanResult, base_accounts: int, threshold: float) -> None:
    """Rows in, persons, accounts (against the default threshold), review, excluded."""
    s = result.summary
    out_persons = (
        int(result.excluded["person_id"].nunique()) if "person_id" in result.excluded else 0
    )
    with st.container(border=True):
        k = st.columns(5)
        k[0].metric(tr("resolve.kpi.leads_in"), f"{s['rows_in']:,}")
        k[1].metric(
            tr("resolve.kpi.persons"),
            f"{s['persons']:,}",
            help=tr("resolve.kpi.persons_help", kept=s["kept"], excluded=out_persons),
        )
        k[2].metric(
            tr("resolve.kpi.accounts"),
            f"{s['accounts']:,}",
            delta=s["accounts"] - base_accounts if threshold != DEFAULT.threshold else None,
            delta_color="off",
        )
        k[3].metric(tr("resolve.kpi.review"), f"{s['review']:,}")
        k[4].metric(
            tr("resolve.kpi.excluded"),
            f"{s['excluded']:,}",
            help=tr("resolve.kpi.excluded_help", persons=out_persons),
        )
        st.caption(
            tr("resolve.ledger", **{x: s[x] for x in ("rows_in", "kept", "merged", "excluded")})
        )
        if s["excluded"]:  # rows there, people on the persons tile: one line reconciles them
            st.caption(
                tr(
                    "resolve.ledger_persons",
                    excluded=s["excluded"],
                    excluded_persons=out_persons,
                    persons=s["persons"],
                    kept=s["kept"],
                )
            )
        st.caption(
            tr(
                "resolve.page.sensitivity",
                threshold=int(threshold),
                accounts=s["accounts"],
                delta=s["accounts"] - base_accounts,
                base_threshold=int(DEFAULT.threshold),
            )
        )
        st.caption(tr("resolve.survivorship"))


def shares(
    counts: dict[str, int], labels: Mapping[str, str], label: str, key: str, lang: str
) -> None:
    """Rows per match rule or per exclusion reason: a bar chart and its table."""
    total = max(sum(counts.values()), 1)
    frame = pd.DataFrame(
        {
            label: [t(labels[k], lang) for k in counts],
            tr("resolve.col.rows"): list(counts.values()),
            tr("resolve.col.share"): [100 * v / total for v in counts.values()],
        }
    )
    with st.container(border=True):
        fig = px.bar(frame, x=tr("resolve.col.rows"), y=label, orientation="h")
        chart(fig, key=key)
        table(
            frame,
            column_config={
                label: st.column_config.TextColumn(label, pinned=True),
                tr("resolve.col.share"): st.column_config.NumberColumn(format="%.0f%%"),
            },
        )


def rules_and_reasons(result: CleanResult) -> tuple[dict, dict]:
    """``(rows per match rule, rows per exclusion reason)`` in display order."""
    s = result.summary
    return (
        {r: s["kept_by_rule"][r] for r in MATCH_RULES},
        {r: s["excluded_by_reason"][r] for r in REASONS_BY_TABLE["leads"]},
    )


def excluded_accounts(result: CleanResult, lang: str) -> None:
    """Rows of the accounts file the exclusion rules took out, with their reason."""
    s = result.summary
    with st.container(border=True):
        st.subheader(tr("resolve.accounts_file.title"))
        st.caption(tr("resolve.accounts_file.help"))
        frame = result.excluded_accounts
        if not s.get("account_rows_excluded"):
            st.caption(tr("resolve.accounts_file.none"))
            return
        st.caption(
            tr(
                "resolve.accounts_file.count",
                rows_in=s["account_rows_in"],
                excluded=s["account_rows_excluded"],
            )
        )
        shown = translate_codes(frame.head(SHOW_ROWS), lang)  # reasons as words
        first = [c for c in ("company", "exclusion_reason") if c in shown.columns]
        table(
            shown,
            key=widget_key("cleaning", "excluded_accounts"),
            column_order=[*first, *(c for c in shown.columns if c not in first)],
            column_config={
                **field_columns(shown, lang),
                "company": st.column_config.TextColumn(tr("resolve.col.company"), pinned=True),
                "exclusion_reason": tr("resolve.col.reason"),
            },
        )
        if len(frame) > SHOW_ROWS:
            st.caption(tr("resolve.shown_rows", shown=SHOW_ROWS, total=len(frame)))


def _hygiene_review(result: CleanResult) -> None:
    """Kept people a rule could not decide (student or staff?), with the reason."""
    queue = result.hygiene_review
    if queue.empty:
        return
    st.divider()
    st.subheader(tr("resolve.hygiene_review.title"))
    st.caption(tr("resolve.hygiene_review.help"))
    st.caption(tr("resolve.hygiene_review.count", count=len(queue)))
    cols = [c for c in ("company", "title", "department", "email", "account_name") if c in queue]
    shown = queue.head(SHOW_ROWS)
    frame = shown[cols].assign(
        review_reason=shown["review_reason"].map(lambda k: tr(K.REVIEW_REASON[k]))
    )
    table(
        frame,
        key=widget_key("cleaning", "hygiene_review"),
        column_order=["review_reason", *cols],  # why to look first, then who
        column_config={
            **field_columns(frame, lang()),
            "review_reason": st.column_config.TextColumn(
                tr("resolve.col.review_reason"), pinned=True
            ),
        },
    )
    if len(queue) > SHOW_ROWS:
        st.caption(tr("resolve.shown_rows", shown=SHOW_ROWS, total=len(queue)))


def review(result: CleanResult, decisions: ReviewDecisions) -> None:
    """The review queue: pairs the rules would not merge on their own, then the
    people a hygiene rule could not decide."""
    with st.container(border=True):
        cleaning_review.review(result, decisions)  # 名寄せ pairs: decision, names, readings
        _hygiene_review(result)


def _keys_of(result: CleanResult, account_id: str) -> pd.Series:
    return result.kept.loc[result.kept["account_id"] == account_id, "resolve_key"].dropna()


def accounts(result: CleanResult, decisions: ReviewDecisions) -> None:
    """The accounts 名寄せ made, with split / merge fixes for one of them."""
    with st.container(border=True):
        acc = result.accounts.sort_values("leads", ascending=False, kind="stable")
        shown = translate_codes(acc.head(SHOW_ROWS), lang())  # the weakest link in words
        first = ["account_name", "leads", "weakest_rule", "min_confidence"]
        table(
            shown,
            key=widget_key("cleaning", "accounts_table"),
            column_order=[
                *(c for c in first if c in shown.columns),
                *(c for c in shown.columns if c not in first),
            ],
            column_config={
                **field_columns(shown, lang()),
                "account_name": st.column_config.TextColumn(tr("resolve.col.account"), pinned=True),
                "min_confidence": st.column_config.NumberColumn(
                    tr("resolve.col.min_confidence"), format="%.2f"
                ),
            },
        )
        if len(acc) > SHOW_ROWS:
            st.caption(tr("resolve.shown_rows", shown=SHOW_ROWS, total=len(acc)))
        if not len(acc):
            return
        with st.expander(tr("resolve.fix.title")):
            ids = acc["account_id"].head(SHOW_ROWS).tolist()
            names = dict(zip(acc["account_id"], acc["account_name"].fillna("—"), strict=True))
            chosen = selectbox(
                tr("resolve.fix.account"),
                ids,
                format_func=lambda a: f"{names.get(a)} ({a})",
                key=widget_key("cleaning", "fix_account"),
            )
            # main key: one with an evidence domain first, then the most rows
            ranked = sorted(
                _keys_of(result, chosen).value_counts().items(),
                key=lambda kv: (not str(kv[0]).endswith("|"), kv[1]),
                reverse=True,
            )
            main_key = str(ranked[0][0]) if ranked else None
            to_split = multiselect(
                tr("resolve.fix.split_keys"),
                [str(k) for k, _ in ranked[1:]],
                key=widget_key("cleaning", "fix_split"),
            )
            if st.button(
                tr("resolve.fix.split"),
                key=widget_key("cleaning", "fix_split_btn"),
                disabled=not to_split,
            ):
                new = decisions
                for key in to_split:
                    new = new.add("split", main_key, key)
                save_decisions(new)
                st.rerun()
            other = selectbox(
                tr("resolve.fix.merge_with"),
                [a for a in ids if a != chosen],
                format_func=lambda a: f"{names.get(a)} ({a})",
                key=widget_key("cleaning", "fix_other"),
            )
            other_keys = _keys_of(result, other)
            if st.button(
                tr("resolve.fix.merge"),
                key=widget_key("cleaning", "fix_merge_btn"),
                disabled=not (main_key and len(other_keys)),
            ):
                save_decisions(
                    decisions.add("merge", main_key, str(other_keys.value_counts().index[0]))
                )
                st.rerun()


def _readable_csv(frame: pd.DataFrame, language: str) -> bytes:
    return to_csv_bytes(readable(frame, language))[0]


def downloads(result: CleanResult, decisions: ReviewDecisions) -> None:
    """Kept, merged, excluded, accounts, excluded accounts-file rows and people to
    check as CSV (built on click, headers and reasons in the reader's language);
    decisions as JSON."""
    current = lang()
    with st.container(border=True):
        c1, c2 = st.columns(2)
        groups = (
            ("kept", result.kept),
            ("merged", result.merged),
            ("excluded", result.excluded),
            ("accounts", result.accounts),
            ("excluded_accounts", result.excluded_accounts),
            ("hygiene_review", result.hygiene_review),
        )
        for i, (name, frame) in enumerate(groups):
            (c1 if i % 2 == 0 else c2).download_button(
                tr(K.DOWNLOAD[name]),
                data=auth.guarded(partial(_readable_csv, frame, current)),
                file_name=f"mori_{name}.csv",
                mime="text/csv",
                on_click="ignore",
                key=widget_key("cleaning", f"download.{name}"),
            )
        st.divider()
        st.download_button(
            tr("resolve.decisions.download"),
            data=json.dumps(decisions.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
            file_name="mori_review_decisions.json",
            mime="application/json",
            key=widget_key("cleaning", "decisions_download"),
        )
        upload = st.file_uploader(
            tr("resolve.decisions.upload"),
            type=["json"],
            key=widget_key("cleaning", "decisions_upload"),
        )
        if upload is None or st.session_state.get(K_CLEANING_LOADED) == upload.file_id:
            return
        try:  # the same guards and validator as a settings file: only MoriError comes out
            data = parse_json(upload.getvalue(), file=upload.name, max_bytes=MAX_BYTES)
            loaded = ReviewDecisions.from_dict(data, file=upload.name)
        except MoriError as err:
            st.error(f"{tr('resolve.err.bad_decisions')} {msg(err)}", icon=":material/error:")
        else:
            st.session_state[K_CLEANING_LOADED] = upload.file_id
            save_decisions(loaded)
            st.success(
                tr("resolve.decisions.loaded", count=len(loaded.decisions)), icon=":material/check:"
            )
            st.rerun()
