"""Access and action logs (BowNow's アクセスログ, SATORI's アクション履歴): read as activities.

Before, a BowNow access log (visit time, e-mail, company, name, page title, URL; no kind
column) was read as a lead export: every visit a person, the visited page their company's
domain (overwriting the real one when merged), no engagement at all.
"""

from __future__ import annotations

import collections

import pandas as pd

from abm.core.activities import ACTIVITY_KINDS, activity_kind_codes
from abm.ingest import load_files, read_table, suggest_mapping
from abm.ingest.derive import implied_columns
from abm.pipeline import prepare

LEADS = (
    "会社名,氏名,メールアドレス,役職,URL,最終アクセス日時\n"
    "丸の内キャピタル株式会社,中村 裕子,yuko@marunouchi-cap.example.jp,部長,https://marunouchi-cap.example.jp/,2025/01/03 10:00\n"
    "田中印刷株式会社,田中 一郎,ichiro@tanaka-print.example.jp,課長,https://tanaka-print.example.jp/,2025/01/02 09:00\n"
)
ACCESS = (
    "検索条件：期間＝2025/01/01～2025/03/31\n"
    "アクセス日時,メールアドレス,会社・組織名,氏名,ページタイトル,URL,セッションID\n"
    "2025/01/01 9:00,yuko@marunouchi-cap.example.jp,丸の内キャピタル株式会社,中村 裕子,トップ,https://www.our-product.example.jp/,s1\n"
    "2025/01/02 9:00,yuko@marunouchi-cap.example.jp,丸の内キャピタル株式会社,中村 裕子,料金,https://www.our-product.example.jp/pricing/,s2\n"
    "2025/01/03 9:00,ichiro@tanaka-print.example.jp,田中印刷株式会社,田中 一郎,事例,https://www.our-product.example.jp/case/,s3\n"
    "2025/01/04 9:00,,不明な会社株式会社,,トップ,https://www.our-product.example.jp/,s4\n"
)
ACTIONS = (
    "日時,カスタマーID,メールアドレス,アクション,ページタイトル,URL,セッションID\n"
    "2025/02/01 10:00:00,C1,yuko@marunouchi-cap.example.jp,ページ閲覧,料金,https://www.our-product.example.jp/pricing/,1\n"
    "2025/02/02 10:00:00,C2,ichiro@tanaka-print.example.jp,フォーム送信,資料請求,https://www.our-product.example.jp/form/,2\n"
)


def _load(log_name: str, log: str):
    files = [("leads.csv", LEADS.encode("cp932")), (log_name, log.encode("cp932"))]
    ds, errors = load_files(files)
    assert not errors
    return ds, next(s for s in ds.sources if s.file == log_name)


def test_a_bownow_access_log_is_visits_of_the_leads_not_new_leads():
    ds, src = _load("access.csv", ACCESS)
    assert src.table == "activities"
    assert src.mapping["アクセス日時"] == "timestamp" and src.mapping["URL"] == "url"
    assert src.mapping["会社・組織名"] == "company" and src.mapping["氏名"] == "contact_name"
    assert len(ds.leads) == 2 and len(ds.activities) == 4
    assert src.links["email"] == 3 and src.links["pending"] == 1  # the anonymous visit
    a = ds.activities
    kinds = collections.Counter(
        ACTIVITY_KINDS[k]
        for k in activity_kind_codes(pd.Series(pd.NA, index=a.index, dtype="string"), a["url"])
    )
    assert kinds["pricing_page"] == 1
    alone, _ = load_files([("leads.csv", LEADS.encode("cp932"))])
    cols = ["lead_id", "company", "email"] + [c for c in ("domain",) if c in alone.leads]
    assert prepare(ds).dataset.leads[cols].equals(prepare(alone).dataset.leads[cols])


#: BowNow's access log as QA-Q downloaded it: a lead id, the page's URL and title, the
#: referrer and the session; a visitor known only by IP has no lead, name nor e-mail.
BOWNOW_LOG = (
    "アクセス日時,リードID,会社・組織名,氏名,メールアドレス,ページタイトル,ページURL,参照元,セッションID\n"
    "2025/01/05 10:00:00,L1,丸の内キャピタル株式会社,中村 裕子,yuko@marunouchi-cap.example.jp,料金,"
    "https://www.our-product.example.jp/pricing/,google,S1\n"
    "2025/01/05 10:01:00,L1,丸の内キャピタル株式会社,中村 裕子,yuko@marunouchi-cap.example.jp,事例,"
    "https://www.our-product.example.jp/case/,(direct),S1\n"
    "2025/01/06 11:00:00,,田中印刷株式会社,,,トップ,https://www.our-product.example.jp/,(direct),S2\n"
)


def test_bownows_access_log_is_bownows_page_views_with_no_kind_to_map():
    raw = read_table(BOWNOW_LOG.encode("cp932"), "access.csv")
    mapping = suggest_mapping(raw)
    # it was said to be Salesforce's (リードID), its kind a required field "not mapped"
    assert (mapping.vendor, mapping.report, mapping.table) == (
        "bownow",
        "bownow.access_log",
        "activities",
    )
    assert mapping.origin == "marketing" and implied_columns(raw, mapping) == {"activity_type"}
    assert dict(mapping.columns)["ページURL"] == "url"
    ds, src = _load("access.csv", BOWNOW_LOG)
    a = ds.activities
    assert len(a) == 3 and set(a["activity_type"]) == {"Webアクセス"}
    kinds = [ACTIVITY_KINDS[k] for k in activity_kind_codes(a["activity_type"], a["url"])]
    assert sorted(kinds) == ["page_view", "page_view", "pricing_page"]
    assert src.links["email"] == 2 and src.links["pending"] == 1  # the IP-only visit
    # the lead export's own columns still make a lead export
    assert suggest_mapping(read_table(LEADS.encode("cp932"), "leads.csv")).table == "leads"


def test_a_satori_action_log_is_activities_with_their_kinds():
    ds, src = _load("actions.csv", ACTIONS)
    assert src.table == "activities"
    assert src.mapping["アクション"] == "activity_type" and src.mapping["カスタマーID"] == "lead_id"
    assert src.links["email"] == 2 and len(ds.leads) == 2


def test_a_lead_export_with_a_last_access_time_and_a_website_stays_leads():
    raw = read_table(LEADS.encode("cp932"), "leads.csv")
    mapping = suggest_mapping(raw)
    assert mapping.table == "leads"
    assert dict(mapping.columns)["最終アクセス日時"] == "last_activity_at"


def test_a_lead_list_with_a_sales_visit_date_and_a_website_stays_leads():
    text = "会社名,氏名,メールアドレス,訪問日時,URL\n北斗,小林 亮,ryo@hokuto.example.jp,2025/01/01 10:00,https://hokuto.example.jp/\n"
    mapping = suggest_mapping(read_table(text.encode("utf-8"), "visits.csv"))
    assert mapping.table == "leads"


CALLS = (
    "Record ID,Call Title,Activity date,Activity assigned to,Call outcome,Call direction,"
    "Associated Contact,Associated Company\n"
    "61000000000,Call with Ryo Kobayashi,2024-04-01 09:00,Kenichi Harada,Connected,Outbound,"
    'Ryo Kobayashi,"Hokuto Systems Co., Ltd."\n'
    "61000000017,Call with Takuya Yamazaki,2024-05-02 10:07,Yuto Murakami,No answer,Outbound,"
    'Takuya Yamazaki,"Toho Seiki Kogyo Co., Ltd."\n'
)
EMAILS = (
    "Record ID,Email subject,Activity date,Activity assigned to,Email direction,Email send status,"
    "Associated Contact IDs,Associated Contact,Associated Company\n"
    "63000000000,Re: proposal,2024-04-03 10:00,Kenichi Harada,Email sent from CRM,Sent,"
    '51000000000,Ryo Kobayashi,"Hokuto Systems Co., Ltd."\n'
)


def test_hubspot_call_and_email_exports_are_sales_touches_of_their_contacts():
    """HubSpot exports calls, meetings and e-mails one kind per file, without a type
    column: before, a calls export was read as contacts (or, short, as 30 open deals)."""
    from pathlib import Path

    contacts = (
        Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "hubspot_contacts_en.csv"
    )
    files = [
        ("contacts.csv", contacts.read_bytes()),
        ("calls.csv", CALLS.encode("utf-8")),
        ("emails.csv", EMAILS.encode("utf-8")),
    ]
    ds, errors = load_files(files)
    assert not errors
    by_file = {s.file: s for s in ds.sources}
    for name, report in (("calls.csv", "hubspot.calls"), ("emails.csv", "hubspot.emails")):
        assert by_file[name].table == "activities"
        assert "Record ID" not in {h for h, c in by_file[name].mapping.items() if c}
        data = dict(files)[name]
        assert suggest_mapping(read_table(data, name)).report == report
    assert ds.opportunities is None
    acts = prepare(ds).dataset.activities
    kinds = [
        ACTIVITY_KINDS[k]
        for k in activity_kind_codes(acts["activity_type"], acts.get("url"), acts["origin"])
    ]
    assert sorted(kinds) == ["call", "call", "sales_email"]
    assert acts["lead_id"].notna().all()  # calls by contact name + company, the e-mail by id
    assert sorted(acts["link_rule"]) == ["id", "name_account", "name_account"]


def test_a_hubspot_export_of_shared_columns_only_gets_no_kind():
    """Record ID, Activity date, Activity assigned to, Associated Contact/Company: a notes
    or tasks export as much as an e-mails one — its rows are not made sales e-mails."""
    text = (
        "Record ID,Activity date,Activity assigned to,Associated Contact,Associated Company\n"
        '64000000000,2024-04-01 10:00,Kenichi Harada,Ryo Kobayashi,"Hokuto Systems Co., Ltd."\n'
    )
    ds, errors = load_files([("notes.csv", text.encode("utf-8"))])
    assert not errors
    acts = ds.activities
    assert "activity_type" not in acts.columns or acts["activity_type"].isna().all()


def test_a_one_kind_export_implies_its_activity_type_so_none_is_missing():
    """The Data page warns about required fields a file does not map; a HubSpot calls
    export gives every row its kind without a type column, so nothing is missing."""
    from abm.ingest.derive import implied_columns

    calls = read_table(CALLS.encode("utf-8"), "calls.csv")
    assert implied_columns(calls, suggest_mapping(calls)) == {"activity_type"}
    # an access log's rows are page views (BowNow's: QA-Q was told its kind was not mapped)
    log = read_table(ACCESS.encode("cp932"), "access.csv")
    assert implied_columns(log, suggest_mapping(log)) == {"activity_type"}
    typed = read_table(ACTIONS.encode("cp932"), "actions.csv")  # a kind column of its own
    assert implied_columns(typed, suggest_mapping(typed)) == frozenset()
