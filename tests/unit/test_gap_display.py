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
    assert en.index.tolist() == ["web", "seminar", "ad", "(unknown)"]
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
    assert en.loc["seminar"].tolist() == [
        "2",
        "2",
        "2",
        "100%",
        "3",
        "¥2M",  # as every money tile (QA: the report's last column ran off A4)
        "1",
        "¥1M",
    ]
    assert source_table(raw, "ja", as_text=True).loc["seminar"].tolist()[5] == "200万円"
    ja = source_table(raw, "ja")
    assert ja.index.tolist()[-1] == "（不明）"
    assert ja.columns[0] == "リード"
    assert isinstance(ja.iloc[0, 0], (int, float)) or pd.api.types.is_number(ja.iloc[0, 0])
