"""Workspace members in the embedded store file (temporary DuckDB files) (#18)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from abm.engine import store
from abm.errors import MoriError
from abm.settings import Workspace
from abm.workspace import OWNER, VIEWER, DuckDBMembers, Members
from abm.workspace.members import TABLE

NOW = pd.Timestamp("2026-12-01 09:00", tz="Asia/Tokyo")
ALICE, BOB, CAROL = "alice@example.co.jp", "bob@example.co.jp", "carol@example.co.jp"


@pytest.fixture
def members(tmp_path):
    m = DuckDBMembers(tmp_path / "mori.duckdb")
    m.add("w1", ALICE, OWNER, added_by=ALICE, added_at=NOW)
    m.add("w1", BOB, VIEWER, added_by=ALICE, added_at=NOW + pd.Timedelta(minutes=5))
    return m


def test_is_a_members_store(members):
    assert isinstance(members, Members)


def test_roles_and_lists(members):
    assert members.role_of("w1", ALICE) == OWNER
    assert members.role_of("w1", "Bob@Example.co.jp ") == VIEWER
    assert members.role_of("w1", CAROL) is None
    assert members.role_of("no-such", ALICE) is None  # unknown id = not a member
    assert members.role_of("w1", "not an address") is None
    assert members.role_of("", ALICE) is None
    assert members.workspaces_of(BOB) == [("w1", "w1", VIEWER)]
    assert members.workspaces_of(CAROL) == []
    assert members.members_of("w1") == [
        (ALICE, OWNER, ALICE, pd.Timestamp("2026-12-01 00:00")),  # stored as UTC
        (BOB, VIEWER, ALICE, pd.Timestamp("2026-12-01 00:05")),
    ]


def test_names_come_from_the_workspace_table_when_it_exists(members):
    members.add("w0", ALICE, OWNER, added_by=ALICE, added_at=NOW)
    assert [w for w, _, _ in members.workspaces_of(ALICE)] == ["w0", "w1"]  # ids when unnamed
    con = duckdb.connect(str(members.path))
    con.execute("CREATE TABLE mori_workspaces (workspace_id VARCHAR, name VARCHAR, extra INT)")
    con.execute("INSERT INTO mori_workspaces VALUES ('w1', 'Acme 2026', 1), ('w0', 'Zeta', 2)")
    con.close()
    assert members.workspaces_of(ALICE) == [("w1", "Acme 2026", OWNER), ("w0", "Zeta", OWNER)]


def test_only_owners_change_members(members):
    with pytest.raises(MoriError) as info:
        members.add("w1", CAROL, VIEWER, added_by=BOB, added_at=NOW)
    assert info.value.key == "auth.err.not_owner"
    with pytest.raises(MoriError):
        members.add("w1", BOB, OWNER, added_by=BOB, added_at=NOW)  # no self-promotion
    with pytest.raises(MoriError):
        members.remove("w1", ALICE, removed_by=BOB)
    with pytest.raises(MoriError):
        members.add("w1", CAROL, VIEWER, added_by=CAROL, added_at=NOW)  # an outsider
    assert members.role_of("w1", CAROL) is None
    assert members.role_of("w1", BOB) == VIEWER


def test_first_member_is_the_creator_as_owner(tmp_path):
    m = DuckDBMembers(tmp_path / "new.duckdb")
    with pytest.raises(MoriError):
        m.add("w9", BOB, OWNER, added_by=ALICE, added_at=NOW)  # someone else's workspace
    with pytest.raises(MoriError):
        m.add("w9", ALICE, VIEWER, added_by=ALICE, added_at=NOW)  # an owner-less workspace
    m.add("w9", ALICE, OWNER, added_by=ALICE, added_at=NOW)
    assert m.role_of("w9", ALICE) == OWNER


def test_role_change_and_the_last_owner(members):
    with pytest.raises(MoriError) as info:
        members.add("w1", ALICE, VIEWER, added_by=ALICE, added_at=NOW)
    assert info.value.key == "auth.err.last_owner"
    with pytest.raises(MoriError):
        members.remove("w1", ALICE, removed_by=ALICE)
    members.add("w1", BOB, OWNER, added_by=ALICE, added_at=NOW)  # a second owner first
    members.add("w1", ALICE, VIEWER, added_by=ALICE, added_at=NOW)
    assert (members.role_of("w1", ALICE), members.role_of("w1", BOB)) == (VIEWER, OWNER)
    members.remove("w1", ALICE, removed_by=ALICE)  # anyone may leave
    assert members.members_of("w1") == [(BOB, OWNER, ALICE, pd.Timestamp("2026-12-01 00:00"))]


def test_removing_someone_not_there_changes_nothing(members):
    members.remove("w1", CAROL, removed_by=ALICE)
    assert len(members.members_of("w1")) == 2


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("w1", "not-an-address", VIEWER), "auth.err.email"),
        (("w1", CAROL, "admin"), "auth.err.role"),
        (("", CAROL, VIEWER), "auth.err.workspace_id"),
        (("w" * 201, CAROL, VIEWER), "auth.err.workspace_id"),
    ],
)
def test_malformed_input_is_refused_without_its_value(members, args, key):
    with pytest.raises(MoriError) as info:
        members.add(*args, added_by=ALICE, added_at=NOW)
    assert info.value.key == key
    assert "not-an-address" not in str(info.value)
    assert len(members.members_of("w1")) == 2


def test_a_refused_change_leaves_nothing(members):
    before = members.members_of("w1")
    with pytest.raises(MoriError):
        members.add("w1", ALICE, VIEWER, added_by=ALICE, added_at=NOW)
    assert members.members_of("w1") == before


def test_forget_workspace_removes_every_row(members):
    members.add("w2", CAROL, OWNER, added_by=CAROL, added_at=NOW)
    assert members.forget_workspace("w1") == 2
    assert members.members_of("w1") == []
    assert members.workspaces_of(ALICE) == []
    con = duckdb.connect(str(members.path), read_only=True)
    left = con.execute(f"SELECT workspace_id, count(*) FROM {TABLE} GROUP BY 1").fetchall()
    con.close()
    assert left == [("w2", 1)]
    assert members.forget_workspace("w1") == 0


def test_reading_creates_no_file(tmp_path):
    m = DuckDBMembers(tmp_path / "absent.duckdb")
    assert m.role_of("w1", ALICE) is None
    assert m.workspaces_of(ALICE) == []
    assert m.members_of("w1") == []
    assert m.forget_workspace("w1") == 0
    assert not (tmp_path / "absent.duckdb").exists()


def test_shares_the_file_with_the_snapshot_store(tmp_path, members):
    """Members and snapshots live in one store file, whichever was written first."""
    from abm.dataset import Dataset

    ds = Dataset(leads=pd.DataFrame({"lead_id": ["L1"], "email": ["x@example.co.jp"]}))
    store.save(
        members.path, ds, workspace_id="w1", snapshot_id="s1", settings=Workspace(), saved_at=NOW
    )
    assert members.role_of("w1", ALICE) == OWNER
    assert store.load(members.path, workspace_id="w1").dataset.leads.shape[0] == 1
    other = tmp_path / "snapshots-first.duckdb"
    store.save(other, ds, workspace_id="w1", snapshot_id="s1", settings=Workspace(), saved_at=NOW)
    m = DuckDBMembers(other)
    m.add("w1", ALICE, OWNER, added_by=ALICE, added_at=NOW)
    assert m.role_of("w1", ALICE) == OWNER


@pytest.mark.parametrize("kind", ["text", "foreign"])
def test_a_file_that_is_not_a_store_is_refused(tmp_path, kind):
    path = tmp_path / "other.duckdb"
    if kind == "text":
        path.write_text("not a database")
    else:
        con = duckdb.connect(str(path))
        con.execute("CREATE TABLE customers (name VARCHAR)")
        con.close()
    m = DuckDBMembers(path)
    with pytest.raises(MoriError) as info:
        m.add("w1", ALICE, OWNER, added_by=ALICE, added_at=NOW)
    assert info.value.key.startswith("engine.store.err.")
    with pytest.raises(MoriError):
        m.role_of("w1", ALICE)


def test_a_change_made_elsewhere_is_seen_at_once(members):
    """Reads are kept between changes of the file, never past one (a removal must bite)."""
    assert members.role_of("w1", BOB) == VIEWER
    for _ in range(3):  # a cached answer, several times
        assert members.role_of("w1", BOB) == VIEWER
    con = duckdb.connect(str(members.path))  # an administrator, outside this store object
    con.execute(f"DELETE FROM {TABLE} WHERE email = ?", [BOB])
    con.close()
    assert members.role_of("w1", BOB) is None
    DuckDBMembers(members.path).add("w1", BOB, OWNER, added_by=ALICE, added_at=NOW)
    assert members.role_of("w1", BOB) == OWNER  # another object on the same file


def test_reads_and_changes_from_many_threads(members):
    """Sessions of one server read and change members at once (one DuckDB configuration)."""
    from concurrent.futures import ThreadPoolExecutor

    def work(i: int) -> str | None:
        who = f"user{i}@example.co.jp"
        members.add("w1", who, VIEWER, added_by=ALICE, added_at=NOW)
        return members.role_of("w1", who)

    with ThreadPoolExecutor(max_workers=4) as pool:
        roles = list(pool.map(work, range(12)))
    assert roles == [VIEWER] * 12
    assert len(members.members_of("w1")) == 14
