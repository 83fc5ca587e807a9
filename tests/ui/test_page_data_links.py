"""Data page: link rates per file and the phase table (AppTest, #13 items 2-3)."""

from __future__ import annotations

from pathlib import Path

from abm.core.phases import PhaseVocabulary
from abm.i18n import t
from abm.settings import Workspace
from abm.ui import state
from abm.ui.state import widget_key
from tests.ui.conftest import new_app

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
OPPS = "sf_report_opportunities_custom_ja.csv"
CONTACTS = "sf_report_contacts_ja.csv"


def _upload(lang: str = "en"):
    at = new_app()
    at.session_state[state.K_LANG] = lang
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    files = [(f, (EXPORTS / f).read_bytes(), "text/csv") for f in (OPPS, CONTACTS)]
    at.file_uploader(key=widget_key("data", "uploads")).set_value(files)
    return at.run()


def _frame(at, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_link_rates_and_phase_meanings_are_shown():
    at = _upload()
    assert not at.exception
    links = _frame(at, "person_rate").set_index("file")
    # the catalogue: 29 by e-mail + 3 by name and company of 36 rows
    assert links.loc[OPPS, "rows"] == 36
    assert links.loc[OPPS, "email"] == 29 and links.loc[OPPS, "name_account"] == 3
    assert abs(links.loc[OPPS, "person_rate"] - 100 * 32 / 36) < 1e-9  # drawn in whole percents
    # a small upload is cleaned at once: the rows that waited for 名寄せ are decided
    assert links.loc[OPPS, "pending"] == 0
    assert t("data.links_after", "en") in [c.value for c in at.caption]
    counts = _frame(at, "won_phase").set_index("file")
    assert (counts.loc[OPPS, "won_phase"], counts.loc[OPPS, "lost_phase"]) == (10, 9)
    phases = _frame(at, "outcome").set_index("phase")
    assert phases.loc["受注", "outcome"] == "won" and phases.loc["見送り", "outcome"] == "lost"
    assert not at.warning  # every phase of the report is known


def test_an_unknown_phase_is_flagged_and_a_saved_vocabulary_applies_at_load():
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    # the workspace says 保留 (on hold) is lost for this client
    vocab = PhaseVocabulary().with_outcome("保留", "lost")
    at.session_state[state.K_WORKSPACE] = Workspace().with_section("phases", vocab.to_dict())
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    files = [(f, (EXPORTS / f).read_bytes(), "text/csv") for f in (OPPS, CONTACTS)]
    at.file_uploader(key=widget_key("data", "uploads")).set_value(files)
    at.run()
    assert not at.exception
    opps = at.session_state[state.K_DATASET].opportunities
    assert opps["outcome"].value_counts().to_dict() == {"open": 16, "won": 10, "lost": 10}
    phases = _frame(at, "outcome").set_index("phase")
    assert phases.loc["保留", "outcome"] == "lost"
    assert t("data.phases_apply", "en") in [b.label for b in at.button]


def test_rows_not_loaded_are_offered_for_download_with_why():
    """A Salesforce activity report's tasks not done yet are left out: the Data page says
    how many and offers them, with file, line, reason and cells (#13, nothing lost)."""
    name = "sf_report_activities_ja.csv"
    at = new_app()
    at.session_state[state.K_LANG] = "ja"
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    files = [(name, (EXPORTS / name).read_bytes(), "text/csv")]
    at.file_uploader(key=widget_key("data", "uploads")).set_value(files)
    at.run()
    assert not at.exception
    (src,) = at.session_state[state.K_DATASET].sources
    count = len(src.left_out)
    assert count and set(src.left_out["check"]) == {"planned_tasks"}
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("data.left_out.download", "ja", count=f"{count:,}") in labels
    assert t("data.left_out.caption", "ja", count=f"{count:,}") in [c.value for c in at.caption]
    from abm.ui.views.data import _left_out_csv

    text = _left_out_csv(at.session_state[state.K_DATASET], "ja").decode("utf-8-sig")
    head = text.splitlines()[0].split(",")
    assert head[:3] == ["ファイル", "行", "読み込まなかった理由"]
    assert text.count(t("data.left_out.check.planned_tasks", "ja")) == count


def _empty_revenue_said(companies: str) -> bool:
    contacts = (
        "レコードID,姓,名,Eメール,会社名,年間売上高\n1,山田,太郎,t@alpha.co.jp,株式会社アルファ,\n"
    )
    at = new_app()
    at.session_state[state.K_LANG] = "en"
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    files = [("contacts.csv", contacts.encode(), "text/csv"),
             ("companies.csv", companies.encode(), "text/csv")]  # fmt: skip
    at.file_uploader(key=widget_key("data", "uploads")).set_value(files)
    at.run()
    assert not at.exception
    said = [m.value for m in at.markdown if "every row" in m.value and "revenue" in m.value]
    return bool(said)


def test_a_company_fact_the_companies_file_gives_is_not_said_to_be_empty():
    """QA-G: 「売上高がすべて空欄」 for a contacts export whose companies export has a revenue for
    every company (the leads take it from there) — said still when no lead got one."""
    header = "レコードID,会社名,会社のドメイン名,年間売上高\n"
    assert not _empty_revenue_said(header + "11,株式会社アルファ,alpha.co.jp,5000000000\n")
    assert _empty_revenue_said(header + "12,株式会社ベータ,beta.co.jp,5000000000\n")
