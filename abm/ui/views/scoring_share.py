"""Scoring page: save, load and share the model; the page without data.

The share link is the page's URL with ``m=<model>`` (only what differs from
the default model) and ``demo=1`` when the bundled demo is loaded, so a link
opened in a fresh browser shows the same weights on the same data. Opened
without data it still shows the shared weights, with a "load data" guard;
the model stays in the session through the upload.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import streamlit as st

from abm import scoring as sc
from abm.core.safejson import parse_json
from abm.errors import MoriError
from abm.i18n import t
from abm.ui import auth
from abm.ui.shell import DATA_PAGE, msg, tr
from abm.ui.shell import lang as session_lang
from abm.ui.state import (
    K_SCORING_LINK,
    SHARED,
    dataset_token,
    get_dataset,
    set_workspace_section,
)
from abm.ui.views.scoring_controls import K_FLASH, controls, push, sized, wk

__all__ = ["model_file", "no_data", "save_baseline", "share_url"]

#: Largest scoring-model file accepted (a model is a few kilobytes).
MAX_MODEL_BYTES = 1_000_000


def save_baseline(model: sc.ScoringModel) -> None:
    """Save ``model`` in the workspace as the baseline (a callback)."""
    set_workspace_section("scoring_model", model.to_dict())
    st.session_state[K_FLASH] = auth.saved_text("scoring.saved", session_lang())


def _on_upload() -> None:
    up = st.session_state.get(wk("upload"))
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
        key=wk("download"),
    )
    f1.button(
        tr("scoring.save_baseline"),
        on_click=save_baseline,
        args=(model,),
        icon=":material/save:",
        key=wk("save"),
        help=tr("scoring.save_help"),
    )
    f2.file_uploader(tr("scoring.upload"), type=["json"], key=wk("upload"), on_change=_on_upload)
    code = sc.encode_model(model, sized(sc.ScoringModel()))
    demo = (dataset_token() or "").startswith(SHARED)
    st.session_state[K_SCORING_LINK] = code  # the address now carries this session's model
    if code:
        st.query_params["m"] = code
    elif "m" in st.query_params:
        del st.query_params["m"]
    if demo:
        st.query_params["demo"] = "1"
    st.caption(tr("scoring.share_help"))
    st.code(share_url(st.context.url or "", code, demo=demo), language=None)


def share_url(page_url: str, code: str, *, demo: bool) -> str:
    """The share link of a model: the page's URL with ``demo=1`` (demo loaded) and ``m=<code>``.

    ``"?"`` when the page's URL is unknown and there is nothing to add.
    """
    base = page_url.split("?")[0]
    params = {**({"demo": "1"} if demo else {}), **({"m": code} if code else {})}
    return f"{base}?{urlencode(params)}" if params else base or "?"


def no_data(lang: str, saved: sc.ScoringModel) -> None:
    """Without data: the shared (or saved) weights as sliders, and a guard to load data.

    The model stays in the session, so a share link opened in a fresh
    browser keeps its weights through the upload (here, or on the data page).
    """
    from abm.ui.loading import upload_box

    left, right = st.columns([1, 2], gap="large")
    with left:
        model = controls(lang, saved)
    with right:
        with st.container(border=True):
            st.info(tr("scoring.no_data"), icon=":material/info:")
            st.page_link(DATA_PAGE, label=tr("guard.go_data"), icon=":material/upload_file:")
        upload_box("scoring", title=tr("scoring.load_data"))
        if get_dataset() is not None:  # loaded just now: score it with the same model
            st.rerun()
        with st.container(border=True):
            model_file(model)
