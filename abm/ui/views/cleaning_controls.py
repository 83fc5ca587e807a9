"""Cleaning page inputs: the 名寄せ threshold and the 営業対象外 rules, with save buttons.

Unsaved settings are a preview: the page shows what they would do, while
every analysis page keeps using the saved ones until they are saved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from abm.i18n import keys as K
from abm.resolve import ExclusionRules, ResolveConfig, ReviewDecisions
from abm.ui import auth
from abm.ui.shell import lang, msg, tr
from abm.ui.state import (
    K_CLEANING_FLASH,
    cleaning_problems,
    cleaning_settings,
    set_workspace_section,
    widget_key,
)
from abm.ui.views.cleaning_review import registry_upload

__all__ = ["LIST_FIELDS", "RULE_TOGGLES", "Choice", "controls", "save_decisions"]

LIST_FIELDS = (
    "own_names",
    "own_domains",
    "competitor_names",
    "competitor_domains",
    "partner_names",
    "partner_domains",
    "customer_names",
    "customer_domains",
)
#: (ExclusionRules switch, reason it excludes with)
RULE_TOGGLES = (
    ("internal", "internal"),
    ("competitors", "competitor"),
    ("partners", "partner"),
    ("customers", "customer"),
    ("students", "student"),
    ("schools", "school"),
    ("free_mail", "free_mail"),
    ("test", "test"),
    ("unsubscribed", "unsubscribed"),
    ("bounced", "bounced"),
)


@dataclass(frozen=True)
class Choice:
    """The cleaning settings on screen and whether they are the saved ones."""

    config: ResolveConfig
    rules: ExclusionRules
    decisions: ReviewDecisions
    saved: bool


def save_decisions(d: ReviewDecisions) -> None:
    """Store review decisions in the workspace (they apply everywhere at once)."""
    set_workspace_section("review_decisions", d.to_dict())


def _saved(key: str) -> None:
    """After a save: keep its message for the next run and run the page again, so the
    sidebar (drawn before the page) counts the data the saved settings clean (QA-S: it
    said 3,673 people in 708 accounts while the page showed 3,598 in 701)."""
    st.session_state[K_CLEANING_FLASH] = auth.saved_text(key, lang())
    st.rerun()


def _flash() -> None:
    """The message of the save that started this run, once."""
    said = st.session_state.pop(K_CLEANING_FLASH, None)
    if said is None:
        return
    kind, text = said
    if kind == "success":
        st.success(text, icon=":material/check:")
    else:
        st.info(text, icon=":material/visibility:")


def _lines(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.splitlines() if x.strip())


def _rules(saved: ExclusionRules) -> tuple[ExclusionRules, bool]:
    """The rules expander; return the rules on screen and whether they were just saved."""
    with st.expander(tr("resolve.rules.title")):
        c1, c2 = st.columns(2)
        lists = {
            field: _lines(
                (c1 if i % 2 == 0 else c2).text_area(
                    tr(K.RULE_FIELD[field]),
                    value="\n".join(getattr(saved, field)),
                    height=90,
                    key=widget_key("cleaning", f"{field}"),
                )
            )
            for i, field in enumerate(LIST_FIELDS)
        }
        cols = st.columns(3)  # four to a row cut the longer reasons at 1280 px (QA-I)
        toggles = {
            field: cols[i % 3].toggle(
                tr(K.EXCLUSION_REASON[reason]),
                value=getattr(saved, field),
                key=widget_key("cleaning", f"rule.{field}"),
            )
            for i, (field, reason) in enumerate(RULE_TOGGLES)
        }
        free_all = st.toggle(
            tr("resolve.rules.free_mail_all"),
            value=saved.free_mail_all,
            key=widget_key("cleaning", "rule.free_mail_all"),
        )
        rules = replace(saved, **lists, **toggles, free_mail_all=free_all)
        if st.button(tr("resolve.rules.save"), key=widget_key("cleaning", "save_rules")):
            set_workspace_section("exclusion_rules", rules.to_dict())
            _saved("resolve.rules.saved")
            return rules, True
    return rules, False


def controls() -> Choice:
    """Draw the threshold slider and the rules; return the settings on screen."""
    for err in cleaning_problems():
        st.warning(msg(err), icon=":material/warning:")
    _flash()
    saved_config, saved_rules, decisions = cleaning_settings()
    with st.container(border=True):
        c_thr, c_save = st.columns([4, 1], vertical_alignment="bottom")
        threshold = c_thr.slider(
            tr("resolve.page.threshold"),
            min_value=80,
            max_value=100,
            value=int(saved_config.threshold),
            step=1,
            help=tr("resolve.page.threshold_help"),
            key=widget_key("cleaning", "threshold"),
        )
        rules, rules_saved = _rules(saved_rules)
        registry_upload()
    if rules_saved:
        saved_rules = rules
    config = replace(
        saved_config,
        threshold=float(threshold),
        review_threshold=min(saved_config.review_threshold, float(threshold)),
    )
    if c_save.button(
        tr("resolve.page.save_threshold"), key=widget_key("cleaning", "save_threshold")
    ):
        set_workspace_section("matching", config.to_dict())
        saved_config = config
        _saved("resolve.page.threshold_saved")
    return Choice(config, rules, decisions, config == saved_config and rules == saved_rules)
