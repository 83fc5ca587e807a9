"""A converted Salesforce lead and the contact it became are one person (#13, QA).

Salesforce keeps a converted lead (``IsConverted`` true) beside the contact it became and
names that contact in ``ConvertedContactId``. The contact's e-mail is often updated after
conversion, so the e-mail and name merge misses the pair: the lead must join its contact
by that id (15 or 18 characters), the contact surviving with the lead's earlier date.
"""

from __future__ import annotations

import pandas as pd

from abm.export import translate_codes
from abm.ingest import load_files, read_table, suggest_mapping
from abm.resolve import clean_leads, dedupe_persons, merge_persons

# Data Loader exports (API names): the converted lead names its contact by its 18-character id
_LEADS = (
    '"Id","LastName","FirstName","Company","Email","Status","IsConverted","ConvertedDate",'
    '"ConvertedAccountId","ConvertedContactId","ConvertedOpportunityId","CreatedDate"\n'
    '"00Q5g00000Lm3QaEAJ","伊藤","誠","九州電設株式会社","makoto.ito@kyushu-densetsu.co.jp",'
    '"Closed - Converted","true","2024-07-22","0015g00000Ac8ZzAAJ","0035g00000Kx7AbAAJ","",'
    '"2024-06-11T02:00:00.000Z"\n'
    '"00Q5g00000Lm3QbEAJ","池田","純","九州電設株式会社","jun.ikeda@kyushu-densetsu.co.jp",'
    '"Working - Contacted","false","","","","","2024-10-01T03:00:00.000Z"\n'
)
_CONTACTS = (
    '"Id","AccountId","LastName","FirstName","Email","CreatedDate"\n'
    '"0035g00000Kx7AbAAJ","0015g00000Ac8ZzAAJ","伊藤","誠","m.ito@kyushu-densetsu.co.jp",'
    '"2024-07-22T04:00:00.000Z"\n'
)
# a contacts report of the Japanese UI: 15-character ids
_CONTACTS_REPORT = (
    "取引先責任者 ID,姓,名,取引先名,メール,作成日\r\n"
    "0035g00000Kx7Ab,伊藤,誠,九州電設株式会社,m.ito@kyushu-densetsu.co.jp,2024/07/22\r\n"
)


def _load(*files: tuple[str, str]) -> pd.DataFrame:
    ds, errors = load_files([(name, text.encode("utf-8")) for name, text in files])
    assert not errors
    return ds.leads


def test_converted_contact_id_is_read_in_its_15_character_form():
    m = suggest_mapping(read_table(_LEADS.encode("utf-8"), "Lead.csv"))
    cols = dict(m.columns)
    assert cols["ConvertedContactId"] == "converted_contact_id"
    assert cols["ConvertedAccountId"] is None and cols["ConvertedOpportunityId"] is None
    leads = _load(("Lead.csv", _LEADS))
    assert leads["converted_contact_id"].tolist()[0] == "0035g00000Kx7Ab"
    assert pd.isna(leads["converted_contact_id"].tolist()[1])


def test_a_converted_lead_and_its_contact_with_another_email_are_one_person():
    leads = _load(("Lead.csv", _LEADS), ("Contact.csv", _CONTACTS))
    assert len(leads) == 3
    marked = dedupe_persons(leads)
    assert marked["person_id"].nunique() == 2  # 伊藤 誠 once, 池田 純
    ito = marked[marked["full_name"] == "伊藤 誠"]
    lead = ito.index[ito["source_file"] == "Lead.csv"][0]
    contact = ito.index[ito["source_file"] == "Contact.csv"][0]
    assert marked.loc[lead, "merged_by"] == "converted_lead"
    assert marked.loc[lead, "merged_into"] == str(contact)
    assert bool(marked.loc[contact, "is_survivor"])
    person = merge_persons(marked).loc[contact]
    assert person["lead_id"] == "0035g00000Kx7Ab"  # the contact is the live record
    assert person["email"] == "m.ito@kyushu-densetsu.co.jp"
    assert person["created_at"] == leads.loc[lead, "created_at"]  # came in as the lead
    assert leads.loc[lead, "created_at"] < leads.loc[contact, "created_at"]
    assert person["lead_status"] == "Closed - Converted"  # what the contact left empty
    words = translate_codes(marked.loc[[lead]], "ja")["merged_by"].tolist()
    assert words == ["取引を開始したリードと、その取引先責任者"]
    assert translate_codes(marked.loc[[lead]], "en")["merged_by"].tolist() == [
        "a converted lead and the contact it became"
    ]


def test_an_18_character_id_meets_a_15_character_one():
    leads = _load(("Lead.csv", _LEADS), ("contacts.csv", _CONTACTS_REPORT))
    assert dedupe_persons(leads)["person_id"].nunique() == 2
    # ids compared without their checksum even where ingestion kept 18 characters
    frame = pd.DataFrame(
        {
            "lead_id": pd.array(["00Q5g00000Lm3Qc", "0035g00000Kx7Ac"], dtype="string"),
            "converted_contact_id": pd.array(["0035g00000Kx7AcXYZ", None], dtype="string"),
            "email": pd.array(["a@ex.co.jp", "b@ex.co.jp"], dtype="string"),
        }
    )
    out = dedupe_persons(frame)
    assert out["merged_by"].tolist()[0] == "converted_lead"
    assert out["is_survivor"].tolist() == [False, True]


def test_the_contact_survives_a_lead_converted_into_an_older_contact():
    frame = pd.DataFrame(
        {
            "lead_id": pd.array(["00Q5g00000Lm3Qc", "0035g00000Kx7Ac"], dtype="string"),
            "converted_contact_id": pd.array(["0035g00000Kx7Ac", None], dtype="string"),
            "email": pd.array(["old@ex.co.jp", "new@ex.co.jp"], dtype="string"),
            "title": pd.array(["課長", None], dtype="string"),
            "created_at": pd.to_datetime(["2024-09-01", "2023-04-01"]),
        }
    )
    person = merge_persons(dedupe_persons(frame))
    assert person.index.tolist() == [1]
    row = person.loc[1]
    assert (row["lead_id"], row["email"], row["title"]) == (
        "0035g00000Kx7Ac",
        "new@ex.co.jp",
        "課長",
    )
    assert row["created_at"] == pd.Timestamp("2023-04-01")


def test_a_converted_lead_whose_contact_is_not_loaded_stays_a_person():
    leads = _load(("Lead.csv", _LEADS))
    marked = dedupe_persons(leads)
    assert marked["person_id"].nunique() == 2
    assert marked["is_survivor"].all() and marked["merged_by"].isna().all()


def test_nothing_is_lost_the_lead_is_merged_with_its_reason():
    leads = _load(("Lead.csv", _LEADS), ("Contact.csv", _CONTACTS))
    res = clean_leads(leads)
    assert len(res.kept) + len(res.merged) + len(res.excluded) == len(leads) == 3
    assert res.merged["merged_by"].tolist() == ["converted_lead"]
    assert res.merged["source_file"].tolist() == ["Lead.csv"]
    assert res.summary["persons"] == 2
