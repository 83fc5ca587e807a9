"""Shared fixtures: repo paths, a clean Streamlit cache per test, one hypothesis profile."""

from __future__ import annotations

import os
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
