"""Which lead columns and feature families may train a model, and why the others may not.

A column written at or after the outcome (the current stage, a converted
flag, a stage date at or after the outcome, a total counted over the whole
window) "predicts" the outcome only because it was written by it. Such
columns are never features: :func:`column_report` says for every column
whether it is used and why not, and :func:`check_feature_columns` refuses a
request to use one. :func:`check_families` does the same for whole feature
families: opportunity facts predict "which lead converts" only because they
*are* the conversion, so that task refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from abm.errors import MoriError
from abm.schema import LINEAGE, STAGE_DATE_COLUMNS
from abm.scoring.tasks import FAMILIES, TASK_FAMILIES

__all__ = [
    "FEATURE_SOURCES",
    "check_families",
    "check_feature_columns",
    "column_report",
    "leak_reason",
]

#: Columns that feed the model, and the fit dimensions they drive.
FEATURE_SOURCES: dict[str, tuple[str, ...]] = {
    "industry": ("industry",),
    "employees": ("employees",),
    "annual_revenue": ("revenue",),
    "title": ("seniority", "department"),
    "department": ("department",),
    "prefecture": ("region",),
    "email": ("free_mail", "competitor"),
    "company": ("competitor",),
}

_CURRENT_STATE = {
    "current_stage": "current_state",
    "lead_status": "current_state",
    "rejection_reason": "current_state",
    "owner": "current_state",
    "budget": "current_state",
    "unsubscribed": "current_state",
    "bounced": "current_state",
    "score": "window_total",
    "grade": "window_total",
    "page_views": "window_total",
    "web_visits": "window_total",
    "conversions": "window_total",
    "last_activity_at": "window_total",
}
_IDENTIFIERS = {
    "lead_id", "full_name", "last_name", "first_name", "phone", "postal_code", "address",
    "corporate_number", "domain", "country", "lead_source", "campaign", "created_at", *LINEAGE,
}  # fmt: skip
_CONVERTED = re.compile(
    r"convert|取引開始|成約|受注|失注|商談|is_won|is_closed|closed|won|lost|stage|status|ステータス|フェーズ|状況",
    re.IGNORECASE,
)


def leak_reason(column: str, outcome_column: str = "opportunity_at") -> str | None:
    """Return why ``column`` may not be a feature, or ``None`` when it may.

    Returns
    -------
    str or None
        ``"outcome"`` (the outcome itself), ``"after_outcome"`` (a stage date
        at or after the outcome, or a detour), ``"current_state"`` (written
        now, after the outcome), ``"window_total"`` (counted over the whole
        window), ``"converted"`` (a converted/won/stage flag by its name),
        ``"not_feature"`` (an identifier, or an earlier stage decision), or
        ``None`` for a feature source.
    """
    if column == outcome_column:
        return "outcome"
    if column in STAGE_DATE_COLUMNS:
        if outcome_column in STAGE_DATE_COLUMNS:
            k = STAGE_DATE_COLUMNS.index(outcome_column)
            if STAGE_DATE_COLUMNS.index(column) >= k or column in (
                "lost_at",
                "recycled_at",
                "disqualified_at",
            ):
                return "after_outcome"
            return "not_feature"
        return "after_outcome"
    if column in _CURRENT_STATE:
        return _CURRENT_STATE[column]
    if column in FEATURE_SOURCES:
        return None
    if _CONVERTED.search(column):
        return "converted"
    return "not_feature"


def column_report(leads: pd.DataFrame, outcome_column: str = "opportunity_at") -> pd.DataFrame:
    """Report every column of ``leads``: used as a feature, or excluded and why.

    Returns
    -------
    pandas.DataFrame
        Columns ``column``, ``used`` (bool), ``reason`` (see :func:`leak_reason`;
        ``"feature"`` when used). Activities always count as used, each
        cut at the lead's outcome date.
    """
    rows = [(c, leak_reason(c, outcome_column)) for c in leads.columns]
    return pd.DataFrame(
        {
            "column": [c for c, _ in rows],
            "used": [r is None for _, r in rows],
            "reason": [r or "feature" for _, r in rows],
        }
    )


def check_feature_columns(
    columns: Iterable[str], outcome_column: str = "opportunity_at"
) -> tuple[str, ...]:
    """Validate the columns a caller asks to train on.

    Raises
    ------
    MoriError
        ``scoring.err.leakage`` naming the first column written at or after
        the outcome (and its reason); ``scoring.err.not_feature`` for a
        column that is not a fit source.
    """
    cols = tuple(columns)
    for c in cols:
        reason = leak_reason(c, outcome_column)
        if reason in ("outcome", "after_outcome", "current_state", "window_total", "converted"):
            raise MoriError("scoring.err.leakage", column=c, reason=reason)
        if reason is not None:
            raise MoriError("scoring.err.not_feature", column=c)
    return cols


def check_families(task: str, families: Iterable[str] | None = None) -> tuple[str, ...]:
    """Validate the feature families a caller asks to learn ``task`` from.

    Parameters
    ----------
    task : str
        A task of :data:`~abm.scoring.tasks.TASKS`.
    families : iterable of str, optional
        Default: every family the task allows
        (:data:`~abm.scoring.tasks.TASK_FAMILIES`).

    Returns
    -------
    tuple of str
        The families, in :data:`~abm.scoring.tasks.FAMILIES` order.

    Raises
    ------
    MoriError
        ``scoring.err.family_leak`` naming the family and the task when the
        family is the task's outcome in disguise (opportunity facts for
        ``converted``); ``scoring.err.unknown_family`` for a name that is no family.
    """
    allowed = TASK_FAMILIES[task]
    wanted = tuple(allowed if families is None else families)
    for fam in wanted:
        if fam not in FAMILIES:
            raise MoriError("scoring.err.unknown_family", family=fam)
        if fam not in allowed:
            raise MoriError("scoring.err.family_leak", family=fam, task=task)
    return tuple(f for f in FAMILIES if f in wanted)
