"""Account roll-up on a hand-computed fixture (numbers written literally)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.accounts import RollupSettings, rollup_accounts
from abm.core.activities import (
    ACTIVITY_KINDS,
    DEFAULT_ACTIVITY_POINTS,
    ENGAGEMENT_WEIGHTS,
    NOT_A_SIGN_OF_LIFE,
)
from abm.core.keys import company_key
from abm.dataset import Dataset
from abm.pipeline import link_tables

AS_OF = pd.Timestamp("2024-04-01")
# half-life 10 days: an activity 0 / 10 / 20 days old weighs 1 / 0.5 / 0.25
SETTINGS = RollupSettings(half_life_days=10.0)


def _leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L4", "L5"],
            "email": [
                "l1@acme.example",
                "l2@acme.example",
                "l3@acme.example",
                "l4@beta.example",
                "l5@beta.example",
            ],
            "company": ["株式会社アクメ", "㈱アクメ", "co:アクメ", "Beta Inc", "Beta Inc"],
            "title": ["代表取締役社長", "部長", "購買担当", "Sales Manager", "CFO"],
            "department": ["経営企画部", "情報システム部", "購買部", "Sales", "Finance"],
            "employees": pd.array([500, None, None, 40, None], dtype="Int64"),
            "created_at": pd.to_datetime(
                ["2024-01-01", "2024-01-05", "2024-05-01", "2024-02-01", "2024-02-01"]
            ),
            "mql_at": pd.to_datetime(["2024-03-01", None, None, None, None]),
            "sal_at": pd.to_datetime([None, None, None, "2024-03-15", None]),
        }
    )


def _activities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": ["L1", "L1", "L2", "L4", "L5", "L9", None],
            "email": [None, None, None, None, None, None, "L5@BETA.example"],
            "timestamp": pd.to_datetime(
                [
                    "2024-04-01",
                    "2024-03-22",
                    "2024-03-12",
                    "2024-03-22",
                    "2024-04-05",
                    "2024-03-30",
                    "2024-03-12",
                ]
            ),
            "activity_type": [
                "page_view",
                "form",
                "email_click",
                "商談",
                "page_view",
                "page_view",
                "email_click",
            ],
        }
    )


def _opportunities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "opportunity_id": ["O1", "O2", "O3", "O4"],
            "company": ["アクメ株式会社", None, None, None],
            "lead_id": [None, "L4", "L4", "L1"],
            "amount": [1_000_000.0, 3_000_000.0, 2_000_000.0, 9_000_000.0],
            "is_won": pd.array([True, False, True, False], dtype="boolean"),
            "is_closed": pd.array([True, False, True, False], dtype="boolean"),
            "created_at": pd.to_datetime(["2023-12-01", "2024-03-01", "2024-02-01", "2024-06-01"]),
            "close_date": pd.to_datetime(["2024-02-01", None, "2024-05-01", None]),
        }
    )


def _accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["A1", "A2"],
            "company": ["株式会社アクメ", "デルタ"],
            "domain": ["acme.example", "delta.example"],
            "industry": ["製造業", "小売"],
            "employees": pd.array([1200, 5000], dtype="Int64"),
            "annual_revenue": pd.array([5e10, None], dtype="Float64"),
            "is_customer": pd.array([False, False], dtype="boolean"),
        }
    )


def _rollup(leads, *, activities=None, opportunities=None, accounts=None, **kw) -> pd.DataFrame:
    """Link the tables as abm.pipeline does (no cleaning), then roll up: the roll-up links nothing."""
    ds = link_tables(
        Dataset(leads=leads, activities=activities, opportunities=opportunities, accounts=accounts)
    )
    return rollup_accounts(
        ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        **kw,
    )


@pytest.fixture
def rollup() -> pd.DataFrame:
    return _rollup(
        _leads(),
        activities=_activities(),
        opportunities=_opportunities(),
        accounts=_accounts(),
        as_of=AS_OF,
        settings=SETTINGS,
    ).set_index("account_id")


def test_one_row_per_account_with_fallback_keys(rollup):
    # A1 joins アクメ by its domain; A2 has no lead: its own CRM id, namespaced
    assert list(rollup.index) == ["co:アクメ", "co:beta", "crm:A2"]
    assert rollup.loc["co:アクメ", "account_name"] == "株式会社アクメ"
    assert rollup.loc["co:アクメ", "domain"] == "acme.example"


def test_people_counts(rollup):
    # L3 was created after as_of and does not count.
    assert rollup["contacts"].tolist() == [2, 2, 0]
    # L2's click (weight 1.5) has decayed to 0.375 by as_of: below engaged_min 0.5; beta's
    # L5 the same, and L4's meeting (商談, a sales touch) weighs nothing
    assert rollup["engaged_contacts"].tolist() == [1, 0, 0]
    assert rollup["departments"].tolist() == [2, 2, 0]
    assert rollup["mql_count"].tolist() == [1, 0, 0]


def test_engagement_sum_and_decay(rollup):
    # each kind weighs its default points over a page view's (core.activities.ENGAGEMENT_WEIGHTS):
    # アクメ: L1 = a page view today 1 + a form 12.5 * 0.5, L2 = a click 1.5 * 0.25;
    # Beta: L4's meeting (商談: a sales touch) 0, L5 = a click 1.5 * 0.25 (by e-mail; the
    # 04-05 page view is after as_of)
    assert rollup["engagement_decayed"].tolist() == pytest.approx([7.625, 0.375, 0.0])
    assert rollup["engagement_sum"].tolist() == pytest.approx([15.0, 1.5, 0.0])
    assert rollup["engagement"].tolist() == pytest.approx([7.625, 0.375, 0.0])
    assert rollup.loc["co:アクメ", "last_activity_at"] == pd.Timestamp("2024-04-01")
    assert rollup.loc["co:beta", "last_activity_at"] == pd.Timestamp("2024-03-22")
    assert pd.isna(rollup.loc["crm:A2", "last_activity_at"])


def test_breadth_method():
    r = _rollup(
        _leads(),
        activities=_activities(),
        as_of=AS_OF,
        settings=RollupSettings(half_life_days=10.0, engagement_method="breadth", engaged_min=0.25),
    ).set_index("account_id")
    # アクメ: 2 engaged (L1 7.25, L2 0.375) -> 7.625 * (1 + 0.5 * 1); Beta: L5 alone -> 0.375
    assert r["engagement"].tolist() == pytest.approx([11.4375, 0.375])


def test_roles_and_coverage(rollup):
    assert rollup.loc["co:アクメ", "role_decision_maker"]
    assert rollup.loc["co:アクメ", "role_technical_evaluator"]
    assert not rollup.loc["co:アクメ", "role_procurement"]  # the buyer (L3) is after as_of
    # L1, the president in 経営企画部, decides and holds the budget (abm.core.titles.ROLE_RULES)
    assert rollup.loc["co:アクメ", "role_budget_holder"]
    assert rollup["coverage"].tolist() == pytest.approx([0.6, 0.6, 0.0])
    assert rollup.loc["co:アクメ", "missing_roles"] == "user_department|procurement"
    assert rollup.loc["co:beta", "missing_roles"] == "technical_evaluator|procurement"


def test_pipeline_revenue_and_customer(rollup):
    # O3 closes after as_of: still open then. O4 is created after as_of.
    assert rollup["open_pipeline"].tolist() == [0.0, 5_000_000.0, 0.0]
    assert rollup["open_opportunities"].tolist() == [0, 2, 0]
    assert rollup["won_revenue"].tolist() == [1_000_000.0, 0.0, 0.0]
    assert rollup["is_customer"].tolist() == [True, False, False]
    assert rollup["sales_touched"].tolist() == [True, True, False]


def test_firmographic_fit_prefers_accounts_table(rollup):
    assert rollup.loc["co:アクメ", "employees"] == 1200
    assert rollup["fit"].tolist() == [100.0, 10.0, 100.0]
    assert rollup.loc["co:アクメ", "industry"] == "製造業"


def test_counts_of_unlinked_rows(rollup):
    assert rollup.attrs == {
        "unassigned_leads": 0,
        "unmatched_activities": 1,
        "unlinked_opportunities": 0,
    }


def test_inputs_not_mutated():
    leads = _leads()
    before = leads.copy()
    rollup_accounts(leads, activities=_activities(), as_of=AS_OF)
    pd.testing.assert_frame_equal(leads, before)


def test_caller_scores_and_account_id_are_used():
    leads = _leads().assign(
        account_id=["X", "X", "X", None, "Y"],
        engagement_score=[10.0, 0.0, 5.0, 2.0, 1.0],
        is_mql=[True, True, False, False, False],
    )
    r = _rollup(leads, as_of=AS_OF).set_index("account_id")
    # L3 excluded (after as_of); L4 has no account_id -> company key
    assert r["contacts"].to_dict() == {"X": 2, "co:beta": 1, "Y": 1}
    assert r["engagement"].to_dict() == {"X": 10.0, "co:beta": 2.0, "Y": 1.0}
    assert r["engaged_contacts"].to_dict() == {"X": 1, "co:beta": 1, "Y": 1}
    assert r["mql_count"].to_dict() == {"X": 2, "co:beta": 0, "Y": 0}


def test_company_key_strips_legal_forms():
    s = pd.Series(
        [
            "株式会社アクメ",
            "㈱アクメ",
            "アクメ（株）",
            "(株) アクメ",
            "ＡＣＭＥ　Corp",
            None,
            "株式会社",
        ]
    )
    assert company_key(s).tolist() == [
        "アクメ",
        "アクメ",
        "アクメ",
        "アクメ",
        "acme",
        pd.NA,
        pd.NA,
    ]


def test_settings_round_trip():
    s = RollupSettings(
        engagement_method="sum", required_roles=("decision_maker",), target_industries=("製造",)
    )
    assert RollupSettings.from_dict(s.to_dict()) == s


def test_opportunity_links_to_an_account_without_leads_by_company():
    opps = pd.DataFrame(
        {
            "opportunity_id": ["O9"],
            "company": ["株式会社デルタ"],
            "amount": [700_000.0],
            "is_closed": pd.array([False], dtype="boolean"),
        }
    )
    r = _rollup(_leads(), opportunities=opps, accounts=_accounts(), as_of=AS_OF)
    r = r.set_index("account_id")
    assert list(r.index) == ["co:アクメ", "co:beta", "crm:A2"]
    assert r.loc["crm:A2", "open_pipeline"] == 700_000.0


def test_firmographic_fit_bands_and_target_industries():
    import numpy as np

    from abm.accounts.firmographics import firmographic_fit

    emp = np.array([np.nan, 49, 50, 299, 300, 1000, np.nan])
    rev = np.array([np.nan, np.nan, np.nan, 1e10, np.nan, np.nan, 2e11])
    industry = pd.Series(["製造業", "小売", "製造", "ＩＴ", None, "製造業", "小売"])
    got = firmographic_fit(emp, rev, industry)
    assert np.isnan(got[0])
    assert got[1:].tolist() == [10.0, 25.0, 75.0, 75.0, 100.0, 100.0]
    s = RollupSettings(target_industries=("製造",), off_target_factor=0.5)
    assert firmographic_fit(emp, rev, industry, s)[1:].tolist() == [
        5.0,
        25.0,
        37.5,
        37.5,
        100.0,
        50.0,
    ]


@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(st.sampled_from(["株式会社A", "㈱A", "B", "", None]), st.integers(0, 3)),
        min_size=1,
        max_size=12,
    )
)
def test_every_lead_is_counted_once(rows):
    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(len(rows))],
            "company": pd.array([c for c, _ in rows], dtype="string"),
            "created_at": pd.to_datetime([f"2024-0{m + 2}-01" for _, m in rows]),
        }
    )
    r = rollup_accounts(leads, as_of=AS_OF)  # created Feb–May; May is after as_of (04-01)
    in_time = sum(1 for _, m in rows if m + 2 <= 4)
    assert int(r["contacts"].sum()) + r.attrs["unassigned_leads"] == in_time
    assert r["account_id"].is_unique


@pytest.mark.parametrize(
    ("data", "reason", "key"),
    [
        ({"engagement_method": "magic"}, "choice", "engagement_method"),
        ({"required_roles": ["ceo"]}, "choice", "required_roles[1]"),
        ({"required_roles": ["procurement", "procurement"]}, "duplicate", "required_roles"),
        ({"employee_points": [1, 2]}, "invalid", "employee_points"),
        ({"employee_bands": [100, 50, 300, 1000]}, "ascending", "employee_bands"),
        ({"half_life_days": "long"}, "not_number", "half_life_days"),
        ({"half_life_days": 0}, "range", "half_life_days"),
        ({"off_target_factor": 1e308}, "range", "off_target_factor"),
    ],
)
def test_bad_rollup_settings_are_refused(data, reason, key):
    from abm.errors import MoriError

    with pytest.raises(MoriError) as err:
        RollupSettings.from_dict(data)
    assert err.value.key == f"config.err.{reason}"
    assert (err.value.params["section"], err.value.params["key"]) == ("tier_rules", key)


def test_a_name_two_accounts_share_does_not_decide():
    """An account row whose company name two 名寄せ accounts carry (two companies of one
    name, kept apart by their corporate numbers) keeps its own id; its domain decides."""
    leads = pd.DataFrame(
        {
            "company": pd.array(["株式会社アクメ", "アクメ株式会社"], dtype="string"),
            "email": pd.array(["a@acme-a.example", "b@acme-b.example"], dtype="string"),
            "account_id": pd.array(["ACC-1", "ACC-2"], dtype="string"),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": pd.array(["CRM-9", "CRM-8"], dtype="string"),
            "company": pd.array(["アクメ(株)", "アクメ(株)"], dtype="string"),
            "domain": pd.array([None, "acme-b.example"], dtype="string"),
        }
    )
    out = _rollup(leads, accounts=accounts, as_of=AS_OF)
    assert sorted(out["account_id"]) == ["ACC-1", "ACC-2", "crm:CRM-9"]


def test_sales_touched_follows_the_one_rule_with_origin():
    """Accounts read :func:`abm.core.activities.is_sales_touch`: 訪問 counts from a sales report."""
    acts = _activities().assign(
        activity_type=["訪問", "page_view", "訪問", "Task", "電話", "x", "x"]
    )
    kw = {"opportunities": None, "accounts": None, "as_of": AS_OF, "settings": SETTINGS}
    r = _rollup(_leads(), activities=acts, **kw).set_index("account_id")
    # L4's Task is a sales touch without an origin; 訪問 alone is a page view; L5's call is late
    assert r["sales_touched"].tolist() == [False, True]  # アクメ, beta
    origin = pd.array(["sales", None, None, None, None, None, None], dtype="string")
    r = _rollup(_leads(), activities=acts.assign(origin=origin), **kw)
    assert r["sales_touched"].tolist() == [True, True]


def test_an_account_without_a_website_takes_its_peoples_company_mail_domain():
    # QA: Pardot's Website was blank for some companies, so the CRM export's domain was
    # blank although 名寄せ matched the people by their e-mail domain
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
            "email": [
                "a@gmail.com",
                "b@sagami.co.jp",
                "c@sagami.co.jp",
                "d@sagami-group.jp",
                "e@yahoo.co.jp",
                "f@beta.co.jp",
            ],
            "company": ["相模精機", "相模精機", "相模精機", "相模精機", "個人商店", "ベータ"],
            "domain": [None, None, None, None, None, "www.beta-site.jp"],
            "created_at": pd.to_datetime(["2024-01-01"] * 6),
        }
    )
    r = rollup_accounts(leads, as_of=AS_OF).set_index("account_name")
    assert r.loc["相模精機", "domain"] == "sagami.co.jp"  # most of its people, not free mail
    assert pd.isna(r.loc["個人商店", "domain"])  # free mail is no company's domain
    assert r.loc["ベータ", "domain"] == "www.beta-site.jp"  # a website given stays
    # review: an ISP's sub-domain is free mail too; a host's organisation domain is written
    isp = leads.assign(email=["a@ba2.so-net.ne.jp"] * 5 + ["f@mail.jp.fujitsu.com"], domain=None)
    r = rollup_accounts(isp, as_of=AS_OF).set_index("account_name")
    assert r["domain"].isna().sum() == 2 and r.loc["ベータ", "domain"] == "fujitsu.com"


def test_after_cleaning_the_domain_is_the_one_resolution_matched_by():
    # 名寄せ's evidence domain (resolve_key) already leaves out a domain many companies use
    from abm.pipeline import prepare

    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(7)],
            "email": [f"p{i}@hitachi-group.co.jp" for i in range(6)] + ["x@delta.co.jp"],
            "company": [
                "日立システムズ",
                "日立ソリューションズ",
                "日立建機",
                "日立物流",
                "日立造船",
                "日立金属",
                "デルタ工業",
            ],
            "created_at": pd.to_datetime(["2024-01-01"] * 7),
        }
    )
    kept = prepare(Dataset(leads=leads)).dataset.leads
    r = rollup_accounts(kept, as_of=AS_OF).set_index("account_name")
    assert r.loc["デルタ工業", "domain"] == "delta.co.jp"
    assert r.drop(index="デルタ工業")["domain"].isna().all()  # a group's shared domain: none


def test_accounts_without_a_domain_whose_keys_carry_none_do_not_break_the_rollup():
    # review: an account of contacts with no company and no e-mail (a CRM id only) has
    # keys without a domain; the roll-up read a column that was not there
    from abm.pipeline import prepare

    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2"],
            "company": ["相模精機", None],
            "email": ["a@sagami.co.jp", None],
            "domain": ["sagami.co.jp", None],
            "account_id": [None, "001A"],
            "created_at": pd.to_datetime(["2024-01-01"] * 2),
        }
    )
    kept = prepare(Dataset(leads=leads)).dataset.leads
    r = rollup_accounts(kept, as_of=AS_OF)
    assert len(r) == 2 and r["domain"].notna().sum() == 1


def test_departments_are_families_and_a_title_names_one_without_a_department():
    """QA-E: a Marketo or Salesforce contacts export has no department column; every account
    counted 0 departments and ABM fit read "few departments". The title names the family
    (as for the buying-committee roles); 情報システム部 and IT推進部 are one department."""
    titles = _leads().drop(columns=["department"])
    titles["title"] = ["IT Manager", "情報システム部長", "購買担当", "Sales Manager", "CFO"]
    r = rollup_accounts(titles, as_of=AS_OF).set_index("account_name")
    # アクメ: two IT titles (L3 joins after the as-of day); Beta: sales and finance
    assert r["departments"].to_dict() == {"株式会社アクメ": 1, "Beta Inc": 2}
    same = _leads().assign(department=["情報システム部", "IT推進部", "購買部", None, None])
    r = rollup_accounts(same, as_of=AS_OF).set_index("account_name")
    assert r["departments"].to_dict() == {"株式会社アクメ": 1, "Beta Inc": 2}
    other = same.assign(department=["情報システム部", "第二事業本部", "購買部", None, None])
    r = rollup_accounts(other, as_of=AS_OF).set_index("account_name")
    assert r.loc["株式会社アクメ", "departments"] == 2  # a department no rule knows: its text


def test_the_tools_own_doings_are_no_engagement():
    """QA-S: 30 newsletters *sent* (kind ``other``: the tool's doing, not the person's) made
    an account 15 times as engaged as two pricing views, and put it in Tier 1. They count
    for nothing now, as in scoring, nor for the account's last activity."""
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2"],
            "email": ["a@alpha.example.jp", "b@beta.example.jp"],
            "company": ["アルファ株式会社", "ベータ株式会社"],
            "account_id": ["acc_a", "acc_b"],
            "created_at": pd.to_datetime(["2026-01-01", "2026-01-01"]),
        }
    )
    rows = [("L1", "Email Sent", "メルマガ")] * 30 + [
        ("L2", "ページビュー", "https://x.jp/pricing")
    ] * 2
    acts = pd.DataFrame(rows, columns=["lead_id", "activity_type", "url"])
    acts["timestamp"] = pd.Timestamp("2026-11-20")
    r = rollup_accounts(leads, activities=acts, as_of=pd.Timestamp("2026-11-29")).set_index(
        "account_id"
    )
    assert r.loc["acc_a", "engagement"] == 0 and r.loc["acc_a", "engaged_contacts"] == 0
    assert r.loc["acc_b", "engagement"] > 0 and r.loc["acc_b", "engaged_contacts"] == 1
    # two pricing pages: 5 page views' worth each (scoring's 10 points against 2)
    assert r.loc["acc_a", "engagement_sum"] == 0 and r.loc["acc_b", "engagement_sum"] == 10
    assert pd.isna(r.loc["acc_a", "last_activity_at"])  # a newsletter sent is no sign of life
    assert r.loc["acc_b", "last_activity_at"] == pd.Timestamp("2026-11-20")


#: The account engagement weights, written out (a change to scoring's default points moves
#: every account's engagement and tier: it must be a decision, seen in this table).
WEIGHTS_GOLDEN = {
    "page_view": 1.0, "pricing_page": 5.0, "download": 7.5, "webinar": 10.0, "event": 10.0,
    "business_card": 7.5, "email_open": 0.0, "email_click": 1.5, "form": 12.5,
    "demo_request": 25.0, "careers_page": 0.0, "unsubscribe": 0.0, "call": 0.0,
    "sales_email": 0.0, "meeting": 0.0, "web_meeting": 0.0, "visit": 0.0, "task": 0.0,
    "other": 0.0,
}  # fmt: skip


def test_the_engagement_weights_table():
    assert dict(zip(ACTIVITY_KINDS, ENGAGEMENT_WEIGHTS, strict=True)) == WEIGHTS_GOLDEN
    assert {"other", "email_open"} == NOT_A_SIGN_OF_LIFE
    with pytest.raises(TypeError):  # one table, read-only: scoring's defaults read it too
        DEFAULT_ACTIVITY_POINTS["page_view"] = 1  # type: ignore[index]


def test_what_people_did_weighs_as_scoring_weighs_it():
    """QA-S: twenty people at a customer reading pages outranked four at a prospect who read
    the pricing page and asked for a demo — the roll-up counted every activity as 1. Each
    kind now weighs its default lead-score points over a page view's; what scoring takes
    points away for (an unsubscribe) adds nothing; an e-mail open weighs nothing and does
    not date the last activity (a mail client may fetch it by itself), a sales call weighs
    nothing but does."""
    leads = pd.DataFrame(
        {
            "lead_id": [f"C{i}" for i in range(20)] + ["P1", "P2", "U1", "S1"],
            "email": [f"c{i}@cust.example.jp" for i in range(20)]
            + ["p1@pros.example.jp", "p2@pros.example.jp", "u1@unsub.example.jp", "s@s.example.jp"],
            "account_id": ["cust"] * 20 + ["pros", "pros", "unsub", "met"],
            "created_at": pd.Timestamp("2026-01-01"),
        }
    )
    rows = [(f"C{i}", "ページビュー", "https://x.jp/support") for i in range(20)]
    rows += [("P1", "ページビュー", "https://x.jp/pricing"), ("P2", "デモ依頼", None)]
    rows += [("U1", "ページビュー", "https://x.jp/a"), ("U1", "Unsubscribe", None)]
    rows += [("U1", "メール開封", None), ("S1", "電話", None)]
    acts = pd.DataFrame(rows, columns=["lead_id", "activity_type", "url"])
    acts["timestamp"] = pd.Timestamp("2026-11-20")
    acts.loc[len(acts) - 2 :, "timestamp"] = pd.Timestamp("2026-11-25")  # the open, the call
    r = rollup_accounts(leads, activities=acts, as_of=pd.Timestamp("2026-11-29"))
    r = r.set_index("account_id")
    assert r.loc["cust", "engagement_sum"] == 20
    assert r.loc["pros", "engagement_sum"] == 5 + 25
    assert r.loc["pros", "engagement"] > r.loc["cust", "engagement"]
    assert r.loc["unsub", "engagement_sum"] == 1  # the page view; the unsubscribe adds 0
    assert r.loc["unsub", "last_activity_at"] == pd.Timestamp("2026-11-20")  # not the open
    assert r.loc["met", "engagement_sum"] == 0 and r.loc["met", "sales_touched"]
    assert r.loc["met", "last_activity_at"] == pd.Timestamp("2026-11-25")  # the call
    assert (r["engagement_decayed"] <= r["engagement_sum"]).all()


def test_without_a_log_visits_and_form_fills_weigh_as_in_one():
    """An MA export's counts (no activity log): a form fill weighs what a form in a log
    weighs — the same person is as engaged whichever tool's export was loaded."""
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2"],
            "email": ["a@a.example.jp", "b@b.example.jp"],
            "account_id": ["a", "b"],
            "web_visits": [3, 0],
            "conversions": [1, 0],
        }
    )
    r = rollup_accounts(leads, as_of=pd.Timestamp("2026-11-29")).set_index("account_id")
    assert r.loc["a", "engagement_sum"] == 3 * 1.0 + 12.5
    assert r.loc["b", "engagement_sum"] == 0
