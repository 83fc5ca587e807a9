"""Account score, tiers and their reasons; action lists; settings section."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts import (
    ActionSettings,
    RollupSettings,
    TierRules,
    action_lists,
    explain_tier,
    load_section,
    reasons_text,
    score_accounts,
    section_dict,
)
from abm.i18n import catalog


def _rollup() -> pd.DataFrame:
    """Three accounts with the numbers of the hand-computed roll-up fixture."""
    return pd.DataFrame(
        {
            "account_id": ["acme", "beta", "delta"],
            "account_name": ["株式会社アクメ", "Beta Inc", "デルタ"],
            "fit": pd.array([100.0, 10.0, 100.0], dtype="Float64"),
            "contacts": [2, 2, 0],
            "engaged_contacts": [1, 1, 0],
            "coverage": [0.4, 0.6, 0.0],
            "missing_roles": [
                "budget_holder|user_department|procurement",
                "technical_evaluator|procurement",
                "",
            ],
            "engagement": [1.75, 0.75, 0.0],
            "last_activity_at": pd.to_datetime(["2024-04-01", "2024-03-22", None]),
            "sales_touched": [True, True, False],
            "open_pipeline": [0.0, 5_000_000.0, 0.0],
            "is_customer": [True, False, False],
        }
    )


def test_scores_and_tiers_hand_computed():
    s = score_accounts(_rollup()).set_index("account_id")
    # engagement rank among engaged accounts: beta 50, acme 100
    # acme: .4*100 + .3*100 + .2*40 + .1*0 = 78; beta: .4*10 + .3*50 + .2*60 + .1*100 = 41
    # delta: .4*100 = 40
    assert s["score"].to_dict() == pytest.approx({"acme": 78.0, "beta": 41.0, "delta": 40.0})
    assert s["tier"].astype(str).to_dict() == {
        "acme": "tier_1",
        "beta": "tier_3",
        "delta": "tier_3",
    }
    assert s["rank"].to_dict() == {"acme": 1, "beta": 2, "delta": 3}


def test_reason_codes():
    s = score_accounts(_rollup()).set_index("account_id")
    assert s.loc["acme", "why"] == "ranked|score_high|fit_high|engaged|coverage_good|customer"
    assert s.loc["acme", "why_not"] == ""
    assert s.loc["beta", "why"] == "ranked|engaged|coverage_good|pipeline_open"
    assert s.loc["beta", "why_not"] == "score_below|fit_below"  # against Tier 2
    assert s.loc["delta", "why"] == "ranked|fit_high"
    assert s.loc["delta", "why_not"] == "score_below|no_engagement"


def test_reason_text_in_both_languages():
    s = score_accounts(_rollup())
    beta = s[s["account_id"] == "beta"]
    assert reasons_text(beta, "en", which="why_not").iloc[0] == (
        "Score 41 is below 50 needed for Tier 2 (1:few) / Fit 10 is below 40 needed for Tier 2 (1:few)"
    )
    assert reasons_text(beta, "ja", which="why_not").iloc[0] == (
        "スコア41がTier 2（1:少数）の基準50未満 / 適合度10がTier 2（1:少数）の基準40未満"
    )
    assert reasons_text(beta, "en").iloc[0] == (
        "Rank 2 of 3 targetable accounts by score, within the 400 places of Tier 3 (1:many) / "
        "1 engaged contacts (of 2) / Buying-committee coverage 60% / Open pipeline ¥5M"
    )  # money as every page writes it (QA: ¥149M on the tile, ¥148,900,000 in the reason)
    ja = str(reasons_text(beta, "ja").iloc[0])
    assert ja.startswith(
        "スコア順で2位（ターゲットになりうる3社中）、Tier 3（1:多数）の枠400社以内 / "
    )
    assert ja.endswith("進行中の商談 500万円")


def test_explain_keys_exist_in_catalog():
    s = score_accounts(_rollup())
    known = catalog()
    for i in range(len(s)):
        why, why_not = explain_tier(s.iloc[i])
        for key, params in why + why_not:
            assert key in known
            assert params["target"] in ("tier_1", "tier_2", "tier_3")


def test_tier1_coverage_gate_and_missing_roles_in_text():
    rules = TierRules(tier1_coverage=0.5)
    s = score_accounts(_rollup(), rules).set_index("account_id")
    assert s.loc["acme", "tier"] == "tier_2"  # 40 % < 50 %
    assert s.loc["acme", "why_not"] == "coverage_below"
    text = reasons_text(s.loc[["acme"]], "en", rules, which="why_not").iloc[0]
    assert (
        text == "Coverage 40% is below 50% (missing: Budget holder, User department, Procurement)"
    )


def test_sliders_change_tiers():
    s = score_accounts(_rollup(), TierRules(tier3_score=45.0)).set_index("account_id")
    assert s["tier"].astype(str).to_dict() == {"acme": "tier_1", "beta": "none", "delta": "none"}
    zero = score_accounts(_rollup(), TierRules(0, 0, 0, 0))
    assert zero["score"].tolist() == [0.0, 0.0, 0.0]


def test_action_lists():
    s = score_accounts(_rollup())
    lists = action_lists(s, as_of=pd.Timestamp("2024-04-01"), settings=ActionSettings(stale_days=5))
    assert lists["whitespace"]["account_id"].tolist() == ["delta"]
    assert lists["engaged_no_sales"]["account_id"].tolist() == []
    assert lists["stalled_pipeline"]["account_id"].tolist() == ["beta"]  # last activity 10 days ago
    assert lists["expansion"]["account_id"].tolist() == ["acme"]
    relaxed = action_lists(s, as_of=pd.Timestamp("2024-04-01"))
    assert relaxed["stalled_pipeline"].empty


def test_an_account_sales_met_is_no_whitespace():
    """Review: a meeting or a call weighs nothing in engagement (the person's own behaviour
    does), so an account sales already met has engagement 0 — it is no first touch to plan."""
    r = _rollup().assign(sales_touched=[True, True, True])
    lists = action_lists(score_accounts(r), as_of=pd.Timestamp("2024-04-01"))
    assert lists["whitespace"].empty


def test_engaged_no_sales_touch():
    r = _rollup().assign(sales_touched=[True, False, False], open_pipeline=0.0, is_customer=False)
    lists = action_lists(score_accounts(r), as_of=pd.Timestamp("2024-04-01"))
    assert lists["engaged_no_sales"]["account_id"].tolist() == ["beta"]


def test_section_round_trip():
    rules = TierRules(weight_fit=0.7, tier1_score=80.0)
    rollup = RollupSettings(engagement_method="breadth", half_life_days=14.0)
    actions = ActionSettings(stale_days=21)
    data = section_dict(rules, rollup, actions)
    assert data["tier1_score"] == 80.0 and data["rollup"]["half_life_days"] == 14.0
    assert load_section(data) == (rules, rollup, actions)
    assert load_section(None) == (TierRules(), RollupSettings(), ActionSettings())


def test_bad_setting_is_a_translated_error():
    from abm.errors import MoriError

    with pytest.raises(MoriError) as err:
        TierRules.from_dict({"tier1_score": "high"})
    assert err.value.key == "config.err.not_number"
    assert "tier1_score" in err.value.message("en")
    assert "tier_rules" in err.value.message("ja")


def test_section_keeps_rules_at_top_and_refuses_unknown_keys():
    from abm.accounts import load_section, section_dict
    from abm.errors import MoriError

    rules = TierRules(tier1_score=80.0)
    section = section_dict(rules)
    assert section["tier1_score"] == 80.0 and "rollup" in section and "actions" in section
    assert load_section(section)[0] == rules
    with pytest.raises(MoriError) as err:
        load_section({**section, "rollup": {"engagement_method": "magic"}})
    assert err.value.params["key"] == "rollup.engagement_method"
    with pytest.raises(MoriError) as err:
        load_section({"tier9_score": 1})
    assert (err.value.key, err.value.params["key"]) == ("config.err.unknown_key", "tier9_score")


def test_an_excluded_account_is_never_a_target():
    from abm.resolve import ExclusionRules

    rules = ExclusionRules(competitor_names=("アクメ",))
    s = score_accounts(_rollup(), exclusions=rules).set_index("account_id")
    # ACME scores 78 (Tier 1 without the rule) but is a competitor
    assert s.loc["acme", "tier"] == "none"
    assert s.loc["acme", "excluded"]
    assert s.loc["acme", "exclusion_reason"] == "competitor"
    assert s.loc["acme", "why"] == ""
    assert s.loc["acme", "why_not"] == "excluded"
    assert s.loc["acme", "rank"] == 3  # after every account that may be a target
    assert s["tier"].astype(str).to_dict() == {"acme": "none", "beta": "tier_3", "delta": "tier_3"}
    assert not s.loc["beta", "excluded"] and pd.isna(s.loc["beta", "exclusion_reason"])
    acme = s.reset_index().query("account_id == 'acme'")
    assert (
        reasons_text(acme, "en", which="why_not").iloc[0] == "Excluded (Competitor): never a target"
    )
    assert (
        reasons_text(acme, "ja", which="why_not").iloc[0]
        == "営業対象外（競合）のためターゲットにしない"
    )
    lists = action_lists(s.reset_index(), as_of=pd.Timestamp("2024-04-01"))
    assert all("acme" not in part["account_id"].tolist() for part in lists.values())


def test_a_school_account_is_excluded_unless_a_customer_or_with_kept_people():
    from abm.resolve import ExclusionRules

    r = _rollup().assign(
        account_name=["学校法人白樺学園", "晴海大学", "湊大学"],
        domain=[None, "harumi-u.ac.jp", None],
        is_customer=[False, True, False],
    )
    r["contacts"] = [0, 0, 2]  # 湊大学: two kept people (staff) work there (QA-K)
    s = score_accounts(r, exclusions=ExclusionRules()).set_index("account_id")
    assert s["exclusion_reason"].fillna("-").to_dict() == {
        "acme": "school",
        "beta": "-",
        "delta": "-",
    }
    assert s.loc["beta", "tier"] == "tier_3"  # a university that buys stays a target
    # whitespace: DELTA (fit 100, no engagement); a school never is
    lists = action_lists(s.reset_index(), as_of=pd.Timestamp("2024-04-01"))
    assert lists["whitespace"]["account_id"].tolist() == ["delta"]
    off = score_accounts(r, exclusions=ExclusionRules(schools=False))
    assert not off["excluded"].any()


def test_without_rules_nothing_new_is_excluded_and_a_given_reason_is_kept():
    plain = score_accounts(_rollup())
    assert not plain["excluded"].any()
    given_reason = _rollup().assign(exclusion_reason=pd.array([None, "partner", None], "string"))
    s = score_accounts(given_reason).set_index("account_id")
    assert s.loc["beta", "tier"] == "none" and s.loc["beta", "exclusion_reason"] == "partner"
