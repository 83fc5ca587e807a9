"""A loaded table stored as its difference from the cleaned one comes back value for value."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.workspace.snapshot import POSITION, _undelta, loaded_delta


def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    n = 12
    index = pd.Index(np.arange(100, 100 + n), dtype="int64")
    loaded = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(n - 1)] + [None], dtype="string"),
            "timestamp": pd.to_datetime(["2026-01-01"] * (n - 1) + [None]),
            "amount": np.linspace(0.0, 1.0, n),
            "employees": pd.array([*range(n - 2), None, None], dtype="Int64"),
            "source_row": np.arange(1, n + 1, dtype=np.int64),
            "link_rule": pd.array(["pending"] * n, dtype="string"),
        },
        index=index,
    )
    cleaned = loaded.copy()
    cleaned.loc[[101, 105], "lead_id"] = "L0"  # merged persons' rows point at the survivor
    cleaned.loc[111, "lead_id"] = "L3"  # a row without a lead found one
    cleaned["link_rule"] = pd.array(["id"] * n, dtype="string")  # every row changed
    cleaned["amount"] = cleaned["amount"] + 1e-12  # a float column that moved by a last bit
    cleaned["account_id"] = "a"  # added by cleaning
    cleaned = cleaned.drop(columns=["employees"])  # a column cleaning does not keep
    return loaded, cleaned


def test_a_loaded_table_comes_back_from_its_difference():
    loaded, cleaned = _frames()
    doc, own, patch = loaded_delta(loaded, cleaned)
    assert doc["columns"] == list(loaded.columns)
    assert set(doc["own"]) == {"amount", "employees", "link_rule"}
    assert doc["patched"] == ["lead_id"]
    assert patch is not None and patch[POSITION].tolist() == [1, 5, 11]
    got = _undelta(doc, cleaned, own, patch)
    pd.testing.assert_frame_equal(got, loaded, check_exact=True)
    assert cleaned["lead_id"].tolist()[:2] == ["L0", "L0"]  # the cleaned frame is untouched


def test_only_tables_with_the_same_rows_are_stored_as_a_difference():
    loaded, cleaned = _frames()
    assert loaded_delta(loaded, None) is None
    assert loaded_delta(loaded, cleaned.iloc[1:]) is None  # a row excluded
    assert loaded_delta(loaded, cleaned.iloc[::-1]) is None  # another order
    doc, own, patch = loaded_delta(loaded, loaded)
    assert (doc["own"], doc["patched"], own, patch) == ([], [], None, None)
    pd.testing.assert_frame_equal(_undelta(doc, loaded, None, None), loaded, check_exact=True)
