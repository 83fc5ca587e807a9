"""A real ``streamlit run app.py`` on loopback, for browser journeys, load tests and benches.

:func:`streamlit_server` starts the app with the repository's config on
127.0.0.1 and a port the OS reports free, waits until ``/_stcore/health``
answers and stops it on exit. :data:`CHROMIUM` and :data:`CHROMIUM_ARGS` are
how every Playwright user (tests/e2e, bench/bench_busy_server.py) launches
Debian's Chromium; :data:`ARTIFACTS` is where server logs and figures land.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "ARTIFACTS",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "HEALTH_DEADLINE_S",
    "ROOT",
    "free_port",
    "streamlit_server",
    "team_mode",
]

ROOT = Path(__file__).resolve().parents[2]
#: Server logs, screenshots and the figures of a load run.
ARTIFACTS = ROOT / "test-artifacts"
#: Debian's Chromium (Playwright cannot download its own browser on these machines).
CHROMIUM = os.environ.get("MORI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: generous: a server starting on a busy 2-core machine can take tens of seconds
HEALTH_DEADLINE_S = 240
_PORT_ATTEMPTS = 5


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS reports free right now.

    Another process may take it before the caller binds it: callers that
    start a server retry with a new port when the bind fails
    (:func:`streamlit_server`).
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(
    port: int,
    log_path: Path | None,
    extra_args: tuple[str, ...],
    env: dict[str, str] | None,
    launch: bool = False,
) -> subprocess.Popen:
    """``streamlit run app.py`` on ``127.0.0.1:port``, output appended to ``log_path``
    (``launch``: through ``python -m abm.ui.launch``, as ``make run`` starts it)."""
    cmd = [sys.executable, "-m", "abm.ui.launch"] if launch else []
    cmd = cmd or [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
    cmd += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    cmd += ["--server.headless", "true", *extra_args]
    log = log_path.open("ab") if log_path else subprocess.DEVNULL
    try:
        return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    finally:
        if log_path:
            log.close()


def _wait_healthy(url: str, proc: subprocess.Popen) -> bool:
    """True once ``/_stcore/health`` answers; False if the process exited first."""
    deadline = time.monotonic() + HEALTH_DEADLINE_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=5) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy within {HEALTH_DEADLINE_S} s")


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server; kill it if it has not exited after 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def team_mode(
    folder: Path, *, metadata_url: str, team: str, client_id: str = "mori-test"
) -> tuple[tuple[str, ...], dict[str, str]]:
    """What a server needs to start in team mode (#18), written into ``folder``.

    ``secrets.toml`` holds ``[auth]`` for the OIDC provider at ``metadata_url``
    (the redirect URI keeps Streamlit's ``{port}`` placeholder, so any port
    works) and ``team.toml`` the administrator's file ``team``.

    Returns
    -------
    (tuple of str, dict)
        ``streamlit run`` options (``--secrets.files``: the repository's and
        the user's own secrets are not read) and the environment
        (``MORI_TEAM_CONFIG`` set) for :func:`streamlit_server`.
    """
    import secrets

    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{client_id}"\n'
        'client_secret = "mori-test-secret"\n'
        f'server_metadata_url = "{metadata_url}"\n',
        encoding="utf-8",
    )
    secrets_file.chmod(0o600)
    team_file = folder / "team.toml"
    team_file.write_text(team, encoding="utf-8")
    env = {**os.environ, "MORI_TEAM_CONFIG": str(team_file)}
    return ("--secrets.files", str(secrets_file)), env


@contextmanager
def streamlit_server(
    log_path: Path | None = None,
    extra_args: tuple[str, ...] = (),
    port: int | None = None,
    env: dict[str, str] | None = None,
    launch: bool = False,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start ``streamlit run app.py`` (the repository's config) on loopback.

    Parameters
    ----------
    log_path : pathlib.Path, optional
        The server's output (emptied first); discarded when omitted.
    extra_args : tuple of str
        More ``streamlit run`` options.
    port : int, optional
        Default: a free one from the OS; if the server exits before
        answering (the port was taken in between), it is started again on
        another free port, up to five times.
    env : dict, optional
        Replaces the server's environment (default: this process's).
    launch : bool
        Start it as ``make run`` does, through :mod:`abm.ui.launch` (the work a first
        session would wait for is done first).

    Yields
    ------
    (str, subprocess.Popen)
        ``http://127.0.0.1:PORT`` once ``/_stcore/health`` answers, and the
        process; the server is stopped on exit.
    """
    if log_path:
        log_path.write_bytes(b"")
    for _attempt in range(1 if port else _PORT_ATTEMPTS):
        use = port or free_port()
        url = f"http://127.0.0.1:{use}"
        proc = _start(use, log_path, extra_args, env, launch)
        try:
            healthy = _wait_healthy(url, proc)
        except BaseException:
            _stop(proc)
            raise
        if healthy:
            break
    else:
        raise RuntimeError(f"streamlit exited before answering; see {log_path}")
    try:
        yield url, proc
    finally:
        _stop(proc)
