"""Header normalisation shared by the reader (header-row detection) and the mapper."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from abm.ingest import aliases as A

__all__ = ["header_score", "known_headers", "normalise_header"]

_STRIP = re.compile(r"[\s_\-\.・:：]+")
_DATAISH = re.compile(r"^[\d\s,./:\-+%¥円年月日時分秒]+$|@")


def normalise_header(header: str) -> str:
    """Return the lookup form of a header (NFKC, case-folded, separators removed).

    Examples
    --------
    >>> normalise_header("リード ID")
    'リードid'
    >>> normalise_header("Ｅメール　アドレス")
    'eメールアドレス'
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(header)).casefold())


@lru_cache(maxsize=1)
def known_headers() -> frozenset[str]:
    """All normalised aliases and markers (used to find the header row)."""
    names = {normalise_header(n) for t in A.COMMON.values() for ns in t.values() for n in ns}
    names |= {normalise_header(n) for v in A.VENDOR.values() for t in v.values() for n in t}
    names |= {normalise_header(n) for ms in A.MARKERS.values() for n in ms}
    return frozenset(names)


def header_score(cells: list[str]) -> float:
    """Score how much a row looks like a header row.

    Known aliases count 3, other non-empty text cells 1, cells that look like
    data (numbers, dates, e-mail addresses) count -1.
    """
    known = known_headers()
    score = 0.0
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        if normalise_header(text) in known:
            score += 3.0
        elif _DATAISH.search(text) or len(text) > 60:
            score -= 1.0
        else:
            score += 1.0
    return score
