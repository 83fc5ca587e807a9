"""Account-story page sections: the account picker, its tier and reasons with the numbers
of the accounts table, people and roles, the activity timeline, opportunities, and the
score history.

The accounts come from the accounts page's own memo and settings
(:func:`~abm.ui.views.accounts_controls.current`), so the story's counts are
that table's row; the story itself is :func:`abm.accounts.story.account_story`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from abm import accounts as acc
from abm.accounts.story import AccountStory, account_story
from abm.accounts.story_charts import history_figure, timeline_figure
from abm.core.format import (
    fmt_list,
    fmt_pct,
    fmt_yen,
    fmt_yen_short,
    money_size,
    yen_column_format,
)
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t
from abm.scoring import ScoringModel, in_currency
from abm.ui import widgets
from abm.ui.shell import tr
from abm.ui.sources import activity_table
from abm.ui.state import (
    K_STORY_ACCOUNT,
    Q_ACCOUNT,
    get_workspace,
    session_memo,
    widget_key,
    working_scoring_model,
)
from abm.ui.views import accounts_controls, accounts_results
from abm.ui.views.accounts_controls import Settings

__all__ = ["compute", "header", "history", "opportunities", "people", "pick", "scored", "timeline"]

#: Rows drawn in a table (the timeline of a big account can be long).
SHOW_ROWS = 500
PEOPLE_COLUMNS = (
    "name", "title", "department", "roles", "status", "activities", "sales_touches",
    "last_activity_at", "engaged",
)  # fmt: skip
DEAL_COLUMNS = (
    "opportunity_name", "stage", "amount", "state", "created_at", "close_date", "person"
)  # fmt: skip


def scored(ds: Dataset, as_of: pd.Timestamp) -> tuple[pd.DataFrame, Settings]:
    """Every account as the accounts page ranks it, and the settings it was ranked with."""
    cfg = accounts_controls.current()
    return accounts_results.scored(ds, cfg, as_of), cfg


def _label(row: pd.Series, lang: str) -> str:
    name = row["account_name"] if pd.notna(row["account_name"]) else t("account.unnamed", lang)
    tier = t(K.TIER[row["tier"]], lang)
    if bool(row.get("excluded", False)):  # no rank: not among the targetable accounts
        return t("account.option_excluded", lang, name=name, tier=tier)
    return t("account.option", lang, rank=int(row["rank"]), name=name, tier=tier)


def _remember() -> None:
    """Put the picked account in the address, so it can be bookmarked or shared."""
    st.query_params[Q_ACCOUNT] = st.session_state[K_STORY_ACCOUNT]


def pick(ranked: pd.DataFrame, lang: str) -> str | None:
    """The account picker; the ``?account=`` query parameter decides it when it names one."""
    if not len(ranked):
        st.info(tr("account.empty"), icon=":material/info:")
        return None
    ids = ranked["account_id"].astype(str).tolist()
    labels = dict(zip(ids, (_label(r, lang) for _, r in ranked.iterrows()), strict=True))
    wanted = st.query_params.get(Q_ACCOUNT)
    if wanted is not None and wanted not in labels:
        st.warning(tr("account.unknown_id"), icon=":material/warning:")
    elif wanted is not None and st.session_state.get(K_STORY_ACCOUNT) != wanted:
        st.session_state[K_STORY_ACCOUNT] = wanted  # a link from another page decides
    if st.session_state.get(K_STORY_ACCOUNT) not in labels:
        st.session_state[K_STORY_ACCOUNT] = ids[0]
    picked = widgets.selectbox(
        tr("account.pick"),
        ids,
        format_func=labels.get,
        help=tr("account.pick_help"),
        key=K_STORY_ACCOUNT,
        on_change=_remember,
    )
    widgets.filters_line([labels.get(picked, "")])  # presenting: whose story this is
    return picked


def _model() -> ScoringModel:
    """The scoring model in use: the one being edited on the scoring page, else the saved one."""
    found = working_scoring_model()
    if isinstance(found, ScoringModel):
        return in_currency(found, money_size())
    saved = get_workspace().section(ScoringModel.SECTION)
    try:
        model = ScoringModel.from_dict(saved) if saved else ScoringModel()
    except MoriError:  # the scoring page reports a bad section; the story uses the default
        model = ScoringModel()
    return in_currency(model, money_size())


def compute(
    ds: Dataset, ranked: pd.DataFrame, cfg: Settings, account_id: str, as_of: pd.Timestamp
) -> AccountStory:
    """The story of ``account_id`` (memoised per account, settings, model and as-of)."""
    model = _model()
    return session_memo(
        "account.story",
        (account_id, cfg.rollup, cfg.rules, model, as_of),
        lambda: account_story(
            account_id,
            leads=ds.leads,
            activities=ds.activities,
            table=activity_table(ds),
            opportunities=ds.opportunities,
            scored=ranked,
            as_of=as_of,
            settings=cfg.rollup,
            model=model,
        ),
    )


def header(story: AccountStory, cfg: Settings, lang: str) -> None:
    """The account's tier with the accounts table's numbers, and why it sits there."""
    st.subheader(story.name or tr("account.unnamed"), anchor=False)
    row, counts = story.row, story.counts()
    rank_help = None
    if row is not None and bool(row.get("excluded", False)):
        # not among the targetable accounts the ranks count: no "rank 435 of 434" (QA-K)
        rank_help = tr("account.kpi.rank_help_excluded", rank_of=int(row["rank_of"]))
    elif row is not None:
        rank_help = tr("account.kpi.rank_help", rank=int(row["rank"]), rank_of=int(row["rank_of"]))
    tier = str(row["tier"]) if row is not None else None
    if tier is not None:  # "Tier 1" on the tile, "Tier 1（1:1）" and the rank in its help
        rank_help = (
            f"{t(K.TIER[tier], lang)}。{rank_help}"
            if lang != "en"
            else (f"{t(K.TIER[tier], lang)}. {rank_help}")
        )
    money = tr("account.kpi.money_help")
    values = [
        ("account.kpi.tier", t(K.TIER_SHORT[tier], lang) if tier else "—", rank_help),
        ("account.kpi.people", f"{counts['people']:,}", tr("account.kpi.scope_help")),
        ("account.kpi.opportunities", f"{counts['opportunities']:,}", tr("account.kpi.scope_help")),
        (  # 1.49億円 on the tile (148,900,000円 did not fit at 1280 px), the exact yen in help
            "account.kpi.pipeline",
            fmt_yen_short(counts["open_pipeline"], lang),
            f"{fmt_yen(counts['open_pipeline'], lang)}。{money}"
            if lang != "en"
            else f"{fmt_yen(counts['open_pipeline'], lang)}. {money}",
        ),
        (
            "account.kpi.won",
            fmt_yen_short(counts["won_revenue"], lang),
            f"{fmt_yen(counts['won_revenue'], lang)}。{money}"
            if lang != "en"
            else f"{fmt_yen(counts['won_revenue'], lang)}. {money}",
        ),
    ]
    # money gets the wider tiles: "5,030万円" needs about 180 px at the metric's size
    cols = st.columns([0.9, 0.8, 0.9, 1.2, 1.2])
    for col, (label, value, help_text) in zip(cols, values, strict=True):
        col.metric(tr(label), value, help=help_text)
    if row is None:
        return
    with st.container(border=True):
        st.markdown(f"**{tr('account.section.tier')}**")
        frame = row.to_frame().T
        why = acc.reasons_text(frame, lang, cfg.rules).iloc[0]
        why_not = acc.reasons_text(frame, lang, cfg.rules, which="why_not").iloc[0]
        left, right = st.columns(2)
        left.caption(tr("accounts.col.why"))
        left.markdown(_bullets(why, lang))
        right.caption(tr("accounts.col.why_not"))
        right.markdown(_bullets(why_not, lang))


def _bullets(text: str, lang: str) -> str:
    """Catalog sentences with the account's numbers, one per line (no uploaded text)."""
    parts = [p for p in text.split(" / ") if p]
    return "\n".join(f"- {p}" for p in parts) if parts else t("account.why_none", lang)


def _roles(text: str, lang: str) -> str:
    return fmt_list((t(K.ROLE[r], lang) for r in text.split("|") if r), lang)


def _sourced(role: str, crm: set[str], title: set[str], lang: str) -> str:
    """A person's role and where it comes from: the CRM, the title, or both."""
    label = t(K.ROLE[role], lang)
    if role in crm and role in title:
        return t("account.role_from.both", lang, role=label)
    if role in crm:
        return t("account.role_from.crm", lang, role=label)
    return t("account.role_from.title", lang, role=label)


def _person_roles(people: pd.DataFrame, lang: str) -> list[str]:
    """Each person's roles; each said with its source (the CRM, the title) when any of the
    account's people has a role the CRM records — without one, every role is the title's,
    and the roles are shown as they always were."""
    if not people["crm_roles"].astype(bool).any():
        return [_roles(r, lang) for r in people["roles"]]
    out = []
    for roles, crm, title in zip(
        people["roles"], people["crm_roles"], people["title_roles"], strict=True
    ):
        crm_set, title_set = set(crm.split("|")), set(title.split("|"))
        out.append(
            fmt_list((_sourced(r, crm_set, title_set, lang) for r in roles.split("|") if r), lang)
        )
    return out


def people(story: AccountStory, lang: str) -> None:
    """Buying-committee coverage, then every person with roles, activity and engagement."""
    with st.container(border=True):
        st.subheader(tr("account.section.people"), anchor=False)
        if not len(story.people):
            st.info(tr("account.no_people"), icon=":material/info:")
            return
        req = story.roles[story.roles["required"]]
        covered = int(req["covered"].sum())
        share = fmt_pct(covered / len(req) if len(req) else 0.0, lang)
        missing = [r for r, c in zip(req["role"], req["covered"], strict=True) if not c]
        if missing:
            note = tr(
                "account.coverage",
                coverage=share,
                required=len(req),
                covered=covered,
                missing=_roles("|".join(missing), lang),
            )
        else:
            note = tr("account.coverage_full", coverage=share)
        st.caption(note)
        text = ["name", "title", "department", "status"]  # blank, never "None", when unknown
        sourced = bool(story.people["crm_roles"].astype(bool).any())  # a CRM's role: say whose
        table = story.people.assign(
            roles=_person_roles(story.people, lang),
            **{c: story.people[c].astype("string").fillna("") for c in text},
        )
        cc = st.column_config
        widgets.table(
            table.head(SHOW_ROWS),
            key=widget_key("account", "people"),
            column_order=PEOPLE_COLUMNS,
            column_config={
                "name": cc.TextColumn(tr("account.col.name"), pinned=True),
                "title": tr("account.col.title"),
                "department": tr("account.col.department"),
                "roles": cc.TextColumn(
                    tr("account.col.roles"), help=tr("account.col.roles_help") if sourced else None
                ),
                "status": tr("account.col.status"),
                "activities": cc.NumberColumn(
                    tr("account.col.activities"),
                    format="localized",
                    help=tr("account.col.activities_help"),
                ),
                "sales_touches": cc.NumberColumn(
                    tr("account.col.sales_touches"), format="localized"
                ),
                "last_activity_at": cc.DatetimeColumn(
                    tr("account.col.last_activity"), format="YYYY-MM-DD"
                ),
                "engaged": cc.CheckboxColumn(
                    tr("account.col.engaged"), help=tr("account.col.engaged_help")
                ),
            },
        )


def timeline(story: AccountStory, lang: str) -> None:
    """One chart (activities per month, opportunity events) and the activities, newest first."""
    with st.container(border=True):
        st.subheader(tr("account.section.timeline"), anchor=False)
        acts = story.timeline
        if not len(acts):
            st.info(tr("account.timeline.none"), icon=":material/info:")
            return
        widgets.chart(timeline_figure(story, lang), key=widget_key("account", "timeline"))
        shown = acts.head(SHOW_ROWS).assign(
            kind=lambda f: f["kind"].map(lambda k: t(K.CATEGORY[k], lang)),
            group=lambda f: f["group"].map(lambda g: t(K.STORY_GROUP[g], lang)),
            person=lambda f: f["person"].fillna(tr("account.on_account")),
            activity_type=lambda f: f["activity_type"].astype("string").fillna(""),
        )
        st.caption(
            tr(
                "account.timeline.caption",
                shown=len(shown),
                total=len(acts),
                alone=story.account_activities,
                later=story.later_activities,
            )
        )
        widgets.table(
            shown,
            key=widget_key("account", "activities"),
            column_config={
                "timestamp": st.column_config.DatetimeColumn(
                    tr("account.col.date"), format="YYYY-MM-DD HH:mm"
                ),
                "person": tr("account.col.person"),
                "kind": tr("account.col.kind"),
                "group": tr("account.col.group"),
                "activity_type": tr("account.col.type"),
            },
        )


def opportunities(story: AccountStory, lang: str) -> None:
    """The account's opportunities, open first, with their phase and state on the as-of day."""
    with st.container(border=True):
        st.subheader(tr("account.section.opportunities"), anchor=False)
        opps = story.opportunities
        if not len(opps):
            st.info(tr("account.opps.none"), icon=":material/info:")
            return
        cc = st.column_config
        text = ["opportunity_name", "stage", "person"]
        widgets.table(
            opps.assign(
                state=opps["state"].map(lambda s: t(K.STORY_STATE[s], lang)),
                **{c: opps[c].astype("string").fillna("") for c in text},
            ),
            key=widget_key("account", "opportunities"),
            column_order=DEAL_COLUMNS,
            column_config={
                "opportunity_name": cc.TextColumn(tr("account.col.opportunity"), pinned=True),
                "stage": tr("account.col.stage"),
                "amount": cc.NumberColumn(tr("account.col.amount"), format=yen_column_format(lang)),
                "state": tr("account.col.state"),
                "created_at": cc.DateColumn(tr("account.col.created")),
                "close_date": cc.DateColumn(tr("account.col.close")),
                "person": tr("account.col.person"),
            },
        )


def history(story: AccountStory, lang: str) -> None:
    """The scoring model's engagement scores of the account's people, month by month."""
    with st.container(border=True):
        st.subheader(tr("account.section.history"), anchor=False)
        if not len(story.score_history):
            st.info(tr("account.history.none"), icon=":material/info:")
            return
        widgets.chart(
            history_figure(story.score_history, lang), key=widget_key("account", "history")
        )
        st.caption(tr("account.history.caption"))
