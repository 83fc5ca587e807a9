"""Loopback load: many people on the demo's scoring page at once, each moving its slider.

Load model: ``sessions`` people at once (a review meeting where everyone has
the dashboard open, :class:`~tests.support.protocol.Person`), each moving a
slider every ``think`` seconds (uniform range) for ``moves`` moves per round.
Rounds run back to back on the same sessions; the server's resident memory
is read after each round so growth between later rounds shows leaks (caches
keyed by slider values, state that accumulates per rerun).

Used by ``tests/load/test_load.py`` (asserts what must hold, never a time)
and ``python -m bench.load`` (prints the table for ``make bench``).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.protocol import Person, ProtocolError, Session

__all__ = ["LoadReport", "rss_mib", "run_load", "run_load_blocking"]


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
