"""Sources besides uploads: Parquet/CSV folders and DuckDB files give the upload's numbers."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

import abm.engine as E
from abm.engine.sources import SourceConfig, open_source
from abm.errors import MoriError
from abm.funnel.models import MODELS
from tests.unit.test_engine_parity import AS_OF, synthetic_dataset

#: The leads file as a CRM would export it: its own headers.
RAW = {"lead_id": "Lead ID", "created_at": "作成日", "mql_at": "MQL日", "sal_at": "SAL日",
       "current_stage": "ステージ", "account_id": "取引先ID", "company": "会社名"}  # fmt: skip


def _mapping() -> dict:
    return {"table": "leads", "vendor": "generic", "columns": [[v, k] for k, v in RAW.items()]}


@pytest.fixture(scope="module")
def data():
    ds = synthetic_dataset(2000, seed=5)
    leads = ds.leads[list(RAW)].rename(columns=RAW)
    return ds, leads


def _numbers(engine, tables):
    tables = E.classify_activities(engine, tables)
    counts = E.engagement(engine, tables, as_of=AS_OF)
    reach = E.stage_reach(engine, tables, MODELS["classic"], as_of=AS_OF, per_lead=False)
    return int(counts["n"].sum()), counts.attrs["unmatched"], reach.counts().tolist()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_folder_source_gives_the_upload_numbers(tmp_path, data, fmt):
    ds, leads = data
    (tmp_path / "leads").mkdir()
    for i, part in enumerate(np.array_split(np.arange(len(leads)), 2)):  # two files, one table
        chunk = leads.iloc[part]
        target = tmp_path / "leads" / f"part{i}.{fmt}"
        chunk.to_parquet(target) if fmt == "parquet" else chunk.to_csv(target, index=False)
    acts = ds.activities
    acts.to_parquet(tmp_path / "acts.parquet") if fmt == "parquet" else acts.to_csv(
        tmp_path / "acts.csv", index=False
    )
    config = SourceConfig.from_dict(
        {"kind": "folder", "path": str(tmp_path), "format": fmt, "mappings": [_mapping()],
         "tables": {"leads": f"leads/*.{fmt}", "activities": f"acts.{fmt}"}}
    )  # fmt: skip
    engine = E.connect()
    src = open_source(engine, config)
    assert src.report[["table", "rows"]].values.tolist() == [
        ["leads", len(leads)], ["activities", len(acts)]
    ]  # fmt: skip
    assert set(src.report["kind"]) == {"folder"}
    upload = E.register_dataset(engine, ds.__class__(leads=ds.leads[list(RAW)], activities=acts))
    total, unmatched, reach = _numbers(engine, src.tables)
    assert (total, unmatched) == _numbers(engine, upload)[:2]
    assert reach == _numbers(engine, upload)[2]


def test_duckdb_file_source(tmp_path, data):
    ds, leads = data
    db = tmp_path / "crm.duckdb"
    con = duckdb.connect(str(db))
    con.register("l", leads)
    con.execute("CREATE TABLE crm_leads AS SELECT * FROM l")
    con.close()
    config = SourceConfig.from_dict(
        {"kind": "duckdb", "path": str(db), "tables": {"leads": "crm_leads"},
         "mappings": [_mapping()]}
    )  # fmt: skip
    engine = E.connect()
    src = open_source(engine, config)
    assert src.report["rows"].tolist() == [len(leads)]
    got = E.stage_reach(engine, src.tables, MODELS["classic"], as_of=AS_OF, per_lead=False)
    same = ds.__class__(leads=ds.leads[list(RAW)])
    ref = E.stage_reach(engine, E.register_dataset(engine, same), MODELS["classic"], as_of=AS_OF)
    assert got.counts().tolist() == ref.counts().tolist()

    missing = SourceConfig.from_dict(
        {"kind": "duckdb", "path": str(db), "tables": {"leads": "no_such_table"}}
    )
    with pytest.raises(MoriError) as err:
        open_source(E.connect(), missing)
    assert err.value.key == "engine.err.table_missing"
    assert "no_such_table" in err.value.message("ja")


def test_source_errors_are_clear(tmp_path, data):
    _, leads = data
    engine = E.connect()

    def error(cfg: dict) -> MoriError:
        with pytest.raises(MoriError) as err:
            open_source(engine, SourceConfig.from_dict(cfg))
        err.value.message("ja"), err.value.message("en")  # both complete
        return err.value

    base = {"kind": "folder", "path": str(tmp_path), "tables": {"leads": "*.parquet"}}
    assert error({**base, "path": str(tmp_path / "nope")}).key == "engine.source.err.path_missing"
    assert error(base).key == "engine.source.err.no_files"
    leads.drop(columns=["会社名"]).to_parquet(tmp_path / "leads.parquet")
    err = error({**base, "mappings": [_mapping()]})
    assert (err.key, err.params["column"]) == ("engine.source.err.column_missing", "会社名")
    partial = {**_mapping(), "columns": [["Lead ID", "lead_id"]]}
    err = error({**base, "mappings": [partial]})
    assert (err.key, err.params["column"]) == ("engine.source.err.required", "company")
    with pytest.raises(MoriError) as bad:
        open_source(engine, None)
    assert bad.value.key == "engine.source.err.no_source"


def test_source_config_is_validated():
    with pytest.raises(MoriError) as err:
        SourceConfig.from_dict({"kind": "folder", "path": "x", "tables": {"leads": "a"}, "pth": 1})
    assert err.value.key == "config.err.unknown_key"
    with pytest.raises(MoriError):  # leads are required
        SourceConfig.from_dict({"kind": "folder", "path": "x", "tables": {"accounts": "a"}})
    with pytest.raises(MoriError):  # an unknown table
        SourceConfig.from_dict({"kind": "folder", "path": "x", "tables": {"deals": "a"}})
    cfg = SourceConfig.from_dict({"kind": "warehouse", "tables": {"leads": "MA.LEADS"}})
    assert SourceConfig.from_dict(cfg.to_dict()) == cfg
