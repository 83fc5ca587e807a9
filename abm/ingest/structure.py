"""Count the fields of every record of a delimited text, fast.

The fast path works on the UTF-8 bytes with numpy, in chunks: a delimiter or
newline is structural when the number of ``"`` before it is even (RFC 4180
quoting, ``""`` escapes keep the parity). When that view is inconsistent
(a literal ``"`` inside an unquoted field, an odd number of quotes, more
fields than the header), the exact but slower :mod:`csv` scan decides.
"""

from __future__ import annotations

import csv
import io
import threading
from dataclasses import dataclass

import numpy as np

__all__ = ["Structure", "field_counts"]

_CHUNK = 1 << 24


@dataclass(frozen=True)
class Structure:
    """Per-record field counts of a text body (the header is record 0).

    Attributes
    ----------
    counts : numpy.ndarray
        Number of fields of each record.
    blank : numpy.ndarray
        Whether each record is an empty line.
    start_lines : numpy.ndarray or None
        1-based physical line where each record starts (exact path only).
    odd_quotes : bool
        The fast view found an odd number of quotes.
    exact : bool
        Counts come from the :mod:`csv` scan.
    """

    counts: np.ndarray
    blank: np.ndarray
    start_lines: np.ndarray | None
    odd_quotes: bool
    exact: bool


def _fast(data: np.ndarray, delim: int) -> Structure:
    n = data.size
    parity = 0
    dcount = 0
    nl_pos: list[np.ndarray] = []
    nl_cum: list[np.ndarray] = []
    for i in range(0, n, _CHUNK):
        sub = data[i : i + _CHUNK]
        q = sub == 34
        if q.any():
            par = np.bitwise_xor.accumulate(q.view(np.uint8)) ^ np.uint8(parity)
            outside = par == 0
            parity = int(par[-1])
            dmask = (sub == delim) & outside
            nmask = (sub == 10) & outside
        else:
            dmask = sub == delim
            nmask = sub == 10
            if parity:
                dmask = np.zeros_like(dmask)
                nmask = np.zeros_like(nmask)
        dpos = np.flatnonzero(dmask)
        pos = np.flatnonzero(nmask)
        nl_pos.append(pos + i)
        nl_cum.append(np.searchsorted(dpos, pos) + dcount)
        dcount += int(dpos.size)
    ends = np.concatenate(nl_pos) if nl_pos else np.empty(0, np.int64)
    cum = np.concatenate(nl_cum) if nl_cum else np.empty(0, np.int64)
    if ends.size == 0 or ends[-1] != n - 1:  # last record without a newline
        ends = np.append(ends, n)
        cum = np.append(cum, dcount)
    starts = np.concatenate(([0], ends[:-1] + 1))
    counts = np.diff(np.concatenate(([0], cum))) + 1
    length = ends - starts
    last = data[np.clip(ends - 1, 0, max(n - 1, 0))] if n else np.empty(0, np.uint8)
    blank = (length == 0) | ((length == 1) & (last == 13))
    keep = starts < n
    return Structure(counts[keep], blank[keep], None, bool(parity), False)


_LIMIT_LOCK = threading.Lock()


def _allow_fields_of(body: str) -> None:
    """Let :mod:`csv` read a field as long as ``body`` (its default stops at 131,072
    characters and the file would be refused as unreadable): a long cell is the cell
    checks' to blank (``max_cell_chars``), and the body is already within the upload
    limit. The limit is process-wide, so it only ever grows, under a lock."""
    need = len(body) + 1
    with _LIMIT_LOCK:
        if csv.field_size_limit() < need:
            csv.field_size_limit(need)


def _exact(body: str, delim: str) -> Structure:
    counts: list[int] = []
    blank: list[bool] = []
    starts: list[int] = []
    _allow_fields_of(body)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delim)
    prev = 0
    for row in reader:
        counts.append(len(row))
        blank.append(len(row) == 0)
        starts.append(prev + 1)
        prev = reader.line_num
    return Structure(
        np.asarray(counts, dtype=np.int64),
        np.asarray(blank, dtype=bool),
        np.asarray(starts, dtype=np.int64),
        False,
        True,
    )


def field_counts(
    body: str, delim: str, width: int, *, exact: bool = False, data: bytes | None = None
) -> Structure:
    """Field count of every record of ``body``.

    Parameters
    ----------
    body : str
        Text starting at the header line.
    delim : str
        One-character delimiter.
    width : int
        Header width; a record wider than this sends the fast path to the exact scan.
    exact : bool
        Skip the fast path.
    data : bytes, optional
        ``body`` already encoded as UTF-8 (saves an encode).

    Returns
    -------
    Structure

    Raises
    ------
    csv.Error
        From the exact scan (a field is never too long for it: the limit is raised to
        the body's length).
    """
    if not exact:
        raw = body.encode("utf-8") if data is None else data
        fast = _fast(np.frombuffer(raw, dtype=np.uint8), ord(delim))
        if not fast.odd_quotes and not bool((fast.counts[1:] > width).any()):
            return fast
    return _exact(body, delim)
