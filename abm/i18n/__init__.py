"""Translation: every user-visible string goes through :func:`t`.

Catalogs live beside this file, one module per area (``common``, ``ingest``,
``resolve``, ``funnel``, ``scoring``, ``gap``, ``accounts``), each defining
``STRINGS: dict[str, tuple[str, str]]`` mapping a key to ``(japanese, english)``.
Keys are namespaced by area (``"ingest.err.empty_file"``). Placeholders use
``str.format`` syntax (``"{file}"``).

Keys are literals in the code: a value chosen at run time is labelled through
a table of literal keys in :mod:`abm.i18n.keys`, never a key built with an
f-string, so the completeness test sees every key. With the environment flag
:data:`STRICT_ENV` set (``tests/conftest.py`` sets it), an unknown key or a
placeholder left unfilled raises instead of showing the raw key to a user.
"""

from __future__ import annotations

import importlib
import os
import string
from collections.abc import Mapping

__all__ = ["LANGS", "STRICT_ENV", "MissingTranslation", "catalog", "normalise_lang", "t"]

#: Environment variable that makes :func:`t` strict (any non-empty value but ``"0"``).
STRICT_ENV = "MORI_I18N_STRICT"


class MissingTranslation(KeyError):
    """An unknown key or an unfilled placeholder, raised only in strict mode (tests)."""


#: Supported languages, default first.
LANGS: tuple[str, ...] = ("ja", "en")

_AREAS = (
    "common", "fields", "ingest", "resolve", "funnel", "scoring", "gap", "accounts", "engine",
    "auth", "workspace",
)  # fmt: skip


def _load() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in _AREAS:
        try:
            mod = importlib.import_module(f"abm.i18n.{area}")
        except ModuleNotFoundError as exc:  # an area not written yet
            if exc.name == f"abm.i18n.{area}":
                continue
            raise
        strings: Mapping[str, tuple[str, str]] = mod.STRINGS
        for key, pair in strings.items():
            if key in merged:
                raise ValueError(f"duplicate translation key: {key}")
            merged[key] = pair
    return merged


_CATALOG = _load()


def catalog() -> Mapping[str, tuple[str, str]]:
    """Return the merged catalog ``{key: (ja, en)}`` (read-only view)."""
    return dict(_CATALOG)


def normalise_lang(locale: str | None) -> str:
    """Map a browser locale such as ``"ja-JP"`` or ``"en-US"`` to a language.

    Parameters
    ----------
    locale : str or None
        A BCP-47 tag; ``None`` or an unsupported language gives ``"ja"``
        unless it starts with ``"en"``.

    Returns
    -------
    str
        ``"ja"`` or ``"en"``.
    """
    if locale and locale.lower().startswith("en"):
        return "en"
    return "ja"


def t(key: str, lang: str = "ja", /, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill its placeholders.

    Parameters
    ----------
    key : str
        Catalog key.
    lang : {"ja", "en"}
        Language; anything else falls back to Japanese.
    **params
        Values for ``{name}`` placeholders.

    Returns
    -------
    str
        The translated text. An unknown key returns the key itself, and a
        placeholder that cannot be filled leaves the text unformatted.

    Raises
    ------
    MissingTranslation
        Instead of either fallback when :data:`STRICT_ENV` is set (in tests).
    """
    pair = _CATALOG.get(key)
    if pair is None:
        if _strict():
            raise MissingTranslation(f"unknown translation key: {key!r}")
        return key
    text = pair[1] if lang == "en" else pair[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError) as err:
            if _strict():
                raise MissingTranslation(f"{key!r} cannot be filled: {err!r}") from None
            return text
    if _strict() and any(field for _, field, _, _ in string.Formatter().parse(text)):
        raise MissingTranslation(f"{key!r} needs placeholders that were not given")
    return text


def _strict() -> bool:
    return os.environ.get(STRICT_ENV, "") not in ("", "0")
