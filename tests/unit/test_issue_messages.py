"""Issue tables as the Data page writes them (abm.ui.widgets.issue_messages): never a value,
whole row numbers, the file and the field as the reader knows them."""

from __future__ import annotations

import pandas as pd

from abm.schema import validate
from abm.ui.widgets import issue_messages


def test_row_numbers_are_whole_and_schema_checks_name_the_file_and_the_field() -> None:
    # an ingestion table with a gap holds its rows as floats (QA-F: 「234.0行目」)
    ingest = pd.DataFrame(
        {
            "file": ["a.csv", "b.csv"],
            "row": [234.0, None],
            "column": [None, None],
            "check": ["short_row", "short_row"],
            "count": [1, 2],
            "message_key": ["ingest.issue.short_row"] * 2,
        }
    )
    said = issue_messages(ingest)
    assert "234行目" in said["message"].iloc[0] and ".0" not in said["message"].iloc[0]
    leads = pd.DataFrame(
        {
            "company": pd.array(["A", None], dtype="string"),
            "email": pd.array(["a@x.jp", "b@x.jp"], dtype="string"),
            "source_file": ["bownow.csv", "bownow.csv"],
            "source_row": [4, 69],
        }
    )
    said = issue_messages(validate(leads, "leads"))
    assert said.values.tolist() == [
        ["bownow.csv", "リード：必須項目「会社名」が空欄の行が1行あります（最初は69行目）。"]
    ]


def test_a_column_left_out_for_another_names_the_one_read() -> None:
    # QA-I: the Data page said "another column is already mapped" without naming it
    from abm.ingest import load_files

    ds, _ = load_files([("d.csv", "会社名,企業名,氏名\nA,B,C\n".encode())])
    said = issue_messages(ds.sources[0].issues)["message"].tolist()
    assert (
        said[0]
        == "列「企業名」は、同じ項目にすでに列「会社名」が対応付けられているため読み込んでいません。"
    )
