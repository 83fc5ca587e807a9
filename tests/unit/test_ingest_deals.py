"""One row per deal (#13): a contact-role or product-line report lists a deal on several rows.

Salesforce's "Opportunities with Contact Roles" report writes each deal once per contact,
and HubSpot's deals export lists a deal's associated contacts in one cell (``109;108``).
Both must count the deal once and reach every contact. Every expected number is written
out from the hand-built files below.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.opportunities import person_deals
from abm.funnel import compute_reach, get_model
from abm.funnel.pipeline import pipeline_summary
from abm.ingest import load_files
from abm.ingest.deals import one_row_per_deal
from abm.pipeline import prepare

AS_OF = pd.Timestamp("2025-01-31")

#: A Japanese Salesforce contact-role report (CP932, object-prefixed columns): deal A has two
#: contacts, deal B two rows (one without a contact), deal C one.
CONTACT_ROLES = (
    "商談 ID,商談名,取引先名,フェーズ,金額,完了予定日,作成日,取引先責任者: 氏名,取引先責任者: メール,役割\n"
    "006A,A社 - 導入,株式会社エー,受注,1000000,2024/10/01,2024/08/01,山田 太郎,taro@a.co.jp,意思決定者\n"
    "006A,A社 - 導入,株式会社エー,受注,1000000,2024/10/01,2024/08/01,佐藤 花子,hanako@a.co.jp,評価者\n"
    "006B,B社 - 更新,株式会社ビー,提案,2000000,2024/12/01,2024/09/01,鈴木 一郎,ichiro@b.co.jp,\n"
    "006B,B社 - 更新,株式会社ビー,提案,2000000,2024/12/01,2024/09/01,,,\n"
    "006C,C社 - 新規,株式会社シー,失注,500000,2024/11/01,2024/09/05,高橋 健,ken@c.co.jp,\n"
)
LEADS = (
    "メールアドレス,氏名,会社名\n"
    "taro@a.co.jp,山田 太郎,株式会社エー\n"
    "hanako@a.co.jp,佐藤 花子,株式会社エー\n"
    "ichiro@b.co.jp,鈴木 一郎,株式会社ビー\n"
    "ken@c.co.jp,高橋 健,株式会社シー\n"
    "mai@d.co.jp,伊藤 舞,株式会社ディー\n"
)


def _load(*files: tuple[str, bytes]):
    ds, errors = load_files(list(files))
    assert errors == ()
    return ds


def _opps(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["source_file"] = "o.csv"
    frame["source_row"] = np.arange(2, len(frame) + 2)
    return frame


def test_a_contact_role_report_counts_each_deal_once_and_reaches_every_contact():
    ds = _load(("leads.csv", LEADS.encode()), ("roles.csv", CONTACT_ROLES.encode("cp932")))
    opps = ds.opportunities
    assert opps["opportunity_id"].tolist() == ["006A", "006B", "006C"]
    assert opps["source_row"].tolist() == [2, 4, 6]  # each deal's first row
    assert opps["amount"].tolist() == [1_000_000, 2_000_000, 500_000]  # not doubled
    (report,) = [s for s in ds.sources if s.file == "roles.csv"]
    said = report.issues.set_index("check")
    assert said.loc["deal_rows_merged", "count"] == 2 and said.loc["deal_rows_merged", "row"] == 3
    assert report.rows == 5  # the file's rows as read; its outcomes count its deals
    assert int(report.outcomes["rows"].sum()) == 3
    summary = pipeline_summary(opps, as_of=AS_OF)
    assert (summary.opportunities, summary.won, summary.lost, summary.open) == (3, 1, 1, 1)
    assert (summary.pipeline_value, summary.won_value) == (2_000_000, 1_000_000)
    prepared = prepare(ds).dataset
    deals = person_deals(prepared.leads, prepared.opportunities, AS_OF)
    by_mail = dict(zip(prepared.leads["email"], deals.won, strict=True))
    # both contacts of the won deal are won; the open deal's contact is not; nobody else is
    assert by_mail == {
        "taro@a.co.jp": True,
        "hanako@a.co.jp": True,
        "ichiro@b.co.jp": False,
        "ken@c.co.jp": False,
        "mai@d.co.jp": False,
    }
    assert deals.opened.tolist() == [True, True, True, True, False]
    assert deals.lost.tolist() == [False, False, False, True, False]
    reach = compute_reach(
        prepared.leads, get_model("classic"), as_of=AS_OF, opportunities=prepared.opportunities
    )
    assert reach.counts().tolist()[-2:] == [4, 2]  # 商談化 4 people, 受注 2 (one deal)


def test_a_hubspot_deal_reaches_each_associated_contact_by_id():
    contacts = (
        "Record ID,First Name,Last Name,Email,Company Name\n"
        "108,Hanako,Sato,hanako@a.co.jp,A Corp\n"
        "109,Taro,Yamada,taro@a.co.jp,A Corp\n"
        "110,Ichiro,Suzuki,ichiro@b.co.jp,B Corp\n"
    )
    deals = (
        "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,"
        "Associated Company (Primary),Associated Contact IDs\n"
        "20001,A Corp - Rollout,Closed Won,3000000,2024-10-01,2024-08-01,A Corp,109;108\n"
        "20002,B Corp - Pilot,Appointment Scheduled,800000,2025-03-01,2024-11-01,B Corp,110;999\n"
    )
    ds = _load(("contacts.csv", contacts.encode()), ("deals.csv", deals.encode()))
    opps = ds.opportunities
    assert opps["lead_id"].tolist() == ["109", "110"]  # the first contact found
    assert opps["contact_ids"].tolist()[0] == "109;108"
    assert pd.isna(opps["contact_ids"].iloc[1])  # 999 is nobody: one contact, no list
    prepared = prepare(ds).dataset
    got = person_deals(prepared.leads, prepared.opportunities, AS_OF)
    assert dict(zip(prepared.leads["lead_id"], got.won, strict=True)) == {
        "108": True,
        "109": True,
        "110": False,
    }
    assert got.opened.all()
    assert got.linked.tolist() == [True, True]


def test_a_merged_contact_follows_its_survivor_in_the_list():
    """Two rows of one person (the same e-mail in two exports) are one lead after 名寄せ; a
    deal listing both ids lists the survivor once."""
    contacts = (
        "Record ID,First Name,Last Name,Email,Company Name\n"
        "108,Hanako,Sato,hanako@a.co.jp,A Corp\n"
        "109,Taro,Yamada,taro@a.co.jp,A Corp\n"
        "111,Hanako,Sato,HANAKO@a.co.jp,A Corp\n"
    )
    deals = (
        "Record ID,Deal Name,Deal Stage,Amount,Create Date,Associated Contact IDs\n"
        "20001,A Corp - Rollout,Closed Won,3000000,2024-08-01,111;109;108\n"
    )
    ds = _load(("contacts.csv", contacts.encode()), ("deals.csv", deals.encode()))
    assert ds.opportunities["contact_ids"].iloc[0] == "111;109;108"
    prepared = prepare(ds).dataset
    kept = prepared.leads["lead_id"].tolist()
    assert len(kept) == 2
    listed = prepared.opportunities["contact_ids"].iloc[0].split(";")
    assert sorted(listed) == sorted(kept)  # the merged id became its survivor's, once
    got = person_deals(prepared.leads, prepared.opportunities, AS_OF)
    assert got.won.tolist() == [True, True]


def test_contact_names_of_a_folded_deal_are_found_within_its_account():
    """A contact-role report without e-mail: its contacts are found by name within the deal's
    名寄せ account, each of them."""
    report = (
        "商談名,取引先名,フェーズ,金額,作成日,取引先責任者: 氏名\n"
        "A社 - 導入,株式会社エー,受注,1000000,2024/08/01,山田 太郎\n"
        "A社 - 導入,株式会社エー,受注,1000000,2024/08/01,佐藤 花子\n"
        "A社 - 保守,株式会社エー,受注,1000000,2024/08/01,伊藤 舞\n"
    )
    ds = _load(("leads.csv", LEADS.encode()), ("roles.csv", report.encode("cp932")))
    opps = ds.opportunities
    # no id column: rows equal in every deal column are one deal; another deal name is another
    assert opps["opportunity_name"].tolist() == ["A社 - 導入", "A社 - 保守"]
    assert opps["contact_name"].tolist() == ["山田 太郎;佐藤 花子", "伊藤 舞"]
    prepared = prepare(ds).dataset
    got = person_deals(prepared.leads, prepared.opportunities, AS_OF)
    assert dict(zip(prepared.leads["email"], got.won, strict=True)) == {
        "taro@a.co.jp": True,
        "hanako@a.co.jp": True,
        "ichiro@b.co.jp": False,
        "ken@c.co.jp": False,
        "mai@d.co.jp": False,  # 伊藤 舞 is at ディー, not エー: not this account's contact
    }


def test_product_lines_with_their_own_prices_add_up_and_repeated_amounts_do_not():
    frame = _opps(
        [
            {"opportunity_id": "1", "opportunity_name": "X", "amount": 100.0, "stage": "受注"},
            {"opportunity_id": "1", "opportunity_name": "X", "amount": 250.0, "stage": "受注"},
            {"opportunity_id": "2", "opportunity_name": "Y", "amount": 900.0, "stage": "提案"},
            {"opportunity_id": "2", "opportunity_name": "Y", "amount": 900.0, "stage": "提案"},
            {"opportunity_id": "3", "opportunity_name": "Z", "amount": None, "stage": "提案"},
            {"opportunity_id": "3", "opportunity_name": "Z", "amount": 40.0, "stage": None},
        ]
    )
    out, said = one_row_per_deal(frame, "o.csv")
    assert out["opportunity_id"].tolist() == ["1", "2", "3"]
    assert out["amount"].tolist() == [350.0, 900.0, 40.0]
    assert out["stage"].tolist() == ["受注", "提案", "提案"]  # the first value given
    assert said == [("o.csv", 3, "opportunity_id", "deal_rows_merged", 3,
                     "ingest.issue.deal_rows_merged")]  # fmt: skip


def test_rows_that_are_different_deals_stay_apart():
    frame = _opps(
        [  # no id: a different amount, company or name is another deal; a nameless row alone
            {"opportunity_name": "X", "company": "A", "amount": 1.0, "email": "a@a.jp"},
            {"opportunity_name": "X", "company": "A", "amount": 2.0, "email": "b@a.jp"},
            {"opportunity_name": "X", "company": "B", "amount": 1.0, "email": "c@b.jp"},
            {"opportunity_name": None, "company": "A", "amount": 1.0, "email": "d@a.jp"},
            {"opportunity_name": None, "company": "A", "amount": 1.0, "email": "e@a.jp"},
        ]
    )
    out, said = one_row_per_deal(frame, "o.csv")
    assert out.equals(frame) and said == []
    same = _opps([{"opportunity_id": "1", "email": "a@a.jp"}, {"opportunity_id": " 1 "}])
    out, said = one_row_per_deal(same, "o.csv")
    assert out["email"].tolist() == ["a@a.jp"] and said[0][4] == 1  # the id is trimmed


def test_listed_people_are_kept_in_order_once():
    frame = _opps(
        [
            {"opportunity_id": "1", "email": "a@x.jp;b@x.jp", "contact_name": "A"},
            {"opportunity_id": "1", "email": "b@x.jp", "contact_name": "B"},
            {"opportunity_id": "1", "email": " c@x.jp ", "contact_name": None},
        ]
    )
    out, _ = one_row_per_deal(frame, "o.csv")
    assert out["email"].tolist() == ["a@x.jp;b@x.jp;c@x.jp"]
    assert out["contact_name"].tolist() == ["A;B"]


def test_a_folded_row_reaches_a_contact_named_without_an_e_mail():
    """One deal, two contact rows: the first with an e-mail, the second with a name only.
    Folded, the row holds one e-mail and two names; the second contact is found by name
    within the account of the first."""
    report = (
        "商談 ID,商談名,取引先名,フェーズ,金額,作成日,取引先責任者: 氏名,取引先責任者: メール\n"
        "006A,A社 - 導入,株式会社エー,受注,1000000,2024/08/01,山田 太郎,taro@a.co.jp\n"
        "006A,A社 - 導入,株式会社エー,受注,1000000,2024/08/01,佐藤 花子,\n"
    )
    ds = _load(("leads.csv", LEADS.encode()), ("roles.csv", report.encode("cp932")))
    assert ds.opportunities["email"].tolist() == ["taro@a.co.jp"]
    prepared = prepare(ds).dataset
    got = person_deals(prepared.leads, prepared.opportunities, AS_OF)
    won = set(prepared.leads["email"][got.won])
    assert won == {"taro@a.co.jp", "hanako@a.co.jp"}


def test_an_e_mail_on_one_row_and_a_name_on_another_both_count():
    """Folded, the deal's row holds one contact's e-mail and the other's name — in no list:
    the name is looked up within the account of the person the e-mail reached. A row whose
    name is its own person's adds nobody."""
    report = (
        "商談 ID,商談名,取引先名,フェーズ,金額,作成日,取引先責任者: 氏名,取引先責任者: メール\n"
        "006A,A社 - 導入,株式会社エー,受注,1000000,2024/08/01,,taro@a.co.jp\n"
        "006A,A社 - 導入,株式会社エー,受注,1000000,2024/08/01,佐藤 花子,\n"
        "006C,C社 - 新規,株式会社シー,受注,500000,2024/09/05,高橋 健,ken@c.co.jp\n"
        "006D,D社 - 新規,株式会社エー,失注,500000,2024/09/05,伊藤 舞,taro@a.co.jp\n"
    )
    ds = _load(("leads.csv", LEADS.encode()), ("roles.csv", report.encode("cp932")))
    assert ds.opportunities["contact_name"].fillna("").tolist() == [
        "佐藤 花子",
        "高橋 健",
        "伊藤 舞",
    ]
    prepared = prepare(ds).dataset
    opps = prepared.opportunities.set_index("opportunity_id")
    ids = dict(zip(prepared.leads["email"], prepared.leads["lead_id"], strict=True))
    assert opps.loc["006A", "contact_ids"] == f"{ids['taro@a.co.jp']};{ids['hanako@a.co.jp']}"
    assert pd.isna(opps.loc["006C", "contact_ids"])  # 高橋 健 is the row's own person
    assert pd.isna(opps.loc["006D", "contact_ids"])  # 伊藤 舞 is not at エー: nobody added
    got = person_deals(prepared.leads, prepared.opportunities, AS_OF)
    won = set(prepared.leads["email"][got.won])
    assert won == {"taro@a.co.jp", "hanako@a.co.jp", "ken@c.co.jp"}


def test_an_id_on_one_row_and_an_e_mail_on_another_both_count():
    contacts = (
        "Record ID,First Name,Last Name,Email,Company Name\n"
        "108,Hanako,Sato,hanako@a.co.jp,A Corp\n"
        "109,Taro,Yamada,taro@a.co.jp,A Corp\n"
    )
    deals = (
        "Record ID,Deal Name,Deal Stage,Amount,Create Date,Contact ID,Email\n"
        "20001,A Corp - Rollout,Closed Won,3000000,2024-08-01,109,\n"
        "20001,A Corp - Rollout,Closed Won,3000000,2024-08-01,,hanako@a.co.jp\n"
    )
    ds = _load(("contacts.csv", contacts.encode()), ("deals.csv", deals.encode()))
    assert ds.opportunities["contact_ids"].tolist() == ["109;108"]


def test_salesforce_ids_of_either_length_and_full_width_separators_in_a_list():
    contacts = (
        "Id,FirstName,LastName,Email,AccountId\n"
        "0035g00000AbCdE,Hanako,Sato,hanako@a.co.jp,0015g00000Acct1\n"
        "0035g00000XyZwV,Taro,Yamada,taro@a.co.jp,0015g00000Acct1\n"
    )
    deals = (
        "Id,Name,StageName,Amount,CreatedDate,ContactId\n"
        "0065g00000Deal1AAA,A - Rollout,Closed Won,3000000,2024-08-01,"
        "0035g00000XyZwVAAB；0035g00000AbCdEAAA\n"
    )
    ds = _load(("Contact.csv", contacts.encode()), ("Opportunity.csv", deals.encode()))
    opps = ds.opportunities
    assert opps["lead_id"].tolist() == ["0035g00000XyZwV"]  # the first listed, found
    assert opps["contact_ids"].tolist() == ["0035g00000XyZwV;0035g00000AbCdE"]


def test_a_segment_holding_any_contact_of_a_deal_gets_the_deal():
    from abm.funnel.pipeline import opportunities_for_leads

    ds = _load(("leads.csv", LEADS.encode()), ("roles.csv", CONTACT_ROLES.encode("cp932")))
    prepared = prepare(ds).dataset
    leads, opps = prepared.leads, prepared.opportunities
    hanako = leads[leads["email"] == "hanako@a.co.jp"]  # the second contact of 006A
    assert opportunities_for_leads(opps, hanako)["opportunity_id"].tolist() == ["006A"]
    mai = leads[leads["email"] == "mai@d.co.jp"]
    assert opportunities_for_leads(opps, mai).empty


def test_rows_equal_as_values_are_one_deal_whatever_their_text():
    """``0.0`` and ``-0.0`` are one amount: the rows are one deal (no text key splits them)."""
    frame = _opps(
        [
            {"opportunity_name": "X", "company": "A", "amount": 0.0, "email": "a@a.jp"},
            {"opportunity_name": "X", "company": "A", "amount": -0.0, "email": "b@a.jp"},
        ]
    )
    out, said = one_row_per_deal(frame, "o.csv")
    assert out["email"].tolist() == ["a@a.jp;b@a.jp"] and said[0][4] == 1


def test_a_dataset_built_by_hand_with_repeated_index_labels_links_every_contact():
    """A notebook's opportunities (not through the loader), concatenated without a fresh
    index: each row keeps its own contacts."""
    from abm.dataset import Dataset

    leads = pd.DataFrame(
        {
            "lead_id": ["1", "2", "3"],
            "email": ["taro@a.co.jp", "hanako@a.co.jp", "ichiro@b.co.jp"],
            "full_name": ["山田 太郎", "佐藤 花子", "鈴木 一郎"],
            "company": ["株式会社エー", "株式会社エー", "株式会社ビー"],
        }
    )
    one = pd.DataFrame(
        {
            "opportunity_id": ["o1"],
            "company": ["株式会社エー"],
            "email": ["taro@a.co.jp"],
            "contact_name": ["山田 太郎;佐藤 花子"],
            "stage": ["受注"],
        }
    )
    two = one.assign(
        opportunity_id="o2", company="株式会社ビー", email="ichiro@b.co.jp", contact_name=None
    )
    opps = pd.concat([one, two])  # both rows labelled 0
    prepared = prepare(Dataset(leads=leads, opportunities=opps)).dataset
    got = prepared.opportunities
    assert got["contact_ids"].isna().tolist() == [False, True]
    assert sorted(got["contact_ids"].iloc[0].split(";")) == ["1", "2"]
