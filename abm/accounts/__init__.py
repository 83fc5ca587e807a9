"""Accounts worth targeting: roll-up, buying-committee coverage, tiers, actions, ABM fit.

Every table is grouped by the ``account_id`` :func:`abm.pipeline.prepare`
wrote (名寄せ's account; :func:`abm.core.keys.account_key`): the roll-up links
nothing itself, so its accounts are the funnel's and the gap view's.
"""

from typing import Any

from abm.accounts._config import AccountSettings
from abm.accounts._sections import created_by
from abm.accounts.actions import ACTION_LISTS, ActionSettings, action_lists
from abm.accounts.coverage import committee_coverage, coverage_matrix
from abm.accounts.fit import (
    CAPACITY_ADVICE,
    AbmFitResult,
    AbmFitSettings,
    Indicator,
    capacity_status,
    diagnose_abm_fit,
    size_bands,
)
from abm.accounts.rollup import ENGAGEMENT_METHODS, RollupSettings, rollup_accounts
from abm.accounts.tier_reasons import explain_tier, reasons_text
from abm.accounts.tiers import TIERS, TierRules, score_accounts, tier_fill
from abm.core.titles import DEFAULT_REQUIRED_ROLES, ROLES, classify_roles

__all__ = [
    "ACTION_LISTS",
    "CAPACITY_ADVICE",
    "DEFAULT_REQUIRED_ROLES",
    "ENGAGEMENT_METHODS",
    "ROLES",
    "TIERS",
    "AbmFitResult",
    "AbmFitSettings",
    "AccountSettings",
    "ActionSettings",
    "Indicator",
    "RollupSettings",
    "TierRules",
    "action_lists",
    "capacity_status",
    "classify_roles",
    "committee_coverage",
    "coverage_matrix",
    "created_by",
    "diagnose_abm_fit",
    "explain_tier",
    "load_section",
    "reasons_text",
    "rollup_accounts",
    "score_accounts",
    "section_dict",
    "size_bands",
    "tier_fill",
]


def section_dict(
    rules: TierRules, rollup: RollupSettings | None = None, actions: ActionSettings | None = None
) -> dict[str, Any]:
    """Workspace section ``tier_rules``: the tier rules plus roll-up and action settings.

    Returns
    -------
    dict
        ``{**rules.to_dict(), "rollup": {...}, "actions": {...}}``.
    """
    settings = AccountSettings(rules, rollup or RollupSettings(), actions or ActionSettings())
    return settings.to_dict()


def load_section(
    data: dict[str, Any] | None, *, size: float = 1.0
) -> tuple[TierRules, RollupSettings, ActionSettings]:
    """Inverse of :func:`section_dict` (missing parts keep their defaults); revenue bands
    that are a currency's defaults are those of a currency of ``size``
    (:meth:`RollupSettings.in_currency`).

    Raises
    ------
    MoriError
        ``config.err.*`` naming the key (``rollup.engagement_method``…).
    """
    settings = AccountSettings.from_dict(data)
    return settings.rules, settings.rollup.in_currency(size), settings.actions
