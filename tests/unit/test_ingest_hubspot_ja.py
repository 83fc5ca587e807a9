"""HubSpot engagement exports from the Japanese UI are read as activities (issue #13).

Before, a meetings export with Japanese headers (レコードID, ミーティング名, アクティビティー日,
関連付けられたコンタクト…) was read as leads: every meeting a person, ``レコードID`` their lead
id, no activity at all. The English exports were taught in 0e07524; the Japanese ones must
behave the same: table activities, origin sales, every row the export's kind, the engagement's
own Record ID not a contact id, and rows linked to the contacts of a companion export.

The files (``tests/fixtures/hubspot_engagements``, see its README for which labels are
documented and which inferred) are about the catalogue's Japanese HubSpot contacts.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from abm.core.activities import activity_kind_of
from abm.ingest import load_files, read_table, suggest_mapping
from abm.ingest.derive import contact_addresses, implied_columns
from abm.pipeline import link_summary, prepare

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HERE = FIXTURES / "hubspot_engagements"
CONTACTS = FIXTURES / "exports" / "hubspot_contacts_ja.csv"

#: file -> report type, activity kind, the key columns' mapping, link rules after prepare
#: (see the fixture README: each count is written row by row there).
# fmt: off
FILES: dict[str, dict] = {
    "hubspot_meetings_ja.csv": {
        "report": "hubspot.meetings", "kind": "meeting",
        "mapping": {
            "レコードID": None, "ミーティング名": "subject", "アクティビティー日": "timestamp",
            "ミーティングの開始時刻": None, "ミーティングの終了時刻": None, "ミーティングの成果": "result",
            "アクティビティーの割り当て先": "owner", "関連付けられたコンタクト": "contact_name",
            "関連付けられた会社": "company",
        },
        "links": {"id": 0, "email": 1, "name_account": 8, "account": 2, "none": 1},
    },
    "hubspot_calls_ja.csv": {
        "report": "hubspot.calls", "kind": "call",
        "mapping": {
            "レコードID": None, "通話のタイトル": "subject", "アクティビティー日": "timestamp",
            "アクティビティーの担当者": "owner", "通話の成果": "result", "通話の方向": None,
            "通話時間": None, "関連付けられたコンタクト": "contact_name", "関連付けられた会社": "company",
            "関連付けられたコンタクトのID": "lead_id",
        },
        "links": {"id": 2, "email": 0, "name_account": 6, "account": 1, "none": 1},
    },
    "hubspot_emails_ja.csv": {
        "report": "hubspot.emails", "kind": "sales_email",
        "mapping": {
            "レコードID": None, "Eメールの件名": "subject", "アクティビティ日": "timestamp",
            "アクティビティの担当者": "owner", "Eメールの方向": None, "Eメールの送信ステータス": None,
            "関連付けられたコンタクト": "contact_name", "関連付けられた会社": "company",
        },
        "links": {"id": 0, "email": 5, "name_account": 3, "account": 1, "none": 1},
    },
}
# fmt: on
ids = pytest.mark.parametrize("name", sorted(FILES))


def _rows(name: str) -> list[dict[str, str]]:
    """The file's data rows, read with the standard library."""
    text = (HERE / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@cache
def _loaded():
    files = [(CONTACTS.name, CONTACTS.read_bytes())]
    files += [(name, (HERE / name).read_bytes()) for name in sorted(FILES)]
    ds, errors = load_files(files)
    assert errors == ()
    return ds, prepare(ds).dataset


@ids
def test_a_japanese_engagement_export_is_its_kind_of_sales_activity(name):
    spec = FILES[name]
    raw = read_table((HERE / name).read_bytes(), name)
    m = suggest_mapping(raw)
    assert (m.table, m.vendor, m.report, m.origin) == (
        "activities",
        "hubspot",
        spec["report"],
        "sales",
    )
    assert m.as_dict() == spec["mapping"]  # レコードID is the engagement's, not a contact's
    assert implied_columns(raw, m) == {"activity_type"}
    _, prepared = _loaded()
    acts = prepared.activities[prepared.activities["source_file"] == name]
    kinds = activity_kind_of(acts["activity_type"], None, acts["origin"])
    assert set(kinds) == {spec["kind"]}


@ids
def test_every_row_is_kept_and_links_as_the_readme_says(name):
    loaded, prepared = _loaded()
    lines = len(_rows(name))
    for ds in (loaded, prepared):
        acts = ds.activities[ds.activities["source_file"] == name]
        assert len(acts) == lines
        assert sorted(acts["source_row"].astype(int)) == list(range(2, lines + 2))
    summary = link_summary(prepared).set_index("file").loc[name]
    assert {rule: int(summary[rule]) for rule in FILES[name]["links"]} == FILES[name]["links"]
    assert int(summary["pending"]) == 0
    assert summary["person_rate"] >= 0.75
    assert len(loaded.leads) == len(prepared.leads) == 35  # no engagement became a lead


def test_list_cells_link_the_first_listed_person_found_and_the_first_company():
    _, prepared = _loaded()
    acts = prepared.activities.set_index("subject")
    leads = prepared.leads.set_index("lead_id")
    # 井上 直子;山口 拓也 at 北陸エナジー: both known, the first listed
    assert acts.loc["北陸エナジー株式会社 要件確認", "lead_id"] == "51000180060"
    # 小西 恭平 (unknown);斎藤 奈々: the first one found
    assert acts.loc["株式会社ミライ商事 デモ", "lead_id"] == "51000132044"
    # a company list: the first company's account, not a company named by both
    row = acts.loc["展示会フォロー"]
    assert row["link_rule"] == "account"
    assert row["account_id"] == leads.loc["51000126042", "account_id"]  # テクノブリッジ
    # an address list whose first address nobody has: the second one's person
    assert acts.loc["お打ち合わせ日程のご相談", "lead_id"] == "51000123041"
    assert not prepared.activities["account_id"].astype("string").str.contains(";").any()


def test_a_contact_shown_by_its_address_links_by_e_mail_at_load():
    loaded, _ = _loaded()
    src = next(s for s in loaded.sources if s.file == "hubspot_emails_ja.csv")
    issues = src.issues.set_index("check")
    assert int(issues.loc["email_from_contact", "count"]) == 6  # 5 known + 1 unknown address
    acts = loaded.activities[loaded.activities["source_file"] == "hubspot_emails_ja.csv"]
    assert Counter(acts["link_rule"])["email"] == 5


def test_contact_addresses_are_read_from_contact_cells():
    cells = pd.Series(
        [
            "加藤 美咲",
            "misaki.kato@alphatech.co.jp",
            "林 陽子 (yoko.hayashi@aoba-medical.co.jp)",
            "info@x.co.jp;Shota.Ishikawa@fujimi-kensetsu.co.jp",
            None,
        ],
        dtype="string",
    )
    assert contact_addresses(cells).tolist() == [
        pd.NA,
        "misaki.kato@alphatech.co.jp",
        "yoko.hayashi@aoba-medical.co.jp",
        "info@x.co.jp;Shota.Ishikawa@fujimi-kensetsu.co.jp",
        pd.NA,
    ]


TASKS_JA = (
    "レコードID,タスクのタイトル,タスクの種類,タスクのステータス,優先度,期日,割り当て先,"
    "関連付けられたコンタクト,関連付けられた会社\n"
    "64000000000,見積もり送付のお電話,コール,完了,高,2024-04-10 10:00,原田 健一,加藤 美咲,"
    "株式会社アルファテック\n"
    "64000000001,資料送付,Eメール,完了,中,2024-04-11 10:00,村上 悠斗,石川 翔太,富士見建設株式会社\n"
    "64000000002,社内稟議の確認,ToDo,完了,低,2024-04-12 10:00,高木 遥,林 隆,株式会社テクノブリッジ\n"
    "64000000003,提案書の準備,ToDo,未着手,低,2024-04-20 10:00,高木 遥,林 隆,株式会社テクノブリッジ\n"
)
TASKS_EN = (
    "Record ID,Task Title,Task Type,Task Status,Due date,Assigned to,Associated Contact,"
    "Associated Company\n"
    "64000000003,Follow-up call,Call,Completed,2024-04-10 10:00,Kenichi Harada,Ryo Kobayashi,"
    '"Hokuto Systems Co., Ltd."\n'
)
NOTES_JA = (
    "レコードID,メモの本文,アクティビティー日,アクティビティーの割り当て先,関連付けられたコンタクト,"
    "関連付けられた会社\n"
    "65000000000,予算は来期に確保予定とのこと,2024-05-01 18:00,原田 健一,加藤 美咲,"
    "株式会社アルファテック\n"
)
NOTES_EN = (
    "Record ID,Note body,Activity date,Activity assigned to,Associated Contact,Associated Company\n"
    '65000000001,Budget next year,2024-05-01 18:00,Kenichi Harada,Ryo Kobayashi,"Hokuto Systems"\n'
)
SHARED_JA = (
    "レコードID,アクティビティー日,アクティビティーの担当者,関連付けられたコンタクト,関連付けられた会社\n"
    "66000000000,2024-04-01 10:00,原田 健一,加藤 美咲,株式会社アルファテック\n"
)


def _activities(name: str, text: str):
    ds, errors = load_files([(name, text.encode("utf-8"))])
    assert errors == ()
    (src,) = ds.sources
    return src, ds.activities


def test_a_tasks_export_is_activities_whose_kind_is_the_task_type():
    src, acts = _activities("tasks.csv", TASKS_JA)
    assert (src.table, src.mapping["タスクの種類"], src.mapping["期日"]) == (
        "activities",
        "activity_type",
        "timestamp",
    )
    assert src.mapping["割り当て先"] == "owner" and src.mapping["レコードID"] is None
    kinds = activity_kind_of(acts["activity_type"], None, acts["origin"]).tolist()
    assert kinds == ["call", "sales_email", "task"]
    # a task not started is a plan, not a touch: left out, and said (line 5)
    said = src.issues.set_index("check").loc["planned_tasks"]
    assert (said["count"], said["row"], said["column"]) == (1, 5, "タスクのステータス")
    src, acts = _activities("tasks_en.csv", TASKS_EN)
    assert src.table == "activities" and src.mapping["Task Type"] == "activity_type"


@pytest.mark.parametrize("name, text", [("notes.csv", NOTES_JA), ("notes_en.csv", NOTES_EN)])
def test_a_notes_export_is_notes_as_in_hubspot_s_activities_report(name, text):
    src, acts = _activities(name, text)
    assert src.table == "activities"
    assert acts["activity_type"].tolist() == ["Note"] and acts["origin"].tolist() == ["sales"]


def test_a_japanese_export_of_shared_columns_only_gets_no_kind():
    """レコードID, アクティビティー日, 担当者 and the associations: any engagement's export."""
    src, acts = _activities("shared.csv", SHARED_JA)
    assert src.table == "activities" and src.mapping["アクティビティー日"] == "timestamp"
    assert "activity_type" not in acts.columns or acts["activity_type"].isna().all()


def test_a_japanese_contacts_export_maps_its_score_and_company_record_id():
    """QA-R's contacts export from the Japanese UI: ``HubSpotスコア`` and ``関連付けられた会社ID``
    (no の) were left unmapped — the score unused and the company's record id lost."""
    text = (
        "レコードID,名,姓,Eメール,会社名,ライフサイクルステージ,HubSpotスコア,作成日,関連付けられた会社ID\n"
        "51058,翔太,斉藤,s-saito@sakai-kogyo.co.jp,堺工業株式会社,サブスクライバー,42,"
        "2025-08-04 00:57,8800000011\n"
    )
    mapping = suggest_mapping(read_table(text.encode("utf-8"), "contacts.csv"))
    assert (mapping.vendor, mapping.table) == ("hubspot", "leads")
    cols = dict(mapping.columns)
    assert cols["HubSpotスコア"] == "score" and cols["関連付けられた会社ID"] == "account_id"
