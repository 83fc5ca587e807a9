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
#: The pages that read the loaded data (home and the analyses; not Data nor Workspace).
DATA_PAGES = (
    "app.py",
    "pages/2_Cleaning.py",
    "pages/3_Funnel.py",
    "pages/4_Gap.py",
    "pages/5_Scoring.py",
    "pages/6_Accounts.py",
    "pages/7_ABM_Fit.py",
    "pages/8_Account.py",
)


@pytest.fixture
def app() -> AppTest:
    return new_app()


#: Datasets built once per process and never changed by a test (the demo's): their
#: cleaning is kept for the process too (:func:`_clean_shared_once`).
_SHARED_DATASETS: list[object] = []
_CLEANED: dict[tuple, tuple] = {}


@pytest.fixture(scope="session")
def demo_session_state():
    """Dataset + parts from the demo files, built once per test session."""
    from abm.demo import demo_files
    from abm.ingest import build_dataset, read_table, suggest_mapping

    parts = []
    for name, data in demo_files():
        raw = read_table(data, name)
        parts.append((raw, suggest_mapping(raw)))
    dataset = build_dataset(parts)
    _SHARED_DATASETS.append(dataset)
    return parts, dataset


def _prepare_once(dataset, *, config, rules, decisions, defaults, progress=None):
    """``abm.pipeline.prepare_or_defaults``, kept per process for a shared dataset.

    A module-level function: a cleaning job pickles it for its worker process, where
    nothing is shared and the real function runs.
    """
    import abm.pipeline as pipeline

    real = _REAL[0] if _REAL else pipeline.prepare_or_defaults
    shared = next((i for i, d in enumerate(_SHARED_DATASETS) if d is dataset), None)
    if shared is None or progress is not None:
        return real(
            dataset, config=config, rules=rules, decisions=decisions, defaults=defaults,
            progress=progress,
        )  # fmt: skip
    key = (shared, config, rules, decisions, defaults, pipeline.prepare)
    if key not in _CLEANED:
        _CLEANED[key] = real(
            dataset, config=config, rules=rules, decisions=decisions, defaults=defaults
        )
    return _CLEANED[key]


_REAL: list = []


@pytest.fixture(autouse=True)
def _clean_shared_once(monkeypatch):
    """Clean the demo once per process and settings, not once per test.

    Each page test opens a fresh session whose memo is empty, so every test cleaned the
    same demo again (about 1.2 s of CPU; most page tests are on the demo). Production
    shares the demo's cleaning between sessions the same way (``state._shared_prepared``);
    pages never change a cleaned dataset. The cache is keyed by the settings and by the
    pipeline's ``prepare``, so a test that replaces it (a failing cleaning) still gets its
    own; any other dataset is cleaned as before (:func:`_prepare_once`).
    """
    import abm.pipeline as pipeline

    if not _REAL:
        _REAL.append(pipeline.prepare_or_defaults)
    monkeypatch.setattr(pipeline, "prepare_or_defaults", _prepare_once)


@pytest.fixture(autouse=True)
def _no_store_left_running():
    """A configured source's store is written by a background thread: each test waits for
    the ones it started, so none runs on into the next test (or past its temporary folder)."""
    yield
    from abm.ui import storing

    assert storing.wait_all(600), "a background store still running after 10 minutes"


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
