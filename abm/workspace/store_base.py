"""Plumbing shared by the workspace store's parts: opening the file, the audit rule.

See :mod:`abm.workspace.store` for the tables. Every call opens the store file
and closes it again (the file is shared with the members store and, between
calls, may be opened by another process); a change runs in one transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from abm.engine import store as engine
from abm.errors import MoriError
from abm.workspace.store_sql import ensure_tables, tables, utc

__all__ = ["ACTIONS", "DETAIL_KEYS", "StoreFile", "check_id"]

#: What the audit list records.
ACTIONS: tuple[str, ...] = (
    "workspace.created", "workspace.renamed", "snapshot.saved", "snapshot.replaced",
    "snapshot.deleted", "settings.changed", "data.exported", "view.shared", "member.added",
    "member.removed",
)  # fmt: skip
#: The only details an audit row may carry: names of files, tables, sections, pages and
#: snapshots, counts, roles and team members' addresses — never a value from the data.
DETAIL_KEYS = frozenset(
    {"files", "file", "table", "rows", "sections", "page", "snapshot_id", "label", "member",
     "role", "name", "kind"}
)  # fmt: skip
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def check_id(value: object) -> str:
    """``value`` if it is a well-formed id (letters, digits, ``_``, ``-``; at most 64)."""
    if not isinstance(value, str) or not _ID.match(value):
        raise MoriError("workspace.err.id")
    return value


@dataclass(frozen=True)
class StoreFile:
    """The store file at ``path``: reading (nothing when absent) and changing it."""

    path: str | Path

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def file(self) -> Path:
        """The store file."""
        return Path(self.path)

    def _read(self, fn: Callable[[Any, set[str]], Any], empty: Any) -> Any:
        if not self.file.exists():
            return empty
        con = engine._connect(self.file, read_only=True)
        try:
            engine._check(con, self.file.name)
            return fn(con, tables(con))
        finally:
            con.close()

    def _write(self, fn: Callable[[Any], Any]) -> Any:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        return engine.write_in_transaction(self.file, fn, tables=ensure_tables)

    @staticmethod
    def _log(con: Any, ws: str, action: str, by: str, at: pd.Timestamp, detail: dict) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action: {action}")  # a programming error
        unknown = set(detail) - DETAIL_KEYS
        if unknown:
            raise ValueError(f"audit details not allowed: {sorted(unknown)}")
        seq = con.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM mori_audit WHERE workspace_id = ?", [ws]
        ).fetchone()[0]
        con.execute(
            "INSERT INTO mori_audit VALUES (?, ?, ?, ?, ?, ?)",
            [ws, utc(at), seq, by, action, json.dumps(detail, ensure_ascii=False)],
        )
