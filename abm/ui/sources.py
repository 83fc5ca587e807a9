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
(:mod:`abm.ui.warmup`: the store read, or a new or changed source prepared
ahead in a worker, again when the source changes); a session that opens the
source meanwhile shows the data as last prepared and is offered the newer data once
ready, or — nothing prepared before — the server's progress, then the source.
An upload replaces the source for its session. Every page's heavy activity
work reads the dataset's activity table, built once on the embedded engine
(:func:`activity_table`).
Engine failures are shown as translated messages, never a traceback.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
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
    "forget_reopened",
    "open_configured",
    "open_prepared",
    "source_box",
    "source_notice",
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
        "money": _money_key(loading.exchange_rates(ws)),
        "mappings": [m.to_dict() for m in loading.parse_mappings(ws)[0]],
    }


def _money_key(rates: Any) -> dict[str, Any]:
    """The currency and rates a preparation converted amounts with, for its key."""
    return {"currency": rates.currency, "rates": [[c, float(r)] for c, r in rates.rates]}


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
    one), or before any session by :func:`abm.ui.warmup.warm_up` and
    :func:`abm.ui.warmup.refresh`: the next sessions with the same data and settings
    install the same read-only frames instead of reading and decoding the store again — one copy
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
    from abm.ui import warmup

    _kept.clear()
    warmup._failed.clear()
    warmup._outcome.clear()
    warmup._soon.clear()
    state.forget_shared()


def _reopen(source: SourceConfig, key: str, *, unless_kept: bool = False) -> Any:
    """The stored preparation under ``key``: this process's, else read from the store and
    kept for the next sessions (with ``unless_kept``, only if this process keeps none of
    that store by then: an older preparation never replaces a newer one kept meanwhile).

    Reading the store waits while a background store of this process writes to the same
    file (:func:`abm.engine.store.file_lock`): at a million leads up to about a minute,
    still less than preparing the source again."""
    from abm.engine.prepared import load_prepared

    found = _kept().get((storing.file_key(source.store), key))
    if found is None:
        found = load_prepared(str(source.store), key)
        if found is not None:
            _keep(source.store, key, found, unless_kept=unless_kept)
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
        from abm.ui import warmup

        warmup._wait_for_warm_up(key)  # it may be reading exactly this one
        since = warmup.since(source)  # before looking: what the server makes ready next
        kept = _kept().get((storing.file_key(source.store), key))
        if kept is None and warmup._preparing(key):  # the server prepares it ahead
            if _open_older(source, key, since):
                return
            if state.dataset_token() is None:  # nothing shown: its progress, then it opens
                _set_status(preparing=key)
            else:  # the data shown stays, the newer offered once ready
                _set_status(newer=key, cleaning=_cleaning_key(), since=since)
            return
        found = _reopen(source, key)
        if found is not None:
            _install_reopened(found, source, key)
            if storing.running(source.store, key):  # kept by the session still storing it
                _set_status(watch=(str(source.store), key))
            return
        # changed since it was last prepared, before the server's next look: the server
        # prepares it now while this session shows the data as last prepared
        ahead = source.prepare_ahead and not warmup._failed_lately(key)
        if ahead and _open_older(source, key, since):
            warmup.prepare_soon()
            return
    engine = E.connect(engine_config(cfg.engine))
    try:
        parts = read_parts(engine, source, saved=loading.saved_mappings())
    finally:
        engine.close()
    result = build_batch(parts, phases=loading.phase_vocabulary(), rates=loading.exchange_rates())
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


def _open_older(source: SourceConfig, key: str, since: int) -> bool:
    """Open the preparation of ``source`` stored last (:func:`abm.ui.warmup.older`) while
    the server prepares ``key``, noting ``key`` as the newer data to offer — what the
    server makes ready after outcome ``since`` (:func:`abm.ui.warmup.since`, taken before
    looking); ``False`` when there is none to open."""
    from abm.ui import warmup

    older = warmup.older(source, key)
    if older is None:
        return False
    old_key, found = older
    _install_reopened(found, source, old_key)
    _set_status(newer=key, shown=old_key, cleaning=_cleaning_key(), since=since)
    return True


def open_prepared(source: SourceConfig, key: str) -> bool:
    """Install the preparation of ``source`` under ``key`` (kept by this process, else read
    from the store) in this session, as a reopening.

    Parameters
    ----------
    source : SourceConfig
        The configured source.
    key : str
        The preparation's key.

    Returns
    -------
    bool
        ``False`` when there is no such preparation (nothing changed).
    """
    try:
        found = _reopen(source, key)
    except MoriError:  # an unreadable store: the caller opens the source as it is
        return False
    if found is None:
        return False
    _install_reopened(found, source, key)
    return True


def _report(source: SourceConfig, ds: Any) -> list[dict[str, Any]]:
    counts = ds.row_counts()
    return [
        {"table": t, "location": where, "rows": int(counts.get(t, 0))} for t, where in source.tables
    ]


def _install_reopened(found: Any, source: SourceConfig, key: str) -> None:
    """Install a stored preparation in this session, with the source box's status."""
    snap = found.snapshot
    st.session_state[state.K_PARTS] = []
    st.session_state[state.K_LOAD_ERRORS] = []
    state.set_dataset(snap.loaded, label=_kind_label(source.kind), source_key=key)
    state.memo_put(state.M_PREPARED, state.cleaning_settings(), snap.prepared)
    state.memo_put(state.M_ACTIVITY_TABLE, (), found.table)
    _set_status(
        report=_report(source, snap.loaded),
        reopened=found.saved_at,
        token=state.dataset_token(),
    )


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
    from abm.ui.warmup import server_progress

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
            from abm.ui.warmup import server_progress

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
