"""The cleaning ledger: every input row is kept, merged or excluded — once.

Order: persons are de-duplicated first (so an opt-out on any row of a person
excludes the person), exclusions are judged on each person's merged record,
then the remaining persons are resolved to accounts.

* ``excluded``: every row of an excluded person, with its reason;
* ``merged``: the other rows of a kept person, with ``merged_into``;
* ``kept``: one row per kept person (survivorship applied) with its account.

``len(kept) + len(merged) + len(excluded) == len(leads)``, always.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from abm.progress import Progress, ProgressFn
from abm.resolve.hygiene import REASONS, ExclusionRules, apply_exclusions
from abm.resolve.persons import dedupe_persons, merge_persons
from abm.resolve.resolve import MATCH_RULES, ResolveConfig, resolve
from abm.resolve.review import ReviewDecisions

__all__ = ["CleanResult", "clean_leads"]


@dataclass(frozen=True)
class CleanResult:
    """Result of :func:`clean_leads`.

    Attributes
    ----------
    kept : pandas.DataFrame
        One row per kept person: the lead columns (survivorship applied),
        ``person_id``, ``merged_rows``, ``account_id``, ``account_name``,
        ``match_rule``, ``match_confidence``.
    merged : pandas.DataFrame
        Duplicate rows of kept persons, with ``person_id`` and
        ``merged_into`` (index label of the kept row).
    excluded : pandas.DataFrame
        Rows of excluded persons, with ``exclusion_reason`` and
        ``exclusion_reasons``.
    accounts : pandas.DataFrame
        One row per account (see :class:`abm.resolve.resolve.Resolution`).
    review : pandas.DataFrame
        The review queue.
    summary : dict
        ``rows_in, kept, merged, excluded, persons, accounts, review,
        excluded_by_reason`` (dict), ``kept_by_rule`` (dict).
    """

    kept: pd.DataFrame
    merged: pd.DataFrame
    excluded: pd.DataFrame
    accounts: pd.DataFrame
    review: pd.DataFrame
    summary: dict = field(default_factory=dict)


def clean_leads(
    leads: pd.DataFrame,
    *,
    config: ResolveConfig = ResolveConfig(),  # noqa: B008 (frozen)
    rules: ExclusionRules | None = None,
    decisions: ReviewDecisions | None = None,
    progress: ProgressFn | None = None,
) -> CleanResult:
    """De-duplicate persons, exclude non-targets and resolve accounts.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (``company`` required). Not modified.
    config : ResolveConfig
        名寄せ settings.
    rules : ExclusionRules, optional
        営業対象外 rules (defaults apply when omitted).
    decisions : ReviewDecisions, optional
        Review decisions to re-apply.
    progress : callable, optional
        ``progress(step, done, total)`` for the steps ``persons``,
        ``exclusions``, ``match_keys`` and ``match_names`` (:mod:`abm.progress`).

    Returns
    -------
    CleanResult
        ``kept + merged + excluded`` partition the input rows.
    """
    report = Progress(progress)
    with report.step("persons", len(leads)):
        marked = dedupe_persons(leads)
        persons = merge_persons(marked)
    with report.step("exclusions", len(persons)):
        flagged = apply_exclusions(persons, rules)
    ex_person = flagged.loc[flagged["excluded"], "person_id"]
    reason = flagged.loc[flagged["excluded"]].set_index("person_id")
    out_mask = marked["person_id"].isin(ex_person).to_numpy(dtype=bool)

    excluded = marked[out_mask].copy()
    excluded["exclusion_reason"] = (
        excluded["person_id"].map(reason["exclusion_reason"]).astype("string")
    )
    excluded["exclusion_reasons"] = (
        excluded["person_id"].map(reason["exclusion_reasons"]).astype("string")
    )
    merged = marked[~out_mask & ~marked["is_survivor"].to_numpy(dtype=bool)]
    kept_persons = persons[~flagged["excluded"].to_numpy(dtype=bool)]

    res = resolve(kept_persons, config=config, decisions=decisions, progress=progress)
    kept = res.leads.drop(columns=["is_survivor", "merged_into"])
    merged = merged.drop(columns=["is_survivor"])
    excluded = excluded.drop(columns=["is_survivor"])

    by_reason = excluded["exclusion_reason"].value_counts().reindex(list(REASONS), fill_value=0)
    by_rule = kept["match_rule"].value_counts().reindex(list(MATCH_RULES), fill_value=0)
    summary = {
        "rows_in": len(leads),
        "kept": len(kept),
        "merged": len(merged),
        "excluded": len(excluded),
        "persons": int(marked["person_id"].nunique()),
        "accounts": int(kept["account_id"].nunique()),
        "review": len(res.review),
        "excluded_by_reason": {k: int(v) for k, v in by_reason.items()},
        "kept_by_rule": {k: int(v) for k, v in by_rule.items()},
    }
    return CleanResult(
        kept=kept,
        merged=merged,
        excluded=excluded,
        accounts=res.accounts,
        review=res.review,
        summary=summary,
    )
