"""Recognise what an upload is and decode text files strictly.

The cascade is: byte-order mark (UTF-8, UTF-16) → strict UTF-8 → strict
CP932 (Windows Shift_JIS, which also reads plain Shift_JIS). Nothing is ever
decoded with replacement characters: bytes that fit no encoding raise a
:class:`~abm.errors.MoriError` naming the file and the line.
"""

from __future__ import annotations

import codecs

from abm.errors import MoriError

__all__ = ["decode_text", "sniff_kind"]

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


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """Decode a text upload with the strict cascade.

    Parameters
    ----------
    data : bytes
        Raw bytes of a text file.
    file : str
        File name, used in error messages.

    Returns
    -------
    (str, str)
        The text and the encoding used: ``"utf-8-sig"``, ``"utf-16"``,
        ``"utf-8"`` or ``"cp932"``.

    Raises
    ------
    MoriError
        ``ingest.err.decode`` with the 1-based line of the first byte that no
        encoding accepts; ``ingest.err.binary`` when the text contains NUL.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, enc = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise MoriError(
                "ingest.err.decode", file=file, row=_line_of(data, exc.start + 3)
            ) from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            le = data.startswith(codecs.BOM_UTF16_LE)
            unit = b"\n\x00" if le else b"\x00\n"
            raise MoriError(
                "ingest.err.decode", file=file, row=_line_of(data, exc.start, unit)
            ) from None
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_exc:
            try:
                text, enc = data.decode("cp932"), "cp932"
            except UnicodeDecodeError as cp_exc:
                # The encoding that got further is the likely one: report its failure.
                pos = max(utf8_exc.start, cp_exc.start)
                raise MoriError("ingest.err.decode", file=file, row=_line_of(data, pos)) from None
    if "\x00" in text:
        raise MoriError("ingest.err.binary", file=file)
    return text, enc
