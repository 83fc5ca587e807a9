"""Workspace settings: round-trip, refusal of unknown/newer files, immutability."""

import json

import pytest

from abm.errors import MoriError
from abm.settings import VERSION, Workspace


def test_round_trip_and_hashable_json():
    model = {"activity_points": {"pricing_page": 12}, "half_life_days": 14}
    ws = Workspace().with_section("scoring_model", model)
    mapping = {"table": "leads", "vendor": "generic", "columns": [["会社名", "company"]]}
    ws = ws.with_section("column_mappings", {"mappings": [mapping]})
    again = Workspace.from_json(ws.to_json())
    assert again == ws and again.problems == ()
    assert again.section("scoring_model") == model  # stored as written: a partial model


def test_invalid_section_content_is_refused_alone():
    ws = Workspace().with_section("scoring_model", {"weights": {"pricing": 10}})
    ws = ws.with_section("column_mappings", {"mappings": [{"table": "leads"}]})
    ws = ws.with_section("abm_fit", {"min_indicators": 2})
    again = Workspace.from_json(ws.to_json(), file="client.json")
    assert again.section("abm_fit") == {"min_indicators": 2}
    assert again.section("scoring_model") is None and again.section("column_mappings") is None
    got = {(p.params["section"], p.key, p.params["key"]) for p in again.problems}
    assert got == {
        ("scoring_model", "config.err.unknown_key", "weights"),
        ("column_mappings", "config.err.missing", "mappings[1].vendor"),
    }
    assert all(p.params["file"] == "client.json" for p in again.problems)


def test_section_is_a_copy():
    ws = Workspace().with_section("general", {"a": [1]})
    got = ws.section("general")
    got["a"].append(2)
    assert ws.section("general") == {"a": [1]}


def test_remove_section():
    ws = Workspace().with_section("general", {"a": 1}).with_section("general", None)
    assert ws.section("general") is None


@pytest.mark.parametrize(
    ("doc", "key"),
    [
        ("not json", "settings.err.not_json"),
        (json.dumps([1, 2]), "settings.err.not_workspace"),
        (json.dumps({"format": "other", "version": 1}), "settings.err.not_workspace"),
        (
            json.dumps({"format": "mori-workspace", "version": VERSION + 1}),
            "settings.err.newer_version",
        ),
        (json.dumps({"format": "mori-workspace", "version": "1"}), "settings.err.bad_version"),
        (json.dumps({"format": "mori-workspace", "version": True}), "settings.err.bad_version"),
        (
            json.dumps({"format": "mori-workspace", "version": 1, "sections": {"rocket": {}}}),
            "settings.err.unknown_section",
        ),
        (
            json.dumps({"format": "mori-workspace", "version": 1, "sections": {"general": []}}),
            "settings.err.bad_section",
        ),
    ],
)
def test_refused_whole(doc, key):
    with pytest.raises(MoriError) as info:
        Workspace.from_json(doc, file="client.json")
    assert info.value.key == key
    assert "client.json" in info.value.message("en")
    assert "client.json" in info.value.message("ja")


def test_bytes_with_bom_and_oversize():
    ws = Workspace().with_section("general", {"gap": {"fiscal_start_month": 1}})
    assert Workspace.from_json(b"\xef\xbb\xbf" + ws.to_json().encode()) == ws
    with pytest.raises(MoriError) as info:
        Workspace.from_json(b" " * 6_000_000)
    assert info.value.key == "settings.err.too_big"


def test_unknown_section_name_is_a_programming_error():
    with pytest.raises(ValueError):
        Workspace().with_section("nope", {})
