"""Links that open what was shared (#18): a page's view stored in the workspace, opened by link.

"Share this view" stores what the page shows — its filters and pickers
(:data:`VIEW_KEYS`, widget values only, never data), the as-of date, the
scoring weights and the settings sections the page reads (:data:`VIEW_SECTIONS`)
— as a view of the open workspace, and gives a link ``<page>?ws=…&snap=…&view=…``.
Opened in a fresh browser by a member (:mod:`abm.ui.auth` checks ``?ws=``
before anything is drawn; a non-member learns nothing), the link opens that
snapshot and sets the same values before the page's widgets are drawn
(:func:`apply_view`, once per link). A view sets only the keys its page's
patterns allow, so a stored view can never reach another session key.

Settings that differ from the workspace's current ones are shown as shared
for this session only (nothing is stored while they are), with a way back.
"""

from __future__ import annotations

import datetime as dt
import math
from fnmatch import fnmatch
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from abm.errors import MoriError
from abm.ui import state, workspaces
from abm.ui.shell import tr

__all__ = ["VIEW_KEYS", "VIEW_SECTIONS", "apply_view", "capture", "share_box", "share_url"]

_W = state.widget_key
#: Session keys (patterns) that make up each page's view.
VIEW_KEYS: dict[str, tuple[str, ...]] = {
    "funnel": (
        _W("funnel", "model"), _W("funnel", "view"), _W("funnel", "strict"),
        _W("funnel", "custom_stages"), state.K_FUNNEL_WINDOW, _W("funnel", "filter.*"),
        state.K_FUNNEL_TABS, _W("funnel", "breakdown"), _W("funnel", "records.stage"),
        _W("funnel", "records.mode"), _W("funnel", "mqa_min"),
    ),
    "gap": (
        _W("gap", "period"), _W("gap", "fiscal_start"), _W("gap", "sla"), _W("gap", "group_by"),
        _W("gap", "freq"), _W("gap", "report_lists"),
    ),
    "accounts": (
        _W("accounts", "method"), _W("accounts", "half_life"), _W("accounts", "required_roles"),
        _W("accounts", "industries"), _W("accounts", "off_target"),
        _W("accounts", "w_*"), *(_W("accounts", n) for n in ("t1", "t2", "t3", "f1", "f2", "c1")),
        *state.K_ACCOUNTS_CAPACITY, _W("accounts", "filter.*"),
    ),
    "scoring": (_W("scoring", "task"), state.K_SCORING_TABS, _W("scoring", "capacity")),
    "account": (state.K_STORY_ACCOUNT,),
}  # fmt: skip
#: Settings sections a view carries (cleaning sections are left out: they would clean anew).
VIEW_SECTIONS = ("stage_map", "scoring_model", "tier_rules", "abm_fit", "general", "phases")


class _Skip(Exception):
    """A value a view does not keep (an object, a selection state)."""


def _enc(value: Any) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise _Skip
        return value
    if isinstance(value, pd.Timestamp | dt.datetime):
        return {"$ts": pd.Timestamp(value).isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return {"$tuple" if isinstance(value, tuple) else "$list": [_enc(v) for v in value]}
    raise _Skip


def _dec(value: Any) -> Any:
    if isinstance(value, dict):
        if "$ts" in value:
            return pd.Timestamp(value["$ts"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        items = [_dec(v) for v in value.get("$tuple", value.get("$list", []))]
        return tuple(items) if "$tuple" in value else items
    return value


def _allowed(page: str, key: str) -> bool:
    return any(fnmatch(key, pattern) for pattern in VIEW_KEYS.get(page, ()))


def capture(page: str) -> dict[str, Any]:
    """What ``page`` shows in this session, as a view's JSON state."""
    keys: dict[str, Any] = {}
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and _allowed(page, key):
            try:
                keys[key] = _enc(st.session_state[key])
            except _Skip:
                continue
    out: dict[str, Any] = {"keys": keys}
    as_of = st.session_state.get(state.K_AS_OF)
    if as_of is not None:
        out["as_of"] = _enc(pd.Timestamp(as_of))
    ws = state.get_workspace()
    out["settings"] = {n: ws.section(n) for n in VIEW_SECTIONS if ws.section(n) is not None}
    model = state.working_scoring_model()
    if page == "scoring" and model is not None:
        out["model"] = model.to_dict()
    costs = st.session_state.get(state.K_GAP_STORE, {}).get("gap.costs")
    if page == "gap" and isinstance(costs, dict):  # per grouping; an old view's is flat
        out["gap_costs"] = {
            str(g): {str(k): float(v) for k, v in vals.items()} if isinstance(vals, dict) else vals
            for g, vals in costs.items()
        }
    return out


def _settings(shared: dict[str, Any]) -> None:
    """Show the view's settings for this session if they differ (nothing is stored)."""
    current = state.get_workspace()
    merged = current
    for name in VIEW_SECTIONS:
        value = shared.get(name)
        if value != current.section(name):
            merged = merged.with_section(name, value)
    if merged != current:
        st.session_state[state.K_WS_OVERRIDE] = True
        state.set_workspace(merged)


def apply_view(workspace_id: str, view_id: str, page: str) -> None:
    """Open a stored view of the workspace on ``page`` (its snapshot, settings, values)."""
    view = workspaces.store().view(workspace_id, view_id)
    if view is None:
        st.warning(tr("workspace.view_missing"), icon=":material/link_off:")
        return
    ids = {s.snapshot_id for s in workspaces.snapshots(workspace_id)}
    if view.snapshot_id in ids and view.snapshot_id != st.session_state.get(state.K_WS_SNAPSHOT):
        workspaces.open_snapshot(workspace_id, view.snapshot_id)
    data = view.state if isinstance(view.state, dict) else {}
    _settings(data.get("settings") or {})
    for key, value in (data.get("keys") or {}).items():
        if _allowed(view.page, key) and _allowed(page, key):
            st.session_state[key] = _dec(value)
    if data.get("as_of") is not None:
        st.session_state[state.K_AS_OF] = pd.Timestamp(_dec(data["as_of"]))
    # the view's values stand: the page's kept values fill only what it does not set
    st.session_state[state.K_PAGE_ENTERED] = False
    if page == "gap":
        values = {k: st.session_state[k] for k in st.session_state if _allowed("gap", k)}
        costs = data.get("gap_costs")
        extra = {"gap.costs": dict(costs)} if isinstance(costs, dict) else {}
        st.session_state[state.K_GAP_STORE] = {**values, **extra, "token": state.dataset_token()}
    if page == "scoring" and isinstance(data.get("model"), dict):
        _model(data["model"])
    at = view.created_at.strftime("%Y-%m-%d %H:%M") if view.created_at is not None else "—"
    st.info(tr("workspace.view_opened", who=view.created_by or "—", at=at), icon=":material/link:")


def _model(doc: dict[str, Any]) -> None:
    from abm.scoring import ScoringModel
    from abm.ui.views.scoring_controls import push

    try:
        push(ScoringModel.from_dict(doc))
    except MoriError:
        return


def share_url(page_url: str, workspace_id: str, snapshot_id: str, view_id: str) -> str:
    """The link of a view: the page's address with ``ws``, ``snap`` and ``view``."""
    params = {state.Q_WORKSPACE: workspace_id, state.Q_SNAPSHOT: snapshot_id,
              state.Q_VIEW: view_id}  # fmt: skip
    return f"{page_url.split('?')[0]}?{urlencode(params)}"


def share_box(page: str) -> None:
    """Sidebar: make a link to this page as it is shown (members of the workspace open it)."""
    ws_id = st.session_state.get(state.K_WS_OPENED)
    snap = st.session_state.get(state.K_WS_SNAPSHOT)
    if not ws_id or page not in VIEW_KEYS:
        return
    # keyed: the box stays open when the run its button starts changes what is above it
    # (a caption or progress bar of the sidebar coming or going), else it folds over the link
    with st.expander(
        tr("workspace.share"),
        icon=":material/share:",
        key=state.widget_key("workspace", "share_box"),
    ):
        st.caption(tr("workspace.share_help"))
        if not snap or st.session_state.get(state.K_WS_DETACHED):
            st.caption(tr("workspace.share_needs_snapshot"))
            return
        if st.button(tr("workspace.share_make"), key=state.widget_key("workspace", "share")):
            try:
                view_id = workspaces.store().save_view(
                    ws_id, page, capture(page), snapshot_id=snap, by=workspaces.who(),
                    at=workspaces.now(),
                )  # fmt: skip
            except MoriError as err:
                from abm.ui.shell import msg

                st.error(msg(err), icon=":material/error:")
                return
            link = share_url(st.context.url or "", ws_id, snap, view_id)
            st.session_state[state.K_WS_SHARE] = (page, ws_id, link)
        made = st.session_state.get(state.K_WS_SHARE)
        if made and made[0] == page and made[1] == ws_id:
            st.code(made[2], language=None, wrap_lines=True)
