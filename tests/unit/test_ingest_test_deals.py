"""Deals named as tests are left out of every deal figure at load, and said (QA-R)."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.funnel import pipeline_summary
from abm.ingest import describe_issues, load_files
from abm.ingest.testdeals import marked_as_test
from abm.pipeline import prepare
from abm.resolve import ExclusionRules

# fmt: off
#: Deal name -> is a test (golden table).
GOLDEN: tuple[tuple[str, bool], ...] = (
    ("【テスト】商談登録テスト（削除予定）", True), ("テスト", True), ("test", True),
    ("TEST", True), ("Ｔｅｓｔ", True), ("test 2", True), ("ダミー", True), ("dummy", True),
    ("TEST_deal 1", True), ("test-001", True), ("テスト: 登録確認", True),
    ("[TEST] Acme renewal", True), ("［テスト］ライン増設", True), ("（ダミー）見積", True),
    ("【ＴＥＳＴ】a", True), ("テスト商談", True), ("動作確認", True),
    # a name that only contains the word is a real deal (test equipment is a product)
    ("テスト装置 更新", False), ("テストライン増設 光電センサー", False),
    ("Test bench upgrade", False), ("testament", False), ("検査・テスト工程 センサー", False),
    ("富山機工 ライン増設 光電センサー", False), ("【2024秋】展示会 フォロー", False),
    ("ダミーロード 導入", False),
)
# fmt: on


@pytest.mark.parametrize(("name", "test"), GOLDEN)
def test_a_deal_is_a_test_by_its_name_alone_or_its_prefix(name, test):
    assert bool(marked_as_test(pd.Series([name], dtype="string"))[0]) is test


def test_a_missing_name_is_no_test():
    assert not marked_as_test(pd.Series([None, ""], dtype="string")).any()


_CONTACTS = (
    "Eメール,会社名,姓,名,作成日\n"
    "a.sato@buyer.co.jp,株式会社バイヤー,佐藤,一郎,2026/04/01\n"
    "k.ito@rivalco.co.jp,株式会社ライバル,伊藤,健,2026/04/01\n"
    "m.kato@ownco.co.jp,株式会社オウン,加藤,学,2026/04/01\n"
)
_DEALS = (
    "商談 ID,取引先名,商談名,金額,完了予定日,フェーズ,作成日,取引先責任者: メール\n"
    "006A,株式会社バイヤー,バイヤー ライン増設,1000000,2026/06/30,提案,2026/04/10,a.sato@buyer.co.jp\n"
    "006B,株式会社オウン,【テスト】商談登録テスト,1,2026/06/30,見込み,2026/04/11,\n"
    "006C,株式会社ライバル,ライバル 検査装置,3000000,2026/06/30,交渉,2026/04/12,k.ito@rivalco.co.jp\n"
    "006D,株式会社バイヤー,TEST_移行確認,5,2026/05/31,受注,2026/04/13,\n"
)
_AS_OF = pd.Timestamp("2026-05-15")


def _load():
    return load_files(
        [("contacts.csv", _CONTACTS.encode("utf-8")), ("deals.csv", _DEALS.encode("utf-8"))]
    )


def test_test_deals_are_left_out_of_every_deal_figure_and_said():
    ds, errors = _load()
    assert not errors
    deals = ds.opportunities
    assert sorted(deals["opportunity_id"]) == ["006A", "006C"]
    p = pipeline_summary(deals, as_of=_AS_OF)
    assert (p.opportunities, p.pipeline_value, p.won) == (2, 4_000_000.0, 0)
    report = next(s for s in ds.sources if s.table == "opportunities")
    issue = report.issues[report.issues["check"] == "test_deals"]
    assert issue["count"].tolist() == [2]
    said = describe_issues(issue, "en")["message"].iloc[0]
    assert "2 deals are named as tests" in said and "row 3" in said
    assert "テスト" in describe_issues(issue, "ja")["message"].iloc[0]
    assert report.left_out["check"].tolist() == ["test_deal", "test_deal"]


def test_deals_at_an_excluded_account_still_count():
    # 営業対象外 says whom marketing targets, not which sales happened: a deal the CRM
    # holds with a competitor (distributors buy from each other) is a real deal, as a
    # school's deals are (abm.resolve.hygiene.ExclusionRules); the own company's test deal
    # is left out by its name above
    ds, _ = _load()
    rules = ExclusionRules(own_domains=("ownco.co.jp",), competitor_domains=("rivalco.co.jp",))
    prepared = prepare(ds, rules=rules)
    assert "k.ito@rivalco.co.jp" not in set(prepared.dataset.leads["email"].dropna())
    p = pipeline_summary(prepared.dataset.opportunities, as_of=_AS_OF)
    assert (p.opportunities, p.pipeline_value) == (2, 4_000_000.0)
