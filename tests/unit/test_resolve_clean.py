"""The nothing-lost invariant: kept + merged + excluded == input, each row once."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.export import readable, to_csv_bytes
from abm.i18n import t
from abm.resolve import CleanResult, ExclusionRules, clean_leads
from abm.resolve.clean import no_excluded_accounts

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
    rules = ExclusionRules(competitor_domains=("rival.co.jp",), unsubscribed=True)
    res = clean_leads(df, rules=rules)
    # rows 0, 1, 2 share one email: one person, survivor is row 1 (latest)
    assert list(res.kept.index) == [1, 5]
    assert list(res.merged.index) == [0, 2]
    assert res.merged["merged_into"].tolist() == ["1", "1"]
    assert res.excluded["exclusion_reason"].to_dict() == {3: "free_mail", 4: "unsubscribed"}
    assert res.summary["rows_in"] == 6
    assert res.summary["persons"] == 4
    assert res.summary["excluded_by_reason"]["free_mail"] == 1
    assert res.summary["accounts"] == 2


@settings(max_examples=30)  # each example cleans up to 25 rows: ~0.3 s of CPU
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
    # every kept person has an account, but one that names no company at all
    no_account = res.kept["account_id"].isna()
    assert (no_account == (res.kept["match_rule"] == "no_company")).all()
    assert res.summary["kept"] + res.summary["merged"] + res.summary["excluded"] == len(df)
    # an account's spellings are those of its persons' every row, merged duplicates too
    person_account = res.kept.set_index("person_id")["account_id"]
    rows = pd.concat([res.kept[["person_id", "company"]], res.merged[["person_id", "company"]]])
    rows = rows.assign(account_id=rows["person_id"].map(person_account)).dropna()
    spelled = rows.drop_duplicates(["account_id", "company"]).groupby("account_id").size()
    names = res.accounts.set_index("account_id")["names"]
    assert names.reindex(spelled.index).tolist() == spelled.tolist()


def test_a_duplicate_that_spells_the_company_another_way_counts_its_spelling() -> None:
    """Review: the spellings were counted among the persons after merging, so a duplicate
    writing サカタのタネ beside ㈱サカタのタネ left the account at one spelling."""
    df = build([(0, 0, False, 0), (1, 1, False, 5)])  # one person (same address), two spellings
    res = clean_leads(df)
    assert len(res.kept) == 1 and len(res.merged) == 1
    assert res.accounts["names"].tolist() == [2]


def test_people_to_check_are_kept_and_listed() -> None:
    df = build([(6, 5, False, 0), (6, 5, False, 1), (2, 3, False, 0)])  # 東京大学 twice, 三和電機
    res = clean_leads(df)
    assert list(res.kept.index) == [1, 2]  # one person at 東京大学 (latest row) and 三和電機
    assert res.excluded.empty
    assert list(res.hygiene_review.index) == [1]
    assert res.hygiene_review["review_reason"].tolist() == ["school_corporation"]
    assert res.hygiene_review["account_id"].notna().all()  # a kept row, with its account
    assert res.summary["hygiene_review"] == 1
    assert res.summary["hygiene_review_by_reason"] == {"school_corporation": 1}


ACCOUNT_ROWS = [
    ("ライバル株式会社", "rival.co.jp", False),
    ("学校法人白樺学園", "shirakaba-gakuen.ac.jp", False),
    ("晴海大学", "harumi-u.ac.jp", True),
    ("株式会社パートナーズ商会", "partners-shokai.co.jp", False),
    ("三和電機", "sanwa.co.jp", False),
    (None, None, False),
]
RULES = ExclusionRules(competitor_domains=("rival.co.jp",), partner_names=("パートナーズ商会",))


def accounts(picks: list[int]) -> pd.DataFrame:
    rows = [ACCOUNT_ROWS[i] for i in picks]
    return pd.DataFrame(
        {
            "company": pd.array([r[0] for r in rows], dtype="string"),
            "domain": pd.array([r[1] for r in rows], dtype="string"),
            "is_customer": pd.array([r[2] for r in rows], dtype="boolean"),
        }
    )


def test_accounts_file_rows_are_judged_and_kept_in_the_ledger() -> None:
    acc = accounts([0, 1, 2, 3, 4])
    before = acc.copy()
    res = clean_leads(build([(2, 3, False, 0)]), rules=RULES, accounts=acc)
    pd.testing.assert_frame_equal(acc, before)
    assert list(res.account_rows.index) == [2, 4]  # the customer university and 三和電機
    assert res.excluded_accounts["exclusion_reason"].to_dict() == {
        0: "competitor",
        1: "school",
        3: "partner",
    }
    s = res.summary
    assert (s["account_rows_in"], s["account_rows_kept"], s["account_rows_excluded"]) == (5, 2, 3)
    assert s["account_rows_excluded_by_reason"]["school"] == 1
    assert s["rows_in"] == 1  # the leads' ledger is unchanged by the accounts file


def test_without_an_accounts_file() -> None:
    res = clean_leads(build([(2, 3, False, 0)]))
    assert res.account_rows is None
    assert res.excluded_accounts.empty
    assert res.summary["account_rows_in"] == 0


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_nothing_excluded_from_the_accounts_file_still_downloads_a_header(lang) -> None:
    # outside testers: mori_excluded_accounts.csv was a BOM and a blank line without an
    # accounts file, while the other empty downloads kept their header row
    res = clean_leads(build([(2, 3, False, 0)]))
    text = to_csv_bytes(readable(res.excluded_accounts, lang))[0].decode("utf-8-sig")
    header = text.split("\r\n")[0].split(",")
    for column in ("company", "exclusion_reason", "exclusion_reasons"):
        assert t(f"field.{column}", lang) in header
    assert list(res.excluded_accounts.columns) == list(no_excluded_accounts().columns)
    assert list(CleanResult(*(pd.DataFrame(),) * 5).excluded_accounts.columns) == list(
        no_excluded_accounts().columns
    )


@settings(max_examples=30)  # each example cleans leads and an accounts file: ~0.4 s of CPU
@given(st.lists(st.integers(0, len(ACCOUNT_ROWS) - 1), max_size=20))
def test_nothing_lost_in_the_accounts_file(picks: list[int]) -> None:
    acc = accounts(picks)
    res = clean_leads(build([(2, 3, False, 0)]), rules=RULES, accounts=acc)
    ids = [*res.account_rows.index, *res.excluded_accounts.index]
    assert sorted(ids) == list(acc.index)
    assert res.excluded_accounts["exclusion_reason"].notna().all()
    kept = res.summary["account_rows_kept"]
    assert kept + res.summary["account_rows_excluded"] == len(acc)
