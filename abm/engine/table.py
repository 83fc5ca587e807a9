"""The activity table: the log reduced once per dataset to what every page reads.

:func:`build_activity_table` runs :func:`abm.engine.links.activity_leads` on the
engine (embedded DuckDB unless configured otherwise) and lines its answer up
with the activities' instants: one narrow row per activity — its lead's
position, kind, sales result and instant (14 bytes, against the log's text
columns). Scoring's decayed counts (:func:`abm.scoring.build_features`), the
accounts' engagement (:func:`abm.accounts.engagement.lead_engagement`) and the
gap page's scores read it; a half-life, weight or as-of change is numpy over
these arrays, never another pass over the log.

The rows keep the log's order, so sums over them are the same floating-point
sums, in the same order, as a loop over the log would make: the pages' numbers
do not move by a last bit when the engine computes them.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from abm.engine import activity as act_expr
from abm.engine import links as link_expr
from abm.engine.backends import Engine, connect
from abm.engine.config import EngineConfig

__all__ = ["ActivityTable", "activity_codes", "build_activity_table", "empty_table"]

#: The embedded engine of builds that name none: one per process, one build at a time.
_DEFAULT: list[Engine] = []
_DEFAULT_LOCK = threading.Lock()
_LEAD_COLS = ("lead_id", "email")
_ACT_COLS = ("lead_id", "email", "activity_type", "url", "origin", "result")


def _instants(activities: pd.DataFrame | None) -> np.ndarray:
    if activities is None or "timestamp" not in activities.columns:
        n = 0 if activities is None else len(activities)
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    ts = pd.to_datetime(activities["timestamp"], errors="coerce")
    return ts.to_numpy(dtype="datetime64[ns]")


@dataclass(frozen=True, eq=False)
class ActivityTable:
    """One narrow row per activity, in the log's order.

    Attributes
    ----------
    index : pandas.Index
        The index of the leads ``lead`` points into.
    lead : numpy.ndarray of int32
        Position of the activity's lead in those leads, ``-1`` for none.
    kind : numpy.ndarray of int8
        Code into :data:`abm.core.activities.ACTIVITY_KINDS`.
    result : numpy.ndarray of int8
        A sales touch's result, code into :data:`abm.core.activities.RESULTS`; ``-1`` otherwise.
    at : numpy.ndarray of datetime64[ns]
        The activity's instant (``NaT`` when it has none).
    """

    index: pd.Index
    lead: np.ndarray
    kind: np.ndarray
    result: np.ndarray
    at: np.ndarray

    def __len__(self) -> int:
        return int(self.lead.shape[0])

    @property
    def n_leads(self) -> int:
        """Number of leads ``lead`` points into."""
        return len(self.index)

    def for_leads(self, leads: pd.DataFrame) -> ActivityTable:
        """The same activities pointed at ``leads`` (a subset or reordering, by index label).

        An activity whose lead is not among ``leads`` points at none (``-1``),
        as :func:`abm.core.keys.lead_positions` against ``leads`` would say.
        """
        if leads.index is self.index or (
            len(leads.index) == len(self.index) and leads.index.equals(self.index)
        ):
            return self
        if not self.index.is_unique:
            raise ValueError("the activity table's leads need a unique index to be subset")
        pos = self.index.get_indexer(leads.index)
        remap = np.full(len(self.index) + 1, -1, dtype=np.int32)  # slot -1 stays -1
        ok = pos >= 0
        remap[pos[ok]] = np.flatnonzero(ok).astype(np.int32)
        return ActivityTable(leads.index, remap[self.lead], self.kind, self.result, self.at)

    def to_frame(self) -> pd.DataFrame:
        """``lead``, ``kind``, ``result`` (the instants stay in the activities frame)."""
        return pd.DataFrame({"lead": self.lead, "kind": self.kind, "result": self.result})

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame, leads: pd.DataFrame, activities: pd.DataFrame | None
    ) -> ActivityTable:
        """:meth:`to_frame`'s table back, against ``leads`` and the activities it was built from.

        Raises
        ------
        ValueError
            When the frame does not line up with the activities (another dataset's table).
        """
        at = _instants(activities)
        if len(frame) != len(at):
            raise ValueError("the stored activity table does not match the activities")
        return cls(
            leads.index,
            frame["lead"].to_numpy(dtype=np.int32),
            frame["kind"].to_numpy(dtype=np.int8),
            frame["result"].to_numpy(dtype=np.int8),
            at,
        )


def empty_table(leads: pd.DataFrame) -> ActivityTable:
    """The table of a dataset without activities."""
    none = np.zeros(0, dtype=np.int8)
    return ActivityTable(
        leads.index, none.astype(np.int32), none, none, np.zeros(0, dtype="datetime64[ns]")
    )


def _narrow(frame: pd.DataFrame, cols: tuple[str, ...], row: str) -> pd.DataFrame:
    """The columns the engine reads (arrays as they are: no text is copied) and a row number."""
    data: dict[str, Any] = {c: frame[c].array for c in cols if c in frame.columns}
    data[row] = np.arange(len(frame), dtype=np.int64)
    return pd.DataFrame(data)


def activity_codes(
    engine: Engine, leads: pd.DataFrame, activities: pd.DataFrame, *, prefix: str = "mori_at"
) -> pd.DataFrame:
    """``lead_row``, ``kind``, ``result`` of every activity, in the log's order (on ``engine``).

    Only the columns the lookup and the vocabularies read are registered;
    the frames are not modified.
    """
    names: list[str] = []

    def put(name: str, frame: pd.DataFrame) -> Any:
        names.append(f"{prefix}_{name}")
        return engine.register(names[-1], frame)

    try:
        got = _codes(engine, put, leads, activities)
    finally:
        for name in names:
            engine.forget(name)
    n = len(activities)
    if got.num_rows != n:  # every activity row once: a broken join, never the user's data
        raise RuntimeError("the engine returned another number of activities than it was given")
    rows = got.column("act_row").to_numpy()
    out = {
        "lead_row": np.full(n, -1, dtype=np.int32),
        "kind": np.zeros(n, dtype=np.int8),
        "result": np.full(n, -1, dtype=np.int8),
    }
    out["lead_row"][rows] = got.column("lead_row").fill_null(-1).to_numpy().astype(np.int32)
    out["kind"][rows] = got.column("kind").to_numpy()
    out["result"][rows] = got.column("result").to_numpy()
    return pd.DataFrame(out)


def _codes(engine: Engine, put: Any, leads: pd.DataFrame, activities: pd.DataFrame) -> Any:
    def rows(expr: Any, step: str) -> pd.DataFrame:
        return engine.arrow(expr, step=step).to_pandas()

    lt = put("leads", _narrow(leads, _LEAD_COLS, "lead_row"))
    at = put("acts", _narrow(activities, _ACT_COLS, "act_row"))
    kinds = put("kinds", act_expr.classify_kinds(rows(act_expr.kind_keys(at), "activity kinds")))
    at = act_expr.with_kinds(at, kinds)
    results = None
    if "result" in at.columns:
        texts = rows(link_expr.result_keys(at), "activity results")
        results = put("results", link_expr.classify_results(texts))
    at = link_expr.with_results(at, results)
    emails = lead_emails = None
    if "email" in at.columns and "email" in lt.columns:
        raw = rows(link_expr.unmatched_emails(at, lt), "activities by e-mail")
        if len(raw):
            emails = put("emails", link_expr.email_table(raw["e_raw"]))
            keys = link_expr.lead_email_keys(leads["email"], np.arange(len(leads)))
            lead_emails = put("lead_emails", keys)
    expr = link_expr.activity_leads(at, lt, emails=emails, lead_emails=lead_emails)
    return engine.arrow(expr, step="activities by lead")


def build_activity_table(
    leads: pd.DataFrame,
    activities: pd.DataFrame | None,
    *,
    config: EngineConfig | None = None,
    engine: Engine | None = None,
) -> ActivityTable:
    """The activity table of ``activities`` against ``leads``, built on the engine.

    Parameters
    ----------
    leads, activities : pandas.DataFrame
        Canonical frames (not modified); activities linked by ``lead_id``
        (trimmed), then by e-mail key, as :func:`abm.core.keys.lead_positions`.
    config : EngineConfig, optional
        The engine to open for this build, closed afterwards. When neither
        ``config`` nor ``engine`` is given, the process's embedded DuckDB (in
        memory, as many threads as cores) runs it, one build at a time.
    engine : Engine, optional
        An engine already open (used as is, left open).

    Returns
    -------
    ActivityTable

    Raises
    ------
    MoriError
        ``engine.err.*`` when the engine fails (out of memory, unreachable…).
    """
    if activities is None or not len(activities):
        return empty_table(leads)
    if engine is not None:
        codes = activity_codes(engine, leads, activities)
    elif config is not None:
        own = connect(config)
        try:
            codes = activity_codes(own, leads, activities)
        finally:
            own.close()
    else:
        with _DEFAULT_LOCK:
            if not _DEFAULT:
                _DEFAULT.append(connect(EngineConfig(threads=max(1, os.cpu_count() or 1))))
            codes = activity_codes(_DEFAULT[0], leads, activities)
    return ActivityTable(
        leads.index,
        codes["lead_row"].to_numpy(),
        codes["kind"].to_numpy(),
        codes["result"].to_numpy(),
        _instants(activities),
    )
