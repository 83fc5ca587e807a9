"""Review decisions on 名寄せ: confirm, split or merge, re-applied on every upload.

Decisions are keyed by stable keys (``normalised name|evidence domain``), not
by row numbers or account ids, so a decision made on one export applies to
the next export of the same CRM without redoing the review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, NamedTuple

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec

__all__ = ["ACTIONS", "Decision", "ReviewDecisions", "apply_decisions"]

#: ``confirm``: the reviewed pair is one company; ``merge``: join two keys the
#: matcher did not pair; ``split``: the pair are different companies.
ACTIONS: tuple[str, ...] = ("confirm", "merge", "split")


class Decision(NamedTuple):
    """One decision, stored as ``{"action": ..., "a": ..., "b": ...}``."""

    action: Annotated[str, Spec(choices=ACTIONS)]
    a: str
    b: str


@dataclass(frozen=True)
class ReviewDecisions(Config):
    """Ordered review decisions; the latest decision on a pair wins.

    Parameters
    ----------
    decisions : tuple of Decision
        ``(action, key_a, key_b)``: ``action`` in :data:`ACTIONS`; keys as in
        the review queue's ``key_a``/``key_b`` columns.
    """

    decisions: tuple[Decision, ...] = ()

    SECTION = "review_decisions"

    def add(self, action: str, key_a: str, key_b: str) -> ReviewDecisions:
        """Return a copy with one decision added (replacing any on the same pair)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown review action: {action}")
        pair = frozenset((key_a, key_b))
        kept = tuple(d for d in self.decisions if frozenset(d[1:]) != pair)
        return ReviewDecisions((*kept, Decision(action, key_a, key_b)))

    def pairs(self) -> set[frozenset[str]]:
        """Unordered pairs that carry a decision."""
        return {frozenset(d[1:]) for d in self.decisions}


def apply_decisions(
    dkeys: pd.Series,
    lab: np.ndarray,
    rule: np.ndarray,
    conf: np.ndarray,
    decisions: ReviewDecisions,
) -> np.ndarray:
    """Apply decisions in order to key labels (in place on ``rule``/``conf``).

    ``split`` moves the second key out of the first key's account (into an
    account of its own); ``confirm``/``merge`` join the two accounts. Keys
    absent from this upload are ignored.
    """
    if not decisions.decisions:
        return lab
    lab = lab.copy()
    where = (
        pd.Series(np.arange(len(dkeys))).groupby(dkeys.fillna("").to_numpy()).agg(list).to_dict()
    )
    fresh = int(lab.max()) + 1 if len(lab) else 0
    for action, a, b in decisions.decisions:
        ia, ib = where.get(a), where.get(b)
        if not ia or not ib:
            continue
        la = lab[ia[0]]
        if action == "split":
            move = [i for i in ib if lab[i] == la]
            if move:
                lab[move] = fresh
                fresh += 1
                rule[move], conf[move] = "manual", 1.0
        else:
            lb = set(lab[ib].tolist())
            moved = np.isin(lab, list(lb))
            lab[moved] = la
            rule[ia + ib], conf[ia + ib] = "manual", 1.0
    return lab
