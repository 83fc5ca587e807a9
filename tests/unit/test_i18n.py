"""Both languages complete; every key used in code exists; placeholders agree."""

import re
import string
from pathlib import Path

import pytest

from abm.i18n import catalog, normalise_lang, t

ROOT = Path(__file__).resolve().parents[2]
KEY_CALL = re.compile(r"""\b(?:tr|t|MoriError)\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_entry_has_both_languages():
    for key, (ja, en) in catalog().items():
        assert ja.strip(), f"{key}: Japanese missing"
        assert en.strip(), f"{key}: English missing"


def test_placeholders_agree_between_languages():
    for key, (ja, en) in catalog().items():
        assert _fields(ja) == _fields(en), key


def test_every_literal_key_in_code_exists():
    known = catalog()
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "abm").rglob("*.py")]
    missing = []
    for path in files:
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            if key not in known:
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, missing


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("ja-JP", "ja"),
        ("en-US", "en"),
        ("en", "en"),
        ("fr-FR", "ja"),
        (None, "ja"),
        ("EN-gb", "en"),
    ],
)
def test_normalise_lang(locale, lang):
    assert normalise_lang(locale) == lang


def test_translate_fills_placeholders():
    assert "a.csv" in t("settings.err.not_json", "en", file="a.csv")
    assert "a.csv" in t("settings.err.not_json", "ja", file="a.csv")
    assert t("no.such.key", "en") == "no.such.key"
