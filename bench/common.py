"""What every benchmark shares: timing, peak memory, and the one table of ``make bench``.

Each ``bench_*`` script prints its own detailed table and also hands its
headline figures to :func:`emit` as :class:`Figure` rows. When
``bench.run_all`` runs the scripts it points :data:`ENV` at a file per
script, collects the rows and prints them as one table with :func:`table`:
one line per measured step, one column per size, each cell the median of
≥ 3 runs and the peak memory, then the target and whether it was met.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

#: Environment variable naming the JSON-lines file :func:`emit` appends to.
ENV = "MORI_BENCH_JSON"

# Benchmarks never store their data in the user's workspace (~/.mori): a developer's next
# `make run` would reopen a million generated leads. Those that measure storing give it a
# store of their own (bench_workspace, bench_busy_server).
os.environ.setdefault("MORI_PERSIST", "0")


@dataclass(frozen=True)
class Figure:
    """One measured step at one size.

    Attributes
    ----------
    area : str
        Pipeline stage (``"ingest"``, ``"名寄せ"``, ``"funnel"``…).
    step : str
        What was timed, in a few words.
    leads : int
        Input size in leads.
    seconds : float
        Median wall seconds of ``runs`` runs.
    runs : int
    peak_mib : float or None
        Peak memory of the step in MiB (see ``memory``).
    memory : str
        How the peak was measured: ``"traced"`` (tracemalloc, the step's own
        allocations) or ``"rss"`` (peak resident set of the process).
    target : str
        The issue's target for this step, in words (``""`` when none).
    met : bool or None
        Whether this figure meets the target (``None`` when the target does
        not apply at this size).
    note : str
        A short extra (``"3.0× pyarrow"``, ``"P 1.0000 R 0.98"``).
    """

    area: str
    step: str
    leads: int
    seconds: float
    runs: int
    peak_mib: float | None = None
    memory: str = "traced"
    target: str = ""
    met: bool | None = None
    note: str = ""


def median_seconds(fn: Callable[[int], Any], runs: int) -> tuple[float, Any]:
    """Median wall seconds of ``fn(i)`` for ``i`` in ``range(runs)``, and the last result."""
    times, out = [], None
    for i in range(runs):
        t0 = time.perf_counter()
        out = fn(i)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def traced_peak_mib(fn: Callable[[], Any]) -> float:
    """Peak traced memory (MiB) of one extra call of ``fn`` (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def emit(figures: Iterable[Figure]) -> None:
    """Append ``figures`` to the file named by :data:`ENV` (no-op when unset)."""
    path = os.environ.get(ENV)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        for f in figures:
            fh.write(json.dumps(asdict(f), ensure_ascii=False) + "\n")


def read(path: str) -> list[Figure]:
    """Figures written by :func:`emit` to ``path``."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return [Figure(**json.loads(line)) for line in fh if line.strip()]


def _size(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return f"{n:,}"


def _secs(s: float) -> str:
    if s < 0.1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def _mib(m: float | None, kind: str) -> str:
    if m is None:
        return ""
    text = f"{m / 1024:.1f} GiB" if m >= 1024 else f"{m:.0f} MiB"
    return text + (" RSS" if kind == "rss" else "")


def table(figures: Iterable[Figure]) -> str:
    """One Markdown table: a row per (area, step), a column per size.

    Cells read ``median · peak memory`` (``RSS`` marks a process peak rather
    than the step's traced allocations) with the figure's note, and ``✓`` /
    ``✗`` where the target applies at that size.
    """
    figs = list(figures)
    sizes = sorted({f.leads for f in figs})
    rows: dict[tuple[str, str], dict[int, Figure]] = {}
    for f in figs:
        rows.setdefault((f.area, f.step), {})[f.leads] = f
    head = ["area", "step", *(f"{_size(n)} leads" for n in sizes), "target", "met"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (area, step), cells in rows.items():
        line = [area, step]
        for n in sizes:
            f = cells.get(n)
            if f is None:
                line.append("—")
                continue
            text = " · ".join(x for x in (_secs(f.seconds), _mib(f.peak_mib, f.memory)) if x)
            if f.note:
                text += f" ({f.note})"
            if f.met is not None:
                text += " ✓" if f.met else " ✗"
            line.append(text)
        target = next((f.target for f in cells.values() if f.target), "")
        verdicts = [f.met for f in cells.values() if f.met is not None]
        line += [target, ("yes" if all(verdicts) else "**no**") if verdicts else ""]
        out.append("| " + " | ".join(line) + " |")
    return "\n".join(out)


def timed(action: Callable[[], Any]) -> float:
    """Wall seconds of one call of ``action``."""
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def median_run(at: Any, changes: Iterable[Callable[[Any], Any]]) -> float:
    """Median seconds of ``change(at).run()`` for each widget change (AppTest)."""
    return statistics.median(timed(lambda c=c: c(at).run()) for c in changes)


def page_figures(
    area: str,
    first_step: str,
    n: int,
    first: float,
    reruns: dict[str, float],
    runs: int,
    peak: float,
    *,
    target: str = "",
    target_at: int = 100_000,
) -> list[Figure]:
    """The two rows of a page bench: its first load, and the slowest kind of rerun.

    ``reruns`` maps each kind of rerun (``"rerun"``, ``"model switch"``…) to
    its median seconds; the step reads ``"rerun / model switch / … (slowest)"``.
    A ``target`` (``≤ 1 s``) is judged at ``target_at`` leads only.
    """
    slowest = max(reruns.values())
    return [
        Figure(area, first_step, n, first, 1),
        Figure(
            area,
            " / ".join(reruns) + " (slowest)",
            n,
            slowest,
            runs,
            peak,
            target=target,
            met=(slowest <= 1.0 if n == target_at else None) if target else None,
            note=" / ".join(f"{v:.2f}" for v in reruns.values()) + " s",
        ),
    ]
