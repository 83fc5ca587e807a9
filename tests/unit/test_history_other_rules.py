"""Since last meeting in the meeting report: the later snapshot's figures are the pages'
when it is the data shown, and a snapshot cleaned under other exclusion rules says so
(QA: the report's "after" said Inquiry 2,749 from a snapshot stored before the exclusion
rules were saved, while every page counted 2,664 kept people)."""

from __future__ import annotations

import pandas as pd

from abm.accounts import TIERS
from abm.history import HistorySettings, Side, compare, other_rules
from abm.history.tiers import scored_accounts
from abm.i18n import t
from abm.pipeline import prepare
from abm.report.history import history_html
from abm.resolve import ExclusionRules
from tests.unit.test_gap_web_visits_excluded import AS_OF, _dataset

RULES = ExclusionRules(competitor_domains=("rival-soft.co.jp",))


def _sides():
    raw = _dataset()
    stale = prepare(raw)  # stored before the competitor rule was saved
    now = prepare(raw, rules=RULES)  # what every page reads now
    before = Side(stale.dataset, AS_OF - pd.Timedelta(days=1), "old", "s1",
                  cleaned_with=stale.clean.rules)  # fmt: skip
    after = Side(now.dataset, AS_OF, "new", "s2", cleaned_with=now.clean.rules)
    return stale, now, before, after


def test_a_snapshot_cleaned_under_other_rules_is_said_and_now_is_the_pages():
    stale, now, before, after = _sides()
    settings = HistorySettings(exclusions=now.clean.rules)  # the pages' rules
    assert other_rules(before, settings) and not other_rules(after, settings)
    h = compare(before, after, settings, lang="en")
    assert "other_rules_before" in h.notes and "other_rules_after" not in h.notes
    # the stored snapshot's figures are what they were; "after" is the pages' count
    assert int(h.funnel["before"].iloc[0]) == len(stale.dataset.leads) == 3
    assert int(h.funnel["after"].iloc[0]) == len(now.dataset.leads) == 2
    page = history_html(h, "en").replace("&#x27;", "'").replace("&quot;", '"')
    said = t("workspace.history.other_rules", "en", label="old",
             as_of=f"{before.as_of:%Y-%m-%d}")  # fmt: skip
    assert said.replace("“", "").replace("”", "") in page.replace("“", "").replace("”", "")
    assert 'data-metric="history.other_rules"' in page


def test_same_rules_say_nothing_and_tiers_are_the_accounts_pages():
    _, now, _, after = _sides()
    settings = HistorySettings(exclusions=now.clean.rules)
    same = Side(now.dataset, AS_OF - pd.Timedelta(days=1), "old", "s1",
                cleaned_with=now.clean.rules)  # fmt: skip
    h = compare(same, after, settings, lang="ja")
    assert not [n for n in h.notes if n.startswith("other_rules")]
    assert 'data-metric="history.other_rules"' not in history_html(h, "ja")
    # the accounts page's tiers for the same settings (roll-up, then score_accounts)
    page = scored_accounts(after, settings.tier_rules, settings.rollup, now.clean.rules)
    want = page["tier"].astype("string").value_counts().reindex(TIERS, fill_value=0)
    assert h.tiers.counts["after"].tolist() == want.tolist()


# --- the user's own rules are compared, not the lists each month's people completed ------

OWN = ExclusionRules(competitor_names=("ライバルソフト",))


def _next_month():
    """The same people a month on, and two more of the competitor's staff, at another
    domain (rivalsoft.com): the completed competitor domains differ from the first month's."""
    raw = _dataset()
    more = pd.DataFrame({
        "lead_id": pd.Series(["C2", "C3"], dtype="string"),
        "email": pd.Series(["sales@rivalsoft.com", "pr@rivalsoft.com"], dtype="string"),
        "full_name": pd.Series(["江藤 四郎", "小川 五郎"], dtype="string"),
        "company": pd.Series(["ライバルソフト株式会社"] * 2, dtype="string"),
        "created_at": pd.to_datetime(["2026-05-10", "2026-05-11"]),
        "lead_status": pd.Series(["new", "new"], dtype="string"),
    })  # fmt: skip
    leads = pd.concat([raw.leads, more], ignore_index=True)
    return type(raw)(leads=leads, activities=raw.activities)


def _stored(prepared, loaded, as_of, label, snap_id, *, old_store=False):
    """A side as the pages read a stored snapshot: from its description (an older store
    kept only the completed lists)."""
    from abm.workspace.snapshot import Snapshot, cleaned_with, encode, rules_set

    _, _, description = encode(Snapshot(loaded=loaded, prepared=prepared))
    if old_store:
        description.pop("exclusion_rules_set")
    return Side(prepared.dataset, as_of, label, snap_id,
                cleaned_with=cleaned_with(description), rules_set=rules_set(description))  # fmt: skip


def _pages(now):
    """The pages' settings as the history view builds them."""
    return HistorySettings(exclusions=now.clean.rules, exclusions_set=now.clean.rules_set)


def test_same_own_rules_on_two_months_of_different_people_say_nothing():
    first, later = _dataset(), _next_month()
    before_p, now = prepare(first, rules=OWN), prepare(later, rules=OWN)
    # the people completed the lists differently: the bug compared these
    assert "rivalsoft.com" in now.clean.rules.competitor_domains
    assert before_p.clean.rules.competitor_domains != now.clean.rules.competitor_domains
    assert before_p.clean.rules_set == now.clean.rules_set == OWN
    after = Side(now.dataset, AS_OF, "new", "s2", cleaned_with=now.clean.rules,
                 rules_set=now.clean.rules_set)  # fmt: skip
    for old_store in (False, True):
        before = _stored(before_p, first, AS_OF - pd.Timedelta(days=30), "old", "s1",
                         old_store=old_store)  # fmt: skip
        assert (before.rules_set is None) == old_store
        h = compare(before, after, _pages(now), lang="ja")
        assert not [n for n in h.notes if n.startswith("other_rules")], old_store
        assert 'data-metric="history.other_rules"' not in history_html(h, "ja")


def test_other_own_rules_on_two_months_of_different_people_are_said():
    first, later = _dataset(), _next_month()
    before_p = prepare(first)  # stored before the competitor rule was saved
    now = prepare(later, rules=OWN)
    after = Side(now.dataset, AS_OF, "new", "s2", cleaned_with=now.clean.rules,
                 rules_set=now.clean.rules_set)  # fmt: skip
    for old_store in (False, True):
        before = _stored(before_p, first, AS_OF - pd.Timedelta(days=30), "old", "s1",
                         old_store=old_store)  # fmt: skip
        h = compare(before, after, _pages(now), lang="en")
        assert "other_rules_before" in h.notes and "other_rules_after" not in h.notes
        assert 'data-metric="history.other_rules"' in history_html(h, "en")
    # a switch turned off is other rules too, even with the same lists
    off = prepare(first, rules=ExclusionRules(competitor_names=OWN.competitor_names,
                                              competitors=False))  # fmt: skip
    before = _stored(off, first, AS_OF - pd.Timedelta(days=30), "old", "s1", old_store=True)
    assert other_rules(before, _pages(now))
