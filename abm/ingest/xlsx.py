"""Safe reading of ``.xlsx`` workbooks.

Before openpyxl parses anything, :func:`~abm.ingest.archive.check_zip`
checks every zip member (size and ratio, per kind) and openpyxl then reads
through a :class:`~abm.ingest.archive.CappedZip`, so no member can produce
more than it declared. openpyxl runs in ``read_only`` mode, values only
(formulas give their cached value); XML goes through defusedxml.

Rows are streamed straight from openpyxl's sheet parser: only rows present in
the XML are produced (a sheet whose one cell sits on row 1,048,576 is two
rows, not a million blank ones), and each row's number and width are checked
as it arrives, so a declared dimension or a cell reference beyond Excel's
grid or the limits is refused in milliseconds, not after seconds of filling.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from abm.errors import MoriError
from abm.ingest.archive import CappedZip, check_zip
from abm.ingest.cell_text import cell_text
from abm.ingest.limits import Limits

__all__ = [
    "EXCEL_MAX_COLUMNS",
    "EXCEL_MAX_ROWS",
    "cell_text",
    "check_zip",
    "first_rows",
    "read_xlsx_rows",
    "sheet_heads",
    "worksheet_count",
]

#: Sheets of one workbook looked at when choosing the one to read.
MAX_SHEETS_SCANNED = 20

#: Excel's grid: 1,048,576 rows by 16,384 columns (A..XFD).
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

# openpyxl warns about an out-of-range date serial with the cell's value in
# the text; a value must never reach a log. The cell becomes "#VALUE!" anyway.
warnings.filterwarnings("ignore", message=r"Cell .* is marked as a date", module="openpyxl")


def _open(data: bytes, file: str, limits: Limits) -> Any:
    """The openpyxl reader of a checked workbook, reading through a capped zip."""
    caps = check_zip(data, file, limits)
    from openpyxl.reader.excel import ExcelReader  # deferred: only needed for workbooks

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.archive.close()
        reader.archive = CappedZip(data, caps, file)
        reader.read()
    except MoriError:
        raise
    except Exception:
        raise MoriError("ingest.err.damaged_xlsx", file=file) from None
    return reader


def _pick(sheets: tuple[str, ...], sheet: str | int | None, file: str) -> str:
    if not sheets:
        raise MoriError("ingest.err.empty_file", file=file)
    if sheet is None:
        return sheets[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(sheets):
            raise MoriError("ingest.err.no_sheet", file=file, sheet=str(sheet))
        return sheets[sheet]
    if sheet in sheets:
        return str(sheet)
    raise MoriError("ingest.err.no_sheet", file=file, sheet=str(sheet))


def _check_dimension(ws: Any, file: str, name: str) -> None:
    """Refuse a declared ``<dimension ref=...>`` beyond Excel's grid (read from the header)."""
    rows, cols = ws.max_row or 0, ws.max_column or 0
    if rows > EXCEL_MAX_ROWS or cols > EXCEL_MAX_COLUMNS:
        raise MoriError("ingest.err.xlsx_beyond_grid", file=file, sheet=name)


#: Built-in number formats Excel keeps for East Asian locales (ECMA-376 Part 1, 18.8.30):
#: Japanese Excel's 2023年3月15日, 令和5年3月15日, 3月15日… are stored as these ids with no
#: format code in the file. openpyxl knows no code for them and reads the serial (45000);
#: calamine, which reads most workbooks (:mod:`abm.ingest.xlsx_fast`), reads them as dates.
EAST_ASIAN_DATE_IDS = frozenset((*range(27, 37), *range(50, 59)))


def _east_asian_dates(wb: Any) -> set[int]:
    """The cell styles whose number format is one of :data:`EAST_ASIAN_DATE_IDS`."""
    return {i for i, style in enumerate(wb._cell_styles) if style.numFmtId in EAST_ASIAN_DATE_IDS}


def _parser(src: Any, reader: Any) -> Any:
    """openpyxl's sheet parser, except that a numeric cell it cannot cast (an
    integer of thousands of digits) keeps its text instead of failing the whole
    file: conversion then reports that one cell, with its row and column."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

    class _Tolerant(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            try:
                return super().parse_cell(element)
            except ValueError:
                raw = element.findtext(VALUE_TAG)
                if element.get("t", "n") != "n" or raw is None:
                    raise
                ref = element.get("r")
                row, column = (
                    coordinate_to_tuple(ref) if ref else (self.row_counter, self.col_counter)
                )
                return {"row": row, "column": column, "value": raw, "data_type": "s"}

    wb = reader.wb
    return _Tolerant(
        src,
        reader.shared_strings,
        data_only=True,
        epoch=wb.epoch,
        date_formats=set(wb._date_formats) | _east_asian_dates(wb),  # a dict without styles
        timedelta_formats=wb._timedelta_formats,
    )


def _rows(
    reader: Any, ws: Any, file: str, name: str, limits: Limits
) -> Iterator[tuple[int, list[str]]]:
    """``(sheet row, cell texts)`` of every row present in the sheet's XML, checked as read."""
    last_allowed = min(EXCEL_MAX_ROWS, limits.max_rows + limits.header_scan_rows + 1)
    previous = 0
    try:
        with reader.wb._archive.open(ws._worksheet_path) as src:
            for number, cells in _parser(src, reader).parse():
                if number > last_allowed:
                    if number > EXCEL_MAX_ROWS:
                        raise MoriError("ingest.err.xlsx_beyond_grid", file=file, sheet=name)
                    raise MoriError("ingest.err.too_many_rows", file=file, limit=limits.max_rows)
                if number <= previous:  # rows out of order or repeated: not an Excel file
                    raise MoriError("ingest.err.damaged_xlsx", file=file)
                previous = number
                filled = [(c["column"], c["value"]) for c in cells if c["value"] not in (None, "")]
                width = max((col for col, _ in filled), default=0)
                if width > limits.max_columns:
                    if width > EXCEL_MAX_COLUMNS:
                        raise MoriError("ingest.err.xlsx_beyond_grid", file=file, sheet=name)
                    raise MoriError(
                        "ingest.err.too_many_columns",
                        file=file,
                        count=width,
                        limit=limits.max_columns,
                    )
                row = [""] * width
                for col, value in filled:
                    row[col - 1] = cell_text(value)
                yield number, row
    except MoriError:
        raise
    except Exception:
        raise MoriError("ingest.err.damaged_xlsx", file=file) from None


def read_xlsx_rows(
    data: bytes, file: str, sheet: str | int | None, limits: Limits
) -> tuple[Iterator[tuple[int, list[str]]], str, tuple[str, ...], Any]:
    """Open a workbook and return a lazy iterator over the rows of one sheet.

    Parameters
    ----------
    data : bytes
        The workbook.
    file : str
        File name for messages.
    sheet : str or int or None
        Sheet name, 0-based index, or ``None`` for the first sheet.
    limits : Limits
        Size limits (the archive's are checked before openpyxl runs).

    Returns
    -------
    (iterator, str, tuple of str, workbook)
        ``(sheet row, cell texts)`` for each row present in the sheet, in
        order, trailing empty cells trimmed (rows absent from the XML are
        blank and not produced); the chosen sheet name, all sheet names, and
        the workbook (call ``close()`` when done).

    Raises
    ------
    MoriError
        ``zip_bomb``/``zip_bomb_<kind>``/``zip_overflow``, ``damaged_xlsx``,
        ``not_xlsx``, ``no_sheet``, ``empty_file``; while iterating,
        ``xlsx_beyond_grid`` (a row or column past Excel's grid, also when
        declared in the sheet's dimension), ``too_many_rows``,
        ``too_many_columns``.
    """
    fast = _fast_rows(data, file, sheet, limits)
    if fast is not None:
        return fast
    reader = _open(data, file, limits)
    wb = reader.wb
    try:
        sheets = tuple(wb.sheetnames)
        name = _pick(sheets, sheet, file)
        ws = wb[name]
        if not hasattr(ws, "_worksheet_path"):  # a chart sheet holds no table
            raise MoriError("ingest.err.empty_file", file=file)
        _check_dimension(ws, file, name)
    except BaseException:
        wb.close()
        raise
    return _rows(reader, ws, file, name, limits), name, sheets, wb


def _fast_rows(
    data: bytes, file: str, sheet: str | int | None, limits: Limits
) -> tuple[Iterator[tuple[int, list[str]]], str, tuple[str, ...], Any] | None:
    """:func:`read_xlsx_rows` by calamine (:mod:`abm.ingest.xlsx_fast`), or ``None`` when
    the sheet is not one it reads exactly as openpyxl does."""
    from abm.ingest.xlsx_fast import fast_book

    book = fast_book(data, file, limits)
    if book is None:
        return None
    try:
        name = _pick(book.names, sheet, file)
        rows = book.rows(name, limits) if book.is_worksheet(name) else None
    except BaseException:
        book.close()
        raise
    if rows is None:
        book.close()
        return None
    return iter(rows), name, book.names, book


def first_rows(rows: Iterable[tuple[int, list[str]]], scan: int) -> list[list[str]]:
    """The first ``scan`` lines of a sheet from its ``(sheet row, cells)`` pairs (in order),
    a line absent from the sheet as an empty row: where the header is looked for.

    Parameters
    ----------
    rows : iterable of (int, list of str)
        What :func:`read_xlsx_rows` yields; only the pairs up to line ``scan`` are read.
    scan : int

    Returns
    -------
    list of list of str
    """
    head: list[list[str]] = [[] for _ in range(scan)]
    for number, row in rows:
        if number > scan:
            break
        head[number - 1] = row
    return head


def worksheet_count(data: bytes, file: str, limits: Limits) -> int:
    """How many sheets a workbook lists (``xl/workbook.xml``), without opening it.

    Cheap: the zip is checked (:func:`check_zip`) and only the workbook part is read
    (at most 1 MB; a larger one counts as several sheets). Opening a workbook
    parses all its shared strings, so a one-sheet file is not opened twice to
    choose its sheet.
    """
    import re
    import zipfile

    check_zip(data, file, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 1_000_000:
                return MAX_SHEETS_SCANNED
            text = zf.read(info)
    except Exception:  # an unusual or damaged layout: the full reader decides and says why
        return MAX_SHEETS_SCANNED
    found = len(re.findall(rb"<(?:[\w.-]+:)?sheet[\s/>]", text))
    return found or MAX_SHEETS_SCANNED  # none seen (another encoding): look at every sheet


def sheet_heads(
    data: bytes, file: str, limits: Limits
) -> tuple[tuple[str, ...], list[tuple[str, list[list[str]]]]]:
    """The workbook's sheet names, and the first rows of every worksheet that reads.

    Parameters
    ----------
    data : bytes
        The workbook.
    file : str
        File name for messages.
    limits : Limits
        Size limits; ``header_scan_rows`` rows of each sheet are read.

    Returns
    -------
    (tuple of str, list of (str, list of list of str))
        All sheet names; then, for each worksheet among the first
        :data:`MAX_SHEETS_SCANNED` that reads within the limits, its name and its
        first rows (``header_scan_rows`` lines; a line absent from the sheet is an
        empty row). Chart sheets and sheets that fail a check (too wide, beyond
        Excel's grid) are left out: they cannot be the data.
    """
    fast = _fast_heads(data, file, limits)
    if fast is not None:
        return fast
    reader = _open(data, file, limits)
    wb = reader.wb
    out: list[tuple[str, list[list[str]]]] = []
    try:
        names = tuple(wb.sheetnames)
        for name in names[:MAX_SHEETS_SCANNED]:
            ws = wb[name]
            if not hasattr(ws, "_worksheet_path"):
                continue
            try:
                _check_dimension(ws, file, name)
                rows = _rows(reader, ws, file, name, limits)
                head = first_rows(rows, limits.header_scan_rows)
                rows.close()
            except MoriError:
                continue
            out.append((name, head))
    finally:
        wb.close()
    return names, out


def _fast_heads(
    data: bytes, file: str, limits: Limits
) -> tuple[tuple[str, ...], list[tuple[str, list[list[str]]]]] | None:
    """:func:`sheet_heads` by calamine, or ``None`` when a sheet among those looked at is
    not one it reads exactly as openpyxl does."""
    from abm.ingest.xlsx_fast import fast_book

    book = fast_book(data, file, limits)
    if book is None:
        return None
    out: list[tuple[str, list[list[str]]]] = []
    try:
        for name in book.names[:MAX_SHEETS_SCANNED]:
            if not book.is_worksheet(name):
                continue
            rows = book.rows(name, limits, head=limits.header_scan_rows)
            if rows is None:
                return None
            out.append((name, first_rows(rows, limits.header_scan_rows)))
    finally:
        book.close()
    return book.names, out
