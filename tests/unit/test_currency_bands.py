"""Revenue bands follow the workspace's currency (QA-I: USD companies all in the lowest band)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from abm.accounts import RollupSettings, load_section, section_dict
from abm.accounts.firmographics import firmographic_fit
from abm.accounts.fit import LARGE_REVENUE
from abm.core.format import CURRENCIES, money_size, sized_defaults, use_currency
from abm.scoring import ScoringModel, in_currency
from abm.scoring.report import band_text

USD = money_size("USD")


def test_each_currency_scales_the_yen_defaults_to_round_amounts():
    assert money_size("JPY") == 1.0 and USD == 0.01
    with use_currency("KRW"):
        assert money_size() == 10.0
    assert sized_defaults(0.015, (1e9,)) == (1.5e7,)  # not 15000000.000000002
    assert LARGE_REVENUE["JPY"] == 1e10 and LARGE_REVENUE["USD"] == 1e8
    assert set(LARGE_REVENUE) == set(CURRENCIES)


def test_the_default_model_counts_revenue_bands_in_the_currency():
    usd = in_currency(ScoringModel(), USD)
    assert usd.revenue_edges == (1e7, 1e8, 1e9)
    # each band keeps its default points, in order: $10M–$100M is what 10億–100億円 was
    yen = list(ScoringModel().points("revenue").values())
    assert list(usd.points("revenue").values()) == yen
    with use_currency("USD"):
        labels = [band_text("revenue", c, "en") for c in usd.points("revenue")]
    assert "$10M" in labels[1] and "$100M" in labels[1] and "B" not in labels[1]
    assert in_currency(usd, 1.0) is usd  # another currency's defaults: kept (review)
    assert in_currency(usd, USD) is usd  # nothing to change: the same object


def test_a_model_saved_before_the_currency_changed_takes_the_new_defaults():
    saved = json.loads(json.dumps(ScoringModel().with_points("revenue", "ge_1e+11", 30).to_dict()))
    model = in_currency(ScoringModel.from_dict(saved), USD)
    assert model.revenue_edges == (1e7, 1e8, 1e9)
    assert model.points("revenue")["ge_1e+09"] == 30.0  # the user's points, same band
    # a file naming the dollar bands alone gets their default points
    named = ScoringModel.from_dict({"revenue_edges": [1e7, 1e8, 1e9]})
    assert named == in_currency(ScoringModel(), USD)


def test_bands_a_user_set_are_kept():
    own = ScoringModel.from_dict({"revenue_edges": [5e8, 5e9]})
    assert in_currency(own, USD) is own


def test_scores_band_a_dollar_company_in_dollars():
    from abm.scoring import build_features
    from abm.scoring.features import fit_codes

    leads = pd.DataFrame(
        {
            "lead_id": ["a", "b"],
            "email": ["x@big.example", "y@small.example"],
            "company": ["Big Inc.", "Small LLC"],
            "annual_revenue": [5e8, 2e6],  # $500M, $2M
            "created_at": pd.to_datetime(["2026-01-05", "2026-01-06"]),
        }
    )
    features = build_features(leads, as_of=pd.Timestamp("2026-06-30"))

    def bands(model):
        codes, _, cats = fit_codes(features, model)["revenue"]
        return [cats[c] for c in codes]

    assert bands(ScoringModel()) == ["lt_1e+09", "lt_1e+09"]  # both "small" in yen bands
    assert bands(in_currency(ScoringModel(), USD)) == ["1e+08_1e+09", "lt_1e+07"]


@pytest.mark.parametrize("code", sorted(CURRENCIES))
def test_the_rollup_bands_follow_the_currency(code):
    size = money_size(code)
    _, rollup, _ = load_section(None, size=size)
    assert rollup.revenue_bands == sized_defaults(size, (1e9, 1e10, 1e11))
    assert rollup.revenue_points == RollupSettings().revenue_points
    # a section saved in yen (every default written out) reads in the currency too
    _, again, _ = load_section(
        json.loads(json.dumps(section_dict(*load_section(None)[:1]))), size=size
    )
    assert again == rollup


def test_rollup_bands_a_user_set_are_kept_and_a_dollar_company_scores_as_large():
    own = RollupSettings(revenue_bands=(1e6, 1e7, 1e8))
    assert own.in_currency(USD) is own
    revenue = np.array([2e8])  # $200M: large in dollars, below 10億 in the yen bands
    nan = np.array([np.nan])
    industry = pd.Series(["software"])
    assert firmographic_fit(nan, revenue, industry, RollupSettings())[0] == 10.0
    usd = RollupSettings().in_currency(USD)
    assert firmographic_fit(nan, revenue, industry, usd)[0] == 75.0


def test_another_currencys_defaults_set_by_a_user_are_kept():
    # review: 5000万 / 5億 / 50億円 are the yuan defaults, and may be a user's own bands
    own = ScoringModel.from_dict({"revenue_edges": [5e7, 5e8, 5e9]})
    assert in_currency(own, 1.0) is own and in_currency(own, USD) is own
    rollup = RollupSettings(revenue_bands=(5e7, 5e8, 5e9))
    assert rollup.in_currency(1.0) is rollup


def test_a_share_link_of_the_currencys_default_model_is_empty_and_reads_back():
    from abm.scoring import decode_model, encode_model

    base = in_currency(ScoringModel(), USD)
    assert encode_model(base, base) == ""
    assert decode_model("", base) == base
    changed = base.with_points("revenue", "1e+07_1e+08", 9)
    code = encode_model(changed, base)
    assert code and decode_model(code, base) == changed
