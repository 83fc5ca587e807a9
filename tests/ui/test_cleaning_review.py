"""Cleaning page (AppTest): the 名寄せ review queue (decision first, readings, translated reasons)
and the optional registry upload."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.i18n import t
from abm.resolve.corpnum import check_digit
from abm.ui import state
from abm.ui.state import widget_key
from abm.ui.views.cleaning_review import REVIEW_SHOWN
from tests.ui.conftest import open_page

PAGE = "pages/2_Cleaning.py"
N1 = f"{check_digit('010001000006')}010001000006"


def _dataset() -> Dataset:
    companies = [
        "東宝株式会社",
        "株式会社トーホー",
        "TOHO CO., LTD.",
        "五洋建設株式会社",
        "Penta-Ocean Construction",
    ]
    emails = ["a@toho.co.jp", "b@to-ho.co.jp", None, "c@goyo.co.jp", "d@gmail.com"]
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


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_review_queue_shows_decision_first_names_readings_and_translated_reasons(lang):
    at = open_page(PAGE, _dataset(), lang=lang, token="review-test")
    assert not at.exception
    frames = [f.value for f in at.dataframe if "pair_reason" in f.value.columns]
    assert frames, "no review queue drawn"
    queue = frames[0]
    assert list(queue.columns[: len(REVIEW_SHOWN)]) == list(REVIEW_SHOWN)
    reasons = set(queue["pair_reason"])
    assert t("resolve.review.ambiguous_reading", lang) in reasons
    assert not reasons & {"ambiguous_name", "ambiguous_reading", "weak_score"}  # no raw codes
    toho = queue[queue["company_b"].eq("東宝株式会社") | queue["company_a"].eq("東宝株式会社")]
    assert "トウホウ" in set(toho["reading_a"]) | set(toho["reading_b"])


def _nta_csv() -> bytes:
    row = [""] * 30
    row[0], row[1], row[6], row[23] = "1", N1, "五洋建設株式会社", "1"
    row[24], row[28] = "PENTA-OCEAN CONSTRUCTION CO.,LTD.", "ゴヨウケンセツ"
    return (",".join(f'"{v}"' for v in row) + "\r\n").encode("utf-8")


def test_registry_upload_links_an_english_name_through_the_corporate_number():
    at = open_page(PAGE, _dataset(), lang="en", token="registry-test")
    assert not at.exception
    before = int(_metrics(at)["Accounts found"])
    at.file_uploader(key=widget_key("cleaning", "registry_upload")).set_value(
        ("13_tokyo_all.csv", _nta_csv(), "text/csv")
    ).run()
    assert not at.exception
    assert int(_metrics(at)["Accounts found"]) == before - 1  # Penta-Ocean joined 五洋建設
    leads = at.session_state[state.K_DATASET].leads
    assert leads["registry_corporate_number"].tolist()[3:] == [N1, N1]
    assert any(t("resolve.registry.loaded", "en", rows=1, matched=2) in c.value for c in at.caption)


def test_a_registry_places_a_mistyped_name_and_says_how_many_were_slips():
    ds = _dataset()
    leads = pd.concat(
        [ds.leads, ds.leads.tail(1).assign(lead_id="L5", company="五洋健設株式会社", email=None)],
        ignore_index=True,
    )  # 建設 typed as the homophone 健設, no e-mail: nothing else says it is 五洋建設
    at = open_page(PAGE, replace(ds, leads=leads), lang="ja", token="registry-slip")
    at.file_uploader(key=widget_key("cleaning", "registry_upload")).set_value(
        ("13_tokyo_all.csv", _nta_csv(), "text/csv")
    ).run()
    assert not at.exception
    out = at.session_state[state.K_DATASET].leads
    assert out["registry_corporate_number"].iloc[5] == N1
    assert out["registry_match"].tolist()[3:] == ["name", "english", "homophone"]
    said = t("resolve.registry.slips", "ja", slips=1, column=t("field.registry_match", "ja"))
    assert any(said in c.value for c in at.caption)


def test_a_file_that_is_no_registry_is_refused_by_name():
    at = open_page(PAGE, _dataset(), lang="en", token="registry-bad")
    at.file_uploader(key=widget_key("cleaning", "registry_upload")).set_value(
        ("notes.csv", b"a,b\n1,2\n", "text/csv")
    ).run()
    assert not at.exception
    assert any("notes" in e.value for e in at.error)  # the file is named (Markdown-escaped)
