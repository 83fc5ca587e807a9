"""Buying-committee coverage: required roles filled / required roles."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.buying_roles import read_buying_roles
from abm.core.titles import ROLES, classify_roles

__all__ = [
    "ROLE_COLUMNS", "LeadRoles", "committee_coverage", "coverage_matrix", "lead_roles",
    "role_column",
]  # fmt: skip


def role_column(role: str) -> str:
    """Return the roll-up column holding whether ``role`` is covered."""
    return f"role_{role}"


#: Roll-up columns of every known role, in :data:`~abm.core.titles.ROLES` order.
ROLE_COLUMNS: tuple[str, ...] = tuple(role_column(r) for r in ROLES)


@dataclass(frozen=True, eq=False)
class LeadRoles:
    """Each lead's committee roles and where they come from (:func:`lead_roles`).

    Attributes
    ----------
    by_title : pandas.DataFrame
        Roles the title and department give (:func:`abm.core.titles.classify_roles`).
    by_crm : pandas.DataFrame
        Roles the CRM records (``buying_role``: :func:`abm.core.buying_roles.read_buying_roles`).
    unknown : int
        Leads whose ``buying_role`` holds a value the vocabulary does not know.
    """

    by_title: pd.DataFrame
    by_crm: pd.DataFrame
    unknown: int

    @property
    def roles(self) -> pd.DataFrame:
        """A lead holds a role when the CRM says so or its title does (the union)."""
        return self.by_title | self.by_crm


def lead_roles(leads: pd.DataFrame, *, roles: tuple[str, ...] = ROLES) -> LeadRoles:
    """The buying-committee roles of each lead: from its title and department, and from the
    role its CRM records (``buying_role``; a contact-role report's 役割 reaches the person at
    load, :mod:`abm.ingest.roles`).

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads (``title``, ``department``, ``buying_role``; any may be absent).
    roles : tuple of str
        Roles to compute (of :data:`~abm.core.titles.ROLES`).

    Returns
    -------
    LeadRoles
        Each source's flags, indexed like ``leads``; rules run once per distinct text.
    """
    if "title" in leads.columns:
        titles = leads["title"]
    else:
        titles = pd.Series(pd.NA, index=leads.index, dtype="string")
    by_title = classify_roles(titles, leads.get("department"), roles=roles)
    if "buying_role" in leads.columns:
        by_crm, unknown = read_buying_roles(leads["buying_role"], roles=roles)
    else:
        by_crm = pd.DataFrame(False, index=leads.index, columns=list(roles), dtype=bool)
        unknown = np.zeros(len(leads), dtype=bool)
    return LeadRoles(by_title, by_crm, int(unknown.sum()))


def committee_coverage(covered: pd.DataFrame, required_roles: tuple[str, ...]) -> pd.DataFrame:
    """Coverage per account from per-role flags.

    Parameters
    ----------
    covered : pandas.DataFrame
        One boolean column ``role_<key>`` per role (a roll-up frame works).
    required_roles : tuple of str
        Role keys that make up a complete buying committee.

    Returns
    -------
    pandas.DataFrame
        ``roles_covered`` (int), ``coverage`` (share in [0, 1]; 0 when no role
        is required) and ``missing_roles`` (required role keys not covered,
        joined with ``"|"`` in :data:`ROLES` order, categorical; empty when complete),
        indexed like ``covered``.
    """
    required = [r for r in ROLES if r in set(required_roles)]
    if not required:
        zeros = np.zeros(len(covered), dtype=np.int64)
        return pd.DataFrame(
            {"roles_covered": zeros, "coverage": zeros.astype(float), "missing_roles": ""},
            index=covered.index,
        )
    flags = np.column_stack([covered[role_column(r)].to_numpy(dtype=bool) for r in required])
    n = flags.sum(axis=1)
    # Encode each account's missing set as a bit mask, then translate the few
    # distinct masks to text once (vectorised over accounts).
    bits = (~flags).astype(np.int64) @ (1 << np.arange(len(required), dtype=np.int64))
    uniq, inverse = np.unique(bits, return_inverse=True)
    labels = ["|".join(r for i, r in enumerate(required) if m >> i & 1) for m in uniq]
    return pd.DataFrame(
        {
            "roles_covered": n.astype(np.int64),
            "coverage": n / len(required),
            "missing_roles": pd.Categorical.from_codes(inverse, categories=labels),
        },
        index=covered.index,
    )


def coverage_matrix(rollup: pd.DataFrame, required_roles: tuple[str, ...] = ROLES) -> pd.DataFrame:
    """Accounts × roles matrix (1 = covered) for a heatmap.

    Parameters
    ----------
    rollup : pandas.DataFrame
        Roll-up frame with ``account_id`` and ``role_<key>`` columns.
    required_roles : tuple of str
        Roles to show, in :data:`ROLES` order.

    Returns
    -------
    pandas.DataFrame
        Index ``account_id``, one integer column per role key.
    """
    roles = [r for r in ROLES if r in set(required_roles)]
    data = {r: rollup[role_column(r)].to_numpy(dtype=bool).astype(int) for r in roles}
    return pd.DataFrame(data, index=pd.Index(rollup["account_id"], name="account_id"))
