"""Both languages complete; every key used in code exists and is a literal; placeholders agree."""

import ast
import re
import string
from pathlib import Path

import pytest

from abm.i18n import STRICT_ENV, MissingTranslation, catalog, normalise_lang, t
from abm.i18n import keys as K

ROOT = Path(__file__).resolve().parents[2]
KEY_CALL = re.compile(r"""\b(?:tr|tr_md|t|MoriError)\(\s*["']([a-z_]+\.[A-Za-z0-9_.\-]+)["']""")
#: Functions whose first argument is a translation key.
KEY_FUNCTIONS = {"t", "tr", "tr_md", "MoriError"}
CODE = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "abm").rglob("*.py")]


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
    missing = []
    for path in CODE:
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


def test_unknown_key_raises_under_test_and_falls_back_for_users(monkeypatch):
    with pytest.raises(MissingTranslation, match=r"no\.such\.key"):
        t("no.such.key", "en")
    with pytest.raises(MissingTranslation):
        t("settings.err.not_json", "en")  # {file} left unfilled
    with pytest.raises(MissingTranslation):
        t("settings.err.not_json", "en", wrong="a.csv")
    monkeypatch.delenv(STRICT_ENV)  # a user's session: never a traceback
    assert t("no.such.key", "en") == "no.such.key"
    assert "{file}" in t("settings.err.not_json", "en")


def _literal_prefix(node: ast.AST) -> str | None:
    """The literal text a run-time-built string starts with (None if not built)."""
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        return first.value if isinstance(first, ast.Constant) else ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return (
            _literal_prefix(node.left)
            if not isinstance(node.left, ast.Constant)
            else (node.left.value if isinstance(node.left.value, str) else None)
        )
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    ):
        return str(node.func.value.value)
    return None


def test_no_translation_key_is_built_at_run_time():
    """Keys are literals (or come from abm.i18n.keys), so the tests above see every one."""
    prefixes = {k.rsplit(".", 1)[0] + "." for k in catalog()} | {
        k[: i + 1] for k in catalog() for i, c in enumerate(k) if c in "._"
    }
    built = []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in KEY_FUNCTIONS and _literal_prefix(node.args[0]) is not None:
                    built.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            lead = _literal_prefix(node)
            if lead and lead in prefixes and not isinstance(node, ast.Call):
                built.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert not built, built


def test_every_key_table_is_in_the_catalog():
    known = catalog()
    tables = {n: v for n, v in vars(K).items() if n.isupper() and isinstance(v, dict)}
    assert set(tables) == set(K.__all__)
    missing = [f"{n}: {k}" for n, table in tables.items() for k in table.values() if k not in known]
    assert not missing, missing


def _vocabularies():
    import abm.accounts as acc
    import abm.funnel as fn
    from abm.accounts import fit, tiers
    from abm.accounts.score_history import HISTORY_COLUMNS
    from abm.accounts.story import ACTIVITY_GROUPS
    from abm.core.activities import ACTIVITY_KINDS
    from abm.core.channels import CHANNELS
    from abm.core.titles import DEPARTMENTS, SENIORITIES
    from abm.gap.quadrant import QUADRANTS
    from abm.gap.sources import SOURCE_COLUMNS
    from abm.ingest.aliases import VENDORS
    from abm.ingest.leftout import LEFT_OUT_CHECKS
    from abm.progress import STEPS
    from abm.resolve import hygiene
    from abm.resolve.registry import MATCH_KINDS
    from abm.resolve.resolve import MATCH_RULES
    from abm.schema import LINEAGE, TABLES
    from abm.scoring.backtest import OUTCOMES
    from abm.scoring.model import FIT_DIMENSIONS, POINT_TABLES
    from abm.scoring.vocab import INDUSTRIES, REGIONS

    fields = [c for spec in TABLES.values() for c in spec.names]
    return [
        (K.TABLE, TABLES),
        (K.FIELD, [*fields, *LINEAGE]),
        (K.VENDOR, VENDORS),
        (K.LEFT_OUT_CHECK, LEFT_OUT_CHECKS),
        (K.PROGRESS_STEP, STEPS),
        (K.MATCH_RULE, MATCH_RULES),
        (K.REGISTRY_MATCH, MATCH_KINDS),
        (K.EXCLUSION_REASON, hygiene.REASONS),
        (K.REVIEW_REASON, hygiene.REVIEW_REASONS),
        (K.FUNNEL_MODEL, [*fn.MODELS, "custom"]),
        (K.FUNNEL_DIM, fn.BREAKDOWNS),
        (K.FUNNEL_KPI, fn.KPI_KEYS),
        (K.ACCOUNT_STAGE, fn.ACCOUNT_STAGES),
        (K.DETOUR, fn.DETOURS),
        (K.QUADRANT, QUADRANTS),
        (K.CHANNEL, CHANNELS),
        (K.SOURCE_COLUMN, [*SOURCE_COLUMNS, "lead_source", "campaign"]),
        (K.CATEGORY, [*INDUSTRIES, *SENIORITIES, *DEPARTMENTS, *REGIONS, *ACTIVITY_KINDS]),
        (K.DIMENSION, [*FIT_DIMENSIONS, *POINT_TABLES]),
        (K.OUTCOME, OUTCOMES),
        (K.ROLE, acc.ROLES),
        (K.TIER, acc.TIERS),
        (K.TIER_SHORT, acc.TIERS),
        (K.TIER_REASON, [*tiers._WHY, *tiers._WHY_NOT]),
        (K.CAPACITY_STATUS, ("below", "within", "above")),
        (K.EMPTY_CAUSE, fn.EMPTY_CAUSES),
        (K.EMPTY_NOTE, fn.EMPTY_CAUSES),
        (K.STORY_GROUP, ACTIVITY_GROUPS),
        (K.STORY_STATE, ("open", "won", "lost")),
        (K.STORY_HISTORY, HISTORY_COLUMNS[2:4]),
        (K.ENGAGEMENT_METHOD, acc.ENGAGEMENT_METHODS),
        (K.ACTION, acc.ACTION_LISTS),
        (K.ACTION_HELP, acc.ACTION_LISTS),
        (K.FIT_INDICATOR, fit.INDICATORS),
        (K.FIT_BAND, fit.BANDS),
        (K.FIT_NEXT, fit.INDICATORS),
        (K.FIT_SEEN, fit.INDICATORS),
        (K.UNPARSEABLE, ("int", "float", "money", "datetime", "bool", "string", "text")),
        (K.IMPLAUSIBLE, ("int", "float", "money")),
    ]


def test_key_tables_cover_their_vocabularies():
    """A new tier, role, reason or kind without a label fails here, not on a user's screen."""
    gaps = [
        (sorted(table.values())[0].rsplit(".", 1)[0], sorted(set(vocab) - set(table)))
        for table, vocab in _vocabularies()
        if set(vocab) - set(table)
    ]
    assert not gaps, gaps
