"""abm.pipeline: the cleaned dataset every page reads."""

from __future__ import annotations

import pandas as pd

from abm.dataset import Dataset
from abm.pipeline import prepare


def _s(values):
    return pd.array(values, dtype="string")


def _dataset() -> Dataset:
    leads = pd.DataFrame(
        {
            "lead_id": _s(["A", "A", "A", "B", "C"]),  # one person exported three times
            "email": _s(["x@acme.co.jp", "X@ACME.co.jp", "x@acme.co.jp", "y@acme.co.jp", None]),
            "company": _s(
                ["株式会社アクメ", "アクメ(株)", "㈱アクメ", "アクメ株式会社", "ベータ工業"]
            ),
            "created_at": pd.to_datetime(
                ["2026-01-01", "2026-02-01", "2026-03-01", "2026-01-05", "2026-01-06"]
            ),
        }
    )
    activities = pd.DataFrame(
        {
            "lead_id": _s(["A", "B", "C"]),
            "timestamp": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04"]),
            "activity_type": _s(["page_view"] * 3),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": _s(["O1", "O2"]),
            "company": _s(["アクメ株式会社", "ガンマ"]),
            "account_id": _s(["SF-1", "SF-9"]),
            "amount": pd.array([1_000_000.0, 2_000_000.0], dtype="Float64"),
        }
    )
    return Dataset(leads=leads, activities=activities, opportunities=opps)


def test_repeated_lead_ids_do_not_crash_and_nothing_is_lost():
    out = prepare(_dataset())
    clean = out.clean
    assert len(clean.kept) + len(clean.merged) + len(clean.excluded) == 5
    assert len(clean.merged) == 2  # two extra copies of person A
    kept = out.dataset.leads
    assert kept["account_id"].nunique() == 2  # アクメ and ベータ工業
    # every activity still points at a kept lead
    assert set(out.dataset.activities["lead_id"]) <= set(kept["lead_id"])


def test_opportunities_get_the_resolved_account_and_keep_the_crm_id():
    out = prepare(_dataset())
    opps = out.dataset.opportunities
    kept = out.dataset.leads
    acme = kept.loc[kept["company"].str.contains("アクメ"), "account_id"].iloc[0]
    assert opps.loc[0, "account_id"] == acme
    assert opps.loc[1, "account_id"] == "crm:SF-9"  # no lead evidence: namespaced CRM id
    assert list(opps["crm_account_id"]) == ["SF-1", "SF-9"]
