"""QA-K: merging a person's rows keeps the highest stage reached, the earliest dates.

The kept person's lifecycle stage came from the newest row: a customer exported again
with the domain in capitals (a new record at subscriber) was counted a subscriber, and
the funnel undercounted customers and opportunities.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abm.funnel.models import GENERIC_STAGES
from abm.funnel.stagemap import suggest_value
from abm.resolve import clean_leads, dedupe_persons, merge_persons


def _two(column: str, older: object, newer: object, **more: tuple[object, object]) -> pd.Series:
    """The kept person of two rows of one e-mail (the newer in capitals), older first."""
    frame = pd.DataFrame(
        {
            "email": pd.array(["aya@sakurai.co.jp", "aya@SAKURAI.CO.JP"], dtype="string"),
            "company": pd.array(["桜井樹脂株式会社"] * 2, dtype="string"),
            column: pd.array([older, newer], dtype="string"),
            "created_at": pd.to_datetime(["2025-04-02", "2025-10-26"]),
            **{c: pd.array(list(v), dtype="string") for c, v in more.items()},
        },
        index=[7, 3],
    )
    persons = merge_persons(frame)
    assert persons.index.tolist() == [3]  # the newest row survives, as before
    assert persons.loc[3, "merged_rows"] == 2
    return persons.loc[3]


@pytest.mark.parametrize(
    ("older", "newer", "kept"),
    [
        # HubSpot lifecycle stages and lead statuses (English)
        ("Customer", "Subscriber", "Customer"),
        ("Opportunity", "Lead", "Opportunity"),
        ("Lead", "Marketing Qualified Lead", "Marketing Qualified Lead"),
        ("Evangelist", "Customer", "Customer"),  # both won: a tie keeps the newest
        # HubSpot (Japanese)
        ("商談", "サブスクライバー", "商談"),
        ("顧客", "リード", "顧客"),
        ("マーケティングクオリファイドリード", "リード", "マーケティングクオリファイドリード"),
        ("リード", "セールスクオリファイドリード", "セールスクオリファイドリード"),
        # Marketo-like
        ("Sales Accepted", "Marketing Qualified", "Sales Accepted"),
        ("Opportunity", "Recycled", "Opportunity"),  # recycled later: the reach stays
        ("Sales Qualified", "Nurture", "Sales Qualified"),
        ("Known", "Engaged", "Engaged"),  # both inquiry: the newest
        # a detour alone ranks with the first stage: the newest of the two is kept
        ("リード", "ナーチャリング", "ナーチャリング"),
        ("商談", "失注", "失注"),  # 失注 reached 商談 too: a tie, the newest
        ("失注", "リード", "失注"),
    ],
)
def test_the_highest_current_stage_is_kept(older: str, newer: str, kept: str) -> None:
    assert _two("current_stage", older, newer)["current_stage"] == kept


@pytest.mark.parametrize(
    ("older", "newer", "kept"),
    [
        ("Open Deal", "New", "Open Deal"),
        ("In Progress", "Open", "In Progress"),
        ("New", "Unqualified", "Unqualified"),  # a disqualification at the same reach stays
        ("Working - Contacted", "Open - Not Contacted", "Working - Contacted"),
        ("アポ獲得", "潜在", "アポ獲得"),  # BowNow
    ],
)
def test_the_highest_lead_status_is_kept(older: str, newer: str, kept: str) -> None:
    assert _two("lead_status", older, newer)["lead_status"] == kept


def test_each_stage_column_is_ranked_on_its_own() -> None:
    row = _two("current_stage", "商談", "リード", lead_status=("New", "Open Deal"))
    assert (row["current_stage"], row["lead_status"]) == ("商談", "Open Deal")


@pytest.mark.parametrize(
    ("older", "newer", "kept"),
    [
        ("顧客", None, "顧客"),
        (None, "リード", "リード"),
        ("顧客", "", "顧客"),  # a blank is no stage
        ("顧客", "  ", "顧客"),
        ("Lead", "Subscriber", "Subscriber"),  # the funnel ranks both inquiry: the newest
        ("独自ステージA", "独自ステージB", "独自ステージB"),  # unknown words: the newest
        ("独自ステージA", None, "独自ステージA"),
        ("商談", "独自ステージB", "商談"),  # an unknown word ranks with the first stage
        ("その他", "リード", "リード"),
    ],
)
def test_ties_missing_and_unknown_values(older: object, newer: object, kept: str) -> None:
    assert _two("current_stage", older, newer)["current_stage"] == kept


def test_no_stage_on_any_row_stays_missing() -> None:
    row = _two("current_stage", None, None, lead_status=("", None))
    assert pd.isna(row["current_stage"])
    assert row["lead_status"] == ""  # a blank kept as before: no row has a value


def test_stage_dates_and_created_at_are_the_earliest_per_column() -> None:
    frame = pd.DataFrame(
        {
            "email": pd.array(["a@x.co.jp", "A@X.CO.JP", "a@x.co.jp "], dtype="string"),
            "title": pd.array(["課長", "部長", None], dtype="string"),
            "created_at": pd.to_datetime(["2024-05-01", "2024-02-01", "2024-09-01"]),
            "mql_at": pd.to_datetime(["2024-03-01", None, "2024-06-01"]),
            "sql_at": pd.to_datetime(["2024-10-01", "2024-07-01", None]),
            "won_at": pd.to_datetime([None, None, None]),
            "recycled_at": pd.to_datetime([None, "2024-11-01", None]),
        }
    )
    persons = merge_persons(frame)
    assert persons.index.tolist() == [2]  # the latest row by created_at survives
    row = persons.loc[2]
    assert row["created_at"] == pd.Timestamp("2024-02-01")
    assert row["mql_at"] == pd.Timestamp("2024-03-01")  # not the newest row's 06-01
    assert row["sql_at"] == pd.Timestamp("2024-07-01")  # earliest, from the oldest row
    assert pd.isna(row["won_at"])
    assert row["recycled_at"] == pd.Timestamp("2024-11-01")
    assert row["title"] == "課長"  # other fields: the latest non-empty value, as before
    for col in ("created_at", "mql_at", "sql_at", "won_at", "recycled_at"):
        assert persons[col].dtype == frame[col].dtype


def test_dates_written_as_text_are_compared_as_dates() -> None:
    row = _two("current_stage", "リード", "リード", mql_at=("2024-1-5", "2023-12-01"))
    assert row["mql_at"] == "2023-12-01"  # not the smaller text
    row = _two("current_stage", "リード", "リード", sql_at=("2024-10-01", "2024-9-01"))
    assert row["sql_at"] == "2024-9-01"
    row = _two("current_stage", "リード", "リード", sql_at=("未定", None))
    assert row["sql_at"] == "未定"  # no date at all: the latest non-empty value


def test_nothing_is_lost_the_lower_row_is_merged_with_its_reason() -> None:
    frame = pd.DataFrame(
        {
            "email": pd.array(["aya@sakurai.co.jp", "aya@SAKURAI.CO.JP"], dtype="string"),
            "company": pd.array(["桜井樹脂株式会社"] * 2, dtype="string"),
            "current_stage": pd.array(["商談", "サブスクライバー"], dtype="string"),
            "created_at": pd.to_datetime(["2025-04-02", "2025-10-26"]),
        },
        index=[7, 3],
    )
    res = clean_leads(frame)
    assert res.kept.index.tolist() == [3]
    assert res.kept.loc[3, "current_stage"] == "商談"
    assert res.kept.loc[3, "created_at"] == pd.Timestamp("2025-04-02")
    assert res.merged.index.tolist() == [7]
    assert res.merged.loc[7, "merged_into"] == "3"
    assert res.merged.loc[7, "merged_by"] == "email"
    assert res.merged.loc[7, "current_stage"] == "商談"  # the merged row as it came
    assert res.summary["kept"] + res.summary["merged"] + res.summary["excluded"] == 2


def _rank(value: object) -> int:
    if value is None or pd.isna(value) or not str(value).strip():
        return -1
    stage = suggest_value(value)[0]
    return GENERIC_STAGES.index(stage) if stage else 0


def test_many_persons_at_once_match_a_row_by_row_reading() -> None:
    """The group-wise sort gives every person what reading its rows one by one gives."""
    rng = np.random.default_rng(7)
    n = 400
    words = np.array(
        ["Subscriber", "Lead", "MQL", "SQL", "商談", "顧客", "Recycled", "独自", "", None],
        dtype=object,
    )
    days = pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
    frame = pd.DataFrame(
        {
            "email": pd.array([f"P{i}@ex.co.jp" for i in rng.integers(0, 120, n)], dtype="string"),
            "current_stage": pd.array(rng.choice(words, n), dtype="string"),
            "lead_status": pd.array(rng.choice(words, n), dtype="string"),
            "created_at": pd.Series(days).where(rng.random(n) < 0.9),
            "mql_at": pd.Series(days + pd.Timedelta(days=3)).where(rng.random(n) < 0.4),
        }
    )
    frame["email"] = frame["email"].where(rng.random(n) < 0.5, frame["email"].str.lower())
    persons = merge_persons(frame).set_index("person_id")
    marked = dedupe_persons(frame)
    # oldest → newest, missing dates first, input order on ties (the survivorship order)
    key = marked["created_at"].fillna(pd.Timestamp.min)
    marked = marked.assign(_key=key, _pos=np.arange(n)).sort_values(["_key", "_pos"])
    for pid, rows in marked.groupby("person_id", sort=False):
        got = persons.loc[pid]
        for col in ("current_stage", "lead_status"):
            ranks = [_rank(v) for v in rows[col]]
            top = max(ranks)
            want = [v for v, r in zip(rows[col], ranks, strict=True) if r == top][-1]
            if top < 0:  # no stage: the latest non-missing value, as every column
                left = rows[col].dropna()
                want = left.iloc[-1] if len(left) else pd.NA
            assert (pd.isna(got[col]) and pd.isna(want)) or got[col] == want
        for col in ("created_at", "mql_at"):
            first = rows[col].min()
            assert (pd.isna(got[col]) and pd.isna(first)) or got[col] == first
