"""Why an account sits in its tier, in words: reason codes of :func:`score_accounts` translated.

Every sentence carries the account's own numbers and the thresholds or
capacities it was measured against ("rank 7 of 384 by score; within Tier 1's
20 places"), so every language renders the same facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from abm.accounts.tiers import Reason, TierRules
from abm.core.format import fmt_list, fmt_yen_short
from abm.i18n import keys as K
from abm.i18n import t

__all__ = ["explain_tier", "reasons_text"]


def _next_tier(tier: str) -> str:
    return {"tier_2": "tier_1", "tier_3": "tier_2"}.get(tier, "tier_3")


def explain_tier(
    row: Mapping[str, Any], rules: TierRules | None = None
) -> tuple[list[Reason], list[Reason]]:
    """Return an account's reasons as ``(why, why_not)`` lists of ``(key, params)``.

    Parameters
    ----------
    row : Mapping
        One row of :func:`~abm.accounts.tiers.score_accounts` (e.g. ``frame.iloc[i]``).
    rules : TierRules, optional
        The rules the row was scored with (for thresholds and capacities in
        the text; default ``TierRules()``).

    Returns
    -------
    tuple of list
        Keys are ``accounts.reason.<code>``; params carry the account's own
        numbers, the thresholds and the capacities, so every language renders them.
    """
    rules = rules or TierRules()
    tier = str(row["tier"])
    target = _next_tier(tier)
    thresholds = {
        "tier_1": (rules.tier1_score, rules.tier1_fit),
        "tier_2": (rules.tier2_score, rules.tier2_fit),
        "tier_3": (rules.tier3_score, 0.0),
    }[target]
    fit = row["fit"]
    params = {
        "score": float(row["score"]),
        "fit": float(fit) if pd.notna(fit) else 0.0,
        "engaged": int(row["engaged_contacts"]),
        "contacts": int(row["contacts"]),
        "coverage": float(row["coverage"]) * 100,
        "pipeline": float(row["open_pipeline"]),
        "target_score": thresholds[0],
        "target_fit": thresholds[1],
        "target_coverage": rules.tier1_coverage * 100,
        "tier1_fit": rules.tier1_fit,
        "tier1_score": rules.tier1_score,
        "target": target,
        "target_capacity": rules.capacity(target),
        "tier": tier,
        "capacity": rules.capacity(tier),
        "rank": int(row.get("rank", 0)),
        "rank_of": int(row.get("rank_of", 0)),
        "missing": str(row.get("missing_roles", "")),
        "reason": "" if pd.isna(row.get("exclusion_reason")) else str(row["exclusion_reason"]),
    }
    why = [(K.TIER_REASON[c], params) for c in str(row["why"]).split("|") if c]
    why_not = [(K.TIER_REASON[c], params) for c in str(row["why_not"]).split("|") if c]
    return why, why_not


def reasons_text(
    frame: pd.DataFrame, lang: str, rules: TierRules | None = None, *, which: str = "why"
) -> pd.Series:
    """Translate the reasons of each row into one sentence list.

    Loops over rows: call it on the rows you display, not on every account.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of :func:`~abm.accounts.tiers.score_accounts`.
    lang : {"ja", "en"}
    rules : TierRules, optional
    which : {"why", "why_not"}

    Returns
    -------
    pandas.Series
        ``str`` aligned with ``frame``, reasons separated by ``" / "``.
    """
    pick = 0 if which == "why" else 1
    texts = []
    for _, row in frame.iterrows():
        reasons = explain_tier(row, rules)[pick]
        texts.append(" / ".join(t(k, lang, **_localise(p, lang)) for k, p in reasons))
    return pd.Series(texts, index=frame.index, dtype="str")


def _localise(params: dict[str, Any], lang: str) -> dict[str, Any]:
    out = dict(params)
    out["target"] = t(K.TIER[params["target"]], lang)
    out["tier"] = t(K.TIER[params["tier"]], lang)
    missing = [m for m in str(params.get("missing", "")).split("|") if m]
    out["missing"] = fmt_list((t(K.ROLE[m], lang) for m in missing), lang)
    code = params.get("reason", "")
    out["reason"] = t(K.EXCLUSION_REASON[code], lang) if code else ""
    out["pipeline_text"] = fmt_yen_short(params["pipeline"], lang)  # as every page writes it
    return out
