"""A data source configured by an administrator: opened, prepared, stored, reopened (AppTest).

The administrator's file (``MORI_CONFIG``) names a DuckDB database holding the
demo's exports with their own headers. A session with no data opens it; the
Data page says which source is in use and how many rows sit behind each
table; the pages read it as an upload; once cleaned it is stored, and the
next session reopens it with the same numbers and no cleaning. A broken
configuration is a translated message on the Data page and on the guards,
never a traceback.
"""

from __future__ import annotations

import json
import time

import duckdb
import pytest

from abm.i18n import t
from abm.ui import state
from abm.ui.shell import md
from tests.ui.conftest import new_app

_FILES = {
    "leads": "bownow_leads.csv",
    "activities": "activities.csv",
    "opportunities": "salesforce_opportunities.csv",
}


def _toml(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string or list is TOML too


#: One company in this many is kept (with its people, their activities and its deals): what
#: these tests check is how a source is opened, prepared, stored and reopened, and a quarter
#: of the demo (~900 leads, ~12k activities) is prepared in a quarter of the time — each test
#: prepares it at least once (it was the suite's slowest module).
_ONE_IN = 4


def _sub_world(frames: dict):
    """The demo's companies ``hash % _ONE_IN == 0``: their leads, the activities of those
    leads' e-mail addresses and the deals of those companies (a whole sub-world: every row
    kept links as it did)."""
    import zlib

    leads = frames["leads"]
    kept = leads["会社名"].map(lambda c: zlib.crc32(str(c).encode()) % _ONE_IN == 0)
    leads = leads[kept.to_numpy(dtype=bool)]
    emails = set(leads["メールアドレス"].dropna())
    acts = frames["activities"]
    opps = frames["opportunities"]
    return {
        "leads": leads,
        "activities": acts[acts["メールアドレス"].isin(emails).to_numpy(dtype=bool)],
        "opportunities": opps[opps["取引先名"].isin(set(leads["会社名"])).to_numpy(dtype=bool)],
    }


@pytest.fixture(scope="module")
def crm(tmp_path_factory):
    """A quarter of the demo's exports in a DuckDB file (:func:`_sub_world`), and their
    mappings (mapped columns only)."""
    from abm.demo import demo_files
    from abm.ingest import read_table, suggest_mapping

    folder = tmp_path_factory.mktemp("crm")
    db = folder / "crm.duckdb"
    files = dict(demo_files())
    con = duckdb.connect(str(db))
    mappings, rows = {}, {}
    raws = {table: read_table(files[name], name) for table, name in _FILES.items()}
    frames = _sub_world({table: raw.frame for table, raw in raws.items()})
    for table, raw in raws.items():
        con.register("incoming", frames[table].reset_index(drop=True))
        con.execute(f"CREATE TABLE crm_{table} AS SELECT * FROM incoming")
        con.unregister("incoming")
        mapping = suggest_mapping(raw, table=table)
        mappings[table] = (mapping.vendor, [[r, c] for r, c in mapping.columns if c])
        rows[table] = len(frames[table])
    con.close()
    return db, mappings, rows


def _admin_file(tmp_path, db, mappings, *, store=True, ahead=True) -> str:
    lines = ["[engine]", 'memory_limit = "2GB"', "", "[source]", 'kind = "duckdb"',
             f"path = {_toml(str(db))}"]  # fmt: skip
    if store:
        lines.append(f"store = {_toml(str(tmp_path / 'prepared.duckdb'))}")
    if not ahead:
        lines.append("prepare_ahead = false")
    lines += ["", "[source.tables]"] + [f'{t} = "crm_{t}"' for t in mappings]
    for table, (vendor, columns) in mappings.items():
        lines += ["", "[[source.mappings]]", f'table = "{table}"', f'vendor = "{vendor}"',
                  f"columns = {_toml(columns)}"]  # fmt: skip
    path = tmp_path / "mori.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def _server_at_rest_after():
    """After each test, the preparations it asked the server for (a session's request,
    :func:`abm.ui.warmup.prepare_soon`, or a refresh) and the stores they started have
    ended: none runs on into the next test, holding the refresh's lock there."""
    import threading

    from abm.ui import storing

    yield
    for thread in threading.enumerate():
        if thread.name == "mori-prepare-soon":
            thread.join(240)
            assert not thread.is_alive(), "a preparation asked for by a session never ended"
    assert storing.wait_all(240)


def _page(at, page):
    at.switch_page(page)
    return at.run()


def _stored(at):
    """Wait for the background store the cleaning started, then open the Data page: its
    source box says the prepared data is stored (and no store error)."""
    from abm.ui import storing

    assert storing.wait_all(240)
    at = _page(at, "pages/1_Data.py")
    assert not at.exception and not at.error
    assert any(c.value == t("engine.ui.stored", "ja") for c in at.caption)
    assert at.session_state[state.K_SOURCE].get("stored") is True
    return at


def _linked_activities(at) -> str:
    label = t("scoring.linked_activities", "ja")
    return next(m.value for m in at.metric if m.label == label)


def test_a_configured_source_opens_is_stored_and_reopens(tmp_path, monkeypatch, crm):
    db, mappings, rows = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    at = new_app()
    at.run()
    assert not at.exception
    status = at.session_state[state.K_SOURCE]
    assert [(r["table"], r["rows"]) for r in status["report"]] == list(rows.items())
    at = _page(at, "pages/1_Data.py")
    assert not at.exception
    box = " ".join(m.value for m in at.markdown)
    assert md(t("engine.source.kind.duckdb", "ja")) in box and md("mori.toml") in box
    shown = at.table[0].value
    assert shown.iloc[:, -1].tolist() == [f"{n:,}" for n in rows.values()]  # rows per table
    at = _page(at, "pages/3_Funnel.py")  # cleans the source; a thread stores it
    assert not at.exception
    assert at.session_state[state.K_SOURCE].get("watch")  # the page did not wait for it
    at = _stored(at)
    at = _page(at, "pages/5_Scoring.py")
    assert not at.exception
    first = _linked_activities(at)

    again = new_app()  # another session: reopened from the store, nothing cleaned
    again.run()
    assert not again.exception
    assert again.session_state[state.K_SOURCE].get("reopened") is not None
    assert not again.session_state[state.K_PARTS]
    again = _page(again, "pages/5_Scoring.py")
    assert not again.exception
    assert _linked_activities(again) == first
    again = _page(again, "pages/1_Data.py")
    assert not again.exception
    said = t("engine.ui.reopened", "ja", when="").strip()
    assert any(said in c.value for c in again.caption)
    reopened = again.table[0].value  # the same rows behind each table as when it was read
    assert reopened.iloc[:, -1].tolist() == [f"{n:,}" for n in rows.values()]


def test_the_pages_do_not_wait_for_the_store(tmp_path, monkeypatch, crm):
    """The store is written by a background thread: the funnel page is drawn while it is
    still being written, the Data page says so, and says it is stored once it is."""
    import threading

    import abm.engine.prepared as prepared

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    release, real_save = threading.Event(), prepared.save_prepared

    def slow_save(*args, **kwargs):
        assert release.wait(240)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(prepared, "save_prepared", slow_save)
    try:
        at = new_app().run()
        at = _page(at, "pages/3_Funnel.py")
        assert not at.exception and at.metric  # drawn, the store still waiting
        at = _page(at, "pages/1_Data.py")
        assert any(c.value == t("engine.ui.storing", "ja") for c in at.caption)
        assert not any(c.value == t("engine.ui.stored", "ja") for c in at.caption)
        # another session meanwhile reopens the kept frames, and is told they are being stored;
        # it stores nothing itself (a setting changed there must not start a store)
        other = _page(new_app().run(), "pages/1_Data.py")
        assert other.session_state[state.K_SOURCE].get("reopened") is not None
        assert "store" not in other.session_state[state.K_SOURCE]
        assert any(c.value == t("engine.ui.storing", "ja") for c in other.caption)
    finally:
        release.set()
    _stored(at)


def test_a_store_that_fails_in_the_background_is_a_message_not_a_traceback(
    tmp_path, monkeypatch, crm
):
    import abm.engine.prepared as prepared
    from abm.ui import storing

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))

    def broken(*_args, **_kwargs):
        raise RuntimeError("株式会社カナリア taro@canary.example")  # a cell value in the text

    monkeypatch.setattr(prepared, "save_prepared", broken)
    at = _page(new_app().run(), "pages/3_Funnel.py")
    assert not at.exception
    assert storing.wait_all(240)
    at = _page(at, "pages/1_Data.py")
    assert not at.exception
    said = [e.value for e in at.error]
    assert said == [md(t("engine.store.err.failed", "ja", file="prepared.duckdb"))], said
    assert "カナリア" not in " ".join(c.value for c in [*at.caption, *at.markdown, *at.error])


def test_a_configured_source_cleaned_in_a_worker_gives_the_inline_numbers(
    tmp_path, monkeypatch, crm
):
    # The worker runs the cleaning only: not the page that started it, which would
    # open the source again and start a worker of its own (#17; tests/ui/test_jobs.py).
    db, mappings, _ = crm
    shown = []
    for where, min_rows in (("inline", "1000000"), ("worker", "0")):
        (tmp_path / where).mkdir()
        monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path / where, db, mappings))
        monkeypatch.setenv("MORI_WORKER_MIN_ROWS", min_rows)
        at = new_app()
        at.run()
        at = _page(at, "pages/3_Funnel.py")
        assert not at.exception
        jobs = at.session_state.get(state.K_JOBS)
        assert jobs == ({} if where == "worker" else None)  # a worker ran, and was collected
        shown.append((at.sidebar.caption[0].value, [(m.label, m.value) for m in at.metric]))
        _stored(at)
    assert shown[1] == shown[0]
    assert t("shell.analysed", "ja", kept=0, accounts=0) not in shown[0][0]


def test_a_source_that_cannot_be_opened_says_why(tmp_path, monkeypatch, crm):
    _, mappings, _ = crm
    missing = tmp_path / "gone.duckdb"
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, missing, mappings, store=False))
    at = new_app()
    at.run()
    at = _page(at, "pages/3_Funnel.py")
    assert not at.exception
    want = t("engine.source.err.path_missing", "ja", path="gone.duckdb")
    assert any(md("gone.duckdb") in e.value for e in at.error), want
    assert any(i.value == t("guard.no_data", "ja") for i in at.info)
    at = _page(at, "pages/1_Data.py")
    assert not at.exception
    assert any(md("gone.duckdb") in e.value for e in at.error)


def test_a_broken_administrator_file_is_a_message(tmp_path, monkeypatch):
    bad = tmp_path / "mori.toml"
    bad.write_text("[source\nkind = ", encoding="utf-8")
    monkeypatch.setenv("MORI_CONFIG", str(bad))
    at = new_app()
    at.run()
    at = _page(at, "pages/1_Data.py")
    assert not at.exception
    assert any(md("mori.toml") in e.value for e in at.error)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('[engine]\nmemory_limit = "lots"\n', encoding="utf-8")
    monkeypatch.setenv("MORI_CONFIG", str(unknown))
    at = _page(new_app(), "pages/1_Data.py")
    assert not at.exception
    assert any(md("memory_limit") in e.value for e in at.error)


def test_sessions_reopening_the_source_share_one_copy_and_its_analyses(tmp_path, monkeypatch, crm):
    """A stored preparation is read once per server process: the sessions that open the
    same source with the same settings install the same read-only frames (one copy in
    memory) and share the analyses of them; a session with its own settings does not."""
    import abm.engine.prepared as prepared
    import abm.funnel as fn
    from abm.settings import Workspace
    from abm.ui import sources

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    monkeypatch.setattr(state, "_shared_memo", {})
    reads, reaches = [], []
    real_load, real_reach = prepared.load_prepared, fn.compute_reach
    monkeypatch.setattr(prepared, "load_prepared", lambda *a: reads.append(1) or real_load(*a))
    monkeypatch.setattr(
        fn, "compute_reach", lambda *a, **k: reaches.append(1) or real_reach(*a, **k)
    )

    first = _page(new_app().run(), "pages/3_Funnel.py")  # read, cleaned; stored by a thread
    _stored(first)
    reads.clear()  # it looked in the store first, and found nothing
    second = _page(new_app().run(), "pages/3_Funnel.py")  # what the first one stored
    assert not second.exception and second.session_state[state.K_SOURCE].get("reopened")
    assert second.session_state[state.K_DATASET] is first.session_state[state.K_DATASET]
    assert reads == []  # the store was not read: this process kept what it stored

    sources.forget_reopened()  # a restarted server: the store is read once more
    reaches.clear()
    third = _page(new_app().run(), "pages/3_Funnel.py")
    assert reads == [1] and len(reaches) == 1
    assert third.session_state[state.K_TOKEN].startswith(state.SOURCE)
    fourth = _page(new_app().run(), "pages/3_Funnel.py")
    assert reads == [1] and len(reaches) == 1  # the same frames, the funnel's reach shared
    assert [m.value for m in fourth.metric] == [m.value for m in third.metric]
    assert fourth.session_state[state.K_DATASET] is third.session_state[state.K_DATASET]

    other = new_app()  # its own exclusion rules: another preparation, computed for itself
    other.session_state[state.K_WORKSPACE] = Workspace().with_section(
        "exclusion_rules", {"competitor_names": ["競合株式会社"]}
    )
    other = _page(other.run(), "pages/3_Funnel.py")
    assert not other.exception
    assert other.session_state[state.K_DATASET] is not third.session_state[state.K_DATASET]
    assert len(reaches) == 2


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """Counts the stored preparations read (:func:`abm.engine.prepared.load_prepared`)."""
    import abm.engine.prepared as prepared

    calls: list[int] = []
    real = prepared.load_prepared
    monkeypatch.setattr(prepared, "load_prepared", lambda *a: calls.append(1) or real(*a))
    return calls


def _other_rules(at):
    from abm.settings import Workspace

    at.session_state[state.K_WORKSPACE] = Workspace().with_section(
        "exclusion_rules", {"competitor_names": ["競合株式会社"]}
    )
    return at


def test_a_server_warmed_up_before_its_first_session_reads_the_store_once(
    tmp_path, monkeypatch, crm, reads
):
    """``python -m abm.ui.launch`` reads the last stored preparation before any session
    (:func:`abm.ui.warmup.warm_up`): the first session after a restart installs it
    without reading the store again; a session with other settings still prepares its own."""
    from abm.ui import sources, warmup

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    monkeypatch.setattr(state, "_shared_memo", {})
    first = _page(new_app().run(), "pages/3_Funnel.py")  # read, cleaned; stored by a thread
    shown = [m.value for m in first.metric]
    assert shown
    _stored(first)

    sources.forget_reopened()  # a restarted server
    reads.clear()
    assert warmup.warm_up() is True
    assert reads == [1]
    assert warmup.warm_up() is True and reads == [1]  # kept already: not read again
    warm = _page(new_app().run(), "pages/3_Funnel.py")
    assert not warm.exception and warm.session_state[state.K_SOURCE].get("reopened")
    assert reads == [1]  # the warm-up's frames, not a second read
    assert [m.value for m in warm.metric] == shown

    other = _page(_other_rules(new_app()).run(), "pages/3_Funnel.py")  # not the stored one
    assert not other.exception
    assert other.session_state[state.K_SOURCE].get("reopened") is None
    assert other.session_state[state.K_DATASET] is not warm.session_state[state.K_DATASET]


def test_the_warm_up_reads_the_newest_preparation_only_while_it_is_current(
    tmp_path, monkeypatch, crm, reads
):
    """The newest stored preparation is read with the settings that made it (here another
    session's exclusion rules); once the source's data change, none is read."""
    import os

    from abm.ui import sources, warmup

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    monkeypatch.setattr(state, "_shared_memo", {})
    _stored(_page(new_app().run(), "pages/3_Funnel.py"))  # the default settings' preparation
    own = _stored(_page(_other_rules(new_app()).run(), "pages/3_Funnel.py"))  # stored last

    sources.forget_reopened()
    reads.clear()
    assert warmup.warm_up() is True and reads == [1]
    again = _page(_other_rules(new_app()).run(), "pages/3_Funnel.py")
    assert again.session_state[state.K_SOURCE].get("reopened") and reads == [1]
    assert again.session_state[state.K_DATASET] is not own.session_state[state.K_DATASET]
    plain = _page(new_app().run(), "pages/3_Funnel.py")  # its own, from the store
    assert plain.session_state[state.K_SOURCE].get("reopened") and reads == [1, 1]

    sources.forget_reopened()
    reads.clear()
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings, ahead=False))
    stat = os.stat(db)
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the source changed
    try:
        assert warmup.warm_up() is False
        assert reads == []  # stale: nothing read, nothing kept
    finally:
        os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_session_waits_for_a_warm_up_under_way_instead_of_reading_again(
    tmp_path, monkeypatch, crm
):
    import threading

    import abm.engine.prepared as prepared
    from abm.ui import sources, warmup

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    monkeypatch.setattr(state, "_shared_memo", {})
    _stored(_page(new_app().run(), "pages/3_Funnel.py"))
    sources.forget_reopened()
    calls, go = [], threading.Event()
    real = prepared.load_prepared

    def slow(*a):
        calls.append(threading.current_thread().name)
        go.wait(60)
        return real(*a)

    monkeypatch.setattr(prepared, "load_prepared", slow)
    waiting, real_wait = threading.Event(), warmup._wait_for_warm_up

    def session_waits(key) -> None:
        waiting.set()
        real_wait(key)

    monkeypatch.setattr(warmup, "_wait_for_warm_up", session_waits)
    warmup.expect_warm_up()  # as the launcher does before it starts the thread
    warming = threading.Thread(target=warmup.warm_up, name="warm")
    warming.start()

    def release() -> None:  # the read goes on until the session below waits for it
        waiting.wait(20)
        go.set()

    threading.Thread(target=release).start()
    at = _page(new_app().run(), "pages/3_Funnel.py")
    warming.join(60)
    assert not at.exception and at.session_state[state.K_SOURCE].get("reopened")
    assert calls == ["warm"]  # one read, the warm-up's


def test_a_warm_up_without_a_usable_store_does_nothing(tmp_path, monkeypatch, crm, reads):
    from abm.ui import sources, warmup

    sources.forget_reopened()
    monkeypatch.setenv("MORI_CONFIG", str(tmp_path / "absent.toml"))
    assert warmup.warm_up() is False  # a missing file is the session's to report
    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings, ahead=False))
    assert warmup.warm_up() is False  # nothing stored yet, and not to be prepared ahead
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    (tmp_path / "prepared.duckdb").write_bytes(b"not a database")
    assert warmup.warm_up() is False  # damaged: the session says so, translated
    assert reads == []
    at = _page(new_app().run(), "pages/1_Data.py")
    assert not at.exception
    assert at.error  # the store's own message, on the Data page


def test_a_run_stopped_while_the_source_opens_opens_it_on_the_next_run(tmp_path, monkeypatch, crm):
    """A click while the session waits for the warm-up stops that run (Streamlit's stop
    check): the next run opens the source instead of showing no data for good."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    from abm.ui import sources

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    calls: list[int] = []
    real = sources.open_configured

    def interrupted(**kw):
        calls.append(1)
        if len(calls) == 1:
            raise StopException()
        return real(**kw)

    monkeypatch.setattr(sources, "open_configured", interrupted)
    at = new_app().run()
    assert calls == [1] and state.K_DATASET not in at.session_state
    at.run()
    assert calls == [1, 1]
    assert not at.exception and at.session_state[state.K_DATASET] is not None


def _jobs(at) -> dict:
    return dict(at.session_state[state.K_JOBS]) if state.K_JOBS in at.session_state else {}


def test_a_server_prepares_its_source_ahead_and_the_first_session_reopens_it(
    tmp_path, monkeypatch, crm
):
    """With nothing stored, the warm-up prepares the source in a worker
    (:func:`abm.engine.ahead.prepare_source`) under the key a session computes: the first
    session reopens it (no cleaning of its own) and shows the numbers a session that
    prepares the source itself shows; the preparation is stored for the next restart."""
    from abm.engine.prepared import newest
    from abm.ui import sources, storing, warmup

    db, mappings, _ = crm
    monkeypatch.setattr(state, "_shared_memo", {})
    sources.forget_reopened()
    (tmp_path / "own").mkdir()
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path / "own", db, mappings, ahead=False))
    assert warmup.warm_up() is False  # prepare_ahead = false: the first session prepares
    own = _page(_page(new_app().run(), "pages/3_Funnel.py"), "pages/5_Scoring.py")
    assert not own.exception and own.session_state[state.K_SOURCE].get("reopened") is None
    prepared_by_session = ([m.value for m in own.metric], _linked_activities(own))
    assert storing.wait_all(240)

    sources.forget_reopened()
    monkeypatch.setattr(state, "_shared_memo", {})
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    assert warmup.warm_up() is True
    at = _page(new_app().run(), "pages/5_Scoring.py")
    assert not at.exception and at.session_state[state.K_SOURCE].get("reopened")
    assert "clean" not in _jobs(at)  # nothing cleaned in the session
    assert ([m.value for m in at.metric], _linked_activities(at)) == prepared_by_session
    assert storing.wait_all(240)
    assert newest(tmp_path / "prepared.duckdb") is not None
    sources.forget_reopened()  # a restart reads what the warm-up stored
    assert warmup.warm_up() is True
    again = _page(new_app().run(), "pages/3_Funnel.py")
    assert again.session_state[state.K_SOURCE].get("reopened") and "clean" not in _jobs(again)


def test_a_session_arriving_while_the_source_is_prepared_ahead_waits_with_its_progress(
    tmp_path, monkeypatch, crm
):
    """A session that opens the source while the server prepares it does not block: the
    pages show the server's progress (the sidebar on every page, the Data page and the
    analysis pages in the page itself; never "no data"), the demo a ``make run`` session
    asks for is not loaded over it, and once that preparation is done the next run
    reopens it: the source is cleaned once."""
    import sys
    import threading

    from abm.ui import jobs, sources, warmup

    db, mappings, _ = crm
    monkeypatch.setattr(state, "_shared_memo", {})
    monkeypatch.setattr(sys, "argv", [*sys.argv, "--demo"])  # as `make run` starts the app
    sources.forget_reopened()
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    drawn, go = [], threading.Event()
    real_label, real_keep = jobs.label, sources._keep_and_store

    def label(job, tr):
        drawn.append(job.name)
        return real_label(job, tr)

    def keep_when_told(*args) -> None:  # the preparation ends when the test says so
        go.wait(300)  # (bounded: a session preparing in its own run would wait for ever)
        real_keep(*args)

    monkeypatch.setattr(jobs, "label", label)
    monkeypatch.setattr(sources, "_keep_and_store", keep_when_told)
    warmup.expect_warm_up()  # as the launcher does before it starts the thread
    warming = threading.Thread(target=warmup.warm_up, name="warm")
    warming.start()
    ahead, none = f"**{t('engine.ui.ahead', 'ja')}**", t("guard.no_data", "ja")
    try:
        at = new_app().run()
        assert not at.exception and state.K_DATASET not in at.session_state  # no demo
        for page in ("pages/3_Funnel.py", "pages/1_Data.py", "pages/5_Scoring.py"):
            drawn.clear()
            at = _page(at, page)
            assert not at.exception and state.K_DATASET not in at.session_state, page
            assert any(m.value == ahead for m in at.markdown), page  # in the page
            assert drawn.count("ahead") >= 2, page  # its bar and the sidebar's line
            assert not any(none in m.value for m in at.info), page
    finally:
        go.set()
        warming.join(120)
    assert not warming.is_alive()
    at = _page(at, "pages/3_Funnel.py")
    assert not at.exception and at.session_state[state.K_SOURCE].get("reopened")
    assert "clean" not in _jobs(at)
    assert at.metric  # the funnel's figures
    assert not at.session_state[state.K_SOURCE].get("preparing")


def _warmed_copy(tmp_path, monkeypatch, crm) -> tuple:
    """A copy of the source the administrator's file names, prepared ahead and stored by a
    warm-up; ``(its path, the source's row counts)``."""
    import shutil

    from abm.ui import sources, storing, warmup

    db, mappings, rows = crm
    mine = tmp_path / "crm.duckdb"
    shutil.copy(db, mine)
    monkeypatch.setattr(state, "_shared_memo", {})
    monkeypatch.setattr(warmup, "_soon", {})  # no preparation asked for by another test
    monkeypatch.setattr(warmup, "_outcome", {})
    sources.forget_reopened()
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, mine, mappings))
    assert warmup.warm_up() is True
    # kept at once, stored by a thread: a session looks for the data as last prepared in
    # the store, so the test goes on once it is written (it was not, on a busy machine)
    assert storing.wait_all(240)
    return mine, rows


def _new_leads(db, n: int) -> None:
    """New rows arrive in the company's database: its stored preparation is not current."""
    import duckdb

    con = duckdb.connect(str(db))
    con.execute(f"INSERT INTO crm_leads SELECT * FROM crm_leads LIMIT {int(n)}")
    con.close()


def test_a_changed_source_is_prepared_ahead_again_by_the_refresh(tmp_path, monkeypatch, crm):
    """``refresh_minutes``: the server looks whether the source changed and prepares the
    new data ahead with the settings it was last prepared with; unchanged, nothing runs."""
    from abm.ui import warmup

    mine, rows = _warmed_copy(tmp_path, monkeypatch, crm)
    assert warmup.refresh() is False  # unchanged: nothing to prepare
    before = _page(new_app().run(), "pages/1_Data.py").session_state[state.K_SOURCE]["report"]
    _new_leads(mine, 7)
    assert warmup.refresh() is True
    at = _page(new_app().run(), "pages/1_Data.py")
    assert not at.exception and at.session_state[state.K_SOURCE].get("reopened")
    assert "clean" not in _jobs(at)
    after = at.session_state[state.K_SOURCE]["report"]
    assert after[0]["rows"] == before[0]["rows"] + 7 == rows["leads"] + 7
    assert warmup.refresh() is False


@pytest.mark.parametrize("who", ["launcher", "session"])
def test_a_session_on_a_changed_source_sees_the_data_as_last_prepared_at_once(
    tmp_path, monkeypatch, crm, who
):
    """A session that opens a source changed since its last preparation does not wait for
    the new one: it opens the preparation stored last (same settings) while the server
    prepares the new data — started by the launcher's refresh, or by this session when it
    came before the server looked (``who``) — and its sidebar says how far that is; once
    ready, a button opens it (the page never switches by itself)."""
    import threading

    from abm.ui import sources, storing, warmup

    mine, rows = _warmed_copy(tmp_path, monkeypatch, crm)
    _new_leads(mine, 5)
    go = threading.Event()
    real_keep = sources._keep_and_store

    def keep_when_told(*args) -> None:  # the preparation ends when the test says so
        go.wait(300)  # (bounded: a session preparing in its own run would wait for ever)
        real_keep(*args)

    monkeypatch.setattr(sources, "_keep_and_store", keep_when_told)
    refreshing = threading.Thread(target=warmup.refresh, name="refresh")
    if who == "launcher":
        refreshing.start()
        for _ in range(600):  # the worker has started: the server prepares the new key
            if warmup._ahead.get("job") is not None:
                break
            threading.Event().wait(0.1)
        else:
            pytest.fail("the refresh never started its worker")
    newer = t("engine.ui.newer_short", "ja", percent=0).split("（")[0]
    try:
        at = _page(new_app().run(), "pages/3_Funnel.py")
        assert not at.exception and at.metric  # the funnel, drawn from the older data
        status = at.session_state[state.K_SOURCE]
        assert status.get("reopened") and status.get("newer") and not status.get("preparing")
        assert status["report"][0]["rows"] == rows["leads"]
        assert "clean" not in _jobs(at)  # nothing cleaned in the session
        assert any(c.value.startswith(newer) for c in at.sidebar.caption)
        assert not any(b.label == t("engine.ui.newer_open", "ja") for b in at.sidebar.button)
        if who == "session":  # the session asked the server to prepare the new data
            refreshing = warmup._soon["thread"]
    finally:
        go.set()
        if refreshing.is_alive() or who == "launcher":
            refreshing.join(120)
    assert not refreshing.is_alive()
    assert storing.wait_all(240)
    # another session (other settings) replaces the one preparation this process keeps:
    # the offer stays, the newer data is read from the store
    sources._keep(sources.admin().source.store, "another key", object())
    at = at.run()
    assert at.session_state[state.K_SOURCE]["report"][0]["rows"] == rows["leads"]  # kept
    assert any(c.value == t("engine.ui.newer_ready", "ja") for c in at.sidebar.caption)
    button = next(b for b in at.sidebar.button if b.label == t("engine.ui.newer_open", "ja"))
    _new_leads(mine, 3)  # the source moves on again: the button opens what was offered
    at = button.click().run()
    assert not at.exception
    status = at.session_state[state.K_SOURCE]
    assert status["report"][0]["rows"] == rows["leads"] + 5 and not status.get("newer")
    assert "clean" not in _jobs(at) and at.metric
    assert not any(b.label == t("engine.ui.newer_open", "ja") for b in at.sidebar.button)


def test_a_newer_preparation_that_fails_leaves_the_older_data_with_a_word(
    tmp_path, monkeypatch, crm
):
    """The server's preparation of the newer data fails: the session keeps the data as
    last prepared, the offer goes and the sidebar says the newer data could not be made."""
    from abm.ui import jobs, warmup
    from tests.support.crm_source import out_of_memory

    mine, rows = _warmed_copy(tmp_path, monkeypatch, crm)
    _new_leads(mine, 5)
    real_start = jobs.start

    def start(name, key, fn, *args, **kwargs):  # the server's worker runs out of memory
        return real_start(name, key, out_of_memory if name == "ahead" else fn, *args, **kwargs)

    monkeypatch.setattr(jobs, "start", start)
    monkeypatch.setattr(warmup, "_failed", {})
    at = _page(new_app().run(), "pages/3_Funnel.py")
    assert not at.exception and at.metric
    assert at.session_state[state.K_SOURCE].get("newer")
    thread = warmup._soon["thread"]
    thread.join(120)
    assert not thread.is_alive()
    at = at.run()
    status = at.session_state[state.K_SOURCE]
    assert not status.get("newer") and status.get("newer_failed")
    assert status["report"][0]["rows"] == rows["leads"]
    assert any(c.value == t("engine.ui.newer_failed", "ja") for c in at.sidebar.caption)
    assert not any(b.label == t("engine.ui.newer_open", "ja") for b in at.sidebar.button)


def test_a_refresh_that_cannot_read_the_source_is_said_not_waited_for(tmp_path, monkeypatch, crm):
    """The server's refresh fails before it knows anything (the source cannot be read):
    a session shown the data as last prepared is told, not left waiting for newer data."""
    import threading

    from abm.ui import warmup

    mine, rows = _warmed_copy(tmp_path, monkeypatch, crm)
    _new_leads(mine, 5)
    real_current = warmup._current

    def unreadable(cfg, source):
        if threading.current_thread().name == "mori-prepare-soon":  # the server's refresh
            raise OSError("the source's file is gone")
        return real_current(cfg, source)

    monkeypatch.setattr(warmup, "_current", unreadable)
    # an earlier test's refresh still running (a busy machine) would make this session's
    # request wait its turn: start from a server at rest, no request made yet
    monkeypatch.setattr(warmup, "_soon", {})
    deadline = time.monotonic() + 120
    while warmup._refreshing() and time.monotonic() < deadline:
        time.sleep(0.2)
    at = _page(new_app().run(), "pages/3_Funnel.py")
    assert not at.exception and at.metric  # the data as last prepared
    warmup._soon["thread"].join(60)  # the refresh this session asked for, failed at once
    at = at.run()
    status = at.session_state[state.K_SOURCE]
    assert status.get("reopened") and status.get("shown")
    assert not status.get("newer") and status.get("newer_failed")
    assert status["report"][0]["rows"] == rows["leads"]
    assert any(c.value == t("engine.ui.newer_failed", "ja") for c in at.sidebar.caption)


def test_the_offer_of_newer_data_goes_when_the_server_no_longer_prepares_ahead(
    tmp_path, monkeypatch, crm
):
    """An administrator turns ``prepare_ahead`` off while a session is shown the data as
    last prepared: nothing will come, so nothing is offered and nothing said to come."""
    import threading

    from abm.ui import sources, warmup

    mine, rows = _warmed_copy(tmp_path, monkeypatch, crm)
    _new_leads(mine, 5)
    go = threading.Event()
    real_keep = sources._keep_and_store

    def keep_when_told(*args) -> None:
        go.wait()
        real_keep(*args)

    monkeypatch.setattr(sources, "_keep_and_store", keep_when_told)
    try:
        at = _page(new_app().run(), "pages/3_Funnel.py")
        assert at.session_state[state.K_SOURCE].get("newer")
    finally:
        go.set()
        warmup._soon["thread"].join(120)
    _, mappings, _ = crm
    _admin_file(tmp_path, mine, mappings, ahead=False)  # the same file, rewritten
    at = at.run()
    assert not at.exception
    status = at.session_state[state.K_SOURCE]
    assert not status.get("newer") and not status.get("newer_failed")
    assert status["report"][0]["rows"] == rows["leads"]  # the data shown stays
    assert not any(b.label == t("engine.ui.newer_open", "ja") for b in at.sidebar.button)
    newer = t("engine.ui.newer_short", "ja", percent=0).split("（")[0]
    assert not any(c.value.startswith(newer) for c in at.sidebar.caption)


def test_a_changed_source_whose_preparation_failed_lately_is_prepared_in_the_session(
    tmp_path, monkeypatch, crm
):
    """When the server's preparation of the changed source failed not long ago, a session
    does not show the older data with nothing to come: it prepares the source itself."""
    from abm.ui import sources, warmup

    mine, rows = _warmed_copy(tmp_path, monkeypatch, crm)
    _new_leads(mine, 5)
    key = warmup._current(sources.admin(), sources.admin().source)[0]
    monkeypatch.setitem(warmup._failed, key, ("engine.err.memory", time.monotonic()))
    at = _page(new_app().run(), "pages/1_Data.py")
    assert not at.exception
    status = at.session_state[state.K_SOURCE]
    assert not status.get("newer") and not status.get("reopened")
    assert status["report"][0]["rows"] == rows["leads"] + 5


def test_a_session_with_other_settings_does_not_wait_for_the_servers_preparation(monkeypatch):
    """The warm-up prepares (or reads) one key; a session whose settings give another
    computes its own at once instead of waiting minutes for a preparation it cannot use,
    while a session with that key waits until the warm-up is done."""
    import threading

    from abm.ui import warmup

    under_way = threading.Event()
    monkeypatch.setattr(warmup, "_ahead", {"key": "p-server"})
    monkeypatch.setattr(warmup, "_warmed", under_way)
    monkeypatch.setattr(warmup, "WARM_UP_WAIT_S", 3600.0)
    other = threading.Thread(target=warmup._wait_for_warm_up, args=("p-mine",))
    same = threading.Thread(target=warmup._wait_for_warm_up, args=("p-server",))
    other.start(), same.start()
    other.join(60)
    assert not other.is_alive()  # returned with the warm-up still under way
    same.join(0.5)
    assert same.is_alive()  # it waits: the warm-up makes its key ready
    under_way.set()
    same.join(60)
    assert not same.is_alive()


def test_a_preparation_ahead_that_fails_is_logged_without_values_and_not_retried(
    tmp_path, monkeypatch, crm, caplog
):
    """The worker preparing the source ahead fails (the engine out of memory): the warm-up
    logs the message key only, the refresh does not start the same failing preparation
    again, and a session opening the source prepares it itself instead of waiting."""
    from abm.ui import jobs, sources, warmup
    from tests.support.crm_source import out_of_memory

    db, mappings, _ = crm
    monkeypatch.setenv("MORI_CONFIG", _admin_file(tmp_path, db, mappings))
    monkeypatch.setattr(state, "_shared_memo", {})
    sources.forget_reopened()
    started, real_start = [], jobs.start

    def start(name, key, fn, *args, **kwargs):  # the real worker, running a failing step
        started.append(name)
        return real_start(name, key, out_of_memory if name == "ahead" else fn, *args, **kwargs)

    monkeypatch.setattr(jobs, "start", start)
    assert warmup.warm_up() is False
    assert started == ["ahead"]
    assert "engine.err.memory" in caplog.text and "カナリア" not in caplog.text
    assert warmup.refresh() is False and started == ["ahead"]  # the same key: not again
    at = _page(new_app().run(), "pages/3_Funnel.py")
    assert not at.exception and at.metric  # prepared by the session itself
    assert at.session_state[state.K_SOURCE].get("reopened") is None
