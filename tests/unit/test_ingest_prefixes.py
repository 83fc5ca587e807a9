"""Object prefixes and separators: golden tables for splitting and for mapping in context."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.ingest import suggest_mapping
from abm.ingest.headers import object_of, split_object
from abm.ingest.mapping import infer_table

SPLITS: list[tuple[str, list[tuple[str, str, bool]]]] = [
    ("取引先責任者: メール", [("person", "メール", True)]),
    ("取引先責任者：メール", [("person", "メール", True)]),  # full-width colon
    ("Contact: Email", [("person", "Email", True)]),
    ("Contact : Email", [("person", "Email", True)]),
    ("Opportunity.StageName", [("opportunity", "StageName", True)]),
    ("取引先／取引先名", [("account", "取引先名", True)]),
    ("Account/Account Name", [("account", "Account Name", True), ("account", "Name", False)]),
    ("Deal > Deal Stage", [("opportunity", "Deal Stage", True), ("opportunity", "Stage", False)]),
    ("取引先責任者 所有者", [("person", "所有者", False)]),
    ("商談: 商談 所有者", [("opportunity", "商談 所有者", True), ("opportunity", "所有者", False)]),
    (
        "Opportunity.Account.Name",
        [("opportunity", "Account.Name", True), ("account", "Name", True)],
    ),
    ("ToDo: 件名", [("activity", "件名", True)]),
    ("行動: 件名", [("activity", "件名", True)]),
    ("Task.Subject", [("activity", "Subject", True)]),
    ("No. of Employees", []),
    ("State/Province", []),
    ("Mailing State/Province", []),
    ("Zip/Postal Code", []),
    ("取引先名", []),  # no separator: 取引先名 is one word, not 取引先 + 名
    ("Contact:", []),  # nothing after the prefix
    (": Email", []),
    ('Date entered "Lead (Lifecycle Stage Pipeline)"', []),
]


@pytest.mark.parametrize(("header", "parts"), SPLITS)
def test_split_object(header: str, parts: list) -> None:
    assert split_object(header) == parts


def test_object_words() -> None:
    assert [object_of(w) for w in ("取引先責任者", "リード", "Contact", "LEAD", "取引先")] == [
        "person", "person", "person", "person", "account",
    ]  # fmt: skip
    assert [object_of(w) for w in ("商談", "Deal", "活動", "ToDo", "Event", "Email")] == [
        "opportunity", "opportunity", "activity", "activity", "activity", None,
    ]  # fmt: skip


#: (header, table) -> canonical column: the prefix says whose field it is.
IN_CONTEXT: list[tuple[str, str, str | None]] = [
    ("取引先責任者: メール", "activities", "email"),
    ("取引先責任者: 氏名", "activities", "contact_name"),  # the person's name, not the activity's
    ("取引先: 取引先名", "activities", "company"),
    ("取引先／取引先名", "activities", "company"),
    ("Account.Id", "activities", "account_id"),
    ("Lead.Email", "activities", "email"),
    ("ToDo: 件名", "activities", "subject"),
    ("Task.Subject", "activities", "subject"),
    ("商談: 商談名", "activities", None),  # a related opportunity: not kept on activities
    ("取引先: 取引先名", "leads", "company"),
    ("取引先: 業種", "leads", "industry"),
    ("Account: Website", "leads", "domain"),
    ("取引先: 取引先 ID", "leads", "account_id"),
    ("取引先責任者: 氏名", "leads", "full_name"),
    ("リード: メール", "leads", "email"),
    ("取引先責任者 所有者", "leads", "owner"),
    ("Company / Account", "leads", "company"),
    ("取引先: 取引先名", "opportunities", "company"),
    ("商談: 取引先名", "opportunities", "company"),  # the opportunity's company
    ("取引先責任者: 氏名", "opportunities", "contact_name"),
    ("取引先責任者: 役職", "opportunities", None),  # the contact's title is no field of a deal
    ("商談 所有者", "opportunities", "owner"),
    ("Opportunity.StageName", "opportunities", "stage"),
    ("Opportunity.Amount", "opportunities", "amount"),
    ("Opportunity.Account.Name", "opportunities", "company"),
    ("Contact.Email", "opportunities", "email"),
    ("Contact : Email", "opportunities", "email"),
    ("Contact: Contact ID", "opportunities", "lead_id"),
    ("Contact: Title", "opportunities", None),
    ("Account.Name", "opportunities", "company"),
    ("Contact: Email", "accounts", None),
]


@pytest.mark.parametrize(("header", "table", "canonical"), IN_CONTEXT)
def test_prefixed_header_maps_by_its_object(header: str, table: str, canonical: str | None) -> None:
    m = suggest_mapping([header, "Other"], table=table)
    assert m.as_dict()[header] == canonical
    assert (dict(m.confidence)[header] >= 0.95) is (canonical is not None)


#: Header sets no signature knows: the table comes from prefixes and meanings.
KINDS: list[tuple[list[str], str]] = [
    (["Opportunity: Name", "Opportunity: Stage", "Opportunity: Amount", "Contact: Email"], "opportunities"),
    (["商談.商談名", "商談.フェーズ", "取引先.取引先名", "取引先責任者.メール"], "opportunities"),
    (["Task: Subject", "Task: Date", "Contact: Email", "Account: Account Name"], "activities"),
    (["取引先責任者: 氏名", "取引先責任者: メール", "取引先責任者: 役職", "取引先: 取引先名"], "leads"),
    (["Account: Name", "Account: Industry", "Account: Website"], "accounts"),
    (["件名", "種別", "日付", "取引先責任者: メール", "取引先: 取引先名"], "activities"),
    (["Name", "Industry", "Website", "NumberOfEmployees"], "accounts"),  # a bare Name is the record's
    (["Name", "Email", "Industry", "Website"], "leads"),
    (["取引名", "取引ステージ", "クローズ日"], "opportunities"),
    (["id", "prospectId", "typeName", "createdAt"], "leads"),  # without Pardot's own words: a date + id
]  # fmt: skip


@pytest.mark.parametrize(("headers", "table"), KINDS)
def test_table_kind_from_prefixes_and_meanings(headers: list[str], table: str) -> None:
    assert infer_table(headers) == table


def test_pardot_activity_words_make_it_activities_with_the_tool_known() -> None:
    assert infer_table(["id", "prospectId", "typeName", "createdAt"], "pardot") == "activities"


_OBJECTS = ["取引先責任者", "取引先", "商談", "Contact", "Account", "Opportunity", "Task"]
_FIELDS = ["メール", "氏名", "取引先名", "Email", "Name", "Stage", "Amount", "Subject", "X"]
_SEPS = [": ", ":", "：", ".", "／", "/", " / ", " > "]


@given(
    st.sampled_from(_OBJECTS),
    st.sampled_from(_SEPS),
    st.sampled_from(_FIELDS),
    st.sampled_from(["leads", "activities", "opportunities", "accounts"]),
)
def test_every_separator_means_the_same(obj: str, sep: str, field: str, table: str) -> None:
    """``A: B``, ``A.B``, ``A／B``, ``A / B`` … split and map identically."""
    header = f"{obj}{sep}{field}"
    assert split_object(header) == [(object_of(obj), field, True)]
    ref = suggest_mapping([f"{obj}: {field}"], table=table).as_dict()[f"{obj}: {field}"]
    assert suggest_mapping([header], table=table).as_dict()[header] == ref
