"""The third-party export catalogue (issue #13) is internally consistent.

Only the catalogue's own integrity is checked here: every file exists, decodes
in its stated encoding, has the header row the manifest states, and the
expected counts (won/lost/open, activity kinds, link rates) are recomputed from
the file bytes with the rules the manifest states and add up to the row count.
How Mori reads these files is tested by the implementation of #13.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from abm.schema import TABLES
from tests.support.exports import catalogue_generator

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
MANIFEST = json.loads((HERE / "catalogue.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in MANIFEST["files"]}
KIND_TABLE = {
    "leads": "leads",
    "contacts-as-leads": "leads",
    "accounts": "accounts",
    "opportunities": "opportunities",
    "activities": "activities",
}
ids = pytest.mark.parametrize("name", sorted(ENTRIES))


@cache
def table(name: str) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a file, decoded strictly in the stated encoding."""
    e = ENTRIES[name]
    text = (HERE / name).read_bytes().decode(e["encoding"], errors="strict")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[e["title_rows"]], rows[e["title_rows"] + 1 :]


def records(name: str) -> list[dict[str, str]]:
    header, rows = table(name)
    return [dict(zip(header, r, strict=True)) for r in rows]


def key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


# ----------------------------------------------------------------- coverage


def test_catalogue_covers_every_tool_and_file_kind():
    assert len(ENTRIES) >= 16
    tools = {e["tool"] for e in ENTRIES.values()}
    assert {"salesforce", "hubspot", "marketo", "account_engagement", "bownow", "satori"} <= tools
    assert "business_card" in tools
    assert set(KIND_TABLE) == {e["kind"] for e in ENTRIES.values()}
    assert {"ja", "en", "api"} <= {e["language"] for e in ENTRIES.values()}
    assert {"cp932", "utf-8", "utf-8-sig"} <= {e["encoding"] for e in ENTRIES.values()}
    assert any(e["title_rows"] for e in ENTRIES.values())


def test_every_file_in_the_folder_is_catalogued():
    on_disk = {p.name for p in HERE.iterdir() if p.suffix == ".csv"}
    assert on_disk == set(ENTRIES)


# ------------------------------------------------------------ bytes and shape


@ids
def test_file_decodes_in_its_encoding_with_the_stated_bom_and_line_ends(name):
    e, data = ENTRIES[name], (HERE / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is e["bom"]
    data.decode(e["encoding"], errors="strict")
    if e["encoding"] == "cp932":  # really CP932, not UTF-8 that happens to decode
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    lines = data.split(b"\n")[:-1]
    assert lines, name
    assert all(line.endswith(b"\r") for line in lines) is (e["line_ending"] == "CRLF")


@ids
def test_header_row_and_row_count_match_the_manifest(name):
    e = ENTRIES[name]
    header, rows = table(name)
    assert header == e["headers"]
    assert len(set(header)) == len(header)
    assert len(rows) == e["data_rows"]
    assert 20 <= len(rows) <= 60
    assert all(len(r) == len(header) for r in rows)


@ids
def test_title_rows_are_not_a_header(name):
    e = ENTRIES[name]
    text = (HERE / name).read_bytes().decode(e["encoding"])
    first = next(csv.reader(io.StringIO(text)))
    assert (first == e["headers"]) is (e["title_rows"] == 0)


@ids
def test_mapping_names_only_canonical_columns_of_the_file_kind(name):
    e = ENTRIES[name]
    assert KIND_TABLE[e["kind"]] == e["table"]
    assert list(e["mapping"]) == e["headers"]
    names = set(TABLES[e["table"]].names)
    targets = [v for v in e["mapping"].values() if v is not None]
    assert set(targets) <= names
    assert len(targets) == len(set(targets)), "two columns mapped to one canonical field"
    assert set(e.get("extra_roles", {})) <= set(e["headers"])
    assert set(e.get("value_formats", {})) <= set(e["headers"])
    for role, col in e["keys"].items():
        assert col is None or col in e["headers"], role


@ids
def test_every_file_names_its_sources_and_how_sure_they_are(name):
    e = ENTRIES[name]
    assert e["sources"]
    for s in e["sources"]:
        assert s["where"] and s["says"] and isinstance(s["consulted"], bool)
    assert {"headers", "encoding", "values"} <= set(e["evidence"])


# --------------------------------------------------------- expected counts


OPPS = sorted(n for n, e in ENTRIES.items() if "outcomes" in e)
ACTS = sorted(n for n, e in ENTRIES.items() if "activity_kinds" in e)
LINKED = sorted(n for n, e in ENTRIES.items() if "links" in e)


def test_every_opportunity_and_activity_file_has_expectations():
    kinds = {n: e["kind"] for n, e in ENTRIES.items()}
    assert set(OPPS) == {n for n, k in kinds.items() if k == "opportunities"}
    assert set(ACTS) == {n for n, k in kinds.items() if k == "activities"}
    assert set(ACTS) <= set(LINKED)
    assert len(OPPS) >= 6 and len(ACTS) >= 6


@pytest.mark.parametrize("name", OPPS)
def test_won_lost_open_follow_from_the_stage_and_add_up(name):
    spec = ENTRIES[name]["outcomes"]
    got = {"won": 0, "lost": 0, "open": 0}
    for r in records(name):
        outcome = spec["meaning"][r[spec["stage_column"]]]
        got[outcome] += 1
        if spec["flags"]:
            true = spec["flags"]["true"]
            assert (r[spec["flags"]["won"]] == true) is (outcome == "won")
            assert (r[spec["flags"]["closed"]] == true) is (outcome != "open")
    assert got == {k: spec[k] for k in got}
    assert sum(got.values()) == ENTRIES[name]["data_rows"]
    assert got["won"] and got["lost"] and got["open"]


@pytest.mark.parametrize("name", ACTS)
def test_activity_kinds_follow_from_the_type_and_add_up(name):
    spec = ENTRIES[name]["activity_kinds"]
    got = {"sales_touch": 0, "marketing": 0, "other": 0}
    for r in records(name):
        got[spec["meaning"][r[spec["type_column"]]]] += 1
    assert got == {k: spec[k] for k in got}
    assert sum(got.values()) == ENTRIES[name]["data_rows"]


def _companion_keys(step: dict) -> set:
    out: set = set()
    for comp, cols in step["companion"].items():
        for c in records(comp):
            if step["by"] == "id":
                out.add(c[cols])
            elif step["by"] == "email":
                out.add(c[cols].strip().casefold())
            else:
                name = "".join(c[n] for n in cols["name_columns"])
                out.add((key(name), key(c[cols["company_column"]])))
    out.discard("")
    return out


def _row_key(r: dict[str, str], step: dict) -> list:
    if step["by"] == "id":
        value = r[step["column"]]
        return [
            v for v in (value.split(step["separator"]) if "separator" in step else [value]) if v
        ]
    if step["by"] == "email":
        e = r[step["column"]].strip().casefold()
        return [e] if e else []
    name, company = key("".join(r[c] for c in step["name_columns"])), key(r[step["company_column"]])
    return [(name, company)] if name and company else []


@pytest.mark.parametrize("name", LINKED)
def test_link_counts_follow_from_the_companion_files_and_add_up(name):
    spec = ENTRIES[name]["links"]
    assert set(spec["companions"]) <= set(ENTRIES)
    label = {"id": "by_id", "email": "by_email", "name_company": "by_name_company"}
    known = [_companion_keys(step) for step in spec["steps"]]
    got = dict.fromkeys(("by_id", "by_email", "by_name_company", "unlinked"), 0)
    for r in records(name):
        hit = next(
            (
                label[s["by"]]
                for s, k in zip(spec["steps"], known, strict=True)
                if set(_row_key(r, s)) & k
            ),
            "unlinked",
        )
        got[hit] += 1
    assert got == {k: spec[k] for k in got}
    assert sum(got.values()) == ENTRIES[name]["data_rows"]
    assert got["unlinked"] < ENTRIES[name]["data_rows"]


def test_name_and_company_links_exist_where_contacts_lack_an_email():
    by_name = [n for n in LINKED if ENTRIES[n]["links"]["by_name_company"]]
    assert {"sf_report_activities_ja.csv", "sf_report_opportunities_custom_ja.csv"} <= set(by_name)


# ------------------------------------------------------------- the generator


def test_files_and_manifest_on_disk_match_the_generator():
    files, manifest = catalogue_generator().build()
    assert set(files) == set(ENTRIES)
    for name, data in files.items():
        assert (HERE / name).read_bytes() == data, f"{name}: run make_catalogue.py"
    assert json.loads(json.dumps(manifest, ensure_ascii=False)) == MANIFEST


def test_generator_is_deterministic():
    first, second = catalogue_generator().build(), catalogue_generator().build()
    assert first == second
