"""Stage maps: raw stage/status values → model stages and detours.

A :class:`StageMap` is a frozen, hashable table of ``raw value → (stage,
detour)``. ``stage`` is a generic stage key (see
:data:`abm.funnel.models.GENERIC_STAGES`): the highest stage a lead carrying
that value has reached; ``detour`` is ``"lost"``, ``"recycled"``,
``"disqualified"`` or ``""``. Because stages are generic, one map serves
every model: :meth:`StageMap.project` places each value on a model's stages.

:class:`FunnelConfig` bundles the model, the map, SLA days and the counting
mode; it is stored as the workspace section ``"stage_map"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated

import numpy as np
import pandas as pd

from abm.core.config import Config, Invalid, Spec
from abm.funnel.models import DETOURS, GENERIC_STAGES, FunnelModel, get_model
from abm.funnel.vocab import KEYWORDS, VOCABULARY, normalise_value

__all__ = [
    "DEFAULT_SLA_DAYS",
    "FunnelConfig",
    "StageMap",
    "complete_stage_map",
    "distinct_text",
    "stage_map_from_table",
    "stage_map_table",
    "suggest_stage_map",
    "suggest_value",
]

#: Default service-level agreement (days a lead may sit in a stage).
DEFAULT_SLA_DAYS: dict[str, int] = {
    "inquiry": 30,
    "aql": 14,
    "mal": 14,
    "mql": 7,
    "sal": 14,
    "sql": 30,
    "opportunity": 90,
}


_Entry = tuple[
    str,
    Annotated[str, Spec(choices=("", *GENERIC_STAGES))],
    Annotated[str, Spec(choices=("", *DETOURS))],
]


@dataclass(frozen=True)
class StageMap(Config):
    """Raw value → ``(generic stage, detour)``, hashable.

    Parameters
    ----------
    entries : tuple of (raw, stage, detour)
        ``stage`` in :data:`GENERIC_STAGES` or ``""``; ``detour`` in
        :data:`DETOURS` or ``""``. Unlisted values are unmapped.
    """

    entries: tuple[_Entry, ...] = ()

    SECTION = "stage_map"

    def __post_init__(self) -> None:
        for _raw, stage, detour in self.entries:
            if (stage and stage not in GENERIC_STAGES) or (detour and detour not in DETOURS):
                raise Invalid("entries")  # a ValueError: unknown stage or detour

    def lookup(self) -> dict[str, tuple[str, str]]:
        """``{normalised raw: (stage, detour)}`` (later entries win)."""
        return {normalise_value(raw): (stage, detour) for raw, stage, detour in self.entries}

    def project(self, model: FunnelModel) -> dict[str, tuple[int, str]]:
        """``{normalised raw: (stage position in model or -1, detour)}``."""
        out: dict[str, tuple[int, str]] = {}
        for norm, (stage, detour) in self.lookup().items():
            pos = -1
            if stage:
                key = model.stage_for_generic(stage)
                pos = -1 if key is None else model.index(key)
            out[norm] = (pos, detour)
        return out


def suggest_value(value: object) -> tuple[str, str, float]:
    """Suggest ``(generic stage, detour, confidence)`` for one raw value.

    Exact vocabulary hits score 1.0, keyword hits 0.6, unknown values 0.0.
    """
    norm = normalise_value(value)
    if not norm:
        return "", "", 0.0
    hit = VOCABULARY.get(norm)
    if hit is not None:
        return hit[0], hit[1], 1.0
    for word, (stage, detour) in KEYWORDS:
        if word in norm:
            return stage, detour, 0.6
    return "", "", 0.0


def distinct_text(values: Iterable[object] | pd.Series) -> list[str]:
    """The distinct non-missing values as text, in order of first appearance.

    Computed on the text column itself (no Python object per row: a million
    leads' status column in a few hundredths of a second).

    Parameters
    ----------
    values : iterable or pandas.Series
        Any values; they are read as text (``string`` dtype).

    Returns
    -------
    list of str
        Each distinct value once, missing values left out.
    """
    s = pd.Series(list(values) if not isinstance(values, pd.Series) else values, dtype="string")
    return [str(v) for v in s.dropna().unique()]


def suggest_stage_map(
    values: Iterable[object] | pd.Series, model: FunnelModel | None = None
) -> StageMap:
    """Suggest a stage map for the raw values found in the data.

    Parameters
    ----------
    values : iterable or pandas.Series
        Raw stage/status values (duplicates and missing values are fine).
    model : FunnelModel, optional
        When given, a suggested stage the model lacks is moved to the nearest
        lower stage the model has (e.g. BowNow 準顕在 → MAL → Inquiry in the
        classic model).

    Returns
    -------
    StageMap
        One entry per distinct value, in first-seen order; unknown values map
        to ``("", "")``.
    """
    entries = []
    for raw in distinct_text(values):
        stage, detour, _conf = suggest_value(raw)
        if stage and model is not None:
            stage = model.stage_for_generic(stage) or ""
            stage = model.stages[model.index(stage)].generic if stage else ""
        entries.append((raw, stage, detour))
    return StageMap(tuple(entries))


def complete_stage_map(
    stage_map: StageMap, values: Iterable[object] | pd.Series, model: FunnelModel | None = None
) -> StageMap:
    """Add suggestions for values the map does not cover yet (existing entries win).

    Parameters
    ----------
    stage_map : StageMap
        The saved map (possibly empty).
    values : iterable or pandas.Series
        Raw values present in the data.
    model : FunnelModel, optional
        Passed to :func:`suggest_stage_map`.

    Returns
    -------
    StageMap
        ``stage_map`` itself when it already covers every value.
    """
    known = set(stage_map.lookup())
    missing = [v for v in distinct_text(values) if normalise_value(v) not in known]
    if not missing:
        return stage_map
    return StageMap(stage_map.entries + suggest_stage_map(missing, model).entries)


def stage_map_table(values: pd.Series, stage_map: StageMap) -> pd.DataFrame:
    """Table for the mapping editor: one row per distinct raw value.

    Returns
    -------
    pandas.DataFrame
        Columns ``value, leads, stage, detour, suggested`` (``suggested``:
        confidence of the vocabulary suggestion), most frequent first.
    """
    counts = values.dropna().astype("string").value_counts(sort=True)
    lookup = stage_map.lookup()
    rows = []
    for raw, n in counts.items():
        stage, detour = lookup.get(normalise_value(raw), ("", ""))
        rows.append((str(raw), int(n), stage, detour, suggest_value(raw)[2]))
    return pd.DataFrame(rows, columns=["value", "leads", "stage", "detour", "suggested"]).astype(
        {"leads": "int64", "suggested": "float64"}
    )


def stage_map_from_table(frame: pd.DataFrame) -> StageMap:
    """Build a map from an edited :func:`stage_map_table` (blank cells → ``""``)."""
    value = frame["value"].astype("string").fillna("")
    stage = frame["stage"].astype("string").fillna("")
    detour = frame["detour"].astype("string").fillna("")
    ok = stage.isin(("", *GENERIC_STAGES)) & detour.isin(("", *DETOURS)) & (value != "")
    keep = np.asarray(ok, dtype=bool)
    return StageMap(tuple(zip(value[keep], stage[keep], detour[keep], strict=True)))


@dataclass(frozen=True)
class FunnelConfig(Config):
    """Everything the funnel page lets a user tune (workspace ``"stage_map"``).

    Parameters
    ----------
    model : FunnelModel
        The waterfall.
    stage_map : StageMap
        Raw value mapping.
    sla_days : tuple of (stage, days)
        Days a lead may sit in a stage before it counts as stalled; stored
        as ``{stage: days}``, a partial object keeps the other defaults.
    strict : bool
        Strict (in order) counting; ``False`` counts any lead that reached a stage.
    """

    model: FunnelModel = field(default_factory=lambda: get_model("classic"))
    stage_map: StageMap = field(default_factory=StageMap)
    sla_days: Annotated[
        tuple[tuple[str, int], ...],
        Spec(table=True, merge=True, keys=GENERIC_STAGES, min=0, max=3650),
    ] = tuple(DEFAULT_SLA_DAYS.items())
    strict: bool = True

    SECTION = "stage_map"

    def sla(self) -> dict[str, int]:
        """SLA days by generic stage."""
        return dict(self.sla_days)
