"""Since last meeting follows an account whose id changed (QA-R).

The tester's second month showed a rebrand (株式会社豊橋精密工業 → 株式会社ニューテック豊橋,
same domain, same HubSpot record, same 20 people) as "Tier 2 → no tier, gone from the
data" beside a new "no tier → Tier 2" account, and a snapshot stored before account ids
were made of durable evidence carries other ids than today's: the first comparison after
the upgrade would have shown every account as gone and new. An account without an id
match is followed by its people (e-mail, else lead id), then its domain, then its name.
And 21 accounts changed tier with identical rows in both months: their engagement decayed
as the as-of date moved on, and the section now says so.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
import pytest

from abm.accounts import TierRules
from abm.dataset import Dataset
from abm.history import MATCHED_BY, HistorySettings, Side, compare, moved_text, renamed_text
from abm.history.tiers import _match, people_of, scored_accounts
from abm.i18n import t
from abm.ingest import read_uploads
from abm.pipeline import prepare
from tests.support.months import build_world, export_day


@functools.cache
def _side(day: str) -> Side:
    read = read_uploads(export_day(build_world(160, seed=1), day))
    assert not read.refused
    ds = prepare(read.dataset).dataset
    return Side(ds, ds.as_of_default().date, day)


def _rekeyed(side: Side, ids: dict[str, str], names: dict[str, str] | None = None) -> Side:
    """``side`` with its account ids replaced (``ids``) on every table, and the accounts of
    ``names`` renamed."""
    ds = side.dataset

    def rekey(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        if frame is None or "account_id" not in frame.columns:
            return frame
        out = frame.assign(account_id=frame["account_id"].replace(ids).astype("string"))
        if names and "account_name" in out.columns:
            renamed = frame["account_id"].map(names).astype("string")
            out["account_name"] = renamed.fillna(out["account_name"].astype("string"))
        return out

    moved = replace(
        ds,
        leads=rekey(ds.leads),
        activities=rekey(ds.activities),
        opportunities=rekey(ds.opportunities),
        accounts=rekey(ds.accounts),
    )
    return replace(side, dataset=moved, activity_table=None)


def _tiered_account(side: Side) -> tuple[str, str]:
    """An account in Tier 1 or 2 (losing it would read as a move): its id and name."""
    s = HistorySettings()
    scored = scored_accounts(side, s.tier_rules, s.rollup, None)
    tiered = scored[scored["tier"].astype("string").isin(["tier_1", "tier_2"]).to_numpy(bool)]
    row = tiered.sort_values("account_id").iloc[0]
    return str(row["account_id"]), str(row["account_name"])


def test_a_renamed_account_with_its_people_and_domain_is_the_same_account():
    """A snapshot against itself with one account renamed and given another id (the
    rebrand, ids made the old way) moves nothing: no account gone, none new."""
    may = _side("2026-05-31")
    acc, _ = _tiered_account(may)
    renamed = _rekeyed(may, {acc: "acc_000000000001"}, {acc: "株式会社ニューテック豊橋"})
    h = compare(may, renamed)
    assert not set(h.tiers.changed["direction"]) & {"new", "gone"}
    assert len(h.tiers.changed) == 0
    assert h.tiers.counts["change"].eq(0).all()


def test_a_rename_that_moved_a_tier_reads_as_the_same_account_renamed():
    april, may = _side("2026-04-30"), _side("2026-05-31")
    h = compare(april, may)
    moved = h.tiers.changed[h.tiers.changed["direction"].isin(["up", "down"])]
    assert len(moved)
    acc = str(moved["account_id"].iloc[0])
    old_name = str(moved["account_name"].iloc[0])
    renamed = compare(april, _rekeyed(may, {acc: "acc_000000000002"}, {acc: "New Name K.K."}))
    row = renamed.tiers.changed.set_index("account_id").loc["acc_000000000002"]
    assert row["direction"] == moved["direction"].iloc[0]
    assert row["matched_by"] == "people"
    assert (row["account_name"], row["account_name_before"]) == ("New Name K.K.", old_name)
    assert renamed_text(row, "en") == f"New Name K.K. (formerly {old_name})"
    assert renamed_text(row, "ja") == f"New Name K.K.（旧: {old_name}）"
    assert not set(renamed.tiers.changed["direction"]) & {"new", "gone"}


def test_a_spelling_flip_is_not_a_new_account():
    """A new contact's spelling gave the account another id under the old rule: the same
    people (most of them) say it is the one account."""
    may = _side("2026-05-31")
    acc, name = _tiered_account(may)
    flipped = _rekeyed(may, {acc: "acc_000000000003"}, {acc: name.upper() + " (株)"})
    h = compare(may, flipped)
    assert len(h.tiers.changed) == 0


def test_an_old_snapshot_with_other_ids_compares_as_with_todays_ids():
    april, may = _side("2026-04-30"), _side("2026-05-31")
    ids = april.dataset.leads["account_id"].dropna().unique().tolist()
    old = _rekeyed(april, {i: "acc_old" + i[-9:] for i in ids}, None)
    now, then = compare(april, may), compare(old, may)
    cols = ["account_id", "tier_before", "tier_after", "direction"]
    assert then.tiers.changed[cols].equals(now.tiers.changed[cols])
    assert set(then.tiers.changed["matched_by"]) <= {"people"}
    assert set(now.tiers.changed["matched_by"]) <= {"id", ""}
    assert then.tiers.counts.equals(now.tiers.counts)


def test_an_account_whose_people_all_changed_is_followed_by_its_domain():
    """No person in common (every contact replaced, another id): the company domain, held
    by one account on each side, says it is the same company."""
    may = _side("2026-05-31")
    acc, _ = _tiered_account(may)
    leads = may.dataset.leads
    mine = (leads["account_id"] == acc).fillna(False).to_numpy(bool)
    other = leads.copy()
    other.loc[mine, "email"] = ("new." + leads.loc[mine, "email"].astype("string")).to_numpy()
    other.loc[mine, "lead_id"] = ("n" + leads.loc[mine, "lead_id"].astype("string")).to_numpy()
    changed = _rekeyed(replace(may, dataset=replace(may.dataset, leads=other)),
                       {acc: "acc_000000000004"})  # fmt: skip
    h = compare(may, changed)
    assert not set(h.tiers.changed["direction"]) & {"new", "gone"}
    mine = h.tiers.changed[h.tiers.changed["account_id"] == "acc_000000000004"]
    assert set(mine["matched_by"]) <= {"domain"}  # (its activities were its old people's)


def test_an_account_nobody_and_nothing_follows_is_gone():
    """Other people, another domain, another name: the account is gone and a new one came."""
    people = pd.DataFrame(
        {
            "lead_id": pd.array(["1", "2"], dtype="string"),
            "email": pd.array(["a@alpha.co.jp", "b@beta.co.jp"], dtype="string"),
            "account_id": pd.array(["acc_a", "acc_b"], dtype="string"),
            "account_name": pd.array(["Alpha", "Beta"], dtype="string"),
        }
    )
    a = people.iloc[:1][["account_id", "account_name"]].assign(domain="alpha.co.jp")
    b = people.iloc[1:][["account_id", "account_name"]].assign(domain="beta.co.jp")
    before = Side(Dataset(people.iloc[:1]), pd.Timestamp("2026-04-30"))
    after = Side(Dataset(people.iloc[1:]), pd.Timestamp("2026-05-31"))
    assert len(people_of(before)) == len(people_of(after)) == 1
    found, how = _match(a, b.reset_index(drop=True), before, after)
    assert found.tolist() == [-1] and how.tolist() == [""]
    assert set(MATCHED_BY) == {"id", "people", "domain", "name"}


def _two_accounts(alpha_last: str | None, beta_last: str | None) -> Dataset:
    """Alpha's four visits dated ``alpha_last``, Beta's three (undated: counted in full)."""
    return Dataset(
        pd.DataFrame(
            {
                "lead_id": pd.array(["1", "2"], dtype="string"),
                "email": pd.array(["a@alpha.co.jp", "b@beta.co.jp"], dtype="string"),
                "company": pd.array(["Alpha", "Beta"], dtype="string"),
                "account_id": pd.array(["acc_a", "acc_b"], dtype="string"),
                "account_name": pd.array(["Alpha", "Beta"], dtype="string"),
                "created_at": pd.to_datetime(["2026-01-05", "2026-01-05"]),
                "last_activity_at": pd.to_datetime([alpha_last, beta_last]),
                "web_visits": [4, 3],
            }
        )
    )


#: Engagement alone decides the tiers (a percentile among the engaged: 50 or 100).
_ENGAGEMENT_ONLY = HistorySettings(
    tier_rules=TierRules(weight_fit=0, weight_engagement=1, weight_coverage=0,
                         weight_pipeline=0, tier3_score=60)
)  # fmt: skip


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_tier_move_with_no_new_activity_says_engagement_decayed_with_time(lang):
    """The same rows read 30 days later: Alpha's dated visits decayed below Beta's, the two
    swapped tiers with nothing new at either (QA-R: "engagement −17")."""
    rows = _two_accounts("2026-04-30", None)
    h = compare(
        Side(rows, pd.Timestamp("2026-04-30")), Side(rows, pd.Timestamp("2026-05-30")),
        _ENGAGEMENT_ONLY,
    )  # fmt: skip
    moved = h.tiers.changed.set_index("account_id")
    assert moved["direction"].to_dict() == {"acc_a": "down", "acc_b": "up"}
    assert moved["no_new_activity"].all()
    down = t("workspace.history.engagement_aged", lang, moved="§").split("§")[1]
    up = t("workspace.history.engagement_aged_up", lang, moved="§").split("§")[1]
    assert down.strip() and up.strip() and down != up
    assert moved_text(moved.loc["acc_a"], lang).endswith(down)
    assert moved_text(moved.loc["acc_b"], lang).endswith(up)
    part = t("workspace.history.component.score_engagement", lang)
    assert moved_text(moved.loc["acc_a"], lang).startswith(f"{part} -50")


def test_an_activity_since_the_last_meeting_is_not_called_decay():
    """Beta's visits dated after the earlier snapshot: something happened there."""
    h = compare(
        Side(_two_accounts("2026-04-30", None), pd.Timestamp("2026-04-30")),
        Side(_two_accounts("2026-04-30", "2026-05-20"), pd.Timestamp("2026-05-30")),
        _ENGAGEMENT_ONLY,
    )  # fmt: skip
    moved = h.tiers.changed.set_index("account_id")
    assert moved["no_new_activity"].to_dict() == {"acc_a": True, "acc_b": False}
    said = t("workspace.history.engagement_aged_up", "en", moved="§").split("§")[1]
    assert said not in moved_text(moved.loc["acc_b"], "en")
    assert moved_text(moved.loc["acc_b"], "en") == "engagement +50"


def test_new_activity_is_not_called_decay():
    april, may = _side("2026-04-30"), _side("2026-05-31")
    h = compare(april, may)
    moved = h.tiers.changed
    active = moved[moved["direction"].isin(["up", "down"]) & ~moved["no_new_activity"]]
    assert len(active)
    said = t("workspace.history.engagement_aged", "en", moved="§").split("§")[1]
    assert not any(said in moved_text(r, "en") for _, r in active.iterrows())
