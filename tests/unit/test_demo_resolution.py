"""名寄せ on the bundled demo against its ground truth (data/demo_truth).

The demo's leads (BowNow and HubSpot exports) go through the app's own path —
ingest, the demo's shipped cleaning settings, :func:`abm.pipeline.prepare` —
and every kept person's ``account_id`` is compared with the generator's true
company: pairwise precision and recall over the kept rows. The figures are
printed for the README (pytest -s).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from abm.demo import demo_workspace, load_demo
from abm.pipeline import prepare
from abm.resolve import ExclusionRules

TRUTH = Path(__file__).resolve().parents[2] / "data" / "demo_truth" / "leads_truth.csv"


def _pairs(labels: pd.Series) -> float:
    n = labels.value_counts().to_numpy(dtype=np.float64)
    return float((n * (n - 1) / 2).sum())


def test_demo_accounts_match_the_ground_truth() -> None:
    rules = ExclusionRules.from_dict(demo_workspace().section("exclusion_rules"))
    kept = prepare(load_demo(), rules=rules).clean.kept
    truth = pd.read_csv(TRUTH, dtype=str, keep_default_na=False)
    truth = truth.assign(line=truth["line"].astype(int)).set_index(["file", "line"])
    key = pd.MultiIndex.from_arrays([kept["source_file"], kept["source_row"].astype(int)])
    company = truth["company_id"].reindex(key).to_numpy()
    assert pd.notna(company).all(), "every kept row has a true company"
    both = pd.Series(list(zip(kept["account_id"].to_numpy(), company, strict=True)))
    tp = _pairs(both)
    precision = tp / _pairs(kept["account_id"])
    recall = tp / _pairs(pd.Series(company))
    print(f"demo 名寄せ vs truth: precision {precision:.4f}, recall {recall:.4f}, rows {len(kept)}")
    assert precision >= 0.995
    assert recall >= 0.99
