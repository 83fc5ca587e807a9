"""QA-K: HubSpot exports from the Japanese UI are read as the records they hold.

1. A companies export (レコードID, 会社名, 会社のドメイン名, …) was read as leads: its columns
   are all in the contacts report too but for 会社のドメイン名, and one header did not set
   the report apart. A file with no person column that names a company is no person
   export: it is accounts, 会社のドメイン名 its domain (also when the kind is chosen by hand).
2. A contacts export's company link (``Associated Company IDs (Primary)``, the company's
   record id) and its web counts (ウェブサイトの訪問回数, フォーム送信数) were left unmapped;
   the associated company's name (関連付けられた会社 (プライマリー)) is the company only when
   no company column of the contact's own is there. A business card's 名刺所有者 is its owner.
3. An activity log of everyday labels (日付, 種別, 件名, 担当者) was labelled Salesforce:
   those words name no tool; HubSpot's 関連付けられたコンタクト does.

Files are written as HubSpot's Japanese UI writes them: UTF-8 with a BOM, every cell quoted.
"""

from __future__ import annotations

import pytest

from abm.ingest import apply_mapping, detect, load_files, read_table, suggest_mapping
from abm.ingest.mapping import infer_table
from abm.pipeline import leads_for_cleaning


def _csv(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    """Rows as HubSpot writes them: every cell quoted, CRLF, UTF-8 with a BOM."""
    text = "".join(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\r\n" for r in rows)
    return text.encode(encoding)


def _read(rows: list[list[str]], name: str = "export.csv", encoding: str = "utf-8-sig"):
    return read_table(_csv(rows, encoding), name)


# ------------------------------------------------------------------ 1. companies

COMPANIES_JA = [
    ["レコードID", "会社名", "会社のドメイン名", "業種", "従業員数", "年間売上高", "都道府県",
     "ライフサイクルステージ", "作成日"],
    ["5000024", "東邦精機株式会社", "toho-seiki.co.jp", "機械", "3200", "93437000000", "東京都",
     "マーケティングクオリファイドリード", "2023-09-16 00:00"],
    ["5000034", "東邦精工株式会社", "tohoseiko.co.jp", "機械", "850", "31349000000", "静岡県",
     "商談", "2021-10-08 00:00"],
]  # fmt: skip
COMPANIES_JA_MAPPING = {
    "レコードID": "account_id", "会社名": "company", "会社のドメイン名": "domain", "業種": "industry",
    "従業員数": "employees", "年間売上高": "annual_revenue", "都道府県": "prefecture",
    "ライフサイクルステージ": None, "作成日": None,
}  # fmt: skip
COMPANIES_EN = [
    ["Record ID", "Company name", "Company Domain Name", "Industry", "Number of Employees",
     "Annual Revenue", "State/Region", "Lifecycle Stage", "Create Date"],
    ["5000024", "Toho Seiki", "toho-seiki.co.jp", "Machinery", "3200", "93437000000", "Tokyo",
     "Opportunity", "2023-09-16 00:00"],
]  # fmt: skip


def test_a_japanese_companies_export_is_hubspot_accounts_with_its_domain():
    m = suggest_mapping(_read(COMPANIES_JA, "hubspot-crm-exports-all-companies.csv"))
    assert (m.vendor, m.table, m.report) == ("hubspot", "accounts", "hubspot.companies")
    assert m.detected >= 0.5
    assert m.as_dict() == COMPANIES_JA_MAPPING
    assert m.dropped == ()


def test_the_english_companies_export_with_the_same_columns_is_accounts_too():
    m = suggest_mapping(_read(COMPANIES_EN))
    assert (m.vendor, m.table, m.report) == ("hubspot", "accounts", "hubspot.companies")
    assert m.as_dict()["Company Domain Name"] == "domain"
    assert m.as_dict()["Record ID"] == "account_id"


def test_the_companies_rows_load_as_accounts_with_their_domains():
    raw = _read(COMPANIES_JA)
    frame, _ = apply_mapping(raw, suggest_mapping(raw))
    assert frame["account_id"].tolist() == ["5000024", "5000034"]
    assert frame["domain"].tolist() == ["toho-seiki.co.jp", "tohoseiko.co.jp"]
    assert frame["annual_revenue"].tolist() == [93437000000, 31349000000]


def test_the_meanings_alone_say_accounts_for_a_companies_export():
    """Without any golden header set (a file of custom columns no signature explains)."""
    for rows in (COMPANIES_JA, COMPANIES_EN):
        assert infer_table(rows[0], "generic_ja") == "accounts"


def test_a_company_list_naming_no_domain_nor_more_than_a_lead_list_stays_leads():
    # the dates and stage any record has count for leads unless the company's domain is named
    assert infer_table(["会社名", "作成日"]) == "leads"
    assert suggest_mapping(["会社名", "作成日"]).table == "leads"
    assert infer_table(["会社名", "会社のドメイン名", "作成日"]) == "accounts"


def test_a_person_column_keeps_the_export_a_people_export():
    headers = [*COMPANIES_JA[0], "Eメール", "名", "姓"]
    m = suggest_mapping(headers)
    assert (m.vendor, m.table) == ("hubspot", "leads")
    assert m.as_dict()["会社のドメイン名"] == "domain"  # the contact's company's domain


@pytest.mark.parametrize(
    "header", ["会社のドメイン名", "ウェブサイトURL", "ウェブサイト", "Website URL"]
)
def test_a_domain_or_website_column_is_the_domain_when_the_kind_is_chosen_as_companies(header):
    headers = ["レコードID", "会社名", header, "業種"]
    m = suggest_mapping(headers, table="accounts")
    assert m.as_dict()[header] == "domain"
    assert dict(m.confidence)[header] == 1.0


def test_the_other_japanese_company_properties_are_read():
    headers = ["レコードID", "会社名", "会社のドメイン名", "都道府県/地域", "国/地域", "会社担当者",
               "ターゲットアカウント", "理想的な顧客プロファイルのティア", "ウェブサイトURL"]  # fmt: skip
    m = suggest_mapping(headers)
    assert (m.vendor, m.table) == ("hubspot", "accounts")
    assert m.as_dict() == {
        "レコードID": "account_id", "会社名": "company", "会社のドメイン名": "domain",
        "都道府県/地域": "prefecture", "国/地域": "country", "会社担当者": "owner",
        "ターゲットアカウント": "is_target", "理想的な顧客プロファイルのティア": "tier",
        "ウェブサイトURL": None,  # the domain name is read; the site's URL gives way
    }  # fmt: skip


# ---------------------------------------------------------------- 2. contacts

CONTACTS_JA = [
    ["レコードID", "名", "姓", "Eメール", "会社名", "役職", "電話番号", "ライフサイクルステージ",
     "リードステータス", "作成日", "最終アクティビティー日", "関連付けられた会社 (プライマリー)",
     "Associated Company IDs (Primary)", "従業員数", "業種", "年間売上高", "ウェブサイトの訪問回数",
     "フォーム送信数", "マーケティングEメール開封数", "最後に開封したマーケティングEメール", "都道府県"],
    ["116197", "拓也", "藤田", "takuya.fujita@example.co.jp", "株式会社太陽精機", "本部長",
     "041-1765-5322", "リード", "不適切なタイミング", "2024-01-31 09:28", "2024-11-19 09:28",
     "株式会社太陽精機", "5000024", "", "", "4931000000", "1", "0", "2",
     "導入事例ニュースレター Vol.12", "福岡県"],
    ["129235", "拓也", "高橋", "takuya.takahashi@example.co.jp", "", "マネージャー",
     "078-7531-6985", "リード", "", "2023-02-04 11:03", "2023-02-27 11:03", "東邦精工株式会社",
     "5000034", "296", "半導体", "", "4", "1", "12", "", "長野県"],
]  # fmt: skip
CONTACTS_JA_MAPPING = {
    "レコードID": "lead_id", "名": "first_name", "姓": "last_name", "Eメール": "email",
    "会社名": "company", "役職": "title", "電話番号": "phone", "ライフサイクルステージ": "current_stage",
    "リードステータス": "lead_status", "作成日": "created_at", "最終アクティビティー日": "last_activity_at",
    "関連付けられた会社 (プライマリー)": None,  # 会社名 is the contact's company
    "Associated Company IDs (Primary)": "account_id", "従業員数": "employees", "業種": "industry",
    "年間売上高": "annual_revenue", "ウェブサイトの訪問回数": "web_visits", "フォーム送信数": "conversions",
    "マーケティングEメール開封数": None,  # no canonical column for e-mail opens
    "最後に開封したマーケティングEメール": None, "都道府県": "prefecture",
}  # fmt: skip


def test_a_japanese_contacts_export_maps_its_company_link_and_web_counts():
    m = suggest_mapping(_read(CONTACTS_JA, "hubspot-crm-exports-all-contacts.csv"))
    assert (m.vendor, m.table, m.report) == ("hubspot", "leads", "hubspot.contacts")
    assert m.as_dict() == CONTACTS_JA_MAPPING
    # the associated company's name gave way to 会社名 without being called a duplicate
    assert m.dropped == ()


def test_the_associated_company_name_never_displaces_the_contacts_own_company():
    raw = _read(CONTACTS_JA)
    frame, issues = apply_mapping(raw, suggest_mapping(raw))
    assert frame["company"].tolist()[0] == "株式会社太陽精機"
    assert frame["company"].isna().tolist()[1]  # 会社名 blank: not filled from the other column
    assert "duplicate_mapping" not in issues["check"].tolist()
    assert frame["account_id"].tolist() == ["5000024", "5000034"]
    assert frame["web_visits"].tolist() == [1, 4]
    assert frame["conversions"].tolist() == [0, 1]


@pytest.mark.parametrize(
    ("company", "ids"),
    [
        ("関連付けられた会社 (プライマリー)", "Associated Company IDs (Primary)"),
        ("関連付けられた会社", "関連付けられた会社のID (プライマリー)"),
        ("Associated Company (Primary)", "Associated Company IDs (Primary)"),
        ("Associated Company", "Associated Company ID"),
    ],
)
def test_the_associated_company_is_the_company_when_no_other_column_is(company, ids):
    m = suggest_mapping(["Record ID", "First Name", "Last Name", "Email", company, ids])
    assert (m.vendor, m.table) == ("hubspot", "leads")
    assert m.as_dict()[company] == "company"
    assert 0.9 <= dict(m.confidence)[company] < 1.0  # shown as a lesser match
    assert m.as_dict()[ids] == "account_id"


def test_beside_company_name_the_english_associated_company_is_left_unmapped():
    headers = ["Record ID", "First Name", "Email", "Company Name", "Associated Company (Primary)"]
    m = suggest_mapping(headers)
    assert m.as_dict()["Company Name"] == "company"
    assert m.as_dict()["Associated Company (Primary)"] is None
    assert m.dropped == ()


def test_contacts_carry_the_company_record_id_the_companies_export_holds():
    ds, errors = load_files(
        [("contacts.csv", _csv(CONTACTS_JA)), ("companies.csv", _csv(COMPANIES_JA))]
    )
    assert errors == ()
    assert ds.leads["account_id"].tolist() == ["5000024", "5000034"]
    assert set(ds.leads["account_id"]) <= set(ds.accounts["account_id"])
    # the pipeline keeps it as the CRM's account id, and fills a blank 会社名 from that row
    leads = leads_for_cleaning(ds)
    assert leads["crm_account_id"].tolist() == ["5000024", "5000034"]
    assert leads["company"].tolist() == ["株式会社太陽精機", "東邦精工株式会社"]


@pytest.mark.parametrize("owner", ["名刺所有者", "所有者"])
def test_a_business_cards_owner_is_the_owner(owner):
    rows = [
        ["会社名", "部署名", "役職", "氏名", "メールアドレス", "電話番号", "名刺交換日", owner],
        ["株式会社太陽精機", "営業部", "部長", "藤田 拓也", "t@example.co.jp", "03-0000-0000",
         "2024/06/02", "鈴木 一郎"],
    ]  # fmt: skip
    m = suggest_mapping(_read(rows, "meishi.csv", encoding="cp932"))
    assert (m.vendor, m.table) == ("business_card", "leads")
    assert m.as_dict()[owner] == "owner"


# ------------------------------------------------------------------- deals

DEALS_JA = [
    ["レコードID", "取引名", "パイプライン", "取引ステージ", "金額", "クローズ日", "作成日", "取引担当者",
     "取引タイプ", "関連付けられた会社 (プライマリー)", "Associated Company IDs (Primary)",
     "関連付けられたコンタクト", "Associated Contact IDs"],
    ["9000007419", "東邦精工株式会社 検査装置", "営業パイプライン", "成立", "4400000",
     "2024-05-15 11:00", "2024-01-09 11:00", "営業一課 田村", "新規ビジネス", "東邦精工株式会社",
     "5000034", "山口 拓也 (takuya@example.co.jp)", "129235"],
]  # fmt: skip


def test_a_japanese_deals_export_is_hubspot_opportunities_linked_by_ids():
    m = suggest_mapping(_read(DEALS_JA, "hubspot-crm-exports-all-deals.csv"))
    assert (m.vendor, m.table, m.report) == ("hubspot", "opportunities", "hubspot.deals")
    assert m.as_dict() == {
        "レコードID": "opportunity_id", "取引名": "opportunity_name", "パイプライン": "pipeline",
        "取引ステージ": "stage", "金額": "amount", "クローズ日": "close_date", "作成日": "created_at",
        "取引担当者": "owner", "取引タイプ": "opportunity_type",
        "関連付けられた会社 (プライマリー)": "company", "Associated Company IDs (Primary)": "account_id",
        "関連付けられたコンタクト": "contact_name", "Associated Contact IDs": "lead_id",
    }  # fmt: skip


# -------------------------------------------------------------- 3. activities


def test_an_activity_log_with_a_hubspot_association_is_hubspot_not_salesforce():
    rows = [
        ["日付", "種別", "件名", "関連付けられたコンタクト", "担当者"],
        ["2022-04-13 15:11", "訪問", "東洋技研株式会社 訪問", "yumi@example.co.jp", "営業部 小島"],
    ]
    m = suggest_mapping(_read(rows, "hubspot-activities.csv"))
    assert (m.vendor, m.table) == ("hubspot", "activities")
    assert (m.report, m.origin) == ("", None)  # no report type is claimed
    assert m.as_dict() == {
        "日付": "timestamp", "種別": "activity_type", "件名": "subject",
        "関連付けられたコンタクト": "contact_name", "担当者": "owner",
    }  # fmt: skip
    m = suggest_mapping(["Date", "Type", "Subject", "Associated Contact", "Owner"])
    assert (m.vendor, m.table, m.report) == ("hubspot", "activities", "")


@pytest.mark.parametrize(
    ("headers", "vendor"),
    [
        (["日付", "種別", "件名", "担当者"], "generic_ja"),
        (["Date", "Type", "Subject", "Owner"], "generic"),
    ],
)
def test_an_activity_log_of_everyday_labels_names_no_tool(headers, vendor):
    d = detect(headers)
    assert (d.vendor, d.report) == (vendor, "")
    assert suggest_mapping(headers).table == "activities"


def test_a_salesforce_activity_report_is_still_salesforce():
    # Salesforce's own labels (任命先, the prefixed contact and account) name the tool
    headers = ["件名", "種別", "日付", "任命先", "取引先責任者: メール", "取引先: 取引先名"]
    d = detect(headers)
    assert (d.vendor, d.report, d.origin) == ("salesforce", "salesforce.report_activities", "sales")


@pytest.mark.parametrize(
    "name", ["参加者氏名", "受講者名", "来場者名", "ご芳名", "フルネーム", "氏名漢字"]
)
def test_an_attendee_list_without_e_mail_stays_people(name):
    # review: a person-less-looking list (company, URL, status, date) became accounts
    # when its name column was one no alias knew
    raw = read_table(
        f"会社名,URL,{name},ステータス,登録日\n株式会社X,x.co.jp,山田 太郎,参加,2025/04/01\n".encode(),
        "list.csv",
    )
    mapping = suggest_mapping(raw)
    assert mapping.table == "leads" and dict(mapping.columns)[name] == "full_name"
