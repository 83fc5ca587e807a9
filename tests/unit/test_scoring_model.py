"""ScoringModel: JSON round trip, diffs, share links, refusal of bad input."""

import json

import pytest

from abm.errors import MoriError
from abm.scoring.model import ScoringModel, band_labels, decode_model, encode_model


def test_json_round_trip_default_and_changed():
    m = ScoringModel()
    assert ScoringModel.from_dict(json.loads(json.dumps(m.to_dict()))) == m
    m2 = m.with_points("seniority", "executive", 30).with_points("activity", "pricing_page", 12)
    m2 = ScoringModel.from_dict(
        {**m2.to_dict(), "letter_axis": "engagement", "competitors": ["rival.co.jp"]}
    )
    text = json.dumps(m2.to_dict(), ensure_ascii=False)
    back = ScoringModel.from_dict(json.loads(text))
    assert back == m2
    assert hash(back) == hash(m2)
    assert back.points("seniority")["executive"] == 30.0
    assert back.letter_axis == "engagement"


def test_diff_is_minimal_and_partial_dict_fills_defaults():
    m = ScoringModel().with_points("cap", "page_view", 40)
    m = ScoringModel.from_dict({**m.to_dict(), "fit_threshold": 55})
    assert m.diff() == {"activity_caps": {"page_view": 40.0}, "fit_threshold": 55.0}
    assert ScoringModel.from_dict(m.diff()) == m
    assert ScoringModel().diff() == {}


def test_share_link_round_trip():
    assert encode_model(ScoringModel()) == ""
    assert decode_model("") == ScoringModel()
    m = ScoringModel().with_points("industry", "manufacturing", 25)
    code = encode_model(m)
    assert "=" not in code and "+" not in code and "/" not in code
    assert decode_model(code) == m


def test_band_labels():
    assert band_labels((50, 300)) == ("lt_50", "50_300", "ge_300", "unknown")


@pytest.mark.parametrize(
    ("bad", "key", "path"),
    [
        ({"nope": 1}, "config.err.unknown_key", "nope"),
        ({"fit_threshold": float("nan")}, "config.err.not_finite", "fit_threshold"),
        ({"fit_threshold": True}, "config.err.not_number", "fit_threshold"),
        ({"fit_threshold": "40"}, "config.err.not_number", "fit_threshold"),
        ({"fit_threshold": 1e308}, "config.err.range", "fit_threshold"),
        ({"half_life_days": -1}, "config.err.range", "half_life_days"),
        ({"employee_edges": [300, 50]}, "config.err.ascending", "employee_edges"),
        ({"employee_edges": [50, 50]}, "config.err.ascending", "employee_edges"),
        ({"employee_edges": []}, "config.err.too_few", "employee_edges"),
        ({"fit_cuts": [20, 40, 60]}, "config.err.descending", "fit_cuts"),
        ({"fit_cuts": [60, 40]}, "config.err.length", "fit_cuts"),
        ({"letter_axis": "both"}, "config.err.choice", "letter_axis"),
        (
            {"seniority_points": {"emperor": 10}},
            "config.err.unknown_key",
            "seniority_points.emperor",
        ),
        ({"activity_caps": {"page_view": -5}}, "config.err.range", "activity_caps.page_view"),
        ({"activity_points": {"page_view": 1e9}}, "config.err.range", "activity_points.page_view"),
        (
            {"employee_edges": [100, 1000], "employee_points": {"50_300": 5}},
            "config.err.unknown_key",
            "employee_points.50_300",
        ),
        ({"competitors": "rival"}, "config.err.not_list", "competitors"),
        (["not", "a", "mapping"], "config.err.section_not_object", "-"),
    ],
)
def test_bad_model_refused(bad, key, path):
    with pytest.raises(MoriError) as err:
        ScoringModel.from_dict(bad, file="model.json")
    assert (err.value.key, err.value.params["key"]) == (key, path)
    assert err.value.params["file"] == "model.json"
    assert "model.json" in err.value.message("en")


def test_bad_share_link_refused():
    for text in ("!!!", "eyJub3BlIjox", "a" * 9000):
        with pytest.raises(MoriError):
            decode_model(text)


def test_changed_edges_rebuild_band_points():
    m = ScoringModel.from_dict({"employee_edges": [100, 1000], "employee_points": {"100_1000": 7}})
    assert m.points("employees") == {"lt_100": 0.0, "100_1000": 7.0, "ge_1000": 0.0, "unknown": 0.0}
    assert ScoringModel.from_dict(json.loads(json.dumps(m.to_dict()))) == m


def test_form_round_trip_and_refusal():
    from abm.errors import MoriError as Err
    from abm.scoring.form import model_from_form, model_to_form

    m = ScoringModel.from_dict(
        {"competitors": ["rival.co.jp", "ライバル株式会社"], "letter_axis": "engagement"}
    )
    form = model_to_form(m, "w.")
    assert form["w.seniority.executive"] == 15.0 and form["w.half_life"] == 30.0
    assert form["w.competitors"] == "rival.co.jp\nライバル株式会社"
    assert model_from_form(form, m, "w.") == m
    form["w.activity.pricing_page"] = 12.0
    assert model_from_form(form, m, "w.").points("activity")["pricing_page"] == 12.0
    form["w.fit_cut0"] = 0.0  # cuts must stay descending
    with pytest.raises(Err):
        model_from_form(form, m, "w.")


def test_refusal_message_never_echoes_markup():
    with pytest.raises(MoriError) as err:
        ScoringModel.from_dict({"[x](javascript:alert(1))": 1})
    assert err.value.params["key"] == "xjavascriptalert1"


#: Activity tables as saved before sales touches and business cards were kinds.
_OLD_KINDS = (
    "page_view", "pricing_page", "download", "webinar", "event", "email_open",
    "email_click", "form", "demo_request", "careers_page", "unsubscribe", "other",
)  # fmt: skip


def test_models_saved_before_the_sales_kinds_still_load():
    saved = ScoringModel().to_dict()
    saved["activity_points"] = {k: saved["activity_points"][k] for k in _OLD_KINDS}
    saved["activity_caps"] = {k: saved["activity_caps"][k] for k in _OLD_KINDS}
    saved["activity_points"]["webinar"] = 35.0
    m = ScoringModel.from_dict(json.loads(json.dumps(saved)))
    assert m.points("activity")["webinar"] == 35.0
    assert m.points("activity")["meeting"] == 0.0  # new kinds take their defaults
    assert m.diff() == {"activity_points": {"webinar": 35.0}}
    # a share link made before (diff: webinar 30, unsubscribe -40, cap of other 5)
    old_link = (
        "eyJhY3Rpdml0eV9wb2ludHMiOnsid2ViaW5hciI6MzAuMCwidW5zdWJzY3JpYmUiOi00MC4wfSwiYWN0aXZp"
        "dHlfY2FwcyI6eyJvdGhlciI6NS4wfX0"
    )
    m = decode_model(old_link)
    assert (m.points("activity")["webinar"], m.points("activity")["unsubscribe"]) == (30.0, -40.0)
    assert m.points("cap")["other"] == 5.0


def test_every_engagement_kind_has_points_a_cap_and_a_label():
    """Every activity kind, then every sales-touch result (a call with an appointment counts twice)."""
    from abm.core.activities import ACTIVITY_KINDS, RESULTS, SALES_KINDS
    from abm.i18n import catalog
    from abm.i18n import keys as K
    from abm.scoring.model import DEAL_AGES, DEAL_STAGES, ENGAGEMENT_KINDS

    m = ScoringModel()
    assert (*ACTIVITY_KINDS, *(f"result_{r}" for r in RESULTS)) == ENGAGEMENT_KINDS
    assert list(m.points("activity")) == list(ENGAGEMENT_KINDS)
    assert list(m.points("cap")) == list(ENGAGEMENT_KINDS)
    sales = (*SALES_KINDS, *ENGAGEMENT_KINDS[len(ACTIVITY_KINDS) :])
    assert all(m.points("activity")[k] == 0.0 for k in sales)  # marketing's score by default
    assert m.points("activity")["business_card"] > 0
    assert all(m.points("cap")[k] > 0 for k in ENGAGEMENT_KINDS)
    # opportunity facts score nothing by default
    assert set(m.points("deal_stage")) == set(DEAL_STAGES)
    assert set(m.points("deal_age")) == set(DEAL_AGES)
    assert not any(m.points("deal_stage").values()) and not any(m.points("deal_age").values())
    assert m.prior_win_points == 0.0
    labels = [*ENGAGEMENT_KINDS, *DEAL_STAGES, *DEAL_AGES]
    assert not [k for k in labels if k not in K.CATEGORY or K.CATEGORY[k] not in catalog()]


def test_prediction_settings_are_validated_and_shared():
    m = ScoringModel.from_dict({"prediction": "monthly", "horizon_days": 60})
    assert (m.prediction, m.horizon_days, m.prediction_days) == ("monthly", 60.0, 30.0)
    assert decode_model(encode_model(m)) == m
    for bad in ({"prediction": "weekly"}, {"horizon_days": 0}, {"prediction_days": -1}):
        with pytest.raises(MoriError):
            ScoringModel.from_dict(bad)
    assert encode_model(ScoringModel()) == ""  # new fields at their defaults add nothing to a link
