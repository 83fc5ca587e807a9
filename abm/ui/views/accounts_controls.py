"""Accounts page inputs: the roll-up and tier settings (instant sliders) and the filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from abm import accounts as acc
from abm.core.activities import ACTIVITY_KINDS, ENGAGEMENT_WEIGHTS
from abm.core.format import fmt_list, money_size
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import auth
from abm.ui.shell import msg, tr
from abm.ui.state import (
    K_ACCOUNTS_CAPACITY,
    K_ACCOUNTS_SETTINGS,
    get_workspace,
    set_workspace_section,
    widget_key,
)
from abm.ui.widgets import filters_line, multiselect

__all__ = [
    "Filters", "Settings", "capacity_note", "current", "data_industries", "filters", "saved",
    "settings",
]  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Roll-up, tier rules and action-list settings in force on this run."""

    rules: acc.TierRules
    rollup: acc.RollupSettings
    actions: acc.ActionSettings


@dataclass(frozen=True)
class Filters:
    """The sidebar's account filters."""

    tiers: tuple[str, ...]
    industry: tuple[str, ...]
    min_fit: int
    customers: str

    def mask(self, scored: pd.DataFrame) -> pd.Series:
        """Rows of ``scored`` that pass the filters (a boolean array)."""
        keep = scored["tier"].astype("string").isin(self.tiers).to_numpy(dtype=bool).copy()
        if self.industry:
            keep &= (
                scored["industry"].astype("string").isin(self.industry).fillna(False)
            ).to_numpy(dtype=bool)
        keep &= scored["fit"].fillna(0).to_numpy(dtype=float) >= self.min_fit
        if self.customers != "all":
            keep &= scored["is_customer"].to_numpy(dtype=bool) == (self.customers == "customers")
        return keep


def saved() -> tuple[acc.TierRules, acc.RollupSettings, acc.ActionSettings]:
    """The saved ``tier_rules`` section (defaults, with a message, when it is invalid)."""
    try:
        return acc.load_section(get_workspace().section("tier_rules"), size=money_size())
    except MoriError as err:  # a hand-edited settings file: say so, use the defaults
        st.error(msg(err), icon=":material/error:")
        return acc.load_section(None, size=money_size())


def _slider(
    label_key: str, lo: float, hi: float, value: float, key: str, step: float | None = None
) -> float:
    return st.slider(tr(label_key), lo, hi, value, step, key=key)


def _weights(lang: str) -> str:
    """Every kind that adds to an account's engagement with its weight against a page view
    (the help of the roll-up method), from the one table the roll-up reads."""
    w = dict(zip(ACTIVITY_KINDS, ENGAGEMENT_WEIGHTS, strict=True))
    sep = "、" if lang == "ja" else ", "
    return sep.join(f"{t(K.CATEGORY[k], lang)} {v:g}" for k, v in w.items() if v > 0)


def settings(lang: str, *, poor_fit: bool = False, industries: Iterable[str] = ()) -> Settings:
    """The settings expander: engagement method, half-life, roles, target industries,
    weights, tier thresholds (``poor_fit``: the ABM-fit verdict is poor — the capacities say
    what tiers are for then; ``industries``: the data's, offered as targets)."""
    saved_rules, saved_rollup, saved_actions = saved()
    with st.expander(tr("accounts.page.settings"), icon=":material/tune:"):
        c1, c2, c3 = st.columns(3)
        method = c1.segmented_control(
            tr("accounts.page.method"),
            list(acc.ENGAGEMENT_METHODS),
            default=saved_rollup.engagement_method,
            format_func=lambda k: t(K.ENGAGEMENT_METHOD[k], lang),
            required=True,
            key=widget_key("accounts", "method"),
            help=tr("accounts.page.method_help", weights=_weights(lang)),
        )
        with c2:
            half_life = _slider(
                "accounts.page.half_life",
                7,
                180,
                int(saved_rollup.half_life_days),
                widget_key("accounts", "half_life"),
            )
        required = multiselect(
            tr("accounts.page.required_roles"),
            list(acc.ROLES),
            where=c3,
            default=list(saved_rollup.required_roles),
            format_func=lambda r: t(K.ROLE[r], lang),
            key=widget_key("accounts", "required_roles"),
        )
        targets, off_target = _industries(saved_rollup, industries)
        st.markdown(f"**{tr('accounts.page.weights')}**")
        weights = []
        for col, k in zip(
            st.columns(4), ("fit", "engagement", "coverage", "pipeline"), strict=True
        ):
            with col:
                value = float(getattr(saved_rules, f"weight_{k}"))
                weights.append(
                    _slider(
                        K.TIER_WEIGHT[k], 0.0, 1.0, value, widget_key("accounts", f"w_{k}"), 0.05
                    )
                )
        st.markdown(f"**{tr('accounts.page.thresholds')}**")
        row1, row2 = st.columns(3), st.columns(3)
        cuts = []
        for col, (field, name) in zip(
            [*row1, *row2[:2]],
            (
                ("tier1_score", "t1"),
                ("tier2_score", "t2"),
                ("tier3_score", "t3"),
                ("tier1_fit", "f1"),
                ("tier2_fit", "f2"),
            ),
            strict=True,
        ):
            with col:
                value = int(getattr(saved_rules, field))
                cuts.append(
                    float(_slider(K.TIER_CUT[field], 0, 100, value, widget_key("accounts", name)))
                )
        with row2[2]:
            cover = int(saved_rules.tier1_coverage * 100)
            c1min = _slider(
                "accounts.page.tier1_coverage", 0, 100, cover, widget_key("accounts", "c1"), 10
            )
        capacities = _capacities(saved_rules, lang, poor_fit=poor_fit)
        rules = acc.TierRules(*weights, *cuts, c1min / 100, *capacities)
        roll_cfg = replace(
            saved_rollup,
            engagement_method=method,
            half_life_days=float(half_life),
            required_roles=tuple(r for r in acc.ROLES if r in required),
            target_industries=targets,
            off_target_factor=off_target,
        )
        if st.button(
            tr("accounts.page.save"), icon=":material/save:", key=widget_key("accounts", "save")
        ):
            set_workspace_section("tier_rules", acc.section_dict(rules, roll_cfg, saved_actions))
            auth.say_saved("accounts.page.saved")
    if poor_fit:  # under the (folded) settings, in sight: 20 Tier 1 places are not 1:1 ABM
        st.info(tr("accounts.page.poor_fit"), icon=":material/info:")
    chosen = Settings(rules, roll_cfg, saved_actions)
    st.session_state[K_ACCOUNTS_SETTINGS] = chosen  # the account story counts the same way
    return chosen


def data_industries(ds: Dataset) -> list[str]:
    """The industries the leads and the accounts file name, each once."""
    frames = [f for f in (ds.leads, ds.accounts) if f is not None and "industry" in f.columns]
    if not frames:
        return []
    values = pd.concat([f["industry"].astype("string") for f in frames])
    return values.dropna().str.strip().unique().tolist()


def _industries(
    saved: acc.RollupSettings, industries: Iterable[str]
) -> tuple[tuple[str, ...], float]:
    """The target industries (the data's, and those saved) and the factor the fit of an
    account outside them is multiplied by (QA-M: banks, trading houses and utilities got fit
    100 at a maker of factory parts — the lead scoring had industry points, the accounts'
    fit none)."""
    offered = sorted(
        {str(i).strip() for i in industries if str(i).strip()} | set(saved.target_industries)
    )
    c1, c2 = st.columns([3, 1])
    chosen = multiselect(
        tr("accounts.page.target_industries"),
        offered,
        where=c1,
        default=[i for i in saved.target_industries if i in offered],
        help=tr("accounts.page.target_industries_help"),
        placeholder=tr("accounts.page.target_industries_all"),
        key=widget_key("accounts", "industries"),
    )
    factor = c2.slider(
        tr("accounts.page.off_target_factor"),
        0.0,
        1.0,
        float(saved.off_target_factor),
        0.1,
        disabled=not chosen,
        key=widget_key("accounts", "off_target"),
    )
    return tuple(chosen), float(factor)


def current() -> Settings:
    """The settings the accounts page last ran with, else the saved ones (for the account story)."""
    found = st.session_state.get(K_ACCOUNTS_SETTINGS)
    if isinstance(found, Settings):  # revenue bands in today's currency (review: the story
        # ranked with yen bands after a switch to dollars on the Data page)
        return replace(found, rollup=found.rollup.in_currency(money_size()))
    return Settings(*saved())


def capacity_note(tier: str, capacity: int, lang: str) -> str:
    """A tier's capacity against the ABM-fit advice (the words the ABM-fit page uses too)."""
    lo, hi = acc.CAPACITY_ADVICE[tier]
    return t(K.CAPACITY_STATUS[acc.capacity_status(tier, capacity)], lang, lo=lo, hi=hi)


def _capacities(saved_rules: acc.TierRules, lang: str, *, poor_fit: bool) -> list[int]:
    """Three inputs: how many accounts the team can work 1:1, 1:few and 1:many (against the
    ABM-fit advice — unless ABM is a poor fit: :func:`settings` says what tiers are for then)."""
    st.markdown(f"**{tr('accounts.page.capacity')}**")
    st.caption(tr("accounts.page.capacity_caption"))
    out = []
    for col, tier, key in zip(st.columns(3), acc.TIERS[:3], K_ACCOUNTS_CAPACITY, strict=True):
        with col:
            value = st.number_input(
                tr(K.TIER_CAPACITY[tier.replace("_", "") + "_capacity"]),
                min_value=0,
                max_value=100_000,
                value=int(saved_rules.capacity(tier)),
                step=5,
                key=key,
            )
            out.append(int(value))
            if poor_fit:  # the advice is for ABM programmes
                continue
            status = acc.capacity_status(tier, int(value))
            icon = ":material/check:" if status == "within" else ":material/warning:"
            st.caption(f"{icon} {capacity_note(tier, int(value), lang)}")
    return out


def filters(scored: pd.DataFrame, lang: str) -> Filters:
    """Sidebar filters: tiers, industry, minimum fit, customers or prospects."""
    with st.sidebar:
        st.subheader(tr("accounts.page.filters"))
        tiers = multiselect(
            tr("accounts.page.tiers"),
            list(acc.TIERS),
            default=list(acc.TIERS[:3]),
            format_func=lambda k: t(K.TIER[k], lang),
            key=widget_key("accounts", "filter.tiers"),
        )
        industries = sorted(scored["industry"].dropna().astype(str).unique().tolist())
        industry = multiselect(
            tr("accounts.page.industry"),
            industries,
            key=widget_key("accounts", "filter.industry"),
            placeholder=tr("accounts.page.industry_all"),
        )
        min_fit = st.slider(
            tr("accounts.page.min_fit"), 0, 100, 0, key=widget_key("accounts", "filter.min_fit")
        )
        customers = st.segmented_control(
            tr("accounts.page.customers"),
            ["all", "prospects", "customers"],
            default="all",
            format_func=lambda k: t(K.CUSTOMER_FILTER[k], lang),
            required=True,
            key=widget_key("accounts", "filter.customers"),
        )
    chosen = Filters(tuple(tiers), tuple(industry), int(min_fit), customers)
    _summary(chosen, lang)
    return chosen


def _summary(chosen: Filters, lang: str) -> None:
    """While presenting (the sidebar folded away), the filters and capacities in one line."""
    rules = current().rules
    filters_line(
        [
            tr(
                "accounts.line.tiers",
                tiers=fmt_list((t(K.TIER_SHORT[k], lang) for k in chosen.tiers), lang),
            ),
            tr("accounts.line.industry", industry=fmt_list(chosen.industry, lang))
            if chosen.industry
            else "",
            tr("accounts.line.min_fit", min_fit=chosen.min_fit) if chosen.min_fit else "",
            t(K.CUSTOMER_FILTER[chosen.customers], lang) if chosen.customers != "all" else "",
            tr(
                "accounts.line.capacity",
                t1=rules.capacity("tier_1"),
                t2=rules.capacity("tier_2"),
                t3=rules.capacity("tier_3"),
            ),
        ]
    )
