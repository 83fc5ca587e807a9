"""The disagreement quadrant: labels, counts, conversion history, the lists behind it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from abm.funnel import compute_reach, get_model
from abm.gap.quadrant import (
    QUADRANTS,
    quadrant_accounts,
    quadrant_labels,
    quadrant_members,
    quadrant_summary,
)
from tests.unit.test_gap_data import AS_OF, END, START, make_leads, make_scores


def _labels(scores=None):
    return quadrant_labels(
        make_scores() if scores is None else scores, fit_threshold=40, engagement_threshold=30
    )


def test_labels():
    # fit/eng: L1 70/50 L2 45/35 L3 10/40 L4 15/60 L5 30/35 L6 5/12 L7 50/5 L8 65/0 L9 25/20
    assert _labels().tolist() == [
        "both_hot",
        "both_hot",
        "marketing_hot",
        "marketing_hot",
        "marketing_hot",
        "both_cold",
        "sales_hot",
        "sales_hot",
        "both_cold",
        "both_hot",
        "both_cold",
    ]
    assert list(_labels().cat.categories) == list(QUADRANTS)


def test_threshold_is_inclusive_and_missing_is_cold():
    s = pd.DataFrame(
        {
            "fit_score": pd.array([40, None], "Float64"),
            "engagement_score": pd.array([30, 99], "Float64"),
        }
    )
    assert _labels(s).tolist() == ["both_hot", "marketing_hot"]


def test_summary_with_conversion_history():
    leads = make_leads()
    cohort = compute_reach(leads, get_model("classic"), as_of=AS_OF).created_between(START, END)
    labels = _labels().iloc[cohort.rows]
    q = quadrant_summary(labels, cohort)
    assert q["leads"].tolist() == [2, 3, 2, 2]
    assert q["opportunities"].tolist() == [2, 0, 0, 0]
    assert q["won"].tolist() == [1, 0, 0, 0]
    assert q["opportunity_rate"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert q.loc["both_hot", "won_rate"] == 0.5
    assert math.isclose(q.loc["marketing_hot", "share"], 3 / 9)
    with pytest.raises(ValueError):
        quadrant_summary(_labels(), cohort)


def test_members_have_no_personal_columns():
    leads, labels, scores = make_leads(), _labels(), make_scores()
    m = quadrant_members(leads, labels, scores, "sales_hot")
    assert m["lead_id"].tolist() == ["L8", "L7"]  # 65+0 before 50+5
    assert not {"email", "full_name", "phone", "owner"} & set(m.columns)
    assert m["fit_score"].tolist() == [65, 50]


def test_accounts_group_by_company():
    leads = make_leads()
    leads.loc[1, "company"] = "ALPHA 株式会社"  # same company as L1 after normalisation
    a = quadrant_accounts(leads, _labels(), make_scores(), "both_hot")
    # both_hot: L1 Alpha, L2 (now Alpha), L10 Kappa
    assert a["company"].tolist() == ["Alpha", "Kappa"]
    assert a["leads"].tolist() == [2, 1]
    assert a["fit_score"].tolist() == [70.0, 50.0]
    with pytest.raises(ValueError):
        quadrant_accounts(leads, _labels(), make_scores(), "lukewarm")
