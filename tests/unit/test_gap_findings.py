"""Findings: rules over the numbers, both languages, each tied to a metric."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from abm.gap.compute import compute_gap
from abm.gap.findings import (
    Finding,
    finding_basis,
    generate_findings,
    metric_values,
    render_finding,
)
from abm.gap.settings import GapSettings
from tests.unit.test_gap_data import AS_OF, END, START, make_dataset, make_scores


@pytest.fixture(scope="module")
def result():
    return compute_gap(
        make_dataset(),
        as_of=AS_OF,
        start=START,
        end=END,
        scores=make_scores(),
        settings=GapSettings(costs=(("seminar", 600_000.0),)),
    )


def test_findings_english(result):
    texts = [f.text("en") for f in generate_findings(result)]
    assert texts == [
        "MQL→SAL acceptance is 29%; 67% of rejected MQLs come from companies under 50 employees.",
        "MQLs never followed up by sales: 1 (14%).",
        "33% of the 6 MQLs whose first-touch timing is known (2) waited more than 7 days for a "
        "first sales touch (SLA breach).",
        "Good-fit leads with little engagement: 2. Engage these first.",
        "60% of highly engaged leads (3) are a poor fit; they reach opportunity at 0% versus "
        "100% for both-hot leads.",
        "“Website” produced 4 MQLs but only 0% were accepted (overall 29%).",
    ]


def test_a_count_of_one_reads_singular_in_english(result):
    # outside testers: "1 leads"; the finding keeps its key, only its sentence changes
    sla = replace(result, handoff=replace(result.handoff, sla_days=1))
    found = next(f for f in generate_findings(sla) if f.key == "gap.finding.sla")
    assert "waited more than 1 day for" in found.text("en")
    assert "1日以内" in found.text("ja")
    touch = Finding("gap.finding.touch_days", (("days", 0.8),), "handoff.median_days_to_touch")
    assert touch.text("en") == "Sales first touches an MQL after a median of 1 day."
    assert replace(touch, params=(("days", 2.0),)).text("en").endswith("of 2 days.")
    params = (("n", 1), ("value", 5_000_000.0), ("fy", 2026), ("q", 1))
    params += (("first_month", 4), ("last_month", 6))
    closable = Finding("gap.finding.closable", params, "sales.closable_value", 5_000_000.0)
    assert closable.text("en").startswith("1 open deal worth ¥5M is due to close")
    more = replace(closable, params=(("n", 2), *params[1:])).text("en")
    assert more.startswith("2 open deals worth ¥5M are due")


def test_findings_japanese(result):
    texts = [render_finding(f, "ja") for f in generate_findings(result)]
    assert texts[0] == "MQL→SALの受入率は29%です。不受理MQLの67%は従業員50人未満の企業です。"
    assert texts[1] == "MQLのうち1件（14%）は営業が一度もフォローしていません。"
    assert texts[2] == (
        "初回対応までの日数がわかるMQL 6件のうち2件（33%）が7日以内の初回対応SLAを超えています。"
    )  # the share's denominator named: 6 of the 7 MQLs have a known first-touch timing
    assert texts[5] == "「Webサイト」はMQLが4件ありますが、受入率は0%で全体（29%）を下回ります。"
    assert all("{" not in x for x in texts)


def test_every_finding_links_to_a_metric(result):
    values = metric_values(result)
    found = generate_findings(result)
    assert 3 <= len(found) <= 6
    assert [f.metric for f in found] == [
        "handoff.acceptance_rate",
        "handoff.never_followed_up",
        "handoff.sla_breach_rate",
        "quadrant.sales_hot.leads",
        "quadrant.marketing_hot.leads",
        "sources.sal_rate:website",  # the channel of "web"
    ]
    for f in found:
        assert math.isclose(values[f.metric], f.value, rel_tol=1e-12)


def test_lower_priority_rules_appear_when_room(result):
    found = generate_findings(result, limit=8)
    keys = [f.key for f in found]
    assert keys[-2:] == ["gap.finding.closable", "gap.finding.nurture"]
    assert (
        found[-2].text("en")
        == "2 open deals worth ¥2.5M are due to close this quarter, FY2026 Q1 (Apr–Jun)."
    )
    assert (
        found[-2].text("ja")
        == "今期・FY2026 第1四半期（4〜6月）中にクローズ予定の商談は2件、合計250万円です。"
    )


def test_at_least_three_findings_when_little_applies(result):
    empty = compute_gap(
        make_dataset(),
        as_of=AS_OF,
        start=AS_OF.replace(year=2020),
        end=AS_OF.replace(year=2020),
        scores=make_scores(),
    )
    found = generate_findings(empty)
    assert found[-1].key == "gap.finding.volume"
    assert found[-1].text("en") == "This period produced 0 leads and 0 MQLs."
    assert "gap.finding.closable" in [f.key for f in found]  # open deals still close this quarter


def test_acceptance_without_small_company_pattern(result):
    h = replace(result.handoff, rejected_small=0)
    f = generate_findings(replace(result, handoff=h))[0]
    assert f.text("en") == "MQL→SAL acceptance is 29% (2 of 7 MQLs)."


def test_basis_sentences(result):
    found = generate_findings(result, limit=8)
    assert [finding_basis(f, "en") for f in found] == [
        "Based on: acceptance rate = 29%",
        "Based on: MQLs never followed up = 1",
        "Based on: SLA breach rate = 33%",
        "Based on: sales-hot / marketing-cold leads = 2",
        "Based on: marketing-hot / sales-cold leads = 3",
        "Based on: acceptance rate by source (Website) = 0%",
        "Based on: value closable this quarter = ¥2.5M",
        "Based on: nurture pool = 1",
    ]
    assert finding_basis(found[0], "ja") == "根拠: 営業受入率 = 29%"


def test_without_an_activity_log_no_finding_rests_on_engagement():
    # QA-R: with no activity file every engagement score is 0, yet the page said "587
    # good-fit leads with little engagement — engage these first"
    ds = replace(make_dataset(), activities=None)
    got = compute_gap(ds, as_of=AS_OF, start=START, end=END, scores=make_scores())
    assert not got.marketing.engagement_measured
    keys = [f.key for f in generate_findings(got, limit=9)]
    assert keys[0] == "gap.finding.engagement_unmeasured"
    assert not {"gap.finding.sales_hot", "gap.finding.marketing_hot", "gap.finding.nurture"} & set(
        keys
    )
    assert math.isnan(metric_values(got)["marketing.engaged"])
    text = generate_findings(got)[0].text("en")
    assert text.startswith("Engagement is not measured")
    assert compute_gap(
        make_dataset(), as_of=AS_OF, scores=make_scores()
    ).marketing.engagement_measured


def test_the_unmeasured_finding_says_its_basis_in_both_languages():
    ds = replace(make_dataset(), activities=None)
    got = compute_gap(ds, as_of=AS_OF, start=START, end=END, scores=make_scores())
    first = generate_findings(got)[0]
    assert finding_basis(first, "en").endswith("engaged leads = —")
    assert "反応のあるリード" in finding_basis(first, "ja")
