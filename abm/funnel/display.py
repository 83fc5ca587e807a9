"""Display helpers for the funnel page: KPI formatting and table views (pure)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from abm.core.channels import CHANNELS, is_channel
from abm.core.format import NA_TEXT, fmt_count, fmt_pct, fmt_yen_short
from abm.core.text import normalise_value
from abm.funnel.reach import Reach, deal_stages
from abm.i18n import LANGS, t
from abm.i18n import keys as K

__all__ = [
    "apply_map_edits",
    "benchmark_view",
    "format_delta",
    "format_kpi",
    "method_message",
    "source_label",
    "stalled_view",
    "table_signature",
]


@functools.cache
def _channel_labels() -> frozenset[str]:
    """Every channel's label in every UI language, normalised (a value shown as written
    must not read as one)."""
    return frozenset(normalise_value(t(K.CHANNEL[c], lang)) for c in CHANNELS for lang in LANGS)


def source_label(value: object, lang: str = "ja") -> str:
    """A lead-source group as a reader sees it: a channel's label in ``lang``
    (:mod:`abm.core.channels`), any other source as written.

    A source shown as written whose text is a channel's label (in either language, any
    case: ``Inquiries`` when no channel took it) gets an "as written" mark
    (``Inquiries (as written)``), so two rows never read alike.

    Parameters
    ----------
    value : object
        A group of :func:`abm.core.channels.channel_keys` (a channel key or a source).
    lang : {"ja", "en"}

    Returns
    -------
    str
    """
    if is_channel(value):
        return t(K.CHANNEL[value], lang)
    text = str(value)
    if normalise_value(text) in _channel_labels():
        return t("channel.as_written", lang, value=text)
    return text


def format_kpi(key: str, value: float, lang: str = "ja") -> str:
    """Format one :func:`~abm.funnel.pipeline.funnel_kpis` value (``—`` when NaN).

    Money reads compactly (``33.8億円`` / ``¥3.38B``), rates as percentages,
    counts with separators — through :mod:`abm.core.format`, like every page.
    """
    if key == "win_rate":
        return fmt_pct(value, lang)
    if key == "pipeline_value":
        return fmt_yen_short(value, lang)
    return fmt_count(value, lang)


def format_delta(key: str, now: float, before: float, lang: str = "ja") -> str | None:
    """Signed change for a KPI (percentage points for the win rate); ``None`` if unknown."""
    if np.isnan(now) or np.isnan(before):
        return None
    if key == "win_rate":
        return f"{(now - before) * 100:+.1f} pt"
    if key == "pipeline_value":
        return ("+" if now >= before else "-") + fmt_yen_short(abs(now - before), lang)
    return f"{now - before:+,.0f}"


def method_message(reach: Reach, lang: str = "ja", shown: Reach | None = None) -> tuple[str, str]:
    """``(kind, text)`` saying how stages were placed; kind is ``"info"`` or ``"caption"``.

    The current-stage method is an ``info`` (the numbers rest on an inference). The
    sentence on leads placed by their deals counts the leads ``shown`` (the cohort the
    waterfall draws; ``reach`` itself by default).
    """
    deals = _deals_note(reach if shown is None else shown, lang)
    if reach.method == "current_stage":
        return "info", t("funnel.method.current_stage", lang, n=reach.n) + deals
    if reach.method == "dates":
        text = t("funnel.method.dates", lang, n=reach.n, skipped=reach.skipped)
        return "caption", text + deals
    n_dates = int(reach.by_dates.sum())
    text = t(
        "funnel.method.mixed",
        lang,
        dates=n_dates,
        by_stage=reach.n - n_dates,
        skipped=reach.skipped,
    )
    return "caption", text + deals


def _deals_note(reach: Reach, lang: str) -> str:
    """The sentence on leads a linked deal placed higher than their own record (or "")."""
    if not reach.from_deals:
        return ""
    j_opp, j_won = deal_stages(reach.model)
    stage = reach.model.stages[j_opp if j_opp >= 0 else j_won]
    gap = "" if lang == "ja" else " "  # Japanese sentences run on without a space
    return gap + t("funnel.method.deals", lang, n=reach.from_deals, opp=stage.label(lang))


def benchmark_view(
    bench: pd.DataFrame, labels: Mapping[str, str], lang: str = "ja"
) -> pd.DataFrame:
    """Translated table of :func:`~abm.funnel.benchmarks.compare_benchmarks`.

    Columns (translated): step, your rate (float), illustrative band, position.
    """
    return pd.DataFrame(
        {
            t("funnel.bench.step", lang): [
                f"{labels[a]} → {labels[b]}"
                for a, b in zip(bench["from_stage"], bench["to_stage"], strict=True)
            ],
            t("funnel.bench.rate", lang): bench["rate"].astype("float64").to_numpy(),
            t("funnel.bench.band", lang): [
                f"{fmt_pct(lo, lang)}–{fmt_pct(hi, lang)}"
                for lo, hi in zip(bench["low"], bench["high"], strict=True)
            ],
            t("funnel.bench.position", lang): [
                t(K.BENCH_POSITION[p], lang) if p else NA_TEXT for p in bench["position"]
            ],
        }
    )


def stalled_view(
    stalled: pd.DataFrame, leads: pd.DataFrame, labels: Mapping[str, str]
) -> pd.DataFrame:
    """Stalled leads with identifying columns from ``leads`` first, then the wait.

    Identifying columns (those present): ``lead_id, company, full_name, owner,
    current_stage``; then ``stage`` (display label), ``entered_at``,
    ``days_in_stage``, ``sla_days``.
    """
    shown = leads.iloc[stalled["row"].to_numpy()].reset_index(drop=True)
    keep = [
        c
        for c in ("lead_id", "company", "full_name", "owner", "current_stage")
        if c in shown.columns
    ]
    wait = stalled[["stage", "entered_at", "days_in_stage", "sla_days"]].reset_index(drop=True)
    out = pd.concat([shown[keep], wait], axis=1)
    out["stage"] = out["stage"].map(dict(labels))
    return out


def table_signature(values: pd.Series) -> str:
    """A short digest of a table's row identities (in order), for a widget key.

    ``st.data_editor`` keeps its edits by row *position*: keying the editor by
    the rows it shows means edits made on one table (one dataset, one set of
    cleaning rules) are dropped, never applied to another table's rows.

    Parameters
    ----------
    values : pandas.Series
        The column that identifies the rows (the raw stage values).

    Returns
    -------
    str
        16 hexadecimal characters; equal for the same values in the same order.
    """
    import hashlib

    text = "\x1f".join(values.astype("string").fillna("").tolist())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def apply_map_edits(table: pd.DataFrame, edits: Any) -> pd.DataFrame | None:
    """Apply a ``st.data_editor`` edit state to a stage-map table.

    Parameters
    ----------
    table : pandas.DataFrame
        The table given to the editor (:func:`~abm.funnel.stagemap.stage_map_table`).
    edits : object
        The editor's session-state value (``{"edited_rows": {row: {col: value}}}``).

    Returns
    -------
    pandas.DataFrame or None
        The edited copy, or ``None`` when there are no edits. Only the
        ``stage`` and ``detour`` columns of existing rows are taken.
    """
    rows = edits.get("edited_rows") if isinstance(edits, Mapping) else None
    if not rows:
        return None
    out = table.copy()
    for i, change in rows.items():
        pos = int(i)
        if not 0 <= pos < len(out) or not isinstance(change, Mapping):
            continue
        for col in ("stage", "detour"):
            if col in change:
                out.loc[out.index[pos], col] = change[col] or ""
    return out
