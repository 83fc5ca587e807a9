"""Everything that moved between two snapshots, in one call (:func:`compare`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from abm.core.phases import PhaseVocabulary
from abm.history.deals import DealMoves, deal_moves
from abm.history.people import MqlMoves, SlaMoves, funnel_moves, mql_moves, sla_moves
from abm.history.side import HistorySettings, Side, reach_of
from abm.history.tiers import TierMoves, tier_moves

__all__ = ["History", "HistorySettings", "Side", "compare"]


@dataclass(frozen=True, eq=False)
class History:
    """What moved between ``before`` and ``after`` (see :mod:`abm.history`).

    Attributes
    ----------
    before, after : Side
    settings : HistorySettings
    funnel : pandas.DataFrame
        :func:`abm.history.funnel_moves`.
    mqls : MqlMoves
    deals : DealMoves
    sla : SlaMoves
    tiers : TierMoves
    """

    before: Side
    after: Side
    settings: HistorySettings
    funnel: pd.DataFrame
    mqls: MqlMoves
    deals: DealMoves
    sla: SlaMoves
    tiers: TierMoves
    notes: tuple[str, ...] = field(default=())


def compare(
    before: Side,
    after: Side,
    settings: HistorySettings | None = None,
    *,
    lang: str = "ja",
    vocabulary: PhaseVocabulary | None = None,
) -> History:
    """Compare two snapshots with one set of settings.

    Parameters
    ----------
    before, after : Side
        The earlier and the later snapshot (each at its own as-of date).
    settings : HistorySettings, optional
        The page's settings (defaults: the default funnel model, SLA, tiers).
    lang : {"ja", "en"}
        Language of the stage labels.
    vocabulary : PhaseVocabulary, optional
        Phase words, for opportunities loaded without an ``outcome``.

    Returns
    -------
    History
        ``notes`` holds ``"as_of_order"`` when ``after`` is not later than
        ``before`` (the comparison is made as asked).
    """
    settings = settings or HistorySettings()
    reaches = (reach_of(before, settings.funnel), reach_of(after, settings.funnel))
    notes = ()
    if pd.Timestamp(after.as_of) <= pd.Timestamp(before.as_of):
        notes = ("as_of_order",)
    return History(
        before=before,
        after=after,
        settings=settings,
        funnel=funnel_moves(before, after, settings.funnel, lang=lang, reaches=reaches),
        mqls=mql_moves(before, after, settings.funnel, reaches=reaches),
        deals=deal_moves(before, after, vocabulary=vocabulary),
        sla=sla_moves(before, after, settings.funnel, settings.gap, reaches=reaches),
        tiers=tier_moves(
            before,
            after,
            rules=settings.tier_rules,
            rollup=settings.rollup,
            exclusions=settings.exclusions,
        ),
        notes=notes,
    )
