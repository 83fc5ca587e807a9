"""One side of a comparison, and the settings both sides are read with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.accounts import RollupSettings, TierRules
from abm.dataset import Dataset
from abm.funnel import FunnelConfig, Reach
from abm.gap.compute import reach_for
from abm.gap.settings import GapSettings
from abm.resolve import ExclusionRules

__all__ = ["HistorySettings", "Side", "among", "reach_of"]


@dataclass(frozen=True, eq=False)
class Side:
    """One snapshot to compare: its cleaned data and the day it is read at.

    Attributes
    ----------
    dataset : Dataset
        Cleaned (:func:`abm.pipeline.prepare`).
    as_of : pandas.Timestamp
        The snapshot's as-of date (normally its data's latest day).
    label : str
        How the snapshot is named on screen ("2026-04 export").
    snapshot_id : str
    activity_table : abm.engine.table.ActivityTable, optional
        The dataset's activity table when already built (a stored snapshot
        keeps it); the accounts' roll-up builds it otherwise.
    cleaned_with : ExclusionRules, optional
        The 営業対象外 rules ``dataset`` was cleaned with, lists as the people completed
        them (:attr:`abm.resolve.CleanResult.rules`; ``None``: not known). A snapshot
        stored under other rules than the pages' keeps its figures as they were: the
        comparison says so (:func:`abm.history.compare`, note ``other_rules``).
    rules_set : ExclusionRules, optional
        The user's own 営業対象外 rules ``dataset`` was cleaned with, before the people
        completed the lists (:attr:`abm.resolve.CleanResult.rules_set`; ``None``: not
        known, a snapshot stored before 2026-12-07). What the comparison compares: two
        months of data under the same rules complete the lists differently.
    """

    dataset: Dataset
    as_of: pd.Timestamp
    label: str = ""
    snapshot_id: str = ""
    activity_table: Any = None
    cleaned_with: ExclusionRules | None = None
    rules_set: ExclusionRules | None = None


@dataclass(frozen=True)
class HistorySettings:
    """The settings both snapshots are read with (a page's own, so its numbers match).

    Attributes
    ----------
    funnel : FunnelConfig
        Funnel model, stage map (completed per snapshot as the funnel page
        does) and strictness.
    gap : GapSettings
        The SLA (days) and the small-company size of the hand-off.
    tier_rules, rollup : TierRules, RollupSettings
        The accounts page's tier rules and roll-up settings.
    exclusions : ExclusionRules or None
        The 営業対象外 rules the pages' data was cleaned with, lists as the people
        completed them, as the accounts page judges accounts (never a target).
    exclusions_set : ExclusionRules or None
        The user's own 営業対象外 rules the pages use (before the people complete the
        lists): a snapshot cleaned under others says so (:func:`abm.history.other_rules`).
    """

    funnel: FunnelConfig = field(default_factory=FunnelConfig)
    gap: GapSettings = field(default_factory=GapSettings)
    tier_rules: TierRules = field(default_factory=TierRules)
    rollup: RollupSettings = field(default_factory=RollupSettings)
    exclusions: ExclusionRules | None = None
    exclusions_set: ExclusionRules | None = None


def reach_of(side: Side, funnel: FunnelConfig) -> Reach:
    """The funnel page's reach of ``side`` at its as-of date."""
    ds = side.dataset
    return reach_for(ds.leads, funnel, pd.Timestamp(side.as_of).normalize(), ds.opportunities)


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.astype("string[pyarrow]").array)


def among(values: pd.Series, pool: pd.Series) -> np.ndarray:
    """Whether each of ``values`` is one of ``pool``'s (a missing value never is).

    Arrow's hash look-up: a Python set of 100k keys took a second and a half.
    """
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    found = pc.is_in(_arrow(values), value_set=pc.unique(_arrow(pool).drop_null()))
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False).astype(bool)
