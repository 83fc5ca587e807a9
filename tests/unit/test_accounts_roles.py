"""Buying-committee roles from a golden title table (JA and EN), and coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts import ROLES, classify_roles, committee_coverage, coverage_matrix

D, B, T, U, P = ROLES  # decision maker, budget holder, technical, user department, procurement

# (title, department, roles expected)
GOLDEN: list[tuple[str | None, str | None, set[str]]] = [
    ("代表取締役社長", None, {D}),
    ("取締役", "経営企画部", {D}),
    ("執行役員 営業本部長", None, {D, U}),
    ("本部長", "管理本部", {D, B}),  # 管理本部 holds finance
    ("部長", "経理部", {B}),
    ("経理部長", None, {B}),
    ("財務部 部長", None, {B}),
    ("課長", "経営企画室", set()),
    ("部長", "情報システム部", {T}),
    ("DX推進室 室長", None, {T}),
    ("担当", "情シス", {T}),
    ("エンジニア", "開発部", {T}),
    ("主任", "営業部", {U}),
    ("係長", "製造部", {U}),
    ("担当", "マーケティング部", {U}),
    ("購買担当", None, {P}),
    ("担当", "調達部", {P}),
    ("課長", "資材部", {P}),
    ("CEO", None, {D}),
    ("ＣＩＯ", None, {D, T}),
    ("CTO", "Engineering", {D, T}),
    ("CFO", None, {D, B}),
    ("VP of Sales", None, {D, U}),
    ("President", None, {D}),
    ("Finance Manager", None, {B}),
    ("Director", "Finance", {B}),
    ("IT Manager", None, {T}),
    ("Software Engineer", None, {T}),
    ("Marketing Manager", None, {U}),
    ("Account Executive", "Sales", {U}),
    ("Procurement Specialist", None, {P}),
    ("Purchasing Manager", None, {P}),
    ("Digital Marketing Specialist", None, {U}),  # "digital" is not IT
    ("事業開発部 課長", None, {U}),  # business development is not engineering
    ("学生", None, set()),
    (None, None, set()),
]


@pytest.mark.parametrize(("title", "department", "expected"), GOLDEN)
def test_golden_titles(title, department, expected):
    flags = classify_roles(
        pd.Series([title], dtype="string"), pd.Series([department], dtype="string")
    )
    got = {r for r in ROLES if bool(flags.loc[0, r])}
    assert got == expected


def test_classify_many_matches_one_by_one():
    titles = pd.Series([g[0] for g in GOLDEN] * 3, dtype="string")
    depts = pd.Series([g[1] for g in GOLDEN] * 3, dtype="string")
    flags = classify_roles(titles, depts)
    for i, (_, _, expected) in enumerate(GOLDEN * 3):
        assert {r for r in ROLES if flags.iloc[i][r]} == expected


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
