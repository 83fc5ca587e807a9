"""The suite itself: same answer on a busy machine (issue #12).

No test asserts on elapsed time (targets live in ``bench/``), and every
property test runs under the one hypothesis profile of ``tests/conftest.py``
(no per-test deadline or health-check overrides).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import settings

TESTS = Path(__file__).resolve().parents[1]
# a clock read, a timing figure, or a comparison of seconds (not Timedelta(seconds=…) of an
# injected clock, which is how tests control time)
CLOCK = re.compile(r"\b(perf_counter|time\.time|monotonic|elapsed|p95|wall_s)\b|\bseconds\b\s*[<>]")


def _test_sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in TESTS.rglob("*.py")]


def test_no_assertion_reads_a_clock():
    offenders = [
        f"{path.relative_to(TESTS)}:{n}"
        for path, text in _test_sources()
        if path.name != Path(__file__).name
        for n, line in enumerate(text.splitlines(), start=1)
        if line.lstrip().startswith("assert ") and CLOCK.search(line)
    ]
    assert offenders == []


def test_property_tests_use_the_shared_profile():
    assert settings.default.deadline is None
    offenders = [
        str(path.relative_to(TESTS))
        for path, text in _test_sources()
        if path.name not in {"conftest.py", Path(__file__).name}
        and re.search(r"settings\([^)]*\b(deadline|suppress_health_check)\s*=", text)
    ]
    assert offenders == []
