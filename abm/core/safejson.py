"""JSON a user hands us (settings files, model files, share links), read with guards.

:func:`parse_json` never raises anything but :class:`~abm.errors.MoriError`:

* the whole text is refused when it is too large, not UTF-8 or not JSON, or
  nested too deep for the parser itself (``settings.err.*``);
* a value it would not keep is replaced by a :class:`~abm.core.spec.Refused`
  placeholder, so the validator refuses only the section that holds it:
  a subtree nested deeper than :data:`MAX_DEPTH`, an integer of more than
  :data:`MAX_INT_DIGITS` digits (Python refuses 4,300 with a ``ValueError``),
  ``NaN``/``Infinity`` and numbers that overflow to infinity (``1e400``), and
  strings or keys holding a lone surrogate (``"\\ud800"``, not encodable).
"""

from __future__ import annotations

import json
import math
from typing import Any

from abm.core.spec import Refused
from abm.errors import MoriError

__all__ = ["MAX_DEPTH", "MAX_INT_DIGITS", "parse_json"]

#: Deepest nesting kept (the workspace file needs 8).
MAX_DEPTH = 32
#: Longest integer literal kept (digits); any setting is far smaller.
MAX_INT_DIGITS = 30

_TOO_DEEP = Refused("config.err.too_deep")
_NOT_FINITE = Refused("config.err.not_finite")
_TOO_LONG = Refused("config.err.number_too_long")
_UNICODE = Refused("config.err.unicode")


def _int(text: str) -> int | Refused:
    if len(text) - text.startswith("-") > MAX_INT_DIGITS:
        return _TOO_LONG
    return int(text)


def _float(text: str) -> float | Refused:
    value = float(text)
    return value if math.isfinite(value) else _NOT_FINITE


def _constant(_text: str) -> Refused:
    return _NOT_FINITE


def _bad_text(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _screen(value: Any, depth: int) -> Any:
    """The replacement of one value seen at ``depth`` (1 = the document)."""
    if isinstance(value, str):
        return _UNICODE if _bad_text(value) else value
    if isinstance(value, dict | list):
        if depth > MAX_DEPTH:
            return _TOO_DEEP
        if isinstance(value, dict) and any(_bad_text(k) for k in value):
            return _UNICODE
    return value


def _sanitise(doc: Any) -> Any:
    """Replace what must not be kept by :class:`Refused` placeholders (no recursion)."""
    root = _screen(doc, 1)
    stack = [(root, 1)] if isinstance(root, dict | list) else []
    while stack:
        node, depth = stack.pop()
        slots = node.items() if isinstance(node, dict) else enumerate(node)
        for slot, child in list(slots):
            new = _screen(child, depth + 1)
            if new is not child:
                node[slot] = new
            elif isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return root


def parse_json(data: str | bytes, *, file: str, max_bytes: int) -> Any:
    """Parse ``data`` as JSON with the guards above.

    Parameters
    ----------
    data : str or bytes
        The text (bytes: UTF-8, a BOM is allowed).
    file : str
        Name for messages.
    max_bytes : int
        Largest size accepted (bytes, or characters for a ``str``).

    Returns
    -------
    object
        The document; refused values are :class:`~abm.core.spec.Refused`.

    Raises
    ------
    MoriError
        ``settings.err.too_big``, ``settings.err.not_json`` or
        ``settings.err.too_deep`` for the whole text.
    """
    if len(data) > max_bytes:
        raise MoriError("settings.err.too_big", file=file)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise MoriError("settings.err.not_json", file=file) from None
    try:
        doc = json.loads(data, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise MoriError("settings.err.too_deep", file=file) from None
    except ValueError:  # JSONDecodeError, and anything a number hook lets through
        raise MoriError("settings.err.not_json", file=file) from None
    return _sanitise(doc)
