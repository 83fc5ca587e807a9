"""Marketo program-member exports are program responses, not new leads (#13, QA).

Written from a program's Members tab export (one row per member: the person's id, name,
company, its program status, whether it reached success and when, whether the program
acquired it, when it became a member) and the Bulk Program Member Extract's API names.
Before, the file was read as leads: every status and date was dropped and no attendance
became an activity.
"""

from __future__ import annotations

import pandas as pd

from abm.core.activities import activity_kind_of
from abm.ingest import load_files, read_table, suggest_mapping
from abm.pipeline import prepare

# a webinar program's Members tab: no program name, one program per file
_MEMBERS = (
    "Id,First Name,Last Name,Email Address,Company Name,Job Title,Program Status,Success,"
    "Success Date,Acquired By,Member Date\n"
    "1002,健太,鈴木,kenta.suzuki@hokuto-sys.co.jp,株式会社北斗システムズ,部長,Attended,true,"
    "2024-10-17,false,2024-10-01 10:00:00\n"
    "1004,浩二,田中,koji.tanaka@naniwa-foods.co.jp,株式会社浪速フーズ,本部長,No Show,false,,"
    "false,2024-10-02 12:00:00\n"
    "1006,大輔,渡辺,daisuke.watanabe@kyushu-densetsu.co.jp,九州電設株式会社,部長,Registered,"
    "false,,false,2024-10-05 09:00:00\n"
    "1007,美咲,山本,misaki.yamamoto@sakura-kensetsu.co.jp,さくら建設株式会社,係長,"
    "Attended On-demand,true,2024-10-20,false,2024-10-06 11:00:00\n"
    "1011,由美,松本,yumi.matsumoto@naniwa-foods.co.jp,株式会社浪速フーズ,課長,Attended,true,"
    "2024-10-17,true,2024-10-09 10:00:00\n"
)
# two programs in one export, named, with their channel
_NAMED = (
    "Lead Id,First Name,Last Name,Email Address,Company Name,Program Name,Channel,"
    "Program Status,Success,Success Date,Acquired By,Membership Date\n"
    "1002,健太,鈴木,kenta.suzuki@hokuto-sys.co.jp,株式会社北斗システムズ,2024-11 名古屋展示会,"
    "Tradeshow,Visited Booth,true,2024-11-12,false,2024-11-01\n"
    "1003,真理,高橋,mari.takahashi@toho-seiki.co.jp,東邦精機工業株式会社,2024-11 名古屋展示会,"
    "Tradeshow,Invited,false,,false,2024-11-01\n"
    "1003,真理,高橋,mari.takahashi@toho-seiki.co.jp,東邦精機工業株式会社,"
    "2024-12 製造業DXウェビナー,Webinar,Attended,true,2024-12-05,false,2024-11-20\n"
    "1004,浩二,田中,koji.tanaka@naniwa-foods.co.jp,株式会社浪速フーズ,2024-12 製造業DXウェビナー,"
    "Webinar,Registered,false,,false,2024-11-22\n"
)
# the Bulk Program Member Extract (API names): ids only
_API = (
    "leadId,programId,program,statusName,reachedSuccess,reachedSuccessDate,acquiredBy,"
    "membershipDate\n"
    "1002,1201,2024-12 製造業DXウェビナー,Attended,true,2024-12-05T10:00:00Z,false,"
    "2024-11-20T01:00:00Z\n"
    "1004,1201,2024-12 製造業DXウェビナー,No Show,false,,false,2024-11-22T01:00:00Z\n"
)
_PEOPLE = (
    "Id,First Name,Last Name,Email Address,Company Name,Job Title,Lead Status,"
    "Acquisition Program,Created At\n"
    "1002,健太,鈴木,kenta.suzuki@hokuto-sys.co.jp,株式会社北斗システムズ,部長,MQL,"
    "2024-05 DXセミナー,2024-05-20 11:00:00\n"
    "1004,浩二,田中,koji.tanaka@naniwa-foods.co.jp,株式会社浪速フーズ,本部長,SQL,"
    "2024-06 展示会,2024-06-04 15:00:00\n"
    "1006,大輔,渡辺,daisuke.watanabe@kyushu-densetsu.co.jp,九州電設株式会社,部長,Nurturing,"
    "2024-08 ウェビナー,2024-08-22 16:00:00\n"
    "1007,美咲,山本,misaki.yamamoto@sakura-kensetsu.co.jp,さくら建設株式会社,係長,MQL,"
    "2024-08 ウェビナー,2024-08-23 10:10:00\n"
)


def _mapping(text: str, name: str):
    return suggest_mapping(read_table(text.encode("utf-8"), name))


def _load(*files: tuple[str, str]):
    ds, errors = load_files([(name, text.encode("utf-8")) for name, text in files])
    assert not errors
    return ds


def _kinds(acts: pd.DataFrame) -> list[str]:
    return activity_kind_of(acts["activity_type"], acts.get("url"), acts["origin"]).tolist()


def test_a_program_members_export_is_marketing_activities():
    for text, name in ((_MEMBERS, "members.csv"), (_NAMED, "m.csv"), (_API, "bulk.csv")):
        m = _mapping(text, name)
        assert (m.vendor, m.table, m.report, m.origin) == (
            "marketo",
            "activities",
            "marketo.program_members",
            "marketing",
        ), name
    cols = dict(_mapping(_NAMED, "m.csv").columns)
    assert (cols["Success Date"], cols["Program Status"], cols["Program Name"]) == (
        "timestamp",
        "status",
        "campaign",
    )
    assert (cols["Lead Id"], cols["Channel"]) == ("lead_id", "channel")
    api = dict(_mapping(_API, "bulk.csv").columns)
    assert (api["reachedSuccessDate"], api["statusName"], api["program"]) == (
        "timestamp",
        "status",
        "campaign",
    )


def test_each_member_is_an_activity_of_its_person_and_only_a_response_engages():
    ds = _load(("marketo_program_members_202410_webinar.csv", _MEMBERS))
    assert ds.leads.empty  # a membership makes no person
    acts = ds.activities
    # the no-show (1004) is no activity: left out and said, counted by no page
    assert acts["lead_id"].tolist() == ["1002", "1006", "1007", "1011"]
    assert acts["contact_name"].tolist()[0] == "鈴木 健太"
    assert acts["status"].tolist()[:2] == ["Attended", "Registered"]
    assert (acts["origin"] == "marketing").all()
    # dated by the success date, else by when the person became a member
    days = acts["timestamp"].dt.strftime("%Y-%m-%d").tolist()
    assert days == ["2024-10-17", "2024-10-05", "2024-10-20", "2024-10-17"]
    # an on-demand attendance says the program is a webinar: so is every attendance of it
    assert _kinds(acts) == ["webinar", "form", "webinar", "webinar"]
    assert "campaign" not in acts or acts["campaign"].isna().all()  # not the file name
    issues = ds.sources[0].issues.set_index("check")
    assert issues.loc["no_response", "count"] == 1
    assert issues.loc["no_response", "column"] == "Program Status"
    assert ds.sources[0].rows == 4
    assert issues.loc["acquired_members", "count"] == 1


def test_kinds_follow_the_program_channel_and_status():
    acts = _load(("members.csv", _NAMED)).activities
    assert _kinds(acts) == ["event", "webinar", "form"]  # the invited member left out
    assert acts["campaign"].tolist()[:2] == ["2024-11 名古屋展示会", "2024-12 製造業DXウェビナー"]
    assert acts["channel"].tolist() == ["Tradeshow", "Webinar", "Webinar"]
    days = acts["timestamp"].dt.strftime("%Y-%m-%d").tolist()
    assert days == ["2024-11-12", "2024-12-05", "2024-11-22"]
    # an attendance that nothing calls a webinar is an event
    plain = _MEMBERS.replace("Attended On-demand", "Attended")
    assert _kinds(_load(("members.csv", plain)).activities)[0] == "event"


def test_the_bulk_extract_is_read_by_its_api_names():
    acts = _load(("bulk.csv", _API)).activities
    assert acts["lead_id"].tolist() == ["1002"]  # 1004 did not attend
    assert _kinds(acts) == ["webinar"]
    assert acts["timestamp"].notna().all()


def test_members_link_to_the_people_export_and_acquired_strangers_make_no_lead():
    ds = _load(
        ("marketo_people.csv", _PEOPLE), ("marketo_program_members_202410_webinar.csv", _MEMBERS)
    )
    assert len(ds.leads) == 4  # the member file adds no person, not even the acquired one
    out = prepare(ds).dataset
    acts = out.activities
    assert len(acts) == 4
    by_id = acts.set_index("lead_id")["link_rule"]
    assert (by_id[["1002", "1006", "1007"]] == "id").all()
    # 1011 was acquired by the program but is not in the people export: an activity of its
    # company's account, linking to no person
    assert by_id["1011"] in ("account", "none")
    assert "1011" not in set(out.leads["lead_id"])
    assert set(acts["lead_id"]) == {"1002", "1006", "1007", "1011"}


def test_one_status_vocabulary_for_campaign_and_program_members():
    from abm.core.activities import campaign_response_types, member_status_classes

    statuses = pd.Series(["招待済み", "登録済み", "出席", "Opened", "Clicked", "Qualified"])
    assert member_status_classes(statuses).tolist() == [
        "none", "form", "attended", "email_open", "email_click", pd.NA,
    ]  # fmt: skip
    seminar = pd.Series(["セミナー / カンファレンス"] * 3)
    names = pd.Series(["2024年6月 製造業DXセミナー"] * 3)
    got = campaign_response_types(seminar, names, pd.Series(["登録済み", "出席", "レスポンスあり"]))
    assert got.tolist() == ["form", "event", "event"]
