"""Mori (銛): B2B marketing and ABM analytics on plain MA/CRM exports.

The library is pure (no Streamlit outside :mod:`abm.ui`), so a consultant can
``import abm`` in a notebook and get the same numbers the app shows.
"""

from abm.dataset import Dataset, SourceReport
from abm.errors import MoriError
from abm.resolve import clean_leads, resolve_accounts
from abm.schema import TABLES, validate
from abm.settings import Workspace

__all__ = [
    "TABLES",
    "Dataset",
    "MoriError",
    "SourceReport",
    "Workspace",
    "clean_leads",
    "resolve_accounts",
    "validate",
]
__version__ = "0.1.0"
