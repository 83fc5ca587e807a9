"""Plain worksheets read by calamine give exactly what openpyxl gives (abm.ingest.xlsx_fast)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from abm.ingest import read_table, xlsx_fast
from abm.ingest.limits import Limits

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _book(fill, *, sheets=("Leads",)) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name in sheets:
        fill(wb.create_sheet(name))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _both(data: bytes, name: str = "book.xlsx", monkeypatch=None):
    """read_table the fast way and the openpyxl way (fast_book refused)."""
    fast = read_table(data, name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_fast, "fast_book", lambda *a, **k: None)
        slow = read_table(data, name)
    return fast, slow


def _same(fast, slow) -> None:
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    pd.testing.assert_frame_equal(fast.issues, slow.issues)
    assert (fast.header_row, fast.sheet, fast.sheets) == (slow.header_row, slow.sheet, slow.sheets)
    pd.testing.assert_frame_equal(fast.left_out, slow.left_out)


def _used(data: bytes) -> bool:
    book = xlsx_fast.fast_book(data, "book.xlsx", Limits())
    if book is None:
        return False
    try:
        return book.rows(book.names[0], Limits()) is not None
    finally:
        book.close()


def _varied(ws) -> None:
    ws.append(["レポート", None, None])  # a title row, then a blank line
    ws.append([])
    ws.append(["メール", "会社名", "従業員数", "作成日", "更新日時", "売上", "率", "有効", "メモ"])
    for i in range(40):
        ws.append(
            [
                f"u{i}@x{i % 7}.co.jp",
                f"株式会社テスト{i % 7}" if i % 5 else None,
                1200 + i if i % 3 else 1200.5,
                dt.date(2025, 1, 1) + dt.timedelta(days=i),
                dt.datetime(2025, 1, 1, 9, 30) + dt.timedelta(hours=i),
                12_345_678_901_234 + i,  # 14 digits: exact as a double
                0.125,
                i % 2 == 0,
                "  spaced  " if i == 3 else "=cmd" if i == 4 else None,
            ]
        )
    ws.append([])
    ws.append(["合計", None, 99999])
    ws["B50"].number_format = "yyyy/m/d"
    ws["D10"].number_format = 'yyyy"年"m"月"d"日"'
    ws["E11"].number_format = '[$-411]ggge"年"m"月"d"日"'
    ws["G12"].number_format = "0.00%"
    ws["C13"].number_format = "#,##0"


def test_a_plain_sheet_is_read_by_calamine_and_reads_as_openpyxl_reads_it():
    data = _book(_varied)
    assert _used(data)
    _same(*_both(data))


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xlsx")))
def test_every_workbook_fixture_reads_the_same_either_way(name):
    data = (FIXTURES / name).read_bytes()
    try:
        slow_error = None
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(xlsx_fast, "fast_book", lambda *a, **k: None)
            slow = read_table(data, name)
    except Exception as err:  # the same refusal, the same message key, either way
        slow_error = err
    if slow_error is not None:
        with pytest.raises(type(slow_error)) as fast_error:
            read_table(data, name)
        assert getattr(fast_error.value, "key", None) == getattr(slow_error, "key", None)
        return
    _same(read_table(data, name), slow)


def test_the_demo_workbook_reads_the_same_either_way():
    path = Path(__file__).resolve().parents[2] / "data" / "demo" / "accounts.xlsx"
    _same(*_both(path.read_bytes(), "accounts.xlsx"))


def test_several_sheets_choose_the_same_one_either_way():
    def notes(ws):
        ws.append(["メモ"])
        ws.append(["このファイルは…"])

    def leads(ws):
        ws.append(["メールアドレス", "会社名", "氏名", "部署", "役職"])
        for i in range(5):
            ws.append([f"a{i}@x.co.jp", "株式会社X", "山田 太郎", "営業部", "部長"])

    def fill(ws):
        (notes if ws.title == "Notes" else leads)(ws)

    data = _book(fill, sheets=("Notes", "Leads"))
    fast, slow = _both(data)
    _same(fast, slow)
    assert fast.sheet == "Leads"


def _patched(data: bytes, sheet_xml: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            z.writestr(info, sheet_xml if info.filename.endswith("sheet1.xml") else body)
    return out.getvalue()


def _plain(ws) -> None:
    ws.append(["メール", "会社名", "件数"])
    ws.append(["a@x.co.jp", "株式会社X", 1])
    ws.append(["b@x.co.jp", "株式会社Y", 2])


def _sheet(rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>メール</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>会社名</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>件数</t></is></c></row>'
)


@pytest.mark.parametrize(
    "rows",
    [
        # an error cell: openpyxl's text (#DIV/0!) is reported as a bad value
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a@x.co.jp</t></is></c><c r="C2" t="e"><v>#DIV/0!</v></c></row>',
        # an escaped character, kept as written by openpyxl
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a_x000D_b@x.co.jp</t></is></c></row>',
        # a number past 15 digits: openpyxl's digits, not a double
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a@x.co.jp</t></is></c><c r="C2"><v>12345678901234567890</v></c></row>',
        # a sparse sheet: one cell far below (calamine would fill the grid in between)
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a@x.co.jp</t></is></c></row>'
        '<row r="900000"><c r="KZ900000" t="inlineStr"><is><t>x</t></is></c></row>',
        # a cell whose row is not its row's: openpyxl decides
        '<row r="2"><c r="A900000" t="inlineStr"><is><t>a@x.co.jp</t></is></c></row>',
        # rows out of order
        '<row r="3"><c r="A3" t="inlineStr"><is><t>a@x.co.jp</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>b@x.co.jp</t></is></c></row>',
        # a cell without its reference
        '<row r="2"><c t="inlineStr"><is><t>a@x.co.jp</t></is></c></row>',
        # rows and cells written with a tab: invisible to a scan for one space (review:
        # calamine then filled a grid of 1,048,576 x 16,384 cells and aborted the server)
        '<row\tr="2"><c\tr="A2" t="inlineStr"><is><t>a@x.co.jp</t></is></c></row>'
        '<row\tr="1048576"><c\tr="XFD1048576"><v>2</v></c></row>',
        # a cell in another row than its own (calamine places it by its reference)
        '<row r="2"><c r="A5"><v>7</v></c><c r="B2"><v>8</v></c></row>',
        # an error cell written with a tab, a text node whose spaces calamine would trim
        '<row r="2"><c r="A2"\tt="e"><v>#N/A</v></c></row>',
        '<row r="2"><c r="A2" t="inlineStr"><is><t>  a@x.co.jp  </t></is></c></row>',
    ],
)
def test_what_calamine_would_read_otherwise_goes_the_openpyxl_way(rows):
    data = _patched(_book(_plain), _sheet(HEADER + rows))
    assert not _used(data)
    try:
        expected = None
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(xlsx_fast, "fast_book", lambda *a, **k: None)
            expected = read_table(data, "book.xlsx")
    except Exception as err:
        with pytest.raises(type(err)):
            read_table(data, "book.xlsx")
        return
    _same(read_table(data, "book.xlsx"), expected)


def test_a_dtd_or_a_namespace_prefix_goes_the_openpyxl_way():
    prefixed = (
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr">'
        "<x:is><x:t>メール</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"
    ).encode()
    assert not _used(_patched(_book(_plain), prefixed))
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + _sheet(HEADER)[38:]
    assert xlsx_fast.fast_book(_patched(_book(_plain), dtd), "b.xlsx", Limits()) is None


def test_a_sheet_name_used_twice_goes_the_openpyxl_way():
    data = _book(_plain, sheets=("Leads", "Notes"))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = body.replace(b'name="Notes"', b'name="Leads"')
            z.writestr(info, body)
    book = xlsx_fast.fast_book(out.getvalue(), "book.xlsx", Limits())
    assert book is None


def test_a_child_that_fails_leaves_the_sheet_to_openpyxl(monkeypatch):
    # calamine runs in a process of its own: whatever ends it (here an address space too
    # small to start), the server reads the sheet the openpyxl way
    data = _book(_varied)
    monkeypatch.setattr(xlsx_fast, "_MEMORY_MIN", 16 << 20)
    monkeypatch.setattr(xlsx_fast, "_MEMORY_MAX", 16 << 20)
    assert not _used(data)
    fast, slow = _both(data)
    _same(fast, slow)


def _with_styles(data: bytes, ids: list[int], cells: list[str]) -> bytes:
    """``data`` with one cell style per built-in number format id (no format code in the
    file, as Japanese Excel saves them), ``cells[k]`` given the k-th."""
    src = zipfile.ZipFile(io.BytesIO(data))
    styles = src.read("xl/styles.xml").decode()
    count = int(styles.split('<cellXfs count="')[1].split('"')[0])
    xfs = "".join(
        f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0"/>'
        for i in ids
    )
    styles = styles.replace(f'<cellXfs count="{count}">', f'<cellXfs count="{count + len(ids)}">')
    styles = styles.replace("</cellXfs>", xfs + "</cellXfs>")
    sheet = src.read("xl/worksheets/sheet1.xml").decode()
    for k, ref in enumerate(cells):
        sheet = sheet.replace(f'<c r="{ref}"', f'<c r="{ref}" s="{count + k}"', 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/styles.xml":
                body = styles.encode()
            elif info.filename.endswith("sheet1.xml"):
                body = sheet.encode()
            z.writestr(info, body)
    return out.getvalue()


def test_japanese_excels_built_in_date_formats_are_dates_either_way():
    """2023年3月15日, 令和5年3月15日, 3月15日 typed in Japanese Excel are stored as built-in
    format ids 27–36 / 50–58 with no code in the file: openpyxl read the serial (45000),
    calamine a date — the same file read differently by the two paths."""
    ids = [14, 27, 30, 31, 34, 35, 36, 50, 55, 56, 57, 58]

    def fill(ws) -> None:
        ws.append(["メール", "作成日"])
        for k in range(len(ids)):
            ws.append([f"u{k}@x.co.jp", 45000])

    data = _with_styles(_book(fill), ids, [f"B{k + 2}" for k in range(len(ids))])
    assert _used(data)
    fast, slow = _both(data)
    _same(fast, slow)
    assert slow.frame["作成日"].tolist() == ["2023-03-15"] * len(ids)
