"""AppTest helpers: absolute script paths and a session preloaded with data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE_FILES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
#: a script run longer than this is a hang, not a slow machine
APPTEST_TIMEOUT_S = 300


def new_app(timeout: float = APPTEST_TIMEOUT_S) -> AppTest:
    """An AppTest of the home script (pages are reached with switch_page)."""
    return AppTest.from_file(APP, default_timeout=timeout)


@pytest.fixture
def app() -> AppTest:
    return new_app()


@pytest.fixture(scope="session")
def demo_session_state():
    """Dataset + parts from the demo files, built once per test session."""
    from abm.demo import demo_files
    from abm.ingest import build_dataset, read_table, suggest_mapping

    parts = []
    for name, data in demo_files():
        raw = read_table(data, name)
        parts.append((raw, suggest_mapping(raw)))
    return parts, build_dataset(parts)


def with_demo(at: AppTest, demo_session_state) -> AppTest:
    """Install the demo dataset in an AppTest session, as the loader does."""
    parts, dataset = demo_session_state
    at.session_state["mori.parts"] = parts
    at.session_state["mori.dataset"] = dataset
    at.session_state["mori.dataset_token"] = "demo-test"
    at.session_state["mori.data_label"] = "demo"
    at.session_state["mori.memo"] = {}
    return at


def open_page(page: str, dataset, *, lang: str = "ja", as_of=None, token: str = "test") -> AppTest:
    """Open ``page`` (e.g. ``"pages/3_Funnel.py"``) with ``dataset`` loaded, as the loader does."""
    from bench.common import app_session

    return app_session(
        page,
        dataset,
        token=token,
        as_of=as_of,
        lang=lang,
        label="test",
        timeout=APPTEST_TIMEOUT_S,
        check=False,
    )
