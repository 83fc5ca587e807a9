"""Leads between two snapshots: the funnel per stage, MQLs that came and went, SLA breaches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.keys import email_key
from abm.funnel import FunnelConfig, Reach, stage_counts
from abm.gap.handoff import handoff_metrics
from abm.gap.settings import GapSettings
from abm.history.side import Side, among, reach_of

__all__ = [
    "MqlMoves",
    "SlaMoves",
    "funnel_moves",
    "mql_moves",
    "person_keys",
    "shared_people",
    "sla_moves",
]

#: Columns of a lead kept in the lists of moved people (no name, e-mail or phone).
LIST_COLUMNS = ("lead_id", "company", "account_id", "account_name", "current_stage", "lead_status")


def person_keys(leads: pd.DataFrame) -> pd.Series:
    """How a person is recognised in another snapshot: ``e:<e-mail key>``, else ``id:<lead id>``.

    Returns
    -------
    pandas.Series
        ``string``, aligned with ``leads``; ``NA`` for a person with neither.
    """
    out = _id_keys(leads)
    if "email" in leads.columns:
        mail = email_key(leads["email"])
        out = ("e:" + mail).astype("string").fillna(out)
    return out


def _id_keys(leads: pd.DataFrame) -> pd.Series:
    """``id:<lead id>`` of each lead (``NA`` without one)."""
    if "lead_id" not in leads.columns:
        return pd.Series(pd.NA, index=leads.index, dtype="string")
    ids = leads["lead_id"].astype("string").str.strip()
    return ("id:" + ids.where(ids != "")).astype("string")


def shared_people(before: Side, after: Side) -> float | None:
    """The share of ``before``'s people that ``after`` holds too (QA-N).

    A person of ``before`` is recognised by :func:`person_keys` (its e-mail, else its
    lead id) among ``after``'s people, whose lead ids count as well (a person who had
    no e-mail before and has one now). When ``after`` carries no e-mail at all (an
    export without the column), ``before``'s people are looked up by lead id alone.

    Returns
    -------
    float or None
        Between 0 and 1; ``None`` when ``before`` has nobody to look up (no e-mail,
        no lead id): nothing to say.
    """
    lb, la = before.dataset.leads, after.dataset.leads
    mails = "email" in la.columns and bool(email_key(la["email"]).notna().any())
    keys = _real(person_keys(lb) if mails else _id_keys(lb), lb).dropna().drop_duplicates()
    if not len(keys):
        return None
    pool = pd.concat([_real(person_keys(la), la), _real(_id_keys(la), la)], ignore_index=True)
    return float(among(keys, pool).mean())


def _real(keys: pd.Series, leads: pd.DataFrame) -> pd.Series:
    """``keys`` without those made of an id the load made up (an e-mail key stays)."""
    from abm.ingest.load import generated_lead_ids

    # an id the load made up names a line of a file, not a person: another file never
    # holds it, so the same database exported again would read as other people (review)
    made = generated_lead_ids(leads) & keys.str.startswith("id:").fillna(False).to_numpy(bool)
    return keys.mask(made)


def _generic_index(reach: Reach, generic: str) -> int | None:
    found = [i for i, s in enumerate(reach.model.stages) if s.generic == generic]
    return found[0] if found else None


def funnel_moves(
    before: Side, after: Side, funnel: FunnelConfig | None = None, *, lang: str = "ja",
    reaches: tuple[Reach, Reach] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Leads per stage and conversion before and after (:func:`abm.funnel.stage_counts`).

    Returns
    -------
    pandas.DataFrame
        One row per stage: ``stage, label, before, after, change, rate_before,
        rate_after`` (rates: conversion from the previous required stage,
        NaN for the first stage or a zero denominator).
    """
    funnel = funnel or FunnelConfig()
    ra, rb = reaches or (reach_of(before, funnel), reach_of(after, funnel))
    a, b = stage_counts(ra, lang), stage_counts(rb, lang)
    return pd.DataFrame(
        {
            "stage": a["stage"],
            "label": a["label"],
            "before": a["count"].astype(np.int64),
            "after": b["count"].astype(np.int64),
            "change": (b["count"] - a["count"]).astype(np.int64),
            "rate_before": a["next_rate"],
            "rate_after": b["next_rate"],
        }
    )


@dataclass(frozen=True, eq=False)
class MqlMoves:
    """MQLs of two snapshots.

    Attributes
    ----------
    before, after : int
        Leads counted at the MQL stage on each side.
    new : pandas.DataFrame
        MQL after and not before (new leads included): :data:`LIST_COLUMNS`
        of the after side, and ``key``.
    fell_back : pandas.DataFrame
        MQL before, in the after snapshot but no longer counted at MQL:
        the after side's columns, ``stage_after`` (the last stage it is
        counted at) and ``key``.
    gone : pandas.DataFrame
        MQL before and absent after: the before side's columns and ``key``.
    """

    before: int
    after: int
    new: pd.DataFrame
    fell_back: pd.DataFrame
    gone: pd.DataFrame


def _mql_keys(side: Side, reach: Reach) -> tuple[pd.Series, np.ndarray, pd.DataFrame]:
    """Keys of the reach's leads, whether each is an MQL, and their rows."""
    rows = side.dataset.leads.iloc[reach.rows]
    keys = person_keys(rows)
    j = _generic_index(reach, "mql")
    is_mql = reach.reached[:, j] if j is not None else np.zeros(reach.n, bool)
    return keys, np.asarray(is_mql, dtype=bool), rows


def _listed(rows: pd.DataFrame, keys: pd.Series, mask: np.ndarray) -> pd.DataFrame:
    cols = [c for c in LIST_COLUMNS if c in rows.columns]
    out = rows.loc[mask, cols].copy()
    out["key"] = keys[mask].to_numpy()
    return out.reset_index(drop=True)


def _last_stage(reach: Reach) -> np.ndarray:
    """Key of the last stage each lead is counted at (the model's order)."""
    keys = np.asarray(reach.model.keys, dtype=object)
    last = np.where(reach.reached.any(axis=1), reach.reached.shape[1] - 1 - np.argmax(
        reach.reached[:, ::-1], axis=1), 0)  # fmt: skip
    return keys[last]


def mql_moves(
    before: Side, after: Side, funnel: FunnelConfig | None = None,
    *, reaches: tuple[Reach, Reach] | None = None,
) -> MqlMoves:  # fmt: skip
    """New MQLs, MQLs that fell back and MQLs that are gone (see :class:`MqlMoves`)."""
    funnel = funnel or FunnelConfig()
    ra, rb = reaches or (reach_of(before, funnel), reach_of(after, funnel))
    ka, ma, rows_a = _mql_keys(before, ra)
    kb, mb, rows_b = _mql_keys(after, rb)
    known_a, known_b = ka.notna().to_numpy(bool), kb.notna().to_numpy(bool)
    was_mql = among(kb, ka[ma])
    # a person without a key cannot be followed: new (or gone) on its own side only
    new = mb & ~was_mql
    still_mql = among(kb, kb[mb])  # a key counted twice after: MQL if any of its rows is
    fell = ~mb & known_b & was_mql & ~still_mql
    gone = ma & (~known_a | ~among(ka, kb))
    fell_list = _listed(rows_b, kb, fell)
    fell_list["stage_after"] = _last_stage(rb)[fell]
    return MqlMoves(
        before=int(ma.sum()),
        after=int(mb.sum()),
        new=_listed(rows_b, kb, new),
        fell_back=fell_list,
        gone=_listed(rows_a, ka, gone),
    )


@dataclass(frozen=True, eq=False)
class SlaMoves:
    """SLA breaches of the hand-off (:func:`abm.gap.handoff.handoff_metrics`) on both sides.

    Attributes
    ----------
    sla_days : int
    before, after : int
        Breaches on each side (the gap page's number for that snapshot).
    new : pandas.DataFrame
        Breached after, not before (:data:`LIST_COLUMNS` and ``key``).
    resolved : pandas.DataFrame
        Breached before, in the after snapshot and not breached there.
    """

    sla_days: int
    before: int
    after: int
    new: pd.DataFrame
    resolved: pd.DataFrame


def _breaches(side: Side, reach: Reach, gap: GapSettings) -> tuple[pd.Series, pd.Series]:
    """Keys of every lead and those of the breached MQLs (leads created any time)."""
    leads = side.dataset.leads
    h = handoff_metrics(leads, reach, side.dataset.activities, sla_days=gap.sla_days,
                        small_company=gap.small_company)  # fmt: skip
    keys = person_keys(leads)
    breached = h.table.index[h.table["sla_breach"].to_numpy(bool)]
    return keys, keys.loc[breached]


def sla_moves(
    before: Side, after: Side, funnel: FunnelConfig | None = None,
    gap: GapSettings | None = None, *, reaches: tuple[Reach, Reach] | None = None,
) -> SlaMoves:  # fmt: skip
    """SLA breaches new and resolved between the two snapshots."""
    funnel, gap = funnel or FunnelConfig(), gap or GapSettings()
    ra, rb = reaches or (reach_of(before, funnel), reach_of(after, funnel))
    _, br_a = _breaches(before, ra, gap)
    all_b, br_b = _breaches(after, rb, gap)
    leads_b = after.dataset.leads
    in_b = all_b.index.isin(br_b.index)
    was = among(all_b, br_a)
    new = in_b & ~was
    resolved = ~in_b & was & ~among(all_b, br_b)
    return SlaMoves(
        sla_days=gap.sla_days,
        before=len(br_a),
        after=len(br_b),
        new=_listed(leads_b, all_b, new),
        resolved=_listed(leads_b, all_b, resolved),
    )
