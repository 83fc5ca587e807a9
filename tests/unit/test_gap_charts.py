"""Gap figures: grouping of small sources, escaping of user labels, quadrant cells."""

from __future__ import annotations

import pandas as pd

from abm.gap.charts import fit_mix_figure, quadrant_figure, reasons_figure, volume_figure
from abm.gap.quadrant import QUADRANTS


def test_volume_keeps_top_sources_and_groups_the_rest():
    volume = pd.DataFrame(
        {"a": [1, 1], "b": [5, 5], "<b>x</b>": [3, 0], "(unknown)": [0, 1]},
        index=pd.Index(["2026-04", "2026-05"], name="period"),
    )
    fig = volume_figure(volume, "en", top=2)
    assert [(d.name, tuple(d.y)) for d in fig.data] == [
        ("b", (5, 5)),
        ("&lt;b&gt;x&lt;/b&gt;", (3, 0)),
        ("All other sources", (1, 2)),  # the rest; "Other" is a channel
    ]
    assert fig.layout.xaxis.type == "date"  # months on a date axis, labelled the reader's way
    assert list(fig.layout.xaxis.ticktext) == ["Apr 2026", "May"]  # the year where it changes
    ja = volume_figure(volume, "ja")
    assert [d.name for d in ja.data][-1] == "（不明）"
    assert list(ja.layout.xaxis.ticktext) == ["2026年4月", "5月"]
    months = pd.period_range("2025-01", periods=18, freq="M").astype(str)
    long_ = volume_figure(pd.DataFrame({"a": range(18)}, index=pd.Index(months)), "ja")
    assert len(long_.layout.xaxis.ticktext) <= 6  # a half-width chart on a 1280 px projector
    weeks = volume_figure(volume.set_axis(pd.Index(["2026-W14", "2026-W15"])), "ja")
    assert weeks.layout.xaxis.type == "category" and list(weeks.data[0].x) == [
        "2026-W14",
        "2026-W15",
    ]
    weeks = volume.set_axis(pd.Index(["2026Q1", "2026Q2"], name="period"))
    assert list(volume_figure(weeks, "ja").data[0].x) == ["2026Q1", "2026Q2"]  # not months


def test_quadrant_cells():
    q = pd.DataFrame(
        {"leads": [2, 3, 4, 5], "opportunity_rate": [0.5, 0.0, 0.25, float("nan")]},
        index=pd.Index(QUADRANTS, name="quadrant"),
    )
    fig = quadrant_figure(q, "en")
    # rows: fit cold, fit hot; columns: engagement cold, hot
    assert [list(r) for r in fig.data[0].z] == [[5.0, 3.0], [4.0, 2.0]]
    assert fig.data[0].text[1][1].startswith("2 leads<br>50% to opportunity<br><b>Both hot")
    assert "—" in fig.data[0].text[0][0]


def test_a_quadrant_cell_of_one_lead_says_lead():
    # outside testers: "1 leads" in the quadrant chart (Japanese has no plural: 1件)
    q = pd.DataFrame(
        {"leads": [1, 2, 0, 1], "opportunity_rate": [1.0, 0.5, float("nan"), 0.0]},
        index=pd.Index(QUADRANTS, name="quadrant"),
    )
    cells = [c.split("<br>")[0] for row in quadrant_figure(q, "en").data[0].text for c in row]
    assert sorted(cells) == ["0 leads", "1 lead", "1 lead", "2 leads"]
    ja = [c.split("<br>")[0] for row in quadrant_figure(q, "ja").data[0].text for c in row]
    assert sorted(ja) == ["0件", "1件", "1件", "2件"]


def test_fit_mix_and_reasons():
    fig = fit_mix_figure(pd.Series({"A": 2, "C": 1}), "en")
    assert list(fig.data[0].y) == [2, 0, 1, 0]
    reasons = pd.DataFrame({"reason": ["予算なし", "(unknown)", "<i>"], "leads": [3, 2, 1]})
    fig = reasons_figure(reasons, "en")
    assert list(fig.data[0].y) == ["&lt;i&gt;", "(unknown)", "予算なし"]
