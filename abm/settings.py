"""One versioned workspace-settings file per client.

It holds, as named sections, everything a user tunes: the column mappings,
the stage map, exclusion rules, 名寄せ review decisions, the scoring model
and the tier rules. Each section is a JSON object validated at load by the
config class :data:`SECTION_CLASSES` names for it (the one declarative
validator of :mod:`abm.core.config`).

* The file is refused whole when it is too large, not JSON, nested too deep
  to parse, of an unknown format or a newer version, names an unknown
  section, or a section is not an object.
* A section whose content is invalid (a wrong type, a number out of range or
  not finite, an unknown key, a lone surrogate…) is refused alone: the other
  sections load, the refused one keeps its defaults, and the reason is listed
  in :attr:`Workspace.problems`. Nothing a file holds raises anything but
  :class:`~abm.errors.MoriError`.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from abm.core.safejson import parse_json
from abm.errors import MoriError

__all__ = ["FORMAT", "SECTIONS", "SECTION_CLASSES", "VERSION", "Workspace", "section_class"]

#: Marker identifying a Mori workspace file.
FORMAT = "mori-workspace"
#: Current (and highest readable) version.
VERSION = 1
#: Section name -> ``"module:Class"`` whose ``from_dict`` validates it. Imported
#: on first use: this module sits below every feature package.
SECTION_CLASSES: Mapping[str, str] = MappingProxyType(
    {
        "column_mappings": "abm.ingest.mapping:SavedMappings",
        "matching": "abm.resolve.resolve:ResolveConfig",
        "stage_map": "abm.funnel.stagemap:FunnelConfig",
        "exclusion_rules": "abm.resolve.hygiene:ExclusionRules",
        "review_decisions": "abm.resolve.review:ReviewDecisions",
        "scoring_model": "abm.scoring.model:ScoringModel",
        "tier_rules": "abm.accounts._config:AccountSettings",
        "abm_fit": "abm.accounts.fit:AbmFitSettings",
        "general": "abm.gap.settings:GeneralSettings",
        "phases": "abm.core.phases:PhaseVocabulary",
    }
)
#: Known sections. Unknown sections are refused so nothing is silently ignored.
SECTIONS: tuple[str, ...] = tuple(SECTION_CLASSES)

#: Largest settings file accepted (bytes).
MAX_BYTES = 5_000_000


@functools.cache
def section_class(name: str) -> Any:
    """The config class validating section ``name`` (KeyError if unknown)."""
    module, _, attr = SECTION_CLASSES[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def _shown(name: object) -> str:
    """A section name the file gave, as shown in a message (never verbatim)."""
    return (re.sub(r"[^A-Za-z0-9_]", "", name)[:40] or "?") if isinstance(name, str) else "?"


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

    Attributes
    ----------
    problems : tuple of MoriError
        Sections :meth:`from_json` refused (not part of equality); empty for a
        workspace built any other way.
    """

    sections: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[MoriError, ...] = field(default=(), compare=False, repr=False)

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
        """Parse a workspace file; each section is validated by its config class.

        Parameters
        ----------
        text : str or bytes
            The file content (UTF-8, BOM allowed).
        file : str
            File name, for messages.

        Returns
        -------
        Workspace
            The valid sections; each refused one is absent (its defaults stay
            in force) and reported in :attr:`problems` (``config.err.*``
            naming the section and key, with ``file``).

        Raises
        ------
        MoriError
            ``settings.err.*`` for oversize, invalid JSON, nesting too deep to
            parse, wrong format, newer/unknown version, unknown sections or a
            section that is not an object: nothing is applied then.
        """
        doc = parse_json(text, file=file, max_bytes=MAX_BYTES)
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
        unknown = sorted({_shown(k) for k in sections if k not in SECTION_CLASSES})
        if unknown:
            raise MoriError("settings.err.unknown_section", file=file, section=", ".join(unknown))
        for name, value in sections.items():
            if not isinstance(value, dict):
                raise MoriError("settings.err.bad_section", file=file, section=name)
        kept: dict[str, Any] = {}
        problems: list[MoriError] = []
        for name, value in sections.items():
            try:
                section_class(name).from_dict(value, section=name, file=file)
            except MoriError as err:
                problems.append(err)
            else:
                kept[name] = _freeze(value)
        return cls(MappingProxyType(dict(sorted(kept.items()))), tuple(problems))
