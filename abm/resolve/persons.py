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
A row without a usable e-mail (a business card, a phone inquiry) is the person
of the same full name at the same company (NFKC, spaces and case ignored; the
company by 名寄せ's exact key, so ``㈱`` = ``株式会社``) when at most one person
with an e-mail has that name there — two such people with different addresses
leave it alone (which one it is cannot be told). A name without a company, or a
company without a name, is never enough.

Survivorship rule
-----------------
The surviving row of a person is its **latest row by ``created_at``** (ties
and missing dates: the later row in input order); a converted lead never
survives the contact it became (the contact is the live record), and its
values only fill what the contact's rows leave empty. The person's record takes,
for every column, the **latest non-empty value by ``created_at``** (so a
phone number entered once is never lost to a later blank); flags
``unsubscribed`` and ``bounced`` are True if **any** row says so (an opt-out
must never be forgotten); ``buying_role`` lists **every** distinct role the rows record
(a CRM's roles are all true at once: a HubSpot contact's Buying Role and the Salesforce
contact's roles on its deals); ``created_at`` itself is the **earliest** date (the
person came in when first seen: a campaign-member or later export of the same
person must not move them into a later cohort), and so is each stage date
(``mql_at``, ``sql_at`` … :data:`abm.schema.STAGE_DATE_COLUMNS`: the day the person
first got there). The stage columns ``current_stage`` and ``lead_status`` each take
the value the funnel ranks **highest** (the stage vocabulary's generic stage,
:func:`abm.funnel.stagemap.suggest_value`, on the ladder
:data:`abm.funnel.models.GENERIC_STAGES`): the funnel counts how far a person got, so
a customer exported again as a subscriber stays a customer, and an opportunity later
recycled to a lead stays an opportunity. A value the vocabulary does not place, or
that names only a detour (recycled, disqualified), ranks with the first stage (every
lead reached it); ties take the latest value as above (商談 then 失注: 失注).
Merged rows keep all their activities: activities are keyed by email, which the
person keeps.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.arrow import arrow_strings, strings
from abm.core.buying_roles import BUYING_ROLE_SEPARATORS
from abm.core.keys import company_key, join_lists, list_items
from abm.core.text import normalise_value
from abm.resolve.normalise import normalise_email
from abm.schema import STAGE_DATE_COLUMNS

__all__ = ["SURVIVORSHIP_RULE", "dedupe_persons", "merge_persons"]

#: The survivorship rule in one line (shown in the UI).
SURVIVORSHIP_RULE = (
    "latest row by created_at survives (a contact over the lead converted into it); "
    "each field takes the latest non-empty value; "
    "current_stage/lead_status take the highest stage reached; "
    "created_at and stage dates are the earliest; unsubscribed/bounced are true if any row says so"
)

_ANY_FLAGS = ("unsubscribed", "bounced")
#: Stage columns: the person keeps the one the funnel ranks highest.
_STAGE_COLUMNS = ("current_stage", "lead_status")
#: Date columns: the person keeps the earliest (when first seen, first at a stage).
_EARLIEST_COLUMNS = ("created_at", *STAGE_DATE_COLUMNS)
_MISSING = np.iinfo(np.int64).min  # rank of a missing value: never chosen over a value


def _order(leads: pd.DataFrame, converted: np.ndarray | None = None) -> np.ndarray:
    """Positions sorted oldest → newest (missing dates first, input order on ties); the
    ``converted`` leads whose contact is loaded before every other row."""
    pos = np.arange(len(leads))
    if converted is None:
        converted = np.zeros(len(leads), dtype=bool)
    if "created_at" not in leads.columns:
        return np.lexsort((pos, ~converted))
    return np.lexsort((pos, _date_key(leads["created_at"]), ~converted))


def _date_key(values: pd.Series) -> np.ndarray:
    """Each value as int64 nanoseconds (text parsed), :data:`_MISSING` where none."""
    ts = pd.to_datetime(values, errors="coerce").to_numpy(dtype="datetime64[ns]")
    return np.where(np.isnat(ts), _MISSING, ts.view(np.int64))


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


def dedupe_persons(
    leads: pd.DataFrame, *, company_keys: Callable[[pd.Series], pd.Series] | None = None
) -> pd.DataFrame:
    """Mark duplicate persons.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (``email``, ``lead_id`` and the name columns used when
        present). Not modified.
    company_keys : callable, optional
        The company key of some names (default :func:`abm.core.keys.company_key`), asked
        only for the rows the name rule needs: the cleaning passes one that keeps the
        names' analysis for its later steps.

    Returns
    -------
    pandas.DataFrame
        Same rows and index plus ``person_id`` (``p`` + position of the
        surviving row), ``is_survivor`` (bool), ``merged_into`` (index
        label of the surviving row as text; NA on survivors) and ``merged_by``
        (NA on survivors): ``"converted_lead"`` for a converted lead merged into
        the contact it became, else ``"email"`` when the row shares its e-mail
        with another row of the person, else ``"record_id"`` (the same lead id
        and name), else ``"name_company"`` (no e-mail: the same full name at the same
        company).
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
    by_name = _same_name_at_company(leads, mail, company_keys or company_key)
    pairs = _conversions(leads)
    if by_record is not None or by_name is not None or pairs is not None:
        codes = _joined(codes, (by_record, by_name), pairs)
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
    shared = _in_group(mail, n)
    why = np.where(shared, "email", np.where(_in_group(by_name, n), "name_company", "record_id"))
    why = np.where(converted, "converted_lead", why)
    rule = np.where(is_surv, None, why)
    out["merged_by"] = pd.array(rule, dtype="string")
    return out


def _name_key(leads: pd.DataFrame, rows: np.ndarray | None = None) -> pd.Series:
    """A person's name at ``rows`` (all rows when None) compared loosely: NFKC, no spaces of
    either width, lower case; ``NA`` when empty. The full name, else last + first name.
    Arrow kernels (a million names in a fraction of a second)."""
    cols = [c for c in ("full_name", "last_name", "first_name") if c in leads.columns]
    part = leads[cols] if rows is None else leads[cols].iloc[rows]
    n = len(part)
    name = pa.nulls(n, pa.large_string())
    if "full_name" in part.columns:
        name = _typed(arrow_strings(part["full_name"]))
    if "last_name" in part.columns:
        last = pc.fill_null(arrow_strings(part["last_name"]), "")
        first = (
            pc.fill_null(arrow_strings(part["first_name"]), "")
            if "first_name" in part.columns
            else pa.array([""] * n, pa.large_string())
        )
        sep = pa.scalar("", pa.large_string())
        both = pc.binary_join_element_wise(
            last.cast(pa.large_string()), first.cast(pa.large_string()), sep
        )
        name = pc.coalesce(name.cast(pa.large_string()), _typed(both).cast(pa.large_string()))
    # spaces of either width (NFKC turns U+3000 into a plain space)
    name = pc.utf8_lower(pc.replace_substring(pc.utf8_normalize(name, "NFKC"), " ", ""))
    return strings(_typed(name), part.index)


def _full_name_key(leads: pd.DataFrame) -> pd.Series:
    """:func:`_name_key` where the name is a full one — a last and a first name, or a full
    name written in two parts (``山田 太郎``) — else ``NA``: a surname alone (Salesforce
    requires no first name) is not enough to call two rows one person."""
    key = _name_key(leads)
    both = np.zeros(len(leads), dtype=bool)
    if {"last_name", "first_name"} <= set(leads.columns):
        both = (
            _typed(pc.utf8_trim_whitespace(arrow_strings(leads["last_name"]))).is_valid()
            .to_numpy(zero_copy_only=False)
            & _typed(pc.utf8_trim_whitespace(arrow_strings(leads["first_name"]))).is_valid()
            .to_numpy(zero_copy_only=False)
        )  # fmt: skip
    if "full_name" in leads.columns:
        full = pc.utf8_trim_whitespace(pc.utf8_normalize(arrow_strings(leads["full_name"]), "NFKC"))
        parts = pc.fill_null(pc.match_substring_regex(full, r"\S\s+\S"), False)
        both |= parts.to_numpy(zero_copy_only=False)
    return key.where(both, pd.NA)


def _typed(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Empty text as missing."""
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)


def _in_group(code: np.ndarray | None, n: int) -> np.ndarray:
    """Whether each of ``n`` rows shares its code (``>= 0``) with another row (all false for
    None)."""
    if code is None:
        return np.zeros(n, dtype=bool)
    ok = code >= 0
    seen = np.bincount(code[ok], minlength=int(code.max(initial=-1)) + 1)
    return ok & (np.append(seen, 0)[code] > 1)


def _same_name_at_company(
    leads: pd.DataFrame, mail: np.ndarray, company_keys: Callable[[pd.Series], pd.Series]
) -> np.ndarray | None:
    """A code per row, equal for rows of one full name at one company that hold at most one
    e-mail person (``mail``: each row's address code, ``-1`` none), ``-1`` elsewhere;
    ``None`` when no row without an e-mail has both (the usual case: nothing to join).

    Only the names of rows without an e-mail are looked for among the others, and only the
    rows whose name is one of them are given a company key.
    """
    if "company" not in leads.columns or mail.min(initial=0) >= 0:
        return None
    names = _full_name_key(leads)
    has = names.notna().to_numpy(dtype=bool) & leads["company"].notna().to_numpy(dtype=bool)
    bare = has & (mail < 0)
    if not bare.any():
        return None
    wanted = pa.array(names.to_numpy(dtype=object)[bare], pa.large_string())
    rows = np.flatnonzero(has & pc.is_in(arrow_strings(names), value_set=wanted)
                          .to_numpy(zero_copy_only=False))  # fmt: skip
    company = company_keys(leads["company"].iloc[rows]).to_numpy(dtype=object)
    known = pd.notna(company)
    rows, company = rows[known], company[known]
    if not len(rows):
        return None
    key = names.to_numpy(dtype=object)[rows] + "\x1f" + company
    group = pd.factorize(key)[0]
    people = pd.DataFrame({"group": group, "mail": mail[rows]})
    # e-mail people per group: two different addresses of one name leave the group alone
    mails = people[people["mail"] >= 0].drop_duplicates()["group"].value_counts()
    size = np.bincount(group)
    ok = (size[group] > 1) & ~np.isin(group, mails.index[mails.to_numpy() > 1].to_numpy())
    code = np.full(len(leads), -1, dtype=np.int64)
    code[rows[ok]] = group[ok]
    return code if ok.any() else None


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
    others: tuple[np.ndarray | None, ...],
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Person codes where rows equal by ``codes`` or by one of ``others`` (≥ 0), or the two
    rows of a pair, are one person."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(codes)
    rows = np.arange(n)
    firsts = [] if pairs is None else [pairs]
    for key in (codes, *others):
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
        latest non-empty value — the stage columns with the highest stage, the
        creation and stage dates with the earliest (module docstring) — plus
        ``merged_rows`` (rows folded in, including the survivor).
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
    person = pd.factorize(grp["person_id"])  # codes, persons in first-seen order
    for col in _STAGE_COLUMNS:  # how far the person got, not where the last export left them
        if col in data_cols:
            filled[col] = _best(grp[col], person, _stage_rank(grp[col])).fillna(filled[col])
    for col in _EARLIEST_COLUMNS:  # first seen, first at a stage: not when last exported
        if col in data_cols:
            key = _date_key(grp[col])
            rank = np.where(key == _MISSING, _MISSING, -key)  # earlier ranks higher
            filled[col] = _best(grp[col], person, rank).fillna(filled[col])
    if "buying_role" in data_cols:  # every role the person's records give (a CRM's roles)
        at, items = list_items(grp["buying_role"], BUYING_ROLE_SEPARATORS)
        listed = join_lists(person[0][at], items)
        roles = pd.Series(pd.NA, index=range(len(person[1])), dtype="string")
        roles.iloc[listed.index.to_numpy(dtype=np.int64)] = listed.to_numpy(dtype=object)
        filled["buying_role"] = roles.set_axis(person[1]).reindex(filled.index).to_numpy()
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


def _best(values: pd.Series, person: tuple[np.ndarray, pd.Index], rank: np.ndarray) -> pd.Series:
    """Per person, the value of its highest-ranked row (ties: the later row), indexed by
    person (``person``: each row's code and the persons, :func:`pandas.factorize`); missing
    where all its rows rank :data:`_MISSING`. One sort of all rows, no loop over persons."""
    codes, people = person
    order = np.lexsort((np.arange(len(codes)), rank, codes))  # person, rank, position
    ends = np.flatnonzero(np.append(codes[order][1:] != codes[order][:-1], True))
    best = order[ends]  # each person's last row in that order: best rank, latest on ties
    out = values.iloc[best].set_axis(pd.Index(people[codes[best]], name="person_id"))
    return out.mask(rank[best] == _MISSING)


def _stage_rank(values: pd.Series) -> np.ndarray:
    """Each value's place on the funnel ladder (:data:`abm.funnel.models.GENERIC_STAGES`)
    by the stage vocabulary's own words: a value it does not name (a keyword guess
    included), or a detour alone, ranks with the first stage (every lead reached it); blank and missing values rank :data:`_MISSING`.
    Each distinct value is looked up once."""
    from abm.funnel.models import GENERIC_STAGES  # the funnel sits above resolve
    from abm.funnel.stagemap import suggest_value

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.full(len(uniques) + 1, _MISSING, dtype=np.int64)  # code -1 → last slot
    for i, value in enumerate(uniques):
        if normalise_value(value):
            stage, _, confidence = suggest_value(value)
            # only the vocabulary's own words: a keyword guess ("Not a customer" → won,
            # review) ranks with the first stage, and the newest row decides as before
            table[i] = GENERIC_STAGES.index(stage) if stage and confidence >= 1.0 else 0
    return table[codes]
