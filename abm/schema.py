"""Canonical data model: four tables with stable column names and dtypes.

Every export, whatever tool produced it, is mapped onto these tables. Later
stages (名寄せ, funnel, scoring, accounts) only ever see canonical columns.

Dtype kinds
-----------
``string``   text (pandas ``str``/``string`` dtype; missing is ``NA``)
``int``      whole numbers (pandas ``Int64``; e.g. employees)
``float``    numbers (``Float64``; e.g. scores)
``money``    amounts in yen (``Float64``)
``datetime`` timestamps (``datetime64[ns]``, naive, local time of the export)
``bool``     flags (``boolean``)

Validation is lazy: :func:`validate` checks everything and returns every
problem at once as a table the UI can show. It is written in-house rather
than with pandera because (a) pandera's failure reports carry the failing
cell values, which may be personal data and must never reach a message or
a log, and (b) the messages must be translated; the checks we need (required
columns, dtypes, uniqueness, ranges, allowed values) are a few dozen lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "DERIVED",
    "DTYPES",
    "JOIN_KEYS",
    "KEY_WARNINGS",
    "LINEAGE",
    "STAGE_DATE_COLUMNS",
    "TABLES",
    "Column",
    "Table",
    "empty_frame",
    "join_key_level",
    "table",
    "text_column",
    "validate",
]

#: pandas dtype for each dtype kind.
DTYPES: dict[str, str] = {
    "string": "string",
    "int": "Int64",
    "float": "Float64",
    "money": "Float64",
    "datetime": "datetime64[ns]",
    "bool": "boolean",
}


@dataclass(frozen=True)
class Column:
    """One canonical column.

    Parameters
    ----------
    name : str
        Stable canonical name (snake_case, English).
    kind : str
        One of :data:`DTYPES`' keys.
    required : bool
        Whether a table is unusable without this column.
    en, ja : str
        One-line description in English and Japanese (shown in the mapping UI).
    pii : bool
        Personal data: never logged, never put in a report unless asked for.
    unique : bool
        Values must be unique when present (ids).
    min_value : float or None
        Lower bound for numeric kinds.
    """

    name: str
    kind: str
    required: bool
    en: str
    ja: str
    pii: bool = False
    unique: bool = False
    min_value: float | None = None

    @property
    def dtype(self) -> str:
        """The pandas dtype string for this column."""
        return DTYPES[self.kind]


@dataclass(frozen=True)
class Table:
    """A canonical table: a name, a description and its columns."""

    name: str
    en: str
    ja: str
    columns: tuple[Column, ...]
    #: Alternatives: at least one column of each group must be present.
    one_of: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Column names in canonical order."""
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """Names of required columns."""
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        """Return the column called ``name`` (KeyError if absent)."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, kind: str, en: str, ja: str, **kw: object) -> Column:
    return Column(
        name=name, kind=kind, required=bool(kw.pop("required", False)), en=en, ja=ja, **kw
    )  # type: ignore[arg-type]


#: Stage-date columns on leads, in classic waterfall order.
STAGE_DATE_COLUMNS: tuple[str, ...] = (
    "inquiry_at",
    "aql_at",
    "mal_at",
    "mql_at",
    "sal_at",
    "sql_at",
    "opportunity_at",
    "won_at",
    "lost_at",
    "recycled_at",
    "disqualified_at",
)

_STAGE_LABELS = {
    "inquiry_at": ("Inquiry", "問い合わせ"),
    "aql_at": ("AQL (automation qualified)", "AQL（自動判定）"),
    "mal_at": ("MAL (marketing accepted)", "MAL（マーケ受入）"),
    "mql_at": ("MQL", "MQL"),
    "sal_at": ("SAL (sales accepted)", "SAL（営業受入）"),
    "sql_at": ("SQL (sales qualified)", "SQL（営業判定）"),
    "opportunity_at": ("Opportunity", "商談化"),
    "won_at": ("Won", "受注"),
    "lost_at": ("Lost", "失注"),
    "recycled_at": ("Recycled", "リサイクル"),
    "disqualified_at": ("Disqualified", "対象外判定"),
}

LEADS = Table(
    name="leads",
    en="One row per person (lead/contact).",
    ja="リード（人）ごとに1行。",
    columns=(
        _c(
            "lead_id",
            "string",
            "Lead/record id from the source tool",
            "元ツールのリードID",
            unique=True,
        ),
        _c("email", "string", "Email address", "メールアドレス", pii=True),
        _c("full_name", "string", "Full name", "氏名", pii=True),
        _c("last_name", "string", "Last (family) name", "姓", pii=True),
        _c("first_name", "string", "First (given) name", "名", pii=True),
        _c("company", "string", "Company name as entered", "会社名（入力どおり）", required=True),
        _c(
            "account_id",
            "string",
            "Account id from the CRM (key to accounts)",
            "CRMの取引先ID（取引先との結合キー）",
        ),
        _c(
            "converted_contact_id",
            "string",
            "Contact id a converted lead became (Salesforce ConvertedContactId)",
            "取引開始後の取引先責任者ID（Salesforceでリードの取引を開始したとき）",
        ),
        _c("department", "string", "Department", "部署"),
        _c("title", "string", "Job title", "役職"),
        _c(
            "buying_role",
            "string",
            "Buying role the CRM records (raw value, e.g. Decision Maker; Economic Buyer)",
            "購買における役割（CRMの値のまま。意思決定者・経済的決定者など）",
        ),
        _c("phone", "string", "Phone number (kept as text)", "電話番号（文字列のまま）", pii=True),
        _c("industry", "string", "Industry", "業種"),
        _c("employees", "int", "Number of employees", "従業員数", min_value=0),
        _c(
            "employees_band",
            "string",
            "Employee band as written (employees holds its lower bound)",
            "従業員数の区分（書かれたまま。従業員数には下限値）",
        ),
        _c("annual_revenue", "money", "Annual revenue in yen", "年間売上高（円）", min_value=0),
        _c(
            "annual_revenue_band",
            "string",
            "Revenue band as written (annual_revenue holds its lower bound)",
            "売上高の区分（書かれたまま。年間売上高には下限値）",
        ),
        _c("country", "string", "Country", "国"),
        _c("prefecture", "string", "Prefecture / state", "都道府県"),
        _c(
            "postal_code",
            "string",
            "Postal code (kept as text)",
            "郵便番号（文字列のまま）",
            pii=True,
        ),
        _c("address", "string", "Street address", "住所", pii=True),
        _c("lead_source", "string", "Lead source / original source", "リードソース（流入元）"),
        _c("campaign", "string", "Campaign or acquisition program", "キャンペーン・獲得施策"),
        _c("created_at", "datetime", "Created date", "作成日"),
        _c(
            "current_stage",
            "string",
            "Current lifecycle / funnel stage (raw value)",
            "現在のステージ（元の値）",
        ),
        _c("lead_status", "string", "Lead status (raw value)", "リード状況（元の値）"),
        *(
            _c(name, "datetime", f"Date entered {en}", f"{ja}到達日")
            for name, (en, ja) in _STAGE_LABELS.items()
        ),
        _c(
            "last_activity_at",
            "datetime",
            "Last activity / last access date",
            "最終活動日・最終アクセス日",
        ),
        _c("owner", "string", "Owner (sales rep)", "担当者（営業）"),
        _c(
            "rejection_reason",
            "string",
            "Reason sales rejected / disqualified",
            "営業の不受理・対象外の理由",
        ),
        _c("score", "float", "Vendor score", "ツールのスコア"),
        _c("grade", "string", "Vendor grade (e.g. Pardot A–F)", "ツールのグレード"),
        _c(
            "page_views",
            "int",
            "Page views (PV) counted by the MA tool",
            "ページビュー数（MA集計）",
            min_value=0,
        ),
        _c(
            "web_visits",
            "int",
            "Sessions / visits counted by the MA tool",
            "セッション・訪問数（MA集計）",
            min_value=0,
        ),
        _c(
            "conversions",
            "int",
            "Conversions (CV) counted by the MA tool",
            "コンバージョン数（MA集計）",
            min_value=0,
        ),
        _c("budget", "string", "Budget (BANT) as entered", "予算（BANT）"),
        _c("unsubscribed", "bool", "Opted out / unsubscribed", "配信停止"),
        _c("bounced", "bool", "Email bounced", "メール不達"),
        _c(
            "corporate_number",
            "string",
            "Corporate number (法人番号, 13 digits)",
            "法人番号（13桁）",
        ),
        _c("domain", "string", "Company website domain", "企業Webサイトのドメイン"),
    ),
    one_of=(("company",),),
)

ACTIVITIES = Table(
    name="activities",
    en="One row per activity (visit, email, form, event…).",
    ja="行動（訪問・メール・フォーム・イベントなど）ごとに1行。",
    columns=(
        _c("lead_id", "string", "Lead id (key to leads)", "リードID（リードとの結合キー）"),
        _c(
            "email",
            "string",
            "Email (key to leads)",
            "メールアドレス（リードとの結合キー）",
            pii=True,
        ),
        _c(
            "contact_name",
            "string",
            "Contact's full name (key to leads with the company)",
            "取引先責任者の氏名（会社名と合わせてリードとの結合キー）",
            pii=True,
        ),
        _c("company", "string", "Account / company name", "取引先・会社名"),
        _c("timestamp", "datetime", "When it happened", "日時", required=True),
        _c(
            "activity_type",
            "string",
            "Activity type (raw value)",
            "行動種別（元の値）",
            required=True,
        ),
        _c("channel", "string", "Channel (web, email, event…)", "チャネル"),
        _c("url", "string", "URL or page", "URL・ページ"),
        _c("campaign", "string", "Campaign", "キャンペーン"),
        _c("account_id", "string", "Account id from the CRM", "CRMの取引先ID"),
        _c("subject", "string", "Subject", "件名"),
        _c(
            "status", "string", "Status (raw value, e.g. completed / not started)", "状況（元の値）"
        ),
        _c("result", "string", "Result of a sales touch (raw value)", "結果（元の値）"),
        _c("owner", "string", "Owner / assigned rep", "担当者（任命先）"),
        _c(
            "origin",
            "string",
            "Who logged it: sales (CRM activity history) or marketing (MA log)",
            "記録元：sales（CRMの活動履歴）または marketing（MAの行動ログ）",
        ),
    ),
    one_of=(("lead_id", "email", "contact_name", "company"),),
)

OPPORTUNITIES = Table(
    name="opportunities",
    en="One row per opportunity (deal).",
    ja="商談ごとに1行。",
    columns=(
        _c("opportunity_id", "string", "Opportunity id", "商談ID", unique=True),
        _c("opportunity_name", "string", "Opportunity name", "商談名"),
        _c("company", "string", "Account / company name", "取引先・会社名"),
        _c("account_id", "string", "Account id from the CRM", "CRMの取引先ID"),
        _c("lead_id", "string", "Lead id, if known", "リードID（あれば）"),
        _c(
            "email",
            "string",
            "Primary contact email, if known",
            "主担当者のメール（あれば）",
            pii=True,
        ),
        _c(
            "contact_name",
            "string",
            "Primary contact's full name, if known",
            "主担当者の氏名（あれば）",
            pii=True,
        ),
        _c(
            "buying_role",
            "string",
            "The contact's role on the deal (raw value; a contact-role report's Role)",
            "取引先責任者の役割（元の値。商談取引先責任者の役割レポートの「役割」）",
        ),
        _c(
            "is_primary",
            "bool",
            "The contact is the deal's primary contact (a contact-role report's Primary)",
            "取引先責任者が商談の主担当（商談取引先責任者の役割レポートの「主担当」）",
        ),
        _c("amount", "money", "Amount in yen", "金額（円）", min_value=0),
        _c(
            "currency",
            "string",
            "Currency of the deal's own amount (ISO code; read from a currency column)",
            "商談の金額の通貨（ISOコード。通貨の列から読む）",
        ),
        _c("stage", "string", "Opportunity stage (raw value)", "フェーズ（元の値）"),
        _c("probability", "float", "Probability (%)", "確度（%）", min_value=0),
        _c("created_at", "datetime", "Created date", "作成日"),
        _c("close_date", "datetime", "Close date (expected or actual)", "完了予定日・完了日"),
        _c("is_won", "bool", "Won", "受注"),
        _c("is_closed", "bool", "Closed (won or lost)", "完了（受注または失注）"),
        _c("lead_source", "string", "Lead source", "リードソース"),
        _c("owner", "string", "Owner (sales rep)", "担当者（営業）"),
        _c(
            "opportunity_type",
            "string",
            "Opportunity type (raw value, e.g. new / existing customer)",
            "種別（元の値。新規・既存顧客など）",
        ),
        _c("pipeline", "string", "Pipeline (raw value)", "パイプライン（元の値）"),
    ),
    one_of=(("company", "account_id", "lead_id", "email"),),
)

ACCOUNTS = Table(
    name="accounts",
    en="One row per company (account).",
    ja="会社（取引先）ごとに1行。",
    columns=(
        _c("account_id", "string", "Account id from the CRM", "CRMの取引先ID", unique=True),
        _c("company", "string", "Company name", "会社名", required=True),
        _c("domain", "string", "Website domain", "Webサイトのドメイン"),
        _c("corporate_number", "string", "Corporate number (法人番号)", "法人番号"),
        _c("industry", "string", "Industry", "業種"),
        _c("employees", "int", "Number of employees", "従業員数", min_value=0),
        _c(
            "employees_band",
            "string",
            "Employee band as written (employees holds its lower bound)",
            "従業員数の区分（書かれたまま。従業員数には下限値）",
        ),
        _c("annual_revenue", "money", "Annual revenue in yen", "年間売上高（円）", min_value=0),
        _c(
            "annual_revenue_band",
            "string",
            "Revenue band as written (annual_revenue holds its lower bound)",
            "売上高の区分（書かれたまま。年間売上高には下限値）",
        ),
        _c("prefecture", "string", "Prefecture / state", "都道府県"),
        _c("country", "string", "Country", "国"),
        _c("is_customer", "bool", "Existing customer", "既存顧客"),
        _c("is_target", "bool", "Target account", "ターゲット企業"),
        _c("tier", "string", "Tier (1/2/3) if already set", "ティア（設定済みなら）"),
        _c("owner", "string", "Account owner", "担当者"),
    ),
    one_of=(("company",),),
)

#: All canonical tables by name.
TABLES: dict[str, Table] = {t.name: t for t in (LEADS, ACTIVITIES, OPPORTUNITIES, ACCOUNTS)}


def table(name: str) -> Table:
    """Return the canonical table called ``name``.

    Parameters
    ----------
    name : {"leads", "activities", "opportunities", "accounts"}

    Returns
    -------
    Table
    """
    return TABLES[name]


def empty_frame(name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return an empty frame with canonical dtypes.

    Parameters
    ----------
    name : str
        Canonical table name.
    columns : tuple of str, optional
        Subset of columns (default: all).

    Returns
    -------
    pandas.DataFrame
    """
    t = TABLES[name]
    cols = columns or t.names
    return pd.DataFrame({c: pd.Series(dtype=t.column(c).dtype) for c in cols})


#: Lineage columns every ingested canonical frame carries: the file a row came
#: from and its 1-based line (or sheet row) in that file, as a user sees it in
#: a spreadsheet. They are not part of any table and :func:`validate` skips them.
LINEAGE: tuple[str, ...] = ("source_file", "source_row")

#: Columns derived at load, not mapped from a file (:func:`validate` skips them):
#: an opportunity's ``outcome`` and where it came from (:mod:`abm.core.opportunities`),
#: how an activity or opportunity row was linked to a person, the people of a deal
#: associated with several (:mod:`abm.pipeline`), and those of them only a contact-role
#: report adds — its buying committee, not the lead that became the deal — as the report
#: names them (``committee_*``, :func:`abm.ingest.deals.attach_contacts`) and as linked
#: (``committee_ids``, :func:`abm.pipeline.links.committee_ids`).
DERIVED: tuple[str, ...] = (
    "outcome", "outcome_source", "link_rule", "contact_ids",
    "committee_lead_id", "committee_email", "committee_contact_name", "committee_ids",
)  # fmt: skip

#: What the rows of each table are joined on: groups of columns that together
#: make one key, ``(full, partial)``. A full key serves the table's purpose —
#: an activity reaches its person, an opportunity its person or account, a
#: lead or account row its company (名寄せ groups by it); a partial key half of
#: it (an activity that reaches its company but no person).
# fmt: off
JOIN_KEYS: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]] = {
    "leads": ((("company",), ("account_id",)), ()),
    "accounts": ((("company",), ("account_id",)), ()),
    "activities": (
        (("lead_id",), ("email",), ("contact_name", "company")),
        (("account_id",), ("company",)),
    ),
    "opportunities": (
        (("lead_id",), ("email",), ("contact_name", "company"), ("account_id",), ("company",)),
        (),
    ),
}
# fmt: on

#: Load warnings about key columns that are mapped but hold no value (issue
#: ``check`` → the key columns that still hold values): the key level left is
#: :func:`join_key_level` of those (an activity file with no person key: half;
#: an opportunity file linked to accounts only: full).
KEY_WARNINGS: dict[str, frozenset[str]] = {
    "no_person_key": frozenset({"account_id", "company"}),
    "no_link_key": frozenset(),
}


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """Column ``name`` of ``frame`` as ``string``; all NA (same index) when the file had none.

    Parameters
    ----------
    frame : pandas.DataFrame
    name : str

    Returns
    -------
    pandas.Series
    """
    if name in frame.columns:
        return frame[name].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def join_key_level(name: str, columns: set[str] | frozenset[str]) -> float:
    """How well the mapped ``columns`` of table ``name`` can be joined.

    Parameters
    ----------
    name : str
        Canonical table name.
    columns : set of str
        Canonical columns mapped.

    Returns
    -------
    float
        1.0 when a full key of :data:`JOIN_KEYS` is mapped, 0.5 for a partial
        key only, 0.0 for none.

    Examples
    --------
    >>> join_key_level("activities", {"timestamp", "activity_type", "company"})
    0.5
    """
    full, partial = JOIN_KEYS[name]
    if any(set(g) <= columns for g in full):
        return 1.0
    return 0.5 if any(set(g) <= columns for g in partial) else 0.0


#: Columns of the table returned by :func:`validate`.
ISSUE_COLUMNS = ("table", "column", "check", "severity", "rows", "first_row", "file")


def _kind_ok(series: pd.Series, kind: str) -> bool:
    dt = series.dtype
    if kind == "string":
        return pd.api.types.is_string_dtype(dt) or pd.api.types.is_object_dtype(dt)
    if kind in ("int",):
        return pd.api.types.is_integer_dtype(dt)
    if kind in ("float", "money"):
        return pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt)
    if kind == "datetime":
        return pd.api.types.is_datetime64_any_dtype(dt)
    if kind == "bool":
        return pd.api.types.is_bool_dtype(dt)
    return False


def validate(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a frame against a canonical table, lazily.

    Every check runs; nothing raises. The result lists each failed check once
    with the number of rows affected and the first affected row, never the offending
    value. A frame that says where its rows came from (``source_file`` and
    ``source_row``, as loaded) gets a row-level check once per file, with that file's
    count and the file's own row number of its first affected row; otherwise the row
    is the 1-based position in ``frame`` and ``file`` is missing.

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame with canonical column names (unknown columns are reported as
        ``unknown_column`` warnings).
    name : str
        Canonical table name.

    Returns
    -------
    pandas.DataFrame
        Columns ``table, column, check, severity, rows, first_row, file``.
        ``check`` is one of ``missing_required``, ``missing_one_of``,
        ``dtype``, ``duplicate``, ``below_min``, ``unknown_column``,
        ``all_missing``. ``severity`` is ``error`` (the table cannot be used)
        or ``warning``. Empty when everything passes.
    """
    t = TABLES[name]
    issues: list[dict[str, object]] = []

    def add(
        column: str,
        check: str,
        severity: str,
        rows: int = 0,
        first: int | None = None,
        file: str | None = None,
    ) -> None:
        issues.append(
            {
                "table": name,
                "column": column,
                "check": check,
                "severity": severity,
                "rows": int(rows),
                "first_row": first,
                "file": file,
            }
        )

    def add_rows(column: str, check: str, severity: str, mask: pd.Series) -> None:
        """One issue per file of the rows in ``mask`` (as a whole without lineage)."""
        hit = np.flatnonzero(mask.to_numpy(dtype=bool))
        if not {"source_file", "source_row"} <= set(frame.columns):
            add(column, check, severity, len(hit), int(hit[0]) + 1)
            return
        files = frame["source_file"].astype("string").fillna("").to_numpy(dtype=object)[hit]
        lines = pd.to_numeric(frame["source_row"], errors="coerce").to_numpy()[hit]
        for file in pd.unique(files):
            mine = files == file
            first = lines[mine][0]
            add(column, check, severity, int(mine.sum()),
                None if pd.isna(first) else int(first), str(file) or None)  # fmt: skip

    present = set(frame.columns)
    for col in t.required:
        if col not in present:
            add(col, "missing_required", "error")
    for group in t.one_of:
        if not present.intersection(group):
            add(" | ".join(group), "missing_one_of", "error")
    for col in frame.columns:
        if col in LINEAGE or col in DERIVED:
            continue
        if col not in t.names:
            add(str(col), "unknown_column", "warning")
            continue
        spec = t.column(col)
        s = frame[col]
        if not _kind_ok(s, spec.kind):
            add(col, "dtype", "error")
            continue
        na = s.isna()
        if len(s) and bool(na.all()):
            add(col, "all_missing", "error" if spec.required else "warning", int(na.sum()), 1)
            continue
        if spec.required and bool(na.any()):
            add_rows(col, "missing_values", "warning", na)
        if spec.unique:
            dup = s.duplicated(keep="first") & ~na
            if bool(dup.any()):
                add_rows(col, "duplicate", "warning", dup)
        if spec.min_value is not None and spec.kind in ("int", "float", "money"):
            low = (s < spec.min_value).fillna(False)
            if bool(low.any()):
                add_rows(col, "below_min", "warning", low)
    out = pd.DataFrame(issues, columns=list(ISSUE_COLUMNS))
    return out.astype({"rows": "int64", "first_row": "Int64", "file": "string"})
