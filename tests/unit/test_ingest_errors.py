"""Bad input is refused with a translated MoriError naming the file — never a value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_ingest_fixtures import files

from abm.errors import MoriError
from abm.i18n import catalog
from abm.ingest import Limits, RawTable, describe_issues, read_table

#: fixture -> (message key, row named in the message or None)
BAD = {
    "empty.csv": ("ingest.err.empty_file", None),
    "blank_lines.csv": ("ingest.err.empty_file", None),
    "header_only.csv": ("ingest.err.header_only", None),
    "png_renamed.csv": ("ingest.err.binary", None),
    "nul_bytes.csv": ("ingest.err.binary", None),
    "zip_renamed.csv": ("ingest.err.not_xlsx", None),
    "ragged_long.csv": ("ingest.err.ragged_row", 3),
    "unterminated_quote.csv": ("ingest.err.unterminated_quote", 3),
    "headerless.csv": ("ingest.err.no_header", 1),
    "wide_10000_columns.csv": ("ingest.err.too_many_columns", None),
    "legacy.xls": ("ingest.err.legacy_xls", None),
    "encrypted.xlsx": ("ingest.err.encrypted", None),
    "damaged.xlsx": ("ingest.err.damaged_xlsx", None),
    "zip_bomb.xlsx": ("ingest.err.zip_bomb", None),
}
#: Cell values of the fixtures that must never appear in a message.
VALUES = ("アルファ", "ベータ", "ガンマ", "佐藤", "鈴木", "高橋", "余分", "株式会社", "example.jp")


def _check(exc: MoriError, key: str, file: str, row: int | None) -> None:
    assert exc.key == key
    assert key in catalog()
    for lang in ("ja", "en"):
        msg = exc.message(lang)
        assert file in msg, (lang, msg)
        assert "{" not in msg and "Traceback" not in msg
        assert not any(v in msg for v in VALUES), msg
        if row is not None:
            assert str(row) in msg
    if row is not None:
        assert exc.params["row"] == row


@pytest.mark.parametrize(("name", "expected"), sorted(BAD.items()))
def test_bad_file_gives_its_message(name: str, expected: tuple[str, int | None]) -> None:
    key, row = expected
    file = f"upload_{name}"
    with pytest.raises(MoriError) as info:
        read_table(files()[name], file)
    _check(info.value, key, file, row)


def test_two_million_rows_are_refused_at_the_default_limit() -> None:
    """One row over the default 2,000,000: refused quickly, naming the limit, not parsed."""
    data = ("会社名,氏名\n" + "株式会社,佐藤\n" * 2_000_001).encode()
    with pytest.raises(MoriError) as info:
        read_table(data, "two_million.csv")
    _check(info.value, "ingest.err.too_many_rows", "two_million.csv", None)
    assert info.value.params["limit"] == 2_000_000


def test_ragged_row_message_gives_counts() -> None:
    with pytest.raises(MoriError) as info:
        read_table(files()["ragged_long.csv"], "r.csv")
    assert info.value.params["count"] == 3
    assert info.value.params["expected"] == 2


def test_unterminated_quote_later_in_a_file() -> None:
    data = '会社名,氏名\nA,B\nC,D\nE,"F\nG,H\n'.encode()
    with pytest.raises(MoriError) as info:
        read_table(data, "q.csv")
    _check(info.value, "ingest.err.unterminated_quote", "q.csv", 4)


def test_ragged_row_after_quoted_newline_names_the_physical_line() -> None:
    data = '会社名,メモ\nA,"x\ny"\nB,z\nC,w,extra\n'.encode()
    with pytest.raises(MoriError) as info:
        read_table(data, "r.csv")
    assert info.value.params["row"] == 5


def test_oversize_upload() -> None:
    with pytest.raises(MoriError) as info:
        read_table(b"a,b\n1,2\n" * 10, "big.csv", limits=Limits(max_bytes=50))
    _check(info.value, "ingest.err.too_large", "big.csv", None)


def test_too_many_rows_and_columns() -> None:
    data = ("会社名,氏名\n" + "A,B\n" * 20).encode()
    with pytest.raises(MoriError) as info:
        read_table(data, "rows.csv", limits=Limits(max_rows=10))
    _check(info.value, "ingest.err.too_many_rows", "rows.csv", None)
    with pytest.raises(MoriError) as info:
        read_table(data, "cols.csv", limits=Limits(max_columns=1))
    _check(info.value, "ingest.err.too_many_columns", "cols.csv", None)


def test_too_many_rows_in_xlsx() -> None:
    with pytest.raises(MoriError) as info:
        read_table(files()["leads.xlsx"], "rows.xlsx", limits=Limits(max_rows=2))
    assert info.value.key == "ingest.err.too_many_rows"


def test_a_cell_too_long_is_a_bad_cell_not_a_bad_file() -> None:
    data = ("会社名,メモ\nA," + "x" * 50 + "\nB,ok\n").encode()
    raw = read_table(data, "long.csv", limits=Limits(max_cell_chars=40))
    assert raw.frame["会社名"].tolist() == ["A", "B"]  # the file loads, the cell is blank
    assert raw.frame["メモ"].isna().tolist() == [True, False]
    issue = raw.issues[raw.issues["check"] == "too_long"].iloc[0]
    assert (issue["row"], issue["column"], issue["count"]) == (2, "メモ", 1)
    text = describe_issues(raw.issues, "en")["message"].str.cat(sep=" ")
    assert "line 2" in text and "x" * 50 not in text


def test_zip_bomb_by_total_size_limit() -> None:
    with pytest.raises(MoriError) as info:
        read_table(files()["leads.xlsx"], "small.xlsx", limits=Limits(max_xlsx_uncompressed=1000))
    assert info.value.key == "ingest.err.zip_bomb"


def test_missing_sheet() -> None:
    with pytest.raises(MoriError) as info:
        read_table(files()["leads.xlsx"], "s.xlsx", sheet="nope")
    assert info.value.key == "ingest.err.no_sheet"
    with pytest.raises(MoriError):
        read_table(files()["leads.xlsx"], "s.xlsx", sheet=5)


def test_unexpected_failure_becomes_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    import abm.ingest.read as read_mod

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret cell value 佐藤")

    monkeypatch.setattr(read_mod, "parse_text", boom)
    with pytest.raises(MoriError) as info:
        read_table("会社名\nA\n".encode(), "boom.csv")
    _check(info.value, "ingest.err.unreadable", "boom.csv", None)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_table_or_a_mori_error(data: bytes) -> None:
    try:
        raw = read_table(data, "fuzz.csv")
    except MoriError as exc:
        assert exc.key.startswith("ingest.err.")
        assert exc.key in catalog()
    else:
        assert isinstance(raw, RawTable)
        assert len(raw.frame) > 0


_cell = st.text(alphabet=st.sampled_from(list('ab,;\t"\n\r 1会社')), max_size=12)


@settings(max_examples=300)
@given(st.lists(st.lists(_cell, min_size=1, max_size=4), min_size=1, max_size=6))
def test_any_csv_like_text_gives_a_table_or_a_mori_error(rows: list[list[str]]) -> None:
    data = "\n".join(",".join(r) for r in rows).encode()
    try:
        raw = read_table(data, "fuzz.csv")
    except MoriError as exc:
        assert exc.key in catalog()
    else:
        assert raw.frame.index.is_monotonic_increasing
        assert (raw.frame.index > raw.header_row).all()


def test_headerless_workbook_is_refused_without_showing_its_first_row() -> None:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["株式会社アルファ", "佐藤", "sato@alpha.example.jp", 120])
    ws.append(["ベータ株式会社", "鈴木", "suzuki@beta.example.jp", 30])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(MoriError) as info:
        read_table(buf.getvalue(), "headerless.xlsx")
    _check(info.value, "ingest.err.no_header", "headerless.xlsx", 1)


def test_a_header_with_unknown_names_is_not_taken_for_data() -> None:
    raw = read_table("Org,Person\nアルファ,佐藤\n".encode(), "unknown.csv")
    assert list(raw.frame.columns) == ["Org", "Person"]


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # header words made of date/amount characters, no digit
        ("Org,年月日,金額(円),%\n", "アルファ,2026/05/01,1200,5\n"),
        ("Org,2024,メモ\n", "アルファ,120,あり\n"),  # one year-like column name alone
        ("会社,4月,5月\n", "アルファ,10,20\n"),  # month columns beside a known name
    ],
)
def test_header_rows_with_date_words_are_not_taken_for_data(header: str, row: str) -> None:
    raw = read_table((header + row).encode(), "dates.csv")
    assert list(raw.frame.columns) == header.strip().split(",")
