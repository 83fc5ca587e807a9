"""One declarative validator behind every config's ``from_dict`` and ``to_dict``.

A config is a frozen dataclass that inherits :class:`Config`. What a valid
value is, is declared on the field itself:

* the type hint: ``bool``, ``int``, ``float``, ``str``, ``X | None``,
  ``tuple[X, ...]``, a fixed ``tuple[A, B]``, a nested config or a
  :class:`typing.NamedTuple` (stored as a JSON object);
* optional constraints next to it, ``Annotated[type, Spec(...)]`` (see
  :class:`Spec`): range, choices, lengths, order, point tables.

Policy, the same for every config and every section of the workspace file:

* ``bool`` is not a number; an integral float (``4.0``) is accepted for an int;
  numbers are finite and within ``±MAX_NUMBER`` unless a range is declared.
* Strings are valid Unicode (no lone surrogates) and at most ``MAX_TEXT``
  characters (Excel's cell limit, so a value read from an export always fits);
  lists and objects hold at most ``MAX_ITEMS`` items unless declared.
* ``min``/``max``/``choices`` declared on a list or table apply to each of its
  scalar items; lengths, order and uniqueness apply to the list itself.
* **Unknown keys are refused**, never ignored (a typo must not pass as a
  default); missing keys keep the field's default; a field without a default
  is required. ``None`` (a section that is absent) gives the defaults.
* A cross-field rule lives in the class: ``__post_init__`` or a ``_check``
  method raising :class:`Invalid` naming the field. A classmethod
  ``_prepare_dict(data) -> dict`` may fill defaults that depend on another key.

Errors are :class:`~abm.errors.MoriError` ``config.err.*`` with ``section``
(the caller's label, e.g. the workspace section) and ``key`` (the path inside
it, ``stage_map.entries[3].stage``, 1-based). Never the value: a key the user
wrote is shown only as a sanitised ASCII identifier (or its position).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import typing
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from abm.core.spec import (
    NO_SPEC,
    FieldSpec,
    Invalid,
    Refused,
    Spec,
    accepted,
    combine,
    fields_of,
    is_config,
    is_record,
    items_spec,
    optional_of,
    record_hints,
    split,
)
from abm.errors import MoriError

__all__ = [
    "MAX_ITEMS",
    "MAX_NUMBER",
    "MAX_TEXT",
    "Config",
    "FieldSpec",
    "Invalid",
    "Refused",
    "Spec",
    "fields_of",
    "from_dict",
    "to_dict",
]

#: Longest string accepted by default (characters; Excel's cell limit).
MAX_TEXT = 32_767
#: Most items in a list or object by default.
MAX_ITEMS = 100_000
#: Largest magnitude of a number without a declared range.
MAX_NUMBER = 1e15
_SHOWN_CHOICES = 12
T = TypeVar("T")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _safe(key: object, index: int) -> str:
    """A user-written key as shown in messages: ASCII identifier characters or its position."""
    shown = re.sub(r"[^A-Za-z0-9_]", "", key)[:40] if isinstance(key, str) else ""
    return shown or f"[{index + 1}]"


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() and abs(x) < 1e16 else f"{x:g}"


def _show(choices: tuple[Any, ...]) -> str:
    shown = ", ".join('""' if c == "" else str(c) for c in choices[:_SHOWN_CHOICES])
    return shown + (", …" if len(choices) > _SHOWN_CHOICES else "")


def _number(value: Any, spec: Spec, path: str, *, integral: bool) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if integral:
            raise MoriError("config.err.not_integer", key=path)
        raise MoriError("config.err.not_number", key=path)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MoriError("config.err.not_finite", key=path)
        if integral and not value.is_integer():
            raise MoriError("config.err.not_integer", key=path)
    lo = -MAX_NUMBER if spec.min is None else spec.min
    hi = MAX_NUMBER if spec.max is None else spec.max
    if not lo <= value <= hi:  # exact for ints of any size
        raise MoriError("config.err.range", key=path, min=_num(lo), max=_num(hi))
    out = int(value) if integral else float(value)
    if spec.choices is not None and out not in spec.choices:
        raise MoriError("config.err.choice", key=path, choices=_show(spec.choices))
    return out


def _text(value: Any, spec: Spec, path: str) -> str:
    if not isinstance(value, str):
        raise MoriError("config.err.not_text", key=path)
    limit = MAX_TEXT if spec.max_len is None else spec.max_len
    if len(value) > limit:
        raise MoriError("config.err.text_too_long", key=path, limit=_num(limit))
    if len(value) < spec.min_len:
        raise MoriError("config.err.text_empty", key=path)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise MoriError("config.err.unicode", key=path) from None
    if spec.choices is not None and value not in spec.choices:
        raise MoriError("config.err.choice", key=path, choices=_show(spec.choices))
    return value


def _count(n: int, spec: Spec, path: str) -> None:
    limit = MAX_ITEMS if spec.max_len is None else spec.max_len
    if n > limit:
        raise MoriError("config.err.too_many", key=path, limit=_num(limit))
    if n < spec.min_len:
        raise MoriError("config.err.too_few", key=path, limit=_num(spec.min_len))


def _sequence(value: Any, hint: Any, spec: Spec, path: str) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise MoriError("config.err.not_list", key=path)
    args = typing.get_args(hint)
    each = items_spec(spec)
    if len(args) == 2 and args[1] is Ellipsis:
        _count(len(value), spec, path)
        out = tuple(_parse(v, args[0], each, f"{path}[{i + 1}]") for i, v in enumerate(value))
    else:
        if len(value) != len(args):
            raise MoriError("config.err.length", key=path, limit=len(args))
        out = tuple(
            _parse(v, a, each, f"{path}[{i + 1}]")
            for i, (v, a) in enumerate(zip(value, args, strict=True))
        )
    firsts = [x[0] if isinstance(x, tuple) and x else x for x in out]
    if spec.unique and len(set(firsts)) != len(firsts):
        raise MoriError("config.err.duplicate", key=path)
    pairs = list(itertools.pairwise(out))
    if spec.order == "ascending" and any(b <= a for a, b in pairs):
        raise MoriError("config.err.ascending", key=path)
    if spec.order == "descending" and any(b >= a for a, b in pairs):
        raise MoriError("config.err.descending", key=path)
    return out


def _table(value: Any, hint: Any, spec: Spec, path: str, base: Any) -> tuple[Any, ...]:
    """A ``tuple[tuple[K, V], ...]`` written as ``{key: value}``."""
    if not isinstance(value, Mapping):
        raise MoriError("config.err.not_object", key=path)
    key_hint, value_hint = typing.get_args(typing.get_args(hint)[0])
    _count(len(value), dataclasses.replace(spec, min_len=0), path)
    out: dict[Any, Any] = dict(base) if spec.merge else {}
    allowed = set(spec.keys) if spec.keys is not None else (set(out) if spec.merge else None)
    each = items_spec(spec)
    for i, (k, v) in enumerate(value.items()):
        where = _join(path, _safe(k, i))
        key = _parse(k, key_hint, NO_SPEC, where)
        if allowed is not None and key not in allowed:
            raise MoriError("config.err.unknown_key", key=where)
        out[key] = _parse(v, value_hint, each, where)
    _count(len(out), spec, path)
    return tuple(out.items())


def _record(value: Any, hint: type, path: str) -> tuple[Any, ...]:
    """A :class:`typing.NamedTuple` written as a JSON object of its fields."""
    if not isinstance(value, Mapping):
        raise MoriError("config.err.not_object", key=path)
    hints = record_hints(hint)
    for i, k in enumerate(value):
        if k not in hints:
            raise MoriError("config.err.unknown_key", key=_join(path, _safe(k, i)))
    values = []
    for name in hint._fields:
        if name in value:
            values.append(_parse(value[name], hints[name], NO_SPEC, _join(path, name)))
        elif name in hint._field_defaults:
            values.append(hint._field_defaults[name])
        else:
            raise MoriError("config.err.missing", key=_join(path, name))
    return hint(*values)


def _parse(
    value: Any, hint: Any, spec: Spec, path: str, *, default: Any = None, parsed: Any = None
) -> Any:
    """Validate ``value`` against ``hint`` and ``spec``; return it in its Python form."""
    if isinstance(value, Refused):
        raise MoriError(value.key, key=path)
    hint, extra = split(hint)
    spec = combine(spec, extra)
    inner = optional_of(hint)
    if inner is not None:
        return None if value is None else _parse(value, inner, spec, path)
    if hint is bool:
        if not isinstance(value, bool):
            raise MoriError("config.err.not_bool", key=path)
        return value
    if hint is int or hint is float:
        return _number(value, spec, path, integral=hint is int)
    if hint is str:
        return _text(value, spec, path)
    if is_config(hint):
        return _config(hint, value, path)
    if is_record(hint):
        return _record(value, hint, path)
    if typing.get_origin(hint) is tuple:
        if spec.table:
            base = spec.base(parsed) if spec.base is not None else default
            return _table(value, hint, spec, path, base)
        return _sequence(value, hint, spec, path)
    raise TypeError(f"unsupported config type at {path}: {hint!r}")  # a programming error


def _config(cls: type, data: Any, path: str) -> Any:
    if isinstance(data, Refused):
        raise MoriError(data.key, key=path or "-")
    if not isinstance(data, Mapping):
        if not path:
            raise MoriError("config.err.section_not_object", key="-")
        raise MoriError("config.err.not_object", key=path)
    prepare = getattr(cls, "_prepare_dict", None)
    if prepare is not None:
        data = prepare(dict(data))
    known = accepted(cls)
    for i, k in enumerate(data):
        if k not in known:
            raise MoriError("config.err.unknown_key", key=_join(path, _safe(k, i)))
    kwargs: dict[str, Any] = {}
    parsed: dict[str, Any] = {}
    missing = []  # reported after the values given: a wrong value explains more
    for fd in fields_of(cls):
        where = _join(path, fd.name)
        if fd.spec.inline:
            own = accepted(fd.hint)
            kwargs[fd.name] = _config(fd.hint, {k: v for k, v in data.items() if k in own}, path)
        elif fd.name in data:
            kwargs[fd.name] = _parse(
                data[fd.name], fd.hint, fd.spec, where, default=fd.default, parsed=parsed
            )
        elif fd.spec.base is not None:  # a default that depends on the fields before
            kwargs[fd.name] = _parse({}, fd.hint, fd.spec, where, default=fd.default, parsed=parsed)
        elif fd.required:
            missing.append(where)
        parsed[fd.name] = kwargs.get(fd.name, fd.default)
    if missing:
        raise MoriError("config.err.missing", key=missing[0])
    try:
        obj = cls(**kwargs)
        check = getattr(obj, "_check", None)
        if check is not None:
            check()
    except Invalid as err:
        raise MoriError("config.err.invalid", key=_join(path, err.field)) from None
    except (ValueError, TypeError):
        if not path:
            raise MoriError("config.err.section_invalid", key="-") from None
        raise MoriError("config.err.invalid", key=path) from None
    return obj


def from_dict(
    cls: type[T], data: Mapping[str, Any] | None, *, section: str | None = None, file: str = ""
) -> T:
    """Build config ``cls`` from JSON-like ``data``, validating every declared field.

    Parameters
    ----------
    cls : type
        A frozen dataclass with declared fields (normally a :class:`Config`).
    data : mapping or None
        Parsed JSON; ``None`` gives the defaults.
    section : str, optional
        Label naming this config in messages (default: ``file``, else
        ``cls.SECTION``).
    file : str
        File name, if the data came from one (also a ``file`` parameter).

    Returns
    -------
    object
        An instance of ``cls``.

    Raises
    ------
    MoriError
        ``config.err.*`` naming ``section`` and the ``key`` path; never
        anything else, whatever ``data`` holds.
    """
    if data is None:  # an absent section: the defaults (a required field is missing)
        data = {}
    label = section or file or getattr(cls, "SECTION", "") or cls.__name__
    context = {"section": label, **({"file": file} if file else {})}
    try:
        return _config(cls, data, "")
    except MoriError as err:
        raise MoriError(err.key, **{**err.params, **context}) from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError):
        raise MoriError("config.err.section_invalid", key="-", **context) from None


def _dump(value: Any, hint: Any, spec: Spec) -> Any:
    hint, extra = split(hint)
    spec = combine(spec, extra)
    inner = optional_of(hint)
    if inner is not None:
        return None if value is None else _dump(value, inner, spec)
    if is_config(hint):
        return to_dict(value)
    if is_record(hint):
        hints = record_hints(hint)
        return {n: _dump(v, hints[n], NO_SPEC) for n, v in zip(hint._fields, value, strict=True)}
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if spec.table:
            value_hint = typing.get_args(args[0])[1]
            return {k: _dump(v, value_hint, NO_SPEC) for k, v in value}
        if len(args) == 2 and args[1] is Ellipsis:
            return [_dump(v, args[0], NO_SPEC) for v in value]
        return [_dump(v, a, NO_SPEC) for v, a in zip(value, args, strict=True)]
    return value


def to_dict(config: object) -> dict[str, Any]:
    """Plain JSON types of a config, the inverse of :func:`from_dict`.

    Tables become ``{key: value}``, tuples lists, nested configs and records objects.
    """
    out: dict[str, Any] = {}
    for fd in fields_of(type(config)):
        value = getattr(config, fd.name)
        if fd.spec.inline:
            out.update(to_dict(value))
        else:
            out[fd.name] = _dump(value, fd.hint, fd.spec)
    return out


class Config:
    """Base of frozen configs: ``to_dict``/``from_dict`` come from the field declarations.

    Subclasses set ``SECTION`` (the label used in messages, normally the
    workspace section that stores them).
    """

    SECTION = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types (see :func:`to_dict`)."""
        return to_dict(self)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any] | None, *, section: str | None = None, file: str = ""
    ) -> Self:
        """Build from :meth:`to_dict` output (partial: missing keys keep defaults).

        Raises
        ------
        MoriError
            ``config.err.*`` naming the section and key (see :func:`from_dict`).
        """
        return from_dict(cls, data, section=section, file=file)
