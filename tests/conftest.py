"""Shared fixtures: repo paths, a clean Streamlit cache per test, one hypothesis profile."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# An unknown translation key or an unfilled placeholder raises in every test
# (abm.i18n.STRICT_ENV) instead of showing the raw key; AppTest pages and the
# e2e server (a child process) inherit it.
os.environ.setdefault("MORI_I18N_STRICT", "1")
# Workspaces are not stored by default in tests (#18): the page tests model one browser
# session that starts empty or with data installed by the test, and the e2e servers
# (children, which inherit this) a server whose sessions share nothing. Tests of persistence
# turn it on with MORI_PERSIST=1 and a temporary MORI_HOME (tests/ui/test_page_workspace.py,
# tests/e2e/test_workspace_journey.py).
os.environ.setdefault("MORI_PERSIST", "0")

# One profile for every property test: no per-example deadline (a busy machine
# is slow, not wrong) and no "too slow" health check. In CI the examples are
# derandomised, so a red run there is reproducible by running it again.
settings.register_profile(
    "mori", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("mori-ci", parent=settings.get_profile("mori"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "mori"))


#: ``pytestmark = pytest.mark.xdist_group("name")`` at the top level of a test module.
_GROUP_MARK = re.compile(r"""^pytestmark\s*=\s*pytest\.mark\.xdist_group\(["'](\w+)["']\)""", re.M)


def _module_groups() -> dict[str, str]:
    """Each test module that names an ``xdist_group`` (path relative to the root) → the group."""
    out = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        found = _GROUP_MARK.search(path.read_text(encoding="utf-8"))
        if found:
            out[path.relative_to(ROOT).as_posix()] = found.group(1)
    return out


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` that keeps each module-level ``xdist_group`` on one worker.

    pytest-xdist 3.8 tags a grouped test by renaming ``item._nodeid``, which pytest 9 no
    longer reads (``item._id``): every Spark test then ran wherever it was handed, and each
    worker started its own JVM. Here the controller reads the group from the module's
    ``pytestmark`` instead. A group is one unit of work (one JVM for the Spark tests); every
    other module is a unit of its own, so a module-scoped fixture (a world cleaned once, a
    team server) is built once, not once per worker its tests were spread over (the
    reconciliation worlds were built up to three times each). Units keep collection order
    (no reordering by size): the browser journeys, which come first, get every worker at
    the start, and the group is handed out where its first test stands, with many unit
    modules left to balance it.
    """
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    groups = _module_groups()
    config.option.loadscopereorder = False

    class _ModuleGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return groups.get(module, module)

    return _ModuleGroups(config, log)


@pytest.fixture(autouse=True)
def _clear_streamlit_cache():
    """Streamlit caches are process-global: never let one test see another's data."""
    try:
        import streamlit as st
    except ImportError:  # pragma: no cover
        yield
        return
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def root() -> Path:
    """The repository root."""
    return ROOT
