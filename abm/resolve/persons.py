"""Person de-duplication: the same email address is one person.

Emails are compared after NFKC, trimming and lower-casing. Rows without a
usable email are never merged (each is its own person).

Survivorship rule
-----------------
The surviving row of a person is its **latest row by ``created_at``** (ties
and missing dates: the later row in input order). The person's record takes,
for every column, the **latest non-empty value by ``created_at``** (so a
phone number entered once is never lost to a later blank); flags
``unsubscribed`` and ``bounced`` are True if **any** row says so (an opt-out
must never be forgotten). Merged rows keep all their activities: activities
are keyed by email, which the person keeps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.resolve.normalise import normalise_email

__all__ = ["SURVIVORSHIP_RULE", "dedupe_persons", "merge_persons"]

#: The survivorship rule in one line (shown in the UI).
SURVIVORSHIP_RULE = (
    "latest row by created_at survives; each field takes the latest non-empty value; "
    "unsubscribed/bounced are true if any row says so"
)

_ANY_FLAGS = ("unsubscribed", "bounced")


def _order(leads: pd.DataFrame) -> np.ndarray:
    """Positions sorted oldest → newest (missing dates first, input order on ties)."""
    pos = np.arange(len(leads))
    if "created_at" not in leads.columns:
        return pos
    ts = pd.to_datetime(leads["created_at"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    key = np.where(np.isnat(ts), np.iinfo(np.int64).min, ts.view(np.int64))
    return np.lexsort((pos, key))


def dedupe_persons(leads: pd.DataFrame) -> pd.DataFrame:
    """Mark duplicate persons.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (``email`` used when present). Not modified.

    Returns
    -------
    pandas.DataFrame
        Same rows and index plus ``person_id`` (``p`` + position of the
        surviving row), ``is_survivor`` (bool) and ``merged_into`` (index
        label of the surviving row as text; NA on survivors).
    """
    n = len(leads)
    email = (
        normalise_email(leads["email"].astype("string"))
        if "email" in leads.columns
        else pd.Series(pd.NA, index=leads.index, dtype="string")
    )
    codes = pd.factorize(email)[0]
    alone = codes < 0
    codes = np.where(alone, codes.max(initial=-1) + 1 + np.arange(n), codes)
    order = _order(leads)
    last = np.empty(int(codes.max(initial=-1)) + 1, dtype=np.int64)
    last[codes[order]] = order  # later assignments win: newest row per person
    surv = last[codes]
    out = leads.copy()
    out["person_id"] = pd.array([f"p{i}" for i in surv], dtype="string")
    is_surv = surv == np.arange(n)
    out["is_survivor"] = is_surv
    labels = leads.index.astype(str).to_numpy()[surv]
    out["merged_into"] = pd.array(np.where(is_surv, None, labels), dtype="string")
    return out


def merge_persons(leads: pd.DataFrame) -> pd.DataFrame:
    """Return one row per person with survivorship applied.

    Parameters
    ----------
    leads : pandas.DataFrame
        Output of :func:`dedupe_persons` (or raw leads: it is applied first).

    Returns
    -------
    pandas.DataFrame
        Survivor rows (their index), each column filled with the person's
        latest non-empty value, plus ``merged_rows`` (rows folded in,
        including the survivor).
    """
    marked = leads if "person_id" in leads.columns else dedupe_persons(leads)
    order = _order(marked)
    ordered = marked.iloc[order]
    data_cols = [c for c in marked.columns if c not in ("person_id", "is_survivor", "merged_into")]
    dup = marked["person_id"].duplicated(keep=False)
    if not bool(dup.any()):
        return marked[marked["is_survivor"]].assign(merged_rows=1)
    # Only persons with duplicates need the (slower) group-wise fill.
    grp = ordered[dup.iloc[order].to_numpy()]
    filled = grp.groupby("person_id", sort=False)[data_cols].last()
    for flag in _ANY_FLAGS:
        if flag in data_cols:
            filled[flag] = grp.groupby("person_id", sort=False)[flag].any().astype("boolean")
    surv = marked[marked["is_survivor"]]
    out = surv.copy()
    multi = surv["person_id"].isin(filled.index).to_numpy()
    upd = filled.reindex(surv["person_id"][multi].to_numpy())
    upd.index = surv.index[multi]
    for col in data_cols:
        out.loc[multi, col] = upd[col].astype(out[col].dtype)
    sizes = marked["person_id"].value_counts()
    out["merged_rows"] = surv["person_id"].map(sizes).astype("int64").to_numpy()
    return out
