"""Funnel page (AppTest): numbers appear, model and view switches recompute, the map saves."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.funnel import GENERIC_STAGES
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import state
from abm.ui.shell import md
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, open_page

PAGE = "pages/3_Funnel.py"
AS_OF = pd.Timestamp("2026-03-31")


def _dataset() -> Dataset:
    """12 leads without stage dates, placed from BowNow statuses (current-stage method).

    Statuses: 4×潜在, 2×準顕在, 2×顕在化, 1×アポ獲得, 1×案件化, 1×受注, 1×失注.
    Classic:   Inquiry 12, MQL+ 6 (顕在化×2, アポ獲得, 案件化, 受注, 失注), SAL+ 4,
               SQL+ 3, Opportunity 3, Won 1.
    The Model: Inquiry 12, MAL+ 8 (準顕在×2 now count), then as classic.
    """
    status = ["潜在"] * 4 + ["準顕在"] * 2 + ["顕在化"] * 2 + ["アポ獲得", "案件化", "受注", "失注"]
    n = len(status)
    leads = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string"),
            "company": pd.array([f"会社{i // 2}" for i in range(n)], dtype="string"),
            "created_at": pd.to_datetime([f"2026-0{1 + i % 3}-1{i % 9}" for i in range(n)]),
            "current_stage": pd.array(status, dtype="string"),
            "lead_source": pd.array(["web", "event"] * (n // 2), dtype="string"),
            "employees": pd.array([30, 500] * (n // 2), dtype="Int64"),
            "source_file": pd.array(["leads.csv"] * n, dtype="string"),
            "source_row": pd.array(range(2, n + 2), dtype="Int64"),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array(["O1", "O2"], dtype="string"),
            "company": pd.array(["会社4", "会社5"], dtype="string"),
            "amount": pd.array([1_000_000, 2_500_000], dtype="Float64"),
            "created_at": pd.to_datetime(["2026-02-01", "2026-03-01"]),
            "close_date": pd.to_datetime(["2026-03-15", "2026-06-30"]),
            "is_won": pd.array([True, None], dtype="boolean"),
            "is_closed": pd.array([True, False], dtype="boolean"),
        }
    )
    return Dataset(leads=leads, opportunities=opps)


def _open(lang: str = "ja"):
    return open_page(PAGE, _dataset(), lang=lang, token="funnel-test", as_of=AS_OF)


def _metrics(at, lang: str = "ja") -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _stage_table(at) -> pd.DataFrame:
    for df in at.dataframe:
        v = df.value
        if "count" in v.columns and "next_rate" in v.columns:
            return v
    raise AssertionError("stage table not found")


def test_funnel_numbers_and_model_switch():
    at = _open("en")
    assert not at.exception
    m = _metrics(at)
    assert m[t("funnel.kpi.leads", "en")] == "12"
    assert m["MQL"] == "6"
    assert m["SAL"] == "4"
    assert m["SQL"] == "3"
    # from the opportunities table: 2 created in the window, 1 won, 1 open (2.5M)
    assert m[t("funnel.kpi.opportunities", "en")] == "2"
    assert m[t("funnel.kpi.won", "en")] == "1"
    assert m[t("funnel.kpi.win_rate", "en")] == "100%"
    assert m[t("funnel.kpi.pipeline_value", "en")] == "¥2.5M"
    table = _stage_table(at)
    assert table["count"].tolist() == [12, 6, 4, 3, 3, 1]
    # the method is stated
    assert any("inferred from the current stage" in i.value for i in at.info)

    at.segmented_control(key=widget_key("funnel", "model")).set_value("the_model").run()
    assert not at.exception
    table = _stage_table(at)
    assert table["count"].tolist() == [12, 8, 6, 4, 3, 3, 1]  # MAL appears: 準顕在 counts


def test_account_view_counts_companies():
    at = _open("en")
    at.segmented_control(key=widget_key("funnel", "view")).set_value("accounts").run()
    assert not at.exception
    # 6 companies (two leads each); MQA: 会社3 (顕在化), 会社4, 会社5 → 3;
    # opportunity: 会社4 (案件化) and 会社5 (受注, 失注) → 2;
    # won: 会社5 (lead 受注) and 会社4 (its opportunity O1 closed won on 03-15) → 2
    acc = next(df.value for df in at.dataframe if "account_id" in df.value.columns)
    assert len(acc) == 6
    assert acc.columns[0] == "account_name" and acc["account_name"].notna().all()  # names, not ids
    assert int(acc["mqa"].sum()) == 3
    assert int(acc["opportunity"].sum()) == 2
    assert int(acc["won"].sum()) == 2


def test_stage_map_edit_and_save():
    at = _open("ja")
    assert not at.exception
    at.button(key=widget_key("funnel", "save")).click().run()
    assert not at.exception
    ws = at.session_state[state.K_WORKSPACE]
    section = ws.section("stage_map")
    assert section["model"]["key"] == "classic"
    entries = {raw: (stage, detour) for raw, stage, detour in section["stage_map"]["entries"]}
    assert entries["失注"] == ("opportunity", "lost")
    assert entries["準顕在"] == ("mal", "")  # stored generic; the classic model reads it as Inquiry
    assert any(t("funnel.map.saved", "ja") in s.value for s in at.success)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_filters_change_numbers(lang):
    at = _open(lang)
    source = at.multiselect(key=widget_key("funnel", "filter.lead_source"))
    # the export's "web" is the channel Website, labelled in the UI language
    assert {"ja": "Webサイト", "en": "Website"}[lang] in source.options
    source.set_value(["website"]).run()
    assert not at.exception
    # web leads are the even positions: 潜在×2, 準顕在, 顕在化, アポ獲得, 受注
    table = _stage_table(at)
    assert table["count"].tolist() == [6, 3, 2, 1, 1, 1]


@pytest.mark.parametrize("saved", [["web"], ["Web"], ["Web", "web", "展示会2024春"]])
def test_a_view_saved_with_raw_sources_filters_by_their_channel(saved):
    """A view saved before sources were channels restores the export's values: they read
    as their channel (web → website), not dropped by the widget to show every lead; a
    value no option matches is said, not silently dropped."""
    at = _open("en")
    key = widget_key("funnel", "filter.lead_source")
    at.session_state[key] = saved  # as apply_view restores a saved view's keys
    at.run()
    assert not at.exception
    assert at.multiselect(key=key).value == ["website"]
    assert _stage_table(at)["count"].tolist() == [6, 3, 2, 1, 1, 1]  # the web leads only
    lost = t("funnel.filter_lost", "en", n=1)
    assert any(lost in c.value for c in at.caption) == ("展示会2024春" in saved)


def test_saved_stage_map_and_model_are_applied():
    from abm.funnel import FunnelConfig, StageMap, get_model
    from abm.settings import Workspace

    cfg = FunnelConfig(
        model=get_model("the_model"),
        stage_map=StageMap((("潜在", "mql", ""),)),  # the user says 潜在 means MQL here
    )
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.session_state[state.K_WORKSPACE] = Workspace().with_section("stage_map", cfg.to_dict())
    at.run()
    at.session_state[state.K_DATASET] = _dataset()
    at.session_state[state.K_TOKEN] = "funnel-test"
    at.session_state[state.K_MEMO] = {}
    at.session_state[state.K_AS_OF] = AS_OF
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.segmented_control(key=widget_key("funnel", "model")).value == "the_model"
    # 潜在×4 now reach MQL (and MAL): MAL 8 + 4 = 12, MQL 6 + 4 = 10
    assert _stage_table(at)["count"].tolist() == [12, 12, 10, 4, 3, 3, 1]


def test_account_view_on_a_filtered_cohort():
    at = _open("en")
    at.multiselect(key=widget_key("funnel", "filter.lead_source")).set_value(["website"]).run()
    at.segmented_control(key=widget_key("funnel", "view")).set_value("accounts").run()
    assert not at.exception
    # web leads L0, L2, L4, L6, L8, L10 → one per company 会社0…会社5
    acc = next(df.value for df in at.dataframe if "account_id" in df.value.columns)
    assert len(acc) == 6 and int(acc["leads"].sum()) == 6
    # MQA: 会社3 (L6 顕在化), 会社4 (L8 アポ獲得), 会社5 (L10 受注);
    # opportunity: 会社4 (O1) and 会社5 (受注, O2); won: 会社4 (O1) and 会社5
    assert (int(acc["mqa"].sum()), int(acc["opportunity"].sum()), int(acc["won"].sum())) == (
        3,
        2,
        2,
    )


def test_custom_model_recomputes():
    at = _open("en")
    at.segmented_control(key=widget_key("funnel", "model")).set_value("custom").run()
    assert not at.exception
    at.multiselect(key=widget_key("funnel", "custom_stages")).set_value(
        ["inquiry", "sal", "won"]
    ).run()
    assert not at.exception
    # SAL+: アポ獲得, 案件化, 受注, 失注 = 4; Won: 1
    assert _stage_table(at)["count"].tolist() == [12, 4, 1]


def test_as_of_excludes_later_leads():
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.session_state[state.K_DATASET] = _dataset()
    at.session_state[state.K_TOKEN] = "funnel-test"
    at.session_state[state.K_MEMO] = {}
    at.session_state[state.K_AS_OF] = pd.Timestamp("2026-01-31")
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    # created in January: L0 (潜在), L3 (潜在), L6 (顕在化), L9 (案件化)
    m = _metrics(at)
    assert (m[t("funnel.kpi.leads", "en")], m["MQL"], m["SAL"]) == ("4", "2", "1")
    assert any("8 leads created after the as-of date" in c.value for c in at.caption)


def test_bad_saved_settings_fall_back_with_a_warning():
    from abm.settings import Workspace

    at = new_app()
    at.session_state[state.K_LANG] = "en"
    bad = {"stage_map": {"entries": [["潜在", "nope", ""]]}}
    at.session_state[state.K_WORKSPACE] = Workspace().with_section("stage_map", bad)
    at.run()
    at.session_state[state.K_DATASET] = _dataset()
    at.session_state[state.K_TOKEN] = "funnel-test"
    at.session_state[state.K_MEMO] = {}
    at.session_state[state.K_AS_OF] = AS_OF
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    bad_stage = t(
        "config.err.choice",
        "en",
        section=md("stage_map"),
        key=md("stage_map.entries[1][2]"),
        choices=md('"", ' + ", ".join(GENERIC_STAGES)),
    )
    assert any(bad_stage == w.value for w in at.warning)
    assert _stage_table(at)["count"].tolist() == [12, 6, 4, 3, 3, 1]


def test_moving_as_of_earlier_keeps_the_page_working():
    at = _open("en")
    at.date_input(key=state.K_FUNNEL_WINDOW).set_value(
        (pd.Timestamp("2026-02-01").date(), pd.Timestamp("2026-03-31").date())
    ).run()
    assert not at.exception
    # created Feb 1 – Mar 31: everyone but L0, L3, L6, L9 (January) → 8
    assert _metrics(at)[t("funnel.kpi.leads", "en")] == "8"
    at.session_state[state.K_AS_OF] = pd.Timestamp("2026-01-31")
    at.run()
    assert not at.exception
    assert (
        _metrics(at)[t("funnel.kpi.leads", "en")] == "4"
    )  # window reset to the data up to the new as-of


def test_a_segment_filter_filters_account_level_opportunities():
    """Opportunities that name only a company (a Salesforce report) follow the
    segment through 名寄せ's account: 会社5's leads are all events, so filtering
    to web leaves 会社4's opportunity only."""
    ds = _dataset()
    leads = ds.leads.copy()
    leads.loc[10, "lead_source"] = "event"
    ds = Dataset(leads=leads, opportunities=ds.opportunities)
    at = open_page(PAGE, ds, lang="en", token="funnel-opps", as_of=AS_OF)
    label = t("funnel.kpi.opportunities", "en")
    assert _metrics(at)[label] == "2"
    source = at.multiselect(key=widget_key("funnel", "filter.lead_source"))
    # the export's "web" is the channel Website, labelled in the UI language
    assert "Website" in source.options
    source.set_value(["website"]).run()
    assert not at.exception
    assert _metrics(at)[label] == "1"
    at.multiselect(key=widget_key("funnel", "filter.lead_source")).set_value(["event"]).run()
    assert _metrics(at)[label] == "2"
    assert not [c for c in at.caption if c.value == t("funnel.filter_opps_unlinked", "en")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_detail_tab_opens(lang):
    """The detail tabs run lazily: each one opened shows its content, no exception."""
    at = _open(lang)
    at.multiselect(key=widget_key("funnel", "filter.lead_source")).set_value(
        ["website", "event"]
    ).run()
    seen = {}
    for tab in ("cohorts", "velocity", "stalled", "breakdown", "records", "period", "stage_map"):
        at.session_state[state.K_FUNNEL_TABS] = t(f"funnel.section.{tab}", lang)
        at.run()
        assert not at.exception, tab
        seen[tab] = (len(at.get("plotly_chart")), len(at.dataframe), len(at.caption))
    assert seen["cohorts"][0] > seen["stage_map"][0]  # the cohort chart only when open
    rec = [s for s in at.selectbox if s.key == "funnel.records.stage"]
    assert not rec  # records tab closed again
    at.session_state[state.K_FUNNEL_TABS] = t("funnel.section.records", lang)
    at.run()
    assert at.selectbox(key=widget_key("funnel", "records.stage")).value == "won"
    one = {"ja": "1件", "en": "1 record"}[lang]  # outside testers: "1 records"
    assert one == t("funnel.records.count_one", lang, n=1)
    assert any(c.value == one for c in at.caption)


def test_opportunities_that_link_to_nothing_stay_unfiltered_and_the_page_says_so():
    """After cleaning every opportunity has an account_id column; when none has a
    value (no lead, e-mail or company in the export), a filter cannot split them:
    the figures stay whole instead of dropping to zero, with a caption."""
    ds = _dataset()
    ds = Dataset(leads=ds.leads, opportunities=ds.opportunities.drop(columns="company"))
    at = open_page(PAGE, ds, lang="en", token="funnel-bare", as_of=AS_OF)
    label = t("funnel.kpi.opportunities", "en")
    assert _metrics(at)[label] == "2"
    source = at.multiselect(key=widget_key("funnel", "filter.lead_source"))
    # the export's "web" is the channel Website, labelled in the UI language
    assert "Website" in source.options
    source.set_value(["website"]).run()
    assert not at.exception
    assert _metrics(at)[label] == "2"
    assert t("funnel.filter_opps_unlinked", "en") in [c.value for c in at.caption]


def test_choices_in_a_closed_tab_survive_a_look_at_another():
    at = _open("en")
    at.session_state[state.K_FUNNEL_TABS] = t("funnel.section.records", "en")
    at.run()
    at.selectbox(key=widget_key("funnel", "records.stage")).set_value("sql").run()
    at.segmented_control(key=widget_key("funnel", "records.mode")).set_value("dropped").run()
    for _ in range(2):  # twice: a stale value must not come back on the second run
        at.session_state[state.K_FUNNEL_TABS] = t("funnel.section.velocity", "en")
        at.run()
        assert not at.exception
    at.session_state[state.K_FUNNEL_TABS] = t("funnel.section.records", "en")
    at.run()
    assert at.selectbox(key=widget_key("funnel", "records.stage")).value == "sql"
    assert at.segmented_control(key=widget_key("funnel", "records.mode")).value == "dropped"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_empty_stage_says_nothing_is_mapped_and_opens_the_stage_map(lang):
    """#19: the 2012 model's AQL/TQL counts 0 because no status value or date column is
    mapped to it; the page says so next to the stage and offers the stage map and the
    data page. A stage the data names (MQL) carries no note."""
    at = _open(lang)
    at.segmented_control(key=widget_key("funnel", "model")).set_value("sd2012").run()
    assert not at.exception
    table = _stage_table(at)
    notes = dict(zip(table["count"].index, table["note"], strict=True))
    aql = table.index[table["label"] == "AQL/TQL"][0]
    assert table.loc[aql, "count"] == 0
    assert notes[aql] == t("funnel.empty.short.unmapped", lang)
    assert sum(bool(n) for n in notes.values()) == 1
    expected = t("funnel.empty.unmapped", lang, stage="AQL/TQL", previous="", seen=0)
    assert expected in [w.value for w in at.warning]
    links = [(p.proto.page, p.proto.label) for p in at.get("page_link")]
    assert ("Data", t("funnel.empty.go_data", lang)) in links
    at.button(key=widget_key("funnel", "empty.open_map")).click().run()
    assert not at.exception
    assert at.session_state[state.K_FUNNEL_TABS] == t("funnel.section.stage_map", lang)


def test_a_model_without_empty_stages_has_no_note_column():
    at = _open("en")
    assert not at.exception
    assert "note" not in _stage_table(at).columns
    assert not [w for w in at.warning if "mapped" in w.value]


def test_account_view_names_accounts_and_links_a_selected_row_to_its_story():
    at = _open("en")
    at.segmented_control(key=widget_key("funnel", "view")).set_value("accounts").run()
    assert not at.exception
    acc = next(df.value for df in at.dataframe if "account_id" in df.value.columns)
    assert acc["account_name"].tolist()[:1] and not acc["account_name"].str.startswith("co:").any()
    assert t("funnel.account.pick_hint", "en") in [c.value for c in at.caption]


@pytest.mark.parametrize("how", ["link", "server"])
def test_a_page_opened_first_gets_the_demo_when_asked(monkeypatch, how):
    """``make run`` (``--demo``) or a link's ``?demo=1``: a session whose first page is not
    the home page (a bookmark) shows the demo too, and the sidebar says it is loaded."""
    import sys

    at = new_app()
    at.session_state[state.K_LANG] = "en"
    if how == "link":
        at.query_params["demo"] = "1"
    else:
        monkeypatch.setattr(sys, "argv", [*sys.argv, "--demo"])
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert not any(i.value == t("guard.no_data", "en") for i in at.info)
    assert len(at.metric) > 0
    label = md(t("demo.label", "en"))  # the sidebar escapes markdown in a data label
    assert any(label in c.value for c in at.sidebar.caption)


def test_no_demo_unless_asked():
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert any(i.value == t("guard.no_data", "en") for i in at.info)


def test_deal_figures_are_not_compared_with_a_window_the_deals_file_does_not_reach():
    """QA-G: "+200 deals" against the previous window of a deals export that starts later."""
    from abm.ui.views.funnel_results import _begins_after

    # the previous window begins on the given day: a file whose first deal is later does not
    # cover it (nor a part of it), one that starts on that day does
    opps = pd.DataFrame({"created_at": pd.to_datetime(["2026-01-05", "2026-06-01"])})
    assert _begins_after(opps, pd.Timestamp("2025-12-31"))
    assert _begins_after(opps, pd.Timestamp("2026-01-04"))  # a day short: part of it
    assert not _begins_after(opps, pd.Timestamp("2026-01-05"))  # date-only, its first day
    assert not _begins_after(opps, pd.Timestamp("2025-06-01").replace(year=2027))
    assert not _begins_after(opps.assign(created_at=pd.NaT), pd.Timestamp("2025-12-31"))
    assert not _begins_after(None, pd.Timestamp("2025-12-31"))
    aware = opps.assign(created_at=opps["created_at"].dt.tz_localize("Asia/Tokyo"))
    assert _begins_after(aware, pd.Timestamp("2025-12-31"))


def test_the_velocity_tab_gives_the_deals_cycle():
    # QA-K: velocity rests on stage dates, which a CRM's lifecycle export rarely has; the
    # deals' file gives the sales cycle, which no page showed
    at = _open("en")
    at.session_state[state.K_FUNNEL_TABS] = t("funnel.section.velocity", "en")
    at.run()
    assert not at.exception
    assert t("funnel.cycle.title", "en") in [s.value for s in at.subheader]
    cycle = next(d.value for d in at.dataframe if "deals" in d.value.columns)
    assert set(cycle["outcome"]) <= {t("funnel.cycle.won", "en"), t("funnel.cycle.lost", "en")}
    assert (cycle["deals"] > 0).all() and (cycle["p50"] <= cycle["p90"]).all()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_deal_tiles_are_not_named_as_the_lead_waterfall(lang):
    """QA-N: 「受注（全商談）123」 and 「期間内の商談 417」 beside the waterfall's 受注 48 and
    商談化 178 (leads): two numbers under one word, and 「全商談」 read as all deals though it is
    the window's. From the opportunity file the tiles name deals, under a heading that says
    they were created in the window; without one they count leads, as the waterfall does,
    and say so."""
    at = _open(lang)
    assert not at.exception
    labels = [m.label for m in at.metric]
    deal_keys = ("opportunities", "won", "win_rate", "pipeline_value")
    assert labels[4:] == [t(f"funnel.kpi.{k}", lang) for k in deal_keys]
    stages = set(_stage_table(at)["label"])  # the waterfall's stage names
    assert not stages & set(labels[4:])
    assert not any("全商談" in x or "all deals" in x for x in labels)
    # each row says what it counts: deals created in the window, in the row's heading
    headings = [m.value for m in at.markdown]
    rows = [t("funnel.kpi.row_leads", lang), t("funnel.kpi.row_deals", lang)]
    assert [f"**{x}**" for x in rows] == [h for h in headings if h.strip("*") in rows]
    assert t("funnel.kpi.sources", lang) in [c.value for c in at.caption]

    ds = _dataset()
    at = open_page(PAGE, Dataset(leads=ds.leads), lang=lang, token="funnel-leads", as_of=AS_OF)
    assert not at.exception
    m = _metrics(at)
    lead_labels = [t(f"funnel.kpi.lead.{k}", lang) for k in ("opportunities", "won", "win_rate")]
    assert [x.label for x in at.metric][4:7] == lead_labels
    headings = [m.value.strip("*") for m in at.markdown]
    assert t("funnel.kpi.row_leads", lang) in headings
    assert t("funnel.kpi.row_deals", lang) not in headings  # no deal in sight: no deal row
    # the same counts as the waterfall's Opportunity and Won (12 leads: 3 and 1)
    assert (m[lead_labels[0]], m[lead_labels[1]]) == ("3", "1")


def _stalled_dataset() -> Dataset:
    from tests.unit.test_funnel_reach import dated_leads

    leads = dated_leads()
    n = len(leads)
    return Dataset(
        leads=leads.assign(
            company=pd.array([f"会社{i}" for i in range(n)], dtype="string"),
            source_file=pd.array(["leads.csv"] * n, dtype="string"),
            source_row=pd.array(range(2, n + 2), dtype="Int64"),
        )
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_two_downloads_say_what_they_hold(lang):
    """QA-N: two buttons labelled 「CSVでダウンロード」 (the stalled leads, the records)."""
    at = open_page(PAGE, _stalled_dataset(), lang=lang, token="funnel-dl", as_of=AS_OF)
    labels = {}
    for tab in ("stalled", "records"):
        at.session_state[state.K_FUNNEL_TABS] = t(f"funnel.section.{tab}", lang)
        at.run()
        assert not at.exception, tab
        labels[tab] = [b.proto.label for b in at.get("download_button")]
    assert labels["stalled"] == [t("funnel.stalled.download", lang)]
    stage = at.selectbox(key=widget_key("funnel", "records.stage"))
    words = t(K.RECORDS_MODE["reached"], lang)
    expected = t("funnel.records.download", lang, stage=stage.format_func(stage.value), mode=words)
    assert labels["records"] == [expected]
    assert labels["stalled"] != labels["records"]
