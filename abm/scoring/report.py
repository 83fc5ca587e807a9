"""What changed between two models, and human labels for reasons and bands."""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.format import fmt_count, fmt_yen_short
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.explain import contributions, pick_reasons
from abm.scoring.features import LeadFeatures
from abm.scoring.model import ScoringModel
from abm.scoring.score import Scores
from abm.scoring.vocab import account_key

__all__ = ["band_text", "category_label", "readable_scores", "reason_label", "what_changed"]


def what_changed(
    leads: pd.DataFrame,
    features: LeadFeatures,
    *,
    base: ScoringModel,
    new: ScoringModel,
    base_counts: np.ndarray,
    new_counts: np.ndarray,
    base_scores: Scores,
    new_scores: Scores,
    accounts: np.ndarray | None = None,
) -> pd.DataFrame:
    """List the leads that entered or left MQL between ``base`` and ``new``, with why.

    The reason of a lead that entered is the rule whose points rose most
    (``new - base``); of a lead that left, the rule whose points fell most.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (for the account key).
    features : LeadFeatures
    base, new : ScoringModel
    base_counts, new_counts : numpy.ndarray
        Decayed counts for each model's half-life.
    base_scores, new_scores : Scores
    accounts : numpy.ndarray, optional
        ``account_key(leads)`` computed once per dataset (positional); derived
        from ``leads`` when omitted. Pages pass it so a slider move does not
        redo the key per changed lead.

    Returns
    -------
    pandas.DataFrame
        Index of the changed leads; columns ``change`` (``"entered"`` or
        ``"left"``), ``account``, ``fit_before``, ``fit_after``,
        ``engagement_before``, ``engagement_after``, ``reason`` (key
        ``"<dimension>:<category>"``), ``reason_points`` (the change in points).
    """
    entered = new_scores.is_mql & ~base_scores.is_mql
    left = base_scores.is_mql & ~new_scores.is_mql
    rows = np.flatnonzero(entered | left)
    cb, _ = contributions(features, base, base_counts, rows)
    cn, labels_new = contributions(features, new, new_counts, rows)
    # category codes of fit dimensions are the same under both models unless edges moved
    delta = cn - cb
    up_key, up_val = pick_reasons(delta, labels_new, positive=True, floor=1e-6)
    down_key, down_val = pick_reasons(delta, labels_new, positive=False, floor=1e-6)
    ent = entered[rows]
    if not len(rows):
        keys = np.array([], dtype=object)
    elif accounts is not None:
        keys = np.asarray(accounts, dtype=object)[rows]
    else:
        keys = account_key(leads.iloc[rows]).to_numpy()
    out = pd.DataFrame(
        {
            "change": np.where(ent, "entered", "left"),
            "account": pd.array(keys, dtype="str"),
            "fit_before": base_scores.fit[rows],
            "fit_after": new_scores.fit[rows],
            "engagement_before": base_scores.engagement[rows],
            "engagement_after": new_scores.engagement[rows],
            "reason": pd.array(np.where(ent, up_key, down_key), dtype="str"),
            "reason_points": np.where(ent, up_val, down_val),
        },
        index=features.index[rows],
    )
    return out


def band_text(dimension: str, category: str, lang: str = "ja") -> str:
    """Translate a band label such as ``"300_1000"`` or ``"ge_1e+11"``.

    Revenue reads as every amount does (:func:`abm.core.format.fmt_yen_short`:
    ``100億円`` / ``¥10B``).
    """
    if category == "unknown":
        return t("scoring.cat.unknown", lang)

    def fmt(text: str) -> str:
        v = float(text)
        return fmt_yen_short(v, lang) if dimension == "revenue" else fmt_count(v, lang)

    kind, _, rest = category.partition("_")
    if kind == "lt":
        return t("scoring.band.lt", lang, value=fmt(rest))
    if kind == "ge":
        return t("scoring.band.ge", lang, value=fmt(rest))
    return t("scoring.band.range", lang, low=fmt(kind), high=fmt(rest))


def category_label(dimension: str, category: str, lang: str = "ja") -> str:
    """Translate one category of one dimension (``"seniority"``, ``"manager"``)."""
    if dimension in ("employees", "revenue"):
        return band_text(dimension, category, lang)
    return t(K.CATEGORY[category], lang)


def reason_label(key: str | None, lang: str = "ja") -> str:
    """Translate a reason key ``"<dimension>:<category>"`` (``""`` for none)."""
    if not key or not isinstance(key, str) or ":" not in key:
        return ""
    dim, _, cat = key.partition(":")
    if dim in ("free_mail", "competitor"):
        return t(K.DIMENSION[dim], lang)
    return f"{t(K.DIMENSION[dim], lang)}: {category_label(dim, cat, lang)}"


#: Header key of each column of :func:`abm.scoring.explain.scores_frame`.
SCORE_COLUMNS: dict[str, str] = {
    "fit_score": "scoring.csv.fit_score",
    "engagement_score": "scoring.csv.engagement_score",
    "deal_score": "scoring.csv.deal_score",
    "grade": "scoring.csv.grade",
    "is_mql": "scoring.csv.is_mql",
    "seniority": "scoring.csv.seniority",
    "industry_group": "scoring.csv.industry_group",
    "top_positive": "scoring.csv.top_positive",
    "top_positive_points": "scoring.csv.top_positive_points",
    "top_negative": "scoring.csv.top_negative",
    "top_negative_points": "scoring.csv.top_negative_points",
}


def readable_scores(frame: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """A :func:`~abm.scoring.explain.scores_frame` table for people (QA: the scores CSV of
    a Japanese screen read ``seniority=manager`` and ``0.011596530675888062``): headers in
    ``lang``, categories and reasons as words, scores and points to one decimal. Other
    columns (the lead's id, company…) are kept as they are.

    Parameters
    ----------
    frame : pandas.DataFrame
    lang : {"ja", "en"}

    Returns
    -------
    pandas.DataFrame
    """
    out = frame.copy()
    for dim, col in (("seniority", "seniority"), ("industry", "industry_group")):
        if col in out.columns:
            s = out[col].astype("string")
            words = {v: category_label(dim, v, lang) for v in s.dropna().unique()}
            out[col] = s.map(words).astype("string")
    for col in ("top_positive", "top_negative"):
        if col in out.columns:
            s = out[col].astype("string")
            words = {v: reason_label(v, lang) for v in s.dropna().unique()}
            out[col] = s.map(words).astype("string")
    if "is_mql" in out.columns:  # a word a spreadsheet filter reads, not TRUE / FALSE
        yes, no = t("scoring.csv.yes", lang), t("scoring.csv.no", lang)
        mql = out["is_mql"].astype("boolean")
        words = np.where(mql.fillna(False).to_numpy(dtype=bool), yes, no).astype(object)
        words[mql.isna().to_numpy(dtype=bool)] = None
        out["is_mql"] = pd.array(words, dtype="string")
    floats = [c for c in out.columns if pd.api.types.is_float_dtype(out[c].dtype)]
    if floats:
        out = out.round(dict.fromkeys(floats, 1))
    return out.rename(columns={c: t(k, lang) for c, k in SCORE_COLUMNS.items()})
