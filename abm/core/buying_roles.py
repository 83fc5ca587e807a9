"""Buying roles a CRM records, read as Mori's buying-committee roles — one vocabulary.

Where the role comes from
-------------------------
* Salesforce's opportunity contact roles (「商談取引先責任者の役割」 report, column
  ``役割`` / ``Role``): the standard picklist is Business User, Decision Maker, Economic
  Buyer, Economic Decision Maker, Evaluator, Executive Sponsor, Influencer, Technical
  Buyer, Other (Salesforce object reference, ``AccountContactRelation.Roles`` and
  ``OpportunityContactRole.Role``); the Japanese UI shows them translated
  (ビジネスユーザー, 意思決定者, 経済的購買者, 経済的決定者, 評価者, 経営幹部スポンサー,
  影響者, 技術的購買者, その他 — spellings vary by release, so the usual variants are
  listed).

  What is confirmed and what is not (Salesforce's documentation, searched 2026-12-07):
  the nine English values are confirmed (object reference, ``AccountContactRelation.Roles``
  valid values, also in its Japanese edition, which leaves them in English). Of the
  Japanese labels only 意思決定者 and ビジネスユーザ appear in Salesforce's Japanese
  documentation (``OpportunityContactRole.Role``: 「ビジネスユーザ、または意思決定者など」);
  the others are **not confirmed** — they are the labels seen in Japanese orgs' exports.
  In particular 経済的購買者 is read as Economic Buyer and 経済的決定者 as **Economic
  Decision Maker** (a 決定者 decides): it fills ``decision_maker`` and ``budget_holder``,
  like the English value. Should 経済的決定者 turn out to be a release's label for Economic
  Buyer, this reading over-counts ``decision_maker`` for those rows, never under-counts
  ``budget_holder``.
* HubSpot's contact property "Buying Role" (``hs_buying_role``, multiple checkboxes:
  Decision Maker, Budget Holder, Champion, Influencer, End User, Executive Sponsor,
  Legal and Compliance, Blocker, Other), exported as a contact column with ``;`` between
  the values; an API export writes the internal names (``DECISION_MAKER``).
* A team's own column on the lead export (役割, 購買役割, キーマン区分) with words such as
  決裁者, 予算責任者, 技術評価者, 利用部門, 購買担当.

How a value is read
-------------------
A cell may list several values (``;``, ``、``, ``,``, ``|`` or a line break between them);
each is NFKC-normalised, case-folded, and spaces, ``_``, ``-``, ``・`` and ``/`` are
removed before it is looked up in :data:`BUYING_ROLE_VALUES`, so ``Decision Maker``,
``DECISION_MAKER`` and ``decision-maker`` are one value. A value the vocabulary lists
with no committee role (Influencer, Champion, Blocker, Legal and Compliance, Other) fills
nothing; a value it does not list fills nothing and is counted (:func:`read_buying_roles`)
— never an error. Every distinct cell is read once (``pandas.factorize``).

Two choices, said here:

* **Economic Decision Maker** both decides and holds the budget: it fills
  ``decision_maker`` and ``budget_holder``. An **Executive Sponsor** (経営幹部スポンサー)
  backs the purchase from the top: ``decision_maker``.
* **Legal and Compliance** fills no role: Mori's ``procurement`` is the purchasing
  function (購買, 調達, 資材 — who negotiates and orders), and the title rules put 法務 in
  the ``legal`` family, which fills no role either; a legal reviewer does not make an
  account's purchasing department known.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from abm.core.titles import ROLES

__all__ = [
    "BUYING_ROLE_SEPARATORS",
    "BUYING_ROLE_VALUES",
    "buying_role_key",
    "read_buying_roles",
]

#: ``(committee roles, values)``: a CRM's role value (as written in English and Japanese
#: UIs and in exports) and the buying-committee roles (:data:`abm.core.titles.ROLES`) it
#: fills; ``()`` = a known value that fills none. Compared by :func:`buying_role_key`.
BUYING_ROLE_VALUES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("decision_maker",), (
        "Decision Maker", "意思決定者", "Executive Sponsor", "経営幹部スポンサー",
        "エグゼクティブスポンサー", "決裁者", "最終決裁者", "決定者", "意思決定権者", "承認者",
    )),
    (("decision_maker", "budget_holder"), (
        "Economic Decision Maker", "経済的決定者", "経済的意思決定者", "経済的な意思決定者",
    )),
    (("budget_holder",), (
        "Economic Buyer", "経済的購買者", "経済的バイヤー", "Budget Holder",
        "予算保有者", "予算所有者", "予算責任者", "予算管理者", "予算権者", "予算決定者",
    )),
    (("technical_evaluator",), (
        "Technical Buyer", "技術的購買者", "技術的バイヤー", "Evaluator", "評価者",
        "Technical Evaluator", "技術評価者", "技術的評価者", "技術担当者", "選定者",
    )),
    (("user_department",), (
        "Business User", "ビジネスユーザー", "ビジネスユーザ", "End User", "エンドユーザー",
        "エンドユーザ", "利用者", "利用部門", "ユーザー部門", "現場担当者", "User",
    )),
    (("procurement",), (
        "Procurement", "Purchasing", "Purchaser", "購買", "調達", "購買担当", "購買担当者",
        "購買部門", "調達担当", "調達担当者", "調達部門", "資材担当",
    )),
    ((), (
        "Influencer", "影響者", "インフルエンサー", "Champion", "チャンピオン", "推進者",
        "Blocker", "ブロッカー", "反対者", "Legal and Compliance", "法務・コンプライアンス",
        "法務およびコンプライアンス", "法務", "Other", "その他", "キーマン",
    )),
)  # fmt: skip

#: What separates the values of one cell (a multi-select export, a typed list).
BUYING_ROLE_SEPARATORS = r"[;；、,，|\n]"

_DROP = re.compile(r"[\s_\-・/]+")


def buying_role_key(value: str) -> str:
    """The form a role value is compared in: NFKC, case-folded, spaces and ``_-・/`` removed.

    Examples
    --------
    >>> buying_role_key("DECISION_MAKER") == buying_role_key("Decision Maker")
    True
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", value).casefold())


def _table() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for roles, values in BUYING_ROLE_VALUES:
        for v in values:
            out[buying_role_key(v)] = roles
    return out


_LOOKUP = _table()
_SPLIT = re.compile(BUYING_ROLE_SEPARATORS)


def _read_cell(text: str, roles: tuple[str, ...]) -> tuple[list[bool], bool]:
    """One cell's roles (per ``roles``) and whether it holds a value the vocabulary lacks."""
    found: set[str] = set()
    unknown = False
    for item in _SPLIT.split(text):
        key = buying_role_key(item)
        if not key:
            continue
        hit = _LOOKUP.get(key)
        if hit is None:
            unknown = True
        else:
            found.update(hit)
    return [r in found for r in roles], unknown


def read_buying_roles(
    values: pd.Series, *, roles: tuple[str, ...] = ROLES
) -> tuple[pd.DataFrame, np.ndarray]:
    """The committee roles each cell of a CRM's role column names.

    Parameters
    ----------
    values : pandas.Series
        Role cells as exported (``"Decision Maker;Budget Holder"``, ``"経済的決定者"``);
        missing allowed.
    roles : tuple of str
        Roles to report (of :data:`abm.core.titles.ROLES`).

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray)
        One boolean column per role, indexed like ``values``; and per row whether the
        cell holds a value :data:`BUYING_ROLE_VALUES` does not know (it fills nothing).

    Examples
    --------
    >>> flags, unknown = read_buying_roles(pd.Series(["経済的決定者", "Champion;End User", "?"]))
    >>> flags[["budget_holder", "user_department"]].to_numpy().tolist()
    [[True, False], [False, True], [False, False]]
    >>> unknown.tolist()
    [False, False, True]
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.zeros((len(uniques) + 1, len(roles)), dtype=bool)  # last row: missing
    odd = np.zeros(len(uniques) + 1, dtype=bool)
    for i, u in enumerate(uniques.tolist()):
        table[i], odd[i] = _read_cell(str(u), roles)
    flags = table[codes]
    frame = pd.DataFrame(
        {r: flags[:, j] for j, r in enumerate(roles)}, index=values.index, dtype=bool
    )
    return frame, odd[codes]
