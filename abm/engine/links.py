"""Every activity's lead, kind and sales result, as Ibis expressions: the log read once.

The pages need, per activity, three small facts — which lead it belongs to,
its kind (:data:`abm.core.activities.ACTIVITY_KINDS`) and, for a sales touch,
what its result said (:data:`abm.core.activities.RESULTS`) — and its instant.
:func:`activity_leads` gives the first three for every row of the log (its
``act_row``), so the caller can line them up with the instants and decay,
count and filter by ``as_of`` on its own without reading the log again.

The lookup is :func:`abm.core.keys.lead_positions`'s: the trimmed ``lead_id``
(:func:`abm.pipeline.prepare` wrote the linked person's id on every row it
linked), then the e-mail key (:func:`abm.core.keys.email_key`) for a row whose
id names nobody. E-mail keys, kinds and results are Python vocabularies, so
they run once per *distinct* value (:func:`email_table`,
:func:`abm.engine.activity.classify_kinds`, :func:`classify_results`) and the
engine joins the codes back.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from abm.core.activities import RESULTS, activity_results
from abm.core.keys import email_key
from abm.engine._cols import has, without
from abm.engine.activity import SALES_KIND_CODES, with_lead_row

__all__ = [
    "activity_leads",
    "classify_results",
    "email_table",
    "lead_email_keys",
    "result_keys",
    "unmatched_emails",
    "with_results",
]


def result_keys(activities: Any) -> Any:
    """Distinct ``result`` texts of the log, NULL as ``""`` (column ``r_text``)."""
    return activities.select(r_text=activities.result.cast("string").fill_null("")).distinct()


def classify_results(distinct: pd.DataFrame) -> pd.DataFrame:
    """Result code of each distinct text (:func:`abm.core.activities.activity_results`).

    Parameters
    ----------
    distinct : pandas.DataFrame
        Output of :func:`result_keys` (not modified).

    Returns
    -------
    pandas.DataFrame
        ``r_text`` and ``result`` (int8 code into :data:`abm.core.activities.RESULTS`,
        ``-1`` when the text says none).
    """
    texts = distinct["r_text"].astype("string")
    said = activity_results(texts)
    codes = np.array([RESULTS.index(s) if isinstance(s, str) else -1 for s in said], np.int8)
    return pd.DataFrame({"r_text": texts, "result": codes})


def with_results(activities: Any, results: Any | None) -> Any:
    """The activities (with ``kind``) with ``result``: a sales touch's result code, else -1."""
    if results is None or not has(activities, "result"):
        import ibis

        return activities.mutate(result=ibis.literal(-1, type="int8"))
    keyed = activities.mutate(_r_text=activities.result.cast("string").fill_null(""))
    j = keyed.left_join(results, keyed._r_text == results.r_text)
    code = j.result_right.fill_null(-1) if "result_right" in j.columns else j.result.fill_null(-1)
    sales = j.kind.isin(SALES_KIND_CODES)
    out = j.mutate(_code=sales.ifelse(code, -1).cast("int8"))
    out = without(out, "_r_text", "r_text", "result", "result_right")
    return out.rename(result="_code")


def lead_email_keys(emails: pd.Series, rows: np.ndarray) -> pd.DataFrame:
    """Each e-mail key of the leads and its first lead row: ``l_key``, ``l_row``.

    Parameters
    ----------
    emails : pandas.Series
        The leads' ``email`` (not modified).
    rows : numpy.ndarray
        Each lead's ``lead_row``, aligned with ``emails``.
    """
    keys = email_key(pd.Series(emails.to_numpy(dtype=object), dtype="string"))
    frame = pd.DataFrame({"l_key": keys.to_numpy(dtype=object), "l_row": rows.astype(np.int64)})
    frame = frame[frame["l_key"].notna()]
    out = frame.groupby("l_key", sort=False, as_index=False)["l_row"].min()
    return out.astype({"l_key": "string", "l_row": "int64"})


def unmatched_emails(activities: Any, leads: Any) -> Any:
    """Distinct e-mails written on activities whose ``lead_id`` names no lead (column ``e_raw``)."""
    a = with_lead_row(activities, leads)
    lost = a.filter(a._k_row.isnull() & a.email.notnull())
    return lost.select(e_raw=lost.email.cast("string")).distinct()


def email_table(raw: pd.Series) -> pd.DataFrame:
    """The e-mail key of each distinct address as written: ``e_raw``, ``e_key``."""
    values = pd.Series(raw.to_numpy(dtype=object), dtype="string")
    keys = email_key(values)
    out = pd.DataFrame({"e_raw": values, "e_key": keys.astype("string")})
    return out[out["e_key"].notna()].reset_index(drop=True)


def activity_leads(
    activities: Any, leads: Any, *, emails: Any | None = None, lead_emails: Any | None = None
) -> Any:
    """``act_row``, ``lead_row`` (NULL: no lead), ``kind``, ``result`` of every activity.

    Parameters
    ----------
    activities : ibis.Table
        With ``act_row``, ``kind`` (:func:`abm.engine.activity.with_kinds`) and
        ``result`` (:func:`with_results`).
    leads : ibis.Table
        With ``lead_id`` and ``lead_row``.
    emails, lead_emails : ibis.Table, optional
        :func:`email_table` of the activities' unmatched addresses and
        :func:`lead_email_keys` of the leads: the second step of the lookup.
    """
    j = with_lead_row(activities, leads)
    row = j._k_row
    if emails is not None and lead_emails is not None and has(j, "email"):
        j = j.left_join(emails, j.email.cast("string") == emails.e_raw)
        j = j.left_join(lead_emails, j.e_key == lead_emails.l_key)
        row = j._k_row.fill_null(j.l_row)
    return j.select(
        act_row=j.act_row.cast("int64"),
        lead_row=row.cast("int64"),
        kind=j.kind.cast("int8"),
        result=j.result.cast("int8"),
    )
