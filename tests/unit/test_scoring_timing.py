"""Prediction time per lead: rows, labels and exclusions by hand; counts as of each cut."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.scoring import (
    ENGAGEMENT_KINDS,
    ScoringModel,
    backtest,
    build_features,
    counts_at,
    first_activity,
    lead_outcomes,
    learning_set,
    rescore_rows,
)

AS_OF = pd.Timestamp("2025-12-31")
DEMO = ENGAGEMENT_KINDS.index("demo_request")


def _leads():
    return pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(6)], dtype="string"),
            "company": pd.array(list("ABCDEF"), dtype="string"),
            "created_at": pd.to_datetime(
                ["2025-01-01", "2025-01-01", "2025-01-01", None, "2025-11-01", "2025-03-01"]
            ),
            # L0 converts 40 days after creation (10 after its cut), L1 on day 20 (before
            # its cut), L2 on day 200 (after the 90-day window), L5 on day 60
            "opportunity_at": pd.to_datetime(
                ["2025-02-10", "2025-01-21", "2025-07-20", None, None, "2025-04-30"]
            ),
        }
    )


def _acts():
    return pd.DataFrame(
        {
            "lead_id": pd.array(["L0", "L0", "L2", "L5"], dtype="string"),
            "timestamp": pd.to_datetime(["2025-01-15", "2025-02-05", "2025-01-30", "2025-03-10"]),
            "activity_type": pd.array(["デモ依頼"] * 4, dtype="string"),
        }
    )


def test_created_mode_by_hand():
    leads = _leads()
    feats = build_features(leads, _acts(), as_of=AS_OF)
    out = lead_outcomes(leads, None, as_of=AS_OF)
    rows = learning_set(feats, leads, out, task="converted", prediction_days=30, horizon_days=90)
    # L1 converted before its cut; L3 has no creation date; L4's window ends after as_of
    assert rows.lead.tolist() == [0, 2, 5]
    assert rows.y.tolist() == [True, False, True]
    assert rows.excluded == {
        "no_created": 1, "undated_outcome": 0, "decided_before": 1, "too_recent": 1,
        "undecided": 0, "before_log": 0,
    }  # fmt: skip
    assert rows.scope == 6 and rows.rows == rows.leads == 3 and rows.positives == 2
    assert rows.period == (pd.Timestamp("2025-01-31"), pd.Timestamp("2025-03-31"))
    # only activities strictly before each cut count: L0's demo of 02-05 is after 01-31
    c = counts_at(feats, 0, rows)
    assert c[:, DEMO].tolist() == [1.0, 1.0, 1.0]
    decayed = counts_at(feats, 16, rows)[:, DEMO]
    np.testing.assert_allclose(decayed, [0.5, 0.5 ** (1 / 16), 0.5 ** (21 / 16)], rtol=1e-5)
    # the back-test judges these rows: L0 (demo, converted) and L5 (demo, converted) vs L2
    m = ScoringModel.from_dict({"half_life_days": 0})
    bt = backtest(rescore_rows(feats, m, rows.lead, c), rows.y)
    assert (bt.leads, bt.positives) == (3, 2) and bt.auc == 0.5  # every row has one demo


def test_rows_predicted_before_the_activity_log_are_left_out():
    """QA-S: prediction times from 2023-08 against a log from 2025-06-01 — half the leads and
    half the positives scored 0 engagement by construction."""
    leads = _leads()
    acts = _acts()
    acts["timestamp"] = pd.to_datetime(
        ["2025-02-15 10:00", "2025-03-05 00:00", "2025-03-01 00:00", "2025-03-10 00:00"]
    )
    feats = build_features(leads, acts, as_of=AS_OF)
    assert first_activity(feats) == pd.Timestamp("2025-02-15")
    out = lead_outcomes(leads, None, as_of=AS_OF)
    rows = learning_set(feats, leads, out, task="converted", prediction_days=30, horizon_days=90)
    # L0 and L2 are cut on 2025-01-31, before the log: only L5 (cut 03-31) is judged
    assert rows.lead.tolist() == [5] and rows.excluded["before_log"] == 2
    assert rows.log_start == pd.Timestamp("2025-02-15")
    assert rows.take(np.array([0])).log_start == rows.log_start
    # monthly snapshots before the log go too; a lead keeping a later snapshot is not "left out"
    monthly = learning_set(
        feats, leads, out, task="converted", mode="monthly", horizon_days=300,
        step_days=30, max_snapshots=12,
    )  # fmt: skip
    assert (monthly.cut >= np.datetime64("2025-02-15")).all() and monthly.rows > 0
    # no log: nothing is left out for it
    bare = build_features(leads, acts.iloc[:0], as_of=AS_OF)
    assert first_activity(bare) is None
    none = learning_set(bare, leads, out, task="converted", prediction_days=30)
    assert none.lead.tolist() == [0, 2, 5] and none.excluded["before_log"] == 0


def test_monthly_mode_by_hand():
    leads = _leads()
    feats = build_features(leads, _acts(), as_of=AS_OF)
    out = lead_outcomes(leads, None, as_of=AS_OF)
    rows = learning_set(
        feats, leads, out, task="converted", mode="monthly", horizon_days=90,
        step_days=30, max_snapshots=3,
    )  # fmt: skip
    # snapshots at as_of - 90 = 2025-10-02, then 09-02, 08-03: L2 (converted 07-20) and
    # L0, L1, L5 are gone; L3 has no creation date (always there); L4 is not created yet
    cuts = sorted({pd.Timestamp(c).date().isoformat() for c in rows.cut})
    assert cuts == ["2025-08-03", "2025-09-02", "2025-10-02"]
    assert rows.lead.tolist() == [3, 3, 3] and not rows.y.any()
    assert rows.snapshot.tolist() == [0, 1, 2]
    early = learning_set(
        feats, leads, out, task="converted", mode="monthly", horizon_days=300,
        step_days=30, max_snapshots=12,
    )  # fmt: skip
    # a snapshot at 2025-03-06 sees L5 (created 03-01) converting 04-30 within 300 days
    first = early.snapshot == early.snapshot.max()
    assert early.rows > 3 and early.y.any()
    assert set(early.lead[first].tolist()) <= {0, 1, 2, 3, 5}


def test_won_vs_lost_rows_are_decided_deals_cut_after_the_deal_was_created():
    leads = _leads().drop(columns="opportunity_at")
    opps = pd.DataFrame(
        {
            "lead_id": pd.array(["L0", "L1", "L2", "L5"], dtype="string"),
            "link_rule": pd.array(["email"] * 4, dtype="string"),
            "stage": pd.array(["受注", "失注", "提案", "失注"], dtype="string"),
            "created_at": pd.to_datetime(["2025-02-01", "2025-02-01", "2025-02-01", "2025-04-01"]),
            "close_date": pd.to_datetime(["2025-05-01", "2025-02-10", None, "2025-09-01"]),
        }
    )
    feats = build_features(leads, _acts(), as_of=AS_OF)
    out = lead_outcomes(leads, opps, as_of=AS_OF)
    rows = learning_set(feats, leads, out, task="won_vs_lost", prediction_days=14)
    # L1's deal closed before its cut (02-15); L2's is open
    assert rows.lead.tolist() == [0, 5] and rows.y.tolist() == [True, False]
    assert rows.excluded["decided_before"] == 1 and rows.excluded["undecided"] == 1
    assert rows.scope == 3
    assert pd.Timestamp(rows.cut[0]) == pd.Timestamp("2025-02-15")


def test_sampling_keeps_a_uniform_subset():
    leads = _leads()
    feats = build_features(leads, _acts(), as_of=AS_OF)
    out = lead_outcomes(leads, None, as_of=AS_OF)
    full = learning_set(feats, leads, out, task="converted", mode="monthly", horizon_days=30)
    part = learning_set(
        feats, leads, out, task="converted", mode="monthly", horizon_days=30, max_rows=5
    )
    assert part.rows == 5 and full.rows > 5
    assert set(zip(part.lead.tolist(), part.cut.tolist(), strict=True)) <= set(
        zip(full.lead.tolist(), full.cut.tolist(), strict=True)
    )
    with pytest.raises(ValueError):
        learning_set(feats, leads, out, task="churn")


@settings(max_examples=30)
@given(
    days=st.lists(st.integers(0, 360), min_size=1, max_size=12),
    prediction=st.integers(0, 60),
    half_life=st.sampled_from([0.0, 7.0, 30.0]),
)
def test_counts_equal_a_plain_loop_over_activities_before_the_cut(days, prediction, half_life):
    """counts_at is, for every row, sum over its activities strictly before the cut of 2^(-age/h)."""
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["L0", "L1"], dtype="string"),
            "company": pd.array(["A", "B"], dtype="string"),
            "created_at": pd.to_datetime(["2025-01-01", "2025-02-01"]),
        }
    )
    when = [pd.Timestamp("2025-01-01") + pd.Timedelta(days=d, hours=6) for d in days]
    acts = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i % 2}" for i in range(len(days))], dtype="string"),
            "timestamp": pd.to_datetime(when),
            "activity_type": pd.array(["デモ依頼"] * len(days), dtype="string"),
        }
    )
    feats = build_features(leads, acts, as_of=AS_OF)
    out = lead_outcomes(leads, None, as_of=AS_OF)
    rows = learning_set(feats, leads, out, task="converted", prediction_days=prediction)
    got = counts_at(feats, half_life, rows)[:, DEMO]
    for r, (lead, cut) in enumerate(zip(rows.lead, rows.cut, strict=True)):
        cut = pd.Timestamp(cut)
        ages = [(cut - w) / pd.Timedelta(days=1) for i, w in enumerate(when) if i % 2 == lead]
        want = sum((0.5 ** (a / half_life) if half_life else 1.0) for a in ages if a > 0)
        assert got[r] == pytest.approx(want, rel=1e-4, abs=1e-6)


def test_a_log_starting_at_midnight_starts_that_day_whatever_the_time_of_the_as_of():
    """Review: ages are float32 days, and an as-of with a time of day put the log's first
    day of a log starting at 00:00 on the day before (124 of 300 random times)."""
    leads = _leads()
    acts = _acts()
    acts["timestamp"] = pd.to_datetime(
        ["2025-06-01 00:00", "2025-07-05 00:00", "2025-08-01 00:00", "2025-09-10 00:00"]
    )
    rng = np.random.default_rng(7)
    for seconds in rng.integers(0, 86_400, size=40).tolist():
        as_of = pd.Timestamp("2026-12-07") + pd.Timedelta(seconds=seconds)
        feats = build_features(leads, acts, as_of=as_of)
        assert first_activity(feats) == pd.Timestamp("2025-06-01"), as_of
