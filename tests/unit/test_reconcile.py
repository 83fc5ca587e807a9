"""Reconciliation: every quantity two places compute agrees (issue #14).

On the demo and on generated worlds with the edge cases of
:mod:`tests.support.worlds`, the funnel, the accounts roll-up, the gap view
and the cleaning ledger are computed as the pages compute them, and each
shared quantity is compared. Labels on screen are checked by
``tests/ui/test_reconcile_pages.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abm.accounts import rollup_accounts
from abm.core.activities import is_sales_touch
from abm.core.opportunities import state_at
from abm.funnel import pipeline_summary
from abm.pipeline import prepare
from tests.support.worlds import World, demo_world, generated_world, with_edge_cases


@pytest.fixture(scope="module", params=["demo", "demo+edges", "seed7+edges", "seed11+edges"])
def world(request, tmp_path_factory) -> tuple[World, object]:
    name = request.param
    if name.startswith("demo"):
        w = demo_world()
    else:
        seed = int(name.split("+")[0].removeprefix("seed"))
        w = generated_world(seed, tmp_path_factory.mktemp(f"world{seed}"))
    if name.endswith("+edges"):
        w = with_edge_cases(w)
    return w, prepare(w.dataset)


def test_ledger_adds_up(world):
    w, prepared = world
    s = prepared.clean.summary
    assert s["rows_in"] == len(w.dataset.leads)
    assert s["kept"] + s["merged"] + s["excluded"] == s["rows_in"]
    assert s["kept"] == len(prepared.dataset.leads)
    assert s["accounts"] == prepared.dataset.leads["account_id"].nunique()


def test_funnel_and_accounts_agree_on_every_opportunity(world):
    w, prepared = world
    ds = prepared.dataset
    opps = ds.opportunities
    p = pipeline_summary(opps, as_of=w.as_of)
    roll = rollup_accounts(
        ds.leads,
        activities=ds.activities,
        opportunities=opps,
        accounts=ds.accounts,
        as_of=w.as_of,
    )
    assert roll.attrs["unlinked_opportunities"] == 0
    assert roll["won_revenue"].sum() == pytest.approx(p.won_value)
    assert roll["open_pipeline"].sum() == pytest.approx(p.pipeline_value)
    assert int(roll["open_opportunities"].sum()) == p.open
    state = state_at(opps, w.as_of)
    assert int(state.won.sum()) == p.won and int(state.open.sum()) == p.open


def test_edge_opportunities_have_one_state(world):
    w, prepared = world
    if not w.name.endswith("+edges"):
        return  # the plain demo has no edge rows (its agreement is checked above)
    opps = prepared.dataset.opportunities.set_index("opportunity_id", drop=False)
    edges = opps.loc[opps.index.astype("string").str.startswith("edge-").fillna(False)]
    s = state_at(edges, w.as_of)
    got = dict(zip(edges.index, zip(s.won, s.open, s.exists, strict=True), strict=True))
    assert got["edge-15h"] == (True, False, True)  # closed at 15:00 on the as-of day
    assert got["edge-won-open-flag"] == (True, False, True)  # won implies closed
    assert got["edge-company-open"] == (False, True, True)
    assert got["edge-phase-won"] == (True, False, True)  # 成立 without flags
    assert got["edge-customer"] == (True, False, True)
    assert got["edge-future"] == (False, False, False)  # created after the as-of day


def test_sales_touches_are_the_same_on_accounts_and_gap(world):
    w, prepared = world
    ds = prepared.dataset
    acts = ds.activities
    roll = rollup_accounts(
        ds.leads, activities=acts, opportunities=None, accounts=None, as_of=w.as_of
    )
    touch = is_sales_touch(acts) & (pd.to_datetime(acts["timestamp"]) <= w.as_of).to_numpy(
        dtype=bool
    )
    by_lead = ds.leads.set_index("lead_id")["account_id"]
    touched_accounts = set(acts.loc[touch, "lead_id"].map(by_lead).dropna())
    flagged = set(roll.loc[roll["sales_touched"].to_numpy(dtype=bool), "account_id"])
    assert touched_accounts <= flagged
    if w.name.endswith("+edges"):
        assert np.any(touch)
