"""Tiers sized to what a team can work (#19): filled by rank up to each tier's capacity.

A team says how many accounts it can work 1:1, 1:few and 1:many; each tier
takes the best-ranked accounts that meet its minimums until it is full, the
rest move down a tier and say why ("its places go to higher-ranked
accounts"). The defaults follow the ABM-fit page's advice, and both pages
judge a capacity with the same function.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.accounts import (
    CAPACITY_ADVICE,
    TIERS,
    TierRules,
    capacity_status,
    reasons_text,
    score_accounts,
    tier_fill,
)
from abm.accounts.fit import advice_params


def _rollup(n: int = 40, seed: int = 0) -> pd.DataFrame:
    """``n`` accounts with distinct fits and engagement, all with engaged people."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "account_id": [f"a{i:03d}" for i in range(n)],
            "account_name": [f"会社{i:03d}" for i in range(n)],
            "fit": pd.array(rng.choice([10.0, 40.0, 60.0, 75.0, 100.0], n), dtype="Float64"),
            "contacts": rng.integers(1, 8, n),
            "engaged_contacts": rng.integers(0, 4, n),
            "coverage": rng.choice([0.0, 0.2, 0.4, 0.6, 1.0], n),
            "missing_roles": "",
            "engagement": rng.exponential(3.0, n),
            "open_pipeline": np.where(rng.random(n) < 0.2, 1e6, 0.0),
            "is_customer": rng.random(n) < 0.1,
        }
    )


def _by_id(scored: pd.DataFrame) -> dict[str, str]:
    return dict(zip(scored["account_id"], scored["tier"].astype(str), strict=True))


def test_default_capacities_follow_the_abm_fit_advice():
    rules = TierRules()
    for tier in TIERS[:3]:
        lo, hi = CAPACITY_ADVICE[tier]
        assert lo <= rules.capacity(tier) <= hi
        assert capacity_status(tier, rules.capacity(tier)) == "within"
    assert capacity_status("tier_1", 85) == "above"  # the demo's old Tier 1
    assert capacity_status("tier_1", 5) == "below"
    assert advice_params()["t1_lo"], advice_params()["t1_hi"] == CAPACITY_ADVICE["tier_1"]


def test_each_tier_holds_its_best_ranked_eligible_accounts_up_to_capacity():
    rules = TierRules(tier1_score=0, tier1_fit=0, tier1_coverage=0, tier2_score=0, tier2_fit=0,
                      tier3_score=0, tier1_capacity=5, tier2_capacity=10, tier3_capacity=15)  # fmt: skip
    s = score_accounts(_rollup(), rules)
    assert s["tier"].astype(str).tolist() == (
        ["tier_1"] * 5 + ["tier_2"] * 10 + ["tier_3"] * 15 + ["none"] * 10
    )
    assert s["rank"].tolist() == list(range(1, 41))
    assert (s["rank_of"] == 40).all()
    assert s["score"].is_monotonic_decreasing
    fill = tier_fill(s, rules).set_index("tier")
    assert fill.loc["tier_1"].to_dict() == {
        "capacity": 5,
        "placed": 5,
        "qualified": 40,
        "moved_down": 35,
    }


def test_reasons_name_the_rank_and_the_capacity():
    rules = TierRules(tier1_score=0, tier1_fit=0, tier1_coverage=0, tier1_capacity=3)
    s = score_accounts(_rollup(), rules)
    third, fourth = s.iloc[[2]], s.iloc[[3]]
    assert third["tier"].iloc[0] == "tier_1"
    en, ja = (str(reasons_text(third, lang, rules).iloc[0]) for lang in ("en", "ja"))
    assert en.startswith(
        "Rank 3 of 40 targetable accounts by score, within the 3 places of Tier 1 (1:1)"
    )
    assert ja.startswith("スコア順で3位（ターゲットになりうる40社中）、Tier 1（1:1）の枠3社以内")
    assert fourth["tier"].iloc[0] != "tier_1"
    assert fourth["why_not"].iloc[0].split("|")[0] == "capacity_full"
    assert fourth["eligible"].iloc[0] == "tier_1"
    why_not = str(reasons_text(fourth, "en", rules, which="why_not").iloc[0])
    assert why_not.startswith(
        "Meets the minimums of Tier 1 (1:1), but its 3 places go to higher-ranked accounts"
    )


def test_minimums_still_keep_weak_accounts_out_of_a_tier_with_room():
    rules = TierRules(tier1_capacity=1000, tier2_capacity=1000, tier3_capacity=1000)
    s = score_accounts(_rollup(), rules)
    t1 = s[s["tier"] == "tier_1"]
    assert (t1["score"] >= rules.tier1_score).all()
    assert (t1["fit"] >= rules.tier1_fit).all()
    assert (t1["coverage"] >= rules.tier1_coverage).all()
    assert not (s["why_not"].astype(str).str.contains("capacity_full")).any()


def test_zero_capacity_leaves_a_tier_empty_and_says_so():
    s = score_accounts(_rollup(), TierRules(tier1_capacity=0))
    assert not (s["tier"] == "tier_1").any()
    best = s[s["eligible"] == "tier_1"]
    assert len(best) and best["why_not"].astype(str).str.startswith("capacity_full").all()


def test_an_excluded_account_never_takes_a_place():
    from abm.resolve import ExclusionRules

    r = _rollup()
    rules = TierRules(tier1_score=0, tier1_fit=0, tier1_coverage=0, tier1_capacity=3)
    top = score_accounts(r, rules)["account_name"].iloc[0]
    s = score_accounts(r, rules, exclusions=ExclusionRules(competitor_names=(top,)))
    assert (s["tier"] == "tier_1").sum() == 3
    excluded = s[s["account_name"] == top].iloc[0]
    assert excluded["tier"] == "none" and excluded["rank"] == 40
    assert (s["rank_of"] == 39).all()


def test_ties_are_broken_by_the_facts_not_by_row_order():
    r = _rollup().assign(fit=pd.array([75.0] * 40, dtype="Float64"), engagement=1.0,
                         coverage=0.6, open_pipeline=0.0, engaged_contacts=1)  # fmt: skip
    rules = TierRules(tier1_score=50, tier1_capacity=7, tier2_capacity=9, tier3_capacity=11)
    a = _by_id(score_accounts(r, rules))
    b = _by_id(score_accounts(r.iloc[::-1].reset_index(drop=True), rules))
    assert a == b
    assert sorted(k for k, v in a.items() if v == "tier_1") == [f"a{i:03d}" for i in range(7)]


@given(
    n=st.integers(1, 60),
    seed=st.integers(0, 10_000),
    caps=st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
    mins=st.tuples(st.sampled_from([0.0, 30.0, 50.0, 70.0]), st.sampled_from([0.0, 40.0, 60.0])),
)
def test_capacity_invariants(n, seed, caps, mins):
    """Never over capacity; a tier with room leaves no eligible account below it; best first;
    the same tiers whatever the order of the roll-up's rows."""
    r = _rollup(n, seed)
    rules = TierRules(tier1_score=mins[0], tier1_fit=mins[1], tier1_capacity=caps[0],
                      tier2_capacity=caps[1], tier3_capacity=caps[2])  # fmt: skip
    s = score_accounts(r, rules)
    tier = s["tier"].astype(str).to_numpy()
    rank = s["rank"].to_numpy()
    meets = {
        "tier_1": (s["score"] >= rules.tier1_score)
        & (s["fit"].fillna(-1) >= rules.tier1_fit)
        & (s["coverage"] >= rules.tier1_coverage),
        "tier_2": (s["score"] >= rules.tier2_score) & (s["fit"].fillna(-1) >= rules.tier2_fit),
        "tier_3": s["score"] >= rules.tier3_score,
    }
    for k, name in enumerate(TIERS[:3]):
        inside = tier == name
        ok = meets[name].to_numpy(dtype=bool)
        assert inside.sum() <= rules.capacity(name)
        assert ok[inside].all()
        lower = np.isin(tier, TIERS[k + 1 :]) & ok
        if inside.sum() < rules.capacity(name):
            assert not lower.any()  # room left: nobody eligible was pushed down
        elif lower.any() and inside.any():
            assert rank[inside].max() < rank[lower].min()  # the best-ranked got the places
    shuffled = r.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    assert _by_id(score_accounts(shuffled, rules)) == _by_id(s)


def test_each_tier_line_adds_up_and_counts_no_account_twice():
    # QA-N: "Tier 3: 400 of 400 places (meeting its minimums 1,818; moved down 939)": the
    # qualified counted the accounts Tier 1 and 2 took, moved down only those whose best tier
    # was Tier 3 — 1,818 − 400 ≠ 939. Each tier is offered what meets its minimums and no
    # higher tier took: qualified = placed + moved down, and every offered account is placed
    # there or lower.
    rules = TierRules(tier1_score=0, tier1_fit=0, tier1_coverage=0, tier2_score=0, tier2_fit=0,
                      tier3_score=0, tier1_capacity=5, tier2_capacity=10, tier3_capacity=15)  # fmt: skip
    s = score_accounts(_rollup(), rules)
    fill = tier_fill(s, rules).set_index("tier")
    assert fill[["placed", "qualified", "moved_down"]].to_dict("index") == {
        "tier_1": {"placed": 5, "qualified": 40, "moved_down": 35},
        "tier_2": {"placed": 10, "qualified": 35, "moved_down": 25},  # Tier 1's 5 left out
        "tier_3": {"placed": 15, "qualified": 25, "moved_down": 10},  # the 10 with no tier
    }


@given(
    n=st.integers(1, 60),
    seed=st.integers(0, 10_000),
    caps=st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
    mins=st.tuples(
        st.sampled_from([0.0, 30.0, 50.0, 70.0]),
        st.sampled_from([0.0, 40.0, 60.0]),
        st.sampled_from([0.0, 50.0, 80.0]),  # Tier 2's minimum score above Tier 1's too
    ),
)
def test_tier_fill_adds_up(n, seed, caps, mins):
    rules = TierRules(tier1_score=mins[0], tier1_fit=mins[1], tier2_score=mins[2],
                      tier1_capacity=caps[0], tier2_capacity=caps[1], tier3_capacity=caps[2])  # fmt: skip
    s = score_accounts(_rollup(n, seed), rules)
    tier = s["tier"].astype(str)
    fill = tier_fill(s, rules).set_index("tier")
    for k, name in enumerate(TIERS[:3]):
        row = fill.loc[name]
        assert row["qualified"] == row["placed"] + row["moved_down"]
        assert row["placed"] == (tier == name).sum() <= rules.capacity(name)
        # moved down: offered here, placed in a lower tier or none
        assert row["moved_down"] <= tier.isin(TIERS[k + 1 :]).sum()
        if row["placed"] < rules.capacity(name):
            assert row["moved_down"] == 0  # room left: nobody offered went down
    # Tier 1 is offered every account meeting its minimums (their best tier is Tier 1)
    assert fill.loc["tier_1", "qualified"] == (s["eligible"] == "tier_1").sum()


@pytest.mark.parametrize("field", ["tier1_capacity", "tier2_capacity", "tier3_capacity"])
def test_a_bad_capacity_is_a_translated_error(field):
    from abm.errors import MoriError

    with pytest.raises(MoriError) as err:
        TierRules.from_dict({field: -1})
    assert err.value.key == "config.err.range" and err.value.params["key"] == field
    with pytest.raises(MoriError) as err:
        TierRules.from_dict({field: 2.5})
    assert err.value.key == "config.err.not_integer"
    assert TierRules.from_dict({field: 12}).to_dict()[field] == 12
