"""Recognise what an upload is and decode text files strictly.

The cascade is: byte-order mark (UTF-8, UTF-16) → strict UTF-8 → strict
CP932 (Windows Shift_JIS, which also reads plain Shift_JIS). Nothing is ever
decoded with replacement characters: bytes that fit no encoding raise a
:class:`~abm.errors.MoriError` naming the file and the line.

A file of both — UTF-8 lines and Shift_JIS lines, as two exports pasted into one or
a few rows edited in another tool — is read line by line (:func:`decode_upload`):
each line as UTF-8 when it is, else as CP932, and the lines read as CP932 are
listed for the load report. Such a file used to be read whole as CP932 (UTF-8
Japanese bytes mostly decode as CP932 too — as 縺ｾ繧… mojibake, no error) or refused
whole.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from abm.errors import MoriError

__all__ = ["Decoded", "decode_upload", "sniff_kind"]

#: What UTF-8 Japanese turns into when read as CP932: kana become 縺 (ぁ–み), 繧 (む–ゟ, ァ–タ)
#: or 繝 (ダ–ヿ) plus a half-width character, kanji a kanji with a lone half-width kana
#: between kanji (日本 → 譌･譛ｬ). Real text almost never holds either, so a CP932 reading
#: that does is checked line by line.
_MOJIBAKE = re.compile("[縺繧繝]|[\u4e00-\u9fff][\uff61-\uff9f][\u4e00-\u9fff]")
_KANA_MOJIBAKE = "縺繧繝"
#: The kanji pattern is looked for in this many first characters of a whole-file CP932
#: reading (the kana marks everywhere: a substring test costs 0.04 s per million lines, the
#: pattern 0.5 s).
_MOJIBAKE_SCAN = 4_000_000


def _looks_mojibake(text: str) -> bool:
    """Whether a whole-file CP932 reading may hold UTF-8 lines (:data:`_MOJIBAKE`)."""
    if any(mark in text for mark in _KANA_MOJIBAKE):
        return True
    return _MOJIBAKE.search(text, 0, _MOJIBAKE_SCAN) is not None


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
#: Magic numbers of common non-spreadsheet files (refused as "binary").
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"MZ",  # Windows executable
    b"\x7fELF",
    b"SQLite format 3",
    b"RIFF",
    b"\x00\x00\x01\x00",  # ico
    b"OggS",
    b"ID3",
)
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


def sniff_kind(data: bytes) -> str:
    """Classify an upload by its leading bytes.

    Parameters
    ----------
    data : bytes
        The whole upload.

    Returns
    -------
    str
        ``"xlsx_zip"`` (a zip container), ``"encrypted"`` (a password-protected
        Office file), ``"xls"`` (a legacy OLE2 workbook), ``"binary"`` or ``"text"``.
    """
    if data.startswith(_ZIP):
        return "xlsx_zip"
    if data.startswith(_OLE2):
        return "encrypted" if _ENCRYPTED_MARK in data else "xls"
    if data.startswith(_BINARY_MAGIC):
        return "binary"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in data[:65536]:
        return "binary"
    return "text"


def _line_of(data: bytes, pos: int, unit: bytes = b"\n") -> int:
    return data.count(unit, 0, pos) + 1


@dataclass(frozen=True)
class Decoded:
    """A decoded text upload.

    Attributes
    ----------
    text : str
    encoding : str
        ``"utf-8-sig"``, ``"utf-16"``, ``"utf-8"``, ``"cp932"`` or ``"utf-8+cp932"``
        (a file of both, read line by line).
    cp932_lines : tuple of int
        With ``"utf-8+cp932"``: the 1-based lines read as CP932 (the rest are UTF-8).
    unreadable_lines : tuple of int
        The 1-based lines neither encoding reads (a line cut inside a character, stray
        bytes), left blank in :attr:`text` — so every other line keeps its number — when
        they are a few among lines that read (:func:`_by_line`).
    """

    text: str
    encoding: str
    cp932_lines: tuple[int, ...] = ()
    unreadable_lines: tuple[int, ...] = ()


def decode_upload(data: bytes, file: str) -> Decoded:
    """Decode a text upload with the strict cascade; a file of UTF-8 and Shift_JIS lines
    line by line.

    Parameters
    ----------
    data : bytes
        Raw bytes of a text file.
    file : str
        File name, used in error messages.

    Returns
    -------
    Decoded

    Raises
    ------
    MoriError
        ``ingest.err.decode`` with the 1-based line of the first byte that no
        encoding accepts; ``ingest.err.binary`` when the text contains NUL.
    """
    found = _cascade(data, file)
    if "\x00" in found.text:
        raise MoriError("ingest.err.binary", file=file)
    return found


def _cascade(data: bytes, file: str) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:  # UTF-8 by its mark: lines of another, or cut ones
            return _by_line(data[3:], file)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            le = data.startswith(codecs.BOM_UTF16_LE)
            unit = b"\n\x00" if le else b"\x00\n"
            raise MoriError(
                "ingest.err.decode", file=file, row=_line_of(data, exc.start, unit)
            ) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_exc:
        if _WIDE.search(data[: utf8_exc.start].decode("utf-8")):  # UTF-8 Japanese first
            return _by_line(data, file)
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError as cp_exc:
            try:  # CP932 lines, then UTF-8 ones
                return _by_line(data, file)
            except MoriError:  # neither: the encoding that got further is the likely one
                pos = max(utf8_exc.start, cp_exc.start)
                raise MoriError("ingest.err.decode", file=file, row=_line_of(data, pos)) from None
        if _looks_mojibake(text):  # UTF-8 lines that CP932 also reads, as mojibake?
            return _by_line(data, file)
        return Decoded(text, "cp932")


#: A character of three UTF-8 bytes or more (kana, kanji, full-width forms): what half-width
#: kana of Shift_JIS read as UTF-8 never give (``ﾃｽ`` is ``ý``, two bytes).
_WIDE = re.compile("[\u0800-\U0010ffff]")

#: Private-use characters: what CP932 makes of bytes 0xFD–0xFF and of its user-defined
#: area (外字). A line mostly UTF-8 that CP932 reads only as these is no CP932 line.
_PRIVATE = re.compile("[\ue000-\uf8ff]")


def _or_none(line: bytes, encoding: str) -> str | None:
    try:
        text = line.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if encoding == "cp932" and _PRIVATE.search(text) else text


def _by_line(data: bytes, file: str) -> Decoded:
    """Each line as UTF-8 or as CP932, whichever reads it; the lines listed that CP932 read.

    A line that both read is CP932's when its UTF-8 reading is mojibake-free and its CP932
    reading is not the other way round (:data:`_MOJIBAKE`), else the encoding of most of
    the file's lines that only one reads (half-width kana in Shift_JIS are often valid
    UTF-8 too: ``ﾃｽ`` is ``ý``). A line neither reads — or that only CP932 reads, as
    mojibake, in a file mostly UTF-8: a UTF-8 line cut inside a character — is left blank
    and listed, unless such lines are as many as the lines that read (then the file is in
    another encoding: ``ingest.err.decode`` names the first). Neither encoding has a byte
    ``\\n`` inside a character, so lines split on it are whole characters.
    """
    nl = b"\n" if b"\n" in data else b"\r"  # CR-only files (classic Mac) too
    out: list[str] = []
    as_cp932: dict[int, str] = {}  # lines only CP932 reads
    garbled: dict[int, str] = {}  # ... as mojibake
    both: dict[int, tuple[str, str]] = {}
    bad: list[int] = []
    utf8_only = plain = 0
    raw = data.split(nl)
    for i, line in enumerate(raw):
        if line.isascii():
            out.append(line.decode("ascii"))
            plain += bool(line.strip())
            continue
        u, c = _or_none(line, "utf-8"), _or_none(line, "cp932")
        if u is not None and (
            c is None or _WIDE.search(u) or (_MOJIBAKE.search(c) and not _MOJIBAKE.search(u))
        ):
            out.append(u)
            utf8_only += 1
            continue
        out.append("")  # filled below, or left blank when no encoding reads it
        if u is None and c is None:
            bad.append(i)
        elif u is None:
            (garbled if _MOJIBAKE.search(c) else as_cp932)[i] = c  # type: ignore[arg-type]
        else:
            both[i] = (u, c)  # type: ignore[assignment]
    cp_major = len(as_cp932) > utf8_only
    if cp_major:  # mojibake-looking lines of a file mostly CP932 are its own (rare kanji)
        as_cp932.update(garbled)
    else:  # in a file mostly UTF-8, a UTF-8 line cut inside a character
        bad.extend(garbled)
    for i, (u, c) in both.items():
        if cp_major:
            as_cp932[i] = c
        else:
            out[i] = u
    for i, c in as_cp932.items():
        out[i] = c
    if bad:
        _may_leave_out(raw, sorted(bad), utf8_only + plain + len(as_cp932) + len(both), file)
    text = nl.decode("ascii").join(out)
    at = tuple(i + 1 for i in sorted(bad))
    cp_lines = tuple(i + 1 for i in sorted(as_cp932))
    if not cp_lines:
        return Decoded(text, "utf-8", unreadable_lines=at)
    if not utf8_only and (cp_major or not both):
        return Decoded(text, "cp932", unreadable_lines=at)
    return Decoded(text, "utf-8+cp932", cp_lines, at)


def _may_leave_out(lines: list[bytes], bad: list[int], read: int, file: str) -> None:
    """Raise ``ingest.err.decode`` unless the unreadable lines ``bad`` (0-based) may be left
    out blank: they are fewer than the lines that read (else the file is in another
    encoding), none is the first line with text (the header, or a report's title), and
    none holds an odd number of ``"`` (blank, its quoted cell would run on into the next
    rows: ``"`` is never part of a UTF-8 or CP932 character, so the count is exact)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if len(bad) >= read:
        raise MoriError("ingest.err.decode", file=file, row=bad[0] + 1)
    for i in bad:
        if i == first or lines[i].count(b'"') % 2:
            raise MoriError("ingest.err.decode_line", file=file, row=i + 1)
