"""Weights suggested by a regularised logistic regression on history.

Features are the model's own inputs — one-hot fit categories and
``log1p`` decayed activity counts, each lead's history cut at its outcome
date so nothing written after the outcome leaks in. Cross-validation is
grouped by account (:func:`~abm.scoring.vocab.account_key`) so one company
never sits on both sides of a fold. Coefficients become slider points on
the current model's scale, and the suggested points are scored out of fold
against the current points, so the comparison is honest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from abm.core.activities import ACTIVITY_KINDS
from abm.errors import MoriError
from abm.scoring.backtest import OUTCOMES, auc_score, outcome_of
from abm.scoring.features import LeadFeatures, decayed_counts, fit_codes
from abm.scoring.leakage import FEATURE_SOURCES, check_feature_columns, column_report
from abm.scoring.model import POINT_TABLES, ScoringModel
from abm.scoring.panel import build_panel
from abm.scoring.score import engagement_total, fit_points
from abm.scoring.vocab import account_key

__all__ = ["MIN_POSITIVES", "Suggestion", "suggest_weights"]

#: Below this many positives the suggestion is shown with a plain warning.
MIN_POSITIVES = 50


@dataclass(frozen=True)
class Suggestion:
    """Suggested weights and how they compare with the current ones.

    Attributes
    ----------
    model : ScoringModel
        The current model with suggested points (thresholds, half-life, caps
        of unseen kinds and points of unseen categories kept).
    auc_suggested, auc_current, auc_logistic : float
        Mean out-of-fold ROC AUC of the suggested points, the current points
        and the raw logistic regression.
    folds : pandas.DataFrame
        Per fold: ``fold``, ``suggested``, ``current``, ``logistic``.
    leads, rows, positives, groups : int
        Leads; snapshot rows learned from; distinct leads that reached the
        outcome within a snapshot's horizon; accounts (cross-validation groups).
    few_positives : bool
        Fewer than :data:`MIN_POSITIVES` positives: treat the result as a hint.
    columns : pandas.DataFrame
        Every lead column, used or excluded with its reason (:func:`column_report`).
    activity_cutoff : bool
        Whether history was snapshotted before each outcome (False when the
        outcome has no date: one snapshot at ``as_of``).
    coefficients : pandas.DataFrame
        ``table``, ``category``, ``coefficient``, ``points``, ``support``.
    """

    model: ScoringModel
    auc_suggested: float
    auc_current: float
    auc_logistic: float
    folds: pd.DataFrame
    leads: int
    rows: int
    positives: int
    groups: int
    few_positives: bool
    columns: pd.DataFrame
    activity_cutoff: bool
    coefficients: pd.DataFrame


def _design(
    features: LeadFeatures,
    model: ScoringModel,
    lead: np.ndarray,
    counts: np.ndarray,
    dims: tuple[str, ...],
) -> tuple[sp.csr_matrix, list[tuple[str, str, int]]]:
    """One-hot fit categories + log1p counts per row; returns the matrix and column labels."""
    blocks, labels = [], []
    n = len(lead)
    rows = np.arange(n)
    for dim, (codes, _, cats) in fit_codes(features, model).items():
        if dim not in dims:
            continue
        m = sp.csr_matrix((np.ones(n), (rows, codes[lead].astype(np.int64))), shape=(n, len(cats)))
        blocks.append(m)
        labels += [(dim, c, j) for j, c in enumerate(cats)]
    blocks.append(sp.csr_matrix(np.log1p(counts.astype(np.float64))))
    labels += [("activity", k, j) for j, k in enumerate(ACTIVITY_KINDS)]
    return sp.hstack(blocks, format="csr"), labels


def _bounded(points: float) -> float:
    """Whole points within the range a model accepts (±1000)."""
    return float(np.clip(np.round(points), -1000.0, 1000.0))


def _to_points(
    coef: np.ndarray,
    labels: list[tuple[str, str, int]],
    features: LeadFeatures,
    model: ScoringModel,
    counts: np.ndarray,
    support: np.ndarray,
) -> tuple[ScoringModel, pd.DataFrame]:
    """Translate coefficients into slider points on the current model's fit scale."""
    by_dim: dict[str, dict[str, tuple[float, int]]] = {}
    for (dim, cat, _), b, s in zip(labels, coef, support, strict=True):
        by_dim.setdefault(dim, {})[cat] = (float(b), int(s))
    rel: dict[str, dict[str, float]] = {}
    for dim, cats in by_dim.items():
        if dim == "activity":
            continue
        ref_cat = "no" if dim in ("free_mail", "competitor") else "unknown"
        ref = cats.get(ref_cat, (0.0, 0))[0]
        rel[dim] = {c: b - ref for c, (b, s) in cats.items() if s > 0}
    lr_max = sum(max([0.0, *v.values()]) for v in rel.values())
    cur_max = sum(max(0.0, float(p.max())) for _, p, _ in fit_codes(features, model).values())
    scale = cur_max / lr_max if lr_max > 0 else 1.0
    new = model
    rows = []
    for dim, cats in rel.items():
        for cat, r in cats.items():
            pts = _bounded(scale * r)
            if dim in ("free_mail", "competitor"):
                if cat == "yes":
                    new = replace(new, **{f"{dim}_penalty": pts})
            elif dim in POINT_TABLES and cat in model.points(dim):
                new = new.with_points(dim, cat, pts)
            rows.append((dim, cat, by_dim[dim][cat][0], pts, by_dim[dim][cat][1]))
    for kind, (b, s) in by_dim["activity"].items():
        if s == 0:
            continue
        j = ACTIVITY_KINDS.index(kind)
        seen = counts[:, j][counts[:, j] > 0]
        typical = max(float(np.median(seen)), 1e-3)
        high = max(float(np.quantile(seen, 0.99)), typical)
        per = _bounded(scale * b * np.log1p(typical) / typical)
        cap = _bounded(abs(scale * b) * np.log1p(high))
        new = new.with_points("activity", kind, per).with_points("cap", kind, max(cap, abs(per)))
        rows.append(("activity", kind, b, per, s))
    table = pd.DataFrame(rows, columns=["table", "category", "coefficient", "points", "support"])
    return new, table


def suggest_weights(
    leads: pd.DataFrame,
    features: LeadFeatures,
    *,
    current: ScoringModel,
    outcome: str = "opportunity",
    feature_columns: Iterable[str] | None = None,
    n_splits: int = 5,
    C: float = 1.0,
    random_state: int = 0,
    horizon_days: float = 90.0,
) -> Suggestion:
    """Suggest slider points from history with grouped cross-validation.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (outcome column, account keys, the column report).
    features : LeadFeatures
        :func:`~abm.scoring.features.build_features` of the same ``leads``.
    current : ScoringModel
        The model being tuned (its half-life, thresholds and scale are kept).
    outcome : str
        ``"opportunity"``, ``"won"``, or a boolean column of ``leads``.
    feature_columns : iterable of str, optional
        Lead columns to learn from (default: every fit source present).
        A column written at or after the outcome is refused.
    n_splits : int
        Cross-validation folds (grouped by account, stratified).
    C : float
        Inverse L2 regularisation strength.
    random_state : int
        Seed for the fold shuffle.
    horizon_days : float
        With a dated outcome, the model learns from monthly snapshots of
        history (:func:`~abm.scoring.panel.build_panel`): at each snapshot,
        leads not yet converted, their activities decayed to that date, and
        whether they converted within ``horizon_days`` after it. So
        converters are never compared at their best moment with
        non-converters gone cold, and nothing after a snapshot leaks in.

    Returns
    -------
    Suggestion

    Raises
    ------
    MoriError
        ``scoring.err.leakage`` / ``scoring.err.not_feature`` for a refused
        column; ``scoring.err.too_few_positives`` when the folds cannot each
        hold a positive and a negative.
    """
    out_col = OUTCOMES.get(outcome, outcome)
    cols = check_feature_columns(
        feature_columns
        if feature_columns is not None
        else [c for c in FEATURE_SOURCES if c in leads],
        out_col,
    )
    dims = tuple(sorted({d for c in cols for d in FEATURE_SOURCES[c]}))
    y_lead, at = outcome_of(leads, outcome)
    dated = bool((~np.isnat(at)).any())
    if dated:  # snapshots: what each lead looked like before it converted
        created = leads.get("created_at")
        panel = build_panel(
            features,
            at,
            None
            if created is None
            else pd.to_datetime(created, errors="coerce").to_numpy("datetime64[ns]"),
            half_life_days=current.half_life_days,
            horizon_days=horizon_days,
        )
        lead, counts, y, pos = panel.lead, panel.counts, panel.y, panel.positive_leads
    else:  # an undated outcome: one snapshot at as_of
        lead = np.arange(features.n)
        counts, y = decayed_counts(features, current.half_life_days), y_lead
        pos = int(y.sum())
    groups = pd.factorize(account_key(leads))[0][lead]
    n_groups = len(np.unique(groups))
    if int(y.sum()) < n_splits or int((~y).sum()) < n_splits or n_groups < n_splits:
        raise MoriError("scoring.err.too_few_positives", positives=pos, needed=MIN_POSITIVES)
    X, labels = _design(features, current, lead, counts, dims)
    support = np.asarray((X != 0).sum(axis=0)).ravel()
    cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)

    def total(model: ScoringModel) -> np.ndarray:
        eng = engagement_total(counts, model)
        return fit_points(features, model)[lead] + eng

    cur = total(current)
    folds = []
    for k, (tr, te) in enumerate(cv.split(X, y, groups)):
        lr = LogisticRegression(C=C, max_iter=2000).fit(X[tr], y[tr])
        sub_support = np.asarray((X[tr] != 0).sum(axis=0)).ravel()
        m, _ = _to_points(lr.coef_[0], labels, features, current, counts, sub_support)
        sug = total(m)
        folds.append(
            (
                k + 1,
                auc_score(y[te], sug[te]),
                auc_score(y[te], cur[te]),
                auc_score(y[te], lr.decision_function(X[te])),
            )
        )
    lr = LogisticRegression(C=C, max_iter=2000).fit(X, y)
    model, coefs = _to_points(lr.coef_[0], labels, features, current, counts, support)
    f = pd.DataFrame(folds, columns=["fold", "suggested", "current", "logistic"])
    return Suggestion(
        model=model,
        auc_suggested=float(f["suggested"].mean()),
        auc_current=float(f["current"].mean()),
        auc_logistic=float(f["logistic"].mean()),
        folds=f,
        leads=features.n,
        rows=len(y),
        positives=pos,
        groups=n_groups,
        few_positives=pos < MIN_POSITIVES,
        columns=column_report(leads, out_col),
        activity_cutoff=dated,
        coefficients=coefs,
    )
