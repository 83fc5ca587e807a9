"""Buying-committee roles: vocabulary (data) and a vectorised classifier.

A lead can fill several roles (a CIO is both a decision maker and the
technical evaluator). Matching is on NFKC-normalised, case-folded text, so
full-width ``ＣＩＯ`` and ``cio`` match like ``CIO``. The vocabulary is data:
patterns live in :data:`ROLE_PATTERNS`, tested with a golden title table.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_REQUIRED_ROLES", "ROLES", "ROLE_PATTERNS", "classify_roles", "normalise_text"]

#: Role keys in display order (translation keys are ``accounts.role.<key>``).
ROLES: tuple[str, ...] = (
    "decision_maker",
    "budget_holder",
    "technical_evaluator",
    "user_department",
    "procurement",
)

#: Required roles used by default for coverage.
DEFAULT_REQUIRED_ROLES: tuple[str, ...] = ROLES

# Latin words need boundaries so that "it" does not match "digital".
_B = r"(?<![a-z])"
_E = r"(?![a-z])"

#: Executive titles (role: decision maker).
_EXEC_TITLE = (
    r"代表取締役|取締役|執行役員|常務|専務|社長|副社長|会長|役員|本部長|事業部長|"
    rf"{_B}c[a-z]?[a-z]o{_E}|{_B}president{_E}|{_B}vp{_E}|{_B}svp{_E}|{_B}evp{_E}|"
    rf"vice[ -]president|managing director|{_B}founder{_E}|{_B}owner{_E}|{_B}chairman{_E}|"
    rf"{_B}chief [a-z ]*officer{_E}|{_B}general manager{_E}"
)
#: Manager-level titles (needed with a finance/planning department for a budget holder).
_MANAGER_TITLE = (
    rf"部長|室長|本部長|センター長|マネージャー|マネジャー|{_B}director{_E}|{_B}head{_E}|"
    rf"{_B}manager{_E}|{_B}vp{_E}|{_B}controller{_E}|{_B}treasurer{_E}"
)
_FINANCE_DEPT = (
    rf"経営企画|経理|財務|予算|管理本部|{_B}finance{_E}|{_B}financial{_E}|{_B}accounting{_E}|"
    rf"corporate planning|{_B}fp&a{_E}|{_B}controlling{_E}"
)
#: CFO-like titles (budget holder on their own).
_BUDGET_TITLE = (
    rf"{_B}cfo{_E}|財務責任者|経理責任者|{_B}controller{_E}|{_B}treasurer{_E}|finance director|"
    rf"director of finance|head of finance|vp[ ,]*finance"
)
_TECH = (
    r"情報システム|情報シス|情シス|システム部|システム課|dx推進|デジタル推進|デジタル変革|"
    r"情報技術|it推進|it部|it企画|ict|エンジニア|(?<!事業)開発|技術|インフラ|セキュリティ|"
    rf"{_B}it{_E}|{_B}cio{_E}|{_B}cto{_E}|{_B}ciso{_E}|{_B}engineer|{_B}developer{_E}|"
    rf"{_B}architect{_E}|{_B}infrastructure{_E}|information systems|information technology|"
    rf"{_B}devops{_E}|{_B}security{_E}|{_B}technical{_E}|{_B}dx{_E}|digital transformation"
)
_USER_DEPT = (
    r"営業|製造|マーケティング|販売|生産|工場|物流|品質|カスタマー|サポート|事業部|店舗|"
    r"人事|広報|研究|商品企画|事業開発|"
    rf"{_B}sales{_E}|{_B}marketing{_E}|{_B}manufacturing{_E}|{_B}production{_E}|"
    rf"{_B}operations{_E}|{_B}logistics{_E}|customer success|{_B}support{_E}|{_B}hr{_E}|"
    rf"human resources|{_B}quality{_E}|{_B}business development{_E}|{_B}r&d{_E}"
)
_PROCUREMENT = (
    rf"購買|調達|資材|購入|{_B}procurement{_E}|{_B}purchasing{_E}|{_B}sourcing{_E}|{_B}buyer{_E}"
)

#: Role -> patterns. Each entry is ``(title_pattern, department_pattern, needs)``:
#: ``needs`` is ``"either"`` (title or department matches the pattern),
#: ``"title"`` (title only) or ``"both"`` (title pattern AND the department
#: pattern found in the department or in the title, e.g. ``経理部長``).
ROLE_PATTERNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "decision_maker": ((_EXEC_TITLE, "", "title"),),
    "budget_holder": ((_BUDGET_TITLE, "", "title"), (_MANAGER_TITLE, _FINANCE_DEPT, "both")),
    "technical_evaluator": ((_TECH, _TECH, "either"),),
    "user_department": ((_USER_DEPT, _USER_DEPT, "either"),),
    "procurement": ((_PROCUREMENT, _PROCUREMENT, "either"),),
}


def normalise_text(value: str) -> str:
    """Return NFKC-normalised, case-folded text with whitespace collapsed.

    Parameters
    ----------
    value : str
        A job title or department.

    Returns
    -------
    str
    """
    text = unicodedata.normalize("NFKC", value).casefold()
    return " ".join(text.split())


def _normalised_uniques(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    texts = pd.Series([normalise_text(str(u)) for u in uniques.tolist()], dtype="str")
    return codes, texts


def _match(texts: pd.Series, pattern: str) -> np.ndarray:
    if not pattern or texts.empty:
        return np.zeros(len(texts), dtype=bool)
    return texts.str.contains(re.compile(pattern), regex=True).to_numpy(dtype=bool)


def _gather(codes: np.ndarray, flags: np.ndarray) -> np.ndarray:
    padded = np.append(flags, False)  # code -1 (missing) maps to the last slot
    return padded[codes]


def classify_roles(
    titles: pd.Series, departments: pd.Series | None = None, *, roles: tuple[str, ...] = ROLES
) -> pd.DataFrame:
    """Classify leads into buying-committee roles from title and department.

    Distinct values are classified once, so a million leads with a few
    thousand distinct titles cost a few thousand regex matches.

    Parameters
    ----------
    titles : pandas.Series
        Job titles (any language; missing allowed).
    departments : pandas.Series, optional
        Departments aligned with ``titles``.
    roles : tuple of str
        Roles to compute (keys of :data:`ROLE_PATTERNS`).

    Returns
    -------
    pandas.DataFrame
        One boolean column per role, indexed like ``titles``.
    """
    if departments is None:
        departments = pd.Series(pd.NA, index=titles.index, dtype="string")
    t_codes, t_text = _normalised_uniques(titles)
    d_codes, d_text = _normalised_uniques(departments)
    out: dict[str, np.ndarray] = {}
    for role in roles:
        flags = np.zeros(len(titles), dtype=bool)
        for title_pat, dept_pat, needs in ROLE_PATTERNS[role]:
            by_title = _gather(t_codes, _match(t_text, title_pat))
            if needs == "title":
                flags |= by_title
            elif needs == "either":
                flags |= by_title | _gather(d_codes, _match(d_text, dept_pat or title_pat))
            else:  # both
                in_dept = _gather(d_codes, _match(d_text, dept_pat))
                flags |= by_title & (in_dept | _gather(t_codes, _match(t_text, dept_pat)))
        out[role] = flags
    return pd.DataFrame(out, index=titles.index)
