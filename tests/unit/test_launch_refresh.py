"""The launcher's warm-up thread looks whether the source changed every ``refresh_minutes``."""

from __future__ import annotations

import pytest

from abm.ui import jobs, launch, sources


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    got: list[str] = []
    monkeypatch.setattr(sources, "warm_up", lambda: got.append("warm_up") or True)
    monkeypatch.setattr(sources, "refresh", lambda: got.append("refresh") or False)
    monkeypatch.setattr(jobs, "start_fork_server", lambda: got.append("fork server"))
    monkeypatch.setattr(launch.time, "sleep", lambda s: got.append(f"sleep {s:g}"))
    return got


def test_the_source_is_looked_at_every_refresh_minutes_as_the_file_says_now(calls, monkeypatch):
    said = iter([2, 2, 0])  # the administrator turns it off after the second look
    monkeypatch.setattr(launch, "_refresh_minutes", lambda: next(said))
    launch.warm_data(demo=False)
    assert calls == ["warm_up", "fork server", "sleep 120", "refresh", "sleep 120", "refresh"]


def test_without_refresh_minutes_the_thread_ends_after_the_warm_up(calls, monkeypatch):
    monkeypatch.setattr(launch, "_refresh_minutes", lambda: 0)
    launch.warm_data(demo=False)
    assert calls == ["warm_up", "fork server"]


def test_refresh_minutes_come_from_the_administrators_source(tmp_path, monkeypatch):
    path = tmp_path / "mori.toml"
    monkeypatch.setenv("MORI_CONFIG", str(path))
    base = '[source]\nkind = "duckdb"\npath = "x.duckdb"\n[source.tables]\nleads = "t"\n'
    path.write_text(base.replace("[source.tables]", "refresh_minutes = 15\n[source.tables]"))
    assert launch._refresh_minutes() == 0  # no store: nothing to keep, nothing to refresh
    with_store = 'store = "p.duckdb"\nrefresh_minutes = 15\n[source.tables]'
    path.write_text(base.replace("[source.tables]", with_store))
    assert launch._refresh_minutes() == 15
    path.write_text("not toml [")
    assert launch._refresh_minutes() == 0  # a broken file is the Data page's to report
