"""Streamlit AppTest sessions with data loaded, for the page tests and the page benches.

A session gets its data exactly as :mod:`abm.ui.loading` installs it — the
dataset, a fresh token, the sidebar's label and an empty memo, under the keys
of :mod:`abm.ui.state` — so a test or bench does not read files again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from abm.ui import state

__all__ = ["APP", "APPTEST_TIMEOUT_S", "app_session", "install_dataset", "new_app"]

APP = str(Path(__file__).resolve().parents[2] / "app.py")
#: a script run longer than this is a hang, not a slow machine
APPTEST_TIMEOUT_S = 300


def _scan_components_once() -> None:
    """Scan the installed packages for Streamlit components once per process, not per AppTest.

    Streamlit 1.67's ``AppTest`` rescans every installed distribution for component
    manifests on each new session's first run (``discover_and_register_components``): about
    0.7 s of CPU each time, a fifth of a page test's time, for a list that cannot change
    while the tests run (the running server scans once at start, as before).
    """
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "mori_once", False):
        return
    found: list = []

    def once(max_workers: int | None = None) -> list:
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    once.mori_once = True  # type: ignore[attr-defined]
    manifest_scanner.scan_component_manifests = once


def new_app(timeout: float = APPTEST_TIMEOUT_S) -> AppTest:
    """An AppTest of the home script (pages are reached with ``switch_page``).

    In Streamlit 1.67 a relative path given to ``AppTest.from_file`` resolves
    against the calling file, so the path is absolute. The installed components are
    scanned once per process (:func:`_scan_components_once`).
    """
    _scan_components_once()
    return AppTest.from_file(APP, default_timeout=timeout)


def install_dataset(
    at: AppTest,
    dataset: Any,
    *,
    token: str = "test",
    label: str = "test",
    parts: Sequence[tuple[Any, Any]] | None = None,
    as_of: Any = None,
) -> AppTest:
    """Put ``dataset`` in ``at``'s session as the loader does; return ``at``.

    Parameters
    ----------
    at : streamlit.testing.v1.AppTest
    dataset : abm.Dataset
    token : str
        Dataset token (part of every memo key).
    label : str
        What the sidebar says is loaded.
    parts : sequence of (RawTable, ColumnMapping), optional
        The files behind ``dataset`` (the data page shows their mappings).
    as_of : pandas.Timestamp, optional
        The sidebar's as-of date (default: the latest date in the data).
    """
    if parts is not None:
        at.session_state[state.K_PARTS] = list(parts)
    at.session_state[state.K_DATASET] = dataset
    at.session_state[state.K_TOKEN] = token
    at.session_state[state.K_DATA_LABEL] = label
    at.session_state[state.K_MEMO] = {}
    if as_of is not None:
        at.session_state[state.K_AS_OF] = as_of
    return at


def app_session(
    page: str,
    dataset: Any,
    *,
    token: str,
    as_of: Any = None,
    lang: str = "ja",
    label: str = "",
    timeout: float = APPTEST_TIMEOUT_S,
    check: bool = True,
) -> AppTest:
    """An AppTest session with ``dataset`` installed as the loader does, on ``page``.

    Parameters
    ----------
    page : str
        Page script relative to the repository (``"pages/3_Funnel.py"``).
    dataset : abm.Dataset
    token : str
        Dataset token (memo keys).
    as_of : pandas.Timestamp, optional
        The sidebar's as-of date (default: the latest date in the data).
    lang : str
        Session language.
    label : str
        What the sidebar says is loaded.
    timeout : float
        AppTest timeout per run, seconds.
    check : bool
        Raise ``RuntimeError`` when the page raised (benchmarks); tests assert
        on ``at.exception`` themselves.

    Returns
    -------
    streamlit.testing.v1.AppTest
        After the first run of ``page``.
    """
    at = new_app(timeout)
    at.session_state[state.K_LANG] = lang
    at.run()
    install_dataset(at, dataset, token=token, label=label, as_of=as_of)
    at.switch_page(page)
    at.run()
    if check and at.exception:
        raise RuntimeError(f"{page} raised during the benchmark")
    return at
