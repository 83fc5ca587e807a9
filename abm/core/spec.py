"""Declarations of config fields: :class:`Spec` constraints and their introspection.

:mod:`abm.core.config` validates against these; a config module only needs
``Annotated[type, Spec(...)]`` on its fields (and :class:`Invalid` for a
cross-field rule).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Union

__all__ = [
    "NO_SPEC",
    "REQUIRED",
    "FieldSpec",
    "Invalid",
    "Refused",
    "Spec",
    "accepted",
    "combine",
    "fields_of",
    "is_config",
    "is_record",
    "items_spec",
    "optional_of",
    "record_hints",
    "split",
]

#: Default of a field that has none (the key is required).
REQUIRED: Any = dataclasses.MISSING


@dataclasses.dataclass(frozen=True)
class Spec:
    """Constraints on one field, declared as ``Annotated[type, Spec(...)]``.

    Parameters
    ----------
    min, max : float, optional
        Inclusive range of a number (of each number in a list or table).
    choices : tuple, optional
        Allowed values (of each scalar in a list or table).
    min_len, max_len : int
        Length of a string (characters) or of a list/table (items).
    order : {"ascending", "descending"}, optional
        Items strictly ordered (no ties).
    unique : bool
        Items distinct (for a list of pairs: the first elements).
    table : bool
        A ``tuple[tuple[key, value], ...]`` stored as a JSON object ``{key: value}``.
    merge : bool
        With ``table``: the object may be partial; missing keys keep the
        default's value, keys outside the default (or ``keys``) are refused.
    keys : tuple of str, optional
        With ``table``: the keys allowed.
    base : callable, optional
        With ``merge``: ``base(fields parsed so far) -> default table`` when the
        default depends on an earlier field (bands from edges).
    inline : bool
        A nested config whose keys sit at this level, not under the field name.
    """

    min: float | None = None
    max: float | None = None
    choices: tuple[Any, ...] | None = None
    min_len: int = 0
    max_len: int | None = None
    order: str | None = None
    unique: bool = False
    table: bool = False
    merge: bool = False
    keys: tuple[str, ...] | None = None
    base: Callable[[Mapping[str, Any]], Any] | None = None
    inline: bool = False


NO_SPEC = Spec()


class Invalid(ValueError):
    """A cross-field rule failed; raised by a config's ``__post_init__`` or ``_check``.

    Parameters
    ----------
    field : str
        The field (path relative to the config) to name in the message.
    """

    def __init__(self, field: str) -> None:
        super().__init__(f"invalid {field}")
        self.field = field


@dataclasses.dataclass(frozen=True)
class Refused:
    """Placeholder left by :func:`abm.core.safejson.parse_json` for a value it would
    not keep (too deep, a number too long or not finite, a lone surrogate).

    The validator refuses it where it stands, so only its section is refused.
    """

    key: str


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """One declared field: name, bare type hint, constraints, default (or required)."""

    name: str
    hint: Any
    spec: Spec
    default: Any

    @property
    def required(self) -> bool:
        """Whether the field has no default."""
        return self.default is REQUIRED


@functools.cache
def split(hint: Any) -> tuple[Any, Spec]:
    """``Annotated[T, Spec(a), Spec(b)]`` -> ``(T, Spec(a) updated by b))``."""
    if typing.get_origin(hint) is not Annotated:
        return hint, NO_SPEC
    spec = NO_SPEC
    for extra in hint.__metadata__:
        if isinstance(extra, Spec):
            spec = combine(spec, extra)
    return hint.__origin__, spec


def combine(a: Spec, b: Spec) -> Spec:
    """``a`` with the constraints ``b`` declares (``b`` wins)."""
    if b is NO_SPEC or a == b:
        return a
    return _combine(a, b)


@functools.cache
def _combine(a: Spec, b: Spec) -> Spec:
    changed = {
        f.name: getattr(b, f.name)
        for f in dataclasses.fields(Spec)
        if getattr(b, f.name) != getattr(NO_SPEC, f.name)
    }
    return dataclasses.replace(a, **changed) if changed else a


@functools.cache
def items_spec(spec: Spec) -> Spec:
    """What a container's constraints say about each of its scalars."""
    return Spec(min=spec.min, max=spec.max, choices=spec.choices)


@functools.cache
def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    """The declared fields of a config class (cached; defaults built once).

    Parameters
    ----------
    cls : type
        A dataclass.

    Returns
    -------
    tuple of FieldSpec
    """
    hints = typing.get_type_hints(cls, include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        hint, spec = split(hints[f.name])
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = REQUIRED
        out.append(FieldSpec(f.name, hint, spec, default))
    return tuple(out)


@functools.cache
def accepted(cls: type) -> frozenset[str]:
    names: set[str] = set()
    for fd in fields_of(cls):
        names |= accepted(fd.hint) if fd.spec.inline else {fd.name}
    return frozenset(names)


def is_config(hint: Any) -> bool:
    """Whether ``hint`` is a (nested) config: a dataclass."""
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


@functools.cache
def record_hints(hint: type) -> dict[str, Any]:
    """Type hints of a :class:`typing.NamedTuple`'s fields (cached)."""
    return typing.get_type_hints(hint, include_extras=True)


def is_record(hint: Any) -> bool:
    """Whether ``hint`` is a :class:`typing.NamedTuple` (stored as a JSON object)."""
    return isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields")


def optional_of(hint: Any) -> Any | None:
    """``X`` for ``X | None``, else ``None``."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None
