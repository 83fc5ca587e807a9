"""Columns a file implies without holding them, filled right after the mapping.

:func:`derive_columns` runs on every converted file (``apply_mapping``) and
fills, where the file says so and only where a value is missing:

* ``origin`` of every activity from the file's report type
  (:attr:`~abm.ingest.ColumnMapping.origin`: a CRM activity report is
  ``sales``, an MA behaviour log ``marketing``); a mapped ``origin`` column
  wins where it has a value.
* ``email`` of an activity or deal from its contact column where that column
  names the contact by address (HubSpot's ``Associated Contact`` shows a
  contact's e-mail when it has no name; ``Name (addr)``, ``a@x.jp;b@x.jp``):
  the addresses, ``;``-joined in the cell's order, where the row has no e-mail.
* ``full_name`` of a person from ``last_name`` and ``first_name`` (SATORI's
  ``苗字`` + ``名前``, Salesforce's ``姓`` + ``名``, HubSpot's First + Last):
  family name first when either part is written in kana or kanji, given name
  first otherwise, one space between.
* Salesforce record ids: an 18-character id (a case-safe id whose last three
  characters are the checksum of the first fifteen's letter case) becomes its
  15-character form, so a report's ``0035g0000OHq1el`` and a data export's
  ``0035g0000OHq1elAQB`` are one id. Only ids whose checksum holds, in files
  of Salesforce or whose every 18-character id holds it.
* ``employees_band`` / ``annual_revenue_band``: the text of a cell that was a
  band (``1,000〜1,999名``, ``2000+``; see :mod:`abm.ingest.numbers`), beside
  the lower bound the number column holds.
* A member report's rows (Salesforce's campaign members, Marketo's program
  members) as marketing activities: the member's id from whichever id column
  holds it, its name, the date it responded or reached success (else when it
  became a member), its kind from what it engaged in; a member who did not
  respond (sent, invited, no-show) is no activity: left out, and the load report
  says how many and from which line.
* ``probability`` in percent: HubSpot stores a deal's probability as a
  fraction (``0.9``); a column whose values all lie in [0, 1] with a fraction
  among them, or any such column from HubSpot, is multiplied by 100.

Each step that changed something adds an issue row (file, column, count), so
the load report says what was filled; never a value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.activities import (
    campaign_response_types,
    member_status_classes,
    named_form_types,
    object_action_types,
    task_not_done,
)
from abm.core.arrow import arrow_strings, scatter, strings
from abm.core.keys import LIST_SEPARATORS
from abm.core.money import currency_codes, currency_pattern
from abm.ingest.aliases import (
    CLOSED_DATES,
    CONVERTED_AMOUNTS,
    CURRENCY_HEADERS,
    PLANNED_DATES,
)
from abm.ingest.cells import distinct, expand, prepare
from abm.ingest.headers import JAPANESE, in_japanese, normalise_header
from abm.ingest.mapping import ColumnMapping
from abm.ingest.numbers import number_bands
from abm.ingest.read import RawTable
from abm.ingest.signatures import KIND_HEADERS, REPORT_KIND
from abm.schema import LINEAGE, TABLES

__all__ = [
    "contact_addresses",
    "derive_columns",
    "implied_columns",
    "read_headers",
    "salesforce_id15",
]

_ID_COLUMNS = ("lead_id", "account_id", "opportunity_id", "converted_contact_id")
_BANDS = (("employees", "employees_band"), ("annual_revenue", "annual_revenue_band"))
#: An address in a contact cell: text around an ``@`` up to a space, bracket, quote or list
#: separator (``加藤 美咲 (misaki@alphatech.co.jp)``); the e-mail key checks it later.
_STOP = r"\s;；,，、()（）<>＜＞\[\]「」\"'"
_ADDRESS = rf"(?P<address>[^{_STOP}@＠]+[@＠][^{_STOP}@＠]+)"
# Salesforce's checksum alphabet: 5 case bits of a 5-character chunk → one character.
_SUFFIX = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", dtype=np.uint8)
_BIT = 1 << np.arange(5)


def _valid18(ids: np.ndarray) -> np.ndarray:
    """Whether each 18-character ASCII alphanumeric id carries a valid checksum."""
    arr = np.frombuffer("".join(ids).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
    upper = (arr[:, :15] >= 65) & (arr[:, :15] <= 90)
    bits = (upper.reshape(-1, 3, 5) * _BIT).sum(axis=2)
    tail = arr[:, 15:]
    tail = np.where((tail >= 97) & (tail <= 122), tail - 32, tail)  # the suffix is case-safe
    return (_SUFFIX[bits] == tail).all(axis=1)


def salesforce_id15(ids: pd.Series, *, salesforce: bool = True) -> pd.Series:
    """Shorten 18-character Salesforce ids to their 15-character form.

    Parameters
    ----------
    ids : pandas.Series
        Id text (``string`` dtype, missing allowed).
    salesforce : bool
        The file is a Salesforce export. Otherwise ids are shortened only when
        at least three 18-character ids are present and every one of them
        carries a valid checksum (an id of another tool that happens to fit
        is left alone).

    Returns
    -------
    pandas.Series
        Same index and dtype; only ids with a valid checksum are changed.

    Examples
    --------
    >>> salesforce_id15(pd.Series(["0035g0000OHq1elAQB", "0035g0000OHq1el", "abc"])).tolist()
    ['0035g0000OHq1el', '0035g0000OHq1el', 'abc']
    """
    s = ids.astype("string")
    cand = ((s.str.len() == 18) & s.str.isalnum() & s.str.isascii()).fillna(False)
    if not cand.any():
        return s
    codes, uniques = pd.factorize(s[cand])
    valid = _valid18(np.asarray(uniques, dtype=object))
    if not salesforce and (len(codes) < 3 or not valid.all()):
        return s
    ok = pd.Series(valid[codes], index=s[cand].index)
    short = s[cand].str.slice(0, 15).where(ok, s[cand])
    return s.where(~cand, short.reindex(s.index))


def _full_names(frame: pd.DataFrame) -> pd.Series:
    parts = [frame[c] for c in ("last_name", "first_name") if c in frame.columns]
    last = frame.get("last_name", pd.Series(pd.NA, index=frame.index, dtype="string"))
    first = frame.get("first_name", pd.Series(pd.NA, index=frame.index, dtype="string"))
    last, first = last.astype("string").fillna(""), first.astype("string").fillna("")
    cjk = (last + first).str.contains(JAPANESE, regex=True).fillna(False)
    japanese = (last + " " + first).str.strip()
    western = (first + " " + last).str.strip()
    name = japanese.where(cjk, western)
    return name.mask(name == "") if parts else name


def _band_text(raw: pd.Series) -> pd.Series:
    """Text of the cells that are bands (missing elsewhere), per distinct value."""
    codes, u = distinct(raw)
    t, _, _ = prepare(u)
    _, band = number_bands(t)
    text = u.str.strip().where(band.to_numpy(dtype=bool))
    return expand(codes, text, raw.index, "string")


def _header_of(mapping: ColumnMapping, canon: str) -> str | None:
    return next((h for h, c in mapping.columns if c == canon), None)


def _issue(file: str, column: str | None, key: str, count: int) -> tuple:
    """An issue record; ``key`` is the literal message key, its last part the check."""
    return (file, None, column, key.rsplit(".", 1)[1], int(count), key)


_Derived = tuple[dict[str, pd.Series], list[tuple]]


def _derive_names(frame: pd.DataFrame, file: str) -> _Derived:
    """``full_name`` built from last and first names where the file gave none."""
    have = frame.get("full_name", pd.Series(pd.NA, index=frame.index, dtype="string"))
    built = _full_names(frame)
    filled = have.isna() & built.notna()
    if not filled.any():
        return {}, []
    new = {"full_name": have.astype("string").where(~filled, built)}
    return new, [_issue(file, None, "ingest.issue.full_name_built", int(filled.sum()))]


def contact_addresses(contacts: pd.Series) -> pd.Series:
    """The e-mail addresses written in contact cells, ``;``-joined in the cell's order.

    A cell that names its contact by address (``misaki@alphatech.co.jp``),
    adds one to the name (``加藤 美咲 (misaki@alphatech.co.jp)``) or lists
    several (``a@x.co.jp;b@x.co.jp``) gives its addresses; a cell of names
    gives none. Arrow kernels on the cells holding an ``@`` only.

    Parameters
    ----------
    contacts : pandas.Series
        Contact cells as exported.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index; missing where a cell holds no address.

    Examples
    --------
    >>> contact_addresses(pd.Series(["林 隆", "a@x.jp;林 (b@x.jp)"])).tolist()
    [<NA>, 'a@x.jp;b@x.jp']
    """
    arr = arrow_strings(contacts)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    at = pc.fill_null(pc.match_substring_regex(arr, "[@＠]"), False)
    rows = np.flatnonzero(at.to_numpy(zero_copy_only=False))
    if not len(rows):
        return strings(pa.nulls(len(arr), pa.large_string()), contacts.index, contacts.name)
    lists = pc.split_pattern_regex(arr.take(pa.array(rows)), LIST_SEPARATORS)
    parent = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    found = pc.struct_field(pc.extract_regex(pc.list_flatten(lists), _ADDRESS), [0])
    ok = pc.is_valid(found).to_numpy(zero_copy_only=False)
    counts = np.bincount(parent[ok], minlength=len(rows))
    offsets = pa.array(np.r_[0, np.cumsum(counts)], pa.int32())
    listed = pa.ListArray.from_arrays(offsets, found.filter(pa.array(ok)))
    joined = pc.binary_join(listed, pa.scalar(";", found.type))
    joined = pc.if_else(pa.array(counts > 0), joined, pa.scalar(None, joined.type))
    out = scatter(joined.cast(pa.large_string()), rows, len(arr))
    return strings(out, contacts.index, contacts.name)


def _derive_contact_emails(frame: pd.DataFrame, mapping: ColumnMapping, file: str) -> _Derived:
    """``email`` from the addresses of the contact column, where the row has none."""
    found = contact_addresses(frame["contact_name"])  # a scan for "@", most often all
    filled = found.notna().to_numpy(dtype=bool, copy=True)
    if not filled.any():
        return {}, []
    have = frame.get("email", pd.Series(pd.NA, index=frame.index, dtype="string"))
    have = have.astype("string")
    rows = np.flatnonzero(filled)
    given = have.iloc[rows]
    filled[rows] = (given.isna() | (given.str.strip() == "")).to_numpy(dtype=bool)
    if not filled.any():
        return {}, []
    header = _header_of(mapping, "contact_name")
    return {"email": have.where(~filled, found)}, [
        _issue(file, header, "ingest.issue.email_from_contact", int(filled.sum()))
    ]


def _derive_ids(frame: pd.DataFrame, mapping: ColumnMapping, file: str) -> _Derived:
    """Salesforce IDs shortened to their 15-character form (see :func:`salesforce_id15`)."""
    new: dict[str, pd.Series] = {}
    issues: list[tuple] = []
    for col in _ID_COLUMNS:
        if col in frame.columns:
            short = salesforce_id15(frame[col], salesforce=mapping.vendor == "salesforce")
            changed = (short != frame[col].astype("string")).fillna(False)
            if changed.any():
                new[col] = short
                header = _header_of(mapping, col)
                issues.append(_issue(file, header, "ingest.issue.salesforce_id15", changed.sum()))
    return new, issues


def _derive_bands(
    frame: pd.DataFrame, raw: RawTable, mapping: ColumnMapping, names: tuple[str, ...]
) -> _Derived:
    """Band columns (employees, revenue) kept as the file wrote them, read as lower bounds."""
    new: dict[str, pd.Series] = {}
    issues: list[tuple] = []
    for number, band in _BANDS:
        header = _header_of(mapping, number)
        if band not in names or number not in frame.columns or header is None:
            continue
        text = _band_text(raw.frame[header]).reset_index(drop=True)
        text.index = frame.index
        if text.notna().any():
            have = frame.get(band, pd.Series(pd.NA, index=frame.index, dtype="string"))
            new[band] = have.astype("string").fillna(text)
            issues.append(
                _issue(raw.file, header, "ingest.issue.band_lower_bound", int(text.notna().sum()))
            )
    return new, issues


def _derive_probability(frame: pd.DataFrame, mapping: ColumnMapping, file: str) -> _Derived:
    """Opportunity probabilities written as fractions (HubSpot, or any in (0, 1)) in percent."""
    p = frame["probability"].astype("Float64")
    got = p.dropna()
    fraction = bool(len(got)) and bool(((got >= 0) & (got <= 1)).all())
    if not (fraction and (mapping.vendor == "hubspot" or bool(((got > 0) & (got < 1)).any()))):
        return {}, []
    header = _header_of(mapping, "probability")
    return {"probability": p * 100}, [
        _issue(file, header, "ingest.issue.probability_fraction", len(got))
    ]


def implied_columns(raw: RawTable, mapping: ColumnMapping) -> frozenset[str]:
    """Canonical columns the file gives without a column of its own (a one-kind export's
    ``activity_type``): a required field it implies is not missing.

    Parameters
    ----------
    raw : RawTable
        The file as read.
    mapping : ColumnMapping
        Its mapping.

    Returns
    -------
    frozenset of str
    """
    members = mapping.table == "activities" and (mapping.report or "") in _MEMBER_REPORTS
    pair = _object_action_spec(mapping)
    if pair is not None:
        heads = {normalise_header(str(h)) for h in raw.frame.columns}
        members = members or bool(heads & set(pair[0]) and heads & set(pair[1]))
    return frozenset({"activity_type"}) if members or _report_kind(raw, mapping) else frozenset()


def _report_kind(raw: RawTable, mapping: ColumnMapping) -> str | None:
    """The kind of every row of a one-kind export (HubSpot's calls…), when the file has no
    type column and a header only that kind's export has."""
    kind = REPORT_KIND.get(mapping.report or "")
    mapped = {c for _, c in mapping.columns if c}
    if kind is None or mapping.table != "activities" or "activity_type" in mapped:
        return None
    own = {normalise_header(h) for h in KIND_HEADERS.get(mapping.report or "", ())}
    return kind if own & {normalise_header(str(h)) for h in raw.frame.columns} else None


def _typed_by_subject(frame: pd.DataFrame, mapping: ColumnMapping) -> bool:
    """A sales activity report (a CRM's) with a subject and no type column: the subject says
    the kind, as reps write it and Salesforce logs it (``電話``, ``訪問``, ``メール: 資料送付``,
    ``Email: …``); a subject that names no sales kind reads as a task
    (:func:`abm.core.activities.activity_kind_codes`)."""
    mapped = {c for _, c in mapping.columns if c}
    return (
        mapping.table == "activities"
        and mapping.origin == "sales"
        and "activity_type" not in mapped
        and "subject" in frame.columns
    )


def _named_forms(frame: pd.DataFrame, mapping: ColumnMapping, file: str) -> _Derived:
    """A marketing log's form submissions whose form's name (the mapped ``subject``) says
    their kind (:func:`abm.core.activities.named_form_types`): the name joins the type."""
    if mapping.origin == "sales":
        return {}, []
    types = named_form_types(
        frame["activity_type"], frame.get("url"), frame["subject"], frame.get("origin")
    )
    if types is None:
        return {}, []
    count = int((types.fillna("") != frame["activity_type"].astype("string").fillna("")).sum())
    header = _header_of(mapping, "subject")
    return {"activity_type": types}, [_issue(file, header, "ingest.issue.named_forms", count)]


@dataclass(frozen=True)
class _Members:
    """How one tool's member report (a person's membership of a campaign or program) says
    who the member is, when, and whether it engaged. Raw headers are normalised.

    ``ids``: columns of the member's own id, in order (a contact's, else a lead's). ``dates``:
    columns dating the row where the mapped ``timestamp`` (the response or success date) is
    blank, in order. ``flag``: the yes/no column; ``success``: it says the member reached
    the program's success (Marketo), below which the status says whether the member engaged
    (a registration did, an invitation or a no-show did not), rather than that it responded
    (Salesforce). ``acquired``: the column saying the program brought the person in.
    """

    ids: tuple[str, ...]
    dates: tuple[str, ...]
    flag: tuple[str, ...]
    success: bool = False
    acquired: tuple[str, ...] = ()


_MEMBER_NAMES = {"full": ("氏名", "fullname"), "last_name": ("姓", "lastname")}
_MEMBER_NAMES |= {"first_name": ("名", "firstname")}
#: Member reports by report type: Salesforce's campaign members ("Campaigns with Campaign
#: Members"), Marketo's program members (a program's Members tab export, or the Bulk Program
#: Member Extract's API names). Marketo's status-date headers are inferred, not documented.
_MEMBER_REPORTS: dict[str, _Members] = {
    "salesforce.campaign_members": _Members(
        ids=("取引先責任者id", "contactid", "リードid", "leadid"),
        dates=("メンバー初回関連付け日", "memberfirstassociateddate", "作成日", "createddate"),
        flag=("応答済み", "responded"),
    ),
    "marketo.program_members": _Members(
        ids=("leadid", "id"),
        dates=(
            "programstatusdate", "statusdate", "statuschangeddate",
            "memberdate", "membershipdate",
        ),
        flag=("success", "reachedsuccess"),
        success=True,
        acquired=("acquiredby",),
    ),
}  # fmt: skip


#: Logs that write what an activity was on and what the person did in two columns, by
#: report type: the object's and the action's headers (normalised, in order), read together
#: (:func:`abm.core.activities.object_action_types`). Account Engagement's visitor
#: activities: the API's ``type`` / ``typeName``, the readable export's ``Type`` / ``Type
#: Name``, the Japanese UI's ``タイプ`` / ``アクティビティ`` (QA-S) and ``種類`` / ``種類名``.
OBJECT_ACTION_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pardot.visitor_activities": (
        ("type", "タイプ", "種類"),
        ("typename", "アクティビティ", "種類名", "activity"),
    ),
}


def _object_action_spec(
    mapping: ColumnMapping,
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The object's and the action's headers of an activity log whose report type writes
    them apart (:data:`OBJECT_ACTION_COLUMNS`), else None."""
    if mapping.table != "activities":
        return None
    return OBJECT_ACTION_COLUMNS.get(mapping.report or "")


def _object_action(frame: pd.DataFrame, raw: RawTable, mapping: ColumnMapping) -> _Derived:
    """A log's activity type from its object and action columns (:data:`OBJECT_ACTION_COLUMNS`)
    where the file has both: an e-mail's クリック is an e-mail click, a form's 成功 a form."""
    spec = _object_action_spec(mapping)
    if spec is None:
        return {}, []
    objects = _raw_column(raw, spec[0], frame.index)
    actions = _raw_column(raw, spec[1], frame.index)
    if objects is None or actions is None:
        return {}, []
    lang = "ja" if in_japanese(raw.frame.columns) else "en"
    given = frame.get("activity_type")
    types = object_action_types(objects, actions, given, lang=lang)
    before = pd.Series(pd.NA, index=frame.index, dtype="string") if given is None else given
    count = int((types.fillna("") != before.astype("string").fillna("")).sum())
    if not count:
        return {}, []
    by = {normalise_header(str(h)): str(h) for h in raw.frame.columns}
    header = next(by[h] for h in spec[1] if h in by)
    return {"activity_type": types}, [_issue(raw.file, header, "ingest.issue.object_action", count)]


def read_headers(mapping: ColumnMapping) -> frozenset[str]:
    """Headers of the file that :func:`derive_columns` reads although the mapping leaves them
    out (a campaign member's lead id beside its contact id): not "not read", whatever the
    mapping says.

    Parameters
    ----------
    mapping : ColumnMapping

    Returns
    -------
    frozenset of str
        The headers as the file writes them.
    """
    if mapping.table == "opportunities":  # a close date's other column (受注日 / 受注予定月)
        kind = _other_date_kind(mapping)
        return frozenset(h for h, _ in mapping.columns if normalise_header(h) in kind)
    pair = _object_action_spec(mapping)
    if pair is not None:
        return frozenset(
            h for h, _ in mapping.columns if normalise_header(h) in {*pair[0], *pair[1]}
        )
    spec = _MEMBER_REPORTS.get(mapping.report or "")
    if mapping.table != "activities" or spec is None:
        return frozenset()
    return frozenset(h for h, _ in mapping.columns if normalise_header(h) in spec.ids)


def _raw_column(raw: RawTable, names: tuple[str, ...], index: pd.Index) -> pd.Series | None:
    """The first raw column whose normalised header is one of ``names`` (their order)."""
    by = {normalise_header(str(h)): h for h in raw.frame.columns}
    for name in names:
        if name in by:
            cells = pd.Series(raw.frame[by[name]].to_numpy(), index=index, dtype="string")
            return cells.str.strip().replace("", pd.NA)  # the converted rows are the raw rows
    return None


def _raw_flag(raw: RawTable, names: tuple[str, ...], index: pd.Index) -> pd.Series | None:
    """The first raw yes/no column of ``names`` as ``boolean`` (missing: blank or unreadable)."""
    cells = _raw_column(raw, names, index)
    if cells is None:
        return None
    from abm.ingest.convert import to_bool  # convert imports this module's neighbours

    return to_bool(cells)[0]


def _members(
    frame: pd.DataFrame, raw: RawTable, mapping: ColumnMapping, spec: _Members
) -> tuple[pd.DataFrame, list[tuple]]:
    """A campaign or program member's row as a marketing activity: the member's own id
    (whichever id column holds it), name, the date it responded or reached success (else the
    dates of ``spec``), its kind from what it engaged in, its campaign type or program
    channel in ``channel`` (:class:`_Members`). A member who did not respond (送信済み, 欠席,
    No Show) is no activity: its row is left out and the load report says how many."""
    from abm.ingest.convert import to_datetime  # convert imports this module's neighbours

    file, out, issues = raw.file, frame.copy(), []
    idx = frame.index
    ids = out["lead_id"].astype("string") if "lead_id" in out else pd.Series(pd.NA, index=idx)
    for name in spec.ids:
        other = _raw_column(raw, (name,), idx)
        if other is not None:
            ids = ids.astype("string").fillna(other)
    out["lead_id"] = ids.astype("string")
    if "contact_name" not in out or out["contact_name"].isna().all():
        full = _raw_column(raw, _MEMBER_NAMES["full"], idx)
        parts = {c: _raw_column(raw, _MEMBER_NAMES[c], idx) for c in ("last_name", "first_name")}
        built = _full_names(
            pd.DataFrame({c: v for c, v in parts.items() if v is not None}, index=idx)
        )
        out["contact_name"] = (full if full is not None else built).astype("string")
    when = out.get("timestamp", pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]"))
    dated = when.notna().to_numpy(dtype=bool)  # a response or success date
    for name in spec.dates:
        other = _raw_column(raw, (name,), idx)
        if other is not None:
            when = when.fillna(to_datetime(other)[0])
    out["timestamp"] = when
    status = out.get("status", pd.Series(pd.NA, index=idx, dtype="string"))
    flag = _raw_flag(raw, spec.flag, idx)
    if spec.success:  # reached success, or a status that says the member did something
        said = member_status_classes(status)
        engaged = (said.notna() & (said != "none")).to_numpy(dtype=bool)
        reached = dated if flag is None else flag.fillna(False).to_numpy(dtype=bool) | dated
        responded = reached | engaged
    elif flag is not None:
        responded = flag.fillna(pd.Series(dated, index=idx)).to_numpy(dtype=bool)
    elif dated.any():
        responded = dated
    else:  # neither a response flag nor a response date: only a status that says none
        responded = (member_status_classes(status) != "none").fillna(True).to_numpy(dtype=bool)
    kind = out.get("activity_type", pd.Series(pd.NA, index=idx, dtype="string"))
    if kind.isna().all() and "channel" in out:  # a program's channel is its type
        kind = out["channel"]
    if "channel" not in out or out["channel"].isna().all():
        out["channel"] = kind.astype("string")
    lang = "ja" if in_japanese(raw.frame.columns) else "en"
    typed = campaign_response_types(kind, out.get("campaign"), status, lang=lang)
    out["activity_type"] = typed
    quiet = int((~responded).sum())
    if quiet:  # no activity: left out, said (every page then agrees they are no engagement)
        first = int(out["source_row"].to_numpy()[int(np.argmin(responded))])
        header = _header_of(mapping, "status")
        issues.append((file, first, header, "no_response", quiet, "ingest.issue.no_response"))
    acquired = _raw_flag(raw, spec.acquired, idx) if spec.acquired else None
    if acquired is not None and bool(acquired.fillna(False).any()):
        header = next(h for h in raw.frame.columns if normalise_header(str(h)) in spec.acquired)
        count = int(acquired.fillna(False).sum())
        issues.append(_issue(file, str(header), "ingest.issue.acquired_members", count))
    return out[responded], issues


_CONVERTED = frozenset(normalise_header(h) for h in CONVERTED_AMOUNTS)
_CURRENCY = tuple(normalise_header(h) for h in CURRENCY_HEADERS)


#: A currency an amount cell writes beside its number (its first one), NFKC lower case:
#: the words :data:`abm.core.money.CURRENCY_WORDS` reads in a currency column.
_SIGN = currency_pattern()
_CLOSED = tuple(normalise_header(h) for h in CLOSED_DATES)
_PLANNED = tuple(normalise_header(h) for h in PLANNED_DATES)


def _other_date_kind(mapping: ColumnMapping) -> tuple[str, ...]:
    """The close-date headers of the other kind than the one mapped to ``close_date`` (a
    closed day's beside a planned one's, and back): ``()`` when the mapped one is neither."""
    header = _header_of(mapping, "close_date")
    mapped = normalise_header(header) if header is not None else ""
    return _PLANNED if mapped in _CLOSED else _CLOSED if mapped in _PLANNED else ()


def _derive_close_dates(
    frame: pd.DataFrame, raw: RawTable, mapping: ColumnMapping, file: str
) -> _Derived:
    """A deal's close date from two columns (a hand-kept 案件管理表's 受注日 and 受注予定月):
    the day it closed where the sheet gives one, else the day it is planned to close.

    Only one column can be mapped to ``close_date``; the other, of the other kind
    (:data:`abm.ingest.aliases.CLOSED_DATES`, :data:`~abm.ingest.aliases.PLANNED_DATES`),
    fills in: a closed date wins over the planned one, a planned one fills a blank. A cell
    of the other column that is no date is said as a mapped column's would be (file, first
    line, column, how many): it was dropped without a word (QA-Q)."""
    from abm.ingest.convert import convert_cells  # convert imports this module's neighbours

    other_kind = _other_date_kind(mapping)
    other = _raw_column(raw, other_kind, frame.index)
    if other is None:
        return {}, []
    named = str(next(h for h in raw.frame.columns if normalise_header(str(h)) in other_kind))
    cells = convert_cells(other, "datetime")
    unread = cells.issues(file, named, frame["source_row"].to_numpy())
    given = frame["close_date"]
    closed, planned = (cells.values, given) if other_kind == _CLOSED else (given, cells.values)
    dates = closed.fillna(planned)
    changed = int((dates.notna() & (given.isna() | (dates != given))).fillna(False).sum())
    if not changed:
        return {}, unread
    return {"close_date": dates}, [
        _issue(file, named, "ingest.issue.close_dates_joined", changed),
        *unread,
    ]


def _derive_currency(frame: pd.DataFrame, raw: RawTable, mapping: ColumnMapping) -> _Derived:
    """Each deal's currency as an ISO code (:func:`abm.core.money.currency_codes`), from a
    column mapped to ``currency`` or else a currency column beside the amount (Salesforce's
    ``Amount Currency``, HubSpot's ``Currency``), when the amount mapped is the deal's own:
    a converted amount (``Amount (converted)``) is already in the company's currency, so the
    column says nothing of it. The build converts the amounts (:mod:`abm.core.money`)."""
    header = _header_of(mapping, "amount")
    if header is None or normalise_header(header) in _CONVERTED:
        said = "currency" in frame.columns  # mapped, but of the amount as it was
        return (
            {"currency": pd.Series(pd.NA, index=frame.index, dtype="string")} if said else {}
        ), []
    codes = frame["currency"] if "currency" in frame.columns else None
    if codes is None:
        codes = _raw_column(raw, _CURRENCY, frame.index)
    # and the currency each amount cell writes (USD 45,000, ＄12,000, 50万円), where no
    # currency column says one: every signed amount then has its currency
    cells = _raw_column(raw, (normalise_header(header),), frame.index)
    signed = (
        None
        if cells is None
        else currency_codes(cells.str.normalize("NFKC").str.extract(_SIGN, expand=False))
    )
    if codes is None and (signed is None or not signed.notna().any()):
        return {}, []
    said = currency_codes(codes) if codes is not None else signed
    if codes is not None and signed is not None:
        said = said.fillna(signed)
    return {"currency": said}, []


def derive_columns(
    frame: pd.DataFrame, raw: RawTable, mapping: ColumnMapping
) -> tuple[pd.DataFrame, list[tuple]]:
    """Fill the columns a file implies (see the module docstring).

    Parameters
    ----------
    frame : pandas.DataFrame
        The converted file (canonical columns and lineage), not modified.
    raw : RawTable
        The file as read (text cells), for the original text of bands.
    mapping : ColumnMapping
        Its mapping (tool, report type, origin).

    Returns
    -------
    (pandas.DataFrame, list of tuple)
        A new frame in canonical column order (lineage last) and the issue
        rows saying what was filled.
    """
    table, file = mapping.table, raw.file
    names = TABLES[table].names
    new: dict[str, pd.Series] = {}
    issues: list[tuple] = []
    members = _MEMBER_REPORTS.get(mapping.report or "")
    if table == "activities" and members is not None:
        frame, issues = _members(frame, raw, mapping, members)
        changed = ("lead_id", "contact_name", "timestamp", "channel", "activity_type")
        new.update({c: frame[c] for c in changed if c in frame})
    if table == "activities" and mapping.origin is not None:
        given = frame.get("origin", pd.Series(pd.NA, index=frame.index, dtype="string"))
        new["origin"] = given.astype("string").fillna(mapping.origin)
    kind = _report_kind(raw, mapping)
    paired, said = _object_action(frame, raw, mapping) if kind is None else ({}, [])
    if paired:  # Account Engagement's タイプ + アクティビティ
        frame = frame.assign(**paired)
        new.update(paired)
        issues.extend(said)
    if kind is not None:  # a one-kind export: its rows are that kind
        new["activity_type"] = pd.Series(kind, index=frame.index, dtype="string")
    elif _typed_by_subject(frame, mapping):  # a CRM's activity report without its type
        new["activity_type"] = frame["subject"].astype("string")
    elif table == "activities" and {"activity_type", "subject"} <= set(frame.columns):
        named = _named_forms(frame, mapping, file)  # SATORI's フォーム送信 + its form's name
        new.update(named[0])
        issues.extend(named[1])
    derived = []
    if table == "leads" and ({"last_name", "first_name"} & set(frame.columns)):
        derived.append(_derive_names(frame, file))
    if table in ("activities", "opportunities") and "contact_name" in frame.columns:
        derived.append(_derive_contact_emails(frame, mapping, file))
    derived.append(_derive_ids(frame, mapping, file))
    derived.append(_derive_bands(frame, raw, mapping, names))
    if table == "opportunities" and "probability" in frame.columns:
        derived.append(_derive_probability(frame, mapping, file))
    if table == "opportunities" and "amount" in frame.columns:
        derived.append(_derive_currency(frame, raw, mapping))
    if table == "opportunities" and "close_date" in frame.columns:
        derived.append(_derive_close_dates(frame, raw, mapping, file))
    for cols, found in derived:
        new.update(cols)
        issues.extend(found)
    planned = _planned_tasks(frame, mapping)
    if planned is not None:
        first = int(frame["source_row"].to_numpy()[int(np.argmax(planned))])
        header = _header_of(mapping, "status")
        count = int(planned.sum())
        issues.append((file, first, header, "planned_tasks", count, "ingest.issue.planned_tasks"))
    if not new and planned is None:
        return frame, issues
    out = frame.assign(**new)
    if planned is not None:
        out = out[~planned]
    order = [c for c in names if c in out.columns]
    rest = [c for c in out.columns if c not in order and c not in LINEAGE]
    return out[[*order, *rest, *(c for c in LINEAGE if c in out.columns)]], issues


def _planned_tasks(frame: pd.DataFrame, mapping: ColumnMapping) -> np.ndarray | None:
    """Which rows of a CRM's activity report are tasks its status says were not done
    (``未着手``, ``Not Started``, ``延期``: :func:`abm.core.activities.task_not_done`): a
    plan, not a touch, even once its due date has passed. None when there are none."""
    if mapping.table != "activities" or mapping.origin != "sales" or "status" not in frame:
        return None
    planned = task_not_done(frame["status"])
    return planned if planned.any() else None
