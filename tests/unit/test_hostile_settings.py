"""Hostile and careless settings (issue #20): the workspace file, the scoring model
file and the ``?m=`` share link.

Every case found by hand is here: each is refused with its own translated
message naming the section and key (never the value), only MoriError comes
out, and in a workspace file the other sections still apply with the bad one
left at its defaults. Large inputs are generated at test time.
"""

from __future__ import annotations

import base64
import json

import pytest

from abm.core.safejson import parse_json
from abm.errors import MoriError
from abm.resolve import ResolveConfig
from abm.resolve.resolve import MAX_WORKERS
from abm.scoring.model import ScoringModel, decode_model, encode_model
from abm.settings import MAX_BYTES, Workspace, section_class

HUGE_INT = "9" * 5000  # int() refuses 4,300 digits with a ValueError
DEEP = "[" * 600 + "]" * 600  # _freeze recursed past the interpreter's limit
GOOD = {  # sections a careless edit elsewhere must not take down
    "abm_fit": {"large_employees": 500},
    "exclusion_rules": {"competitor_names": ["ライバル株式会社"], "customers": True},
}


def _good(name: str) -> dict:
    return {k: v for k, v in GOOD.items() if k != name}


def _file(name: str, section_text: str) -> str:
    """A workspace file with the good sections and ``name`` holding ``section_text`` (raw JSON)."""
    good = json.dumps(_good(name), ensure_ascii=False)[1:-1]
    return (
        '{"format": "mori-workspace", "version": 1, "sections": {'
        f'{good}, "{name}": {section_text}' + "}}"
    )


# (case, section, raw JSON of the section, message key, key path, text that must not be shown)
WORKSPACE_CASES = [
    ("threads", "matching", '{"workers": 1000}', "range", "workers", "1000"),
    ("threads below one", "matching", '{"workers": 0}', "range", "workers", None),
    ("threads as text", "matching", '{"workers": "many"}', "not_integer", "workers", "many"),
    ("threshold as text", "matching", '{"threshold": "x"}', "not_number", "threshold", None),
    ("threshold true", "matching", '{"threshold": true}', "not_number", "threshold", None),
    ("stage Infinity", "stage_map", '{"sla_days": {"mql": Infinity}}', "not_finite", "sla_days.mql", None),
    ("stage 1e308", "stage_map", '{"sla_days": {"mql": 1e308}}', "range", "sla_days.mql", "1e+308"),
    ("stage NaN", "stage_map", '{"strict": NaN}', "not_finite", "strict", None),
    ("tier Infinity", "tier_rules", '{"tier1_score": Infinity}', "not_finite", "tier1_score", None),
    ("tier 1e308", "tier_rules", '{"tier1_score": 1e308}', "range", "tier1_score", "1e+308"),
    ("tier -1e400", "tier_rules", '{"weight_fit": -1e400}', "not_finite", "weight_fit", None),
    ("rollup 1e308", "tier_rules", '{"rollup": {"half_life_days": 1e308}}', "range", "rollup.half_life_days", None),
    ("fit Infinity", "abm_fit", '{"large_revenue": Infinity}', "not_finite", "large_revenue", None),
    ("fit 1e308", "abm_fit", '{"large_employees": 1e308}', "range", "large_employees", None),
    ("mappings 5", "column_mappings", '{"mappings": 5}', "not_list", "mappings", None),
    ("mapping junk", "column_mappings", '{"mappings": [{"table": "leads"}]}', "missing", "mappings[1].vendor", None),
    ("nested 600 deep", "general", '{"gap": ' + DEEP + "}", "not_object", "gap", None),
    ("nested deep in a list", "exclusion_rules", '{"partner_names": ' + DEEP + "}", "not_text", "partner_names[1]", None),
    ("nested deep where text goes", "exclusion_rules", '{"partner_names": ' + "[" * 29 + '"x"' + "]" * 29 + "}", "not_text", "partner_names[1]", None),
    ("4300+ digit int", "matching", '{"workers": ' + HUGE_INT + "}", "number_too_long", "workers", "99999"),
    ("4300+ digit in a table", "scoring_model", '{"activity_points": {"form": -' + HUGE_INT + "}}", "number_too_long", "activity_points.form", "99999"),
    ("lone surrogate", "exclusion_rules", '{"competitor_names": ["\\ud800"]}', "unicode", "competitor_names[1]", None),
    ("lone surrogate key", "review_decisions", '{"decisions": [{"action": "split", "a": "x", "\\udfff": "y"}]}', "unicode", "decisions[1]", None),
    ("unknown key", "matching", '{"threshhold": 90}', "unknown_key", "threshhold", None),
    ("markup key", "general", '{"<img src=x onerror=alert(1)>": 1}', "unknown_key", "imgsrcxonerroralert1", "<img"),
    ("bad action", "review_decisions", '{"decisions": [{"action": "explode", "a": "x", "b": "y"}]}', "choice", "decisions[1].action", "explode"),
    ("unknown stage", "stage_map", '{"stage_map": {"entries": [["潜在", "nope", ""]]}}', "choice", "stage_map.entries[1][2]", "潜在"),
    ("edges descending", "scoring_model", '{"employee_edges": [300, 50]}', "ascending", "employee_edges", None),
    ("gap month 13", "general", '{"gap": {"fiscal_start_month": 13}}', "range", "gap.fiscal_start_month", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "section", "raw", "reason", "path", "secret"),
    WORKSPACE_CASES,
    ids=[c[0] for c in WORKSPACE_CASES],
)
def test_workspace_file_refuses_the_bad_section_and_applies_the_others(
    case, section, raw, reason, path, secret
):
    text = _file(section, raw)
    for data in (text, text.encode("utf-8")):
        ws = Workspace.from_json(data, file="client.json")
        for name, value in _good(section).items():
            assert ws.section(name) == value, case
        assert ws.section(section) is None  # its defaults stay in force
        assert len(ws.problems) == 1
        err = ws.problems[0]
        assert (err.key, err.params["key"]) == (f"config.err.{reason}", path)
        assert err.params["section"] == section and err.params["file"] == "client.json"
        for lang in ("ja", "en"):
            message = err.message(lang)
            assert section in message and path in message
            assert secret is None or secret not in message


def test_a_refused_section_leaves_its_defaults_for_the_app():
    ws = Workspace.from_json(_file("matching", '{"workers": 1000, "threshold": 95}'))
    assert ResolveConfig.from_dict(ws.section("matching")) == ResolveConfig()  # not 95
    assert ws.problems[0].params["max"] == str(MAX_WORKERS)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (_file("general", '{"gap": ' + "[" * 100_000 + "]" * 100_000 + "}"), "settings.err.too_deep"),
        (b'{"format": "mori-workspace", "version": 1, "sections": {"general": "\xed\xa0\x80"}}', "settings.err.not_json"),
        (b" " * (MAX_BYTES + 1), "settings.err.too_big"),
        (_file("general", "{") , "settings.err.not_json"),
        (_file("rocket<b>", "{}"), "settings.err.unknown_section"),
        (_file("general", "[]"), "settings.err.bad_section"),
        ('{"format": "mori-workspace", "version": ' + HUGE_INT + "}", "settings.err.bad_version"),
        ('{"format": "mori-workspace", "version": Infinity}', "settings.err.bad_version"),
        ('{"format": "mori-workspace\\ud800", "version": 1}', "settings.err.not_workspace"),
    ],
)  # fmt: skip
def test_workspace_file_refused_whole_with_a_translated_message(data, key):
    with pytest.raises(MoriError) as err:
        Workspace.from_json(data, file="client.json")
    assert err.value.key == key
    for lang in ("ja", "en"):
        message = err.value.message(lang)
        assert "client.json" in message and "<b>" not in message


# ---------------------------------------------------------- model file ---

MODEL_CASES = [
    ('{"fit_threshold": ' + HUGE_INT + "}", "number_too_long", "fit_threshold"),
    ('{"fit_threshold": 1e308}', "range", "fit_threshold"),
    ('{"fit_threshold": -Infinity}', "not_finite", "fit_threshold"),
    ('{"fit_threshold": "x"}', "not_number", "fit_threshold"),
    ('{"competitors": ["\\ud800"]}', "unicode", "competitors[1]"),
    ('{"seniority_points": {"\\ud800": 1}}', "unicode", "seniority_points"),
    ('{"competitors": ' + DEEP + "}", "not_text", "competitors[1]"),
    ('{"activity_caps": {"form": 1e400}}', "not_finite", "activity_caps.form"),
    ("[1, 2]", "section_not_object", "-"),
]


def _model_file(data: bytes | str, name: str = "model.json") -> ScoringModel:
    """What the scoring page does with an uploaded model file."""
    return ScoringModel.from_dict(parse_json(data, file=name, max_bytes=1_000_000), file=name)


@pytest.mark.parametrize(("raw", "reason", "path"), MODEL_CASES)
def test_model_file_refused_naming_the_key(raw, reason, path):
    with pytest.raises(MoriError) as err:
        _model_file(raw)
    assert (err.value.key, err.value.params["key"]) == (f"config.err.{reason}", path)
    for lang in ("ja", "en"):
        assert "model.json" in err.value.message(lang)


def test_model_file_that_is_not_json_names_the_file():
    for data in (b"{not json", b"\xff", b"[" * 100_000):
        with pytest.raises(MoriError) as err:
            _model_file(data)
        assert err.value.key.startswith("settings.err.")
        assert "model.json" in err.value.message("en")


# ---------------------------------------------------------- share link ---


def _link(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


@pytest.mark.parametrize(("raw", "reason", "path"), MODEL_CASES[:-1])
def test_share_link_with_a_bad_value_names_the_key(raw, reason, path):
    code = _link(raw)
    if len(code) > 8000:
        pytest.skip("longer than a share link may be")
    with pytest.raises(MoriError) as err:
        decode_model(code)
    assert (err.value.key, err.value.params["key"]) == ("scoring.err.bad_link_value", path)
    assert path in err.value.message("ja") and path in err.value.message("en")


@pytest.mark.parametrize(
    "code",
    [
        "!!!",
        "ａｂｃ",  # not ASCII
        _link("{not json"),
        _link("[" * 5000),
        base64.urlsafe_b64encode(b"\xed\xa0\x80").decode(),  # a surrogate's bytes: not UTF-8
        "a" * 9000,
        _link('{"fit_threshold": ' + "9" * 4400 + "}"),
    ],
)
def test_share_link_that_cannot_be_read_is_refused(code):
    with pytest.raises(MoriError) as err:
        decode_model(code)
    assert err.value.key in ("scoring.err.bad_link", "scoring.err.bad_link_value")


def test_a_good_share_link_still_round_trips():
    model = ScoringModel().with_points("industry", "finance", 12.5)
    assert decode_model(encode_model(model)) == model


def test_shipped_settings_and_app_written_files_load_without_problems():
    from abm.demo import demo_workspace

    assert demo_workspace().problems == ()
    assert demo_workspace().section("exclusion_rules")["competitor_names"]
    written = Workspace()
    for name in ("matching", "stage_map", "scoring_model", "tier_rules", "abm_fit", "general"):
        written = written.with_section(name, section_class(name)().to_dict())
    again = Workspace.from_json(written.to_json())
    assert again == written and again.problems == ()
