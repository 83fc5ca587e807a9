"""Deals between two snapshots: created, won and lost since, open pipeline before and after."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.opportunities import state_at
from abm.core.phases import PhaseVocabulary
from abm.history.side import Side, among

__all__ = ["DealMoves", "deal_keys", "deal_moves"]

#: Columns of a deal kept in the list of moved deals.
LIST_COLUMNS = ("opportunity_id", "opportunity_name", "company", "account_id", "amount", "stage")


@dataclass(frozen=True, eq=False)
class DealMoves:
    """What happened to deals between the two as-of days.

    Each count is read with :func:`abm.core.opportunities.state_at` on its
    own snapshot at its own as-of day; values are sums of ``amount`` (a
    missing amount counts 0).

    Attributes
    ----------
    created, won, lost : int
        Deals that exist after and did not before; won (lost) after and not
        won (lost) before — a deal absent before counts as neither.
    created_value, won_value, lost_value : float
    open_before, open_after : int
        Open deals on each side; ``open_value_before`` / ``open_value_after``
        their sums (the open pipeline).
    table : pandas.DataFrame
        One row per deal that moved: :data:`LIST_COLUMNS` of the after side
        and ``move`` (``created``, ``won`` or ``lost``; a deal created and
        won since has two rows).
    """

    created: int
    created_value: float
    won: int
    won_value: float
    lost: int
    lost_value: float
    open_before: int
    open_value_before: float
    open_after: int
    open_value_after: float
    table: pd.DataFrame


def deal_keys(opportunities: pd.DataFrame) -> pd.Series:
    """How a deal is recognised in another snapshot: its id, else name + company + creation day."""
    n = len(opportunities)
    out = pd.Series(pd.NA, index=opportunities.index, dtype="string")
    parts = []
    for col in ("opportunity_name", "company", "created_at"):
        if col in opportunities.columns:
            parts.append(opportunities[col].astype("string").fillna(""))
    if parts:
        joined = parts[0]
        for p in parts[1:]:
            joined = joined + "|" + p
        out = ("n:" + joined).where(joined.str.strip("|") != "").astype("string")
    if "opportunity_id" in opportunities.columns:
        ids = opportunities["opportunity_id"].astype("string").str.strip()
        out = ("id:" + ids.where(ids != "")).astype("string").fillna(out)
    return out if n else pd.Series([], dtype="string")


def _amount(frame: pd.DataFrame) -> np.ndarray:
    if "amount" not in frame.columns:
        return np.zeros(len(frame))
    return pd.to_numeric(frame["amount"], errors="coerce").fillna(0).to_numpy(dtype=float)


def _state(side: Side, vocabulary: PhaseVocabulary | None) -> tuple[pd.DataFrame, object]:
    opps = side.dataset.opportunities
    if opps is None:
        opps = pd.DataFrame({"opportunity_id": pd.Series([], dtype="string")})
    return opps, state_at(opps, side.as_of, vocabulary=vocabulary)


def deal_moves(
    before: Side, after: Side, *, vocabulary: PhaseVocabulary | None = None
) -> DealMoves:
    """Deals created, won and lost between the snapshots (see :class:`DealMoves`)."""
    oa, sa = _state(before, vocabulary)
    ob, sb = _state(after, vocabulary)
    ka, kb = deal_keys(oa), deal_keys(ob)
    # a deal without a key cannot be followed: counted on the after side
    created = sb.exists & ~among(kb, ka[sa.exists])
    won = sb.won & ~among(kb, ka[sa.won])
    lost = sb.lost & ~among(kb, ka[sa.lost])
    amount_a, amount_b = _amount(oa), _amount(ob)
    cols = [c for c in LIST_COLUMNS if c in ob.columns]
    table = pd.concat(
        [ob.loc[mask, cols].assign(move=name) for name, mask in
         (("created", created), ("won", won), ("lost", lost))],
        ignore_index=True,
    )  # fmt: skip
    return DealMoves(
        created=int(created.sum()),
        created_value=float(amount_b[created].sum()),
        won=int(won.sum()),
        won_value=float(amount_b[won].sum()),
        lost=int(lost.sum()),
        lost_value=float(amount_b[lost].sum()),
        open_before=int(sa.open.sum()),
        open_value_before=float(amount_a[sa.open].sum()),
        open_after=int(sb.open.sum()),
        open_value_after=float(amount_b[sb.open].sum()),
        table=table,
    )
