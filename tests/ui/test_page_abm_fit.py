"""ABM-fit page (AppTest): verdict card on the demo data and on an SMB business, settings save."""

from __future__ import annotations

import pandas as pd

from abm.dataset import Dataset
from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, with_demo

PAGE = "pages/7_ABM_Fit.py"


def _smb() -> Dataset:
    """40 small companies (10–49 employees), one contact each, uniform deals of ~¥500k."""
    n = 40
    leads = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string"),
            "company": pd.array([f"スモール{i}商店" for i in range(n)], dtype="string"),
            "title": pd.array(["代表"] * n, dtype="string"),
            "department": pd.array(["代表"] * n, dtype="string"),
            "employees": pd.array([10 + i for i in range(n)], dtype="Int64"),
            "created_at": pd.to_datetime(["2025-01-10"] * n),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array([f"O{i}" for i in range(n)], dtype="string"),
            "lead_id": leads["lead_id"],
            "amount": pd.array([500_000.0 + 1_000 * i for i in range(n)], dtype="Float64"),
            "is_won": pd.array([True] * n, dtype="boolean"),
            "is_closed": pd.array([True] * n, dtype="boolean"),
            "created_at": pd.to_datetime(["2025-02-01"] * n),
            "close_date": pd.to_datetime(["2025-03-01"] * n),
        }
    )
    return Dataset(leads=leads, opportunities=opps)


def _open(lang: str, dataset: Dataset | None = None, demo=None):
    at = new_app()
    at.session_state[state.K_LANG] = lang
    at.run()
    if demo is not None:
        with_demo(at, demo)
    else:
        at.session_state[state.K_DATASET] = dataset
        at.session_state[state.K_TOKEN] = "fit-test"
        at.session_state[state.K_DATA_LABEL] = "test"
        at.session_state[state.K_MEMO] = {}
        at.session_state[state.K_AS_OF] = pd.Timestamp("2025-03-31")
    at.switch_page(PAGE)
    at.run()
    return at


def test_demo_is_a_good_fit(demo_session_state):
    at = _open("en", demo=demo_session_state)
    assert not at.exception
    assert at.success[0].value == t("accounts.fit.verdict.good", "en")
    labels = {m.label for m in at.metric}
    assert labels == {
        t(f"accounts.fit.ind.{k}", "en")
        for k in (
            "large_won_share",
            "large_pipeline_share",
            "median_contacts",
            "median_departments",
            "deal_spread",
            "small_buyer_share",
        )
    }
    from abm.accounts.fit import advice_params

    good = t("accounts.fit.next.good", "en", **advice_params())
    assert good in [m.value.lstrip("- ") for m in at.markdown]


def test_smb_business_is_a_poor_fit():
    at = _open("ja", _smb())
    assert not at.exception
    assert at.error[0].value == t("accounts.fit.verdict.poor", "ja")
    m = {x.label: x.value for x in at.metric}
    assert m[t("accounts.fit.ind.small_buyer_share", "ja")] == "100%"
    assert m[t("accounts.fit.ind.median_contacts", "ja")] == "1.0"
    assert m[t("accounts.fit.ind.large_won_share", "ja")] == "0%"
    steps = [x.value.lstrip("- ") for x in at.markdown]
    assert t("accounts.fit.next.poor", "ja") in steps
    # what the data shows, not ABM advice beside "rather than ABM" (QA-I)
    assert t("accounts.fit.seen.small_buyer_share", "ja") in steps
    assert t("accounts.fit.next.small_buyer_share", "ja") not in steps
    capacity = "\n".join(str(c.value) for c in at.caption)
    assert t("accounts.capacity.within", "ja", lo=10, hi=30) not in capacity
    assert "ABMが向いていないため" in capacity


def test_thresholds_change_and_save():
    at = _open("en", _smb())
    # Counting 10+ employees as "large" turns every buyer large: no SMB share any more.
    at.number_input(key=widget_key("abm_fit", "large_employees")).set_value(10).run()
    assert not at.exception
    m = {x.label: x.value for x in at.metric}
    assert m[t("accounts.fit.ind.large_won_share", "en")] == "100%"
    at.button(key=widget_key("abm_fit", "save")).click().run()
    assert not at.exception
    assert at.session_state[state.K_WORKSPACE].section("abm_fit")["large_employees"] == 10.0


def test_the_revenue_threshold_reads_in_the_workspaces_currency():
    at = _open("en", _smb())
    box = at.number_input(key=widget_key("abm_fit", "large_revenue"))
    assert box.label == "Large account: revenue at least (100M yen)" and box.value == 100
    ws = at.session_state[state.K_WORKSPACE]
    at.session_state[state.K_WORKSPACE] = ws.with_section("general", {"currency": "USD"})
    at.run()
    assert not at.exception
    box = at.number_input(key=widget_key("abm_fit", "large_revenue"))
    # a hundred million dollars, asked in millions: not ten billion dollars
    assert box.label == "Large account: revenue at least (millions USD)" and box.value == 100
    at.button(key=widget_key("abm_fit", "save")).click().run()
    assert at.session_state[state.K_WORKSPACE].section("abm_fit")["large_revenue"] == 1e8
    assert not any("yen" in str(c.value) for c in at.caption)


def test_target_accounts_say_what_tiers_are_for_when_abm_is_a_poor_fit(demo_session_state):
    # QA-I: the Target accounts page filled 20 Tier 1 (1:1) places "within the ABM-fit
    # advice" without a word, for a business the ABM-fit page judged a poor fit
    for lang in ("en", "ja"):
        at = _open(lang, _smb())
        at.switch_page("pages/6_Accounts.py")
        at.run()
        assert not at.exception
        assert t("accounts.page.poor_fit", lang) in [x.value for x in at.info]
        captions = "\n".join(str(c.value) for c in at.caption)
        assert t("accounts.capacity.within", lang, lo=10, hi=30) not in captions
        helps = [str(m.help) for m in at.metric]
        assert not any(t("accounts.capacity.within", lang, lo=10, hi=30) in h for h in helps)
    at = _open("en", demo=demo_session_state)  # a good fit: the advice, no note
    at.switch_page("pages/6_Accounts.py")
    at.run()
    assert not at.exception
    assert t("accounts.page.poor_fit", "en") not in [x.value for x in at.info]
    captions = "\n".join(str(c.value) for c in at.caption)
    assert t("accounts.capacity.within", "en", lo=10, hi=30) in captions


def test_the_per_account_medians_say_which_accounts_they_count(demo_session_state):
    """QA-N: 「商談・受注のある企業あたりの担当者数（中央値）… 対象 78」 read as every account
    with a deal (148 on the accounts page): it counts customers and open deals. The label
    says so in both languages, and the tile's help names the population and who is left out."""
    import re

    for lang in ("ja", "en"):
        at = _open(lang, demo=demo_session_state)
        assert not at.exception
        helps = {m.label: m.help for m in at.metric}
        for key in ("median_contacts", "median_departments"):
            label = t(f"accounts.fit.ind.{key}", lang)
            assert label in helps
            n = int(re.search(r"\d[\d,]*", str(helps[label])).group().replace(",", ""))
            assert helps[label] == t("accounts.fitpage.buyers_help", lang, n=n)
            note = t("accounts.fitpage.indicator_note", lang, status="", good="", poor="", n=n)
            assert any(note.split("·")[-1].strip() in c.value for c in at.caption)
        assert not any("商談・受注のある" in m.label or "buying" in m.label for m in at.metric)
