"""Scores by hand, monotonicity in positive weights, half-life decay, reasons."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.scoring import (
    ACTIVITY_KINDS,
    ScoringModel,
    build_features,
    decayed_counts,
    rescore,
    score_leads,
)
from abm.scoring.synthetic import make_leads_and_activities

AS_OF = pd.Timestamp("2026-01-01")


@pytest.fixture
def small():
    leads = pd.DataFrame(
        {
            "lead_id": ["1", "2", "3"],
            "company": ["株式会社A", "B社", "C"],
            "email": ["a@a.co.jp", "b@gmail.com", None],
            "title": ["部長", "担当", "CEO"],
            "industry": ["製造業", "小売業", None],
            "employees": pd.array([1200, 30, None], dtype="Int64"),
            "annual_revenue": pd.array([5e10, None, 1e12], dtype="Float64"),
            "prefecture": ["東京都", "大阪府", None],
        },
        index=[7, 8, 9],
    )
    acts = pd.DataFrame(
        {
            "lead_id": ["1", "1", "2", "3", "9", None],
            "email": [None, None, None, None, None, "C@example.com"],
            "timestamp": pd.to_datetime(
                ["2026-01-01", "2025-12-02", "2026-01-01", "2026-02-01", "2026-01-01", "2025-12-31"]
            ),
            "activity_type": ["デモ依頼", "ページ閲覧", "配信停止", "Page View", "x", "Page View"],
            "url": [None, "/pricing", None, None, None, None],
        }
    )
    return leads, acts


def test_score_leads_by_hand(small):
    leads, acts = small
    before = leads.copy()
    out = score_leads(leads, acts, ScoringModel(), as_of=AS_OF)
    pd.testing.assert_frame_equal(leads, before)  # input untouched
    assert out.index.tolist() == [7, 8, 9]
    # lead 1: manufacturing 15 + 1000-5000 staff 20 + 100億-1000億 15 + 部長 (head) 15 + kanto 5
    # lead 2: retail 6 + <50 0 + revenue unknown 0 + 担当 2 + kinki 5 + free mail -15
    # lead 3: industry unknown 0 + employees unknown 0 + ≥1000億 20 + CEO 15
    assert out["fit_score"].tolist() == [70.0, -2.0, 35.0]
    # lead 1: demo request today 50 + pricing page 30 days ago 10 × 0.5
    # lead 2: unsubscribe -30; lead 3: its page view is after as_of → ignored
    assert out["engagement_score"].tolist() == [55.0, -30.0, 0.0]
    assert out["grade"].astype(str).tolist() == ["A2", "D4", "C4"]
    assert out["is_mql"].tolist() == [True, False, False]
    assert out["top_positive"].tolist()[0] == "activity:demo_request"
    assert out["top_negative"].tolist()[1] == "activity:unsubscribe"
    assert out["top_negative_points"].tolist()[1] == -30.0
    assert out["top_positive"].tolist()[2] == "revenue:ge_1e+11"
    assert pd.isna(out["top_negative"].iloc[0])


def test_links_by_email_and_counts_what_is_dropped(small):
    leads, acts = small
    leads = leads.assign(email=["a@a.co.jp", "b@gmail.com", "c@example.com"])
    f = build_features(leads, acts, as_of=AS_OF)
    # lead_id "9" matches nothing; lead 3's activity is after as_of; the email row links to lead 3
    assert f.counts == {"linked": 4, "unlinked": 1, "after_as_of": 1, "no_timestamp": 0}
    c = decayed_counts(f, 0)  # no decay: raw counts
    assert c[2, ACTIVITY_KINDS.index("page_view")] == 1.0


def test_letter_axis_engagement_swaps_grade(small):
    leads, acts = small
    m = ScoringModel.from_dict({"letter_axis": "engagement"})
    out = score_leads(leads, acts, m, as_of=AS_OF)
    assert out["grade"].astype(str).tolist() == ["B1", "D4", "D3"]


def test_caps_bound_positive_and_negative_points():
    leads = pd.DataFrame({"lead_id": ["1"], "company": ["A"]})
    acts = pd.DataFrame(
        {
            "lead_id": ["1"] * 30,
            "timestamp": [AS_OF] * 30,
            "activity_type": ["Page View"] * 20 + ["配信停止"] * 10,
        }
    )
    out = score_leads(leads, acts, ScoringModel(), as_of=AS_OF)
    # page views: 20 × 2 = 40 capped at 20; unsubscribes: 10 × -30 = -300 capped at -30
    assert out["engagement_score"].tolist() == [-10.0]


def test_half_life_halves_engagement():
    leads = pd.DataFrame({"lead_id": ["1", "2"], "company": ["A", "B"]})
    acts = pd.DataFrame(
        {
            "lead_id": ["1", "2", "2"],
            "timestamp": pd.to_datetime(["2026-01-01", "2025-12-02", "2025-11-02"]),
            "activity_type": ["ウェビナー参加", "ウェビナー参加", "デモ依頼"],
        }
    )
    m = ScoringModel()  # half-life 30 days; webinar 20, demo 50
    e0 = rescore(build_features(leads, acts, as_of=AS_OF), m).engagement
    np.testing.assert_allclose(e0, [20.0, 10.0 + 12.5])
    e1 = rescore(build_features(leads, acts, as_of=AS_OF + pd.Timedelta(days=30)), m).engagement
    np.testing.assert_allclose(e1, e0 / 2, rtol=1e-6)


def test_half_life_halves_engagement_on_generated_data():
    leads, acts = make_leads_and_activities(300, seed=3)
    caps = {k: 1000.0 for k in ACTIVITY_KINDS}
    m = ScoringModel.from_dict({"activity_caps": caps, "half_life_days": 14})
    e0 = rescore(build_features(leads, acts, as_of=AS_OF), m).engagement
    e1 = rescore(build_features(leads, acts, as_of=AS_OF + pd.Timedelta(days=14)), m).engagement
    assert np.abs(e0).sum() > 0
    np.testing.assert_allclose(e1, e0 / 2, rtol=1e-4, atol=1e-4)


_LEADS, _ACTS = make_leads_and_activities(400, seed=5)
_FEATS = build_features(_LEADS, _ACTS, as_of=AS_OF)
_BASE = ScoringModel()
_TABLES = [
    *(
        (t, c)
        for t in (
            "industry",
            "employees",
            "revenue",
            "seniority",
            "department",
            "region",
            "activity",
        )
        for c in _BASE.points(t)
    ),
    # a cap is monotone only for kinds that earn points (it bounds deductions otherwise)
    *(("cap", k) for k, p in _BASE.points("activity").items() if p > 0),
]


@settings(max_examples=60)
@given(
    which=st.sampled_from(_TABLES),
    start=st.floats(0, 100),
    delta=st.floats(0, 100),
    half_life=st.sampled_from([0.0, 7.0, 30.0, 90.0]),
)
def test_raising_a_positive_weight_never_lowers_a_score(which, start, delta, half_life):
    table, cat = which
    base = ScoringModel.from_dict({"half_life_days": half_life}).with_points(table, cat, start)
    raised = base.with_points(table, cat, start + delta)
    counts = decayed_counts(_FEATS, half_life)
    a, b = rescore(_FEATS, base, counts), rescore(_FEATS, raised, counts)
    assert (b.fit >= a.fit).all()
    assert (b.engagement >= a.engagement - 1e-4).all()
    assert (b.is_mql >= a.is_mql).all()


def test_rescore_matches_score_leads():
    out = score_leads(_LEADS, _ACTS, _BASE, as_of=AS_OF)
    s = rescore(_FEATS, _BASE)
    np.testing.assert_allclose(out["fit_score"].to_numpy(float), s.fit)
    np.testing.assert_allclose(out["engagement_score"].to_numpy(float), s.engagement, rtol=1e-6)
    assert out["is_mql"].sum() == s.is_mql.sum() > 0


def test_what_changed_names_the_rule_that_moved():
    from abm.scoring.report import reason_label, what_changed

    base = _BASE
    new = base.with_points(
        "seniority", "staff", 40
    )  # staff now clears the fit threshold more often
    counts = decayed_counts(_FEATS, base.half_life_days)
    sb, sn = rescore(_FEATS, base, counts), rescore(_FEATS, new, counts)
    out = what_changed(
        _LEADS,
        _FEATS,
        base=base,
        new=new,
        base_counts=counts,
        new_counts=counts,
        base_scores=sb,
        new_scores=sn,
    )
    expected = int((sn.is_mql & ~sb.is_mql).sum())
    assert expected > 0
    assert (out["change"] == "entered").sum() == expected and (out["change"] == "left").sum() == 0
    assert set(out["reason"]) == {"seniority:staff"}
    assert (out["reason_points"] == 38.0).all()  # 2 → 40
    changed = _LEADS.loc[out.index] if len(out) else _LEADS.iloc[:0]
    assert out["account"].tolist() == changed["account_id"].tolist()  # the one account key
    from abm.scoring.vocab import account_key

    given = what_changed(
        _LEADS,
        _FEATS,
        base=base,
        new=new,
        base_counts=counts,
        new_counts=counts,
        base_scores=sb,
        new_scores=sn,
        accounts=account_key(_LEADS).to_numpy(dtype=object),
    )
    pd.testing.assert_frame_equal(given, out)  # precomputed keys: same table
    assert reason_label("seniority:staff", "en") == "Seniority: Staff"
    assert reason_label("revenue:1e+10_1e+11", "ja") == "売上高: 100億円〜1,000億円未満"
    assert reason_label("revenue:lt_1e+09", "en").endswith("under ¥1B")  # as fmt_yen_short reads
    assert reason_label("employees:ge_5000", "en") == "Employees: 5,000 or more"
    back = what_changed(
        _LEADS,
        _FEATS,
        base=new,
        new=base,
        base_counts=counts,
        new_counts=counts,
        base_scores=sn,
        new_scores=sb,
    )
    assert (back["change"] == "left").sum() == expected
    assert set(back["reason"]) == {"seniority:staff"} and (back["reason_points"] == -38.0).all()


@settings(max_examples=40)
@given(
    points=st.lists(
        st.floats(-100, 100), min_size=len(ACTIVITY_KINDS), max_size=len(ACTIVITY_KINDS)
    ),
    caps=st.lists(st.floats(0, 200), min_size=len(ACTIVITY_KINDS), max_size=len(ACTIVITY_KINDS)),
)
def test_fast_engagement_equals_clipped_sum(points, caps):
    from abm.scoring.score import engagement_points, engagement_total

    m = ScoringModel.from_dict(
        {
            "activity_points": dict(zip(ACTIVITY_KINDS, points, strict=True)),
            "activity_caps": dict(zip(ACTIVITY_KINDS, caps, strict=True)),
        }
    )
    counts = decayed_counts(_FEATS, 30)
    expected = engagement_points(counts, m).sum(axis=1)
    np.testing.assert_allclose(engagement_total(counts, m), expected, rtol=1e-5, atol=1e-3)
    np.testing.assert_allclose(
        engagement_total(np.ascontiguousarray(counts), m), expected, rtol=1e-5, atol=1e-3
    )


def test_competitors_match_by_domain_or_meiyose_name():
    """A competitor list matches the e-mail domain (and its subdomains) or the company
    under 名寄せ's name key (株式会社ライバル = ライバル(株)); no list, no competitor."""
    leads = pd.DataFrame(
        {
            "company": pd.array(["ライバル(株)", "他社", None, "無関係"], dtype="string"),
            "email": pd.array(
                ["a@x.jp", "b@sales.rival.co.jp", "c@rival.co.jp", "d@other.jp"], dtype="string"
            ),
        }
    )
    feats = build_features(leads, None, as_of=AS_OF)
    assert feats.competitor(()).tolist() == [False] * 4
    got = feats.competitor(("rival.co.jp", "株式会社ライバル"))
    assert got.tolist() == [True, True, True, False]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_scores_csv_reads_as_words_with_one_decimal(small, lang):
    # QA: the Japanese screen's scores CSV read seniority=manager, construction_real_estate
    # and 0.011596530675888062
    from abm.i18n import t
    from abm.scoring.report import SCORE_COLUMNS, readable_scores

    leads, acts = small
    raw = score_leads(leads, acts, ScoringModel(), as_of=AS_OF)
    out = readable_scores(raw, lang)
    assert {t(k, lang) for c, k in SCORE_COLUMNS.items() if c in raw.columns} <= set(out.columns)
    mql = set(out[t("scoring.csv.is_mql", lang)].dropna())
    assert mql <= {t("scoring.csv.yes", lang), t("scoring.csv.no", lang)} and mql
    seniority = out[t("scoring.csv.seniority", lang)].tolist()
    assert seniority[0] == t("scoring.cat.head", lang)  # 部長 heads a function
    assert not any("_" in str(v) or "=" in str(v) or ":" in str(v).split(": ")[0]
                   for v in out[t("scoring.csv.top_positive", lang)].dropna())  # fmt: skip
    for col in (t("scoring.csv.fit_score", lang), t("scoring.csv.engagement_score", lang)):
        values = out[col].dropna().astype(float)
        assert (values.round(1) == values).all()
