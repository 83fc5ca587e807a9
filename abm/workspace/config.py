"""The team server's configuration: the allow-list and login-expiry settings (#18).

An administrator writes it (TOML, a ``[team]`` table) beside the server and
points ``make serve`` at it (``MORI_TEAM_CONFIG``); the browser never sees or
changes it. :func:`normalise_email` is how every address is written for
comparison and storage.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from abm.core.config import Config, Invalid, Spec
from abm.errors import MoriError

__all__ = ["TeamConfig", "load_team_config", "normalise_email"]

_DOMAIN = re.compile(
    r"^(\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)
_SPACE = re.compile(r"[\s\x00-\x1f\x7f]")
_MAX_FILE = 1_000_000


def normalise_email(value: object) -> str | None:
    """An e-mail address as compared and stored: trimmed, lower case; ``None`` if not one.

    Exactly one ``@`` with text on both sides, no space or control character,
    at most 320 characters. Nothing else is rewritten (no Unicode folding: the
    provider vouched for this exact address).

    Examples
    --------
    >>> normalise_email(" Taro.Yamada@Example.co.jp ")
    'taro.yamada@example.co.jp'
    >>> normalise_email("a@b@example.co.jp") is None
    True
    """
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or "@" in local or len(text) > 320:
        return None
    if _SPACE.search(text) or domain.startswith(".") or domain.endswith(".") or ".." in domain:
        return None
    return text


@dataclass(frozen=True)
class TeamConfig(Config):
    """The team server's configuration (the administrator's file, ``[team]`` table).

    Parameters
    ----------
    domains : tuple of str
        E-mail domains allowed in (``"example.co.jp"``; ``"*.example.co.jp"``
        for its sub-domains only). Lower case, ASCII (punycode for IDN).
    emails : tuple of str
        Single addresses allowed in (a partner's consultant).
    groups : tuple of str
        Values of the ``groups_claim`` claim allowed in (Entra ID group object
        ids, Keycloak or Okta group names).
    groups_claim : str
        The ID-token claim holding the user's groups.
    require_verified_email : bool
        Refuse an identity whose token lacks ``email_verified = true`` (an
        explicit ``false`` is always refused).
    honour_token_expiry : bool
        Refuse a login whose ID token's ``exp`` has passed.
    max_session_seconds : int
        Refuse a login whose ID token was issued (``iat``) longer ago.
    clock_skew_seconds : int
        Tolerance between this server's clock and the provider's.
    store : str
        The embedded store file (members, workspaces); relative to the
        configuration file's folder.
    """

    domains: Annotated[tuple[str, ...], Spec(max_len=1000, unique=True)] = ()
    emails: Annotated[tuple[str, ...], Spec(max_len=10_000, unique=True)] = ()
    groups: Annotated[tuple[str, ...], Spec(max_len=1000, unique=True)] = ()
    groups_claim: Annotated[str, Spec(min_len=1, max_len=100)] = "groups"
    require_verified_email: bool = False
    honour_token_expiry: bool = True
    max_session_seconds: Annotated[int, Spec(min=1, max=30 * 86_400)] = 12 * 3600
    clock_skew_seconds: Annotated[int, Spec(min=0, max=600)] = 30
    store: Annotated[str, Spec(min_len=1, max_len=4096)] = "mori-store.duckdb"

    SECTION = "team"

    def _check(self) -> None:
        """Something is listed; domains and addresses are written as they are compared."""
        if not (self.domains or self.emails or self.groups):
            raise Invalid("domains")
        for d in self.domains:
            if not _DOMAIN.match(d):
                raise Invalid("domains")
        for e in self.emails:
            if normalise_email(e) != e:
                raise Invalid("emails")
        if any(not g.strip() for g in self.groups):
            raise Invalid("groups")


def load_team_config(path: str | Path) -> TeamConfig:
    """Read the administrator's team file (TOML; the ``[team]`` table or the top level).

    A relative ``store`` is resolved against the file's folder.

    Raises
    ------
    MoriError
        ``auth.err.config_missing`` / ``auth.err.config_file`` when the file
        is absent or not TOML; ``config.err.*`` naming the key when a setting
        is invalid (never its value).
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError:
        raise MoriError("auth.err.config_missing", file=p.name) from None
    if len(raw) > _MAX_FILE:
        raise MoriError("auth.err.config_file", file=p.name)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise MoriError("auth.err.config_file", file=p.name) from None
    section = data.get("team", data)
    config = TeamConfig.from_dict(section, section="team", file=p.name)
    store = Path(config.store)
    if not store.is_absolute():
        store = p.resolve().parent / store
    return TeamConfig.from_dict({**config.to_dict(), "store": str(store)}, file=p.name)
