"""Grouped ("formatted") report exports: summary rows left out, grouped cells filled down.

Workbooks shaped like Salesforce's *Export → Formatted Report*: title and filter
lines above the header, the grouping column's value on each group's first row
only (or merged down the group), a subtotal row under each group, a total row,
the confidentiality footer.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from abm.funnel.pipeline import pipeline_summary
from abm.ingest import load_files

AS_OF = pd.Timestamp("2026-06-30")

#: (phase, deal, company, amount, created)
DEALS = [
    ("成立", "北斗 - RPA導入", "株式会社北斗システムズ", 12_000_000, "2024/04/10"),
    ("成立", "三星 - クラウド移行", "三星化学株式会社", 8_500_000, "2024/05/02"),
    ("不成立", "東邦 - MA導入", "東邦精機工業株式会社", 4_800_000, "2024/05/15"),
    ("提案/見積", "みなと - 営業支援", "株式会社みなと物流", 5_600_000, "2024/11/11"),
    ("提案/見積", "さくら - MA導入", "株式会社さくら不動産", 3_300_000, "2024/12/02"),
    ("提案/見積", "北斗 - データ基盤", "株式会社北斗システムズ", 18_000_000, "2025/01/20"),
]
FOOTER = [
    "機密情報 - 配布禁止",
    "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.",
    "作成者: 原田 健一 2025/04/01 9:30",
    "株式会社サンプルソリューションズ",
]


def _xlsx(rows: list[list[object]], merge: list[str] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _by_phase(*, merged: bool = False) -> bytes:
    rows: list[list[object]] = [
        ["商談パイプライン（フェーズ別）"],
        ["絞り込み条件:"],
        ["    表示: すべての商談"],
        [],
    ]
    rows.append(["フェーズ", "商談名", "取引先名", "金額", "作成日"])
    merge, total = [], 0
    for phase in ("成立", "不成立", "提案/見積"):
        group = [d for d in DEALS if d[0] == phase]
        top = len(rows) + 1
        for k, (p, deal, company, amount, created) in enumerate(group):
            rows.append([p if k == 0 or merged else None, deal, company, amount, created])
        if merged and len(group) > 1:
            merge.append(f"A{top}:A{top + len(group) - 1}")
        subtotal = sum(d[3] for d in group)
        total += subtotal
        rows.append([None, f"小計 ({len(group)}件)", None, subtotal, None])
    rows += [["合計", f"件数: {len(DEALS)}", None, total, None], [], *[[f] for f in FOOTER]]
    return _xlsx(rows, merge)


def _check_deals(ds) -> None:
    opps = ds.opportunities
    assert len(opps) == len(DEALS)
    assert opps["stage"].tolist() == [d[0] for d in DEALS]
    summary = pipeline_summary(opps, as_of=AS_OF)
    assert (summary.won, summary.lost, summary.open) == (2, 1, 3)
    assert summary.won_value == 20_500_000 and summary.pipeline_value == 26_900_000


def test_a_formatted_report_grouped_by_phase_reads_each_deal_once():
    ds, errors = load_files([("商談パイプライン.xlsx", _by_phase())])
    assert not errors
    _check_deals(ds)
    issues = ds.sources[0].issues.set_index("check")
    assert issues.loc["summary_rows", "count"] == 4  # three 小計 and the 合計
    assert issues.loc["summary_rows", "row"] == 8  # the first 小計, under the two 成立 deals
    assert issues.loc["group_filled", "column"] == "フェーズ"
    assert issues.loc["group_filled", "count"] == 3  # 成立 ×1, 提案/見積 ×2 filled down
    assert issues.loc["footer_rows", "count"] == 4


def test_merged_group_cells_read_as_the_group():
    ds, errors = load_files([("商談パイプライン.xlsx", _by_phase(merged=True))])
    assert not errors
    _check_deals(ds)


def test_a_report_grouped_by_account_in_english_has_no_total_accounts():
    rows: list[list[object]] = [["Opportunities by Account"], ["Filtered By:"], []]
    rows.append(["Account Name", "Opportunity Name", "Stage", "Amount", "Created Date"])
    stage = {"成立": "Closed Won", "不成立": "Closed Lost", "提案/見積": "Proposal/Price Quote"}
    companies = list(dict.fromkeys(d[2] for d in DEALS))
    for company in companies:
        group = [d for d in DEALS if d[2] == company]
        for k, (p, deal, _, amount, created) in enumerate(group):
            rows.append([company if k == 0 else None, deal, stage[p], amount, created])
        rows.append([None, "Subtotal", None, sum(d[3] for d in group), None])
        rows.append([None, f"Record Count: {len(group)}", None, None, None])
    rows += [["Grand Total", None, None, sum(d[3] for d in DEALS), None], ["Total"], []]
    rows += [["Confidential Information - Do Not Distribute"]]
    ds, errors = load_files([("opps_by_account.xlsx", _xlsx(rows))])
    assert not errors
    opps = ds.opportunities
    assert sorted(opps["company"].unique()) == sorted(companies)
    assert opps.groupby("company")["amount"].sum()["株式会社北斗システムズ"] == 30_000_000
    summary = pipeline_summary(opps, as_of=AS_OF)
    assert (summary.won, summary.lost, summary.open) == (2, 1, 3)


def test_two_grouping_levels_fill_from_their_own_group():
    head = ["取引先名", "フェーズ", "商談名", "金額", "作成日"]
    rows: list[list[object]] = [head]
    rows += [["A社", "提案", "a1", 1, "2024/01/01"], [None, None, "a2", 2, "2024/01/02"]]
    rows += [[None, "小計", None, 3, None], [None, "受注", "a3", 4, "2024/01/03"]]
    rows += [[None, "小計", None, 4, None], ["小計", None, None, 7, None]]
    rows += [["B社", "受注", "b1", 8, "2024/01/04"], [None, "小計", None, 8, None]]
    rows += [["小計", None, None, 8, None], ["総計", None, None, 15, None]]
    ds, errors = load_files([("nested.xlsx", _xlsx(rows))])
    assert not errors
    opps = ds.opportunities
    assert opps["company"].tolist() == ["A社", "A社", "A社", "B社"]
    assert opps["stage"].tolist() == ["提案", "提案", "受注", "受注"]


def test_plain_tables_are_left_alone():
    """A company called Total… and a sparse row are data; without summary rows nothing fills."""
    text = (
        "会社名,氏名,メールアドレス,役職,ステータス\n"
        "Total Logistics株式会社,山田 太郎,taro@total-logi.example.jp,部長,MQL\n"
        ",佐藤 花子,hanako@example.co.jp,,\n"
        "合計物産株式会社,鈴木 一郎,ichiro@goukei.example.jp,課長,SQL\n"
    ).encode()
    ds, errors = load_files([("leads.csv", text)])
    assert not errors
    assert len(ds.leads) == 3
    assert ds.leads["company"].isna().tolist() == [False, True, False]
    assert not {"summary_rows", "group_filled"} & set(ds.sources[0].issues["check"])


def test_a_plain_table_ending_with_a_total_keeps_its_blank_cells():
    """A total row makes a file a grouped report only where its leading column is filled at
    group starts alone: a sparse column of a plain table is not filled down."""
    rows: list[list[object]] = [["会社名", "商談名", "フェーズ", "金額", "作成日"]]
    rows += [["A社", "x1", "提案", 100, "2024/01/01"], [None, "x2", "提案", 200, "2024/01/02"]]
    rows += [["B社", "x3", "受注", 300, "2024/01/03"], ["合計", None, None, 600, None]]
    ds, errors = load_files([("plain.xlsx", _xlsx(rows))])
    assert not errors
    assert ds.opportunities["company"].isna().tolist() == [False, True, False]
    checks = set(ds.sources[0].issues["check"])
    assert "summary_rows" in checks and "group_filled" not in checks


def test_a_hand_kept_list_with_its_total_under_the_header_counts_each_deal_once():
    """A merged title, the header on row 3 and a 合計 (SUBTOTAL) row right under it: the
    total was an open deal worth every deal together (pipeline about 3× the truth)."""
    rows: list[list[object]] = [["2025年度 商談一覧"], [None]]
    rows += [["商談ID", "取引先名", "商談名", "フェーズ", "金額", "作成日"]]
    rows += [["合計", None, None, None, 600, None]]
    rows += [["OPP-1", "A社", "x1", "提案", 100, "2024/05/01"]]
    rows += [[None, None, "x2", "提案", 200, "2024/05/02"]]  # a sparse row of a plain list
    rows += [["OPP-3", "B社", "x3", "受注", 300, "2024/05/03"]]
    ds, errors = load_files([("商談一覧.xlsx", _xlsx(rows, merge=["A1:F1"]))])
    assert not errors
    opps = ds.opportunities
    assert opps["deal_name" if "deal_name" in opps else "opportunity_name"].tolist() == [
        "x1",
        "x2",
        "x3",
    ]
    assert opps["company"].isna().tolist() == [False, True, False]  # nothing filled down
    summary = pipeline_summary(opps, as_of=pd.Timestamp("2025-03-31"))
    assert (summary.won, summary.open, summary.pipeline_value) == (1, 2, 300)
    said = ds.sources[0].issues.set_index("check")
    assert said.loc["summary_rows", "count"] == 1 and said.loc["summary_rows", "row"] == 4
    assert "group_filled" not in said.index


def test_a_group_without_its_own_value_stays_blank():
    rows: list[list[object]] = [["取引先名", "商談名", "フェーズ", "金額", "作成日"]]
    rows += [["A社", "a1", "提案", 1, "2024/01/01"], [None, "a2", "受注", 2, "2024/01/02"]]
    rows += [[None, "Subtotal", None, 3, None], [None, "z1", "提案", 4, "2024/01/03"]]
    rows += [[None, "Subtotal", None, 4, None], ["Grand Total", None, None, 7, None]]
    ds, errors = load_files([("by_account.xlsx", _xlsx(rows))])
    assert not errors
    assert ds.opportunities["company"].tolist()[:2] == ["A社", "A社"]
    assert pd.isna(ds.opportunities["company"].iloc[2])  # deals with no account


def test_a_footer_after_a_total_row_and_absent_sheet_rows_is_not_data():
    wb = Workbook()
    ws = wb.active
    head = ["商談名", "取引先名", "フェーズ", "金額", "作成日"]
    for r, row in enumerate([head, ["x1", "A社", "受注", 1, "2024/01/01"]], start=1):
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
    ws.cell(row=5, column=1, value="Total")  # rows 3-4 absent from the sheet
    ws.cell(row=6, column=1, value="Confidential Information - Do Not Distribute")
    out = io.BytesIO()
    wb.save(out)
    ds, errors = load_files([("gap.xlsx", out.getvalue())])
    assert not errors
    assert ds.opportunities["opportunity_name"].tolist() == ["x1"]


def test_nested_groups_of_one_inner_group_each_do_not_lend_their_values():
    """Grouped by account, then owner, every account with one owner: each subtotal pair
    closes both levels, so an account group without a name stays without one."""
    rows: list[list[object]] = [["取引先名", "所有者", "商談名", "金額", "作成日"]]
    rows += [["A社", "原田", "a1", 1, "2024/01/01"], [None, "小計", None, 1, None]]
    rows += [["小計", None, None, 1, None], [None, "村上", "z1", 2, "2024/01/02"]]
    rows += [[None, "小計", None, 2, None], ["小計", None, None, 2, None]]
    rows += [["総計", None, None, 3, None]]
    ds, errors = load_files([("nested.xlsx", _xlsx(rows))])
    assert not errors
    assert ds.opportunities["company"].iloc[0] == "A社"
    assert pd.isna(ds.opportunities["company"].iloc[1])


def test_a_classic_tabular_report_s_grand_totals_line_is_no_deal():
    # QA: Salesforce Classic writes "Grand Totals (62 records)" under a tabular report (in a
    # data column, amount summed beside it): it became a 63rd opportunity without a phase
    head = '"Opportunity Name","Account Name","Stage","Amount","Close Date","Created Date"\r\n'
    body = (
        '"A","Alpha K.K.","Closed Won","100","3/1/2026","1/5/2026"\r\n'
        '"B","Beta Co., Ltd.","Prospecting","200","6/1/2026","2/5/2026"\r\n'
        '"C","Gamma Inc.","Closed Lost","300","4/1/2026","1/20/2026"\r\n'
        '"Grand Totals (3 records)","","","600","",""\r\n""\r\n""\r\n'
        '"Opportunity Report"\r\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n'
    )
    ds, errors = load_files([("report.csv", (head + body).encode())])
    assert not errors
    opps = ds.opportunities
    assert len(opps) == 3
    assert sorted(opps["company"]) == ["Alpha K.K.", "Beta Co., Ltd.", "Gamma Inc."]
    assert opps["amount"].sum() == 600
    # QA-I: the Data page said "1 summary rows (subtotals, totals) skipped"
    from abm.ingest.report import describe_issues

    issues = ds.sources[0].issues
    summary = describe_issues(issues[issues["check"] == "summary_rows"], "en")
    assert summary["message"].tolist() == ["1 summary row (subtotal, total) skipped (line 5)."]
    blank = describe_issues(issues[issues["check"] == "blank_rows"], "en")["message"].tolist()
    assert blank == ["2 blank rows were skipped (first: line 6)."]


def _hand_kept(tail: list[list[object]]) -> bytes:
    rows: list[list[object]] = [["2025年度 案件管理表"], [None]]
    rows += [["No.", "登録日", "顧客名", "案件名", "金額", "ステータス"]]
    rows += [[1, "2025/04/01", "株式会社A", "x1", 100, "受注"]]
    rows += [[2, "2025/04/02", "B株式会社", "x2", "¥200", "見込A"]]
    rows += [[3, "2025/04/03", "合計商事株式会社", "x3", 300, "受注"]]
    return _xlsx(rows + tail)


def test_a_won_total_row_under_a_hand_kept_list_is_no_deal():
    # QA-Q: 案件管理表.xlsx's 受注合計 row (a SUMIF without a cached value, its other cells
    # blank) was read as a 301st deal with an unknown phase
    tail: list[list[object]] = [[None, None, "合計", None, 600, None]]
    tail += [[None, None, "受注合計", None, None, None]]
    tail += [[None, None, "見込合計", None, "200", None]]
    tail += [[None, None, "月別小計（4月）", None, "¥600", None]]
    tail += [[None, None, "Won Total", None, 400, None]]
    ds, errors = load_files([("案件管理表.xlsx", _hand_kept(tail))])
    assert not errors
    assert ds.opportunities["company"].tolist() == ["株式会社A", "B株式会社", "合計商事株式会社"]
    said = ds.sources[0].issues.set_index("check")
    assert said.loc["summary_rows", "count"] == 5


def test_a_label_ending_in_a_total_word_with_text_beside_it_is_a_row():
    # a company whose name ends like a total, with its deal's text cells, is a deal
    tail: list[list[object]] = [[4, "2025/04/04", "株式会社東西合計", "x4", 400, "受注"]]
    tail += [[None, None, "東西累計", "x5", 500, None]]
    ds, errors = load_files([("案件管理表.xlsx", _hand_kept(tail))])
    assert not errors
    assert ds.opportunities["company"].tolist()[3:] == ["株式会社東西合計", "東西累計"]
    assert "summary_rows" not in set(ds.sources[0].issues["check"])
