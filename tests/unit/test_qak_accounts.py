"""QA-K (an industrial-equipment maker's HubSpot + Sansan exports): the ABM-fit advice agrees
with the figure it sits beside.

1. "Deal sizes are almost constant" was advised beside a deal-size spread of 4.9× (deals
   ¥2M–¥90M): a weak indicator's wording now holds for its value — "nearly uniform" only
   up to :data:`abm.accounts.fit.UNIFORM_SPREAD` (2.0× as the page shows it), a partial
   share of pipeline or of small buyers is not "little" or "most".
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts.fit import UNIFORM_SPREAD, AbmFitResult, diagnose_abm_fit
from abm.i18n import keys as K
from abm.i18n import t

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
