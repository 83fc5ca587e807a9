"""Cleaning page: the 名寄せ review queue and the optional official registry upload.

The queue puts the decision first, then the two names, their readings, the
evidence each side carries, why the pair was not merged (translated) and the
score; the stable keys a decision is stored under stay in the frame but are
not drawn.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.i18n import keys as K
from abm.resolve import CleanResult, ReviewDecisions, match_registry, read_registry
from abm.resolve.registry import SLIP_KINDS
from abm.ui.shell import msg, tr
from abm.ui.state import (
    K_REGISTRY_LOADED,
    K_REGISTRY_ROWS,
    data_label,
    get_dataset,
    set_dataset,
    set_workspace_section,
    widget_key,
)
from abm.ui.widgets import editor

__all__ = [
    "COLUMN_LABEL",
    "PAIR_REASON",
    "REVIEW_SHOWN", "SHOW_ROWS", "registry_upload", "review", "review_table", "save_decisions",
]  # fmt: skip

#: Rows drawn in the queue; the decisions file and downloads carry every pair.
SHOW_ROWS = 1000
#: Columns drawn, in order: the decision first.
REVIEW_SHOWN = (
    "decision", "company_a", "company_b", "reading_a", "reading_b",
    "evidence_a", "evidence_b", "pair_reason", "score",
)  # fmt: skip


#: Translation key of each reason a pair is in the queue (abm.resolve.REVIEW_REASONS).
PAIR_REASON = {
    "ambiguous_name": "resolve.review.ambiguous_name",
    "ambiguous_reading": "resolve.review.ambiguous_reading",
    "weak_score": "resolve.review.weak_score",
    "short_name": "resolve.review.short_name",
    "digit_conflict": "resolve.review.digit_conflict",
    "distinct_character": "resolve.review.distinct_character",
    "generic_word_conflict": "resolve.review.generic_word_conflict",
    "legal_form_conflict": "resolve.review.legal_form_conflict",
    "ambiguous_match": "resolve.review.ambiguous_match",
}
#: Column labels of the queue, in :data:`REVIEW_SHOWN` order.
COLUMN_LABEL = {
    "decision": "resolve.col.decision",
    "company_a": "resolve.col.company_a",
    "company_b": "resolve.col.company_b",
    "reading_a": "resolve.col.reading_a",
    "reading_b": "resolve.col.reading_b",
    "evidence_a": "resolve.col.evidence_a",
    "evidence_b": "resolve.col.evidence_b",
    "pair_reason": "resolve.col.pair_reason",
    "score": "resolve.col.score",
}
_ACTION = {"confirm": "resolve.action.confirm", "split": "resolve.action.split"}


def save_decisions(d: ReviewDecisions) -> None:
    """Store review decisions in the workspace (they apply everywhere at once)."""
    set_workspace_section("review_decisions", d.to_dict())


def _evidence(domain: pd.Series, number: pd.Series) -> pd.Series:
    parts = pd.DataFrame({"d": domain.astype("string"), "n": number.astype("string")})
    joined = parts["d"].fillna("") + " " + parts["n"].fillna("")
    return joined.str.strip().replace("", "—")


def review_table(queue: pd.DataFrame) -> pd.DataFrame:
    """The review queue as drawn: :data:`REVIEW_SHOWN`, then the stable keys.

    Reason codes become the session's words (``ambiguous_name`` is never
    shown raw); a missing reading is ``—``.
    """
    out = pd.DataFrame(
        {
            "decision": "",
            "company_a": queue["company_a"],
            "company_b": queue["company_b"],
            "reading_a": queue["reading_a"].fillna("—"),
            "reading_b": queue["reading_b"].fillna("—"),
            "evidence_a": _evidence(queue["domain_a"], queue["corporate_number_a"]),
            "evidence_b": _evidence(queue["domain_b"], queue["corporate_number_b"]),
            "pair_reason": queue["reason"].map(lambda r: tr(PAIR_REASON[r])),
            "score": queue["score"],
            "key_a": queue["key_a"],
            "key_b": queue["key_b"],
        },
        index=queue.index,
    )
    return out


def review(result: CleanResult, decisions: ReviewDecisions) -> None:
    """The 名寄せ review queue (drawn inside the caller's container): confirm or split
    pairs the rules would not merge on their own."""
    st.caption(tr("resolve.review.help"))
    st.caption(tr("resolve.review.count", count=len(decisions.decisions)))
    queue = result.review
    if queue.empty:
        st.info(tr("resolve.review.empty"), icon=":material/check:")
    else:
        shown = review_table(queue.head(SHOW_ROWS))
        label = {c: tr(COLUMN_LABEL[c]) for c in REVIEW_SHOWN}
        text = st.column_config.TextColumn
        edited = editor(
            shown,
            column_order=list(REVIEW_SHOWN),
            disabled=[c for c in shown.columns if c != "decision"],
            column_config={
                # the decision stays in view while the names and evidence scroll beside it
                # (Streamlit drops every pin when pinned columns fill 60% of the table)
                "decision": st.column_config.SelectboxColumn(
                    label["decision"],
                    options=["", "confirm", "split"],
                    format_func=lambda a: tr(_ACTION[a]) if a else tr("resolve.action.none"),
                    pinned=True,
                    width=170,
                ),
                **{c: text(label[c]) for c in REVIEW_SHOWN[1:-1]},
                "company_a": text(label["company_a"], width="medium"),
                "company_b": text(label["company_b"], width="medium"),
                "pair_reason": text(label["pair_reason"], width="large"),
                "score": st.column_config.NumberColumn(label["score"], format="%.1f"),
            },
            key=widget_key("cleaning", f"review_editor.{len(decisions.decisions)}"),
        )
        if len(queue) > SHOW_ROWS:
            st.caption(tr("resolve.shown_rows", shown=SHOW_ROWS, total=len(queue)))
        if st.button(
            tr("resolve.review.apply"), key=widget_key("cleaning", "apply"), type="primary"
        ):
            chosen = edited[edited["decision"].isin(["confirm", "split"])]
            new = decisions
            for a, x, y in zip(chosen["decision"], chosen["key_a"], chosen["key_b"], strict=True):
                new = new.add(str(a), str(x), str(y))
            save_decisions(new)
            st.success(tr("resolve.review.applied", count=len(chosen)), icon=":material/check:")
            st.rerun()
    if decisions.decisions and st.button(
        tr("resolve.review.clear"), key=widget_key("cleaning", "clear")
    ):
        save_decisions(ReviewDecisions())
        st.rerun()


def registry_upload() -> None:
    """Upload an official registry (NTA bulk CSV / EDINET code list): leads it names get
    its corporate number, official name, reading and English name, and 名寄せ uses them."""
    ds = get_dataset()
    if ds is None or "company" not in ds.leads.columns:
        return
    with st.expander(tr("resolve.registry.title")):
        st.caption(tr("resolve.registry.help"))
        if "registry_corporate_number" in ds.leads.columns:
            st.caption(
                tr(
                    "resolve.registry.loaded",
                    rows=st.session_state.get(K_REGISTRY_ROWS, 0),
                    matched=int(ds.leads["registry_corporate_number"].notna().sum()),
                )
            )
            how = ds.leads.get("registry_match", pd.Series(dtype="string"))
            slips = int(how.isin(SLIP_KINDS).sum())
            if slips:
                column = tr(K.FIELD["registry_match"])
                st.caption(tr("resolve.registry.slips", slips=slips, column=column))
        upload = st.file_uploader(
            tr("resolve.registry.upload"),
            type=["csv", "zip"],
            key=widget_key("cleaning", "registry_upload"),
        )
        if upload is None or st.session_state.get(K_REGISTRY_LOADED) == upload.file_id:
            return
        try:
            registry = read_registry(upload.getvalue(), file=upload.name)
        except MoriError as err:
            st.error(msg(err), icon=":material/error:")
            return
        st.session_state[K_REGISTRY_LOADED] = upload.file_id
        st.session_state[K_REGISTRY_ROWS] = len(registry)
        set_dataset(replace(ds, leads=match_registry(ds.leads, registry)), label=data_label())
        st.rerun()
