"""An activity file applied without its type mapped (the Data page warns, then lets it):
every page still renders, its rows read as activities of unknown kind."""

from __future__ import annotations

from dataclasses import replace

from tests.ui.conftest import DATA_PAGES, open_page

PAGES = DATA_PAGES


def test_every_page_renders_with_activities_of_no_type(demo_session_state):
    _parts, dataset = demo_session_state
    untyped = replace(dataset, activities=dataset.activities.drop(columns=["activity_type"]))
    for page in PAGES:
        at = open_page(page, untyped, lang="en", token="untyped")
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, [e.value for e in at.error])
