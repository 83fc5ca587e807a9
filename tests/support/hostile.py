"""Hostile and careless files, generated at test time (issue #20).

Shared by the unit tests (tests/unit/test_hostile_*.py), the browser test
that keeps a server answering while they are processed
(tests/e2e/test_hostile_server.py) and ``bench/bench_hostile.py`` (server CPU
seconds and peak memory of the worst file). Every generator is
deterministic except the corrupt-zip noise.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile

__all__ = ["catalogue", "hostile_csv", "lie_about_size", "shared_strings_bomb", "xlsx"]

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Cell values of these files; none may appear in a message or a log.
VALUES = ("アルファ", "ベータ", "佐藤", "鈴木", "example.jp", "999999")


def _istr(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEAD = '<row r="1">' + _istr("A1", "会社名") + _istr("B1", "メールアドレス") + "</row>"
ROW2 = '<row r="2">' + _istr("A2", "アルファ") + _istr("B2", "a@example.jp") + "</row>"


def xlsx(
    body: str,
    *,
    dim: str | None = None,
    sst: str | None = None,
    extra: dict[str, bytes] | None = None,
    stored: tuple[str, ...] = (),
) -> bytes:
    """A minimal workbook written part by part (so any part can be made hostile)."""
    sst_ct = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        if sst is not None
        else ""
    )
    sst_rel = (
        f'<Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>'
        if sst is not None
        else ""
    )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
        'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        'Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType='
        '"application/octet-stream"/><Override PartName="/xl/workbook.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override'
        ' PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        f'officedocument.spreadsheetml.worksheet+xml"/>{sst_ct}</Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PNS}">'
        f'<Relationship Id="rId1" Type="{RNS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
        f'xmlns:r="{RNS}"><sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'xmlns="{PNS}"><Relationship Id="rId1" Type="{RNS}/worksheet" '
        f'Target="worksheets/sheet1.xml"/>{sst_rel}</Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        f'xmlns="{NS}">' + (f'<dimension ref="{dim}"/>' if dim else "") + f"<sheetData>{body}"
        "</sheetData></worksheet>",
    }
    if sst is not None:
        parts["xl/sharedStrings.xml"] = sst
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in {**parts, **(extra or {})}.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            z.writestr(name, data, compress_type=method)
    return out.getvalue()


def shared_strings_bomb() -> bytes:
    """A stored padding member hides a sharedStrings.xml that expands ~400x."""
    n = 500_000
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'
    sst += "<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>" * n + "</sst>"
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + ROW2
    padding = {"docProps/padding.bin": os.urandom(1_500_000)}
    return xlsx(body, sst=sst, extra=padding, stored=("docProps/padding.bin",))


def lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in its local and central headers."""
    b = bytearray(data)
    name = member.encode()
    for sig, size_at, name_len_at, name_at in (
        (b"PK\x01\x02", 24, 28, 46),
        (b"PK\x03\x04", 22, 26, 30),
    ):
        i = 0
        while (i := b.find(sig, i)) >= 0:
            n = struct.unpack_from("<H", b, i + name_len_at)[0]
            if bytes(b[i + name_at : i + name_at + n]) == name:
                struct.pack_into("<I", b, i + size_at, declared)
            i += 4
    return bytes(b)


def hostile_csv() -> tuple[bytes, dict[str, int]]:
    """200 good leads + the hostile catalogue of the issue, and the counts to expect."""
    rows = ["メールアドレス,会社名,作成日,従業員数,売上高（百万円）,配信停止"]
    for i in range(200):
        rows.append(f"u{i}@example.co.jp,会社{i},2024/01/{i % 28 + 1:02d},{100 + i},{i + 1},0")
    for i in range(30):  # the attack: ~32 KB of spaces inside a date (0.98 MB in all)
        rows.append(f"h{i}@example.co.jp,H{i},2024/01/05{' ' * 32_000}(x,10,1,1")
    for i in range(5):  # only spaces: a blank cell, not a failure
        rows.append(f"b{i}@example.co.jp,B{i},{' ' * 20_000},10,1,0")
    rows += [
        "e1@example.co.jp,E1,令和" + "9" * 5000 + "年,10,1,0",
        "e2@example.co.jp,E2,2199/01/01,-500,1e305,0",
        "e3@example.co.jp,E3,2024/02/01,△1200,Infinity,0",
        "e4@example.co.jp,E4,2024/02/01,▲1200,-5,0",
        "e5@example.co.jp,E5,2024/02/01,NaN,1e308,0",
        'e6@example.co.jp,E6,"2024/02/01 (金)",1e400,"1,200",' + "はい" * 200,
    ]
    data = ("\n".join(rows) + "\n").encode("utf-8")
    expect = {
        ("作成日", "too_long"): 31,  # 30 + the era with 5,000 digits
        ("従業員数", "implausible"): 4,  # -500, △1200, ▲1200, 1e400
        ("従業員数", "unparseable"): 1,  # NaN
        ("売上高（百万円）", "implausible"): 4,  # 1e305, Infinity, -5, 1e308 (× 1e6)
        ("配信停止", "too_long"): 1,
    }
    return data, expect


def catalogue() -> list[tuple[str, bytes]]:
    """Every hostile file of the issue as ``(name, bytes)``, each under 10 MB.

    The whitespace-date CSV (plus every implausible cell), the shared-strings
    bomb, a dimension of 99,999,999 rows, a cell at XFD1048576, a workbook
    whose header under-declares a member, two exports pasted together (a BOM
    and a repeated header mid-file), a corrupt zip and an empty file.
    """
    csv, _ = hostile_csv()
    pasted = ("会社名,氏名,メールアドレス\nアルファ,佐藤,a@example.jp\n"
              "\ufeff会社名,氏名,メールアドレス\nベータ,鈴木,b@example.jp\n").encode()  # fmt: skip
    lying = lie_about_size(xlsx(HEAD + ROW2), "xl/worksheets/sheet1.xml", 10)
    return [
        ("whitespace_dates.csv", csv),
        ("shared_strings_bomb.xlsx", shared_strings_bomb()),
        ("huge_dimension.xlsx", xlsx(HEAD + ROW2, dim="A1:B99999999")),
        (
            "cell_at_xfd1048576.xlsx",
            xlsx(HEAD + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        ),
        ("lying_zip_header.xlsx", lying),
        ("pasted_exports.csv", pasted),
        ("corrupt.xlsx", b"PK\x03\x04" + os.urandom(2000)),
        ("empty.csv", b""),
    ]
