"""Shared fixtures: repo paths and a clean Streamlit cache per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
