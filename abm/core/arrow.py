"""Arrow primitives the join keys are built from: strings in and out of pandas, codes.

* :func:`arrow_strings` / :func:`strings` — a pandas ``string`` column as Arrow
  strings and back, without a copy;
* :func:`distinct_codes` — each value's code among the distinct values (one hash pass);
* :func:`by_distinct` — a key computed once per distinct value when values repeat
  (a person's name on each of their activities);
* :func:`scatter` — values put back at their rows;
* :func:`sliced` — a row-wise step over a long array, one slice per core.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.parallel import usable_cpus

__all__ = [
    "arrow_strings", "by_distinct", "distinct_codes", "put", "scatter", "sliced", "strings",
]  # fmt: skip

#: Rows below which :func:`sliced` does the work in one piece (threads cost more than they save).
SLICE_MIN_ROWS = 200_000
#: Most slices (threads) :func:`sliced` uses, however many cores the machine has.
SLICE_MAX = 4


def arrow_strings(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The values as Arrow strings (zero-copy for pandas' Arrow-backed string columns)."""
    arr = values.array
    if isinstance(arr, pd.arrays.ArrowStringArray):
        return pa.array(arr)
    return pa.array(values.astype("string").array)


def strings(arr: pa.Array | pa.ChunkedArray, index: pd.Index, name: object = None) -> pd.Series:
    """An Arrow string array back as a pandas ``string`` Series (no copy)."""
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=index, name=name)


def distinct_codes(arr: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Each value's code among the distinct values, and those values (first seen first).

    One Arrow hash pass (``dictionary_encode``).

    Parameters
    ----------
    arr : pyarrow.Array or pyarrow.ChunkedArray
        Any hashable Arrow values.

    Returns
    -------
    (numpy.ndarray, pyarrow.Array)
        ``int64`` codes aligned with ``arr`` (``-1`` for a missing value) and
        the distinct non-missing values.
    """
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    enc = pc.dictionary_encode(arr)
    codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, enc.dictionary


def by_distinct(arr: pa.Array | pa.ChunkedArray, key: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``key(arr)``, computed once per distinct value when values repeat.

    Parameters
    ----------
    arr : pyarrow.Array or pyarrow.ChunkedArray
        Values (missing ones stay missing when ``key`` keeps them so).
    key : callable
        An element-wise Arrow function.

    Returns
    -------
    pyarrow.Array
        ``key`` of each value, aligned with ``arr``.
    """
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if len(arr) < 64:
        return key(arr)
    enc = pc.dictionary_encode(arr)
    if 2 * len(enc.dictionary) > len(arr):  # mostly distinct: the hash pass saved nothing
        return key(arr)
    return key(enc.dictionary).take(enc.indices)


def scatter(values: pa.Array | pa.ChunkedArray, rows: np.ndarray, n: int) -> pa.Array:
    """An array of length ``n`` holding ``values`` at positions ``rows``, missing elsewhere.

    Parameters
    ----------
    values : pyarrow.Array or pyarrow.ChunkedArray
        One value per row in ``rows``.
    rows : numpy.ndarray
        Distinct positions in ``0 .. n-1``.
    n : int
        Length of the result.

    Returns
    -------
    pyarrow.Array
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    where = np.full(n, -1, dtype=np.int64)
    where[rows] = np.arange(len(rows), dtype=np.int64)
    return values.take(pa.array(where, mask=where < 0))


def put(values: pa.Array, done: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> pa.Array:
    """``values`` with ``done`` at positions ``rows`` (the rest unchanged).

    One take over ``values`` and ``done`` concatenated: faster than :func:`scatter` and a
    choice, or ``replace_with_mask``.

    Parameters
    ----------
    values : pyarrow.Array
    done : pyarrow.Array or pyarrow.ChunkedArray
        One value per row in ``rows``, of ``values``' type.
    rows : numpy.ndarray
        Distinct positions in ``0 .. len(values)-1``.

    Returns
    -------
    pyarrow.Array
    """
    if isinstance(done, pa.ChunkedArray):
        done = done.combine_chunks()
    where = np.arange(len(values), dtype=np.int64)
    where[rows] = len(values) + np.arange(len(rows), dtype=np.int64)
    return pa.concat_arrays([values, done]).take(pa.array(where))


def sliced(fn: Callable[[pa.Array], np.ndarray], arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """``fn`` (a row-wise step: a lookup, a key) over ``arr`` in one slice per core (at
    most :data:`SLICE_MAX`), on threads, results joined in order; in one piece below
    :data:`SLICE_MIN_ROWS` rows.

    For steps made of Arrow compute calls, which run outside the GIL. A hash look-up is
    memory-bound: on two vCPUs it gains ~1.2-1.4x, not 2x. Slices are zero-copy (a
    chunked array stays chunked: its chunks may not fit one array's offsets).

    Parameters
    ----------
    fn : callable
        Takes an array of rows, returns one ``numpy`` value per row.
    arr : pyarrow.Array or pyarrow.ChunkedArray
        The rows.

    Returns
    -------
    numpy.ndarray
        ``fn`` of every row, aligned with ``arr``.
    """
    cores = min(usable_cpus(), SLICE_MAX)
    if cores < 2 or len(arr) < SLICE_MIN_ROWS:
        return fn(arr)
    from concurrent.futures import ThreadPoolExecutor

    step = -(-len(arr) // cores)
    parts = [arr.slice(i, step) for i in range(0, len(arr), step)]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        return np.concatenate(list(pool.map(fn, parts)))
