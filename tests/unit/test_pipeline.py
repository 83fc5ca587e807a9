"""abm.pipeline: the cleaned dataset every page reads."""

from __future__ import annotations

import pandas as pd

from abm.dataset import Dataset
from abm.pipeline import prepare


def _s(values):
    return pd.array(values, dtype="string")


def _dataset() -> Dataset:
    leads = pd.DataFrame(
        {
            "lead_id": _s(["A", "A", "A", "B", "C"]),  # one person exported three times
            "email": _s(["x@acme.co.jp", "X@ACME.co.jp", "x@acme.co.jp", "y@acme.co.jp", None]),
            "company": _s(
                ["株式会社アクメ", "アクメ(株)", "㈱アクメ", "アクメ株式会社", "ベータ工業"]
            ),
            "created_at": pd.to_datetime(
                ["2026-01-01", "2026-02-01", "2026-03-01", "2026-01-05", "2026-01-06"]
            ),
        }
    )
    activities = pd.DataFrame(
        {
            "lead_id": _s(["A", "B", "C"]),
            "timestamp": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04"]),
            "activity_type": _s(["page_view"] * 3),
        }
    )
    opps = pd.DataFrame(
        {
            "opportunity_id": _s(["O1", "O2"]),
            "company": _s(["アクメ株式会社", "ガンマ"]),
            "account_id": _s(["SF-1", "SF-9"]),
            "amount": pd.array([1_000_000.0, 2_000_000.0], dtype="Float64"),
        }
    )
    return Dataset(leads=leads, activities=activities, opportunities=opps)


def test_repeated_lead_ids_do_not_crash_and_nothing_is_lost():
    out = prepare(_dataset())
    clean = out.clean
    assert len(clean.kept) + len(clean.merged) + len(clean.excluded) == 5
    assert len(clean.merged) == 2  # two extra copies of person A
    kept = out.dataset.leads
    assert kept["account_id"].nunique() == 2  # アクメ and ベータ工業
    # every activity still points at a kept lead
    assert set(out.dataset.activities["lead_id"]) <= set(kept["lead_id"])


def test_opportunities_get_the_resolved_account_and_keep_the_crm_id():
    out = prepare(_dataset())
    opps = out.dataset.opportunities
    kept = out.dataset.leads
    acme = kept.loc[kept["company"].str.contains("アクメ"), "account_id"].iloc[0]
    assert opps.loc[0, "account_id"] == acme
    assert opps.loc[1, "account_id"] == "crm:SF-9"  # no lead evidence: namespaced CRM id
    assert list(opps["crm_account_id"]) == ["SF-1", "SF-9"]


def _load(*files: tuple[str, str]) -> Dataset:
    from abm.ingest import load_files

    ds, _ = load_files([(name, text.encode("cp932")) for name, text in files])
    return ds


def test_leads_that_name_no_company_are_unassigned_not_accounts():
    """Two leads with no company, domain or number were two nameless accounts and the
    accounts page said 0 without a company (QA, an export with blank 会社名)."""
    from abm.accounts.rollup import rollup_accounts

    text = "氏名,会社名,メールアドレス\r\n小林 亮,株式会社北斗システムズ,ryo@hokuto-sys.co.jp\r\n"
    text += "山田 太郎,,\r\n鈴木 花子,,\r\n"
    d = prepare(_load(("l.csv", text))).dataset
    assert d.leads["account_id"].isna().sum() == 2
    r = rollup_accounts(d.leads, as_of=pd.Timestamp("2026-01-01"))
    assert len(r) == 1
    assert r["account_name"].tolist() == ["株式会社北斗システムズ"]
    assert r.attrs["unassigned_leads"] == 2


def test_salesforce_contacts_take_their_company_from_the_accounts_file():
    """Salesforce data export: ``Contact.csv`` names no company, only ``AccountId``; with
    ``Account.csv`` loaded the contact is at that company (名寄せ sees its name), a contact
    with a free-mail address filed under an account is not a private person, and the
    account's deal lands on the same account."""
    from abm.accounts.rollup import rollup_accounts

    contacts = "Id,AccountId,LastName,FirstName,Email,CreatedDate\n"
    contacts += (
        "0031,0011,Kato,Misaki,,2024-01-01\n0032,0011,Ishikawa,Shota,shota@gmail.com,2024-01-02\n"
    )
    contacts += (
        "0033,0012,Mori,Megumi,,2024-01-03\n0034,0012,Sato,Ken,ken@alpha-tech.co.jp,2024-01-03\n"
    )
    accounts = "Id,Name,Industry\n0011,富士見建設株式会社,Construction\n"
    opps = "Id,AccountId,ContactId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate\n"
    opps += "0061,0011,,Deal A,Closed Won,100,2024-03-01,true,true,2024-01-05\n"
    opps += "0062,0012,,Deal B,Prospecting,100,2024-09-01,false,false,2024-01-05\n"
    out = prepare(
        _load(("Contact.csv", contacts), ("Account.csv", accounts), ("Opportunity.csv", opps))
    )
    leads = out.dataset.leads.set_index("lead_id")
    assert out.clean.summary["excluded"] == 0
    assert leads.loc[["0031", "0032"], "company"].tolist() == ["富士見建設株式会社"] * 2
    assert leads.loc["0031", "account_id"] == leads.loc["0032", "account_id"]
    assert leads.loc["0033", "account_id"] == leads.loc["0034", "account_id"]  # by AccountId
    assert leads.loc["0033", "match_rule"] == "crm_account"
    d = out.dataset
    r = rollup_accounts(
        d.leads,
        opportunities=d.opportunities,
        accounts=d.accounts,
        as_of=pd.Timestamp("2025-01-01"),
    ).set_index("account_id")
    fujimi = leads.loc["0031", "account_id"]
    assert r.loc[fujimi, "account_name"] == "富士見建設株式会社"
    assert r.loc[fujimi, "contacts"] == 2 and r.loc[fujimi, "won_revenue"] == 100
    assert r.loc[leads.loc["0034", "account_id"], "contacts"] == 2
    assert r.attrs["unassigned_leads"] == 0


def test_an_account_has_one_name_on_every_page_the_crms_where_it_holds_it():
    """QA-E: 名寄せ named an account by its leads' commonest spelling (匠ハウジング株式会社) on
    the Cleaning page while the roll-up took Account.csv's (Takumi Housing Co., Ltd.). The
    CRM's name is the account's everywhere; an account the CRM lacks keeps 名寄せ's."""
    from abm.accounts.rollup import rollup_accounts

    leads = "Id,AccountId,LastName,FirstName,Email,Company,CreatedDate\n"
    leads += "0031,0011,Kato,Misaki,m@takumi-h.co.jp,匠ハウジング株式会社,2024-01-01\n"
    leads += "0032,0011,Ito,Ken,k@takumi-h.co.jp,匠ハウジング株式会社,2024-01-02\n"
    leads += "0033,,Mori,Megumi,g@beta.co.jp,ベータ株式会社,2024-01-03\n"
    accounts = 'Id,Name,Website\n0011,"Takumi Housing Co., Ltd.",takumi-h.co.jp\n'
    out = prepare(_load(("Contact.csv", leads), ("Account.csv", accounts)))
    kept = out.clean.kept.set_index("lead_id")
    assert kept.loc["0031", "account_name"] == "Takumi Housing Co., Ltd."
    assert kept.loc["0033", "account_name"] == "ベータ株式会社"
    table = out.clean.accounts.set_index("account_id")["account_name"]
    assert table[kept.loc["0031", "account_id"]] == "Takumi Housing Co., Ltd."
    d = out.dataset
    r = rollup_accounts(d.leads, accounts=d.accounts, as_of=pd.Timestamp("2025-01-01"))
    shown = r.set_index("account_id")["account_name"]
    assert shown[kept.loc["0031", "account_id"]] == "Takumi Housing Co., Ltd."
    assert (d.leads.set_index("lead_id")["account_name"] == kept["account_name"]).all()


def test_a_preview_of_the_cleaning_equals_what_every_page_reads():
    """Review: the Cleaning page previewed unsaved settings with 名寄せ alone — 名寄せ's names
    where the pages show the CRM's, and without the deal file's company names. A preview
    of the saved settings is now the saved ledger."""
    from abm.pipeline import clean_dataset
    from abm.resolve import ExclusionRules

    leads = "Id,AccountId,LastName,FirstName,Email,Company,CreatedDate\n"
    leads += "0031,0011,Kato,Misaki,m@takumi-h.co.jp,匠ハウジング株式会社,2024-01-01\n"
    leads += "0032,0011,Ito,Ken,k@takumi-h.co.jp,匠ハウジング株式会社,2024-01-02\n"
    leads += "0033,,Mori,Megumi,g@nordwind.co.jp,ノルトヴィント・ジャパン株式会社,2024-01-03\n"
    accounts = 'Id,Name,Website\n0011,"Takumi Housing Co., Ltd.",takumi-h.co.jp\n'
    deals = "商談名,取引先名,フェーズ,金額\n導入,Nordwind Japan K.K.,受注,1000000\n"
    ds = _load(("Contact.csv", leads), ("Account.csv", accounts), ("商談.csv", deals))
    rules = ExclusionRules()
    saved = prepare(ds, rules=rules).clean
    preview = clean_dataset(ds, rules=rules)
    for name in (
        "kept", "merged", "excluded", "accounts", "named", "hygiene_review", "review",
        "account_rows", "excluded_accounts",
    ):  # fmt: skip
        pd.testing.assert_frame_equal(getattr(preview, name), getattr(saved, name), obj=name)
    assert preview.summary == saved.summary
    assert len(preview.named)  # the deal's English name reached the leads' account
    names = set(preview.accounts["account_name"])
    assert "Takumi Housing Co., Ltd." in names and "匠ハウジング株式会社" not in names


def test_a_lead_takes_the_company_facts_its_export_lacks_from_the_companies_file():
    """QA-G: HubSpot's contacts export has no revenue, its companies export has it for every
    company: the scoring's revenue bands were all unknown. A lead's own value stays."""
    contacts = "レコードID,姓,名,Eメール,会社名,従業員数,業種\n"
    contacts += "1,山田,太郎,t@alpha.co.jp,株式会社アルファ,,製造業\n"
    contacts += "2,佐藤,花子,h@alpha.co.jp,株式会社アルファ,120,\n"
    contacts += "3,鈴木,一郎,i@beta.co.jp,ベータ株式会社,,\n"
    companies = "レコードID,会社名,会社のドメイン名,業種,従業員数,年間売上高\n"
    companies += "11,株式会社アルファ,alpha.co.jp,,300,5000000000\n"
    companies += (
        '12,アルファ（株）,alpha.co.jp,情報通信業,"1,000〜4,999名",\n'  # 名寄せ: one account
    )
    out = prepare(_load(("hubspot_contacts.csv", contacts), ("hubspot_companies.csv", companies)))
    d = out.dataset
    leads = d.leads.set_index("lead_id")
    assert leads.loc["1", "annual_revenue"] == 5_000_000_000  # from the companies file
    # as the roll-up reads the account: its largest size with that size's band, the first
    # industry given
    assert leads.loc["1", "employees"] == 1000
    assert (
        leads.loc["1", "employees_band"].startswith("1,000")
        and "4,999" in leads.loc["1", "employees_band"]
    )
    assert leads.loc["1", "industry"] == "製造業"  # its own value kept
    assert leads.loc["2", "employees"] == 120 and leads.loc["2", "industry"] == "情報通信業"
    assert pd.isna(leads.loc["2", "employees_band"])  # never a band beside another number
    assert pd.isna(leads.loc["3", "annual_revenue"])  # its company is not in the file
    from abm.accounts.rollup import rollup_accounts

    rolled = rollup_accounts(d.leads, accounts=d.accounts, as_of=pd.Timestamp("2026-01-01"))
    account = rolled.set_index("account_id").loc[leads.loc["1", "account_id"]]
    assert account["employees"] == leads.loc["1", "employees"]
    assert account["industry"] == "情報通信業"
