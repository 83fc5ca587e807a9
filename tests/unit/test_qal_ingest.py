"""QA-L: Account Engagement's Japanese visitor activities and a Salesforce accounts report."""

from __future__ import annotations

import pytest

from abm.ingest import read_table, suggest_mapping


def _mapping(text: str, name: str = "export.csv"):
    return suggest_mapping(read_table(text.encode("utf-8-sig"), name))


@pytest.mark.parametrize(
    "header",
    [
        "ID,プロスペクト ID,種類,名前,作成日",
        "プロスペクト ID,種類,作成日",
        "ビジターアクティビティ ID,プロスペクト ID,種類,種類名,詳細,作成日",
    ],
)
def test_japanese_visitor_activities_are_activities_mapped(header):
    rows = {
        "ID": "101",
        "ビジターアクティビティ ID": "101",
        "プロスペクト ID": "5001",
        "種類": "フォーム",
        "種類名": "フォーム",
        "名前": "資料請求フォーム",
        "詳細": "資料請求フォーム",
        "作成日": "2025/04/01 10:00",
    }
    cols = header.split(",")
    m = _mapping(header + "\n" + ",".join(rows[c] for c in cols) + "\n")
    got = dict(m.columns)
    assert (m.table, m.vendor) == ("activities", "pardot")
    assert got["プロスペクト ID"] == "lead_id" and got["作成日"] == "timestamp"
    assert "activity_type" in {got.get("種類"), got.get("種類名")}
    assert got.get("ID") != "lead_id"


def test_a_salesforce_accounts_report_is_accounts():
    m = _mapping(
        "取引先名,Webサイト,業種,従業員数,年間売上,都道府県\n"
        "株式会社さくらテック,sakura-tech.co.jp,情報通信業,320,4500000000,東京都\n"
    )
    assert (m.table, m.report) == ("accounts", "salesforce.report_accounts")
    assert dict(m.columns)["Webサイト"] == "domain"
    english = _mapping(
        "Account Name,Website,Industry,Employees,Annual Revenue,Billing State/Province\n"
        "Sakura Tech,sakura-tech.co.jp,IT,320,4500000000,Tokyo\n"
    )
    assert english.table == "accounts"


def test_a_contacts_report_with_the_account_name_stays_people():
    m = _mapping(
        "取引先名,氏名,メール,役職,部署\n株式会社さくらテック,山田 太郎,taro@sakura-tech.co.jp,部長,営業部\n"
    )
    assert m.table == "leads"


def test_a_free_mail_person_whose_company_is_their_own_name_is_an_individual():
    # QA-L: 113 people typed their own name as the company with an icloud/gmail address
    # and became one-person companies (some pooled across people by fuzzy names)
    import pandas as pd

    from abm.resolve import apply_exclusions

    leads = pd.DataFrame(
        {
            "company": ["高橋直樹", "Naoki Takahashi", "株式会社X", "高橋直樹", "加藤"],
            "email": [
                "n@icloud.com",
                "nt@gmail.com",
                "a@x.co.jp",
                "n@takahashi.co.jp",
                "k@gmail.com",
            ],
            "last_name": ["高橋", "Takahashi", "山田", "高橋", "加藤"],
            "first_name": ["直樹", "Naoki", "太郎", "直樹", "由美"],
        }
    )
    out = apply_exclusions(leads)
    # a sole proprietor's own domain keeps them; a surname alone is no own name
    assert out["excluded"].tolist() == [True, True, False, False, False]
    assert set(out.loc[out["excluded"], "exclusion_reason"]) == {"free_mail"}
