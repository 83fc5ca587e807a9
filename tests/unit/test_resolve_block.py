"""Blocking and scoring of candidate pairs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.resolve.block import candidate_pairs


def test_pairs_only_within_blocks_and_above_cutoff() -> None:
    cores = pd.Series(
        ["サカタノタネ", "サカタノタメ", "ソニーグループ", "アカタノタネ", "サカ"], dtype="string"
    )
    query = np.array([True, False, False, False, True])
    out = candidate_pairs(query, cores, min_len=3, score_cutoff=80, workers=1)
    got = {(int(q), int(c)): round(float(s), 1) for q, c, s in out.itertuples(index=False)}
    # 0~1 share the prefix サカ (ratio 1 - 2/12 = 83.3); 0~3 share the suffix タネ (83.3).
    # 2 is in no block with 0; 4 is shorter than min_len; non-queries never lead a pair.
    assert got == {(0, 1): 83.3, (0, 3): 83.3}


def test_cutoff_drops_weak_pairs() -> None:
    cores = pd.Series(["サカタノタネ", "サカタノタメ"], dtype="string")
    out = candidate_pairs(np.array([True, True]), cores, min_len=2, score_cutoff=90, workers=1)
    assert out.empty


def test_no_queries_no_pairs() -> None:
    cores = pd.Series(["abcd", "abce"], dtype="string")
    out = candidate_pairs(np.array([False, False]), cores, min_len=2, score_cutoff=50, workers=1)
    assert list(out.columns) == ["q", "c", "score"]
    assert out.empty


def test_big_blocks_use_cdist_with_the_same_result(monkeypatch) -> None:
    import abm.resolve.block as block

    cores = pd.Series(["サカタノタネ", "サカタノタメ", "サカタノタ", "サカタ"], dtype="string")
    query = np.array([True, True, False, False])
    small = candidate_pairs(query, cores, min_len=3, score_cutoff=80, workers=1)
    monkeypatch.setattr(block, "_BIG_BLOCK", 0)
    big = candidate_pairs(query, cores, min_len=3, score_cutoff=80, workers=1)
    key = ["q", "c"]
    pd.testing.assert_frame_equal(
        small.sort_values(key, ignore_index=True), big.sort_values(key, ignore_index=True)
    )
    assert len(small) >= 3
