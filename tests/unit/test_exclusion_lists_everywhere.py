"""Review: the lists learn from the people once, and every table is judged by what they
learned — an own company typed by domain alone came back as a Tier 2 target through its
deal and its row of the accounts file (the leads were excluded, the account was not)."""

from __future__ import annotations

import pandas as pd

from abm.accounts import TierRules, rollup_accounts, score_accounts
from abm.dataset import Dataset
from abm.pipeline import prepare
from abm.resolve import ExclusionRules
from abm.resolve.hygiene import apply_exclusions, learn_lists

AS_OF = pd.Timestamp("2026-06-30")


def _dataset() -> Dataset:
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2", "L3", "L4", "L5"], dtype="string"),
            "company": pd.array(
                [
                    "株式会社ミスミ",
                    "株式会社ミスミ",
                    "株式会社ミスミ",
                    "G電機株式会社",
                    "G電機株式会社",
                ],
                dtype="string",
            ),
            "email": pd.array(
                [
                    "a@misumi.co.jp",
                    "b@misumi.co.jp",
                    "c@gmail.com",
                    "d@g-denki.co.jp",
                    "e@g-denki.co.jp",
                ],
                dtype="string",
            ),
            "title": pd.array(["部長", "課長", "主任", "部長", "課長"], dtype="string"),
            "created_at": pd.to_datetime(["2026-01-10"] * 5),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array(["O1", "O2"], dtype="string"),
            "company": pd.array(["株式会社ミスミ", "G電機株式会社"], dtype="string"),
            "amount": pd.array([5_000_000.0, 3_000_000.0], dtype="Float64"),
            "is_won": pd.array([False, False], dtype="boolean"),
            "is_closed": pd.array([False, False], dtype="boolean"),
            "created_at": pd.to_datetime(["2026-03-01", "2026-03-01"]),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": pd.array(["A1", "A2"], dtype="string"),
            "company": pd.array(["株式会社ミスミ", "G電機株式会社"], dtype="string"),
        }
    )
    return Dataset(leads=leads, opportunities=opps, accounts=accounts)


def test_an_own_company_typed_by_domain_is_never_a_target() -> None:
    rules = ExclusionRules(own_domains=("misumi.co.jp",))
    prepared = prepare(_dataset(), rules=rules)
    clean = prepared.clean
    assert clean.summary["excluded_by_reason"]["internal"] == 3  # the gmail one too
    assert clean.excluded_accounts["company"].tolist() == ["株式会社ミスミ"]
    assert "ミスミ" in "".join(clean.rules.own_names)  # the name the domain's people write
    ds = prepared.dataset
    rolled = rollup_accounts(ds.leads, opportunities=ds.opportunities, accounts=ds.accounts,
                             as_of=AS_OF)  # fmt: skip
    scored = score_accounts(rolled, TierRules(), exclusions=clean.rules)
    misumi = scored[scored["account_name"].astype("string").str.contains("ミスミ")]
    assert len(misumi) == 0 or (misumi["tier"] == "none").all()
    assert (misumi["exclusion_reason"] == "internal").all()
    assert scored.loc[scored["account_name"] == "G電機株式会社", "exclusion_reason"].isna().all()


def test_a_placeholder_or_one_row_teaches_nothing() -> None:
    people = pd.DataFrame(
        {
            "company": pd.array(
                ["不明", "不明", "不明", "株式会社キーエンス", "トヨタ"], dtype="string"
            ),
            "email": pd.array(
                [
                    "a@keyence.co.jp",
                    "b@gmail.com",
                    "c@yahoo.co.jp",
                    "d@keyence.co.jp",
                    "e@keyence.co.jp",
                ],
                dtype="string",
            ),
        }
    )
    learned = learn_lists(people, ExclusionRules(competitor_domains=("keyence.co.jp",)))
    assert learned.competitor_names == ()  # 不明 is no name; キーエンス and トヨタ: one row each
    out = apply_exclusions(people, learned, learn=False)  # 不明 on free mail: not theirs
    assert out["exclusion_reason"].fillna("-").tolist() == [
        "competitor", "-", "-", "competitor", "competitor",
    ]  # fmt: skip
