"""A configured source is read as an upload is, and a prepared source reopens exactly.

The demo's exports (a BowNow lead list, a Japanese activity report, a
Salesforce opportunity report, an accounts workbook) are put in a DuckDB file
and a Parquet folder with their own headers, as a company's database would
hold them; read through :func:`abm.engine.reading.read_parts` and the upload's
:func:`abm.ingest.build_batch` they give the upload's dataset, value for value.
"""

from __future__ import annotations

from dataclasses import replace

import duckdb
import numpy as np
import pandas as pd
import pytest

import abm.engine as E
from abm.engine.prepared import KEEP, WORKSPACE, load_prepared, save_prepared, snapshot_key
from abm.engine.reading import fingerprint, read_parts
from abm.engine.sources import SourceConfig
from abm.engine.table import build_activity_table
from abm.errors import MoriError
from abm.ingest import build_batch, read_table, suggest_mapping
from abm.schema import LINEAGE

_FILES = {
    "leads": "bownow_leads.csv",
    "activities": "activities.csv",
    "opportunities": "salesforce_opportunities.csv",
    "accounts": "accounts.xlsx",
}


@pytest.fixture(scope="module")
def uploads():
    from abm.demo import demo_files

    files = dict(demo_files())
    parts = []
    for table, name in _FILES.items():
        raw = read_table(files[name], name)
        parts.append((raw, suggest_mapping(raw, table=table)))
    return parts


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    keep = [c for c in a.columns if c not in LINEAGE]
    assert set(keep) == {c for c in b.columns if c not in LINEAGE}
    pd.testing.assert_frame_equal(
        a[keep].reset_index(drop=True), b[keep].reset_index(drop=True), check_like=True
    )


def _config(tmp_path, uploads, kind: str) -> SourceConfig:
    tables, mappings = {}, []
    if kind == "duckdb":
        db = tmp_path / "crm.duckdb"
        con = duckdb.connect(str(db))
        for (raw, mapping), table in zip(uploads, _FILES, strict=True):
            con.register("incoming", raw.frame.reset_index(drop=True))
            con.execute(f"CREATE TABLE crm_{table} AS SELECT * FROM incoming")
            con.unregister("incoming")
            tables[table] = f"crm_{table}"
            mappings.append(mapping.to_dict())
        con.close()
        return SourceConfig.from_dict(
            {"kind": "duckdb", "path": str(db), "tables": tables, "mappings": mappings}
        )
    for (raw, mapping), table in zip(uploads, _FILES, strict=True):
        (tmp_path / table).mkdir()
        for i, rows in enumerate(np.array_split(np.arange(len(raw.frame)), 2)):  # two files
            raw.frame.iloc[rows].reset_index(drop=True).to_parquet(tmp_path / table / f"{i}.pq")
        tables[table] = f"{table}/*.pq"
        mappings.append(mapping.to_dict())
    return SourceConfig.from_dict(
        {"kind": "folder", "path": str(tmp_path), "tables": tables, "mappings": mappings}
    )


@pytest.mark.parametrize("kind", ["duckdb", "folder"])
def test_a_source_reads_as_the_upload(tmp_path, uploads, kind):
    config = _config(tmp_path, uploads, kind)
    engine = E.connect()
    parts = read_parts(engine, config)
    assert [raw.file for raw, _ in parts] == [f"{t}: {w}" for t, w in config.tables]
    got, want = build_batch(parts), build_batch(uploads)
    assert not got.errors and not want.errors
    # BowNow exports no lead id: both get one generated from the file's name and line
    ids = dict(zip(want.dataset.leads["lead_id"], got.dataset.leads["lead_id"], strict=True))
    for name, frame in want.dataset.tables().items():
        if "lead_id" in frame.columns:
            same = frame["lead_id"].map(ids).fillna(frame["lead_id"])
            frame = frame.assign(lead_id=same.astype(frame["lead_id"].dtype))
        _same(got.dataset.tables()[name], frame)
    # lineage: the source table and its row, counted from 1
    assert got.dataset.leads["source_row"].tolist()[:3] == [1, 2, 3]
    assert got.dataset.sources[0].links == {} and got.dataset.sources[1].links == (
        want.dataset.sources[1].links
    )


def test_a_table_without_a_mapping_is_mapped_as_an_upload(tmp_path, uploads):
    config = _config(tmp_path, uploads, "duckdb")
    bare = SourceConfig.from_dict({**config.to_dict(), "mappings": []})
    parts = read_parts(E.connect(), bare)
    assert [m.table for _, m in parts] == list(_FILES)
    assert dict(parts[0][1].columns) == dict(uploads[0][1].columns)


def test_source_read_errors_name_table_and_column(tmp_path, uploads):
    config = _config(tmp_path, uploads, "duckdb")
    doc = config.to_dict()
    doc["mappings"][1]["columns"] = [*doc["mappings"][1]["columns"], ["存在しない列", None]]
    with pytest.raises(MoriError) as err:
        read_parts(E.connect(), SourceConfig.from_dict(doc))
    assert err.value.key == "engine.source.err.column_missing"
    assert err.value.params == {"table": "activities", "column": "存在しない列"}
    gone = SourceConfig.from_dict({**config.to_dict(), "tables": {"leads": "no_table"},
                                   "mappings": []})  # fmt: skip
    with pytest.raises(MoriError) as err:
        read_parts(E.connect(), gone)
    assert err.value.key == "engine.err.table_missing"


def test_the_fingerprint_follows_the_data(tmp_path, uploads):
    config = _config(tmp_path, uploads, "folder")
    first = fingerprint(E.connect(), config)
    assert fingerprint(E.connect(), config) == first
    (tmp_path / "leads" / "0.pq").unlink()  # half the leads gone
    assert fingerprint(E.connect(), config) != first


@pytest.fixture(scope="module")
def prepared(uploads):
    from abm.pipeline import prepare
    from abm.workspace.snapshot import Snapshot

    loaded = build_batch(uploads).dataset
    ready = prepare(loaded)
    snap = Snapshot(loaded=loaded, prepared=ready, label="source", as_of=loaded.latest_date())
    return snap, build_activity_table(ready.dataset.leads, ready.dataset.activities)


def test_a_prepared_source_reopens_exactly(tmp_path, prepared):
    snap, table = prepared
    path = tmp_path / "store.duckdb"
    key = snapshot_key("fp", {"matching": {}})
    assert load_prepared(path, key) is None  # no store yet
    save_prepared(path, key, snap, table, saved_at=pd.Timestamp("2026-12-01 10:00"))
    got = load_prepared(path, key)
    assert got is not None and got.saved_at == pd.Timestamp("2026-12-01 10:00")
    ds, want = got.snapshot.prepared.dataset, snap.prepared.dataset
    for name, frame in want.tables().items():
        pd.testing.assert_frame_equal(ds.tables()[name], frame, check_exact=True)
    assert set(got.snapshot.loaded.tables()) == set(snap.loaded.tables())
    for name, frame in snap.loaded.tables().items():  # as loaded: cleaned again on a rule change
        pd.testing.assert_frame_equal(got.snapshot.loaded.tables()[name], frame, check_exact=True)
    for name in ("kept", "merged", "excluded", "accounts", "review", "hygiene_review"):
        pd.testing.assert_frame_equal(
            getattr(got.snapshot.prepared.clean, name), getattr(snap.prepared.clean, name),
            check_exact=True,
        )  # fmt: skip
    assert got.snapshot.prepared.clean.summary == snap.prepared.clean.summary
    # the date counts behind the default as-of came stored, and equal a fresh count
    reopened = got.snapshot.loaded
    stored = reopened.__dict__.get("_day_counts_once")
    assert stored is not None
    fresh = replace(reopened).day_counts()  # a copy of the frames knows nothing: it counts
    assert stored[0][0] == fresh[0]
    np.testing.assert_array_equal(stored[0][1], fresh[1])
    np.testing.assert_array_equal(stored[0][2], fresh[2])
    assert reopened.as_of_default() == snap.loaded.as_of_default()
    for name in ("lead", "kind", "result", "at"):
        np.testing.assert_array_equal(getattr(got.table, name), getattr(table, name))
    assert load_prepared(path, snapshot_key("fp", {"matching": {"x": 1}})) is None


def test_only_the_newest_preparations_are_kept(tmp_path, prepared):
    from abm.engine import store

    snap, table = prepared
    path = tmp_path / "store.duckdb"
    small = snap.__class__(loaded=snap.loaded, prepared=snap.prepared, label="s")
    for i in range(KEEP + 2):
        save_prepared(path, f"k{i}", small, table, saved_at=pd.Timestamp("2026-12-01") +
                      pd.Timedelta(hours=i))  # fmt: skip
    kept = store.list_snapshots(path, workspace_id=WORKSPACE)["snapshot_id"].tolist()
    assert kept == [f"k{i}" for i in range(KEEP + 1, 1, -1)]


def test_a_store_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "store.duckdb"
    bad.write_bytes(b"not a database")
    with pytest.raises(MoriError) as err:
        load_prepared(bad, "k")
    assert err.value.key.startswith("engine.store.err.")


def test_typed_columns_read_as_their_text_would(tmp_path):
    """Timestamps, dates and integers come typed through Arrow and give the text's dataset."""
    import tomllib

    from tests.support.crm_source import source_section, write_crm

    typed = tmp_path / "typed.duckdb"
    write_crm(typed, 300)
    con = duckdb.connect(str(typed))
    con.execute(  # out of range, negative, missing, a date column, a moment with microseconds
        """INSERT INTO crm_leads ("リードID", "会社名", "メールアドレス", "作成日", "従業員数", "MQL日")
        VALUES ('X1', '株式会社テスト', 'a@kaisha1.co.jp', TIMESTAMP '1850-01-01', -5, NULL),
               ('X2', '株式会社テスト', 'b@kaisha1.co.jp', TIMESTAMP '2300-06-01', NULL,
                TIMESTAMP '2025-03-01 12:34:56.123456')"""
    )
    con.execute('ALTER TABLE crm_opportunities ALTER "完了予定日" TYPE DATE')
    text = tmp_path / "text.duckdb"  # the same tables, every column cast to text by DuckDB
    con.execute(f"ATTACH '{text}' AS txt")
    for table in ("crm_leads", "crm_activities", "crm_opportunities"):
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        casts = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in cols)
        con.execute(f"CREATE TABLE txt.{table} AS SELECT {casts} FROM {table}")
    con.close()
    configs = [
        SourceConfig.from_dict(tomllib.loads(source_section(db))["source"]) for db in (typed, text)
    ]
    got, want = (build_batch(read_parts(E.connect(), config)) for config in configs)
    assert not got.errors and not want.errors
    for name, frame in want.dataset.tables().items():
        pd.testing.assert_frame_equal(got.dataset.tables()[name], frame, check_exact=True)
    for a, b in zip(got.dataset.sources, want.dataset.sources, strict=True):
        pd.testing.assert_frame_equal(a.issues, b.issues)
        assert a.links == b.links
    issues = want.dataset.sources[0].issues
    assert {"unparseable", "implausible"} <= set(issues["check"])  # the edge rows were reported
    raw = read_parts(E.connect(), configs[0])[1][0].frame
    assert str(raw["日時"].dtype).startswith("datetime64")  # the activity instants came typed
