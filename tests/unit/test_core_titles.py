"""Golden tables for the one title vocabulary (abm.core.titles).

Seniority and department are parsed by the only word lists; committee roles
are derived from them by ``ROLE_RULES`` — tested here by golden tables and by
a property: the roles always equal the derivation from ``seniority_of`` and
``department_of``, so no role can have words of its own.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.core.titles import (
    DEPARTMENTS,
    ROLE_RULES,
    ROLES,
    SENIORITIES,
    classify_roles,
    department_of,
    fold_series,
    fold_text,
    seniority_of,
)

D, B, T, U, P = ROLES  # decision maker, budget holder, technical, user department, procurement

SENIORITY_GOLDEN = [
    ("代表取締役社長", "executive"),
    ("代表取締役", "executive"),
    ("取締役", "officer"),
    ("常務取締役", "officer"),
    ("執行役員", "officer"),
    ("副社長", "officer"),
    ("本部長", "head"),
    ("営業本部長", "head"),
    ("部長", "head"),  # heads a function (QA-M)
    ("情報システム部 部長", "head"),
    ("副部長", "manager"),  # a 部長's deputy
    ("次長", "manager"),
    ("課長", "section_manager"),
    ("課長代理", "supervisor"),
    ("係長", "supervisor"),
    ("主任", "supervisor"),
    ("担当", "staff"),
    ("一般社員", "staff"),
    ("社長室 担当", "staff"),
    ("インターン", "student"),
    ("CEO", "executive"),
    ("ＣＥＯ", "executive"),  # full-width
    ("Chief Marketing Officer", "executive"),
    ("cto", "executive"),
    ("President", "executive"),
    ("Vice President", "officer"),
    ("VP of Sales", "officer"),
    ("SVP Engineering", "officer"),
    ("Managing Director", "officer"),
    ("Director of IT", "head"),
    ("Head of Marketing", "head"),
    ("General Manager", "head"),  # the English of 部長
    ("Senior Manager", "manager"),
    ("Marketing Manager", "section_manager"),
    ("マネージャー", "section_manager"),
    ("Assistant Manager", "supervisor"),
    ("Team Lead", "supervisor"),
    ("Software Engineer", "staff"),
    ("Account Executive", "staff"),
    ("Executive Officer", "officer"),
    ("准教授", "staff"),
    ("研究員", "staff"),
    ("Student", "student"),
    ("", "unknown"),
    (None, "unknown"),
    ("xyz", "unknown"),
    ("Controller", "manager"),
    ("Webディレクター", "staff"),  # a practitioner, not the head of a function
    ("アートディレクター", "staff"),
    ("ディレクター", "head"),
    ("Buyer", "staff"),
    ("ＶＰ　ｏｆ　Ｓａｌｅｓ", "officer"),  # full-width letters and space
]


@pytest.mark.parametrize(("title", "expected"), SENIORITY_GOLDEN)
def test_seniority_golden(title, expected):
    assert seniority_of(pd.Series([title], dtype="object")).iloc[0] == expected


def test_seniority_keeps_index_and_handles_repeats():
    s = pd.Series(["部長", None, "部長", "CEO"], index=[10, 11, 12, 13], dtype="str")
    out = seniority_of(s)
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out.tolist() == ["head", "unknown", "head", "executive"]


DEPARTMENT_GOLDEN = [
    ("情報システム部", "it"),
    ("経理部", "accounting"),
    ("購買部", "procurement"),
    ("営業部", "sales"),
    ("経営企画部", "corporate_planning"),
    ("マーケティング部", "marketing"),
    ("人事総務部", "hr_admin"),
    ("製造部", "production"),
    ("R&D", "engineering"),
    ("IT", "it"),
    ("Marketing", "marketing"),
    ("Finance", "accounting"),
    ("社長室", "management"),
    ("デジタルマーケティング部", "marketing"),  # bare デジタル is not IT
    ("事業開発部", "sales"),  # business development is not engineering
    ("管理本部", "accounting"),  # 管理本部 holds finance
    ("カスタマーサクセス部", "sales"),
    ("ITサポート", "it"),
    ("Sales Engineer", "sales"),
    ("エンジニア", "engineering"),
    ("Financial Controller", "accounting"),
    ("xx", "other"),
    (None, "unknown"),
]


@pytest.mark.parametrize(("dept", "expected"), DEPARTMENT_GOLDEN)
def test_department_golden(dept, expected):
    assert department_of(pd.Series([dept], dtype="object")).iloc[0] == expected


# (title, department, roles expected)
GOLDEN: list[tuple[str | None, str | None, set[str]]] = [
    ("代表取締役社長", None, {D}),
    ("取締役", "経営企画部", {D, B}),  # an officer of corporate planning holds budget
    ("執行役員 営業本部長", None, {D, U}),
    ("本部長", "管理本部", {D, B}),  # 管理本部 holds finance
    ("部長", "経理部", {D, B}),  # a 部長 heads a function: decides (QA-M)
    ("経理部長", None, {D, B}),
    ("財務部 部長", None, {D, B}),
    ("副部長", "経理部", {B}),  # a deputy does not decide
    ("課長", "経営企画室", set()),
    ("部長", "情報システム部", {D, T}),
    ("DX推進室 室長", None, {D, T}),
    ("次長", "情報システム部", {T}),
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
    ("Director", "Finance", {D, B}),  # a director heads a function: decides
    ("IT Manager", None, {T}),
    ("Software Engineer", None, {T}),
    ("Marketing Manager", None, {U}),
    ("Account Executive", "Sales", {U}),
    ("Procurement Specialist", None, {P}),
    ("Purchasing Manager", None, {P}),
    ("Digital Marketing Specialist", None, {U}),  # "digital" is not IT
    ("事業開発部 課長", None, {U}),  # business development is not engineering
    ("CIO", "経営企画部", {D, B, T}),  # department from the column and from the title
    ("Head of Procurement", None, {D, P}),
    ("Webディレクター", "マーケティング部", {U}),
    ("Controller", None, {B}),
    (None, "調達部", {P}),  # no title: roles that need no seniority still count
    ("学生", "情報システム部", set()),  # a student is in no committee
    ("学生", None, set()),
    (None, None, set()),
]


@pytest.mark.parametrize(("title", "department", "expected"), GOLDEN)
def test_role_golden(title, department, expected):
    flags = classify_roles(
        pd.Series([title], dtype="string"), pd.Series([department], dtype="string")
    )
    assert {r for r in ROLES if bool(flags.loc[0, r])} == expected


def test_roles_of_many_rows_match_one_by_one():
    titles = pd.Series(
        [g[0] for g in GOLDEN] * 3, dtype="string", index=range(100, 100 + 3 * len(GOLDEN))
    )
    depts = pd.Series([g[1] for g in GOLDEN] * 3, dtype="string", index=titles.index)
    flags = classify_roles(titles, depts)
    assert flags.index.equals(titles.index)
    for i, (_, _, expected) in enumerate(GOLDEN * 3):
        assert {r for r in ROLES if flags.iloc[i][r]} == expected


#: The derivation, written out: (seniority, department) -> roles.
ROLE_GRID = [
    ("executive", "other", {D}),
    ("head", "it", {D, T}),
    ("manager", "accounting", {B}),
    ("section_manager", "accounting", {B}),
    ("supervisor", "accounting", set()),
    ("manager", "corporate_planning", {B}),
    ("section_manager", "corporate_planning", set()),
    ("staff", "engineering", {T}),
    ("unknown", "hr_admin", {U}),
    ("staff", "legal", set()),
    ("student", "procurement", set()),
]


def _derived(seniority: str, departments: set[str]) -> set[str]:
    rank = SENIORITIES.index
    out = set()
    for role, families, lowest in ROLE_RULES:
        senior = seniority != "student" if lowest is None else rank(seniority) <= rank(lowest)
        if senior and (not families or departments & set(families)):
            out.add(role)
    return out


@pytest.mark.parametrize(("seniority", "department", "expected"), ROLE_GRID)
def test_role_rules_grid(seniority, department, expected):
    assert _derived(seniority, {department}) == expected


def test_every_role_has_a_rule_and_rules_name_known_words():
    assert {r for r, _, _ in ROLE_RULES} == set(ROLES)
    for _, families, lowest in ROLE_RULES:
        assert set(families) <= set(DEPARTMENTS) - {"other", "unknown"}
        assert lowest is None or lowest in SENIORITIES


_WORDS = ["部長", "課長", "CFO", "CIO", "担当", "経理", "情報システム", "営業", "購買", "VP", "Director",
          "学生", "Engineer", "マーケティング", "管理本部", "取締役", "Web", " ", "ｘ"]  # fmt: skip
_text = st.one_of(
    st.none(), st.lists(st.sampled_from(_WORDS), max_size=3).map("".join), st.text(max_size=8)
)


@given(st.lists(st.tuples(_text, _text), min_size=1, max_size=12))
def test_roles_are_derived_from_seniority_and_department_only(rows):
    titles = pd.Series([t for t, _ in rows], dtype="object")
    depts = pd.Series([d for _, d in rows], dtype="object")
    flags = classify_roles(titles, depts)
    sen, by_title, by_dept = seniority_of(titles), department_of(titles), department_of(depts)
    for i in range(len(rows)):
        expected = _derived(sen.iloc[i], {by_title.iloc[i], by_dept.iloc[i]})
        assert {r for r in ROLES if flags.iloc[i][r]} == expected


def test_fold_text():
    assert fold_text("ＣＥＯ\u3000兼  CTO ") == "ceo 兼 cto"
    assert fold_text(None) == "" and fold_text(pd.NA) == "" and fold_text(float("nan")) == ""
    s = pd.Series(["Ａ", None, "Ａ"], index=[5, 6, 7], dtype="object")
    assert fold_series(s).tolist() == ["a", "", "a"] and fold_series(s).index.tolist() == [5, 6, 7]


def test_long_titles_are_cut_and_classified_in_linear_time():
    long = pd.Series(["部" * 100_000, " " * 300 + "CEO", "ー" * 50_000], dtype="string")
    assert seniority_of(long).tolist() == ["unknown", "executive", "unknown"]  # spaces fold
    assert classify_roles(long)[D].tolist() == [False, True, False]


def test_the_head_of_an_office_is_a_head():
    """QA-F: a 学校法人's 事務局長 read as seniority unknown, so no decision maker."""
    from abm.core.titles import seniority_of

    assert seniority_of(pd.Series(["事務局長", "局長"])).tolist() == ["head", "head"]
