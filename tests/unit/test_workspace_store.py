"""Persistent workspaces (#18): snapshots reopen exactly, settings and audit are kept, a
deleted workspace leaves no row and no byte in the store file, bad files load nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from abm.engine import store as engine
from abm.engine.table import build_activity_table
from abm.errors import MoriError
from abm.history import Side, compare
from abm.ingest import read_uploads
from abm.pipeline import prepare
from abm.settings import Workspace
from abm.workspace import OWNER, VIEWER, DuckDBMembers
from abm.workspace.snapshot import Snapshot
from abm.workspace.store import WorkspaceStore
from tests.support.months import monthly_exports

AT = pd.Timestamp("2026-06-01 09:00", tz="Asia/Tokyo")
ALICE = "alice@example.co.jp"
DAYS = ("2026-04-30", "2026-05-31")


@pytest.fixture(scope="module")
def loads() -> dict[str, Snapshot]:
    """Two monthly exports of the same people, read and cleaned as the app does."""
    out = {}
    for day, files in monthly_exports(DAYS, n_people=150).items():
        read = read_uploads(files)
        assert not read.refused
        out[day] = Snapshot(
            loaded=read.dataset,
            prepared=prepare(read.dataset),
            parts=tuple(read.parts),
            settings=Workspace().with_section("phases", {"won": ["受注"]}),
            label=f"export {day}",
            as_of=read.dataset.as_of_default().date,
        )
    return out


def _store(tmp_path: Path) -> WorkspaceStore:
    return WorkspaceStore(tmp_path / "home" / "mori-store.duckdb")


def _frames_equal(a, b) -> None:
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(b.tables()[name], frame, check_exact=True)


def test_workspaces_are_created_listed_and_renamed(tmp_path):
    s = _store(tmp_path)
    assert s.list() == [] and not s.file.exists()  # reading creates nothing
    s.create("wb", "Beta 商事", by="local", at=AT)
    s.create("wa", "  Alpha   商事 ", by="local", at=AT)
    assert [(w.workspace_id, w.name) for w in s.list()] == [
        ("wa", "Alpha 商事"),
        ("wb", "Beta 商事"),
    ]
    s.rename("wa", "アルファ", by="local", at=AT)
    assert s.get("wa").name == "アルファ" and s.get("nope") is None
    for bad_id, name, key in (("a b", "x", "workspace.err.id"), ("wa", "x", "workspace.err.exists"),
                              ("wc", "   ", "workspace.err.name"),
                              ("wd", "x" * 101, "workspace.err.name")):  # fmt: skip
        with pytest.raises(MoriError) as err:
            s.create(bad_id, name, by="local", at=AT)
        assert err.value.key == key
    assert [a for a in s.audit("wa")["action"]] == ["workspace.renamed", "workspace.created"]


def test_settings_are_saved_with_each_change_and_audited_by_section(tmp_path):
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    assert s.settings("w") == Workspace()
    first = Workspace().with_section("stage_map", {"strict": False})
    assert s.save_settings("w", first, by="local", at=AT) == ("stage_map",)
    assert s.save_settings("w", first, by="local", at=AT) == ()  # nothing changed: no audit row
    both = first.with_section("review_decisions", {"decisions": []})
    assert s.save_settings("w", both, by=ALICE, at=AT) == ("review_decisions",)
    assert s.settings("w") == both
    audit = s.audit("w")
    assert audit["action"].tolist().count("settings.changed") == 2
    assert audit.iloc[0]["detail"] == {"sections": ["review_decisions"]}
    assert audit.iloc[0]["who"] == ALICE
    with pytest.raises(MoriError) as err:
        s.save_settings("gone", both, by="local", at=AT)
    assert err.value.key == "workspace.err.missing"


def test_a_snapshot_reopens_exactly(tmp_path, loads):
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    snap = loads[DAYS[0]]
    info = s.save_snapshot("w", "s1", snap, by="local", at=AT)
    assert info.files == tuple((src.file, src.table, src.rows) for src in snap.loaded.sources)
    assert info.as_of == snap.as_of and info.kept == snap.prepared.clean.summary["kept"]
    got = s.load_snapshot("w", "s1")
    _frames_equal(snap.prepared.dataset, got.prepared.dataset)
    _frames_equal(snap.loaded, got.loaded)
    for name in ("kept", "merged", "excluded", "accounts", "review", "hygiene_review"):
        pd.testing.assert_frame_equal(
            getattr(got.prepared.clean, name), getattr(snap.prepared.clean, name), check_exact=True
        )
    assert got.prepared.clean.summary == snap.prepared.clean.summary
    assert got.settings == snap.settings and got.label == snap.label and got.parts == ()
    assert [x.file for x in got.prepared.dataset.sources] == [x.file for x in snap.loaded.sources]
    built = build_activity_table(snap.prepared.dataset.leads, snap.prepared.dataset.activities)
    for name in ("lead", "kind", "result", "at"):
        np.testing.assert_array_equal(getattr(got.activity_table, name), getattr(built, name))
    parts = s.load_parts("w", "s1")  # the files as read come only when asked
    for (raw_a, map_a), (raw_b, map_b) in zip(snap.parts, parts, strict=True):
        pd.testing.assert_frame_equal(raw_b.frame, raw_a.frame, check_exact=True)
        assert map_b == map_a and raw_b.file == raw_a.file


def test_an_empty_group_stored_without_columns_reopens_with_its_header(tmp_path, loads):
    """Snapshots stored before excluded_accounts had columns held an empty, column-less
    frame: reopened, its download (and the people to check') still has a header row."""
    import dataclasses

    from abm.export import readable, to_csv_bytes
    from abm.i18n import t
    from abm.resolve.clean import no_excluded_accounts

    snap = loads[DAYS[0]]
    clean = dataclasses.replace(
        snap.prepared.clean, excluded_accounts=pd.DataFrame(), hygiene_review=pd.DataFrame()
    )
    old = dataclasses.replace(snap, prepared=dataclasses.replace(snap.prepared, clean=clean))
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    s.save_snapshot("w", "s1", old, by="local", at=AT)
    got = s.load_snapshot("w", "s1").prepared.clean
    assert list(got.excluded_accounts.columns) == list(no_excluded_accounts().columns)
    assert list(got.hygiene_review.columns) == [*got.kept.columns, "review_reason"]
    for frame in (got.excluded_accounts, got.hygiene_review):
        header = to_csv_bytes(readable(frame, "en"))[0].decode("utf-8-sig").split("\r\n")[0]
        assert t("field.company", "en") in header.split(",")


def test_a_snapshot_says_which_rules_read_it(tmp_path, loads):
    """Stored with today's rules version (a reopening made by earlier rules is said)."""
    import dataclasses

    from abm.pipeline import RULES_VERSION

    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    s.save_snapshot("w", "s1", loads[DAYS[0]], by="local", at=AT)
    assert s.load_snapshot("w", "s1").rules == RULES_VERSION
    earlier = dataclasses.replace(loads[DAYS[0]], rules="2026-11-30")
    s.save_snapshot("w", "s2", earlier, by="local", at=AT)
    assert s.load_snapshot("w", "s2").rules == "2026-11-30"
    unknown = dataclasses.replace(loads[DAYS[0]], rules="")  # stored before snapshots said
    s.save_snapshot("w", "s3", unknown, by="local", at=AT)
    assert s.load_snapshot("w", "s3").rules == ""  # still not today's


def test_snapshots_list_newest_first_with_names_and_counts(tmp_path, loads):
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    for i, day in enumerate(DAYS):
        s.save_snapshot("w", f"s{i}", loads[day], by=ALICE, at=AT + pd.Timedelta(days=31 * i))
    listed = s.snapshots("w")
    assert [x.snapshot_id for x in listed] == ["s1", "s0"]
    assert listed[0].rows["leads"] == len(loads[DAYS[1]].loaded.leads)
    assert listed[0].saved_by == ALICE and s.get("w").snapshots == 2
    # the audit list names files and counts, never a value from the data
    details = " ".join(str(d) for d in s.audit("w")["detail"])
    emails = loads[DAYS[1]].loaded.leads["email"].dropna()
    assert "hubspot_contacts_20260531.csv" in details
    assert not any(e in details for e in emails) and "Company" not in details


def test_the_audit_list_refuses_anything_but_names_and_counts(tmp_path):
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    s.log("w", "data.exported", by="local", at=AT, file="targets.csv", rows=12)
    assert s.audit("w").iloc[0]["detail"] == {"file": "targets.csv", "rows": 12}
    with pytest.raises(ValueError):
        s.log("w", "data.exported", by="local", at=AT, email="taro@example.co.jp")
    with pytest.raises(ValueError):
        s.log("w", "peeked", by="local", at=AT)


def test_views_belong_to_their_workspace(tmp_path):
    s = _store(tmp_path)
    s.create("w1", "W1", by="local", at=AT)
    s.create("w2", "W2", by="local", at=AT)
    state = {"funnel.model": "classic", "funnel.window": [{"$date": "2026-01-01"}]}
    view = s.save_view("w1", "funnel", state, snapshot_id="s1", by=ALICE, at=AT)
    got = s.view("w1", view)
    assert (got.page, got.state, got.snapshot_id, got.created_by) == ("funnel", state, "s1", ALICE)
    assert s.view("w2", view) is None and s.view("w1", "vnope") is None


def test_the_last_opened_workspace_is_remembered_per_user(tmp_path):
    s = _store(tmp_path)
    assert s.last_opened("local") is None
    s.create("w1", "W1", by="local", at=AT)
    s.create("w2", "W2", by="local", at=AT)
    s.touch("local", "w1", at=AT)
    s.touch(ALICE, "w2", at=AT)
    s.touch("local", "w2", at=AT)
    assert (s.last_opened("local"), s.last_opened(ALICE)) == ("w2", "w2")
    s.delete("w2")
    assert s.last_opened("local") is None


def _rows_of(path: Path, workspace_id: str) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'workspace_id'"
        ).fetchall()]  # fmt: skip
        return {
            t: con.execute(
                f'SELECT count(*) FROM "{t}" WHERE workspace_id = ?', [workspace_id]
            ).fetchone()[0]
            for t in tables
        }
    finally:
        con.close()


def test_deleting_a_workspace_leaves_no_row_and_no_byte(tmp_path, loads):
    s = _store(tmp_path)
    members = DuckDBMembers(s.file)
    s.create("keep", "Keep", by=ALICE, at=AT)
    s.create("drop", "Drop", by=ALICE, at=AT)
    members.add("drop", ALICE, OWNER, added_by=ALICE, added_at=AT)
    members.add("drop", "carol@example.co.jp", VIEWER, added_by=ALICE, added_at=AT)
    members.add("keep", ALICE, OWNER, added_by=ALICE, added_at=AT)
    s.save_snapshot("drop", "s1", loads[DAYS[0]], by=ALICE, at=AT)
    s.save_snapshot("keep", "s1", loads[DAYS[1]], by=ALICE, at=AT)
    s.save_view("drop", "funnel", {}, snapshot_id="s1", by=ALICE, at=AT)
    s.touch(ALICE, "drop", at=AT)
    secret = loads[DAYS[0]].loaded.leads["email"].iloc[0]
    only_dropped = sorted(
        set(loads[DAYS[0]].loaded.leads["email"]) - set(loads[DAYS[1]].loaded.leads["email"])
    )
    assert secret.encode() in s.file.read_bytes() or only_dropped  # the data is in the file
    removed = s.delete("drop")
    assert removed["mori_members"] == 2 and removed["mori_leads"] > 0
    assert set(_rows_of(s.file, "drop").values()) == {0}
    assert all(n > 0 for t, n in _rows_of(s.file, "keep").items() if t in removed and
               t not in ("mori_views", "mori_recent"))  # fmt: skip
    assert s.get("drop") is None and members.role_of("drop", ALICE) is None
    data = s.file.read_bytes()
    assert not any(e.encode() in data for e in only_dropped)  # not even in freed pages
    assert not Path(str(s.file) + ".wal").exists()
    got = s.load_snapshot("keep", "s1")  # the other workspace is whole
    _frames_equal(loads[DAYS[1]].prepared.dataset, got.prepared.dataset)


def test_deleting_a_snapshot_removes_its_data_and_views(tmp_path, loads):
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    s.save_snapshot("w", "s0", loads[DAYS[0]], by="local", at=AT)
    s.save_snapshot("w", "s1", loads[DAYS[1]], by="local", at=AT + pd.Timedelta(days=1))
    view = s.save_view("w", "gap", {}, snapshot_id="s0", by="local", at=AT)
    s.delete_snapshot("w", "s0", by="local", at=AT + pd.Timedelta(days=2))
    assert [x.snapshot_id for x in s.snapshots("w")] == ["s1"]
    assert s.view("w", view) is None
    with pytest.raises(MoriError) as err:
        s.load_snapshot("w", "s0")
    assert err.value.key == "engine.store.err.no_snapshot"
    assert s.audit("w").iloc[0]["action"] == "snapshot.deleted"


def test_a_table_made_by_hand_or_by_the_members_store_is_completed(tmp_path):
    path = tmp_path / "team.duckdb"
    DuckDBMembers(path).add("acme", ALICE, OWNER, added_by=ALICE, added_at=AT)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE mori_workspaces (workspace_id VARCHAR PRIMARY KEY, name VARCHAR)")
    con.execute("INSERT INTO mori_workspaces VALUES ('acme', 'アクメ商事')")
    con.close()
    s = WorkspaceStore(path)
    assert [w.name for w in s.list()] == ["アクメ商事"] and s.settings("acme") == Workspace()
    s.save_settings("acme", Workspace().with_section("stage_map", {}), by=ALICE, at=AT)
    assert DuckDBMembers(path).workspaces_of(ALICE) == [("acme", "アクメ商事", OWNER)]


def test_bad_store_files_load_nothing_and_are_not_written(tmp_path, loads):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"not a database at all" * 200)
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE customers (name VARCHAR)")
    con.close()
    newer = tmp_path / "newer.duckdb"
    WorkspaceStore(newer).create("w", "W", by="local", at=AT)
    con = duckdb.connect(str(newer))
    con.execute("UPDATE mori_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    for path, key in ((corrupt, "corrupt"), (foreign, "foreign"), (newer, "newer")):
        before = path.read_bytes()
        s = WorkspaceStore(path)
        for call in (s.list, lambda s=s: s.create("x", "X", by="local", at=AT),
                     lambda s=s: s.save_snapshot("w", "s", loads[DAYS[0]], by="l", at=AT)):  # fmt: skip
            with pytest.raises(MoriError) as err:
                call()
            assert err.value.key in (f"engine.store.err.{key}", "workspace.err.missing")
            assert path.name in err.value.message("en") or err.value.key.startswith("workspace")
        assert path.read_bytes() == before, path.name


def test_a_failed_snapshot_save_leaves_nothing(tmp_path, loads):
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    with pytest.raises(MoriError):
        s.save_snapshot("w", "bad id!", loads[DAYS[0]], by="local", at=AT)
    with pytest.raises(MoriError):
        s.save_snapshot("missing", "s1", loads[DAYS[0]], by="local", at=AT)
    assert s.snapshots("w") == [] and engine.list_snapshots(s.file, workspace_id="missing").empty


def test_threads_reading_and_writing_one_file_never_collide(tmp_path):
    """Sessions are threads: a read-only and a read-write connection to one file must not overlap
    (DuckDB refuses the second), whoever opens them (workspaces, members)."""
    s = _store(tmp_path)
    s.create("w", "W", by=ALICE, at=AT)
    members = DuckDBMembers(s.file)
    members.add("w", ALICE, OWNER, added_by=ALICE, added_at=AT)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(40):
                assert members.role_of("w", ALICE) == OWNER
                s.snapshots("w")
        except BaseException as exc:
            errors.append(exc)

    def writer() -> None:
        try:
            for i in range(20):
                s.save_settings("w", Workspace().with_section("stage_map", {"strict": i % 2 == 0}),
                                by=ALICE, at=AT)  # fmt: skip
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=f) for f in (reader, reader, writer)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


def test_a_comparison_reads_the_stored_activity_tables_and_agrees(tmp_path, loads):
    """The stored activity tables give the tiers the roll-up gives when it builds them."""
    s = _store(tmp_path)
    s.create("w", "W", by="local", at=AT)
    for i, day in enumerate(DAYS):
        s.save_snapshot("w", f"s{i}", loads[day], by="local", at=AT + pd.Timedelta(days=i))
    stored, built = [], []
    for i, day in enumerate(DAYS):
        dataset, info, table = s.load_cleaned("w", f"s{i}")
        assert table is not None and info.as_of == loads[day].as_of
        stored.append(Side(dataset, info.as_of, activity_table=table))
        built.append(Side(dataset, info.as_of))
    a, b = compare(*stored), compare(*built)
    pd.testing.assert_frame_equal(a.tiers.changed, b.tiers.changed)
    pd.testing.assert_frame_equal(a.tiers.counts, b.tiers.counts)
