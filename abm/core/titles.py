"""Job titles: seniority, department family and buying-committee role — one vocabulary.

How the three relate
--------------------
* **Seniority** is read from the title alone by :data:`SENIORITY_RULES`
  (``代表取締役`` → executive, ``部長`` → head, ``次長`` → manager,
  ``課長代理`` → supervisor, ``VP Sales`` → officer).
* **Department family** is read by :data:`DEPARTMENT_RULES` from the
  department text, and separately from the title (a ``CFO``'s title says
  finance, ``経理部長`` names its department).
* A **committee role** has no words of its own: :data:`ROLE_RULES` derives
  it from the two. A lead fills a role when one of its department families
  (from the department column or from the title) is one the role names, and
  its seniority is at least the role's lowest level. A lead can fill several
  roles (a CIO decides and evaluates).

Scoring's fit points read seniority and department; the accounts page's
buying-committee coverage reads the roles; a word added here changes both.
Rules are data (ordered ``(label, regex)``, first match wins), tested with
golden tables; each runs once per distinct text (``pandas.factorize``), so a
million leads with a few thousand distinct titles cost a few thousand
searches. Text is NFKC-normalised, case-folded and its whitespace collapsed
first (:func:`fold_text`), so ``ＣＥＯ`` and ``ceo`` match like ``CEO``.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_REQUIRED_ROLES",
    "DEPARTMENTS",
    "DEPARTMENT_RULES",
    "ROLES",
    "ROLE_RULES",
    "SENIORITIES",
    "SENIORITY_RULES",
    "classify",
    "classify_codes",
    "classify_roles",
    "department_of",
    "fold_series",
    "fold_text",
    "seniority_of",
]

#: Seniority levels, most senior first; ``student`` and ``unknown`` last.
SENIORITIES: tuple[str, ...] = (
    "executive", "officer", "head", "manager", "section_manager", "supervisor", "staff",
    "student", "unknown",
)  # fmt: skip

_W = r"(?<![a-z])"  # word start for ASCII words (Japanese has no spaces)
_E = r"(?![a-z])"  # word end

#: Ordered rules: the first pattern that matches a title decides its level.
#: Specific forms come before the general ones they contain (副社長 before
#: 社長, 部長代理 before 部長, 課長代理 before 課長, vice president before
#: president, assistant manager before manager). A Web/アートディレクター is
#: a practitioner (staff), not the head of a function.
#:
#: ``head`` is whoever heads a function: a 部 or a larger unit (部長, 本部長,
#: 事業部長) or a unit Japanese companies run like one (室長, センター長,
#: 工場長, 所長, 支店長), and Head of / Director / General Manager (the
#: English of 部長). ``manager`` is the 部長 rank without the 部: a 部長's
#: deputies (副部長, 次長, 部長代理, 部長補佐) and 部長 without a line of
#: their own (担当部長, 部長相当), Senior Manager — they evaluate and
#: recommend; the head they report to approves. A deputy of a 本部, 事業部
#: or 工場 ranks with the 部長 under it, so 副本部長, 本部長代理 and 副工場長
#: stay ``head``. 課長 and Manager are ``section_manager``.
SENIORITY_RULES: tuple[tuple[str, str], ...] = (
    ("student", rf"学生|大学院生|インターン|内定者|{_W}(student|intern|trainee){_E}"),
    ("officer", r"副社長|副会長|専務|常務|取締役(?!会)(?<!代表取締役)|執行役員|監査役|"
        rf"{_W}(vice[ -]?president|[se]?vp|managing director|executive officer){_E}"),
    ("executive", r"代表取締役|代表執行役|代表社員|(?<!副)社長(?!室)|(?<!副)会長|頭取|理事長|オーナー|"
        rf"{_W}(c[a-z]?o|chief [a-z ]*officer|president|founder|co-founder|owner|chairman|chairwoman){_E}"),
    ("officer", rf"執行役|役員|理事|{_W}(executive director|board member){_E}"),
    ("manager", r"副部長|(?<!本)(?<!事業)(?<!統括)部長(代理|代行|補佐|相当|待遇|付)|担当部長|次長|"
        r"副(室|局|所|支店|支社|センター)長|(室|局|所|支店|支社|センター)長(代理|代行|補佐)|"
        rf"{_W}((deputy|assistant) (general manager|director|head|department manager)|"
        rf"vice director){_E}"),
    ("head", r"本部長|事業部長|統括部長|部門長|部長|室長|センター長|所長|支社長|支店長|工場長|(?<!副)局長|"
        r"(?<!web)(?<!web )(?<!アート)ディレクター|"
        rf"{_W}(director|head of|head|general manager|department manager|"
        rf"(plant|factory|works|branch|country|division(al)?) manager){_E}"),
    ("manager", r"グループ長|"
        rf"{_W}(senior manager|controller|treasurer){_E}"),
    ("supervisor", r"課長代理|課長補佐|係長|主任|主査|チーフ|リーダー|職長|班長|組長|工長|"
        rf"{_W}(assistant manager|supervisor|team lead(er)?|lead|chief){_E}"),
    ("section_manager", rf"課長|マネージャー|マネジャー|{_W}(manager|mgr){_E}"),
    ("staff", r"担当|一般|社員|職員|スタッフ|メンバー|エンジニア|アナリスト|コンサルタント|デザイナー|ディレクター|研究員|"
        r"教授|准教授|助教|講師|"
        rf"{_W}(staff|specialist|associate|analyst|engineer|developer|representative|coordinator|"
        rf"assistant|consultant|designer|officer|member|executive|buyer){_E}"),
)  # fmt: skip

#: Department families (``unknown`` for empty text, ``other`` when nothing matches).
DEPARTMENTS: tuple[str, ...] = (
    "management", "corporate_planning", "it", "engineering", "marketing", "sales", "accounting",
    "procurement", "hr_admin", "legal", "production", "other", "unknown",
)  # fmt: skip

#: Ordered department rules, first match wins. 事業開発 (business development)
#: is sales, not engineering; bare デジタル is not IT (デジタルマーケティング).
#: A plant's departments: 生産技術, 製造技術 and 設備技術 are engineering
#: (技術: they evaluate); 製造, 生産管理, 品質保証, 設備, 保全 (maintenance,
#: not 債権保全), 工務 and 製作所 are production (they use what is bought);
#: 外注 and 仕入 buy, like 購買, 調達 and 資材.
DEPARTMENT_RULES: tuple[tuple[str, str], ...] = (
    ("corporate_planning", r"経営企画|事業企画|経営戦略|"
        rf"{_W}(corporate planning|strategy|strategic planning){_E}"),
    ("it", r"情報システム|情報シス|情シス|システム部|システム課|情報管理|情報技術|dx推進|デジタル推進|"
        r"デジタル変革|インフラ|セキュリティ|"
        rf"{_W}(it|ict|dx|information (technology|systems|security)|infrastructure|cio|cto|ciso|"
        rf"devops|security|digital transformation){_E}"),
    ("marketing", r"マーケ|広報|宣伝|販促|販売促進|商品企画|"
        rf"{_W}(marketing|pr|communications|brand(ing)?|demand gen(eration)?|cmo){_E}"),
    ("sales", r"営業|販売|セールス|事業開発|カスタマー|サポート|店舗|"
        rf"{_W}(sales|business development|account executive|bd|customer (success|support)|"
        rf"support){_E}"),
    ("accounting", r"経理|財務|会計|予算|管理本部|"
        rf"{_W}(finance|financial|accounting|treasury|cfo|controller|controlling|treasurer|"
        rf"fp&a){_E}"),
    ("procurement", r"購買|調達|資材|購入|外注|仕入|"
        rf"{_W}(procurement|purchasing|sourcing|buyer){_E}"),
    ("hr_admin", r"人事|総務|労務|採用|"
        rf"{_W}(human resources|hr|people|talent|general affairs|recruiting){_E}"),
    ("legal", rf"法務|知財|コンプライアンス|{_W}(legal|compliance|counsel){_E}"),
    ("engineering", r"開発|技術|研究|設計|エンジニア|"
        rf"{_W}(engineering|engineers?|developers?|architects?|development|r ?& ?d|research|"
        rf"product){_E}"),
    ("production", r"製造|生産|工場|品質|物流|オペレーション|設備|(?<!債権)保全|工務|製作所|ものづくり|"
        r"モノづくり|"
        rf"{_W}(manufacturing|production|quality|plant|logistics|supply chain|operations|"
        rf"maintenance|equipment){_E}"),
    ("management", rf"経営|役員|社長室|{_W}(executive office|management|board){_E}"),
)  # fmt: skip

#: Buying-committee roles in display order (labels: ``accounts.role.<role>``).
ROLES: tuple[str, ...] = (
    "decision_maker", "budget_holder", "technical_evaluator", "user_department", "procurement",
)  # fmt: skip
#: Roles an account needs by default for full coverage.
DEFAULT_REQUIRED_ROLES: tuple[str, ...] = ROLES

#: How a role follows from department and seniority:
#: ``(role, department families, lowest seniority)``. ``()`` = any department;
#: ``None`` = any seniority but ``student`` (an unknown title still counts).
#: Several rows of one role are alternatives. The decision maker is the head
#: of a function or above (``head``: 部長, 工場長, Director …), who approves
#: a purchase; a 部長's deputies (``manager``: 副部長, 次長) evaluate or use.
#: Corporate planning holds budget from its deputies up.
ROLE_RULES: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("decision_maker", (), "head"),
    ("budget_holder", ("accounting",), "section_manager"),
    ("budget_holder", ("corporate_planning",), "manager"),
    ("technical_evaluator", ("it", "engineering"), None),
    ("user_department", ("sales", "marketing", "production", "hr_admin"), None),
    ("procurement", ("procurement",), None),
)

#: Longest text a rule looks at (keeps every search linear on any cell).
_MAX_TEXT = 200


def fold_text(value: object) -> str:
    """NFKC-normalise, case-fold and collapse whitespace; missing gives ``""``.

    Examples
    --------
    >>> fold_text("ＣＥＯ　兼  CTO")
    'ceo 兼 cto'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return " ".join(unicodedata.normalize("NFKC", str(value)).casefold().split())


def fold_series(values: pd.Series) -> pd.Series:
    """:func:`fold_text` of each value, computed once per distinct value.

    Returns
    -------
    pandas.Series
        ``str`` values, same index; missing becomes ``""``.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.array([*(fold_text(u) for u in uniques.tolist()), ""], dtype=object)
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

    Parameters
    ----------
    values : pandas.Series
        Text (any dtype, categorical included).
    rules : tuple of (str, str)
        Ordered rules; the first regex found in the folded text decides.
    vocab : tuple of str
        Labels; the result indexes into it.
    empty, other : str
        Label for empty/missing text and for text no rule matches.

    Returns
    -------
    numpy.ndarray of int16
        One code per row; rules run once per distinct value.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    compiled = [(vocab.index(label), re.compile(pattern)) for label, pattern in rules]
    i_empty, i_other = vocab.index(empty), vocab.index(other)
    labels = []
    for u in uniques:
        text = fold_text(u)[:_MAX_TEXT]
        label = next((i for i, rx in compiled if rx.search(text)), i_other) if text else i_empty
        labels.append(label)
    return np.array([*labels, i_empty], dtype=np.int16)[codes]


def classify(
    values: pd.Series,
    rules: tuple[tuple[str, str], ...],
    vocab: tuple[str, ...],
    *,
    empty: str = "unknown",
    other: str = "other",
) -> pd.Series:
    """Like :func:`classify_codes`, as labels aligned with ``values`` (``str`` dtype)."""
    codes = classify_codes(values, rules, vocab, empty=empty, other=other)
    return pd.Series(np.asarray(vocab, dtype=object)[codes], index=values.index, dtype="str")


def seniority_of(titles: pd.Series) -> pd.Series:
    """Seniority level of each job title.

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
    return classify(titles, SENIORITY_RULES, SENIORITIES, other="unknown")


def department_of(values: pd.Series) -> pd.Series:
    """Department family of each department (or title) text.

    Parameters
    ----------
    values : pandas.Series
        Department names (``"情報システム部"``, ``"Marketing"``), titles, or
        both joined with a space.

    Returns
    -------
    pandas.Series
        One of :data:`DEPARTMENTS` per row: ``"unknown"`` for empty text,
        ``"other"`` for text that matches no rule.
    """
    return classify(values, DEPARTMENT_RULES, DEPARTMENTS)


def _role_tables(role: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Per rule of ``role``: allowed seniority codes x allowed department codes."""
    rank = {s: i for i, s in enumerate(SENIORITIES)}
    seniors, depts = [], []
    for name, families, lowest in ROLE_RULES:
        if name != role:
            continue
        if lowest is None:
            seniors.append(np.array([s != "student" for s in SENIORITIES]))
        else:
            seniors.append(np.array([rank[s] <= rank[lowest] for s in SENIORITIES]))
        depts.append(np.array([not families or d in families for d in DEPARTMENTS]))
    if not seniors:
        return None
    return np.stack(seniors), np.stack(depts)


def classify_roles(
    titles: pd.Series, departments: pd.Series | None = None, *, roles: tuple[str, ...] = ROLES
) -> pd.DataFrame:
    """Buying-committee roles of each lead, derived by :data:`ROLE_RULES`.

    Parameters
    ----------
    titles : pandas.Series
        Job titles (any language; missing allowed).
    departments : pandas.Series, optional
        Departments aligned with ``titles``.
    roles : tuple of str
        Roles to compute (of :data:`ROLES`).

    Returns
    -------
    pandas.DataFrame
        One boolean column per role, indexed like ``titles``.

    Examples
    --------
    >>> titles, depts = pd.Series(["CFO", "部長", "副部長"]), pd.Series([None, "情報システム部", "設備保全課"])
    >>> classify_roles(titles, depts).iloc[:, :4]
       decision_maker  budget_holder  technical_evaluator  user_department
    0            True           True                False            False
    1            True          False                 True            False
    2           False          False                False             True
    """
    seniority = classify_codes(titles, SENIORITY_RULES, SENIORITIES, other="unknown")
    by_title = classify_codes(titles, DEPARTMENT_RULES, DEPARTMENTS)
    if departments is None:
        by_dept = np.full(len(titles), DEPARTMENTS.index("unknown"), dtype=np.int16)
    else:
        by_dept = classify_codes(departments, DEPARTMENT_RULES, DEPARTMENTS)
    out: dict[str, np.ndarray] = {}
    for role in roles:
        tables = _role_tables(role)
        if tables is None:
            raise KeyError(role)
        seniors, depts = tables
        flags = seniors[:, seniority] & (depts[:, by_title] | depts[:, by_dept])
        out[role] = flags.any(axis=0)
    return pd.DataFrame(out, index=titles.index)
