"""Golden table: header sets of each tool → vendor, table and canonical columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.errors import MoriError
from abm.ingest import ColumnMapping, header_signature, suggest_mapping
from abm.ingest.headers import normalise_header
from abm.ingest.mapping import mappings_from_section, mappings_to_section

D = 'Date entered "{} (Lifecycle Stage Pipeline)"'

GOLDEN: dict[str, tuple[str, str, dict[str, str | None]]] = {
    "salesforce_leads_ja": ("salesforce", "leads", {
        "リード ID": "lead_id", "会社名": "company", "氏名": "full_name", "姓": "last_name", "名": "first_name",
        "役職": "title", "メール": "email", "リードソース": "lead_source", "リード状況": "lead_status",
        "業種": "industry", "従業員数": "employees", "年間売上": "annual_revenue", "作成日": "created_at",
        "取引開始済み": None,
    }),
    "salesforce_leads_en": ("salesforce", "leads", {
        "Lead ID": "lead_id", "Company": "company", "First Name": "first_name", "Last Name": "last_name",
        "Title": "title", "Email": "email", "Lead Source": "lead_source", "Lead Status": "lead_status",
        "Industry": "industry", "No. of Employees": "employees", "Annual Revenue": "annual_revenue",
        "Created Date": "created_at", "Converted": None, "Lead Owner": "owner",
    }),
    "salesforce_opportunities_ja": ("salesforce", "opportunities", {
        "商談ID": "opportunity_id", "商談名": "opportunity_name", "取引先名": "company", "金額": "amount",
        "フェーズ": "stage", "確度(%)": "probability", "作成日": "created_at", "完了予定日": "close_date",
        "受注": "is_won", "完了": "is_closed", "リードソース": "lead_source", "所有者": "owner",
        "主担当者メール": "email",
    }),
    "salesforce_opportunities_en": ("salesforce", "opportunities", {
        "Opportunity ID": "opportunity_id", "Opportunity Name": "opportunity_name", "Account Name": "company",
        "Amount": "amount", "Stage": "stage", "Probability (%)": "probability", "Created Date": "created_at",
        "Close Date": "close_date", "Won": "is_won", "Closed": "is_closed", "Lead Source": "lead_source",
        "Opportunity Owner": "owner",
    }),
    # Salesforce's opportunity contact-role report: a contact per row, its role and whether
    # it is the deal's primary contact (OpportunityContactRole.IsPrimary: 主担当 / Primary)
    "salesforce_contact_roles_en": ("salesforce", "opportunities", {
        "Opportunity Name": "opportunity_name", "Account Name": "company",
        "Contact: Full Name": "contact_name", "Contact: Email": "email", "Role": "buying_role",
        "Primary": "is_primary",
    }),
    "salesforce_contact_roles_ja": ("salesforce", "opportunities", {
        "商談名": "opportunity_name", "取引先名": "company", "取引先責任者: 氏名": "contact_name",
        "取引先責任者: メール": "email", "役割": "buying_role", "主担当": "is_primary",
    }),
    "salesforce_contact_roles_ja_short": ("salesforce", "opportunities", {
        "商談名": "opportunity_name", "取引先名": "company", "取引先責任者: 氏名": "contact_name",
        "取引先責任者: メール": "email", "役割": "buying_role", "主": "is_primary",
    }),
    "pardot": ("pardot", "leads", {
        "Email": "email", "First Name": "first_name", "Last Name": "last_name", "Company": "company",
        "Job Title": "title", "Score": "score", "Grade": "grade", "Industry": "industry",
        "Employees": "employees", "Annual Revenue": "annual_revenue", "Created Date": "created_at",
        "Last Activity": "last_activity_at",
    }),
    "marketo": ("marketo", "leads", {
        "Id": "lead_id", "Email Address": "email", "First Name": "first_name", "Last Name": "last_name",
        "Company Name": "company", "Job Title": "title", "Lead Score": "score", "Behavior Score": None,
        "Demographic Score": None, "Lead Status": "lead_status", "Revenue Stage": "current_stage",
        "Acquisition Program": "campaign", "Created At": "created_at",
    }),
    "hubspot_contacts": ("hubspot", "leads", {
        "Record ID": "lead_id", "First Name": "first_name", "Last Name": "last_name", "Email": "email",
        "Company Name": "company", "Job Title": "title", "Phone Number": "phone", "Country/Region": "country",
        "Industry": "industry", "Number of Employees": "employees", "Annual Revenue": "annual_revenue",
        "Lifecycle Stage": "current_stage", "Lead Status": "lead_status", "HubSpot Score": "score",
        "Original Source": "lead_source", "Create Date": "created_at",
        D.format("Subscriber"): None,  # inquiry_at goes to the better "Lead" column
        D.format("Lead"): "inquiry_at", D.format("Marketing Qualified Lead"): "mql_at",
        D.format("Sales Qualified Lead"): "sql_at", D.format("Opportunity"): "opportunity_at",
        D.format("Customer"): "won_at", D.format("Evangelist"): None, "Contact owner": "owner",
    }),
    "hubspot_became": ("hubspot", "leads", {
        "Record ID": "lead_id", "Email": "email", "Company Name": "company",
        "Became a Marketing Qualified Lead Date": "mql_at", "Became an Opportunity Date": "opportunity_at",
        "Became a Customer Date": "won_at",
    }),
    "hubspot_companies": ("hubspot", "accounts", {
        "Record ID": "account_id", "Company name": "company", "Company domain name": "domain",
        "Number of Employees": "employees", "Annual Revenue": "annual_revenue", "Industry": "industry",
        "Target Account": "is_target", "Ideal Customer Profile Tier": "tier", "Company owner": "owner",
    }),
    "bownow": ("bownow", "leads", {
        "会社名": "company", "部署": "department", "役職": "title", "氏名": "full_name",
        "メールアドレス": "email", "電話番号": "phone", "都道府県": "prefecture", "業種": "industry",
        "従業員数": "employees", "売上高（百万円）": "annual_revenue", "ステータス": "current_stage",
        "作成日": "created_at", "最終アクセス日": "last_activity_at", "PV数": "page_views",
        "セッション数": "web_visits", "CV数": "conversions", "リードソース": "lead_source",
        "キャンペーン": "campaign", "法人番号": "corporate_number", "会社URL": "domain", "担当営業": "owner",
        "MQL化日": "mql_at", "営業受入日": "sal_at", "SQL化日": "sql_at", "商談化日": "opportunity_at",
        "受注日": "won_at", "失注日": "lost_at", "不受理理由": "rejection_reason", "配信停止": "unsubscribed",
    }),
    "satori": ("satori", "leads", {
        "会社名": "company", "姓": "last_name", "名": "first_name", "メールアドレス": "email", "スコア": "score",
        "最終アクセス日時": "last_activity_at", "登録日時": "created_at", "部署": "department", "役職": "title",
    }),
    "generic_ja": ("generic_ja", "leads", {
        "企業名": "company", "名前": "full_name", "Eメール": "email", "部署名": "department", "社員数": "employees",
        "売上高": "annual_revenue", "業種": "industry", "ステータス": "lead_status", "登録日": "created_at",
        "法人番号": "corporate_number", "URL": "domain", "担当者": "owner", "流入元": "lead_source",
        "キャンペーン": "campaign",
    }),
    "activities_ja": ("generic_ja", "activities", {
        "メールアドレス": "email", "日時": "timestamp", "行動種別": "activity_type", "チャネル": "channel",
        "URL": "url", "キャンペーン": "campaign",
    }),
    "activities_en": ("generic", "activities", {
        "Email": "email", "Timestamp": "timestamp", "Activity Type": "activity_type", "Channel": "channel",
        "Page URL": "url", "Campaign": "campaign",
    }),
    "accounts_ja": ("generic_ja", "accounts", {
        "会社名": "company", "ドメイン": "domain", "法人番号": "corporate_number", "業種": "industry",
        "従業員数": "employees", "売上高（百万円）": "annual_revenue", "都道府県": "prefecture",
        "既存顧客": "is_customer", "ターゲット": "is_target", "ティア": "tier",
    }),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_golden_mapping(case: str) -> None:
    vendor, table, expected = GOLDEN[case]
    m = suggest_mapping(list(expected))
    assert (m.vendor, m.table) == (vendor, table)
    assert m.as_dict() == expected
    conf = dict(m.confidence)
    for header, canon in expected.items():
        assert (conf[header] > 0) == (canon is not None), header
    targets = [c for c in m.as_dict().values() if c]
    assert len(targets) == len(set(targets))


def test_exact_aliases_have_full_confidence_and_unit_headers_slightly_less() -> None:
    m = suggest_mapping(["会社名", "売上高（百万円）", "氏名"])
    conf = dict(m.confidence)
    assert conf["会社名"] == 1.0
    assert conf["売上高（百万円）"] == 0.95


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Emial Address", "email"),
        ("Compnay Name", "company"),
        ("メールアドレス ", "email"),
        ("ＥＭＡＩＬ", "email"),
        ("job_title", "title"),
    ],
)
def test_near_misses(header: str, canonical: str) -> None:
    m = suggest_mapping([header, "Last Name"])
    assert m.as_dict()[header] == canonical
    assert 0 < dict(m.confidence)[header] <= 1.0


def test_fuzzy_matches_are_less_confident_than_exact() -> None:
    conf = dict(suggest_mapping(["Emial Address", "Last Name"]).confidence)
    assert 0.5 < conf["Emial Address"] < 0.9
    assert conf["Last Name"] == 1.0


def test_unknown_headers_are_ignored() -> None:
    m = suggest_mapping(["会社名", "社内メモ", "xyz"])
    assert m.as_dict() == {"会社名": "company", "社内メモ": None, "xyz": None}


def test_never_two_raw_columns_on_one_canonical_column() -> None:
    m = suggest_mapping(["会社名", "企業名", "氏名"])
    assert m.as_dict() == {"会社名": "company", "企業名": None, "氏名": "full_name"}
    assert m.dropped == (("企業名", "company"),)


def test_better_confidence_wins_a_canonical_column() -> None:
    m = suggest_mapping(["Compnay", "Company", "Email"])
    assert m.as_dict()["Company"] == "company"
    assert m.as_dict()["Compnay"] is None


def test_table_can_be_forced() -> None:
    m = suggest_mapping(["会社名", "メールアドレス", "日時"], table="activities")
    assert m.table == "activities"
    # activities keep their company since #13 (an activity with no person reaches its account)
    assert m.as_dict() == {"会社名": "company", "メールアドレス": "email", "日時": "timestamp"}
    with pytest.raises(MoriError):
        suggest_mapping(["a"], table="nope")


def test_signature_ignores_order_and_spelling_variants() -> None:
    assert header_signature(["会社名", "Email"]) == header_signature(["EMAIL", "会社名 "])
    assert header_signature(["会社名"]) != header_signature(["会社名", "Email"])


def test_saved_mapping_wins_on_signature() -> None:
    custom = suggest_mapping(["会社名", "独自スコア"]).with_column("独自スコア", "score")
    again = suggest_mapping(["独自スコア", "会社名"], saved=[custom])
    assert again.as_dict() == {"独自スコア": "score", "会社名": "company"}
    assert dict(again.confidence) == {"独自スコア": 1.0, "会社名": 1.0}


def test_saved_mapping_that_covers_the_headers_wins() -> None:
    custom = suggest_mapping(["会社名", "独自スコア", "メモ"]).with_column("独自スコア", "score")
    again = suggest_mapping(["会社名", "独自スコア"], saved=[custom])
    assert again.as_dict() == {"会社名": "company", "独自スコア": "score"}
    other = suggest_mapping(["会社名", "別の列"], saved=[custom])
    assert other.as_dict()["別の列"] is None


def test_with_column_moves_a_canonical_column() -> None:
    m = suggest_mapping(["会社名", "企業名"]).with_column("企業名", "company")
    assert m.as_dict() == {"会社名": None, "企業名": "company"}


def test_to_dict_round_trip() -> None:
    m = suggest_mapping(list(GOLDEN["bownow"][2]))
    d = m.to_dict()
    assert ColumnMapping.from_dict(d) == m
    assert mappings_from_section(mappings_to_section([m])) == (m,)
    assert mappings_from_section(None) == ()


@pytest.mark.parametrize(
    ("patch", "key", "path"),
    [
        ({"table": "nope"}, "config.err.choice", "table"),
        ({"vendor": "excel"}, "config.err.choice", "vendor"),
        ({"columns": [["会社名", "no_such_column"]]}, "config.err.invalid", "columns"),
        ({"columns": [["a", "company"], ["b", "company"]]}, "config.err.invalid", "columns"),
        ({"columns": [["a", "company"], ["a", None]]}, "config.err.duplicate", "columns"),
        ({"confidence": [["a", 1.5]]}, "config.err.range", "confidence[1][2]"),
        ({"columns": "oops"}, "config.err.not_list", "columns"),
        ({"columns": None}, "config.err.not_list", "columns"),
        ({"columns": [["a"]]}, "config.err.length", "columns[1]"),
        ({"columns": [["a", 5]]}, "config.err.not_text", "columns[1][2]"),
    ],
)
def test_from_dict_refuses_invalid(patch: dict, key: str, path: str) -> None:
    d = suggest_mapping(["会社名", "氏名"]).to_dict() | patch
    with pytest.raises(MoriError) as info:
        ColumnMapping.from_dict(d)
    assert (info.value.key, info.value.params["key"]) == (key, path)
    assert info.value.params["section"] == "column_mappings"


def test_from_dict_missing_key() -> None:
    with pytest.raises(MoriError) as info:
        ColumnMapping.from_dict({"vendor": "generic"})
    assert (info.value.key, info.value.params["key"]) == ("config.err.missing", "table")


def test_saved_mapping_without_signature_gets_its_own() -> None:
    m = suggest_mapping(["会社名", "氏名"])
    d = m.to_dict()
    del d["signature"]
    assert ColumnMapping.from_dict(d) == m
    with pytest.raises(MoriError) as info:
        mappings_from_section({"mappings": 5})
    assert info.value.params["key"] == "mappings"


def test_suggest_from_raw_table() -> None:
    from abm.ingest import read_table

    raw = read_table("会社名,氏名\nA,B\n".encode(), "x.csv")
    assert suggest_mapping(raw).as_dict() == {"会社名": "company", "氏名": "full_name"}


@given(st.text(max_size=30))
def test_normalise_header_is_idempotent(text: str) -> None:
    once = normalise_header(text)
    assert normalise_header(once) == once


@given(
    st.lists(
        st.sampled_from(
            [
                "会社名",
                "氏名",
                "メール",
                "Email",
                "Company",
                "金額",
                "フェーズ",
                "日時",
                "x",
                "会社名",
            ]
        ),
        max_size=8,
    )
)
def test_suggest_never_maps_twice_and_keeps_header_order(headers: list[str]) -> None:
    m = suggest_mapping(headers)
    assert [h for h, _ in m.columns] == headers or len(set(headers)) != len(headers)
    targets = [c for c in m.as_dict().values() if c]
    assert len(targets) == len(set(targets))
    assert all(0.0 <= c <= 1.0 for _, c in m.confidence)


def test_a_suggestion_saved_at_an_upload_gives_way_to_a_report_recognised_today():
    """Until 2026-12-05 every upload saved its suggestion: a campaign-member report saved as
    leads must be read as today's rules read it; a mapping the user applied still wins."""
    import dataclasses

    headers = ["キャンペーン名", "種別", "メンバー状況", "応答済み", "初回応答日", "取引先責任者 ID",
               "姓", "名", "会社名・取引先", "メール"]  # fmt: skip
    old = suggest_mapping(headers, table="leads")  # what an older version saved
    assert old.table == "leads" and not old.confirmed
    assert suggest_mapping(headers, saved=[old]).table == "activities"
    applied = dataclasses.replace(old, confirmed=True)
    assert suggest_mapping(headers, saved=[applied]).table == "leads"
    # a layout no report type fits keeps its saved suggestion
    plain = ["会社名", "氏名", "独自スコア"]
    mine = suggest_mapping(plain).with_column("独自スコア", "score")
    assert dict(suggest_mapping(plain, saved=[mine]).columns)["独自スコア"] == "score"
    # the flag survives the workspace file
    assert mappings_from_section(mappings_to_section([applied]))[0].confirmed


@pytest.mark.parametrize(
    "headers",
    [
        ["Opportunity Name", "Account Name", "Partner", "Role", "Primary"],
        ["商談名", "取引先名", "パートナー", "役割", "主"],
    ],
)
def test_a_partner_reports_primary_flag_is_not_a_contacts(headers: list[str]) -> None:
    """Beside a partner column, ``Primary`` / ``主`` marks the primary partner, not the
    deal's primary contact: left unmapped, like the partner's role."""
    m = suggest_mapping(headers)
    assert "is_primary" not in m.as_dict().values()
    assert "buying_role" not in m.as_dict().values()


def test_the_primary_contacts_name_and_email_stay_the_contacts() -> None:
    m = suggest_mapping(["商談名", "取引先名", "主担当者", "主担当者メール", "フェーズ", "金額"])
    assert m.as_dict()["主担当者"] == "contact_name"
    assert m.as_dict()["主担当者メール"] == "email"
