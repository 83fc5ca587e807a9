"""QA-K (an industrial-equipment maker's HubSpot + Sansan exports): the ABM-fit advice agrees
with the figure it sits beside, and every rank says what it counts.

1. "Deal sizes are almost constant" was advised beside a deal-size spread of 4.9× (deals
   ¥2M–¥90M): a weak indicator's wording now holds for its value — "nearly uniform" only
   up to :data:`abm.accounts.fit.UNIFORM_SPREAD` (2.0× as the page shows it), a partial
   share of pipeline or of small buyers is not "little" or "most".
2. The ranking's title said "top 374 of 374" (the rows the filters keep) beside reasons and
   a story counting "rank 1 of 434": the title now names both, the ranks' count being the
   reasons' (the accounts that can be targets).
"""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from abm.accounts import TierRules, reasons_text, rollup_accounts, score_accounts
from abm.accounts.fit import UNIFORM_SPREAD, AbmFitResult, diagnose_abm_fit
from abm.i18n import keys as K
from abm.i18n import t
from abm.resolve import ExclusionRules
from abm.ui import state

# ---------------------------------------------------------------- 1. ABM-fit advice

#: The QA file's won deals in shape: ¥2M–¥90M, median ¥13.1M, P10 ¥10M, P90 ¥49M (4.9×).
QA_DEALS = [2e6, 10e6, 12e6, 13e6, 13.1e6, 13.1e6, 14e6, 20e6, 30e6, 49e6, 90e6]


def _rollup(n: int = 11, *, small: int = 0, contacts: float = 9.0) -> pd.DataFrame:
    """``n`` buying accounts (large unless among the first ``small``, which are SMBs)."""
    employees = [30 if i < small else 3000 for i in range(n)]
    return pd.DataFrame(
        {
            "account_name": [f"会社{i}株式会社" for i in range(n)],
            "employees": pd.array(employees, dtype="Int64"),
            "annual_revenue": pd.array([None] * n, dtype="Float64"),
            "won_revenue": [1e7] * n,
            "open_pipeline": [0.0] * n,
            "is_customer": [True] * n,
            "contacts": [contacts] * n,
            "departments": [3.0] * n,
        }
    )


def _deals(amounts: list[float]) -> pd.DataFrame:
    n = len(amounts)
    return pd.DataFrame(
        {
            "opportunity_id": pd.array([f"O{i}" for i in range(n)], dtype="string"),
            "amount": pd.array(amounts, dtype="Float64"),
            "is_won": pd.array([True] * n, dtype="boolean"),
            "is_closed": pd.array([True] * n, dtype="boolean"),
        }
    )


def _said(result: AbmFitResult, lang: str) -> list[str]:
    return [t(k, lang, **result.advice_params()) for k in result.next_steps]


def _spread(result: AbmFitResult):
    return next(i for i in result.indicators if i.key == "deal_spread")


def test_a_spread_of_4_9_is_not_called_nearly_uniform():
    result = diagnose_abm_fit(_rollup(), opportunities=_deals(QA_DEALS))
    spread = _spread(result)
    assert spread.value == pytest.approx(4.9) and spread.status == "partial"
    assert result.verdict == "good"
    assert K.FIT_NEXT["deal_spread"] not in result.next_steps
    assert "accounts.fit.next.deal_spread_moderate" in result.next_steps
    ja, en = " ".join(_said(result, "ja")), " ".join(_said(result, "en"))
    assert "ほぼ一定" not in ja and "nearly uniform" not in en
    assert "4.9" in ja and "4.9×" in en  # the figure the tile beside it shows


def test_nearly_uniform_deals_are_said_so_with_their_figure():
    result = diagnose_abm_fit(_rollup(), opportunities=_deals([10e6] * 6 + [15e6] * 6))
    assert _spread(result).status == "poor"
    assert K.FIT_NEXT["deal_spread"] in result.next_steps
    en = " ".join(_said(result, "en"))
    assert "nearly uniform (P90/P10 1.5×)" in en


@pytest.mark.parametrize(
    ("top", "shown", "uniform"),
    [(204.0, "2.0×", True), (206.0, "2.1×", False)],
)
def test_uniform_is_judged_on_the_figure_as_shown(top, shown, uniform):
    """At the 2.0× bound the words follow the one-decimal figure on the tile."""
    result = diagnose_abm_fit(_rollup(), opportunities=_deals([100.0] * 6 + [top] * 6))
    assert f"{_spread(result).value:.1f}×" == shown
    assert (K.FIT_NEXT["deal_spread"] in result.next_steps) is uniform
    assert ("accounts.fit.next.deal_spread_moderate" in result.next_steps) is not uniform
    assert UNIFORM_SPREAD == 2.0


def test_a_poor_verdict_says_a_partial_small_buyer_share_as_part_not_most():
    # 3 of 10 buyers are SMBs (30 %, partial); one contact each and uniform deals: poor
    rollup = _rollup(10, small=3, contacts=1.0).assign(departments=1.0, won_revenue=1e6)
    rollup.loc[:2, "won_revenue"] = 5e6  # most won revenue from the SMBs: large share poor
    result = diagnose_abm_fit(rollup, opportunities=_deals([10e6] * 6 + [11e6] * 6))
    share = next(i for i in result.indicators if i.key == "small_buyer_share")
    assert share.status == "partial" and share.value == pytest.approx(0.3)
    assert result.verdict == "poor"
    assert K.FIT_SEEN["small_buyer_share"] not in result.next_steps
    en = " ".join(_said(result, "en"))
    assert "Most buyers" not in en and "Part of the buyers" in en


def test_a_partial_pipeline_share_is_not_called_little():
    rollup = _rollup(10, small=3)
    rollup["open_pipeline"] = [6e6] * 3 + [1e6] * 7  # 7 of 25 from large accounts: 28 %
    result = diagnose_abm_fit(rollup, opportunities=_deals(QA_DEALS))
    share = next(i for i in result.indicators if i.key == "large_pipeline_share")
    assert share.status == "partial"
    assert result.verdict != "poor"
    assert K.FIT_NEXT["large_pipeline_share"] not in result.next_steps
    en = " ".join(_said(result, "en"))
    assert "Little pipeline" not in en and "Only part of the open pipeline" in en


def test_every_step_renders_in_both_languages_with_the_results_params():
    for amounts in (QA_DEALS, [10e6] * 12):
        result = diagnose_abm_fit(_rollup(), opportunities=_deals(amounts))
        for lang in ("ja", "en"):
            assert all("{" not in text for text in _said(result, lang))


# ---------------------------------------------------------------- 2. one rank denominator


def _scored() -> pd.DataFrame:
    """アクメ and ベータ in a tier, ガンマ targetable but under Tier 3's score, a competitor
    excluded."""

    def s(values):
        return pd.array(values, dtype="string")

    companies = (
        ["株式会社アクメ"] * 3 + ["ベータ株式会社"] * 2 + ["ガンマ株式会社", "ライバル株式会社"]
    )
    leads = pd.DataFrame(
        {
            "lead_id": s([f"L{i}" for i in range(7)]),
            "company": s(companies),
            "title": s(
                ["代表取締役", "情報システム部長", "購買課長", "部長", "課長", None, "部長"]
            ),
            "employees": pd.array([5000, None, None, 800, None, None, 600], dtype="Int64"),
            "created_at": pd.to_datetime(["2024-01-10"] * 7),
        }
    )
    rolled = rollup_accounts(leads, as_of=pd.Timestamp("2024-06-30"))
    rules = ExclusionRules(competitor_names=("ライバル株式会社",))
    return score_accounts(rolled, TierRules(), exclusions=rules)


@pytest.fixture
def session_lang():
    """Set the session's language for :func:`abm.ui.shell.tr` (bare mode), removed after."""

    def choose(lang: str) -> None:
        st.session_state[state.K_LANG] = lang

    yield choose
    st.session_state.pop(state.K_LANG, None)


def test_the_ranking_title_counts_the_ranks_as_the_reasons_do(session_lang):
    scored = _scored()
    targetable = int((~scored["excluded"]).sum())
    assert targetable == 3 and len(scored) == 4
    view = scored[scored["tier"] != "none"]  # the page's default filter: Tier 1–3
    assert len(view) == 2
    session_lang("en")
    from abm.ui.views.accounts_results import ranked_title

    title = ranked_title(view)
    assert title == t("accounts.page.ranked", "en", total=2, rank_of=targetable)
    reason = reasons_text(view.head(1), "en").iloc[0]
    assert f"Rank 1 of {targetable} targetable" in reason  # the reasons' and the story's
    assert f"ranked among {targetable})" in title
    session_lang("ja")
    assert f"順位は{targetable}社中" in ranked_title(view)
    assert f"ターゲットになりうる{targetable}社中" in reasons_text(view.head(1), "ja").iloc[0]


def test_a_long_view_says_how_many_are_drawn_and_an_empty_one_says_none(session_lang):
    from abm.ui.views.accounts_results import SHOW, ranked_title

    session_lang("en")
    many = pd.DataFrame({"rank_of": [900] * (SHOW + 100)})
    assert ranked_title(many) == t(
        "accounts.page.ranked_top", "en", shown=SHOW, total=SHOW + 100, rank_of=900
    )
    assert ranked_title(many.head(0)) == t("accounts.page.ranked_none", "en")
