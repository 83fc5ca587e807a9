"""Column-mapping suggestion: which canonical column each header of an export is.

:func:`suggest_mapping` detects the tool and report type
(:func:`abm.ingest.detect.detect`, golden header sets), takes the table from
the report type or from the columns' meanings (:func:`abm.ingest.match.infer_table`),
and maps every header (:func:`abm.ingest.match.map_headers`: aliases, object
prefixes, units, near-misses). A mapping the user confirmed before is re-applied
to the next export with the same headers. :class:`ColumnMapping` is what a
file's mapping is, as kept in the workspace file.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pandas.api.types import is_string_dtype

from abm.core.config import Config, Invalid, Spec
from abm.errors import MoriError
from abm.ingest import aliases as A
from abm.ingest.convert import to_number
from abm.ingest.detect import Detection, detect
from abm.ingest.headers import normalise_header
from abm.ingest.match import FUZZY_CUTOFF, infer_table, map_headers
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

#: Most column mappings kept in the workspace (the app keeps the newest 50).
MAX_SAVED_MAPPINGS = 200
_ORIGINS = (None, "sales", "marketing")


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
    confirmed : bool
        Applied by the user (the Data page): saved, it is re-applied to the next export of
        its layout. An unconfirmed saved mapping (every upload saved its suggestion until
        2026-12-05) is re-applied only to an export whose report type today's rules do not
        recognise, so a better reading of a known report reaches old workspaces.
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
    confirmed: bool = False

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
    recognised: bool | None = None  # whether today's rules know the report (asked once)
    for m in saved:
        if table is not None and m.table != table:
            continue
        lookup = {normalise_header(r): c for r, c in m.columns}
        if m.signature == sig or norms <= set(lookup):
            if not m.confirmed:  # a suggestion saved at an upload: today's reading first
                if recognised is None:
                    recognised = bool(detect(headers).report)
                if recognised:
                    continue
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
    fits = _cells_fit(raw, table) if isinstance(raw, RawTable) else None
    cols, conf, dropped = map_headers(headers, table, vendor, fits=fits)
    if table == "leads" and isinstance(raw, RawTable):
        stage = _lifecycle_column(raw, cols, conf)
        dropped = [d for d in dropped if d[0] != stage]  # read now: not "left out"
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


#: Words of a header that may hold a lead's stage (normalised: :func:`normalise_header`).
_STAGE_WORDS = ("status", "stage", "lifecycle", "ステータス", "ステージ", "段階", "状況")
#: Lifecycle words a stage column names (normalised: :func:`abm.core.text.normalise_value`):
#: a sales status's words (Closed - Converted, Qualified, 訪問済…) may imply an SQL too, so
#: the stage is recognised by the lifecycle's own names.
_LIFECYCLE = frozenset(
    {
        "mql", "sql", "marketingqualifiedlead", "salesqualifiedlead", "marketingqualified",
        "salesqualified", "マーケティングクオリファイドリード", "セールスクオリファイドリード",
    }
)  # fmt: skip


def _lifecycle_column(
    raw: RawTable, cols: dict[str, str | None], conf: dict[str, float]
) -> str | None:
    """A lead file's stage column under a name no alias knows, found by its values.

    QA-I: a Marketo list had ``Lead Status`` (Open - Not Contacted, Closed - Converted…)
    and ``Person Status`` (Inquiry, MQL, SQL); the first was the status, the second left
    out, so the funnel never saw the MQLs. When no column is the current stage, an unused
    column whose header speaks of a status or stage and whose values are stage words
    (:data:`abm.funnel.vocab.VOCABULARY`), one of them an MQL or SQL, is — at a lower
    confidence than a known name, so the Data page shows it to check. Returns its header.
    """
    if "current_stage" in cols.values():
        return None
    from abm.core.text import normalise_value
    from abm.funnel.vocab import VOCABULARY

    for h, col in cols.items():
        norm = normalise_header(h)
        if (
            col is not None
            or h not in raw.frame.columns
            or not any(w in norm for w in _STAGE_WORDS)
        ):
            continue
        if not is_string_dtype(raw.frame[h].dtype):
            continue
        counts = raw.frame[h].dropna().str.strip().value_counts()
        counts = counts[counts.index != ""]
        if not len(counts):
            continue
        top = counts.head(_SAMPLE)  # the cells of other values count as unknown words
        words = [normalise_value(v) for v in top.index]
        known = sum(n for n, w in zip(top.to_numpy(), words, strict=True) if w in VOCABULARY)
        if known >= 0.9 * counts.sum() and any(w in _LIFECYCLE for w in words):
            cols[h], conf[h] = "current_stage", 0.7
            return h
    return None


#: Cells a number column is judged by (the first non-empty ones).
_SAMPLE = 200


def _cells_fit(raw: RawTable, table: str) -> Callable[[str, str, float], bool]:
    """Whether a header may take a column: not a header only like a number column's name
    whose cells hold no numbers (QA-E: an event list's ``Session`` — Keynote, Workshop —
    read as web visits at 84%), nor one only like the activity kind's whose cells are all
    numbers (a code, not a kind). Judged before the columns are shared out, so a rival
    header keeps the column (:func:`abm.ingest.match.map_headers`).

    Only names matched loosely (confidence under 1) are judged: a known export's own
    header keeps its column, whatever the cells. Most of the first non-empty cells must
    read as a number or a band (``2,000名以上``).
    """
    spec = TABLES[table]

    def fits(h: str, col: str, conf: float) -> bool:
        if conf >= 1.0 or col not in spec.names or h not in raw.frame.columns:
            return True
        kind = spec.column(col).kind
        codes = col == "activity_type"  # a loose name for the kind: not a column of numbers
        if not (codes or kind in ("int", "float", "money")):
            return True
        if not is_string_dtype(raw.frame[h].dtype):
            return True  # (a database's typed column holds its values already)
        cells = raw.frame[h].dropna()
        cells = cells[cells.str.strip() != ""].head(_SAMPLE)
        if codes:  # Account Engagement's numeric "type" beside its typeName (review)
            return not (len(cells) and bool(cells.str.fullmatch(r"\s*\d+\s*").all()))
        return not (len(cells) and to_number(cells.reset_index(drop=True), kind)[1].mean() > 0.5)

    return fits


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
