"""Person de-duplication: the same email address is one person, and so is one CRM record.

Emails are compared after NFKC, trimming and lower-casing. Rows of the same
lead/contact id (a CRM's record id, found in two overlapping exports) with the
same name are one person too, e-mail or not: a contact without an e-mail listed
in last month's and this month's report is one person, not two. An id alone is
not enough (two tools may both number their records from 1). A converted
Salesforce lead is one person with the contact it became: its
``converted_contact_id`` (``ConvertedContactId``) names that contact's
``lead_id``, whatever the e-mail or name say now (a contact's address is often
updated after conversion). Ids are compared in their 15-character form (an
18-character id's last three characters only encode the letter case of the
first fifteen). A converted lead whose contact is not loaded stays a person.
Other rows without a usable email are never merged (each is its own person).

Survivorship rule
-----------------
The surviving row of a person is its **latest row by ``created_at``** (ties
and missing dates: the later row in input order); a converted lead never
survives the contact it became (the contact is the live record), and its
values only fill what the contact's rows leave empty. The person's record takes,
for every column, the **latest non-empty value by ``created_at``** (so a
phone number entered once is never lost to a later blank); flags
``unsubscribed`` and ``bounced`` are True if **any** row says so (an opt-out
must never be forgotten); ``created_at`` itself is the **earliest** date (the
person came in when first seen: a campaign-member or later export of the same
person must not move them into a later cohort). Merged rows keep all their activities: activities
are keyed by email, which the person keeps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.resolve.normalise import normalise_email

__all__ = ["SURVIVORSHIP_RULE", "dedupe_persons", "merge_persons"]

#: The survivorship rule in one line (shown in the UI).
SURVIVORSHIP_RULE = (
    "latest row by created_at survives (a contact over the lead converted into it); "
    "each field takes the latest non-empty value; "
    "created_at is the earliest; unsubscribed/bounced are true if any row says so"
)

_ANY_FLAGS = ("unsubscribed", "bounced")


def _order(leads: pd.DataFrame, converted: np.ndarray | None = None) -> np.ndarray:
    """Positions sorted oldest → newest (missing dates first, input order on ties); the
    ``converted`` leads whose contact is loaded before every other row."""
    pos = np.arange(len(leads))
    if converted is None:
        converted = np.zeros(len(leads), dtype=bool)
    if "created_at" not in leads.columns:
        return np.lexsort((pos, ~converted))
    ts = pd.to_datetime(leads["created_at"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    key = np.where(np.isnat(ts), np.iinfo(np.int64).min, ts.view(np.int64))
    return np.lexsort((pos, key, ~converted))


def _id15(ids: pd.Series) -> pd.Series:
    """Record ids compared in their 15-character form: an 18-character ASCII alphanumeric
    id (a Salesforce case-safe id) loses its 3-character case checksum."""
    s = ids.astype("string").str.strip()
    long = ((s.str.len() == 18) & s.str.isalnum() & s.str.isascii()).fillna(False)
    return s.where(~long, s.str.slice(0, 15)).mask(s == "")


def _conversions(leads: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """Pairs ``(lead row, contact row)``: a converted lead and the first row of the contact
    its ``converted_contact_id`` names; ``None`` when no lead names a loaded contact."""
    if "converted_contact_id" not in leads.columns or "lead_id" not in leads.columns:
        return None
    named = _id15(leads["converted_contact_id"])
    if not bool(named.notna().any()):
        return None
    ids = _id15(leads["lead_id"]).reset_index(drop=True)
    once = (ids.notna() & ~ids.duplicated(keep="first")).to_numpy(dtype=bool)
    first = pd.Series(np.flatnonzero(once), index=ids[once].to_numpy(), dtype="int64")
    rows = np.flatnonzero(named.notna().to_numpy(dtype=bool))
    found = pd.Series(named.to_numpy(dtype=object)[rows]).map(first)
    target = found.fillna(-1).to_numpy(dtype=np.int64)
    ok = (target >= 0) & (target != rows)
    if not ok.any():
        return None
    return rows[ok], target[ok]


def dedupe_persons(leads: pd.DataFrame) -> pd.DataFrame:
    """Mark duplicate persons.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (``email``, ``lead_id`` and the name columns used when
        present). Not modified.

    Returns
    -------
    pandas.DataFrame
        Same rows and index plus ``person_id`` (``p`` + position of the
        surviving row), ``is_survivor`` (bool), ``merged_into`` (index
        label of the surviving row as text; NA on survivors) and ``merged_by``
        (NA on survivors): ``"converted_lead"`` for a converted lead merged into
        the contact it became, else ``"email"`` when the row shares its e-mail
        with another row of the person, else ``"record_id"`` (the same lead id
        and name).
    """
    n = len(leads)
    email = (
        normalise_email(leads["email"].astype("string"))
        if "email" in leads.columns
        else pd.Series(pd.NA, index=leads.index, dtype="string")
    )
    mail = pd.factorize(email)[0]  # -1: no usable address
    codes = np.where(mail < 0, mail.max(initial=-1) + 1 + np.arange(n), mail)
    by_record = _same_record(leads)
    pairs = _conversions(leads)
    if by_record is not None or pairs is not None:
        codes = _joined(codes, by_record, pairs)
    converted = np.zeros(n, dtype=bool)
    if pairs is not None:
        converted[pairs[0]] = True
    order = _order(leads, converted)
    last = np.empty(int(codes.max(initial=-1)) + 1, dtype=np.int64)
    last[codes[order]] = order  # later assignments win: newest row per person
    surv = last[codes]
    out = leads.copy()
    out["person_id"] = pd.array([f"p{i}" for i in surv], dtype="string")
    is_surv = surv == np.arange(n)
    out["is_survivor"] = is_surv
    labels = leads.index.astype(str).to_numpy()[surv]
    out["merged_into"] = pd.array(np.where(is_surv, None, labels), dtype="string")
    # what joined the row: its conversion, else an address another row of the person has
    seen = np.bincount(mail[mail >= 0], minlength=int(mail.max(initial=-1)) + 1)
    shared = (mail >= 0) & (np.append(seen, 0)[mail] > 1)  # -1 reads the appended 0
    why = np.where(converted, "converted_lead", np.where(shared, "email", "record_id"))
    rule = np.where(is_surv, None, why)
    out["merged_by"] = pd.array(rule, dtype="string")
    return out


def _name_key(leads: pd.DataFrame, rows: np.ndarray) -> pd.Series:
    """A person's name at ``rows`` compared loosely (NFKC, no spaces, case-folded)."""
    cols = [c for c in ("full_name", "last_name", "first_name") if c in leads.columns]
    part = leads[cols].iloc[rows]
    if "full_name" in part.columns:
        name = part["full_name"].astype("string")
    else:
        name = pd.Series(pd.NA, index=part.index, dtype="string")
    if "last_name" in part.columns:
        both = part["last_name"].astype("string").fillna("") + (
            part["first_name"].astype("string").fillna("") if "first_name" in part.columns else ""
        )
        name = name.fillna(both.mask(both == ""))
    # spaces of either width (NFKC turns U+3000 into a plain space); no \\s, so RE2 runs it
    name = name.str.normalize("NFKC").str.replace(" ", "", regex=False).str.casefold()
    return name.mask(name == "")


def _same_record(leads: pd.DataFrame) -> np.ndarray | None:
    """A code per row, equal for rows of one lead/contact id and one name (-1: none);
    ``None`` when no id is listed twice (the usual case: nothing to join)."""
    if "lead_id" not in leads.columns:
        return None
    ids = leads["lead_id"].astype("string").str.strip()
    twice = ids.notna().to_numpy() & ids.duplicated(keep=False).to_numpy()
    if not twice.any():
        return None
    rows = np.flatnonzero(twice)
    name = _name_key(leads, rows)
    key = ids.iloc[rows].to_numpy(dtype=object) + "\x1f" + name.fillna("").to_numpy(dtype=object)
    code = np.full(len(leads), -1, dtype=np.int64)
    code[rows] = np.where(name.notna().to_numpy(), pd.factorize(key)[0], -1)
    return code


def _joined(
    codes: np.ndarray,
    other: np.ndarray | None,
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Person codes where rows equal by ``codes`` or by ``other`` (≥ 0), or the two rows of
    a pair, are one person."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(codes)
    rows = np.arange(n)
    firsts = [] if pairs is None else [pairs]
    for key in (codes, other):
        if key is None:
            continue
        ok = key >= 0
        first = np.full(int(key.max(initial=-1)) + 1, -1, dtype=np.int64)
        first[key[ok][::-1]] = rows[ok][::-1]  # the first row of each key
        firsts.append((rows[ok], first[key[ok]]))
    r = np.concatenate([a for a, _ in firsts])
    c = np.concatenate([b for _, b in firsts])
    graph = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def merge_persons(leads: pd.DataFrame) -> pd.DataFrame:
    """Return one row per person with survivorship applied.

    Parameters
    ----------
    leads : pandas.DataFrame
        Output of :func:`dedupe_persons` (or raw leads: it is applied first).

    Returns
    -------
    pandas.DataFrame
        Survivor rows (their index), each column filled with the person's
        latest non-empty value, plus ``merged_rows`` (rows folded in,
        including the survivor).
    """
    marked = leads if "person_id" in leads.columns else dedupe_persons(leads)
    # a converted lead's values only fill gaps (dedupe_persons said which rows are)
    converted = (marked["merged_by"] == "converted_lead").fillna(False).to_numpy(dtype=bool)
    order = _order(marked, converted)
    ordered = marked.iloc[order]
    data_cols = [
        c
        for c in marked.columns
        if c not in ("person_id", "is_survivor", "merged_into", "merged_by")
    ]
    dup = marked["person_id"].duplicated(keep=False)
    if not bool(dup.any()):
        return marked[marked["is_survivor"]].assign(merged_rows=1)
    # Only persons with duplicates need the (slower) group-wise fill.
    grp = ordered[dup.iloc[order].to_numpy()]
    filled = grp.groupby("person_id", sort=False)[data_cols].last()
    for flag in _ANY_FLAGS:
        if flag in data_cols:
            filled[flag] = grp.groupby("person_id", sort=False)[flag].any().astype("boolean")
    if "created_at" in data_cols:  # the person came in when first seen, not when last exported
        filled["created_at"] = grp.groupby("person_id", sort=False)["created_at"].min()
    surv = marked[marked["is_survivor"]]
    out = surv.copy()
    multi = surv["person_id"].isin(filled.index).to_numpy()
    upd = filled.reindex(surv["person_id"][multi].to_numpy())
    upd.index = surv.index[multi]
    for col in data_cols:
        out.loc[multi, col] = upd[col].astype(out[col].dtype)
    sizes = marked["person_id"].value_counts()
    out["merged_rows"] = surv["person_id"].map(sizes).astype("int64").to_numpy()
    return out
