"""A load whose every lead is excluded in cleaning says so on the analysis pages.

Before, the funnel said "No leads match these filters" (#17's source journey found it:
a generator's ``example.co.jp`` addresses are test data, 営業対象外): the reader
looked for a filter to loosen when the cause was the cleaning rules.
"""

from __future__ import annotations

import pytest

from abm.i18n import t
from abm.ingest import load_files
from tests.ui.conftest import open_page

ANALYSES = ("pages/3_Funnel.py", "pages/4_Gap.py", "pages/5_Scoring.py", "pages/6_Accounts.py")


@pytest.fixture(scope="module")
def excluded():
    rows = [
        f"L{i},テスト商事{i},taro{i}@example.co.jp,2026-0{1 + i % 8}-10 10:00" for i in range(12)
    ]
    text = "リードID,会社名,メールアドレス,作成日\n" + "\n".join(rows) + "\n"
    dataset, errors = load_files([("leads.csv", text.encode("utf-8"))])
    assert not errors and len(dataset.leads) == 12
    return dataset


@pytest.mark.parametrize("page", ANALYSES)
def test_every_lead_excluded_is_said_with_the_way_to_the_cleaning_page(excluded, page):
    at = open_page(page, excluded, lang="en")
    assert not at.exception
    assert [w.value for w in at.warning] == [t("guard.all_excluded", "en", n=12)]
    assert not at.metric  # nothing analysed: there is nobody to count
    assert t("funnel.no_leads", "en") not in [i.value for i in at.info]
