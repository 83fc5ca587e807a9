"""One account's story: its people and their roles, what marketing and sales did, its deals,
how its score moved, and why it sits in its tier — what a sales lead asks in the meeting.

Every table is drawn from the same rules as the accounts page, so the story's
counts are the accounts table's row (a test holds them equal on the demo):

* people: the account's leads created by ``as_of`` (the roll-up's
  ``contacts``), each engaged by :func:`~abm.accounts.engagement.lead_engagement`
  and the roll-up's ``engaged_min``, with committee roles from
  :func:`abm.accounts.coverage.lead_roles` (the title's and the CRM's);
* activities: kinds from :mod:`abm.core.activities` (marketing behaviour,
  sales touches, other), up to ``as_of``; rows on the account with nobody
  attached are shown too, and counted;
* opportunities: those created by ``as_of``, open / won / lost on that day by
  :func:`abm.core.opportunities.state_at`;
* score history: the scoring model's current scores of the account's people at
  the end of each month their activities cover (:func:`score_history`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from abm.accounts._sections import created_by
from abm.accounts.coverage import lead_roles
from abm.accounts.engagement import lead_engagement
from abm.accounts.rollup import RollupSettings
from abm.accounts.score_history import HISTORY_COLUMNS, score_history
from abm.core.activities import ACTIVITY_KINDS, SALES_KINDS, activity_kind_codes
from abm.core.dates import day_end
from abm.core.keys import account_key, person_positions
from abm.core.opportunities import state_at
from abm.core.titles import ROLES
from abm.engine.table import ActivityTable, build_activity_table

if TYPE_CHECKING:
    from abm.scoring import ScoringModel

__all__ = ["ACTIVITY_GROUPS", "AccountStory", "account_story"]

#: How the timeline groups activity kinds.
ACTIVITY_GROUPS: tuple[str, ...] = ("marketing", "sales", "other")
_GROUP_OF = np.array(
    [1 if k in SALES_KINDS else 2 if k == "other" else 0 for k in ACTIVITY_KINDS], dtype=np.int8
)


@dataclass(frozen=True, eq=False)
class AccountStory:
    """Everything the account-story page shows, as frames (see the module docstring).

    Attributes
    ----------
    account_id, name : str
    row : pandas.Series or None
        The account's row of :func:`~abm.accounts.tiers.score_accounts` (tier,
        rank, reasons…), when given.
    people : pandas.DataFrame
        ``name, title, department, email, status, created_at, roles`` (codes
        joined with ``|``: the CRM's and the title's), ``crm_roles`` (those the CRM
        records, ``buying_role``) and ``title_roles`` (those the title and department
        give), ``activities``, ``sales_touches``,
        ``last_activity_at``, ``engaged``; most recently active first.
    roles : pandas.DataFrame
        Per role of :data:`~abm.core.titles.ROLES`: ``role, required,
        covered, people`` (how many hold it).
    timeline : pandas.DataFrame
        ``timestamp, person, kind, group, activity_type``; newest first.
    opportunities : pandas.DataFrame
        ``opportunity_id, opportunity_name, stage, amount, created_at,
        close_date, state, person``.
    score_history : pandas.DataFrame
        See :func:`~abm.accounts.score_history.score_history` (empty without a
        model or activities).
    account_activities : int
        Activities on the account with no person (in ``timeline``).
    later_activities : int
        Activities dated after ``as_of`` (not shown).
    """

    account_id: str
    name: str | None
    row: pd.Series | None
    people: pd.DataFrame
    roles: pd.DataFrame
    timeline: pd.DataFrame
    opportunities: pd.DataFrame
    score_history: pd.DataFrame
    account_activities: int
    later_activities: int

    def counts(self) -> dict[str, float]:
        """``people, opportunities, open_opportunities, open_pipeline, won_revenue`` of the tables."""
        opps = self.opportunities
        amount = pd.to_numeric(opps["amount"], errors="coerce").fillna(0.0)
        return {
            "people": len(self.people),
            "opportunities": len(opps),
            "open_opportunities": int((opps["state"] == "open").sum()),
            "open_pipeline": float(amount[opps["state"] == "open"].sum()),
            "won_revenue": float(amount[opps["state"] == "won"].sum()),
        }


def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame[col].astype("string")


def _dates(frame: pd.DataFrame, col: str) -> np.ndarray:
    """``col`` as ``datetime64[ns]`` values (all NaT when absent)."""
    if col not in frame.columns:
        return np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    return pd.to_datetime(frame[col], errors="coerce").to_numpy(dtype="datetime64[ns]")


def _names(leads: pd.DataFrame) -> pd.Series:
    """How a person is named: full name, else e-mail, else lead id."""
    out = _text(leads, "full_name")
    for col in ("email", "lead_id"):
        out = out.fillna(_text(leads, col))
    return out


def _role_codes(flags: np.ndarray) -> list[str]:
    """Each person's roles (a row of flags per :data:`ROLES`), joined with ``|``."""
    return ["|".join(r for r, f in zip(ROLES, row, strict=True) if f) for row in flags]


def _people(
    people: pd.DataFrame,
    linked: ActivityTable | None,
    as_of: pd.Timestamp,
    settings: RollupSettings,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The people table and role coverage; ``linked``: their activities, pointed at ``people``."""
    eng = lead_engagement(
        people, None, as_of=as_of, half_life_days=settings.half_life_days, table=linked
    )
    decayed = eng.decayed
    if "engagement_score" in people.columns:  # the roll-up's rule: a caller's score wins
        decayed = pd.to_numeric(people["engagement_score"], errors="coerce").fillna(0.0).to_numpy()
    titles = _text(people, "title")
    found = lead_roles(people)  # the title's and the CRM's, each said per person
    codes = found.roles.to_numpy(dtype=bool)
    roles, crm_roles, title_roles = (
        _role_codes(f.to_numpy(dtype=bool)) for f in (found.roles, found.by_crm, found.by_title)
    )
    n_acts = np.zeros(len(people), dtype=np.int64)
    n_sales = np.zeros(len(people), dtype=np.int64)
    if linked is not None and len(linked):
        pos, kinds = linked.lead, linked.kind
        ok = (pos >= 0) & ~np.isnat(linked.at) & (linked.at < day_end(as_of).to_datetime64())
        n_acts = np.bincount(pos[ok], minlength=len(people))
        n_sales = np.bincount(pos[ok & (_GROUP_OF[kinds] == 1)], minlength=len(people))
    status = _text(people, "current_stage").fillna(_text(people, "lead_status"))
    table = pd.DataFrame(
        {
            "name": _names(people).to_numpy(),
            "title": titles.to_numpy(),
            "department": _text(people, "department").to_numpy(),
            "email": _text(people, "email").to_numpy(),
            "status": status.to_numpy(),
            "created_at": _dates(people, "created_at"),
            "roles": roles,
            "crm_roles": crm_roles,
            "title_roles": title_roles,
            "activities": n_acts,
            "sales_touches": n_sales,
            "last_activity_at": pd.Series(eng.last_ns.view("datetime64[ns]")),
            "engaged": decayed >= settings.engaged_min,
        }
    )
    table = table.sort_values(
        "last_activity_at", ascending=False, kind="stable", na_position="last"
    )
    required = set(settings.required_roles)
    role_table = pd.DataFrame(
        {
            "role": list(ROLES),
            "required": [r in required for r in ROLES],
            "covered": codes.any(axis=0) if len(codes) else np.zeros(len(ROLES), dtype=bool),
            "people": codes.sum(axis=0).astype(np.int64)
            if len(codes)
            else np.zeros(len(ROLES), np.int64),
        }
    )
    return table.reset_index(drop=True), role_table


def _timeline(
    acts: pd.DataFrame, people: pd.DataFrame, names: pd.Series, as_of: pd.Timestamp
) -> tuple[pd.DataFrame, int, int]:
    """The account's activities up to ``as_of`` (newest first), account-only and later counts."""
    cols = ["timestamp", "person", "kind", "group", "activity_type"]
    if not len(acts):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols}), 0, 0
    ts = pd.to_datetime(acts["timestamp"], errors="coerce")
    later = (ts >= day_end(as_of)).fillna(False).to_numpy(dtype=bool)
    acts, ts = acts[~later], ts[~later]
    pos = person_positions(acts, people)
    kinds = activity_kind_codes(_text(acts, "activity_type"), acts.get("url"), acts.get("origin"))
    person = np.where(pos >= 0, np.append(names.to_numpy(dtype=object), None)[pos], None)
    out = pd.DataFrame(
        {
            "timestamp": ts.to_numpy(),
            "person": pd.array(person, dtype="string"),
            "kind": np.asarray(ACTIVITY_KINDS, dtype=object)[kinds],
            "group": np.asarray(ACTIVITY_GROUPS, dtype=object)[_GROUP_OF[kinds]],
            "activity_type": _text(acts, "activity_type").to_numpy(),
        }
    ).sort_values("timestamp", ascending=False, kind="stable", na_position="last")
    return out.reset_index(drop=True), int((pos < 0).sum()), int(later.sum())


def _deals(
    opps: pd.DataFrame, people: pd.DataFrame, names: pd.Series, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The account's opportunities that exist at ``as_of``, with their state that day."""
    state = state_at(opps, as_of)
    keep = state.exists
    opps = opps[keep]
    label = np.where(state.won[keep], "won", np.where(state.lost[keep], "lost", "open"))
    pos = person_positions(opps, people) if len(opps) else np.zeros(0, dtype=np.int64)
    person = np.where(pos >= 0, np.append(names.to_numpy(dtype=object), None)[pos], None)
    amount = pd.to_numeric(opps["amount"], errors="coerce") if "amount" in opps else np.nan
    out = pd.DataFrame(
        {
            "opportunity_id": _text(opps, "opportunity_id").to_numpy(),
            "opportunity_name": _text(opps, "opportunity_name").to_numpy(),
            "stage": _text(opps, "stage").to_numpy(),
            "amount": pd.array(np.asarray(amount, dtype=float), dtype="Float64"),
            "created_at": _dates(opps, "created_at"),
            "close_date": _dates(opps, "close_date"),
            "state": label,
            "person": pd.array(person, dtype="string"),
        }
    )
    order = {"open": 0, "won": 1, "lost": 2}
    out = out.assign(_o=out["state"].map(order)).sort_values(
        ["_o", "close_date"], ascending=[True, False], kind="stable"
    )
    return out.drop(columns="_o").reset_index(drop=True)


def account_story(
    account_id: str,
    *,
    leads: pd.DataFrame,
    activities: pd.DataFrame | None = None,
    opportunities: pd.DataFrame | None = None,
    scored: pd.DataFrame | None = None,
    as_of: pd.Timestamp,
    settings: RollupSettings | None = None,
    model: ScoringModel | None = None,
    months: int = 12,
    table: ActivityTable | None = None,
) -> AccountStory:
    """Gather one account's story (see the module docstring).

    Parameters
    ----------
    account_id : str
        名寄せ's account id (:func:`abm.core.keys.account_key`).
    leads, activities, opportunities : pandas.DataFrame
        The prepared tables (:func:`abm.pipeline.prepare`).
    scored : pandas.DataFrame, optional
        :func:`~abm.accounts.tiers.score_accounts` of the same data: gives the
        account's row (tier, rank, reasons) and name.
    as_of : pandas.Timestamp
    settings : RollupSettings, optional
        The roll-up settings of the accounts page (half-life, engaged minimum,
        required roles).
    model : abm.scoring.ScoringModel, optional
        For the score history (none without it).
    months : int
        Months of score history.
    table : ActivityTable, optional
        The dataset's activity table (:mod:`abm.engine.table`): which lead,
        kind and result each activity has, read once per dataset. Built from
        ``activities`` against the account's people when omitted.

    Returns
    -------
    AccountStory
    """
    settings = settings or RollupSettings()
    as_of = pd.Timestamp(as_of)
    mine = (account_key(leads) == account_id).fillna(False).to_numpy(dtype=bool)
    people = created_by(leads[mine], as_of)
    row = None
    if scored is not None:
        hit = scored[scored["account_id"].astype("string") == account_id]
        row = hit.iloc[0] if len(hit) else None
    names = _names(people)
    acts, linked = pd.DataFrame(columns=["timestamp"]), None
    if activities is not None and len(activities):
        whole = (
            table.for_leads(people)
            if table is not None
            else build_activity_table(people, activities)
        )
        on_account = (account_key(activities) == account_id).fillna(False).to_numpy(dtype=bool)
        keep = on_account | (whole.lead >= 0)
        acts = activities[keep]
        linked = ActivityTable(
            people.index, whole.lead[keep], whole.kind[keep], whole.result[keep], whole.at[keep]
        )
    people_table, roles = _people(people, linked, as_of, settings)
    timeline, alone, later = _timeline(acts, people, names, as_of)
    opps = pd.DataFrame(columns=["amount"])
    if opportunities is not None and len(opportunities):
        opps = opportunities[(account_key(opportunities) == account_id).fillna(False).to_numpy()]
    deals = _deals(opps, people, names, as_of)
    history = pd.DataFrame(columns=list(HISTORY_COLUMNS))
    if model is not None:
        history = score_history(people, acts, as_of=as_of, model=model, months=months, table=linked)
    name = None if row is None or pd.isna(row.get("account_name")) else str(row["account_name"])
    if name is None and "account_name" in people and people["account_name"].notna().any():
        name = str(people["account_name"].dropna().iloc[0])
    return AccountStory(
        account_id=account_id,
        name=name,
        row=row,
        people=people_table,
        roles=roles,
        timeline=timeline,
        opportunities=deals,
        score_history=history,
        account_activities=alone,
        later_activities=later,
    )
