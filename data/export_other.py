"""File writers (byte-exact, deterministic) and the opportunity/activity/account exports."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from data.activity import Row
from data.events import Opportunity
from data.world import Account

SF_HEADER = ["商談ID", "商談名", "取引先名", "金額", "フェーズ", "確度(%)", "作成日", "完了予定日",
             "受注", "完了", "リードソース", "所有者", "主担当者メール"]  # fmt: skip
ACT_HEADER = ["メールアドレス", "日時", "行動種別", "チャネル", "URL", "キャンペーン"]
XLSX_HEADER = ["会社名", "ドメイン", "法人番号", "業種", "従業員数", "売上高（百万円）", "都道府県",
               "既存顧客", "ターゲット", "ティア"]  # fmt: skip
#: Fixed timestamp stamped into the xlsx package (no wall clock).
XLSX_STAMP = "2026-09-30T09:00:00Z"


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    encoding: str,
    newline: str = "\r\n",
    quote_all: bool = False,
    bom: bool = False,
) -> None:
    """Write rows as CSV bytes; raises ``UnicodeEncodeError`` on an unencodable char.

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    rows : list of list of str
        Every line, title rows and header included.
    encoding : str
        ``"cp932"`` or ``"utf-8"``.
    newline : str
        Line terminator.
    quote_all : bool
        Quote every field (as BowNow and Salesforce do).
    bom : bool
        Prefix a UTF-8 byte-order mark.
    """
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buf, lineterminator=newline, quoting=quoting)
    for row in rows:
        if row:
            writer.writerow(row)
        else:
            buf.write(newline)
    data = buf.getvalue().encode(encoding, errors="strict")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def write_dicts(path: Path, records: list[dict]) -> None:
    """Write a list of same-keyed dicts as a UTF-8 CSV (LF, minimal quoting)."""
    header = list(records[0])
    write_csv(path, [header] + [[str(r[k]) for k in header] for r in records],
              encoding="utf-8", newline="\n")  # fmt: skip


def opportunity_rows(
    rng: np.random.Generator, opps: list[Opportunity], accounts: list[Account]
) -> list[list[str]]:
    """Salesforce JA opportunity report rows (plain integer amounts, yyyy/mm/dd dates)."""
    by_id = {a.company_id: a for a in accounts}
    rows = [SF_HEADER]
    for o in opps:
        acc = by_id[o.company_id]
        name = acc.official
        if acc.form == "株式会社" and rng.random() < 0.1:
            name = f"(株){acc.core}" if acc.front else f"{acc.core}(株)"
        rows.append([
            o.opp_id, o.name, name, str(o.amount), o.stage, str(o.probability),
            f"{o.created:%Y/%m/%d}", f"{o.close:%Y/%m/%d}", str(int(o.won)), str(int(o.closed)),
            o.source, o.owner, o.contact_email,
        ])  # fmt: skip
    return rows


def activity_rows(activities: list[Row]) -> list[list[str]]:
    """Activity log rows (timestamps ``2025/04/03 10:12:00``)."""
    return [ACT_HEADER] + [
        [email, f"{when:%Y/%m/%d %H:%M:%S}", kind, channel, url, campaign]
        for email, when, kind, channel, url, campaign in activities
    ]


def select_target_accounts(rng: np.random.Generator, accounts: list[Account]) -> list[dict]:
    """Choose the ~250 accounts of the target list with target flag and tier.

    Returns
    -------
    list of dict
        ``company_id``, ``target`` (bool) and ``tier`` (1, 2, 3 or None), in sheet order.
    """
    quota = {"large": 60, "mid": 120, "smb": 50, "univ": 12, "partner": 8}
    chosen: list[Account] = []
    for seg, n in quota.items():
        pool = [a for a in accounts if a.segment == seg]
        idx = sorted(int(i) for i in rng.choice(len(pool), size=min(n, len(pool)), replace=False))
        chosen.extend(pool[i] for i in idx)
    order = rng.permutation(len(chosen))
    chosen = [chosen[int(i)] for i in order]
    targets = [a for a in chosen if (a.segment == "large" and rng.random() < 0.75)
               or (a.segment == "mid" and rng.random() < 0.25)]  # fmt: skip
    ranked = sorted(targets, key=lambda a: (-a.revenue_m, a.company_id))
    tier = {a.company_id: (1 if i < 15 else 2 if i < 45 else 3) for i, a in enumerate(ranked)}
    return [{"company_id": a.company_id, "target": a.company_id in tier,
             "tier": tier.get(a.company_id)} for a in chosen]  # fmt: skip


def write_accounts_xlsx(path: Path, selection: list[dict], accounts: list[Account]) -> None:
    """Write the target account list (sheet 取引先) as a byte-reproducible xlsx."""
    by_id = {a.company_id: a for a in accounts}
    wb = Workbook()
    ws = wb.active
    ws.title = "取引先"
    ws.append(XLSX_HEADER)
    for s in selection:
        a = by_id[s["company_id"]]
        ws.append([a.official, a.domain, a.corp_no, a.industry, a.employees, a.revenue_m,
                   a.prefecture, "はい" if a.is_customer else "いいえ",
                   "○" if s["target"] else None, s["tier"]])  # fmt: skip
    for col, width in zip("ABCDEFGHIJ", [34, 26, 16, 16, 10, 16, 10, 10, 10, 8], strict=True):
        ws.column_dimensions[col].width = width
    raw = io.BytesIO()
    wb.save(raw)
    path.write_bytes(_normalise_zip(raw.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite an xlsx package with fixed timestamps so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*", rf"\g<1>{XLSX_STAMP}", text
                )
                body = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 9, 30, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()
