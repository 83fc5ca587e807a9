"""A workbook whose first sheet is a summary or notes: the data sheet is read, and said."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from abm.funnel.pipeline import pipeline_summary
from abm.ingest import load_files, read_table

DETAILS = [
    ["案件名", "会社名", "フェーズ", "受注金額", "作成日"],
    ["案件1", "株式会社北斗システムズ", "受注", 1_000_000, "2024/04/01"],
    ["案件2", "日進電機株式会社", "失注", 2_000_000, "2024/04/02"],
    ["案件3", "三星化学株式会社", "提案", 3_000_000, "2024/04/03"],
    ["案件4", "株式会社北斗システムズ", "提案", 4_000_000, "2024/04/04"],
]


def _book(*sheets: tuple[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _deals(data: bytes) -> tuple[pd.DataFrame, pd.DataFrame]:
    ds, errors = load_files([("商談.xlsx", data)])
    assert not errors
    return ds.opportunities, ds.sources[0].issues


def test_a_pivot_sheet_before_the_details_is_not_read_as_deals():
    pivot = [["フェーズ", "件数", "金額"], ["受注", 1, 1e6], ["失注", 1, 2e6], ["提案", 2, 7e6]]
    pivot.append(["総計", 4, 1e7])
    opps, issues = _deals(_book(("集計", pivot), ("明細", DETAILS)))
    assert opps["opportunity_name"].tolist() == ["案件1", "案件2", "案件3", "案件4"]
    summary = pipeline_summary(opps, as_of=pd.Timestamp("2026-06-30"))
    assert (summary.won, summary.lost, summary.open) == (1, 1, 2)
    said = issues.set_index("check").loc["sheet_chosen"]
    assert said["column"] == "明細" and said["count"] == 2


def test_a_notes_sheet_first_is_passed_over():
    notes = [["商談一覧（営業部）"], ["出力日: 2025/04/01"], ["※金額は税抜"]]
    opps, _ = _deals(_book(("説明", notes), ("商談一覧", DETAILS)))
    assert len(opps) == 4


def test_the_first_sheet_is_read_when_it_is_the_data_and_a_sheet_asked_for_is_read():
    codes = [["コード", "意味"], ["A", "受注"], ["B", "失注"]]
    data = _book(("商談", DETAILS), ("コード表", codes))
    opps, issues = _deals(data)
    assert len(opps) == 4 and "sheet_chosen" not in set(issues["check"])
    assert read_table(data, "商談.xlsx", sheet="コード表").sheet == "コード表"


def test_a_data_first_sheet_stays_the_one_read_and_a_bad_other_sheet_refuses_nothing():
    """The first sheet names known columns: it is read even when another sheet scores
    higher; a second sheet past the column limit does not refuse the workbook."""
    from abm.ingest.limits import Limits

    leads = [["会社名", "氏名", "メールアドレス"], ["北斗", "小林 亮", "ryo@hokuto.example.jp"]]
    wide = [[f"列{i}" for i in range(40)]]
    data = _book(("リード", leads), ("商談", DETAILS), ("集計", wide))
    raw = read_table(data, "book.xlsx", limits=Limits(max_columns=30))
    assert raw.sheet == "リード" and "sheet_chosen" not in set(raw.issues["check"])


def test_a_details_sheet_with_object_prefixed_headers_wins_over_a_summary():
    summary = [
        ["担当者", "フェーズ", "金額"],
        ["原田", "受注", 1_000_000],
        ["総計", None, 1_000_000],
    ]
    details = [
        ["商談: 商談名", "取引先: 取引先名", "商談: フェーズ", "商談: 金額", "商談: 完了予定日"]
    ]
    details.append(["案件1", "株式会社北斗システムズ", "受注", 1_000_000, "2024/04/30"])
    raw = read_table(_book(("集計", summary), ("明細", details)), "商談.xlsx")
    assert raw.sheet == "明細"
