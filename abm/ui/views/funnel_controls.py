"""Funnel page inputs: saved settings, model and view pickers, stage map, sidebar filters.

:func:`inputs` draws the controls and returns everything the sections need
as one :class:`Inputs`; the stage-map editor's pending edits are applied
before anything is computed, so every section reflects them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from abm import funnel as fn
from abm.core.channels import CHANNELS
from abm.core.dates import first_day, window_from
from abm.core.format import fmt_list
from abm.errors import MoriError
from abm.funnel.display import apply_map_edits, source_label, table_signature
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui.shell import msg, tr
from abm.ui.state import (
    K_FUNNEL_WINDOW,
    get_workspace,
    keep_widget,
    note_widget,
    session_memo,
    widget_key,
)
from abm.ui.widgets import filters_line, multiselect

__all__ = ["MODEL_KEYS", "Inputs", "inputs"]

MODEL_KEYS = [*fn.MODELS, "custom"]


@dataclass(frozen=True)
class Inputs:
    """What the funnel page's controls chose."""

    saved: fn.FunnelConfig
    model: fn.FunnelModel
    view: str
    strict: bool
    stage_map: fn.StageMap
    map_table: pd.DataFrame
    editor_key: str
    status_cols: tuple[str, ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def filtered(self) -> bool:
        """Whether a segment filter is set."""
        return any(v for _, v in self.filters)


def _saved() -> fn.FunnelConfig:
    try:
        return fn.FunnelConfig.from_dict(get_workspace().section("stage_map") or {})
    except MoriError as err:
        st.warning(msg(err), icon=":material/warning:")
        return fn.FunnelConfig()


def _model(saved: fn.FunnelConfig, lang: str) -> tuple[fn.FunnelModel, str, bool]:
    """The model, view and strictness pickers. Their values are kept while the user visits
    other pages (:func:`abm.ui.state.keep_widget`), for this dataset."""
    k_model, k_view = widget_key("funnel", "model"), widget_key("funnel", "view")
    k_strict, k_custom = widget_key("funnel", "strict"), widget_key("funnel", "custom_stages")
    keep_widget(k_model, saved.model.key if saved.model.key in MODEL_KEYS else "classic")
    keep_widget(k_view, "leads")
    keep_widget(k_strict, saved.strict)
    with st.container(border=True):
        c_model = st.container()
        c_view, c_strict = st.columns(2, vertical_alignment="bottom")
        model_key = c_model.segmented_control(
            tr("funnel.model"),
            MODEL_KEYS,
            format_func=lambda k: t(K.FUNNEL_MODEL[k], lang),
            required=True,
            help=tr("funnel.model_help"),
            key=k_model,
        )
        view = c_view.segmented_control(
            tr("funnel.view"),
            ["leads", "accounts"],
            format_func=lambda k: t(K.FUNNEL_VIEW[k], lang),
            required=True,
            key=k_view,
        )
        strict = c_strict.toggle(tr("funnel.strict"), help=tr("funnel.strict_help"), key=k_strict)
        for key in (k_model, k_view, k_strict):
            note_widget(key)
        if model_key != "custom":
            return fn.get_model(model_key), view, strict
        default_custom = (
            list(saved.model.keys)
            if saved.model.key == "custom"
            else list(fn.get_model("classic").keys)
        )
        keep_widget(k_custom, default_custom)
        chosen = multiselect(
            tr("funnel.custom_stages"),
            list(fn.GENERIC_STAGES),
            format_func=lambda g: fn.generic_label(g, lang),
            help=tr("funnel.custom_stages_help"),
            key=k_custom,
        )
        note_widget(k_custom)
        if len(chosen) < 2:
            st.warning(tr("funnel.custom_need_two"), icon=":material/warning:")
            st.stop()
        return fn.custom_model(chosen), view, strict


def _filters(
    leads: pd.DataFrame, as_of: pd.Timestamp, lang: str
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], pd.Timestamp, pd.Timestamp]:
    """Sidebar: the cohort window and one multiselect per breakdown dimension.

    Kept while the user visits other pages; the window is kept for one as-of date (a new
    as-of date starts from the year before it, as on the Gap page)."""
    created = (
        leads["created_at"] if "created_at" in leads.columns else pd.Series(dtype="datetime64[ns]")
    )
    a_year = as_of - pd.Timedelta(days=364)
    # no creation dates: the window filters no lead, but the deals' KPIs read a year
    first = first_day(created, as_of)
    lo_day, hi_day = (a_year if first is None else min(first, a_year)).date(), as_of.date()
    scope = as_of.date()
    year = window_from(first, as_of)  # the Gap's too (default_window)
    keep_widget(K_FUNNEL_WINDOW, year, scope=scope)
    stored = st.session_state.get(K_FUNNEL_WINDOW)
    if not stored or any(d < lo_day or d > hi_day for d in stored):  # outside this as-of's
        st.session_state[K_FUNNEL_WINDOW] = year
    filters = []
    with st.sidebar:
        st.subheader(tr("funnel.filters"))
        window = st.date_input(
            tr("funnel.period"),
            min_value=lo_day,
            max_value=hi_day,
            help=tr("funnel.period_help"),
            key=K_FUNNEL_WINDOW,
        )
        note_widget(K_FUNNEL_WINDOW, scope=scope)
        if not created.notna().any():  # the window keeps every lead (Reach.created_mask)
            st.caption(tr("funnel.period_no_dates"))
        for dim in fn.BREAKDOWNS:
            if ("employees" if dim == "size_band" else dim) not in leads.columns:
                continue
            options = session_memo(
                f"funnel.options.{dim}",
                dim,
                lambda d=dim: fn.dimension_options(leads, d),
            )
            key = widget_key("funnel", f"filter.{dim}")
            keep_widget(key, [])
            stored = st.session_state.get(key)
            # a view saved before sources were channels holds "web": read it as Website
            chosen, lost = fn.restore_choices(stored, options, dim)
            if chosen != stored:
                st.session_state[key] = chosen
            picked = multiselect(
                tr(K.FUNNEL_DIM[dim]),
                _ordered(options) if dim == "lead_source" else options,
                key=key,
                placeholder=tr("funnel.filter_all"),
                format_func=(lambda v: source_label(v, lang)) if dim == "lead_source" else str,
            )
            if lost:  # a saved choice this data has no option for: said, not dropped silently
                st.caption(tr("funnel.filter_lost", n=lost))
            note_widget(key)
            filters.append((dim, tuple(picked)))
    window = tuple(window) if isinstance(window, list | tuple) else (window,)
    start = pd.Timestamp(window[0])
    end = pd.Timestamp(window[-1]) if len(window) > 1 else as_of
    return tuple(filters), start, end


#: Where a lead-source channel sits among a filter's options (the vocabulary's order).
_CHANNEL_ORDER = {c: i for i, c in enumerate(CHANNELS)}


def _ordered(options: list[str]) -> list[str]:
    """Lead-source options: the channels in the vocabulary's order, then the sources as
    written (sorted), as a reader looks for them."""
    return sorted(options, key=lambda v: (_CHANNEL_ORDER.get(v, len(CHANNELS)), v))


def _value(dim: str, value: object, lang: str) -> str:
    """A filter's chosen value as the reader sees it (a channel by its label)."""
    return source_label(value, lang) if dim == "lead_source" else str(value)


def _summary(
    model: fn.FunnelModel,
    view: str,
    filters: tuple[tuple[str, tuple[str, ...]], ...],
    start: pd.Timestamp,
    end: pd.Timestamp,
    lang: str,
) -> None:
    """While presenting (the sidebar folded away), the window, model and filters in one line."""
    chosen = [
        f"{t(K.FUNNEL_DIM[dim], lang)}: {fmt_list((_value(dim, v, lang) for v in values), lang)}"
        for dim, values in filters
        if values
    ]
    filters_line(
        [
            tr(
                "funnel.line.period", start=start.strftime("%Y-%m-%d"), end=end.strftime("%Y-%m-%d")
            ),
            t(K.FUNNEL_MODEL[model.key], lang) if model.key in K.FUNNEL_MODEL else model.key,
            t(K.FUNNEL_VIEW[view], lang),
            " / ".join(chosen) if chosen else tr("funnel.line.no_filter"),
        ]
    )


def inputs(leads: pd.DataFrame, as_of: pd.Timestamp, lang: str) -> Inputs:
    """Draw the funnel controls; return what they chose (unsaved map edits applied)."""
    saved = _saved()
    status_cols = tuple(c for c in ("current_stage", "lead_status") if c in leads.columns)
    status_values = (
        pd.concat([leads[c] for c in status_cols]) if status_cols else pd.Series(dtype="string")
    )
    base_map = session_memo(
        "funnel.base_map",
        saved.stage_map,
        lambda: fn.complete_stage_map(saved.stage_map, status_values),
    )
    model, view, strict = _model(saved, lang)
    map_table = fn.stage_map_table(status_values, base_map)
    # st.data_editor keeps edits by row position: key it by the rows it shows
    editor_key = widget_key("funnel", f"map_editor.{table_signature(map_table['value'])}")
    edited = apply_map_edits(map_table, st.session_state.get(editor_key))
    stage_map = base_map if edited is None else fn.stage_map_from_table(edited)
    filters, start, end = _filters(leads, as_of, lang)
    _summary(model, view, filters, start, end, lang)
    return Inputs(
        saved=saved,
        model=model,
        view=view,
        strict=strict,
        stage_map=stage_map,
        map_table=map_table,
        editor_key=editor_key,
        status_cols=status_cols,
        filters=filters,
        start=start,
        end=end,
    )
