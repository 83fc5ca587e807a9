"""One row per deal: a report that lists a deal once per contact (or per product line).

Salesforce's 「取引先責任者の役割付き商談」/ "Opportunities with Contact Roles" report
writes a deal on as many rows as it has contacts, and an "Opportunities with Products"
report once per product line: concatenated as they are, every deal-level number (deals,
won, pipeline, win rate, on every page) would count rows. :func:`one_row_per_deal` folds
the rows of one deal of one file into one:

* rows of one deal: the same ``opportunity_id``; rows without an id, the same deal name
  and the same value in every other deal column (amount, phase, dates, company…) — a
  contact-role report exported without its id column;
* the person columns (``lead_id``, ``email``, ``contact_name``) list every contact, in
  file order, separated by ``;`` — what a HubSpot deals export writes for its associated
  contacts, which :mod:`abm.pipeline.links` links to each person;
* the amount: the deal's when every row says the same (the opportunity amount a
  contact-role or product report repeats); the sum when rows of one id say different
  amounts (product lines' own prices, mapped as the amount);
* every other column: the first value the rows give.

Two guesses, said here because a file cannot tell them apart: product lines of equal
price (100 and 100, mapped as the amount) read as one repeated amount (100), and two
different deals without an id column that agree in every deal column (the same name,
company, phase, amount and dates) read as one deal.

The rows folded into an earlier one are said in the file's load report
(``deal_rows_merged``: how many, from which row), so nothing is lost silently.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.keys import LIST_SEPARATORS, join_lists, list_items
from abm.schema import DERIVED, LINEAGE

__all__ = ["PERSON_COLUMNS", "one_row_per_deal"]

#: Columns of an opportunity row that name a person rather than the deal.
PERSON_COLUMNS: tuple[str, ...] = ("lead_id", "email", "contact_name")
#: How a cell already listing several people separates them.
_SPLIT = LIST_SEPARATORS


def _ids(frame: pd.DataFrame) -> pd.Series:
    if "opportunity_id" not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    ids = frame["opportunity_id"].astype("string").str.strip()
    return ids.mask(ids == "")


def _deal_columns(frame: pd.DataFrame) -> list[str]:
    skip = {*PERSON_COLUMNS, *LINEAGE, *DERIVED, "opportunity_id"}
    return [c for c in frame.columns if c not in skip]


def _shared(frame: pd.DataFrame, ids: pd.Series) -> np.ndarray:
    """bool per row: another row lists the same deal (a hash per row; no text built)."""
    named = ids.notna().to_numpy(dtype=bool)
    out = named & ids.duplicated(keep=False).to_numpy(dtype=bool)
    if "opportunity_name" in frame.columns:
        loose = ~named & frame["opportunity_name"].notna().to_numpy(dtype=bool)
        if loose.sum() > 1:
            same = frame.loc[loose, _deal_columns(frame)].duplicated(keep=False)
            out[np.flatnonzero(loose)[same.to_numpy(dtype=bool)]] = True
    return out


def _deal_keys(frame: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """The deal of each of these rows (rows that share one: :func:`_shared`): ``id:<id>``;
    a row without an id, its group of equal deal columns — grouped by the same equality
    :func:`_shared` used (``0.0`` and ``-0.0`` are one amount), so a row it found shared
    always has its partner here."""
    keys = ("id:" + ids).astype("string")
    loose = ids.isna()
    if loose.any():
        cols = _deal_columns(frame)
        group = frame.loc[loose, cols].groupby(cols, dropna=False, sort=False).ngroup()
        keys[loose] = "row:" + group.astype("string")
    return keys


def one_row_per_deal(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[tuple]]:
    """Fold the rows of one file that list the same deal into one row (module docstring).

    Parameters
    ----------
    frame : pandas.DataFrame
        One file's canonical opportunities (not modified), with lineage columns.
    file : str
        The file's name, for the load report.

    Returns
    -------
    (pandas.DataFrame, list of tuple)
        The rows, one per deal (the first row of each deal, in file order, carrying the
        others' contacts), and the load report's issue tuples
        (``(file, row, column, check, count, message_key)``), empty when no deal repeats.
    """
    if len(frame) < 2:
        return frame, []
    frame = frame.reset_index(drop=True)
    ids = _ids(frame)
    rows = np.flatnonzero(_shared(frame, ids))
    if not len(rows):
        return frame, []
    part = frame.iloc[rows]
    keys = _deal_keys(part, ids.iloc[rows])
    later = keys.duplicated(keep="first").to_numpy(dtype=bool)  # folded into an earlier row
    if not later.any():
        return frame, []
    repeat = np.zeros(len(frame), dtype=bool)
    repeat[rows[later]] = True
    groups = pd.factorize(keys)[0]
    first = part.groupby(groups, sort=False).first()  # first non-blank value per column
    first.index = part.index[~later]
    for c in PERSON_COLUMNS:
        if c in frame.columns:
            at, items = list_items(part[c], _SPLIT)  # each row's people, in file order
            listed = join_lists(groups[at], items)
            first[c] = listed.reindex(range(len(first))).to_numpy(dtype=object)
    if "amount" in frame.columns:
        amounts = part["amount"].astype("Float64")
        differ = amounts.groupby(groups, sort=False).nunique().to_numpy() > 1
        total = amounts.groupby(groups, sort=False).sum(min_count=1).to_numpy()
        keep = first["amount"].to_numpy(dtype=object)
        keep[differ] = total[differ]
        first["amount"] = keep
    for c in ("source_file", "source_row"):
        if c in frame.columns:  # the deal's first row, not the first non-blank cell
            first[c] = part[c][~later].to_numpy()
    out = frame[~repeat].copy()
    at = first.index
    for c in frame.columns:
        out.loc[at, c] = first[c].astype(frame[c].dtype).to_numpy()
    out = out.reset_index(drop=True)
    first_row = int(frame["source_row"].iloc[rows[later][0]]) if "source_row" in frame else None
    said = [(file, first_row, "opportunity_id", "deal_rows_merged", int(repeat.sum()),
             "ingest.issue.deal_rows_merged")]  # fmt: skip
    return out, said
