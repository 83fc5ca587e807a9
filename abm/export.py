"""Safe CSV / xlsx export used by every page, and CRM import presets.

Formula injection
-----------------
A spreadsheet treats a cell starting with ``= + - @`` (and, in some
versions, tab, CR, LF, or their full-width forms ``＝ ＋ － ＠``) as a
formula. :func:`neutralise_formulas` prefixes such *text* cells with a single
quote. Real numbers (numeric dtypes) are never touched, so ``-5`` stored as a
number stays ``-5``; but the text ``"-5"`` or a phone number
``"+81 3-1234-5678"`` *is* text and is written ``'-5`` / ``'+81 3-1234-5678``
in CSV — safety first; the spreadsheet then shows it as text. In xlsx every
string cell is written with the string data type instead, so no cell can be a
formula, and the text is kept as it is: a CRM import of the workbook gets
``+81 3-1234-5678``, not ``'+81 3-1234-5678`` (QA).

Encodings
---------
CSV is UTF-8 with a BOM by default (Excel opens it correctly). CP932
(Shift_JIS as Windows writes it) is available on request: characters it
cannot hold (e.g. 𠮷) are replaced by 〓 and *reported* with their row and
column, or the export is refused (``unencodable="refuse"``) — never a silent
``?``. The em dash (—) is written as the horizontal bar (―), as Windows does.
A preset whose importer reads one encoding only pins it (``attrs[CSV_ENCODING]``):
HubSpot's company import is written in UTF-8 with a BOM whatever was chosen.

Numbers
-------
A whole number of a float column is written without ``.0`` (``43323000000``, not
``43323000000.0``: a column of amounts with a blank cell is float); other values
as pandas writes them (``2.5``, ``0.30000000000000004``). Past 10**15 the float is
no longer exact to the unit and keeps pandas' text.

Readable exports
----------------
People read most downloads: :func:`readable` names every canonical column
in the reader's language (``company`` → 会社名) and turns code values
(``exact_name``, ``tier_1``, ``school|student``) into words;
:func:`target_list` is the ranked target list a meeting reads (tier names,
reasons as sentences, money in whole units of the workspace's currency named in the header). The
CRM-import presets keep the English column names their import wizards map.

The CRM presets never write an account the 営業対象外 rules excluded
(``excluded`` from :func:`abm.accounts.tiers.score_accounts`): even a "Target
Account = false" row would create it in the CRM. ``attrs["excluded_left_out"]``
counts them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from abm.accounts.tier_reasons import reasons_text
from abm.core.format import currency_unit, fmt_list
from abm.errors import MoriError
from abm.i18n import keys as K
from abm.i18n import t

__all__ = [
    "CSV_ENCODING",
    "FORMULA_PREFIXES",
    "REPLACEMENT_CHAR",
    "TARGET_LIST_COLUMNS",
    "Unencodable",
    "hubspot_company_import",
    "mori_target_list",
    "neutralise_formulas",
    "readable",
    "salesforce_account_import",
    "target_list",
    "to_csv_bytes",
    "to_xlsx_bytes",
    "translate_codes",
]

#: First characters that make a spreadsheet cell a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
#: A cell starting with one of them, unless it is a lone dash — the "none" placeholder
#: exports write (``-`` / ``－``), which no spreadsheet runs (QA-Q: became ``'-``).
_FORMULA_RE = re.compile("^(?![-－]$)[" + re.escape("".join(FORMULA_PREFIXES)) + "]")
#: ``attrs`` key of a frame whose CSV is written in that encoding whatever was asked
#: (:func:`hubspot_company_import`: HubSpot's importer reads UTF-8).
CSV_ENCODING = "csv_encoding"
#: Largest whole float written as an integer (beyond, a float is not exact to the unit).
_WHOLE_MAX = 1e15
#: Stand-in for characters the chosen encoding cannot hold (geta mark, in CP932).
REPLACEMENT_CHAR = "〓"
#: Look-alikes CP932 writes instead of failing (EM DASH -> HORIZONTAL BAR, as Windows does;
#: the yen sign of English money text ``¥148,900,000`` -> FULLWIDTH YEN SIGN ``￥``, the
#: pound sign -> ``￡``); the currency signs CP932 lacks are written as their ISO code
#: (``€1.2M`` -> ``EUR1.2M``), not as ``〓``.
_CP932_FIXUPS = str.maketrans(
    {
        "\u2014": "\u2015",
        "\u00a5": "\uffe5",
        "\u00a3": "\uffe1",
        "\u20ac": "EUR",
        "\u20a9": "KRW",
        "\u00b7": "\u30fb",  # the middle dot between figures -> ・
    }
)


@dataclass(frozen=True)
class Unencodable:
    """A character the chosen encoding cannot hold.

    ``row`` is the 1-based data row (0 = header), ``column`` the column name.
    """

    row: int
    column: str
    char: str
    codepoint: str


def _escape_text(value: object) -> object:
    if isinstance(value, str) and _FORMULA_RE.match(value):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy where text cells that a spreadsheet would run are quoted.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame; it is not modified.

    Returns
    -------
    pandas.DataFrame
        Text cells starting with one of :data:`FORMULA_PREFIXES` get a leading
        ``'`` (a lone dash, a placeholder, stays as written); numeric, boolean and
        datetime columns are unchanged. Column
        names are escaped the same way.
    """
    out = {}
    for name, s in frame.items():
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)  # categories are text too: escape them cell by cell
        if pd.api.types.is_string_dtype(s.dtype):
            if s.dtype == object:
                out[name] = s.map(_escape_text)
            else:
                hit = s.str.match(_FORMULA_RE).fillna(False).astype(bool)
                out[name] = s.where(~hit, "'" + s)
        else:
            out[name] = s
    result = pd.DataFrame(out, index=frame.index)
    result.columns = [_escape_text(str(c)) for c in frame.columns]
    return result


def _unencodable(frame: pd.DataFrame, text: str, encoding: str) -> list[Unencodable]:
    bad = sorted(c for c in set(text) if not _encodable(c, encoding))
    found: list[Unencodable] = []
    for ch in bad:
        for col in frame.columns:
            if ch in str(col):
                found.append(Unencodable(0, str(col), ch, f"U+{ord(ch):04X}"))
            s = frame[col]
            if not pd.api.types.is_string_dtype(s.dtype):
                continue
            hit = (
                s.astype("string").str.contains(ch, regex=False).fillna(False).to_numpy(dtype=bool)
            )
            found.extend(
                Unencodable(int(r) + 1, str(col), ch, f"U+{ord(ch):04X}")
                for r in np.flatnonzero(hit)
            )
    return sorted(found, key=lambda u: (u.row, u.column, u.char))


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every float column's whole numbers as integers (``3200``, not
    ``3200.0``); other cells as they were (a copy, only when a float column has one)."""
    out = None
    for i, dtype in enumerate(frame.dtypes):
        if not pd.api.types.is_float_dtype(dtype):
            continue
        s = frame.iloc[:, i]
        v = s.to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            whole = np.isfinite(v) & (np.abs(v) < _WHOLE_MAX) & (np.floor(v) == v)
        if not whole.any():
            continue
        cells = s.astype(object).to_numpy(copy=True)
        cells[whole] = [int(x) for x in v[whole]]
        cells[pd.isna(s).to_numpy(dtype=bool)] = None
        if out is None:
            out = frame.copy()
        out.isetitem(i, pd.Series(cells, index=frame.index, dtype=object))
    return frame if out is None else out


def to_csv_bytes(
    frame: pd.DataFrame,
    *,
    encoding: str = "utf-8-sig",
    unencodable: str = "replace",
    neutralise: bool = True,
) -> tuple[bytes, list[Unencodable]]:
    """Write ``frame`` as CSV bytes (CRLF line ends, no index).

    Parameters
    ----------
    frame : pandas.DataFrame
    encoding : {"utf-8-sig", "cp932"}
        UTF-8 with BOM (default) or CP932; a frame's ``attrs[CSV_ENCODING]``
        (a CRM import preset's) wins.
    unencodable : {"replace", "refuse"}
        What to do with characters the encoding cannot hold: replace each with
        :data:`REPLACEMENT_CHAR` (and report it) or raise.
    neutralise : bool
        Apply :func:`neutralise_formulas` first (default; leave on for files
        people open in a spreadsheet).

    Returns
    -------
    tuple of (bytes, list of Unencodable)
        The file and every replaced character with its row and column (empty
        for UTF-8).

    Raises
    ------
    MoriError
        ``export.err.unencodable`` with ``count``, ``row`` and ``column`` of
        the first one, when ``unencodable="refuse"`` and some exist.
    """
    encoding = frame.attrs.get(CSV_ENCODING, encoding)
    if encoding not in ("utf-8-sig", "cp932"):
        raise ValueError(f"unsupported encoding: {encoding}")
    safe = _whole_numbers(neutralise_formulas(frame) if neutralise else frame)
    text = safe.to_csv(index=False, lineterminator="\r\n")
    problems: list[Unencodable] = []
    if encoding != "utf-8-sig":
        text = text.translate(_CP932_FIXUPS)
        problems = _unencodable(safe, text, encoding)
        if problems:
            if unencodable == "refuse":
                first = problems[0]
                raise MoriError(
                    "export.err.unencodable",
                    count=len(problems),
                    row=first.row,
                    column=first.column,
                )
            text = text.translate({ord(p.char): REPLACEMENT_CHAR for p in problems})
    return text.encode(encoding), problems


def _cell_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None) if value.tzinfo else value
        return value.to_pydatetime()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def to_xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "data", neutralise: bool = False) -> bytes:
    """Write ``frame`` as an .xlsx workbook with no formula cells.

    Every string cell gets the string data type (``"s"``), so a value starting
    with ``=`` is stored as text, never a formula; the text is kept as written
    (a CRM import reads the workbook's values, a quote prefix would become part of
    a name or a phone number). Control characters that xlsx cannot store are
    removed.

    Parameters
    ----------
    frame : pandas.DataFrame
    sheet : str
        Worksheet title (at most 31 characters are kept).
    neutralise : bool
        Also prefix formula-like text as :func:`neutralise_formulas` does (off: the
        string type already makes every such cell text).

    Returns
    -------
    bytes
    """
    safe = neutralise_formulas(frame) if neutralise else frame
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "_", sheet)[:31] or "data")

    def cells(values: list[object]) -> list[WriteOnlyCell]:
        row = []
        for v in values:
            cell = WriteOnlyCell(ws, value=_cell_value(v))
            if isinstance(cell.value, str):
                cell.data_type = "s"
            row.append(cell)
        return row

    ws.append(cells([str(c) for c in safe.columns]))
    columns = [safe[c].astype(object).to_numpy() for c in safe.columns]
    for i in range(len(safe)):
        ws.append(cells([col[i] for col in columns]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _tier_value(tier: pd.Series, mapping: dict[str, str]) -> pd.Series:
    return (
        tier.astype("string")
        .map(lambda v: mapping.get(str(v), ""), na_action="ignore")
        .fillna("")
        .astype("str")
    )


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _exportable(targets: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows of ``targets`` no exclusion rule excluded, and how many were left out."""
    if "excluded" not in targets.columns:
        return targets, 0
    out = targets["excluded"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    return targets[~out], int(out.sum())


def _left_out(frame: pd.DataFrame, count: int) -> pd.DataFrame:
    frame.attrs["excluded_left_out"] = count
    return frame


def hubspot_company_import(targets: pd.DataFrame) -> pd.DataFrame:
    """Target list in HubSpot's company-import columns.

    Parameters
    ----------
    targets : pandas.DataFrame
        Output of :func:`abm.accounts.tiers.score_accounts` (any subset of rows).

    Returns
    -------
    pandas.DataFrame
        ``Company name, Company Domain Name, Target Account`` (``true``/``false``),
        ``Ideal Customer Profile Tier`` (``tier_1``/``tier_2``/``tier_3``; empty
        when none), ``Number of Employees, Annual Revenue, Industry``. Excluded
        accounts are left out (``attrs["excluded_left_out"]``). Its CSV is UTF-8
        with a BOM whatever encoding is asked (``attrs[CSV_ENCODING]``): HubSpot's
        importer reads UTF-8, a Shift_JIS file's Japanese names would arrive garbled.
    """
    targets, dropped = _exportable(targets)
    tier = _col(targets, "tier")
    icp = _tier_value(tier, {"tier_1": "tier_1", "tier_2": "tier_2", "tier_3": "tier_3"})
    out = pd.DataFrame(
        {
            "Company name": _col(targets, "account_name").fillna(_col(targets, "account_id")),
            "Company Domain Name": _col(targets, "domain"),
            "Target Account": np.where(icp != "", "true", "false"),
            "Ideal Customer Profile Tier": icp,
            "Number of Employees": _col(targets, "employees"),
            "Annual Revenue": _col(targets, "annual_revenue"),
            "Industry": _col(targets, "industry"),
        },
        index=targets.index,
    ).reset_index(drop=True)
    out.attrs[CSV_ENCODING] = "utf-8-sig"
    return _left_out(out, dropped)


def salesforce_account_import(targets: pd.DataFrame) -> pd.DataFrame:
    """Target list in Salesforce account-import (Data Import Wizard) columns.

    Custom fields ``Tier__c`` (``Tier 1``…), ``Target_Account__c``
    (``TRUE``/``FALSE``) and ``ABM_Score__c`` must exist in the org, or be
    mapped to your own fields during import.

    Parameters
    ----------
    targets : pandas.DataFrame
        Output of :func:`abm.accounts.tiers.score_accounts`.

    Returns
    -------
    pandas.DataFrame
        ``Account Name, Website, Industry, NumberOfEmployees, AnnualRevenue,
        Tier__c, Target_Account__c, ABM_Score__c``. Excluded accounts are left
        out (``attrs["excluded_left_out"]``).
    """
    targets, dropped = _exportable(targets)
    tier = _tier_value(
        _col(targets, "tier"), {"tier_1": "Tier 1", "tier_2": "Tier 2", "tier_3": "Tier 3"}
    )
    score = pd.to_numeric(_col(targets, "score"), errors="coerce").round(1)
    out = pd.DataFrame(
        {
            "Account Name": _col(targets, "account_name").fillna(_col(targets, "account_id")),
            "Website": _col(targets, "domain"),
            "Industry": _col(targets, "industry"),
            "NumberOfEmployees": _col(targets, "employees"),
            "AnnualRevenue": _col(targets, "annual_revenue"),
            "Tier__c": tier,
            "Target_Account__c": np.where(tier != "", "TRUE", "FALSE"),
            "ABM_Score__c": score,
        },
        index=targets.index,
    ).reset_index(drop=True)
    return _left_out(out, dropped)


#: Columns of :func:`mori_target_list`, in order.
MORI_COLUMNS: tuple[str, ...] = (
    "account_id",
    "account_name",
    "domain",
    "tier",
    "score",
    "fit",
    "coverage",
    "missing_roles",
    "engaged_contacts",
    "contacts",
    "open_pipeline",
    "won_revenue",
    "why",
    "why_not",
)


def mori_target_list(targets: pd.DataFrame) -> pd.DataFrame:
    """Target list with Mori's own columns (reason codes kept as codes).

    Parameters
    ----------
    targets : pandas.DataFrame
        Output of :func:`abm.accounts.tiers.score_accounts` (any subset of rows).

    Returns
    -------
    pandas.DataFrame
        :data:`MORI_COLUMNS`; ``score`` rounded to 0.1, ``coverage`` to 0.001,
        categorical columns as text. Excluded accounts are left out
        (``attrs["excluded_left_out"]``).
    """
    targets, dropped = _exportable(targets)
    out = {}
    for col in MORI_COLUMNS:
        s = _col(targets, col)
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype("string")
        if col in ("score", "coverage"):
            s = pd.to_numeric(s, errors="coerce").round(1 if col == "score" else 3)
        out[col] = s
    return _left_out(pd.DataFrame(out, index=targets.index).reset_index(drop=True), dropped)


#: Columns whose values are codes, the table naming each code, and whether a cell
#: holds several codes joined by ``|``.
_CODE_COLUMNS: dict[str, tuple[dict[str, str], bool]] = {
    "match_rule": (K.MATCH_RULE, False),
    "weakest_rule": (K.MATCH_RULE, False),
    "exclusion_reason": (K.EXCLUSION_REASON, False),
    "exclusion_reasons": (K.EXCLUSION_REASON, True),
    "review_reason": (K.REVIEW_REASON, False),
    "merged_by": (K.MERGED_BY, False),
    "tier": (K.TIER, False),
    "missing_roles": (K.ROLE, True),
    "registry_match": (K.REGISTRY_MATCH, False),
}


#: Code columns whose codes are joined by ``;`` (the cleaning's ``exclusion_reasons``: QA-S's
#: excluded download showed ``student;free_mail``) and whose English words are listed with
#: ``; `` (a reason's own words may hold a comma: "Student (by their own title)").
_SEMICOLON_LISTS = frozenset({"exclusion_reasons"})
_CODE_SEPARATORS = re.compile(r"[|;]")


def _words(
    value: object, table: dict[str, str], many: bool, lang: str, semi: bool = False
) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return value
    codes = [c.strip() for c in _CODE_SEPARATORS.split(str(value))] if many else [str(value)]
    words = [t(table[c], lang) if c in table else c for c in codes if c]
    return "; ".join(words) if semi and lang == "en" else fmt_list(words, lang)


def translate_codes(frame: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """Return a copy where code columns read as words (``exact_name`` → 社名が一致).

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame; it is not modified. Columns named in the module's code table
        (``match_rule``, ``weakest_rule``, ``exclusion_reason(s)``,
        ``review_reason``, ``merged_by``, ``tier``, ``missing_roles``,
        ``registry_match``) are translated; a code
        without a name is kept as it is.
    lang : {"ja", "en"}

    Returns
    -------
    pandas.DataFrame
        Same index and column names; translated columns as text.
    """
    out = frame.copy()
    for name, (table, many) in _CODE_COLUMNS.items():
        if name not in out.columns:
            continue
        s = out[name].astype("string")
        semi = name in _SEMICOLON_LISTS
        words = {v: _words(v, table, many, lang, semi) for v in s.dropna().unique()}  # per code
        out[name] = s.map(words).astype("string")
    return out


def readable(frame: pd.DataFrame, lang: str = "ja", *, digits: int | None = None) -> pd.DataFrame:
    """A copy for people: codes as words (:func:`translate_codes`), canonical columns
    named in ``lang`` (``company`` → 会社名; other names kept); with ``digits``, decimal
    numbers rounded to that many places (a score read as ``29.1``, not
    ``29.113523483276367``)."""
    out = translate_codes(frame, lang)
    if digits is not None:
        floats = [c for c in out.columns if pd.api.types.is_float_dtype(out[c].dtype)]
        out = out.round(dict.fromkeys(floats, digits)) if floats else out
    out.columns = [t(K.FIELD[c], lang) if c in K.FIELD else c for c in map(str, out.columns)]
    return out


#: Header keys of :func:`target_list`, in order.
TARGET_LIST_COLUMNS: tuple[str, ...] = (
    "accounts.export.rank",
    "accounts.export.account",
    "accounts.export.tier",
    "accounts.export.score",
    "accounts.export.fit",
    "accounts.export.contacts",
    "accounts.export.engaged",
    "accounts.export.coverage",
    "accounts.export.missing",
    "accounts.export.opportunities",
    "accounts.export.pipeline",
    "accounts.export.won",
    "accounts.export.why",
    "accounts.export.why_not",
    "accounts.export.domain",
    "accounts.export.id",
)


def target_list(targets: pd.DataFrame, lang: str = "ja", rules: object = None) -> pd.DataFrame:
    """The ranked target list a meeting reads, in ``lang``.

    Parameters
    ----------
    targets : pandas.DataFrame
        Output of :func:`abm.accounts.tiers.score_accounts` (any subset of rows).
    lang : {"ja", "en"}
    rules : abm.accounts.TierRules, optional
        The rules the tiers were cut with (their capacities appear in the reasons).

    Returns
    -------
    pandas.DataFrame
        :data:`TARGET_LIST_COLUMNS` translated (units in the header: 円, %);
        tier names (``Tier 1（1:1）``, never ``tier_1``), missing roles and
        reasons as words; money in whole units (the currency in the header) and coverage in whole percent as
        numbers a spreadsheet can add up. Excluded accounts are left out
        (``attrs["excluded_left_out"]``).
    """
    targets, dropped = _exportable(targets)
    names = (
        _col(targets, "account_name")
        .astype("string")
        .fillna(_col(targets, "account_id").astype("string"))
    )
    coded = translate_codes(targets[[c for c in ("tier", "missing_roles") if c in targets]], lang)

    def num(col: str, digits: int = 0, scale: float = 1.0) -> pd.Series:
        value = (pd.to_numeric(_col(targets, col), errors="coerce") * scale).round(digits)
        return value if digits else value.astype("Int64")  # whole yen, whole percent

    values = [
        _col(targets, "rank"),
        names,
        coded["tier"] if "tier" in coded else _col(targets, "tier"),
        num("score", 1),
        num("fit"),
        _col(targets, "contacts"),
        _col(targets, "engaged_contacts"),
        num("coverage", 0, 100.0),
        coded["missing_roles"] if "missing_roles" in coded else _col(targets, "missing_roles"),
        _col(targets, "opportunities"),
        num("open_pipeline"),
        num("won_revenue"),
        reasons_text(targets, lang, rules) if len(targets) else _col(targets, "why"),
        reasons_text(targets, lang, rules, which="why_not")
        if len(targets)
        else _col(targets, "why_not"),
        _col(targets, "domain"),
        _col(targets, "account_id"),
    ]
    out = pd.DataFrame(
        {
            t(k, lang, unit=currency_unit(lang)): v.to_numpy()
            for k, v in zip(TARGET_LIST_COLUMNS, values, strict=True)
        },
        index=range(len(targets)),
    )
    return _left_out(out, dropped)
