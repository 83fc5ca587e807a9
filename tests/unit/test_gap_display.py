"""Formatting and translated tables shared by the gap page and the report."""

from __future__ import annotations

import pandas as pd

from abm.funnel import compute_reach, get_model
from abm.gap.display import fmt_count, fmt_days, fmt_pct, fmt_yen, fmt_yen_short, source_table
from abm.gap.sources import source_truth_table
from tests.unit.test_gap_data import AS_OF, END, START, make_leads, make_opportunities


def test_formats():
    assert fmt_pct(0.384) == "38%" and fmt_pct(float("nan")) == "—"
    assert fmt_count(1234.4) == "1,234" and fmt_count(None) == "—"
    assert fmt_yen(1_200_000, "ja") == "1,200,000円" and fmt_yen(1_200_000, "en") == "¥1,200,000"
    assert fmt_days(2.5, "ja") == "2.5日" and fmt_days(2, "en") == "2 d"
    assert [fmt_yen_short(v, "ja") for v in (3_377_600_000, 2_500_000, 5_000)] == [
        "33.8億円",
        "250万円",
        "5,000円",
    ]
    assert [fmt_yen_short(v, "en") for v in (3_377_600_000, 294_400_000, 999)] == [
        "¥3.38B",
        "¥294M",
        "¥999",
    ]


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
        "¥2,000,000",
        "1",
        "¥1,000,000",
    ]
    ja = source_table(raw, "ja")
    assert ja.index.tolist()[-1] == "（不明）"
    assert ja.columns[0] == "リード"
    assert isinstance(ja.iloc[0, 0], (int, float)) or pd.api.types.is_number(ja.iloc[0, 0])
