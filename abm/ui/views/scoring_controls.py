"""Scoring page, left column: the model as sliders, its share link and flash messages.

The current model lives in session state (``scoring.model``); the widgets
show it through :func:`abm.scoring.form.model_to_form` and are read back with
:func:`~abm.scoring.form.model_from_form`. Tabs and expanders run lazily
(Streamlit's ``on_change="rerun"``): only the open ones build their sliders,
and the closed ones' values are pinned to the model so Streamlit's widget
clean-up cannot resurrect a stale value.

A share link (``?m=``, plus ``demo=1`` when the demo is loaded) sets the
session's model on the first visit, with or without data
(:mod:`abm.ui.views.scoring_share` draws the link, the model file and the
no-data view).
"""

from __future__ import annotations

import streamlit as st

from abm import scoring as sc
from abm.core.activities import MARKETING_KINDS, SALES_KINDS
from abm.core.format import money_size
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.form import (
    DEAL_TABLES,
    FIT_TABLES,
    PREDICTION,
    SCALARS,
    SLIDER_RANGES,
    model_from_form,
    model_to_form,
)
from abm.scoring.model import PREDICTION_MODES
from abm.scoring.report import category_label
from abm.ui.shell import msg, tr
from abm.ui.state import (
    K_SCORING_FLASH,
    K_SCORING_FORM,
    K_SCORING_LINK,
    K_SCORING_MODEL,
    K_SCORING_MODEL_OWNER,
    K_SCORING_SUGGESTION,
    K_SCORING_TABS,
    K_WS_OPENED,
    get_workspace,
    page_entered,
    widget_key,
    working_scoring_model,
)
from abm.ui.views.currency import saved as saved_currency
from abm.ui.widgets import keep_unshown

__all__ = [
    "K_FLASH",
    "K_MODEL",
    "K_SUGGEST",
    "W",
    "baseline",
    "controls",
    "push",
    "start",
    "wk",
    "wk_form",
]

K_MODEL, K_FLASH, K_SUGGEST = K_SCORING_MODEL, K_SCORING_FLASH, K_SCORING_SUGGESTION
K_MODEL_OWNER = K_SCORING_MODEL_OWNER
#: Prefix of the model's widget keys (:mod:`abm.scoring.form`).
W = K_SCORING_FORM


def wk(name: str) -> str:
    """The key of the scoring page's widget ``name`` (:func:`abm.ui.state.widget_key`)."""
    return widget_key("scoring", name)


def wk_form(name: str) -> str:
    """The key of the model form's widget ``name`` (``W + name``, as :mod:`abm.scoring.form` builds it)."""
    return widget_key("scoring", "w." + name)


_GROUPS = (
    ("scoring.group.marketing", (*MARKETING_KINDS, "other")),
    ("scoring.group.sales", SALES_KINDS),
    ("scoring.group.results", tuple(k for k in sc.ENGAGEMENT_KINDS if k.startswith("result_"))),
)


def baseline() -> sc.ScoringModel:
    """The model saved in the workspace (the default model when none or invalid)."""
    saved = get_workspace().section("scoring_model")
    try:
        model = sc.ScoringModel.from_dict(saved) if saved else sc.ScoringModel()
    except MoriError as err:
        st.session_state[K_FLASH] = ("error", msg(err))
        model = sc.ScoringModel()
    return sized(model)


def sized(model: sc.ScoringModel) -> sc.ScoringModel:
    """``model`` with default revenue bands in the workspace's currency
    (:func:`abm.scoring.in_currency`); the saved currency, so a callback, which runs before
    the page sets this run's, gets it too."""
    return sc.in_currency(model, money_size(saved_currency()))


def push(model: sc.ScoringModel) -> None:
    """Make ``model`` current: the widgets show it on the next run (a callback); default
    revenue bands in the workspace's currency (:func:`abm.scoring.in_currency`)."""
    model = sized(model)
    st.session_state[K_MODEL] = model
    st.session_state[K_MODEL_OWNER] = st.session_state.get(K_WS_OPENED)
    st.session_state.update(model_to_form(model, W))


def _pull(previous: sc.ScoringModel) -> sc.ScoringModel:
    """Build the model from the widgets (keeping ``previous`` if they are inconsistent)."""
    try:
        return model_from_form(st.session_state, previous, W, file=tr("scoring.sliders"))
    except MoriError as err:
        st.error(msg(err), icon=":material/error:")
        return previous


def start() -> sc.ScoringModel:
    """Set up the session's model and show pending messages; return the saved baseline.

    On the first visit the model is the share link's (``?m=``), else the
    workspace's saved model (a link's ``?demo=1`` has loaded the demo in
    :func:`abm.ui.shell.page_setup`, so a shared link of the demo opens on the same
    data). Call before any column and before the data guard, so messages span the
    page and a link opened without data still sets the model.
    """
    saved = baseline()
    if working_scoring_model() is None:
        st.session_state.pop(K_MODEL, None)  # moved in another workspace: not this one's
    if K_MODEL not in st.session_state:
        first = saved
        code = st.query_params.get("m")
        if code and code != st.session_state.get(K_SCORING_LINK):  # a link, not our own address
            try:
                first = sc.decode_model(code, sized(sc.ScoringModel()))
            except MoriError as err:
                st.session_state[K_FLASH] = ("warning", msg(err))
        push(first)
    elif sized(st.session_state[K_MODEL]) is not st.session_state[K_MODEL]:
        push(st.session_state[K_MODEL])  # the currency changed since: its default bands
    # the sliders as the model was when the page was left: Streamlit drops a left page's
    # widget state and may bring back a value set long before (a threshold moved, saved,
    # then shown at its old value after a visit to another page)
    entered = page_entered()
    for k, v in model_to_form(st.session_state[K_MODEL], W).items():
        if entered or k not in st.session_state:
            st.session_state[k] = v
    if K_FLASH in st.session_state:
        kind, text = st.session_state.pop(K_FLASH)
        getattr(st, kind)(text)
    return saved


class _Sliders:
    """Builds the open tabs' widgets and remembers which keys it showed."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.shown: set[str] = set()

    def slider(
        self, key: str, label: str, lo: float, hi: float, step: float = 1.0, help: str | None = None
    ) -> None:
        self.shown.add(key)
        v = float(st.session_state[key])
        st.slider(
            label,
            min_value=float(min(lo, v)),
            max_value=float(max(hi, v)),
            step=float(step),
            format="%.0f",
            key=key,
            help=help,
        )

    def fit(self, prev: sc.ScoringModel) -> None:
        lo, hi = SLIDER_RANGES["fit"]
        for table in FIT_TABLES:
            with st.expander(
                tr(K.DIMENSION[table]),
                expanded=table == "seniority",
                key=wk(f"open.{table}"),
                on_change="rerun",
            ) as box:
                if box.open:
                    for cat in prev.points(table):
                        label = category_label(table, cat, self.lang)
                        self.slider(wk_form(f"{table}.{cat}"), label, lo, hi)
        with st.expander(
            tr("scoring.penalties"), key=wk("open.penalties"), on_change="rerun"
        ) as box:
            if box.open:
                for dim in ("free_mail", "competitor"):
                    self.slider(wk_form(dim), tr(K.DIMENSION[dim]), *SCALARS[dim][1:])
                self.shown.add(wk_form("competitors"))
                st.text_area(
                    tr("scoring.competitors"),
                    key=wk_form("competitors"),
                    help=tr("scoring.competitors_help"),
                )

    def engagement(self, prev: sc.ScoringModel) -> None:
        st.caption(tr("scoring.engagement_help"))
        for title, kinds in _GROUPS:
            with st.expander(
                tr(title),
                expanded=title == "scoring.group.marketing",
                key=wk(f"open.{title.rsplit('.', 1)[1]}"),
                on_change="rerun",
            ) as box:
                if not box.open:
                    continue
                for cat in kinds:
                    c1, c2 = st.columns([3, 2])
                    with c1:
                        label = category_label("activity", cat, self.lang)
                        self.slider(wk_form(f"activity.{cat}"), label, *SLIDER_RANGES["activity"])
                    with c2:
                        self.slider(wk_form(f"cap.{cat}"), tr("scoring.cap"), *SLIDER_RANGES["cap"])

    def deal(self, prev: sc.ScoringModel) -> None:
        st.caption(tr("scoring.deal_help"))
        lo, hi = SLIDER_RANGES["fit"]
        for table in DEAL_TABLES:
            st.markdown(f"**{tr(K.DIMENSION[table])}**")
            for cat in prev.points(table):
                self.slider(
                    wk_form(f"{table}.{cat}"), category_label(table, cat, self.lang), lo, hi
                )
        self.slider(wk_form("prior_win"), tr(K.DIMENSION["prior_win"]), *SCALARS["prior_win"][1:])

    def rules(self, prev: sc.ScoringModel) -> None:
        self.slider(
            wk_form("half_life"),
            tr("scoring.half_life"),
            *SCALARS["half_life"][1:],
            help=tr("scoring.half_life_help"),
        )
        for name, label in (
            ("fit_threshold", "scoring.fit_threshold"),
            ("engagement_threshold", "scoring.engagement_threshold"),
        ):
            self.slider(wk_form(name), tr(label), *SCALARS[name][1:])
        self.shown.update(k for k in model_to_form(prev, W) if "_cut" in k or "letter" in k)
        lang = self.lang
        st.markdown(f"**{tr('scoring.prediction')}**")
        self.shown.add(wk_form(PREDICTION))
        st.segmented_control(
            tr("scoring.prediction_mode"),
            list(PREDICTION_MODES),
            format_func=lambda k: t(K.PREDICTION_MODE[k], lang),
            key=wk_form(PREDICTION),
            required=True,
            help=tr("scoring.prediction_help"),
        )
        if st.session_state[wk_form(PREDICTION)] == "created":
            self.slider(
                wk_form("prediction_days"),
                tr("scoring.prediction_days"),
                *SCALARS["prediction_days"][1:],
            )
        self.slider(
            wk_form("horizon_days"), tr("scoring.horizon_days"), *SCALARS["horizon_days"][1:]
        )
        st.markdown(f"**{tr('scoring.matrix_cuts')}**")
        st.segmented_control(
            tr("scoring.letter_axis"),
            ["fit", "engagement"],
            format_func=lambda k: t(K.AXIS[k], lang),
            key=wk_form("letter_axis"),
            required=True,
        )
        letter_is_fit = st.session_state[wk_form("letter_axis")] == "fit"
        for axis in ("fit", "engagement"):
            for i, col in enumerate(st.columns(3)):
                label = ("ABC" if (axis == "fit") == letter_is_fit else "123")[i]
                col.number_input(
                    f"{tr(K.AXIS[axis])} {label} ≥", key=wk_form(f"{axis}_cut{i}"), step=5.0
                )


def controls(lang: str, saved: sc.ScoringModel) -> sc.ScoringModel:
    """Draw the scoring rules (sliders, reset, back to ``saved``) in the current container.

    Returns
    -------
    ScoringModel
        The model the widgets describe now.
    """
    with st.container(border=True):
        st.subheader(tr("scoring.sliders"))
        # Lazy tabs and expanders: only the open ones run, so a rerun builds a
        # handful of sliders instead of ~60.
        tab_fit, tab_eng, tab_deal, tab_rules = st.tabs(
            [
                tr("scoring.tab.fit"),
                tr("scoring.tab.engagement"),
                tr("scoring.tab.deal"),
                tr("scoring.tab.rules"),
            ],
            key=K_SCORING_TABS,
            on_change="rerun",
        )
        prev = st.session_state[K_MODEL]
        sliders = _Sliders(lang)
        for tab, draw in (
            (tab_fit, sliders.fit),
            (tab_eng, sliders.engagement),
            (tab_deal, sliders.deal),
        ):
            if tab.open:
                with tab:
                    draw(prev)
        if tab_rules.open:
            with tab_rules:
                sliders.rules(prev)
        model = _pull(prev)
        st.session_state[K_MODEL] = model
        keep_unshown(model_to_form(model, W), sliders.shown)  # closed tabs keep the model's
        for label, target, icon, name in (
            ("scoring.reset", sc.ScoringModel(), ":material/restart_alt:", "reset"),
            ("scoring.revert", saved, ":material/undo:", "revert"),
        ):
            st.button(
                tr(label), on_click=push, args=(target,), icon=icon, key=wk(name), width="stretch"
            )
    return model
