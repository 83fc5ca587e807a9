"""Shared to_dict/from_dict for the frozen configs of this package."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from abm.errors import MoriError

T = TypeVar("T")


def to_dict(config: object) -> dict[str, Any]:
    """Return a JSON-ready dict of a frozen config (tuples become lists)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(config):  # type: ignore[arg-type]
        value = getattr(config, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def from_dict(cls: type[T], data: Mapping[str, Any] | None, *, section: str) -> T:
    """Build ``cls`` from ``data``; unknown keys are ignored, missing keys keep defaults.

    Raises
    ------
    MoriError
        ``accounts.err.bad_settings`` when a value has the wrong type.
    """
    if not data:
        return cls()
    defaults = cls()
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value, default = data[f.name], getattr(defaults, f.name)
        try:
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise TypeError
            elif isinstance(default, tuple):
                if not isinstance(value, list | tuple):
                    raise TypeError
                kind = type(default[0]) if default else None
                value = tuple(kind(v) if kind is float else v for v in value)
                if kind is str and not all(isinstance(v, str) for v in value):
                    raise TypeError
            elif isinstance(default, int | float):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise TypeError
                value = type(default)(value)
            elif isinstance(default, str) and not isinstance(value, str):
                raise TypeError
        except (TypeError, ValueError):
            raise MoriError("accounts.err.bad_settings", section=section, key=f.name) from None
        kwargs[f.name] = value
    return cls(**kwargs)
