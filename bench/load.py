"""Loopback load harness: many Streamlit sessions speaking the browser's protocol.

Each simulated person opens a websocket to ``/_stcore/stream`` exactly as the
browser does (binary ``BackMsg`` protobufs in, ``ForwardMsg`` out), loads the
demo data with ``?demo=1``, opens the scoring page and moves a scoring slider
with think time between moves. A *rerun* is timed from sending the widget
change to receiving ``script_finished`` — what a person waits for. The server
is a real ``streamlit run app.py`` with the repository's config.

Load model: ``sessions`` people at once (a review meeting where everyone has
the dashboard open), each moving a slider every ``think`` seconds (uniform
range) for ``moves`` moves per round. Rounds run back to back on the same
sessions; the server's resident memory is read after each round so growth
between later rounds shows leaks (caches keyed by slider values, state that
accumulates per rerun).

Used by ``tests/load/test_load.py`` (asserts the targets) and by
``python -m bench.load`` (prints the table for ``make bench``). Standard
library + ``websockets`` (a Streamlit dependency) + Streamlit's own protobufs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from abm.i18n import t

ROOT = Path(__file__).resolve().parents[1]
#: the slider the load moves (engagement threshold for MQL: every move rescored)
SLIDER_KEY = "scoring.w.engagement_threshold"
SCORING_PAGE = "Scoring"
#: the slider lives on this tab of the scoring controls (tabs run lazily)
TABS_KEY, TAB = "scoring.tabs", "scoring.tab.rules"


class ProtocolError(RuntimeError):
    """The server answered something a browser would show as broken."""


@dataclass
class RunResult:
    """What one script run sent back."""

    seconds: float
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    sliders: dict[str, tuple[str, float, float, float, float]] = field(default_factory=dict)
    tabs: dict[str, str] = field(default_factory=dict)  # user key -> widget id of st.tabs
    exceptions: int = 0
    error_alerts: int = 0
    metrics: int = 0


def _scan(msg: ForwardMsg, out: RunResult) -> None:
    kind = msg.WhichOneof("type")
    if kind == "new_session":
        for page in msg.new_session.app_pages:
            out.pages[page.url_pathname or page.page_name] = page.page_script_hash
    elif kind == "navigation":
        for page in msg.navigation.app_pages:
            out.pages[page.url_pathname or page.page_name] = page.page_script_hash
    elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
        block = msg.delta.add_block
        if block.WhichOneof("type") == "tab_container" and block.tab_container.id:
            out.tabs[block.tab_container.id.rsplit("-", 1)[-1]] = block.tab_container.id
    elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        el = msg.delta.new_element
        which = el.WhichOneof("type")
        if which == "exception":
            out.exceptions += 1
        elif which == "alert" and el.alert.format == el.alert.ERROR:
            out.error_alerts += 1
        elif which == "metric":
            out.metrics += 1
        elif which == "slider":
            s = el.slider
            key = s.id.rsplit("-", 1)[-1]
            value = s.value[0] if s.set_value and s.value else s.default[0]
            out.sliders[key] = (s.id, s.min, s.max, s.step, value)


class Session:
    """One browser session over a websocket (no browser)."""

    def __init__(self, base_url: str, *, locale: str = "ja-JP") -> None:
        self.base_url = base_url
        self.locale = locale
        self.ws = None
        self.page_hash = ""
        self.query = ""  # the URL's query string, as the browser keeps it

    async def __aenter__(self) -> Session:
        host = self.base_url.split("://", 1)[1]
        self.ws = await connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base_url,
            max_size=None,
            open_timeout=30,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(
        self,
        *,
        query: str | None = None,
        page_hash: str | None = None,
        widgets: list[tuple[str, float | str]] = (),
        timeout: float = 120,
    ) -> RunResult:
        """Send one rerun request and wait until the script has finished.

        ``query`` replaces the URL's query string (navigation); by default the
        current one is sent, as the browser does.
        """
        if query is not None:
            self.query = query
        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash if page_hash is None else page_hash
        cs.context_info.locale = self.locale
        cs.context_info.timezone = "Asia/Tokyo"
        for wid, value in widgets:
            ws = cs.widget_states.widgets.add()
            ws.id = wid
            if isinstance(value, str):
                ws.string_value = value  # st.tabs: the selected tab's label
            else:
                ws.double_array_value.data.append(value)  # st.slider
        out = RunResult(seconds=0.0)
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        deadline = started + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError("script did not finish in time")
            raw = await asyncio.wait_for(self.ws.recv(), timeout=left)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            _scan(msg, out)
            kind = msg.WhichOneof("type")
            if kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    out.seconds = time.perf_counter() - started
                    return out
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("script failed to compile")


def _shared_threshold(query_string: str) -> float:
    """The engagement threshold in the page's share link (``?m=``), if any."""
    from urllib.parse import parse_qs

    from abm.scoring import ScoringModel, decode_model

    code = parse_qs(query_string).get("m", [""])[0]
    return (decode_model(code) if code else ScoringModel()).engagement_threshold


def _check(run: RunResult, where: str) -> None:
    if run.exceptions or run.error_alerts:
        raise ProtocolError(f"{where}: {run.exceptions} exception(s), {run.error_alerts} error(s)")


@dataclass
class Person:
    """A simulated user: a session on the scoring page with its slider."""

    session: Session
    rng: random.Random
    slider_id: str = ""
    lo: float = 0.0
    hi: float = 100.0
    step: float = 1.0
    value: float = 0.0
    reruns: list[float] = field(default_factory=list)

    async def open(self) -> float:
        """Load the demo data, open the scoring page; return the seconds it took."""
        t0 = time.perf_counter()
        home = await self.session.rerun(query="demo=1", page_hash="")
        _check(home, "home")
        page_hash = home.pages.get(SCORING_PAGE)
        if page_hash is None:
            raise ProtocolError("scoring page not listed")
        scoring = await self.session.rerun(query="", page_hash=page_hash)
        _check(scoring, "scoring")
        if TABS_KEY not in scoring.tabs:
            raise ProtocolError("scoring page did not render its tabs")
        label = t(TAB, "ja" if self.session.locale.startswith("ja") else "en")
        scoring = await self.session.rerun(widgets=[(scoring.tabs[TABS_KEY], label)])
        _check(scoring, "scoring rules tab")
        if SLIDER_KEY not in scoring.sliders or not scoring.metrics:
            raise ProtocolError("scoring page did not render its slider and metrics")
        self.slider_id, self.lo, self.hi, self.step, self.value = scoring.sliders[SLIDER_KEY]
        return time.perf_counter() - t0

    async def move(self) -> float:
        """Move the slider to another value (as a drag would) and time the rerun."""
        n_steps = round((self.hi - self.lo) / self.step)
        new = self.value
        while new == self.value:
            new = self.lo + self.step * self.rng.randint(0, n_steps)
        run = await self.session.rerun(widgets=[(self.slider_id, new)])
        _check(run, "slider move")
        if SLIDER_KEY not in run.sliders or not run.metrics:
            raise ProtocolError("scoring page lost its slider or metrics")
        if _shared_threshold(self.session.query) != new:
            raise ProtocolError("share link does not carry the value this session sent")
        self.value = new
        self.reruns.append(run.seconds)
        return run.seconds

    async def round(self, moves: int, think: tuple[float, float]) -> None:
        """``moves`` slider moves, each after a think time drawn from ``think``."""
        for _ in range(moves):
            await asyncio.sleep(self.rng.uniform(*think))
            await self.move()


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ProtocolError("no VmRSS")


@dataclass(frozen=True)
class LoadReport:
    """Figures from one load run."""

    sessions: int
    open_seconds: tuple[float, ...]
    round_reruns: tuple[tuple[float, ...], ...]  # per measured round
    round_rss_mib: tuple[float, ...]  # server RSS after warm-up, then after each round
    wall_seconds: float

    @property
    def reruns(self) -> tuple[float, ...]:
        """Every timed rerun of the measured rounds."""
        return tuple(x for r in self.round_reruns for x in r)

    @staticmethod
    def percentile(values: tuple[float, ...], q: float) -> float:
        """The ``q`` quantile (0–1) by linear interpolation."""
        if len(values) < 2:
            return values[0] if values else float("nan")
        return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]

    @property
    def p50(self) -> float:
        """Median rerun seconds."""
        return statistics.median(self.reruns)

    @property
    def p95(self) -> float:
        """95th percentile rerun seconds."""
        return self.percentile(self.reruns, 0.95)

    @property
    def growth_last(self) -> float:
        """Relative RSS growth between the last two rounds."""
        a, b = self.round_rss_mib[-2], self.round_rss_mib[-1]
        return (b - a) / a

    def table(self) -> str:
        """Markdown table of the run."""
        rows = [
            "| round | reruns | p50 s | p95 s | max s | server RSS after (MiB) |",
            "|---|---|---|---|---|---|",
            f"| warm-up (open + load demo) | {self.sessions} | "
            f"{statistics.median(self.open_seconds):.2f} | "
            f"{self.percentile(self.open_seconds, 0.95):.2f} | {max(self.open_seconds):.2f} | "
            f"{self.round_rss_mib[0]:.0f} |",
        ]
        for i, (runs, rss) in enumerate(
            zip(self.round_reruns, self.round_rss_mib[1:], strict=True), start=1
        ):
            rows.append(
                f"| {i} | {len(runs)} | {statistics.median(runs):.3f} | "
                f"{self.percentile(runs, 0.95):.3f} | {max(runs):.3f} | {rss:.0f} |"
            )
        rows.append(
            f"| all measured | {len(self.reruns)} | {self.p50:.3f} | {self.p95:.3f} | "
            f"{max(self.reruns):.3f} | growth last round {self.growth_last:+.1%} |"
        )
        return "\n".join(rows)


async def run_load(
    base_url: str,
    server_pid: int,
    *,
    sessions: int = 20,
    rounds: int = 3,
    moves: int = 5,
    think: tuple[float, float] = (1.0, 3.0),
    seed: int = 0,
    deadline_s: float = 600,
) -> LoadReport:
    """Run the load against a server and return the figures.

    Parameters
    ----------
    base_url
        ``http://127.0.0.1:PORT`` of a running ``streamlit run app.py``.
    server_pid
        Its process id, for resident-memory readings.
    sessions
        Concurrent sessions (people).
    rounds
        Measured rounds after the warm-up; memory is read after each.
    moves
        Slider moves per session per round.
    think
        Think time between moves, seconds (uniform range).
    seed
        Seed of the simulated people's choices.
    deadline_s
        The whole run is cancelled (``TimeoutError``) past this many seconds.

    Returns
    -------
    LoadReport
        Open times, per-round rerun times and memory readings.
    """

    async def body() -> LoadReport:
        t0 = time.perf_counter()
        people = [
            Person(Session(base_url, locale="ja-JP" if i % 2 else "en-US"), random.Random(seed + i))
            for i in range(sessions)
        ]
        for p in people:
            await p.session.__aenter__()
        try:
            opened = await asyncio.gather(*(p.open() for p in people))
            # one move each, not timed: the first rescore of a session fills its memo
            await asyncio.gather(*(p.move() for p in people))
            rss = [rss_mib(server_pid)]
            per_round = []
            for _ in range(rounds):
                marks = [len(p.reruns) for p in people]
                await asyncio.gather(*(p.round(moves, think) for p in people))
                per_round.append(
                    tuple(x for p, m in zip(people, marks, strict=True) for x in p.reruns[m:])
                )
                rss.append(rss_mib(server_pid))
        finally:
            for p in people:
                await p.session.__aexit__(None, None, None)
        return LoadReport(
            sessions=sessions,
            open_seconds=tuple(opened),
            round_reruns=tuple(per_round),
            round_rss_mib=tuple(rss),
            wall_seconds=time.perf_counter() - t0,
        )

    return await asyncio.wait_for(body(), timeout=deadline_s)


def run_load_blocking(base_url: str, server_pid: int, **options: Any) -> LoadReport:
    """:func:`run_load` from synchronous code, on a private event loop in a thread.

    Safe where the calling thread already runs an event loop (pytest with
    Playwright's sync API, notebooks).
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run_load(base_url, server_pid, **options)).result()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS reports free right now.

    Another process may take it before the caller binds it: callers that
    start a server retry with a new port when the bind fails
    (:func:`streamlit_server`).
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: generous: a server starting on a busy 2-core machine can take tens of seconds
HEALTH_DEADLINE_S = 240
_PORT_ATTEMPTS = 5


def _start(
    port: int, log_path: Path | None, extra_args: tuple[str, ...], env: dict[str, str] | None
) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
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
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def streamlit_server(
    log_path: Path | None = None,
    extra_args: tuple[str, ...] = (),
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start ``streamlit run app.py`` (the repository's config) on loopback.

    Yields ``(base_url, process)`` once ``/_stcore/health`` answers; stops the
    server on exit. ``port`` defaults to a free one from the OS; if the server
    exits before answering (the port was taken in between), it is started
    again on another free port, up to five times. ``env`` replaces the
    server's environment (default: this process's).
    """
    if log_path:
        log_path.write_bytes(b"")
    for _attempt in range(1 if port else _PORT_ATTEMPTS):
        use = port or free_port()
        url = f"http://127.0.0.1:{use}"
        proc = _start(use, log_path, extra_args, env)
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


def main(argv: list[str] | None = None) -> None:
    """Start a server, run the load, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--moves", type=int, default=5)
    ap.add_argument("--think", default="1,3", help="think-time range in seconds, 'lo,hi'")
    ap.add_argument("server_args", nargs="*", help="extra `streamlit run` options, after --")
    args = ap.parse_args(argv)
    lo, hi = (float(x) for x in args.think.split(","))
    with streamlit_server(extra_args=tuple(args.server_args)) as (url, proc):
        report = run_load_blocking(
            url,
            proc.pid,
            sessions=args.sessions,
            rounds=args.rounds,
            moves=args.moves,
            think=(lo, hi),
        )
    print(
        f"{args.sessions} sessions on the demo data, scoring slider, think {lo:g}–{hi:g} s, "
        f"{args.moves} moves × {args.rounds} rounds; {os.cpu_count()} cores; "
        f"wall {report.wall_seconds:.0f} s"
    )
    print(report.table())
    from abm.demo import load_demo
    from bench.common import Figure, emit

    demo_leads = len(load_demo().leads)
    who = f"{args.sessions} sessions at once"
    emit(
        [
            Figure(
                "load (loopback server)",
                f"{who}: open the demo + scoring page (slowest)",
                demo_leads,
                max(report.open_seconds),
                args.sessions,
                report.round_rss_mib[0],
                memory="rss",
            ),
            Figure(
                "load (loopback server)",
                f"{who}: slider rerun p95, think {lo:g}–{hi:g} s",
                demo_leads,
                report.p95,
                len(report.reruns),
                max(report.round_rss_mib),
                memory="rss",
                target="p95 ≤ 1 s; memory growth ≤ 5 % a round",
                met=report.p95 <= 1.0 and report.growth_last <= 0.05,
                note=f"p50 {report.p50:.2f} s, growth {report.growth_last:+.1%}",
            ),
        ]
    )


if __name__ == "__main__":
    main()
