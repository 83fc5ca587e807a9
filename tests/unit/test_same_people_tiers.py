"""Same people, same tiers, whatever the tool (#19 item 2).

One list of people — the export catalogue's fictional companies and contacts
(``tests/fixtures/exports/make_catalogue.py``) with their visits, form fills
and last activity — is written twice, each time as that tool exports it:

* **BowNow** リードを探す > CSV出力: the catalogue's documented header set (two
  search-condition rows above it, CP932), firmographics on every lead
  (``1,200名``, ``180億円``, 業種 in Japanese), 部署名 and 役職 apart, session
  and CV counts;
* **HubSpot** contacts view export (the catalogue's English header set plus the
  default analytics properties *Number of Sessions* / *Number of Form
  Submissions*) and the companies view export: firmographics on the company
  (``1200``, ``18000000000``, the English industry picklist), the department
  inside *Job Title* (HubSpot has no default department property).

Both are loaded through the real path (detection, mapping, 名寄せ, exclusions,
roll-up, tiers) and must land every company in the same tier at the same rank
with the same reasons: fit, coverage and engagement come from the same facts
whatever the column names. With and without last-activity dates (the
catalogue's BowNow header has none; :mod:`abm.accounts.engagement` counts
undated visits in full rather than dropping them).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from abm.accounts import TierRules, rollup_accounts, score_accounts
from abm.ingest import load_files
from abm.pipeline import prepare
from abm.resolve import ExclusionRules
from tests.support.exports import catalogue_generator

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
MANIFEST = {e["file"]: e for e in json.loads((HERE / "catalogue.json").read_text())["files"]}
AS_OF = pd.Timestamp("2025-03-31")
START = pd.Timestamp("2024-04-01")
#: One competitor, named as the user would type it, is excluded in both exports.
RULES = ExclusionRules(competitor_names=("株式会社ミライ商事",))
#: Capacities small enough that every tier is full and its boundary matters.
TIER_RULES = TierRules(
    tier1_score=50, tier1_coverage=0.2, tier1_capacity=5, tier2_capacity=7, tier3_capacity=8
)
#: BowNow ステータス and the HubSpot lifecycle stage of the same funnel position.
STAGES = (("潜在", "Lead"), ("顕在化", "Marketing Qualified Lead"), ("案件化", "Opportunity"))


@dataclass(frozen=True)
class Fact:
    """One person and what both tools know about them."""

    person: object
    sessions: int
    conversions: int
    created: int  # days after START
    last: int
    stage: int


def facts(seed: int = 19) -> list[Fact]:
    mc = catalogue_generator()
    rng = random.Random(seed)
    out = []
    for p in mc._people(random.Random(13), 110):
        created = rng.randrange(300)
        out.append(
            Fact(
                person=p,
                sessions=rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21]),
                conversions=rng.choice([0, 0, 0, 1, 2]),
                created=created,
                last=min(created + rng.randrange(1, 60), (AS_OF - START).days),
                stage=rng.randrange(len(STAGES)),
            )
        )
    return out


def _day(days: int, fmt: str) -> str:
    return (START + pd.Timedelta(days=days)).strftime(fmt)


def bownow_export(people: list[Fact], *, dated: bool) -> tuple[str, bytes]:
    """リードを探す > CSV出力 (CP932, the search conditions above the header)."""
    mc = catalogue_generator()
    header = list(MANIFEST["bownow_leads.csv"]["headers"]) + (["最終アクセス日"] if dated else [])
    rows = []
    for f in people:
        p, c = f.person, mc.COMPANIES[f.person.co]
        cells = {
            "メールアドレス": p.email, "会社・組織名": c.ja, "部署名": p.dept_ja, "役職": p.title_ja,
            "姓": p.last, "名": p.first, "電話番号": p.phone, "都道府県": c.pref_ja,
            "URL": f"https://www.{c.domain}", "業種": c.industry_ja,
            "従業員数": f"{c.employees:,}名", "売上高": f"{c.revenue / 1e8:g}億円",
            "ステータス": STAGES[f.stage][0], "流入元": "自然検索",
            "セッション数": str(f.sessions), "PV数": str(3 * f.sessions),
            "CV数": str(f.conversions), "最終アクセス日": _day(f.last, "%Y/%m/%d"),
        }  # fmt: skip
        rows.append([cells.get(h, "") for h in header])
    title = [
        ["検索条件：ステータス＝すべて／最終アクセス日＝2024/04/01～2025/03/31"],
        [f"出力日時：2025/04/01 09:30　出力件数：{len(rows)}件"],
    ]
    data = mc.write_csv(header, rows, encoding="cp932", title_rows=title)
    return "bownow_leads.csv", data


def hubspot_export(people: list[Fact], *, dated: bool) -> list[tuple[str, bytes]]:
    """Contacts view export and companies view export (UTF-8), newest contacts first and
    companies by English name, as the views sort them: row order must never matter."""
    mc = catalogue_generator()
    header = list(MANIFEST["hubspot_contacts_en.csv"]["headers"])[:15]  # without the stage dates
    header += ["Number of Sessions", "Number of Form Submissions"]
    rows = []
    for f in sorted(people, key=lambda f: -f.created):
        p, c = f.person, mc.COMPANIES[f.person.co]
        cells = {
            "Record ID": str(51_000_000_000 + 7 * p.n), "First Name": p.first,
            "Last Name": p.last, "Email": p.email, "Phone Number": p.phone,
            "Company Name": c.ja, "Job Title": f"{p.dept_ja} {p.title_ja}",
            "Lifecycle Stage": STAGES[f.stage][1], "Create Date": _day(f.created, "%Y-%m-%d 10:00"),
            "Last Activity Date": _day(f.last, "%Y-%m-%d 00:00") if dated else "",
            "Original Source": "Organic Search", "Associated Company (Primary)": c.ja,
            "Number of Sessions": str(f.sessions), "Number of Form Submissions": str(f.conversions),
        }  # fmt: skip
        rows.append([cells.get(h, "") for h in header])
    contacts = mc.write_csv(header, rows, encoding="utf-8")
    header = list(MANIFEST["hubspot_companies_en.csv"]["headers"])
    rows = []
    for i, c in sorted(enumerate(mc.COMPANIES), key=lambda ic: ic[1].en):
        cells = {
            "Record ID": str(9_800_000_000 + i), "Company name": c.ja,
            "Company Domain Name": c.domain, "Industry": c.industry_en,
            "Number of Employees": str(c.employees), "Annual Revenue": str(c.revenue),
            "State/Region": c.pref_en, "Country/Region": "Japan", "Lifecycle Stage": "Lead",
        }  # fmt: skip
        rows.append([cells.get(h, "") for h in header])
    companies = mc.write_csv(header, rows, encoding="utf-8")
    return [("hubspot_contacts.csv", contacts), ("hubspot_companies.csv", companies)]


def tiers(files: list[tuple[str, bytes]]) -> pd.DataFrame:
    """Load as a user would and tier every company; one row per company (by name)."""
    dataset, errors = load_files(files)
    assert errors == ()
    ds = prepare(dataset, rules=RULES).dataset
    rolled = rollup_accounts(
        ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        as_of=AS_OF,
    )
    scored = score_accounts(rolled, TIER_RULES, exclusions=RULES)
    people = scored[scored["contacts"] > 0]  # a company nobody from the list works at is whitespace
    return people.set_index(people["account_name"].astype(str)).sort_index()


@pytest.mark.parametrize("dated", [True, False], ids=["last-activity dates", "no dates"])
def test_the_same_people_land_in_the_same_tiers(dated):
    people = facts()
    bownow = tiers([bownow_export(people, dated=dated)])
    hubspot = tiers(hubspot_export(people, dated=dated))
    assert list(bownow.index) == list(hubspot.index)
    # every company but the competitor, whose people the cleaning excluded in both
    assert len(bownow) == len({f.person.co for f in people}) - 1
    assert "株式会社ミライ商事" not in bownow.index
    targets = ~bownow["excluded"]  # an excluded HubSpot company row took its size with it
    for col in ("contacts", "employees", "annual_revenue", "fit", "roles_covered", "coverage"):
        pd.testing.assert_series_equal(
            bownow.loc[targets, col], hubspot.loc[targets, col], check_dtype=False, obj=col
        )
    pd.testing.assert_series_equal(
        bownow["engaged_contacts"], hubspot["engaged_contacts"], obj="engaged"
    )
    for col in ("tier", "rank", "eligible", "why", "why_not", "excluded"):
        pd.testing.assert_series_equal(bownow[col].astype(str), hubspot[col].astype(str), obj=col)
    # a meaningful comparison: every tier is full, and the school is in in both: its
    # staff are kept leads, its buyers (QA-K), whichever export carries them
    counts = bownow["tier"].astype(str).value_counts()
    assert (counts["tier_1"], counts["tier_2"], counts["tier_3"]) == (5, 7, 8)
    for scored in (bownow, hubspot):
        assert pd.isna(scored.loc["学校法人桜丘学園", "exclusion_reason"])
    assert (bownow["engagement"] > 0).sum() > len(bownow) / 2  # undated visits count too


def test_undated_visits_are_engagement_not_nothing():
    """Without a last-activity date a person's sessions and form fills still count (in full),
    weighed as a page view and a form in an activity log weigh (1 and 12.5)."""
    from abm.accounts.engagement import lead_engagement

    leads = pd.DataFrame({"web_visits": [3, 0, 2], "conversions": [1, 0, 0]})
    eng = lead_engagement(leads, None, as_of=AS_OF, half_life_days=30.0)
    assert eng.raw.tolist() == [15.5, 0.0, 2.0]
    assert eng.decayed.tolist() == [15.5, 0.0, 2.0]
    dated = leads.assign(last_activity_at=pd.to_datetime(["2025-03-01", None, None]))
    eng = lead_engagement(dated, None, as_of=AS_OF, half_life_days=30.0)
    assert eng.raw.tolist() == [15.5, 0.0, 2.0]
    assert eng.decayed[0] == pytest.approx(15.5 * 0.5 ** (30 / 30))  # dated: decayed
    assert eng.decayed[2] == 2.0  # an undated lead beside dated ones still counts
