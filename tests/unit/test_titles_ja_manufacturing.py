"""Japanese manufacturers' titles and departments (QA-M): who decides, who evaluates, who uses.

QA-M (a factory-automation parts maker's Marketo + Salesforce data) saw
「不足: 意思決定者」 on accounts whose 調達部 and 設備保全課 had a 部長: a 部長
was seniority ``manager`` and only ``head`` decides. A 部長 heads a function
(the 部) and approves purchases of this size, so 部長 is ``head``; the 部長's
deputies (副部長, 次長, 部長代理) stay ``manager`` and evaluate or use. The
plant's departments (設備保全, 工務, 品質保証 …) had no family at all.

Goldens in tables, a ladder that must stay ordered, and the accounts page's
coverage on three accounts shaped like QA-M's.
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts import rollup_accounts
from abm.core.titles import ROLES, SENIORITIES, classify_roles, department_of, seniority_of

D, B, T, U, P = ROLES  # decision maker, budget holder, technical, user department, procurement

#: (title, seniority): the Japanese ladder, its deputies, and English business-card titles.
SENIORITY_TABLE: list[tuple[str, str]] = [
    ("代表取締役社長", "executive"),
    ("CEO", "executive"),
    ("COO", "executive"),
    ("取締役", "officer"),
    ("常務執行役員", "officer"),
    ("執行役員 生産本部長", "officer"),
    ("VP, Manufacturing", "officer"),
    ("生産本部長", "head"),
    ("副本部長", "head"),  # a 本部's deputy ranks with the 部長 under it
    ("本部長代理", "head"),
    ("事業部長", "head"),
    ("統括部長", "head"),
    ("工場長", "head"),
    ("副工場長", "head"),  # a plant has 部 under it
    ("名古屋製作所 所長", "head"),
    ("支店長", "head"),
    ("技術センター長", "head"),
    ("品質保証室 室長", "head"),
    ("部長", "head"),
    ("調達部 部長", "head"),
    ("設備保全部長", "head"),
    ("Head of Procurement", "head"),
    ("Director, Plant Engineering", "head"),
    ("General Manager, Purchasing Dept.", "head"),  # the English of 部長
    ("Plant Manager", "head"),  # the English of 工場長
    ("副部長", "manager"),
    ("部長代理", "manager"),
    ("部長補佐", "manager"),
    ("担当部長", "manager"),  # 部長 rank without a 部 of one's own
    ("次長", "manager"),
    ("生産技術部 次長", "manager"),
    ("副室長", "manager"),
    ("副センター長", "manager"),
    ("副支店長", "manager"),
    ("Deputy General Manager", "manager"),
    ("Assistant General Manager", "manager"),
    ("Deputy Director", "manager"),
    ("Senior Manager", "manager"),
    ("グループ長", "manager"),
    ("課長", "section_manager"),
    ("設備保全課 課長", "section_manager"),
    ("担当課長", "section_manager"),
    ("Manager", "section_manager"),
    ("Deputy Manager", "section_manager"),  # a deputy of a 課長 is no 部長 rank
    ("Maintenance Manager", "section_manager"),
    ("Plant Maintenance Manager", "section_manager"),  # manages maintenance, not the plant
    ("課長代理", "supervisor"),
    ("係長", "supervisor"),
    ("主任", "supervisor"),
    ("グループリーダー", "supervisor"),
    ("職長", "supervisor"),  # shop-floor foremen
    ("班長", "supervisor"),
    ("工長", "supervisor"),
    ("Assistant Manager", "supervisor"),
    ("担当", "staff"),
    ("スタッフ", "staff"),
    ("保全エンジニア", "staff"),
    ("Maintenance Engineer", "staff"),
]


@pytest.mark.parametrize(("title", "expected"), SENIORITY_TABLE)
def test_seniority_of_manufacturing_titles(title: str, expected: str) -> None:
    assert seniority_of(pd.Series([title], dtype="string")).iloc[0] == expected


#: Titles from most to least senior; each is at most as senior as the one before.
LADDER: list[str] = [
    "代表取締役社長", "取締役", "執行役員", "本部長", "事業部長", "工場長", "部長", "室長",
    "センター長", "支店長", "所長", "副部長", "次長", "部長代理", "課長", "課長代理", "係長",
    "主任", "担当",
]  # fmt: skip

ENGLISH_LADDER: list[str] = [
    "CEO", "Vice President", "Director", "Head of Maintenance", "General Manager",
    "Deputy General Manager", "Senior Manager", "Manager", "Assistant Manager", "Team Lead",
    "Engineer",
]  # fmt: skip


@pytest.mark.parametrize("ladder", [LADDER, ENGLISH_LADDER], ids=["ja", "en"])
def test_the_ladder_never_climbs_down_the_list(ladder: list[str]) -> None:
    ranks = [SENIORITIES.index(s) for s in seniority_of(pd.Series(ladder, dtype="string"))]
    assert ranks == sorted(ranks), list(zip(ladder, ranks, strict=True))
    assert "unknown" not in {SENIORITIES[r] for r in ranks}


def test_a_deputy_is_never_above_the_head_it_deputises() -> None:
    heads = ["部長", "室長", "センター長", "支店長", "所長", "局長", "本部長", "工場長"]
    titles = heads + [f"副{h}" for h in heads] + [f"{h}代理" for h in heads]
    levels = seniority_of(pd.Series(titles, dtype="string"))
    rank = dict(zip(titles, levels.map(SENIORITIES.index), strict=True))
    for head in heads:
        assert rank[f"副{head}"] >= rank[head] and rank[f"{head}代理"] >= rank[head], head


#: (department text, family): a plant's departments and their English names.
DEPARTMENT_TABLE: list[tuple[str, str]] = [
    ("設備保全課", "production"),
    ("保全課", "production"),
    ("設備部", "production"),
    ("設備管理課", "production"),
    ("工務部", "production"),
    ("工務課", "production"),
    ("製造部", "production"),
    ("製造一課", "production"),
    ("生産管理部", "production"),
    ("品質保証部", "production"),
    ("品質管理課", "production"),
    ("名古屋製作所", "production"),
    ("ものづくり推進部", "production"),
    ("環境保全課", "production"),
    ("生産技術部", "engineering"),  # 技術: they evaluate the parts
    ("製造技術課", "engineering"),
    ("設備技術部", "engineering"),
    ("生産技術センター", "engineering"),
    ("調達部", "procurement"),
    ("購買部", "procurement"),
    ("資材部", "procurement"),
    ("外注管理課", "procurement"),
    ("仕入部", "procurement"),
    ("情報システム部", "it"),
    ("DX推進部", "it"),
    ("IT推進室", "it"),
    ("経営企画部", "corporate_planning"),
    ("経理部", "accounting"),
    ("技術営業部", "sales"),  # sales first: a sales engineer sells
    ("債権保全部", "other"),  # credit protection, not maintenance
    ("Maintenance", "production"),
    ("Plant Maintenance", "production"),
    ("Equipment", "production"),
    ("Quality Assurance", "production"),
    ("Production Control", "production"),
    ("Manufacturing", "production"),
    ("Production Engineering", "engineering"),
    ("Manufacturing Engineering", "engineering"),
    ("Procurement", "procurement"),
    ("Purchasing", "procurement"),
    ("IT", "it"),
    ("Corporate Planning", "corporate_planning"),
]


@pytest.mark.parametrize(("department", "expected"), DEPARTMENT_TABLE)
def test_department_of_manufacturing_departments(department: str, expected: str) -> None:
    assert department_of(pd.Series([department], dtype="string")).iloc[0] == expected


#: (title, department, roles): QA-M's people and their English counterparts.
ROLE_TABLE: list[tuple[str | None, str | None, set[str]]] = [
    ("部長", "調達部", {D, P}),  # アイシン: decides, buys
    ("部長", "設備保全課", {D, U}),  # アイシン: decides, uses the parts
    ("副部長", "生産技術部", {T}),  # アイシン: evaluates, does not approve
    ("課長", "設備保全課", {U}),
    ("副部長", "製造部", {U}),  # TOTO's 森 花子: a deputy uses, the 部長 decides
    ("部長", "マーケティング部", {D, U}),  # オムロン
    ("部長", "経理部", {D, B}),
    ("次長", "経営企画部", {B}),  # corporate planning holds budget from its deputies up
    ("副部長", "経理部", {B}),
    ("部長", "情報システム部", {D, T}),
    ("工場長", None, {D, U}),  # 工場 names production
    ("品質保証部長", None, {D, U}),
    ("設備保全課 担当", None, {U}),
    ("担当", "工務部", {U}),
    ("主任", "生産技術部", {T}),
    ("担当部長", "生産技術部", {T}),
    ("執行役員", "生産本部", {D, U}),
    ("General Manager", "Procurement", {D, P}),
    ("Deputy General Manager", "Manufacturing", {U}),
    ("Plant Manager", None, {D, U}),
    ("Maintenance Manager", None, {U}),
    ("Director of Production Engineering", None, {D, T}),
    ("Head of Quality", None, {D, U}),
    ("Senior Manager", "IT", {T}),
]


@pytest.mark.parametrize(("title", "department", "expected"), ROLE_TABLE)
def test_roles_of_manufacturing_people(
    title: str | None, department: str | None, expected: set[str]
) -> None:
    flags = classify_roles(
        pd.Series([title], dtype="string"), pd.Series([department], dtype="string")
    )
    assert {r for r in ROLES if bool(flags.loc[0, r])} == expected


def _qa_m_accounts() -> pd.DataFrame:
    """Three accounts shaped like QA-M's アイシン, TOTO and オムロン (people fictional)."""
    people = [
        ("三河精機株式会社", "部長", "調達部"),
        ("三河精機株式会社", "部長", "設備保全課"),
        ("三河精機株式会社", "副部長", "生産技術部"),
        ("三河精機株式会社", "課長", "設備保全課"),
        ("三河精機株式会社", "担当", "営業部"),
        ("北陸衛陶株式会社", "副部長", "製造部"),
        ("北陸衛陶株式会社", "課長", "調達部"),
        ("北陸衛陶株式会社", "主任", "生産技術部"),
        ("北陸衛陶株式会社", "スタッフ", "設備保全課"),
        ("洛西制御株式会社", "部長", "マーケティング部"),
        ("洛西制御株式会社", "担当", "設備保全課"),
        ("洛西制御株式会社", "課長", "購買部"),
    ]
    n = len(people)
    return pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(n)],
            "email": [f"p{i}@example.com" for i in range(n)],
            "company": [c for c, _, _ in people],
            "title": [t for _, t, _ in people],
            "department": [d for _, _, d in people],
            "created_at": pd.to_datetime(["2026-01-05"] * n),
        }
    )


def test_the_accounts_page_counts_a_bucho_as_the_decision_maker() -> None:
    """QA-M: 「不足: 意思決定者、予算責任者」 beside two 部長; the 部長 now decide."""
    rolled = rollup_accounts(_qa_m_accounts(), as_of=pd.Timestamp("2026-11-30"))
    missing = rolled.set_index("account_name")["missing_roles"].str.split("|").map(set)
    # 三河精機 (アイシン): two 部長 decide; no one in finance or planning holds budget
    assert missing["三河精機株式会社"] == {B}
    # 北陸衛陶 (TOTO): its most senior person is a 副部長, who does not approve
    assert missing["北陸衛陶株式会社"] == {D, B}
    # 洛西制御 (オムロン): the marketing 部長 decides; 設備保全 uses; no engineer evaluates
    assert missing["洛西制御株式会社"] == {B, T}
