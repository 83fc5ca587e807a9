"""apply_mapping, build_dataset and load_files: typing, lineage, joins, reports."""

from __future__ import annotations

import pandas as pd
import pytest
from test_ingest_fixtures import files

from abm import Dataset
from abm.core.keys import email_key
from abm.errors import MoriError
from abm.ingest import apply_mapping, build_dataset, load_files, read_table, suggest_mapping
from abm.schema import validate

LEADS = (
    "検索条件: ステータス=すべて\r\n出力日時: 2024/06/01 09:00\r\n\r\n"
    "会社名,氏名,メールアドレス,電話番号,従業員数,売上高（百万円）,作成日,MQL化日,会社URL,ステータス,PV数,配信停止\r\n"
    '株式会社アルファ,NA,Taro@Alpha.co.jp,0312345678,３００名,"1,200",2024/01/05,2024年2月1日,https://www.alpha.co.jp/x,潜在,3,済\r\n'
    'ベータ工業,None,hanako@beta.jp,09012345678,"1,000名",50,2024/1/5 9:03,,beta.jp,受注,たくさん,\r\n'
)
ACTS = "メールアドレス,日時,行動種別,チャネル,URL\r\ntaro@alpha.co.jp,2024/02/01 10:00:00,訪問,web,/pricing\r\nnobody@x.jp,2024/02/02 10:00:00,メール開封,email,\r\n"
OPPS = (
    "商談ID,商談名,取引先名,金額,フェーズ,確度(%),作成日,完了予定日,受注,完了,主担当者メール\r\n"
    'O1,案件A,株式会社アルファ,"12,000,000",提案,50,2024/03/01,2024/04/30,0,0,ＴＡＲＯ@alpha.co.jp\r\n'
    "O2,案件B,ガンマ,3000000,受注,100,2024/03/02,2024/04/01,1,1,\r\n"
)


@pytest.fixture
def ds() -> Dataset:
    dataset, errors = load_files(
        [
            ("leads.csv", LEADS.encode("cp932")),
            ("acts.csv", ACTS.encode("utf-8-sig")),
            ("opps.csv", OPPS.encode("cp932")),
        ]
    )
    assert errors == ()
    return dataset


def test_leads_are_typed_by_schema(ds: Dataset) -> None:
    leads = ds.leads
    assert leads["employees"].tolist() == [300, 1000]
    assert leads["annual_revenue"].tolist() == [1_200_000_000.0, 50_000_000.0]
    assert leads["created_at"].tolist() == [
        pd.Timestamp("2024-01-05"),
        pd.Timestamp("2024-01-05 09:03"),
    ]
    assert leads["mql_at"].iloc[0] == pd.Timestamp("2024-02-01") and pd.isna(
        leads["mql_at"].iloc[1]
    )
    assert leads["domain"].tolist() == ["alpha.co.jp", "beta.jp"]
    assert leads["phone"].tolist() == ["0312345678", "09012345678"]
    assert leads["full_name"].tolist() == ["NA", "None"]
    assert leads["current_stage"].tolist() == ["潜在", "受注"]
    assert leads["unsubscribed"].iloc[0] and pd.isna(leads["unsubscribed"].iloc[1])
    assert validate(leads, "leads").query("severity == 'error'").empty


def test_lineage_columns(ds: Dataset) -> None:
    assert ds.leads["source_file"].tolist() == ["leads.csv", "leads.csv"]
    assert ds.leads["source_row"].tolist() == [5, 6]
    assert ds.activities["source_row"].tolist() == [2, 3]


def test_lead_ids_are_generated_when_missing(ds: Dataset) -> None:
    ids = ds.leads["lead_id"]
    assert ids.notna().all() and ids.is_unique
    assert ids.str.endswith("-5").iloc[0] and ids.str.endswith("-6").iloc[1]
    rep = {r.file: r for r in ds.sources}["leads.csv"]
    gen = rep.issues.set_index("check").loc["lead_id_generated"]
    assert gen["count"] == 2


def test_activities_and_opportunities_link_to_leads_by_email(ds: Dataset) -> None:
    alpha = ds.leads["lead_id"].iloc[0]
    assert ds.activities["lead_id"].iloc[0] == alpha  # Taro@Alpha vs taro@alpha
    assert pd.isna(ds.activities["lead_id"].iloc[1])
    assert ds.opportunities["lead_id"].iloc[0] == alpha  # full-width ＴＡＲＯ
    assert pd.isna(ds.opportunities["lead_id"].iloc[1])
    acts = {r.file: r for r in ds.sources}["acts.csv"].issues.set_index("check")
    assert acts.loc["linked_by_email", "count"] == 1
    assert (acts.loc["unlinked", "count"], acts.loc["unlinked", "row"]) == (1, 3)


def test_opportunities_typed(ds: Dataset) -> None:
    o = ds.opportunities
    assert o["amount"].tolist() == [12_000_000.0, 3_000_000.0]
    assert o["is_won"].tolist() == [False, True]
    assert o["probability"].tolist() == [50.0, 100.0]
    assert o["close_date"].iloc[0] == pd.Timestamp("2024-04-30")
    assert validate(o, "opportunities").query("severity == 'error'").empty


def test_source_reports(ds: Dataset) -> None:
    reps = {r.file: r for r in ds.sources}
    leads = reps["leads.csv"]
    assert (leads.table, leads.vendor, leads.encoding, leads.rows, leads.header_row) == (
        "leads",
        "bownow",
        "cp932",
        2,
        4,
    )
    assert leads.mapping["売上高（百万円）"] == "annual_revenue"
    assert leads.mapping_quality > 0.9
    bad = leads.issues.set_index("check").loc["unparseable"]
    assert (bad["column"], bad["row"], bad["count"], bad["message_key"]) == (
        "PV数",
        6,
        1,
        "ingest.issue.unparseable_int",
    )
    assert "たくさん" not in leads.issues.to_string()
    assert (reps["opps.csv"].table, reps["opps.csv"].vendor) == ("opportunities", "salesforce")
    assert reps["acts.csv"].table == "activities"
    assert ds.accounts is None


def test_a_bad_file_does_not_stop_the_others() -> None:
    dataset, errors = load_files(
        [("leads.csv", LEADS.encode("cp932")), ("photo.csv", files()["png_renamed.csv"])]
    )
    assert len(dataset.leads) == 2
    assert [(name, e.key) for name, e in errors] == [("photo.csv", "ingest.err.binary")]


def test_a_file_with_nothing_to_map_is_refused() -> None:
    dataset, errors = load_files([("notes.csv", "メモ,備考\nx,y\n".encode())])
    assert [(n, e.key) for n, e in errors] == [("notes.csv", "ingest.err.nothing_mapped")]
    assert len(dataset.leads) == 0
    assert {"lead_id", "company", "source_file", "source_row"} <= set(dataset.leads.columns)


def test_several_files_of_one_table_are_concatenated() -> None:
    a = read_table("会社名,メールアドレス,リードID\nA社,a@x.jp,L1\n".encode(), "a.csv")
    b = read_table(b"Company,Email,Score\nB Inc,b@y.com,10\n", "b.csv")
    ds = build_dataset([(a, suggest_mapping(a)), (b, suggest_mapping(b))])
    leads = ds.leads
    assert leads["company"].tolist() == ["A社", "B Inc"]
    assert leads["lead_id"].iloc[0] == "L1" and leads["lead_id"].iloc[1].startswith("L")
    assert pd.isna(leads["score"].iloc[0]) and leads["score"].iloc[1] == 10
    assert str(leads["score"].dtype) == "Float64"
    assert leads["source_file"].tolist() == ["a.csv", "b.csv"]
    assert [r.file for r in ds.sources] == ["a.csv", "b.csv"]


def test_accounts_from_xlsx() -> None:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "取引先"
    ws.append(
        [
            "会社名",
            "ドメイン",
            "法人番号",
            "従業員数",
            "売上高（百万円）",
            "既存顧客",
            "ターゲット",
            "ティア",
        ]
    )
    ws.append(["アルファ", "alpha.co.jp", "0123456789012", 1200, 35000, "はい", "○", 1])
    ws.append(["ベータ", "beta.jp", None, 80, None, "いいえ", None, None])
    buf = io.BytesIO()
    wb.save(buf)
    ds, errors = load_files([("accounts.xlsx", buf.getvalue())])
    assert errors == ()
    acc = ds.accounts
    assert acc["corporate_number"].iloc[0] == "0123456789012"
    assert acc["annual_revenue"].iloc[0] == 35_000_000_000.0
    assert acc["is_customer"].tolist() == [True, False]
    assert acc["is_target"].iloc[0] and pd.isna(acc["is_target"].iloc[1])
    assert acc["tier"].iloc[0] == "1"
    assert acc["source_row"].tolist() == [2, 3]
    assert validate(acc, "accounts").query("severity == 'error'").empty


def test_apply_mapping_reports_duplicates_and_keeps_first() -> None:
    raw = read_table("会社名,企業名,氏名\nA,B,C\n".encode(), "d.csv")
    m = suggest_mapping(raw)
    frame, issues = apply_mapping(raw, m)
    assert frame["company"].tolist() == ["A"]
    assert list(frame.columns) == ["full_name", "company", "source_file", "source_row"]
    assert issues.set_index("check").loc["duplicate_mapping", "column"] == "企業名"


def test_a_column_left_out_for_another_names_the_one_read() -> None:
    # QA-I: "Column 'Person Status' was not used: another column is already mapped…" (which?)
    from dataclasses import replace

    from abm.ingest.report import describe_issues

    raw = read_table("会社名,企業名,氏名,メモ\nA,B,C,D\n".encode(), "d.csv")
    m = suggest_mapping(raw)
    _, issues = apply_mapping(raw, m)
    assert describe_issues(issues, "en")["message"].tolist()[0] == (
        "Column “企業名” was not used: “会社名” is already mapped to the same field."
    )
    assert describe_issues(issues, "ja")["message"].tolist()[0] == (
        "列「企業名」は、同じ項目にすでに列「会社名」が対応付けられているため読み込んでいません。"
    )
    # mapped by hand to a field another column already gives
    by_hand = replace(
        m, columns=tuple((h, "full_name" if h == "メモ" else c) for h, c in m.columns)
    )
    _, issues = apply_mapping(raw, by_hand)
    said = describe_issues(issues, "en")["message"].tolist()
    assert "Column “メモ” was not used: “氏名” is already mapped to the same field." in said
    ds, _ = load_files([("d.csv", "会社名,企業名,氏名\nA,B,C\n".encode())])
    assert ds.sources[0].issues["kept_column"].dropna().tolist() == ["会社名"]
    # with a cell issue besides (a bad date): the named column stays on its own issue
    ds, errors = load_files(
        [
            (
                "e.csv",
                "会社名,企業名,氏名,作成日,従業員数\nA,B,C,x,abc\nD,E,F,2026-01-02,12\n".encode(),
            )
        ]
    )
    assert not errors
    issues = ds.sources[0].issues
    named = issues[issues["check"].eq("duplicate_mapping")]
    assert named["kept_column"].tolist() == ["会社名"]
    assert issues[~issues["check"].eq("duplicate_mapping")]["kept_column"].isna().all()


def test_apply_mapping_refuses_unknown_canonical_column() -> None:
    raw = read_table("会社名\nA\n".encode(), "x.csv")
    bad = suggest_mapping(raw)
    object.__setattr__(bad, "columns", (("会社名", "nope"),))
    with pytest.raises(MoriError):
        apply_mapping(raw, bad)


def test_apply_mapping_does_not_mutate_the_raw_frame() -> None:
    raw = read_table(LEADS.encode("cp932"), "l.csv")
    before = raw.frame.copy()
    apply_mapping(raw, suggest_mapping(raw))
    pd.testing.assert_frame_equal(raw.frame, before)


def test_email_key() -> None:
    s = pd.Series([" Taro@Alpha.JP ", "ＴＡＲＯ＠ａｌｐｈａ．ｊｐ", "", None], dtype="str")
    assert email_key(s).tolist()[:2] == ["taro@alpha.jp", "taro@alpha.jp"]
    assert email_key(s).iloc[2:].isna().all()


def test_day_first_is_reported() -> None:
    raw = read_table("会社名,作成日\nA,31/12/2024\nB,01/02/2024\n".encode(), "d.csv")
    frame, issues = apply_mapping(raw, suggest_mapping(raw))
    assert frame["created_at"].tolist() == [pd.Timestamp("2024-12-31"), pd.Timestamp("2024-02-01")]
    assert "day_first" in issues["check"].tolist()


def test_describe_issues_translates_without_values(ds: Dataset) -> None:
    from abm.ingest import describe_issues

    rep = {r.file: r for r in ds.sources}["leads.csv"]
    for lang in ("ja", "en"):
        out = describe_issues(rep.issues, lang)
        assert list(out.columns) == ["file", "row", "column", "count", "message"]
        assert len(out) == len(rep.issues)
        assert not out["message"].str.contains("{", regex=False).any()
        assert not out["message"].str.contains("たくさん", regex=False).any()
    en = describe_issues(rep.issues, "en").set_index("column").loc["PV数", "message"]
    assert (
        en == "Column “PV数”: 1 values are not whole numbers (first: line 6); they are left blank."
    )


def test_display_names_exist_for_every_vendor_and_table() -> None:
    from abm.i18n import catalog
    from abm.ingest.aliases import VENDORS
    from abm.schema import TABLES

    keys = catalog()
    assert all(f"ingest.vendor.{v}" in keys for v in VENDORS)
    assert all(f"ingest.table.{name}" in keys for name in TABLES)


def test_every_issue_key_the_code_can_emit_is_translated() -> None:
    from abm.i18n import catalog
    from abm.schema import DTYPES

    keys = catalog()
    assert all(f"ingest.issue.unparseable_{kind}" in keys for kind in DTYPES)
    raw = read_table("会社名,会社URL\nA,https://\nB,b.jp\n".encode(), "u.csv")
    frame, issues = apply_mapping(raw, suggest_mapping(raw))
    assert frame["domain"].isna().iloc[0] and frame["domain"].iloc[1] == "b.jp"
    assert issues["message_key"].tolist() == ["ingest.issue.unparseable_string"]
    assert set(issues["message_key"]) <= set(keys)


def test_same_file_name_twice_gets_distinct_generated_ids():
    from abm.ingest import load_files

    csv = "会社名,氏名\n株式会社A,山田\n株式会社B,佐藤\n".encode()
    dataset, errors = load_files([("leads.csv", csv), ("leads.csv", csv)])
    assert not errors
    ids = dataset.leads["lead_id"]
    assert len(ids) == 4 and ids.is_unique


def _opps_csv(rows: list[tuple[str, str, str, int]]) -> bytes:
    head = "商談ID,商談名,取引先名,フェーズ,金額\n"
    return (head + "".join(f"{i},{n},{c},{p},{a}\n" for i, n, c, p, a in rows)).encode("utf-8")


def test_overlapping_opportunity_exports_count_each_deal_once():
    """Last month's and this month's report list the same deals: the later file's rows are
    used (the newer phase), the earlier file's report says how many were left out."""
    from abm.funnel.pipeline import pipeline_summary
    from abm.ingest import load_files

    march = _opps_csv(
        [("006A", "案件A", "株式会社北斗", "提案", 100), ("006B", "案件B", "株式会社南斗", "提案", 200),
         ("006C", "案件C", "株式会社東斗", "失注", 300)]
    )  # fmt: skip
    april = _opps_csv(
        [("006A", "案件A", "株式会社北斗", "受注", 100), ("006B", "案件B", "株式会社南斗", "提案", 250),
         ("006D", "案件D", "株式会社西斗", "提案", 400), ("006D", "案件D", "株式会社西斗", "提案", 50)]
    )  # fmt: skip
    ds, errors = load_files([("商談_2025-03.csv", march), ("商談_2025-04.csv", april)])
    assert not errors
    opps = ds.opportunities
    # 006D's two rows (product lines with their own prices) are one deal of 450
    assert sorted(opps["opportunity_id"]) == ["006A", "006B", "006C", "006D"]
    by_id = opps.groupby("opportunity_id")["outcome"].first()
    assert by_id["006A"] == "won" and by_id["006C"] == "lost"  # the newer phase; C only in March
    assert opps.loc[opps["opportunity_id"] == "006B", "amount"].tolist() == [250]
    assert opps.loc[opps["opportunity_id"] == "006D", "amount"].tolist() == [450]
    summary = pipeline_summary(opps, as_of=pd.Timestamp("2026-06-30"))
    assert (summary.won, summary.lost, summary.open) == (1, 1, 2)
    first, second = ds.sources
    said = first.issues.set_index("check")
    assert said.loc["superseded", "count"] == 2 and said.loc["superseded", "row"] == 2
    assert "superseded" not in set(second.issues["check"])
    # each file's outcomes count the deals it still holds: together, the deals on the pages
    counts = [s.outcomes.groupby("outcome")["rows"].sum() for s in ds.sources]
    assert [c.to_dict() for c in counts] == [
        {"lost": 1, "open": 0, "won": 0},
        {"lost": 0, "open": 2, "won": 1},
    ]
    # the same report loaded twice under one name: still each deal once, counted once
    again, _ = load_files([("商談.csv", april), ("商談.csv", april)])
    assert len(again.opportunities) == 3
    assert [int(s.outcomes["rows"].sum()) for s in again.sources] == [0, 3]


def test_a_later_short_report_keeps_what_the_earlier_export_knew():
    """A "won this month" report with id, phase and close date only: the deal keeps its
    amount and company from the full export, and its phase from the later report."""
    from abm.ingest import load_files

    full = _opps_csv([("006A", "案件A", "株式会社北斗", "提案", 100)])
    won = "商談ID,フェーズ,完了日\n006A,受注,2025/04/30\n".encode()
    ds, errors = load_files([("full.csv", full), ("won.csv", won)])
    assert not errors
    row = ds.opportunities.iloc[0]
    assert len(ds.opportunities) == 1
    assert (row["outcome"], row["amount"], row["company"]) == ("won", 100, "株式会社北斗")
    assert row["source_file"] == "won.csv"


def test_a_deal_state_comes_from_one_file_never_mixed():
    """An earlier full report says 受注 FALSE / 完了 FALSE beside 提案; the later short one
    says 受注: the later file's phase decides (its own state), not the earlier flags."""
    from abm.ingest import load_files

    full = "商談ID,商談名,フェーズ,受注,完了,金額\n006A,案件A,提案,FALSE,FALSE,100\n".encode()
    won = "商談ID,フェーズ,完了日\n006A,受注,2025/04/30\n".encode()
    ds, errors = load_files([("full.csv", full), ("won.csv", won)])
    assert not errors
    row = ds.opportunities.iloc[0]
    assert (row["outcome"], row["amount"]) == ("won", 100)
