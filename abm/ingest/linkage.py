"""What opportunity and activity rows mean at load: outcomes from phases, links to people.

Called by :func:`abm.ingest.build_batch` while files are combined; the rules
themselves live in :mod:`abm.core.opportunities` (won / lost / open) and
:func:`abm.pipeline.link_people`. At load a row is linked by what needs no
名寄せ — its lead id, then its e-mail; a row that neither links and that
carries company evidence is ``pending``: :func:`abm.pipeline.prepare` looks
it up by contact name within its 名寄せ account, else links it to the
account alone (the issue's "contact name + 名寄せ account" — at load there is
no 名寄せ account to look in, and keying every company name would double the
cost of a load). This module writes the derived columns and says in each
file's report what happened: outcome counts from flags vs phase, the phases
Mori did not know, link counts per rule (the rows waiting for 名寄せ among
them), and a warning when a file has no key to link by (so a file that can
never reach a person is not silently 0 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from abm.core.opportunities import outcomes_and_sources
from abm.core.phases import OUTCOMES, PhaseVocabulary
from abm.dataset import SourceReport

__all__ = [
    "PERSON_KEYS",
    "file_outcomes",
    "link_rows",
    "missing_keys",
    "outcome_summary",
    "people_at_load",
    "phase_summary",
    "with_outcomes",
]

#: Columns that can link a row to a person (``contact_name`` together with a company).
PERSON_KEYS: tuple[str, ...] = ("lead_id", "email", "contact_name")
#: Columns that can link a row to an account only.
ACCOUNT_KEYS: tuple[str, ...] = ("company", "account_id")
_SOURCES = ("flags", "phase", "unknown")
#: Link rule -> (check, message key) of the issue saying how rows were linked (``id`` is not news).
_LINK_ISSUES = {
    "email": ("linked_by_email", "ingest.issue.linked_by_email"),
    "name_account": ("linked_by_name", "ingest.issue.linked_by_name"),
    "account": ("linked_to_account", "ingest.issue.linked_to_account"),
    "pending": ("linked_after_resolve", "ingest.issue.linked_after_resolve"),
    "none": ("unlinked", "ingest.issue.unlinked"),
}

Extra = dict[str, list[tuple]]


def with_outcomes(frame: pd.DataFrame, phases: PhaseVocabulary | None) -> pd.DataFrame:
    """Opportunities with ``outcome`` (won/lost/open) and ``outcome_source`` (flags/phase/unknown)."""
    outcome, source = outcomes_and_sources(frame, phases)  # the phases are read once
    return frame.assign(outcome=outcome, outcome_source=source)


def file_outcomes(
    file: str, frame: pd.DataFrame, phases: PhaseVocabulary | None, extra: Extra
) -> dict[str, pd.DataFrame]:
    """One opportunity file's outcome counts and phase table; note its unknown phases.

    Parameters
    ----------
    file : str
        File name (for the issue row).
    frame : pandas.DataFrame
        The file's opportunities, after :func:`with_outcomes`.
    phases : PhaseVocabulary or None
    extra : dict
        Issue rows per file, appended to.

    Returns
    -------
    dict
        ``outcomes`` (columns ``outcome, source, rows``: every combination,
        zeros included) and ``phases`` (:meth:`PhaseVocabulary.phase_table`;
        empty without a phase column) for :class:`abm.SourceReport`.
    """
    # rows per (outcome, source) as integer codes: no group-by for a handful of cells
    o = pd.Index(OUTCOMES).get_indexer(frame["outcome"])
    s = pd.Index(_SOURCES).get_indexer(frame["outcome_source"])
    ok = (o >= 0) & (s >= 0)
    counts = np.bincount(o[ok] * len(_SOURCES) + s[ok], minlength=len(OUTCOMES) * len(_SOURCES))
    cells = [(oc, src) for oc in OUTCOMES for src in _SOURCES]
    keep = [i for i, (oc, src) in enumerate(cells) if oc == "open" or src != "unknown"]
    table = pd.DataFrame(
        {
            "outcome": [cells[i][0] for i in keep],
            "source": [cells[i][1] for i in keep],
            "rows": counts[keep].astype(np.int64),
        }
    )
    out = {"outcomes": table}
    if "stage" in frame.columns:
        out["phases"] = (phases or PhaseVocabulary()).phase_table(frame["stage"])
        unknown = int((frame["outcome_source"] == "unknown").sum())
        said = out["phases"]
        if unknown and (said["outcome"] == "unknown").any():
            extra.setdefault(file, []).append(
                (file, None, None, "unknown_phase", unknown, "ingest.issue.unknown_phase")
            )
    return out


def missing_keys(file: str, frame: pd.DataFrame, extra: Extra) -> None:
    """Warn when a file's rows cannot reach a person (or nothing at all).

    A key counts when its column is mapped and holds a value on some row;
    ``contact_name`` needs a ``company`` beside it.
    """

    def filled(col: str) -> bool:
        return col in frame.columns and bool(frame[col].notna().any())

    person = filled("lead_id") or filled("email") or (filled("contact_name") and filled("company"))
    if person or not len(frame):
        return
    if any(filled(c) for c in ACCOUNT_KEYS):
        check, key = "no_person_key", "ingest.issue.no_person_key"
    else:
        check, key = "no_link_key", "ingest.issue.no_link_key"
    extra.setdefault(file, []).append((file, None, None, check, len(frame), key))


def people_at_load(leads: pd.DataFrame, accounts: pd.DataFrame | None) -> Any:
    """Index the loaded leads once for linking every table (:func:`abm.pipeline.index_people`).

    At load there is no 名寄せ yet: a CRM account id the leads' file carried is
    evidence (``crm_account_id``), not the account.
    """
    from abm.pipeline import index_people  # the pipeline sits above ingest

    return index_people(leads.rename(columns={"account_id": "crm_account_id"}), accounts=accounts)


def link_rows(
    frame: pd.DataFrame,
    people: Any,
    extra: Extra,
    links: dict[str, dict[str, int]],
    *,
    every: bool = False,
) -> pd.DataFrame:
    """Link activities or opportunities to the loaded people; count per file and rule.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (every file of it), with ``source_file`` and ``source_row``.
    people
        :func:`people_at_load`.
    extra, links : dict
        Issue rows and link counts per file, appended to.
    every : bool
        Opportunities: each person a row's listed cells name, in ``contact_ids``.

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``lead_id`` and ``link_rule``
        (:func:`abm.pipeline.link_people` with ``resolved=False``: ``id``,
        ``email``, ``pending`` or ``none``).
    """
    from abm.pipeline import LINK_RULES, link_people_and_rules

    linked, rules = link_people_and_rules(frame, people, resolved=False, every=every)
    files, names = _files(linked["source_file"])
    code = files.astype(np.int64) * len(LINK_RULES) + rules
    counts = np.bincount(code, minlength=len(names) * len(LINK_RULES))
    rows = linked["source_row"].to_numpy()
    first_none = {}
    none = np.flatnonzero(rules == LINK_RULES.index("none"))
    if len(none):
        first = np.full(len(names), len(rows), dtype=np.int64)
        np.minimum.at(first, files[none], none)  # each file's first row linked to nothing
        first_none = {int(f): int(rows[i]) for f, i in enumerate(first) if i < len(rows)}
    for f, file in enumerate(names):
        per = counts[f * len(LINK_RULES) : (f + 1) * len(LINK_RULES)]
        links[str(file)] = {r: int(n) for r, n in zip(LINK_RULES, per, strict=True)}
        for r, n in zip(LINK_RULES, per, strict=True):
            issue = _LINK_ISSUES.get(r)
            if issue is not None and n:
                first = first_none.get(f) if r == "none" else None
                extra.setdefault(str(file), []).append(
                    (file, first, None, issue[0], int(n), issue[1])
                )
    return linked


def _files(source: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each row's file as a code, and the files (one file, the usual case: no hashing per row)."""
    first = source.iloc[0] if len(source) else None
    if first is not None and not pd.isna(first) and bool((source == first).all()):
        return np.zeros(len(source), dtype=np.int64), pd.Index([first])
    return pd.factorize(source, use_na_sentinel=False)


def phase_summary(sources: Sequence[SourceReport]) -> pd.DataFrame:
    """The distinct phases of every opportunity file, with what each says and its rows.

    Parameters
    ----------
    sources : sequence of SourceReport
        :attr:`abm.Dataset.sources`.

    Returns
    -------
    pandas.DataFrame
        ``phase``, ``outcome`` (``won``/``lost``/``open``/``unknown``),
        ``rows`` (summed over files), ``files``; most rows first.
    """
    frames = [
        s.phases.assign(file=s.file)
        for s in sources
        if s.table == "opportunities" and len(s.phases)
    ]
    if not frames:
        return pd.DataFrame(
            {
                "phase": pd.Series(dtype="string"),
                "outcome": pd.Series(dtype="string"),
                "rows": pd.Series(dtype="int64"),
                "files": pd.Series(dtype="int64"),
            }
        )
    both = pd.concat(frames, ignore_index=True)
    out = both.groupby("phase", sort=False).agg(
        outcome=("outcome", "first"), rows=("rows", "sum"), files=("file", "nunique")
    )
    out = out.reset_index().sort_values(["rows", "phase"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True).astype({"rows": "int64", "files": "int64"})


def outcome_summary(sources: Sequence[SourceReport]) -> pd.DataFrame:
    """Won / lost / open rows of each opportunity file, from flags vs from the phase.

    Returns
    -------
    pandas.DataFrame
        ``file`` and one count per ``<outcome>_<source>`` (``won_flags``,
        ``won_phase``, ``lost_flags``, ``lost_phase``, ``open_flags``,
        ``open_phase``, ``open_unknown``: unknown phases counted as open).
    """
    rows = []
    for s in sources:
        if s.table != "opportunities" or not len(s.outcomes):
            continue
        by = s.outcomes.set_index(["outcome", "source"])["rows"]
        rows.append({"file": s.file, **{f"{o}_{src}": int(n) for (o, src), n in by.items()}})
    columns = ["file", "won_flags", "won_phase", "lost_flags", "lost_phase"]
    columns += ["open_flags", "open_phase", "open_unknown"]
    out = pd.DataFrame(rows, columns=columns)
    return out.fillna({c: 0 for c in columns[1:]}).astype({c: "int64" for c in columns[1:]})
