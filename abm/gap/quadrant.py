"""The disagreement quadrant: engagement (marketing's view) × fit (sales' view).

Thresholds come from the scoring model (``fit_threshold`` and
``engagement_threshold``, the MQL AND rule), so "hot" means the same here as
on the scoring page. Quadrants:

``both_hot``       engaged and a good fit — both sides agree;
``marketing_hot``  engaged but a poor fit (marketing-hot / sales-cold);
``sales_hot``      a good fit but not engaged (sales-hot / marketing-cold:
                   engage these);
``both_cold``      neither.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.keys import account_key
from abm.funnel import Reach
from abm.gap._common import UNKNOWN, rate, stage_index

__all__ = [
    "LIST_COLUMNS",
    "QUADRANTS",
    "quadrant_accounts",
    "quadrant_labels",
    "quadrant_members",
    "quadrant_summary",
]

#: Quadrant keys, in display order.
QUADRANTS: tuple[str, ...] = ("both_hot", "marketing_hot", "sales_hot", "both_cold")

#: Lead columns a quadrant list may show (never names, e-mails or phones).
LIST_COLUMNS: tuple[str, ...] = (
    "lead_id",
    "company",
    "department",
    "title",
    "industry",
    "employees",
    "lead_source",
    "current_stage",
)


def quadrant_labels(
    scores: pd.DataFrame, *, fit_threshold: float, engagement_threshold: float
) -> pd.Series:
    """Quadrant of each lead.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``fit_score`` and ``engagement_score`` per lead (e.g. from
        :func:`abm.scoring.score.score_leads`). Missing scores count as cold.
    fit_threshold, engagement_threshold : float
        "Hot" is at or above the threshold (the scoring model's).

    Returns
    -------
    pandas.Series
        Categorical over :data:`QUADRANTS`, same index as ``scores``.
    """
    fit = pd.to_numeric(scores["fit_score"], errors="coerce").astype("Float64")
    eng = pd.to_numeric(scores["engagement_score"], errors="coerce").astype("Float64")
    fit_hot = (fit >= fit_threshold).fillna(False).to_numpy(dtype=bool)
    eng_hot = (eng >= engagement_threshold).fillna(False).to_numpy(dtype=bool)
    code = np.where(fit_hot & eng_hot, 0, np.where(eng_hot, 1, np.where(fit_hot, 2, 3))).astype(
        np.int8
    )
    return pd.Series(
        pd.Categorical.from_codes(code, categories=list(QUADRANTS)),
        index=scores.index,
        name="quadrant",
    )


def quadrant_summary(labels: pd.Series, reach: Reach) -> pd.DataFrame:
    """Counts and conversion history per quadrant.

    Parameters
    ----------
    labels : pandas.Series
        From :func:`quadrant_labels`, one per lead counted in ``reach``, in
        its order (i.e. for ``leads.iloc[reach.rows]``).
    reach : Reach
        The funnel's reach (or a cohort of it); a lead has converted when it
        is counted at the Opportunity (or Won) stage.

    Returns
    -------
    pandas.DataFrame
        Index :data:`QUADRANTS`; columns ``leads, share, opportunities,
        won, opportunity_rate, won_rate`` (rates over the quadrant's leads;
        NaN for an empty quadrant).
    """
    if len(labels) != reach.n:
        raise ValueError("labels must align with the reach rows")
    n = reach.n
    j_opp, j_won = stage_index(reach, "opportunity"), stage_index(reach, "won")
    won = reach.reached[:, j_won] if j_won is not None else np.zeros(n, dtype=bool)
    opp = (reach.reached[:, j_opp] if j_opp is not None else np.zeros(n, dtype=bool)) | won
    code = labels.cat.codes.to_numpy()
    k = len(QUADRANTS)
    leads = np.bincount(code, minlength=k)
    n_opp = np.bincount(code[opp], minlength=k)
    n_won = np.bincount(code[won], minlength=k)
    total = int(leads.sum())
    return pd.DataFrame(
        {
            "leads": leads.astype(np.int64),
            "share": [rate(x, total) for x in leads],
            "opportunities": n_opp.astype(np.int64),
            "won": n_won.astype(np.int64),
            "opportunity_rate": [rate(o, x) for o, x in zip(n_opp, leads, strict=True)],
            "won_rate": [rate(w, x) for w, x in zip(n_won, leads, strict=True)],
        },
        index=pd.Index(QUADRANTS, name="quadrant"),
    )


def quadrant_members(
    leads: pd.DataFrame, labels: pd.Series, scores: pd.DataFrame, quadrant: str
) -> pd.DataFrame:
    """The leads behind one quadrant, best combined score first.

    ``labels`` and ``scores`` are matched to ``leads`` by index.

    Only :data:`LIST_COLUMNS` present in ``leads`` are shown, plus
    ``fit_score`` and ``engagement_score``: never names, e-mails or phones.

    Returns
    -------
    pandas.DataFrame
        Rows of ``leads`` (original index).
    """
    if quadrant not in QUADRANTS:
        raise ValueError("unknown quadrant")
    idx = labels.index[(labels == quadrant).to_numpy(dtype=bool)]
    cols = [c for c in LIST_COLUMNS if c in leads.columns]
    out = leads.loc[idx, cols].copy()
    out["fit_score"] = scores.loc[idx, "fit_score"].to_numpy()
    out["engagement_score"] = scores.loc[idx, "engagement_score"].to_numpy()
    order = np.argsort(
        -(
            out["fit_score"].astype("float64").fillna(0)
            + out["engagement_score"].astype("float64").fillna(0)
        ).to_numpy(),
        kind="stable",
    )
    return out.iloc[order]


def quadrant_accounts(
    leads: pd.DataFrame, labels: pd.Series, scores: pd.DataFrame, quadrant: str
) -> pd.DataFrame:
    """The companies behind one quadrant: one row per normalised company name.

    Returns
    -------
    pandas.DataFrame
        ``company`` (first spelling seen), ``leads``, ``fit_score`` (max),
        ``engagement_score`` (max) and ``account_id`` (名寄せ's account, NA for
        leads without one; what a link to the account's story carries), most
        leads first.
    """
    if quadrant not in QUADRANTS:
        raise ValueError("unknown quadrant")
    idx = labels.index[(labels == quadrant).to_numpy(dtype=bool)]
    company = (
        leads["company"].astype("string")
        if "company" in leads.columns
        else pd.Series(pd.NA, index=leads.index, dtype="string")
    ).loc[idx]
    key = account_key(leads.loc[idx]).fillna(UNKNOWN)  # 名寄せ's account (abm.pipeline.prepare)
    if "account_name" in leads.columns:
        company = leads["account_name"].astype("string").loc[idx].fillna(company)
    frame = pd.DataFrame(
        {
            "key": key.to_numpy(dtype=object),
            "company": company.fillna(UNKNOWN).to_numpy(dtype=object),
            "fit_score": pd.to_numeric(scores.loc[idx, "fit_score"]).astype("float64").to_numpy(),
            "engagement_score": pd.to_numeric(scores.loc[idx, "engagement_score"])
            .astype("float64")
            .to_numpy(),
        }
    )
    out = frame.groupby("key", sort=False).agg(
        company=("company", "first"),
        leads=("company", "size"),
        fit_score=("fit_score", "max"),
        engagement_score=("engagement_score", "max"),
    )
    out = out.sort_values(["leads", "fit_score"], ascending=False, kind="stable")
    ids = pd.Series(out.index, dtype="string").mask(lambda s: s == UNKNOWN)
    out = out.reset_index(drop=True).assign(account_id=ids.to_numpy())
    return out.astype({"company": "string", "leads": "int64", "account_id": "string"})
