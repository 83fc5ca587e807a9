"""Scoring page (AppTest): sliders rescore, the share link round-trips, models save and load."""

from __future__ import annotations

import json

import pytest

from abm.i18n import t
from abm.scoring import ScoringModel, decode_model, encode_model
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, with_demo

PAGE = "pages/5_Scoring.py"


def _open(demo_session_state, lang: str = "ja", code: str | None = None):
    at = new_app()
    at.session_state[state.K_LANG] = lang
    at.run()
    with_demo(at, demo_session_state)
    if code:
        at.query_params["m"] = code
    at.switch_page(PAGE)
    at.run()
    return at


def _tab(at, tab: str, lang: str = "ja"):
    """Open a slider tab (``fit``, ``engagement``, ``rules``): only the open one runs."""
    at.session_state[state.K_SCORING_TABS] = t(f"scoring.tab.{tab}", lang)
    at.run()
    assert not at.exception
    return at


def _metric(at, key: str, lang: str = "ja") -> str:
    label = t(key, lang)
    return next(m.value for m in at.metric if m.label == label)


def _mql(at, lang: str = "ja") -> int:
    return int(_metric(at, "scoring.mql_count", lang).replace(",", ""))


def test_moving_a_slider_changes_the_mql_count(demo_session_state):
    at = _open(demo_session_state)
    assert not at.exception
    before = _mql(at)
    _tab(at, "rules")
    at.slider(key=widget_key("scoring", "w.fit_threshold")).set_value(-50.0).run()
    assert not at.exception
    after = _mql(at)
    assert after > before
    # the "what changed" panel lists exactly the leads that entered
    assert int(_metric(at, "scoring.entered").replace(",", "")) == after - before
    assert _metric(at, "scoring.left") == "0"
    # the URL now carries the changed threshold only
    value = at.query_params["m"]
    code = value[0] if isinstance(value, list) else value
    assert code == encode_model(ScoringModel.from_dict({"fit_threshold": -50}))
    assert decode_model(code).fit_threshold == -50.0
    at.button(key=widget_key("scoring", "reset")).click().run()
    assert not at.exception
    assert _mql(at) == before


def test_engagement_slider_and_legend(demo_session_state):
    at = _open(demo_session_state, lang="en")
    assert not at.exception
    before = _mql(at, "en")
    _tab(at, "engagement", "en")
    at.slider(key=widget_key("scoring", "w.activity.demo_request")).set_value(0.0).run()
    assert not at.exception
    assert _mql(at, "en") < before
    _tab(at, "rules", "en")
    legend = [c.value for c in at.caption if c.value.startswith("Legend")]
    assert legend and "letter = Fit" in legend[0]
    at.segmented_control(key=widget_key("scoring", "w.letter_axis")).set_value("engagement").run()
    assert not at.exception
    legend = [c.value for c in at.caption if c.value.startswith("Legend")]
    assert "letter = Engagement" in legend[0]


def test_share_link_opens_the_same_view(demo_session_state):
    model = ScoringModel.from_dict({"fit_threshold": 10, "engagement_threshold": 5})
    shared = _tab(_open(demo_session_state, code=encode_model(model)), "rules")
    assert shared.slider(key=widget_key("scoring", "w.fit_threshold")).value == 10.0
    assert shared.slider(key=widget_key("scoring", "w.engagement_threshold")).value == 5.0
    plain = _tab(_open(demo_session_state), "rules")
    plain.slider(key=widget_key("scoring", "w.fit_threshold")).set_value(10.0).run()
    plain.slider(key=widget_key("scoring", "w.engagement_threshold")).set_value(5.0).run()
    assert _mql(plain) == _mql(shared)
    broken = _open(demo_session_state, code="!!!")
    assert not broken.exception
    assert any(w.value == t("scoring.err.bad_link", "ja") for w in broken.warning)


def test_save_baseline_to_workspace(demo_session_state):
    at = _open(demo_session_state)
    at.slider(key=widget_key("scoring", "w.seniority.staff")).set_value(40.0).run()
    assert int(_metric(at, "scoring.entered").replace(",", "")) > 0
    at.button(key=widget_key("scoring", "save")).click().run()
    assert not at.exception
    ws = at.session_state[state.K_WORKSPACE]
    assert ScoringModel.from_dict(ws.section("scoring_model")).points("seniority")["staff"] == 40.0
    assert _metric(at, "scoring.entered") == "0"


def test_closed_tabs_keep_their_values(demo_session_state):
    """Only the open tab's sliders run; the others keep their values in the model."""
    at = _open(demo_session_state)
    assert at.slider(
        key=widget_key("scoring", "w.seniority.staff")
    )  # fit tab, seniority open by default
    assert not [s for s in at.slider if s.key == "scoring.w.fit_threshold"]
    at.slider(key=widget_key("scoring", "w.seniority.staff")).set_value(40.0).run()
    entered = _metric(at, "scoring.entered")
    _tab(at, "rules")
    assert not [s for s in at.slider if s.key == "scoring.w.seniority.staff"]
    assert at.session_state[state.K_SCORING_MODEL].points("seniority")["staff"] == 40.0
    assert _metric(at, "scoring.entered") == entered
    at.slider(key=widget_key("scoring", "w.engagement_threshold")).set_value(0.0).run()
    model = at.session_state[state.K_SCORING_MODEL]
    assert model.points("seniority")["staff"] == 40.0 and model.engagement_threshold == 0.0
    _tab(at, "fit")
    assert at.slider(key=widget_key("scoring", "w.seniority.staff")).value == 40.0
    # a closed expander runs nothing until opened
    assert not [s for s in at.slider if s.key.startswith("scoring.w.industry.")]
    at.session_state[widget_key("scoring", "open.industry")] = True
    at.run()
    assert [s for s in at.slider if s.key.startswith("scoring.w.industry.")]
    assert at.session_state[state.K_SCORING_MODEL].engagement_threshold == 0.0


def test_suggest_and_apply_weights(demo_session_state):
    at = _open(demo_session_state)
    at.button(key=widget_key("scoring", "suggest_run")).click().run()
    assert not at.exception
    assert _metric(at, "scoring.auc_suggested")
    before = at.session_state[state.K_SCORING_MODEL]
    at.button(key=widget_key("scoring", "apply_suggested")).click().run()
    assert not at.exception
    assert at.session_state[state.K_SCORING_MODEL] != before


@pytest.mark.parametrize("payload", [b"{not json", json.dumps({"fit_threshold": "high"}).encode()])
def test_bad_model_file_is_refused(demo_session_state, payload):
    at = _open(demo_session_state)
    before = at.session_state[state.K_SCORING_MODEL]
    at.file_uploader(key=widget_key("scoring", "upload")).set_value(
        ("model.json", payload, "application/json")
    ).run()
    assert not at.exception
    assert at.error
    assert at.session_state[state.K_SCORING_MODEL] == before


def test_leads_only_without_outcomes(demo_session_state):
    import pandas as pd

    from abm.dataset import Dataset

    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2", "L3"], dtype="string"),
            "company": pd.array(["株式会社A", "B社", "C社"], dtype="string"),
            "title": pd.array(["部長", "担当", "代表取締役"], dtype="string"),
            "employees": pd.array([1200, 30, 400], dtype="Int64"),
        }
    )
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.session_state[state.K_DATASET] = Dataset(leads=leads)
    at.session_state[state.K_TOKEN] = "tiny"
    at.session_state[state.K_MEMO] = {}
    at.session_state[state.K_AS_OF] = pd.Timestamp("2026-01-01")
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert any(i.value == t("scoring.no_outcome", "en") for i in at.info)
    assert _mql(at, "en") == 0  # no activities: nobody reaches the engagement threshold
    _tab(at, "rules", "en")
    at.slider(key=widget_key("scoring", "w.engagement_threshold")).set_value(0.0).run()
    assert not at.exception
    # fit: 部長 12 + 1000–5000 staff 20 = 32 < 40; 代表取締役 15 + 300–1000 15 = 30; 担当 2
    at.slider(key=widget_key("scoring", "w.fit_threshold")).set_value(30.0).run()
    assert _mql(at, "en") == 2
