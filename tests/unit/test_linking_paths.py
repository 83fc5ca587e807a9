"""The shortcuts of the load-time link and phase step (#13) give what the long way gives."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from abm.core.keys import email_key, email_positions, positions
from abm.core.opportunities import outcome_sources, outcomes, outcomes_and_sources
from abm.core.phases import OUTCOMES
from abm.ingest.linkage import file_outcomes, with_outcomes

_ADDRESSES = ["a@x.jp", "B@X.JP", "ｃ@y.jp", " d@y.jp", "<e@z.jp>", "nobody@else.jp", "no-address"]


@given(
    st.lists(st.sampled_from(["a@x.jp", "b@x.jp", "c@y.jp", "d@y.jp", "e@z.jp"]), max_size=6),
    st.lists(st.one_of(st.none(), st.sampled_from(_ADDRESSES)), min_size=1, max_size=12),
)
def test_email_positions_of_many_rows_equal_positions_of_the_keys(table, raw):
    """Past 64 rows (the bulk key path: the stepped addresses put back among the lowered)."""
    keys = email_key(pd.Series(table, dtype="string"))
    wanted = pd.Series((raw * 12)[:80], dtype="string")
    pos = email_positions(pa.array(keys.array), pa.array(wanted.array))
    assert pos.tolist() == positions(keys, email_key(wanted)).tolist()


_FLAGS = st.sampled_from([True, False, None])
_STAGES = st.sampled_from(["受注", "失注", "提案", "謎のフェーズ", " ", None])


@st.composite
def _opportunities(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 12))
    frame = pd.DataFrame(
        {
            "is_won": pd.array(draw(st.lists(_FLAGS, min_size=n, max_size=n)), dtype="boolean"),
            "is_closed": pd.array(draw(st.lists(_FLAGS, min_size=n, max_size=n)), dtype="boolean"),
        }
    )
    if draw(st.booleans()):
        frame["stage"] = pd.array(draw(st.lists(_STAGES, min_size=n, max_size=n)), dtype="string")
    return frame


@given(_opportunities())
def test_outcomes_and_sources_are_the_two_functions(frame):
    outcome, source = outcomes_and_sources(frame)
    pd.testing.assert_series_equal(outcome, outcomes(frame))
    pd.testing.assert_series_equal(source, outcome_sources(frame))


@given(_opportunities())
def test_file_outcome_counts_are_the_rows_of_each_outcome_and_source(frame):
    said = with_outcomes(frame, None)
    table = file_outcomes("deals.csv", said, None, {})["outcomes"]
    # every outcome from flags and phase, unknown only for open; zeros included
    expected = [(o, s) for o in OUTCOMES for s in ("flags", "phase", "unknown")]
    expected = [(o, s) for o, s in expected if o == "open" or s != "unknown"]
    assert list(zip(table["outcome"], table["source"], strict=True)) == expected
    assert table["rows"].dtype == "int64"
    for o, s, n in zip(table["outcome"], table["source"], table["rows"], strict=True):
        rows = (said["outcome"] == o) & (said["outcome_source"] == s)
        assert n == int(rows.sum())
    assert int(table["rows"].sum()) == len(frame)
