"""Vendor detection and column-mapping suggestion.

Headers are normalised (NFKC, case-folded, spaces ``_ - . ・ :`` removed) and
looked up in the alias vocabulary of :mod:`abm.ingest.aliases`: exact alias
→ confidence 1.0; alias after dropping a trailing bracketed unit such as
``（百万円）`` → 0.95; otherwise the closest alias by
``rapidfuzz.fuzz.ratio`` at or above :data:`FUZZY_CUTOFF` → ``0.9 × score/100``.
A canonical column is never given to two raw columns: the higher confidence
(then the leftmost) wins and the other is recorded in ``dropped``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from rapidfuzz import fuzz, process

from abm.core.config import Config, Invalid, Spec
from abm.errors import MoriError
from abm.ingest import aliases as A
from abm.ingest.headers import normalise_header
from abm.ingest.read import RawTable
from abm.schema import TABLES

__all__ = [
    "FUZZY_CUTOFF",
    "ColumnMapping",
    "SavedMappings",
    "detect_vendor",
    "header_signature",
    "mappings_from_section",
    "mappings_to_section",
    "suggest_mapping",
]

#: Minimum ``fuzz.ratio`` score for a near-miss header to be mapped.
FUZZY_CUTOFF = 85.0
#: Most column mappings kept in the workspace (the app keeps the newest 50).
MAX_SAVED_MAPPINGS = 200
# the inner part stops at any bracket, so no opener re-scans the rest (linear, #20)
_UNIT = re.compile(r"[\(\[【［〔<＜][^\(\[【［〔<＜\)\]】］〕>＞]*[\)\]】］〕>＞]$")
_LIFECYCLE = re.compile(r"^dateentered[\"'“”‘’]*(.+?)\(lifecyclestagepipeline\)[\"'“”‘’]*$")
_BECAME = re.compile(r"^becamean?(.+?)date$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@lru_cache(maxsize=64)
def _table_aliases(vendor: str, table: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for canon, names in A.COMMON[table].items():
        for name in names:
            out.setdefault(normalise_header(name), canon)
    for name, canon in A.VENDOR.get(vendor, {}).get(table, {}).items():
        out[normalise_header(name)] = canon
    return out


@lru_cache(maxsize=1)
def _markers() -> dict[str, frozenset[str]]:
    return {v: frozenset(normalise_header(m) for m in ms) for v, ms in A.MARKERS.items()}


def header_signature(headers: Sequence[str]) -> str:
    """Stable hash of the normalised header set (order and spelling variants ignored)."""
    joined = "\x1f".join(sorted({normalise_header(h) for h in headers}))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def _lifecycle(norm: str) -> tuple[str, float] | None:
    m = _LIFECYCLE.match(norm) or _BECAME.match(norm)
    if m is None:
        return None
    return A.LIFECYCLE_STAGE_DATES.get(m.group(1))


def detect_vendor(headers: Sequence[str]) -> str:
    """Guess the tool that wrote an export from its headers.

    Returns
    -------
    str
        The vendor with most marker headers (ties: order of
        :data:`abm.ingest.aliases.VENDORS`), else ``"generic_ja"`` when a header
        is Japanese, else ``"generic"``.
    """
    norms = {normalise_header(h) for h in headers}
    hits = {v: len(norms & ms) for v, ms in _markers().items()}
    hits["hubspot"] += sum(1 for n in norms if _LIFECYCLE.match(n))
    best = max(A.VENDORS, key=lambda v: (hits.get(v, 0), -A.VENDORS.index(v)))
    if hits.get(best, 0) > 0:
        return best
    return "generic_ja" if any(_CJK.search(str(h)) for h in headers) else "generic"


def _match_one(norm: str, table: str, vendor: str) -> tuple[str | None, float]:
    if table == "leads":
        life = _lifecycle(norm)
        if life is not None:
            return life
    lookup = _table_aliases(vendor, table)
    if norm in lookup:
        return lookup[norm], 1.0
    bare = _UNIT.sub("", norm)
    if bare and bare != norm and bare in lookup:
        return lookup[bare], 0.95
    if len(norm) >= 3:
        hit = process.extractOne(norm, list(lookup), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is not None and lookup[hit[0]] is not None:
            return lookup[hit[0]], round(0.9 * hit[1] / 100.0, 3)
    return None, 0.0


def _map_headers(
    headers: Sequence[str], table: str, vendor: str
) -> tuple[dict[str, str | None], dict[str, float], list[tuple[str, str]]]:
    found = [(h, *_match_one(normalise_header(h), table, vendor)) for h in headers]
    order = sorted(range(len(found)), key=lambda i: (-found[i][2], i))
    taken: set[str] = set()
    cols: dict[str, str | None] = {h: None for h in headers}
    conf: dict[str, float] = {h: 0.0 for h in headers}
    dropped: list[tuple[str, str]] = []
    for i in order:
        h, canon, c = found[i]
        if canon is None:
            continue
        if canon in taken:
            dropped.append((h, canon))
            continue
        taken.add(canon)
        cols[h], conf[h] = canon, c
    return cols, conf, dropped


def _infer_table(by_table: Mapping[str, set[str]]) -> str:
    opp = by_table["opportunities"]
    if "amount" in opp and opp & {
        "stage",
        "opportunity_id",
        "opportunity_name",
        "close_date",
        "is_won",
    }:
        return "opportunities"
    act = by_table["activities"]
    if {"timestamp", "activity_type"} <= act:
        return "activities"
    leads, accounts = by_table["leads"], by_table["accounts"]
    if (
        not leads & set(A.PERSON_COLUMNS)
        and accounts & {"company", "domain"}
        and len(accounts) >= len(leads)
    ):
        return "accounts"
    return "leads"


@dataclass(frozen=True)
class ColumnMapping(Config):
    """How the columns of one export map onto a canonical table.

    Parameters
    ----------
    table : str
        ``"leads"``, ``"activities"``, ``"opportunities"`` or ``"accounts"``.
    vendor : str
        One of :data:`abm.ingest.aliases.VENDORS`.
    columns : tuple of (str, str or None)
        Raw header -> canonical column, ``None`` when the column is ignored.
    confidence : tuple of (str, float)
        Raw header -> confidence in [0, 1].
    signature : str
        :func:`header_signature` of the raw headers; lets a saved mapping be
        re-applied to the next export of the same tool (computed when a
        saved mapping lacks it).
    dropped : tuple of (str, str)
        Raw headers that matched a canonical column already taken by a
        better match (reported, not mapped).
    """

    table: Annotated[str, Spec(choices=tuple(TABLES))]
    vendor: Annotated[str, Spec(choices=A.VENDORS)]
    columns: Annotated[tuple[tuple[str, str | None], ...], Spec(unique=True)]
    confidence: Annotated[tuple[tuple[str, float], ...], Spec(min=0, max=1)] = ()
    signature: str = ""
    dropped: tuple[tuple[str, str], ...] = ()

    SECTION = "column_mappings"

    def as_dict(self) -> dict[str, str | None]:
        """Raw header -> canonical column (or ``None``)."""
        return dict(self.columns)

    @classmethod
    def _prepare_dict(cls, data: dict[str, Any]) -> dict[str, Any]:
        """A saved mapping without a signature gets the one of its raw headers."""
        cols = data.get("columns")
        if data.get("signature") or not isinstance(cols, list):
            return data
        raws = [c[0] for c in cols if isinstance(c, list) and c and isinstance(c[0], str)]
        return {**data, "signature": header_signature(raws)} if len(raws) == len(cols) else data

    def _check(self) -> None:
        """Canonical columns belong to the table and are mapped once."""
        names = set(TABLES[self.table].names)
        targets = [c for _, c in self.columns if c is not None]
        if any(c not in names for c in targets) or len(set(targets)) != len(targets):
            raise Invalid("columns")

    def with_column(self, raw: str, canonical: str | None) -> ColumnMapping:
        """Return a copy with ``raw`` mapped to ``canonical`` (confidence 1.0).

        A column previously mapped to ``canonical`` is set to ``None``.
        """
        cols = tuple(
            (
                r,
                canonical
                if r == raw
                else (None if canonical is not None and c == canonical else c),
            )
            for r, c in self.columns
        )
        conf = tuple((r, 1.0 if r == raw else c) for r, c in self.confidence)
        return ColumnMapping(self.table, self.vendor, cols, conf, self.signature, self.dropped)


def _headers_of(raw: RawTable | Sequence[str]) -> list[str]:
    if isinstance(raw, RawTable):
        return [str(c) for c in raw.frame.columns]
    return [str(h) for h in raw]


def _from_saved(
    headers: list[str], saved: Sequence[ColumnMapping], table: str | None
) -> ColumnMapping | None:
    sig = header_signature(headers)
    norms = {normalise_header(h) for h in headers}
    for m in saved:
        if table is not None and m.table != table:
            continue
        lookup = {normalise_header(r): c for r, c in m.columns}
        if m.signature == sig or norms <= set(lookup):
            cols = tuple((h, lookup.get(normalise_header(h))) for h in headers)
            conf = tuple((h, 1.0) for h in headers)
            return ColumnMapping(m.table, m.vendor, cols, conf, sig)
    return None


def suggest_mapping(
    raw: RawTable | Sequence[str],
    *,
    table: str | None = None,
    saved: Sequence[ColumnMapping] = (),
) -> ColumnMapping:
    """Suggest how the columns of an export map onto a canonical table.

    Parameters
    ----------
    raw : RawTable or sequence of str
        A table read by :func:`~abm.ingest.read_table`, or just its headers.
    table : str, optional
        Force the canonical table; inferred from the mapped columns when omitted
        (amount + stage/id/name/close date → opportunities; timestamp +
        activity type → activities; no person column, a company or domain,
        and at least as many columns mapped as for leads → accounts;
        otherwise leads).
    saved : sequence of ColumnMapping
        Mappings the user confirmed before. The first whose signature equals
        this export's, or whose headers cover all of this export's headers,
        wins with confidence 1.0.

    Returns
    -------
    ColumnMapping
    """
    headers = _headers_of(raw)
    if table is not None and table not in TABLES:
        raise MoriError("ingest.err.bad_mapping")
    hit = _from_saved(headers, saved, table)
    if hit is not None:
        return hit
    vendor = detect_vendor(headers)
    if table is None:
        mapped = {t: {c for c in _map_headers(headers, t, vendor)[0].values() if c} for t in TABLES}
        table = _infer_table(mapped)
    cols, conf, dropped = _map_headers(headers, table, vendor)
    return ColumnMapping(
        table=table,
        vendor=vendor,
        columns=tuple((h, cols[h]) for h in headers),
        confidence=tuple((h, conf[h]) for h in headers),
        signature=header_signature(headers),
        dropped=tuple(dropped),
    )


@dataclass(frozen=True)
class SavedMappings(Config):
    """Workspace section ``column_mappings``: mappings re-applied to the next exports.

    Parameters
    ----------
    mappings : tuple of ColumnMapping
        Newest first, one per header signature.
    """

    mappings: Annotated[tuple[ColumnMapping, ...], Spec(max_len=MAX_SAVED_MAPPINGS)] = ()

    SECTION = "column_mappings"


def mappings_to_section(mappings: Sequence[ColumnMapping]) -> dict[str, Any]:
    """Workspace section ``column_mappings`` for a list of saved mappings."""
    return SavedMappings(tuple(mappings)).to_dict()


def mappings_from_section(section: Mapping[str, Any] | None) -> tuple[ColumnMapping, ...]:
    """Inverse of :func:`mappings_to_section` (``None`` gives no mappings).

    Raises
    ------
    MoriError
        ``config.err.*`` naming the mapping and key that are invalid.
    """
    return SavedMappings.from_dict(section).mappings
