"""The nothing-lost invariant: kept + merged + excluded == input, each row once."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.resolve import ExclusionRules, clean_leads

COMPANIES = [
    "㈱サカタのタネ",
    "サカタのタネ",
    "三和電機",
    "三和商事",
    "個人",
    "テスト",
    "東京大学",
    None,
    "SAKATA SEED",
]
EMAILS = [
    "a@sakataseed.co.jp",
    "A@SAKATASEED.CO.JP",
    "b@gmail.com",
    "c@sanwa.co.jp",
    "test@x.co.jp",
    "d@u-tokyo.ac.jp",
    None,
    "e@rival.co.jp",
]


def build(rows: list[tuple[int, int, bool, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "company": pd.array([COMPANIES[c] for c, _, _, _ in rows], dtype="string"),
            "email": pd.array([EMAILS[e] for _, e, _, _ in rows], dtype="string"),
            "unsubscribed": pd.array([u for _, _, u, _ in rows], dtype="boolean"),
            "created_at": pd.to_datetime([f"2024-01-{d + 1:02d}" for _, _, _, d in rows]),
        }
    )


def test_ledger_example() -> None:
    df = build(
        [
            (0, 0, False, 0),
            (1, 1, False, 5),
            (8, 0, False, 2),
            (4, 2, False, 0),
            (2, 3, True, 0),
            (3, 6, False, 0),
        ]
    )
    res = clean_leads(df, rules=ExclusionRules(competitor_domains=("rival.co.jp",)))
    # rows 0, 1, 2 share one email: one person, survivor is row 1 (latest)
    assert list(res.kept.index) == [1, 5]
    assert list(res.merged.index) == [0, 2]
    assert res.merged["merged_into"].tolist() == ["1", "1"]
    assert res.excluded["exclusion_reason"].to_dict() == {3: "free_mail", 4: "unsubscribed"}
    assert res.summary["rows_in"] == 6
    assert res.summary["persons"] == 4
    assert res.summary["excluded_by_reason"]["free_mail"] == 1
    assert res.summary["accounts"] == 2


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(COMPANIES) - 1),
            st.integers(0, len(EMAILS) - 1),
            st.booleans(),
            st.integers(0, 27),
        ),
        max_size=25,
    )
)
def test_nothing_lost(rows: list[tuple[int, int, bool, int]]) -> None:
    df = build(rows)
    res = clean_leads(df, rules=ExclusionRules(competitor_domains=("rival.co.jp",)))
    ids = [*res.kept.index, *res.merged.index, *res.excluded.index]
    assert len(ids) == len(df)
    assert sorted(ids) == sorted(df.index)
    assert res.excluded["exclusion_reason"].notna().all()
    assert res.merged["merged_into"].notna().all()
    assert set(res.merged["merged_into"].astype(int)) <= set(res.kept.index) | set(
        res.excluded.index
    )
    assert res.kept["account_id"].notna().all()
    assert res.summary["kept"] + res.summary["merged"] + res.summary["excluded"] == len(df)
