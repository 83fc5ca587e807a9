"""A bad settings file or section never breaks a page (issue #20, AppTest).

Before: ``matching.workers = 1000`` (or ``"x"`` for a threshold) broke all
eight pages until a new browser session, and ``column_mappings.mappings: 5``
blocked every upload and the demo.
"""

from __future__ import annotations

import json

from abm.i18n import t
from abm.settings import Workspace
from abm.ui import state
from abm.ui.shell import md
from abm.ui.state import widget_key
from tests.ui.conftest import PAGE_FILES, new_app, with_demo

BAD_MATCHING = {"workers": 1000, "threshold": "x"}


def _every_page_renders(at) -> None:
    at.switch_page("app.py")
    at.run()
    assert not at.exception
    for page in PAGE_FILES:
        at.switch_page(f"pages/{page}")
        at.run()
        assert not at.exception, page
        assert not at.error, (page, [e.value for e in at.error])
        # analysed, not just guarded (the Data and Workspace pages show no analysis)
        assert at.metric or page.startswith(("1_", "9_")), page


def test_settings_file_with_a_bad_matching_section_leaves_every_page_working(
    demo_session_state,
):
    at = with_demo(new_app(), demo_session_state).run()
    at.switch_page("pages/1_Data.py")
    at.run()
    doc = {
        "format": "mori-workspace",
        "version": 1,
        "sections": {"matching": BAD_MATCHING, "abm_fit": {"large_employees": 500}},
    }
    upload = ("client.json", json.dumps(doc).encode(), "application/json")
    at.file_uploader(key=widget_key("data", "ws_upload")).set_value(upload)
    at.run()
    assert not at.exception
    ws = at.session_state[state.K_WORKSPACE]
    assert ws.section("matching") is None  # refused: the defaults stay in force
    assert ws.section("abm_fit") == {"large_employees": 500}
    shown = [w.value for w in at.warning]
    assert t("settings.partial", "ja", file=md("client.json")) in shown
    refused = t("config.err.not_number", "ja", section="matching", key="threshold")
    assert refused in shown  # the first problem of the section, by name, never the value
    _every_page_renders(at)


def test_a_bad_matching_section_in_the_session_falls_back_to_defaults(demo_session_state):
    """Defence in depth: a section that never went through a file (or a future bug)."""
    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_WORKSPACE] = Workspace().with_section("matching", BAD_MATCHING)
    at.run()
    _every_page_renders(at)
    at.switch_page("pages/2_Cleaning.py")
    at.run()
    warned = [w.value for w in at.warning]
    assert t("config.err.not_number", "ja", section="matching", key="threshold") in warned
    config = at.session_state[state.K_CLEANING][1][0]
    assert config.threshold == 88.0 and config.workers <= 32  # the defaults


def test_bad_saved_mappings_do_not_block_an_upload_or_the_demo():
    at = new_app()
    at.session_state[state.K_WORKSPACE] = Workspace().with_section(
        "column_mappings", {"mappings": 5}
    )
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    csv = "会社名,氏名,メールアドレス\n株式会社テスト,山田 太郎,taro@test.example.jp\n"
    at.file_uploader(key=widget_key("data", "uploads")).set_value(
        ("leads.csv", csv.encode(), "text/csv")
    )
    at.run()
    assert not at.exception
    assert len(at.session_state[state.K_DATASET].leads) == 1
    warned = [w.value for w in at.warning]
    assert t("settings.mappings_skipped", "ja") in warned
    assert t("config.err.not_list", "ja", section=md("column_mappings"), key="mappings") in warned
    saved = at.session_state[state.K_WORKSPACE].section("column_mappings")
    assert saved["mappings"] == []  # rewritten clean; a suggestion is not saved unapplied


def test_one_bad_saved_mapping_is_skipped_the_others_apply():
    from abm.ingest import suggest_mapping

    headers = ["会社名", "氏名", "独自スコア"]
    good = suggest_mapping(headers).with_column("独自スコア", "score").to_dict()
    bad = {**good, "vendor": "excel", "signature": "other"}
    at = new_app()
    at.session_state[state.K_WORKSPACE] = Workspace().with_section(
        "column_mappings", {"mappings": [bad, good]}
    )
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    csv = "会社名,氏名,独自スコア\n株式会社テスト,山田 太郎,5\n"
    at.file_uploader(key=widget_key("data", "uploads")).set_value(
        ("leads.csv", csv.encode(), "text/csv")
    )
    at.run()
    assert not at.exception
    mapping = at.session_state[state.K_PARTS][0][1]
    assert dict(mapping.columns)["独自スコア"] == "score"  # the good saved mapping applied
    assert any(md("mappings[1].vendor") in w.value for w in at.warning)


def test_cleaning_that_fails_with_saved_settings_falls_back_to_defaults(
    demo_session_state, monkeypatch
):
    import abm.pipeline

    real = abm.pipeline.prepare

    def fragile(dataset, *, config, rules, decisions, **kw):
        if rules.customers:  # stands for any failure the saved settings cause
            raise RuntimeError("boom")
        return real(dataset, config=config, rules=rules, decisions=decisions, **kw)

    monkeypatch.setattr(abm.pipeline, "prepare", fragile)
    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_WORKSPACE] = Workspace().with_section(
        "exclusion_rules", {"customers": True}
    )
    at.run()
    _every_page_renders(at)
    at.switch_page("pages/2_Cleaning.py")
    at.run()
    assert t("resolve.err.cleaning_fallback", "ja") in [w.value for w in at.warning]


def test_every_section_bad_in_the_session_still_renders_every_page(demo_session_state):
    from abm.settings import SECTIONS

    ws = Workspace()
    for name in SECTIONS:
        ws = ws.with_section(name, {"nope": 1, "workers": 1000})
    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_WORKSPACE] = ws
    at.run()
    assert not at.exception
    for page in PAGE_FILES:
        at.switch_page(f"pages/{page}")
        at.run()
        assert not at.exception, page
        shown = [m.value for m in (*at.warning, *at.error)]
        assert all("1000" not in m for m in shown), page
