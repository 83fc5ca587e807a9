"""Who may sign in, and what a member may do in a workspace.

Three rules, all pure (the caller passes the clock):

* **The allow-list** (:class:`~abm.workspace.config.TeamConfig`, a TOML file an
  administrator writes beside the server; the browser never sees it): a signed-in
  identity is allowed when its e-mail's domain, the address itself or one of
  its groups (a claim of the ID token, ``groups`` by default) is listed.
  Nothing listed lets nobody in; an e-mail the provider marks unverified is
  refused.
* **Login expiry** (:func:`admit`): the ID token's ``exp`` is honoured and a
  sign-in older than ``max_session_seconds`` (from the token's ``iat``) is
  refused; either one means "sign in again". A token without them is refused.
* **Roles** per workspace: ``owner`` (changes data and settings, manages
  members) or ``viewer`` (sees); no role means the workspace does not exist
  for that user — a refusal must not say which.

:class:`Members` is the membership store's interface;
:class:`abm.workspace.members.DuckDBMembers` implements it in the embedded
store file, :class:`LocalMembers` is the single-user local mode (one user, the
owner of everything).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, runtime_checkable

import pandas as pd

from abm.errors import MoriError
from abm.workspace.config import TeamConfig, load_team_config, normalise_email

__all__ = [
    "ALLOWED",
    "EXPIRED",
    "NOT_LISTED",
    "NO_EMAIL",
    "OWNER",
    "ROLES",
    "SIGNED_OUT",
    "UNVERIFIED",
    "VERDICTS",
    "VIEWER",
    "Admission",
    "Identity",
    "LocalMembers",
    "Member",
    "Members",
    "TeamConfig",
    "admit",
    "can_edit",
    "check_role",
    "load_team_config",
    "normalise_email",
]

OWNER = "owner"
VIEWER = "viewer"
#: Roles a member of a workspace can have, most rights first.
ROLES: tuple[str, ...] = (OWNER, VIEWER)

#: Verdicts of :func:`admit`.
ALLOWED = "allowed"
SIGNED_OUT = "signed_out"
EXPIRED = "expired"
NO_EMAIL = "no_email"
UNVERIFIED = "unverified"
NOT_LISTED = "not_listed"
VERDICTS: tuple[str, ...] = (ALLOWED, SIGNED_OUT, EXPIRED, NO_EMAIL, UNVERIFIED, NOT_LISTED)


@dataclass(frozen=True)
class Identity:
    """Who signed in, from the ID token's claims (no other claim is kept)."""

    email: str
    name: str = ""
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Admission:
    """The verdict of :func:`admit` and, once signed in, the identity it judged."""

    verdict: str
    identity: Identity | None = None

    @property
    def allowed(self) -> bool:
        """Whether the user may use the app."""
        return self.verdict == ALLOWED


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value == value else None  # NaN is no time


def _groups(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _expired(claims: Mapping[str, Any], config: TeamConfig, now_s: float) -> bool:
    skew = config.clock_skew_seconds
    if config.honour_token_expiry:
        exp = _number(claims.get("exp"))
        if exp is None or now_s >= exp + skew:
            return True
    iat = _number(claims.get("iat"))
    return iat is None or now_s - iat > config.max_session_seconds + skew


def _listed(identity: Identity, config: TeamConfig) -> bool:
    if identity.email in config.emails:
        return True
    domain = identity.email.rpartition("@")[2]
    for d in config.domains:
        if domain == d or (d.startswith("*.") and domain.endswith(d[1:])):
            return True
    return bool(set(identity.groups) & set(config.groups))


def admit(claims: Mapping[str, Any], config: TeamConfig, *, now: pd.Timestamp) -> Admission:
    """Whether the identity in ``claims`` may use the app now.

    Parameters
    ----------
    claims : mapping
        The ID token's claims as Streamlit exposes them (``st.user``):
        ``is_logged_in``, ``email``, ``email_verified``, ``exp``, ``iat``,
        ``name`` and the groups claim.
    config : TeamConfig
    now : pandas.Timestamp
        The server's clock (naive means UTC).

    Returns
    -------
    Admission
        ``verdict`` is, checked in this order: :data:`SIGNED_OUT`,
        :data:`EXPIRED` (``exp`` passed, signed in longer than
        ``max_session_seconds`` ago, or either claim missing), :data:`NO_EMAIL`,
        :data:`UNVERIFIED`, :data:`NOT_LISTED` or :data:`ALLOWED`; the
        identity is given from :data:`NO_EMAIL` on (except for that verdict).
    """
    if claims.get("is_logged_in") is not True:
        return Admission(SIGNED_OUT)
    ts = pd.Timestamp(now)
    now_s = (ts.tz_localize("UTC") if ts.tzinfo is None else ts).timestamp()
    if _expired(claims, config, now_s):
        return Admission(EXPIRED)
    email = normalise_email(claims.get("email"))
    if email is None:
        return Admission(NO_EMAIL)
    name = claims.get("name")
    identity = Identity(
        email=email,
        name=name if isinstance(name, str) else "",
        groups=_groups(claims.get(config.groups_claim)),
    )
    verified = claims.get("email_verified")
    if (
        verified is False
        or verified == "false"
        or (config.require_verified_email and verified not in (True, "true"))
    ):
        return Admission(UNVERIFIED, identity)
    if not _listed(identity, config):
        return Admission(NOT_LISTED, identity)
    return Admission(ALLOWED, identity)


def can_edit(role: str | None) -> bool:
    """Whether ``role`` may change a workspace's data, settings and members (owners only)."""
    return role == OWNER


def check_role(role: object) -> str:
    """``role`` if it is one of :data:`ROLES`, else ``auth.err.role``."""
    if role not in ROLES:
        raise MoriError("auth.err.role", roles=", ".join(ROLES))
    return str(role)


class Member(NamedTuple):
    """One membership: who, with which role, added by whom and when."""

    email: str
    role: str
    added_by: str
    added_at: pd.Timestamp | None


@runtime_checkable
class Members(Protocol):
    """Where memberships are kept (the embedded store; or nowhere, in local mode).

    E-mails are compared as :func:`normalise_email` writes them. A workspace
    id unknown to the store behaves exactly like one the user is not a member
    of.
    """

    def role_of(self, workspace_id: str, email: str) -> str | None:
        """The user's role in the workspace, ``None`` when not a member (or no such workspace)."""
        ...

    def workspaces_of(self, email: str) -> list[tuple[str, str, str]]:
        """``(workspace_id, name, role)`` of every workspace the user belongs to, by name."""
        ...

    def members_of(self, workspace_id: str) -> list[Member]:
        """Everyone in the workspace, owners first."""
        ...

    def add(
        self, workspace_id: str, email: str, role: str, *, added_by: str, added_at: pd.Timestamp
    ) -> None:
        """Add a member or change their role (only an owner may; the first member is an owner)."""
        ...

    def remove(self, workspace_id: str, email: str, *, removed_by: str) -> None:
        """Remove a member (an owner may; anyone may leave; the last owner stays)."""
        ...

    def forget_workspace(self, workspace_id: str) -> int:
        """Delete every membership of the workspace (when it is deleted); the count removed."""
        ...


@dataclass(frozen=True)
class LocalMembers:
    """Single-user local mode (``make run``): no sign-in, the one user owns every workspace.

    Parameters
    ----------
    workspaces : tuple of (str, str)
        ``(workspace_id, name)`` of the workspaces on this machine, if known.
    """

    workspaces: tuple[tuple[str, str], ...] = ()

    def role_of(self, workspace_id: str, email: str) -> str | None:
        return OWNER

    def workspaces_of(self, email: str) -> list[tuple[str, str, str]]:
        return sorted((w, n, OWNER) for w, n in self.workspaces)

    def members_of(self, workspace_id: str) -> list[Member]:
        return []

    def add(
        self, workspace_id: str, email: str, role: str, *, added_by: str, added_at: pd.Timestamp
    ) -> None:
        raise MoriError("auth.err.local_mode")

    def remove(self, workspace_id: str, email: str, *, removed_by: str) -> None:
        raise MoriError("auth.err.local_mode")

    def forget_workspace(self, workspace_id: str) -> int:
        return 0
