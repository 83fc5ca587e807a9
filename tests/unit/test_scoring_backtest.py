"""Back-test figures on a hand-built fixture, computed by hand."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.errors import MoriError
from abm.scoring import Scores, auc_score, backtest, history_months, outcome_of, suggest_thresholds

FIT = np.array([90, 80, 70, 60, 50, 40, 30, 20, 10, 0], dtype=np.float32)
ENG = np.array([50, 0, 40, 0, 30, 0, 20, 0, 10, 0], dtype=np.float32)
Y = np.array([1, 0, 0, 1, 1, 0, 0, 0, 1, 0], dtype=bool)
# cuts fit (60, 40, 20) and engagement (60, 30, 10), thresholds fit 40 AND engagement 30
FIT_BAND = np.array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3], dtype=np.int8)
ENG_BAND = np.array([1, 3, 1, 3, 1, 3, 2, 3, 2, 3], dtype=np.int8)
MQL = (FIT >= 40) & (ENG >= 30)  # leads 0, 2, 4


def _scores(axis="fit"):
    return Scores(FIT, ENG, FIT_BAND, ENG_BAND, MQL, axis)


def test_mql_precision_recall_lift_auc():
    b = backtest(_scores(), Y)
    assert (b.leads, b.positives, b.base_rate) == (10, 4, 0.4)
    assert (b.mql_leads, b.mql_positives) == (3, 2)
    assert b.precision == pytest.approx(2 / 3)
    assert b.recall == pytest.approx(0.5)
    assert b.mql_lift == pytest.approx((2 / 3) / 0.4)
    # totals: positives 140, 60, 80, 20; negatives 80, 110, 40, 50, 20, 0
    # pairs won: 6 + 4 + 4.5 (one tie) + 1.5 (one tie) = 16 of 24
    assert b.auc == pytest.approx(16 / 24)


def test_deciles_by_hand():
    b = backtest(_scores(), Y)
    # one lead per decile, ordered by total 140, 110, 80 (lead 1 first: stable), 80, 60, 50, 40, 20, 20, 0
    assert b.deciles["decile"].tolist() == list(range(1, 11))
    assert b.deciles["positives"].tolist() == [1, 0, 0, 1, 1, 0, 0, 0, 1, 0]
    assert b.deciles["lift"].tolist()[0] == pytest.approx(2.5)
    assert b.deciles["max_score"].tolist()[:3] == [140.0, 110.0, 80.0]


def test_cells_by_hand_both_orientations():
    cells = backtest(_scores(), Y).cells.set_index("grade")
    assert cells.loc["A2", ["leads", "positives"]].tolist() == [2, 1]
    assert cells.loc["A4", ["leads", "positives"]].tolist() == [2, 1]
    assert cells.loc["B2", "rate"] == 1.0
    assert cells.loc["D3", ["leads", "positives"]].tolist() == [1, 1]
    assert cells.loc["D4", "rate"] == 0.0
    assert np.isnan(cells.loc["A1", "rate"])
    assert cells["leads"].sum() == 10
    swapped = backtest(_scores("engagement"), Y).cells.set_index("grade")
    # letter = engagement band, digit = fit band: leads 0, 2 → B1; lead 4 → B2
    assert swapped.loc["B1", ["leads", "positives"]].tolist() == [2, 1]
    assert swapped.loc["B2", ["leads", "positives"]].tolist() == [1, 1]


#: No minimum: the ten hand-made leads judged as they are.
ANY = {"min_per_month": 0, "min_leads": 0, "min_positives": 0}


def test_threshold_suggestion_for_capacity():
    s = suggest_thresholds(_scores(), Y, capacity_per_month=3, months=1, **ANY)
    # best within 3 leads: fit ≥ 50 AND engagement ≥ 30 → leads 0, 2, 4, two positives
    assert (s.positives, s.mql_per_month, s.fits_capacity, s.enough) == (2, 3.0, True, True)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(0.5)
    assert ((s.fit_threshold <= FIT) & (s.engagement_threshold <= ENG)).sum() == 3
    one = suggest_thresholds(_scores(), Y, capacity_per_month=1, months=2, **ANY)
    assert (one.positives, one.mql_per_month) == (1, 0.5)
    none = suggest_thresholds(_scores(), Y, capacity_per_month=0.5, months=1, **ANY)
    assert not none.fits_capacity and none.mql_per_month == 1.0


def test_thresholds_are_never_suggested_on_too_few_leads():
    """QA-S: capacity 1 → "fit ≥ 20, engagement ≥ 176 (0 a month, precision 100.0 %)"."""
    # a lead a month at least: over 4 months, 4 MQLs, not the one lead that converts alone
    s = suggest_thresholds(_scores(), Y, capacity_per_month=1, months=4, min_leads=0,
                           min_positives=0)  # fmt: skip
    assert s.enough and s.mql_per_month >= 1.0
    two = suggest_thresholds(_scores(), Y, capacity_per_month=1, months=2, min_leads=0,
                             min_positives=0)  # fmt: skip
    assert two.mql_per_month == 1.0  # 0.5 a month (one lead) is below a lead a month
    # three outcomes among the MQLs: only pairs catching three of the four
    three = suggest_thresholds(_scores(), Y, capacity_per_month=10, months=1, min_leads=0,
                               min_positives=3)  # fmt: skip
    assert three.enough and three.positives >= 3
    # the defaults (10 MQLs, 3 outcomes) cannot be met by ten leads with four outcomes at
    # a lead a month over 20 months: nothing to propose, and it says so
    short = suggest_thresholds(_scores(), Y, capacity_per_month=1, months=20)
    assert not short.enough


def test_precision_and_lift_need_enough_mqls():
    bt = backtest(_scores(), Y)  # 3 MQLs, 2 outcomes among them
    assert (bt.mql_leads, bt.mql_positives) == (3, 2) and not bt.mql_enough
    n = 40
    fit = np.full(n, 90, dtype=np.float32)
    eng = np.full(n, 50, dtype=np.float32)
    band = np.zeros(n, dtype=np.int8)
    y = np.arange(n) % 4 == 0
    many = backtest(Scores(fit, eng, band, band, np.ones(n, dtype=bool), "fit"), y)
    assert many.mql_enough and (many.mql_leads, many.mql_positives) == (40, 10)


def test_outcome_of_and_history_months():
    leads = pd.DataFrame(
        {
            "opportunity_at": pd.to_datetime(["2025-01-01", None, "2025-03-01"]),
            "won_at": pd.to_datetime([None, None, "2025-04-01"]),
            "converted": pd.array([True, None, False], dtype="boolean"),
            "created_at": pd.to_datetime(["2024-01-01", "2024-07-01", "2025-01-01"]),
        }
    )
    y, at = outcome_of(leads, "opportunity")
    assert y.tolist() == [True, False, True]
    assert at[1] != at[1]  # NaT
    assert outcome_of(leads, "won")[0].tolist() == [False, False, True]
    assert outcome_of(leads, "converted")[0].tolist() == [True, False, False]
    with pytest.raises(MoriError):
        outcome_of(leads.drop(columns="won_at"), "won")
    assert history_months(leads) == pytest.approx(366 / 30.4375)
    assert history_months(leads.drop(columns="created_at")) == 1.0


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(min_value=-5, max_value=5)), min_size=2, max_size=60
    )
)
def test_auc_score_equals_sklearn(rows):
    """Ties (small integer scores) included: the fast AUC is sklearn's, to rounding."""
    from sklearn.metrics import roc_auc_score

    y = np.array([r[0] for r in rows])
    s = np.array([r[1] for r in rows], dtype=float)
    if 0 < y.sum() < len(y):
        assert auc_score(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)
    else:
        assert np.isnan(auc_score(y, s))


def test_auc_score_extremes():
    y = np.array([0, 0, 1, 1], dtype=bool)
    assert auc_score(y, np.array([1.0, 2, 3, 4])) == 1.0
    assert auc_score(y, np.array([4.0, 3, 2, 1])) == 0.0
    assert auc_score(y, np.zeros(4)) == 0.5


def test_the_decile_chart_names_the_base_rate_above_the_plot_not_on_a_bar():
    """QA-F: at 1280 px 「全体平均」 sat on the tenth bar (the line's label at its right end)."""
    import pandas as pd

    from abm.scoring.charts import decile_figure

    deciles = pd.DataFrame({"decile": range(1, 11), "rate": [0.03] * 10})
    fig = decile_figure(deciles, 0.024, "ja")
    (note,) = fig.layout.annotations
    assert (note.xref, note.yref, note.y, note.yanchor) == ("paper", "paper", 1, "bottom")
    assert "全体平均" in note.text and "2.4%" in note.text
    assert len(fig.layout.shapes) == 1  # the dotted line itself
