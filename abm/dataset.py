"""The loaded workspace data: canonical tables plus how each file was read."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from abm.schema import KEY_WARNINGS, join_key_level

__all__ = ["OUTLIER_GAP_DAYS", "OUTLIER_MAX_SHARE", "AsOfDefault", "Dataset", "SourceReport"]

#: A run of dates that starts more than this many days after the previous date
#: (above the median of all dates) is an outlier for the default as-of date…
OUTLIER_GAP_DAYS = 730
#: …when it holds at most this share of the dated cells (at least one cell): a
#: larger tail is data after a pause, not typos.
OUTLIER_MAX_SHARE = 0.05


#: Where a dataset keeps its :meth:`Dataset.day_counts` (not a field: ``replace`` forgets it).
_DAY_COUNTS = "_day_counts_once"


@dataclass(frozen=True)
class AsOfDefault:
    """The default as-of date and the outlying dates left out of it.

    Attributes
    ----------
    date : pandas.Timestamp or None
        Latest event date that is not an outlier, at midnight (``None``: no dates).
    ignored : int
        Date cells left out as outliers (after a horizon, or far after the rest).
    """

    date: pd.Timestamp | None
    ignored: int = 0


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
    links : dict
        Activities and opportunities: rows per ``link_rule`` as linked at
        load — ``id``, ``email``, ``pending`` (looked up by contact name and
        company once 名寄せ has run, :func:`abm.pipeline.prepare`) or
        ``none`` (see :func:`abm.pipeline.link_people`). Empty otherwise.
    outcomes : pandas.DataFrame
        Opportunities: rows per ``outcome`` and ``source`` (``flags``,
        ``phase``, ``unknown``: an unknown phase counts as open). Empty otherwise.
    phases : pandas.DataFrame
        Opportunities: each distinct phase (cut at 100 characters), what it
        says (``won``/``lost``/``open``/``unknown``) and its ``rows``.
    left_out : pandas.DataFrame
        The file's rows read but not kept as data, each with why
        (:mod:`abm.ingest.leftout`: ``row``, ``check``, then the cells as text) — the
        user can download them (:func:`abm.ingest.rows_left_out`). Empty when none.
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
    links: dict[str, int] = field(default_factory=dict)
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    phases: pd.DataFrame = field(default_factory=pd.DataFrame)
    left_out: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def link_rate(self) -> float:
        """Share of rows linked to a person at load (``pending`` rows not yet); NaN when not linked."""
        total = sum(self.links.values())
        person = sum(self.links.get(k, 0) for k in ("id", "email", "name_account"))
        return person / total if total else float("nan")

    @property
    def mapping_quality(self) -> float:
        """Mean confidence over mapped columns times the join-key level (0 when nothing is mapped).

        The level is :func:`abm.schema.join_key_level` of the mapped columns,
        lowered by the load's key warnings (:data:`abm.schema.KEY_WARNINGS`: a
        key column mapped but empty): a file whose rows cannot be joined to
        anything never reads 100 %.
        """
        vals = [self.confidence.get(k, 0.0) for k, v in self.mapping.items() if v]
        if not vals:
            return 0.0
        level = join_key_level(self.table, {v for v in self.mapping.values() if v})
        checks = set(self.issues["check"]) if "check" in self.issues.columns else set()
        for check in checks & set(KEY_WARNINGS):
            level = min(level, join_key_level(self.table, KEY_WARNINGS[check]))
        return float(sum(vals) / len(vals)) * level


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

    def day_counts(self) -> tuple[int, np.ndarray, np.ndarray] | None:
        """Event-date cells per day, counted once per dataset (what :meth:`as_of_default`
        reads).

        Returns
        -------
        tuple or None
            ``(first day number, days as offsets from it, cells on each)`` — the
            days with at least one date cell, ascending; ``None`` when no table has
            a date. Close dates are not counted (:meth:`last_closed` reads those of
            closed deals).
        """
        found = self.__dict__.get(_DAY_COUNTS)  # frozen: the cache lives beside the fields
        if found is None:
            found = self.__dict__[_DAY_COUNTS] = (self._count_days(),)
        return found[0]

    def with_day_counts(self, counts: tuple[int, np.ndarray, np.ndarray] | None) -> Dataset:
        """This dataset with :meth:`day_counts` already known: counts made from these very
        tables and stored beside them (a reopened preparation), so a reopening does not
        scan ten million timestamps again. Returns ``self``."""
        self.__dict__[_DAY_COUNTS] = (counts,)
        return self

    def _count_days(self) -> tuple[int, np.ndarray, np.ndarray] | None:
        days: list[np.ndarray] = []
        for frame in self.tables().values():
            for col in frame.columns:
                s = frame[col]
                if col == "close_date" or not pd.api.types.is_datetime64_any_dtype(s.dtype):
                    continue
                if isinstance(s.dtype, pd.DatetimeTZDtype):
                    s = s.dt.tz_localize(None)  # wall-clock day, as the export shows it
                arr = s.to_numpy()
                unit, step = np.datetime_data(arr.dtype)
                per_day = np.timedelta64(1, "D") // np.timedelta64(step, unit)
                ticks = arr.view(np.int64)
                ticks = ticks[ticks != np.iinfo(np.int64).min]  # NaT
                if ticks.size:
                    days.append(ticks // per_day)  # floor: the calendar day
        if not days:
            return None
        lo = min(int(d.min()) for d in days)
        hi = max(int(d.max()) for d in days)
        counts = np.zeros(hi - lo + 1, dtype=np.int64)
        for d in days:  # one bincount per column: O(cells + days spanned)
            counts += np.bincount(d - lo, minlength=counts.size)
        offsets = np.flatnonzero(counts)
        return lo, offsets, counts[offsets]

    def as_of_default(
        self, *, horizon: pd.Timestamp | None = None, today: pd.Timestamp | None = None
    ) -> AsOfDefault:
        """Latest date the data records as having happened, ignoring outliers: the default
        as-of date.

        An open deal's ``close_date`` is a plan (it may lie in the future) and is not
        read; a won or lost deal's close date is a fact of the data and counts, up to
        ``today`` (a later one is a plan left in place or a typo): deals already closed
        in the data are closed on the default day, not open pipeline. One typo (a 2199 among 2024 dates) must not move every page's as-of, so
        two kinds of dates are left out and counted:

        * dates after ``horizon`` (the page passes today plus a margin: an
          event cannot have happened in the future) — unless every date is
          after it (then nothing is left out for the horizon);
        * a tail of dates that starts more than :data:`OUTLIER_GAP_DAYS` after
          the previous date, above the median date, and holds at most
          :data:`OUTLIER_MAX_SHARE` of the dated cells (at least one cell).
          The earliest such gap is cut.

        Parameters
        ----------
        horizon : pandas.Timestamp, optional
            Latest date an event can have (no ``now()`` here: the caller decides).
        today : pandas.Timestamp, optional
            The last close date of a closed deal that counts (``horizon`` when omitted).

        Returns
        -------
        AsOfDefault
            The date (midnight; ``None`` when no table has a date) and how many
            date cells were left out.
        """
        found = self._events_default(horizon)
        closed = self.last_closed(until=today if today is not None else horizon)
        if closed is not None and (found.date is None or closed > found.date):
            return AsOfDefault(closed, found.ignored)
        return found

    def last_closed(self, *, until: pd.Timestamp | None = None) -> pd.Timestamp | None:
        """The latest close date of a won or lost deal, at midnight, up to ``until``.

        Parameters
        ----------
        until : pandas.Timestamp, optional
            The last day that counts (no limit when omitted).

        Returns
        -------
        pandas.Timestamp or None
            ``None`` without opportunities, close dates or closed deals by ``until``.
        """
        frame = self.opportunities
        if frame is None or not len(frame) or "close_date" not in frame.columns:
            return None
        from abm.core.opportunities import closed_outcome

        closing = pd.to_datetime(frame["close_date"], errors="coerce")
        if isinstance(closing.dtype, pd.DatetimeTZDtype):
            closing = closing.dt.tz_localize(None)  # wall-clock day, as the export shows it
        closing = closing.dt.normalize()
        keep = closing.notna().to_numpy(dtype=bool) & closed_outcome(frame)
        if until is not None:
            keep &= (closing <= pd.Timestamp(until).normalize()).fillna(False).to_numpy(bool)
        if not keep.any():
            return None
        return pd.Timestamp(closing[keep].max())

    def _events_default(self, horizon: pd.Timestamp | None) -> AsOfDefault:
        """:meth:`as_of_default` from the event dates alone (:meth:`day_counts`)."""
        found = self.day_counts()
        if found is None:
            return AsOfDefault(None)
        lo, days, counts = found
        ignored = 0
        if horizon is not None:
            limit = (
                int(
                    np.datetime64(pd.Timestamp(horizon).normalize().to_datetime64(), "D").astype(
                        np.int64
                    )
                )
                - lo
            )
            after = days > limit
            if after.any() and not after.all():
                ignored += int(counts[after].sum())
                days, counts = days[~after], counts[~after]
        cum = np.cumsum(counts)
        total = int(cum[-1])
        gaps = np.diff(days)
        tail = total - cum[:-1]  # cells after each gap
        above_median = cum[:-1] >= (total + 1) / 2
        allowed = max(1, int(OUTLIER_MAX_SHARE * total))
        cut = (gaps > OUTLIER_GAP_DAYS) & (tail <= allowed) & above_median
        last = days.size - 1
        if cut.any():
            last = int(np.argmax(cut))
            ignored += int(tail[last])
        day = np.datetime64(int(days[last]) + lo, "D")
        return AsOfDefault(pd.Timestamp(day), ignored)

    def latest_date(
        self, *, horizon: pd.Timestamp | None = None, today: pd.Timestamp | None = None
    ) -> pd.Timestamp | None:
        """Latest event date in any table, at midnight, outliers left out (a sensible as-of).

        See :meth:`as_of_default`, which also says how many dates were left out.

        Returns
        -------
        pandas.Timestamp or None
            ``None`` when no table has a date.
        """
        return self.as_of_default(horizon=horizon, today=today).date
