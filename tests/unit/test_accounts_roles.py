"""Buying-committee roles on the accounts page (goldens: test_core_titles.py), and coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts import ROLES, classify_roles, committee_coverage, coverage_matrix

D, B, T, U, P = ROLES  # decision maker, budget holder, technical, user department, procurement


def test_accounts_read_the_one_role_rule():
    """Role goldens live in test_core_titles.py (roles derive from seniority + department)."""
    import abm.core.titles as core

    assert classify_roles is core.classify_roles and ROLES is core.ROLES
    flags = classify_roles(pd.Series(["CFO", "部長"]), pd.Series([None, "情報システム部"]))
    assert flags.to_dict(orient="list") == {
        D: [True, True],  # a 部長 decides (QA-M)
        B: [True, False],
        T: [False, True],
        U: [False, False],
        P: [False, False],
    }


def _covered(rows: list[set[str]]) -> pd.DataFrame:
    return pd.DataFrame({f"role_{r}": [r in row for row in rows] for r in ROLES})


def test_coverage_share_and_missing():
    cov = committee_coverage(_covered([{D, T}, set(ROLES), set()]), ROLES)
    assert cov["roles_covered"].tolist() == [2, 5, 0]
    assert cov["coverage"].tolist() == pytest.approx([0.4, 1.0, 0.0])
    assert cov["missing_roles"].tolist() == [
        "budget_holder|user_department|procurement",
        "",
        "decision_maker|budget_holder|technical_evaluator|user_department|procurement",
    ]


def test_coverage_with_configured_required_roles():
    cov = committee_coverage(_covered([{D, T}, {U}]), (T, D))
    assert cov["coverage"].tolist() == pytest.approx([1.0, 0.0])
    assert cov["missing_roles"].tolist() == ["", "decision_maker|technical_evaluator"]


def test_coverage_matrix_for_heatmap():
    frame = _covered([{D}, {P, U}]).assign(account_id=["a", "b"])
    m = coverage_matrix(frame, (D, P))
    assert m.to_dict(orient="index") == {"a": {D: 1, P: 0}, "b": {D: 0, P: 1}}
