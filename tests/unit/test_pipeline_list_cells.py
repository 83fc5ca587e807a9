"""Association cells listing several records link to the first listed one found (#13).

HubSpot writes a row's associated contacts or companies in one cell, ``;``-separated
(``加藤 美咲;石川 翔太``, ``a@x.co.jp;b@x.co.jp``). Before, such a cell linked to no one:
the e-mail key of a list is no address, the name key of a list no name, and a list of
companies became an account of its own (``co:テクノブリッジ北陸エナジー``).
"""

from __future__ import annotations

import pandas as pd

from abm.pipeline import attach_accounts, link_people


def _s(values):
    return pd.array(values, dtype="string")


def _leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": _s(["L1", "L2", "L3", "L4"]),
            "email": _s(
                [
                    "misaki.kato@alphatech.co.jp",
                    "shota.ishikawa@fujimi-kensetsu.co.jp",
                    None,
                    "naoko.inoue@hokuriku-energy.co.jp",
                ]
            ),
            "full_name": _s(["加藤 美咲", "石川 翔太", "山口 拓也", "井上 直子"]),
            "company": _s(
                [
                    "株式会社アルファテック",
                    "富士見建設株式会社",
                    "北陸エナジー株式会社",
                    "北陸エナジー株式会社",
                ]
            ),
            "account_id": _s(["acc_alpha", "acc_fujimi", "acc_hokuriku", "acc_hokuriku"]),
        }
    )


def test_an_e_mail_list_links_the_first_address_found():
    acts = pd.DataFrame(
        {
            "email": _s(
                [
                    "nobody@alphatech.co.jp;Shota.Ishikawa@fujimi-kensetsu.co.jp",
                    "misaki.kato@alphatech.co.jp; shota.ishikawa@fujimi-kensetsu.co.jp",
                    "a@unknown.co.jp, naoko.inoue@hokuriku-energy.co.jp",
                    "a@unknown.co.jp;b@unknown.co.jp",
                ]
            )
        }
    )
    out = link_people(acts, _leads(), resolved=False)  # at load: e-mails need no 名寄せ
    assert out["link_rule"].tolist() == ["email", "email", "email", "none"]
    assert out["lead_id"].tolist() == ["L2", "L1", "L4", pd.NA]


def test_a_name_list_links_the_first_name_found_within_the_row_s_account():
    acts = pd.DataFrame(
        {
            "contact_name": _s(
                [
                    "井上 直子;山口 拓也",  # both known: the first listed
                    "小西 恭平；山口　拓也",  # an unknown name first, full-width separator and space
                    "加藤 美咲;井上 直子",  # 加藤 美咲 works elsewhere: the one of this account
                    "加藤 美咲;石川 翔太",  # nobody of this account: the account only
                ]
            ),
            "company": _s(
                ["北陸エナジー株式会社", "北陸エナジー", "北陸エナジー株式会社", "北陸エナジー"]
            ),
        }
    )
    out = link_people(acts, _leads())
    assert out["link_rule"].tolist() == ["name_account", "name_account", "name_account", "account"]
    assert out["lead_id"].tolist() == ["L4", "L3", "L4", pd.NA]


def test_a_company_list_is_the_first_company():
    acts = pd.DataFrame(
        {
            "contact_name": _s(["石川 翔太", None, None]),
            "company": _s(
                [
                    "富士見建設株式会社;株式会社アルファテック",
                    "北陸エナジー株式会社;株式会社アルファテック",
                    "株式会社未登録商会;株式会社ミナト",
                ]
            ),
        }
    )
    out = link_people(acts, _leads())
    assert out["link_rule"].tolist() == ["name_account", "account", "none"]
    assert out["lead_id"].tolist()[0] == "L2"
    accounts = attach_accounts(out, _leads())["account_id"].tolist()
    assert accounts == ["acc_fujimi", "acc_hokuriku", "co:未登録商会"]


def test_a_cell_with_one_value_links_as_before():
    acts = pd.DataFrame(
        {
            "email": _s(["shota.ishikawa@fujimi-kensetsu.co.jp;", None, None, None]),
            "contact_name": _s([None, "山口 拓也", "Ryo Kobayashi", None]),
            "company": _s(
                [None, "北陸エナジー株式会社", "Hokuto Systems Co., Ltd.", "株式会社アルファテック"]
            ),
        }
    )
    out = link_people(acts, _leads())
    # a trailing separator is no list; a company name with a comma is one company
    assert out["link_rule"].tolist() == ["email", "name_account", "none", "account"]
    assert out["lead_id"].tolist()[:2] == ["L2", "L3"]
    accounts = attach_accounts(out, _leads())["account_id"].tolist()
    assert accounts[1:] == ["acc_hokuriku", "co:hokutosystems", "acc_alpha"]


def test_every_row_is_kept_linked_or_not():
    acts = pd.DataFrame(
        {
            "email": _s([";", "x@y.co.jp;;z@y.co.jp", None]),
            "contact_name": _s([None, "；", " ; "]),
            "company": _s([";", None, "；"]),
        }
    )
    out = link_people(acts, _leads())
    assert len(out) == 3 and out["link_rule"].tolist() == ["none", "none", "none"]
    assert len(attach_accounts(out, _leads())) == 3
