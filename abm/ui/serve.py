"""``make serve``'s check before starting team mode (#18): ``python -m abm.ui.serve``.

Team mode does not start without sign-in: the allow-list must load, Streamlit's
``[auth]`` section must hold every key of :data:`abm.ui.auth.AUTH_KEYS`, the
cookie secret must be long enough and the redirect URI must be
``https://…/oauth2callback`` (plain http only on loopback, for a trial). A
secrets file other users can read, or a non-loopback address, is a warning.
Messages are translated and never show a secret.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tomllib
from pathlib import Path

from abm.errors import MoriError
from abm.i18n import t
from abm.ui.auth import LOOPBACK, MIN_SECRET, TEAM_ENV, missing_auth_keys
from abm.workspace.config import load_team_config

__all__ = ["main", "preflight"]


def preflight(
    team_file: str, secrets_file: str, host: str, lang: str = "en"
) -> tuple[list[str], list[str]]:
    """Check team mode's configuration before the server starts.

    Parameters
    ----------
    team_file, secrets_file : str
        The allow-list (``MORI_TEAM_CONFIG``) and Streamlit's secrets file.
    host : str
        The address the server will listen on.
    lang : str
        Language of the messages.

    Returns
    -------
    (list of str, list of str)
        Errors (any one means: do not start) and warnings.
    """
    errors: list[str] = []
    warnings: list[str] = []
    try:
        load_team_config(team_file)
    except MoriError as err:
        errors.append(err.message(lang))
    name = Path(secrets_file).name
    try:
        secrets = tomllib.loads(Path(secrets_file).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        secrets = {}
    section = secrets.get("auth")
    if not isinstance(section, dict):
        errors.append(t("auth.serve.no_auth", lang, file=name))
    else:
        errors += [
            t("auth.serve.missing_key", lang, key=k, file=name) for k in missing_auth_keys(section)
        ]
        if 0 < len(str(section.get("cookie_secret", ""))) < MIN_SECRET:
            errors.append(t("auth.serve.short_secret", lang, file=name, min=MIN_SECRET))
        uri = str(section.get("redirect_uri", ""))
        if uri and not _good_redirect(uri):
            errors.append(t("auth.serve.redirect", lang))
        mode = Path(secrets_file).stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            warnings.append(t("auth.serve.readable", lang, file=name))
    try:
        import authlib  # noqa: F401  (st.login needs it)
    except ImportError:
        errors.append(t("auth.serve.no_authlib", lang))
    if host not in LOOPBACK:
        warnings.append(t("auth.serve.not_loopback", lang, host=host))
    return errors, warnings


def _good_redirect(uri: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    if not parts.path.endswith("/oauth2callback"):
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)


def main(argv: list[str] | None = None) -> int:
    """``make serve``'s check: print what is wrong and return 2, or 0 to start."""
    parser = argparse.ArgumentParser(prog="python -m abm.ui.serve")
    parser.add_argument("--secrets", default=".streamlit/secrets.toml")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8501")
    args = parser.parse_args(argv)
    lang = "ja" if os.environ.get("LANG", "").lower().startswith("ja") else "en"
    team_file = os.environ.get(TEAM_ENV, "")
    errors, warnings = preflight(team_file, args.secrets, args.host, lang)
    for line in warnings:
        print(line, file=sys.stderr)
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        return 2
    print(t("auth.serve.ok", lang, host=args.host, port=args.port, file=Path(team_file).name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
