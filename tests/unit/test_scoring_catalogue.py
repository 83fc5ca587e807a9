"""Scoring on exports nobody on this project wrote: a Japanese Salesforce contact, opportunity and
activity report from the catalogue (issue #13), loaded as a user would.

The opportunity report has no won / closed flags — 受注, 失注 and 見送り in
``商談: フェーズ`` decide — and links to people by ``取引先責任者: メール`` or
name + company; the activity report's 種別 (電話, 訪問, 商談…) and 結果 (アポ獲得…)
are sales touches. The fixtures' addresses are ``example.jp`` (test domains,
excluded by default), so the cleaning here keeps them.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from abm.ingest import load_files
from abm.pipeline import prepare
from abm.scoring import (
    ENGAGEMENT_KINDS,
    ScoringModel,
    backtest,
    build_features,
    counts_at,
    deal_facts,
    deal_history,
    lead_outcomes,
    learning_set,
    rescore_rows,
)
from tests.support.exports import catalogue_generator

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
FILES = (
    "sf_report_contacts_ja.csv",
    "sf_report_opportunities_custom_ja.csv",
    "sf_report_activities_ja.csv",
)


def _manifest(name: str) -> dict:
    files = json.loads((HERE / "catalogue.json").read_text(encoding="utf-8"))["files"]
    return next(f for f in files if f["file"] == name)


@pytest.fixture(scope="module")
def loaded():
    ds, errors = load_files([(f, (HERE / f).read_bytes()) for f in FILES])
    assert not errors
    prepared = prepare(ds).dataset
    as_of = ds.as_of_default().date
    feats = build_features(prepared.leads, prepared.activities, as_of=as_of)
    out = lead_outcomes(prepared.leads, prepared.opportunities, as_of=as_of)
    return prepared, as_of, feats, out


def test_the_phase_only_report_is_every_linked_lead_s_outcome(loaded):
    prepared, _, _, out = loaded
    opp = _manifest("sf_report_opportunities_custom_ja.csv")
    assert "is_won" not in prepared.opportunities.columns  # no flags: the phase decides
    links = opp["links"]
    assert (
        out.sources["opportunities"]
        == opp["outcomes"]["won"] + opp["outcomes"]["lost"] + opp["outcomes"]["open"]
    )
    assert out.sources["linked"] == links["by_email"] + links["by_name_company"]
    assert out.sources["unlinked"] == links["unlinked"]
    assert out.available() == ("converted", "won_vs_lost")
    assert out.won.sum() > 0 and out.lost.sum() > 0


def test_sales_touches_and_their_results_reach_engagement(loaded):
    _, _, feats, _ = loaded
    name = "sf_report_activities_ja.csv"
    acts = _manifest(name)
    # the manifest counts every row; a task not started (未着手) is a plan, not an activity
    gen = catalogue_generator()
    tables = {
        f: gen.read_table((HERE / f).read_bytes(), _manifest(f))[1]
        for f in (name, *acts["links"]["companions"])
    }
    done = [r for r in tables[name] if r["状況"] != "未着手"]
    assert len(done) < len(tables[name])
    links = gen.count_links(done, acts["links"], tables)
    assert feats.counts["linked"] == links["by_email"] + links["by_name_company"]
    kinds = np.asarray(ENGAGEMENT_KINDS)[feats.act_kind]
    assert set(kinds) <= {"call", "sales_email", "meeting", "web_meeting", "visit", "task"}
    assert (feats.act_result >= 0).sum() > 0  # アポ獲得 / 接続 / 拒否 read as results


@pytest.mark.parametrize(
    ("task", "mode"),
    [("converted", "monthly"), ("won_vs_lost", "created"), ("won_vs_lost", "monthly")],
)
def test_the_back_test_works_on_these_exports(loaded, task, mode):
    prepared, as_of, feats, out = loaded
    rows = learning_set(feats, prepared.leads, out, task=task, mode=mode, prediction_days=14)
    assert rows.rows > 0 and 0 < rows.positives < rows.rows
    counts = counts_at(feats, 30, rows)
    facts = deal_facts(
        deal_history(prepared.leads, prepared.opportunities, as_of=as_of), rows.lead, rows.cut
    )
    model = ScoringModel().with_points("activity", "result_appointment", 20)
    bt = backtest(rescore_rows(feats, model, rows.lead, counts, deal=facts), rows.y)
    assert 0.0 <= bt.auc <= 1.0 and bt.leads == rows.rows and bt.positives == rows.positives
    if task == "won_vs_lost":  # every row is a decided deal, cut 14 days after it was created
        assert rows.excluded["undecided"] > 0
        assert (facts.stage == 4).all()
