"""Salesforce campaign-member reports are campaign responses, not new leads (#13, QA).

Written from the "Campaigns with Campaign Members" report type's columns: one row per
member (a contact or a lead, each id in its own column), the member's status, whether it
responded and when first. Before, the report was read as leads: every invitation made a
person, and the response itself — the engagement — was lost.
"""

from __future__ import annotations

import pandas as pd

from abm.core.activities import activity_kind_of
from abm.ingest import load_files, read_table, suggest_mapping
from abm.pipeline import prepare

_JA = (
    "キャンペーン名,種別,メンバー状況,応答済み,初回応答日,メンバー種別,取引先責任者 ID,リード ID,"
    "姓,名,会社名・取引先,役職,メール,作成日\r\n"
    "2024年6月 製造業DXセミナー,セミナー / カンファレンス,出席,1,2024/06/20,取引先責任者,"
    "0035g0000OHq1el,,小林,亮,株式会社北斗システムズ,部長,ryo@hokuto-sys.co.jp,2024/06/01\r\n"
    "2024年6月 製造業DXセミナー,セミナー / カンファレンス,欠席,0,,リード,,00Q5g000001AbCd,"
    "佐藤,由美,株式会社みなと物流,課長,yumi@minato-logi.co.jp,2024/06/02\r\n"
    "メールマガジン 2024年7月号,メール,レスポンスあり,1,2024/07/10,取引先責任者,0035g00007IYRIg,,"
    "山崎,拓也,東邦精機工業株式会社,部長,,2024/07/01\r\n"
    "メールマガジン 2024年7月号,メール,送信済み,0,,取引先責任者,0035g00007IYRIg,,"
    "山崎,拓也,東邦精機工業株式会社,部長,,2024/07/01\r\n"
    "ホワイトペーパー: 製造業のデータ活用,Web,レスポンスあり,1,2024/08/05,リード,,00Q5g000001AbCd,"
    "佐藤,由美,株式会社みなと物流,課長,yumi@minato-logi.co.jp,2024/08/05\r\n"
)
_EN = (
    "Campaign Name,Type,Member Status,Responded,First Responded Date,Member Type,Contact ID,"
    "Lead ID,First Name,Last Name,Company / Account,Title,Email,Created Date\n"
    "Manufacturing DX Webinar,Webinar,Attended,1,2024-06-20,Contact,0035g0000OHq1el,,Ryo,"
    "Kobayashi,Hokuto Systems,Manager,ryo@hokuto-sys.co.jp,2024-06-01\n"
    "Manufacturing DX Webinar,Webinar,No Show,0,,Lead,,00Q5g000001AbCd,Yumi,Sato,"
    "Minato Logistics,Director,yumi@minato-logi.co.jp,2024-06-02\n"
)
_CONTACTS = (
    "取引先責任者 ID,姓,名,取引先: 取引先名,役職,メール,作成日\r\n"
    "0035g0000OHq1el,小林,亮,株式会社北斗システムズ,部長,ryo@hokuto-sys.co.jp,2024/01/10\r\n"
    "0035g00007IYRIg,山崎,拓也,東邦精機工業株式会社,部長,takuya@toho-seiki.co.jp,2024/02/10\r\n"
)
_LEADS = (
    "リード ID,姓,名,会社名・取引先,役職,メール,作成日\r\n"
    "00Q5g000001AbCd,佐藤,由美,株式会社みなと物流,課長,yumi@minato-logi.co.jp,2024/05/01\r\n"
)


def _mapping(text: str, name: str):
    return suggest_mapping(read_table(text.encode("cp932"), name))


def test_a_campaign_member_report_is_marketing_activities_in_both_languages():
    for text, name in ((_JA, "キャンペーンメンバー.csv"), (_EN, "campaign_members.csv")):
        m = _mapping(text, name)
        assert (m.table, m.report, m.origin) == (
            "activities",
            "salesforce.campaign_members",
            "marketing",
        )
        cols = dict(m.columns)
        want = {"timestamp", "status", "campaign", "activity_type", "company", "email", "lead_id"}
        assert want <= set(cols.values()), cols
    ja = dict(_mapping(_JA, "m.csv").columns)
    assert (ja["初回応答日"], ja["メンバー状況"], ja["種別"]) == (
        "timestamp",
        "status",
        "activity_type",
    )


def test_each_member_is_its_contact_or_lead_and_only_a_response_is_an_activity():
    ds, errors = load_files([("members.csv", _JA.encode("cp932"))])
    assert not errors and ds.leads.empty  # an invitation makes no person
    acts = ds.activities
    # the two members who did not respond (欠席, 送信済み: lines 3 and 5) are no activity:
    # left out and said, so no page counts them as engagement or as a last touch
    assert acts["source_row"].tolist() == [2, 4, 6]
    issues = ds.sources[0].issues.set_index("check")
    assert (issues.loc["no_response", "count"], issues.loc["no_response", "row"]) == (2, 3)
    assert issues.loc["no_response", "column"] == "メンバー状況"
    assert ds.sources[0].rows == 3
    # the member's id from whichever column holds it (a contact's, else a lead's)
    assert acts["lead_id"].tolist() == ["0035g0000OHq1el", "0035g00007IYRIg", "00Q5g000001AbCd"]
    assert acts["contact_name"].tolist() == ["小林 亮", "山崎 拓也", "佐藤 由美"]
    # dated by the first response
    days = acts["timestamp"].dt.strftime("%Y-%m-%d").tolist()
    assert days == ["2024-06-20", "2024-07-10", "2024-08-05"]
    kinds = activity_kind_of(acts["activity_type"], acts.get("url"), acts["origin"]).tolist()
    assert kinds == ["event", "email_click", "download"]
    # a Japanese export's rows say what happened in Japanese (the tables show the type)
    assert acts["activity_type"].tolist() == ["イベント", "メールクリック", "資料ダウンロード"]
    assert acts["channel"].tolist() == ["セミナー / カンファレンス", "メール", "Web"]
    assert acts["status"].tolist()[0] == "出席"
    assert "duplicate_mapping" not in issues.index  # リード ID is read, not left out


def test_a_member_who_did_not_respond_adds_no_engagement():
    """The accounts roll-up: the invited-only contact has no engagement, no last activity."""
    from abm.accounts.rollup import rollup_accounts
    from abm.core.activities import ACTIVITY_KINDS, ENGAGEMENT_WEIGHTS

    files = [("contacts.csv", _CONTACTS.encode("cp932")), ("members.csv", _JA.encode("cp932"))]
    ds, _ = load_files(files)
    d = prepare(ds).dataset
    r = rollup_accounts(
        d.leads, activities=d.activities, as_of=pd.Timestamp("2024-12-31")
    ).set_index("account_name")
    weight = dict(zip(ACTIVITY_KINDS, ENGAGEMENT_WEIGHTS, strict=True))
    assert r.loc["株式会社北斗システムズ", "engagement_sum"] == weight["event"]  # attended
    toho = r.loc["東邦精機工業株式会社"]
    # the newsletter response (a click), not the 'sent' row too
    assert toho["engagement_sum"] == weight["email_click"]


def test_responses_link_to_the_contacts_and_leads_exports():
    files = [
        ("contacts.csv", _CONTACTS.encode("cp932")),
        ("leads.csv", _LEADS.encode("cp932")),
        ("members.csv", _JA.encode("cp932")),
    ]
    ds, errors = load_files(files)
    assert not errors and len(ds.leads) == 3
    out = prepare(ds).dataset
    acts = out.activities
    assert acts["link_rule"].tolist() == ["id"] * 3
    leads = out.leads.set_index("lead_id")
    accounts = leads.loc[acts["lead_id"], "account_id"].tolist()
    assert accounts == acts["account_id"].tolist()
    assert set(acts["lead_id"]) == {"0035g0000OHq1el", "0035g00007IYRIg", "00Q5g000001AbCd"}
    assert pd.Series(ds.sources[2].links)["id"] == 3


def test_the_members_status_wins_over_the_campaigns():
    """A report with the campaign's Status (完了) left of the Member Status: the member's."""
    text = _EN.replace("Campaign Name,Type,", "Campaign Name,Status,Type,").replace(
        "Manufacturing DX Webinar,Webinar,", "Manufacturing DX Webinar,Completed,Webinar,"
    )
    cols = dict(_mapping(text, "members.csv").columns)
    assert (cols["Member Status"], cols["Status"]) == ("status", None)


def test_without_a_response_column_the_member_status_says_who_responded():
    """A campaign-member report with neither Responded nor First Responded Date: a member
    is left out only when its status says it did nothing (送信済み), not for lacking a date."""
    text = (
        "キャンペーン名,種別,メンバー状況,取引先責任者 ID,姓,名,会社名・取引先,メール,作成日\r\n"
        "DXセミナー,セミナー / カンファレンス,出席,0035g0000OHq1el,小林,亮,北斗,ryo@hokuto-sys.co.jp,2024/06/01\r\n"
        "DXセミナー,セミナー / カンファレンス,送信済み,0035g00007IYRIg,山崎,拓也,東邦,t@toho.co.jp,2024/06/01\r\n"
        "DXセミナー,セミナー / カンファレンス,要フォロー,0035g0000XxsXdz,佐藤,由美,みなと,y@minato.co.jp,2024/06/01\r\n"
    )
    ds, errors = load_files([("members.csv", text.encode("cp932"))])
    assert not errors
    assert ds.sources[0].issues.set_index("check").loc["no_response", "count"] == 1
    assert ds.activities["status"].tolist() == ["出席", "要フォロー"]  # an unknown status kept


def test_every_kind_written_for_a_member_reads_back_as_that_kind_in_both_languages():
    from abm.core.activities import _KIND_TEXT, _KIND_TEXT_JA

    assert _KIND_TEXT.keys() == _KIND_TEXT_JA.keys()
    for words in (_KIND_TEXT, _KIND_TEXT_JA):
        text = pd.Series(list(words.values()), dtype="string")
        origin = pd.Series(["marketing"] * len(text), dtype="string")
        assert activity_kind_of(text, None, origin).tolist() == list(words), words
