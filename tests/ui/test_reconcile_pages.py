"""Same name on screen, same number (issue #14).

Every page is opened on the same data and as-of date; every ``st.metric``
label that appears more than once — on two pages, or twice on one page —
must show one value. Quantities that differ must carry different names
(their scope in the label: rows in the files vs leads after cleaning, status
MQL vs score MQL, which AUC).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.ui.conftest import DATA_PAGES, open_page

PAGES = DATA_PAGES


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_label_means_one_number_across_pages(demo_session_state, lang):
    _parts, dataset = demo_session_state
    seen: dict[str, set[str]] = defaultdict(set)
    where: dict[str, list[str]] = defaultdict(list)
    for page in PAGES:
        at = open_page(page, dataset, lang=lang, token="reconcile")
        assert not at.exception, page
        for m in at.metric:
            seen[m.label].add(m.value)
            where[m.label].append(f"{page}={m.value}")
    clashes = {label: where[label] for label, values in seen.items() if len(values) > 1}
    assert clashes == {}
