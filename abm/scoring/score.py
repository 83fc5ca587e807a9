"""Fit and engagement scores, matrix grade, MQL flag and top reasons.

The hot path is :func:`rescore`: given precomputed :class:`LeadFeatures`
and decayed counts it is one gather per fit dimension plus one clipped
``(leads, kinds)`` product, so a slider move rescores a million leads in tens
of milliseconds. :func:`rescore_rows` scores the rows of a learning set at
their prediction times (:mod:`abm.scoring.timing`). :func:`score_leads` is the
one-call convenience that also explains each lead (:mod:`abm.scoring.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.engine.table import ActivityTable
from abm.scoring.deals import DealFacts, deal_points
from abm.scoring.features import LeadFeatures, build_features, decayed_counts, fit_codes
from abm.scoring.model import ENGAGEMENT_KINDS, ScoringModel

__all__ = [
    "GRADES",
    "Scores",
    "engagement_points",
    "engagement_total",
    "fit_points",
    "rescore",
    "rescore_rows",
    "score_leads",
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
    deal : numpy.ndarray of float32, optional
        Opportunity-fact points (:mod:`abm.scoring.deals`): part of the
        ranking, not of either MQL axis. ``None``: no facts (0).
    """

    fit: np.ndarray
    engagement: np.ndarray
    fit_band: np.ndarray
    engagement_band: np.ndarray
    is_mql: np.ndarray
    letter_axis: str
    deal: np.ndarray | None = None

    @property
    def total(self) -> np.ndarray:
        """Fit + engagement (+ opportunity facts): the single ranking the back-test judges."""
        base = self.fit + self.engagement
        return base if self.deal is None else base + self.deal

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
    w = np.array([pts.get(k, 0.0) for k in ENGAGEMENT_KINDS], dtype=np.float32)
    c = np.array([caps.get(k, 0.0) for k in ENGAGEMENT_KINDS], dtype=np.float32)
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


def _scores(
    fit: np.ndarray, eng: np.ndarray, deal: np.ndarray | None, model: ScoringModel
) -> Scores:
    return Scores(
        fit=fit,
        engagement=eng,
        fit_band=_bands(fit, model.fit_cuts),
        engagement_band=_bands(eng, model.engagement_cuts),
        is_mql=(fit >= model.fit_threshold) & (eng >= model.engagement_threshold),
        letter_axis=model.letter_axis,
        deal=deal,
    )


def rescore(
    features: LeadFeatures,
    model: ScoringModel,
    counts: np.ndarray | None = None,
    *,
    deal: DealFacts | None = None,
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
    deal : DealFacts, optional
        Each lead's opportunity facts (:func:`~abm.scoring.deals.deal_facts`);
        without them the deal points are 0.

    Returns
    -------
    Scores
    """
    if counts is None:
        counts = decayed_counts(features, model.half_life_days)
    fit = fit_points(features, model)
    eng = engagement_total(counts, model)
    dp = None if deal is None else deal_points(deal, model, features.n)
    return _scores(fit, eng, dp, model)


def rescore_rows(
    features: LeadFeatures,
    model: ScoringModel,
    lead: np.ndarray,
    counts: np.ndarray,
    *,
    deal: DealFacts | None = None,
    fit: np.ndarray | None = None,
) -> Scores:
    """Score rows ``(lead, prediction time)`` of a learning set (:mod:`abm.scoring.timing`).

    Parameters
    ----------
    features, model
        As for :func:`rescore`.
    lead : numpy.ndarray of int
        Lead position of each row.
    counts : numpy.ndarray
        :func:`~abm.scoring.timing.counts_at` of the rows.
    deal : DealFacts, optional
        The rows' opportunity facts at their cut, for tasks that allow them.
    fit : numpy.ndarray, optional
        :func:`fit_points` of every lead when already computed for this model.

    Returns
    -------
    Scores
        Aligned with the rows.
    """
    f = (fit_points(features, model) if fit is None else fit)[lead]
    eng = engagement_total(counts, model)
    dp = None if deal is None else deal_points(deal, model, len(lead))
    return _scores(f, eng, dp, model)


def score_leads(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    model: ScoringModel,
    *,
    as_of: pd.Timestamp,
    table: ActivityTable | None = None,
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
    table : ActivityTable, optional
        The dataset's activity table (:mod:`abm.engine.table`); built from
        ``activities`` when omitted.

    Returns
    -------
    pandas.DataFrame
        Same index as ``leads``; columns ``fit_score``, ``engagement_score``,
        ``grade`` (ordered categorical ``A1`` … ``D4``), ``is_mql``,
        ``seniority``, ``industry_group``, ``top_positive``,
        ``top_positive_points``, ``top_negative``, ``top_negative_points``.
    """
    from abm.scoring.explain import scores_frame  # explain builds on this module

    feats = build_features(leads, activities, as_of=as_of, table=table)
    return scores_frame(feats, model, decayed_counts(feats, model.half_life_days))
