"""A hand-kept Japanese sales sheet (案件管理表) as a deals file (QA-Q).

Sales teams without a CRM keep their deals in Excel: 顧客名 for the customer, ステータス
with 見込A/B/C, 受注, 失注, 保留, 登録日 for the day the deal was logged, 受注日 for the day
it was won and 受注予定月 for the month it is expected. Before, all of these were left
unmapped: 0 won deals and the whole book counted as pipeline.
"""

from __future__ import annotations

import pandas as pd

from abm.funnel.pipeline import pipeline_summary
from abm.ingest import load_files, read_table, suggest_mapping

HEADER = "No.,登録日,顧客名,担当者名,案件名,区分,担当営業,金額（税抜）,受注予定月,受注日,ステータス,失注理由\n"
ROWS = [
    "1,2026/04/01,永和不動産株式会社,遠藤 裕子,空調更新,更新,山内,450000,2026年5月,,失注,連絡途絶",
    "2,2026/04/04,山陽メディカル(株),池田様,フロン点検,点検,岸,750000,2026年5月,2026/05/20,受注,",
    "3,2026/04/04,松風商事,遠藤 陽子,修理,修理,岸,460000,2026年10月,,保留,",
    "4,2026/06/10,北辰金属株式会社,佐藤,新設,新設,山内,1200000,2026年12月,,見込A,",
    "5,2026/07/01,双葉商事,鈴木,保守契約,保守,岸,300000,2027年1月,,見込C,",
]


def _sheet() -> bytes:
    return (HEADER + "\n".join(ROWS) + "\n").encode("cp932")


def test_the_sheets_headers_map_to_the_deal_fields() -> None:
    m = suggest_mapping(read_table(_sheet(), "案件管理表.csv"))
    assert m.table == "opportunities"
    cols = dict(m.columns)
    assert cols["顧客名"] == "company"
    assert cols["ステータス"] == "stage"
    assert cols["登録日"] == "created_at"
    assert cols["区分"] == "opportunity_type"
    assert {cols["受注予定月"], cols["受注日"]} & {"close_date"}


def test_won_lost_and_forecast_ranks_are_read_from_the_status() -> None:
    ds, errors = load_files([("案件管理表.csv", _sheet())])
    assert not errors
    opps = ds.opportunities.set_index("opportunity_name")
    assert opps["outcome"].to_dict() == {
        "空調更新": "lost", "フロン点検": "won", "修理": "open", "新設": "open", "保守契約": "open",
    }  # fmt: skip
    assert set(opps["outcome_source"]) != {"unknown"}
    assert "unknown" not in set(opps.loc[["新設", "保守契約"], "outcome_source"])  # 見込A / 見込C
    summary = pipeline_summary(ds.opportunities, as_of=pd.Timestamp("2026-11-30"))
    assert summary.won_value == 750_000
    assert summary.pipeline_value == 460_000 + 1_200_000 + 300_000


def test_the_close_date_is_the_day_won_else_the_month_planned() -> None:
    ds, _ = load_files([("案件管理表.csv", _sheet())])
    close = ds.opportunities.set_index("opportunity_name")["close_date"]
    assert close["フロン点検"] == pd.Timestamp("2026-05-20")  # 受注日, not 受注予定月
    assert close["新設"] == pd.Timestamp("2026-12-01")  # 受注予定月 where nothing closed
    issues = ds.sources[0].issues.set_index("check")
    assert "duplicate_mapping" not in issues.index  # the other column is read, not left out
    assert issues.loc["close_dates_joined", "count"] >= 1


def test_a_planned_month_that_is_no_date_is_said_with_its_line() -> None:
    """QA-Q: a 受注予定月 cell that is no date (「未定」, 「来期」) was dropped without a word when
    the column fills in the close date; it is said as a mapped column's would be."""
    rows = [*ROWS, "6,2026/07/02,北辰金属株式会社,佐藤,増設,新設,山内,800000,来期,,見込B,"]
    data = (HEADER + "\n".join(rows) + "\n").encode("cp932")
    ds, _ = load_files([("案件管理表.csv", data)])
    issues = ds.sources[0].issues
    said = issues[(issues["check"] == "unparseable") & (issues["column"] == "受注予定月")]
    assert len(said) == 1 and int(said["count"].iloc[0]) == 1
    assert int(said["row"].iloc[0]) == 7  # the file's line: the header is line 1
    assert "来期" not in issues.to_string()  # no cell value in a report
    close = ds.opportunities.set_index("opportunity_name")["close_date"]
    assert pd.isna(close["増設"])
