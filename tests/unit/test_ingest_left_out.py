"""Rows read but not loaded can be downloaded with why (#13, the quality bar's "nothing is
lost"): a report's footer notes and totals, tasks not done yet, the further rows of a deal
listed per contact, and deals a later file lists again — each with its file, line, reason
and cells, never silently dropped."""

from __future__ import annotations

import io

import pandas as pd

from abm.export import to_csv_bytes
from abm.ingest import load_files, read_table, rows_left_out

OPPS = (
    '"商談: 商談ID","商談: 商談名","取引先: 取引先名","商談: フェーズ","商談: 金額","取引先責任者: メール"\r\n'
    '"006A","導入A","株式会社アルファ","受注","1000000","a@alpha.co.jp"\r\n'
    '"006A","導入A","株式会社アルファ","受注","1000000","b@alpha.co.jp"\r\n'
    '"006B","導入B","株式会社ベータ","提案","2000000","c@beta.co.jp"\r\n'
    '""\r\n'
    '"=HYPERLINK(""http://evil.example"",""機密情報 - 配布禁止"")"\r\n'
    '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n'
)
LATER = (
    '"商談: 商談ID","商談: 商談名","取引先: 取引先名","商談: フェーズ","商談: 金額"\r\n'
    '"006B","導入B","株式会社ベータ","受注","2000000"\r\n'
)
TASKS = (
    '"件名","種別","状況","日付","取引先責任者: メール","取引先: 取引先名"\r\n'
    '"架電","電話","完了","2024/04/01","a@alpha.co.jp","株式会社アルファ"\r\n'
    '"訪問","訪問","未着手","2024/04/02","a@alpha.co.jp","株式会社アルファ"\r\n'
    '"メール","メール","完了","2024/04/03","c@beta.co.jp","株式会社ベータ"\r\n'
)
LEADS = (
    '"メールアドレス","会社名","姓","名"\r\n'
    '"a@alpha.co.jp","株式会社アルファ","山田","太郎"\r\n'
    '"b@alpha.co.jp","株式会社アルファ","佐藤","花子"\r\n'
    '"c@beta.co.jp","株式会社ベータ","鈴木","一郎"\r\n'
)


def _files():
    return [
        ("leads.csv", LEADS.encode("utf-8")),
        ("opps_sept.csv", OPPS.encode("cp932")),
        ("activities.csv", TASKS.encode("utf-8-sig")),
        ("opps_oct.csv", LATER.encode("utf-8")),
    ]


def _load():
    dataset, errors = load_files(_files())
    assert errors == ()
    return dataset


def test_a_reports_footer_and_totals_are_kept_as_read_with_why():
    data = (
        "会社名,商談名,フェーズ,金額,作成日\r\n"
        "A社,x1,提案,100,2024/01/01\r\n,x2,提案,200,2024/01/02\r\nB社,x3,受注,300,2024/01/03\r\n"
        "合計,,,600,\r\n\r\nConfidential Information - Do Not Distribute\r\n"
        '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n'
    ).encode()
    raw = read_table(data, "sf.csv")
    assert raw.frame["商談名"].tolist() == ["x1", "x2", "x3"]
    left = raw.left_out
    assert left["row"].tolist() == [5, 7, 8]  # the blank line 6 holds nothing to see
    assert left["check"].tolist() == ["summary_rows", "footer_rows", "footer_rows"]
    assert left["会社名"].tolist() == ["合計", "Confidential Information - Do Not Distribute",
                                    "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."]  # fmt: skip
    assert left["金額"].iloc[0] == "600"


def test_a_file_that_leaves_nothing_out_lists_nothing():
    raw = read_table(LEADS.encode("utf-8"), "leads.csv")
    assert raw.left_out.empty
    dataset = _load()
    assert dataset.sources[0].left_out.empty


def test_every_row_not_loaded_is_listed_once_with_its_file_line_reason_and_cells():
    dataset = _load()
    by = {s.file: s for s in dataset.sources}
    opps = by["opps_sept.csv"].left_out
    # line 3: the same deal as line 2 (another contact); line 4: the later file lists 006B;
    # lines 6 and 7: the report's footer
    assert opps["row"].tolist() == [3, 4, 6, 7]
    assert opps["check"].tolist() == [
        "deal_rows_merged", "superseded", "footer_rows", "footer_rows",
    ]  # fmt: skip
    assert opps["取引先責任者: メール"].iloc[0] == "b@alpha.co.jp"
    tasks = by["activities.csv"].left_out
    assert (tasks["row"].tolist(), tasks["check"].tolist()) == ([3], ["planned_tasks"])
    assert tasks["状況"].iloc[0] == "未着手"
    assert by["opps_oct.csv"].left_out.empty
    _every_line_once(dataset, _files())
    assert len(dataset.opportunities) == 2  # 006A once, 006B from the later file


def _every_line_once(dataset, files) -> None:
    """Each line a file holds (but blank and header lines) is loaded or listed, once."""
    from collections import Counter

    for (name, data), src in zip(files, dataset.sources, strict=True):
        raw = read_table(data, name)
        lines = Counter([*raw.frame.index, *(raw.left_out["row"] if len(raw.left_out) else [])])
        table = dataset.tables()[src.table]
        loaded = table.loc[table["source_file"] == name, "source_row"].astype(int).tolist()
        listed = src.left_out["row"].astype(int).tolist() if len(src.left_out) else []
        if src.table == "leads":  # a lead row is kept, merged or excluded by the cleaning
            assert not listed
        assert Counter(loaded) + Counter(listed) == lines, name


def test_a_deals_further_rows_go_with_it_when_a_later_file_lists_it_again():
    """Review: rows folded into a deal the later file supersedes said "counted once, its
    contact kept" — but the later file's row is the one used."""
    later = LATER + '"006A","導入A","株式会社アルファ","受注","1200000"\r\n'
    files = [*_files()[:3], ("opps_oct.csv", later.encode())]
    dataset, errors = load_files(files)
    assert errors == ()
    sept = next(s for s in dataset.sources if s.file == "opps_sept.csv").left_out
    assert sept["row"].tolist() == [2, 3, 4, 6, 7]
    assert sept["check"].tolist() == [
        "superseded", "superseded", "superseded", "footer_rows", "footer_rows",
    ]  # fmt: skip
    _every_line_once(dataset, files)


def test_each_row_a_load_leaves_out_has_its_own_reason():
    """Review: a file with tasks not done and members who did not respond had one reason
    guessed for all."""
    import numpy as np

    from abm.ingest import ColumnMapping
    from abm.ingest.load import _derived_out, _Part
    from abm.ingest.read import issues_frame

    raw = read_table("状況,件名\n未着手,電話\n送信済み,セミナー\n延期,訪問\n".encode(), "m.csv")
    mapping = ColumnMapping(
        table="activities", vendor="salesforce", columns=(("状況", "status"), ("件名", "subject"))
    )
    said = issues_frame([("m.csv", 2, "状況", "planned_tasks", 2, "ingest.issue.planned_tasks")])
    part = _Part(raw, mapping, raw.frame.iloc[:0], said)
    out = {c: rows.tolist() for rows, c in _derived_out(part, np.array([2, 3, 4]))}
    assert out == {"planned_tasks": [2, 4], "no_response": [3]}
    part = _Part(raw, mapping, raw.frame.iloc[:0], issues_frame([]))
    assert [c for _, c in _derived_out(part, np.array([3]))] == ["no_response"]


def test_the_download_is_in_the_readers_words_in_upload_and_line_order():
    dataset = _load()
    labels = {"file": "ファイル", "row": "行", "check": "理由"}
    reasons = {"planned_tasks": "未着手のタスク", "footer_rows": "注記"}
    out = rows_left_out(dataset.sources, labels=labels, reasons=reasons)
    assert list(out.columns[:3]) == ["ファイル", "行", "理由"]
    assert out["ファイル"].tolist() == ["opps_sept.csv"] * 4 + ["activities.csv"]
    assert out["理由"].tolist() == [
        "deal_rows_merged",
        "superseded",
        "注記",
        "注記",
        "未着手のタスク",
    ]  # fmt: skip  (a reason without words stays a code)
    assert {"件名", "状況", "商談: 商談名"} <= set(out.columns)  # the union of the files' columns


def test_a_files_own_column_called_like_the_leading_ones_is_renamed_not_overwritten():
    data = (
        '"row","check","商談名","金額"\r\n"1","x","A","100"\r\n"2","y","B","200"\r\n'
        '"","","合計","300"\r\n'
    ).encode()
    raw = read_table(data, "odd.csv")
    left = raw.left_out
    assert list(left.columns) == ["row", "check", "row (2)", "check (2)", "商談名", "金額"]
    assert (int(left["row"].iloc[0]), left["check"].iloc[0]) == (4, "summary_rows")
    src = type("S", (), {"file": "odd.csv", "left_out": left})()
    out = rows_left_out([src], labels={"file": "商談名", "row": "row", "check": "check"})
    assert list(out.columns[:3]) == ["商談名", "row", "check"]
    assert "商談名 (2)" in out.columns and out["商談名 (2)"].tolist() == ["合計"]


def test_the_csv_neutralises_formulas_and_opens_in_japanese_excel():
    dataset = _load()
    data, _ = to_csv_bytes(rows_left_out(dataset.sources))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as such
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    cells = back.to_numpy().ravel().tolist()
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    assert any(isinstance(c, str) and c.startswith("'=HYPERLINK") for c in cells)


def test_a_snapshot_keeps_its_left_out_rows_apart_from_its_description(tmp_path):
    """Review: stored as JSON in the snapshot's description, a million tasks not done would
    be parsed on every listing of the snapshots; they are a table of their own."""
    import pandas as pd

    from abm.ingest import read_uploads
    from abm.pipeline import prepare
    from abm.settings import Workspace
    from abm.workspace.snapshot import Snapshot, encode
    from abm.workspace.store import WorkspaceStore

    read = read_uploads(_files())
    snap = Snapshot(
        loaded=read.dataset,
        prepared=prepare(read.dataset),
        parts=tuple(read.parts),
        settings=Workspace(),
        label="September",
        as_of=pd.Timestamp("2024-10-01"),
    )
    _, aggregates, description = encode(snap)
    assert "b@alpha.co.jp" not in str(description)  # a left-out row's cells: a table
    assert {"left_out_1", "left_out_2"} <= set(aggregates)
    store = WorkspaceStore(tmp_path / "store.duckdb")
    at = pd.Timestamp("2026-12-07 09:00", tz="Asia/Tokyo")
    store.create("w", "W", by="local", at=at)
    store.save_snapshot("w", "s1", snap, by="local", at=at)
    got = store.load_snapshot("w", "s1")
    for a, b in zip(snap.loaded.sources, got.loaded.sources, strict=True):
        assert list(b.left_out.columns) == list(a.left_out.columns), a.file
        assert b.left_out.astype(str).equals(a.left_out.astype(str)), a.file
    # a file read again from the snapshot still lists its footer
    parts = {raw.file: raw for raw, _ in store.load_parts("w", "s1")}
    footer = parts["opps_sept.csv"].left_out
    assert footer["row"].tolist() == [6, 7] and set(footer["check"]) == {"footer_rows"}
