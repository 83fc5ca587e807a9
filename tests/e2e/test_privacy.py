"""PII canaries and outbound traffic.

* Canary emails, phone numbers and names run through the whole pipeline and
  every page: they appear in no log line, no error message and no file the
  app wrote (only in what the user explicitly downloads) — but the workspace
  store, which keeps the upload on purpose (#18); once the workspace is
  deleted, not even that file holds a byte of them.
* The server makes no outbound connection during that journey (usage
  statistics are off): every socket it holds is loopback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import warnings
from pathlib import Path

import pytest

from abm.ui.shell import PAGES
from tests.e2e.conftest import (
    ROOT,
    Server,
    assert_no_error,
    delete_workspace,
    go,
    upload,
    wait_idle,
)

CANARY_EMAIL = "canary.kanariya@canary-corp.example.jp"
CANARY_PHONE = "090-7777-1234"
CANARY_NAME = "鳥籠カナリア"
CANARIES = (CANARY_EMAIL, CANARY_PHONE, CANARY_NAME, "canary-corp")


def canary_csv() -> bytes:
    head = "会社名,氏名,メールアドレス,電話番号,役職,部署,ステータス,作成日,従業員数\n"
    rows = [
        f"株式会社カナリア商事,{CANARY_NAME},{CANARY_EMAIL},{CANARY_PHONE},部長,情報システム部,顕在化,2026/05/01,abc\n",
        f"カナリア商事(株),{CANARY_NAME},{CANARY_EMAIL.upper()},{CANARY_PHONE},部長,情報システム部,案件化,2026/06/01,300\n",
        "株式会社ほかの会社,山田 太郎,taro@other.example.jp,03-0000-0000,担当,営業部,潜在,not a date,20\n",
    ]
    return (head + "".join(rows)).encode("cp932")


def test_pipeline_logs_and_warnings_carry_no_canary(caplog):
    from abm.ingest import load_files
    from abm.pipeline import prepare

    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dataset, errors = load_files([("canary.csv", canary_csv())])
        prepared = prepare(dataset)
    assert not errors
    assert len(prepared.clean.kept) + len(prepared.clean.merged) + len(prepared.clean.excluded) == 3
    text = "\n".join(r.getMessage() for r in caplog.records) + "\n".join(
        str(w.message) for w in caught
    )
    issues = "\n".join(src.issues.to_string() for src in dataset.sources)
    for canary in CANARIES:
        assert canary not in text
        assert canary.lower() not in issues.lower()


def _files_under(roots: list[Path]) -> dict[Path, float]:
    """Every file under ``roots`` (below 50 MB) with its modification time."""
    out = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in {".venv", ".git", "node_modules"}]
            for name in filenames:
                path = Path(dirpath) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                if st.st_size < 50_000_000:
                    out[path] = st.st_mtime
    return out


def _private_env(home: Path) -> dict[str, str]:
    """The server's environment with every folder it may write to inside ``home``.

    Temporary files (``TMPDIR``), the home folder (Streamlit's own
    ``~/.streamlit``), XDG cache/config/data: nothing the app writes can land
    outside it or the repository, and no other process writes inside it.
    """
    tmp = home / "tmp"
    for sub in ("tmp", ".cache", ".config", ".local/share"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        TMPDIR=str(tmp),
        TEMP=str(tmp),
        TMP=str(tmp),
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
    )
    return env


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


_LOOPBACK = {"0100007F", "00000000", "00000000000000000000000000000000",
             "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}  # fmt: skip


def _remote_addresses(pid: int) -> set[str]:
    inodes = _socket_inodes(pid)
    found = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path(f"/proc/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            f = line.split()
            if f[9] in inodes:
                found.add(f[2].split(":")[0])
    return found


class _Sockets:
    """Samples the remote address of every socket a process holds, every 50 ms, in a thread."""

    def __init__(self, pid: int) -> None:
        self.seen: set[str] = set()
        self._pid = pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError):
                self.seen.update(_remote_addresses(self._pid))
            time.sleep(0.05)

    def stop(self) -> set[str]:
        """Stop sampling; return the addresses that are not loopback."""
        self._stop.set()
        self._thread.join()
        return {a for a in self.seen if not a.endswith("7F") and a not in _LOOPBACK}


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_app_never_writes_or_logs_a_canary_nor_connects_out(browser, tmp_path):
    """An upload through every page: no canary in a log, a message or a file the app wrote,
    and every socket the server held during the journey was loopback (no usage statistics,
    no CDN, no outbound call of any kind)."""
    repo_before = _files_under([ROOT])
    home = tmp_path / "server-home"
    env = {**_private_env(home), "MORI_PERSIST": "1", "MORI_HOME": str(home / "mori")}
    srv = Server(name="canary", env=env)
    sockets = _Sockets(srv.proc.pid)
    outside: set[str] = set()
    ctx = browser.new_context(locale="ja-JP")
    try:
        page = ctx.new_page()
        page.set_default_timeout(90_000)
        page.goto(srv.url)
        wait_idle(page)
        upload(page, [("canary.csv", canary_csv())])
        for path, key, _icon in PAGES:
            go(page, key, "ja")
            assert_no_error(page, path)
            alerts = " ".join(page.get_by_test_id("stAlert").all_inner_texts())
            for canary in CANARIES:
                assert canary not in alerts, (path, "message shows a value")
        assert (home / "mori" / "mori-store.duckdb").exists()  # the upload was kept…
        delete_workspace(page, "ja")  # …until its workspace is deleted
    finally:
        ctx.close()
        outside = sockets.stop()
        srv.stop()
    assert sockets.seen, "the sampler saw the server's sockets"
    assert outside == set(), outside
    log = srv.log_path.read_text(encoding="utf-8", errors="replace")
    for canary in CANARIES:
        assert canary not in log
    # what the server could have written: its own folders, and repository files
    # created or changed while it ran (test-artifacts holds the suite's own logs)
    repo_after = _files_under([ROOT])
    touched = list(_files_under([home])) + [
        p
        for p, mtime in repo_after.items()
        if "test-artifacts" not in p.parts and repo_before.get(p) != mtime
    ]
    leaks = []
    for path in touched:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(
            c.encode() in data or c.encode("cp932", "ignore") in data
            for c in CANARIES
            if c.isascii()
        ):
            leaks.append(path)
    assert leaks == []
