"""A company's CRM/MA database, generated inside DuckDB: the configured source of journeys and benches.

:func:`write_crm` writes a DuckDB file with a lead table, an activity log and
an opportunity table under Japanese headers, as a marketing team's database
export would hold them (typed columns: timestamps, integers), generated in
SQL from ``range(n)`` with deterministic hashes — no CSV, no Python loop, so a
million leads and ten million activities take seconds. :func:`source_section`
is the administrator's ``[source]`` for it (explicit column mappings).

Company names are combinations of real-looking words (``東日本総合電機株式会社``),
about five leads per company, so 名寄せ works as on a real list rather than
on names that differ only by digits. Addresses sit on ordinary company
domains (``kaisha123.co.jp``): an ``example.co.jp`` address is test data to
the cleaning (営業対象外), and a list of them is cleaned down to nobody.

Dates follow one export taken on :data:`EXPORT`: leads are created in the two
years before it, and every activity, stage date and opportunity falls between
a lead's creation and the export (only open deals' planned close dates lie after it:
a won or lost deal closed before the export, and a closed deal's close date counts for
the default as-of date), so
the default as-of date is the export's and recent leads are engaged — as in
a real export, and unlike activities spread regardless of the lead.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["ACTIVITIES", "LEADS", "OPPORTUNITIES", "source_section", "write_crm"]

_W1 = ["東", "西", "南", "北", "新", "大", "中央", "第一", "日本", "東京", "大阪", "名古屋", "横浜",
       "京都", "神戸", "福岡", "札幌", "仙台", "広島", "千葉", "埼玉", "湘南", "北陸", "九州",
       "四国", "関西", "関東", "東海", "山陽", "太平"]  # fmt: skip
_W2 = ["総合", "国際", "産業", "技研", "精密", "情報", "通信", "光学", "重工", "化成", "興業", "開発",
       "計測", "物産", "交易", "創研", "工業", "電子", "機工", "製薬"]  # fmt: skip
_W3 = ["電機", "商事", "製作所", "システム", "物流", "食品", "建設", "化学", "不動産", "ソフト",
       "サービス", "ホールディングス", "エンジニアリング", "テクノロジー", "メディカル"]  # fmt: skip
_TITLES = ["部長", "課長", "担当", "マネージャー", "代表取締役", "取締役", "主任", "エンジニア",
           "係長", "マーケティング担当", "情報システム部 部長", "営業企画"]  # fmt: skip
_INDUSTRY = ["製造業", "情報通信業", "小売業", "卸売業", "金融業", "建設業", "医療", "サービス業"]
_PREF = ["東京都", "大阪府", "愛知県", "神奈川県", "福岡県", "北海道", "宮城県", "広島県"]
_STAGES = ["リード", "MQL", "SQL", "商談化", "受注", "失注", "リサイクル"]
_KINDS = ["ページ閲覧", "ページ閲覧", "ページ閲覧", "メール開封", "メールクリック", "資料ダウンロード",
          "ウェビナー参加", "フォーム送信", "電話", "商談", "訪問"]  # fmt: skip
_URLS = ["/pricing", "/product", "/blog/abm", "/case/manufacturing", "/demo", "/company"]
_PHASES = ["提案", "見積", "交渉", "受注", "失注"]

#: Canonical column of each header, per table (the administrator's mapping).
LEADS = {"リードID": "lead_id", "会社名": "company", "メールアドレス": "email", "役職": "title",
         "業種": "industry", "従業員数": "employees", "都道府県": "prefecture",
         "作成日": "created_at", "ステージ": "current_stage", "MQL日": "mql_at",
         "SQL日": "sql_at", "商談化日": "opportunity_at"}  # fmt: skip
ACTIVITIES = {"リードID": "lead_id", "日時": "timestamp", "活動種別": "activity_type", "URL": "url"}
OPPORTUNITIES = {"商談ID": "opportunity_id", "リードID": "lead_id", "会社名": "company",
                 "金額": "amount", "フェーズ": "stage", "作成日": "created_at",
                 "完了予定日": "close_date"}  # fmt: skip


def _pick(values: list[str], expr: str) -> str:
    """One of ``values`` chosen by the SQL integer ``expr``."""
    items = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"([{items}]::VARCHAR[])[1 + ({expr}) % {len(values)}]"


#: The day the export was taken: no event after it (close dates are planned, they may be).
EXPORT = "2026-01-01"
_SPAN_S = 2 * 365 * 86400  # leads are created in the two years before EXPORT


def _h(i: str, salt: int) -> str:
    """A deterministic pseudo-random non-negative integer of ``i``."""
    return f"(hash({i} * 7919 + {salt}) % 1000000007)::BIGINT"


def _before_export(when: str, date: str) -> str:
    """``date`` where ``when`` holds and it is not after :data:`EXPORT`, else NULL (SQL)."""
    return f"CASE WHEN {when} AND {date} < TIMESTAMP '{EXPORT}' THEN {date} END"


def write_crm(
    path: str | Path, n_leads: int, *, acts_per_lead: int = 10, seed: int = 7
) -> dict[str, int]:
    """Write the database (replacing the file) and return its row counts per table."""
    import duckdb

    p = Path(path)
    p.unlink(missing_ok=True)
    n_acc = max(n_leads // 5, 1)
    con = duckdb.connect(str(p))
    try:
        con.execute(f"SET threads = {max(1, min(4, os.cpu_count() or 1))}")
        r_lead = _h("i", seed + 1)
        created = f"TIMESTAMP '{EXPORT}' - to_seconds({_SPAN_S} - {r_lead} % {_SPAN_S})"
        company = (
            _pick(_W1, "acc") + " || " + _pick(_W2, "acc // 30") + " || "
            + _pick(_W3, "acc // 600") + " || CASE WHEN acc // 9000 > 0 THEN "
            "' ' || (acc // 9000)::VARCHAR ELSE '' END"
        )  # fmt: skip
        con.execute(f"""
            CREATE TABLE crm_leads AS
            WITH base AS (
                SELECT i, {_h("i", seed)} % {n_acc} AS acc, {_h("i", seed + 1)} AS r,
                    {created} AS created
                FROM range({n_leads}) t(i)
            )
            SELECT
                'L' || lpad(i::VARCHAR, 8, '0') AS "リードID",
                CASE WHEN r % 3 = 0 THEN '株式会社' || {company} ELSE {company} || '株式会社' END
                    AS "会社名",
                'u' || i::VARCHAR || '@kaisha' || acc::VARCHAR || '.co.jp' AS "メールアドレス",
                {_pick(_TITLES, "r // 7")} AS "役職",
                {_pick(_INDUSTRY, "acc // 3")} AS "業種",
                (10 + (acc * 37) % 5000)::INTEGER AS "従業員数",
                {_pick(_PREF, "acc // 11")} AS "都道府県",
                created AS "作成日",
                {_pick(_STAGES, "r // 13")} AS "ステージ",
                {_before_export("r % 5 < 2", "created + to_days((5 + r % 40)::INTEGER)")}
                    AS "MQL日",
                {_before_export("r % 5 = 0", "created + to_days((30 + r % 60)::INTEGER)")}
                    AS "SQL日",
                {_before_export("r % 10 = 0", "created + to_days((45 + r % 90)::INTEGER)")}
                    AS "商談化日"
            FROM base
        """)
        con.execute(f"""
            CREATE TABLE crm_activities AS
            WITH base AS (
                SELECT j, i, {_h("j", seed + 2)} AS r, {created} AS created
                FROM (SELECT j, j % {n_leads} AS i FROM range({n_leads * acts_per_lead}) t(j))
            )
            SELECT
                'L' || lpad(i::VARCHAR, 8, '0') AS "リードID",
                created + to_seconds(
                    (r % greatest(epoch(TIMESTAMP '{EXPORT}' - created)::BIGINT, 1))::BIGINT
                ) AS "日時",
                {_pick(_KINDS, "r // 17")} AS "活動種別",
                CASE WHEN r % 3 = 0 THEN {_pick(_URLS, "r // 5")} END AS "URL"
            FROM base
        """)
        con.execute(f"""
            CREATE TABLE crm_opportunities AS
            WITH base AS (
                SELECT k, ({_h("k", seed + 3)} % {n_leads}) AS i, {_h("k", seed + 4)} AS r
                FROM range({max(n_leads // 10, 1)}) t(k)
            )
            SELECT
                'O' || k::VARCHAR AS "商談ID",
                'L' || lpad(i::VARCHAR, 8, '0') AS "リードID",
                l."会社名" AS "会社名",
                (100000 * (1 + r % 200))::BIGINT AS "金額",
                {_pick(_PHASES, "r // 3")} AS "フェーズ",
                least(l."作成日" + to_days((30 + r % 60)::INTEGER),
                      TIMESTAMP '{EXPORT}' - INTERVAL 1 DAY) AS "作成日",
                CASE WHEN {_pick(_PHASES, "r // 3")} IN ('受注', '失注')  -- a closed deal
                     THEN least(l."作成日" + to_days((90 + r % 120)::INTEGER),
                                TIMESTAMP '{EXPORT}' - INTERVAL 1 DAY)
                     ELSE l."作成日" + to_days((90 + r % 120)::INTEGER)
                END AS "完了予定日"
            FROM base JOIN crm_leads l ON l."リードID" = 'L' || lpad(base.i::VARCHAR, 8, '0')
        """)
        return {
            t: int(con.execute(f"SELECT count(*) FROM crm_{t}").fetchone()[0])
            for t in ("leads", "activities", "opportunities")
        }
    finally:
        con.close()


def source_section(path: str | Path, *, store: str | Path | None = None) -> str:
    """The administrator's ``[source]`` for :func:`write_crm`'s file (TOML text)."""

    def q(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string or list is TOML too

    lines = ["[source]", 'kind = "duckdb"', f"path = {q(str(path))}"]
    if store is not None:
        lines.append(f"store = {q(str(store))}")
    lines += ["", "[source.tables]", 'leads = "crm_leads"', 'activities = "crm_activities"',
              'opportunities = "crm_opportunities"']  # fmt: skip
    for table, columns in (("leads", LEADS), ("activities", ACTIVITIES),
                           ("opportunities", OPPORTUNITIES)):  # fmt: skip
        lines += ["", "[[source.mappings]]", f'table = "{table}"', 'vendor = "generic_ja"',
                  f"columns = {q([[raw, canon] for raw, canon in columns.items()])}"]  # fmt: skip
    return "\n".join(lines) + "\n"


def out_of_memory(*_args: object, progress: object = None, **_kwargs: object) -> None:
    """Stands in for :func:`abm.engine.ahead.prepare_source` in a worker: the engine runs
    out of memory reading a table whose rows quote a value (never to be logged)."""
    from abm.errors import MoriError

    raise MoriError("engine.err.memory", step="カナリア", backend="duckdb", limit="1GB")
