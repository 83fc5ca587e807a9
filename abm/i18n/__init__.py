"""Translation: every user-visible string goes through :func:`t`.

Catalogs live beside this file, one module per area (``common``, ``ingest``,
``resolve``, ``funnel``, ``scoring``, ``gap``, ``accounts``), each defining
``STRINGS: dict[str, tuple[str, str]]`` mapping a key to ``(japanese, english)``.
Keys are namespaced by area (``"ingest.err.empty_file"``). Placeholders use
``str.format`` syntax (``"{file}"``).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

__all__ = ["LANGS", "catalog", "normalise_lang", "t"]

#: Supported languages, default first.
LANGS: tuple[str, ...] = ("ja", "en")

_AREAS = ("common", "ingest", "resolve", "funnel", "scoring", "gap", "accounts")


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
        The translated text. An unknown key returns the key itself (a test
        asserts no code uses an unknown key).
    """
    pair = _CATALOG.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
