"""Grouped reports: subtotal and total rows left out, grouped cells filled down.

A CRM's "formatted" report export (Salesforce: *Export → Formatted Report*,
an Excel workbook) groups its rows — by phase, by account — and writes each
group's value on the group's first row only (or in one cell merged down the
group), then a subtotal row under the group (``小計 (4件)``, ``Subtotal``) and a
total row at the end (``合計``, ``Grand Total``, ``Record Count``). Read as a
table, the subtotal rows become deals or people of their own, and every row
but a group's first has no phase, no account.

:func:`summary_rows` finds the summary rows (the row's first filled cell is a
total word, and the row is not a full row; a hand-kept list's 合計 right under the
header too) and, only when a file has some among its data rows,
:func:`fill_groups` fills down the grouping columns: leading columns whose filled
cells all sit where a group starts, each value carried only within its group
(see there).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["TOTAL_SUFFIXES", "TOTAL_SUFFIXES_EN", "fill_groups", "is_total", "summary_rows"]

#: A summary row's label: the whole first filled cell, a count or amount may follow it
#: (``小計 (4件)``, ``合計: 20``, ``Subtotal``, ``Record Count: 13``, Salesforce Classic's
#: ``Grand Totals (62 records)``).
#: A plain string matched with ``case=False``, without ``\\s`` or escapes: pandas then runs
#: it in pyarrow (RE2, linear time) rather than Python's ``re``.
_TOTAL = (
    r"^(?:小計|合計|総計|総合計|中計|件数|レコード数|レコード件数|"
    r"sub[ -]?totals?|grand totals?|totals?|record count|count|sum)"
    "(?:[ \u3000]*[:：(（\\[［].*)?$"
)
#: Words that end a summary row's label written with what it sums (``受注合計``,
#: ``見込合計``, ``月別小計``, ``Won Total``, ``Pipeline Subtotal``). Such a label is read
#: as a summary row only when the rest of its row is blank or numbers: a company may be
#: called ``株式会社X合計`` (and ``合計商事`` does not end in one).
TOTAL_SUFFIXES: tuple[str, ...] = ("合計", "小計", "総計", "累計")
#: The same in English, after a space (``Won Total``; ``Subtotal`` alone is :data:`_TOTAL`).
TOTAL_SUFFIXES_EN: tuple[str, ...] = ("total", "totals", "subtotal", "subtotals", "sub total")
_COUNT_TAIL = "(?:[ \u3000]*[:：(（\\[［].*)?$"
_TOTAL_SUFFIXED = (
    f"^(?:.{{1,20}}(?:{'|'.join(TOTAL_SUFFIXES)})"
    f"|.{{1,30}}[ \u3000](?:{'|'.join(TOTAL_SUFFIXES_EN)})){_COUNT_TAIL}"
)
#: A cell that is a number (``1,234,000``, ``¥1,234``, ``123.4万円``, ``12件``, ``8%``) or a
#: formula kept as its text: what a summary row holds besides its label.
_NUMBER = "^[-+−]?[¥￥$]?[0-9０-９][0-9０-９,，.]*(?:円|万円|千円|件|%|％)?$|^="
#: Narrower tables cannot tell a summary row from a sparse data row.
_MIN_WIDTH = 4
#: A group column is one of the first few columns.
_MAX_GROUP_COLUMNS = 3
#: A column "nearly every row fills" (a summary row leaves it out).
_MOSTLY = 0.9
#: Rows at the end of a table where a grouped report's last summary row must be.
_LAST_ROWS = 12
#: Rows at the top of a table where a hand-kept list puts its total (合計 under the header).
_FIRST_ROWS = 3


def summary_rows(frame: pd.DataFrame, n_filled: np.ndarray, data: np.ndarray) -> np.ndarray:
    """Subtotal and total rows of a grouped report.

    Parameters
    ----------
    frame : pandas.DataFrame
        The file's cells as text (missing where empty).
    n_filled : numpy.ndarray
        Filled cells per row.
    data : numpy.ndarray
        bool per row: rows read as data so far (not blank).

    Returns
    -------
    numpy.ndarray
        bool per row: the row's first filled cell (among the first half of the
        columns) is a total word, and the row is not a full row — it fills at most
        half the columns, or leaves out a column nearly every other row fills.
    """
    n, width = len(frame), frame.shape[1]
    if width < _MIN_WIDTH or not data.any():
        return np.zeros(n, dtype=bool)
    # A grouped report ends with its last group's subtotal or its grand total (the footer
    # after it); a hand-kept list may put its total first, under the header (a SUBTOTAL
    # formula): a table none of whose last or first rows is one has none to look for.
    empty = frame.isna().to_numpy(dtype=bool)
    last = np.zeros(n, dtype=bool)
    last[np.flatnonzero(data)[-_LAST_ROWS:]] = True
    last[np.flatnonzero(data)[:_FIRST_ROWS]] = True
    if not _labels(frame, last, empty).any():
        return np.zeros(n, dtype=bool)
    label = _labels(frame, data, empty)
    rest = data & ~label & (n_filled * 2 > width)  # the data rows (not notes, not footers)
    share = (~empty[rest]).mean(axis=0) if rest.any() else np.zeros(width)
    misses = (empty & (share >= _MOSTLY)).any(axis=1)
    return label & (n_filled < width) & ((n_filled * 2 <= width) | misses)


def is_total(cell: str) -> bool:
    """Whether one cell is a summary row's label (``小計 (4件)``, ``総計``, ``Grand Total``)."""
    return re.fullmatch(_TOTAL, cell.strip(), re.IGNORECASE) is not None


def _numbers_only(frame: pd.DataFrame, rows: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """Rows of ``rows`` whose filled cells after the first are all numbers (:data:`_NUMBER`)."""
    at_rows = np.flatnonzero(rows)
    out = np.zeros(len(frame), dtype=bool)
    if not len(at_rows):
        return out
    lead = np.argmax(~empty[at_rows], axis=1)
    ok = np.ones(len(at_rows), dtype=bool)
    for j in range(frame.shape[1]):
        look = (lead < j) & ~empty[at_rows, j]
        if look.any():
            cell = frame.iloc[at_rows[look], j].astype("string").str.strip()
            ok[look] &= cell.str.contains(_NUMBER, regex=True).fillna(False).to_numpy(bool)
    out[at_rows] = ok
    return out


def _labels(frame: pd.DataFrame, rows: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """Rows of ``rows`` whose first filled cell (among the first half of the columns) is a
    total word, or ends in one (:data:`TOTAL_SUFFIXES`) with only numbers after it
    (:func:`_numbers_only`, looked at for those rows alone); each row's first cell is
    looked at once (``empty``: the blank cells)."""
    width = frame.shape[1]
    at_rows = np.flatnonzero(rows)
    lead = np.argmax(~empty[at_rows], axis=1)
    label = np.zeros(len(frame), dtype=bool)
    suffixed = np.zeros(len(frame), dtype=bool)
    for j in range(width // 2 + 1):
        at = at_rows[lead == j]
        if len(at):
            cell = frame.iloc[at, j].astype("string").str.strip()
            label[at] = cell.str.fullmatch(_TOTAL, case=False).fillna(False).to_numpy(dtype=bool)
            ends = cell.str.fullmatch(_TOTAL_SUFFIXED, case=False).fillna(False)
            suffixed[at] = ends.to_numpy(dtype=bool) & ~label[at]
    if suffixed.any():
        label |= _numbers_only(frame, suffixed, empty)
    return label


def fill_groups(frame: pd.DataFrame, rows: np.ndarray, summary: np.ndarray) -> dict[str, int]:
    """Fill a grouped report's grouping columns down over its data rows, in place.

    A grouping column is one of the first three columns, blank on some data row,
    whose filled cells all sit where a group starts: the first data row, or the
    first data row after summary rows. (A plain table's sparse column, filled on
    rows in the middle of a run, is none.) The columns are read from the left and
    the search stops at the first that is not one. A value is carried down only
    within its group: the ``L`` grouping columns nest, a subtotal closes the
    innermost group and each further summary row the next one out, so column
    ``j`` (0 = outermost) starts again after a run of at least ``m × (L − j)``
    summary rows, ``m`` the shortest run between data rows (a report may write a
    subtotal and a record count under every group); when every run is as long,
    every group closes every level and each column starts again. A group whose
    own value is blank stays blank.

    Parameters
    ----------
    frame : pandas.DataFrame
        The file's cells as text (missing where empty).
    rows : numpy.ndarray
        bool per row: the data rows (summary, blank and footer rows left out).
    summary : numpy.ndarray
        bool per row: the summary rows (:func:`summary_rows`).

    Returns
    -------
    dict
        Column name → number of cells filled.
    """
    at = np.flatnonzero(rows)
    if not len(at):
        return {}
    # summary rows just before each data row (since the previous data row)
    seen = np.cumsum(summary)[at]
    run = np.diff(np.concatenate(([0], seen)))
    start = run > 0
    start[0] = True
    groups: list[str] = []
    for name in frame.columns[:_MAX_GROUP_COLUMNS]:
        filled = frame[name].iloc[at].notna().to_numpy(dtype=bool)
        if filled.all() or not filled[0] or (filled & ~start).any():
            break
        groups.append(name)
    if not groups:
        return {}
    later = run[1:][run[1:] > 0]  # runs between data rows (not the rows above the first)
    shortest = int(later.min()) if len(later) else 1
    same = len(later) == 0 or int(later.max()) == shortest  # every group closes every level
    out: dict[str, int] = {}
    for j, name in enumerate(groups):
        reset = start.copy() if same else run >= shortest * (len(groups) - j)
        reset[0] = True
        values = frame[name].iloc[at].reset_index(drop=True)
        before = int(values.isna().sum())
        values = values.groupby(np.cumsum(reset)).ffill()
        frame.iloc[at, frame.columns.get_loc(name)] = values.to_numpy()
        out[str(name)] = before - int(values.isna().sum())
    return out
