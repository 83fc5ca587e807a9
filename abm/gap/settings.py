"""Settings of the gap view, stored in the workspace section ``"general"`` under ``"gap"``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from abm.errors import MoriError

__all__ = ["DEFAULT_SLA_DAYS", "GROUP_BY", "GapSettings"]

#: Days sales has to touch an MQL before it counts as an SLA breach.
DEFAULT_SLA_DAYS = 7
#: Dimensions the source truth table can be grouped by.
GROUP_BY: tuple[str, ...] = ("lead_source", "campaign")
_FREQS = ("W", "M", "Q")


@dataclass(frozen=True)
class GapSettings:
    """What the gap page lets a user tune.

    Parameters
    ----------
    fiscal_start_month : int
        First month of the fiscal year (1–12; April, the Japanese default).
    sla_days : int
        Days from MQL to the first sales touch before it is an SLA breach.
    group_by : {"lead_source", "campaign"}
        Dimension of the source truth table.
    costs : tuple of (str, float)
        User-entered cost (yen) per source or campaign value.
    period : {"W", "M", "Q"}
        Period of the lead-volume chart (week, month, quarter).
    small_company : int
        Employee count under which a company is "small" in the findings.
    """

    fiscal_start_month: int = 4
    sla_days: int = DEFAULT_SLA_DAYS
    group_by: str = "lead_source"
    costs: tuple[tuple[str, float], ...] = ()
    period: str = "M"
    small_company: int = 50

    def __post_init__(self) -> None:
        if not 1 <= int(self.fiscal_start_month) <= 12:
            raise MoriError("gap.err.bad_settings", column="fiscal_start_month")
        if self.sla_days < 0:
            raise MoriError("gap.err.bad_settings", column="sla_days")
        if self.group_by not in GROUP_BY:
            raise MoriError("gap.err.bad_settings", column="group_by")
        if self.period not in _FREQS:
            raise MoriError("gap.err.bad_settings", column="period")
        if self.small_company < 0:
            raise MoriError("gap.err.bad_settings", column="small_company")

    def cost_map(self) -> dict[str, float]:
        """User-entered costs as ``{value: yen}``."""
        return dict(self.costs)

    def to_dict(self) -> dict[str, Any]:
        """Serialise to plain JSON types (costs as ``{value: yen}``)."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["costs"] = self.cost_map()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> GapSettings:
        """Inverse of :meth:`to_dict`; missing keys take defaults.

        Raises
        ------
        MoriError
            ``gap.err.bad_settings`` naming the offending key.
        """
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise MoriError("gap.err.bad_settings", column="-")
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise MoriError("gap.err.bad_settings", column=", ".join(map(str, unknown)))
        kw: dict[str, Any] = {}
        for key in ("fiscal_start_month", "sla_days", "small_company"):
            if key in data:
                v = data[key]
                if isinstance(v, bool) or not isinstance(v, int):
                    raise MoriError("gap.err.bad_settings", column=key)
                kw[key] = v
        for key in ("group_by", "period"):
            if key in data:
                if not isinstance(data[key], str):
                    raise MoriError("gap.err.bad_settings", column=key)
                kw[key] = data[key]
        if "costs" in data:
            costs = data["costs"]
            if not isinstance(costs, Mapping):
                raise MoriError("gap.err.bad_settings", column="costs")
            pairs = []
            for k, v in costs.items():
                ok = isinstance(v, int | float) and not isinstance(v, bool)
                if not ok or not math.isfinite(v) or v < 0:
                    raise MoriError("gap.err.bad_settings", column="costs")
                pairs.append((str(k), float(v)))
            kw["costs"] = tuple(sorted(pairs))
        return cls(**kw)
