"""What moved between two snapshots: "since last meeting" (#18).

Two cleaned datasets of the same workspace (two monthly exports, each read
at its own as-of date) are compared with the functions the pages use, so
every number here is the number a page shows for that snapshot:

* **funnel** — :func:`abm.gap.compute.reach_for` (the funnel page's reach,
  stage map completed) and :func:`abm.funnel.stage_counts`: counts and
  conversion per stage, before and after;
* **MQLs** — leads counted at the MQL stage by that reach: new (MQL after,
  not before), fallen back (MQL before, still there, no longer MQL) and gone
  (MQL before, absent after);
* **deals** — :func:`abm.core.opportunities.state_at` on each side:
  created, won and lost since, open pipeline before and after;
* **SLA** — :func:`abm.gap.handoff.handoff_metrics`: breaches new and
  resolved;
* **tiers** — :func:`abm.accounts.rollup_accounts` and
  :func:`abm.accounts.score_accounts`: accounts whose tier changed, with the
  score components that moved and their reasons.

People are matched across snapshots by e-mail (:func:`abm.core.keys.email_key`),
else by the export's lead id (:func:`person_keys`); accounts by 名寄せ's
``account_id``, else by their people, their domain, then company name
(:data:`MATCHED_BY`: a renamed account, or one of a snapshot stored with other ids, is
followed); deals by opportunity id, else by
name, company and creation day. A row neither side can match is counted on
its own side only (new or gone), never dropped. Two snapshots that share fewer than
:data:`MIN_SHARED_PEOPLE` of the earlier one's people (another company's exports) are
not compared: :attr:`History.comparable` is false and the pages and the meeting report
say so instead of showing moves.

Typical use::

    from abm.history import Side, compare

    moved = compare(Side(before, as_of_april), Side(after, as_of_may))
    moved.funnel, moved.mqls.new, moved.deals.won, moved.tiers.changed
"""

from abm.history.compare import (
    MIN_SHARED_PEOPLE,
    History,
    HistorySettings,
    Side,
    compare,
    other_rules,
)
from abm.history.deals import DealMoves, deal_moves
from abm.history.people import (
    MqlMoves,
    SlaMoves,
    funnel_moves,
    mql_moves,
    person_keys,
    shared_people,
    sla_moves,
)
from abm.history.tiers import MATCHED_BY, TierMoves, moved_text, renamed_text, tier_moves

__all__ = [
    "MATCHED_BY",
    "MIN_SHARED_PEOPLE",
    "DealMoves",
    "History",
    "HistorySettings",
    "MqlMoves",
    "Side",
    "SlaMoves",
    "TierMoves",
    "compare",
    "deal_moves",
    "funnel_moves",
    "moved_text",
    "mql_moves",
    "other_rules",
    "person_keys",
    "renamed_text",
    "shared_people",
    "sla_moves",
    "tier_moves",
]
