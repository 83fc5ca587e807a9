"""Streamlit glue — the only part of :mod:`abm` that imports streamlit."""

from abm.ui.shell import (
    DATA_PAGE,
    PAGES,
    get_as_of,
    lang,
    page_setup,
    require_data,
    require_loaded,
    tr,
)
from abm.ui.state import (
    cleaning_settings,
    data_label,
    dataset_token,
    get_dataset,
    get_prepared,
    get_workspace,
    session_memo,
    set_dataset,
    set_workspace,
    set_workspace_section,
)

__all__ = [
    "DATA_PAGE",
    "PAGES",
    "cleaning_settings",
    "data_label",
    "dataset_token",
    "get_as_of",
    "get_dataset",
    "get_prepared",
    "get_workspace",
    "lang",
    "page_setup",
    "require_data",
    "require_loaded",
    "session_memo",
    "set_dataset",
    "set_workspace",
    "set_workspace_section",
    "tr",
]
