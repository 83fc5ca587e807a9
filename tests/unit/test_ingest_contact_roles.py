"""QA-M: Salesforce's opportunity contact-role report, exported beside the deals' report.

The roles file names a deal (its name and account; no id, amount, phase or date) and one
contact per row. Read as deals, its 1,245 rows doubled every account's deal count and the
dated deals were linked to nobody, so the scoring page could not back-test. Its people now
join their deals; its rows are listed as read but not counted as deals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.opportunities import person_deals
from abm.funnel import MODELS, account_reach, compute_reach
from abm.ingest import load_files
from abm.ingest.deals import attach_contacts, contacts_only
from abm.pipeline import prepare

LEADS = (
    "メール アドレス,姓,名,会社名,役職\n"
    "a@rohm.co.jp,松本,由美,ローム株式会社,部長\n"
    "b@rohm.co.jp,加藤,真,ローム株式会社,課長\n"
    "c@zeon.co.jp,山崎,直樹,日本ゼオン株式会社,主任\n"
    "d@zeon.co.jp,田中,一郎,日本ゼオン株式会社,部長\n"
)
DEALS = (
    '"商談 所有者","取引先名","商談名","フェーズ","金額","完了予定日","作成日","商談 ID"\n'
    '"上田 彩","ローム株式会社","ローム_リニアガイド更新","成立","22230000","2026/10/18","2026/08/24","006A"\n'
    '"佐藤 健","日本ゼオン株式会社","ゼオン_アクチュエータ導入","不成立","14380000","2026/08/09","2026/01/31","006B"\n'
    '"佐藤 健","日本ゼオン株式会社","ゼオン_保守","提案","1000000","2026/12/09","2026/10/01","006C"\n'
)
ROLES = (
    '"商談名","取引先名","取引先責任者: 氏名","取引先責任者: メール","役割","主"\n'
    '"ローム_リニアガイド更新","ローム株式会社","松本 由美","a@rohm.co.jp","意思決定者","1"\n'
    '"ローム_リニアガイド更新","ローム株式会社","加藤 真","b@rohm.co.jp","評価者","0"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","山崎 直樹","c@zeon.co.jp","影響者","1"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","田中 一郎","d@zeon.co.jp","意思決定者","0"\n'
    '"存在しない商談","日本ゼオン株式会社","田中 一郎","d@zeon.co.jp","意思決定者","0"\n'
)


def _load(*names: str):
    files = {
        "leads.csv": LEADS.encode("utf-8"),
        "opps.csv": DEALS.encode("cp932"),
        "roles.csv": ROLES.encode("cp932"),
    }
    dataset, errors = load_files([(n, files[n]) for n in names])
    assert not errors
    return dataset


def test_a_roles_file_beside_the_deals_adds_people_not_deals() -> None:
    ds = _load("leads.csv", "opps.csv", "roles.csv")
    opps = ds.opportunities.set_index("opportunity_id")
    assert len(opps) == 3  # the deals' file's, not 3 + 5
    ids = ds.leads.set_index("email")["lead_id"]
    rohm = opps.loc["006A"]
    assert rohm["email"] == "a@rohm.co.jp;b@rohm.co.jp"
    assert rohm["contact_ids"] == f"{ids['a@rohm.co.jp']};{ids['b@rohm.co.jp']}"
    assert rohm["link_rule"] == "email"  # the deal's person: its first contact
    zeon = opps.loc["006B"]
    assert set(zeon["contact_ids"].split(";")) == {ids["c@zeon.co.jp"], ids["d@zeon.co.jp"]}
    assert pd.isna(opps.loc["006C", "email"])  # no contact listed: as the report has it
    report = {r.file: r for r in ds.sources}
    roles = report["roles.csv"]
    # nothing lost: every row of the roles file is listed, with why
    assert roles.left_out["check"].tolist() == ["contact_roles"] * 4 + ["deal_not_found"]
    assert roles.left_out["row"].tolist() == [2, 3, 4, 5, 6]
    said = roles.issues.set_index("check")["count"]
    assert (said["contact_roles"], said["deal_not_found"]) == (4, 1)
    assert opps["outcome"].tolist() == ["won", "lost", "open"]  # the deals' own outcomes


def test_a_roles_file_alone_is_read_as_it_always_was() -> None:
    ds = _load("leads.csv", "roles.csv")
    assert len(ds.opportunities) == 3  # no deal to join: its rows are deals, one per name


def test_a_deal_name_two_deals_share_finds_neither() -> None:
    deals = pd.DataFrame(
        {
            "opportunity_name": pd.array(["更新", "更新", "新規"], dtype="string"),
            "company": pd.array(["A社", "A社", "A社"], dtype="string"),
            "amount": pd.array([1.0, 2.0, 3.0], dtype="Float64"),
        }
    )
    contacts = pd.DataFrame(
        {
            "opportunity_name": pd.array(["更新", "新規 ", "ｼﾝｷ"], dtype="string"),
            "company": pd.array(["A社", "Ａ社", "A社"], dtype="string"),
            "email": pd.array(["x@a.jp", "y@a.jp", "z@a.jp"], dtype="string"),
        }
    )
    assert contacts_only(contacts) and not contacts_only(deals)
    out, found = attach_contacts(deals, contacts)
    assert found.tolist() == [False, True, False]  # width and spaces aside, nothing else
    assert out["email"].fillna("-").tolist() == ["-", "-", "y@a.jp"]
    pd.testing.assert_frame_equal(deals, deals.copy())  # not modified


def test_contacts_join_by_deal_id_where_both_files_give_one() -> None:
    deals = pd.DataFrame(
        {
            "opportunity_id": pd.array(["006A", "006B"], dtype="string"),
            "email": pd.array(["own@a.jp", None], dtype="string"),
            "stage": pd.array(["提案", "提案"], dtype="string"),
        }
    )
    contacts = pd.DataFrame(
        {
            "opportunity_id": pd.array(["006B", "006A", "006A"], dtype="string"),
            "email": pd.array(["b@a.jp", "own@a.jp", "c@a.jp"], dtype="string"),
        }
    )
    out, found = attach_contacts(deals, contacts)
    assert found.all()
    assert out["email"].tolist() == ["own@a.jp;c@a.jp", "b@a.jp"]  # its own first, once


def test_a_deals_file_without_people_is_not_said_to_lack_them_once_joined() -> None:
    ds = _load("leads.csv", "opps.csv", "roles.csv")
    checks = {r.file: set(r.issues["check"]) for r in ds.sources}
    assert "no_person_key" not in checks["opps.csv"]
    alone = _load("leads.csv", "opps.csv")
    assert "no_person_key" in {c for r in alone.sources for c in r.issues["check"]}


ROLES_WITH_FACTS = (
    '"商談名","取引先名","フェーズ","金額","完了予定日","取引先責任者: 氏名","取引先責任者: メール","役割"\n'
    '"ローム_リニアガイド更新","ローム株式会社","成立","22230000","2026/10/18","松本 由美","a@rohm.co.jp","意思決定者"\n'
    '"ローム_リニアガイド更新","ローム株式会社","成立","22230000","2026/10/18","加藤 真","b@rohm.co.jp","評価者"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","不成立","14380000","2026/08/09","山崎 直樹","c@zeon.co.jp","影響者"\n'
    '"ゼオン_アクチュエータ導入","日本ゼオン株式会社","不成立","14380000","2026/08/09","田中 一郎","d@zeon.co.jp","意思決定者"\n'
)


def test_a_roles_report_with_the_deals_phase_and_amount_adds_people_not_deals() -> None:
    """Review: the standard 商談と取引先責任者の役割 report type carries phase, amount and close
    date too; read as deals it doubled them and left the dated deals without people."""
    files = {
        "leads.csv": LEADS.encode("utf-8"),
        "opps.csv": DEALS.encode("cp932"),
        "roles.csv": ROLES_WITH_FACTS.encode("cp932"),
    }
    ds, errors = load_files(list(files.items()))
    assert not errors
    opps = ds.opportunities.set_index("opportunity_id")
    assert len(opps) == 3
    assert opps.loc["006A", "email"] == "a@rohm.co.jp;b@rohm.co.jp"
    roles = {r.file: r for r in ds.sources}["roles.csv"]
    assert roles.left_out["check"].tolist() == ["contact_roles"] * 4
    # a later export with a row per deal is not a list of people: it stays deals
    again = (
        DEALS.replace('"商談 ID"\n', '"x"\n')
        .replace(',"006A"', ',""')
        .replace(',"006B"', ',""')
        .replace(',"006C"', ',""')
    )
    ds2, _ = load_files([("opps.csv", files["opps.csv"]), ("later.csv", again.encode("cp932"))])
    assert len(ds2.opportunities) == 6


# -- the buying committee is not the lead that became the deal --------------------------------

COMMITTEE_LEADS = (
    "Email Address,Last Name,First Name,Company Name,Created At\n"
    "a@rohm.co.jp,Matsumoto,Yumi,ROHM Co.,2026-01-10\n"
    "b@rohm.co.jp,Kato,Makoto,ROHM Co.,2026-01-11\n"
    "c@zeon.co.jp,Yamazaki,Naoki,Zeon Corporation,2026-01-12\n"
    "d@zeon.co.jp,Tanaka,Ichiro,Zeon Corporation,2026-01-13\n"
    "e@zeon.co.jp,Suzuki,Hanako,Zeon Corporation,2026-01-14\n"
)
#: the ROHM deal names its own contact (a); the Zeon deal names nobody
COMMITTEE_DEALS = (
    '"Opportunity Name","Account Name","Stage","Amount","Close Date","Created Date",'
    '"Contact: Full Name","Contact: Email"\n'
    '"ROHM - Linear guides","ROHM Co.","Closed Won","2200000","6/30/2026","3/1/2026",'
    '"Yumi Matsumoto","a@rohm.co.jp"\n'
    '"Zeon - Actuators","Zeon Corporation","Proposal/Price Quote","1400000","12/20/2026",'
    '"4/1/2026","",""\n'
)
COMMITTEE_ROLES = (
    '"Opportunity Name","Account Name","Contact: Full Name","Contact: Email","Role","Primary"\n'
    '"ROHM - Linear guides","ROHM Co.","Yumi Matsumoto","a@rohm.co.jp","Decision Maker","1"\n'
    '"ROHM - Linear guides","ROHM Co.","Makoto Kato","b@rohm.co.jp","Evaluator","0"\n'
    '"Zeon - Actuators","Zeon Corporation","Naoki Yamazaki","c@zeon.co.jp","Influencer","0"\n'
    '"Zeon - Actuators","Zeon Corporation","Ichiro Tanaka","d@zeon.co.jp","Economic Buyer","1"\n'
)
AS_OF = pd.Timestamp("2026-11-30")


def _prepared(with_roles: bool):
    files = [
        ("leads.csv", COMMITTEE_LEADS.encode("utf-8")),
        ("opps.csv", COMMITTEE_DEALS.encode("utf-8")),
    ]
    if with_roles:
        files.append(("roles.csv", COMMITTEE_ROLES.encode("utf-8")))
    dataset, errors = load_files(files)
    assert not errors
    return prepare(dataset).dataset


def _reached(ds) -> tuple[set[str], set[str]]:
    """The e-mails of the leads the deals place at Opportunity and at Won (the funnel's rule)."""
    deals = person_deals(ds.leads, ds.opportunities, AS_OF)
    email = ds.leads["email"].to_numpy(dtype=object)
    return set(email[deals.opened]), set(email[deals.won])


def test_only_a_deals_own_contact_and_its_primary_reach_opportunity() -> None:
    alone, roles = _prepared(False), _prepared(True)
    assert _reached(alone) == ({"a@rohm.co.jp"}, {"a@rohm.co.jp"})
    # the roles file adds the Zeon deal's primary contact (the deal names nobody), not the
    # Evaluator b nor the Influencer c
    assert _reached(roles) == ({"a@rohm.co.jp", "d@zeon.co.jp"}, {"a@rohm.co.jp"})
    m = MODELS["classic"]
    j = m.keys.index("opportunity")
    counts = [
        compute_reach(
            ds.leads, m, as_of=AS_OF, opportunities=ds.opportunities, strict=False
        ).counts()[j]
        for ds in (alone, roles)
    ]
    assert counts == [1, 2]


def test_the_committee_stays_linked_to_its_deal() -> None:
    ds = _prepared(True)
    ids = ds.leads.set_index("email")["lead_id"]
    opps = ds.opportunities.set_index("opportunity_name")
    rohm, zeon = opps.loc["ROHM - Linear guides"], opps.loc["Zeon - Actuators"]
    # people on the deal: everyone the roles file names (the primary first where the deal
    # named nobody)
    assert rohm["contact_ids"] == f"{ids['a@rohm.co.jp']};{ids['b@rohm.co.jp']}"
    assert zeon["contact_ids"] == f"{ids['d@zeon.co.jp']};{ids['c@zeon.co.jp']}"
    assert zeon["lead_id"] == ids["d@zeon.co.jp"]  # the deal's person: its primary contact
    assert rohm["committee_ids"] == ids["b@rohm.co.jp"]
    assert zeon["committee_ids"] == ids["c@zeon.co.jp"]
    # their roles reach buying-committee coverage; both accounts still have their deal
    roles = ds.leads.set_index("email")["buying_role"]
    assert roles["b@rohm.co.jp"] == "Evaluator" and roles["c@zeon.co.jp"] == "Influencer"
    reach = compute_reach(ds.leads, MODELS["classic"], as_of=AS_OF, strict=False)
    per = account_reach(reach, ds.leads, ds.opportunities)
    assert per["opportunity"].all() and len(per) == 2  # account level: both have their deal


def test_a_role_report_without_a_primary_column_adds_only_a_committee() -> None:
    deals = pd.DataFrame(
        {
            "opportunity_name": pd.array(["X"], dtype="string"),
            "email": pd.array([pd.NA], dtype="string"),
        }
    )
    contacts = pd.DataFrame(
        {
            "opportunity_name": pd.array(["X", "X"], dtype="string"),
            "email": pd.array(["p@x.jp", "q@x.jp"], dtype="string"),
        }
    )
    out, found = attach_contacts(deals, contacts)
    assert found.all()
    assert out.loc[0, "email"] == "p@x.jp;q@x.jp"
    assert out.loc[0, "committee_email"] == "p@x.jp;q@x.jp"  # no primary: nobody stands in


def test_the_scoring_back_test_dates_a_deal_for_the_leads_that_became_it_only() -> None:
    # the back-test's "became an opportunity" is the funnel's: a deal's committee member
    # (b, c) is no lead that became the deal, so no deal dates them
    from abm.scoring.deals import deal_history

    ds = _prepared(True)
    history = deal_history(ds.leads, ds.opportunities, as_of=AS_OF)
    dated = np.unique(history.opp_key // history.span)
    email = ds.leads["email"].to_numpy(dtype=object)
    assert set(email[dated]) == {"a@rohm.co.jp", "d@zeon.co.jp"}
