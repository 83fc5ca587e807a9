"""Settings of the gap view, stored in the workspace section ``"general"`` under ``"gap"``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from abm.core.config import Config, Spec
from abm.core.format import CURRENCIES
from abm.errors import MoriError

__all__ = ["DEFAULT_SLA_DAYS", "GROUP_BY", "GapSettings", "GeneralSettings"]

#: Days sales has to touch an MQL before it counts as an SLA breach.
DEFAULT_SLA_DAYS = 7
#: Dimensions the source truth table can be grouped by.
GROUP_BY: tuple[str, ...] = ("lead_source", "campaign")
_FREQS = ("W", "M", "Q")


@dataclass(frozen=True)
class GapSettings(Config):
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
        Costs as workspace files before per-grouping costs held them: one ``{value:
        amount}`` for both groupings (a campaign's and a lead source's costs mixed). Read,
        no longer written: :func:`abm.gap.sources.read_costs` splits it by the data (a
        key that is a campaign of the data is a campaign cost, the others lead-source
        costs); :meth:`cost_map` reads it as before under a grouping's own costs.
    source_costs : tuple of (str, float)
        User-entered cost per lead source (a channel's key, or a source as written), in
        the workspace's currency, stored as ``{value: amount}``.
    campaign_costs : tuple of (str, float)
        User-entered cost per campaign (its name as written).
    period : {"W", "M", "Q"}
        Period of the lead-volume chart (week, month, quarter).
    small_company : int
        Employee count under which a company is "small" in the findings.
    """

    fiscal_start_month: Annotated[int, Spec(min=1, max=12)] = 4
    sla_days: Annotated[int, Spec(min=0, max=3650)] = DEFAULT_SLA_DAYS
    group_by: Annotated[str, Spec(choices=GROUP_BY)] = "lead_source"
    costs: Annotated[tuple[tuple[str, float], ...], Spec(table=True, min=0)] = ()
    source_costs: Annotated[tuple[tuple[str, float], ...], Spec(table=True, min=0)] = ()
    campaign_costs: Annotated[tuple[tuple[str, float], ...], Spec(table=True, min=0)] = ()
    period: Annotated[str, Spec(choices=_FREQS)] = "M"
    small_company: Annotated[int, Spec(min=0, max=10_000_000)] = 50

    SECTION = "general"

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

    def cost_map(self, by: str | None = None) -> dict[str, float]:
        """User-entered costs of grouping ``by`` (default :attr:`group_by`) as ``{value:
        amount}``: the grouping's own costs over an old file's mixed :attr:`costs` (which
        served whichever grouping was shown, as they did before)."""
        own = self.campaign_costs if (by or self.group_by) == "campaign" else self.source_costs
        return {**dict(self.costs), **dict(own)}

    def costs_by_group(self) -> dict[str, dict[str, float]]:
        """The grouping's own costs, ``{"lead_source": {...}, "campaign": {...}}`` (an old
        file's mixed :attr:`costs` left out: :func:`abm.gap.sources.read_costs` splits
        them by the data)."""
        return {"lead_source": dict(self.source_costs), "campaign": dict(self.campaign_costs)}


@dataclass(frozen=True)
class GeneralSettings(Config):
    """Workspace section ``general``: settings of pages without a section of their own.

    Parameters
    ----------
    gap : GapSettings
        The gap page's settings.
    currency : str
        The currency the exports' amounts are in (an ISO code of
        :data:`abm.core.format.CURRENCIES`; yen by default). It names the amounts on
        every page and export.
    exchange_rates : tuple of (str, float)
        ``(ISO code, rate)``: one unit of that currency in ``currency`` (``USD`` → 150 in a
        yen workspace). A deal whose currency column names another currency is converted
        at its rate, else its amount is left out of sums (:mod:`abm.core.money`).
    """

    gap: GapSettings = field(default_factory=GapSettings)
    currency: Annotated[str, Spec(choices=tuple(CURRENCIES))] = "JPY"
    exchange_rates: Annotated[tuple[tuple[str, float], ...], Spec(table=True, min=0)] = ()

    SECTION = "general"
