"""Rows a load read but did not keep as data, with why — for the user to see and download.

Nothing is lost: every row of a file is data (kept, or merged and excluded by the
cleaning with a reason), or one of the rows listed here: a report's footer notes
and its subtotal and total rows, and lines no encoding reads (blank, with their line)
(:mod:`abm.ingest.read`), tasks not done yet and
campaign members who did not respond (:mod:`abm.ingest.derive`), the further rows
of a deal listed once per contact or product, deals a later file of the same
upload lists again, deals whose name marks them as a test (:mod:`abm.ingest.testdeals`), and the rows of a contact-role report, whose people join their deals
(or found none) (:mod:`abm.ingest.deals`, :mod:`abm.ingest.load`). Blank rows
and repeated header rows are counted in the file's issues; they hold nothing to see.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["LEFT_OUT_CHECKS", "left_out_rows", "rows_left_out"]

#: Why a row was left out, in the order the download lists the kinds.
LEFT_OUT_CHECKS: tuple[str, ...] = (
    "unreadable_lines",
    "footer_rows",
    "summary_rows",
    "planned_tasks",
    "no_response",
    "deal_rows_merged",
    "superseded",
    "test_deal",
    "contact_roles",
    "deal_not_found",
)

#: The columns every left-out table starts with (a file's own column of such a name is
#: renamed ``"row (2)"``, as read de-duplicates headers).
_LEAD = ("row", "check")


def _unclashed(columns: Iterable[str], taken: Sequence[str]) -> dict[str, str]:
    """A new name for each column whose name is taken (``"row"`` → ``"row (2)"``)."""
    cols = [str(c) for c in columns]
    used = set(taken) | set(cols)
    out: dict[str, str] = {}
    for c in cols:
        if c in taken:
            n = 2
            while f"{c} ({n})" in used:
                n += 1
            out[c] = f"{c} ({n})"
            used.add(out[c])
    return out


def left_out_rows(rows: pd.DataFrame, check: str | np.ndarray) -> pd.DataFrame:
    """Rows of a file as read (indexed by line), as a left-out table.

    Parameters
    ----------
    rows : pandas.DataFrame
        Cells as text, indexed by the 1-based line (:attr:`abm.ingest.RawTable.frame`).
    check : str or numpy.ndarray
        Why (one of :data:`LEFT_OUT_CHECKS`), for all rows or each.

    Returns
    -------
    pandas.DataFrame
        ``row`` (the line), ``check``, then the file's columns (renamed where a file's
        own column is called ``row`` or ``check``); a fresh index.
    """
    cells = rows.rename(columns=_unclashed(rows.columns, _LEAD))
    lead = pd.DataFrame(
        {
            "row": pd.array(rows.index.to_numpy(dtype=np.int64), dtype="Int64"),
            "check": pd.array(np.broadcast_to(np.asarray(check, dtype=object), len(rows)),
                              dtype="string"),
        }
    )  # fmt: skip
    return pd.concat([lead, cells.reset_index(drop=True)], axis=1)


def rows_left_out(
    sources: Sequence[object],
    *,
    labels: Mapping[str, str] | None = None,
    reasons: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every file's left-out rows in one table, in upload and line order.

    Parameters
    ----------
    sources : sequence of abm.SourceReport
        :attr:`abm.Dataset.sources`.
    labels : mapping, optional
        Names for the leading ``file``, ``row`` and ``check`` columns (the reader's
        words); a file's own column of such a name is renamed ``"… (2)"``.
    reasons : mapping, optional
        Words for each ``check`` (:data:`LEFT_OUT_CHECKS`); codes stay otherwise.

    Returns
    -------
    pandas.DataFrame
        ``file``, ``row``, ``check``, then the union of the files' columns (a column
        a file lacks is missing for its rows); empty when nothing was left out.
    """
    out = _rows_left_out(sources)
    if reasons:
        out["check"] = out["check"].map(lambda c: reasons.get(c, c)).astype("string")
    if labels:
        lead = ("file", *_LEAD)
        named = [labels.get(c, c) for c in lead]
        rest = out.columns[len(lead) :]
        out = out.rename(columns=_unclashed(rest, named))
        out.columns = [*named, *out.columns[len(lead) :]]
    return out


def _rows_left_out(sources: Sequence[object]) -> pd.DataFrame:
    frames, which = [], []
    for i, src in enumerate(sources):
        left = getattr(src, "left_out", None)
        if left is None or not len(left):
            continue
        file = pd.Series([str(getattr(src, "file", ""))] * len(left), dtype="string")
        cells = left.rename(columns=_unclashed(left.columns.difference(_LEAD), ("file",)))
        frames.append(pd.concat([file.rename("file"), cells.reset_index(drop=True)], axis=1))
        which.append(np.full(len(left), i))
    if not frames:
        return pd.DataFrame(columns=["file", *_LEAD])
    out = pd.concat(frames, ignore_index=True)
    keys = pd.DataFrame({"file": np.concatenate(which), "row": out["row"].to_numpy()})
    return out.loc[keys.sort_values(["file", "row"], kind="stable").index].reset_index(drop=True)
