"""Workspace members in the embedded store file: :class:`DuckDBMembers`.

The table lives beside the snapshots in the one DuckDB file of
:mod:`abm.engine.store` (created the same way, so either side may create the
file first)::

    mori_members(workspace_id, email, role, added_by, added_at)
        PRIMARY KEY (workspace_id, email)

``email`` and ``added_by`` are stored as :func:`~abm.workspace.access.normalise_email`
writes them; ``added_at`` is the caller's clock. A workspace's display name
comes from ``mori_workspaces(workspace_id, name, …)`` when that table exists
(the workspace store's); otherwise the id is shown.

Rules enforced here, in one transaction each, so no caller can skip them:
only an owner adds, changes or removes members (the first member of a
workspace is its creator and must be an owner); anyone may leave; a
workspace never loses its last owner. Nothing here is ever told to a user who
is not a member: callers treat "no such workspace" and "not a member" alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from abm.engine.store import _check, _connect, _init
from abm.errors import MoriError
from abm.workspace.access import OWNER, ROLES, Member, check_role, normalise_email

__all__ = ["TABLE", "DuckDBMembers"]

#: The membership table.
TABLE = "mori_members"
_NAMES = "mori_workspaces"
_MAX_ID = 200
_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (workspace_id VARCHAR NOT NULL, email VARCHAR NOT NULL, "
    "role VARCHAR NOT NULL, added_by VARCHAR NOT NULL, added_at TIMESTAMP, "
    "PRIMARY KEY (workspace_id, email))"
)


def _workspace(workspace_id: object) -> str:
    if not isinstance(workspace_id, str) or not workspace_id or len(workspace_id) > _MAX_ID:
        raise MoriError("auth.err.workspace_id")
    return workspace_id


def _email(value: object) -> str:
    email = normalise_email(value)
    if email is None:
        raise MoriError("auth.err.email")  # never the value: an address is personal data
    return email


@dataclass(frozen=True)
class DuckDBMembers:
    """:class:`~abm.workspace.access.Members` kept in the store file at ``path``.

    Every call opens the file and closes it again (the file may be shared with
    the workspace store and, between calls, with another process). Reading a
    file that does not exist yet finds no member and creates nothing.

    Parameters
    ----------
    path : str or pathlib.Path
        The DuckDB store file (created on the first :meth:`add`).
    """

    path: str | Path

    # --- reading -----------------------------------------------------------------------------

    def _query(self, sql: str, params: list[Any], *, named: str = "") -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (none when the file or the table is absent).

        With ``named``, ``{names}`` in ``sql`` becomes ``named`` when the
        workspace-name table exists, else a name of NULL.
        """
        p = Path(self.path)
        if not p.exists():
            return []
        con = _connect(p, read_only=True)
        try:
            _check(con, p.name)
            tables = {
                r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            }
            if TABLE not in tables:
                return []
            if named:
                has_names = _NAMES in tables and {"workspace_id", "name"} <= {
                    r[0] for r in con.execute(f"DESCRIBE {_NAMES}").fetchall()
                }
                sql = sql.replace("{names}", named if has_names else "NULL::VARCHAR")
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def role_of(self, workspace_id: str, email: str) -> str | None:
        """The role of ``email`` in the workspace; ``None`` for a non-member or an unknown id."""
        who = normalise_email(email)
        if who is None or not isinstance(workspace_id, str) or not workspace_id:
            return None
        rows = self._query(
            f"SELECT role FROM {TABLE} WHERE workspace_id = ? AND email = ?", [workspace_id, who]
        )
        role = rows[0][0] if rows else None
        return role if role in ROLES else None

    def workspaces_of(self, email: str) -> list[tuple[str, str, str]]:
        """``(workspace_id, name, role)`` of the user's workspaces, by name then id."""
        who = normalise_email(email)
        if who is None:
            return []
        rows = self._query(
            f"SELECT workspace_id, coalesce({{names}}, workspace_id) AS name, role FROM {TABLE} m "
            "WHERE email = ? ORDER BY name, workspace_id",
            [who],
            named=f"(SELECT any_value(name) FROM {_NAMES} w WHERE w.workspace_id = m.workspace_id)",
        )
        return [(w, n, r) for w, n, r in rows if r in ROLES]

    def members_of(self, workspace_id: str) -> list[Member]:
        """Everyone in the workspace: owners first, then by address."""
        rows = self._query(
            f"SELECT email, role, added_by, added_at FROM {TABLE} WHERE workspace_id = ? "
            "ORDER BY role <> 'owner', email",
            [workspace_id],
        )
        return [Member(e, r, b, None if a is None else pd.Timestamp(a)) for e, r, b, a in rows]

    # --- changing ----------------------------------------------------------------------------

    def _write(self, fn: Any) -> Any:
        p = Path(self.path)
        con = _connect(p, read_only=False)
        try:
            _init(con, p.name)
            con.execute(_CREATE)
            con.execute("BEGIN TRANSACTION")
            try:
                out = fn(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            return out
        finally:
            con.close()

    @staticmethod
    def _roles(con: Any, workspace_id: str) -> dict[str, str]:
        return dict(
            con.execute(
                f"SELECT email, role FROM {TABLE} WHERE workspace_id = ?", [workspace_id]
            ).fetchall()
        )

    def add(
        self, workspace_id: str, email: str, role: str, *, added_by: str, added_at: pd.Timestamp
    ) -> None:
        """Add ``email`` with ``role``, or change their role.

        Raises
        ------
        MoriError
            ``auth.err.role`` (not a role), ``auth.err.email`` /
            ``auth.err.workspace_id`` (malformed), ``auth.err.not_owner``
            (``added_by`` is not an owner; on a workspace without members, the
            first member must be ``added_by`` themselves, as owner),
            ``auth.err.last_owner`` (the only owner would become a viewer).
        """
        ws, who, by, role = (
            _workspace(workspace_id),
            _email(email),
            _email(added_by),
            check_role(role),
        )
        when = pd.Timestamp(added_at)
        if when.tzinfo is not None:
            when = when.tz_convert("UTC").tz_localize(None)  # stored as UTC

        def run(con: Any) -> None:
            roles = self._roles(con, ws)
            if not roles:
                if who != by or role != OWNER:
                    raise MoriError("auth.err.not_owner")
            elif roles.get(by) != OWNER:
                raise MoriError("auth.err.not_owner")
            elif roles.get(who) == OWNER and role != OWNER and _owners(roles) == 1:
                raise MoriError("auth.err.last_owner")
            con.execute(
                f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, email) "
                "DO UPDATE SET role = excluded.role, added_by = excluded.added_by, "
                "added_at = excluded.added_at",
                [ws, who, role, by, when.to_pydatetime()],
            )

        self._write(run)

    def remove(self, workspace_id: str, email: str, *, removed_by: str) -> None:
        """Remove ``email`` from the workspace (nothing happens if they are not a member).

        Raises
        ------
        MoriError
            ``auth.err.not_owner`` when ``removed_by`` is neither an owner nor
            ``email`` leaving; ``auth.err.last_owner`` for the only owner.
        """
        ws, who, by = _workspace(workspace_id), _email(email), _email(removed_by)

        def run(con: Any) -> None:
            roles = self._roles(con, ws)
            if who != by and roles.get(by) != OWNER:
                raise MoriError("auth.err.not_owner")
            if who not in roles:
                return
            if roles[who] == OWNER and _owners(roles) == 1:
                raise MoriError("auth.err.last_owner")
            con.execute(f"DELETE FROM {TABLE} WHERE workspace_id = ? AND email = ?", [ws, who])

        self._write(run)

    def forget_workspace(self, workspace_id: str) -> int:
        """Delete every membership of a deleted workspace; the number of rows removed."""
        ws = _workspace(workspace_id)
        if not Path(self.path).exists():
            return 0

        def run(con: Any) -> int:
            n = con.execute(f"SELECT count(*) FROM {TABLE} WHERE workspace_id = ?", [ws]).fetchone()
            con.execute(f"DELETE FROM {TABLE} WHERE workspace_id = ?", [ws])
            return int(n[0])

        return self._write(run)


def _owners(roles: dict[str, str]) -> int:
    return sum(r == OWNER for r in roles.values())
