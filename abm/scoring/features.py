"""Precomputed per-lead features: what makes rescoring a few numpy gathers.

:func:`build_features` runs once per dataset and ``as_of`` (the caller caches
it): it parses titles, industries, regions and sizes into category codes and
reads each activity's lead, kind, result and age in days from the dataset's
activity table (:mod:`abm.engine.table`: the log is read once, on the engine).
:func:`decayed_counts` turns the activity log into a ``(leads, kinds)``
matrix of decayed counts for one half-life with one ``np.bincount``; it is
recomputed only when the half-life moves. A weight change then costs one
gather per fit dimension and one clipped matrix product (:mod:`.score`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from abm.core.activities import ACTIVITY_KINDS
from abm.core.dates import day_end
from abm.core.titles import (
    DEPARTMENT_RULES,
    DEPARTMENTS,
    SENIORITIES,
    SENIORITY_RULES,
    classify_codes,
)
from abm.core.titles import fold_series as normalise_text
from abm.engine.table import ActivityTable, build_activity_table
from abm.scoring.model import ENGAGEMENT_KINDS, FIT_DIMENSIONS, ScoringModel, band_labels
from abm.scoring.vocab import (
    INDUSTRIES,
    INDUSTRY_RULES,
    REGION_RULES,
    REGIONS,
    company_key,
    email_domain,
    is_free_mail,
)

__all__ = ["LeadFeatures", "build_features", "decayed_counts", "fit_codes"]

_DAY_NS = 86_400 * 10**9
_VOCABS = {
    "industry": INDUSTRIES,
    "seniority": SENIORITIES,
    "department": DEPARTMENTS,
    "region": REGIONS,
}


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="str")


@dataclass(frozen=True, eq=False)
class LeadFeatures:
    """Per-lead feature arrays (positional, aligned with ``index``).

    Attributes
    ----------
    as_of : pandas.Timestamp
        Date the activity ages are measured from.
    index : pandas.Index
        The leads' index.
    codes : dict of str to numpy.ndarray
        ``industry``, ``seniority``, ``department``, ``region`` codes into
        :data:`INDUSTRIES`, :data:`SENIORITIES`, :data:`DEPARTMENTS`, :data:`REGIONS`.
    employees, revenue : numpy.ndarray
        Raw numbers (``NaN`` when missing).
    free_mail : numpy.ndarray of bool
    act_lead, act_kind, act_age : numpy.ndarray
        Per linked activity: lead position, kind code (:data:`ACTIVITY_KINDS`)
        and age in days before ``as_of`` (>= 0).
    act_result : numpy.ndarray of int8
        Per linked activity: result code into :data:`abm.core.activities.RESULTS`
        for a sales touch whose result says one (``アポ獲得``, ``不在``…), else -1.
    counts : dict of str to int
        Activities ``linked``, ``unlinked`` (no matching lead), ``after_as_of``
        and ``no_timestamp`` (the last three are not scored).
    """

    as_of: pd.Timestamp
    index: pd.Index
    codes: dict[str, np.ndarray]
    employees: np.ndarray
    revenue: np.ndarray
    free_mail: np.ndarray
    domain_codes: np.ndarray
    domains: tuple[str, ...]
    company_codes: np.ndarray
    companies: tuple[str, ...]
    act_lead: np.ndarray
    act_kind: np.ndarray
    act_age: np.ndarray
    act_result: np.ndarray
    counts: dict[str, int]
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        """Number of leads."""
        return len(self.index)

    def competitor(self, competitors: tuple[str, ...]) -> np.ndarray:
        """Boolean per lead: email domain or normalised company is a competitor."""
        if not competitors:
            return np.zeros(self.n, dtype=bool)
        key = ("competitor", competitors)
        if key not in self._cache:
            names = pd.Series(list(competitors), dtype="str")
            doms = set(normalise_text(names).tolist())
            comp = set(company_key(names).tolist()) - {""}
            d = np.array(
                [x in doms or any(x.endswith("." + c) for c in doms) for x in self.domains]
                + [False]
            )
            c = np.array([x in comp for x in self._company_keys()] + [False])
            self._cache[key] = d[self.domain_codes] | c[self.company_codes]
        return self._cache[key]

    def _company_keys(self) -> list[str]:
        """名寄せ's key of each distinct company name, computed on first use.

        Only a competitor list needs it, so a model without one never pays
        for normalising every company at precompute time.
        """
        if "company_keys" not in self._cache:
            raw = pd.Series(list(self.companies), dtype="string")
            self._cache["company_keys"] = company_key(raw).tolist()
        return self._cache["company_keys"]

    def band(self, values: str, edges: tuple[float, ...]) -> np.ndarray:
        """Band codes for ``employees`` or ``revenue`` (last code = unknown)."""
        key = ("band", values, edges)
        if key not in self._cache:
            x = getattr(self, values)
            codes = np.searchsorted(np.asarray(edges), x, side="right").astype(np.int16)
            codes[np.isnan(x)] = len(edges) + 1
            self._cache[key] = codes
        return self._cache[key]


def build_features(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None = None,
    *,
    as_of: pd.Timestamp,
    table: ActivityTable | None = None,
) -> LeadFeatures:
    """Precompute the feature arrays of ``leads`` and their ``activities``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (missing optional columns count as unknown).
    activities : pandas.DataFrame, optional
        Canonical activities, linked by ``lead_id`` first, then by email
        (case-insensitive). Activities after ``as_of`` are ignored. Read
        through the engine (:func:`abm.engine.table.build_activity_table`)
        unless ``table`` is given.
    as_of : pandas.Timestamp
        Reference date for activity ages.
    table : ActivityTable, optional
        The dataset's activity table, built once (the app keeps it per
        dataset); its leads may be a superset of ``leads`` (by index label).

    Returns
    -------
    LeadFeatures
    """
    as_of = pd.Timestamp(as_of)
    dept_text = (
        _col(leads, "department").fillna("").astype("str")
        + " "
        + _col(leads, "title").fillna("").astype("str")
    )
    codes = {
        "industry": classify_codes(_col(leads, "industry"), INDUSTRY_RULES, INDUSTRIES),
        "seniority": classify_codes(
            _col(leads, "title"), SENIORITY_RULES, SENIORITIES, other="unknown"
        ),
        "department": classify_codes(dept_text.str.strip(), DEPARTMENT_RULES, DEPARTMENTS),
        "region": classify_codes(
            _col(leads, "prefecture"), REGION_RULES, REGIONS, other="overseas"
        ),
    }
    num = {
        k: pd.to_numeric(_col(leads, k), errors="coerce")
        .astype("float64")
        .to_numpy(na_value=np.nan)
        for k in ("employees", "annual_revenue")
    }
    emails = _col(leads, "email")
    domains = email_domain(emails)
    d_codes, d_uniq = pd.factorize(domains.replace("", pd.NA))
    c_codes, c_uniq = pd.factorize(_col(leads, "company").astype("string"))
    if table is None:
        table = build_activity_table(leads, activities)
    link = _link(table.for_leads(leads), as_of)
    return LeadFeatures(
        as_of=as_of,
        index=leads.index,
        codes=codes,
        employees=num["employees"],
        revenue=num["annual_revenue"],
        free_mail=is_free_mail(domains),
        domain_codes=d_codes,
        domains=tuple(d_uniq.tolist()),
        company_codes=c_codes,
        companies=tuple(c_uniq.tolist()),
        **link,
    )


def _link(table: ActivityTable, as_of: pd.Timestamp) -> dict[str, Any]:
    """The activity table's rows up to ``as_of`` as scoring's arrays, and what was left out."""
    ts = table.at
    no_ts = np.isnat(ts)
    age_ns = as_of.to_datetime64().astype("datetime64[ns]").astype(np.int64) - ts.astype(np.int64)
    age = (np.maximum(age_ns, 0) / _DAY_NS).astype(np.float32)  # later on the as-of day: 0
    end = day_end(as_of).to_datetime64().astype("datetime64[ns]").astype(np.int64)
    future = ~no_ts & (ts.astype(np.int64) >= end)  # the whole as-of day counts
    pos = table.lead
    ok = (pos >= 0) & ~no_ts & ~future
    counts = {
        "linked": int(ok.sum()),
        "unlinked": int(((pos < 0) & ~no_ts & ~future).sum()),
        "after_as_of": int(future.sum()),
        "no_timestamp": int(no_ts.sum()),
    }
    return {
        "act_lead": pos[ok].astype(np.int32),
        "act_kind": table.kind[ok],
        "act_age": age[ok],
        "act_result": table.result[ok],
        "counts": counts,
    }


def decayed_counts(
    features: LeadFeatures, half_life_days: float, *, cutoff_age: np.ndarray | None = None
) -> np.ndarray:
    """Return decayed engagement counts, shape ``(leads, len(ENGAGEMENT_KINDS))``.

    Each activity counts ``0.5 ** (age / half_life_days)`` (``1`` when the
    half-life is 0: no decay) in its kind's column, and a sales touch with a
    result also in that result's column (:data:`~abm.scoring.model.ENGAGEMENT_KINDS`).

    Parameters
    ----------
    features : LeadFeatures
    half_life_days : float
    cutoff_age : numpy.ndarray, optional
        Per lead, an age in days (before ``as_of``) at which its history is
        cut: only activities strictly older count, aged from the cut. Used to
        snapshot leads at their outcome date so nothing after it leaks.

    Returns
    -------
    numpy.ndarray of float32
        Fortran-ordered (each kind's column contiguous), which makes the
        per-kind rescoring loop of :func:`~abm.scoring.score.engagement_total`
        several times faster than a row-major matrix.
    """
    k = len(ENGAGEMENT_KINDS)
    lead, kind, age = features.act_lead, features.act_kind, features.act_age
    result = features.act_result
    if cutoff_age is not None:
        age = age - cutoff_age[lead].astype(np.float32)
        keep = age > 0
        lead, kind, age, result = lead[keep], kind[keep], age[keep], result[keep]
    weights = None if half_life_days <= 0 else np.exp2(-age / np.float32(half_life_days))
    flat = kind.astype(np.int64) * features.n + lead  # kind-major: each kind's column is contiguous
    has = result >= 0
    if has.any():  # a sales touch with a result counts once more, in its result's column
        extra = (len(ACTIVITY_KINDS) + result[has].astype(np.int64)) * features.n + lead[has]
        flat = np.concatenate([flat, extra])
        if weights is not None:
            weights = np.concatenate([weights, weights[has]])
    out = np.bincount(flat, weights=weights, minlength=features.n * k)
    return out.astype(np.float32).reshape(k, features.n).T


def fit_codes(
    features: LeadFeatures, model: ScoringModel
) -> dict[str, tuple[np.ndarray, np.ndarray, tuple[str, ...]]]:
    """Return, per fit dimension, ``(codes, points, categories)`` for ``model``.

    ``points[codes]`` is each lead's points on that dimension.
    """
    out: dict[str, tuple[np.ndarray, np.ndarray, tuple[str, ...]]] = {}
    for dim in FIT_DIMENSIONS:
        if dim in _VOCABS:
            table, cats = model.points(dim), _VOCABS[dim]
            pts = np.array([table.get(c, 0.0) for c in cats], dtype=np.float32)
            out[dim] = (features.codes[dim], pts, cats)
        elif dim in ("employees", "revenue"):
            edges = model.employee_edges if dim == "employees" else model.revenue_edges
            table = model.points(dim)
            cats = band_labels(edges)
            pts = np.array([table.get(c, 0.0) for c in cats], dtype=np.float32)
            out[dim] = (features.band(dim, edges), pts, cats)
        else:
            flag = (
                features.free_mail if dim == "free_mail" else features.competitor(model.competitors)
            )
            penalty = model.free_mail_penalty if dim == "free_mail" else model.competitor_penalty
            out[dim] = (
                flag.astype(np.int8),
                np.array([0.0, penalty], dtype=np.float32),
                ("no", "yes"),
            )
    return out
