"""Data & mapping page: upload, correct a mapping, settings file (AppTest)."""

from __future__ import annotations

import json

import pytest

from abm.i18n import t
from abm.settings import Workspace
from abm.ui import state
from abm.ui.shell import md
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, with_demo


def _data_page(at):
    at.run()
    at.switch_page("pages/1_Data.py")
    return at.run()


def test_upload_csv_reads_and_suggests_mapping():
    at = _data_page(new_app())
    assert not at.exception
    csv = "会社名,氏名,メールアドレス,役職,従業員数\n株式会社テスト,山田 太郎,taro@test.example.jp,部長,１２０名\n"
    at.file_uploader(key=widget_key("data", "uploads")).set_value(
        ("leads.csv", csv.encode("cp932"), "text/csv")
    )
    at.run()
    assert not at.exception
    leads = at.session_state[state.K_DATASET].leads
    assert len(leads) == 1
    assert int(leads["employees"].iloc[0]) == 120
    grid = at.session_state[state.K_PARTS][0][1]
    assert dict(grid.columns)["会社名"] == "company"
    assert grid.table == "leads"


def test_refused_file_shows_translated_error_without_traceback():
    at = _data_page(new_app())
    at.file_uploader(key=widget_key("data", "uploads")).set_value(("empty.csv", b"", "text/csv"))
    at.run()
    assert not at.exception
    assert at.error, "a refused file must show an error"
    assert md("empty.csv") in at.error[0].value
    assert "Traceback" not in at.error[0].value


def test_an_upload_that_loads_nothing_says_the_data_before_is_still_shown(demo_session_state):
    """QA: every file of an upload refused, the pages went on showing the demo as if the
    upload had worked; the refusal now says which data is still shown."""
    at = _data_page(with_demo(new_app(), demo_session_state))
    before = at.session_state[state.K_DATASET]
    at.file_uploader(key=widget_key("data", "uploads")).set_value(("empty.csv", b"", "text/csv"))
    at.run()
    assert not at.exception
    assert at.session_state[state.K_DATASET] is before
    assert any(md("empty.csv") in e.value for e in at.error)
    kept = t("home.kept_previous", "ja", label=md(at.session_state[state.K_DATA_LABEL]))
    assert [i.value for i in at.info].count(kept) == 1


def test_demo_mapping_visible_and_workspace_round_trip(demo_session_state):
    at = with_demo(new_app(), demo_session_state)
    at = _data_page(at)
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any(md("bownow_leads.csv") in label for label in labels)
    # settings file: a bad one is refused with a translated message
    at.file_uploader(key=widget_key("data", "ws_upload")).set_value(
        (
            "client.json",
            json.dumps({"format": "mori-workspace", "version": 99}).encode(),
            "application/json",
        )
    )
    at.run()
    assert not at.exception
    assert any(md("client.json") in e.value for e in at.error)
    # a good one is applied
    general = {"gap": {"fiscal_start_month": 1}}
    good = Workspace().with_section("general", general).to_json().encode()
    at.file_uploader(key=widget_key("data", "ws_upload")).set_value(
        ("client2.json", good, "application/json")
    )
    at.run()
    assert not at.exception
    assert at.session_state[state.K_WORKSPACE].section("general") == general
    assert any(
        t("data.workspace_loaded", "ja", file=md("client2.json")) == s.value for s in at.success
    )
    assert not at.warning


def test_partly_bad_settings_file_applies_the_rest_and_names_what_it_refused(demo_session_state):
    at = _data_page(with_demo(new_app(), demo_session_state))
    doc = {
        "format": "mori-workspace",
        "version": 1,
        "sections": {
            "matching": {"workers": 1000},
            "abm_fit": {"large_employees": 500},
            "tier_rules": {"tier1_score": "x"},
        },
    }
    data = json.dumps(doc).encode()
    at.file_uploader(key=widget_key("data", "ws_upload")).set_value(
        ("client.json", data, "application/json")
    )
    at.run()
    assert not at.exception
    ws = at.session_state[state.K_WORKSPACE]
    assert ws.section("abm_fit") == {"large_employees": 500}
    assert ws.section("matching") is None and ws.section("tier_rules") is None
    shown = [w.value for w in at.warning]
    assert shown[0] == t("settings.partial", "ja", file=md("client.json"))
    assert t("config.err.range", "ja", section="matching", key="workers", min=1, max=32) in shown
    tier = t("config.err.not_number", "ja", section=md("tier_rules"), key=md("tier1_score"))
    assert tier in shown
    assert all("1000" not in w for w in shown)  # never the value
    at.run()  # still shown on the next rerun
    assert len(at.warning) == 3


def test_hostile_file_name_is_escaped_in_markdown_sinks():
    at = _data_page(new_app())
    name = "[x](javascript:alert(1)) **b**.csv"
    at.file_uploader(key=widget_key("data", "uploads")).set_value((name, b"", "text/csv"))
    at.run()
    assert not at.exception
    shown = at.error[0].value
    assert "](javascript" not in shown and "**b**" not in shown
    assert md(name) in shown


def _catalogue():
    """The bad-file catalogue (tests/unit/test_ingest_errors.BAD) plus the 2M-row case."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    from test_ingest_errors import BAD, VALUES
    from test_ingest_fixtures import files

    cases = [(name, files()[name], key) for name, (key, _row) in sorted(BAD.items())]
    big = ("会社名,氏名\n" + "株式会社,佐藤\n" * 2_000_001).encode()
    cases.append(("two_million_rows.csv", big, "ingest.err.too_many_rows"))
    return cases, VALUES


def test_every_bad_file_gets_its_translated_message_in_the_app():
    """Each catalogue file uploaded through the data page: its own message (the
    one ``read_table`` raises, translated), in both languages, naming the file,
    never a cell value, never a traceback; the session keeps no dataset from it."""
    from abm.errors import MoriError
    from abm.ingest import read_table
    from abm.ui.shell import md as escape

    cases, values = _catalogue()
    raised = {}
    for name, data, key in cases:  # each file read once here (one is two million rows)
        with pytest.raises(MoriError) as err:
            read_table(data, name)
        assert err.value.key == key, name
        raised[name] = err.value
    for lang in ("ja", "en"):
        at = new_app()
        at.session_state[state.K_LANG] = lang
        _data_page(at)
        for name, data, _key in cases:
            err = raised[name]
            params = {k: escape(v) if isinstance(v, str) else v for k, v in err.params.items()}
            expected = t(err.key, lang, **params)
            at.file_uploader(key=widget_key("data", "uploads")).set_value((name, data, "text/csv"))
            at.run()
            assert not at.exception, name
            shown = [e.value for e in at.error]
            assert shown == [expected], (name, shown)
            assert md(name) in shown[0]
            assert "Traceback" not in shown[0] and not any(v in shown[0] for v in values), name
            assert at.session_state.get(state.K_DATASET) is None, name


def test_data_check_counts_read_with_thousands_separators():
    # seen on the demo: "50215 rows were linked to leads by e-mail address"
    import numpy as np

    from abm.ui.widgets import _thousands

    assert _thousands(50215) == "50,215" and _thousands(np.int64(3658)) == "3,658"
    assert _thousands(2.0) == "2" and _thousands(None) == "" and _thousands("x") == "x"
    assert _thousands(2.5) == 2.5


def test_the_currency_chosen_on_the_data_page_names_money_on_every_page(demo_session_state):
    at = _data_page(with_demo(new_app(), demo_session_state))
    assert not at.exception
    box = at.selectbox(key=widget_key("data", "currency"))
    assert box.value == "JPY"
    box.set_value("USD").run()
    assert not at.exception
    assert (at.session_state[state.K_WORKSPACE].section("general") or {}).get("currency") == "USD"
    at.switch_page("pages/3_Funnel.py")
    at.run()
    assert not at.exception
    shown = " ".join(str(m.value) for m in at.metric)
    assert "ドル" in shown and "円" not in shown
    # revenue bands in dollars too (QA-I: 10億円 bands put every dollar company in the lowest)
    at.switch_page("pages/5_Scoring.py")
    at.run()
    assert not at.exception
    from abm.ui.views.scoring_controls import wk, wk_form

    assert at.session_state[wk_form("revenue.1e+07_1e+08")] == 5.0  # $10M–$100M: 10億–100億円's
    assert wk_form("revenue.1e+09_1e+10") not in at.session_state
    at.session_state[wk("open.revenue")] = True  # the expander opened
    at.run()
    labels = [s.label for s in at.slider if str(s.key).startswith(wk_form("revenue."))]
    assert labels and "1,000万ドル" in labels[1] and "1億ドル" in labels[1], labels
