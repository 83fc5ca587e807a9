"""Translated tables shared by the gap page and the report (numbers: abm.core.format)."""

from __future__ import annotations

import pandas as pd

from abm.funnel import compute_reach, get_model
from abm.gap.display import source_table
from abm.gap.sources import source_truth_table
from tests.unit.test_gap_data import AS_OF, END, START, make_leads, make_opportunities


def test_source_table_translates_and_drops_unknown_costs():
    leads = make_leads()
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    raw = source_truth_table(leads, reach, make_opportunities(), start=START, end=END)
    en = source_table(raw, "en", as_text=True)
    assert en.index.name == "Lead source"
    # lead sources by channel, labelled; a source no channel knows ("ad") as written
    assert en.index.tolist() == ["Website", "Webinars & seminars", "ad", "(unknown)"]
    assert list(en.columns) == [
        "Leads",
        "MQLs",
        "SALs",
        "Acceptance",
        "Opportunities",
        "Pipeline",
        "Won",
        "Won revenue",
    ]
    assert en.loc["Webinars & seminars"].tolist() == [
        "2",
        "2",
        "2",
        "100%",
        "3",
        "¥2M",  # as every money tile (QA: the report's last column ran off A4)
        "1",
        "¥1M",
    ]
    assert (
        source_table(raw, "ja", as_text=True).loc["ウェビナー・セミナー"].tolist()[5] == "200万円"
    )
    ja = source_table(raw, "ja")
    assert ja.index.tolist()[-1] == "（不明）"
    assert ja.columns[0] == "リード"
    assert isinstance(ja.iloc[0, 0], (int, float)) or pd.api.types.is_number(ja.iloc[0, 0])


def test_a_share_above_zero_never_reads_zero_percent():
    # QA-I: "Both hot 8 … Share 0%" for 8 of 2,389 leads
    from abm.gap.display import quadrant_table
    from abm.gap.quadrant import QUADRANTS

    quadrant = pd.DataFrame(
        {
            "leads": [8, 0, 372, 2009],
            "share": [8 / 2389, 0.0, 372 / 2389, 2009 / 2389],
            "opportunity_rate": [0.004, float("nan"), 0.12, 0.11],
            "won_rate": [0.0, float("nan"), 0.03, 0.03],
        },
        index=list(QUADRANTS),
    )
    en = quadrant_table(quadrant, "en", as_text=True)
    assert en["Share"].tolist() == ["<1%", "0%", "16%", "84%"]
    assert en["Leads with a deal (history)"].tolist() == ["<1%", "—", "12%", "11%"]
    assert en["Leads won (history)"].tolist()[0] == "0%"
    ja = quadrant_table(quadrant, "ja", as_text=True)
    assert ja["構成比"].tolist() == ["1%未満", "0%", "16%", "84%"]
