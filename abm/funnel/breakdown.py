"""Breakdowns (by source, campaign, industry, size band, owner) and the records behind a number.

Lead sources are grouped by channel (:mod:`abm.core.channels`): ``Organic Search``,
``自然検索`` and ``ORGANIC_SEARCH`` are one value, ``organic_search``, in a breakdown, a
filter's options and a segment; a source no channel knows stays as written. The leads
themselves (:func:`records`) keep the ``lead_source`` their export wrote.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.channels import channel_keys, lead_channels, renamed_channel
from abm.funnel.reach import Reach
from abm.funnel.stagemap import distinct_text

__all__ = [
    "BREAKDOWNS",
    "SIZE_BANDS",
    "breakdown",
    "dimension_options",
    "dimension_values",
    "records",
    "restore_choices",
    "segment_mask",
    "size_band",
]

#: Dimensions a funnel can be broken down by (``size_band`` is derived from ``employees``).
BREAKDOWNS: tuple[str, ...] = ("lead_source", "campaign", "industry", "size_band", "owner")

#: Company-size bands by employees: (lower bound inclusive, label).
SIZE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "1-49"),
    (50, "50-99"),
    (100, "100-299"),
    (300, "300-999"),
    (1000, "1000-4999"),
    (5000, "5000+"),
)

#: Label used for a missing breakdown value.
UNKNOWN = "(unknown)"


def size_band(employees: pd.Series) -> pd.Series:
    """Company-size band label for each employee count (``"(unknown)"`` if missing).

    Parameters
    ----------
    employees : pandas.Series
        Numeric employee counts.

    Returns
    -------
    pandas.Series
        Ordered categorical with the :data:`SIZE_BANDS` labels plus ``"(unknown)"``.
    """
    values = (
        pd.to_numeric(employees, errors="coerce")
        .astype("Float64")
        .to_numpy(dtype=np.float64, na_value=np.nan)
    )
    bounds = np.array([b for b, _ in SIZE_BANDS], dtype=np.float64)
    labels = [label for _, label in SIZE_BANDS] + [UNKNOWN]
    code = np.searchsorted(bounds, values, side="right") - 1
    code = np.where(np.isnan(values) | (code < 0), len(SIZE_BANDS), code)
    return pd.Series(
        pd.Categorical.from_codes(code, categories=labels, ordered=True),
        index=employees.index,
        name="size_band",
    )


def _column(leads: pd.DataFrame, by: str, rows: np.ndarray | None = None) -> pd.Series | None:
    """Dimension ``by`` of the leads (of ``rows`` only, when given) as it is compared: size
    bands (categorical, ``"(unknown)"`` for a missing count), lead sources by channel
    (:func:`abm.core.channels.lead_channels`) or text (missing stays missing); ``None`` when
    the leads have no such column."""
    source = "employees" if by == "size_band" else by
    if source not in leads.columns:
        return None
    if by == "lead_source":  # the whole column read once (lead_channels), then sliced
        groups = lead_channels(leads[source])
        return groups if rows is None else groups.iloc[rows]
    col = leads[source] if rows is None else leads[source].iloc[rows]
    return size_band(col) if by == "size_band" else col.astype("string")


def _dimension(leads: pd.DataFrame, by: str, rows: np.ndarray) -> pd.Series:
    col = _column(leads, by, rows)
    if col is None:
        return pd.Series([UNKNOWN] * len(rows), dtype="string")
    return col.astype("string").fillna(UNKNOWN).reset_index(drop=True)


def breakdown(
    reach: Reach, leads: pd.DataFrame, by: str, *, top: int | None = None
) -> pd.DataFrame:
    """Stage counts and conversion per value of one dimension.

    Parameters
    ----------
    reach : Reach
        Computed from ``leads`` (its ``rows`` index into it).
    leads : pandas.DataFrame
        The same leads frame.
    by : str
        One of :data:`BREAKDOWNS`.
    top : int, optional
        Keep the ``top`` largest groups.

    Returns
    -------
    pandas.DataFrame
        Index: the dimension's values (missing → ``"(unknown)"``), largest
        first; one count column per stage key, then ``overall_rate`` (last
        stage / first stage).
    """
    dim = _dimension(leads, by, reach.rows)
    codes, uniques = pd.factorize(dim, sort=False)
    size = len(uniques)
    data = {
        key: np.bincount(codes, weights=reach.reached[:, j], minlength=size).astype(np.int64)
        for j, key in enumerate(reach.model.keys)
    }
    frame = pd.DataFrame(data, index=pd.Index(np.asarray(uniques, dtype=object), name=by))
    first = frame[reach.model.keys[0]].to_numpy(dtype=np.float64)
    last = frame[reach.model.keys[-1]].to_numpy(dtype=np.float64)
    frame["overall_rate"] = np.divide(last, first, out=np.full(len(first), np.nan), where=first > 0)
    if by == "size_band":
        order = [label for _, label in SIZE_BANDS] + [UNKNOWN]
        frame = frame.reindex([b for b in order if b in frame.index])
        frame.index.name = by
    else:
        frame = frame.sort_values(reach.model.keys[0], ascending=False, kind="stable")
    return frame.head(top) if top else frame


def records(
    reach: Reach, leads: pd.DataFrame, stage: str, *, mode: str = "reached"
) -> pd.DataFrame:
    """The leads behind a funnel number.

    Parameters
    ----------
    reach : Reach
    leads : pandas.DataFrame
        The frame ``reach`` was computed from.
    stage : str
        Stage key.
    mode : {"reached", "current", "dropped"}
        ``reached``: counted at the stage; ``current``: counted at the stage
        and at no later one; ``dropped``: counted at the previous required
        stage but not at this one.

    Returns
    -------
    pandas.DataFrame
        Rows of ``leads`` (original index), in their original order.
    """
    j = reach.model.index(stage)
    r = reach.reached
    if mode == "reached":
        mask = r[:, j]
    elif mode == "current":
        mask = r[:, j] & ~r[:, j + 1 :].any(axis=1)
    elif mode == "dropped":
        p = reach.model.previous_required()[j]
        mask = (r[:, p] & ~r[:, j]) if p >= 0 else np.zeros(reach.n, dtype=bool)
    else:
        raise ValueError("mode must be reached, current or dropped")
    return leads.iloc[reach.rows[mask]]


def dimension_values(leads: pd.DataFrame, by: str) -> pd.Series:
    """Values of breakdown dimension ``by`` for every lead (``"(unknown)"`` when missing)."""
    return _dimension(leads, by, np.arange(len(leads))).set_axis(leads.index)


def dimension_options(leads: pd.DataFrame, by: str) -> list[str]:
    """The values of breakdown dimension ``by`` that some lead has (a filter's options).

    Parameters
    ----------
    leads : pandas.DataFrame
    by : str
        One of :data:`BREAKDOWNS`.

    Returns
    -------
    list of str
        Sorted; ``"(unknown)"`` among them when a lead has no value. The set of
        :func:`dimension_values`, read from the distinct values only.
    """
    if not len(leads):
        return []
    col = _column(leads, by)
    if col is None:
        return [UNKNOWN]
    if by == "size_band":  # the bands present, from their codes
        return sorted(str(col.cat.categories[c]) for c in np.unique(col.cat.codes))
    values = distinct_text(col)
    if col.isna().any():
        values.append(UNKNOWN)
    return sorted(set(values))


def restore_choices(stored: object, options: list[str], by: str) -> tuple[list[str], int]:
    """A filter's stored choices read against today's options.

    A view saved before lead sources were grouped by channel holds the export's values
    (``["web"]``); the filter now offers channels (``website``), and a widget drops a
    value not among its options without a word, so the funnel would show every lead.
    Each stored value that is an option is kept; a lead source that is not is read
    through the channel vocabulary (:func:`abm.core.channels.channel_keys`) and kept when
    its channel is an option. A channel key renamed since (``email``, now
    ``email_marketing``: :data:`abm.core.channels.RENAMED_CHANNELS`) is read as the new
    key, unless the data writes a lead source exactly as the old one (an option: kept).

    Parameters
    ----------
    stored : object
        The widget's stored value (a list of values; anything else reads as no choice).
    options : list of str
        The filter's options (:func:`dimension_options`).
    by : str
        One of :data:`BREAKDOWNS`.

    Returns
    -------
    list of str
        The choices, in stored order, each once.
    int
        How many stored values no option matches (left out; the page says so).
    """
    if not isinstance(stored, list | tuple):
        return [], 0
    allowed = set(options)
    values = [str(v) for v in stored if v is not None]
    mapped = values
    if by == "lead_source" and any(v not in allowed for v in values):
        # a renamed channel's old key (email): the value as written if an option, else
        # today's channel (RENAMED_CHANNELS)
        values = [renamed_channel(v, allowed) for v in values]
        groups = channel_keys(pd.Series(values, dtype="string"))
        mapped = [
            v if v in allowed or g is pd.NA else str(g) for v, g in zip(values, groups, strict=True)
        ]
    out: list[str] = []
    lost = 0
    for value in mapped:
        if value not in allowed:
            lost += 1
        elif value not in out:
            out.append(value)
    return out, lost


def segment_mask(
    leads: pd.DataFrame, filters: tuple[tuple[str, tuple[str, ...]], ...]
) -> np.ndarray:
    """Boolean mask of leads matching every ``(dimension, allowed values)`` filter.

    An empty tuple of values means "no filter on that dimension". Missing
    values match ``"(unknown)"``.
    """
    mask = np.ones(len(leads), dtype=bool)
    for by, allowed in filters:
        if allowed:
            mask &= _allowed(leads, by, list(allowed))
    return mask


def _allowed(leads: pd.DataFrame, by: str, allowed: list[str]) -> np.ndarray:
    """Leads whose :func:`dimension_values` is one of ``allowed``, read from the column
    itself (no text per lead)."""
    unknown = UNKNOWN in allowed
    col = _column(leads, by)
    if col is None:
        return np.full(len(leads), unknown)
    hit = col.isin(allowed).to_numpy(dtype=bool, na_value=False)
    return hit | col.isna().to_numpy(dtype=bool) if unknown else hit
