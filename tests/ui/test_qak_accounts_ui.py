"""QA-K (AppTest): the target-accounts ranking, its reasons and the account story count ranks
among the same accounts — those that can be targets — and an excluded account has no rank.

The title said "top 374 of 374" (the rows the filters keep) while the reasons and the story
said "rank 1 of 434"; the title now names both numbers.
"""

from __future__ import annotations

import pandas as pd

from abm.accounts import TIERS
from abm.dataset import Dataset
from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import open_page
from tests.ui.test_page_accounts import AS_OF, _dataset

ACCOUNTS = "pages/6_Accounts.py"
ACCOUNT = "pages/8_Account.py"
SCHOOL = "学校法人白樺学園"


def _with_school() -> Dataset:
    """The accounts page's fixture plus a 学校法人: a row of the accounts file and an open
    deal, nobody working there among the leads — excluded (school), back through its deal."""
    base = _dataset()
    deal = pd.DataFrame(
        {
            "opportunity_id": pd.array(["O9"], dtype="string"),
            "company": pd.array([SCHOOL], dtype="string"),
            "amount": pd.array([1_500_000.0], dtype="Float64"),
            "is_won": pd.array([False], dtype="boolean"),
            "is_closed": pd.array([False], dtype="boolean"),
            "created_at": pd.to_datetime(["2024-02-15"]),
        }
    )
    row = pd.DataFrame(
        {
            "account_id": pd.array(["SCHOOL"], dtype="string"),
            "company": pd.array([SCHOOL], dtype="string"),
            "industry": pd.array(["教育"], dtype="string"),
            "employees": pd.array([3000], dtype="Int64"),
            "annual_revenue": pd.array([5e10], dtype="Float64"),
        }
    )
    return Dataset(
        leads=base.leads,
        activities=base.activities,
        opportunities=pd.concat([base.opportunities, deal], ignore_index=True),
        accounts=pd.concat([base.accounts, row], ignore_index=True),
    )


def _ranked(at) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "why_not" in df.value.columns)


def _scored(at) -> pd.DataFrame:
    return at.session_state[state.K_MEMO]["accounts.scored"][0][1]


def _title(at) -> str:
    return next(h.value for h in at.subheader if h.value.startswith("Ranked accounts"))


def test_the_title_the_reasons_and_the_table_count_the_same_targetable_accounts():
    at = open_page(ACCOUNTS, _with_school(), lang="en", token="qak-ranks", as_of=AS_OF)
    assert not at.exception
    scored = _scored(at)
    targetable = int((~scored["excluded"]).sum())
    assert targetable == len(scored) - 1 == int(scored["rank_of"].iloc[0])
    shown = _ranked(at)
    assert _title(at) == t("accounts.page.ranked", "en", total=len(shown), rank_of=targetable)
    first = shown.iloc[0]["why"]
    assert f"Rank 1 of {targetable} targetable" in first  # the reasons count the same accounts
    # one tier only: fewer rows, the same count of ranks
    tiers = widget_key("accounts", "filter.tiers")
    at.multiselect(key=tiers).set_value(["tier_1"]).run()
    assert not at.exception
    assert _title(at) == t("accounts.page.ranked", "en", total=1, rank_of=targetable)
    # every tier: the excluded school is drawn last, without a rank
    at.multiselect(key=tiers).set_value(list(TIERS)).run()
    assert not at.exception
    table = _ranked(at)
    assert _title(at) == t("accounts.page.ranked", "en", total=len(scored), rank_of=targetable)
    assert table["account"].tolist()[-1] == SCHOOL
    assert pd.isna(table["rank"].iloc[-1])
    assert table["rank"].iloc[:-1].tolist() == list(range(1, targetable + 1))


def test_the_story_of_an_excluded_account_gives_no_rank_of_the_targetable_ones():
    at = open_page(ACCOUNT, _with_school(), lang="ja", token="qak-story", as_of=AS_OF)
    assert not at.exception
    scored = _scored(at)
    school = scored[scored["account_name"] == SCHOOL].iloc[0]
    assert bool(school["excluded"])
    at.selectbox(key=state.K_STORY_ACCOUNT).set_value(str(school["account_id"])).run()
    assert not at.exception
    tile = next(m for m in at.metric if m.label == t("account.kpi.tier", "ja"))
    rank_of = int(school["rank_of"])
    assert t("account.kpi.rank_help_excluded", "ja", rank_of=rank_of) in tile.help
    assert f"{int(school['rank'])}位" not in tile.help  # no "435位（434社中）"
    picker = at.selectbox(key=state.K_STORY_ACCOUNT)
    assert picker.format_func(str(school["account_id"])).startswith("– ")
    # a targetable account keeps its rank among the same accounts
    first = scored.iloc[0]
    at.selectbox(key=state.K_STORY_ACCOUNT).set_value(str(first["account_id"])).run()
    tile = next(m for m in at.metric if m.label == t("account.kpi.tier", "ja"))
    assert t("account.kpi.rank_help", "ja", rank=1, rank_of=rank_of) in tile.help
