"""Opportunities (value lens) and the KPI row with a previous-period comparison."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.keys import email_key, list_items
from abm.core.opportunities import outcomes, state_at
from abm.funnel.reach import Reach

__all__ = [
    "KPI_KEYS",
    "KpiSource",
    "PipelineSummary",
    "deal_cycle",
    "funnel_kpis",
    "kpi_sources",
    "lost_observable",
    "opportunities_for_leads",
    "pipeline_summary",
    "previous_period",
    "unlinked_opportunities",
]

#: Keys of :func:`funnel_kpis`, in display order.
KPI_KEYS: tuple[str, ...] = (
    "leads",
    "mql",
    "sal",
    "sql",
    "opportunities",
    "won",
    "win_rate",
    "pipeline_value",
)


@dataclass(frozen=True)
class PipelineSummary:
    """Opportunity figures at an as-of date.

    ``win_rate`` is won / (won + lost) over closed opportunities (NaN when
    none is closed); ``pipeline_value`` sums open amounts and
    ``weighted_value`` open amount × probability / 100.
    """

    opportunities: int
    open: int
    won: int
    lost: int
    win_rate: float
    pipeline_value: float
    weighted_value: float
    won_value: float


def _num(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame))
    return (
        pd.to_numeric(frame[col], errors="coerce")
        .astype("Float64")
        .fillna(0.0)
        .to_numpy(dtype=np.float64)
    )


def pipeline_summary(
    opportunities: pd.DataFrame,
    *,
    as_of: pd.Timestamp,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> PipelineSummary:
    """Summarise opportunities created in ``[start, end]`` as they stood at ``as_of``.

    Open, won and lost follow the one rule of
    :func:`abm.core.opportunities.state_at` (flags, else the phase; by days;
    created after ``as_of`` = not there yet).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities (``amount``, ``is_won``, ``is_closed``,
        ``close_date``, ``created_at``, ``probability``; any may be absent).
    as_of : pandas.Timestamp
    start, end : pandas.Timestamp, optional
        Creation window (inclusive days).

    Returns
    -------
    PipelineSummary
    """
    state = state_at(opportunities, as_of)
    keep = state.exists.copy()
    if "created_at" in opportunities.columns:
        keep &= _within(opportunities["created_at"].dt.normalize(), start, end)
    opp = opportunities[keep]
    won, lost, is_open = state.won[keep], state.lost[keep], state.open[keep]
    amount = _num(opp, "amount")
    prob = _num(opp, "probability") / 100.0
    n_won, n_lost = int(won.sum()), int(lost.sum())
    return PipelineSummary(
        opportunities=len(opp),
        open=int(is_open.sum()),
        won=n_won,
        lost=n_lost,
        win_rate=n_won / (n_won + n_lost) if n_won + n_lost else float("nan"),
        pipeline_value=float(amount[is_open].sum()),
        weighted_value=float((amount * prob)[is_open].sum()),
        won_value=float(amount[won].sum()),
    )


def _within(created: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None) -> np.ndarray:
    """Rows created (days, ``created`` normalised) in ``[start, end]``; either bound optional,
    a missing day outside any bound."""
    keep = np.ones(len(created), dtype=bool)
    if start is not None:
        keep &= (created >= pd.Timestamp(start).normalize()).fillna(False).to_numpy(dtype=bool)
    if end is not None:
        keep &= (created <= pd.Timestamp(end).normalize()).fillna(False).to_numpy(dtype=bool)
    return keep


def deal_cycle(
    opportunities: pd.DataFrame,
    *,
    as_of: pd.Timestamp,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    percentiles: tuple[float, ...] = (50, 75, 90),
) -> pd.DataFrame:
    """Days from an opportunity's creation to its close, for the deals won and lost.

    QA-K: the funnel's velocity rests on stage dates, which a CRM's lifecycle export
    rarely has (28 leads in a file of 200 won deals), and no page gave the sales cycle.
    The deals closed by ``as_of`` (the one rule of :func:`abm.core.opportunities.state_at`)
    with both dates, the close not before the creation, created in ``[start, end]``.

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities (``created_at``, ``close_date``, outcome flags or phase).
    as_of : pandas.Timestamp
    start, end : pandas.Timestamp, optional
        Creation window (inclusive days), as :func:`pipeline_summary`'s.
    percentiles : tuple of float
        Percentiles of the days reported (``p50``…).

    Returns
    -------
    pandas.DataFrame
        Index ``won``, ``lost`` (a row only where there are deals): ``deals`` and one
        column ``p<q>`` per percentile, in days.
    """
    cols = ["deals", *(f"p{q:g}" for q in percentiles)]
    if not {"created_at", "close_date"} <= set(opportunities.columns):
        return pd.DataFrame(columns=cols, dtype=float)
    state = state_at(opportunities, as_of)
    created = pd.to_datetime(opportunities["created_at"], errors="coerce").dt.normalize()
    closed = pd.to_datetime(opportunities["close_date"], errors="coerce").dt.normalize()
    days = (closed - created).dt.days.to_numpy(dtype=float, na_value=np.nan)
    keep = np.isfinite(days) & (days >= 0) & _within(created, start, end)
    rows = {}
    for name, mask in (("won", state.won), ("lost", state.lost)):
        d = days[keep & mask]
        if len(d):
            rows[name] = [len(d), *np.percentile(d, percentiles).tolist()]
    return pd.DataFrame.from_dict(rows, orient="index", columns=cols)


def _key(frame: pd.DataFrame, col: str) -> pd.Series:
    """A link column as compared: e-mails through :func:`abm.core.keys.email_key`."""
    have = frame[col].astype("string")
    return email_key(have) if col == "email" else have


def _keys(opportunities: pd.DataFrame, leads: pd.DataFrame) -> dict[str, pd.Series]:
    """Each shared link column's values on the opportunities."""
    return {
        col: _key(opportunities, col)
        for col in ("lead_id", "email", "account_id")
        if col in opportunities.columns and col in leads.columns
    }


def _linked(keys: dict[str, pd.Series], n: int) -> np.ndarray:
    """Rows that carry at least one link key value."""
    linked = np.zeros(n, dtype=bool)
    for have in keys.values():
        linked |= have.notna().to_numpy(dtype=bool)
    return linked


def unlinked_opportunities(opportunities: pd.DataFrame, leads: pd.DataFrame) -> int:
    """Opportunities that carry no ``lead_id``, ``email`` or ``account_id`` shared with the leads.

    Parameters
    ----------
    opportunities, leads : pandas.DataFrame
        Canonical tables (after :func:`abm.pipeline.prepare`, opportunities
        carry 名寄せ's ``account_id`` when their company could be resolved).

    Returns
    -------
    int
        Rows :func:`opportunities_for_leads` can never give to a segment: a
        filtered funnel leaves them out, and the page says how many.
    """
    return int((~_linked(_keys(opportunities, leads), len(opportunities))).sum())


def opportunities_for_leads(opportunities: pd.DataFrame, leads: pd.DataFrame) -> pd.DataFrame:
    """Opportunities that belong to ``leads`` (a segment of the leads).

    Each opportunity is linked by the most precise key it carries: its
    ``lead_id``, else its ``email`` (:func:`abm.core.keys.email_key`), else — for an
    opportunity that names no person, as Salesforce opportunity reports
    usually do — its ``account_id`` (名寄せ's, attached by
    :func:`abm.pipeline.prepare`): the opportunity of an account counts for
    the segment when one of the segment's leads belongs to that account. An
    opportunity of a person outside the segment is not counted because a
    colleague is inside it. A deal associated with several people (``contact_ids``) counts
    for a segment holding any of them.

    When no opportunity carries any of these keys, nothing can be linked and
    ``opportunities`` is returned whole (the page then says the opportunity
    figures are unfiltered); opportunities without a key among others that
    have one are left out (see :func:`unlinked_opportunities`).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        Canonical opportunities.
    leads : pandas.DataFrame
        The segment's leads.

    Returns
    -------
    pandas.DataFrame
        A row subset of ``opportunities`` (original index and order).
    """
    keys = _keys(opportunities, leads)
    if not _linked(keys, len(opportunities)).any():
        return opportunities
    hit = np.zeros(len(opportunities), dtype=bool)
    named = np.zeros(len(opportunities), dtype=bool)  # rows that name a person
    for col, have in keys.items():
        wanted = _key(leads, col).dropna()
        match = have.isin(wanted).fillna(False).to_numpy(dtype=bool)
        if col == "account_id":
            hit |= ~named & match
        else:
            named |= have.notna().to_numpy(dtype=bool)
            hit |= match
    if "contact_ids" in opportunities.columns and "lead_id" in leads.columns:
        hit |= _lists_any(opportunities["contact_ids"], leads["lead_id"])  # a deal's contacts
    return opportunities[hit]


def _lists_any(lists: pd.Series, wanted: pd.Series) -> np.ndarray:
    """bool per row: one of the ids its ``contact_ids`` lists is ``wanted``."""
    rows, items = list_items(lists)
    found = pd.Series(items, dtype="string").isin(wanted.astype("string").dropna())
    out = np.zeros(len(lists), dtype=bool)
    out[rows[found.to_numpy(dtype=bool)]] = True
    return out


def previous_period(start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window of the same length just before ``[start, end]`` (inclusive days)."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    length = end - start + pd.Timedelta(days=1)
    return start - length, start - pd.Timedelta(days=1)


def funnel_kpis(
    reach: Reach,
    opportunities: pd.DataFrame | None,
    *,
    start: pd.Timestamp,
    end: pd.Timestamp,
    deals_as_of: pd.Timestamp | None = None,
) -> dict[str, float]:
    """The KPI row for leads created in ``[start, end]``.

    Lead figures are cohort counts: of the leads created in the window, how
    many the reach counts at MQL, SAL and SQL (NaN when the model lacks the
    stage). With an opportunities table, ``opportunities``, ``won``,
    ``win_rate`` and ``pipeline_value`` come from opportunities created in the
    window (:func:`pipeline_summary`); without one, from the cohort's
    Opportunity and Won stages, win rate = won / (won + lost detours) and no
    pipeline value (NaN). The win rate is NaN — never 100 % — when lost
    outcomes cannot be seen at all (:func:`lost_observable`); :func:`kpi_sources`
    says why.

    ``deals_as_of`` reads the opportunities as they stood on another day than the
    reach's as-of date: the previous window's deals as they stood as long after it as the
    current window's stand now, so that a young cohort's open pipeline is not compared
    with a mature cohort's, all closed (:func:`previous_period`).

    Returns
    -------
    dict
        Keys :data:`KPI_KEYS`.
    """
    cohort = reach.created_mask(start, end)  # counts only: no cohort reach is built
    reached = reach.reached[cohort]
    counts = dict(zip(reach.model.keys, reached.sum(axis=0).tolist(), strict=True))
    generic = {s.generic: s.key for s in reach.model.stages}
    out: dict[str, float] = {"leads": float(len(reached))}
    for g in ("mql", "sal", "sql"):
        out[g] = float(counts[generic[g]]) if g in generic else float("nan")
    if opportunities is not None and len(opportunities):
        day = reach.as_of if deals_as_of is None else deals_as_of
        p = pipeline_summary(opportunities, as_of=day, start=start, end=end)
        out.update(
            opportunities=float(p.opportunities),
            won=float(p.won),
            win_rate=p.win_rate if lost_observable(reach, opportunities) else float("nan"),
            pipeline_value=p.pipeline_value,
        )
        return out
    opp = float(counts[generic["opportunity"]]) if "opportunity" in generic else float("nan")
    won_mask = (
        reached[:, reach.model.index(generic["won"])]
        if "won" in generic
        else np.zeros(len(reached), bool)
    )
    lost_mask = reach.detour[cohort, 0] & ~won_mask
    n_won, n_lost = int(won_mask.sum()), int(lost_mask.sum())
    known = n_won + n_lost and lost_observable(reach, None)
    out.update(
        opportunities=opp,
        won=float(n_won),
        win_rate=n_won / (n_won + n_lost) if known else float("nan"),
        pipeline_value=float("nan"),
    )
    return out


def lost_observable(reach: Reach, opportunities: pd.DataFrame | None) -> bool:
    """Whether the data can show a lost outcome at all (else a win rate would read 100 %).

    With opportunities: some row is lost (flags or phase), or the file has
    closed/won flags (their ``false`` is evidence). Without: some lead of the
    reach took the lost detour. A HubSpot lifecycle-only export (no lost stage)
    or a phase-only report whose phases never say lost cannot.
    """
    if opportunities is not None and len(opportunities):
        outcome = (
            opportunities["outcome"].astype("string")
            if "outcome" in opportunities.columns
            else outcomes(opportunities)
        )
        if bool((outcome == "lost").any()):
            return True
        closed = opportunities.get("is_closed")
        won = opportunities.get("is_won")
        return bool(
            (closed is not None and closed.astype("boolean").notna().any())
            or (won is not None and (~won.astype("boolean")).fillna(False).any())
        )
    return bool(reach.detour[:, 0].any())


@dataclass(frozen=True)
class KpiSource:
    """Where one KPI's number comes from, for its help text.

    Attributes
    ----------
    table : {"leads", "opportunities"}
        The lead files (stage reach of leads created in the window) or the
        opportunity files (opportunities created in the window).
    files : tuple of str
        The files of that table.
    reason : str or None
        Why the value is ``—``: ``"no_closed"`` (nothing closed in the
        window) or ``"lost_unknown"`` (:func:`lost_observable` is false);
        ``None`` when there is a value.
    """

    table: str
    files: tuple[str, ...]
    reason: str | None = None


def _files(frame: pd.DataFrame | None) -> tuple[str, ...]:
    if frame is None or "source_file" not in frame.columns:
        return ()
    return tuple(str(f) for f in frame["source_file"].dropna().unique())


def kpi_sources(
    reach: Reach,
    leads: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    kpi: dict[str, float],
) -> dict[str, KpiSource]:
    """Which files each KPI of :func:`funnel_kpis` counts, and why a value is missing.

    Parameters
    ----------
    reach : Reach
        The reach :func:`funnel_kpis` was given.
    leads : pandas.DataFrame
        The leads of the reach.
    opportunities : pandas.DataFrame or None
        The opportunities :func:`funnel_kpis` was given.
    kpi : dict
        Its result.

    Returns
    -------
    dict
        :data:`KPI_KEYS` -> :class:`KpiSource`.
    """
    has_opps = opportunities is not None and len(opportunities) > 0
    lead_src = KpiSource("leads", _files(leads))
    opp_src = KpiSource("opportunities", _files(opportunities)) if has_opps else lead_src
    out = {k: lead_src for k in ("leads", "mql", "sal", "sql")}
    out.update({k: opp_src for k in ("opportunities", "won", "win_rate", "pipeline_value")})
    if np.isnan(kpi.get("win_rate", np.nan)):
        observed = lost_observable(reach, opportunities if has_opps else None)
        reason = "no_closed" if observed else "lost_unknown"
        out["win_rate"] = KpiSource(opp_src.table, opp_src.files, reason)
    return out
