"""The Streamlit config ships the secure defaults (ARCHITECTURE.md)."""

import tomllib
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("server", "address", "127.0.0.1"),
        ("server", "allowedHosts", ["localhost", "127.0.0.1"]),
        ("server", "enableCORS", True),
        ("server", "enableXsrfProtection", True),
        ("server", "showEmailPrompt", False),
        ("browser", "gatherUsageStats", False),
        ("client", "showErrorDetails", "none"),
        ("client", "toolbarMode", "viewer"),
        ("client", "showSidebarNavigation", False),
        ("client", "disableDataExport", True),
    ],
)
def test_secure_default(config, section, key, expected):
    assert config[section][key] == expected


def test_no_full_gc_after_every_rerun(config):
    # a deliberate speed setting: see the comment in config.toml and tests/load
    assert config["runner"]["postScriptGC"] is False


def test_max_upload_size_is_deliberate(config):
    size = config["server"]["maxUploadSize"]
    assert isinstance(size, int)
    assert 50 <= size <= 1000


def test_no_st_navigation_anywhere():
    root = CONFIG.parents[1]
    for path in [root / "app.py", *(root / "pages").glob("*.py"), *(root / "abm").rglob("*.py")]:
        assert "st.navigation(" not in path.read_text(encoding="utf-8"), path
