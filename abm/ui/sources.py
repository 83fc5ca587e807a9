"""The administrator's engine and data source, wired into the app.

An administrator writes ``.streamlit/mori.toml`` (or the file named by the
``MORI_CONFIG`` environment variable) — never the browser:

* ``[engine]`` — :class:`abm.engine.EngineConfig`: the embedded DuckDB's
  ``memory_limit`` and spill folder (``temp_directory``), or Spark / a
  warehouse for a configured source; ``threads`` defaults to this machine's
  cores and the spill folder to a ``mori-spill`` folder in the temp directory;
* ``[source]`` — :class:`abm.engine.sources.SourceConfig`: a Parquet/CSV
  folder, a DuckDB file or a warehouse table with its column mapping, and
  ``store``, the file where the prepared source is kept.

A session with no data opens the configured source (:func:`open_configured`):
its tables are read as an upload's files would be and go the upload's way
(:func:`abm.engine.reading.read_parts`); once cleaned, the prepared data and
its activity table are stored (:func:`after_prepare`) so the next opening with
the same data and settings reopens them instead. Storing runs in a background
thread once the pages have what they need: nobody waits for it (at a million
leads it is about a minute of DuckDB work), sessions of this process reuse the
prepared frames at once, and the source box says when the store is done. A
server started by :mod:`abm.ui.launch` does this before any session comes
(:func:`warm_up`: the store read, or a new or changed source prepared ahead in
a worker; :func:`refresh`: again when the source changes); a session that
opens the source meanwhile shows the server's progress and opens it once that
is done (:func:`server_progress`). An upload replaces the source for its session. Every page's heavy activity work reads the dataset's
activity table, built once on the embedded engine (:func:`activity_table`).
Engine failures are shown as translated messages, never a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from abm.engine.config import EngineConfig
from abm.engine.sources import SourceConfig
from abm.engine.table import ActivityTable
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.progress import STEPS
from abm.ui import state, storing
from abm.ui.shell import msg, tr, tr_md

__all__ = [
    "ADMIN_ENV",
    "Admin",
    "activity_table",
    "admin",
    "after_prepare",
    "cleaning_key",
    "engine_config",
    "expect_warm_up",
    "forget_reopened",
    "open_configured",
    "refresh",
    "server_done",
    "server_note",
    "server_progress",
    "source_box",
    "source_notice",
    "waiting_for_server",
    "warm_up",
]

#: Environment variable naming the administrator's file (default :data:`ADMIN_FILE`).
ADMIN_ENV = "MORI_CONFIG"
ADMIN_FILE = ".streamlit/mori.toml"
_MAX_FILE = 1_000_000


@dataclass(frozen=True)
class Admin:
    """What the administrator's file configures."""

    engine: EngineConfig
    source: SourceConfig | None
    file: str = ""


@functools.lru_cache(maxsize=4)
def _read(path: str, _mtime_ns: int) -> Admin:
    """The file at ``path`` as read at ``_mtime_ns`` (re-read when it changes)."""
    p = Path(path)
    raw = p.read_bytes()
    if len(raw) > _MAX_FILE:
        raise MoriError("engine.err.config_file", file=p.name)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise MoriError("engine.err.config_file", file=p.name) from None
    engine = EngineConfig.from_dict(data.get("engine", {}), section="engine", file=p.name)
    source = data.get("source")
    if source is not None:
        source = SourceConfig.from_dict(source, section="source", file=p.name)
    return Admin(engine, source, p.name)


def admin() -> Admin:
    """The administrator's settings (defaults when there is no file).

    Raises
    ------
    MoriError
        When the file cannot be read or a setting is invalid (naming the key).
    """
    p = Path(os.environ.get(ADMIN_ENV) or ADMIN_FILE)
    try:
        mtime = p.stat().st_mtime_ns
    except OSError:
        if os.environ.get(ADMIN_ENV):  # named explicitly: its absence is an error
            raise MoriError("engine.err.config_missing", file=p.name) from None
        return Admin(EngineConfig(), None)
    return _read(str(p.resolve()), mtime)


def engine_config(config: EngineConfig | None = None) -> EngineConfig:
    """``config`` (the administrator's) with what the app reads from the machine filled in.

    Threads: this machine's cores when not set; spill folder: ``mori-spill``
    in the temp directory when not set. The memory limit is the
    administrator's (DuckDB's default otherwise).
    """
    if config is None:
        try:
            config = admin().engine
        except MoriError:  # the source box says what is wrong; analyses use the defaults
            config = EngineConfig()
    threads = config.threads or max(1, os.cpu_count() or 1)
    spill = config.temp_directory or str(Path(tempfile.gettempdir()) / "mori-spill")
    return replace(config, threads=threads, temp_directory=spill)


def _embedded() -> EngineConfig:
    """The engine for the activity table: embedded DuckDB with the administrator's limits."""
    config = engine_config()
    if config.backend != "duckdb":
        config = engine_config(EngineConfig(memory_limit="", threads=config.threads))
    return replace(config, database=":memory:")


def activity_table(ds: Any) -> ActivityTable:
    """The prepared dataset's activity table, built on the engine once per dataset.

    An engine failure (out of memory, a spill folder that cannot be written)
    is shown as its translated message and the page stops.
    """
    from abm.engine.table import build_activity_table

    def build() -> ActivityTable:
        with st.spinner(tr("engine.ui.building")):
            return build_activity_table(ds.leads, ds.activities, config=_embedded())

    try:
        return state.session_memo(state.M_ACTIVITY_TABLE, (), build)
    except MoriError as err:
        st.error(msg(err), icon=":material/error:")
        st.stop()
        raise  # st.stop raises; this line is never reached


def _status() -> dict[str, Any]:
    return dict(st.session_state.get(state.K_SOURCE) or {})


def _set_status(**changes: Any) -> None:
    st.session_state[state.K_SOURCE] = {**_status(), **changes}


def _cleaning_key() -> dict[str, Any]:
    """Everything besides the source's data that decides the session's prepared dataset."""
    return cleaning_key(state.get_workspace())


def cleaning_key(ws: Any) -> dict[str, Any]:
    """Everything besides the source's data that decides a prepared dataset, for the
    workspace settings ``ws`` (the rules' version, cleaning settings, phase words, saved
    mappings): with the source's fingerprint, :func:`abm.engine.prepared.snapshot_key`."""
    from abm.pipeline import RULES_VERSION
    from abm.ui import loading

    (config, rules, decisions), _ = state.parse_cleaning(ws)
    return {
        "rules_version": RULES_VERSION,
        "matching": config.to_dict(),
        "rules": rules.to_dict(),
        "decisions": decisions.to_dict(),
        "phases": loading.phase_vocabulary(ws).to_dict(),
        "mappings": [m.to_dict() for m in loading.parse_mappings(ws)[0]],
    }


def open_configured(*, reread: bool = False) -> None:
    """Open the configured source in this session, if one is configured.

    A stored preparation of the same data and settings is reopened (no
    cleaning); otherwise the tables are read and installed as an upload's
    (cleaned on first use, then stored by :func:`after_prepare`). What went
    wrong is kept for :func:`source_box` and :func:`source_notice`.
    """
    try:
        cfg = admin()
    except MoriError as err:
        _set_status(error=(err.key, dict(err.params)))
        return
    if cfg.source is None:
        return
    st.session_state[state.K_SOURCE] = {"kind": cfg.source.kind, "file": cfg.file}
    with st.spinner(tr("engine.ui.opening")):
        try:
            _open(cfg, reread=reread)
        except MoriError as err:
            _set_status(error=(err.key, dict(err.params)))


@st.cache_resource(show_spinner=False)
def _kept() -> dict[tuple[str, str], Any]:
    """This process's reopened preparation: ``{(store file, key): Reopened}``, one entry.

    Filled by the first session that reopens a stored preparation (or that stores
    one), or before any session by :func:`warm_up` and :func:`refresh`: the next sessions with the same data and settings install the same
    read-only frames instead of reading and decoding the store again — one copy
    in memory, and their analyses shared (:data:`abm.ui.state.SOURCE`). One is
    kept (a million leads' frames are gigabytes): another preparation found or
    stored replaces it (a key with nothing stored does not), and a server restart
    reads the store again.
    """
    return {}


_kept_lock = threading.Lock()


def _keep(store: Any, key: str, found: Any, *, unless_kept: bool = False) -> None:
    """Keep ``found`` as this process's preparation (replacing the one kept); with
    ``unless_kept``, only when none of that store is kept (one a session kept stays)."""
    kept = _kept()
    with _kept_lock:
        if unless_kept and _keeps(store):
            return
        kept.clear()
        kept[(storing.file_key(store), key)] = found


def _keeps(store: Any) -> bool:
    """Whether this process keeps a preparation of ``store``."""
    return any(k[0] == storing.file_key(store) for k in _kept())


def forget_reopened() -> None:
    """Drop the preparation this process keeps and the analyses shared with it, as a
    restart does: the next opening reads the store (benchmarks time that reopening)."""
    _kept.clear()
    _failed.clear()
    state.forget_shared()


_log = logging.getLogger("abm.ui.sources")
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
    """Say a :func:`warm_up` is coming (:mod:`abm.ui.launch`, before it starts the thread):
    sessions that reopen the source from now on wait for it."""
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
    try:
        cfg = admin()
        if cfg.source is None or not cfg.source.store:
            return False
        if _keeps(cfg.source.store):
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
    open the source from now on wait for the new preparation (with its progress) instead
    of preparing it themselves; sessions already open keep what they show. Never raises.

    Returns
    -------
    bool
        Whether a new preparation was made and kept.
    """
    try:
        cfg = admin()
        source = cfg.source
        if source is None or not source.store or not source.prepare_ahead:
            return False
        _warmed.clear()  # a session opening the source meanwhile waits for the answer
        try:
            key, settings, stored = _current(cfg, source)
            if stored or (storing.file_key(source.store), key) in _kept() or _failed_lately(key):
                return False  # ready already, or failed as it is now not long ago
            _ahead["key"] = key
            return _prepare_ahead(cfg, source, settings, key)
        finally:
            _ahead.clear()
            _warmed.set()
    except Exception as err:
        _log.warning("refresh stopped: %s", type(err).__name__)
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
        _log.warning("warm-up: the stored preparation is not current (the source changed)")
        return False
    found = load_prepared(str(source.store), key)
    if found is None:
        return False
    _keep(source.store, key, found, unless_kept=True)  # one a session kept meanwhile stays
    return True


#: What the warm-up or refresh under way makes ready: ``"key"``, the preparation's key
#: once known (a session opening another key does not wait for it), and ``"job"``, the
#: worker preparing it ahead (:func:`_prepare_ahead`), whose progress waiting sessions show.
_ahead: dict[str, Any] = {}
#: Keys whose preparation ahead failed: ``{key: (message key, when)}``. :func:`refresh`
#: does not try one again for :data:`AHEAD_RETRY_S` (the key changes with the data or the
#: settings, so a change is prepared at once).
_failed: dict[str, tuple[str, float]] = {}
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
        "ahead", key, prepare_source, engine_config(cfg.engine), _embedded(), source,
        cleaning=cleaning, mappings=loading.parse_mappings(settings)[0],
        phases=loading.phase_vocabulary(settings), horizon=state.as_of_horizon(),
    )  # fmt: skip
    job.steps = tuple(STEPS)  # the read and the activity table too
    _ahead["job"] = job
    try:
        _watch(job)
        if job.outcome[0] != "ok":
            why = job.outcome[1] if len(job.outcome) > 1 else job.outcome[0]
            kind = job.outcome[2].get("kind", "") if len(job.outcome) > 2 else ""
            _failed[key] = (why, time.monotonic())
            _log.warning("preparing the source ahead stopped: %s %s", why, kind)
            return False
        made = job.outcome[1]
        if made is None:
            _failed[key] = ("nothing read", time.monotonic())
            _log.warning("preparing the source ahead: no table of the source could be read")
            return False
        for name, why, _ in made.refused:  # a table's name and the message key, no value
            _log.warning("preparing the source ahead: %s left out (%s)", name, why)
        label = t("engine.ui.label", "ja", kind=t(K.SOURCE_KIND[source.kind], "ja"))
        snap = Snapshot(loaded=made.loaded, prepared=made.prepared, settings=settings,
                        label=label, as_of=made.as_of)  # fmt: skip
        _keep_and_store(source.store, key, snap, made.table)
        return True
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
    key = _status().get("preparing")
    return bool(key) and _preparing(key)


def server_done() -> bool:
    """Whether the server's preparation this session waited for has ended, done or not.

    Returns
    -------
    bool
        ``True`` once (the session's note of it is dropped): the caller opens the source
        again (:func:`abm.ui.state.get_dataset`).
    """
    key = _status().get("preparing")
    if not key or _preparing(key):
        return False
    _set_status(preparing=None)
    return True


def server_progress() -> bool:
    """Show the server's preparation of the source with its progress, when this session
    waits for it; the page runs again by itself once it is done.

    Returns
    -------
    bool
        Whether it was shown (the page says nothing else about missing data).
    """
    _rerun_if_done()
    if not waiting_for_server():
        return False
    with st.container(border=True):
        st.markdown(f"**{tr('engine.ui.ahead')}**")
        _ahead_bar()
    return True


def server_note() -> None:
    """Sidebar, on every page: one line on the server's preparation this session waits for;
    the page runs again by itself once it is done."""
    _rerun_if_done()
    if waiting_for_server():
        _ahead_line()


def _rerun_if_done() -> None:
    """The preparation this session noted ended since this run began: run the page again
    now (its first data read opens the source) instead of drawing it as empty."""
    key = _status().get("preparing")
    if key and not _preparing(key):
        st.rerun()


@st.fragment(run_every=1)
def _ahead_bar() -> None:
    from abm.ui import jobs

    job = _ahead.get("job")
    if job is None or not waiting_for_server():
        st.rerun()  # done: the page opens the source
    frac, text = jobs.label(job, tr)
    st.progress(frac, text=text)


@st.fragment(run_every=2)
def _ahead_line() -> None:
    from abm.ui import jobs

    job = _ahead.get("job")
    if job is None or not waiting_for_server():
        st.rerun()
    frac, _ = jobs.label(job, tr)
    st.caption(tr("engine.ui.ahead_short", percent=int(frac * 100)))


def _reopen(source: SourceConfig, key: str) -> Any:
    """The stored preparation under ``key``: this process's, else read from the store.

    Reading the store waits while a background store of this process writes to the same
    file (:func:`abm.engine.store.file_lock`): at a million leads up to about a minute,
    still less than preparing the source again; and while a :func:`warm_up` is pending."""
    from abm.engine.prepared import load_prepared

    found = _kept().get((storing.file_key(source.store), key))
    if found is None:
        found = load_prepared(str(source.store), key)
        if found is not None:
            _keep(source.store, key, found)
    return found


def _open(cfg: Admin, *, reread: bool) -> None:
    import abm.engine as E
    from abm.engine.prepared import snapshot_key
    from abm.engine.reading import fingerprint, read_parts
    from abm.ingest import build_batch
    from abm.ui import loading

    source = cfg.source
    assert source is not None
    engine = E.connect(engine_config(cfg.engine))
    try:
        fp = fingerprint(engine, source)
    finally:
        engine.close()  # not held open while this session waits for a warm-up
    key = snapshot_key(fp, _cleaning_key())
    if source.store and not reread:
        _wait_for_warm_up(key)  # it may be reading exactly this one
        if _preparing(key):  # the server prepares it ahead: shown until done, then opened
            _set_status(preparing=key)
            return
        found = _reopen(source, key)
        if found is not None:
            _install_reopened(found, source, key)
            if storing.running(source.store, key):  # kept by the session still storing it
                _set_status(watch=(str(source.store), key))
            _set_status(
                report=_report(source, found.snapshot.loaded),
                reopened=found.saved_at,
                token=state.dataset_token(),
            )
            return
    engine = E.connect(engine_config(cfg.engine))
    try:
        parts = read_parts(engine, source, saved=loading.saved_mappings())
    finally:
        engine.close()
    result = build_batch(parts, phases=loading.phase_vocabulary())
    refused = [(n, e.key, dict(e.params)) for n, e in result.errors]
    st.session_state[state.K_LOAD_ERRORS] = refused
    if not result.parts:
        _set_status(refused=refused)
        return
    st.session_state[state.K_PARTS] = list(result.parts)
    state.set_dataset(result.dataset, label=_kind_label(source.kind))
    _set_status(
        report=_report(source, result.dataset),
        refused=refused,
        store=source.store,
        fingerprint=fp,
        token=state.dataset_token(),
    )


def _report(source: SourceConfig, ds: Any) -> list[dict[str, Any]]:
    counts = ds.row_counts()
    return [
        {"table": t, "location": where, "rows": int(counts.get(t, 0))} for t, where in source.tables
    ]


def _install_reopened(found: Any, source: SourceConfig, key: str) -> None:
    snap = found.snapshot
    st.session_state[state.K_PARTS] = []
    st.session_state[state.K_LOAD_ERRORS] = []
    state.set_dataset(snap.loaded, label=_kind_label(source.kind), source_key=key)
    state.memo_put(state.M_PREPARED, state.cleaning_settings(), snap.prepared)
    state.memo_put(state.M_ACTIVITY_TABLE, (), found.table)


def after_prepare(prepared: Any) -> None:
    """Store a just-prepared source (the session's dataset came from the source, unchanged).

    Called by :mod:`abm.ui.state` whenever a dataset has been cleaned; does
    nothing for uploads, the demo, or a source without ``store``. The activity
    table the pages read is built here; the store itself is written by a
    background thread (:mod:`abm.ui.storing`), and this process keeps the
    prepared frames at once for the next sessions. A failure to store is
    reported in the source box; the pages go on.
    """
    status = _status()
    if not status.get("store") or status.get("token") != state.dataset_token():
        return
    from abm.engine.prepared import snapshot_key
    from abm.engine.table import build_activity_table
    from abm.workspace.snapshot import Snapshot

    ds = state.get_dataset()
    with st.spinner(tr("engine.ui.building")):
        try:
            table = build_activity_table(
                prepared.dataset.leads, prepared.dataset.activities, config=_embedded()
            )
        except MoriError as err:
            _set_status(store_error=(err.key, dict(err.params)))
            return
    state.memo_put(state.M_ACTIVITY_TABLE, (), table)
    snap = Snapshot(loaded=ds, prepared=prepared, settings=state.get_workspace(),
                    label=state.data_label(), as_of=state.as_of_default(ds).date)  # fmt: skip
    key = snapshot_key(str(status.get("fingerprint")), _cleaning_key())
    _keep_and_store(status["store"], key, snap, table)
    _set_status(watch=(str(status["store"]), key))


def _keep_and_store(store: Any, key: str, snap: Any, table: Any) -> None:
    """Keep a preparation for this process's sessions at once (the next session with the
    same data and settings reopens these frames) and write it to ``store`` on a
    background thread (:mod:`abm.ui.storing`; no Streamlit call: a warm-up thread uses it)."""
    from abm.engine.prepared import Reopened, save_prepared

    saved_at = pd.Timestamp.now()
    found = Reopened(snap, table, saved_at)
    _keep(store, key, found)

    def write() -> None:
        save_prepared(store, key, snap, table, saved_at=saved_at)

    kept, where = _kept(), (storing.file_key(store), key)

    def forget() -> None:
        """A failed store: the next opening prepares (and stores) again instead of
        reopening frames as stored that are not."""
        with _kept_lock:
            if kept.get(where) is found:
                kept.clear()

    storing.start(store, key, write, on_failure=forget)


def _store_state(status: dict[str, Any]) -> str | None:
    """``"storing"``, ``"stored"`` or ``"failed"`` for the background store this session
    watches (its outcome copied into the session's status once known), else ``None``."""
    watch = status.get("watch")
    if watch is None:
        return "stored" if status.get("stored") else None
    if storing.running(*watch):
        return "storing"
    error = storing.outcome(*watch)
    if error is False:  # no write of it in this process (it finished before a restart)
        _set_status(watch=None)
        return None
    if error is None:
        _set_status(watch=None, stored=True)
        return "stored"
    _set_status(watch=None, store_error=error)
    return "failed"


@st.fragment(run_every=2)
def _storing_note() -> None:
    """Says "storing…" while the background store runs, then runs the page again to say so."""
    if _store_state(_status()) == "storing":
        st.caption(tr("engine.ui.storing"))
    else:
        st.rerun()


def _kind_label(kind: str) -> str:
    """The sidebar label a configured source is installed with (see :func:`_open`)."""
    return tr("engine.ui.label", kind=tr(K.SOURCE_KIND[kind]))


def _upload_rows(ds: Any) -> pd.DataFrame:
    """Per table of an upload: the files behind it and its rows."""
    counts = ds.row_counts()
    files: dict[str, list[str]] = {}
    for src in ds.sources:
        files.setdefault(src.table, []).append(src.file)
    return pd.DataFrame(
        [
            {"table": t, "location": ", ".join(files.get(t, [])), "rows": int(n)}
            for t, n in counts.items()
        ]
    )


def _rows_table(rows: pd.DataFrame) -> None:
    """A few rows, as a static table (its text is on the page, counts with separators)."""
    rows = rows.assign(
        table=[tr(K.TABLE[t]) for t in rows["table"]],
        rows=[f"{int(n):,}" for n in rows["rows"]],
    )
    names = {
        "table": tr("engine.ui.col.table"),
        "location": tr("engine.ui.col.location"),
        "rows": tr("engine.ui.col.rows"),
    }
    st.table(rows.rename(columns=names).set_index(names["table"]))


def source_notice() -> bool:
    """The guards' word on the configured source: the server's preparation this session
    waits for, with its progress (``True``: nothing else to say), or the error if opening
    the source failed."""
    if server_progress():
        return True
    err = _status().get("error")
    if err:
        st.error(tr_md(err[0], **err[1]), icon=":material/error:")
    return False


def source_box() -> None:
    """Data page: which source is in use and how many rows sit behind each table."""
    from abm.ui import auth, loading

    ds = state.get_dataset()  # first: it may open the source and say so in the status
    status = _status()
    configured = bool(status.get("kind") and status.get("report"))
    with st.container(border=True):
        st.subheader(tr("engine.ui.title"), anchor=False)
        if ds is None:
            if not server_progress():
                st.caption(tr("engine.ui.none"))
        elif configured and status.get("token") == state.dataset_token():
            kind = tr(K.SOURCE_KIND[status["kind"]])
            st.markdown(tr_md("engine.ui.in_use", kind=kind, file=status.get("file", "")))
            _rows_table(pd.DataFrame(status["report"]))
            stored = _store_state(status)
            if status.get("reopened") is not None:
                when = pd.Timestamp(status["reopened"]).strftime("%Y-%m-%d %H:%M")
                st.caption(tr("engine.ui.reopened", when=when))
            elif stored == "stored":
                st.caption(tr("engine.ui.stored"))
            if stored == "storing":  # prepared here, or by another session: still being written
                _storing_note()
        else:
            label = state.data_label() or tr(K.SOURCE_KIND["upload"])
            kind = tr(K.SOURCE_KIND["upload"])
            st.markdown(
                tr_md("engine.ui.upload", label=label, kind=kind, files=len(loading.parts()))
            )
            _rows_table(_upload_rows(ds))
        status = _status()  # with the outcome of a store that has just finished
        for err in (status.get("error"), status.get("store_error")):
            if err:
                st.error(tr_md(err[0], **err[1]), icon=":material/error:")
        reread = status.get("kind") and auth.can_edit()
        if reread and st.button(tr("engine.ui.reread"), key=state.widget_key("data", "reread_src")):
            open_configured(reread=True)
            st.rerun()
