"""Account score and tiers (1:1, 1:few, 1:many) sized to what the team can work.

The score is a weighted mean of four components on a 0–100 scale:

* fit (from the roll-up; unknown counts 0),
* engagement (percentile rank among accounts with any engagement; 0 without),
* buying-committee coverage (× 100),
* open pipeline (100 when the account has open pipeline, else 0).

Accounts are **ranked** by score; ties are broken by fit, engagement,
coverage, then name and id — never by the order of rows in a file, so the
same people exported from two tools rank alike. Tiers are then **filled by
rank up to the team's capacities** (:attr:`TierRules.tier1_capacity`…):
Tier 1 takes the best-ranked accounts that meet its minimums (score, fit and
coverage at or above the Tier 1 thresholds) until it holds ``tier1_capacity``
accounts; Tier 2 the next ones meeting its minimums (score and fit), up to
its capacity; Tier 3 the next ones with the Tier 3 score. An account that
meets a tier's minimums but finds it full goes down a tier and says so. The
thresholds keep a weak account out of a tier with room left; the capacities
keep each tier to what a team can work (the ABM-fit advice,
:data:`abm.accounts.fit.CAPACITY_ADVICE`, which the default capacities follow).

Reasons are stored as codes (``why``: what places the account — its rank
within the capacity first; ``why_not``: what keeps it from the next tier up,
``capacity_full`` when only room does) and turned into translated sentences
with the account's own numbers by :mod:`abm.accounts.tier_reasons`.

An account the 営業対象外 rules exclude (a competitor, a partner, a school
that is not a customer and where no kept people work… — the same :class:`~abm.resolve.ExclusionRules` the
leads and the accounts file are cleaned with) is never a target: its tier is
``none``, its only reason ``excluded`` with the rule's code, and it ranks
after every other account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec
from abm.resolve.hygiene import ExclusionRules, apply_exclusions

__all__ = [
    "TIERS",
    "Reason",
    "TierRules",
    "exclusion_reasons",
    "score_accounts",
    "tier_fill",
]

#: Tier labels, best first (translation keys ``accounts.tier.<label>``).
TIERS: tuple[str, ...] = ("tier_1", "tier_2", "tier_3", "none")

#: A reason: translation key and its placeholder values.
Reason = tuple[str, dict[str, Any]]

_WHY = ("ranked", "score_high", "fit_high", "engaged", "coverage_good", "pipeline_open", "customer")
_WHY_NOT = (
    "capacity_full",
    "score_below",
    "fit_unknown",
    "fit_below",
    "coverage_below",
    "no_engagement",
    "excluded",
)


_Weight = Annotated[float, Spec(min=0, max=100)]
_Score = Annotated[float, Spec(min=0, max=100)]
_Capacity = Annotated[int, Spec(min=0, max=1_000_000)]


@dataclass(frozen=True)
class TierRules(Config):
    """Weights, minimums and capacities of the account tiers (section ``tier_rules``).

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
    tier1_capacity, tier2_capacity, tier3_capacity : int
        Accounts the team can work 1:1, 1:few and 1:many: each tier holds at
        most this many, the best-ranked first (defaults inside the ABM-fit
        advice, :data:`abm.accounts.fit.CAPACITY_ADVICE`).
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
    tier1_capacity: _Capacity = 20
    tier2_capacity: _Capacity = 80
    tier3_capacity: _Capacity = 400

    SECTION = "tier_rules"

    def capacity(self, tier: str) -> int:
        """Capacity of ``tier`` (``"none"`` has no limit: 0 is returned)."""
        return {
            "tier_1": self.tier1_capacity,
            "tier_2": self.tier2_capacity,
            "tier_3": self.tier3_capacity,
        }.get(tier, 0)


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
        row's company and domain (``is_customer``, or ``contacts`` above 0 — kept
        people working there — spares a school); a reason already in
        ``exclusion_reason`` is kept.
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
                ("contacts", "contacts"),  # a school where kept people work is no exclusion
            )
            if old in rollup.columns
        },
        index=rollup.index,
    )
    flagged = apply_exclusions(rows, exclusions, table="accounts")
    return reason.fillna(flagged["exclusion_reason"]).astype("string")


def _components(rollup: pd.DataFrame, rules: TierRules) -> dict[str, np.ndarray]:
    """The four score components (0–100) and the weighted score."""
    fit = rollup["fit"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    eng = rollup["engagement"].to_numpy(dtype=float)
    cov = rollup["coverage"].to_numpy(dtype=float)
    pipe = rollup["open_pipeline"].to_numpy(dtype=float)
    s_eng = np.zeros(len(eng))
    pos = eng > 0
    if pos.any():
        s_eng[pos] = pd.Series(eng[pos]).rank(pct=True, method="average").to_numpy() * 100.0
    parts = np.column_stack(
        [np.nan_to_num(fit, nan=0.0), s_eng, cov * 100.0, np.where(pipe > 0, 100.0, 0.0)]
    )
    w = np.clip(
        [rules.weight_fit, rules.weight_engagement, rules.weight_coverage, rules.weight_pipeline],
        0.0,
        None,
    )
    score = parts @ w / w.sum() if w.sum() > 0 else np.zeros(len(fit))
    return {
        "fit": fit,
        "cov": cov,
        "pipe": pipe,
        "s_fit": parts[:, 0],
        "s_eng": s_eng,
        "s_cov": parts[:, 2],
        "s_pipe": parts[:, 3],
        "score": score,
    }


def _rank_order(rollup: pd.DataFrame, c: dict[str, np.ndarray], excluded: np.ndarray) -> np.ndarray:
    """Positions of the accounts, best first: score, fit, engagement, coverage, name, id."""
    name = rollup["account_name"].astype("string").fillna("")
    keys = pd.DataFrame(
        {
            "excluded": excluded,
            "score": -np.round(c["score"], 9),  # float noise never splits a tie
            "fit": -c["s_fit"],
            "eng": -np.round(c["s_eng"], 9),
            "cov": -c["s_cov"],
            "name": pd.factorize(name, sort=True)[0],
            "id": pd.factorize(rollup["account_id"].astype("string").fillna(""), sort=True)[0],
        }
    )
    return keys.sort_values(list(keys.columns), kind="stable").index.to_numpy()


def _fill(order: np.ndarray, eligible: list[np.ndarray], capacities: list[int]) -> np.ndarray:
    """Tier position (0–2, 3 = none) of each account: each tier takes its best eligible accounts."""
    tier = np.full(len(order), 3, dtype=np.int64)
    placed = np.zeros(len(order), dtype=bool)
    for k, (ok, cap) in enumerate(zip(eligible, capacities, strict=True)):
        want = ok[order] & ~placed[order]
        take = order[want & (np.cumsum(want) <= cap)]
        tier[take] = k
        placed[take] = True
    return tier


def _eligible(c: dict[str, np.ndarray], rules: TierRules, excluded: np.ndarray) -> list[np.ndarray]:
    """Per tier 1–3, the accounts that meet its minimums (excluded accounts meet none)."""
    score, cov = c["score"], c["cov"]
    fit0 = np.nan_to_num(c["fit"], nan=-1.0)
    meets = [
        (score >= rules.tier1_score) & (fit0 >= rules.tier1_fit) & (cov >= rules.tier1_coverage),
        (score >= rules.tier2_score) & (fit0 >= rules.tier2_fit),
        score >= rules.tier3_score,
    ]
    return [m & ~excluded for m in meets]


def _reason_flags(
    rollup: pd.DataFrame,
    rules: TierRules,
    c: dict[str, np.ndarray],
    pos: np.ndarray,
    eligible: list[np.ndarray],
    excluded: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Flags behind each account's tier (:data:`_WHY`) and against the next one up (:data:`_WHY_NOT`).

    The next tier up of ``tier_2`` is ``tier_1``, of ``tier_3`` ``tier_2`` and
    of ``none`` ``tier_3``; an excluded account has one reason: why it is excluded.
    """
    score, cov, pipe = c["score"], c["cov"], c["pipe"]
    fit0 = np.nan_to_num(c["fit"], nan=-1.0)
    engaged = rollup["engaged_contacts"].to_numpy() > 0
    why = np.column_stack(
        [
            pos < 3,
            score >= rules.tier1_score,
            fit0 >= rules.tier1_fit,
            engaged,
            cov >= rules.tier1_coverage,
            pipe > 0,
            rollup["is_customer"].to_numpy(dtype=bool),
        ]
    )
    target = np.where(pos == 3, 2, np.maximum(pos - 1, 0))
    next_score = np.array([rules.tier1_score, rules.tier2_score, rules.tier3_score])[target]
    next_fit = np.array([rules.tier1_fit, rules.tier2_fit, -np.inf])[target]
    next_cov = np.where(target == 0, rules.tier1_coverage, -np.inf)
    below = pos > 0
    meets_next = np.column_stack(eligible)[np.arange(len(pos)), target]
    why_not = np.column_stack(
        [
            below & meets_next,
            below & (score < next_score),
            below & np.isnan(c["fit"]) & np.isfinite(next_fit),
            below & ~np.isnan(c["fit"]) & (fit0 < next_fit),
            below & (cov < next_cov),
            below & ~engaged,
            excluded,
        ]
    )
    why[excluded] = False
    why_not[excluded, :-1] = False
    return why, why_not


def score_accounts(
    rollup: pd.DataFrame,
    rules: TierRules = TierRules(),
    *,
    exclusions: ExclusionRules | None = None,
) -> pd.DataFrame:
    """Score, rank and tier each account of a roll-up (tiers filled up to their capacities).

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
        ``eligible`` (the best tier whose minimums the account meets,
        whatever the capacities), ``why`` and ``why_not`` (reason codes
        joined with ``|``), ``excluded`` (bool), ``exclusion_reason`` (NA
        unless excluded), ``rank`` (1 = best; excluded accounts after all
        others) and ``rank_of`` (accounts ranked, excluded ones left out),
        sorted by rank.
    """
    c = _components(rollup, rules)
    reason = exclusion_reasons(rollup, exclusions)
    excluded = reason.notna().to_numpy(dtype=bool)
    eligible = _eligible(c, rules, excluded)
    order = _rank_order(rollup, c, excluded)
    caps = [rules.tier1_capacity, rules.tier2_capacity, rules.tier3_capacity]
    pos = _fill(order, eligible, caps)
    tier = np.asarray(TIERS, dtype=object)[pos]
    best = np.select(eligible, list(TIERS[:3]), TIERS[3])
    why, why_not = _reason_flags(rollup, rules, c, pos, eligible, excluded)
    out = rollup.assign(
        score_fit=c["s_fit"],
        score_engagement=c["s_eng"],
        score_coverage=c["s_cov"],
        score_pipeline=c["s_pipe"],
        score=c["score"],
        tier=pd.Categorical(tier, categories=list(TIERS)),
        eligible=pd.Categorical(best, categories=list(TIERS)),
        why=_codes(why, _WHY),
        why_not=_codes(why_not, _WHY_NOT),
        excluded=excluded,
        exclusion_reason=reason,
    )
    out = out.iloc[order].reset_index(drop=True)
    return out.assign(
        rank=np.arange(1, len(out) + 1, dtype=np.int64),
        rank_of=np.int64((~excluded).sum()),
    )


def tier_fill(scored: pd.DataFrame, rules: TierRules = TierRules()) -> pd.DataFrame:
    """How full each tier is: capacity, accounts placed, and those moved down for want of room.

    Each tier is offered, best-ranked first, the accounts that meet its minimums and that no
    higher tier took; it keeps up to its capacity and the rest go down. So per tier
    ``qualified = placed + moved_down``: the line the accounts page writes adds up (QA-N:
    "1,818 qualified, 400 placed, 939 moved down" counted every account meeting the tier's
    minimums, those placed higher too, and moved down only those whose best tier it was).

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_accounts` (every account, not a filtered view).
    rules : TierRules
        The rules it was scored with.

    Returns
    -------
    pandas.DataFrame
        One row per tier ``tier_1…tier_3``: ``tier``, ``capacity``, ``placed``
        (accounts in the tier), ``qualified`` (accounts meeting the tier's minimums that
        no higher tier took: those the tier was offered) and ``moved_down`` (of them,
        those placed lower — a lower tier or none — because the tier was full).
    """
    tier = pd.Series(scored["tier"].astype("string").fillna("none").to_numpy())
    c = {
        "score": scored["score"].to_numpy(dtype=float),
        "fit": scored["fit"].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
        "cov": scored["coverage"].to_numpy(dtype=float),
    }
    excluded = (
        scored["excluded"].to_numpy(dtype=bool)
        if "excluded" in scored.columns
        else np.zeros(len(scored), dtype=bool)
    )
    eligible = _eligible(c, rules, excluded)
    rows = []
    for k, name in enumerate(TIERS[:3]):
        offered = eligible[k] & ~tier.isin(TIERS[:k]).to_numpy()
        placed = (tier == name).to_numpy()
        rows.append(
            {
                "tier": name,
                "capacity": rules.capacity(name),
                "placed": int(placed.sum()),
                "qualified": int(offered.sum()),
                "moved_down": int((offered & ~placed).sum()),
            }
        )
    return pd.DataFrame(rows)
