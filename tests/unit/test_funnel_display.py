"""Display helpers of the funnel page (formatting, views, editor edits)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.funnel import (
    compare_benchmarks,
    compute_reach,
    get_model,
    stage_map_table,
    stalled_leads,
    suggest_stage_map,
)
from abm.funnel.display import (
    apply_map_edits,
    benchmark_view,
    format_delta,
    format_kpi,
    method_message,
    stalled_view,
)
from tests.unit.test_funnel_reach import AS_OF, dated_leads, status_leads


def test_money_and_kpi_formats():
    # money reads as on every other page (abm.core.format.fmt_yen_short)
    assert format_kpi("pipeline_value", 3_377_600_000, "ja") == "33.8億円"
    assert format_kpi("pipeline_value", 3_377_600_000, "en") == "¥3.38B"
    assert format_kpi("pipeline_value", 2_500_000, "ja") == "250万円"
    assert format_kpi("pipeline_value", 9_999, "ja") == "9,999円"  # never ¥ in Japanese
    assert format_kpi("pipeline_value", float("nan"), "ja") == "—"
    assert format_delta("pipeline_value", 3_500_000.0, 1_000_000.0, "ja") == "+250万円"
    assert format_kpi("leads", 2306.0) == "2,306"
    assert format_kpi("win_rate", 0.4239) == "42%"
    assert format_kpi("win_rate", float("nan")) == "—"
    assert format_delta("leads", 2306.0, 1742.0) == "+564"
    assert format_delta("leads", 10.0, 12.0) == "-2"
    assert format_delta("win_rate", 0.42, 0.27) == "+15.0 pt"
    assert format_delta("pipeline_value", 1_000_000.0, 3_500_000.0, "en") == "-¥2.5M"
    assert format_delta("win_rate", float("nan"), 0.3) is None


def test_method_message_names_method_and_skips():
    r = compute_reach(dated_leads(), get_model("classic"), as_of=AS_OF)
    kind, text = method_message(r, "en")
    assert kind == "caption"
    assert (
        text == "Stage reached: from stage-date columns (7 leads). Leads that skipped a stage: 1."
    )
    kind, text = method_message(
        compute_reach(status_leads(), get_model("classic"), as_of=AS_OF), "en"
    )
    assert kind == "info" and "inferred from the current stage (9 leads)" in text


def test_benchmark_view_translates():
    r = compute_reach(dated_leads(), get_model("classic"), as_of=AS_OF)
    labels = {s.key: s.label("en") for s in r.model.stages}
    v = benchmark_view(compare_benchmarks(r), labels, "en")
    assert v.columns.tolist() == ["Step", "Your rate", "Band", "Position"]
    assert v["Step"].tolist() == ["Inquiry → MQL", "MQL → SAL", "SAL → SQL", "SQL → Won"]
    assert v["Band"].tolist() == ["10%–25%", "40%–60%", "50%–70%", "20%–30%"]
    assert v["Position"].tolist() == ["above", "above", "within", "above"]
    np.testing.assert_allclose(v["Your rate"], [4 / 7, 3 / 4, 2 / 3, 1 / 2])


def test_stalled_view_joins_identity_columns():
    df = dated_leads()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    s = stalled_leads(r, {"inquiry": 45, "mql": 7, "sal": 60})
    v = stalled_view(s, df, {"mql": "MQL", "inquiry": "Inquiry"})
    assert v["lead_id"].tolist() == ["L4", "L5"]
    assert v["stage"].tolist() == ["MQL", "Inquiry"]
    assert v["days_in_stage"].tolist() == [54, 49]


def test_apply_map_edits_only_touches_stage_and_detour():
    values = pd.Series(["潜在", "受注", "謎"], dtype="string")
    table = stage_map_table(values, suggest_stage_map(values))
    assert apply_map_edits(table, None) is None
    assert apply_map_edits(table, {"edited_rows": {}}) is None
    edits = {
        "edited_rows": {
            2: {"stage": "sql", "value": "hacked"},
            1: {"detour": None},
            9: {"stage": "won"},
        }
    }
    out = apply_map_edits(table, edits)
    assert out["value"].tolist() == ["潜在", "受注", "謎"]  # value untouched, row 9 ignored
    assert out["stage"].tolist() == ["inquiry", "won", "sql"]
    assert out["detour"].tolist() == ["", "", ""]
    assert table["stage"].tolist() == ["inquiry", "won", ""]  # input not mutated


def test_table_signature_changes_with_the_rows_not_with_the_edits():
    from abm.funnel.display import table_signature

    a = pd.Series(["潜在", "顕在化", "受注"], dtype="string")
    assert table_signature(a) == table_signature(a.copy())
    assert table_signature(a) != table_signature(a.iloc[::-1].reset_index(drop=True))
    assert table_signature(a) != table_signature(pd.Series(["潜在", "顕在化"], dtype="string"))
    assert len(table_signature(a)) == 16


def test_the_stalled_csv_names_every_column_in_the_readers_language():
    """QA-N: the stalled leads' CSV said entered_at, days_in_stage, sla_days in both
    languages (and its stage column read as the deals' フェーズ)."""
    from abm.i18n import t
    from abm.ui.views.funnel_results import stalled_csv

    df = dated_leads()
    r = compute_reach(df, get_model("classic"), as_of=AS_OF)
    view = stalled_view(stalled_leads(r, {"inquiry": 45, "mql": 7}), df, {"mql": "MQL"})
    for lang in ("ja", "en"):
        out = stalled_csv(view, lang)
        assert list(out.columns) == [
            t("field.lead_id", lang),
            t("funnel.col.stage", lang),
            t("funnel.col.entered", lang),
            t("funnel.col.days_in_stage", lang),
            t("funnel.col.sla", lang),
        ]
        assert out.iloc[:, 3].tolist() == view["days_in_stage"].tolist()
        assert not {"stage", "entered_at", "days_in_stage", "sla_days"} & set(out.columns)
    assert "フェーズ" not in stalled_csv(view, "ja").columns
