"""Account-story page (AppTest, #19 item 4): one account on one screen, in Japanese and English.

Its counts are the accounts page's ranked-table row (people, opportunities,
open pipeline, won); the ``?account=`` query parameter a link carries picks the
account; people, roles, the activity timeline, opportunities, score history and
tier reasons are drawn with translated labels only.
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.core.format import fmt_yen, fmt_yen_short
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import state
from tests.ui.conftest import new_app, with_demo

PAGE = "pages/8_Account.py"


def _open(demo_session_state, lang: str, account: str | None = None):
    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_LANG] = lang
    at.run()
    if account is not None:
        at.query_params["account"] = account
    at.switch_page(PAGE)
    at.run()
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _scored(at) -> pd.DataFrame:
    return at.session_state[state.K_MEMO]["accounts.scored"][0][1]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_first_ranked_account_with_the_accounts_table_numbers(demo_session_state, lang):
    at = _open(demo_session_state, lang)
    assert not at.exception
    row = _scored(at).iloc[0]
    assert row["tier"] == "tier_1"
    m = _metrics(at)
    assert m[t("account.kpi.tier", lang)] == t(K.TIER_SHORT["tier_1"], lang)
    assert m[t("account.kpi.people", lang)] == f"{int(row['contacts']):,}"
    assert m[t("account.kpi.opportunities", lang)] == f"{int(row['opportunities']):,}"
    # money fits its tile (1.49億円); the exact yen is in the help
    tiles = {m.label: m for m in at.metric}
    assert m[t("account.kpi.pipeline", lang)] == fmt_yen_short(row["open_pipeline"], lang)
    assert fmt_yen(row["open_pipeline"], lang) in tiles[t("account.kpi.pipeline", lang)].help
    assert m[t("account.kpi.won", lang)] == fmt_yen_short(row["won_revenue"], lang)
    assert t("accounts.tier.tier_1", lang) in tiles[t("account.kpi.tier", lang)].help
    headers = [h.value for h in at.subheader]
    for key in ("people", "timeline", "opportunities", "history"):
        assert t(f"account.section.{key}", lang) in headers
    assert row["account_name"] in headers
    people = next(d.value for d in at.dataframe if "sales_touches" in d.value.columns)
    assert len(people) == row["contacts"]
    assert int(people["engaged"].sum()) == row["engaged_contacts"]
    roles = set(t(f"accounts.role.{r}", lang) for r in ("decision_maker", "budget_holder"))
    assert roles & set("、".join(people["roles"]).replace(", ", "、").split("、"))
    rank_text = t("accounts.reason.ranked", lang, rank=1, rank_of=int(row["rank_of"]),
                  tier=t("accounts.tier.tier_1", lang), capacity=20)  # fmt: skip
    assert any(rank_text in md.value for md in at.markdown)
    assert len(at.get("plotly_chart")) == 2  # the timeline and the score history


def test_a_link_with_an_account_id_opens_that_account(demo_session_state):
    at = _open(demo_session_state, "en")
    scored = _scored(at)
    pick = scored[(scored["tier"] == "tier_2") & (scored["opportunities"] > 0)].iloc[0]
    at = _open(demo_session_state, "en", account=str(pick["account_id"]))
    assert not at.exception
    assert at.selectbox(key=state.K_STORY_ACCOUNT).value == pick["account_id"]
    m = _metrics(at)
    assert m["Tier"] == "Tier 2"
    assert m["Opportunities"] == f"{int(pick['opportunities']):,}"
    opps = next(d.value for d in at.dataframe if "opportunity_name" in d.value.columns)
    assert len(opps) == pick["opportunities"]
    assert set(opps["state"]) <= {t(f"account.state.{s}", "en") for s in ("open", "won", "lost")}


def test_an_unknown_account_id_says_so_and_shows_the_first(demo_session_state):
    at = _open(demo_session_state, "ja", account="acc_does_not_exist")
    assert not at.exception
    assert at.warning[0].value == t("account.unknown_id", "ja")
    assert at.selectbox(key=state.K_STORY_ACCOUNT).value == _scored(at).iloc[0]["account_id"]


def test_picking_another_account_puts_it_in_the_address(demo_session_state):
    at = _open(demo_session_state, "ja")
    other = str(_scored(at).iloc[3]["account_id"])
    at.selectbox(key=state.K_STORY_ACCOUNT).set_value(other).run()
    assert not at.exception
    assert at.query_params["account"] == [other] or at.query_params["account"] == other
    assert (
        _metrics(at)[t("account.kpi.people", "ja")] == f"{int(_scored(at).iloc[3]['contacts']):,}"
    )


def test_without_data_the_page_guards():
    at = new_app()
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.info[0].value == t("guard.no_data", "ja")
