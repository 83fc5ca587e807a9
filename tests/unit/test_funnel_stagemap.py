"""Models as data, stage-map suggestion golden tables, config round trips."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from abm.funnel import (
    MODELS,
    FunnelConfig,
    FunnelModel,
    StageMap,
    custom_model,
    get_model,
    normalise_value,
    stage_map_from_table,
    stage_map_table,
    suggest_stage_map,
    suggest_value,
)
from abm.settings import Workspace

GOLDEN = {
    "hubspot": [
        ("Subscriber", "inquiry", ""),
        ("Lead", "inquiry", ""),
        ("Marketing Qualified Lead", "mql", ""),
        ("marketingqualifiedlead", "mql", ""),
        ("Sales Qualified Lead", "sql", ""),
        ("Opportunity", "opportunity", ""),
        ("Customer", "won", ""),
        ("Evangelist", "won", ""),
        ("Other", "", ""),
        ("マーケティング・クオリファイド・リード", "mql", ""),
        ("顧客", "won", ""),
        ("Unqualified", "", "disqualified"),
    ],
    "pardot": [
        ("Visitor", "", ""),
        ("Prospect", "inquiry", ""),
        ("MQL", "mql", ""),
        ("SQL", "sql", ""),
        ("Won", "won", ""),
    ],
    "marketo": [
        ("Anonymous", "", ""),
        ("Engaged", "inquiry", ""),
        ("Lead (MQL)", "mql", ""),
        ("Sales Lead", "sal", ""),
        ("Opportunity", "opportunity", ""),
        ("Customer", "won", ""),
        ("Disqualified", "", "disqualified"),
        ("Inactive", "", "recycled"),
        ("Recycled", "", "recycled"),
        ("Lost", "opportunity", "lost"),
    ],
    "bownow": [
        ("潜在", "inquiry", ""),
        ("準顕在", "mal", ""),
        ("顕在化", "mql", ""),
        ("アポ見込み", "mql", ""),
        ("アポ獲得", "sal", ""),
        ("アポ", "sal", ""),
        ("訪問済", "sql", ""),
        ("案件化", "opportunity", ""),
        ("受注", "won", ""),
        ("失注", "opportunity", "lost"),
        ("保留", "", "recycled"),
        ("対象外", "", "disqualified"),
        ("ターゲット外", "", "disqualified"),
    ],
    "salesforce": [
        ("Open - Not Contacted", "inquiry", ""),
        ("Working - Contacted", "sal", ""),
        ("Closed - Converted", "sql", ""),
        ("Closed - Not Converted", "", "disqualified"),
        ("未対応", "inquiry", ""),
        ("取引開始済み", "sql", ""),
        ("不適格", "", "disqualified"),
    ],
    "japanese": [
        ("問い合わせ", "inquiry", ""),
        ("見込み客", "inquiry", ""),
        ("営業受入", "sal", ""),
        ("商談化", "opportunity", ""),
        ("受注", "won", ""),
        ("失注", "opportunity", "lost"),
        ("ＭＱＬ", "mql", ""),  # full-width
        ("　商談化　", "opportunity", ""),  # ideographic spaces
    ],
}


@pytest.mark.parametrize("vendor", sorted(GOLDEN))
def test_golden_suggestions(vendor):
    for raw, stage, detour in GOLDEN[vendor]:
        got = suggest_value(raw)
        assert got[:2] == (stage, detour), (vendor, raw)


def test_keyword_fallback_and_unknown():
    assert suggest_value("2. 商談中（確度B）") == ("opportunity", "", 0.6)
    assert suggest_value("Recycled - no budget") == ("", "recycled", 0.6)
    assert suggest_value("zzz") == ("", "", 0.0)
    assert suggest_value(None) == ("", "", 0.0)
    assert normalise_value("Open - Not Contacted") == "opennotcontacted"


def test_suggestion_projects_onto_model():
    values = pd.Series(["潜在", "準顕在", "顕在化", "潜在", None, "AQL"], dtype="string")
    classic = suggest_stage_map(values, get_model("classic"))
    # distinct values in first-seen order; MAL and AQL are not classic stages → Inquiry
    assert classic.entries == (
        ("潜在", "inquiry", ""),
        ("準顕在", "inquiry", ""),
        ("顕在化", "mql", ""),
        ("AQL", "inquiry", ""),
    )
    the_model = suggest_stage_map(values, get_model("the_model"))
    assert the_model.entries[1] == ("準顕在", "mal", "")
    sd = suggest_stage_map(values, get_model("sd2012"))
    assert sd.entries[3] == ("AQL", "aql", "")


def test_stage_map_table_round_trip():
    values = pd.Series(["潜在", "受注", "潜在", "謎", None], dtype="string")
    smap = suggest_stage_map(values)
    t = stage_map_table(values, smap)
    assert t["value"].tolist() == ["潜在", "受注", "謎"]
    assert t["leads"].tolist() == [2, 1, 1]
    assert t["stage"].tolist() == ["inquiry", "won", ""]
    assert t["suggested"].tolist() == [1.0, 1.0, 0.0]
    edited = t.copy()
    edited.loc[2, "stage"] = "sql"
    edited.loc[1, "stage"] = "bogus"  # invalid rows are dropped, never applied
    back = stage_map_from_table(edited)
    assert back.entries == (("潜在", "inquiry", ""), ("謎", "sql", ""))


def test_models_are_data():
    assert get_model("classic").keys == ("inquiry", "mql", "sal", "sql", "opportunity", "won")
    assert get_model("the_model_sal_after_sql").keys.index("sal") > get_model(
        "the_model_sal_after_sql"
    ).keys.index("sql")
    assert [s.optional for s in get_model("sd2012").stages].count(True) == 1
    for model in MODELS.values():
        assert FunnelModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
        hash(model)
    with pytest.raises(ValueError):
        custom_model(["inquiry", "inquiry"])
    with pytest.raises(ValueError):
        custom_model(["inquiry", "nope"])


def test_config_round_trip_through_workspace():
    cfg = FunnelConfig(
        model=custom_model(["inquiry", "mql", "won"], labels={"mql": ("ホット", "Hot")}),
        stage_map=StageMap((("潜在", "inquiry", ""), ("失注", "opportunity", "lost"))),
        sla_days=(("inquiry", 10), ("mql", 3)),
        strict=False,
    )
    hash(cfg)
    ws = Workspace().with_section("stage_map", cfg.to_dict())
    back = FunnelConfig.from_dict(Workspace.from_json(ws.to_json()).section("stage_map"))
    assert back.model == cfg.model
    assert back.stage_map == cfg.stage_map
    assert back.strict is False
    assert back.sla()["inquiry"] == 10 and back.sla()["opportunity"] == 90  # defaults fill gaps
    assert FunnelConfig.from_dict({}) == FunnelConfig()


def test_stage_map_rejects_unknown_targets():
    with pytest.raises(ValueError):
        StageMap((("x", "nope", ""),))
    with pytest.raises(ValueError):
        StageMap((("x", "", "nope"),))


@pytest.mark.parametrize(
    ("section", "key", "path"),
    [
        (
            {"model": {"key": "custom", "stages": [{"generic": "nope"}]}},
            "config.err.choice",
            "model.stages[1].generic",
        ),
        ({"model": {"key": "no_such_model"}}, "config.err.missing", "model.stages"),
        (
            {"model": {"stages": [{"generic": "mql"}, {"generic": "mql"}]}},
            "config.err.invalid",
            "model.stages",
        ),
        (
            {"stage_map": {"entries": [["潜在", "nope", ""]]}},
            "config.err.choice",
            "stage_map.entries[1][2]",
        ),
        (
            {"stage_map": {"entries": [["too", "short"]]}},
            "config.err.length",
            "stage_map.entries[1]",
        ),
        ({"sla_days": {"mql": "seven"}}, "config.err.not_integer", "sla_days.mql"),
        ({"sla_days": {"mql": -1}}, "config.err.range", "sla_days.mql"),
        ({"sla_days": {"ゴール": 3}}, "config.err.unknown_key", "sla_days.[1]"),
        ({"strict": "yes"}, "config.err.not_bool", "strict"),
    ],
)
def test_malformed_section_is_a_user_error(section, key, path):
    from abm.errors import MoriError

    with pytest.raises(MoriError) as err:
        FunnelConfig.from_dict(section)
    assert (err.value.key, err.value.params["key"]) == (key, path)
    assert err.value.params["section"] == "stage_map"


def test_partial_stage_and_builtin_model_keep_their_defaults():
    cfg = FunnelConfig.from_dict(
        {"model": {"stages": [{"generic": "inquiry"}, {"generic": "mql", "ja": "ホット"}]}}
    )
    assert cfg.model.key == "custom"
    assert [(s.key, s.ja, s.en) for s in cfg.model.stages] == [
        ("inquiry", "問い合わせ", "Inquiry"),
        ("mql", "ホット", "MQL"),
    ]
    assert FunnelConfig.from_dict({"model": {"key": "the_model"}}).model == MODELS["the_model"]
    assert FunnelConfig.from_dict({"sla_days": {"won": 5}}).sla()["won"] == 5
