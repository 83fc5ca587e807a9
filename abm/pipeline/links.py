"""Rows to people and accounts: the one linking rule of every page (#13 item 3, #14).

* :func:`link_people` — each activity or opportunity row to a person, first
  rule that finds one: ``id`` (its ``lead_id``; id lists and Salesforce 15/18
  ids understood), ``email`` (:func:`abm.core.keys.email_key`),
  ``name_account`` (``contact_name`` within the row's account: contacts
  without an e-mail), else ``account`` (only its company is known) or
  ``none``, written in ``link_rule``;
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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.keys import (
    arrow_strings,
    company_account,
    company_key,
    email_key,
    id_positions,
    lead_positions,
    name_key,
    positions,
    strings,
)
from abm.dataset import Dataset
from abm.pipeline.people import PeopleIndex, company_domains, index_people, stripped

__all__ = [
    "LINK_RULES",
    "PERSON_RULES",
    "PeopleIndex",
    "attach_accounts",
    "index_people",
    "link_people",
    "link_summary",
]

#: Values of ``link_rule``, strongest first.
LINK_RULES: tuple[str, ...] = ("id", "email", "name_account", "account", "none")
#: The rules that reach a person.
PERSON_RULES: tuple[str, ...] = LINK_RULES[:3]
#: Columns :func:`_evidence` and the name step read from a row.
_EVIDENCE_COLUMNS = (
    "email", "domain", "corporate_number", "account_id", "crm_account_id", "company", "contact_name",
)  # fmt: skip


def _people(leads: pd.DataFrame | PeopleIndex, accounts: pd.DataFrame | None) -> PeopleIndex:
    return leads if isinstance(leads, PeopleIndex) else index_people(leads, accounts=accounts)


def _evidence(
    frame: pd.DataFrame,
    people: PeopleIndex,
    *,
    crm: str = "account_id",
    emails: pd.Series | None = None,
) -> pd.Series:
    """Account of each row from company evidence alone (no person); NA when none.

    A corporate number, the row's CRM account id (a contact of that CRM
    account carries it in ``crm_account_id``), a company domain (e-mail,
    website), then the company name (only a name no two accounts share)
    point at the account of the people that carry it; then the row's CRM id,
    then its company name, at a row of the accounts file. ``emails``: the
    rows' e-mail keys when already computed.
    """
    acc = pd.Series(pd.NA, index=frame.index, dtype="string")
    if not len(frame):
        return acc
    if "corporate_number" in frame.columns:
        acc = people.by_number.map(stripped(frame, "corporate_number"))
    if crm in frame.columns:
        acc = acc.fillna(people.by_crm.map(stripped(frame, crm)))
    if "email" in frame.columns or "domain" in frame.columns:
        acc = acc.fillna(people.domain_accounts(company_domains(frame, emails)))
    if "company" in frame.columns:
        todo = acc.isna().to_numpy(dtype=bool)
        if todo.any() and (len(people.by_company) or len(people.file_by_company)):
            names = company_key(frame["company"].loc[todo])
            found = people.by_company.map(names)
            if crm in frame.columns:
                found = found.fillna(people.file_by_crm.map(stripped(frame.loc[todo], crm)))
            found = found.fillna(people.file_by_company.map(names))
            acc = acc.copy()
            acc[todo] = found.to_numpy(dtype=object, na_value=None)
    elif crm in frame.columns:
        acc = acc.fillna(people.file_by_crm.map(stripped(frame, crm)))
    return acc


def link_people(
    frame: pd.DataFrame,
    leads: pd.DataFrame | PeopleIndex,
    *,
    accounts: pd.DataFrame | None = None,
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

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``lead_id`` (the person's, where one was found; the
        file's own value otherwise) and ``link_rule`` (:data:`LINK_RULES`).
    """
    people = _people(leads, accounts)
    known = people.leads
    n = len(frame)
    rule = np.full(n, 4, dtype=np.int8)  # codes into LINK_RULES
    pos = np.full(n, -1, dtype=np.int64)
    if "lead_id" in frame.columns and "lead_id" in known.columns:
        pos = id_positions(known["lead_id"], frame["lead_id"])
        rule[pos >= 0] = 0
    todo = np.flatnonzero(pos < 0)
    mails = None
    if "email" in frame.columns and len(todo):
        mails = email_key(frame["email"] if len(todo) == n else frame["email"].iloc[todo])
        if "email" in known.columns:
            found = positions(people.emails, mails)
            pos[todo] = found
            rule[todo[found >= 0]] = 1
            mails = mails[found < 0]
    todo = np.flatnonzero(pos < 0)
    if len(todo):
        used = [c for c in _EVIDENCE_COLUMNS if c in frame.columns]
        sub = frame[used].iloc[todo]  # only the columns evidence reads
        acc = _evidence(sub, people, emails=None if mails is None else mails.set_axis(sub.index))
        if "contact_name" in frame.columns and len(people.names):
            found = people.names.find(acc, name_key(sub["contact_name"]))
            hit = found >= 0
            pos[todo[hit]] = found[hit]
            rule[todo[hit]] = 2
        rest = pos[todo] < 0
        rule[todo[rest & acc.notna().to_numpy(dtype=bool)]] = 3
    own = (
        frame["lead_id"].astype("string")
        if "lead_id" in frame.columns
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    if "lead_id" in known.columns and len(known) and (pos >= 0).any():
        ids = arrow_strings(known["lead_id"]).take(pa.array(np.where(pos >= 0, pos, 0)))
        ids = pc.if_else(pa.array(pos >= 0), ids, arrow_strings(own))
        own = strings(ids, frame.index)
    names = pa.array(list(LINK_RULES), type=pa.large_string())
    out = frame.assign(lead_id=own, link_rule=strings(names.take(pa.array(rule)), frame.index))
    return out[["lead_id", *(c for c in out.columns if c != "lead_id")]]


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
    pos = lead_positions(frame, leads)
    acc = strings(
        pc.if_else(
            pa.array(pos >= 0),
            arrow_strings(people.account).take(pa.array(np.where(pos >= 0, pos, 0))),
            None,
        )
        if len(leads)
        else pa.nulls(len(frame), pa.large_string()),
        frame.index,
    )
    todo = acc.isna().to_numpy(dtype=bool)
    if todo.any():
        found = _evidence(out.loc[todo], people, crm="crm_account_id")
        acc = acc.copy()
        acc[todo] = found.to_numpy(dtype=object, na_value=None)
    if "crm_account_id" in out.columns:  # no lead evidence: keep the CRM's own id, namespaced
        acc = acc.fillna("crm:" + out["crm_account_id"].astype("string"))
    if "company" in frame.columns and bool(acc.isna().any()):  # a company with no kept lead
        acc = acc.fillna(company_account(frame["company"]))
    return out.assign(account_id=acc.astype("string"))


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
        rows) and ``account_rate`` (rows that reach an account, with or
        without a person). Empty when no activity or opportunity was loaded.
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
        account_rate=((person + out["account"]) / rows).astype("float64"),
    )[columns]
