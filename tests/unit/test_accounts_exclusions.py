"""An excluded company never comes back from the accounts file (issue #13 item 6).

The path a user takes: leads + an accounts file + opportunities → ``prepare``
(cleaning ledger) → roll-up → tiers → CRM export. Competitors, partners and
schools listed in the accounts file are excluded with their reason and kept
in the ledger; they never become whitespace, a tier or an exported row, while
their deals still count. The people at a 学校法人 with staff titles are kept, and
so is the school's row and account (QA-K): its staff are buyers, the account may
be a target like any other.
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.accounts import action_lists, rollup_accounts, score_accounts
from abm.dataset import Dataset
from abm.export import hubspot_company_import, mori_target_list, salesforce_account_import
from abm.pipeline import prepare
from abm.resolve import ExclusionRules

AS_OF = pd.Timestamp("2024-06-30")
RULES = ExclusionRules(
    competitor_names=("ライバル株式会社",),
    competitor_domains=("rival.co.jp",),
    partner_names=("株式会社パートナーズ商会",),
)
EXCLUDED = {"ライバル株式会社", "株式会社パートナーズ商会", "晴海大学"}
#: A school where kept people work (a 課長 and the 代表取締役): not excluded (QA-K).
STAFFED = "学校法人白樺学園"


def _s(values) -> pd.array:
    return pd.array(values, dtype="string")


def dataset() -> Dataset:
    leads = pd.DataFrame(
        {
            "lead_id": _s(["L1", "L2", "L3", "L4", "L5", "L6"]),
            "company": _s(
                [
                    "株式会社アクメ",
                    "ライバル株式会社",
                    "学校法人白樺学園",
                    "学校法人白樺学園",
                    "晴海大学",
                    "株式会社アクメ",
                ]
            ),
            "email": _s(
                [
                    "bucho@acme.co.jp",
                    "spy@rival.co.jp",
                    "kacho@shirakaba-gakuen.ac.jp",
                    "rijicho@shirakaba-gakuen.ac.jp",
                    "s1234567@st.harumi-u.ac.jp",
                    "joho@acme.co.jp",
                ]
            ),
            "title": _s(["部長", "課長", "課長", "代表取締役", "学生", "情報システム部 課長"]),
            "created_at": pd.to_datetime(["2024-01-10"] * 6),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": _s([f"A{i}" for i in range(1, 8)]),
            "company": _s(
                [
                    "株式会社アクメ",
                    "ライバル株式会社",
                    "株式会社パートナーズ商会",
                    "晴海大学",
                    "湊大学",
                    "株式会社ホワイト",
                    "学校法人白樺学園",
                ]
            ),
            "domain": _s(
                [
                    "acme.co.jp",
                    "rival.co.jp",
                    "partners-shokai.co.jp",
                    "harumi-u.ac.jp",
                    "minato-u.ac.jp",
                    "white.co.jp",
                    "shirakaba-gakuen.ac.jp",
                ]
            ),
            "employees": pd.array([1200, 2000, 1500, 3000, 3000, 5000, 800], dtype="Int64"),
            "annual_revenue": pd.array([5e10, 8e10, 3e10, 2e10, 2e10, 1e11, 1e10], "Float64"),
            "is_customer": pd.array([False, False, False, False, True, False, False], "boolean"),
        }
    )
    opportunities = pd.DataFrame(
        {
            "opportunity_id": _s(["O1", "O2", "O3"]),
            "company": _s(["晴海大学", "株式会社パートナーズ商会", "株式会社アクメ"]),
            "amount": pd.array([3_000_000.0, 10_000_000.0, 2_000_000.0], dtype="Float64"),
            "is_won": pd.array([False, False, True], dtype="boolean"),
            "is_closed": pd.array([False, False, True], dtype="boolean"),
            "created_at": pd.to_datetime(["2024-02-01", "2024-03-01", "2024-01-20"]),
            "close_date": pd.to_datetime([None, None, "2024-04-01"]),
        }
    )
    return Dataset(leads=leads, opportunities=opportunities, accounts=accounts)


def _run(rules: ExclusionRules):
    prepared = prepare(dataset(), rules=rules)
    ds = prepared.dataset
    rolled = rollup_accounts(
        ds.leads,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        as_of=AS_OF,
    )
    return prepared, rolled, score_accounts(rolled, exclusions=rules)


@pytest.fixture(scope="module")
def run():
    return _run(RULES)


def test_the_ledger_keeps_every_accounts_file_row_with_its_reason(run) -> None:
    clean = run[0].clean
    excluded = clean.excluded_accounts.set_index("company")["exclusion_reason"].to_dict()
    assert excluded == {
        "ライバル株式会社": "competitor",
        "株式会社パートナーズ商会": "partner",
        "晴海大学": "school",  # its only person is a student: nobody kept there
    }
    kept = set(clean.account_rows["company"])
    # 湊大学 is a customer; the 学校法人's staff are kept people
    assert kept == {"株式会社アクメ", "湊大学", "株式会社ホワイト", STAFFED}
    assert len(kept) + len(excluded) == len(dataset().accounts)
    assert clean.summary["account_rows_excluded_by_reason"]["school"] == 1


def test_people_are_judged_one_by_one(run) -> None:
    clean = run[0].clean
    assert clean.excluded.set_index("lead_id")["exclusion_reason"].to_dict() == {
        "L2": "competitor",
        "L5": "student",
    }
    assert {"L3", "L4"} <= set(clean.kept["lead_id"])  # 課長 and 代表取締役 at the 学校法人


def test_no_excluded_company_is_whitespace_a_target_or_an_action(run) -> None:
    _, rolled, scored = run
    names = set(rolled["account_name"].dropna())
    assert "ライバル株式会社" not in names  # no kept person, no deal, its row excluded
    whitespace = rolled[(rolled["contacts"] == 0) & (rolled["open_pipeline"] == 0)]
    assert set(whitespace["account_name"]) == {"湊大学", "株式会社ホワイト"}
    targets = scored[scored["tier"] != "none"]
    assert not set(targets["account_name"]) & EXCLUDED
    assert "株式会社ホワイト" in set(targets["account_name"])
    flagged = scored[scored["excluded"]].set_index("account_name")["exclusion_reason"]
    assert flagged.to_dict() == {
        "株式会社パートナーズ商会": "partner",  # back through its deal: still not a target
        "晴海大学": "school",
    }
    staffed = scored.set_index("account_name").loc[STAFFED]
    assert not staffed["excluded"] and staffed["contacts"] == 2  # its staff: a possible target
    assert staffed["employees"] == 800  # the accounts-file row it keeps
    for part in action_lists(scored, as_of=AS_OF).values():
        assert not set(part["account_name"].dropna()) & EXCLUDED


def test_their_deals_still_count(run) -> None:
    rolled = run[1].set_index("account_name")
    assert rolled.loc["晴海大学", "open_pipeline"] == 3_000_000.0
    assert rolled.loc["株式会社パートナーズ商会", "open_pipeline"] == 10_000_000.0
    assert rolled.loc["株式会社アクメ", "won_revenue"] == 2_000_000.0


@pytest.mark.parametrize(
    "preset", [hubspot_company_import, salesforce_account_import, mori_target_list]
)
def test_no_excluded_company_in_a_crm_export(run, preset) -> None:
    scored = run[2]
    out = preset(scored)
    written = set(out.iloc[:, 0].astype(str)) | set(out.iloc[:, 1].astype(str))
    assert not written & EXCLUDED
    assert "株式会社ホワイト" in written
    assert out.attrs["excluded_left_out"] == int(scored["excluded"].sum()) == 2


def test_with_the_rules_off_they_would_be_targets() -> None:
    """The tests above would fail without the feature: the same data, rules off."""
    off = ExclusionRules(competitors=False, partners=False, schools=False, students=False)
    scored = _run(off)[2]
    targets = set(scored.loc[scored["tier"] != "none", "account_name"])
    assert {"ライバル株式会社", "晴海大学"} <= targets
    assert "ライバル株式会社" in set(hubspot_company_import(scored)["Company name"])
