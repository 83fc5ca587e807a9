"""What opportunity and activity exports mean, against the catalogue (issue #13 items 2-3).

For each file of ``tests/fixtures/exports`` the manifest (``catalogue.json``)
says how many opportunities were won, lost and still open, and how many rows
reach a person of the companion export by id, by e-mail and by contact name
+ company. The files are read with the manifest's own mapping (plus the name
and company columns its link steps name), not with Mori's detection, so these
figures test the meaning of rows — phases and links — and nothing else.

Links by id and e-mail are made at load; contact name + company is the 名寄せ
account's (issue #13: "then by contact name + 名寄せ account"), so those rows
wait at load (``pending``) and their counts are checked after
:func:`abm.pipeline.prepare`.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.ingest import build_batch, read_table
from abm.ingest.mapping import ColumnMapping
from abm.pipeline import PERSON_RULES, Prepared, link_summary, prepare
from tests.support.exports import catalogue_generator

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
#: The generator's companies by every key a file may name them with: Japanese or English
#: name, or the domain of their people's addresses.
COMPANY = {
    key: i for i, c in enumerate(catalogue_generator().COMPANIES) for key in (c.ja, c.en, c.domain)
}
MANIFEST = json.loads((HERE / "catalogue.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in MANIFEST["files"]}
VENDOR = {"account_engagement": "pardot"}
OPPORTUNITY_FILES = sorted(f for f, e in ENTRIES.items() if e.get("outcomes"))
LINKED_FILES = sorted(f for f, e in ENTRIES.items() if e.get("links"))
#: The manifest's link steps -> Mori's link_rule.
RULE = {"by_id": "id", "by_email": "email", "by_name_company": "name_account"}


def _mapping(name: str) -> ColumnMapping:
    """The manifest's mapping, plus the columns its link steps read (id, name, company)."""
    entry = ENTRIES[name]
    columns = dict(entry["mapping"])
    for step in (entry.get("links") or {}).get("steps", []):
        if step["by"] == "id" and columns.get(step["column"]) is None:
            columns[step["column"]] = "lead_id"
        if step["by"] == "name_company":
            (name_col,) = step["name_columns"]
            columns[name_col] = "contact_name"
            if step["company_column"] not in {k for k, v in columns.items() if v == "company"}:
                columns = {k: (None if v == "company" else v) for k, v in columns.items()}
                columns[step["company_column"]] = "company"
    vendor = VENDOR.get(entry["tool"], entry["tool"])
    return ColumnMapping(
        table=entry["table"],
        vendor=vendor,
        columns=tuple((h, columns.get(h)) for h in entry["headers"]),
    )


@cache
def _raw(name: str):
    return read_table((HERE / name).read_bytes(), name)


@cache
def _loaded(name: str) -> Dataset:
    companions = (ENTRIES[name].get("links") or {}).get("companions", [])
    parts = [(_raw(f), _mapping(f)) for f in (name, *companions)]
    result = build_batch(parts)
    assert result.errors == ()
    return result.dataset


@cache
def _prepared(name: str) -> Prepared:
    return prepare(_loaded(name))  # the default rules: the catalogue's addresses are ordinary


def _report(name: str):
    return next(r for r in _loaded(name).sources if r.file == name)


@pytest.mark.parametrize("name", OPPORTUNITY_FILES)
def test_won_lost_open_equal_the_manifest(name):
    want = ENTRIES[name]["outcomes"]
    opps = _loaded(name).opportunities
    got = opps["outcome"].value_counts().to_dict()
    assert {k: int(got.get(k, 0)) for k in ("won", "lost", "open")} == {
        k: want[k] for k in ("won", "lost", "open")
    }
    report = _report(name)
    by = report.outcomes.set_index(["outcome", "source"])["rows"]
    assert int(by.sum()) == len(opps)
    flags = want.get("flags")
    if flags:  # a file with won/closed flags says every outcome through them
        assert int(by.xs("flags", level="source").sum()) == len(opps)
    else:  # a phase-only report: every outcome from the phase, none unknown
        assert int(by.xs("phase", level="source").sum()) == len(opps)
    said = report.phases.set_index("phase")["outcome"].to_dict()
    meaning = want["meaning"]
    assert {p: said[p] for p in meaning if p in said} == {
        p: o for p, o in meaning.items() if p in said
    }


def test_an_unknown_phase_is_listed_and_counted():
    """The custom report's 保留 is a known open phase; renamed to a word Mori does not know,
    it is listed with its rows, counted as open and reported (never quoted)."""
    name = "sf_report_opportunities_custom_ja.csv"
    raw = _raw(name)
    col = ENTRIES[name]["outcomes"]["stage_column"]
    frame = raw.frame.assign(**{col: raw.frame[col].replace({"保留": "社内調整"})})
    renamed = dataclasses.replace(raw, frame=frame)
    result = build_batch([(renamed, _mapping(name))])
    report = result.dataset.sources[0]
    phases = report.phases.set_index("phase")
    held = int((raw.frame[col] == "保留").sum())
    assert held > 0
    assert phases.loc["社内調整", "outcome"] == "unknown"
    assert phases.loc["社内調整", "rows"] == held
    issue = report.issues.set_index("check").loc["unknown_phase"]
    assert (issue["count"], issue["message_key"]) == (held, "ingest.issue.unknown_phase")
    assert "社内調整" not in report.issues.to_string()  # counted, never quoted in a message


@pytest.mark.parametrize("name", LINKED_FILES)
def test_link_counts_at_load_are_id_and_email_the_rest_waits_for_resolution(name):
    want = ENTRIES[name]["links"]
    links = _report(name).links
    assert (links.get("id", 0), links.get("email", 0)) == (want["by_id"], want["by_email"])
    assert links.get("name_account", 0) == links.get("account", 0) == 0  # no 名寄せ account yet
    later = want["by_name_company"] + want["unlinked"]
    assert links.get("pending", 0) + links.get("none", 0) == later
    assert links.get("pending", 0) >= want["by_name_company"]  # every name row is looked up
    issues = _report(name).issues.set_index("check")
    if links.get("pending", 0):  # the load says which rows wait, not that they are unlinked
        assert issues.loc["linked_after_resolve", "count"] == links["pending"]


@pytest.mark.parametrize("name", LINKED_FILES)
def test_link_counts_by_rule_after_resolution_equal_the_manifest(name):
    want = ENTRIES[name]["links"]
    summary = link_summary(_prepared(name).dataset).set_index("file")
    got = {k: int(summary.loc[name, rule]) for k, rule in RULE.items()}
    got["unlinked"] = int(summary.loc[name, "account"] + summary.loc[name, "none"])
    assert got == {k: want[k] for k in (*RULE, "unlinked")}
    assert summary.loc[name, "pending"] == 0  # 名寄せ decided every waiting row
    table = _prepared(name).dataset.tables()[ENTRIES[name]["table"]]
    rows = table[table["source_file"] == name]
    assert rows["link_rule"].isin(PERSON_RULES).sum() == sum(want[k] for k in RULE)


@pytest.mark.parametrize("name", LINKED_FILES)
def test_linked_rows_point_at_a_person_of_the_companion(name):
    ds = _loaded(name)
    table = ds.tables()[ENTRIES[name]["table"]]
    rows = table[(table["source_file"] == name) & table["link_rule"].isin(PERSON_RULES)]
    assert rows["lead_id"].isin(ds.leads["lead_id"]).all()


@pytest.mark.parametrize("name", LINKED_FILES)
def test_nothing_lost_and_people_stay_linked_after_cleaning(name):
    ds = _loaded(name)
    out = _prepared(name)
    clean = out.clean
    assert len(clean.kept) + len(clean.merged) + len(clean.excluded) == len(ds.leads)
    kind = ENTRIES[name]["table"]
    before = ds.tables()[kind]
    after = out.dataset.tables()[kind]
    assert len(after) == len(before)  # every row kept
    assert after["source_row"].tolist() == before["source_row"].tolist()
    linked_before = before["link_rule"].isin(PERSON_RULES).to_numpy()
    linked_after = after["link_rule"].isin(PERSON_RULES).to_numpy()
    assert (linked_after | ~linked_before).all()  # cleaning never unlinks a person
    # a linked row is at its person's account (none when the person names no company)
    person = out.dataset.leads.set_index("lead_id")["account_id"]
    theirs = person.reindex(after.loc[linked_after, "lead_id"]).to_numpy(dtype=object)
    mine = after.loc[linked_after, "account_id"].to_numpy(dtype=object)
    assert pd.Series(mine).fillna("-").tolist() == pd.Series(theirs).fillna("-").tolist()


@pytest.mark.parametrize("name", LINKED_FILES)
def test_default_rules_keep_every_catalogue_person_and_find_one_account_per_company(name):
    """The catalogue's people are ordinary business contacts: the default 営業対象外 rules
    exclude none of them (an ``example.jp`` address would be test data, and the
    third-party journey would then count six leads of 75), and 名寄せ finds one account
    per company the people work for: the generator's own company, found by the Japanese
    or English name a file spells, else by the address's domain. A Salesforce contact
    with neither (its ``AccountId`` not mapped, ``Account.csv`` not loaded) has no account:
    it is counted as such, not made an account of its own."""
    ds = _loaded(name)
    out = _prepared(name)
    summary = out.clean.summary
    assert summary["excluded"] == 0
    assert summary["kept"] + summary["merged"] == len(ds.leads)
    expected, nameless = set(), 0
    people = ds.leads.reindex(columns=["company", "email"])  # Contact.csv: no company name
    for name_, email in people.itertuples(index=False):
        domain = email.rsplit("@", 1)[1] if isinstance(email, str) else None
        company = COMPANY.get(name_ if isinstance(name_, str) else domain)
        if company is None:
            nameless += 1
        else:
            expected.add(company)
    assert summary["accounts"] == len(expected)
    assert summary["kept_by_rule"]["no_company"] == nameless
    assert out.dataset.leads["account_id"].isna().sum() == nameless


def test_full_width_spaces_and_same_names_at_other_companies():
    """Traps of the Japanese activity report: 山田　太郎 typed with U+3000 links; a
    namesake at another company does not (after 名寄せ, where names are looked up)."""
    name = "sf_report_activities_ja.csv"
    ds = _loaded(name)
    acts = _prepared(name).dataset.activities
    by_name = acts[acts["link_rule"] == "name_account"]
    assert len(by_name) == ENTRIES[name]["links"]["by_name_company"]
    leads = ds.leads.set_index("lead_id")
    for _, row in by_name.iterrows():
        lead = leads.loc[row["lead_id"]]
        assert row["company"] == lead["company"]
    spaced = acts["contact_name"].astype("string").str.contains("\u3000", regex=False).fillna(False)
    assert (acts.loc[spaced.to_numpy(dtype=bool), "link_rule"] != "none").all()


def test_a_file_with_no_person_key_warns_in_the_library():
    name = "sf_report_opportunities_ja.csv"  # links to accounts only
    report = _report(name) if name in LINKED_FILES else None
    result = build_batch([(_raw(name), _mapping(name))])
    report = result.dataset.sources[0]
    checks = set(report.issues["check"])
    assert "no_person_key" in checks
    assert report.mapping_quality < 1.0 or report.table == "opportunities"
    stripped = _mapping(name)
    keyless = ColumnMapping(
        table=stripped.table,
        vendor=stripped.vendor,
        columns=tuple(
            (h, None if c in ("company", "opportunity_id") else c) for h, c in stripped.columns
        ),
    )
    report = build_batch([(_raw(name), keyless)]).dataset.sources[0]
    assert "no_link_key" in set(report.issues["check"])
    assert report.mapping_quality < 1.0
    assert pd.isna(report.link_rate) or report.link_rate == 0.0
