"""Parse delimited text (CSV/TSV/semicolon) into text cells.

Fast path: pyarrow's multi-threaded CSV reader, every column as a string.
It refuses any record whose width differs from the header, so a success
proves the structure. Anything unusual (blank lines, an odd number of
quotes, lone CRs, a width error) takes the slow path: field counts per
record (:mod:`abm.ingest.structure`), then pandas' C parser with
``header=None``, which refuses the first record wider than the header
(reported by its line) and pads narrower ones (reported as an issue).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.errors import MoriError
from abm.ingest.decode import decode_upload
from abm.ingest.headers import (
    line_start,
    looks_headerless,
    name_columns,
    pick_header,
    sample_rows,
    sniff_delimiter,
)
from abm.ingest.limits import Limits
from abm.ingest.structure import Structure, field_counts

__all__ = ["TextParse", "parse_text"]

_SAMPLE_CHARS = 262_144


@dataclass(frozen=True)
class TextParse:
    """Result of :func:`parse_text`: cells (empty cells may be ``""`` or missing),
    the 1-based line of each row, issues, delimiter, header line, encoding and
    the mask of rows that had fewer fields than the header (padded)."""

    frame: pd.DataFrame
    rows: np.ndarray
    issues: list[tuple]
    delimiter: str
    header_line: int
    encoding: str
    short: np.ndarray
    #: Lines left out blank because no encoding reads them (reported as such, not as blank).
    unreadable: tuple[int, ...] = ()


def _arrow(body_bytes: bytes | memoryview, delim: str, names: list[str]) -> pd.DataFrame | None:
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(body_bytes)),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=True),
            parse_options=pacsv.ParseOptions(
                delimiter=delim, quote_char='"', double_quote=True, newlines_in_values=True
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                # only an empty cell is missing: "NA", "None", "null" stay text
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    return table.to_pandas()


def _c_engine(body: str, delim: str, nrows: int) -> pd.DataFrame:
    # header=None: the header record fixes the width, so the C parser itself
    # refuses a longer record ("Expected n fields in line x, saw y") and pads
    # shorter ones with "" -- no field is ever dropped silently.
    return pd.read_csv(
        io.StringIO(body),
        sep=delim,
        header=None,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        quotechar='"',
        doublequote=True,
        engine="c",
        nrows=nrows,
    )


_EXPECTED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_EOF_ROW = re.compile(r"EOF inside string starting at row (\d+)")


def _physical_line(st: Structure, body: str, delim: str, width: int, record: int) -> int:
    """1-based line (within ``body``) where 0-based ``record`` starts."""
    exact = st if st.exact else field_counts(body, delim, width, exact=True)
    starts = exact.start_lines
    return int(starts[record]) if starts is not None and 0 <= record < starts.size else record + 1


def _lines_of(
    st: Structure, body: str, delim: str, width: int, header_line: int, records: np.ndarray
) -> np.ndarray:
    """File line of each data record (``records``: 0-based among the data records).

    A record is one line unless a quoted value holds a newline; then every
    later record starts further down, and its line (what a text editor shows,
    what messages and lineage name) comes from the exact scan.
    """
    lines = body.count("\n") + (0 if body.endswith("\n") else 1)
    if lines == st.counts.size:
        return header_line + 1 + records.astype(np.int64)
    exact = st if st.exact else field_counts(body, delim, width, exact=True)
    if exact.start_lines is None or exact.start_lines.size != st.counts.size:
        return header_line + 1 + records.astype(np.int64)
    return header_line - 1 + exact.start_lines[1 + records].astype(np.int64)


def _slow(
    body: str,
    body_bytes: bytes | memoryview,
    delim: str,
    width: int,
    names: list[str],
    file: str,
    header_line: int,
    limits: Limits,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Structure check, then pyarrow (blank lines) or pandas' C parser (padding)."""
    try:
        st = field_counts(body, delim, width, data=body_bytes)
    except csv.Error:
        raise MoriError("ingest.err.unreadable", file=file) from None
    data_counts, data_blank = st.counts[1:], st.blank[1:]
    if data_counts.size > limits.max_rows:
        raise MoriError("ingest.err.too_many_rows", file=file, limit=limits.max_rows)
    short = (data_counts < width) & ~data_blank
    clean = not short.any() and not (data_counts > width).any()
    if clean and not st.odd_quotes and body.count('"') % 2 == 0:
        frame = _arrow(body_bytes, delim, names)
        keep = np.flatnonzero(~data_blank)
        if frame is not None and len(frame) == keep.size:
            rows = _lines_of(st, body, delim, width, header_line, keep)
            return frame, rows, np.zeros(len(frame), dtype=bool)
    try:
        frame = _c_engine(body, delim, limits.max_rows + 2)
    except pd.errors.ParserError as exc:
        msg = str(exc)
        m = _EXPECTED.search(msg)
        if m:  # pandas counts records; report the physical line a text editor shows
            expected, record, saw = (int(g) for g in m.groups())
            line = _physical_line(st, body, delim, width, record - 1)
            raise MoriError(
                "ingest.err.ragged_row",
                file=file,
                row=header_line - 1 + line,
                count=saw,
                expected=expected,
            ) from None
        m = _EOF_ROW.search(msg)
        if m:
            line = _physical_line(st, body, delim, width, int(m.group(1)))
            raise MoriError(
                "ingest.err.unterminated_quote", file=file, row=header_line - 1 + line
            ) from None
        raise MoriError("ingest.err.unreadable", file=file) from None
    if frame.shape[1] != len(names):  # header quoting read differently by csv and pandas
        names = [str(c) for c in frame.iloc[0].tolist()]
        names = [n if n.strip() else f"column_{j + 1}" for j, n in enumerate(names)]
        names = (
            list(dict.fromkeys(names))
            if len(set(names)) == len(names)
            else [f"column_{j + 1}" for j in range(len(names))]
        )
    frame = frame.iloc[1:].set_axis(names, axis=1).reset_index(drop=True)
    if len(frame) > limits.max_rows:
        raise MoriError("ingest.err.too_many_rows", file=file, limit=limits.max_rows)
    if len(frame) != data_counts.size and not st.exact:
        st = field_counts(body, delim, width, exact=True)
        data_counts, data_blank = st.counts[1:], st.blank[1:]
        short = (data_counts < width) & ~data_blank
    if len(frame) != data_counts.size:
        short = np.zeros(len(frame), dtype=bool)
        return (
            frame,
            np.arange(header_line + 1, header_line + 1 + len(frame), dtype=np.int64),
            short,
        )
    rows = _lines_of(st, body, delim, width, header_line, np.arange(len(frame)))
    return frame, rows, short


def _utf8(data: bytes, text: str, encoding: str, rewritten: bool) -> tuple[bytes, int]:
    """UTF-8 bytes of ``text`` and where the text starts in them (reuses a UTF-8 upload)."""
    if not rewritten and encoding == "utf-8":
        return data, 0
    if not rewritten and encoding == "utf-8-sig":
        return data, 3
    return text.encode("utf-8"), 0


def _one_line_per_record(full: bytes, start: int, n_nl: int, records: int) -> bool:
    """Whether the body (header line at ``start``) has exactly ``records`` data lines
    and its last line closes every quote it opens."""
    ends_nl = full.endswith(b"\n")
    if records != n_nl + (0 if ends_nl else 1) - 1:  # lines after the header
        return False
    last = full.rfind(b"\n", start, len(full) - 1 if ends_nl else len(full)) + 1
    return full.count(b'"', max(last, start)) % 2 == 0


def parse_text(data: bytes, file: str, limits: Limits) -> TextParse:
    """Decode a text upload, find delimiter and header, check structure, parse the cells.

    Raises
    ------
    MoriError
        ``decode``/``binary`` (see :func:`~abm.ingest.decode.decode_upload`),
        ``empty_file``, ``too_many_columns``, ``too_many_rows``, ``ragged_row``
        (a record wider than the header, naming its line),
        ``unterminated_quote`` (naming the line the quote opens), ``unreadable``.
    """
    decoded = decode_upload(data, file)
    text, encoding = decoded.text, decoded.encoding
    if not text.strip():
        raise MoriError("ingest.err.empty_file", file=file)
    rewritten = "\r" in text and "\n" not in text
    if rewritten:
        text = text.replace("\r", "\n")
    sample = text[:_SAMPLE_CHARS]
    delim = sniff_delimiter(sample, limits.header_scan_rows)
    rows, starts = sample_rows(sample, delim, limits.header_scan_rows)
    if not rows:
        raise MoriError("ingest.err.empty_file", file=file)
    h = pick_header(rows)
    if looks_headerless(rows[h]):
        raise MoriError("ingest.err.no_header", file=file, row=starts[h])
    header_line = starts[h]
    header = list(rows[h])
    while len(header) > 1 and not header[-1].strip():
        header.pop()
    if len(header) > limits.max_columns:
        raise MoriError(
            "ingest.err.too_many_columns", file=file, count=len(header), limit=limits.max_columns
        )
    names, issues = name_columns(header, file, header_line)
    if decoded.cp932_lines:  # UTF-8 and Shift_JIS lines in one file: each read as it is
        lines = decoded.cp932_lines
        issues = [*issues, (file, lines[0], None, "mixed_encoding", len(lines),
                            "ingest.issue.mixed_encoding")]  # fmt: skip
    if decoded.unreadable_lines:  # a few lines no encoding reads: left out, by line
        lines = decoded.unreadable_lines
        issues = [*issues, (file, lines[0], None, "unreadable_lines", len(lines),
                            "ingest.issue.unreadable_lines")]  # fmt: skip
    width = len(rows[h])
    all_names = [*names, *(f"column_{j + 1}" for j in range(len(names), width))]
    offset = line_start(text, header_line)
    # lines left out make the text differ from a UTF-8 upload's bytes: encoded anew
    full, start = _utf8(data, text, encoding, rewritten or bool(decoded.unreadable_lines))
    start += len(text[:offset].encode("utf-8"))
    body_bytes = memoryview(full)[start:]
    del text, sample  # the UTF-8 bytes are enough from here on (saves memory on big files)
    frame = None
    # Fast path: pyarrow refuses any record whose width differs from the header,
    # so a success proves the structure. It is trusted only when every line
    # after the header is exactly one record (so a line number is a row
    # number): a blank line (which it skips), a quoted newline (which would
    # shift every later row's line) or a quote left open on the last line (which
    # it accepts) go the slow way. A stray CR (not before LF) too.
    n_nl = full.count(b"\n", start)
    cr_ok = full.find(b"\r", start) < 0 or full.count(b"\r", start) == full.count(b"\r\n", start)
    if cr_ok and n_nl <= limits.max_rows + 1:
        frame = _arrow(body_bytes, delim, all_names)
        if frame is not None and not _one_line_per_record(full, start, n_nl, len(frame)):
            frame = None
    if frame is not None:
        short = np.zeros(len(frame), dtype=bool)
        source_rows = np.arange(header_line + 1, header_line + 1 + len(frame), dtype=np.int64)
    else:
        body = str(body_bytes, "utf-8")
        frame, source_rows, short = _slow(
            body, body_bytes, delim, width, all_names, file, header_line, limits
        )
    del body_bytes, full
    frame = frame.iloc[:, : len(names)]
    return TextParse(
        frame, source_rows, issues, delim, header_line, encoding, short, decoded.unreadable_lines
    )
