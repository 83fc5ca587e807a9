"""Canonical schema: declarations and lazy validation."""

import pandas as pd

from abm.schema import DTYPES, LINEAGE, TABLES, empty_frame, validate


def test_every_column_is_described_in_both_languages():
    for table in TABLES.values():
        assert table.en and table.ja
        names = [c.name for c in table.columns]
        assert len(names) == len(set(names)), table.name
        for col in table.columns:
            assert col.kind in DTYPES
            assert col.en.strip() and col.ja.strip(), (table.name, col.name)


def test_required_columns():
    assert TABLES["leads"].required == ("company",)
    assert set(TABLES["activities"].required) == {"timestamp", "activity_type"}
    assert TABLES["accounts"].required == ("company",)


def test_empty_frame_validates_clean():
    for name in TABLES:
        assert validate(empty_frame(name), name).empty, name


def test_lazy_validation_reports_everything_without_values():
    frame = pd.DataFrame(
        {
            "lead_id": pd.array(["a", "a", "b"], dtype="string"),
            "employees": pd.array([10, -1, None], dtype="Int64"),
            "created_at": pd.array(["x", "y", "z"], dtype="string"),  # wrong dtype
            "mystery": [1, 2, 3],
            "source_file": ["f", "f", "f"],
            "source_row": [2, 3, 4],
        }
    )
    issues = validate(frame, "leads")
    got = set(zip(issues["column"], issues["check"], strict=True))
    assert ("company", "missing_required") in got
    assert ("lead_id", "duplicate") in got
    assert ("employees", "below_min") in got
    assert ("created_at", "dtype") in got
    assert ("mystery", "unknown_column") in got
    assert not any(c in LINEAGE for c in issues["column"])
    dup = issues[issues["check"] == "duplicate"].iloc[0]  # the file's own row, not a position
    assert (dup["rows"], dup["first_row"], dup["file"]) == (1, 3, "f")
    low = issues[issues["check"] == "below_min"].iloc[0]
    assert (low["rows"], low["first_row"], low["file"]) == (1, 3, "f")
    bare = validate(frame.drop(columns=["source_file", "source_row"]), "leads")
    dup = bare[bare["check"] == "duplicate"].iloc[0]  # no lineage: the 1-based position
    assert dup["first_row"] == 2 and pd.isna(dup["file"])
    # no cell value appears anywhere in the report
    text = issues.to_string()
    assert "-1" not in text.replace("first_row", "")


def test_activities_need_a_lead_key():
    frame = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2025-01-01"]),
            "activity_type": pd.array(["web"], dtype="string"),
        }
    )
    issues = validate(frame, "activities")
    assert list(issues["check"]) == ["missing_one_of"]


def test_row_checks_are_said_per_file_with_the_files_own_rows():
    """QA-F: a blank company was reported for the table as "row 66" (a position in the
    combined leads) instead of the file and its row 69."""
    frame = pd.DataFrame(
        {
            "company": pd.array(["A", None, "B", None, None], dtype="string"),
            "email": pd.array(["a@x.jp"] * 5, dtype="string"),
            "source_file": ["bownow.csv", "bownow.csv", "cards.xlsx", "cards.xlsx", "cards.xlsx"],
            "source_row": [4, 69, 3, 5, 9],
        }
    )
    issues = validate(frame, "leads")
    blank = issues[issues["check"] == "missing_values"]
    assert blank[["file", "rows", "first_row"]].values.tolist() == [
        ["bownow.csv", 1, 69],
        ["cards.xlsx", 2, 5],
    ]
