"""Plain worksheets read by calamine (Rust), several times faster than openpyxl.

openpyxl parses a sheet's XML in Python: a 100,000-row lead list takes about
twenty seconds on two cores, where calamine takes a second or two. calamine
reads a whole sheet into a dense grid and knows nothing of Mori's limits, so it
is given only what has been checked first, runs in a process of its own under a
memory and a time limit (:mod:`abm.ingest.cell_text`: a Rust allocation failure
aborts its process, never the server's), and reads only sheets it reads as
openpyxl would; anything else goes the openpyxl way (:mod:`abm.ingest.xlsx`),
which streams, checks every row as it arrives and says precisely what is wrong.

Before calamine runs:

* the archive passes :func:`~abm.ingest.archive.check_zip`, and every member is
  read through :class:`~abm.ingest.archive.CappedZip` into a new, uncompressed
  archive: calamine never decompresses a stream, so no member can produce more
  than it declared; a member that cannot be read sends the file to openpyxl;
* no part declares a DTD or an entity, and no sheet name is used twice;
* the sheet's XML is scanned: every row and cell carries its reference first
  (``<row r="7"``, ``<c r="B7"``, whatever the spaces), every cell's row is the row
  it stands in, rows ascend, rows and columns stay within Excel's grid and Mori's
  limits, and the grid calamine fills is at most a few times the cells that hold a
  value (a sparse sheet is streamed by openpyxl instead); no comment, CDATA or
  UTF-16 text;
* the sheet has no error cells (calamine reads ``#DIV/0!`` as an empty cell:
  openpyxl's text is reported as a bad value), and neither it nor the shared
  strings hold ``_xHHHH_`` escapes (kept as written by openpyxl).

A number past 15 digits (calamine rounds it to a double) or a time or duration cell
sends the sheet to openpyxl too. Rows are produced as
:func:`~abm.ingest.xlsx.read_xlsx_rows` produces them: the rows present in the XML,
each with its sheet row number and its cells' text
(:func:`~abm.ingest.cell_text.cell_text`), trailing empty cells trimmed.
"""

from __future__ import annotations

import io
import re
import zipfile

from abm.errors import MoriError
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
_TOKEN = re.compile(rb'<(row|c)\s+r="([A-Z]{0,4})(\d{1,8})"')
_ROW_TAG = re.compile(rb"<row[\s/>]")
_CELL_TAG = re.compile(rb"<c[\s/>]")
_VALUE_TAG = re.compile(rb"<(?:v|is)[\s/>]")
_PREFIXED = re.compile(rb"<[\w.-]+:(?:row|c)[\s/>]")
_ERROR = re.compile(rb"\st\s*=\s*[\"']e[\"']")
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
#: A text node without ``xml:space`` that starts or ends with a space: calamine trims it,
#: openpyxl keeps it.
_SPACED = re.compile(rb"<t>\s|<t>[^<]*\s</t>")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\sref=\"([A-Z0-9:]{1,24})\"")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
#: The most cells calamine's grid may hold, whatever the sheet (about 1.6 GB of grid).
_GRID_MAX = 50_000_000
#: The child process's address space: this many times the sheet's XML, within bounds.
_MEMORY_RATIO, _MEMORY_MIN, _MEMORY_MAX = 40, 1_536 << 20, 6 << 30
#: Seconds the child may take before openpyxl reads the sheet instead.
_CHILD_SECONDS = 300.0


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

    def __init__(
        self, packed: bytes, parts: dict[str, bytes], paths: _Paths, *, escaped: bool
    ) -> None:
        self._packed = packed
        self._parts = parts
        self._paths = paths.worksheets  # worksheet name -> its part
        self._escaped = escaped
        self.names: tuple[str, ...] = tuple(paths.names)

    def rows(
        self, name: str, limits: Limits, *, head: int | None = None
    ) -> list[tuple[int, list[str]]] | None:
        """Every row of worksheet ``name`` present in its XML, as ``(sheet row, cell texts)``
        in order (with ``head``, those up to sheet row ``head``); ``None`` when the sheet is
        not one calamine reads as openpyxl does (openpyxl then reads it and says what is
        wrong, if anything is)."""
        xml = self._parts.get(self._paths.get(name, ""))
        if xml is None or self._escaped:
            return None
        present = _checked(xml, limits)
        if present is None:
            return None
        if head is not None:
            present = [n for n in present if n <= head]
        return _in_child(self._packed, name, present, len(xml))

    def is_worksheet(self, name: str) -> bool:
        """Whether sheet ``name`` is a worksheet (not a chart sheet)."""
        return name in self._paths

    def close(self) -> None:
        """Let the workbook's bytes go."""
        self._packed = b""
        self._parts = {}


def _checked(xml: bytes, limits: Limits) -> list[int] | None:
    """The rows present in a sheet's XML, when calamine may read it (the module
    docstring's scan); ``None`` otherwise."""
    import numpy as np

    from abm.ingest.xlsx import EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS

    if xml[:64].lstrip()[:1] != b"<" or b"<!--" in xml or b"<![CDATA[" in xml:
        return None  # UTF-16 (or not XML), comments, CDATA: what a scan could misread
    quoted_e = b'"e"' in xml or b"'e'" in xml  # an error cell's type, before its search
    if (quoted_e and _ERROR.search(xml)) or (b"_x" in xml and _ESCAPE.search(xml)):
        return None
    if _PREFIXED.search(xml):
        return None
    if _spaced(xml):
        return None
    found = _TOKEN.findall(xml)
    if not found:
        return None  # no row at all: openpyxl says what the sheet is
    tokens = np.array(found, dtype=object)
    is_row = (tokens[:, 0] == b"row").astype(bool)
    if int(is_row.sum()) != len(_ROW_TAG.findall(xml)):
        return None  # a row without its reference first: openpyxl reads it
    if int((~is_row).sum()) != len(_CELL_TAG.findall(xml)):
        return None  # a cell without its reference first
    numbers = tokens[:, 2].astype("S8").astype(np.int64)
    rows = numbers[is_row]
    if len(rows) and (rows[0] < 1 or (np.diff(rows) <= 0).any()):
        return None  # out of order or repeated: openpyxl says the file is damaged
    # every cell in the row it stands in (calamine places a cell by its reference)
    last = np.maximum.accumulate(np.where(is_row, np.arange(len(tokens)), -1))
    cells = ~is_row
    if (last[cells] < 0).any() or (numbers[cells] != numbers[last[cells]]).any():
        return None
    dim = _DIMENSION.search(xml[:4096])
    if dim and not _within_grid(dim.group(1), EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS):
        return None
    width = max((_column(c) for c in set(tokens[cells, 1].tolist())), default=0)
    height = int(rows.max()) if len(rows) else 0
    last_row = min(EXCEL_MAX_ROWS, limits.max_rows + limits.header_scan_rows + 1)
    if height > last_row or width > min(limits.max_columns, EXCEL_MAX_COLUMNS):
        return None
    valued = len(_VALUE_TAG.findall(xml))
    area = height * width
    if area > _GRID_MAX or area > _DENSE_RATIO * valued + _DENSE_SLACK:
        return None  # sparse: calamine would fill a grid of mostly nothing
    return rows.tolist()


def _spaced(xml: bytes) -> bool:
    """Whether a text node without ``xml:space`` starts or ends with a space (calamine
    trims it, openpyxl keeps it): the cheap searches first, the exact one if they hit."""
    if b"<t>" not in xml:
        return False
    near = b"<t> " in xml or b"<t>\t" in xml or b"<t>\n" in xml or b"<t>\r" in xml
    near = near or any(c + b"</t>" in xml for c in (b" ", b"\t", b"\n", b"\r"))
    return near and _SPACED.search(xml) is not None


def _in_child(
    packed: bytes, name: str, present: list[int], size: int
) -> list[tuple[int, list[str]]] | None:
    """calamine's rows in a process of its own, under a memory and a time limit;
    ``None`` when it fails, is stopped or declines (openpyxl then reads the sheet)."""
    import pickle
    import subprocess
    import sys
    from pathlib import Path

    # the child caps its own address space first thing (no preexec_fn: not safe in the
    # server's threads)
    limit = min(max(_MEMORY_RATIO * size, _MEMORY_MIN), _MEMORY_MAX)
    script = Path(__file__).with_name("cell_text.py")
    request = pickle.dumps((packed, name, present), pickle.HIGHEST_PROTOCOL)
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(script), str(limit)],
            input=request,
            capture_output=True,
            timeout=_CHILD_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or not done.stdout:
        return None
    try:
        out = pickle.loads(done.stdout)  # our own child's answer, on our own pipe
    except Exception:
        return None
    return out if isinstance(out, list) else None


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
    import importlib.util

    if importlib.util.find_spec("python_calamine") is None:  # pragma: no cover
        return None  # a dependency; openpyxl reads everything
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
            except MoriError:
                raise  # a member past its cap: the same refusal as the openpyxl way
            except Exception:
                return None  # damaged, encrypted, another method: openpyxl's way says so
            if _DTD.search(body[:4096]):
                return None
            parts[info.filename] = body
            out.writestr(info.filename, body)
    paths = _sheet_paths(parts)
    if paths is None or len(set(paths.names)) != len(paths.names):
        return None  # a name used twice: calamine and the scan might read different sheets
    escaped = any(  # shared strings calamine would read otherwise than openpyxl
        name.lower().endswith("sharedstrings.xml")
        and ((b"_x" in body and _ESCAPE.search(body) is not None) or _spaced(body))
        for name, body in parts.items()
    )
    sheets = {p: parts[p] for p in paths.worksheets.values() if p in parts}  # the rest can go
    return FastBook(packed.getvalue(), sheets, paths, escaped=escaped)


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
