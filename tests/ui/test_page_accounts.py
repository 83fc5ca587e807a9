"""Accounts page (AppTest): ranked tiers, instant sliders, reasons, action lists, export, save."""

from __future__ import annotations

import pandas as pd

from abm.accounts import TIERS
from abm.dataset import Dataset
from abm.i18n import keys as K
from abm.i18n import t
from abm.ui import state
from abm.ui.shell import md
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, open_page

PAGE = "pages/6_Accounts.py"
AS_OF = pd.Timestamp("2024-04-01")


def _dataset(with_ids: bool = True) -> Dataset:
    """The hand-computed roll-up fixture: scores 78 (ACME), 41 (BETA), 40 (DELTA)."""
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L4", "L5"],
            "email": [
                "l1@acme.example",
                "l2@acme.example",
                "l3@acme.example",
                "l4@beta.example",
                "l5@beta.example",
            ],
            "company": ["株式会社アクメ", "㈱アクメ", "アクメ", "Beta Inc", "Beta Inc"],
            "title": ["代表取締役社長", "部長", "購買担当", "Sales Manager", "CFO"],
            "department": ["経営企画部", "情報システム部", "購買部", "Sales", "Finance"],
            "employees": pd.array([500, None, None, 40, None], dtype="Int64"),
            "created_at": pd.to_datetime(
                ["2024-01-01", "2024-01-05", "2024-05-01", "2024-02-01", "2024-02-01"]
            ),
            "sal_at": pd.to_datetime([None, None, None, "2024-03-15", None]),
        }
    ).astype({c: "string" for c in ("lead_id", "email", "company", "title", "department")})
    if with_ids:
        leads = leads.assign(account_id=pd.array(["ACME"] * 3 + ["BETA"] * 2, dtype="string"))
    activities = pd.DataFrame(
        {
            "lead_id": pd.array(["L1", "L1", "L2", "L4", None], dtype="string"),
            "email": pd.array([None, None, None, None, "l5@beta.example"], dtype="string"),
            "timestamp": pd.to_datetime(
                ["2024-04-01", "2024-03-22", "2024-03-12", "2024-03-22", "2024-03-12"]
            ),
            # BETA's engagement is L4's page view (L5's "email", a mail the tool sent:
            # kind other, weighs nothing); L4's SAL date marks BETA sales-touched
            "activity_type": pd.array(
                ["page_view", "form", "email", "page_view", "email"], dtype="string"
            ),
        }
    )
    opportunities = pd.DataFrame(
        {
            "opportunity_id": pd.array(["O1", "O2", "O3"], dtype="string"),
            "company": pd.array(["アクメ株式会社", None, None], dtype="string"),
            "lead_id": pd.array([None, "L4", "L4"], dtype="string"),
            "amount": pd.array([1_000_000.0, 3_000_000.0, 2_000_000.0], dtype="Float64"),
            "is_won": pd.array([True, False, True], dtype="boolean"),
            "is_closed": pd.array([True, False, True], dtype="boolean"),
            "created_at": pd.to_datetime(["2023-12-01", "2024-03-01", "2024-02-01"]),
            "close_date": pd.to_datetime(["2024-02-01", None, "2024-05-01"]),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": pd.array(["ACME", "DELTA"], dtype="string"),
            "company": pd.array(["株式会社アクメ", "𠮷田商店"], dtype="string"),
            "industry": pd.array(["製造業", "小売"], dtype="string"),
            "employees": pd.array([1200, 5000], dtype="Int64"),
            "annual_revenue": pd.array([5e10, None], dtype="Float64"),
        }
    )
    return Dataset(
        leads=leads, activities=activities, opportunities=opportunities, accounts=accounts
    )


def _open(lang: str = "en", with_ids: bool = True):
    return open_page(PAGE, _dataset(with_ids), lang=lang, token="accounts-test", as_of=AS_OF)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _ranked(at) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "why_not" in df.value.columns)


def test_ranked_tiers_and_reasons():
    at = _open("en")
    assert not at.exception
    m = _metrics(at)
    assert m["Accounts"] == "3"
    assert m["Tier 1"] == "1"
    assert m["Tier 2"] == "0"
    assert m["Tier 3"] == "2"
    table = _ranked(at)
    assert table["account"].tolist() == ["株式会社アクメ", "Beta Inc", "𠮷田商店"]
    # ACME's president in 経営企画部 decides and holds the budget (abm.core.titles.ROLE_RULES)
    assert table["score"].tolist() == [82.0, 41.0, 40.0]
    why = str(table["why"].iloc[0])
    assert why.startswith(
        "Rank 1 of 3 targetable accounts by score, within the 20 places of Tier 1 (1:1) / "
        "Score 82 (Tier 1 needs 70) / Strong fit (100)"
    )
    assert table["why_not"].iloc[1] == (
        "Score 41 is below 50 needed for Tier 2 (1:few) / "
        "Fit 10 is below 40 needed for Tier 2 (1:few)"
    )
    assert table["missing"].iloc[0] == ", ".join(  # the English list separator (QA-E)
        t(f"accounts.role.{r}", "en") for r in ("user_department", "procurement")
    )


def test_tier_slider_updates_instantly():
    at = _open("en")
    at.slider(key=widget_key("accounts", "t3")).set_value(45).run()
    assert not at.exception
    m = _metrics(at)
    assert m["Tier 3"] == "0"
    assert m["Tier 1"] == "1"


def test_target_industries_lower_the_fit_of_the_others_and_are_saved():
    """QA-M: banks and utilities got fit 100 at a maker of factory parts — the accounts'
    fit had no industry input on the page."""
    at = _open("en")
    at.multiselect(key=widget_key("accounts", "filter.tiers")).set_value(list(TIERS)).run()
    key = widget_key("accounts", "industries")
    assert at.multiselect(key=key).options == ["小売", "製造業"]  # the data's industries
    before = _ranked(at).set_index("account")["fit"]
    at.multiselect(key=key).set_value(["製造業"]).run()
    assert not at.exception
    after = _ranked(at).set_index("account")["fit"]
    assert after["株式会社アクメ"] == before["株式会社アクメ"]  # 製造業: kept
    assert after["𠮷田商店"] == before["𠮷田商店"] * 0.5  # 小売: the default factor
    at.slider(key=widget_key("accounts", "off_target")).set_value(0.2).run()
    assert _ranked(at).set_index("account")["fit"]["𠮷田商店"] == before["𠮷田商店"] * 0.2
    at.button(key=widget_key("accounts", "save")).click().run()
    rollup = at.session_state[state.K_WORKSPACE].section("tier_rules")["rollup"]
    assert (rollup["target_industries"], rollup["off_target_factor"]) == (["製造業"], 0.2)


def test_action_lists_tabs_count_accounts():
    at = _open("en")
    labels = [tab.label for tab in at.tabs]
    assert f"{t('accounts.action.whitespace', 'en')} (1)" in labels  # DELTA: fit 100, no engagement
    assert f"{t('accounts.action.expansion', 'en')} (1)" in labels  # ACME: customer, engaged


def test_cp932_export_lists_unencodable_characters():
    at = _open("ja")
    assert not at.exception
    assert not at.warning
    at.segmented_control(key=widget_key("accounts", "encoding")).set_value("cp932").run()
    assert not at.exception
    assert at.warning[0].value == t("accounts.page.unencodable", "ja", count=1)
    problems = next(
        df.value for df in at.dataframe if t("accounts.col.char", "ja") in df.value.columns
    )
    assert problems[t("accounts.col.char", "ja")].tolist() == ["𠮷"]
    assert problems[t("accounts.col.codepoint", "ja")].tolist() == ["U+20BB7"]


def test_save_stores_the_tier_rules_section():
    at = _open("en")
    at.slider(key=widget_key("accounts", "t1")).set_value(85).run()
    at.button(key=widget_key("accounts", "save")).click().run()
    assert not at.exception
    section = at.session_state[state.K_WORKSPACE].section("tier_rules")
    assert section["tier1_score"] == 85.0
    assert section["rollup"]["engagement_method"] == "decayed"
    m = _metrics(at)
    assert m["Tier 1"] == "0"  # 82 < 85


def test_without_account_ids_uses_matching_and_renders():
    at = _open("ja", with_ids=False)
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert t("accounts.page.key_resolved", "ja") in captions or (
        t("accounts.page.key_fallback", "ja") in captions
    )
    assert len(_ranked(at)) >= 3


def test_bad_saved_settings_show_a_message_and_use_defaults():
    from abm.settings import Workspace

    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.session_state[state.K_DATASET] = _dataset()
    at.session_state[state.K_TOKEN] = "accounts-test"
    at.session_state[state.K_MEMO] = {}
    at.session_state[state.K_AS_OF] = AS_OF
    at.session_state[state.K_WORKSPACE] = Workspace().with_section(
        "tier_rules", {"rollup": {"engagement_method": "magic"}}
    )
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.error[0].value == t(
        "config.err.choice",
        "en",
        section=md("tier_rules"),
        key=md("rollup.engagement_method"),
        choices="sum, decayed, breadth",
    )
    assert _metrics(at)["Tier 1"] == "1"


def test_demo_data_renders_with_all_tiers(demo_session_state):
    from tests.ui.conftest import with_demo

    at = new_app()
    at.session_state[state.K_LANG] = "ja"
    at.run()
    with_demo(at, demo_session_state)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    m = _metrics(at)
    assert int(m[t("accounts.kpi.accounts", "ja")].replace(",", "")) > 100
    for tier in ("tier_1", "tier_2", "tier_3"):
        assert int(m[t(K.TIER_SHORT[tier], "ja")].replace(",", "")) > 0
    at.segmented_control(key=widget_key("accounts", "preset")).set_value("hubspot").run()
    assert not at.exception
    # HubSpot's import reads UTF-8: no Shift_JIS to choose, and the page says so (QA-K)
    assert t("accounts.page.hubspot_utf8", "ja") in [c.value for c in at.caption]
    assert not [s for s in at.segmented_control if s.key == widget_key("accounts", "encoding")]


def _reconciled(demo_session_state, day=None):
    """The accounts page on the demo (en), at ``day`` if given: the app, the sidebar's
    account count, the caption the page should show (``reconcile`` or ``reconcile_as_of``)
    and the accounts with people."""
    from tests.ui.conftest import new_app, with_demo

    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.switch_page("pages/6_Accounts.py")
    at.run()
    if day is not None:
        at.sidebar.date_input(key=state.K_W_AS_OF).set_value(day).run()
    assert not at.exception
    sidebar = at.session_state[state.K_MEMO]["pipeline.prepared"][0][1].clean.summary["accounts"]
    scored = at.session_state[state.K_MEMO]["accounts.scored"][0][1]
    with_people = int((scored["contacts"] > 0).sum())
    key = "accounts.page.reconcile" if with_people == sidebar else "accounts.page.reconcile_as_of"
    counts = {"total": len(scored), "with_people": with_people, "sidebar": sidebar}
    expected = t(key, "en", **counts, without=len(scored) - with_people)
    return at, sidebar, expected, with_people


def test_account_count_reconciles_with_the_sidebar(demo_session_state):
    """The accounts page counts accounts from the CRM exports with nobody in touch
    too; it says so, and its 'with people' figure is the sidebar's 名寄せ count."""
    at, sidebar, expected, with_people = _reconciled(demo_session_state)
    assert with_people == sidebar
    assert expected in [c.value for c in at.caption]


def test_at_an_earlier_as_of_date_the_count_does_not_claim_the_sidebars(demo_session_state):
    """QA: at an earlier as-of date the page said "366 with people (the sidebar's count)"
    beside a sidebar of 378: it now says which is which."""
    import datetime as dt

    at, sidebar, expected, with_people = _reconciled(demo_session_state, dt.date(2026, 6, 30))
    assert with_people < sidebar
    said = [c.value for c in at.caption]
    assert expected in said
    assert not any("the sidebar's count" in c for c in said)


def test_an_excluded_school_is_shown_but_never_a_target_nor_exported():
    """A 学校法人 in the accounts file with a 課長 among the leads (#13): the person is
    kept, the school is listed with its reason, not tiered, not in any action list
    and not in the CRM export."""
    base = _dataset()
    school_lead = pd.DataFrame(
        {
            "lead_id": ["L9"],
            "email": ["kacho@shirakaba-gakuen.ac.jp"],
            "company": ["学校法人白樺学園"],
            "title": ["課長"],
            "department": ["情報システム部"],
            "created_at": pd.to_datetime(["2024-01-01"]),
        }
    ).astype({c: "string" for c in ("lead_id", "email", "company", "title", "department")})
    school_row = pd.DataFrame(
        {
            "account_id": pd.array(["SCHOOL"], dtype="string"),
            "company": pd.array(["学校法人白樺学園"], dtype="string"),
            "industry": pd.array(["教育"], dtype="string"),
            "employees": pd.array([3000], dtype="Int64"),
            "annual_revenue": pd.array([5e10], dtype="Float64"),
        }
    )
    ds = Dataset(
        leads=pd.concat([base.leads, school_lead], ignore_index=True),
        activities=base.activities,
        opportunities=base.opportunities,
        accounts=pd.concat([base.accounts, school_row], ignore_index=True),
    )
    at = open_page(PAGE, ds, lang="en", token="accounts-school", as_of=AS_OF)
    assert not at.exception
    m = _metrics(at)
    # QA-K: its 課長 is a kept person, so the school is no exclusion: a possible target
    assert (m["Tier 1"], m["Tier 2"], m["Tier 3"]) == ("1", "0", "3")
    assert "学校法人白樺学園" in _ranked(at)["account"].tolist()
    scored = at.session_state[state.K_MEMO]["accounts.scored"][0][1]
    school = scored[scored["account_name"] == "学校法人白樺学園"].iloc[0]
    assert not school["excluded"] and school["employees"] == 3000  # its accounts-file row
    buttons = [b.proto.label for b in at.get("download_button")]
    assert t("accounts.page.download_xlsx", "en", rows=4) in buttons


def test_tiers_follow_the_capacity_and_agree_with_the_abm_fit_advice(demo_session_state):
    """#19: the demo's Tier 1 is its capacity (20, inside the ABM-fit advice of 10–30, not
    85); the ABM-fit page says the same advice and the same capacity; a capacity saved on
    the accounts page is what the ABM-fit page reports next, judged in the same words."""
    from abm.accounts import CAPACITY_ADVICE, TierRules
    from abm.accounts.fit import advice_params
    from tests.ui.conftest import with_demo

    at = with_demo(new_app(), demo_session_state)
    at.session_state[state.K_LANG] = "ja"
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    lo, hi = CAPACITY_ADVICE["tier_1"]
    tier1 = next(m for m in at.metric if m.label == t(K.TIER_SHORT["tier_1"], "ja"))
    assert int(tier1.value) == TierRules().tier1_capacity  # filled to capacity, by rank
    assert lo <= int(tier1.value) <= hi
    within = t("accounts.capacity.within", "ja", lo=lo, hi=hi)
    assert within in tier1.proto.help
    none = next(m for m in at.metric if m.label == t(K.TIER_SHORT["none"], "ja"))
    scored = at.session_state[state.K_MEMO]["accounts.scored"][0][1]
    assert int(none.value.replace(",", "")) == int((scored["tier"] == "none").sum())
    assert t("accounts.kpi.none_help", "ja", excluded=int(scored["excluded"].sum())) == (
        none.proto.help
    )

    at.switch_page("pages/7_ABM_Fit.py")
    at.run()
    assert not at.exception
    steps = [m.value.lstrip("- ") for m in at.markdown]
    assert t("accounts.fit.next.good", "ja", **advice_params()) in steps
    assert f"{lo}〜{hi}社" in t("accounts.fit.next.good", "ja", **advice_params())
    captions = [c.value for c in at.caption]
    assert any(f"Tier 1は{TierRules().tier1_capacity}社（{within}）" in c for c in captions)

    at.switch_page(PAGE)
    at.run()
    at.number_input(key=widget_key("accounts", "cap1")).set_value(50).run()
    at.button(key=widget_key("accounts", "save")).click().run()
    assert not at.exception
    tier1 = next(m for m in at.metric if m.label == t(K.TIER_SHORT["tier_1"], "ja"))
    above = t("accounts.capacity.above", "ja", lo=lo, hi=hi)
    assert above in tier1.proto.help
    at.switch_page("pages/7_ABM_Fit.py")
    at.run()
    assert any(f"Tier 1は50社（{above}）" in c.value for c in at.caption)


def test_each_tier_capacity_line_adds_up(demo_session_state):
    """QA-N: 「Tier 3（1:多数）: 400社／枠400社（基準を満たす企業1,818社、枠が足りず下のTierへ939社）」
    did not add up (1,818 − 400 ≠ 939): the qualified counted the accounts the higher tiers
    took. Each line now reads qualified = placed + moved down, and placed is the tier's tile."""
    import re

    from abm.accounts import TIERS
    from tests.ui.conftest import with_demo

    caps = (5, 10, 20)  # small tiers: each one overflows on the demo
    for lang in ("ja", "en"):
        at = new_app()
        at.session_state[state.K_LANG] = lang
        at.run()
        with_demo(at, demo_session_state)
        at.switch_page(PAGE)
        at.run()
        for key, cap in zip(state.K_ACCOUNTS_CAPACITY, caps, strict=True):
            at.number_input(key=key).set_value(cap).run()
        assert not at.exception
        m = _metrics(at)
        label3 = t(K.TIER["tier_3"], lang)
        lines = next(c.value for c in at.caption if label3 + ":" in c.value).split("  \n")
        assert len(lines) == 3
        below = [t("accounts.page.fill_below", lang)] * 2 + [t("accounts.page.fill_none", lang)]
        offered = []
        for line, tier, cap, where in zip(lines, TIERS[:3], caps, below, strict=True):
            label = t(K.TIER[tier], lang)
            assert line.startswith(label) and where in line
            numbers = [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", line[len(label) :])]
            placed, capacity, qualified, placed_again, moved = numbers
            assert (placed, capacity, placed_again) == (cap, cap, cap)
            assert qualified == placed + moved and moved > 0, line
            assert int(m[t(K.TIER_SHORT[tier], lang)].replace(",", "")) == placed
            offered.append(qualified)
        # what a full Tier 2 moved down is offered to Tier 3 (Tier 2's minimums include
        # Tier 3's by default)
        assert offered[2] >= offered[1] - caps[1]
