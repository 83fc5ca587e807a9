"""Plain worksheets read by calamine (Rust), twenty times faster than openpyxl.

openpyxl parses a sheet's XML in Python: a 100,000-row lead list takes about
half a minute on two cores, where calamine takes about a second and a half.
calamine reads a whole sheet into a dense grid and knows nothing of Mori's
limits, so it is given only what has been checked first, and only sheets it
reads exactly as openpyxl would; anything else goes the openpyxl way
(:mod:`abm.ingest.xlsx`), which streams, checks every row as it arrives and
says precisely what is wrong.

Before calamine runs:

* the archive passes :func:`~abm.ingest.archive.check_zip`, and every member is
  read through :class:`~abm.ingest.archive.CappedZip` into a new, uncompressed
  archive: calamine never decompresses a stream, so no member can produce more
  than it declared;
* no part declares a DTD or an entity;
* the sheet's XML is scanned: every row and cell carries its reference, the
  rows and columns stay within Excel's grid and Mori's limits, and the dense
  grid calamine fills is at most a few times the cells the sheet has (a sparse
  sheet — one cell at row 1,048,576 — is streamed by openpyxl instead);
* the sheet has no error cells (calamine reads ``#DIV/0!`` as an empty cell:
  openpyxl's text is reported as a bad value) and no ``_xHHHH_`` escapes (kept
  as written by openpyxl).

Numbers past 15 digits (calamine rounds them to a double) send the sheet to
openpyxl too. Rows are produced exactly as :func:`~abm.ingest.xlsx.read_xlsx_rows`
produces them: the rows present in the XML, each with its sheet row number and
its cells' text (:func:`~abm.ingest.xlsx.cell_text`), trailing empty cells
trimmed.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from abm.ingest.archive import CappedZip, check_zip
from abm.ingest.limits import Limits

__all__ = ["FastBook", "fast_book"]

_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
#: A dense grid may hold this many times the sheet's cells (plus a fixed allowance).
_DENSE_RATIO, _DENSE_SLACK = 4, 1_000_000

#: Excel and most writers put a row's and a cell's reference first (``<c r="B7" …``): a
#: sheet whose rows or cells are written otherwise (a namespace prefix, ``r`` later) is
#: read by openpyxl.
_ROW_REF = re.compile(rb'<row r="(\d{1,8})"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,4})\d')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,4}(\d{1,8})"')
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\sref=\"([A-Z0-9:]{1,24})\"")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
#: Above this a float's text is openpyxl's exact digits, not calamine's double.
_EXACT = 1e15


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


class FastBook:
    """A checked workbook calamine may read (see the module docstring).

    Attributes
    ----------
    names : tuple of str
        Every sheet's name, in the workbook's order.
    """

    def __init__(self, book: Any, parts: dict[str, bytes], paths: dict[str, str], file: str):
        self._book = book
        self._parts = parts
        self._paths = paths  # worksheet name -> its part
        self._file = file
        self.names: tuple[str, ...] = tuple(book.sheet_names)

    def rows(
        self, name: str, limits: Limits, *, head: int | None = None
    ) -> list[tuple[int, list[str]]] | None:
        """Every row of worksheet ``name`` present in its XML, as ``(sheet row, cell texts)``
        in order (with ``head``, those up to sheet row ``head``); ``None`` when the sheet is
        not one calamine reads exactly (openpyxl then reads it and says what is wrong, if
        anything is)."""
        from abm.ingest.xlsx import EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, cell_text

        xml = self._parts.get(self._paths.get(name, ""))
        if xml is None or b' t="e"' in xml or (b"_x" in xml and _ESCAPE.search(xml)):
            return None
        if b":row" in xml or b":c " in xml or b":c>" in xml:
            return None  # namespace-prefixed rows or cells: the counts below would see none
        present = [int(n) for n in _ROW_REF.findall(xml)]
        rows = set(_CELL_ROW.findall(xml))
        columns = set(_CELL_COLUMN.findall(xml))
        cells = sum(xml.count(tag) for tag in (b"<c ", b"<c>", b"<c/>"))
        if len(present) != sum(xml.count(tag) for tag in (b"<row ", b"<row>", b"<row/>")):
            return None  # a row without its reference first: openpyxl reads it
        if len(_CELL_COLUMN.findall(xml)) != cells:
            return None  # a cell without its reference first (a prefix, ``r`` later)
        if present != sorted(set(present)):
            return None  # out of order or repeated: openpyxl says the file is damaged
        dim = _DIMENSION.search(xml[:4096])
        if dim and not _within_grid(dim.group(1), EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS):
            return None
        last_row = min(EXCEL_MAX_ROWS, limits.max_rows + limits.header_scan_rows + 1)
        width = max((_column(c) for c in columns), default=0)
        height = max([*present, *(int(r) for r in rows)], default=0)
        if height > last_row or width > min(limits.max_columns, EXCEL_MAX_COLUMNS):
            return None
        if height * width > _DENSE_RATIO * cells + _DENSE_SLACK:
            return None  # sparse: calamine would fill a grid of mostly nothing
        try:
            grid = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # a Rust panic is a BaseException: openpyxl says what is wrong
            return None
        out: list[tuple[int, list[str]]] = []
        for number in present if head is None else [n for n in present if n <= head]:
            cells = grid[number - 1] if number <= len(grid) else ()
            texts = []
            for value in cells:
                if type(value) is not str:
                    if type(value) is float and not abs(value) < _EXACT:
                        return None  # rounded to a double (or not finite): openpyxl's digits
                    value = cell_text(value)
                texts.append(value)
            while texts and texts[-1] == "":
                texts.pop()
            out.append((number, texts))
        return out

    def is_worksheet(self, name: str) -> bool:
        """Whether sheet ``name`` is a worksheet (not a chart sheet)."""
        return name in self._paths

    def close(self) -> None:
        """Let calamine's workbook go."""
        self._book.close()


def _within_grid(ref: bytes, max_rows: int, max_columns: int) -> bool:
    for part in ref.split(b":"):
        m = re.fullmatch(rb"([A-Z]{1,4})(\d{1,8})", part)
        if m and (int(m.group(2)) > max_rows or _column(m.group(1)) > max_columns):
            return False
    return True


def fast_book(data: bytes, file: str, limits: Limits) -> FastBook | None:
    """The workbook for calamine, checked and re-packed, or ``None`` (calamine missing, a
    layout it may not read as openpyxl does: openpyxl then opens the file).

    Raises
    ------
    MoriError
        What :func:`~abm.ingest.archive.check_zip` and the capped reading raise: the
        same errors the openpyxl way gives first.
    """
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - a dependency; openpyxl reads everything
        return None
    caps = check_zip(data, file, limits)
    parts: dict[str, bytes] = {}
    packed = io.BytesIO()
    with (
        CappedZip(data, caps, file) as src,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as out,
    ):
        for info in src.infolist():
            if info.is_dir():
                continue
            try:
                body = src.read(info)
            except zipfile.BadZipFile:
                return None  # damaged (a CRC): openpyxl's way says so
            if _DTD.search(body[:4096]):
                return None
            parts[info.filename] = body
            out.writestr(info.filename, body)
    paths = _sheet_paths(parts)
    if paths is None:
        return None
    packed.seek(0)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(packed)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # (a Rust panic is a BaseException)
        return None
    del packed
    if list(book.sheet_names) != list(paths.names):
        book.close()
        return None
    sheets = {p: parts[p] for p in paths.worksheets.values() if p in parts}  # the rest can go
    return FastBook(book, sheets, paths.worksheets, file)


class _Paths:
    def __init__(self, names: list[str], worksheets: dict[str, str]) -> None:
        self.names = names
        self.worksheets = worksheets


def _sheet_paths(parts: dict[str, bytes]) -> _Paths | None:
    """Each sheet's name and, for worksheets, the part holding it (``xl/worksheets/…``)."""
    from defusedxml.ElementTree import fromstring

    try:
        book = fromstring(parts["xl/workbook.xml"])
        rels = fromstring(parts["xl/_rels/workbook.xml.rels"])
    except Exception:
        return None
    targets = {}
    for rel in rels:
        if rel.get("Type") == _WORKSHEET:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id")] = _normal(path)
    names, sheets = [], {}
    for el in book.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        name = el.get("name")
        if name is None:
            return None
        names.append(name)
        rid = el.get(f"{{{_NS_R}}}id")
        if rid in targets:
            sheets[name] = targets[rid]
    return _Paths(names, sheets)


def _normal(path: str) -> str:
    out: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)
