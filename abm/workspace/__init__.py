"""Team workspaces: who may sign in, who may see or change which workspace (#18).

Pure, like the rest of :mod:`abm` (no Streamlit, no clock: the caller passes
``now`` and ``added_at``):

* :mod:`abm.workspace.config` — the team's server configuration
  (:class:`TeamConfig`: an allow-list of e-mail domains, addresses and groups
  and the login-expiry settings, written by an administrator, never by the
  browser);
* :mod:`abm.workspace.access` — the sign-in rule (:func:`admit`: identity
  claims → allowed, or refused with a reason, expired logins included), roles
  per workspace (``owner`` / ``viewer``) and the :class:`Members` interface a
  membership store implements (:class:`LocalMembers` for the single-user
  local mode, where the one user owns everything);
* :mod:`abm.workspace.members` — :class:`DuckDBMembers`, the membership table
  ``mori_members`` inside the embedded store file (:mod:`abm.engine.store`).

The Streamlit side (sign-in screen, sidebar, ``can_edit``) is
:mod:`abm.ui.auth`. Persisted workspaces, their snapshots and audit list
share the same store file.
"""

from abm.workspace.access import (
    OWNER,
    ROLES,
    VIEWER,
    Admission,
    Identity,
    LocalMembers,
    Member,
    Members,
    TeamConfig,
    admit,
    can_edit,
    load_team_config,
    normalise_email,
)
from abm.workspace.members import DuckDBMembers

__all__ = [
    "OWNER",
    "ROLES",
    "VIEWER",
    "Admission",
    "DuckDBMembers",
    "Identity",
    "LocalMembers",
    "Member",
    "Members",
    "TeamConfig",
    "admit",
    "can_edit",
    "load_team_config",
    "normalise_email",
]
