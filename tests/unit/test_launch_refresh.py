"""The launcher's warm-up thread looks whether the source changed every ``refresh_minutes``."""

from __future__ import annotations

import types

import pytest

from abm.ui import jobs, launch, warmup


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    got: list[str] = []
    monkeypatch.setattr(warmup, "warm_up", lambda: got.append("warm_up") or True)
    monkeypatch.setattr(warmup, "refresh", lambda: got.append("refresh") or False)
    monkeypatch.setattr(jobs, "start_fork_server", lambda: got.append("fork server"))
    sleep = types.SimpleNamespace(sleep=lambda s: got.append(f"sleep {s:g}"))
    monkeypatch.setattr(launch, "time", sleep)  # this module's clock only
    return got


def test_the_source_is_looked_at_every_refresh_minutes_as_the_file_says_now(calls, monkeypatch):
    said = iter([2, 3, 0])  # the administrator changes it, then turns it off
    monkeypatch.setattr(launch, "_refresh_minutes", lambda last: next(said))
    launch.warm_data(demo=False)
    assert calls == ["warm_up", "fork server", "sleep 120", "refresh", "sleep 180", "refresh"]


def test_without_refresh_minutes_the_thread_ends_after_the_warm_up(calls, monkeypatch):
    monkeypatch.setattr(launch, "_refresh_minutes", lambda last: 0)
    launch.warm_data(demo=False)
    assert calls == ["warm_up", "fork server"]


def _admin(tmp_path, name: str, text: str, monkeypatch) -> None:
    path = tmp_path / name  # one file per case: the settings are cached per file and time
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MORI_CONFIG", str(path))


def test_refresh_minutes_come_from_the_administrators_source(tmp_path, monkeypatch):
    base = '[source]\nkind = "duckdb"\npath = "x.duckdb"\n{more}[source.tables]\nleads = "t"\n'
    _admin(tmp_path, "a.toml", base.format(more="refresh_minutes = 15\n"), monkeypatch)
    assert launch._refresh_minutes(7) == 0  # no store: nothing to keep, nothing to refresh
    more = 'store = "p.duckdb"\nrefresh_minutes = 15\n'
    _admin(tmp_path, "b.toml", base.format(more=more), monkeypatch)
    assert launch._refresh_minutes(7) == 15
    _admin(tmp_path, "c.toml", base.format(more='store = "p.duckdb"\n'), monkeypatch)
    assert launch._refresh_minutes(7) == 0  # turned off
    off = more + "prepare_ahead = false\n"
    _admin(tmp_path, "e.toml", base.format(more=off), monkeypatch)
    assert launch._refresh_minutes(7) == 0  # nothing is prepared ahead: nothing to refresh
    _admin(tmp_path, "d.toml", "not toml [", monkeypatch)
    assert launch._refresh_minutes(15) == 15  # caught half-written: the refreshes go on
    monkeypatch.setenv("MORI_CONFIG", str(tmp_path))  # a folder: read_bytes raises OSError
    assert launch._refresh_minutes(15) == 15
