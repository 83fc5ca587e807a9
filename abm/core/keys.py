"""Join keys, defined once: e-mail, person name, company and account.

Every area compares people and companies through these functions, so a row
that links on one page links on every page:

* :func:`email_key` — an e-mail address as a join key (one spelling of it),
  and :func:`email_domain` — that key's domain;
* :func:`name_key` — a person's name as typed in a CRM report;
* :func:`company_key` — 名寄せ's exact-match company key
  (:func:`abm.resolve.normalise_company`);
* :func:`account_key` — the account of a row: the ``account_id`` that
  :func:`abm.pipeline.prepare` wrote (名寄せ's account, ``crm:<id>`` or
  ``co:<company>``); a frame that was never prepared falls back to
  ``co:<company key>``, the same key ``prepare`` gives a company no lead has;
* :func:`positions` / :func:`lead_positions` / :func:`email_positions` /
  :func:`id_positions` — where each row's key is found in another table
  (first occurrence), e.g. the lead of each activity.

Keys are computed with Arrow kernels and looked up with Arrow hash joins (a
million activities in a fraction of a second); a key that rows repeat (a
person's name on each of their activities) is computed once per distinct
value, and company names, which need 名寄せ's Python normaliser, once per
distinct name per process. The Arrow primitives (:func:`arrow_strings`,
:func:`strings`, :func:`distinct_codes`, :func:`scatter`) live in
:mod:`abm.core.arrow` and are re-exported here.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.arrow import (
    arrow_strings,
    by_distinct,
    distinct_codes,
    put,
    scatter,
    sliced,
    strings,
)

__all__ = [
    "COMPANY_PREFIX",
    "CONTACT_SEPARATOR",
    "LIST_SEPARATORS",
    "PERSON_RULES",
    "account_key",
    "arrow_strings",
    "clear_cache",
    "company_account",
    "company_key",
    "deal_person_pairs",
    "distinct_codes",
    "email_domain",
    "email_key",
    "email_positions",
    "id_positions",
    "join_lists",
    "lead_positions",
    "list_items",
    "name_key",
    "of_people_not_analysed",
    "person_name_keys",
    "person_pairs",
    "person_positions",
    "positions",
    "scatter",
    "strings",
]

#: Prefix of the account of a company that no kept lead and no account row has.
COMPANY_PREFIX = "co:"
#: Separators of a cell listing several records (HubSpot's associations write ``;``), as a
#: pattern (the full-width form too).
LIST_SEPARATORS = "[;；]"
#: How ``contact_ids`` (:func:`abm.pipeline.link_people`) lists a deal's people.
CONTACT_SEPARATOR = ";"
#: Values of ``link_rule`` (:data:`abm.pipeline.LINK_RULES`) that reach a person: its id, its
#: e-mail, its name within its 名寄せ account. ``account`` reaches only a company.
PERSON_RULES: tuple[str, ...] = ("id", "email", "name_account")

#: The empty separator of Arrow joins (large strings join with a large-string separator).
_NOTHING = pa.scalar("", pa.large_string())
_EMAIL_EDGES = "<>\"'`;,()[]"
_MAILTO = "mailto:"
#: An address whose ASCII lower case is its key: lower-case ASCII letters, digits and
#: ``._%+-`` only, one ``@`` with text on both sides (no space, no edge character, no
#: ``mailto:``) — most addresses in an export, upper-case ones included; the rest take
#: every step.
_CLEAN_EMAIL = r"^[a-z0-9._%+\-]+@[a-z0-9._\-]+$"
#: Characters a name key drops besides whitespace (middle dots, full stops, commas).
_NAME_DROP = r"[\s・･.,、。]+"
#: A Salesforce record id: 15 case-sensitive characters, or 18 with a checksum suffix.
_SF_ID = re.compile(r"[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?")


def _fold(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """NFKC and lower case; only non-ASCII values go through Unicode normalisation."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    lowered = pc.ascii_lower(arr)
    wide = pc.invert(pc.fill_null(pc.string_is_ascii(arr), True))
    if not pc.any(wide).as_py():
        return lowered
    folded = pc.utf8_lower(pc.utf8_normalize(arr.filter(wide), "NFKC"))
    return put(
        lowered, folded.cast(lowered.type), np.flatnonzero(wide.to_numpy(zero_copy_only=False))
    )


def _email_arrow(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if len(arr) < 64:
        return _email_steps(arr)
    # lower-casing ASCII letters leaves any other character as it is, so a match is ASCII
    low = pc.ascii_lower(arr)
    clean = pc.fill_null(pc.match_substring_regex(low, _CLEAN_EMAIL), True)  # missing stays
    if pc.all(clean).as_py():
        return low
    rows = np.flatnonzero(~clean.to_numpy(zero_copy_only=False))
    done = _email_steps(arr.take(pa.array(rows)))
    return put(low, done.cast(low.type), rows)


def _email_steps(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Every step of the e-mail key (what :data:`_CLEAN_EMAIL` values need none of), again
    on the keys a pass changed until none changes: one pass is not always a fixed point —
    NFKC can turn a character into a space and a combining mark (``¸`` → space + U+0327)
    that, the space gone, combines with the letter before it the next time (``R¸`` → ``ŗ``),
    and a prefix or edge can hide another (``mailto:mailto:``, ``mailto:<a@b.jp>``)."""
    x = _email_once(arr)
    for _ in range(4):
        rows = np.flatnonzero(pc.is_valid(x).to_numpy(zero_copy_only=False))
        if not len(rows):
            break
        part = x.take(pa.array(rows))
        again = _email_once(part).cast(x.type)
        moved = ~pc.fill_null(pc.equal(again, part), False).to_numpy(zero_copy_only=False)
        if not moved.any():
            break
        x = put(x, again.filter(pa.array(moved)), rows[moved])
    return x


def _email_once(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One pass of the e-mail key's steps."""
    x = pc.utf8_trim_whitespace(_fold(arr))  # NFKC made U+3000 and NBSP plain spaces
    x = pc.replace_substring(x, " ", "")  # a space typed inside (other whitespace: invalid)
    x = pc.utf8_trim(x, _EMAIL_EDGES)
    mailto = pc.starts_with(x, _MAILTO)
    if pc.any(pc.fill_null(mailto, False)).as_py():
        x = pc.if_else(mailto, pc.utf8_slice_codeunits(x, len(_MAILTO)), x)
    one_at = pc.equal(pc.count_substring(x, "@"), 1)
    edge = pc.or_(pc.starts_with(x, "@"), pc.ends_with(x, "@"))
    ok = pc.fill_null(pc.and_(one_at, pc.invert(edge)), False)
    return pc.if_else(ok, x, pa.scalar(None, x.type))


def email_key(emails: pd.Series) -> pd.Series:
    """An e-mail address as a join key: the one spelling every area compares.

    NFKC (full-width ``ＴＡＲＯ`` → ``taro``), every whitespace removed (incl.
    U+3000), lower case, surrounding ``<>"'`` and a ``mailto:`` prefix
    stripped. A value without exactly one ``@`` with text on both sides is no
    address: ``NA``. Lower case, not case-folding: ``ß`` stays ``ß``. Arrow
    kernels, linear in the number of values (1M addresses in about 0.1 s).

    Parameters
    ----------
    emails : pandas.Series
        Addresses as exported.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index and name.

    Examples
    --------
    >>> email_key(pd.Series([" Taro@Alpha.co.jp", "mailto:x@y.jp", "no-address"])).tolist()
    ['taro@alpha.co.jp', 'x@y.jp', <NA>]
    """
    return strings(_email_arrow(arrow_strings(emails)), emails.index, emails.name)


def email_domain(emails: pd.Series) -> pd.Series:
    """The domain of each address's :func:`email_key` (``NA`` when the value is no address).

    Arrow kernels: the key has exactly one ``@``, so the domain is what follows it.

    Parameters
    ----------
    emails : pandas.Series
        Addresses as exported.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index and name.

    Examples
    --------
    >>> email_domain(pd.Series(["Taro@Alpha.co.jp", "no-address"])).tolist()
    ['alpha.co.jp', <NA>]
    """
    key = _email_arrow(arrow_strings(emails))
    return strings(pc.replace_substring_regex(key, "^[^@]*@", ""), emails.index, emails.name)


def _name_arrow(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    x = pc.replace_substring_regex(_fold(arr), _NAME_DROP, "")
    return pc.if_else(pc.equal(x, ""), pa.scalar(None, x.type), x)


def name_key(names: pd.Series) -> pd.Series:
    """A person's name as a join key: NFKC, every space (incl. U+3000) and dot removed, lower case.

    ``山田　太郎``, ``山田 太郎`` and ``山田太郎`` give one key; so do ``John
    Smith`` and ``JOHN SMITH``. The order of the parts is kept (see
    :func:`person_name_keys` for both orders).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index; ``NA`` for missing or blank names.
    """
    return strings(by_distinct(arrow_strings(names), _name_arrow), names.index, names.name)


def person_name_keys(people: pd.DataFrame) -> list[pd.Series]:
    """The name keys a person can be found by: full name, family + given, given + family.

    Japanese exports write 姓 then 名, English ones First then Last; a report's
    ``Contact: Full Name`` follows the locale. Each present spelling is a key.

    Parameters
    ----------
    people : pandas.DataFrame
        Canonical leads (``full_name``, ``last_name``, ``first_name``; any may be absent).

    Returns
    -------
    list of pandas.Series
        ``string`` keys aligned with ``people`` (possibly empty list).
    """
    out = []
    if "full_name" in people.columns:
        out.append(name_key(people["full_name"]))
    if "last_name" in people.columns and "first_name" in people.columns:
        # the key of a concatenation is the keys concatenated
        last = by_distinct(arrow_strings(people["last_name"]), _name_arrow)
        first = by_distinct(arrow_strings(people["first_name"]), _name_arrow)
        for a, b in ((last, first), (first, last)):
            out.append(strings(pc.binary_join_element_wise(a, b, _NOTHING), people.index))
    return out


#: Company keys already computed in this process (a name -> its key; "" for none).
_COMPANY_KEYS: dict[str, str] = {}
#: Most names :data:`_COMPANY_KEYS` holds before it starts again.
_COMPANY_KEYS_MAX = 1_000_000


def clear_cache() -> None:
    """Forget the company keys computed so far (benchmarks measure a cold load)."""
    _COMPANY_KEYS.clear()


def company_key(companies: pd.Series) -> pd.Series:
    """名寄せ's exact-match key of a company name (:func:`abm.resolve.normalise_company`).

    Legal forms anywhere (株式会社, (株), ㈱, Co., Ltd.…), width, case and
    spaces do not matter; ``NA`` when nothing is left. Each distinct name is
    normalised once per process (the same companies come back in every file).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index.
    """
    from abm.resolve.normalise import normalise_company  # resolve sits above core

    arr = arrow_strings(companies)
    names = pc.unique(pc.drop_null(arr)).to_pylist()
    missing = [n for n in names if n not in _COMPANY_KEYS]
    if missing:
        if len(_COMPANY_KEYS) + len(missing) > _COMPANY_KEYS_MAX:
            _COMPANY_KEYS.clear()
        done = normalise_company(pd.Series(missing, dtype="string"))
        _COMPANY_KEYS.update(zip(missing, done.fillna("").tolist(), strict=True))
    keys = pa.array([_COMPANY_KEYS[n] or None for n in names], type=pa.large_string())
    where = pc.index_in(arr, value_set=pa.array(names, type=pa.large_string()), skip_nulls=True)
    return strings(pc.take(keys, where), companies.index, companies.name)


def company_account(companies: pd.Series) -> pd.Series:
    """The account of a company that 名寄せ did not see: ``"co:" + company_key``."""
    keys = arrow_strings(company_key(companies))
    prefixed = pc.binary_join_element_wise(pa.scalar(COMPANY_PREFIX, keys.type), keys, _NOTHING)
    return strings(prefixed, companies.index, companies.name)


def account_key(frame: pd.DataFrame) -> pd.Series:
    """The account of each row: its ``account_id``, else ``co:<company key>``.

    After :func:`abm.pipeline.prepare` the rows carry ``account_id`` (名寄せ's;
    missing for a lead with no company, company domain, corporate number or CRM
    account id, and for rows linked only to such a lead); the fallback serves frames
    that were never prepared and gives the key ``prepare`` would give a company with
    no kept lead.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index, named ``account_id``; ``NA`` when
        neither is known.
    """
    key = pa.nulls(len(frame), pa.large_string())
    if "account_id" in frame.columns:
        ids = arrow_strings(frame["account_id"])
        blank = pc.equal(pc.utf8_trim_whitespace(ids), "")
        key = pc.if_else(blank, pa.scalar(None, ids.type), ids)
    if "company" in frame.columns:
        miss = np.flatnonzero(~pc.is_valid(key).to_numpy(zero_copy_only=False))
        if len(miss):
            companies = arrow_strings(frame["company"]).take(pa.array(miss))
            fill = company_account(strings(companies, pd.RangeIndex(len(miss))))
            key = pc.coalesce(key, scatter(arrow_strings(fill), miss, len(frame)))
    return strings(key, frame.index, "account_id")


#: Arrow's ``string`` (32-bit offsets) holds at most this many bytes of text per array.
_SMALL_STRINGS = 2**31 - 1


def _text_bytes(arr: pa.Array | pa.ChunkedArray) -> list[int]:
    """Bytes of text in each chunk's data buffer (a slice counts its whole buffer)."""
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    return [c.buffers()[2].size if c.buffers()[2] is not None else 0 for c in chunks]


def _narrow(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``large_string`` as ``string`` when each chunk's text fits (a cast of the offsets only):
    Arrow's hash lookup is ~35 % faster on it (1M ids against 100k: 97 ms against 155 ms)."""
    if arr.type != pa.large_string() or max(_text_bytes(arr), default=0) > _SMALL_STRINGS:
        return arr
    return arr.cast(pa.string())


def _one_array(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A chunked array joined into one; ``string`` chunks whose text together would not fit
    one ``string`` array's offsets are joined as ``large_string`` (else no cast at all)."""
    if not isinstance(arr, pa.ChunkedArray):
        return arr
    if arr.type == pa.string() and sum(_text_bytes(arr)) > _SMALL_STRINGS:
        arr = arr.cast(pa.large_string())
    return arr.combine_chunks()


#: A table at least this long, and this many times longer than the values looked up in it, is
#: scanned against them instead of hashed (:func:`_lookup_positions`).
_SCAN_MIN_ROWS, _SCAN_RATIO = 100_000, 3


def _lookup_positions(
    table: pa.Array | pa.ChunkedArray, wanted: pa.Array | pa.ChunkedArray, *, whole: bool = False
) -> np.ndarray:
    """Position of each wanted value in ``table`` (its first occurrence), ``-1`` if absent.

    One Arrow hash lookup, over slices of ``wanted`` side by side (:func:`sliced`) unless
    ``whole`` (already a slice). A long table looked up by far fewer values (a hundred
    thousand deals among a million leads) is scanned against the wanted values' hash
    instead: building a hash of a million keys costs several times more than probing one
    (1M ids against 100k wanted: ~0.24 s against ~0.05 s; against 10k: ~0.21 s against
    ~0.013 s).
    """
    if len(table) == 0 or len(wanted) == 0:
        return np.full(len(wanted), -1, dtype=np.int64)
    table = _one_array(table)  # the value set, hashed once per slice
    narrow_t, narrow_w = _narrow(table), _narrow(wanted)
    if narrow_t.type == narrow_w.type:  # else one of them is too large: both stay as they were
        table, wanted = narrow_t, narrow_w
    if len(table) >= _SCAN_MIN_ROWS and len(table) >= _SCAN_RATIO * len(wanted):
        return _scan_positions(table, wanted, whole=whole)
    return _index_in(wanted, table, whole=whole)


def _index_in(
    values: pa.Array | pa.ChunkedArray, value_set: pa.Array, *, whole: bool = False
) -> np.ndarray:
    """Position of each of ``values`` in ``value_set``, ``-1`` if absent (missing values never
    match): Arrow's hash look-up, over slices side by side (:func:`sliced`) unless ``whole``."""

    def one(part: pa.Array) -> np.ndarray:
        found = pc.index_in(part, value_set=value_set, skip_nulls=True)
        return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)

    return one(values) if whole else sliced(one, values)


def _scan_positions(
    table: pa.Array, wanted: pa.Array | pa.ChunkedArray, *, whole: bool = False
) -> np.ndarray:
    """:func:`_lookup_positions` the other way round: the wanted values' distinct values hashed,
    each table row looked up among them, and each distinct value's first table row kept."""
    if wanted.type == pa.string() and sum(_text_bytes(wanted)) > _SMALL_STRINGS:
        wanted = wanted.cast(pa.large_string())  # chunks that fit apart, joined for the hash
    codes, distinct = distinct_codes(wanted)
    if not len(distinct):
        return np.full(len(codes), -1, dtype=np.int64)
    if distinct.type != table.type:
        distinct = distinct.cast(table.type)
    hit = _index_in(table, distinct, whole=whole)
    rows = np.flatnonzero(hit >= 0)
    values, first = np.unique(hit[rows], return_index=True)  # rows ascend: the first row
    at = np.full(len(distinct), -1, dtype=np.int64)
    at[values] = rows[first]
    return np.where(codes >= 0, at[np.maximum(codes, 0)], -1)


def positions(table: pd.Series, wanted: pd.Series) -> np.ndarray:
    """Position of each wanted key in ``table`` (its first occurrence), ``-1`` if absent.

    Missing keys never match. Both are compared as given (normalise first).
    An Arrow hash lookup: linear in ``len(table) + len(wanted)``.

    Returns
    -------
    numpy.ndarray
        ``int64``, aligned with ``wanted``.
    """
    return _lookup_positions(arrow_strings(table), arrow_strings(wanted))


def _sf15(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    ok = pc.and_(
        pc.match_substring_regex(arr, f"^{_SF_ID.pattern}$"),
        pc.match_substring_regex(arr, "[A-Za-z]"),
    )
    return pc.if_else(pc.fill_null(ok, False), pc.utf8_slice_codeunits(arr, 0, 15), None)


def id_positions(
    table: pd.Series, wanted: pd.Series, *, separator: str = LIST_SEPARATORS
) -> np.ndarray:
    """Position of each wanted record id in ``table``, ``-1`` if absent.

    Ids match exactly after trimming; a cell listing several ids
    (``"101;205"``, HubSpot's associated contacts) takes the first listed id
    that is found; a Salesforce id matches in its 15- or 18-character form.

    Parameters
    ----------
    table : pandas.Series
        Ids of the target rows (e.g. ``leads["lead_id"]``).
    wanted : pandas.Series
        Ids written on the rows to link.
    separator : str
        Separators of id lists (a regular expression: ``;`` or full-width ``；``).

    Returns
    -------
    numpy.ndarray
        ``int64``, aligned with ``wanted``.
    """
    t = pc.utf8_trim_whitespace(arrow_strings(table))
    w = arrow_strings(wanted)
    out = _lookup_positions(t, w)  # an id typed without spaces is its own trimmed form
    rows = np.flatnonzero((out < 0) & pc.is_valid(w).to_numpy(zero_copy_only=False))
    if not len(rows) or len(t) == 0:  # every id found, or missing (an e-mail-only row)
        return out
    if isinstance(w, pa.ChunkedArray):  # a take across many chunks costs more than one join
        w = w.combine_chunks()
    rest = pc.utf8_trim_whitespace(w.take(pa.array(rows)))
    hit = _lookup_positions(t, rest)
    out[rows] = hit
    rows, rest = rows[hit < 0], rest.filter(pa.array(hit < 0))
    listed = pc.fill_null(pc.match_substring_regex(rest, separator), False)
    listed = listed.to_numpy(zero_copy_only=False)
    if listed.any():  # a list of ids: the first one found (a Salesforce id in either length)
        parts = pd.Series(strings(rest.filter(pa.array(listed)), pd.Index(rows[listed])))
        parts = parts.str.split(separator, regex=True).explode().str.strip()
        # each listed id as an id of its own (trimmed, either Salesforce length)
        hit = id_positions(table, parts.astype("string").reset_index(drop=True))
        found = pd.DataFrame({"row": parts.index.to_numpy(), "pos": hit})
        found = found[found["pos"] >= 0].drop_duplicates("row", keep="first")
        out[found["row"].to_numpy()] = found["pos"].to_numpy()
        left = out[rows] < 0
        rows, rest = rows[left], rest.filter(pa.array(left))
    if len(rows):  # a Salesforce id in its other length
        t15 = _sf15(t)
        if pc.any(pc.is_valid(t15)).as_py():
            out[rows] = _lookup_positions(t15, _sf15(rest))
    return out


def lead_positions(frame: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    """Position (``iloc``) in ``leads`` of each row's person: by ``lead_id``, else e-mail.

    After :func:`abm.pipeline.prepare` linked rows carry their kept lead's
    ``lead_id``; the e-mail step serves frames that were never prepared.

    Parameters
    ----------
    frame : pandas.DataFrame
        Activities or opportunities.
    leads : pandas.DataFrame
        Canonical leads.

    Returns
    -------
    numpy.ndarray
        ``int64`` positions, ``-1`` for rows with no person.
    """
    pos = np.full(len(frame), -1, dtype=np.int64)
    if "lead_id" in frame.columns and "lead_id" in leads.columns:
        pos = id_positions(leads["lead_id"], frame["lead_id"])
    todo = np.flatnonzero(pos < 0)
    if "email" in frame.columns and "email" in leads.columns and len(todo):
        raw = arrow_strings(frame["email"]).take(pa.array(todo))
        pos[todo] = email_positions(_email_arrow(arrow_strings(leads["email"])), raw)
    return pos


def email_positions(
    keys: pa.Array | pa.ChunkedArray, raw: pa.Array | pa.ChunkedArray
) -> np.ndarray:
    """Where each address's :func:`email_key` is found in ``keys`` (first occurrence).

    Each address is looked up in lower case first; one not found that is a clean key once
    lowered (plain ASCII, no space or edge to strip: :data:`_CLEAN_EMAIL`) is absent, so
    only the others not found are normalised, then looked up again.

    Parameters
    ----------
    keys : pyarrow.Array or pyarrow.ChunkedArray
        E-mail keys of the target rows (e.g. the leads').
    raw : pyarrow.Array or pyarrow.ChunkedArray
        Addresses as exported.

    Returns
    -------
    numpy.ndarray
        ``int64`` position of each address's match, ``-1`` if none.
    """
    keys = _one_array(keys)
    # lower case is the key of every address of plain ASCII (what _CLEAN_EMAIL matches)
    low = pc.ascii_lower(raw)
    pos = _lookup_positions(keys, low)  # a million activity rows: one slice per core
    again = np.flatnonzero((pos < 0) & pc.is_valid(raw).to_numpy(zero_copy_only=False))
    if not len(again):
        return pos
    taken = pa.array(again)
    plain = pc.match_substring_regex(low.take(taken), _CLEAN_EMAIL)
    rest = again[~pc.fill_null(plain, True).to_numpy(zero_copy_only=False)]
    if len(rest):  # the other misses of every slice normalised and looked up together
        normal = _email_arrow(raw.take(pa.array(rest)))
        pos[rest] = _lookup_positions(keys, normal)
    return pos


def person_positions(frame: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    """Position in ``leads`` of each row's person, ``-1`` when the row reaches none.

    :func:`lead_positions`, except that a row :func:`abm.pipeline.link_people` linked only
    to a company (``link_rule`` not in :data:`PERSON_RULES`) is nobody's, whatever
    ``lead_id`` its file carried.

    Parameters
    ----------
    frame : pandas.DataFrame
        Activities or opportunities.
    leads : pandas.DataFrame
        Canonical leads.

    Returns
    -------
    numpy.ndarray
        ``int64`` positions.
    """
    pos = lead_positions(frame, leads)
    if "link_rule" in frame.columns:
        person = frame["link_rule"].astype("string").isin(PERSON_RULES).to_numpy(dtype=bool)
        pos = np.where(person, pos, -1)
    return pos


def of_people_not_analysed(frame: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    """Rows linked to a person who is not among ``leads``: an excluded person's (営業対象外).

    The one definition of whose activity counts in an engagement figure: a kept person's
    (the scoring's engagement, the Gap page's web visits) or nobody's (an unknown visitor's
    web visit, a row linked to a company alone) counts; a row that names a person the
    cleaning left out — a competitor, the own staff, a partner, a student, a test row —
    does not. A person-linked row is one :func:`abm.pipeline.link_people` linked
    (``link_rule`` in :data:`PERSON_RULES`; on a frame never linked, one with a
    ``lead_id``); after :func:`abm.pipeline.prepare` it carries its person's ``lead_id``,
    so the person is looked up by id alone (as the engine joins: exact, else trimmed).

    Parameters
    ----------
    frame : pandas.DataFrame
        Activities (or opportunities), prepared.
    leads : pandas.DataFrame
        The people analysed (the cleaned leads).

    Returns
    -------
    numpy.ndarray
        ``bool``, aligned with ``frame``.
    """
    if "lead_id" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    ids = frame["lead_id"].astype("string").str.strip()
    names = (ids.notna() & (ids != "")).to_numpy(dtype=bool)
    if "link_rule" in frame.columns:
        names &= frame["link_rule"].astype("string").isin(PERSON_RULES).to_numpy(dtype=bool)
    if not names.any():
        return names
    if "lead_id" not in leads.columns or not len(leads):
        return names
    kept = set(leads["lead_id"].astype("string").str.strip().dropna().tolist())
    return names & ~ids.isin(kept).fillna(False).to_numpy(dtype=bool)


def list_items(
    lists: pd.Series, separators: str = CONTACT_SEPARATOR
) -> tuple[np.ndarray, np.ndarray]:
    """The values listed in each cell of ``lists`` (``a;b``): each one's row and the value.

    Parameters
    ----------
    lists : pandas.Series
        Cells listing values (missing: none).
    separators : str
        A regular expression of the separators (``[;；]``) or one separator.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``int64`` row positions in ``lists`` (ascending, a cell's values in order) and the
        values (objects), trimmed, blanks left out.
    """
    cells = lists.astype("string").reset_index(drop=True)
    split = cells.str.split(separators, regex=len(separators) > 1).explode().dropna()
    values = split.astype("string").str.strip()
    keep = (values != "").to_numpy(dtype=bool)
    return split.index.to_numpy(dtype=np.int64)[keep], values.to_numpy(dtype=object)[keep]


def join_lists(rows: np.ndarray, values: np.ndarray) -> pd.Series:
    """Per row, its distinct ``values`` in order joined with :data:`CONTACT_SEPARATOR`: the
    inverse of :func:`list_items` (``rows`` need not be sorted; a row's values keep theirs).

    Returns
    -------
    pandas.Series
        Indexed by row, in the order rows first appear.
    """
    pairs = pd.DataFrame({"row": rows, "value": values}).dropna().drop_duplicates()
    return pairs.groupby("row", sort=False)["value"].agg(CONTACT_SEPARATOR.join)


def person_pairs(frame: pd.DataFrame, leads: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every ``(row, person)`` pair of a frame: each row's person (:func:`person_positions`)
    and, for an opportunity associated with several contacts, each of them.

    The other contacts are the ``lead_id`` values :func:`abm.pipeline.link_people` listed in
    ``contact_ids`` (a HubSpot deal's associated contacts, a contact-role report's rows of
    one deal); a listed id the leads do not hold (an excluded person) reaches nobody.

    Parameters
    ----------
    frame : pandas.DataFrame
        Activities or opportunities.
    leads : pandas.DataFrame
        Canonical leads.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``int64`` row positions in ``frame`` (ascending, a row's first person first) and the
        person's position in ``leads``; a pair once, rows that reach nobody left out.
    """
    pos = person_positions(frame, leads)
    rows = np.flatnonzero(pos >= 0)
    if "contact_ids" not in frame.columns or "lead_id" not in leads.columns:
        return rows, pos[rows]
    listed = frame["contact_ids"].astype("string")
    at = listed.notna().to_numpy(dtype=bool)  # (an excluded first contact too)
    if "link_rule" in frame.columns:  # a row linked to a company only names nobody
        at = at & frame["link_rule"].astype("string").isin(PERSON_RULES).to_numpy(dtype=bool)
    at = np.flatnonzero(at)
    if not len(at):
        return rows, pos[rows]
    parent, items = list_items(listed.iloc[at])
    parent = at[parent]
    found = _lookup_positions(
        arrow_strings(leads["lead_id"]), arrow_strings(pd.Series(items, dtype="string"))
    )
    pairs = pd.DataFrame(
        {"row": np.r_[rows, parent[found >= 0]], "pos": np.r_[pos[rows], found[found >= 0]]}
    ).drop_duplicates()
    pairs = pairs.sort_values("row", kind="stable")
    return pairs["row"].to_numpy(dtype=np.int64), pairs["pos"].to_numpy(dtype=np.int64)


def deal_person_pairs(frame: pd.DataFrame, leads: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`person_pairs` of opportunities without each deal's buying committee: the
    people a deal reaches in the lead-level funnel (the leads that became the deal).

    A person a deal's ``committee_ids`` lists (only a contact-role report adds them:
    :func:`abm.pipeline.links.committee_ids`) stays linked to the deal (``contact_ids``,
    coverage, the account's story) but is not paired with it here.

    Parameters
    ----------
    frame : pandas.DataFrame
        Opportunities.
    leads : pandas.DataFrame
        Canonical leads.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        As :func:`person_pairs`.
    """
    rows, pos = person_pairs(frame, leads)
    if "committee_ids" not in frame.columns or "lead_id" not in leads.columns or not len(rows):
        return rows, pos
    listed = frame["committee_ids"].astype("string")
    at = np.flatnonzero(listed.notna().to_numpy(dtype=bool))
    if not len(at):
        return rows, pos
    parent, items = list_items(listed.iloc[at])
    found = _lookup_positions(
        arrow_strings(leads["lead_id"]), arrow_strings(pd.Series(items, dtype="string"))
    )
    hit = found >= 0
    committee = pd.MultiIndex.from_arrays([at[parent][hit], found[hit]])
    keep = ~pd.MultiIndex.from_arrays([rows, pos]).isin(committee)
    return rows[keep], pos[keep]
