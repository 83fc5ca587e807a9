"""Which tool wrote an export, and which report it is, from its header set alone.

Every golden header set of :mod:`abm.ingest.signatures` is scored against the
export's headers (normalised like every alias; HubSpot's variable
``Date entered "<stage> (Lifecycle Stage Pipeline)"`` columns count as one
token). A header is weighted by how telling it is: ``1 / (number of tools
whose signatures hold it)`` — ``Email`` is weak, ``marketoGUID`` or
``取引先責任者 ID`` strong — and a header no signature holds (a custom field)
weighs 1, so it counts against every tool.

* ``share`` of a signature: the weight of the export's headers it holds over
  the weight of all the export's headers (how much of the file it explains).
* The best signature wins (ties: the larger part of the signature present,
  then the order of :data:`~abm.ingest.signatures.SIGNATURES`).
* ``confidence = share × min(1, distinct / 2)``, where ``distinct`` is the
  weight of the winner's headers that the best signature *of another tool*
  does not hold, everyday labels left out
  (:data:`~abm.ingest.signatures.PLAIN_HEADERS`: ``日付``, ``件名``, ``Subject``…
  explain a file but name no tool): a file explained equally well by two tools
  is not recognised, however well it is explained, nor is one that only a
  tool's everyday labels explain.

At :data:`MIN_CONFIDENCE` or above the tool is recognised. Its report type is
named when at least :data:`MIN_REPORT_HEADERS` of the export's headers are
missing from every signature of that tool that fills another table (three
columns ``Id, OwnerId, CreatedDate`` say Salesforce, not whether they are
contacts or events). A file with no person column (e-mail, first, last or
full name) that names a company or its domain is no person export: one header
the tool's best person report does not hold is enough to set it apart from
that report (HubSpot's contacts export can hold every column of a companies
export but ``Company Domain Name`` / ``会社のドメイン名``). The report type then decides the
table and, for activities, their origin (``sales`` for a CRM's activity history,
``marketing`` for an MA behaviour log). Otherwise the table comes from the
column meanings (:func:`abm.ingest.mapping.infer_table`), and below
:data:`MIN_CONFIDENCE` the tool is guessed from marker headers
(:data:`abm.ingest.aliases.MARKERS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from abm.ingest import aliases as A
from abm.ingest.headers import in_japanese, normalise_header
from abm.ingest.signatures import PLAIN_HEADERS, SIGNATURES

__all__ = ["MIN_CONFIDENCE", "MIN_REPORT_HEADERS", "Detection", "detect", "lifecycle_header"]

#: Confidence from which the tool is recognised.
MIN_CONFIDENCE = 0.5
#: Headers that must set a report type apart from the tool's other tables.
MIN_REPORT_HEADERS = 2
#: Weight of distinct evidence that gives full confidence (two tool-unique headers).
_DISTINCT_FULL = 2.0
_LIFECYCLE_TOKEN = normalise_header("hubspot:lifecycle-date")
_LIFECYCLE = re.compile(r"^dateentered[\"'“”‘’]*(.+?)\(lifecyclestagepipeline\)[\"'“”‘’]*$")
_BECAME = re.compile(r"^becamean?(.+?)date$")
#: HubSpot's Japanese UI: ``「リード」になった日付``, ``『商談』になった日付``,
#: ``マーケティング・クオリファイド・リード（MQL）になった日``,
#: ``MQL（マーケティング上の有望な見込み客）になった日付`` (normalised: full-width
#: parentheses are half-width).
_BECAME_JA = re.compile(r"^(.+?)になった日(?:付|時)?$")
#: Quote marks around a stage's name in the Japanese labels (after NFKC).
_QUOTES = "「」『』\"'“”‘’〈〉《》【】"
#: ``<name>(<note>)``: the stage's name and the note the label adds in parentheses.
_NOTE = re.compile(r"^(.*?)\((.+)\)$")


def _ja_stage(phrase: str) -> str:
    """The stage of a Japanese ``…になった日付`` label: quotes dropped, and of
    ``A(B)`` the first of ``A``, ``B`` that names a stage (else ``A``)."""
    phrase = phrase.strip(_QUOTES)
    note = _NOTE.match(phrase)
    if note is None:
        return phrase
    names = [n.strip(_QUOTES) for n in note.groups()]
    return next((n for n in names if n in A.LIFECYCLE_STAGE_DATES), names[0] or names[1])


def lifecycle_header(norm: str) -> str | None:
    """The stage phrase of a HubSpot lifecycle-date header (normalised), else ``None``.

    Parameters
    ----------
    norm : str
        A header in :func:`~abm.ingest.headers.normalise_header` form.

    Returns
    -------
    str or None
        The stage's phrase, a key of :data:`abm.ingest.aliases.LIFECYCLE_STAGE_DATES`
        for the stages that have a date field (``None`` when the header is no
        lifecycle-date column).
    """
    m = _LIFECYCLE.match(norm) or _BECAME.match(norm)
    if m:
        return m.group(1)
    m = _BECAME_JA.match(norm)
    return _ja_stage(m.group(1)) if m else None


@dataclass(frozen=True)
class Detection:
    """What an export's headers say about where it comes from.

    Attributes
    ----------
    vendor : str
        Tool (one of :data:`abm.ingest.aliases.VENDORS`).
    report : str
        Report type (:data:`abm.ingest.signatures.REPORTS`), ``""`` when no
        golden header set fits with :data:`MIN_CONFIDENCE`.
    table : str or None
        Canonical table of the report type (``None`` when not recognised).
    origin : str or None
        ``"sales"`` / ``"marketing"`` for a recognised activity export.
    confidence : float
        Confidence in the tool, in [0, 1] (see the module docstring).
    """

    vendor: str
    report: str = ""
    table: str | None = None
    origin: str | None = None
    confidence: float = 0.0


@lru_cache(maxsize=1)
def _model() -> tuple[list[frozenset[str]], dict[str, float]]:
    sets = [frozenset(normalise_header(h) for h in s.headers) for s in SIGNATURES]
    tools: dict[str, set[str]] = {}
    for sig, hs in zip(SIGNATURES, sets, strict=True):
        for h in hs:
            tools.setdefault(h, set()).add(sig.vendor)
    return sets, {h: 1.0 / len(v) for h, v in tools.items()}


@lru_cache(maxsize=1)
def _plain() -> frozenset[str]:
    return frozenset(normalise_header(h) for h in PLAIN_HEADERS)


@lru_cache(maxsize=1)
def _person_and_company() -> tuple[frozenset[str], frozenset[str]]:
    """Headers that name a person's field (e-mail, first/last or full name; not a bare
    ``Name``, a record's own name) and those that name a company or its domain."""
    ambiguous = {normalise_header(n) for n in A.AMBIGUOUS_NAMES}
    person = {
        normalise_header(n) for c in A.PERSON_COLUMNS for n in A.COMMON["leads"][c]
    } - ambiguous
    company = {
        normalise_header(n)
        for c in ("company", "domain")
        for table in ("accounts", "leads")
        for n in A.COMMON[table][c]
    }
    return frozenset(person), frozenset(company)


@lru_cache(maxsize=1)
def _markers() -> dict[str, frozenset[str]]:
    return {v: frozenset(normalise_header(m) for m in ms) for v, ms in A.MARKERS.items()}


def _norms(headers: Sequence[str]) -> set[str]:
    out = set()
    for h in headers:
        n = normalise_header(h)
        out.add(_LIFECYCLE_TOKEN if lifecycle_header(n) is not None else n)
    out.discard("")
    return out


def _by_markers(headers: Sequence[str], norms: set[str]) -> str:
    hits = {v: len(norms & ms) for v, ms in _markers().items()}
    hits["hubspot"] += int(_LIFECYCLE_TOKEN in norms)
    best = max(A.VENDORS, key=lambda v: (hits.get(v, 0), -A.VENDORS.index(v)))
    if hits.get(best, 0) > 0:
        return best
    return "generic_ja" if in_japanese(headers) else "generic"


def detect(headers: Sequence[str]) -> Detection:
    """Detect the tool and report type of an export from its headers.

    Parameters
    ----------
    headers : sequence of str
        The export's column labels (any order).

    Returns
    -------
    Detection
        The tool when a golden header set fits with at least
        :data:`MIN_CONFIDENCE`, and its report type, table and origin when the
        headers tell the report apart (see the module docstring); otherwise
        the tool with most marker headers (``"generic_ja"`` / ``"generic"``
        when none) and no report type.

    Examples
    --------
    >>> d = detect(["件名", "種別", "日付", "任命先", "取引先責任者: メール", "取引先: 取引先名"])
    >>> d.vendor, d.report, d.table, d.origin
    ('salesforce', 'salesforce.report_activities', 'activities', 'sales')
    """
    norms = _norms(headers)
    if not norms:
        return Detection(_by_markers(headers, norms))
    sets, weight = _model()
    w = {h: weight.get(h, 1.0) for h in norms}
    total = sum(w.values())
    scored = []
    for i, s in enumerate(sets):
        hit = norms & s
        share = sum(w[h] for h in hit) / total
        scored.append((share, len(hit) / len(s), -i, hit))
    best = max(scored)
    sig = SIGNATURES[-best[2]]
    others = [x for x in scored if SIGNATURES[-x[2]].vendor != sig.vendor]
    rival = sets[-max(others)[2]] if others else frozenset()
    distinct = sum(w[h] for h in best[3] - rival - _plain())
    confidence = round(best[0] * min(1.0, distinct / _DISTINCT_FULL), 3)
    if confidence < MIN_CONFIDENCE:
        return Detection(_by_markers(headers, norms), confidence=confidence)
    tables = [
        x
        for x in scored
        if SIGNATURES[-x[2]].vendor == sig.vendor and SIGNATURES[-x[2]].table != sig.table
    ]
    person, company = _person_and_company()
    # a file with no person column but a company's name or domain is no person export:
    # one header no person report of the tool holds sets it apart from them
    people = []
    if sig.table != "leads" and not norms & person and norms & company:
        people = [x for x in tables if SIGNATURES[-x[2]].table == "leads"]
        tables = [x for x in tables if SIGNATURES[-x[2]].table != "leads"]
    apart = best[3] - (sets[-max(tables)[2]] if tables else frozenset())
    if len(apart) < MIN_REPORT_HEADERS or (people and not best[3] - sets[-max(people)[2]]):
        return Detection(sig.vendor, confidence=confidence)
    return Detection(sig.vendor, sig.report, sig.table, sig.origin, confidence)
