"""Apply a mapping, join several files into one :class:`~abm.Dataset`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.activities import task_not_done
from abm.core.money import ExchangeRates, in_workspace_currency
from abm.core.phases import PhaseVocabulary
from abm.dataset import Dataset, SourceReport
from abm.errors import MoriError
from abm.ingest.aliases import HEADER_UNITS
from abm.ingest.convert import convert_cells
from abm.ingest.deals import (
    attach_contacts,
    contacts_only,
    lists_their_people,
    one_row_per_deal,
)
from abm.ingest.derive import derive_columns, read_headers
from abm.ingest.headers import normalise_header
from abm.ingest.leftout import left_out_rows
from abm.ingest.linkage import (
    Extra,
    file_outcomes,
    link_rows,
    missing_keys,
    people_at_load,
    with_outcomes,
)
from abm.ingest.mapping import ColumnMapping
from abm.ingest.read import ISSUE_COLUMNS, KEPT_COLUMN, RawTable, issues_frame
from abm.ingest.roles import ROLE_COLUMN, carry_roles, unknown_roles
from abm.ingest.testdeals import marked_as_test
from abm.schema import DERIVED, LINEAGE, TABLES, empty_frame

__all__ = ["apply_mapping", "build_dataset", "header_scale"]

# the inner part stops at any bracket, so no opener re-scans the rest (linear, #20)
_BRACKET = re.compile(r"[\(\[【［〔]([^\(\[【［〔\)\]】］〕]*)[\)\]】］〕]")
_UNITS_LONGEST = sorted(HEADER_UNITS, key=len, reverse=True)


def header_scale(header: str) -> float:
    """Multiplier written in a money header: ``売上高（百万円）`` → 1e6, else 1."""
    norm = unicodedata.normalize("NFKC", header).casefold().replace(" ", "")
    for inner in _BRACKET.findall(norm):
        if inner in HEADER_UNITS:
            return HEADER_UNITS[inner]
    for unit in _UNITS_LONGEST:
        if len(unit) > 1 and unit.endswith("円") and norm.endswith(unit) and norm != unit:
            return HEADER_UNITS[unit]
    return 1.0


def apply_mapping(raw: RawTable, mapping: ColumnMapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Convert the mapped columns of a raw table to its canonical table.

    Parameters
    ----------
    raw : RawTable
        Text table from :func:`~abm.ingest.read_table`.
    mapping : ColumnMapping
        Raw header -> canonical column.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The canonical frame — mapped columns only, schema dtypes, canonical
        order, plus ``source_file`` and ``source_row`` — and the conversion
        issues (``file, row, column, check, count, message_key``): every
        unparseable value is counted per column with the line of the first.
    """
    if mapping.table not in TABLES:
        raise MoriError("ingest.err.bad_mapping")
    spec = TABLES[mapping.table]
    file = raw.file
    rows = raw.frame.index.to_numpy()
    used = read_headers(mapping)  # read by the derived columns: not "left out"
    twice = [(h, canon) for h, canon in mapping.dropped if h not in used]
    chosen: dict[str, str] = {}
    for header, canon in mapping.columns:
        if canon is None or header not in raw.frame.columns:
            continue
        if canon not in spec.names:
            raise MoriError("ingest.err.bad_mapping")
        if canon in chosen:
            twice.append((header, canon))
            continue
        chosen[canon] = header
    issues, kept = _duplicates(file, twice, chosen)
    out: dict[str, pd.Series] = {}
    for canon in spec.names:
        header = chosen.get(canon)
        if header is None:
            continue
        kind = spec.column(canon).kind
        scale = header_scale(header) if kind == "money" else 1.0
        # every cell that gives no value is reported: unparseable, too long, or
        # a value that can't be right (below the schema's min_value, not finite)
        cells = convert_cells(
            raw.frame[header],
            kind,
            scale=scale,
            domain=canon == "domain",
            min_value=spec.column(canon).min_value,
            opt_out=canon == "unsubscribed",
        )
        out[canon] = cells.values.reset_index(drop=True)
        issues.extend(cells.issues(file, header, rows))
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(raw.frame)))
    frame["source_file"] = pd.Series([file] * len(frame), dtype="string")
    frame["source_row"] = pd.Series(rows, dtype="int64")
    frame, derived = derive_columns(frame, raw, mapping)  # origin, full name, ids, bands
    if "currency" in frame.columns:  # each deal's currency is read: its signs are no warning
        money = {h for h, c in mapping.columns if c == "amount"}
        issues = [i for i in issues if not (i[3] == "foreign_currency" and i[2] in money)]
    found = issues_frame([*issues, *derived])
    if kept:
        # the duplicate-mapping issues come first; the cells' and derived ones follow
        found[KEPT_COLUMN] = pd.array(kept + [None] * (len(found) - len(kept)), dtype="string")
    return frame, found


def _duplicates(
    file: str, twice: list[tuple[str, str]], chosen: dict[str, str]
) -> tuple[list[tuple], list[str | None]]:
    """A ``duplicate_mapping`` issue per header left out because another header is read for
    its field, and that header (``None`` when no header of the file is)."""
    issues = [
        (
            file, None, h, "duplicate_mapping", 1,
            "ingest.issue.duplicate_mapping_named" if canon in chosen
            else "ingest.issue.duplicate_mapping",
        )
        for h, canon in twice
    ]  # fmt: skip
    return issues, [chosen.get(canon) for _, canon in twice]


@dataclass(frozen=True)
class _Part:
    raw: RawTable
    mapping: ColumnMapping
    frame: pd.DataFrame
    issues: pd.DataFrame


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    spec = TABLES[name]
    present = [c for c in spec.names if any(c in f.columns for f in frames)]
    derived = [c for c in DERIVED if any(c in f.columns for f in frames)]
    cols = [*present, *LINEAGE, *derived]
    typed = []
    for f in frames:
        missing = {
            c: pd.Series(
                pd.NA, index=f.index, dtype=spec.column(c).dtype if c in spec.names else "string"
            )
            for c in (*present, *derived)
            if c not in f.columns
        }
        typed.append(f.assign(**missing)[cols] if missing else f[cols])
    if not typed:
        return _empty(name)
    return pd.concat(typed, ignore_index=True)


def _empty(name: str) -> pd.DataFrame:
    return empty_frame(name).assign(
        source_file=pd.Series(dtype="string"), source_row=pd.Series(dtype="int64")
    )


def _file_tag(file: str) -> str:
    return hashlib.sha1(file.encode("utf-8")).hexdigest()[:8]


def _made_ids(leads: pd.DataFrame) -> pd.Series:
    """The id a load gives a lead whose file had none: ``L<file tag>-<line>``."""
    files = leads["source_file"].astype("string")
    tags = files.map({f: _file_tag(str(f)) for f in files.dropna().unique()})
    return ("L" + tags + "-" + leads["source_row"].astype("string")).astype("string")


def generated_lead_ids(leads: pd.DataFrame) -> np.ndarray:
    """Whether each lead's id is one the load made up (:func:`_ensure_lead_ids`: the file
    had none), from its ``lead_id``, ``source_file`` and ``source_row``.

    Parameters
    ----------
    leads : pandas.DataFrame

    Returns
    -------
    numpy.ndarray
        ``bool`` per row.
    """
    if not {"lead_id", "source_file", "source_row"} <= set(leads.columns) or not len(leads):
        return np.zeros(len(leads), dtype=bool)
    made = _made_ids(leads)
    ids = leads["lead_id"].astype("string")
    repeat = ids.str.replace(r"-\d+$", "", regex=True)  # a repeated file name: -2, -3…
    same = (ids == made) | (repeat == made)
    return same.fillna(False).to_numpy(dtype=bool)


def _ensure_lead_ids(leads: pd.DataFrame, extra: dict[str, list[tuple]]) -> pd.DataFrame:
    ids = (
        leads["lead_id"]
        if "lead_id" in leads.columns
        else pd.Series(pd.NA, index=leads.index, dtype="string")
    )
    missing = ids.isna()
    if not missing.any():
        return leads
    generated = _made_ids(leads)
    # two uploads with the same file name would give the same ids: number the repeats
    repeat = generated.groupby(generated, sort=False).cumcount().to_numpy()
    generated = generated.where(
        repeat == 0, generated + "-" + pd.Series(repeat + 1, index=leads.index).astype("string")
    )
    for file, count in leads.loc[missing, "source_file"].value_counts(sort=False).items():
        extra.setdefault(str(file), []).append(
            (
                file,
                None,
                "lead_id",
                "lead_id_generated",
                int(count),
                "ingest.issue.lead_id_generated",
            )
        )
    out = leads.assign(lead_id=ids.where(~missing, generated).astype("string"))
    return out[["lead_id", *(c for c in out.columns if c != "lead_id")]]


def _latest_opportunities(
    frame: pd.DataFrame, sizes: list[int], extra: Extra, phases: PhaseVocabulary | None
) -> tuple[pd.DataFrame, np.ndarray]:
    """One row set per opportunity id when several files list it: the last file's.

    Overlapping exports (last month's and this month's report, the same report
    downloaded twice) list the same deals: concatenated, every deal, pipeline
    and win would count twice. The rows of an id that a later file of the
    batch (upload order) lists again are left out, and each earlier file's
    report says how many and from which row; what the later file leaves blank
    (a short "won this month" report has no amount) is taken from the latest
    earlier file that has it. Rows without an id are kept as they are; a file's own
    repeats of a deal were folded into one row before (:func:`one_row_per_deal`).
    Returns the rows and the file (position in ``sizes``) of each.
    """
    part = np.repeat(np.arange(len(sizes)), sizes)
    if "opportunity_id" not in frame.columns:
        return frame, part
    ids = frame["opportunity_id"].astype("string").str.strip()
    named = ids.notna().to_numpy() & (ids.fillna("") != "").to_numpy()
    last = pd.Series(part).groupby(ids.to_numpy(dtype=object), dropna=True).transform("max")
    drop = named & (part < last.to_numpy(dtype=np.int64, na_value=-1))
    if not drop.any():
        return frame, part
    files = frame["source_file"].to_numpy(dtype=object)
    rows = frame["source_row"].to_numpy()
    for p in np.unique(part[drop]).tolist():
        here = np.flatnonzero(drop & (part == p))
        extra.setdefault(str(files[here[0]]), []).append(
            (str(files[here[0]]), int(rows[here[0]]), "opportunity_id", "superseded",
             len(here), "ingest.issue.superseded")
        )  # fmt: skip
    keep = frame[~drop].reset_index(drop=True)
    keep = _filled_from(keep, frame[drop], ids[~drop].reset_index(drop=True), ids[drop])
    # a phase or flag taken from an earlier file counts
    return with_outcomes(keep, phases), part[~drop]


def _filled_from(
    keep: pd.DataFrame, gone: pd.DataFrame, keep_ids: pd.Series, gone_ids: pd.Series
) -> pd.DataFrame:
    """``keep`` with its blank cells taken from the rows of the same id left out (the
    latest of them that has a value: ``gone`` is in upload order)."""
    derived = ("outcome", "outcome_source")
    cols = [c for c in keep.columns if c not in (*LINEAGE, *derived) and keep[c].isna().any()]
    if not cols:
        return keep
    # an id with several rows in the earlier files (a line per product) says no one value
    single = gone_ids.groupby(gone_ids.to_numpy(dtype=object)).transform("size") == 1
    known = gone[cols][single.to_numpy(dtype=bool)]
    known = known.groupby(gone_ids[single].to_numpy(dtype=object), dropna=True).last()
    rows = keep_ids.isin(known.index).to_numpy(dtype=bool)
    if not rows.any():
        return keep
    fill = known.reindex(keep_ids[rows].to_numpy(dtype=object))
    fill.index = keep.index[rows]
    # the state of a deal is its phase and flags together: a later file that says any of
    # them says it all (an earlier 受注 FALSE beside a later 受注 phase would win otherwise)
    state = [c for c in _STATE if c in keep.columns]
    said = keep[state].notna().any(axis=1).to_numpy(dtype=bool) if state else rows & False
    out = keep.copy()
    for c in cols:
        at = rows & ~said if c in _STATE else rows
        if at.any():
            out.loc[at, c] = out.loc[at, c].fillna(fill.loc[keep.index[at], c].astype(out[c].dtype))
    return out


#: The columns that together say a deal's state (taken from one file, never mixed).
_STATE = ("stage", "is_won", "is_closed", "probability")


def _recount_outcomes(
    parts: Sequence[_Part],
    kept: pd.DataFrame,
    part: np.ndarray,
    said: dict[int, dict[str, pd.DataFrame]],
    phases: PhaseVocabulary | None,
) -> None:
    """Each opportunity file's won / lost / open counts over its rows a later file did not
    supersede (the rows left out are said by the ``superseded`` issue), so the files'
    counts add up to the deals on the pages. ``part``: each kept row's position among the
    opportunity files. The unknown-phase note stays the first count's."""
    for n, i in enumerate(sorted(said)):  # said: the opportunity parts, in order
        said[i] = file_outcomes(parts[i].raw.file, kept[part == n], phases, {})


def _gone(lines: np.ndarray, kept: pd.Series) -> np.ndarray:
    """The ``lines`` a step left out: those not among the ``source_row`` it kept (a step
    here only ever leaves rows out, so the same count means none)."""
    if len(kept) == len(lines):
        return lines[:0]
    return lines[~np.isin(lines, kept.to_numpy(dtype=np.int64))]


def _derived_out(p: _Part, lines: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """Why :func:`abm.ingest.derive.derive_columns` left each of ``lines`` out: a task its
    status says was not done (the status read as the load read it), else a campaign
    member who did not respond — each row its own reason, a file may have both."""
    said = set(p.issues["check"].dropna()) if "check" in p.issues.columns else set()
    status = next((h for h, c in p.mapping.columns if c == "status"), None)
    if "planned_tasks" not in said or status not in p.raw.frame.columns:
        return [(lines, "no_response")]
    planned = task_not_done(p.raw.frame.loc[lines, status].str.strip())
    out = [(lines[planned], "planned_tasks"), (lines[~planned], "no_response")]
    return [(rows, check) for rows, check in out if len(rows)]


def _superseded_folds(
    gone: list[tuple[np.ndarray, str]], frame: pd.DataFrame, superseded: np.ndarray
) -> list[tuple[np.ndarray, str]]:
    """A deal's further rows whose deal a later file lists again are superseded with it
    (its contacts are not kept then), not merged into a deal that still counts."""
    if "opportunity_id" not in frame.columns:
        return gone
    ids = frame.set_index("source_row")["opportunity_id"].astype("string").str.strip()
    later = set(ids.reindex(superseded).dropna())
    out = []
    for lines, check in gone:
        if check == "deal_rows_merged":
            moved = ids.reindex(lines).isin(later).to_numpy(dtype=bool)
            out += [(lines[~moved], check), (lines[moved], "superseded")]
        else:
            out.append((lines, check))
    return [(rows, check) for rows, check in out if len(rows)]


def _left_out(raw: RawTable, gone: list[tuple[np.ndarray, str]]) -> pd.DataFrame:
    """A file's rows read but not kept (:mod:`abm.ingest.leftout`), in line order."""
    frames = [raw.left_out] if len(raw.left_out) else []
    frames += [left_out_rows(raw.frame.loc[lines], check) for lines, check in gone]
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values("row", kind="stable").reset_index(drop=True)


#: Headers of a business-card tool's exchange date (:func:`normalise_header`).
CARD_DATE_HEADERS = frozenset({"名刺交換日", "名刺交換日時", "交換日", "名刺交換日付"})
#: The activity a card exchange becomes (its kind: ``business_card``).
CARD_ACTIVITY = "名刺交換"


def _card_exchanges(leads: pd.DataFrame, parts: Sequence[_Part]) -> pd.DataFrame | None:
    """A business-card activity for each row of a card tool's export with its exchange date.

    QA-K: 814 cards exchanged (Sansan's 名刺交換日, read as the person's created date)
    counted as no engagement at all, though a card exchange is a touch the scoring rules
    give points to. Each card row with a date becomes an activity ``名刺交換`` of that day,
    of that person (its lead id; linked like any activity), named after the card file and
    line; the cards stay people as well.
    """
    files = {
        p.raw.file
        for p in parts
        if p.mapping.table == "leads"
        and any(
            canon == "created_at" and normalise_header(h) in CARD_DATE_HEADERS
            for h, canon in p.mapping.columns
        )
    }
    if not files or "created_at" not in leads.columns:
        return None
    rows = leads[leads["source_file"].isin(files).to_numpy(dtype=bool)]
    rows = rows[rows["created_at"].notna().to_numpy(dtype=bool)]
    if not len(rows):
        return None
    cols = {
        "lead_id": rows["lead_id"].astype("string").to_numpy(),
        "timestamp": rows["created_at"].to_numpy(),
        "activity_type": CARD_ACTIVITY,
        "source_file": rows["source_file"].to_numpy(),
        "source_row": rows["source_row"].to_numpy(dtype=np.int64),
    }
    if "email" in rows.columns:
        cols["email"] = rows["email"].astype("string").to_numpy()
    out = pd.DataFrame(cols, index=pd.RangeIndex(len(rows)))
    return out.astype({"activity_type": "string", "source_file": "string"})


def _contact_lists(parts: Sequence[_Part]) -> list[int]:
    """The opportunity files that list the people of deals another file of the load gives
    (:func:`abm.ingest.deals.contacts_only`, :func:`abm.ingest.deals.lists_their_people`);
    none when no file gives deals."""
    opps = [i for i, p in enumerate(parts) if p.mapping.table == "opportunities"]
    lists = [i for i in opps if contacts_only(parts[i].frame)]
    for i in opps:  # a contact-role report that carries the deals' phase and amount too
        others = [parts[j].frame for j in opps if j != i and j not in lists]
        if i not in lists and others and lists_their_people(parts[i].frame, pd.concat(others)):
            lists.append(i)
    return sorted(lists) if len(lists) < len(opps) else []


#: The note a contact-role file's report gives its rows (:func:`_attach`).
_CONTACT_NOTES = {
    "contact_roles": "ingest.issue.contact_roles",
    "deal_not_found": "ingest.issue.deal_not_found",
}


def _attach(
    i: int,
    p: _Part,
    deals: pd.DataFrame,
    extra: dict[str, list[tuple]],
    gone: dict[int, list[tuple[np.ndarray, str]]],
) -> pd.DataFrame:
    """A contact-role file's people (part ``i``) added to ``deals``
    (:func:`attach_contacts`); its rows are said in its report and listed as read but not
    kept: each found its deal, or none did."""
    out, found = attach_contacts(deals, p.frame)
    rows = p.frame["source_row"].to_numpy(dtype=np.int64)
    for hit, check in ((found, "contact_roles"), (~found, "deal_not_found")):
        if hit.any():
            gone.setdefault(i, []).append((rows[hit], check))
            note = (p.raw.file, int(rows[hit][0]), "opportunity_name", check, int(hit.sum()),
                    _CONTACT_NOTES[check])  # fmt: skip
            extra.setdefault(p.raw.file, []).append(note)
    return out


#: The notes a file's roles give its report (:func:`_carry_roles`).
_ROLE_NOTES = {
    "buying_role_carried": "ingest.issue.buying_role_carried",
    "buying_role_no_person": "ingest.issue.buying_role_no_person",
    "buying_role_unknown": "ingest.issue.buying_role_unknown",
}


def _role_header(p: _Part) -> str:
    """The file's own header its ``buying_role`` is read from (the first mapped to it that the
    file has, as :func:`apply_mapping` chooses), for the notes: the user's word, not ours."""
    return next(
        (h for h, c in p.mapping.columns if c == ROLE_COLUMN and h in p.raw.frame.columns),
        ROLE_COLUMN,
    )


def _role_note(file: str, header: str, rows: np.ndarray, hit: np.ndarray, check: str) -> tuple:
    return (file, int(rows[hit][0]), header, check, int(hit.sum()), _ROLE_NOTES[check])


def _carry_roles(
    leads: pd.DataFrame, parts: Sequence[_Part], extra: dict[str, list[tuple]]
) -> pd.DataFrame:
    """The roles opportunity files record given to the people they name
    (:func:`abm.ingest.roles.carry_roles`); every file's role values the vocabulary does not
    know, and the role rows that found nobody, are said in its report."""
    for p in parts:
        frame = p.frame
        if ROLE_COLUMN not in frame.columns:
            continue
        rows = frame["source_row"].to_numpy(dtype=np.int64)
        header = _role_header(p)
        notes = []
        if p.mapping.table == "opportunities":
            leads, held, found = carry_roles(leads, frame)
            for hit, check in (
                (found, "buying_role_carried"),
                (held & ~found, "buying_role_no_person"),
            ):
                if hit.any():
                    notes.append(_role_note(p.raw.file, header, rows, hit, check))
        if p.mapping.table in ("leads", "opportunities"):
            odd = unknown_roles(frame)
            if odd.any():
                notes.append(_role_note(p.raw.file, header, rows, odd, "buying_role_unknown"))
        extra.setdefault(p.raw.file, []).extend(notes)
    return leads


#: The notes a deals' file's amounts in other currencies give its report (:func:`_in_currency`).
_MONEY_NOTES = {
    "amounts_converted": "ingest.issue.amounts_converted",
    "amounts_no_rate": "ingest.issue.amounts_no_rate",
}


def _in_currency(
    frame: pd.DataFrame, p: _Part, rates: ExchangeRates | None, extra: dict[str, list[tuple]]
) -> pd.DataFrame:
    """A deals' file's amounts in the workspace's currency (:mod:`abm.core.money`): those in
    another currency converted at the user's rate, else left out of the sums; its report
    says how many of each."""
    if "currency" not in frame.columns or "amount" not in frame.columns:
        return frame
    amounts, done, missing = in_workspace_currency(frame["amount"], frame["currency"], rates)
    header = next((h for h, c in p.mapping.columns if c == "amount"), "amount")
    rows = frame["source_row"].to_numpy(dtype=np.int64)
    code = frame["currency"].astype("string").fillna("").to_numpy(dtype=object)
    valued = frame["amount"].notna().to_numpy(dtype=bool)  # as in_workspace_currency counts
    for counts, check in ((done, "amounts_converted"), (missing, "amounts_no_rate")):
        if counts:
            first = int(rows[np.flatnonzero(valued & np.isin(code, list(counts)))[0]])
            note = (p.raw.file, first, header, check, sum(counts.values()), _MONEY_NOTES[check])
            extra.setdefault(p.raw.file, []).append(note)
    return frame.assign(amount=amounts) if done or missing else frame


def _without_test_deals(
    frame: pd.DataFrame, file: str, extra: Extra, gone: list[tuple[np.ndarray, str]]
) -> pd.DataFrame:
    """``frame`` without the deals its names mark as tests (:mod:`abm.ingest.testdeals`):
    their rows are listed as left out (``test_deal``) and the file's report says how many."""
    if "opportunity_name" not in frame.columns or not len(frame):
        return frame
    test = marked_as_test(frame["opportunity_name"])
    if not test.any():
        return frame
    lines = frame["source_row"].to_numpy(dtype=np.int64)[test]
    gone.append((lines, "test_deal"))
    extra.setdefault(file, []).append(
        (file, int(lines.min()), "opportunity_name", "test_deals", int(test.sum()),
         "ingest.issue.test_deals")
    )  # fmt: skip
    return frame[~test].reset_index(drop=True)


def _assemble(
    parts: Sequence[_Part],
    phases: PhaseVocabulary | None = None,
    rates: ExchangeRates | None = None,
) -> Dataset:
    extra: dict[str, list[tuple]] = {}
    by_table: dict[str, list[pd.DataFrame]] = {}
    said: dict[int, dict[str, pd.DataFrame]] = {}
    gone: dict[int, list[tuple[np.ndarray, str]]] = {}  # each file's rows left out, and why
    contact_lists = _contact_lists(parts)  # a contact-role report beside the deals' file
    for i, p in enumerate(parts):
        frame = p.frame
        if p.mapping.table == "opportunities" and ROLE_COLUMN in frame.columns:
            frame = frame.drop(columns=ROLE_COLUMN)  # a contact's role: the person's (below)
        lines = _gone(p.raw.frame.index.to_numpy(dtype=np.int64), frame["source_row"])
        if len(lines):  # tasks not done, members who did not respond
            gone.setdefault(i, []).extend(_derived_out(p, lines))
        if i in contact_lists:
            missing_keys(p.raw.file, frame, extra)
            continue
        if p.mapping.table == "opportunities":
            frame, folded = one_row_per_deal(frame, p.raw.file)  # a row per contact or product
            extra.setdefault(p.raw.file, []).extend(folded)
            lines = _gone(p.frame["source_row"].to_numpy(dtype=np.int64), frame["source_row"])
            if len(lines):
                gone.setdefault(i, []).append((lines, "deal_rows_merged"))
            frame = _without_test_deals(frame, p.raw.file, extra, gone.setdefault(i, []))
            frame = with_outcomes(frame, phases)
            said[i] = file_outcomes(p.raw.file, frame, phases, extra)
            frame = _in_currency(frame, p, rates, extra)
        by_table.setdefault(p.mapping.table, []).append(frame)
        if p.mapping.table == "activities" or (
            p.mapping.table == "opportunities" and not contact_lists
        ):
            missing_keys(p.raw.file, frame, extra)
    leads = _concat("leads", by_table["leads"]) if "leads" in by_table else _empty("leads")
    leads = _ensure_lead_ids(leads, extra)
    leads = _carry_roles(leads, parts, extra)  # a contact's role on a deal, to the person
    cards = _card_exchanges(leads, parts)
    if cards is not None:  # each card exchanged is a touch, beside the activity files'
        by_table.setdefault("activities", []).append(cards)
        per_file = cards.groupby("source_file")["source_row"].agg(["size", "min"])
        for file, (n, first) in per_file.iterrows():  # said on the card file's report
            key = "ingest.issue.card_touches_one" if n == 1 else "ingest.issue.card_touches"
            note = (file, int(first), None, "card_touches", int(n), key)
            extra.setdefault(str(file), []).append(note)
    tables: dict[str, pd.DataFrame | None] = {
        name: _concat(name, by_table[name]) if name in by_table else None
        for name in ("activities", "opportunities", "accounts")
    }
    if tables["opportunities"] is not None and len(by_table["opportunities"]) > 1:
        before = len(tables["opportunities"])
        tables["opportunities"], part = _latest_opportunities(
            tables["opportunities"], [len(f) for f in by_table["opportunities"]], extra, phases
        )
        if len(tables["opportunities"]) < before:  # a file's outcomes: the deals it still holds
            _recount_outcomes(parts, tables["opportunities"], part, said, phases)
            kept = tables["opportunities"]["source_row"]
            for n, (i, f) in enumerate(zip(sorted(said), by_table["opportunities"], strict=True)):
                lines = _gone(f["source_row"].to_numpy(dtype=np.int64), kept[part == n])
                if len(lines):  # a later file of the upload lists the same deal
                    gone[i] = _superseded_folds(gone.get(i, []), parts[i].frame, lines)
                    gone[i].append((lines, "superseded"))
    for i in contact_lists:  # each contact to its deal, before the deals are linked
        tables["opportunities"] = _attach(i, parts[i], tables["opportunities"], extra, gone)
    if contact_lists:  # a deals' file without people may have gained them
        deals = tables["opportunities"]
        for i, p in enumerate(parts):
            if p.mapping.table == "opportunities" and i not in contact_lists:
                mine = deals["source_file"].to_numpy() == p.raw.file
                missing_keys(p.raw.file, deals[mine], extra)
    links: dict[str, dict[str, int]] = {}
    linked = [n for n in ("activities", "opportunities") if tables[n] is not None]
    people = people_at_load(leads, tables["accounts"]) if linked else None
    for name in ("activities", "opportunities"):
        if tables[name] is not None:
            every = name == "opportunities"  # a deal's every contact (#13)
            tables[name] = link_rows(tables[name], people, extra, links, every=every)
    reports = []
    for i, p in enumerate(parts):
        f = p.raw.file
        more = extra.get(f, [])
        frames = [
            x
            for x in (p.raw.issues, p.issues, issues_frame(more) if more else None)
            if x is not None and len(x)
        ]
        issues = pd.concat(frames, ignore_index=True) if frames else issues_frame([])
        reports.append(
            SourceReport(
                file=f,
                table=p.mapping.table,
                vendor=p.mapping.vendor,
                encoding=p.raw.encoding,
                rows=len(p.frame),
                header_row=p.raw.header_row,
                mapping=dict(p.mapping.columns),
                confidence=dict(p.mapping.confidence),
                issues=issues[[c for c in (*ISSUE_COLUMNS, KEPT_COLUMN) if c in issues.columns]],
                links=links.get(f, {})
                if p.mapping.table in ("activities", "opportunities")
                else {},
                left_out=_left_out(p.raw, gone.get(i, [])),
                **said.get(i, {}),
            )
        )
    return Dataset(leads=leads, sources=tuple(reports), **tables)


def build_dataset(
    parts: Sequence[tuple[RawTable, ColumnMapping]],
    *,
    phases: PhaseVocabulary | None = None,
    rates: ExchangeRates | None = None,
) -> Dataset:
    """Apply each mapping and join the files into one dataset.

    Files of the same table are concatenated (columns are the union; a column
    one file lacks is missing for its rows). Leads without a ``lead_id`` get
    a generated one (``L<8 hex of the file name>-<line>``). Opportunities get
    their ``outcome`` and ``outcome_source`` (flags, else the phase through
    ``phases``: :func:`abm.core.opportunities.outcomes`). Activities and
    opportunities are linked to people (:func:`abm.pipeline.link_people`:
    id, e-mail, contact name + account; ``lead_id`` and ``link_rule``).
    Every step is reported in the file's :class:`~abm.SourceReport` (link
    counts, outcomes and phases, and a warning when a file has no key to
    link by).
    All or nothing: :func:`~abm.ingest.build_batch` leaves a failing file out
    and reports it instead.

    Parameters
    ----------
    parts : sequence of (RawTable, ColumnMapping)
    phases : PhaseVocabulary, optional
        Phase words (the workspace section ``phases``; defaults when omitted).
    rates : ExchangeRates, optional
        The workspace's currency and exchange rates: amounts in another currency are
        converted, or left out of sums without a rate (:mod:`abm.core.money`; yen and no
        rates when omitted).

    Returns
    -------
    abm.Dataset
    """
    applied = [_Part(raw, m, *apply_mapping(raw, m)) for raw, m in parts]
    return _assemble(applied, phases, rates)
