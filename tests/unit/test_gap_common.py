"""Shared gap helpers: linking activities to leads, classifying sales touches."""

from __future__ import annotations

import pandas as pd

from abm.gap._common import link_activities


def test_link_by_id_then_email_first_lead_wins():
    leads = pd.DataFrame(
        {
            "lead_id": pd.array(["A", "B", "A", None], dtype="string"),
            "email": pd.array(["a@x.jp", " B@X.jp ", "dup@x.jp", "d@x.jp"], dtype="string"),
        }
    )
    acts = pd.DataFrame(
        {
            "lead_id": pd.array(["A", "Z", None, "", None, None], dtype="string"),
            "email": pd.array([None, "b@x.JP", "D@x.jp", None, "", "nobody@x.jp"], dtype="string"),
        }
    )
    # A -> first lead 0; Z unknown id but e-mail matches lead 1; D by e-mail; blanks unlinked
    assert link_activities(leads, acts).tolist() == [0, 1, 3, -1, -1, -1]


def test_link_without_common_keys_or_values():
    leads = pd.DataFrame({"lead_id": pd.array([None, None], dtype="string")})
    acts = pd.DataFrame({"lead_id": pd.array([None], dtype="string")})
    assert link_activities(leads, acts).tolist() == [-1]
    assert link_activities(
        leads, pd.DataFrame({"email": pd.array(["a"], dtype="string")})
    ).tolist() == [-1]
