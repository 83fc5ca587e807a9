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

from abm.core.keys import LIST_SEPARATORS, email_key, join_lists, list_items, name_key
from abm.schema import DERIVED, LINEAGE

__all__ = [
    "COMMITTEE_COLUMNS", "DEAL_FACTS", "PERSON_COLUMNS", "PRIMARY_COLUMN", "SAME_DEALS",
    "attach_contacts", "contacts_only", "lists_their_people", "one_row_per_deal",
]  # fmt: skip

#: Columns of an opportunity row that name a person rather than the deal.
PERSON_COLUMNS: tuple[str, ...] = ("lead_id", "email", "contact_name")
#: Where :func:`attach_contacts` also writes the people a contact-role report alone adds to
#: a deal (its buying committee: not the deal's own contact), per person column.
COMMITTEE_COLUMNS: dict[str, str] = {c: f"committee_{c}" for c in PERSON_COLUMNS}
#: A contact-role row's flag: the deal's primary contact (OpportunityContactRole.IsPrimary).
PRIMARY_COLUMN = "is_primary"
#: How a cell already listing several people separates them.
_SPLIT = LIST_SEPARATORS
#: What a deal is (its amount, phase, dates, outcome): a file of opportunity rows giving
#: none of them lists the people of deals (:func:`contacts_only`).
DEAL_FACTS: tuple[str, ...] = (
    "amount", "stage", "probability", "created_at", "close_date", "is_won", "is_closed",
)  # fmt: skip


def _ids(frame: pd.DataFrame) -> pd.Series:
    if "opportunity_id" not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    ids = frame["opportunity_id"].astype("string").str.strip()
    return ids.mask(ids == "")


def _deal_columns(frame: pd.DataFrame) -> list[str]:
    skip = {*PERSON_COLUMNS, *LINEAGE, *DERIVED, "opportunity_id", "buying_role", PRIMARY_COLUMN}
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


def _valued(frame: pd.DataFrame, column: str) -> bool:
    return column in frame.columns and bool(frame[column].notna().any())


def contacts_only(frame: pd.DataFrame) -> bool:
    """Whether an opportunity file lists the people of deals and nothing of the deals.

    Salesforce's 「商談取引先責任者の役割」 (opportunity contact roles) report, exported on its
    own: a deal (its id, or its name and account) and a contact per row, no amount, phase,
    date or outcome. Read as deals, each row would be a deal of its own — QA-M: 1,245 rows
    beside a 500-deal report doubled every account's deal count and left the dated deals
    linked to no person.

    Parameters
    ----------
    frame : pandas.DataFrame
        One file's canonical opportunities, as mapped (before outcomes are derived).

    Returns
    -------
    bool
    """
    person = any(_valued(frame, c) for c in PERSON_COLUMNS)
    deal = _valued(frame, "opportunity_id") or _valued(frame, "opportunity_name")
    return person and deal and not any(_valued(frame, c) for c in DEAL_FACTS)


#: The share of a report's deals another file must list for it to be read as the people
#: of those deals (:func:`lists_their_people`).
SAME_DEALS = 0.8


def lists_their_people(frame: pd.DataFrame, deals: pd.DataFrame) -> bool:
    """Whether an opportunity report repeats ``deals`` (another file's) once per contact.

    Salesforce's 「商談と取引先責任者の役割」 report type usually carries the phase, amount
    and close date too (review): without an id, a deal on as many rows as it has
    contacts, and most of its deals — by deal and account name — in the deals' report.
    A file with a row per deal (a later export of the same deals) is not one.

    Parameters
    ----------
    frame : pandas.DataFrame
        One file's canonical opportunities, as mapped.
    deals : pandas.DataFrame
        The other opportunity files' rows.

    Returns
    -------
    bool
    """
    if _valued(frame, "opportunity_id") or not _valued(frame, "opportunity_name"):
        return False
    if not any(_valued(frame, c) for c in PERSON_COLUMNS) or not len(deals):
        return False
    if not frame["opportunity_name"].dropna().duplicated().any():
        return False
    by = [c for c in ("opportunity_name", "company") if c in frame.columns]
    distinct = frame.drop_duplicates(subset=by).reset_index(drop=True)
    return bool((_match(deals.reset_index(drop=True), distinct) >= 0).mean() >= SAME_DEALS)


def _key(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column's text compared loosely: width, case and spaces aside."""
    text = frame[column].astype("string").str.normalize("NFKC").str.casefold()
    text = text.str.replace(r"\s+", "", regex=True)
    return text.mask(text == "")


def _match(deals: pd.DataFrame, contacts: pd.DataFrame) -> np.ndarray:
    """Each contact row's deal (its position in ``deals``), ``-1`` when none or several.

    By the deal id where both files give one; else by the deal's name and, where both
    give it, its account's name — a name two deals share (of one account, or of any when
    the contacts give no account) finds neither.
    """
    out = np.full(len(contacts), -1, dtype=np.int64)
    if _valued(deals, "opportunity_id") and _valued(contacts, "opportunity_id"):
        ids = _ids(deals)
        unique = ids[~ids.duplicated(keep=False) & ids.notna()]
        where = pd.Series(np.arange(len(deals))[unique.index], index=unique.to_numpy())
        found = _ids(contacts).map(where)
        out = found.fillna(-1).to_numpy(dtype=np.int64)
    todo = out < 0
    if not todo.any() or not (
        _valued(deals, "opportunity_name") and _valued(contacts, "opportunity_name")
    ):
        return out
    by = ["opportunity_name"]
    if _valued(deals, "company") and _valued(contacts, "company"):
        by.append("company")
    left = pd.DataFrame({c: _key(deals, c).to_numpy() for c in by})
    left["at"] = np.arange(len(deals))
    left = left.dropna(subset=["opportunity_name"])
    left = left[~left.duplicated(subset=by, keep=False)]
    right = pd.DataFrame({c: _key(contacts, c).to_numpy() for c in by})
    right["row"] = np.arange(len(contacts))
    hit = right[todo].merge(left, on=by, how="inner")
    out[hit["row"].to_numpy(dtype=np.int64)] = hit["at"].to_numpy(dtype=np.int64)
    return out


def _person_keys(values: pd.Series, column: str) -> pd.Series:
    """A person cell compared as linking compares it: an address by its e-mail key, a name
    by its name key, an id trimmed."""
    text = values.astype("string").str.strip()
    if column == "email":
        return email_key(text).astype("string")
    if column == "contact_name":
        return name_key(text).astype("string")
    return text


def _own_rows(deals: pd.DataFrame, contacts: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """bool per contact row (aligned with ``rows``, its deal's position): it names the
    deal's own contact (the same id, e-mail or name as one the deal's row lists)."""
    out = np.zeros(len(contacts), dtype=bool)
    for c in PERSON_COLUMNS:
        if c not in deals.columns or not _valued(contacts, c):
            continue
        at, items = list_items(deals[c], _SPLIT)
        if not len(at):
            continue
        keys = _person_keys(pd.Series(items, dtype="string"), c)
        known = keys.notna().to_numpy(dtype=bool)
        own = pd.MultiIndex.from_arrays([at[known], keys[known].to_numpy(dtype=object)])
        keys = _person_keys(contacts[c], c)
        theirs = pd.MultiIndex.from_arrays([rows, keys.fillna("").to_numpy(dtype=object)])
        out |= theirs.isin(own) & keys.notna().to_numpy(dtype=bool)
    return out


def _primary_rows(deals: pd.DataFrame, contacts: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """bool per contact row: the primary contact (:data:`PRIMARY_COLUMN`, its first row) of a
    deal whose own row names nobody — that one person stands for the deal's contact."""
    out = np.zeros(len(contacts), dtype=bool)
    if PRIMARY_COLUMN not in contacts.columns:
        return out
    nobody = np.ones(len(deals), dtype=bool)
    for c in PERSON_COLUMNS:
        if c in deals.columns:
            nobody &= (deals[c].astype("string").str.strip().fillna("") == "").to_numpy(bool)
    flag = contacts[PRIMARY_COLUMN].astype("boolean").fillna(False).to_numpy(dtype=bool)
    cand = np.flatnonzero(flag & nobody[rows])
    out[cand[~pd.Series(rows[cand]).duplicated().to_numpy(dtype=bool)]] = True
    return out


def attach_contacts(deals: pd.DataFrame, contacts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Add the people a contact-role file lists (:func:`contacts_only`) to their deals.

    Every contact joins its deal's person lists (the deal's people, its buying committee),
    but a deal reaches a lead in the lead-level funnel only through its own contact — the
    lead that became the deal —, not through each member of its committee. So the contacts
    that are neither the deal's own contact (the same id, e-mail or name as its row gives)
    nor, for a deal whose row names nobody, its primary contact (:data:`PRIMARY_COLUMN`,
    Salesforce's 主担当 / Primary; then that person stands for the deal's contact) are
    also written to :data:`COMMITTEE_COLUMNS` (:func:`abm.pipeline.links.committee_ids`).

    Parameters
    ----------
    deals : pandas.DataFrame
        Canonical opportunities, one row per deal (not modified).
    contacts : pandas.DataFrame
        A contact-role file's canonical rows.

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray)
        ``deals`` with each deal's person columns listing its own contact first (or its
        primary contact, where it names nobody), then the file's others, ``;``-separated
        (what :mod:`abm.pipeline.links` links to each person), the committee columns
        listing those others; and per contact row whether it found its deal (one deal only:
        by id, else by deal and account name).
    """
    at = _match(deals, contacts)
    found = at >= 0
    if not found.any():
        return deals, found
    out = deals.copy()
    take = np.flatnonzero(found)
    rows = at[found]
    mine = contacts.iloc[take].reset_index(drop=True)
    primary = _primary_rows(deals, mine, rows)
    order = np.r_[np.flatnonzero(primary), np.flatnonzero(~primary)]  # the stand-in first
    mine, rows, primary = mine.iloc[order].reset_index(drop=True), rows[order], primary[order]
    committee = ~primary & ~_own_rows(deals, mine, rows)
    for c in PERSON_COLUMNS:
        if not _valued(mine, c):
            continue
        own_at, own = (
            list_items(deals[c], _SPLIT) if c in deals.columns else (np.zeros(0, np.int64), [])
        )
        more_at, more = list_items(mine[c], _SPLIT)
        listed = join_lists(
            np.concatenate([own_at, rows[more_at]]),
            np.concatenate([np.asarray(own, dtype=object), np.asarray(more, dtype=object)]),
        )
        col = (
            deals[c].astype("string")
            if c in deals.columns
            else pd.Series(pd.NA, index=deals.index, dtype="string")
        ).to_numpy(dtype=object)
        col[listed.index.to_numpy(dtype=np.int64)] = listed.to_numpy(dtype=object)
        out[c] = pd.array(col, dtype="string")
        side = committee[more_at]
        listed = join_lists(rows[more_at][side], np.asarray(more, dtype=object)[side])
        col = np.full(len(deals), pd.NA, dtype=object)
        col[listed.index.to_numpy(dtype=np.int64)] = listed.to_numpy(dtype=object)
        out[COMMITTEE_COLUMNS[c]] = pd.array(col, dtype="string")
    return out, found
