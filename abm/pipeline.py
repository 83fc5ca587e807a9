"""From loaded data to the cleaned data every analysis page uses.

``prepare`` runs the cleaning ledger (:func:`abm.resolve.clean_leads`: person
de-duplication, 営業対象外 exclusions, 名寄せ) and returns a new
:class:`~abm.dataset.Dataset` whose leads are the kept persons — one row per
real person, each with ``account_id`` / ``account_name`` — and whose
activities and opportunities point at the surviving lead of a merged person,
so a merged row's activities are kept. Funnel, gap, scoring and accounts all
read this one dataset, so their numbers agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

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
    normalise_company,
)
from abm.resolve.normalise import normalise_email, org_domain

__all__ = ["Prepared", "attach_accounts", "prepare", "survivor_ids"]


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


def _lookup(keys: pd.Series, accounts: pd.Series) -> pd.Series:
    """key -> the account most often seen with it (ties: first seen)."""
    pairs = pd.DataFrame({"k": keys.to_numpy(), "a": accounts.to_numpy()}).dropna()
    if pairs.empty:
        return pd.Series(dtype="string")
    counts = pairs.groupby(["k", "a"], sort=False).size().reset_index(name="n")
    best = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates("k")
    return pd.Series(best["a"].to_numpy(), index=best["k"].to_numpy(), dtype="string")


def _lead_domains(leads: pd.DataFrame) -> pd.Series:
    dom = pd.Series(pd.NA, index=leads.index, dtype="string")
    if "email" in leads.columns:
        mail = email_domain(leads["email"].astype("string"))
        dom = mail.mask(is_free_mail(mail).fillna(True).astype(bool)).astype("string")
    if "domain" in leads.columns:
        dom = dom.fillna(org_domain(leads["domain"].astype("string")))
    return dom


def attach_accounts(frame: pd.DataFrame | None, kept: pd.DataFrame) -> pd.DataFrame | None:
    """Give opportunity or account rows the 名寄せ ``account_id`` of the kept leads.

    Evidence, first match wins: the row's lead (``lead_id``, then ``email``),
    its website ``domain``, then its normalised ``company`` name. A CRM
    ``account_id`` the file carried is kept as ``crm_account_id``; a row that
    matches no lead gets ``"crm:" + crm_account_id`` (so an opportunity and an
    account row with the same CRM id still meet), else ``"co:" +`` its
    normalised company name (an existing customer or an excluded company's
    deal is still one account on every page), else NA.

    Parameters
    ----------
    frame : pandas.DataFrame or None
        Canonical opportunities or accounts (not modified).
    kept : pandas.DataFrame
        Kept leads with ``account_id``.

    Returns
    -------
    pandas.DataFrame or None
    """
    if frame is None or "account_id" not in kept.columns:
        return frame
    out = frame.rename(columns={"account_id": "crm_account_id"}) if "account_id" in frame else frame
    acc = pd.Series(pd.NA, index=frame.index, dtype="string")
    for col, norm in (("lead_id", lambda s: s.astype("string")), ("email", normalise_email)):
        if col in frame.columns and col in kept.columns:
            acc = acc.fillna(norm(frame[col]).map(_lookup(norm(kept[col]), kept["account_id"])))
    if "domain" in frame.columns:
        lookup = _lookup(_lead_domains(kept), kept["account_id"])
        acc = acc.fillna(org_domain(frame["domain"].astype("string")).map(lookup))
    if "company" in frame.columns and "company" in kept.columns:
        lookup = _lookup(normalise_company(kept["company"].astype("string")), kept["account_id"])
        acc = acc.fillna(normalise_company(frame["company"].astype("string")).map(lookup))
    if "crm_account_id" in out.columns:  # no lead evidence: keep the CRM's own id, namespaced
        acc = acc.fillna("crm:" + out["crm_account_id"].astype("string"))
    if "company" in frame.columns:  # a company with no kept lead (a customer, a university…)
        acc = acc.fillna("co:" + normalise_company(frame["company"].astype("string")))
    return out.assign(account_id=acc.astype("string"))


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
        ``dataset.leads`` = kept persons with account columns; activities
        and opportunities re-pointed from merged rows to survivors;
        opportunities and accounts carry the 名寄せ ``account_id`` (see
        :func:`attach_accounts`).
    """
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
        ids = survivor_ids(clean)
        cleaned = replace(
            dataset,
            leads=clean.kept,
            activities=_remap(dataset.activities, ids),
            opportunities=attach_accounts(_remap(dataset.opportunities, ids), clean.kept),
            accounts=attach_accounts(clean.account_rows, clean.kept),  # excluded rows left out
        )
    return Prepared(dataset=cleaned, clean=clean)
