"""The people rows link to, indexed once (:class:`PeopleIndex`): keys, accounts, names.

Every lookup is an Arrow hash join over distinct values: e-mail keys, the
account of each corporate number, CRM account id and company name (most often
seen; a name two accounts share decides nothing), of each company domain
(asked for the domains wanted only), and the person of each (account, name
key) as integer pair codes. Each lookup is built
on first use, so linking a table by id or e-mail alone never pays for names or
domains.
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
    email_key,
    person_name_keys,
    strings,
)
from abm.resolve.normalise import is_free_mail, org_domain

__all__ = ["PeopleIndex", "company_domains", "index_people", "stripped"]


@dataclass(frozen=True)
class _Lookup:
    """A key -> value table (Arrow arrays, keys distinct) and the hash lookup through it."""

    keys: pa.Array = field(default_factory=lambda: pa.array([], pa.large_string()))
    values: pa.Array = field(default_factory=lambda: pa.array([], pa.large_string()))

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, wanted: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Position of each wanted key in :attr:`keys`, ``-1`` if absent."""
        if not len(self.keys) or not len(wanted):
            return np.full(len(wanted), -1, dtype=np.int64)
        found = pc.index_in(wanted, value_set=self.keys, skip_nulls=True)
        return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)

    def map(self, wanted: pd.Series) -> pd.Series:
        """Each wanted key's value (``string``; NA when absent)."""
        pos = self.find(arrow_strings(wanted))
        if not (pos >= 0).any():
            return pd.Series(pd.NA, index=wanted.index, dtype="string")
        taken = self.values.take(pa.array(np.maximum(pos, 0)))
        return strings(pc.if_else(pa.array(pos >= 0), taken, None), wanted.index)


def _codes(arr: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Dictionary codes of an Arrow string array (-1 for null) and its distinct values."""
    uniq = pc.unique(pc.drop_null(arr))
    codes = pc.fill_null(pc.index_in(arr, value_set=uniq, skip_nulls=True), -1)
    return codes.to_numpy(zero_copy_only=False).astype(np.int64), uniq


def _lookup(keys: pd.Series, accounts: pd.Series, *, unique: bool = False) -> _Lookup:
    """key -> the account most often seen with it (ties: first seen).

    ``unique``: a key seen with two accounts decides nothing (a company name
    that two companies carry, kept apart by 名寄せ on other evidence).
    """
    k, k_values = _codes(arrow_strings(keys))
    a, a_values = _codes(arrow_strings(accounts))
    ok = (k >= 0) & (a >= 0)
    if not ok.any():
        return _Lookup()
    width = max(len(a_values), 1)
    rows = np.flatnonzero(ok)
    combos, first, counts = np.unique(k[ok] * width + a[ok], return_index=True, return_counts=True)
    ck, ca = combos // width, combos % width
    if unique:
        alone = np.bincount(ck, minlength=len(k_values))[ck] == 1
        ck, ca, first, counts = ck[alone], ca[alone], first[alone], counts[alone]
    order = np.lexsort((rows[first], -counts, ck))  # per key: most rows, then first seen
    keep = order[np.r_[True, np.diff(ck[order]) != 0]] if len(order) else order
    return _Lookup(k_values.take(pa.array(ck[keep])), a_values.take(pa.array(ca[keep])))


def company_domains(frame: pd.DataFrame, emails: pd.Series | None = None) -> pd.Series:
    """Company domain of each row: its e-mail's (not free mail), else its website's.

    ``emails`` are the rows' :func:`abm.core.keys.email_key` when already known.
    Free mail is judged once per distinct domain (:func:`abm.resolve.is_free_mail`).
    """
    dom = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "email" in frame.columns:
        key = arrow_strings(email_key(frame["email"]) if emails is None else emails)
        host = pc.list_element(pc.split_pattern(key, "@", max_splits=1), 1)
        codes, hosts = _codes(host)
        if len(hosts):
            free = is_free_mail(pd.Series(hosts.to_pylist(), dtype="string")).to_numpy(bool)
            usable = pa.array(np.append(~free, False)[codes])
            dom = strings(pc.if_else(usable, host, None), frame.index)
    if "domain" in frame.columns:
        dom = dom.fillna(org_domain(frame["domain"].astype("string")))
    return dom


def stripped(frame: pd.DataFrame, col: str) -> pd.Series:
    """Column ``col`` as ``string`` with surrounding whitespace removed (Arrow)."""
    return strings(pc.utf8_trim_whitespace(arrow_strings(frame[col])), frame.index)


@dataclass(frozen=True)
class _Names:
    """People by (account, name key), as integer pair codes: a sorted join, no string pairs."""

    accounts: pa.Array = field(default_factory=lambda: pa.array([], pa.large_string()))
    names: pa.Array = field(default_factory=lambda: pa.array([], pa.large_string()))
    pairs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.pairs)

    def find(self, accounts: pd.Series, names: pd.Series) -> np.ndarray:
        """Row of the person with each (account, name key), ``-1`` if none (or ambiguous)."""
        out = np.full(len(accounts), -1, dtype=np.int64)
        if not len(self.pairs) or not len(accounts):
            return out
        a = _Lookup(self.accounts).find(arrow_strings(accounts))
        n = _Lookup(self.names).find(arrow_strings(names))
        ok = (a >= 0) & (n >= 0)
        pair = a[ok] * len(self.names) + n[ok]
        at = np.minimum(np.searchsorted(self.pairs, pair), len(self.pairs) - 1)
        hit = self.pairs[at] == pair
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
    """

    def __init__(self, leads: pd.DataFrame, accounts: pd.DataFrame | None = None) -> None:
        self.leads = leads
        self.accounts = accounts if accounts is not None and len(accounts) else None

    @functools.cached_property
    def account(self) -> pd.Series:
        """Each person's account."""
        return account_key(self.leads)

    @functools.cached_property
    def emails(self) -> pd.Series:
        """Each person's e-mail key."""
        if "email" not in self.leads.columns:
            return pd.Series(pd.NA, index=self.leads.index, dtype="string")
        return email_key(self.leads["email"])

    def _by(self, col: str) -> _Lookup:
        if col not in self.leads.columns:
            return _Lookup()
        return _lookup(stripped(self.leads, col), self.account)

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
        return [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in out]

    def domain_accounts(self, domains: pd.Series) -> pd.Series:
        """The account of each company domain: the one most often seen among its people.

        Only the people whose e-mail host or website is one of ``domains`` are
        looked at (their accounts computed for them alone), so a few unknown
        addresses never cost an index of every domain.

        Returns
        -------
        pandas.Series
            ``string``, aligned with ``domains`` (NA for a domain no person has).
        """
        wanted = pc.unique(pc.drop_null(arrow_strings(domains)))
        none = pd.Series(pd.NA, index=domains.index, dtype="string")
        if not len(wanted) or not self._domains:
            return none
        keys, rows = [], []
        for found in self._domains:
            hit = pc.fill_null(pc.is_in(found, value_set=wanted), False)
            at = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
            keys.append(found.take(pa.array(at)))
            rows.append(at)
        at = np.concatenate(rows)
        if not len(at):
            return none
        if "account" in self.__dict__:  # already computed for every person
            account = self.account.iloc[at]
        else:
            account = account_key(self.leads.iloc[at])
        table = _lookup(strings(pa.concat_arrays(keys), account.index), account)
        return table.map(domains)

    @functools.cached_property
    def by_company(self) -> _Lookup:
        """Company key -> account (names two accounts share are left out)."""
        if "company" not in self.leads.columns:
            return _Lookup()
        return _lookup(company_key(self.leads["company"]), self.account, unique=True)

    @functools.cached_property
    def file_by_crm(self) -> _Lookup:
        """The accounts file: CRM id -> account."""
        a = self.accounts
        crm = "crm_account_id" if a is not None and "crm_account_id" in a.columns else "account_id"
        if a is None or crm not in a.columns:
            return _Lookup()
        return _lookup(stripped(a, crm), account_key(a))

    @functools.cached_property
    def file_by_company(self) -> _Lookup:
        """The accounts file: company key -> account (unambiguous names only)."""
        a = self.accounts
        if a is None or "company" not in a.columns:
            return _Lookup()
        return _lookup(company_key(a["company"]), account_key(a), unique=True)

    @functools.cached_property
    def names(self) -> _Names:
        """(account, name key) -> person."""
        return _name_table(self.leads, self.account, self.emails)


def _name_table(leads: pd.DataFrame, account: pd.Series, emails: pd.Series) -> _Names:
    """Each (account, name key) -> the first lead carrying it; a pair two people with
    different e-mails share decides nothing (two namesakes in one company)."""
    keys = person_name_keys(leads)
    if not keys:
        return _Names()
    a, acc_values = _codes(arrow_strings(account))
    names = pa.chunked_array([arrow_strings(k) for k in keys]).combine_chunks()
    n, name_values = _codes(names)
    k = len(keys)
    a = np.tile(a, k)
    ok = (a >= 0) & (n >= 0)
    if not ok.any():
        return _Names()
    row = np.tile(np.arange(len(leads), dtype=np.int64), k)[ok]
    pair = a[ok] * len(name_values) + n[ok]
    m, m_values = _codes(arrow_strings(emails))
    mail = np.tile(m, k)[ok]
    mailed = mail >= 0
    people_pairs, people = np.unique(
        np.unique(pair[mailed] * max(len(m_values), 1) + mail[mailed]) // max(len(m_values), 1),
        return_counts=True,
    )
    ambiguous = people_pairs[people > 1]  # two e-mails under one name in one account
    keep = ~np.isin(pair, ambiguous)
    pair, row = pair[keep], row[keep]
    order = np.lexsort((row, pair))  # by pair, then the first lead
    pair, row = pair[order], row[order]
    first = np.r_[True, pair[1:] != pair[:-1]] if len(pair) else np.zeros(0, dtype=bool)
    return _Names(acc_values, name_values, pair[first], row[first])


def index_people(leads: pd.DataFrame, *, accounts: pd.DataFrame | None = None) -> PeopleIndex:
    """Index the people rows link to (see :class:`PeopleIndex`).

    Returns
    -------
    PeopleIndex
    """
    return PeopleIndex(leads, accounts)
