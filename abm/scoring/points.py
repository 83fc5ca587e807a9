"""From logistic coefficients to slider points a manager can read, and thresholds that keep capacity.

:func:`to_points` turns one fitted coefficient vector into a model:

* **anchored** — within each table dimension (industry, seniority…, deal
  stage) the lowest category with enough rows (:data:`MIN_SUPPORT`) gets 0
  and every other category its distance above it, so a dimension never goes
  negative as a whole because some "unknown" happened to be the reference.
  Categories with too few rows stay at 0 (reported as ``few_rows``); flags
  (free mail, competitor, earlier win) are measured from "no";
* **activities as ramps** — a coefficient on ``min(count, knee) / knee``
  (:mod:`abm.scoring.design`) is the kind's cap, and divided by the knee its
  points per activity: the slider scores exactly what the regression learned;
* **rescaled to the slider range** (:data:`SLIDER_RANGES`): one factor for
  every table so fit and engagement stay comparable, the largest value at
  the edge of its slider, rounded to whole points.

:func:`keep_capacity` then refits the MQL thresholds (and matrix cuts) so
the new model flags as many leads as the current one: the team's capacity.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from abm.scoring.design import Design
from abm.scoring.features import LeadFeatures
from abm.scoring.form import SLIDER_RANGES
from abm.scoring.model import POINT_TABLES, ScoringModel
from abm.scoring.score import engagement_total, fit_points

__all__ = ["MIN_SUPPORT", "keep_capacity", "to_points"]

#: Rows a category needs (among the rows learned from) to earn its own points.
MIN_SUPPORT = 10
_FLAGS = {"free_mail": "free_mail_penalty", "competitor": "competitor_penalty"}
_FLAGS_DEAL = {"prior_win": "prior_win_points"}
_LIMIT = 1000.0
#: Fit thresholds tried on each side of the one that keeps the fit axis's pass rate.
_SPREAD = 10


def _relative(
    design: Design, coef: np.ndarray, support: np.ndarray, min_support: int
) -> list[tuple]:
    """Per column: (family, dim, category, coefficient, support, value in logits, status)."""
    out = []
    by_dim: dict[str, list[int]] = {}
    for j, (_, dim, _) in enumerate(design.labels):
        by_dim.setdefault(dim, []).append(j)
    for dim, cols in by_dim.items():
        if dim == "activity":
            for j in cols:
                fam, _, cat = design.labels[j]
                status = "learned" if support[j] >= min_support else "few_rows"
                out.append((fam, dim, cat, float(coef[j]), int(support[j]), float(coef[j]), status))
            continue
        ok = {j for j in cols if support[j] >= min_support}
        if dim in _FLAGS or dim in _FLAGS_DEAL:  # measured from "no", which needs rows too
            no = next(j for j in cols if design.labels[j][2] == "no")
            anchor = float(coef[no])
            ok = ok if no in ok else set()
        else:
            anchor = min((float(coef[j]) for j in ok), default=0.0)
        for j in cols:
            fam, _, cat = design.labels[j]
            good = j in ok
            rel = float(coef[j]) - anchor if good else 0.0
            status = "learned" if good else "few_rows"
            out.append((fam, dim, cat, float(coef[j]), int(support[j]), rel, status))
    return out


def to_points(
    coef: np.ndarray,
    design: Design,
    current: ScoringModel,
    *,
    rows: np.ndarray | None = None,
    min_support: int = MIN_SUPPORT,
) -> tuple[ScoringModel, pd.DataFrame]:
    """Translate coefficients into a model on the slider scale (see the module docstring).

    Parameters
    ----------
    coef : numpy.ndarray
        One coefficient per design column.
    design : Design
    current : ScoringModel
        Kept for everything the design does not cover (thresholds, half-life,
        edges, competitors); every point table the design covers is replaced,
        and every one it does not is set to 0 (a suggestion is exactly what
        was learned).
    rows : numpy.ndarray, optional
        The rows learned from (support counts only them).
    min_support : int

    Returns
    -------
    (ScoringModel, pandas.DataFrame)
        The model, and per column ``family``, ``table``, ``category``,
        ``coefficient``, ``support``, ``points``, ``cap``, ``status``
        (``learned`` / ``few_rows``).
    """
    sel = np.arange(design.X.shape[0]) if rows is None else np.asarray(rows)
    support = design.support(sel)
    rel = _relative(design, coef, support, min_support)
    ramps = {
        cat: (b / design.knees[cat], design.knees[cat])
        for _fam, dim, cat, b, _s, _r, status in rel
        if dim == "activity" and status == "learned" and b != 0
    }
    fit_max = max([abs(r[5]) for r in rel if r[1] != "activity"] + [0.0])
    act_max = max([abs(a) for a, _ in ramps.values()] + [0.0])
    cap_max = max([abs(a) * k for a, k in ramps.values()] + [0.0])
    limits = [
        SLIDER_RANGES["fit"][1] / fit_max if fit_max > 0 else np.inf,
        SLIDER_RANGES["activity"][1] / act_max if act_max > 0 else np.inf,
        SLIDER_RANGES["cap"][1] / cap_max if cap_max > 0 else np.inf,
    ]
    scale = min(limits) if np.isfinite(min(limits)) else 1.0
    new = _zeroed(current)
    table = []
    for fam, dim, cat, b, s, r, status in rel:
        cap = np.nan
        if dim == "activity":
            slope, knee = ramps.get(cat, (0.0, 1.0))
            pts = _whole(scale * slope)
            cap = max(_whole(abs(scale * slope) * knee), abs(pts))
            new = new.with_points("activity", cat, pts)
            if pts != 0:
                new = new.with_points("cap", cat, cap)
        else:
            pts = _whole(scale * r)
            new = _set(new, dim, cat, pts)
        table.append((fam, dim, cat, b, s, pts, cap, status))
    cols = ["family", "table", "category", "coefficient", "support", "points", "cap", "status"]
    return new, pd.DataFrame(table, columns=cols)


def _whole(points: float) -> float:
    """Whole points within the range a model accepts."""
    return float(np.clip(np.round(points), -_LIMIT, _LIMIT))


def _zeroed(model: ScoringModel) -> ScoringModel:
    """``model`` with every point table, penalty and activity weight at 0 (caps kept)."""
    tables = {
        name: tuple((c, 0.0) for c, _ in getattr(model, name)) for name in POINT_TABLES.values()
    }
    tables["activity_caps"] = model.activity_caps
    flags = {f: 0.0 for f in (*_FLAGS.values(), *_FLAGS_DEAL.values())}
    return replace(model, **tables, **flags)


def _set(model: ScoringModel, dim: str, cat: str, pts: float) -> ScoringModel:
    if dim in _FLAGS or dim in _FLAGS_DEAL:
        name = _FLAGS.get(dim) or _FLAGS_DEAL[dim]
        return replace(model, **{name: pts}) if cat == "yes" else model
    if dim in POINT_TABLES and cat in model.points(dim):
        return model.with_points(dim, cat, pts)
    return model


def _at_share(values: np.ndarray, share: float) -> float:
    """The whole-number threshold whose pass rate (``values >= t``) is closest to ``share``."""
    n = len(values)
    if n == 0:
        return 0.0
    want = share * n
    srt = np.sort(values)
    k = int(np.clip(round(want), 0, n))
    v = srt[n - k] if k > 0 else srt[-1] + 1
    cands = {float(np.floor(v)), float(np.ceil(v)), float(np.floor(v)) + 1}
    passed = {c: n - np.searchsorted(srt, c, side="left") for c in cands}
    return float(np.clip(min(cands, key=lambda c: (abs(passed[c] - want), -c)), -_LIMIT, _LIMIT))


def _cuts(old: np.ndarray, new: np.ndarray, cuts: tuple[float, float, float]) -> tuple[float, ...]:
    """Matrix cuts at the same shares of leads as the current ones (strictly descending)."""
    out: list[float] = []
    for c in cuts:
        t = _at_share(new, float((old >= c).mean()) if len(old) else 0.0)
        if out and t >= out[-1]:
            t = out[-1] - 1
        out.append(t)
    return tuple(out)


def keep_capacity(
    current: ScoringModel,
    new: ScoringModel,
    features: LeadFeatures,
    counts_current: np.ndarray,
    counts_new: np.ndarray,
) -> ScoringModel:
    """``new`` with thresholds and cuts refitted to flag as many leads as ``current``.

    The fit threshold starts where it keeps the fit axis's pass rate; with
    it (and whole numbers a few points around it) the engagement threshold is
    the whole number whose MQL count (fit AND engagement) is closest to the
    current count. Matrix cuts keep each band's share.

    Parameters
    ----------
    current, new : ScoringModel
    features : LeadFeatures
        The leads scored today.
    counts_current, counts_new : numpy.ndarray
        Decayed counts for each model's half-life.

    Returns
    -------
    ScoringModel
    """
    fit_c, eng_c = fit_points(features, current), engagement_total(counts_current, current)
    fit_n, eng_n = fit_points(features, new), engagement_total(counts_new, new)
    target = int(((fit_c >= current.fit_threshold) & (eng_c >= current.engagement_threshold)).sum())
    share = float((fit_c >= current.fit_threshold).mean()) if features.n else 0.0
    fit_t, eng_t = _pair(fit_n, eng_n, _at_share(fit_n, share), target)
    return replace(
        new,
        fit_threshold=fit_t,
        engagement_threshold=eng_t,
        fit_cuts=_cuts(fit_c, fit_n, current.fit_cuts),
        engagement_cuts=_cuts(eng_c, eng_n, current.engagement_cuts),
    )


def _pair(fit: np.ndarray, eng: np.ndarray, fit_t0: float, target: int) -> tuple[float, float]:
    """Whole-number thresholds near ``fit_t0`` whose MQL count is closest to ``target``.

    Whole numbers make counts jump where many leads tie, so a few fit
    thresholds around the one that keeps the fit axis's pass rate are tried,
    each with its best engagement threshold.
    """
    best: tuple[int, float, float, float] | None = None
    for fit_t in fit_t0 + np.arange(-_SPREAD, _SPREAD + 1):
        passing = eng[fit >= fit_t]
        if len(passing) == 0:
            eng_t, got = 0.0, 0
        else:
            eng_t = _at_share(passing, target / len(passing))
            got = int((passing >= eng_t).sum())
        key = (abs(got - target), abs(float(fit_t) - fit_t0), float(fit_t), eng_t)
        if best is None or key < best:
            best = key
    assert best is not None
    return float(np.clip(best[2], -_LIMIT, _LIMIT)), best[3]
