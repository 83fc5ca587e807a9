"""Scoring page (AppTest): sliders rescore, one back-test with its definition, tasks from phase-only
opportunity reports, a lead's full breakdown, suggestions previewed before applying, the share link
with and without data, model files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from abm.i18n import t
from abm.scoring import ScoringModel, decode_model, encode_model
from abm.ui.state import (
    K_AS_OF,
    K_DATA_LABEL,
    K_DATASET,
    K_LANG,
    K_MEMO,
    K_SCORING_MODEL,
    K_SCORING_SUGGESTION,
    K_SCORING_TABS,
    K_TOKEN,
    K_WORKSPACE,
    widget_key,
)
from tests.ui.conftest import new_app, with_demo

PAGE = "pages/5_Scoring.py"
EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def w(name: str) -> str:
    """A scoring widget's key."""
    return widget_key("scoring", name)


def form(name: str) -> str:
    """A model-form widget's key."""
    return widget_key("scoring", "w." + name)


def install_dataset(at, dataset, *, token: str, as_of=None):
    """Put ``dataset`` in the session as the loader does."""
    at.session_state[K_DATASET] = dataset
    at.session_state[K_TOKEN] = token
    at.session_state[K_DATA_LABEL] = "test"
    at.session_state[K_MEMO] = {}
    if as_of is not None:
        at.session_state[K_AS_OF] = as_of
    return at


def _open(demo_session_state, lang: str = "ja", code: str | None = None):
    at = new_app()
    at.session_state[K_LANG] = lang
    at.run()
    with_demo(at, demo_session_state)
    if code:
        at.query_params["m"] = code
    at.switch_page(PAGE)
    at.run()
    return at


def _tab(at, tab: str, lang: str = "ja"):
    """Open a slider tab (``fit``, ``engagement``, ``deal``, ``rules``): only the open one runs."""
    at.session_state[K_SCORING_TABS] = t(f"scoring.tab.{tab}", lang)
    at.run()
    assert not at.exception
    return at


def _metric(at, key: str, lang: str = "ja") -> str:
    label = t(key, lang)
    return next(m.value for m in at.metric if m.label == label)


def _count(at, key: str, lang: str = "ja") -> int:
    return int(_metric(at, key, lang).replace(",", ""))


def _mql(at, lang: str = "ja") -> int:
    return _count(at, "scoring.mql_count", lang)


def test_moving_a_slider_changes_the_mql_count(demo_session_state):
    at = _open(demo_session_state)
    assert not at.exception
    before = _mql(at)
    _tab(at, "rules")
    at.slider(key=form("fit_threshold")).set_value(-50.0).run()
    assert not at.exception
    after = _mql(at)
    assert after > before
    # the "what changed" panel lists exactly the leads that entered
    assert _count(at, "scoring.entered") == after - before
    assert _metric(at, "scoring.left") == "0"
    # the URL now carries the changed threshold only
    value = at.query_params["m"]
    code = value[0] if isinstance(value, list) else value
    assert code == encode_model(ScoringModel.from_dict({"fit_threshold": -50}))
    assert decode_model(code).fit_threshold == -50.0
    at.button(key=w("reset")).click().run()
    assert not at.exception
    assert _mql(at) == before


def test_engagement_slider_and_legend(demo_session_state):
    at = _open(demo_session_state, lang="en")
    assert not at.exception
    before = _mql(at, "en")
    _tab(at, "engagement", "en")
    at.slider(key=form("activity.demo_request")).set_value(0.0).run()
    assert not at.exception
    assert _mql(at, "en") < before
    _tab(at, "rules", "en")
    legend = [c.value for c in at.caption if c.value.startswith("Legend")]
    assert legend and "letter = Fit" in legend[0]
    at.segmented_control(key=form("letter_axis")).set_value("engagement").run()
    assert not at.exception
    legend = [c.value for c in at.caption if c.value.startswith("Legend")]
    assert "letter = Engagement" in legend[0]


def test_one_auc_with_its_definition(demo_session_state):
    """The back-test shows one AUC, at each lead's prediction time, and says what it is."""
    at = _open(demo_session_state, lang="en")
    aucs = [m for m in at.metric if "AUC" in m.label]
    assert [m.label for m in aucs] == [t("scoring.auc", "en")]
    text = next(c.value for c in at.caption if c.value.startswith("Definition of AUC"))
    assert "within 90 days after the prediction time" in text
    assert "30 days after the lead was created" in text
    # the prediction time moves the definition and the rows
    _tab(at, "rules", "en")
    at.slider(key=form("prediction_days")).set_value(7.0).run()
    assert not at.exception
    moved = next(c.value for c in at.caption if c.value.startswith("Definition of AUC"))
    assert "7 days after the lead was created" in moved
    at.segmented_control(key=form("prediction")).set_value("monthly").run()
    assert not at.exception
    assert any("monthly snapshot" in c.value for c in at.caption)
    # won vs lost is a task of its own, named on the page
    at.segmented_control(key=w("task")).set_value("won_vs_lost").run()
    assert not at.exception
    text = next(c.value for c in at.caption if c.value.startswith("Definition of AUC"))
    assert "a decided deal was won rather than lost" in text


def test_share_link_opens_the_same_view(demo_session_state):
    model = ScoringModel.from_dict({"fit_threshold": 10, "engagement_threshold": 5})
    shared = _tab(_open(demo_session_state, code=encode_model(model)), "rules")
    assert shared.slider(key=form("fit_threshold")).value == 10.0
    assert shared.slider(key=form("engagement_threshold")).value == 5.0
    plain = _tab(_open(demo_session_state), "rules")
    plain.slider(key=form("fit_threshold")).set_value(10.0).run()
    plain.slider(key=form("engagement_threshold")).set_value(5.0).run()
    assert _mql(plain) == _mql(shared)
    broken = _open(demo_session_state, code="!!!")
    assert not broken.exception
    assert any(x.value == t("scoring.err.bad_link", "ja") for x in broken.warning)


def test_a_share_link_without_data_shows_the_shared_weights_and_keeps_them_through_loading():
    """Fresh browser, no data: the shared model, a guard to load data; the model survives the load."""
    model = ScoringModel.from_dict({"fit_threshold": 12, "engagement_threshold": 7})
    at = new_app()
    at.session_state[K_LANG] = "en"
    at.run()
    at.query_params["m"] = encode_model(model)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert any(i.value == t("scoring.no_data", "en") for i in at.info)
    _tab(at, "rules", "en")
    assert at.slider(key=form("fit_threshold")).value == 12.0
    assert at.session_state[K_SCORING_MODEL] == model
    at.button(key=widget_key("scoring", "demo")).click().run()  # the guard's "load the demo"
    assert not at.exception
    assert at.session_state[K_SCORING_MODEL] == model
    assert _mql(at, "en") >= 0 and not any(i.value == t("scoring.no_data", "en") for i in at.info)
    link = next(c.value for c in at.code if "m=" in c.value)
    assert "demo=1" in link and f"m={encode_model(model)}" in link


def test_demo_in_the_link_loads_the_demo_on_the_scoring_page():
    model = ScoringModel.from_dict({"engagement_threshold": 0})
    at = new_app()
    at.session_state[K_LANG] = "en"
    at.query_params["demo"] = "1"  # the link opened: its page is the session's first run
    at.query_params["m"] = encode_model(model)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.session_state[K_SCORING_MODEL] == model
    assert _mql(at, "en") > 0


def test_save_baseline_to_workspace(demo_session_state):
    at = _open(demo_session_state)
    at.slider(key=form("seniority.staff")).set_value(40.0).run()
    assert _count(at, "scoring.entered") > 0
    at.button(key=w("save")).click().run()
    assert not at.exception
    ws = at.session_state[K_WORKSPACE]
    assert ScoringModel.from_dict(ws.section("scoring_model")).points("seniority")["staff"] == 40.0
    assert _metric(at, "scoring.entered") == "0"


def test_closed_tabs_keep_their_values(demo_session_state):
    """Only the open tab's sliders run; the others keep their values in the model."""
    at = _open(demo_session_state)
    assert at.slider(key=form("seniority.staff"))  # fit tab, seniority open by default
    assert not [s for s in at.slider if s.key == form("fit_threshold")]
    at.slider(key=form("seniority.staff")).set_value(40.0).run()
    entered = _metric(at, "scoring.entered")
    _tab(at, "rules")
    assert not [s for s in at.slider if s.key == form("seniority.staff")]
    assert at.session_state[K_SCORING_MODEL].points("seniority")["staff"] == 40.0
    assert _metric(at, "scoring.entered") == entered
    at.slider(key=form("engagement_threshold")).set_value(0.0).run()
    model = at.session_state[K_SCORING_MODEL]
    assert model.points("seniority")["staff"] == 40.0 and model.engagement_threshold == 0.0
    _tab(at, "deal")
    at.slider(key=form("deal_stage.stage_opportunity")).set_value(10.0).run()
    _tab(at, "fit")
    assert at.slider(key=form("seniority.staff")).value == 40.0
    # a closed expander runs nothing until opened
    assert not [s for s in at.slider if s.key.startswith(form("industry."))]
    at.session_state[w("open.industry")] = True
    at.run()
    assert [s for s in at.slider if s.key.startswith(form("industry."))]
    model = at.session_state[K_SCORING_MODEL]
    assert (
        model.engagement_threshold == 0.0 and model.points("deal_stage")["stage_opportunity"] == 10
    )


def test_suggestion_is_previewed_before_it_is_applied(demo_session_state):
    at = _open(demo_session_state, lang="en")
    before = _mql(at, "en")
    at.button(key=w("suggest_run")).click().run()
    assert not at.exception
    suggested = _metric(at, "scoring.auc_suggested", "en")
    res = at.session_state[K_SCORING_SUGGESTION][1]
    not_better = [x for x in at.warning if "do no better than the current ones" in x.value]
    assert bool(not_better) == (res.auc_suggested <= res.auc_current)
    # QA-I: "AUC 0.547" in the back-test, "the current ones (0.548)" here: each says what it is
    overall = _metric(at, "scoring.auc", "en")
    current = f"{res.auc_current:.3f}"
    said = t("scoring.suggest_on", "en", folds=len(res.folds), current=current, overall=overall)
    assert said in [c.value for c in at.caption]
    assert f"{overall} in the back-test above" in said and f"read {current} here" in said
    shown = next(m for m in at.metric if m.label == t("scoring.auc_suggested", "en"))
    delta = f"{res.auc_suggested - res.auc_current:+.3f}"  # like with like: the same folds
    assert shown.delta == f"{delta} vs the current weights' {current} on the same folds"
    entered = _count(at, "scoring.preview.entered", "en")
    left = _count(at, "scoring.preview.left", "en")
    current = at.session_state[K_SCORING_MODEL]
    assert current == ScoringModel()  # nothing applied yet
    at.button(key=w("apply_suggested")).click().run()
    assert not at.exception
    after = _mql(at, "en")
    assert at.session_state[K_SCORING_MODEL] != current
    assert after == before + entered - left  # the preview said exactly what happened
    assert abs(after - before) <= max(3, 0.02 * before)  # thresholds kept the team's capacity
    assert _count(at, "scoring.entered", "en") == entered  # vs the saved (default) model
    # learned on the back-test's rows: the page leads with the AUC on rows not learned from
    # (QA-G: an in-sample 0.785 was shown for weights scoring 0.565 cross-validated)
    cv = _metric(at, "scoring.auc_cv", "en")
    assert float(cv) == pytest.approx(float(suggested), abs=5e-4)
    assert not [m for m in at.metric if m.label == t("scoring.auc", "en")]
    assert any(f"Quote {cv}" in c.value for c in at.caption)
    _tab(at, "rules", "en")  # the sliders moved: the usual AUC again
    at.slider(key=form("prediction_days")).set_value(7.0).run()
    assert _metric(at, "scoring.auc", "en") and not [
        m for m in at.metric if m.label == t("scoring.auc_cv", "en")
    ]


def test_a_lead_s_breakdown_adds_up_to_its_scores(demo_session_state):
    at = _open(demo_session_state, lang="en")
    axis_col = t("scoring.lead_axis", "en")
    table = next(d.value for d in at.dataframe if axis_col in d.value.columns)
    axis = table[axis_col]
    points = table[t("scoring.points", "en")]
    fit = float(_metric(at, "scoring.lead_fit", "en"))
    eng = float(_metric(at, "scoring.lead_engagement", "en"))
    assert points[axis == t("scoring.axis.fit", "en")].sum() == pytest.approx(fit, abs=1)
    assert points[axis == t("scoring.axis.engagement", "en")].sum() == pytest.approx(eng, abs=0.6)
    assert (axis == t("scoring.axis.fit", "en")).sum() == 8  # every fit dimension, even at 0
    at.text_input(key=w("lead_query")).input("no company has this name").run()
    assert not at.exception
    assert any(c.value == t("scoring.lead_none", "en") for c in at.caption)


def _load_exports(files):
    from abm.ingest import load_files

    ds, errors = load_files([(f, (EXPORTS / f).read_bytes()) for f in files])
    assert not errors
    at = new_app()
    at.session_state[K_LANG] = "en"
    at.run()
    install_dataset(at, ds, token="exports")
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


def test_a_phase_only_report_linked_to_accounts_is_not_no_opportunity_data():
    at = _load_exports(["sf_report_contacts_ja.csv", "sf_report_opportunities_ja.csv"])
    infos = [i.value for i in at.info]
    assert t("scoring.no_outcome", "en") not in infos
    assert t("scoring.no_linked", "en", opportunities="40") in infos


def test_japanese_exports_with_phases_give_both_tasks_and_a_back_test():
    at = _load_exports(
        [
            "sf_report_contacts_ja.csv",
            "sf_report_opportunities_custom_ja.csv",
            "sf_report_activities_ja.csv",
        ]
    )
    picker = at.segmented_control(key=w("task"))
    assert list(picker.options) == [
        t("scoring.task.converted", "en"),
        t("scoring.task.won_vs_lost", "en"),
    ]
    _tab(at, "rules", "en")
    at.segmented_control(key=form("prediction")).set_value("monthly").run()
    assert not at.exception
    assert _metric(at, "scoring.auc", "en") != "—"
    at.segmented_control(key=w("task")).set_value("won_vs_lost").run()
    assert not at.exception
    assert _metric(at, "scoring.auc", "en") != "—"
    # a catalogue's few dozen deals: the AUC is said to be unreliable (QA-G: 5 of 1,640)
    warned = [x.value for x in at.warning if "moves a lot by chance" in x.value]
    assert len(warned) == 1
    # the choice is kept when the user comes back from another page
    at.switch_page("pages/3_Funnel.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.segmented_control(key=w("task")).value == "won_vs_lost"


@pytest.mark.parametrize("payload", [b"{not json", json.dumps({"fit_threshold": "high"}).encode()])
def test_bad_model_file_is_refused(demo_session_state, payload):
    at = _open(demo_session_state)
    before = at.session_state[K_SCORING_MODEL]
    at.file_uploader(key=w("upload")).set_value(("model.json", payload, "application/json")).run()
    assert not at.exception
    assert at.error
    assert at.session_state[K_SCORING_MODEL] == before


def test_leads_only_without_outcomes():
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
    at.session_state[K_LANG] = "en"
    at.run()
    install_dataset(at, Dataset(leads=leads), token="tiny", as_of=pd.Timestamp("2026-01-01"))
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert any(i.value == t("scoring.no_outcome", "en") for i in at.info)
    assert _mql(at, "en") == 0  # no activities: nobody reaches the engagement threshold
    _tab(at, "rules", "en")
    at.slider(key=form("engagement_threshold")).set_value(0.0).run()
    assert not at.exception
    # fit: 部長 12 + 1000–5000 staff 20 = 32 < 40; 代表取締役 15 + 300–1000 15 = 30; 担当 2
    at.slider(key=form("fit_threshold")).set_value(30.0).run()
    assert _mql(at, "en") == 2


def test_at_an_earlier_as_of_date_only_leads_that_existed_then_are_scored(demo_session_state):
    # QA: at an as-of date with 601 leads still to come, the Funnel did not count them and
    # Scoring scored all 3,443 (the score-MQL share divided by leads that did not exist)
    import datetime as dt

    from abm.accounts import created_by
    from abm.ui import state

    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.switch_page("pages/5_Scoring.py")
    at.run()
    everyone = {m.label: m.value for m in at.metric}[t("scoring.leads", "en")]
    day = dt.date(2026, 6, 30)
    at.sidebar.date_input(key=state.K_W_AS_OF).set_value(day).run()
    assert not at.exception
    kept = at.session_state[state.K_MEMO]["pipeline.prepared"][0][1].dataset.leads
    then = len(created_by(kept, pd.Timestamp(day)))
    scored = {m.label: m.value for m in at.metric}[t("scoring.leads", "en")]
    assert scored == f"{then:,}" and then < int(everyone.replace(",", ""))


def test_only_sales_touches_say_why_engagement_is_zero(demo_session_state):
    # QA-K: a sales activity report alone (calls, visits) left engagement 0 for everyone and
    # 0 score MQLs, and nothing said why
    at = _load_exports(["sf_report_contacts_ja.csv", "sf_report_activities_ja.csv"])
    said = [str(i.value) for i in at.info]
    assert any(s.startswith(t("scoring.no_engagement", "en", count="42")) for s in said)
    demo = _open(demo_session_state, "en")  # marketing behaviour scores: nothing to say
    assert not any("Sales touches (calls" in str(i.value) for i in demo.info)
