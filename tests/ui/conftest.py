"""AppTest helpers: absolute script paths and a session preloaded with data.

The sessions themselves come from :mod:`tests.support.apptest` (shared with
the page benches), which installs data under :mod:`abm.ui.state`'s keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import APP, APPTEST_TIMEOUT_S, app_session, install_dataset, new_app

__all__ = ["APP", "APPTEST_TIMEOUT_S", "PAGE_FILES", "new_app", "open_page", "with_demo"]

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


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
    return install_dataset(at, dataset, parts=parts, token="demo-test", label="demo")


def open_page(page: str, dataset, *, lang: str = "ja", as_of=None, token: str = "test") -> AppTest:
    """Open ``page`` (e.g. ``"pages/3_Funnel.py"``) with ``dataset`` loaded, as the loader does."""
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
