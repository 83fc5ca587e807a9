"""Data page: a new upload never inherits another file's widgets; a re-read that
would lose rows asks first (issue #13 item 7)."""

from __future__ import annotations

import pytest

from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import new_app

HUBSPOT = "Record ID,First Name,Last Name,Email,Company Name,Job Title,Lifecycle Stage\n" + "".join(
    f"{100 + i},Taro{i},Yamada,taro{i}@corp{i % 4}.co.jp,Corp{i % 4} Inc.,Manager,lead\n"
    for i in range(12)
)
ACCOUNTS = "取引先名,業種,従業員数\n" + "".join(
    f"株式会社ほし{i},製造業,{100 + i}\n" for i in range(5)
)


def _data_page(lang: str = "ja"):
    at = new_app()
    at.session_state[state.K_LANG] = lang
    at.run()
    at.switch_page("pages/1_Data.py")
    return at.run()


def _upload(at, name: str, text: str):
    at.file_uploader(key=widget_key("data", "uploads")).set_value(
        (name, text.encode("utf-8"), "text/csv")
    )
    return at.run()


def _kind(at, i: int = 0):
    token = at.session_state[state.K_TOKEN]
    return at.selectbox(key=widget_key("data", f"file_kind.{token}.{i}"))


def test_a_new_upload_gets_its_own_kind_and_mapping():
    at = _upload(_data_page(), "accounts.csv", ACCOUNTS)
    assert not at.exception
    assert _kind(at).value == "accounts"
    at = _upload(at, "hubspot_contacts.csv", HUBSPOT)
    assert not at.exception
    assert _kind(at).value == "leads"  # not the previous file's "accounts"
    mapping = at.session_state[state.K_PARTS][0][1]
    assert dict(mapping.columns)["Email"] == "email"
    assert len(at.session_state[state.K_DATASET].leads) == 12
    assert "12" in at.sidebar.caption[0].value  # the sidebar shows the new data


def test_a_reread_that_would_lose_rows_asks_first():
    at = _upload(_data_page(), "hubspot_contacts.csv", HUBSPOT)
    _kind(at).set_value("activities")  # a lead export read as activities loses every lead
    at.run()
    at.button(key=widget_key("data", "apply")).click()
    at.run()
    assert not at.exception
    assert len(at.session_state[state.K_DATASET].leads) == 12  # nothing applied yet
    warning = " ".join(w.value for w in at.warning)
    assert t("data.reread_loses", "ja", table=t("table.leads", "ja"), before=12, after=0) in warning
    at.button(key=widget_key("data", "reread_cancel")).click()
    at.run()
    assert len(at.session_state[state.K_DATASET].leads) == 12
    assert state.K_DATA_PENDING not in at.session_state


def test_another_kind_chosen_gets_the_columns_mori_reads_for_that_kind():
    # QA: a file switched to another kind had every column blank, to be mapped by hand
    at = _upload(_data_page(), "hubspot_contacts.csv", HUBSPOT)
    _kind(at).set_value("accounts")
    at.run()
    at.button(key=widget_key("data", "apply")).click()
    at.run()
    at.button(key=widget_key("data", "reread_anyway")).click()  # the leads go: asked first
    at.run()
    assert not at.exception
    mapping = at.session_state[state.K_PARTS][0][1]
    assert mapping.table == "accounts"
    assert dict(mapping.columns)["Company Name"] == "company"
    assert len(at.session_state[state.K_DATASET].accounts) == 12  # every row kept


OPPS = "商談名,取引先名,フェーズ,金額,完了予定日\n" + "".join(
    f"案件{i},株式会社ほし{i % 3},{('受注', '失注', '提案', '')[i % 4]},{100 + i},2024/09/30\n"
    for i in range(8)
)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rows_without_a_phase_are_said_as_such_not_as_zero_unknown_phases(lang):
    # QA: "0 phases (5 rows) are unknown" when the only rows in doubt had no phase at all
    at = _upload(_data_page(lang), "opportunities.csv", OPPS)
    assert not at.exception
    said = " ".join(str(x.value) for x in [*at.info, *at.warning])
    assert t("data.phases_blank", lang, rows=2) in said
    assert t("data.phases_unknown", lang, n=0, rows=2) not in said
