"""Contacts (people) of the demo world: who they are, where they work, their e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from data import vocab as V
from data.world import Account

#: Mean contacts per account by segment (large accounts have many people).
CONTACTS_MEAN = {"large": 23, "mid": 9.5, "smb": 1.6, "univ": 8, "competitor": 7, "partner": 8}
DEPTS_PER_ACCOUNT = {"large": (6, 11), "mid": (3, 6), "smb": (1, 3), "competitor": (2, 4),
                     "partner": (2, 4)}  # fmt: skip
UNI_DEPTS = ["工学研究科", "情報基盤センター", "事務局", "経済学部", "理学部", "医学部"]
FREE_RATE = {"large": 0.06, "mid": 0.1, "smb": 0.24, "univ": 0.12, "competitor": 0.08,
             "partner": 0.05}  # fmt: skip
SEG_FIT = {"large": 1.0, "mid": 0.8, "smb": 0.3, "univ": 0.0, "competitor": 0.4,
           "partner": 0.4, "none": 0.0}  # fmt: skip


@dataclass
class Person:
    """One real person (truth). A person may appear in several export rows."""

    person_id: str
    company_id: str
    segment: str
    sei: str
    mei: str
    sei_r: str
    mei_r: str
    western: bool
    title: str
    seniority: float
    department: str
    dept_rel: float
    email: str = ""
    phone: str = ""
    email_kind: str = "corporate"  # corporate | free | test | missing | other
    is_student: bool = False
    is_test: bool = False
    in_bownow: bool = True
    in_hubspot: bool = False
    country: str = "Japan"
    engage: float = 0.0
    source: str = ""
    campaign: str = ""
    created: dt.datetime = dt.datetime(2024, 10, 1)
    unsubscribed: bool = False
    bounced: bool = False
    stages: dict[str, dt.date] = field(default_factory=dict)
    reject_reason: str = ""
    owner: str = ""
    status: str = "潜在"
    company_text: str = ""  # free text typed by test records (no account)


def _choice(rng: np.random.Generator, items: list, weights: list[float] | None = None):
    if weights is None:
        return items[int(rng.integers(len(items)))]
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def _phone(rng: np.random.Generator, area: str, mobile: bool) -> str:
    if mobile:
        pre = _choice(rng, ["090", "080", "070"])
        return f"{pre}-{rng.integers(1000, 10000)}-{rng.integers(1000, 10000)}"
    if len(area) == 2:
        return f"{area}-{rng.integers(1000, 10000)}-{rng.integers(1000, 10000)}"
    return f"{area}-{rng.integers(100, 1000)}-{rng.integers(1000, 10000)}"


def _local_part(rng: np.random.Generator, sei: str, mei: str) -> str:
    k = int(rng.integers(6))
    return [f"{mei}.{sei}", f"{mei[0]}.{sei}", f"{sei}.{mei}", f"{sei}", f"{mei[0]}{sei}",
            f"{sei}-{mei[0]}"][k]  # fmt: skip


def _name(rng: np.random.Generator, western: bool) -> tuple[str, str, str, str]:
    if western:
        first, last = _choice(rng, V.WESTERN_FIRST), _choice(rng, V.WESTERN_LAST)
        return last, first, last.lower(), first.lower()
    ranks = np.arange(1, len(V.SURNAMES) + 1, dtype=float)
    sei, sei_r = _choice(rng, V.SURNAMES, list(1 / ranks**0.7))
    mei, mei_r = _choice(rng, V.GIVEN)
    return sei, mei, sei_r, mei_r


def build_people(rng: np.random.Generator, accounts: list[Account]) -> list[Person]:
    """Create every contact of every account (plus a few test records).

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    accounts : list of Account
        The world's accounts.

    Returns
    -------
    list of Person
        Person ids ``P00001``…, in account order; funnel fields still empty.
    """
    people: list[Person] = []
    used_emails: dict[str, int] = {}

    def unique(email: str) -> str:
        local, dom = email.split("@")
        n, cand = 1, email
        while cand in used_emails:
            n += 1
            cand = f"{local}{n}@{dom}"
        used_emails[cand] = 1
        return cand

    for acc in accounts:
        seg = acc.segment
        n = int(rng.poisson(CONTACTS_MEAN[seg])) + (1 if seg != "smb" else 0)
        n = max(n, 1 if seg == "smb" and rng.random() < 0.9 else 0)
        if seg == "univ":
            depts = [(d, 0.5 if "情報" in d else 0.2) for d in UNI_DEPTS]
        else:
            lo, hi = DEPTS_PER_ACCOUNT[seg]
            w = np.array([r + 0.3 for _, r in V.DEPARTMENTS])
            k = int(rng.integers(lo, hi))
            idx = rng.choice(len(V.DEPARTMENTS), size=k, replace=False, p=w / w.sum())
            depts = [V.DEPARTMENTS[int(i)] for i in sorted(idx)]
        for _ in range(n):
            sei, mei, sei_r, mei_r = _name(rng, False)
            dept, rel = _choice(rng, depts)
            student = False
            if seg == "univ":
                title, seniority, _ = _choice(rng, V.UNI_TITLES, [t[2] for t in V.UNI_TITLES])
                student = title in ("学生", "大学院生")
            else:
                col = 2 if seg in ("large", "mid", "partner", "competitor") else 3
                title, seniority = _choice(rng, [(t[0], t[1]) for t in V.TITLES],
                                           [t[col] for t in V.TITLES])  # fmt: skip
            p = Person(f"P{len(people) + 1:05d}", acc.company_id, seg, sei, mei, sei_r, mei_r,
                       False, title, seniority, dept, rel, is_student=student)  # fmt: skip
            free_rate = 0.55 if student else FREE_RATE[seg]
            u = float(rng.random())
            if u < 0.004:
                p.email_kind = "missing"
            elif u < 0.004 + free_rate:
                p.email_kind = "free"
                year = int(rng.integers(60, 100)) if not student else int(rng.integers(0, 7))
                local = f"{_local_part(rng, sei_r, mei_r).replace('-', '_')}{year:02d}"
                p.email = unique(f"{local}@{_choice(rng, V.FREE_MAIL)}")
            elif student:
                sub = "st." if rng.random() < 0.5 else ""
                p.email = unique(f"s{rng.integers(1000000, 10000000)}@{sub}{acc.domain}")
            else:
                p.email = unique(f"{_local_part(rng, sei_r, mei_r)}@{acc.domain}")
            mobile = p.email_kind == "free" or rng.random() < 0.12
            p.phone = "" if rng.random() < 0.08 else _phone(rng, acc.area_code, mobile)
            people.append(p)
    _add_overseas(rng, accounts, people, unique)
    _add_tests(people)
    return people


def _add_overseas(rng, accounts, people, unique) -> None:
    """HubSpot-only English-speaking contacts (overseas subsidiaries) and overlap."""
    big = [a for a in accounts if a.segment in ("large", "mid")]
    weights = [4.0 if a.segment == "large" else 1.0 for a in big]
    for _ in range(280):
        acc = _choice(rng, big, weights)
        western = bool(rng.random() < 0.6)
        sei, mei, sei_r, mei_r = _name(rng, western)
        title, seniority = _choice(rng, V.EN_TITLES)
        rel = 0.9 if "IT" in title or "Data" in title or title == "CIO" else 0.5
        country = _choice(rng, [c for c, _ in V.COUNTRIES], [w for _, w in V.COUNTRIES])
        p = Person(f"P{len(people) + 1:05d}", acc.company_id, acc.segment, sei, mei, sei_r,
                   mei_r, western, title, seniority, "", rel, in_bownow=False,
                   in_hubspot=True, country=country)  # fmt: skip
        if rng.random() < 0.15:
            p.email_kind = "other"
            dom = acc.domain.split(".")[0] + "-global.com"
        else:
            dom = acc.domain
        p.email = unique(f"{mei_r}.{sei_r}@{dom}")
        p.phone = (
            f"+{_choice(rng, ['1', '65', '66', '49', '44', '86'])} {rng.integers(10**8, 10**9)}"
        )
        people.append(p)
    # Japan-based contacts that also sit in the HubSpot file (same e-mail).
    cand = [p for p in people if p.in_bownow and p.segment in ("large", "mid")
            and p.email_kind == "corporate"]  # fmt: skip
    for i in sorted(int(i) for i in rng.choice(len(cand), size=110, replace=False)):
        cand[i].in_hubspot = True


TEST_ROWS = [
    ("テスト", "太郎", "test@example.com", "テスト株式会社"),
    ("ダミー", "", "dummy@example.com", "ダミー"),
    ("てすと", "", "aaa@test.co.jp", "あああ"),
    ("TEST", "USER", "test@test.com", "test"),
    ("テスト", "花子", "test+1@example.com", "株式会社テスト"),
    ("ダミー", "データ", "", "ダミー会社"),
    ("test", "", "test@example.com", "テスト"),
    ("ああ", "いい", "a@a.jp", "ーー"),
]


def _add_tests(people: list[Person]) -> None:
    """Append the deliberate junk records (test@example.com, ダミー …)."""
    for sei, mei, email, company in TEST_ROWS:
        p = Person(f"P{len(people) + 1:05d}", "", "none", sei, mei, "", "", False, "", 0.0,
                   "", 0.0, email=email, email_kind="test", is_test=True, company_text=company)  # fmt: skip
        people.append(p)
