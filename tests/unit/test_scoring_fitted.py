"""A model remembers the rows its weights were fitted on (QA-S: a later session headlined the
in-sample AUC): the mark survives a save, a share link and the sliders' form."""

import json

import pandas as pd

from abm.scoring import (
    ScoringModel,
    build_features,
    decode_model,
    encode_model,
    fitted_status,
    lead_outcomes,
    learning_set,
    mark_fitted,
)
from abm.scoring.form import model_from_form, model_to_form
from tests.unit.test_scoring_timing import AS_OF, _acts, _leads


def _rows(**kw):
    leads = _leads()
    feats = build_features(leads, _acts(), as_of=AS_OF)
    out = lead_outcomes(leads, None, as_of=AS_OF)
    return learning_set(feats, leads, out, task="converted", **kw)


def test_a_fitted_model_is_known_on_its_rows_only():
    rows = _rows(prediction_days=30, horizon_days=90)
    plain = ScoringModel().with_points("seniority", "executive", 30)
    assert fitted_status(plain, rows) is None  # never fitted
    m = mark_fitted(plain, rows, 0.70812)
    got = fitted_status(m, rows)
    assert got is not None and got.cv_auc == 0.7081 and not got.moved
    assert fitted_status(m, _rows(prediction_days=7, horizon_days=90)) is None  # other rows
    assert fitted_status(m, _rows(prediction_days=30, horizon_days=200)) is None


def test_the_mark_survives_a_save_a_link_and_the_form():
    rows = _rows(prediction_days=30, horizon_days=90)
    m = mark_fitted(ScoringModel().with_points("activity", "form", 40), rows, 0.708)
    saved = ScoringModel.from_dict(json.loads(json.dumps(m.to_dict())))  # a later session
    assert saved == m and fitted_status(saved, rows) == fitted_status(m, rows)
    assert decode_model(encode_model(m)) == m
    assert model_from_form(model_to_form(m, "w."), m, "w.") == m


def test_thresholds_keep_the_weights_a_point_moves_them():
    rows = _rows(prediction_days=30, horizon_days=90)
    m = mark_fitted(ScoringModel(), rows, 0.708)
    cut = ScoringModel.from_dict({**m.to_dict(), "fit_threshold": 20, "engagement_threshold": 5})
    assert not fitted_status(cut, rows).moved  # the total score, so the AUC, is unchanged
    moved = fitted_status(m.with_points("seniority", "executive", 1), rows)
    assert moved is not None and moved.moved and moved.cv_auc == 0.708


def test_an_unreadable_mark_is_no_mark():
    rows = _rows(prediction_days=30, horizon_days=90)
    for text in ("", "converted", "x|y|z|w", "converted|abc|def|0.7"):
        assert fitted_status(ScoringModel(fitted_on=text), rows) is None
    assert pd.isna(fitted_status(mark_fitted(ScoringModel(), rows, float("nan")), rows).cv_auc)
