"""The embedded store: a prepared dataset reopens exactly, and a bad file loads nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.engine import store
from abm.errors import MoriError
from abm.settings import Workspace
from tests.unit.test_engine_parity import synthetic_dataset

SAVED = pd.Timestamp("2026-11-30 09:00")


@pytest.fixture(scope="module")
def prepared():
    from abm.pipeline import prepare
    from tests.support.worlds import generated_world, with_edge_cases

    with tempfile.TemporaryDirectory() as tmp:
        w = with_edge_cases(generated_world(5, Path(tmp)))
    return prepare(w.dataset).dataset


def _settings() -> Workspace:
    return Workspace().with_section("phases", {"won": ["受注", "成約"]})


def _assert_same(a, b) -> None:
    for name, frame in a.tables().items():
        other = b.tables()[name]
        pd.testing.assert_frame_equal(other, frame.reset_index(drop=True), check_exact=True)


def test_prepared_dataset_reopens_exactly(tmp_path, prepared):
    path = tmp_path / "mori.duckdb"
    agg = pd.DataFrame({"lead_row": [0, 1], "kind": pd.array([3, 4], dtype="int8"), "n": [2, 5]})
    store.save(path, prepared, workspace_id="w1", snapshot_id="2026-11", settings=_settings(),
               saved_at=SAVED, aggregates={"engagement": agg}, label="November")  # fmt: skip
    got = store.load(path, workspace_id="w1")
    _assert_same(prepared, got.dataset)
    pd.testing.assert_frame_equal(got.aggregates["engagement"], agg)
    assert got.settings == _settings()
    assert (got.snapshot_id, got.label, got.saved_at) == ("2026-11", "November", SAVED)


def test_workspaces_and_snapshots_live_side_by_side(tmp_path):
    path = tmp_path / "mori.duckdb"
    a, b = synthetic_dataset(200, seed=1), synthetic_dataset(300, seed=2)
    b = b.__class__(leads=b.leads.assign(extra=1.5), activities=b.activities)  # a new column
    for ws, snap, ds, day in (("w1", "s1", a, 1), ("w1", "s2", b, 2), ("w2", "s1", b, 3)):
        store.save(path, ds, workspace_id=ws, snapshot_id=snap, settings=Workspace(),
                   saved_at=SAVED + pd.Timedelta(days=day))  # fmt: skip
    _assert_same(b, store.load(path, workspace_id="w1").dataset)  # the latest
    _assert_same(a, store.load(path, workspace_id="w1", snapshot_id="s1").dataset)
    assert store.load(path, workspace_id="w2").dataset.opportunities is None
    assert store.list_snapshots(path, workspace_id="w1")["snapshot_id"].tolist() == ["s2", "s1"]
    # saving a snapshot again replaces it, rows and all
    store.save(path, a, workspace_id="w1", snapshot_id="s2", settings=Workspace(), saved_at=SAVED)
    _assert_same(a, store.load(path, workspace_id="w1", snapshot_id="s2").dataset)
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute("SELECT count(*) FROM mori_leads WHERE workspace_id = 'w1'").fetchone()
    con.close()
    assert rows[0] == 2 * len(a.leads)


def test_a_failed_save_leaves_nothing(tmp_path):
    path = tmp_path / "mori.duckdb"
    ds = synthetic_dataset(100)
    with pytest.raises(ValueError):
        store.save(path, ds, workspace_id="w", snapshot_id="s", settings=Workspace(),
                   saved_at=SAVED, aggregates={"bad name!": ds.leads})  # fmt: skip
    with pytest.raises(MoriError) as err:
        store.load(path, workspace_id="w")
    assert err.value.key == "engine.store.err.no_snapshot"
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM mori_snapshots").fetchone()[0] == 0
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"mori_meta", "mori_snapshots"}  # the leads written first are gone too
    con.close()


def _error(path: Path, **kw) -> MoriError:
    with pytest.raises(MoriError) as err:
        store.load(path, workspace_id="w", **kw)
    assert path.name in err.value.message("en")
    return err.value


def test_bad_files_are_refused_with_a_clear_message(tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"PK\x03\x04 not a database" * 100)
    assert _error(corrupt).key == "engine.store.err.corrupt"

    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE customers (name VARCHAR)")
    con.close()
    assert _error(foreign).key == "engine.store.err.foreign"
    with pytest.raises(MoriError) as err:  # nor is anything written into it
        store.save(foreign, synthetic_dataset(10), workspace_id="w", snapshot_id="s",
                   settings=Workspace(), saved_at=SAVED)  # fmt: skip
    assert err.value.key == "engine.store.err.foreign"

    newer = tmp_path / "newer.duckdb"
    store.save(newer, synthetic_dataset(10), workspace_id="w", snapshot_id="s",
               settings=Workspace(), saved_at=SAVED)  # fmt: skip
    con = duckdb.connect(str(newer))
    con.execute("UPDATE mori_meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    err = _error(newer)
    assert err.key == "engine.store.err.newer" and err.params["version"] == 99

    assert _error(tmp_path / "absent.duckdb").key == "engine.store.err.no_snapshot"
    ok = tmp_path / "ok.duckdb"
    store.save(ok, synthetic_dataset(10), workspace_id="w", snapshot_id="s",
               settings=Workspace(), saved_at=SAVED)  # fmt: skip
    assert _error(ok, snapshot_id="other").key == "engine.store.err.no_snapshot"
    con = duckdb.connect(str(ok))
    con.execute("DELETE FROM mori_activities WHERE rowid < 3")
    con.close()
    err = _error(ok)
    assert err.key == "engine.store.err.damaged" and err.params["table"] == "mori_activities"


def test_repetitive_text_is_stored_as_codes_and_reopens_exactly(tmp_path):
    from abm.engine import purge

    n = 5000
    rng = np.random.default_rng(3)
    kinds = np.array(["ページ閲覧", "メール開封", "", "資料ダウンロード"], dtype=object)
    kind = pd.array(kinds[rng.integers(0, 4, n)], dtype="string")
    kind[::7] = pd.NA  # missing stays missing, "" stays ""
    leads = pd.DataFrame({"lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string")})
    acts = pd.DataFrame({
        "lead_id": pd.array([f"L{i % 300}" for i in range(n)], dtype="string"),
        "activity_type": kind,
        "url": pd.Series(["/pricing"] * n, dtype="str"),  # the default str dtype, NaN for missing
        "source_row": np.arange(1, n + 1, dtype=np.int64),
    })  # fmt: skip
    ds = Dataset(leads=leads, activities=acts)
    path = tmp_path / "mori.duckdb"
    for snap in ("s1", "s2"):
        store.save(path, ds, workspace_id="w", snapshot_id=snap, settings=Workspace(),
                   saved_at=SAVED)  # fmt: skip
    got = store.load(path, workspace_id="w", snapshot_id="s1").dataset
    pd.testing.assert_frame_equal(got.activities, acts, check_exact=True)
    pd.testing.assert_frame_equal(got.leads, leads, check_exact=True)
    con = duckdb.connect(str(path), read_only=True)
    cols = {r[0] for r in con.execute("DESCRIBE mori_activities").fetchall()}
    version = con.execute("SELECT value FROM mori_meta WHERE key = 'schema_version'").fetchone()
    coded = con.execute("SELECT DISTINCT col FROM mori_dict WHERE snapshot_id = 's1'").fetchall()
    con.close()
    assert {"lead_id#code", "activity_type#code", "url#code"} <= cols
    assert sorted(c for (c,) in coded) == ["activity_type", "lead_id", "url"]  # not unique ids
    assert version == (str(store.SCHEMA_VERSION),)
    purge.delete_snapshot(path, workspace_id="w", snapshot_id="s1")
    con = duckdb.connect(str(path), read_only=True)
    left = con.execute("SELECT DISTINCT snapshot_id FROM mori_dict").fetchall()
    con.close()
    assert left == [("s2",)]  # the deleted snapshot's values went with it
    pd.testing.assert_frame_equal(
        store.load(path, workspace_id="w").dataset.activities, acts, check_exact=True
    )


def test_a_column_of_one_value_reopens_as_one_chunk_repeated(tmp_path, monkeypatch):
    """Ten million rows of a file name are one chunk's memory: the chunk repeated (here three
    rows at a time), the same values and dtype as stored; a one-valued column with a missing
    value is decoded row by row."""
    import pyarrow as pa

    monkeypatch.setattr(store, "_REPEAT_ROWS", 3)
    monkeypatch.setattr(store, "_CODE_ROWS", 1)  # coded however short the table
    n = 10
    acts = pd.DataFrame({
        "lead_id": pd.array([f"L{i % 4}" for i in range(n)], dtype="string"),
        "source_file": pd.array(["ログ.csv"] * n, dtype="string"),
        "link_rule": pd.array(["id"] * (n - 1) + [None], dtype="string"),
        "source_row": np.arange(1, n + 1, dtype=np.int64),
    })  # fmt: skip
    ds = Dataset(leads=pd.DataFrame({"lead_id": pd.array(["L0"], dtype="string")}),
                 activities=acts)  # fmt: skip
    path = tmp_path / "mori.duckdb"
    store.save(path, ds, workspace_id="w", snapshot_id="s", settings=Workspace(), saved_at=SAVED)
    got = store.load(path, workspace_id="w", snapshot_id="s").dataset.activities
    pd.testing.assert_frame_equal(got, acts, check_exact=True)
    chunks = pa.array(got["source_file"].array).chunks
    assert [len(c) for c in chunks] == [3, 3, 3, 1]
    assert len({c.buffers()[2].address for c in chunks}) == 1  # one buffer of text, shared
    assert (got["source_file"] == "ログ.csv").all() and got["link_rule"].isna().sum() == 1


def test_a_table_of_one_snapshot_is_read_whole_and_never_anothers_rows(tmp_path):
    """A table holding only the snapshot's rows is read without the per-row filter; a table
    whose row count matches by chance but whose rows are another snapshot's is not (the
    snapshot's own rows are missing: damaged, never read as someone else's data)."""
    path = tmp_path / "mori.duckdb"
    a, b = synthetic_dataset(200, seed=1), synthetic_dataset(200, seed=2)
    store.save(path, a, workspace_id="w1", snapshot_id="s1", settings=Workspace(), saved_at=SAVED)
    con = duckdb.connect(str(path), read_only=True)
    assert store._only(con, "mori_leads", len(a.leads), ("w1", "s1"))
    con.close()
    _assert_same(a, store.load(path, workspace_id="w1", snapshot_id="s1").dataset)
    store.save(path, b, workspace_id="w1", snapshot_id="s2", settings=Workspace(), saved_at=SAVED)
    con = duckdb.connect(str(path), read_only=True)
    assert not store._only(con, "mori_leads", len(a.leads), ("w1", "s1"))
    con.close()
    _assert_same(a, store.load(path, workspace_id="w1", snapshot_id="s1").dataset)
    _assert_same(b, store.load(path, workspace_id="w1", snapshot_id="s2").dataset)
    con = duckdb.connect(str(path))  # s1's leads lost: the table's count is s1's by chance
    con.execute("DELETE FROM mori_leads WHERE snapshot_id = 's1'")
    con.close()
    with pytest.raises(MoriError) as err:
        store.load(path, workspace_id="w1", snapshot_id="s1")
    assert err.value.key == "engine.store.err.damaged"


def test_a_coded_column_missing_a_value_is_damaged(tmp_path):
    """Each coded column is decoded from its own values: one lost value is a damaged table,
    named, never a column shifted by one."""
    n = 3000
    acts = pd.DataFrame({
        "lead_id": pd.array([f"L{i % 50}" for i in range(n)], dtype="string"),
        "activity_type": pd.array(["訪問", "メール開封", "電話"] * (n // 3), dtype="string"),
    })  # fmt: skip
    ds = Dataset(leads=pd.DataFrame({"lead_id": pd.array(["L1"], dtype="string")}), activities=acts)
    path = tmp_path / "mori.duckdb"
    store.save(path, ds, workspace_id="w", snapshot_id="s", settings=Workspace(), saved_at=SAVED)
    pd.testing.assert_frame_equal(store.load(path, workspace_id="w").dataset.activities, acts)
    # code 1 lost; then code 2 as well: one value left is not one value on every row
    for code in (1, 2):
        con = duckdb.connect(str(path))
        con.execute("DELETE FROM mori_dict WHERE col = 'activity_type' AND code = ?", [code])
        con.close()
        with pytest.raises(MoriError) as err:
            store.load(path, workspace_id="w")
        assert err.value.key == "engine.store.err.damaged"
        assert err.value.params["table"] == "mori_activities"


@pytest.mark.parametrize("rows", [2, 3000])
def test_a_snapshot_saved_again_with_new_columns_replaces_the_old_one(tmp_path, rows):
    """QA-G: a file re-read as another kind gave the snapshot new columns; saving it over
    the old one crashed ("another transaction has altered this table", then "cannot
    rollback") — DuckDB refuses to alter a table the same transaction already changed."""
    path = tmp_path / "s.duckdb"
    at = pd.Timestamp("2026-12-07 09:00")
    ids = pd.array([f"L{i}" for i in range(rows)], dtype="string")
    first = pd.DataFrame({"lead_id": ids, "company": pd.array(["x"] * rows, dtype="string")})
    store.save(path, Dataset(leads=first), workspace_id="w", snapshot_id="s",
               settings=_settings(), saved_at=at)  # fmt: skip
    other = pd.DataFrame({"lead_id": ids, "stage": pd.array(["MQL"] * rows, dtype="string")})
    store.save(path, Dataset(leads=first.assign(email="a@x.jp"), activities=other),
               workspace_id="w", snapshot_id="s", settings=_settings(), saved_at=at,
               aggregates={"extra": other})  # fmt: skip
    got = store.load(path, workspace_id="w", snapshot_id="s")
    assert list(got.dataset.leads.columns) == ["lead_id", "company", "email"]
    assert got.dataset.leads["email"].eq("a@x.jp").all() and len(got.dataset.leads) == rows
    assert got.dataset.activities["stage"].eq("MQL").all()
