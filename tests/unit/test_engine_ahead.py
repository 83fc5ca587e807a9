"""A configured source prepared ahead of its sessions gives what a session prepares.

:func:`abm.engine.ahead.prepare_source` runs in a worker when the server starts or
notices a change; a session that opens the source then reopens its result instead of
preparing the source itself, so the two must be the same data, value for value.
"""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
import pytest

import abm.engine as E
from abm.core.phases import PhaseVocabulary
from abm.engine.ahead import prepare_source
from abm.engine.config import EngineConfig
from abm.engine.reading import read_parts
from abm.engine.sources import SourceConfig
from abm.engine.table import build_activity_table
from abm.ingest import build_batch
from abm.pipeline import prepare
from abm.progress import STEPS
from abm.resolve import ExclusionRules, ResolveConfig, ReviewDecisions
from tests.support.crm_source import source_section, write_crm

ENGINE = EngineConfig(memory_limit="1GB", threads=1)
TABLE_ENGINE = EngineConfig(memory_limit="1GB", threads=1, database=":memory:")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> SourceConfig:
    db = tmp_path_factory.mktemp("ahead") / "crm.duckdb"
    write_crm(db, 2_000, acts_per_lead=3)
    return SourceConfig.from_dict(tomllib.loads(source_section(db))["source"])


def test_prepared_ahead_is_what_a_session_prepares(source):
    rules = ExclusionRules(competitor_names=("株式会社東京物産",))
    cleaning = (ResolveConfig(workers=1), rules, ReviewDecisions())
    steps: list[str] = []
    made = prepare_source(
        ENGINE, TABLE_ENGINE, source, cleaning=cleaning, phases=PhaseVocabulary(),
        horizon=pd.Timestamp("2030-01-01"), today=pd.Timestamp("2029-01-01"),
        progress=lambda s, d, t: steps.append(s),
    )  # fmt: skip
    assert made is not None and made.refused == ()

    engine = E.connect(ENGINE)
    loaded = build_batch(read_parts(engine, source), phases=PhaseVocabulary()).dataset
    engine.close()
    ready = prepare(loaded, config=cleaning[0], rules=rules, decisions=cleaning[2])
    for name, frame in ready.dataset.tables().items():
        pd.testing.assert_frame_equal(made.prepared.dataset.tables()[name], frame)
    for name, frame in loaded.tables().items():
        pd.testing.assert_frame_equal(made.loaded.tables()[name], frame)
    assert made.prepared.clean.summary == ready.clean.summary
    table = build_activity_table(ready.dataset.leads, ready.dataset.activities, config=TABLE_ENGINE)
    pd.testing.assert_index_equal(made.table.index, table.index)
    for part in ("lead", "kind", "result", "at"):
        np.testing.assert_array_equal(getattr(made.table, part), getattr(table, part))
    # the same default as-of date as a session's (closed deals' close dates up to today)
    session = loaded.as_of_default(
        horizon=pd.Timestamp("2030-01-01"), today=pd.Timestamp("2029-01-01")
    )
    assert made.as_of == session.date
    # every step reported, in the order of the one overall bar
    assert list(dict.fromkeys(steps)) == [s for s in STEPS if s in steps]
    assert steps[0] == "read" and steps[-1] == "table"


def test_a_source_that_cannot_be_read_raises_the_readings_message(source, tmp_path):
    """A missing database file: the reading's own translated error (a worker sends its key
    back; the session that opens the source meets and reports the same), nothing kept."""
    from abm.errors import MoriError

    broken = SourceConfig.from_dict({**source.to_dict(), "path": str(tmp_path / "absent.duckdb")})
    cleaning = (ResolveConfig(workers=1), ExclusionRules(), ReviewDecisions())
    with pytest.raises(MoriError) as err:
        prepare_source(ENGINE, TABLE_ENGINE, broken, cleaning=cleaning)
    assert err.value.key == "engine.source.err.path_missing"


def test_the_servers_own_options_leave_the_sources_fingerprint_alone(source):
    """``prepare_ahead`` and ``refresh_minutes`` say how the server works, not what the
    source holds: changing them does not make the stored preparation stale."""
    from abm.engine.reading import fingerprint

    engine = E.connect(ENGINE)
    try:
        own = {"prepare_ahead": False, "refresh_minutes": 30}
        other = SourceConfig.from_dict({**source.to_dict(), **own})
        assert fingerprint(engine, other) == fingerprint(engine, source)
    finally:
        engine.close()
