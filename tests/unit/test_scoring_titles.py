"""Golden tables: industries, regions, free mail, account keys, activity kinds (titles: test_core_titles)."""

import pandas as pd

from abm.scoring import activity_kind_of  # the re-export of abm.core.activities
from abm.scoring.vocab import account_key, industry_of, is_free_mail, region_of


def test_scoring_reads_the_one_title_vocabulary():
    """Seniority and department goldens live in test_core_titles.py; scoring re-exports them."""
    import abm.core.titles as core
    import abm.scoring as sc

    assert sc.seniority_of is core.seniority_of and sc.department_of is core.department_of
    assert sc.SENIORITIES is core.SENIORITIES and sc.DEPARTMENTS is core.DEPARTMENTS


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


def test_account_key_is_the_one_account_key_else_the_row():
    leads = pd.DataFrame(
        {
            "company": ["株式会社ABC", "ABC株式会社", "(株)ＡＢＣ", None, "XYZ Co., Ltd."],
            "email": ["x@gmail.com", None, "y@abc.co.jp", None, None],
            "account_id": [None, None, None, None, "A1"],
        },
        dtype="str",
    )
    # no e-mail-domain fallback: the account is 名寄せ's (abm.core.keys.account_key)
    assert account_key(leads).tolist() == ["co:abc", "co:abc", "co:abc", "row:3", "A1"]


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
