"""Illustrative conversion bands from practitioner sources (never truths).

Practitioner sources conflict (healthy MQL→SAL acceptance is often quoted
above 80%); these bands are shown next to the user's rates, always labelled
*illustrative*.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.funnel.reach import Reach

__all__ = ["BENCHMARK_BANDS", "compare_benchmarks"]

#: (from generic stage, to generic stage, low, high) — illustrative only.
BENCHMARK_BANDS: tuple[tuple[str, str, float, float], ...] = (
    ("inquiry", "mql", 0.10, 0.25),
    ("mql", "sal", 0.40, 0.60),
    ("sal", "sql", 0.50, 0.70),
    ("sql", "won", 0.20, 0.30),
)


def compare_benchmarks(reach: Reach) -> pd.DataFrame:
    """The reach's conversion between each banded pair of stages the model has.

    The rate is count(to) / count(from) in the same reach (a cohort, ideally),
    whatever stages lie between — so SQL→Won spans Opportunity.

    Returns
    -------
    pandas.DataFrame
        Columns ``from_stage, to_stage, rate, low, high, position`` where
        ``position`` is ``"below"``, ``"within"``, ``"above"``, ``""`` (no leads at
        ``from_stage``) or ``"implied"`` (a stage of the pair has no data of its own:
        :meth:`~abm.funnel.reach.Reach.implied`; no rate). Pairs the model lacks are left out.
    """
    generic = {s.generic: j for j, s in enumerate(reach.model.stages)}
    counts = reach.counts()
    implied = set(reach.implied())
    rows = []
    for a, b, low, high in BENCHMARK_BANDS:
        if a not in generic or b not in generic:
            continue
        den = counts[generic[a]]
        keys = {reach.model.keys[generic[a]], reach.model.keys[generic[b]]}
        rate = counts[generic[b]] / den if den and not keys & implied else np.nan
        pos = (
            "implied"
            if keys & implied
            else ""
            if np.isnan(rate)
            else "below"
            if rate < low
            else "above"
            if rate > high
            else "within"
        )
        rows.append(
            {
                "from_stage": reach.model.keys[generic[a]],
                "to_stage": reach.model.keys[generic[b]],
                "rate": rate,
                "low": low,
                "high": high,
                "position": pos,
            }
        )
    return pd.DataFrame(rows, columns=["from_stage", "to_stage", "rate", "low", "high", "position"])
