"""Everything that moved between two snapshots, in one call (:func:`compare`)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

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
from abm.resolve import ExclusionRules
from abm.resolve.hygiene import LISTS

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

    The user's own rules are compared (:attr:`Side.rules_set` with
    :attr:`HistorySettings.exclusions_set`), not the lists the people completed them
    with: two months of data under the same rules learn different domains and names. A
    snapshot stored before its own rules were kept has only the completed lists: it was
    cleaned under the pages' rules when the switches are the same and each of the pages'
    lists is within its completed one (:func:`_within`).

    Parameters
    ----------
    side : Side
    settings : HistorySettings

    Returns
    -------
    bool
    """
    pages = settings.exclusions_set
    if pages is None:  # the pages' own rules not given: their completed lists, as they are
        mine, theirs = side.cleaned_with, settings.exclusions
        return mine is not None and theirs is not None and mine != theirs
    if side.rules_set is not None:
        return side.rules_set != pages
    if side.cleaned_with is not None:
        return not _within(pages, side.cleaned_with)
    return False


def _within(own: ExclusionRules, completed: ExclusionRules) -> bool:
    """Whether ``completed`` (lists as the people completed them) may have been learned
    from ``own``: every switch the same, each of ``own``'s lists within ``completed``'s
    (:func:`abm.resolve.hygiene.learn_lists` keeps the user's entries and adds)."""
    learned = {name for pair in LISTS for name in pair}
    for f in fields(own):
        mine, theirs = getattr(own, f.name), getattr(completed, f.name)
        if f.name in learned:
            if not set(mine) <= set(theirs):
                return False
        elif mine != theirs:
            return False
    return True


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
