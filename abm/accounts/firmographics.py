"""Firmographic fit in [0, 100] from employees, revenue and industry."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from abm.core.titles import fold_text as normalise_text

if TYPE_CHECKING:
    from abm.accounts.rollup import RollupSettings

__all__ = ["firmographic_fit"]


def _points(values: np.ndarray, bands: tuple[float, ...], points: tuple[float, ...]) -> np.ndarray:
    idx = np.searchsorted(
        np.asarray(bands, dtype=float), np.nan_to_num(values, nan=0.0), side="right"
    )
    out = np.asarray(points, dtype=float)[np.clip(idx, 0, len(points) - 1)]
    return np.where(np.isnan(values), np.nan, out)


def firmographic_fit(
    employees: np.ndarray,
    revenue: np.ndarray,
    industry: pd.Series,
    settings: RollupSettings | None = None,
) -> np.ndarray:
    """Fit in [0, 100] from size and industry.

    Parameters
    ----------
    employees, revenue : numpy.ndarray
        Float arrays (``nan`` when unknown).
    industry : pandas.Series
        Industry text aligned with the arrays.
    settings : RollupSettings, optional
        Bands, points and target industries (default: ``RollupSettings()``).

    Returns
    -------
    numpy.ndarray
        The larger of the employee and revenue points, times
        ``off_target_factor`` outside target industries; ``nan`` when both
        sizes are unknown.
    """
    if settings is None:
        from abm.accounts.rollup import RollupSettings

        settings = RollupSettings()
    emp = _points(employees, settings.employee_bands, settings.employee_points)
    rev = _points(revenue, settings.revenue_bands, settings.revenue_points)
    fit = np.fmax(emp, rev)
    if settings.target_industries:
        words = [normalise_text(w) for w in settings.target_industries if w.strip()]
        text = industry.astype("string").fillna("").map(normalise_text)
        hit = np.zeros(len(text), dtype=bool)
        for w in words:
            hit |= text.str.contains(w, regex=False).to_numpy(dtype=bool)
        fit = np.where(hit, fit, fit * settings.off_target_factor)
    return fit
