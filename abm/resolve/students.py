"""Student or staff, decided from the person; schools recognised by name and domain.

A school corporation's name says where someone works or studies, not which:
its 課長, 教授 and 理事 are buyers, its 学部生 are not. :func:`student_status`
reads the person's own fields, strongest first, and the first field that
speaks decides:

1. title: a staff word (:data:`~abm.resolve.hygiene_vocab.STAFF_WORDS_JA` …)
   → ``staff``; else a student word or a lab year (M2, D1) → ``student``;
2. department: the same (学生課 and 学務 are staff offices);
3. the company field as the person typed it ends with a student word
   ("学生", "〇〇大学 院生") → ``student``;
4. an address at a school's domain on a student sub-domain (``st.``, ``stu.``)
   or with a student-number local part (``s1234567@``) → ``student``.

With none of these, a person at a school (:func:`is_school`) is
``undecided``: the caller sends them to review instead of guessing.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.arrow import arrow_strings, put, strings
from abm.resolve import hygiene_vocab as hv
from abm.resolve.normalise import email_domain, normalise_email, org_domain
from abm.schema import text_column

__all__ = ["STUDENT_STATUSES", "is_school", "student_status"]

#: Values of :func:`student_status` (NA: no evidence and not at a school).
STUDENT_STATUSES: tuple[str, ...] = ("student", "staff", "undecided")


def _alternation(ja: tuple[str, ...], en: tuple[str, ...], *, escape: bool) -> str:
    quote = re.escape if escape else (lambda w: w)
    parts = [quote(w) for w in ja] + [rf"\b{quote(w)}\b" for w in en]
    return "|".join(parts)


_STUDENT = _alternation(hv.STUDENT_WORDS_JA, hv.STUDENT_WORDS_EN, escape=False)
_STAFF = _alternation(hv.STAFF_WORDS_JA, hv.STAFF_WORDS_EN, escape=False)
_SELF = "(?:" + _alternation(hv.SELF_DESCRIBED_JA, hv.SELF_DESCRIBED_EN, escape=True) + r")\)?$"
_SCHOOL = _alternation(hv.SCHOOL_NAME_WORDS, (), escape=True)
_FORM = "|".join(
    [re.escape(w) for w in hv.COMPANY_FORMS_JA] + [rf"\b{w}\b" for w in hv.COMPANY_FORMS_EN]
)
_SUFFIX = "|".join(re.escape(s.lstrip(".")) for s in hv.ACADEMIC_DOMAIN_SUFFIXES)
_STUDENT_HOST = (
    rf"(?:^|\.)(?:{'|'.join(sorted(hv.STUDENT_MAIL_LABELS))})\.(?:[^.]+\.)+(?:{_SUFFIX})$"
)


def _loose(pattern: str) -> str | None:
    """A pattern RE2 runs that matches at least what ``pattern`` matches in Python's ``re``
    on trimmed text (a trailing newline, where Python's ``$`` also matches, is gone):
    ``\\b`` dropped (an assertion less only widens), ``\\d`` as any Unicode decimal digit
    (Python's ``\\d``; RE2's is ASCII), an escaped sign kept. None for anything else — a
    letter escape, ``\\b`` in a set (a backspace there), a group other than ``(?:``, a
    possessive quantifier: such a pattern is matched by pandas alone."""
    out: list[str] = []
    in_set = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt == "d":
                out.append(r"\p{Nd}")
            elif nxt == "b" and not in_set:
                pass
            elif nxt and not nxt.isalnum():
                out.append(c + nxt)  # an escaped sign (``\\.``, ``\\(``, ``\\\\``) is itself
            else:
                return None
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
        else:
            after = pattern[i + 1 : i + 3]
            lookaround_or_flag = c == "(" and after[:1] == "?" and after != "?:"
            if lookaround_or_flag or (c in "*+?}" and after[:1] == "+"):  # possessive
                return None
        out.append(c)
        i += 1
    return "".join(out)


def _nfkc(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """NFKC of each text by Python's ``unicodedata`` (the Unicode version every other name
    key uses; Arrow's is newer), asked only of the texts that are not ASCII."""
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    wide = np.flatnonzero(~pc.fill_null(pc.string_is_ascii(arr), True).to_numpy(False))
    if not len(wide):
        return arr
    done = [unicodedata.normalize("NFKC", v) for v in arr.take(pa.array(wide)).to_pylist()]
    return put(arr, pa.array(done, type=arr.type), wide)


class _Distinct:
    """A text column judged once per distinct value (a million leads carry a few
    thousand titles), as NFKC, lower-cased, stripped text."""

    def __init__(self, values: pd.Series) -> None:
        self.codes, uniq = pd.factorize(values.astype("string"), use_na_sentinel=True)
        arr = arrow_strings(pd.Series(uniq, dtype="string"))
        self.text = pc.utf8_trim_whitespace(pc.utf8_lower(_nfkc(arr)))

    def rows(self, per_value: np.ndarray) -> np.ndarray:
        """A verdict per distinct value, for each row (a missing text: False)."""
        return np.append(per_value, False)[self.codes]

    def matches(self, pattern: str, among: np.ndarray | None = None) -> np.ndarray:
        """Whether each distinct text contains ``pattern`` (as pandas' ``str.contains``
        decides: Python's ``re`` wherever RE2 would read the text differently), asked only
        of the texts ``among`` allows; RE2 first narrows the texts to those :func:`_loose`
        finds (a pattern RE2 refuses is read by pandas on every text)."""
        hit = np.zeros(len(self.text), dtype=bool)
        rows = np.arange(len(self.text)) if among is None else np.flatnonzero(among)
        loose = _loose(pattern)
        if loose is not None and len(rows):
            part = self.text if among is None else self.text.take(pa.array(rows))
            try:
                maybe = pc.fill_null(pc.match_substring_regex(part, loose), True)
                rows = rows[maybe.to_numpy(zero_copy_only=False)]
            except pa.ArrowInvalid:  # RE2 refuses the pattern: pandas reads every text
                pass
        if len(rows):
            part = strings(self.text.take(pa.array(rows)), pd.RangeIndex(len(rows)))
            hit[rows] = part.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
        return hit

    def has(self, pattern: str) -> np.ndarray:
        """Whether each row's text contains ``pattern`` (a missing text never does)."""
        return self.rows(self.matches(pattern))

    @functools.cached_property
    def academic(self) -> np.ndarray:
        """Whether each row's text is a host or URL on an academic registrable domain."""
        ends = tuple(hv.ACADEMIC_DOMAIN_SUFFIXES)
        dom = org_domain(strings(self.text, pd.RangeIndex(len(self.text)))).fillna("")
        return self.rows(("." + dom).str.endswith(ends).to_numpy(dtype=bool))


class _Fields:
    """The person's columns as :class:`_Distinct`, each built once when first read
    (:func:`student_status` and :func:`is_school` share them)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    @functools.cached_property
    def title(self) -> _Distinct:
        return _Distinct(text_column(self.frame, "title"))

    @functools.cached_property
    def department(self) -> _Distinct:
        return _Distinct(text_column(self.frame, "department"))

    @functools.cached_property
    def company(self) -> _Distinct:
        return _Distinct(text_column(self.frame, "company"))

    @functools.cached_property
    def hosts(self) -> _Distinct:
        """The host part of each e-mail (as typed, lower-cased): cheap kernels, no parsing."""
        mail = text_column(self.frame, "email")
        host = mail.str.strip().str.lower().str.replace(r"^.*@", "", regex=True)
        return _Distinct(host.where(mail.str.contains("@", regex=False)))

    @functools.cached_property
    def domain(self) -> _Distinct:
        return _Distinct(text_column(self.frame, "domain"))

    def school(self) -> np.ndarray:
        """:func:`is_school` of each row."""
        company = self.company
        named = company.matches(_SCHOOL)  # the legal forms asked only of school names
        out = company.rows(named & ~company.matches(_FORM, among=named))
        if "email" in self.frame.columns:
            out |= self.hosts.academic
        if "domain" in self.frame.columns:
            out |= self.domain.academic
        return out


def is_school(frame: pd.DataFrame) -> np.ndarray:
    """Whether each row's organisation is a school, university or school corporation.

    Parameters
    ----------
    frame : pandas.DataFrame
        Leads or accounts: ``company``, ``email`` and ``domain`` are read when
        present. Not modified.

    Returns
    -------
    numpy.ndarray
        ``bool`` aligned with ``frame``: the name carries a school word
        (学校法人, …大学, 高等専門学校, University, College…) and no company's
        legal form (株式会社大学通信 and ABC School Inc. are companies), or the
        e-mail or website is on an academic domain (``.ac.jp``, ``.edu``…).
    """
    return _Fields(frame).school()


def student_status(frame: pd.DataFrame) -> pd.Series:
    """Decide student or staff from each person's own fields.

    Parameters
    ----------
    frame : pandas.DataFrame
        Leads (one row per person): ``title``, ``department``, ``company``
        and ``email`` are read when present. Not modified.

    Returns
    -------
    pandas.Series
        ``string`` aligned with ``frame``: ``student``, ``staff`` (staff
        evidence anywhere, not only at schools), ``undecided`` (at a school,
        no evidence either way) or NA (no evidence, not at a school). The
        order of evidence is in the module docstring.
    """
    fields = _Fields(frame)
    title, dept, company = fields.title, fields.department, fields.company
    by_address = np.zeros(len(frame), dtype=bool)
    on_school_mail = np.flatnonzero(fields.hosts.academic)
    if len(on_school_mail):  # few rows: parse those addresses properly
        email = normalise_email(frame["email"].iloc[on_school_mail].astype("string"))
        host = email_domain(email).fillna("")
        local = email.str.replace(r"@[^@]*$", "", regex=True)
        by_address[on_school_mail] = host.str.contains(_STUDENT_HOST, regex=True).fillna(
            False
        ).to_numpy(dtype=bool) | local.str.contains(hv.STUDENT_NUMBER_LOCAL, regex=True).fillna(
            False
        ).to_numpy(dtype=bool)
    conditions = [
        title.has(_STAFF),
        title.has(_STUDENT) | title.has(hv.STUDENT_YEAR_TITLE),
        dept.has(_STAFF),
        dept.has(_STUDENT),
        company.has(_SELF),
        by_address,
    ]
    choices = ["staff", "student", "staff", "student", "student", "student"]
    status = np.select(conditions, choices, default="")
    undecided = status == ""
    if undecided.any():
        status = np.where(undecided & fields.school(), "undecided", status)
    return pd.Series(np.where(status == "", None, status), index=frame.index, dtype="string")
