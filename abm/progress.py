"""Progress of long work: which step, how many rows done, how many left.

The pure library reports progress through a plain callable so that a
notebook can print it, the app can draw it and a worker process can send it
to the app (:mod:`abm.ui.jobs`). Reporting never changes a result and costs
nothing when nobody listens (:func:`silent`).

A step is a translation key (``"progress.<step>"``, catalog
``abm/i18n/common.py``) plus ``done`` and ``total`` counted in rows of that
step's input (leads, names, files…).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["STEPS", "Progress", "ProgressFn", "silent", "step_weight"]

#: ``progress(step, done, total)``: ``step`` is one of :data:`STEPS`.
ProgressFn = Callable[[str, int, int], None]

#: Steps of loading and cleaning, in order, with their rough share of the
#: work on a large upload (for one overall bar; measured with make bench at
#: 200k leads: reading ~15 %, person de-duplication ~15 %, exclusions ~10 %,
#: 名寄せ keys ~15 %, name matching ~35 %, linking ~10 %). A configured source prepared
#: ahead of its sessions then builds its activity table (``table``, ~5 % more,
#: :mod:`abm.engine.ahead`); a bar over some of the steps scales their shares to 1.
STEPS: dict[str, float] = {
    "read": 0.15,
    "persons": 0.15,
    "exclusions": 0.10,
    "match_keys": 0.15,
    "match_names": 0.35,
    "link": 0.10,
    "table": 0.05,
}


def silent(step: str, done: int, total: int) -> None:
    """Progress nobody listens to (the default everywhere)."""


def step_weight(step: str, steps: Sequence[str] | None = None) -> tuple[float, float]:
    """``(start, width)`` of ``step`` on a 0–1 overall scale.

    Parameters
    ----------
    step : str
        One of :data:`STEPS`.
    steps : sequence of str, optional
        The steps the bar covers, in order (default: every step of :data:`STEPS`).

    Returns
    -------
    (float, float)
        ``(0, 1)`` for a step the bar does not cover.
    """
    names = tuple(STEPS) if steps is None else tuple(steps)
    total = sum(STEPS.get(name, 0.0) for name in names) or 1.0
    start = 0.0
    for name in names:
        width = STEPS.get(name, 0.0)
        if name == step:
            return start / total, width / total
        start += width
    return 0.0, 1.0


class Progress:
    """Reports one step at a time to a :data:`ProgressFn`.

    ``with Progress(fn).step("persons", n) as tick: ...`` reports
    ``(step, 0, n)`` on entry, ``tick(k)`` reports ``k`` rows done, and the
    step is reported complete on exit.
    """

    def __init__(self, fn: ProgressFn | None = None) -> None:
        self.fn = fn or silent

    def step(self, name: str, total: int) -> _Step:
        """A context manager for one step of ``total`` rows."""
        return _Step(self.fn, name, int(total))


class _Step:
    def __init__(self, fn: ProgressFn, name: str, total: int) -> None:
        self.fn, self.name, self.total = fn, name, total

    def __enter__(self) -> Callable[[int], None]:
        self.fn(self.name, 0, self.total)
        return self.tick

    def tick(self, done: int) -> None:
        self.fn(self.name, min(int(done), self.total), self.total)

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.fn(self.name, self.total, self.total)
