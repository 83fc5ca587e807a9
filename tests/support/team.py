"""A team for AppTest (#18): the ``[auth]`` section, two members and the team file.

``at.secrets`` takes :data:`AUTH` (a provider nobody reaches: AppTest's ``at.user``
stands for the ID token); :func:`team_file` adds an owner and a viewer to a
workspace in a store file and writes the administrator's team file that names it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from abm.workspace import OWNER, VIEWER, DuckDBMembers

__all__ = ["AUTH", "OUTSIDER", "OWNER_EMAIL", "VIEWER_EMAIL", "team_file"]

OWNER_EMAIL, VIEWER_EMAIL = "alice@example.co.jp", "carol@example.co.jp"
#: On the allow-listed domains, a member of nothing.
OUTSIDER = "bob@x.example"
AUTH = {
    "auth": {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "x" * 40,
        "client_id": "mori",
        "client_secret": "s",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
    }
}


def team_file(folder: Path, store: Path, workspace: str) -> Path:
    """Owner and viewer of ``workspace`` in ``store``; the team file naming the store.

    Returns
    -------
    pathlib.Path
        ``folder/team.toml`` (domains ``example.co.jp`` and ``x.example``).
    """
    when = pd.Timestamp("2026-12-01", tz="UTC")
    members = DuckDBMembers(store)
    members.add(workspace, OWNER_EMAIL, OWNER, added_by=OWNER_EMAIL, added_at=when)
    members.add(workspace, VIEWER_EMAIL, VIEWER, added_by=OWNER_EMAIL, added_at=when)
    path = folder / "team.toml"
    path.write_text(
        f'[team]\ndomains = ["example.co.jp", "x.example"]\nstore = "{store}"\n', encoding="utf-8"
    )
    return path
