"""The server's warm-up: a configured source made ready before its sessions come.

A server started by :mod:`abm.ui.launch` calls :func:`warm_up` on a thread before any
session: the source's last stored preparation is read if it is current, or — a source
never prepared, or changed since (its fingerprint), unless the administrator set
``prepare_ahead = false`` — the source is prepared ahead in a worker process
(:func:`abm.engine.ahead.prepare_source`), kept for every session of this process and
stored (:mod:`abm.ui.sources`). With ``refresh_minutes`` the launcher calls
:func:`refresh` that often, which prepares a changed source ahead again.

A session that opens the source meanwhile (:func:`abm.ui.sources.open_configured`)
waits a few seconds for a store being read (:func:`_wait_for_warm_up`), but never
blocks on a preparation: it notes it, its pages show the server's progress
(:func:`server_progress` in the page, :func:`server_note` in the sidebar; fragments
that run the page again once it is done) and its next data read opens the source
(:func:`server_done`). When the source was prepared and stored before (a refresh, or a
restart after the data changed), such a session opens that older preparation at once
(:func:`older`) and its sidebar says how far the newer data is, then offers to open it
(:func:`newer_ready`, :func:`open_newer`). Nothing here raises into a session; failures are logged by
message keys and type names only, never a value.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import threading
import time
from typing import Any

import pandas as pd
import streamlit as st

from abm.engine.sources import SourceConfig
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.progress import STEPS
from abm.ui import sources, state, storing
from abm.ui.shell import tr
from abm.ui.sources import Admin, admin, cleaning_key, engine_config

__all__ = [
    "AHEAD_RETRY_S",
    "AHEAD_STALL_S",
    "WARM_UP_WAIT_S",
    "expect_warm_up",
    "newer_ready",
    "older",
    "open_newer",
    "prepare_soon",
    "refresh",
    "server_done",
    "server_note",
    "server_progress",
    "since",
    "waiting_for_server",
    "warm_up",
]

_log = logging.getLogger("abm.ui.warmup")
#: The longest a session waits for a warm-up that reads the stored preparation (then it
#: reads the store itself). A session never blocks on a preparation made ahead: it
#: shows the server's progress and opens the source once that is done.
WARM_UP_WAIT_S = 300.0
#: A preparation made ahead whose progress has not moved for this long is stopped (a
#: worker stuck on an engine that never answers): sessions then prepare their own.
AHEAD_STALL_S = 3600.0
#: Clear while a warm-up or refresh is pending or running (:func:`expect_warm_up`,
#: :func:`warm_up`, :func:`refresh`): a session that reopens the same key meanwhile waits
#: for the store's read, or for the preparation made ahead, instead of repeating it.
_warmed = threading.Event()
_warmed.set()


def expect_warm_up() -> None:
    """Say a :func:`warm_up` is coming: sessions that open the source from now on wait for it.

    :mod:`abm.ui.launch` calls it before it starts the warm-up's thread, so that a session
    quicker than the thread does not read or prepare the source beside it."""
    _warmed.clear()


def warm_up() -> bool:
    """Before any session: make the configured source's preparation ready in this process
    (:mod:`abm.ui.launch`).

    The last stored preparation is read if it is current: its key must be the one the
    source's data now (:func:`abm.engine.reading.fingerprint`) and the settings it was
    made with give. Otherwise — nothing stored yet, the source changed, rules of another
    version — and unless the administrator set ``prepare_ahead = false``, the source is
    prepared now with those settings (the defaults when nothing was stored) in a worker
    process (:func:`abm.engine.ahead.prepare_source`), kept and stored, so the first
    session reopens it instead of preparing it; a session that arrives meanwhile waits
    with the preparation's progress on its page. Nothing is done when this process
    already keeps a preparation of that store. A session with its own settings computes
    its own key and reads or prepares its own. Never raises: whatever fails is left for
    the session to meet and report.

    Returns
    -------
    bool
        Whether a preparation is now kept.
    """
    _warmed.clear()  # (the launcher says so before it starts the thread: expect_warm_up)
    try:
        cfg = admin()
        if cfg.source is None or not cfg.source.store:
            return False
        if sources._keeps(cfg.source.store):
            return True  # a session was quicker
        return _warm(cfg, cfg.source)
    except Exception as err:  # the session meets the same failure and reports it
        _log.warning("warm-up stopped: %s", type(err).__name__)  # never a message: no data
        return False
    finally:
        _ahead.clear()
        _warmed.set()


def refresh() -> bool:
    """Prepare the configured source ahead again if it changed since it was prepared
    (:mod:`abm.ui.launch` calls this every ``refresh_minutes``).

    The source's key is computed with the settings of its newest stored preparation; when
    that preparation is kept or stored already nothing happens. Otherwise sessions that
    open the source from now on show the data as last prepared (:func:`older`; with no
    such data, the new preparation's progress) instead of preparing it themselves;
    sessions already open keep what they show. One refresh runs at a time (the launcher's
    and one a session asked for, :func:`prepare_soon`). Never raises.

    Returns
    -------
    bool
        Whether a new preparation was made and kept.
    """
    if not _refresh_lock.acquire(blocking=False):
        return False  # another refresh runs: it prepares what this one would
    try:
        return _refresh()
    finally:
        _refresh_lock.release()


_refresh_lock = threading.Lock()


def _refresh() -> bool:
    """:func:`refresh`'s work, under its lock."""
    try:
        cfg = admin()
        source = cfg.source
        if source is None or not source.store or not source.prepare_ahead:
            return False
        _warmed.clear()  # a session opening the source meanwhile waits for the answer
        settings = None
        try:
            key, settings, stored = _current(cfg, source)
            if stored or (storing.file_key(source.store), key) in sources._kept():
                _note(source.store, settings, key, "ready")
                return False  # ready already
            if _failed_lately(key):
                _note(source.store, settings, key, "failed")
                return False  # failed as it is now not long ago
            _ahead["key"] = key
            return _prepare_ahead(cfg, source, settings, key)
        except Exception:  # sessions told of it (settings unknown yet: all), not left waiting
            _note(source.store, settings, None, "failed")
            raise
        finally:
            _ahead.clear()
            _warmed.set()
    except Exception as err:
        why = err.key if isinstance(err, MoriError) else type(err).__name__
        _log.warning("refresh stopped: %s", why)
        return False


def _current(cfg: Admin, source: SourceConfig) -> tuple[str, Any, bool]:
    """The key of ``source`` as it is now with the settings of its newest stored
    preparation (the defaults when none), those settings, and whether that
    preparation is the current one."""
    import abm.engine as E
    from abm.engine.prepared import newest, snapshot_key
    from abm.engine.reading import fingerprint
    from abm.settings import Workspace

    last = newest(source.store)
    settings = Workspace() if last is None else last[1]
    engine = E.connect(engine_config(cfg.engine))
    try:
        key = snapshot_key(fingerprint(engine, source), cleaning_key(settings))
    finally:
        engine.close()
    return key, settings, last is not None and last[0] == key


def _warm(cfg: Admin, source: SourceConfig) -> bool:
    from abm.engine.prepared import load_prepared

    key, settings, stored = _current(cfg, source)
    _ahead["key"] = key  # sessions that open another key need not wait
    if not stored:
        if source.prepare_ahead:
            return _prepare_ahead(cfg, source, settings, key)
        _log.warning("warm-up: no current stored preparation (prepare_ahead is off)")
        return False
    found = load_prepared(str(source.store), key)
    if found is None:
        return False
    sources._keep(source.store, key, found, unless_kept=True)  # one a session kept meanwhile stays
    return True


#: What the warm-up or refresh under way makes ready: ``"key"``, the preparation's key
#: once known (a session opening another key does not wait for it), and ``"job"``, the
#: worker preparing it ahead (:func:`_prepare_ahead`), whose progress waiting sessions show.
_ahead: dict[str, Any] = {}
#: Keys whose preparation ahead failed: ``{key: (message key, when)}``. :func:`refresh`
#: does not try one again for :data:`AHEAD_RETRY_S` (the key changes with the data or the
#: settings, so a change is prepared at once).
_failed: dict[str, tuple[str, float]] = {}
#: The last outcome of the server's preparation per store and settings:
#: ``{(store file, settings): (sequence number, key or None, "ready" | "failed")}`` —
#: made ready (prepared ahead, or found kept or stored by a refresh) or failed. A session
#: shown the data as last prepared is offered what comes after it (:func:`newer_ready`).
_outcome: dict[tuple[str, str], tuple[int, str | None, str]] = {}
_outcome_seq = itertools.count(1)
_outcome_lock = threading.Lock()


def _settings_id(cleaning: dict[str, Any]) -> str:
    """One string for a cleaning key (:func:`abm.ui.sources.cleaning_key`)."""
    return json.dumps(cleaning, sort_keys=True, default=str)


def _note(store: Any, settings: Any, key: str | None, what: str) -> None:
    """Record an outcome of the server's preparation (:data:`_outcome`); ``settings``
    ``None``: for every setting (a refresh that failed before it knew them)."""
    every = settings is None
    where = (storing.file_key(store), "*" if every else _settings_id(cleaning_key(settings)))
    with _outcome_lock:
        _outcome[where] = (next(_outcome_seq), key, what)


def _fail(store: Any, settings: Any, key: str, why: str) -> None:
    """A preparation ahead of ``key`` failed: not tried again for :data:`AHEAD_RETRY_S`,
    and the sessions shown older data are told (:func:`_note`)."""
    _failed[key] = (why, time.monotonic())
    _note(store, settings, key, "failed")


def _last_outcome(store: Any, cleaning: dict[str, Any]) -> tuple[int, str | None, str]:
    """The last outcome for ``store`` and these settings (a failure for every setting
    counts when it came later); ``(0, None, "")`` when none."""
    where = storing.file_key(store)
    with _outcome_lock:
        mine = _outcome.get((where, _settings_id(cleaning)), (0, None, ""))
        every = _outcome.get((where, "*"), (0, None, ""))
    return every if every[0] > mine[0] else mine


#: How long a failed preparation ahead is not tried again (a passing failure — an engine
#: briefly unreachable — is retried; one that repeats costs a run every few hours).
AHEAD_RETRY_S = 6 * 3600.0


def _failed_lately(key: str) -> bool:
    found = _failed.get(key)
    return found is not None and time.monotonic() - found[1] < AHEAD_RETRY_S


def _prepare_ahead(cfg: Admin, source: SourceConfig, settings: Any, key: str) -> bool:
    """Prepare ``source`` with ``settings`` in a worker process, keep it under ``key`` for
    this process's sessions and store it; ``False`` when it could not be (logged by
    message keys, type names and table names only: never a value)."""
    from abm.engine.ahead import prepare_source
    from abm.ui import jobs, loading
    from abm.workspace.snapshot import Snapshot

    cleaning, _ = state.parse_cleaning(settings)
    job = jobs.start(
        "ahead", key, prepare_source, engine_config(cfg.engine), sources._embedded(), source,
        cleaning=cleaning, mappings=loading.parse_mappings(settings)[0],
        phases=loading.phase_vocabulary(settings), rates=loading.exchange_rates(settings),
        horizon=state.as_of_horizon(),
        today=pd.Timestamp(dt.date.today()),
    )  # fmt: skip
    job.steps = tuple(STEPS)  # the read and the activity table too
    _ahead["job"] = job
    try:
        _watch(job)
        if job.outcome[0] != "ok":
            why = job.outcome[1] if len(job.outcome) > 1 else job.outcome[0]
            kind = job.outcome[2].get("kind", "") if len(job.outcome) > 2 else ""
            _fail(source.store, settings, key, why)
            _log.warning("preparing the source ahead stopped: %s %s", why, kind)
            return False
        made = job.outcome[1]
        if made is None:
            _fail(source.store, settings, key, "nothing read")
            _log.warning("preparing the source ahead: no table of the source could be read")
            return False
        for name, why, _ in made.refused:  # a table's name and the message key, no value
            _log.warning("preparing the source ahead: %s left out (%s)", name, why)
        label = t("engine.ui.label", "ja", kind=t(K.SOURCE_KIND[source.kind], "ja"))
        snap = Snapshot(loaded=made.loaded, prepared=made.prepared, settings=settings,
                        label=label, as_of=made.as_of)  # fmt: skip
        sources._keep_and_store(source.store, key, snap, made.table)
        _note(source.store, settings, key, "ready")
        return True
    except Exception as err:  # after the worker: not retried every minute by sessions
        _fail(source.store, settings, key, type(err).__name__)
        raise
    finally:
        _ahead.pop("job", None)


def _watch(job: Any) -> None:
    """Wait for ``job`` to finish; stop it when its progress has not moved for
    :data:`AHEAD_STALL_S` (a worker stuck on an engine that never answers)."""
    from abm.ui import jobs

    seen, since = job.progress(), time.monotonic()
    while not job.poll():
        time.sleep(jobs.POLL_S)
        now = job.progress()
        if now != seen:
            seen, since = now, time.monotonic()
        elif time.monotonic() - since > AHEAD_STALL_S:
            job.cancel()
            _log.warning(
                "preparing the source ahead stopped: no progress for %.0f s", AHEAD_STALL_S
            )


def _preparing(key: str) -> bool:
    """Whether this process is preparing ``key`` ahead right now."""
    return not _warmed.is_set() and _ahead.get("key") == key and _ahead.get("job") is not None


def _wait_for_warm_up(key: str) -> None:
    """Wait for a pending :func:`warm_up` that reads ``key``'s stored preparation (seconds),
    letting this session's run stop or rerun meanwhile (Streamlit's own wait for a cached
    value another thread computes does the same). Returns at once when the warm-up makes
    another key ready (other settings), and as soon as it turns out to prepare ``key``
    ahead: the session then waits without blocking (:func:`server_progress`)."""
    if _warmed.is_set() or _ahead.get("key", key) != key:
        return
    try:  # the script run's stop / rerun check: internal to Streamlit, so optional
        from streamlit.runtime.scriptrunner_utils.script_run_context import (
            get_run_yield_check,
        )

        check = get_run_yield_check()
    except Exception:
        check = None
    deadline = time.monotonic() + WARM_UP_WAIT_S
    while not _warmed.wait(0.1) and time.monotonic() < deadline:
        if _ahead.get("key", key) != key or _ahead.get("job") is not None:
            return
        if check is not None:
            check()


def waiting_for_server() -> bool:
    """Whether this session waits for the server's preparation of the configured source.

    Returns
    -------
    bool
        ``True`` while the preparation made ahead (:func:`warm_up`, :func:`refresh`) that
        this session's opening found under way runs; the session opens the source once
        it is done.
    """
    key = sources._status().get("preparing")
    return bool(key) and _preparing(key)


def server_done() -> bool:
    """Whether the server's preparation this session waited for has ended, done or not.

    Returns
    -------
    bool
        ``True`` once (the session's note of it is dropped): the caller opens the source
        again (:func:`abm.ui.state.get_dataset`).
    """
    key = sources._status().get("preparing")
    if not key or _preparing(key):
        return False
    sources._set_status(preparing=None)
    return True


def server_progress() -> bool:
    """Show the server's preparation of the source with its progress, when this session
    waits for it; the page runs again by itself once it is done.

    Returns
    -------
    bool
        Whether it was shown (the page says nothing else about missing data).
    """
    if not _still_waiting():
        return False
    with st.container(border=True):
        st.markdown(f"**{tr('engine.ui.ahead')}**")
        _ahead_bar()
    return True


def older(source: SourceConfig, key: str) -> tuple[str, Any] | None:
    """The preparation of ``source`` stored last, when it is not ``key`` and was made with
    this session's settings: the data as it was, shown while the server prepares ``key``
    (the source changed since) instead of keeping the session waiting.

    Parameters
    ----------
    source : SourceConfig
        The configured source (with a store).
    key : str
        The key of the preparation the server makes ahead.

    Returns
    -------
    tuple of (str, Reopened) or None
        The older key and its preparation; ``None`` when there is none to show.
    """
    from abm.engine.prepared import newest

    mine = sources._cleaning_key()
    where = storing.file_key(source.store)
    try:
        last = newest(source.store)
        # the server prepares with the settings stored last: with others, nothing would come
        if last is None or last[0] == key or cleaning_key(last[1]) != mine:
            return None
        for (store, kept_key), found in list(sources._kept().items()):  # the one kept
            snap = getattr(found, "snapshot", None)
            same = store == where and kept_key != key and snap is not None
            if same and cleaning_key(snap.settings) == mine:
                return kept_key, found
        # kept for the next sessions unless this process keeps another one meanwhile
        found = sources._reopen(source, last[0], unless_kept=True)
    except Exception as err:  # an unreadable store: the session waits for the new one
        why = err.key if isinstance(err, MoriError) else type(err).__name__
        _log.warning("the preparation stored last could not be read: %s", why)
        return None
    return None if found is None else (last[0], found)


#: The preparation a session asked for (:func:`prepare_soon`): ``{"thread": Thread,
#: "at": monotonic time}``.
_soon: dict[str, Any] = {}
_soon_lock = threading.Lock()
#: A session asks again for the server's preparation at most this often (seconds).
SOON_EVERY_S = 60.0


def prepare_soon() -> None:
    """Have the server prepare the configured source ahead now (:func:`refresh` on a
    thread), unless a warm-up or refresh runs or one was asked for within
    :data:`SOON_EVERY_S`: a session found the source changed before the launcher's next
    look (or under ``streamlit run``, which does not look)."""
    with _soon_lock:
        if _refreshing() or time.monotonic() - _soon.get("at", -SOON_EVERY_S) < SOON_EVERY_S:
            return
        thread = threading.Thread(target=refresh, name="mori-prepare-soon", daemon=True)
        _soon.update(thread=thread, at=time.monotonic())
        thread.start()


def _refreshing() -> bool:
    """Whether a warm-up or refresh runs, or is about to (:func:`prepare_soon`)."""
    thread = _soon.get("thread")
    return (
        not _warmed.is_set() or _refresh_lock.locked() or (thread is not None and thread.is_alive())
    )


def since(source: SourceConfig) -> int:
    """The sequence number of the last outcome of the server's preparation for ``source``
    and this session's settings (``0``: none): what a session shown the data as last
    prepared notes before it looks for that data, to be offered only what comes after.

    Parameters
    ----------
    source : SourceConfig
        The configured source.

    Returns
    -------
    int
    """
    if not source.store:
        return 0
    return _last_outcome(source.store, sources._cleaning_key())[0]


def newer_ready() -> bool | None:
    """Whether newer data than this session shows (:func:`older`) is ready to open.

    Returns
    -------
    bool or None
        ``True`` once the server has made a preparation ready, for this source and the
        settings the data was shown with, after the data was shown (and it is not that
        data); ``False`` while the server prepares (a session that finds nothing under
        way asks for it again, :func:`prepare_soon`, at most every
        :data:`SOON_EVERY_S`); ``None`` when nothing is offered: none noted, the
        settings changed since, the source no longer prepared ahead, or the server's
        preparation failed (noted as ``newer_failed``).
    """
    status = sources._status()
    if not status.get("newer"):
        return None
    try:
        source = admin().source
    except MoriError:  # the administrator's file is being edited: asked again next run
        return False
    if (
        source is None
        or not source.store
        or not source.prepare_ahead
        or status.get("cleaning") != sources._cleaning_key()
    ):
        sources._set_status(newer=None)  # nothing to offer any more
        return None
    seq, key, what = _last_outcome(source.store, status["cleaning"])
    if seq > status.get("since", 0):
        if what == "ready" and key != status.get("shown"):
            return True
        if what == "ready":  # the source is back to what is shown: nothing newer
            sources._set_status(newer=None)
            return None
        if what == "failed":
            sources._set_status(newer=None, newer_failed=True)
            return None
    if not _refreshing():
        prepare_soon()  # nothing under way, nothing new: the server is asked (again)
    return False


def open_newer() -> None:
    """Open the preparation :func:`newer_ready` says is ready, in place of the data shown
    (kept by the server or read from the store: nothing cleaned in this session); should
    it be gone, the source is opened as it is now."""
    status = sources._status()
    try:
        source = admin().source
    except MoriError as err:  # the administrator's file is being edited
        sources._set_status(error=(err.key, dict(err.params)))
        return
    if source is None or not source.store:
        return
    # installing clears the offer (state.set_dataset): a run stopped before it keeps it
    if status.get("cleaning") == sources._cleaning_key():  # else not this offer's settings
        _, key, what = _last_outcome(source.store, status["cleaning"])
        if what == "ready" and key is not None and sources.open_prepared(source, key):
            return
    sources.open_configured()


def server_note() -> None:
    """Sidebar, on every page: one line on the server's preparation this session waits for,
    if it does; the page runs again by itself once it is done. A session shown the data as
    last prepared meanwhile (:func:`older`) reads how far the newer data
    is, then a button that opens it — never switched under the user's eyes."""
    if _still_waiting():
        st.divider()
        _ahead_line()
        return
    ready = newer_ready()
    if ready is None:
        if sources._status().get("newer_failed"):
            st.divider()
            st.caption(tr("engine.ui.newer_failed"))
        return
    st.divider()
    if not ready:
        _newer_line()
        return
    st.caption(tr("engine.ui.newer_ready"))
    st.button(  # a callback: the click counts even if the page runs again meanwhile
        tr("engine.ui.newer_open"), key=state.widget_key("sidebar", "open_newer"),
        on_click=open_newer,
    )  # fmt: skip


def _still_waiting() -> bool:
    """:func:`waiting_for_server`; when the preparation this session noted has ended since
    the run began, the page runs again now (its first data read opens the source) instead
    of being drawn as empty."""
    key = sources._status().get("preparing")
    if key and not _preparing(key):
        st.rerun()
    return bool(key)


def _progress() -> tuple[float, str]:
    """The waiting fragments' ``(fraction, text)``; once the preparation is over, the page
    runs again (it opens the source)."""
    from abm.ui import jobs

    job = _ahead.get("job")
    if job is None or not _still_waiting():
        st.rerun()
    return jobs.label(job, tr)


@st.fragment(run_every=1)
def _ahead_bar() -> None:
    frac, text = _progress()
    st.progress(frac, text=text)


@st.fragment(run_every=2)
def _newer_line() -> None:
    """How far the server's newer preparation is; the page runs again once it is over."""
    if newer_ready() is not False:
        st.rerun()
    from abm.ui import jobs

    job = _ahead.get("job")  # none yet while the server looks at the source
    frac = jobs.label(job, tr)[0] if job is not None else 0.0
    st.caption(tr("engine.ui.newer_short", percent=int(frac * 100)))


@st.fragment(run_every=2)
def _ahead_line() -> None:
    frac, _ = _progress()
    st.caption(tr("engine.ui.ahead_short", percent=int(frac * 100)))
