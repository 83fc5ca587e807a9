"""Safe reading of ``.xlsx`` workbooks.

The zip's central directory is inspected with :mod:`zipfile` *before*
openpyxl touches it: member count, total uncompressed size and compression
ratio are bounded (zip bombs). openpyxl then reads in ``read_only`` mode,
values only (formulas give their cached value); XML is parsed through
defusedxml when it is installed, which openpyxl does automatically.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator

from abm.errors import MoriError
from abm.ingest.limits import Limits

__all__ = ["cell_text", "check_zip", "read_xlsx_rows"]


def check_zip(data: bytes, file: str, limits: Limits) -> None:
    """Refuse damaged, non-workbook or bomb-like zip containers.

    Raises
    ------
    MoriError
        ``ingest.err.damaged_xlsx``, ``ingest.err.not_xlsx`` or ``ingest.err.zip_bomb``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise MoriError("ingest.err.damaged_xlsx", file=file) from None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        raise MoriError("ingest.err.not_xlsx", file=file)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if len(infos) > limits.max_xlsx_members or total > limits.max_xlsx_uncompressed:
        raise MoriError("ingest.err.zip_bomb", file=file)
    if total > 1_000_000 and total / max(packed, 1) > limits.max_xlsx_ratio:
        raise MoriError("ingest.err.zip_bomb", file=file)


def cell_text(value: object) -> str:
    """Return the text a user sees for an openpyxl cell value ('' for empty).

    Integral floats lose their ``.0``; datetimes at midnight become dates.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_xlsx_rows(
    data: bytes, file: str, sheet: str | int | None, limits: Limits
) -> tuple[Iterator[list[str]], str, tuple[str, ...], object]:
    """Open a workbook and return a lazy iterator over the rows of one sheet.

    Parameters
    ----------
    data : bytes
        The workbook.
    file : str
        File name for messages.
    sheet : str or int or None
        Sheet name, 0-based index, or ``None`` for the first sheet.
    limits : Limits
        Size limits (checked before openpyxl runs).

    Returns
    -------
    (iterator, str, tuple of str, workbook)
        Rows as lists of cell texts (sheet row ``i`` is the ``i``-th item,
        1-based), the chosen sheet name, all sheet names, and the workbook
        (call ``close()`` when done).
    """
    check_zip(data, file, limits)
    import openpyxl  # deferred: only needed for workbooks

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise MoriError("ingest.err.damaged_xlsx", file=file) from None
    sheets = tuple(wb.sheetnames)
    if not sheets:
        wb.close()
        raise MoriError("ingest.err.empty_file", file=file)
    if sheet is None:
        name = sheets[0]
    elif isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(sheets):
            wb.close()
            raise MoriError("ingest.err.no_sheet", file=file, sheet=str(sheet))
        name = sheets[sheet]
    elif sheet in sheets:
        name = str(sheet)
    else:
        wb.close()
        raise MoriError("ingest.err.no_sheet", file=file, sheet=str(sheet))
    ws = wb[name]
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # never trust a (possibly bogus) stored dimension

    def rows() -> Iterator[list[str]]:
        try:
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if n > limits.max_rows + limits.header_scan_rows + 1:
                    raise MoriError("ingest.err.too_many_rows", file=file, limit=limits.max_rows)
                if len(row) > limits.max_columns:  # styled empty cells are common: trim them
                    row = row[
                        : max((i + 1 for i, v in enumerate(row) if v not in (None, "")), default=0)
                    ]
                    if len(row) > limits.max_columns:
                        raise MoriError(
                            "ingest.err.too_many_columns",
                            file=file,
                            count=len(row),
                            limit=limits.max_columns,
                        )
                yield [cell_text(v) for v in row]
        except MoriError:
            raise
        except Exception:
            raise MoriError("ingest.err.damaged_xlsx", file=file) from None

    return rows(), name, sheets, wb
