"""abm.pipeline.people: the index rows link through (#13 item 3: linking at 1M rows)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.pipeline import link_people
from abm.pipeline.people import _lookup, company_domains, index_people


def _s(values) -> pd.Series:
    return pd.Series(values, dtype="string")


def _a(values) -> pa.Array:
    return pa.array(values, type=pa.large_string())


def test_a_key_goes_to_the_account_most_often_seen_with_it_ties_first_seen():
    table = _lookup(
        _a(["k1", "k1", "k1", "k2", "k2", None, "k3"]),
        _a(["B", "A", "A", "C", "D", "A", None]),
    )
    assert dict(zip(table.keys.to_pylist(), table.values.to_pylist(), strict=True)) == {
        "k1": "A",  # two rows against one
        "k2": "C",  # a tie: the first seen
    }


def test_a_key_two_accounts_share_decides_nothing_when_it_must_be_unique():
    table = _lookup(_a(["x", "x", "y", "y"]), _a(["A", "B", "C", "C"]), unique=True)
    assert table.keys.to_pylist() == ["y"] and table.get(_a(["x", "y"])).to_pylist() == [None, "C"]


def test_company_domains_skip_free_mail_and_fall_back_to_the_website():
    cols = {
        "email": _a(["taro@alpha.co.jp", "x@gmail.com", None, "bad"]),
        "domain": _a([None, "https://www.beta.co.jp/", "gamma.jp", None]),
    }
    assert company_domains(cols).to_pylist() == ["alpha.co.jp", "beta.co.jp", "gamma.jp", None]


def test_domain_accounts_look_at_the_people_of_the_domains_asked_only():
    leads = pd.DataFrame(
        {
            "email": _s(["a@alpha.co.jp", "b@alpha.co.jp", "c@beta.co.jp"]),
            "company": _s(["アルファ", "アルファ", "ベータ"]),
        }
    )
    people = index_people(leads)
    got = people.domain_accounts(_a(["alpha.co.jp", "nowhere.jp", None]))
    assert got.to_pylist() == ["co:アルファ", None, None]
    assert "account" not in people.__dict__  # no account computed for every person


_PEOPLE = pd.DataFrame(
    {
        "lead_id": _s([f"L{i}" for i in range(8)]),
        "email": _s(["a@x.jp", "b@x.jp", None, "d@y.jp", None, None, "g@z.jp", "h@z.jp"]),
        "full_name": _s(
            [
                "田中 誠",
                "田中 誠",
                "鈴木 一郎",
                "鈴木一郎",
                "佐藤 花子",
                "佐藤花子",
                None,
                "山田 太郎",
            ]
        ),
        "company": _s(
            ["エックス", "エックス", "ワイ", "ワイ", "ゼット", "ゼット", "ゼット", "ゼット"]
        ),
    }
)
_NAMES = ["田中誠", "鈴木一郎", "佐藤花子", "山田太郎", "無名"]
_COMPANIES = ["エックス", "ワイ", "ゼット", "(株)ゼット", "ダブリュー"]


@settings(max_examples=40)  # each example links every row, then each row alone
@given(
    st.lists(
        st.tuples(st.sampled_from([*_NAMES, None]), st.sampled_from([*_COMPANIES, None])),
        min_size=1,
        max_size=40,
    )
)
def test_rows_link_together_as_each_would_alone(rows):
    """The name table built for the accounts asked about, the whole table, and a row
    linked on its own all give the same person and rule."""
    frame = pd.DataFrame(
        {"contact_name": _s([n for n, _ in rows]), "company": _s([c for _, c in rows])}
    )
    together = link_people(frame, _PEOPLE)
    alone = pd.concat([link_people(frame.iloc[[i]], _PEOPLE) for i in range(len(frame))])
    pd.testing.assert_frame_equal(together, alone)
    people = index_people(_PEOPLE)
    assert len(people.names)  # the whole table built first
    pd.testing.assert_frame_equal(link_people(frame, people), together)


def test_namesakes_with_two_addresses_decide_nothing_one_person_exported_twice_does():
    frame = pd.DataFrame(
        {
            "contact_name": _s(["田中誠", "鈴木一郎", "佐藤花子"]),
            "company": _s(["エックス", "ワイ", "ゼット"]),
        }
    )
    out = link_people(frame, _PEOPLE)
    # 田中 at エックス: two e-mails, two people; 鈴木 at ワイ: one e-mail and one row without
    # one — one person, the first row; 佐藤 at ゼット: no e-mail at all — the first row
    assert out["link_rule"].tolist() == ["account", "name_account", "name_account"]
    assert out["lead_id"].tolist()[1:] == ["L2", "L4"]
