"""HubSpot's Japanese lifecycle-date headers as its UI and its help write them (QA-R).

Golden table: header -> canonical column. The current UI quotes the stage (``「リード」になった
日付``); older labels add a note in parentheses (``リード（見込み客）``, ``MQL（…）``).
"""

from __future__ import annotations

import pytest

from abm.ingest import read_table, suggest_mapping
from abm.ingest.detect import lifecycle_header
from abm.ingest.headers import normalise_header

# fmt: off
GOLDEN: tuple[tuple[str, str | None], ...] = (
    ("「リード」になった日付", "inquiry_at"),
    ("「マーケティングクオリファイドリード」になった日付", "mql_at"),
    ("「セールスクオリファイドリード」になった日付", "sql_at"),
    ("「商談」になった日付", "opportunity_at"),
    ("「顧客」になった日付", "won_at"),
    ("『リード』になった日付", "inquiry_at"),
    ("『マーケティングクオリファイドリード』になった日付", "mql_at"),
    ("『セールスクオリファイドリード』になった日付", "sql_at"),
    ("『商談』になった日付", "opportunity_at"),
    ("『顧客』になった日付", "won_at"),
    ("｢顧客｣になった日付", "won_at"),  # half-width corner brackets
    ("リード（見込み客）になった日付", "inquiry_at"),
    ("リード(見込み客)になった日付", "inquiry_at"),
    ("MQL（マーケティング上の有望な見込み客）になった日付", "mql_at"),
    ("MQL(マーケティング上の有望な見込み客)になった日付", "mql_at"),
    ("SQL（営業上の有望な見込み客）になった日付", "sql_at"),
    ("マーケティング・クオリファイド・リード（MQL）になった日", "mql_at"),
    ("「MQL」になった日付", "mql_at"),
)
# fmt: on
#: Stages with no date field of their own: known lifecycle columns, left unmapped.
NO_FIELD = ("「エバンジェリスト」になった日付", "「その他」になった日付", "『その他』になった日付")


def _mapping(headers: list[str]) -> dict[str, str | None]:
    heads = ["レコードID", "Eメール", "会社名", "ライフサイクルステージ", "作成日", *headers]
    row = ["1", "a@x.co.jp", "X", "リード", "2026/10/01"] + ["2026/10/02"] * len(headers)
    data = (",".join(heads) + "\n" + ",".join(row) + "\n").encode("utf-8")
    return dict(suggest_mapping(read_table(data, "contacts.csv")).columns)


@pytest.mark.parametrize(("header", "canonical"), GOLDEN)
def test_each_japanese_lifecycle_label_is_its_stage_date(header, canonical):
    assert _mapping([header])[header] == canonical


def test_the_current_ui_s_five_columns_together_are_the_five_stage_dates():
    headers = [h for h, _ in GOLDEN[:5]]
    got = _mapping(headers)
    assert [got[h] for h in headers] == [c for _, c in GOLDEN[:5]]


def test_lead_beats_subscriber_for_the_inquiry_date_in_quotes_too():
    got = _mapping(["「購読者」になった日付", "「リード」になった日付"])
    assert got["「リード」になった日付"] == "inquiry_at"
    assert got["「購読者」になった日付"] is None
    assert _mapping(["「購読者」になった日付"])["「購読者」になった日付"] == "inquiry_at"


@pytest.mark.parametrize("header", NO_FIELD)
def test_stages_without_a_date_field_are_lifecycle_columns_left_unmapped(header):
    assert lifecycle_header(normalise_header(header)) is not None
    assert _mapping([header])[header] is None


def test_quotes_and_notes_are_dropped_from_the_stage_phrase():
    assert lifecycle_header(normalise_header("「リード」になった日付")) == "リード"
    assert lifecycle_header(normalise_header("リード（見込み客）になった日付")) == "リード"
    assert (
        lifecycle_header(normalise_header("MQL（マーケティング上の有望な見込み客）になった日付"))
        == "mql"
    )
    assert lifecycle_header(normalise_header("作成日")) is None
