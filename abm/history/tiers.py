"""Accounts between two snapshots: which changed tier, which way, and what moved their score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.accounts import TIERS, RollupSettings, TierRules, rollup_accounts, score_accounts
from abm.core.keys import company_key
from abm.history.side import Side
from abm.resolve import ExclusionRules

__all__ = ["COMPONENTS", "TierMoves", "scored_accounts", "tier_moves"]

#: Score components (columns of :func:`abm.accounts.score_accounts`) compared.
COMPONENTS = ("score", "score_fit", "score_engagement", "score_coverage", "score_pipeline")
_RANK = {t: i for i, t in enumerate(TIERS)}


@dataclass(frozen=True, eq=False)
class TierMoves:
    """Accounts whose tier changed.

    Attributes
    ----------
    changed : pandas.DataFrame
        One row per account whose tier differs (an account on one side only
        counts when it is in a tier there): ``account_id, account_name,
        tier_before, tier_after, direction`` (``up``, ``down``, ``new``,
        ``gone``), the :data:`COMPONENTS` before and after (``<c>_before``,
        ``<c>_after``) and ``delta_<c>``; ordered up first, then by score after.
    after_rows, before_rows : pandas.DataFrame
        The :func:`abm.accounts.score_accounts` rows of the changed accounts
        on each side (for :func:`abm.accounts.reasons_text`), aligned with
        ``changed`` (all-NA rows where the account is absent).
    counts : pandas.DataFrame
        Accounts per tier (index :data:`abm.accounts.TIERS`): ``before``,
        ``after``, ``change``.
    """

    changed: pd.DataFrame
    after_rows: pd.DataFrame
    before_rows: pd.DataFrame
    counts: pd.DataFrame

    @property
    def up(self) -> int:
        """Accounts that moved to a better tier."""
        return int((self.changed["direction"] == "up").sum())

    @property
    def down(self) -> int:
        """Accounts that moved to a worse tier (out of every tier included)."""
        return int((self.changed["direction"] == "down").sum())


def scored_accounts(
    side: Side, rules: TierRules, rollup: RollupSettings, exclusions: ExclusionRules | None
) -> pd.DataFrame:
    """The accounts page's table of one snapshot (roll-up, then tiers)."""
    ds = side.dataset
    rolled = rollup_accounts(ds.leads, activities=ds.activities, opportunities=ds.opportunities,
                             accounts=ds.accounts, as_of=pd.Timestamp(side.as_of).normalize(),
                             settings=rollup, table=side.activity_table)  # fmt: skip
    return score_accounts(rolled, rules, exclusions=exclusions).reset_index(drop=True)


def _match(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """For each row of ``b``, its row in ``a`` (-1 if none): by account id, else by name."""
    pos = pd.Series(np.arange(len(a)), index=a["account_id"].astype("string"))
    pos = pos[~pos.index.duplicated(keep="first")]
    out = b["account_id"].astype("string").map(pos).fillna(-1).to_numpy(np.int64)
    if (out < 0).any() and "account_name" in a.columns and "account_name" in b.columns:
        free_a = np.setdiff1d(np.arange(len(a)), out[out >= 0])
        key_a = company_key(a["account_name"].iloc[free_a].astype("string"))
        by_name = pd.Series(free_a, index=key_a.to_numpy())
        by_name = by_name[by_name.index.notna() & ~by_name.index.duplicated(keep=False)]
        loose = np.flatnonzero(out < 0)
        key_b = company_key(b["account_name"].iloc[loose].astype("string"))
        out[loose] = key_b.map(by_name).fillna(-1).to_numpy(np.int64)
    return out


def _pick(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """Rows ``rows`` of ``frame`` (-1 gives an all-NA row)."""
    ext = pd.concat([frame, frame.iloc[:0].reindex([len(frame)])])
    return ext.iloc[np.where(rows >= 0, rows, len(frame))].reset_index(drop=True)


def tier_moves(
    before: Side, after: Side, *, rules: TierRules | None = None,
    rollup: RollupSettings | None = None, exclusions: ExclusionRules | None = None,
) -> TierMoves:  # fmt: skip
    """Accounts whose tier changed between the snapshots (see :class:`TierMoves`)."""
    rules, rollup = rules or TierRules(), rollup or RollupSettings()
    a = scored_accounts(before, rules, rollup, exclusions)
    b = scored_accounts(after, rules, rollup, exclusions)
    in_a = _match(a, b)
    gone_rows = np.setdiff1d(np.arange(len(a)), in_a[in_a >= 0])
    rows_b = np.concatenate([np.arange(len(b)), np.full(len(gone_rows), -1)])
    rows_a = np.concatenate([in_a, gone_rows])
    pa, pb = _pick(a, rows_a), _pick(b, rows_b)
    tier_a = pa["tier"].astype("string").fillna("none")
    tier_b = pb["tier"].astype("string").fillna("none")
    rank_a, rank_b = tier_a.map(_RANK).to_numpy(), tier_b.map(_RANK).to_numpy()
    direction = np.select(
        [rows_a < 0, rows_b < 0, rank_b < rank_a], ["new", "gone", "up"], "down"
    ).astype(object)
    keep = (tier_a != tier_b).to_numpy(bool)
    changed = pd.DataFrame(
        {
            "account_id": pb["account_id"].fillna(pa["account_id"]).astype("string"),
            "account_name": pb["account_name"].fillna(pa["account_name"]).astype("string"),
            "tier_before": tier_a, "tier_after": tier_b, "direction": direction,
        }
    )  # fmt: skip
    for c in COMPONENTS:
        changed[f"{c}_before"] = pd.to_numeric(pa[c], errors="coerce").astype("Float64")
        changed[f"{c}_after"] = pd.to_numeric(pb[c], errors="coerce").astype("Float64")
        changed[f"delta_{c}"] = changed[f"{c}_after"] - changed[f"{c}_before"]
    order = np.lexsort((-changed["score_after"].fillna(-1).to_numpy(float), direction != "up"))
    order = order[keep[order]]
    counts = pd.DataFrame(
        {
            "before": a["tier"].astype("string").value_counts().reindex(TIERS, fill_value=0),
            "after": b["tier"].astype("string").value_counts().reindex(TIERS, fill_value=0),
        }
    ).astype(np.int64)
    counts["change"] = counts["after"] - counts["before"]
    return TierMoves(
        changed=changed.iloc[order].reset_index(drop=True),
        after_rows=pb.iloc[order].reset_index(drop=True),
        before_rows=pa.iloc[order].reset_index(drop=True),
        counts=counts,
    )
