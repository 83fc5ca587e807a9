"""What can go wrong in an engine, as translated :class:`~abm.errors.MoriError` s.

Database drivers raise their own exceptions, with messages that may quote a
query, a path, a credential or a value. None of that reaches a user: each
failure is classified by its exception type (and, for the JVM, the Java
class name) into one ``engine.err.*`` key naming the step that failed, the
backend, and what to change. The original is chained for a developer's
traceback but never formatted into the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from abm.errors import MoriError

__all__ = ["classify", "translated"]


def _duckdb_kind(exc: BaseException) -> str | None:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a core dependency
        return None
    if isinstance(exc, duckdb.OutOfMemoryException):
        return "memory"
    if isinstance(exc, duckdb.CatalogException):
        return "table_missing"
    if isinstance(exc, duckdb.BinderException):
        return "column_missing"
    if isinstance(
        exc, duckdb.IOException | duckdb.ConnectionException | duckdb.PermissionException
    ):
        return "unreachable"
    return None


def _java_kind(exc: BaseException) -> str | None:
    name = type(exc).__name__
    if name not in ("Py4JJavaError", "Py4JNetworkError", "Py4JError") and not (
        type(exc).__module__.startswith("pyspark")
    ):
        return None
    java = getattr(exc, "java_exception", None)
    java_name = ""
    if java is not None:
        try:
            java_name = str(java.getClass().getName())
        except Exception:  # the JVM is gone
            return "unreachable"
    text = f"{java_name} {getattr(exc, 'getErrorClass', lambda: '')() or ''}"
    if "OutOfMemory" in text or "SparkOutOfMemory" in text or "MEMORY" in text:
        return "memory"
    if "TABLE_OR_VIEW_NOT_FOUND" in text or "NoSuchTable" in text:
        return "table_missing"
    if "UNRESOLVED_COLUMN" in text:
        return "column_missing"
    if name in ("Py4JNetworkError", "Py4JError"):
        return "unreachable"
    return None


def classify(exc: BaseException) -> str:
    """The kind of an engine failure: ``memory``, ``table_missing``, ``column_missing``,
    ``unreachable`` or ``failed`` (anything else)."""
    if isinstance(exc, MemoryError):
        return "memory"
    for rule in (_duckdb_kind, _java_kind):
        kind = rule(exc)
        if kind is not None:
            return kind
    if type(exc).__name__ == "TableNotFound":
        return "table_missing"
    if isinstance(exc, ConnectionError | TimeoutError):
        return "unreachable"
    return "failed"


_KEYS = {
    "memory": "engine.err.memory",
    "table_missing": "engine.err.query_table_missing",
    "column_missing": "engine.err.query_column_missing",
    "unreachable": "engine.err.unreachable",
    "failed": "engine.err.failed",
}


@contextmanager
def translated(step: str, *, backend: str, memory_limit: str = "") -> Iterator[None]:
    """Run a block; any driver failure leaves it as one ``engine.err.*`` MoriError.

    Parameters
    ----------
    step : str
        What was running (``"activities by kind"``): named in the message.
    backend : str
        The engine (``"duckdb"``, ``"spark"``…).
    memory_limit : str
        The configured limit, shown in the memory message (``"default"`` when empty).
    """
    try:
        yield
    except MoriError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # every driver error, whatever its base class
        kind = classify(exc)
        params: dict[str, object] = {"step": step, "backend": backend}
        if kind == "memory":
            params["limit"] = memory_limit or "default"
        raise MoriError(_KEYS[kind], **params) from exc
