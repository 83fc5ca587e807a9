"""Deals in several currencies, and HubSpot's Japanese lifecycle-date columns (#13, QA).

A multi-currency org's export carries the deal's own amount beside the amount converted to
the company's currency (HubSpot ``Amount in company currency``, Salesforce ``Amount
(converted)``): the converted one is the yen figure. Before, the deal currency's ``Amount``
was mapped and USD 120,000 counted as ¥120,000 (open pipeline ¥41.8M against ¥69.2M).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.money import ExchangeRates, currency_codes
from abm.funnel.pipeline import pipeline_summary
from abm.ingest import load_files, read_table, suggest_mapping

AS_OF = pd.Timestamp("2024-12-01")
_HUBSPOT = (
    "Record ID,Deal Name,Deal Stage,Amount,Currency,Amount in company currency,Close Date,"
    "Create Date,Is Deal Closed?,Is Closed Won,Associated Company (Primary)\n"
    "1,基幹刷新,Contract Sent,24000000,JPY,24000000,2024-12-20,2024-09-02,false,false,北斗\n"
    "2,Singapore rollout,Decision Maker Bought-In,120000,USD,18000000,2024-12-27,2024-09-10,"
    "false,false,Hokuto SG\n"
    "3,Berlin,Closed Won,50000,EUR,8000000,2024-10-01,2024-07-01,true,true,Hokuto DE\n"
)
_SALESFORCE = (
    '"Opportunity Name","Stage","Amount Currency","Amount","Amount (converted) Currency",'
    '"Amount (converted)","Close Date","Created Date","Opportunity ID"\n'
    '"基幹刷新","Negotiation/Review","JPY","24,000,000.00","JPY","24,000,000","12/20/2024",'
    '"9/2/2024","0065g00000Mc000"\n'
    '"Rollout","Proposal/Price Quote","USD","120,000.00","JPY","18,000,000","12/27/2024",'
    '"9/10/2024","0065g00000Mc001"\n'
)


def _opps(name: str, text: str):
    ds, errors = load_files([(name, text.encode("utf-8"))])
    assert not errors
    return ds


def test_the_amount_in_the_company_currency_is_the_amount():
    for name, text, pipeline in (
        ("hubspot_deals.csv", _HUBSPOT, 42_000_000),
        ("sf_opportunities.csv", _SALESFORCE, 42_000_000),
    ):
        ds = _opps(name, text)
        mapping = ds.sources[0].mapping
        converted = next(h for h, c in mapping.items() if c == "amount")
        assert converted in ("Amount in company currency", "Amount (converted)")
        assert pipeline_summary(ds.opportunities, as_of=AS_OF).pipeline_value == pipeline
        assert "foreign_currency" not in set(ds.sources[0].issues["check"])
    won = pipeline_summary(_opps("h.csv", _HUBSPOT).opportunities, as_of=AS_OF)
    assert won.won_value == 8_000_000  # EUR 50,000 as the org converted it


def _unconverted() -> str:
    """The HubSpot export without its converted column (the sixth): Amount + Currency only."""
    rows = [
        ",".join(c for i, c in enumerate(r.split(",")) if i != 5) for r in _HUBSPOT.splitlines()
    ]
    return "\n".join(rows) + "\n"


def test_amounts_in_another_currency_without_a_rate_are_left_out_of_sums():
    # QA-P: 42 deals in USD beside yen were added up as yen (3.6M dollars read as 3.6M yen)
    ds = _opps("deals.csv", _unconverted())
    assert dict(ds.sources[0].mapping)["Amount"] == "amount"
    opps = ds.opportunities.set_index("opportunity_id")
    assert opps["currency"].tolist() == ["JPY", "USD", "EUR"]
    assert opps["amount"].tolist()[0] == 24_000_000
    assert opps["amount"].isna().tolist() == [False, True, True]  # the deals are kept
    said = ds.sources[0].issues.set_index("check")
    assert said.loc["amounts_no_rate", "count"] == 2  # the USD and the EUR deal
    assert said.loc["amounts_no_rate", "row"] == 3
    assert said.loc["amounts_no_rate", "column"] == "Amount"
    summary = pipeline_summary(ds.opportunities, as_of=AS_OF)
    assert summary.pipeline_value == 24_000_000  # not 24,120,000
    assert summary.won_value == 0


def test_amounts_in_another_currency_are_converted_at_the_rates_given():
    rates = ExchangeRates("JPY", (("USD", 150.0), ("EUR", 160.0)))
    ds, errors = load_files([("deals.csv", _unconverted().encode("utf-8"))], rates=rates)
    assert not errors
    opps = ds.opportunities
    assert opps["amount"].tolist() == [24_000_000, 18_000_000, 8_000_000]
    said = ds.sources[0].issues.set_index("check")
    assert said.loc["amounts_converted", "count"] == 2
    assert "amounts_no_rate" not in said.index
    # one rate only: the other currency stays out of sums, and is said
    ds, _ = load_files(
        [("deals.csv", _unconverted().encode("utf-8"))],
        rates=ExchangeRates("JPY", (("USD", 150.0),)),
    )
    said = ds.sources[0].issues.set_index("check")
    assert (said.loc["amounts_converted", "count"], said.loc["amounts_no_rate", "count"]) == (1, 1)


def test_a_dollar_workspace_converts_the_yen_deals_instead():
    rates = ExchangeRates("USD", (("JPY", 0.0067), ("EUR", 1.07)))
    ds, _ = load_files([("deals.csv", _unconverted().encode("utf-8"))], rates=rates)
    got = ds.opportunities["amount"].tolist()
    assert got[1] == 120_000 and abs(got[0] - 160_800) < 1e-6 and abs(got[2] - 53_500) < 1e-6


def test_currency_words_read_as_iso_codes():
    values = pd.Series(
        ["USD", "usd", "$", "ドル", "米ドル", "円", "¥", "ＪＰＹ", "EUR", "€", "INR", ""]
    )
    assert currency_codes(values).tolist() == [
        "USD", "USD", "USD", "USD", "USD", "JPY", "JPY", "JPY", "EUR", "EUR", "INR", pd.NA,
    ]  # fmt: skip


def test_hubspot_japanese_lifecycle_dates_are_the_stage_dates():
    headers = [
        "レコードID", "Eメール", "会社名", "ライフサイクルステージ", "作成日", "リードになった日",
        "マーケティング・クオリファイド・リード（MQL）になった日",
        "セールス・クオリファイド・リード（SQL）になった日", "商談になった日", "顧客になった日",
        "購読者になった日",
    ]  # fmt: skip
    raw = read_table(
        (",".join(headers) + "\n").encode("utf-8") + b"1,a@x.co.jp,X,,,,,,,,\n", "c.csv"
    )
    got = dict(suggest_mapping(raw).columns)
    assert [got[h] for h in headers[5:10]] == [
        "inquiry_at",
        "mql_at",
        "sql_at",
        "opportunity_at",
        "won_at",
    ]
    assert got["購読者になった日"] is None  # リード beats 購読者 for the inquiry date


def test_amounts_in_one_sign_name_it_and_several_signs_do_not():
    from abm.ingest.convert import convert_cells

    def key(cells):
        got = convert_cells(pd.Series(cells, dtype="string"), "money")
        said = got.issues("deals.csv", "Amount", np.arange(2, 2 + len(cells)))
        return next(i[5] for i in said if i[3] == "foreign_currency")

    assert key(["$1,200", "$300", "500"]) == "ingest.issue.foreign_currency_dollar"
    assert key(["€1,200", "500"]) == "ingest.issue.foreign_currency_euro"
    assert key(["£1,200", "500"]) == "ingest.issue.foreign_currency_pound"
    assert key(["$1,200", "€300"]) == "ingest.issue.foreign_currency"


def test_pounds_and_currency_codes_read_as_the_number():
    from abm.ingest.convert import convert_cells

    got = convert_cells(
        pd.Series(["£1,200", "GBP 300", "USD 5,000", "EUR 70"], dtype="string"), "money"
    )
    assert got.values.tolist() == [1200.0, 300.0, 5000.0, 70.0]
    assert got.foreign.all()  # each said as another currency's amount


def test_a_currency_written_in_the_amount_cell_is_the_deals_currency():
    # QA-R: "USD 45,000" in a yen report was counted as ¥45,000
    text = (
        "商談名,取引先名,フェーズ,金額,完了予定日\n"
        'A,X社,提案,"USD 45,000",2026/12/20\nB,Y社,提案,"1,000,000",2026/12/20\n'
        'C,Z社,受注,"$2,000",2026/11/20\nD,W社,提案,50万円,2026/12/20\n'
    )
    ds, _ = load_files([("o.csv", text.encode("utf-8"))])
    opps = ds.opportunities
    assert opps["currency"].tolist() == ["USD", pd.NA, "USD", "JPY"]
    assert opps["amount"].isna().tolist() == [True, False, True, False]
    said = ds.sources[0].issues.set_index("check")
    assert said.loc["amounts_no_rate", "count"] == 2
    assert "foreign_currency" not in said.index  # no "counted as they are" beside it
    rates = ExchangeRates("JPY", (("USD", 150.0),))
    ds, _ = load_files([("o.csv", text.encode("utf-8"))], rates=rates)
    assert ds.opportunities["amount"].tolist() == [6_750_000, 1_000_000, 300_000, 500_000]


def test_full_width_signs_and_a_blank_currency_cell_beside_a_signed_amount():
    # review: ＄100 / ＵＳＤ 100 were counted as yen, and a "$2000" with a blank currency
    # cell too; a placeholder currency ("-") is no currency to ask a rate for
    rates = ExchangeRates("JPY", (("USD", 150.0),))
    text = (
        "商談名,取引先名,フェーズ,金額,完了予定日\n"
        "A,X社,提案,＄100,2026/12/20\nB,Y社,提案,ＵＳＤ 100,2026/12/20\n"
        "C,Z社,提案,100 usd,2026/12/20\n"
    )
    ds, _ = load_files([("o.csv", text.encode("utf-8"))], rates=rates)
    assert ds.opportunities["amount"].tolist() == [15_000, 15_000, 15_000]
    text = (
        "Opportunity Name,Stage,Amount,Amount Currency,Close Date\n"
        "A,Prospecting,$2000,,2026-12-20\nB,Prospecting,5000,-,2026-12-20\n"
        "C,Prospecting,7000,JPY,2026-12-20\n"
    )
    ds, _ = load_files([("o2.csv", text.encode("utf-8"))], rates=rates)
    opps = ds.opportunities
    assert opps["amount"].tolist() == [300_000, 5_000, 7_000]
    assert opps["currency"].tolist() == ["USD", pd.NA, "JPY"]
    assert currency_codes(pd.Series(["-", "N/A", "なし", "—"])).isna().all()
