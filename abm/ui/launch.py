"""``make run`` and ``make serve``: Streamlit's own ``streamlit run``, with the first session's
waiting done before it arrives.

Streamlit runs no app code until a browser opens a session, so the first user after a
start paid for what every later user finds ready: importing the app's stack (pandas,
Arrow, DuckDB and Ibis, scikit-learn, plotly and the pages' modules — seconds of CPU),
and then, on a server with a configured source, reading its stored preparation (seconds
at a million leads) — or preparing it, when the source changed (minutes) — or, with
``--demo``, reading and cleaning the demo. Usage::

    python -m abm.ui.launch [streamlit run options] [-- app arguments]

It imports the stack before the server listens (in this thread: two threads importing
one package's modules at once can deadlock on a circular import), so the server answers
some seconds later than ``streamlit run`` would. Then, on a thread while the server
starts, it reads the configured source's last stored preparation if it is current, or
prepares the source ahead in a worker process when it is not (:func:`abm.ui.warmup.warm_up`:
a session that opens the source meanwhile waits for it, with its progress) — or, when no
source is configured, builds and cleans the demo if ``--demo`` is among the app's
arguments (:func:`abm.ui.loading.warm_demo`: a session that needs it meanwhile waits on
Streamlit's cache) — and starts the cleaning workers' fork server; with the source's
``refresh_minutes``, the thread then looks that often whether the source changed and
prepares it ahead again (:func:`abm.ui.warmup.refresh`). Then it hands over to Streamlit's
command line in this process (``prog_name`` this module), so every ``streamlit run``
option works as before; ``--help`` and ``--version`` are answered without warming up.
Nothing here is needed: ``streamlit run app.py`` works the same, only its first session
waits longer — it imports the app, reads the store or, for a new source, prepares it
itself — and a changed source is noticed only when a session opens it (the server then
prepares it while that session shows the data as last prepared).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys
import threading
import time
from pathlib import Path

__all__ = ["APP", "STACK", "USAGE", "main", "warm_data", "warm_imports"]

#: What ``--help`` says first.
USAGE = (
    "Usage: python -m abm.ui.launch [streamlit run options] [-- app arguments]\n"
    "Runs app.py as `streamlit run app.py` does, warmed up first; the options are these:\n"
)
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
    "abm.ui.warmup",
    "abm.engine.ahead",  # the warm-up thread's imports, done here (see warm_imports)
    "abm.workspace.snapshot",
)

_log = logging.getLogger("abm.ui.launch")


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
    """Make the configured source ready (:func:`abm.ui.warmup.warm_up`: its stored
    preparation read, or the source prepared ahead; sessions then open the source, not the
    demo), or else build and clean the demo when asked; then start the cleaning workers'
    fork server (its own process, ~200 MB: the first big upload then forks from it at
    once), and, when the source sets ``refresh_minutes``, look that often whether it
    changed and prepare it ahead again (:func:`abm.ui.warmup.refresh`), for as long as the
    server runs and the setting stays above 0 (turning it on later needs a restart).
    Never raises: a session meets and reports whatever fails."""
    from abm.ui import jobs, loading, warmup

    if not warmup.warm_up() and demo and not _source_configured():
        try:
            loading.warm_demo()
        except Exception as err:  # the sessions do the same work and report it, translated
            _log.warning("demo warm-up stopped: %s", type(err).__name__)  # no message: no data
    jobs.start_fork_server()
    minutes = _refresh_minutes(0)
    while minutes:  # the server looks whether its source changed and prepares it ahead
        time.sleep(minutes * 60)
        warmup.refresh()  # never raises
        minutes = _refresh_minutes(minutes)


def _refresh_minutes(last: int) -> int:
    """The configured source's ``refresh_minutes``, read again (the administrator may change
    it; ``0`` without a store); ``last`` while the file cannot be read (caught half-written,
    a typo being fixed): a passing problem does not end the refreshes."""
    from abm.ui import sources

    try:
        source = sources.admin().source
    except Exception:  # a MoriError, or the file gone between its stat and its read
        return last
    if source is None or not source.store or not source.prepare_ahead:
        return 0
    return source.refresh_minutes


def _source_configured() -> bool:
    from abm.ui import sources

    try:
        return sources.admin().source is not None
    except Exception:  # the sessions say what is wrong with the file
        return False


def _app_args(args: list[str]) -> list[str]:
    """The app's own arguments: those after ``--``."""
    return args[args.index("--") + 1 :] if "--" in args else []


def _asks(args: list[str], option: str) -> bool:
    """Whether ``option`` is among the options (before ``--``)."""
    return option in (args[: args.index("--")] if "--" in args else args)


def main(argv: list[str] | None = None) -> None:
    """Warm up, then run ``streamlit run app.py`` with ``argv`` (default: this command's)."""
    args = list(sys.argv[1:] if argv is None else argv)
    from streamlit.web import cli

    if _asks(args, "--version"):  # Streamlit's own answer; nothing to warm
        cli.main(["--version"], prog_name="python -m abm.ui.launch")
        return
    if _asks(args, "--help"):
        print(USAGE)  # Streamlit's help follows: its `run` options, taken here as they are
    else:
        warm_imports()
        from abm.ui import warmup

        warmup.expect_warm_up()  # sessions that reopen the source wait for the thread
        threading.Thread(
            target=warm_data,
            kwargs={"demo": "--demo" in _app_args(args)},
            name="mori-warm-up",
            daemon=True,
        ).start()
    cli.main(["run", str(APP), *args], prog_name="python -m abm.ui.launch")


if __name__ == "__main__":
    main()
