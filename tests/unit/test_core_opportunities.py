"""One rule for opportunity state (abm.core.opportunities, abm.core.phases)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.core.opportunities import outcome_sources, outcomes, state_at
from abm.core.phases import PhaseVocabulary

NA = pd.NA


@pytest.mark.parametrize(
    ("is_won", "is_closed", "stage", "outcome", "source"),
    [
        (True, False, None, "won", "flags"),  # won implies closed
        (True, NA, None, "won", "flags"),
        (False, True, None, "lost", "flags"),
        (NA, True, "成立", "won", "phase"),  # closed, outcome from the phase
        (NA, True, "交渉/検討", "lost", "flags"),
        (NA, False, "受注", "open", "flags"),  # the closed flag wins over the phase
        (False, NA, None, "lost", "flags"),  # Salesforce: IsWon known, no IsClosed column
        (False, NA, "Negotiation/Review", "open", "phase"),
        (False, NA, "受注", "lost", "flags"),  # an explicit flag wins over the phase
        (False, NA, "06_失注", "lost", "flags"),
        # an unchecked 受注 box does not close a deal of a stage Mori does not know
        (False, NA, "03_課題ヒアリング", "open", "unknown"),
        (False, NA, "独自フェーズ", "open", "unknown"),
        (False, NA, "   ", "lost", "flags"),  # a blank phase says nothing: the flag decides
        (NA, NA, "受注", "won", "phase"),
        (NA, NA, "成立", "won", "phase"),
        (NA, NA, "不成立", "lost", "phase"),
        (NA, NA, "closedwon", "won", "phase"),
        (NA, NA, "Closed Lost", "lost", "phase"),
        (NA, NA, "見送り", "lost", "phase"),
        (NA, NA, "受注見込み", "open", "phase"),  # expected to win: still open
        (NA, NA, "提案／見積", "open", "phase"),
        (NA, NA, "なにか独自のフェーズ", "open", "unknown"),
        # stages a CRM administrator numbered or weighted say what their words say
        (NA, NA, "05_受注", "won", "phase"),
        (NA, NA, "06_失注", "lost", "phase"),
        (NA, NA, "3. 提案", "open", "phase"),
        (NA, NA, "１０．失注", "lost", "phase"),
        (NA, NA, "Closed Won (100%)", "won", "phase"),
        (NA, NA, "Closed Lost - 0%", "lost", "phase"),
        (NA, NA, "2024年受注", "open", "unknown"),  # a year is not an order number
        (NA, NA, "100%", "open", "unknown"),
        (NA, NA, "受注 50%", "open", "unknown"),  # a forecast, not a win
        (NA, NA, "提案 (40%)", "open", "phase"),
        (False, NA, "-", "lost", "flags"),  # a dash names no phase: the flag decides
        (NA, NA, None, "open", "unknown"),
    ],
)
def test_outcome_golden(is_won, is_closed, stage, outcome, source):
    frame = pd.DataFrame(
        {
            "is_won": pd.array([is_won], dtype="boolean"),
            "is_closed": pd.array([is_closed], dtype="boolean"),
            "stage": pd.array([stage], dtype="string"),
        }
    )
    assert outcomes(frame).tolist() == [outcome]
    assert outcome_sources(frame).tolist() == [source]


def test_phase_only_report_without_flag_columns():
    frame = pd.DataFrame({"stage": ["受注", "失注", "商談中", "成立", "不成立"]})
    assert outcomes(frame).tolist() == ["won", "lost", "open", "won", "lost"]


def test_custom_vocabulary_round_trips():
    vocab = PhaseVocabulary(won=("発注内示",), lost=("凍結",))
    assert PhaseVocabulary.from_dict(vocab.to_dict()) == vocab
    frame = pd.DataFrame({"stage": ["発注内示", "凍結", "受注"]})
    assert outcomes(frame, vocab).tolist() == ["won", "lost", "open"]
    assert PhaseVocabulary.from_dict({}) == PhaseVocabulary()


AS_OF = pd.Timestamp("2026-03-31")


def _opps(**cols) -> pd.DataFrame:
    return pd.DataFrame(cols)


def test_closed_at_15h_on_the_as_of_day_is_closed_that_day():
    opps = _opps(
        is_won=pd.array([True, True], dtype="boolean"),
        is_closed=pd.array([True, False], dtype="boolean"),  # the second: won without closed
        close_date=pd.to_datetime(["2026-03-31 15:00:00", "2026-03-30 00:00:00"]),
        created_at=pd.to_datetime(["2026-01-01", "2026-01-01"]),
    )
    s = state_at(opps, AS_OF)
    assert s.won.tolist() == [True, True]
    assert s.open.tolist() == [False, False]


def test_future_close_is_open_future_creation_does_not_exist():
    opps = _opps(
        stage=["受注", "受注", "失注"],
        close_date=pd.to_datetime(["2026-04-01", None, "2026-03-01"]),
        created_at=pd.to_datetime(["2026-01-01", "2026-04-02", "2026-01-01"]),
    )
    s = state_at(opps, AS_OF)
    assert s.exists.tolist() == [True, False, True]
    assert s.open.tolist() == [True, False, False]
    assert s.won.tolist() == [False, False, False]
    assert s.lost.tolist() == [False, False, True]


def test_a_written_outcome_column_is_used():
    opps = _opps(outcome=pd.array(["won", "lost", NA], dtype="string"))
    s = state_at(opps, AS_OF)
    assert (s.won.tolist(), s.lost.tolist(), s.open.tolist()) == (
        [True, False, False],
        [False, True, False],
        [False, False, True],
    )


flags = st.sampled_from([True, False, None])


@given(
    rows=st.lists(
        st.tuples(
            flags,
            flags,
            st.sampled_from([None, "受注", "失注", "商談中", "x"]),
            st.integers(-40, 40),
            st.integers(-40, 40),
        ),
        max_size=30,
    )
)
def test_states_partition_the_existing_opportunities(rows):
    opps = pd.DataFrame(
        {
            "is_won": pd.array([r[0] for r in rows], dtype="boolean"),
            "is_closed": pd.array([r[1] for r in rows], dtype="boolean"),
            "stage": pd.array([r[2] for r in rows], dtype="string"),
            "created_at": [AS_OF + pd.Timedelta(days=r[3]) for r in rows],
            "close_date": [AS_OF + pd.Timedelta(days=r[4]) for r in rows],
        }
    )
    s = state_at(opps, AS_OF)
    total = s.open.astype(int) + s.won.astype(int) + s.lost.astype(int)
    assert (total == s.exists.astype(int)).all()
    final = outcomes(opps)
    assert ((final == "won").to_numpy() | ~s.won).all()
    assert ((final == "lost").to_numpy() | ~s.lost).all()
