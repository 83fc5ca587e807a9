"""What two exports pasted into one file leave behind: a byte-order mark and a
second header row in mid-file.

A row that repeats the header (after removing the mark, width forms, case and
separators) is not data: it is reported with its line and excluded. A row
that starts with a byte-order mark and looks like a header but is not this
one means the second export has other columns, so its rows cannot be read
under this header: the file is refused with the line where it starts. A
stray mark on a data row is removed and reported. Detection is vectorised
(candidates first: rows whose first cell is the header's first cell or starts
with the mark).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from abm.errors import MoriError
from abm.ingest.decode import decode_upload
from abm.ingest.headers import _STRIP, known_headers, line_start

__all__ = ["BOM", "drop_pasted_headers", "header_cells", "second_file_at", "second_headers"]

#: The byte-order mark, as a character.
BOM = "\ufeff"


def _cell_keys(s: pd.Series, *, first: bool = False) -> Any:
    """Vectorised header key of each cell: BOM removed, NFKC, lower-cased, separators removed.

    ``first``: the cell opens a record, where a byte-order mark left by a pasted
    export makes a CSV reader keep the field's quotes; they are removed too.
    Missing cells give ``""``. Returns a ``pyarrow`` array: Arrow compute
    kernels end to end (a few tenths of a second a million cells); linear
    time (one character class, no nesting).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.astype("string"), type=pa.large_string(), from_pandas=True)
    arr = pc.replace_substring(pc.fill_null(arr, ""), BOM, "")
    if first:
        arr = pc.replace_substring_regex(pc.utf8_trim_whitespace(arr), r'^"(.*)"$', r"\1")
        arr = pc.replace_substring(arr, '""', '"')
    arr = pc.utf8_lower(pc.utf8_normalize(arr, "NFKC"))
    arr = pc.replace_substring_regex(arr, _STRIP.pattern, "")
    return arr


def second_headers(
    frame: pd.DataFrame, header: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Find rows left in the data by two exports pasted together.

    Parameters
    ----------
    frame : pandas.DataFrame
        Data rows as text (columns in header order).
    header : sequence of str
        The header cells, one per column of ``frame``.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        Boolean masks over the rows: ``repeat`` — the row repeats the header
        (after removing a byte-order mark, width forms, case and separators);
        ``bom`` — the row starts with a byte-order mark (U+FEFF), i.e. a second
        file starts there; ``headerish`` — at least half of the row's filled
        cells, and at least one, are known column names.
    """
    n = len(frame)
    none = np.zeros(n, dtype=bool)
    if n == 0 or frame.shape[1] == 0:
        return none, none, none
    first = frame.iloc[:, 0]
    bom = first.astype("string").str.startswith(BOM).fillna(False).to_numpy(dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    def _is(arr: Any, value: Any) -> np.ndarray:
        return pc.equal(arr, value).to_numpy(zero_copy_only=False).astype(bool)

    want = _cell_keys(pd.Series(list(header[: frame.shape[1]]), dtype="string")).to_pylist()
    want0 = _cell_keys(pd.Series([header[0]], dtype="string"), first=True)[0].as_py()
    cand = bom | _is(_cell_keys(first, first=True), want0)
    if not cand.any():
        return none, bom, none
    pos = np.flatnonzero(cand)
    sub = frame.iloc[pos]
    equal = np.ones(pos.size, dtype=bool)
    known = np.zeros(pos.size, dtype=np.int64)
    filled = np.zeros(pos.size, dtype=np.int64)
    names = pa.array(sorted(known_headers()), type=pa.large_string())
    for j in range(frame.shape[1]):
        keys = _cell_keys(sub.iloc[:, j], first=j == 0)
        equal &= _is(keys, want[j] if j else want0)
        nonempty = ~_is(keys, "")
        filled += nonempty
        known += pc.is_in(keys, value_set=names).to_numpy(zero_copy_only=False) & nonempty
    repeat, headerish = none.copy(), none.copy()
    repeat[pos] = equal
    headerish[pos] = (known >= 1) & (2 * known >= filled)
    return repeat, bom, headerish


_DUP = re.compile(r"^(.*) \((\d+)\)$")
#: Repeated header rows reported one by one; past this many, the rest as one count.
_REPEATS_LISTED = 10


def header_cells(names: list[str], issues: list[tuple], line: int) -> list[str]:
    """The header cells behind de-duplicated names (``X (2)`` → ``X``, ``column_3`` → '').

    Parameters
    ----------
    names : list of str
        Column names from :func:`~abm.ingest.headers.name_columns`.
    issues : list of tuple
        Its ``blank_header`` / ``duplicate_header`` issues.
    line : int
        The header's line.

    Returns
    -------
    list of str
        One header cell per name, as the file wrote it (stripped).
    """
    blank = {i[2] for i in issues if i[3] == "blank_header" and i[1] == line}
    dups = {i[2] for i in issues if i[3] == "duplicate_header" and i[1] == line}
    out = []
    for name in names:
        m = _DUP.match(name)
        if name in blank:
            out.append("")
        elif m and m.group(1) in dups:
            out.append(m.group(1))
        else:
            out.append(name)
    return out


def _strip_stray_bom(frame: pd.DataFrame, stray: np.ndarray) -> pd.DataFrame:
    """``frame`` with the byte-order mark removed from the first cell of ``stray`` rows.

    The mark made the CSV reader keep the field's quotes: they are dropped too.
    """
    first = frame.columns[0]
    col = frame[first].astype("string")
    bare = col.str.replace(BOM, "", regex=False)
    quoted = (bare.str.startswith('"') & bare.str.endswith('"') & (bare.str.len() >= 2)).fillna(
        False
    )
    bare = bare.where(~quoted, bare.str.slice(1, -1).str.replace('""', '"', regex=False))
    fixed = col.where(~stray, bare)
    return frame.assign(**{first: fixed.astype(frame[first].dtype)})


def _report_repeats(lines: np.ndarray, file: str, issues: list[tuple]) -> None:
    """One ``repeated_header`` issue per line for the first ten, then one count for the rest."""
    for line in lines[:_REPEATS_LISTED]:
        issues.append((file, int(line), None, "repeated_header", 1, "ingest.issue.repeated_header"))
    if lines.size > _REPEATS_LISTED:
        rest = lines[_REPEATS_LISTED:]
        issue = ("repeated_header", int(rest.size), "ingest.issue.repeated_header_more")
        issues.append((file, int(rest[0]), None, *issue))


def drop_pasted_headers(
    frame: pd.DataFrame,
    rows: np.ndarray,
    short: np.ndarray | None,
    header: list[str],
    file: str,
    issues: list[tuple],
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray | None]:
    """Handle what two exports pasted together leave in the data.

    A row repeating the header is not data: it is reported with its line and
    excluded. A row starting with a byte-order mark that looks like a header
    but is not this one means the second export has other columns: the file
    is refused (its rows cannot be read under this header). A stray mark on a
    data row is removed and reported.

    Parameters
    ----------
    frame : pandas.DataFrame
        Data rows as text, columns in header order. Not modified.
    rows : numpy.ndarray
        Line (sheet row) of each row.
    short : numpy.ndarray or None
        Padded-row mask, kept aligned.
    header : list of str
        The header cells.
    file : str
        File name for issues and messages.
    issues : list of tuple
        Issues, appended to: ``repeated_header`` (one per row, the first ten),
        ``repeated_header_more`` (the rest, counted), ``stray_bom``.

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray, numpy.ndarray or None)
        ``frame``, ``rows`` and ``short`` without the repeated header rows.

    Raises
    ------
    MoriError
        ``ingest.err.second_header_differs`` naming the line.
    """
    repeat, bom, headerish = second_headers(frame, header)
    differs = bom & ~repeat & headerish
    if differs.any():
        line = int(rows[int(np.argmax(differs))])
        raise MoriError("ingest.err.second_header_differs", file=file, row=line)
    stray = bom & ~repeat
    if stray.any():
        frame = _strip_stray_bom(frame, stray)
        line = int(rows[int(np.argmax(stray))])
        issues.append((file, line, None, "stray_bom", int(stray.sum()), "ingest.issue.stray_bom"))
    if repeat.any():
        _report_repeats(rows[repeat], file, issues)
        keep = ~repeat
        frame, rows = frame.iloc[keep], rows[keep]
        short = short[keep] if short is not None else None
    return frame, rows, short


def second_file_at(data: bytes, file: str, line: int) -> bool:
    """Whether ``line`` of a text upload starts with a byte-order mark (a pasted file).

    Parameters
    ----------
    data : bytes
        The upload (decoded again: only called on the error path).
    file : str
        File name.
    line : int
        1-based line.

    Returns
    -------
    bool
    """
    try:
        text = decode_upload(data, file).text
    except MoriError:
        return False
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    return text.startswith(BOM, line_start(text, line))
