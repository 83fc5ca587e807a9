"""Zip-container limits for ``.xlsx`` uploads, checked per member.

An ``.xlsx`` file is a zip of XML parts. Averaging the compression ratio over
the whole archive lets a stored (uncompressed) padding member hide a part that
expands hundreds of times, so every member is checked on its own, from the
zip's central directory, *before* anything is parsed:

* its uncompressed size against the cap of its kind — shared strings
  (held whole in memory by openpyxl), other XML parts (parsed whole: styles,
  workbook, relationships…), worksheets and anything else (streamed, bounded
  by the archive total);
* its compression ratio, once it is larger than ``xlsx_ratio_floor``.

The directory may lie, so members are also read through :class:`CappedZip`,
whose streams refuse to produce more bytes than the member declared or than
its kind allows, whatever the compressed data holds.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from abm.errors import MoriError
from abm.i18n import keys as K
from abm.ingest.limits import Limits

__all__ = ["CappedZip", "MemberCaps", "check_zip"]

_CT = "[Content_Types].xml"
_SHARED = "sharedStrings+xml"
_SHEET = "worksheet+xml"


def _content_types(zf: zipfile.ZipFile, file: str, limits: Limits) -> tuple[dict, dict]:
    """``(overrides by part name, defaults by extension)`` of ``[Content_Types].xml``."""
    from defusedxml.ElementTree import fromstring

    try:
        info = zf.getinfo(_CT)
    except KeyError:
        return {}, {}
    if info.file_size > limits.max_xlsx_part:
        raise MoriError(
            "ingest.err.zip_bomb_part", file=file, size_mb=_mb(info), ratio=_ratio(info)
        )
    try:
        with _Capped(zf.open(info), info.file_size, file) as src:
            root = fromstring(src.read())
    except MoriError:
        raise
    except Exception:
        raise MoriError("ingest.err.damaged_xlsx", file=file) from None
    overrides, defaults = {}, {}
    for el in root:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "Override":
            overrides[str(el.get("PartName", "")).lstrip("/")] = str(el.get("ContentType", ""))
        elif tag == "Default":
            defaults[str(el.get("Extension", "")).lower()] = str(el.get("ContentType", ""))
    return overrides, defaults


def _kind(name: str, overrides: dict, defaults: dict) -> str:
    """``shared_strings``, ``sheet``, ``part`` (XML parsed whole) or ``other``."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    ctype = overrides.get(name) or defaults.get(ext, "")
    if ctype.endswith(_SHARED) or name.lower().endswith("sharedstrings.xml"):
        return "shared_strings"
    if ctype.endswith(_SHEET) or (
        name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")
    ):
        return "sheet"
    if "xml" in ctype or ext in ("xml", "rels", "vml"):
        return "part"
    return "other"


def _mb(info: zipfile.ZipInfo) -> int:
    return max(1, round(info.file_size / 1_000_000))


def _ratio(info: zipfile.ZipInfo) -> int:
    return round(info.file_size / max(info.compress_size, 1))


@dataclass(frozen=True)
class MemberCaps:
    """The largest number of bytes each member may produce when read.

    Attributes
    ----------
    caps : dict
        Member name -> ``(cap in bytes, kind)``.
    """

    caps: dict[str, tuple[int, str]]


def check_zip(data: bytes, file: str, limits: Limits) -> MemberCaps:
    """Refuse damaged, non-workbook or bomb-like zip containers, member by member.

    Parameters
    ----------
    data : bytes
        The upload.
    file : str
        File name for messages.
    limits : Limits
        ``max_xlsx_members``, ``max_xlsx_uncompressed``, ``max_xlsx_ratio``,
        ``max_xlsx_shared_strings``, ``max_xlsx_part``, ``xlsx_ratio_floor``.

    Returns
    -------
    MemberCaps
        What each member may produce when read (see :class:`CappedZip`).

    Raises
    ------
    MoriError
        ``ingest.err.damaged_xlsx``, ``ingest.err.not_xlsx``,
        ``ingest.err.zip_bomb`` (the archive as a whole) or
        ``ingest.err.zip_bomb_<kind>`` (one member, by kind — ``shared_strings``,
        ``sheet``, ``part``, ``other`` — with its size and ratio, never its
        name or content).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names and not any(
                n.endswith("workbook.xml") for n in names
            ):
                raise MoriError("ingest.err.not_xlsx", file=file)
            if len(infos) > limits.max_xlsx_members:
                raise MoriError("ingest.err.zip_bomb", file=file)
            overrides, defaults = _content_types(zf, file, limits)
    except MoriError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise MoriError("ingest.err.damaged_xlsx", file=file) from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > limits.max_xlsx_uncompressed:
        raise MoriError("ingest.err.zip_bomb", file=file)
    if total > limits.xlsx_ratio_floor and total > limits.max_xlsx_ratio * max(packed, 1):
        raise MoriError("ingest.err.zip_bomb", file=file)
    kind_caps = {
        "shared_strings": limits.max_xlsx_shared_strings,
        "part": limits.max_xlsx_part,
        "sheet": limits.max_xlsx_uncompressed,
        "other": limits.max_xlsx_uncompressed,
    }
    caps: dict[str, tuple[int, str]] = {}
    for info in infos:
        kind = _kind(info.filename, overrides, defaults)
        cap = kind_caps[kind]
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > cap or (
            info.file_size > limits.xlsx_ratio_floor and ratio > limits.max_xlsx_ratio
        ):
            raise MoriError(K.ZIP_BOMB[kind], file=file, size_mb=_mb(info), ratio=_ratio(info))
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:
            # deflate never grows data by more than a few bytes per 16 KiB: more
            # compressed than uncompressed bytes means the header lies
            raise MoriError("ingest.err.zip_overflow", file=file)
        caps[info.filename] = (min(cap, info.file_size), kind)
    return MemberCaps(caps)


class _Capped(io.RawIOBase):
    """A read-only stream that refuses to produce more than ``cap`` bytes."""

    def __init__(self, inner: io.IOBase, cap: int, file: str) -> None:
        super().__init__()
        self._inner, self._left, self._file = inner, cap, file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        want = len(buffer)
        chunk = self._inner.read(min(want, self._left + 1))
        if len(chunk) > self._left:
            raise MoriError("ingest.err.zip_overflow", file=self._file)
        self._left -= len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


class CappedZip(zipfile.ZipFile):
    """A read-only :class:`zipfile.ZipFile` whose member streams are size-capped.

    Parameters
    ----------
    data : bytes
        The archive.
    caps : MemberCaps
        From :func:`check_zip` on the same bytes.
    file : str
        File name for messages.

    Notes
    -----
    ``read`` goes through ``open``, so both are capped. A member the
    directory under-declares stops at its declared size (and then fails its
    CRC check: the file is reported damaged); a stream that would produce
    more than its cap raises ``ingest.err.zip_overflow`` at once.
    """

    def __init__(self, data: bytes, caps: MemberCaps, file: str) -> None:
        super().__init__(io.BytesIO(data), "r")
        self._caps = caps.caps
        self._file = file

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):  # type: ignore[override]
        """Open a member for reading through a size-capped stream."""
        inner = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode != "r":  # pragma: no cover - never written to
            return inner
        key = name.filename if isinstance(name, zipfile.ZipInfo) else name
        cap = self._caps.get(key, (0, "other"))[0]
        return io.BufferedReader(_Capped(inner, cap, self._file))
