"""The people rows link to, indexed once (:class:`PeopleIndex`): keys, accounts, names.

Every lookup is an Arrow hash join over distinct values: e-mail keys, the
account of each corporate number, CRM account id and company name (most often
seen; a name two accounts share decides nothing), of each company domain
(asked for the domains wanted only), and the person of each (account, name
key) as integer pair codes. Each lookup is built on first use, so linking a
table by id or e-mail alone never pays for names or domains; the name table
is built for the accounts asked about when they are a small part of all
(a few opportunities without an e-mail never key every person's name).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.keys import (
    account_key,
    arrow_strings,
    company_key,
    distinct_codes,
    email_key,
    email_positions,
    person_name_keys,
    strings,
)
from abm.resolve.normalise import is_free_mail, org_domain

__all__ = ["PeopleIndex", "company_domains", "index_people", "trimmed"]

Strings = pa.Array | pa.ChunkedArray
_NO_STRINGS = pa.array([], pa.large_string())


def _none(n: int) -> pa.Array:
    return pa.nulls(n, pa.large_string())


def _flat(arr: Strings) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def trimmed(arr: Strings) -> Strings:
    """Strings with surrounding whitespace removed (ids, corporate numbers)."""
    return pc.utf8_trim_whitespace(arr)


@dataclass(frozen=True)
class _Lookup:
    """A key -> value table (Arrow arrays, keys distinct) and the hash lookup through it."""

    keys: pa.Array = field(default_factory=lambda: _NO_STRINGS)
    values: pa.Array = field(default_factory=lambda: _NO_STRINGS)

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, wanted: Strings) -> np.ndarray:
        """Position of each wanted key in :attr:`keys`, ``-1`` if absent."""
        if not len(self.keys) or not len(wanted):
            return np.full(len(wanted), -1, dtype=np.int64)
        found = pc.index_in(wanted, value_set=self.keys, skip_nulls=True)
        return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)

    def get(self, wanted: Strings) -> pa.Array:
        """Each wanted key's value; missing when absent."""
        if not len(self.keys):
            return _none(len(wanted))
        found = pc.index_in(wanted, value_set=self.keys, skip_nulls=True)
        return _flat(self.values.take(found))


def _lookup(keys: Strings, accounts: Strings, *, unique: bool = False) -> _Lookup:
    """key -> the account most often seen with it (ties: first seen).

    ``unique``: a key seen with two accounts decides nothing (a company name
    that two companies carry, kept apart by 名寄せ on other evidence).
    """
    k, k_values = distinct_codes(keys)
    a, a_values = distinct_codes(accounts)
    rows = np.flatnonzero((k >= 0) & (a >= 0))
    if not len(rows):
        return _Lookup()
    combo = k[rows] * max(len(a_values), 1) + a[rows]
    order = np.argsort(combo, kind="stable")  # by (key, account), then first seen
    combo, first = combo[order], rows[order]
    start = np.flatnonzero(np.r_[True, combo[1:] != combo[:-1]])
    counts = np.diff(np.r_[start, len(combo)])
    combo, first = combo[start], first[start]
    ck, ca = combo // max(len(a_values), 1), combo % max(len(a_values), 1)
    if unique:
        alone = np.bincount(ck, minlength=len(k_values))[ck] == 1
        ck, ca, first, counts = ck[alone], ca[alone], first[alone], counts[alone]
    order = np.lexsort((first, -counts, ck))  # per key: most rows, then first seen
    keep = order[np.r_[True, np.diff(ck[order]) != 0]] if len(order) else order
    return _Lookup(k_values.take(pa.array(ck[keep])), a_values.take(pa.array(ca[keep])))


def company_domains(columns: dict[str, Strings], emails: Strings | None = None) -> pa.Array:
    """Company domain of each row: its e-mail's (not free mail), else its website's.

    Parameters
    ----------
    columns : dict
        The rows' ``email`` and/or ``domain`` as Arrow strings.
    emails : pyarrow.Array, optional
        The rows' :func:`abm.core.keys.email_key` when already known.

    Returns
    -------
    pyarrow.Array
        Domains; missing where neither gives one. Free mail is judged once per
        distinct host (:func:`abm.resolve.is_free_mail`).
    """
    n = len(next(iter(columns.values()))) if columns else 0
    dom = _none(n)
    if "email" in columns:
        if emails is None:
            emails = arrow_strings(email_key(strings(columns["email"], pd.RangeIndex(n))))
        host = pc.list_element(pc.split_pattern(emails, "@", max_splits=1), 1)
        codes, hosts = distinct_codes(host)
        if len(hosts):
            free = is_free_mail(pd.Series(hosts.to_pylist(), dtype="string")).to_numpy(bool)
            usable = pa.array(np.append(~free, False)[codes])
            dom = _flat(pc.if_else(usable, host, None))
    if "domain" in columns:
        site = org_domain(strings(columns["domain"], pd.RangeIndex(n)))
        dom = pc.coalesce(dom, arrow_strings(site))
    return _flat(dom)


@dataclass(frozen=True)
class _Names:
    """People by (account, name key), as integer pair codes: a hash join, no string pairs."""

    accounts: pa.Array = field(default_factory=lambda: _NO_STRINGS)
    names: pa.Array = field(default_factory=lambda: _NO_STRINGS)
    pairs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.pairs)

    def find(self, accounts: Strings, names: Strings) -> np.ndarray:
        """Row of the person with each (account, name key), ``-1`` if none (or ambiguous)."""
        out = np.full(len(accounts), -1, dtype=np.int64)
        if not len(self.pairs) or not len(accounts):
            return out
        a = _Lookup(self.accounts).find(accounts)
        n = _Lookup(self.names).find(names)
        ok = (a >= 0) & (n >= 0)
        pair = pa.array(a[ok] * len(self.names) + n[ok])
        at = pc.fill_null(pc.index_in(pair, value_set=pa.array(self.pairs)), -1)
        at = at.to_numpy(zero_copy_only=False).astype(np.int64)
        hit = at >= 0
        out[np.flatnonzero(ok)[hit]] = self.rows[at[hit]]
        return out


class PeopleIndex:
    """What rows can be linked to, indexed once: people, their accounts and the accounts file.

    Built by :func:`index_people`; pass it to :func:`link_people` and
    :func:`attach_accounts` in place of the leads to link several tables
    against the same people. Each lookup is built on first use, so a table
    that links by id or e-mail alone never pays for names or domains.

    Parameters
    ----------
    leads : pandas.DataFrame
        Raw leads at load, kept leads after 名寄せ: their ``account_id`` is
        the account (without one, ``co:<company key>``); a CRM account id is
        read from ``crm_account_id``.
    accounts : pandas.DataFrame, optional
        The accounts file (its ``account_id`` — attached by
        :func:`attach_accounts` once 名寄せ has run — and its CRM id and company).
    named : pandas.DataFrame, optional
        Company names of other files that 名寄せ joined to a kept lead's account
        (``company``, ``account_id``: :attr:`abm.resolve.CleanResult.named`).
    """

    def __init__(
        self,
        leads: pd.DataFrame,
        accounts: pd.DataFrame | None = None,
        named: pd.DataFrame | None = None,
    ) -> None:
        self.leads = leads
        self.accounts = accounts if accounts is not None and len(accounts) else None
        self.named = named if named is not None and len(named) else None

    @functools.cached_property
    def account(self) -> pd.Series:
        """Each person's account."""
        return account_key(self.leads)

    @functools.cached_property
    def account_array(self) -> pa.Array:
        """Each person's account, as Arrow strings."""
        return _flat(arrow_strings(self.account))

    @functools.cached_property
    def emails(self) -> pd.Series:
        """Each person's e-mail key."""
        if "email" not in self.leads.columns:
            return pd.Series(pd.NA, index=self.leads.index, dtype="string")
        return email_key(self.leads["email"])

    @functools.cached_property
    def _email_keys(self) -> pa.Array:
        return _flat(arrow_strings(self.emails))

    def email_positions(self, raw: Strings) -> np.ndarray:
        """The first person with each address's e-mail key, ``-1`` if none
        (:func:`abm.core.keys.email_positions`)."""
        if "email" not in self.leads.columns:
            return np.full(len(raw), -1, dtype=np.int64)
        return email_positions(self._email_keys, raw)

    def _by(self, col: str) -> _Lookup:
        if col not in self.leads.columns:
            return _Lookup()
        return _lookup(trimmed(arrow_strings(self.leads[col])), self.account_array)

    @functools.cached_property
    def by_number(self) -> _Lookup:
        """Corporate number -> account."""
        return self._by("corporate_number")

    @functools.cached_property
    def by_crm(self) -> _Lookup:
        """The CRM's account id a contacts export gave -> account."""
        return self._by("crm_account_id")

    @functools.cached_property
    def _domains(self) -> list[pa.Array]:
        """Each person's e-mail host and website domain (free hosts are never asked for)."""
        out = []
        if "email" in self.leads.columns:
            key = arrow_strings(self.emails)
            out.append(pc.list_element(pc.split_pattern(key, "@", max_splits=1), 1))
        if "domain" in self.leads.columns:
            out.append(arrow_strings(org_domain(self.leads["domain"].astype("string"))))
        return [_flat(a) for a in out]

    def has_domain(self, domains: Strings) -> np.ndarray:
        """Whether one of the people has each domain (e-mail host or website).

        Pass company domains (:func:`company_domains`: free mail is none). Only
        the domains asked for are hashed (the people's are scanned against them).
        """
        wanted = pc.unique(pc.drop_null(domains))
        if not len(wanted) or not self._domains:
            return np.zeros(len(domains), dtype=bool)
        had = [
            found.filter(pc.fill_null(pc.is_in(found, value_set=wanted), False))
            for found in self._domains
        ]
        hit = pc.is_in(domains, value_set=pc.unique(pa.concat_arrays(had)))
        return pc.fill_null(hit, False).to_numpy(zero_copy_only=False)

    def domain_accounts(self, domains: Strings) -> pa.Array:
        """The account of each company domain: the one most often seen among its people.

        Only the people whose e-mail host or website is one of ``domains`` are
        looked at (their accounts computed for them alone), so a few unknown
        addresses never cost an index of every domain.

        Returns
        -------
        pyarrow.Array
            Aligned with ``domains``; missing for a domain no person has.
        """
        wanted = pc.unique(pc.drop_null(domains))
        if not len(wanted) or not self._domains:
            return _none(len(domains))
        keys, rows = [], []
        for found in self._domains:
            hit = pc.fill_null(pc.is_in(found, value_set=wanted), False)
            at = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
            keys.append(found.take(pa.array(at)))
            rows.append(at)
        at = np.concatenate(rows)
        if not len(at):
            return _none(len(domains))
        if "account" in self.__dict__:  # already computed for every person
            account = self.account_array.take(pa.array(at))
        else:
            account = arrow_strings(account_key(self.leads.iloc[at]))
        return _lookup(pa.concat_arrays(keys), account).get(domains)

    @functools.cached_property
    def by_company(self) -> _Lookup:
        """Company key -> account (names two accounts share are left out)."""
        if "company" not in self.leads.columns:
            return _Lookup()
        keys = arrow_strings(company_key(self.leads["company"]))
        return _lookup(keys, self.account_array, unique=True)

    @functools.cached_property
    def by_named(self) -> _Lookup:
        """Company key of a name another file gave -> the account 名寄せ joined it to."""
        if self.named is None:
            return _Lookup()
        keys = arrow_strings(company_key(self.named["company"]))
        return _lookup(keys, arrow_strings(self.named["account_id"]), unique=True)

    @functools.cached_property
    def file_by_crm(self) -> _Lookup:
        """The accounts file: CRM id -> account."""
        a = self.accounts
        crm = "crm_account_id" if a is not None and "crm_account_id" in a.columns else "account_id"
        if a is None or crm not in a.columns:
            return _Lookup()
        return _lookup(trimmed(arrow_strings(a[crm])), arrow_strings(account_key(a)))

    @functools.cached_property
    def file_by_company(self) -> _Lookup:
        """The accounts file: company key -> account (unambiguous names only)."""
        a = self.accounts
        if a is None or "company" not in a.columns:
            return _Lookup()
        keys = arrow_strings(company_key(a["company"]))
        return _lookup(keys, arrow_strings(account_key(a)), unique=True)

    @functools.cached_property
    def names(self) -> _Names:
        """(account, name key) -> person, for every person."""
        return _name_table(self.leads, self.account_array, self._email_keys)

    def names_at(self, accounts: Strings) -> _Names:
        """(account, name key) -> person, for the people of ``accounts`` at least.

        The whole table when it is built already or the accounts hold most
        people (then it is kept for the next call); otherwise a table of those
        accounts' people only, built for this call.
        """
        if "names" in self.__dict__ or not len(self.leads):
            return self.names
        wanted = pc.unique(pc.drop_null(accounts))
        hit = pc.fill_null(pc.is_in(self.account_array, value_set=wanted), False)
        rows = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
        if 2 * len(rows) >= len(self.leads):
            return self.names
        at = pa.array(rows)
        cols = [c for c in ("full_name", "last_name", "first_name") if c in self.leads.columns]
        part = _name_table(
            self.leads[cols].iloc[rows],
            self.account_array.take(at),
            self._email_keys.take(at),
        )
        return _Names(part.accounts, part.names, part.pairs, rows[part.rows])


def _name_table(leads: pd.DataFrame, account: pa.Array, emails: Strings) -> _Names:
    """Each (account, name key) -> the first lead carrying it; a pair two people with
    different e-mails share decides nothing (two namesakes in one company)."""
    keys = person_name_keys(leads)
    if not keys:
        return _Names()
    a, acc_values = distinct_codes(account)
    n, name_values = distinct_codes(pa.chunked_array([arrow_strings(k) for k in keys]))
    k = len(keys)
    a = np.tile(a, k)
    ok = (a >= 0) & (n >= 0)
    if not ok.any():
        return _Names()
    row = np.tile(np.arange(len(leads), dtype=np.int64), k)[ok]
    pair = a[ok] * len(name_values) + n[ok]
    mail = np.tile(distinct_codes(emails)[0], k)[ok]
    order = np.lexsort((row, pair))  # by pair, then the first lead
    pair, row, mail = pair[order], row[order], mail[order]
    start = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    # two different e-mails under one name in one account: two namesakes, ambiguous
    high = np.maximum.reduceat(mail, start)
    low = np.minimum.reduceat(np.where(mail >= 0, mail, np.iinfo(np.int64).max), start)
    clear = (high < 0) | (low == high)
    return _Names(acc_values, name_values, pair[start][clear], row[start][clear])


def index_people(
    leads: pd.DataFrame,
    *,
    accounts: pd.DataFrame | None = None,
    named: pd.DataFrame | None = None,
) -> PeopleIndex:
    """Index the people rows link to (see :class:`PeopleIndex`).

    Returns
    -------
    PeopleIndex
    """
    return PeopleIndex(leads, accounts, named)
