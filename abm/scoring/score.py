"""Fit and engagement scores, matrix grade, MQL flag and top reasons.

The hot path is :func:`rescore`: given precomputed :class:`LeadFeatures`
and decayed counts it is one gather per fit dimension plus one clipped
``(leads, kinds)`` product, so a slider move rescores a million leads in tens
of milliseconds. :func:`score_leads` is the one-call convenience that also
explains each lead (top positive and top negative reason).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.activities import ACTIVITY_KINDS
from abm.core.titles import SENIORITIES
from abm.scoring.features import LeadFeatures, build_features, decayed_counts, fit_codes
from abm.scoring.model import ScoringModel
from abm.scoring.vocab import INDUSTRIES

__all__ = [
    "GRADES",
    "Scores",
    "contributions",
    "engagement_points",
    "engagement_total",
    "explain",
    "fit_points",
    "pick_reasons",
    "rescore",
    "score_leads",
    "scores_frame",
]

#: Matrix cells, best first: letter A–D × digit 1–4.
GRADES: tuple[str, ...] = tuple(f"{letter}{digit}" for letter in "ABCD" for digit in "1234")


@dataclass(frozen=True, eq=False)
class Scores:
    """Per-lead scores as aligned numpy arrays.

    Attributes
    ----------
    fit, engagement : numpy.ndarray of float32
    fit_band, engagement_band : numpy.ndarray of int8
        0 (A / 1, best) … 3 (D / 4) from the model's cuts.
    is_mql : numpy.ndarray of bool
        ``fit >= fit_threshold & engagement >= engagement_threshold``.
    letter_axis : str
        ``"fit"`` or ``"engagement"``.
    """

    fit: np.ndarray
    engagement: np.ndarray
    fit_band: np.ndarray
    engagement_band: np.ndarray
    is_mql: np.ndarray
    letter_axis: str

    @property
    def total(self) -> np.ndarray:
        """Fit + engagement: the single ranking used by the back-test."""
        return self.fit + self.engagement

    @property
    def cell(self) -> np.ndarray:
        """Matrix cell code ``letter * 4 + digit`` (index into :data:`GRADES`)."""
        if self.letter_axis == "fit":
            return self.fit_band.astype(np.int8) * 4 + self.engagement_band
        return self.engagement_band.astype(np.int8) * 4 + self.fit_band

    def grades(self) -> pd.Categorical:
        """Matrix grade labels (``"A1"`` … ``"D4"``) as an ordered categorical."""
        return pd.Categorical.from_codes(self.cell, categories=list(GRADES), ordered=True)


def _bands(x: np.ndarray, cuts: tuple[float, float, float]) -> np.ndarray:
    return (x < cuts[0]).astype(np.int8) + (x < cuts[1]) + (x < cuts[2])


def _activity_vectors(model: ScoringModel) -> tuple[np.ndarray, np.ndarray]:
    pts, caps = model.points("activity"), model.points("cap")
    w = np.array([pts.get(k, 0.0) for k in ACTIVITY_KINDS], dtype=np.float32)
    c = np.array([caps.get(k, 0.0) for k in ACTIVITY_KINDS], dtype=np.float32)
    return w, c


def fit_points(features: LeadFeatures, model: ScoringModel) -> np.ndarray:
    """Return each lead's fit score: one gather per fit dimension."""
    fit = np.zeros(features.n, dtype=np.float32)
    for codes, pts, _ in fit_codes(features, model).values():
        fit += pts[codes]
    return fit


def engagement_points(counts: np.ndarray, model: ScoringModel) -> np.ndarray:
    """Return per-kind engagement points, shape ``(leads, kinds)``: ``clip(count * points, ±cap)``."""
    w, c = _activity_vectors(model)
    return np.clip(counts * w, -c, c)


def engagement_total(counts: np.ndarray, model: ScoringModel) -> np.ndarray:
    """Return each lead's engagement score: ``sum_k clip(count_k * points_k, ±cap_k)``.

    Computed kind by kind on contiguous columns as ``points * min(count,
    cap / |points|)`` (the same value, counts being >= 0), skipping kinds
    worth nothing: the slider hot path.
    """
    w, c = _activity_vectors(model)
    cols = np.asfortranarray(counts)
    eng = np.zeros(len(counts), dtype=np.float32)
    buf = np.empty(len(counts), dtype=np.float32)
    with np.errstate(over="ignore"):  # a tiny weight makes cap/|w| infinite: no cap, as meant
        for k in np.flatnonzero((w != 0) & (c > 0)):
            np.minimum(cols[:, k], c[k] / abs(w[k]), out=buf)
            buf *= w[k]
            eng += buf
    return eng


def rescore(
    features: LeadFeatures, model: ScoringModel, counts: np.ndarray | None = None
) -> Scores:
    """Score every lead with ``model`` (vectorised; the slider hot path).

    Parameters
    ----------
    features : LeadFeatures
        From :func:`~abm.scoring.features.build_features` (cache it).
    model : ScoringModel
    counts : numpy.ndarray, optional
        :func:`~abm.scoring.features.decayed_counts` for
        ``model.half_life_days`` (cache it per half-life); computed when omitted.

    Returns
    -------
    Scores
    """
    if counts is None:
        counts = decayed_counts(features, model.half_life_days)
    fit = fit_points(features, model)
    eng = engagement_total(counts, model)
    return Scores(
        fit=fit,
        engagement=eng,
        fit_band=_bands(fit, model.fit_cuts),
        engagement_band=_bands(eng, model.engagement_cuts),
        is_mql=(fit >= model.fit_threshold) & (eng >= model.engagement_threshold),
        letter_axis=model.letter_axis,
    )


def contributions(
    features: LeadFeatures, model: ScoringModel, counts: np.ndarray, rows: np.ndarray | None = None
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Return per-lead points of every rule, and how to name each column.

    Parameters
    ----------
    features, model, counts
        As for :func:`rescore`.
    rows : numpy.ndarray of int, optional
        Lead positions to explain (default: all).

    Returns
    -------
    contrib : numpy.ndarray, shape (rows, fit dimensions + activity kinds)
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
    for j, kind in enumerate(ACTIVITY_KINDS):
        parts.append(eng[:, j])
        labels.append((np.array([f"activity:{kind}"], dtype=object), zero))
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


def explain(features: LeadFeatures, model: ScoringModel, counts: np.ndarray) -> pd.DataFrame:
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
    contrib, labels = contributions(features, model, counts)
    out = pd.DataFrame(index=features.index)
    for name, positive in (("top_positive", True), ("top_negative", False)):
        text, val = pick_reasons(contrib, labels, positive=positive)
        out[name] = pd.array(text, dtype="str")
        out[f"{name}_points"] = pd.array(val, dtype="Float64")
    return out


def score_leads(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    model: ScoringModel,
    *,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """Score leads on both axes and explain each score.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads.
    activities : pandas.DataFrame or None
        Canonical activities (linked by ``lead_id``, else email).
    model : ScoringModel
    as_of : pandas.Timestamp
        Date engagement is decayed to; later activities are ignored.

    Returns
    -------
    pandas.DataFrame
        Same index as ``leads``; columns ``fit_score``, ``engagement_score``,
        ``grade`` (ordered categorical ``A1`` … ``D4``), ``is_mql``,
        ``seniority``, ``industry_group``, ``top_positive``,
        ``top_positive_points``, ``top_negative``, ``top_negative_points``.
    """
    feats = build_features(leads, activities, as_of=as_of)
    return scores_frame(feats, model, decayed_counts(feats, model.half_life_days))


def scores_frame(features: LeadFeatures, model: ScoringModel, counts: np.ndarray) -> pd.DataFrame:
    """The :func:`score_leads` table from precomputed features and counts."""
    feats = features
    s = rescore(feats, model, counts)
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
    return pd.concat([out, explain(feats, model, counts)], axis=1)
