"""Weights suggested by a regularised logistic regression on history, at each prediction time.

The rows are a learning set (:mod:`abm.scoring.timing`): each lead at its
prediction time, with the label that followed — the same rows the back-test
judges. The columns are the model's own inputs at that time
(:mod:`abm.scoring.design`), from the families the task allows. Cross-
validation is grouped by account (:func:`~abm.scoring.vocab.account_key`) so
one company never sits on both sides of a fold; each fold's coefficients
become slider points (:func:`~abm.scoring.points.to_points`) and are scored
out of fold against the current points, so the comparison is honest. The
final model is refitted on every row and its thresholds keep the team's
capacity (:func:`~abm.scoring.points.keep_capacity`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from abm.errors import MoriError
from abm.scoring.backtest import auc_score
from abm.scoring.deals import DealFacts, DealHistory, deal_facts
from abm.scoring.design import Design, design_matrix
from abm.scoring.features import LeadFeatures, decayed_counts
from abm.scoring.leakage import (
    FEATURE_SOURCES,
    check_families,
    check_feature_columns,
    column_report,
)
from abm.scoring.model import ScoringModel
from abm.scoring.points import MIN_SUPPORT, keep_capacity, to_points
from abm.scoring.score import fit_points, rescore_rows
from abm.scoring.timing import LearningSet, counts_at
from abm.scoring.vocab import account_key

if TYPE_CHECKING:  # scikit-learn is imported where a model is fitted: 1.7 s that the
    # funnel, gap and accounts pages (which import this package) never need
    from sklearn.linear_model import LogisticRegression

__all__ = [
    "AUTO_C",
    "AUTO_C_MAX_ROWS",
    "AUTO_C_POSITIVES",
    "MIN_POSITIVES",
    "Suggestion",
    "fit_logistic",
    "suggest_weights",
]

#: Below this many positives the suggestion is shown with a plain warning.
MIN_POSITIVES = 50
#: Below this many positives the regularisation is chosen among :data:`AUTO_C`.
AUTO_C_POSITIVES = 500
#: ... and at most this many rows (a longer history overfits less; three more rounds of
#: folds would cost seconds).
AUTO_C_MAX_ROWS = 50_000
#: Inverse L2 strengths tried for a short history (strongest first).
AUTO_C: tuple[float, ...] = (0.05, 0.2, 1.0)


@dataclass(frozen=True)
class Suggestion:
    """Suggested weights and how they compare with the current ones.

    Attributes
    ----------
    model : ScoringModel
        Learned points (anchored, on the slider scale), thresholds refitted
        to the current MQL count, the current half-life, edges and competitors.
    task : str
        The task learned (:data:`~abm.scoring.tasks.TASKS`).
    families : tuple of str
        Feature families learned from.
    auc_suggested, auc_current, auc_logistic : float
        Mean out-of-fold ROC AUC, on the learning set's rows, of the
        suggested points, the current points and the raw logistic regression.
    folds : pandas.DataFrame
        Per fold: ``fold``, ``suggested``, ``current``, ``logistic``.
    rows, leads, positives, groups : int
        Rows learned from; distinct leads; positive rows; accounts (CV groups).
    few_positives : bool
        Fewer than :data:`MIN_POSITIVES` positives: treat the result as a hint.
    columns : pandas.DataFrame
        Every lead column, used or excluded with its reason (:func:`column_report`).
    coefficients : pandas.DataFrame
        Per design column (:func:`~abm.scoring.points.to_points`).
    regularisation : float
        The inverse L2 strength ``C`` learned with.
    """

    model: ScoringModel
    task: str
    families: tuple[str, ...]
    auc_suggested: float
    auc_current: float
    auc_logistic: float
    folds: pd.DataFrame
    rows: int
    leads: int
    positives: int
    groups: int
    few_positives: bool
    columns: pd.DataFrame
    coefficients: pd.DataFrame
    regularisation: float = 1.0


def fit_logistic(X, y: np.ndarray, *, C: float = 1.0, random_state: int = 0) -> LogisticRegression:
    """The regularised (L2) logistic regression every suggestion fits."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, random_state=random_state).fit(X, y)


def _inputs(
    leads: pd.DataFrame,
    rows: LearningSet,
    families: Iterable[str] | None,
    feature_columns: Iterable[str] | None,
) -> tuple[tuple[str, ...], tuple[str, ...], pd.DataFrame]:
    """Validated families, fit dimensions and the column report."""
    fams = check_families(rows.task, families)
    outcome_col = "won_at" if rows.task == "won_vs_lost" else "opportunity_at"
    wanted = (
        feature_columns
        if feature_columns is not None
        else [c for c in FEATURE_SOURCES if c in leads]
    )
    cols = check_feature_columns(wanted, outcome_col)
    dims = tuple(sorted({d for c in cols for d in FEATURE_SOURCES[c]}))
    return fams, dims, column_report(leads, outcome_col)


def _check_rows(rows: LearningSet, groups: np.ndarray, n_splits: int) -> None:
    pos = rows.positives
    if pos < n_splits or rows.rows - pos < n_splits or len(np.unique(groups)) < n_splits:
        raise MoriError("scoring.err.too_few_positives", positives=pos, needed=MIN_POSITIVES)


def suggest_weights(
    leads: pd.DataFrame,
    features: LeadFeatures,
    rows: LearningSet,
    *,
    current: ScoringModel,
    counts: np.ndarray | None = None,
    deals: DealHistory | None = None,
    families: Iterable[str] | None = None,
    feature_columns: Iterable[str] | None = None,
    n_splits: int = 5,
    C: float | None = None,
    random_state: int = 0,
    min_support: int = MIN_SUPPORT,
) -> Suggestion:
    """Suggest slider points for ``rows.task`` with account-grouped cross-validation.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (account keys, the column report).
    features : LeadFeatures
        :func:`~abm.scoring.features.build_features` of the same leads.
    rows : LearningSet
        :func:`~abm.scoring.timing.learning_set`: who is learned from, at
        which prediction time, with which label.
    current : ScoringModel
        The model being tuned (its half-life, edges and MQL count are kept).
    counts : numpy.ndarray, optional
        :func:`~abm.scoring.timing.counts_at` of ``rows`` for the current
        half-life (computed when omitted).
    deals : DealHistory, optional
        Needed for the ``opportunity`` family (:func:`~abm.scoring.deals.deal_history`).
    families : iterable of str, optional
        Feature families (default: all the task allows).
    feature_columns : iterable of str, optional
        Lead columns for the fit family (default: every fit source present).
    n_splits : int
        Folds (grouped by account, stratified).
    C : float, optional
        Inverse L2 regularisation strength. By default 1.0 from
        :data:`AUTO_C_POSITIVES` positives (or :data:`AUTO_C_MAX_ROWS` rows) up; below,
        the one of :data:`AUTO_C` whose suggested points score best on folds drawn apart
        from the reported ones (:func:`_choose_C`; a short history with many categories
        overfits at 1.0: QA-G's 226 deals gave "unknown size" more points than 5,000+
        employees).
    random_state : int
        Seed of the fold shuffle and of the regression.
    min_support : int
        Rows a category needs to earn its own points.

    Returns
    -------
    Suggestion

    Raises
    ------
    MoriError
        ``scoring.err.leakage`` / ``scoring.err.not_feature`` for a refused
        column; ``scoring.err.family_leak`` for a refused family;
        ``scoring.err.too_few_positives`` when the folds cannot each hold a
        positive, a negative and an account.
    """
    fams, dims, report = _inputs(leads, rows, families, feature_columns)
    groups = pd.factorize(account_key(leads))[0][rows.lead]
    _check_rows(rows, groups, n_splits)
    if counts is None:
        counts = counts_at(features, current.half_life_days, rows)
    facts = None
    if "opportunity" in fams and deals is not None:
        facts = deal_facts(deals, rows.lead, rows.cut)
    design = design_matrix(
        features, current, rows.lead, counts, families=fams, dims=dims, deal=facts
    )
    folds_of = functools.partial(
        _cross_validate, design, rows, features, current, counts, facts, groups, n_splits,
        min_support=min_support,
    )  # fmt: skip
    if C is None:
        C = _choose_C(folds_of, rows, random_state)
    folds = folds_of(C, random_state)
    lr = fit_logistic(design.X, rows.y, C=C, random_state=random_state)
    learned, coefs = to_points(lr.coef_[0], design, current, min_support=min_support)
    now_cur = decayed_counts(features, current.half_life_days)
    model = keep_capacity(current, learned, features, now_cur, now_cur)
    return Suggestion(
        model=model,
        task=rows.task,
        families=fams,
        auc_suggested=float(folds["suggested"].mean()),
        auc_current=float(folds["current"].mean()),
        auc_logistic=float(folds["logistic"].mean()),
        folds=folds,
        rows=rows.rows,
        leads=rows.leads,
        positives=rows.positives,
        groups=len(np.unique(groups)),
        few_positives=rows.positives < MIN_POSITIVES,
        columns=report,
        coefficients=coefs,
        regularisation=float(C),
    )


def _choose_C(
    folds_of: Callable[[float, int], pd.DataFrame], rows: LearningSet, random_state: int
) -> float:
    """The L2 strength of a short history: among :data:`AUTO_C`, the one whose suggested
    points score best on folds drawn apart from those the suggestion is reported on (the
    report is not the selection's own best); 1.0 from :data:`AUTO_C_POSITIVES` positives or
    :data:`AUTO_C_MAX_ROWS` rows up. ``folds_of(C, seed)``: :func:`_cross_validate`."""
    if rows.positives >= AUTO_C_POSITIVES or rows.rows > AUTO_C_MAX_ROWS:
        return 1.0
    scored = []
    for c in AUTO_C:
        f = folds_of(c, random_state + 1)
        mean = float(np.nanmean(f["suggested"])) if f["suggested"].notna().any() else -np.inf
        scored.append((mean, -c))  # ties: the stronger
    return -max(scored)[1]


def _cross_validate(
    design: Design,
    rows: LearningSet,
    features: LeadFeatures,
    current: ScoringModel,
    counts: np.ndarray,
    facts: DealFacts | None,
    groups: np.ndarray,
    n_splits: int,
    C: float,
    random_state: int,
    *,
    min_support: int,
) -> pd.DataFrame:
    """Per fold: AUC of the suggested points, the current points and the raw regression."""
    from sklearn.model_selection import StratifiedGroupKFold

    y = rows.y
    cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    cur = rescore_rows(features, current, rows.lead, counts, deal=facts).total
    out = []
    for k, (tr, te) in enumerate(cv.split(design.X, y, groups)):
        lr = fit_logistic(design.X[tr], y[tr], C=C, random_state=random_state)
        m, _ = to_points(lr.coef_[0], design, current, rows=tr, min_support=min_support)
        fit = fit_points(features, m)
        sug = rescore_rows(features, m, rows.lead[te], counts[te], deal=_take(facts, te), fit=fit)
        out.append(
            (
                k + 1,
                auc_score(y[te], sug.total),
                auc_score(y[te], cur[te]),
                auc_score(y[te], lr.decision_function(design.X[te])),
            )
        )
    return pd.DataFrame(out, columns=["fold", "suggested", "current", "logistic"])


def _take(facts: DealFacts | None, rows: np.ndarray) -> DealFacts | None:
    if facts is None:
        return None
    return DealFacts(facts.stage[rows], facts.age[rows], facts.prior_win[rows])
