"""Gap page inputs: saved settings, filters and source costs.

Filter values live in a per-dataset store as well as in their widgets, so
they survive presentation mode (the app-wide one of :mod:`abm.ui.shell`,
which hides the widgets: Streamlit forgets hidden widgets' state) and start
afresh when another dataset loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from abm.core.channels import channel_keys
from abm.core.dates import default_window
from abm.core.format import money_size
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.funnel import FunnelConfig
from abm.funnel.display import source_label
from abm.gap import GapSettings
from abm.gap._common import text
from abm.gap.settings import GROUP_BY
from abm.gap.sources import cost_groups, group_values, read_costs
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.model import ScoringModel, in_currency
from abm.ui import auth
from abm.ui.shell import msg, presenting, sidebar_state, tr
from abm.ui.state import (
    K_GAP_STORE,
    dataset_token,
    get_workspace,
    page_entered,
    session_memo,
    set_workspace_section,
    widget_key,
)
from abm.ui.widgets import chart_font, editor, filters_line, selectbox

__all__ = ["Inputs", "inputs", "presenting", "sidebar_state"]

_PERIOD = widget_key("gap", "period")
_FISCAL_START = widget_key("gap", "fiscal_start")
_SLA = widget_key("gap", "sla")
_GROUP_BY = widget_key("gap", "group_by")
_FREQ = widget_key("gap", "freq")
_FILTER_KEYS = (_PERIOD, _FISCAL_START, _SLA, _GROUP_BY, _FREQ)


@dataclass(frozen=True)
class Inputs:
    """What the gap page's controls chose, and the saved configs it reads."""

    settings: GapSettings
    model: ScoringModel
    funnel: FunnelConfig
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    presentation: bool

    @property
    def font(self) -> int:
        """Chart font size: large on a projector."""
        return chart_font()


def _section(cls: Any, data: Any) -> Any:
    """Parse one saved section; a hand-edited file gets a warning and the defaults."""
    try:
        return cls.from_dict(data)
    except MoriError as err:
        st.warning(msg(err), icon=":material/warning:")
        return cls()


def _store() -> dict[str, Any]:
    store = st.session_state.setdefault(K_GAP_STORE, {})
    if store.get("token") != dataset_token():
        store.clear()
        store["token"] = dataset_token()
        for key in _FILTER_KEYS:
            st.session_state.pop(key, None)
    return store


def _filters(
    ds: Dataset, store: dict[str, Any], costs: dict[str, dict[str, float]], lang: str
) -> None:
    """The filter expander: period, fiscal year, SLA, grouping, volume period, costs."""
    keep = store.__setitem__
    st.caption(tr("gap.caption"))
    with st.expander(tr("gap.filters"), expanded=False, icon=":material/tune:"):
        # two rows, so that each segmented control shows every option at 1280 px (QA-F:
        # 「リードソース | キャ」, the SLA input without its +/- buttons)
        c1, c2, c3 = st.columns([3, 1, 1])
        c4, c5 = st.columns(2)
        keep(_PERIOD, c1.date_input(tr("gap.period"), key=_PERIOD))
        keep(
            _FISCAL_START,
            selectbox(
                tr("gap.fiscal_start"),
                list(range(1, 13)),
                where=c2,
                format_func=lambda m: t("gap.month", lang, m=m),
                key=_FISCAL_START,
            ),
        )
        keep(_SLA, c3.number_input(tr("gap.sla_days"), 0, 365, step=1, key=_SLA))
        keep(
            _GROUP_BY,
            c4.segmented_control(
                tr("gap.group_by"),
                list(GROUP_BY),
                format_func=lambda g: t(K.SOURCE_COLUMN[g], lang),
                required=True,
                key=_GROUP_BY,
            ),
        )
        keep(
            _FREQ,
            c5.segmented_control(
                tr("gap.volume_period"),
                ["W", "M", "Q"],
                format_func=lambda f: t(K.GAP_FREQ[f], lang),
                required=True,
                key=_FREQ,
            ),
        )
        by = st.session_state[_GROUP_BY]
        values = session_memo("gap.cost_rows", by, lambda: _group_values(ds.leads, by))
        if not values:  # no source values: no table (an empty editor says "empty" in English)
            st.caption(tr("gap.costs_none", by=tr(K.SOURCE_COLUMN[by])))
            return
        own = costs.setdefault(by, {})  # this grouping's costs only: a campaign's stay its own
        shown = cost_groups(own, by)  # costs saved per spelling read per channel
        costs_table = editor(
            pd.DataFrame(
                {
                    tr(K.SOURCE_COLUMN[by]): [
                        source_label(v, lang) if by == "lead_source" else v for v in values
                    ],
                    tr("gap.src.cost"): [shown.get(v) for v in values],
                }
            ),
            column_config={
                tr("gap.src.cost"): st.column_config.NumberColumn(min_value=0, format="%d")
            },
            disabled=[tr(K.SOURCE_COLUMN[by])],
            key=widget_key("gap", f"costs.{by}"),
        )
        st.caption(tr("gap.costs_help"))
        spelled = _spellings(own) if by == "lead_source" else {}
        for name, cost in zip(values, costs_table.iloc[:, 1], strict=True):
            for old in spelled.get(name, ()):  # the channel's cost replaces any per spelling
                own.pop(old, None)
            if pd.notna(cost):
                own[str(name)] = float(cost)
            else:
                own.pop(str(name), None)
        store["gap.costs"] = costs


def _group_values(leads: pd.DataFrame, by: str) -> list[str]:
    """The 50 largest groups of ``by`` (lead sources by channel), a cost editor's rows."""
    if by not in leads.columns:
        return []
    groups = group_values(leads, by)
    return groups.dropna().value_counts().head(50).index.tolist()


def _spellings(costs: dict[str, float]) -> dict[str, list[str]]:
    """The lead-source cost keys entered per spelling, by the channel they count for
    (``{"event": ["展示会", "Trade Show"]}``): every key's channel read in one call."""
    keys = list(costs)
    groups = channel_keys(pd.Series(keys, dtype="string"))
    out: dict[str, list[str]] = {}
    for key, group in zip(keys, groups, strict=True):
        if group is not pd.NA and str(group) != key:
            out.setdefault(str(group), []).append(key)
    return out


def _costs(ds: Dataset, store: dict[str, Any], saved: GapSettings) -> dict[str, dict[str, float]]:
    """The costs per grouping this session edits: the store's (a shared view's, maybe an
    old flat dict), else the saved settings' — an old file's mixed costs split by the data
    (:func:`abm.gap.sources.read_costs`), under the groupings' own."""
    if "gap.costs" in store:
        stored = store["gap.costs"]
        if _nested(stored):
            return read_costs(stored, (), _split_by(ds)[1])  # a renamed channel's key read
        return read_costs(stored, *_split_by(ds))
    own = read_costs(saved.costs_by_group(), (), _split_by(ds)[1])
    if not saved.costs:
        return own
    old = read_costs(dict(saved.costs), *_split_by(ds))
    return {g: {**old[g], **own[g]} for g in own}


def _nested(stored: object) -> bool:
    return isinstance(stored, dict) and all(isinstance(v, dict) for v in stored.values())


def _split_by(ds: Dataset) -> tuple[list[str], list[str]]:
    """The data's campaigns and lead sources as written (trimmed), what an old flat cost
    dict is split by."""

    def compute() -> tuple[list[str], list[str]]:
        leads = ds.leads
        return tuple(  # type: ignore[return-value]
            text(leads, c).dropna().unique().tolist() if c in leads.columns else []
            for c in ("campaign", "lead_source")
        )

    return session_memo("gap.cost_split", None, compute)


def inputs(ds: Dataset, as_of: pd.Timestamp, lang: str) -> Inputs:
    """Draw the title and (outside presentation mode) the filters; while presenting,
    the filters are summed up in the presentation bar's one line."""
    ws = get_workspace()
    general = ws.section("general") or {}
    saved = _section(GapSettings, general.get("gap"))
    model = in_currency(_section(ScoringModel, ws.section("scoring_model") or {}), money_size())
    funnel = _section(FunnelConfig, ws.section("stage_map") or {})
    store = _store()
    st.title(tr("gap.title"))
    presentation = presenting()
    # the year before the as-of day, from the first lead: the Funnel's too
    default_period = default_window(ds.leads.get("created_at"), as_of)
    seen = store.get("as_of")  # None: a new store, or a shared view's (its period stands)
    if seen is not None and seen != as_of.date():  # a new as-of date: the year before it,
        store.pop(_PERIOD, None)  # as on the Funnel page (a period kept from another as-of
        st.session_state.pop(_PERIOD, None)  # date could end after it)
    store["as_of"] = as_of.date()
    entered = page_entered()  # Streamlit may bring back an old value of a left page's widget
    for key, default in (
        (_PERIOD, default_period),
        (_FISCAL_START, saved.fiscal_start_month),
        (_SLA, saved.sla_days),
        (_GROUP_BY, saved.group_by),
        (_FREQ, saved.period),
    ):
        if entered or key not in st.session_state:
            st.session_state[key] = store.get(key, default)
    costs = _costs(ds, store, saved)
    if not presentation:
        _filters(ds, store, costs, lang)
    period = st.session_state[_PERIOD]
    start = pd.Timestamp(period[0]) if len(period) > 0 else None
    end = pd.Timestamp(period[1]) if len(period) > 1 else start
    settings = GapSettings(
        fiscal_start_month=int(st.session_state[_FISCAL_START]),
        sla_days=int(st.session_state[_SLA]),
        group_by=st.session_state[_GROUP_BY],
        source_costs=tuple(sorted(costs["lead_source"].items())),
        campaign_costs=tuple(sorted(costs["campaign"].items())),
        period=st.session_state[_FREQ],
        small_company=saved.small_company,
    )
    if (
        not presentation
        and settings != saved
        and st.button(
            tr("gap.save_settings"), key=widget_key("gap", "save"), icon=":material/save:"
        )
    ):
        set_workspace_section("general", {**general, "gap": settings.to_dict()})
        auth.say_saved("gap.saved", toast=True)
    open_start = tr("gap.report.open_start")
    period_text = tr(
        "gap.report.period",
        start=start.strftime("%Y-%m-%d") if start is not None else open_start,
        end=end.strftime("%Y-%m-%d") if end is not None else open_start,
    )
    shown = filters_line(
        [
            period_text,
            tr(
                "gap.sla_line_one" if settings.sla_days == 1 else "gap.sla_line",
                days=settings.sla_days,
            ),
            tr("gap.group_line", by=t(K.SOURCE_COLUMN[settings.group_by], lang)),
        ]
    )
    if not shown:
        st.caption(period_text + " · " + tr("gap.report.as_of", as_of=as_of.strftime("%Y-%m-%d")))
    return Inputs(settings, model, funnel, start, end, presentation)
