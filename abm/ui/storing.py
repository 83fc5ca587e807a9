"""Writes to a store file that run in a background thread while the pages go on.

A configured source's prepared dataset is written to its store (about a minute
of DuckDB work at a million leads) after the pages already have what they need
(:func:`abm.ui.sources.after_prepare`). This module keeps this process's
writes, one per store file and key:

* :func:`start` runs ``write`` in a daemon thread, unless a write of the same
  file and key is still running (it writes the same data: a "read again" of an
  unchanged source, two sessions preparing it side by side);
* :func:`running` and :func:`outcome` tell a session how its write went;
* :func:`wait_all` waits for every write (tests, benchmarks, before a restart).

A thread never touches Streamlit. A failure is kept as a translated message's
key and parameters; an unexpected exception is logged by its type name and
the file's name only (its text may quote a cell value).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from abm.errors import MoriError

__all__ = ["Outcome", "file_key", "outcome", "running", "start", "wait_all"]

_LOG = logging.getLogger(__name__)

#: A finished write: ``None`` when it succeeded, else a message key and its parameters.
Outcome = tuple[str, dict[str, Any]] | None


@dataclass
class _Write:
    done: threading.Event = field(default_factory=threading.Event)
    error: Outcome = None


_writes: dict[tuple[str, str], _Write] = {}
_lock = threading.Lock()


def file_key(store: Any) -> str:
    """The store file as one spelling (its resolved path): the same file under two names
    is one file.

    Parameters
    ----------
    store : str or pathlib.Path

    Returns
    -------
    str
    """
    return str(Path(str(store)).resolve())


def _where(store: Any, key: str) -> tuple[str, str]:
    return file_key(store), key


def running(store: Any, key: str) -> bool:
    """Whether a write of ``key`` to ``store`` is running in this process.

    Parameters
    ----------
    store : str or pathlib.Path
        The store file.
    key : str
        What is written (a prepared source's snapshot key).

    Returns
    -------
    bool
    """
    write = _writes.get(_where(store, key))
    return write is not None and not write.done.is_set()


def outcome(store: Any, key: str) -> Outcome | bool:
    """How the last write of ``key`` to ``store`` went.

    Parameters
    ----------
    store : str or pathlib.Path
    key : str

    Returns
    -------
    tuple, None or bool
        ``None``: written; ``(message key, parameters)``: it failed; ``False``:
        still running, or no write of it in this process.
    """
    write = _writes.get(_where(store, key))
    if write is None or not write.done.is_set():
        return False
    return write.error


def start(
    store: Any, key: str, write: Callable[[], None], *, on_failure: Callable[[], None]
) -> bool:
    """Run ``write()`` in a background thread (not when the same write is still running).

    Parameters
    ----------
    store : str or pathlib.Path
        The file written (named in the failure message).
    key : str
        What is written.
    write : callable
        The write; it must not touch Streamlit. A :class:`~abm.errors.MoriError`
        it raises becomes the outcome; any other exception becomes
        ``engine.store.err.failed``.
    on_failure : callable
        Called in the thread after a failed write (drop what assumed it would succeed).

    Returns
    -------
    bool
        ``False`` when a write of the same ``store`` and ``key`` was still running.
    """
    where = _where(store, key)
    job = _Write()
    with _lock:
        if running(store, key):
            return False
        _writes[where] = job

    def run() -> None:
        try:
            write()
        except MoriError as err:  # logged by its key (a write no session watches says so too)
            _LOG.warning("storing in %s failed: %s", Path(where[0]).name, err.key)
            job.error = (err.key, dict(err.params))
        except Exception as exc:  # its text may quote a cell value: the type name only
            _LOG.warning("storing in %s failed: %s", Path(where[0]).name, type(exc).__name__)
            job.error = ("engine.store.err.failed", {"file": Path(where[0]).name})
        try:
            if job.error is not None:
                on_failure()
        finally:
            job.done.set()

    threading.Thread(target=run, name="mori-store", daemon=True).start()
    return True


def wait_all(timeout_s: float | None = None) -> bool:
    """Wait until every write started in this process is done.

    Parameters
    ----------
    timeout_s : float, optional
        The longest wait in all (``None``: no limit).

    Returns
    -------
    bool
        ``False`` when the time ran out first.
    """
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    with _lock:
        jobs = list(_writes.values())
    for job in jobs:
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not job.done.wait(left):
            return False
    return True
