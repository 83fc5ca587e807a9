"""The activity table the pages read equals the pandas loops it replaced, bit for bit.

The product reads the activity log once per dataset on the engine
(:func:`abm.engine.table.build_activity_table`); scoring's features and the
accounts' engagement are numpy over that table. Referee: the pandas code those
modules ran before (:mod:`tests.support.engine_reference`), on the generated
world (prepared), the synthetic world of the engine parity tests (ids with
spaces, unknown ids, no timestamps, activities at and after as-of), a world
linked by e-mail only, and any small world hypothesis draws — on DuckDB, and
on Spark once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import abm.engine as E
from abm.accounts.engagement import lead_engagement
from abm.engine.table import ActivityTable, build_activity_table
from abm.scoring import build_features
from tests.support import engine_reference as ref
from tests.unit.test_engine_parity import AS_OF, spark_session, worlds  # noqa: F401

#: one worker runs every Spark test (make test: pytest-xdist --dist loadgroup): one JVM
pytestmark = pytest.mark.xdist_group("spark")

_ARRAYS = ("act_lead", "act_kind", "act_age", "act_result")


def _assert_scoring(leads, acts, as_of, table):
    got = build_features(leads, as_of=as_of, table=table)
    want = ref.scoring_links(leads, acts, as_of)
    for name in _ARRAYS:
        np.testing.assert_array_equal(getattr(got, name), want[name], err_msg=name)
        assert getattr(got, name).dtype == want[name].dtype, name
    assert got.counts == want["counts"]


def _assert_engagement(leads, acts, as_of, table, half_life=30.0):
    got = lead_engagement(leads, acts, as_of=as_of, half_life_days=half_life, table=table)
    want = ref.lead_engagement(leads, acts, as_of=as_of, half_life_days=half_life)
    np.testing.assert_array_equal(got.raw, want["raw"])
    np.testing.assert_array_equal(got.decayed, want["decayed"])  # same sums, same order
    np.testing.assert_array_equal(got.last_ns, want["last_ns"])
    np.testing.assert_array_equal(got.sales_touch, want["sales_touch"])
    assert got.unmatched_activities == want["unmatched"]


@pytest.mark.parametrize("world", ["generated", "synthetic"])
def test_table_equals_the_pandas_loops(world, worlds):  # noqa: F811
    ds, as_of = worlds[world]
    table = build_activity_table(ds.leads, ds.activities)
    assert len(table) == len(ds.activities) and table.n_leads == len(ds.leads)
    for day in (as_of, as_of - pd.Timedelta(days=45)):
        _assert_scoring(ds.leads, ds.activities, day, table)
        _assert_engagement(ds.leads, ds.activities, day, table)
    counts = build_features(ds.leads, as_of=as_of, table=table).counts
    assert counts["linked"] > 1000
    earlier = build_features(ds.leads, as_of=as_of - pd.Timedelta(days=45), table=table)
    assert earlier.counts["after_as_of"] > 0
    if world == "synthetic":
        assert counts["unlinked"] > 0 and counts["no_timestamp"] > 0
        assert (table.result == -1).all()  # no result column: no result said


def test_table_on_spark_equals_duckdb(spark_session, worlds):  # noqa: F811
    ds, as_of = worlds["synthetic"]
    engine = E.connect(E.EngineConfig(backend="spark"), spark_session=spark_session)
    got = build_activity_table(ds.leads, ds.activities, engine=engine)
    want = build_activity_table(ds.leads, ds.activities)
    for name in ("lead", "kind", "result", "at"):
        np.testing.assert_array_equal(getattr(got, name), getattr(want, name), err_msg=name)
    _assert_engagement(ds.leads, ds.activities, as_of, got)


def test_ids_with_line_separators_link_alike_on_spark_and_duckdb(spark_session):  # noqa: F811
    # Python's strip removes U+0085/U+2028/U+2029; Java's "$" matches before a final one,
    # so a trim that forgot them would leave "a \u0085" one character longer on Spark
    leads = pd.DataFrame(
        {"lead_id": ["a \u0085 ", "b", "c\u2028", "d\u3000"], "email": [None] * 4},
        index=[1, 2, 3, 4],
    ).astype("string")
    acts = pd.DataFrame(
        {
            "lead_id": pd.array(
                ["a \u0085", "a", " b\u0085", "c", "d", "\u3000d\u2029", "e", None], dtype="string"
            ),
            "email": pd.array([None] * 8, dtype="string"),
            "timestamp": pd.to_datetime(["2025-06-01"] * 8),
            "activity_type": pd.array(["電話"] * 8, dtype="string"),
        }
    )
    want = build_activity_table(leads, acts)
    assert want.lead.tolist() == [0, 0, 1, 2, 3, 3, -1, -1]
    engine = E.connect(E.EngineConfig(backend="spark"), spark_session=spark_session)
    got = build_activity_table(leads, acts, engine=engine)
    np.testing.assert_array_equal(got.lead, want.lead)
    _assert_scoring(leads, acts, pd.Timestamp("2025-06-30"), want)


_STAMPS = ["2025-06-01", "2025-06-02", "2025-06-03 10:00", "2025-06-04", "2025-06-05",
           "2025-07-30", None]  # fmt: skip


def _email_world() -> tuple[pd.DataFrame, pd.DataFrame]:
    leads = pd.DataFrame(
        {
            "lead_id": ["1", "2", "3", None],
            "email": ["a@x.co.jp", "B@Y.jp", "c@z.jp", "d@w.jp"],
        },
        index=[10, 11, 12, 13],
    )
    acts = pd.DataFrame(
        {
            "lead_id": [" 1 ", "9", None, None, None, "2", None],
            "email": [None, "c@z.jp", "mailto:b@y.jp", " D@W.JP ", "nobody@n.jp", None, "x"],
            "timestamp": pd.to_datetime(_STAMPS, format="ISO8601"),
            "activity_type": [
                "電話",
                "Page View",
                "商談",
                "資料ダウンロード",
                "電話",
                "訪問",
                "電話",
            ],
            "result": ["アポ獲得", "接続", "不在", None, "", "受付拒否", "接続"],
        }
    )
    return leads, acts


def test_ids_then_e_mail_keys_and_sales_results():
    leads, acts = _email_world()
    table = build_activity_table(leads, acts)
    # " 1 " trimmed; "9" names nobody, its e-mail does; mailto and case fold; unknown; no ts
    assert table.lead.tolist() == [0, 2, 1, 3, -1, 1, -1]
    assert table.result[1] == -1  # a page view has no sales result
    assert table.result[0] != -1 and table.result[2] != -1
    as_of = pd.Timestamp("2025-06-30")
    _assert_scoring(leads, acts, as_of, table)
    _assert_engagement(leads, acts, as_of, table)


def test_a_subset_of_leads_sees_only_its_own_activities():
    leads, acts = _email_world()
    table = build_activity_table(leads, acts)
    sub = leads.iloc[[3, 1]]  # reordered, two of four
    assert table.for_leads(sub).lead.tolist() == [-1, -1, 1, 0, -1, 1, -1]
    assert table.for_leads(leads) is table
    _assert_engagement(sub, acts, pd.Timestamp("2025-06-30"), table.for_leads(sub))


def test_the_stored_table_reopens_against_the_same_activities():
    leads, acts = _email_world()
    table = build_activity_table(leads, acts)
    again = ActivityTable.from_frame(table.to_frame(), leads, acts)
    for name in ("lead", "kind", "result", "at"):
        np.testing.assert_array_equal(getattr(again, name), getattr(table, name))
    with pytest.raises(ValueError):
        ActivityTable.from_frame(table.to_frame(), leads, acts.iloc[:3])


def test_no_activities_gives_an_empty_table_and_the_leads_own_columns():
    leads = pd.DataFrame({"lead_id": ["1"], "last_activity_at": [pd.Timestamp("2025-06-01")]})
    table = build_activity_table(leads, None)
    assert len(table) == 0
    eng = lead_engagement(leads, None, as_of=AS_OF, half_life_days=30, table=table)
    assert eng.raw.tolist() == [1.0]  # the lead's own last activity, as without a table


#: Ids as canonical tables hold them: a blank cell is missing (ingestion makes it NA), never "".
# ids as written and with surrounding spaces: ideographic, and the line separators Python
# strips (Java's "$" matches before a final one: a second trim must not shorten the id)
_TEXT = st.sampled_from(
    ["1", " 2", "3 ", "4", "x", None, "4\u3000", "\u30004", "7\u0085", " 7\u0085 ", "8\u2028", "8"]
)
_MAIL = st.sampled_from(["a@x.jp", "A@X.JP", " b@y.jp", "mailto:c@z.jp", "nope", "", None])
_TYPE = st.sampled_from(["電話", "Page View", "商談", "メール開封", "タスク", "", None])
_RESULT = st.sampled_from(["アポ獲得", "接続", "不在", "担当者不在", "", None])


@settings(max_examples=25)
@given(
    ids=st.lists(st.tuples(_TEXT, _MAIL), min_size=1, max_size=6),
    acts=st.lists(
        st.tuples(_TEXT, _MAIL, _TYPE, _RESULT, st.integers(-5, 40) | st.none()), max_size=25
    ),
)
def test_any_small_world_matches_the_pandas_loops(ids, acts):
    """Property: whatever the ids, e-mails, kinds and results, the table is the loops' answer."""
    leads = pd.DataFrame(
        {"lead_id": [i for i, _ in ids], "email": [m for _, m in ids]},
        index=np.arange(len(ids)) * 3 + 1,
    ).astype("string")
    day = pd.Timestamp("2025-06-01")
    frame = pd.DataFrame(
        {
            "lead_id": pd.array([a[0] for a in acts], dtype="string"),
            "email": pd.array([a[1] for a in acts], dtype="string"),
            "activity_type": pd.array([a[2] for a in acts], dtype="string"),
            "result": pd.array([a[3] for a in acts], dtype="string"),
            "timestamp": pd.to_datetime(
                [None if a[4] is None else day + pd.Timedelta(hours=13 * a[4]) for a in acts]
            ),
        }
    )
    if not len(frame):
        return
    table = build_activity_table(leads, frame)
    as_of = day + pd.Timedelta(days=10)
    _assert_scoring(leads, frame, as_of, table)
    _assert_engagement(leads, frame, as_of, table, half_life=7.0)
