"""Errors a user can cause, carried as a translation key plus parameters.

A :class:`MoriError` never holds a cell value: only the file name, the row
and column positions/names and counts, so its message is safe to show and log.
"""

from __future__ import annotations

from collections.abc import Mapping

from abm.i18n import t

__all__ = ["MoriError"]


class MoriError(Exception):
    """A user-facing error.

    Parameters
    ----------
    key : str
        Translation key of the message (e.g. ``"ingest.err.empty_file"``).
    **params
        Placeholder values: ``file``, ``row``, ``column``, ``sheet``, counts…
        Never a cell value.
    """

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params: Mapping[str, object] = dict(params)

    def __reduce__(self) -> tuple[object, ...]:
        # keep the parameters when the error crosses a process boundary (abm.ui.jobs)
        return (_rebuild, (self.key, dict(self.params)))

    def message(self, lang: str = "ja") -> str:
        """Return the translated message in ``lang``."""
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:  # English, for notebooks and logs
        return self.message("en")


def _rebuild(key: str, params: dict[str, object]) -> MoriError:
    return MoriError(key, **params)
