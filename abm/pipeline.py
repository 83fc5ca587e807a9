"""From loaded data to the cleaned data every analysis page uses — and the one place rows link.

``prepare`` runs the cleaning ledger (:func:`abm.resolve.clean_leads`: person
de-duplication, 営業対象外 exclusions, 名寄せ) and returns a new
:class:`~abm.dataset.Dataset` whose leads are the kept persons — one row per
real person, each with ``account_id`` / ``account_name``. Funnel, gap,
scoring and accounts all read this one dataset, so their numbers agree.

Linking happens here and nowhere else:

* :func:`link_people` — each activity or opportunity row to a person, first
  rule that finds one: ``id`` (its ``lead_id``; id lists and Salesforce 15/18
  ids understood), ``email`` (:func:`abm.core.keys.email_key`),
  ``name_account`` (``contact_name`` + the row's account: contacts without an
  e-mail), else ``account`` (only its company is known) or ``none``. The
  rule is written in ``link_rule``. :func:`abm.ingest.build_batch` calls it at
  load (rates in the load report); ``prepare`` re-tries the rows without a
  person against 名寄せ's accounts and points merged persons' rows at the
  survivor.
* :func:`attach_accounts` — every lead, activity, opportunity and account row
  gets ``account_id``: its person's 名寄せ account, else company evidence,
  else ``crm:<CRM id>``, else ``co:<company>`` (:mod:`abm.core.keys`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from abm.core.keys import (
    account_key,
    company_account,
    company_key,
    email_key,
    id_positions,
    lead_positions,
    name_key,
    person_name_keys,
    positions,
)
from abm.dataset import Dataset
from abm.progress import Progress, ProgressFn
from abm.resolve import (
    CleanResult,
    ExclusionRules,
    ResolveConfig,
    ReviewDecisions,
    clean_leads,
    email_domain,
    is_free_mail,
)
from abm.resolve.normalise import org_domain

__all__ = [
    "LINK_RULES",
    "PERSON_RULES",
    "Prepared",
    "attach_accounts",
    "link_people",
    "link_summary",
    "link_tables",
    "prepare",
    "survivor_ids",
]

#: Values of ``link_rule``, strongest first.
LINK_RULES: tuple[str, ...] = ("id", "email", "name_account", "account", "none")
#: The rules that reach a person.
PERSON_RULES: tuple[str, ...] = LINK_RULES[:3]
_SEP = "\x1f"


@dataclass(frozen=True)
class Prepared:
    """The cleaned dataset and the ledger that produced it."""

    dataset: Dataset
    clean: CleanResult


def survivor_ids(clean: CleanResult) -> pd.Series:
    """Map each merged row's ``lead_id`` to its surviving person's ``lead_id``.

    Parameters
    ----------
    clean : CleanResult
        Output of :func:`abm.resolve.clean_leads`.

    Returns
    -------
    pandas.Series
        Index: merged ``lead_id``; values: the survivor's ``lead_id``. Empty
        when the leads carry no ``lead_id``.
    """
    kept, merged = clean.kept, clean.merged
    if "lead_id" not in kept.columns or "lead_id" not in merged.columns or merged.empty:
        return pd.Series(dtype="string")
    by_label = pd.Series(kept["lead_id"].to_numpy(), index=kept.index.astype(str))
    target = merged["merged_into"].astype(str).map(by_label)
    out = pd.Series(target.to_numpy(), index=merged["lead_id"].to_numpy(), dtype="string")
    out = out[out.notna() & out.index.notna()]
    # the same lead_id can repeat (overlapping exports): all copies go to one survivor
    return out[~out.index.duplicated(keep="first")]


def _remap(frame: pd.DataFrame | None, ids: pd.Series) -> pd.DataFrame | None:
    if frame is None or ids.empty or "lead_id" not in frame.columns:
        return frame
    mapped = frame["lead_id"].map(ids)
    if not bool(mapped.notna().any()):
        return frame
    return frame.assign(lead_id=mapped.fillna(frame["lead_id"]).astype("string"))


def _lookup(keys: pd.Series, accounts: pd.Series, *, unique: bool = False) -> pd.Series:
    """key -> the account most often seen with it (ties: first seen).

    ``unique``: a key seen with two accounts decides nothing (a company name
    that two companies carry, kept apart by 名寄せ on other evidence).
    """
    pairs = pd.DataFrame({"k": keys.to_numpy(), "a": accounts.to_numpy()}).dropna()
    if pairs.empty:
        return pd.Series(dtype="string")
    counts = pairs.groupby(["k", "a"], sort=False).size().reset_index(name="n")
    if unique:
        counts = counts[~counts["k"].duplicated(keep=False)]
    best = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates("k")
    return pd.Series(best["a"].to_numpy(), index=best["k"].to_numpy(), dtype="string")


def _map(values: pd.Series, lookup: pd.Series) -> pd.Series:
    if lookup.empty:
        return pd.Series(pd.NA, index=values.index, dtype="string")
    pos = positions(pd.Series(lookup.index, dtype="string"), values)
    table = np.append(lookup.to_numpy(dtype=object, na_value=None), None)
    return pd.Series(table[pos], index=values.index, dtype="string")


def _domains(frame: pd.DataFrame) -> pd.Series:
    """Company domain of each row: its e-mail's (not free mail), else its website's."""
    dom = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "email" in frame.columns:
        mail = email_domain(frame["email"].astype("string"))
        dom = mail.mask(is_free_mail(mail).fillna(True).astype(bool)).astype("string")
    if "domain" in frame.columns:
        dom = dom.fillna(org_domain(frame["domain"].astype("string")))
    return dom


def _evidence(
    frame: pd.DataFrame,
    leads: pd.DataFrame,
    lead_acc: pd.Series,
    accounts: pd.DataFrame | None = None,
    *,
    crm: str = "account_id",
) -> pd.Series:
    """Account of each row from company evidence alone (no person); NA when none.

    A corporate number, the row's CRM account id (a contact of that CRM
    account: leads keep the id their file gave in ``crm_account_id``), a
    company domain (e-mail, website), then the company name (only a name no
    two accounts share) point at the account of the leads that carry it;
    then the row's CRM id, then its company name, at a row of the accounts
    file (``accounts`` carries its account in ``account_id`` and the CRM's
    in ``crm_account_id`` once attached).
    """
    acc = pd.Series(pd.NA, index=frame.index, dtype="string")
    if not len(frame):
        return acc
    if "corporate_number" in frame.columns and "corporate_number" in leads.columns:
        number = leads["corporate_number"].astype("string").str.strip()
        acc = _map(
            frame["corporate_number"].astype("string").str.strip(), _lookup(number, lead_acc)
        )
    if crm in frame.columns and "crm_account_id" in leads.columns:
        ids = _lookup(leads["crm_account_id"].astype("string").str.strip(), lead_acc)
        acc = acc.fillna(_map(frame[crm].astype("string").str.strip(), ids))
    if "email" in frame.columns or "domain" in frame.columns:
        acc = acc.fillna(_map(_domains(frame), _lookup(_domains(leads), lead_acc)))
    if "company" in frame.columns:
        names = company_key(frame["company"])
        if "company" in leads.columns:
            by_name = _lookup(company_key(leads["company"]), lead_acc, unique=True)
            acc = acc.fillna(_map(names, by_name))
        if accounts is not None and len(accounts):
            own = account_key(accounts)
            if crm in frame.columns:
                ids = accounts.get("crm_account_id", accounts.get("account_id"))
                if ids is not None:
                    acc = acc.fillna(_map(frame[crm].astype("string"), _lookup(ids, own)))
            if "company" in accounts.columns:
                by_name = _lookup(company_key(accounts["company"]), own, unique=True)
                acc = acc.fillna(_map(names, by_name))
    return acc


def _name_table(leads: pd.DataFrame, lead_acc: pd.Series) -> pd.Series:
    """``account + name key`` -> lead position; a pair two people with different e-mails share is left out."""
    keys = person_name_keys(leads)
    if not keys:
        return pd.Series(dtype="int64")
    mail = (
        email_key(leads["email"])
        if "email" in leads.columns
        else pd.Series(pd.NA, index=leads.index, dtype="string")
    )
    rows = np.arange(len(leads))
    parts = [
        pd.DataFrame(
            {"pair": (lead_acc + _SEP + k).to_numpy(), "row": rows, "mail": mail.to_numpy()}
        )
        for k in keys
    ]
    table = pd.concat(parts, ignore_index=True).dropna(subset=["pair"])
    mails = table.dropna(subset=["mail"]).drop_duplicates(["pair", "mail"])
    ambiguous = mails["pair"].value_counts()
    table = table[~table["pair"].isin(ambiguous.index[ambiguous.to_numpy() > 1])]
    table = table.drop_duplicates("pair", keep="first")
    return pd.Series(table["row"].to_numpy(), index=table["pair"].to_numpy())


def link_people(
    frame: pd.DataFrame, leads: pd.DataFrame, *, accounts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Link each activity or opportunity row to a person (see the module docstring).

    Parameters
    ----------
    frame : pandas.DataFrame
        Canonical activities or opportunities (not modified).
    leads : pandas.DataFrame
        The people: raw leads at load, kept leads after 名寄せ (their
        ``account_id`` is then the account a name is matched within;
        without it, ``co:<company key>``).
    accounts : pandas.DataFrame, optional
        The accounts file: a row whose company or CRM id is there links to
        that account (rule ``account``).

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``lead_id`` (the person's, where one was found; the
        file's own value otherwise) and ``link_rule`` (:data:`LINK_RULES`).
    """
    n = len(frame)
    rule = np.full(n, "none", dtype=object)
    pos = np.full(n, -1, dtype=np.int64)
    if "lead_id" in frame.columns and "lead_id" in leads.columns:
        pos = id_positions(leads["lead_id"], frame["lead_id"])
        rule[pos >= 0] = "id"
    todo = pos < 0
    if "email" in frame.columns and "email" in leads.columns and todo.any():
        found = positions(email_key(leads["email"]), email_key(frame["email"].loc[todo]))
        pos[np.flatnonzero(todo)] = found
        rule[np.flatnonzero(todo)[found >= 0]] = "email"
    todo = np.flatnonzero(pos < 0)
    if len(todo):
        lead_acc = account_key(leads)
        sub = frame.iloc[todo]
        acc = _evidence(sub, leads, lead_acc, accounts)
        if "contact_name" in frame.columns:
            table = _name_table(leads, lead_acc)
            pair = acc + _SEP + name_key(sub["contact_name"])
            found = positions(pd.Series(table.index, dtype="string"), pair)
            hit = found >= 0
            pos[todo[hit]] = table.to_numpy()[found[hit]]
            rule[todo[hit]] = "name_account"
        rest = pos[todo] < 0
        rule[todo[rest & acc.notna().to_numpy(dtype=bool)]] = "account"
    own = (
        frame["lead_id"].astype("string")
        if "lead_id" in frame.columns
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    if "lead_id" in leads.columns and len(leads):
        ids = np.append(
            leads["lead_id"].astype("string").to_numpy(dtype=object, na_value=None), None
        )
        found_id = pd.Series(ids[pos], index=frame.index, dtype="string")
        own = found_id.fillna(own)
    out = frame.assign(lead_id=own, link_rule=pd.array(rule, dtype="string"))
    return out[["lead_id", *(c for c in out.columns if c != "lead_id")]]


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


def attach_accounts(
    frame: pd.DataFrame | None, kept: pd.DataFrame, accounts: pd.DataFrame | None = None
) -> pd.DataFrame | None:
    """Give activity, opportunity or account rows the 名寄せ ``account_id``.

    Evidence, first match wins: the row's person (``lead_id``, then
    ``email``: the kept lead's account), a company domain (e-mail, website)
    or company name some kept lead shares, then — for activities and
    opportunities — the row's CRM id or company at a row of the (attached)
    accounts file. A CRM ``account_id`` the file carried is kept as
    ``crm_account_id``; a row that matches nothing gets ``"crm:" +`` that id
    (so an opportunity and an account row with the same CRM id still meet),
    else ``"co:" +`` its company key (:func:`abm.core.keys.company_account`:
    an existing customer's deal is still one account on every page), else NA.

    Parameters
    ----------
    frame : pandas.DataFrame or None
        Canonical activities, opportunities or accounts (not modified).
    kept : pandas.DataFrame
        Kept leads with ``account_id``.
    accounts : pandas.DataFrame, optional
        The accounts file, already attached.

    Returns
    -------
    pandas.DataFrame or None
    """
    if frame is None or "account_id" not in kept.columns:
        return frame
    out = frame.rename(columns={"account_id": "crm_account_id"}) if "account_id" in frame else frame
    lead_acc = kept["account_id"].astype("string")
    pos = lead_positions(frame, kept)
    table = np.append(lead_acc.to_numpy(dtype=object, na_value=None), None)
    acc = pd.Series(table[pos], index=frame.index, dtype="string")
    todo = acc.isna().to_numpy(dtype=bool)
    if todo.any():
        ev = _evidence(out.loc[todo], kept, lead_acc, accounts, crm="crm_account_id")
        acc = acc.copy()
        acc[todo] = ev.to_numpy(dtype=object, na_value=None)
    if "crm_account_id" in out.columns:  # no lead evidence: keep the CRM's own id, namespaced
        acc = acc.fillna("crm:" + out["crm_account_id"].astype("string"))
    if "company" in frame.columns:  # a company with no kept lead (a customer, a university…)
        acc = acc.fillna(company_account(frame["company"]))
    return out.assign(account_id=acc.astype("string"))


def _relink(
    frame: pd.DataFrame | None,
    loaded: Dataset,
    kept: pd.DataFrame,
    ids: pd.Series,
    accounts: pd.DataFrame | None,
) -> pd.DataFrame | None:
    """Link rows as at load (when not loaded), follow merges, re-try loose rows within ``kept``'s accounts."""
    if frame is None:
        return None
    if "link_rule" not in frame.columns:  # a dataset that did not come through abm.ingest
        frame = link_people(frame, loaded.leads, accounts=loaded.accounts)
    frame = _remap(frame, ids)
    old = frame["link_rule"].astype("string").fillna("none")
    loose = ~old.isin(PERSON_RULES).to_numpy(dtype=bool)
    if loose.any() and len(kept):
        again = link_people(frame.loc[loose], kept, accounts=accounts)
        new = again["link_rule"]
        pick = (new.isin(PERSON_RULES) | ((new == "account") & (old[loose] == "none"))).to_numpy(
            dtype=bool
        )
        rows = np.flatnonzero(loose)[pick]
        if len(rows):
            frame = frame.copy()
            frame.iloc[rows, frame.columns.get_loc("lead_id")] = again["lead_id"].to_numpy()[pick]
            frame.iloc[rows, frame.columns.get_loc("link_rule")] = new.to_numpy()[pick]
    return attach_accounts(frame, kept, accounts)


def link_tables(
    dataset: Dataset, *, kept: pd.DataFrame | None = None, survivors: pd.Series | None = None
) -> Dataset:
    """Link every table of ``dataset`` to people and accounts, without cleaning the leads.

    :func:`prepare` calls it with 名寄せ's kept leads; called alone (a notebook
    with its own account ids, a test), the leads keep their ``account_id`` or
    get ``co:<company key>`` (:func:`abm.core.keys.account_key`).

    Parameters
    ----------
    dataset : Dataset
        As loaded (not modified).
    kept : pandas.DataFrame, optional
        The people rows link to (default: ``dataset.leads``).
    survivors : pandas.Series, optional
        Merged ``lead_id`` -> surviving ``lead_id`` (:func:`survivor_ids`).

    Returns
    -------
    Dataset
        ``leads`` = ``kept`` with ``account_id``; activities and opportunities
        with ``lead_id``, ``link_rule`` and ``account_id``; accounts with
        ``account_id`` (the file's own id in ``crm_account_id``).
    """
    people = dataset.leads if kept is None else kept
    if "account_id" not in people.columns:
        people = people.assign(account_id=account_key(people))
    ids = pd.Series(dtype="string") if survivors is None else survivors
    accounts = attach_accounts(dataset.accounts, people)
    return replace(
        dataset,
        leads=people,
        activities=_relink(dataset.activities, dataset, people, ids, accounts),
        opportunities=_relink(dataset.opportunities, dataset, people, ids, accounts),
        accounts=accounts,
    )


def prepare(
    dataset: Dataset,
    *,
    config: ResolveConfig | None = None,
    rules: ExclusionRules | None = None,
    decisions: ReviewDecisions | None = None,
    progress: ProgressFn | None = None,
) -> Prepared:
    """Clean a loaded dataset for analysis.

    Parameters
    ----------
    dataset : Dataset
        As loaded (not modified).
    config, rules, decisions
        名寄せ settings, exclusion rules and review decisions (defaults when
        omitted).
    progress : callable, optional
        ``progress(step, done, total)`` (:mod:`abm.progress`): the cleaning
        steps, then ``link`` (activities and opportunities to the cleaned
        leads).

    Returns
    -------
    Prepared
        ``dataset.leads`` = kept persons with account columns; activities and
        opportunities linked to people (``lead_id``, ``link_rule``; rows of a
        merged person point at the survivor) and, like account rows, given
        their ``account_id`` (:func:`attach_accounts`). A CRM account id the
        leads' file carried (a contacts export) is kept in ``crm_account_id``:
        名寄せ decides the account, the CRM id is evidence for linking.
    """
    if "account_id" in dataset.leads.columns:
        leads = dataset.leads.rename(columns={"account_id": "crm_account_id"})
        dataset = replace(dataset, leads=leads)
    clean = clean_leads(
        dataset.leads,
        config=config or ResolveConfig(),
        rules=rules,
        decisions=decisions,
        progress=progress,
        accounts=dataset.accounts,  # account rows face the same exclusion rules (#13)
    )
    linked = sum(len(f) for f in (dataset.activities, dataset.opportunities) if f is not None)
    with Progress(progress).step("link", linked):
        kept_rows = replace(dataset, accounts=clean.account_rows)  # excluded account rows left out
        cleaned = link_tables(kept_rows, kept=clean.kept, survivors=survivor_ids(clean))
    return Prepared(dataset=cleaned, clean=clean)


def prepare_or_defaults(
    dataset: Dataset,
    *,
    config: ResolveConfig,
    rules: ExclusionRules,
    decisions: ReviewDecisions,
    defaults: tuple[ResolveConfig, ExclusionRules, ReviewDecisions],
    progress: ProgressFn | None = None,
) -> tuple[Prepared, bool]:
    """:func:`prepare` with the saved settings, else with ``defaults``.

    A failure caused by saved settings must not break every page: the data is
    cleaned again with the defaults and the second value says so. A failure
    with the defaults too is the data's and is raised.

    Returns
    -------
    (Prepared, bool)
        The cleaned data and whether the defaults had to be used.
    """
    try:
        return prepare(
            dataset, config=config, rules=rules, decisions=decisions, progress=progress
        ), False
    except Exception:
        if (config, rules, decisions) == defaults:
            raise
    d_config, d_rules, d_decisions = defaults
    out = prepare(dataset, config=d_config, rules=d_rules, decisions=d_decisions, progress=progress)
    return out, True
