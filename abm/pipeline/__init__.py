"""From loaded data to the cleaned data every analysis page uses — and the one place rows link.

``prepare`` runs the cleaning ledger (:func:`abm.resolve.clean_leads`: person
de-duplication, 営業対象外 exclusions, 名寄せ) and returns a new
:class:`~abm.dataset.Dataset` whose leads are the kept persons — one row per
real person, each with ``account_id`` / ``account_name``. Funnel, gap,
scoring and accounts all read this one dataset, so their numbers agree.

Linking happens here and nowhere else (:mod:`abm.pipeline.links`):
:func:`link_people` gives each activity or opportunity row its person and
``link_rule`` (id → e-mail → contact name + account → account → none);
:func:`abm.ingest.build_batch` calls it at load by id and e-mail only (the
rest ``pending``; rates in the load report), ``prepare`` looks the rows
without a person up by name within 名寄せ's accounts and points merged
persons' rows at the survivor; :func:`attach_accounts` gives
every row its ``account_id``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.arrow import arrow_strings, strings
from abm.core.keys import (
    CONTACT_SEPARATOR,
    account_key,
    company_key,
    join_lists,
    list_items,
    positions,
)
from abm.dataset import Dataset
from abm.pipeline.links import (
    LINK_RULES,
    PERSON_RULES,
    PeopleIndex,
    attach_accounts,
    committee_ids,
    first_listed,
    index_people,
    link_people,
    link_people_and_rules,
    link_summary,
    named_colleagues,
)
from abm.progress import Progress, ProgressFn
from abm.resolve import (
    CleanResult,
    ExclusionRules,
    ResolveConfig,
    ReviewDecisions,
    clean_leads,
)
from abm.resolve.normalise import without_site
from abm.resolve.resolve import spelling_formality

__all__ = [
    "FIRMOGRAPHICS",
    "LINK_RULES",
    "PERSON_RULES",
    "RULES_VERSION",
    "PeopleIndex",
    "Prepared",
    "attach_accounts",
    "clean_dataset",
    "crm_account_names",
    "index_people",
    "leads_for_cleaning",
    "link_people",
    "link_people_and_rules",
    "link_summary",
    "link_tables",
    "named_elsewhere",
    "prepare",
    "prepare_or_defaults",
    "survivor_ids",
    "with_account_firmographics",
]


#: The version of the rules that read and clean a dataset (phases, grouped reports,
#: superseded deals, person merges…). A stored preparation (:mod:`abm.engine.prepared`)
#: is keyed by it: one made by other rules is prepared again, not reopened.
RULES_VERSION = "2026-12-07.36"


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


def _remapped_lists(listed: pd.Series, ids: pd.Series) -> pd.Series:
    """``contact_ids`` with each merged person's id replaced by its survivor's, once."""
    rows, items = list_items(listed)
    if not len(rows):
        return listed
    items = pd.Series(items, dtype="string")
    joined = join_lists(rows, items.map(ids).fillna(items).to_numpy(dtype=object))
    out = listed.copy()
    out.iloc[joined.index.to_numpy()] = joined.to_numpy(dtype=object)
    return out


def _remap(frame: pd.DataFrame | None, ids: pd.Series) -> pd.DataFrame | None:
    if frame is None or ids.empty or "lead_id" not in frame.columns:
        return frame
    out = frame
    mapped = frame["lead_id"].map(ids)
    if bool(mapped.notna().any()):
        out = frame.assign(lead_id=mapped.fillna(frame["lead_id"]).astype("string"))
    if "contact_ids" in out.columns:  # a deal's other people follow their merges too
        out = out.assign(contact_ids=_remapped_lists(out["contact_ids"].astype("string"), ids))
    return out


def _relink(
    frame: pd.DataFrame | None,
    loaded: Dataset,
    kept: PeopleIndex,
    ids: pd.Series,
    *,
    every: bool = False,
) -> pd.DataFrame | None:
    """Link rows as at load (when not loaded), follow merges, re-try loose rows within
    ``kept``'s accounts; ``every``: each person a row lists (opportunities)."""
    if frame is None:
        return None
    loaded_links = "link_rule" in frame.columns  # linked at load: id and e-mail only
    if not loaded_links:  # a dataset that did not come through abm.ingest
        frame = link_people(frame, loaded.leads, accounts=loaded.accounts, every=every)
    frame = _remap(frame, ids)
    old = frame["link_rule"].astype("string").fillna("none")
    loose = ~old.isin(PERSON_RULES).to_numpy(dtype=bool)
    if loose.any() and len(kept.leads):
        again = link_people(frame.loc[loose], kept, every=every)
        new = again["link_rule"]
        was = old[loose]  # a pending row takes what 名寄せ's accounts give, even none
        pick = (
            new.isin(PERSON_RULES) | ((new == "account") & (was == "none")) | (was == "pending")
        ).to_numpy(dtype=bool)
        rows = np.flatnonzero(loose)[pick]
        if len(rows):
            frame = frame.copy()
            frame.iloc[rows, frame.columns.get_loc("lead_id")] = again["lead_id"].to_numpy()[pick]
            frame.iloc[rows, frame.columns.get_loc("link_rule")] = new.to_numpy()[pick]
            if "contact_ids" in again.columns:  # a loose row's people, found by name
                if "contact_ids" not in frame.columns:
                    frame["contact_ids"] = pd.Series(pd.NA, index=frame.index, dtype="string")
                listed = again["contact_ids"].to_numpy(dtype=object)[pick]
                frame.iloc[rows, frame.columns.get_loc("contact_ids")] = listed
    if every and loaded_links and len(kept.leads) and "contact_name" in frame.columns:
        frame = _with_colleagues(frame, kept)  # the names a load could not look up
    frame = attach_accounts(frame, kept)
    if every and any(c.startswith("committee_") for c in frame.columns):
        frame = frame.assign(committee_ids=committee_ids(frame, kept))  # a deal's committee
    return frame


def _with_colleagues(frame: pd.DataFrame, kept: PeopleIndex) -> pd.DataFrame:
    """``contact_ids`` of the rows linked to a person at load that name contacts, with the
    names found now that 名寄せ's accounts exist (a folded contact-role row: one contact's
    e-mail or id, every contact's name); a row naming only its own person is left as it is."""
    person = frame["link_rule"].astype("string").isin(PERSON_RULES).to_numpy(dtype=bool)
    named = frame["contact_name"].astype("string").str.strip().fillna("") != ""
    rows = np.flatnonzero(person & named.to_numpy(dtype=bool))
    if not len(rows):
        return frame
    again = named_colleagues(frame.iloc[rows], kept)
    if not again.notna().any():
        return frame
    own = frame["lead_id"].astype("string").to_numpy(dtype=object)[rows]
    had = frame["contact_ids"] if "contact_ids" in frame.columns else frame["lead_id"]
    had = had.astype("string").to_numpy(dtype=object)[rows]
    had = np.where(pd.isna(had), own, had)  # positions, whatever the frame's index
    at, items = list_items(pd.Series(np.r_[had, again.to_numpy(dtype=object)]))
    joined = join_lists(np.r_[rows, rows][at], items)  # what it had first, then the names
    several = joined.str.contains(CONTACT_SEPARATOR, regex=False).to_numpy(dtype=bool)
    out = frame.copy()
    if "contact_ids" not in out.columns:
        out["contact_ids"] = pd.Series(pd.NA, index=out.index, dtype="string")
    where = joined.index.to_numpy(dtype=np.int64)[several]
    out.iloc[where, out.columns.get_loc("contact_ids")] = joined.to_numpy(dtype=object)[several]
    return out


def link_tables(
    dataset: Dataset,
    *,
    kept: pd.DataFrame | None = None,
    survivors: pd.Series | None = None,
    named: pd.DataFrame | None = None,
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
    named : pandas.DataFrame, optional
        Other files' company names 名寄せ joined to a kept lead's account
        (:attr:`abm.resolve.CleanResult.named`): a row naming one reaches that account.

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
    accounts = attach_accounts(dataset.accounts, index_people(people, named=named))
    index = index_people(people, accounts=accounts, named=named)  # once for both tables
    return replace(
        dataset,
        leads=people,
        activities=_relink(dataset.activities, dataset, index, ids),
        opportunities=_relink(dataset.opportunities, dataset, index, ids, every=True),
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
    dataset = replace(dataset, leads=leads_for_cleaning(dataset))
    clean = _clean(dataset, config, rules, decisions, progress)
    linked = sum(len(f) for f in (dataset.activities, dataset.opportunities) if f is not None)
    with Progress(progress).step("link", linked):
        kept_rows = replace(dataset, accounts=clean.account_rows)  # excluded account rows left out
        cleaned = link_tables(
            kept_rows, kept=clean.kept, survivors=survivor_ids(clean), named=clean.named
        )
    names = crm_account_names(
        cleaned.accounts, cleaned.opportunities, leads=cleaned.leads, named=clean.named
    )
    if len(names):  # one name per account on every page: the CRM's where it has the account
        cleaned = replace(cleaned, leads=_named(cleaned.leads, names))
    cleaned = replace(cleaned, leads=with_account_firmographics(cleaned.leads, cleaned.accounts))
    return Prepared(dataset=cleaned, clean=_crm_named(clean, names))


#: A company's figures that come with a band as written (the figure is the band's lower
#: bound): they are taken together.
_BANDED: tuple[tuple[str, str], ...] = (
    ("employees", "employees_band"),
    ("annual_revenue", "annual_revenue_band"),
)
#: The company facts a lead takes from its account's row of the accounts file when its own
#: export gives none (a band with its number).
FIRMOGRAPHICS: tuple[str, ...] = (
    "industry", "employees", "employees_band", "annual_revenue", "annual_revenue_band",
)  # fmt: skip


def with_account_firmographics(leads: pd.DataFrame, accounts: pd.DataFrame | None) -> pd.DataFrame:
    """``leads`` with the company facts their export leaves blank taken from their account's
    rows of the accounts file, read as the roll-up reads them: the first industry given,
    the largest size and revenue (each with its own band).

    QA-G: a HubSpot contacts export has no revenue, its companies export has it for every
    company — the scoring's revenue bands were all "unknown" and the Data page said so. A
    lead's own value is kept: a number and its band are filled together, only where the
    lead's number is blank.

    Parameters
    ----------
    leads : pandas.DataFrame
        Kept leads with ``account_id`` (:func:`link_tables`).
    accounts : pandas.DataFrame or None
        Account rows with ``account_id``.

    Returns
    -------
    pandas.DataFrame
        ``leads`` (the same object when nothing is filled).
    """
    facts = _account_facts(accounts)
    if facts is None or "account_id" not in leads.columns:
        return leads
    at = positions(pd.Series(facts.index, dtype="string"), leads["account_id"].astype("string"))
    if not (at >= 0).any():
        return leads

    def theirs(col: str) -> pd.Series:
        values = facts[col].iloc[np.maximum(at, 0)].reset_index(drop=True)
        return values.where(pd.Series(at >= 0)).set_axis(leads.index)

    def own(col: str, like: pd.Series) -> pd.Series:
        return leads[col] if col in leads.columns else like.mask(np.ones(len(like), dtype=bool))

    filled: dict[str, pd.Series] = {}
    if "industry" in facts.columns:
        given = theirs("industry")
        mine = own("industry", given)
        filled["industry"] = mine.fillna(given.astype(mine.dtype))
    for number, band in _BANDED:
        if number not in facts.columns:
            continue
        given = theirs(number)
        mine = own(number, given)
        take = (mine.isna() & given.notna()).to_numpy(dtype=bool)
        if not take.any():
            continue
        filled[number] = mine.mask(take, given.astype(mine.dtype))
        if band in facts.columns:  # the band of the number taken, never beside another
            their_band = theirs(band)
            my_band = own(band, their_band)
            filled[band] = my_band.mask(take, their_band.astype(my_band.dtype))
    changed = {c: v for c, v in filled.items() if c not in leads.columns or not v.equals(leads[c])}
    return leads.assign(**changed) if changed else leads


def _account_facts(accounts: pd.DataFrame | None) -> pd.DataFrame | None:
    """Per ``account_id`` of the accounts file: its first industry, its largest size and
    revenue with their bands (:func:`with_account_firmographics`); None without any."""
    if accounts is None or not len(accounts) or "account_id" not in accounts.columns:
        return None
    rows = accounts[accounts["account_id"].notna().to_numpy(dtype=bool)]
    ids = rows["account_id"].astype("string").to_numpy(dtype=object)
    out: dict[str, pd.Series] = {}
    if "industry" in rows.columns and rows["industry"].notna().any():
        out["industry"] = rows["industry"].groupby(ids, sort=False).first()
    for number, band in _BANDED:
        if number not in rows.columns:
            continue
        values = pd.to_numeric(rows[number], errors="coerce").astype("float64")
        known = values.notna().to_numpy(dtype=bool)
        if not known.any():
            continue
        best = (
            pd.Series(values.to_numpy()[known], index=np.flatnonzero(known))
            .groupby(ids[known], sort=False)
            .idxmax()
        )  # the row of each account's largest figure
        out[number] = rows[number].iloc[best.to_numpy()].set_axis(best.index)
        if band in rows.columns:
            out[band] = rows[band].iloc[best.to_numpy()].set_axis(best.index)
    if not out:
        return None
    return pd.DataFrame(out)


def _clean(
    dataset: Dataset,
    config: ResolveConfig | None,
    rules: ExclusionRules | None,
    decisions: ReviewDecisions | None,
    progress: ProgressFn | None = None,
) -> CleanResult:
    """名寄せ and 営業対象外 of ``dataset``'s leads (already :func:`leads_for_cleaning`)."""
    return clean_leads(
        dataset.leads,
        config=config or ResolveConfig(),
        rules=rules,
        decisions=decisions,
        progress=progress,
        accounts=dataset.accounts,  # account rows face the same exclusion rules (#13)
        named=named_elsewhere(dataset),
    )


def _crm_named(clean: CleanResult, names: pd.Series) -> CleanResult:
    if not len(names):
        return clean
    return replace(
        clean,
        kept=_named(clean.kept, names),
        accounts=_named(clean.accounts, names),
        hygiene_review=_named(clean.hygiene_review, names),
    )


def clean_dataset(
    dataset: Dataset,
    *,
    config: ResolveConfig | None = None,
    rules: ExclusionRules | None = None,
    decisions: ReviewDecisions | None = None,
    names: bool = True,
) -> CleanResult:
    """The ledger :func:`prepare` would make, without linking activities and opportunities.

    For a preview of settings not saved yet (the Cleaning page): the same rows cleaned
    (:func:`leads_for_cleaning`), the other files' company names matched
    (:func:`named_elsewhere`) and the CRM's account names (:func:`crm_account_names`)
    — so a preview of the saved settings equals what every page reads.

    Parameters
    ----------
    dataset : Dataset
        As loaded (not modified).
    config, rules, decisions
        As for :func:`prepare`.
    names : bool
        Whether to give accounts the CRM's names (default); without, only the counts
        and 名寄せ's names are right (enough for how many accounts there are).

    Returns
    -------
    abm.resolve.CleanResult
        Equal to ``prepare(dataset, …).clean``.
    """
    dataset = replace(dataset, leads=leads_for_cleaning(dataset))
    clean = _clean(dataset, config, rules, decisions)
    has_rows = clean.account_rows is not None and len(clean.account_rows) > 0
    deals = dataset.opportunities
    has_deals = deals is not None and len(deals) > 0 and "company" in deals.columns
    if not names or not (has_rows or has_deals):
        return clean
    if not has_deals:  # the accounts file as link_tables attaches it, nothing else linked
        people = clean.kept
        if "account_id" not in people.columns:
            people = people.assign(account_id=account_key(people))
        rows = attach_accounts(clean.account_rows, index_people(people, named=clean.named))
        return _crm_named(clean, crm_account_names(rows))
    linked = link_tables(  # the accounts file and the deals as prepare links them
        replace(dataset, accounts=clean.account_rows, activities=None),
        kept=clean.kept,
        survivors=survivor_ids(clean),
        named=clean.named,
    )
    found = crm_account_names(
        linked.accounts, linked.opportunities, leads=linked.leads, named=clean.named
    )
    return _crm_named(clean, found)


def crm_account_names(
    accounts: pd.DataFrame | None,
    opportunities: pd.DataFrame | None = None,
    *,
    leads: pd.DataFrame | None = None,
    named: pd.DataFrame | None = None,
) -> pd.Series:
    """The name the CRM gives each account it holds.

    The accounts file's first row's company per ``account_id`` (as the roll-up reads
    firmographics); for an account no accounts file names, the company its deals give
    most (``company``: a Salesforce opportunity report's 取引先名, the CRM's account
    name), when that name is one of the account's (:func:`_deal_names`). The CRM's record
    is the name sales know and import back; 名寄せ's commonest spelling names the accounts
    the CRM does not hold (QA-E: ``匠ハウジング株式会社`` on the Cleaning page beside
    ``Takumi Housing Co., Ltd.`` on Target accounts; QA-M: the export said ``YKK(株)``
    where the opportunity report said ``YKK株式会社``, and Salesforce would have taken it
    as another account).

    Parameters
    ----------
    accounts : pandas.DataFrame or None
        The accounts rows after :func:`link_tables` (with ``account_id``).
    opportunities : pandas.DataFrame or None
        The opportunities after :func:`link_tables` (with ``account_id``).
    leads : pandas.DataFrame or None
        The kept leads (``account_id``, ``company``): a deal's name counts when one of its
        account's people wrote it alike (:func:`abm.core.keys.company_key`).
    named : pandas.DataFrame or None
        The other files' names 名寄せ joined to an account
        (:attr:`abm.resolve.CleanResult.named`): such a name counts for that account.

    Returns
    -------
    pandas.Series
        ``string`` names indexed by ``account_id`` (empty without such rows).
    """
    own = _file_names(accounts)
    own = own.map(without_site).astype("string")  # never shown with an honorific or a site
    deals = _deal_names(opportunities, leads, named)
    deals = deals[~deals.index.isin(own.index)]  # an accounts file wins
    if not len(deals):
        return own
    if not len(own):
        return deals
    return pd.concat([own, deals]).astype("string")


def _file_names(accounts: pd.DataFrame | None) -> pd.Series:
    """The accounts file's first company per ``account_id`` (:func:`crm_account_names`)."""
    if accounts is None or not {"account_id", "company"} <= set(accounts.columns):
        return pd.Series(dtype="string")
    rows = accounts[["account_id", "company"]].astype("string")
    rows = rows.assign(company=rows["company"].str.strip().replace("", pd.NA)).dropna()
    return rows.drop_duplicates("account_id").set_index("account_id")["company"]


def _deal_names(
    opportunities: pd.DataFrame | None,
    leads: pd.DataFrame | None,
    named: pd.DataFrame | None,
) -> pd.Series:
    """Per ``account_id``, the company its deals name most (deals, not rows: a deal's
    contact-role rows count once); on a tie the most formal spelling
    (:func:`abm.resolve.resolve.spelling_formality`: 株式会社 beside (株)), then the first met.

    Only a name of the account counts: its :func:`abm.core.keys.company_key` is that of a
    company the account's people wrote or of a name 名寄せ joined to it (``named``). A
    deal linked through a person who wrote another company (a reseller's buyer on the
    end customer's deal) does not rename the person's account. A cell listing several
    companies gives its first, as linking reads it.
    """
    empty = pd.Series(dtype="string")
    if (
        opportunities is None
        or not len(opportunities)
        or not {"account_id", "company"} <= set(opportunities.columns)
    ):
        return empty
    n = len(opportunities)
    first = first_listed(arrow_strings(opportunities["company"]))
    deal = (
        opportunities["opportunity_id"].astype("string").str.strip().replace("", pd.NA)
        if "opportunity_id" in opportunities.columns
        else pd.Series(pd.NA, index=opportunities.index, dtype="string")
    )
    rows = pd.DataFrame(
        {
            "account_id": opportunities["account_id"].astype("string").to_numpy(),
            "company": strings(first, pd.RangeIndex(n)).str.strip().replace("", pd.NA),
            # a deal of several rows (its contact roles) counts once
            "deal": deal.to_numpy(dtype=object, na_value=None),
        }
    )
    rows["deal"] = rows["deal"].fillna(pd.Series([f"row:{i}" for i in range(n)]))
    rows = rows.dropna(subset=["account_id", "company"])
    rows = rows.assign(key=company_key(rows["company"])).dropna(subset=["key"])
    # a spelling with an honorific or a site part (大洋ホテルズ様, 山陽精機（工場）,
    # 株式会社明星食品　本社: a hand-kept sheet's) is no account's record: the leads' name
    loose = [
        without_site(c) != " ".join(unicodedata.normalize("NFKC", c).split())
        for c in rows["company"].tolist()
    ]
    rows = rows[~np.array(loose, dtype=bool)]
    theirs = [
        frame[["account_id", "company"]]
        for frame in (leads, named)
        if frame is not None and len(frame) and {"account_id", "company"} <= set(frame.columns)
    ]
    if not len(rows) or not theirs:
        return empty
    known = pd.concat(theirs, ignore_index=True).astype("string").dropna()
    known = known[known["account_id"].isin(rows["account_id"]).to_numpy(dtype=bool)]
    known = known.assign(key=company_key(known["company"])).dropna(subset=["key"])
    pairs = pd.MultiIndex.from_frame(known[["account_id", "key"]])
    rows = rows[pd.MultiIndex.from_frame(rows[["account_id", "key"]]).isin(pairs)]
    if not len(rows):
        return empty
    most = rows.groupby(["account_id", "company"], sort=False)["deal"].nunique()
    most = most.reset_index(name="n")
    most["formal"] = spelling_formality(most["company"].to_numpy(dtype=object))
    most = most.sort_values(["n", "formal"], ascending=False, kind="stable")
    return most.drop_duplicates("account_id").set_index("account_id")["company"].astype("string")


def _named(frame: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """``frame`` with ``account_name`` taken from ``names`` where its account is there."""
    if "account_name" not in frame.columns or "account_id" not in frame.columns:
        return frame
    crm = frame["account_id"].astype("string").map(names)
    if not bool(crm.notna().any()):
        return frame
    return frame.assign(account_name=crm.fillna(frame["account_name"]).astype("string"))


def named_elsewhere(dataset: Dataset) -> pd.Series:
    """The company names the opportunity and accounts files give, once each.

    名寄せ matches them after the leads' names (:func:`abm.resolve.clean_leads`), so a
    deal whose account is spelled another way (``Nordwind Japan K.K.`` beside the leads'
    ノルトヴィント・ジャパン株式会社) reaches the leads' account instead of one of its own.
    A cell listing several companies gives its first, as linking reads it. Activity logs
    are left out (an MA log's free-text company column may hold a million spellings; its
    rows link by person).

    Parameters
    ----------
    dataset : Dataset
        As loaded.

    Returns
    -------
    pandas.Series
        Distinct names (``string``), without blanks.
    """
    parts = [
        pc.unique(pc.drop_null(first_listed(arrow_strings(frame["company"]))))
        for frame in (dataset.opportunities, dataset.accounts)
        if frame is not None and "company" in frame.columns and len(frame)
    ]
    if not parts:
        return pd.Series(dtype="string")
    names = pc.unique(pa.concat_arrays([p.cast(pa.large_string()) for p in parts]))
    names = names.filter(pc.not_equal(pc.utf8_trim_whitespace(names), ""))
    return pd.Series(names.to_pylist(), dtype="string")


def leads_for_cleaning(dataset: Dataset) -> pd.DataFrame:
    """The leads :func:`prepare` cleans: a CRM account id the leads' file carried is kept in
    ``crm_account_id`` (evidence, not the account), and a contact naming no company takes
    its company from that id's row of the accounts file. The cleaning page's preview of
    unsaved settings cleans the same rows.

    Parameters
    ----------
    dataset : Dataset
        As loaded (not modified).

    Returns
    -------
    pandas.DataFrame
    """
    leads = dataset.leads
    if "account_id" not in leads.columns:
        return leads
    leads = leads.rename(columns={"account_id": "crm_account_id"})
    return _companies_from_accounts(leads, dataset.accounts)


def _companies_from_accounts(leads: pd.DataFrame, accounts: pd.DataFrame | None) -> pd.DataFrame:
    """A contact that names no company but carries its CRM account id (a Salesforce
    ``Contact.csv``: ``AccountId`` only) takes the company of that id's row in the accounts
    file (``Account.csv``), so 名寄せ sees the company the CRM says."""
    if accounts is None or not {"account_id", "company"} <= set(accounts.columns):
        return leads
    crm = leads["crm_account_id"].astype("string").str.strip()
    company = (
        leads["company"].astype("string")
        if "company" in leads.columns
        else pd.Series(pd.NA, index=leads.index, dtype="string")
    )
    blank = (company.str.strip().fillna("") == "").to_numpy(dtype=bool) & crm.notna().to_numpy(
        dtype=bool
    )
    if not blank.any():
        return leads
    names = accounts.assign(_id=accounts["account_id"].astype("string").str.strip())
    names = names.dropna(subset=["_id", "company"]).drop_duplicates("_id").set_index("_id")
    found = names["company"].astype("string").reindex(crm[blank].to_numpy()).to_numpy()
    filled = company.copy()
    filled.iloc[np.flatnonzero(blank)] = found
    return leads.assign(company=filled)


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
