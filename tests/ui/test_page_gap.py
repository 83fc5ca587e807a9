"""Gap page (AppTest): both lenses, the hand-off, findings, presentation mode, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from abm.demo import DEMO_DIR
from abm.gap.settings import GapSettings
from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, open_page, with_demo
from tests.unit.test_gap_data import AS_OF, make_dataset

PAGE = "pages/4_Gap.py"


def _open(lang: str = "en"):
    return open_page(PAGE, make_dataset(), lang=lang, token="gap-test", as_of=AS_OF)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _findings(at) -> list[str]:
    return [x.value.split("\n")[0] for x in at.text if x.value.startswith("• ")]


def _bases(at) -> list[str]:
    return [x.value.split("\n")[1].strip() for x in at.text if x.value.startswith("• ")]


def _present_line(at) -> str:
    """The presentation bar's line: body text, not a caption (QA-N: small and grey on a
    projector)."""
    assert not [c for c in at.caption if t("shell.presenting", "en") in c.value]
    return next(m.value for m in at.markdown if m.value.startswith(t("shell.presenting", "en")))


def _set_window(at, start: str, end: str):
    at.date_input(key=widget_key("gap", "period")).set_value(
        (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    ).run()
    return at


def test_default_window_is_the_last_twelve_months():
    at = _open()
    assert not at.exception
    m = _metrics(at)
    # 2025-06-16 … 2026-06-15: L1..L10 (L11 is created after as_of); MQL L1..L7 + L10
    assert m[t("gap.m.leads", "en")] == "10"
    assert m["MQLs handed over"] == "8"
    assert m["Acceptance (MQL→SAL)"] == "38%"  # L1, L2, L10 of 8
    assert m["MQLs never followed up"] == "1"
    assert m["SLA breaches (7 days)"] == "2"
    assert m["Closable deals"] == "2"
    assert m["Closable value"] == "¥2.5M"
    assert 3 <= len(_findings(at)) <= 6
    never = next(df.value for df in at.dataframe if "mql_at" in df.value.columns)
    assert never["lead_id"].tolist() == ["L7"]
    assert not {"email", "full_name", "phone", "owner"} & set(never.columns)


def test_window_change_gives_the_hand_computed_numbers():
    at = _set_window(_open(), "2026-04-01", "2026-05-31")
    assert not at.exception
    m = _metrics(at)
    assert m[t("gap.m.leads", "en")] == "9"
    assert m[t("gap.m.mql", "en")] == "7"
    period = "Period (lead created): 2026-04-01 – 2026-05-31 · As of: 2026-06-15"
    assert any(c.value == period for c in at.caption)
    assert m["Acceptance (MQL→SAL)"] == "29%"
    assert m["Rejection rate"] == "43%"
    assert m["Days to first touch"] == "2 d"
    assert m["MQLs without an owner"] == "3"
    assert m["At target accounts"] == "22%"
    assert m["Leads with a budget"] == "22%"
    assert m["Pipeline value"] == "¥5M"
    assert m["Web visits"] == "35"
    texts = _findings(at)
    assert texts[0] == (
        "• MQL→SAL acceptance is 29%; 67% of rejected MQLs come from companies under 50 employees."
    )
    assert "• MQLs never followed up by sales: 1 (14%)." in texts
    assert _bases(at)[0] == "↳ Based on: acceptance rate = 29%"
    src = next(df.value for df in at.dataframe if "SALs" in df.value.columns)
    # sources first, by channel (web → Website, seminar → Webinars & seminars)
    assert src.iloc[:, 0].tolist() == ["Website", "Webinars & seminars", "ad", "(unknown)"]
    assert src["Leads"].tolist() == ["4", "2", "2", "1"]
    assert src["Pipeline"].tolist() == ["¥0", "¥2M", "¥3M", "¥0"]


def test_presentation_mode_hides_filters_and_keeps_them():
    at = _set_window(_open(), "2026-04-01", "2026-05-31")
    at.toggle(key=state.K_W_PRESENTATION).set_value(True).run()  # the app-wide switch
    assert not at.exception
    assert all(d.key != "gap.period" for d in at.date_input) and len(at.expander) == 0
    assert _metrics(at)[t("gap.m.leads", "en")] == "9"  # the chosen window survives
    line = _present_line(at)
    assert "2026" in line and "04" in line and "SLA" in line  # the filters in one line
    at.toggle(key=state.K_W_PRESENTATION).set_value(False).run()
    assert not at.exception
    assert at.date_input(key=widget_key("gap", "period")).value == (
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 31),
    )
    assert _metrics(at)[t("gap.m.leads", "en")] == "9"


def test_a_new_dataset_resets_the_window():
    at = _set_window(_open(), "2026-04-01", "2026-05-31")
    at.session_state[state.K_TOKEN] = "another-load"
    at.session_state[state.K_MEMO] = {}
    at.run()
    assert not at.exception
    # the year before the as-of day, from the first lead's day (the Funnel's window too)
    assert at.date_input(key=widget_key("gap", "period")).value == (
        dt.date(2026, 3, 15),
        dt.date(2026, 6, 15),
    )
    assert _metrics(at)[t("gap.m.leads", "en")] == "10"


def test_quadrant_list_and_companies():
    at = _open()
    at.selectbox(key=widget_key("gap", "q_pick")).set_value("both_cold").run()
    assert not at.exception
    listing = next(df.value for df in at.dataframe if "engagement_score" in df.value.columns)
    assert "lead_id" in listing.columns
    assert not {"email", "full_name", "phone", "owner"} & set(listing.columns)
    at.segmented_control(key=widget_key("gap", "q_view")).set_value("accounts").run()
    assert not at.exception
    accounts = next(df.value for df in at.dataframe if "engagement_score" in df.value.columns)
    # the account id is hidden on screen: a selected company links to its account story
    assert list(accounts.columns) == [
        "company",
        "leads",
        "fit_score",
        "engagement_score",
        "account_id",
    ]


def test_save_settings_to_workspace():
    at = _open()
    at.number_input(key=widget_key("gap", "sla")).set_value(3).run()
    assert not at.exception
    # L2 (14 d), L7 (never touched) and now L10 (MQL 03-20 -> SAL 03-25: 5 d > 3)
    assert _metrics(at)["SLA breaches (3 days)"] == "3"
    at.button(key=widget_key("gap", "save")).click().run()
    assert not at.exception
    ws = at.session_state[state.K_WORKSPACE]
    assert GapSettings.from_dict(ws.section("general")["gap"]).sla_days == 3


def test_an_sla_of_one_day_says_day():
    # outside testers: "1 leads" in the quadrant chart; the page's other counts likewise
    at = _open()
    at.number_input(key=widget_key("gap", "sla")).set_value(1).run()
    assert not at.exception
    assert "SLA breaches (1 day)" in _metrics(at)
    shown = [*_metrics(at), *_findings(at), *(c.value for c in at.caption)]
    shown += [m.value for m in at.markdown]
    assert not [x for x in shown if "1 days" in x]
    at.toggle(key=state.K_W_PRESENTATION).set_value(True).run()  # the filters in one line
    line = _present_line(at)
    assert "SLA 1 day" in line and "1 days" not in line


def test_one_undated_lead_says_lead():
    ds = make_dataset()
    leads = ds.leads.copy()
    leads.loc[leads.index[0], "created_at"] = pd.NaT
    at = open_page(PAGE, replace(ds, leads=leads), lang="en", token="gap-undated", as_of=AS_OF)
    assert not at.exception
    one = t("gap.m.undated_one", "en", count=1)
    assert one.startswith("1 lead without a creation date is")
    assert one in [c.value for c in at.caption]


def test_japanese():
    at = _open("ja")
    assert not at.exception
    assert at.title[0].value == "マーケと営業のギャップ"
    assert _metrics(at)["営業受入率（MQL→SAL）"] == "38%"
    assert _findings(at)[0].startswith("• MQL→SALの受入率は38%")


def test_guard_without_data():
    at = new_app()
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert len(at.metric) == 0


@pytest.mark.skipif(not DEMO_DIR.is_dir(), reason="demo data not present")
def test_demo_data(demo_session_state):
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.run()
    with_demo(at, demo_session_state)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert 3 <= len(_findings(at)) <= 6
    assert int(_metrics(at)[t("gap.m.leads", "en")].replace(",", "")) > 0


def test_figures_are_built_once_per_content(monkeypatch):
    """A rerun that changes nothing a figure shows draws the one it has; a change it shows
    (another window) builds it again, and the chart on screen follows."""
    from abm.ui.views import gap_results

    built: list[str] = []

    def counting(name):
        real = getattr(gap_results, name)

        def build(*args, **kwargs):
            built.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(gap_results, name, build)

    for name in ("volume_figure", "fit_mix_figure", "reasons_figure", "quadrant_figure"):
        counting(name)

    def specs(at) -> list[str]:
        return [c.proto.spec for c in at.get("plotly_chart")]

    at = _open()
    assert not at.exception and len(specs(at)) == 4
    assert sorted(built) == ["fit_mix_figure", "quadrant_figure", "reasons_figure", "volume_figure"]
    first = specs(at)
    built.clear()
    at.run()
    assert built == [] and specs(at) == first
    at.number_input(key=widget_key("gap", "sla")).set_value(3).run()  # the hand-off only
    assert not at.exception and _metrics(at)["SLA breaches (3 days)"] == "3"
    assert built == [] and specs(at) == first
    _set_window(at, "2026-04-01", "2026-05-31")  # other leads: other months, another mix
    assert not at.exception
    assert "volume_figure" in built and "fit_mix_figure" in built
    assert specs(at)[0] != first[0]
    built.clear()
    at.toggle(key=state.K_W_PRESENTATION).set_value(True).run()  # larger text: drawn anew
    assert not at.exception
    assert "volume_figure" in built


def test_a_downloaded_list_of_people_says_who_they_are():
    # QA: the quadrant and never-followed-up CSVs held a lead id and a company only; the
    # screen's list stays without names (a projector), the download carries them
    import pandas as pd

    from abm.ui.views.gap_results import _contactable

    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3"],
            "company": ["A社", "B社", "C社"],
            "full_name": ["山田 太郎", "鈴木 花子", "佐藤 一郎"],
            "email": ["t@a.co.jp", "h@b.co.jp", "i@c.co.jp"],
            "title": ["部長", "課長", "主任"],
        },
        index=[10, 11, 12],
    )
    listed = leads.loc[[12, 10], ["lead_id", "company", "title"]]
    out = _contactable(listed, leads)
    assert list(out.columns) == ["lead_id", "company", "full_name", "email", "title"]
    assert out["email"].tolist() == ["i@c.co.jp", "t@a.co.jp"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_without_mql_dates_the_sla_breaches_read_unknown(lang):
    """QA-N (QA-K's export at as-of 2025-06-02): 「初回対応までの日数 —」 beside 「SLA超過（7日）
    0」. No MQL has a date: the breaches are unknown as the days are, and the page says why."""
    ds = make_dataset()
    stages = ["mql_at", "sal_at", "opportunity_at", "won_at", "disqualified_at"]
    leads = ds.leads.drop(columns=stages).assign(
        current_stage=pd.array(["MQL"] * 7 + ["リード"] * 4, dtype="string")
    )
    at = open_page(PAGE, replace(ds, leads=leads), lang=lang, token="gap-undated-mql", as_of=AS_OF)
    assert not at.exception
    m = _metrics(at)
    assert m[t("gap.h.touch_days", lang)] == "—"
    assert m[t("gap.h.sla", lang, days=7)] == "—"
    assert t("gap.h.sla_unknown", lang, days=7) in [c.value for c in at.caption]
    assert m[t("gap.h.mql", lang)] != "0"  # the MQLs are there: only their timing is unknown
    # QA-S: 330 here against 29 score MQLs on the Scoring page — the metric says whose MQLs
    (mql,) = [x for x in at.metric if x.label == t("gap.h.mql", lang)]
    assert mql.help == t("gap.h.mql_help", lang)


def test_with_mql_dates_the_sla_note_is_not_shown():
    at = _open()
    assert _metrics(at)["SLA breaches (7 days)"] == "2"
    assert t("gap.h.sla_unknown", "en", days=7) not in [c.value for c in at.caption]


def _campaign_dataset():
    ds = make_dataset()  # its lead sources include seminar: the webinar channel
    campaigns = pd.array(["ウェビナー"] * 4 + ["2024春展示会"] * 7, dtype="string")
    return replace(ds, leads=ds.leads.assign(campaign=campaigns))


@pytest.mark.parametrize(
    "entered",
    [
        {"campaign": {"ウェビナー": 300_000.0, "2024春展示会": 500_000.0}},  # by campaign
        {"ウェビナー": 300_000.0, "2024春展示会": 500_000.0},  # an old flat dict (a view's)
    ],
)
def test_campaign_costs_stay_the_campaigns_across_groupings(entered):
    """A campaign named ウェビナー is not the webinar channel: its cost is not shown as the
    channel's nor taken from the campaign editor when the page switches groupings."""
    at = open_page(PAGE, _campaign_dataset(), lang="en", token="gap-test", as_of=AS_OF)
    group_by = widget_key("gap", "group_by")
    at.segmented_control(key=group_by).set_value("campaign").run()
    store = dict(at.session_state[state.K_GAP_STORE])
    store["gap.costs"] = entered  # what the campaign cost editor (or a shared view) put
    at.session_state[state.K_GAP_STORE] = store
    at.run()
    for by in ("lead_source", "campaign"):
        at.segmented_control(key=group_by).set_value(by).run()
        assert not at.exception
    costs = at.session_state[state.K_GAP_STORE]["gap.costs"]
    assert costs["campaign"] == {"ウェビナー": 300_000.0, "2024春展示会": 500_000.0}
    assert costs["lead_source"] == {}  # the webinar channel has no cost
    table = next(df.value for df in at.dataframe if "Cost / lead" in df.value.columns)
    cost = dict(zip(table["Campaign"], table["Cost"], strict=True))
    assert (cost["2024春展示会"], cost["ウェビナー"]) == ("¥500K", "¥300K")


def test_cost_keys_are_read_by_channel_in_one_call_per_rerun(monkeypatch):
    """The lead-source cost editor reads every cost key's channel in one vectorised call
    (not one per row and cost), and a channel's cost replaces those per spelling."""
    import abm.ui.views.gap_controls as gc

    calls: list[int] = []
    real = gc.channel_keys
    monkeypatch.setattr(gc, "channel_keys", lambda v: calls.append(len(v)) or real(v))
    at = _open()
    store = dict(at.session_state[state.K_GAP_STORE])
    store["gap.costs"] = {"lead_source": {"セミナー": 1.0, "Webinars": 2.0, "web": 3.0}}
    at.session_state[state.K_GAP_STORE] = store
    calls.clear()
    at.run()
    assert not at.exception
    assert calls == [3]
    costs = at.session_state[state.K_GAP_STORE]["gap.costs"]["lead_source"]
    assert costs == {"webinar": 3.0, "website": 3.0}
