"""Golden tables: titles → seniority, departments, industries, regions, activity kinds."""

import pandas as pd
import pytest

from abm.scoring import activity_kind_of  # the re-export of abm.core.activities
from abm.scoring.titles import department_of, seniority_of
from abm.scoring.vocab import account_key, industry_of, is_free_mail, region_of

SENIORITY_GOLDEN = [
    ("代表取締役社長", "executive"),
    ("代表取締役", "executive"),
    ("取締役", "officer"),
    ("常務取締役", "officer"),
    ("執行役員", "officer"),
    ("副社長", "officer"),
    ("本部長", "head"),
    ("営業本部長", "head"),
    ("部長", "manager"),
    ("情報システム部 部長", "manager"),
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
    ("General Manager", "manager"),
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
]


@pytest.mark.parametrize(("title", "expected"), SENIORITY_GOLDEN)
def test_seniority_golden(title, expected):
    assert seniority_of(pd.Series([title], dtype="object")).iloc[0] == expected


def test_seniority_keeps_index_and_handles_repeats():
    s = pd.Series(["部長", None, "部長", "CEO"], index=[10, 11, 12, 13], dtype="str")
    out = seniority_of(s)
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out.tolist() == ["manager", "unknown", "manager", "executive"]


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
    ("xx", "other"),
    (None, "unknown"),
]


@pytest.mark.parametrize(("dept", "expected"), DEPARTMENT_GOLDEN)
def test_department_golden(dept, expected):
    assert department_of(pd.Series([dept], dtype="object")).iloc[0] == expected


def test_industry_region_free_mail():
    ind = [
        "製造業",
        "情報通信業",
        "Software",
        "金融・保険業",
        "建設業",
        "卸売業、小売業",
        None,
        "謎",
    ]
    assert industry_of(pd.Series(ind, dtype="object")).tolist() == [
        "manufacturing", "it_software", "it_software", "finance",
        "construction_real_estate", "retail_wholesale", "unknown", "other",
    ]  # fmt: skip
    pref = ["東京都", "大阪府", "Tokyo", "California", None, "北海道", "福岡県"]
    assert region_of(pd.Series(pref, dtype="object")).tolist() == [
        "kanto", "kinki", "kanto", "overseas", "unknown", "hokkaido", "kyushu_okinawa",
    ]  # fmt: skip
    mails = pd.Series(["a@gmail.com", "b@Example.co.jp", None, "c@YAHOO.CO.JP"], dtype="str")
    assert is_free_mail(mails).tolist() == [True, False, False, True]


def test_account_key_prefers_id_then_domain_then_company():
    leads = pd.DataFrame(
        {
            "company": ["株式会社ABC", "ABC株式会社", "(株)ＡＢＣ", None, "XYZ Co., Ltd."],
            "email": ["x@gmail.com", None, "y@abc.co.jp", None, None],
            "account_id": [None, None, None, None, "A1"],
        },
        dtype="str",
    )
    assert account_key(leads).tolist() == ["c:abc", "c:abc", "d:abc.co.jp", "r:3", "a:A1"]


ACTIVITY_GOLDEN = [
    ("ページ閲覧", None, "page_view"),
    ("料金ページ閲覧", None, "pricing_page"),
    ("資料ダウンロード", None, "download"),
    ("ウェビナー参加", None, "webinar"),
    ("展示会来場", None, "event"),
    ("メールクリック", None, "email_click"),
    ("メール開封", None, "email_open"),
    ("フォーム送信", None, "form"),
    ("デモ依頼", None, "demo_request"),
    ("お問い合わせ", None, "demo_request"),
    ("採用ページ閲覧", None, "careers_page"),
    ("配信停止", None, "unsubscribe"),
    ("Page View", "https://example.jp/pricing", "pricing_page"),
    ("Page View", "/careers/engineer", "careers_page"),
    ("Page View", "/blog/abm", "page_view"),
    ("Email Click", "https://example.jp/pricing", "email_click"),
    ("Form Submission", None, "form"),
    ("Form Submission", "/demo", "demo_request"),
    (None, "/pricing", "pricing_page"),
    ("Unsubscribe", None, "unsubscribe"),
    ("Webinar Attended", None, "webinar"),
    ("something", None, "other"),
    (None, None, "other"),
]


def test_activity_kind_golden():
    types = pd.Series([t for t, _, _ in ACTIVITY_GOLDEN], dtype="object")
    urls = pd.Series([u for _, u, _ in ACTIVITY_GOLDEN], dtype="object")
    assert activity_kind_of(types, urls).tolist() == [k for _, _, k in ACTIVITY_GOLDEN]


def test_activity_kind_without_url_and_categorical_input():
    types = pd.Series(pd.Categorical(["デモ依頼", "Page View", "デモ依頼"]))
    assert activity_kind_of(types).tolist() == ["demo_request", "page_view", "demo_request"]
