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


def _pairs(out: pd.DataFrame) -> set[tuple[int, int]]:
    return {(int(q), int(c)) for q, c in zip(out["q"], out["c"], strict=True)}


def test_chunked_cdist_gives_the_same_pairs(monkeypatch) -> None:
    import abm.resolve.block as block

    rng = np.random.default_rng(1)
    names = [
        "サカタ" + "".join(rng.choice(list("ノタネメカサ"), 4)) for _ in range(120)
    ]  # one prefix block
    cores = pd.Series(names, dtype="string")
    query = rng.random(120) < 0.5
    whole = candidate_pairs(query, cores, min_len=3, score_cutoff=70, workers=1)
    monkeypatch.setattr(block, "_BIG_BLOCK", 10)
    monkeypatch.setattr(block, "_CHUNK_CELLS", 37)  # a few rows per cdist call
    chunked = candidate_pairs(query, cores, min_len=3, score_cutoff=70, workers=1)
    assert _pairs(chunked) == _pairs(whole) and len(whole) > 0


def test_a_huge_block_is_split_by_a_longer_key(monkeypatch) -> None:
    """200k names that differ only by digits crashed 名寄せ at 1M leads (a 200k × 200k
    score matrix). A huge block is split by one more character at a time; pairs
    that share the longer key are still found, and work stays bounded."""
    import abm.resolve.block as block

    names = [f"会社{i:04d}" for i in range(3000)] + ["会社0012社", "会社0O12"]
    cores = pd.Series(names, dtype="string")
    query = np.ones(len(names), dtype=bool)
    monkeypatch.setattr(block, "_REFINE_CELLS", 50_000)
    calls: list[int] = []
    real = block.process.cdist

    def counting(q, c, **kw):
        calls.append(len(q) * len(c))
        return real(q, c, **kw)

    monkeypatch.setattr(block.process, "cdist", counting)
    out = candidate_pairs(query, cores, min_len=3, score_cutoff=80, workers=1)
    assert max(calls) <= 50_000  # no block scored whole
    got = _pairs(out)
    assert (12, 3000) in got  # 会社0012 ~ 会社0012社: same 4-character prefix
    assert (3000, 12) in got
    # a pair split apart by the longer key is the accepted loss (the suffix key may
    # still pair it): 会社0O12 shares its prefix 会社0 with hundreds, suffix 12 with 会社0012
    assert (12, 3001) in got


def test_max_per_query_keeps_each_names_best_pairs() -> None:
    names = [f"会社{i:03d}" for i in range(200)]
    cores = pd.Series(names, dtype="string")
    query = np.ones(len(names), dtype=bool)
    every = candidate_pairs(query, cores, min_len=3, score_cutoff=60, workers=1)
    top = candidate_pairs(query, cores, min_len=3, score_cutoff=60, workers=1, max_per_query=3)
    assert top.groupby("q").size().max() == 3
    assert every.groupby("q").size().min() > 3  # digit-only names: many near neighbours
    # each query keeps its three best scores (ties broken arbitrarily, scores exact)
    best3 = (
        every.sort_values("score", ascending=False)
        .groupby("q")["score"]
        .apply(lambda s: sorted(s)[-3:])
    )
    got = top.groupby("q")["score"].apply(sorted)
    assert (best3 == got).all()


def test_a_typo_duplicate_is_kept_among_many_digit_neighbours() -> None:
    """会社ABC100 has dozens of neighbours that differ only by digits (会社ABC101 …, as
    similar, never merged); its typo twin 会社ABD100 (same digits) must stay a candidate."""
    names = [f"会社ABC{i}" for i in range(100, 160)] + ["会社ABD100"]
    cores = pd.Series(names, dtype="string")
    query = np.ones(len(names), dtype=bool)
    out = candidate_pairs(query, cores, min_len=3, score_cutoff=80, workers=1, max_per_query=3)
    twin = len(names) - 1
    assert (0, twin) in _pairs(out) and (twin, 0) in _pairs(out)


def test_neighbour_pairs_find_a_slip_at_either_end() -> None:
    from abm.resolve.block import neighbour_pairs

    texts = pd.Series(
        ["コクヨ", "コヨク", "シンカ", "ンシカ", "ソニー", "会社12", "会社13"], dtype=object
    )
    query = np.array([False, True, False, True, True, True, False])
    got = {(int(q), int(c)) for q, c in neighbour_pairs(query, texts).itertuples(index=False)}
    # swaps at the end and at the start of three-character names; ソニー has no
    # neighbour; a digit is never deleted, so 会社12 and 会社13 never meet
    assert got == {(1, 0), (3, 2)}


def test_neighbour_pairs_drop_keys_shared_by_many() -> None:
    from abm.resolve.block import MAX_NEIGHBOURS, neighbour_pairs

    texts = pd.Series([f"ア{chr(0x30A2 + 2 * i)}" for i in range(MAX_NEIGHBOURS + 1)], dtype=object)
    # every text is "ア" plus one kana: deleting that kana gives "ア" for all of them
    out = neighbour_pairs(np.ones(len(texts), dtype=bool), texts)
    assert out.empty


def test_digit_codes_compare_only_names_whose_digits_agree(monkeypatch) -> None:
    """Names that differ only by digits (会社1 … 会社3000, numbered funds or branches) can
    never merge (the digit veto), so with ``digit_codes`` they are never scored against each
    other: no block of thousands, while a typo twin with the same digits is still found."""
    import abm.resolve.block as block

    names = [f"会社{i}" for i in range(3000)] + ["会社ABC12", "会社ABD12", "会社ABC13"]
    cores = pd.Series(names, dtype="string")
    codes = block.name_digit_codes(cores)
    query = np.ones(len(names), dtype=bool)
    cells: list[int] = []
    real_cdist, real_cpdist = block.process.cdist, block.process.cpdist

    def cdist(q, c, **kw):
        cells.append(len(q) * len(c))
        return real_cdist(q, c, **kw)

    def cpdist(q, c, **kw):
        cells.append(len(q))
        return real_cpdist(q, c, **kw)

    monkeypatch.setattr(block.process, "cdist", cdist)
    monkeypatch.setattr(block.process, "cpdist", cpdist)
    kw = {"min_len": 3, "score_cutoff": 60, "workers": 1, "max_per_query": 10}
    out = candidate_pairs(query, cores, digit_codes=codes, **kw)
    got = _pairs(out)
    twin, other = len(names) - 2, len(names) - 1
    assert (twin - 1, twin) in got and (twin, twin - 1) in got  # 会社ABC12 ~ 会社ABD12
    assert all(codes[q] == codes[c] for q, c in got)
    assert (twin - 1, other) not in got  # 会社ABC12 and 会社ABC13: other digits
    # every name but the three with letters is alone in its block: nothing to score
    assert sum(cells) < 100
    cells.clear()
    without = candidate_pairs(query, cores, **kw)  # the same search across digits
    assert sum(cells) > 100_000
    assert {p for p in _pairs(without) if codes[p[0]] == codes[p[1]]} == got
