"""The loaded workspace data: canonical tables plus how each file was read."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Dataset", "SourceReport"]


@dataclass(frozen=True)
class SourceReport:
    """How one uploaded file was read and mapped.

    Parameters
    ----------
    file : str
        File name as uploaded.
    table : str
        Canonical table it was mapped to.
    vendor : str
        Detected vendor (``"bownow"``, ``"salesforce"``, ``"hubspot"``,
        ``"pardot"``, ``"marketo"``, ``"satori"``, ``"generic_ja"``,
        ``"generic"``).
    encoding : str
        Detected encoding (``"cp932"``, ``"utf-8-sig"``, ``"xlsx"``…).
    rows : int
        Data rows read.
    header_row : int
        1-based line of the header (title rows above it were skipped).
    mapping : dict
        Raw header -> canonical column (``None`` for ignored columns).
    confidence : dict
        Raw header -> mapping confidence in [0, 1].
    issues : pandas.DataFrame
        Problems found while reading/converting: columns ``file, row, column,
        check, count, message_key`` — no cell values.
    """

    file: str
    table: str
    vendor: str
    encoding: str
    rows: int
    header_row: int
    mapping: dict[str, str | None] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    issues: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def mapping_quality(self) -> float:
        """Mean confidence over mapped columns (0 when nothing is mapped)."""
        vals = [self.confidence.get(k, 0.0) for k, v in self.mapping.items() if v]
        return float(sum(vals) / len(vals)) if vals else 0.0


@dataclass(frozen=True)
class Dataset:
    """Canonical tables of one workspace.

    ``leads`` is always present (it may be empty); the other tables are
    ``None`` when no such file was loaded. Every frame carries the lineage
    columns ``source_file`` and ``source_row``.
    """

    leads: pd.DataFrame
    activities: pd.DataFrame | None = None
    opportunities: pd.DataFrame | None = None
    accounts: pd.DataFrame | None = None
    sources: tuple[SourceReport, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the present tables by canonical name."""
        out = {"leads": self.leads}
        for name in ("activities", "opportunities", "accounts"):
            frame = getattr(self, name)
            if frame is not None:
                out[name] = frame
        return out

    def row_counts(self) -> dict[str, int]:
        """Return ``{table: rows}`` for the present tables."""
        return {k: len(v) for k, v in self.tables().items()}

    def has(self, name: str) -> bool:
        """Whether table ``name`` was loaded and is not empty."""
        frame = self.tables().get(name)
        return frame is not None and len(frame) > 0

    def latest_date(self) -> pd.Timestamp | None:
        """Latest event date in any table, normalised to midnight (a sensible as-of).

        Planned dates (``close_date``) are ignored: they may lie in the future.

        Returns
        -------
        pandas.Timestamp or None
            ``None`` when no table has a date.
        """
        best: pd.Timestamp | None = None
        for frame in self.tables().values():
            for col in frame.columns:
                if col == "close_date":
                    continue
                if pd.api.types.is_datetime64_any_dtype(frame[col].dtype):
                    m = frame[col].max()
                    if pd.notna(m) and (best is None or m > best):
                        best = m
        return None if best is None else pd.Timestamp(best).normalize()
