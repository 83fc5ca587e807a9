"""The cleaning ledger: every input row is kept, merged or excluded — once.

Order: persons are de-duplicated first (so an opt-out on any row of a person
excludes the person), exclusions are judged on each person's merged record,
then the remaining persons are resolved to accounts.

* ``excluded``: every row of an excluded person, with its reason;
* ``merged``: the other rows of a kept person, with ``merged_into``;
* ``kept``: one row per kept person (survivorship applied) with its account.

``len(kept) + len(merged) + len(excluded) == len(leads)``, always.

The rows of the accounts file, when given, are judged by the same rules
(:func:`~abm.resolve.hygiene.apply_exclusions` with ``table="accounts"``):
``account_rows`` (kept) ``+ excluded_accounts == len(accounts)``, so an
excluded competitor, partner or school never comes back as a whitespace
target (a school where kept people work is not excluded: they are its buyers).
Kept persons a rule could not decide (a person at a school with no
student or staff evidence) are listed in ``hygiene_review`` with their
``review_reason``: kept, and shown, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from abm.core.keys import positions
from abm.progress import Progress, ProgressFn
from abm.resolve.hygiene import (
    REASONS,
    REVIEW_REASONS,
    ExclusionRules,
    apply_exclusions,
    learn_lists,
    people_at,
)
from abm.resolve.normalise import analyse_distinct, norm_of
from abm.resolve.persons import dedupe_persons, merge_persons
from abm.resolve.resolve import (
    MATCH_RULES,
    NAMED_MAX_LEAD_ROWS,
    ResolveConfig,
    no_named,
    resolve,
)
from abm.resolve.review import ReviewDecisions
from abm.schema import empty_frame, text_column

__all__ = ["CleanResult", "clean_leads", "no_excluded_accounts"]


def no_excluded_accounts() -> pd.DataFrame:
    """No accounts-file row excluded (:attr:`CleanResult.excluded_accounts`, empty): the
    canonical accounts columns and the two reason columns, no row — so its download still
    carries a header row, as the other empty groups of rows do."""
    reason = pd.Series(dtype="string")
    return empty_frame("accounts").assign(exclusion_reason=reason, exclusion_reasons=reason)


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
        excluded_by_reason`` (dict), ``kept_by_rule`` (dict),
        ``hygiene_review``, ``hygiene_review_by_reason`` (dict),
        ``account_rows_in, account_rows_kept, account_rows_excluded`` and
        ``account_rows_excluded_by_reason`` (dict; zeros without an accounts
        file).
    hygiene_review : pandas.DataFrame
        Kept persons (rows of ``kept``) a hygiene rule could not decide, with
        ``review_reason`` (:data:`~abm.resolve.hygiene.REVIEW_REASONS`).
    account_rows : pandas.DataFrame or None
        The accounts-file rows no rule excluded (None without an accounts file).
    excluded_accounts : pandas.DataFrame
        The accounts-file rows excluded, with ``exclusion_reason`` and
        ``exclusion_reasons`` (without an accounts file: :func:`no_excluded_accounts`, no
        row but the columns one would have).
    named : pandas.DataFrame
        Names of other files joined to a kept person's account: ``company``, ``account_id``
        (empty when none was given or joined).
    rules : ExclusionRules, optional
        The exclusion rules as applied: the user's lists completed from the people
        (:func:`abm.resolve.hygiene.learn_lists`) — what the accounts' roll-up judges by.
    rules_set : ExclusionRules, optional
        The user's own exclusion rules, as given (defaults when none were), before the
        people completed their lists: two datasets cleaned under the same rules have the
        same ``rules_set`` while their ``rules`` differ by what each one's people taught.
    """

    kept: pd.DataFrame
    merged: pd.DataFrame
    excluded: pd.DataFrame
    accounts: pd.DataFrame
    review: pd.DataFrame
    summary: dict = field(default_factory=dict)
    hygiene_review: pd.DataFrame = field(default_factory=pd.DataFrame)
    account_rows: pd.DataFrame | None = None
    excluded_accounts: pd.DataFrame = field(default_factory=no_excluded_accounts)
    named: pd.DataFrame = field(default_factory=no_named)
    rules: ExclusionRules | None = None
    rules_set: ExclusionRules | None = None


def _judge_accounts(
    accounts: pd.DataFrame | None,
    rules: ExclusionRules | None,
    persons: pd.DataFrame | None = None,
    norm: pd.Series | None = None,
) -> tuple[pd.DataFrame | None, pd.DataFrame, dict]:
    """Split the accounts file into kept and excluded rows by the exclusion rules; a school
    row where some of the kept ``persons`` work (:func:`people_at`) is kept, as the roll-up
    keeps its account (QA-K)."""
    if accounts is None:
        by_reason = dict.fromkeys(REASONS, 0)
        counts = {"account_rows_in": 0, "account_rows_kept": 0, "account_rows_excluded": 0}
        summary = {**counts, "account_rows_excluded_by_reason": by_reason}
        return None, no_excluded_accounts(), summary
    judged = accounts
    if persons is not None and "contacts" not in accounts.columns:
        judged = accounts.assign(contacts=people_at(accounts, persons, norm=norm))
    flagged = apply_exclusions(judged, rules, table="accounts", learn=False).drop(
        columns=[c for c in ("contacts",) if c not in accounts.columns]
    )
    out = flagged["excluded"].to_numpy(dtype=bool)
    kept = accounts[~out]
    excluded = flagged[out].drop(columns=["excluded", "review_reason"])
    by_reason = excluded["exclusion_reason"].value_counts().reindex(list(REASONS), fill_value=0)
    summary = {
        "account_rows_in": len(accounts),
        "account_rows_kept": len(kept),
        "account_rows_excluded": len(excluded),
        "account_rows_excluded_by_reason": {k: int(v) for k, v in by_reason.items()},
    }
    return kept, excluded, summary


def _targetable(
    named: pd.Series | None,
    rules: ExclusionRules | None,
    excluded_accounts: pd.DataFrame,
    persons: int,
) -> pd.Series | None:
    """The names of ``named`` that may join a kept account: not a name an exclusion rule
    judges out by itself (a competitor's, a partner's — a school's deals still count, as
    its staff's leads do), nor the name of an accounts-file row judged out (by its domain,
    say). None above :data:`abm.resolve.resolve.NAMED_MAX_LEAD_ROWS` persons (no second
    pass then: judging the names would be work thrown away)."""
    if named is None or not len(named) or persons > NAMED_MAX_LEAD_ROWS:
        return None
    names = pd.Series(pd.unique(pd.Series(named, dtype="string").dropna()), dtype="string")
    if "company" in excluded_accounts.columns and len(excluded_accounts):
        names = names[~names.isin(excluded_accounts["company"].astype("string")).to_numpy()]
    frame = pd.DataFrame({"company": names.to_numpy()})
    flagged = apply_exclusions(frame, rules, table="accounts", learn=False)
    reasons = flagged["exclusion_reasons"].astype("string").fillna("")
    only_school = reasons.str.split(";").map(lambda r: set(r) <= {"school", ""})
    out = flagged["excluded"].to_numpy(dtype=bool) & ~only_school.to_numpy(dtype=bool)
    return frame.loc[~out, "company"]


def _analysis(names: pd.Series, analysed: list[pd.DataFrame], workers: int) -> pd.DataFrame:
    """:func:`analyse_distinct` of ``names``, the ones already ``analysed`` reused."""
    if not analysed:
        return analyse_distinct(names, workers=workers)
    known = pd.concat(analysed)
    known = known[~known.index.duplicated()]
    uniq = pd.Index(pd.unique(names.astype("string").dropna()), dtype=object)
    have = uniq.isin(known.index)
    fresh = analyse_distinct(pd.Series(uniq[~have], dtype="string"), workers=workers)
    return pd.concat([known.loc[uniq[have]], fresh]).reindex(uniq)


def clean_leads(
    leads: pd.DataFrame,
    *,
    config: ResolveConfig = ResolveConfig(),  # noqa: B008 (frozen)
    rules: ExclusionRules | None = None,
    decisions: ReviewDecisions | None = None,
    progress: ProgressFn | None = None,
    accounts: pd.DataFrame | None = None,
    named: pd.Series | None = None,
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
    accounts : pandas.DataFrame, optional
        Canonical accounts (the accounts file): judged by the same rules.
        Not modified.
    named : pandas.Series, optional
        Company names other files give (:func:`abm.pipeline.named_elsewhere`): matched
        beside the kept persons' names; ``named`` of the result says which account each
        joined (:func:`abm.resolve.resolve.resolve`).

    Returns
    -------
    CleanResult
        ``kept + merged + excluded`` partition the input rows;
        ``account_rows + excluded_accounts`` partition ``accounts``.
    """
    report = Progress(progress)
    analysed: list[pd.DataFrame] = []  # names the person rule needed, analysed once

    def company_keys(names: pd.Series) -> pd.Series:
        analysed.append(analyse_distinct(names, workers=config.workers))
        return norm_of(names, analysed[-1])

    with report.step("persons", len(leads)):
        marked = dedupe_persons(leads, company_keys=company_keys)
        persons = merge_persons(marked)
    with report.step("exclusions", len(persons) + (0 if accounts is None else len(accounts))):
        # the names analysed once: 営業対象外 reads their keys, 名寄せ the rest
        company = text_column(persons, "company")
        analysis = _analysis(company, analysed, config.workers)
        norm = norm_of(company, analysis)
        rules_set = rules or ExclusionRules()  # the user's own, before the people teach
        rules = learn_lists(persons, rules, norm=norm)  # what the people teach, for every table
        flagged = apply_exclusions(persons, rules, norm=norm, learn=False)
        # a school's kept staff keep its row; people sent to review (no evidence of staff
        # or student: review) do not
        out_now = flagged["excluded"].to_numpy(dtype=bool)
        stay = ~out_now & flagged["review_reason"].isna().to_numpy(dtype=bool)
        account_rows, excluded_accounts, account_summary = _judge_accounts(
            accounts, rules, persons[stay], norm[stay]
        )
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

    res = resolve(
        kept_persons,
        config=config,
        decisions=decisions,
        progress=progress,
        analysis=analysis,
        named=_targetable(named, rules, excluded_accounts, len(kept_persons)),
    )
    kept = res.leads.drop(columns=["is_survivor", "merged_into", "merged_by"])
    merged = merged.drop(columns=["is_survivor"])
    excluded = excluded.drop(columns=["is_survivor"])

    by_reason = excluded["exclusion_reason"].value_counts().reindex(list(REASONS), fill_value=0)
    by_rule = kept["match_rule"].value_counts().reindex(list(MATCH_RULES), fill_value=0)
    to_review = flagged.loc[flagged["review_reason"].notna().to_numpy(dtype=bool)]
    review_reason = to_review.set_index("person_id")["review_reason"]
    in_review = kept["person_id"].isin(review_reason.index).to_numpy(dtype=bool)
    hygiene_review = kept[in_review].assign(
        review_reason=kept.loc[in_review, "person_id"].map(review_reason).astype("string")
    )
    by_review = hygiene_review["review_reason"].value_counts()
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
        "hygiene_review": len(hygiene_review),
        "hygiene_review_by_reason": {k: int(by_review.get(k, 0)) for k in REVIEW_REASONS},
        **account_summary,
    }
    return CleanResult(
        kept=kept,
        merged=merged,
        excluded=excluded,
        accounts=_merged_spellings(res.accounts, kept, merged),
        review=res.review,
        summary=summary,
        hygiene_review=hygiene_review,
        account_rows=account_rows,
        excluded_accounts=excluded_accounts,
        named=res.named,
        rules=rules,
        rules_set=rules_set,
    )


def _merged_spellings(
    accounts: pd.DataFrame, kept: pd.DataFrame, merged: pd.DataFrame
) -> pd.DataFrame:
    """``accounts`` with ``names`` counting the spellings of the rows merged into its
    persons too (review: a duplicate that wrote the company another way merged into its
    person, and its spelling went uncounted). Only accounts a merged row reaches are
    counted again."""
    if not len(merged) or not {"person_id", "company"} <= set(merged.columns):
        return accounts
    if "names" not in accounts.columns or "account_id" not in kept.columns:
        return accounts
    acc, acc_ids = pd.factorize(kept["account_id"])  # codes: no million-string joins
    at = positions(kept["person_id"], merged["person_id"])  # each merged row's person
    theirs = np.where(at >= 0, acc[np.maximum(at, 0)], -1)
    reached = np.zeros(len(acc_ids) + 1, dtype=bool)
    reached[theirs] = True  # (-1 marks the last slot, cut below)
    reached = reached[:-1]
    if not reached.any():
        return accounts
    own = (acc >= 0) & reached[np.maximum(acc, 0)]
    if "resolve_key" in kept.columns:  # as resolve counts them: rows with a company key
        own &= kept["resolve_key"].notna().to_numpy(dtype=bool)
    company = pd.concat(
        [text_column(kept, "company")[own], text_column(merged, "company")], ignore_index=True
    )
    spelling, _ = pd.factorize(company)
    codes = np.concatenate([acc[own], theirs])
    both = (codes >= 0) & (spelling >= 0)
    width = int(spelling.max()) + 1 if len(spelling) else 1
    pairs = np.unique(codes[both].astype(np.int64) * width + spelling[both])
    counts = np.bincount(pairs // width, minlength=len(acc_ids))
    found = positions(pd.Series(acc_ids, dtype="string"), accounts["account_id"])
    hit = found >= 0
    hit[hit] = reached[found[hit]]
    names = accounts["names"].to_numpy(dtype=np.int64, na_value=0).copy()
    names[hit] = counts[found[hit]]
    return accounts.assign(names=names)
