"""Demand-waterfall models as data.

A :class:`FunnelModel` is an ordered tuple of :class:`Stage` objects. Every
stage has a *generic* key from :data:`GENERIC_STAGES` (the universal ladder
Inquiry → AQL → MAL → MQL → SAL → SQL → Opportunity → Won) which ties it to the
canonical stage-date column and to the vocabulary used to suggest stage maps.
Lost, recycled and disqualified are :data:`DETOURS`, never stages.

Built-in models (:data:`MODELS`):

``classic``
    SiriusDecisions 2006: Inquiry → MQL → SAL → SQL → Opportunity → Won.
``sd2012``
    SiriusDecisions 2012: Inquiry → AQL/TQL (optional feeder) → MQL → SAL →
    SQL → Opportunity → Won.
``the_model``
    Japanese "The Model": Inquiry → MAL → MQL → SAL → SQL → Opportunity → Won.
``the_model_sal_after_sql``
    The Model with field-sales acceptance after inside-sales qualification:
    Inquiry → MAL → MQL → SQL → SAL → Opportunity → Won.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from abm.core.config import Config, Invalid, Spec

__all__ = [
    "DETOURS",
    "GENERIC_STAGES",
    "MODELS",
    "FunnelModel",
    "Stage",
    "custom_model",
    "generic_label",
    "get_model",
]

#: Universal stage ladder, lowest first. Each maps to ``<key>_at`` in the schema.
GENERIC_STAGES: tuple[str, ...] = (
    "inquiry",
    "aql",
    "mal",
    "mql",
    "sal",
    "sql",
    "opportunity",
    "won",
)

#: Detours: states a lead can fall into from any stage. Not stages.
DETOURS: tuple[str, ...] = ("lost", "recycled", "disqualified")

_LABELS: dict[str, tuple[str, str]] = {
    "inquiry": ("問い合わせ", "Inquiry"),
    "aql": ("AQL/TQL", "AQL/TQL"),
    "mal": ("MAL", "MAL"),
    "mql": ("MQL", "MQL"),
    "sal": ("SAL", "SAL"),
    "sql": ("SQL", "SQL"),
    "opportunity": ("商談化", "Opportunity"),
    "won": ("受注", "Won"),
}


_Label = Annotated[str, Spec(min_len=1, max_len=100)]


@dataclass(frozen=True)
class Stage(Config):
    """One stage of a waterfall.

    Parameters
    ----------
    key : str
        Identifier, unique within the model (``"mql"``).
    generic : str
        Rung of :data:`GENERIC_STAGES` this stage stands for.
    ja, en : str
        Display labels.
    optional : bool
        A feeder stage leads may bypass without counting as a skip (AQL/TQL).
    """

    key: Annotated[str, Spec(min_len=1, max_len=40)]
    generic: Annotated[str, Spec(choices=GENERIC_STAGES)]
    ja: _Label
    en: _Label
    optional: bool = False

    SECTION = "stage_map"

    @property
    def date_column(self) -> str:
        """Canonical stage-date column (see ``abm.schema.STAGE_DATE_COLUMNS``)."""
        return f"{self.generic}_at"

    def label(self, lang: str = "ja") -> str:
        """Display label in ``lang``."""
        return self.en if lang == "en" else self.ja

    @classmethod
    def _prepare_dict(cls, data: dict[str, Any]) -> dict[str, Any]:
        """A stage saved with only its generic key takes that rung's key and labels."""
        generic = data.get("generic")
        if not isinstance(generic, str) or generic not in _LABELS:
            return data
        ja, en = _LABELS[generic]
        return {"key": generic, "ja": ja, "en": en, **data}


def _stage(generic: str, optional: bool = False) -> Stage:
    ja, en = _LABELS[generic]
    return Stage(generic, generic, ja, en, optional)


@dataclass(frozen=True)
class FunnelModel(Config):
    """An ordered waterfall.

    Parameters
    ----------
    key : str
        Model identifier (``"classic"``, ``"the_model"``, ``"custom"``…).
    stages : tuple of Stage
        Stages in funnel order, first stage first.
    """

    key: Annotated[str, Spec(min_len=1, max_len=40)]
    stages: Annotated[tuple[Stage, ...], Spec(min_len=1, max_len=len(GENERIC_STAGES))]

    SECTION = "stage_map"

    def __post_init__(self) -> None:
        keys = [s.key for s in self.stages]
        generics = [s.generic for s in self.stages]
        if not keys or len(set(keys)) != len(keys) or len(set(generics)) != len(generics):
            raise Invalid("stages")  # a ValueError: distinct, non-empty stages
        if self.stages[0].optional:
            raise Invalid("stages")  # the first stage cannot be optional

    @property
    def keys(self) -> tuple[str, ...]:
        """Stage keys in order."""
        return tuple(s.key for s in self.stages)

    @property
    def date_columns(self) -> tuple[str, ...]:
        """Canonical stage-date columns in stage order."""
        return tuple(s.date_column for s in self.stages)

    def index(self, key: str) -> int:
        """Position of stage ``key`` (ValueError if absent)."""
        return self.keys.index(key)

    def previous_required(self) -> list[int]:
        """For each stage, the index of the previous required stage (-1 for the first)."""
        out, last = [], -1
        for j, s in enumerate(self.stages):
            out.append(last)
            if not s.optional:
                last = j
        return out

    def stage_for_generic(self, generic: str) -> str | None:
        """Model stage standing for ``generic``, else the nearest lower one.

        Returns ``None`` when ``generic`` lies below the model's first stage
        (never happens for built-in models, which all start at Inquiry).
        """
        rank = {g: i for i, g in enumerate(GENERIC_STAGES)}
        target = rank[generic]
        best: tuple[int, str] | None = None
        for s in self.stages:
            r = rank[s.generic]
            if r <= target and (best is None or r > best[0]) and (not s.optional or r == target):
                best = (r, s.key)
        return None if best is None else best[1]

    @classmethod
    def _prepare_dict(cls, data: dict[str, Any]) -> dict[str, Any]:
        """A built-in key without stages is that model of :data:`MODELS`; the key defaults to custom."""
        data = {"key": "custom", **data}
        key = data["key"]
        if not data.get("stages") and isinstance(key, str) and key in MODELS:
            return {**data, "stages": MODELS[key].to_dict()["stages"]}
        return data


#: Built-in models by key.
MODELS: dict[str, FunnelModel] = {
    "classic": FunnelModel(
        "classic", tuple(_stage(g) for g in ("inquiry", "mql", "sal", "sql", "opportunity", "won"))
    ),
    "sd2012": FunnelModel(
        "sd2012",
        (
            _stage("inquiry"),
            _stage("aql", optional=True),
            *(_stage(g) for g in ("mql", "sal", "sql", "opportunity", "won")),
        ),
    ),
    "the_model": FunnelModel(
        "the_model",
        tuple(_stage(g) for g in ("inquiry", "mal", "mql", "sal", "sql", "opportunity", "won")),
    ),
    "the_model_sal_after_sql": FunnelModel(
        "the_model_sal_after_sql",
        tuple(_stage(g) for g in ("inquiry", "mal", "mql", "sql", "sal", "opportunity", "won")),
    ),
}


def generic_label(generic: str, lang: str = "ja") -> str:
    """Default display label of a generic stage key (``"opportunity"`` → 商談化/Opportunity)."""
    ja, en = _LABELS[generic]
    return en if lang == "en" else ja


def get_model(key: str) -> FunnelModel:
    """Return the built-in model ``key`` (KeyError if unknown)."""
    return MODELS[key]


def custom_model(
    generics: Sequence[str],
    *,
    optional: Sequence[str] = (),
    labels: Mapping[str, tuple[str, str]] | None = None,
) -> FunnelModel:
    """Build a user-defined model from generic stage keys in the user's order.

    Parameters
    ----------
    generics : sequence of str
        Keys from :data:`GENERIC_STAGES`, in the order the organisation uses.
    optional : sequence of str
        Stages leads may bypass without counting as a skip.
    labels : mapping, optional
        ``{generic: (ja, en)}`` to rename stages (e.g. ``"sal": ("アポ獲得", "Meeting")``).

    Returns
    -------
    FunnelModel
        With ``key == "custom"``.
    """
    labels = labels or {}
    stages = []
    for g in generics:
        if g not in GENERIC_STAGES:
            raise ValueError("unknown generic stage")
        ja, en = labels.get(g, _LABELS[g])
        stages.append(Stage(g, g, ja, en, g in optional))
    return FunnelModel("custom", tuple(stages))
