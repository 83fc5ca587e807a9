"""One load of data as a stored snapshot: the files as read, the data as loaded and as cleaned.

A snapshot keeps what reopening needs without recomputing anything:

* the **cleaned** dataset (:func:`abm.pipeline.prepare`: 名寄せ applied, rows
  linked) — the store's dataset tables — and the cleaning ledger
  (:class:`abm.resolve.CleanResult`: kept, merged, excluded, review…);
* the dataset **as loaded** (before cleaning), so a changed rule or review
  decision cleans the same rows again. A loaded table whose rows are the
  cleaned table's (the activities, the opportunities; the leads when cleaning
  removed nobody) is stored as its difference from it (:func:`loaded_delta`):
  the columns cleaning left alone are not stored twice, a column it changed on
  a few rows (a merged person's activities) keeps only those rows. A log of
  ten million activities is then stored and read back once, not twice;
* the **files as read** (:class:`abm.ingest.RawTable` with its mapping), so the
  data page can still correct a mapping; their columns are stored by
  position (``c0``, ``c1``…: DuckDB column names ignore case, headers do
  not) and read only when asked;
* the cleaned data's activity table (:mod:`abm.engine.table`: each activity's
  lead, kind and result), so the pages' engagement is not computed again;
* how each file was read (:class:`abm.dataset.SourceReport`) — file names,
  row counts, mappings, issue counts, never a cell value.

:func:`encode` turns a :class:`Snapshot` into what :func:`abm.engine.store.save`
takes (every frame's index kept as the column :data:`INDEX`) plus a JSON
description; :func:`decode` is its inverse. Pure: no I/O here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from abm.dataset import Dataset, SourceReport
from abm.settings import Workspace

__all__ = [
    "ACTIVITY_TABLE",
    "FORMAT_VERSION",
    "INDEX",
    "Snapshot",
    "aggregate_names",
    "cleaned",
    "cleaned_with",
    "decode",
    "decode_parts",
    "encode",
    "left_out_names",
    "loaded_delta",
    "rules_set",
    "source_rows",
]

#: Version of the description :func:`encode` writes.
FORMAT_VERSION = 1
#: Column holding a stored frame's index.
INDEX = "_mori_index"
#: Aggregate holding the cleaned data's activity table (:meth:`ActivityTable.to_frame`).
ACTIVITY_TABLE = "activity_table"
_TABLES = ("leads", "activities", "opportunities", "accounts")
_CLEAN = (
    "kept", "merged", "excluded", "accounts", "review", "hygiene_review", "account_rows",
    "excluded_accounts",
)  # fmt: skip
_FRAMES = ("issues", "outcomes", "phases")
#: Column of a patch frame holding the row's position in its table.
POSITION = "_mori_pos"
#: Share of rows above which a changed column is stored whole rather than patched.
_PATCH_SHARE = 0.5


@dataclass(frozen=True)
class Snapshot:
    """One load of data, as stored and reopened.

    Attributes
    ----------
    loaded : Dataset
        The dataset as loaded (before cleaning).
    prepared : abm.pipeline.Prepared
        The cleaned dataset and its ledger.
    parts : tuple of (RawTable, ColumnMapping)
        The files as read and their mappings (empty when not read back).
    settings : Workspace
        The workspace settings the data was cleaned with.
    label : str
        What was loaded (file names, "demo").
    as_of : pandas.Timestamp or None
        The data's own as-of date (its latest event, :meth:`Dataset.as_of_default`).
    demo : bool
        Whether this is the bundled demo, saved on request.
    activity_table : abm.engine.table.ActivityTable or None
        The cleaned data's activity table (built when saving if not given;
        stored, so a comparison or a page does not build it again).
    rules : str or None
        :data:`abm.pipeline.RULES_VERSION` of the rules that read and cleaned the
        data (``None`` when read back: stored before 2026-12-05, when snapshots did not
        say; ``""`` kept for such a snapshot stored again in its place). :func:`encode`
        writes the current version when not given (``None``).
    """

    loaded: Dataset
    prepared: Any
    parts: tuple[tuple[Any, Any], ...] = ()
    settings: Workspace = field(default_factory=Workspace)
    label: str = ""
    as_of: pd.Timestamp | None = None
    demo: bool = False
    activity_table: Any = None
    rules: str | None = None


def _indexed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reset_index(names=INDEX) if INDEX not in frame.columns else frame


def _unindexed(frame: pd.DataFrame) -> pd.DataFrame:
    if INDEX not in frame.columns:
        return frame
    return frame.set_index(INDEX).rename_axis(None)


def _records(frame: pd.DataFrame | None) -> dict[str, Any]:
    frame = pd.DataFrame() if frame is None else frame
    data = frame.astype(object).where(frame.notna(), None) if len(frame) else frame
    return {"columns": [str(c) for c in frame.columns], "rows": data.to_numpy().tolist()}


def _frame(doc: dict[str, Any] | None) -> pd.DataFrame:
    if not doc:
        return pd.DataFrame()
    return pd.DataFrame(doc.get("rows", []), columns=doc.get("columns", []))


def _source(src: SourceReport) -> dict[str, Any]:
    """A file's report for the description: counts and codes only. Its rows left out
    (cells: possibly a million of them) are an aggregate of their own (:func:`_left_out`);
    the description keeps their column names."""
    out: dict[str, Any] = {}
    for f in fields(SourceReport):
        value = getattr(src, f.name)
        if f.name == "left_out":
            out[f.name] = [str(c) for c in value.columns] if len(value) else None
            continue
        out[f.name] = _records(value) if f.name in _FRAMES else value
    return out


def _unsource(doc: dict[str, Any], left_out: pd.DataFrame | None = None) -> SourceReport:
    names = {f.name for f in fields(SourceReport)}
    kept = {k: v for k, v in doc.items() if k in names}
    for name in _FRAMES:
        kept[name] = _frame(kept.get(name))
    kept["left_out"] = _left_in(left_out, doc.get("left_out"))
    return SourceReport(**kept)


def _left_out(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows left out as an aggregate: columns ``c0…`` (a file's headers may be anything)."""
    return _indexed(frame.set_axis([f"c{j}" for j in range(frame.shape[1])], axis=1))


def _left_in(frame: pd.DataFrame | None, columns: Any) -> pd.DataFrame:
    """:func:`_left_out` undone (empty when nothing was stored, or stored before 2026-12-07)."""
    if frame is None or not isinstance(columns, list):
        return pd.DataFrame()
    return _unindexed(frame).set_axis([str(c) for c in columns], axis=1)


def _read_left_out(
    aggregates: dict[str, pd.DataFrame], description: dict[str, Any]
) -> dict[str, list[pd.DataFrame]]:
    """Each file's rows the read itself left out (footers and totals:
    :attr:`abm.ingest.RawTable.left_out`), from its source's stored rows, in upload order
    per file name — so a file read again from a snapshot still lists them."""
    from abm.ingest.read import READ_LEFT_OUT

    out: dict[str, list[pd.DataFrame]] = {}
    for i, doc in enumerate(description.get("sources", [])):
        rows = _left_in(aggregates.get(_left_out_key(i)), doc.get("left_out"))
        if len(rows):
            rows = rows[rows["check"].isin(READ_LEFT_OUT)].reset_index(drop=True)
        out.setdefault(str(doc.get("file")), []).append(rows)
    return out


def _next_left_out(read_out: dict[str, list[pd.DataFrame]], file: str) -> pd.DataFrame:
    """The next stored rows of a file of this name (empty when there are none)."""
    found = read_out.get(file)
    return found.pop(0) if found else pd.DataFrame()


def _left_out_key(i: int) -> str:
    """The aggregate of source ``i``'s rows left out."""
    return f"left_out_{i}"


def left_out_names(description: dict[str, Any]) -> list[str]:
    """The aggregates holding the sources' rows left out (:func:`encode`).

    Parameters
    ----------
    description : dict
        A snapshot's description.

    Returns
    -------
    list of str
    """
    return [
        _left_out_key(i)
        for i, s in enumerate(description.get("sources", []))
        if isinstance(s.get("left_out"), list)
    ]


def source_rows(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``file``, ``table``, ``rows`` of each source in a description (what a listing shows)."""
    return [{"file": s["file"], "table": s["table"], "rows": int(s["rows"])} for s in sources]


def _patchable(dtype: Any) -> bool:
    """Dtypes whose ``==`` and ``isna`` tell every stored value apart (no NaN beside NA)."""
    if isinstance(dtype, pd.StringDtype | pd.BooleanDtype):
        return True
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return dtype.kind in "iu"  # Int64…: NA is the only missing value
    return dtype.kind in "iubM"


def _differs(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Where ``a`` and ``b`` (same length and dtype) hold different values (NA equals NA)."""
    na_a, na_b = a.isna().to_numpy(dtype=bool), b.isna().to_numpy(dtype=bool)
    same = a.array == b.array
    same = np.asarray(pd.array(same, dtype="boolean").fillna(False), dtype=bool)
    return ~((same & ~na_a & ~na_b) | (na_a & na_b))


def loaded_delta(
    loaded: pd.DataFrame, base: pd.DataFrame | None
) -> tuple[dict[str, Any], pd.DataFrame | None, pd.DataFrame | None] | None:
    """``loaded`` as its difference from ``base`` (the same table cleaned), or ``None``.

    Only when both have the same index (the same rows in the same order).
    Each column is *same* (equal in ``base``: not stored), *patched* (differs
    on at most half the rows: those rows are stored, with their positions) or
    *own* (stored whole: missing from ``base``, another dtype, or changed on
    most rows).

    Returns
    -------
    (dict, pandas.DataFrame or None, pandas.DataFrame or None) or None
        The description (``columns``, ``own``, ``patched``), the own columns
        and the patch (:data:`POSITION` and the patched columns' values).
    """
    if base is None or not loaded.index.equals(base.index) or loaded.columns.has_duplicates:
        return None
    own: list[str] = []
    patched: list[str] = []
    rows = np.zeros(len(loaded), dtype=bool)
    for c in loaded.columns:
        a = loaded[c]
        b = base[c] if c in base.columns else None
        if b is None or isinstance(b, pd.DataFrame) or a.dtype != b.dtype:
            own.append(c)
        elif a.equals(b):
            continue
        elif not _patchable(a.dtype):
            own.append(c)
        else:
            diff = _differs(a, b)
            if diff.sum() > _PATCH_SHARE * len(diff):
                own.append(c)
            else:
                patched.append(c)
                rows |= diff
    own_frame = loaded[own].reset_index(drop=True) if own else None
    patch = None
    if patched:
        at = np.flatnonzero(rows)
        patch = loaded.iloc[at][patched].reset_index(drop=True)
        patch.insert(0, POSITION, at.astype(np.int64))
    doc = {"columns": [str(c) for c in loaded.columns], "own": own, "patched": patched}
    return doc, own_frame, patch


def _undelta(
    doc: dict[str, Any], base: pd.DataFrame, own: pd.DataFrame | None, patch: pd.DataFrame | None
) -> pd.DataFrame:
    """:func:`loaded_delta`'s table back from ``base`` (not modified)."""
    own_cols, patched = set(doc["own"]), set(doc["patched"])
    same = [c for c in doc["columns"] if c not in own_cols and c not in patched]
    out = base[same]  # copy-on-write: nothing is copied
    extra: dict[str, Any] = {}
    for c in doc["own"]:
        assert own is not None
        extra[c] = pd.Series(own[c].array, index=base.index, name=c)
    if patched:
        assert patch is not None
        at = patch[POSITION].to_numpy(dtype=np.int64)
        for c in doc["patched"]:
            col = base[c].copy()
            col.iloc[at] = patch[c].array
            extra[c] = col
    if extra:
        out = pd.concat([out, pd.DataFrame(extra, index=base.index)], axis=1)
    return out[doc["columns"]]


def aggregate_names(description: dict[str, Any], *, parts: bool = False) -> list[str]:
    """The aggregates :func:`decode` reads for ``description`` (the files as read if ``parts``).

    The activity table is not among them: it is optional (built again when absent).
    """
    delta = description.get("delta", {})
    out = []
    for k in description.get("loaded", []):
        if k not in delta:
            out.append(f"loaded_{k}")
            continue
        if delta[k]["own"]:
            out.append(f"loaded_{k}")
        if delta[k]["patched"]:
            out.append(f"loaded_{k}_patch")
    out += [f"clean_{k}" for k in description.get("clean", [])]
    out += left_out_names(description)
    if parts:
        out += [f"raw_{i}" for i in range(len(description.get("parts", [])))]
    return out


def encode(snap: Snapshot) -> tuple[Dataset, dict[str, pd.DataFrame], dict[str, Any]]:
    """``(dataset, aggregates, description)`` for :func:`abm.engine.store.save`.

    Frames are not modified (copies carry the index column).
    """
    prepared, clean = snap.prepared.dataset, snap.prepared.clean
    dataset = Dataset(**{k: _indexed(v) for k, v in prepared.tables().items()})
    aggs: dict[str, pd.DataFrame] = {}
    delta: dict[str, Any] = {}
    cleaned_tables = prepared.tables()
    for name, frame in snap.loaded.tables().items():
        found = loaded_delta(frame, cleaned_tables.get(name))
        if found is None:
            aggs[f"loaded_{name}"] = _indexed(frame)
            continue
        delta[name], own, patch = found
        if own is not None:
            aggs[f"loaded_{name}"] = own
        if patch is not None:
            aggs[f"loaded_{name}_patch"] = patch
    kept_is_leads = clean.kept is prepared.leads
    present = []
    for name in _CLEAN:
        frame = getattr(clean, name)
        if frame is None or (name == "kept" and kept_is_leads):
            continue
        aggs[f"clean_{name}"] = _indexed(frame)
        present.append(name)
    table = snap.activity_table
    if table is None and prepared.activities is not None:
        from abm.engine.table import build_activity_table

        table = build_activity_table(prepared.leads, prepared.activities)
    if table is not None:
        aggs[ACTIVITY_TABLE] = table.to_frame()
    for i, src in enumerate(snap.loaded.sources):
        if len(src.left_out):
            aggs[_left_out_key(i)] = _left_out(src.left_out)
    parts = []
    for i, (raw, mapping) in enumerate(snap.parts):
        cols = [str(c) for c in raw.frame.columns]
        aggs[f"raw_{i}"] = _indexed(raw.frame.set_axis([f"c{j}" for j in range(len(cols))], axis=1))
        parts.append({
            "file": raw.file, "encoding": raw.encoding, "delimiter": raw.delimiter,
            "header_row": raw.header_row, "sheet": raw.sheet, "sheets": list(raw.sheets),
            "first_data_row": raw.first_data_row, "columns": cols,
            "issues": _records(raw.issues), "mapping": mapping.to_dict(),
        })  # fmt: skip
    from abm.pipeline import RULES_VERSION

    description = {
        "version": FORMAT_VERSION,
        "rules": RULES_VERSION if snap.rules is None else snap.rules,
        "label": snap.label,
        "as_of": None if snap.as_of is None else pd.Timestamp(snap.as_of).isoformat(),
        "demo": bool(snap.demo),
        "loaded": sorted(snap.loaded.tables()),
        "delta": delta,
        "clean": present,
        "kept_is_leads": kept_is_leads,
        "summary": clean.summary,
        "exclusion_rules": None if clean.rules is None else clean.rules.to_dict(),
        # the user's own rules, before the people completed the lists (stores from before
        # 2026-12-07 have only the completed ones: :func:`rules_set`)
        "exclusion_rules_set": _rules_set_out(clean),
        "sources": [_source(s) for s in prepared.sources],
        "parts": parts,
        "day_counts": _day_counts_out(snap.loaded),
    }
    return dataset, aggs, description


def _day_counts_out(loaded: Dataset) -> dict[str, Any] | None:
    """The loaded dataset's date cells per day (the default as-of date is read from them),
    stored so that a reopening does not scan every timestamp again."""
    found = loaded.day_counts()
    if found is None:
        return None
    first, offsets, counts = found
    return {"first": int(first), "offsets": offsets.tolist(), "counts": counts.tolist()}


def _day_counts_in(described: Any) -> tuple[int, np.ndarray, np.ndarray]:
    """:func:`_day_counts_out`'s counts back (a malformed entry raises)."""
    first = int(described["first"])
    offsets = np.asarray(described["offsets"], dtype=np.int64)
    counts = np.asarray(described["counts"], dtype=np.int64)
    if offsets.shape != counts.shape or offsets.ndim != 1:
        raise ValueError("day counts do not line up")
    return first, offsets, counts


def cleaned_with(description: dict[str, Any]) -> Any:
    """The exclusion rules a stored snapshot was cleaned with (its description's), lists as
    the people completed them; ``None`` when the store does not say.

    Parameters
    ----------
    description : dict
        A snapshot's JSON description (:attr:`abm.workspace.SnapshotInfo.description`).

    Returns
    -------
    abm.resolve.ExclusionRules or None
    """
    return _learned(description.get("exclusion_rules"))


def rules_set(description: dict[str, Any]) -> Any:
    """The user's own exclusion rules a stored snapshot was cleaned with (its description's),
    before the people completed the lists; ``None`` when the store does not say (stored
    before 2026-12-07: :func:`cleaned_with` has the completed lists only).

    Parameters
    ----------
    description : dict
        A snapshot's JSON description (:attr:`abm.workspace.SnapshotInfo.description`).

    Returns
    -------
    abm.resolve.ExclusionRules or None
    """
    return _learned(description.get("exclusion_rules_set"))


def _rules_set_out(clean: Any) -> dict[str, Any] | None:
    """``clean``'s own rules (:attr:`abm.resolve.CleanResult.rules_set`) for the description."""
    found = getattr(clean, "rules_set", None)
    return None if found is None else found.to_dict()


def _learned(stored: Any) -> Any:
    """The exclusion rules a snapshot was cleaned with, lists as the people completed them
    (:attr:`abm.resolve.CleanResult.rules`); ``None`` for a store from before they were kept
    or one that does not read (the accounts page then judges by the saved lists)."""
    from abm.errors import MoriError
    from abm.resolve import ExclusionRules

    if not isinstance(stored, dict):
        return None
    try:
        return ExclusionRules.from_dict(stored)
    except (MoriError, TypeError, ValueError):
        return None


def decode(
    dataset: Dataset, aggregates: dict[str, pd.DataFrame], description: dict[str, Any],
    settings: Workspace,
) -> Snapshot:  # fmt: skip
    """The :class:`Snapshot` :func:`encode` described (parts only if their frames were read)."""
    from abm.pipeline import Prepared
    from abm.resolve import CleanResult

    sources = tuple(
        _unsource(s, aggregates.get(_left_out_key(i)))
        for i, s in enumerate(description.get("sources", []))
    )
    prepared_ds = cleaned(dataset, description)
    delta = description.get("delta", {})
    tables = prepared_ds.tables()
    loaded = Dataset(
        **{
            k: _unindexed(aggregates[f"loaded_{k}"]) if k not in delta else _undelta(
                delta[k], tables[k], aggregates.get(f"loaded_{k}"),
                aggregates.get(f"loaded_{k}_patch"),
            )
            for k in description.get("loaded", [])
        },
        sources=sources,
    )  # fmt: skip
    if description.get("day_counts") is not None:  # stores from before 2026-12-03 have none
        with contextlib.suppress(KeyError, TypeError, ValueError):  # else counted when asked
            loaded.with_day_counts(_day_counts_in(description["day_counts"]))
    clean_frames: dict[str, Any] = {name: None for name in _CLEAN}
    for name in description.get("clean", []):
        clean_frames[name] = _unindexed(aggregates[f"clean_{name}"])
    if description.get("kept_is_leads"):
        clean_frames["kept"] = prepared_ds.leads
    _headed(clean_frames)
    clean = CleanResult(
        summary=dict(description.get("summary", {})),
        rules=_learned(description.get("exclusion_rules")),
        rules_set=rules_set(description),
        **clean_frames,
    )
    as_of = description.get("as_of")
    return Snapshot(
        loaded=loaded,
        prepared=Prepared(dataset=prepared_ds, clean=clean),
        parts=decode_parts(aggregates, description),
        settings=settings,
        label=str(description.get("label", "")),
        as_of=None if as_of is None else pd.Timestamp(as_of),
        demo=bool(description.get("demo", False)),
        activity_table=activity_table(aggregates, prepared_ds),
        rules=description.get("rules"),
    )


def _headed(clean_frames: dict[str, Any]) -> None:
    """Give the people to check and the excluded accounts-file rows their columns when a
    store has none (a snapshot stored before they existed, or one that stored an empty,
    column-less frame for them): an empty group's download still has its header row."""
    from abm.resolve.clean import no_excluded_accounts

    accounts = clean_frames["excluded_accounts"]
    if accounts is None or not len(accounts.columns):
        clean_frames["excluded_accounts"] = no_excluded_accounts()
    review, kept = clean_frames["hygiene_review"], clean_frames["kept"]
    if review is None or not len(review.columns):
        empty = pd.DataFrame() if kept is None else kept.iloc[:0]
        clean_frames["hygiene_review"] = empty.assign(review_reason=pd.Series(dtype="string"))


def activity_table(aggregates: dict[str, pd.DataFrame], cleaned: Dataset) -> Any:
    """The stored activity table against ``cleaned`` (``None`` when none was stored)."""
    frame = aggregates.get(ACTIVITY_TABLE)
    if frame is None or cleaned.activities is None:
        return None
    from abm.engine.table import ActivityTable

    try:
        return ActivityTable.from_frame(_unindexed(frame), cleaned.leads, cleaned.activities)
    except ValueError:  # does not line up: built again by whoever needs it
        return None


def cleaned(dataset: Dataset, description: dict[str, Any]) -> Dataset:
    """The cleaned dataset as stored: its frames' indexes back, its sources described."""
    sources = tuple(_unsource(s) for s in description.get("sources", []))
    return Dataset(**{k: _unindexed(v) for k, v in dataset.tables().items()}, sources=sources)


def decode_parts(
    aggregates: dict[str, pd.DataFrame], description: dict[str, Any]
) -> tuple[tuple[Any, Any], ...]:
    """The files as read and their mappings (empty unless every ``raw_<i>`` frame was read)."""
    from abm.ingest import ColumnMapping
    from abm.ingest.read import RawTable

    docs = description.get("parts", [])
    if any(f"raw_{i}" not in aggregates for i in range(len(docs))):
        return ()
    read_out = _read_left_out(aggregates, description)
    out = []
    for i, doc in enumerate(docs):
        frame = _unindexed(aggregates[f"raw_{i}"]).set_axis(doc["columns"], axis=1)
        raw = RawTable(
            file=doc["file"], frame=frame, encoding=doc["encoding"], delimiter=doc["delimiter"],
            header_row=int(doc["header_row"]), sheet=doc["sheet"], sheets=tuple(doc["sheets"]),
            issues=_frame(doc["issues"]), first_data_row=int(doc["first_data_row"]),
            left_out=_next_left_out(read_out, str(doc["file"])),
        )  # fmt: skip
        out.append((raw, ColumnMapping.from_dict(doc["mapping"], section="column_mappings")))
    return tuple(out)
