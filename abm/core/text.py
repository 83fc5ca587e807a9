"""Text keys for vocabulary lookups: one normaliser for every word list.

Stage, phase, activity-type and outcome words arrive in many spellings
(全角/半角, case, spaces incl. U+3000, hyphens, slashes, brackets). Every
vocabulary in :mod:`abm.core` and the feature packages compares words after
:func:`normalise_value`, so a word added to one list matches the same
spellings everywhere.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_value"]

_STRIP = re.compile(r"[\s\-_・/／:：()（）\[\]「」'\"]+")
#: Longest value looked up: vocabulary words are short; longer text is not a word.
MAX_WORD = 200


def normalise_value(value: object) -> str:
    """Normalise a raw stage/status/type value for vocabulary lookup.

    NFKC (full-width → half-width), case-fold, drop spaces (incl. U+3000),
    hyphens, underscores, slashes, colons, brackets and quotes. Values longer
    than :data:`MAX_WORD` characters are cut first (linear time on any cell).

    Examples
    --------
    >>> normalise_value("Closed Won")
    'closedwon'
    >>> normalise_value("提案／見積")
    '提案見積'
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)[:MAX_WORD]).casefold()
    return _STRIP.sub("", text)
