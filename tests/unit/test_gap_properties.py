"""Invariants of the gap metrics on random canonical data (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.dataset import Dataset
from abm.gap import compute_gap, fiscal_quarter, generate_findings, quarter_bounds

AS_OF = pd.Timestamp("2026-06-30")


def _dataset(seed: int, n: int) -> tuple[Dataset, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    base = np.datetime64("2025-06-01")
    created = base + rng.integers(0, 420, n).astype("timedelta64[D]")

    def later(prev: np.ndarray, p: float) -> np.ndarray:
        d = prev + rng.integers(0, 30, n).astype("timedelta64[D]")
        return np.where(rng.random(n) < p, d, np.datetime64("NaT"))

    mql = later(created, 0.5)
    sal = later(mql, 0.5)
    opp = later(sal, 0.5)
    leads = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string"),
            "company": pd.array(rng.choice(["A", "B", "C", "D"], n), dtype="string"),
            "employees": pd.array(rng.integers(1, 2000, n), dtype="Int64"),
            "lead_source": pd.array(rng.choice(["web", "ads", None], n), dtype="string"),
            "created_at": created.astype("datetime64[ns]"),
            "mql_at": mql.astype("datetime64[ns]"),
            "sal_at": sal.astype("datetime64[ns]"),
            "opportunity_at": opp.astype("datetime64[ns]"),
            "disqualified_at": later(mql, 0.2).astype("datetime64[ns]"),
            "rejection_reason": pd.array(rng.choice(["x", "y", None], n), dtype="string"),
        }
    )
    scores = pd.DataFrame(
        {
            "fit_score": pd.array(rng.uniform(0, 80, n), dtype="Float64"),
            "engagement_score": pd.array(rng.uniform(0, 80, n), dtype="Float64"),
        }
    )
    return Dataset(leads=leads), scores


@settings(max_examples=25)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 60), days=st.integers(1, 500))
def test_counts_add_up(seed, n, days):
    ds, scores = _dataset(seed, n)
    start = AS_OF - pd.Timedelta(days=days)
    r = compute_gap(ds, as_of=AS_OF, start=start, end=AS_OF, scores=scores)
    h, m, s = r.handoff, r.marketing, r.sales
    assert h.accepted + h.rejected + h.pending == h.mql
    assert h.never_followed_up <= h.pending
    assert h.sla_breaches <= h.sla_measurable <= h.mql
    assert h.touched <= h.mql
    assert int(h.reasons["leads"].sum()) == h.rejected
    assert m.mql == h.mql <= m.leads
    assert m.nurture_pool <= m.engaged <= m.leads
    assert int(r.quadrant["leads"].sum()) == m.leads == s.leads
    assert int(s.fit_mix.sum()) == s.leads
    assert int(r.sources["leads"].sum()) == m.leads
    assert int(r.sources["mql"].sum()) == h.mql
    assert int(r.sources["sal"].sum()) == h.accepted
    assert int(m.volume.to_numpy().sum()) == m.leads
    assert 1 <= len(generate_findings(r)) <= 6


@given(day=st.dates(min_value=pd.Timestamp("2000-01-01").date()), month=st.integers(1, 12))
def test_every_day_lies_in_its_quarter(day, month):
    ts = pd.Timestamp(day)
    q0, q1 = quarter_bounds(ts, month)
    assert q0 <= ts <= q1
    assert (q1 - q0).days in (88, 89, 90, 91)  # 3 months of 89–92 days
    q = fiscal_quarter(pd.Series([ts, q0, q1]), month)
    assert q["label"].nunique() == 1
    assert q0.month == (month - 1 + 3 * (int(q["quarter"].iloc[0]) - 1)) % 12 + 1
