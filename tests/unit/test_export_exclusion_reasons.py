"""The excluded download's 当てはまった除外理由 reads as words, never ``student;free_mail``
(QA-S: the cleaning joins every matching reason's code with ``;``)."""

from __future__ import annotations

import pandas as pd

from abm.export import readable, translate_codes
from abm.i18n import t


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "exclusion_reason": ["student", "free_mail", None],
            "exclusion_reasons": ["student;free_mail", "free_mail", None],
        }
    )


def test_every_matched_reason_is_translated_in_japanese():
    out = translate_codes(_frame(), "ja")
    both = f"{t('resolve.reason.student', 'ja')}、{t('resolve.reason.free_mail', 'ja')}"
    assert out["exclusion_reasons"].tolist()[:2] == [both, t("resolve.reason.free_mail", "ja")]
    assert pd.isna(out["exclusion_reasons"].iloc[2])
    assert out["exclusion_reason"].iloc[0] == t("resolve.reason.student", "ja")


def test_every_matched_reason_is_translated_in_english_with_semicolons():
    out = translate_codes(_frame(), "en")
    both = f"{t('resolve.reason.student', 'en')}; {t('resolve.reason.free_mail', 'en')}"
    assert out["exclusion_reasons"].iloc[0] == both


def test_no_code_is_left_in_the_readable_download():
    for lang in ("ja", "en"):
        cells = readable(_frame(), lang).astype("string").fillna("").to_numpy().ravel()
        assert not any(
            "student" in c or "free_mail" in c or ";" in c.replace("; ", "") for c in cells
        )
