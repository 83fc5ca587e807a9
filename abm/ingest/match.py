"""Which canonical column a header is, in the context of a table and a tool.

Headers are normalised (NFKC, case-folded, spaces ``_ - . ・ :`` removed) and
looked up in the alias vocabulary of :mod:`abm.ingest.aliases`, the tool's own
entries first:

1. exact alias → confidence 1.0 (a tool's entry may say less, so that a
   better column of the same export wins);
2. a header naming a related object (``取引先責任者: メール``, ``Contact:
   Email``, ``Opportunity.StageName``, ``取引先責任者 所有者``; see
   :func:`abm.ingest.headers.split_object`): the field is looked up in the
   table's own vocabulary when the object is the table's own, else in what
   the table keeps of that object (:data:`abm.ingest.aliases.FOREIGN`:
   ``取引先: 取引先名`` is the company of an activity, ``取引先責任者: 氏名``
   its contact's name); exact → 1.0 (0.95 after a space-only prefix). A
   related object's field that the table does not keep is ignored, and a
   prefixed header is never fuzzy-matched as a whole;
3. alias after dropping a trailing bracketed unit such as ``（百万円）`` → 0.95
   (a bracketed reading such as ``（ふりがな）`` is never a name: ignored);
4. the closest alias by ``rapidfuzz.fuzz.ratio`` at or above
   :data:`FUZZY_CUTOFF` → ``0.9 × score/100``.

:func:`map_headers` gives every header of an export its column (a canonical
column goes to one header only: the higher confidence, then the leftmost);
:func:`infer_table` says which table an export's rows belong to when no
golden header set (:mod:`abm.ingest.detect`) does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from abm.ingest import aliases as A
from abm.ingest.detect import lifecycle_header
from abm.ingest.headers import normalise_header, split_object
from abm.schema import TABLES

__all__ = ["FUZZY_CUTOFF", "infer_table", "map_headers"]

#: Minimum ``fuzz.ratio`` score for a near-miss header to be mapped.
FUZZY_CUTOFF = 85.0

_UNIT = re.compile(r"[\(\[【［〔<＜][^\(\[【［〔<＜\)\]】］〕>＞]*[\)\]】］〕>＞]$")
_SLASHES = re.compile(r"[/>／＞]")  # separators normalise_header keeps (``state/region``)
_Hit = tuple[str | None, float]


@lru_cache(maxsize=64)
def _table_aliases(vendor: str, table: str) -> dict[str, _Hit]:
    out: dict[str, _Hit] = {}
    for canon, names in A.COMMON[table].items():
        for name in names:
            out.setdefault(normalise_header(name), (canon, 1.0))
    for canon, names in A.FALLBACK.get(table, {}).items():
        for name in names:
            out.setdefault(normalise_header(name), (canon, A.FALLBACK_CONFIDENCE))
    for name, canon in A.VENDOR.get(vendor, {}).get(table, {}).items():
        out[normalise_header(name)] = canon if isinstance(canon, tuple) else (canon, 1.0)
    return out


@lru_cache(maxsize=8)
def _fallbacks(table: str) -> frozenset[str]:
    return frozenset(normalise_header(n) for ns in A.FALLBACK.get(table, {}).values() for n in ns)


def _is_fallback(header: str, table: str) -> bool:
    """Whether ``header`` is a :data:`abm.ingest.aliases.FALLBACK` name of ``table``."""
    norm = normalise_header(header)
    names = _fallbacks(table)
    return norm in names or _UNIT.sub("", norm) in names


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


_EXACT_ONLY = frozenset(normalise_header(h) for h in A.EXACT_ONLY)


def _fuzzy(norm: str, lookup: Mapping[str, _Hit]) -> _Hit:
    if len(norm) >= 3:
        names = [n for n in lookup if n not in _EXACT_ONLY]
        best = process.extractOne(norm, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
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


def map_headers(
    headers: Sequence[str],
    table: str,
    vendor: str,
    *,
    fits: Callable[[str, str, float], bool] | None = None,
) -> tuple[dict[str, str | None], dict[str, float], list[tuple[str, str]]]:
    """Map every header of an export onto the columns of ``table``.

    Parameters
    ----------
    headers : sequence of str
        The export's column labels.
    table : str
        Canonical table.
    vendor : str
        Tool whose own aliases apply first.
    fits : callable, optional
        ``fits(header, column, confidence)``: False rules a match out before the
        columns are shared out (a loose match to a number column whose cells hold no
        numbers), so a rival header it would have beaten keeps the column.

    Returns
    -------
    (dict, dict, list)
        Header → canonical column (``None``: ignored), header → confidence,
        and the ``(header, column)`` pairs that lost their column to a better
        match (higher confidence, then a preferred header — an amount already converted
        to the company's currency, a member's own status — then further left); a
        :data:`~abm.ingest.aliases.FALLBACK` name that gave way is not one of them.
    """
    found = [(h, *_match_one(h, table, vendor)) for h in headers]
    # equal confidence: an amount already in the company's currency before the deal's own,
    # a member's status before its campaign's
    order = sorted(
        range(len(found)),
        key=lambda i: (-found[i][2], normalise_header(found[i][0]) not in _PREFERRED, i),
    )
    taken: set[str] = set()
    cols: dict[str, str | None] = {h: None for h in headers}
    conf: dict[str, float] = {h: 0.0 for h in headers}
    dropped: list[tuple[str, str]] = []
    for i in order:
        h, canon, c = found[i]
        if canon is None or (fits is not None and not fits(h, canon, c)):
            continue
        if canon in taken:
            if not _is_fallback(h, table):  # a fallback name gives way silently
                dropped.append((h, canon))
            continue
        taken.add(canon)
        cols[h], conf[h] = canon, c
    _partner_role(cols, conf)
    return cols, conf, dropped


_PARTNERS = frozenset(normalise_header(h) for h in A.PARTNER_HEADERS)
_PARTNER_ROLES = frozenset(normalise_header(h) for h in A.PARTNER_ROLES)
_PARTNER_PRIMARY = frozenset(normalise_header(h) for h in A.PARTNER_PRIMARY)


def _partner_role(cols: dict[str, str | None], conf: dict[str, float]) -> None:
    """Beside a partner column (:data:`abm.ingest.aliases.PARTNER_HEADERS`: Salesforce's
    Opportunities with Partners report), a bare ``Role`` / ``役割`` is the partner's role
    (販売代理店, Distributor), not a buying role, and a bare ``Primary`` / ``主`` the primary
    partner, not the primary contact: they are left unmapped (in place)."""
    norms = {h: normalise_header(h) for h in cols}
    if not _PARTNERS & set(norms.values()):
        return
    for h, canon in cols.items():
        if (canon == "buying_role" and norms[h] in _PARTNER_ROLES) or (
            canon == "is_primary" and norms[h] in _PARTNER_PRIMARY
        ):
            cols[h], conf[h] = None, 0.0


#: When one object prefixes most columns, it names the row: most specific first.
_GRAIN = ("activity", "opportunity", "person", "account")
_ACCESS_TIMES = frozenset(normalise_header(h) for h in A.ACCESS_TIMES)
_PREFERRED = frozenset(normalise_header(h) for h in A.PREFERRED)
_TABLE_OF = {obj: table for table, obj in A.OWN_OBJECT.items()}


def infer_table(headers: Sequence[str], vendor: str = "generic") -> str:
    """The canonical table an export's rows belong to, from its columns' meanings alone.

    No golden header set is used (that is :func:`~abm.ingest.detect.detect`'s
    job): this is the rule for an export no signature knows.

    1. When explicit object prefixes (``Opportunity: …``, ``商談: …``) label
       at least half of the columns, the most frequent object is the row
       (ties: activity, opportunity, person, account).
    2. A date and an activity type → activities; so is an access log's visit
       time (:data:`abm.ingest.aliases.ACCESS_TIMES`) with a URL.
    3. A stage with an amount, a close date, a won/closed flag or a deal
       id/name; or an amount with a deal id/name/close date → opportunities.
    4. No column that only a person has (e-mail, first/last name, a name
       labelled as a person's — a bare ``Name`` is the record's own name),
       a company or domain, and at least as many columns as for leads → accounts;
       when the file names the company's domain, the dates, stage and status any
       CRM record has (:data:`abm.ingest.aliases.RECORD_COLUMNS`) are not counted
       for leads (HubSpot's companies export: create date, lifecycle stage).
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
    mapped = {t: map_headers(headers, t, vendor)[0] for t in TABLES}
    by_table = {t: {c for c in m.values() if c} for t, m in mapped.items()}
    act, opp = by_table["activities"], by_table["opportunities"]
    if {"timestamp", "activity_type"} <= act:
        return "activities"
    # an access log (BowNow's アクセスログ): one kind of row, named by its time column
    stamps = {normalise_header(h) for h, c in mapped["activities"].items() if c == "timestamp"}
    if "url" in act and stamps & _ACCESS_TIMES:
        return "activities"
    deal = {"opportunity_id", "opportunity_name", "close_date", "is_won", "is_closed"}
    plain = {normalise_header(w) for w in A.PLAIN_STATUS}
    if {normalise_header(h) for h, c in mapped["opportunities"].items() if c == "stage"} <= plain:
        opp = opp - {"stage"}  # a lead's Status is no deal's stage: it says nothing of the table
    if ("stage" in opp and opp & (deal | {"amount"})) or ("amount" in opp and opp & deal):
        return "opportunities"
    accounts = by_table["accounts"]
    ambiguous = {normalise_header(n) for n in A.AMBIGUOUS_NAMES}
    person = {
        c
        for h, c in mapped["leads"].items()
        if c in A.PERSON_COLUMNS and not (c == "full_name" and normalise_header(h) in ambiguous)
    }
    # a file naming the company's domain: the dates and stage any record has count for none
    record = A.RECORD_COLUMNS if "domain" in accounts else ()
    named = {
        c
        for h, c in mapped["leads"].items()
        if c and c not in record and normalise_header(h) not in ambiguous
    }
    if not person and accounts & {"company", "domain"} and len(accounts) >= len(named):
        return "accounts"
    return "leads"
