"""A user with only a lead export gets a working app: every page renders."""

from __future__ import annotations

import pytest

from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import PAGE_FILES, new_app

PARDOT = (
    "Email,First Name,Last Name,Company,Job Title,Score,Grade,Industry,Employees,"
    "Annual Revenue,Created Date,Last Activity\n"
    + "".join(
        f"p{i}@corp{i % 9}.example.co.jp,Taro{i},Yamada,Corp{i % 9} Inc.,"
        f"{'Director' if i % 3 else 'Manager'},{i * 7 % 120},{'ABCD'[i % 4]},"
        f"Manufacturing,{100 + i * 10},{i * 1_000_000},2026-0{1 + i % 8}-1{i % 9},2026-09-0{1 + i % 9}\n"
        for i in range(60)
    )
)
BOWNOW_MIN = "会社名,氏名,メールアドレス\n" + "".join(
    f"株式会社テスト{i % 5},山田 {i},t{i}@test{i % 5}.co.jp\n" for i in range(25)
)


@pytest.mark.parametrize(("name", "data"), [("pardot.csv", PARDOT), ("bownow_min.csv", BOWNOW_MIN)])
def test_every_page_renders_with_leads_only(name, data):
    at = new_app().run()
    at.file_uploader(key=widget_key("home", "uploads")).set_value(
        (name, data.encode("utf-8"), "text/csv")
    )
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.session_state[state.K_DATASET].activities is None
    for page in PAGE_FILES:
        at.switch_page(f"pages/{page}")
        at.run()
        assert not at.exception, (name, page, at.exception)
        assert not at.error, (name, page, [e.value for e in at.error])
