"""Pure-Python work over many distinct values, split across processes.

名寄せ reads every distinct company name (normalisation, readings: a
dictionary look-up and dozens of rules per name). That is Python code, so
threads cannot share it out; at a million leads it is a few hundred thousand
names and tens of seconds on one core while the machine's other cores wait.
:func:`map_split` runs such a step in parts (every n-th value): the first in
this process, each other one in a forked child that inherits the loaded
dictionary and the code, and puts the results back in order. The results
come back as a pickle from a child this process forked itself: nothing
outside the process reads them.

It forks only where that is safe and worth it: on Linux, from a process with
no other Python thread (a cleaning worker, a script; never the Streamlit
server, whose threads may hold locks a child would wait on forever), and for
at least :data:`MIN_ITEMS` values (a fork and the results' round trip cost
more than they save below that). Anywhere else the step runs in one piece,
with the same result.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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

    The children are plain ``os.fork`` children (not :mod:`multiprocessing`'s, which a
    daemonic process such as the app's cleaning worker may not start). Each sends its
    part's results back through a pipe; a part whose child fails (killed, out of
    memory, an exception) is computed again here, so the result is always ``fn``'s.

    Parameters
    ----------
    fn : callable
        A function from a list of values to one result per value; it must not
        depend on which values share its call.
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
    children: list[tuple[int, int]] = []
    try:
        for part in parts[1:]:
            children.append(_fork(fn, part))
        out: list[R] = [None] * len(items)  # type: ignore[list-item]
        out[0::workers] = fn(parts[0])
        for k in range(1, workers):
            pid, pipe = children[k - 1]
            children[k - 1] = (0, -1)  # collected below, whatever happens
            got = _collect(pid, pipe)
            ok = got is not None and len(got) == len(parts[k])
            out[k::workers] = got if ok else fn(parts[k])
        return out
    finally:  # this process failed (or was interrupted): no child is left behind
        for pid, pipe in children:
            if pid:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(pipe)


def _fork(fn: Callable[[list[T]], list[R]], part: list[T]) -> tuple[int, int]:
    """Start a child computing ``fn(part)``; its pid and the pipe its pickle comes on."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit work
        code = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(fn(part), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _collect(pid: int, read: int) -> list[Any] | None:
    """A child's results, or ``None`` when it failed (then the caller computes them)."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()  # all of it before waiting: a child blocks on a full pipe
    _, status = os.waitpid(pid, 0)
    if not data or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        return pickle.loads(data)  # written by this process's own child
    except Exception:  # a cut pickle: computed again by the caller
        return None
