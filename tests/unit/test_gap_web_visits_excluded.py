"""Web visits on the Gap page count the people analysed and unknown visitors, never an
excluded person's (QA: 7,883 web visits counted a competitor's, own staff's, partners' and
students' visits; the kept people's were 7,573). The pandas lens and the engine agree."""

from __future__ import annotations

import pandas as pd
import pytest

import abm.engine as E
from abm.core.keys import of_people_not_analysed
from abm.dataset import Dataset
from abm.funnel import compute_reach, get_model
from abm.gap.lenses import marketing_lens
from abm.pipeline import prepare
from abm.resolve import ExclusionRules
from abm.scoring.model import ScoringModel

AS_OF = pd.Timestamp("2026-06-30")


def _s(values: list) -> pd.Series:
    return pd.Series(values, dtype="string")


def _dataset() -> Dataset:
    leads = pd.DataFrame(
        {
            "lead_id": _s(["A1", "A2", "C1"]),
            "email": _s(["a1@alpha-kogyo.co.jp", "a2@beta-denki.co.jp", "spy@rival-soft.co.jp"]),
            "full_name": _s(["青木 一郎", "井上 二郎", "上田 三郎"]),
            "company": _s(["アルファ工業株式会社", "ベータ電機株式会社", "ライバルソフト株式会社"]),
            "created_at": pd.to_datetime(["2026-04-01", "2026-04-05", "2026-04-07"]),
            "lead_status": _s(["new", "new", "new"]),
        }
    )
    day = pd.to_datetime
    activities = pd.DataFrame(
        {  # A1: 2 visits, A2: 1, the competitor: 3, an unknown visitor: 1
            "lead_id": _s(["A1", "A1", "A2", "C1", "C1", "C1", None]),
            "timestamp": day(["2026-05-01", "2026-05-02", "2026-05-03"] + ["2026-05-04"] * 4),
            "activity_type": _s(["Page View"] * 7),
            "url": _s(["/", "/pricing", "/", "/", "/product", "/pricing", "/"]),
        }
    )
    return Dataset(leads=leads, activities=activities)


def _lens(ds: Dataset):
    reach = compute_reach(ds.leads, get_model("classic"), as_of=AS_OF)
    scores = pd.DataFrame({"engagement_score": [0.0] * len(ds.leads)})
    return marketing_lens(ds.leads, reach, scores, ScoringModel(), ds.activities)


def test_a_competitors_visits_leave_web_visits_once_excluded():
    raw = _dataset()
    kept_all = prepare(raw).dataset
    rules = ExclusionRules(competitor_domains=("rival-soft.co.jp",))
    cleaned = prepare(raw, rules=rules).dataset
    assert cleaned.leads["lead_id"].tolist() == ["A1", "A2"]
    assert _lens(kept_all).web_activities == 7
    # the competitor's three visits go; the unknown visitor's stays (help text says so)
    assert _lens(cleaned).web_activities == 4
    flagged = of_people_not_analysed(cleaned.activities, cleaned.leads)
    assert flagged.tolist() == [False, False, False, True, True, True, False]


@pytest.mark.parametrize("rules", [None, ExclusionRules(competitor_domains=("rival-soft.co.jp",))])
def test_engine_counts_the_same_web_visits(rules):
    ds = prepare(_dataset(), rules=rules).dataset
    engine = E.connect(E.EngineConfig(threads=1))
    tables = E.register_dataset(engine, ds, prefix="webx")
    got = E.marketing_aggregates(engine, tables, as_of=AS_OF)
    assert got["web_activities"] == _lens(ds).web_activities == (7 if rules is None else 4)


def test_the_meeting_report_counts_the_pages_web_visits_and_says_what_they_count():
    from abm.gap.compute import compute_gap
    from abm.i18n import t
    from abm.report import meeting_report_html

    rules = ExclusionRules(competitor_domains=("rival-soft.co.jp",))
    ds = prepare(_dataset(), rules=rules).dataset
    result = compute_gap(ds, as_of=AS_OF)
    assert result.marketing.web_activities == 4
    for lang in ("ja", "en"):
        page = meeting_report_html(result, lang=lang)
        assert t("gap.m.web_visits_help", lang) in page.replace("&#x27;", "'")
