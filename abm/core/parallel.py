"""Pure-Python work over many distinct values, split across processes.

名寄せ reads every distinct company name (normalisation, readings: a
dictionary look-up and dozens of rules per name). That is Python code, so
threads cannot share it out; at a million leads it is a few hundred thousand
names and tens of seconds on one core while the machine's other cores wait.
:func:`map_split` runs such a step in parts (every n-th value): the first in
this process, each other one in a forked child that inherits the loaded
dictionary and the code, and puts the results back in order.

It forks only where that is safe and worth it: on Linux, from a process with
no other Python thread (a cleaning worker, a script; never the Streamlit
server, whose threads may hold locks a child would wait on forever), and for
at least :data:`MIN_ITEMS` values (a fork and the results' round trip cost
more than they save below that). Anywhere else the step runs in one piece,
with the same result.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

__all__ = ["MIN_ITEMS", "can_fork", "map_split"]

#: Values from which :func:`map_split` shares the work out.
MIN_ITEMS = 40_000

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether this process may fork workers: Linux, and no Python thread but this one."""
    return (
        sys.platform.startswith("linux")
        and "fork" in mp.get_all_start_methods()
        and threading.active_count() == 1
    )


def map_split(
    fn: Callable[[list[T]], list[R]],
    items: Sequence[T],
    *,
    workers: int,
    min_items: int | None = None,
) -> list[R]:
    """``fn(items)``, computed in ``workers`` parts side by side where allowed.

    Parameters
    ----------
    fn : callable
        A module-level function (children find it by name) from a list of
        values to one result per value; it must not depend on which values
        share its call.
    items : sequence
        The values.
    workers : int
        Processes to use (this one included); ``1`` runs in one piece.
    min_items : int, optional
        Fewer values than this run in one piece (default :data:`MIN_ITEMS`).

    Returns
    -------
    list
        One result per value, in order.
    """
    items = list(items)
    least = MIN_ITEMS if min_items is None else min_items
    if workers < 2 or len(items) < max(least, workers) or not can_fork():
        return fn(items)
    # every n-th value to each part: a costly stretch of values (long names, pairs that
    # need a reading) is shared out instead of landing in one part
    parts = [items[k::workers] for k in range(workers)]
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=mp.get_context("fork")) as pool:
        rest = [pool.submit(fn, part) for part in parts[1:]]
        out[0::workers] = fn(parts[0])
        for k, done in enumerate(rest, start=1):
            out[k::workers] = done.result()
    return out
