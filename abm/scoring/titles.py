"""Seniority and department parsed from Japanese and English job titles.

The vocabulary is data (ordered ``(level, regex)`` rules, first match wins),
kept apart from the algorithm so buying-committee coverage can reuse it.
Parsing runs once per distinct title (``pandas.factorize``), then the result
is broadcast back, so a million leads with a few thousand distinct titles
cost a few thousand regex searches.

Text is NFKC-normalised and case-folded first, so full-width ``ＣＥＯ`` and
half-width kana match like their ordinary forms.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = [
    "DEPARTMENTS",
    "DEPARTMENT_RULES",
    "SENIORITIES",
    "SENIORITY_RULES",
    "classify_codes",
    "department_of",
    "normalise_text",
    "seniority_of",
]

#: Seniority levels, most senior first; ``student`` and ``unknown`` last.
SENIORITIES: tuple[str, ...] = (
    "executive",
    "officer",
    "head",
    "manager",
    "section_manager",
    "supervisor",
    "staff",
    "student",
    "unknown",
)

_W = r"(?<![a-z])"  # word start for ASCII words (Japanese has no spaces)
_E = r"(?![a-z])"  # word end

#: Ordered rules: the first pattern that matches a title decides its level.
#: Specific forms come before the general ones they contain
#: (副社長 before 社長, 本部長 before 部長, 課長代理 before 課長,
#: vice president before president, assistant manager before manager).
SENIORITY_RULES: tuple[tuple[str, str], ...] = (
    ("student", r"学生|大学院生|インターン|内定者|" + _W + r"(student|intern|trainee)" + _E),
    (
        "officer",
        r"副社長|副会長|専務|常務|取締役(?!会)(?<!代表取締役)|執行役員|監査役|"
        + _W
        + r"(vice[ -]?president|[se]?vp|managing director|executive officer)"
        + _E,
    ),
    (
        "executive",
        r"代表取締役|代表執行役|代表社員|(?<!副)社長(?!室)|(?<!副)会長|頭取|理事長|オーナー|"
        + _W
        + r"(c[a-z]?o|chief [a-z ]*officer|president|founder|co-founder|owner|chairman|chairwoman)"
        + _E,
    ),
    ("officer", r"執行役|役員|理事|" + _W + r"(executive director|board member)" + _E),
    (
        "head",
        r"本部長|事業部長|統括部長|部門長|センター長|所長|支社長|支店長|工場長|ディレクター|"
        + _W
        + r"(director|head of|head)"
        + _E,
    ),
    (
        "manager",
        r"副部長|部長|次長|室長|グループ長|"
        + _W
        + r"(general manager|senior manager|department manager)"
        + _E,
    ),
    (
        "supervisor",
        r"課長代理|課長補佐|係長|主任|主査|チーフ|リーダー|"
        + _W
        + r"(assistant manager|supervisor|team lead(er)?|lead|chief)"
        + _E,
    ),
    ("section_manager", r"課長|マネージャー|マネジャー|" + _W + r"(manager|mgr)" + _E),
    (
        "staff",
        r"担当|一般|社員|職員|スタッフ|メンバー|エンジニア|アナリスト|コンサルタント|デザイナー|研究員|教授|准教授|助教|講師|"
        + _W
        + r"(staff|specialist|associate|analyst|engineer|developer|representative|coordinator|assistant|consultant|designer|officer|member|executive)"
        + _E,
    ),
)

#: Departments (``unknown`` when nothing matches or the text is empty).
DEPARTMENTS: tuple[str, ...] = (
    "management",
    "corporate_planning",
    "it",
    "engineering",
    "marketing",
    "sales",
    "accounting",
    "procurement",
    "hr_admin",
    "legal",
    "production",
    "other",
    "unknown",
)

#: Ordered department rules, first match wins.
DEPARTMENT_RULES: tuple[tuple[str, str], ...] = (
    (
        "corporate_planning",
        r"経営企画|事業企画|経営戦略|"
        + _W
        + r"(corporate planning|strategy|strategic planning)"
        + _E,
    ),
    (
        "it",
        r"情報システム|情シス|システム部|情報管理|dx推進|デジタル|"
        + _W
        + r"(it|ict|dx|information (technology|systems)|infrastructure|cio|cto)"
        + _E,
    ),
    (
        "marketing",
        r"マーケ|広報|宣伝|販促|販売促進|"
        + _W
        + r"(marketing|pr|communications|brand(ing)?|demand gen(eration)?|cmo)"
        + _E,
    ),
    (
        "sales",
        r"営業|販売|セールス|" + _W + r"(sales|business development|account executive|bd)" + _E,
    ),
    ("accounting", r"経理|財務|会計|" + _W + r"(finance|financial|accounting|treasury|cfo)" + _E),
    ("procurement", r"購買|調達|資材|" + _W + r"(procurement|purchasing|sourcing)" + _E),
    (
        "hr_admin",
        r"人事|総務|労務|採用|"
        + _W
        + r"(human resources|hr|people|talent|general affairs|recruiting)"
        + _E,
    ),
    ("legal", r"法務|知財|コンプライアンス|" + _W + r"(legal|compliance|counsel)" + _E),
    (
        "engineering",
        r"開発|技術|研究|設計|" + _W + r"(engineering|development|r ?& ?d|research|product)" + _E,
    ),
    (
        "production",
        r"製造|生産|工場|品質|物流|"
        + _W
        + r"(manufacturing|production|quality|plant|logistics|supply chain)"
        + _E,
    ),
    ("management", r"経営|役員|社長室|" + _W + r"(executive office|management|board)" + _E),
)


def normalise_text(values: pd.Series) -> pd.Series:
    """NFKC-normalise, case-fold and trim text; missing becomes ``""``.

    Parameters
    ----------
    values : pandas.Series
        Any text column.

    Returns
    -------
    pandas.Series
        ``str`` values, same index.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    clean = [unicodedata.normalize("NFKC", str(u)).casefold().strip() for u in uniques]
    table = np.array([*clean, ""], dtype=object)
    return pd.Series(table[codes], index=values.index, dtype="str")


def classify_codes(
    values: pd.Series,
    rules: tuple[tuple[str, str], ...],
    vocab: tuple[str, ...],
    *,
    empty: str = "unknown",
    other: str = "other",
) -> np.ndarray:
    """Classify text by ordered ``(label, regex)`` rules into codes of ``vocab``.

    Runs the rules once per distinct value and broadcasts the answer back.

    Parameters
    ----------
    values : pandas.Series
        Text (any dtype, categorical included).
    rules : tuple of (str, str)
        Ordered rules; the first matching regex decides.
    vocab : tuple of str
        Labels; the result indexes into it.
    empty, other : str
        Label for empty/missing text and for text no rule matches.

    Returns
    -------
    numpy.ndarray of int16
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = normalise_text(pd.Series(uniques, dtype="object")).tolist()
    compiled = [(vocab.index(level), re.compile(pattern)) for level, pattern in rules]
    i_empty, i_other = vocab.index(empty), vocab.index(other)
    labels = []
    for text in texts:  # one pass per distinct value, not per row
        label = i_empty if not text else i_other
        if text:
            for level, rx in compiled:
                if rx.search(text):
                    label = level
                    break
        labels.append(label)
    table = np.array([*labels, i_empty], dtype=np.int16)
    return table[codes]


def _classify(
    values: pd.Series,
    rules: tuple[tuple[str, str], ...],
    vocab: tuple[str, ...],
    empty: str,
    other: str,
) -> pd.Series:
    codes = classify_codes(values, rules, vocab, empty=empty, other=other)
    return pd.Series(np.asarray(vocab, dtype=object)[codes], index=values.index, dtype="str")


def seniority_of(titles: pd.Series) -> pd.Series:
    """Return the seniority level of each job title.

    Parameters
    ----------
    titles : pandas.Series
        Job titles in Japanese or English (``"営業部 部長"``, ``"VP Sales"``).

    Returns
    -------
    pandas.Series
        One of :data:`SENIORITIES` per row (``"unknown"`` for empty or
        unrecognised titles), same index.

    Examples
    --------
    >>> seniority_of(pd.Series(["代表取締役社長", "情報システム部 課長", "CTO"])).tolist()
    ['executive', 'section_manager', 'executive']
    """
    return _classify(titles, SENIORITY_RULES, SENIORITIES, "unknown", "unknown")


def department_of(values: pd.Series) -> pd.Series:
    """Return the department family of each department (or title) text.

    Parameters
    ----------
    values : pandas.Series
        Department names (``"情報システム部"``, ``"Marketing"``), or a
        department and title joined with a space.

    Returns
    -------
    pandas.Series
        One of :data:`DEPARTMENTS` per row: ``"unknown"`` for empty text,
        ``"other"`` for text that matches no rule.
    """
    return _classify(values, DEPARTMENT_RULES, DEPARTMENTS, "unknown", "other")
