"""Read an upload (CSV/TSV/semicolon text or ``.xlsx``) into a table of text.

Every cell is read as text (no type guessing, so leading zeros and names such
as ``NA`` survive); empty cells become missing only afterwards. Title rows
above the real header (BowNow writes its search conditions there) are
skipped by scoring the first rows against the header vocabulary.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from abm.errors import MoriError
from abm.ingest.decode import sniff_kind
from abm.ingest.grouped import fill_groups, is_total, summary_rows
from abm.ingest.headers import is_known_header, looks_headerless, name_columns, pick_header
from abm.ingest.leftout import left_out_rows
from abm.ingest.limits import DEFAULT_LIMITS, Limits
from abm.ingest.pasted import drop_pasted_headers, header_cells, second_file_at
from abm.ingest.text import parse_text

__all__ = ["ISSUE_COLUMNS", "KEPT_COLUMN", "RawTable", "empty_issues", "issues_frame", "read_table"]

#: Why the read itself leaves rows out (:attr:`RawTable.left_out`).
READ_LEFT_OUT: tuple[str, ...] = ("footer_rows", "summary_rows", "unreadable_lines")

#: Columns of every issues table produced by ingestion (never a cell value).
ISSUE_COLUMNS: tuple[str, ...] = ("file", "row", "column", "check", "count", "message_key")
#: An optional column after them: for a ``duplicate_mapping`` issue, the column read for the
#: field instead, which its message names (``{kept}``); only present when such an issue is.
KEPT_COLUMN = "kept_column"


def empty_issues() -> pd.DataFrame:
    """An empty issues table with the right columns and dtypes."""
    return issues_frame([])


def issues_frame(rows: list[tuple[str, int | None, str | None, str, int, str]]) -> pd.DataFrame:
    """Build an issues table from ``(file, row, column, check, count, message_key)`` tuples."""
    frame = pd.DataFrame(rows, columns=list(ISSUE_COLUMNS))
    return frame.astype(
        {
            "file": "string",
            "row": "Int64",
            "column": "string",
            "check": "string",
            "count": "int64",
            "message_key": "string",
        }
    )


@dataclass(frozen=True, eq=False)
class RawTable:
    """One sheet or text file, every cell as text.

    Frozen; compared and hashed by identity (``eq=False``), so a table can key
    a per-session memo without hashing its cells.

    Attributes
    ----------
    file : str
        File name as uploaded.
    frame : pandas.DataFrame
        Cells as text (``str`` dtype, missing = NA). Columns are the header
        names, de-duplicated (``"X"``, ``"X (2)"``) with blanks named
        ``"column_<n>"``. The index is the 1-based line (sheet row) of each row.
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"``, ``"cp932"``, ``"utf-16"`` or ``"xlsx"``.
    delimiter : str or None
        Field separator of a text file; ``None`` for workbooks.
    header_row : int
        1-based line or sheet row of the header.
    sheet : str or None
        Sheet read (workbooks only).
    sheets : tuple of str
        All sheets of a workbook (empty for text files).
    issues : pandas.DataFrame
        ``file, row, column, check, count, message_key`` — never a value.
    first_data_row : int
        Line of the first data row: ``source_row = first_data_row + position``
        as long as no blank row was skipped; ``frame.index`` always holds it.
    left_out : pandas.DataFrame
        The rows read but not data — a report's footer notes and its subtotal and
        total rows — as :func:`abm.ingest.leftout.left_out_rows` gives them (``row``,
        ``check``: ``footer_rows`` or ``summary_rows``, then the cells as text): what the
        load left out, for the user to download (blank rows and repeated header rows
        hold nothing more to see).
    """

    file: str
    frame: pd.DataFrame
    encoding: str
    delimiter: str | None
    header_row: int
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    issues: pd.DataFrame = field(default_factory=empty_issues)
    first_data_row: int = 2
    left_out: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def source_rows(self) -> pd.Series:
        """1-based line (sheet row) of every row, aligned with ``frame``."""
        return pd.Series(self.frame.index.to_numpy(), index=self.frame.index, dtype="int64")


def _footer(n_filled: np.ndarray, width: int, gap_before: np.ndarray | None = None) -> np.ndarray:
    """Mask of trailing footer rows (e.g. Salesforce's "Confidential Information…").

    A footer is a block at the end of a table of three or more columns, opened by
    a blank row, whose rows fill at most one cell. Short blocks only (≤ 6 filled rows;
    blank rows among them do not count: Salesforce's Classic footer of five lines
    follows two blank ones).
    ``gap_before`` marks rows preceded by rows absent from the source (a
    workbook does not store empty rows): such a gap opens a block too.
    """
    mask = np.zeros(n_filled.size, dtype=bool)
    if width < 3 or n_filled.size < 2:
        return mask
    sparse = n_filled <= 1
    dense_rows = np.flatnonzero(~sparse)
    start = int(dense_rows[-1]) + 1 if dense_rows.size else 0
    block = n_filled[start:]
    opened = block.size > 0 and (
        block[0] == 0 or (gap_before is not None and bool(gap_before[start]))
    )
    if 0 < int((block > 0).sum()) <= 6 and start > 0 and opened:
        mask[start:] = block == 1
    return mask


def _finish(
    frame: pd.DataFrame,
    rows: np.ndarray,
    file: str,
    limits: Limits,
    issues: list[tuple],
    short: np.ndarray | None = None,
    after: int | None = None,
    unreadable: tuple[int, ...] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop blank and footer rows, check limits, set the line index, turn '' into NA.

    ``short`` marks rows padded because they had fewer fields than the header;
    they are reported unless dropped as blank or footer rows. ``after`` (the
    header's line, workbooks only) says that ``rows`` may skip lines: rows
    absent from a sheet are blank rows, counted with the blank rows present.
    Returns the data rows and the footer and summary rows left out
    (:attr:`RawTable.left_out`).
    """
    if len(frame) > limits.max_rows:
        raise MoriError("ingest.err.too_many_rows", file=file, limit=limits.max_rows)
    n_filled = np.zeros(len(frame), dtype=np.int64)
    out: dict[str, pd.Series] = {}
    for name in frame.columns:
        s = frame[name]
        if s.dtype != "str":
            s = s.astype("str")
        lengths = s.str.len()
        too_long = (lengths > limits.max_cell_chars).to_numpy(dtype=bool, na_value=False)
        if too_long.any():  # one cell past Excel's limit is a bad cell, not a bad file
            first = int(rows[int(np.argmax(too_long))])
            issues.append(
                (file, first, name, "too_long", int(too_long.sum()), "ingest.issue.too_long_value")
            )
            s = s.where(~too_long, "")
            lengths = lengths.where(~too_long, 0)
        empty = (lengths == 0).to_numpy(dtype=bool, na_value=False)
        n_filled += (lengths > 0).to_numpy(dtype=bool, na_value=False)
        out[name] = s.where(~empty).array if empty.any() else s.array
    result = pd.DataFrame(out, index=pd.Index(rows, dtype="int64"))
    blank = n_filled == 0
    gap_before = None
    absent, first_absent = 0, None
    if after is not None and rows.size:
        steps = np.diff(np.concatenate(([after], rows)))
        gap_before = steps > 1
        absent = int((steps - 1).sum())
        if absent:
            i = int(np.argmax(gap_before))
            first_absent = int(rows[i] - steps[i] + 1)
    summary = summary_rows(result, n_filled, ~blank)
    # footers are looked for with the summary rows left out (a total row ends the table);
    # a gap of absent sheet rows before a summary row opens the block after it
    footer = np.zeros(len(frame), dtype=bool)
    gaps = None
    if gap_before is not None:
        carried = np.cumsum(gap_before & summary)[~summary]
        gaps = gap_before[~summary] | (np.diff(np.concatenate(([0], carried))) > 0)
    footer[~summary] = _footer(n_filled[~summary], len(out), gaps)
    keep = ~blank & ~footer & ~summary
    # a grouped report's subtotals sit between its data rows (a total above them all groups
    # nothing: a list's 合計 under the header)
    grouped = summary.any() and keep.any() and summary[int(np.argmax(keep)) :].any()
    filled = fill_groups(result, keep, summary) if grouped else {}
    found: list[tuple[str, np.ndarray, str, str]] = [  # the message for many rows, for one
        (
            "short_row",
            (short & ~blank & ~footer & ~summary) if short is not None else blank & False,
            "ingest.issue.short_row",
            "ingest.issue.short_row_one",
        ),
        ("footer_rows", footer, "ingest.issue.footer_rows", "ingest.issue.footer_rows_one"),
        ("summary_rows", summary, "ingest.issue.summary_rows", "ingest.issue.summary_rows_one"),
    ]
    for check, mask, key, key_one in found:
        if mask.any():
            first, count = int(rows[int(np.argmax(mask))]), int(mask.sum())
            issues.append((file, first, None, check, count, key_one if count == 1 else key))
    # lines no encoding read are blank here, and said as such (decode): not blank rows too
    said = blank & ~np.isin(rows, np.asarray(unreadable, dtype=np.int64)) if unreadable else blank
    if said.any() or absent:
        firsts = [int(rows[int(np.argmax(said))])] if said.any() else []
        firsts += [first_absent] if first_absent is not None else []
        count = int(said.sum()) + absent
        key = "ingest.issue.blank_rows_one" if count == 1 else "ingest.issue.blank_rows"
        issues.append((file, min(firsts), None, "blank_rows", count, key))
    for name, count in filled.items():
        first = int(rows[int(np.argmax(keep))])
        issues.append((file, first, name, "group_filled", count, "ingest.issue.group_filled"))
    left_out = _left_out(result, footer, summary, unreadable)
    if not keep.all():
        result = result.loc[keep]
    if result.empty:
        raise MoriError("ingest.err.header_only", file=file)
    return result, left_out


def _left_out(
    result: pd.DataFrame,
    footer: np.ndarray,
    summary: np.ndarray,
    unreadable: tuple[int, ...] = (),
) -> pd.DataFrame:
    """The footer and summary rows as read, and the lines no encoding read (blank cells:
    their bytes are no text), each with its ``check``, in line order
    (:func:`abm.ingest.leftout.left_out_rows`)."""
    gone = footer | summary
    frames = []
    if gone.any():
        footer_rows, summary_rows, _ = READ_LEFT_OUT
        check = np.where(footer[gone], footer_rows, summary_rows)
        frames.append(left_out_rows(result.loc[gone], check))
    if unreadable:
        lines = pd.Index(sorted(set(unreadable)), dtype=np.int64)
        blank = pd.DataFrame(pd.NA, index=lines, columns=result.columns, dtype="string")
        frames.append(left_out_rows(blank, READ_LEFT_OUT[2]))
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values("row", kind="stable").reset_index(drop=True)


def _read_text(data: bytes, file: str, limits: Limits) -> RawTable:
    try:
        p = parse_text(data, file, limits)
    except MoriError as err:
        row = err.params.get("row")
        if (
            err.key == "ingest.err.ragged_row"
            and isinstance(row, int)
            and second_file_at(data, file, row)
        ):
            raise MoriError("ingest.err.second_header_differs", file=file, row=row) from None
        raise
    issues = list(p.issues)
    header = header_cells([str(c) for c in p.frame.columns], issues, p.header_line)
    frame, rows, short = drop_pasted_headers(p.frame, p.rows, p.short, header, file, issues)
    frame, left_out = _finish(frame, rows, file, limits, issues, short, unreadable=p.unreadable)
    return RawTable(
        file,
        frame,
        p.encoding,
        p.delimiter,
        p.header_line,
        None,
        (),
        issues_frame(issues),
        p.header_line + 1,
        left_out,
    )


def _data_sheet(data: bytes, file: str, limits: Limits, issues: list[tuple]) -> str | None:
    """The sheet of a workbook with several to read when none is asked for, or ``None``
    for the first sheet.

    A workbook often opens on a summary (a pivot of the details, 集計) or on notes
    (説明), the rows being on another sheet (明細). Each sheet's most header-like row
    is read and its known column names counted (object prefixes such as ``商談:
    フェーズ`` too): another sheet is read only when it names at least two more, and
    one and a half times as many, as the first (a pivot's 担当者, フェーズ and 金額
    against the details' five or more, when the first sheet has a total row such as
    総計 or names fewer than two columns; a leads sheet before a deals sheet stays the
    one read, whatever the counts). A first sheet
    that is a chart or fails a check is read as before (its error says why). The
    choice is said in the file's report (``sheet_chosen``).
    """
    from abm.ingest.xlsx import sheet_heads, worksheet_count

    if worksheet_count(data, file, limits) < 2:
        return None
    names, heads = sheet_heads(data, file, limits)
    if not heads:
        return None

    def count(head: list[list[str]]) -> int:
        row = head[pick_header(head)] if any(head) else []
        return sum(is_known_header(c.strip()) for c in row if c.strip())

    if heads[0][0] != names[0]:
        return None  # the first sheet is a chart or fails a check: read it and say so
    counts = [count(head) for _, head in heads]
    best = max(range(len(heads)), key=lambda i: (counts[i], -i))
    first = counts[0]
    summary = any(row and is_total(row[0]) for row in heads[0][1])  # a pivot's 総計 row
    if counts[best] < max(2, first + 2, 1.5 * first) or (first >= 2 and not summary):
        return None
    name = heads[best][0]
    issues.append((file, None, name, "sheet_chosen", len(names), "ingest.issue.sheet_chosen"))
    return name


def _read_xlsx(data: bytes, file: str, sheet: str | int | None, limits: Limits) -> RawTable:
    from abm.ingest.xlsx import first_rows, read_xlsx_rows

    chosen: list[tuple] = []
    if sheet is None:
        sheet = _data_sheet(data, file, limits, chosen)
    it, name, sheets, wb = read_xlsx_rows(data, file, sheet, limits)
    numbers: list[int] = []
    cells: list[list[str]] = []
    try:
        for number, row in it:  # only rows present in the sheet, in order
            numbers.append(number)
            cells.append(row)
    finally:
        wb.close()
    head = first_rows(zip(numbers, cells, strict=True), limits.header_scan_rows)
    if not any(head):
        raise MoriError("ingest.err.empty_file", file=file)
    h = pick_header(head)
    line = h + 1
    if looks_headerless(head[h]):
        raise MoriError("ingest.err.no_header", file=file, row=line)
    header = head[h]
    if len(header) > limits.max_columns:
        raise MoriError(
            "ingest.err.too_many_columns", file=file, count=len(header), limit=limits.max_columns
        )
    names, issues = name_columns(header, file, line)
    issues = chosen + issues
    width = len(names)
    start = bisect.bisect_right(numbers, line)
    body = cells[start:]
    rows = np.asarray(numbers[start:], dtype=np.int64)
    if len(body) > limits.max_rows:
        raise MoriError("ingest.err.too_many_rows", file=file, limit=limits.max_rows)
    wide = [i for i, r in enumerate(body) if len(r) > width]
    if wide:
        issues.append(
            (file, int(rows[wide[0]]), None, "extra_cells", len(wide), "ingest.issue.extra_cells")
        )
    padded = [r[:width] + [""] * (width - len(r)) if len(r) != width else r for r in body]
    frame = (
        pd.DataFrame(padded, columns=names, dtype="str")
        if padded
        else pd.DataFrame(columns=names, dtype="str")
    )
    cells_header = list(header) + [""] * (width - len(header))
    frame, rows, _ = drop_pasted_headers(frame, rows, None, cells_header, file, issues)
    frame, left_out = _finish(frame, rows, file, limits, issues, after=line)
    return RawTable(
        file, frame, "xlsx", None, line, name, sheets, issues_frame(issues), line + 1, left_out
    )


def read_table(
    data: bytes, file: str, *, sheet: str | int | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawTable:
    """Read one uploaded file into a :class:`RawTable` of text cells.

    Parameters
    ----------
    data : bytes
        The upload.
    file : str
        File name as uploaded (used in messages and lineage).
    sheet : str or int, optional
        Workbook sheet (name or 0-based index); first sheet when omitted.
    limits : Limits
        Size limits.

    Returns
    -------
    RawTable

    Raises
    ------
    MoriError
        Always with a ``ingest.err.*`` key naming the file (and the line or
        column when known), never a cell value. Any unexpected failure becomes
        ``ingest.err.unreadable``.
    """
    try:
        if not isinstance(data, bytes | bytearray | memoryview):
            raise MoriError("ingest.err.unreadable", file=file)
        data = bytes(data)
        if len(data) > limits.max_bytes:
            raise MoriError(
                "ingest.err.too_large", file=file, limit_mb=limits.max_bytes // 1_000_000
            )
        if not data.strip():
            raise MoriError("ingest.err.empty_file", file=file)
        kind = sniff_kind(data)
        if kind == "xls":
            raise MoriError("ingest.err.legacy_xls", file=file)
        if kind == "encrypted":
            raise MoriError("ingest.err.encrypted", file=file)
        if kind == "binary":
            raise MoriError("ingest.err.binary", file=file)
        if kind == "xlsx_zip":
            return _read_xlsx(data, file, sheet, limits)
        return _read_text(data, file, limits)
    except MoriError:
        raise
    except Exception:
        raise MoriError("ingest.err.unreadable", file=file) from None
