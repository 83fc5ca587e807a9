"""Opportunities and web/e-mail/event activities of the demo world."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from data import vocab as V
from data.people import Person
from data.world import Account

AMOUNT_BANDS = {"smb": (5e5, 3e6), "mid": (3e6, 2e7), "large": (1e7, 1.5e8), "univ": (1e6, 8e6)}
N_OPPORTUNITIES = 600
N_ACTIVITIES = 50_000
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@dataclass
class Opportunity:
    """One opportunity (truth)."""

    opp_id: str
    name: str
    company_id: str
    person_id: str
    amount: int
    stage: str
    probability: int
    created: dt.date
    close: dt.date
    won: bool
    closed: bool
    source: str
    owner: str
    contact_email: str
    kind: str  # lead | outbound | expansion


def _day(d: dt.date, lo: int, hi: int, rng: np.random.Generator) -> dt.date:
    return d + dt.timedelta(days=int(rng.integers(lo, hi + 1)))


def _amount(rng: np.random.Generator, segment: str, factor: float = 1.0) -> int:
    lo, hi = AMOUNT_BANDS.get(segment, AMOUNT_BANDS["smb"])
    raw = float(np.exp(rng.uniform(np.log(lo), np.log(hi)))) * factor
    return int(round(raw / 1e5) * 1e5)


def build_opportunities(
    rng: np.random.Generator, people: list[Person], accounts: list[Account]
) -> list[Opportunity]:
    """Create ~600 opportunities and set ``Account.is_customer`` from the wins.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    people : list of Person
        Contacts after :func:`data.funnel.run_funnel`.
    accounts : list of Account
        Accounts; ``is_customer`` is set in place.

    Returns
    -------
    list of Opportunity
        Sorted by creation date.
    """
    by_id = {a.company_id: a for a in accounts}
    opps: list[Opportunity] = []
    first_win: dict[str, dt.date] = {}
    used_ids: dict[str, int] = {}

    def add(acc: Account, person: Person | None, created: dt.date, outcome: dt.date | None,
            won: bool, amount: int, source: str, kind: str, label: str, email: str) -> None:  # fmt: skip
        while True:
            oid = "0065g000" + "".join(_ALNUM[int(i)] for i in rng.integers(0, 62, 7)) + "AAM"
            if oid not in used_ids:
                used_ids[oid] = 1
                break
        if outcome is not None and outcome <= V.REF:
            stage, prob = ("受注", 100) if won else ("失注", 0)
            close, closed = outcome, True
            if won and (acc.company_id not in first_win or outcome < first_win[acc.company_id]):
                first_win[acc.company_id] = outcome
        else:
            age = (V.REF - created).days
            k = min(int(age / 25) + int(rng.integers(0, 2)), len(V.OPP_STAGES) - 1)
            stage, prob = V.OPP_STAGES[k]
            close = _day(V.REF, 1, 180, rng) if rng.random() > 0.08 else _day(V.REF, -45, -1, rng)
            won, closed = False, False
        opps.append(Opportunity(oid, f"{acc.core}_{label}", acc.company_id,
                                person.person_id if person else "", amount, stage, prob,
                                created, close, won, closed, source, acc.owner, email, kind))  # fmt: skip

    for p in people:
        if "opp" not in p.stages:
            continue
        acc = by_id[p.company_id]
        outcome = p.stages.get("won") or p.stages.get("lost")
        add(acc, p, p.stages["opp"], outcome or _day(V.REF, 1, 200, rng), "won" in p.stages,
            _amount(rng, acc.segment), p.source, "lead", "データ基盤導入", p.email)  # fmt: skip
    n_lead = len(opps)
    # outbound new-logo opportunities at large/mid accounts (sales generated, no lead)
    big = [a for a in accounts if a.segment in ("large", "mid")]
    w = np.array([3.0 if a.segment == "large" else 1.0 for a in big])
    contacts: dict[str, list[Person]] = {}
    for p in people:
        if p.email and p.email_kind == "corporate":
            contacts.setdefault(p.company_id, []).append(p)
    n_out = 120
    for i in rng.choice(len(big), size=n_out, p=w / w.sum()):
        acc = big[int(i)]
        created = _day(V.START, 0, (V.REF - V.START).days - 20, rng)
        outcome = _day(created, 45, 220, rng)
        email = _contact(rng, contacts.get(acc.company_id, []), acc)
        source = "パートナー" if rng.random() < 0.3 else "営業開拓"
        add(acc, None, created, outcome, bool(rng.random() < 0.07), _amount(rng, acc.segment),
            source, "outbound", "データ基盤導入", email)  # fmt: skip
    # expansions and renewals at customers
    remaining = N_OPPORTUNITIES - len(opps)
    custs = sorted(first_win.items(), key=lambda kv: kv[0])
    mult = np.array([(V.REF - d).days / 365 * (2.0 if by_id[c].segment == "large" else 1.0)
                     for c, d in custs])  # fmt: skip
    lam = remaining / max(mult.sum(), 1e-9)
    for (cid, won_on), m in zip(custs, mult, strict=True):
        acc = by_id[cid]
        for _ in range(int(rng.poisson(lam * m))):
            created = _day(won_on, 20, max((V.REF - won_on).days, 20), rng)
            created = min(created, V.REF)
            label = "追加ライセンス" if rng.random() < 0.6 else "契約更新"
            add(acc, None, created, _day(created, 20, 120, rng), bool(rng.random() < 0.65),
                _amount(rng, acc.segment, 0.4), "既存顧客", "expansion", label,
                _contact(rng, contacts.get(cid, []), acc))  # fmt: skip
    for cid in first_win:
        by_id[cid].is_customer = True
    opps.sort(key=lambda o: (o.created, o.opp_id))
    assert n_lead > 0
    return opps


def _contact(rng: np.random.Generator, people: list[Person], acc: Account) -> str:
    """Primary contact e-mail for a sales-generated opportunity."""
    if people and rng.random() < 0.6:
        return people[int(rng.integers(len(people)))].email
    if rng.random() < 0.5:
        return ""
    return f"contact{int(rng.integers(100, 1000))}@{acc.domain}"
