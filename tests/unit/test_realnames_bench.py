"""The real-name 名寄せ benchmark (tests/support/realnames, bench/bench_realnames.py): data, labels, scorer.

No quality threshold here: the benchmark measures the matcher, it does not
gate it (issue #16 improves the matcher later).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.resolve import is_valid_corporate_number
from tests.support.realnames import noise
from tests.support.realnames.build import COLUMNS, check_digit, valid_corporate_number
from tests.support.realnames.romaji import Style, to_romaji
from tests.support.realnames.score import lookalike_merges, pair_scores, plain_key
from tests.support.realnames.variants import CLASSES, generate

DATA = Path(__file__).resolve().parents[2] / "tests" / "support" / "realnames"


@pytest.fixture(scope="module")
def companies() -> pd.DataFrame:
    return pd.read_csv(DATA / "companies.csv", dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return pd.read_csv(DATA / "lookalikes.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def records(companies, pairs) -> pd.DataFrame:
    return generate(companies, pairs, seed=16)


def test_companies_file_parses_with_one_row_per_real_company(companies):
    assert list(companies.columns) == COLUMNS
    assert 3900 <= len(companies) <= 4100
    assert companies["corporate_number"].is_unique
    assert companies["edinet_code"].str.fullmatch(r"E\d{5}").all()
    for col in ("name", "reading", "prefecture"):
        assert companies[col].ne("").all(), col
    assert companies["reading"].str.fullmatch(r"[ァ-ヶー\u3000 ゛]+").all()
    # English names are the point: only the identical-name partners may lack one.
    assert companies["english_name"].eq("").sum() <= 25
    assert companies["english_name"].str.isascii().all()
    assert companies["prefecture"].str.fullmatch(r".+[都道府県]").all()
    assert companies["prefecture"].nunique() == 47


def test_corporate_numbers_have_valid_check_digits(companies):
    nums = companies["corporate_number"]
    assert nums.str.fullmatch(r"\d{13}").all()
    assert nums.map(valid_corporate_number).all()
    assert is_valid_corporate_number(nums.astype("string")).all()  # the product agrees


def test_check_digit_matches_published_examples():
    # The National Tax Agency's own corporate number, and the same base with a wrong check digit.
    assert check_digit("000012050002") == 7  # 7000012050002 国税庁
    assert valid_corporate_number("7000012050002")
    assert not valid_corporate_number("8000012050002")
    assert not valid_corporate_number("700001205000")


def test_lookalike_pairs_are_distinct_companies_of_the_subset(companies, pairs):
    nums = set(companies["corporate_number"])
    assert set(pairs["kind"]) == {"identical", "near", "same_english"}
    assert pairs["corporate_number_a"].isin(nums).all()
    assert pairs["corporate_number_b"].isin(nums).all()
    assert (pairs["corporate_number_a"] != pairs["corporate_number_b"]).all()
    near = pairs[pairs["kind"].eq("near")]
    assert near["edits"].astype(int).between(1, 2).all()
    ident = pairs[pairs["kind"].eq("identical")]
    key = dict(zip(companies["corporate_number"], companies["name"], strict=True))
    strip = lambda n: re.sub(r"株式会社|合同会社|\s", "", unicodedata.normalize("NFKC", n))  # noqa: E731
    assert all(
        strip(key[a]) == strip(key[b])
        for a, b in zip(ident["corporate_number_a"], ident["corporate_number_b"], strict=True)
    )


def test_every_record_is_labelled_with_its_company_and_class(companies, records):
    assert {"lead_id", "company", "email", "corporate_number"} <= set(records.columns)
    assert records["lead_id"].is_unique
    assert records["company"].notna().all() and records["company"].str.strip().ne("").all()
    assert records["true_corporate_number"].isin(set(companies["corporate_number"])).all()
    assert set(records["variant"]) == set(CLASSES)
    assert set(records["email_kind"]) == {"corporate", "free", "none"}
    per = records.groupby("true_corporate_number").size()
    assert len(per) == len(companies) and per.between(2, 4).all()
    official = records[records["variant"].eq("official")]
    assert official["true_corporate_number"].is_unique and len(official) == len(companies)
    names = dict(zip(companies["corporate_number"], companies["name"], strict=True))
    assert (official["company"] == official["true_corporate_number"].map(names)).all()
    others = records[~records["variant"].isin(["official", "english", "romaji"])]
    assert (others["company"] != others["true_corporate_number"].map(names)).all()


def test_email_and_corporate_number_follow_the_brief(records, pairs):
    roman = records[records["variant"].isin(["english", "romaji"])]
    assert roman["email_kind"].isin(["free", "none"]).all()
    assert records["email"].isna().eq(records["email_kind"].eq("none")).all()
    corp = records[records["email_kind"].eq("corporate")]
    domains = corp["email"].str.split("@").str[1]
    assert (
        domains.groupby(domains)
        .apply(lambda d: corp.loc[d.index, "true_corporate_number"].nunique())
        .eq(1)
        .all()
    )
    given_num = records[records["corporate_number"].notna()]
    valid = given_num["corporate_number"].map(valid_corporate_number)
    assert (
        given_num.loc[valid, "corporate_number"] == given_num.loc[valid, "true_corporate_number"]
    ).all()
    assert 0.15 <= valid.sum() / len(records) <= 0.30  # ~20 %, more where twins need it
    assert 0 < (~valid).sum() / len(records) < 0.03  # a few mistyped numbers
    twins = set(
        pairs.loc[pairs["kind"].eq("identical"), ["corporate_number_a", "corporate_number_b"]]
        .to_numpy()
        .ravel()
    )
    tw = records[records["true_corporate_number"].isin(twins)]
    assert (
        tw["email_kind"].eq("corporate") | tw["corporate_number"].eq(tw["true_corporate_number"])
    ).all()


def test_generator_is_deterministic(companies, pairs):
    some = companies.head(300)
    first = generate(some, pairs, seed=3)
    pd.testing.assert_frame_equal(first, generate(some, pairs, seed=3))
    assert not first["company"].equals(generate(some, pairs, seed=4)["company"])


def test_pair_scores_on_a_hand_made_example():
    truth = np.array(["A", "A", "A", "B", "B", "C"])
    pred = np.array([1, 1, 2, 2, 2, 3])
    groups = np.array(["o", "x", "x", "o", "x", "o"])
    q = pair_scores(pred, truth, groups)
    # true pairs: A01 A02 A12 B34; predicted: 01, 23 24 34; right: 01 and 34.
    assert (q["tp"], q["fp"], q["fn"]) == (2, 2, 2)
    assert q["precision"] == q["recall"] == q["f1"] == 0.5
    assert q["recall:x"] == 2 / 4  # every true pair touches an x record
    assert q["recall:o"] == 2 / 3  # A01, A02, B34 touch an o record; A01 and B34 found
    perfect = pair_scores(truth, truth)
    assert perfect["precision"] == perfect["recall"] == 1.0 and perfect["fp"] == 0


def test_pair_scores_count_records_without_an_account_apart():
    # pd.factorize gives -1 to every record resolve_accounts left without an account (a
    # company written "-"): two such records of different companies are no false merge
    truth = np.array(["A", "B", "C", "C"])
    pred = np.array([-1, -1, 0, 0])
    q = pair_scores(pred, truth)
    assert (q["tp"], q["fp"], q["fn"]) == (1, 0, 0)
    q = pair_scores(np.array([-1, 0, -1, 1]), np.array(["A", "A", "B", "B"]))
    assert (q["tp"], q["fp"], q["fn"]) == (0, 0, 2)


def test_lookalike_merges_count_record_and_company_pairs():
    truth = np.array(["A", "A", "B", "B", "C"])
    pred = np.array([1, 2, 2, 2, 3])
    looks = pd.DataFrame(
        {
            "corporate_number_a": ["A", "A"],
            "corporate_number_b": ["B", "C"],
            "kind": ["near", "identical"],
        }
    )
    out = lookalike_merges(pred, truth, looks)
    assert out.loc["near", ["pairs", "merged", "record_pairs"]].tolist() == [1, 1, 2]
    assert out.loc["identical", ["pairs", "merged", "record_pairs"]].tolist() == [1, 0, 0]


def test_plain_key_strips_width_legal_forms_and_punctuation():
    names = pd.Series(["株式会社　ＡＢＣ", "(株)abc", "ABC Co., Ltd.", "ＡＢＣ株式会社"])
    assert plain_key(names).tolist() == ["abc"] * 4


@pytest.mark.parametrize(
    ("kana", "style", "expected"),
    [
        ("ミツイマツシマ", Style(), "mitsuimatsushima"),
        ("ミツイマツシマ", Style(kunrei=True), "mituimatusima"),
        ("トウヨウ", Style(), "toyo"),
        ("トウヨウ", Style(long_o="ou"), "touyou"),
        ("トウヨウ", Style(long_o="oh"), "tohyoh"),
        ("オオバヤシ", Style(long_o="oo"), "oobayashi"),
        ("シンブン", Style(m_before_bmp=True), "shimbun"),
        ("ニッポン", Style(), "nippon"),
        ("マッチャ", Style(), "matcha"),
        ("コーポレーション", Style(), "koporeshon"),
        ("コーポレーション", Style(bar="double"), "kooporeeshon"),
        ("ジュウ", Style(kunrei=True, long_o="ou"), "zyuu"),
    ],
)
def test_romaji_golden(kana, style, expected):
    assert to_romaji(kana, style) == expected


def test_romaji_refuses_what_it_cannot_read():
    assert to_romaji("三共") is None
    assert (
        noise.romaji(
            "ＮＴＴ株式会社", "エヌティティカブシキガイシャ", Style(), np.random.default_rng(0)
        )
        is None
    )


_KATAKANA = st.text(
    alphabet=st.sampled_from(
        list("アイウカガキクサシジスタチッツテデトナハバパフホマャュョヨラリルンヴー")
    ),
    min_size=1,
    max_size=12,
)


@given(_KATAKANA)
def test_halfwidth_kana_round_trips_through_nfkc(text):
    assert unicodedata.normalize("NFKC", noise.halfwidth_kana(text)) == text


@given(_KATAKANA, st.integers(0, 2**32 - 1))
def test_legal_form_keeps_the_core_name_readable(core, seed):
    out = noise.legal_form("株式会社" + core, np.random.default_rng(seed))
    assert out != "株式会社" + core
    flat = unicodedata.normalize("NFKC", out).replace(" ", "").replace("\u3000", "")
    assert unicodedata.normalize("NFKC", core) in flat
