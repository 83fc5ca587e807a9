"""営業対象外 rules: each excluded row carries its reason."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.errors import MoriError
from abm.resolve import ExclusionRules, apply_exclusions


def leads() -> pd.DataFrame:
    rows = [
        ("テスト", "a@x.co.jp", False, False),  # test company
        ("A社", "test@a.co.jp", False, False),  # test address
        ("B社", "b@example.com", False, False),  # test domain
        ("ライバル株式会社", "r@rival.co.jp", False, False),  # competitor by name
        ("Rival Japan", "r2@rival.co.jp", False, False),  # competitor by domain
        ("(株)パートナーズ商会", "p@p.co.jp", False, False),  # partner
        ("東京大学", "s@u-tokyo.ac.jp", False, False),  # student (name and .ac.jp)
        ("C社", "c@lab.ac.jp", False, False),  # student (.ac.jp)
        ("個人", "d@gmail.com", False, False),  # free-mail individual
        (None, "e@yahoo.co.jp", False, False),  # free-mail, no company
        ("D商事", "f@gmail.com", False, False),  # free mail WITH company: kept by default
        ("E工業", "g@e.co.jp", True, False),  # unsubscribed
        ("F工業", "h@f.co.jp", False, True),  # bounced
        ("G電機", "i@g.co.jp", False, False),  # kept
        ("テスト", "test@example.com", True, True),  # several reasons
    ]
    return pd.DataFrame(
        {
            "company": pd.array([r[0] for r in rows], dtype="string"),
            "email": pd.array([r[1] for r in rows], dtype="string"),
            "unsubscribed": pd.array([r[2] for r in rows], dtype="boolean"),
            "bounced": pd.array([r[3] for r in rows], dtype="boolean"),
        }
    )


RULES = ExclusionRules(
    competitor_names=("ライバル",),
    competitor_domains=("rival.co.jp",),
    partner_names=("パートナーズ商会",),
)


def test_reasons() -> None:
    out = apply_exclusions(leads(), RULES)
    assert out["exclusion_reason"].fillna("-").tolist() == [
        "test", "test", "test", "competitor", "competitor", "partner", "student", "student",
        "free_mail", "free_mail", "-", "unsubscribed", "bounced", "-", "test",
    ]  # fmt: skip
    assert out["excluded"].tolist() == [r != "-" for r in out["exclusion_reason"].fillna("-")]
    assert out["exclusion_reasons"].iloc[-1] == "test;unsubscribed;bounced"


def test_toggles_switch_rules_off() -> None:
    rules = ExclusionRules(
        test=False, students=False, free_mail=False, unsubscribed=False, bounced=False
    )
    out = apply_exclusions(leads(), rules)
    assert not out["excluded"].any()


def test_free_mail_all_excludes_every_free_address() -> None:
    out = apply_exclusions(leads(), ExclusionRules(free_mail_all=True))
    assert out.loc[10, "exclusion_reason"] == "free_mail"


def test_customers_are_optional() -> None:
    df = leads()
    assert not apply_exclusions(df, ExclusionRules(customer_names=("G電機",))).loc[13, "excluded"]
    on = apply_exclusions(df, ExclusionRules(customer_names=("G電機",), customers=True))
    assert on.loc[13, "exclusion_reason"] == "customer"


def test_rules_round_trip_and_validation() -> None:
    assert ExclusionRules.from_dict(RULES.to_dict()) == RULES
    with pytest.raises(MoriError):
        ExclusionRules.from_dict({"competitors": "yes"})
    with pytest.raises(MoriError):
        ExclusionRules.from_dict({"unknown": True})


def test_input_not_mutated_and_index_kept() -> None:
    df = leads()
    df.index = df.index + 100
    before = df.copy()
    out = apply_exclusions(df, RULES)
    pd.testing.assert_frame_equal(df, before)
    assert list(out.index) == list(df.index)
