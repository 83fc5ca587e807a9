"""The meeting report: self-contained, offline, escaped, free of personal data."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from plotly.offline import get_plotlyjs

from abm.gap.compute import compute_gap
from abm.report import meeting_report_html
from tests.unit.test_gap_data import (
    AS_OF,
    CANARY_EMAIL,
    CANARY_NAME,
    CANARY_OWNER,
    CANARY_PHONE,
    END,
    START,
    make_dataset,
    make_scores,
)

HOSTILE = '<script>alert("x")</script><img src=http://evil.test/x.png>'


@pytest.fixture(scope="module")
def dataset():
    ds = make_dataset()
    leads = ds.leads.copy()
    leads.loc[[2, 3], "lead_source"] = HOSTILE  # a hostile source value (L3, L4)
    leads.loc[4, "rejection_reason"] = HOSTILE
    return type(ds)(
        leads=leads, activities=ds.activities, opportunities=ds.opportunities, accounts=ds.accounts
    )


@pytest.fixture(scope="module")
def result(dataset):
    return compute_gap(dataset, as_of=AS_OF, start=START, end=END, scores=make_scores())


@pytest.fixture(scope="module")
def clean_result():
    return compute_gap(make_dataset(), as_of=AS_OF, start=START, end=END, scores=make_scores())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _outside_bundle(doc: str) -> str:
    bundle = get_plotlyjs()
    assert doc.count(bundle) == 1  # inlined exactly once
    return doc.replace(bundle, "")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_self_contained_and_offline(clean_result, lang):
    doc = meeting_report_html(clean_result, lang=lang)
    assert doc.startswith("<!DOCTYPE html>") and doc.rstrip().endswith("</html>")
    rest = _outside_bundle(doc)
    assert "<script src" not in rest.lower()
    assert not re.search(r"https?://", rest)
    assert "<link" not in rest.lower() and "@import" not in rest
    assert f'<html lang="{lang}">' in doc
    # one div per figure: volume, fit mix, reasons, quadrant
    assert rest.count('class="plotly-graph-div"') == 4


def test_no_personal_data(dataset, result):
    for lang in ("ja", "en"):
        doc = meeting_report_html(
            result, lang=lang, leads=dataset.leads, include_companies=("both_hot", "sales_hot")
        )
        for canary in (CANARY_EMAIL, CANARY_PHONE, CANARY_NAME, CANARY_OWNER, "@example.test"):
            assert canary not in doc
        assert "Person L" not in doc


def test_company_names_only_when_asked(dataset, result):
    plain = meeting_report_html(result, lang="en", leads=dataset.leads)
    for company in ("Alpha", "Theta", "Eta", "Gamma"):
        assert company not in _outside_bundle(plain)
    listed = meeting_report_html(
        result, lang="en", leads=dataset.leads, include_companies=("sales_hot",)
    )
    rest = _outside_bundle(listed)
    assert "Companies: Sales-hot / marketing-cold (engage these)" in rest
    assert "Theta" in rest and "Eta" in rest
    assert "Alpha" not in rest  # both_hot was not asked for


def test_dynamic_values_are_escaped(result):
    doc = _outside_bundle(meeting_report_html(result, lang="en"))
    assert HOSTILE not in doc
    assert "<img" not in doc
    parser = _Tags()
    parser.feed(doc)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"img", "iframe", "link", "object", "embed", "a"}
    for _tag, attrs in parser.tags:
        for _name, value in attrs:
            assert "://" not in (value or "")
    # scripts: the plotly bundle (removed) plus one per figure, none with a src
    assert all(not dict(a).get("src") for tag, a in parser.tags if tag == "script")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in doc  # in the source table


def test_contents(result):
    doc = _outside_bundle(meeting_report_html(result, lang="en"))
    for text in (
        "Joint marketing–sales meeting report",
        "Period (lead created): 2026-04-01 – 2026-05-31",
        "As of: 2026-06-15",
        "Marketing&#x27;s lens",
        "Sales&#x27; lens",
        "Acceptance (MQL→SAL)",
        "29%",
        "Where they disagree (engagement × fit)",
        "Fiscal year starts in month 4",
        "MQL follow-up SLA: 7 days",
        "Thresholds: fit 40 / engagement 30",
        "Based on: acceptance rate = 29%",
        'data-metric="handoff.acceptance_rate"',
        "¥5M",  # money short enough for a tile (core.format)
        "only a deal linked to no lead counts under its own lead source",
    ):
        assert text in doc, text
    ja = _outside_bundle(meeting_report_html(result, lang="ja"))
    assert "マーケ・営業 合同会議レポート" in ja and "500万円" in ja


def test_an_sla_of_one_day_says_day(dataset):
    from abm.gap.settings import GapSettings

    one = compute_gap(
        dataset, as_of=AS_OF, start=START, end=END, scores=make_scores(),
        settings=GapSettings(sla_days=1),
    )  # fmt: skip
    doc = _outside_bundle(meeting_report_html(one, lang="en"))
    assert "MQL follow-up SLA: 1 day<" in doc and "SLA breaches (1 day)" in doc
    assert "1 days" not in doc
    ja = _outside_bundle(meeting_report_html(one, lang="ja"))
    assert "MQL対応SLA: 1日" in ja and "SLA超過（1日）" in ja


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_prints_on_a4_in_the_readers_words(dataset, result, lang):
    """#19: a print stylesheet (A4, sections kept whole, header rows repeated, no wider than
    the sheet) and nothing internal: the funnel model by name, never its key "classic"."""
    from abm.i18n import keys as K
    from abm.i18n import t

    doc = _outside_bundle(
        meeting_report_html(
            result, lang=lang, leads=dataset.leads, include_companies=("sales_hot",)
        )
    )
    assert "@page{size:A4 portrait" in doc and "@media print" in doc
    assert ".box,.kpi,.plotly-graph-div,.findings li{break-inside:avoid}" in doc
    assert "thead{display:table-header-group}" in doc and "max-width:700px" in doc
    assert "beforeprint" in doc  # charts re-measure for the printed page
    assert "classic" not in doc
    assert t("gap.report.setting.funnel", lang, model=t(K.FUNNEL_MODEL["classic"], lang)) in doc
    assert t("gap.report.companies_note", lang) in doc  # one company in several lists: said
