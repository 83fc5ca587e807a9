"""Rows to people and accounts: the one linking rule of every page (#13 item 3, #14).

* :func:`link_people` — each activity or opportunity row to a person, first
  rule that finds one: ``id`` (its ``lead_id``; id lists and Salesforce 15/18
  ids understood), ``email`` (:func:`abm.core.keys.email_key`),
  ``name_account`` (``contact_name`` within the row's 名寄せ account: contacts
  without an e-mail), else ``account`` (only its company is known) or
  ``none``, written in ``link_rule``. Before 名寄せ (at load,
  ``resolved=False``) only id and e-mail are tried: a row they do not link
  that carries company evidence is ``pending`` — its name and account are
  looked up by :func:`abm.pipeline.prepare`, once 名寄せ's accounts exist.
  A cell listing several records (HubSpot's associations: ``加藤 美咲;石川 翔太``,
  ``a@x.jp;b@x.jp``) links to the first listed person that is found (a name
  within the row's account), and its company evidence is the first listed
  company; only cells holding a separator take that slower path. An opportunity
  (``every``) also lists in ``contact_ids`` every person its cells name — a deal's
  associated contacts, a contact-role report's rows folded into one deal
  (:mod:`abm.ingest.deals`); there every id and e-mail cell is split and looked up;
* :func:`attach_accounts` — an activity, opportunity or account row's
  ``account_id``: its person's account, else company evidence (corporate
  number, the CRM's account id, a company domain, an unambiguous company
  name, a row of the accounts file), else ``crm:<CRM id>``, else
  ``co:<company>``;
* :func:`link_summary` — rows per rule and file, the rates the data page shows.

What is known about the people is indexed once
(:class:`abm.pipeline.people.PeopleIndex`) and reused for every table; every
step is an Arrow hash lookup.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.arrow import put
from abm.core.keys import (
    LIST_SEPARATORS,
    PERSON_RULES,
    arrow_strings,
    company_account,
    company_key,
    id_positions,
    join_lists,
    lead_positions,
    list_items,
    name_key,
    scatter,
    strings,
)
from abm.dataset import Dataset
from abm.pipeline.people import (
    PeopleIndex,
    Strings,
    company_domains,
    index_people,
    trimmed,
)

__all__ = [
    "LINK_RULES",
    "PERSON_RULES",
    "PeopleIndex",
    "attach_accounts",
    "committee_ids",
    "first_listed",
    "index_people",
    "link_people",
    "link_people_and_rules",
    "link_summary",
    "named_colleagues",
]

#: Values of ``link_rule``, strongest first; ``pending``: not linked by id or e-mail at load,
#: looked up by contact name and company once 名寄せ has run (never left after prepare).
LINK_RULES: tuple[str, ...] = (*PERSON_RULES, "account", "pending", "none")
_RULE_NAMES = pa.array(list(LINK_RULES), type=pa.large_string())
#: Columns :func:`_evidence` and the name step read from a row.
_EVIDENCE_COLUMNS = (
    "email", "domain", "corporate_number", "account_id", "crm_account_id", "company", "contact_name",
)  # fmt: skip
#: Columns that name a company (its account is 名寄せ's to decide).
_COMPANY_COLUMNS = ("company", "corporate_number", "account_id", "crm_account_id")
_CRM_PREFIX = pa.scalar("crm:", pa.large_string())
_NOTHING = pa.scalar("", pa.large_string())
#: Separators of a cell that lists several records; an e-mail list may also be
#: comma-separated (no address holds a comma, a company name may).
_SEPARATORS = LIST_SEPARATORS
_EMAIL_SEPARATORS = "[;；,，、]"
#: Columns whose lists give their first value as company evidence.
_FIRST_LISTED = {
    "email": _EMAIL_SEPARATORS,
    "company": _SEPARATORS,
    "account_id": _SEPARATORS,
    "crm_account_id": _SEPARATORS,
}

Columns = dict[str, Strings]
Step = Callable[[Columns], pa.Array]


def _people(leads: pd.DataFrame | PeopleIndex, accounts: pd.DataFrame | None) -> PeopleIndex:
    return leads if isinstance(leads, PeopleIndex) else index_people(leads, accounts=accounts)


def _series(arr: Strings) -> pd.Series:
    """Arrow strings as a ``string`` Series (for the key functions that take one)."""
    return strings(arr, pd.RangeIndex(len(arr)))


def _flat(arr: Strings) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _taken(arr: Strings, rows: np.ndarray | None) -> Strings:
    # a take across a file's many read chunks costs more than joining them first
    return arr if rows is None else _flat(arr).take(pa.array(rows))


def _listed(values: Strings, separators: str = _SEPARATORS) -> np.ndarray:
    """Whether each cell lists several values (holds a separator): one scan."""
    hit = pc.fill_null(pc.match_substring_regex(values, separators), False)
    return hit.to_numpy(zero_copy_only=False)


def _items(
    values: Strings, rows: np.ndarray, separators: str = _SEPARATORS
) -> tuple[np.ndarray, pa.Array]:
    """The values listed in the cells at ``rows``, in order, trimmed, blanks left out, and
    the row each came from (ascending when ``rows`` is)."""
    cells = _flat(values).take(pa.array(rows))
    lists = pc.split_pattern_regex(cells, separators)
    items = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    parent = rows[pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)]
    keep = pc.fill_null(pc.not_equal(items, ""), False)
    return parent[keep.to_numpy(zero_copy_only=False)], items.filter(keep)


def _first_found(parent: np.ndarray, found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the position its first listed value found (``parent`` ascending, the
    values of one row in list order): the rows that found one, and what they found."""
    hit = found >= 0
    parent, found = parent[hit], found[hit]
    first = np.r_[True, parent[1:] != parent[:-1]] if len(parent) else np.zeros(0, dtype=bool)
    return parent[first], found[first]


def first_listed(values: Strings, separators: str = _SEPARATORS) -> Strings:
    """Each cell's first listed value; a cell without a separator as it is.

    Parameters
    ----------
    values : pyarrow.Array or pyarrow.ChunkedArray
        Text cells (``A社; B社``).
    separators : str
        A regular expression of the separators.

    Returns
    -------
    pyarrow.Array or pyarrow.ChunkedArray
    """
    rows = np.flatnonzero(_listed(values, separators))
    if not len(rows):
        return values
    parent, items = _items(values, rows, separators)
    at, first = _first_found(parent, np.arange(len(items)))  # every item is "found"
    flat = _flat(values)
    return put(flat, items.take(pa.array(first)).cast(flat.type), at)


def _columns(
    frame: pd.DataFrame,
    rows: np.ndarray | None,
    names: tuple[str, ...] = _EVIDENCE_COLUMNS,
    *,
    first: bool = True,
) -> Columns:
    """Columns ``names`` of ``frame`` (those it has) as Arrow strings, for ``rows`` (all when
    None); with ``first``, a list of companies (or of addresses, for their domain) as its
    first one."""
    out = {}
    for c in names:
        if c in frame.columns:
            values = _taken(arrow_strings(frame[c]), rows)
            listed = first and c in _FIRST_LISTED
            out[c] = first_listed(values, _FIRST_LISTED[c]) if listed else values
    return out


def _listed_positions(
    values: Strings,
    found: np.ndarray,
    lookup: Callable[[np.ndarray, pa.Array], np.ndarray],
    separators: str = _SEPARATORS,
) -> np.ndarray:
    """``found`` where each missed cell that lists several values takes the first of them
    that ``lookup(rows, values)`` finds (``-1`` where none is found)."""
    miss = np.flatnonzero(found < 0)
    if not len(miss):
        return found
    listed = miss[_listed(_taken(values, miss), separators)]
    if not len(listed):
        return found
    parent, items = _items(values, listed, separators)
    rows, pos = _first_found(parent, lookup(parent, items))
    out = found.copy()
    out[rows] = pos
    return out


def _missing(arr: pa.Array) -> np.ndarray:
    return np.flatnonzero(~pc.is_valid(arr).to_numpy(zero_copy_only=False))


def _evidence_steps(cols: Columns, people: PeopleIndex, crm: str) -> list[Step]:
    """The company-evidence lookups that apply to these columns, strongest first."""
    steps: list[Step] = []
    if "corporate_number" in cols and len(people.by_number):
        steps.append(lambda c: people.by_number.get(trimmed(c["corporate_number"])))
    if crm in cols and len(people.by_crm):
        steps.append(lambda c: people.by_crm.get(trimmed(c[crm])))
    if "email" in cols or "domain" in cols:
        steps.append(lambda c: people.domain_accounts(company_domains(c)))
    if "company" in cols:
        if len(people.by_company) or len(people.by_named) or len(people.file_by_company):

            def by_company(c: Columns) -> pa.Array:
                names = arrow_strings(company_key(_series(c["company"])))
                found = people.by_company.get(names)
                if crm in c:
                    found = pc.coalesce(found, people.file_by_crm.get(trimmed(c[crm])))
                found = pc.coalesce(found, people.file_by_company.get(names))
                if len(people.by_named):  # spelled otherwise, joined by 名寄せ: the weakest
                    found = pc.coalesce(found, people.by_named.get(names))
                return found

            steps.append(by_company)
    elif crm in cols and len(people.file_by_crm):
        steps.append(lambda c: people.file_by_crm.get(trimmed(c[crm])))
    return steps


def _evidence(cols: Columns, n: int, people: PeopleIndex, *, crm: str = "account_id") -> pa.Array:
    """Account of each row from company evidence alone (no person); missing when none.

    A corporate number, the row's CRM account id (a contact of that CRM
    account carries it in ``crm_account_id``), a company domain (e-mail,
    website), then the company name (only a name no two accounts share)
    point at the account of the people that carry it; then the row's CRM id,
    then its company name, at a row of the accounts file. Each step looks at
    the rows the steps before it left without an account; ``n`` the number of rows.
    """
    acc = pa.nulls(n, pa.large_string())
    for step in _evidence_steps(cols, people, crm) if n else ():
        miss = _missing(acc)
        if not len(miss):
            break
        if len(miss) == n:
            acc = pc.coalesce(acc, step(cols))
            continue
        sub = {c: _taken(v, miss) for c, v in cols.items()}
        found = step(sub)
        acc = pc.coalesce(acc, scatter(found, miss, n))
    return acc.combine_chunks() if isinstance(acc, pa.ChunkedArray) else acc


def _waiting(
    frame: pd.DataFrame, rows: np.ndarray, people: PeopleIndex, emails: Strings | None = None
) -> np.ndarray:
    """Which ``rows`` carry evidence 名寄せ can turn into an account: a company, a corporate
    number, a CRM account id, or a company domain one of the people has (no account computed).
    ``emails``: the rows' addresses when already taken from the frame (a million-row log's
    column is not gathered twice)."""
    out = np.zeros(len(rows), dtype=bool)
    part = None if len(rows) == len(frame) else rows
    for values in _columns(frame, part, _COMPANY_COLUMNS, first=False).values():
        typed = pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(values), ""), False)
        out |= typed.to_numpy(zero_copy_only=False)
    rest = np.flatnonzero(~out)
    if len(rest) and ("email" in frame.columns or "domain" in frame.columns):
        if emails is not None and "domain" not in frame.columns:
            cols = {"email": first_listed(_taken(emails, rest), _EMAIL_SEPARATORS)}
        else:
            cols = _columns(frame, rows[rest], ("email", "domain"))
        out[rest] = people.has_domain(company_domains(cols))
    return out


class _Everyone:
    """Every person the person cells of a frame name (``every``: an opportunity with several
    contacts), collected as ``(row, position)`` pairs beside each row's first one found."""

    def __init__(self, every: bool) -> None:
        self.every = every
        self.rows: list[np.ndarray] = []
        self.found: list[np.ndarray] = []

    def add(
        self,
        values: Strings,
        lookup: Callable[[np.ndarray, pa.Array], np.ndarray],
        separators: str = _SEPARATORS,
        rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """The people ``lookup(at, items)`` finds among the values of ``values`` (a cell
        may list several; aligned with ``rows`` of the frame, all rows when None): every
        cell, not only lists — a folded contact-role row may carry one contact's e-mail and
        another's id. Returns each cell's first one found (``-1``: none), as a row's
        person would be looked up alone (empty without ``every``)."""
        if not self.every:  # (an activity log: nothing allocated, nothing read)
            return np.zeros(0, dtype=np.int64)
        first = np.full(len(values), -1, dtype=np.int64)
        listed = np.flatnonzero(pc.is_valid(values).to_numpy(zero_copy_only=False))
        if not len(listed):
            return first
        parent, items = _items(values, listed, separators)
        found = lookup(parent, items)
        hit = found >= 0
        self.rows.append(parent[hit] if rows is None else rows[parent[hit]])
        self.found.append(found[hit])
        at, pos = _first_found(parent, found)
        first[at] = pos
        return first

    def pairs(self, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(row, position)`` of every person found, each row's first one first, a pair
        once; only rows naming at least two people."""
        first = np.flatnonzero(pos >= 0)
        rows = np.concatenate([first, *self.rows]).astype(np.int64)
        found = np.concatenate([pos[first], *self.found]).astype(np.int64)
        pairs = pd.DataFrame({"row": rows, "pos": found}).drop_duplicates()
        pairs = pairs.sort_values("row", kind="stable")
        several = pairs["row"].duplicated(keep=False).to_numpy(dtype=bool)
        return pairs["row"].to_numpy()[several], pairs["pos"].to_numpy()[several]


def _colleagues(
    frame: pd.DataFrame, people: PeopleIndex, pos: np.ndarray, everyone: _Everyone
) -> None:
    """The other people a row linked by id or e-mail names in its contact names, each found
    within the account of the person the row reached: a folded contact-role row holds one
    contact's e-mail and every contact's name — or one contact's id and another's name, in
    no list. A name that is the row's own person adds nobody (:meth:`_Everyone.pairs`)."""
    rows = np.flatnonzero(pos >= 0)
    if not len(rows):
        return
    names = _flat(_taken(arrow_strings(frame["contact_name"]), rows))
    typed = pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(names), ""), False)
    rows, names = rows[typed.to_numpy(zero_copy_only=False)], names.filter(typed)
    if not len(rows):
        return
    acc = _flat(people.account_array).take(pa.array(pos[rows]))
    index = people.names_at(acc)
    if not len(index):
        return

    def within(at: np.ndarray, items: pa.Array) -> np.ndarray:
        return index.find(acc.take(pa.array(at)), arrow_strings(name_key(_series(items))))

    everyone.add(names, within, rows=rows)


def named_colleagues(frame: pd.DataFrame, people: PeopleIndex) -> pd.Series:
    """``contact_ids`` of rows already linked to one of ``people`` (by their ``lead_id``) with
    the other people their ``contact_name`` names, found within that person's account.

    For :func:`abm.pipeline.prepare`: a folded contact-role row linked at load by one
    contact's e-mail names the others only by name, which need 名寄せ's accounts; the id and
    e-mail look-ups are not done again.

    Returns
    -------
    pandas.Series
        ``;``-joined ``lead_id`` per row of ``frame`` (its person first); missing where a row
        names fewer than two people.
    """
    known = people.leads
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "lead_id" not in known.columns or "contact_name" not in frame.columns:
        return out
    pos = id_positions(known["lead_id"], frame["lead_id"])
    everyone = _Everyone(True)
    _colleagues(frame, people, pos, everyone)
    rows, found = everyone.pairs(pos)
    if len(rows):
        listed = join_lists(rows, known["lead_id"].astype("string").to_numpy(dtype=object)[found])
        out.iloc[listed.index.to_numpy()] = listed.to_numpy(dtype=object)
    return out


def _link(
    frame: pd.DataFrame, people: PeopleIndex, *, resolved: bool = True, every: bool = False
) -> tuple[np.ndarray, np.ndarray, _Everyone]:
    """Each row's person (position in the leads, ``-1``) and rule (code into LINK_RULES);
    with ``every``, each person a listed cell names, too."""
    known = people.leads
    n = len(frame)
    rule = np.full(n, LINK_RULES.index("none"), dtype=np.int8)
    pos = np.full(n, -1, dtype=np.int64)
    everyone = _Everyone(every)
    missed = None  # the addresses of the rows no id or e-mail linked, once looked up
    if "lead_id" in frame.columns and "lead_id" in known.columns:
        pos = id_positions(known["lead_id"], frame["lead_id"])
        rule[pos >= 0] = LINK_RULES.index("id")
        everyone.add(
            arrow_strings(frame["lead_id"]),
            lambda _, items: id_positions(known["lead_id"], _series(items)),
        )
    todo = np.flatnonzero(pos < 0)
    if "email" in frame.columns and every:  # every address once; each row's first found
        first = everyone.add(
            arrow_strings(frame["email"]),
            lambda _, items: people.email_positions(items),
            _EMAIL_SEPARATORS,
        )
        found = first[todo]
        pos[todo] = found
        rule[todo[found >= 0]] = LINK_RULES.index("email")
        todo = todo[found < 0]
    elif "email" in frame.columns and len(todo):
        rows = None if len(todo) == n else todo
        raw = _taken(arrow_strings(frame["email"]), rows)
        found = people.email_positions(raw)
        found = _listed_positions(  # a list of addresses: the first address found
            raw, found, lambda _, items: people.email_positions(items), _EMAIL_SEPARATORS
        )
        pos[todo] = found
        rule[todo[found >= 0]] = LINK_RULES.index("email")
        left = found < 0
        todo = todo[left]
        missed = _flat(raw).filter(pa.array(left))  # their addresses, for _waiting
    if every and resolved and "contact_name" in frame.columns:
        _colleagues(frame, people, pos, everyone)
    if not len(todo):
        return pos, rule, everyone
    if not resolved:  # no 名寄せ account yet: name and company wait for prepare
        rule[todo[_waiting(frame, todo, people, missed)]] = LINK_RULES.index("pending")
        return pos, rule, everyone
    cols = _columns(frame, None if len(todo) == n else todo)
    acc = _evidence(cols, len(todo), people)
    if "contact_name" in cols:
        names = people.names_at(acc)
        if len(names):
            contacts = cols["contact_name"]
            keys = arrow_strings(name_key(_series(contacts)))
            found = names.find(acc, keys)

            def within(at: np.ndarray, items: pa.Array) -> np.ndarray:
                # a list of names: the first name found within the row's account
                item_keys = arrow_strings(name_key(_series(items)))
                return names.find(_flat(acc).take(pa.array(at)), item_keys)

            found = _listed_positions(contacts, found, within)
            everyone.add(contacts, within, rows=todo)
            hit = found >= 0
            pos[todo[hit]] = found[hit]
            rule[todo[hit]] = LINK_RULES.index("name_account")
    left = (pos[todo] < 0) & pc.is_valid(acc).to_numpy(zero_copy_only=False)
    rule[todo[left]] = LINK_RULES.index("account")
    return pos, rule, everyone


def link_people(
    frame: pd.DataFrame,
    leads: pd.DataFrame | PeopleIndex,
    *,
    accounts: pd.DataFrame | None = None,
    resolved: bool = True,
    every: bool = False,
) -> pd.DataFrame:
    """Link each activity or opportunity row to a person (see the module docstring).

    Parameters
    ----------
    frame : pandas.DataFrame
        Canonical activities or opportunities (not modified).
    leads : pandas.DataFrame or PeopleIndex
        The people (see :func:`index_people`), or their index.
    accounts : pandas.DataFrame, optional
        The accounts file: a row whose company or CRM id is there links to
        that account (rule ``account``). Ignored when ``leads`` is an index.
    resolved : bool
        Whether the people's accounts are 名寄せ's (default). ``False`` at
        load: only ``id`` and ``email`` are tried (nothing needs a company
        key), the other rows are ``pending`` when they carry company evidence
        (company, corporate number, CRM account id, or an e-mail or website
        domain one of the people has), else ``none``.
    every : bool
        Opportunities: a row whose person cells name several people (a deal's associated
        contacts, a folded contact-role report) lists each one found in ``contact_ids``.

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``lead_id`` (the person's, where one was found; the
        file's own value otherwise) and ``link_rule`` (:data:`LINK_RULES`); with
        ``every``, ``contact_ids`` too: the ``lead_id`` of every person a row's
        cells name, ``;``-separated, the first found first (missing where a row names
        fewer than two; the column written when a row names two, or when ``frame``
        already had one, which is replaced).
    """
    return link_people_and_rules(frame, leads, accounts=accounts, resolved=resolved, every=every)[0]


def link_people_and_rules(
    frame: pd.DataFrame,
    leads: pd.DataFrame | PeopleIndex,
    *,
    accounts: pd.DataFrame | None = None,
    resolved: bool = True,
    every: bool = False,
) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`link_people`, and each row's rule as its position in :data:`LINK_RULES`.

    For counting rows per rule (:func:`abm.ingest.linkage.link_rows`) without
    reading a million ``link_rule`` strings back.

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray)
        The linked frame and ``int8`` rule codes aligned with it.
    """
    people = _people(leads, accounts)
    known = people.leads
    pos, rule, everyone = _link(frame, people, resolved=resolved, every=every)
    own = (
        arrow_strings(frame["lead_id"])
        if "lead_id" in frame.columns
        else pa.nulls(len(frame), pa.large_string())
    )
    found = pos >= 0
    if "lead_id" in known.columns and len(known) and found.any():
        ids = _flat(arrow_strings(known["lead_id"]))
        if "lead_id" in frame.columns:  # the person's id where found, the file's own elsewhere
            where = np.arange(len(frame), dtype=np.int64)
            where[found] = len(frame) + pos[found]
            chunks = own.chunks if isinstance(own, pa.ChunkedArray) else [own]
            both = [c.cast(pa.large_string()) for c in (*chunks, ids)]  # one copy, not two
            own = pa.concat_arrays(both).take(pa.array(where))
        else:  # a file without ids of its own (a sales report) takes the people's as they are
            own = ids.take(pa.array(pos, mask=~found))
    out = frame.assign(
        lead_id=strings(own, frame.index),
        link_rule=strings(_RULE_NAMES.take(pa.array(rule)), frame.index),
    )
    rows, found = everyone.pairs(pos) if every else (np.zeros(0, np.int64), None)
    if "lead_id" not in known.columns:
        rows = rows[:0]
    if len(rows) or (every and "contact_ids" in frame.columns):  # never a stale list
        col = pd.Series(pd.NA, index=frame.index, dtype="string")
        if len(rows):
            ids = known["lead_id"].astype("string").to_numpy(dtype=object)[found]
            listed = join_lists(rows, ids)
            col.iloc[listed.index.to_numpy()] = listed.to_numpy(dtype=object)
        out["contact_ids"] = col
    return out[["lead_id", *(c for c in out.columns if c != "lead_id")]], rule


#: A deal's person column -> the column of the people a contact-role report alone adds
#: (:data:`abm.ingest.deals.COMMITTEE_COLUMNS`; ingest sits below the pipeline).
_COMMITTEE = {c: f"committee_{c}" for c in ("lead_id", "email", "contact_name")}


def _found_people(
    frame: pd.DataFrame, people: PeopleIndex, column: str, values: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """``(row, position)`` of each person the person cells ``values`` of ``column`` name,
    found as linking finds them: an id, an e-mail, a name within the row's account."""
    known = people.leads
    seps = _EMAIL_SEPARATORS if column == "email" else _SEPARATORS
    rows = np.flatnonzero(values.notna().to_numpy(dtype=bool))
    if not len(rows):
        return rows, rows
    parent, items = _items(arrow_strings(values), rows, seps)
    if not len(parent):
        return parent, parent
    if column == "lead_id":
        found = id_positions(known["lead_id"], _series(items))
    elif column == "email":
        found = people.email_positions(items)
    elif "account_id" in frame.columns:
        acc = _flat(arrow_strings(frame["account_id"])).take(pa.array(parent))
        names = people.names_at(acc)
        found = names.find(acc, arrow_strings(name_key(_series(items)))) if len(names) else None
        if found is None:
            found = np.full(len(parent), -1, dtype=np.int64)
    else:
        found = np.full(len(parent), -1, dtype=np.int64)
    hit = found >= 0
    return parent[hit], np.asarray(found)[hit].astype(np.int64)


def _own_cells(frame: pd.DataFrame, column: str) -> pd.Series:
    """A person column's cells without the values its committee column lists (per row)."""
    cells = frame[column].astype("string").reset_index(drop=True)
    extra = _COMMITTEE[column]
    if extra not in frame.columns:
        return cells
    seps = _EMAIL_SEPARATORS if column == "email" else _SEPARATORS
    at, items = list_items(cells, seps)
    c_at, c_items = list_items(frame[extra], seps)
    theirs = pd.MultiIndex.from_arrays([c_at, c_items])
    keep = ~pd.MultiIndex.from_arrays([at, items]).isin(theirs)
    out = pd.Series(pd.NA, index=cells.index, dtype="string")
    joined = join_lists(at[keep], items[keep])
    out.iloc[joined.index.to_numpy(dtype=np.int64)] = joined.to_numpy(dtype=object)
    return out


def committee_ids(frame: pd.DataFrame, people: pd.DataFrame | PeopleIndex) -> pd.Series:
    """The ``lead_id`` of each person only a contact-role report adds to each deal.

    :func:`abm.ingest.deals.attach_contacts` lists a contact-role report's people in the
    deal's person columns (every one is linked: ``contact_ids``, coverage, the account's
    story) and those who are not the deal's own contact in ``committee_*``. A person found
    by those (an id, an e-mail, a name within the deal's account) and not by the deal's own
    cells is on the deal's buying committee: the lead-level funnel does not count them as a
    lead that became the deal (:func:`abm.core.keys.deal_person_pairs`).

    Parameters
    ----------
    frame : pandas.DataFrame
        Opportunities linked to ``people`` (with ``account_id`` for names; not modified).
    people : pandas.DataFrame or PeopleIndex
        The people the rows link to (kept leads after 名寄せ), or their index.

    Returns
    -------
    pandas.Series
        ``;``-joined ``lead_id`` per row of ``frame``; missing where none.
    """
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    people = _people(people, None)
    known = people.leads
    present = [c for c, extra in _COMMITTEE.items() if extra in frame.columns]
    if not present or "lead_id" not in known.columns or not len(known) or not len(frame):
        return out
    plain = frame.reset_index(drop=True)
    theirs, own = [], []
    for c in present:
        theirs.append(_found_people(plain, people, c, plain[_COMMITTEE[c]].astype("string")))
    for c in _COMMITTEE:
        if c in plain.columns:
            cells = _own_cells(plain, c)
            if c == "lead_id" and "link_rule" in plain.columns:  # linking wrote the person's
                by_id = (plain["link_rule"].astype("string") == "id").to_numpy(dtype=bool)
                cells = cells.where(by_id)  # id there: the deal's own id only when it named it
            own.append(_found_people(plain, people, c, cells))
    pairs = pd.DataFrame(
        {
            "row": np.concatenate([r for r, _ in theirs]),
            "pos": np.concatenate([p for _, p in theirs]),
        }
    )
    if own:
        mine = pd.MultiIndex.from_arrays(
            [np.concatenate([r for r, _ in own]), np.concatenate([p for _, p in own])]
        )
        pairs = pairs[~pd.MultiIndex.from_frame(pairs).isin(mine)]
    if not len(pairs):
        return out
    pairs = pairs.sort_values("row", kind="stable")
    ids = known["lead_id"].astype("string").to_numpy(dtype=object)[pairs["pos"].to_numpy()]
    listed = join_lists(pairs["row"].to_numpy(dtype=np.int64), ids)
    out.iloc[listed.index.to_numpy(dtype=np.int64)] = listed.to_numpy(dtype=object)
    return out


def attach_accounts(
    frame: pd.DataFrame | None,
    kept: pd.DataFrame | PeopleIndex,
    accounts: pd.DataFrame | None = None,
) -> pd.DataFrame | None:
    """Give activity, opportunity or account rows the 名寄せ ``account_id``.

    Evidence, first match wins: the row's person (``lead_id``, then
    ``email``: the kept lead's account), company evidence (corporate number,
    the CRM's account id, a company domain, an unambiguous company name),
    then — for activities and opportunities — the row's CRM id or company at
    a row of the (attached) accounts file. A CRM ``account_id`` the file
    carried is kept as ``crm_account_id``; a row that matches nothing gets
    ``"crm:" +`` that id (so an opportunity and an account row with the same
    CRM id still meet), else ``"co:" +`` its company key
    (:func:`abm.core.keys.company_account`: an existing customer's deal is
    still one account on every page), else NA.

    Parameters
    ----------
    frame : pandas.DataFrame or None
        Canonical activities, opportunities or accounts (not modified).
    kept : pandas.DataFrame or PeopleIndex
        Kept leads with ``account_id`` (or their index).
    accounts : pandas.DataFrame, optional
        The accounts file, already attached (ignored when ``kept`` is an index).

    Returns
    -------
    pandas.DataFrame or None
    """
    leads = kept.leads if isinstance(kept, PeopleIndex) else kept
    if frame is None or "account_id" not in leads.columns:
        return frame
    people = _people(kept, accounts)
    out = frame.rename(columns={"account_id": "crm_account_id"}) if "account_id" in frame else frame
    n = len(frame)
    pos = lead_positions(frame, leads)
    acc = (
        people.account_array.take(pa.array(pos, mask=pos < 0))
        if len(leads)
        else pa.nulls(n, pa.large_string())
    )

    def fill(step: Callable[[np.ndarray], Strings]) -> None:
        nonlocal acc
        miss = _missing(acc)
        if len(miss):
            acc = pc.coalesce(acc, scatter(step(miss), miss, n))

    fill(lambda rows: _evidence(_columns(out, rows), len(rows), people, crm="crm_account_id"))
    if "crm_account_id" in out.columns:  # no lead evidence: keep the CRM's own id, namespaced
        crm = arrow_strings(out["crm_account_id"])
        fill(
            lambda rows: pc.binary_join_element_wise(
                _CRM_PREFIX, first_listed(_taken(crm, rows)), _NOTHING
            )
        )
    if "company" in frame.columns:  # a company with no kept lead: co:<company key>
        company = arrow_strings(frame["company"])
        fill(
            lambda rows: arrow_strings(
                company_account(_series(first_listed(_taken(company, rows))))
            )
        )
    return out.assign(account_id=strings(acc, frame.index))


def link_summary(dataset: Dataset) -> pd.DataFrame:
    """How each activity and opportunity file's rows link: rows per ``link_rule``, per file.

    Parameters
    ----------
    dataset : Dataset
        Loaded (rules as linked at load) or prepared (after 名寄せ).

    Returns
    -------
    pandas.DataFrame
        One row per file: ``file``, ``table``, ``rows``, a count per
        :data:`LINK_RULES`, ``person_rate`` (id + email + name_account over
        rows; at load, a ``pending`` row is not linked yet) and
        ``account_rate`` (rows that reach an account, with or without a
        person; NaN while rows of the file are ``pending``: their account is
        known once 名寄せ has run). Empty when no activity or opportunity was
        loaded.
    """
    parts = []
    for name in ("activities", "opportunities"):
        frame = getattr(dataset, name)
        if frame is None or not len(frame) or "source_file" not in frame.columns:
            continue
        rule = (
            frame["link_rule"].astype("string").fillna("none")
            if "link_rule" in frame.columns
            else pd.Series("none", index=frame.index, dtype="string")
        )
        counts = pd.crosstab(frame["source_file"].astype("string"), rule)
        counts = counts.reindex(columns=list(LINK_RULES), fill_value=0).rename_axis(columns=None)
        parts.append(counts.assign(table=name).rename_axis("file").reset_index())
    columns = ["file", "table", "rows", *LINK_RULES, "person_rate", "account_rate"]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)
    rows = out[list(LINK_RULES)].sum(axis=1)
    person = out[list(PERSON_RULES)].sum(axis=1)
    return out.assign(
        rows=rows.astype("int64"),
        person_rate=(person / rows).astype("float64"),
        account_rate=((person + out["account"]) / rows)
        .where(out["pending"] == 0)
        .astype("float64"),
    )[columns]
