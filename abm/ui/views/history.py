"""Since last meeting (#18): what moved between two snapshots, on the funnel, gap and accounts pages.

A folded section at the end of each page (it computes only once opened):
two pickers — before and after, by default the snapshot shown and the one
before it, kept across pages and used by the meeting report — and the part
of :func:`abm.history.compare` the page is about, computed with the page's own
settings (:func:`settings`), so each number is that page's number for that
snapshot. Two snapshots of different people (another company's exports: QA-N) are
not compared: the section says so and shows no move. The cleaned data of a snapshot
is read from the store once per session (the one shown is not read again).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from abm import accounts as acc
from abm.core.format import fmt_count, fmt_pct, fmt_yen_short, money_size
from abm.errors import MoriError
from abm.funnel import FunnelConfig
from abm.gap.settings import GapSettings
from abm.history import History, HistorySettings, Side, compare, moved_text, renamed_text
from abm.i18n import keys as K
from abm.i18n import t
from abm.report.history import not_compared_params, other_rules_texts
from abm.ui import state, workspaces
from abm.ui.shell import md, msg, tr
from abm.ui.widgets import table

__all__ = [
    "for_accounts",
    "for_funnel",
    "for_gap",
    "for_report",
    "section",
    "settings",
]

_SS = st.session_state
_SIDES = 3  # cleaned snapshots kept in the session for comparisons


def _memo() -> dict[str, Any]:
    return _SS.setdefault(state.K_WS_HISTORY, {})


def settings(**page: Any) -> HistorySettings:
    """The workspace's saved settings, with the page's own in force (``funnel``, ``gap``…)."""
    ws = state.get_workspace()
    out: dict[str, Any] = {}
    for name, parse in (
        ("funnel", lambda: FunnelConfig.from_dict(ws.section("stage_map") or {})),
        ("gap", lambda: GapSettings.from_dict((ws.section("general") or {}).get("gap"))),
    ):
        try:
            out[name] = parse()
        except MoriError:
            out[name] = None
    out["rollup"] = acc.RollupSettings().in_currency(money_size())
    with contextlib.suppress(MoriError):  # an invalid section: the page says so; defaults here
        out["tier_rules"], out["rollup"], _ = acc.load_section(
            ws.section("tier_rules"), size=money_size()
        )
    # the rules the pages' data was cleaned with, lists completed, as the accounts page reads
    out["exclusions"] = state.cleaned_rules() or state.cleaning_settings()[1]
    # the user's own rules (before the people complete the lists): what a snapshot's are
    # compared with, as two months of data under the same rules learn different lists
    out["exclusions_set"] = _own_rules(state.cached_prepared())
    out.update(page)
    return HistorySettings(**{k: v for k, v in out.items() if v is not None})


def _own_rules(prepared: Any) -> Any:
    """The user's own exclusion rules the pages' data was cleaned with, else the saved ones."""
    found = getattr(getattr(prepared, "clean", None), "rules_set", None)
    return found if found is not None else state.cleaning_settings()[1]


def for_funnel(inp: Any) -> HistorySettings:
    """The funnel page's settings: its model, stage map (edits included) and strictness."""
    funnel = replace(inp.saved, model=inp.model, stage_map=inp.stage_map, strict=inp.strict)
    return settings(funnel=funnel)


def for_gap(inp: Any) -> HistorySettings:
    """The gap page's settings: its funnel and its SLA (the meeting report's too)."""
    return settings(funnel=inp.funnel, gap=inp.settings)


def for_accounts(cfg: Any) -> HistorySettings:
    """The accounts page's settings: its tier rules and roll-up, sliders included."""
    return settings(tier_rules=cfg.rules, rollup=cfg.rollup)


def _shown_side(ws_id: str, snap_id: str) -> Side | None:
    """The snapshot shown, as the pages read it: the session's cleaned data under the
    current rules (``None`` for another snapshot, or before the data is cleaned)."""
    info = next(s for s in workspaces.snapshots(ws_id) if s.snapshot_id == snap_id)
    shown = _SS.get(state.K_WS_SNAPSHOT) == snap_id
    stored = _SS.get(state.K_WS_STORED)
    prepared = state.cached_prepared() if shown else None
    if prepared is None or not stored or stored[0] != state.dataset_token():
        return None
    table = workspaces.shown_activity_table(prepared.dataset)
    rules = getattr(prepared.clean, "rules", None)
    return Side(prepared.dataset, _as_of(info), info.label or snap_id, snap_id, table, rules,
                _own_rules(prepared))  # fmt: skip


def _as_of(info: Any) -> pd.Timestamp:
    as_of = info.as_of if info.as_of is not None else pd.Timestamp(info.saved_at)
    return pd.Timestamp(as_of).normalize()


def _stored_side(store: Any, ws_id: str, info: Any) -> Side:
    """A stored snapshot's cleaned data, with the rules it was cleaned with."""
    from abm.workspace.snapshot import cleaned_with, rules_set

    snap_id = info.snapshot_id
    dataset, _, table = store.load_cleaned(ws_id, snap_id)
    return Side(dataset, _as_of(info), info.label or snap_id, snap_id, table,
                cleaned_with(info.description), rules_set(info.description))  # fmt: skip


def _side(ws_id: str, snap_id: str) -> Side:
    """A snapshot's cleaned data at its own as-of date (the one shown is not read again)."""
    shown = _shown_side(ws_id, snap_id)
    if shown is not None:
        return shown
    info = next(s for s in workspaces.snapshots(ws_id) if s.snapshot_id == snap_id)
    cache = _memo().setdefault("sides", {})
    key = (str(workspaces.store_path()), ws_id, snap_id)
    if key not in cache:
        side = _stored_side(workspaces.store(), ws_id, info)
        while len(cache) >= _SIDES:
            cache.pop(next(iter(cache)))
        cache[key] = side
    return cache[key]


def _pick(ws_id: str) -> tuple[str, str] | None:
    """Before and after: the choice made on any page, else the one before the shown snapshot."""
    listed = workspaces.snapshots(ws_id)
    if len(listed) < 2:
        return None
    ids = [s.snapshot_id for s in listed]
    chosen = _memo().get("pick")
    if chosen and chosen[0] == ws_id and chosen[1] in ids and chosen[2] in ids:
        return chosen[1], chosen[2]
    # by the data's day (then when stored), newest first: "before" is the older snapshot —
    # QA-H, opening October: November came as "before" and every change read backwards
    dated = sorted(
        listed,
        key=lambda s: (_day(s.as_of), _day(s.saved_at)),
        reverse=True,
    )
    ids = [s.snapshot_id for s in dated]
    shown = _SS.get(state.K_WS_SNAPSHOT)
    after = shown if shown in ids else ids[0]
    i = ids.index(after)
    if i + 1 < len(ids):
        return ids[i + 1], after
    return after, ids[i - 1]  # the oldest shown: it, then the next one


def _day(ts: Any) -> pd.Timestamp:
    """A snapshot's timestamp for ordering (naive; missing first)."""
    if ts is None or pd.isna(ts):
        return pd.Timestamp.min
    ts = pd.Timestamp(ts)
    return ts.tz_convert(None) if ts.tzinfo is not None else ts


def _pickers(ws_id: str, page: str) -> tuple[str, str] | None:
    found = _pick(ws_id)
    if found is None:
        st.caption(tr("workspace.history.need_two"))
        return None
    listed = workspaces.snapshots(ws_id)
    labels = {  # the date first: a long list of file names is cut at the end
        s.snapshot_id: (s.as_of.strftime("%Y-%m-%d") if s.as_of is not None else "—")
        + f" · {s.label or s.snapshot_id}"
        for s in listed
    }
    ids = list(labels)
    c1, c2 = st.columns(2)
    before = c1.selectbox(tr("workspace.history.before"), ids, index=ids.index(found[0]),
                          format_func=labels.get, key=_wk(page, "before"))  # fmt: skip
    after = c2.selectbox(tr("workspace.history.after"), ids, index=ids.index(found[1]),
                         format_func=labels.get, key=_wk(page, "after"))  # fmt: skip
    _memo()["pick"] = (ws_id, before, after)
    return before, after


def _wk(page: str, name: str) -> str:
    return state.widget_key("workspace", f"history.{page}.{name}")


def _compute(ws_id: str, before: str, after: str, cfg: HistorySettings, lang: str) -> History:
    def run() -> History:
        return compare(_side(ws_id, before), _side(ws_id, after), cfg, lang=lang)

    return state.session_memo("workspace.history", (ws_id, before, after, cfg, lang), run)


def for_report(cfg: HistorySettings, lang: str) -> Callable[[], History | None]:
    """What the meeting report's section will be: computed when the report is downloaded.

    The returned function reads nothing from the session (a download runs it
    apart from the page's run): the snapshots picked and the store file are
    taken now; a comparison the page already made is reused.
    """
    ws_id = _SS.get(state.K_WS_OPENED)
    if not workspaces.enabled() or not ws_id or _SS.get(state.K_WS_BROKEN):
        return lambda: None
    found = _pick(ws_id)
    if found is None:
        return lambda: None
    done, h = state.memo_lookup("workspace.history", (ws_id, *found, cfg, lang))
    if done:
        return lambda: h
    store = workspaces.store()
    infos = {s.snapshot_id: s for s in workspaces.snapshots(ws_id)}
    # the snapshot shown is the pages' data (cleaned under today's rules), taken now: the
    # stored copy may be cleaned under earlier rules (QA: 2,749 people in the report's
    # "after" while every page counted 2,664 under the exclusion rules saved since)
    shown = {snap: _shown_side(ws_id, snap) for snap in found}

    def later() -> History | None:
        sides = [shown[snap] or _stored_side(store, ws_id, infos[snap]) for snap in found]
        return compare(sides[0], sides[1], cfg, lang=lang)

    return later


def section(page: str, cfg: HistorySettings, lang: str) -> History | None:
    """The folded "since last meeting" section of ``page`` (``funnel``, ``gap``, ``accounts``)."""
    ws_id = _SS.get(state.K_WS_OPENED)
    if not workspaces.enabled() or not ws_id or _SS.get(state.K_WS_BROKEN):
        return None
    with st.expander(tr("workspace.history.title"), icon=":material/history:",
                     key=_wk(page, "open"), on_change="rerun") as box:  # fmt: skip
        if not box.open:
            return None
        picked = _pickers(ws_id, page)
        if picked is None:
            return None
        try:
            h = _compute(ws_id, picked[0], picked[1], cfg, lang)
        except MoriError as err:
            st.error(msg(err), icon=":material/error:")
            return None
        _caption(h)
        for text in other_rules_texts(h, lang):  # figures as they were, said
            st.info(text, icon=":material/rule:")
        if not h.comparable:  # QA-N: another company's data is no change since last time
            st.warning(_not_compared(h, lang), icon=":material/block:")
            return h
        {"funnel": _funnel, "gap": _gap, "accounts": _accounts}[page](h, lang)
    return h


def _caption(h: History) -> None:
    st.caption(tr("workspace.history.caption", before=md(h.before.label),
                  before_as_of=f"{h.before.as_of:%Y-%m-%d}", after=md(h.after.label),
                  after_as_of=f"{h.after.as_of:%Y-%m-%d}"))  # fmt: skip
    if "as_of_order" in h.notes:
        st.warning(tr("workspace.history.order"), icon=":material/swap_horiz:")


def _not_compared(h: History, lang: str) -> str:
    """Why the two snapshots are not compared (:attr:`abm.history.History.comparable`)."""
    return tr("workspace.history.different_people", **not_compared_params(h, lang))


def _metrics(items: list[tuple[str, str, str | None]]) -> None:
    for col, (label, value, delta) in zip(st.columns(len(items)), items, strict=True):
        col.metric(label, value, delta, border=True, delta_color="off")


def _deal_metrics(h: History, lang: str) -> list[tuple[str, str, str | None]]:
    d = h.deals
    return [
        (tr("workspace.history.deals_created"), fmt_count(d.created, lang), fmt_yen_short(d.created_value, lang)),
        (tr("workspace.history.deals_won"), fmt_count(d.won, lang), fmt_yen_short(d.won_value, lang)),
        (tr("workspace.history.deals_lost"), fmt_count(d.lost, lang), fmt_yen_short(d.lost_value, lang)),
        (tr("workspace.history.open_pipeline"), fmt_yen_short(d.open_value_after, lang),
         fmt_yen_short(d.open_value_after - d.open_value_before, lang)),
    ]  # fmt: skip


def _mql_metrics(h: History, lang: str) -> list[tuple[str, str, str | None]]:
    m = h.mqls
    return [
        (tr("workspace.history.new_mql"), fmt_count(len(m.new), lang), None),
        (tr("workspace.history.fell_back"), fmt_count(len(m.fell_back), lang), None),
        (tr("workspace.history.gone_mql"), fmt_count(len(m.gone), lang), None),
    ]


def _people(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    cols = {"company": tr("workspace.history.col.company"),
            "account_name": tr("workspace.history.col.account"),
            "stage_after": tr("workspace.history.col.stage_after")}  # fmt: skip
    return frame[[c for c in cols if c in frame.columns]].rename(columns=cols)


def _funnel(h: History, lang: str) -> None:
    _metrics(_mql_metrics(h, lang) + _deal_metrics(h, lang)[:1])
    f = h.funnel
    table(pd.DataFrame({
        tr("workspace.history.stage"): f["label"],
        tr("workspace.history.before"): [fmt_count(v, lang) for v in f["before"]],
        tr("workspace.history.after"): [fmt_count(v, lang) for v in f["after"]],
        tr("workspace.history.change"): [f"{v:+,}" for v in f["change"]],
        tr("workspace.history.rate_before"): [fmt_pct(v, lang) for v in f["rate_before"]],
        tr("workspace.history.rate_after"): [fmt_pct(v, lang) for v in f["rate_after"]],
    }), key=_wk("funnel", "stages"))  # fmt: skip
    _metrics(_deal_metrics(h, lang)[1:])
    if len(h.mqls.fell_back):
        st.markdown(f"**{tr('workspace.history.fell_back')}**")
        table(_people(h.mqls.fell_back, lang), key=_wk("funnel", "fell_back"))


def _gap(h: History, lang: str) -> None:
    s = h.sla
    sla = [
        (tr("workspace.history.sla_new", days=s.sla_days), fmt_count(len(s.new), lang), None),
        (tr("workspace.history.sla_resolved"), fmt_count(len(s.resolved), lang), None),
    ]
    _metrics([*_mql_metrics(h, lang)[:2], *sla])
    _metrics(_deal_metrics(h, lang))
    if len(s.new):
        st.markdown(f"**{tr('workspace.history.sla_new', days=s.sla_days)}**")
        table(_people(s.new, lang), key=_wk("gap", "sla_new"))


def _moved(row: pd.Series, lang: str) -> str:
    return moved_text(row, lang)


def _accounts(h: History, lang: str) -> None:
    tm = h.tiers
    _metrics([
        (tr("workspace.history.tier_up"), fmt_count(tm.up, lang), None),
        (tr("workspace.history.tier_down"), fmt_count(tm.down, lang), None),
    ])  # fmt: skip
    c = tm.counts
    st.markdown(f"**{tr('workspace.history.tier_counts')}**")
    table(pd.DataFrame({
        tr("workspace.history.col.tier_after"): [t(K.TIER[k], lang) for k in c.index],
        tr("workspace.history.before"): c["before"].tolist(),
        tr("workspace.history.after"): c["after"].tolist(),
        tr("workspace.history.change"): [f"{v:+,}" for v in c["change"]],
    }), key=_wk("accounts", "counts"))  # fmt: skip
    if not len(tm.changed):
        return
    ch = tm.changed.head(200)
    present = ch["direction"] != "gone"
    why = acc.reasons_text(tm.after_rows.head(200)[present.to_numpy()], lang,
                           h.settings.tier_rules)  # fmt: skip
    st.markdown(f"**{tr('workspace.history.tier_changes')}**")
    table(pd.DataFrame({
        tr("workspace.history.col.account"): [_named(r, lang) for _, r in ch.iterrows()],
        tr("workspace.history.col.tier_before"): [t(K.TIER[k], lang) for k in ch["tier_before"]],
        tr("workspace.history.col.tier_after"): [t(K.TIER[k], lang) for k in ch["tier_after"]],
        tr("workspace.history.col.direction"): [t(K.HISTORY_DIRECTION[d], lang)
                                                for d in ch["direction"]],
        tr("workspace.history.col.score"): [
            f"{_num(a)} → {_num(b)}" for a, b in zip(ch["score_before"], ch["score_after"],
                                                     strict=True)],
        tr("workspace.history.col.moved"): [_moved(r, lang) for _, r in ch.iterrows()],
        tr("workspace.history.col.why"): why.reindex(ch.index).fillna("").tolist(),
    }), key=_wk("accounts", "changed"))  # fmt: skip


def _named(row: pd.Series, lang: str) -> str:
    """The account's name, with its earlier one where it was renamed (QA-R)."""
    return renamed_text(row, lang)


def _num(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.0f}"
