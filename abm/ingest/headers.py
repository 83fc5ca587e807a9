"""Headers: normalisation and object prefixes (shared with the mapper), delimiter
sniffing, header-row detection."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from abm.ingest import aliases as A

__all__ = [
    "JAPANESE",
    "header_score",
    "in_japanese",
    "known_headers",
    "line_start",
    "looks_headerless",
    "name_columns",
    "normalise_header",
    "object_of",
    "pick_header",
    "sample_rows",
    "sniff_delimiter",
    "split_object",
]

_DELIMITERS = (",", "\t", ";", "|")
#: Kana or kanji (compatibility ideographs too), as a pattern: text written in Japanese.
JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
_JAPANESE = re.compile(JAPANESE)

_STRIP = re.compile(r"[\s_\-\.・:：]+")
_DATAISH = re.compile(r"^[\d\s,./:\-+%¥円年月日時分秒]+$|@")
# An object prefix ends at ``: . / >`` (spaces around allowed) or, weaker, a space.
_OBJECT_SEP = re.compile(r"[ ]*[:./>][ ]*|[ ]+")
#: Longest header looked at for object prefixes (a header is a label, not a text).
_MAX_PREFIXED = 120


def in_japanese(headers: Iterable[object]) -> bool:
    """Whether any of ``headers`` is written in Japanese (an export from a Japanese UI).

    Parameters
    ----------
    headers : iterable
        Column labels.

    Returns
    -------
    bool
    """
    return any(_JAPANESE.search(str(h)) for h in headers)


def normalise_header(header: str) -> str:
    """Return the lookup form of a header (NFKC, case-folded, separators removed).

    Examples
    --------
    >>> normalise_header("リード ID")
    'リードid'
    >>> normalise_header("Ｅメール　アドレス")
    'eメールアドレス'
    """
    text = str(header)
    for _ in range(
        4
    ):  # case folding and separator removal can un-normalise: iterate to a fixed point
        nxt = _STRIP.sub("", unicodedata.normalize("NFKC", text).casefold())
        if nxt == text:
            break
        text = nxt
    return text


@lru_cache(maxsize=1)
def _object_words() -> dict[str, str]:
    return {normalise_header(w): obj for obj, words in A.OBJECTS.items() for w in words}


def object_of(word: str) -> str | None:
    """The object (``person``, ``account``, ``opportunity``, ``activity``) a word names.

    Examples
    --------
    >>> object_of("取引先責任者"), object_of("Opportunity"), object_of("Email")
    ('person', 'opportunity', None)
    """
    return _object_words().get(normalise_header(word))


def split_object(header: str) -> list[tuple[str, str, bool]]:
    """Object prefixes of a header, outermost first: ``(object, field, explicit)``.

    Salesforce labels a related object's field ``Object: Field`` (``取引先責任者:
    メール``, ``Contact: Email``), data exports ``Object.Field``
    (``Opportunity.StageName``), some tools ``取引先／取引先名``; Japanese
    reports also write ``取引先責任者 所有者``. A prefix counts when the text
    before a separator (``: . / >``, or a space — ``explicit`` False) is an
    object word of :data:`abm.ingest.aliases.OBJECTS`. Each further prefix
    gives one more candidate (``Opportunity: Opportunity ID`` →
    ``("opportunity", "Opportunity ID")`` then ``("opportunity", "ID")``);
    the mapper takes the first whose field it knows.

    Examples
    --------
    >>> split_object("取引先: 取引先名")
    [('account', '取引先名', True)]
    >>> split_object("Opportunity.Account.Name")
    [('opportunity', 'Account.Name', True), ('account', 'Name', True)]
    >>> split_object("No. of Employees")
    []
    """
    text = unicodedata.normalize("NFKC", str(header)).strip()
    if len(text) > _MAX_PREFIXED:
        return []
    out: list[tuple[str, str, bool]] = []
    rest = text
    while True:
        m = _OBJECT_SEP.search(rest)
        if m is None or m.start() == 0:
            return out
        obj = object_of(rest[: m.start()])
        field = rest[m.end() :].strip()
        if obj is None or not field:
            return out
        out.append((obj, field, bool(m.group().strip())))
        rest = field


@lru_cache(maxsize=1)
def known_headers() -> frozenset[str]:
    """All normalised aliases and markers (used to find the header row)."""
    names = {normalise_header(n) for t in A.COMMON.values() for ns in t.values() for n in ns}
    names |= {normalise_header(n) for v in A.VENDOR.values() for t in v.values() for n in t}
    names |= {normalise_header(n) for ms in A.MARKERS.values() for n in ms}
    return frozenset(names)


def is_known_header(text: str) -> bool:
    """Whether a (stripped) cell names a column Mori knows, itself or behind an object prefix
    (``商談: フェーズ``, ``Opportunity.StageName``).

    Parameters
    ----------
    text : str

    Returns
    -------
    bool
    """
    known = known_headers()
    return normalise_header(text) in known or any(
        normalise_header(f) in known for _, f, _ in split_object(text)
    )


def header_score(cells: list[str]) -> float:
    """Score how much a row looks like a header row.

    Known aliases count 3, other non-empty text cells 1, cells that look like
    data (numbers, dates, e-mail addresses) count -1.
    """
    score = 0.0
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        # never cached: these cells may be data rows (names, e-mails), and a
        # process-wide cache would keep one session's values for the next
        if is_known_header(text):
            score += 3.0
        elif _DATAISH.search(text) or len(text) > 60:
            score -= 1.0
        else:
            score += 1.0
    return score


def _is_email(cell: str) -> bool:
    """``local@domain.tld`` without spaces (plain string operations: linear, #20).

    The pattern ``[^@\\s]+@[^@\\s]+\\.[^@\\s]+`` backtracked quadratically over
    a run of dots (32k characters: 6 s per header cell).
    """
    local, _, domain = cell.partition("@")
    return (
        bool(local)
        and "." in domain[1:-1]
        and "@" not in domain
        and not any(ch.isspace() for ch in cell)
    )


def looks_headerless(cells: list[str]) -> bool:
    """Whether the chosen header row is really a record of data.

    True when no cell is a known column name and the row holds an e-mail
    address, or at least two value-like cells (numbers, dates, amounts — with
    a digit: header words such as 年月日 or 金額(円) do not count).

    Parameters
    ----------
    cells : list of str
        The candidate header row.

    Returns
    -------
    bool
        Such a file was exported without its header row: reading its first
        record as column names would turn a person's data into column names
        (shown on the data page, named in messages), so it is refused.
    """
    known = known_headers()
    texts = [c.strip() for c in cells if c and c.strip()]
    if any(normalise_header(c) in known for c in texts):
        return False
    if any(_is_email(c) for c in texts):
        return True
    values = sum(1 for c in texts if _DATAISH.search(c) and any(ch.isdigit() for ch in c))
    return values >= 2


def name_columns(cells: list[str], file: str, row: int) -> tuple[list[str], list[tuple]]:
    """De-duplicate header cells (``X``, ``X (2)``) and name blanks ``column_<n>``.

    Returns the names and the issues (``blank_header``, ``duplicate_header``).
    """
    names: list[str] = []
    issues: list[tuple] = []
    seen: Counter[str] = Counter()
    for j, cell in enumerate(cells):
        name = cell.strip()
        if not name:
            name = f"column_{j + 1}"
            issues.append((file, row, name, "blank_header", 1, "ingest.issue.blank_header"))
        seen[name] += 1
        if seen[name] > 1:
            issues.append((file, row, name, "duplicate_header", 1, "ingest.issue.duplicate_header"))
            k = seen[name]
            while f"{name} ({k})" in seen:
                k += 1
            name = f"{name} ({k})"
            seen[name] += 1
        names.append(name)
    return names, issues


def pick_header(rows: list[list[str]]) -> int:
    """Index of the most header-like row among the first rows.

    Rows with fewer than two filled cells (titles such as ``検索条件: …``) are
    skipped when the table is wider; ties go to the earliest row. A row that
    starts with a byte-order mark below a filled row opens a second, pasted
    file: neither it nor what follows can be this file's header.
    """
    widths = [sum(1 for c in r if c.strip()) for r in rows]
    cut = next(
        (
            i
            for i, r in enumerate(rows)
            if i > 0 and r and r[0].startswith("\ufeff") and any(widths[:i])
        ),
        None,
    )
    if cut is not None:
        rows, widths = rows[:cut], widths[:cut]
    full = max(widths) if widths else 0
    best, best_score = 0, -1e9
    for i, r in enumerate(rows):
        if widths[i] == 0 or (full > 1 and widths[i] < 2):
            continue
        score = header_score(r) + (0.5 if widths[i] >= 0.8 * full else 0.0)
        if score > best_score:
            best, best_score = i, score
    return best


def sample_rows(sample: str, delim: str, limit: int) -> tuple[list[list[str]], list[int]]:
    """Parse the first ``limit`` records of ``sample``; also return their 1-based start lines."""
    rows: list[list[str]] = []
    starts: list[int] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
    prev = 0
    try:
        for row in reader:
            rows.append(row)
            starts.append(prev + 1)
            prev = reader.line_num
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows, starts


def sniff_delimiter(sample: str, limit: int) -> str:
    """The delimiter (``, TAB ; |``) giving the most rows of one common width (> 1)."""
    best, best_key = ",", (0, 0)
    for d in _DELIMITERS:
        rows, _ = sample_rows(sample, d, limit + 20)
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        widths = [w for w in widths if w > 1]
        if not widths:
            continue
        w, n = Counter(widths).most_common(1)[0]
        if (n, w) > best_key:
            best, best_key = d, (n, w)
    return best


def line_start(text: str, line: int) -> int:
    """Character offset where 1-based ``line`` starts."""
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos
