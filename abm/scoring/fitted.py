"""Which history a model's weights were fitted on, so every session heads its back-test honestly.

A suggestion's weights are learned on the back-test's own rows: their AUC on
those rows is in-sample and flatters them (QA-S: 0.792 against 0.708 on rows
left out of the fit). :func:`mark_fitted` records, in the model itself
(:attr:`~abm.scoring.model.ScoringModel.fitted_on`, saved with it), the task and a
digest of the rows it was learned on, a digest of its weights and its
cross-validated AUC; :func:`fitted_status` reads it back against the rows a page is
judging — in the applying session, after a save, in a later session or from a share link
alike.
"""

from __future__ import annotations

import hashlib
import json
import math
import weakref
from dataclasses import dataclass, replace

import numpy as np

from abm.scoring.model import ScoringModel
from abm.scoring.timing import LearningSet

__all__ = ["Fitted", "fitted_status", "mark_fitted", "rows_digest", "weights_digest"]

#: Model fields that do not change a lead's total score (nor so its AUC): thresholds,
#: matrix cuts and orientation, the prediction rules (the rows' digest holds those) and
#: the mark itself.
_NOT_WEIGHTS = frozenset(
    {
        "fit_threshold",
        "engagement_threshold",
        "fit_cuts",
        "engagement_cuts",
        "letter_axis",
        "prediction",
        "prediction_days",
        "horizon_days",
        "fitted_on",
    }
)
_SEP = "|"


def _digest(parts: list[bytes]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()[:16]


#: Each learning set's digest, once: the scoring page reads it on every rerun (a slider
#: move) against the same memoised rows — a million of them are tens of MB to hash.
_ROWS_DIGESTS: weakref.WeakKeyDictionary[LearningSet, str] = weakref.WeakKeyDictionary()


def rows_digest(rows: LearningSet) -> str:
    """A short digest of a learning set: its task, leads, prediction times and outcomes.

    Parameters
    ----------
    rows : LearningSet

    Returns
    -------
    str
        16 hexadecimal characters; equal for the same rows in any session.
    """
    done = _ROWS_DIGESTS.get(rows)
    if done is None:
        done = _ROWS_DIGESTS[rows] = _digest(
            [
                rows.task.encode(),
                np.ascontiguousarray(rows.lead, dtype=np.int64).tobytes(),
                np.ascontiguousarray(rows.cut.astype("datetime64[ns]").view(np.int64)).tobytes(),
                np.ascontiguousarray(rows.y, dtype=bool).tobytes(),
            ]
        )
    return done


def weights_digest(model: ScoringModel) -> str:
    """A short digest of what ranks leads in ``model`` (points, caps, penalties, half-life).

    Parameters
    ----------
    model : ScoringModel

    Returns
    -------
    str
        16 hexadecimal characters; thresholds and matrix cuts do not change it.
    """
    d = {k: v for k, v in model.to_dict().items() if k not in _NOT_WEIGHTS}
    return _digest([json.dumps(d, sort_keys=True, ensure_ascii=True).encode()])


def mark_fitted(model: ScoringModel, rows: LearningSet, cv_auc: float) -> ScoringModel:
    """``model`` marked as fitted on ``rows``, with its cross-validated AUC there.

    Parameters
    ----------
    model : ScoringModel
        The weights learned (a :class:`~abm.scoring.suggest.Suggestion`'s model).
    rows : LearningSet
        The rows they were learned on.
    cv_auc : float
        Their out-of-fold AUC on those rows.

    Returns
    -------
    ScoringModel
    """
    cv = f"{cv_auc:.4f}" if math.isfinite(cv_auc) else "nan"
    mark = _SEP.join((rows.task, rows_digest(rows), weights_digest(model), cv))
    return replace(model, fitted_on=mark)


@dataclass(frozen=True)
class Fitted:
    """A model's weights fitted on the rows being judged.

    Attributes
    ----------
    cv_auc : float
        Their cross-validated AUC on those rows when applied (NaN if unknown).
    moved : bool
        The weights were changed since (the cross-validated AUC is then the applied
        weights', not these).
    """

    cv_auc: float
    moved: bool


def fitted_status(model: ScoringModel, rows: LearningSet) -> Fitted | None:
    """Whether ``model``'s weights were fitted on ``rows`` (then their back-test is in-sample).

    Parameters
    ----------
    model : ScoringModel
    rows : LearningSet

    Returns
    -------
    Fitted or None
        None when the model carries no mark, or was fitted on other rows (another task,
        other data, other prediction rules).
    """
    parts = model.fitted_on.split(_SEP)
    if len(parts) != 4 or parts[0] != rows.task or parts[1] != rows_digest(rows):
        return None
    try:
        cv = float(parts[3])
    except ValueError:
        cv = float("nan")
    return Fitted(cv_auc=cv, moved=parts[2] != weights_digest(model))
