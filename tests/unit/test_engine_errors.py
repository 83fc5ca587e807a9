"""Engine failures a user or an administrator can cause: one clear message each, never a traceback."""

from __future__ import annotations

import pandas as pd
import pytest

import abm.engine as E
from abm.engine.backends import SparkEngine
from abm.engine.config import EngineConfig, load_engine_config
from abm.errors import MoriError


def _raises(fn, key: str) -> MoriError:
    with pytest.raises(MoriError) as err:
        fn()
    assert err.value.key == key, err.value.key
    for lang in ("ja", "en"):
        assert "{" not in err.value.message(lang)
    return err.value


def test_memory_limit_names_the_step_and_what_to_change(tmp_path):
    engine = E.connect(EngineConfig(memory_limit="32MB", threads=1, temp_directory=str(tmp_path)))
    big = engine.con.sql("SELECT list(range) AS l FROM range(30000000)")  # a list cannot spill
    err = _raises(lambda: engine.execute(big, step="activities by lead"), "engine.err.memory")
    assert err.params["step"] == "activities by lead"
    assert "32MB" in err.message("en") and "memory_limit" in err.message("en")
    assert "temp_directory" in err.message("ja")
    assert isinstance(err.__cause__, Exception)  # the driver's error, for a developer only


def test_missing_table_and_column():
    engine = E.connect()
    err = _raises(lambda: engine.table("mori_leads"), "engine.err.table_missing")
    assert err.params["table"] == "mori_leads"
    engine.register("t", pd.DataFrame({"a": [1]}))

    def query() -> None:
        with engine.guard("x"):
            engine.execute(engine.con.sql("SELECT no_such_column FROM t"), step="x")

    _raises(query, "engine.err.query_column_missing")


def test_unreachable_database(tmp_path):
    cfg = EngineConfig(database=str(tmp_path / "no" / "such" / "dir" / "mori.duckdb"))
    err = _raises(lambda: E.connect(cfg), "engine.err.unreachable")
    assert err.params["step"] == "connect"


def test_java_missing_for_spark(monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    pytest.importorskip("pyspark")
    _raises(lambda: SparkEngine.open(EngineConfig(backend="spark")), "engine.err.java_missing")


def test_warehouse_secrets_stay_secret(tmp_path):
    secrets = tmp_path / "secrets.toml"
    cfg = EngineConfig(backend="snowflake", secrets_file=str(secrets), connection="wh")
    _raises(lambda: E.connect(cfg), "engine.err.secrets_missing")
    secrets.write_text('[connections.other]\nuser = "x"\n', encoding="utf-8")
    _raises(lambda: E.connect(cfg), "engine.err.secrets_missing")
    secrets.write_text(
        '[connections.wh]\naccount = "acme"\nuser = "mori"\npassword = "hunter2-secret"\n',
        encoding="utf-8",
    )
    with pytest.raises(MoriError) as err:  # no Snowflake driver here, or no such account
        E.connect(cfg)
    assert err.value.key in ("engine.err.backend_missing", "engine.err.unreachable")
    for lang in ("ja", "en"):
        assert "hunter2" not in err.value.message(lang)
    assert "hunter2" not in repr(err.value.params)


def test_engine_config_file(tmp_path):
    toml = tmp_path / "mori_engine.toml"
    toml.write_text(
        '[engine]\nbackend = "duckdb"\ndatabase = "mori.duckdb"\nmemory_limit = "4GB"\n'
        'threads = 2\ntemp_directory = "/tmp/mori-spill"\n',
        encoding="utf-8",
    )
    cfg = load_engine_config(toml)
    assert (cfg.memory_limit, cfg.threads, cfg.database) == ("4GB", 2, "mori.duckdb")
    toml.write_text('[engine]\nmemory_limit = "lots"\n', encoding="utf-8")
    _raises(lambda: load_engine_config(toml), "config.err.invalid")
    toml.write_text('[engine]\nbackend = "oracle"\n', encoding="utf-8")
    with pytest.raises(MoriError):
        load_engine_config(toml)
    toml.write_text('[engine]\npasword = "x"\n', encoding="utf-8")
    _raises(lambda: load_engine_config(toml), "config.err.unknown_key")
    toml.write_text("[engine\n", encoding="utf-8")
    _raises(lambda: load_engine_config(toml), "engine.err.config_file")
    _raises(lambda: load_engine_config(tmp_path / "absent.toml"), "engine.err.config_missing")
    js = tmp_path / "engine.json"
    js.write_text('{"backend": "spark", "spark_conf": {"spark.executor.memory": "2g"}}')
    assert dict(load_engine_config(js).spark_conf) == {"spark.executor.memory": "2g"}


def test_preloading_the_engine_never_raises_and_imports_its_backend(monkeypatch):
    """The app imports the embedded engine on a thread while a worker runs: a failed import
    is left for the connection to report (translated), never raised on that thread."""
    import importlib
    import sys

    from abm.engine.backends import preload

    preload()
    assert "ibis.backends.duckdb" in sys.modules

    def broken(name):
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", broken)
    preload()  # no exception
