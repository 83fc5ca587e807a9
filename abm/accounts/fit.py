"""Does ABM suit this business? Indicators from the data, a verdict, the evidence.

Following the seed: ABM suits buyers of a few hundred employees or more and
revenue around 10 billion yen or more (:data:`LARGE_REVENUE` in other currencies), with several contact points and
departments per account; it does not suit SMB markets where 1–3 executives
decide, university labs, or a near single product sold to one person.

How many accounts a team can work per tier is advice too
(:data:`CAPACITY_ADVICE`): the ABM-fit page says it, the accounts page's
capacities (:class:`~abm.accounts.tiers.TierRules`) default inside it and
are checked against it with :func:`capacity_status`, so both pages say the
same thing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec
from abm.core.format import CURRENCIES, sized_defaults
from abm.core.opportunities import outcomes, state_at
from abm.core.titles import fold_text as normalise_text
from abm.i18n import keys as K

__all__ = [
    "BANDS",
    "CAPACITY_ADVICE",
    "INDICATORS",
    "LARGE_REVENUE",
    "UNIFORM_SPREAD",
    "AbmFitResult",
    "AbmFitSettings",
    "Indicator",
    "advice_params",
    "capacity_status",
    "diagnose_abm_fit",
    "size_bands",
]

#: Indicator keys (translation keys ``accounts.fit.ind.<key>``).
INDICATORS: tuple[str, ...] = (
    "large_won_share",
    "large_pipeline_share",
    "median_contacts",
    "median_departments",
    "deal_spread",
    "small_buyer_share",
)
#: Size bands (translation keys ``accounts.fit.band.<key>``).
BANDS: tuple[str, ...] = ("large", "mid", "smb", "university", "unknown")

#: Accounts a team can work per tier, ``(fewest, most)``: 1:1 programmes are
#: planned per account with sales (10–30), 1:few per cluster of similar
#: accounts (30–150), 1:many run as targeted campaigns (150–1,000).
CAPACITY_ADVICE: dict[str, tuple[int, int]] = {
    "tier_1": (10, 30),
    "tier_2": (30, 150),
    "tier_3": (150, 1000),
}

#: Universities, colleges and public research institutes (vocabulary as data).
UNIVERSITY_PATTERN = re.compile(
    r"大学|大學|高等専門学校|高専|学校法人|研究所|研究機構|研究開発法人|"
    r"university|college|institute of technology|school of|national institute|academy of sciences"
)


_Employees = Annotated[float, Spec(min=0, max=10_000_000)]
_Share = Annotated[float, Spec(min=0, max=1)]
_PerAccount = Annotated[float, Spec(min=0, max=10_000)]


#: A large account's revenue by the workspace's currency when the user set none: about
#: ten billion yen, or a hundred million in a dollar-sized currency (the companies of a
#: few hundred employees ABM is for). Data, not code; amounts are never converted.
LARGE_REVENUE: Mapping[str, float] = {
    code: sized_defaults(money.size, (1e10,))[0] for code, money in CURRENCIES.items()
}


@dataclass(frozen=True)
class AbmFitSettings(Config):
    """Thresholds of the ABM-fit diagnosis (workspace section ``abm_fit``).

    ``*_good`` / ``*_poor`` bound each indicator; between them it is partial.
    """

    large_employees: _Employees = 300.0
    large_revenue: Annotated[float, Spec(min=0, max=1e15)] = 1e10
    smb_employees: _Employees = 100.0
    large_share_good: _Share = 0.5
    large_share_poor: _Share = 0.2
    contacts_good: _PerAccount = 3.0
    contacts_poor: _PerAccount = 1.5
    departments_good: _PerAccount = 2.0
    departments_poor: _PerAccount = 1.0
    spread_good: _PerAccount = 5.0
    spread_poor: _PerAccount = 2.0
    small_share_good: _Share = 0.2
    small_share_poor: _Share = 0.5
    min_deals_for_spread: Annotated[int, Spec(min=0, max=1_000_000)] = 5
    min_indicators: Annotated[int, Spec(min=0, max=len(INDICATORS))] = 3

    SECTION = "abm_fit"


@dataclass(frozen=True)
class Indicator:
    """One indicator: its value, thresholds and status (``good/partial/poor/unknown``).

    ``basis`` says which accounts a per-account median is over: ``"buyers"`` (customers —
    a won deal, a won lead or the accounts file's flag — and accounts with open pipeline;
    accounts with lost deals only are not buyers), or ``"accounts"`` (every account with
    contacts, when there is no buyer); ``""`` for the other indicators.
    """

    key: str
    value: float | None
    status: str
    good: float
    poor: float
    higher_is_better: bool
    population: int
    basis: str = ""

    @property
    def label_key(self) -> str:
        """Translation key of its label: the median over every account with contacts is
        not labelled as over customers and open deals (``basis == "accounts"``)."""
        if self.basis == "accounts":
            return _ALL_ACCOUNTS_LABEL[self.key]
        return K.FIT_INDICATOR[self.key]


#: Labels of the per-account medians when the data holds no buyer (:attr:`Indicator.basis`).
_ALL_ACCOUNTS_LABEL = {
    "median_contacts": "accounts.fit.ind_all.median_contacts",
    "median_departments": "accounts.fit.ind_all.median_departments",
}


@dataclass(frozen=True)
class AbmFitResult:
    """The verdict (``good``, ``partial``, ``poor`` or ``insufficient``) and its evidence."""

    verdict: str
    score: float | None
    indicators: tuple[Indicator, ...]
    next_steps: tuple[str, ...]
    bands: pd.DataFrame

    def indicators_frame(self) -> pd.DataFrame:
        """Indicators as a table: ``key, value, status, good, poor, higher_is_better, population``."""
        return pd.DataFrame([vars(i) for i in self.indicators])

    def advice_params(self) -> dict[str, float]:
        """Placeholders of the next-step texts: ``t1_lo, t1_hi, t2_lo…`` (:data:`CAPACITY_ADVICE`)
        and each known indicator's value by its key (``deal_spread``…), so a step can say the
        figure the page shows beside it."""
        values = {i.key: i.value for i in self.indicators if i.value is not None}
        return {**advice_params(), **values}


def advice_params() -> dict[str, int]:
    """The capacity advice as translation placeholders (``t1_lo=10, t1_hi=30, …``)."""
    out: dict[str, int] = {}
    for n, (lo, hi) in enumerate(CAPACITY_ADVICE.values(), start=1):
        out[f"t{n}_lo"], out[f"t{n}_hi"] = lo, hi
    return out


def capacity_status(tier: str, capacity: int) -> str:
    """Whether a tier's capacity follows the advice: ``"below"``, ``"within"`` or ``"above"``.

    Parameters
    ----------
    tier : {"tier_1", "tier_2", "tier_3"}
    capacity : int
        Accounts the team says it can work in that tier.

    Returns
    -------
    str
        Against :data:`CAPACITY_ADVICE` (bounds inclusive).
    """
    lo, hi = CAPACITY_ADVICE[tier]
    return "below" if capacity < lo else "above" if capacity > hi else "within"


def size_bands(rollup: pd.DataFrame, settings: AbmFitSettings = AbmFitSettings()) -> pd.Series:
    """Band of each account: ``large``, ``mid``, ``smb``, ``university`` or ``unknown``.

    Parameters
    ----------
    rollup : pandas.DataFrame
        Roll-up with ``account_name``, ``employees``, ``annual_revenue``.
    settings : AbmFitSettings

    Returns
    -------
    pandas.Series
        ``str`` aligned with ``rollup``; university is decided by name first.
    """
    emp = rollup["employees"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    rev = rollup["annual_revenue"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    names = rollup["account_name"].astype("string").fillna("")
    codes, uniq = pd.factorize(names)
    uni = np.array(
        [bool(UNIVERSITY_PATTERN.search(normalise_text(str(u)))) for u in uniq.tolist()] + [False]
    )[codes]
    large = (np.nan_to_num(emp, nan=-1) >= settings.large_employees) | (
        np.nan_to_num(rev, nan=-1) >= settings.large_revenue
    )
    smb = ~np.isnan(emp) & (emp < settings.smb_employees) & ~large
    known = ~np.isnan(emp) | ~np.isnan(rev)
    band = np.select([uni, large, smb, known], ["university", "large", "smb", "mid"], "unknown")
    return pd.Series(band, index=rollup.index, dtype="str")


def _status(value: float | None, good: float, poor: float, higher: bool) -> str:
    if value is None or np.isnan(value):
        return "unknown"
    if higher:
        return "good" if value >= good else "poor" if value <= poor else "partial"
    return "good" if value <= good else "poor" if value >= poor else "partial"


#: Share of the revenue whose account's size must be known for a size share to be read.
MIN_SIZED_SHARE = 0.5


def _sized_share(amount: np.ndarray, large: np.ndarray, sized: np.ndarray) -> float | None:
    """Large accounts' share of the revenue of known size; None (no data) when less than
    :data:`MIN_SIZED_SHARE` of the revenue has a known size (a share of a sliver is not the
    business's: review)."""
    known = _share(amount[sized], amount)
    if known is None or known < MIN_SIZED_SHARE:
        return None
    return _share(amount[large], amount[sized])


def _share(part: np.ndarray, whole: np.ndarray) -> float | None:
    total = float(whole.sum())
    return None if total <= 0 else float(part.sum()) / total


def _deal_spread(
    opportunities: pd.DataFrame | None, s: AbmFitSettings, as_of: pd.Timestamp | None = None
) -> tuple[float | None, int]:
    """p90 / p10 of deal amounts and the number of deals it is read from.

    Won deals when at least ``min_deals_for_spread`` exist, else every
    positive amount; ``None`` with fewer deals or a zero p10. With ``as_of``, only deals
    that exist on that day, won by it (:func:`abm.core.opportunities.state_at`).
    """
    if opportunities is None or "amount" not in opportunities.columns:
        return None, 0
    amount = pd.to_numeric(opportunities["amount"], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    if as_of is None:
        is_won = (outcomes(opportunities) == "won").to_numpy(dtype=bool)
        ok = ~np.isnan(amount) & (amount > 0)
    else:
        day = state_at(opportunities, as_of)
        is_won = day.won
        ok = ~np.isnan(amount) & (amount > 0) & day.exists
    deals = amount[ok & is_won] if (ok & is_won).sum() >= s.min_deals_for_spread else amount[ok]
    if len(deals) < s.min_deals_for_spread:
        return None, len(deals)
    p10, p90 = np.percentile(deals, [10, 90])
    return (float(p90 / p10) if p10 > 0 else None), len(deals)


def _indicators(
    rollup: pd.DataFrame,
    band: np.ndarray,
    spread: tuple[float | None, int],
    s: AbmFitSettings,
) -> tuple[Indicator, ...]:
    """The :data:`INDICATORS`, each with its value, thresholds, status and population.

    Buyers are accounts with won revenue, open pipeline or customer status — the people and
    departments a purchase involves, so an account whose deals were all lost is none (every
    account with contacts when there are none: the two medians' ``basis`` says which).
    """
    won = rollup["won_revenue"].to_numpy(dtype=float)
    pipe = rollup["open_pipeline"].to_numpy(dtype=float)
    large = band == "large"
    buyers = (won > 0) | (pipe > 0) | rollup["is_customer"].to_numpy(dtype=bool)
    basis = "buyers"
    if not buyers.any():
        buyers = rollup["contacts"].to_numpy() > 0
        basis = "accounts"
    n_buy = int(buyers.sum())
    contacts = rollup["contacts"].to_numpy(dtype=float)[buyers]
    depts = rollup["departments"].to_numpy(dtype=float)[buyers]
    small = np.isin(band, ["smb", "university"])
    known_size = band[buyers] != "unknown"
    small_share = float(small[buyers][known_size].mean()) if known_size.any() else None
    good_poor_large = (s.large_share_good, s.large_share_poor, True)
    # shares of the revenue whose account's size is known: revenue of unknown size is no
    # revenue from small accounts (QA-H: SATORI gives no size — "0 % from large", weak)
    sized = band != "unknown"
    values: dict[str, tuple[float | None, float, float, bool, int]] = {
        "large_won_share": (
            _sized_share(won, large, sized),
            *good_poor_large,
            int(((won > 0) & sized).sum()),
        ),
        "large_pipeline_share": (
            _sized_share(pipe, large, sized),
            *good_poor_large,
            int(((pipe > 0) & sized).sum()),
        ),
        "median_contacts": (
            float(np.median(contacts)) if n_buy else None,
            s.contacts_good,
            s.contacts_poor,
            True,
            n_buy,
        ),
        "median_departments": (
            float(np.median(depts)) if n_buy and "departments" in rollup else None,
            s.departments_good,
            s.departments_poor,
            True,
            n_buy,
        ),
        "deal_spread": (spread[0], s.spread_good, s.spread_poor, True, spread[1]),
        "small_buyer_share": (
            small_share,
            s.small_share_good,
            s.small_share_poor,
            False,
            int(known_size.sum()),
        ),
    }
    per_account = ("median_contacts", "median_departments")
    return tuple(
        Indicator(k, v, _status(v, g, p, h), g, p, h, n, basis if k in per_account else "")
        for k, (v, g, p, h, n) in values.items()
    )


def _verdict(indicators: tuple[Indicator, ...], s: AbmFitSettings) -> tuple[str, float | None]:
    """Verdict and score (mean of good 1, partial 0.5, poor 0 over known indicators)."""
    points = {"good": 1.0, "partial": 0.5, "poor": 0.0}
    known = [points[i.status] for i in indicators if i.status != "unknown"]
    score = float(np.mean(known)) if known else None
    small_share = next(i.value for i in indicators if i.key == "small_buyer_share")
    if small_share is not None and small_share >= s.small_share_poor:
        return "poor", score
    if score is None or len(known) < s.min_indicators:
        return "insufficient", score
    return ("good" if score >= 0.7 else "poor" if score <= 0.35 else "partial"), score


#: P90/P10 at or below which deal sizes are said to be "nearly uniform": the deal at the
#: 90th percentile at most twice the one at the 10th is one price list, a near single
#: product. Above it (QA-K: "deal sizes are almost constant" beside ¥2M–¥90M deals, P90/P10
#: 4.9×) the large deals are several times the small ones and choosing the accounts that
#: can buy them is what ABM does: a weak spread then gets the "moderate" wording. A fixed
#: bound, not ``spread_poor``: the sentence describes the figure, whatever a team calls weak.
UNIFORM_SPREAD = 2.0

#: What a weak indicator says (advice, or what it shows under a poor verdict) where the
#: wording of its poor range would not hold for its value: a partial share of the pipeline
#: from large accounts is not "little", a partial share of small buyers not "most", a
#: spread above :data:`UNIFORM_SPREAD` not "nearly uniform" (QA-K).
_MILD_NEXT: dict[str, str] = {
    "large_pipeline_share": "accounts.fit.next.large_pipeline_share_partial",
    "deal_spread": "accounts.fit.next.deal_spread_moderate",
    "small_buyer_share": "accounts.fit.next.small_buyer_share_partial",
}
_MILD_SEEN: dict[str, str] = {
    "large_pipeline_share": "accounts.fit.seen.large_pipeline_share_partial",
    "deal_spread": "accounts.fit.seen.deal_spread_moderate",
    "small_buyer_share": "accounts.fit.seen.small_buyer_share_partial",
}


def _mild(indicator: Indicator) -> bool:
    """Whether a weak indicator takes its mild wording (:data:`_MILD_NEXT`): the spread by
    its value as the page shows it (one decimal), the shares by their status."""
    if indicator.key == "deal_spread":
        return round(float(indicator.value or 0.0), 1) > UNIFORM_SPREAD
    return indicator.status == "partial" and indicator.key in _MILD_NEXT


def _step(indicator: Indicator, verdict: str) -> str:
    """The next-step key of a weak indicator: its advice, or what it shows when the verdict
    is poor; the mild wording where the strong one would contradict its value."""
    mild = _mild(indicator)
    if verdict == "poor":
        return _MILD_SEEN[indicator.key] if mild else K.FIT_SEEN[indicator.key]
    return _MILD_NEXT[indicator.key] if mild else K.FIT_NEXT[indicator.key]


def _band_table(rollup: pd.DataFrame, band: np.ndarray) -> pd.DataFrame:
    """Accounts, won revenue and open pipeline per size band, in :data:`BANDS` order."""
    table = pd.DataFrame(
        {
            "band": band,
            "won_revenue": rollup["won_revenue"].to_numpy(dtype=float),
            "open_pipeline": rollup["open_pipeline"].to_numpy(dtype=float),
            "accounts": 1,
        }
    )
    bands = table.groupby("band", sort=False)[["accounts", "won_revenue", "open_pipeline"]].sum()
    return bands.reindex(list(BANDS), fill_value=0).reset_index()


def diagnose_abm_fit(
    rollup: pd.DataFrame,
    *,
    opportunities: pd.DataFrame | None = None,
    settings: AbmFitSettings = AbmFitSettings(),
    as_of: pd.Timestamp | None = None,
) -> AbmFitResult:
    """Diagnose whether ABM suits the business behind the data.

    Parameters
    ----------
    rollup : pandas.DataFrame
        Output of :func:`~abm.accounts.rollup.rollup_accounts`.
    opportunities : pandas.DataFrame, optional
        Canonical opportunities, for the deal-size spread (won deals when
        at least ``min_deals_for_spread`` exist, else all positive amounts).
    settings : AbmFitSettings
    as_of : pandas.Timestamp, optional
        The day the roll-up was made for: the deal-size spread reads the deals that exist
        then, won by then, as the roll-up does (every deal when omitted).

    Returns
    -------
    AbmFitResult
        ``verdict`` is ``poor`` whenever the share of SMB/university buyers
        reaches ``small_share_poor``; otherwise the mean of the known
        indicators (good 1, partial 0.5, poor 0) gives ``good`` (≥ 0.7),
        ``poor`` (≤ 0.35) or ``partial``. Fewer than ``min_indicators``
        known indicators give ``insufficient``. ``next_steps``: the verdict's, then
        per weak (poor or partial) indicator its advice — or, when the verdict is
        ``poor``, what it shows (``accounts.fit.seen.<key>``), not ABM advice; worded
        to agree with the indicator's value (:data:`UNIFORM_SPREAD`, :data:`_MILD_NEXT`).
    """
    band = size_bands(rollup, settings).to_numpy()
    spread = _deal_spread(opportunities, settings, as_of)
    indicators = _indicators(rollup, band, spread, settings)
    verdict, score = _verdict(indicators, settings)
    steps = [K.FIT_NEXT[verdict]]
    # a poor verdict's weak indicators say what the data shows: their advice is ABM's ("build
    # a target account list"), beside "invest in demand generation rather than ABM" (QA-I)
    steps += [_step(i, verdict) for i in indicators if i.status in ("poor", "partial")]
    return AbmFitResult(verdict, score, indicators, tuple(steps), _band_table(rollup, band))
