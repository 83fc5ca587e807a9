"""Scoring page: weights learned on the back-test's rows are judged on unseen rows in every
session (QA-S: the applying session said "AUC (cross-validated) 0.708 … quote 0.708"; the
next session, on the saved model, headlined the in-sample "AUC 0.792" unlabelled)."""

from __future__ import annotations

from abm.i18n import t
from abm.ui.state import K_LANG, K_SCORING_MODEL, K_WORKSPACE
from tests.ui.conftest import new_app, with_demo
from tests.ui.test_page_scoring import PAGE, _metric, _open, form, w


def _labels(at) -> list[str]:
    return [m.label for m in at.metric]


def test_a_later_session_on_the_saved_suggestion_leads_with_the_cross_validated_auc(
    demo_session_state,
):
    at = _open(demo_session_state, lang="en")
    at.button(key=w("suggest_run")).click().run()
    at.button(key=w("apply_suggested")).click().run()
    assert not at.exception
    cv = _metric(at, "scoring.auc_cv", "en")
    at.button(key=w("save")).click().run()
    ws = at.session_state[K_WORKSPACE]

    later = new_app()  # a new browser session on the same data and workspace
    later.session_state[K_LANG] = "ja"
    later.run()
    with_demo(later, demo_session_state)
    later.session_state[K_WORKSPACE] = ws
    later.switch_page(PAGE)
    later.run()
    assert not later.exception
    assert _metric(later, "scoring.auc_cv") == cv
    assert t("scoring.auc", "ja") not in _labels(later)
    assert any(f"{cv} を使ってください" in c.value for c in later.caption)

    # a weight moved since: the in-sample AUC is named as such, the applied CV beside it
    model = later.session_state[K_SCORING_MODEL]
    staff = model.points("seniority")["staff"]
    later.slider(key=form("seniority.staff")).set_value(staff + 5).run()
    assert not later.exception
    labels = _labels(later)
    assert t("scoring.auc_in_sample_label", "ja") in labels
    assert t("scoring.auc", "ja") not in labels and t("scoring.auc_cv", "ja") not in labels
    assert any(cv in c.value and "高めに出ます" in c.value for c in later.caption)
