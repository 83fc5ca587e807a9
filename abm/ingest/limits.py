"""Safety limits applied while reading an uploaded file."""

from __future__ import annotations

from dataclasses import dataclass

from abm.core.config import Config

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True)
class Limits(Config):
    """Upper bounds that protect the app from oversize or hostile files.

    Parameters
    ----------
    max_bytes : int
        Largest upload accepted, in bytes.
    max_rows : int
        Largest number of data rows.
    max_columns : int
        Largest number of columns.
    max_xlsx_uncompressed : int
        Largest total uncompressed size of the members of an ``.xlsx`` zip.
    max_xlsx_ratio : float
        Largest ratio uncompressed / compressed of the whole ``.xlsx`` zip and of
        each of its members (zip bomb guard).
    max_xlsx_members : int
        Largest number of members in an ``.xlsx`` zip.
    max_xlsx_shared_strings : int
        Largest uncompressed ``sharedStrings.xml`` (openpyxl holds every shared
        string in memory, so this bounds memory, not only time).
    max_xlsx_part : int
        Largest uncompressed XML part other than worksheets and shared strings
        (styles, workbook, relationships…), which are parsed whole.
    xlsx_ratio_floor : int
        Members smaller than this (uncompressed) are not held to ``max_xlsx_ratio``.
    max_cell_chars : int
        Longest cell accepted (Excel's own limit is 32,767 characters).
    header_scan_rows : int
        How many leading rows are scored when looking for the header row.
    """

    max_bytes: int = 500_000_000
    max_rows: int = 2_000_000
    max_columns: int = 500
    max_xlsx_uncompressed: int = 1_000_000_000
    max_xlsx_ratio: float = 100.0
    max_xlsx_members: int = 10_000
    max_xlsx_shared_strings: int = 100_000_000
    max_xlsx_part: int = 32_000_000
    xlsx_ratio_floor: int = 1_000_000
    max_cell_chars: int = 32_767
    header_scan_rows: int = 30

    SECTION = "limits"


#: The default limits (a shared immutable instance).
DEFAULT_LIMITS = Limits()
