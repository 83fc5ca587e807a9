"""A file of UTF-8 lines and Shift_JIS (CP932) lines is read line by line, not refused
whole nor read whole as CP932 (UTF-8 Japanese mostly decodes as CP932 too: mojibake with
no error); the lines read as CP932 are reported by line, never by value."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.errors import MoriError
from abm.ingest import read_table
from abm.ingest.decode import decode_upload
from abm.ingest.report import describe_issues

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ingest" / "mixed_encodings.csv"

UTF8_ROWS = ["株式会社アルファ,佐藤 一郎,ichiro@alpha.example.jp", "ベータ工業（株）,鈴木 花子,hanako@beta.example.jp"]  # fmt: skip
CP932_ROWS = ["ガンマ商事株式会社,高橋 健太,kenta@gamma.example.jp", "ｶﾌﾞｼｷｶﾞｲｼｬﾃﾞﾙﾀ,ﾀﾅｶ ﾀﾛｳ,taro@delta.example.jp"]  # fmt: skip
HEADER = "会社名,氏名,メールアドレス"


def _file(parts: list[tuple[str, str]]) -> bytes:
    return b"".join((line + "\n").encode(enc) for line, enc in parts)


def test_the_bundled_mixed_fixture_is_read_with_every_row():
    raw = read_table(FIXTURE.read_bytes(), FIXTURE.name)
    assert raw.encoding == "utf-8+cp932"
    assert raw.frame.iloc[:, 0].tolist() == ["アルファ", "ベータ", "ガンマ", "株式会社"]
    assert raw.frame.iloc[:, 1].tolist() == ["佐藤", "鈴木", "高橋", "佐藤"]
    found = raw.issues[raw.issues["check"] == "mixed_encoding"]
    assert found[["row", "count"]].values.tolist() == [[4, 1]]


@pytest.mark.parametrize("cp932_first", [False, True])
def test_utf8_and_cp932_blocks_give_the_same_rows_either_way_round(cp932_first):
    utf8 = [(HEADER, "utf-8"), *((r, "utf-8") for r in UTF8_ROWS)]
    cp932 = [(r, "cp932") for r in CP932_ROWS]
    parts = [(HEADER, "cp932"), *cp932, *utf8[1:]] if cp932_first else [*utf8, *cp932]
    raw = read_table(_file(parts), "two_exports.csv")
    want = [line.split(",") for line, _ in parts[1:]]
    assert raw.frame.to_numpy().tolist() == want  # nothing lost, no mojibake
    assert raw.encoding == "utf-8+cp932"
    issue = raw.issues[raw.issues["check"] == "mixed_encoding"].iloc[0]
    cp_lines = [i + 1 for i, (_, enc) in enumerate(parts) if enc == "cp932"]
    assert (issue["row"], issue["count"]) == (cp_lines[0], len(cp_lines))
    for lang in ("ja", "en"):  # said by line and count, never a value
        message = describe_issues(raw.issues, lang).message.str.cat()
        assert str(cp_lines[0]) in message
        assert not any(v in message for v in ("ガンマ", "高橋", "ﾃﾞﾙﾀ", "gamma"))


def test_a_utf8_line_that_cp932_also_reads_is_not_turned_into_mojibake():
    # 日本 in UTF-8 is valid CP932 (譌･譛ｬ): a mostly-CP932 file keeps such a line's UTF-8
    parts = [(HEADER, "cp932"), *((r, "cp932") for r in CP932_ROWS), ("日本電気株式会社,山田,y@nec.example.jp", "utf-8")]  # fmt: skip
    raw = read_table(_file(parts), "edited.csv")
    assert raw.frame.iloc[-1, 0] == "日本電気株式会社"
    assert raw.frame.iloc[0, 0] == "ガンマ商事株式会社"


def test_pure_files_keep_their_single_encoding():
    cp = _file([(HEADER, "cp932"), *((r, "cp932") for r in CP932_ROWS)])
    assert decode_upload(cp, "a.csv").encoding == "cp932"
    assert decode_upload(cp, "a.csv").cp932_lines == ()
    u8 = _file([(HEADER, "utf-8"), *((r, "utf-8") for r in UTF8_ROWS)])
    assert decode_upload(u8, "b.csv").encoding == "utf-8"
    # half-width kana in Shift_JIS are often valid UTF-8 (ﾃｽ = ý): still read as CP932
    kana = _file([("ﾃｽﾄ,ﾀﾅｶ", "cp932"), ("ｶﾌﾞｼｷｶﾞｲｼｬ,ﾔﾏﾀﾞ", "cp932"), ("株式会社,山田", "cp932")])
    assert decode_upload(kana, "c.csv").text.splitlines() == [
        "ﾃｽﾄ,ﾀﾅｶ",
        "ｶﾌﾞｼｷｶﾞｲｼｬ,ﾔﾏﾀﾞ",
        "株式会社,山田",
    ]


def test_a_few_lines_no_encoding_reads_are_left_out_by_line_the_rest_read():
    # QA-O: 2 broken lines of 10 (CP932-looking bytes, a UTF-8 character cut in half)
    # refused the whole file with "save it as UTF-8" — it was UTF-8
    cut = "株式会社カット,途中 切れ,cut@x.example.jp".encode()[:-19]  # inside a character
    good = [(HEADER, "utf-8"), *((r, "utf-8") for r in UTF8_ROWS)]
    data = _file(good) + b"\xff\xfe\xfd,x\n" + cut + b"\n" + _file([(UTF8_ROWS[0], "utf-8")])
    raw = read_table(data, "broken.csv")
    assert raw.frame.iloc[:, 0].tolist() == [UTF8_ROWS[0].split(",")[0], UTF8_ROWS[1].split(",")[0], UTF8_ROWS[0].split(",")[0]]  # fmt: skip
    assert raw.frame.index.tolist() == [2, 3, 6]  # the lines keep their numbers
    found = raw.issues[raw.issues["check"] == "unreadable_lines"]
    assert found[["row", "count"]].values.tolist() == [[4, 2]]
    assert "blank_rows" not in raw.issues["check"].tolist()  # said once, as unreadable
    # and listed, by line, in the rows read but not loaded (nothing is lost unsaid)
    assert raw.left_out[["row", "check"]].values.tolist() == [
        [4, "unreadable_lines"],
        [5, "unreadable_lines"],
    ]
    for lang in ("ja", "en"):
        message = describe_issues(raw.issues, lang).message.str.cat()
        assert "4" in message and "カット" not in message


def test_the_bundled_bad_bytes_fixture_reads_its_good_lines():
    path = FIXTURE.with_name("bad_bytes.csv")
    raw = read_table(path.read_bytes(), path.name)
    assert raw.frame.index.tolist() == [2]
    assert raw.issues[raw.issues["check"] == "unreadable_lines"]["row"].tolist() == [3]
    assert raw.left_out[["row", "check"]].values.tolist() == [[3, "unreadable_lines"]]


def test_a_file_in_another_encoding_is_refused_with_its_line():
    text = "\n".join([HEADER, *UTF8_ROWS, *CP932_ROWS[:1]]) + "\n"
    data = text.encode("euc_jp")
    with pytest.raises(MoriError) as err:
        read_table(data, "euc.csv")
    assert err.value.key == "ingest.err.decode" and err.value.params["row"] == 1


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(st.sampled_from(UTF8_ROWS + CP932_ROWS), st.booleans()), min_size=1, max_size=12
    )
)
def test_any_mix_of_lines_reads_back_as_written(rows):
    parts = [(HEADER, "utf-8")] + [(r, "cp932" if cp else "utf-8") for r, cp in rows]
    raw = read_table(_file(parts), "any.csv")
    assert raw.frame.to_numpy().tolist() == [line.split(",") for line, _ in parts[1:]]


def test_a_broken_line_inside_a_quoted_value_refuses_the_file_by_its_line():
    # blank, its opening quote would go and the next rows would run into one cell
    cut = '株式会社ベータ,鈴木,"メモ１行目'.encode()[:-1]
    data = _file([(HEADER, "utf-8"), (UTF8_ROWS[0], "utf-8")]) + cut + b"\r\n" + b'",x\r\n'
    data += _file([(r, "utf-8") for r in UTF8_ROWS])
    with pytest.raises(MoriError) as err:
        read_table(data, "quoted.csv")
    assert err.value.key == "ingest.err.decode_line" and err.value.params["row"] == 3


def test_a_broken_header_refuses_the_file_instead_of_taking_a_row_for_it():
    data = HEADER.encode()[:-1] + b"\n" + _file([(r, "utf-8") for r in UTF8_ROWS * 3])
    with pytest.raises(MoriError) as err:
        read_table(data, "header.csv")
    assert err.value.key == "ingest.err.decode_line" and err.value.params["row"] == 1


def test_kanji_only_utf8_lines_beside_a_cp932_line_stay_utf8():
    # 伊藤 in UTF-8 is also CP932 (莨願陸) without the kana marks
    rows = [
        "伊藤,不動産,x@a.example.jp",
        "小林,金融,y@b.example.jp",
        "吉田,有限会社,z@c.example.jp",
    ]
    parts = [
        ("name,industry,email", "utf-8"),
        *((r, "utf-8") for r in rows),
        (CP932_ROWS[0], "cp932"),
    ]
    raw = read_table(_file(parts), "kanji.csv")
    assert raw.frame.to_numpy().tolist() == [line.split(",") for line, _ in parts[1:]]
    assert raw.encoding == "utf-8+cp932"


def test_one_stray_byte_in_a_mostly_ascii_file_leaves_out_its_line_only():
    rows = [f"Company {i},Person {i},p{i}@x.example.com" for i in range(50)]
    data = ("company,name,email\n" + "\n".join(rows[:25]) + "\n").encode()
    data += b"Caf\xe9 Ltd,Jean,j@cafe.example.com\n" + ("\n".join(rows[25:]) + "\n").encode()
    raw = read_table(data, "latin1.csv")
    assert len(raw.frame) == 50
    assert raw.issues[raw.issues["check"] == "unreadable_lines"]["row"].tolist() == [27]


def test_a_cr_only_file_is_read_line_by_line_too():
    parts = [(HEADER, "utf-8"), (UTF8_ROWS[0], "utf-8"), (CP932_ROWS[0], "cp932")]
    data = b"".join((line + "\r").encode(enc) for line, enc in parts)
    raw = read_table(data, "mac.csv")
    assert raw.frame.to_numpy().tolist() == [line.split(",") for line, _ in parts[1:]]


def test_half_width_kana_shift_jis_reads_as_cp932_whole():
    # ﾃｽﾄ is valid UTF-8 (ý…): the file is not taken for a UTF-8 one, nor read line by line
    data = _file([("ﾃｽﾄ,ﾒｰﾙｱﾄﾞﾚｽ", "cp932"), *(("株式会社ﾃｽﾄ,t@x.example.jp", "cp932"),) * 3])
    found = decode_upload(data, "kana.csv")
    assert (found.encoding, found.cp932_lines) == ("cp932", ())
    assert found.text.splitlines()[0] == "ﾃｽﾄ,ﾒｰﾙｱﾄﾞﾚｽ"
