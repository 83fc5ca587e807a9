"""Does ABM suit this business? Indicators from the data, a verdict, the evidence.

Following the seed: ABM suits buyers of a few hundred employees or more and
revenue around 10 billion yen or more, with several contact points and
departments per account; it does not suit SMB markets where 1–3 executives
decide, university labs, or a near single product sold to one person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec
from abm.core.opportunities import outcomes
from abm.core.titles import fold_text as normalise_text
from abm.i18n import keys as K

__all__ = [
    "BANDS",
    "INDICATORS",
    "AbmFitResult",
    "AbmFitSettings",
    "Indicator",
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

#: Universities, colleges and public research institutes (vocabulary as data).
UNIVERSITY_PATTERN = re.compile(
    r"大学|大學|高等専門学校|高専|学校法人|研究所|研究機構|研究開発法人|"
    r"university|college|institute of technology|school of|national institute|academy of sciences"
)


_Employees = Annotated[float, Spec(min=0, max=10_000_000)]
_Share = Annotated[float, Spec(min=0, max=1)]
_PerAccount = Annotated[float, Spec(min=0, max=10_000)]


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
    """One indicator: its value, thresholds and status (``good/partial/poor/unknown``)."""

    key: str
    value: float | None
    status: str
    good: float
    poor: float
    higher_is_better: bool
    population: int


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


def _share(part: np.ndarray, whole: np.ndarray) -> float | None:
    total = float(whole.sum())
    return None if total <= 0 else float(part.sum()) / total


def diagnose_abm_fit(
    rollup: pd.DataFrame,
    *,
    opportunities: pd.DataFrame | None = None,
    settings: AbmFitSettings = AbmFitSettings(),
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

    Returns
    -------
    AbmFitResult
        ``verdict`` is ``poor`` whenever the share of SMB/university buyers
        reaches ``small_share_poor``; otherwise the mean of the known
        indicators (good 1, partial 0.5, poor 0) gives ``good`` (≥ 0.7),
        ``poor`` (≤ 0.35) or ``partial``. Fewer than ``min_indicators``
        known indicators give ``insufficient``.
    """
    s = settings
    band = size_bands(rollup, s).to_numpy()
    won = rollup["won_revenue"].to_numpy(dtype=float)
    pipe = rollup["open_pipeline"].to_numpy(dtype=float)
    large = band == "large"
    buyers = (won > 0) | (pipe > 0) | rollup["is_customer"].to_numpy(dtype=bool)
    if not buyers.any():
        buyers = rollup["contacts"].to_numpy() > 0
    n_buy = int(buyers.sum())
    contacts = rollup["contacts"].to_numpy(dtype=float)[buyers]
    depts = rollup["departments"].to_numpy(dtype=float)[buyers]
    spread, n_deals = None, 0
    if opportunities is not None and "amount" in opportunities.columns:
        amount = pd.to_numeric(opportunities["amount"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        is_won = (outcomes(opportunities) == "won").to_numpy(dtype=bool)
        ok = ~np.isnan(amount) & (amount > 0)
        deals = amount[ok & is_won] if (ok & is_won).sum() >= s.min_deals_for_spread else amount[ok]
        n_deals = len(deals)
        if n_deals >= s.min_deals_for_spread:
            p10, p90 = np.percentile(deals, [10, 90])
            spread = float(p90 / p10) if p10 > 0 else None
    small = np.isin(band, ["smb", "university"])
    known_size = band[buyers] != "unknown"
    small_share = float(small[buyers][known_size].mean()) if known_size.any() else None
    values: dict[str, tuple[float | None, float, float, bool, int]] = {
        "large_won_share": (
            _share(won[large], won),
            s.large_share_good,
            s.large_share_poor,
            True,
            int((won > 0).sum()),
        ),
        "large_pipeline_share": (
            _share(pipe[large], pipe),
            s.large_share_good,
            s.large_share_poor,
            True,
            int((pipe > 0).sum()),
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
        "deal_spread": (spread, s.spread_good, s.spread_poor, True, n_deals),
        "small_buyer_share": (
            small_share,
            s.small_share_good,
            s.small_share_poor,
            False,
            int(known_size.sum()),
        ),
    }
    indicators = tuple(
        Indicator(k, v, _status(v, g, p, h), g, p, h, n) for k, (v, g, p, h, n) in values.items()
    )
    points = {"good": 1.0, "partial": 0.5, "poor": 0.0}
    known = [points[i.status] for i in indicators if i.status != "unknown"]
    score = float(np.mean(known)) if known else None
    if small_share is not None and small_share >= s.small_share_poor:
        verdict = "poor"
    elif score is None or len(known) < s.min_indicators:
        verdict = "insufficient"
    else:
        verdict = "good" if score >= 0.7 else "poor" if score <= 0.35 else "partial"
    steps = [K.FIT_NEXT[verdict]]
    steps += [K.FIT_NEXT[i.key] for i in indicators if i.status in ("poor", "partial")]
    table = pd.DataFrame({"band": band, "won_revenue": won, "open_pipeline": pipe, "accounts": 1})
    bands = table.groupby("band", sort=False)[["accounts", "won_revenue", "open_pipeline"]].sum()
    bands = bands.reindex(list(BANDS), fill_value=0).reset_index()
    return AbmFitResult(verdict, score, indicators, tuple(steps), bands)
