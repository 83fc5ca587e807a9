"""The design matrix suggested weights learn from: the model's own inputs at each cut.

One row per learning-set row (:mod:`abm.scoring.timing`), one column per
thing a slider can weigh, grouped in feature families
(:data:`~abm.scoring.tasks.FAMILIES`):

* ``fit`` — one-hot category of each fit dimension (industry, size bands,
  seniority, department, region, free mail, competitor);
* ``marketing`` / ``sales`` — the decayed count of each engagement kind
  before the cut, capped at a knee and divided by it
  (``min(count, knee) / knee``, the knee the 90th percentile of the counts
  seen): exactly the form a slider scores, ``points * min(count, cap /
  points)``, so a coefficient *is* a cap, and divided by the knee the points
  per activity (sales touches and their results are ``sales``; everything an
  MA tool logs is ``marketing``). Columns in [0, 1] like the one-hot ones
  also make the regression converge in a fraction of the iterations;
* ``opportunity`` — one-hot opportunity facts at the cut (stage reached,
  deal age, an earlier win at the account), for tasks that allow them.

The quality benchmark (``bench/bench_scoring_quality.py``) compares the
suggestion with plain scikit-learn models fitted on the same rows and the
same raw inputs (one-hot categories and activity counts at each cut).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from abm.core.activities import SALES_KINDS
from abm.scoring.deals import DealFacts
from abm.scoring.features import LeadFeatures, fit_codes
from abm.scoring.model import DEAL_AGES, DEAL_STAGES, ENGAGEMENT_KINDS, ScoringModel

__all__ = ["ENGAGEMENT_FAMILY", "KNEE_QUANTILE", "Design", "design_matrix"]

#: Family of each engagement column.
ENGAGEMENT_FAMILY: dict[str, str] = {
    k: "sales" if k in SALES_KINDS or k.startswith("result_") else "marketing"
    for k in ENGAGEMENT_KINDS
}
#: Quantile of a kind's non-zero counts where its column stops growing (at least 1).
KNEE_QUANTILE = 0.9


@dataclass(frozen=True, eq=False)
class Design:
    """A design matrix and what each column means.

    Attributes
    ----------
    X : scipy.sparse.csr_matrix
        Rows of the learning set × columns.
    labels : list of (family, dimension, category)
        Per column; engagement columns have dimension ``"activity"`` and
        their kind as category; their position in the counts matrix is
        ``ENGAGEMENT_KINDS.index(category)``.
    knees : dict of str to float
        Per engagement kind in the design: the count where its column stops growing.
    """

    X: sp.csr_matrix
    labels: list[tuple[str, str, str]]
    knees: dict[str, float]

    def support(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Rows with a non-zero value, per column (optionally among ``rows``)."""
        X = self.X if rows is None else self.X[rows]
        return np.asarray((X != 0).sum(axis=0)).ravel()


def _one_hot(codes: np.ndarray, width: int) -> sp.csr_matrix:
    n = len(codes)
    data = np.ones(n)
    return sp.csr_matrix((data, (np.arange(n), codes.astype(np.int64))), shape=(n, width))


def design_matrix(
    features: LeadFeatures,
    model: ScoringModel,
    lead: np.ndarray,
    counts: np.ndarray,
    *,
    families: tuple[str, ...],
    dims: tuple[str, ...] | None = None,
    deal: DealFacts | None = None,
) -> Design:
    """Build the design matrix of learning rows.

    Parameters
    ----------
    features : LeadFeatures
    model : ScoringModel
        Gives the band edges of employees and revenue.
    lead : numpy.ndarray of int
        Lead position of each row.
    counts : numpy.ndarray
        Decayed counts of each row at its cut (:func:`~abm.scoring.timing.counts_at`).
    families : tuple of str
        Families to include (see the module docstring).
    dims : tuple of str, optional
        Fit dimensions to include (default: all).
    deal : DealFacts, optional
        The rows' opportunity facts; required for the ``opportunity`` family.

    Returns
    -------
    Design
    """
    blocks: list[sp.csr_matrix] = []
    labels: list[tuple[str, str, str]] = []
    if "fit" in families:
        for dim, (codes, _, cats) in fit_codes(features, model).items():
            if dims is None or dim in dims:
                blocks.append(_one_hot(codes[lead], len(cats)))
                labels += [("fit", dim, c) for c in cats]
    cols = [j for j, k in enumerate(ENGAGEMENT_KINDS) if ENGAGEMENT_FAMILY[k] in families]
    knees: dict[str, float] = {}
    if cols:
        c = counts[:, cols].astype(np.float64)
        for i, j in enumerate(cols):
            seen = c[:, i][c[:, i] > 0]
            q = float(np.quantile(seen, KNEE_QUANTILE)) if len(seen) else 1.0
            knees[ENGAGEMENT_KINDS[j]] = max(1.0, q)
        caps = np.array([knees[ENGAGEMENT_KINDS[j]] for j in cols])
        blocks.append(sp.csr_matrix(np.minimum(c, caps) / caps))
        labels += [
            (ENGAGEMENT_FAMILY[ENGAGEMENT_KINDS[j]], "activity", ENGAGEMENT_KINDS[j]) for j in cols
        ]
    if "opportunity" in families and deal is not None:
        for dim, cats, codes in (
            ("deal_stage", DEAL_STAGES, deal.stage),
            ("deal_age", DEAL_AGES, deal.age),
            ("prior_win", ("no", "yes"), deal.prior_win.astype(np.int8)),
        ):
            blocks.append(_one_hot(codes, len(cats)))
            labels += [("opportunity", dim, c) for c in cats]
    if not blocks:
        return Design(sp.csr_matrix((len(lead), 0)), [], knees)
    return Design(sp.hstack(blocks, format="csr"), labels, knees)
