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

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from abm.engine.store import _check, _connect, write_in_transaction
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


@dataclass(frozen=True)
class _Snapshot:
    """The membership table (``(workspace_id, email, role, added_by, added_at)``) and names."""

    rows: tuple[tuple[str, str, str, str, pd.Timestamp | None], ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)


_EMPTY = _Snapshot()
_CACHE: dict[str, tuple[tuple[int, ...], _Snapshot]] = {}
_LOCK = threading.Lock()


def _signature(p: Path) -> tuple[int, ...] | None:
    """What changes whenever DuckDB writes the file (``None``: no file)."""
    try:
        main = p.stat()
    except OSError:
        return None
    out = (main.st_mtime_ns, main.st_ctime_ns, main.st_size, main.st_ino)
    try:
        wal = p.with_name(p.name + ".wal").stat()
    except OSError:
        return out
    return (*out, wal.st_mtime_ns, wal.st_size, wal.st_ino)


def _forget(p: Path) -> None:
    with _LOCK:
        _CACHE.pop(str(p.resolve()), None)
        _CACHE.pop(str(p), None)


def _read(p: Path) -> _Snapshot:
    """Read the whole membership table and the workspace names in one connection.

    Opened read-write like every change: DuckDB refuses, within one process,
    a read-only connection to a file another thread has open read-write (and
    the reverse), so one configuration serves all. A file busy in another
    process is tried once more before the error is raised.
    """
    try:
        return _read_once(p)
    except MoriError:
        time.sleep(0.05)
        return _read_once(p)


def _read_once(p: Path) -> _Snapshot:
    con = _connect(p, read_only=False)
    try:
        _check(con, p.name)
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if TABLE not in tables:
            return _EMPTY
        rows = con.execute(
            f"SELECT workspace_id, email, role, added_by, added_at FROM {TABLE}"
        ).fetchall()
        names: dict[str, str] = {}
        if _NAMES in tables and {"workspace_id", "name"} <= {
            r[0] for r in con.execute(f"DESCRIBE {_NAMES}").fetchall()
        }:
            names = {
                w: n
                for w, n in con.execute(f"SELECT workspace_id, name FROM {_NAMES}").fetchall()
                if isinstance(n, str) and n
            }
    finally:
        con.close()
    return _Snapshot(
        tuple((w, e, r, b, None if a is None else pd.Timestamp(a)) for w, e, r, b, a in rows),
        names,
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

    Every change opens the file and closes it again (the file may be shared
    with the workspace store and, between calls, with another process); reads
    come from a copy of the (small) table kept until the file changes. Reading
    a file that does not exist yet finds no member and creates nothing.

    Parameters
    ----------
    path : str or pathlib.Path
        The DuckDB store file (created on the first :meth:`add`).
    """

    path: str | Path

    # --- reading -----------------------------------------------------------------------------

    def _table(self) -> _Snapshot:
        """Every membership and workspace name, read once per version of the file.

        The page asks on every run (role, the sidebar's list, the members);
        the file is opened again only when it changed (its and its WAL's
        modification time, size, inode) or after a change made here.
        """
        p = Path(self.path)
        key = str(p.resolve()) if p.exists() else str(p)
        signature = _signature(p)
        if signature is None:
            return _EMPTY
        with _LOCK:
            cached = _CACHE.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
        snapshot = _read(p)
        with _LOCK:
            _CACHE[key] = (signature, snapshot)
        return snapshot

    def role_of(self, workspace_id: str, email: str) -> str | None:
        """The role of ``email`` in the workspace; ``None`` for a non-member or an unknown id."""
        who = normalise_email(email)
        if who is None or not isinstance(workspace_id, str) or not workspace_id:
            return None
        for ws, e, role, _, _ in self._table().rows:
            if ws == workspace_id and e == who:
                return role if role in ROLES else None
        return None

    def workspaces_of(self, email: str) -> list[tuple[str, str, str]]:
        """``(workspace_id, name, role)`` of the user's workspaces, by name then id."""
        who = normalise_email(email)
        table = self._table()
        found = [
            (ws, table.names.get(ws) or ws, role)
            for ws, e, role, _, _ in table.rows
            if e == who and role in ROLES
        ]
        return sorted(found, key=lambda x: (x[1], x[0]))

    def members_of(self, workspace_id: str) -> list[Member]:
        """Everyone in the workspace: owners first, then by address."""
        found = [
            Member(e, role, by, at)
            for ws, e, role, by, at in self._table().rows
            if ws == workspace_id
        ]
        return sorted(found, key=lambda m: (m.role != OWNER, m.email))

    # --- changing ----------------------------------------------------------------------------

    def _write(self, fn: Any) -> Any:
        p = Path(self.path)
        try:
            return write_in_transaction(p, fn, tables=lambda con: con.execute(_CREATE))
        finally:
            _forget(p)

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
