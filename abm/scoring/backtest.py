"""Back-test a scoring model against what actually happened.

Would the rules have picked the leads that went on to the outcome? Given
scores and outcomes of the same rows — normally a learning set's rows scored
at their prediction times (:mod:`abm.scoring.timing`,
:func:`~abm.scoring.score.rescore_rows`), so nothing after a cut flatters
the rules — :func:`backtest` gives conversion by score decile and by matrix
cell, lift over the base rate, precision and recall of the MQL rule and ROC
AUC of the total score; :func:`suggest_thresholds` the pair of thresholds
that best fits a sales team's monthly capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.errors import MoriError
from abm.scoring.score import GRADES, Scores

__all__ = [
    "MIN_MQL_LEADS",
    "MIN_MQL_POSITIVES",
    "OUTCOMES",
    "Backtest",
    "ThresholdSuggestion",
    "auc_score",
    "backtest",
    "history_months",
    "outcome_of",
    "suggest_thresholds",
]

#: Fewest back-test MQLs, and outcomes among them, that MQL precision and lift are shown on
#: (QA-S: "100.0 %" and "26.81×" from one lead); thresholds are never suggested on fewer.
MIN_MQL_LEADS = 10
MIN_MQL_POSITIVES = 3

#: Outcome name -> stage-date column that marks it.
OUTCOMES: dict[str, str] = {"opportunity": "opportunity_at", "won": "won_at"}


def auc_score(y: np.ndarray, scores: np.ndarray) -> float:
    """ROC AUC of ``scores`` for the binary outcome ``y`` (ties count one half).

    The Mann–Whitney form: the probability that a random positive scores
    above a random negative. Equal to ``sklearn.metrics.roc_auc_score`` (tested),
    without its input validation, which cost more than the AUC itself on every
    slider move.

    Parameters
    ----------
    y : numpy.ndarray
        Outcome per row (bool or 0/1).
    scores : numpy.ndarray
        Score per row, finite.

    Returns
    -------
    float
        ``NaN`` when ``y`` has a single class.
    """
    y = np.asarray(y, dtype=bool)
    s = np.asarray(scores, dtype=float)
    n, pos = len(y), int(y.sum())
    if pos == 0 or pos == n:
        return float("nan")
    order = np.argsort(s, kind="stable")
    ss = s[order]
    cuts = np.flatnonzero(ss[1:] != ss[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [n]))
    ranks = np.repeat((starts + ends + 1) / 2.0, ends - starts)  # 1-based, ties averaged
    r_pos = float(ranks[y[order]].sum())
    return (r_pos - pos * (pos + 1) / 2.0) / (pos * (n - pos))


def outcome_of(leads: pd.DataFrame, outcome: str = "opportunity") -> tuple[np.ndarray, np.ndarray]:
    """Return ``(reached, reached_at)`` for an outcome of each lead.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads.
    outcome : {"opportunity", "won"} or str
        A known outcome (its stage date is not null), or the name of a
        boolean column of ``leads`` (then ``reached_at`` is all ``NaT``).

    Returns
    -------
    tuple of numpy.ndarray
        Boolean array and ``datetime64[ns]`` array.

    Raises
    ------
    MoriError
        ``scoring.err.no_outcome`` when the column is absent.
    """
    col = OUTCOMES.get(outcome, outcome)
    if col not in leads:
        raise MoriError("scoring.err.no_outcome", column=col)
    s = leads[col]
    if pd.api.types.is_datetime64_any_dtype(s):
        at = s.to_numpy(dtype="datetime64[ns]")
        return ~np.isnat(at), at
    if not pd.api.types.is_bool_dtype(s):
        raise MoriError("scoring.err.no_outcome", column=col)
    return s.fillna(False).to_numpy(dtype=bool), np.full(
        len(s), np.datetime64("NaT"), dtype="datetime64[ns]"
    )


def history_months(leads: pd.DataFrame) -> float:
    """Months of history spanned by ``created_at`` (at least 1)."""
    if "created_at" not in leads or leads["created_at"].notna().sum() == 0:
        return 1.0
    span = leads["created_at"].max() - leads["created_at"].min()
    return max(1.0, span / pd.Timedelta(days=30.4375))


@dataclass(frozen=True)
class Backtest:
    """Back-test figures (rates are fractions in [0, 1]; NaN when undefined).

    Attributes
    ----------
    leads, positives : int
    base_rate : float
    auc : float
        ROC AUC of ``fit + engagement`` (NaN with a single class).
    deciles : pandas.DataFrame
        ``decile`` (1 = top 10% by total score), ``leads``, ``positives``,
        ``rate``, ``lift``, ``min_score``, ``max_score``.
    cells : pandas.DataFrame
        ``grade`` (A1…D4), ``leads``, ``positives``, ``rate``, ``lift``.
    mql_leads, mql_positives : int
    precision, recall, mql_lift : float
        Precision and lift rest on ``mql_leads`` rows: see :attr:`mql_enough`.
    """

    leads: int
    positives: int
    base_rate: float
    auc: float
    deciles: pd.DataFrame
    cells: pd.DataFrame
    mql_leads: int
    mql_positives: int
    precision: float
    recall: float
    mql_lift: float

    @property
    def mql_enough(self) -> bool:
        """Enough MQLs (:data:`MIN_MQL_LEADS`) and outcomes among them
        (:data:`MIN_MQL_POSITIVES`) for precision and lift to mean something."""
        return self.mql_leads >= MIN_MQL_LEADS and self.mql_positives >= MIN_MQL_POSITIVES


def _div(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray | float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            np.asarray(b) > 0, np.asarray(a, dtype=float) / np.asarray(b, dtype=float), np.nan
        )


def backtest(scores: Scores, outcome: np.ndarray) -> Backtest:
    """Compare scores with a boolean outcome per lead.

    Parameters
    ----------
    scores : Scores
        From :func:`~abm.scoring.score.rescore`.
    outcome : numpy.ndarray of bool
        Aligned with the scores (see :func:`outcome_of`).

    Returns
    -------
    Backtest
    """
    y = np.asarray(outcome, dtype=bool)
    n, pos = len(y), int(y.sum())
    base = float(_div(pos, n))
    total = scores.total
    order = np.argsort(-total, kind="stable")
    decile = np.empty(n, dtype=np.int64)
    decile[order] = np.arange(n) * 10 // max(n, 1)
    d_n = np.bincount(decile, minlength=10)[:10]
    d_p = np.bincount(decile, weights=y, minlength=10)[:10]
    lo = pd.Series(total).groupby(decile).min().reindex(range(10))
    hi = pd.Series(total).groupby(decile).max().reindex(range(10))
    deciles = pd.DataFrame(
        {
            "decile": np.arange(1, 11),
            "leads": d_n,
            "positives": d_p.astype(np.int64),
            "rate": _div(d_p, d_n),
            "lift": _div(_div(d_p, d_n), base),
            "min_score": lo.to_numpy(dtype=float),
            "max_score": hi.to_numpy(dtype=float),
        }
    )
    deciles = deciles[deciles["leads"] > 0].reset_index(drop=True)
    cell = scores.cell
    c_n = np.bincount(cell, minlength=16)
    c_p = np.bincount(cell, weights=y, minlength=16)
    cells = pd.DataFrame(
        {
            "grade": list(GRADES),
            "leads": c_n,
            "positives": c_p.astype(np.int64),
            "rate": _div(c_p, c_n),
            "lift": _div(_div(c_p, c_n), base),
        }
    )
    auc = auc_score(y, total)
    m = scores.is_mql
    m_n, m_p = int(m.sum()), int((m & y).sum())
    return Backtest(
        leads=n,
        positives=pos,
        base_rate=base,
        auc=auc,
        deciles=deciles,
        cells=cells,
        mql_leads=m_n,
        mql_positives=m_p,
        precision=float(_div(m_p, m_n)),
        recall=float(_div(m_p, pos)),
        mql_lift=float(_div(_div(m_p, m_n), base)),
    )


@dataclass(frozen=True)
class ThresholdSuggestion:
    """Thresholds that fit a monthly sales capacity.

    Attributes
    ----------
    fit_threshold, engagement_threshold : float
    mql_per_month : float
        MQLs per month these thresholds would have produced.
    positives : int
        Outcomes among them over the history.
    precision, recall : float
    fits_capacity : bool
        False when even the strictest thresholds exceed the capacity.
    enough : bool
        False when no thresholds give the minimum MQLs (at least ``min_per_month`` a month,
        ``min_leads`` in all, ``min_positives`` outcomes among them): the figures are then
        the strictest thresholds' and must not be proposed.
    """

    fit_threshold: float
    engagement_threshold: float
    mql_per_month: float
    positives: int
    precision: float
    recall: float
    fits_capacity: bool
    enough: bool = True


def suggest_thresholds(
    scores: Scores,
    outcome: np.ndarray,
    *,
    capacity_per_month: float,
    months: float,
    grid: int = 41,
    min_per_month: float = 1.0,
    min_leads: int = MIN_MQL_LEADS,
    min_positives: int = MIN_MQL_POSITIVES,
) -> ThresholdSuggestion:
    """Find the (fit, engagement) thresholds that catch the most outcomes within capacity.

    Candidates are ``grid`` quantiles of each axis; for every pair the MQL
    volume and outcomes are read from a 2-D reverse cumulative histogram (no
    loop over leads). Among pairs producing at most ``capacity_per_month``
    MQLs per month, the one with most outcomes wins (ties: fewer MQLs). Only pairs giving
    at least ``min_per_month`` MQLs a month, ``min_leads`` in all and ``min_positives``
    outcomes among them are candidates (QA-S: "0 a month, precision 100.0 %" on one lead).

    Parameters
    ----------
    scores : Scores
    outcome : numpy.ndarray of bool
    capacity_per_month : float
        Leads sales can work per month.
    months : float
        Months of history the scores cover (:func:`history_months`).
    grid : int
        Candidate thresholds per axis.
    min_per_month, min_leads, min_positives : float, int, int
        The fewest MQLs a month, MQLs in all and outcomes among them a suggestion rests on.

    Returns
    -------
    ThresholdSuggestion
    """
    y = np.asarray(outcome, dtype=bool)
    q = np.linspace(0, 1, grid)
    fg = np.unique(np.quantile(scores.fit, q))
    eg = np.unique(np.quantile(scores.engagement, q))
    fi = np.searchsorted(fg, scores.fit, side="right") - 1
    ei = np.searchsorted(eg, scores.engagement, side="right") - 1
    flat = fi * len(eg) + ei
    size = len(fg) * len(eg)
    h_n = np.bincount(flat, minlength=size).reshape(len(fg), len(eg))
    h_p = np.bincount(flat, weights=y, minlength=size).reshape(len(fg), len(eg))
    cum_n = h_n[::-1, ::-1].cumsum(0).cumsum(1)[::-1, ::-1]
    cum_p = h_p[::-1, ::-1].cumsum(0).cumsum(1)[::-1, ::-1]
    ok = (cum_n >= max(min_leads, min_per_month * months)) & (cum_p >= min_positives)
    enough = bool(ok.any())
    if not enough:  # nothing to propose: the strictest pair's figures, flagged
        ok = np.ones_like(ok)
    allowed = ok & (cum_n <= capacity_per_month * months)
    fits = bool(allowed.any())
    if not fits:
        allowed = ok & (cum_n == cum_n[ok].min())
    key = np.where(allowed, cum_p * (len(y) + 1) - cum_n, -np.inf)
    i, j = np.unravel_index(int(np.argmax(key)), key.shape)
    n_sel, p_sel = int(cum_n[i, j]), int(cum_p[i, j])
    return ThresholdSuggestion(
        fit_threshold=float(fg[i]),
        engagement_threshold=float(eg[j]),
        mql_per_month=n_sel / months,
        positives=p_sel,
        precision=float(_div(p_sel, n_sel)),
        recall=float(_div(p_sel, int(y.sum()))),
        fits_capacity=fits,
        enough=enough,
    )
