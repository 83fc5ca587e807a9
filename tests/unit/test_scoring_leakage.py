"""Nothing after a lead's prediction time reaches a feature — one planted event per feature family.

Each test builds the design matrix the suggestion learns from (rows at their
cuts, :func:`abm.scoring.design_matrix`), plants an event dated after a
lead's cut — a fit column written later, a marketing activity, a sales touch
with its result, an opportunity fact — and asserts the features are
unchanged. Then the refusals: leaky columns and the opportunity family for
"which lead converts".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.errors import MoriError
from abm.scoring import (
    ScoringModel,
    build_features,
    check_families,
    counts_at,
    deal_facts,
    deal_history,
    design_matrix,
    lead_outcomes,
    learning_set,
)

AS_OF = pd.Timestamp("2025-12-31")
CREATED = pd.Timestamp("2025-01-10")
CUT = CREATED + pd.Timedelta(days=30)  # prediction time of every lead below
AFTER = CUT + pd.Timedelta(days=3)


def _world(deal_day: int = 3):
    """Eight leads created on one day; six deals created ``deal_day`` days later.

    ``deal_day`` 3 suits "won vs lost" (deals exist at their cut); 60 suits
    "converted" (no lead has converted by its cut, so every lead is a row).
    """
    leads = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(8)], dtype="string"),
            "email": pd.array([f"p{i}@c{i % 4}.co.jp" for i in range(8)], dtype="string"),
            "company": pd.array([f"株式会社C{i % 4}" for i in range(8)], dtype="string"),
            "account_id": pd.array([f"A{i % 4}" for i in range(8)], dtype="string"),
            "title": pd.array(["部長", "担当", "課長", "代表取締役"] * 2, dtype="string"),
            "industry": pd.array(["製造業", "金融業"] * 4, dtype="string"),
            "employees": pd.array([50, 500, 1200, 30] * 2, dtype="Int64"),
            "created_at": pd.to_datetime([CREATED] * 8),
            "mql_at": pd.to_datetime([CREATED + pd.Timedelta(days=5)] * 4 + [None] * 4),
        }
    )
    acts = pd.DataFrame(
        {
            "lead_id": pd.array(["L0", "L1", "L2", "L2", "L4"], dtype="string"),
            "timestamp": pd.to_datetime(
                [CREATED + pd.Timedelta(days=d) for d in (2, 10, 20, 25, 5)]
            ),
            "activity_type": pd.array(
                ["料金ページ閲覧", "電話", "デモ依頼", "訪問", "ウェビナー参加"], dtype="string"
            ),
            "origin": pd.array(
                ["marketing", "sales", "marketing", "sales", "marketing"], dtype="string"
            ),
            "result": pd.array([None, "アポ獲得", None, "完了", None], dtype="string"),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array([f"O{i}" for i in range(6)], dtype="string"),
            "lead_id": pd.array(["L0", "L1", "L2", "L3", "L5", "L6"], dtype="string"),
            "link_rule": pd.array(["email"] * 6, dtype="string"),
            "account_id": pd.array(["A0", "A1", "A2", "A3", "A1", "A2"], dtype="string"),
            "stage": pd.array(["受注", "失注", "受注", "失注", "受注", "失注"], dtype="string"),
            "created_at": pd.to_datetime([CREATED + pd.Timedelta(days=deal_day)] * 6),
            "close_date": pd.to_datetime([CREATED + pd.Timedelta(days=120)] * 6),
        }
    )
    return leads, acts, opps


def _design(leads, acts, opps, *, task, families, model=None):
    model = model or ScoringModel(half_life_days=0)
    feats = build_features(leads, acts, as_of=AS_OF)
    out = lead_outcomes(leads, opps, as_of=AS_OF)
    rows = learning_set(feats, leads, out, task=task, prediction_days=30, horizon_days=90)
    counts = counts_at(feats, model.half_life_days, rows)
    facts = deal_facts(deal_history(leads, opps, as_of=AS_OF), rows.lead, rows.cut)
    d = design_matrix(feats, model, rows.lead, counts, families=families, deal=facts)
    return rows, d.X.toarray(), d.labels


def _plant(frame: pd.DataFrame, row: dict) -> pd.DataFrame:
    extra = pd.DataFrame([row])
    for c in extra.columns:
        extra[c] = extra[c].astype(frame[c].dtype)
    return pd.concat([frame, extra], ignore_index=True)


def _same(before, after):
    rows_b, X_b, labels_b = before
    rows_a, X_a, labels_a = after
    assert labels_a == labels_b
    np.testing.assert_array_equal(rows_a.lead, rows_b.lead)
    np.testing.assert_array_equal(rows_a.cut, rows_b.cut)
    np.testing.assert_array_equal(X_a, X_b)


def test_the_world_is_cut_where_we_think():
    leads, acts, opps = _world()
    rows, X, _labels = _design(leads, acts, opps, task="won_vs_lost", families=("opportunity",))
    assert (rows.cut == np.datetime64(CREATED + pd.Timedelta(days=33))).all()  # deal + 30 days
    assert rows.y.tolist() == [True, False, True, False, True, False]
    assert X.shape == (6, 12) and X.sum() > 0
    late = _world(60)
    rows, X, _ = _design(*late, task="converted", families=("fit", "marketing", "sales"))
    assert rows.lead.tolist() == list(range(8))  # every lead, cut at creation + 30 days
    assert (rows.cut == np.datetime64(CUT)).all()
    assert rows.y.tolist() == [True, True, True, True, False, True, True, False]


def test_fit_fields_written_after_the_cut_change_nothing():
    leads, acts, opps = _world(60)
    before = _design(leads, acts, opps, task="converted", families=("fit",))
    later = leads.assign(
        current_stage=pd.array(["受注"] * 8, dtype="string"),
        lead_status=pd.array(["商談化"] * 8, dtype="string"),
        won_at=pd.to_datetime([AFTER] * 8),
        page_views=pd.array([99] * 8, dtype="Int64"),
        score=pd.array([100.0] * 8, dtype="Float64"),
        last_activity_at=pd.to_datetime([AFTER] * 8),
    )
    _same(before, _design(later, acts, opps, task="converted", families=("fit",)))


@pytest.mark.parametrize(
    ("family", "kind", "origin", "result"),
    [
        ("marketing", "デモ依頼", "marketing", None),
        ("marketing", "料金ページ閲覧", "marketing", None),
        ("sales", "商談", "sales", "アポ獲得"),
        ("sales", "電話", "sales", "不在"),
    ],
)
def test_an_activity_after_the_cut_changes_nothing(family, kind, origin, result):
    leads, acts, opps = _world(60)
    before = _design(leads, acts, opps, task="converted", families=(family,))
    planted = _plant(
        acts,
        {
            "lead_id": "L1",
            "timestamp": AFTER,
            "activity_type": kind,
            "origin": origin,
            "result": result,
        },
    )
    _same(before, _design(leads, planted, opps, task="converted", families=(family,)))
    # the same activity before the cut does count (the test can see a change)
    early = _plant(
        acts,
        {"lead_id": "L1", "timestamp": CUT - pd.Timedelta(days=1), "activity_type": kind,
         "origin": origin, "result": result},
    )  # fmt: skip
    assert not np.array_equal(
        _design(leads, early, opps, task="converted", families=(family,))[1], before[1]
    )


def test_opportunity_facts_after_the_cut_change_nothing():
    leads, acts, opps = _world()
    fam = ("opportunity",)
    before = _design(leads, acts, opps, task="won_vs_lost", families=fam)
    deal_cut = CREATED + pd.Timedelta(days=3 + 30)  # each deal's prediction time
    later_day = deal_cut + pd.Timedelta(days=1)
    # another deal of L0 created on its cut's day; a company-only win at L1's account closing
    # the day after the cut; every lead reaching SQL at the cut
    planted = _plant(
        opps,
        {"opportunity_id": "O9", "lead_id": "L0", "link_rule": "email", "account_id": "A0",
         "stage": "提案", "created_at": deal_cut, "close_date": AFTER + pd.Timedelta(days=200)},
    )  # fmt: skip
    planted = _plant(
        planted,
        {"opportunity_id": "O10", "lead_id": None, "link_rule": "account", "account_id": "A1",
         "stage": "受注", "created_at": CREATED, "close_date": later_day},
    )  # fmt: skip
    later = leads.assign(sql_at=pd.to_datetime([deal_cut] * 8))
    after = _design(later, acts, planted, task="won_vs_lost", families=fam)
    _, X, labels = after
    _same(before, after)
    # the same win closing before the cut is seen (prior win at the account)
    early = planted.assign(
        close_date=planted["close_date"].where(
            planted["opportunity_id"] != "O10", CUT - pd.Timedelta(days=10)
        )
    )
    seen = _design(later, acts, early, task="won_vs_lost", families=fam)[1]
    col = labels.index(("opportunity", "prior_win", "yes"))
    assert seen[:, col].sum() > X[:, col].sum()


@settings(max_examples=25)  # each example builds the design matrix twice: ~0.4 s
@given(
    lead=st.integers(0, 7),
    days_after=st.integers(0, 300),
    kind=st.sampled_from(["ページ閲覧", "資料ダウンロード", "電話", "商談", "Web会議", "配信停止"]),
    result=st.sampled_from([None, "アポ獲得", "接続", "不在", "拒否"]),
    half_life=st.sampled_from([0.0, 14.0, 30.0]),
)
def test_no_activity_after_any_cut_ever_reaches_a_feature(
    lead, days_after, kind, result, half_life
):
    leads, acts, opps = _world(60)
    model = ScoringModel(half_life_days=half_life)
    fams = ("fit", "marketing", "sales")
    before = _design(leads, acts, opps, task="converted", families=fams, model=model)
    when = CUT + pd.Timedelta(days=days_after, seconds=1)
    planted = _plant(
        acts,
        {"lead_id": f"L{lead}", "timestamp": when, "activity_type": kind,
         "origin": "sales" if kind in ("電話", "商談", "Web会議") else "marketing", "result": result},
    )  # fmt: skip
    _same(before, _design(leads, planted, opps, task="converted", families=fams, model=model))


def test_opportunity_facts_are_refused_for_conversion():
    assert check_families("won_vs_lost") == ("fit", "marketing", "sales", "opportunity")
    assert check_families("converted") == ("fit", "marketing", "sales")
    with pytest.raises(MoriError) as err:
        check_families("converted", ["fit", "opportunity"])
    assert err.value.key == "scoring.err.family_leak"
    assert err.value.params["family"] == "opportunity"
    with pytest.raises(MoriError) as err:
        check_families("won_vs_lost", ["phase"])
    assert err.value.key == "scoring.err.unknown_family"
