"""Stages with no data of their own (QA: a HubSpot export has no SAL, a Pardot/SATORI one no
status at all): counted from later stages only, they must not read as 100% conversions in
the benchmark bands or as sales accepting every MQL in the Gap's findings."""

from __future__ import annotations

import pandas as pd

from abm.funnel import compare_benchmarks, compute_reach, get_model
from abm.gap.handoff import handoff_metrics

AS_OF = pd.Timestamp("2026-06-30")


def _leads(statuses: list[str | None]) -> pd.DataFrame:
    n = len(statuses)
    return pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(n)],
            "company": [f"会社{i}" for i in range(n)],
            "created_at": pd.to_datetime(["2026-03-01"] * n),
            "current_stage": pd.array(statuses, dtype="string"),
        }
    )


def test_a_lifecycle_without_sal_implies_sal_and_says_so():
    # HubSpot's lifecycle stages: lead, MQL, SQL, opportunity, customer; no SAL
    leads = _leads(["Lead"] * 4 + ["MQL"] * 3 + ["SQL"] * 2 + ["Opportunity", "Customer"])
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    assert reach.implied() == ("sal",)
    bench = compare_benchmarks(reach).set_index(["from_stage", "to_stage"])
    for pair in (("mql", "sal"), ("sal", "sql")):  # SAL = SQL: 100% says nothing
        assert bench.loc[pair, "position"] == "implied" and pd.isna(bench.loc[pair, "rate"])
    assert bench.loc[("inquiry", "mql"), "position"] in ("below", "within", "above")
    h = handoff_metrics(leads, reach)
    assert h.implied == ("sal",)
    # the Gap's finding says acceptance is not measured, not "100% of MQLs accepted"
    from types import SimpleNamespace

    from abm.gap.findings import _acceptance, render_finding

    found = _acceptance(SimpleNamespace(handoff=h))
    assert found is not None and found.key == "gap.finding.acceptance_implied"
    assert "not measured" in render_finding(found, "en")
    # QA-E: nor that the MQLs that went no further were "never followed up" by sales, or
    # broke the SLA, when no sales activity says what sales did
    from abm.gap.findings import _never, _sla

    assert h.never_followed_up == 3 and not h.uses_activities
    assert _never(SimpleNamespace(handoff=h)) is None
    assert _sla(SimpleNamespace(handoff=h)) is None
    from abm.gap.findings import _source  # nor acceptance by source (QA-E: "Referral 47%")

    sources = pd.DataFrame({"mql": [19, 62], "sal": [9, 39], "sal_rate": [0.47, 0.63]},
                           index=["Referral", "Web"])  # fmt: skip
    assert _source(SimpleNamespace(handoff=h, sources=sources)) is None
    calls = pd.DataFrame(
        {
            "lead_id": ["L4"],
            "timestamp": pd.to_datetime(["2026-03-05"]),
            "activity_type": pd.array(["電話"], dtype="string"),
            "origin": pd.array(["sales"], dtype="string"),
        }
    )
    touched = handoff_metrics(leads, reach, calls)
    assert touched.uses_activities and touched.never_followed_up == 2
    assert _never(SimpleNamespace(handoff=touched)) is not None


def test_every_stage_with_its_own_status_is_evidenced():
    leads = _leads(["Lead", "MQL", "SAL", "SQL", "Opportunity", "Customer"])
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF)
    assert reach.implied() == ()
    assert "implied" not in set(compare_benchmarks(reach)["position"])
    assert reach.subset(reach.created_mask(None, AS_OF)).implied() == ()


def test_an_optional_or_empty_stage_is_not_called_implied():
    # review: the 2012 model's optional AQL with no data, and a stage counting no lead, are
    # not "counted from later stages"
    leads = _leads(["Lead"] * 3 + ["MQL"] * 2)
    reach = compute_reach(leads, get_model("sd2012"), as_of=AS_OF)
    optional = [k for k, s in zip(reach.model.keys, reach.model.stages, strict=True) if s.optional]
    assert optional and not set(optional) & set(reach.implied())
    assert reach.implied() == ()  # MQL has its own status; nothing past it is counted
    # a required stage passed only by later ones is still reported
    later = _leads(["Lead", "MQL", "SQL", "SQL", "Opportunity"])
    r2 = compute_reach(later, get_model("sd2012"), as_of=AS_OF)
    counted = dict(zip(r2.model.keys, r2.seen.sum(axis=0), strict=True))
    assert r2.implied() and all(counted[k] > 0 for k in r2.implied())
    assert not set(r2.implied()) & set(optional)


def test_the_follow_up_figures_read_a_dash_when_the_data_cannot_tell():
    """Review: the tiles and the meeting report still said "never followed up: 3" where the
    findings no longer did."""
    from abm.gap.handoff import follow_up_figure

    leads = _leads(["Lead"] * 4 + ["MQL"] * 3 + ["SQL"] * 2 + ["Opportunity", "Customer"])
    h = handoff_metrics(leads, compute_reach(leads, get_model("classic"), as_of=AS_OF))
    assert not h.follow_up_measured and follow_up_figure(h, "3") == "—"
    full = _leads(["Lead", "MQL", "SAL", "SQL", "Opportunity", "Customer"])
    h = handoff_metrics(full, compute_reach(full, get_model("classic"), as_of=AS_OF))
    assert h.follow_up_measured and follow_up_figure(h, "3") == "3"


def test_the_acceptance_figures_read_a_dash_when_mql_or_sal_is_implied():
    """QA-H: 営業受入率 100 % and 不受理率 0 % on the Gap's tiles and in the meeting report,
    beside a finding that said acceptance is not measured."""
    from abm.gap.handoff import acceptance_figure

    leads = _leads(["Lead"] * 4 + ["MQL"] * 3 + ["SQL"] * 2 + ["Opportunity", "Customer"])
    h = handoff_metrics(leads, compute_reach(leads, get_model("classic"), as_of=AS_OF))
    assert not h.acceptance_measured and acceptance_figure(h, "100%") == "—"
    # nor does the finding, its basis line or the report's count of known metrics (review)
    from types import SimpleNamespace

    from abm.gap.findings import _acceptance, finding_basis, render_finding

    found = _acceptance(SimpleNamespace(handoff=h))
    assert "%" not in render_finding(found, "en") and "%" not in render_finding(found, "ja")
    assert finding_basis(found, "en").endswith("—")
    full = _leads(["Lead", "MQL", "SAL", "SQL", "Opportunity", "Customer"])
    h = handoff_metrics(full, compute_reach(full, get_model("classic"), as_of=AS_OF))
    assert h.acceptance_measured and acceptance_figure(h, "80%") == "80%"


def test_acceptance_by_source_reads_a_dash_when_the_hand_off_s_does():
    """QA-I: the hand-off tile said "—" and the findings "not measured", but the source
    truth table (page and meeting report) said Acceptance 100 % for every source."""
    from abm.dataset import Dataset
    from abm.funnel import FunnelConfig
    from abm.gap import compute_gap
    from abm.gap.display import source_table
    from abm.report import meeting_report_html

    statuses = ["Lead"] * 4 + ["MQL"] * 3 + ["SQL"] * 2 + ["Opportunity", "Customer"]
    leads = _leads(statuses).assign(
        lead_source=pd.array(["Webinar", "Referral"] * 5 + ["Webinar"], dtype="string")
    )
    config = FunnelConfig()  # the classic model
    r = compute_gap(Dataset(leads=leads), as_of=AS_OF, funnel=config)
    assert not r.handoff.acceptance_measured
    assert r.sources["sal_rate"].isna().all()
    for lang in ("en", "ja"):
        table = source_table(r.sources, lang, as_text=True)
        acceptance = table[table.columns[3]].tolist()
        assert acceptance == ["—", "—"] and "100%" not in table.to_string()
        html = meeting_report_html(r, lang=lang)
        start = html.rfind("<table", 0, html.find("<th>Webinar</th>"))
        in_report = html[start : html.find("</table>", start)]
        assert table.columns[3] in in_report and "100%" not in in_report
    full = _leads(["Lead", "MQL", "SAL", "SQL", "Opportunity", "Customer"])
    r = compute_gap(Dataset(leads=full.assign(lead_source="Web")), as_of=AS_OF, funnel=config)
    assert r.handoff.acceptance_measured and r.sources["sal_rate"].tolist() == [0.8]
