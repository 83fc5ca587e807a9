"""How Mori reads the third-party export catalogue (issue #13).

Every file of ``tests/fixtures/exports`` (written from the tools' documented
columns, see its README) goes through the real path — ``read_table`` →
``suggest_mapping`` → ``load_files`` — and must come out as its manifest
(``catalogue.json``) says: the tool and report type, the table kind, the
mapping of every header, every data row kept; plus what Mori derives from a
file (origin of activities, full names, 15-character Salesforce ids, bands,
probabilities in percent).

The manifest maps only to canonical columns that existed when it was written
and lists the rest in ``extra_roles``; :data:`EXTRA` says which of those Mori
now maps, to which column. Nothing else may differ.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from abm.ingest import load_files, read_table, suggest_mapping
from abm.ingest.detect import MIN_CONFIDENCE
from abm.ingest.mapping import infer_table
from abm.ingest.signatures import REPORTS
from abm.schema import TABLES

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
MANIFEST = json.loads((HERE / "catalogue.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in MANIFEST["files"]}
ids = pytest.mark.parametrize("name", sorted(ENTRIES))

#: The catalogue names tools by product; Mori keeps the id its saved workspaces use.
TOOL = {"account_engagement": "pardot"}
#: Activities' origin by tool: a CRM's activity history is sales, an MA log marketing.
ORIGIN = {"salesforce": "sales", "marketo": "marketing", "account_engagement": "marketing"}

#: Headers the manifest leaves unmapped (no canonical column then) that Mori maps
#: now, each justified by the manifest's own ``extra_roles`` or ``keys``.
# fmt: off
EXTRA: dict[str, dict[str, str]] = {
    "hubspot_companies_en.csv": {"Country/Region": "country"},
    "hubspot_deals_en.csv": {"Pipeline": "pipeline", "Associated Contact": "contact_name"},
    "hubspot_deals_ja.csv": {"パイプライン": "pipeline"},
    "sf_dataexport_Contact.csv": {"AccountId": "account_id"},
    "sf_dataexport_Event.csv": {"AccountId": "account_id", "Subject": "subject"},
    "sf_dataexport_Opportunity.csv": {"ContactId": "lead_id", "Type": "opportunity_type"},
    "sf_dataexport_Task.csv": {
        "AccountId": "account_id", "Subject": "subject", "Status": "status", "CallDisposition": "result",
    },
    "sf_report_activities_en.csv": {
        "Subject": "subject", "Status": "status", "Assigned": "owner", "Contact: Full Name": "contact_name",
        "Account: Account Name": "company", "Call Result": "result",
    },
    "sf_report_activities_ja.csv": {
        "件名": "subject", "状況": "status", "結果": "result", "任命先": "owner",
        "取引先責任者: 氏名": "contact_name", "取引先: 取引先名": "company",
    },
    "sf_report_contacts_ja.csv": {"取引先: 取引先 ID": "account_id"},
    "sf_report_opportunities_custom_ja.csv": {"取引先責任者: 氏名": "contact_name"},
    "sf_report_opportunities_en.csv": {"Contact: Full Name": "contact_name"},
    "sf_report_opportunities_ja.csv": {"種別": "opportunity_type"},
}
# fmt: on
#: EXTRA entries the manifest has no role for, with the role it gives elsewhere.
SAME_ROLE = {
    ("sf_dataexport_Opportunity.csv", "Type"): ("sf_report_opportunities_ja.csv", "種別"),
}


#: Checks saying rows were left out at load: deals a later file lists again, tasks not done.
LEFT_OUT = ("superseded", "planned_tasks")


def expected_mapping(name: str) -> dict[str, str | None]:
    return {**ENTRIES[name]["mapping"], **EXTRA.get(name, {})}


@cache
def raw(name: str):
    return read_table((HERE / name).read_bytes(), name)


@cache
def loaded(*names: str):
    dataset, errors = load_files([(n, (HERE / n).read_bytes()) for n in names])
    assert errors == (), errors
    return dataset


def data_lines(name: str) -> set[int]:
    """1-based lines of the data rows, read with ``csv`` from the bytes."""
    e = ENTRIES[name]
    text = (HERE / name).read_bytes().decode(e["encoding"])
    reader = csv.reader(io.StringIO(text, newline=""))
    out, start = set(), 1
    for i, record in enumerate(reader):
        if i > e["title_rows"] and any(c.strip() for c in record):
            out.add(start)
        start = reader.line_num + 1
    return out


# --------------------------------------------------------------- the manifest


def test_every_extra_mapping_is_a_role_the_manifest_names():
    for name, extra in EXTRA.items():
        e = ENTRIES[name]
        named = set(e.get("extra_roles", {})) | {v for v in e["keys"].values() if v}
        for header, canon in extra.items():
            assert e["mapping"][header] is None, (name, header)
            if (name, header) in SAME_ROLE:
                other, same = SAME_ROLE[name, header]
                assert same in ENTRIES[other]["extra_roles"]
                assert canon == EXTRA[other][same]
                continue
            assert header in named, (name, header)
            assert canon in TABLES[e["table"]].names, (name, canon)


# ------------------------------------------------------- tool, report, kind


@ids
def test_tool_report_type_and_kind_are_detected(name):
    e = ENTRIES[name]
    m = suggest_mapping(raw(name))
    assert m.vendor == TOOL.get(e["tool"], e["tool"])
    assert m.table == e["table"]
    assert m.report in REPORTS and m.report.startswith(m.vendor + ".")
    assert m.detected >= MIN_CONFIDENCE
    assert m.origin == (ORIGIN[e["tool"]] if e["table"] == "activities" else None)


@ids
def test_kind_follows_from_the_columns_meanings_alone(name):
    """Without any golden header set: object prefixes and mapped columns decide."""
    e = ENTRIES[name]
    assert infer_table(e["headers"], TOOL.get(e["tool"], e["tool"])) == e["table"]


@ids
def test_every_header_is_mapped_as_the_manifest_says(name):
    m = suggest_mapping(raw(name))
    assert m.as_dict() == expected_mapping(name)
    conf = dict(m.confidence)
    assert all(conf[h] >= 0.9 for h, c in m.as_dict().items() if c), name


# ------------------------------------------------------------ loading, rows


@ids
def test_every_data_row_is_loaded_once_with_its_line(name):
    e = ENTRIES[name]
    ds = loaded(name)
    frame = ds.tables()[e["table"]]
    (report,) = ds.sources
    left_out = int(report.issues.loc[report.issues["check"].isin(LEFT_OUT), "count"].sum())
    assert len(frame) + left_out == e["data_rows"]
    assert frame["source_row"].is_unique and set(frame["source_row"]) <= data_lines(name)
    assert frame["source_file"].eq(name).all()
    assert (report.table, report.rows) == (e["table"], len(frame))  # rows loaded
    assert 0.9 <= report.mapping_quality <= 1.0


def test_the_whole_catalogue_loads_together_and_nothing_is_lost():
    """Every lead row is kept, merged or excluded with a reason; every other row is kept, or
    (opportunities) left out because a file loaded later lists the same deal, which the
    earlier file's report says row for row: the catalogue's Salesforce data export and its
    Japanese opportunity report hold the same 40 deals."""
    from abm.pipeline import prepare

    names = tuple(sorted(ENTRIES))
    ds = loaded(*names)
    assert {s.file for s in ds.sources} == set(names)
    told = {
        s.file: int(s.issues.loc[s.issues["check"].isin(LEFT_OUT), "count"].sum())
        for s in ds.sources
    }
    for table in ("activities", "opportunities", "accounts"):
        want = {(n, r) for n in names if ENTRIES[n]["table"] == table for r in data_lines(n)}
        got = ds.tables()[table]
        pairs = list(zip(got["source_file"], got["source_row"].astype(int), strict=True))
        if table == "activities":  # a card exchanged is a touch: one per card, beside them
            cards = [p for p in pairs if ENTRIES[p[0]]["table"] == "leads"]
            assert cards and {f for f, _ in cards} == {"eight_cards.csv"}
            assert set(cards) <= {("eight_cards.csv", r) for r in data_lines("eight_cards.csv")}
            pairs = [p for p in pairs if ENTRIES[p[0]]["table"] != "leads"]
        assert len(pairs) == len(set(pairs)) and set(pairs) <= want, table
        left_out = Counter(file for file, _ in want - set(pairs))
        assert left_out == Counter({f: n for f, n in told.items() if n and f in left_out}), table
        assert sum(left_out.values()) == sum(told[n] for n in names if ENTRIES[n]["table"] == table)
        # and each of those rows can be downloaded, with its reason and its cells (#13)
        listed = [
            ((s.file, int(r)), c)
            for s in ds.sources
            if ENTRIES[s.file]["table"] == table and len(s.left_out)
            for r, c in zip(s.left_out["row"], s.left_out["check"], strict=True)
        ]
        assert Counter(k for k, _ in listed) + Counter(pairs) == Counter(want), table
        assert {c for _, c in listed} <= {*LEFT_OUT, "deal_rows_merged"}, table
    assert told["sf_dataexport_Opportunity.csv"] == 40
    for s in ds.sources:  # a file's won / lost / open count the deals it still holds
        if s.table == "opportunities":
            folded = int(s.issues.loc[s.issues["check"] == "deal_rows_merged", "count"].sum())
            assert int(s.outcomes["rows"].sum()) + told[s.file] + folded == s.rows, s.file
    want = {(n, r) for n in names if ENTRIES[n]["table"] == "leads" for r in data_lines(n)}
    assert len(ds.leads) == len(want)
    clean = prepare(ds).clean
    seen = pd.concat(
        [f[["source_file", "source_row"]] for f in (clean.kept, clean.merged, clean.excluded)],
        ignore_index=True,
    )
    pairs = list(zip(seen["source_file"], seen["source_row"].astype(int), strict=True))
    assert len(pairs) == len(set(pairs)), "a lead row came out twice"
    assert set(pairs) == want, "lead rows lost or invented"
    assert clean.excluded["exclusion_reason"].notna().all()


# ------------------------------------------------------ what a file implies


@pytest.mark.parametrize(
    "name", sorted(n for n, e in ENTRIES.items() if e["table"] == "activities")
)
def test_activities_carry_the_origin_of_their_report(name):
    acts = loaded(name).activities
    assert acts["origin"].eq(ORIGIN[ENTRIES[name]["tool"]]).all()


def test_origin_can_be_overridden_in_the_mapping():
    r = raw("sf_report_activities_ja.csv")
    m = suggest_mapping(r)
    from dataclasses import replace

    from abm.ingest import apply_mapping

    frame, _ = apply_mapping(r, replace(m, origin="marketing"))
    assert frame["origin"].eq("marketing").all()
    frame, _ = apply_mapping(r, replace(m, origin=None))
    assert "origin" not in frame.columns


def test_satori_full_name_is_family_name_then_given_name():
    leads = loaded("satori_customers.csv").leads
    _, rows = _table("satori_customers.csv")
    assert leads["first_name"].tolist() == [r["名前"] for r in rows]
    assert leads["full_name"].tolist() == [f"{r['苗字']} {r['名前']}" for r in rows]
    report = loaded("satori_customers.csv").sources[0]
    assert "full_name_built" in set(report.issues["check"])


def test_western_names_are_given_name_first():
    leads = loaded("hubspot_contacts_en.csv").leads
    _, rows = _table("hubspot_contacts_en.csv")
    assert leads["full_name"].tolist() == [f"{r['First Name']} {r['Last Name']}" for r in rows]


def test_salesforce_18_character_ids_are_the_report_15_character_ids():
    api = loaded("sf_dataexport_Contact.csv").leads
    report = loaded("sf_report_contacts_ja.csv").leads
    assert api["lead_id"].str.len().eq(15).all()
    assert set(api["lead_id"]) == set(report["lead_id"])
    accounts = loaded("sf_dataexport_Account.csv").accounts
    assert set(api["account_id"].dropna()) <= set(accounts["account_id"])
    assert set(report["account_id"].dropna()) <= set(accounts["account_id"])
    task = loaded("sf_dataexport_Task.csv").activities
    assert task["lead_id"].dropna().str.len().eq(15).all()


def test_hubspot_2000_plus_is_2000_with_its_band_kept():
    acc = loaded("hubspot_companies_en.csv").accounts
    _, rows = _table("hubspot_companies_en.csv")
    raw_emp = [r["Number of Employees"] for r in rows]
    assert raw_emp.count("2000+") == 3
    for got, band, text in zip(acc["employees"], acc["employees_band"], raw_emp, strict=True):
        if text == "2000+":
            assert (got, band) == (2000, "2000+")
        else:
            assert got == int(text) and pd.isna(band)
    assert acc["employees"].notna().all()


def test_pardot_text_bands_become_lower_bounds():
    leads = loaded("pardot_prospects.csv").leads
    _, rows = _table("pardot_prospects.csv")
    bands = {r["employees"] for r in rows} | {r["annualRevenue"] for r in rows}
    assert {"2,000名以上", "100億円以上"} <= bands
    assert leads["employees"].notna().all() and leads["annual_revenue"].notna().all()
    by_band = dict(zip(leads["employees_band"], leads["employees"], strict=True))
    assert by_band["2,000名以上"] == 2000
    rev = dict(zip(leads["annual_revenue_band"], leads["annual_revenue"], strict=True))
    assert rev["100億円以上"] == 1e10


def test_hubspot_probability_fraction_becomes_percent():
    opps = loaded("hubspot_deals_en.csv").opportunities
    _, rows = _table("hubspot_deals_en.csv")
    want = [float(r["Deal probability"]) * 100 for r in rows]
    assert opps["probability"].tolist() == pytest.approx(want)
    sf = loaded("sf_report_opportunities_en.csv").opportunities
    _, rows = _table("sf_report_opportunities_en.csv")
    assert sf["probability"].tolist() == pytest.approx(
        [float(r["Opportunity: Probability (%)"]) for r in rows]
    )


def _table(name: str) -> tuple[list[str], list[dict[str, str]]]:
    e = ENTRIES[name]
    text = (HERE / name).read_bytes().decode(e["encoding"])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[e["title_rows"]]
    return header, [dict(zip(header, r, strict=True)) for r in rows[e["title_rows"] + 1 :]]


# ------------------------------------------------------------ mapping quality


def _load_headers(name: str, drop: set[str]):
    header, rows = _table(name)
    keep = [h for h in header if h not in drop]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(keep)
    w.writerows([[r[h] for h in keep] for r in rows])
    ds, errors = load_files([(name, buf.getvalue().encode("utf-8"))])
    assert not errors
    return ds.sources[0]


def test_quality_is_full_with_a_person_key():
    assert _load_headers("sf_report_activities_ja.csv", set()).mapping_quality == 1.0


def test_quality_halves_when_only_the_company_is_left():
    person = {"取引先責任者: 氏名", "取引先責任者: メール"}
    report = _load_headers("sf_report_activities_ja.csv", person)
    assert report.mapping_quality == pytest.approx(0.5)


def test_quality_is_zero_and_the_load_warns_without_any_key():
    keys = {"取引先責任者: 氏名", "取引先責任者: メール", "取引先: 取引先名"}
    report = _load_headers("sf_report_activities_ja.csv", keys)
    assert report.mapping_quality == 0.0
    assert {"no_link_key"} & set(report.issues["check"])


def test_quality_counts_a_key_column_that_is_mapped_but_empty():
    name = "sf_report_activities_en.csv"
    header, rows = _table(name)
    blank = {"Contact: Email", "Contact: Full Name"}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows([["" if h in blank else r[h] for h in header] for r in rows])
    ds, errors = load_files([(name, buf.getvalue().encode("utf-8"))])
    assert not errors
    assert ds.sources[0].mapping_quality == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("sf_report_activities_ja.csv", "状況"),
        ("sf_report_activities_en.csv", "Status"),
        ("sf_dataexport_Task.csv", "Status"),
    ],
)
def test_tasks_not_started_are_a_plan_not_a_touch_and_are_said(name, column):
    _, rows = _table(name)
    lines = sorted(data_lines(name))
    planned = {i for i, r in zip(lines, rows, strict=True) if r[column] in PLANNED}
    assert planned  # the fixtures hold some
    (report,) = loaded(name).sources
    issue = report.issues.set_index("check").loc["planned_tasks"]
    assert (issue["count"], issue["row"], issue["column"]) == (len(planned), min(planned), column)
    kept = loaded(name).activities
    assert not set(kept["source_row"].astype(int)) & planned
    assert not kept["status"].isin(PLANNED).any()


#: The statuses the fixtures write for a task not done.
PLANNED = frozenset({"未着手", "Not Started", "延期", "Deferred"})
