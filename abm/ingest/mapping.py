"""Column-mapping suggestion: which canonical column each header of an export is.

The tool and report type come from :func:`abm.ingest.detect.detect` (golden
header sets). Headers are normalised (NFKC, case-folded, spaces
``_ - . ・ :`` removed) and looked up in the alias vocabulary of
:mod:`abm.ingest.aliases`, the tool's own entries first:

1. exact alias → confidence 1.0 (a tool's entry may say less, so that a
   better column of the same export wins);
2. a header naming a related object (``取引先責任者: メール``, ``Contact:
   Email``, ``Opportunity.StageName``, ``取引先責任者 所有者``; see
   :func:`abm.ingest.headers.split_object`): the field is looked up in the
   table's own vocabulary when the object is the table's own, else in what
   the table keeps of that object (:data:`abm.ingest.aliases.FOREIGN`:
   ``取引先: 取引先名`` is the company of an activity, ``取引先責任者: 氏名``
   its contact's name); exact → 1.0 (0.95 after a space-only prefix). A
   related object's field that the table does not keep is ignored, never
   fuzzy-matched;
3. alias after dropping a trailing bracketed unit such as ``（百万円）`` → 0.95;
4. the closest alias by ``rapidfuzz.fuzz.ratio`` at or above
   :data:`FUZZY_CUTOFF` → ``0.9 × score/100``.

A canonical column is never given to two raw columns: the higher confidence
(then the leftmost) wins and the other is recorded in ``dropped``.
"""

from __future__ import annotations

import dataclasses
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
from abm.ingest.detect import Detection, detect, lifecycle_header
from abm.ingest.headers import normalise_header, split_object
from abm.ingest.read import RawTable
from abm.ingest.signatures import REPORTS
from abm.schema import TABLES

__all__ = [
    "FUZZY_CUTOFF",
    "ColumnMapping",
    "SavedMappings",
    "detect_vendor",
    "header_signature",
    "infer_table",
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
_ORIGINS = (None, "sales", "marketing")
_SLASHES = re.compile(r"[/>／＞]")  # separators normalise_header keeps (``state/region``)
_Hit = tuple[str | None, float]


@lru_cache(maxsize=64)
def _table_aliases(vendor: str, table: str) -> dict[str, _Hit]:
    out: dict[str, _Hit] = {}
    for canon, names in A.COMMON[table].items():
        for name in names:
            out.setdefault(normalise_header(name), (canon, 1.0))
    for name, canon in A.VENDOR.get(vendor, {}).get(table, {}).items():
        out[normalise_header(name)] = canon if isinstance(canon, tuple) else (canon, 1.0)
    return out


@lru_cache(maxsize=1)
def _readings() -> frozenset[str]:
    return frozenset(normalise_header(w) for w in A.READINGS)


@lru_cache(maxsize=16)
def _foreign_aliases(table: str, obj: str) -> dict[str, _Hit]:
    out: dict[str, _Hit] = {}
    for canon, names in A.FOREIGN[table].get(obj, {}).items():
        for name in names:
            out.setdefault(normalise_header(name), (canon, 1.0))
    return out


def header_signature(headers: Sequence[str]) -> str:
    """Stable hash of the normalised header set (order and spelling variants ignored)."""
    joined = "\x1f".join(sorted({normalise_header(h) for h in headers}))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def detect_vendor(headers: Sequence[str]) -> str:
    """Guess the tool that wrote an export from its headers.

    Returns
    -------
    str
        The tool of :func:`abm.ingest.detect.detect`: the golden header set
        that fits best, else the vendor with most marker headers (ties: order
        of :data:`abm.ingest.aliases.VENDORS`), else ``"generic_ja"`` when a
        header is Japanese, else ``"generic"``.
    """
    return detect(headers).vendor


def _exact(norm: str, lookup: Mapping[str, _Hit], unit_conf: float = 0.95) -> _Hit | None:
    if norm in lookup:
        return lookup[norm]
    bare = _UNIT.sub("", norm)
    if bare and bare != norm and bare in lookup:
        canon, conf = lookup[bare]
        return canon, min(conf, unit_conf)
    return None


def _by_object(header: str, table: str, vendor: str) -> _Hit | None:
    """Resolve ``Object: Field`` (``None`` when the header names no object).

    The first candidate whose field is known wins; otherwise a near-miss of the
    own object's field, else ``(None, 0)``: a related object's unkept field is
    ignored and a prefixed header is never fuzzy-matched as a whole.
    """
    parts = split_object(header)
    own = A.OWN_OBJECT[table]
    if parts and parts[0][0] == own:  # ``Opportunity／Name`` reads as ``Opportunity: Name``
        hit = _table_aliases(vendor, table).get(normalise_header(_SLASHES.sub("", header)))
        if hit is not None:
            return hit
    for obj, field, explicit in parts:
        lookup = _table_aliases(vendor, table) if obj == own else _foreign_aliases(table, obj)
        hit = _exact(normalise_header(field), lookup)
        if hit is not None:
            return hit[0], hit[1] if explicit else min(hit[1], 0.95)
    if not parts:
        return None
    if parts[0][0] == own:  # a near-miss of the field, never of the whole header
        return _fuzzy(normalise_header(parts[0][1]), _table_aliases(vendor, table))
    return None, 0.0


def _fuzzy(norm: str, lookup: Mapping[str, _Hit]) -> _Hit:
    if len(norm) >= 3:
        best = process.extractOne(norm, list(lookup), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None and lookup[best[0]][0] is not None:
            return lookup[best[0]][0], round(0.9 * best[1] / 100.0, 3)
    return None, 0.0


def _match_one(header: str, table: str, vendor: str) -> _Hit:
    norm = normalise_header(header)
    if table == "leads":
        phrase = lifecycle_header(norm)
        if phrase is not None:
            return A.LIFECYCLE_STAGE_DATES.get(phrase, (None, 0.0))
    lookup = _table_aliases(vendor, table)
    if norm in lookup:
        return lookup[norm]
    unit = _UNIT.search(norm)
    if unit is not None and unit.group()[1:-1] in _readings():
        return None, 0.0
    hit = _by_object(header, table, vendor) or _exact(norm, lookup)
    return hit if hit is not None else _fuzzy(norm, lookup)


def _map_headers(
    headers: Sequence[str], table: str, vendor: str
) -> tuple[dict[str, str | None], dict[str, float], list[tuple[str, str]]]:
    found = [(h, *_match_one(h, table, vendor)) for h in headers]
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


#: When one object prefixes most columns, it names the row: most specific first.
_GRAIN = ("activity", "opportunity", "person", "account")
_TABLE_OF = {obj: table for table, obj in A.OWN_OBJECT.items()}


def infer_table(headers: Sequence[str], vendor: str = "generic") -> str:
    """The canonical table an export's rows belong to, from its columns' meanings alone.

    No golden header set is used (that is :func:`~abm.ingest.detect.detect`'s
    job): this is the rule for an export no signature knows.

    1. When explicit object prefixes (``Opportunity: …``, ``商談: …``) label
       at least half of the columns, the most frequent object is the row
       (ties: activity, opportunity, person, account).
    2. A date and an activity type → activities.
    3. A stage with an amount, a close date, a won/closed flag or a deal
       id/name; or an amount with a deal id/name/close date → opportunities.
    4. No column that only a person has (e-mail, first/last name, a name
       labelled as a person's — a bare ``Name`` is the record's own name),
       a company or domain, and at least as many columns as for leads →
       accounts.
    5. Otherwise leads.

    Parameters
    ----------
    headers : sequence of str
    vendor : str
        Tool whose own aliases apply.

    Returns
    -------
    str
    """
    objects: dict[str, int] = {}
    for h in headers:
        parts = split_object(h)
        if parts and parts[0][2]:
            objects[parts[0][0]] = objects.get(parts[0][0], 0) + 1
    if objects and 2 * sum(objects.values()) >= len(headers):
        grain = max(_GRAIN, key=lambda o: (objects.get(o, 0), -_GRAIN.index(o)))
        return _TABLE_OF[grain]
    mapped = {t: _map_headers(headers, t, vendor)[0] for t in TABLES}
    by_table = {t: {c for c in m.values() if c} for t, m in mapped.items()}
    act, opp = by_table["activities"], by_table["opportunities"]
    if {"timestamp", "activity_type"} <= act:
        return "activities"
    deal = {"opportunity_id", "opportunity_name", "close_date", "is_won", "is_closed"}
    if ("stage" in opp and opp & (deal | {"amount"})) or ("amount" in opp and opp & deal):
        return "opportunities"
    accounts = by_table["accounts"]
    ambiguous = {normalise_header(n) for n in A.AMBIGUOUS_NAMES}
    person = {
        c
        for h, c in mapped["leads"].items()
        if c in A.PERSON_COLUMNS and not (c == "full_name" and normalise_header(h) in ambiguous)
    }
    named = {c for h, c in mapped["leads"].items() if c and normalise_header(h) not in ambiguous}
    if not person and accounts & {"company", "domain"} and len(accounts) >= len(named):
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
    report : str
        Detected report type (:data:`abm.ingest.signatures.REPORTS`; ``""``
        when no golden header set fits).
    origin : {None, "sales", "marketing"}
        Origin of every activity of the file (activities only): set from the
        report type (a CRM activity report is ``"sales"``, an MA activity log
        ``"marketing"``) and editable; a column mapped to ``origin`` wins
        where it has a value.
    detected : float
        Confidence of the tool/report detection in [0, 1].
    """

    table: Annotated[str, Spec(choices=tuple(TABLES))]
    vendor: Annotated[str, Spec(choices=A.VENDORS)]
    columns: Annotated[tuple[tuple[str, str | None], ...], Spec(unique=True)]
    confidence: Annotated[tuple[tuple[str, float], ...], Spec(min=0, max=1)] = ()
    signature: str = ""
    dropped: tuple[tuple[str, str], ...] = ()
    report: Annotated[str, Spec(choices=REPORTS)] = ""
    origin: Annotated[str | None, Spec(choices=_ORIGINS)] = None
    detected: Annotated[float, Spec(min=0, max=1)] = 0.0

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
        return dataclasses.replace(self, columns=cols, confidence=conf)


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
            return ColumnMapping(
                m.table, m.vendor, cols, conf, sig, (), m.report, m.origin, m.detected
            )
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
        Force the canonical table. When omitted: the table of the detected
        report type (:func:`~abm.ingest.detect.detect`), else the one the
        columns' meanings give (:func:`infer_table`).
    saved : sequence of ColumnMapping
        Mappings the user confirmed before. The first whose signature equals
        this export's, or whose headers cover all of this export's headers,
        wins with confidence 1.0.

    Returns
    -------
    ColumnMapping
        With the detected tool, report type and confidence; for activities,
        the origin the report type implies (when the table is the report's).
    """
    headers = _headers_of(raw)
    if table is not None and table not in TABLES:
        raise MoriError("ingest.err.bad_mapping")
    hit = _from_saved(headers, saved, table)
    if hit is not None:
        return hit
    found: Detection = detect(headers)
    vendor = found.vendor
    if table is None:
        table = found.table or infer_table(headers, vendor)
    cols, conf, dropped = _map_headers(headers, table, vendor)
    return ColumnMapping(
        table=table,
        vendor=vendor,
        columns=tuple((h, cols[h]) for h in headers),
        confidence=tuple((h, conf[h]) for h in headers),
        signature=header_signature(headers),
        dropped=tuple(dropped),
        report=found.report,
        origin=found.origin if table == found.table == "activities" else None,
        detected=found.confidence,
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
