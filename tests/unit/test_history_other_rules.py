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
