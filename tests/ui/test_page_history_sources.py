"""Since last meeting refuses to compare another company's data (QA-N), in AppTest sessions.

A tester loaded another company's exports into a workspace where a first dataset had
been saved: the gap page's section compared the two ("MQLs no longer in the data 1,929",
"accounts down a tier 42"). Now each page's section says the two snapshots share almost
no people and shows no move; two months of one company still compare.
"""

from __future__ import annotations

import pytest

from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.support.months import monthly_exports
from tests.ui.test_page_workspace import _history_open, _only, _session, _store, _upload

APRIL, MAY = "2026-04-30", "2026-05-31"
PAGES = {"gap": "pages/4_Gap.py", "accounts": "pages/6_Accounts.py", "funnel": "pages/3_Funnel.py"}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MORI_PERSIST", "1")
    monkeypatch.setenv("MORI_HOME", str(tmp_path / "mori-home"))
    return tmp_path / "mori-home"


def _said(lang: str) -> str:
    """The start of the refusal, before its first number."""
    return t("workspace.history.different_people", lang, share="§", least="§").split("§")[0]


def _open(at, page: str) -> dict[str, str]:
    at.switch_page(PAGES[page])
    at.run()
    assert not at.exception
    return _history_open(at, page)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_another_companys_snapshot_is_not_compared_on_any_page(home, lang):
    _upload(monthly_exports((APRIL,), n_people=120, seed=7)[APRIL])
    _upload(monthly_exports((MAY,), n_people=120, seed=8)[MAY])  # another company's people
    assert len(_store(home).snapshots(_only(home))) == 2
    at = _session(lang)
    for page in PAGES:
        shown = _open(at, page)
        said = [w.value for w in at.warning if _said(lang) in w.value]
        assert said, page
        assert "0%" in said[0] and "50%" in said[0]  # the share found, the share needed
        moves = (t("workspace.history.new_mql", lang), t("workspace.history.tier_down", lang))
        assert not set(moves) & set(shown), page  # no move shown as a change
        assert not [df for df in at.dataframe
                    if t("workspace.history.stage", lang) in df.value.columns]  # fmt: skip


def test_two_months_of_one_company_still_compare(home):
    exports = monthly_exports((APRIL, MAY), n_people=120)
    _upload(exports[APRIL])
    at = _upload(exports[MAY])
    shown = _open(at, "gap")
    assert t("workspace.history.new_mql", "en") in shown
    assert not [w.value for w in at.warning if _said("en") in w.value]
    assert (
        at.session_state[state.K_WS_SNAPSHOT] == _store(home).snapshots(_only(home))[0].snapshot_id
    )
    before = at.selectbox(key=widget_key("workspace", "history.gap.before")).value
    assert before == _store(home).snapshots(_only(home))[1].snapshot_id
