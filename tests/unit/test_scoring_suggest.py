"""suggest_weights: beats random weights, refuses leakage, says when history is thin."""

import numpy as np
import pandas as pd
import pytest

from abm.errors import MoriError
from abm.scoring import (
    ACTIVITY_KINDS,
    ScoringModel,
    build_features,
    column_report,
    decayed_counts,
    leak_reason,
    suggest_weights,
)
from abm.scoring.synthetic import make_leads_and_activities

AS_OF = pd.Timestamp("2026-01-01")


@pytest.fixture(scope="module")
def history():
    leads, acts = make_leads_and_activities(4000, activities_per_lead=6, seed=11)
    return leads, build_features(leads, acts, as_of=AS_OF)


def _random_model(seed):
    rng = np.random.default_rng(seed)
    base = ScoringModel()
    data = {}
    for table in ("industry", "seniority", "department", "region", "activity"):
        name = {"activity": "activity_points"}.get(table, f"{table}_points")
        data[name] = {c: float(rng.integers(-20, 21)) for c in base.points(table)}
    return ScoringModel.from_dict(data)


def test_suggested_weights_beat_random_weights(history):
    leads, feats = history
    for seed in (1, 2):
        s = suggest_weights(leads, feats, current=_random_model(seed), random_state=0)
        assert s.auc_suggested > s.auc_current + 0.05
        assert s.auc_suggested > 0.65
        assert not s.few_positives and s.positives >= 50
        assert len(s.folds) == 5
    # the known signal comes out: senior titles and demo requests earn points
    pts = s.model.points("seniority")
    assert pts["executive"] > pts["staff"]
    assert s.model.points("activity")["demo_request"] > 0


def test_suggestion_is_reproducible(history):
    leads, feats = history
    a = suggest_weights(leads, feats, current=ScoringModel(), random_state=3)
    b = suggest_weights(leads, feats, current=ScoringModel(), random_state=3)
    assert a.model == b.model and a.auc_suggested == b.auc_suggested
    assert ScoringModel.from_dict(a.model.to_dict()) == a.model  # savable and shareable


def test_leaky_columns_are_refused_and_reported(history):
    leads, feats = history
    for col in (
        "current_stage",
        "lead_status",
        "opportunity_at",
        "won_at",
        "page_views",
        "is_converted",
    ):
        with pytest.raises(MoriError) as err:
            suggest_weights(leads, feats, current=ScoringModel(), feature_columns=["title", col])
        assert err.value.key == "scoring.err.leakage"
        assert err.value.params["column"] == col
    with pytest.raises(MoriError) as err:
        suggest_weights(leads, feats, current=ScoringModel(), feature_columns=["full_name"])
    assert err.value.key == "scoring.err.not_feature"
    frame = leads.assign(current_stage="SQL", won_at=pd.NaT, mql_at=pd.NaT, score=1.0)
    rep = column_report(frame).set_index("column")
    assert rep.loc["current_stage", "reason"] == "current_state"
    assert rep.loc["won_at", "reason"] == "after_outcome"
    assert rep.loc["opportunity_at", "reason"] == "outcome"
    assert rep.loc["score", "reason"] == "window_total"
    assert rep.loc["mql_at", "reason"] == "not_feature"
    assert bool(rep.loc["title", "used"]) and not bool(rep.loc["current_stage", "used"])
    assert leak_reason("opportunity_at", "won_at") == "not_feature"
    assert leak_reason("lost_at", "won_at") == "after_outcome"


def test_activities_after_the_outcome_are_cut():
    leads = pd.DataFrame({"lead_id": ["1", "2"], "company": ["A", "B"]})
    acts = pd.DataFrame(
        {
            "lead_id": ["1", "1", "2"],
            "timestamp": pd.to_datetime(["2025-12-01", "2025-12-20", "2025-12-20"]),
            "activity_type": ["デモ依頼", "デモ依頼", "デモ依頼"],
        }
    )
    f = build_features(leads, acts, as_of=AS_OF)
    # lead 1 became an opportunity on 2025-12-10: only the 12-01 demo counts, aged 9 days
    cutoff = np.array([22.0, 0.0])
    c = decayed_counts(f, 0, cutoff_age=cutoff)[:, ACTIVITY_KINDS.index("demo_request")]
    assert c.tolist() == [1.0, 1.0]
    d = decayed_counts(f, 9, cutoff_age=cutoff)[:, ACTIVITY_KINDS.index("demo_request")]
    np.testing.assert_allclose(d, [0.5, 0.5 ** (12 / 9)], rtol=1e-6)


def test_too_few_positives(history):
    leads, feats = history
    y = leads["opportunity_at"].notna()
    few = leads["opportunity_at"].where(~y | (y.cumsum() <= 30))
    s = suggest_weights(
        leads.assign(opportunity_at=few), feats, current=ScoringModel(), random_state=0
    )
    # positives: leads converting within 90 days after a monthly snapshot (at most the 30 kept)
    assert s.few_positives and 5 <= s.positives <= 30
    assert s.activity_cutoff and s.rows > s.leads
    none = leads["opportunity_at"].where(~y | (y.cumsum() <= 3))
    with pytest.raises(MoriError) as err:
        suggest_weights(leads.assign(opportunity_at=none), feats, current=ScoringModel())
    assert err.value.key == "scoring.err.too_few_positives"
    assert err.value.params["positives"] <= 3 and err.value.params["needed"] == 50


def test_panel_snapshots_by_hand():
    from abm.scoring.panel import build_panel

    leads = pd.DataFrame({"lead_id": ["A", "B", "C"], "company": ["a", "b", "c"]})
    acts = pd.DataFrame(
        {
            "lead_id": ["A"],
            "timestamp": pd.to_datetime(["2025-10-01"]),
            "activity_type": ["デモ依頼"],
        }
    )
    f = build_features(leads, acts, as_of=AS_OF)
    at = pd.to_datetime(["2025-10-20", "2025-09-10", None]).to_numpy("datetime64[ns]")
    created = pd.to_datetime(["2025-01-01"] * 3).to_numpy("datetime64[ns]")
    p = build_panel(
        f, at, created, half_life_days=0, horizon_days=90, step_days=30, max_snapshots=2
    )
    # snapshots 2025-10-03 and 2025-09-03; B converted before the first, so it only joins the second
    assert [d.date().isoformat() for d in p.dates] == ["2025-10-03", "2025-09-03"]
    assert p.snapshot.tolist() == [0, 0, 1, 1, 1]
    assert p.lead.tolist() == [0, 2, 0, 1, 2]
    assert p.y.tolist() == [True, False, True, True, False]
    demo = p.counts[:, ACTIVITY_KINDS.index("demo_request")]
    assert demo.tolist() == [
        1.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ]  # A's demo of 10-01 is after the 09-03 snapshot
    assert p.positive_leads == 2
    # back-test on the snapshots: only A's demo (50 points at the 10-03 snapshot) is an MQL
    from abm.scoring import backtest_snapshots

    m = ScoringModel.from_dict({"fit_threshold": 0, "half_life_days": 0})
    b = backtest_snapshots(f, m, p)
    assert (b.rows, b.positives, b.mql_rows) == (5, 3, 1)
    assert b.precision == 1.0 and b.recall == pytest.approx(1 / 3)
    # scores 50, 0 | 0, 0, 0 with y T, F | T, T, F: 2 wins + 4 ties × ½ of 6 pairs
    assert b.auc == pytest.approx(4 / 6)
    sample = build_panel(f, at, created, half_life_days=0, max_snapshots=2, max_rows=3)
    assert len(sample.y) == 3 and sample.snapshot.tolist() == sorted(sample.snapshot.tolist())
