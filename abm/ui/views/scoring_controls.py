"""Scoring page, left column: the model as sliders, its share link and flash messages.

The current model lives in session state (``scoring.model``); the widgets
show it through :func:`abm.scoring.form.model_to_form` and are read back with
:func:`~abm.scoring.form.model_from_form`. Tabs and expanders run lazily
(Streamlit's ``on_change="rerun"``): only the open ones build their sliders,
and the closed ones' values are pinned to the model so Streamlit's widget
clean-up cannot resurrect a stale value.
"""

from __future__ import annotations

import json
import re

import streamlit as st

from abm import scoring as sc
from abm.core.safejson import parse_json
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring.form import FIT_TABLES, SCALARS, model_from_form, model_to_form
from abm.scoring.report import category_label
from abm.ui.shell import lang as session_lang
from abm.ui.shell import msg, tr
from abm.ui.state import get_workspace, set_workspace_section
from abm.ui.widgets import keep_unshown

__all__ = [
    "K_MODEL",
    "K_SUGGEST",
    "baseline",
    "controls",
    "model_file",
    "push",
    "save_baseline",
    "start",
]

K_MODEL, K_FLASH, K_SUGGEST = "scoring.model", "scoring.flash", "scoring.suggestion"
#: Prefix of the model's widget keys.
W = "scoring.w."
#: Largest scoring-model file accepted (a model is a few kilobytes).
MAX_MODEL_BYTES = 1_000_000
RANGES = {"activity": (-100, 100), "cap": (0, 200)}


def baseline() -> sc.ScoringModel:
    """The model saved in the workspace (the default model when none or invalid)."""
    saved = get_workspace().section("scoring_model")
    try:
        return sc.ScoringModel.from_dict(saved) if saved else sc.ScoringModel()
    except MoriError as err:
        st.session_state[K_FLASH] = ("error", msg(err))
        return sc.ScoringModel()


def push(model: sc.ScoringModel) -> None:
    """Make ``model`` current: the widgets show it on the next run (a callback)."""
    st.session_state[K_MODEL] = model
    st.session_state.update(model_to_form(model, W))


def save_baseline(model: sc.ScoringModel) -> None:
    """Save ``model`` in the workspace as the baseline (a callback)."""
    set_workspace_section("scoring_model", model.to_dict())
    st.session_state[K_FLASH] = ("success", t("scoring.saved", session_lang()))


def _pull(previous: sc.ScoringModel) -> sc.ScoringModel:
    """Build the model from the widgets (keeping ``previous`` if they are inconsistent)."""
    try:
        return model_from_form(st.session_state, previous, W, file=tr("scoring.sliders"))
    except MoriError as err:
        st.error(msg(err), icon=":material/error:")
        return previous


def _on_upload() -> None:
    up = st.session_state.get("scoring.upload")
    if up is None:
        return
    name = re.sub(r"[^\w.\- ]", "_", up.name)[:80]  # shown in a message: no markdown
    lang = session_lang()
    try:  # the same guards and validator as a settings file: only MoriError comes out
        data = parse_json(up.getvalue(), file=name, max_bytes=MAX_MODEL_BYTES)
        push(sc.ScoringModel.from_dict(data, file=name))
        st.session_state[K_FLASH] = ("success", t("scoring.loaded", lang))
    except MoriError as err:
        st.session_state[K_FLASH] = ("error", msg(err))


def start() -> sc.ScoringModel:
    """Set up the session's model and show pending messages; return the saved baseline.

    On the first visit the model is the share link's (``?m=``), else the
    workspace's saved model. Call before any column, so messages span the page.
    """
    saved = baseline()
    if K_MODEL not in st.session_state:
        first = saved
        code = st.query_params.get("m")
        if code:
            try:
                first = sc.decode_model(code)
            except MoriError as err:
                st.session_state[K_FLASH] = ("warning", msg(err))
        push(first)
    for k, v in model_to_form(st.session_state[K_MODEL], W).items():
        st.session_state.setdefault(k, v)  # widgets forgotten after visiting another page
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
        for table in FIT_TABLES:
            with st.expander(
                tr(K.DIMENSION[table]),
                expanded=table == "seniority",
                key=f"scoring.open.{table}",
                on_change="rerun",
            ) as box:
                if box.open:
                    for cat in prev.points(table):
                        label = category_label(table, cat, self.lang)
                        self.slider(f"{W}{table}.{cat}", label, -50, 50)
        with st.expander(
            tr("scoring.penalties"), key="scoring.open.penalties", on_change="rerun"
        ) as box:
            if box.open:
                for key in ("free_mail", "competitor"):
                    self.slider(W + key, tr(K.DIMENSION[key]), *SCALARS[key][1:])
                self.shown.add(W + "competitors")
                st.text_area(
                    tr("scoring.competitors"),
                    key=W + "competitors",
                    help=tr("scoring.competitors_help"),
                )

    def engagement(self, prev: sc.ScoringModel) -> None:
        st.caption(tr("scoring.engagement_help"))
        for cat in prev.points("activity"):
            c1, c2 = st.columns([3, 2])
            with c1:
                label = category_label("activity", cat, self.lang)
                self.slider(f"{W}activity.{cat}", label, *RANGES["activity"])
            with c2:
                self.slider(f"{W}cap.{cat}", tr("scoring.cap"), *RANGES["cap"])

    def rules(self, prev: sc.ScoringModel) -> None:
        self.slider(
            W + "half_life",
            tr("scoring.half_life"),
            *SCALARS["half_life"][1:],
            help=tr("scoring.half_life_help"),
        )
        for key, label in (
            ("fit_threshold", "scoring.fit_threshold"),
            ("engagement_threshold", "scoring.engagement_threshold"),
        ):
            self.slider(W + key, tr(label), *SCALARS[key][1:])
        self.shown.update(k for k in model_to_form(prev, W) if "_cut" in k or "letter" in k)
        lang = self.lang
        st.segmented_control(
            tr("scoring.letter_axis"),
            ["fit", "engagement"],
            format_func=lambda k: t(K.AXIS[k], lang),
            key=W + "letter_axis",
            required=True,
        )
        letter_is_fit = st.session_state[W + "letter_axis"] == "fit"
        for axis in ("fit", "engagement"):
            for i, col in enumerate(st.columns(3)):
                label = ("ABC" if (axis == "fit") == letter_is_fit else "123")[i]
                col.number_input(f"{tr(K.AXIS[axis])} {label} ≥", key=f"{W}{axis}_cut{i}", step=5.0)


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
        tab_fit, tab_eng, tab_rules = st.tabs(
            [tr("scoring.tab.fit"), tr("scoring.tab.engagement"), tr("scoring.tab.rules")],
            key="scoring.tabs",
            on_change="rerun",
        )
        prev = st.session_state[K_MODEL]
        sliders = _Sliders(lang)
        for tab, draw in ((tab_fit, sliders.fit), (tab_eng, sliders.engagement)):
            if tab.open:
                with tab:
                    draw(prev)
        if tab_rules.open:
            with tab_rules:
                sliders.rules(prev)
        model = _pull(prev)
        st.session_state[K_MODEL] = model
        keep_unshown(model_to_form(model, W), sliders.shown)  # closed tabs keep the model's
        for label, target, icon, key in (
            ("scoring.reset", sc.ScoringModel(), ":material/restart_alt:", "scoring.reset"),
            ("scoring.revert", saved, ":material/undo:", "scoring.revert"),
        ):
            st.button(tr(label), on_click=push, args=(target,), icon=icon, key=key, width="stretch")
    return model


def model_file(model: sc.ScoringModel) -> None:
    """Download / save / load the model JSON, and the share link (``?m=``)."""
    st.subheader(tr("scoring.model_file"))
    f1, f2 = st.columns(2)
    f1.download_button(
        tr("scoring.download"),
        data=json.dumps(model.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
        file_name="mori-scoring-model.json",
        mime="application/json",
        icon=":material/download:",
        key="scoring.download",
    )
    f1.button(
        tr("scoring.save_baseline"),
        on_click=save_baseline,
        args=(model,),
        icon=":material/save:",
        key="scoring.save",
        help=tr("scoring.save_help"),
    )
    f2.file_uploader(
        tr("scoring.upload"), type=["json"], key="scoring.upload", on_change=_on_upload
    )
    code = sc.encode_model(model)
    if code:
        st.query_params["m"] = code
    elif "m" in st.query_params:
        del st.query_params["m"]
    base_url = (st.context.url or "").split("?")[0]
    st.caption(tr("scoring.share_help"))
    st.code(f"{base_url}?m={code}" if code else base_url or "?", language=None)
