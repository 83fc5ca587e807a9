"""The demo's analyses are computed once per process, and nothing else is shared (abm.ui.state).

Sessions on the bundled demo with its own cleaning settings share the memoised results of
their pages (:data:`abm.ui.state.SHARED_SLOTS`): the second person opening the scoring page
builds no features. A session whose cleaning settings differ (its own exclusion lists), and
any uploaded data, computes for itself — nothing it typed or uploaded reaches another session.
"""

from __future__ import annotations

import pytest

from abm import scoring as sc
from abm.demo import demo_workspace
from abm.ui import state
from tests.ui.conftest import new_app, open_page

SCORING = "pages/5_Scoring.py"


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts :func:`abm.scoring.build_features` calls; the process-wide memo starts empty."""
    monkeypatch.setattr(state, "_shared_memo", {})
    calls: list[int] = []
    real = sc.build_features

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(sc, "build_features", counted)
    return calls


def _demo_scoring(workspace=None):
    at = new_app()
    if workspace is not None:
        at.session_state[state.K_WORKSPACE] = workspace
    at.query_params["demo"] = "1"
    at.run()
    at.switch_page(SCORING)
    at.run()
    assert not at.exception and at.metric, "the scoring page did not draw"
    return at


def _mqls(at) -> list[str]:
    return [m.value for m in at.metric]


def test_a_second_demo_session_reuses_the_first_ones_results(builds):
    first = _demo_scoring()
    assert len(builds) == 1
    second = _demo_scoring()
    assert len(builds) == 1  # nothing built again
    assert _mqls(second) == _mqls(first)


def test_own_exclusion_lists_or_an_upload_are_never_shared(builds, demo_session_state):
    _demo_scoring()
    assert len(builds) == 1
    rules = dict(demo_workspace().section("exclusion_rules") or {})
    rules["competitor_names"] = [*rules.get("competitor_names", []), "ミツバ精工"]
    own = demo_workspace().with_section("exclusion_rules", rules)
    _demo_scoring(own)
    assert len(builds) == 2  # other settings: its own features, and not put in the shared memo
    _demo_scoring(own)
    assert len(builds) == 3
    _, dataset = demo_session_state
    at = open_page(SCORING, dataset, token="an-upload")
    assert not at.exception
    assert len(builds) == 4  # the same rows uploaded: a session's own data, computed for it
    shared = [k for slot in state._shared_memo.values() for k, _ in slot]
    assert shared and all(k[0] == state.SHARED + "demo" for k in shared)


def test_a_demo_warmed_up_before_its_first_session_is_not_cleaned_again(monkeypatch):
    """``python -m abm.ui.launch … -- --demo`` builds and cleans the demo before any
    session (:func:`abm.ui.loading.warm_demo`): the first session finds both ready."""
    import abm.pipeline as pipeline
    from abm.ui import loading

    loading._demo.clear()
    state._shared_prepared.clear()
    cleaned: list[int] = []
    real = pipeline.prepare
    monkeypatch.setattr(pipeline, "prepare", lambda *a, **k: cleaned.append(1) or real(*a, **k))
    loading.warm_demo()
    assert cleaned == [1]
    at = _demo_scoring()
    assert cleaned == [1]  # the session used the warm-up's cleaning
    assert at.session_state[state.K_TOKEN] == state.SHARED + "demo"
