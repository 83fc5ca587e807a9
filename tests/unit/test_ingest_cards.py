"""A business-card tool's exchanges are touches (QA-K: 814 cards, no engagement at all)."""

from __future__ import annotations

import pandas as pd

from abm.core.activities import activity_kind_of
from abm.ingest import load_files

CARDS = (
    "会社名,部署名,役職,氏名,メールアドレス,電話番号,名刺交換日,名刺所有者\n"
    "株式会社東邦精機,技術部,部長,山田　太郎,taro@toho-seiki.co.jp,03-1111-2222,2025/04/02,小島 亮\n"
    "株式会社東邦精機,購買部,課長,佐藤　花子,hanako@toho-seiki.co.jp,03-1111-3333,2025/05/10,小島 亮\n"
    "三和電器株式会社,営業部,,鈴木　一郎,,06-2222-3333,,西川 修\n"
).encode("cp932")
CONTACTS = (
    "Eメール,会社名,ライフサイクルステージ,作成日\n"
    "taro@toho-seiki.co.jp,東邦精機株式会社,リード,2025-01-15 10:00\n"
).encode("utf-8-sig")


def test_each_card_exchanged_is_a_business_card_activity_of_that_day():
    ds, errors = load_files([("sansan.csv", CARDS), ("contacts.csv", CONTACTS)])
    assert not errors
    acts = ds.activities
    assert acts is not None and len(acts) == 2  # the card without a date is no touch
    assert set(activity_kind_of(acts["activity_type"])) == {"business_card"}
    days = sorted(pd.to_datetime(acts["timestamp"]).dt.strftime("%Y-%m-%d"))
    assert days == ["2025-04-02", "2025-05-10"]
    # each is its card's, by the card's person: linked like any activity
    cards = ds.leads[ds.leads["source_file"].eq("sansan.csv").to_numpy()]
    assert set(acts["lead_id"]) <= set(cards["lead_id"])
    assert set(acts["link_rule"]) == {"id"}
    # the cards stay people too
    assert len(cards) == 3


def test_a_list_without_an_exchange_date_makes_no_card_touches():
    ds, _ = load_files([("contacts.csv", CONTACTS)])
    assert ds.activities is None or not len(ds.activities)
