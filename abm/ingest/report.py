"""Turn ingestion issue tables into translated, display-ready text (never a cell value)."""

from __future__ import annotations

import pandas as pd

from abm.i18n import t
from abm.ingest.read import KEPT_COLUMN

__all__ = ["describe_issues"]


def describe_issues(issues: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """Translate an issues table (``file, row, column, check, count, message_key``).

    Parameters
    ----------
    issues : pandas.DataFrame
        From :attr:`abm.SourceReport.issues`, :attr:`~abm.ingest.RawTable.issues`
        or :func:`~abm.ingest.apply_mapping`.
    lang : {"ja", "en"}

    Returns
    -------
    pandas.DataFrame
        Columns ``file, row, column, count, message``; the message is built from
        the key and the file/row/column/count only.
    """
    rows = []
    for rec in issues.itertuples(index=False):
        row = None if pd.isna(rec.row) else int(rec.row)
        column = None if pd.isna(rec.column) else str(rec.column)
        kept = getattr(rec, KEPT_COLUMN, None)
        params = {
            "file": rec.file,
            "row": row if row is not None else "",
            "column": column or "",
            "count": int(rec.count),
            "kept": "" if kept is None or pd.isna(kept) else str(kept),
        }
        rows.append(
            (rec.file, row, column, int(rec.count), t(str(rec.message_key), lang, **params))
        )
    out = pd.DataFrame(rows, columns=["file", "row", "column", "count", "message"])
    return out.astype(
        {
            "file": "string",
            "row": "Int64",
            "column": "string",
            "count": "int64",
            "message": "string",
        }
    )
