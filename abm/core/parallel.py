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

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["MIN_ITEMS", "can_fork", "map_split", "usable_cpus"]

#: Values from which :func:`map_split` shares the work out. Not tuned finely: on 2 cores
#: (2026-12-06, ``prepare`` of the scoring bench's leads, first call in a fresh process)
#: splitting 24k distinct names (100k leads) saved 0.4-0.65 s of 3.6-3.8 s; at 10k names
#: (40k leads) neither threshold splits. 40k was the value before, never measured.
MIN_ITEMS = 20_000

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, not the machine's count).

    Returns
    -------
    int
    """
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def can_fork() -> bool:
    """Whether this process may fork workers.

    Returns
    -------
    bool
        On Linux, with no Python thread but this one. Native threads (Arrow's,
        DuckDB's) are not seen: the functions :func:`map_split` runs must be
        pure Python (or single-threaded native code), never an engine query.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


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
    part's results back through a pipe; a part whose child fails or cannot start
    (killed, out of memory, an exception) is computed again here, so the result is
    always ``fn``'s. A child dies with this process (a cancelled job leaves none
    behind) and is the one the kernel kills first when memory runs out.

    Parameters
    ----------
    fn : callable
        A function from a list of values to one result per value; it must not
        depend on which values share its call, and must not use threaded native
        code (an Arrow compute pool, an engine): a lock another thread held at the
        fork would never be released in the child.
    items : sequence
        The values.
    workers : int
        Processes to use (this one included), at most the CPUs this process may
        run on; ``1`` runs in one piece.
    min_items : int, optional
        Fewer values than this run in one piece (default :data:`MIN_ITEMS`).

    Returns
    -------
    list
        One result per value, in order.
    """
    items = list(items)
    least = MIN_ITEMS if min_items is None else min_items
    workers = min(workers, usable_cpus())
    if workers < 2 or len(items) < max(least, workers) or not can_fork():
        return fn(items)
    # every n-th value to each part: a costly stretch of values (long names, pairs that
    # need a reading) is shared out instead of landing in one part
    parts = [items[k::workers] for k in range(workers)]
    gc.freeze()  # the parent's objects out of the collector's sight: fewer pages copied
    children: dict[int, tuple[int, int]] = {}  # part -> (pid, read end of its pipe)
    try:
        for k in range(1, workers):
            child = _fork(fn, parts[k], [read for _, read in children.values()])
            if child is not None:
                children[k] = child
        out: list[R] = [None] * len(items)  # type: ignore[list-item]
        out[0::workers] = fn(parts[0])
        for k in range(1, workers):
            got = _collect(*children.pop(k)) if k in children else None
            ok = got is not None and len(got) == len(parts[k])
            out[k::workers] = got if ok else fn(parts[k])
        return out
    finally:  # this process failed (or was interrupted): no child is left behind
        for pid, read in children.values():
            _stop(pid, read)
        gc.unfreeze()


def _fork(
    fn: Callable[[list[T]], list[R]], part: list[T], inherited: list[int]
) -> tuple[int, int] | None:
    """Start a child computing ``fn(part)``: its pid and the read end of the pipe its pickle
    comes on, or ``None`` when no child could be started (the caller computes the part)."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:  # no memory or no process left for a child
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: compute, send, leave without running the parent's exit work
        _child(fn, part, read, write, inherited, parent)
    os.close(write)
    return pid, read


def _child(
    fn: Callable[[list[T]], list[R]],
    part: list[T],
    read: int,
    write: int,
    inherited: list[int],
    parent: int,
) -> None:
    """A forked child's whole life: it never returns to the caller's code (``os._exit``), and
    a failure leaves no message (a value of the data could be in it)."""
    code = 1
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        _die_with_parent(parent)
        for fd in (read, *inherited):  # the other children's pipes are not this one's
            os.close(fd)
        _prefer_killing_me()
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(fn(part), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this child when ``parent`` (the process that forked it) dies: a
    cancelled cleaning job is killed with a signal, so no Python code of it stops its children."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux's libc: the parent's own clean-up still applies
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _prefer_killing_me() -> None:
    """Out of memory, the kernel kills this child before the worker (whose part is then
    computed again there)."""
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as f:
        f.write("1000")


def _collect(pid: int, read: int) -> list[Any] | None:
    """A child's results, or ``None`` when it failed (then the caller computes them)."""
    try:
        with os.fdopen(read, "rb", closefd=False) as pipe:
            data = pipe.read()  # all of it before waiting: a child blocks on a full pipe
    except BaseException:
        _stop(pid, read)
        raise
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not data or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        return pickle.loads(data)  # written by this process's own child
    except Exception:  # a cut pickle: computed again by the caller
        return None


def _stop(pid: int, read: int) -> None:
    """Kill a child, reap it and close its pipe (whatever state it is in)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    with contextlib.suppress(OSError):
        os.close(read)
