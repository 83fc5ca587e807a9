"""Streamlit glue — the only part of :mod:`abm` that imports streamlit."""

from abm.ui.shell import DATA_PAGE, PAGES, get_as_of, lang, page_setup, require_data, tr
from abm.ui.state import (
    data_label,
    dataset_token,
    get_dataset,
    get_workspace,
    session_memo,
    set_dataset,
    set_workspace,
    set_workspace_section,
)

__all__ = [
    "DATA_PAGE",
    "PAGES",
    "data_label",
    "dataset_token",
    "get_as_of",
    "get_dataset",
    "get_workspace",
    "lang",
    "page_setup",
    "require_data",
    "session_memo",
    "set_dataset",
    "set_workspace",
    "set_workspace_section",
    "tr",
]
