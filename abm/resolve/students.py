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


class _Distinct:
    """A text column judged once per distinct value (a million leads carry a few
    thousand titles), as NFKC, lower-cased, stripped text."""

    def __init__(self, frame: pd.DataFrame, name: str) -> None:
        values = frame[name] if name in frame.columns else pd.Series(pd.NA, index=frame.index)
        self.codes, uniq = pd.factorize(values.astype("string"), use_na_sentinel=True)
        self.text = pd.Series(uniq, dtype="string").str.normalize("NFKC").str.lower().str.strip()

    def has(self, pattern: str) -> np.ndarray:
        """Whether each row's text contains ``pattern`` (a missing text never does)."""
        hit = self.text.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
        return np.append(hit, False)[self.codes]

    def academic(self) -> np.ndarray:
        """Whether each row's text is a host or URL on an academic registrable domain."""
        ends = tuple(hv.ACADEMIC_DOMAIN_SUFFIXES)
        dom = org_domain(self.text).fillna("")
        return np.append(("." + dom).str.endswith(ends).to_numpy(dtype=bool), False)[self.codes]


def _mail_hosts(frame: pd.DataFrame) -> pd.DataFrame:
    """The host part of each e-mail (as typed, lower-cased): cheap Arrow kernels, no parsing."""
    mail = frame["email"] if "email" in frame.columns else pd.Series(pd.NA, index=frame.index)
    host = mail.astype("string").str.strip().str.lower().str.replace(r"^.*@", "", regex=True)
    return pd.DataFrame({"host": host.where(mail.astype("string").str.contains("@"))})


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
    company = _Distinct(frame, "company")
    out = company.has(_SCHOOL) & ~company.has(_FORM)
    if "email" in frame.columns:
        out |= _Distinct(_mail_hosts(frame), "host").academic()
    if "domain" in frame.columns:
        out |= _Distinct(frame, "domain").academic()
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
    title, dept = _Distinct(frame, "title"), _Distinct(frame, "department")
    company = _Distinct(frame, "company")
    by_address = np.zeros(len(frame), dtype=bool)
    hosts = _Distinct(_mail_hosts(frame), "host")
    on_school_mail = np.flatnonzero(hosts.academic())
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
        status = np.where(undecided & is_school(frame), "undecided", status)
    return pd.Series(np.where(status == "", None, status), index=frame.index, dtype="string")
