"""SATORI's action history (アクション履歴) is an activity log, not a customer list.

Fixtures: ``tests/fixtures/satori_sf`` (built by its ``make_fixtures.py``), shaped like
QA-O's SATORI + Salesforce (Japanese UI) uploads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from abm.core.activities import activity_kind_of
from abm.ingest import apply_mapping, load_files, suggest_mapping
from abm.ingest.read import read_table

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "satori_sf"
FILES = ("satori_customers.csv", "satori_actions.csv", "sf_opportunities.xlsx", "sf_activities.csv")


def _mapping(name: str):
    return suggest_mapping(read_table((HERE / name).read_bytes(), name))


def test_action_history_is_satori_activities_with_its_columns_mapped() -> None:
    m = _mapping("satori_actions.csv")
    assert (m.vendor, m.report, m.table) == ("satori", "satori.actions", "activities")
    cols = dict(m.columns)
    assert cols == {
        "アクション日時": "timestamp",
        "カスタマーID": "lead_id",
        "メールアドレス": "email",
        "苗字": None,  # the family name alone: no full name to link by
        "名前": None,  # the given name alone
        "会社名": "company",
        "アクション": "activity_type",
        "アクション内容": "subject",
        "URL": "url",  # the page, not the company's website
    }


def test_customer_list_still_reads_as_leads() -> None:
    m = _mapping("satori_customers.csv")
    assert (m.vendor, m.report, m.table) == ("satori", "satori.customers", "leads")
    cols = dict(m.columns)
    assert cols["カスタマーID"] == "lead_id" and cols["メールアドレス"] == "email"
    assert cols["名前"] == "first_name"


@pytest.mark.parametrize(
    "headers",
    [
        ["アクション日時", "カスタマーID", "メールアドレス", "アクション", "URL"],
        ["日時", "メールアドレス", "アクション", "URL"],
        ["Date", "Email", "Activity Type", "URL"],
        ["アクセス日時", "メールアドレス", "会社名", "URL"],
    ],
)
def test_an_activity_files_url_is_the_page_never_the_domain(headers: list[str]) -> None:
    row = ["2026/12/01 10:00", "c1", "a@x.co.jp", "Webアクセス", "https://www.x.co.jp/contact/"]
    text = ",".join(headers) + "\n" + ",".join(row[: len(headers)]) + "\n"
    m = suggest_mapping(read_table(text.encode("utf-8"), "log.csv"))
    assert m.table == "activities"
    assert dict(m.columns)["URL"] == "url"
    assert "domain" not in {c for _, c in m.columns}


def test_the_four_files_load_with_the_actions_linked_to_people() -> None:
    ds, errors = load_files([(n, (HERE / n).read_bytes()) for n in FILES])
    assert errors == ()
    by_file = {s.file: s for s in ds.sources}
    assert by_file["satori_customers.csv"].table == "leads"
    assert len(ds.leads) == 4
    actions = by_file["satori_actions.csv"]
    assert actions.table == "activities" and actions.rows == 12
    # 10 by カスタマーID, one by its e-mail (in capitals), one names nobody
    assert actions.links["id"] == 10 and actions.links["email"] == 1
    assert actions.link_rate == pytest.approx(11 / 12)
    acts = ds.activities
    sat = acts[acts["source_file"] == "satori_actions.csv"]
    assert set(sat["origin"]) == {"marketing"}
    assert sat["url"].notna().sum() == 10  # an e-mail open and a send have none
    assert sat.loc[sat["link_rule"] == "email", "lead_id"].tolist() == ["c900004"]
    sf = acts[acts["source_file"] == "sf_activities.csv"]
    assert len(sf) == 3 and set(sf["origin"]) == {"sales"}
    opps = ds.opportunities
    assert len(opps) == 3  # the 合計 footer is no deal
    # Salesforce's Japanese Qualification stage is a known open phase, not an unknown one
    assert opps.set_index("stage")["outcome"].to_dict() == {
        "選定": "open",
        "成立": "won",
        "不成立": "lost",
    }
    assert "unknown" not in set(opps["outcome_source"])


def test_a_generic_form_takes_its_kind_from_the_form_name() -> None:
    """QA-O: every SATORI form is フォーム送信 on /form/; アクション内容 names the form."""
    rows = [
        ("c1", "フォーム送信", "資料請求フォーム", "https://x.example.jp/form/"),
        ("c2", "フォーム送信", "無料トライアル申込", "https://x.example.jp/form/"),
        ("c3", "フォーム送信", "ウェビナー申込フォーム", "https://x.example.jp/form/"),
        ("c4", "フォーム送信", "メルマガ登録", "https://x.example.jp/form/"),
        ("c5", "フォーム送信", "料金表ダウンロード", "https://x.example.jp/form/"),  # pricing first
        ("c6", "Webアクセス", "資料請求フォーム", "https://x.example.jp/form/"),  # a view only
        ("c7", "メール開封", "ウェビナーのご案内", ""),
    ]
    header = "アクション日時,カスタマーID,メールアドレス,苗字,名前,会社名,アクション,アクション内容,URL\n"
    text = header + "".join(
        f"2026/12/01 09:0{i}:00,{c},a{i}@x.example.jp,青木,陽介,株式会社X,{t},{s},{u}\n"
        for i, (c, t, s, u) in enumerate(rows)
    )
    raw = read_table(text.encode("cp932"), "actions.csv")
    m = suggest_mapping(raw)
    frame, issues = apply_mapping(raw, m)
    kinds = activity_kind_of(frame["activity_type"], frame["url"], frame["origin"]).tolist()
    assert kinds == [
        "download", "demo_request", "webinar", "form", "form", "page_view", "email_open",
    ]  # fmt: skip
    assert frame["activity_type"].tolist()[:2] == [
        "フォーム送信: 資料請求フォーム",
        "フォーム送信: 無料トライアル申込",
    ]
    note = issues.set_index("check").loc["named_forms"]
    assert (note["count"], note["column"]) == (3, "アクション内容")
