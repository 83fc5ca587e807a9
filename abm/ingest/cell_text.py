"""A workbook cell's text, and calamine's reading of one sheet in a process of its own.

:func:`cell_text` is the text a user sees for a cell's value, whichever reader gave
it (openpyxl, :mod:`abm.ingest.xlsx`; calamine, :mod:`abm.ingest.xlsx_fast`).

Run as a script (``python cell_text.py``), this module reads one worksheet with
calamine for :mod:`abm.ingest.xlsx_fast`: a pickled ``(workbook bytes, sheet name,
row numbers)`` on stdin, the pickled rows on stdout. The parent runs it with a memory
and a time limit, so a workbook that would make calamine allocate without bound ends
this process, never the server's (a Rust allocation failure aborts, it raises
nothing). Standard library and python-calamine only: nothing of Mori is imported.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys

#: Above this a float's text is openpyxl's exact digits, not calamine's double.
EXACT = 1e15


def cell_text(value: object) -> str:
    """Return the text a user sees for a cell value ('' for empty).

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
        if value.is_integer() and abs(value) < EXACT:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sheet_rows(data: bytes, name: str, present: list[int]) -> list[tuple[int, list[str]]] | None:
    """The rows ``present`` of sheet ``name`` as ``(sheet row, cell texts)``, trailing
    empty cells trimmed; ``None`` when a number is past 15 digits, a date is out of
    Excel's range or the workbook names its sheets otherwise (openpyxl then reads it).
    """
    import io

    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    if name not in book.sheet_names:
        return None
    grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    out: list[tuple[int, list[str]]] = []
    for number in present:
        texts = []
        for value in grid[number - 1] if number <= len(grid) else ():
            kind = type(value)
            if kind is not str:
                if kind is float and not abs(value) < EXACT:
                    return None  # rounded to a double (or not finite): openpyxl's digits
                if kind is dt.time or kind is dt.timedelta:
                    return None  # a date serial calamine and openpyxl read apart (review)
                value = cell_text(value)
            texts.append(value)
        while texts and texts[-1] == "":
            texts.pop()
        out.append((number, texts))
    return out


def main() -> None:
    """Cap this process's address space at ``argv[1]`` bytes (where the platform can),
    then read the request on stdin and write the rows (or ``None``) on stdout, pickled."""
    if len(sys.argv) > 1:
        try:
            import resource
        except ImportError:  # pragma: no cover - not POSIX: the time limit still holds
            pass
        else:
            limit = int(sys.argv[1])
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    data, name, present = pickle.load(sys.stdin.buffer)
    pickle.dump(sheet_rows(data, name, present), sys.stdout.buffer, pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
