"""The lead picker offers the best-scored leads in a stable order, without sorting them all."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.ui.views.scoring_lead import _best


@settings(max_examples=200)
@given(
    st.lists(st.one_of(st.integers(-5, 5).map(float), st.just(float("nan"))), max_size=300),
    st.integers(1, 250),
)
def test_the_offer_is_the_stable_sorts_first_rows(values, k):
    key = np.array(values, dtype=float)
    np.testing.assert_array_equal(_best(key, k), np.argsort(key, kind="stable")[:k])
