"""Monthly exports of one fictional world: the same people, exported on different days (#18).

A "between meetings" comparison needs two exports of the same CRM a month
apart: people created in between, MQLs reached, some MQLs sent back to
nurture (their MQL date cleared, their lifecycle stage back to ``lead``),
deals created, won and lost, sales calls. :func:`monthly_exports` builds the
world once from a seed and writes, for each as-of day, the three files a
marketing team would export that day:

* ``hubspot_contacts_<day>.csv`` — a HubSpot contacts export (lifecycle stage,
  lead status, "Date entered …" columns);
* ``salesforce_opportunities_<day>.csv`` — a Japanese Salesforce opportunity
  report (CP932; フェーズ 受注 / 失注 / 提案);
* ``activities_<day>.csv`` — an activity log (web visits, form fills, 電話).

Each file holds only what was true on its day: rows created later are
absent, dates after the day are blank, stages are those reached by then.
Entirely fictional and deterministic (``numpy.random.default_rng(seed)``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["MonthlyWorld", "build_world", "export_day", "monthly_exports"]

_START = np.datetime64("2025-10-01")
_HUBSPOT = [
    "Record ID", "First Name", "Last Name", "Email", "Company Name", "Job Title",
    "Number of Employees", "Industry", "Lifecycle Stage", "Lead Status", "Original Source",
    "Create Date", 'Date entered "Marketing Qualified Lead (Lifecycle Stage Pipeline)"',
    'Date entered "Sales Qualified Lead (Lifecycle Stage Pipeline)"',
    'Date entered "Opportunity (Lifecycle Stage Pipeline)"',
    'Date entered "Customer (Lifecycle Stage Pipeline)"', "Contact owner",
]  # fmt: skip
_SALESFORCE = [
    "商談ID", "商談名", "取引先名", "金額", "フェーズ", "確度(%)", "作成日", "完了予定日", "受注",
    "完了", "リードソース", "所有者", "主担当者メール",
]  # fmt: skip
_ACTIVITIES = ["メールアドレス", "日時", "行動種別", "チャネル", "URL", "キャンペーン"]
_LAST = ["Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Watanabe", "Yamamoto", "Nakamura"]
_FIRST = ["Taro", "Hanako", "Kenta", "Misaki", "Yuto", "Aoi", "Sora", "Rin"]
_TITLES = ["部長", "課長", "マネージャー", "担当", "CIO", "取締役", "主任"]
_INDUSTRY = ["Manufacturing", "Retail", "Finance", "IT", "Logistics"]
_SOURCES = ["Organic Search", "Paid Search", "Referrals", "Offline Sources"]
_OWNERS = ["Kaori Nakamura", "Daisuke Tanaka", "Naoki Kobayashi"]
_NEVER = np.datetime64("NaT")


@dataclass(frozen=True)
class MonthlyWorld:
    """The people, deals and activities of the world, each event with its day."""

    people: pd.DataFrame
    deals: pd.DataFrame
    activities: pd.DataFrame


def _after(rng, base: np.ndarray, p: float, lo: int, hi: int) -> np.ndarray:
    """``base`` + ``lo..hi`` days for a share ``p`` of rows with a base, else NaT."""
    n = len(base)
    days = rng.integers(lo, hi + 1, n).astype("timedelta64[D]")
    hit = (rng.random(n) < p) & ~np.isnat(base)
    return np.where(hit, base + days, _NEVER)


def build_world(n_people: int, *, seed: int = 7, days: int = 240) -> MonthlyWorld:
    """A world of ``n_people`` people created over ``days`` days from 2025-10-01."""
    rng = np.random.default_rng(seed)
    n_comp = max(n_people // 6, 3)
    comp = rng.integers(0, n_comp, n_people)
    created = _START + rng.integers(0, days, n_people).astype("timedelta64[D]")
    mql = _after(rng, created, 0.55, 1, 45)
    sql = _after(rng, mql, 0.45, 3, 30)
    opp = _after(rng, sql, 0.7, 1, 20)
    closed = _after(rng, opp, 0.75, 15, 70)
    won = np.where(rng.random(n_people) < 0.5, closed, _NEVER)
    lost = np.where(np.isnat(won), closed, _NEVER)
    back = _after(rng, mql, 0.25, 8, 40)  # sent back to nurture, unless sales took it first
    back = np.where(~np.isnat(sql) & (sql <= back), _NEVER, back)
    call = _after(rng, mql, 0.7, 1, 20)
    people = pd.DataFrame(
        {
            "id": np.arange(n_people) + 70_000_000_000,
            "company": comp,
            "first": np.array(_FIRST, dtype=object)[rng.integers(0, len(_FIRST), n_people)],
            "last": np.array(_LAST, dtype=object)[rng.integers(0, len(_LAST), n_people)],
            "title": np.array(_TITLES, dtype=object)[rng.integers(0, len(_TITLES), n_people)],
            "employees": (np.array([30, 120, 800, 3000, 12000])[comp % 5]),
            "industry": np.array(_INDUSTRY, dtype=object)[comp % len(_INDUSTRY)],
            "source": np.array(_SOURCES, dtype=object)[rng.integers(0, len(_SOURCES), n_people)],
            "owner": np.array(_OWNERS, dtype=object)[rng.integers(0, len(_OWNERS), n_people)],
            "created": created, "mql": mql, "sql": sql, "opp": opp, "won": won, "lost": lost,
            "back": back, "call": call,
        }
    )  # fmt: skip
    people["email"] = [
        f"{f.lower()}.{last.lower()}{i}@kaisha{c}.co.jp"
        for i, (f, last, c) in enumerate(zip(people["first"], people["last"], comp, strict=True))
    ]
    has = ~np.isnat(opp)
    deals = pd.DataFrame(
        {
            "id": [f"006DEAL{i:08d}" for i in np.flatnonzero(has)],
            "company": comp[has], "email": people["email"].to_numpy()[has],
            "created": opp[has], "won": won[has], "lost": lost[has],
            "planned": opp[has] + np.timedelta64(60, "D"),
            "amount": rng.integers(10, 500, int(has.sum())) * 100_000,
        }
    )  # fmt: skip
    n_web = n_people * 4
    who = rng.integers(0, n_people, n_web)
    web_day = created[who] + rng.integers(0, 120, n_web).astype("timedelta64[D]")
    kinds = np.array(["ページ閲覧", "フォーム送信", "メール開封"], dtype=object)
    acts = pd.DataFrame({"who": who, "day": web_day, "kind": kinds[rng.integers(0, 3, n_web)]})
    calls = pd.DataFrame({"who": np.flatnonzero(~np.isnat(call)), "kind": "電話"})
    calls["day"] = call[~np.isnat(call)]
    activities = pd.concat([acts, calls], ignore_index=True).sort_values("day", kind="stable")
    return MonthlyWorld(people, deals, activities.reset_index(drop=True))


def _day(values: pd.Series, upto: np.datetime64, fmt: str = "%Y-%m-%d 10:00") -> pd.Series:
    ts = pd.Series(pd.to_datetime(values))
    return ts.where(ts <= pd.Timestamp(upto)).dt.strftime(fmt).fillna("")


def _csv(header: list[str], frame: pd.DataFrame, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(frame.itertuples(index=False, name=None))
    return out.getvalue().encode(encoding)


def _stage(p: pd.DataFrame, day: np.datetime64) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Lifecycle stage, lead status and the MQL date as the export of ``day`` shows them."""

    def by(col: str) -> np.ndarray:
        v = p[col].to_numpy()
        return ~np.isnat(v) & (v <= day)

    fell = by("back")
    stage = np.select(
        [by("won"), by("opp"), by("sql"), by("mql") & ~fell],
        ["customer", "opportunity", "salesqualifiedlead", "marketingqualifiedlead"],
        "lead",
    )
    status = np.where(fell, "Unqualified", np.where(by("mql"), "Open Deal", "New"))
    mql = _day(p["mql"], day).where(~fell, "")
    return stage, status, mql


def export_day(world: MonthlyWorld, day: str) -> list[tuple[str, bytes]]:
    """The three exports of ``day`` (``YYYY-MM-DD``): ``[(file name, bytes)]``."""
    cut = np.datetime64(day)
    tag = day.replace("-", "")
    p = world.people[world.people["created"] <= cut]
    stage, status, mql = _stage(p, cut)
    leads = pd.DataFrame(
        {
            "id": p["id"], "first": p["first"], "last": p["last"], "email": p["email"],
            "company": [f"Company {c} Co., Ltd." for c in p["company"]], "title": p["title"],
            "employees": p["employees"], "industry": p["industry"], "stage": stage,
            "status": status, "source": p["source"], "created": _day(p["created"], cut),
            "mql": mql, "sql": _day(p["sql"], cut), "opp": _day(p["opp"], cut),
            "won": _day(p["won"], cut), "owner": p["owner"],
        }
    )  # fmt: skip
    d = world.deals[world.deals["created"] <= cut]
    won = (d["won"] <= cut).to_numpy()
    lost = (d["lost"] <= cut).to_numpy()
    close = np.where(won, d["won"], np.where(lost, d["lost"], d["planned"]))
    deals = pd.DataFrame(
        {
            "id": d["id"], "name": [f"Company {c}_導入" for c in d["company"]],
            "company": [f"Company {c} Co., Ltd." for c in d["company"]], "amount": d["amount"],
            "phase": np.where(won, "受注", np.where(lost, "失注", "提案")),
            "prob": np.where(won, 100, np.where(lost, 0, 50)),
            "created": _day(d["created"], cut, "%Y/%m/%d"),
            "close": pd.Series(pd.to_datetime(close)).dt.strftime("%Y/%m/%d").to_numpy(),
            "is_won": won.astype(int), "closed": (won | lost).astype(int), "source": "Web",
            "owner": "田中 大輔", "email": d["email"],
        }
    )  # fmt: skip
    a = world.activities[world.activities["day"] <= cut]
    acts = pd.DataFrame(
        {
            "email": world.people["email"].to_numpy()[a["who"].to_numpy()],
            "at": pd.Series(pd.to_datetime(a["day"])).dt.strftime("%Y/%m/%d 11:00:00").to_numpy(),
            "kind": a["kind"].to_numpy(),
            "channel": np.where(a["kind"].to_numpy() == "電話", "phone", "web"),
            "url": np.where(a["kind"].to_numpy() == "ページ閲覧", "/product", ""),
            "campaign": "",
        }
    )  # fmt: skip
    return [
        (f"hubspot_contacts_{tag}.csv", _csv(_HUBSPOT, leads)),
        (f"salesforce_opportunities_{tag}.csv", _csv(_SALESFORCE, deals, "cp932")),
        (f"activities_{tag}.csv", _csv(_ACTIVITIES, acts, "utf-8-sig")),
    ]


def monthly_exports(
    days: tuple[str, ...] = ("2026-04-30", "2026-05-31"), *, n_people: int = 400, seed: int = 7
) -> dict[str, list[tuple[str, bytes]]]:
    """``{day: [(file name, bytes)]}``: the same world exported on each of ``days``."""
    world = build_world(n_people, seed=seed)
    return {day: export_day(world, day) for day in days}
