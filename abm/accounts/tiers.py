"""Account score and tiers (1:1, 1:few, 1:many) with per-account reasons.

The score is a weighted mean of four components on a 0–100 scale:

* fit (from the roll-up; unknown counts 0),
* engagement (percentile rank among accounts with any engagement; 0 without),
* buying-committee coverage (× 100),
* open pipeline (100 when the account has open pipeline, else 0).

Tier 1 needs score, fit and coverage at or above their Tier 1 thresholds;
Tier 2 needs score and fit at or above theirs; Tier 3 needs the score only.
Reasons are stored as codes (``why``: what qualifies the account; ``why_not``:
what keeps it from the next tier up) and turned into translated sentences by
:func:`explain_tier` / :func:`reasons_text` with the account's own numbers.

An account the 営業対象外 rules exclude (a competitor, a partner, a school
that is not a customer… — the same :class:`~abm.resolve.ExclusionRules` the
leads and the accounts file are cleaned with) is never a target: its tier is
``none``, its only reason ``excluded`` with the rule's code, and it ranks
after every other account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec
from abm.i18n import keys as K
from abm.i18n import t
from abm.resolve.hygiene import ExclusionRules, apply_exclusions

__all__ = [
    "TIERS",
    "Reason",
    "TierRules",
    "exclusion_reasons",
    "explain_tier",
    "reasons_text",
    "score_accounts",
]

#: Tier labels, best first (translation keys ``accounts.tier.<label>``).
TIERS: tuple[str, ...] = ("tier_1", "tier_2", "tier_3", "none")

#: A reason: translation key and its placeholder values.
Reason = tuple[str, dict[str, Any]]

_WHY = ("score_high", "fit_high", "engaged", "coverage_good", "pipeline_open", "customer")
_WHY_NOT = (
    "score_below",
    "fit_unknown",
    "fit_below",
    "coverage_below",
    "no_engagement",
    "excluded",
)


_Weight = Annotated[float, Spec(min=0, max=100)]
_Score = Annotated[float, Spec(min=0, max=100)]


@dataclass(frozen=True)
class TierRules(Config):
    """Weights and thresholds for the account score and tiers (section ``tier_rules``).

    Parameters
    ----------
    weight_fit, weight_engagement, weight_coverage, weight_pipeline : float
        Relative weights (normalised to sum 1; all zero gives score 0).
    tier1_score, tier2_score, tier3_score : float
        Minimum score (0–100) per tier.
    tier1_fit, tier2_fit : float
        Minimum fit (0–100) for Tier 1 and Tier 2.
    tier1_coverage : float
        Minimum buying-committee coverage (0–1) for Tier 1.
    """

    weight_fit: _Weight = 0.4
    weight_engagement: _Weight = 0.3
    weight_coverage: _Weight = 0.2
    weight_pipeline: _Weight = 0.1
    tier1_score: _Score = 70.0
    tier2_score: _Score = 50.0
    tier3_score: _Score = 30.0
    tier1_fit: _Score = 60.0
    tier2_fit: _Score = 40.0
    tier1_coverage: Annotated[float, Spec(min=0, max=1)] = 0.4

    SECTION = "tier_rules"


def _codes(flags: np.ndarray, names: tuple[str, ...]) -> pd.Categorical:
    """Join the names of the set flags per row with ``|`` (vectorised via bit masks)."""
    bits = flags.astype(np.int64) @ (1 << np.arange(len(names), dtype=np.int64))
    uniq, inverse = np.unique(bits, return_inverse=True)
    labels = ["|".join(c for i, c in enumerate(names) if m >> i & 1) for m in uniq]
    return pd.Categorical.from_codes(inverse, categories=labels)


def exclusion_reasons(rollup: pd.DataFrame, exclusions: ExclusionRules | None) -> pd.Series:
    """The 営業対象外 reason of each account of a roll-up (NA when it may be a target).

    Parameters
    ----------
    rollup : pandas.DataFrame
        A roll-up: ``account_name`` and ``domain`` are judged as an account
        row's company and domain (``is_customer`` spares a school); a reason
        already in ``exclusion_reason`` is kept.
    exclusions : ExclusionRules or None
        The rules (None: only reasons already in the roll-up).

    Returns
    -------
    pandas.Series
        ``string`` codes of :data:`abm.resolve.REASONS`, aligned with ``rollup``.
    """
    reason = pd.Series(pd.NA, index=rollup.index, dtype="string")
    if "exclusion_reason" in rollup.columns:
        reason = rollup["exclusion_reason"].astype("string")
    if exclusions is None:
        return reason
    rows = pd.DataFrame(
        {
            new: rollup[old]
            for old, new in (
                ("account_name", "company"),
                ("domain", "domain"),
                ("is_customer", "is_customer"),
            )
            if old in rollup.columns
        },
        index=rollup.index,
    )
    flagged = apply_exclusions(rows, exclusions, table="accounts")
    return reason.fillna(flagged["exclusion_reason"]).astype("string")


def score_accounts(
    rollup: pd.DataFrame,
    rules: TierRules = TierRules(),
    *,
    exclusions: ExclusionRules | None = None,
) -> pd.DataFrame:
    """Score and tier each account of a roll-up.

    Parameters
    ----------
    rollup : pandas.DataFrame
        Output of :func:`~abm.accounts.rollup.rollup_accounts`.
    rules : TierRules
    exclusions : ExclusionRules, optional
        営業対象外 rules judged on each account (:func:`exclusion_reasons`):
        an excluded account gets tier ``none`` and ``why_not`` ``excluded``.
        The same rules the data was cleaned with; None judges nothing new.

    Returns
    -------
    pandas.DataFrame
        The roll-up plus ``score_fit, score_engagement, score_coverage,
        score_pipeline, score`` (0–100), ``tier`` (one of :data:`TIERS`),
        ``why`` and ``why_not`` (reason codes joined with ``|``),
        ``excluded`` (bool), ``exclusion_reason`` (NA unless excluded) and
        ``rank`` (1 = highest score; excluded accounts after all others),
        sorted by rank.
    """
    fit = rollup["fit"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    eng = rollup["engagement"].to_numpy(dtype=float)
    cov = rollup["coverage"].to_numpy(dtype=float)
    pipe = rollup["open_pipeline"].to_numpy(dtype=float)
    s_fit = np.nan_to_num(fit, nan=0.0)
    pos = eng > 0
    s_eng = np.zeros(len(eng))
    if pos.any():
        s_eng[pos] = pd.Series(eng[pos]).rank(pct=True, method="average").to_numpy() * 100.0
    s_cov = cov * 100.0
    s_pipe = np.where(pipe > 0, 100.0, 0.0)
    w = np.array(
        [rules.weight_fit, rules.weight_engagement, rules.weight_coverage, rules.weight_pipeline]
    )
    w = np.clip(w, 0.0, None)
    total = w.sum()
    score = (
        (w[0] * s_fit + w[1] * s_eng + w[2] * s_cov + w[3] * s_pipe) / total
        if total > 0
        else s_fit * 0
    )
    fit0 = np.nan_to_num(fit, nan=-1.0)
    t1 = (score >= rules.tier1_score) & (fit0 >= rules.tier1_fit) & (cov >= rules.tier1_coverage)
    t2 = (score >= rules.tier2_score) & (fit0 >= rules.tier2_fit)
    t3 = score >= rules.tier3_score
    reason = exclusion_reasons(rollup, exclusions)
    excluded = reason.notna().to_numpy(dtype=bool)
    tier = np.select([t1 & ~excluded, t2 & ~excluded, t3 & ~excluded], list(TIERS[:3]), TIERS[3])
    engaged = rollup["engaged_contacts"].to_numpy() > 0
    why = np.column_stack(
        [
            score >= rules.tier1_score,
            fit0 >= rules.tier1_fit,
            engaged,
            cov >= rules.tier1_coverage,
            pipe > 0,
            rollup["is_customer"].to_numpy(dtype=bool),
        ]
    )
    # Thresholds of the next tier up (tier_2 -> tier_1, tier_3 -> tier_2, none -> tier_3).
    next_score = np.select(
        [tier == "tier_2", tier == "tier_3"],
        [rules.tier1_score, rules.tier2_score],
        rules.tier3_score,
    )
    next_fit = np.select(
        [tier == "tier_2", tier == "tier_3"], [rules.tier1_fit, rules.tier2_fit], -np.inf
    )
    next_cov = np.where(tier == "tier_2", rules.tier1_coverage, -np.inf)
    below = tier != "tier_1"
    why_not = np.column_stack(
        [
            below & (score < next_score),
            below & np.isnan(fit) & np.isfinite(next_fit),
            below & ~np.isnan(fit) & (fit0 < next_fit),
            below & (cov < next_cov),
            below & ~engaged,
            excluded,
        ]
    )
    why[excluded] = False  # an excluded account has one reason: why it is excluded
    why_not[excluded, :-1] = False
    out = rollup.assign(
        score_fit=s_fit,
        score_engagement=s_eng,
        score_coverage=s_cov,
        score_pipeline=s_pipe,
        score=score,
        tier=pd.Categorical(tier, categories=list(TIERS)),
        why=_codes(why, _WHY),
        why_not=_codes(why_not, _WHY_NOT),
        excluded=excluded,
        exclusion_reason=reason,
    )
    order = np.lexsort((-score, excluded))  # excluded last; stable: ties keep roll-up order
    out = out.iloc[order].reset_index(drop=True)
    return out.assign(rank=np.arange(1, len(out) + 1, dtype=np.int64))


def _next_tier(tier: str) -> str:
    return {"tier_2": "tier_1", "tier_3": "tier_2"}.get(tier, "tier_3")


def explain_tier(
    row: Mapping[str, Any], rules: TierRules = TierRules()
) -> tuple[list[Reason], list[Reason]]:
    """Return an account's reasons as ``(why, why_not)`` lists of ``(key, params)``.

    Parameters
    ----------
    row : Mapping
        One row of :func:`score_accounts` (e.g. ``frame.iloc[i]``).
    rules : TierRules
        The rules the row was scored with (for thresholds in the text).

    Returns
    -------
    tuple of list
        Keys are ``accounts.reason.<code>``; params carry the account's own
        numbers and the thresholds, so every language renders them.
    """
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
        "missing": str(row.get("missing_roles", "")),
        "reason": "" if pd.isna(row.get("exclusion_reason")) else str(row["exclusion_reason"]),
    }
    why = [(K.TIER_REASON[c], params) for c in str(row["why"]).split("|") if c]
    why_not = [(K.TIER_REASON[c], params) for c in str(row["why_not"]).split("|") if c]
    return why, why_not


def reasons_text(
    frame: pd.DataFrame, lang: str, rules: TierRules = TierRules(), *, which: str = "why"
) -> pd.Series:
    """Translate the reasons of each row into one sentence list.

    Loops over rows: call it on the rows you display, not on every account.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of :func:`score_accounts`.
    lang : {"ja", "en"}
    rules : TierRules
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
    missing = [m for m in str(params.get("missing", "")).split("|") if m]
    sep = "、" if lang != "en" else ", "
    out["missing"] = sep.join(t(K.ROLE[m], lang) for m in missing)
    code = params.get("reason", "")
    out["reason"] = t(K.EXCLUSION_REASON[code], lang) if code else ""
    return out
