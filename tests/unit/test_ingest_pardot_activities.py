"""Account Engagement's visitor activities say the object and the action apart.

QA-S's export from the Japanese UI (プロスペクト ID, メール, タイプ, アクティビティ, 詳細,
キャンペーン, 作成日): タイプ was left unmapped, アクティビティ read as a date, and once タイプ was
mapped by hand every e-mail open and click was ``other`` (the kind read from one column).
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.core.activities import (
    ACTIVITY_KINDS,
    OBJECT_ACTION_KINDS,
    activity_kind_of,
    object_action_types,
)
from abm.ingest import apply_mapping, suggest_mapping
from abm.ingest.derive import implied_columns, read_headers
from abm.ingest.read import read_table

_JA = (
    "プロスペクト ID,メール,タイプ,アクティビティ,詳細,キャンペーン,作成日\n"
    "100527,a@aoba.co.jp,ページビュー,表示,https://www.x.co.jp/features/keihi,オーガニック,2025-06-01 08:19:04\n"
    "100527,a@aoba.co.jp,ページビュー,表示,https://www.x.co.jp/pricing/,オーガニック,2025-06-01 08:20:04\n"
    "101987,b@daito.co.jp,メール,メール開封,メルマガ 2025年6月号,メルマガ,2025-06-02 09:00:00\n"
    "101987,b@daito.co.jp,メール,クリック,メルマガ 2025年6月号 記事リンク,メルマガ,2025-06-02 09:01:00\n"
    "103467,c@taiyo.co.jp,フォーム,成功,お問い合わせフォーム,Web,2025-06-03 10:00:00\n"
    "103467,c@taiyo.co.jp,フォーム,成功,資料請求フォーム,Web,2025-06-03 10:05:00\n"
    "103467,c@taiyo.co.jp,ファイル,ダウンロード,製品パンフレット.pdf,Web,2025-06-03 10:06:00\n"
    "100471,d@sun.co.jp,ウェビナー,出席,ウェビナー: 個別相談会,ウェビナー,2025-06-04 15:00:00\n"
)
_KINDS_JA = [
    "page_view", "pricing_page", "email_open", "email_click", "demo_request", "download",
    "download", "webinar",
]  # fmt: skip


def _load(text: str, name: str):
    raw = read_table(text.encode("utf-8"), name)
    mapping = suggest_mapping(raw)
    return raw, mapping, *apply_mapping(raw, mapping)


def test_japanese_visitor_activities_are_account_engagement_activities_by_object_and_action():
    raw, m, frame, issues = _load(_JA, "pardot_visitor_activities.csv")
    assert (m.vendor, m.report, m.table, m.origin) == (
        "pardot", "pardot.visitor_activities", "activities", "marketing",
    )  # fmt: skip
    cols = dict(m.columns)
    assert cols["タイプ"] == "activity_type" and cols["作成日"] == "timestamp"
    assert cols["アクティビティ"] is None  # read beside the type, never as a date
    assert "アクティビティ" in read_headers(m)  # so no "not read" note for it
    assert "activity_type" in implied_columns(raw, m)
    kinds = activity_kind_of(frame["activity_type"], frame["url"], frame["origin"])
    assert kinds.tolist() == _KINDS_JA
    said = issues[issues["column"] == "アクティビティ"]  # read with タイプ, and said so
    assert said["message_key"].tolist() == ["ingest.issue.object_action"]
    assert said["count"].tolist() == [5]  # the e-mails, forms and file: views and webinars
    # say their kind by their タイプ alone
    assert frame["timestamp"].notna().all()


def test_english_type_and_type_name_read_together():
    text = (
        "Prospect ID,Type,Type Name,Details,Campaign,Created At\n"
        "1,Email,Open,June newsletter,News,2025-06-01 08:00:00\n"
        "1,Email,Click,June newsletter,News,2025-06-01 08:01:00\n"
        "1,Email,Sent,June newsletter,News,2025-06-01 07:00:00\n"
        "2,Form,Success,Contact us,Web,2025-06-02 10:00:00\n"
        "2,Form,View,https://x.com/contact,Web,2025-06-02 09:59:00\n"
        "3,Page View,View,https://x.com/pricing,Web,2025-06-03 10:00:00\n"
    )
    _, m, frame, _ = _load(text, "visitor_activities.csv")
    assert m.report == "pardot.visitor_activities"
    kinds = activity_kind_of(frame["activity_type"], frame["url"], frame["origin"]).tolist()
    assert kinds == ["email_open", "email_click", "other", "demo_request", "page_view",
                     "pricing_page"]  # fmt: skip


# golden table: (object, action) as the exports write them -> kind
_GOLDEN = [
    ("メール", "メール開封", "email_open"), ("メール", "開封", "email_open"),
    ("メール", "クリック", "email_click"), ("Email", "Open", "email_open"),
    ("Email", "Click", "email_click"), ("Email", "Sent", "other"),
    ("Email", "Bounced", "other"), ("Email", "Spam Complaint", "other"),
    ("Email", "Unsubscribe Page", "unsubscribe"), ("メール", "配信停止", "unsubscribe"),
    ("ページビュー", "表示", "page_view"), ("Page View", "View", "page_view"),
    ("Landing Page", "Success", "form"), ("フォーム", "成功", "form"),
    ("Form", "Error", "other"), ("Form", "View", "page_view"), ("Form Handler", "Success", "form"),
    ("ファイル", "ダウンロード", "download"), ("File", "View", "download"),
    ("File", "Click", "download"), ("ウェビナー", "出席", "webinar"),
    ("Webinar", "Attended Webinar", "webinar"), ("Webinar", "Registered for Webinar", "form"),
    ("Webinar", "Invited to Webinar", "other"), ("イベント", "出席", "event"),
    ("Event", "Event Checked In", "event"), ("Event", "Event Registered", "form"),
    ("Custom Redirect", "Click", "page_view"), ("Opportunity", "New Opportunity", "other"),
    ("Visitor", "Session", "other"),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_object_and_action_golden_table(lang: str):
    objects = pd.Series([o for o, _, _ in _GOLDEN])
    actions = pd.Series([a for _, a, _ in _GOLDEN])
    types = object_action_types(objects, actions, lang=lang)
    kinds = activity_kind_of(types, origin=pd.Series(["marketing"] * len(_GOLDEN)))
    assert list(zip(objects, actions, kinds, strict=True)) == [(o, a, k) for o, a, k in _GOLDEN]


def test_every_pair_kind_is_a_kind():
    assert set(OBJECT_ACTION_KINDS.values()) <= set(ACTIVITY_KINDS)


def test_an_unknown_pair_keeps_the_mapped_type():
    types = object_action_types(
        pd.Series(["12", "ページビュー"]),
        pd.Series(["Chat", "転送"]),
        pd.Series(["Olark Chat", None]),
    )
    assert types.tolist() == ["Olark Chat", "ページビュー 転送"]
