"""A lead file's stage column found by its values when its name is no alias (QA-I)."""

from __future__ import annotations

from abm.ingest import read_table, suggest_mapping


def _mapping(rows: list[str]) -> dict[str, str | None]:
    data = ("\n".join(rows) + "\n").encode("utf-8")
    return dict(suggest_mapping(read_table(data, "leads.csv")).columns)


def test_a_status_column_naming_lifecycle_stages_is_the_current_stage():
    # a Marketo list: the sales status beside the person's lifecycle status
    cols = _mapping(
        [
            "Id,Email Address,Company Name,Lead Status,Person Status",
            "1,a@x.example,X,Open - Not Contacted,Inquiry",
            "2,b@x.example,X,Closed - Converted,SQL",
            "3,c@y.example,Y,Working - Contacted,MQL",
            "4,d@y.example,Y,Closed - Not Converted,Inquiry",
        ]
    )
    assert cols["Lead Status"] == "lead_status" and cols["Person Status"] == "current_stage"


def test_japanese_headers_and_values_too():
    cols = _mapping(
        [
            "メールアドレス,会社名,リードステータス,顧客ステータス",
            "a@x.example,X,未対応,リード",
            "b@x.example,X,対応中,MQL",
            "c@y.example,Y,対応中,SQL",
        ]
    )
    assert cols["顧客ステータス"] == "current_stage"


def test_a_sales_status_or_other_words_are_not_a_stage():
    # no MQL or SQL among the values: a sales status, not the lifecycle
    cols = _mapping(
        [
            "Id,Email Address,Company,Lead Status,Person Status",
            "1,a@x.example,X,Open - Not Contacted,Open - Not Contacted",
            "2,b@x.example,X,Closed - Converted,Working - Contacted",
        ]
    )
    assert cols["Person Status"] is None
    # words the stage vocabulary does not know: left for the user
    cols = _mapping(
        [
            "Id,Email Address,Company,Membership Status",
            "1,a@x.example,X,Gold",
            "2,b@x.example,X,MQL",
            "3,c@x.example,X,Silver",
        ]
    )
    assert cols["Membership Status"] is None


def test_a_known_stage_column_keeps_its_place():
    cols = _mapping(
        [
            "Email,Company,Lifecycle Stage,Person Status",
            "a@x.example,X,Lead,MQL",
            "b@x.example,X,Marketing Qualified Lead,SQL",
        ]
    )
    assert cols["Lifecycle Stage"] == "current_stage" and cols["Person Status"] != "current_stage"


def test_a_sales_status_that_implies_an_sql_is_not_the_lifecycle():
    # review: Closed - Converted / Qualified / 訪問済 map to an SQL in the stage vocabulary,
    # but they are a sales status's words, not the lifecycle's
    cols = _mapping(
        [
            "Id,Email Address,Company,Lead Status,Sales Status",
            "1,a@x.example,X,Open,Qualified",
            "2,b@x.example,X,Open,Closed - Converted",
            "3,c@x.example,X,Open,Working - Contacted",
        ]
    )
    assert cols["Sales Status"] != "current_stage"


def test_notes_under_a_status_header_are_not_the_stage():
    rows = ["Id,Email Address,Company,Lifecycle Status Note"]
    rows += [f"{i},a{i}@x.example,X,MQL" for i in range(30)]
    rows += [f"{i},b{i}@x.example,X,called on day {i}" for i in range(100, 400)]
    assert _mapping(rows)["Lifecycle Status Note"] != "current_stage"


def test_the_column_found_is_not_also_said_to_be_left_out():
    from abm.ingest import apply_mapping

    data = "Email,Company,Lead Status,Status\na@x.example,X,Open,MQL\nb@x.example,X,Open,SQL\n"
    raw = read_table(data.encode(), "leads.csv")
    mapping = suggest_mapping(raw)
    assert dict(mapping.columns)["Status"] == "current_stage"
    assert "Status" not in {h for h, _ in mapping.dropped}
    _, issues = apply_mapping(raw, mapping)
    assert "duplicate_mapping" not in set(issues["check"])
