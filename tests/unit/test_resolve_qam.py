"""QA-M: a Latin name across scripts — a domain of its own vetoes, generic words may be left out.

``Futaba Corporation`` at futaba.com was put with フタバ産業 (futabaind.co.jp) by its reading:
a domain stem that only extends the other (``futabaind`` / ``futaba``) did not veto a match
on the name alone. ``Tiger``, ``Yazaki`` and ``Zojirushi Corporation`` on free mail stayed
accounts of one person: 魔法瓶 / マホービン and 総業 were not known as generic words, so the
English name was only the start of the Japanese one.
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.resolve import resolve, resolve_accounts


def _leads(rows: list[tuple[str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["company", "email"], dtype="string")


def _people(company: str, domain: str, n: int = 3) -> list[tuple[str, str | None]]:
    return [(company, f"p{i}.{len(company)}@{domain}") for i in range(n)]


def _account(out: pd.DataFrame, company: str) -> str:
    ids = out.loc[out["company"].eq(company), "account_id"].unique()
    assert len(ids) == 1, (company, ids)
    return str(ids[0])


@pytest.mark.parametrize("domain", ["futabaind.co.jp", "futabasangyo.com"])
def test_a_domain_that_only_extends_the_other_vetoes_a_reading(domain: str) -> None:
    out = resolve_accounts(
        _leads([*_people("フタバ産業株式会社", domain), ("Futaba Corporation", "o.m@futaba.com")])
    )
    assert _account(out, "Futaba Corporation") != _account(out, "フタバ産業株式会社")
    assert out.loc[out["company"].eq("Futaba Corporation"), "match_rule"].tolist() == ["singleton"]


@pytest.mark.parametrize("domain", ["futaba.co.jp", "futaba.com"])
def test_the_company_whose_domain_it_shares_takes_it(domain: str) -> None:
    out = resolve_accounts(
        _leads(
            [
                *_people("フタバ産業株式会社", "futabaind.co.jp", 4),
                *_people("双葉電子工業株式会社", domain),
                ("Futaba Corporation", "o.m@futaba.com"),
            ]
        )
    )
    assert _account(out, "Futaba Corporation") == _account(out, "双葉電子工業株式会社")
    assert _account(out, "Futaba Corporation") != _account(out, "フタバ産業株式会社")


def test_a_free_mail_name_read_as_two_companies_is_reviewed() -> None:
    res = resolve(
        _leads(
            [
                *_people("フタバ産業株式会社", "futabaind.co.jp"),
                *_people("双葉電子工業株式会社", "futaba.co.jp"),
                ("Futaba Corporation", "o.m@gmail.com"),
            ]
        )
    )
    out = res.leads
    alone = _account(out, "Futaba Corporation")
    assert alone not in {_account(out, "フタバ産業株式会社"), _account(out, "双葉電子工業株式会社")}
    assert set(res.review["reason"]) == {"ambiguous_reading"}
    assert len(res.review) == 2


@pytest.mark.parametrize(
    ("english", "japanese", "domain"),
    [
        ("Tiger Corporation", "タイガー魔法瓶株式会社", "tiger.jp"),
        ("Yazaki Corporation", "矢崎総業株式会社", "yazaki-group.com"),
        ("Zojirushi Corporation", "象印マホービン株式会社", "zojirushi.co.jp"),
    ],
)
def test_an_english_name_without_the_generic_words_joins(
    english: str, japanese: str, domain: str
) -> None:
    out = resolve_accounts(
        _leads(
            [
                *_people("フタバ産業株式会社", "futabaind.co.jp"),
                *_people(japanese, domain),
                (english, "someone@gmail.com"),
            ]
        )
    )
    assert _account(out, english) == _account(out, japanese)
    assert out.loc[out["company"].eq(english), "match_rule"].iloc[0] in {
        "reading_name",
        "domain_name",
    }


def test_tiger_needs_the_domain_it_spells() -> None:
    """タイガー is said ``taiga``, ``Tiger`` by English rules ``tija``: only the domain
    ``tiger`` that the English name spells links them; on free mail both stay apart."""
    out = resolve_accounts(
        _leads([("タイガー魔法瓶株式会社", "a@gmail.com"), ("Tiger Corporation", "b@gmail.com")])
    )
    assert out["account_id"].nunique() == 2


def test_two_companies_of_the_reading_are_not_chosen_between() -> None:
    res = resolve(
        _leads(
            [
                *_people("矢崎総業株式会社", "yazaki.com"),
                *_people("矢崎工業株式会社", "yazaki-kogyo.co.jp"),
                ("Yazaki Corporation", "m.s@gmail.com"),
            ]
        )
    )
    assert res.leads["account_id"].nunique() == 3
    assert set(res.review["reason"]) == {"ambiguous_reading"}
