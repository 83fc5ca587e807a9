"""Budget signal (BANT / 予算) from a free-text budget field."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["budget_signal"]

_NO = re.compile(r"^(予算)?(なし|無し|無|ない|no|none|nothing|0|×|x)$")
_UNSURE = re.compile(r"^(予算)?(未定|不明|未確認|検討中|確認中|tbd|unknown|n/?a|-|ー|―|\?|？)$")


def budget_signal(budget: pd.Series) -> pd.Series:
    """Classify a budget (BANT / 予算) field: ``"yes"``, ``"no"`` or ``"unknown"``.

    Blank and unsure values (未定, 不明, TBD…) are unknown; explicit negatives
    (なし, none, 0) are no; anything else (an amount, あり, 確保済) is yes.
    """
    codes, uniques = pd.factorize(budget.astype("string"), use_na_sentinel=True)
    norm = pd.Series(uniques, dtype="string").str.normalize("NFKC").str.lower()
    norm = norm.str.replace(r"\s+", "", regex=True)
    labels = []
    for v in norm.tolist():
        if not v or _UNSURE.match(v):
            labels.append("unknown")
        elif _NO.match(v):
            labels.append("no")
        else:
            labels.append("yes")
    table = np.array([*labels, "unknown"], dtype=object)
    return pd.Series(table[codes], index=budget.index, dtype="string", name="budget_signal")
