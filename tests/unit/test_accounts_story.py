"""An account's story (#19 item 4): its tables agree with the accounts page's row.

On the demo with the reconciliation edge cases (an opportunity closing at 15:00
on the as-of day, won without closed, company-only and future opportunities),
every sampled account's story counts the same people, engaged people, covered
roles, opportunities, open pipeline and won revenue as its roll-up row; a
small hand-built account checks each table's content.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from abm.accounts import rollup_accounts, score_accounts
from abm.accounts.score_history import HISTORY_COLUMNS, score_history
from abm.accounts.story import account_story
from abm.accounts.story_charts import history_figure, timeline_figure

AS_OF = pd.Timestamp("2024-04-01")


@cache
def _demo():
    from abm.pipeline import prepare
    from tests.support.worlds import demo_world, with_edge_cases

    world = with_edge_cases(demo_world())
    ds = prepare(world.dataset).dataset
    rolled = rollup_accounts(
        ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        as_of=world.as_of,
    )
    return ds, score_accounts(rolled), world.as_of


def _sample() -> list[int]:
    """Positions in the ranking: the top, each tier's first, the edge cases' account, the last."""
    ds, scored, _ = _demo()
    picks = {0, len(scored) - 1}
    for tier in ("tier_1", "tier_2", "tier_3", "none"):
        hit = np.flatnonzero(scored["tier"].astype(str).to_numpy() == tier)
        picks.update(hit[:3].tolist())
    has_opps = np.flatnonzero(scored["opportunities"].to_numpy() > 0)
    picks.update(has_opps[:: max(len(has_opps) // 8, 1)].tolist())
    edge = ds.opportunities[ds.opportunities["opportunity_id"] == "edge-company-open"]
    picks.update(np.flatnonzero(scored["account_id"] == edge["account_id"].iloc[0]).tolist())
    return sorted(picks)


def test_a_story_counts_what_the_accounts_table_shows():
    """Every sampled position (:func:`_sample`), each failure naming its position.

    One test over the sample, not one per position: a parametrisation needs the positions
    when the tests are collected, which cleaned the demo in every pytest-xdist worker at
    collection (about 12 s of CPU each, while the workers were starting together) though
    only the worker that runs this module reads it."""
    ds, scored, as_of = _demo()
    positions = _sample()
    assert len(positions) > 10
    for pos in positions:
        try:
            _check_story(ds, scored, as_of, pos)
        except AssertionError as err:
            raise AssertionError(f"the account at position {pos} of the ranking: {err}") from err


def _check_story(ds, scored, as_of, pos: int) -> None:
    row = scored.iloc[pos]
    story = account_story(
        row["account_id"],
        leads=ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        scored=scored,
        as_of=as_of,
    )
    assert story.row is not None and story.row["rank"] == row["rank"]
    counts = story.counts()
    assert counts["people"] == row["contacts"]
    assert int(story.people["engaged"].sum()) == row["engaged_contacts"]
    required = story.roles[story.roles["required"]]
    assert int(required["covered"].sum()) == row["roles_covered"]
    assert counts["opportunities"] == row["opportunities"]
    assert counts["open_opportunities"] == row["open_opportunities"]
    assert counts["open_pipeline"] == pytest.approx(row["open_pipeline"])
    assert counts["won_revenue"] == pytest.approx(row["won_revenue"])
    shown = pd.to_datetime(story.timeline["timestamp"])
    assert (shown.dt.normalize() <= as_of).all()  # the whole as-of day
    assert story.timeline["timestamp"].is_monotonic_decreasing
    assert story.name == row["account_name"]


def test_the_edge_cases_are_in_their_account_story():
    ds, scored, as_of = _demo()
    edge = ds.opportunities[ds.opportunities["opportunity_id"].astype(str).str.startswith("edge-")]
    account = edge.loc[edge["opportunity_id"] == "edge-company-open", "account_id"].iloc[0]
    story = account_story(
        account,
        leads=ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        scored=scored,
        as_of=as_of,
    )
    opps = story.opportunities
    states = dict(zip(opps["opportunity_id"], opps["state"], strict=True))
    assert states["edge-15h"] == "won"  # closed at 15:00 on the as-of day: won that day
    assert states["edge-company-open"] == "open"
    assert states["edge-phase-won"] == "won"
    assert "edge-future" not in states  # created after the as-of day


def _small():
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L9"],
            "account_id": ["A", "A", "A", "B"],
            "account_name": ["株式会社アクメ"] * 3 + ["別会社"],
            "full_name": ["山田 太郎", "佐藤 花子", None, "別 人"],
            "email": ["t@acme.example", "h@acme.example", "x@acme.example", "b@b.example"],
            "title": ["代表取締役社長", "情報システム部 課長", "担当", "部長"],
            "department": ["経営企画部", None, "営業部", None],
            "created_at": pd.to_datetime(["2023-01-01", "2023-06-01", "2024-05-01", "2023-01-01"]),
        }
    ).astype({c: "string" for c in ("lead_id", "account_id", "full_name", "email", "title")})
    acts = pd.DataFrame(
        {
            "lead_id": ["L1", "L1", "L2", None, "L1", "L9"],
            "account_id": ["A", "A", "A", "A", "A", "B"],
            "timestamp": pd.to_datetime(
                ["2024-03-30", "2024-02-10", "2023-12-01", "2024-03-01", "2024-06-01", "2024-03-01"]
            ),
            "activity_type": [
                "資料ダウンロード",
                "電話",
                "ページ閲覧",
                "商談",
                "ページ閲覧",
                "電話",
            ],
            "origin": [None, "sales", None, "sales", None, "sales"],
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": ["O1", "O2", "O3"],
            "account_id": ["A", "A", "A"],
            "lead_id": ["L1", None, None],
            "opportunity_name": ["アクメ_導入", "アクメ_拡大", "アクメ_次期"],
            "stage": ["提案", "受注", "受注"],
            "amount": [3_000_000.0, 1_000_000.0, 9.0],
            "is_won": [None, True, True],
            "is_closed": [False, True, True],
            "created_at": pd.to_datetime(["2024-01-10", "2023-08-01", "2024-05-01"]),
            "close_date": pd.to_datetime(["2024-06-30", "2023-10-01", "2024-06-01"]),
        }
    )
    return leads, acts, opps


def test_each_table_of_a_small_account():
    from abm.scoring import ScoringModel

    leads, acts, opps = _small()
    story = account_story(
        "A", leads=leads, activities=acts, opportunities=opps, as_of=AS_OF, model=ScoringModel()
    )
    people = story.people.set_index("name")
    assert list(people.index) == ["山田 太郎", "佐藤 花子"]  # L3 was created after the as-of day
    assert (
        people.loc["山田 太郎", "activities"] == 2 and people.loc["山田 太郎", "sales_touches"] == 1
    )
    assert "decision_maker" in people.loc["山田 太郎", "roles"].split("|")
    assert "technical_evaluator" in people.loc["佐藤 花子", "roles"].split("|")
    assert story.timeline["group"].tolist() == ["marketing", "sales", "sales", "marketing"]
    assert story.timeline["person"].isna().sum() == 1 and story.account_activities == 1
    assert story.later_activities == 1  # 2024-06-01, after the as-of day
    assert story.opportunities["opportunity_id"].tolist() == ["O1", "O2"]
    assert story.opportunities["state"].tolist() == ["open", "won"]
    assert story.opportunities["person"].tolist()[0] == "山田 太郎"
    assert story.counts() == {
        "people": 2,
        "opportunities": 2,
        "open_opportunities": 1,
        "open_pipeline": 3_000_000.0,
        "won_revenue": 1_000_000.0,
    }
    history = story.score_history
    assert list(history.columns) == list(HISTORY_COLUMNS)
    assert history["date"].iloc[-1] == AS_OF and history["date"].is_monotonic_increasing
    assert history["date"].iloc[0] == pd.Timestamp("2023-12-31")  # the first activity's month
    assert history["people"].tolist()[0] == 2 and (history["score_mql"] >= 0).all()
    for figure in (timeline_figure(story, "ja"), history_figure(history, "en")):
        assert figure.data  # drawn, with translated names
    names = {trace.name for trace in timeline_figure(story, "ja").data}
    assert {"マーケティング", "営業", "商談作成", "受注"} <= names


def test_engagement_rises_with_recent_activity_in_the_history():
    from abm.scoring import ScoringModel

    leads, acts, _ = _small()
    people = leads[leads["account_id"] == "A"].iloc[:2]
    history = score_history(people, acts, as_of=AS_OF, model=ScoringModel(), months=6)
    assert len(history) <= 6
    quiet = history.set_index("date")["engagement_max"]
    assert quiet.loc[AS_OF] >= quiet.loc[pd.Timestamp("2024-01-31")]  # two activities in Feb–Mar
    assert score_history(people, None, as_of=AS_OF, model=ScoringModel()).empty


def test_an_account_with_nobody_yet():
    leads, acts, opps = _small()
    story = account_story("Z", leads=leads, activities=acts, opportunities=opps, as_of=AS_OF)
    assert story.people.empty and story.timeline.empty and story.opportunities.empty
    assert story.counts()["people"] == 0
