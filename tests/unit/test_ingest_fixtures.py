"""Ingest test files: loader for ``tests/fixtures/ingest/make_fixtures.py`` (not a package)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

PATH = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "make_fixtures.py"


@cache
def module() -> ModuleType:
    """The fixture builder module."""
    spec = importlib.util.spec_from_file_location("ingest_make_fixtures", PATH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@cache
def files() -> dict[str, bytes]:
    """Every fixture by file name."""
    return module().build()


def test_fixture_builder_is_deterministic_for_text_files() -> None:
    first, second = module().build(), module().build()
    for name in first:
        if not name.endswith((".xlsx", ".xls")):
            assert first[name] == second[name], name


def test_fixture_builder_covers_every_bad_case() -> None:
    names = set(files())
    assert {
        "empty.csv",
        "header_only.csv",
        "png_renamed.csv",
        "zip_renamed.csv",
        "ragged_long.csv",
    } <= names
    assert {
        "unterminated_quote.csv",
        "legacy.xls",
        "encrypted.xlsx",
        "damaged.xlsx",
        "zip_bomb.xlsx",
    } <= names


def test_files_on_disk_match_the_builder() -> None:
    # Workbooks embed a save timestamp, so only the byte-stable files are compared.
    for name, data in files().items():
        path = PATH.parent / name
        if path.exists() and not name.endswith((".xlsx", ".xls")):
            assert path.read_bytes() == data, f"{name}: run make_fixtures.py"
