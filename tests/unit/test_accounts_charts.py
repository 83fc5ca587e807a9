"""Figures for the accounts pages carry the numbers they are built from."""

from __future__ import annotations

import pandas as pd

from abm.accounts import ROLES, diagnose_abm_fit
from abm.accounts.charts import band_figure, coverage_heatmap, indicator_figure, tier_figure


def _scored() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["a", "b"],
            "account_name": ["株式会社A", None],
            "tier": pd.Categorical(
                ["tier_1", "none"], categories=["tier_1", "tier_2", "tier_3", "none"]
            ),
            **{f"role_{r}": [i % 2 == 0, i == 4] for i, r in enumerate(ROLES)},
        }
    )


def test_coverage_heatmap_matrix_and_labels():
    fig = coverage_heatmap(_scored(), "en")
    heat = fig.data[0]
    assert list(heat.y) == ["1. 株式会社A", "2. b"]
    assert heat.x[0] == "Decision maker"
    assert [list(r) for r in heat.z] == [[1, 0, 1, 0, 1], [0, 0, 0, 0, 1]]


def test_tier_figure_counts():
    fig = tier_figure(_scored(), "ja")
    assert list(fig.data[0].y) == [1, 0, 0, 1]


def test_fit_figures():
    rollup = pd.DataFrame(
        {
            "account_name": ["A社", "B大学"],
            "employees": pd.array([1000, 3000], dtype="Int64"),
            "annual_revenue": pd.array([None, None], dtype="Float64"),
            "contacts": [4, 1],
            "departments": [3, 1],
            "won_revenue": [6_000_000.0, 1_000_000.0],
            "open_pipeline": [0.0, 500_000.0],
            "is_customer": [True, True],
        }
    )
    result = diagnose_abm_fit(rollup)
    bands = band_figure(result, "en")
    assert list(bands.data[0].x)[:4] == ["Large", "Mid-size", "SMB", "University / research"]
    assert list(bands.data[0].y)[:4] == [6_000_000.0, 0.0, 0.0, 1_000_000.0]
    ja = band_figure(result, "ja")
    ticks = list(ja.layout.yaxis.ticktext)
    assert ticks[:2] == ["0円", "200万円"] and not any("¥" in s or "M" in s for s in ticks)
    assert list(ja.data[0].customdata)[:2] == ["600万円", "0円"]
    assert "¥6M" in list(bands.data[0].customdata)  # English: ¥ and M
    ind = indicator_figure(result, "en")
    assert len(ind.data[0].y) == sum(i.status != "unknown" for i in result.indicators)
