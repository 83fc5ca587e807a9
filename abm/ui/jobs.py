"""Long work in a worker process, with progress and a cancel button.

Reading a big upload and cleaning it (person de-duplication, 営業対象外,
名寄せ) take seconds to tens of seconds of pure-Python and pandas work. Run in
the Streamlit process, that work holds the interpreter's lock, so every other
session's rerun waits behind it. Here it runs in a separate process started
from a clean fork server: the server keeps answering other sessions, this
session's page shows the step, rows done and rows left, and a cancel button
stops the process.

Small inputs (below :data:`WORKER_MIN_ROWS` rows, or the byte threshold for
uploads) are processed inline: starting a process costs more than it saves.
``MORI_WORKER_MIN_ROWS`` overrides the threshold (``0`` sends everything to a
worker; tests use it).

A worker runs only ``fn``. Streamlit installs the running page as
``sys.modules["__main__"]``, and :mod:`multiprocessing` re-runs the parent's
main module in every child it starts (``spawn`` and ``forkserver``), so
without care each worker would run the page script in Streamlit's bare mode
before its job: the page's whole import and render work again, and a page
that opens the administrator's data source would open it in the worker and
start a cleaning worker of its own, and so on. :func:`start` hides the page
from the child while the process starts (:func:`_start_without_page`).

The worker sends back only results and, on failure, a :class:`MoriError`'s
key and parameters or the exception's *type name*: an unexpected error's
message may quote a cell value, so it never crosses back, and nothing about
the data is logged.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import threading
import time
import types
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import streamlit as st

from abm.errors import MoriError
from abm.i18n import keys as K
from abm.progress import STEPS, step_weight
from abm.ui import state

#: Leads (or data rows) from which cleaning runs in a worker process.
WORKER_MIN_ROWS = 20_000
#: Upload size (bytes, all files of a batch) from which reading runs in a worker.
WORKER_MIN_BYTES = 5_000_000
#: How often the waiting page refreshes its progress bar, seconds.
POLL_S = 0.25


_STEP_NAMES = tuple(STEPS)
#: The steps a cleaning or reading job's bar counts (a source prepared ahead counts every
#: step, its activity table too: :attr:`Job.steps`).
CLEAN_STEPS = tuple(s for s in STEPS if s != "table")
_CTX = mp.get_context("forkserver")
# The fork server imports the library once; each job is a cheap fork of it.
_CTX.set_forkserver_preload(["abm.pipeline", "abm.ingest", "pandas", "rapidfuzz"])
#: The main module a worker is told about while it starts: no file, no name, nothing to re-run.
_NO_MAIN = types.ModuleType("__main__")
_MAIN_LOCK = threading.Lock()


def min_rows() -> int:
    """The row threshold for a worker (:data:`WORKER_MIN_ROWS` or ``MORI_WORKER_MIN_ROWS``)."""
    raw = os.environ.get("MORI_WORKER_MIN_ROWS", "")
    return int(raw) if raw.isdigit() else WORKER_MIN_ROWS


def min_bytes() -> int:
    """The byte threshold for reading in a worker (``0`` when ``MORI_WORKER_MIN_ROWS=0``)."""
    return 0 if min_rows() == 0 else WORKER_MIN_BYTES


def _child(
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    out: Connection,
    shared: Any,
) -> None:
    """Worker body: run ``fn`` with a progress callback writing to shared memory."""

    def progress(step: str, done: int, total: int) -> None:
        shared[0] = _STEP_NAMES.index(step) if step in _STEP_NAMES else -1
        shared[1], shared[2] = done, total

    try:
        result: tuple[Any, ...] = ("ok", fn(*args, progress=progress, **kwargs))
    except MoriError as err:
        result = ("mori", err.key, dict(err.params))
    except MemoryError:
        result = ("mori", "jobs.err.memory", {})
    except BaseException as exc:  # the type name only: the message may quote a cell value
        result = ("mori", "jobs.err.failed", {"kind": type(exc).__name__})
    out.send(result)
    out.close()


@dataclass(eq=False)
class Job:
    """One piece of work running in a worker process."""

    name: str
    key: Any
    proc: Any
    conn: Connection
    shared: Any
    started: float = field(default_factory=time.monotonic)
    outcome: tuple[Any, ...] | None = None
    #: The steps its bar counts, in order.
    steps: tuple[str, ...] = CLEAN_STEPS

    def progress(self) -> tuple[str | None, int, int]:
        """``(step, done, total)`` as last reported by the worker."""
        i, done, total = (int(x) for x in self.shared[:3])
        return (_STEP_NAMES[i] if 0 <= i < len(_STEP_NAMES) else None), done, total

    def poll(self) -> bool:
        """Collect the outcome if the worker has finished; True when it has."""
        if self.outcome is None and self.conn.poll():
            try:
                self.outcome = self.conn.recv()
            except (EOFError, OSError):
                self.outcome = ("mori", "jobs.err.failed", {"kind": "ProcessExit"})
            self.proc.join(timeout=5)
        elif self.outcome is None and not self.proc.is_alive() and not self.conn.poll():
            self.outcome = ("mori", "jobs.err.failed", {"kind": f"exit {self.proc.exitcode}"})
        return self.outcome is not None

    def cancel(self) -> None:
        """Stop the worker (its partial work is discarded)."""
        _terminate(self.proc)
        self.outcome = ("cancelled",)


def _terminate(proc: Any) -> None:
    if proc.is_alive():
        proc.terminate()
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()


def start(name: str, key: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
    """Start ``fn(*args, progress=..., **kwargs)`` in a worker process.

    ``fn`` must be a module-level function of the pure library; its arguments
    and result travel by pickle. The process is stopped when the job object
    is dropped (the session ended) or cancelled.
    """
    recv, send = _CTX.Pipe(duplex=False)
    shared = _CTX.Array("q", [-1, 0, 0], lock=False)
    proc = _CTX.Process(
        target=_child, args=(fn, args, kwargs, send, shared), daemon=True, name=f"mori-{name}"
    )
    _warm_engine()  # on a thread, while the fork server and the worker start
    _start_without_page(proc)
    send.close()
    job = Job(name=name, key=key, proc=proc, conn=recv, shared=shared)
    weakref.finalize(job, _terminate, proc)
    return job


_WARMED = threading.Event()


def _warm_engine() -> None:
    """Import the embedded engine on a daemon thread, once per process, while this process
    waits for a worker: the pages that follow a cleaning build their activity table on it
    (the first one otherwise paid the ~0.6 s import after the wait)."""
    if _WARMED.is_set():
        return
    _WARMED.set()

    def warm() -> None:
        try:  # the pages import abm.engine first (page_setup): only Ibis' backend is left
            from abm.engine.backends import preload
        except Exception:  # a script that never loaded the package: its own import will say
            return
        preload()

    threading.Thread(target=warm, name="mori-warm-engine", daemon=True).start()


def _start_without_page(proc: Any) -> None:
    """Start ``proc`` with no main module for the child to re-run (:func:`_no_page`)."""
    with _no_page():
        proc.start()


@contextlib.contextmanager
def _no_page() -> Iterator[None]:
    """Hide the page from a process started inside this block.

    :mod:`multiprocessing` reads ``sys.modules["__main__"]`` when a process
    starts and, in the child, runs that module's file again as
    ``__mp_main__`` — here the Streamlit page that asked for the job. For
    the moment of the start, the main module is one without a file; the
    page's is put back unless another session's script run has installed
    its own meanwhile (Streamlit sets ``__main__`` at each run's start).
    """
    with _MAIN_LOCK:
        page = sys.modules.get("__main__")
        sys.modules["__main__"] = _NO_MAIN
        try:
            yield
        finally:
            if sys.modules.get("__main__") is _NO_MAIN:
                if page is None:
                    del sys.modules["__main__"]
                else:
                    sys.modules["__main__"] = page


def start_fork_server() -> None:
    """Start the fork server workers are forked from now rather than at the first big job.

    It imports the library (seconds of CPU, in its own process): :mod:`abm.ui.launch`
    starts it before the first session. Best effort: the first job starts it otherwise.
    """
    from multiprocessing import forkserver

    with _no_page(), contextlib.suppress(Exception):
        forkserver.ensure_running()


def _jobs() -> dict[str, Job | None]:
    return st.session_state.setdefault(state.K_JOBS, {})


def ensure(name: str, key: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
    """Job ``name`` for ``key``: the one already there (running, done, cancelled or
    failed), else a new one started now (an old job for another key is stopped)."""
    jobs = _jobs()
    job = jobs.get(name)
    if job is not None and job.key != key:
        job.cancel()
        job = None
    if job is None:
        job = jobs[name] = start(name, key, fn, *args, **kwargs)
    return job


def current(name: str) -> Job | None:
    """Job ``name`` of this session, if any."""
    return _jobs().get(name)


def collect(name: str) -> Any:
    """The result of finished job ``name``, removed from the session."""
    job = _jobs().pop(name)
    if job is None or job.outcome is None or job.outcome[0] != "ok":
        raise RuntimeError(f"job {name} has no result")
    return job.outcome[1]


def running(name: str) -> bool:
    """Whether this session has job ``name`` in progress."""
    job = _jobs().get(name)
    return job is not None and not job.poll()


def label(job: Job, tr: Callable[..., str]) -> tuple[float, str]:
    """``(fraction done 0–1, translated step text)`` of a running job."""
    step, done, total = job.progress()
    elapsed = int(time.monotonic() - job.started)
    if step is None:
        return 0.0, tr("jobs.starting", seconds=elapsed)
    steps = job.steps if step in job.steps else _STEP_NAMES
    start_at, width = step_weight(step, steps)
    frac = start_at + width * (done / total if total else 0.0)
    text = tr(
        "jobs.step_files" if step == "read" else "jobs.step",
        n=steps.index(step) + 1,
        of=len(steps),
        step=tr(K.PROGRESS_STEP[step]),
        done=done,
        left=max(total - done, 0),
        seconds=elapsed,
    )
    return min(max(frac, 0.0), 1.0), text


def run(
    name: str,
    key: Any,
    fn: Callable[..., Any],
    *args: Any,
    title: str,
    tr: Callable[..., str],
    **kwargs: Any,
) -> Any:
    """Run ``fn`` in a worker and wait for it, showing progress and a cancel button.

    A rerun of the page (another widget, another page) does not restart the
    work: the job is found again by ``name`` and ``key`` and the page waits
    for the same process. When the user cancels, or the work fails, a
    translated message is shown and the script stops (``st.stop``).

    Parameters
    ----------
    name : str
        Job slot in the session (``"clean"``, ``"read"``).
    key : Hashable
        What the work depends on; a job with another key in the slot is stopped.
    fn, *args, **kwargs
        The pure function and its arguments (it receives ``progress=``).
    title : str
        Translated headline shown above the bar.
    tr : callable
        The page's translation function.

    Returns
    -------
    object
        ``fn``'s result.
    """
    jobs = _jobs()
    job = jobs.get(name)
    if job is not None and job.key == key and job.poll() and job.outcome[0] != "ok":
        _stopped(jobs, name, job.outcome, tr)  # cancelled or failed: say so until asked again
    job = ensure(name, key, fn, *args, **kwargs)
    box = st.empty()
    with box.container(border=True):
        st.markdown(f"**{title}**")
        cancel = st.button(
            tr("jobs.cancel"),
            key=state.widget_key("jobs", f"cancel.{name}"),
            icon=":material/cancel:",
        )
        bar = st.progress(0.0, text=tr("jobs.starting", seconds=0))
    if cancel:
        job.cancel()
        st.rerun()
    while not job.poll():
        frac, text = label(job, tr)
        bar.progress(frac, text=text)  # also where a rerun request interrupts this wait
        time.sleep(POLL_S)
    box.empty()
    if job.outcome[0] == "ok":
        del jobs[name]
        return job.outcome[1]
    _stopped(jobs, name, job.outcome, tr)


def _stopped(jobs: dict[str, Job | None], name: str, outcome: tuple[Any, ...], tr: Any) -> None:
    """Show why job ``name`` has no result, offer to start it again, stop the script."""
    if outcome[0] == "cancelled":
        st.info(tr("jobs.cancelled"), icon=":material/cancel:")
    else:
        st.error(tr(outcome[1], **outcome[2]), icon=":material/error:")
    if st.button(
        tr("jobs.restart"),
        key=state.widget_key("jobs", f"restart.{name}"),
        icon=":material/replay:",
    ):
        jobs.pop(name, None)
        st.rerun()
    st.stop()
