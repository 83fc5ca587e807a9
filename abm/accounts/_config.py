"""Workspace section ``tier_rules``: tier rules, roll-up and action settings in one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from abm.accounts.actions import ActionSettings
from abm.accounts.rollup import RollupSettings
from abm.accounts.tiers import TierRules
from abm.core.config import Config, Spec

__all__ = ["AccountSettings"]


@dataclass(frozen=True)
class AccountSettings(Config):
    """Everything the target-accounts page saves.

    Stored as ``{**rules, "rollup": {...}, "actions": {...}}``: the tier
    rules' keys sit at the top of the section (files written before the
    roll-up and action settings existed still load).

    Parameters
    ----------
    rules : TierRules
    rollup : RollupSettings
    actions : ActionSettings
    """

    rules: Annotated[TierRules, Spec(inline=True)] = field(default_factory=TierRules)
    rollup: RollupSettings = field(default_factory=RollupSettings)
    actions: ActionSettings = field(default_factory=ActionSettings)

    SECTION = "tier_rules"
