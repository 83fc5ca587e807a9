"""The role a CRM records for a person on a deal, carried to that person (``buying_role``).

Salesforce's 「商談取引先責任者の役割」 report lists a deal's contacts with each one's role
(役割 / Role: 意思決定者, 経済的決定者, 評価者…). :mod:`abm.ingest.deals` adds its people
to their deals; the role is the person's, not the deal's, so it goes to the lead the row
names — found as a deal's rows find their people at load: by ``lead_id`` (Salesforce 15/18
ids alike), else e-mail, else contact name and company (the same name key and company key
名寄せ uses; a name two people of one company share finds neither). A person named on
several deals, or a lead whose own export already records a role (HubSpot's Buying
Role), keeps every distinct value, ``;``-separated: the union. A row that names no loaded
person changes nothing and is counted in its file's report.

Every opportunity file's rows that carry a role are read so, whatever else the file is (a
contact-role report beside the deals', or the deals' own report written a row per
contact); the role column then leaves the deals (:func:`carry_roles`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.buying_roles import BUYING_ROLE_SEPARATORS, read_buying_roles
from abm.core.keys import (
    company_key,
    join_lists,
    lead_positions,
    list_items,
    name_key,
    person_name_keys,
)

__all__ = ["ROLE_COLUMN", "carry_roles", "person_roles", "unknown_roles"]

#: The canonical column of a CRM's buying role (leads and opportunities alike).
ROLE_COLUMN = "buying_role"


def _valued(frame: pd.DataFrame, column: str) -> bool:
    return column in frame.columns and bool(frame[column].notna().any())


def _by_name(leads: pd.DataFrame, rows: pd.DataFrame) -> np.ndarray:
    """Each row's person by contact name within its company (``-1``: none, or two people)."""
    out = np.full(len(rows), -1, dtype=np.int64)
    if not (_valued(rows, "contact_name") and _valued(rows, "company")):
        return out
    if "company" not in leads.columns:
        return out
    keys = person_name_keys(leads)
    if not keys:
        return out
    company = company_key(leads["company"]).to_numpy(dtype=object)
    n = len(leads)
    table = pd.DataFrame(
        {
            "company": np.tile(company, len(keys)),
            "name": np.concatenate([k.to_numpy(dtype=object) for k in keys]),
            "at": np.tile(np.arange(n, dtype=np.int64), len(keys)),
        }
    ).dropna()
    table = table.drop_duplicates()
    table = table[~table.duplicated(subset=["company", "name"], keep=False)]  # namesakes
    wanted = pd.DataFrame(
        {
            "company": company_key(rows["company"]).to_numpy(dtype=object),
            "name": name_key(rows["contact_name"]).to_numpy(dtype=object),
            "row": np.arange(len(rows), dtype=np.int64),
        }
    ).dropna()
    hit = wanted.merge(table, on=["company", "name"], how="inner")
    out[hit["row"].to_numpy(dtype=np.int64)] = hit["at"].to_numpy(dtype=np.int64)
    return out


def person_roles(frame: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    """Each role row's person: its position in ``leads``, ``-1`` when none is found.

    Parameters
    ----------
    frame : pandas.DataFrame
        Canonical opportunity rows (``lead_id``, ``email``, ``contact_name``, ``company``;
        any may be absent).
    leads : pandas.DataFrame
        The loaded leads.

    Returns
    -------
    numpy.ndarray
        ``int64`` positions: by id, else e-mail, else contact name and company.
    """
    rows = frame.reset_index(drop=True)
    pos = lead_positions(rows, leads) if len(leads) else np.full(len(rows), -1, np.int64)
    todo = np.flatnonzero(pos < 0)
    if len(todo):
        found = _by_name(leads, rows.iloc[todo].reset_index(drop=True))
        pos[todo] = found
    return pos


def carry_roles(
    leads: pd.DataFrame, frame: pd.DataFrame
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Give each role an opportunity file records (``buying_role``) to the person it names.

    Parameters
    ----------
    leads : pandas.DataFrame
        The loaded leads (not modified).
    frame : pandas.DataFrame
        One opportunity file's canonical rows, one contact per row.

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray, numpy.ndarray)
        ``leads`` with ``buying_role`` listing its own values, then the file's, distinct,
        ``;``-separated; per row of ``frame`` whether it holds a role, and whether that
        role found its person.
    """
    n = len(frame)
    if not _valued(frame, ROLE_COLUMN):
        return leads, np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    roles = frame[ROLE_COLUMN].astype("string").str.strip().reset_index(drop=True)
    held = (roles.notna() & (roles != "")).to_numpy(dtype=bool)
    pos = np.full(n, -1, dtype=np.int64)
    if held.any() and len(leads):
        pos[held] = person_roles(frame.iloc[np.flatnonzero(held)], leads)
    found = held & (pos >= 0)
    if not found.any():
        return leads, held, found
    # only the people a role reaches are read, split and written: at 1M leads the rest of
    # the column is left as it is (its cells are never split or rewritten)
    targets = pos[found]
    people = np.unique(targets)
    own = leads[ROLE_COLUMN].astype("string") if ROLE_COLUMN in leads.columns else None
    had = (
        own.iloc[people].reset_index(drop=True)
        if own is not None
        else pd.Series(pd.NA, index=pd.RangeIndex(len(people)), dtype="string")
    )
    own_at, own_items = list_items(had, BUYING_ROLE_SEPARATORS)  # positions in ``people``
    more_at, more_items = list_items(roles[found], BUYING_ROLE_SEPARATORS)
    slot = np.searchsorted(people, targets)  # each found row's person, in ``people``
    listed = join_lists(
        np.concatenate([own_at, slot[more_at]]),
        np.concatenate([np.asarray(own_items, dtype=object), np.asarray(more_items, dtype=object)]),
    )
    col = (
        own.array.copy()
        if own is not None
        else pd.array(np.full(len(leads), None, dtype=object), dtype="string")
    )
    col[people[listed.index.to_numpy(dtype=np.int64)]] = listed.to_numpy(dtype=object)
    return leads.assign(**{ROLE_COLUMN: col}), held, found


def unknown_roles(frame: pd.DataFrame) -> np.ndarray:
    """Per row, whether its ``buying_role`` holds a value the vocabulary does not know (it
    fills no committee role: :func:`abm.core.buying_roles.read_buying_roles`)."""
    if not _valued(frame, ROLE_COLUMN):
        return np.zeros(len(frame), dtype=bool)
    return read_buying_roles(frame[ROLE_COLUMN])[1]
