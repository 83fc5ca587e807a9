"""Engine configuration: which database runs the heavy aggregations, and with what limits.

An administrator writes it (a TOML or JSON file beside the app, or the
``engine`` section of a deployment's settings); nobody types a connection into
the browser. Warehouse credentials never sit here: :class:`EngineConfig` only
names a *secrets file* and a connection inside it (the Streamlit convention,
``[connections.<name>]`` in ``.streamlit/secrets.toml``), read when the engine
connects (:func:`abm.engine.connect`).

Nothing here reads the machine: ``threads`` is what the caller passes
(``os.cpu_count()`` in the app), ``temp_directory`` a folder it chose.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from abm.core.config import Config, Invalid, Spec
from abm.core.safejson import parse_json
from abm.errors import MoriError

__all__ = ["BACKENDS", "WAREHOUSES", "EngineConfig", "load_engine_config", "read_secrets"]

#: Warehouses reached through Ibis backends (compile-tested; configured by an administrator).
WAREHOUSES: tuple[str, ...] = ("snowflake", "bigquery", "postgres")
#: Every engine :func:`abm.engine.connect` knows.
BACKENDS: tuple[str, ...] = ("duckdb", "spark", *WAREHOUSES)

_MEMORY = r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$"
_MAX_FILE = 1_000_000


@dataclass(frozen=True)
class EngineConfig(Config):
    """Where the heavy aggregations run.

    Parameters
    ----------
    backend : {"duckdb", "spark", "snowflake", "bigquery", "postgres"}
        ``duckdb`` (the default) is embedded: uploads included, everything runs
        in this process, out of core beyond ``memory_limit``.
    database : str
        DuckDB: ``":memory:"`` or a database file (created when absent).
    memory_limit : str
        DuckDB's ``memory_limit`` (``"4GB"``); ``""`` keeps DuckDB's default
        (80 % of the machine's memory).
    temp_directory : str
        DuckDB's spill folder for joins and sorts larger than ``memory_limit``;
        ``""`` keeps DuckDB's default (beside the database file).
    threads : int
        DuckDB worker threads; ``0`` keeps DuckDB's default. The app passes the
        machine's cores.
    spark_master : str
        Spark master URL (``"local[2]"``, ``"spark://host:7077"``, ``"yarn"``).
    spark_conf : tuple of (str, str)
        Extra Spark settings (``spark.executor.memory``…), applied to the
        ``SparkSession`` builder.
    secrets_file : str
        Warehouses: TOML file holding the connection's parameters.
    connection : str
        Warehouses: name of the ``[connections.<name>]`` table in ``secrets_file``.
    """

    backend: Annotated[str, Spec(choices=BACKENDS)] = "duckdb"
    database: Annotated[str, Spec(max_len=4096)] = ":memory:"
    memory_limit: Annotated[str, Spec(max_len=20)] = ""
    temp_directory: Annotated[str, Spec(max_len=4096)] = ""
    threads: Annotated[int, Spec(min=0, max=1024)] = 0
    spark_master: Annotated[str, Spec(max_len=400)] = "local[2]"
    spark_conf: Annotated[tuple[tuple[str, str], ...], Spec(table=True, max_len=200)] = ()
    secrets_file: Annotated[str, Spec(max_len=4096)] = ".streamlit/secrets.toml"
    connection: Annotated[str, Spec(max_len=100)] = "mori_warehouse"

    SECTION = "engine"

    def _check(self) -> None:
        """A memory limit is a number and a unit (``"4GB"``, ``"512MiB"``)."""
        import re

        if self.memory_limit and not re.match(_MEMORY, self.memory_limit.strip()):
            raise Invalid("memory_limit")


def _read_file(path: Path) -> dict[str, Any]:
    """A small TOML or JSON file as a dict (``engine.err.config_file`` when unreadable)."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise MoriError("engine.err.config_missing", file=path.name) from None
    if len(raw) > _MAX_FILE:
        raise MoriError("engine.err.config_file", file=path.name)
    if path.suffix.lower() == ".json":
        data = parse_json(raw, file=path.name, max_bytes=_MAX_FILE)
    else:
        try:
            data = tomllib.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            raise MoriError("engine.err.config_file", file=path.name) from None
    if not isinstance(data, dict):
        raise MoriError("engine.err.config_file", file=path.name)
    return data


def load_engine_config(path: str | Path) -> EngineConfig:
    """Read an administrator's engine file (TOML or JSON; the ``engine`` table or the top level).

    Raises
    ------
    MoriError
        ``engine.err.config_*`` when the file is missing or unreadable,
        ``config.err.*`` (naming the key, never the value) when a setting is invalid.
    """
    p = Path(path)
    data = _read_file(p)
    section = data.get("engine", data)
    return EngineConfig.from_dict(section, section="engine", file=p.name)


def read_secrets(config: EngineConfig) -> dict[str, Any]:
    """The warehouse connection's parameters from the secrets file (never logged or shown).

    Raises
    ------
    MoriError
        ``engine.err.secrets_missing`` when the file or the connection is absent.
    """
    p = Path(config.secrets_file)
    try:
        data = _read_file(p)
    except MoriError:
        raise MoriError("engine.err.secrets_missing", file=p.name, name=config.connection) from None
    params = data.get("connections", {}).get(config.connection)
    if not isinstance(params, dict):
        raise MoriError("engine.err.secrets_missing", file=p.name, name=config.connection)
    return {k: v for k, v in params.items() if k != "type"}
