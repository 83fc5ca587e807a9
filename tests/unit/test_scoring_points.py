"""Coefficients to slider points: anchored at the lowest supported category, ramps, scale, capacity."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.scoring import ScoringModel, build_features, decayed_counts, rescore
from abm.scoring.design import Design
from abm.scoring.form import SLIDER_RANGES
from abm.scoring.points import keep_capacity, to_points
from abm.scoring.synthetic import make_leads_and_activities


def _design(columns: list[tuple[str, str, str, int]], n: int = 200) -> Design:
    """A design whose column j is non-zero on its first ``support`` rows."""
    X = np.zeros((n, len(columns)))
    for j, (*_, support) in enumerate(columns):
        X[:support, j] = 1.0
    knees = {c: 3.0 for _, d, c, _ in columns if d == "activity"}
    return Design(sp.csr_matrix(X), [(f, d, c) for f, d, c, _ in columns], knees)


def test_each_dimension_is_anchored_at_its_lowest_supported_category():
    d = _design(
        [
            ("fit", "seniority", "executive", 40),
            ("fit", "seniority", "staff", 80),
            ("fit", "seniority", "unknown", 60),
            ("fit", "seniority", "student", 3),  # too few rows
            ("fit", "industry", "manufacturing", 100),
            ("fit", "industry", "unknown", 100),
        ]
    )
    coef = np.array([1.0, -0.5, 0.2, -2.0, -0.3, -0.1])
    m, table = to_points(coef, d, ScoringModel())
    sen = m.points("seniority")
    # staff is the anchor (not "unknown", not the unsupported student); executive is the largest
    # distance, so it sits at the edge of the slider: the scale is 50 / 1.5
    assert (sen["staff"], sen["executive"], sen["unknown"], sen["student"]) == (0, 50, 23, 0)
    ind = m.points("industry")
    assert (ind["manufacturing"], ind["unknown"]) == (0, 7)
    assert min(v for t in ("seniority", "industry") for v in m.points(t).values()) == 0
    status = table.set_index("category")["status"]
    assert status["student"] == "few_rows" and status["executive"] == "learned"
    # a table the design does not cover is 0 (a suggestion is exactly what was learned)
    assert not any(m.points("department").values()) and m.free_mail_penalty == 0


def test_flags_are_measured_from_no():
    d = _design(
        [
            ("fit", "seniority", "staff", 100),
            ("fit", "seniority", "manager", 100),
            ("fit", "free_mail", "no", 150),
            ("fit", "free_mail", "yes", 50),
        ]
    )
    m, _ = to_points(np.array([0.0, 0.5, 0.1, -0.9]), d, ScoringModel())
    # free mail: -1.0 logit from "no" is the largest distance → -50; manager +0.5 → 25
    assert m.free_mail_penalty == -50 and m.points("seniority")["manager"] == 25


def test_an_activity_coefficient_is_points_per_activity_and_times_the_knee_its_cap():
    d = _design([("marketing", "activity", "download", 100), ("fit", "seniority", "staff", 100)])
    m, table = to_points(np.array([0.8, 0.0]), d, ScoringModel())
    per, cap = m.points("activity")["download"], m.points("cap")["download"]
    # the only learned value: its cap (0.8 x knee 3) sits at the cap slider's edge
    assert (per, cap) == (round(200 / 3), 200)
    counts = np.array([0.5, 1.0, 2.0, 3.0, 7.0])
    np.testing.assert_allclose(np.minimum(counts * per, cap), per * np.minimum(counts, 3), atol=1)
    assert table.set_index("category").loc["download", "cap"] == cap
    # a negative coefficient gives negative points with a positive cap
    m2, _ = to_points(np.array([-0.8, 0.0]), d, ScoringModel())
    assert m2.points("activity")["download"] < 0 and m2.points("cap")["download"] == 200


@settings(max_examples=60)
@given(
    coef=st.lists(st.floats(-5, 5, allow_nan=False), min_size=5, max_size=5),
    support=st.lists(st.integers(0, 200), min_size=5, max_size=5),
)
def test_every_point_is_whole_and_inside_its_slider(coef, support):
    d = _design(
        [
            ("fit", "seniority", "staff", support[0]),
            ("fit", "seniority", "executive", support[1]),
            ("fit", "industry", "finance", support[2]),
            ("marketing", "activity", "webinar", support[3]),
            ("sales", "activity", "result_appointment", support[4]),
        ]
    )
    m, _ = to_points(np.array(coef), d, ScoringModel())
    ScoringModel.from_dict(m.to_dict())  # a valid, savable model
    lo, hi = SLIDER_RANGES["fit"]
    for table in ("seniority", "industry"):
        pts = m.points(table).values()
        assert all(lo <= p <= hi and p == round(p) for p in pts)
        assert min(pts) >= 0  # anchored at the lowest
    a_lo, a_hi = SLIDER_RANGES["activity"]
    assert all(a_lo <= p <= a_hi and p == round(p) for p in m.points("activity").values())
    assert all(0 <= c <= SLIDER_RANGES["cap"][1] or c == ScoringModel().points("cap")[k]
               for k, c in m.points("cap").items())  # fmt: skip


@pytest.fixture(scope="module")
def generated():
    leads, acts = make_leads_and_activities(3000, activities_per_lead=6, seed=5)
    feats = build_features(leads, acts, as_of=pd.Timestamp("2026-01-01"))
    return feats, decayed_counts(feats, 30)


@pytest.mark.parametrize("threshold", [(40.0, 30.0), (20.0, 10.0), (60.0, 0.0)])
def test_thresholds_are_refitted_to_keep_the_mql_count(generated, threshold):
    feats, counts = generated
    current = ScoringModel(fit_threshold=threshold[0], engagement_threshold=threshold[1])
    # a very different scale: every point table doubled and shifted
    new = (
        ScoringModel().with_points("seniority", "staff", 40).with_points("activity", "page_view", 9)
    )
    kept = keep_capacity(current, new, feats, counts, counts)
    before = int(rescore(feats, current, counts).is_mql.sum())
    after = int(rescore(feats, kept, counts).is_mql.sum())
    assert abs(after - before) <= max(3, 0.01 * before)
    assert kept.fit_threshold == round(kept.fit_threshold)
    assert kept.engagement_threshold == round(kept.engagement_threshold)
    for cuts in (kept.fit_cuts, kept.engagement_cuts):
        assert cuts[0] > cuts[1] > cuts[2]
    ScoringModel.from_dict(kept.to_dict())
