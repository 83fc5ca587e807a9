"""Warehouse dialects: the same expressions compile to Snowflake and BigQuery SQL (golden files).

Ibis compiles without a connection, so the SQL an administrator's warehouse
would run is checked here: each expression against unbound tables of the
canonical schemas, per dialect, equal to ``tests/fixtures/sql/<name>.<dialect>.sql``.
Regenerate after a deliberate change with ``MORI_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import ibis
import pandas as pd
import pytest

from abm.engine import accounts as acc
from abm.engine import activity as act
from abm.engine import gap
from abm.engine import reach as rch
from abm.funnel.models import MODELS
from abm.schema import TABLES

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "sql"
AS_OF = pd.Timestamp("2025-06-30")
DIALECTS = ("snowflake", "bigquery")
_TYPES = {"string": "string", "int": "int64", "float": "float64", "money": "float64",
          "datetime": "timestamp", "bool": "boolean"}  # fmt: skip


def _table(name: str, **extra: str):
    schema = {c.name: _TYPES[c.kind] for c in TABLES[name].columns}
    return ibis.table({**schema, "account_id": "string", **extra}, name=f"mori_{name}")


#: The expressions with a golden file per dialect (named here: building them at collection
#: cost every pytest-xdist worker 0.7 s of CPU).
NAMES = ("cohort_counts", "engagement_counts", "lead_volume", "reach_counts", "rollup_inputs")


@cache
def _expressions() -> dict:
    leads = _table("leads", lead_row="int64")
    kinds = ibis.table({"k_type": "string", "k_url": "string", "k_origin": "string",
                        "kind": "int8"}, name="mori_kinds")  # fmt: skip
    acts = act.with_kinds(_table("activities"), kinds)
    counts = act.engagement_counts(acts, leads, as_of=AS_OF)
    status = ibis.table({"value": "string", "pos": "int64", "det_lost": "boolean",
                         "det_recycled": "boolean", "det_disqualified": "boolean"},
                        name="mori_status")  # fmt: skip
    model = MODELS["classic"]
    inputs = rch.ReachInputs((True,) * len(model.stages), pd.DataFrame())
    phases = ibis.table(
        {"stage": "string", "said": "string", "named": "boolean"}, name="mori_phases"
    )
    opps = _table("opportunities", outcome="string", link_rule="string")
    deals = rch.deal_table(opps, leads, phases, as_of=AS_OF)
    per_lead = rch.reach_table(leads, status, model, inputs, as_of=AS_OF, deals=deals)
    rollup = acc.rollup_inputs(
        leads, counts, opportunities=_table("opportunities", outcome="string"),
        accounts=_table("accounts"), phases=phases, as_of=AS_OF,
    )  # fmt: skip
    cohort = gap.cohort(leads, as_of=AS_OF, start=AS_OF - pd.Timedelta(days=90), end=AS_OF)
    channels = ibis.table({"source": "string", "channel": "string"}, name="mori_channels")
    return {
        "engagement_counts": counts,
        "reach_counts": rch.reach_counts(per_lead, len(model.stages)),
        "cohort_counts": rch.cohort_counts(per_lead, len(model.stages)),
        "rollup_inputs": rollup,
        "lead_volume": gap.lead_volume(cohort, channels),
    }


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("name", NAMES)
def test_sql_matches_golden(name, dialect):
    sql = ibis.to_sql(_expressions()[name], dialect=dialect).strip() + "\n"
    path = GOLDEN / f"{name}.{dialect}.sql"
    if os.environ.get("MORI_UPDATE_GOLDEN") == "1":
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with MORI_UPDATE_GOLDEN=1"
    assert sql == path.read_text(encoding="utf-8")


def test_sql_reads_only_the_named_tables():
    """No Python-side data inside the SQL: the warehouse reads its own tables."""
    assert tuple(sorted(_expressions())) == NAMES  # each has its golden files
    for expr in _expressions().values():
        sql = ibis.to_sql(expr, dialect="snowflake")
        assert "ibis_pandas_memtable" not in sql
        assert '"mori_leads"' in sql or '"mori_activities"' in sql


def test_the_gap_cohort_keeps_a_list_without_creation_dates_whole():
    """The engine's cohort window, as :meth:`abm.funnel.Reach.created_mask`: no window when
    no lead at all has a creation date (those created after the as-of day count as dated)."""
    start, end = AS_OF - pd.Timedelta(days=364), AS_OF
    for created, kept in (
        ([None, None], [0, 1]),
        (["2025-01-01", None], [0]),
        ([None, "2025-12-01"], []),  # the dated lead is after the as-of day: still a window
    ):
        leads = ibis.memtable(
            pd.DataFrame({"lead_row": [0, 1], "created_at": pd.to_datetime(created)})
        )
        got = gap.cohort(leads, as_of=AS_OF, start=start, end=end).execute()
        assert sorted(got["lead_row"].tolist()) == kept, created
