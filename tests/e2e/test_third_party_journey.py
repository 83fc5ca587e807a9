"""Third-party exports through the browser (issue #13): demo loaded first, then on the
Data page a BowNow lead export, a Japanese Salesforce contact report, a Japanese
opportunity report whose phases say 受注/失注 (no won/closed flags) and a Japanese
activity report (電話/メール/訪問/商談). The funnel's won count equals the rows whose
phase is 受注, and the waterfall counts the people those deals are linked to (their
statuses never say 商談化); every lead is analysed (none is test data) in one account per company;
link rates are shown; no file's mapping is blank; the sidebar shows
the new data, not the demo."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from abm.funnel import compute_reach, get_model
from abm.i18n import t
from abm.ingest import load_files
from abm.pipeline import prepare
from abm.ui.state import latest_date
from tests.e2e.conftest import assert_no_error, go, shot, upload, wait_idle

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
FILES = (
    "bownow_leads.csv",
    "sf_report_contacts_ja.csv",
    "sf_report_opportunities_custom_ja.csv",
    "sf_report_activities_ja.csv",
)


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def test_third_party_exports_mean_what_they_say(server, page):
    payload = [(name, (EXPORTS / name).read_bytes()) for name in FILES]
    dataset, errors = load_files(payload)  # what a notebook user gets from the same files
    assert errors == ()
    won_phase = int((dataset.opportunities["stage"] == "受注").sum())
    leads = len(dataset.leads)
    prepared = prepare(dataset)
    cleaned = prepared.clean.summary  # ordinary addresses: nobody is test data
    assert cleaned["excluded"] == 0
    ds = prepared.dataset
    model = get_model("classic")
    reach = compute_reach(ds.leads, model, as_of=latest_date(ds), opportunities=ds.opportunities)
    alone = compute_reach(ds.leads, model, as_of=latest_date(ds))
    assert alone.counts()[-1] == 0 < reach.counts()[-1]  # the statuses alone say no 受注

    page.goto(server.url + "/?demo=1")
    wait_idle(page)
    go(page, "nav.data", "ja")
    upload(page, payload)
    assert_no_error(page, "data page after the third-party upload")
    sidebar = page.get_by_test_id("stSidebar")
    shown = sidebar.inner_text()
    assert f"{t('table.leads', 'ja')} {leads:,}" in shown  # the new data, not the demo's 4,048
    assert t("demo.label", "ja") not in shown
    analysed = t("shell.analysed", "ja", kept=cleaned["kept"], accounts=cleaned["accounts"])
    sidebar.get_by_text(analysed).wait_for()  # after the cleaning job
    main = page.get_by_test_id("stMain")
    main.get_by_text(t("data.links", "ja"), exact=True).first.wait_for()  # link rates shown
    body = main.inner_text()
    for name in FILES:
        assert name in body
    warnings = " ".join(page.get_by_test_id("stAlertContentWarning").all_inner_texts())
    assert "必須" not in warnings  # no file left without its required columns
    shot(page, "third-party-data-page")

    go(page, "nav.funnel", "ja")
    assert_no_error(page, "funnel on third-party exports")
    assert _metric(page, t("funnel.kpi.won", "ja")) == str(won_phase)
    as_of = latest_date(ds)  # the page's default window: a year up to the as-of day
    first = ds.leads["created_at"][ds.leads["created_at"] <= as_of].min().normalize()
    shown = reach.created_between(max(first, as_of - pd.Timedelta(days=364)), as_of)
    placed = t("funnel.method.deals", "ja", n=shown.from_deals, opp=model.stages[4].ja)
    page.get_by_test_id("stMain").get_by_text(placed, exact=False).first.wait_for()
    shot(page, "third-party-funnel")
