"""Hostile and careless files (issue #20): each is refused or flagged with its own
translated message, fast, and nothing else is lost.

Files are generated here, at test time (the large ones in memory). Timeouts are
generous: they only catch a hang, never judge speed (bench/ does that).
"""

from __future__ import annotations

import io
import logging
import os
import zipfile

import pandas as pd
import pytest

from abm.errors import MoriError
from abm.i18n import catalog
from abm.ingest import describe_issues, load_files, read_table
from abm.ingest.archive import CappedZip, MemberCaps, check_zip
from abm.ingest.limits import DEFAULT_LIMITS
from abm.ui import state
from abm.ui.state import widget_key
from tests.support.hostile import (
    HEAD,
    NS,
    ROW2,
    VALUES,
    _istr,
    lie_about_size,
    shared_strings_bomb,
    xlsx,
)


def _refused(data: bytes, file: str, key: str, **params: object) -> MoriError:
    with pytest.raises(MoriError) as info:
        read_table(data, file)
    err = info.value
    assert err.key == key, (err.key, err.params)
    assert key in catalog()
    for lang in ("ja", "en"):
        msg = err.message(lang)
        assert file in msg and "{" not in msg, msg
        assert not any(v in msg for v in VALUES), msg
    for k, v in params.items():
        assert err.params[k] == v
    return err


# ---------------------------------------------------------------- xlsx archives


@pytest.mark.timeout(120)
def test_a_shared_strings_bomb_behind_stored_padding_is_refused_per_member() -> None:
    data = shared_strings_bomb()
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    total = sum(i.file_size for i in infos) / sum(i.compress_size for i in infos)
    member = next(i for i in infos if i.filename == "xl/sharedStrings.xml")
    assert total < DEFAULT_LIMITS.max_xlsx_ratio  # the whole-archive average hides it
    assert member.file_size / member.compress_size > 300  # the member does not
    err = _refused(data, "bomb.xlsx", "ingest.err.zip_bomb_shared_strings")
    assert err.params["ratio"] > DEFAULT_LIMITS.max_xlsx_ratio


@pytest.mark.timeout(120)
def test_every_kind_of_member_has_its_own_size_cap() -> None:
    big_style = "<styleSheet>" + " " * 2_000_000 + "</styleSheet>"
    data = xlsx(HEAD + ROW2, extra={"xl/styles.xml": big_style})
    limits = DEFAULT_LIMITS.__class__(max_xlsx_part=1_000_000, max_xlsx_ratio=1e9)
    with pytest.raises(MoriError) as info:
        check_zip(data, "styles.xlsx", limits)
    assert info.value.key == "ingest.err.zip_bomb_part"
    sst = '<sst xmlns="' + NS + '"><si><t>x</t></si>' + " " * 2_000_000 + "</sst>"
    data = xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', sst=sst)
    small = DEFAULT_LIMITS.__class__(max_xlsx_shared_strings=1_000_000, max_xlsx_ratio=1e9)
    with pytest.raises(MoriError) as info:
        check_zip(data, "strings.xlsx", small)
    assert info.value.key == "ingest.err.zip_bomb_shared_strings"


@pytest.mark.timeout(60)
def test_a_zip_header_that_under_declares_a_member_is_refused() -> None:
    rows = "".join(
        f'<row r="{r}">'
        + _istr(f"A{r}", "アルファ")
        + _istr(f"B{r}", f"a{r}@example.jp")
        + "</row>"
        for r in range(2, 20_000)
    )
    data = lie_about_size(xlsx(HEAD + rows), "xl/worksheets/sheet1.xml", 5_000)
    _refused(data, "lying.xlsx", "ingest.err.zip_overflow")


def test_a_capped_stream_never_yields_more_than_its_cap() -> None:
    data = xlsx(HEAD + ROW2)
    caps = check_zip(data, "capped.xlsx", DEFAULT_LIMITS)
    sheet = "xl/worksheets/sheet1.xml"
    assert caps.caps[sheet][1] == "sheet"
    tight = MemberCaps({**caps.caps, sheet: (100, "sheet")})  # as if the header lied
    with CappedZip(data, tight, "capped.xlsx") as zf, pytest.raises(MoriError) as info:
        zf.read(sheet)
    assert info.value.key == "ingest.err.zip_overflow"
    with CappedZip(data, caps, "capped.xlsx") as zf:
        assert zf.read(sheet) == zipfile.ZipFile(io.BytesIO(data)).read(sheet)


# ---------------------------------------------------------------- sheet geometry


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("body", "dim"),
    [
        (HEAD + ROW2, "A1:B99999999"),  # a declared dimension only
        (HEAD + ROW2 + '<row r="99999999">' + _istr("A99999999", "x") + "</row>", None),
        (HEAD + ROW2, "A1:ZZZ5"),  # a column past XFD
    ],
    ids=["declared-99999999-rows", "row-99999999", "declared-column-ZZZ"],
)
def test_rows_or_columns_past_excels_grid_are_refused(body: str, dim: str | None) -> None:
    _refused(xlsx(body, dim=dim), "grid.xlsx", "ingest.err.xlsx_beyond_grid", sheet="Leads")


@pytest.mark.timeout(30)
def test_a_cell_at_xfd1048576_is_refused_by_its_width() -> None:
    body = HEAD + ROW2 + '<row r="1048576">' + _istr("XFD1048576", "x") + "</row>"
    err = _refused(xlsx(body), "xfd.xlsx", "ingest.err.too_many_columns")
    assert err.params["count"] == 16_384


@pytest.mark.timeout(30)
def test_a_cell_on_the_last_row_is_one_row_not_a_million_blank_ones() -> None:
    body = HEAD + ROW2 + '<row r="1048576">' + _istr("A1048576", "ベータ") + "</row>"
    raw = read_table(xlsx(body), "far.xlsx")
    assert raw.frame.index.tolist() == [2, 1_048_576]
    assert raw.frame["会社名"].tolist() == ["アルファ", "ベータ"]
    blank = raw.issues.set_index("check").loc["blank_rows"]
    assert (blank["row"], blank["count"]) == (3, 1_048_573)  # reported, not silently skipped


@pytest.mark.timeout(30)
def test_one_uncastable_number_cell_does_not_sink_its_workbook() -> None:
    huge = "9" * 5000  # int() refuses more than 4,300 digits
    body = (
        '<row r="1">' + _istr("A1", "会社名") + _istr("B1", "従業員数") + "</row>"
        '<row r="2">' + _istr("A2", "アルファ") + f'<c r="B2"><v>{huge}</v></c></row>'
        '<row r="3">' + _istr("A3", "ベータ") + '<c r="B3"><v>120</v></c></row>'
    )
    raw = read_table(xlsx(body), "cells.xlsx")
    assert raw.frame["会社名"].tolist() == ["アルファ", "ベータ"]
    assert raw.frame["従業員数"].tolist() == [huge, "120"]


# ---------------------------------------------------------------- pasted exports

BOM = "\ufeff"
EXPORT = (
    BOM + '"会社名","氏名","メールアドレス"\r\n'
    '"アルファ","佐藤","a@example.jp"\r\n"ベータ","鈴木","b@example.jp"\r\n'
)


@pytest.mark.timeout(30)
def test_a_pasted_second_export_repeats_the_header_which_is_reported_not_ingested() -> None:
    raw = read_table((EXPORT + EXPORT).encode("utf-8"), "pasted.csv")
    assert raw.frame.index.tolist() == [2, 3, 5, 6]  # line 4 is the second header
    assert raw.frame["会社名"].tolist() == ["アルファ", "ベータ", "アルファ", "ベータ"]
    assert not raw.frame.apply(lambda c: c.str.contains(BOM)).any().any()
    issue = raw.issues.set_index("check").loc["repeated_header"]
    assert (issue["row"], issue["count"]) == (4, 1)
    for lang in ("ja", "en"):
        text = describe_issues(raw.issues, lang)["message"].iloc[0]
        assert "4" in text and "{" not in text
    # through the whole load: every data row of both exports arrives once
    dataset, errors = load_files([("pasted.csv", (EXPORT + EXPORT).encode("utf-8"))])
    assert not errors
    assert dataset.leads["source_row"].tolist() == [2, 3, 5, 6]


@pytest.mark.timeout(30)
def test_many_repeated_headers_are_each_accounted_for() -> None:
    text = EXPORT * 15
    raw = read_table(text.encode("utf-8"), "many.csv")
    assert len(raw.frame) == 30
    rep = raw.issues[raw.issues["check"] == "repeated_header"]
    assert rep["count"].sum() == 14
    assert rep["message_key"].tolist()[-1] == "ingest.issue.repeated_header_more"


@pytest.mark.timeout(30)
def test_a_repeated_header_in_a_workbook_is_not_a_lead() -> None:
    body = HEAD + ROW2 + HEAD.replace('r="1"', 'r="3"').replace("A1", "A3").replace("B1", "B3")
    body += '<row r="4">' + _istr("A4", "ベータ") + _istr("B4", "b@example.jp") + "</row>"
    raw = read_table(xlsx(body), "sheets.xlsx")
    assert raw.frame["会社名"].tolist() == ["アルファ", "ベータ"]
    assert raw.issues.set_index("check").loc["repeated_header", "row"] == 3


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "second",
    [
        BOM + '"会社名","メールアドレス","氏名"\r\n"X","x@example.jp","Y"\r\n',  # reordered
        BOM + '"会社名","氏名","メールアドレス","電話番号"\r\n"X","Y","x@e.jp","1"\r\n',  # wider
        BOM + '"会社名","氏名"\r\n"X","Y"\r\n',  # narrower
    ],
    ids=["reordered", "wider", "narrower"],
)
def test_a_pasted_export_with_other_columns_is_refused_naming_its_line(second: str) -> None:
    _refused(
        (EXPORT + second).encode("utf-8"), "mixed.csv", "ingest.err.second_header_differs", row=4
    )


def test_a_stray_byte_order_mark_on_a_data_row_is_removed_and_reported() -> None:
    raw = read_table((EXPORT + BOM + '"ガンマ","高橋","c@example.jp"\r\n').encode(), "bom.csv")
    assert raw.frame["会社名"].tolist() == ["アルファ", "ベータ", "ガンマ"]
    assert raw.issues.set_index("check").loc["stray_bom", "row"] == 4


# ---------------------------------------------------------------- batches

GOOD = "会社名,氏名,メールアドレス\nアルファ,佐藤,a@example.jp\nベータ,鈴木,b@example.jp\n".encode()
CORRUPT = b"PK\x03\x04" + os.urandom(2000)


@pytest.mark.timeout(60)
def test_one_corrupt_file_does_not_sink_the_batch() -> None:
    dataset, errors = load_files([("broken.xlsx", CORRUPT), ("good.csv", GOOD)])
    assert [f for f, _ in errors] == ["broken.xlsx"]
    assert errors[0][1].key == "ingest.err.damaged_xlsx"
    assert dataset.leads["source_file"].tolist() == ["good.csv", "good.csv"]
    assert [s.file for s in dataset.sources] == ["good.csv"]


@pytest.mark.timeout(60)
def test_an_unexpected_exception_is_reported_by_file_and_logged_by_type_only(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import abm.ingest.batch as batch

    real = batch.apply_mapping

    def boom(raw, mapping):
        if raw.file == "bad.csv":
            raise RuntimeError("cell value 佐藤 a@example.jp")
        return real(raw, mapping)

    monkeypatch.setattr(batch, "apply_mapping", boom)
    with caplog.at_level(logging.WARNING):
        dataset, errors = load_files([("bad.csv", GOOD), ("good.csv", GOOD)])
    assert [(f, e.key) for f, e in errors] == [("bad.csv", "ingest.err.convert_failed")]
    assert set(dataset.leads["source_file"]) == {"good.csv"} and len(dataset.leads) == 2
    for lang in ("ja", "en"):
        assert "bad.csv" in errors[0][1].message(lang)
    assert "RuntimeError" in caplog.text and "bad.csv" in caplog.text
    assert not any(v in caplog.text for v in VALUES)


@pytest.mark.timeout(60)
def test_a_file_that_breaks_the_combination_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import abm.ingest.batch as batch

    real = batch._assemble

    def fragile(parts, *args, **kwargs):
        if any(p.raw.file == "poison.csv" for p in parts):
            raise ValueError("a value")
        return real(parts, *args, **kwargs)

    monkeypatch.setattr(batch, "_assemble", fragile)
    dataset, errors = load_files([("good.csv", GOOD), ("poison.csv", GOOD), ("b.csv", GOOD)])
    assert [(f, e.key) for f, e in errors] == [("poison.csv", "ingest.err.convert_failed")]
    assert list(dict.fromkeys(dataset.leads["source_file"])) == ["good.csv", "b.csv"]


@pytest.mark.timeout(300)
def test_the_ui_loader_loads_the_good_file_and_names_the_bad_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import abm.ingest.batch as batch
    from abm.ui.shell import md
    from tests.ui.conftest import new_app

    real = batch.apply_mapping

    def boom(raw, mapping):
        if raw.file == "weird.csv":
            raise KeyError("a@example.jp")
        return real(raw, mapping)

    monkeypatch.setattr(batch, "apply_mapping", boom)
    at = new_app()
    at.run()
    at.switch_page("pages/1_Data.py")
    at.run()
    assert not at.exception
    at.file_uploader(key=widget_key("data", "uploads")).set_value(
        [
            ("broken.xlsx", CORRUPT, "application/octet-stream"),
            ("weird.csv", GOOD, "text/csv"),
            ("good.csv", GOOD, "text/csv"),
        ]
    )
    at.run()
    assert not at.exception
    leads = at.session_state[state.K_DATASET].leads
    assert set(leads["source_file"]) == {"good.csv"} and len(leads) == 2
    assert [raw.file for raw, _ in at.session_state[state.K_PARTS]] == ["good.csv"]
    errors = [e.value for e in at.error]
    assert any(md("broken.xlsx") in e for e in errors)
    assert any(md("weird.csv") in e for e in errors)
    assert not any("Traceback" in e or "example.jp" in e for e in errors)


# ---------------------------------------------------------------- confusable domains


def test_a_cyrillic_competitor_domain_is_flagged() -> None:
    from abm.resolve.hygiene import ExclusionRules, apply_exclusions

    leads = pd.DataFrame(
        {
            "email": ["a@rival.co.jp", "b@rivаl.co.jp", "c@ok.co.jp", "d@RIVАL.CO.JP", None],
            "domain": [None, None, None, None, "https://www.xn--rivl-73d.co.jp/"],
            "company": ["Rival", "X", "OK", "Y", "Z"],
        }
    ).astype("string")
    assert leads["email"].iloc[1] != "b@rival.co.jp"  # a Cyrillic а (U+0430)
    rules = ExclusionRules(competitor_domains=("rival.co.jp",))
    out = apply_exclusions(leads, rules)
    reasons = out["exclusion_reason"].fillna("kept").tolist()
    assert reasons == ["competitor", "competitor", "kept", "competitor", "competitor"]
    assert out["email"].equals(leads["email"])  # flagged, not rewritten
