"""Two-axis lead scoring: fit × engagement, back-tested, tunable in real time.

Typical use::

    feats = build_features(leads, activities, as_of=as_of)   # once (cache it)
    counts = decayed_counts(feats, model.half_life_days)      # per half-life
    scores = rescore(feats, model, counts)                     # per slider move
    report = backtest(scores, outcome_of(leads, "opportunity")[0])

or simply ``score_leads(leads, activities, model, as_of=as_of)``.
"""

from abm.core.activities import ACTIVITY_KINDS, activity_kind_of
from abm.core.titles import DEPARTMENTS, SENIORITIES, department_of, seniority_of
from abm.scoring.backtest import (
    OUTCOMES,
    Backtest,
    SnapshotBacktest,
    ThresholdSuggestion,
    auc_score,
    backtest,
    backtest_snapshots,
    history_months,
    outcome_of,
    suggest_thresholds,
)
from abm.scoring.features import LeadFeatures, build_features, decayed_counts
from abm.scoring.leakage import check_feature_columns, column_report, leak_reason
from abm.scoring.model import FIT_DIMENSIONS, ScoringModel, band_labels, decode_model, encode_model
from abm.scoring.panel import Panel, build_panel
from abm.scoring.score import GRADES, Scores, explain, rescore, score_leads, scores_frame
from abm.scoring.suggest import MIN_POSITIVES, Suggestion, suggest_weights

__all__ = [
    "ACTIVITY_KINDS",
    "DEPARTMENTS",
    "FIT_DIMENSIONS",
    "GRADES",
    "MIN_POSITIVES",
    "OUTCOMES",
    "SENIORITIES",
    "Backtest",
    "LeadFeatures",
    "Panel",
    "Scores",
    "ScoringModel",
    "SnapshotBacktest",
    "Suggestion",
    "ThresholdSuggestion",
    "activity_kind_of",
    "auc_score",
    "backtest",
    "backtest_snapshots",
    "band_labels",
    "build_features",
    "build_panel",
    "check_feature_columns",
    "column_report",
    "decayed_counts",
    "decode_model",
    "department_of",
    "encode_model",
    "explain",
    "history_months",
    "leak_reason",
    "outcome_of",
    "rescore",
    "score_leads",
    "scores_frame",
    "seniority_of",
    "suggest_thresholds",
    "suggest_weights",
]
