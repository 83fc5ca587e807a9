"""One versioned workspace-settings file per client.

It holds, as named sections, everything a user tunes: the column mappings,
the stage map, exclusion rules, 名寄せ review decisions, the scoring model
and the tier rules. Each section is a JSON object owned by the module that
reads it (that module's config ``to_dict``/``from_dict``). The file is
refused whole — never half-applied — when its format or version is unknown
or newer than this build, or a section is not an object.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from abm.errors import MoriError

__all__ = ["FORMAT", "SECTIONS", "VERSION", "Workspace"]

#: Marker identifying a Mori workspace file.
FORMAT = "mori-workspace"
#: Current (and highest readable) version.
VERSION = 1
#: Known sections. Unknown sections are refused so nothing is silently ignored.
SECTIONS: tuple[str, ...] = (
    "column_mappings",
    "matching",
    "stage_map",
    "exclusion_rules",
    "review_decisions",
    "scoring_model",
    "tier_rules",
    "abm_fit",
    "general",
)

#: Largest settings file accepted (bytes).
MAX_BYTES = 5_000_000


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Workspace:
    """Immutable workspace settings.

    Use :meth:`with_section` to obtain an updated copy and :meth:`section` to
    read one back as a plain ``dict``.
    """

    sections: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def section(self, name: str) -> dict[str, Any] | None:
        """Return section ``name`` as a fresh plain dict, or ``None``."""
        value = self.sections.get(name)
        return None if value is None else _thaw(value)

    def with_section(self, name: str, value: Mapping[str, Any] | None) -> Workspace:
        """Return a copy with section ``name`` set (``None`` removes it).

        Raises
        ------
        ValueError
            If ``name`` is not one of :data:`SECTIONS` (a programming error).
        """
        if name not in SECTIONS:
            raise ValueError(f"unknown settings section: {name}")
        data = {k: v for k, v in self.sections.items() if k != name}
        if value is not None:
            data[name] = _freeze(json.loads(json.dumps(value)))
        return Workspace(MappingProxyType(dict(sorted(data.items()))))

    def to_json(self) -> str:
        """Serialise to a stable, pretty-printed JSON document."""
        doc = {"format": FORMAT, "version": VERSION, "sections": _thaw(self.sections)}
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes, *, file: str = "settings.json") -> Workspace:
        """Parse a workspace file, refusing anything not fully understood.

        Parameters
        ----------
        text : str or bytes
            The file content (UTF-8, BOM allowed).
        file : str
            File name, for messages.

        Raises
        ------
        MoriError
            ``settings.err.*`` for oversize, invalid JSON, wrong format,
            newer/unknown version or unknown/invalid sections.
        """
        if isinstance(text, bytes):
            if len(text) > MAX_BYTES:
                raise MoriError("settings.err.too_big", file=file)
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise MoriError("settings.err.not_json", file=file) from None
        try:
            doc = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            raise MoriError("settings.err.not_json", file=file) from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise MoriError("settings.err.not_workspace", file=file)
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise MoriError("settings.err.bad_version", file=file)
        if version > VERSION:
            raise MoriError(
                "settings.err.newer_version", file=file, version=version, supported=VERSION
            )
        sections = doc.get("sections", {})
        if not isinstance(sections, dict):
            raise MoriError("settings.err.not_workspace", file=file)
        unknown = sorted(set(sections) - set(SECTIONS))
        if unknown:
            raise MoriError("settings.err.unknown_section", file=file, section=", ".join(unknown))
        ws = cls()
        for name, value in sections.items():
            if not isinstance(value, dict):
                raise MoriError("settings.err.bad_section", file=file, section=name)
            ws = ws.with_section(name, value)
        return ws
