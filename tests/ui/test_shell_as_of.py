"""Sidebar as-of default: an outlying date (2199) does not become it, and the sidebar says so."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.i18n import t
from tests.ui.conftest import open_page


def _dataset(extra: list[str]) -> Dataset:
    created = [f"2026-03-{d:02d}" for d in range(1, 29)] + extra
    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(len(created))],
            "email": [f"p{i}@example.co.jp" for i in range(len(created))],
            "company": [f"会社{i % 7}" for i in range(len(created))],
            "created_at": pd.to_datetime(created),
            "source_file": "leads.csv",
            "source_row": range(2, 2 + len(created)),
        }
    )
    return Dataset(leads=leads)


def _captions(at) -> str:
    return "\n".join(str(c.value) for c in at.sidebar.caption)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_typo_in_2199_is_not_the_default_as_of_and_the_sidebar_says_so(lang):
    at = open_page("pages/1_Data.py", _dataset(["2199-01-01"]), lang=lang, token="as-of-2199")
    assert not at.exception
    assert at.sidebar.date_input[0].value == dt.date(2026, 3, 28)
    assert t("shell.as_of_outliers", lang, count=1) in _captions(at)


def test_no_message_when_nothing_is_left_out():
    at = open_page("pages/1_Data.py", _dataset([]), lang="en", token="as-of-clean")
    assert not at.exception
    assert at.sidebar.date_input[0].value == dt.date(2026, 3, 28)
    assert t("shell.as_of_outliers", "en", count=1)[:20] not in _captions(at)
