"""Why each lead scored what it did: every rule's points, top reasons, the score table.

:func:`contributions` is the per-rule matrix (one column per fit dimension,
engagement kind and — with facts — opportunity fact); :func:`explain` picks
each lead's top positive and negative rule, :func:`breakdown` lists every
rule of one lead (what the page shows when a lead is picked), and
:func:`scores_frame` is the downloadable table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.titles import SENIORITIES
from abm.scoring.deals import DealFacts
from abm.scoring.features import LeadFeatures, fit_codes
from abm.scoring.model import DEAL_AGES, DEAL_STAGES, ENGAGEMENT_KINDS, ScoringModel
from abm.scoring.score import engagement_points, rescore
from abm.scoring.vocab import INDUSTRIES

__all__ = ["breakdown", "contributions", "explain", "pick_reasons", "scores_frame"]


def contributions(
    features: LeadFeatures,
    model: ScoringModel,
    counts: np.ndarray,
    rows: np.ndarray | None = None,
    *,
    deal: DealFacts | None = None,
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Return per-lead points of every rule, and how to name each column.

    Parameters
    ----------
    features, model, counts
        As for :func:`rescore`.
    rows : numpy.ndarray of int, optional
        Lead positions to explain (default: all).
    deal : DealFacts, optional
        Every lead's opportunity facts: adds a column per deal dimension.

    Returns
    -------
    contrib : numpy.ndarray, shape (rows, fit dimensions + engagement kinds [+ deal])
    labels : list of (names, codes)
        For column ``j``: ``names[codes]`` is each row's reason key
        ``"<dimension>:<category>"``.
    """
    sel = np.arange(features.n) if rows is None else np.asarray(rows)
    parts, labels = [], []
    for dim, (codes, pts, cats) in fit_codes(features, model).items():
        parts.append(pts[codes[sel]])
        labels.append((np.array([f"{dim}:{c}" for c in cats], dtype=object), codes[sel]))
    eng = engagement_points(counts[sel], model)
    zero = np.zeros(len(sel), dtype=np.int8)
    for j, kind in enumerate(ENGAGEMENT_KINDS):
        parts.append(eng[:, j])
        labels.append((np.array([f"activity:{kind}"], dtype=object), zero))
    if deal is not None:
        for dim, cats, codes in (
            ("deal_stage", DEAL_STAGES, deal.stage[sel]),
            ("deal_age", DEAL_AGES, deal.age[sel]),
        ):
            pts = np.array([model.points(dim)[c] for c in cats], dtype=np.float32)
            parts.append(pts[codes])
            labels.append((np.array([f"{dim}:{c}" for c in cats], dtype=object), codes))
        win = deal.prior_win[sel]
        parts.append(np.where(win, np.float32(model.prior_win_points), np.float32(0)))
        labels.append(
            (np.array(["prior_win:no", "prior_win:yes"], dtype=object), win.astype(np.int8))
        )
    return np.column_stack(parts).astype(np.float32), labels


def pick_reasons(
    contrib: np.ndarray,
    labels: list[tuple[np.ndarray, np.ndarray]],
    *,
    positive: bool,
    floor: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the largest (or most negative) rule per row: ``(keys, points)``.

    Rows whose best rule is smaller than ``floor`` points get ``None`` / NaN.
    """
    col = (np.argmax if positive else np.argmin)(contrib, axis=1)
    val = contrib[np.arange(len(contrib)), col]
    valid = val >= floor if positive else val <= -floor
    text = np.full(len(contrib), None, dtype=object)
    for j, (names, codes) in enumerate(labels):
        m = valid & (col == j)
        text[m] = names[codes[m]]
    return text, np.where(valid, val, np.nan)


def explain(
    features: LeadFeatures,
    model: ScoringModel,
    counts: np.ndarray,
    *,
    deal: DealFacts | None = None,
) -> pd.DataFrame:
    """Return each lead's top positive and top negative reason.

    Reasons are keys ``"<dimension>:<category>"`` (``"seniority:manager"``,
    ``"activity:pricing_page"``); the UI translates them. Crumbs under half
    a point (old, decayed activities) are not reasons.

    Returns
    -------
    pandas.DataFrame
        Index of the leads; columns ``top_positive``, ``top_positive_points``,
        ``top_negative``, ``top_negative_points`` (missing when no such reason).
    """
    contrib, labels = contributions(features, model, counts, deal=deal)
    out = pd.DataFrame(index=features.index)
    for name, positive in (("top_positive", True), ("top_negative", False)):
        text, val = pick_reasons(contrib, labels, positive=positive)
        out[name] = pd.array(text, dtype="str")
        out[f"{name}_points"] = pd.array(val, dtype="Float64")
    return out


def scores_frame(
    features: LeadFeatures,
    model: ScoringModel,
    counts: np.ndarray,
    *,
    deal: DealFacts | None = None,
) -> pd.DataFrame:
    """The :func:`~abm.scoring.score.score_leads` table from precomputed features and counts.

    With ``deal`` facts, a ``deal_score`` column is added and the reasons
    consider them too.
    """
    feats = features
    s = rescore(feats, model, counts, deal=deal)
    out = pd.DataFrame(
        {
            "fit_score": pd.array(s.fit.astype(np.float64), dtype="Float64"),
            "engagement_score": pd.array(s.engagement.astype(np.float64), dtype="Float64"),
            "grade": s.grades(),
            "is_mql": pd.array(s.is_mql, dtype="boolean"),
            "seniority": pd.Categorical.from_codes(
                feats.codes["seniority"], categories=list(SENIORITIES)
            ),
            "industry_group": pd.Categorical.from_codes(
                feats.codes["industry"], categories=list(INDUSTRIES)
            ),
        },
        index=feats.index,
    )
    if s.deal is not None:
        out["deal_score"] = pd.array(s.deal.astype(np.float64), dtype="Float64")
    return pd.concat([out, explain(feats, model, counts, deal=deal)], axis=1)


def breakdown(
    features: LeadFeatures,
    model: ScoringModel,
    counts: np.ndarray,
    position: int,
    *,
    deal: DealFacts | None = None,
) -> pd.DataFrame:
    """Every rule that scores one lead, with its points: the lead's full breakdown.

    Parameters
    ----------
    features, model, counts
        As for :func:`~abm.scoring.score.rescore`.
    position : int
        The lead's position.
    deal : DealFacts, optional
        Every lead's opportunity facts (their rows are added).

    Returns
    -------
    pandas.DataFrame
        One row per fit dimension (the lead's category, even at 0 points), per
        engagement kind the lead has (its decayed ``count``) and per deal
        fact: ``axis`` (``fit`` / ``engagement`` / ``deal``), ``dimension``,
        ``category``, ``count`` (NaN for fit and deal rows), ``points``. The
        points of each axis add up to that axis's score.
    """
    contrib, labels = contributions(features, model, counts, np.array([position]), deal=deal)
    n_fit = len(fit_codes(features, model))
    n_eng = len(ENGAGEMENT_KINDS)
    rows = []
    for j, (names, codes) in enumerate(labels):
        dim, _, cat = str(names[codes[0]]).partition(":")
        pts = float(contrib[0, j])
        if j < n_fit:
            rows.append(("fit", dim, cat, np.nan, pts))
        elif j < n_fit + n_eng:
            count = float(counts[position, j - n_fit])
            if count > 0 or pts != 0:
                rows.append(("engagement", "activity", cat, count, pts))
        else:
            rows.append(("deal", dim, cat, np.nan, pts))
    return pd.DataFrame(rows, columns=["axis", "dimension", "category", "count", "points"])
