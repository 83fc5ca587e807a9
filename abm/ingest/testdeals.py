"""Deals a CRM holds only as a test: left out of every deal figure at load, and said.

A sales team tries its CRM with a deal named ``【テスト】商談登録テスト`` at ¥1 at its own
company; counted, it is one more open deal "closable this quarter" on every page (QA-R).
A deal is a test when its name, after NFKC, case folding and trimming, is

* a test word alone (:data:`TEST_DEAL_WORDS`), perhaps numbered: ``テスト``, ``test``,
  ``ダミー``, ``test 2``;
* or starts with one in brackets — ``【テスト】…``, ``[TEST] …``, ``（ダミー）…`` — or
  followed by ``_``, ``-`` or ``:`` — ``TEST_…``, ``テスト: …``.

A name that merely contains the word is a real deal: ``テスト装置 更新``, ``Test bench
upgrade``, ``検査・テスト工程 センサー`` (test equipment is a product some sell). The
rows left out are listed with why (``test_deal``, :mod:`abm.ingest.leftout`) and the
file's load report says how many (``ingest.issue.test_deals``).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = ["TEST_DEAL_WORDS", "marked_as_test"]

#: Words that mark a deal as a test, as a whole name or its bracketed / separated prefix.
TEST_DEAL_WORDS: tuple[str, ...] = (
    "テスト", "test", "tests", "testing", "ダミー", "dummy", "テスト商談", "test deal",
    "test opportunity", "テスト案件", "サンプル商談", "sample deal", "dummy deal", "ダミー商談",
    "検証用", "動作確認", "動作確認用",
)  # fmt: skip

_WORDS = "|".join(
    re.escape(w)
    for w in sorted(
        {unicodedata.normalize("NFKC", w).casefold() for w in TEST_DEAL_WORDS},
        key=len,
        reverse=True,
    )
)
#: Open and close brackets (after NFKC: full-width ［］（）＜＞ are ASCII).
_OPEN, _CLOSE = r"[【\[(「『<〔〈《]", r"[】\])」』>〕〉》]"
_TEST = re.compile(
    rf"^(?:(?:{_WORDS})[\s_\-]*\d*|{_OPEN}\s*(?:{_WORDS})\s*\d*\s*{_CLOSE}.*|(?:{_WORDS})\s*[_\-:].*)$",
    re.DOTALL,
)


def marked_as_test(names: pd.Series) -> np.ndarray:
    """Which deals are tests by their name (see the module).

    Parameters
    ----------
    names : pandas.Series
        Deal names (``opportunity_name``); missing names are no test.

    Returns
    -------
    numpy.ndarray
        bool, aligned with ``names``.
    """
    text = names.astype("string")
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    hit = np.array(
        [
            bool(_TEST.match(unicodedata.normalize("NFKC", str(u)).casefold().strip()))
            for u in uniques
        ]
        + [False],
        dtype=bool,
    )
    return hit[codes]
