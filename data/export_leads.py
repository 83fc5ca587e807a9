"""Lead exports: BowNow (CP932, title rows) and HubSpot contacts (UTF-8), plus truth rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np

from data import vocab as V
from data.activity import Row
from data.people import Person
from data.text import company_variant
from data.world import Account

BOWNOW_HEADER = [
    "会社名", "部署", "役職", "氏名", "メールアドレス", "電話番号", "都道府県", "業種", "従業員数",
    "売上高（百万円）", "ステータス", "作成日", "最終アクセス日", "PV数", "セッション数", "CV数",
    "リードソース", "キャンペーン", "法人番号", "会社URL", "担当営業", "MQL化日", "営業受入日",
    "SQL化日", "商談化日", "受注日", "失注日", "不受理理由", "配信停止",
]  # fmt: skip
BOWNOW_TITLE = [["検索条件：すべてのリード"], ["出力日時：2026/09/30 18:00"], []]
HUBSPOT_HEADER = [
    "Record ID", "First Name", "Last Name", "Email", "Company Name", "Job Title", "Phone Number",
    "Country/Region", "Industry", "Number of Employees", "Annual Revenue", "Lifecycle Stage",
    "Lead Status", "HubSpot Score", "Original Source", "Create Date",
    'Date entered "Marketing Qualified Lead (Lifecycle Stage Pipeline)"',
    'Date entered "Sales Qualified Lead (Lifecycle Stage Pipeline)"',
    'Date entered "Opportunity (Lifecycle Stage Pipeline)"',
    'Date entered "Customer (Lifecycle Stage Pipeline)"',
    "Contact owner",
]  # fmt: skip
HUBSPOT_INDUSTRY = {
    "製造業": "Machinery", "情報通信業": "Information Technology and Services",
    "卸売業・小売業": "Wholesale", "金融業・保険業": "Financial Services", "建設業": "Construction",
    "医療・福祉": "Hospital & Health Care", "教育・学習支援業": "Higher Education",
    "サービス業": "Management Consulting", "運輸業": "Logistics and Supply Chain",
    "不動産業": "Real Estate",
}  # fmt: skip
OWNER_EN = {"佐藤 健一": "Kenichi Sato", "高橋 美穂": "Miho Takahashi", "田中 大輔": "Daisuke Tanaka",
            "伊藤 沙織": "Saori Ito", "渡辺 翔太": "Shota Watanabe", "中村 香織": "Kaori Nakamura",
            "小林 直樹": "Naoki Kobayashi", "加藤 由美": "Yumi Kato"}  # fmt: skip
TITLE_EN = {"代表取締役": "President & CEO", "取締役": "Director", "執行役員": "Executive Officer",
            "本部長": "General Manager", "部長": "General Manager", "次長": "Deputy General Manager",
            "課長": "Section Manager", "係長": "Assistant Manager", "主任": "Supervisor",
            "担当": "Staff", "リーダー": "Team Leader", "マネージャー": "Manager"}  # fmt: skip
STAGE_COLS = ["mql", "sal", "sql", "opp", "won", "lost"]


def _d(d: dt.date | dt.datetime | None) -> str:
    return "" if d is None else f"{d:%Y/%m/%d}"


def activity_stats(rng: np.random.Generator, activities: list[Row]) -> dict[str, dict]:
    """Per e-mail: last access, PV, sessions (distinct web days), CV, score.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source (pages viewed per web visit).
    activities : list of Row
        Activity rows.

    Returns
    -------
    dict
        Keyed by lower-case e-mail.
    """
    stats: dict[str, dict] = defaultdict(
        lambda: {"last": None, "pv": 0, "days": {}, "cv": 0, "score": 0}
    )
    for email, when, kind, channel, _, _ in activities:
        s = stats[email]
        s["score"] += V.ACTIVITY_TYPES[kind][1]
        if channel == "web":
            s["pv"] += 1 + int(rng.poisson(1.3))
            s["days"][when.date()] = 1
            s["last"] = when if s["last"] is None else max(s["last"], when)
        if kind in ("フォーム送信", "資料ダウンロード", "デモ依頼"):
            s["cv"] += 1
    return stats


def _case_variant(email: str) -> str:
    local, dom = email.split("@")
    parts = local.split(".")
    return ".".join(x.capitalize() for x in parts) + "@" + dom.capitalize()


def bownow_rows(
    rng: np.random.Generator, people: list[Person], accounts: list[Account], stats: dict
) -> tuple[list[list[str]], list[dict]]:
    """Rows of the BowNow export and one truth record per row.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    people : list of Person
        Contacts after the funnel run.
    accounts : list of Account
        Accounts.
    stats : dict
        Output of :func:`activity_stats`.

    Returns
    -------
    tuple
        ``(rows, truth)``, both in file order (by creation date).
    """
    by_id = {a.company_id: a for a in accounts}
    entries: list[tuple[dt.datetime, str, Person, bool]] = []
    for p in people:
        if not p.in_bownow:
            continue
        entries.append((p.created, p.person_id, p, False))
        if p.email and not p.is_test and rng.random() < 0.031:
            later = min(p.created + dt.timedelta(days=int(rng.integers(10, 300))),
                        dt.datetime.combine(V.REF, dt.time(17)))  # fmt: skip
            entries.append((later, p.person_id + "b", p, True))
    entries.sort(key=lambda e: (e[0], e[1]))
    rows, truth = [], []
    for created, _, p, dup in entries:
        acc = by_id.get(p.company_id)
        row, variant = _bownow_row(rng, p, acc, stats, created, dup)
        rows.append(row)
        truth.append(_truth(p, variant, dup))
    return rows, truth


def _bownow_row(rng, p: Person, acc: Account | None, stats, created, dup) -> tuple[list[str], str]:
    if acc is None:
        company, variant = p.company_text, "test"
    else:
        company, variant = company_variant(acc.core, acc.form, acc.front,
                                           acc.en_name if acc.en_public else "", rng)  # fmt: skip
        while dup and variant == "official" and acc.form:
            company, variant = company_variant(acc.core, acc.form, acc.front, "", rng)
    email = p.email
    if dup and rng.random() < 0.5:
        email = _case_variant(email)
    u = float(rng.random())
    sep = " " if u < 0.7 else ("\u3000" if u < 0.9 else "")
    name = f"{p.sei}{sep}{p.mei}" if p.mei else p.sei
    phone = p.phone
    if phone and rng.random() < 0.015:
        phone = phone.replace("-", "")[1:]  # leading zero lost in a spreadsheet
    s = stats.get(p.email.lower()) if p.email else None
    st = {} if dup else p.stages

    def maybe(value: object, rate: float) -> str:
        return str(value) if acc is not None and rng.random() < rate else ""

    row = [
        company, "" if rng.random() < 0.08 else p.department, p.title, name, email, phone,
        maybe(acc.prefecture if acc else "", 0.85), maybe(acc.industry if acc else "", 0.7),
        maybe(acc.employees if acc else "", 0.6), maybe(acc.revenue_m if acc else "", 0.45),
        "潜在" if dup else p.status, _d(created), _d(s["last"]) if s and s["last"] else "",
        str(s["pv"]) if s else "0", str(len(s["days"])) if s else "0", str(s["cv"]) if s else "0",
        p.source, p.campaign, maybe(acc.corp_no if acc else "", 0.3),
        maybe(f"https://www.{acc.domain}/" if acc else "", 0.65), "" if dup else p.owner,
        *[_d(st.get(k)) for k in STAGE_COLS], "" if dup else p.reject_reason,
        "済" if p.unsubscribed and not dup else "",
    ]  # fmt: skip
    return row, variant


def _truth(p: Person, variant: str, dup: bool) -> dict:
    return {
        "person_id": p.person_id, "company_id": p.company_id, "segment": p.segment,
        "is_competitor": int(p.segment == "competitor"), "is_partner": int(p.segment == "partner"),
        "is_student": int(p.is_student), "is_free_mail": int(p.email_kind == "free"),
        "is_test": int(p.is_test), "is_duplicate": int(dup), "is_bounced": int(p.bounced),
        "is_unsubscribed": int(p.unsubscribed), "email_kind": p.email_kind,
        "company_variant": variant,
    }  # fmt: skip


def _hs_time(d: dt.date | None, rng: np.random.Generator) -> str:
    if d is None:
        return ""
    return f"{d:%Y-%m-%d} {int(rng.integers(9, 19)):02d}:{int(rng.integers(0, 60)):02d}"


def hubspot_rows(
    rng: np.random.Generator, people: list[Person], accounts: list[Account], stats: dict
) -> tuple[list[list[str]], list[dict]]:
    """Rows of the HubSpot contacts export and their truth records (same order).

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    people : list of Person
        Contacts; those with ``in_hubspot`` are exported.
    accounts : list of Account
        Accounts (English names, size).
    stats : dict
        Output of :func:`activity_stats` (HubSpot Score).

    Returns
    -------
    tuple
        ``(rows, truth)`` ordered by creation date.
    """
    by_id = {a.company_id: a for a in accounts}
    chosen = sorted((p for p in people if p.in_hubspot), key=lambda p: (p.created, p.person_id))
    used: dict[int, int] = {}
    rows, truth = [], []
    for p in chosen:
        acc = by_id[p.company_id]
        while True:
            rid = int(rng.integers(10**9, 10**11))
            if rid not in used:
                used[rid] = 1
                break
        st = p.stages
        if "won" in st:
            life, status = "customer", "Open Deal"
        elif "opp" in st:
            life, status = "opportunity", "Bad Timing" if "lost" in st else "Open Deal"
        elif "sql" in st:
            life, status = "salesqualifiedlead", "Connected"
        elif "mql" in st:
            life = "marketingqualifiedlead"
            status = "In Progress" if "sal" in st else ("Unqualified" if p.reject_reason else "New")
        elif acc.segment in ("competitor", "partner"):
            life, status = "other", ""
        else:
            life, status = ("lead", "Open") if p.engage > -0.5 else ("subscriber", "")
        s = stats.get(p.email.lower(), {"score": 0})
        first = p.mei_r.capitalize() if not p.western else p.mei
        last = p.sei_r.capitalize() if not p.western else p.sei
        title = p.title if p.title.isascii() else TITLE_EN.get(p.title, "Manager")
        created = p.created + (
            dt.timedelta(days=int(rng.integers(0, 30))) if p.in_bownow else dt.timedelta()
        )
        created = min(created, dt.datetime.combine(V.REF, dt.time(12)))
        rows.append([
            str(rid), first, last, p.email, acc.en_name, title, p.phone, p.country,
            HUBSPOT_INDUSTRY.get(acc.industry, ""), str(acc.employees),
            str(acc.revenue_m * 1_000_000), life, status, str(int(np.clip(s["score"], 0, 100))),
            V.HUBSPOT_SOURCE.get(p.source, "Other Campaigns"), f"{created:%Y-%m-%d %H:%M}",
            _hs_time(st.get("mql"), rng), _hs_time(st.get("sql"), rng), _hs_time(st.get("opp"), rng),
            _hs_time(st.get("won"), rng), OWNER_EN.get(p.owner, ""),
        ])  # fmt: skip
        truth.append(_truth(p, "english", False))
    return rows, truth
