"""Two-axis lead scoring: fit × engagement, judged at each lead's prediction time.

Typical use::

    feats = build_features(leads, activities, as_of=as_of)    # once (cache it)
    counts = decayed_counts(feats, model.half_life_days)       # per half-life
    scores = rescore(feats, model, counts)                      # per slider move

    outcomes = lead_outcomes(leads, opportunities, as_of=as_of) # won/lost from phases too
    rows = learning_set(feats, leads, outcomes, task="converted", prediction_days=30)
    report = backtest(rescore_rows(feats, model, rows.lead, counts_at(feats, 30, rows)), rows.y)
    better = suggest_weights(leads, feats, rows, current=model)

or simply ``score_leads(leads, activities, model, as_of=as_of)``.
"""

from abm.core.activities import ACTIVITY_KINDS, activity_kind_of
from abm.core.titles import DEPARTMENTS, SENIORITIES, department_of, seniority_of
from abm.scoring.backtest import (
    MIN_MQL_LEADS,
    MIN_MQL_POSITIVES,
    OUTCOMES,
    Backtest,
    ThresholdSuggestion,
    auc_score,
    backtest,
    history_months,
    outcome_of,
    suggest_thresholds,
)
from abm.scoring.deals import DealFacts, DealHistory, deal_facts, deal_history
from abm.scoring.design import Design, design_matrix
from abm.scoring.explain import breakdown, explain, scores_frame
from abm.scoring.features import LeadFeatures, build_features, decayed_counts
from abm.scoring.fitted import Fitted, fitted_status, mark_fitted
from abm.scoring.leakage import (
    check_families,
    check_feature_columns,
    column_report,
    leak_reason,
)
from abm.scoring.model import (
    DEAL_DIMENSIONS,
    ENGAGEMENT_KINDS,
    FIT_DIMENSIONS,
    ScoringModel,
    band_labels,
    decode_model,
    encode_model,
    in_currency,
)
from abm.scoring.score import GRADES, Scores, rescore, rescore_rows, score_leads
from abm.scoring.suggest import MIN_POSITIVES, Suggestion, suggest_weights
from abm.scoring.tasks import FAMILIES, TASK_FAMILIES, TASKS, LeadOutcomes, lead_outcomes
from abm.scoring.timing import EXCLUSIONS, LearningSet, counts_at, first_activity, learning_set

__all__ = [
    "ACTIVITY_KINDS",
    "DEAL_DIMENSIONS",
    "DEPARTMENTS",
    "ENGAGEMENT_KINDS",
    "EXCLUSIONS",
    "FAMILIES",
    "FIT_DIMENSIONS",
    "GRADES",
    "MIN_MQL_LEADS",
    "MIN_MQL_POSITIVES",
    "MIN_POSITIVES",
    "OUTCOMES",
    "SENIORITIES",
    "TASKS",
    "TASK_FAMILIES",
    "Backtest",
    "DealFacts",
    "DealHistory",
    "Design",
    "Fitted",
    "LeadFeatures",
    "LeadOutcomes",
    "LearningSet",
    "Scores",
    "ScoringModel",
    "Suggestion",
    "ThresholdSuggestion",
    "activity_kind_of",
    "auc_score",
    "backtest",
    "band_labels",
    "breakdown",
    "build_features",
    "check_families",
    "check_feature_columns",
    "column_report",
    "counts_at",
    "deal_facts",
    "deal_history",
    "decayed_counts",
    "decode_model",
    "department_of",
    "design_matrix",
    "encode_model",
    "explain",
    "first_activity",
    "fitted_status",
    "history_months",
    "in_currency",
    "lead_outcomes",
    "leak_reason",
    "learning_set",
    "mark_fitted",
    "outcome_of",
    "rescore",
    "rescore_rows",
    "score_leads",
    "scores_frame",
    "seniority_of",
    "suggest_thresholds",
    "suggest_weights",
]
