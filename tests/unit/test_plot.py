"""abm.plot: one-step figures draw what plotly's incremental API draws."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from abm.plot import figure, hline, title, vline


def _layout_parts(fig: go.Figure) -> tuple[list[dict], list[dict]]:
    lay = fig.to_plotly_json()["layout"]
    return lay.get("shapes", []), lay.get("annotations", [])


def test_vline_and_hline_match_plotly():
    ref = go.Figure(go.Bar(x=[1, 2], y=[3, 4]))
    ref.add_vline(x=1.5, line_dash="dash", line_color="#e45756", annotation_text="しきい値")
    ref.add_hline(y=3.5, line_dash="dot", annotation_text="base")
    ours = figure(
        [{"type": "bar", "x": [1, 2], "y": [3, 4]}],
        {},
        lines=[
            vline(1.5, "しきい値", dash="dash", color="#e45756"),
            hline(3.5, "base", dash="dot"),
        ],
    )
    assert _layout_parts(ours) == _layout_parts(ref)


def test_lines_without_text_add_no_annotation_and_keep_existing_ones():
    fig = figure(
        [{"type": "scatter", "x": [0], "y": [0]}],
        {"annotations": [{"text": "kept", "x": 0, "y": 0}], "title": title("T")},
        lines=[vline(0.0)],
    )
    shapes, notes = _layout_parts(fig)
    assert len(shapes) == 1 and [n["text"] for n in notes] == ["kept"]
    assert fig.layout.title.text == "T"


def test_month_axis_writes_the_year_only_where_it_changes():
    from abm.plot import month_axis

    months = pd.date_range("2024-10-01", periods=24, freq="MS")
    ja = month_axis(months, "ja")
    assert len(ja["tickvals"]) == 12  # every other month
    assert ja["ticktext"][:4] == ["2024年10月", "12月", "2025年2月", "4月"]
    assert all(t.endswith("月") for t in ja["ticktext"])
    en = month_axis(months, "en")
    assert en["ticktext"][:4] == ["Oct 2024", "Dec", "Feb 2025", "Apr"]
    one = month_axis(pd.Series([pd.Timestamp("2026-03-01")]), "ja")
    assert one["ticktext"] == ["2026年3月"]


def test_wrap_label_breaks_long_category_labels_on_two_lines():
    from abm.plot import wrap_label

    assert wrap_label("Tier 1（1:1）") == "Tier 1<br>（1:1）"
    assert wrap_label("Tier 2 (1:few)") == "Tier 2<br>(1:few)"
    assert wrap_label("大学・研究機関") == "大学・<br>研究機関"
    assert wrap_label("大企業") == "大企業"  # short labels stay on one line
    assert wrap_label(wrap_label("Tier 1（1:1）")) == "Tier 1<br>（1:1）"
