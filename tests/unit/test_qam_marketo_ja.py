"""QA-M: Marketo Engage exports with the Japanese UI's headers, Marketo's activity types, and
Salesforce's default Japanese phases."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.core.activities import activity_kind_of
from abm.core.phases import PhaseVocabulary
from abm.ingest import load_files, read_table, suggest_mapping
from abm.ingest.detect import detect

#: The activity log as QA-M exported it (Japanese UI headers), a few rows of each type.
_LOG = (
    "活動 ID,リード ID,活動日,活動タイプ,主な属性値,キャンペーン名\n"
    "5000000,900207,2025/12/01 01:10:39,Webページを訪問,/products/linear-guide,\n"
    "5000001,900241,2025/12/02 00:49:40,メールを開封,2026年3月ニュースレター,OP-2026年3月ニュー\n"
    "5000002,900346,2025/12/02 01:26:33,メール内のリンクをクリック,2026年3月ニュースレター,"
    "OP-2026年3月ニュー\n"
    "5000003,900335,2025/12/03 02:17:25,イベントに参加,DXセミナー2026,OP-DXセミナー\n"
    "5000004,102684,2025/12/05 12:49:39,メールを配信,2026年3月ニュースレター,OP-2026年3月ニュー\n"
    "5000005,102684,2025/12/05 12:49:38,メールを送信,2026年3月ニュースレター,OP-2026年3月ニュー\n"
    "5000006,100263,2025/12/06 03:34:45,Webページを訪問,/pricing,\n"
    "5000007,100351,2025/12/07 00:39:39,フォームに記入,LP - 資料ダウンロード,OP-資料\n"
    "5000008,100351,2025/12/07 00:40:00,メールを送信,新製品リニアアクチュエータのご案内,OP-新製品\n"
)
#: The smart list of people as QA-M exported it (Japanese UI, UTF-8 with a BOM).
_LEADS = (
    "ID,名,姓,メール アドレス,会社名,役職,部署,電話番号,業種,従業員数,年間売上,都道府県,"
    "リード ソース,リード ステータス,リード スコア,作成日時,更新日時,配信停止\n"
    "900207,由美,小川,yumi.ogawa@n-sharyo.co.jp,日本車輌製造,,購買部,092-3645-1125,化学,3375,,"
    "愛知県,資料ダウンロード,ナーチャリング,65,2026/05/27 01:25,2026/06/18 01:25,FALSE\n"
    "102684,陽子,阿部,yoko.abe@jfe-steel.com,JFEスチール株式会社,主任,生産技術部,,製造業,,,"
    "広島県,展示会,商談化,195,2025/12/20 09:59,2025/12/21 09:59,FALSE\n"
)


def _kinds(types: list[str | None], details: list[str | None], origin: str | None) -> list[str]:
    n = len(types)
    return activity_kind_of(
        pd.Series(types, dtype="object"),
        pd.Series(details, dtype="object"),
        pd.Series([origin] * n, dtype="object"),
    ).tolist()


# Marketo's activity types (Get Activity Types) and the Japanese UI's names: what the
# person did scores, what the tool did (sent, delivered, changed, synced) is ``other``
_MARKETO = [
    ("Visit Webpage", "Webページを訪問", "/blog/iot", "page_view"),
    ("Visit Webpage", "Web ページを訪問", "www.x.co.jp/pricing", "pricing_page"),
    ("Fill Out Form", "フォームに記入", "LP - Request a Demo", "demo_request"),
    ("Fill Out Form", "フォームに記入", "展示会アンケート", "form"),
    ("Click Link", "リンクをクリック", "/products", "page_view"),
    ("Open Email", "メールを開封", "3月号ニュースレター", "email_open"),
    ("Click Email", "メール内のリンクをクリック", "3月号ニュースレター", "email_click"),
    ("Attend Event", "イベントに参加", "DXセミナー", "event"),
    ("Unsubscribe Email", "メールの配信停止", "3月号ニュースレター", "unsubscribe"),
    ("Send Email", "メールを送信", "3月号ニュースレター", "other"),
    ("Email Delivered", "メールを配信", "3月号ニュースレター", "other"),
    ("Email Bounced", "メールがバウンス", "3月号ニュースレター", "other"),
    ("Email Bounced Soft", "メールがソフトバウンス", "3月号ニュースレター", "other"),
    ("Change Data Value", "データ値を変更", "Lead Status", "other"),
    ("Change Score", "スコアを変更", "Behavior Score", "other"),
    ("Interesting Moment", "興味深い瞬間", "Web: 料金ページ", "other"),
    ("Add to List", "リストに追加", "展示会来場者リスト", "other"),
    ("Remove from List", "リストから削除", "展示会来場者リスト", "other"),
    ("Change Status in Progression", "進行状況のステータスを変更", "2026 ウェビナー", "other"),
    ("Sync Lead to SFDC", "SFDC にリードを同期", "", "other"),
    ("New Lead", "新規リード", "展示会来場者リスト", "other"),
    ("Change Owner", "所有者を変更", "山田 太郎", "other"),
    ("Send Alert", "アラートを送信", "MQL Alert", "other"),
    ("Request Campaign", "キャンペーンをリクエスト", "Sales Insight", "other"),
    ("Add to Nurture", "ナーチャリングに追加", "Nurture 2026", "other"),
    ("Change Revenue Stage", "収益ステージを変更", "MQL", "other"),
]


@pytest.mark.parametrize(("english", "japanese", "detail", "kind"), _MARKETO)
def test_marketos_activity_types_english_and_japanese(english, japanese, detail, kind):
    """QA-M: メールを送信 / メールを配信 with the e-mail's name as detail were page views: every
    newsletter recipient earned page-view points."""
    for origin in ("marketing", None):
        got = _kinds([english, japanese], [detail or None] * 2, origin)
        assert got == [kind, kind], (english, japanese, origin)


def test_a_send_or_a_change_is_no_page_view_whatever_its_detail():
    types = ["Send Email", "メールを配信", "データ値を変更", "Sync Lead to SFDC", "Change Score"]
    for detail in ("/pricing", "https://x.co.jp/demo", "3月号", None):
        assert set(_kinds(types, [detail] * len(types), "marketing")) == {"other"}, detail


def test_a_type_no_rule_knows_is_a_page_view_only_with_a_page():
    types = ["Watched Video", "Watched Video", "Watched Video", None, "File"]
    details = ["製品紹介動画", "/videos/intro", "https://x.co.jp/a.html", "/blog/a", "カタログ.pdf"]
    assert _kinds(types, details, "marketing") == [
        "other", "page_view", "page_view", "page_view", "download",
    ]  # fmt: skip


def test_marketos_bulk_extract_type_ids_are_its_activity_types():
    """The Bulk Activity Extract writes activityTypeId only: 6 (Send Email) was a page view too."""
    ids = ["1", "2", "3", "6", "7", "10", "11", "12", "13", "22", "9", "999999"]
    details = ["/ja/products", "資料請求フォーム", "/ja/products/crm", "6月ウェビナー案内.Email",
               "6月ウェビナー案内.Email", "6月ウェビナー案内.Email", "6月ウェビナー案内.Email", None,
               "Lead Status", "Behavior Score", "6月ウェビナー案内.Email", "Custom"]  # fmt: skip
    assert _kinds(ids, details, "marketing") == [
        "page_view", "download", "page_view", "other", "other", "email_open", "email_click",
        "other", "other", "other", "unsubscribe", "other",
    ]  # fmt: skip
    # a number is Marketo's id only in a marketing log: elsewhere it names nothing
    assert _kinds(["6", "2"], ["/pricing", "form"], None) == ["pricing_page", "other"]


@pytest.mark.parametrize(
    ("activity_type", "detail", "origin", "kind"),
    [
        # Salesforce's Japanese activity report: 訪問 is a sales visit, メール a rep's e-mail
        ("訪問", None, "sales", "visit"),
        ("メール", None, "sales", "sales_email"),
        ("電話", None, "sales", "call"),
        ("商談", None, "sales", "meeting"),
        ("メール: 資料送付", None, "sales", "sales_email"),
        # an MA log's words that share one with a send
        ("フォーム送信", "/demo", None, "demo_request"),
        ("フォーム送信", None, "marketing", "form"),
        ("メール配信停止", None, None, "unsubscribe"),
        ("メールクリック", None, None, "email_click"),
        ("Email Open", "月刊ニュースレター", "marketing", "email_open"),
        ("Form Success", "資料請求", "marketing", "download"),
        ("Form Success", "展示会アンケート", "marketing", "form"),
        ("File Access", "製品カタログ.pdf", "marketing", "download"),
        ("ウェビナー参加", None, None, "webinar"),
        ("Logged Call", None, None, "call"),
        # Marketo's "Call Webhook" is no phone call
        ("Call Webhook", None, None, "other"),
        ("Send Sales Email", None, None, "sales_email"),
    ],
)
def test_other_tools_kinds_are_unchanged(activity_type, detail, origin, kind):
    assert _kinds([activity_type], [detail], origin) == [kind]


def test_the_japanese_activity_log_is_marketos_activities_mapped():
    """QA-M: read as 43,284 leads of Salesforce; as activities, 活動日 and 活動タイプ unmapped."""
    headers = ["活動 ID", "リード ID", "活動日", "活動タイプ", "主な属性値", "キャンペーン名"]
    expected = {
        "活動 ID": None, "リード ID": "lead_id", "活動日": "timestamp",
        "活動タイプ": "activity_type", "主な属性値": "url", "キャンペーン名": "campaign",
    }  # fmt: skip
    m = suggest_mapping(read_table(_LOG.encode(), "marketo_activity_log.csv"))
    assert (m.vendor, m.report, m.table, m.origin) == (
        "marketo", "marketo.activities", "activities", "marketing",
    )  # fmt: skip
    assert dict(m.columns) == expected
    # the columns a log may add; the detail is the primary attribute where both are there
    wide = suggest_mapping([*headers, "主な属性値 ID", "副次的な属性値", "詳細"])
    assert (wide.vendor, wide.table) == ("marketo", "activities")
    assert {h: c for h, c in wide.columns if c} == {h: c for h, c in expected.items() if c}
    for short in (headers[2:5], headers[1:4], [h for h in headers if h != "活動タイプ"]):
        assert detect(short).report == "marketo.activities", short
    # the kind forced by hand on a file read as another tool's still maps the date and type
    forced = dict(
        suggest_mapping(["リード ID", "活動日", "活動タイプ"], table="activities").columns
    )
    assert forced["活動日"] == "timestamp" and forced["活動タイプ"] == "activity_type"


def test_the_japanese_log_loads_as_activities_whose_sends_score_nothing():
    ds, errors = load_files(
        [
            ("marketo_activity_log.csv", _LOG.encode()),
            ("marketo_leads.csv", _LEADS.encode("utf-8-sig")),
        ]
    )
    assert errors == ()
    assert len(ds.leads) == 2 and ds.activities is not None and len(ds.activities) == 9
    acts = ds.activities
    kinds = activity_kind_of(acts["activity_type"], acts["url"], acts["origin"])
    assert kinds.value_counts().to_dict() == {
        "other": 3, "page_view": 1, "pricing_page": 1, "email_open": 1, "email_click": 1,
        "event": 1, "download": 1,
    }  # fmt: skip
    sent = acts["activity_type"].isin(["メールを送信", "メールを配信"]).to_numpy()
    assert set(kinds[sent]) == {"other"}


def test_the_japanese_lead_list_is_marketos():
    """QA-M: the smart list's columns mapped, but its tool was Salesforce."""
    m = suggest_mapping(read_table(_LEADS.encode("utf-8-sig"), "marketo_leads_smartlist.csv"))
    assert (m.vendor, m.report, m.table) == ("marketo", "marketo.leads", "leads")
    cols = dict(m.columns)
    assert cols["ID"] == "lead_id" and cols["メール アドレス"] == "email"
    assert cols["リード スコア"] == "score" and cols["配信停止"] == "unsubscribed"
    assert cols["リード ソース"] == "lead_source" and cols["リード ステータス"] == "lead_status"
    assert cols["作成日時"] == "created_at" and cols["名"] == "first_name"
    headers = _LEADS.splitlines()[0].split(",")
    for gone in headers:  # any one column missing: still Marketo's
        assert detect([h for h in headers if h != gone]).vendor == "marketo", gone
    # Salesforce's own Japanese lead report stays Salesforce's
    sf = [
        "リード 所有者",
        "姓",
        "名",
        "会社名",
        "役職",
        "メール",
        "電話",
        "リードソース",
        "リード状況",
    ]
    assert detect(sf).report == "salesforce.report_leads"


@pytest.mark.parametrize(
    ("phase", "outcome"),
    [
        ("見込み客", "open"), ("評価", "open"), ("ニーズ分析", "open"), ("価値提案", "open"),
        ("意思決定者の特定", "open"), ("認識分析", "open"), ("提案/見積", "open"),
        ("交渉/レビュー", "open"), ("成立", "won"), ("不成立", "lost"),
        ("Prospecting", "open"), ("Qualification", "open"), ("Needs Analysis", "open"),
        ("Value Proposition", "open"), ("Id. Decision Makers", "open"),
        ("Perception Analysis", "open"), ("Proposal/Price Quote", "open"),
        ("Negotiation/Review", "open"), ("Closed Won", "won"), ("Closed Lost", "lost"),
    ],
)  # fmt: skip
def test_salesforces_default_phases_are_known(phase, outcome):
    """QA-M: 価値提案 (Value Proposition) was a phase Mori did not know on 20 rows."""
    assert PhaseVocabulary().outcome_of(phase) == outcome
