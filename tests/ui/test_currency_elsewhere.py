"""Outside a page run: deferred downloads, narrow tables, memos, callbacks of a signed-out tab."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from abm.core.format import fmt_yen, use_currency
from abm.ui import auth, state
from abm.ui.widgets import money_unit


def test_a_deferred_download_writes_money_in_the_currency_of_the_run_that_drew_it():
    # the meeting report runs when clicked, apart from any page run (review: it was in yen)
    with use_currency("USD"):
        download = auth.guarded(lambda: fmt_yen(3450, "en").encode())
    assert download() == b"$3,450"


def test_a_deferred_download_gives_nothing_once_the_login_ended_in_another_tab(monkeypatch):
    monkeypatch.setattr(auth, "team_mode", lambda: True)
    began = pd.Timestamp("2026-12-07 09:00", tz="UTC")
    st.session_state[state.K_LOGIN] = ("login-a", began)
    try:
        download = auth.guarded(lambda: b"the workspace's data")
        assert download() == b"the workspace's data"
        auth._end_login("login-a", began + pd.Timedelta(minutes=5))
        assert download() == b""
        assert auth.login_ended() and not auth.can_edit()  # a callback writes nothing either
    finally:
        auth._ENDED.pop("login-a", None)
        st.session_state.pop(state.K_LOGIN, None)


def test_narrow_money_columns_name_the_currency():
    assert money_unit("ja")[1] == "万円" and money_unit("en")[1] == "¥M"
    with use_currency("USD"):
        assert money_unit("ja")[1] == "万ドル" and money_unit("en")[1] == "$M"


def test_memos_are_kept_per_currency():
    with use_currency("USD"):
        usd = state._full_key("k")
    assert state._full_key("k") != usd


def test_a_membership_change_from_a_signed_out_tab_does_nothing(monkeypatch):
    from abm.ui import members

    done = []
    monkeypatch.setattr(auth, "login_ended", lambda: True)
    members._apply(lambda: done.append("removed"))
    assert done == []
    monkeypatch.setattr(auth, "login_ended", lambda: False)
    members._apply(lambda: done.append("removed"))
    assert done == ["removed"]


def test_amounts_signed_in_dollars_are_not_said_once_the_workspace_counts_in_dollars():
    # QA-I: "amounts carry another currency's sign than yen — choose the currency" stayed
    # after the user chose dollars; a column of currency codes is still said
    from abm.ingest.read import issues_frame
    from abm.ui.widgets import issue_messages

    key = "ingest.issue.foreign_currency"
    issues = issues_frame(
        [
            ("deals.csv", 3, "Amount", "foreign_currency", 12, key + "_dollar"),
            ("deals.csv", 5, "Price", "foreign_currency", 3, key + "_euro"),
            ("deals.csv", 6, "Cost", "foreign_currency", 4, key),  # several signs
            ("deals.csv", 4, "Amount", "foreign_currency", 2, key + "_column"),
        ]
    )
    in_yen = issue_messages(issues)["message"].tolist()
    assert len(in_yen) == 4
    for code in ("USD", "SGD"):  # dollars, whichever: the dollar-signed amounts are counted
        with use_currency(code):
            assert issue_messages(issues)["message"].tolist() == in_yen[1:]
    with use_currency("EUR"):  # review: dollars in a euro workspace are still said, and so on
        assert issue_messages(issues)["message"].tolist() == [in_yen[0], *in_yen[2:]]
    with use_currency("KRW"):
        assert issue_messages(issues)["message"].tolist() == in_yen
