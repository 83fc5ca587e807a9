"""read_table: encodings, delimiters, title rows, headers, lineage, text-only cells."""

from __future__ import annotations

import pandas as pd
import pytest
from test_ingest_fixtures import files, module

from abm.ingest import RawTable, read_table

ENCODED = {
    "leads_utf8.csv": "utf-8",
    "leads_utf8_bom.csv": "utf-8-sig",
    "leads_cp932.csv": "cp932",
    "leads_utf16.csv": "utf-16",
    "leads.xlsx": "xlsx",
    "leads.tsv": "utf-8",
    "leads_semicolon.csv": "utf-8",
}


def _expected() -> pd.DataFrame:
    mf = module()
    rows = [[v if v != "" else None for v in r] for r in mf.ROWS]
    frame = pd.DataFrame(rows, columns=mf.HEADER, dtype="str")
    frame.index = pd.Index([2, 3, 4], dtype="int64")
    return frame


@pytest.mark.parametrize(("name", "encoding"), sorted(ENCODED.items()))
def test_same_content_in_every_encoding_gives_equal_frames(name: str, encoding: str) -> None:
    raw = read_table(files()[name], name)
    assert isinstance(raw, RawTable)
    assert raw.encoding == encoding
    assert raw.header_row == 1
    assert raw.first_data_row == 2
    pd.testing.assert_frame_equal(raw.frame, _expected(), check_dtype=False)
    assert all(str(dt) == "str" for dt in raw.frame.dtypes)
    assert raw.issues.empty


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [("leads.tsv", "\t"), ("leads_semicolon.csv", ";"), ("leads_utf8.csv", ",")],
)
def test_delimiter_is_sniffed(name: str, delimiter: str) -> None:
    assert read_table(files()[name], name).delimiter == delimiter


def test_xlsx_has_no_delimiter_and_lists_sheets() -> None:
    raw = read_table(files()["bownow_title_rows.xlsx"], "b.xlsx")
    assert raw.delimiter is None
    assert raw.sheet == "リード"
    assert raw.sheets == ("リード", "メモ")


@pytest.mark.parametrize("sheet", ["メモ", 1])
def test_xlsx_chosen_sheet(sheet: str | int) -> None:
    raw = read_table(files()["bownow_title_rows.xlsx"], "b.xlsx", sheet=sheet)
    assert raw.sheet == "メモ"
    assert list(raw.frame.columns) == ["会社名", "メモ"]
    assert raw.frame.loc[2, "会社名"] == "デルタ"


@pytest.mark.parametrize("name", ["bownow_title_rows.csv", "bownow_title_rows.xlsx"])
def test_bownow_title_rows_are_skipped(name: str) -> None:
    raw = read_table(files()[name], name)
    # 検索条件 (line 1), 出力日時 (line 2), blank (line 3), header on line 4.
    assert raw.header_row == 4
    assert raw.first_data_row == 5
    assert list(raw.frame.columns) == module().HEADER
    assert list(raw.frame.index) == [5, 6, 7]
    assert raw.frame.loc[5, "会社名"] == "株式会社アルファ"


def test_leading_zeros_and_na_names_survive() -> None:
    raw = read_table(files()["leads_cp932.csv"], "l.csv")
    assert list(raw.frame["電話番号"].iloc[:2]) == ["0312345678", "09012345678"]
    assert list(raw.frame["郵便番号"].iloc[:2]) == ["0600001", "0010010"]
    assert list(raw.frame["氏名"].iloc[:2]) == ["NA", "None"]
    assert raw.frame["氏名"].notna().all()


def test_empty_cells_become_missing_but_spaces_do_not_matter_for_blank_rows() -> None:
    data = "会社名,氏名\nアルファ,\n,\nベータ,鈴木\n".encode()
    raw = read_table(data, "x.csv")
    assert list(raw.frame.index) == [2, 4]  # the all-empty line 3 is skipped
    assert pd.isna(raw.frame.loc[2, "氏名"])
    issue = raw.issues.set_index("check").loc["blank_rows"]
    assert (issue["row"], issue["count"]) == (3, 1)


def test_duplicate_and_blank_headers_are_renamed_and_reported() -> None:
    data = "会社名,氏名,会社名,,会社名\nA,B,C,D,E\n".encode()
    raw = read_table(data, "dup.csv")
    assert list(raw.frame.columns) == ["会社名", "氏名", "会社名 (2)", "column_4", "会社名 (3)"]
    checks = raw.issues["check"].tolist()
    assert checks.count("duplicate_header") == 2
    assert checks.count("blank_header") == 1
    assert set(raw.issues["row"]) == {1}


def test_short_rows_are_padded_and_reported() -> None:
    raw = read_table(files()["ragged_short.csv"], "s.csv")
    assert raw.frame.shape == (3, 3)
    assert raw.frame.loc[3, "会社名"] == "ベータ"
    assert raw.frame.loc[3, ["氏名", "役職"]].isna().all()
    issue = raw.issues.set_index("check").loc["short_row"]
    assert (issue["row"], issue["count"]) == (3, 1)
    assert issue["message_key"] == "ingest.issue.short_row_one"  # one row, not "1 rows"


def test_quoted_newlines_commas_and_quotes() -> None:
    data = '会社名,メモ\n"A, Inc.","line1\nline2"\n"B ""quoted""",x\n'.encode()
    raw = read_table(data, "q.csv")
    assert raw.frame["会社名"].tolist() == ["A, Inc.", 'B "quoted"']
    assert raw.frame["メモ"].tolist() == ["line1\nline2", "x"]


def test_cr_only_line_endings() -> None:
    raw = read_table("会社名,氏名\r株式会社A,佐藤\r".encode(), "mac.csv")
    assert raw.frame["会社名"].tolist() == ["株式会社A"]


def test_source_rows_helper_matches_index() -> None:
    raw = read_table(files()["bownow_title_rows.csv"], "b.csv")
    assert raw.source_rows.tolist() == [5, 6, 7]
    assert raw.source_rows.tolist() == [raw.first_data_row + i for i in range(len(raw.frame))]


def test_xlsx_typed_cells_are_shown_as_text() -> None:
    import datetime as dt
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["会社名", "従業員数", "売上", "作成日", "日時", "フラグ"])
    ws.append(["A社", 300, 1.5, dt.datetime(2024, 1, 5), dt.datetime(2024, 1, 5, 9, 3), True])
    buf = io.BytesIO()
    wb.save(buf)
    raw = read_table(buf.getvalue(), "t.xlsx")
    assert raw.frame.iloc[0].tolist() == [
        "A社",
        "300",
        "1.5",
        "2024-01-05",
        "2024-01-05 09:03:00",
        "TRUE",
    ]


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_an_entirely_empty_column(eol: str) -> None:
    raw = read_table(eol.join(["会社名,メモ", "A,", "B,", ""]).encode(), "e.csv")
    assert raw.frame["会社名"].tolist() == ["A", "B"]
    assert raw.frame["メモ"].isna().all()


def test_lone_carriage_returns_inside_crlf_text_keep_line_numbers() -> None:
    data = "会社名,メモ\r\nA,x\ry\r\nB,z\r\n".encode()
    raw = read_table(data, "cr.csv")
    assert list(raw.frame.index) == list(
        range(raw.first_data_row, raw.first_data_row + len(raw.frame))
    )
    assert raw.frame["会社名"].iloc[0] == "A"


def test_salesforce_report_footer_is_skipped_and_reported() -> None:
    data = (
        '"商談名","取引先名","金額"\r\n"A","アルファ","100"\r\n"B","ベータ","200"\r\n'
        '""\r\n"Confidential Information - Do Not Distribute"\r\n'
        '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n'
    ).encode("cp932")
    raw = read_table(data, "sf.csv")
    assert raw.frame["商談名"].tolist() == ["A", "B"]
    issues = raw.issues.set_index("check")
    assert (issues.loc["footer_rows", "row"], issues.loc["footer_rows", "count"]) == (5, 2)
    assert "short_row" not in issues.index
    assert issues.loc["blank_rows", "row"] == 4
    assert "Confidential" not in raw.issues.to_string()


def test_salesforce_classic_footer_of_five_lines_after_two_blank_ones_is_skipped() -> None:
    # QA: the report title, copyright, confidentiality, author and company lines became
    # five opportunities ("0 phases (5 rows) are unknown")
    footer = [
        "商談パイプライン 2024年度",
        "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.",
        "機密情報 - 配布禁止",
        "作成者:  山田 太郎  2024/10/01 9:15",
        "株式会社サンプル",
    ]
    data = (
        '"商談名","取引先名","フェーズ","金額"\r\n"A","アルファ","受注","100"\r\n'
        '"B","ベータ","提案","200"\r\n""\r\n""\r\n' + "".join(f'"{line}"\r\n' for line in footer)
    ).encode("cp932")
    raw = read_table(data, "sf_classic.csv")
    assert raw.frame["商談名"].tolist() == ["A", "B"]
    issues = raw.issues.set_index("check")
    assert issues.loc["footer_rows", "count"] == 5


def test_a_last_row_with_one_cell_is_data_when_no_blank_row_precedes_it() -> None:
    raw = read_table("会社名,氏名,役職\nA,B,C\nD,,\n".encode(), "x.csv")
    assert raw.frame["会社名"].tolist() == ["A", "D"]


def test_raw_tables_hash_and_compare_by_identity() -> None:
    a = read_table(files()["leads_utf8.csv"], "a.csv")
    b = read_table(files()["leads_utf8.csv"], "a.csv")
    assert a == a and a != b
    assert len({a, b}) == 2


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_rows_after_a_quoted_newline_keep_their_file_line(newline: str) -> None:
    """Lineage (source_row) and messages name the line a text editor shows: a value
    with a newline inside quotes makes every later record start one line further."""
    text = newline.join(["会社名,メモ", 'A,"x', 'y"', "B,z", "", "C,w"]) + newline
    raw = read_table(text.encode("utf-8"), "q.csv")
    assert raw.frame.index.tolist() == [2, 4, 6]
    assert raw.frame["会社名"].tolist() == ["A", "B", "C"]
