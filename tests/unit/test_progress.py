"""One overall bar over the steps a job runs (:func:`abm.progress.step_weight`)."""

from __future__ import annotations

import itertools

import pytest

from abm.progress import STEPS, step_weight
from abm.ui.jobs import CLEAN_STEPS


@pytest.mark.parametrize("steps", [None, CLEAN_STEPS, ("persons", "match_names", "table")])
def test_the_steps_a_bar_covers_fill_it_from_0_to_1_in_order(steps):
    names = tuple(STEPS) if steps is None else steps
    spans = [step_weight(name, steps) for name in names]
    assert spans[0][0] == 0.0
    for (start, width), (nxt, _) in itertools.pairwise(spans):
        assert width > 0 and start + width == pytest.approx(nxt)  # no gap, no overlap
    assert spans[-1][0] + spans[-1][1] == pytest.approx(1.0)  # the last step ends the bar


def test_a_cleaning_bar_keeps_the_shares_it_had_and_a_step_outside_it_spans_the_bar():
    assert "table" not in CLEAN_STEPS and sum(STEPS[s] for s in CLEAN_STEPS) == pytest.approx(1)
    assert step_weight("link", CLEAN_STEPS) == pytest.approx((0.9, 0.1))
    assert step_weight("table", CLEAN_STEPS) == (0.0, 1.0)
