"""Cleaning page (AppTest): ledger KPIs, sensitivity, review decisions saved and re-applied, rules saved."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.i18n import t
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import new_app, open_page

PAGE = "pages/2_Cleaning.py"


def _dataset() -> Dataset:
    """9 rows, hand-counted.

    Rows 0–1: one person (same email, case differs) at サカタのタネ → 1 merged row.
    Row 2: 個人 with gmail → excluded (free_mail). Row 3: test@ → excluded (test).
    Rows 4–6: 三和電機 on two domains and once without evidence → 3 accounts and
    2 pairs to review (ambiguous name). Row 7: ミライテクノロジャ (gmail) is a typo
    of row 8's ミライテクノロジア (mirai.co.jp): ratio 1 − 2/18 = 88.9 ≥ 88, so it
    joins by fuzzy name at the default threshold and stays apart at 100.
    Persons 8; kept 6; accounts: サカタ, 三和×3, ミライ = 5.
    """
    companies = [
        "株式会社サカタのタネ",
        "サカタのタネ(株)",
        "個人",
        "テスト",
        "三和電機",
        "三和電機",
        "三和電機",
        "ミライテクノロジャ",
        "ミライテクノロジア",
    ]
    emails = [
        "a@sakataseed.co.jp",
        "A@SAKATASEED.CO.JP",
        "x@gmail.com",
        "test@foo.co.jp",
        "s@sanwa-denki.co.jp",
        "e@sanwa-elec.co.jp",
        None,
        "m@gmail.com",
        "n@mirai.co.jp",
    ]
    n = len(companies)
    leads = pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string"),
            "company": pd.array(companies, dtype="string"),
            "email": pd.array(emails, dtype="string"),
            "created_at": pd.to_datetime([f"2026-01-{i + 1:02d}" for i in range(n)]),
            "source_file": pd.array(["leads.csv"] * n, dtype="string"),
            "source_row": pd.array(range(2, n + 2), dtype="Int64"),
        }
    )
    return Dataset(leads=leads)


def _open(lang: str = "en"):
    return open_page(PAGE, _dataset(), lang=lang, token="cleaning-test")


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_ledger_kpis(lang):
    at = _open(lang)
    assert not at.exception
    m = _metrics(at)
    assert m[t("resolve.kpi.leads_in", lang)] == "9"
    assert m[t("resolve.kpi.persons", lang)] == "8"
    assert m[t("resolve.kpi.excluded", lang)] == "2"
    # persons count excluded people, the excluded tile counts rows: each says so (QA)
    helps = {x.label: x.help for x in at.metric}
    assert helps[t("resolve.kpi.persons", lang)] == t(
        "resolve.kpi.persons_help", lang, kept=6, excluded=2
    )
    assert helps[t("resolve.kpi.excluded", lang)] == t("resolve.kpi.excluded_help", lang, persons=2)
    # サカタのタネ, 三和電機 ×3 (two domains + one ambiguous), ミライ (typo joins by fuzzy name)
    assert m[t("resolve.kpi.accounts", lang)] == "5"
    assert m[t("resolve.kpi.review", lang)] == "2"
    ledger = t("resolve.ledger", lang, rows_in=9, kept=6, merged=1, excluded=2)
    assert any(ledger in c.value for c in at.caption)


def test_threshold_changes_accounts():
    at = _open()
    at.slider(key=widget_key("cleaning", "threshold")).set_value(100).run()
    assert not at.exception
    m = _metrics(at)
    assert m["Accounts found"] == "6"  # the typo no longer joins
    assert any("(+1 vs the default 88)" in c.value for c in at.caption)


def test_uploaded_decisions_apply_and_are_saved():
    at = _open()
    doc = {
        "decisions": [{"action": "confirm", "a": "三和電機|sanwa-denki.co.jp", "b": "三和電機|"}]
    }
    at.file_uploader(key=widget_key("cleaning", "decisions_upload")).set_value(
        ("decisions.json", json.dumps(doc, ensure_ascii=False).encode("utf-8"), "application/json")
    ).run()
    assert not at.exception
    m = _metrics(at)
    assert m["Accounts found"] == "4"  # the ambiguous 三和電機 row joined sanwa-denki
    assert m["Weak matches to review"] == "0"
    ws = at.session_state[state.K_WORKSPACE]
    assert ws.section("review_decisions") == doc


def test_bad_decisions_file_is_refused():
    at = _open()
    at.file_uploader(key=widget_key("cleaning", "decisions_upload")).set_value(
        (
            "decisions.json",
            b'{"decisions": [{"action": "explode", "a": "x", "b": "y"}]}',
            "application/json",
        )
    ).run()
    assert not at.exception
    assert any(t("resolve.err.bad_decisions", "en") in e.value for e in at.error)
    assert _metrics(at)["Weak matches to review"] == "2"


def test_rules_edit_and_save():
    at = _open()
    at.text_area(key=widget_key("cleaning", "competitor_domains")).set_value(
        "sakataseed.co.jp"
    ).run()
    assert not at.exception
    assert (
        _metrics(at)["Excluded (rows)"] == "4"
    )  # both サカタのタネ rows (one person) now competitors
    at.button(key=widget_key("cleaning", "save_rules")).click().run()
    assert not at.exception
    section = at.session_state[state.K_WORKSPACE].section("exclusion_rules")
    assert section["competitor_domains"] == ["sakataseed.co.jp"]


def test_demo_data_runs_and_accounts_for_every_row(demo_session_state):
    from tests.ui.conftest import with_demo

    at = new_app()
    at.session_state[state.K_LANG] = "ja"
    at.run()
    with_demo(at, demo_session_state)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    rows = len(demo_session_state[1].leads)
    m = _metrics(at)
    assert m[t("resolve.kpi.leads_in", "ja")] == f"{rows:,}"
    ledger = [c.value for c in at.caption if c.value.startswith(f"入力{rows:,}行")]
    assert ledger, "ledger caption missing"


def test_split_and_merge_accounts_from_the_accounts_tab():
    at = _open()
    # the account of ミライテクノロジア holds the fuzzy-joined typo: split it off
    acc = next(
        df.value
        for df in at.dataframe
        if "account_id" in df.value.columns and "weakest_rule" in df.value.columns
    )
    mirai = acc.loc[acc["domain"] == "mirai.co.jp", "account_id"].iloc[0]
    at.selectbox(key=widget_key("cleaning", "fix_account")).set_value(mirai).run()
    at.multiselect(key=widget_key("cleaning", "fix_split")).set_value(["ミライテクノロジャ|"]).run()
    at.button(key=widget_key("cleaning", "fix_split_btn")).click().run()
    assert not at.exception
    assert _metrics(at)["Accounts found"] == "6"
    saved = at.session_state[state.K_WORKSPACE].section("review_decisions")
    assert saved == {
        "decisions": [
            {"action": "split", "a": "ミライテクノロジア|mirai.co.jp", "b": "ミライテクノロジャ|"}
        ]
    }
    # merge the two 三和電機 accounts that carry domains
    acc = next(df.value for df in at.dataframe if "weakest_rule" in df.value.columns)
    sanwa = acc.loc[acc["domain"] == "sanwa-denki.co.jp", "account_id"].iloc[0]
    elec = acc.loc[acc["domain"] == "sanwa-elec.co.jp", "account_id"].iloc[0]
    at.selectbox(key=widget_key("cleaning", "fix_account")).set_value(sanwa).run()
    at.selectbox(key=widget_key("cleaning", "fix_other")).set_value(elec).run()
    at.button(key=widget_key("cleaning", "fix_merge_btn")).click().run()
    assert not at.exception
    assert _metrics(at)["Accounts found"] == "5"


def test_threshold_is_previewed_then_saved_for_every_page():
    at = _open()
    at.slider(key=widget_key("cleaning", "threshold")).set_value(95).run()
    assert not at.exception
    assert any(t("resolve.page.preview", "en") in i.value for i in at.info)
    at.button(key=widget_key("cleaning", "save_threshold")).click().run()
    assert not at.exception
    assert at.session_state[state.K_WORKSPACE].section("matching")["threshold"] == 95.0
    assert not any(t("resolve.page.preview", "en") in i.value for i in at.info)
    assert _metrics(at)["Accounts found"] == "6"


def _with_accounts_file() -> Dataset:
    """The 9 leads plus a person at a university with no title, and an accounts
    file with a 学校法人, a company that becomes a competitor, and a kept one."""
    leads = _dataset().leads
    extra = pd.DataFrame(
        {
            "lead_id": pd.array(["L9"], dtype="string"),
            "company": pd.array(["晴海大学"], dtype="string"),
            "email": pd.array(["y.hashimoto@harumi-u.ac.jp"], dtype="string"),
            "created_at": pd.to_datetime(["2026-01-10"]),
            "source_file": pd.array(["leads.csv"], dtype="string"),
            "source_row": pd.array([11], dtype="Int64"),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": pd.array(["A1", "A2", "A3"], dtype="string"),
            "company": pd.array(
                ["学校法人白樺学園", "ライバル株式会社", "三和電機"], dtype="string"
            ),
            "domain": pd.array(["shirakaba-gakuen.ac.jp", "rival.co.jp", None], dtype="string"),
        }
    )
    return Dataset(leads=pd.concat([leads, extra], ignore_index=True), accounts=accounts)


def _frame_with(at, column: str) -> pd.DataFrame | None:
    return next((df.value for df in at.dataframe if column in df.value.columns), None)


def test_excluded_accounts_file_rows_and_people_to_check_are_shown():
    at = open_page(PAGE, _with_accounts_file(), lang="en", token="cleaning-accounts")
    assert not at.exception
    assert _metrics(at)["Excluded (rows)"] == "2"  # the person at 晴海大学 is kept, not a "student"
    rows = _frame_with(at, "exclusion_reasons")
    assert rows["company"].tolist() == ["学校法人白樺学園"]
    assert rows["exclusion_reason"].tolist() == [t("resolve.reason.school", "en")]
    assert t("resolve.accounts_file.count", "en", rows_in=3, excluded=1) in [
        c.value for c in at.caption
    ]
    people = _frame_with(at, "review_reason")
    assert people["company"].tolist() == ["晴海大学"]
    assert people["review_reason"].tolist() == [
        t("resolve.hygiene_review.school_corporation", "en")
    ]
    labels = [b.proto.label for b in at.get("download_button")]
    for name in ("excluded_accounts", "hygiene_review"):
        assert t(f"resolve.download.{name}", "en") in labels

    # the same rules judge the accounts file: a competitor typed in is excluded at once
    at.text_area(key=widget_key("cleaning", "competitor_names")).set_value("ライバル株式会社").run()
    assert not at.exception
    rows = _frame_with(at, "exclusion_reasons")
    assert rows.set_index("company")["exclusion_reason"].to_dict() == {
        "学校法人白樺学園": t("resolve.reason.school", "en"),
        "ライバル株式会社": t("resolve.reason.competitor", "en"),
    }

    # the user's own company (its staff on its own forms) is a reason of its own, first
    at.text_area(key=widget_key("cleaning", "own_domains")).set_value("rival.co.jp").run()
    assert not at.exception
    rows = _frame_with(at, "exclusion_reasons")
    assert rows.set_index("company")["exclusion_reason"].to_dict()["ライバル株式会社"] == t(
        "resolve.reason.internal", "en"
    )


def test_no_accounts_file_says_nothing_is_excluded_there():
    at = _open()
    assert not at.exception
    assert t("resolve.accounts_file.none", "en") in [c.value for c in at.caption]
    assert _frame_with(at, "review_reason") is None


def test_a_viewer_is_not_told_a_change_was_saved(monkeypatch):
    # QA-J: a viewer's 「ルールを保存しました。」 for rules nobody else would see
    from abm.ui import auth

    monkeypatch.setattr(auth, "can_edit", lambda: False)
    at = _open()
    at.text_area(key=widget_key("cleaning", "competitor_domains")).set_value(
        "sakataseed.co.jp"
    ).run()
    at.button(key=widget_key("cleaning", "save_rules")).click().run()
    assert not at.exception
    assert t("resolve.rules.saved", "en") not in [s.value for s in at.success]
    assert t("auth.kept_in_session", "en") in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_ledger_says_how_many_people_the_excluded_rows_are(lang):
    """QA-N: 「重複除去後の人数 3,832」 ≠ 残す 3,443 + 除外 396 = 3,839: the 396 excluded rows
    were 389 people, and the screen never said so. A caption under the ledger reconciles."""
    ds = _dataset()
    leads = ds.leads
    twice = leads.iloc[[3]].assign(  # test@ once more: one excluded person, two rows
        lead_id=pd.array(["L9"], dtype="string"), source_row=pd.array([11], dtype="Int64")
    )
    ds = Dataset(leads=pd.concat([leads, twice], ignore_index=True))
    at = open_page(PAGE, ds, lang=lang, token="cleaning-dup-excluded")
    assert not at.exception
    m = _metrics(at)
    assert m[t("resolve.kpi.excluded", lang)] == "3"  # rows
    assert m[t("resolve.kpi.persons", lang)] == "8"  # 6 kept + 2 excluded people
    line = t("resolve.ledger_persons", lang, excluded=3, excluded_persons=2, persons=8, kept=6)
    captions = [c.value for c in at.caption]
    assert line in captions
    ledger = t("resolve.ledger", lang, rows_in=10, kept=6, merged=1, excluded=3)
    assert captions.index(line) == next(i for i, c in enumerate(captions) if ledger in c) + 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_sidebar_counts_the_data_cleaned_by_rules_just_saved(lang):
    """QA-S: right after ルールを保存 the sidebar still said 分析対象 3,673人・708社 while the
    page showed 3,598 / 701. The save runs the page again: the sidebar is drawn from the
    data the saved rules clean, and the "saved" message is still shown."""
    at = _open(lang)
    before = t("shell.analysed", lang, kept=6, accounts=5)
    assert any(before in c.value for c in at.sidebar.caption)
    at.text_area(key=widget_key("cleaning", "competitor_domains")).set_value(
        "sakataseed.co.jp"
    ).run()
    assert any(before in c.value for c in at.sidebar.caption)  # unsaved: a preview only
    at.button(key=widget_key("cleaning", "save_rules")).click().run()
    assert not at.exception
    after = t("shell.analysed", lang, kept=5, accounts=4)  # サカタのタネ now a competitor
    assert any(after in c.value for c in at.sidebar.caption)
    assert t("resolve.rules.saved", lang) in [s.value for s in at.success]
    at.run()  # the message is said once
    assert t("resolve.rules.saved", lang) not in [s.value for s in at.success]
    assert any(after in c.value for c in at.sidebar.caption)


def test_the_sidebar_counts_the_data_cleaned_at_a_threshold_just_saved():
    at = _open()
    assert any(t("shell.analysed", "en", kept=6, accounts=5) in c.value for c in at.sidebar.caption)
    at.slider(key=widget_key("cleaning", "threshold")).set_value(100).run()
    at.button(key=widget_key("cleaning", "save_threshold")).click().run()
    assert not at.exception
    # the typo ミライテクノロジャ no longer joins ミライテクノロジア: one account more
    assert any(t("shell.analysed", "en", kept=6, accounts=6) in c.value for c in at.sidebar.caption)
    assert t("resolve.page.threshold_saved", "en") in [s.value for s in at.success]
