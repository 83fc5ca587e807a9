"""``make run`` and ``make serve``: Streamlit's own ``streamlit run``, with the first session's
waiting done before it arrives.

Streamlit runs no app code until a browser opens a session, so the first user after a
start paid for what every later user finds ready: importing the app's stack (pandas,
Arrow, DuckDB and Ibis, scikit-learn, plotly and the pages' modules — seconds of CPU),
and then, on a server with a configured source, reading its stored preparation (seconds
at a million leads) or, with ``--demo``, reading and cleaning the demo. Usage::

    python -m abm.ui.launch [streamlit run options] [-- app arguments]

It imports the stack before the server listens (in this thread: two threads importing
one package's modules at once can deadlock on a circular import); then, on a thread while
the server starts, it builds and cleans the demo when ``--demo`` is among the app's
arguments (:func:`abm.ui.loading.warm_demo`), reads the configured source's last stored
preparation (:func:`abm.ui.sources.warm_up`) and starts the cleaning workers' fork
server. A session that needs the demo or the preparation meanwhile waits for it rather
than doing it twice. Then it
hands over to Streamlit's command line in this process, so every ``streamlit run``
option works as before. Nothing here is needed: ``streamlit run app.py`` works the same,
only its first session waits longer.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys
import threading
from pathlib import Path

__all__ = ["APP", "STACK", "main", "warm_data", "warm_imports"]

#: The app's entry script.
APP = Path(__file__).resolve().parents[2] / "app.py"
#: What a page run imports besides :mod:`abm.ui.views` (which is imported whole).
STACK = (
    "pandas",
    "pyarrow",
    "pyarrow.compute",
    "duckdb",
    "plotly.graph_objects",
    "plotly.io",
    "sklearn.linear_model",
    "sklearn.metrics",
    "rapidfuzz",
    "abm.pipeline",
    "abm.ingest",
    "abm.engine",
    "abm.ui.shell",
    "abm.ui.sources",
    "abm.ui.loading",
    "abm.ui.jobs",
)

_log = logging.getLogger(__name__)


def warm_imports() -> None:
    """Import :data:`STACK`, every page view module and the embedded engine's backend."""
    import abm.ui.views as views

    for name in STACK:
        importlib.import_module(name)
    for info in pkgutil.iter_modules(views.__path__, views.__name__ + "."):
        importlib.import_module(info.name)
    from abm.engine.backends import preload

    preload()


def warm_data(*, demo: bool) -> None:
    """Build and clean the demo when asked; read the configured source's stored
    preparation; then start the workers' fork server (its own process: it would compete
    for the cores with what a first session waits for). Never raises: a session reports
    what fails."""
    from abm.ui import jobs, loading, sources

    try:
        if demo:
            loading.warm_demo()
        sources.warm_up()
    except Exception as err:  # the sessions do the same work and report it, translated
        _log.warning("warm-up stopped: %s", type(err).__name__)  # never a message: no data
    jobs.start_fork_server()


def _app_args(args: list[str]) -> list[str]:
    """The app's own arguments: those after ``--``."""
    return args[args.index("--") + 1 :] if "--" in args else []


def main(argv: list[str] | None = None) -> None:
    """Warm up, then run ``streamlit run app.py`` with ``argv`` (default: this command's)."""
    args = list(sys.argv[1:] if argv is None else argv)
    warm_imports()
    threading.Thread(
        target=warm_data,
        kwargs={"demo": "--demo" in _app_args(args)},
        name="mori-warm-up",
        daemon=True,
    ).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main()


if __name__ == "__main__":
    main()
