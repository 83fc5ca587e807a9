"""Buying-committee coverage reads the roles a CRM records, not only those titles give.

Outside testers: a Salesforce 商談取引先責任者の役割 report naming an 経済的決定者, and a
HubSpot contacts export's Buying Role, changed nothing on the accounts page — only the
job title and department were read. The CRM's role now fills the committee role too (a
person holds a role when the CRM says so or the title does), and the account story says
which of the two each role came from.
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts import rollup_accounts
from abm.accounts.coverage import lead_roles
from abm.accounts.story import account_story
from abm.core.buying_roles import BUYING_ROLE_VALUES, buying_role_key, read_buying_roles
from abm.core.titles import ROLES
from abm.ingest import load_files
from abm.ingest.mapping import suggest_mapping
from abm.ingest.report import describe_issues
from abm.ingest.roles import carry_roles
from abm.pipeline import prepare
from abm.resolve.persons import merge_persons

AS_OF = pd.Timestamp("2026-12-01")

#: Golden table: a CRM's value (Salesforce JA/EN, HubSpot label and internal name, a
#: team's own words) -> the committee roles it fills.
GOLDEN: dict[str, set[str]] = {
    # Salesforce opportunity contact roles (standard picklist)
    "Decision Maker": {"decision_maker"}, "意思決定者": {"decision_maker"},
    "Executive Sponsor": {"decision_maker"}, "経営幹部スポンサー": {"decision_maker"},
    "Economic Buyer": {"budget_holder"}, "経済的購買者": {"budget_holder"},
    "Economic Decision Maker": {"decision_maker", "budget_holder"},
    "経済的決定者": {"decision_maker", "budget_holder"},  # JA label not confirmed: a 決定者 decides
    "Technical Buyer": {"technical_evaluator"}, "技術的購買者": {"technical_evaluator"},
    "Evaluator": {"technical_evaluator"}, "評価者": {"technical_evaluator"},
    "Business User": {"user_department"}, "ビジネスユーザー": {"user_department"},
    "Influencer": set(), "影響者": set(), "Other": set(), "その他": set(),
    # HubSpot Buying Role (labels and the API's internal names)
    "Budget Holder": {"budget_holder"}, "BUDGET_HOLDER": {"budget_holder"},
    "DECISION_MAKER": {"decision_maker"}, "End User": {"user_department"},
    "END_USER": {"user_department"}, "Champion": set(), "Blocker": set(),
    "Legal and Compliance": set(), "LEGAL_AND_COMPLIANCE": set(),
    # a team's own column
    "決裁者": {"decision_maker"}, "予算責任者": {"budget_holder"},
    "技術評価者": {"technical_evaluator"}, "利用部門": {"user_department"},
    "購買担当": {"procurement"}, "調達": {"procurement"}, "Procurement": {"procurement"},
    # width, case and spacing aside
    "ＤＥＣＩＳＩＯＮ　ＭＡＫＥＲ": {"decision_maker"}, " economic-buyer ": {"budget_holder"},
}  # fmt: skip


@pytest.mark.parametrize("value", sorted(GOLDEN))
def test_golden_vocabulary(value: str) -> None:
    flags, unknown = read_buying_roles(pd.Series([value]))
    assert {r for r in ROLES if flags.loc[0, r]} == GOLDEN[value]
    assert not unknown[0]


def test_the_vocabulary_is_data_without_clashes() -> None:
    seen: dict[str, tuple[str, ...]] = {}
    for roles, values in BUYING_ROLE_VALUES:
        assert set(roles) <= set(ROLES)
        for v in values:
            key = buying_role_key(v)
            assert seen.setdefault(key, roles) == roles, v  # one meaning per spelling


def test_multi_select_cells_and_unknown_values() -> None:
    values = pd.Series(
        ["Budget Holder;Champion", "意思決定者、評価者", "End User, Blocker", "キーパーソン候補",
         "Decision Maker;謎の役割", None, ""],
        index=[10, 11, 12, 13, 14, 15, 16],
    )  # fmt: skip
    flags, unknown = read_buying_roles(values)
    assert flags.index.tolist() == values.index.tolist()
    got = [{r for r in ROLES if flags.loc[i, r]} for i in values.index]
    assert got == [
        {"budget_holder"},
        {"decision_maker", "technical_evaluator"},
        {"user_department"},
        set(),  # unknown: fills nothing
        {"decision_maker"},  # the known half still counts
        set(),
        set(),
    ]
    assert unknown.tolist() == [False, False, False, True, True, False, False]


# ------------------------------------------------------------------ Salesforce (JA)
#: A Salesforce contacts export: nobody's title makes a budget holder (no 経理/財務,
#: no 経営企画) at ローム; 山崎 (総務部 主任) is named 経済的決定者 by the contact-role
#: report — by name and account only, the report row carries no e-mail.
SF_CONTACTS = (
    "取引先責任者 ID,姓,名,取引先名,部署,役職,メール\n"
    "0035g00000AAAAA,松本,由美,ローム株式会社,営業部,部長,a@rohm.co.jp\n"
    "0035g00000BBBBB,加藤,真,ローム株式会社,情報システム部,主任,b@rohm.co.jp\n"
    "0035g00000CCCCC,山崎,直樹,ローム株式会社,総務部,主任,c@rohm.co.jp\n"
    "0035g00000DDDDD,田中,一郎,日本ゼオン株式会社,購買部,課長,d@zeon.co.jp\n"
)
SF_DEALS = (
    '"商談 所有者","取引先名","商談名","フェーズ","金額","完了予定日","作成日","商談 ID"\n'
    '"上田 彩","ローム株式会社","ローム_リニアガイド更新","提案","22230000","2027/01/18","2026/08/24","006A"\n'
    '"上田 彩","ローム株式会社","ローム_保守","提案","1000000","2027/02/09","2026/10/01","006C"\n'
    '"佐藤 健","日本ゼオン株式会社","ゼオン_アクチュエータ導入","提案","14380000","2027/03/09","2026/01/31","006B"\n'
)
SF_ROLES = (
    '"商談名","取引先名","取引先責任者: 氏名","取引先責任者: メール","役割","主"\n'
    '"ローム_リニアガイド更新","ローム株式会社","松本 由美","a@rohm.co.jp","意思決定者","1"\n'
    '"ローム_リニアガイド更新","ローム株式会社","山崎 直樹","","経済的決定者","0"\n'
    '"ローム_保守","ローム株式会社","松本 由美","a@rohm.co.jp","評価者","1"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","田中 一郎","d@zeon.co.jp","キーパーソン候補","1"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","鈴木 花子","x@zeon.co.jp","影響者","0"\n'
)


def _sf(*names: str):
    files = {
        "contacts.csv": SF_CONTACTS.encode("utf-8"),
        "opps.csv": SF_DEALS.encode("cp932"),
        "roles.csv": SF_ROLES.encode("cp932"),
    }
    ds, errors = load_files([(n, files[n]) for n in names])
    assert not errors
    return ds


def _rolled(ds) -> pd.DataFrame:
    clean = prepare(ds).dataset
    rolled = rollup_accounts(
        clean.leads, activities=clean.activities, opportunities=clean.opportunities, as_of=AS_OF
    )
    return rolled.set_index("account_name"), clean


def test_the_contact_role_report_maps_its_role_column() -> None:
    m = suggest_mapping(
        ["商談名", "取引先名", "取引先責任者: 氏名", "取引先責任者: メール", "役割"]
    )
    assert (m.vendor, m.table, m.as_dict()["役割"]) == (
        "salesforce",
        "opportunities",
        "buying_role",
    )
    en = suggest_mapping(["Opportunity Name", "Account Name", "Contact: Full Name", "Role"])
    assert en.as_dict()["Role"] == "buying_role"


#: Salesforce's Opportunities with Partners report (パートナー付き商談): the role is the
#: partner company's on the deal, not a contact's buying role.
SF_PARTNERS = (
    '"商談名","取引先名","フェーズ","金額","完了予定日","パートナー","役割","主"\n'
    '"ローム_リニアガイド更新","ローム株式会社","提案","22230000","2027/01/18","丸紅情報システムズ","販売代理店","1"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","提案","14380000","2027/03/09","NTTデータ","コンサルタント","0"\n'
)  # fmt: skip


@pytest.mark.parametrize(
    "headers",
    [
        ["商談名", "取引先名", "フェーズ", "金額", "パートナー", "役割", "主"],
        ["Opportunity Name", "Account Name", "Stage", "Amount", "Partner", "Role", "Primary"],
        ["Opportunity Name", "Account Name", "Close Date", "Partner Account", "Role"],
        ["商談名", "取引先名", "パートナー", "役割", "主"],
    ],
)
def test_a_partners_role_is_not_a_buying_role(headers: list[str]) -> None:
    assert "buying_role" not in suggest_mapping(headers).as_dict().values()


def test_an_opportunities_with_partners_report_gives_no_role_notes() -> None:
    ds, errors = load_files(
        [
            ("contacts.csv", SF_CONTACTS.encode("utf-8")),
            ("partners.csv", SF_PARTNERS.encode("cp932")),
        ]
    )
    assert not errors
    assert "buying_role" not in ds.leads or ds.leads["buying_role"].isna().all()
    for report in ds.sources:
        checks = set(report.issues["check"].dropna())
        assert not {c for c in checks if str(c).startswith("buying_role")}


def test_a_contacts_roles_column_is_the_buying_role_but_a_bare_role_is_not() -> None:
    roles = suggest_mapping(
        ["Contact ID", "First Name", "Last Name", "Email", "Account Name", "Roles"]
    )
    assert (roles.table, roles.as_dict()["Roles"]) == ("leads", "buying_role")
    ja = suggest_mapping(["取引先責任者 ID", "姓", "名", "メール", "取引先名", "役割"])
    assert ja.as_dict()["役割"] == "buying_role"
    job = suggest_mapping(
        ["Contact ID", "First Name", "Last Name", "Email", "Account Name", "Role"]
    )
    assert job.as_dict()["Role"] is None  # a job role as often: not near-matched to Roles


def test_a_contact_roles_role_reaches_the_person_it_names() -> None:
    ds = _sf("contacts.csv", "opps.csv", "roles.csv")
    roles = ds.leads.set_index("email")["buying_role"]
    assert roles["a@rohm.co.jp"] == "意思決定者;評価者"  # two deals: both roles (union)
    assert roles["c@rohm.co.jp"] == "経済的決定者"  # by name and account: no e-mail on the row
    assert roles["d@zeon.co.jp"] == "キーパーソン候補"  # kept as written, fills nothing
    assert pd.isna(roles["b@rohm.co.jp"])  # not named: as it was
    assert "buying_role" not in ds.opportunities.columns  # a person's, not the deal's
    report = {r.file: r for r in ds.sources}["roles.csv"]
    said = report.issues.set_index("check")["count"]
    assert said["buying_role_carried"] == 4
    assert said["buying_role_no_person"] == 1  # 鈴木: not among the loaded people
    assert said["buying_role_unknown"] == 1
    assert said["contact_roles"] == 5  # the rows still join their deals as before


def test_the_crm_names_a_budget_holder_the_titles_do_not() -> None:
    before, _ = _rolled(_sf("contacts.csv", "opps.csv"))
    after, _ = _rolled(_sf("contacts.csv", "opps.csv", "roles.csv"))
    rohm_before, rohm_after = before.loc["ローム株式会社"], after.loc["ローム株式会社"]
    assert not rohm_before["role_budget_holder"]
    assert rohm_after["role_budget_holder"]  # 経済的決定者
    assert rohm_after["roles_covered"] == rohm_before["roles_covered"] + 1
    for role in ("decision_maker", "technical_evaluator", "user_department"):
        assert rohm_before[f"role_{role}"] and rohm_after[f"role_{role}"]  # union: kept
    zeon = after.loc["日本ゼオン株式会社"]  # an unknown value fills nothing; the title still counts
    assert zeon["role_procurement"] and not zeon["role_decision_maker"]
    assert zeon["roles_covered"] == before.loc["日本ゼオン株式会社", "roles_covered"]


def test_the_story_says_where_each_role_came_from() -> None:
    _, clean = _rolled(_sf("contacts.csv", "opps.csv", "roles.csv"))
    rohm = clean.leads.loc[clean.leads["email"] == "a@rohm.co.jp", "account_id"].iloc[0]
    story = account_story(rohm, leads=clean.leads, opportunities=clean.opportunities, as_of=AS_OF)
    people = story.people.set_index("name")
    matsumoto = people.loc["松本 由美"]  # 営業部 部長: decides and uses; the CRM adds evaluating
    assert set(matsumoto["roles"].split("|")) == {
        "decision_maker", "technical_evaluator", "user_department",
    }  # fmt: skip
    assert set(matsumoto["crm_roles"].split("|")) == {"decision_maker", "technical_evaluator"}
    assert set(matsumoto["title_roles"].split("|")) == {"decision_maker", "user_department"}
    yamazaki = people.loc["山崎 直樹"]
    assert set(yamazaki["crm_roles"].split("|")) == {"decision_maker", "budget_holder"}
    assert "budget_holder" in yamazaki["roles"]  # 経済的決定者: decides and holds the budget
    covered = story.roles.set_index("role")["covered"]
    assert covered["budget_holder"]


# ------------------------------------------------------------------ HubSpot contacts
HUBSPOT = (
    "Record ID,First Name,Last Name,Email,Company Name,Job Title,Buying Role,Lifecycle Stage\n"
    "101,Aiko,Sato,sato@kao.co.jp,花王株式会社,Manager,Budget Holder;Champion,lead\n"
    "102,Ken,Ito,ito@kao.co.jp,花王株式会社,Engineer,End User,lead\n"
    "103,Mio,Mori,mori@kao.co.jp,花王株式会社,Director,Blocker,lead\n"
    "104,Jun,Abe,abe@kao.co.jp,花王株式会社,Staff,Mystery Role,lead\n"
)


def test_hubspot_buying_role_fills_the_committee() -> None:
    ds, errors = load_files([("contacts.csv", HUBSPOT.encode("utf-8"))])
    assert not errors
    report = ds.sources[0]
    assert (report.vendor, report.mapping["Buying Role"]) == ("hubspot", "buying_role")
    assert report.mapping["Job Title"] == "title"  # not confused with the title
    said = report.issues.set_index("check")["count"]
    assert said["buying_role_unknown"] == 1
    found = lead_roles(ds.leads)
    assert found.unknown == 1
    by_email = found.by_crm.set_index(ds.leads["email"])
    assert by_email.loc["sato@kao.co.jp", "budget_holder"]
    assert not by_email.loc["sato@kao.co.jp"].drop("budget_holder").any()  # Champion: none
    rolled, _ = _rolled(ds)
    kao = rolled.loc["花王株式会社"]
    assert kao["role_budget_holder"]  # a Manager's title alone gives no budget
    assert kao["role_decision_maker"]  # the Director's title (Blocker fills nothing)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("ja", "列「Buying Role」の1行"), ("en", "1 rows of column 'Buying Role'")],
)
def test_the_unknown_role_notice_names_the_files_own_header(lang: str, said: str) -> None:
    ds, _ = load_files([("contacts.csv", HUBSPOT.encode("utf-8"))])
    issues = ds.sources[0].issues
    notes = describe_issues(issues[issues["check"] == "buying_role_unknown"], lang)
    assert notes["column"].tolist() == ["Buying Role"]
    assert said in notes["message"].iloc[0]
    assert "buying_role" not in notes["message"].iloc[0]  # not Mori's internal name


def test_the_role_notes_of_a_contact_role_report_name_its_header() -> None:
    ds = _sf("contacts.csv", "opps.csv", "roles.csv")
    issues = {r.file: r for r in ds.sources}["roles.csv"].issues
    roles = issues[issues["check"].str.startswith("buying_role")]
    assert set(roles["column"]) == {"役割"}
    assert (
        "列「役割」"
        in describe_issues(roles[roles["check"] == "buying_role_unknown"], "ja")["message"].iloc[0]
    )


def test_carry_roles_writes_only_the_people_a_role_reaches() -> None:
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2", "L3", "L4"], dtype="string"),
            "email": pd.array(["a@x.jp", "b@x.jp", "c@x.jp", "d@x.jp"], dtype="string"),
            "buying_role": pd.array(
                ["Champion ; Champion", "Decision Maker", None, "Blocker"], dtype="string"
            ),
        },
        index=[10, 11, 12, 13],
    )
    before = leads.copy()
    frame = pd.DataFrame(
        {
            "email": pd.array(["c@x.jp", "b@x.jp", "b@x.jp", "z@x.jp", "d@x.jp"], dtype="string"),
            "buying_role": pd.array(
                ["評価者", "Decision Maker;経済的購買者", "評価者", "意思決定者", " "],
                dtype="string",
            ),
        }
    )
    out, held, found = carry_roles(leads, frame)
    pd.testing.assert_frame_equal(leads, before)  # the input is not modified
    assert out["buying_role"].tolist() == [
        "Champion ; Champion",  # no role reaches it: left as written
        "Decision Maker;経済的購買者;評価者",  # its own, then the file's, distinct
        "評価者",
        "Blocker",  # a blank role reaches nobody
    ]
    assert out.index.tolist() == [10, 11, 12, 13]
    assert held.tolist() == [True, True, True, True, False]
    assert found.tolist() == [True, True, True, False, False]
    bare, _, _ = carry_roles(leads.drop(columns="buying_role"), frame)  # no own column
    assert bare["buying_role"].tolist()[1:3] == ["Decision Maker;経済的購買者;評価者", "評価者"]
    assert bare["buying_role"].isna().tolist() == [True, False, False, True]


def test_a_persons_records_keep_every_role_when_merged() -> None:
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L2"], dtype="string"),
            "email": pd.array(["a@x.co.jp", "a@x.co.jp"], dtype="string"),
            "company": pd.array(["X社", "X社"], dtype="string"),
            "buying_role": pd.array(
                ["Decision Maker", "経済的決定者;Decision Maker"], dtype="string"
            ),
            "created_at": pd.to_datetime(["2026-01-01", "2026-02-01"]),
        }
    )
    merged = merge_persons(leads)
    assert len(merged) == 1
    assert merged["buying_role"].iloc[0] == "Decision Maker;経済的決定者"


def test_the_people_list_says_each_roles_source_only_when_a_crm_gave_one() -> None:
    from abm.ui.views.account_story import _person_roles

    people = pd.DataFrame(
        {
            "roles": ["decision_maker|budget_holder", "user_department"],
            "crm_roles": ["budget_holder", ""],
            "title_roles": ["decision_maker", "user_department"],
        }
    )
    ja = _person_roles(people, "ja")
    assert "予算" in ja[0] and "（CRM）" in ja[0] and "（役職）" in ja[0]
    assert ja[1].endswith("（役職）")
    en = _person_roles(people, "en")
    assert "(CRM)" in en[0] and en[1].endswith("(title)")
    plain = _person_roles(people.assign(crm_roles=["", ""]), "en")  # no CRM role: as before
    assert "(" not in "".join(plain)
