"""Everything that moved between two snapshots, in one call (:func:`compare`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from abm.core.phases import PhaseVocabulary
from abm.history.deals import DealMoves, deal_moves
from abm.history.people import (
    MqlMoves,
    SlaMoves,
    funnel_moves,
    mql_moves,
    shared_people,
    sla_moves,
)
from abm.history.side import HistorySettings, Side, reach_of
from abm.history.tiers import TierMoves, tier_moves

__all__ = ["MIN_SHARED_PEOPLE", "History", "HistorySettings", "Side", "compare", "other_rules"]

#: The least share of the earlier snapshot's people the later one must hold for the two to
#: be compared (QA-N: another company's exports loaded into a workspace were compared with
#: the first company's snapshot — "MQLs no longer in the data 1,929", "accounts down a
#: tier 42", inquiries 3,228 → 23,863). Two exports of one CRM or MA keep their people
#: from one month to the next (a record is rarely deleted: the monthly test world keeps
#: all of them; opt-outs and merges take a few percent), while two companies' exports
#: share next to nobody. Below half, most of what would read as "gone", "fell back" or
#: "down a tier" is who is in the data, not what they did: the two are not compared.
MIN_SHARED_PEOPLE = 0.5


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
    notes : tuple of str
        ``"as_of_order"``: ``after`` is not later than ``before``;
        ``"different_people"``: the two hold too few of the same people to be compared
        (:data:`MIN_SHARED_PEOPLE`): the moves are computed but mean nothing and are
        not shown (:attr:`comparable`); ``"other_rules_before"`` /
        ``"other_rules_after"``: that snapshot was cleaned with other 営業対象外 rules than
        the pages' (:attr:`Side.cleaned_with` ≠ :attr:`HistorySettings.exclusions`): its
        figures are what they were, not what the pages would show now.
    shared_people : float or None
        The share of ``before``'s people ``after`` holds
        (:func:`abm.history.people.shared_people`; ``None``: nobody to look up).
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
    shared_people: float | None = None

    @property
    def comparable(self) -> bool:
        """Whether the two snapshots are of the same people (else say so, show no move)."""
        return "different_people" not in self.notes


def other_rules(side: Side, settings: HistorySettings) -> bool:
    """Whether ``side`` was cleaned with other 営業対象外 rules than ``settings``' (the
    pages'); ``False`` when either is not known.

    Parameters
    ----------
    side : Side
    settings : HistorySettings

    Returns
    -------
    bool
    """
    mine, pages = side.cleaned_with, settings.exclusions
    return mine is not None and pages is not None and mine != pages


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
        ``before`` (the comparison is made as asked), ``"different_people"`` when
        fewer than :data:`MIN_SHARED_PEOPLE` of ``before``'s people are in ``after``
        (:attr:`History.comparable` is false: no move is to be shown),
        ``"other_rules_before"`` / ``"other_rules_after"`` when a side was cleaned with
        other exclusion rules than ``settings.exclusions`` (:func:`other_rules`).
    """
    settings = settings or HistorySettings()
    reaches = (reach_of(before, settings.funnel), reach_of(after, settings.funnel))
    notes: tuple[str, ...] = ()
    if pd.Timestamp(after.as_of) <= pd.Timestamp(before.as_of):
        notes += ("as_of_order",)
    for name, side in (("before", before), ("after", after)):
        if other_rules(side, settings):
            notes += (f"other_rules_{name}",)
    share = shared_people(before, after)
    if share is not None and share < MIN_SHARED_PEOPLE:
        notes += ("different_people",)
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
        shared_people=share,
    )
