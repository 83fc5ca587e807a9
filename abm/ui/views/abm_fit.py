"""ABM fit page: thresholds, the verdict, its evidence, and what to do next.

The verdict rests on indicators computed from the account roll-up (the same
memo as the accounts page): how much won and pipeline comes from large
companies, contacts and departments per account, deal-size spread, and the
share of small buyers where one or two executives decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from abm import accounts as acc
from abm.accounts.charts import band_figure, indicator_figure
from abm.accounts.fit import LARGE_REVENUE
from abm.core.format import NA_TEXT, currency, currency_unit, fmt_pct, money_size
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import auth, widgets
from abm.ui.shell import lang as session_lang
from abm.ui.shell import msg, tr
from abm.ui.state import get_workspace, session_memo, set_workspace_section, widget_key
from abm.ui.views.accounts_controls import capacity_note
from abm.ui.views.accounts_controls import saved as saved_tiers
from abm.ui.views.accounts_results import rollup

__all__ = [
    "basis_help", "compute", "evidence", "next_steps", "saved_result", "settings", "verdict",
]  # fmt: skip

VERDICT_BOX = {"good": st.success, "partial": st.warning, "poor": st.error, "insufficient": st.info}
VERDICT_ICON = {
    "good": ":material/check_circle:",
    "partial": ":material/adjust:",
    "poor": ":material/cancel:",
    "insufficient": ":material/help:",
}


def _one_decimal(x: float, lang: str) -> str:
    return f"{x:.1f}"


def _times(x: float, lang: str) -> str:
    return f"{x:.1f}×"


#: How each indicator reads (shares through abm.core.format, like every page).
FORMATS: dict[str, Callable[[float, str], str]] = {
    "large_won_share": fmt_pct,
    "large_pipeline_share": fmt_pct,
    "median_contacts": _one_decimal,
    "median_departments": _one_decimal,
    "deal_spread": _times,
    "small_buyer_share": fmt_pct,
}


def _revenue_step() -> float:
    """The unit of the revenue threshold's input: 億 (1e8) in yen, millions otherwise."""
    return 1e8 if currency() == "JPY" else 1e6


def _revenue_unit() -> str:
    """That unit named: ``億円`` / ``100M yen``, ``百万ドル`` / ``millions USD``."""
    if currency() == "JPY":
        return tr("accounts.fitpage.unit_oku")
    return tr("accounts.fitpage.unit_million", unit=currency_unit(session_lang()))


def _saved() -> tuple[acc.AbmFitSettings, acc.RollupSettings]:
    ws = get_workspace()
    try:
        section = ws.section("abm_fit") or {}
        saved = acc.AbmFitSettings.from_dict(section)
        if "large_revenue" not in section:  # the default in the workspace's currency
            saved = replace(saved, large_revenue=LARGE_REVENUE.get(currency(), 1e10))
        _, roll_cfg, _ = acc.load_section(ws.section("tier_rules"), size=money_size())
    except MoriError as err:  # a hand-edited settings file: say so, use the defaults
        st.error(msg(err), icon=":material/error:")
        return acc.AbmFitSettings(), acc.RollupSettings().in_currency(money_size())
    return saved, roll_cfg


def settings() -> tuple[acc.AbmFitSettings, acc.RollupSettings]:
    """The thresholds expander (settings section ``abm_fit``); return it and the roll-up settings."""
    saved, roll_cfg = _saved()
    with st.expander(tr("accounts.fitpage.settings"), icon=":material/tune:"):
        numbers = {
            name: col.number_input(
                tr(label, unit=_revenue_unit()), lo, hi, value, step, key=widget_key("abm_fit", name)
            )
            for col, (name, label, lo, hi, value, step) in zip(
                st.columns(3),
                (
                    ("large_employees", "accounts.fitpage.large_employees", 10, 100_000,
                     int(saved.large_employees), 50),
                    ("large_revenue", "accounts.fitpage.large_revenue", 1, 100_000,
                     min(max(int(saved.large_revenue / _revenue_step()), 1), 100_000), 10),
                    ("smb_employees", "accounts.fitpage.smb_employees", 1, 10_000,
                     int(saved.smb_employees), 10),
                ),
                strict=True,
            )
        }  # fmt: skip
        shares = {
            name: col.slider(tr(label), lo, hi, value, step, key=widget_key("abm_fit", name))
            for col, (name, label, lo, hi, value, step) in zip(
                st.columns(3),
                (
                    ("share_good", "accounts.fitpage.large_share_good", 0, 100,
                     int(saved.large_share_good * 100), 5),
                    ("contacts_good", "accounts.fitpage.contacts_good", 1.0, 10.0,
                     float(saved.contacts_good), 0.5),
                    ("small_poor", "accounts.fitpage.small_share_poor", 0, 100,
                     int(saved.small_share_poor * 100), 5),
                ),
                strict=True,
            )
        }  # fmt: skip
        chosen = replace(
            saved,
            large_employees=float(numbers["large_employees"]),
            large_revenue=float(numbers["large_revenue"]) * _revenue_step(),
            smb_employees=float(numbers["smb_employees"]),
            large_share_good=shares["share_good"] / 100,
            contacts_good=float(shares["contacts_good"]),
            small_share_poor=shares["small_poor"] / 100,
        )
        if st.button(
            tr("accounts.page.save"), icon=":material/save:", key=widget_key("abm_fit", "save")
        ):
            set_workspace_section("abm_fit", chosen.to_dict())
            auth.say_saved("accounts.page.saved")
    return chosen, roll_cfg


def compute(
    ds: Dataset, fit: acc.AbmFitSettings, roll_cfg: acc.RollupSettings, as_of: pd.Timestamp
) -> acc.AbmFitResult:
    """The roll-up (shared with the accounts page) and the diagnosis, memoised."""
    rolled = rollup(ds, roll_cfg, as_of)
    return session_memo(
        "abm_fit.result",
        (roll_cfg, fit, as_of),
        lambda: acc.diagnose_abm_fit(
            rolled, opportunities=ds.opportunities, settings=fit, as_of=as_of
        ),
    )


def verdict(result: acc.AbmFitResult) -> None:
    """The verdict card and how many indicators it rests on."""
    with st.container(border=True):
        st.subheader(tr("accounts.fitpage.verdict"))
        VERDICT_BOX[result.verdict](
            tr(K.FIT_VERDICT[result.verdict]), icon=VERDICT_ICON[result.verdict]
        )
        known = sum(i.status != "unknown" for i in result.indicators)
        st.caption(
            tr(
                "accounts.fitpage.basis",
                known=known,
                total=len(result.indicators),
                score=fmt_pct(result.score),
            )
        )


def evidence(result: acc.AbmFitResult, lang: str) -> None:
    """Each indicator with its good / poor bands, and the two charts."""
    with st.container(border=True):
        st.subheader(tr("accounts.fitpage.indicators"))
        # two to a row: "顧客・商談中の企業あたりの部署数（中央値）" must fit at 1280 px
        cols = st.columns(2)
        for n, ind in enumerate(result.indicators):
            fmt = FORMATS[ind.key]
            with cols[n % 2].container(border=True):
                value = NA_TEXT if ind.value is None else fmt(ind.value, lang)
                st.metric(t(ind.label_key, lang), value, help=basis_help(ind, lang))
                st.caption(
                    tr(
                        "accounts.fitpage.indicator_note",
                        status=t(K.FIT_STATUS[ind.status], lang),
                        good=fmt(ind.good, lang),
                        poor=fmt(ind.poor, lang),
                        n=ind.population,
                    )
                )
    left, right = st.columns(2)
    with left.container(border=True):
        st.subheader(tr("accounts.fitpage.chart_indicators"))
        widgets.chart(indicator_figure(result, lang), key=widget_key("abm_fit", "indicators"))
    with right.container(border=True):
        st.subheader(tr("accounts.fitpage.chart_bands"))
        widgets.chart(band_figure(result, lang), key=widget_key("abm_fit", "bands"))


def basis_help(ind: acc.Indicator, lang: str) -> str | None:
    """Which accounts a per-account median counts (QA-N: "対象 78" beside 148 accounts with
    a deal on the accounts page: lost-only accounts are no buyers); None for the others.

    Parameters
    ----------
    ind : abm.accounts.Indicator
    lang : str
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str or None
    """
    if ind.basis == "buyers":
        return t("accounts.fitpage.buyers_help", lang, n=ind.population)
    if ind.basis == "accounts":
        return t("accounts.fitpage.all_accounts_help", lang, n=ind.population)
    return None


def saved_result(ds: Dataset, as_of: pd.Timestamp) -> acc.AbmFitResult:
    """The verdict with the saved thresholds, as this page gives it (:func:`compute`'s memo):
    the accounts page says what it means for the tiers."""
    fit, roll_cfg = _saved()
    return compute(ds, fit, roll_cfg, as_of)


def capacity_text(result: acc.AbmFitResult, lang: str) -> str:
    """The accounts page's tier capacities against the advice, in the words that page uses
    (a poor verdict: no ABM capacity advice, what the tiers are for instead)."""
    rules = saved_tiers()[0]
    sizes = {"t1": rules.tier1_capacity, "t2": rules.tier2_capacity, "t3": rules.tier3_capacity}
    if result.verdict == "poor":
        return t("accounts.fitpage.capacity_poor", lang, **sizes)
    notes = {
        f"s{n}": capacity_note(tier, rules.capacity(tier), lang)
        for n, tier in enumerate(acc.TIERS[:3], start=1)
    }
    return t("accounts.fitpage.capacity", lang, **sizes, **notes)


def next_steps(result: acc.AbmFitResult) -> None:
    """What to do next, and the way to the target accounts."""
    with st.container(border=True):
        st.subheader(tr("accounts.fitpage.next"))
        for step in result.next_steps:  # catalog text only, never uploaded values
            st.markdown(f"- {tr(step, **result.advice_params())}")
        st.caption(capacity_text(result, session_lang()))
        st.page_link("pages/6_Accounts.py", label=tr("nav.accounts"), icon=":material/apartment:")
