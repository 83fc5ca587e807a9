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

import re

import numpy as np
import pandas as pd

from abm.resolve import hygiene_vocab as hv
from abm.resolve.normalise import email_domain, normalise_email, org_domain

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


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    """The column as NFKC, lower-cased, stripped text (NA when absent)."""
    if name not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame[name].astype("string").str.normalize("NFKC").str.lower().str.strip()


def _has(text: pd.Series, pattern: str) -> np.ndarray:
    return text.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool, copy=True)


def _academic_domain(domains: pd.Series) -> np.ndarray:
    ends = tuple(hv.ACADEMIC_DOMAIN_SUFFIXES)
    return ("." + org_domain(domains).fillna("")).str.endswith(ends).to_numpy(dtype=bool, copy=True)


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
    company = _text(frame, "company")
    out = _has(company, _SCHOOL) & ~_has(company, _FORM)
    if "email" in frame.columns:
        out |= _academic_domain(email_domain(normalise_email(frame["email"].astype("string"))))
    if "domain" in frame.columns:
        out |= _academic_domain(frame["domain"].astype("string"))
    return out


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
    title, dept = _text(frame, "title"), _text(frame, "department")
    company = _text(frame, "company")
    email = normalise_email(_text(frame, "email"))
    host = email_domain(email).fillna("")
    local = email.str.split("@").str[0].astype("string")
    on_school_mail = _academic_domain(host)
    by_address = on_school_mail & (_has(host, _STUDENT_HOST) | _has(local, hv.STUDENT_NUMBER_LOCAL))
    conditions = [
        _has(title, _STAFF),
        _has(title, _STUDENT) | _has(title, hv.STUDENT_YEAR_TITLE),
        _has(dept, _STAFF),
        _has(dept, _STUDENT),
        _has(company, _SELF),
        by_address,
    ]
    choices = ["staff", "student", "staff", "student", "student", "student"]
    status = np.select(conditions, choices, default="")
    status = np.where((status == "") & is_school(frame), "undecided", status)
    return pd.Series(np.where(status == "", None, status), index=frame.index, dtype="string")
